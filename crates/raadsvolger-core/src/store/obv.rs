//! What openbesluitvorming's export needs of the store besides the shared register writer:
//! the downloads a document record queued, and whether a person touched a row the export
//! deletes.

use rusqlite::params;

use super::Store;
use super::sync::DownloadRow;
use crate::error::Result;

impl Store {
    /// Every download queued for a register record (any target, any status), oldest first.
    pub fn obv_queued_download(&self, system: &str, record_id: &str) -> Result<Vec<DownloadRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, system, record_id, url, title, file_name, target, target_id, status,
                    attempts, last_error, document_id
             FROM downloads WHERE system = ?1 AND record_id = ?2 ORDER BY id",
        )?;
        let rows = stmt.query_map(params![system, record_id], |r| {
            Ok(DownloadRow {
                id: r.get(0)?,
                system: r.get(1)?,
                record_id: r.get(2)?,
                url: r.get(3)?,
                title: r.get(4)?,
                file_name: r.get(5)?,
                target: r.get(6)?,
                target_id: r.get(7)?,
                status: r.get(8)?,
                attempts: r.get(9)?,
                last_error: r.get(10)?,
                document_id: r.get(11)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Drops the downloads of a record not fetched yet; the number dropped.
    pub fn obv_forget_downloads(&self, system: &str, record_id: &str) -> Result<usize> {
        Ok(self.conn.execute(
            "DELETE FROM downloads WHERE system = ?1 AND record_id = ?2 AND status != 'done'",
            params![system, record_id],
        )?)
    }

    /// True when a person edited the meeting, edited one of its agenda items or added one.
    pub fn obv_meeting_edited(&self, meeting: i64) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT (SELECT user_edited FROM meetings WHERE id = ?1)
                 OR EXISTS (SELECT 1 FROM agenda_items
                            WHERE meeting_id = ?1 AND (user_edited = 1 OR prov = 'user'))",
                [meeting],
                |r| r.get::<_, Option<bool>>(0),
            )?
            .unwrap_or(false))
    }

    /// True when a person edited the motion, entered a status, vote or submitter of it, or
    /// tied a commitment of their own to it.
    pub fn obv_motion_edited(&self, motion: i64) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT (SELECT user_edits != '[]' FROM motions WHERE id = ?1)
                 OR EXISTS (SELECT 1 FROM motion_status WHERE motion_id = ?1 AND prov = 'user')
                 OR EXISTS (SELECT 1 FROM votes WHERE motion_id = ?1 AND prov = 'user')
                 OR EXISTS (SELECT 1 FROM motion_submitters WHERE motion_id = ?1 AND prov = 'user')
                 OR EXISTS (SELECT 1 FROM commitments WHERE motion_id = ?1 AND prov = 'user')",
                [motion],
                |r| r.get::<_, Option<bool>>(0),
            )?
            .unwrap_or(false))
    }

    /// Drops the downloads not fetched yet of a meeting (its own and its agenda items') or a
    /// motion that is about to be deleted; the number dropped.
    pub fn obv_forget_downloads_of(&self, target: &str, id: i64) -> Result<usize> {
        let sql = match target {
            "meeting" => {
                "DELETE FROM downloads WHERE status != 'done' AND
                    ((target = 'meeting' AND target_id = ?1) OR
                     (target = 'item' AND target_id IN
                        (SELECT id FROM agenda_items WHERE meeting_id = ?1)))"
            }
            _ => {
                "DELETE FROM downloads WHERE status != 'done' AND target = 'motion' AND target_id = ?1"
            }
        };
        Ok(self.conn.execute(sql, [id])?)
    }
}
