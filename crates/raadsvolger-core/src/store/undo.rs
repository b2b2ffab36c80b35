//! The undo log of a person's edits of the register (migration 7: `undo_steps`, `undo_rows`).
//!
//! Triggers on the register's tables (created per connection, from the tables' own columns,
//! so a later migration's columns are recorded too) write, while an edit is being recorded,
//! each row the edit touches, keyed by its table and primary key: the row as it was before the
//! edit's first change of it, or nothing when the edit inserted it. That happens in the edit's
//! own transaction, so an edit and what restores the state before it land together or not at
//! all. When the edit is done, the row as the edit left it is written beside it.
//!
//! Undoing a step checks first that every row it touched is still as the edit left it (a
//! sync, an import or another edit may have changed it since: then nothing is undone), then
//! removes the rows the edit inserted and puts back the rows it changed or removed. What
//! undoing changes is recorded in the same way, and any row outside the step that it would
//! change (a register's document on an agenda item the edit added, say, which a cascade
//! would remove) refuses the undo.

use std::collections::HashSet;

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;

use super::Store;
use crate::error::{Error, Result};
use crate::model::edit::{Edit, EditAction};

/// The tables an edit of the register changes, itself or through a foreign key's cascade
/// (a motion removed clears its commitments' link): parents before children.
const TRACKED: &[&str] = &[
    "bodies",
    "people",
    "memberships",
    "meetings",
    "agenda_items",
    "agenda_documents",
    "motions",
    "motion_submitters",
    "votes",
    "vote_parties",
    "vote_members",
    "motion_status",
    "commitments",
];

/// How many steps are kept; older ones can no longer be undone.
const KEPT_STEPS: i64 = 200;

/// The action that marks the rows an undo itself changes, while it runs.
const GUARD: &str = "undo";

/// A tracked table's columns and the columns of its primary key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Shape {
    table: &'static str,
    columns: Vec<String>,
    key: Vec<String>,
}

/// What an edit was about, for the step's description.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StepNote {
    /// The title of what was edited (agenda item, meeting, motion).
    pub subject: String,
    pub target_id: Option<i64>,
    pub meeting_id: Option<i64>,
}

impl StepNote {
    pub fn new(subject: &str, target_id: i64, meeting_id: Option<i64>) -> StepNote {
        StepNote {
            subject: subject.trim().to_owned(),
            target_id: Some(target_id),
            meeting_id,
        }
    }
}

/// A step's columns as stored: id, action, subject, target, meeting, when.
type StepColumns = (i64, String, String, Option<i64>, Option<i64>, String);

/// One row a step touched.
struct TouchedRow {
    table: String,
    key: String,
    before: Option<Value>,
    after: Option<Value>,
}

fn json_pairs(row: &str, columns: &[String]) -> String {
    columns
        .iter()
        .map(|c| format!("'{c}', {row}.\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads the tracked tables' shapes and creates the recording triggers on this connection.
pub(crate) fn install(conn: &Connection) -> Result<Vec<Shape>> {
    conn.execute_batch("CREATE TEMP TABLE IF NOT EXISTS undo_recording (step INTEGER NOT NULL);")?;
    let mut shapes = Vec::with_capacity(TRACKED.len());
    for &table in TRACKED {
        let mut stmt = conn.prepare(&format!("PRAGMA main.table_info({table})"))?;
        let mut cols: Vec<(String, i64)> = stmt
            .query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, i64>(5)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let columns: Vec<String> = cols.iter().map(|(c, _)| c.clone()).collect();
        cols.retain(|(_, pk)| *pk > 0);
        cols.sort_by_key(|(_, pk)| *pk);
        let key: Vec<String> = cols.into_iter().map(|(c, _)| c).collect();
        if columns.is_empty() || key.is_empty() {
            return Err(Error::InvalidInput(format!(
                "the undo log cannot follow table {table}: it has no primary key"
            )));
        }
        for (op, when, row) in [
            ("insert", "AFTER INSERT", "NEW"),
            ("update", "BEFORE UPDATE", "OLD"),
            ("delete", "BEFORE DELETE", "OLD"),
        ] {
            let before = if op == "insert" {
                "NULL".to_owned()
            } else {
                format!("json_object({})", json_pairs("OLD", &columns))
            };
            let key_json = format!("json_object({})", json_pairs(row, &key));
            // The first image of a row in a step is the one kept: the row before the step.
            conn.execute_batch(&format!(
                "CREATE TEMP TRIGGER IF NOT EXISTS undo_{table}_{op} {when} ON main.{table}
                 WHEN (SELECT step FROM undo_recording) IS NOT NULL
                 BEGIN
                   INSERT INTO undo_rows (step_id, tbl, key, before)
                   SELECT r.step, '{table}', {key_json}, {before} FROM undo_recording r
                   WHERE NOT EXISTS (SELECT 1 FROM undo_rows u
                       WHERE u.step_id = r.step AND u.tbl = '{table}' AND u.key = {key_json});
                 END;"
            ))?;
        }
        shapes.push(Shape {
            table,
            columns,
            key,
        });
    }
    Ok(shapes)
}

/// Drops this connection's recording triggers (before the database under them is replaced by
/// a backup: an older schema may lack the undo log until it is migrated).
pub(crate) fn uninstall(conn: &Connection) -> Result<()> {
    for table in TRACKED {
        for op in ["insert", "update", "delete"] {
            conn.execute_batch(&format!("DROP TRIGGER IF EXISTS temp.undo_{table}_{op};"))?;
        }
    }
    Ok(())
}

/// A JSON value as an SQL value (the rows hold text, integers and NULL).
fn sql(v: &Value) -> Sql {
    match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(Sql::Integer)
            .unwrap_or_else(|| Sql::Real(n.as_f64().unwrap_or_default())),
        Value::String(s) => Sql::Text(s.clone()),
        other => Sql::Text(other.to_string()),
    }
}

fn parse(json: Option<String>) -> Result<Option<Value>> {
    json.map(|j| serde_json::from_str(&j).map_err(Error::from))
        .transpose()
}

/// A foreign key or uniqueness rule that the undo would break: something else uses or holds
/// what it would put back or remove.
fn is_constraint(e: &Error) -> bool {
    matches!(
        e,
        Error::Storage(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::ConstraintViolation
    )
}

impl Store {
    fn shape(&self, table: &str) -> Result<&Shape> {
        self.undo
            .iter()
            .find(|s| s.table == table)
            .ok_or_else(|| Error::InvalidInput(format!("the undo log names unknown table {table}")))
    }

    /// The key's values in the order of the shape's key columns.
    fn key_values(shape: &Shape, key: &Value) -> Vec<Sql> {
        shape
            .key
            .iter()
            .map(|k| sql(key.get(k).unwrap_or(&Value::Null)))
            .collect()
    }

    fn key_condition(shape: &Shape) -> String {
        shape
            .key
            .iter()
            .enumerate()
            .map(|(i, k)| format!("\"{k}\" = ?{}", i + 1))
            .collect::<Vec<_>>()
            .join(" AND ")
    }

    /// The row with this key as JSON, or None when there is none.
    fn row_json(&self, table: &str, key: &Value) -> Result<Option<Value>> {
        let shape = self.shape(table)?;
        let sql = format!(
            "SELECT json_object({}) FROM main.{} WHERE {}",
            json_pairs(shape.table, &shape.columns),
            shape.table,
            Self::key_condition(shape)
        );
        let json: Option<String> = self
            .conn
            .prepare_cached(&sql)?
            .query_row(
                rusqlite::params_from_iter(Self::key_values(shape, key)),
                |r| r.get(0),
            )
            .optional()?;
        parse(json)
    }

    fn recording_step(&self) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT step FROM undo_recording", [], |r| r.get(0))
            .optional()?)
    }

    fn set_recording(&self, step: Option<i64>) -> Result<()> {
        self.conn.execute("DELETE FROM undo_recording", [])?;
        if let Some(step) = step {
            self.conn
                .execute("INSERT INTO undo_recording (step) VALUES (?1)", [step])?;
        }
        Ok(())
    }

    fn new_step(&self, action: &str) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO undo_steps (action, recorded_at) VALUES (?1, ?2)",
            params![action, self.write_time()],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Runs `f`, a person's edit, recording what restores the state before it. Call it inside
    /// the edit's transaction ([`Store::atomically`]); an edit inside another recorded edit is
    /// part of that one's step.
    pub fn recorded<T>(
        &mut self,
        action: EditAction,
        f: impl FnOnce(&mut Store) -> Result<(T, StepNote)>,
    ) -> Result<T> {
        if self.recording_step()?.is_some() {
            return f(self).map(|(value, _)| value);
        }
        let step = self.new_step(action.as_str())?;
        self.set_recording(Some(step))?;
        let outcome = f(self);
        self.set_recording(None)?;
        let (value, note) = outcome?;
        let touched: Vec<(i64, String, String)> = self
            .conn
            .prepare("SELECT seq, tbl, key FROM undo_rows WHERE step_id = ?1 ORDER BY seq")?
            .query_map([step], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if touched.is_empty() {
            // Nothing changed: nothing to undo.
            self.conn
                .execute("DELETE FROM undo_steps WHERE id = ?1", [step])?;
            return Ok(value);
        }
        for (seq, table, key) in touched {
            let after = self.row_json(&table, &serde_json::from_str(&key)?)?;
            self.conn.execute(
                "UPDATE undo_rows SET after = ?2 WHERE seq = ?1",
                params![seq, after.map(|a| a.to_string())],
            )?;
        }
        self.conn.execute(
            "UPDATE undo_steps SET subject = ?2, target_id = ?3, meeting_id = ?4 WHERE id = ?1",
            params![step, note.subject, note.target_id, note.meeting_id],
        )?;
        self.conn.execute(
            "DELETE FROM undo_steps WHERE id <= ?1 - ?2",
            params![step, KEPT_STEPS],
        )?;
        Ok(value)
    }

    /// The most recent step that can be undone.
    pub fn last_step(&self) -> Result<Option<Edit>> {
        let row: Option<StepColumns> = self
            .conn
            .query_row(
                "SELECT id, action, subject, target_id, meeting_id, recorded_at FROM undo_steps
                 WHERE action != ?1 ORDER BY id DESC LIMIT 1",
                [GUARD],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                },
            )
            .optional()?;
        row.map(
            |(id, action, subject, target_id, meeting_id, recorded_at)| {
                let action = EditAction::parse(&action).ok_or_else(|| {
                    Error::InvalidInput(format!("the undo log holds an unknown action {action:?}"))
                })?;
                Ok(Edit {
                    summary: action.describe(&subject),
                    id,
                    action,
                    subject,
                    target_id,
                    meeting_id,
                    recorded_at,
                })
            },
        )
        .transpose()
    }

    fn touched_rows(&self, step: i64) -> Result<Vec<TouchedRow>> {
        let raw: Vec<(String, String, Option<String>, Option<String>)> = self
            .conn
            .prepare(
                "SELECT tbl, key, before, after FROM undo_rows WHERE step_id = ?1 ORDER BY seq",
            )?
            .query_map([step], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        raw.into_iter()
            .map(|(table, key, before, after)| {
                Ok(TouchedRow {
                    table,
                    key,
                    before: parse(before)?,
                    after: parse(after)?,
                })
            })
            .collect()
    }

    /// Puts one row back as `before` holds it: changed in place when it is there, else
    /// inserted again (with its own key).
    fn restore_row(&self, table: &str, key: &Value, before: &Value) -> Result<()> {
        let shape = self.shape(table)?;
        let values: Vec<Sql> = shape
            .columns
            .iter()
            .map(|c| sql(before.get(c).unwrap_or(&Value::Null)))
            .collect();
        if self.row_json(table, key)?.is_some() {
            let n = shape.key.len();
            let set = shape
                .columns
                .iter()
                .enumerate()
                .map(|(i, c)| format!("\"{c}\" = ?{}", n + i + 1))
                .collect::<Vec<_>>()
                .join(", ");
            let mut all = Self::key_values(shape, key);
            all.extend(values);
            self.conn.execute(
                &format!(
                    "UPDATE main.{} SET {set} WHERE {}",
                    shape.table,
                    Self::key_condition(shape)
                ),
                rusqlite::params_from_iter(all),
            )?;
        } else {
            let names = shape
                .columns
                .iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ");
            let marks = (1..=shape.columns.len())
                .map(|i| format!("?{i}"))
                .collect::<Vec<_>>()
                .join(", ");
            self.conn.execute(
                &format!(
                    "INSERT INTO main.{} ({names}) VALUES ({marks})",
                    shape.table
                ),
                rusqlite::params_from_iter(values),
            )?;
        }
        Ok(())
    }

    fn remove_row(&self, table: &str, key: &Value) -> Result<()> {
        let shape = self.shape(table)?;
        self.conn.execute(
            &format!(
                "DELETE FROM main.{} WHERE {}",
                shape.table,
                Self::key_condition(shape)
            ),
            rusqlite::params_from_iter(Self::key_values(shape, key)),
        )?;
        Ok(())
    }

    /// Undoes the most recent step: its rows as they were before it. Refused, with nothing
    /// changed, when there is none ([`Error::NothingToUndo`]) or when something else changed
    /// what it touched since ([`Error::UndoBlocked`]). Call inside [`Store::atomically`].
    pub fn undo_last_step(&mut self) -> Result<Edit> {
        let step = self.last_step()?.ok_or(Error::NothingToUndo)?;
        let blocked = |reason: String| Error::UndoBlocked {
            action: step.action.as_str(),
            subject: step.subject.clone(),
            reason,
        };
        let rows = self.touched_rows(step.id)?;
        for row in &rows {
            let key: Value = serde_json::from_str(&row.key)?;
            if self.row_json(&row.table, &key)? != row.after {
                return Err(blocked(format!(
                    "{} {} was changed after this edit (by a sync, an import or another edit)",
                    row.table, row.key
                )));
            }
        }
        let guard = self.new_step(GUARD)?;
        self.set_recording(Some(guard))?;
        let applied = (|| -> Result<()> {
            // Rows the edit inserted: children before their parents.
            for row in rows.iter().rev().filter(|r| r.before.is_none()) {
                self.remove_row(&row.table, &serde_json::from_str(&row.key)?)?;
            }
            // Rows it changed or removed, parents before their children.
            for row in &rows {
                if let Some(before) = &row.before {
                    self.restore_row(&row.table, &serde_json::from_str(&row.key)?, before)?;
                }
            }
            Ok(())
        })();
        self.set_recording(None)?;
        applied.map_err(|e| {
            if is_constraint(&e) {
                blocked(format!(
                    "what it would put back or remove is used elsewhere now ({e})"
                ))
            } else {
                e
            }
        })?;
        let own: HashSet<(&str, &str)> = rows
            .iter()
            .map(|r| (r.table.as_str(), r.key.as_str()))
            .collect();
        let changed: Vec<(String, String)> = self
            .conn
            .prepare("SELECT tbl, key FROM undo_rows WHERE step_id = ?1 ORDER BY seq")?
            .query_map([guard], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if let Some((table, key)) = changed
            .iter()
            .find(|(t, k)| !own.contains(&(t.as_str(), k.as_str())))
        {
            return Err(blocked(format!(
                "it would also change {table} {key}, which this edit did not touch"
            )));
        }
        self.conn.execute(
            "DELETE FROM undo_steps WHERE id IN (?1, ?2)",
            params![step.id, guard],
        )?;
        Ok(step)
    }
}
