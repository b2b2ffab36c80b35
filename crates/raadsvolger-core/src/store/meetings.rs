//! Tables of the register's calendar: bodies, meetings, agenda items and the documents on them.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::Store;
use crate::error::{Error, Result};
use crate::model::DocId;
use crate::model::register::{AgendaDocument, MeetingStatus, Provenance};

/// A meeting as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingRow {
    pub id: i64,
    pub body: String,
    pub date: NaiveDate,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub title: Option<String>,
    pub location: Option<String>,
    pub status: MeetingStatus,
    pub provenance: Provenance,
    pub agenda_items: u64,
}

/// An agenda item as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaRow {
    pub id: i64,
    pub meeting_id: i64,
    pub parent_id: Option<i64>,
    pub number: Option<String>,
    pub title: String,
    pub description: Option<String>,
    pub position: i64,
    pub provenance: Provenance,
}

/// One agenda item of the calendar: (item id, meeting id, meeting date, meeting status, item
/// title).
pub type CalendarRow = (i64, i64, NaiveDate, MeetingStatus, String);

/// The fields of a meeting to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingFields<'a> {
    pub body: &'a str,
    pub date: NaiveDate,
    pub start_time: Option<&'a str>,
    pub end_time: Option<&'a str>,
    pub title: Option<&'a str>,
    pub location: Option<&'a str>,
    pub status: MeetingStatus,
}

fn not_found(what: &'static str, id: i64) -> Error {
    Error::NotFound {
        what,
        id: id.to_string(),
    }
}

const SELECT_MEETING: &str = "SELECT m.id, b.name, m.date, m.start_time, m.end_time, m.title,
        m.location, m.status, m.prov, m.prov_ref,
        (SELECT count(*) FROM agenda_items a WHERE a.meeting_id = m.id)
    FROM meetings m JOIN bodies b ON b.id = m.body_id";

fn row_to_meeting(r: &rusqlite::Row<'_>) -> rusqlite::Result<MeetingRow> {
    let date: String = r.get(2)?;
    let status: String = r.get(7)?;
    let prov: String = r.get(8)?;
    let prov_ref: Option<String> = r.get(9)?;
    Ok(MeetingRow {
        id: r.get(0)?,
        body: r.get(1)?,
        date: date.parse().unwrap_or_default(),
        start_time: r.get(3)?,
        end_time: r.get(4)?,
        title: r.get(5)?,
        location: r.get(6)?,
        status: MeetingStatus::parse(&status).unwrap_or(MeetingStatus::Planned),
        provenance: Provenance::from_columns(&prov, prov_ref.as_deref()),
        agenda_items: r.get::<_, i64>(10)? as u64,
    })
}

const SELECT_AGENDA: &str = "SELECT id, meeting_id, parent_id, number, title, description,
    position, prov, prov_ref FROM agenda_items";

fn row_to_agenda(r: &rusqlite::Row<'_>) -> rusqlite::Result<AgendaRow> {
    let prov: String = r.get(7)?;
    let prov_ref: Option<String> = r.get(8)?;
    Ok(AgendaRow {
        id: r.get(0)?,
        meeting_id: r.get(1)?,
        parent_id: r.get(2)?,
        number: r.get(3)?,
        title: r.get(4)?,
        description: r.get(5)?,
        position: r.get(6)?,
        provenance: Provenance::from_columns(&prov, prov_ref.as_deref()),
    })
}

impl Store {
    /// The id of the body with this name, created when new.
    pub fn upsert_body(&mut self, name: &str) -> Result<i64> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::InvalidInput(
                "a meeting needs a body (Gemeenteraad, a committee, ...)".into(),
            ));
        }
        self.conn.execute(
            "INSERT INTO bodies (name) VALUES (?1) ON CONFLICT (name) DO NOTHING",
            [name],
        )?;
        Ok(self
            .conn
            .query_row("SELECT id FROM bodies WHERE name = ?1", [name], |r| {
                r.get(0)
            })?)
    }

    pub fn insert_meeting(&mut self, m: &MeetingFields<'_>, prov: &Provenance) -> Result<i64> {
        let body = self.upsert_body(m.body)?;
        self.conn.execute(
            "INSERT INTO meetings (body_id, date, start_time, end_time, title, location, status,
                 prov, prov_ref, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                body,
                m.date.to_string(),
                m.start_time,
                m.end_time,
                m.title,
                m.location,
                m.status.as_str(),
                prov.kind(),
                prov.to_json(),
                self.write_time(),
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn update_meeting(&mut self, id: i64, m: &MeetingFields<'_>) -> Result<()> {
        let body = self.upsert_body(m.body)?;
        let n = self.conn.execute(
            "UPDATE meetings SET body_id = ?2, date = ?3, start_time = ?4, end_time = ?5,
                 title = ?6, location = ?7, status = ?8, updated_at = ?9 WHERE id = ?1",
            params![
                id,
                body,
                m.date.to_string(),
                m.start_time,
                m.end_time,
                m.title,
                m.location,
                m.status.as_str(),
                self.write_time(),
            ],
        )?;
        if n == 0 {
            return Err(not_found("meeting", id));
        }
        Ok(())
    }

    pub fn delete_meeting(&mut self, id: i64) -> Result<()> {
        if self
            .conn
            .execute("DELETE FROM meetings WHERE id = ?1", [id])?
            == 0
        {
            return Err(not_found("meeting", id));
        }
        Ok(())
    }

    pub fn get_meeting(&self, id: i64) -> Result<MeetingRow> {
        self.conn
            .prepare_cached(&format!("{SELECT_MEETING} WHERE m.id = ?1"))?
            .query_row([id], row_to_meeting)
            .optional()?
            .ok_or_else(|| not_found("meeting", id))
    }

    /// The meeting a register record made, if it was imported before.
    pub fn find_meeting_by_ref(&self, prov_ref: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM meetings WHERE prov_ref = ?1",
                [prov_ref],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Meetings between two days (inclusive; either open), by date and time.
    pub fn list_meetings(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<MeetingRow>> {
        let mut stmt = self.conn.prepare(&format!(
            "{SELECT_MEETING} WHERE (?1 IS NULL OR m.date >= ?1) AND (?2 IS NULL OR m.date <= ?2)
             ORDER BY m.date, m.start_time, m.id"
        ))?;
        let rows = stmt
            .query_map(
                params![from.map(|d| d.to_string()), to.map(|d| d.to_string())],
                row_to_meeting,
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Adds an agenda item at the end of its parent's items, or at `position` (shifting the
    /// items from there on).
    #[allow(clippy::too_many_arguments)]
    pub fn insert_agenda_item(
        &mut self,
        meeting_id: i64,
        parent_id: Option<i64>,
        number: Option<&str>,
        title: &str,
        description: Option<&str>,
        position: Option<i64>,
        prov: &Provenance,
    ) -> Result<i64> {
        self.get_meeting(meeting_id)?;
        if let Some(parent) = parent_id {
            let p = self.get_agenda_item(parent)?;
            if p.meeting_id != meeting_id {
                return Err(Error::InvalidInput(format!(
                    "agenda item {parent} belongs to meeting {}, not to meeting {meeting_id}",
                    p.meeting_id
                )));
            }
        }
        if title.trim().is_empty() {
            return Err(Error::rule("title", "", "an agenda item needs a title"));
        }
        let last: i64 = self.conn.query_row(
            "SELECT coalesce(max(position), -1) FROM agenda_items
             WHERE meeting_id = ?1 AND parent_id IS ?2",
            params![meeting_id, parent_id],
            |r| r.get(0),
        )?;
        let position = match position {
            Some(p) if p <= last => {
                self.conn.execute(
                    "UPDATE agenda_items SET position = position + 1
                     WHERE meeting_id = ?1 AND parent_id IS ?2 AND position >= ?3",
                    params![meeting_id, parent_id, p.max(0)],
                )?;
                p.max(0)
            }
            _ => last + 1,
        };
        self.conn.execute(
            "INSERT INTO agenda_items (meeting_id, parent_id, number, title, description, position,
                 prov, prov_ref)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                meeting_id,
                parent_id,
                number,
                title.trim(),
                description,
                position,
                prov.kind(),
                prov.to_json()
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn update_agenda_item(
        &mut self,
        id: i64,
        number: Option<&str>,
        title: &str,
        description: Option<&str>,
    ) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE agenda_items SET number = ?2, title = ?3, description = ?4 WHERE id = ?1",
            params![id, number, title, description],
        )?;
        if n == 0 {
            return Err(not_found("agenda item", id));
        }
        Ok(())
    }

    /// Moves an item to `position` among its siblings.
    pub fn move_agenda_item(&mut self, id: i64, position: i64) -> Result<()> {
        let item = self.get_agenda_item(id)?;
        let mut siblings: Vec<i64> = self
            .conn
            .prepare(
                "SELECT id FROM agenda_items WHERE meeting_id = ?1 AND parent_id IS ?2
                 ORDER BY position, id",
            )?
            .query_map(params![item.meeting_id, item.parent_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        siblings.retain(|s| *s != id);
        let at = (position.max(0) as usize).min(siblings.len());
        siblings.insert(at, id);
        for (i, s) in siblings.iter().enumerate() {
            self.conn.execute(
                "UPDATE agenda_items SET position = ?2 WHERE id = ?1",
                params![s, i as i64],
            )?;
        }
        Ok(())
    }

    pub fn delete_agenda_item(&mut self, id: i64) -> Result<()> {
        if self
            .conn
            .execute("DELETE FROM agenda_items WHERE id = ?1", [id])?
            == 0
        {
            return Err(not_found("agenda item", id));
        }
        Ok(())
    }

    pub fn get_agenda_item(&self, id: i64) -> Result<AgendaRow> {
        self.conn
            .prepare_cached(&format!("{SELECT_AGENDA} WHERE id = ?1"))?
            .query_row([id], row_to_agenda)
            .optional()?
            .ok_or_else(|| not_found("agenda item", id))
    }

    pub fn find_agenda_item_by_ref(&self, prov_ref: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM agenda_items WHERE prov_ref = ?1",
                [prov_ref],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// A meeting's agenda items (all levels), by position.
    pub fn list_agenda_items(&self, meeting_id: i64) -> Result<Vec<AgendaRow>> {
        let mut stmt = self.conn.prepare(&format!(
            "{SELECT_AGENDA} WHERE meeting_id = ?1 ORDER BY position, id"
        ))?;
        let rows = stmt
            .query_map([meeting_id], row_to_agenda)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Every agenda item with its meeting's date and status: the calendar that event deadlines
    /// are resolved against.
    pub fn list_calendar(&self) -> Result<Vec<CalendarRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id, m.id, m.date, m.status, a.title FROM agenda_items a
             JOIN meetings m ON m.id = a.meeting_id ORDER BY m.date, a.position, a.id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                let date: String = r.get(2)?;
                let status: String = r.get(3)?;
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    date.parse().unwrap_or_default(),
                    MeetingStatus::parse(&status).unwrap_or(MeetingStatus::Planned),
                    r.get(4)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Puts a document on an agenda item (again: its role is updated).
    pub fn attach_document(&mut self, item: i64, document: DocId, role: &str) -> Result<()> {
        self.get_agenda_item(item)?;
        self.get(document)?;
        self.conn.execute(
            "INSERT INTO agenda_documents (agenda_item_id, document_id, role) VALUES (?1, ?2, ?3)
             ON CONFLICT (agenda_item_id, document_id) DO UPDATE SET role = excluded.role",
            params![item, document, role],
        )?;
        Ok(())
    }

    pub fn detach_document(&mut self, item: i64, document: DocId) -> Result<()> {
        self.conn.execute(
            "DELETE FROM agenda_documents WHERE agenda_item_id = ?1 AND document_id = ?2",
            params![item, document],
        )?;
        Ok(())
    }

    /// The documents a register attached to the meeting itself (downloaded by a sync).
    pub fn meeting_documents(&self, meeting_id: i64) -> Result<Vec<AgendaDocument>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT d.id, d.title, d.kind, d.date FROM downloads dl
             JOIN documents d ON d.id = dl.document_id
             WHERE dl.target = 'meeting' AND dl.target_id = ?1 AND dl.status = 'done'
             ORDER BY d.date, d.id",
        )?;
        let rows = stmt.query_map([meeting_id], |r| {
            let kind: String = r.get(2)?;
            let date: Option<String> = r.get(3)?;
            Ok(AgendaDocument {
                id: r.get(0)?,
                title: r.get(1)?,
                kind: crate::model::DocKind::parse(&kind).unwrap_or(crate::model::DocKind::Overig),
                date: date.and_then(|d| d.parse().ok()),
                role: "vergadering".into(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The documents on a meeting's items: (item id, document).
    pub fn agenda_documents(&self, meeting_id: i64) -> Result<Vec<(i64, AgendaDocument)>> {
        let mut stmt = self.conn.prepare(
            "SELECT ad.agenda_item_id, d.id, d.title, d.kind, d.date, ad.role
             FROM agenda_documents ad JOIN agenda_items a ON a.id = ad.agenda_item_id
             JOIN documents d ON d.id = ad.document_id
             WHERE a.meeting_id = ?1 ORDER BY d.date, d.id",
        )?;
        let rows = stmt
            .query_map([meeting_id], |r| {
                let kind: String = r.get(3)?;
                let date: Option<String> = r.get(4)?;
                Ok((
                    r.get(0)?,
                    AgendaDocument {
                        id: r.get(1)?,
                        title: r.get(2)?,
                        kind: crate::model::DocKind::parse(&kind)
                            .unwrap_or(crate::model::DocKind::Overig),
                        date: date.and_then(|d| d.parse().ok()),
                        role: r.get(5)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The agenda items a document is on: (item id, meeting id).
    pub fn items_of_document(&self, document: DocId) -> Result<Vec<(i64, i64)>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.meeting_id FROM agenda_documents ad
             JOIN agenda_items a ON a.id = ad.agenda_item_id WHERE ad.document_id = ?1",
        )?;
        let rows = stmt
            .query_map([document], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Marks a meeting (`agenda_items` false) or an agenda item as changed by a person: a
    /// register's next import leaves it alone.
    pub fn mark_user_edited(&mut self, agenda_item: bool, id: i64) -> Result<()> {
        let table = if agenda_item {
            "agenda_items"
        } else {
            "meetings"
        };
        self.conn.execute(
            &format!("UPDATE {table} SET user_edited = 1 WHERE id = ?1"),
            [id],
        )?;
        Ok(())
    }

    /// Whether a person changed this meeting (or agenda item).
    pub fn is_user_edited(&self, agenda_item: bool, id: i64) -> Result<bool> {
        let table = if agenda_item {
            "agenda_items"
        } else {
            "meetings"
        };
        Ok(self
            .conn
            .query_row(
                &format!("SELECT user_edited FROM {table} WHERE id = ?1"),
                [id],
                |r| r.get::<_, bool>(0),
            )
            .optional()?
            .unwrap_or(false))
    }

    /// Gives a meeting (`agenda_item` false) or an agenda item another provenance: a row a
    /// register's reader made from a motion's reference, adopted by the register's own record.
    pub fn set_register_ref(
        &mut self,
        agenda_item: bool,
        id: i64,
        prov: &Provenance,
    ) -> Result<()> {
        let table = if agenda_item {
            "agenda_items"
        } else {
            "meetings"
        };
        self.conn.execute(
            &format!("UPDATE {table} SET prov = ?2, prov_ref = ?3 WHERE id = ?1"),
            params![id, prov.kind(), prov.to_json()],
        )?;
        Ok(())
    }
}
