//! The `raadsvolger` binary, driven as a script would: --json output, exit codes, errors on
//! stderr as one line.

use assert_cmd::Command;
use predicates::prelude::*;
use raadsvolger_tests::{cli, fixtures};
use serde_json::Value;

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
        .args(["search", "x", "--from", "15/03/2018"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("DD-MM-YYYY or YYYY-MM-DD"));
    // A day as a Dutch user writes it is read.
    cli(&archive)
        .args(["search", "x", "--from", "15-03-2018"])
        .assert()
        .success();
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
    Command::new(raadsvolger_tests::cli_binary())
        .env("RAADSVOLGER_ARCHIVE", &archive)
        .args(["stats", "--json"])
        .assert()
        .success();
    assert!(archive.join("archive.sqlite").exists());
}

/// Runs a command that must succeed and returns its JSON output.
fn ok_json(cmd: &mut Command) -> Value {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_of(&out)
}

/// An archive folder holding the embedded example dossier, loaded through the CLI.
fn demo_archive() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tmp");
    let archive = dir.path().join("archief");
    cli(&archive).args(["demo", "--json"]).assert().success();
    (dir, archive)
}

#[test]
fn motions_and_commitments_as_json() {
    let (_dir, archive) = demo_archive();
    let motions = ok_json(cli(&archive).args(["motions", "--json"]));
    let amended = motions
        .as_array()
        .expect("a list")
        .iter()
        .find(|m| m["number"] == "23161.001")
        .expect("motion 23161.001");
    assert_eq!(amended["outcome"], "aangenomen");
    assert_eq!(amended["votes_for"], 34);
    assert_eq!(amended["votes_against"], 4);

    let overdue = ok_json(cli(&archive).args([
        "commitments",
        "--as-of",
        "2026-11-22",
        "--flag",
        "overdue",
        "--json",
    ]));
    let dues: Vec<&str> = overdue
        .as_array()
        .expect("a list")
        .iter()
        .map(|c| c["due"].as_str().expect("a due date"))
        .collect();
    assert_eq!(dues, ["2018-07-01", "2018-09-01"]);

    cli(&archive)
        .args(["commitments", "--flag", "te-laat"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("overdue"));
}

#[test]
fn long_lists_page_with_limit_and_offset() {
    let (_dir, archive) = demo_archive();
    let all = ok_json(cli(&archive).args(["timeline", "--json"]));
    let all = all.as_array().expect("the whole list").clone();
    assert!(all.len() > 10, "{}", all.len());
    let page = ok_json(cli(&archive).args(["timeline", "--limit", "4", "--offset", "3", "--json"]));
    assert_eq!(page["total"].as_u64(), Some(all.len() as u64));
    assert_eq!(page["offset"], 3);
    assert_eq!(page["items"].as_array().expect("items")[..], all[3..7]);

    let motions = ok_json(cli(&archive).args(["motions", "--json"]));
    let first = ok_json(cli(&archive).args(["motions", "--limit", "2", "--json"]));
    assert_eq!(
        first["total"].as_u64(),
        motions.as_array().map(|m| m.len() as u64)
    );
    assert_eq!(first["items"].as_array().map(Vec::len), Some(2));
    let text = cli(&archive)
        .args(["commitments", "--as-of", "2026-11-22", "--limit", "1"])
        .assert()
        .success();
    let out = String::from_utf8_lossy(&text.get_output().stdout).into_owned();
    assert!(
        out.trim_end().ends_with(&format!(
            "1–1 van {}",
            ok_json(cli(&archive).args(["commitments", "--as-of", "2026-11-22", "--json"]))
                .as_array()
                .map(Vec::len)
                .unwrap_or(0)
        )),
        "{out}"
    );

    cli(&archive)
        .args(["timeline", "--limit", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("1 to 1000"));
}

#[test]
fn commitment_set_records_status_evidence_and_history() {
    let (_dir, archive) = demo_archive();
    let overdue = ok_json(cli(&archive).args([
        "commitments",
        "--as-of",
        "2026-11-22",
        "--flag",
        "overdue",
        "--json",
    ]));
    let id = overdue[1]["id"].as_i64().expect("id");

    // No date: refused with the reason, nothing changed.
    cli(&archive)
        .args(["commitment", "set", &id.to_string(), "--status", "afgedaan"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--date"));

    let c = ok_json(
        cli(&archive)
            .args(["commitment", "set", &id.to_string(), "--status", "afgedaan"])
            .args(["--date", "2019-02-01", "--evidence", "1"])
            .args(["--note", "zie brief", "--json"]),
    );
    assert_eq!(c["status"], "met");
    assert_eq!(c["flag"], "met-late");
    assert_eq!(c["evidence"][0]["document_id"], 1);
    assert_eq!(c["history"][0]["new"], "met");

    let shown = ok_json(cli(&archive).args([
        "commitment",
        "show",
        &id.to_string(),
        "--as-of",
        "2026-11-22",
        "--json",
    ]));
    assert_eq!(shown["flag"], "met-late");
    assert!(shown["suggestions"].is_array());

    let added = ok_json(
        cli(&archive)
            .args([
                "commitment",
                "add",
                "--text",
                "de raad te informeren over de opvang",
            ])
            .args([
                "--actor",
                "burgemeester",
                "--date",
                "2024-01-10",
                "--due",
                "2024-06-30",
                "--json",
            ]),
    );
    assert_eq!(added["origin"], "manual");
    assert_eq!(added["due"], "2024-06-30");
}

#[test]
fn deadlines_from_a_tsv_one_json_object_per_line() {
    let dir = tempfile::tempdir().expect("tmp");
    let tsv = dir.path().join("zinnen.tsv");
    std::fs::write(
        &tsv,
        "id\tbron\tdoc_date\tsentence\n\
         a1\tx\t2020-02-10\tHet college zegt toe de nota vóór 1 mei aanstaande te sturen.\n\
         a2\tx\t2020-02-10\tIn 2015 is het convenant getekend.\n",
    )
    .expect("write");
    let out = cli(&dir.path().join("a"))
        .args(["deadlines", "--json", "--tsv"])
        .arg(&tsv)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a1");
    assert_eq!(lines[0]["deadlines"][0]["kind"], "day");
    assert_eq!(lines[0]["deadlines"][0]["due"], "2020-05-01");
    assert_eq!(lines[1]["deadlines"].as_array().expect("list").len(), 0);

    let one = ok_json(
        cli(&dir.path().join("a"))
            .args(["deadlines", "--json", "--date", "2022-06-01"])
            .arg("We komen in het eerste kwartaal met een plan."),
    );
    assert_eq!(one["deadlines"][0]["kind"], "quarter");
    assert_eq!(one["deadlines"][0]["due"], "2023-03-31");

    std::fs::write(&tsv, "nummer\tzin\n1\tiets\n").expect("write");
    cli(&dir.path().join("a"))
        .args(["deadlines", "--tsv"])
        .arg(&tsv)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("doc_date"));
}

#[test]
fn deadlines_explain_names_the_rule_of_each_candidate_and_the_filter_that_dropped_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let sentence = "De wethouder zegt toe zo snel mogelijk en uiterlijk 1 oktober 2025 een \
                    plan te sturen; de regels van vóór 2024 blijven gelden.";
    let explained = ok_json(
        cli(&dir.path().join("a"))
            .args(["deadlines", "--explain", "--json", "--date", "2025-03-10"])
            .arg(sentence),
    );
    let list = explained["candidates"].as_array().expect("list");
    let row = |text: &str| {
        list.iter()
            .find(|c| c["text"] == text)
            .unwrap_or_else(|| panic!("no candidate {text:?} in {list:?}"))
    };
    let day = row("uiterlijk 1 oktober 2025");
    assert_eq!(day["rule"], "day");
    assert_eq!(day["kept"], true);
    assert_eq!(day["dropped_by"], Value::Null);
    let asap = row("zo snel mogelijk");
    assert_eq!(asap["rule"], "asap");
    assert_eq!(asap["dropped_by"], "asap_beside_harder_limit");
    assert_eq!(row("vóór 2024")["dropped_by"], "past_date");

    // Without --json: one line per candidate, kept or dropped with the filter's name.
    cli(&dir.path().join("a"))
        .args(["deadlines", "--explain", "--date", "2025-03-10"])
        .arg(sentence)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "day:2025-10-01 «uiterlijk 1 oktober 2025»\tregel day",
        ))
        .stdout(predicate::str::contains(
            "vervalt (asap_beside_harder_limit)",
        ));
    // --explain reads one sentence, not a file.
    cli(&dir.path().join("a"))
        .args(["deadlines", "--explain", "--tsv", "zinnen.tsv"])
        .assert()
        .code(2);
}

#[test]
fn exports_write_csv_ics_and_the_report() {
    let (dir, archive) = demo_archive();
    let csv = dir.path().join("toezeggingen.csv");
    cli(&archive)
        .args(["export", "csv", "--as-of", "2026-11-22", "-o"])
        .arg(&csv)
        .assert()
        .success();
    let text = std::fs::read_to_string(&csv).expect("csv written");
    assert!(text.starts_with('\u{feff}'));
    assert_eq!(text.matches(";overdue;").count(), 2);

    let out = cli(&archive)
        .args(["export", "ics", "--as-of", "2026-11-22"])
        .output()
        .expect("runs");
    let ics = String::from_utf8(out.stdout).expect("utf-8");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);

    let report = dir.path().join("lijst.md");
    cli(&archive)
        .args(["export", "report", "--as-of", "2026-11-22", "-o"])
        .arg(&report)
        .assert()
        .success();
    let md = std::fs::read_to_string(&report).expect("markdown written");
    assert!(md.contains("Lijst van toezeggingen en moties"));
    let html = std::fs::read_to_string(report.with_extension("html")).expect("html beside it");
    assert!(html.contains("<table>"));
}

#[test]
fn settings_are_set_and_read_back_and_a_bad_recess_says_what_is_wrong() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = cli(dir.path())
        .args([
            "--json",
            "settings",
            "set",
            "--council-name",
            "Raad Lindenhof",
        ])
        .args([
            "--due-soon-days",
            "14",
            "--recess",
            "zomerreces=07-11..08-23",
        ])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json_of(&out);
    assert_eq!(v["council_name"], "Raad Lindenhof");
    assert_eq!(v["recesses"][0]["start"], "07-11");
    cli(dir.path())
        .args(["settings", "set", "--recess", "kerstreces=12-40..01-04"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("kerstreces: start \"12-40\""));
    let v = json_of(
        &cli(dir.path())
            .args(["--json", "settings"])
            .output()
            .expect("runs"),
    );
    assert_eq!(v["due_soon_days"], 14);
    assert_eq!(v["recesses"].as_array().map(Vec::len), Some(1));
}

#[test]
fn a_search_offset_past_the_bound_is_exit_2_with_one_line() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = cli(&dir.path().join("archief"))
        .args(["search", "motie", "--offset", "1000000000000000"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("offset"), "{err}");
}

#[test]
fn councils_cover_the_country_and_name_routes_and_successors() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = Command::new(raadsvolger_tests::cli_binary())
        .args(["councils", "--json", "--config"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let all = json_of(&out);
    let all = all.as_array().expect("a list");
    assert!(all.len() >= 330, "{} councils", all.len());
    let find = |name: &str, kind: &str| {
        all.iter()
            .find(|c| c["name"] == name && c["kind"] == kind)
            .unwrap_or_else(|| panic!("{name}"))
            .clone()
    };
    for key in [
        "name",
        "kind",
        "system",
        "key",
        "cbs_code",
        "route",
        "successor",
        "source",
    ] {
        assert!(all[0].get(key).is_some(), "{key} missing: {}", all[0]);
    }
    assert_eq!(find("Groningen", "gemeente")["system"], "go");
    assert_eq!(find("Leeuwarden", "gemeente")["system"], "ibabs");
    assert_eq!(find("Leeuwarden", "gemeente")["route"], "obv");
    assert_eq!(find("Maastricht", "gemeente")["system"], "parlaeus");
    assert_eq!(find("Weesp", "gemeente")["successor"], "Amsterdam");
    let by_code = json_of(
        &Command::new(raadsvolger_tests::cli_binary())
            .args(["councils", "GM0034", "--json", "--config"])
            .arg(dir.path())
            .output()
            .expect("runs"),
    );
    assert_eq!(by_code[0]["name"], "Almere");
}

#[test]
fn a_council_is_synced_by_name_through_its_route() {
    // Not a sync against a server: an unknown name is refused before anything is set up.
    let dir = tempfile::tempdir().expect("tmp");
    let out = cli(&dir.path().join("archief"))
        .args(["sync", "council", "Nergenshuizen", "--config"])
        .arg(dir.path().join("config"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Nergenshuizen"), "{err}");
    let both = cli(&dir.path().join("archief"))
        .args(["sync", "council", "Groningen", "--config"])
        .arg(dir.path().join("config"))
        .output()
        .expect("runs");
    assert_eq!(both.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&both.stderr).contains("--kind"));
}

/// `archives`: the list the app's switcher shows, changed from the command line; two changes
/// made at once both stay (the list is changed under its own lock).
#[test]
fn archives_are_added_listed_and_forgotten() {
    let dir = tempfile::tempdir().expect("tmp");
    let config = dir.path().join("config");
    let run = |args: &[&str]| {
        Command::new(raadsvolger_tests::cli_binary())
            .args(args)
            .arg("--config")
            .arg(&config)
            .output()
            .expect("runs")
    };
    let folders: Vec<String> = (0..6)
        .map(|i| {
            dir.path()
                .join(format!("archief-{i}"))
                .display()
                .to_string()
        })
        .collect();
    let adding: Vec<_> = folders
        .iter()
        .map(|f| {
            std::process::Command::new(raadsvolger_tests::cli_binary())
                .args(["archives", "add", f, "--config"])
                .arg(&config)
                .spawn()
                .expect("spawns")
        })
        .collect();
    for mut a in adding {
        assert!(a.wait().expect("waits").success());
    }
    let listed = json_of(&run(&["archives", "--json"]));
    assert_eq!(
        listed["archives"].as_array().map(Vec::len),
        Some(6),
        "{listed}"
    );
    assert!(run(&["archives", "forget", &folders[0]]).status.success());
    let again = run(&["archives", "forget", &folders[0]]);
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("not on the list"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let listed = json_of(&run(&["archives", "--json"]));
    assert_eq!(
        listed["archives"].as_array().map(Vec::len),
        Some(5),
        "{listed}"
    );
}
