//! Promises the executive makes in its answers to written questions: "Het college … zal dit
//! aan de raad voorleggen", "Wij zullen u voor de zomer informeren". An answer that says what
//! the executive will do is a commitment, as registers of promises record them; one under a
//! condition ("als", "indien", "mits") or that only supposes ("zou") is not, nor is a question.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::commitments::{best_deadline, clean_task, sentences, to_due};
use super::deadlines::extract_deadlines;
use crate::model::{CommitmentDraft, Origin};

fn re(p: &str) -> Regex {
    Regex::new(p).expect("static regex in answers.rs")
}

/// The executive as the subject of a future: "het college … zal", "wij zullen"; or of an
/// expectation or aim ("wij verwachten u … te sturen", "het college streeft ernaar …"), which
/// binds it only to a term it names.
static WILL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:het\s+college|wij|we|de\s+wethouder|de\s+burgemeester)\b[^.?;:]{0,80}?\b(zal|zullen|verwacht|verwachten|streeft|streven)\b",
    )
});
/// A condition that the promise hangs on.
static CONDITION: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:als|indien|mits|wanneer|mocht|mochten|tenzij|zodra)\b"));

/// The promises in the answers of `text`, dated from `date` where a deadline names no year.
pub fn promises(text: &str, date: Option<NaiveDate>) -> Vec<CommitmentDraft> {
    let mut out = Vec::new();
    for sentence in sentences(text) {
        crate::budget::check();
        let sentence = sentence.trim();
        if sentence.ends_with('?') || CONDITION.is_match(sentence) {
            continue;
        }
        let Some(c) = WILL.captures(sentence) else {
            continue;
        };
        let will = c.get(1).expect("group");
        let task = sentence[will.start()..].trim_end_matches(['.', ';']);
        if task.split_whitespace().count() < 4 {
            continue;
        }
        let deadline = date.and_then(|d| best_deadline(&extract_deadlines(sentence, d)));
        let expects = !matches!(will.as_str().to_lowercase().as_str(), "zal" | "zullen");
        if expects && deadline.as_ref().is_none_or(|d| d.due.is_none()) {
            continue;
        }
        out.push(CommitmentDraft {
            origin: Origin::Promise,
            text: clean_task(task, deadline.as_ref().map(|d| d.text.as_str())),
            actor: if c[0].to_lowercase().contains("wethouder") {
                "wethouder".into()
            } else {
                "college".into()
            },
            due: deadline.map(to_due),
            quote: sentence.split_whitespace().collect::<Vec<_>>().join(" "),
            met: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_college_will_do_is_a_promise() {
        let text = "Antwoord: Het college kent het probleem en zal de raad voor 1 juni 2025 een notitie sturen. \
            Als er geld over is, zullen wij de speeltuin opknappen. Wij zouden dat graag doen. \
            Zal het college dit doen? Wij verwachten dat het druk wordt in de speeltuin.";
        let found = promises(text, NaiveDate::from_ymd_opt(2025, 2, 1));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].due.as_ref().and_then(|d| d.date),
            NaiveDate::from_ymd_opt(2025, 6, 1)
        );
        assert!(
            found[0].text.starts_with("zal de raad"),
            "{}",
            found[0].text
        );
    }

    /// An expectation binds the executive only to a term it names.
    #[test]
    fn what_the_college_expects_to_deliver_by_a_term_is_a_promise() {
        let text = "Antwoord: Wij verwachten u het advies voor 1 maart 2026 toe te sturen. \
            Wij verwachten veel aanmeldingen.";
        let found = promises(text, NaiveDate::from_ymd_opt(2025, 11, 3));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].due.as_ref().and_then(|d| d.date),
            NaiveDate::from_ymd_opt(2026, 3, 1)
        );
    }
}
