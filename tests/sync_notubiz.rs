//! The NotuBiz connector against the test server's NotuBiz (`tests/common/server/notubiz.rs`,
//! where each rule names its public source): events paged to `has_more_pages`, windows of
//! three months of which a refused one is skipped, public meetings only, bodies from the
//! gremia, modules found by name, and a sync of an organisation with 600 events over ten
//! years. The first test shows the server itself refuses what it should, so that the others
//! cannot pass against a lenient server.

use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use raadsvolger_core::sync::{SourceSpec, SyncOptions, SyncProgress, System};
use raadsvolger_core::{Archive, CommitmentQuery};
use raadsvolger_tests::server::{Fault, FixtureServer};
use raadsvolger_tests::{empty_archive, local_http, realdata_server, sync_options};

/// None (and a note) when the recorded responses are not there.
fn server() -> Option<FixtureServer> {
    realdata_server("ori-openstate/notubiz_meeting_amsterdam.json")
}

fn options() -> SyncOptions<'static> {
    sync_options(local_http(2, 10), false)
}

fn org(s: &FixtureServer, id: &str, from: &str, to: &str) -> SourceSpec {
    SourceSpec {
        system: Some(System::Notubiz),
        key: id.into(),
        base_url: Some(format!("{}/notubiz", s.url)),
        from: from.parse().ok(),
        to: to.parse().ok(),
        topics: Vec::new(),
    }
}

fn meetings(archive: &Archive) -> Vec<raadsvolger_core::Meeting> {
    archive.meetings(None, None).expect("meetings")
}

/// The requests of the log since `since` that contain `part`.
fn requests(s: &FixtureServer, since: usize, part: &str) -> Vec<String> {
    s.log()[since..]
        .iter()
        .filter(|l| l.contains(part))
        .cloned()
        .collect()
}

/// A plain GET of `path` at the server: (status, body).
fn get(s: &FixtureServer, path: &str) -> (u16, String) {
    let addr = s.url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).expect("connects");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("sends");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("reads");
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn the_test_server_refuses_what_notubiz_refuses() {
    let Some(s) = server() else { return };
    let q = "format=json&version=1.21&organisation_id=600";
    let window = |from: &str, to: &str| {
        format!(
            "/notubiz/events?{q}&date_from={from}%2000%3A00%3A00&date_to={to}%2023%3A59%3A59&page=1"
        )
    };
    // A quarter is served, with has_more_pages and without total_pages.
    let (status, body) = get(&s, &window("2016-01-01", "2016-03-31"));
    assert_eq!(status, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(v["pagination"]["has_more_pages"], false);
    assert!(v["pagination"].get("total_pages").is_none());
    assert_eq!(v["events"].as_array().map(Vec::len), Some(15));
    // A year is not.
    let (status, body) = get(&s, &window("2016-01-01", "2016-12-31"));
    assert_eq!(status, 404);
    assert!(body.contains("An uncaught error has occurred"), "{body}");
    // Requests without what every call carries, or with dates in another format.
    for wrong in [
        "/notubiz/events?version=1.21&organisation_id=600&date_from=2016-01-01%2000%3A00%3A00&date_to=2016-02-01%2000%3A00%3A00",
        "/notubiz/events?format=json&organisation_id=600&date_from=2016-01-01%2000%3A00%3A00&date_to=2016-02-01%2000%3A00%3A00",
        "/notubiz/events?format=json&version=1.21&date_from=2016-01-01%2000%3A00%3A00&date_to=2016-02-01%2000%3A00%3A00",
        "/notubiz/events?format=json&version=1.21&organisation_id=600&date_from=2016-01-01&date_to=2016-02-01",
        "/notubiz/events?format=json&version=1.21&organisation_id=600&date_from=01-01-2016%2000%3A00%3A00&date_to=2016-02-01%2000%3A00%3A00",
        "/notubiz/events/meetings/458902?format=json",
        "/notubiz/organisations/952/gremia?version=1.21",
        "/notubiz/modules/6/items?format=json&version=1.21",
    ] {
        let (status, body) = get(&s, wrong);
        assert_eq!(status, 400, "{wrong}: {body}");
        assert!(body.contains("message"), "{wrong}: {body}");
    }
    // A meeting that is not public: HTTP 200 with a message.
    let (status, body) = get(
        &s,
        "/notubiz/events/meetings/952001?format=json&version=1.21",
    );
    assert_eq!(status, 200);
    assert!(body.contains("No rights to see this meeting"), "{body}");
}

/// The headline: every meeting of an organisation with 600 events over ten years, in 40
/// windows of a quarter; a second sync fetches none of them again.
#[test]
fn a_sync_brings_every_meeting_of_an_organisation_with_600_events_over_ten_years() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let source = org(&s, "600", "2016-01-01", "2025-12-31");
    let r = archive.sync(&source, &options()).expect("syncs");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.source.last_status, "ok");
    assert_eq!(s.count("/notubiz/events?"), 40);
    assert_eq!(s.count("/notubiz/events/meetings/"), 600);
    let all = meetings(&archive);
    assert_eq!(all.len(), 600);
    assert_eq!(all.iter().map(|m| m.date).min(), "2016-01-04".parse().ok());
    assert!(all.iter().all(|m| m.agenda_items > 0));
    // Per year, what NotuBiz listed beside what the archive holds: the same, ten years.
    assert_eq!(r.source.years.len(), 10, "{:?}", r.source.years);
    for y in &r.source.years {
        assert_eq!(y.reported_meetings, Some(y.meetings), "{y:?}");
    }
    assert_eq!(
        r.source.years.iter().map(|y| y.meetings).sum::<usize>(),
        600
    );
    let again = archive.sync(&source, &options()).expect("again");
    assert!(again.problems.is_empty(), "{:?}", again.problems);
    assert_eq!(s.count("/notubiz/events/meetings/"), 600);
    assert_eq!(again.counts.unchanged, 600);
    assert_eq!(meetings(&archive).len(), 600);
}

/// A register that answers no meeting at all (503 on each, after the retries) is not asked
/// for every one in turn: after ten failures in a row the sync stops as failed, naming why,
/// and the next sync, once the register is back, brings them all.
#[test]
fn a_register_that_stops_answering_is_not_asked_for_every_record() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let source = org(&s, "600", "2016-01-01", "2016-12-31");
    s.arm("/notubiz/events/meetings/", Fault::Status(503, None), None);
    let err = archive.sync(&source, &options()).expect_err("stopped");
    assert!(err.to_string().contains("10 requests in a row"), "{err}");
    assert!(err.to_string().contains("503"), "{err}");
    // Ten meetings, each tried twice (options(): two attempts), then no more.
    assert_eq!(s.count("/notubiz/events/meetings/"), 20);
    let failed = &archive.sources().expect("sources")[0];
    assert_eq!(failed.last_status, "failed");

    s.disarm();
    let r = archive.sync(&source, &options()).expect("back");
    assert!(r.resumed);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let held = meetings(&archive).len();
    assert!(held >= 50, "{held}");
    assert_eq!(r.source.years.len(), 1, "{:?}", r.source.years);
    assert_eq!(r.source.years[0].reported_meetings, Some(held));
}

/// 450 events in one quarter come in three pages; the last says no more follow. (A client
/// that read `total_pages` would stop after the first.)
#[test]
fn event_pages_are_followed_until_has_more_pages_is_false() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let r = archive
        .sync(&org(&s, "201", "2025-01-01", "2025-03-31"), &options())
        .expect("syncs");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let pages = requests(&s, 0, "/notubiz/events?");
    assert_eq!(pages.len(), 3, "{pages:?}");
    for (i, p) in pages.iter().enumerate() {
        assert!(p.contains(&format!("&page={}", i + 1)), "{p}");
    }
    assert_eq!(meetings(&archive).len(), 450);
}

/// A listing that answers the same page again (and keeps saying more follow) ends its
/// window with a problem instead of looping; the next window is read.
#[test]
fn a_page_that_repeats_the_one_before_ends_its_window() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let r = archive
        .sync(&org(&s, "202", "2025-01-01", "2025-06-30"), &options())
        .expect("syncs");
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    assert!(
        r.problems[0].contains("repeats") && r.problems[0].contains("2025-01-01 – 2025-03-31"),
        "{:?}",
        r.problems
    );
    // Two pages of the first quarter, one of the second.
    assert_eq!(s.count("/notubiz/events?"), 3, "{:?}", s.log());
    assert_eq!(meetings(&archive).len(), 3);
}

/// Each window is at most three months (the server refuses wider ones with a 404); a window
/// refused all the same is a problem naming it and the answer, and the sync goes on.
#[test]
fn a_refused_window_is_a_problem_and_the_other_windows_come_in() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let r = archive
        .sync(&org(&s, "1118", "2019-01-01", "2019-12-31"), &options())
        .expect("syncs");
    assert_eq!(r.source.last_status, "ok");
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    let p = &r.problems[0];
    assert!(
        p.contains("2019-04-01 – 2019-06-30")
            && p.contains("404")
            && p.contains("An uncaught error has occurred"),
        "{p}"
    );
    assert_eq!(s.count("/notubiz/events?"), 4);
    // Eight meetings, two of them in the refused quarter.
    let got = meetings(&archive);
    assert_eq!(got.len(), 6, "{got:?}");
    assert!(
        !got.iter().any(|m| m.date.to_string().starts_with("2019-04")
            || m.date.to_string().starts_with("2019-05"))
    );
    // A year with a refused quarter has no count of the source's: it would look whole.
    let y2019 = r
        .source
        .years
        .iter()
        .find(|y| y.year == "2019")
        .expect("2019");
    assert_eq!((y2019.meetings, y2019.reported_meetings), (6, None));
}

/// A stopped sync resumes at the window and page it was in.
#[test]
fn a_stopped_sync_resumes_at_its_window_and_page() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let source = org(&s, "201", "2024-10-01", "2025-06-30");
    let cancel = AtomicBool::new(false);
    let stop = |p: &SyncProgress| {
        if p.message.contains("pagina 2") {
            cancel.store(true, Ordering::Relaxed);
        }
    };
    let opts = SyncOptions {
        progress: Some(&stop),
        cancel: Some(&cancel),
        ..options()
    };
    let stopped = archive.sync(&source, &opts).expect("stops cleanly");
    assert!(stopped.cancelled);
    assert_eq!(meetings(&archive).len(), 200, "the first page is kept");
    let before = s.log().len();
    let resumed = archive.sync(&source, &options()).expect("resumes");
    assert!(resumed.resumed);
    assert!(resumed.problems.is_empty(), "{:?}", resumed.problems);
    let pages = requests(&s, before, "/notubiz/events?");
    // Pages 2 and 3 of the first quarter of 2025, then the second quarter.
    assert_eq!(pages.len(), 3, "{pages:?}");
    assert!(
        pages[0].contains("date_from=2025-01-01") && pages[0].contains("&page=2"),
        "{pages:?}"
    );
    assert_eq!(requests(&s, before, "/events/meetings/").len(), 250);
    assert_eq!(meetings(&archive).len(), 450);
}

/// Events that are not public are not fetched; a meeting that answers "No rights" (HTTP 200)
/// or a 403 is a problem naming it, and the others come in.
#[test]
fn only_public_meetings_are_fetched_and_a_refused_meeting_is_a_problem() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let source = org(&s, "303", "2025-01-01", "2025-03-31");
    let r = archive.sync(&source, &options()).expect("syncs");
    assert_eq!(r.source.last_status, "ok");
    assert_eq!(s.count("/events/meetings/3030001"), 0, "not public");
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    assert!(
        r.problems[0].contains("3030002") && r.problems[0].contains("No rights"),
        "{:?}",
        r.problems
    );
    assert_eq!(meetings(&archive).len(), 1);
    // NotuBiz listed two public meetings in 2025; the archive holds one, and says so.
    let y2025 = r
        .source
        .years
        .iter()
        .find(|y| y.year == "2025")
        .expect("2025");
    assert_eq!((y2025.meetings, y2025.reported_meetings), (1, Some(2)));

    let (_dir, other) = empty_archive();
    s.arm(
        "/events/meetings/3030000",
        Fault::Status(403, None),
        Some(1),
    );
    let r = other.sync(&source, &options()).expect("syncs");
    assert_eq!(r.problems.len(), 2, "{:?}", r.problems);
    assert!(
        r.problems
            .iter()
            .any(|p| p.contains("3030000") && p.contains("403")),
        "{:?}",
        r.problems
    );
    assert_eq!(meetings(&other).len(), 0);
    assert_eq!(r.source.last_status, "ok");
}

/// A meeting's body is its gremium's title from `/organisations/<id>/gremia`, read once a
/// sync; without that list the meeting's title names it, and that is reported.
#[test]
fn bodies_are_named_by_the_organisations_gremia() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let source = org(&s, "952", "2015-01-01", "2026-12-31");
    let r = archive.sync(&source, &options()).expect("syncs");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(s.count("/organisations/952/gremia"), 1);
    let body_on = |archive: &Archive, year: &str| {
        meetings(archive)
            .into_iter()
            .find(|m| m.date.to_string().starts_with(year))
            .map(|m| m.body)
    };
    assert_eq!(body_on(&archive, "2018").as_deref(), Some("Gemeenteraad"));
    assert_eq!(
        body_on(&archive, "2024").as_deref(),
        Some("Commissie Meningsvorming")
    );

    // The volume organisation's meetings are in its three gremia.
    let (_dir, many) = empty_archive();
    many.sync(&org(&s, "600", "2016-01-01", "2016-03-31"), &options())
        .expect("syncs");
    let mut bodies: Vec<String> = meetings(&many).into_iter().map(|m| m.body).collect();
    bodies.sort();
    bodies.dedup();
    assert_eq!(
        bodies,
        ["Commissie Bestuur", "Commissie Ruimte", "Gemeenteraad"]
    );

    let (_dir, without) = empty_archive();
    s.arm(
        "/organisations/952/gremia",
        Fault::Status(404, None),
        Some(1),
    );
    let r = without.sync(&source, &options()).expect("syncs");
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    assert!(r.problems[0].contains("gremia"), "{:?}", r.problems);
    assert_eq!(
        body_on(&without, "2024").as_deref(),
        Some("Meningsvorming Raadzaal")
    );
}

/// The modules of moties, amendementen and toezeggingen are found by name in the
/// organisation's list, whatever their ids; without the list the usual ids 6 and 3 are read,
/// and that is reported.
#[test]
fn modules_are_found_by_name_and_the_usual_ids_are_the_fallback() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let r = archive
        .sync(&org(&s, "777", "2025-01-01", "2025-03-31"), &options())
        .expect("syncs");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    for asked in ["/modules/21/items", "/modules/22/items", "/modules/9/items"] {
        assert!(s.count(asked) >= 1, "{asked}: {:?}", s.log());
    }
    assert_eq!(
        s.count("/modules/6/items"),
        0,
        "6 is not a motions module here"
    );
    assert_eq!(s.count("/modules/3/items"), 0);
    assert_eq!(s.count("/modules/1/items"), 0);
    let motions = archive.motions().expect("motions").len();
    assert!(motions >= 4, "{motions}");
    let commitments = |a: &Archive| {
        a.commitments(
            "2026-12-01".parse().expect("day"),
            &CommitmentQuery::default(),
        )
        .expect("commitments")
    };
    // The toezeggingen of module 9 are commitments, not motions.
    let promised = commitments(&archive);
    assert!(
        promised.iter().any(|c| c.text.contains("fietsbrug")),
        "{promised:?}"
    );

    let (_dir, fallback) = empty_archive();
    s.arm(
        "/organisations/952/modules",
        Fault::Status(404, None),
        Some(1),
    );
    let before = s.log().len();
    let r = fallback
        .sync(&org(&s, "952", "2015-01-01", "2026-12-31"), &options())
        .expect("syncs");
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    assert!(r.problems[0].contains("modules"), "{:?}", r.problems);
    assert!(!requests(&s, before, "/modules/6/items").is_empty());
    assert!(!requests(&s, before, "/modules/3/items").is_empty());
    assert_eq!(fallback.motions().expect("motions").len(), motions);
    assert_eq!(commitments(&fallback).len(), promised.len());
}
