//! Date arithmetic: month and quarter ends, working days, numbers and years named in words.

use chrono::{Datelike, NaiveDate, Weekday};

use super::lexicon;

pub(super) fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

pub(super) fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m >= 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1).and_then(|d| d.pred_opt())
}

pub(super) fn quarter_end(y: i32, q: u32) -> Option<NaiveDate> {
    month_end(y, q * 3)
}

/// The first date `f(year)` strictly after `doc`, trying the document's year and the next few.
pub(super) fn first_after(
    doc: NaiveDate,
    f: impl Fn(i32) -> Option<NaiveDate>,
) -> Option<NaiveDate> {
    (doc.year() - 1..=doc.year() + 3)
        .filter_map(f)
        .find(|d| *d > doc)
}

/// Prinsjesdag: the third Tuesday of September.
pub fn prinsjesdag(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, 9, Weekday::Tue, 3)
}

/// Verantwoordingsdag: the third Wednesday of May.
pub fn verantwoordingsdag(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, 5, Weekday::Wed, 3)
}

pub(super) fn add_working_days(mut d: NaiveDate, n: u64) -> Option<NaiveDate> {
    let mut left = n;
    while left > 0 {
        d = d.succ_opt()?;
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    Some(d)
}

/// A number in digits or in words (`lexicon/numbers.txt`).
pub(super) fn parse_num(word: &str) -> Option<u32> {
    let w = word.trim().to_lowercase();
    match lexicon::NUMBERS.values().find(|(word, _)| *word == w) {
        Some((_, value)) => value.parse().ok(),
        None => w.parse().ok(),
    }
}

/// "dit jaar" → the document's year, "volgend jaar" → the next one.
pub(super) fn rel_year(doc: NaiveDate, phrase: &str) -> i32 {
    let p = phrase.to_lowercase();
    if p.contains("volgend") || p.contains("komend") || p.contains("nieuwe") {
        doc.year() + 1
    } else {
        doc.year()
    }
}

pub(super) fn is_voor(word: &str) -> bool {
    let w: String = word
        .to_lowercase()
        .chars()
        .filter(|c| *c != '\u{301}')
        .map(|c| if c == 'ó' { 'o' } else { c })
        .collect();
    w == "voor"
}
