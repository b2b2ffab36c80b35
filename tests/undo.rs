//! Undo of a person's edits of the register, on a real archive on disk: the undo log survives
//! closing and opening the archive, takes back only what the person did on top of a
//! register's meeting, and refuses (changing nothing) when a document imported since changed
//! what the edit touched.

use raadsvolger_core::register::{EditAction, MeetingDetail};
use raadsvolger_core::{
    Archive, Error, ErrorCode, NewAgendaItem, NewMotion, NewVote, Outcome, import::NoProgress,
};
use raadsvolger_tests::{day, fixtures};

/// The register's meeting of the ORI fixture, imported into a fresh archive on disk.
fn register_meeting(dir: &std::path::Path) -> (Archive, i64) {
    let archive = Archive::open(dir).expect("open");
    let bytes = std::fs::read(fixtures().join("registers/ori_meeting.json")).expect("fixture");
    archive
        .import_register_bytes("ori_meeting.json", &bytes)
        .expect("register import");
    let id = archive.meetings(None, None).expect("meetings")[0].id;
    (archive, id)
}

fn find<'a>(
    items: &'a [raadsvolger_core::AgendaItem],
    title: &str,
) -> Option<&'a raadsvolger_core::AgendaItem> {
    items.iter().find_map(|i| {
        (i.title == title)
            .then_some(i)
            .or_else(|| find(&i.items, title))
    })
}

fn item_titles(detail: &MeetingDetail) -> Vec<String> {
    fn walk(items: &[raadsvolger_core::AgendaItem], depth: usize, out: &mut Vec<String>) {
        for i in items {
            out.push(format!("{}{}", "  ".repeat(depth), i.title));
            walk(&i.items, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(&detail.agenda, 0, &mut out);
    out
}

#[test]
fn a_clerks_edits_on_a_register_meeting_are_undone_one_by_one_across_reopening() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("archief");
    let (archive, meeting) = register_meeting(&dir);
    let imported = archive.meeting(meeting).expect("detail");
    let motions_before = archive.motions().expect("motions");
    let speelplekken = find(&imported.agenda, "Speelplekken in de wijken")
        .expect("the register's item")
        .id;

    // The clerk's evening: a sub-item under the register's item, the register item renamed,
    // a motion of their own on it, and a vote on that motion.
    let sub = archive
        .add_agenda_item(&NewAgendaItem {
            meeting_id: meeting,
            title: "Motie over schaduw bij speelplekken".into(),
            number: Some("2b".into()),
            parent_id: Some(speelplekken),
            ..NewAgendaItem::default()
        })
        .expect("sub-item");
    archive
        .edit_agenda_item(speelplekken, None, Some("Speelplekken en schaduw"), None)
        .expect("rename");
    let motion = archive
        .add_motion(&NewMotion {
            title: "Motie Schaduw op het speelplein".into(),
            agenda_item_id: Some(sub.id),
            submitters: vec!["E. de Wit (Volt)".into()],
            ..NewMotion::default()
        })
        .expect("motion");
    archive
        .record_vote(
            motion.id,
            &NewVote {
                date: day("2025-04-08"),
                meeting_id: Some(meeting),
                party_votes: Some("voor: CU, Volt; tegen: PVV".into()),
                outcome: Some(Outcome::Aangenomen),
                ..NewVote::default()
            },
        )
        .expect("vote");
    drop(archive);

    // Another session (the CLI, or the app started again) undoes the vote first.
    let archive = Archive::open(&dir).expect("reopen");
    let next = archive.last_edit().expect("last").expect("an edit");
    assert_eq!(next.action, EditAction::VoteRecorded);
    assert_eq!(next.subject, "Motie Schaduw op het speelplein");
    assert_eq!(next.meeting_id, Some(meeting));
    assert_eq!(archive.undo_last().expect("undo vote").id, next.id);
    let m = archive.motion(motion.id).expect("motion");
    assert!(m.votes.is_empty() && m.outcome.is_none(), "{m:?}");

    let undone = archive.undo_last().expect("undo the motion");
    assert_eq!(undone.action, EditAction::MotionAdded);
    assert!(archive.motion(motion.id).is_err());

    let undone = archive.undo_last().expect("undo the rename");
    assert_eq!(undone.action, EditAction::AgendaItemEdited);
    let detail = archive.meeting(meeting).expect("detail");
    assert!(find(&detail.agenda, "Speelplekken in de wijken").is_some());

    let undone = archive.undo_last().expect("undo the sub-item");
    assert_eq!(undone.action, EditAction::AgendaItemAdded);
    assert_eq!(undone.subject, "Motie over schaduw bij speelplekken");

    // What the register imported is exactly as it was, and is not the clerk's to undo.
    assert_eq!(archive.meeting(meeting).expect("detail"), imported);
    assert_eq!(archive.motions().expect("motions"), motions_before);
    let err = archive
        .undo_last()
        .expect_err("nothing of the clerk's left");
    assert_eq!(err.code(), ErrorCode::NothingToUndo);
    assert!(matches!(err, Error::NothingToUndo), "{err:?}");
    assert_eq!(
        item_titles(&archive.meeting(meeting).expect("detail")),
        item_titles(&imported)
    );

    // The register's next import still finds its own rows (the rename left no mark).
    let bytes = std::fs::read(fixtures().join("registers/ori_meeting.json")).expect("fixture");
    archive
        .import_register_bytes("ori_meeting.json", &bytes)
        .expect("again");
    assert_eq!(archive.meeting(meeting).expect("detail"), imported);
    assert!(archive.register_conflicts().expect("conflicts").is_empty());
}

#[test]
fn a_document_imported_since_the_edit_blocks_its_undo_and_nothing_changes() {
    let tmp = tempfile::tempdir().expect("tmp");
    let archive = Archive::open(tmp.path().join("archief")).expect("open");
    let motion = archive
        .add_motion(&NewMotion {
            title: "Motie Bankjes langs de dijk".into(),
            number: Some("M2031-03".into()),
            ..NewMotion::default()
        })
        .expect("motion");
    // Its own document comes in: extraction writes the vote it reports onto the motion the
    // clerk entered (same number).
    let text = "---\nkind: motie\ntitle: Motie Bankjes langs de dijk\ndate: 2031-05-14\n\
                council_number: M2031-03\noutcome: aangenomen\n---\n# Motie Bankjes langs de dijk\n\n\
                De raad, in vergadering bijeen op 14 mei 2031,\n\n\
                verzoekt het college langs de dijk om de driehonderd meter een bank te zetten,\n\n\
                en gaat over tot de orde van de dag.\n\n\
                Aangenomen met 21 stemmen voor en 8 tegen.\n";
    archive
        .import_bytes("motie-bankjes.md", text.as_bytes(), &mut NoProgress)
        .expect("import");
    let merged = archive.motion(motion.id).expect("motion");
    assert_eq!(merged.outcome, Some(Outcome::Aangenomen), "{merged:?}");
    assert!(merged.document_id.is_some(), "{merged:?}");

    let err = archive.undo_last().expect_err("blocked");
    assert_eq!(err.code(), ErrorCode::UndoBlocked, "{err}");
    let params = err.params();
    assert_eq!(params["action"], "motion-added");
    assert_eq!(params["subject"], "Motie Bankjes langs de dijk");
    // Nothing changed: the motion, with what the document says of it, is still there, and
    // the edit is still the last one.
    assert_eq!(archive.motion(motion.id).expect("motion"), merged);
    assert_eq!(
        archive.last_edit().expect("last").expect("an edit").action,
        EditAction::MotionAdded
    );
}

#[test]
fn the_command_line_undoes_the_last_edit_and_says_when_there_is_none() {
    use assert_cmd::Command;
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("archief");
    let run = |args: &[&str]| {
        let out = Command::new(raadsvolger_tests::cli_binary())
            .arg("--archive")
            .arg(&dir)
            .args(args)
            .output()
            .expect("runs");
        let json = serde_json::from_slice::<serde_json::Value>(&out.stdout).ok();
        (
            out.status.code(),
            json,
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, meeting, err) = run(&[
        "meeting",
        "add",
        "--body",
        "Gemeenteraad",
        "--date",
        "2031-05-14",
        "--title",
        "Raad van mei",
        "--json",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let meeting = meeting.expect("json")["id"].to_string();
    let (code, _, err) = run(&["agenda", "add", &meeting, "--title", "Rondvraag", "--json"]);
    assert_eq!(code, Some(0), "{err}");

    let (_, last, _) = run(&["undo", "--last", "--json"]);
    let last = last.expect("json");
    assert_eq!(last["action"], "agenda-item-added", "{last}");
    assert_eq!(last["subject"], "Rondvraag");
    let (code, undone, err) = run(&["undo", "--json"]);
    assert_eq!(code, Some(0), "{err}");
    let undone = undone.expect("json");
    assert_eq!(undone["action"], "agenda-item-added", "{undone}");
    assert_eq!(undone["summary"], "agenda item \"Rondvraag\" added");
    let (_, shown, _) = run(&["meeting", "show", &meeting, "--json"]);
    assert_eq!(shown.expect("json")["agenda"], serde_json::json!([]));

    let (code, _, err) = run(&["undo"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, out, err) = run(&["undo", "--json"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(out.is_none());
    assert!(err.contains("nothing to undo"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let (_, last, _) = run(&["undo", "--last", "--json"]);
    assert_eq!(last, Some(serde_json::Value::Null));
}
