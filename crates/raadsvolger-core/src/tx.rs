//! The write under way, as a token the domain functions take.
//!
//! A function that changes the archive (add a meeting, store an import's batch, refresh the
//! saved searches) takes a [`Tx`] as its first argument. Only the facade makes one
//! (`Archive::write`, which holds the write lock, takes the write's time and stops a panic at
//! its boundary), and the layers test (`tests/layers.rs`) fails on a call of [`Tx::begin`]
//! anywhere else. A write that needs another write within it passes its token on: there is
//! one write at a time, and nothing below the facade takes the lock itself.
//!
//! A function that only reads takes a [`Read`]: read-only connections that see what was
//! committed, and the index. Outside a write the facade makes one; inside a write,
//! [`Tx::read`] gives it.

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use crate::error::{Error, Result};
use crate::index::{SearchHit, SearchIndex, SearchRequest, SearchResults};
use crate::model::{self, DocId, Document};
use crate::store::Store;
use crate::store::readers::{Reader, Readers};

/// What a write may use: the writer's connection, the readers, the index, the archive's folder.
pub struct Tx<'a> {
    store: &'a Mutex<Store>,
    /// What reads inside the write use (a write is also a read: `tx.reader()`, `tx.index()`).
    read: Read<'a>,
    alerts_paused: &'a AtomicUsize,
    after_documents: AfterDocuments,
    /// The time of this write: every row it stamps carries it (see [`Tx::recorded_at`]).
    recorded_at: String,
}

/// What follows when documents were stored: the facade's choice (the register takes what they
/// say about motions, commitments find statements that they were met, the saved searches look
/// at them), so an import below it need not know those rooms. `only_new`: no document of
/// `added` replaced an older version.
pub type AfterDocuments = fn(&Tx<'_>, added: &HashSet<DocId>, only_new: bool) -> Result<()>;

/// The parts of an open archive a write works on (see [`Tx::begin`]).
pub struct Parts<'a> {
    pub store: &'a Mutex<Store>,
    pub readers: &'a Readers,
    pub index: &'a SearchIndex,
    pub dir: &'a Path,
    pub alerts_paused: &'a AtomicUsize,
    pub after_documents: AfterDocuments,
    /// The write's time, RFC 3339 in UTC to the second.
    pub recorded_at: String,
}

impl<'a> Tx<'a> {
    /// The token of a write that holds the archive's write lock. Only `Archive::write` calls
    /// this (held by the layers test).
    pub(crate) fn begin(parts: Parts<'a>) -> Tx<'a> {
        Tx {
            store: parts.store,
            read: Read::new(parts.readers, parts.index, parts.dir),
            alerts_paused: parts.alerts_paused,
            after_documents: parts.after_documents,
            recorded_at: parts.recorded_at,
        }
    }

    /// The writer's connection, stamping what it writes with this write's time.
    pub fn store(&self) -> Result<MutexGuard<'a, Store>> {
        let mut store = lock_store(self.store)?;
        store.set_write_time(&self.recorded_at);
        Ok(store)
    }

    /// The time this write is recorded at: taken once when it began (pinned in tests with
    /// `crate::clock::pinned`), the same for every row it stamps.
    pub fn recorded_at(&self) -> &str {
        &self.recorded_at
    }

    /// What a read inside this write uses: what was committed (this write's own finished
    /// transactions included).
    pub fn read(&self) -> Read<'a> {
        self.read
    }

    /// Documents were stored: runs what follows (see [`AfterDocuments`]).
    pub fn documents_stored(&self, added: &HashSet<DocId>, only_new: bool) -> Result<()> {
        (self.after_documents)(self, added, only_new)
    }

    /// Whether a sync under way has asked imports to leave the saved searches to it.
    pub fn alerts_paused(&self) -> bool {
        self.alerts_paused.load(Ordering::SeqCst) > 0
    }
}

/// What long work that writes now and then holds (a sync: many short writes between its
/// requests, never one long one): it opens a write, or a read, when it needs one. The facade's
/// `Archive` is one.
pub(crate) trait Writes {
    /// Runs `f` as one write (see `Archive::write`).
    fn write_with(&self, f: &mut dyn FnMut(&Tx<'_>) -> Result<()>) -> Result<()>;

    /// A read of what was committed.
    fn read(&self) -> Read<'_>;
}

impl dyn Writes + '_ {
    /// Runs `f` as one write and returns what it gives.
    pub fn write<T>(&self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        let mut f = Some(f);
        let mut out = None;
        self.write_with(&mut |tx| {
            if let Some(f) = f.take() {
                out = Some(f(tx)?);
            }
            Ok(())
        })?;
        out.ok_or_else(|| Error::Internal("a write ended without running".into()))
    }
}

impl<'a> std::ops::Deref for Tx<'a> {
    type Target = Read<'a>;

    fn deref(&self) -> &Read<'a> {
        &self.read
    }
}

/// What a read may use: read-only connections, the index, the archive's folder.
#[derive(Clone, Copy)]
pub struct Read<'a> {
    readers: &'a Readers,
    index: &'a SearchIndex,
    dir: &'a Path,
}

impl<'a> Read<'a> {
    /// A read of the archive's committed state (the facade makes these).
    pub(crate) fn new(readers: &'a Readers, index: &'a SearchIndex, dir: &'a Path) -> Read<'a> {
        Read {
            readers,
            index,
            dir,
        }
    }

    /// A read-only connection of its own.
    pub fn reader(&self) -> Result<Reader<'a>> {
        self.readers.get()
    }

    /// The search index.
    pub fn index(&self) -> &'a SearchIndex {
        self.index
    }

    /// The archive's folder.
    pub fn dir(&self) -> &'a Path {
        self.dir
    }

    /// Full-text search: the ranked hits with their titles and snippets.
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

    /// One document, whole.
    pub fn document(&self, id: DocId) -> Result<Document> {
        self.reader()?.get(id)
    }
}

/// Snippet length in characters.
const SNIPPET_CHARS: usize = 220;

/// The writer's connection, also after a panic while it was held: the transaction the panic
/// left open is rolled back first.
pub(crate) fn lock_store(store: &Mutex<Store>) -> Result<MutexGuard<'_, Store>> {
    match store.lock() {
        Ok(guard) => Ok(guard),
        Err(poisoned) => {
            let guard = poisoned.into_inner();
            guard.roll_back_open()?;
            store.clear_poison();
            Ok(guard)
        }
    }
}

/// A write's token without an archive around it, for the domain functions' unit tests: a
/// store, its readers and an index in a temporary folder, and no lock, facade or clock of its
/// own (time, where a test needs one, is pinned with `crate::clock::pinned`).
#[cfg(test)]
pub(crate) mod testing {
    use std::sync::Mutex;
    use std::sync::atomic::AtomicUsize;

    use super::{Parts, Tx};
    use crate::index::SearchIndex;
    use crate::store::readers::Readers;
    use crate::store::{DATABASE_FILE, Store};

    /// What follows stored documents, in these tests: nothing.
    fn nothing_after(
        _: &Tx<'_>,
        _: &std::collections::HashSet<crate::model::DocId>,
        _: bool,
    ) -> crate::error::Result<()> {
        Ok(())
    }

    /// Runs `f` with a token over a new, empty store and index.
    pub fn with_tx<T>(f: impl FnOnce(&Tx<'_>) -> T) -> T {
        with_tx_at(&crate::clock::recorded_at(), f)
    }

    /// [`with_tx`] with the write recorded at `at` (the token's time, not the clock's).
    pub fn with_tx_at<T>(at: &str, f: impl FnOnce(&Tx<'_>) -> T) -> T {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let db = dir.path().join(DATABASE_FILE);
        let store = Mutex::new(Store::open(&db).expect("a new store"));
        let readers = Readers::new(&db);
        let (index, _) = SearchIndex::open(&dir.path().join("index")).expect("a new index");
        let paused = AtomicUsize::new(0);
        let tx = Tx::begin(Parts {
            store: &store,
            readers: &readers,
            index: &index,
            dir: dir.path(),
            alerts_paused: &paused,
            after_documents: nothing_after,
            recorded_at: at.to_owned(),
        });
        f(&tx)
    }
}
