//! SQLite, the source of truth. Everything the index holds can be rebuilt from here.
//!
//! Every write transaction bumps the archive's *generation* and stamps the rows it writes with
//! it; the index records the generation it has caught up with, so an index that fell behind
//! (a crash between the two commits) is repaired by replaying the newer rows.

pub mod alerts;
pub mod commitments;
pub mod conflicts;
pub mod documents;
pub mod meetings;
mod migrations;
pub mod motions;
mod obv;
pub mod packed;
pub mod people;
pub mod readers;
pub mod sync;
pub mod undo;

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::error::{Error, Result};
use crate::model::{DocId, DocKind, Document, NewDocument, SourceFormat};

pub use migrations::SCHEMA_VERSION;

/// The file name of the database inside an archive folder.
pub const DATABASE_FILE: &str = "archive.sqlite";

/// The outcome of storing one new document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// Inserted with this id.
    Inserted(DocId),
    /// The same content is already in the archive under this id.
    Duplicate(DocId),
    /// A document with the same identity was there: stored as its new version.
    NewVersion(DocId, u32),
}

/// One search hit's row (see [`Store::hit_rows`]).
#[derive(Debug, Clone)]
pub struct HitRow {
    pub kind: DocKind,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub council_number: Option<String>,
    pub source_path: Option<String>,
    pub body_text: String,
    /// Byte offsets where the pages of a PDF start.
    pub pages: Vec<usize>,
}

/// Counts for `stats`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct StoreCounts {
    pub documents: u64,
    pub by_kind: Vec<(String, u64)>,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
}

pub struct Store {
    conn: Connection,
    /// The tables the undo log follows, as this connection's triggers record them.
    undo: Vec<undo::Shape>,
    /// The time of the write this connection serves, given by the write's token
    /// (`crate::tx::Tx::store`): every row the write stamps carries it.
    write_time: Option<String>,
}

/// A read-only connection that answers "is this content already in the archive?" for an import
/// thread that reads files beside the writer. Under WAL it sees what was committed when it asks
/// and never blocks the writer; documents of the batch still being written are caught by
/// [`Store::insert_documents`], which checks again.
pub struct HashLookup {
    conn: Connection,
}

impl HashLookup {
    pub fn open(path: &Path) -> Result<HashLookup> {
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::ArchiveUnavailable {
            path: path.to_path_buf(),
            reason: format!("cannot open the database for reading: {e}"),
        })?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        harden(&conn)?;
        Ok(HashLookup { conn })
    }

    /// The document with this content hash, if one is stored.
    pub fn find(&self, hash: &str) -> Result<Option<DocId>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM documents WHERE content_hash = ?1")?
            .query_row([hash], |r| r.get(0))
            .optional()?)
    }
}

impl Store {
    /// Opens (and creates or migrates) the database at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        let mut conn = Connection::open(path).map_err(|e| Error::ArchiveUnavailable {
            path: path.to_path_buf(),
            reason: format!("cannot open the database: {e}"),
        })?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // WAL: readers (a CLI search while the app is open) never block the writer.
        let mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!(mode, "SQLite did not switch to WAL");
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        harden(&conn)?;
        migrations::migrate(&mut conn, path)?;
        let undo = undo::install(&conn)?;
        Ok(Store {
            conn,
            undo,
            write_time: None,
        })
    }

    /// Rolls back a transaction left open (by a panic inside [`Store::atomically`]); nothing
    /// to do when none is.
    /// The write this connection serves is recorded at `at` (see [`Store::write_time`]).
    pub fn set_write_time(&mut self, at: &str) {
        if self.write_time.as_deref() != Some(at) {
            self.write_time = Some(at.to_owned());
        }
    }

    /// The time the rows of the write under way are stamped with: the write's own, which its
    /// token gave. A store used without a write (its own tests, tools) takes the clock's.
    pub fn write_time(&self) -> String {
        self.write_time
            .clone()
            .unwrap_or_else(crate::clock::recorded_at)
    }

    pub fn roll_back_open(&self) -> Result<()> {
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("ROLLBACK")?;
        }
        Ok(())
    }

    /// Runs `f` in one transaction: all of its writes land, or none do.
    pub fn atomically<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        match f(self) {
            Ok(value) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(value)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// The current generation: bumped by every write transaction.
    pub fn generation(&self) -> Result<u64> {
        read_generation(&self.conn)
    }

    /// Stores a batch of documents in one transaction, each under its own savepoint: a document
    /// that fails to insert leaves no trace, the others are kept. Returns the new generation and
    /// one outcome per input document.
    pub fn insert_documents(
        &mut self,
        docs: &[&NewDocument],
        imported_at: &str,
    ) -> Result<(u64, Vec<Result<Stored>>)> {
        let mut tx = self.conn.transaction()?;
        let generation = bump_generation(&tx)?;
        let mut outcomes = Vec::with_capacity(docs.len());
        for doc in docs {
            let outcome = (|| {
                let sp = tx.savepoint()?;
                let existing: Option<DocId> = sp
                    .query_row(
                        "SELECT id FROM documents WHERE content_hash = ?1",
                        [&doc.content_hash],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(id) = existing {
                    return Ok(Stored::Duplicate(id));
                }
                let identity = documents::identity(doc);
                let same: Option<DocId> = sp
                    .prepare_cached(
                        "SELECT id FROM documents WHERE identity = ?1 ORDER BY id LIMIT 1",
                    )?
                    .query_row([&identity], |r| r.get(0))
                    .optional()?;
                if let Some(id) = same {
                    let version =
                        documents::store_new_version(&sp, id, doc, imported_at, generation)?;
                    sp.commit()?;
                    return Ok(Stored::NewVersion(id, version));
                }
                let id = insert_document(&sp, doc, &identity, imported_at, generation)?;
                sp.commit()?;
                Ok(Stored::Inserted(id))
            })();
            outcomes.push(outcome);
        }
        // Unused generation numbers are harmless; keep the stamp monotonic either way.
        tx.commit()?;
        Ok((generation, outcomes))
    }

    /// One document, whole.
    pub fn get(&self, id: DocId) -> Result<Document> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT_DOC} WHERE d.id = ?1"))?;
        let doc = stmt
            .query_row([id], row_to_document)
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "document",
                id: id.to_string(),
            })?;
        Ok(doc)
    }

    /// What a page of search results shows of each document, in one read: for the ids found,
    /// by id (ids no longer stored are absent).
    pub fn hit_rows(&self, ids: &[DocId]) -> Result<HashMap<DocId, HitRow>> {
        let mut out = HashMap::with_capacity(ids.len());
        // SQLite takes up to 32,766 parameters; a page holds at most a thousand.
        for chunk in ids.chunks(500) {
            let marks = vec!["?"; chunk.len()].join(",");
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT id, kind, title, date, council_number, source_path, body_text, pages,
                     text_z
                 FROM documents WHERE id IN ({marks})"
            ))?;
            let mut rows = stmt.query(rusqlite::params_from_iter(chunk))?;
            while let Some(r) = rows.next()? {
                let kind: String = r.get(1)?;
                let date: Option<String> = r.get(3)?;
                let pages: String = r.get(7)?;
                let id: DocId = r.get(0)?;
                let bad = |what: &str| {
                    Error::InvalidInput(format!("document {id}: bad {what} in archive"))
                };
                out.insert(
                    id,
                    HitRow {
                        kind: DocKind::parse(&kind).ok_or_else(|| bad("kind"))?,
                        title: r.get(2)?,
                        date: match date {
                            Some(d) => Some(d.parse().map_err(|_| bad("date"))?),
                            None => None,
                        },
                        council_number: r.get(4)?,
                        source_path: r.get(5)?,
                        body_text: packed::text_of(
                            r.get(6)?,
                            r.get_ref(8)?
                                .as_blob_or_null()
                                .map_err(rusqlite::Error::from)?,
                        )?,
                        pages: serde_json::from_str(&pages).map_err(|_| bad("pages"))?,
                    },
                );
            }
        }
        Ok(out)
    }

    /// Calls `f` for every document written after generation `after`, in id order
    /// (`after = 0`: every document).
    pub fn for_each_document_since(
        &self,
        after: u64,
        mut f: impl FnMut(Document) -> Result<()>,
    ) -> Result<u64> {
        let mut stmt = self.conn.prepare(&format!(
            "{SELECT_DOC} WHERE d.generation > ?1 ORDER BY d.id"
        ))?;
        let mut rows = stmt.query([after as i64])?;
        let mut n = 0;
        while let Some(row) = rows.next()? {
            f(row_to_document(row)?)?;
            n += 1;
        }
        Ok(n)
    }

    /// Counts for `stats`.
    pub fn counts(&self) -> Result<StoreCounts> {
        let documents: i64 = self
            .conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
        let mut stmt = self.conn.prepare(
            "SELECT kind, count(*) FROM documents GROUP BY kind ORDER BY count(*) DESC, kind",
        )?;
        let by_kind = stmt
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let (first, last): (Option<String>, Option<String>) = self.conn.query_row(
            "SELECT min(date), max(date) FROM documents WHERE date IS NOT NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(StoreCounts {
            documents: documents as u64,
            by_kind,
            first_date: first.and_then(|d| d.parse().ok()),
            last_date: last.and_then(|d| d.parse().ok()),
        })
    }

    /// Rows that break a foreign key, one line each (none when sound).
    pub fn foreign_key_problems(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt
            .query_map([], |r| {
                Ok(format!(
                    "table {} row {} refers to a missing row of {}",
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                    r.get::<_, String>(2)?
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Copies the whole database into a new file at `dest` with SQLite's online backup: a
    /// consistent snapshot even while another process writes.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let mut target = Connection::open(dest)?;
        copy_database(&self.conn, &mut target)?;
        // One self-contained file: no WAL beside it.
        target.pragma_update(None, "journal_mode", "DELETE")?;
        Ok(())
    }

    /// Replaces the whole database with the one in `source` (checked first: sound, and not
    /// from a newer version), then migrates it to this version.
    pub fn restore_from(&mut self, source: &Path, db_path: &Path) -> Result<()> {
        let unusable = |reason: String| Error::ArchiveUnavailable {
            path: source.to_path_buf(),
            reason,
        };
        let backup =
            Connection::open_with_flags(source, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .map_err(|e| unusable(format!("cannot open the backup: {e}")))?;
        harden(&backup)?;
        let check: String = backup
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| unusable(format!("not a Raadsvolger backup ({e})")))?;
        if check != "ok" {
            return Err(unusable(format!("the backup is damaged: {check}")));
        }
        let version: i64 = backup.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let has_documents: bool = backup.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'documents'",
            [],
            |r| r.get(0),
        )?;
        // Raadsvolger keeps no triggers or views in an archive (its undo log's triggers live
        // in each connection's TEMP schema): a file that brings some would run them on our
        // writes.
        let foreign: i64 = backup.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type IN ('trigger', 'view')",
            [],
            |r| r.get(0),
        )?;
        if foreign > 0 {
            return Err(unusable(
                "not a Raadsvolger backup: it holds triggers or views that Raadsvolger never makes"
                    .into(),
            ));
        }
        if version == 0 || !has_documents {
            return Err(unusable(
                "not a Raadsvolger backup (no archive tables)".into(),
            ));
        }
        if version as usize > SCHEMA_VERSION {
            return Err(unusable(format!(
                "made by a newer Raadsvolger (schema version {version}, this version knows up to {SCHEMA_VERSION})"
            )));
        }
        let before = self.generation()?;
        undo::uninstall(&self.conn)?;
        let copied = copy_database(&backup, &mut self.conn)
            .and_then(|()| migrations::migrate(&mut self.conn, db_path));
        // The undo log's triggers again, over what is there now (restored or not).
        self.undo = undo::install(&self.conn)?;
        copied?;
        // Past both generations, so every index that saw either one knows it is stale.
        let restored = self.generation()?;
        self.conn.execute(
            "UPDATE meta SET value = ?1 WHERE key = 'generation'",
            [(before.max(restored) + 1).to_string()],
        )?;
        Ok(())
    }

    /// `PRAGMA integrity_check` in one string ("ok" when sound).
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}

/// Copies every page of `from` into `to` in one step of SQLite's backup API.
/// What a database file may make this connection do: nothing but plain SQL. Functions that
/// are not harmless are not run from its schema (triggers, views, defaults), and the file's
/// own structures cannot be written around SQLite (a crafted file, a restored backup).
pub(crate) fn harden(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "trusted_schema", "OFF")?;
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    Ok(())
}

pub(crate) fn copy_database(from: &Connection, to: &mut Connection) -> Result<()> {
    let backup = rusqlite::backup::Backup::new(from, to)?;
    // Busy or locked: another connection is in the middle of a write; wait for it, up to 30 s.
    for _ in 0..1500 {
        match backup.step(-1)? {
            rusqlite::backup::StepResult::Done => return Ok(()),
            rusqlite::backup::StepResult::More => {}
            _ => std::thread::sleep(std::time::Duration::from_millis(20)),
        }
    }
    Err(Error::InvalidInput(
        "the database stayed busy for 30 seconds; try the backup again".into(),
    ))
}

fn read_generation(conn: &Connection) -> Result<u64> {
    let value: String =
        conn.query_row("SELECT value FROM meta WHERE key = 'generation'", [], |r| {
            r.get(0)
        })?;
    value.parse().map_err(|_| Error::ArchiveUnavailable {
        path: Default::default(),
        reason: format!("corrupt generation stamp {value:?}"),
    })
}

fn bump_generation(tx: &Transaction<'_>) -> Result<u64> {
    let next = read_generation(tx)? + 1;
    tx.execute(
        "UPDATE meta SET value = ?1 WHERE key = 'generation'",
        [next.to_string()],
    )?;
    Ok(next)
}

fn insert_document(
    conn: &Connection,
    doc: &NewDocument,
    identity: &str,
    imported_at: &str,
    generation: u64,
) -> Result<DocId> {
    let packed = packed::pack(&doc.body_text, &doc.body_html, doc.format);
    conn.prepare_cached(
        "INSERT INTO documents (kind, title, date, council_number, body_text, body_html,
             text_z, html_z, source_path, source_format, content_hash, imported_at, pages, meta,
             generation, identity)
         VALUES (?1, ?2, ?3, ?4, '', '', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        doc.kind.as_str(),
        doc.title,
        doc.date.map(|d| d.to_string()),
        doc.council_number,
        packed.text,
        packed.html,
        doc.source_path,
        doc.format.as_str(),
        doc.content_hash,
        imported_at,
        serde_json::to_string(&doc.pages)?,
        serde_json::to_string(&doc.meta)?,
        generation as i64,
        identity,
    ])?;
    let id = conn.last_insert_rowid();
    conn.prepare_cached(
        "INSERT INTO document_versions (document_id, version, content_hash, imported_at, title)
         VALUES (?1, 1, ?2, ?3, ?4)",
    )?
    .execute(params![id, doc.content_hash, imported_at, doc.title])?;
    for (ordinal, event) in doc.votes.iter().enumerate() {
        conn.prepare_cached(
            "INSERT INTO vote_events (document_id, ordinal, event) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, ordinal as i64, serde_json::to_string(event)?])?;
    }
    for (ordinal, c) in doc.commitments.iter().enumerate() {
        commitments::insert_draft(conn, id, ordinal as i64, c, doc.date, imported_at)?;
    }
    for hint in &doc.hints {
        conn.prepare_cached(
            "INSERT INTO fulfilment_hints (document_id, quote, late) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, hint.quote, hint.late])?;
    }
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO document_parties (document_id, party) VALUES (?1, ?2)",
    )?;
    for party in &doc.parties {
        stmt.execute(params![id, party])?;
    }
    Ok(id)
}

const SELECT_DOC: &str = "SELECT d.id, d.kind, d.title, d.date, d.council_number, d.body_text,
        d.body_html, d.source_path, d.source_format, d.content_hash, d.imported_at, d.pages, d.meta,
        (SELECT group_concat(party, char(31)) FROM document_parties p WHERE p.document_id = d.id),
        d.text_z, d.html_z
    FROM documents d";

fn row_to_document(row: &rusqlite::Row<'_>) -> rusqlite::Result<Document> {
    let bad = |i: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("bad {what} in archive").into(),
        )
    };
    let kind: String = row.get(1)?;
    let date: Option<String> = row.get(3)?;
    let format: String = row.get(8)?;
    let pages: String = row.get(11)?;
    let meta: String = row.get(12)?;
    let parties: Option<String> = row.get(13)?;
    let text_z = row.get_ref(14)?.as_blob_or_null()?;
    let html_z = row.get_ref(15)?.as_blob_or_null()?;
    let damaged = |i: usize, e: Error| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Blob, e.into())
    };
    let body_text = packed::text_of(row.get(5)?, text_z).map_err(|e| damaged(14, e))?;
    let body_html = packed::html_of(row.get(6)?, html_z, text_z.is_some(), &body_text)
        .map_err(|e| damaged(15, e))?;
    let mut parties: Vec<String> = parties
        .map(|p| p.split('\u{1f}').map(str::to_owned).collect())
        .unwrap_or_default();
    parties.sort();
    Ok(Document {
        id: row.get(0)?,
        kind: DocKind::parse(&kind).ok_or_else(|| bad(1, "kind"))?,
        title: row.get(2)?,
        date: match date {
            Some(d) => Some(d.parse::<NaiveDate>().map_err(|_| bad(3, "date"))?),
            None => None,
        },
        council_number: row.get(4)?,
        body_text,
        body_html,
        source_path: row.get(7)?,
        format: SourceFormat::parse(&format).ok_or_else(|| bad(8, "format"))?,
        content_hash: row.get(9)?,
        imported_at: row.get(10)?,
        pages: serde_json::from_str(&pages).map_err(|_| bad(11, "pages"))?,
        meta: serde_json::from_str(&meta).map_err(|_| bad(12, "meta"))?,
        parties,
    })
}
