//! Commitments a register entry records in its fields, as portals lay them out (iBabs,
//! bestuurlijkeinformatie.nl, lta.nu and the like): the promise of a "Toezegging" field, and
//! the entry's term in "Einddatum" or "Deadline". The term belongs to what the entry records:
//! the promise its text makes ("Wethouder X zegt toe …"), the one in its "Toezegging" field,
//! or else the entry itself (a motion the register follows up).

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::dates;
use super::deadlines::DeadlineKind;
use crate::model::{CommitmentDraft, Due, Fulfilment, Origin};
use crate::text::fields;

/// Fields that give the day an entry is due.
const DUE_FIELDS: &[&str] = &["Einddatum", "Deadline", "Termijn", "Streefdatum"];
/// Fields that hold a promise.
const PROMISE_FIELDS: &[&str] = &["Toezegging"];
/// A status that says the entry was done.
const DONE: &[&str] = &[
    "afgedaan",
    "voltooid",
    "gereed",
    "afgehandeld",
    "afgerond",
    "uitgevoerd",
    "voldaan",
];

/// An update that reports the thing delivered to the council: "Commissie geïnformeerd per brief
/// van 2 maart 2026", "Raad geïnformeerd per raadsinformatiebrief", "is … aan de raad aangeboden", "raadsinformatiebrief verzonden".
static DELIVERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:raad|staten|commissie)\s+(?:is\s+)?geïnformeerd\s+(?:per|bij|via|met)\s+(?:\w+\s+)?\w*brief\b|\baan\s+de\s+(?:raad|staten|commissie)\s+(?:aangeboden|toegezonden|gestuurd|verzonden)\b|\b(?:raads)?informatiebrief\s+(?:is\s+)?(?:verzonden|verstuurd|gestuurd)\b",
    )
    .expect("static regex")
});
/// An update in which the executive reports the matter done by asking that it be taken as done:
/// "PS te verzoeken de motie als afgedaan te beschouwen", "stelt de raad voor de motie als
/// afgedaan te beschouwen", "kan als afgedaan worden beschouwd", "beschouwen wij de motie als
/// afgedaan".
static CONSIDERED_DONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bals\s+afgedaan\s+(?:te\s+beschouwen|(?:te\s+)?(?:worden\s+)?beschouwd|te\s+verklaren|verklaard)\b|\bbeschouw(?:en|t|d)\b[^.;]{0,60}\bals\s+afgedaan\b")
        .expect("static regex")
});
/// "niet" before it: the matter is not (yet) taken as done.
static NOT_DONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bniet\b[^.;]{0,60}\bafgedaan\b").expect("static regex"));

/// The date an update opens with: "Update 05-06-2024:", "22-09-2020:".
static UPDATE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:update\s+)?(\d{1,2}-\d{1,2}-\d{4})\b").expect("static regex")
});

/// What the entry records of its own fulfilment: a completion date ("Datum afdoening"), a
/// status that says it was done, or an update that reports it delivered to the council.
fn fulfilment(text: &str, fields: &[fields::Field], month_first: bool) -> Option<Fulfilment> {
    // A status that says done, kept until a field says when.
    let mut done_status = None;
    for f in fields {
        let value = fields::value(text, f);
        let first = value.lines().next().unwrap_or("").trim();
        match f.key {
            "Datum afdoening" => {
                if let Some(on) = day_in(first, month_first) {
                    return Some(Fulfilment {
                        on: Some(on),
                        passage: format!("{}: {first}", f.key),
                    });
                }
            }
            "Status" if says_done(first) => {
                done_status.get_or_insert(Fulfilment {
                    on: None,
                    passage: format!("{}: {first}", f.key),
                });
            }
            // The state of affairs, as the executive reports it ("Stand van zaken GS" in a
            // province's register).
            "Stand van zaken" | "Stand van zaken GS" => {
                let mut dated: Option<NaiveDate> = None;
                for line in value.lines() {
                    if let Some(c) = UPDATE_DATE.captures(line) {
                        dated = day_in(&c[1], false);
                    }
                    for sentence in super::commitments::sentences(line) {
                        if CONSIDERED_DONE.is_match(sentence) && !NOT_DONE.is_match(sentence) {
                            // Dated by the update, else by the first date of the line that is
                            // not part of a reference ("M69/11-11-2019" names a motion).
                            let own = dates::find_dates(line, None)
                                .into_iter()
                                .find(|m| !line[..m.start].ends_with('/'));
                            return Some(Fulfilment {
                                on: dated.or(own.map(|m| m.date)),
                                passage: sentence.trim().to_owned(),
                            });
                        }
                        if DELIVERED.is_match(sentence) {
                            let own = dates::find_dates(sentence, None).into_iter().next();
                            return Some(Fulfilment {
                                on: own.map(|m| m.date).or(dated),
                                passage: sentence.trim().to_owned(),
                            });
                        }
                    }
                }
            }
            _ => {}
        }
    }
    done_status
}

/// Whether a status says the entry was done ("Afgedaan", "Voltooid per 1 mei").
pub(super) fn says_done(status: &str) -> bool {
    let word = status
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    DONE.contains(&word.as_str())
}

/// The sentence in which the executive takes a motion as done ("Daarmee beschouwen wij de
/// motie als afgedaan"), unless it says not yet.
pub(crate) fn declared_done(text: &str) -> Option<String> {
    text.lines()
        .flat_map(super::commitments::sentences)
        .find(|s| CONSIDERED_DONE.is_match(s) && !NOT_DONE.is_match(s))
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The day a field's value names, with slashed dates read month first on a page that writes
/// them so.
pub(super) fn day_in(value: &str, month_first: bool) -> Option<NaiveDate> {
    if month_first {
        if let Some(m) = dates::slashed_month_first(value).into_iter().next() {
            return Some(m.date);
        }
    }
    dates::find_dates(value, None)
        .into_iter()
        .next()
        .map(|m| m.date)
}

/// The first sentence of a field's value.
fn first_sentence(value: &str) -> Option<String> {
    let s = super::commitments::sentences(value).into_iter().next()?;
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s.trim_end_matches(['.', ';', ':']).trim().to_owned();
    (s.split_whitespace().count() >= 3).then_some(s)
}

/// Adds to `found` (what the text's sentences gave) what the entry's fields record. `title`:
/// the entry's title, for an entry that is itself what is due.
pub fn add_commitments(text: &str, title: &str, origin: Origin, found: &mut Vec<CommitmentDraft>) {
    let fields = fields::read(text);
    if fields.is_empty() {
        return;
    }
    let month_first = dates::slashes_month_first(text);
    let due = fields
        .iter()
        .filter(|f| DUE_FIELDS.contains(&f.key))
        .find_map(|f| {
            let value = fields::value(text, f);
            day_in(value, month_first).map(|d| Due {
                kind: DeadlineKind::Day,
                date: Some(d),
                text: format!("{}: {}", f.key, value.lines().next().unwrap_or("").trim()),
            })
        });
    let mut placed = false;
    for f in fields.iter().filter(|f| PROMISE_FIELDS.contains(&f.key)) {
        let Some(promise) = first_sentence(fields::value(text, f)) else {
            continue;
        };
        if found.iter().any(|c| c.quote.contains(&promise)) {
            continue;
        }
        found.push(CommitmentDraft {
            origin: Origin::Promise,
            text: promise.clone(),
            actor: "college".into(),
            due: due.clone(),
            quote: format!("{}: {promise}", f.key),
            met: None,
        });
        placed = due.is_some();
    }
    // What the entry holds shares its fulfilment.
    let met = fulfilment(text, &fields, month_first);
    add_due(title, origin, due, placed, found);
    if let Some(met) = met {
        for c in found.iter_mut() {
            c.met.get_or_insert_with(|| met.clone());
        }
    }
}

/// The entry's term given to what it holds, or to the entry itself.
fn add_due(
    title: &str,
    origin: Origin,
    due: Option<Due>,
    placed: bool,
    found: &mut Vec<CommitmentDraft>,
) {
    let Some(due) = due else {
        return;
    };
    if placed {
        return;
    }
    // The one promise the entry's text makes, held to no day of its own.
    let undated: Vec<usize> = found
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.origin == Origin::Promise && c.due.as_ref().is_none_or(|d| d.date.is_none())
        })
        .map(|(i, _)| i)
        .collect();
    if let [i] = undated.as_slice() {
        found[*i].due = Some(due);
        return;
    }
    let title = title.trim();
    if title.split_whitespace().count() < 2 {
        return;
    }
    found.push(CommitmentDraft {
        origin,
        text: title.to_owned(),
        actor: "college".into(),
        quote: due.text.clone(),
        due: Some(due),
        met: None,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    /// A status that says done waits for the field that says when.
    #[test]
    fn a_done_status_is_dated_by_the_completion_field() {
        let text = "Status: Afgedaan\nTermijn: 01-03-2022\nDatum afdoening: 15-04-2022\nToezegging: De wethouder komt met een notitie.";
        let met = fulfilment(text, &fields::read(text), false).expect("done");
        assert_eq!(met.on, d(2022, 4, 15));
        let mut found = Vec::new();
        add_commitments(text, "Notitie", Origin::Promise, &mut found);
        assert_eq!(found[0].due.as_ref().and_then(|d| d.date), d(2022, 3, 1));
        assert_eq!(
            declared_done(
                "Er staan nu twintig bankjes. Daarmee beschouwen wij de motie als afgedaan."
            )
            .as_deref(),
            Some("Daarmee beschouwen wij de motie als afgedaan.")
        );
        assert_eq!(
            declared_done("Wij beschouwen de motie nog niet als afgedaan."),
            None
        );
        let informed = "Toezegging\nDe wethouder stuurt een notitie over bomen.\nStand van zaken\nRaad geïnformeerd per raadsinformatiebrief van 4 mei 2022.\nStatus\nOpen";
        let met = fulfilment(informed, &fields::read(informed), false).expect("delivered");
        assert_eq!(met.on, d(2022, 5, 4));
    }

    #[test]
    fn the_entry_itself_is_due_on_its_end_date() {
        let text = "Titel: Motie Groene schoolpleinen\nStatus: Afgedaan\nEinddatum: 11/28/2023\nPortefeuillehouder: J. Bakker";
        let mut found = Vec::new();
        add_commitments(
            text,
            "Motie Groene schoolpleinen",
            Origin::Motion,
            &mut found,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].due.as_ref().and_then(|d| d.date), d(2023, 11, 28));
        assert_eq!(found[0].quote, "Einddatum: 11/28/2023");
        let met = found[0].met.as_ref().expect("the status says it was done");
        assert_eq!((met.on, met.passage.as_str()), (None, "Status: Afgedaan"));
    }

    #[test]
    fn an_update_that_reports_it_delivered_dates_its_fulfilment() {
        let text = "Toezegging
De wethouder stuurt een notitie over bomen.
Deadline
1-3-2022
Stand van zaken
Update 10-01-2022: wordt aan gewerkt.
Update 04-05-2022: De notitie is door het college vastgesteld en aan de raad toegezonden.";
        let mut found = Vec::new();
        add_commitments(text, "Bomen", Origin::Promise, &mut found);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].due.as_ref().and_then(|d| d.date), d(2022, 3, 1));
        assert_eq!(found[0].met.as_ref().and_then(|m| m.on), d(2022, 5, 4));
        let open = "Toezegging
De wethouder stuurt een notitie over bomen.
Stand van zaken
De raad wordt in juni geïnformeerd.
Status
Lopend";
        let mut found = Vec::new();
        add_commitments(open, "Bomen", Origin::Promise, &mut found);
        assert!(found[0].met.is_none(), "{found:#?}");
    }

    #[test]
    fn an_update_that_asks_to_take_it_as_done_is_its_fulfilment() {
        let text = "Onderwerp
Fietspad langs de dijk
Stand van zaken
Besluit college d.d. 14-04-2023: de raad voor te stellen de moties M12/02-02-2023 en M14/02-02-2023 als afgedaan te beschouwen.";
        let met = fulfilment(text, &fields::read(text), false).expect("done");
        assert_eq!(met.on, d(2023, 4, 14));
        // A province's register names the executive's report "Stand van zaken GS".
        let province = "Onderwerp
Fietspad langs de dijk
Stand van zaken GS
03-05-2023: Besluit GS: PS te verzoeken motie M7/02-02-2023 als afgedaan te beschouwen.";
        let met = fulfilment(province, &fields::read(province), false).expect("done");
        assert_eq!(met.on, d(2023, 5, 3));
        let open = "Onderwerp
Fietspad langs de dijk
Stand van zaken
De motie kan nog niet als afgedaan worden beschouwd.";
        assert!(fulfilment(open, &fields::read(open), false).is_none());
    }

    #[test]
    fn a_promise_takes_the_entrys_deadline() {
        let text = "Toezegging 12 VVD - Fietspad.\nWethouder Smit zegt toe het plan te sturen.\nDeadline\n3-4-2024\nStand van zaken\nLoopt nog.";
        let mut found = vec![CommitmentDraft {
            origin: Origin::Promise,
            text: "het plan te sturen".into(),
            actor: "wethouder".into(),
            due: None,
            quote: "Wethouder Smit zegt toe het plan te sturen.".into(),
            met: None,
        }];
        add_commitments(text, "Fietspad", Origin::Motion, &mut found);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].due.as_ref().and_then(|d| d.date), d(2024, 4, 3));
    }

    #[test]
    fn a_promise_field_is_a_promise() {
        let text = "Motie\n\nToezegging\n\nDe speelplekken in de wijk op te knappen. Meer tekst.\n\nStand van zaken\n\nRaad geïnformeerd.";
        let mut found = Vec::new();
        add_commitments(text, "Speelplekken", Origin::Motion, &mut found);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].text, "De speelplekken in de wijk op te knappen");
        assert!(found[0].due.is_none());
        let mut none = Vec::new();
        add_commitments(
            "Gewone tekst zonder velden.",
            "X y",
            Origin::Motion,
            &mut none,
        );
        assert!(none.is_empty());
    }
}
