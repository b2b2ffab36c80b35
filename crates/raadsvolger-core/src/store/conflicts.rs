//! Rows of `register_conflicts`: a register's value that differs from a person's correction.

use rusqlite::{OptionalExtension, params};

use super::Store;
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictRow {
    pub id: i64,
    pub target: String,
    pub target_id: i64,
    pub field: String,
    pub user_value: Option<String>,
    pub register_value: Option<String>,
    pub system: String,
    pub record_id: String,
    pub seen_at: String,
}

const COLUMNS: &str =
    "id, target, target_id, field, user_value, register_value, system, record_id, seen_at";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ConflictRow> {
    Ok(ConflictRow {
        id: r.get(0)?,
        target: r.get(1)?,
        target_id: r.get(2)?,
        field: r.get(3)?,
        user_value: r.get(4)?,
        register_value: r.get(5)?,
        system: r.get(6)?,
        record_id: r.get(7)?,
        seen_at: r.get(8)?,
    })
}

/// A field a register wrote, compared with what a person made of it.
pub struct Compared<'a> {
    pub target: &'a str,
    pub target_id: i64,
    pub field: &'a str,
    pub user_value: Option<&'a str>,
    pub register_value: Option<&'a str>,
    pub system: &'a str,
    pub record_id: &'a str,
}

impl Store {
    /// Records the register's value beside a person's correction when they differ, and drops
    /// an earlier conflict of that field when they agree now. True when a conflict stands.
    pub fn compare_with_correction(&self, c: &Compared<'_>, now: &str) -> Result<bool> {
        let norm = |v: Option<&str>| {
            v.map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        if norm(c.user_value) == norm(c.register_value) {
            self.conn.execute(
                "DELETE FROM register_conflicts WHERE target = ?1 AND target_id = ?2 AND field = ?3",
                params![c.target, c.target_id, c.field],
            )?;
            return Ok(false);
        }
        self.conn
            .prepare_cached(
                "INSERT INTO register_conflicts (target, target_id, field, user_value,
                     register_value, system, record_id, seen_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (target, target_id, field) DO UPDATE SET
                     user_value = excluded.user_value, register_value = excluded.register_value,
                     system = excluded.system, record_id = excluded.record_id,
                     seen_at = excluded.seen_at",
            )?
            .execute(params![
                c.target,
                c.target_id,
                c.field,
                c.user_value,
                c.register_value,
                c.system,
                c.record_id,
                now
            ])?;
        Ok(true)
    }

    pub fn list_conflicts(&self) -> Result<Vec<ConflictRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM register_conflicts ORDER BY seen_at DESC, id"
        ))?;
        let rows = stmt.query_map([], row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn get_conflict(&self, id: i64) -> Result<Option<ConflictRow>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM register_conflicts WHERE id = ?1"
            ))?
            .query_row([id], row)
            .optional()?)
    }

    pub fn delete_conflict(&self, id: i64) -> Result<bool> {
        Ok(self
            .conn
            .execute("DELETE FROM register_conflicts WHERE id = ?1", [id])?
            > 0)
    }
}

impl Store {
    /// Writes a register's value into a column a person had corrected. `table` and `column`
    /// come from a fixed list ([`crate::register::conflicts`]), never from input.
    pub fn take_register_value(
        &self,
        table: &str,
        column: &str,
        id: i64,
        value: Option<&str>,
    ) -> Result<()> {
        self.conn.execute(
            &format!("UPDATE {table} SET {column} = ?2 WHERE id = ?1"),
            params![id, value],
        )?;
        if table == "motions" {
            let edits: String =
                self.conn
                    .query_row("SELECT user_edits FROM motions WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })?;
            let mut edits: Vec<String> = serde_json::from_str(&edits).unwrap_or_default();
            edits.retain(|e| e != column);
            self.conn.execute(
                "UPDATE motions SET user_edits = ?2 WHERE id = ?1",
                params![id, serde_json::to_string(&edits)?],
            )?;
        }
        Ok(())
    }
}
