//! The counts of a vote as councils write them: "aangenomen 34/4", "verworpen (2-17)", "met
//! 30 stemmen voor en 8 tegen", "met 11 tegen 8", "16 raadsleden stemden voor", "Totaal voor:
//! 14", "Stemverhouding: 25-4"; unanimity ("met algemene stemmen"); and the parties on each
//! side ("voor: CU, PvdA; tegen: PVV").

use std::sync::LazyLock;

use regex::Regex;

use super::parties;
use crate::model::{PartyVote, VoteEvent};

fn re(p: &str) -> Regex {
    Regex::new(p).expect("static regex in counts.rs")
}

/// Counts, unanimity and per-party votes in one line.
pub(crate) fn fill_counts(e: &mut VoteEvent, text: &str) {
    if let Some(c) = SLASH_COUNT
        .captures(text)
        .or_else(|| WORD_COUNT.captures(text))
        .or_else(|| AGAINST_COUNT.captures(text))
    {
        e.votes_for = c[1].parse().ok();
        e.votes_against = c[2].parse().ok();
    } else if let (Some(f), Some(a)) = (TOTAL_FOR.captures(text), TOTAL_AGAINST.captures(text)) {
        e.votes_for = f[1].parse().ok();
        e.votes_against = a[1].parse().ok();
    }
    if UNANIMOUS.is_match(text)
        || (e.votes_against == Some(0) && e.votes_for.is_some_and(|n| n > 0))
    {
        e.unanimous = true;
    }
    for c in PARTY_SIDE.captures_iter(text) {
        let option = c[1].to_lowercase();
        for name in c[2].split([',', '/']).flat_map(|p| p.split(" en ")) {
            if let Some(party) = parties::canonical(name.trim().trim_end_matches('.')) {
                e.party_votes.push(PartyVote {
                    party: party.to_owned(),
                    option: option.clone(),
                });
            }
        }
    }
}

/// "aangenomen 34/4", "verworpen (2-17)", "aangenomen met 20-9".
static SLASH_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:aanvaard|aan\s?genomen|ver\s?worpen)\b[\s:,]*(?:met\s+)?\(?(\d{1,3})\s*[/–-]\s*(\d{1,3})\b",
    )
});
/// "met 20 stemmen voor en 5 tegen", "3 stemmen voor van de leden A, B en C en 14 stemmen
/// tegen", "6 stemmen voor (CDA, PvdA en D66) en 3 tegen", "11 raadsleden stemden voor en 11
/// tegen".
static WORD_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(\d{1,3})\s+(?:stemmen\s+|(?:raads)?leden\s+(?:(?:stemden|stemmen)\s+)?)?(?:voor|vóór)\b[^.;\n]{0,80}?\b(\d{1,3})\s+(?:stemmen\s+|(?:raads)?leden\s+(?:(?:stemden|stemmen)\s+)?)?tegen\b",
    )
});
/// "aangenomen met 11 tegen 8", "met 11 tegen 8 stemmen verworpen": the votes for, then
/// against.
static AGAINST_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?:aanvaard|aan\s?genomen|ver\s?worpen)\s+)?met\s+(\d{1,3})\s+tegen\s+(\d{1,3})\b(?:\s+stemmen)?",
    )
});
/// A vote overview's totals: "Totaal voor: 14", "Totaal tegen 9".
static TOTAL_FOR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\btotaal\s+(?:voor|vóór)\s*:?\s*(\d{1,3})\b"));
static TOTAL_AGAINST: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\btotaal\s+tegen\s*:?\s*(\d{1,3})\b"));
pub(super) static UNANIMOUS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(unaniem|met algemene stemmen|zonder stemming|zonder hoofdelijke stemming)\b")
});
static PARTY_SIDE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(voor|tegen)\s*(?:stemden|stemmen)?\s*:\s*([^;\n]+)"));
/// How many votes with their counts a text gives.
pub(super) fn counts_in(text: &str) -> usize {
    SLASH_COUNT.find_iter(text).count()
        + WORD_COUNT.find_iter(text).count()
        + AGAINST_COUNT.find_iter(text).count()
}

/// A register's field of the count alone: "Stemverhouding: 25-4", "Stemming: 18/9".
pub(super) static COUNT_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?im)^\s*(?:stemverhouding|stemming|stemuitslag|uitslag stemming)\s*:?\s*(\d{1,3})\s*[-–/]\s*(\d{1,3})\s*$",
    )
});

/// The words of a line besides its counts ("18 voor, 21 tegen", "34/4"): how much else it says.
pub(super) fn words_besides_counts(line: &str) -> usize {
    let mut rest = line.to_owned();
    for count in [&*WORD_COUNT, &*AGAINST_COUNT] {
        rest = count.replace_all(&rest, " ").into_owned();
    }
    rest = BARE_COUNT.replace_all(&rest, " ").into_owned();
    rest.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}
/// "34/4", "(2-17)": a count after its outcome word.
static BARE_COUNT: LazyLock<Regex> = LazyLock::new(|| re(r"\(?\b\d{1,3}\s*[/–-]\s*\d{1,3}\b\)?"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_written_in_the_ways_councils_write_them() {
        let counts = |line: &str| {
            let mut e = VoteEvent::default();
            fill_counts(&mut e, line);
            (e.votes_for, e.votes_against)
        };
        assert_eq!(counts("Motie 4: verworpen (3-18)"), (Some(3), Some(18)));
        assert_eq!(counts("aangenomen met 13 tegen 6"), (Some(13), Some(6)));
        assert_eq!(
            counts("met 13 tegen 6 stemmen verworpen"),
            (Some(13), Some(6))
        );
        assert_eq!(
            counts("aangenomen met 8 stemmen voor (VVD, D66 en CDA) en 4 tegen"),
            (Some(8), Some(4))
        );
        assert_eq!(
            counts("Daarbij stemden 16 raadsleden voor en 19 raadsleden stemden tegen."),
            (Some(16), Some(19))
        );
        assert_eq!(
            counts("Voor: CDA (4), D66 (3)\nTotaal voor: 7\nTotaal tegen: 2"),
            (Some(7), Some(2))
        );
    }

    #[test]
    fn party_votes_in_a_line() {
        let mut e = VoteEvent::default();
        fill_counts(&mut e, "aangenomen 30/8; voor: CU, PvdA, VVD; tegen: PVV");
        assert_eq!((e.votes_for, e.votes_against), (Some(30), Some(8)));
        assert_eq!(e.party_votes.len(), 4);
        assert_eq!(
            e.party_votes[3],
            PartyVote {
                party: "PVV".into(),
                option: "tegen".into()
            }
        );
    }
}
