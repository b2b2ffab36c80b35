//! Calendar dates in Dutch text.
//!
//! [`find_dates`] recognises written dates ("15 maart 2018", "15 mrt. 2018", "maandag 19 mar 2018",
//! "dinsdag 16 januari 2018 11:05") and numeric ones ("07-07-2023", "7-7-2023", "07/07/2023",
//! "7.7.2023", "2023-07-07"). A written date without a year is resolved against the anchor:
//!
//! * "15 maart jl." / "jongstleden": the last 15 March on or before the anchor;
//! * "1 maart a.s." / "aanstaande": the first 1 March strictly after the anchor;
//! * plain "15 maart": like "aanstaande", the first 15 March strictly after the anchor (the rule
//!   the deadline evaluation uses: "without a year: the first such day after doc_date").
//!
//! Without an anchor, year-less dates are skipped.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

/// A calendar date found in text. `start..end` is a byte range of the text (on char boundaries);
/// `text` is that slice.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub date: NaiveDate,
    pub text: String,
}

pub use crate::lang::nl::months::{
    ALTERNATION as MONTH_ALTERNATION, FULL_ALTERNATION as MONTH_FULL_ALTERNATION,
    number as month_from_dutch,
};

/// Compiles a static pattern with ASCII word boundaries (which the fast DFA engines support;
/// every keyword here begins and ends with an ASCII letter or digit).
fn re(pattern: &str) -> Regex {
    Regex::new(&pattern.replace(r"\b", r"(?-u:\b)")).expect("static regex in dates.rs")
}

static WRITTEN: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\s*,?\s+)?(?P<d>\d{{1,2}})(?:e|ste|de)?\s+(?P<m>{MONTH_ALTERNATION})\b\.?(?:\s+(?P<y>(?:19|20)\d{{2}})\b)?(?:\s+(?P<rel>j\.\s?l\.|jl\b\.?|jongstleden\b|a\.\s?s\.|as\.|aanstaande\b|aanst\.))?(?:,?\s+(?:om\s+)?\d{{1,2}}[:.]\d{{2}}\b(?:\s*uur\b)?)?"
    ))
});

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:(?P<iy>(?:19|20)\d{2})-(?P<im>\d{1,2})-(?P<id>\d{1,2})|(?P<d>\d{1,2})(?:-(?P<m1>\d{1,2})-|/(?P<m2>\d{1,2})/|\.(?P<m3>\d{1,2})\.)(?P<y>(?:19|20)\d{2}))\b",
    )
});

/// The first `month`/`day` strictly after `anchor` (within the next eight years, so 29 February
/// is found too).
pub fn next_month_day_after(anchor: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    (anchor.year()..=anchor.year() + 8)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .find(|d| *d > anchor)
}

/// The last `month`/`day` on or before `anchor`.
pub fn last_month_day_on_or_before(anchor: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    (anchor.year() - 8..=anchor.year())
        .rev()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .find(|d| *d <= anchor)
}

/// Finds calendar dates in Dutch text, in text order. See the module docs for how a date without
/// a year is resolved against `anchor`.
pub fn find_dates(text: &str, anchor: Option<NaiveDate>) -> Vec<DateMention> {
    let mut out: Vec<DateMention> = Vec::new();
    for c in WRITTEN.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let day = c.name("d").and_then(|m| m.as_str().parse::<u32>().ok());
        let month = c.name("m").and_then(|m| month_from_dutch(m.as_str()));
        let (Some(day), Some(month)) = (day, month) else {
            continue;
        };
        let year = c.name("y").and_then(|m| m.as_str().parse::<i32>().ok());
        let rel = c.name("rel").map(|m| m.as_str().to_lowercase());
        let date = match (year, anchor) {
            (Some(y), _) => NaiveDate::from_ymd_opt(y, month, day),
            (None, Some(a)) => {
                let past = rel.as_deref().is_some_and(|r| r.starts_with('j'));
                if past {
                    last_month_day_on_or_before(a, month, day)
                } else {
                    next_month_day_after(a, month, day)
                }
            }
            (None, None) => None,
        };
        if let Some(date) = date {
            out.push(DateMention {
                start: whole.start(),
                end: whole.end(),
                date,
                text: whole.as_str().to_string(),
            });
        }
    }
    for c in NUMERIC.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let date = if let Some(y) = c.name("iy").and_then(|m| m.as_str().parse::<i32>().ok()) {
            match (num("im"), num("id")) {
                (Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d),
                _ => None,
            }
        } else {
            let y = c.name("y").and_then(|m| m.as_str().parse::<i32>().ok());
            let m = num("m1").or_else(|| num("m2")).or_else(|| num("m3"));
            match (y, m, num("d")) {
                (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d),
                _ => None,
            }
        };
        let overlaps = out
            .iter()
            .any(|o| o.start < whole.end() && whole.start() < o.end);
        if let (Some(date), false) = (date, overlaps) {
            out.push(DateMention {
                start: whole.start(),
                end: whole.end(),
                date,
                text: whole.as_str().to_string(),
            });
        }
    }
    out.sort_by_key(|m| m.start);
    out
}

/// The slashed dates of a text read month first ("7/14/2022" is 14 July 2022), for a page that
/// writes them so ([`slashes_month_first`]); a reading that is no date is left out.
pub fn slashed_month_first(text: &str) -> Vec<DateMention> {
    NUMERIC
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let num = |name: &str| c.name(name)?.as_str().parse::<u32>().ok();
            let year = c.name("y")?.as_str().parse::<i32>().ok()?;
            let date = NaiveDate::from_ymd_opt(year, num("d")?, num("m2")?)?;
            Some(DateMention {
                start: whole.start(),
                end: whole.end(),
                date,
                text: whole.as_str().to_string(),
            })
        })
        .collect()
}

/// A weekday and a day of a month without a year ("dinsdag 14 mei 19:30", as portals list a
/// meeting).
static WEEKDAY_NO_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?P<w>maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\s*,?\s+(?P<d>\d{{1,2}})\s+(?P<m>{MONTH_FULL_ALTERNATION})\b(?:\s+(?P<y>(?:19|20)\d{{2}}))?"
    ))
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:19|20)\d{2}\b"));

/// How far before a yearless weekday date a year may stand to give it its year.
const YEAR_CONTEXT_BYTES: usize = 300;

/// Dates written with a weekday but no year ("woensdag 8 juni"), dated by the calendar: the
/// year is the nearest year written before it (within a few lines) in which that day falls on
/// that weekday. Without such a year nothing is guessed.
pub fn weekday_dates(text: &str) -> Vec<DateMention> {
    let mut out = Vec::new();
    for c in WEEKDAY_NO_YEAR.captures_iter(text) {
        let (Some(whole), Some(w), Some(d), Some(m)) =
            (c.get(0), c.name("w"), c.name("d"), c.name("m"))
        else {
            continue;
        };
        if c.name("y").is_some() {
            continue;
        }
        let (Some(day), Some(month), Some(weekday)) = (
            d.as_str().parse::<u32>().ok(),
            month_from_dutch(m.as_str()),
            weekday_number(w.as_str()),
        ) else {
            continue;
        };
        let mut from = whole.start().saturating_sub(YEAR_CONTEXT_BYTES);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let years: Vec<i32> = YEAR
            .find_iter(&text[from..whole.start()])
            .filter_map(|y| y.as_str().parse().ok())
            .collect();
        let found = years.iter().rev().find_map(|&year| {
            NaiveDate::from_ymd_opt(year, month, day)
                .filter(|date| date.weekday().num_days_from_monday() == weekday)
        });
        if let Some(date) = found {
            out.push(DateMention {
                start: whole.start(),
                end: whole.end(),
                date,
                text: whole.as_str().to_string(),
            });
        }
    }
    out
}

fn weekday_number(word: &str) -> Option<u32> {
    let days = [
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ];
    let w = word.to_lowercase();
    days.iter()
        .position(|d| *d == w)
        .and_then(|i| u32::try_from(i).ok())
}

/// Whether a page writes its slashed dates month first ("12/30/2022", as portals set up in
/// English do): yes when one of them can only be read so, or when a date the page also writes
/// the Dutch way (with dashes or in words) matches the month-first reading and not the other;
/// else no (day first, the Dutch way).
pub fn slashes_month_first(text: &str) -> bool {
    let mut slashed = Vec::new();
    for c in NUMERIC.captures_iter(text) {
        if let (Some(d), Some(m), Some(y)) = (c.name("d"), c.name("m2"), c.name("y")) {
            let (Ok(a), Ok(b), Ok(y)) = (
                d.as_str().parse::<u32>(),
                m.as_str().parse::<u32>(),
                y.as_str().parse::<i32>(),
            ) else {
                continue;
            };
            slashed.push((a, b, y));
        }
    }
    if slashed.iter().any(|&(a, _, _)| a > 12) {
        return false;
    }
    if slashed.iter().any(|&(_, b, _)| b > 12) {
        return true;
    }
    let others: Vec<NaiveDate> = find_dates(text, None)
        .into_iter()
        .filter(|m| !m.text.contains('/'))
        .map(|m| m.date)
        .collect();
    slashed.iter().any(|&(a, b, y)| {
        a != b
            && NaiveDate::from_ymd_opt(y, a, b).is_some_and(|d| others.contains(&d))
            && !NaiveDate::from_ymd_opt(y, b, a).is_some_and(|d| others.contains(&d))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn dates(text: &str, anchor: Option<NaiveDate>) -> Vec<NaiveDate> {
        find_dates(text, anchor)
            .into_iter()
            .map(|m| m.date)
            .collect()
    }

    #[test]
    fn written_dates() {
        assert_eq!(
            dates("op 15 maart 2018 besloot", None),
            vec![d(2018, 3, 15)]
        );
        assert_eq!(dates("15 mrt. 2018", None), vec![d(2018, 3, 15)]);
        assert_eq!(dates("maandag 19 mar 2018", None), vec![d(2018, 3, 19)]);
        let m = find_dates(
            "Vergadering: dinsdag 16 januari 2018 11:05 uur, zaal 2",
            None,
        );
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].date, d(2018, 1, 16));
        assert_eq!(m[0].text, "dinsdag 16 januari 2018 11:05 uur");
        assert!(dates("31 februari 2018", None).is_empty());
    }

    #[test]
    fn numeric_dates() {
        assert_eq!(dates("07-07-2023", None), vec![d(2023, 7, 7)]);
        assert_eq!(dates("7-7-2023", None), vec![d(2023, 7, 7)]);
        assert_eq!(dates("07/07/2023", None), vec![d(2023, 7, 7)]);
        assert_eq!(dates("2023-07-07", None), vec![d(2023, 7, 7)]);
        assert!(dates("bedrag 221.899,04 van 9.30 - 17.30 uur", None).is_empty());
        assert!(dates("de periode 2023-2024", None).is_empty());
    }

    #[test]
    fn year_less_dates_use_the_anchor() {
        let a = d(2018, 3, 20);
        assert!(dates("15 maart", None).is_empty());
        assert_eq!(dates("15 maart jl.", Some(a)), vec![d(2018, 3, 15)]);
        assert_eq!(dates("25 maart jl.", Some(a)), vec![d(2017, 3, 25)]);
        assert_eq!(dates("1 maart a.s.", Some(a)), vec![d(2019, 3, 1)]);
        assert_eq!(dates("1 april aanstaande", Some(a)), vec![d(2018, 4, 1)]);
        assert_eq!(dates("voor 1 september", Some(a)), vec![d(2018, 9, 1)]);
        assert_eq!(dates("voor 20 maart", Some(a)), vec![d(2019, 3, 20)]);
        assert_eq!(dates("29 februari", Some(a)), vec![d(2020, 2, 29)]);
    }

    #[test]
    fn a_weekday_gives_a_yearless_date_its_year() {
        let m = weekday_dates("Raad 2024 (agendapunt 5)\ndinsdag 14 mei 19:30 tot 22:30");
        assert_eq!(
            m.iter().map(|m| m.date).collect::<Vec<_>>(),
            vec![d(2024, 5, 14)]
        );
        // 14 May 2023 was a Sunday: no year written before it fits, so nothing is guessed.
        assert!(weekday_dates("Raad 2023\nmaandag 14 mei").is_empty());
        assert!(weekday_dates("In de commissie van woensdag 9 april").is_empty());
    }

    #[test]
    fn slashed_dates_of_portals_are_read_month_first_when_the_page_says_so() {
        assert!(slashes_month_first("Einddatum: 12/30/2022"));
        assert!(!slashes_month_first("Datum: 30/12/2022"));
        assert!(slashes_month_first(
            "Datum: 7/9/2019\nRaadsvergadering 09-07-2019"
        ));
        assert!(!slashes_month_first(
            "Datum: 9/7/2019\nRaadsvergadering 09-07-2019"
        ));
        assert!(!slashes_month_first("Datum: 7/9/2019"));
        let read = slashed_month_first("Datum: 7/14/2022, 30-12-2022, einde 12/30/2022");
        let days: Vec<_> = read.iter().map(|m| m.date.to_string()).collect();
        assert_eq!(days, ["2022-07-14", "2022-12-30"]);
    }

    #[test]
    fn offsets_are_char_boundaries() {
        let text = "Vóór “1 oktober 2025” één besluit, ö é ë";
        let m = find_dates(text, None);
        assert_eq!(m.len(), 1);
        assert_eq!(&text[m[0].start..m[0].end], "1 oktober 2025");
    }
}
