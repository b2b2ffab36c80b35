//! What the archive promises when things go wrong: a write stopped at its most dangerous step
//! is repaired on the next open, an old archive is upgraded and a newer one refused, one writer
//! at a time while readers go on, and backups that restore what was saved.
//!
//! Fail points are armed in two ways: in this process (`fail::cfg`, the step returns an error
//! and the archive is dropped as a crash would leave it), and in a `raadsvolger` child process
//! through `FAILPOINTS` (`return(abort)` kills it right at that step).

use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use raadsvolger_core::import::NoProgress;
use raadsvolger_core::{
    Archive, Commitment, CommitmentQuery, CommitmentUpdate, ErrorCode, ImportOptions, Status,
};
use raadsvolger_tests::{cli, day, fixtures, search};
use serde_json::Value;

/// Fail points are global to this test binary: one scenario at a time.
fn scenario() -> fail::FailScenario<'static> {
    fail::FailScenario::setup()
}

fn assert_consistent(dir: &Path) -> Archive {
    let archive = Archive::open(dir).expect("reopen");
    let report = archive.check().expect("check");
    assert!(report.ok, "{report:#?}");
    archive
}

#[test]
fn a_crash_between_the_store_commit_and_the_index_commit_is_caught_up_on_open() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("a");
    let _s = scenario();
    {
        let archive = Archive::open(&path).expect("open");
        fail::cfg("import-after-store-commit", "return").expect("arm");
        let err = archive
            .import_paths(
                &[fixtures().join("dossier")],
                &ImportOptions::default(),
                &mut NoProgress,
            )
            .expect_err("stopped at the fail point");
        assert!(err.to_string().contains("fail point"), "{err}");
        fail::remove("import-after-store-commit");
    }
    let archive = Archive::open(&path).expect("reopen");
    let repair = archive
        .open_report()
        .index_repair
        .clone()
        .expect("the repair is reported");
    assert!(repair.contains("behind"), "{repair}");
    let (stored, indexed) = archive.ids().expect("ids");
    assert!(
        !stored.is_empty(),
        "the first batch was committed to SQLite"
    );
    assert_eq!(stored, indexed);
    assert!(search(&archive, "zorgcoördinator").total > 0);
}

#[test]
fn a_crash_mid_rebuild_keeps_the_last_committed_index() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("a");
    let _s = scenario();
    let before = {
        let archive = Archive::open(&path).expect("open");
        archive.load_demo(&mut NoProgress).expect("demo");
        search(&archive, "mensenhandel").total
    };
    {
        let archive = Archive::open(&path).expect("open");
        fail::cfg("reindex-mid-rebuild", "return").expect("arm");
        archive.reindex().expect_err("stopped mid-rebuild");
        // Nothing of the half-done rebuild is visible.
        assert_eq!(search(&archive, "mensenhandel").total, before);
        fail::remove("reindex-mid-rebuild");
    }
    let archive = assert_consistent(&path);
    assert_eq!(archive.open_report().index_repair, None);
    assert_eq!(search(&archive, "mensenhandel").total, before);
}

#[test]
fn a_crash_while_merges_run_loses_nothing_committed() {
    // Fail points armed by another test would break this one's own opens.
    let _s = scenario();
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("a");
    let out = Process::new(raadsvolger_tests::cli_binary())
        .args(["--archive"])
        .arg(&path)
        .args(["demo", "--json"])
        .env("FAILPOINTS", "index-mid-merge=return(abort)")
        .output()
        .expect("runs");
    assert!(
        !out.status.success(),
        "the fail point must abort the process (is the CLI built with the core's `failpoints` \
         feature? `cargo test` builds it so)"
    );
    let archive = assert_consistent(&path);
    assert!(archive.stats().expect("stats").documents >= 20);
    assert!(search(&archive, "zorgcoördinator").total > 0);
}

/// The example dossier in a new archive under `dir`, an open commitment with a deadline,
/// and a change of both its deadline and its status (two steps of one transaction).
fn commitment_and_change(dir: &Path, reason: &str) -> (Archive, Commitment, CommitmentUpdate) {
    let archive = Archive::open(dir.join("a")).expect("open");
    archive.load_demo(&mut NoProgress).expect("demo");
    let target = archive
        .commitments(day("2026-11-22"), &CommitmentQuery::default())
        .expect("list")
        .into_iter()
        .find(|c| c.status == Status::Open && c.due.is_some())
        .expect("an open commitment");
    let change = CommitmentUpdate {
        status: Some(Status::Met),
        date: Some(day("2019-01-10")),
        due: Some(day("2019-01-01")),
        evidence: Some(1),
        reason: Some(reason.into()),
        ..Default::default()
    };
    (archive, target, change)
}

/// The commitment is as it was before the failed change, and the same change then goes
/// through whole.
fn unchanged_then_applied(archive: &Archive, target: &Commitment, change: &CommitmentUpdate) {
    let after = archive
        .commitment(target.id, day("2026-11-22"))
        .expect("still there");
    assert_eq!(&after, target, "no half-applied change");
    archive
        .update_commitment(target.id, change)
        .expect("the next write goes through");
    let done = archive
        .commitment(target.id, day("2026-11-22"))
        .expect("commitment");
    assert_eq!(done.status, Status::Met);
    assert_eq!(done.history.len(), target.history.len() + 2);
}

#[test]
fn a_crash_in_the_middle_of_a_commitment_change_leaves_it_as_it_was() {
    let dir = tempfile::tempdir().expect("tmp");
    let _s = scenario();
    let (archive, target, change) = commitment_and_change(dir.path(), "na de crash");
    {
        fail::cfg("commitment-mid-update", "return").expect("arm");
        archive
            .update_commitment(target.id, &change)
            .expect_err("stopped between the deadline and the status");
        fail::remove("commitment-mid-update");
    }
    unchanged_then_applied(&archive, &target, &change);
}

/// A panic inside a write (here a fail point that panics in the middle of a commitment's
/// change, inside its transaction) stops at the write's boundary: an internal error, the
/// change rolled back, and the same archive goes on writing, on the same thread, at once.
#[test]
fn a_panic_inside_a_write_is_rolled_back_and_the_archive_stays_usable() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("a");
    let _s = scenario();
    let (archive, target, change) = commitment_and_change(dir.path(), "na de paniek");
    fail::cfg("commitment-mid-update", "panic(midden in de wijziging)").expect("arm");
    let err = archive
        .update_commitment(target.id, &change)
        .expect_err("the panic is an error");
    fail::remove("commitment-mid-update");
    assert_eq!(err.code(), ErrorCode::Internal, "{err}");
    assert!(err.to_string().contains("midden in de wijziging"), "{err}");
    unchanged_then_applied(&archive, &target, &change);
    let before = archive.stats().expect("stats").documents;
    let note = dir.path().join("na-de-paniek.md");
    std::fs::write(
        &note,
        "# Na de paniek\n\nHet archief schrijft gewoon verder.\n",
    )
    .expect("write");
    archive
        .import_paths(&[note], &ImportOptions::default(), &mut NoProgress)
        .expect("an import after it");
    assert_eq!(archive.stats().expect("stats").documents, before + 1);
    assert!(search(&archive, "paniek").total > 0);
    assert!(archive.check().expect("check").ok);
    drop(archive);
    assert_consistent(&path);
}

fn copy_v1(to: &Path) -> PathBuf {
    let dir = to.join("oud");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::copy(
        fixtures().join("archives/v1/archive.sqlite"),
        dir.join("archive.sqlite"),
    )
    .expect("copy the v1 archive");
    dir
}

fn user_version(dir: &Path) -> i64 {
    rusqlite::Connection::open(dir.join("archive.sqlite"))
        .and_then(|c| c.pragma_query_value(None, "user_version", |r| r.get(0)))
        .expect("user_version")
}

#[test]
fn an_archive_of_the_first_schema_is_upgraded_on_open() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = copy_v1(tmp.path());
    assert_eq!(user_version(&dir), 1);
    let _s = scenario();
    {
        fail::cfg("migration-before-commit", "return").expect("arm");
        assert!(Archive::open(&dir).is_err(), "stopped mid-migration");
        fail::remove("migration-before-commit");
    }
    assert_eq!(user_version(&dir), 1, "the failed step was rolled back");

    let archive = Archive::open(&dir).expect("upgrade");
    assert_eq!(
        user_version(&dir) as usize,
        raadsvolger_core::store::SCHEMA_VERSION
    );
    // The archive as it was is kept beside it, whole, for an older Raadsvolger.
    let kept = dir.join("archive.sqlite.v1.bak");
    let old = rusqlite::Connection::open(&kept).expect("the copy opens");
    let version: i64 = old
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(version, 1);
    let documents: i64 = old
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .expect("documents");
    assert_eq!(documents, 3);
    assert!(!dir.join("archive.sqlite.v1.bak.partial").exists());
    assert!(
        archive
            .open_report()
            .index_repair
            .as_deref()
            .is_some_and(|l| l.contains("rebuilt")),
        "{:?}",
        archive.open_report()
    );
    let report = archive.check().expect("check");
    assert!(report.ok, "{report:#?}");
    assert_eq!(report.documents, 3);
    let hits = search(&archive, "opvangplekken");
    assert_eq!(hits.total, 2, "{:?}", raadsvolger_tests::titles(&hits));
    // The upgraded archive takes new documents and commitments like any other.
    archive.load_demo(&mut NoProgress).expect("demo");
    assert!(
        !archive
            .commitments(day("2026-11-22"), &CommitmentQuery::default())
            .expect("commitments")
            .is_empty()
    );
}

#[test]
fn an_archive_from_a_newer_version_is_refused_and_left_alone() {
    // Fail points armed by another test would break this one's own opens.
    let _s = scenario();
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = copy_v1(tmp.path());
    rusqlite::Connection::open(dir.join("archive.sqlite"))
        .and_then(|c| c.pragma_update(None, "user_version", 99))
        .expect("pretend newer");
    let err = match Archive::open(&dir) {
        Ok(_) => panic!("a newer archive must be refused"),
        Err(e) => e,
    };
    assert!(err.to_string().contains("newer Raadsvolger"), "{err}");
    assert_eq!(user_version(&dir), 99);
}

/// A `raadsvolger demo` that stops for `millis` after its first SQLite commit, holding the
/// write lock all the while.
fn slow_writer(archive: &Path, millis: u64) -> Child {
    Process::new(raadsvolger_tests::cli_binary())
        .arg("--archive")
        .arg(archive)
        .args(["demo", "--json"])
        .env(
            "FAILPOINTS",
            format!("import-after-store-commit=1*sleep({millis})"),
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn")
}

fn wait_until_locked(archive: &Path) {
    let started = Instant::now();
    while !raadsvolger_core::lock::is_locked(archive) {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the writer never took the lock"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn one_writer_at_a_time_readers_go_on_and_a_killed_writer_leaves_no_lock() {
    // Fail points armed by another test would break this one's own opens.
    let _s = scenario();
    let tmp = tempfile::tempdir().expect("tmp");
    let archive = tmp.path().join("a");
    cli(&archive).args(["stats"]).assert().success();

    let mut writer = slow_writer(&archive, 4000);
    wait_until_locked(&archive);
    // A second writer is refused at once, naming the first.
    let out = cli(&archive)
        .args(["import"])
        .arg(fixtures().join("formats"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("in use by process {}", writer.id())),
        "{stderr}"
    );
    // Readers keep working while it writes, and see what it has committed.
    let started = Instant::now();
    loop {
        let out = cli(&archive)
            .args(["stats", "--json"])
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stats: Value = serde_json::from_slice(&out.stdout).expect("json");
        if stats["documents"].as_u64().unwrap_or(0) > 0 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "nothing committed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    cli(&archive)
        .args(["search", "mensenhandel", "--json"])
        .assert()
        .success();
    let backup = tmp.path().join("tijdens.sqlite");
    cli(&archive).arg("backup").arg(&backup).assert().success();

    // A writer that is killed leaves a lock file but no lock.
    writer.kill().expect("kill");
    writer.wait().expect("reaped");
    assert!(!raadsvolger_core::lock::is_locked(&archive));
    let out = cli(&archive)
        .args(["check", "--json"])
        .output()
        .expect("runs");
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["ok"], true, "{report}");

    // --wait waits for the writer instead of failing.
    let mut writer = slow_writer(&tmp.path().join("b"), 1500);
    wait_until_locked(&tmp.path().join("b"));
    cli(&tmp.path().join("b"))
        .args(["--wait", "import"])
        .arg(fixtures().join("formats/persbericht-latin1.txt"))
        .assert()
        .success();
    assert!(writer.wait().expect("writer").success());

    // The backup taken during the write restores into a sound archive.
    let restored = tmp.path().join("hersteld");
    cli(&restored)
        .arg("restore")
        .arg(&backup)
        .assert()
        .success();
    let out = cli(&restored)
        .args(["check", "--json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["ok"], true, "{report}");
    assert!(report["documents"].as_u64().expect("n") > 0);
    let stats: Value = serde_json::from_slice(
        &cli(&restored)
            .args(["stats", "--json"])
            .output()
            .expect("stats")
            .stdout,
    )
    .expect("json");
    assert_eq!(stats["documents"], report["documents"]);
}

#[test]
fn check_reports_an_index_out_of_step_and_open_repairs_it() {
    // Fail points armed by another test would break this one's own opens.
    let _s = scenario();
    let tmp = tempfile::tempdir().expect("tmp");
    let path = tmp.path().join("a");
    {
        let archive = Archive::open(&path).expect("open");
        archive.load_demo(&mut NoProgress).expect("demo");
    }
    // Remove a document behind the archive's back: the index still holds it.
    rusqlite::Connection::open(path.join("archive.sqlite"))
        .and_then(|c| c.execute("DELETE FROM documents WHERE id = 3", []))
        .expect("delete");
    let out = cli(&path).args(["check", "--json"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["ok"], false);
    let problems = report["problems"].to_string();
    assert!(problems.contains("#3"), "{problems}");
    cli(&path).arg("reindex").assert().success();
    cli(&path).arg("check").assert().success();
}
