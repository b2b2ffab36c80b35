//! Motions, amendments and council proposals as records: submitters, a status history, and
//! vote events with counts, per-party and per-member votes.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::text::{PartyNames, parse_member_votes, parse_party_votes, parse_submitter};
use super::{EditAction, MemberVote, PartyVoteRow, Provenance, SUBMITTED, Submitter};
use crate::error::{Error, Result};
pub use crate::model::register::{Motion, OutcomeEntry, Vote};
use crate::model::{DocId, DocKind, Outcome, PartyVote};
use crate::store::Store;
use crate::store::motions::{MotionFields, MotionRow, StatusRow, VoteFields, VoteRow};
use crate::store::undo::StepNote;
use crate::tx::{Read, Tx};

/// The years of a council term: municipal and provincial councils and water boards are
/// elected for four, the Tweede Kamer for at most four.
pub const COUNCIL_TERM_YEARS: u32 = 4;

/// What an undo step of a motion says: its title, and the meeting of its agenda item.
fn motion_note(s: &Store, id: i64, meeting: Option<i64>) -> Result<StepNote> {
    let m = s.get_motion(id)?;
    let meeting = match (meeting, m.agenda_item_id) {
        (Some(m), _) => Some(m),
        (None, Some(item)) => Some(s.get_agenda_item(item)?.meeting_id),
        (None, None) => None,
    };
    Ok(StepNote::new(&m.title, id, meeting))
}

/// A motion entered by hand.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NewMotion {
    pub title: String,
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub kind: Option<DocKind>,
    /// The day it was submitted.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// "Naam (Partij)" or a party; the first is the submitter, the others co-signers.
    #[serde(default)]
    pub submitters: Vec<String>,
    #[serde(default)]
    pub agenda_item_id: Option<i64>,
    #[serde(default)]
    pub document_id: Option<DocId>,
}

/// A person's correction of a motion; kept through re-extraction.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MotionEdit {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub kind: Option<DocKind>,
    #[serde(default)]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub agenda_item_id: Option<i64>,
    #[serde(default)]
    pub document_id: Option<DocId>,
    #[serde(default)]
    pub submitters: Option<Vec<String>>,
}

/// A vote (and/or an outcome) recorded by hand.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NewVote {
    pub date: NaiveDate,
    #[serde(default)]
    pub meeting_id: Option<i64>,
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub votes_for: Option<u32>,
    #[serde(default)]
    pub votes_against: Option<u32>,
    #[serde(default)]
    pub abstained: Option<u32>,
    #[serde(default)]
    pub absent: Option<u32>,
    #[serde(default)]
    pub unanimous: bool,
    /// As a clerk types it: "voor: CU, PvdA; tegen: PVV".
    #[serde(default)]
    pub party_votes: Option<String>,
    /// "voor: A. Jansen (D66); tegen: B. Smit (PVV)".
    #[serde(default)]
    pub member_votes: Option<String>,
    /// aangenomen, verworpen, aangehouden, ingetrokken; from the counts when absent.
    #[serde(default)]
    pub outcome: Option<Outcome>,
    #[serde(default)]
    pub note: Option<String>,
}

/// The key that finds an extracted or entered motion again: its number, else its title.
pub fn motion_key(number: Option<&str>, title: &str) -> Option<String> {
    if let Some(n) = number.map(str::trim).filter(|n| !n.is_empty()) {
        return Some(format!("nr:{n}"));
    }
    let key = crate::extract::item_titles::title_key(title);
    (!key.is_empty()).then(|| format!("titel:{key}"))
}

/// Whether a number names an item only within its list: a place in a meeting's order ("3",
/// "12", "4f"), which every meeting uses again, unlike a register's number ("M22-039",
/// "23161.001").
pub fn is_list_number(number: &str) -> bool {
    let n = number.trim();
    let digits = n.trim_end_matches(|c: char| c.is_ascii_lowercase());
    !digits.is_empty()
        && digits.len() <= 3
        && n.len() - digits.len() <= 1
        && digits.chars().all(|c| c.is_ascii_digit())
}

/// [`motion_key`] for an item a document found: a number that names it only within its list
/// counts within that document and for that kind of item.
pub fn motion_key_in(
    number: Option<&str>,
    title: &str,
    doc: Option<DocId>,
    kind: DocKind,
) -> Option<String> {
    match (number.map(str::trim), doc) {
        (Some(n), Some(doc)) if is_list_number(n) => {
            Some(format!("nr:{n}@{doc}/{}", kind.as_str()))
        }
        _ => motion_key(number, title),
    }
}

/// Puts the stored rows of motions together.
pub(crate) fn assemble(
    rows: Vec<MotionRow>,
    submitters: Vec<(i64, Submitter, String)>,
    status: Vec<StatusRow>,
    votes: Vec<VoteRow>,
    vote_parties: Vec<(i64, PartyVoteRow)>,
    vote_members: Vec<(i64, MemberVote)>,
    meeting_of_item: &HashMap<i64, i64>,
) -> Vec<Motion> {
    let mut subs: HashMap<i64, Vec<(Submitter, String)>> = HashMap::new();
    for (m, s, prov) in submitters {
        subs.entry(m).or_default().push((s, prov));
    }
    let mut parties: HashMap<i64, Vec<PartyVoteRow>> = HashMap::new();
    for (v, p) in vote_parties {
        parties.entry(v).or_default().push(p);
    }
    let mut members: HashMap<i64, Vec<MemberVote>> = HashMap::new();
    for (v, m) in vote_members {
        members.entry(v).or_default().push(m);
    }
    let mut votes_of: HashMap<i64, Vec<Vote>> = HashMap::new();
    for v in votes {
        votes_of.entry(v.motion_id).or_default().push(Vote {
            id: v.id,
            date: v.date,
            meeting_id: v.meeting_id,
            method: v.method,
            votes_for: v.votes_for,
            votes_against: v.votes_against,
            abstained: v.abstained,
            absent: v.absent,
            unanimous: v.unanimous,
            party_votes: parties.remove(&v.id).unwrap_or_default(),
            member_votes: members.remove(&v.id).unwrap_or_default(),
            raw_text: v.raw_text,
            provenance: v.provenance,
        });
    }
    let mut status_of: HashMap<i64, Vec<StatusRow>> = HashMap::new();
    for s in status {
        status_of.entry(s.motion_id).or_default().push(s);
    }
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let mut history = status_of.remove(&row.id).unwrap_or_default();
        // Latest by date; on one day a person's entry before a register's before extraction's,
        // then the order they were recorded in. Undated entries count as the oldest.
        history.sort_by(|a, b| {
            a.date
                .cmp(&b.date)
                .then(a.provenance.rank().cmp(&b.provenance.rank()))
                .then(a.id.cmp(&b.id))
        });
        let outcome = history.iter().rev().find_map(|s| Outcome::parse(&s.status));
        let mut votes = votes_of.remove(&row.id).unwrap_or_default();
        votes.sort_by(|a, b| {
            a.date
                .cmp(&b.date)
                .then(a.provenance.rank().cmp(&b.provenance.rank()))
                .then(a.id.cmp(&b.id))
        });
        let counted = votes
            .iter()
            .rev()
            .find(|v| v.votes_for.is_some() || v.unanimous);
        let with_parties = votes.iter().rev().find(|v| !v.party_votes.is_empty());
        let with_members = votes.iter().rev().find(|v| !v.member_votes.is_empty());
        let party_votes: Vec<PartyVote> = with_parties
            .map(|v| {
                v.party_votes
                    .iter()
                    .filter(|p| p.option == "voor" || p.option == "tegen")
                    .map(|p| PartyVote {
                        party: p.party.clone(),
                        option: p.option.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let of = |o: &str| -> Vec<String> {
            party_votes
                .iter()
                .filter(|p| p.option == o)
                .map(|p| p.party.clone())
                .collect()
        };
        let mut sources: Vec<DocId> = Vec::new();
        for p in history
            .iter()
            .map(|s| &s.provenance)
            .chain(votes.iter().map(|v| &v.provenance))
        {
            if let Provenance::Extracted { document_id, .. } = p {
                if Some(*document_id) != row.document_id && !sources.contains(document_id) {
                    sources.push(*document_id);
                }
            }
        }
        // A person's submitters replace the extracted ones.
        let all_subs = subs.remove(&row.id).unwrap_or_default();
        let by_user = all_subs.iter().any(|(_, p)| p == "user");
        let submitter_records: Vec<Submitter> = all_subs
            .into_iter()
            .filter(|(_, p)| !by_user || p == "user")
            .map(|(s, _)| s)
            .collect();
        let meeting_id = votes.iter().rev().find_map(|v| v.meeting_id).or_else(|| {
            row.agenda_item_id
                .and_then(|i| meeting_of_item.get(&i).copied())
        });
        out.push(Motion {
            id: row.id,
            number: row.number,
            title: row.title,
            kind: row.kind,
            date: row.date.or_else(|| votes.first().and_then(|v| v.date)),
            outcome,
            votes_for: counted.and_then(|v| v.votes_for),
            votes_against: counted.and_then(|v| v.votes_against),
            unanimous: counted.is_some_and(|v| v.unanimous),
            submitters: submitter_records.iter().map(Submitter::display).collect(),
            submitter_records,
            parties_for: of("voor"),
            parties_against: of("tegen"),
            party_votes,
            member_votes: with_members
                .map(|v| v.member_votes.clone())
                .unwrap_or_default(),
            outcome_history: history
                .into_iter()
                .map(|s| OutcomeEntry {
                    date: s.date,
                    outcome: s.status,
                    source: s.provenance.label(),
                    provenance: s.provenance,
                })
                .collect(),
            votes,
            meeting_id,
            agenda_item_id: row.agenda_item_id,
            document_id: row.document_id,
            vote_sources: sources,
            not_downloaded: Vec::new(),
            provenance: row.provenance,
        });
    }
    out.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then(a.title.cmp(&b.title))
            .then(a.id.cmp(&b.id))
    });
    out
}

/// The order of a list of motions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MotionSort {
    Number,
    Title,
    #[default]
    Date,
    Outcome,
}

/// Which motions a list shows, and in what order: applied to all of them before a page is cut.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MotionQuery {
    /// Words that must all occur in the number, title or submitters (case and accents aside).
    #[serde(default)]
    pub text: String,
    /// Only this outcome; `unknown`: those without one; empty: all.
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub sort: MotionSort,
    /// Oldest, lowest, A first; else the other way round. Missing values go last either way,
    /// and ties go by id, so pages never overlap.
    #[serde(default)]
    pub ascending: bool,
}

impl MotionQuery {
    /// What the outcome filter asks for: `None` any, `Some(None)` none known, else that one.
    fn outcome_filter(&self) -> Result<Option<Option<Outcome>>> {
        match self.outcome.trim() {
            "" => Ok(None),
            "unknown" => Ok(Some(None)),
            other => Outcome::parse(other).map(|o| Some(Some(o))).ok_or_else(|| {
                Error::rule(
                    "outcome",
                    other,
                    format!(
                        "unknown outcome {other:?} (aangenomen, verworpen, ingetrokken, aangehouden or unknown)"
                    ),
                )
            }),
        }
    }

    fn keeps(&self, m: &Motion, outcome: Option<Option<Outcome>>) -> bool {
        if outcome.is_some_and(|o| m.outcome != o) {
            return false;
        }
        let mut fields = vec![m.number.as_deref().unwrap_or(""), m.title.as_str()];
        fields.extend(m.submitters.iter().map(String::as_str));
        crate::paging::holds_words(&self.text, &fields)
    }

    fn order(&self, a: &Motion, b: &Motion) -> std::cmp::Ordering {
        use crate::paging::{missing_last, natural_cmp};
        let up = self.ascending;
        let by = match self.sort {
            MotionSort::Number => {
                missing_last(a.number.as_deref(), b.number.as_deref(), up, |x, y| {
                    natural_cmp(x, y)
                })
            }
            MotionSort::Title => {
                missing_last(Some(&a.title), Some(&b.title), up, |x, y| natural_cmp(x, y))
            }
            MotionSort::Date => missing_last(a.date, b.date, up, |x, y| x.cmp(y)),
            MotionSort::Outcome => {
                missing_last(a.outcome, b.outcome, up, |x, y| x.as_str().cmp(y.as_str()))
            }
        };
        by.then(a.id.cmp(&b.id))
    }
}

/// Every voted item (motions, amendments, council proposals) of the register, with its
/// outcome (the latest by date), votes, submitters and place on the agenda.
pub(crate) fn motions(r: &Read<'_>) -> Result<Vec<Motion>> {
    assembled(r, None, true)
}

/// The motions, or only those with these ids; without `details`, their votes lack the
/// per-party and per-member rows (what a list filters and sorts on is all there).
pub(crate) fn assembled(r: &Read<'_>, only: Option<&[i64]>, details: bool) -> Result<Vec<Motion>> {
    let store = r.reader()?;
    let meeting_of_item: HashMap<i64, i64> = store
        .list_calendar()?
        .into_iter()
        .map(|(item, meeting, ..)| (item, meeting))
        .collect();
    let only: Option<std::collections::HashSet<i64>> =
        only.map(|ids| ids.iter().copied().collect());
    let wanted = |id: i64| only.as_ref().is_none_or(|ids| ids.contains(&id));
    let mut rows = store.list_motions()?;
    rows.retain(|r| wanted(r.id));
    let mut submitters = store.list_submitters()?;
    submitters.retain(|(m, ..)| wanted(*m));
    let mut status = store.list_status()?;
    status.retain(|s| wanted(s.motion_id));
    let mut votes = store.list_votes()?;
    votes.retain(|v| wanted(v.motion_id));
    let (parties, members) = if details {
        let vote_ids: Vec<i64> = votes.iter().map(|v| v.id).collect();
        let of = only.as_ref().map(|_| vote_ids.as_slice());
        (store.list_vote_parties(of)?, store.list_vote_members(of)?)
    } else {
        (Vec::new(), Vec::new())
    };
    let mut named: HashMap<i64, Vec<super::NamedDocument>> = HashMap::new();
    if details {
        for (motion, doc) in store.named_documents("motion", None)? {
            if wanted(motion) {
                named.entry(motion).or_default().push(doc);
            }
        }
    }
    let mut motions = assemble(
        rows,
        submitters,
        status,
        votes,
        parties,
        members,
        &meeting_of_item,
    );
    for m in &mut motions {
        m.not_downloaded = named.remove(&m.id).unwrap_or_default();
    }
    Ok(motions)
}

/// One page of the motions that `query` keeps, in its order, and how many it keeps. The
/// filter and the order apply to all motions; only the page's are assembled with their
/// per-party and per-member votes.
pub(crate) fn motions_page(
    r: &Read<'_>,
    query: &MotionQuery,
    page: crate::paging::Page,
) -> Result<crate::paging::Paged<Motion>> {
    let outcome = query.outcome_filter()?;
    let mut kept: Vec<Motion> = assembled(r, None, false)?
        .into_iter()
        .filter(|m| query.keeps(m, outcome))
        .collect();
    kept.sort_by(|a, b| query.order(a, b));
    let cut = page.of(kept);
    let ids: Vec<i64> = cut.items.iter().map(|m| m.id).collect();
    let mut full: HashMap<i64, Motion> = assembled(r, Some(&ids), true)?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    Ok(crate::paging::Paged {
        total: cut.total,
        offset: cut.offset,
        items: ids.iter().filter_map(|id| full.remove(id)).collect(),
    })
}

/// One motion of the register.
pub(crate) fn motion(r: &Read<'_>, id: i64) -> Result<Motion> {
    r.reader()?.get_motion(id)?;
    motions(r)?
        .into_iter()
        .find(|m| m.id == id)
        .ok_or_else(|| Error::NotFound {
            what: "motion",
            id: id.to_string(),
        })
}

/// The archive's parties as names a clerk may type.
pub(crate) fn party_names(r: &Read<'_>) -> Result<PartyNames> {
    Ok(PartyNames::new(&r.reader()?.list_parties()?))
}

/// The parties the archive knows.
pub(crate) fn parties(r: &Read<'_>) -> Result<Vec<super::Party>> {
    r.reader()?.list_parties()
}

/// The parties of the council on `day`, for a vote a clerk records then: those of the
/// members sitting on that day (their memberships), and those that voted in the council
/// term before it ([`COUNCIL_TERM_YEARS`]: a party that lost its seats at the last
/// election may still be among them). With none of either, every party the archive knows,
/// as [`Archive::parties`]. A party named that is not in the archive's list comes with id 0.
pub(crate) fn parties_at(r: &Read<'_>, day: NaiveDate) -> Result<Vec<super::Party>> {
    let all = parties(r)?;
    let since = day
        .checked_sub_months(chrono::Months::new(12 * COUNCIL_TERM_YEARS))
        .unwrap_or(day);
    let seen = r
        .reader()?
        .parties_seen(&since.to_string(), &day.to_string())?;
    if seen.is_empty() {
        return Ok(all);
    }
    let names = PartyNames::new(&all);
    let mut out: Vec<super::Party> = Vec::new();
    for name in seen {
        let canonical = names.canonical(&name);
        if canonical.is_empty() || out.iter().any(|p| p.name.eq_ignore_ascii_case(&canonical)) {
            continue;
        }
        out.push(
            all.iter()
                .find(|p| p.name == canonical)
                .cloned()
                .unwrap_or(super::Party {
                    id: 0,
                    name: canonical,
                    abbreviation: None,
                    aliases: Vec::new(),
                }),
        );
    }
    out.sort_by_key(|p| p.name.to_lowercase());
    Ok(out)
}

/// Adds a party (a local one) or sets an existing party's abbreviation and aliases, the
/// names by which votes and searches find it ("GL" for GroenLinks); returns it.
pub(crate) fn set_party(
    tx: &Tx<'_>,
    name: &str,
    abbreviation: Option<&str>,
    aliases: &[String],
) -> Result<super::Party> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::InvalidInput("a party needs a name".into()));
    }
    let abbreviation = abbreviation.map(str::trim).filter(|a| !a.is_empty());
    let mut clean: Vec<String> = Vec::new();
    for a in aliases.iter().map(|a| a.trim()).filter(|a| !a.is_empty()) {
        if !clean.iter().any(|c| c.eq_ignore_ascii_case(a)) {
            clean.push(a.to_owned());
        }
    }
    let id = tx.store()?.set_party(name, abbreviation, &clean)?;
    parties(&tx.read())?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| Error::NotFound {
            what: "party",
            id: name.to_owned(),
        })
}

/// The people of the register.
pub(crate) fn people(r: &Read<'_>) -> Result<Vec<super::Person>> {
    r.reader()?.list_people()
}

/// Enters a motion by hand; returns it. With a submission date its history starts with
/// "ingediend".
pub(crate) fn add_motion(tx: &Tx<'_>, new: &NewMotion) -> Result<Motion> {
    let names = party_names(&tx.read())?;
    let prov = Provenance::user(tx.recorded_at(), None);
    let id = crate::register::undo::edit_register(tx, EditAction::MotionAdded, |s| {
        let id = insert_motion(s, new, &names, &prov)?;
        Ok((id, motion_note(s, id, None)?))
    })?;
    motion(&tx.read(), id)
}

/// Corrects a motion; each field given is kept as the user's through re-extraction.
pub(crate) fn edit_motion(tx: &Tx<'_>, id: i64, edit: &MotionEdit) -> Result<Motion> {
    let names = party_names(&tx.read())?;
    crate::register::undo::edit_register(tx, EditAction::MotionEdited, |s| {
        correct_motion(s, id, edit, &names)?;
        Ok(((), motion_note(s, id, None)?))
    })?;
    motion(&tx.read(), id)
}

/// Records a vote and/or an outcome on a motion, as a person enters it.
pub(crate) fn record_vote(tx: &Tx<'_>, motion_id: i64, vote: &NewVote) -> Result<Motion> {
    let names = party_names(&tx.read())?;
    let parties = match &vote.party_votes {
        Some(t) if !t.trim().is_empty() => parse_party_votes(t, &names)?,
        _ => Vec::new(),
    };
    let members = match &vote.member_votes {
        Some(t) if !t.trim().is_empty() => parse_member_votes(t, &names)?,
        _ => Vec::new(),
    };
    if vote.unanimous && vote.votes_against.is_some_and(|a| a > 0) {
        return Err(Error::InvalidInput(
            "a unanimous vote has no votes against".into(),
        ));
    }
    let has_vote = vote.votes_for.is_some()
        || vote.votes_against.is_some()
        || vote.unanimous
        || !parties.is_empty()
        || !members.is_empty()
        || vote.method.is_some();
    let outcome = vote.outcome.or(match (vote.votes_for, vote.votes_against) {
        (Some(f), Some(a)) if f > a => Some(Outcome::Aangenomen),
        (Some(f), Some(a)) if f <= a => Some(Outcome::Verworpen),
        _ if vote.unanimous => Some(Outcome::Aangenomen),
        _ => None,
    });
    if !has_vote && outcome.is_none() {
        return Err(Error::InvalidInput(
            "nothing to record: give counts (--for/--against), --unanimous, party or member \
             votes, or an outcome"
                .into(),
        ));
    }
    let prov = Provenance::user(tx.recorded_at(), vote.note.clone());
    crate::register::undo::edit_register(tx, EditAction::VoteRecorded, |s| {
        s.get_motion(motion_id)?;
        if let Some(m) = vote.meeting_id {
            s.get_meeting(m)?;
        }
        let vote_id = if has_vote {
            Some(s.insert_vote(
                motion_id,
                &VoteFields {
                    meeting_id: vote.meeting_id,
                    date: Some(vote.date),
                    method: vote.method.as_deref(),
                    votes_for: vote.votes_for,
                    votes_against: vote.votes_against,
                    abstained: vote.abstained,
                    absent: vote.absent,
                    unanimous: vote.unanimous,
                    raw_text: vote.party_votes.as_deref(),
                },
                &parties,
                &members,
                &prov,
            )?)
        } else {
            None
        };
        if let Some(o) = outcome {
            s.insert_status(motion_id, Some(vote.date), o.as_str(), vote_id, &prov)?;
        }
        Ok(((), motion_note(s, motion_id, vote.meeting_id)?))
    })?;
    motion(&tx.read(), motion_id)
}

/// Removes a motion the register holds (its votes and history go with it). An extracted
/// motion comes back at the next import while its document says so.
pub(crate) fn delete_motion(tx: &Tx<'_>, id: i64) -> Result<()> {
    crate::register::undo::edit_register(tx, EditAction::MotionDeleted, |s| {
        let note = motion_note(s, id, None)?;
        s.delete_motion(id)?;
        Ok(((), note))
    })
}

/// Inserts a motion entered by hand, with its submitters (people and their party) and, with a
/// submission date, its first status.
fn insert_motion(
    s: &mut Store,
    new: &NewMotion,
    names: &PartyNames,
    prov: &Provenance,
) -> Result<i64> {
    if let Some(item) = new.agenda_item_id {
        s.get_agenda_item(item)?;
    }
    if let Some(doc) = new.document_id {
        s.get(doc)?;
    }
    let kind = new.kind.unwrap_or(DocKind::Motie);
    let key = motion_key(new.number.as_deref(), &new.title);
    let id = s.insert_motion(
        key.as_deref(),
        &MotionFields {
            kind,
            number: new
                .number
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty()),
            title: &new.title,
            date: new.date,
            agenda_item_id: new.agenda_item_id,
            document_id: new.document_id,
        },
        prov,
    )?;
    let subs = submitters(&new.submitters, names);
    s.set_submitters(id, &subs, prov)?;
    for p in subs
        .iter()
        .filter(|p| p.name != p.party.clone().unwrap_or_default())
    {
        let person = s.upsert_person(&p.name, Some("raadslid"), prov)?;
        if let Some(party) = &p.party {
            s.add_membership(person, party, None)?;
        }
    }
    if let Some(date) = new.date {
        s.insert_status(id, Some(date), SUBMITTED, None, prov)?;
    }
    Ok(id)
}

/// A person's correction of a motion, field by field.
fn correct_motion(s: &mut Store, id: i64, edit: &MotionEdit, names: &PartyNames) -> Result<()> {
    s.get_motion(id)?;
    if let Some(t) = &edit.title {
        if t.trim().is_empty() {
            return Err(Error::InvalidInput("a motion needs a title".into()));
        }
        s.edit_motion(id, "title", Some(t.trim()))?;
    }
    if let Some(n) = &edit.number {
        s.edit_motion(id, "number", Some(n.trim()).filter(|n| !n.is_empty()))?;
    }
    if let Some(k) = edit.kind {
        s.edit_motion(id, "kind", Some(k.as_str()))?;
    }
    if let Some(d) = edit.date {
        s.edit_motion(id, "date", Some(&d.to_string()))?;
    }
    if let Some(item) = edit.agenda_item_id {
        s.get_agenda_item(item)?;
        s.edit_motion(id, "agenda_item_id", Some(&item.to_string()))?;
    }
    if let Some(doc) = edit.document_id {
        s.get(doc)?;
        s.edit_motion(id, "document_id", Some(&doc.to_string()))?;
    }
    if let Some(list) = &edit.submitters {
        s.set_submitters(
            id,
            &submitters(list, names),
            &Provenance::user(&s.write_time(), None),
        )?;
    }
    Ok(())
}

fn submitters(list: &[String], names: &PartyNames) -> Vec<Submitter> {
    list.iter()
        .filter(|s| !s.trim().is_empty())
        .enumerate()
        .map(|(i, s)| parse_submitter(s, names, if i == 0 { "indiener" } else { "mede-indiener" }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_prefer_the_number() {
        assert_eq!(
            motion_key(Some(" 23161.001 "), "x").as_deref(),
            Some("nr:23161.001")
        );
        assert_eq!(
            motion_key(None, "Motie Aanpak mensenhandel").as_deref(),
            Some("titel:aanpak mensenhandel")
        );
        assert_eq!(motion_key(None, "  "), None);
    }
}
