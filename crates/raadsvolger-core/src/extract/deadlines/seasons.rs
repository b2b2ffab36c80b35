//! Seasons and recesses: the locale table of their dates, a council's own recesses, and the
//! season phrase finder.

use chrono::{Datelike, Days, NaiveDate};

use super::candidates::{Cand, group};
use super::patterns::*;
use super::resolve::*;
use super::{DeadlineContext, DeadlineKind};

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Rel {
    Before,
    In,
    After,
    Begin,
    End,
}

/// Month, day and year offset (0 = the season's year, 1 = the year after) of a season date.
pub(super) type SeasonDate = (u32, u32, i32);

/// The dates of one season or recess, per way of naming it ("voor", "begin", "in", "eind", "na").
pub(super) struct SeasonDates {
    /// The season words this row is for, as prefixes ("zomer" also covers "zomerreces").
    prefixes: &'static [&'static str],
    /// Whole words this row is for ("voorjaar" but not "voorjaarsreces").
    words: &'static [&'static str],
    before: SeasonDate,
    begin: SeasonDate,
    during: SeasonDate,
    end: SeasonDate,
    after: SeasonDate,
}

/// Locale data: the Dutch seasons and recesses and the dates a clerk records for them (the season
/// rules of `shared/eval/README.md`: "voor de zomer" 07-01, voorjaar 05-31, "na de zomer" 09-30,
/// najaar 11-30, kerstreces 12-20, meireces 04-30, herfstreces 10-15, voorjaarsreces 02-15; the
/// other cells are the nearest reading of the same recess calendar). Rows are tried in order; the
/// last row (winter) is also the fallback.
pub(super) static SEASON_TABLE: &[SeasonDates] = &[
    SeasonDates {
        prefixes: &["zomer"],
        words: &[],
        before: (7, 1, 0),
        begin: (7, 1, 0),
        during: (7, 31, 0),
        end: (8, 31, 0),
        after: (9, 30, 0),
    },
    SeasonDates {
        prefixes: &["voorjaars", "krokus"],
        words: &[],
        before: (2, 15, 0),
        begin: (2, 15, 0),
        during: (2, 20, 0),
        end: (2, 20, 0),
        after: (3, 15, 0),
    },
    SeasonDates {
        prefixes: &[],
        words: &["voorjaar", "lente"],
        before: (3, 1, 0),
        begin: (3, 31, 0),
        during: (5, 31, 0),
        end: (5, 31, 0),
        after: (6, 30, 0),
    },
    SeasonDates {
        prefixes: &["herfstre", "herfstva"],
        words: &[],
        before: (10, 15, 0),
        begin: (10, 15, 0),
        during: (10, 20, 0),
        end: (10, 20, 0),
        after: (11, 15, 0),
    },
    SeasonDates {
        prefixes: &[],
        words: &["najaar", "herfst"],
        before: (9, 1, 0),
        begin: (9, 30, 0),
        during: (11, 30, 0),
        end: (11, 30, 0),
        after: (12, 31, 0),
    },
    SeasonDates {
        prefixes: &["kerst", "winterreces"],
        words: &[],
        before: (12, 20, 0),
        begin: (12, 20, 0),
        during: (12, 31, 0),
        end: (12, 31, 0),
        after: (1, 31, 1),
    },
    SeasonDates {
        prefixes: &["mei"],
        words: &[],
        before: (4, 30, 0),
        begin: (4, 30, 0),
        during: (5, 5, 0),
        end: (5, 5, 0),
        after: (5, 31, 0),
    },
    SeasonDates {
        prefixes: &[],
        words: &["winter"],
        before: (12, 1, 0),
        begin: (12, 31, 0),
        during: (2, 28, 1),
        end: (2, 28, 1),
        after: (3, 31, 1),
    },
];

/// A council's own recess: its name ("zomerreces", "kerstreces") and its first and last day
/// (`MM-DD`). Locale data: where a council sets its recesses, "voor het zomerreces" is the day
/// its summer recess starts, "na het zomerreces" a month after it ends.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Recess {
    pub name: String,
    pub start: String,
    pub end: String,
}

impl Recess {
    /// (month, day) of a `MM-DD` (or `DD-MM` never: the form is fixed).
    fn month_day(s: &str) -> Option<(u32, u32)> {
        let (m, d) = s.trim().split_once('-')?;
        let (m, d) = (m.parse().ok()?, d.parse().ok()?);
        NaiveDate::from_ymd_opt(2024, m, d).map(|_| (m, d))
    }

    /// Checks the dates; the error says which recess and what is wrong.
    pub fn validate(&self) -> Result<(), String> {
        if self.name.trim().is_empty() {
            return Err("a recess needs a name".into());
        }
        for (what, v) in [("start", &self.start), ("end", &self.end)] {
            if Self::month_day(v).is_none() {
                return Err(format!(
                    "{}: {what} {v:?} is not a day of the year (MM-DD, e.g. 07-04)",
                    self.name
                ));
            }
        }
        if season_row(&self.name.to_lowercase()).is_none() {
            return Err(format!(
                "{}: not a recess Raadsvolger knows (zomerreces, kerstreces, voorjaarsreces, \
                 herfstreces, meireces)",
                self.name
            ));
        }
        Ok(())
    }
}

/// The row of the default table for a season word.
pub(super) fn season_row(s: &str) -> Option<&'static SeasonDates> {
    SEASON_TABLE
        .iter()
        .find(|r| r.words.contains(&s) || r.prefixes.iter().any(|p| s.starts_with(p)))
}

/// A council's own recess for this row, as season dates.
pub(super) fn recess_override(
    row: &'static SeasonDates,
    recesses: &[Recess],
) -> Option<SeasonDates> {
    {
        let r = recesses.iter().find(|r| {
            let name = r.name.to_lowercase();
            season_row(&name).is_some_and(|own| std::ptr::eq(own, row))
        })?;
        let (sm, sd) = Recess::month_day(&r.start)?;
        let (em, ed) = Recess::month_day(&r.end)?;
        // A recess over new year ends in the next year.
        let ey = i32::from((em, ed) < (sm, sd));
        let after = NaiveDate::from_ymd_opt(2001 + ey, em, ed)? + Days::new(30);
        let ay = after.year() - 2001;
        Some(SeasonDates {
            prefixes: row.prefixes,
            words: row.words,
            before: (sm, sd, 0),
            begin: (sm, sd, 0),
            during: (em, ed, ey),
            end: (em, ed, ey),
            after: (after.month(), after.day(), ay),
        })
    }
}

/// The due date of a season phrase in the season's year `y` (see [`SEASON_TABLE`]; a recess
/// the council set in `recesses` has its own dates).
pub(super) fn season_due(season: &str, rel: Rel, y: i32, recesses: &[Recess]) -> Option<NaiveDate> {
    let s = season.to_lowercase();
    let default = season_row(&s).or(SEASON_TABLE.last())?;
    let own = recess_override(default, recesses);
    let row = own.as_ref().unwrap_or(default);
    let (m, d, yo) = match rel {
        Rel::Before => row.before,
        Rel::Begin => row.begin,
        Rel::In => row.during,
        Rel::End => row.end,
        Rel::After => row.after,
    };
    ymd(y + yo, m, d)
}

pub(super) fn season_rel(p: Option<&str>) -> Rel {
    let Some(p) = p else { return Rel::In };
    let p = p.to_lowercase();
    if is_voor(&p) || p.starts_with("voorafgaand") || p == "tegen" {
        Rel::Before
    } else if p.starts_with("na") {
        Rel::After
    } else if p.starts_with("begin") || p.contains("begin van") || p == "rond" {
        Rel::Begin
    } else if p.starts_with("eind") || p.contains("eind") {
        Rel::End
    } else {
        Rel::In
    }
}

pub(super) fn season_candidates(
    s: &str,
    doc: NaiveDate,
    ctx: &DeadlineContext<'_>,
    out: &mut Vec<Cand>,
) {
    let due = |season: &str, rel: Rel, y: i32| season_due(season, rel, y, ctx.recesses);
    for c in SEASON_PHRASE.captures_iter(s) {
        let Some(whole) = c.get(0) else { continue };
        let Some(season) = group(&c, "s") else {
            continue;
        };
        let has_p = c.name("p").is_some() || whole.as_str().to_lowercase().starts_with("uiterlijk");
        let deic = group(&c, "deic").map(str::to_lowercase);
        if !has_p && c.name("art").is_none() && c.name("y").is_none() && deic.is_none() {
            continue;
        }
        let rel = season_rel(group(&c, "p"));
        let due = if let Some(y) = group(&c, "y").and_then(|y| y.parse().ok()) {
            due(season, rel, y)
        } else if let Some(r) = group(&c, "rel") {
            due(season, rel, rel_year(doc, r))
        } else if deic
            .as_deref()
            .is_some_and(|d| d.starts_with("dit") || d.starts_with("deze"))
        {
            // "dit najaar", "deze zomer": the season of the document's year.
            due(season, rel, doc.year())
        } else {
            first_after(doc, |y| due(season, rel, y))
        };
        let mut cand = Cand::new(DeadlineKind::Season, due, whole.start(), whole.end()).calendar();
        cand.deictic = deic.is_some() || c.name("rel").is_some();
        out.push(cand);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn season_table_lookup() {
        for (season, rel, due) in [
            ("zomerreces", Rel::Before, d(2025, 7, 1)),
            ("Voorjaarsreces", Rel::Before, d(2025, 2, 15)),
            ("voorjaar", Rel::In, d(2025, 5, 31)),
            ("najaar", Rel::In, d(2025, 11, 30)),
            ("herfstvakantie", Rel::Before, d(2025, 10, 15)),
            ("kerstreces", Rel::After, d(2026, 1, 31)),
            ("meireces", Rel::Before, d(2025, 4, 30)),
            ("winter", Rel::In, d(2026, 2, 28)),
        ] {
            assert_eq!(season_due(season, rel, 2025, &[]), Some(due), "{season}");
        }
    }
}
