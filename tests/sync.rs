//! `sync` against a local server on 127.0.0.1 that plays the registers from the recorded
//! responses in ../shared/realdata: every client's happy path, the same rows as importing the
//! files, re-syncs that fetch and double nothing, and each fault — 429 and 500 answers, a
//! timeout, malformed JSON, a listing that fails, an answer that never ends — and a sync
//! stopped midway that resumes.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use raadsvolger_core::sync::{HttpConfig, SourceSpec, SyncOptions, SyncReport, System};
use raadsvolger_core::{AgendaItem, Archive, CommitmentQuery, Error};
use raadsvolger_tests::server::{Fault, FixtureServer};
use raadsvolger_tests::{
    empty_archive, fixtures, local_http, realdata_server, shared, sync_options,
};

fn server() -> Option<FixtureServer> {
    realdata_server("")
}

/// Quick retries, so the fault tests take milliseconds.
fn fast() -> HttpConfig {
    local_http(4, 5)
}

fn options(downloads: bool) -> SyncOptions<'static> {
    sync_options(fast(), downloads)
}

fn spec(system: System, key: &str, base: String) -> SourceSpec {
    SourceSpec {
        system: Some(system),
        key: key.into(),
        base_url: Some(base),
        from: "2015-01-01".parse().ok(),
        to: "2026-12-31".parse().ok(),
        topics: Vec::new(),
    }
}

/// The events windows of a NotuBiz sync from 2015 to 2026: one a quarter.
const QUARTERS: usize = 12 * 4;

fn notubiz(s: &FixtureServer) -> SourceSpec {
    spec(System::Notubiz, "952", format!("{}/notubiz", s.url))
}

fn count_items(items: &[AgendaItem]) -> usize {
    items.iter().map(|i| 1 + count_items(&i.items)).sum()
}

/// (meetings, agenda items, motions, votes, commitments) of an archive.
fn shape(archive: &Archive) -> (usize, usize, usize, usize, usize) {
    let meetings = archive.meetings(None, None).expect("meetings");
    let items = meetings
        .iter()
        .map(|m| count_items(&archive.meeting(m.id).expect("meeting").agenda))
        .sum();
    let motions = archive.motions().expect("motions");
    let votes = motions.iter().map(|m| m.votes.len()).sum();
    let commitments = archive
        .commitments(
            "2026-12-01".parse().expect("day"),
            &CommitmentQuery::default(),
        )
        .expect("commitments")
        .len();
    (meetings.len(), items, motions.len(), votes, commitments)
}

/// The meetings of the events listing (Amsterdam 2018, Eindhoven 2024) that are in the
/// archive; motions also make meetings of the days they were submitted on.
fn listed_meetings(archive: &Archive) -> usize {
    archive
        .meetings(None, None)
        .expect("meetings")
        .iter()
        .filter(|m| {
            m.date.to_string().starts_with("2018") || m.date.to_string().starts_with("2024")
        })
        .count()
}

fn import_files(archive: &Archive, files: &[&str]) {
    for f in files {
        let path = shared("realdata").join(f);
        let bytes = std::fs::read(&path).expect("recorded file");
        archive
            .import_register_bytes(&path.display().to_string(), &bytes)
            .expect("imports");
    }
}

fn import_fixture(archive: &Archive, f: &str) {
    let path = fixtures().join(f);
    let bytes = std::fs::read(&path).expect("fixture");
    archive.import_register_bytes(f, &bytes).expect("imports");
}

#[test]
fn notubiz_sync_files_the_same_rows_as_importing_the_responses_and_resyncs_fetch_nothing_new() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let first = archive.sync(&notubiz(&s), &options(false)).expect("syncs");
    assert!(first.problems.is_empty(), "{:?}", first.problems);
    assert_eq!(first.source.last_status, "ok");
    // Every quarter's events were asked for (a wider window is refused), the public
    // meetings fetched (not the one that is not public), and both pages of motions.
    assert_eq!(s.count("/notubiz/events?"), QUARTERS, "{:?}", s.log());
    assert_eq!(s.count("/notubiz/events/meetings/"), 2);
    assert!(s.count("/notubiz/modules/6/items") >= 2);
    for line in s.log() {
        assert!(line.starts_with("GET /notubiz/"), "{line}");
    }
    let synced = shape(&archive);

    let (_dir2, imported) = empty_archive();
    import_files(
        &imported,
        &[
            "ori-openstate/notubiz_meeting_amsterdam.json",
            "notubiz-python-notubiz/notubiz_eindhoven_meeting_1147925.json",
            "notubiz-ibabs-openbesluitvorming/notubiz_alkmaar_motions.json",
            "notubiz-ibabs-openbesluitvorming/notubiz_altena_motions.json",
        ],
    );
    import_fixture(&imported, "registers/notubiz_toezeggingen.json");
    assert_eq!(
        synced,
        shape(&imported),
        "sync = import of the same responses"
    );
    assert_eq!(listed_meetings(&archive), 2);
    assert!(synced.1 >= 45, "{synced:?}");
    assert!(synced.2 >= 4 && synced.4 >= 3, "{synced:?}");

    // The next sync fetches no meeting again (their stamps did not change) and doubles nothing.
    let before = s.count("/notubiz/events/meetings/");
    let second = archive.sync(&notubiz(&s), &options(false)).expect("again");
    assert_eq!(s.count("/notubiz/events/meetings/"), before);
    assert!(second.counts.unchanged >= 2, "{:?}", second.counts);
    assert_eq!(shape(&archive), synced);
    let sources = archive.sources().expect("sources");
    assert_eq!(sources.len(), 1);
    assert_eq!(
        sources[0].last_added.as_ref().map(|a| a.unchanged),
        Some(second.counts.unchanged)
    );
}

#[test]
fn attached_documents_are_downloaded_attached_and_a_failed_download_is_retried_next_time() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    // One document's answer never ends: it is cut off at the size limit and listed.
    s.arm("/notubiz/document/", Fault::Endless, Some(1));
    let first = archive.sync(&notubiz(&s), &options(true)).expect("syncs");
    assert!(first.counts.documents > 0, "{:?}", first.counts);
    let failed = &first.source.failed_downloads;
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert!(
        failed[0]
            .error
            .as_deref()
            .is_some_and(|e| e.contains("larger than")),
        "{failed:?}"
    );
    assert!(first.problems.iter().any(|p| p.contains("download")));
    // Attached to the agenda items the register put them on.
    let meeting = archive
        .meetings(None, None)
        .expect("meetings")
        .into_iter()
        .find(|m| m.date.to_string().starts_with("2018"))
        .expect("the 2018 meeting");
    fn docs(items: &[AgendaItem]) -> usize {
        items
            .iter()
            .map(|i| i.documents.len() + docs(&i.items))
            .sum()
    }
    assert!(docs(&archive.meeting(meeting.id).expect("detail").agenda) > 0);
    // The next sync tries the failed one again, and only that one.
    let before = s.count("/notubiz/document/");
    let second = archive.sync(&notubiz(&s), &options(true)).expect("again");
    assert_eq!(s.count("/notubiz/document/") - before, 1);
    assert!(second.source.failed_downloads.is_empty());
    assert_eq!(second.source.pending_downloads, 0);
}

/// Every agenda item with its documents, nested items included.
fn items_with_documents(items: &[AgendaItem]) -> Vec<&AgendaItem> {
    items
        .iter()
        .flat_map(|i| {
            let mut out: Vec<&AgendaItem> = Vec::new();
            if !i.documents.is_empty() {
                out.push(i);
            }
            out.extend(items_with_documents(&i.items));
            out
        })
        .collect()
}

fn attached(archive: &Archive) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for m in archive.meetings(None, None).expect("meetings") {
        let detail = archive.meeting(m.id).expect("meeting");
        for item in items_with_documents(&detail.agenda) {
            out.push((item.title.clone(), item.documents.len()));
        }
    }
    out
}

/// A source with topics brings the whole register but only the documents about them; the
/// others wait in the queue, and come when the topics are dropped. The topic is a word of
/// the agenda of the recorded meetings, taken from a first sync without topics.
#[test]
fn a_source_with_topics_fetches_only_the_documents_about_them() {
    let Some(s) = server() else { return };
    let (_dir, all) = empty_archive();
    all.sync(&notubiz(&s), &options(true)).expect("syncs");
    let everything = attached(&all);
    let total: usize = everything.iter().map(|(_, n)| n).sum();
    // A long word of the first item's title that not every item with documents has.
    let word = everything
        .iter()
        .flat_map(|(title, _)| title.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 8)
        .find(|w| {
            let lower = w.to_lowercase();
            let with = everything
                .iter()
                .filter(|(t, _)| t.to_lowercase().contains(&lower))
                .count();
            with > 0 && with < everything.len()
        })
        .expect("a word some agenda items have")
        .to_lowercase();

    let (_dir2, archive) = empty_archive();
    let mut spec = notubiz(&s);
    spec.topics = vec![format!(" {word} ,")];
    let first = archive.sync(&spec, &options(true)).expect("syncs");
    assert_eq!(first.source.topics, vec![word.clone()]);
    assert_eq!(shape(&archive), shape(&all), "the whole register comes in");
    let fetched = attached(&archive);
    assert!(!fetched.is_empty(), "{word}: {everything:?}");
    for (title, _) in &fetched {
        assert!(
            title.to_lowercase().contains(&word),
            "{title} is not about {word}"
        );
    }
    let some: usize = fetched.iter().map(|(_, n)| n).sum();
    assert!(some < total, "{some} of {total}");
    assert!(first.counts.outside_topics > 0, "{:?}", first.counts);
    assert_eq!(first.source.outside_topics, first.counts.outside_topics);
    assert_eq!(first.source.pending_downloads, 0);

    spec.topics.clear();
    let rest = archive.sync(&spec, &options(true)).expect("again");
    assert!(rest.source.topics.is_empty());
    assert_eq!(rest.counts.outside_topics, 0);
    assert_eq!(rest.source.outside_topics, 0);
    let now: usize = attached(&archive).iter().map(|(_, n)| n).sum();
    assert_eq!(
        now, total,
        "the documents left out come in with the topics dropped"
    );
}

#[test]
fn rate_limits_and_server_errors_are_retried_with_backoff() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    s.arm("/notubiz/events?", Fault::Status(429, Some(0)), Some(2));
    s.arm("/notubiz/modules/6", Fault::Status(500, None), Some(1));
    let r = archive.sync(&notubiz(&s), &options(false)).expect("syncs");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(listed_meetings(&archive), 2);
    // A page of events a quarter + 2 answers of 429; the modules' first page twice.
    assert_eq!(s.count("/notubiz/events?"), QUARTERS + 2);
    assert!(r.counts.requests >= 3 + 2 + 2);

    // A register that keeps failing: the sync stops with a clear error, the source says so.
    let (_dir, other) = empty_archive();
    s.arm("/notubiz/events?", Fault::Status(503, None), None);
    let err = other
        .sync(&notubiz(&s), &options(false))
        .expect_err("gives up");
    let text = err.to_string();
    assert!(
        text.contains("HTTP 503") && text.contains("tried 4 times"),
        "{text}"
    );
    let source = &other.sources().expect("sources")[0];
    assert_eq!(source.last_status, "failed");
    assert!(
        source
            .last_error
            .as_deref()
            .is_some_and(|e| e.contains("503"))
    );
}

#[test]
fn a_timeout_or_a_malformed_record_skips_that_record_and_the_next_sync_fetches_it() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let mut http = fast();
    http.timeout = Duration::from_millis(400);
    http.attempts = 2;
    let opts = SyncOptions {
        http,
        downloads: false,
        ..SyncOptions::default()
    };
    s.arm(
        "/events/meetings/458902",
        Fault::Delay(Duration::from_secs(2)),
        Some(2),
    );
    s.arm("/events/meetings/1147925", Fault::Malformed, Some(1));
    let r = archive.sync(&notubiz(&s), &opts).expect("syncs");
    assert_eq!(r.problems.len(), 2, "{:?}", r.problems);
    assert!(
        r.problems
            .iter()
            .any(|p| p.contains("458902") && p.contains("in time")),
        "{:?}",
        r.problems
    );
    assert!(
        r.problems
            .iter()
            .any(|p| p.contains("1147925") && p.contains("JSON")),
        "{:?}",
        r.problems
    );
    // The motions and toezeggingen went in all the same.
    assert_eq!(listed_meetings(&archive), 0);
    assert!(shape(&archive).2 >= 4);
    let again = archive.sync(&notubiz(&s), &opts).expect("again");
    assert!(again.problems.is_empty(), "{:?}", again.problems);
    assert_eq!(listed_meetings(&archive), 2);
}

#[test]
fn a_malformed_listing_stops_the_sync_with_its_address() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    s.arm("/notubiz/events?", Fault::Malformed, None);
    match archive.sync(&notubiz(&s), &options(false)) {
        Err(Error::Sync(what)) => {
            assert!(
                what.contains("/notubiz/events?") && what.contains("not valid JSON"),
                "{what}"
            )
        }
        other => panic!("expected a sync error, got {other:?}"),
    }
}

#[test]
fn a_sync_stopped_midway_resumes_where_it_was_and_loses_nothing() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let cancel = AtomicBool::new(false);
    // Stopped at the second meeting (2024), after the first (2018) was imported.
    let stop_at_the_second_meeting = |p: &raadsvolger_core::sync::SyncProgress| {
        if p.message.contains("1147925") {
            cancel.store(true, Ordering::Relaxed);
        }
    };
    let opts = SyncOptions {
        http: fast(),
        downloads: false,
        progress: Some(&stop_at_the_second_meeting),
        cancel: Some(&cancel),
    };
    let stopped = archive.sync(&notubiz(&s), &opts).expect("stops cleanly");
    assert!(stopped.cancelled);
    assert_eq!(stopped.source.last_status, "cancelled");
    assert_eq!(
        listed_meetings(&archive),
        1,
        "the first page's meeting is kept"
    );
    let before = s.log().len();
    let modules_before = s.count("/modules/6/items?");
    let resumed: SyncReport = archive
        .sync(&notubiz(&s), &options(false))
        .expect("resumes");
    assert!(resumed.resumed);
    let events_after: Vec<String> = s.log()[before..]
        .iter()
        .filter(|l| l.contains("/notubiz/events?"))
        .cloned()
        .collect();
    // The quarters from 2024-04 to 2026-12; the first is where it stopped.
    assert_eq!(events_after.len(), 11, "{events_after:?}");
    assert!(
        events_after[0].contains("date_from=2024-04-01"),
        "the events listing resumed at the window it was in: {events_after:?}"
    );
    assert!(
        s.count("/modules/6/items?") > modules_before,
        "modules start at their first page"
    );
    assert_eq!(listed_meetings(&archive), 2);
}

#[test]
fn ibabs_sync_reads_meetings_lists_entries_and_member_votes() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let r = archive
        .sync(
            &spec(System::Ibabs, "Utrecht", format!("{}/ibabs", s.url)),
            &options(false),
        )
        .expect("syncs");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    for action in [
        "GetMeetingsByDateRange",
        "GetLists",
        "GetListsEntriesByFilterRequest",
        "GetListEntry",
    ] {
        assert!(s.count(action) >= 1, "{action}: {:?}", s.log());
    }
    let motions = archive.motions().expect("motions");
    assert!(
        motions
            .iter()
            .any(|m| m.votes.iter().any(|v| v.member_votes.len() == 43)),
        "the 43 member votes of the recorded entry"
    );
    assert!(shape(&archive).0 >= 1, "the meetings of the fixture");
    // Entries whose MutationDate did not change are not fetched again.
    let entries = || {
        s.log()
            .iter()
            .filter(|l| l.ends_with(" GetListEntry"))
            .count()
    };
    let before = entries();
    assert!(before > 0);
    archive
        .sync(
            &spec(System::Ibabs, "Utrecht", format!("{}/ibabs", s.url)),
            &options(false),
        )
        .expect("again");
    assert_eq!(entries(), before);
}

#[test]
fn tk_sync_follows_next_links_through_cases_votes_and_promises() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let base = format!("{}/tk", s.url);
    let r = archive
        .sync(&spec(System::Tk, "", base.clone()), &options(false))
        .expect("syncs");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    // 80 cases and 80 decisions fit the service's page of 250; the next links of larger
    // listings are followed in tests/sync_tk.rs.
    assert_eq!(s.count("/tk/Zaak"), 1, "{:?}", s.log());
    assert_eq!(s.count("/tk/Besluit"), 1);
    let filter = s
        .log()
        .into_iter()
        .find(|l| l.contains("/tk/Zaak?"))
        .unwrap_or_default();
    assert!(filter.contains("GewijzigdOp%20ge%202015-01-01"), "{filter}");
    let (_, _, motions, votes, commitments) = shape(&archive);
    assert_eq!(motions, 80);
    assert!(votes >= 80 && commitments >= 1, "{votes} {commitments}");
    // The next sync asks from the newest change seen, and doubles nothing.
    archive
        .sync(&spec(System::Tk, "", base), &options(false))
        .expect("again");
    let last = s
        .log()
        .into_iter()
        .rfind(|l| l.contains("/tk/Zaak?"))
        .unwrap_or_default();
    assert!(!last.contains("ApiGewijzigdOp%20ge%202000-01-01"), "{last}");
    assert!(last.contains("ApiGewijzigdOp%20ge%202025-"), "{last}");
    assert_eq!(shape(&archive).2, 80);
}

#[test]
fn tk_sync_downloads_each_motions_publication_as_its_text() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let r = archive
        .sync(
            &spec(System::Tk, "", format!("{}/tk", s.url)),
            &options(true),
        )
        .expect("syncs");
    // The server holds the publications recorded outside heldout/: those are the motions'
    // texts; the others answer 404 and are listed to be tried again.
    let served = s
        .log()
        .iter()
        .filter(|l| l.contains("DocumentPublicatie("))
        .count();
    assert!(served >= 40, "{served}");
    assert_eq!(r.counts.documents, 40, "{:?} {:?}", r.counts, r.problems);
    assert_eq!(r.source.failed_downloads.len(), served - 40);
    assert!(
        r.source
            .failed_downloads
            .iter()
            .all(|d| d.error.as_deref().is_some_and(|e| e.contains("404"))),
        "{:?}",
        r.source.failed_downloads
    );
    let motions = archive.motions().expect("motions");
    let with_text = motions.iter().filter(|m| m.document_id.is_some()).count();
    assert_eq!(with_text, 40);
    // The text's motion is the register's: nothing doubled, its case number kept.
    assert_eq!(motions.len(), 80);
    assert!(
        motions.iter().filter(|m| m.document_id.is_some()).all(|m| m
            .provenance
            .label()
            .starts_with("tk ")
            && m.number.as_deref().is_some_and(|n| n.contains('Z'))),
        "{:?}",
        motions
            .iter()
            .filter(|m| m.document_id.is_some())
            .map(|m| (&m.number, m.provenance.label()))
            .collect::<Vec<_>>()
    );
    let hits = archive
        .search(&raadsvolger_core::SearchRequest::new(
            "verzoekt de regering",
        ))
        .expect("search");
    assert!(hits.total >= 30, "the dicta are searchable: {}", hits.total);
}

#[test]
fn ori_sync_pages_through_the_search_api() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let r = archive
        .sync(
            &spec(System::Ori, "Almere", format!("{}/ori", s.url)),
            &options(false),
        )
        .expect("syncs");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert!(
        s.count("POST /ori/ori_almere/_search") >= 1,
        "{:?}",
        s.log()
    );
    assert!(shape(&archive).0 >= 1);
}

#[test]
fn word_and_opendocument_files_import_with_their_text_title_and_commitments() {
    let (_dir, archive) = empty_archive();
    let report = archive
        .import_paths(
            &[fixtures().join("office")],
            &raadsvolger_core::ImportOptions::default(),
            &mut raadsvolger_core::import::NoProgress,
        )
        .expect("imports");
    let failed: Vec<_> = report.failed().collect();
    assert!(failed.is_empty(), "{failed:?}");
    assert_eq!(report.imported().count(), 2);
    let hits = archive
        .search(&raadsvolger_core::SearchRequest::new(
            "wachttijden jeugdhulp",
        ))
        .expect("search");
    let letter = hits.hits.first().expect("the Word letter is found");
    assert_eq!(letter.title, "Raadsinformatiebrief wachttijden jeugdhulp");
    let hits = archive
        .search(&raadsvolger_core::SearchRequest::new("deelfietsen"))
        .expect("search");
    assert_eq!(hits.hits.len(), 1, "the OpenDocument motion is found");
    let commitments = archive
        .commitments(
            "2026-12-01".parse().expect("day"),
            &CommitmentQuery::default(),
        )
        .expect("commitments");
    assert!(
        commitments
            .iter()
            .any(|c| c.due == "2025-10-01".parse().ok()),
        "the letter's promise with its deadline: {commitments:?}"
    );
}

#[test]
fn a_sync_killed_midway_resumes_from_the_cli_and_doubles_nothing() {
    let Some(s) = server() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let archive_dir = dir.path().join("archief");
    let sync = |wait_for_kill: bool| {
        let mut cmd = std::process::Command::new(raadsvolger_tests::cli_binary());
        cmd.arg("--archive")
            .arg(&archive_dir)
            .args(["--json", "sync", "notubiz", "--organisation", "952"])
            .args([
                "--from",
                "2015-01-01",
                "--to",
                "2026-12-31",
                "--pace-ms",
                "0",
            ])
            .arg("--no-documents")
            .arg("--base-url")
            .arg(format!("{}/notubiz", s.url))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        if !wait_for_kill {
            return cmd.output().expect("runs");
        }
        let mut child = cmd.spawn().expect("starts");
        // The second meeting hangs: by then the first page is committed.
        let started = std::time::Instant::now();
        while s.count("/events/meetings/1147925") == 0 {
            assert!(started.elapsed() < Duration::from_secs(60), "{:?}", s.log());
            std::thread::sleep(Duration::from_millis(20));
        }
        child.kill().expect("killed");
        child.wait_with_output().expect("ends")
    };
    s.arm(
        "/events/meetings/1147925",
        Fault::Delay(Duration::from_secs(30)),
        Some(1),
    );
    let killed = sync(true);
    assert!(!killed.status.success());
    let out = sync(false);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(report["resumed"], true, "{report}");
    assert_eq!(report["source"]["last_status"], "ok");
    let archive = Archive::open(&archive_dir).expect("opens");
    assert_eq!(listed_meetings(&archive), 2);
    // The same rows as a sync that was never interrupted.
    let (_d, clean) = empty_archive();
    clean
        .sync(&notubiz(&s), &options(false))
        .expect("clean sync");
    assert_eq!(shape(&archive), shape(&clean));
}

/// What the CLI printed on an archive in `dir`, asserting it succeeded.
fn cli_in(dir: &std::path::Path, args: &[&str]) -> String {
    let out = std::process::Command::new(raadsvolger_tests::cli_binary())
        .arg("--archive")
        .arg(dir)
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[test]
fn sources_lists_what_each_sync_brought() {
    let Some(s) = server() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let run = |args: &[&str]| cli_in(dir.path(), args);
    let base = format!("{}/tk", s.url);
    let text = run(&[
        "sync",
        "tk",
        "--base-url",
        &base,
        "--pace-ms",
        "0",
        "--no-documents",
    ]);
    assert!(text.starts_with("Tweede Kamer tweede-kamer: "), "{text}");
    let list: serde_json::Value = serde_json::from_str(&run(&["--json", "sources"])).expect("JSON");
    assert_eq!(list[0]["system"], "tk");
    assert_eq!(list[0]["last_status"], "ok");
    assert!(
        list[0]["last_added"]["records"].as_u64().unwrap_or(0) > 80,
        "{list}"
    );
    let id = list[0]["id"].as_i64().expect("id").to_string();
    // Nothing failed to download (none was fetched), so none is tried again.
    let retried: serde_json::Value =
        serde_json::from_str(&run(&["--json", "sources", "retry-downloads", &id])).expect("JSON");
    assert_eq!(retried["retried"], 0, "{retried}");
    assert!(run(&["sources", "remove", &id]).contains("removed"));
    assert!(run(&["sources"]).starts_with("no sources yet"));
}

/// Every client (not only NotuBiz's) gets past a 429 and a 500 on its first request, and says
/// which address failed when its register keeps failing.
#[test]
fn every_client_retries_rate_limits_and_server_errors_and_names_what_failed() {
    let Some(s) = server() else { return };
    let cases = [
        (
            spec(System::Notubiz, "952", format!("{}/notubiz", s.url)),
            "/notubiz/events?",
        ),
        (
            spec(System::Ibabs, "Utrecht", format!("{}/ibabs", s.url)),
            "GetLists",
        ),
        (spec(System::Tk, "", format!("{}/tk", s.url)), "/tk/Zaak"),
        (
            spec(System::Ori, "almere", format!("{}/ori", s.url)),
            "/ori/ori_almere/_search",
        ),
    ];
    for (source, first) in cases {
        let (_dir, archive) = empty_archive();
        s.disarm();
        s.arm(first, Fault::Status(429, Some(0)), Some(1));
        s.arm(first, Fault::Status(500, None), Some(1));
        let before = s.count(first);
        let r = archive
            .sync(&source, &options(false))
            .expect("gets past the faults");
        assert!(r.problems.is_empty(), "{first}: {:?}", r.problems);
        assert!(s.count(first) - before >= 3, "{first}: retried");
        assert!(r.counts.records > 0, "{first}: {:?}", r.counts);

        let (_dir, other) = empty_archive();
        s.arm(first, Fault::Status(502, None), None);
        let err = other.sync(&source, &options(false));
        let text = match err {
            Err(e) => e.to_string(),
            // iBabs lists come after its meetings: a failing GetLists stops the sync too.
            Ok(r) => format!("{:?}", r.problems),
        };
        assert!(text.contains("502"), "{first}: {text}");
        s.disarm();
    }
}

/// `--topic` (again for more, or with commas) sets the source's topics, which the listing of
/// the sources names.
#[test]
fn the_cli_takes_the_topics_of_a_source() {
    let Some(s) = server() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let run = |args: &[&str]| cli_in(dir.path(), args);
    let base = format!("{}/notubiz", s.url);
    let out = run(&[
        "--json",
        "sync",
        "notubiz",
        "--organisation",
        "952",
        "--pace-ms",
        "0",
        "--no-documents",
        "--base-url",
        &base,
        "--topic",
        "armoede",
        "--topic",
        " jeugdzorg, openbare ruimte ",
    ]);
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON report");
    assert_eq!(
        report["source"]["topics"],
        serde_json::json!(["armoede", "jeugdzorg", "openbare ruimte"]),
        "{report}"
    );
    let listing = run(&["sources"]);
    assert!(
        listing.contains("only documents about: armoede, jeugdzorg, openbare ruimte"),
        "{listing}"
    );
}
