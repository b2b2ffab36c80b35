//! Tables of the register's motions: the motions themselves, their submitters, their status
//! history, and their vote events with per-party and per-member votes.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::Store;
use crate::error::{Error, Result};
use crate::model::register::{MemberVote, PartyVoteRow, Provenance, Submitter};
use crate::model::{DocId, DocKind};

/// A motion as stored, before its status and votes are put together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MotionRow {
    pub id: i64,
    pub key: Option<String>,
    pub kind: DocKind,
    pub number: Option<String>,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub agenda_item_id: Option<i64>,
    pub document_id: Option<DocId>,
    pub provenance: Provenance,
    /// The fields a person corrected: extraction and re-import leave these alone.
    pub user_edits: Vec<String>,
}

/// The fields of a motion to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MotionFields<'a> {
    pub kind: DocKind,
    pub number: Option<&'a str>,
    pub title: &'a str,
    pub date: Option<NaiveDate>,
    pub agenda_item_id: Option<i64>,
    pub document_id: Option<DocId>,
}

/// One status change as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusRow {
    pub id: i64,
    pub motion_id: i64,
    pub date: Option<NaiveDate>,
    pub status: String,
    pub vote_id: Option<i64>,
    pub provenance: Provenance,
}

/// One vote event as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteRow {
    pub id: i64,
    pub motion_id: i64,
    pub meeting_id: Option<i64>,
    pub date: Option<NaiveDate>,
    pub method: Option<String>,
    pub votes_for: Option<u32>,
    pub votes_against: Option<u32>,
    pub abstained: Option<u32>,
    pub absent: Option<u32>,
    pub unanimous: bool,
    pub raw_text: Option<String>,
    pub provenance: Provenance,
}

/// A vote to write.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VoteFields<'a> {
    pub meeting_id: Option<i64>,
    pub date: Option<NaiveDate>,
    pub method: Option<&'a str>,
    pub votes_for: Option<u32>,
    pub votes_against: Option<u32>,
    pub abstained: Option<u32>,
    pub absent: Option<u32>,
    pub unanimous: bool,
    pub raw_text: Option<&'a str>,
}

fn date_col(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| s.parse().ok())
}

const SELECT_MOTION: &str = "SELECT id, key, kind, number, title, date, agenda_item_id,
    document_id, prov, prov_ref, user_edits FROM motions";

fn row_to_motion(r: &rusqlite::Row<'_>) -> rusqlite::Result<MotionRow> {
    let kind: String = r.get(2)?;
    let prov: String = r.get(8)?;
    let prov_ref: Option<String> = r.get(9)?;
    let edits: String = r.get(10)?;
    Ok(MotionRow {
        id: r.get(0)?,
        key: r.get(1)?,
        kind: DocKind::parse(&kind).unwrap_or(DocKind::Motie),
        number: r.get(3)?,
        title: r.get(4)?,
        date: date_col(r.get(5)?),
        agenda_item_id: r.get(6)?,
        document_id: r.get(7)?,
        provenance: Provenance::from_columns(&prov, prov_ref.as_deref()),
        user_edits: serde_json::from_str(&edits).unwrap_or_default(),
    })
}

const SELECT_VOTE: &str = "SELECT id, motion_id, meeting_id, date, method, votes_for,
    votes_against, abstained, absent, unanimous, raw_text, prov, prov_ref FROM votes";

fn row_to_vote(r: &rusqlite::Row<'_>) -> rusqlite::Result<VoteRow> {
    let prov: String = r.get(11)?;
    let prov_ref: Option<String> = r.get(12)?;
    let count = |i: usize| -> rusqlite::Result<Option<u32>> {
        Ok(r.get::<_, Option<i64>>(i)?.map(|v| v.max(0) as u32))
    };
    Ok(VoteRow {
        id: r.get(0)?,
        motion_id: r.get(1)?,
        meeting_id: r.get(2)?,
        date: date_col(r.get(3)?),
        method: r.get(4)?,
        votes_for: count(5)?,
        votes_against: count(6)?,
        abstained: count(7)?,
        absent: count(8)?,
        unanimous: r.get(9)?,
        raw_text: r.get(10)?,
        provenance: Provenance::from_columns(&prov, prov_ref.as_deref()),
    })
}

impl Store {
    /// Inserts a motion. Its `key` (number, else title) lets extraction and imports find it
    /// again; when another motion holds that key already, this one is stored without one.
    pub fn insert_motion(
        &mut self,
        key: Option<&str>,
        m: &MotionFields<'_>,
        prov: &Provenance,
    ) -> Result<i64> {
        if m.title.trim().is_empty() {
            return Err(Error::rule("title", "", "a motion needs a title"));
        }
        let taken = match key {
            Some(k) => self.find_motion_by_key(k)?.is_some(),
            None => false,
        };
        self.conn.execute(
            "INSERT INTO motions (key, kind, number, title, date, agenda_item_id, document_id,
                 prov, prov_ref, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                if taken { None } else { key },
                m.kind.as_str(),
                m.number,
                m.title.trim(),
                m.date.map(|d| d.to_string()),
                m.agenda_item_id,
                m.document_id,
                prov.kind(),
                prov.to_json(),
                self.write_time(),
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Updates the fields of a motion that no person has corrected.
    pub fn update_motion_fields(
        &mut self,
        id: i64,
        key: Option<&str>,
        m: &MotionFields<'_>,
    ) -> Result<()> {
        let row = self.get_motion(id)?;
        let keep = |f: &str| row.user_edits.iter().any(|e| e == f);
        let key_free = match key {
            Some(k) => self.find_motion_by_key(k)?.is_none_or(|other| other == id),
            None => false,
        };
        self.conn.execute(
            "UPDATE motions SET
                 key = CASE WHEN ?2 THEN ?3 ELSE key END,
                 kind = CASE WHEN ?4 THEN kind ELSE ?5 END,
                 number = CASE WHEN ?6 THEN number ELSE coalesce(?7, number) END,
                 title = CASE WHEN ?8 THEN title ELSE ?9 END,
                 date = CASE WHEN ?10 THEN date ELSE coalesce(?11, date) END,
                 agenda_item_id = coalesce(agenda_item_id, ?12),
                 document_id = coalesce(document_id, ?13)
             WHERE id = ?1",
            params![
                id,
                key_free,
                key,
                keep("kind"),
                m.kind.as_str(),
                keep("number"),
                m.number,
                keep("title"),
                m.title,
                keep("date"),
                m.date.map(|d| d.to_string()),
                m.agenda_item_id,
                m.document_id,
            ],
        )?;
        Ok(())
    }

    /// A person's correction of a motion: written, and remembered as theirs.
    pub fn edit_motion(&mut self, id: i64, field: &str, value: Option<&str>) -> Result<()> {
        let row = self.get_motion(id)?;
        let column = match field {
            "kind" | "number" | "title" | "date" | "agenda_item_id" | "document_id" => field,
            _ => {
                return Err(Error::InvalidInput(format!(
                    "a motion has no field {field:?}"
                )));
            }
        };
        self.conn.execute(
            &format!("UPDATE motions SET {column} = ?2 WHERE id = ?1"),
            params![id, value],
        )?;
        let mut edits = row.user_edits;
        if !edits.iter().any(|e| e == field) {
            edits.push(field.to_owned());
        }
        self.conn.execute(
            "UPDATE motions SET user_edits = ?2 WHERE id = ?1",
            params![id, serde_json::to_string(&edits)?],
        )?;
        Ok(())
    }

    pub fn find_motion_by_key(&self, key: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM motions WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    pub fn find_motion_by_ref(&self, prov_ref: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM motions WHERE prov_ref = ?1",
                [prov_ref],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub fn get_motion(&self, id: i64) -> Result<MotionRow> {
        self.conn
            .prepare_cached(&format!("{SELECT_MOTION} WHERE id = ?1"))?
            .query_row([id], row_to_motion)
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "motion",
                id: id.to_string(),
            })
    }

    pub fn list_motions(&self) -> Result<Vec<MotionRow>> {
        let mut stmt = self.conn.prepare(&format!("{SELECT_MOTION} ORDER BY id"))?;
        let rows = stmt
            .query_map([], row_to_motion)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn delete_motion(&mut self, id: i64) -> Result<()> {
        if self
            .conn
            .execute("DELETE FROM motions WHERE id = ?1", [id])?
            == 0
        {
            return Err(Error::NotFound {
                what: "motion",
                id: id.to_string(),
            });
        }
        Ok(())
    }

    /// Removes what extraction wrote about a motion (its submitters, votes and status changes
    /// of provenance `extracted`), before extraction writes them again.
    pub fn delete_extracted_facts(&mut self, motion_id: i64) -> Result<()> {
        for table in ["motion_status", "votes", "motion_submitters"] {
            self.conn.execute(
                &format!("DELETE FROM {table} WHERE motion_id = ?1 AND prov = 'extracted'"),
                [motion_id],
            )?;
        }
        Ok(())
    }

    /// Extracted motions that extraction no longer finds, and that hold nothing a person or a
    /// register added: removed.
    pub fn delete_stale_extracted_motions(&mut self, keep: &[i64]) -> Result<usize> {
        let keep: std::collections::HashSet<i64> = keep.iter().copied().collect();
        let candidates: Vec<i64> = self
            .conn
            .prepare(
                "SELECT m.id FROM motions m WHERE m.prov = 'extracted' AND m.user_edits = '[]'
                   AND NOT EXISTS (SELECT 1 FROM votes v WHERE v.motion_id = m.id AND v.prov != 'extracted')
                   AND NOT EXISTS (SELECT 1 FROM motion_status s WHERE s.motion_id = m.id AND s.prov != 'extracted')",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut n = 0;
        for id in candidates.into_iter().filter(|id| !keep.contains(id)) {
            self.conn
                .execute("DELETE FROM motions WHERE id = ?1", [id])?;
            n += 1;
        }
        Ok(n)
    }

    pub fn set_submitters(
        &mut self,
        motion_id: i64,
        submitters: &[Submitter],
        prov: &Provenance,
    ) -> Result<()> {
        self.conn.execute(
            "DELETE FROM motion_submitters WHERE motion_id = ?1 AND prov = ?2",
            params![motion_id, prov.kind()],
        )?;
        let start: i64 = self.conn.query_row(
            "SELECT coalesce(max(position), -1) + 1 FROM motion_submitters WHERE motion_id = ?1",
            [motion_id],
            |r| r.get(0),
        )?;
        for (i, s) in submitters.iter().enumerate() {
            self.conn.execute(
                "INSERT INTO motion_submitters (motion_id, position, name, party, role, prov)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    motion_id,
                    start + i as i64,
                    s.name,
                    s.party,
                    s.role,
                    prov.kind()
                ],
            )?;
        }
        Ok(())
    }

    /// Every motion's submitters: (motion id, submitter, provenance kind), in order.
    pub fn list_submitters(&self) -> Result<Vec<(i64, Submitter, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT motion_id, name, party, role, prov FROM motion_submitters
             ORDER BY motion_id, position",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    Submitter {
                        name: r.get(1)?,
                        party: r.get(2)?,
                        role: r.get(3)?,
                    },
                    r.get(4)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn insert_vote(
        &mut self,
        motion_id: i64,
        v: &VoteFields<'_>,
        parties: &[PartyVoteRow],
        members: &[MemberVote],
        prov: &Provenance,
    ) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO votes (motion_id, meeting_id, date, method, votes_for, votes_against,
                 abstained, absent, unanimous, raw_text, prov, prov_ref, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                motion_id,
                v.meeting_id,
                v.date.map(|d| d.to_string()),
                v.method,
                v.votes_for,
                v.votes_against,
                v.abstained,
                v.absent,
                v.unanimous,
                v.raw_text,
                prov.kind(),
                prov.to_json(),
                self.write_time(),
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        for p in parties {
            self.conn.execute(
                "INSERT INTO vote_parties (vote_id, party, option, seats) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (vote_id, party) DO UPDATE SET option = excluded.option",
                params![id, p.party, p.option, p.seats],
            )?;
        }
        for m in members {
            self.conn.execute(
                "INSERT INTO vote_members (vote_id, name, party, option) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (vote_id, name) DO UPDATE SET option = excluded.option",
                params![id, m.name, m.party, m.option],
            )?;
        }
        Ok(id)
    }

    pub fn list_votes(&self) -> Result<Vec<VoteRow>> {
        let mut stmt = self
            .conn
            .prepare(&format!("{SELECT_VOTE} ORDER BY motion_id, date, id"))?;
        let rows = stmt
            .query_map([], row_to_vote)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Every vote's per-party votes (or, with `only`, those of these votes): (vote id, vote).
    pub fn list_vote_parties(&self, only: Option<&[i64]>) -> Result<Vec<(i64, PartyVoteRow)>> {
        let mut stmt = self.conn.prepare(
            "SELECT vote_id, party, option, seats FROM vote_parties
             WHERE ?1 IS NULL OR vote_id IN (SELECT value FROM json_each(?1))
             ORDER BY vote_id, rowid",
        )?;
        let rows = stmt
            .query_map([ids_json(only)], |r| {
                Ok((
                    r.get(0)?,
                    PartyVoteRow {
                        party: r.get(1)?,
                        option: r.get(2)?,
                        seats: r.get(3)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Every vote's per-member votes (or, with `only`, those of these votes): (vote id, vote).
    pub fn list_vote_members(&self, only: Option<&[i64]>) -> Result<Vec<(i64, MemberVote)>> {
        let mut stmt = self.conn.prepare(
            "SELECT vote_id, name, party, option FROM vote_members
             WHERE ?1 IS NULL OR vote_id IN (SELECT value FROM json_each(?1))
             ORDER BY vote_id, rowid",
        )?;
        let rows = stmt
            .query_map([ids_json(only)], |r| {
                Ok((
                    r.get(0)?,
                    MemberVote {
                        name: r.get(1)?,
                        party: r.get(2)?,
                        option: r.get(3)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn insert_status(
        &mut self,
        motion_id: i64,
        date: Option<NaiveDate>,
        status: &str,
        vote_id: Option<i64>,
        prov: &Provenance,
    ) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO motion_status (motion_id, date, status, vote_id, prov, prov_ref, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                motion_id,
                date.map(|d| d.to_string()),
                status,
                vote_id,
                prov.kind(),
                prov.to_json(),
                self.write_time(),
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn list_status(&self) -> Result<Vec<StatusRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, motion_id, date, status, vote_id, prov, prov_ref FROM motion_status
             ORDER BY motion_id, date, id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                let prov: String = r.get(5)?;
                let prov_ref: Option<String> = r.get(6)?;
                Ok(StatusRow {
                    id: r.get(0)?,
                    motion_id: r.get(1)?,
                    date: date_col(r.get(2)?),
                    status: r.get(3)?,
                    vote_id: r.get(4)?,
                    provenance: Provenance::from_columns(&prov, prov_ref.as_deref()),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Removes what registers wrote about a motion (votes and status), before its record is
    /// imported again.
    pub fn delete_register_facts(&mut self, motion_id: i64) -> Result<()> {
        for table in ["motion_status", "votes"] {
            self.conn.execute(
                &format!("DELETE FROM {table} WHERE motion_id = ?1 AND prov = 'register'"),
                [motion_id],
            )?;
        }
        Ok(())
    }

    /// Sets the note a register gives a motion (another number it goes by).
    pub fn set_motion_note(&mut self, id: i64, note: Option<&str>) -> Result<()> {
        self.conn.execute(
            "UPDATE motions SET register_note = coalesce(?2, register_note) WHERE id = ?1",
            params![id, note],
        )?;
        Ok(())
    }

    pub fn motion_note(&self, id: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT register_note FROM motions WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .flatten())
    }

    /// Removes the votes and status changes one register record wrote about a motion, before
    /// that record is imported again (what other records and people wrote stays).
    pub fn delete_register_facts_of(&mut self, motion_id: i64, prov: &Provenance) -> Result<()> {
        for table in ["motion_status", "votes"] {
            self.conn.execute(
                &format!(
                    "DELETE FROM {table} WHERE motion_id = ?1 AND prov = 'register' AND prov_ref = ?2"
                ),
                params![motion_id, prov.to_json()],
            )?;
        }
        Ok(())
    }
}

/// Ids as one JSON array parameter (read back with `json_each`); `None` for no restriction.
fn ids_json(ids: Option<&[i64]>) -> Option<String> {
    ids.map(|ids| {
        let list: Vec<String> = ids.iter().map(i64::to_string).collect();
        format!("[{}]", list.join(","))
    })
}
