//! The Tweede Kamer connector against the test server's OData service
//! (`tests/common/server/tk.rs`), which pages 250 records an answer, gives no nextLink when
//! `$top` is set (OpenDataPortaal issue #70), expands only what is asked, filters on
//! `ApiGewijzigdOp` and refuses unknown query options and properties: volume (more than 600
//! cases with their votes and texts), a roll call whose rows lie pages apart, and a change
//! cursor past more than a page of records sharing one stamp.

use std::io::{Read, Write};
use std::path::PathBuf;

use raadsvolger_core::Archive;
use raadsvolger_core::sync::{HttpConfig, SourceSpec, SyncOptions, System};
use raadsvolger_tests::server::FixtureServer;
use raadsvolger_tests::{empty_archive, fixtures, local_http, sync_options};
use serde_json::Value;

/// The recorded data, or None (the test is skipped) where the shared folder is absent.
fn realdata() -> Option<PathBuf> {
    raadsvolger_tests::realdata("tk-motions/zaak")
}

fn options(downloads: bool) -> SyncOptions<'static> {
    sync_options(
        HttpConfig {
            max_bytes: 16 * 1024 * 1024,
            max_answer_bytes: 16 * 1024 * 1024,
            ..local_http(3, 20)
        },
        downloads,
    )
}

fn spec(base: String) -> SourceSpec {
    SourceSpec {
        system: Some(System::Tk),
        key: String::new(),
        base_url: Some(base),
        from: "2015-01-01".parse().ok(),
        to: "2026-12-31".parse().ok(),
        topics: Vec::new(),
    }
}

/// A GET straight to the server: (status, body as JSON).
fn get(server: &FixtureServer, path: &str) -> (u16, Value) {
    let addr = server.url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").expect("request");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("answer");
    let text = String::from_utf8_lossy(&answer);
    let (head, body) = text.split_once("\r\n\r\n").expect("a head and a body");
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

fn motion_numbers(archive: &Archive) -> usize {
    archive.motions().expect("motions").len()
}

/// The server itself keeps the service's rules: a page of 250 and a next link, none with
/// `$top`, errors for unknown options and properties, navigation only when expanded.
#[test]
fn the_test_server_pages_expands_and_refuses_like_the_service() {
    let Some(data) = realdata() else { return };
    let s = FixtureServer::start(&data, &fixtures());
    let (status, page) = get(&s, "/tk-bulk/Zaak?$orderby=ApiGewijzigdOp,Id");
    assert_eq!(status, 200);
    assert_eq!(page["value"].as_array().map(Vec::len), Some(250));
    assert!(
        page["@odata.nextLink"].is_string(),
        "{}",
        page["@odata.nextLink"]
    );
    // Issue #70: $top switches the next link off, even with more records left.
    let (_, top) = get(&s, "/tk-bulk/Zaak?$top=100");
    assert_eq!(top["value"].as_array().map(Vec::len), Some(100));
    assert!(top.get("@odata.nextLink").is_none());
    let (status, err) = get(&s, "/tk/Zaak?$orderby=Id&$foo=1");
    assert_eq!(status, 400);
    assert!(
        err["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("$foo"))
    );
    let (status, err) = get(&s, "/tk/Zaak?$filter=Bogus%20eq%201");
    assert_eq!(status, 400, "{err}");
    let (status, _) = get(&s, "/tk/Zaak?$expand=Nonsense");
    assert_eq!(status, 400);
    // A publication is there only when the whole path is expanded.
    let (_, shallow) = get(
        &s,
        "/tk/Zaak?$expand=Document($expand=HuidigeDocumentVersie)",
    );
    let versie = &shallow["value"][0]["Document"][0]["HuidigeDocumentVersie"];
    assert!(versie.is_object() && versie.get("DocumentPublicatie").is_none());
    let (_, bare) = get(&s, "/tk/Zaak");
    assert!(bare["value"][0].get("Document").is_none());
    // The filter on ApiGewijzigdOp compares moments.
    let (_, tied) = get(
        &s,
        "/tk-bulk/Zaak?$filter=ApiGewijzigdOp%20ge%202025-11-03T08:00:00.1234567Z&$count=true",
    );
    assert_eq!(tied["@odata.count"], 80 * 8 + 1);
}

/// The headline: one sync brings more than 600 cases, each with its decision's votes, and the
/// texts of those whose publication the server holds; no request carries `$top`.
#[test]
fn a_sync_brings_more_than_600_cases_with_their_votes_and_texts() {
    let Some(data) = realdata() else { return };
    let s = FixtureServer::start(&data, &fixtures());
    let (_dir, archive) = empty_archive();
    let r = archive
        .sync(&spec(format!("{}/tk-bulk", s.url)), &options(true))
        .expect("syncs");
    let log = s.log();
    assert!(
        log.iter()
            .all(|l| !l.contains("%24top") && !l.contains("$top")),
        "{log:?}"
    );
    assert!(
        s.count("GET /tk-bulk/Zaak?") >= 3,
        "the next links are followed"
    );
    let motions = archive.motions().expect("motions");
    assert_eq!(
        motions.len(),
        80 * 9 + 1,
        "{:?}",
        r.problems.iter().take(5).collect::<Vec<_>>()
    );
    let without_votes: Vec<_> = motions
        .iter()
        .filter(|m| m.votes.is_empty())
        .map(|m| m.number.clone())
        .collect();
    assert!(without_votes.is_empty(), "{without_votes:?}");
    // 40 of the recorded cases have their publication outside heldout/, so 40 of each copy
    // do: their texts are downloaded (from the expanded DocumentPublicatie) and attached.
    let with_text = motions.iter().filter(|m| m.document_id.is_some()).count();
    assert!(with_text >= 40 * 9, "{with_text} {:?}", r.counts);
    assert!(r.counts.documents >= 40 * 9, "{:?}", r.counts);
    let unexpected: Vec<_> = r
        .problems
        .iter()
        .filter(|p| !p.contains("404"))
        .take(5)
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:?}");
}

/// A roll call of 150 members whose Stemming rows lie on the first and the last page of a
/// Stemming listing keeps all 150 votes: they are read through their Besluit.
#[test]
fn a_decision_whose_votes_lie_pages_apart_keeps_all_of_them() {
    let Some(data) = realdata() else { return };
    let s = FixtureServer::start(&data, &fixtures());
    // The premise: listed as Stemming rows, the roll call is split over pages.
    let (_, first) = get(&s, "/tk-bulk/Stemming?$orderby=ApiGewijzigdOp,Id");
    let on_first = first["value"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|v| {
            v["ActorNaam"]
                .as_str()
                .is_some_and(|n| n.starts_with("Lid"))
        })
        .count();
    assert!(on_first > 0 && on_first < 150, "{on_first}");
    let (_dir, archive) = empty_archive();
    archive
        .sync(&spec(format!("{}/tk-bulk", s.url)), &options(false))
        .expect("syncs");
    let roll_call = archive
        .motions()
        .expect("motions")
        .into_iter()
        .find(|m| m.votes.iter().any(|v| v.member_votes.len() > 15))
        .expect("the roll call's motion");
    let vote = roll_call
        .votes
        .iter()
        .find(|v| !v.member_votes.is_empty())
        .expect("its vote");
    assert_eq!(vote.member_votes.len(), 150);
    assert_eq!((vote.votes_for, vote.votes_against), (Some(80), Some(70)));
}

/// More than a page of cases share one ApiGewijzigdOp (the newest of the first sync). The
/// next sync asks from that stamp, reads the tied ones to the end of their listing, skips
/// them by their stamp, and gets the cases published after them.
#[test]
fn a_cursor_on_more_than_250_tied_stamps_does_not_stall() {
    let Some(data) = realdata() else { return };
    let s = FixtureServer::start(&data, &fixtures());
    let (_dir, archive) = empty_archive();
    let early = archive
        .sync(&spec(format!("{}/tk-early", s.url)), &options(false))
        .expect("first sync");
    assert!(early.problems.is_empty(), "{:?}", early.problems);
    assert_eq!(motion_numbers(&archive), 80 * 5);
    let later = archive
        .sync(&spec(format!("{}/tk-bulk", s.url)), &options(false))
        .expect("second sync");
    assert!(later.problems.is_empty(), "{:?}", later.problems);
    let asked = s
        .log()
        .into_iter()
        .find(|l| l.contains("GET /tk-bulk/Zaak?"))
        .unwrap_or_default();
    assert!(
        asked.contains("ApiGewijzigdOp%20ge%202025-11-03T08%3A00%3A00.1234567Z"),
        "{asked}"
    );
    assert!(later.counts.unchanged >= 320, "{:?}", later.counts);
    assert_eq!(motion_numbers(&archive), 80 * 9 + 1);
    let without_votes = archive
        .motions()
        .expect("motions")
        .iter()
        .filter(|m| m.votes.is_empty())
        .count();
    assert_eq!(without_votes, 0, "the later decisions came too");
    // Once more: nothing new, nothing doubled, and the tied records do not hold it up.
    let again = archive
        .sync(&spec(format!("{}/tk-bulk", s.url)), &options(false))
        .expect("third sync");
    assert_eq!(motion_numbers(&archive), 80 * 9 + 1);
    assert!(again.counts.unchanged >= 1, "{:?}", again.counts);
}

/// An address where the entity sets are not (the old API version after its closing,
/// OpenDataPortaal issue #175) ends the sync with a message that says what happened and how
/// to point it elsewhere, not with a bare 404.
#[test]
fn a_closed_api_address_says_the_service_moved() {
    let Some(data) = realdata() else { return };
    let s = FixtureServer::start(&data, &fixtures());
    let (_dir, archive) = empty_archive();
    let err = archive
        .sync(&spec(format!("{}/OData/v4/2.0", s.url)), &options(false))
        .expect_err("nothing is there");
    let message = err.to_string();
    assert!(message.contains("404"), "{message}");
    assert!(
        message.contains("#175") && message.contains("--base-url"),
        "{message}"
    );
}
