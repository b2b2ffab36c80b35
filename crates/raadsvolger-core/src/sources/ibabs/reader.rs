//! iBabs (its public SOAP API, XML): the lists of a site (no rows), the entries of a list
//! (motions, amendments, toezeggingen by title), one entry with its key/value fields, an
//! entry's votes per member, and meetings with their items.
//!
//! An entry's fields are free per list template; the keys read are the ones iBabs' motion and
//! toezegging templates use (Onderwerp, Status, Indiener(s), Mede-indieners, Agendapunt,
//! Datum, Deadline, Datum afdoening, Afgedaan, Portefeuillehouder, Toezegging).
//!
//! Some answers only make full sense with what the sync asked: a meeting carries only the id
//! of its type (named by `GetMeetingtypes`, [`meeting_types`], [`read_meetings`]), and an
//! entry's answer does not say which entry it is, while its votes name the entry's *master*
//! id ([`read_entry`] files both on the entry asked for).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::extract::notation::PartyNames;
use crate::model::register::{MeetingStatus, MemberVote, PartyVoteRow, Submitter};
use crate::model::{DocKind, Origin, Status};
use crate::sources::{
    AgendaRef, Batch, CommitmentRec, DocRef, ItemRec, MeetingRec, MotionRec, VoteRec, actor_of,
    kind_of, outcome_in, outcome_of_counts, parse_day, person_name, split_number,
};
use crate::text::xml::Element;

const RESPONSES: [&str; 6] = [
    "GetListsResponse",
    "GetMeetingtypesResponse",
    "GetListsEntriesByFilterRequestResponse",
    "GetListEntryResponse",
    "GetListEntryVotesByListEntryIdResponse",
    "GetMeetingsByDateRangeResponse",
];

fn response(root: &Element) -> Option<&Element> {
    if root.name != "Envelope" {
        return None;
    }
    root.child("Body")?
        .elements()
        .find(|e| RESPONSES.contains(&e.name.as_str()) || e.name.starts_with("GetMeeting"))
}

pub fn recognises(root: &Element) -> bool {
    response(root).is_some()
}

/// Messages with which iBabs answers `Status=ERR` for what is simply empty: a window without
/// meetings ("a normal outcome, not a failure", ontola/openbesluitvorming src/ibabs/client.ts
/// `parseMeetingsXml`), an archived site without meeting types (`parseMeetingTypesXml`).
const EMPTY: [&str; 2] = ["No public meetings", "No public meetingtypes"];

/// The answer's status: Ok(true) when it holds records, Ok(false) when iBabs says there are
/// none, Err with iBabs' words otherwise. `GetLists` has no status at all.
fn status(resp: &Element) -> std::result::Result<bool, String> {
    let status = resp.find("Status").map(|s| s.text()).unwrap_or_default();
    let status = status.trim();
    if status.is_empty() || status == "OK" {
        return Ok(true);
    }
    let message = resp.find("Message").map(|m| m.text()).unwrap_or_default();
    if EMPTY.iter().any(|e| message.contains(e)) {
        return Ok(false);
    }
    Err(format!("iBabs answered {status}: {}", message.trim()))
}

pub fn read(root: &Element, names: &PartyNames) -> Batch {
    read_linked(root, names, &BTreeMap::new())
}

/// Reads one answer among others of the same import: votes that name an entry's master id are
/// filed on the entry a listing gives that master id (`masters`, see [`link`]).
pub fn read_linked(
    root: &Element,
    names: &PartyNames,
    masters: &BTreeMap<String, String>,
) -> Batch {
    let mut batch = Batch::default();
    let Some(resp) = response(root) else {
        return batch;
    };
    match status(resp) {
        Ok(true) => {}
        Ok(false) => return batch,
        Err(what) => {
            batch.problem(&resp.name, what);
            return batch;
        }
    }
    match resp.name.as_str() {
        "GetListsResponse" | "GetMeetingtypesResponse" => {}
        "GetListsEntriesByFilterRequestResponse" => {
            for e in resp.descendants("iBabsListEntryBase") {
                list_entry(e, None, &mut batch);
            }
        }
        "GetListEntryResponse" => {
            entry(resp, names, None, &mut batch);
        }
        "GetListEntryVotesByListEntryIdResponse" => {
            for (entry, members) in votes(resp, names, &mut batch) {
                // Votes of an entry that nothing in this import names stay on a
                // placeholder motion, named by the id they give, until a sync links them.
                let record = masters.get(&entry).cloned().unwrap_or(entry);
                batch.motions.push(vote_record(&record, members));
            }
        }
        _ => {
            for m in resp.descendants("iBabsMeeting") {
                meeting(m, &BTreeMap::new(), &mut batch);
            }
        }
    }
    batch
}

/// The site's meeting types (`GetMeetingtypes`): `iBabsMeetingtype` Id -> Description ("Raad",
/// "Commissie Ruimte"), as ORI's `_meetingtypes_as_dict` and openbesluitvorming's
/// `getMeetingTypes` read them. An archived site has none; an answer that is not this one is
/// an error in iBabs' or the reader's words.
pub fn meeting_types(root: &Element) -> std::result::Result<BTreeMap<String, String>, String> {
    let resp = response(root)
        .filter(|r| r.name == "GetMeetingtypesResponse")
        .ok_or_else(|| "not an answer of GetMeetingtypes".to_owned())?;
    if !status(resp)? {
        return Ok(BTreeMap::new());
    }
    Ok(resp
        .descendants("iBabsMeetingtype")
        .into_iter()
        .filter_map(|t| {
            let id = t.child_text("Id")?;
            let name = t
                .child_text("Description")
                .or_else(|| t.child_text("Meetingtype"))?;
            Some((id, name))
        })
        .collect())
}

/// Meetings (`GetMeetingsByDateRange`), each named by its type in `types`.
pub fn read_meetings(root: &Element, types: &BTreeMap<String, String>) -> Batch {
    let mut batch = Batch::default();
    let Some(resp) = response(root).filter(|r| r.name == "GetMeetingsByDateRangeResponse") else {
        batch.problem("?", "not an answer of GetMeetingsByDateRange");
        return batch;
    };
    match status(resp) {
        Ok(true) => {
            for m in resp.descendants("iBabsMeeting") {
                meeting(m, types, &mut batch);
            }
        }
        Ok(false) => {}
        Err(what) => batch.problem(&resp.name, what),
    }
    batch
}

/// The answer `name` (`GetListEntryResponse`) in an envelope.
fn answer<'a>(root: &'a Element, name: &str) -> std::result::Result<&'a Element, String> {
    response(root)
        .filter(|r| r.name == name)
        .ok_or_else(|| format!("not an answer of {}", name.trim_end_matches("Response")))
}

/// One entry (`GetListEntry`) with its votes (`GetListEntryVotesByListEntryId`, when asked):
/// both filed on the entry the sync asked for, `entry_id`. The entry's answer does not name
/// it, and its votes name the entry's master id instead ("this is the EntryMasterId of the
/// entry, not the EntryId you passed", ontola/openbesluitvorming docs/ibabs-import-plan.md).
/// The record id is the entry's own "ID" field where its list has one, else `entry_id`.
pub fn read_entry(
    entry_root: &Element,
    votes_root: Option<&Element>,
    entry_id: &str,
    names: &PartyNames,
) -> Batch {
    let mut batch = Batch::default();
    let record = match answer(entry_root, "GetListEntryResponse") {
        Ok(resp) => match status(resp) {
            Ok(true) => entry(resp, names, Some(entry_id), &mut batch),
            Ok(false) => None,
            Err(what) => {
                batch.problem(entry_id, what);
                None
            }
        },
        Err(what) => {
            batch.problem(entry_id, what);
            None
        }
    };
    let Some(votes_root) = votes_root else {
        return batch;
    };
    let resp = match answer(votes_root, "GetListEntryVotesByListEntryIdResponse") {
        Ok(r) => r,
        Err(what) => {
            batch.problem(format!("{entry_id} votes"), what);
            return batch;
        }
    };
    match status(resp) {
        Ok(true) => {}
        Ok(false) => return batch,
        Err(what) => {
            batch.problem(format!("{entry_id} votes"), what);
            return batch;
        }
    }
    let members: Vec<MemberVote> = votes(resp, names, &mut batch)
        .into_values()
        .flatten()
        .collect();
    if !members.is_empty() {
        let record = record.unwrap_or_else(|| entry_id.to_owned());
        batch.motions.push(vote_record(&record, members));
    }
    batch
}

/// What one iBabs answer among the files of an import says of the entries it concerns: what
/// is needed to file a folder's answers together, as a sync files them.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// A listing (`GetListsEntriesByFilterRequest`): each entry's EntryId and EntryMasterId.
    Listing(Vec<(String, String)>),
    /// One entry's fields (`GetListEntry`), which do not name the entry, and the outcome its
    /// status gives.
    Entry(Option<String>),
    /// Votes (`GetListEntryVotesByListEntryId`): the master id of each entry they are of,
    /// with the outcome their count gives.
    Votes(Vec<(String, Option<&'static str>)>),
    Other,
}

/// What kind of answer `root` is, for [`link`].
pub fn answer_of(root: &Element) -> Answer {
    let Some(resp) = response(root) else {
        return Answer::Other;
    };
    if status(resp) != Ok(true) {
        return Answer::Other;
    }
    match resp.name.as_str() {
        "GetListsEntriesByFilterRequestResponse" => Answer::Listing(
            resp.descendants("iBabsListEntryBase")
                .into_iter()
                .filter_map(|e| Some((e.child_text("EntryId")?, e.child_text("EntryMasterId")?)))
                .collect(),
        ),
        "GetListEntryResponse" => {
            Answer::Entry(values(resp).get("status").and_then(|s| outcome_in(s)))
        }
        "GetListEntryVotesByListEntryIdResponse" => {
            let mut counts: BTreeMap<String, (u32, u32)> = BTreeMap::new();
            for v in resp.descendants("iBabsListEntryVote") {
                let Some(entry) = v.child_text("EntryId") else {
                    continue;
                };
                let c = counts.entry(entry).or_default();
                match v.child_text("Vote").as_deref() {
                    Some("true") => c.0 += 1,
                    Some("false") => c.1 += 1,
                    _ => {}
                }
            }
            Answer::Votes(
                counts
                    .into_iter()
                    .map(|(entry, (yes, no))| (entry, outcome_of_counts(yes, no)))
                    .collect(),
            )
        }
        _ => Answer::Other,
    }
}

/// How the iBabs answers of one import are filed together.
#[derive(Debug, Default, PartialEq)]
pub struct Linking {
    /// An entry's master id -> the EntryId a listing of the import gives it: votes, which name
    /// the master id, are filed on that entry.
    pub masters: BTreeMap<String, String>,
    /// (entry answer, votes answer, the entry id the votes name), by their place in the
    /// import's list: read together, as a sync reads an entry with its votes.
    pub pairs: Vec<(usize, usize, String)>,
}

/// Links the iBabs answers of an import (each with its place and its folder). An entry's
/// answer does not say which entry it is, and its votes name only the entry's master id, so
/// a recorded exchange goes together only by what was asked. The answers are linked where
/// that is certain: votes whose master id a listing names go to that entry; otherwise, in a
/// folder that holds exactly one entry answer and one answer of votes, of one entry, not
/// listed, the two are one exchange when the outcome the votes count gives is the one the
/// entry's status says (or it says none). Anything else stays apart: votes on a placeholder
/// motion named by the id they give.
pub fn link(answers: &[(usize, String, Answer)]) -> Linking {
    let mut linking = Linking::default();
    for (_, _, a) in answers {
        if let Answer::Listing(rows) = a {
            for (entry, master) in rows {
                linking.masters.insert(master.clone(), entry.clone());
            }
        }
    }
    // Per folder: its entry answers (place, the outcome stated) and its answers of votes
    // of entries no listing names (place, the entries with the outcome counted).
    type Entries<'a> = Vec<(usize, &'a Option<String>)>;
    type Votes<'a> = Vec<(usize, &'a [(String, Option<&'static str>)])>;
    let mut folders: BTreeMap<&str, (Entries, Votes)> = BTreeMap::new();
    for (place, folder, a) in answers {
        match a {
            Answer::Entry(outcome) => folders.entry(folder).or_default().0.push((*place, outcome)),
            Answer::Votes(of) if of.iter().all(|(e, _)| !linking.masters.contains_key(e)) => {
                folders
                    .entry(folder)
                    .or_default()
                    .1
                    .push((*place, of.as_slice()))
            }
            _ => {}
        }
    }
    for (entries, votes) in folders.into_values() {
        let ([(entry, said)], [(votes, [(id, counted)])]) = (entries.as_slice(), votes.as_slice())
        else {
            continue;
        };
        let agrees = match (said.as_deref(), counted) {
            (Some(said), Some(counted)) => said == *counted,
            _ => true,
        };
        if agrees {
            linking.pairs.push((*entry, *votes, id.clone()));
        }
    }
    linking
}

/// A list's name says what its entries are: motions, amendments or toezeggingen.
fn list_kind(list: &str) -> Option<Result<DocKind, ()>> {
    let low = list.to_lowercase();
    if low.contains("toezegging") {
        Some(Err(()))
    } else if low.contains("amendement") {
        Some(Ok(DocKind::Amendement))
    } else if low.contains("motie") {
        Some(Ok(DocKind::Motie))
    } else {
        None
    }
}

/// One entry of a list, by its title: a motion or amendment (numbered "M540 ..."), or a
/// toezegging. `item` is the agenda item it was listed on.
fn list_entry(e: &Element, item: Option<&str>, batch: &mut Batch) -> Option<String> {
    let Some(id) = e.child_text("EntryId") else {
        batch.problem("?", "a list entry without EntryId");
        return None;
    };
    let Some(title) = e.child_text("EntryTitle") else {
        batch.problem(&id, "a list entry without EntryTitle");
        return None;
    };
    let list = e.child_text("ListName").unwrap_or_default();
    match list_kind(&list) {
        Some(Ok(kind)) => {
            let (number, title) = split_number(&title);
            let mut m = MotionRec::new(id.clone(), kind);
            m.number = number;
            m.title = Some(title);
            m.agenda = item.map(|i| AgendaRef {
                item: Some(i.to_owned()),
                ..AgendaRef::default()
            });
            batch.motions.push(m);
            Some(id)
        }
        Some(Err(())) => {
            batch.commitments.push(CommitmentRec {
                id,
                origin: Origin::Promise,
                text: title,
                actor: "college".into(),
                made_on: None,
                due: None,
                status: None,
                motion: None,
            });
            None
        }
        // Entries of other lists (letters, memos) are not register rows.
        None => None,
    }
}

fn values(e: &Element) -> BTreeMap<String, String> {
    e.descendants("KeyValueOfstringstring")
        .into_iter()
        .filter_map(|kv| {
            let key = kv.child_text("Key")?;
            let value = kv.child_text("Value")?;
            Some((key.to_lowercase(), value))
        })
        .collect()
}

/// "Passier, C.E. (Charlotte) (Volt)": the person and the party in the last brackets.
fn submitter(s: &str, names: &PartyNames, role: &str) -> Option<Submitter> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let (name, party) = match s.strip_suffix(')').and_then(|r| r.rsplit_once('(')) {
        Some((name, party)) if !name.trim().is_empty() => {
            (name.trim(), Some(names.canonical(party)))
        }
        _ => (s, None),
    };
    Some(Submitter {
        name: person_name(name),
        party,
        role: role.into(),
    })
}

/// "Gemeenteraad 29-1-2026\n23 Title" (the break written as a backslash and an n, or as a
/// new line): the meeting's body and day, the item's number and title.
fn agenda_point(s: &str) -> Option<AgendaRef> {
    let s = s.replace("\\n", "\n");
    let mut lines = s.lines().map(str::trim).filter(|l| !l.is_empty());
    let head = lines.next()?;
    let (body, day) = head.rsplit_once(' ')?;
    let date = parse_day(day)?;
    let rest = lines.collect::<Vec<_>>().join(" ");
    let (number, title) = match rest.split_once(' ') {
        Some((n, t)) if n.chars().next().is_some_and(|c| c.is_ascii_digit()) => (
            Some(n.trim_end_matches('.').to_owned()),
            Some(t.trim().to_owned()),
        ),
        _ => (None, (!rest.is_empty()).then_some(rest.clone())),
    };
    Some(AgendaRef {
        item: None,
        meeting: Some((body.trim().to_owned(), date)),
        number,
        title,
    })
}

fn done(v: &BTreeMap<String, String>) -> Option<(Status, NaiveDate)> {
    let flag = v.get("afgedaan").map(|a| a.trim().to_lowercase());
    let is_done = matches!(flag.as_deref(), Some("1" | "true" | "ja"));
    let day = v.get("datum afdoening").and_then(|d| parse_day(d))?;
    is_done.then_some((Status::Met, day))
}

/// One entry (GetListEntry): its fields by key. Its record id is the entry's own "ID", or
/// else the EntryId the sync asked for (`asked`); returned when it is a motion.
fn entry(
    resp: &Element,
    names: &PartyNames,
    asked: Option<&str>,
    batch: &mut Batch,
) -> Option<String> {
    let v = values(resp);
    let Some(id) = v
        .get("id")
        .filter(|i| !i.trim().is_empty())
        .cloned()
        .or_else(|| asked.map(str::to_owned))
    else {
        batch.problem("?", "a list entry without an ID field");
        return None;
    };
    let date = v.get("datum").and_then(|d| parse_day(d));
    let actor = v
        .get("portefeuillehouder")
        .map(|p| actor_of(p))
        .unwrap_or_else(|| "college".into());
    let deadline = v.get("deadline").and_then(|d| parse_day(d));
    if let Some(text) = v.get("toezegging") {
        batch.commitments.push(CommitmentRec {
            id,
            origin: Origin::Promise,
            text: text.clone(),
            actor,
            made_on: date,
            due: deadline,
            status: done(&v),
            motion: None,
        });
        return None;
    }
    let Some(subject) = v.get("onderwerp").or(v.get("titel")) else {
        batch.problem(&id, "no Onderwerp (the motion's title)");
        return None;
    };
    let (number, title) = split_number(subject);
    let status = v.get("status").cloned().unwrap_or_default();
    let mut m = MotionRec::new(id.clone(), kind_of(&status));
    if status.is_empty() {
        m.kind = DocKind::Motie;
    }
    m.number = number;
    m.title = Some(title.clone());
    m.date = date;
    m.agenda = v.get("agendapunt").and_then(|a| agenda_point(a));
    let mut subs: Vec<Submitter> = v
        .get("indiener(s)")
        .or(v.get("indiener"))
        .into_iter()
        .flat_map(|s| s.split(';'))
        .filter_map(|s| submitter(s, names, "indiener"))
        .collect();
    subs.extend(
        v.get("mede-indieners")
            .into_iter()
            .flat_map(|s| s.split(';'))
            .filter_map(|s| submitter(s, names, "mede-indiener")),
    );
    m.submitters = Some(subs);
    m.documents = resp.find("Documents").map(documents).unwrap_or_default();
    if let Some(outcome) = outcome_in(&status) {
        m.status.push((date, outcome));
    }
    if deadline.is_some() {
        batch.commitments.push(CommitmentRec {
            id: format!("{id}/deadline"),
            origin: Origin::Motion,
            text: title,
            actor,
            made_on: date,
            due: deadline,
            status: done(&v),
            motion: Some(id.clone()),
        });
    }
    batch.motions.push(m);
    Some(id)
}

/// An entry's votes, one per member (true for, false against), by the EntryId they name.
fn votes(
    resp: &Element,
    names: &PartyNames,
    batch: &mut Batch,
) -> BTreeMap<String, Vec<MemberVote>> {
    let mut by_entry: BTreeMap<String, Vec<MemberVote>> = BTreeMap::new();
    for (i, v) in resp
        .descendants("iBabsListEntryVote")
        .into_iter()
        .enumerate()
    {
        let Some(entry) = v.child_text("EntryId") else {
            batch.problem(format!("vote {}", i + 1), "no EntryId");
            continue;
        };
        let Some(name) = v.child_text("UserName") else {
            batch.problem(format!("{entry} vote {}", i + 1), "no UserName");
            continue;
        };
        let option = match v.child_text("Vote").as_deref() {
            Some("true") => "voor",
            Some("false") => "tegen",
            other => {
                batch.problem(
                    format!("{entry} vote {}", i + 1),
                    format!("a vote that is neither true nor false: {other:?}"),
                );
                continue;
            }
        };
        by_entry.entry(entry).or_default().push(MemberVote {
            name: person_name(&name),
            party: v.child_text("GroupName").map(|g| names.canonical(&g)),
            option: option.into(),
        });
    }
    by_entry
}

/// The vote of `entry` (a motion's record id) from its members' votes, kept apart from the
/// entry's own fields (its own facts). A party whose members all voted alike gets that vote
/// as the party's.
fn vote_record(entry: &str, members: Vec<MemberVote>) -> MotionRec {
    let count = |o: &str| members.iter().filter(|m| m.option == o).count() as u32;
    let (yes, no) = (count("voor"), count("tegen"));
    let mut parties: Vec<PartyVoteRow> = Vec::new();
    let mut groups: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for m in &members {
        if let Some(p) = &m.party {
            groups.entry(p).or_default().push(&m.option);
        }
    }
    for (party, options) in groups {
        if options.iter().all(|o| *o == options[0]) {
            parties.push(PartyVoteRow {
                party: party.to_owned(),
                option: options[0].to_owned(),
                seats: Some(options.len() as u32),
            });
        }
    }
    let mut m = MotionRec::new(entry, DocKind::Motie);
    m.placeholder = Some(format!("iBabs-lijstitem {entry}"));
    m.facts = Some(format!("{entry}/stemming"));
    if let Some(outcome) = outcome_of_counts(yes, no) {
        m.status.push((None, outcome.into()));
    }
    m.votes.push(VoteRec {
        method: Some("hoofdelijk".into()),
        votes_for: Some(yes),
        votes_against: Some(no),
        members,
        parties,
        ..VoteRec::default()
    });
    m
}

/// One meeting. A real `iBabsMeeting` carries only its `MeetingtypeId` (ontola/
/// openbesluitvorming src/ibabs/client.ts `parseMeetingsXml`), named by `types`; a file
/// without them is taken as the council's own meeting.
fn meeting(e: &Element, types: &BTreeMap<String, String>, batch: &mut Batch) {
    let Some(id) = e.child_text("Id") else {
        batch.problem("?", "a meeting without Id");
        return;
    };
    let Some(date) = e.child_text("MeetingDate").and_then(|d| parse_day(&d)) else {
        batch.problem(&id, "a meeting without MeetingDate");
        return;
    };
    let body = e
        .child_text("MeetingtypeId")
        .and_then(|t| types.get(&t).cloned())
        .or_else(|| e.child_text("Meetingtype"))
        .unwrap_or_else(|| "Gemeenteraad".into());
    let status = if date <= chrono::Local::now().date_naive() {
        MeetingStatus::Held
    } else {
        MeetingStatus::Planned
    };
    let mut items = Vec::new();
    for (i, item) in e
        .child("MeetingItems")
        .into_iter()
        .flat_map(|m| m.elements())
        .enumerate()
    {
        let Some(item_id) = item.child_text("Id") else {
            batch.problem(format!("{id} item {}", i + 1), "an item without Id");
            continue;
        };
        let Some(title) = item.child_text("Title") else {
            batch.problem(&item_id, "an item without Title");
            continue;
        };
        let docs: Vec<String> = item
            .child("Documents")
            .into_iter()
            .flat_map(|d| d.elements())
            .filter_map(|d| {
                let name = d.child_text("DisplayName")?;
                Some(match d.child_text("PublicDownloadURL") {
                    Some(url) => format!("- {name} <{url}>"),
                    None => format!("- {name}"),
                })
            })
            .collect();
        let item_documents = item.child("Documents").map(documents).unwrap_or_default();
        let mut description = item.child_text("Explanation");
        if !docs.is_empty() {
            let list = format!("Stukken:\n{}", docs.join("\n"));
            description = Some(match description {
                Some(d) => format!("{d}\n\n{list}"),
                None => list,
            });
        }
        let motions = item
            .child("ListEntries")
            .into_iter()
            .flat_map(|l| l.elements())
            .filter_map(|entry| list_entry(entry, Some(&item_id), batch))
            .collect();
        items.push(ItemRec {
            id: item_id,
            number: item.child_text("Features"),
            title,
            description,
            items: Vec::new(),
            motions,
            documents: item_documents,
        });
    }
    batch.meetings.push(MeetingRec {
        id,
        body,
        date,
        start_time: e.child_text("StartTime"),
        end_time: e.child_text("EndTime"),
        title: e.child_text("Explanation"),
        location: e.child_text("Location"),
        status,
        items,
        documents: e.child("Documents").map(documents).unwrap_or_default(),
    });
}

/// The documents of an entry, item or meeting (`iBabsDocument`) that can be downloaded
/// publicly; confidential ones are left out.
fn documents(list: &Element) -> Vec<DocRef> {
    list.elements()
        .filter(|d| d.child_text("Confidential").as_deref() != Some("true"))
        .filter_map(|d| {
            let url = d
                .child_text("PublicDownloadURL")
                .filter(|u| !u.is_empty())?;
            Some(DocRef {
                id: format!(
                    "document:{}",
                    d.child_text("Id").unwrap_or_else(|| url.clone())
                ),
                url,
                title: d.child_text("DisplayName").filter(|t| !t.is_empty()),
                file_name: d.child_text("FileName").filter(|f| !f.is_empty()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_answers_only_where_it_is_certain() {
        let entry = |o: &str| Answer::Entry(Some(o.into()));
        let votes = |id: &str, o| Answer::Votes(vec![(id.into(), Some(o))]);
        let at = |place, folder: &str, a| (place, folder.to_owned(), a);
        // One entry and one answer of votes in a folder, agreeing: one exchange.
        let one = link(&[
            at(0, "a", entry("verworpen")),
            at(1, "a", votes("m1", "verworpen")),
        ]);
        assert_eq!(one.pairs, [(0, 1, "m1".to_owned())]);
        // Disagreeing, two entries, or in two folders: apart.
        for answers in [
            vec![
                at(0, "a", entry("aangenomen")),
                at(1, "a", votes("m1", "verworpen")),
            ],
            vec![
                at(0, "a", entry("verworpen")),
                at(1, "a", entry("verworpen")),
                at(2, "a", votes("m1", "verworpen")),
            ],
            vec![
                at(0, "a", entry("verworpen")),
                at(1, "b", votes("m1", "verworpen")),
            ],
        ] {
            assert_eq!(link(&answers).pairs, [], "{answers:?}");
        }
        // A listing that gives the master id: the votes go to its entry, not to an answer.
        let listed = link(&[
            at(0, "a", Answer::Listing(vec![("e1".into(), "m1".into())])),
            at(1, "a", entry("verworpen")),
            at(2, "a", votes("m1", "verworpen")),
        ]);
        assert_eq!(listed.pairs, []);
        assert_eq!(listed.masters.get("m1").map(String::as_str), Some("e1"));
    }

    #[test]
    fn reads_an_agenda_point_and_a_submitter() {
        let a = agenda_point("Gemeenteraad 3-2-2026\\n7 Een voorstel over bomen").expect("read");
        assert_eq!(
            a.meeting,
            Some((
                "Gemeenteraad".into(),
                NaiveDate::from_ymd_opt(2026, 2, 3).expect("day")
            ))
        );
        assert_eq!(a.number.as_deref(), Some("7"));
        assert_eq!(a.title.as_deref(), Some("Een voorstel over bomen"));
        let s = submitter(
            "Boer, K. (Kees) (Stadspartij)",
            &PartyNames::default(),
            "indiener",
        )
        .expect("read");
        assert_eq!(s.name, "Kees Boer");
        assert_eq!(s.party.as_deref(), Some("Stadspartij"));
    }
}
