//! The words of the deadline rules, as data: one plain text file per word list in `lexicon/`
//! (one word or phrase a line, `#` comments), compiled into the binary.
//!
//! A list becomes a regex alternation in [`Lexicon::alternation`]: each entry is escaped, so a
//! linguist writes words, not patterns, and a space in a phrase matches any run of whitespace.
//! What is truly a pattern (a character class, a year, a compound's free first part) stays in
//! `patterns.rs` beside the list it extends.

/// One word list, read from `lexicon/<name>.txt`.
pub(super) struct Lexicon {
    text: &'static str,
}

macro_rules! lexicon {
    ($($id:ident = $file:literal;)*) => {
        $(pub(super) const $id: Lexicon = Lexicon {
            text: include_str!(concat!("lexicon/", $file, ".txt")),
        };)*
        /// Every list with its file name, for the checks of the test suite.
        #[cfg(test)]
        pub(super) const ALL: &[(&str, Lexicon)] = &[$(($file, $id)),*];
    };
}

lexicon! {
    ADDRESSEES = "addressees";
    AMOUNT_WORDS = "amount_words";
    BIJ_OBJECT_WORDS = "bij_object_words";
    BLOCKERS = "blockers";
    BUDGET_HEADS = "budget_heads";
    BUDGET_WORDS = "budget_words";
    COST_HEADS = "cost_heads";
    DEICTIC = "deictic";
    DELIVERY_VERBS = "delivery_verbs";
    DICTUM_ADVERBS = "dictum_adverbs";
    DICTUM_VERBS = "dictum_verbs";
    DOC_HEADS = "doc_heads";
    FOR_NOUNS = "for_nouns";
    FOR_VERBS = "for_verbs";
    INCLUDE_VERBS = "include_verbs";
    INFORM_VERBS = "inform_verbs";
    MEETING_HEADS = "meeting_heads";
    MET_OBJECT_WORDS = "met_object_words";
    MOMENT_NOUNS = "moment_nouns";
    NEXT = "next";
    NOT_EVENTS_AFTER_NEXT = "not_events_after_next";
    NUMBERS = "numbers";
    PARTICIPLES = "participles";
    PAST_AUXILIARIES = "past_auxiliaries";
    PLAN_NOUNS = "plan_nouns";
    PURPOSE_WORDS = "purpose_words";
    QUALIFIERS = "qualifiers";
    RECEIVE_VERBS = "receive_verbs";
    RECEIVED_PARTICIPLES = "received_participles";
    RECIPIENTS = "recipients";
    RECITAL_OPENERS = "recital_openers";
    RECITAL_WORDS = "recital_words";
    REPORT_VERBS = "report_verbs";
    REPORT_WORDS_AFTER = "report_words_after";
    REPORT_WORDS_BEFORE = "report_words_before";
    REQUEST_WORDS = "request_words";
    SEASONS = "seasons";
    SUBORDINATORS = "subordinators";
    TARGET_WORDS = "target_words";
    YEAR_DETERMINERS = "year_determiners";
}

impl Lexicon {
    /// The entries in file order: comments and blank lines left out, each trimmed. An entry of
    /// the form `word = value` (the numbers) is given whole; see [`Lexicon::words`].
    pub(super) fn entries(&self) -> impl Iterator<Item = &'static str> {
        let text: &'static str = self.text;
        text.lines()
            .map(|line| line.split_once('#').map_or(line, |(entry, _)| entry).trim())
            .filter(|entry| !entry.is_empty())
    }

    /// The words or phrases of the entries (the part before ` = ` where there is one).
    pub(super) fn words(&self) -> impl Iterator<Item = &'static str> {
        self.entries()
            .map(|entry| entry.split_once('=').map_or(entry, |(word, _)| word).trim())
    }

    /// The entries with a value (`word = value`).
    pub(super) fn values(&self) -> impl Iterator<Item = (&'static str, &'static str)> {
        self.entries().filter_map(|entry| {
            let (word, value) = entry.split_once('=')?;
            Some((word.trim(), value.trim()))
        })
    }

    /// The words as a regex alternation without a group around it (`a|b\s+c`), in file order:
    /// each word escaped, the spaces of a phrase as `\s+`.
    pub(super) fn alternation(&self) -> String {
        self.words()
            .map(|word| {
                word.split_whitespace()
                    .map(regex::escape)
                    .collect::<Vec<_>>()
                    .join(r"\s+")
            })
            .collect::<Vec<_>>()
            .join("|")
    }

    /// Whether `word` is one of the words (compared in lowercase).
    pub(super) fn contains(&self, word: &str) -> bool {
        let word = word.to_lowercase();
        self.words().any(|w| w.to_lowercase() == word)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn every_lexicon_loads_without_empty_or_repeated_entries() {
        for (name, lexicon) in ALL {
            assert!(
                lexicon
                    .text
                    .lines()
                    .next()
                    .is_some_and(|l| l.starts_with('#')),
                "{name}: the file opens with a comment saying what the list is"
            );
            let words: Vec<&str> = lexicon.words().collect();
            assert!(!words.is_empty(), "{name}: no entries");
            let mut seen = HashSet::new();
            for word in &words {
                assert!(!word.is_empty(), "{name}: an empty entry");
                assert!(
                    word.chars().any(char::is_alphanumeric),
                    "{name}: {word:?} holds no letter"
                );
                let key = word.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(
                    seen.insert(key.to_lowercase()),
                    "{name}: {word:?} is listed twice"
                );
            }
            assert!(
                regex::Regex::new(&lexicon.alternation()).is_ok(),
                "{name}: its alternation does not compile"
            );
        }
    }

    #[test]
    fn numbers_carry_their_values() {
        assert_eq!(NUMBERS.values().count(), NUMBERS.entries().count());
        for (word, value) in NUMBERS.values() {
            assert!(value.parse::<u32>().is_ok(), "numbers: {word} = {value:?}");
        }
    }

    #[test]
    fn phrases_become_patterns_of_words() {
        let re = regex::Regex::new(&format!("^(?:{})$", QUALIFIERS.alternation()))
            .expect("alternation compiles");
        assert!(re.is_match("in  ieder\tgeval"));
        assert!(!re.is_match("in ieder"));
        assert!(BLOCKERS.contains("T/M"));
        assert!(!BLOCKERS.contains("voor"));
    }
}
