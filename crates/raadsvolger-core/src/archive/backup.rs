//! Backup, restore and the consistency check of an archive.

use std::path::Path;

use serde::Serialize;

use super::Archive;
use crate::error::{Error, Result};
use crate::store::DATABASE_FILE;

/// What `backup` wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupReport {
    pub file: String,
    pub bytes: u64,
    pub documents: u64,
}

/// What `restore` brought back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RestoreReport {
    pub documents: u64,
    pub reindexed: u64,
}

/// The outcome of `check`: `ok` when SQLite finds no damage, every foreign key holds, and the
/// index holds exactly the documents of the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    pub ok: bool,
    pub documents: u64,
    pub indexed_documents: u64,
    pub problems: Vec<String>,
}

impl Archive {
    /// Writes a consistent copy of the archive's database to `file` (SQLite's online backup;
    /// safe while the app or another command is writing). The index is not copied: a restore
    /// rebuilds it. The copy lands under a temporary name first, so a failed backup never
    /// leaves a half-written file under the name asked for.
    pub fn backup(&self, file: &Path) -> Result<BackupReport> {
        let name = file
            .file_name()
            .ok_or_else(|| Error::InvalidInput(format!("{} is not a file name", file.display())))?;
        // A copy inside the archive's own folder could land on the live database or its
        // journal, and would go wherever the archive goes: refused.
        let folder = match file.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        if let (Ok(folder), Ok(archive)) = (folder.canonicalize(), self.dir().canonicalize()) {
            if folder.starts_with(&archive) {
                return Err(Error::InvalidInput(format!(
                    "{}: a backup cannot be kept inside the archive's own folder ({}); choose another folder",
                    file.display(),
                    archive.display()
                )));
            }
        }
        let mut partial = name.to_os_string();
        partial.push(".partial");
        let partial = file.with_file_name(partial);
        let _ = std::fs::remove_file(&partial);
        let store = self.store()?;
        let documents = store.counts()?.documents;
        let copied = store.backup_to(&partial).and_then(|()| {
            std::fs::rename(&partial, file)
                .map_err(|e| Error::io(format!("cannot write {}", file.display()), e))?;
            crate::files::sync_dir(folder);
            Ok(())
        });
        if copied.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        copied?;
        Ok(BackupReport {
            file: file.to_string_lossy().into_owned(),
            bytes: std::fs::metadata(file).map(|m| m.len()).unwrap_or(0),
            documents,
        })
    }

    /// Replaces the archive's contents with a backup made by [`Archive::backup`] (checked
    /// first; a damaged file or one from a newer version is refused and nothing changes), then
    /// rebuilds the index from it.
    pub fn restore(&self, file: &Path) -> Result<RestoreReport> {
        if !file.is_file() {
            return Err(Error::InvalidInput(format!(
                "{}: no such backup file",
                file.display()
            )));
        }
        self.write(|tx| {
            {
                let mut store = tx.store()?;
                store.restore_from(file, &tx.dir().join(DATABASE_FILE))?;
            }
            let report = crate::import::batch::reindex(tx)?;
            Ok(RestoreReport {
                documents: tx.store()?.counts()?.documents,
                reindexed: report.documents,
            })
        })
    }

    /// Checks the archive: SQLite's integrity check, foreign keys, and that the index holds
    /// exactly the stored documents. Changes nothing.
    pub fn check(&self) -> Result<CheckReport> {
        let mut problems = Vec::new();
        let integrity = self.integrity_check()?;
        if integrity != "ok" {
            problems.push(format!("database: {integrity}"));
        }
        problems.extend(
            self.store()?
                .foreign_key_problems()?
                .into_iter()
                .map(|p| format!("database: {p}")),
        );
        let (stored, indexed) = self.ids()?;
        let in_index: std::collections::HashSet<_> = indexed.iter().copied().collect();
        let in_store: std::collections::HashSet<_> = stored.iter().copied().collect();
        let missing: Vec<_> = stored.iter().filter(|id| !in_index.contains(id)).collect();
        let extra: Vec<_> = indexed.iter().filter(|id| !in_store.contains(id)).collect();
        let list = |ids: &[&i64]| {
            let shown: Vec<String> = ids.iter().take(10).map(|id| format!("#{id}")).collect();
            let more = ids.len().saturating_sub(10);
            if more > 0 {
                format!("{} and {more} more", shown.join(", "))
            } else {
                shown.join(", ")
            }
        };
        if !missing.is_empty() {
            problems.push(format!(
                "index: {} stored documents are not searchable ({}); run `raadsvolger reindex`",
                missing.len(),
                list(&missing)
            ));
        }
        if !extra.is_empty() {
            problems.push(format!(
                "index: {} entries have no document ({}); run `raadsvolger reindex`",
                extra.len(),
                list(&extra)
            ));
        }
        if indexed.len() > in_index.len() {
            problems.push(format!(
                "index: {} documents are indexed twice; run `raadsvolger reindex`",
                indexed.len() - in_index.len()
            ));
        }
        Ok(CheckReport {
            ok: problems.is_empty(),
            documents: stored.len() as u64,
            indexed_documents: indexed.len() as u64,
            problems,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::NoProgress;

    #[test]
    fn backup_then_restore_brings_back_what_was_saved() {
        let dir = tempfile::tempdir().expect("tmp");
        let archive = Archive::open(dir.path().join("a")).expect("open");
        archive.load_demo(&mut NoProgress).expect("demo");
        let before = archive.check().expect("check");
        assert!(before.ok, "{before:?}");
        let file = dir.path().join("kopie.sqlite");
        let backup = archive.backup(&file).expect("backup");
        assert_eq!(backup.documents, before.documents);
        assert!(!dir.path().join("kopie.sqlite.partial").exists());

        // Restore into a fresh archive: same documents, searchable.
        let other = Archive::open(dir.path().join("b")).expect("open b");
        let restored = other.restore(&file).expect("restore");
        assert_eq!(restored.documents, before.documents);
        assert_eq!(restored.reindexed, before.documents);
        assert!(other.check().expect("check").ok);
        let hits = other
            .search(&crate::SearchRequest::new("zorgcoördinator"))
            .expect("search");
        assert!(hits.total > 0);
    }

    #[test]
    fn a_backup_that_brings_triggers_is_refused() {
        let dir = tempfile::tempdir().expect("tmp");
        let archive = Archive::open(dir.path().join("a")).expect("open");
        archive.load_demo(&mut NoProgress).expect("demo");
        let documents = archive.check().expect("check").documents;
        let file = dir.path().join("kopie.sqlite");
        archive.backup(&file).expect("backup");
        rusqlite::Connection::open(&file)
            .and_then(|c| {
                c.execute_batch(
                    "CREATE TRIGGER wis AFTER INSERT ON documents BEGIN DELETE FROM documents; END;",
                )
            })
            .expect("a trigger of someone else's");
        let err = archive.restore(&file).expect_err("refused");
        assert!(err.to_string().contains("triggers or views"), "{err}");
        assert_eq!(archive.check().expect("check").documents, documents);
    }

    #[test]
    fn a_backup_inside_the_archives_own_folder_is_refused() {
        let dir = tempfile::tempdir().expect("tmp");
        let archive = Archive::open(dir.path().join("a")).expect("open");
        archive.load_demo(&mut NoProgress).expect("demo");
        let documents = archive.check().expect("check").documents;
        for inside in [
            dir.path().join("a").join(DATABASE_FILE),
            dir.path().join("a").join(format!("{DATABASE_FILE}-wal")),
            dir.path().join("a/index/kopie.sqlite"),
            dir.path().join("a/../a/kopie.sqlite"),
        ] {
            let err = archive.backup(&inside).expect_err("inside the archive");
            assert!(matches!(err, Error::InvalidInput(_)), "{err}");
            assert!(err.to_string().contains("inside the archive"), "{err}");
        }
        let after = archive.check().expect("check");
        assert!(after.ok, "{after:?}");
        assert_eq!(after.documents, documents);
        // Beside it is fine.
        archive
            .backup(&dir.path().join("kopie.sqlite"))
            .expect("a folder of its own");
    }

    #[test]
    fn a_damaged_or_foreign_file_is_refused_and_nothing_changes() {
        let dir = tempfile::tempdir().expect("tmp");
        let archive = Archive::open(dir.path().join("a")).expect("open");
        archive.load_demo(&mut NoProgress).expect("demo");
        let documents = archive.check().expect("check").documents;

        let junk = dir.path().join("junk.sqlite");
        std::fs::write(&junk, b"dit is geen database").expect("write");
        let err = archive.restore(&junk).expect_err("junk refused");
        assert!(err.to_string().contains("junk.sqlite"), "{err}");

        let empty = dir.path().join("leeg.sqlite");
        rusqlite::Connection::open(&empty)
            .and_then(|c| c.execute_batch("CREATE TABLE t(x)"))
            .expect("other db");
        let err = archive.restore(&empty).expect_err("foreign db refused");
        assert!(
            err.to_string().contains("not a Raadsvolger backup"),
            "{err}"
        );

        let after = archive.check().expect("check");
        assert!(after.ok);
        assert_eq!(after.documents, documents);
    }
}
