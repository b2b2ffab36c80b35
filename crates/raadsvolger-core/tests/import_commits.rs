//! The index is committed every so many documents during an import, not after every stored
//! batch, and always at the end: an import leaves every document searchable and the index
//! stamped with the store's generation, so the next open has nothing to repair.

use raadsvolger_core::import::NoProgress;
use raadsvolger_core::{Archive, ImportOptions, SearchRequest};

#[test]
fn an_import_of_many_small_batches_ends_committed() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let files = dir.path().join("stukken");
    std::fs::create_dir_all(&files).expect("folder");
    for n in 0..7 {
        std::fs::write(
            files.join(format!("{n}.md")),
            format!("---\ntitle: Motie {n}\nkind: motie\ndate: 2020-01-0{}\n---\nOver de haven en stuk{n}.", n + 1),
        )
        .expect("write");
    }
    let archive_dir = dir.path().join("archief");
    let archive = Archive::open(&archive_dir).expect("opens");
    let options = ImportOptions {
        batch_size: 2,
        ..ImportOptions::default()
    };
    let report = archive
        .import_paths(std::slice::from_ref(&files), &options, &mut NoProgress)
        .expect("imports");
    assert_eq!(report.imported().count(), 7);
    let found = archive
        .search(&SearchRequest::new("haven"))
        .expect("searches");
    assert_eq!(found.total, 7);
    assert_eq!(archive.stats().expect("stats").indexed_documents, 7);

    // Importing the same files again stores nothing and leaves the index as it was.
    let again = archive
        .import_paths(std::slice::from_ref(&files), &options, &mut NoProgress)
        .expect("imports");
    assert_eq!(again.skipped().count(), 7);
    archive.close().expect("closes");

    let reopened = Archive::open(&archive_dir).expect("reopens");
    assert_eq!(reopened.open_report().index_repair, None);
    let found = reopened
        .search(&SearchRequest::new("stuk6"))
        .expect("searches");
    assert_eq!(found.total, 1);
}
