//! The Open Raadsinformatie connector against the test server's Elasticsearch
//! (`tests/common/server/ori.rs`), which keeps ES 7's 10,000-result window (`from + size`
//! beyond it is a 400), counts `hits.total` only to 10,000 (`gte`), honours `search_after`
//! and `_source` excludes, and gives a document's text three times unless excluded: a sync of
//! more than 12,000 records, each agenda complete under its meeting, bodies named.

use std::io::{Read, Write};

use raadsvolger_core::sync::{SourceSpec, SyncOptions, System};
use raadsvolger_core::{AgendaItem, Archive};
use raadsvolger_tests::server::FixtureServer;
use raadsvolger_tests::{empty_archive, local_http, realdata_server, sync_options};
use serde_json::{Value, json};

/// The server reads the ORI fixture from the repository; it still wants the shared folder
/// for the other registers it serves. None (skipped) where that is absent.
fn server() -> Option<FixtureServer> {
    realdata_server("")
}

/// A page of documents with their text is tens of megabytes: excluded, it fits in 8 MiB.
fn options() -> SyncOptions<'static> {
    sync_options(local_http(3, 20), false)
}

fn spec(s: &FixtureServer, key: &str) -> SourceSpec {
    SourceSpec {
        system: Some(System::Ori),
        key: key.into(),
        base_url: Some(format!("{}/ori", s.url)),
        from: "2015-01-01".parse().ok(),
        to: "2026-12-31".parse().ok(),
        topics: Vec::new(),
    }
}

/// A search straight to the server: (status, answer).
fn search(s: &FixtureServer, index: &str, body: &Value) -> (u16, Value) {
    let addr = s.url.trim_start_matches("http://");
    let body = body.to_string();
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    write!(
        stream,
        "POST /ori/{index}/_search HTTP/1.0\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .expect("request");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("answer");
    let text = String::from_utf8_lossy(&answer);
    let (head, rest) = text.split_once("\r\n\r\n").expect("head and body");
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status");
    (status, serde_json::from_str(rest).unwrap_or(Value::Null))
}

fn count(items: &[AgendaItem]) -> usize {
    items.iter().map(|i| 1 + count(&i.items)).sum()
}

/// (meetings, agenda items) of an archive.
fn shape(archive: &Archive) -> (usize, usize) {
    let meetings = archive.meetings(None, None).expect("meetings");
    let items = meetings
        .iter()
        .map(|m| count(&archive.meeting(m.id).expect("meeting").agenda))
        .sum();
    (meetings.len(), items)
}

/// The premise: past 10,000 results `from`/`size` is refused and the total stops counting.
#[test]
fn the_test_server_keeps_the_result_window_and_caps_the_total() {
    let Some(s) = server() else { return };
    let (status, err) = search(&s, "ori_bulk", &json!({"from": 9_900, "size": 200}));
    assert_eq!(status, 400);
    assert!(
        err.pointer("/error/root_cause/0/reason")
            .and_then(Value::as_str)
            .is_some_and(|r| r.contains("Result window is too large")),
        "{err}"
    );
    let (status, all) = search(&s, "ori_bulk", &json!({"size": 0}));
    assert_eq!(status, 200);
    assert_eq!(
        all["hits"]["total"],
        json!({"value": 10_000, "relation": "gte"})
    );
    // search_after goes on where the window ends.
    let sort = json!([{"@type": "asc"}, {"_id": "asc"}]);
    let (_, first) = search(&s, "ori_bulk", &json!({"size": 3, "sort": sort}));
    let last = first["hits"]["hits"][2]["sort"].clone();
    let (_, next) = search(
        &s,
        "ori_bulk",
        &json!({"size": 1, "sort": sort, "search_after": last}),
    );
    assert_ne!(
        next["hits"]["hits"][0]["_id"],
        first["hits"]["hits"][2]["_id"]
    );
    let (status, _) = search(&s, "ori_nowhere", &json!({}));
    assert_eq!(status, 404);
}

/// The headline: more than 12,000 records in one sync, past the 10,000 window, each meeting
/// with its whole agenda (items split over pages are filed under their meeting) and its body
/// named from the Organization records.
#[test]
fn a_sync_brings_more_than_12000_ori_records() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let r = archive.sync(&spec(&s, "bulk"), &options()).expect("syncs");
    assert!(
        r.problems.is_empty(),
        "{:?}",
        r.problems.iter().take(5).collect::<Vec<_>>()
    );
    let (meetings, items) = shape(&archive);
    assert_eq!(meetings, 1_250);
    assert_eq!(items, 1_250 * 9);
    assert!(meetings + items > 12_000);
    let listed = archive.meetings(None, None).expect("meetings");
    let sample = archive.meeting(listed[617].id).expect("a meeting");
    assert_eq!(count(&sample.agenda), 9, "{:?}", sample.agenda);
    assert!(
        listed
            .iter()
            .all(|m| m.body == "Gemeenteraad" || m.body.starts_with("Commissie")),
        "{:?}",
        listed.iter().map(|m| &m.body).take(5).collect::<Vec<_>>()
    );
    // Past the window in pages of 500 (the server would have answered a `from` there 400).
    assert!(s.count("POST /ori/ori_bulk/_search") >= 25);
}

/// The fixture index still reads: motions and votes where an index has them, bodies by name.
#[test]
fn the_fixture_index_reads_meetings_motions_and_votes() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let r = archive
        .sync(&spec(&s, "Almere"), &options())
        .expect("syncs");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let meetings = archive.meetings(None, None).expect("meetings");
    assert_eq!(meetings.len(), 1);
    assert_eq!(meetings[0].body, "Gemeenteraad");
    let motions = archive.motions().expect("motions");
    assert_eq!(motions.len(), 1);
    assert_eq!(motions[0].votes.len(), 1);
}
