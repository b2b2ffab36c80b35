//! Read-only connections beside the one writer.
//!
//! Under WAL a reader sees what was committed when its statement began and never waits for the
//! writer, nor the writer for it. The archive's reads (a search's titles and snippets, the
//! lists of motions, meetings and commitments) take a connection from this pool, so a window
//! that searches while an import or a reindex holds the writer gets its answer at once.
//!
//! Connections are opened when asked for and kept for the next read, up to [`KEEP`]; a burst
//! of readers beyond that opens extra ones and closes them when done.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{Connection, OpenFlags};

use super::Store;
use crate::error::{Error, Result};

/// How many idle connections the pool keeps.
const KEEP: usize = 4;

pub struct Readers {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
}

/// A connection borrowed from the pool; it goes back when dropped.
pub struct Reader<'a> {
    store: Option<Store>,
    pool: &'a Readers,
}

impl Readers {
    pub fn new(path: &Path) -> Readers {
        Readers {
            path: path.to_path_buf(),
            idle: Mutex::new(Vec::new()),
        }
    }

    /// A read-only connection: an idle one, or a new one.
    pub fn get(&self) -> Result<Reader<'_>> {
        let kept = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let store = match kept {
            Some(store) => store,
            None => open(&self.path)?,
        };
        Ok(Reader {
            store: Some(store),
            pool: self,
        })
    }

    /// How many connections wait in the pool (for tests).
    pub fn idle(&self) -> usize {
        self.idle.lock().map(|idle| idle.len()).unwrap_or(0)
    }
}

fn open(path: &Path) -> Result<Store> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| Error::ArchiveUnavailable {
        path: path.to_path_buf(),
        reason: format!("cannot open the database for reading: {e}"),
    })?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "query_only", "ON")?;
    super::harden(&conn)?;
    // A reader records no undo steps: it writes nothing.
    Ok(Store {
        conn,
        undo: Vec::new(),
        write_time: None,
    })
}

impl Deref for Reader<'_> {
    type Target = Store;

    fn deref(&self) -> &Store {
        self.store
            .as_ref()
            .expect("a reader holds its connection until dropped")
    }
}

impl Drop for Reader<'_> {
    fn drop(&mut self) {
        let Some(store) = self.store.take() else {
            return;
        };
        // A connection left inside a transaction (a read that failed half-way) is closed.
        if !store.conn.is_autocommit() {
            return;
        }
        if let Ok(mut idle) = self.pool.idle.lock() {
            if idle.len() < KEEP {
                idle.push(store);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_sees_what_the_writer_committed_and_cannot_write() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("archive.sqlite");
        let writer = Store::open(&path).expect("open the store");
        let pool = Readers::new(&path);
        let before = pool
            .get()
            .expect("a reader")
            .generation()
            .expect("generation");
        writer
            .conn
            .execute(
                "UPDATE meta SET value = ?1 WHERE key = 'generation'",
                [(before + 7).to_string()],
            )
            .expect("the writer writes");
        let reader = pool.get().expect("a reader");
        assert_eq!(reader.generation().expect("generation"), before + 7);
        let refused = reader
            .conn
            .execute("UPDATE meta SET value = '0' WHERE key = 'generation'", []);
        assert!(refused.is_err(), "a reader must not write");
        drop(reader);
        assert_eq!(pool.idle(), 1, "the connection goes back to the pool");
    }

    #[test]
    fn the_pool_keeps_at_most_a_few_idle_connections() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("archive.sqlite");
        let _writer = Store::open(&path).expect("open the store");
        let pool = Readers::new(&path);
        let many: Vec<Reader<'_>> = (0..KEEP + 3)
            .map(|_| pool.get().expect("a reader"))
            .collect();
        assert_eq!(pool.idle(), 0);
        drop(many);
        assert_eq!(pool.idle(), KEEP);
    }
}
