//! The `raadsvolger` binary, driven as a script would: --json output, exit codes, errors on
//! stderr as one line.

use assert_cmd::Command;
use predicates::prelude::*;
use raadsvolger_tests::fixtures;
use serde_json::Value;

fn cli(archive: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("raadsvolger").expect("binary built");
    cmd.arg("--archive")
        .arg(archive)
        .env_remove("RAADSVOLGER_ARCHIVE");
    cmd
}

fn json_of(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

#[test]
fn import_search_show_stats_reindex_as_json() {
    let dir = tempfile::tempdir().expect("tmp");
    let archive = dir.path().join("archief");

    let out = cli(&archive)
        .args(["import", "--json"])
        .arg(fixtures().join("dossier"))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let import = json_of(&out);
    let n = import["imported"].as_u64().expect("imported count");
    assert!(n >= 20);
    assert_eq!(import["skipped"], 0);
    assert_eq!(import["failed"], Value::Array(vec![]));
    let first = &import["documents"][0];
    for key in ["id", "title", "kind", "date", "source"] {
        assert!(
            first.get(key).is_some(),
            "documents[0] lacks {key}: {first}"
        );
    }

    // Again: every file is a duplicate.
    let again = json_of(
        &cli(&archive)
            .arg("import")
            .arg(fixtures().join("dossier"))
            .arg("--json")
            .output()
            .expect("runs"),
    );
    assert_eq!(again["imported"], 0);
    assert_eq!(again["skipped"].as_u64(), Some(n));

    let out = cli(&archive)
        .args([
            "search",
            "zorgcoördinator",
            "--kind",
            "motie",
            "--limit",
            "3",
            "--json",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let search = json_of(&out);
    assert!(search["total"].as_u64().expect("total") >= 1);
    assert_eq!(search["fuzzy"], false);
    let hit = &search["hits"][0];
    for key in ["id", "title", "kind", "date", "source", "score", "snippet"] {
        assert!(hit.get(key).is_some(), "hit lacks {key}: {hit}");
    }
    assert_eq!(hit["kind"], "motie");
    assert!(hit["snippet"].as_str().expect("snippet").contains("<mark>"));
    assert!(search["facets"]["kind"].is_array());

    let fuzzy = json_of(
        &cli(&archive)
            .args(["search", "menselhandel", "--json"])
            .output()
            .expect("runs"),
    );
    assert_eq!(fuzzy["fuzzy"], true);
    assert_eq!(fuzzy["suggestion"], "mensenhandel");

    let by_date = json_of(
        &cli(&archive)
            .args([
                "search",
                "mensenhandel",
                "--sort",
                "date",
                "--from",
                "2023-01-01",
                "--party",
                "CU",
                "--json",
            ])
            .output()
            .expect("runs"),
    );
    for h in by_date["hits"].as_array().expect("hits") {
        assert!(h["date"].as_str().expect("date") >= "2023-01-01");
    }

    let id = hit["id"].as_i64().expect("id");
    let show = json_of(
        &cli(&archive)
            .args(["show", &id.to_string(), "--json"])
            .output()
            .expect("runs"),
    );
    assert_eq!(show["id"], id);
    assert!(show["body_text"].as_str().expect("text").contains("zorgco"));

    let stats = json_of(
        &cli(&archive)
            .args(["stats", "--json"])
            .output()
            .expect("runs"),
    );
    assert_eq!(stats["documents"].as_u64(), Some(n));

    let reindex = json_of(
        &cli(&archive)
            .args(["reindex", "--json"])
            .output()
            .expect("runs"),
    );
    assert_eq!(reindex["documents"].as_u64(), Some(n));
}

#[test]
fn a_failed_file_exits_1_and_the_rest_is_imported() {
    let dir = tempfile::tempdir().expect("tmp");
    let archive = dir.path().join("a");
    let out = cli(&archive)
        .args(["import", "--json"])
        .arg(fixtures().join("bad/empty.md"))
        .arg(fixtures().join("formats/notitie-zonder-frontmatter.md"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let report = json_of(&out);
    assert_eq!(report["imported"], 1);
    assert_eq!(report["failed"][0]["error"], "file is empty");
    assert!(
        report["failed"][0]["path"]
            .as_str()
            .expect("path")
            .ends_with("empty.md")
    );
}

#[test]
fn errors_are_one_line_on_stderr_with_exit_2() {
    let dir = tempfile::tempdir().expect("tmp");
    let archive = dir.path().join("a");
    cli(&archive)
        .args(["search", "\"voor de zomer", "--json"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(
            predicate::str::contains("closing quote")
                .and(predicate::function(|s: &str| s.trim().lines().count() == 1)),
        );
    cli(&archive)
        .args(["show", "999"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("document 999 not found"));
    cli(&archive)
        .args(["search", "x", "--from", "15-03-2018"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("YYYY-MM-DD"));
}

#[test]
fn demo_loads_the_embedded_dossier_without_files() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = cli(&dir.path().join("demo"))
        .current_dir(dir.path())
        .args(["demo", "--json"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let demo = json_of(&out);
    assert!(demo["import"]["imported"].as_u64().expect("count") >= 20);
    assert!(demo["search"]["results"]["total"].as_u64().expect("total") >= 5);
}

#[test]
fn the_archive_location_comes_from_the_environment() {
    let dir = tempfile::tempdir().expect("tmp");
    let archive = dir.path().join("uit-env");
    Command::cargo_bin("raadsvolger")
        .expect("binary")
        .env("RAADSVOLGER_ARCHIVE", &archive)
        .args(["stats", "--json"])
        .assert()
        .success();
    assert!(archive.join("archive.sqlite").exists());
}
