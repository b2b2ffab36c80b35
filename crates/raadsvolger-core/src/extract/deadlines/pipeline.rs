//! The pipeline of one sentence: the sentence gate, the candidate finders, the filters, and the
//! passes over what is left (overlaps, purpose clauses, asap beside a harder limit, one
//! recurring duty, the vehicle of a recurring report, the open promise). Every candidate keeps
//! its fate, so that a caller can be told why a phrase is not a deadline.

use chrono::NaiveDate;

use super::candidates::*;
use super::events::event_candidates;
use super::filters::{DropReason, drop_reason};
use super::patterns::*;
use super::seasons::season_candidates;
use super::text::*;
use super::{Deadline, DeadlineContext, DeadlineKind};

/// Every candidate of a sentence and what became of it.
pub(super) struct Judged {
    /// Where the text that was read starts: past the recitals of a whole motion, else 0. The
    /// candidates' spans are relative to it.
    pub(super) offset: usize,
    pub(super) cands: Vec<Cand>,
    /// Per candidate: `None` when it is a deadline, else why it is not.
    pub(super) fate: Vec<Option<DropReason>>,
    /// The indices of the deadlines, in text order.
    pub(super) kept: Vec<usize>,
}

impl Judged {
    /// The deadlines of `sentence`, in text order.
    pub(super) fn deadlines(&self, sentence: &str) -> Vec<Deadline> {
        self.kept
            .iter()
            .map(|&i| self.deadline(sentence, i))
            .collect()
    }

    /// Candidate `i` as a deadline of `sentence` (spans in the whole sentence).
    pub(super) fn deadline(&self, sentence: &str, i: usize) -> Deadline {
        let c = &self.cands[i];
        let (start, end) = (self.offset + c.start, self.offset + c.end);
        Deadline {
            kind: c.kind,
            due: c.due,
            text: sentence[start..end].to_string(),
            start,
            end,
        }
    }
}

/// Whether the sentence asks or promises something (see the module docs).
fn asks_something(s: &str) -> bool {
    if ASKS.is_match(s) {
        return true;
    }
    DICTUM_INFINITIVE.find_iter(s).any(|m| {
        let before = clause_before(s, m.start());
        !PURPOSE_OM.is_match(before) || LEADING_OM.is_match(before)
    })
}

/// Where a whole motion's dictum starts, when recitals come before it.
fn dictum_offset(sentence: &str) -> usize {
    DICTUM_START
        .captures(sentence)
        .and_then(|c| c.name("v"))
        .map(|v| v.start())
        .filter(|&off| off > 0 && RECITAL_WORD.is_match(&sentence[..off]))
        .unwrap_or(0)
}

/// Why the sentence as a whole holds no deadline, if it does not.
fn gate(s: &str) -> Option<DropReason> {
    if s.trim().is_empty() {
        None
    } else if RECITAL.is_match(s) {
        Some(DropReason::Recital)
    } else if !asks_something(s) {
        Some(DropReason::AsksNothing)
    } else {
        None
    }
}

/// Every candidate of every finder, in finder order (the order breaks ties between overlapping
/// phrases of one length), each named after its rule.
fn find_candidates(s: &str, doc: NaiveDate, ctx: &DeadlineContext<'_>) -> Vec<Cand> {
    type Finder<'f> = &'f dyn Fn(&mut Vec<Cand>);
    let finders: [(&'static str, Finder<'_>); 11] = [
        ("day", &|out| day_candidates(s, doc, out)),
        ("month", &|out| month_candidates(s, doc, out)),
        ("deictic_month", &|out| {
            deictic_month_candidates(s, doc, out)
        }),
        ("quarter", &|out| quarter_candidates(s, doc, out)),
        ("half", &|out| half_candidates(s, doc, out)),
        ("year", &|out| year_candidates(s, doc, out)),
        ("season", &|out| season_candidates(s, doc, ctx, out)),
        ("relative", &|out| relative_candidates(s, doc, out)),
        ("event", &|out| event_candidates(s, doc, ctx, out)),
        ("asap", &|out| asap_candidates(s, out)),
        ("recurring", &|out| recurring_candidates(s, out)),
    ];
    let mut cands: Vec<Cand> = Vec::new();
    for (rule, find) in finders {
        let from = cands.len();
        find(&mut cands);
        for c in &mut cands[from..] {
            if c.rule.is_empty() {
                c.rule = rule;
            }
        }
    }
    cands
}

/// Runs the pipeline on `sentence`. A sentence the gate turns away yields no candidates, unless
/// `explain`: then every candidate is found and dropped with the gate's reason.
pub(super) fn judge(
    sentence: &str,
    doc: NaiveDate,
    ctx: &DeadlineContext<'_>,
    explain: bool,
) -> Judged {
    let offset = dictum_offset(sentence);
    let s = &sentence[offset..];
    let mut judged = Judged {
        offset,
        cands: Vec::new(),
        fate: Vec::new(),
        kept: Vec::new(),
    };
    let turned_away = gate(s);
    if s.trim().is_empty() || (turned_away.is_some() && !explain) {
        return judged;
    }
    let cands = find_candidates(s, doc, ctx);
    if let Some(reason) = turned_away {
        judged.fate = vec![Some(reason); cands.len()];
        judged.cands = cands;
        return judged;
    }
    let mut fate: Vec<Option<DropReason>> = cands.iter().map(|c| drop_reason(s, doc, c)).collect();
    let dropped_some = fate.iter().any(Option::is_some);
    let mut kept = longest_without_overlap(&cands, &mut fate);
    drop_in_purpose_clauses(s, &cands, &mut fate, &mut kept);
    drop_asap_beside_harder_limits(&cands, &mut fate, &mut kept);
    kept.sort_by_key(|&i| cands[i].start);
    drop_repeated_recurring(s, &cands, &mut fate, &mut kept);
    drop_recurring_vehicles(s, &cands, &mut fate, &mut kept);
    judged.cands = cands;
    judged.fate = fate;
    // A promise with no time at all is `open`; not when its only date was history ("in 2021 is
    // toegezegd dat er in 2022 een plan komt", read in 2023), nor a bare heading "Toezegging".
    let open_promise = kept.is_empty()
        && !dropped_some
        && !PAST_PROMISE.is_match(s)
        && s.split_whitespace().count() >= 4;
    if let Some(m) = PROMISE.find(s).filter(|_| open_promise) {
        let open = Cand::new(DeadlineKind::Open, None, m.start(), m.end()).rule("open_promise");
        judged.cands.push(open);
        judged.fate.push(None);
        kept.push(judged.cands.len() - 1);
    }
    kept.sort_by_key(|&i| judged.cands[i].start);
    judged.kept = kept;
    judged
}

/// Marks `reason` on the candidates of `kept` that `drops` picks, and leaves them out of `kept`.
fn mark(
    fate: &mut [Option<DropReason>],
    kept: &mut Vec<usize>,
    reason: DropReason,
    drops: impl Fn(usize) -> bool,
) {
    kept.retain(|&i| {
        let dropped = drops(i);
        if dropped {
            fate[i] = Some(reason);
        }
        !dropped
    });
}

/// Resolves overlaps among the candidates the filters passed: the longest phrase wins (ties: the
/// earlier candidate family). Returns the winners, longest first.
fn longest_without_overlap(cands: &[Cand], fate: &mut [Option<DropReason>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..cands.len()).filter(|&i| fate[i].is_none()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(cands[i].end - cands[i].start), i));
    let mut kept: Vec<usize> = Vec::new();
    for i in order {
        let c = &cands[i];
        if kept
            .iter()
            .any(|&k| cands[k].start < c.end && c.start < cands[k].end)
        {
            fate[i] = Some(DropReason::Overlapped);
            continue;
        }
        kept.push(i);
    }
    kept
}

/// A phrase in a purpose clause ("zodat de raad dit kan betrekken bij de begroting") times what
/// others do; it is dropped when the sentence sets a deadline of its own elsewhere. (A phrase
/// followed by an infinitive, "zodat ... en de raad binnen een jaar te informeren", is back in
/// the dictum.)
fn drop_in_purpose_clauses(
    s: &str,
    cands: &[Cand],
    fate: &mut [Option<DropReason>],
    kept: &mut Vec<usize>,
) {
    let in_purpose = |i: usize| {
        let c = &cands[i];
        PURPOSE.is_match(clause_before(s, c.start)) && !INFINITIVE.is_match(clause_after(s, c.end))
    };
    if kept.iter().any(|&i| !in_purpose(i)) {
        mark(fate, kept, DropReason::PurposeClause, in_purpose);
    }
}

/// "zo snel mogelijk" is dropped when the sentence sets a harder limit.
fn drop_asap_beside_harder_limits(
    cands: &[Cand],
    fate: &mut [Option<DropReason>],
    kept: &mut Vec<usize>,
) {
    let has_hard = kept.iter().any(|&i| {
        !matches!(
            cands[i].kind,
            DeadlineKind::Asap | DeadlineKind::Recurring | DeadlineKind::Open
        )
    });
    if has_hard {
        mark(fate, kept, DropReason::AsapBesideHarderLimit, |i| {
            cands[i].kind == DeadlineKind::Asap
        });
    }
}

/// "periodiek, en ten minste twee keer per jaar, te informeren": one recurring duty. (`kept` is
/// in text order.)
fn drop_repeated_recurring(
    s: &str,
    cands: &[Cand],
    fate: &mut [Option<DropReason>],
    kept: &mut Vec<usize>,
) {
    let mut last_recurring: Option<usize> = None;
    let mut repeated = Vec::new();
    for &i in kept.iter() {
        let c = &cands[i];
        if c.kind != DeadlineKind::Recurring {
            continue;
        }
        if let Some(prev) = last_recurring {
            let between = &s[cands[prev].end.min(c.start)..c.start];
            if !INFINITIVE.is_match(between) {
                repeated.push(i);
                continue;
            }
        }
        last_recurring = Some(i);
    }
    mark(fate, kept, DropReason::SameRecurringDuty, |i| {
        repeated.contains(&i)
    });
}

/// A recurring report "... jaarlijks te informeren, bij de kadernota" names its vehicle, not a
/// second deadline (an event with no verb of its own after a recurring duty). It is a vehicle
/// when it stands between the recurring adverb and its verb ("jaarlijks bij de jaarrekening te
/// informeren") or after both with no verb of its own ("jaarlijks te informeren, bij de
/// kadernota").
fn drop_recurring_vehicles(
    s: &str,
    cands: &[Cand],
    fate: &mut [Option<DropReason>],
    kept: &mut Vec<usize>,
) {
    let recurring_ends: Vec<usize> = kept
        .iter()
        .map(|&i| &cands[i])
        .filter(|c| c.kind == DeadlineKind::Recurring)
        .map(|c| c.end)
        .collect();
    mark(fate, kept, DropReason::RecurringVehicle, |i| {
        let c = &cands[i];
        c.kind == DeadlineKind::Event
            && c.via_bij
            && c.due.is_none()
            && recurring_ends.iter().any(|&r| {
                r <= c.start
                    && (!INFINITIVE.is_match(&s[r..c.start])
                        || !INFINITIVE.is_match(clause_after(s, c.end)))
            })
    });
}
