//! Deadlines in Dutch council sentences.
//!
//! [`extract_deadlines`] finds the phrases in one sentence that set a deadline for the addressee
//! (the college, the government) and normalises each to a [`DeadlineKind`] and a due date relative
//! to the document's date, following `shared/eval/README.md`. It is rule-based: every result
//! carries the byte span of the phrase it came from.
//!
//! The pipeline:
//! 1. Sentence gate: recitals ("overwegende dat", "constaterende dat", ...) hold no deadlines, and a
//!    sentence must ask or promise something (a request or promise verb, an infinitive dictum
//!    "... te informeren", or "zal/zullen"); a bare description of a third party's procedure does not.
//! 2. Candidates per phrase family. Each is a frame (a preposition or qualifier: "uiterlijk",
//!    "vóór", "in", "rond", "binnen", "na", "bij", "medio", "eind", "begin") with a time reference:
//!    calendar days ("uiterlijk 1 oktober 2025"), months, quarters, halves, years, seasons and
//!    recesses, relative periods ("binnen zes weken"), events ("bij de Voorjaarsnota", "vóór
//!    Prinsjesdag", "als onderdeel van het Belastingplan 2026", "met de kadernota ... mee te
//!    sturen"), asap, recurring ("jaarlijks te rapporteren"). A year, season or quarter named from
//!    the document with a deictic determiner ("dit jaar", "komend voorjaar", "dit kwartaal") needs
//!    no preposition. Season and recess dates are locale data in `SEASON_TABLE`; a council's own
//!    recesses come in a [`DeadlineContext`].
//! 3. Filters: dates in the past of the document, dates after "tot", "sinds", "vanaf", "eerder",
//!    ... (terms, history), policy-target years ("doelstelling voor 2030", years far ahead), years
//!    of money ("€ 2 miljoen in 2026", "de tarieven voor 2026"), scopes ("voor 2025 en 2026").
//! 4. Overlaps are resolved (longest phrase wins), asap is dropped when a harder limit exists, and
//!    a promise with nothing else becomes `open`.
//!
//! Every candidate carries the name of the rule that found it, and every dropped one a
//! [`DropReason`]; [`explain_deadlines`] (and `raadsvolger deadlines --explain`) shows them.
//!
//! Where things are:
//! - `lexicon/*.txt`: the words of the rules, one word or phrase a line (`lexicon.rs` loads them);
//!   a linguist adds a word there.
//! - `patterns.rs`: the regular expressions, built from the lexicon and the few true patterns
//!   (years, character classes, compounds).
//! - `candidates.rs`, `events.rs`, `seasons.rs`: the finders per phrase family; `seasons.rs` also
//!   holds the season table and the council's recesses.
//! - `filters.rs`: the named filters and [`DropReason`]; `pipeline.rs`: the steps above in order.
//! - `resolve.rs`, `text.rs`: date arithmetic and clause boundaries; `score.rs`: the evaluation
//!   scorer used by the evaluation tests.

mod candidates;
mod events;
mod filters;
mod lexicon;
mod patterns;
mod pipeline;
mod resolve;
mod score;
mod seasons;
#[cfg(test)]
mod tests;
mod text;

use chrono::NaiveDate;

pub use filters::DropReason;
pub use resolve::{prinsjesdag, verantwoordingsdag};
pub use score::{Score, due_matches, parse_expected, score_row};
pub use seasons::Recess;

/// What a sentence is read against besides its text and its document's date: the council's own
/// recesses. The default is the calendar of `seasons.rs` alone.
#[derive(Debug, Clone, Copy, Default)]
pub struct DeadlineContext<'a> {
    /// The council's recesses; a recess not listed keeps its default dates.
    pub recesses: &'a [Recess],
}

impl<'a> DeadlineContext<'a> {
    /// The context of a council that set these recesses.
    pub fn with_recesses(recesses: &'a [Recess]) -> Self {
        DeadlineContext { recesses }
    }
}

pub use crate::model::DeadlineKind;

/// One deadline found in a sentence: its kind, the due date (if the kind has one), and the matched
/// phrase (`text` = `sentence[start..end]`, byte offsets on char boundaries).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub due: Option<NaiveDate>,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// The request that opens a dictum ("verzoekt daarom het college", "roepen het college van GS")
/// as a regex pattern without flags: its verbs, adverbs and addressees are the lexicon files
/// `dictum_verbs`, `dictum_adverbs` and `addressees`. The commitment reader finds dictums with
/// it, the deadline rules read a motion from it on.
pub(crate) fn dictum_request_pattern() -> &'static str {
    patterns::DICTUM_REQUEST.as_str()
}

/// All deadlines in one sentence, in text order; `doc_date` anchors relative phrases.
///
/// A whole motion (recitals, then the dictum: "De raad, ... overwegende dat ...; verzoekt daarom
/// het college ...") is read from its dictum on: the dates in its recitals are history, not
/// deadlines.
///
/// Seasons and recesses are dated by the default calendar; [`extract_deadlines_with`] reads them
/// with a council's own recesses.
pub fn extract_deadlines(sentence: &str, doc_date: NaiveDate) -> Vec<Deadline> {
    extract_deadlines_with(sentence, doc_date, &DeadlineContext::default())
}

/// One candidate phrase of a sentence, the rule that found it, and why it is not a deadline (if
/// it is not).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Explained {
    /// The rule (candidate finder) that found the phrase: "day", "season", "event",
    /// "event_clause", "open_promise", ...
    pub rule: &'static str,
    /// The phrase as it would be a deadline: kind, due date, text and span.
    #[serde(flatten)]
    pub candidate: Deadline,
    /// `None` when the phrase is a deadline (one of [`extract_deadlines_with`]'s results).
    pub dropped: Option<DropReason>,
}

/// Every candidate phrase of `sentence`, in text order, with the rule that found it and the
/// reason it was dropped, if it was: what [`extract_deadlines_with`] decides, made visible. A
/// sentence that asks nothing is searched all the same, its candidates dropped with the reason
/// ([`DropReason::AsksNothing`], [`DropReason::Recital`]). A whole motion is read from its
/// dictum on, as by the extractor.
pub fn explain_deadlines(
    sentence: &str,
    doc_date: NaiveDate,
    ctx: &DeadlineContext<'_>,
) -> Vec<Explained> {
    let judged = pipeline::judge(sentence, doc_date, ctx, true);
    let mut out: Vec<Explained> = (0..judged.cands.len())
        .map(|i| Explained {
            rule: judged.cands[i].rule,
            candidate: judged.deadline(sentence, i),
            dropped: judged.fate[i],
        })
        .collect();
    out.sort_by_key(|e| (e.candidate.start, e.candidate.end));
    out
}

/// [`extract_deadlines`] in a context: a council's own recess dates.
pub fn extract_deadlines_with(
    sentence: &str,
    doc_date: NaiveDate,
    ctx: &DeadlineContext<'_>,
) -> Vec<Deadline> {
    pipeline::judge(sentence, doc_date, ctx, false).deadlines(sentence)
}
