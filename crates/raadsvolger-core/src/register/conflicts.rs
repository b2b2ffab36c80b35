//! Where a council's register says otherwise than a person's correction. A re-import never
//! overwrites what a person entered; the register's value is kept beside it and shown here,
//! until the person keeps their own ([`Archive::keep_correction`]) or takes the register's
//! ([`Archive::take_register_value`]).

use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::conflicts::ConflictRow;
use crate::tx::{Read, Tx};

/// A register's value that differs from a person's correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegisterConflict {
    pub id: i64,
    /// meeting, item (an agenda item) or motion.
    pub target: String,
    pub target_id: i64,
    /// What the row is, for people: the meeting's day and title, the item's or motion's title.
    pub label: String,
    pub field: String,
    /// What the archive holds (the person's correction).
    pub user_value: Option<String>,
    /// What the register says.
    pub register_value: Option<String>,
    pub system: String,
    pub record_id: String,
    pub seen_at: String,
}

/// The columns a register value can be taken into, per kind of row.
fn column(target: &str, field: &str) -> Option<(&'static str, &'static str)> {
    let table = match target {
        "meeting" => "meetings",
        "item" => "agenda_items",
        "motion" => "motions",
        _ => return None,
    };
    let ok = match target {
        "meeting" => ["date", "title", "location", "start_time", "status"].contains(&field),
        "item" => ["number", "title", "description"].contains(&field),
        _ => ["kind", "number", "title", "date"].contains(&field),
    };
    ok.then_some((
        table,
        match field {
            "date" => "date",
            "title" => "title",
            "location" => "location",
            "start_time" => "start_time",
            "status" => "status",
            "number" => "number",
            "description" => "description",
            _ => "kind",
        },
    ))
}

/// The conflicts between the registers and people's corrections, newest first.
pub(crate) fn register_conflicts(r: &Read<'_>) -> Result<Vec<RegisterConflict>> {
    let rows = r.reader()?.list_conflicts()?;
    rows.into_iter().map(|row| conflict_of(r, row)).collect()
}

pub(crate) fn conflict_of(r: &Read<'_>, row: ConflictRow) -> Result<RegisterConflict> {
    let label = {
        let s = r.reader()?;
        match row.target.as_str() {
            "meeting" => s
                .get_meeting(row.target_id)
                .map(|m| format!("{} {}", m.date, m.title.unwrap_or(m.body)))
                .unwrap_or_default(),
            "item" => s
                .get_agenda_item(row.target_id)
                .map(|i| i.title)
                .unwrap_or_default(),
            _ => s
                .get_motion(row.target_id)
                .map(|m| m.title)
                .unwrap_or_default(),
        }
    };
    Ok(RegisterConflict {
        id: row.id,
        target: row.target,
        target_id: row.target_id,
        label,
        field: row.field,
        user_value: row.user_value,
        register_value: row.register_value,
        system: row.system,
        record_id: row.record_id,
        seen_at: row.seen_at,
    })
}

pub(crate) fn conflict(r: &Read<'_>, id: i64) -> Result<ConflictRow> {
    r.reader()?
        .get_conflict(id)?
        .ok_or_else(|| Error::NotFound {
            what: "conflict",
            id: id.to_string(),
        })
}

/// Keeps the person's correction; the conflict is closed (a later re-import with yet
/// another value shows a new one).
pub(crate) fn keep_correction(tx: &Tx<'_>, id: i64) -> Result<()> {
    conflict(&tx.read(), id)?;
    tx.store()?.delete_conflict(id).map(|_| ())
}

/// Takes the register's value into the row. For a motion the field is the register's
/// again, so later imports update it; a meeting or agenda item stays marked as corrected
/// for its other fields.
pub(crate) fn take_register_value(tx: &Tx<'_>, id: i64) -> Result<()> {
    let c = conflict(&tx.read(), id)?;
    let (table, col) = column(&c.target, &c.field).ok_or_else(|| {
        Error::InvalidInput(format!(
            "conflict {id}: {} has no field {}",
            c.target, c.field
        ))
    })?;
    let mut store = tx.store()?;
    store.atomically(|s| {
        s.take_register_value(table, col, c.target_id, c.register_value.as_deref())?;
        s.delete_conflict(id)?;
        Ok(())
    })
}
