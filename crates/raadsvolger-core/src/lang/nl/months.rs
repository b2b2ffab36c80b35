//! The months as Dutch writes them: the names, the abbreviations clerks and portals use
//! ("jan.", "mrt", "sept", and the English "mar", "oct" that slip in), and the way back from a
//! word to its number. Every reader and writer of a Dutch date takes them from here.

/// The names, January first.
pub const NAMES: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// The abbreviations, each with its month (with or without a trailing dot in the text).
pub const ABBREVIATIONS: [(&str, u32); 15] = [
    ("jan", 1),
    ("febr", 2),
    ("feb", 2),
    ("mrt", 3),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sept", 9),
    ("sep", 9),
    ("okt", 10),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// A regex alternation of the names and the abbreviations, longer before shorter where one
/// starts another (for `(?i)` patterns; follow it with `\b`). Held to [`NAMES`] and
/// [`ABBREVIATIONS`] by a test.
pub const ALTERNATION: &str = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|sept|febr|jan|feb|mrt|mar|apr|jun|jul|aug|sep|okt|oct|nov|dec";

/// The full names only (for phrases such as "uiterlijk januari 2025", where an abbreviation
/// like "jan" could be a first name).
pub const FULL_ALTERNATION: &str =
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december";

/// The month (1–12) of a name or an abbreviation, without regard to case, with or without a
/// trailing dot: "januari", "Jan.", "MRT", "okt.", "sept".
pub fn number(word: &str) -> Option<u32> {
    let w = word.trim().trim_end_matches('.').to_lowercase();
    NAMES
        .iter()
        .position(|n| *n == w)
        .map(|i| i as u32 + 1)
        .or_else(|| ABBREVIATIONS.iter().find(|(a, _)| *a == w).map(|(_, m)| *m))
}

/// The name of month `month` (1–12).
pub fn name(month: u32) -> Option<&'static str> {
    NAMES.get(month.checked_sub(1)? as usize).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_or_abbreviation_gives_its_month() {
        assert_eq!(number("januari"), Some(1));
        assert_eq!(number("Jan."), Some(1));
        assert_eq!(number("MRT"), Some(3));
        assert_eq!(number("maart"), Some(3));
        assert_eq!(number("mar"), Some(3));
        assert_eq!(number("mrt."), Some(3));
        assert_eq!(number("okt."), Some(10));
        assert_eq!(number("sept"), Some(9));
        assert_eq!(number("zomer"), None);
        assert_eq!(name(10), Some("oktober"));
        assert_eq!(name(0), None);
        assert_eq!(name(13), None);
    }

    #[test]
    fn the_alternations_hold_the_names_and_abbreviations_and_nothing_else() {
        assert_eq!(FULL_ALTERNATION, NAMES.join("|"));
        let words: Vec<&str> = ALTERNATION.split('|').collect();
        assert_eq!(&words[..12], &NAMES[..], "the names come first");
        for w in &words {
            assert!(number(w).is_some(), "{w} is no month");
        }
        for (a, m) in ABBREVIATIONS {
            assert!(words.contains(&a), "{a} is missing from the alternation");
            assert_eq!(number(a), Some(m));
        }
        // A word that starts another comes after it, so the regex takes the longer one.
        for (i, w) in words.iter().enumerate() {
            for longer in &words[i + 1..] {
                assert!(
                    !(longer.starts_with(w) && longer.len() > w.len()),
                    "{longer} must come before {w}"
                );
            }
        }
    }
}
