//! `sync` with GemeenteOplossingen (a v1 and a v2 installation) and Parlaeus against the
//! local server (`tests/common/server/go.rs`, `parlaeus.rs`), which checks the parameters
//! the way the public clients send them and answers in the shapes they read.

use raadsvolger_core::sync::{SourceSpec, SyncOptions, SyncReport, System};
use raadsvolger_core::{AgendaItem, Archive, Error, MeetingStatus};
use raadsvolger_tests::server::{FixtureServer, go, parlaeus};
use raadsvolger_tests::{empty_archive, local_http, realdata_server, sync_options};

fn server() -> Option<FixtureServer> {
    realdata_server("")
}

fn options() -> SyncOptions<'static> {
    sync_options(local_http(2, 5), true)
}

fn spec(system: System, key: &str, base: String) -> SourceSpec {
    SourceSpec {
        system: Some(system),
        key: key.into(),
        base_url: Some(base),
        from: "2023-01-01".parse().ok(),
        to: "2025-12-31".parse().ok(),
        topics: Vec::new(),
    }
}

fn sync(archive: &Archive, spec: &SourceSpec) -> SyncReport {
    archive
        .sync(spec, &options())
        .unwrap_or_else(|e| panic!("sync {spec:?}: {e}"))
}

fn count(items: &[AgendaItem]) -> usize {
    items.iter().map(|i| 1 + count(&i.items)).sum()
}

/// (meetings, agenda items, documents attached to items and meetings).
fn shape(archive: &Archive) -> (usize, usize, usize) {
    let meetings = archive.meetings(None, None).expect("meetings");
    let (mut items, mut docs) = (0, 0);
    for m in &meetings {
        let d = archive.meeting(m.id).expect("meeting");
        items += count(&d.agenda);
        docs += d.documents.len() + d.agenda.iter().map(|i| i.documents.len()).sum::<usize>();
    }
    (meetings.len(), items, docs)
}

/// A GemeenteOplossingen council: its version found, its meetings window by window, items
/// and documents; the meeting outside the range stays out; a second sync changes nothing.
fn go_council(install: &str, version: &str) {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let spec = spec(System::Go, "", format!("{}/go/{install}/api", s.url));
    let r = sync(&archive, &spec);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    // Four meetings in 2023-2025, three items each (the one with sortorder 0 left out), a
    // document on an item and one on the meeting.
    let meetings = 4;
    assert_eq!(
        shape(&archive),
        (
            meetings,
            meetings * go::ITEMS_PER_MEETING,
            meetings * go::DOCUMENTS_PER_MEETING
        ),
        "{:?}",
        r.counts
    );
    assert_eq!(r.counts.attached, meetings * go::DOCUMENTS_PER_MEETING);
    let list = archive.meetings(None, None).expect("meetings");
    let first = list
        .iter()
        .find(|m| m.date.to_string() == "2023-03-09")
        .expect("the meeting of 9 March 2023");
    assert_eq!(first.body, "Gemeenteraad");
    assert_eq!(first.time.as_deref(), Some("19:30"));
    assert_eq!(first.location.as_deref(), Some("Raadzaal"));
    let cancelled = list
        .iter()
        .find(|m| m.date.to_string() == "2025-02-13")
        .expect("the cancelled meeting");
    assert_eq!(cancelled.status, MeetingStatus::Cancelled);
    assert_eq!(cancelled.body, "Commissie Ruimte");
    let detail = archive.meeting(first.id).expect("detail");
    let titles: Vec<&str> = detail.agenda.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles[0], "Opening en vaststelling van de agenda");
    assert_eq!(
        detail.agenda[1].description.as_deref(),
        Some("Het college stelt voor het fietspad aan te leggen.")
    );
    // Per year, the meetings the API listed beside those the archive holds.
    let years = archive
        .sources()
        .expect("sources")
        .pop()
        .expect("the source")
        .years;
    assert!(!years.is_empty());
    for y in &years {
        assert_eq!(y.reported_meetings, Some(y.meetings), "{y:?}");
    }
    // Six-month windows over three years.
    let listings: Vec<String> = s
        .log()
        .into_iter()
        .filter(|l| l.contains("/meetings?"))
        .collect();
    assert_eq!(listings.len(), 6, "{listings:?}");
    let dates = if version == "v2" {
        "date_from=2023-01-01&date_to=2023-06-30"
    } else {
        "date_from=1672531200&date_to=1688169599"
    };
    assert!(
        listings[0].contains(&format!("/{version}/meetings?{dates}")),
        "{listings:?}"
    );

    // Again: every meeting is the same, nothing is written or fetched twice.
    let before = s.log().len();
    let again = sync(&archive, &spec);
    assert_eq!(again.counts.records, 0, "{:?}", again.counts);
    assert_eq!(again.counts.unchanged, meetings);
    assert_eq!(shape(&archive).0, meetings);
    // The version found is kept: the other one is not asked again.
    let other = if version == "v1" { "/v2/" } else { "/v1/" };
    let asked_other = s.log()[before..].iter().any(|l| l.contains(other));
    assert!(!asked_other, "{:?}", &s.log()[before..]);
}

#[test]
fn a_gemeenteoplossingen_v1_council_syncs_its_meetings_items_and_documents() {
    go_council("raad-een", "v1");
}

#[test]
fn a_gemeenteoplossingen_v2_council_is_found_out_and_synced() {
    go_council("raad-twee", "v2");
}

#[test]
fn a_gemeenteoplossingen_address_without_an_api_says_so() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let spec = spec(System::Go, "", format!("{}/go/nergens/api", s.url));
    let err = archive.sync(&spec, &options()).expect_err("no API there");
    let text = err.to_string();
    assert!(matches!(err, Error::Sync(_)), "{err:?}");
    assert!(
        text.contains("no GemeenteOplossingen API (v1 or v2)"),
        "{text}"
    );
    // Without an address there is nothing to ask.
    let none = SourceSpec {
        base_url: None,
        ..spec
    };
    let err = archive.add_source(&none).expect_err("no base URL");
    assert!(err.to_string().contains("--base-url"), "{err}");
}

fn parlaeus_spec(s: &FixtureServer, session: &str) -> SourceSpec {
    SourceSpec {
        from: "2024-01-01".parse().ok(),
        to: "2024-12-31".parse().ok(),
        ..spec(
            System::Parlaeus,
            session,
            format!("{}{}", s.url, parlaeus::PATH),
        )
    }
}

#[test]
fn a_parlaeus_council_syncs_its_agendas_points_and_documents() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let spec = parlaeus_spec(&s, parlaeus::SESSION);
    let r = sync(&archive, &spec);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    // Three agendas in 2024 with three points each; two points with a document each, one of
    // them behind a glued link that is repaired.
    assert_eq!(shape(&archive), (3, 3 * parlaeus::POINTS_PER_AGENDA, 3 * 2));
    // The agenda list's own count of 2024 beside the archive's.
    let y2024 = r
        .source
        .years
        .iter()
        .find(|y| y.year == "2024")
        .expect("2024");
    assert_eq!((y2024.meetings, y2024.reported_meetings), (3, Some(3)));
    assert!(
        s.log().iter().any(|l| l.contains("fn=agenda_list")
            && l.contains("since=20240101")
            && l.contains("until=20241231")),
        "{:?}",
        s.log()
    );
    let list = archive.meetings(None, None).expect("meetings");
    let raad = list
        .iter()
        .find(|m| m.date.to_string() == "2024-01-25")
        .expect("25 January");
    // The body is the committee's name from cie_list.
    assert_eq!(raad.body, "Gemeenteraad");
    assert_eq!(raad.time.as_deref(), Some("19:30"));
    assert_eq!(raad.end_time, None);
    let commissie = list
        .iter()
        .find(|m| m.date.to_string() == "2024-02-08")
        .expect("8 February");
    assert_eq!(commissie.body, "Commissie Bestuur");
    let cancelled = list
        .iter()
        .find(|m| m.date.to_string() == "2024-03-14")
        .expect("14 March");
    assert_eq!(cancelled.status, MeetingStatus::Cancelled);
    let detail = archive.meeting(raad.id).expect("detail");
    let point = &detail.agenda[1];
    assert_eq!(point.number.as_deref(), Some("2"));
    assert_eq!(
        point.description.as_deref(),
        Some(
            "Vaststellen van het bestemmingsplan.\n\nBesluit: Aangenomen met 20 stemmen voor en 9 tegen"
        )
    );
    assert_eq!(point.documents.len(), 1);

    // Again: last_change is the same, no agenda is fetched again.
    let details = s.count("fn=agenda_detail");
    let again = sync(&archive, &spec);
    assert_eq!(again.counts.unchanged, 3, "{:?}", again.counts);
    assert_eq!(again.counts.records, 0);
    assert_eq!(s.count("fn=agenda_detail"), details);
}

#[test]
fn a_wrong_or_missing_parlaeus_session_is_a_clear_error() {
    let Some(s) = server() else { return };
    let (_dir, archive) = empty_archive();
    let err = archive
        .sync(&parlaeus_spec(&s, "not-the-session"), &options())
        .expect_err("a wrong session");
    let text = err.to_string();
    assert!(matches!(err, Error::Sync(_)), "{err:?}");
    assert!(
        text.contains("Parlaeus answered status 403: Invalid session"),
        "{text}"
    );
    assert!(text.contains("is the session id right?"), "{text}");
    assert!(archive.meetings(None, None).expect("meetings").is_empty());
    let failed = archive.sources().expect("sources");
    assert_eq!(failed[0].last_status, "failed");

    let err = archive
        .add_source(&parlaeus_spec(&s, " "))
        .expect_err("no session");
    assert!(err.to_string().contains("needs its session"), "{err}");
}

/// `raadsvolger sync go` and `sync parlaeus` from the command line, with `--json`.
#[test]
fn the_cli_syncs_a_gemeenteoplossingen_and_a_parlaeus_council() {
    let Some(s) = server() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let archive_dir = dir.path().join("archief");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(raadsvolger_tests::cli_binary())
            .arg("--archive")
            .arg(&archive_dir)
            .args(["--json", "sync"])
            .args(args)
            .args(["--pace-ms", "0", "--no-documents"])
            .output()
            .expect("runs");
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(out.status.success(), "{args:?}: {text} {err}");
        serde_json::from_str::<serde_json::Value>(&text).expect("JSON report")
    };
    let go_base = format!("{}/go/raad-twee/api", s.url);
    let r = run(&[
        "go",
        "--base-url",
        &go_base,
        "--from",
        "2023-01-01",
        "--to",
        "2025-12-31",
    ]);
    assert_eq!(r["source"]["system"], "go");
    assert_eq!(r["source"]["key"], go_base.as_str());
    assert_eq!(r["counts"]["records"], 4 * (1 + go::ITEMS_PER_MEETING));
    let p_base = format!("{}{}", s.url, parlaeus::PATH);
    let r = run(&[
        "parlaeus",
        "--base-url",
        &p_base,
        "--session",
        parlaeus::SESSION,
        "--from",
        "2024-01-01",
        "--to",
        "2024-12-31",
    ]);
    assert_eq!(r["source"]["system"], "parlaeus");
    assert_eq!(r["source"]["key"], parlaeus::SESSION);
    assert_eq!(
        r["counts"]["records"],
        3 * (1 + parlaeus::POINTS_PER_AGENDA)
    );
}
