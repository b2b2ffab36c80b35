//! An import's documents, from files to the store and the index (see [`store_sources`]), and
//! the index rebuilt from the store ([`reindex`]).

use std::path::PathBuf;
use std::time::Instant;

use serde::Serialize;

use super::{
    FileOutcome, FileResult, ImportOptions, ImportReport, ImportSink, content_hash, parse_within,
    read_file,
};
use crate::error::{Error, ImportError, Result};
use crate::index::IndexState;
use crate::model::{DocId, NewDocument};
use crate::store::{self, DATABASE_FILE, Stored};
use crate::tx::Tx;

/// During an import the index is committed (made durable and visible to searches) once this
/// many documents were added since its last commit, or this long after it, and at the end.
/// Committing every stored batch made large imports spend much of their time writing and
/// merging small segments. Between commits the store is ahead of the index: other processes
/// are told that results may lag while the write lock is held, and after a crash
/// [`Archive::open`] replays what the index missed.
/// Every commit also leaves segments behind for the merge threads, which compete with indexing
/// for the cores: at 10,000 documents or 5 seconds they took a sixth of an import's CPU.
const INDEX_COMMIT_DOCS: usize = 25_000;
const INDEX_COMMIT_AFTER: std::time::Duration = std::time::Duration::from_secs(15);

/// What an import has added to the index since its last commit.
struct Uncommitted {
    docs: usize,
    since: Instant,
    /// The store generation the index reaches when committed now.
    generation: Option<u64>,
}

impl Uncommitted {
    fn new() -> Self {
        Uncommitted {
            docs: 0,
            since: Instant::now(),
            generation: None,
        }
    }

    fn due(&self) -> bool {
        self.docs >= INDEX_COMMIT_DOCS || self.since.elapsed() >= INDEX_COMMIT_AFTER
    }
}

/// A file of the batch being gathered: a document to store, or an outcome already known.
enum Pending {
    Store(Box<NewDocument>),
    Known(FileOutcome),
}

/// Why a reading thread could not hand over a parsed document.
enum ReadFailure {
    /// Something about this file: reported, and the import goes on.
    File(ImportError),
    /// The archive itself could not be asked: the import stops.
    Archive(Error),
}

/// Turns an XML publication into the Markdown document to import (its name and text), or
/// `None` when the XML is no publication. The register sources know the format; the import
/// is handed the reader.
pub type Publication = fn(&str, &[u8]) -> Option<(String, String)>;

/// A file to import as a document.
pub enum Source<'a> {
    File(PathBuf),
    /// An official publication of a parliamentary paper (XML): imported as the Markdown
    /// document its reader makes of it, the motion's text.
    Publication(PathBuf, Publication),
    Memory(String, &'a [u8]),
}

impl Source<'_> {
    pub fn name(&self) -> String {
        match self {
            Source::File(p) | Source::Publication(p, _) => p.to_string_lossy().into_owned(),
            Source::Memory(name, _) => name.clone(),
        }
    }
}

/// Imports documents ([`store_sources`]), then runs what follows when documents were stored
/// ([`Tx::documents_stored`]).
pub fn import_documents(
    tx: &Tx<'_>,
    sources: Vec<Source<'_>>,
    options: &ImportOptions,
    sink: &mut dyn ImportSink,
) -> Result<ImportReport> {
    let report = store_sources(tx, sources, options, sink)?;
    if report.imported().next().is_some() {
        let only_new = report
            .files
            .iter()
            .all(|f| !matches!(f.outcome, FileOutcome::Imported { version, .. } if version > 1));
        let added = report.imported().map(|d| d.id).collect();
        tx.documents_stored(&added, only_new)?;
    }
    Ok(report)
}

/// Imports one document held in memory (`name` gives its format by its ending).
pub fn import_bytes(
    tx: &Tx<'_>,
    name: &str,
    bytes: &[u8],
    sink: &mut dyn ImportSink,
) -> Result<ImportReport> {
    import_documents(
        tx,
        vec![Source::Memory(name.to_owned(), bytes)],
        &ImportOptions::default(),
        sink,
    )
}

/// Reads, stores and indexes documents: the reading threads parse, one writer stores in the
/// files' order, batch by batch (each batch one transaction), and the index is committed as it
/// is due and at the end. What the documents say about the register, the commitments and the
/// saved searches is the caller's next step.
fn store_sources(
    tx: &Tx<'_>,
    sources: Vec<Source<'_>>,
    options: &ImportOptions,
    sink: &mut dyn ImportSink,
) -> Result<ImportReport> {
    let total = sources.len();
    sink.started(total);
    let segments_before = tx.index().segment_ids()?;
    let mut report = ImportReport::default();
    let mut batch: Vec<(String, Pending)> = Vec::new();
    let mut stored_in_batch = 0;
    let mut uncommitted = Uncommitted::new();
    let threads = match options.read_threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let db_path = tx.dir().join(DATABASE_FILE);
    // Each reading thread checks for duplicates through a read-only connection of its
    // own, opened on its first file; the writer's connection stays with the writer.
    let lookup = || -> Option<store::HashLookup> { None };
    let already_stored =
        |lookup: &mut Option<store::HashLookup>, bytes: &[u8]| -> Result<Option<DocId>> {
            let lookup = match lookup {
                Some(lookup) => lookup,
                None => lookup.insert(store::HashLookup::open(&db_path)?),
            };
            lookup.find(&content_hash(bytes))
        };
    // Read, decode, parse and extract: independent per file, on the reading threads.
    let read = |lookup: &mut Option<store::HashLookup>,
                i: usize|
     -> Result<std::result::Result<NewDocument, DocId>, ReadFailure> {
        let name = sources[i].name();
        let (parse_as, bytes) = match &sources[i] {
            Source::File(path) => {
                read_file(path, options.max_file_bytes).map(|bytes| (name.clone(), bytes))
            }
            Source::Publication(path, publication) => read_file(path, options.max_file_bytes)
                .and_then(|bytes| {
                    publication(&name, &bytes)
                        .map(|(md_name, markdown)| (md_name, markdown.into_bytes()))
                        .ok_or_else(|| {
                            ImportError::Register(
                                "an XML file that is no official publication".into(),
                            )
                        })
                }),
            Source::Memory(_, bytes) if bytes.len() as u64 > options.max_file_bytes => {
                Err(ImportError::TooLarge {
                    size: bytes.len() as u64,
                    limit: options.max_file_bytes,
                })
            }
            Source::Memory(_, bytes) => Ok((name.clone(), bytes.to_vec())),
        }
        .map_err(ReadFailure::File)?;
        if let Some(id) = already_stored(lookup, &bytes).map_err(ReadFailure::Archive)? {
            return Ok(Err(id));
        }
        let mut doc =
            parse_within(&parse_as, bytes, options.time_limit).map_err(ReadFailure::File)?;
        // The document came from this file, whatever it was read as.
        doc.source_path = Some(name);
        Ok(Ok(doc))
    };
    // Store and index: one writer, in the files' order.
    super::pipeline::ordered(
        sources.len(),
        threads,
        lookup,
        read,
        |i, parsed| -> Result<()> {
            let name = sources[i].name();
            let pending = match parsed {
                Ok(Ok(doc)) => Pending::Store(Box::new(doc)),
                Ok(Err(duplicate_of)) => Pending::Known(FileOutcome::Skipped { duplicate_of }),
                Err(ReadFailure::File(error)) => Pending::Known(FileOutcome::failed(&error)),
                Err(ReadFailure::Archive(e)) => return Err(e),
            };
            // Outcomes are reported in the files' order: a failure waits for the
            // documents before it that wait to be stored.
            let store = matches!(pending, Pending::Store(_));
            batch.push((name, pending));
            if !store && batch.len() == 1 {
                flush(tx, &mut batch, &mut uncommitted, &mut report, sink, total)?;
            } else if store {
                stored_in_batch += 1;
                if stored_in_batch >= options.batch_size.max(1) {
                    flush(tx, &mut batch, &mut uncommitted, &mut report, sink, total)?;
                    stored_in_batch = 0;
                }
            }
            Ok(())
        },
    )?;
    flush(tx, &mut batch, &mut uncommitted, &mut report, sink, total)?;
    if let Some(generation) = uncommitted.generation {
        tx.index().commit(generation)?;
        tx.index().join_small_segments(&segments_before)?;
    }
    Ok(report)
}

/// Stores a batch (one transaction) and adds its new documents to the index, committing the
/// index when that is due (see [`INDEX_COMMIT_DOCS`]); then reports the batch's files in
/// order.
fn flush(
    tx: &Tx<'_>,
    batch: &mut Vec<(String, Pending)>,
    uncommitted: &mut Uncommitted,
    report: &mut ImportReport,
    sink: &mut dyn ImportSink,
    total: usize,
) -> Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let imported_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let docs: Vec<&NewDocument> = batch
        .iter()
        .filter_map(|(_, p)| match p {
            Pending::Store(doc) => Some(&**doc),
            Pending::Known(_) => None,
        })
        .collect();
    let mut stored = if docs.is_empty() {
        Vec::new()
    } else {
        let (generation, outcomes) = tx.store()?.insert_documents(&docs, &imported_at)?;
        uncommitted.generation = Some(generation);
        // A crash here leaves the index behind the store: the next open replays the batch.
        fail_at!("import-after-store-commit");
        outcomes
    }
    .into_iter();
    let mut results = Vec::with_capacity(batch.len());
    for (name, pending) in batch.drain(..) {
        let outcome = match pending {
            Pending::Known(outcome) => outcome,
            Pending::Store(new) => match stored.next() {
                Some(Ok(Stored::Inserted(id))) => {
                    let doc = new.into_document(id, imported_at.clone());
                    // A new id: no older copy to replace (ids are never reused, and an
                    // index ahead of the store is rebuilt on open).
                    tx.index().add(&doc)?;
                    uncommitted.docs += 1;
                    FileOutcome::Imported {
                        document: doc.summary(),
                        version: 1,
                    }
                }
                Some(Ok(Stored::NewVersion(id, version))) => {
                    // The stored row keeps what a person corrected: index that.
                    let doc = tx.store()?.get(id)?;
                    tx.index().upsert(&doc)?;
                    uncommitted.docs += 1;
                    FileOutcome::Imported {
                        document: doc.summary(),
                        version,
                    }
                }
                Some(Ok(Stored::Duplicate(id))) => FileOutcome::Skipped { duplicate_of: id },
                Some(Err(e)) => FileOutcome::failed_to_store(&e),
                None => FileOutcome::failed_to_store(&Error::InvalidInput(
                    "the archive gave no answer for this document".into(),
                )),
            },
        };
        results.push(FileResult {
            path: name,
            outcome,
        });
    }
    if let Some(generation) = uncommitted.generation.filter(|_| uncommitted.due()) {
        tx.index().commit(generation)?;
        *uncommitted = Uncommitted::new();
    }
    for result in results {
        report.files.push(result);
        if let Some(last) = report.files.last() {
            sink.file_done(last, report.files.len(), total);
        }
    }
    Ok(())
}

/// The outcome of a rebuild of the index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReindexReport {
    pub documents: u64,
    pub seconds: f64,
}

/// Rebuilds the index from the store alone.
pub fn reindex(tx: &Tx<'_>) -> Result<ReindexReport> {
    let started = Instant::now();
    let store = tx.store()?;
    let generation = store.generation()?;
    tx.index().clear()?;
    let mut added = 0u64;
    let n = store.for_each_document_since(0, |doc| {
        added += 1;
        // A crash mid-rebuild: nothing is committed, the old index stays as it was.
        if added == 2 {
            fail_at!("reindex-mid-rebuild");
        }
        tx.index().add(&doc)
    })?;
    tx.index().commit(generation)?;
    Ok(ReindexReport {
        documents: n,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Brings an index that is missing, of another version, or out of step with the store up to
/// date: rebuilt, or caught up with the documents written and deleted since its generation.
/// Says what it did, in one line, when it did anything.
pub fn repair_index(tx: &Tx<'_>, state: IndexState) -> Result<Option<String>> {
    let generation = tx.store()?.generation()?;
    match state {
        IndexState::AtGeneration(g) if g == generation => Ok(None),
        IndexState::Created { reason: None } if generation == 0 => Ok(None),
        IndexState::Created { reason } => {
            let report = reindex(tx)?;
            Ok(Some(format!(
                "search index {}: rebuilt from the archive ({} documents)",
                reason.as_deref().unwrap_or("was missing"),
                report.documents
            )))
        }
        IndexState::AtGeneration(g) if g < generation => {
            let mut n = 0;
            for id in tx.store()?.deleted_since(g)? {
                tx.index().delete(id)?;
                n += 1;
            }
            tx.store()?.for_each_document_since(g, |doc| {
                n += 1;
                tx.index().upsert(&doc)
            })?;
            tx.index().commit(generation)?;
            Ok(Some(format!(
                "search index was behind the archive (generation {g} < {generation}): \
                 caught up by indexing {n} documents"
            )))
        }
        IndexState::AtGeneration(g) => {
            let report = reindex(tx)?;
            Ok(Some(format!(
                "search index was ahead of the archive (generation {g} > {generation}): \
                 rebuilt from the archive ({} documents)",
                report.documents
            )))
        }
    }
}
