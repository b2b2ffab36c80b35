//! # raadsvolger-core
//!
//! The UI-free core of Raadsvolger: a local, offline archive of a municipal council's documents
//! (motions, amendments, proposals, decision lists, letters, news), searchable in Dutch.
//!
//! - [`store`]: SQLite, the source of truth (WAL, foreign keys, append-only migrations).
//! - [`index`]: tantivy, derived from the store and rebuildable from it; Dutch analysis with
//!   folded and stemmed fields, compound parts and a typo-tolerant fallback.
//! - [`import`]: Markdown with front matter, plain text, HTML pages, PDF; encodings detected;
//!   each document stored atomically, a bad file reported and skipped.
//! - [`extract`]: Dutch dates, parties, council numbers.
//!
//! [`Archive`] is the facade: one method per thing a user can do. The CLI and the desktop app
//! call these and nothing else.
//!
//! ```no_run
//! use raadsvolger_core::{Archive, SearchRequest};
//! let archive = Archive::open("/tmp/archief")?;
//! archive.load_demo(&mut raadsvolger_core::import::NoProgress)?;
//! let results = archive.search(&SearchRequest::new("zorgcoördinator"))?;
//! for hit in results.hits {
//!     println!("{} {}", hit.title, hit.snippet);
//! }
//! # Ok::<(), raadsvolger_core::Error>(())
//! ```

/// A fail point at a dangerous step of a write (see [`init_failpoints`]): when armed it fails
/// the enclosing function with an error, or aborts the process; without the `failpoints`
/// feature it compiles to nothing.
macro_rules! fail_at {
    ($name:literal) => {
        fail::fail_point!($name, |arg| Err($crate::fail_point_error($name, arg)))
    };
}

pub mod alerts;
pub mod archives;
pub mod backup;
pub mod budget;
pub mod clock;
pub mod commitments;
pub mod councils;
pub mod demo;
pub mod error;
pub mod export;
pub mod extract;
pub mod files;
pub mod import;
pub mod index;
pub mod lang;
pub mod lock;
pub mod model;
pub mod net;
pub mod paging;
pub mod register;
pub mod settings;
pub mod sources;
pub mod store;
pub mod sync;
pub mod text;
pub mod threads;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

use serde::Serialize;

pub use alerts::{AlertFilters, AlertHit, AlertRefresh, SavedSearch};
pub use backup::{BackupReport, CheckReport, RestoreReport};
pub use commitments::{
    CommitmentFilter, CommitmentPage, CommitmentQuery, CommitmentUpdate, NewCommitment,
};
pub use error::{Error, ErrorCode, ImportError, Result};
pub use import::{FileOutcome, FileResult, ImportOptions, ImportReport, ImportSink, RegisterFile};
pub use index::query::Filters;
pub use index::{
    FacetCount, Facets, Matching, RankedIds, SearchHit, SearchOptions, SearchRequest,
    SearchResults, SortOrder, Tally,
};
pub use lock::WhenBusy;
pub use model::{
    Commitment, DocId, DocKind, Document, DocumentSummary, Flag, Motion, NewDocument, Outcome,
    SourceFormat, Status,
};
pub use paging::{Page, Paged};
pub use register::documents::{DocumentEdit, DocumentVersion};
pub use register::{
    AgendaItem, Meeting, MeetingDetail, MeetingEdit, MeetingStatus, MotionEdit, MotionQuery,
    MotionSort, NamedDocument, NewAgendaItem, NewMeeting, NewMotion, NewVote, Provenance,
};

use index::{IndexState, SearchIndex};
use store::{Store, Stored};

/// The file name of the database inside an archive folder.
pub const DATABASE_FILE: &str = "archive.sqlite";
/// The folder of the index inside an archive folder.
pub const INDEX_DIR: &str = "index";
/// Environment variable that overrides the default archive folder.
pub const ARCHIVE_ENV: &str = "RAADSVOLGER_ARCHIVE";

/// Snippet length in characters.
const SNIPPET_CHARS: usize = 220;

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

/// Arms the fail points named in the `FAILPOINTS` environment variable (`name=return` makes
/// the step fail with an error, `name=return(abort)` kills the process right there). Only in
/// builds with the `failpoints` feature, which the crash tests turn on; a no-op otherwise.
pub fn init_failpoints() {
    #[cfg(feature = "failpoints")]
    std::mem::forget(fail::FailScenario::setup());
}

/// What a fail point does when armed: abort the process (a crash at that very step) when its
/// argument is `abort`, else fail the step with an error.
#[cfg_attr(not(feature = "failpoints"), allow(dead_code))]
pub(crate) fn fail_point_error(name: &str, arg: Option<String>) -> Error {
    if arg.as_deref() == Some("abort") {
        std::process::abort();
    }
    Error::InvalidInput(format!("fail point {name}"))
}

/// The archive folder to use when none is given: `$RAADSVOLGER_ARCHIVE`, else the platform's
/// data folder (`~/.local/share/raadsvolger` on Linux).
pub fn default_archive_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(ARCHIVE_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::data_dir()
        .map(|d| d.join("raadsvolger"))
        .unwrap_or_else(|| PathBuf::from("raadsvolger-archief"))
}

/// What opening the archive found and did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenReport {
    /// The archive did not exist and was created.
    pub created: bool,
    /// When the index had to be repaired: one line saying why and what was done.
    pub index_repair: Option<String>,
}

/// Numbers about an archive.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub archive: String,
    pub documents: u64,
    pub indexed_documents: u64,
    pub by_kind: Vec<FacetCount>,
    pub first_date: Option<chrono::NaiveDate>,
    pub last_date: Option<chrono::NaiveDate>,
    pub generation: u64,
    pub database_bytes: u64,
    pub index_bytes: u64,
}

/// The outcome of a rebuild of the index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReindexReport {
    pub documents: u64,
    pub seconds: f64,
}

/// A dated document on the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineEntry {
    pub id: DocId,
    pub kind: DocKind,
    pub title: String,
    pub date: chrono::NaiveDate,
}

/// An open archive: a folder with `archive.sqlite` and `index/`.
pub struct Archive {
    dir: PathBuf,
    /// The one writer (and what reads inside a write).
    store: Mutex<Store>,
    /// Read-only connections for everything else, so reads never wait for a write.
    readers: store::readers::Readers,
    index: SearchIndex,
    opened: OpenReport,
    /// What a write does when another process holds the archive.
    when_busy: WhenBusy,
    /// Writes within this process, one after the other.
    writing: Mutex<()>,
    /// The thread that holds the write lock now (writes nest: an import applies fulfilment
    /// statements).
    writer_thread: Mutex<Option<std::thread::ThreadId>>,
    /// Syncs under way that refresh the saved searches themselves when done (see
    /// [`Archive::pause_alerts`]).
    alerts_paused: AtomicUsize,
}

/// A mutex's guard, also after a panic while it was held: what these guard (who writes, one
/// write at a time) holds nothing a panic can leave half done.
fn unpoisoned<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
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

enum Source<'a> {
    File(PathBuf),
    /// An official publication of a parliamentary paper (XML): imported as the Markdown
    /// document [`sources::tk::reader::publication_document`] makes of it, the motion's text.
    Publication(PathBuf),
    Memory(String, &'a [u8]),
}

impl Source<'_> {
    fn name(&self) -> String {
        match self {
            Source::File(p) | Source::Publication(p) => p.to_string_lossy().into_owned(),
            Source::Memory(name, _) => name.clone(),
        }
    }
}

/// A new archive is made only in a new or empty folder: a folder that already holds files of
/// its own (anything but hidden files and a lock left by an earlier try) and no archive database
/// is somebody's folder, and nothing in it is touched — opening it would otherwise clear an
/// `index/` folder it happens to hold.
fn refuse_foreign_folder(dir: &Path) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(Error::ArchiveUnavailable {
                path: dir.to_path_buf(),
                reason: format!("cannot read the folder: {e}"),
            });
        }
    };
    let mut own: Vec<String> = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name == lock::LOCK_FILE {
            continue;
        }
        own.push(name);
    }
    if own.is_empty() {
        return Ok(());
    }
    own.sort();
    let shown: Vec<&str> = own.iter().take(3).map(String::as_str).collect();
    Err(Error::rule(
        "not-an-archive",
        dir.display().to_string(),
        format!(
            "{} holds files ({}{}) and is not a Raadsvolger archive (no {DATABASE_FILE}); nothing in it was changed. Choose an empty folder for a new archive, or an archive's folder",
            dir.display(),
            shown.join(", "),
            if own.len() > shown.len() { ", …" } else { "" }
        ),
    ))
}

/// Where a file of an import goes.
enum FileKind {
    Document,
    Publication,
    Register,
}

/// A register response goes to the register, by its ending (.json, .xml, .ndjson, .jsonl:
/// one that no reader knows is reported as such) or, for an HTML page, by its content (a
/// meeting page a register reader recognises; other pages are documents). An XML publication
/// of a parliamentary paper is a document. Which reader reads a register file is decided by
/// its content ([`sources::recognise`]), never by its name.
fn file_kind(path: &Path, max_bytes: u64) -> FileKind {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let content = || {
        // A file that cannot be read here is reported when it is read for its import.
        import::read_file(path, max_bytes)
            .ok()
            .and_then(|bytes| sources::recognise(&bytes))
    };
    match ext.as_str() {
        "xml" => match content() {
            Some("document") => FileKind::Publication,
            _ => FileKind::Register,
        },
        _ if import::is_register_extension(path) => FileKind::Register,
        "html" | "htm" | "xhtml" => match content() {
            Some(_) => FileKind::Register,
            None => FileKind::Document,
        },
        _ => FileKind::Document,
    }
}

/// What became of a register file that could not be imported.
fn register_outcome(e: Error) -> FileOutcome {
    match e {
        Error::InvalidInput(what) => FileOutcome::failed(&ImportError::Register(what)),
        other => FileOutcome::failed_to_store(&other),
    }
}

/// Passes on the documents' progress as part of a larger import (of `total` files, the
/// documents first).
struct WithinImport<'a> {
    inner: &'a mut dyn ImportSink,
    total: usize,
}

impl ImportSink for WithinImport<'_> {
    fn file_done(&mut self, result: &FileResult, done: usize, _total: usize) {
        self.inner.file_done(result, done, self.total);
    }
}

impl Archive {
    /// Opens the archive in `dir`, creating it when missing. An index that is missing, of
    /// another version, or out of step with the store is repaired here (see
    /// [`Archive::open_report`]).
    pub fn open(dir: impl AsRef<Path>) -> Result<Archive> {
        Self::open_with(dir, WhenBusy::Fail)
    }

    /// Opens the archive; `when_busy` says what its writes do when another process is
    /// writing: fail at once naming that process, or wait for it.
    pub fn open_with(dir: impl AsRef<Path>, when_busy: WhenBusy) -> Result<Archive> {
        let dir = dir.as_ref().to_path_buf();
        let db_path = dir.join(DATABASE_FILE);
        let created = !db_path.exists();
        if created {
            refuse_foreign_folder(&dir)?;
        }
        std::fs::create_dir_all(&dir).map_err(|e| Error::ArchiveUnavailable {
            path: dir.clone(),
            reason: format!("cannot create the folder: {e}"),
        })?;
        let store = Store::open(&db_path)?;
        let (index, state) = SearchIndex::open(&dir.join(INDEX_DIR))?;
        let mut archive = Archive {
            dir,
            store: Mutex::new(store),
            readers: store::readers::Readers::new(&db_path),
            index,
            opened: OpenReport {
                created,
                index_repair: None,
            },
            when_busy,
            writing: Mutex::new(()),
            writer_thread: Mutex::new(None),
            alerts_paused: AtomicUsize::new(0),
        };
        archive.opened.index_repair = if !archive.repair_needed(&state)? {
            None
        } else {
            match archive.write(|| archive.repair_index(state)) {
                Ok(line) => line,
                // Another process is writing and brings the index up to date as it commits.
                Err(_) if lock::is_locked(&archive.dir) => Some(format!(
                    "search index is being updated by {}; results may lag until it is done",
                    lock::holder(&archive.dir)
                        .map(|p| format!("process {p}"))
                        .unwrap_or_else(|| "another process".into())
                )),
                Err(e) => return Err(e),
            }
        };
        if let Some(line) = &archive.opened.index_repair {
            tracing::warn!("{line}");
        }
        // An archive from before the register (or from an older extractor): what its documents
        // say about motions and votes is written into the register once. Another process that
        // holds the write lock does it itself.
        match archive.sync_extracted_if_stale() {
            Err(_) if lock::is_locked(&archive.dir) => {}
            other => other?,
        }
        Ok(archive)
    }

    fn repair_needed(&self, state: &IndexState) -> Result<bool> {
        let generation = self.store()?.generation()?;
        Ok(match state {
            IndexState::AtGeneration(g) => *g != generation,
            IndexState::Created { reason } => reason.is_some() || generation > 0,
        })
    }

    /// Runs a write while holding the archive's write lock (see [`lock`]); nested writes on the
    /// same thread run under the lock already held. The index writer is released at the end so
    /// another process can write next.
    ///
    /// A panic inside the write (a fault of the program, or of a library on odd input) stops
    /// at this boundary: the transaction it left open is rolled back, the index's uncommitted
    /// documents are dropped, and the write is an [`Error::Internal`]. The archive stays
    /// usable: the next write goes as if the failed one had never started.
    pub(crate) fn write<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        let me = std::thread::current().id();
        if *unpoisoned(&self.writer_thread) == Some(me) {
            return f();
        }
        let _serial = unpoisoned(&self.writing);
        *unpoisoned(&self.writer_thread) = Some(me);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            lock::with_write_lock(&self.dir, self.when_busy, || {
                let result = clock::during_write(f);
                let released = self.index.close_writer();
                result.and_then(|v| released.map(|()| v))
            })
        }));
        *unpoisoned(&self.writer_thread) = None;
        match outcome {
            Ok(result) => result,
            Err(panic) => {
                let what = import::panic_message(panic.as_ref());
                tracing::error!("a write panicked and was rolled back: {what}");
                // `store()` rolls back what the panic left open.
                drop(self.store());
                self.index.discard_writer();
                Err(Error::Internal(format!(
                    "a write stopped on a fault of the program ({what}); nothing of it was kept"
                )))
            }
        }
    }

    fn repair_index(&self, state: IndexState) -> Result<Option<String>> {
        let generation = self.store()?.generation()?;
        match state {
            IndexState::AtGeneration(g) if g == generation => Ok(None),
            IndexState::Created { reason: None } if generation == 0 => Ok(None),
            IndexState::Created { reason } => {
                let report = self.reindex()?;
                Ok(Some(format!(
                    "search index {}: rebuilt from the archive ({} documents)",
                    reason.as_deref().unwrap_or("was missing"),
                    report.documents
                )))
            }
            IndexState::AtGeneration(g) if g < generation => {
                let mut n = 0;
                for id in self.store()?.deleted_since(g)? {
                    self.index.delete(id)?;
                    n += 1;
                }
                self.store()?.for_each_document_since(g, |doc| {
                    n += 1;
                    self.index.upsert(&doc)
                })?;
                self.index.commit(generation)?;
                Ok(Some(format!(
                    "search index was behind the archive (generation {g} < {generation}): \
                     caught up by indexing {n} documents"
                )))
            }
            IndexState::AtGeneration(g) => {
                let report = self.reindex()?;
                Ok(Some(format!(
                    "search index was ahead of the archive (generation {g} > {generation}): \
                     rebuilt from the archive ({} documents)",
                    report.documents
                )))
            }
        }
    }

    /// The writer's connection. After a panic while it was held (see [`Archive::write`]),
    /// the transaction the panic left open is rolled back first.
    pub(crate) fn store(&self) -> Result<MutexGuard<'_, Store>> {
        match self.store.lock() {
            Ok(store) => Ok(store),
            Err(poisoned) => {
                let store = poisoned.into_inner();
                store.roll_back_open()?;
                self.store.clear_poison();
                Ok(store)
            }
        }
    }

    /// A read-only connection of its own (see [`store::readers`]): what reads outside a write
    /// use, so they never wait for the writer. It sees what was committed when asked.
    pub(crate) fn reader(&self) -> Result<store::readers::Reader<'_>> {
        self.readers.get()
    }

    /// The archive's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// What [`Archive::open`] found and did.
    pub fn open_report(&self) -> &OpenReport {
        &self.opened
    }

    /// Imports files and folders (recursively): the one way in for what is named on the
    /// command line or dropped on the window. Documents (Markdown, text, HTML, PDF, office
    /// files, and the XML publication of a parliamentary paper) are stored, each atomically;
    /// the councils' register files (NotuBiz, iBabs, Tweede Kamer, GemeenteOplossingen, Open
    /// Raadsinformatie, openbesluitvorming, Popolo: recognised by their content) go into the
    /// register after them, as a register may name them. The order of the files does not
    /// matter: a register's records find each other by their ids, and a motion's text is
    /// linked to its motion whichever came first. A file that cannot be read, document or
    /// register file, is reported with its reason and the others go on.
    pub fn import_paths(
        &self,
        paths: &[PathBuf],
        options: &ImportOptions,
        sink: &mut dyn ImportSink,
    ) -> Result<ImportReport> {
        let mut documents = Vec::new();
        let mut registers = Vec::new();
        let collected = import::collect_import_files(paths);
        for path in collected.files {
            match file_kind(&path, options.max_file_bytes) {
                FileKind::Document => documents.push(Source::File(path)),
                FileKind::Publication => documents.push(Source::Publication(path)),
                FileKind::Register => registers.push(path),
            }
        }
        let refused = collected.refused;
        let total = documents.len() + registers.len() + refused.len();
        self.write(|| {
            sink.started(total);
            let mut report = self.import_sources_locked(
                documents,
                options,
                &mut WithinImport { inner: sink, total },
            )?;
            let mut done = report.files.len();
            let linking = sources::link_ibabs(&registers, options.max_file_bytes);
            for (place, path) in registers.iter().enumerate() {
                if linking.pairs.iter().any(|(_, votes, _)| *votes == place) {
                    // Filed with its entry's answer, below or above.
                    continue;
                }
                done += 1;
                let name = path.to_string_lossy().into_owned();
                let exchange = linking
                    .pairs
                    .iter()
                    .find(|(entry, _, _)| *entry == place)
                    .map(|(_, votes, id)| (&registers[*votes], id.as_str()));
                if let Some((votes, id)) = exchange {
                    done += 1;
                    let votes_name = votes.to_string_lossy().into_owned();
                    match self.import_ibabs_exchange_files(path, votes, id, options) {
                        Ok(import) => {
                            // The votes are one record of the two answers' import.
                            let votes_records = usize::from(import.records > 0);
                            for (file_name, records, problems) in [
                                (&name, import.records - votes_records, import.problems),
                                (&votes_name, votes_records, Vec::new()),
                            ] {
                                let file = import::RegisterFile {
                                    path: file_name.to_owned(),
                                    system: import.system.clone(),
                                    records,
                                    problems,
                                };
                                sink.register_done(&file, done, total);
                                report.register.push(file);
                            }
                        }
                        Err(outcome) => {
                            for file_name in [&name, &votes_name] {
                                let file = FileResult {
                                    path: file_name.clone(),
                                    outcome: outcome.clone(),
                                };
                                sink.file_done(&file, done, total);
                                report.files.push(file);
                            }
                        }
                    }
                    continue;
                }
                match self.import_register_file(path, &name, options, &linking.masters) {
                    Ok(import) => {
                        let file = import::RegisterFile {
                            path: name,
                            system: import.system,
                            records: import.records,
                            problems: import.problems,
                        };
                        sink.register_done(&file, done, total);
                        report.register.push(file);
                    }
                    Err(outcome) => {
                        let file = FileResult {
                            path: name,
                            outcome,
                        };
                        sink.file_done(&file, done, total);
                        report.files.push(file);
                    }
                }
            }
            // Links out of a chosen folder: named, with why they were not followed.
            for (path, error) in refused {
                done += 1;
                let file = FileResult {
                    path: path.to_string_lossy().into_owned(),
                    outcome: FileOutcome::failed(&error),
                };
                sink.file_done(&file, done, total);
                report.files.push(file);
            }
            // Texts imported before (or without) their motions in this import.
            self.link_motion_texts_locked()?;
            Ok(report)
        })
    }

    /// One register file of an import: read (within the size limit) and written into the
    /// register, or what became of it when it could not be.
    fn import_register_file(
        &self,
        path: &Path,
        name: &str,
        options: &ImportOptions,
        masters: &std::collections::BTreeMap<String, String>,
    ) -> std::result::Result<register::writer::RegisterImport, FileOutcome> {
        let bytes =
            import::read_file(path, options.max_file_bytes).map_err(|e| FileOutcome::failed(&e))?;
        self.import_register_linked(name, &bytes, masters)
            .map_err(register_outcome)
    }

    /// An iBabs entry's answer and its votes' answer, recorded together, as one motion.
    fn import_ibabs_exchange_files(
        &self,
        entry: &Path,
        votes: &Path,
        entry_id: &str,
        options: &ImportOptions,
    ) -> std::result::Result<register::writer::RegisterImport, FileOutcome> {
        let read = |p: &Path| {
            import::read_file(p, options.max_file_bytes).map_err(|e| FileOutcome::failed(&e))
        };
        let name = entry.to_string_lossy();
        self.import_ibabs_exchange(&name, &read(entry)?, &read(votes)?, entry_id)
            .map_err(register_outcome)
    }

    /// Imports one document held in memory (`name` gives its format by its ending).
    pub fn import_bytes(
        &self,
        name: &str,
        bytes: &[u8],
        sink: &mut dyn ImportSink,
    ) -> Result<ImportReport> {
        self.import_sources(
            vec![Source::Memory(name.to_owned(), bytes)],
            &ImportOptions::default(),
            sink,
        )
    }

    /// Imports the embedded example dossier (documents already present are skipped).
    pub fn load_demo(&self, sink: &mut dyn ImportSink) -> Result<ImportReport> {
        // One write for the documents and their register: no other writer comes in between.
        self.write(|| {
            let sources = demo::files()
                .into_iter()
                .map(|(name, bytes)| Source::Memory(name, bytes))
                .collect();
            let report = self.import_sources(sources, &ImportOptions::default(), sink)?;
            if let Some(bytes) = demo::register() {
                let value: serde_json::Value = serde_json::from_slice(bytes)?;
                // A dossier document the archive holds under another name is not put on its
                // agenda: said, not fatal.
                let (_, problems) = self.import_popolo(&value, demo::REGISTER_SYSTEM)?;
                for p in problems {
                    tracing::warn!("example dossier register: {p}");
                }
            }
            Ok(report)
        })
    }

    fn import_sources(
        &self,
        sources: Vec<Source<'_>>,
        options: &ImportOptions,
        sink: &mut dyn ImportSink,
    ) -> Result<ImportReport> {
        self.write(|| self.import_sources_locked(sources, options, sink))
    }

    fn import_sources_locked(
        &self,
        sources: Vec<Source<'_>>,
        options: &ImportOptions,
        sink: &mut dyn ImportSink,
    ) -> Result<ImportReport> {
        let total = sources.len();
        sink.started(total);
        let segments_before = self.index.segment_ids()?;
        let mut report = ImportReport::default();
        let mut batch: Vec<(String, Pending)> = Vec::new();
        let mut stored_in_batch = 0;
        let mut uncommitted = Uncommitted::new();
        let threads = match options.read_threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        };
        let db_path = self.dir.join(DATABASE_FILE);
        // Each reading thread checks for duplicates through a read-only connection of its
        // own, opened on its first file; the writer's connection stays with the writer.
        let lookup = || -> Option<store::HashLookup> { None };
        let already_stored =
            |lookup: &mut Option<store::HashLookup>, bytes: &[u8]| -> Result<Option<DocId>> {
                let lookup = match lookup {
                    Some(lookup) => lookup,
                    None => lookup.insert(store::HashLookup::open(&db_path)?),
                };
                lookup.find(&import::content_hash(bytes))
            };
        // Read, decode, parse and extract: independent per file, on the reading threads.
        let read = |lookup: &mut Option<store::HashLookup>,
                    i: usize|
         -> Result<std::result::Result<NewDocument, DocId>, ReadFailure> {
            let name = sources[i].name();
            let (parse_as, bytes) = match &sources[i] {
                Source::File(path) => import::read_file(path, options.max_file_bytes)
                    .map(|bytes| (name.clone(), bytes)),
                Source::Publication(path) => import::read_file(path, options.max_file_bytes)
                    .and_then(|bytes| {
                        sources::tk::reader::publication_document(&name, &bytes)
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
            let mut doc = import::parse_within(&parse_as, bytes, options.time_limit)
                .map_err(ReadFailure::File)?;
            // The document came from this file, whatever it was read as.
            doc.source_path = Some(name);
            Ok(Ok(doc))
        };
        // Store and index: one writer, in the files' order.
        import::pipeline::ordered(
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
                    self.flush(&mut batch, &mut uncommitted, &mut report, sink, total)?;
                } else if store {
                    stored_in_batch += 1;
                    if stored_in_batch >= options.batch_size.max(1) {
                        self.flush(&mut batch, &mut uncommitted, &mut report, sink, total)?;
                        stored_in_batch = 0;
                    }
                }
                Ok(())
            },
        )?;
        self.flush(&mut batch, &mut uncommitted, &mut report, sink, total)?;
        if let Some(generation) = uncommitted.generation {
            self.index.commit(generation)?;
            self.index.join_small_segments(&segments_before)?;
        }
        if report.imported().next().is_some() {
            let only_new = report.files.iter().all(
                |f| !matches!(f.outcome, FileOutcome::Imported { version, .. } if version > 1),
            );
            if only_new {
                let added = report.imported().map(|d| d.id).collect();
                self.sync_extracted_added_locked(&added)?;
            } else {
                self.sync_extracted_locked()?;
            }
            self.apply_fulfilment_statements()?;
            self.refresh_alerts_after_import();
        }
        Ok(report)
    }

    /// Stores a batch (one transaction) and adds its new documents to the index, committing the
    /// index when that is due (see [`INDEX_COMMIT_DOCS`]); then reports the batch's files in
    /// order.
    fn flush(
        &self,
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
            let (generation, outcomes) = self.store()?.insert_documents(&docs, &imported_at)?;
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
                        self.index.add(&doc)?;
                        uncommitted.docs += 1;
                        FileOutcome::Imported {
                            document: doc.summary(),
                            version: 1,
                        }
                    }
                    Some(Ok(Stored::NewVersion(id, version))) => {
                        // The stored row keeps what a person corrected: index that.
                        let doc = self.store()?.get(id)?;
                        self.index.upsert(&doc)?;
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
            self.index.commit(generation)?;
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

    /// Full-text search.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let raw = self.index.search_raw(request)?;
        let ids: Vec<DocId> = raw.hits.iter().map(|h| h.0).collect();
        // The page's rows in one read; a hit whose row is gone (deleted since) is left out.
        let mut rows = self.reader()?.hit_rows(&ids)?;
        let mut hits = Vec::with_capacity(raw.hits.len());
        for (nth, &(id, score)) in raw.hits.iter().enumerate() {
            let Some(row) = rows.remove(&id) else {
                continue;
            };
            let snippet = self
                .index
                .hit_snippet(&raw, nth, &row.body_text, SNIPPET_CHARS)?;
            hits.push(SearchHit {
                id,
                title: row.title,
                kind: row.kind,
                date: row.date,
                council_number: row.council_number,
                source: row.source_path,
                score,
                page: snippet
                    .first_match
                    .and_then(|o| model::page_at(&row.pages, o)),
                match_offset: snippet.first_match,
                snippet: snippet.html,
            });
        }
        Ok(SearchResults {
            total: raw.total,
            fuzzy: raw.fuzzy,
            suggestion: raw.suggestion,
            hits,
            facets: raw.facets,
        })
    }

    /// The ranked ids of a search, without titles, snippets or (unless asked) counts: for callers
    /// that need the ranking alone, and for the benchmarks, which compare the index with other
    /// engines on equal terms ([`Matching::Exact`]).
    pub fn search_ids(&self, request: &SearchRequest, options: SearchOptions) -> Result<RankedIds> {
        self.index.search_ids(request, options)
    }

    /// One document, whole.
    pub fn document(&self, id: DocId) -> Result<Document> {
        self.reader()?.get(id)
    }

    /// Rebuilds the index from the store alone.
    pub fn reindex(&self) -> Result<ReindexReport> {
        self.write(|| self.reindex_locked())
    }

    fn reindex_locked(&self) -> Result<ReindexReport> {
        let started = Instant::now();
        let store = self.store()?;
        let generation = store.generation()?;
        self.index.clear()?;
        let mut added = 0u64;
        let n = store.for_each_document_since(0, |doc| {
            added += 1;
            // A crash mid-rebuild: nothing is committed, the old index stays as it was.
            if added == 2 {
                fail_at!("reindex-mid-rebuild");
            }
            self.index.add(&doc)
        })?;
        self.index.commit(generation)?;
        Ok(ReindexReport {
            documents: n,
            seconds: started.elapsed().as_secs_f64(),
        })
    }

    /// One page of the timeline: the dated documents, oldest first (ties by id), and how many
    /// there are. Read from the database page by page, however large the archive.
    pub fn timeline(&self, page: Page) -> Result<Paged<TimelineEntry>> {
        let (total, heads) = self.reader()?.dated_heads(page.offset, page.limit)?;
        let items = heads
            .into_iter()
            .filter_map(|h| {
                Some(TimelineEntry {
                    id: h.id,
                    kind: DocKind::parse(&h.kind).unwrap_or(DocKind::Overig),
                    title: h.title,
                    date: h.date?,
                })
            })
            .collect();
        Ok(Paged {
            total,
            offset: page.offset,
            items,
        })
    }

    /// Numbers about the archive.
    pub fn stats(&self) -> Result<Stats> {
        let store = self.reader()?;
        let counts = store.counts()?;
        let file_len = |p: PathBuf| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        let database_bytes = file_len(self.dir.join(DATABASE_FILE))
            + file_len(self.dir.join(format!("{DATABASE_FILE}-wal")));
        Ok(Stats {
            archive: self.dir.to_string_lossy().into_owned(),
            documents: counts.documents,
            indexed_documents: self.index.num_docs(),
            by_kind: counts
                .by_kind
                .into_iter()
                .map(|(value, count)| FacetCount { value, count })
                .collect(),
            first_date: counts.first_date,
            last_date: counts.last_date,
            generation: store.generation()?,
            database_bytes,
            index_bytes: SearchIndex::size_on_disk(&self.dir.join(INDEX_DIR)),
        })
    }

    /// The ids in the store and in the index, for consistency checks: (store, index).
    pub fn ids(&self) -> Result<(Vec<DocId>, Vec<DocId>)> {
        let store = self.reader()?;
        let mut ids = Vec::new();
        store.for_each_document_since(0, |d| {
            ids.push(d.id);
            Ok(())
        })?;
        Ok((ids, self.index.all_ids()?))
    }

    /// SQLite's own integrity check ("ok" when sound).
    pub fn integrity_check(&self) -> Result<String> {
        self.reader()?.integrity_check()
    }

    /// Finishes background index merges and releases the writer lock; call before exit.
    pub fn close(self) -> Result<()> {
        self.index.close_writer()
    }
}
