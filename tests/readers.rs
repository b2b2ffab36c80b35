//! The register readers on real recorded responses (read at run time from `shared/realdata`,
//! never copied here) and on the small fixtures of `fixtures/registers/`: what each system
//! recorded comes out as register rows; a second import doubles nothing and keeps a person's
//! correction; a broken record is named and skipped; a cut-off file is an error, never a panic.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use raadsvolger_core::register::writer::RegisterImport;
use raadsvolger_core::sources as readers;
use raadsvolger_core::{Archive, CommitmentQuery, DocKind, MotionEdit, Outcome};
use raadsvolger_tests::{empty_archive, fixtures, ymd};

/// `shared/realdata`, found by walking up from this crate.
/// The recorded answers, or None (skipped) when they are not here.
fn realdata() -> Option<PathBuf> {
    raadsvolger_tests::realdata("README.md")
}

/// Imports the register response at `path`, named by its file name.
fn import_register(archive: &Archive, path: &Path) -> RegisterImport {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path
        .file_name()
        .expect("a file")
        .to_string_lossy()
        .to_string();
    archive
        .import_register_bytes(&name, &bytes)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Every recorded register response outside heldout/.
fn register_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for folder in [
        "notubiz-ibabs-openbesluitvorming",
        "notubiz-python-notubiz",
        "ori-openstate",
        "tk-motions",
        "tk-motions/zaak",
    ] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(folder))
            .expect("a folder of realdata")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .filter(|p| {
                let name = p.file_name().map(|n| n.to_string_lossy().to_string());
                let name = name.unwrap_or_default();
                name.ends_with(".json") && !name.starts_with("database_extracted")
                    || name.ends_with(".xml")
                    || name == "den_helder_meeting.html"
                    || name == "den_helder_archived_meeting.html"
            })
            .collect();
        files.sort();
        out.extend(files);
    }
    out
}

#[test]
fn notubiz_motions_with_votes_parties_people_and_deadlines() {
    let Some(root) = realdata() else { return };
    let (_dir, archive) = empty_archive();
    let r = import_register(
        &archive,
        &root.join("notubiz-ibabs-openbesluitvorming/notubiz_altena_motions.json"),
    );
    assert_eq!(r.system, "notubiz");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let motions = archive.motions().expect("motions");
    assert_eq!(motions.len(), 2);
    let m = motions
        .iter()
        .find(|m| m.provenance.label() == "notubiz 1184235")
        .expect("item 1184235");
    assert_eq!(m.kind, DocKind::Motie);
    assert_eq!(m.outcome, Some(Outcome::Aangenomen));
    assert_eq!(m.date, Some(ymd(2026, 7, 7)));
    assert_eq!((m.votes_for, m.votes_against), (Some(23), Some(7)));
    let vote = m.votes.last().expect("a vote");
    assert!(
        vote.raw_text
            .as_deref()
            .is_some_and(|t| t.starts_with("<p>Stemmen voor: 23")),
        "the vote text is kept verbatim: {:?}",
        vote.raw_text
    );
    let party = |name: &str| {
        vote.party_votes
            .iter()
            .find(|p| p.party == name)
            .map(|p| p.option.as_str())
    };
    assert_eq!(party("CDA"), Some("voor"));
    assert_eq!(party("SGP"), Some("voor"));
    assert_eq!(party("PA"), Some("tegen"));
    assert_eq!(
        party("ChristenUnie"),
        Some("tegen"),
        "CU through the party list"
    );
    assert_eq!(vote.member_votes.len(), 4, "{:?}", vote.member_votes);
    assert!(
        vote.member_votes
            .iter()
            .all(|v| v.party.as_deref() == Some("VVA"))
    );
    let subs: Vec<(&str, &str)> = m
        .submitter_records
        .iter()
        .map(|s| (s.name.as_str(), s.role.as_str()))
        .collect();
    assert!(subs.contains(&("Henri de Raad", "indiener")), "{subs:?}");
    assert!(subs.contains(&("Jan Kolff", "mede-indiener")), "{subs:?}");
    assert!(subs.contains(&("CDA", "indiener")), "{subs:?}");
    // Submitted on an agenda item of the meeting its label names.
    let meeting = m.meeting_id.expect("on a meeting");
    let detail = archive.meeting(meeting).expect("meeting");
    assert_eq!(detail.meeting.date, ymd(2026, 7, 7));
    assert_eq!(detail.meeting.body, "Raadsvergadering");
    // The other motion's vote gives counts only ("the other parties").
    let other = motions.iter().find(|x| x.id != m.id).expect("second");
    assert_eq!((other.votes_for, other.votes_against), (Some(27), Some(3)));
    // Both were adopted with a deadline: two commitments of the register.
    let commitments = archive
        .commitments(ymd(2026, 8, 1), &CommitmentQuery::default())
        .expect("commitments");
    let dues: Vec<Option<NaiveDate>> = commitments.iter().map(|c| c.due).collect();
    assert!(dues.contains(&Some(ymd(2026, 9, 30))), "{dues:?}");
    assert!(dues.contains(&Some(ymd(2026, 12, 31))), "{dues:?}");
    assert!(commitments.iter().all(|c| c.actor == "wethouder"));
    assert!(commitments.iter().all(|c| c.motion_id.is_some()));
    assert!(
        archive
            .parties()
            .expect("parties")
            .iter()
            .any(|p| p.name == "VVA"),
        "a local party is added to the archive's list"
    );
    assert!(
        archive
            .people()
            .expect("people")
            .iter()
            .any(|p| p.name == "Henri de Raad")
    );
}

#[test]
fn notubiz_amendments_and_meetings() {
    let Some(root) = realdata() else { return };
    let (_dir, archive) = empty_archive();
    let r = import_register(
        &archive,
        &root.join("notubiz-ibabs-openbesluitvorming/notubiz_alkmaar_motions.json"),
    );
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let motions = archive.motions().expect("motions");
    assert_eq!(motions.len(), 2);
    assert!(motions.iter().all(|m| m.kind == DocKind::Amendement));
    let mut outcomes: Vec<Option<Outcome>> = motions.iter().map(|m| m.outcome).collect();
    outcomes.sort_by_key(|o| format!("{o:?}"));
    assert_eq!(
        outcomes,
        [Some(Outcome::Aangenomen), Some(Outcome::Verworpen)]
    );
    for m in &motions {
        let parties: Vec<&str> = m
            .submitter_records
            .iter()
            .filter_map(|s| s.party.as_deref())
            .collect();
        assert_eq!(parties.len(), 2, "{parties:?}");
        assert!(parties.contains(&"PvdA"), "{parties:?}");
    }
    // Both were submitted in the meeting of 22 January 2026: one meeting, two items.
    let meetings = archive.meetings(None, None).expect("meetings");
    assert_eq!(meetings.len(), 1);
    assert_eq!(meetings[0].date, ymd(2026, 1, 22));
    assert_eq!(meetings[0].agenda_items, 2);
    // The modules list is recognised and holds no rows.
    let r = import_register(
        &archive,
        &root.join("notubiz-ibabs-openbesluitvorming/notubiz_alkmaar_modules.json"),
    );
    assert_eq!((r.system.as_str(), r.records), ("notubiz", 0));

    let r = import_register(
        &archive,
        &root.join("ori-openstate/notubiz_meeting_amsterdam.json"),
    );
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.records, 46, "the meeting and its 45 agenda items");
    let m = archive
        .meetings(Some(ymd(2018, 2, 8)), Some(ymd(2018, 2, 8)))
        .expect("meetings")
        .pop()
        .expect("the 2018 meeting");
    assert_eq!(m.time.as_deref(), Some("13:30"));
    assert_eq!(m.title.as_deref(), Some("raadscommissie Financiën"));
    assert_eq!(m.agenda_items, 45);
    let detail = archive.meeting(m.id).expect("detail");
    let numbers: Vec<Option<&str>> = detail.agenda.iter().map(|i| i.number.as_deref()).collect();
    assert!(numbers.contains(&Some("TKN 13")), "{numbers:?}");
    let with_docs = detail
        .agenda
        .iter()
        .find(|i| i.number.as_deref() == Some("5"))
        .expect("item 5");
    let docs = with_docs.description.as_deref().unwrap_or("");
    assert_eq!(
        docs.matches("https://api.notubiz.nl/document/").count(),
        5,
        "{docs}"
    );

    let r = import_register(
        &archive,
        &root.join("notubiz-python-notubiz/notubiz_eindhoven_meeting_1147925.json"),
    );
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let m = archive
        .meetings(Some(ymd(2024, 4, 16)), Some(ymd(2024, 4, 16)))
        .expect("meetings")
        .pop()
        .expect("the 2024 meeting");
    assert_eq!(
        (
            m.time.as_deref(),
            m.end_time.as_deref(),
            m.location.as_deref()
        ),
        (Some("17:00"), Some("21:15"), Some("Raadzaal"))
    );
    assert_eq!(m.agenda_items, 10);
    let detail = archive.meeting(m.id).expect("detail");
    assert_eq!(detail.agenda.len(), 7, "seven items at the top");
    let four = detail
        .agenda
        .iter()
        .find(|i| i.number.as_deref() == Some("4"))
        .expect("item 4");
    let nested: Vec<&str> = four
        .items
        .iter()
        .filter_map(|i| i.number.as_deref())
        .collect();
    assert_eq!(nested, ["4.1", "4.2"]);
}

#[test]
fn ibabs_entry_votes_and_lists() {
    let Some(root) = realdata() else { return };
    let (_dir, archive) = empty_archive();
    let dir = "notubiz-ibabs-openbesluitvorming";
    let r = import_register(
        &archive,
        &root.join(format!("{dir}/ibabs_list_entry_response.xml")),
    );
    assert_eq!(r.system, "ibabs");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let m = archive
        .motions()
        .expect("motions")
        .into_iter()
        .find(|m| m.number.as_deref() == Some("M25"))
        .expect("M25");
    assert_eq!(m.outcome, Some(Outcome::Verworpen));
    assert_eq!(m.date, Some(ymd(2026, 1, 29)));
    let indiener = &m.submitter_records[0];
    assert_eq!(
        (
            indiener.name.as_str(),
            indiener.party.as_deref(),
            indiener.role.as_str()
        ),
        ("Charlotte Passier", Some("Volt"), "indiener")
    );
    assert_eq!(
        m.submitter_records
            .iter()
            .filter(|s| s.role == "mede-indiener")
            .count(),
        3
    );
    let item = archive
        .agenda_item(m.agenda_item_id.expect("on an item"))
        .expect("item");
    assert_eq!(item.number.as_deref(), Some("23"));
    let meeting = archive.meeting(item.meeting_id).expect("meeting");
    assert_eq!(
        (meeting.meeting.body.as_str(), meeting.meeting.date),
        ("Gemeenteraad", ymd(2026, 1, 29))
    );

    let r = import_register(
        &archive,
        &root.join(format!("{dir}/ibabs_list_entry_votes_response.xml")),
    );
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let voted = archive
        .motions()
        .expect("motions")
        .into_iter()
        .find(|m| !m.member_votes.is_empty())
        .expect("the voted entry");
    assert_eq!(voted.member_votes.len(), 43);
    assert_eq!((voted.votes_for, voted.votes_against), (Some(18), Some(25)));
    assert_eq!(voted.outcome, Some(Outcome::Verworpen));
    let pvdd = voted
        .member_votes
        .iter()
        .find(|v| v.name == "Maarten van Heuven")
        .expect("a member, name turned around");
    assert_eq!(
        (pvdd.party.as_deref(), pvdd.option.as_str()),
        (Some("Partij voor de Dieren"), "voor"),
        "GroupName through the party list"
    );

    let r = import_register(
        &archive,
        &root.join(format!("{dir}/ibabs_list_entries_response.xml")),
    );
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let numbers: Vec<String> = archive
        .motions()
        .expect("motions")
        .into_iter()
        .filter_map(|m| m.number)
        .collect();
    for n in ["M540", "M174", "M234", "M25"] {
        assert!(numbers.iter().any(|x| x == n), "{n} in {numbers:?}");
    }
    let r = import_register(
        &archive,
        &root.join(format!("{dir}/ibabs_lists_response.xml")),
    );
    assert_eq!((r.system.as_str(), r.records), ("ibabs", 0));
}

#[test]
fn ibabs_meetings_from_a_fixture() {
    let (_dir, archive) = empty_archive();
    let r = import_register(&archive, &fixtures().join("registers/ibabs_meetings.xml"));
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let meetings = archive.meetings(None, None).expect("meetings");
    assert_eq!(meetings.len(), 1);
    let m = &meetings[0];
    assert_eq!(
        (
            m.body.as_str(),
            m.date,
            m.time.as_deref(),
            m.end_time.as_deref()
        ),
        (
            "Gemeenteraad",
            ymd(2025, 3, 11),
            Some("19:30"),
            Some("23:00")
        )
    );
    let detail = archive.meeting(m.id).expect("detail");
    assert_eq!(detail.agenda.len(), 3);
    let two = &detail.agenda[1];
    assert_eq!(two.number.as_deref(), Some("2"));
    assert!(
        two.description
            .as_deref()
            .is_some_and(|d| d.contains("https://voorbeeld.test/doc-1"))
    );
    let motion = archive
        .motions()
        .expect("motions")
        .into_iter()
        .find(|m| m.number.as_deref() == Some("M7"))
        .expect("the list entry on item 2");
    assert_eq!(motion.agenda_item_id, Some(two.id));
}

#[test]
fn tweede_kamer_cases_and_votes() {
    let Some(root) = realdata() else { return };
    let (_dir, archive) = empty_archive();
    let zaak = root.join("tk-motions/zaak");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&zaak)
        .expect("zaak folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    for f in &files {
        let r = import_register(&archive, f);
        assert_eq!(r.system, "tk");
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }
    let r = import_register(&archive, &root.join("tk-motions/stemming_odata.json"));
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let motions = archive.motions().expect("motions");
    assert_eq!(
        motions.len(),
        80,
        "one motion per case, the votes on the same rows"
    );
    assert!(motions.iter().all(|m| m.outcome.is_some()));
    let m = motions
        .iter()
        .find(|m| m.number.as_deref() == Some("2024Z01005"))
        .expect("2024Z01005");
    assert_eq!(m.outcome, Some(Outcome::Verworpen));
    assert_eq!((m.votes_for, m.votes_against), (Some(59), Some(91)));
    let vote = m.votes.last().expect("vote");
    assert_eq!(vote.party_votes.len(), 15);
    let vvd = vote
        .party_votes
        .iter()
        .find(|p| p.party == "VVD")
        .expect("VVD");
    assert_eq!((vvd.option.as_str(), vvd.seats), ("tegen", Some(24)));
    assert_eq!(vote.method.as_deref(), Some("met handopsteken"));
    let seats: u32 = vote.party_votes.iter().filter_map(|p| p.seats).sum();
    assert_eq!(seats, 150);
    let absent = motions
        .iter()
        .find(|m| m.number.as_deref() == Some("2025Z07736"))
        .expect("2025Z07736");
    assert!(
        absent.votes[0]
            .party_votes
            .iter()
            .any(|p| p.option == "afwezig")
    );
    let piri = motions
        .iter()
        .find(|m| m.number.as_deref() == Some("2024Z10930"))
        .expect("2024Z10930");
    assert_eq!(
        archive.motion_note(piri.id).expect("note").as_deref(),
        Some("kamerstuk 36550-V-4")
    );
}

#[test]
fn tweede_kamer_toezeggingen_and_a_publication() {
    let Some(root) = realdata() else { return };
    let (_dir, archive) = empty_archive();
    let r = import_register(&archive, &fixtures().join("registers/tk_toezeggingen.json"));
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.records, 2, "the deleted one is left out");
    let all = archive
        .commitments(today(), &CommitmentQuery::default())
        .expect("commitments");
    assert_eq!(all.len(), 2);
    let open = all
        .iter()
        .find(|c| c.due == Some(ymd(2025, 7, 1)))
        .expect("the open one");
    assert_eq!(open.actor, "minister");
    let met = all.iter().find(|c| c.id != open.id).expect("the other");
    assert_eq!(met.due, None, "0001-01-01 is no deadline");
    assert_eq!(met.status.as_str(), "met");
    assert_eq!(met.status_date, Some(ymd(2025, 3, 2)));

    let publications: Vec<PathBuf> = std::fs::read_dir(root.join("tk-motions/publicatie"))
        .expect("publicatie")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    assert_eq!(publications.len(), 40);
    for publication in &publications {
        let r = import_register(&archive, publication);
        assert_eq!(
            (r.system.as_str(), r.records),
            ("document", 1),
            "{}: {:?}",
            publication.display(),
            r.problems
        );
    }
    let docs = archive
        .search(&raadsvolger_core::SearchRequest::new("motie"))
        .expect("search");
    let hit = docs.hits.first().expect("the publication is a document");
    assert_eq!(hit.kind, DocKind::Motie);
    assert!(hit.date.is_some());
}

#[test]
fn gemeenteoplossingen_meeting_pages() {
    let Some(root) = realdata() else { return };
    let (_dir, archive) = empty_archive();
    let r = import_register(
        &archive,
        &root.join("ori-openstate/den_helder_archived_meeting.html"),
    );
    assert_eq!(r.system, "go");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let r2 = import_register(
        &archive,
        &root.join("ori-openstate/den_helder_meeting.html"),
    );
    assert!(r2.problems.is_empty(), "{:?}", r2.problems);
    let meetings = archive.meetings(None, None).expect("meetings");
    assert_eq!(meetings.len(), 2);
    let june = &meetings[0];
    assert_eq!(
        (june.body.as_str(), june.date, june.time.as_deref()),
        ("Gemeenteraad", ymd(2015, 6, 29), Some("17:00"))
    );
    assert_eq!(june.agenda_items, 17);
    assert_eq!(meetings[1].date, ymd(2015, 8, 31));
    assert_eq!(meetings[1].agenda_items, 15);
    let detail = archive.meeting(june.id).expect("detail");
    let numbers: Vec<&str> = detail
        .agenda
        .iter()
        .filter_map(|i| i.number.as_deref())
        .collect();
    assert_eq!(numbers.first(), Some(&"1"));
    assert_eq!(numbers.last(), Some(&"17"));
    let six = &detail.agenda[5];
    assert!(six.title.starts_with("Voorstel tot"), "{}", six.title);
    assert!(six.description.is_some(), "the toelichting is kept");
    // A page no reader knows is not a register page.
    assert!(
        readers::recognise(b"<!DOCTYPE html><html><body><p>Nieuws</p></body></html>").is_none()
    );
    assert_eq!(
        readers::recognise(
            &std::fs::read(root.join("ori-openstate/den_helder_meeting.html")).expect("page")
        ),
        Some("go")
    );
}

#[test]
fn ori_records_from_a_fixture() {
    let (_dir, archive) = empty_archive();
    let r = import_register(&archive, &fixtures().join("registers/ori_meeting.json"));
    assert_eq!(r.system, "ori");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let meetings = archive.meetings(None, None).expect("meetings");
    assert_eq!(meetings.len(), 1);
    assert_eq!(
        (
            meetings[0].date,
            meetings[0].time.as_deref(),
            meetings[0].agenda_items
        ),
        (ymd(2025, 4, 8), Some("20:00"), 3)
    );
    let m = archive
        .motions()
        .expect("motions")
        .pop()
        .expect("the motion");
    assert_eq!(m.number.as_deref(), Some("M3"));
    assert_eq!(m.outcome, Some(Outcome::Aangenomen));
    assert_eq!((m.votes_for, m.votes_against), (Some(2), Some(1)));
    assert_eq!(m.member_votes.len(), 3);
    assert!(m.agenda_item_id.is_some(), "the item that lists it");
    let subs: Vec<(&str, Option<&str>)> = m
        .submitter_records
        .iter()
        .map(|s| (s.name.as_str(), s.party.as_deref()))
        .collect();
    assert_eq!(
        subs,
        [
            ("Anna Veld", Some("Groen Dorp")),
            ("Bram Dijk", Some("ChristenUnie"))
        ]
    );
}

#[test]
fn notubiz_toezeggingen_are_commitments() {
    let (_dir, archive) = empty_archive();
    let r = import_register(
        &archive,
        &fixtures().join("registers/notubiz_toezeggingen.json"),
    );
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let all = archive
        .commitments(ymd(2025, 7, 1), &CommitmentQuery::default())
        .expect("commitments");
    assert_eq!(
        all.len(),
        3,
        "two toezeggingen and an adopted motion's request"
    );
    let done = all
        .iter()
        .find(|c| c.due == Some(ymd(2025, 6, 30)))
        .expect("the first");
    assert_eq!(
        (done.status.as_str(), done.status_date, done.actor.as_str()),
        ("met", Some(ymd(2025, 5, 20)), "wethouder")
    );
    let open = all
        .iter()
        .find(|c| c.due == Some(ymd(2025, 9, 1)))
        .expect("the second");
    assert_eq!(
        (open.status.as_str(), open.actor.as_str()),
        ("open", "burgemeester")
    );
    let motion = archive.motions().expect("motions").pop().expect("motion");
    assert_eq!(
        (motion.votes_for, motion.votes_against),
        (Some(15), Some(4))
    );
    assert!(all.iter().any(|c| c.motion_id == Some(motion.id)));
    // Again: nothing doubles, the status is recorded once.
    import_register(
        &archive,
        &fixtures().join("registers/notubiz_toezeggingen.json"),
    );
    let again = archive
        .commitments(ymd(2025, 7, 1), &CommitmentQuery::default())
        .expect("commitments");
    assert_eq!(again.len(), 3);
    let done = again.iter().find(|c| c.id == done.id).expect("same row");
    assert_eq!(done.history.len(), 1);
}

#[test]
fn every_recorded_response_imports_and_a_second_import_doubles_nothing() {
    let Some(root) = realdata() else { return };
    let (_dir, archive) = empty_archive();
    let files = register_files(&root);
    assert!(files.len() > 90, "{}", files.len());
    for f in &files {
        let r = import_register(&archive, f);
        assert!(r.problems.is_empty(), "{}: {:?}", f.display(), r.problems);
    }
    let count = |a: &Archive| {
        let motions = a.motions().expect("motions");
        let votes: usize = motions.iter().map(|m| m.votes.len()).sum();
        let statuses: usize = motions.iter().map(|m| m.outcome_history.len()).sum();
        let meetings = a.meetings(None, None).expect("meetings");
        let items: u64 = meetings.iter().map(|m| m.agenda_items).sum();
        let commitments = a
            .commitments(today(), &CommitmentQuery::default())
            .expect("commitments")
            .len();
        (
            motions.len(),
            votes,
            statuses,
            meetings.len(),
            items,
            commitments,
        )
    };
    let first = count(&archive);
    // A person corrects a title; the register's next import leaves it.
    let target = archive
        .motions()
        .expect("motions")
        .into_iter()
        .find(|m| m.provenance.label() == "notubiz 1184235")
        .expect("a NotuBiz motion");
    archive
        .edit_motion(
            target.id,
            &MotionEdit {
                title: Some("Geitenhouderijen (titel gecorrigeerd)".into()),
                ..MotionEdit::default()
            },
        )
        .expect("edit");
    // ... and a meeting's place and an agenda item's title.
    let june = archive
        .meetings(Some(ymd(2015, 6, 29)), Some(ymd(2015, 6, 29)))
        .expect("meetings")
        .pop()
        .expect("june");
    archive
        .edit_meeting(
            june.id,
            &raadsvolger_core::MeetingEdit {
                location: Some("Stadhuis, zaal 2".into()),
                ..raadsvolger_core::MeetingEdit::default()
            },
        )
        .expect("edit meeting");
    let first_item = archive.meeting(june.id).expect("detail").agenda[0].id;
    archive
        .edit_agenda_item(first_item, None, Some("Opening (gecorrigeerd)"), None)
        .expect("edit item");
    let corrected = ("Opening (gecorrigeerd)", "Stadhuis, zaal 2");
    for f in &files {
        if f.extension().is_some_and(|e| e == "xml") && f.to_string_lossy().contains("publicatie") {
            continue; // documents: a second import is a duplicate, reported as such
        }
        import_register(&archive, f);
    }
    assert_eq!(count(&archive), first, "a second import doubles nothing");
    let (item_title, meeting_location) = corrected;
    let june = archive
        .meetings(Some(ymd(2015, 6, 29)), Some(ymd(2015, 6, 29)))
        .expect("meetings")
        .pop()
        .expect("june");
    assert_eq!(june.location.as_deref(), Some(meeting_location));
    let detail = archive.meeting(june.id).expect("detail");
    assert_eq!(detail.agenda[0].title, item_title);
    assert_eq!(
        archive.motion(target.id).expect("motion").title,
        "Geitenhouderijen (titel gecorrigeerd)"
    );
}

#[test]
fn a_broken_record_is_named_and_the_rest_goes_in() {
    let Some(root) = realdata() else { return };
    let (dir, archive) = empty_archive();
    let text = std::fs::read_to_string(fixtures().join("registers/notubiz_toezeggingen.json"))
        .expect("fixture");
    let mut value: serde_json::Value = serde_json::from_str(&text).expect("json");
    let items = value["items"].as_array_mut().expect("items");
    // 5002 loses its attribute list, 5003 its title.
    items[1]["attributes"] = serde_json::json!("kapot");
    let attrs = items[2]["attributes"].as_array_mut().expect("attributes");
    attrs.retain(|a| a["id"] != 1);
    let broken = dir.path().join("kapotte_toezeggingen.json");
    std::fs::write(&broken, serde_json::to_vec(&value).expect("write")).expect("write");
    let r = import_register(&archive, &broken);
    assert_eq!(r.problems.len(), 2, "{:?}", r.problems);
    assert!(
        r.problems
            .iter()
            .all(|p| p.starts_with("kapotte_toezeggingen.json: record 500")),
        "{:?}",
        r.problems
    );
    assert!(r.problems[0].contains("5002"), "{:?}", r.problems);
    assert!(r.problems[1].contains("5003") && r.problems[1].contains("title"));
    let all = archive
        .commitments(ymd(2025, 7, 1), &CommitmentQuery::default())
        .expect("commitments");
    assert_eq!(all.len(), 1, "the readable record went in");

    // An iBabs vote that is neither for nor against.
    let votes = std::fs::read_to_string(
        root.join("notubiz-ibabs-openbesluitvorming/ibabs_list_entry_votes_response.xml"),
    )
    .expect("votes");
    let bad = votes.replacen("<a:Vote>true</a:Vote>", "<a:Vote>misschien</a:Vote>", 1);
    let r = archive
        .import_register_bytes("stemmen.xml", bad.as_bytes())
        .expect("import");
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    assert!(r.problems[0].contains("68d37cf2"), "{:?}", r.problems);
}

#[test]
fn a_cut_off_file_is_a_clear_error_never_a_panic() {
    let Some(root) = realdata() else { return };
    let (_dir, archive) = empty_archive();
    for f in register_files(&root)
        .into_iter()
        .filter(|f| std::fs::metadata(f).is_ok_and(|m| m.len() < 200_000))
    {
        let bytes = std::fs::read(&f).expect("read");
        let name = f.file_name().expect("name").to_string_lossy().to_string();
        for cut in [bytes.len() / 3, bytes.len() / 2, bytes.len() - 2] {
            let result = archive.import_register_bytes(&name, &bytes[..cut]);
            if f.extension().is_some_and(|e| e == "json" || e == "xml") {
                let err = result.expect_err("a cut-off file");
                let msg = err.to_string();
                assert!(msg.contains(&name), "{msg}");
                assert!(
                    msg.contains("not valid JSON") || msg.contains("not well-formed XML"),
                    "{msg}"
                );
            }
        }
    }
    let err = archive
        .import_register_bytes("iets.json", br#"{"onbekend": true}"#)
        .expect_err("unknown");
    assert!(
        matches!(err, raadsvolger_core::Error::InvalidInput(_)),
        "{err:?}"
    );
    assert!(err.to_string().contains("iets.json"), "{err}");
}

#[test]
fn records_per_second_per_reader() {
    let Some(root) = realdata() else { return };
    let names = raadsvolger_core::register::text::PartyNames::default();
    let mut per_system: std::collections::BTreeMap<&str, (usize, f64)> = Default::default();
    let mut files = register_files(&root);
    files.extend(
        [
            "ibabs_meetings.xml",
            "ori_meeting.json",
            "tk_toezeggingen.json",
        ]
        .iter()
        .map(|f| fixtures().join("registers").join(f)),
    );
    for f in files {
        let bytes = std::fs::read(&f).expect("read");
        let start = Instant::now();
        let mut records = 0;
        let mut system = "";
        for _ in 0..5 {
            if let Some((s, batch)) = readers::read("x", &bytes, &names).expect("reads") {
                system = s;
                let items: usize = batch.meetings.iter().map(|m| 1 + m.items.len()).sum();
                records += items + batch.motions.len() + batch.commitments.len();
            }
        }
        if !system.is_empty() {
            let e = per_system.entry(system).or_default();
            e.0 += records;
            e.1 += start.elapsed().as_secs_f64();
        }
    }
    for (system, (records, secs)) in per_system {
        println!(
            "{system}: {records} records in {secs:.3} s = {:.0} records/s (reading only)",
            records as f64 / secs.max(1e-9)
        );
    }
    // Reading and writing, into a fresh archive.
    let (_dir, archive) = empty_archive();
    let mut written: std::collections::BTreeMap<String, (usize, f64)> = Default::default();
    for f in register_files(&root) {
        let bytes = std::fs::read(&f).expect("read");
        let start = Instant::now();
        let r = archive.import_register_bytes("x", &bytes).expect("imports");
        let e = written.entry(r.system).or_default();
        e.0 += r.records;
        e.1 += start.elapsed().as_secs_f64();
    }
    for (system, (records, secs)) in written {
        println!(
            "{system}: {records} records in {secs:.3} s = {:.0} records/s (read and written)",
            records as f64 / secs.max(1e-9)
        );
    }
}

#[test]
fn the_cli_sends_register_files_to_the_register_and_other_pages_to_the_documents() {
    let Some(root) = realdata() else { return };
    let (dir, archive) = empty_archive();
    let path = archive.dir().to_path_buf();
    drop(archive);
    let page = dir.path().join("nieuws.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><head><title>Nieuws over de raad</title></head><body><h1>Nieuws \
         over de raad</h1><p>De gemeenteraad vergadert volgende week over het parkeerbeleid.</p>\
         </body></html>",
    )
    .expect("write");
    let out = std::process::Command::new(raadsvolger_tests::cli_binary())
        .arg("--archive")
        .arg(&path)
        .env_remove("RAADSVOLGER_ARCHIVE")
        .arg("import")
        .arg(fixtures().join("registers/ibabs_meetings.xml"))
        .arg(root.join("ori-openstate/den_helder_meeting.html"))
        .arg(&page)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let archive = Archive::open(&path).expect("open");
    assert_eq!(archive.meetings(None, None).expect("meetings").len(), 2);
    let hits = archive
        .search(&raadsvolger_core::SearchRequest::new("parkeerbeleid"))
        .expect("search");
    assert_eq!(hits.hits.len(), 1, "the news page is a document");
}

#[test]
fn a_meeting_named_by_motions_is_the_one_its_register_later_gives() {
    let Some(root) = realdata() else { return };
    let (_dir, archive) = empty_archive();
    import_register(
        &archive,
        &root.join("notubiz-ibabs-openbesluitvorming/ibabs_list_entry_response.xml"),
    );
    // The register's own meeting of that day, with item 23 (our fixture, moved to that day).
    let xml = std::fs::read_to_string(fixtures().join("registers/ibabs_meetings.xml"))
        .expect("fixture")
        .replace("2025-03-11", "2026-01-29")
        .replace("<a:Features>2</a:Features>", "<a:Features>23</a:Features>");
    let r = archive
        .import_register_bytes("vergaderingen.xml", xml.as_bytes())
        .expect("import");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let meetings = archive.meetings(None, None).expect("meetings");
    assert_eq!(meetings.len(), 1, "one meeting, not two");
    assert_eq!(
        meetings[0].location.as_deref(),
        Some("Raadzaal Voorbeeldstad")
    );
    assert_eq!(
        meetings[0].agenda_items, 3,
        "item 23 taken over, not doubled"
    );
    let m25 = archive
        .motions()
        .expect("motions")
        .into_iter()
        .find(|m| m.number.as_deref() == Some("M25"))
        .expect("M25");
    let item = archive
        .agenda_item(m25.agenda_item_id.expect("item"))
        .expect("item");
    assert_eq!(item.title, "Parkeerbeleid binnenstad");
}

#[test]
fn a_register_that_differs_from_a_correction_is_shown_beside_it_not_written_over_it() {
    let Some(root) = realdata() else { return };
    let (_dir, archive) = empty_archive();
    let motions_file = root.join("notubiz-ibabs-openbesluitvorming/notubiz_altena_motions.json");
    let meeting_file = root.join("notubiz-python-notubiz/notubiz_eindhoven_meeting_1147925.json");
    import_register(&archive, &motions_file);
    import_register(&archive, &meeting_file);
    let motion = archive
        .motions()
        .expect("motions")
        .into_iter()
        .find(|m| m.provenance.label() == "notubiz 1184235")
        .expect("item 1184235");
    let register_title = motion.title.clone();
    archive
        .edit_motion(
            motion.id,
            &MotionEdit {
                title: Some("Eigen titel van de griffie".into()),
                ..MotionEdit::default()
            },
        )
        .expect("corrected");
    let meeting = archive
        .meetings(None, None)
        .expect("meetings")
        .into_iter()
        .find(|m| m.date == ymd(2024, 4, 17) || m.date.to_string().starts_with("2024"))
        .expect("the 2024 meeting");
    archive
        .edit_meeting(
            meeting.id,
            &raadsvolger_core::MeetingEdit {
                location: Some("Raadzaal, stadhuis".into()),
                ..raadsvolger_core::MeetingEdit::default()
            },
        )
        .expect("corrected");
    assert!(archive.register_conflicts().expect("conflicts").is_empty());

    // The register again: the corrections stay, its values are shown beside them.
    import_register(&archive, &motions_file);
    import_register(&archive, &meeting_file);
    let m = archive.motion(motion.id).expect("motion");
    assert_eq!(m.title, "Eigen titel van de griffie");
    let conflicts = archive.register_conflicts().expect("conflicts");
    let on_motion = conflicts
        .iter()
        .find(|c| c.target == "motion" && c.target_id == motion.id)
        .expect("the motion's title conflict");
    assert_eq!(on_motion.field, "title");
    assert_eq!(
        on_motion.user_value.as_deref(),
        Some("Eigen titel van de griffie")
    );
    assert_eq!(
        on_motion.register_value.as_deref(),
        Some(register_title.as_str())
    );
    assert_eq!(on_motion.system, "notubiz");
    let on_meeting = conflicts
        .iter()
        .find(|c| c.target == "meeting" && c.target_id == meeting.id && c.field == "location");
    if meeting.location.is_some() {
        assert!(on_meeting.is_some(), "{conflicts:?}");
    }
    // Importing once more shows the same conflicts, not more.
    import_register(&archive, &motions_file);
    assert_eq!(
        archive.register_conflicts().expect("conflicts").len(),
        conflicts.len()
    );

    // Taking the register's title: the motion follows the register again.
    archive.take_register_value(on_motion.id).expect("taken");
    assert_eq!(
        archive.motion(motion.id).expect("motion").title,
        register_title
    );
    import_register(&archive, &motions_file);
    assert!(
        !archive
            .register_conflicts()
            .expect("conflicts")
            .iter()
            .any(|c| c.target == "motion"),
        "no conflict once the register's value is taken"
    );
    if let Some(c) = on_meeting {
        archive.keep_correction(c.id).expect("kept");
        let kept = archive.meeting(meeting.id).expect("meeting");
        assert_eq!(kept.meeting.location.as_deref(), Some("Raadzaal, stadhuis"));
    }
    assert!(archive.keep_correction(9999).is_err());
}
