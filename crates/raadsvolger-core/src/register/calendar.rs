//! Deadlines tied to an event, dated from the register's calendar.
//!
//! A request "bij de begroting 2026" or "vóór de behandeling van de Voorjaarsnota" has no date
//! of its own: it is due when the council deals with that document. Once the register holds a
//! meeting whose agenda has an item naming it ("Programmabegroting 2026", "Voorjaarsnota
//! 2026"), the deadline is that meeting's date; it is worked out when asked, so a meeting that
//! moves takes its deadlines along.
//!
//! The rule, for any council: the event's content words (what is left after the frame words
//! "bij", "voor", "de", "behandeling van", ...) must each be a word of the item's title or the
//! tail of a compound there ("begroting" in "programmabegroting"); a year the event names must
//! be named by the title too, or, when the title names none, be the meeting's year or the next
//! (a budget for 2026 is dealt with in the autumn of 2025). The first meeting on or after the
//! day the commitment was made, not cancelled, wins.

use chrono::{Datelike, NaiveDate};

use super::MeetingStatus;
use crate::error::Result;
use crate::store::Store;

pub use crate::model::DueSource;

/// Words that frame an event rather than name it.
const FRAME_WORDS: &[&str] = &[
    "bij",
    "voor",
    "vóór",
    "tijdens",
    "uiterlijk",
    "na",
    "met",
    "in",
    "op",
    "tegen",
    "rond",
    "de",
    "het",
    "een",
    "der",
    "van",
    "aan",
    "en",
    "of",
    "behandeling",
    "bespreking",
    "vaststelling",
    "aanbieding",
    "indiening",
    "presentatie",
    "verschijning",
    "zijn",
    "haar",
    "ter",
    "te",
    "jaar",
    "eerstvolgende",
    "komende",
    "volgende",
    "nieuwe",
    "raad",
    "raadsvergadering",
    "vergadering",
    "door",
    "om",
    "dan",
    "wel",
    "uiterlijk",
    "tijdig",
];

use crate::lang::nl::plain as fold;

fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn year_of(w: &str) -> Option<i32> {
    (w.len() == 4)
        .then(|| w.parse::<i32>().ok())
        .flatten()
        .filter(|y| (1900..=2200).contains(y))
}

/// What an event phrase names: its content words and its year.
pub fn event_terms(text: &str) -> (Vec<String>, Option<i32>) {
    let frame: Vec<String> = FRAME_WORDS.iter().map(|w| fold(w)).collect();
    let mut year = None;
    let mut terms = Vec::new();
    for w in words(text) {
        if let Some(y) = year_of(&w) {
            year.get_or_insert(y);
        } else if w.chars().all(|c| c.is_ascii_digit()) || frame.contains(&w) || w.len() < 3 {
            continue;
        } else {
            terms.push(w);
        }
    }
    (terms, year)
}

/// Whether an agenda item's title names the event.
fn names_event(title: &str, terms: &[String], year: Option<i32>, meeting_year: i32) -> bool {
    if terms.is_empty() {
        return false;
    }
    let title_words = words(title);
    let has = |t: &str| {
        title_words
            .iter()
            .any(|w| w == t || (t.len() >= 4 && w.len() > t.len() && w.ends_with(t)))
    };
    if !terms.iter().all(|t| has(t)) {
        return false;
    }
    let title_years: Vec<i32> = title_words.iter().filter_map(|w| year_of(w)).collect();
    match year {
        None => true,
        Some(y) if !title_years.is_empty() => title_years.contains(&y),
        Some(y) => meeting_year == y || meeting_year + 1 == y,
    }
}

/// The register's agenda items with their meetings' dates.
pub struct Calendar {
    items: Vec<crate::store::meetings::CalendarRow>,
}

impl Calendar {
    pub fn load(store: &Store) -> Result<Calendar> {
        Ok(Calendar {
            items: store.list_calendar()?,
        })
    }

    /// The meeting that dates an event deadline, if the calendar has one.
    pub fn resolve(&self, event: &str, made_on: Option<NaiveDate>) -> Option<DueSource> {
        let (terms, year) = event_terms(event);
        self.items
            .iter()
            .filter(|(_, _, date, status, _)| {
                *status != MeetingStatus::Cancelled && made_on.is_none_or(|m| *date >= m)
            })
            .filter(|(_, _, date, _, title)| names_event(title, &terms, year, date.year()))
            .min_by_key(|(item, _, date, ..)| (*date, *item))
            .map(|(item, meeting, date, _, title)| DueSource {
                meeting_id: *meeting,
                agenda_item_id: *item,
                date: *date,
                how: format!(
                    "agendapunt «{title}» van de vergadering van {}",
                    date.format("%d-%m-%Y")
                ),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn calendar() -> Calendar {
        Calendar {
            items: vec![
                (
                    1,
                    10,
                    day("2025-07-03"),
                    MeetingStatus::Held,
                    "Voorjaarsnota 2026".into(),
                ),
                (
                    2,
                    11,
                    day("2025-11-06"),
                    MeetingStatus::Planned,
                    "Programmabegroting 2026".into(),
                ),
                (
                    3,
                    12,
                    day("2026-11-05"),
                    MeetingStatus::Planned,
                    "Programmabegroting 2027".into(),
                ),
                (
                    4,
                    13,
                    day("2025-10-01"),
                    MeetingStatus::Cancelled,
                    "Begroting 2026".into(),
                ),
                (
                    5,
                    14,
                    day("2025-09-18"),
                    MeetingStatus::Planned,
                    "Behandeling jaarrekening".into(),
                ),
            ],
        }
    }

    #[test]
    fn an_event_is_dated_by_the_meeting_that_deals_with_it() {
        let c = calendar();
        let budget = c
            .resolve("bij de begroting 2026", Some(day("2025-06-12")))
            .expect("found");
        assert_eq!((budget.meeting_id, budget.date), (11, day("2025-11-06")));
        let spring = c
            .resolve(
                "voor de behandeling van de Voorjaarsnota",
                Some(day("2025-01-10")),
            )
            .expect("found");
        assert_eq!(spring.meeting_id, 10);
        // A meeting before the commitment was made does not date it.
        assert!(
            c.resolve("voor de Voorjaarsnota", Some(day("2025-08-01")))
                .is_none()
        );
        // Another year's budget, or another document, is not this event.
        assert!(c.resolve("bij de begroting 2028", None).is_none());
        assert!(c.resolve("bij de kadernota 2026", None).is_none());
        // A title without a year names the event of its meeting's year or the next.
        assert_eq!(
            c.resolve("bij de jaarrekening 2025", None)
                .map(|d| d.meeting_id),
            Some(14)
        );
        assert!(c.resolve("bij de jaarrekening 2030", None).is_none());
    }

    #[test]
    fn frame_words_are_not_the_event() {
        assert_eq!(
            event_terms("vóór de behandeling van de Kadernota 2010"),
            (vec!["kadernota".to_string()], Some(2010))
        );
        assert!(event_terms("bij de").0.is_empty());
    }
}
