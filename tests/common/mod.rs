//! Helpers shared by the end-to-end tests: the fixture folders and archives in temporary
//! folders.

pub mod server;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use raadsvolger_core::import::NoProgress;
use raadsvolger_core::{Archive, ImportOptions, ImportReport, SearchRequest, SearchResults};

/// The `raadsvolger` binary of this build.
///
/// Cargo only tells a package's own integration tests where its binaries are, and this test
/// crate is a package of its own, so the binary is looked up beside the test executable
/// (`target/<profile>/raadsvolger`). `cargo test` builds it because the CLI package has
/// integration tests of its own (`crates/raadsvolger-cli/tests/`); `cargo test -p
/// raadsvolger-tests` alone does not, hence the specific message.
pub fn cli_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("CARGO_BIN_EXE_raadsvolger") {
        return PathBuf::from(path);
    }
    let exe = std::env::current_exe().expect("path of the test executable");
    let mut dir = exe
        .parent()
        .expect("test executable has a folder")
        .to_path_buf();
    if dir.ends_with("deps") {
        dir.pop();
    }
    let bin = dir.join(format!("raadsvolger{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.is_file(),
        "the raadsvolger binary is not built at {}: run `cargo test` for the whole workspace, \
         or `cargo build -p raadsvolger-cli -p raadsvolger-tests` first",
        bin.display()
    );
    bin
}

/// The `raadsvolger` binary run on the archive folder `archive`, with `RAADSVOLGER_ARCHIVE`
/// taken out of its environment so that a value set on the test machine cannot leak in.
pub fn cli(archive: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(cli_binary());
    cmd.arg("--archive")
        .arg(archive)
        .env_remove("RAADSVOLGER_ARCHIVE");
    cmd
}

/// The day written as `YYYY-MM-DD`, for example `day("2024-03-07")`.
pub fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .unwrap_or_else(|e| panic!("{text:?} is not a day written as YYYY-MM-DD: {e}"))
}

/// The day of year `y`, month `m` and day of the month `d`.
pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| panic!("{y}-{m}-{d} is not a day"))
}

/// Imports the files and folders `paths` with default options. The report is returned even
/// when some files failed; only an error of the whole import fails the test.
pub fn import(archive: &Archive, paths: &[PathBuf]) -> ImportReport {
    import_with(archive, paths, &ImportOptions::default())
}

/// Imports the files and folders `paths` with `options`, as [`import`] does.
pub fn import_with(archive: &Archive, paths: &[PathBuf], options: &ImportOptions) -> ImportReport {
    archive
        .import_paths(paths, options, &mut NoProgress)
        .unwrap_or_else(|e| panic!("import of {paths:?} failed as a whole: {e}"))
}

/// The repository's `fixtures/` folder.
pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures")
}

/// HTTP settings for a sync against a server on this machine: no pace, `attempts` tries
/// with short waits, a 5 s time limit, answers up to 8 MiB.
pub fn quick_http(attempts: u32) -> raadsvolger_core::sync::HttpConfig {
    local_http(attempts, 5)
}

/// [`quick_http`] with a time limit of `timeout_secs` per request (the local server's large
/// recorded answers take longer on a busy machine).
pub fn local_http(attempts: u32, timeout_secs: u64) -> raadsvolger_core::sync::HttpConfig {
    raadsvolger_core::sync::HttpConfig {
        pace: std::time::Duration::ZERO,
        timeout: std::time::Duration::from_secs(timeout_secs),
        attempts,
        backoff: std::time::Duration::from_millis(5),
        max_wait: std::time::Duration::from_millis(50),
        max_bytes: 8 * 1024 * 1024,
        max_answer_bytes: 8 * 1024 * 1024,
    }
}

/// How a test syncs: `http`, and whether the attached documents are downloaded.
pub fn sync_options(
    http: raadsvolger_core::sync::HttpConfig,
    downloads: bool,
) -> raadsvolger_core::sync::SyncOptions<'static> {
    raadsvolger_core::sync::SyncOptions {
        http,
        downloads,
        ..raadsvolger_core::sync::SyncOptions::default()
    }
}

/// A fresh archive in a temporary folder (kept alive by the returned guard).
pub fn empty_archive() -> (tempfile::TempDir, Archive) {
    let dir = tempfile::tempdir().expect("temp dir");
    let archive = Archive::open(dir.path().join("archief")).expect("open archive");
    (dir, archive)
}

/// An archive holding the example dossier, imported from `fixtures/dossier/` on disk.
pub fn dossier_archive() -> (tempfile::TempDir, Archive) {
    let (dir, archive) = empty_archive();
    let report = archive
        .import_paths(
            &[fixtures().join("dossier")],
            &ImportOptions::default(),
            &mut NoProgress,
        )
        .expect("import dossier");
    assert_eq!(
        report.failed().count(),
        0,
        "dossier files failed: {:?}",
        report.failed().collect::<Vec<_>>()
    );
    (dir, archive)
}

/// Searches with default settings.
pub fn search(archive: &Archive, query: &str) -> SearchResults {
    archive
        .search(&SearchRequest::new(query))
        .unwrap_or_else(|e| panic!("search {query:?} failed: {e}"))
}

/// The titles of the hits, in rank order.
pub fn titles(results: &SearchResults) -> Vec<String> {
    results.hits.iter().map(|h| h.title.clone()).collect()
}

/// A folder of `../shared` (the project's shared context beside the repository), found by
/// walking up from this crate; `RAADSVOLGER_SHARED` overrides. Tests read the real documents
/// from there at run time: they are never copied into the repository.
pub fn shared(sub: &str) -> PathBuf {
    find_shared(sub).unwrap_or_else(|| {
        panic!(
            "shared/{sub} not found above {}: set RAADSVOLGER_SHARED to the shared folder",
            env!("CARGO_MANIFEST_DIR")
        )
    })
}

fn find_shared(sub: &str) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("RAADSVOLGER_SHARED") {
        return Some(PathBuf::from(dir).join(sub)).filter(|p| p.exists());
    }
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|d| d.join("shared").join(sub))
        .find(|candidate| candidate.exists())
}

/// The recorded answers of the real registers (`../shared/realdata`) when `needs` (a file or
/// folder below them; empty: the folder itself) is there; else `None`, with a note that the
/// test is skipped, so a machine without the shared folder runs the rest.
pub fn realdata(needs: &str) -> Option<PathBuf> {
    match find_shared("realdata") {
        Some(dir) if needs.is_empty() || dir.join(needs).exists() => Some(dir),
        _ => {
            eprintln!("skipped: shared/realdata/{needs} is not here");
            None
        }
    }
}

/// The local server that plays the registers, over the recorded answers and this
/// repository's fixtures; `None` (skipped) as [`realdata`] says.
pub fn realdata_server(needs: &str) -> Option<server::FixtureServer> {
    Some(server::FixtureServer::start(&realdata(needs)?, &fixtures()))
}
