//! One way in for every file: a folder (or files) given to `import` — on the command line or
//! dropped on the window, both [`Archive::import_paths`] — sends the councils' register files
//! to the register and documents to the importer, whatever their order; a file that cannot be
//! read is named with its reason while the rest lands; the documents a register names show
//! on their rows at once, by title and address, before any is downloaded.
//!
//! The real recordings are read from `shared/realdata` at run time (never copied here); a
//! test whose recording is absent says so and passes. `fixtures/import-dir/` holds small
//! made-up files: a Tweede Kamer case, the votes on it, its publication, a NotuBiz meeting, a
//! register file cut off halfway and an ordinary document.

use std::path::PathBuf;

use raadsvolger_core::{Archive, DocKind, FileOutcome, ImportReport, Outcome};
use raadsvolger_tests::{empty_archive, fixtures, import};

/// `shared/realdata/<sub>`, or None (said on stderr) when the shared recordings are absent.
/// `shared/realdata/<sub>`, or None (skipped) when it is not here.
fn realdata(sub: &str) -> Option<PathBuf> {
    Some(raadsvolger_tests::realdata(sub)?.join(sub))
}

fn failures(report: &ImportReport) -> Vec<(String, String)> {
    report
        .failed()
        .map(|(p, e)| (p.to_owned(), e.to_owned()))
        .collect()
}

#[test]
fn the_tweede_kamer_folder_gives_one_motion_per_case() {
    let Some(folder) = realdata("tk-motions") else {
        return;
    };
    let (_dir, archive) = empty_archive();
    let report = import(&archive, &[folder]);
    assert_eq!(failures(&report), [], "nothing fails");
    assert_eq!(report.register.len(), 81, "80 cases and the votes");
    assert!(report.register.iter().all(|r| r.system == "tk"));
    assert_eq!(report.register_problems().count(), 0);
    assert_eq!(report.imported().count(), 40, "the 40 publications");
    let motions = archive.motions().expect("motions");
    assert_eq!(motions.len(), 80, "one motion per case, texts not a second");
    for m in &motions {
        let vote = m
            .votes
            .last()
            .unwrap_or_else(|| panic!("{:?}: no vote", m.number));
        assert!(m.outcome.is_some(), "{:?}: no outcome", m.number);
        assert!(!vote.party_votes.is_empty(), "{:?}: no parties", m.number);
        let seats: u32 = vote.party_votes.iter().filter_map(|p| p.seats).sum();
        assert_eq!(seats, 150, "{:?}: seats", m.number);
    }
    let texts: Vec<_> = motions.iter().filter_map(|m| m.document_id).collect();
    assert_eq!(texts.len(), 40, "each publication is its motion's text");
    for id in texts {
        assert_eq!(archive.document(id).expect("text").kind, DocKind::Motie);
    }
    let piri = motions
        .iter()
        .find(|m| m.number.as_deref() == Some("2024Z10930"))
        .expect("2024Z10930");
    assert_eq!(piri.outcome, Some(Outcome::Verworpen));
    // A case whose publication was not recorded names it, by its address, at once; one whose
    // publication is in the archive names nothing more to fetch.
    for m in &motions {
        let publication = m
            .not_downloaded
            .iter()
            .any(|d| d.url.contains("/DocumentPublicatie(") && d.status == "pending");
        assert_eq!(publication, m.document_id.is_none(), "{:?}", m.number);
    }
}

#[test]
fn the_order_of_the_tweede_kamer_files_does_not_matter() {
    let Some(folder) = realdata("tk-motions") else {
        return;
    };
    let (_dir, archive) = empty_archive();
    // The texts first, then the votes, then the cases: each its own import.
    for part in ["publicatie", "stemming_odata.json", "zaak"] {
        let report = import(&archive, &[folder.join(part)]);
        assert_eq!(failures(&report), [], "{part}");
    }
    let motions = archive.motions().expect("motions");
    assert_eq!(motions.len(), 80);
    assert!(motions.iter().all(|m| m.outcome.is_some()));
    assert_eq!(
        motions.iter().filter(|m| m.document_id.is_some()).count(),
        40
    );
}

#[test]
fn utrecht_ibabs_files_as_a_folder() {
    let Some(folder) = realdata("notubiz-ibabs-openbesluitvorming") else {
        return;
    };
    let (_dir, archive) = empty_archive();
    let report = import(&archive, &[folder]);
    assert_eq!(failures(&report), []);
    assert_eq!(
        report.register.len(),
        7,
        "four iBabs and three NotuBiz answers"
    );
    let motions = archive.motions().expect("motions");
    let m25 = motions
        .iter()
        .find(|m| m.number.as_deref() == Some("M25"))
        .expect("M25");
    assert_eq!(m25.outcome, Some(Outcome::Verworpen));
    assert_eq!(m25.submitter_records.len(), 4);
    assert!(
        m25.not_downloaded
            .iter()
            .any(|d| d.title.starts_with("M25")),
        "its text is named: {:?}",
        m25.not_downloaded
    );
    // The 43 member votes are M25's. iBabs' answer of an entry does not name the entry, and
    // its votes name it by its master id (ontola/openbesluitvorming docs/ibabs-import-plan.md:
    // the returned EntryId "is the EntryMasterId of the entry"), which the recorded listing
    // does not hold. The folder holds one entry answer and one answer of votes of one entry
    // that no listing names, and the count (18 for, 25 against) gives the outcome the entry
    // states: one exchange, filed as a sync files it, on one motion.
    assert_eq!(m25.member_votes.len(), 43);
    assert_eq!((m25.votes_for, m25.votes_against), (Some(18), Some(25)));
    assert!(
        motions
            .iter()
            .all(|m| m.id == m25.id || m.member_votes.len() != 43),
        "no placeholder motion holds them"
    );
    assert!(report.register.iter().all(|r| r.problems.is_empty()));
}

/// Answers that do not certainly go together stay apart, the votes on a placeholder motion
/// named by the id they give: here the entry states another outcome than its votes give.
#[test]
fn ibabs_answers_that_disagree_are_not_linked() {
    let Some(folder) = realdata("notubiz-ibabs-openbesluitvorming") else {
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    for name in [
        "ibabs_list_entry_response.xml",
        "ibabs_list_entry_votes_response.xml",
    ] {
        let text = std::fs::read_to_string(folder.join(name)).expect("read");
        std::fs::write(
            dir.path().join(name),
            text.replace("Motie verworpen", "Motie aangenomen"),
        )
        .expect("write");
    }
    let (_adir, archive) = empty_archive();
    let report = import(&archive, &[dir.path().to_path_buf()]);
    assert_eq!(failures(&report), []);
    let motions = archive.motions().expect("motions");
    assert_eq!(
        motions.len(),
        2,
        "the entry and a placeholder for its votes"
    );
    assert!(
        motions
            .iter()
            .any(|m| m.title.contains("68d37cf2") && m.member_votes.len() == 43),
        "{:?}",
        motions.iter().map(|m| &m.title).collect::<Vec<_>>()
    );
}

#[test]
fn the_amsterdam_meeting_names_its_49_documents_on_their_items() {
    let Some(file) = realdata("ori-openstate/notubiz_meeting_amsterdam.json") else {
        return;
    };
    let (_dir, archive) = empty_archive();
    let report = import(&archive, &[file]);
    assert_eq!(failures(&report), []);
    assert_eq!(report.register[0].system, "notubiz");
    let meeting = archive
        .meetings(None, None)
        .expect("meetings")
        .pop()
        .expect("the meeting");
    let detail = archive.meeting(meeting.id).expect("detail");
    let mut named = Vec::new();
    let mut stack: Vec<_> = detail.agenda.iter().collect();
    while let Some(item) = stack.pop() {
        named.extend(item.not_downloaded.iter());
        stack.extend(item.items.iter());
    }
    assert_eq!(named.len(), 49, "every document an item names");
    for d in &named {
        assert!(!d.title.is_empty() && d.title != d.url, "{d:?}");
        assert!(d.url.contains("api.notubiz.nl/document/"), "{d:?}");
        assert_eq!(d.status, "pending");
    }
    let five = detail
        .agenda
        .iter()
        .find(|i| i.number.as_deref() == Some("5"))
        .expect("item 5");
    assert_eq!(five.not_downloaded.len(), 5);
    assert_eq!(
        detail.not_downloaded.len(),
        2,
        "the meeting's own documents"
    );
}

#[test]
fn an_unreadable_register_file_is_named_while_the_rest_lands() {
    let Some(zaak) = realdata("tk-motions/zaak") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tmp");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&zaak)
        .expect("zaak")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    cases.sort();
    for case in cases.iter().take(3) {
        let to = dir.path().join(case.file_name().expect("a name"));
        std::fs::copy(case, to).expect("copy");
    }
    // The votes, cut off halfway as an interrupted download leaves them.
    let votes = std::fs::read(zaak.with_file_name("stemming_odata.json")).expect("votes");
    std::fs::write(dir.path().join("stemming.json"), &votes[..votes.len() / 2]).expect("write");
    std::fs::write(dir.path().join("onbekend.json"), br#"{"hello": "world"}"#).expect("write");

    let (_a, archive) = empty_archive();
    let report = import(&archive, &[dir.path().to_path_buf()]);
    let failed = failures(&report);
    assert_eq!(failed.len(), 2, "{failed:?}");
    let cut = failed
        .iter()
        .find(|(p, _)| p.ends_with("stemming.json"))
        .expect("the cut-off file is named");
    assert!(cut.1.contains("not valid JSON"), "{cut:?}");
    let unknown = failed
        .iter()
        .find(|(p, _)| p.ends_with("onbekend.json"))
        .expect("the unknown file is named");
    assert!(unknown.1.contains("not a register format"), "{unknown:?}");
    let codes: Vec<&str> = report
        .files
        .iter()
        .filter_map(|f| match &f.outcome {
            FileOutcome::Failed { code, .. } => Some(code.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(codes, ["register", "register"]);
    assert_eq!(report.register.len(), 3, "the cases land");
    assert_eq!(archive.motions().expect("motions").len(), 3);
}

#[test]
fn the_cli_imports_a_folder_of_register_files() {
    let Some(folder) = realdata("tk-motions") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tmp");
    let out = std::process::Command::new(raadsvolger_tests::cli_binary())
        .arg("--archive")
        .arg(dir.path().join("archief"))
        .env_remove("RAADSVOLGER_ARCHIVE")
        .args(["import", "--json"])
        .arg(&folder)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["imported"], 40, "{json}");
    assert_eq!(json["register_files"], 81);
    assert!(json["register_records"].as_u64().expect("records") >= 80 + 80);
    assert_eq!(json["failed"], serde_json::json!([]));
    assert_eq!(json["register"][0]["system"], "tk");
}

/// The made-up folder: a case, its votes, its text, a meeting, a cut-off file, a note.
fn made_up() -> PathBuf {
    fixtures().join("import-dir")
}

fn check_made_up(archive: &Archive) {
    let motions = archive.motions().expect("motions");
    assert_eq!(motions.len(), 1, "{motions:#?}");
    let m = &motions[0];
    assert_eq!(m.number.as_deref(), Some("2031Z00042"));
    assert_eq!(m.outcome, Some(Outcome::Aangenomen));
    assert_eq!((m.votes_for, m.votes_against), (Some(16), Some(9)));
    let vote = m.votes.last().expect("a vote");
    let seats: Vec<(&str, &str, Option<u32>)> = vote
        .party_votes
        .iter()
        .map(|p| (p.party.as_str(), p.option.as_str(), p.seats))
        .collect();
    for expected in [
        ("Dijkpartij", "voor", Some(12)),
        ("Polderbond", "tegen", Some(9)),
        ("Groen Laagland", "voor", Some(4)),
        ("Vrije Kust", "afwezig", Some(2)),
    ] {
        assert!(seats.contains(&expected), "{expected:?} in {seats:?}");
    }
    let text = archive
        .document(m.document_id.expect("the publication is its text"))
        .expect("text");
    assert_eq!(text.kind, DocKind::Motie);
    assert!(text.body_text.contains("bankje"));
    // Its text is here: the download queued for it is done.
    assert_eq!(m.not_downloaded.len(), 0, "{:?}", m.not_downloaded);

    let meeting = archive
        .meetings(None, None)
        .expect("meetings")
        .into_iter()
        .find(|x| x.body == "Gemeenteraad")
        .expect("the meeting");
    let detail = archive.meeting(meeting.id).expect("detail");
    let item = detail
        .agenda
        .iter()
        .find(|i| i.number.as_deref() == Some("2"))
        .expect("item 2");
    let named: Vec<(&str, &str)> = item
        .not_downloaded
        .iter()
        .map(|d| (d.title.as_str(), d.url.as_str()))
        .collect();
    assert_eq!(
        named,
        [
            (
                "Raadsvoorstel bankjes",
                "https://api.notubiz.nl/document/770002/1"
            ),
            (
                "Kaart met de plaatsen",
                "https://api.notubiz.nl/document/770003/2"
            )
        ]
    );
    assert_eq!(detail.not_downloaded.len(), 1);
    assert_eq!(
        detail.not_downloaded[0].title,
        "Uitnodiging raadsvergadering"
    );
}

#[test]
fn a_made_up_folder_lands_whole_in_any_order() {
    let (_dir, archive) = empty_archive();
    let report = import(&archive, &[made_up()]);
    let failed = failures(&report);
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert!(failed[0].0.ends_with("afgebroken.json"), "{failed:?}");
    assert!(failed[0].1.contains("not valid JSON"), "{failed:?}");
    let imported: Vec<&str> = report.imported().map(|d| d.title.as_str()).collect();
    assert_eq!(
        imported.len(),
        2,
        "the note and the publication: {imported:?}"
    );
    let systems: Vec<&str> = report.register.iter().map(|r| r.system.as_str()).collect();
    assert_eq!(systems, ["tk", "notubiz", "tk"]);
    check_made_up(&archive);

    // The same files one by one, the other way round: the same register.
    let (_dir2, again) = empty_archive();
    let mut files: Vec<PathBuf> = std::fs::read_dir(made_up())
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    files.reverse();
    for f in &files {
        import(&again, std::slice::from_ref(f));
    }
    check_made_up(&again);
    // And once more: nothing doubles.
    let report = import(&again, &[made_up()]);
    assert_eq!(report.skipped().count(), 2);
    check_made_up(&again);
}
