//! Undo of the last edit a person made to the register: a meeting, agenda item, motion or
//! vote added, changed or removed (the `Archive` methods of [`super::meetings`] and
//! [`super::motions`]). Each such edit records, in its own transaction, what restores the
//! state before it (`store/undo.rs`); [`Archive::undo_last`] puts that back and says what was
//! undone, and a second call undoes the edit before it.
//!
//! Undo touches only the rows the edit itself changed. When a sync, an import or extraction
//! has changed one of them since, or undoing would remove what a register or a document added
//! in the meantime (a document a sync put on an agenda item the person added), it is refused
//! with nothing changed ([`crate::Error::UndoBlocked`]).

use crate::error::Result;
use crate::store::Store;
use crate::store::undo::StepNote;
use crate::tx::{Read, Tx};

pub use crate::model::edit::{Edit, EditAction};

/// Runs `f` as one edit of a person's in its own write transaction, recorded for undo.
pub(crate) fn edit_register<T>(
    tx: &Tx<'_>,
    action: EditAction,
    f: impl FnOnce(&mut Store) -> Result<(T, StepNote)>,
) -> Result<T> {
    tx.store()?.atomically(|s| s.recorded(action, f))
}

/// The edit [`Archive::undo_last`] would undo now, if any.
pub(crate) fn last_edit(r: &Read<'_>) -> Result<Option<Edit>> {
    r.reader()?.last_step()
}

/// Undoes the last edit a person made to the register and returns what it was. Errors
/// with [`Error::NothingToUndo`] when there is none, and with [`crate::Error::UndoBlocked`]
/// (nothing changed) when a sync, an import or another write changed what it touched
/// since.
pub(crate) fn undo_last(tx: &Tx<'_>) -> Result<Edit> {
    tx.store()?.atomically(|s| s.undo_last_step())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Archive;
    use crate::Error;
    use crate::register::{MeetingEdit, NewAgendaItem, NewMeeting, NewMotion, NewVote, Provenance};
    use chrono::NaiveDate;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("a day")
    }

    fn archive() -> (tempfile::TempDir, Archive) {
        let dir = tempfile::tempdir().expect("tmp");
        let archive = Archive::open(dir.path().join("a")).expect("open");
        (dir, archive)
    }

    #[test]
    fn undo_puts_an_agenda_item_back_as_it_was_before_its_edit() {
        use crate::register::meetings;
        crate::tx::testing::with_tx(|tx| {
            let m = meetings::add_meeting(
                tx,
                &NewMeeting {
                    body: "gemeenteraad".into(),
                    date: day("2024-05-16"),
                    time: None,
                    end_time: None,
                    title: None,
                    location: None,
                    status: None,
                },
            )
            .expect("meeting");
            let item = meetings::add_agenda_item(
                tx,
                &NewAgendaItem {
                    meeting_id: m.id,
                    title: "Vaststelling van de agenda".into(),
                    number: Some("1".into()),
                    parent_id: None,
                    description: None,
                    position: None,
                    documents: Vec::new(),
                },
            )
            .expect("item");
            let renamed = meetings::edit_agenda_item(tx, item.id, Some("1a"), Some("Agenda"), None)
                .expect("edited");
            assert_eq!(renamed.title, "Agenda");
            let undone = undo_last(tx).expect("undone");
            assert_eq!(undone.action, EditAction::AgendaItemEdited);
            let back = meetings::agenda_item(&tx.read(), item.id).expect("read");
            assert_eq!(back.title, "Vaststelling van de agenda");
            assert_eq!(back.number.as_deref(), Some("1"));
        });
    }

    #[test]
    fn an_edit_is_recorded_at_the_time_of_its_write() {
        let (_dir, archive) = archive();
        crate::clock::pinned("2031-05-01T09:30:00Z", || meeting(&archive));
        let edit = archive.last_edit().expect("read").expect("an edit");
        assert_eq!(edit.recorded_at, "2031-05-01T09:30:00Z");
        // Unpinned, the write takes the clock's time once.
        meeting(&archive);
        let edit = archive.last_edit().expect("read").expect("an edit");
        assert_ne!(edit.recorded_at, "2031-05-01T09:30:00Z");
        assert!(
            chrono::DateTime::parse_from_rfc3339(&edit.recorded_at).is_ok(),
            "{}",
            edit.recorded_at
        );
    }

    fn meeting(archive: &Archive) -> i64 {
        archive
            .add_meeting(&NewMeeting {
                body: "Gemeenteraad".into(),
                date: day("2031-05-14"),
                title: Some("Raad van mei".into()),
                ..NewMeeting::default()
            })
            .expect("meeting")
            .id
    }

    fn item(archive: &Archive, meeting: i64, title: &str, parent: Option<i64>) -> i64 {
        archive
            .add_agenda_item(&NewAgendaItem {
                meeting_id: meeting,
                title: title.into(),
                parent_id: parent,
                ..NewAgendaItem::default()
            })
            .expect("item")
            .id
    }

    fn titles(archive: &Archive, meeting: i64) -> Vec<String> {
        fn walk(items: &[crate::register::AgendaItem], out: &mut Vec<String>, depth: usize) {
            for i in items {
                out.push(format!("{}{}", "-".repeat(depth), i.title));
                walk(&i.items, out, depth + 1);
            }
        }
        let mut out = Vec::new();
        walk(
            &archive.meeting(meeting).expect("detail").agenda,
            &mut out,
            0,
        );
        out
    }

    #[test]
    fn actions_round_trip_through_their_keys() {
        for a in EditAction::ALL {
            assert_eq!(EditAction::parse(a.as_str()), Some(a));
            let json = serde_json::to_value(a).expect("json");
            assert_eq!(json, serde_json::json!(a.as_str()));
        }
        assert_eq!(EditAction::parse("undo"), None);
        assert_eq!(
            EditAction::AgendaItemAdded.describe("Rondvraag"),
            "agenda item \"Rondvraag\" added"
        );
    }

    #[test]
    fn edits_are_undone_last_first_until_none_is_left() {
        let (_dir, archive) = archive();
        assert!(archive.last_edit().expect("last").is_none());
        let m = meeting(&archive);
        let two = item(&archive, m, "Vaststelling agenda", None);
        item(&archive, m, "Bankjes langs de dijk", Some(two));
        assert_eq!(
            titles(&archive, m),
            ["Vaststelling agenda", "-Bankjes langs de dijk"]
        );

        let next = archive.last_edit().expect("last").expect("an edit");
        assert_eq!(next.action, EditAction::AgendaItemAdded);
        assert_eq!(next.subject, "Bankjes langs de dijk");
        assert_eq!(next.meeting_id, Some(m));
        let undone = archive.undo_last().expect("undo");
        assert_eq!(undone.id, next.id);
        assert_eq!(
            undone.summary,
            "agenda item \"Bankjes langs de dijk\" added"
        );
        assert_eq!(titles(&archive, m), ["Vaststelling agenda"]);

        assert_eq!(
            archive.undo_last().expect("undo").subject,
            "Vaststelling agenda"
        );
        assert!(titles(&archive, m).is_empty());
        let undone = archive.undo_last().expect("undo the meeting");
        assert_eq!(undone.action, EditAction::MeetingAdded);
        assert_eq!(undone.subject, "Raad van mei");
        assert!(archive.meetings(None, None).expect("list").is_empty());
        let err = archive.undo_last().expect_err("nothing left");
        assert!(matches!(err, Error::NothingToUndo), "{err:?}");
        assert_eq!(err.code(), crate::ErrorCode::NothingToUndo);
    }

    #[test]
    fn a_removed_meeting_comes_back_whole_with_its_ids() {
        let (_dir, archive) = archive();
        let m = meeting(&archive);
        let one = item(&archive, m, "Opening", None);
        let two = item(&archive, m, "Moties", None);
        let sub = item(&archive, m, "Motie over bankjes", Some(two));
        let motion = archive
            .add_motion(&NewMotion {
                title: "Motie Bankjes langs de dijk".into(),
                agenda_item_id: Some(sub),
                ..NewMotion::default()
            })
            .expect("motion")
            .id;
        let before = archive.meeting(m).expect("detail");
        archive.delete_meeting(m).expect("delete");
        assert_eq!(archive.motion(motion).expect("motion").agenda_item_id, None);
        let undone = archive.undo_last().expect("undo the delete");
        assert_eq!(undone.action, EditAction::MeetingDeleted);
        let after = archive.meeting(m).expect("back");
        assert_eq!(after, before);
        let ids: Vec<i64> = after.agenda.iter().map(|i| i.id).collect();
        assert_eq!(ids, [one, two]);
        assert_eq!(
            archive.motion(motion).expect("motion").agenda_item_id,
            Some(sub)
        );
    }

    #[test]
    fn a_change_and_a_move_are_put_back_as_they_were() {
        let (_dir, archive) = archive();
        let m = meeting(&archive);
        item(&archive, m, "Een", None);
        item(&archive, m, "Twee", None);
        let c = item(&archive, m, "Drie", None);
        archive.move_agenda_item(c, 0).expect("move");
        assert_eq!(titles(&archive, m), ["Drie", "Een", "Twee"]);
        archive
            .edit_meeting(
                m,
                &MeetingEdit {
                    title: Some("Extra raad".into()),
                    ..MeetingEdit::default()
                },
            )
            .expect("edit");
        archive.cancel_meeting(m).expect("cancel");
        let undone = archive.undo_last().expect("undo cancel");
        assert_eq!(undone.action, EditAction::MeetingCancelled);
        let back = archive.meeting(m).expect("m").meeting;
        assert_eq!(back.status, crate::register::MeetingStatus::Planned);
        assert_eq!(back.title.as_deref(), Some("Extra raad"));
        archive.undo_last().expect("undo edit");
        assert_eq!(
            archive.meeting(m).expect("m").meeting.title.as_deref(),
            Some("Raad van mei")
        );
        // Never changed by a person any more: a register's next import may set it again.
        assert!(
            !archive
                .store()
                .expect("store")
                .is_user_edited(false, m)
                .expect("flag")
        );
        archive.undo_last().expect("undo move");
        assert_eq!(titles(&archive, m), ["Een", "Twee", "Drie"]);
        let positions: Vec<i64> = archive
            .meeting(m)
            .expect("m")
            .agenda
            .iter()
            .map(|i| i.position)
            .collect();
        assert_eq!(positions, [0, 1, 2]);
    }

    #[test]
    fn a_vote_undone_leaves_the_motion_as_before_it() {
        let (_dir, archive) = archive();
        let m = meeting(&archive);
        let i = item(&archive, m, "Moties", None);
        let motion = archive
            .add_motion(&NewMotion {
                title: "Motie Bankjes langs de dijk".into(),
                agenda_item_id: Some(i),
                submitters: vec!["T. Visser (Volt)".into()],
                ..NewMotion::default()
            })
            .expect("motion");
        let people = archive.people().expect("people").len();
        assert_eq!(people, 1);
        let voted = archive
            .record_vote(
                motion.id,
                &NewVote {
                    date: day("2031-05-14"),
                    meeting_id: Some(m),
                    party_votes: Some("voor: CU, Volt; tegen: PVV".into()),
                    outcome: Some(crate::model::Outcome::Aangenomen),
                    ..NewVote::default()
                },
            )
            .expect("vote");
        assert_eq!(voted.parties_for, ["ChristenUnie", "Volt"]);
        let undone = archive.undo_last().expect("undo the vote");
        assert_eq!(undone.action, EditAction::VoteRecorded);
        assert_eq!(undone.subject, "Motie Bankjes langs de dijk");
        assert_eq!(undone.meeting_id, Some(m));
        assert_eq!(archive.motion(motion.id).expect("motion"), motion);
        // The motion's own entry takes its submitter (a new person) with it.
        archive.undo_last().expect("undo the motion");
        assert!(archive.motions().expect("motions").is_empty());
        assert!(archive.people().expect("people").is_empty());
    }

    #[test]
    fn what_a_register_or_a_document_added_since_blocks_the_undo() {
        let (_dir, archive) = archive();
        let m = meeting(&archive);
        let i = item(&archive, m, "Stukken", None);
        let doc = archive
            .import_bytes(
                "brief.md",
                b"---\nkind: raadsinformatiebrief\ntitle: Brief over de dijk\ndate: 2031-05-01\n---\nHet college schrijft de raad over de dijk.\n",
                &mut crate::import::NoProgress,
            )
            .expect("import");
        let doc = doc.imported().next().expect("a document").id;
        // A sync puts the document on the person's item, as a register's download does.
        archive
            .store()
            .expect("store")
            .atomically(|s| s.attach_document(i, doc, "bijlage"))
            .expect("attach");
        let err = archive.undo_last().expect_err("blocked");
        assert!(matches!(err, Error::UndoBlocked { .. }), "{err:?}");
        assert_eq!(err.code(), crate::ErrorCode::UndoBlocked);
        assert_eq!(err.params()["subject"], "Stukken");
        assert_eq!(err.params()["action"], "agenda-item-added");
        // Nothing changed: the item and the register's document on it are there.
        let detail = archive.meeting(m).expect("detail");
        assert_eq!(detail.agenda[0].documents.len(), 1);
        assert_eq!(
            archive.last_edit().expect("last").expect("still").subject,
            "Stukken"
        );

        // A register's change of a row after the person's edit blocks it too.
        archive
            .edit_agenda_item(i, None, Some("Ingekomen stukken"), None)
            .expect("edit");
        archive
            .store()
            .expect("store")
            .atomically(|s| s.set_register_ref(true, i, &Provenance::register("notubiz", "77")))
            .expect("register");
        let err = archive.undo_last().expect_err("changed since");
        assert!(err.to_string().contains("changed after this edit"), "{err}");
        assert_eq!(
            archive.agenda_item(i).expect("item").title,
            "Ingekomen stukken"
        );
    }
}
