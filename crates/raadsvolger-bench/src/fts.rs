//! The peer: SQLite FTS5 through rusqlite, as a desktop developer would set it up.
//!
//! A contentless table (`content=''`: like the tantivy index it keeps no copy of the text),
//! the `unicode61` tokenizer folding diacritics (`remove_diacritics 2`), prefix indexes for the
//! prefix lengths the queries use, loaded from the archive's own rows in one transaction and
//! `optimize`d afterwards; ranked with `ORDER BY rank` (BM25) alone.

use std::path::Path;

use anyhow::{Context, Result};
use rusqlite::{Connection, params};

use crate::queries::party_token;

/// Page cache per connection: 256 MiB, more than the default, so the peer is not starved.
const CACHE_KIB: i64 = 256 * 1024;

pub struct Fts {
    conn: Connection,
}

/// What loading the FTS5 table cost.
#[derive(Debug, Clone, Copy, Default, serde::Serialize, serde::Deserialize)]
pub struct LoadStats {
    pub documents: u64,
    pub insert_seconds: f64,
    pub optimize_seconds: f64,
    pub bytes_on_disk: u64,
}

impl Fts {
    pub fn open(path: &Path) -> Result<Fts> {
        let conn = Connection::open(path).with_context(|| format!("opening {}", path.display()))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
        Ok(Fts { conn })
    }

    /// Builds the table at `path` from the archive database at `archive_db`.
    pub fn load(path: &Path, archive_db: &Path) -> Result<LoadStats> {
        for suffix in ["", "-wal", "-shm"] {
            let p = path.with_file_name(format!(
                "{}{suffix}",
                path.file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or("fts.sqlite")
            ));
            if p.exists() {
                std::fs::remove_file(&p)?;
            }
        }
        let mut fts = Fts::open(path)?;
        fts.conn.execute_batch(
            "CREATE VIRTUAL TABLE docs USING fts5(
                 title, body, kind, year, parties,
                 content = '', prefix = '4 5 6',
                 tokenize = 'unicode61 remove_diacritics 2'
             );",
        )?;
        let source = Connection::open_with_flags(
            archive_db,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let started = std::time::Instant::now();
        let tx = fts.conn.transaction()?;
        let mut documents = 0;
        {
            let mut insert = tx.prepare(
                "INSERT INTO docs (rowid, title, body, kind, year, parties)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut rows = source.prepare(
                "SELECT d.id, d.title, d.body_text, d.kind, substr(d.date, 1, 4),
                     (SELECT group_concat(party, char(31)) FROM document_parties p
                      WHERE p.document_id = d.id),
                     d.text_z
                 FROM documents d ORDER BY d.id",
            )?;
            let mut cursor = rows.query([])?;
            while let Some(row) = cursor.next()? {
                let id: i64 = row.get(0)?;
                let title: String = row.get(1)?;
                // The archive keeps its text compressed: FTS5 gets it as text.
                let packed: Option<Vec<u8>> = row.get(6)?;
                let body =
                    raadsvolger_core::store::packed::text_of(row.get(2)?, packed.as_deref())?;
                let kind: String = row.get(3)?;
                let year: Option<String> = row.get(4)?;
                let parties: Option<String> = row.get(5)?;
                let parties: Vec<String> = parties
                    .unwrap_or_default()
                    .split('\u{1f}')
                    .filter(|p| !p.is_empty())
                    .map(party_token)
                    .collect();
                insert.execute(params![id, title, body, kind, year, parties.join(" ")])?;
                documents += 1;
            }
        }
        tx.commit()?;
        let insert_seconds = started.elapsed().as_secs_f64();
        let started = std::time::Instant::now();
        fts.conn
            .execute("INSERT INTO docs (docs) VALUES ('optimize')", [])?;
        fts.conn
            .pragma_update(None, "wal_checkpoint", "TRUNCATE")
            .ok();
        let optimize_seconds = started.elapsed().as_secs_f64();
        drop(fts);
        let bytes_on_disk = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        Ok(LoadStats {
            documents,
            insert_seconds,
            optimize_seconds,
            bytes_on_disk,
        })
    }

    /// The ten best rowids.
    pub fn top10(&self, expr: &str) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT rowid FROM docs WHERE docs MATCH ?1 ORDER BY rank LIMIT 10")?;
        let ids = stmt
            .query_map([expr], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()
            .with_context(|| format!("FTS5 query {expr}"))?;
        Ok(ids)
    }

    /// The ten best rowids and the number of matching rows: two statements, as FTS5 cannot
    /// rank and count in one.
    pub fn top10_and_count(&self, expr: &str) -> Result<(Vec<i64>, u64)> {
        Ok((self.top10(expr)?, self.count(expr)?))
    }

    /// The number of matching rows.
    pub fn count(&self, expr: &str) -> Result<u64> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT count(*) FROM docs WHERE docs MATCH ?1")?;
        let n: i64 = stmt
            .query_row([expr], |r| r.get(0))
            .with_context(|| format!("FTS5 count {expr}"))?;
        Ok(n as u64)
    }
}
