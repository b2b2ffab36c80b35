//! One writer at a time per archive.
//!
//! Every write (import, reindex, a commitment change, restore) holds an advisory lock on
//! `archive.lock` in the archive folder for as long as it runs, and writes its process id into
//! that file. A second process that wants to write is told at once which process holds the
//! archive, or waits when asked to. Readers take no lock: SQLite in WAL mode and tantivy's
//! readers let searches go on while another process writes.
//!
//! The lock belongs to the open file, so the operating system releases it when the process
//! ends in any way, SIGKILL included: a lock left behind by a killed process is no lock at all,
//! and the next writer takes it without ceremony.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The lock file inside an archive folder.
pub const LOCK_FILE: &str = "archive.lock";

/// What to do when another process is writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WhenBusy {
    /// Fail at once, naming the process.
    #[default]
    Fail,
    /// Wait until the other process is done.
    Wait,
}

pub(crate) fn open_lock_file(path: &Path) -> Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(|e| Error::io(format!("cannot open the lock file {}", path.display()), e))
}

/// The process id written into the lock file by its holder, if readable.
pub fn holder(dir: &Path) -> Option<u32> {
    let mut text = String::new();
    File::open(dir.join(LOCK_FILE))
        .ok()?
        .read_to_string(&mut text)
        .ok()?;
    text.trim().parse().ok()
}

fn busy(dir: &Path) -> Error {
    let who = match holder(dir) {
        Some(pid) => format!("process {pid}"),
        None => "another process".to_owned(),
    };
    Error::ArchiveUnavailable {
        path: dir.to_path_buf(),
        reason: format!("archive in use by {who}; try again when it is done, or pass --wait"),
    }
}

/// Runs `f` while holding the archive's write lock.
pub(crate) fn with_write_lock<T>(
    dir: &Path,
    when_busy: WhenBusy,
    f: impl FnOnce() -> Result<T>,
) -> Result<T> {
    let path: PathBuf = dir.join(LOCK_FILE);
    let mut lock = fd_lock::RwLock::new(open_lock_file(&path)?);
    let mut guard = match when_busy {
        WhenBusy::Fail => lock.try_write().map_err(|e| match e.kind() {
            std::io::ErrorKind::WouldBlock => busy(dir),
            _ => Error::io(format!("cannot lock {}", path.display()), e),
        })?,
        WhenBusy::Wait => {
            if is_locked(dir) {
                tracing::info!("waiting for {}", busy(dir));
            }
            lock.write()
                .map_err(|e| Error::io(format!("cannot lock {}", path.display()), e))?
        }
    };
    let file: &mut File = &mut guard;
    // Best effort: the id only serves the message another process shows.
    let _ = file
        .set_len(0)
        .and_then(|_| file.seek(SeekFrom::Start(0)))
        .and_then(|_| writeln!(file, "{}", std::process::id()));
    f()
}

/// True when some process holds the write lock now.
pub fn is_locked(dir: &Path) -> bool {
    let Ok(file) = open_lock_file(&dir.join(LOCK_FILE)) else {
        return false;
    };
    let mut lock = fd_lock::RwLock::new(file);
    lock.try_write().is_err()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_told_who_holds_the_archive() {
        let dir = tempfile::tempdir().expect("tmp");
        let inner = with_write_lock(dir.path(), WhenBusy::Fail, || {
            assert!(is_locked(dir.path()));
            assert_eq!(holder(dir.path()), Some(std::process::id()));
            // Another open file description of the same lock file is another writer.
            Ok(with_write_lock(dir.path(), WhenBusy::Fail, || Ok(())))
        })
        .expect("outer lock");
        let err = inner.expect_err("the second writer must be refused");
        let message = err.to_string();
        assert!(
            message.contains(&format!("in use by process {}", std::process::id())),
            "{message}"
        );
        assert!(!is_locked(dir.path()), "released when done");
        with_write_lock(dir.path(), WhenBusy::Fail, || Ok(())).expect("free again");
    }

    #[test]
    fn a_waiting_writer_goes_on_when_the_first_is_done() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().to_path_buf();
        let (tx, rx) = std::sync::mpsc::channel();
        let holder = std::thread::spawn(move || {
            with_write_lock(&path, WhenBusy::Fail, || {
                tx.send(()).expect("send");
                std::thread::sleep(std::time::Duration::from_millis(200));
                Ok(())
            })
        });
        rx.recv().expect("holder has the lock");
        with_write_lock(dir.path(), WhenBusy::Wait, || Ok(())).expect("waited");
        holder.join().expect("join").expect("holder ok");
    }
}
