//! The candidate finders per phrase family: days, months, quarters, halves, years, relative
//! periods, asap and recurring duties (seasons and events have files of their own).

use chrono::{Datelike, Days, Months, NaiveDate};
use regex::Captures;

use super::DeadlineKind;
use super::patterns::*;
use super::resolve::*;
use super::text::*;
use crate::extract::dates;

#[derive(Debug, Clone)]
pub(super) struct Cand {
    pub(super) kind: DeadlineKind,
    pub(super) due: Option<NaiveDate>,
    pub(super) start: usize,
    pub(super) end: usize,
    /// Subject to the blocker / past / target filters (explicit calendar phrases).
    pub(super) calendar: bool,
    /// A bare year phrase ("in 2025", "voor 2026"): also subject to the policy-target filters.
    pub(super) bare_year: bool,
    /// Introduced by "bij" (an event that may only be the vehicle of a recurring report).
    pub(super) via_bij: bool,
    /// "voor 2026" (as a deadline: the end of 2025).
    pub(super) before_year: bool,
    /// A day after "per" / "op" / "met ingang van".
    pub(super) soft: bool,
    /// A date without a year in a frame that may describe the past ("op 12 maart", "in maart"):
    /// its year was filled in forward from the document, which a past-tense clause contradicts.
    pub(super) yearless: bool,
    /// Named from the document ("dit jaar", "in het nieuwe jaar", "dit najaar", "volgende
    /// maand"): subject to the subordinate-clause filter, like a bare year.
    pub(super) deictic: bool,
    /// The rule that found it: the finder's name (set by the pipeline), or a finer name the
    /// finder gives ("event_clause", "relative_after_event").
    pub(super) rule: &'static str,
}

impl Cand {
    pub(super) fn new(
        kind: DeadlineKind,
        due: Option<NaiveDate>,
        start: usize,
        end: usize,
    ) -> Self {
        Cand {
            kind,
            due,
            start,
            end,
            calendar: false,
            bare_year: false,
            via_bij: false,
            before_year: false,
            soft: false,
            yearless: false,
            deictic: false,
            rule: "",
        }
    }

    /// The candidate, named after the rule that found it.
    pub(super) fn rule(mut self, rule: &'static str) -> Self {
        self.rule = rule;
        self
    }

    pub(super) fn calendar(mut self) -> Self {
        self.calendar = true;
        self
    }
}

pub(super) fn group<'t>(c: &Captures<'t>, name: &str) -> Option<&'t str> {
    c.name(name).map(|m| m.as_str())
}

pub(super) fn day_candidates(s: &str, doc: NaiveDate, out: &mut Vec<Cand>) {
    for m in dates::find_dates(s, Some(doc)) {
        let before = &s[..m.start];
        let Some(t) = DAY_TRIGGER.captures(before).and_then(|c| c.name("t")) else {
            continue;
        };
        let trig = t.as_str().to_lowercase();
        let start = t.start() + (t.as_str().len() - t.as_str().trim_start().len());
        // "per" / "op" / "met ingang van" date a request only inside an infinitive dictum
        // ("per 1 januari een verzekering af te sluiten", "ervoor te zorgen dat per 1 januari
        // ..."), not in "de wet treedt per 1 januari in werking".
        let soft = matches!(trig.as_str(), "per" | "op" | "tegen")
            || trig.starts_with("met ingang")
            || trig.starts_with("m.i.v");
        if soft
            && !INFINITIVE.is_match(clause_after(s, m.end))
            && !INFINITIVE.is_match(clause_before(s, start))
        {
            continue;
        }
        let mut cand = Cand::new(DeadlineKind::Day, Some(m.date), start, m.end).calendar();
        cand.soft = soft;
        cand.yearless = soft && !HAS_YEAR.is_match(&m.text) && !FORWARD_MARK.is_match(&m.text);
        out.push(cand);
    }
}

pub(super) fn month_candidates(s: &str, doc: NaiveDate, out: &mut Vec<Cand>) {
    for c in MONTH_PHRASE.captures_iter(s) {
        let Some(whole) = c.get(0) else { continue };
        // "1 januari" is a day, not a month.
        if preceded_by_digit(s, whole.start()) {
            continue;
        }
        let Some(month) = group(&c, "m").and_then(dates::month_from_dutch) else {
            continue;
        };
        let before = group(&c, "p").is_some_and(is_voor);
        let due_for = |y: i32| {
            if before {
                if month == 1 {
                    month_end(y - 1, 12)
                } else {
                    month_end(y, month - 1)
                }
            } else {
                month_end(y, month)
            }
        };
        let due = if let Some(y) = group(&c, "y").and_then(|y| y.parse().ok()) {
            due_for(y)
        } else if let Some(r) = group(&c, "rel") {
            due_for(rel_year(doc, r))
        } else {
            first_after(doc, due_for)
        };
        let mut cand = Cand::new(DeadlineKind::Month, due, whole.start(), whole.end()).calendar();
        let firm = before
            || group(&c, "pre").is_some_and(|p| {
                let p = p.trim_start().to_lowercase();
                p.starts_with("uiterlijk") || p.starts_with("tegen") || p.starts_with("per")
            });
        cand.yearless =
            !firm && c.name("y").is_none() && c.name("rel").is_none() && c.name("as").is_none();
        out.push(cand);
    }
}

pub(super) fn deictic_month_candidates(s: &str, doc: NaiveDate, out: &mut Vec<Cand>) {
    for c in DEICTIC_MONTH.captures_iter(s) {
        let Some(whole) = c.get(0) else { continue };
        let this = group(&c, "d")
            .is_some_and(|d| d.eq_ignore_ascii_case("deze") || d.eq_ignore_ascii_case("dit"));
        let first = ymd(doc.year(), doc.month(), 1);
        let due = if this {
            month_end(doc.year(), doc.month())
        } else {
            first
                .and_then(|f| f.checked_add_months(Months::new(1)))
                .and_then(|n| month_end(n.year(), n.month()))
        };
        let mut cand = Cand::new(DeadlineKind::Month, due, whole.start(), whole.end()).calendar();
        cand.deictic = true;
        out.push(cand);
    }
}

pub(super) fn preceded_by_digit(s: &str, pos: usize) -> bool {
    s[..pos]
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit())
}

pub(super) fn quarter_candidates(s: &str, doc: NaiveDate, out: &mut Vec<Cand>) {
    for c in QUARTER_PHRASE.captures_iter(s) {
        let Some(whole) = c.get(0) else { continue };
        let before = group(&c, "p").is_some_and(is_voor) && c.name("edge").is_none();
        let due_for = |y: i32, q: u32| {
            if before {
                if q == 1 {
                    quarter_end(y - 1, 4)
                } else {
                    quarter_end(y, q - 1)
                }
            } else {
                quarter_end(y, q)
            }
        };
        let current_q = doc.month0() / 3 + 1;
        let due = if let Some(ord) = group(&c, "ord") {
            let q = match ord.to_lowercase().chars().next() {
                Some('e') | Some('1') => 1,
                Some('t') | Some('2') => 2,
                Some('d') | Some('3') => 3,
                _ => 4,
            };
            if let Some(y) = group(&c, "y").and_then(|y| y.parse().ok()) {
                due_for(y, q)
            } else if let Some(r) = group(&c, "rel") {
                due_for(rel_year(doc, r), q)
            } else {
                first_after(doc, |y| due_for(y, q))
            }
        } else if let Some(q) = group(&c, "q").and_then(|q| q.parse::<u32>().ok()) {
            match group(&c, "y2") {
                Some(y) => {
                    let y: i32 = y.trim_start_matches('\'').parse().unwrap_or(0);
                    let y = if y < 100 { 2000 + y } else { y };
                    due_for(y, q)
                }
                None => first_after(doc, |y| due_for(y, q)),
            }
        } else if let (Some(y), Some(q)) = (
            group(&c, "y3").and_then(|y| y.parse().ok()),
            group(&c, "q3").and_then(|q| q.parse::<u32>().ok()),
        ) {
            due_for(y, q)
        } else if c.name("this").is_some() {
            quarter_end(doc.year(), current_q)
        } else if c.name("next").is_some() {
            if current_q == 4 {
                quarter_end(doc.year() + 1, 1)
            } else {
                quarter_end(doc.year(), current_q + 1)
            }
        } else {
            None
        };
        out.push(Cand::new(DeadlineKind::Quarter, due, whole.start(), whole.end()).calendar());
    }
}

pub(super) fn half_candidates(s: &str, doc: NaiveDate, out: &mut Vec<Cand>) {
    for c in HALF_PHRASE.captures_iter(s) {
        let Some(whole) = c.get(0) else { continue };
        let before = group(&c, "p").is_some_and(is_voor);
        let (half, year) = if c.name("mid").is_some() {
            let y = group(&c, "y")
                .and_then(|y| y.parse().ok())
                .or_else(|| group(&c, "rel").map(|r| rel_year(doc, r)));
            (1, y)
        } else if let Some(h) = group(&c, "h") {
            let h = if h.starts_with(['t', 'T', '2']) { 2 } else { 1 };
            let y = group(&c, "y2")
                .and_then(|y| y.parse().ok())
                .or_else(|| group(&c, "rel2").map(|r| rel_year(doc, r)));
            // "vóór de tweede helft" = by the end of the first half.
            (
                if before && c.name("mid").is_none() {
                    h - 1
                } else {
                    h
                },
                y,
            )
        } else {
            let h = group(&c, "h3")
                .and_then(|h| h.parse::<u32>().ok())
                .unwrap_or(1);
            (h, group(&c, "y3").and_then(|y| y.parse().ok()))
        };
        let due_for = |y: i32| match half {
            0 => ymd(y - 1, 12, 31),
            1 => ymd(y, 6, 30),
            _ => ymd(y, 12, 31),
        };
        let due = match year {
            Some(y) => due_for(y),
            None => first_after(doc, due_for),
        };
        out.push(Cand::new(DeadlineKind::Half, due, whole.start(), whole.end()).calendar());
    }
}

pub(super) fn year_candidates(s: &str, doc: NaiveDate, out: &mut Vec<Cand>) {
    for c in YEAR_PHRASE.captures_iter(s) {
        let Some(whole) = c.get(0) else { continue };
        let p = group(&c, "p").map(|p| p.to_lowercase());
        let edge = group(&c, "edge").map(|e| e.to_lowercase());
        let has_uit = c.name("uit").is_some() || p.as_deref() == Some("uiterlijk");
        let deictic = group(&c, "rel").is_some_and(|r| DEICTIC_YEAR.is_match(r));
        if p.is_none() && edge.is_none() && !has_uit && !deictic {
            continue; // a bare "2025" is no deadline
        }
        if p.as_deref() == Some("later") && group(&c, "rel").is_none() {
            continue;
        }
        // "binnen het jaar" is a period (see the relative phrases); "binnen dit jaar" is a year.
        let plain_year = group(&c, "rel").is_some_and(|r| {
            let r = r.to_lowercase();
            r.split_whitespace().collect::<Vec<_>>() == ["het", "jaar"]
        });
        if p.as_deref() == Some("binnen") && (plain_year || c.name("wissel").is_some()) {
            continue;
        }
        let year = if let Some(y) = group(&c, "y").and_then(|y| y.parse::<i32>().ok()) {
            y
        } else if let Some(r) = group(&c, "rel") {
            // "voor het einde van het jaar" = this year.
            rel_year(doc, r)
        } else {
            doc.year()
        };
        let before = p.as_deref().is_some_and(is_voor);
        let due = match edge.as_deref() {
            Some(e) if e.contains("eind") => ymd(year, 12, 31),
            Some(_) if before => ymd(year - 1, 12, 31),
            Some(_) => ymd(year, 3, 31),
            None if c.name("wissel").is_some() => ymd(year, 12, 31),
            None if before && c.name("y").is_some() => ymd(year - 1, 12, 31),
            None => ymd(year, 12, 31),
        };
        let mut cand = Cand::new(DeadlineKind::Year, due, whole.start(), whole.end()).calendar();
        cand.bare_year = edge.is_none() && c.name("y").is_some();
        cand.before_year = cand.bare_year && before;
        // "dit jaar" without a preposition is read like a bare year: it may be a cost year
        // ("€ 2 miljoen dit jaar") or sit in a description ("de kosten die dit jaar stijgen").
        cand.bare_year |= deictic && p.is_none() && edge.is_none();
        // "voor dit jaar" after a budget word: "de subsidie voor dit jaar".
        cand.before_year |= deictic && before && edge.is_none();
        cand.deictic = c.name("rel").is_some();
        out.push(cand);
    }
}

pub(super) fn relative_candidates(s: &str, doc: NaiveDate, out: &mut Vec<Cand>) {
    for c in RELATIVE_PHRASE.captures_iter(s) {
        let Some(whole) = c.get(0) else { continue };
        let months = |n: u32| doc.checked_add_months(Months::new(n));
        let days = |n: u64| doc.checked_add_days(Days::new(n));
        let due = if let Some(h) = group(&c, "half") {
            let h = h.to_lowercase();
            let unit_year = group(&c, "hu").is_some_and(|u| u.eq_ignore_ascii_case("jaar"));
            match (h.starts_with("anderhal"), unit_year) {
                (true, true) => months(18),
                (false, true) => months(6),
                (true, false) => days(45),
                (false, false) => days(15),
            }
        } else if let Some(hj) = group(&c, "hj") {
            if hj.to_lowercase().contains("half") {
                months(6)
            } else {
                months(12)
            }
        } else {
            let n = group(&c, "n2")
                .or_else(|| group(&c, "n"))
                .and_then(parse_num)
                .unwrap_or(0);
            let unit = group(&c, "u").map(|u| u.to_lowercase()).unwrap_or_default();
            if unit.starts_with("werkdag") {
                add_working_days(doc, u64::from(n))
            } else if unit.starts_with("dag") {
                days(u64::from(n))
            } else if unit.starts_with("week") || unit.starts_with("weken") {
                days(7 * u64::from(n))
            } else if unit.starts_with("maand") {
                months(n)
            } else if unit.starts_with("kwarta") {
                months(3 * n)
            } else {
                months(12 * n)
            }
        };
        if n_is_zero(&c) {
            continue;
        }
        // "binnen drie maanden na <event>": anchored at an event, unless it is this motion.
        let tail = &s[whole.end()..];
        let after = RELATIVE_AFTER.captures(tail);
        // A period needs its frame: "binnen drie maanden", or "uiterlijk drie maanden na ...".
        if c.name("within").is_none() && (c.name("frame").is_none() || after.is_none()) {
            continue;
        }
        if let Some(a) = after {
            let end = whole.end() + a.get(0).map_or(0, |m| m.end());
            if a.name("motion").is_some() {
                out.push(Cand::new(DeadlineKind::Relative, due, whole.start(), end));
            } else {
                out.push(
                    Cand::new(DeadlineKind::Event, None, whole.start(), end)
                        .rule("relative_after_event"),
                );
            }
            continue;
        }
        out.push(Cand::new(
            DeadlineKind::Relative,
            due,
            whole.start(),
            whole.end(),
        ));
    }
}

pub(super) fn n_is_zero(c: &Captures<'_>) -> bool {
    group(c, "n").and_then(parse_num) == Some(0)
}

pub(super) fn asap_candidates(s: &str, out: &mut Vec<Cand>) {
    for m in ASAP.find_iter(s) {
        // "onmiddellijk na de zomer" qualifies another phrase.
        if m.as_str().eq_ignore_ascii_case("onmiddellijk") {
            let next = s[m.end()..].trim_start().to_lowercase();
            if ["na ", "nadat", "voor", "vóór", "bij "]
                .iter()
                .any(|w| next.starts_with(w))
            {
                continue;
            }
        }
        let end = m.start() + m.as_str().trim_end().len();
        out.push(Cand::new(DeadlineKind::Asap, None, m.start(), end));
    }
}

pub(super) fn recurring_candidates(s: &str, out: &mut Vec<Cand>) {
    for m in RECURRING.find_iter(s) {
        let after = &s[m.end()..];
        let before_start = floor_boundary(s, m.start().saturating_sub(60));
        let before = &s[before_start..m.start()];
        // An adverb of frequency sets a recurring duty only next to a reporting verb or an
        // infinitive ("jaarlijks te rapporteren"), not in "jaarlijks 10 miljard".
        // "€ 50.000 per jaar", "jaarlijks € 10.000": a rate.
        if AMOUNT_END.is_match(&s[before_start..m.start()]) || AMOUNT_START.is_match(after) {
            continue;
        }
        let reports = REPORT_AFTER
            .find(after)
            .is_some_and(|r| !PURPOSE_OM.is_match(r.as_str()))
            || REPORT_BEFORE.is_match(before);
        if reports {
            out.push(Cand::new(DeadlineKind::Recurring, None, m.start(), m.end()));
        }
    }
}
