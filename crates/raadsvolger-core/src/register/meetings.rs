//! Meetings and their agendas.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{AgendaDocument, EditAction, MeetingStatus, NamedDocument, Provenance};
use crate::error::{Error, Result};
use crate::model::{DocId, Outcome};
use crate::store::Store;
use crate::store::meetings::{AgendaRow, MeetingFields, MeetingRow};
use crate::store::undo::StepNote;
use crate::tx::{Read, Tx};

/// A meeting in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meeting {
    pub id: i64,
    pub body: String,
    pub date: NaiveDate,
    /// "19:30"
    pub time: Option<String>,
    pub end_time: Option<String>,
    pub title: Option<String>,
    pub location: Option<String>,
    pub status: MeetingStatus,
    pub agenda_items: u64,
    pub provenance: Provenance,
}

impl From<MeetingRow> for Meeting {
    fn from(m: MeetingRow) -> Meeting {
        Meeting {
            id: m.id,
            body: m.body,
            date: m.date,
            time: m.start_time,
            end_time: m.end_time,
            title: m.title,
            location: m.location,
            status: m.status,
            agenda_items: m.agenda_items,
            provenance: m.provenance,
        }
    }
}

/// A motion as an agenda item lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MotionRef {
    pub id: i64,
    pub number: Option<String>,
    pub title: String,
    pub kind: crate::model::DocKind,
    pub outcome: Option<Outcome>,
    pub votes_for: Option<u32>,
    pub votes_against: Option<u32>,
    pub unanimous: bool,
    pub parties_for: Vec<String>,
    pub parties_against: Vec<String>,
}

/// An agenda item with what is on it, and its sub-items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaItem {
    pub id: i64,
    pub meeting_id: i64,
    pub parent_id: Option<i64>,
    /// As written: "3", "8a", "3.2".
    pub number: Option<String>,
    pub title: String,
    pub description: Option<String>,
    pub position: i64,
    pub documents: Vec<AgendaDocument>,
    /// Documents its register names that the archive does not hold yet (title and address).
    pub not_downloaded: Vec<NamedDocument>,
    pub motions: Vec<MotionRef>,
    pub items: Vec<AgendaItem>,
    pub provenance: Provenance,
}

/// A meeting with its agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingDetail {
    #[serde(flatten)]
    pub meeting: Meeting,
    pub agenda: Vec<AgendaItem>,
    /// Documents of the meeting as a whole (its invitation, decision list, minutes) that a
    /// register attached to the meeting rather than to one item.
    pub documents: Vec<AgendaDocument>,
    /// Documents its register names on the meeting that the archive does not hold yet.
    pub not_downloaded: Vec<NamedDocument>,
}

/// A meeting to create.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NewMeeting {
    pub body: String,
    pub date: NaiveDate,
    #[serde(default)]
    pub time: Option<String>,
    #[serde(default)]
    pub end_time: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub status: Option<MeetingStatus>,
}

/// A change to a meeting: each field given replaces the stored one.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MeetingEdit {
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub time: Option<String>,
    #[serde(default)]
    pub end_time: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub status: Option<MeetingStatus>,
}

/// An agenda item to add.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NewAgendaItem {
    pub meeting_id: i64,
    pub title: String,
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub parent_id: Option<i64>,
    #[serde(default)]
    pub description: Option<String>,
    /// Where among its siblings (0 = first); at the end when absent.
    #[serde(default)]
    pub position: Option<i64>,
    /// Documents already in the archive to put on it (with the role their kind suggests).
    #[serde(default)]
    pub documents: Vec<DocId>,
}

/// "19:30" or "9.30" -> "19:30" / "09:30"; anything else is refused.
pub fn parse_time(s: &str) -> Result<String> {
    let t = s.trim().replace('.', ":");
    chrono::NaiveTime::parse_from_str(&t, "%H:%M")
        .map(|t| t.format("%H:%M").to_string())
        .map_err(|_| Error::rule("time", s, format!("{s:?} is not a time; write it as 19:30")))
}

/// What an undo step of a meeting says: its title, else its body.
fn meeting_note(m: &MeetingRow) -> StepNote {
    StepNote::new(m.title.as_deref().unwrap_or(&m.body), m.id, Some(m.id))
}

/// What an undo step of a document on an agenda item says: the document's title, the item.
fn document_note(s: &Store, item: i64, title: &str) -> Result<StepNote> {
    let meeting = s.get_agenda_item(item)?.meeting_id;
    Ok(StepNote::new(title, item, Some(meeting)))
}

/// What an undo step of an agenda item says: its title, on its meeting.
fn item_note(s: &Store, id: i64) -> Result<StepNote> {
    let item = s.get_agenda_item(id)?;
    Ok(StepNote::new(&item.title, id, Some(item.meeting_id)))
}

fn normalise_time(t: &Option<String>) -> Result<Option<String>> {
    t.as_deref()
        .filter(|t| !t.trim().is_empty())
        .map(parse_time)
        .transpose()
}

/// Creates a meeting; returns it.
pub(crate) fn add_meeting(tx: &Tx<'_>, new: &NewMeeting) -> Result<Meeting> {
    add_meeting_with(tx, new, &Provenance::user(tx.recorded_at(), None))
}

pub(crate) fn add_meeting_with(
    tx: &Tx<'_>,
    new: &NewMeeting,
    prov: &Provenance,
) -> Result<Meeting> {
    let time = normalise_time(&new.time)?;
    let end = normalise_time(&new.end_time)?;
    let mut store = tx.store()?;
    let fields = MeetingFields {
        body: &new.body,
        date: new.date,
        start_time: time.as_deref(),
        end_time: end.as_deref(),
        title: new.title.as_deref().filter(|t| !t.trim().is_empty()),
        location: new.location.as_deref().filter(|t| !t.trim().is_empty()),
        status: new.status.unwrap_or_default(),
    };
    let id = store.atomically(|s| {
        if !matches!(prov, Provenance::User { .. }) {
            return s.insert_meeting(&fields, prov);
        }
        s.recorded(EditAction::MeetingAdded, |s| {
            let id = s.insert_meeting(&fields, prov)?;
            Ok((id, meeting_note(&s.get_meeting(id)?)))
        })
    })?;
    Ok(store.get_meeting(id)?.into())
}

/// Changes a meeting (its date too: deadlines resolved from it move with it).
pub(crate) fn edit_meeting(tx: &Tx<'_>, id: i64, edit: &MeetingEdit) -> Result<Meeting> {
    edit_meeting_as(tx, id, edit, EditAction::MeetingEdited)
}

pub(crate) fn edit_meeting_as(
    tx: &Tx<'_>,
    id: i64,
    edit: &MeetingEdit,
    action: EditAction,
) -> Result<Meeting> {
    let mut store = tx.store()?;
    let old = store.get_meeting(id)?;
    let time = match &edit.time {
        Some(_) => normalise_time(&edit.time)?,
        None => old.start_time.clone(),
    };
    let end = match &edit.end_time {
        Some(_) => normalise_time(&edit.end_time)?,
        None => old.end_time.clone(),
    };
    let pick = |new: &Option<String>, old: &Option<String>| match new {
        Some(s) if s.trim().is_empty() => None,
        Some(s) => Some(s.trim().to_owned()),
        None => old.clone(),
    };
    let title = pick(&edit.title, &old.title);
    let location = pick(&edit.location, &old.location);
    store.atomically(|s| {
        s.recorded(action, |s| {
            s.update_meeting(
                id,
                &MeetingFields {
                    body: edit.body.as_deref().unwrap_or(&old.body),
                    date: edit.date.unwrap_or(old.date),
                    start_time: time.as_deref(),
                    end_time: end.as_deref(),
                    title: title.as_deref(),
                    location: location.as_deref(),
                    status: edit.status.unwrap_or(old.status),
                },
            )?;
            s.mark_user_edited(false, id)?;
            Ok(((), meeting_note(&s.get_meeting(id)?)))
        })
    })?;
    Ok(store.get_meeting(id)?.into())
}

/// Calls a meeting off (it stays in the register, marked cancelled).
pub(crate) fn cancel_meeting(tx: &Tx<'_>, id: i64) -> Result<Meeting> {
    edit_meeting_as(
        tx,
        id,
        &MeetingEdit {
            status: Some(MeetingStatus::Cancelled),
            ..MeetingEdit::default()
        },
        EditAction::MeetingCancelled,
    )
}

/// Removes a meeting and its agenda (the documents stay in the archive).
pub(crate) fn delete_meeting(tx: &Tx<'_>, id: i64) -> Result<()> {
    crate::register::undo::edit_register(tx, EditAction::MeetingDeleted, |s| {
        let note = meeting_note(&s.get_meeting(id)?);
        s.delete_meeting(id)?;
        Ok(((), note))
    })
}

/// The meetings between two days (either open), in date order.
pub(crate) fn meetings(
    r: &Read<'_>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<Meeting>> {
    Ok(r.reader()?
        .list_meetings(from, to)?
        .into_iter()
        .map(Meeting::from)
        .collect())
}

/// A meeting with its agenda: each item's documents, motions (with outcome and vote) and
/// sub-items.
pub(crate) fn meeting(r: &Read<'_>, id: i64) -> Result<MeetingDetail> {
    let (meeting, rows, docs, documents, named, not_downloaded) = {
        let store = r.reader()?;
        (
            Meeting::from(store.get_meeting(id)?),
            store.list_agenda_items(id)?,
            store.agenda_documents(id)?,
            store.meeting_documents(id)?,
            store.named_documents("item", Some(id))?,
            store.named_documents("meeting", Some(id))?,
        )
    };
    let mut named_of: HashMap<i64, Vec<NamedDocument>> = HashMap::new();
    for (item, doc) in named {
        named_of.entry(item).or_default().push(doc);
    }
    let motions = crate::register::motions::motions(r)?;
    let mut docs_of: HashMap<i64, Vec<AgendaDocument>> = HashMap::new();
    for (item, doc) in docs {
        docs_of.entry(item).or_default().push(doc);
    }
    let mut motions_of: HashMap<i64, Vec<MotionRef>> = HashMap::new();
    for item in &rows {
        let on_item = docs_of.get(&item.id);
        for m in &motions {
            let by_item = m.agenda_item_id == Some(item.id);
            let by_document = m
                .document_id
                .is_some_and(|d| on_item.is_some_and(|docs| docs.iter().any(|x| x.id == d)));
            if by_item || by_document {
                motions_of.entry(item.id).or_default().push(MotionRef {
                    id: m.id,
                    number: m.number.clone(),
                    title: m.title.clone(),
                    kind: m.kind,
                    outcome: m.outcome,
                    votes_for: m.votes_for,
                    votes_against: m.votes_against,
                    unanimous: m.unanimous,
                    parties_for: m.parties_for.clone(),
                    parties_against: m.parties_against.clone(),
                });
            }
        }
    }
    Ok(MeetingDetail {
        meeting,
        agenda: tree(
            &rows,
            None,
            &mut Attached {
                docs: &mut docs_of,
                named: &mut named_of,
                motions: &mut motions_of,
            },
        ),
        documents,
        not_downloaded: not_downloaded.into_iter().map(|(_, d)| d).collect(),
    })
}

/// Adds an agenda item; returns it.
pub(crate) fn add_agenda_item(tx: &Tx<'_>, new: &NewAgendaItem) -> Result<AgendaItem> {
    add_agenda_item_with(tx, new, &Provenance::user(tx.recorded_at(), None))
}

pub(crate) fn add_agenda_item_with(
    tx: &Tx<'_>,
    new: &NewAgendaItem,
    prov: &Provenance,
) -> Result<AgendaItem> {
    let mut store = tx.store()?;
    let user = matches!(prov, Provenance::User { .. });
    let id = store.atomically(|s| {
        if !user {
            return insert_item(s, new, prov);
        }
        s.recorded(EditAction::AgendaItemAdded, |s| {
            let id = insert_item(s, new, prov)?;
            Ok((id, item_note(s, id)?))
        })
    })?;
    drop(store);
    agenda_item(&tx.read(), id)
}

/// One agenda item with what is on it.
pub(crate) fn agenda_item(r: &Read<'_>, id: i64) -> Result<AgendaItem> {
    let meeting_id = r.reader()?.get_agenda_item(id)?.meeting_id;
    find_item(meeting(r, meeting_id)?.agenda, id).ok_or_else(|| Error::NotFound {
        what: "agenda item",
        id: id.to_string(),
    })
}

/// Renumbers or renames an agenda item.
pub(crate) fn edit_agenda_item(
    tx: &Tx<'_>,
    id: i64,
    number: Option<&str>,
    title: Option<&str>,
    description: Option<&str>,
) -> Result<AgendaItem> {
    let mut store = tx.store()?;
    let old = store.get_agenda_item(id)?;
    let number = match number {
        Some(n) if n.trim().is_empty() => None,
        Some(n) => Some(n.trim().to_owned()),
        None => old.number,
    };
    let title = title.map(str::to_owned).unwrap_or(old.title);
    let description = description.map(str::to_owned).or(old.description);
    store.atomically(|s| {
        s.recorded(EditAction::AgendaItemEdited, |s| {
            s.update_agenda_item(id, number.as_deref(), &title, description.as_deref())?;
            s.mark_user_edited(true, id)?;
            Ok(((), item_note(s, id)?))
        })
    })?;
    drop(store);
    agenda_item(&tx.read(), id)
}

/// Moves an agenda item to `position` among its siblings (0 = first).
pub(crate) fn move_agenda_item(tx: &Tx<'_>, id: i64, position: i64) -> Result<()> {
    crate::register::undo::edit_register(tx, EditAction::AgendaItemMoved, |s| {
        s.move_agenda_item(id, position)?;
        Ok(((), item_note(s, id)?))
    })
}

/// Removes an agenda item and its sub-items (their documents stay in the archive).
pub(crate) fn delete_agenda_item(tx: &Tx<'_>, id: i64) -> Result<()> {
    crate::register::undo::edit_register(tx, EditAction::AgendaItemDeleted, |s| {
        let note = item_note(s, id)?;
        s.delete_agenda_item(id)?;
        Ok(((), note))
    })
}

/// Puts a document of the archive on an agenda item, with a role (by default from its kind).
pub(crate) fn attach_document(
    tx: &Tx<'_>,
    item: i64,
    document: DocId,
    role: Option<&str>,
) -> Result<()> {
    crate::register::undo::edit_register(tx, EditAction::DocumentAttached, |s| {
        let doc = s.get(document)?;
        let role = match role {
            Some(r) => r.to_owned(),
            None => super::default_role(doc.kind).to_owned(),
        };
        s.attach_document(item, document, &role)?;
        Ok(((), document_note(s, item, &doc.title)?))
    })
}

/// Takes a document off an agenda item.
pub(crate) fn detach_document(tx: &Tx<'_>, item: i64, document: DocId) -> Result<()> {
    crate::register::undo::edit_register(tx, EditAction::DocumentDetached, |s| {
        let title = s.get(document)?.title;
        s.detach_document(item, document)?;
        Ok(((), document_note(s, item, &title)?))
    })
}

/// Inserts an agenda item with the documents to put on it.
fn insert_item(s: &mut Store, new: &NewAgendaItem, prov: &Provenance) -> Result<i64> {
    let id = s.insert_agenda_item(
        new.meeting_id,
        new.parent_id,
        new.number
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty()),
        &new.title,
        new.description.as_deref(),
        new.position,
        prov,
    )?;
    for doc in &new.documents {
        let kind = s.get(*doc)?.kind;
        s.attach_document(id, *doc, super::default_role(kind))?;
    }
    Ok(id)
}

fn find_item(items: Vec<AgendaItem>, id: i64) -> Option<AgendaItem> {
    for item in items {
        if item.id == id {
            return Some(item);
        }
        if let Some(found) = find_item(item.items, id) {
            return Some(found);
        }
    }
    None
}

/// What is on the agenda items, by item id.
struct Attached<'a> {
    docs: &'a mut HashMap<i64, Vec<AgendaDocument>>,
    named: &'a mut HashMap<i64, Vec<NamedDocument>>,
    motions: &'a mut HashMap<i64, Vec<MotionRef>>,
}

fn tree(rows: &[AgendaRow], parent: Option<i64>, on: &mut Attached<'_>) -> Vec<AgendaItem> {
    rows.iter()
        .filter(|r| r.parent_id == parent)
        .map(|r| AgendaItem {
            id: r.id,
            meeting_id: r.meeting_id,
            parent_id: r.parent_id,
            number: r.number.clone(),
            title: r.title.clone(),
            description: r.description.clone(),
            position: r.position,
            documents: on.docs.remove(&r.id).unwrap_or_default(),
            not_downloaded: on.named.remove(&r.id).unwrap_or_default(),
            motions: on.motions.remove(&r.id).unwrap_or_default(),
            items: tree(rows, Some(r.id), on),
            provenance: r.provenance.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::tx::testing::with_tx;

    fn council_meeting(day: &str) -> NewMeeting {
        NewMeeting {
            body: "gemeenteraad".into(),
            date: day.parse().expect("a day"),
            time: Some("19.30".into()),
            end_time: None,
            title: Some("Raadsvergadering".into()),
            location: None,
            status: None,
        }
    }

    #[test]
    fn a_meeting_a_person_adds_is_listed_and_can_be_undone() {
        with_tx(|tx| {
            let added = add_meeting(tx, &council_meeting("2024-03-14")).expect("added");
            assert_eq!(
                added.time.as_deref(),
                Some("19:30"),
                "time written as clerks do"
            );
            let listed = meetings(&tx.read(), None, None).expect("listed");
            assert_eq!(
                listed.iter().map(|m| m.id).collect::<Vec<_>>(),
                vec![added.id]
            );
            let edit = crate::register::undo::last_edit(&tx.read())
                .expect("read")
                .expect("an edit to undo");
            assert_eq!(edit.action, EditAction::MeetingAdded);
            crate::register::undo::undo_last(tx).expect("undone");
            assert!(meetings(&tx.read(), None, None).expect("listed").is_empty());
        });
    }

    #[test]
    fn a_meeting_from_a_register_is_no_edit_of_a_person() {
        with_tx(|tx| {
            let prov = Provenance::register("notubiz", "m-1");
            add_meeting_with(tx, &council_meeting("2024-03-14"), &prov).expect("added");
            assert!(
                crate::register::undo::last_edit(&tx.read())
                    .expect("read")
                    .is_none(),
                "only what a person entered is in the undo log"
            );
        });
    }

    #[test]
    fn an_edit_keeps_what_it_does_not_change_and_a_cancel_only_the_status() {
        with_tx(|tx| {
            let m = add_meeting(tx, &council_meeting("2024-03-14")).expect("added");
            let moved = edit_meeting(
                tx,
                m.id,
                &MeetingEdit {
                    date: Some("2024-03-21".parse().expect("a day")),
                    ..MeetingEdit::default()
                },
            )
            .expect("edited");
            assert_eq!(moved.date.to_string(), "2024-03-21");
            assert_eq!(moved.title, m.title);
            assert_eq!(moved.time, m.time);
            let off = cancel_meeting(tx, m.id).expect("cancelled");
            assert_eq!(off.status, MeetingStatus::Cancelled);
            assert_eq!(off.date, moved.date);
        });
    }

    #[test]
    fn times_are_written_as_clerks_write_them() {
        assert_eq!(parse_time("19:30").expect("time"), "19:30");
        assert_eq!(parse_time("9.30").expect("time"), "09:30");
        assert!(parse_time("half acht").is_err());
    }
}
