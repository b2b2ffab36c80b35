//! Every file in fixtures/bad/ fails with its own specific reason, leaves the archive exactly as
//! it was, and does not stop the rest of the batch.

use std::path::PathBuf;

use raadsvolger_core::import::NoProgress;
use raadsvolger_core::{Archive, ImportOptions};
use raadsvolger_tests::{dossier_archive, fixtures};

/// (file, a phrase its error must contain)
const EXPECTED: &[(&str, &str)] = &[
    ("binary.bin", "not a text document"),
    ("binary-as-text.txt", "not a text document"),
    ("empty.md", "file is empty"),
    ("whitespace.txt", "only white space"),
    ("broken.pdf", "PDF could not be read"),
    ("truncated.pdf", "PDF could not be read"),
    ("not-really.pdf", "no %PDF- header"),
    ("bad-yaml.md", "front matter is not valid YAML"),
    (
        "unknown-kind.md",
        "unknown document kind \"vergadernotitie\"",
    ),
    ("bad-date.md", "invalid date \"2018-13-45\""),
    ("nul-bytes.txt", "NUL byte"),
    ("image.png", "PNG image"),
];

fn snapshot(archive: &Archive) -> (u64, u64, Vec<i64>, Vec<i64>, String) {
    let stats = archive.stats().expect("stats");
    let (store, index) = archive.ids().expect("ids");
    (
        stats.documents,
        stats.generation,
        store,
        index,
        archive.integrity_check().expect("check"),
    )
}

#[test]
fn each_bad_file_gives_its_error_and_changes_nothing() {
    let bad = fixtures().join("bad");
    let listed: Vec<&str> = EXPECTED.iter().map(|(f, _)| *f).collect();
    for entry in std::fs::read_dir(&bad).expect("bad folder") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if name != "README.md" {
            assert!(
                listed.contains(&name.as_str()),
                "fixtures/bad/{name} has no expectation here"
            );
        }
    }
    let (_dir, archive) = dossier_archive();
    let before = snapshot(&archive);
    for (file, phrase) in EXPECTED {
        let path = bad.join(file);
        let report = archive
            .import_paths(
                std::slice::from_ref(&path),
                &ImportOptions::default(),
                &mut NoProgress,
            )
            .expect("an import with a bad file still returns a report");
        let failed: Vec<_> = report.failed().collect();
        assert_eq!(failed.len(), 1, "{file}: {report:?}");
        let (reported_path, error) = failed[0];
        assert!(
            reported_path.ends_with(file),
            "{file}: path {reported_path}"
        );
        assert!(error.contains(phrase), "{file}: {error:?} lacks {phrase:?}");
        assert_eq!(snapshot(&archive), before, "{file} changed the archive");
    }
}

#[test]
fn a_bad_file_does_not_stop_the_batch() {
    let dir = tempfile::tempdir().expect("tmp");
    let archive = Archive::open(dir.path().join("a")).expect("open");
    let mut paths: Vec<PathBuf> = EXPECTED
        .iter()
        .map(|(f, _)| fixtures().join("bad").join(f))
        .collect();
    paths.insert(3, fixtures().join("formats/notitie-zonder-frontmatter.md"));
    paths.push(fixtures().join("formats/vragen-utf16.txt"));
    let report = archive
        .import_paths(&paths, &ImportOptions::default(), &mut NoProgress)
        .expect("import");
    assert_eq!(report.imported().count(), 2);
    assert_eq!(report.failed().count(), EXPECTED.len());
    let (store, index) = archive.ids().expect("ids");
    assert_eq!(store.len(), 2);
    assert_eq!(store, index);
}

#[test]
fn files_over_the_size_limit_are_refused_before_reading() {
    let dir = tempfile::tempdir().expect("tmp");
    let big = dir.path().join("groot.txt");
    std::fs::write(&big, "mensenhandel ".repeat(100_000)).expect("write");
    let archive = Archive::open(dir.path().join("a")).expect("open");
    let options = ImportOptions {
        max_file_bytes: 1024 * 1024,
        ..ImportOptions::default()
    };
    let report = archive
        .import_paths(&[big], &options, &mut NoProgress)
        .expect("import");
    let (_, error) = report.failed().next().expect("refused");
    assert!(error.contains("over the limit of 1048576 bytes"), "{error}");
    assert_eq!(archive.stats().expect("stats").documents, 0);
}

#[test]
fn missing_paths_are_reported_not_fatal() {
    let dir = tempfile::tempdir().expect("tmp");
    let archive = Archive::open(dir.path().join("a")).expect("open");
    let report = archive
        .import_paths(
            &[dir.path().join("bestaat-niet.md")],
            &ImportOptions::default(),
            &mut NoProgress,
        )
        .expect("import");
    let (_, error) = report.failed().next().expect("reported");
    assert!(error.contains("no such file"), "{error}");
}
