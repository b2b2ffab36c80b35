//! The iBabs sync against the test server's iBabs service (`tests/common/server/ibabs.rs`),
//! which plays Utrecht's recorded answers and enforces the service's rules as the maintained
//! public clients found them: one test per rule. The headline: an iBabs site's per-member
//! votes land on the motions they belong to.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use raadsvolger_core::sync::{HttpConfig, SourceSpec, SyncOptions, System};
use raadsvolger_core::{Error, Provenance};
use raadsvolger_tests::server::FixtureServer;
use raadsvolger_tests::server::ibabs::{M25_ENTRY, M25_MASTER};
use raadsvolger_tests::{empty_archive, local_http, realdata_server, sync_options};

/// The shared recordings, or None (the test is skipped) when they are not there.
fn server() -> Option<FixtureServer> {
    realdata_server("notubiz-ibabs-openbesluitvorming")
}

fn quick() -> HttpConfig {
    local_http(4, 5)
}

fn options(http: HttpConfig) -> SyncOptions<'static> {
    sync_options(http, false)
}

fn utrecht(s: &FixtureServer, from: &str, to: &str) -> SourceSpec {
    SourceSpec {
        system: Some(System::Ibabs),
        key: "Utrecht".into(),
        base_url: Some(format!("{}/ibabs", s.url)),
        from: from.parse().ok(),
        to: to.parse().ok(),
        topics: Vec::new(),
    }
}

/// The `GetListEntry` calls served (not those of its votes).
fn entries_asked(s: &FixtureServer) -> usize {
    s.log()
        .iter()
        .filter(|l| l.ends_with(" GetListEntry"))
        .count()
}

fn record_id(p: &Provenance) -> Option<&str> {
    match p {
        Provenance::Register { record_id, .. } => Some(record_id),
        _ => None,
    }
}

/// Posts a SOAP call to the test server as it is, for the rules the client no longer breaks.
fn post(s: &FixtureServer, operation: &str, inner: &str) -> String {
    let body = format!(
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>\
         <{operation} xmlns=\"http://tempuri.org/\">{inner}</{operation}></s:Body></s:Envelope>"
    );
    let addr = s.url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).expect("connect");
    write!(
        stream,
        "POST /ibabs HTTP/1.1\r\nHost: {addr}\r\nContent-Type: text/xml; charset=utf-8\r\n\
         SOAPAction: \"http://tempuri.org/IPublic/{operation}\"\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    )
    .expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    answer
}

/// Utrecht's motion M25 is asked for by its EntryId; its 43 member votes come back under its
/// master id, and are filed on M25 itself — not on a placeholder motion nothing links to.
#[test]
fn an_ibabs_sites_member_votes_land_on_the_motions_they_belong_to() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let r = archive
        .sync(&utrecht(&s, "2025-01-01", "2026-12-31"), &options(quick()))
        .expect("syncs");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let motions = archive.motions().expect("motions");
    let m25 = motions
        .iter()
        .find(|m| m.number.as_deref() == Some("M25"))
        .expect("M25");
    assert!(m25.title.starts_with("Vergroen Amerhof"), "{}", m25.title);
    assert_eq!(m25.member_votes.len(), 43);
    assert_eq!((m25.votes_for, m25.votes_against), (Some(18), Some(25)));
    // Its own record id, the entry's "ID" field (7381).
    assert_eq!(record_id(&m25.provenance), Some("7381"));
    assert!(
        motions
            .iter()
            .all(|m| !m.title.starts_with("iBabs-lijstitem")
                && record_id(&m.provenance) != Some(M25_MASTER)),
        "no placeholder motion under the master id: {:?}",
        motions.iter().map(|m| &m.title).collect::<Vec<_>>()
    );
    assert_eq!(
        motions
            .iter()
            .filter(|m| !m.member_votes.is_empty())
            .count(),
        1
    );
    // A sync again changes nothing: the same votes, not twice.
    archive
        .sync(&utrecht(&s, "2025-01-01", "2026-12-31"), &options(quick()))
        .expect("again");
    let again = archive.motions().expect("motions");
    assert_eq!(again.len(), motions.len());
    let m25 = again.iter().find(|m| m.number.as_deref() == Some("M25"));
    assert_eq!(m25.map(|m| m.member_votes.len()), Some(43));
}

/// The test server refuses what iBabs refuses: the votes asked by `ListEntryId`, a listing
/// filter without `SinceDate`, an entry without its `ListId`. The client's own calls pass.
#[test]
fn the_service_answers_err_to_the_parameter_names_it_does_not_take() {
    let Some(s) = server() else { return };
    let moties = "b25f250f-d487-4ce5-93b3-efb84d24567a";
    let votes = post(
        &s,
        "GetListEntryVotesByListEntryId",
        &format!("<Sitename>Utrecht</Sitename><ListEntryId>{M25_ENTRY}</ListEntryId>"),
    );
    assert!(votes.contains("<Status xmlns=\"http://schemas.datacontract.org/2004/07/iBabsWCFObjects.Base\">ERR</Status>"), "{votes}");
    assert!(votes.contains("System.Guid"), "{votes}");
    let filter = post(
        &s,
        "GetListsEntriesByFilterRequest",
        &format!(
            "<filterRequest xmlns:b=\"http://schemas.datacontract.org/2004/07/iBabsWCFObjects.Base\" \
             xmlns:r=\"http://schemas.datacontract.org/2004/07/iBabsWCFObjects.Public.Request\">\
             <b:Sitename>Utrecht</b:Sitename><r:ListId>{moties}</r:ListId>\
             <r:MutationDateFrom>2015-01-01T00:00:00</r:MutationDateFrom></filterRequest>"
        ),
    );
    assert!(filter.contains(">ERR<"), "{filter}");
    let entry = post(
        &s,
        "GetListEntry",
        &format!("<Sitename>Utrecht</Sitename><EntryId>{M25_ENTRY}</EntryId>"),
    );
    assert!(entry.contains(">ERR<"), "{entry}");
    let right = post(
        &s,
        "GetListEntry",
        &format!(
            "<Sitename>Utrecht</Sitename><ListId>{moties}</ListId><EntryId>{M25_ENTRY}</EntryId>"
        ),
    );
    assert!(
        right.contains(">OK<") && right.contains("Vergroen Amerhof"),
        "{right}"
    );

    // The sync's calls are all answered OK (an ERR would be a problem of its report).
    let (_dir, archive) = empty_archive();
    let r = archive
        .sync(&utrecht(&s, "2025-01-01", "2026-12-31"), &options(quick()))
        .expect("syncs");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(
        s.count("GetListEntryVotesByListEntryId"),
        1 + 4,
        "{:?}",
        s.log()
    );
}

/// The listing is filtered by `SinceDate`: a source from 1 July 2026 asks for the entries
/// changed since then (Utrecht's M174 and M234), not the whole registry.
#[test]
fn the_listing_asks_for_the_entries_changed_since_the_sources_first_day() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let r = archive
        .sync(&utrecht(&s, "2026-07-01", "2026-12-31"), &options(quick()))
        .expect("syncs");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(entries_asked(&s), 2, "{:?}", s.log());
    let mut numbers: Vec<String> = archive
        .motions()
        .expect("motions")
        .into_iter()
        .filter_map(|m| m.number)
        .collect();
    numbers.sort();
    assert_eq!(numbers, ["M174", "M234"]);
}

/// An entry whose list has no "ID" field is filed under the EntryId the sync asked for,
/// instead of being dropped.
#[test]
fn an_entry_without_an_id_field_is_filed_under_its_entry_id() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let r = archive
        .sync(&utrecht(&s, "2025-01-01", "2026-12-31"), &options(quick()))
        .expect("syncs");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let motions = archive.motions().expect("motions");
    let m540 = motions
        .iter()
        .find(|m| m.number.as_deref() == Some("M540"))
        .expect("M540");
    assert_eq!(
        record_id(&m540.provenance),
        Some("616c065b-601c-4f8b-9991-02746483f646")
    );
    assert!(
        m540.title.starts_with("Veranker Utrecht Monitor"),
        "{}",
        m540.title
    );
    let mut numbers: Vec<String> = motions.into_iter().filter_map(|m| m.number).collect();
    numbers.sort();
    // The four of the listing, and M7 of the meeting fixture's agenda item.
    assert_eq!(numbers, ["M174", "M234", "M25", "M540", "M7"]);
}

/// Meetings are named by their type, read once a sync from `GetMeetingtypes`: a real
/// `iBabsMeeting` carries only its `MeetingtypeId`.
#[test]
fn meetings_are_named_by_the_sites_meeting_types() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let r = archive
        .sync(&utrecht(&s, "2025-01-01", "2025-12-31"), &options(quick()))
        .expect("syncs");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(s.count("GetMeetingtypes"), 1, "{:?}", s.log());
    let mut meetings: Vec<(String, String)> = archive
        .meetings(None, None)
        .expect("meetings")
        .into_iter()
        .filter(|m| m.date.to_string().starts_with("2025"))
        .map(|m| (m.date.to_string(), m.body))
        .collect();
    meetings.sort();
    assert_eq!(
        meetings,
        [
            ("2025-03-11".to_owned(), "Raadsvergadering".to_owned()),
            ("2025-09-16".to_owned(), "Commissie Ruimte".to_owned()),
        ]
    );
}

/// Windows of six months; the many without meetings ("No public meetings", Status=ERR) are
/// empty, not problems.
#[test]
fn empty_six_month_windows_are_no_problem() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let r = archive
        .sync(&utrecht(&s, "2015-01-01", "2026-12-31"), &options(quick()))
        .expect("syncs");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    // Twelve years in windows of six months.
    assert_eq!(s.count("GetMeetingsByDateRange"), 24, "{:?}", s.log());
    assert!(archive.meetings(None, None).expect("meetings").len() >= 2);
}

/// A window that times out is asked again in halves until it is answered; a window that
/// keeps timing out is halved down to about two weeks and then named as a problem.
#[test]
fn a_window_that_times_out_is_halved() {
    let Some(s) = server() else { return };
    let http = HttpConfig {
        timeout: Duration::from_millis(250),
        attempts: 1,
        ..quick()
    };
    // Windows longer than 60 days answer after the client's time limit.
    s.ibabs().slow_windows(60, Duration::from_millis(700));
    let (_dir, archive) = empty_archive();
    let r = archive
        .sync(
            &utrecht(&s, "2025-01-01", "2025-06-30"),
            &options(http.clone()),
        )
        .expect("syncs");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert!(s.count("GetMeetingsByDateRange") > 3, "{:?}", s.log());
    let days: Vec<String> = archive
        .meetings(None, None)
        .expect("meetings")
        .into_iter()
        .map(|m| m.date.to_string())
        .collect();
    assert!(days.iter().any(|d| d == "2025-03-11"), "{days:?}");

    // Every window slow: halved 180 -> 90 -> 45 -> 22 days, and no further.
    let s = server().expect("server");
    s.ibabs().slow_windows(0, Duration::from_millis(700));
    let (_dir, archive) = empty_archive();
    let r = archive
        .sync(&utrecht(&s, "2025-01-01", "2025-06-30"), &options(http))
        .expect("syncs");
    let windows = s.count("GetMeetingsByDateRange");
    assert!((7..=15).contains(&windows), "{windows}: {:?}", s.log());
    assert!(!r.problems.is_empty());
    assert!(
        r.problems.iter().all(|p| p.contains("in time")),
        "{:?}",
        r.problems
    );
}

/// iBabs throttles with HTTP 403 past its budget: the client waits and tries again, and the
/// sync completes.
#[test]
fn a_403_past_the_budget_is_waited_out() {
    let Some(s) = server() else { return };
    // Four calls per 300 ms; the client's first wait after a 403 is 2 x 100 ms, then 400 ms.
    s.ibabs().limit(4, Duration::from_millis(300));
    let http = HttpConfig {
        backoff: Duration::from_millis(100),
        max_wait: Duration::from_secs(2),
        attempts: 5,
        ..quick()
    };
    let (_dir, archive) = empty_archive();
    let r = archive
        .sync(&utrecht(&s, "2026-01-01", "2026-06-30"), &options(http))
        .expect("gets past the throttle");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let motions = archive.motions().expect("motions");
    assert!(motions.iter().any(|m| m.member_votes.len() == 43));
    // Some calls were refused and asked again.
    let calls = 1 + 1 + 1 + 3 + 4 + 4;
    assert!(r.counts.requests > calls, "{} requests", r.counts.requests);
}

/// An address iBabs does not serve (a 403 "The request is blocked", or a 403 that does not
/// lift) ends the sync with the way around it: the rule `ibabs-whitelist`, in Dutch, naming
/// `raadsvolger sync obv`. A block is not asked again.
#[test]
fn a_refused_address_ends_with_the_route_through_openbesluitvorming() {
    let Some(s) = server() else { return };
    s.ibabs().block(true);
    let (_dir, archive) = empty_archive();
    let err = archive
        .sync(&utrecht(&s, "2026-01-01", "2026-06-30"), &options(quick()))
        .expect_err("refused");
    match &err {
        Error::Rule { rule, value, .. } => {
            assert_eq!((*rule, value.as_str()), ("ibabs-whitelist", "Utrecht"));
        }
        other => panic!("not the whitelist rule: {other:?}"),
    }
    let text = err.to_string();
    assert!(text.contains("witte lijst"), "{text}");
    assert!(
        text.contains("raadsvolger sync obv --source utrecht"),
        "{text}"
    );
    assert_eq!(
        s.log().len(),
        1,
        "a block is not asked again: {:?}",
        s.log()
    );
    let source = &archive.sources().expect("sources")[0];
    assert_eq!(source.last_status, "failed");

    // A throttle that never lifts (a budget of nothing) is the same refusal, after the tries.
    let s = server().expect("server");
    s.ibabs().limit(0, Duration::from_secs(60));
    let (_dir, archive) = empty_archive();
    let err = archive
        .sync(&utrecht(&s, "2026-01-01", "2026-06-30"), &options(quick()))
        .expect_err("refused");
    assert!(
        matches!(&err, Error::Rule { rule, .. } if *rule == "ibabs-whitelist"),
        "{err:?}"
    );
    assert_eq!(s.log().len(), 4, "the tries: {:?}", s.log());
}
