//! The evaluation scorer: matches extracted deadlines to the expected ones of an evaluation row.

use chrono::NaiveDate;

use super::{Deadline, DeadlineKind};

/// Scores of one row (or, summed, of a whole evaluation set).
///
/// * `tp`: extracted deadlines matched to an expected one with equal kind and equal due (within 31
///   days for `season`);
/// * `fp`: extracted deadlines left unmatched; `fn_`: expected deadlines left unmatched;
/// * `matched`: pairs matched on kind alone; `exact_due`: of those, the pairs whose due is exactly
///   equal. Exact-due accuracy = `exact_due / matched`: how well dates are normalised once the kind
///   is right.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub exact_due: usize,
    pub matched: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// Share of kind-matched pairs whose due is exactly equal.
    pub fn exact_due_accuracy(&self) -> f64 {
        ratio(self.exact_due, self.matched)
    }

    pub fn add(&mut self, other: &Score) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
        self.exact_due += other.exact_due;
        self.matched += other.matched;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Whether an extracted due matches an expected one: equal, or within 31 days for seasons.
pub fn due_matches(
    kind: DeadlineKind,
    expected: Option<NaiveDate>,
    got: Option<NaiveDate>,
) -> bool {
    match (expected, got) {
        (None, None) => true,
        (Some(e), Some(g)) => {
            e == g || (kind == DeadlineKind::Season && (e - g).num_days().abs() <= 31)
        }
        _ => false,
    }
}

/// Matches a row's extracted deadlines to its expected ones (see [`Score`]). An empty `expected`
/// is a `none` row: every extracted deadline is a false positive.
pub fn score_row(expected: &[(DeadlineKind, Option<NaiveDate>)], got: &[Deadline]) -> Score {
    let mut score = Score::default();

    // Kind + due matching: exact dues first, then the season tolerance.
    let mut used = vec![false; got.len()];
    let mut hit = vec![false; expected.len()];
    for exact in [true, false] {
        for (ei, (kind, due)) in expected.iter().enumerate() {
            if hit[ei] {
                continue;
            }
            let found = got.iter().enumerate().position(|(gi, g)| {
                !used[gi]
                    && g.kind == *kind
                    && if exact {
                        g.due == *due
                    } else {
                        due_matches(*kind, *due, g.due)
                    }
            });
            if let Some(gi) = found {
                used[gi] = true;
                hit[ei] = true;
                score.tp += 1;
            }
        }
    }
    score.fp = used.iter().filter(|u| !**u).count();
    score.fn_ = hit.iter().filter(|h| !**h).count();

    // Kind-only matching, preferring pairs with an equal due.
    let mut used = vec![false; got.len()];
    let mut paired = vec![false; expected.len()];
    for exact in [true, false] {
        for (ei, (kind, due)) in expected.iter().enumerate() {
            if paired[ei] {
                continue;
            }
            let found = got
                .iter()
                .enumerate()
                .position(|(gi, g)| !used[gi] && g.kind == *kind && (!exact || g.due == *due));
            if let Some(gi) = found {
                used[gi] = true;
                paired[ei] = true;
                score.matched += 1;
                if exact {
                    score.exact_due += 1;
                }
            }
        }
    }
    score
}

/// Parses an `expected` cell of the evaluation file: `none`, or `;`-separated `kind:due` items
/// with `due` an ISO date or `-`.
pub fn parse_expected(cell: &str) -> Option<Vec<(DeadlineKind, Option<NaiveDate>)>> {
    let cell = cell.trim();
    if cell.eq_ignore_ascii_case("none") || cell.is_empty() {
        return Some(Vec::new());
    }
    cell.split(';')
        .map(|item| {
            let (kind, due) = item.trim().split_once(':')?;
            let kind = DeadlineKind::parse(kind)?;
            let due = match due.trim() {
                "-" => None,
                d => Some(NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()?),
            };
            Some((kind, due))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::deadlines::extract_deadlines;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn scoring() {
        let doc = d(2025, 1, 16);
        let got = extract_deadlines(
            "verzoekt het college de raad voor de zomer te informeren",
            doc,
        );
        let exp = [(DeadlineKind::Season, Some(d(2025, 6, 20)))];
        let s = score_row(&exp, &got);
        assert_eq!((s.tp, s.fp, s.fn_, s.matched, s.exact_due), (1, 0, 0, 1, 0));
        let s = score_row(&[], &got);
        assert_eq!((s.tp, s.fp, s.fn_), (0, 1, 0));
        let exp = [(DeadlineKind::Day, Some(d(2025, 7, 1)))];
        let s = score_row(&exp, &got);
        assert_eq!((s.tp, s.fp, s.fn_, s.matched), (0, 1, 1, 0));
        assert_eq!(
            parse_expected("year:2025-12-31;event:-"),
            Some(vec![
                (DeadlineKind::Year, Some(d(2025, 12, 31))),
                (DeadlineKind::Event, None)
            ])
        );
        assert_eq!(parse_expected("none"), Some(vec![]));
        assert_eq!(parse_expected("bogus:1"), None);
    }
}
