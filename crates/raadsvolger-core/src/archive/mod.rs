//! The facade: [`Archive`], one method per thing a user does. The CLI and the window call these
//! and nothing else. Each method opens a read or a write and hands it to the room that does the
//! work; a write's token ([`Tx`]) is made here and nowhere else.

pub mod alerts;
pub mod backup;
mod commitments;
mod export;
mod files_in;
mod register;
mod search;
mod settings;
mod sync;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::index::{FacetCount, INDEX_DIR, IndexState, SearchIndex};
use crate::lock::{self, WhenBusy};
use crate::model::{DocId, DocKind};
use crate::store::{self, DATABASE_FILE, Store};
use crate::tx::{self, Read, Tx};
use crate::{clock, import};

/// Environment variable that overrides the default archive folder.
pub const ARCHIVE_ENV: &str = "RAADSVOLGER_ARCHIVE";

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
    /// The thread that holds the write lock now (to refuse a write begun inside a write).
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
            match archive.write(|tx| import::batch::repair_index(tx, state)) {
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

    /// Runs a write while holding the archive's write lock (see [`lock`]), with its token
    /// ([`Tx`]): the one place a write begins. Work that needs another write within it takes the
    /// token it was given; a write begun inside a write on the same thread is a fault of the
    /// program, refused as an [`Error::Internal`] (it would otherwise wait for itself). The index
    /// writer is released at the end so another process can write next.
    ///
    /// A panic inside the write (a fault of the program, or of a library on odd input) stops
    /// at this boundary: the transaction it left open is rolled back, the index's uncommitted
    /// documents are dropped, and the write is an [`Error::Internal`]. The archive stays
    /// usable: the next write goes as if the failed one had never started.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        let me = std::thread::current().id();
        if *unpoisoned(&self.writer_thread) == Some(me) {
            return Err(Error::Internal(
                "a write was begun inside another write; nothing of it was done".into(),
            ));
        }
        let _serial = unpoisoned(&self.writing);
        *unpoisoned(&self.writer_thread) = Some(me);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            lock::with_write_lock(&self.dir, self.when_busy, || {
                // The write's time, taken once as it begins: every row it stamps carries it.
                let result = f(&self.tx(clock::recorded_at()));
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

    /// The writer's connection. After a panic while it was held (see [`Archive::write`]),
    /// the transaction the panic left open is rolled back first.
    pub(crate) fn store(&self) -> Result<MutexGuard<'_, Store>> {
        tx::lock_store(&self.store)
    }

    /// A read of what was committed (see [`Read`]).
    pub(crate) fn read(&self) -> Read<'_> {
        Read::new(&self.readers, &self.index, &self.dir)
    }

    /// The token of the write under way (see [`Archive::write`]).
    fn tx(&self, recorded_at: String) -> Tx<'_> {
        Tx::begin(tx::Parts {
            store: &self.store,
            readers: &self.readers,
            index: &self.index,
            dir: &self.dir,
            alerts_paused: &self.alerts_paused,
            after_documents: files_in::after_documents,
            recorded_at,
        })
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

    /// Finishes background index merges and releases the writer lock; call before exit.
    pub fn close(self) -> Result<()> {
        self.index.close_writer()
    }
}

impl tx::Writes for Archive {
    fn write_with(&self, f: &mut dyn FnMut(&Tx<'_>) -> Result<()>) -> Result<()> {
        self.write(|tx| f(tx))
    }

    fn read(&self) -> Read<'_> {
        Archive::read(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn archive() -> (tempfile::TempDir, Archive) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let archive = Archive::open(dir.path().join("a")).expect("open");
        (dir, archive)
    }

    #[test]
    fn a_write_begun_inside_a_write_is_refused_and_the_outer_goes_on() {
        let (_dir, archive) = archive();
        let outcome = archive.write(|_| {
            let inner = archive.write(|_| Ok(()));
            assert!(
                matches!(&inner, Err(Error::Internal(what)) if what.contains("inside another write")),
                "{inner:?}"
            );
            Ok(7)
        });
        assert_eq!(outcome.expect("the outer write"), 7);
        // The lock is free again: the next write begins.
        archive.write(|_| Ok(())).expect("a write after");
    }

    #[test]
    fn long_work_writes_through_the_handle_one_write_at_a_time() {
        let (_dir, archive) = archive();
        let handle: &dyn tx::Writes = &archive;
        let written = handle
            .write(|tx| {
                tx.store()?.set_setting("test.key", "1")?;
                Ok("written")
            })
            .expect("a write through the handle");
        assert_eq!(written, "written", "what the write gives comes back");
        let read = handle
            .read()
            .reader()
            .expect("a reader")
            .get_setting("test.key");
        assert_eq!(read.expect("read").as_deref(), Some("1"));
    }
}
