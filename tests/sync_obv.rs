//! `sync obv` against the local server's openbesluitvorming export (`tests/common/server/obv.rs`):
//! the first sync pages the snapshot and keeps the changes cursor, a later sync follows the
//! change feed (a deletion applied, a correction made in place, a person's edit kept), the rate
//! headers are honoured and a 429 waited out, a malformed line is skipped and named, and an
//! export file goes in through `import`.

use std::time::{Duration, Instant};

use raadsvolger_core::Archive;
use raadsvolger_core::register::Provenance;
use raadsvolger_core::register::motions::MotionEdit;
use raadsvolger_core::sync::{HttpConfig, SourceSpec, SyncOptions, SyncReport, System};
use raadsvolger_tests::server::FixtureServer;
use raadsvolger_tests::server::obv::{Obv, SOURCE};
use raadsvolger_tests::{empty_archive, fixtures, local_http, realdata_server, sync_options};

fn server() -> Option<FixtureServer> {
    realdata_server("")
}

fn config(max_wait: Duration) -> HttpConfig {
    HttpConfig {
        max_wait,
        ..local_http(4, 5)
    }
}

fn spec(s: &FixtureServer) -> SourceSpec {
    SourceSpec {
        system: Some(System::Obv),
        key: SOURCE.into(),
        base_url: Some(format!("{}/obv", s.url)),
        ..SourceSpec::default()
    }
}

fn sync_with(archive: &Archive, s: &FixtureServer, http: HttpConfig) -> SyncReport {
    archive
        .sync(&spec(s), &sync_options(http, false))
        .expect("sync")
}

fn sync(archive: &Archive, s: &FixtureServer) -> SyncReport {
    sync_with(archive, s, config(Duration::from_millis(50)))
}

fn prov(kind: &str, n: u32) -> Provenance {
    Provenance::register("openbesluitvorming", Obv::entity(kind, n))
}

fn motion_of(archive: &Archive, n: u32) -> Option<raadsvolger_core::register::motions::Motion> {
    archive
        .motions()
        .expect("motions")
        .into_iter()
        .find(|m| m.provenance == prov("motion", n))
}

#[test]
fn the_first_sync_pages_the_snapshot_and_keeps_the_changes_cursor() {
    let Some(s) = server() else { return };
    s.obv().set_page_max(3);
    let (_dir, archive) = empty_archive();
    let r = sync(&archive, &s);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    // 13 records, 3 a page: 5 snapshot pages, the later ones from the previous page's last id,
    // then the change feed from the first page's X-Changes-Cursor (the log's head, 13).
    let log = s.log();
    let snapshots: Vec<&String> = log
        .iter()
        .filter(|l| l.contains("/api/export/snapshot"))
        .collect();
    assert_eq!(snapshots.len(), 5, "{snapshots:?}");
    assert!(
        snapshots
            .iter()
            .all(|l| l.contains("source=dorpstad") && l.contains("limit=1000"))
    );
    assert!(!snapshots[0].contains("cursor="));
    assert!(snapshots[1].contains("cursor=document%3Anotubiz%3Agemeente%3Adorpstad%3A501"));
    assert_eq!(
        s.count("/api/export/changes?source=dorpstad&limit=1000&cursor=13"),
        1
    );
    assert_eq!(r.counts.responses, 6);

    let meetings = archive.meetings(None, None).expect("meetings");
    assert_eq!(meetings.len(), 2);
    let raad = meetings
        .iter()
        .find(|m| m.provenance == prov("meeting", 7001))
        .expect("the council meeting");
    // The committee's name from its record; 18:30 UTC is 19:30 in the Netherlands in March.
    assert_eq!(raad.body, "Gemeenteraad");
    assert_eq!(raad.date.to_string(), "2026-03-12");
    assert_eq!(raad.time.as_deref(), Some("19:30"));
    assert_eq!(raad.location.as_deref(), Some("Raadzaal"));
    let detail = archive.meeting(raad.id).expect("detail");
    assert_eq!(detail.agenda.len(), 2);
    assert_eq!(detail.agenda[1].title, "Woningbouw Noordrand");
    assert_eq!(detail.agenda[1].items[0].number.as_deref(), Some("2a"));
    assert!(meetings.iter().any(|m| m.body == "Commissie Ruimte"));

    let groen = motion_of(&archive, 9001).expect("M12");
    assert_eq!(groen.number.as_deref(), Some("M12"));
    assert_eq!(groen.title, "Meer groen in de wijk");
    assert_eq!(groen.outcome.map(|o| o.as_str()), Some("aangenomen"));
    assert_eq!((groen.votes_for, groen.votes_against), (Some(14), Some(7)));
    assert_eq!(groen.agenda_item_id, Some(detail.agenda[1].id));
    let members: Vec<(&str, Option<&str>, &str)> = groen
        .member_votes
        .iter()
        .map(|m| (m.name.as_str(), m.party.as_deref(), m.option.as_str()))
        .collect();
    assert!(
        members.contains(&("Anna de Boer", Some("Groen Dorp"), "voor")),
        "{members:?}"
    );
    assert!(
        members.contains(&("Karel Smit", Some("Dorpsbelang"), "tegen")),
        "{members:?}"
    );
    let fietspad = motion_of(&archive, 9002).expect("A3");
    assert_eq!(fietspad.kind.as_str(), "amendement");
    assert_eq!(
        (fietspad.votes_for, fietspad.votes_against),
        (Some(8), Some(13))
    );
    assert!(motion_of(&archive, 9003).is_some());
    // Persons, parties and recordings are read and left: no problems, no rows.
    assert_eq!(archive.motions().expect("motions").len(), 3);

    // Documents to fetch: the proposal on its item, the motion's text on the motion and on its
    // meeting, the decision list on the committee meeting.
    let source = &r.source;
    assert_eq!(source.pending_downloads, 4, "{source:?}");

    // A second sync asks only the change feed, from where the first left it.
    let again = sync(&archive, &s);
    assert_eq!(s.count("/api/export/snapshot"), 5);
    assert_eq!(
        s.count("/api/export/changes?source=dorpstad&limit=1000&cursor=13"),
        2
    );
    assert_eq!(again.counts.records, 0);
}

#[test]
fn the_change_feed_deletes_corrects_and_keeps_what_a_person_edited() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    sync(&archive, &s);
    let before_items: usize = archive
        .meetings(None, None)
        .expect("meetings")
        .iter()
        .map(|m| m.agenda_items as usize)
        .sum();
    // A person corrects the withdrawn motion's title; the register then deletes it.
    let speeltuin = motion_of(&archive, 9003).expect("M14");
    archive
        .edit_motion(
            speeltuin.id,
            &MotionEdit {
                title: Some("Speeltuin op het marktplein".into()),
                ..MotionEdit::default()
            },
        )
        .expect("edit");
    s.obv().publish_changes();
    let r = sync(&archive, &s);
    assert_eq!(s.count("/api/export/snapshot"), 1, "no second harvest");
    assert_eq!(
        s.count("/api/export/changes?source=dorpstad&limit=1000&cursor=13"),
        2
    );

    // The committee meeting is gone, with its agenda item and its queued decision list.
    let meetings = archive.meetings(None, None).expect("meetings");
    assert_eq!(meetings.len(), 1);
    assert!(
        meetings
            .iter()
            .all(|m| m.provenance != prov("meeting", 7002))
    );
    let after_items: usize = meetings.iter().map(|m| m.agenda_items as usize).sum();
    assert_eq!(after_items, before_items - 1);

    // The corrected motion changed in place: one row, one vote, the new counts and names.
    let groen = motion_of(&archive, 9001).expect("M12");
    assert_eq!(groen.title, "Meer groen in de wijken");
    assert_eq!(groen.votes.len(), 1, "{:?}", groen.votes);
    assert_eq!((groen.votes_for, groen.votes_against), (Some(15), Some(6)));
    assert!(
        groen
            .member_votes
            .iter()
            .any(|m| m.name == "Karel Smit" && m.option == "voor")
    );
    assert_eq!(archive.motions().expect("motions").len(), 3);

    // The deleted motion a person edited stays, and the report says why.
    let kept = motion_of(&archive, 9003).expect("kept");
    assert_eq!(kept.title, "Speeltuin op het marktplein");
    assert!(
        r.problems
            .iter()
            .any(|p| p.contains("motion:notubiz:gemeente:dorpstad:9003") && p.contains("kept")),
        "{:?}",
        r.problems
    );

    // The late document is queued on its old meeting; the deleted meeting's is not fetched.
    let source = &r.source;
    assert_eq!(source.pending_downloads, 4, "{source:?}");

    // Caught up: the next sync asks from the new head and changes nothing.
    let third = sync(&archive, &s);
    assert_eq!(s.count("changes?source=dorpstad&limit=1000&cursor=17"), 1);
    assert_eq!(third.counts.records, 0);
    assert!(third.problems.is_empty(), "{:?}", third.problems);
}

#[test]
fn the_rate_headers_pace_the_sync_so_no_429_comes() {
    let Some(s) = server() else { return };
    // Two units, one back a second; six requests. A client that ignored RateLimit-Remaining
    // would get 429s (waited out only 50 ms at a time here, so it would fail).
    s.obv().set_rate(2, Duration::from_secs(2));
    s.obv().set_page_max(3);
    let (_dir, archive) = empty_archive();
    let started = Instant::now();
    let r = sync(&archive, &s);
    assert_eq!(s.obv().rate_limited(), 0);
    assert_eq!(r.counts.responses, 6);
    assert!(
        started.elapsed() >= Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(archive.motions().expect("motions").len(), 3);
}

#[test]
fn a_429_is_waited_out_for_its_retry_after() {
    let Some(s) = server() else { return };
    s.obv().set_rate(3, Duration::from_secs(3));
    // Another program on this address spent the budget: the first request gets a 429 with
    // Retry-After: 1.
    s.obv().drain();
    let (_dir, archive) = empty_archive();
    let started = Instant::now();
    let r = sync_with(&archive, &s, config(Duration::from_secs(3)));
    assert!(s.obv().rate_limited() >= 1);
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(archive.meetings(None, None).expect("meetings").len(), 2);

    // Given up only after the tries: the sync then fails with the 429 named.
    let (_dir2, other) = empty_archive();
    s.obv().drain();
    let options = SyncOptions {
        http: config(Duration::from_millis(20)),
        downloads: false,
        ..SyncOptions::default()
    };
    s.obv().set_rate(1, Duration::from_secs(60));
    s.obv().drain();
    let err = other.sync(&spec(&s), &options).expect_err("rate limited");
    assert!(err.to_string().contains("429"), "{err}");
}

#[test]
fn a_record_longer_than_an_answer_may_be_is_not_read() {
    // Each line of the export is one record, parsed whole: a line is held to the size of a
    // register answer, so an endless line cannot fill the memory.
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let options = SyncOptions {
        http: HttpConfig {
            max_answer_bytes: 64,
            ..config(Duration::from_millis(50))
        },
        downloads: false,
        ..SyncOptions::default()
    };
    let said = match archive.sync(&spec(&s), &options) {
        Ok(r) => r.problems.join("\n"),
        Err(e) => e.to_string(),
    };
    assert!(
        said.contains("a record of the answer is longer than 64 bytes"),
        "{said}"
    );
    assert!(archive.motions().expect("motions").is_empty());
}

#[test]
fn a_malformed_line_is_skipped_and_named() {
    let Some(s) = server() else { return };
    s.obv().break_line(&Obv::entity("motion", 9003));
    let (_dir, archive) = empty_archive();
    let r = sync(&archive, &s);
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    assert!(r.problems[0].contains("line 10"), "{}", r.problems[0]);
    assert!(
        r.problems[0].contains("not a JSON record"),
        "{}",
        r.problems[0]
    );
    // The lines after it went on.
    assert!(motion_of(&archive, 9003).is_none());
    assert_eq!(archive.motions().expect("motions").len(), 2);
    assert_eq!(archive.meetings(None, None).expect("meetings").len(), 2);
}

#[test]
fn a_wrong_source_is_refused_with_the_services_message() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let wrong = SourceSpec {
        key: "nergenshuizen".into(),
        ..spec(&s)
    };
    let options = SyncOptions {
        http: config(Duration::from_millis(20)),
        downloads: false,
        ..SyncOptions::default()
    };
    let err = archive.sync(&wrong, &options).expect_err("unknown source");
    let msg = err.to_string();
    assert!(
        msg.contains("HTTP 400") && msg.contains("nergenshuizen"),
        "{msg}"
    );
}

#[test]
fn an_export_file_is_imported_line_by_line() {
    let path = fixtures().join("registers/obv_export.ndjson");
    let bytes = std::fs::read(&path).expect("fixture");
    assert_eq!(
        raadsvolger_core::sources::recognise(&bytes),
        Some("openbesluitvorming")
    );
    let (_dir, archive) = empty_archive();
    let report = archive
        .import_register_bytes("obv_export.ndjson", &bytes)
        .expect("import");
    assert_eq!(report.system, "openbesluitvorming");
    // The cut-off line and the vote with an unknown option are named; the rest is in.
    assert_eq!(report.problems.len(), 2, "{:?}", report.problems);
    assert!(report.problems.iter().any(|p| p.contains("line 4")));
    assert!(report.problems.iter().any(|p| p.contains("misschien")));
    let meetings = archive.meetings(None, None).expect("meetings");
    assert_eq!(meetings.len(), 1);
    assert_eq!(meetings[0].body, "Raad van Meerwijk");
    assert_eq!(meetings[0].time.as_deref(), Some("20:00"));
    let motions = archive.motions().expect("motions");
    assert_eq!(motions.len(), 2);
    let zwembad = motions
        .iter()
        .find(|m| m.number.as_deref() == Some("M3"))
        .expect("M3");
    assert_eq!(
        (zwembad.votes_for, zwembad.votes_against),
        (Some(11), Some(6))
    );
    assert_eq!(
        zwembad.submitters,
        vec!["J. Visser (Lokaal Meerwijk)".to_owned()]
    );
    // The motion's text came inline: it is a document of the archive, the motion's own.
    let text = zwembad.document_id.expect("the motion's text");
    let doc = archive.document(text).expect("document");
    assert!(doc.body_text.contains("buitenbad"), "{}", doc.body_text);
    // The same file again changes nothing and doubles nothing.
    archive
        .import_register_bytes("obv_export.ndjson", &bytes)
        .expect("again");
    assert_eq!(archive.motions().expect("motions").len(), 2);
    assert_eq!(
        archive.motion(zwembad.id).expect("M3").votes.len(),
        1,
        "one vote after two imports"
    );

    // And through the command line.
    let (dir, _) = empty_archive();
    let out = assert_cmd::Command::new(raadsvolger_tests::cli_binary())
        .arg("--archive")
        .arg(dir.path().join("cli"))
        .arg("import")
        .arg(&path)
        .output()
        .expect("run");
    // The two named problems make the exit code 1; what could be read is in.
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("line 4"), "{said}");
    let cli = Archive::open(dir.path().join("cli")).expect("open");
    assert_eq!(cli.motions().expect("motions").len(), 2);
}
