//! Tests of the whole extractor, sentence by sentence, grouped by what they exercise.

mod calendar;
mod clauses;
mod drops;
mod events;

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

/// `kind:due` strings of the deadlines in `s`.
fn got(s: &str, doc: NaiveDate) -> Vec<String> {
    extract_deadlines(s, doc)
        .iter()
        .map(|x| {
            let due = x.due.map_or("-".to_string(), |d| d.to_string());
            format!("{}:{due}", x.kind)
        })
        .collect()
}

#[test]
fn kind_names_round_trip() {
    for k in DeadlineKind::ALL {
        assert_eq!(DeadlineKind::parse(k.as_str()), Some(k));
        let json = serde_json::to_string(&k).expect("serialise kind");
        assert_eq!(json, format!("\"{}\"", k.as_str()));
    }
    assert_eq!(DeadlineKind::parse("Quarter"), Some(DeadlineKind::Quarter));
    assert_eq!(DeadlineKind::parse("later"), None);
}

#[test]
fn span_is_the_phrase() {
    let s = "verzoekt het college de raad uiterlijk 1 oktober 2025 te informeren";
    let x = extract_deadlines(s, d(2025, 7, 3));
    assert_eq!(x.len(), 1);
    assert_eq!(x[0].text, "uiterlijk 1 oktober 2025");
    assert_eq!(&s[x[0].start..x[0].end], x[0].text);
}

#[test]
fn several_deadlines_in_one_sentence() {
    let doc = d(2018, 3, 15);
    assert_eq!(
        got(
            "verzoekt het college uiterlijk 1 juli 2018 een voorstel voor te leggen en de raad daarna jaarlijks te informeren, en binnen een jaar te evalueren",
            doc
        ),
        ["day:2018-07-01", "recurring:-", "relative:2019-03-15"]
    );
}

#[test]
fn never_panics_on_any_slice() {
    let doc = d(2025, 1, 1);
    let text = "• verzoekt het “college” vóór 1 januari 2026, één één zo spoedig mogelijk, coördinatie ë ö é — binnen twee weken; bij de Kadernota 2026 (p&c-)documenten in het najaar van 2025 jaarlijks te informeren";
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    for &i in &bounds {
        for x in extract_deadlines(&text[i..], doc) {
            assert_eq!(&text[i..][x.start..x.end], x.text);
        }
        let _ = extract_deadlines(&text[..i], doc);
    }
}

#[test]
fn never_panics_on_odd_text() {
    let doc = d(2025, 1, 1);
    for s in [
        "",
        "vóór",
        "verzoekt “vóór” é ë ö binnen",
        "uiterlijk 31 februari 2025 te doen",
        "verzoekt binnen 999 jaren te doen",
        "verzoekt het college vóór de ",
        "te ✓ 1 januari 2025 ✓ voor de zomer van 2025 ✓ Q4 '25",
    ] {
        let _ = extract_deadlines(s, doc);
    }
}

#[test]
fn a_councils_recess_dates_its_recess_phrases_in_its_context_only() {
    let own = [Recess {
        name: "Zomerreces".into(),
        start: "07-11".into(),
        end: "08-23".into(),
    }];
    let due = |s: &str, recesses: &[Recess]| {
        extract_deadlines_with(s, d(2026, 2, 2), &DeadlineContext::with_recesses(recesses))
            .into_iter()
            .find(|x| x.kind == DeadlineKind::Season)
            .and_then(|x| x.due)
    };
    let before = "Wij sturen u voor het zomerreces een overzicht.";
    let after = "Wij informeren u na het zomerreces over de planning.";
    assert_eq!(due(before, &[]), Some(d(2026, 7, 1)));
    assert_eq!(due(before, &own), Some(d(2026, 7, 11)));
    assert_eq!(due(after, &own), Some(d(2026, 9, 22)));
    // Another recess keeps its default dates.
    assert_eq!(
        due("Wij sturen u voor het kerstreces een overzicht.", &own),
        Some(d(2026, 12, 20))
    );
    // The default context, and the plain extractor, keep the default dates.
    assert_eq!(due(before, &[]), Some(d(2026, 7, 1)));
    assert_eq!(
        extract_deadlines(before, d(2026, 2, 2))[0].due,
        Some(d(2026, 7, 1))
    );
    // Over new year: the end is in the next year (the first such day after the document:
    // the recess of 2025-2026 ends 4 January 2026).
    let winter = [Recess {
        name: "kerstreces".into(),
        start: "12-19".into(),
        end: "01-04".into(),
    }];
    assert_eq!(
        due(
            "Wij informeren u na het kerstreces over de planning.",
            &winter
        ),
        Some(d(2026, 2, 3))
    );
    // An event dated by a season reads the same context: "na de evaluatie in het zomerreces".
    let event = "Wij sturen u het plan na de evaluatie in het zomerreces.";
    let event_due = |recesses: &[Recess]| {
        extract_deadlines_with(
            event,
            d(2026, 2, 2),
            &DeadlineContext::with_recesses(recesses),
        )
        .into_iter()
        .find(|x| x.kind == DeadlineKind::Event)
        .and_then(|x| x.due)
    };
    assert_ne!(event_due(&own), event_due(&[]));
}
