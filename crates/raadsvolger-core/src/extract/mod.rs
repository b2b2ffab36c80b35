//! Extraction from Dutch council text: dates, deadlines, parties, votes and commitments.

pub mod answers;
pub mod commitments;
pub mod counts;
pub mod dates;
pub mod deadlines;
pub mod decisions;
pub mod item_titles;
pub mod notation;
pub mod outcomes;
pub mod parties;
pub mod promise_lists;
pub mod promises;
pub mod register_entries;
pub mod vote_lists;
pub mod votes;

/// The entries of a word list (one word or phrase a line, `#` comments) as a regex
/// alternation: each escaped, a space matching any run of whitespace.
pub(crate) fn alternation(list: &str) -> String {
    list.lines()
        .map(|l| l.split_once('#').map_or(l, |(entry, _)| entry).trim())
        .filter(|e| !e.is_empty())
        .map(|e| regex::escape(e).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}
