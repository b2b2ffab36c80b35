//! Helpers shared by the end-to-end tests: the fixture folders and archives in temporary
//! folders.

use std::path::PathBuf;

use raadsvolger_core::import::NoProgress;
use raadsvolger_core::{Archive, ImportOptions, SearchRequest, SearchResults};

/// The repository's `fixtures/` folder.
pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures")
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
