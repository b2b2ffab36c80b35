//! Saved searches (alerts) end to end: saved through the CLI, flagged by an import of files and
//! by a sync from a local NotuBiz-shaped server, shown, marked seen and deleted with `--json`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use assert_cmd::Command;
use raadsvolger_core::sync::{HttpConfig, SourceSpec, SyncOptions, System};
use raadsvolger_core::{AlertFilters, DocKind};
use raadsvolger_tests::{cli, empty_archive, fixtures};
use serde_json::Value;

fn json(cmd: &mut Command) -> Value {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

fn write_doc(dir: &Path, name: &str, title: &str, kind: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(
        &path,
        format!("---\ntitle: {title}\nkind: {kind}\ndate: 2026-01-15\n---\n\n{body}\n"),
    )
    .expect("write");
    path
}

#[test]
fn the_cli_saves_flags_shows_marks_and_deletes() {
    let dir = tempfile::tempdir().expect("tmp");
    let archive = dir.path().join("archief");
    // The example dossier first: what is there before the search is saved is not new.
    json(
        cli(&archive)
            .args(["import", "--json"])
            .arg(fixtures().join("dossier")),
    );

    let saved = json(cli(&archive).args([
        "alert",
        "add",
        "Mensenhandel in moties",
        "mensenhandel",
        "--kind",
        "motie",
        "--json",
    ]));
    let id = saved["id"].as_i64().expect("id");
    assert_eq!(saved["new_count"], 0);
    assert_eq!(saved["filters"]["kinds"][0], "motie");

    let docs = dir.path().join("nieuw");
    std::fs::create_dir_all(&docs).expect("dir");
    write_doc(
        &docs,
        "motie.md",
        "Motie opvang slachtoffers mensenhandel",
        "motie",
        "De raad verzoekt het college de opvang van slachtoffers van mensenhandel uit te breiden.",
    );
    write_doc(
        &docs,
        "brief.md",
        "Brief over mensenhandel",
        "raadsinformatiebrief",
        "Het college informeert de raad over de aanpak van mensenhandel.",
    );
    write_doc(
        &docs,
        "zwembad.md",
        "Motie zwembad",
        "motie",
        "De raad verzoekt het college het zwembad open te houden.",
    );
    json(cli(&archive).args(["import", "--json"]).arg(&docs));

    let list = json(cli(&archive).args(["alert", "list", "--json"]));
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    assert_eq!(list[0]["new_count"], 1, "{list}");

    let shown = json(cli(&archive).args(["alert", "show", &id.to_string(), "--json"]));
    let hits = shown["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 1, "{shown}");
    assert_eq!(hits[0]["title"], "Motie opvang slachtoffers mensenhandel");
    assert_eq!(hits[0]["kind"], "motie");
    assert_eq!(hits[0]["seen"], false);

    let seen = json(cli(&archive).args(["alert", "seen", &id.to_string(), "--json"]));
    assert_eq!(seen["new_count"], 0);
    assert!(seen["last_seen_at"].is_string());
    let shown = json(cli(&archive).args(["alert", "show", &id.to_string(), "--json"]));
    assert_eq!(shown["hits"].as_array().map(Vec::len), Some(0));
    let all = json(cli(&archive).args(["alert", "show", &id.to_string(), "--all", "--json"]));
    assert_eq!(all["hits"][0]["seen"], true);

    // Importing the same files again brings nothing new.
    json(cli(&archive).args(["import", "--json"]).arg(&docs));
    let list = json(cli(&archive).args(["alert", "list", "--json"]));
    assert_eq!(list[0]["new_count"], 0);

    // Errors are one line with exit status 2.
    let out = cli(&archive)
        .args(["alert", "add", "Kapot", "(fiets"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("invalid query"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = cli(&archive)
        .args(["alert", "show", "999"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));

    let deleted = json(cli(&archive).args(["alert", "delete", &id.to_string(), "--json"]));
    assert_eq!(deleted["ok"], true);
    let list = json(cli(&archive).args(["alert", "list", "--json"]));
    assert_eq!(list.as_array().map(Vec::len), Some(0));
}

/// A server in the shape of NotuBiz's API, from `fixtures/sync/notubiz/`: one meeting with a
/// council proposal attached. Returns its base URL and the count of requests it answered.
fn notubiz_server() -> (String, Arc<AtomicUsize>) {
    let server = tiny_http::Server::http("127.0.0.1:0").expect("server");
    let base = format!("http://{}", server.server_addr());
    let hits = Arc::new(AtomicUsize::new(0));
    let counted = hits.clone();
    let dir = fixtures().join("sync/notubiz");
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            counted.fetch_add(1, Ordering::SeqCst);
            let path = request.url().split('?').next().unwrap_or("").to_owned();
            let file = match path.as_str() {
                "/events" => Some(("events.json", "application/json")),
                "/events/meetings/7101" => Some(("meeting-7101.json", "application/json")),
                "/organisations/9999/gremia" => Some(("gremia.json", "application/json")),
                "/organisations/9999/modules" => Some(("modules.json", "application/json")),
                p if p.starts_with("/modules/") => Some(("modules-empty.json", "application/json")),
                "/document/55501/1" => Some(("document-55501.html", "text/html; charset=utf-8")),
                _ => None,
            };
            let response = match file.and_then(|(f, t)| Some((std::fs::read(dir.join(f)).ok()?, t)))
            {
                Some((bytes, content_type)) => tiny_http::Response::from_data(bytes).with_header(
                    tiny_http::Header::from_bytes("Content-Type", content_type).expect("header"),
                ),
                None => tiny_http::Response::from_data(b"not here".to_vec()).with_status_code(404),
            };
            let _ = request.respond(response);
        }
    });
    (base, hits)
}

#[test]
fn a_sync_flags_the_documents_it_downloads_once() {
    let (_dir, archive) = empty_archive();
    let saved = archive
        .save_search("Speelruimte", "speelruimteplan", &AlertFilters::default())
        .expect("saved");
    let only_letters = archive
        .save_search(
            "Brieven",
            "speelruimteplan",
            &AlertFilters {
                kinds: vec![DocKind::Raadsinformatiebrief],
                ..AlertFilters::default()
            },
        )
        .expect("saved");
    let (base, requests) = notubiz_server();
    let spec = SourceSpec {
        system: Some(System::Notubiz),
        key: "9999".into(),
        base_url: Some(base),
        from: "2026-01-01".parse().ok(),
        to: "2026-12-31".parse().ok(),
        topics: Vec::new(),
    };
    let options = SyncOptions {
        http: HttpConfig {
            pace: std::time::Duration::ZERO,
            ..HttpConfig::default()
        },
        ..SyncOptions::default()
    };
    let report = archive.sync(&spec, &options).expect("sync");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.counts.documents, 1, "{report:?}");
    assert!(requests.load(Ordering::SeqCst) >= 4);
    let meetings = archive.meetings(None, None).expect("meetings");
    assert!(
        meetings.iter().any(|m| m.date.to_string() == "2026-02-05"),
        "{meetings:?}"
    );

    let hits = archive.alert_hits(saved.id, true).expect("hits");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].title, "Raadsvoorstel speelruimteplan Lindenhof");
    assert!(
        archive
            .alert_hits(only_letters.id, false)
            .expect("letters")
            .is_empty()
    );

    // A second sync brings nothing new: the alert keeps its one hit.
    let again = archive.sync(&spec, &options).expect("sync again");
    assert_eq!(again.counts.documents, 0);
    assert_eq!(archive.saved_search(saved.id).expect("one").new_count, 1);
}
