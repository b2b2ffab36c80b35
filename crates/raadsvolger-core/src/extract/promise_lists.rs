//! A council's list of promises laid out as a table ("toezeggingenlijst"), as a portal or a
//! document shows it and a browser copies it: a header row names the columns ("Nr.", "Datum",
//! "Toezegging", "Portefeuillehouder", "Termijn", "Status") and each row under it is one
//! promise, made on its own day, held to its own term, and done when its status or its
//! completion date says so. The list's own date ("stand per …") is not the day of its rows.

use chrono::NaiveDate;

use super::commitments::{actor_of, best_deadline, to_due};
use super::dates;
use super::deadlines::extract_deadlines;
use super::promises::promises_by;
use super::register_entries::{day_in, says_done};
use crate::model::{CommitmentDraft, Due, Fulfilment, Origin};

/// What a column holds, by the words its header starts with (longest first where one starts
/// another: "Datum afdoening" is when it was done, "Datum" when it was made).
const DONE_ON: &[&str] = &[
    "datum afdoening",
    "datum afgedaan",
    "afgedaan op",
    "afgehandeld op",
];
const MADE_ON: &[&str] = &["datum toezegging", "datum", "vergaderdatum", "gedaan op"];
const TEXT: &[&str] = &["toezegging", "omschrijving", "onderwerp", "inhoud"];
const ACTOR: &[&str] = &["portefeuillehouder", "wethouder", "bestuurder"];
const TERM: &[&str] = &[
    "termijn",
    "deadline",
    "streefdatum",
    "einddatum",
    "uiterste datum",
    "planning",
];
const STATE: &[&str] = &["status", "stand"];

/// Where each kind of column stands in the header.
#[derive(Default)]
struct Columns {
    done_on: Option<usize>,
    made_on: Option<usize>,
    text: Option<usize>,
    actor: Option<usize>,
    term: Option<usize>,
    state: Option<usize>,
}

fn starts(cell: &str, names: &[&str]) -> bool {
    let cell = cell.trim().to_lowercase();
    names.iter().any(|n| cell.starts_with(n))
}

/// The columns a header row names; `None` unless it names what was promised and a term or a
/// status (a list of promises, not any table).
fn header(line: &str) -> Option<Columns> {
    let cells: Vec<&str> = line.split('\t').collect();
    if cells.len() < 3 {
        return None;
    }
    let mut c = Columns::default();
    for (i, cell) in cells.iter().enumerate() {
        let slot = if starts(cell, DONE_ON) {
            &mut c.done_on
        } else if starts(cell, MADE_ON) {
            &mut c.made_on
        } else if starts(cell, TEXT) {
            &mut c.text
        } else if starts(cell, ACTOR) {
            &mut c.actor
        } else if starts(cell, TERM) {
            &mut c.term
        } else if starts(cell, STATE) {
            &mut c.state
        } else {
            continue;
        };
        slot.get_or_insert(i);
    }
    (c.text.is_some() && (c.term.is_some() || c.state.is_some())).then_some(c)
}

/// The term a register's column gives ("1-4-2023", "Q3 2023", "najaar 2023", "voor de zomer"),
/// read by the deadline rules as the limit it sets, from the day the promise was made.
fn term(cell: &str, made: NaiveDate, column: &str) -> Option<Due> {
    let sentence = format!("Het college zegt toe dit uiterlijk {cell} te doen.");
    let mut due = to_due(best_deadline(&extract_deadlines(&sentence, made))?);
    due.text = format!("{column}: {cell}");
    Some(due)
}

/// The promises of every list of promises in `text`, each row one; `date` (the document's)
/// dates a row that gives no day of its own.
pub fn promises(text: &str, date: Option<NaiveDate>) -> Vec<CommitmentDraft> {
    let mut out = Vec::new();
    // A portal set up in English writes its slashed days month first, in every row.
    let month_first = dates::slashes_month_first(text);
    let day = |cell: &str| day_in(cell, month_first);
    let mut current: Option<(Columns, Vec<String>)> = None;
    for line in text.lines() {
        crate::budget::check();
        // Rows may stand a blank line apart (a Word table's rows are paragraphs).
        if line.trim().is_empty() {
            continue;
        }
        if !line.contains('\t') {
            current = None;
            continue;
        }
        if let Some(columns) = header(line) {
            let names = line.split('\t').map(|c| c.trim().to_owned()).collect();
            current = Some((columns, names));
            continue;
        }
        let Some((columns, names)) = &current else {
            continue;
        };
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        let cell = |i: Option<usize>| {
            i.and_then(|i| cells.get(i).copied())
                .filter(|c| !c.is_empty())
        };
        let Some(promise) = cell(columns.text).filter(|t| t.split_whitespace().count() >= 3) else {
            continue;
        };
        let made = cell(columns.made_on).and_then(day).or(date);
        // The promise as its own words put it, with the term they name; the register's term
        // column, where it has one, is the term it is held to.
        let said = promises_by(promise, made, false).into_iter().next();
        let due = match (cell(columns.term), made) {
            (Some(t), Some(m)) => {
                let column = columns
                    .term
                    .and_then(|i| names.get(i))
                    .map_or("Termijn", |n| n);
                term(t, m, column)
            }
            _ => None,
        }
        .or_else(|| said.as_ref().and_then(|s| s.due.clone()));
        let state = cell(columns.state).unwrap_or("");
        let done_on = cell(columns.done_on).and_then(day);
        let met = (says_done(state) || done_on.is_some()).then(|| Fulfilment {
            on: done_on,
            passage: if state.is_empty() {
                format!("afgedaan op {}", cell(columns.done_on).unwrap_or_default())
            } else {
                format!("Status: {state}")
            },
        });
        let actor = cell(columns.actor).map_or_else(|| actor_of(promise), actor_of);
        out.push(CommitmentDraft {
            origin: Origin::Promise,
            text: said.map_or_else(|| promise.trim_end_matches('.').to_owned(), |s| s.text),
            actor: actor.to_owned(),
            due,
            quote: promise.to_owned(),
            met,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::deadlines::DeadlineKind;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn each_row_of_a_list_of_promises_is_one_with_its_own_day_term_and_state() {
        let list = "Lijst van toezeggingen, stand per 1 december 2024\n\
            Nr.\tDatum\tToezegging\tPortefeuillehouder\tTermijn\tStatus\tDatum afdoening\n\
            1\t14-02-2024\tDe wethouder zegt toe de raad een notitie over bankjes te sturen.\tWethouder Kok\tQ2 2024\tAfgedaan\t20-06-2024\n\
            2\t11-04-2024\tDe burgemeester zegt toe na de zomer terug te komen op de kermis.\tBurgemeester\t\tOpen\t\n\
            \n\
            Een tabel die niets belooft:\n\
            Naam\tAdres\tPlaats\n\
            Jansen\tDorpsstraat 1\tBosdorp\n";
        let found = promises(list, d(2024, 12, 1));
        assert_eq!(found.len(), 2, "{found:#?}");
        let notitie = &found[0];
        assert_eq!(notitie.actor, "wethouder");
        let due = notitie.due.as_ref().expect("term");
        assert_eq!(
            (due.kind, due.date),
            (DeadlineKind::Quarter, d(2024, 6, 30))
        );
        assert_eq!(due.text, "Termijn: Q2 2024");
        assert_eq!(notitie.met.as_ref().and_then(|m| m.on), d(2024, 6, 20));
        // Its own words' term, read from its own day, not the list's.
        let kermis = &found[1];
        assert_eq!(kermis.actor, "burgemeester");
        assert_eq!(kermis.due.as_ref().and_then(|d| d.date), d(2024, 9, 30));
        assert_eq!(kermis.met, None);
    }
}
