//! The executive's promises in running text: "zegt toe", "heeft toegezegd", "belooft", "kon
//! toezeggen". Only the executive's promises bind it (not a party's or a member's); a promise
//! referred to ("zoals toegezegd"), asked for, supposed ("zou") or under a condition that
//! opens the sentence is not made; one told afterwards is read from when it was made.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::commitments::{actor_of, best_deadline, clean_task, sentences, to_due};
use super::deadlines::{Deadline, extract_deadlines};
use crate::model::{CommitmentDraft, Origin};

fn re(p: &str) -> Regex {
    Regex::new(p).expect("static regex in promises.rs")
}

/// The verb of a promise.
static PROMISE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?:zeg|zegt|zeggen|zegde|zegden)\b[^.;]{0,120}?\btoe\b|(?:heeft|hebben)\b[^.;]{0,120}?\b(?:toegezegd|beloofd)\b|(?:kon|kan|konden|kunnen)\s+(?:\S+\s+){0,2}toezeggen\b|toezegt|toezegde|toezegden|belooft|beloven|beloofde|beloofden|doet\s+de\s+toezegging|deed\s+de\s+toezegging)",
    )
});
/// A passive or reported promise: a reference to an earlier one, not a new one.
pub(crate) static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:is|was|werd|zijn|waren|werden)\s+(?:[a-z]+\s+){0,3}toegezegd\b|\b(?:zoals|dan)\s+toegezegd\b|\btoegezegde\b|\bvorige\s+toezegging\b",
    )
});
/// A promise told in the past tense ("toen beloofde het college ...", "zegde toe").
pub(crate) static PAST_PROMISE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:beloofde|beloofden|zegde\b[^.;]{0,120}?\btoe|zegden\b[^.;]{0,120}?\btoe)\b")
});

/// Promises by the executive ("zegt toe", "heeft toegezegd", "belooft").
pub fn promises(text: &str, date: Option<NaiveDate>) -> Vec<CommitmentDraft> {
    promises_by(text, date, false)
}

/// [`promises`], where `we_govern`: the document is the executive's own (a letter to the
/// council, its answers), so its "wij" is the executive.
pub fn promises_by(text: &str, date: Option<NaiveDate>, we_govern: bool) -> Vec<CommitmentDraft> {
    let executive = |s: &str| actor_words(s) || we_govern && WE.is_match(s);
    let mut out = Vec::new();
    let all = sentences(text);
    for (i, sentence) in all.iter().copied().enumerate() {
        crate::budget::check();
        let Some(m) = PROMISE.find(sentence) else {
            continue;
        };
        if REFERENCE.is_match(sentence) || sentence.ends_with('?') || asks(sentence) {
            continue;
        }
        let lower = sentence.to_lowercase();
        if lower.contains("niet toe") || lower.contains("geen toezegging") {
            continue;
        }
        // A promise supposed ("zou toezeggen") or under a condition that opens the sentence
        // ("Indien de wethouder toezegt …, …") is not made.
        if supposed(&sentence[..m.end()]) {
            continue;
        }
        let subject = &sentence[..m.start()];
        let actor = if subject.trim().is_empty() {
            if !executive(sentence) {
                continue;
            }
            actor_of(sentence)
        } else if executive(subject) {
            actor_of(&format!("{subject} {}", m.as_str()))
        } else {
            // Verb before subject: "toen beloofde de wethouder dat ...".
            let after: String = sentence[m.start()..].chars().take(80).collect();
            let upto = after.split(" dat ").next().unwrap_or(&after);
            // Only the executive's promises bind it, not a party's or a member's.
            if !executive(upto) {
                continue;
            }
            actor_of(upto)
        };
        let mut task = &sentence[m.end()..];
        // Verb before subject ("toen beloofde het college dat ..."): the promise is what
        // follows "dat".
        if let Some(at) = task.find(" dat ").filter(|at| *at <= 80) {
            if actor_words(&task[..at]) {
                task = &task[at + 1..];
            }
        }
        let task = task
            .trim_start_matches([',', ':', ' '])
            .trim_start_matches("dat ")
            .trim_start_matches("om ")
            .trim_end_matches(['.', ';'])
            .trim();
        // A promise told in a clause that opens the sentence ("Nadat de wethouder toezegde dat
        // zij voor 1 juni met een aanpak komt, hebben wij de motie ingetrokken") ends where the
        // main clause begins, with its verb first.
        let task = match (FRONTED.is_match(sentence), MAIN_CLAUSE.find(task)) {
            (true, Some(m)) => &task[..m.start()],
            _ => task,
        };
        let task = if task.split_whitespace().count() >= 2 {
            task
        } else {
            sentence
        };
        // A promise told afterwards ("toen beloofde het college dat er in 2022 ...") is read
        // from the time it was made: the earliest earlier year this sentence or the one before
        // names.
        let anchor = match date {
            Some(d) if PAST_PROMISE.is_match(sentence) => {
                let before = if i > 0 { all[i - 1] } else { "" };
                earliest_year_before(&format!("{before} {sentence}"), d)
                    .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
                    .or(Some(d))
            }
            other => other,
        };
        let deadline = match anchor {
            Some(d) => best_deadline(&extract_deadlines(sentence, d)),
            None => deadline_naming_its_year(sentence),
        };
        // "In 2021 heeft het college toegezegd ..." in a 2023 document: a reference to an old
        // promise, not a new one.
        if deadline.as_ref().is_none_or(|d| d.due.is_none())
            && date.is_some_and(|d| mentions_year_before(sentence, d))
        {
            continue;
        }
        let cleaned = clean_task(task, deadline.as_ref().map(|d| d.text.as_str()));
        out.push(CommitmentDraft {
            origin: Origin::Promise,
            text: cleaned,
            actor: actor.to_owned(),
            due: deadline.map(to_due),
            quote: sentence.split_whitespace().collect::<Vec<_>>().join(" "),
            met: None,
        });
    }
    out
}

/// A sentence that opens with a subordinate clause: "Nadat …", "Omdat …", "Toen …".
static FRONTED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:nadat|omdat|toen|doordat|zodra|aangezien|nu|hoewel|terwijl)\b"));
/// The main clause after a fronted one: a comma, then its finite verb and subject ("…, hebben
/// wij de motie ingetrokken").
static MAIN_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i),\s*(?:heeft|hebben|had|hadden|is|zijn|was|waren|werd|werden|zal|zullen|gaat|gaan|kan|kunnen|wil|willen|trok|trokken|trekt|trekken)\s+(?:wij|we|ik|hij|zij|ze|de|het|onze|die)\b",
    )
});

/// Without the document's date only a term that names its own year can be placed ("in het
/// voorjaar van 2020"): it is read as of the end of the year before the earliest year the
/// sentence names, and kept only when its phrase names a year.
fn deadline_naming_its_year(sentence: &str) -> Option<Deadline> {
    static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:19|20)\d{2}\b"));
    let earliest = YEAR
        .find_iter(sentence)
        .filter_map(|m| m.as_str().parse::<i32>().ok())
        .min()?;
    let anchor = NaiveDate::from_ymd_opt(earliest - 1, 12, 31)?;
    best_deadline(&extract_deadlines(sentence, anchor)).filter(|d| YEAR.is_match(&d.text))
}

/// A line that names a member of the executive as the speaker: "Wethouder De Vries:",
/// "Portefeuillehouder dhr. Jansen:" (a role and at most five words more, and a colon).
static EXECUTIVE_SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?:de\s+)?(?:{})\b[^:]{{0,60}}:$",
        super::alternation(include_str!("lexicon/executive_speakers.txt"))
    ))
});
/// Any speaker line: a name or a role of at most six words and a colon.
static SPEAKER: LazyLock<Regex> = LazyLock::new(|| re(r"^\S+(?:\s+\S+){0,5}:$"));
/// A limit word at the start of a deadline's phrase ("uiterlijk maart 2029").
static LIMIT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?:{})\b",
        super::alternation(include_str!("lexicon/limit_words.txt"))
    ))
});

/// What a member of the executive promises when speaking in minutes or a report of a meeting:
/// after a speaker line of the executive ("Wethouder De Vries:"), up to a blank line or the
/// next speaker, each sentence that sets a dated limit ("Dat komt uiterlijk maart 2029.")
/// to what is said there.
pub fn spoken_promises(text: &str, date: NaiveDate) -> Vec<CommitmentDraft> {
    let mut out = Vec::new();
    let mut speaker: Option<&str> = None;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            speaker = None;
            continue;
        }
        if SPEAKER.is_match(line) {
            speaker = EXECUTIVE_SPEAKER.is_match(line).then_some(line);
            continue;
        }
        let Some(who) = speaker else { continue };
        for sentence in sentences(line) {
            if sentence.ends_with('?') {
                continue;
            }
            let context = format!("{who} zegt toe: {sentence}");
            let Some(deadline) = extract_deadlines(&context, date)
                .into_iter()
                .find(|d| d.due.is_some() && LIMIT.is_match(&d.text))
            else {
                continue;
            };
            let quote = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
            let cleaned = clean_task(sentence.trim_end_matches(['.', ';']), Some(&deadline.text));
            out.push(CommitmentDraft {
                origin: Origin::Promise,
                text: if cleaned.split_whitespace().count() >= 3 {
                    cleaned
                } else {
                    quote.trim_end_matches('.').to_owned()
                },
                actor: actor_of(who).to_owned(),
                due: Some(to_due(deadline)),
                quote,
                met: None,
            });
        }
    }
    out
}

/// "wij", "we": the writer.
static WE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:wij|we)\b"));

/// The text up to a promise's verb supposes it: "zou/zouden", or a conditional clause that
/// opens the sentence and has not closed by the verb ("Als het college belooft …").
fn supposed(upto_verb: &str) -> bool {
    static SUPPOSED: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)\bzou(?:den)?\b|^\W*(?:als|indien|mocht|mochten|wanneer|tenzij|zodra|stel\s+dat)\b[^,;:]*$",
        )
    });
    SUPPOSED.is_match(upto_verb)
}

/// A sentence in question word order, a verb before its subject at the start ("- En kan het
/// college hierbij beloven dat ..."), asks for a promise; it does not make one.
fn asks(sentence: &str) -> bool {
    static QUESTION: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)^\W*(?:en\s+)?(?:kan|kunt|wil|wilt|zal|zult|is|gaat|deelt|heeft|erkent|ziet)\s+(?:het|de|u)\b",
        )
    });
    QUESTION.is_match(sentence)
}

fn actor_words(s: &str) -> bool {
    let s = s.to_lowercase();
    [
        "college",
        "burgemeester",
        "wethouder",
        "gedeputeerde",
        "minister",
        "kabinet",
        "regering",
    ]
    .iter()
    .any(|w| s.contains(w))
}

fn earliest_year_before(text: &str, date: NaiveDate) -> Option<i32> {
    use chrono::Datelike;
    static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"\b((?:19|20)\d{2})\b"));
    YEAR.find_iter(text)
        .filter_map(|m| m.as_str().parse::<i32>().ok())
        .filter(|y| *y < date.year())
        .min()
}

fn mentions_year_before(sentence: &str, date: NaiveDate) -> bool {
    use chrono::Datelike;
    static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"\b((?:19|20)\d{2})\b"));
    YEAR.find_iter(sentence)
        .filter_map(|m| m.as_str().parse::<i32>().ok())
        .any(|y| y < date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    /// A member of the executive who speaks in the minutes promises in the first person.
    #[test]
    fn a_promise_in_the_first_person_in_the_minutes() {
        let found = promises_by(
            "Wethouder Smit: Ik zeg toe dat de commissie voor 1 maart 2024 een notitie krijgt.",
            Some(d(2023, 11, 2)),
            false,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].actor, "wethouder");
        assert_eq!(
            found[0].due.as_ref().and_then(|d| d.date),
            Some(d(2024, 3, 1))
        );
    }

    /// A promise in a clause that opens the sentence ends where the main clause begins.
    #[test]
    fn a_promise_in_a_fronted_clause_ends_at_the_main_clause() {
        let found = promises_by(
            "Nadat de wethouder toezegde dat zij voor 1 mei 2024 een plan stuurt, trokken wij de motie in.",
            Some(d(2024, 2, 1)),
            false,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].text, "zij een plan stuurt");
        assert_eq!(
            found[0].due.as_ref().and_then(|d| d.date),
            Some(d(2024, 5, 1))
        );
    }

    /// A page without a date of its own (a register entry) still holds a promise to a term
    /// that names its year; a term counted from the unknown day is not placed.
    #[test]
    fn an_undated_page_places_only_a_term_that_names_its_year() {
        let named = promises_by(
            "De wethouder zegt toe in het najaar van 2021 een notitie over bomen te sturen.",
            None,
            false,
        );
        assert_eq!(named.len(), 1, "{named:#?}");
        assert_eq!(
            named[0].due.as_ref().and_then(|d| d.date),
            Some(d(2021, 11, 30))
        );
        let counted = promises_by(
            "De wethouder zegt toe binnen drie maanden een notitie over bomen te sturen.",
            None,
            false,
        );
        assert_eq!(counted.len(), 1, "{counted:#?}");
        assert_eq!(counted[0].due.as_ref().and_then(|d| d.date), None);
    }

    #[test]
    fn the_executive_speaking_in_a_meeting_promises_a_limit_it_sets() {
        let text = "Mevrouw Bakker (GroenLinks):\nWij willen het plan uiterlijk in maart 2025 zien.\n\n\
            Wethouder De Vries:\nHet plan is nog niet klaar. Het komt uiterlijk in april 2025 naar de raad.\n\n\
            Het verslag wordt voor 1 mei 2025 vastgesteld.";
        let found = spoken_promises(text, d(2024, 11, 20));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].actor, "wethouder");
        assert_eq!(
            found[0].due.as_ref().and_then(|d| d.date),
            Some(d(2025, 4, 30))
        );
        assert!(found[0].quote.starts_with("Het komt uiterlijk"));
    }

    #[test]
    fn promises_and_their_actors() {
        let text = "De wethouder zegde toe dat het college in 2022 met een plan van aanpak mensenhandel naar de raad komt. Gedeputeerde Staten zeggen toe het onderwerp met de gemeente Almere te bespreken. In 2021 is toegezegd dat er in 2022 een plan zou komen.";
        let found = promises(text, Some(d(2021, 6, 10)));
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0].actor, "wethouder");
        assert_eq!(
            found[0].due.as_ref().and_then(|d| d.date),
            Some(d(2022, 12, 31))
        );
        assert_eq!(
            found[0].text,
            "het college met een plan van aanpak mensenhandel naar de raad komt"
        );
        let later = promises(
            "In 2021 heeft het college toegezegd in 2022 met een plan te komen.",
            Some(d(2023, 7, 4)),
        );
        assert!(
            later.is_empty(),
            "a reference to an old promise: {later:#?}"
        );
        assert_eq!(found[1].actor, "provinciaal college");
        assert_eq!(found[1].due.as_ref().and_then(|d| d.date), None);
    }

    #[test]
    fn promises_told_with_other_verbs() {
        let found = promises(
            "De motie is aangenomen en de wethouder heeft beloofd voor de zomer een notitie te sturen.",
            Some(d(2024, 2, 1)),
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].actor, "wethouder");
        let found = promises(
            "De wethouder kon toezeggen dat de raad er later over mag besluiten.",
            Some(d(2024, 2, 1)),
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            promises("Kan de wethouder toezeggen dat het park blijft?", None).is_empty(),
            "a question makes no promise"
        );
    }

    #[test]
    fn promises_of_others_and_promises_supposed_are_none() {
        let date = Some(d(2024, 2, 1));
        for s in [
            "Het CDA belooft de kiezers voor 1 mei 2024 een plan voor de haven.",
            "Raadslid De Boer zegde toe voor de zomer met een voorstel te komen.",
            "Indien de wethouder toezegt voor 1 mei 2024 een plan te sturen, trekken wij de motie in.",
            "Als het college voor de zomer belooft te komen met een plan, is dat goed nieuws.",
            "De wethouder zou kunnen toezeggen voor 1 mei 2024 een plan te sturen.",
        ] {
            assert!(
                promises(s, date).is_empty(),
                "{s}: {:#?}",
                promises(s, date)
            );
        }
        let kept = promises(
            "Wethouder Bos zegt toe voor 1 mei 2024 een plan te sturen, als de raad dat wil.",
            date,
        );
        assert_eq!(
            kept.len(),
            1,
            "a promise with a condition after it is still made"
        );
    }
}
