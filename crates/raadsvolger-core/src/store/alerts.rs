//! The rows of saved searches (alerts) and the documents they flagged (migration 5).

use rusqlite::{OptionalExtension, params};

use super::Store;
use crate::error::Result;
use crate::model::DocId;

/// The settings key holding the generation up to which documents were looked at for alerts.
const ALERTS_GENERATION: &str = "alerts_generation";

/// A saved search as stored, with the number of its hits not seen yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedSearchRow {
    pub id: i64,
    pub name: String,
    pub query: String,
    pub filters: Option<String>,
    pub created_at: String,
    pub last_seen_at: Option<String>,
    pub new_count: usize,
}

/// A document a saved search flagged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertHitRow {
    pub document_id: DocId,
    pub title: String,
    pub date: Option<String>,
    pub kind: String,
    pub found_at: String,
    pub seen: bool,
}

const SEARCH_COLUMNS: &str = "s.id, s.name, s.query, s.filters, s.created_at, s.last_seen_at, \
     (SELECT count(*) FROM alert_hits h WHERE h.search_id = s.id AND h.seen = 0)";

fn search_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SavedSearchRow> {
    Ok(SavedSearchRow {
        id: r.get(0)?,
        name: r.get(1)?,
        query: r.get(2)?,
        filters: r.get(3)?,
        created_at: r.get(4)?,
        last_seen_at: r.get(5)?,
        new_count: r.get::<_, i64>(6)? as usize,
    })
}

impl Store {
    pub fn insert_saved_search(
        &mut self,
        name: &str,
        query: &str,
        filters: Option<&str>,
        created_at: &str,
    ) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO saved_searches (name, query, filters, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![name, query, filters, created_at],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Every saved search, in the order they were saved.
    pub fn saved_searches(&self) -> Result<Vec<SavedSearchRow>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {SEARCH_COLUMNS} FROM saved_searches s ORDER BY s.id"
        ))?;
        let rows = stmt
            .query_map([], search_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    pub fn saved_search(&self, id: i64) -> Result<Option<SavedSearchRow>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {SEARCH_COLUMNS} FROM saved_searches s WHERE s.id = ?1"),
                [id],
                search_row,
            )
            .optional()?)
    }

    /// The saved search of this name (case-insensitive), if any.
    pub fn saved_search_named(&self, name: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM saved_searches WHERE lower(name) = lower(?1)",
                [name],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Deletes a saved search and its hits; false when there was none.
    pub fn delete_saved_search(&mut self, id: i64) -> Result<bool> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM alert_hits WHERE search_id = ?1", [id])?;
        let n = tx.execute("DELETE FROM saved_searches WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(n > 0)
    }

    /// The documents a saved search flagged, newest find first (then newest document); only
    /// those not seen yet when `only_new`.
    pub fn alert_hits(&self, id: i64, only_new: bool) -> Result<Vec<AlertHitRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.title, d.date, d.kind, h.found_at, h.seen
             FROM alert_hits h JOIN documents d ON d.id = h.document_id
             WHERE h.search_id = ?1 AND (?2 = 0 OR h.seen = 0)
             ORDER BY h.found_at DESC, d.date DESC, d.id DESC",
        )?;
        let rows = stmt
            .query_map(params![id, only_new as i64], |r| {
                Ok(AlertHitRow {
                    document_id: r.get(0)?,
                    title: r.get(1)?,
                    date: r.get(2)?,
                    kind: r.get(3)?,
                    found_at: r.get(4)?,
                    seen: r.get::<_, i64>(5)? != 0,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Marks every hit of a saved search seen and stamps the visit; false when there is no such
    /// search.
    pub fn mark_alert_seen(&mut self, id: i64, now: &str) -> Result<bool> {
        let tx = self.conn.transaction()?;
        let n = tx.execute(
            "UPDATE saved_searches SET last_seen_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        tx.execute(
            "UPDATE alert_hits SET seen = 1 WHERE search_id = ?1 AND seen = 0",
            [id],
        )?;
        tx.commit()?;
        Ok(n > 0)
    }

    /// Flags documents for a saved search; a document it flagged before keeps its first find.
    /// Returns how many were flagged now.
    pub fn add_alert_hits(
        &mut self,
        id: i64,
        documents: &[DocId],
        found_at: &str,
    ) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let mut n = 0;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO alert_hits (search_id, document_id, found_at, seen)
                 VALUES (?1, ?2, ?3, 0)",
            )?;
            for doc in documents {
                n += stmt.execute(params![id, doc, found_at])?;
            }
        }
        tx.commit()?;
        Ok(n)
    }

    /// The ids of the documents written (added, given a new version or corrected) after
    /// generation `after`.
    pub fn documents_written_since(&self, after: u64) -> Result<Vec<DocId>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM documents WHERE generation > ?1 ORDER BY id")?;
        let ids = stmt
            .query_map([after as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<DocId>>>()?;
        Ok(ids)
    }

    /// The generation up to which alerts have looked; `None` before the first look.
    pub fn alerts_generation(&self) -> Result<Option<u64>> {
        Ok(self
            .get_setting(ALERTS_GENERATION)?
            .and_then(|v| v.parse().ok()))
    }

    pub fn set_alerts_generation(&mut self, generation: u64) -> Result<()> {
        self.set_setting(ALERTS_GENERATION, &generation.to_string())
    }
}
