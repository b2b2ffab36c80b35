//! What became of a proposal, as councils and reports say it: one word ("aangenomen",
//! "verworpen", "ingetrokken", "aangehouden"; "niet aangenomen" is a rejection), a tie (by the
//! Gemeentewet, art. 32, a proposal on which the votes are equal is not adopted), or a phrase
//! ("De raad nam de motie aan", "De motie haalde het niet", "kreeg geen meerderheid").

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Outcome;

fn re(p: &str) -> Regex {
    Regex::new(p).expect("static regex in outcomes.rs")
}

/// An outcome word. Text taken from a PDF may have lost the hyphen of a word broken at the
/// line's end ("aan genomen", "ver worpen").
pub(super) static OUTCOME: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(aanvaard|aan\s?genomen|ver\s?worpen|ingetrokken|aangehouden)\b"));
/// A tie: by the Gemeentewet (art. 32) a proposal on which the votes are equal in a full
/// meeting is not adopted.
static TIE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bstak(?:en|ing)\s+(?:der\s+|de\s+|van\s+(?:de\s+)?)?stemmen\b|\bstemmen\s+(?:staken|staakten)\b",
    )
});

/// What became of the item a sentence speaks of: an outcome word, or a tie (not adopted).
/// "niet aangenomen" is a rejection.
pub(crate) fn outcome_in(sentence: &str) -> Option<Outcome> {
    verdict(sentence).map(|(o, _)| o)
}

/// [`outcome_in`] with where the verdict starts in the sentence.
pub(crate) fn verdict(sentence: &str) -> Option<(Outcome, usize)> {
    OUTCOME
        .find(sentence)
        .and_then(|m| {
            let outcome = Outcome::parse(m.as_str())?;
            let negated = sentence[..m.start()]
                .split_whitespace()
                .next_back()
                .is_some_and(|w| w.eq_ignore_ascii_case("niet"));
            Some(match outcome {
                Outcome::Aangenomen if negated => (Outcome::Verworpen, m.start()),
                o => (o, m.start()),
            })
        })
        .or_else(|| TIE.find(sentence).map(|m| (Outcome::Verworpen, m.start())))
        .or_else(|| phrased(sentence))
}

/// An outcome told in a phrase rather than in one word, each with the outcome it states when
/// nothing negates it:
/// - the council took it: "De raad nam de motie aan" (the separable verb around its object);
/// - it made it, or not: "De motie haalde het (niet)", "heeft het gehaald";
/// - a majority, or none: "kreeg een ruime meerderheid", "kreeg geen meerderheid", "Een
///   meerderheid stemde voor (tegen)";
/// - it fell: "sneuvelde", "strandde".
static PHRASES: LazyLock<Vec<(Regex, Outcome)>> = LazyLock::new(|| {
    [
        (
            r"(?i)\b(?:neemt|nemen|nam|namen)\s+(?:\S+\s+){0,5}?(?:motie|amendement|voorstel)\S*\s+(?:\S+\s+){0,6}?aan\b",
            Outcome::Aangenomen,
        ),
        (
            r"(?i)\b(?:haalt|haalde|haalden)\s+het\b|\bhet\s+(?:niet\s+)?gehaald\b",
            Outcome::Aangenomen,
        ),
        (
            r"(?i)\b(?:krijgt|kreeg|kregen|haalt|haalde)\s+(?:een\s+|de\s+)?(?:ruime\s+|brede\s+|grote\s+|nipte\s+)?meerderheid\b",
            Outcome::Aangenomen,
        ),
        (
            r"(?i)\b(?:krijgt|kreeg|kregen|haalt|haalde)\s+(?:geen|onvoldoende)\s+(?:meerderheid|steun)\b",
            Outcome::Verworpen,
        ),
        (
            r"(?i)\bmeerderheid\s+(?:van\s+de\s+raad\s+)?(?:stemt|stemde|stemden)\s+(?:er\s+)?voor\b",
            Outcome::Aangenomen,
        ),
        (
            r"(?i)\bmeerderheid\s+(?:van\s+de\s+raad\s+)?(?:stemt|stemde|stemden)\s+(?:er\s+)?tegen\b",
            Outcome::Verworpen,
        ),
        (
            r"(?i)\b(?:sneuvelt|sneuvelde|sneuvelden|gesneuveld|strandt|strandde|strandden|gestrand)\b",
            Outcome::Verworpen,
        ),
    ]
    .into_iter()
    .map(|(p, o)| (re(p), o))
    .collect()
});
/// "niet" or "geen" in or just after a phrase: it did not happen.
static NEGATION: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:niet|geen)\b"));

fn phrased(sentence: &str) -> Option<(Outcome, usize)> {
    PHRASES.iter().find_map(|(r, outcome)| {
        let m = r.find(sentence)?;
        let mut end = (m.end() + 12).min(sentence.len());
        while !sentence.is_char_boundary(end) {
            end -= 1;
        }
        let negated =
            *outcome == Outcome::Aangenomen && NEGATION.is_match(&sentence[m.start()..end]);
        Some((
            if negated {
                Outcome::Verworpen
            } else {
                *outcome
            },
            m.start(),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tie_is_a_rejection() {
        assert_eq!(
            outcome_in("Over de motie staken de stemmen: 15 voor, 15 tegen."),
            Some(Outcome::Verworpen)
        );
        assert_eq!(
            outcome_in("Bij staking van stemmen is het voorstel niet aangenomen."),
            Some(Outcome::Verworpen)
        );
        assert_eq!(
            outcome_in("De motie is niet aanvaard."),
            Some(Outcome::Verworpen)
        );
    }

    #[test]
    fn outcomes_told_in_phrases() {
        for (sentence, outcome) in [
            ("De raad nam de motie aan.", Outcome::Aangenomen),
            (
                "De raad nam onze motie over bankjes niet aan.",
                Outcome::Verworpen,
            ),
            ("De motie haalde het niet.", Outcome::Verworpen),
            ("Onze motie heeft het gehaald!", Outcome::Aangenomen),
            (
                "Het amendement kreeg een ruime meerderheid.",
                Outcome::Aangenomen,
            ),
            ("De motie kreeg geen meerderheid.", Outcome::Verworpen),
            ("Een meerderheid stemde voor de motie.", Outcome::Aangenomen),
            ("Het voorstel sneuvelde in de raad.", Outcome::Verworpen),
        ] {
            assert_eq!(outcome_in(sentence), Some(outcome), "{sentence}");
        }
        // Taking part is not taking a motion.
        assert_eq!(
            outcome_in("Wij namen deel aan het overleg over de motie."),
            None
        );
        assert_eq!(outcome_in("Het bericht haalde de krant."), None);
    }
}
