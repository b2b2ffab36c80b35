//! The commitment register: motions and their votes, the commitments they and the executive's
//! promises create, their status over time, and flags as of a given day.
//!
//! Nothing here reads the clock to decide what is overdue: every question takes the day it is
//! asked for ("as of 2019-01-01" shows what was overdue then). Status and deadline changes are
//! kept in a history with their date and reason, so the state on any day can be recomputed.

pub mod dossier;

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::SearchRequest;
use crate::error::{Error, Result};
use crate::extract::commitments::key_terms;
use crate::extract::deadlines::DeadlineKind;
use crate::model::{
    Commitment, CommitmentDraft, CommitmentSource, DocId, Due, Evidence, EvidenceSuggestion, Flag,
    HistoryEntry, Origin, Outcome, Status,
};
use crate::store::commitments::{CommitmentRow, DocHead};
use crate::tx::{Read, Tx};

pub use crate::settings::DEFAULT_DUE_SOON_DAYS;

/// The flag of a commitment on `as_of`, from its status then, the day that status took effect,
/// and its deadline then.
pub fn flag(
    status: Status,
    status_date: Option<NaiveDate>,
    due: Option<NaiveDate>,
    as_of: NaiveDate,
    due_soon_days: i64,
) -> Flag {
    match status {
        Status::Withdrawn => Flag::Withdrawn,
        Status::Met => match (due, status_date) {
            (Some(due), Some(done)) if done > due => Flag::MetLate,
            _ => Flag::MetOnTime,
        },
        Status::Open | Status::PartlyMet => match due {
            None => Flag::NoDeadline,
            Some(due) if due < as_of => Flag::Overdue,
            Some(due) if (due - as_of).num_days() <= due_soon_days => Flag::DueSoon,
            Some(_) => Flag::Open,
        },
    }
}

/// Which commitments to list.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
pub struct CommitmentQuery {
    /// Only these flags (empty: all).
    #[serde(default)]
    pub flags: Vec<Flag>,
    /// Only this actor (college, burgemeester, wethouder, provinciaal college).
    #[serde(default)]
    pub actor: Option<String>,
    /// Days ahead that count as due soon (default 30).
    #[serde(default)]
    pub due_soon_days: Option<i64>,
}

/// What the dashboard's list keeps of the day's commitments: all of them are filtered before a
/// page is cut.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
pub struct CommitmentFilter {
    #[serde(default)]
    pub flag: Option<Flag>,
    /// This actor exactly, as the list names it.
    #[serde(default)]
    pub actor: Option<String>,
    #[serde(default)]
    pub status: Option<Status>,
    /// Words that must all occur in the text, the source sentence or title, the motion or
    /// the note (case and accents aside).
    #[serde(default)]
    pub topic: String,
}

impl CommitmentFilter {
    pub fn keeps(&self, c: &Commitment) -> bool {
        self.flag.is_none_or(|f| c.flag == f)
            && self.actor.as_ref().is_none_or(|a| c.actor == *a)
            && self.status.is_none_or(|s| c.status == s)
            && crate::paging::holds_words(
                &self.topic,
                &[
                    &c.text,
                    &c.source.quote,
                    c.source.title.as_deref().unwrap_or(""),
                    c.motion.as_deref().unwrap_or(""),
                    c.note.as_deref().unwrap_or(""),
                ],
            )
    }
}

/// A page of the dashboard's list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommitmentPage {
    /// How many commitments the day has, before the filter.
    pub count: usize,
    /// Of those, how many carry each flag (flags with none left out), in the flags' order.
    pub flag_counts: Vec<(Flag, usize)>,
    /// The actors that occur among them, sorted.
    pub actors: Vec<String>,
    /// The page of those the filter keeps, with their number.
    pub page: crate::paging::Paged<Commitment>,
}

/// A change to a commitment, as a person makes it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
pub struct CommitmentUpdate {
    pub status: Option<Status>,
    /// The day the change takes effect (required with `status` or `due`).
    pub date: Option<NaiveDate>,
    /// A document in the archive that shows it, with the passage.
    pub evidence: Option<DocId>,
    pub passage: Option<String>,
    pub note: Option<String>,
    /// A new deadline.
    pub due: Option<NaiveDate>,
    /// Why (kept in the history).
    pub reason: Option<String>,
}

/// A commitment made outside the documents, e.g. orally in a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct NewCommitment {
    pub text: String,
    pub actor: String,
    /// The day it was made.
    pub date: NaiveDate,
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub due_kind: Option<DeadlineKind>,
    /// The minutes or other document it comes from.
    #[serde(default)]
    pub source: Option<DocId>,
    #[serde(default)]
    pub quote: Option<String>,
}

/// The same commitment found twice is shown once: a motion's request retold by a report of its
/// adoption (same motion, same deadline), or a promise retold afterwards (same actor, same
/// deadline, the same things named). The earliest is kept (a motion's own text comes before
/// the reports of its adoption); it takes over the evidence and status of the other when it
/// has none.
fn one_per_commitment(list: Vec<Commitment>) -> Vec<Commitment> {
    let mut kept: Vec<Commitment> = Vec::with_capacity(list.len());
    let mut order: Vec<Commitment> = list;
    order.sort_by_key(|c| (c.source.date, c.id));
    for c in order {
        let terms: HashSet<String> = key_terms(&c.text).into_iter().collect();
        // Only a copy nobody has touched is folded into the other.
        let untouched = c
            .history
            .iter()
            .all(|h| h.reason.starts_with("afgeleid uit"));
        let same = kept.iter_mut().find(|k| {
            untouched
                && k.origin == c.origin
                && k.due.is_some()
                && k.due == c.due
                && match c.origin {
                    Origin::Motion => k.motion_id.is_some() && k.motion_id == c.motion_id,
                    _ => {
                        same_executive(&k.actor, &c.actor)
                            && key_terms(&k.text)
                                .iter()
                                .filter(|t| terms.contains(*t))
                                .count()
                                >= 2
                    }
                }
        });
        match same {
            Some(k) => {
                if k.evidence.is_empty() && !c.evidence.is_empty() {
                    k.evidence = c.evidence;
                    k.status = c.status;
                    k.status_date = c.status_date;
                    k.flag = c.flag;
                    k.history.extend(c.history);
                }
            }
            None => kept.push(c),
        }
    }
    kept
}

/// The college, a wethouder and the burgemeester speak for the same executive; a provincial
/// college does not.
fn same_executive(a: &str, b: &str) -> bool {
    const MUNICIPAL: [&str; 3] = ["college", "wethouder", "burgemeester"];
    a == b || MUNICIPAL.contains(&a) && MUNICIPAL.contains(&b)
}

/// The status and status date on `as_of`, and the deadline then, from the history.
fn state_on(
    row: &CommitmentRow,
    history: &[HistoryEntry],
    as_of: NaiveDate,
) -> (Status, Option<NaiveDate>, Option<NaiveDate>) {
    let mut status = Status::Open;
    let mut status_date = None;
    let mut due = row.due;
    for h in history.iter().filter(|h| h.date <= as_of) {
        match h.field.as_str() {
            "status" => {
                if let Some(s) = h.new.as_deref().and_then(Status::parse) {
                    status = s;
                    status_date = Some(h.date);
                }
            }
            "due" => due = h.new.as_deref().and_then(|d| d.parse().ok()),
            _ => {}
        }
    }
    (status, status_date, due)
}

/// The note on a request of a motion whose outcome no document in the archive gives.
pub const OUTCOME_UNKNOWN: &str = "uitslag van de motie onbekend";

/// The commitments as they stood on `as_of`: those made by then, with the status, deadline
/// and flag of that day. Requests of motions that were rejected, withdrawn or held are left
/// out; those of a motion whose outcome is not known carry the note [`OUTCOME_UNKNOWN`]. A deadline
/// tied to an event ("bij de begroting 2026") takes the date of the meeting whose agenda
/// holds that event, once the register has it (see [`crate::register::calendar`]).
pub(crate) fn commitments(
    r: &Read<'_>,
    as_of: NaiveDate,
    query: &CommitmentQuery,
) -> Result<Vec<Commitment>> {
    let settings = crate::settings::council_settings(r)?;
    // Their numbers, titles and outcomes; not the per-party and per-member votes.
    let motions = crate::register::motions::assembled(r, None, false)?;
    let store = r.reader()?;
    let heads = store.doc_heads()?;
    let head_of: HashMap<DocId, &DocHead> = heads.iter().map(|h| (h.id, h)).collect();
    // A motion's requests come from its own text, or from a report of its adoption that
    // retells them (the documents that record its votes).
    let mut motion_of: HashMap<DocId, &crate::register::Motion> = motions
        .iter()
        .filter_map(|m| m.document_id.map(|d| (d, m)))
        .collect();
    for m in &motions {
        for d in &m.vote_sources {
            motion_of.entry(*d).or_insert(m);
        }
    }
    let calendar = crate::register::calendar::Calendar::load(&store)?;
    let mut history: HashMap<i64, Vec<HistoryEntry>> = HashMap::new();
    for (id, h) in store.history_rows()? {
        history.entry(id).or_default().push(h);
    }
    let mut evidence: HashMap<i64, Vec<Evidence>> = HashMap::new();
    for e in store.evidence_rows()? {
        let head = head_of.get(&e.document_id);
        evidence.entry(e.commitment_id).or_default().push(Evidence {
            document_id: e.document_id,
            title: head.map(|h| h.title.clone()).unwrap_or_default(),
            date: head.and_then(|h| h.date),
            passage: e.passage,
        });
    }
    let soon = query.due_soon_days.unwrap_or(settings.due_soon_days);
    let mut out = Vec::new();
    for row in store.commitment_rows()? {
        if row.made_on.is_some_and(|d| d > as_of) {
            continue;
        }
        let motion = row
            .document_id
            .and_then(|d| motion_of.get(&d).copied())
            .or_else(|| {
                row.motion_id
                    .and_then(|id| motions.iter().find(|m| m.id == id))
            });
        // A request of a motion that was rejected, withdrawn or held is no commitment; one of
        // a motion whose outcome no document gives is shown, and said to be so.
        if row.origin == Origin::Motion
            && motion.is_none_or(|m| m.outcome.is_some_and(|o| o != Outcome::Aangenomen))
        {
            continue;
        }
        let outcome_unknown =
            row.origin == Origin::Motion && motion.is_some_and(|m| m.outcome.is_none());
        let hist = history.remove(&row.id).unwrap_or_default();
        let (status, status_date, mut due) = state_on(&row, &hist, as_of);
        let set_by_hand = hist.iter().any(|h| h.field == "due" && h.date <= as_of);
        let mut due_source = None;
        // A season deadline is dated by the council's own recess, when it set one.
        if !set_by_hand
            && !settings.recesses.is_empty()
            && row.due_kind == Some(DeadlineKind::Season)
        {
            let made_on = row.made_on.or(row
                .document_id
                .and_then(|d| head_of.get(&d).and_then(|h| h.date)));
            if let (Some(phrase), Some(made_on)) = (row.due_text.as_deref(), made_on) {
                // The sentence read again, with the council's recesses.
                let own = crate::extract::deadlines::extract_deadlines_with(
                    &row.quote,
                    made_on,
                    &crate::extract::deadlines::DeadlineContext::with_recesses(&settings.recesses),
                );
                if let Some(d) = own
                    .iter()
                    .find(|d| d.kind == DeadlineKind::Season && d.text.eq_ignore_ascii_case(phrase))
                    .and_then(|d| d.due)
                {
                    due = Some(d);
                }
            }
        }
        if due.is_none() && !set_by_hand && row.due_kind == Some(DeadlineKind::Event) {
            let made_on = row.made_on.or(row
                .document_id
                .and_then(|d| head_of.get(&d).and_then(|h| h.date)));
            if let Some(found) =
                calendar.resolve(row.due_text.as_deref().unwrap_or(&row.text), made_on)
            {
                due = Some(found.date);
                due_source = Some(found);
            }
        }
        let mut f = flag(status, status_date, due, as_of, soon);
        if f == Flag::NoDeadline && row.due_kind == Some(DeadlineKind::Event) {
            f = Flag::DueUnknown;
        }
        if !query.flags.is_empty() && !query.flags.contains(&f) {
            continue;
        }
        if query
            .actor
            .as_ref()
            .is_some_and(|a| !a.eq_ignore_ascii_case(&row.actor))
        {
            continue;
        }
        let head = row.document_id.and_then(|d| head_of.get(&d).copied());
        out.push(Commitment {
            id: row.id,
            origin: row.origin,
            text: row.text.clone(),
            actor: row.actor.clone(),
            due,
            due_kind: row.due_kind,
            due_text: row.due_text.clone(),
            status,
            status_date,
            flag: f,
            note: row
                .note
                .clone()
                .or_else(|| outcome_unknown.then(|| OUTCOME_UNKNOWN.to_owned())),
            source: CommitmentSource {
                document_id: row.document_id,
                title: head.map(|h| h.title.clone()),
                date: row.made_on.or(head.and_then(|h| h.date)),
                quote: row.quote.clone(),
            },
            motion: motion.map(|m| match &m.number {
                Some(n) => format!("{n} {}", m.title),
                None => m.title.clone(),
            }),
            evidence: evidence.remove(&row.id).unwrap_or_default(),
            history: hist,
            due_source,
            motion_id: motion.map(|m| m.id),
            source_changed: row.source_changed,
        });
    }
    let mut out = one_per_commitment(out);
    out.sort_by(|a, b| {
        a.flag
            .cmp(&b.flag)
            .then(a.due.cmp(&b.due))
            .then(a.id.cmp(&b.id))
    });
    Ok(out)
}

/// One page of the commitments of `as_of` that `filter` keeps (in the register's order:
/// flag, deadline, id), with how many it keeps and, over all of that day's, the count per
/// flag and the actors (what the dashboard's cards and its actor choice show).
pub(crate) fn commitments_page(
    r: &Read<'_>,
    as_of: NaiveDate,
    query: &CommitmentQuery,
    filter: &CommitmentFilter,
    page: crate::paging::Page,
) -> Result<CommitmentPage> {
    let all = commitments(r, as_of, query)?;
    let mut flag_counts: Vec<(Flag, usize)> = Vec::new();
    let mut actors: Vec<String> = Vec::new();
    for c in &all {
        match flag_counts.iter_mut().find(|(f, _)| *f == c.flag) {
            Some((_, n)) => *n += 1,
            None => flag_counts.push((c.flag, 1)),
        }
        if !c.actor.is_empty() && !actors.contains(&c.actor) {
            actors.push(c.actor.clone());
        }
    }
    flag_counts.sort();
    actors.sort_by(|a, b| crate::paging::natural_cmp(a, b).then(a.cmp(b)));
    let count = all.len();
    let kept: Vec<Commitment> = all.into_iter().filter(|c| filter.keeps(c)).collect();
    Ok(CommitmentPage {
        count,
        flag_counts,
        actors,
        page: page.of(kept),
    })
}

/// One commitment as of `as_of`, whatever its flag.
pub(crate) fn commitment(r: &Read<'_>, id: i64, as_of: NaiveDate) -> Result<Commitment> {
    commitments(r, as_of, &CommitmentQuery::default())?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| Error::NotFound {
            what: "commitment",
            id: id.to_string(),
        })
}

/// Changes a commitment's status and/or deadline, with a date, a reason and evidence; each
/// change goes into the history.
pub(crate) fn update_commitment(tx: &Tx<'_>, id: i64, update: &CommitmentUpdate) -> Result<()> {
    tx.store()?
        .atomically(|store| write_update(store, id, update))
}

fn write_update(store: &mut crate::store::Store, id: i64, update: &CommitmentUpdate) -> Result<()> {
    let row = store.commitment_row(id)?;
    if (update.status.is_some() || update.due.is_some()) && update.date.is_none() {
        return Err(Error::InvalidInput(
            "say from which day the change holds (--date YYYY-MM-DD)".into(),
        ));
    }
    if update.status.is_none()
        && update.due.is_none()
        && update.note.is_none()
        && update.evidence.is_none()
    {
        return Err(Error::InvalidInput(
            "nothing to change: give a status, a deadline, evidence or a note".into(),
        ));
    }
    let evidence = match update.evidence {
        Some(doc) => {
            let d = store.get(doc)?;
            let passage = update
                .passage
                .clone()
                .unwrap_or_else(|| d.body_text.chars().take(300).collect());
            Some((doc, passage))
        }
        None => None,
    };
    let stamp = store.write_time();
    let reason = update
        .reason
        .clone()
        .or_else(|| update.note.clone())
        .unwrap_or_default();
    if let Some(date) = update.date {
        let history: Vec<HistoryEntry> = store
            .history_rows()?
            .into_iter()
            .filter(|(c, _)| *c == id)
            .map(|(_, h)| h)
            .collect();
        let (old_status, _, old_due) = state_on(&row, &history, date);
        if let Some(due) = update.due {
            store.record_due(id, date, old_due, due, &reason, &stamp)?;
        }
        // A crash mid-change: the transaction is rolled back, nothing of it is kept.
        fail_at!("commitment-mid-update");
        if let Some(status) = update.status {
            let ev = evidence.as_ref().map(|(d, p)| (*d, p.as_str()));
            store.record_status(
                id,
                date,
                old_status.as_str(),
                status.as_str(),
                &reason,
                ev,
                None,
                &stamp,
            )?;
        } else if let Some((d, p)) = &evidence {
            store.record_status(
                id,
                date,
                old_status.as_str(),
                old_status.as_str(),
                "evidence added",
                Some((*d, p)),
                None,
                &stamp,
            )?;
        }
    } else if let Some((d, p)) = &evidence {
        let today = row.made_on.unwrap_or_default();
        store.record_status(
            id,
            today,
            "open",
            "open",
            "evidence added",
            Some((*d, p)),
            None,
            &stamp,
        )?;
    }
    if let Some(note) = &update.note {
        store.set_note(id, note)?;
    }
    Ok(())
}

pub(crate) fn add_commitment(tx: &Tx<'_>, new: &NewCommitment) -> Result<i64> {
    if new.text.trim().is_empty() {
        return Err(Error::rule("text", "", "a commitment needs a text"));
    }
    let mut store = tx.store()?;
    if let Some(doc) = new.source {
        store.get(doc)?;
    }
    let draft = CommitmentDraft {
        origin: Origin::Manual,
        text: new.text.trim().to_owned(),
        actor: new.actor.trim().to_owned(),
        due: new.due.map(|d| Due {
            kind: new.due_kind.unwrap_or(DeadlineKind::Day),
            date: Some(d),
            text: d.format("%-d-%-m-%Y").to_string(),
        }),
        quote: new
            .quote
            .clone()
            .unwrap_or_else(|| new.text.trim().to_owned()),
        met: None,
    };
    store.insert_manual(&draft, new.date, new.source, tx.recorded_at())
}

/// Later documents that may show an open commitment was met: found by searching for its
/// key terms after the day it was made. Shown to a person, never applied by themselves.
pub(crate) fn evidence_suggestions(r: &Read<'_>, id: i64) -> Result<Vec<EvidenceSuggestion>> {
    let row = r.reader()?.commitment_row(id)?;
    let terms = key_terms(&row.text);
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let query = terms
        .iter()
        .take(6)
        .cloned()
        .collect::<Vec<_>>()
        .join(" OR ");
    let mut request = SearchRequest::new(query);
    request.from = row.made_on.and_then(|d| d.succ_opt());
    request.limit = 5;
    let results = r.search(&request)?;
    Ok(results
        .hits
        .into_iter()
        .filter(|h| Some(h.id) != row.document_id)
        .map(|h| EvidenceSuggestion {
            document_id: h.id,
            title: h.title,
            date: h.date,
            snippet: h.snippet,
            reason: "search".into(),
        })
        .collect())
}

pub(crate) fn apply_fulfilment_statements(tx: &Tx<'_>) -> Result<usize> {
    let hints = tx.store()?.open_hints()?;
    if hints.is_empty() {
        return Ok(0);
    }
    let mut applied = 0;
    for hint in hints {
        let Some(hint_date) = hint.date else { continue };
        let hint_terms: HashSet<String> = key_terms(&hint.quote).into_iter().collect();
        let candidates = commitments(&tx.read(), hint_date, &CommitmentQuery::default())?;
        let best = candidates
            .iter()
            .filter(|c| matches!(c.status, Status::Open | Status::PartlyMet))
            .filter(|c| c.source.document_id != Some(hint.document_id))
            .filter(|c| c.source.date.is_some_and(|d| d < hint_date))
            .filter_map(|c| {
                let shared = key_terms(&c.text)
                    .iter()
                    .filter(|t| hint_terms.contains(*t))
                    .count();
                let years: Vec<String> = [c.due, c.source.date]
                    .into_iter()
                    .flatten()
                    .map(|d| d.format("%Y").to_string())
                    .collect();
                let year_named = years.iter().any(|y| hint.quote.contains(y.as_str()));
                (shared >= 2 && year_named).then_some((shared, c))
            })
            .max_by_key(|(shared, c)| (*shared, std::cmp::Reverse(c.id)))
            // Else the promise the statement directly follows, in the same document ("...
            // beloofde dat er in 2022 een plan zou komen. Dat is later geworden, maar nu
            // ligt er ...").
            .or_else(|| {
                candidates
                    .iter()
                    .filter(|c| matches!(c.status, Status::Open | Status::PartlyMet))
                    .filter(|c| c.source.document_id == Some(hint.document_id))
                    .filter(|c| {
                        c.origin == Origin::Promise && hint.quote.starts_with(&c.source.quote)
                    })
                    .map(|c| (0, c))
                    .next()
            });
        if let Some((_, c)) = best {
            let reason = format!(
                "afgeleid uit document #{}{}: «{}»",
                hint.document_id,
                if hint.late {
                    " (later dan toegezegd)"
                } else {
                    ""
                },
                hint.quote
            );
            tx.store()?.record_status(
                c.id,
                hint_date,
                c.status.as_str(),
                Status::Met.as_str(),
                &reason,
                Some((hint.document_id, &hint.quote)),
                Some(hint.id),
                tx.recorded_at(),
            )?;
            applied += 1;
        }
    }
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn a_change_of_status_is_kept_in_the_history_at_the_time_of_its_write() {
        // The token's time, not the clock's: the store stamps what the write gives it.
        let (made, changed) = crate::tx::testing::with_tx_at("2031-02-03T04:05:06Z", |tx| {
            let id = add_commitment(
                tx,
                &NewCommitment {
                    text: "Het college stuurt de raad een evaluatie van de pilot".into(),
                    actor: "college".into(),
                    date: d(2030, 5, 1),
                    due: Some(d(2030, 12, 31)),
                    due_kind: None,
                    source: None,
                    quote: None,
                },
            )
            .expect("added");
            let made = commitment(&tx.read(), id, d(2031, 1, 1)).expect("read");
            update_commitment(
                tx,
                id,
                &CommitmentUpdate {
                    status: Some(Status::Met),
                    date: Some(d(2031, 1, 15)),
                    reason: Some("evaluatie ontvangen".into()),
                    ..CommitmentUpdate::default()
                },
            )
            .expect("updated");
            (
                made,
                commitment(&tx.read(), id, d(2031, 2, 1)).expect("read"),
            )
        });
        assert_eq!(
            made.flag,
            Flag::Overdue,
            "open and past its deadline on 1 January"
        );
        assert_eq!(changed.status, Status::Met);
        let entry = changed.history.last().expect("a history entry");
        assert_eq!(
            entry.recorded_at, "2031-02-03T04:05:06Z",
            "the write's own time"
        );
        assert_eq!(entry.date, d(2031, 1, 15), "the day the person gave");
        assert_eq!(entry.reason, "evaluatie ontvangen");
    }

    #[test]
    fn flags_as_of_a_day() {
        let due = Some(d(2018, 9, 1));
        assert_eq!(
            flag(Status::Open, None, due, d(2019, 1, 1), 30),
            Flag::Overdue
        );
        assert_eq!(
            flag(Status::Open, None, due, d(2018, 8, 15), 30),
            Flag::DueSoon
        );
        assert_eq!(
            flag(Status::Open, None, due, d(2018, 9, 1), 30),
            Flag::DueSoon
        );
        assert_eq!(
            flag(Status::Open, None, due, d(2018, 3, 15), 30),
            Flag::Open
        );
        assert_eq!(
            flag(Status::Open, None, None, d(2018, 3, 15), 30),
            Flag::NoDeadline
        );
        assert_eq!(
            flag(
                Status::PartlyMet,
                Some(d(2018, 5, 1)),
                due,
                d(2019, 1, 1),
                30
            ),
            Flag::Overdue
        );
        assert_eq!(
            flag(Status::Met, Some(d(2018, 8, 1)), due, d(2019, 1, 1), 30),
            Flag::MetOnTime
        );
        assert_eq!(
            flag(Status::Met, Some(d(2018, 9, 1)), due, d(2019, 1, 1), 30),
            Flag::MetOnTime
        );
        assert_eq!(
            flag(Status::Met, Some(d(2018, 9, 2)), due, d(2019, 1, 1), 30),
            Flag::MetLate
        );
        assert_eq!(
            flag(Status::Met, Some(d(2018, 9, 2)), None, d(2019, 1, 1), 30),
            Flag::MetOnTime
        );
        assert_eq!(
            flag(
                Status::Withdrawn,
                Some(d(2018, 9, 2)),
                due,
                d(2019, 1, 1),
                30
            ),
            Flag::Withdrawn
        );
        assert_eq!(
            flag(Status::Open, None, due, d(2018, 7, 1), 70),
            Flag::DueSoon
        );
    }
}
