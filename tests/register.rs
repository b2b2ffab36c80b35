//! The council register through the core: meetings and agenda items, motions with an outcome
//! history and votes, documents with versions and corrections, event deadlines dated from the
//! calendar, and Popolo out and back in. Each test uses a real archive folder (SQLite + index).

use std::path::Path;

use raadsvolger_core::import::NoProgress;
use raadsvolger_core::{
    Archive, CommitmentQuery, DocumentEdit, Flag, MeetingEdit, NewAgendaItem, NewMeeting,
    NewMotion, NewVote, Outcome,
};
use raadsvolger_tests::{day, dossier_archive, empty_archive, fixtures, import, search};

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).expect("write fixture");
}

const MOTION_HELD_OVER: &str = "---\ntitle: Motie Speeltuinen in elke wijk\nkind: motie\ndate: 2021-03-04\ncouncil_number: \"21007\"\noutcome: aangehouden\nsubmitters: [\"P. de Graaf (D66)\"]\n---\nDe raad van de gemeente, in vergadering bijeen op 4 maart 2021,\n\nconstaterende dat niet elke wijk een speeltuin heeft;\n\nverzoekt het college uiterlijk 1 oktober 2021 een plan voor speeltuinen in elke wijk voor te leggen,\n\nen gaat over tot de orde van de dag.\n";
const DECISIONS_ADOPTED: &str = "---\ntitle: Besluitenlijst raadsvergadering 1 april 2021\nkind: besluitenlijst\ndate: 2021-04-01\n---\nMotie Speeltuinen in elke wijk (21007) wordt aangenomen met 25 stemmen voor en 10 tegen.\n";

#[test]
fn a_v2_archive_upgrades_in_place_keeping_documents_and_commitments() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        fixtures().join("archives/v2/archive.sqlite"),
        dir.path().join("archive.sqlite"),
    )
    .expect("copy the v2 archive");
    let archive = Archive::open(dir.path()).expect("opens and migrates");
    let (store_ids, index_ids) = archive.ids().expect("ids");
    assert_eq!(store_ids, vec![1, 2, 3]);
    assert_eq!(index_ids, store_ids, "the index is rebuilt from the store");
    let all = archive
        .commitments(day("2026-01-01"), &CommitmentQuery::default())
        .expect("commitments");
    assert_eq!(all.len(), 2, "{all:#?}");
    let plan = all
        .iter()
        .find(|c| c.text.contains("speeltuinen"))
        .expect("request");
    assert_eq!(
        plan.flag,
        Flag::Overdue,
        "adopted on 1 April, due 1 October 2021"
    );
    let info = all
        .iter()
        .find(|c| c.text.contains("informeren"))
        .expect("promise");
    assert_eq!(info.flag, Flag::MetOnTime);
    assert_eq!(info.evidence.len(), 1);
    assert_eq!(info.history.len(), 1);
    // The votes the documents held are now register records.
    let motions = archive.motions().expect("motions");
    assert_eq!(motions.len(), 1, "{motions:#?}");
    let m = &motions[0];
    assert_eq!(m.outcome, Some(Outcome::Aangenomen));
    assert_eq!((m.votes_for, m.votes_against), (Some(25), Some(10)));
    assert!(m.outcome_history.len() >= 2, "{:?}", m.outcome_history);
    assert!(archive.check().expect("check").ok);
    // Opening again changes nothing.
    drop(archive);
    let again = Archive::open(dir.path()).expect("opens again");
    assert_eq!(again.motions().expect("motions")[0].id, m.id);
}

#[test]
fn a_motion_held_over_then_adopted_is_adopted_whatever_the_import_order() {
    for order in [[0, 1], [1, 0]] {
        let (dir, archive) = empty_archive();
        let files = [
            ("motie.md", MOTION_HELD_OVER),
            ("besluitenlijst.md", DECISIONS_ADOPTED),
        ];
        for i in order {
            let path = dir.path().join(files[i].0);
            write(&path, files[i].1);
            import(&archive, std::slice::from_ref(&path));
        }
        let motions = archive.motions().expect("motions");
        assert_eq!(motions.len(), 1, "order {order:?}: {motions:#?}");
        let m = &motions[0];
        assert_eq!(m.outcome, Some(Outcome::Aangenomen), "order {order:?}");
        let outcomes: Vec<&str> = m
            .outcome_history
            .iter()
            .map(|h| h.outcome.as_str())
            .collect();
        assert_eq!(
            outcomes,
            ["ingediend", "aangehouden", "aangenomen"],
            "order {order:?}"
        );
        let list = archive
            .commitments(day("2021-05-01"), &CommitmentQuery::default())
            .expect("commitments");
        assert!(
            list.iter()
                .any(|c| c.text.contains("speeltuinen") && c.motion_id == Some(m.id)),
            "its request became a commitment: {list:#?}"
        );
    }
}

#[test]
fn motion_ids_stay_when_documents_are_added() {
    let (dir, archive) = empty_archive();
    let path = dir.path().join("motie.md");
    write(&path, MOTION_HELD_OVER);
    import(&archive, std::slice::from_ref(&path));
    let id = archive.motions().expect("motions")[0].id;
    import(&archive, &[fixtures().join("dossier")]);
    let after = archive.motions().expect("motions");
    let same = after
        .iter()
        .find(|m| m.title.contains("Speeltuinen"))
        .expect("still there");
    assert_eq!(same.id, id);
}

#[test]
fn a_changed_file_becomes_a_new_version_with_the_same_id() {
    let (dir, archive) = empty_archive();
    let path = dir.path().join("brief.md");
    let v1 = "---\ntitle: Raadsinformatiebrief zwembad\nkind: raadsinformatiebrief\ndate: 2025-09-01\n---\nHet college zegt toe de raad voor 1 december 2025 te informeren over de zwemtijden. Ook zegt het college toe de raad in 2026 een voorstel te sturen voor het dak. oudewoord\n";
    write(&path, v1);
    let first = import(&archive, std::slice::from_ref(&path));
    let id = first.imported().next().expect("imported").id;
    let before = archive
        .commitments(day("2025-10-01"), &CommitmentQuery::default())
        .expect("commitments");
    let roof = before
        .iter()
        .find(|c| c.text.contains("dak"))
        .expect("roof promise")
        .id;
    let swim = before
        .iter()
        .find(|c| c.text.contains("zwemtijden"))
        .expect("swim promise")
        .id;
    // Same path, other text: the sentence about the roof is rewritten.
    let v2 = v1
        .replace(
            "in 2026 een voorstel te sturen voor het dak",
            "in 2027 te laten weten wat het dak kost",
        )
        .replace("oudewoord", "nieuwewoord");
    write(&path, &v2);
    let second = import(&archive, std::slice::from_ref(&path));
    assert_eq!(
        second.imported().next().map(|d| d.id),
        Some(id),
        "{second:?}"
    );
    let versions = archive.document_versions(id).expect("versions");
    assert_eq!(
        versions.iter().map(|v| v.version).collect::<Vec<_>>(),
        [1, 2]
    );
    assert!(versions[1].current && !versions[0].current);
    assert_eq!(search(&archive, "nieuwewoord").total, 1);
    assert_eq!(
        search(&archive, "oudewoord").total,
        0,
        "search shows the latest version"
    );
    let after = archive
        .commitments(day("2025-10-01"), &CommitmentQuery::default())
        .expect("commitments");
    let kept = after
        .iter()
        .find(|c| c.id == swim)
        .expect("same sentence, same commitment");
    assert!(!kept.source_changed);
    let gone = after
        .iter()
        .find(|c| c.id == roof)
        .expect("kept for review, not vanished");
    assert!(gone.source_changed, "bron gewijzigd");
    assert!(
        after
            .iter()
            .any(|c| c.text.contains("kost") && c.id != roof)
    );
    // The same bytes again: a duplicate, not a third version.
    let third = import(&archive, std::slice::from_ref(&path));
    assert_eq!(third.skipped().count(), 1);
    assert_eq!(archive.document_versions(id).expect("versions").len(), 2);
}

#[test]
fn a_deleted_document_leaves_store_and_index_consistent() {
    let (_dir, archive) = dossier_archive();
    let hit = search(&archive, "zorgcoördinator").hits[0].id;
    let manual = archive
        .add_commitment(&raadsvolger_core::NewCommitment {
            text: "de raad mondeling bij te praten".into(),
            actor: "wethouder".into(),
            date: day("2019-02-01"),
            due: Some(day("2019-06-01")),
            due_kind: None,
            source: Some(hit),
            quote: None,
        })
        .expect("manual commitment");
    archive.delete_document(hit).expect("delete");
    let (store, index) = archive.ids().expect("ids");
    assert_eq!(store, index);
    assert!(!store.contains(&hit));
    assert!(archive.document(hit).is_err());
    assert!(archive.check().expect("check").ok);
    assert!(
        search(&archive, "zorgcoördinator")
            .hits
            .iter()
            .all(|h| h.id != hit)
    );
    let c = archive
        .commitment(manual, day("2019-03-01"))
        .expect("a person's entry stays");
    assert_eq!(c.source.document_id, None);
    assert!(
        c.note.as_deref().unwrap_or_default().contains("verwijderd"),
        "{c:?}"
    );
    // A reopened archive agrees.
    let dir = archive.dir().to_path_buf();
    archive.close().expect("close");
    let reopened = Archive::open(&dir).expect("reopen");
    assert_eq!(reopened.open_report().index_repair, None);
}

#[test]
fn a_users_corrections_survive_reindex_and_re_extraction() {
    let (dir, archive) = empty_archive();
    let path = dir.path().join("motie.md");
    write(&path, MOTION_HELD_OVER);
    let id = import(&archive, std::slice::from_ref(&path))
        .imported()
        .next()
        .expect("imported")
        .id;
    archive
        .edit_document(
            id,
            &DocumentEdit {
                title: Some("Motie Speelplekken voor ieder kind".into()),
                date: Some(day("2021-03-05")),
                ..DocumentEdit::default()
            },
        )
        .expect("edit");
    let motion = archive.motions().expect("motions")[0].id;
    archive
        .edit_motion(
            motion,
            &raadsvolger_core::MotionEdit {
                number: Some("M21-07".into()),
                ..Default::default()
            },
        )
        .expect("edit motion");
    archive.reindex().expect("reindex");
    assert_eq!(
        archive.document(id).expect("doc").title,
        "Motie Speelplekken voor ieder kind"
    );
    assert_eq!(search(&archive, "speelplekken").total, 1);
    // A new version of the file: its text is new, the corrected fields stay.
    write(
        &path,
        &MOTION_HELD_OVER.replace(
            "in elke wijk voor te leggen",
            "in elke buurt voor te leggen",
        ),
    );
    import(&archive, std::slice::from_ref(&path));
    let doc = archive.document(id).expect("doc");
    assert_eq!(doc.title, "Motie Speelplekken voor ieder kind");
    assert_eq!(doc.date, Some(day("2021-03-05")));
    assert!(doc.body_text.contains("buurt"));
    let motions = archive.motions().expect("motions");
    assert_eq!(motions.len(), 1, "{motions:#?}");
    assert_eq!(motions[0].id, motion);
    assert_eq!(motions[0].number.as_deref(), Some("M21-07"));
    assert_eq!(motions[0].outcome, Some(Outcome::Aangehouden));
}

#[test]
fn an_event_deadline_is_dated_by_the_meeting_and_moves_with_it() {
    let (dir, archive) = empty_archive();
    let path = dir.path().join("zwemles.md");
    write(
        &path,
        "---\ntitle: Motie Zwemdiploma voor elk kind\nkind: motie\ndate: 2025-06-12\n---\nverzoekt het college een plan voor schoolzwemmen uit te werken bij de begroting 2026,\n\nen gaat over tot de orde van de dag.\n",
    );
    import(&archive, std::slice::from_ref(&path));
    let motion = archive.motions().expect("motions")[0].id;
    archive
        .record_vote(
            motion,
            &NewVote {
                date: day("2025-06-12"),
                votes_for: Some(30),
                votes_against: Some(7),
                party_votes: Some("voor: GroenLinks, CU; tegen: PVV".into()),
                ..NewVote::default()
            },
        )
        .expect("vote");
    let find = |as_of: &str| {
        archive
            .commitments(day(as_of), &CommitmentQuery::default())
            .expect("commitments")
            .into_iter()
            .find(|c| c.text.contains("schoolzwemmen"))
            .expect("the request")
    };
    let before = find("2025-07-01");
    assert_eq!((before.flag, before.due), (Flag::DueUnknown, None));
    let meeting = archive
        .add_meeting(&NewMeeting {
            body: "Gemeenteraad".into(),
            date: day("2025-11-06"),
            time: Some("19.30".into()),
            ..NewMeeting::default()
        })
        .expect("meeting");
    assert_eq!(meeting.time.as_deref(), Some("19:30"));
    archive
        .add_agenda_item(&NewAgendaItem {
            meeting_id: meeting.id,
            title: "Programmabegroting 2026".into(),
            number: Some("7".into()),
            ..NewAgendaItem::default()
        })
        .expect("agenda item");
    let dated = find("2025-07-01");
    assert_eq!(dated.due, Some(day("2025-11-06")));
    assert_eq!(
        dated.due_source.as_ref().map(|d| d.meeting_id),
        Some(meeting.id)
    );
    assert_eq!(find("2025-12-01").flag, Flag::Overdue);
    archive
        .edit_meeting(
            meeting.id,
            &MeetingEdit {
                date: Some(day("2025-11-13")),
                ..MeetingEdit::default()
            },
        )
        .expect("move the meeting");
    assert_eq!(find("2025-07-01").due, Some(day("2025-11-13")));
    archive.cancel_meeting(meeting.id).expect("cancel");
    assert_eq!(find("2025-07-01").flag, Flag::DueUnknown);
    // A date set by hand wins over the calendar.
    let id = find("2025-07-01").id;
    archive
        .update_commitment(
            id,
            &raadsvolger_core::CommitmentUpdate {
                due: Some(day("2025-12-18")),
                date: Some(day("2025-07-01")),
                reason: Some("de begroting wordt in december behandeld".into()),
                ..Default::default()
            },
        )
        .expect("set due");
    assert_eq!(find("2025-07-02").due, Some(day("2025-12-18")));
}

#[test]
fn a_meeting_holds_a_nested_ordered_agenda_with_documents_and_motions() {
    let (_dir, archive) = dossier_archive();
    let doc = search(&archive, "zorgcoördinator").hits[0].id;
    let m = archive
        .add_meeting(&NewMeeting {
            body: "Commissie Samenleving".into(),
            date: day("2024-02-01"),
            title: Some("Commissievergadering".into()),
            ..NewMeeting::default()
        })
        .expect("meeting");
    let item = |title: &str, number: &str, parent: Option<i64>| {
        archive
            .add_agenda_item(&NewAgendaItem {
                meeting_id: m.id,
                title: title.into(),
                number: Some(number.into()),
                parent_id: parent,
                ..NewAgendaItem::default()
            })
            .expect("item")
    };
    let a = item("Opening", "1", None);
    let b = item("Ingekomen stukken", "2", None);
    let b1 = item("Brief over mensenhandel", "2a", Some(b.id));
    archive.attach_document(b1.id, doc, None).expect("attach");
    archive.move_agenda_item(b.id, 0).expect("reorder");
    let motion = archive
        .add_motion(&NewMotion {
            title: "Motie Meer voorlichting".into(),
            number: Some("M24-01".into()),
            date: Some(day("2024-02-01")),
            submitters: vec!["A. Jansen (D66)".into(), "CU".into()],
            agenda_item_id: Some(a.id),
            ..NewMotion::default()
        })
        .expect("motion");
    assert_eq!(motion.submitters, ["A. Jansen (D66)", "ChristenUnie"]);
    archive
        .record_vote(
            motion.id,
            &NewVote {
                date: day("2024-02-01"),
                unanimous: true,
                member_votes: Some("voor: A. Jansen (D66), B. Smit (ChristenUnie)".into()),
                ..NewVote::default()
            },
        )
        .expect("vote");
    let detail = archive.meeting(m.id).expect("meeting");
    let titles: Vec<&str> = detail.agenda.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["Ingekomen stukken", "Opening"]);
    assert_eq!(detail.agenda[0].items[0].documents[0].id, doc);
    assert_eq!(
        detail.agenda[1].motions[0].outcome,
        Some(Outcome::Aangenomen)
    );
    let shown = archive.motion(motion.id).expect("motion");
    assert_eq!(shown.meeting_id, Some(m.id));
    assert_eq!(shown.member_votes.len(), 2);
    let report = archive.meeting_report(m.id).expect("report");
    assert!(report.contains("2a. Brief over mensenhandel"), "{report}");
    assert!(report.contains("M24-01"), "{report}");
    // Bad input is refused with a reason, and nothing is written.
    let err = archive
        .record_vote(
            motion.id,
            &NewVote {
                date: day("2024-02-01"),
                party_votes: Some("misschien: CU".into()),
                ..NewVote::default()
            },
        )
        .expect_err("bad party votes");
    assert!(err.to_string().contains("voor, tegen"), "{err}");
    assert_eq!(archive.motion(motion.id).expect("motion").votes.len(), 1);
    assert!(
        archive
            .add_agenda_item(&NewAgendaItem {
                meeting_id: 9999,
                title: "x".into(),
                ..NewAgendaItem::default()
            })
            .is_err()
    );
}

#[test]
fn popolo_export_imports_into_an_empty_archive_with_motions_votes_and_people() {
    let (_dir, archive) = empty_archive();
    archive.load_demo(&mut NoProgress).expect("demo");
    let m = archive
        .add_motion(&NewMotion {
            title: "Motie Bomen op het schoolplein".into(),
            number: Some("M2025-21".into()),
            date: Some(day("2025-02-20")),
            submitters: vec!["A. Jansen (D66)".into()],
            ..NewMotion::default()
        })
        .expect("motion");
    archive
        .record_vote(
            m.id,
            &NewVote {
                date: day("2025-04-03"),
                votes_for: Some(25),
                votes_against: Some(12),
                party_votes: Some("voor: D66, CU; tegen: PVV".into()),
                member_votes: Some("voor: A. Jansen (D66); tegen: C. Smit (PVV)".into()),
                ..NewVote::default()
            },
        )
        .expect("vote");
    let exported = archive.export_popolo().expect("export");
    let (_dir_b, b) = empty_archive();
    let (records, problems) = b.import_popolo(&exported, "popolo").expect("import");
    assert!(problems.is_empty(), "{problems:?}");
    assert!(records > 0);
    let key = |a: &Archive| {
        let mut v: Vec<_> = a
            .motions()
            .expect("motions")
            .into_iter()
            .map(|m| {
                (
                    m.title,
                    m.number,
                    m.votes_for,
                    m.votes_against,
                    m.outcome,
                    m.parties_for,
                    m.member_votes.len(),
                    m.outcome_history.len(),
                )
            })
            .collect();
        v.sort_by(|x, y| format!("{x:?}").cmp(&format!("{y:?}")));
        v
    };
    assert_eq!(key(&b), key(&archive));
    assert_eq!(b.meetings(None, None).expect("meetings").len(), 3);
    let people: Vec<String> = b
        .people()
        .expect("people")
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert!(people.contains(&"A. Jansen".to_string()), "{people:?}");
    // Importing the same file again updates in place: nothing doubles.
    b.import_popolo(&exported, "popolo").expect("again");
    assert_eq!(key(&b), key(&archive));
    assert_eq!(b.meetings(None, None).expect("meetings").len(), 3);
    // A record without what it needs is named, the rest goes in.
    let bad = serde_json::json!({"motions": [{"id": "x1"}, {"id": "x2", "text": "Motie Goed"}]});
    let (_, problems) = b.import_popolo(&bad, "popolo").expect("partial import");
    assert_eq!(problems.len(), 1);
    assert!(problems[0].contains("x1"), "{problems:?}");
}

#[test]
fn the_example_dossier_has_its_three_meetings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let archive = Archive::open(dir.path()).expect("open");
    archive.load_demo(&mut NoProgress).expect("demo");
    archive
        .load_demo(&mut NoProgress)
        .expect("demo again changes nothing");
    let meetings = archive.meetings(None, None).expect("meetings");
    let dates: Vec<String> = meetings.iter().map(|m| m.date.to_string()).collect();
    assert_eq!(dates, ["2018-03-08", "2018-03-15", "2023-10-12"]);
    let plenary = archive.meeting(meetings[2].id).expect("plenary");
    let motions: Vec<String> = plenary
        .agenda
        .iter()
        .flat_map(|i| {
            i.motions
                .iter()
                .chain(i.items.iter().flat_map(|s| s.motions.iter()))
        })
        .filter_map(|m| m.number.clone())
        .collect();
    assert!(
        motions.contains(&"23161".to_string()) && motions.contains(&"23161.001".to_string()),
        "{motions:?}"
    );
}

#[test]
fn a_dossier_shows_one_council_number_across_meetings_in_time_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let archive = Archive::open(dir.path()).expect("open");
    archive.load_demo(&mut NoProgress).expect("demo");
    let dossier = archive
        .dossier("23161", day("2026-11-22"))
        .expect("dossier");
    assert!(dossier.by_number);
    let what: Vec<&str> = dossier.entries.iter().map(|e| e.what).collect();
    for kind in ["document", "agendapunt", "motie", "stemming", "toezegging"] {
        assert!(
            what.contains(&kind),
            "{kind} missing: {:#?}",
            dossier.entries
        );
    }
    let dates: Vec<_> = dossier.entries.iter().map(|e| e.date).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "in time order");
    assert!(
        dossier
            .entries
            .iter()
            .any(|e| e.what == "motie" && e.detail.contains("23161.001"))
    );
    // Another council's number is not in it; a topic is found by search.
    assert!(
        dossier
            .entries
            .iter()
            .all(|e| !e.title.contains("Zicht op de aanpak"))
    );
    let topic = archive
        .dossier("zorgcoördinator", day("2026-11-22"))
        .expect("topic");
    assert!(!topic.by_number);
    assert!(
        topic
            .entries
            .iter()
            .any(|e| e.what == "toezegging" && e.detail.contains("01-09-2018")),
        "{:#?}",
        topic.entries
    );
}

/// The register's motions as a person reads them, without the ids of the rows that hold their
/// votes and outcomes (a whole sync writes those rows anew).
fn motions_as_read(archive: &Archive) -> Vec<String> {
    archive
        .motions()
        .expect("motions")
        .iter()
        .map(|m| {
            format!(
                "{} {:?} {} {:?} {:?} {:?} {:?}/{:?} {} {:?} {:?} {:?} {:?} {:?}",
                m.id,
                m.number,
                m.title,
                m.kind,
                m.date,
                m.outcome,
                m.votes_for,
                m.votes_against,
                m.unanimous,
                m.submitters,
                m.parties_for,
                m.parties_against,
                m.document_id,
                m.vote_sources,
            )
        })
        .collect()
}

/// Importing documents one by one writes again only the motions they speak of; the register
/// that leaves is the one a whole sync writes. The dossier's decision lists and vote reports
/// come after the motions they report on, and one motion is voted on in a later document.
#[test]
fn an_import_that_only_adds_documents_leaves_the_register_a_whole_sync_would() {
    let (_dir, archive) = empty_archive();
    let mut files: Vec<_> = std::fs::read_dir(fixtures().join("dossier"))
        .expect("dossier")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    for file in &files {
        let report = import(&archive, std::slice::from_ref(file));
        assert_eq!(report.imported().count(), 1, "{}", file.display());
    }
    let added_one_by_one = motions_as_read(&archive);
    assert!(
        added_one_by_one.len() >= 3,
        "the dossier's motions: {added_one_by_one:#?}"
    );
    // A deletion syncs the whole register; the news item names no motion.
    let news = search(&archive, "nieuwe raad verkiezingen");
    let unrelated = news.hits.first().expect("the election news").id;
    assert!(
        !archive
            .motions()
            .expect("motions")
            .iter()
            .any(|m| { m.document_id == Some(unrelated) || m.vote_sources.contains(&unrelated) }),
        "the news item names no motion"
    );
    archive.delete_document(unrelated).expect("delete");
    assert_eq!(motions_as_read(&archive), added_one_by_one);
}

/// The parties a clerk records a vote for are the council's of that day: those that voted in
/// the term before it, by their archive names; an archive without votes offers them all.
#[test]
fn the_parties_of_a_vote_are_those_of_the_council_in_its_term() {
    let (_dir, archive) = empty_archive();
    let all = archive.parties().expect("parties");
    assert_eq!(
        archive.parties_at(day("2024-05-01")).expect("parties"),
        all,
        "no votes yet: every party"
    );
    archive
        .set_party("Stadspartij Lindeveen", Some("SPL"), &[])
        .expect("a local party");
    let vote = |date: &str, parties: &str| {
        let motion = archive
            .add_motion(&NewMotion {
                title: format!("Motie van {date}"),
                date: Some(day(date)),
                ..NewMotion::default()
            })
            .expect("motion");
        archive
            .record_vote(
                motion.id,
                &NewVote {
                    date: day(date),
                    party_votes: Some(parties.into()),
                    ..NewVote::default()
                },
            )
            .expect("vote");
    };
    vote("2017-03-02", "voor: PvdA; tegen: SGP");
    vote("2023-06-01", "voor: GL, SPL; tegen: VVD");
    vote(
        "2024-01-11",
        "voor: VVD, Stadspartij Lindeveen, Nieuwe Lijst; tegen: CDA",
    );
    let names = |date: &str| -> Vec<String> {
        archive
            .parties_at(day(date))
            .expect("parties")
            .into_iter()
            .map(|p| p.name)
            .collect()
    };
    assert_eq!(
        names("2024-05-01"),
        [
            "CDA",
            "GroenLinks",
            "Nieuwe Lijst",
            "Stadspartij Lindeveen",
            "VVD"
        ],
        "the term's parties by their archive names, and one not in the list"
    );
    let new_list = archive.parties_at(day("2024-05-01")).expect("parties");
    assert_eq!(
        new_list
            .iter()
            .find(|p| p.name == "Nieuwe Lijst")
            .map(|p| p.id),
        Some(0)
    );
    assert_eq!(names("2017-06-01"), ["PvdA", "SGP"], "an earlier term");
}
