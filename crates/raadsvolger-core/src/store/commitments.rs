//! Tables of the commitment register: commitments, their evidence and history, the votes and
//! fulfilment statements found in documents.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::Store;
use crate::error::{Error, Result};
use crate::extract::deadlines::DeadlineKind;
use crate::model::{CommitmentDraft, DocId, HistoryEntry, Origin, VoteEvent};

/// A commitment as stored, before its state on a given day is worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitmentRow {
    pub id: i64,
    pub document_id: Option<DocId>,
    pub origin: Origin,
    pub text: String,
    pub actor: String,
    pub quote: String,
    pub made_on: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub due_kind: Option<DeadlineKind>,
    pub due_text: Option<String>,
    pub note: Option<String>,
    /// The sentence it was found in is no longer in the document's latest version.
    pub source_changed: bool,
    /// The register's motion it belongs to, when no document holds it.
    pub motion_id: Option<i64>,
}

/// A commitment a council's register keeps, to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterCommitment<'a> {
    pub origin: Origin,
    pub text: &'a str,
    pub actor: &'a str,
    pub made_on: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub motion_id: Option<i64>,
}

/// A stored evidence link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceRow {
    pub commitment_id: i64,
    pub document_id: DocId,
    pub passage: String,
}

/// A statement in a document that something promised has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HintRow {
    pub id: i64,
    pub document_id: DocId,
    pub date: Option<NaiveDate>,
    pub quote: String,
    pub late: bool,
}

/// A document's title and date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocHead {
    pub id: DocId,
    pub kind: String,
    pub title: String,
    pub date: Option<NaiveDate>,
}

/// A row of `SELECT id, kind, title, date FROM documents`.
fn row_to_head(r: &rusqlite::Row<'_>) -> rusqlite::Result<DocHead> {
    Ok(DocHead {
        id: r.get(0)?,
        kind: r.get(1)?,
        title: r.get(2)?,
        date: date_col(r.get(3)?),
    })
}

fn date_col(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| s.parse().ok())
}

pub(crate) fn insert_draft(
    conn: &Connection,
    document_id: DocId,
    ordinal: i64,
    c: &CommitmentDraft,
    made_on: Option<NaiveDate>,
    created_at: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO commitments (document_id, ordinal, origin, text, actor, quote, made_on, due,
             due_kind, due_text, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            document_id,
            ordinal,
            c.origin.as_str(),
            c.text,
            c.actor,
            c.quote,
            made_on.map(|d| d.to_string()),
            c.due.as_ref().and_then(|d| d.date).map(|d| d.to_string()),
            c.due.as_ref().map(|d| d.kind.as_str()),
            c.due.as_ref().map(|d| d.text.clone()),
            created_at,
        ],
    )?;
    let id = conn.last_insert_rowid();
    if let Some(met) = &c.met {
        // Done on the day the document says; else known done by the document's date, and not
        // shown late where the document does not say it was.
        let due = c.due.as_ref().and_then(|d| d.date);
        let on = met.on.or(match (made_on, due) {
            (Some(m), Some(d)) => Some(m.min(d)),
            (m, d) => m.or(d),
        });
        if let Some(on) = on {
            conn.execute(
                "INSERT INTO commitment_history (commitment_id, date, recorded_at, field, old, new, reason)
                 VALUES (?1, ?2, ?3, 'status', 'open', 'met', ?4)",
                params![
                    id,
                    on.to_string(),
                    created_at,
                    format!("afgeleid uit het document zelf: «{}»", met.passage)
                ],
            )?;
            conn.execute(
                "INSERT INTO commitment_evidence (commitment_id, document_id, passage, added_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![id, document_id, met.passage, created_at],
            )?;
        }
    }
    Ok(id)
}

const SELECT_COMMITMENT: &str = "SELECT id, document_id, origin, text, actor, quote, made_on, due,
    due_kind, due_text, note, source_changed, motion_id FROM commitments";

fn row_to_commitment(r: &rusqlite::Row<'_>) -> rusqlite::Result<CommitmentRow> {
    let origin: String = r.get(2)?;
    let due_kind: Option<String> = r.get(8)?;
    Ok(CommitmentRow {
        id: r.get(0)?,
        document_id: r.get(1)?,
        origin: Origin::parse(&origin).unwrap_or(Origin::Manual),
        text: r.get(3)?,
        actor: r.get(4)?,
        quote: r.get(5)?,
        made_on: date_col(r.get(6)?),
        due: date_col(r.get(7)?),
        due_kind: due_kind.as_deref().and_then(DeadlineKind::parse),
        due_text: r.get(9)?,
        note: r.get(10)?,
        source_changed: r.get(11)?,
        motion_id: r.get(12)?,
    })
}

impl Store {
    /// Every commitment, in id order.
    pub fn commitment_rows(&self) -> Result<Vec<CommitmentRow>> {
        let mut stmt = self
            .conn
            .prepare(&format!("{SELECT_COMMITMENT} ORDER BY id"))?;
        let rows = stmt
            .query_map([], row_to_commitment)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn commitment_row(&self, id: i64) -> Result<CommitmentRow> {
        self.conn
            .query_row(
                &format!("{SELECT_COMMITMENT} WHERE id = ?1"),
                [id],
                row_to_commitment,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "commitment",
                id: id.to_string(),
            })
    }

    /// All evidence links.
    pub fn evidence_rows(&self) -> Result<Vec<EvidenceRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT commitment_id, document_id, passage FROM commitment_evidence ORDER BY id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(EvidenceRow {
                    commitment_id: r.get(0)?,
                    document_id: r.get(1)?,
                    passage: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// All history entries, by commitment, in the order they took effect.
    pub fn history_rows(&self) -> Result<Vec<(i64, HistoryEntry)>> {
        let mut stmt = self.conn.prepare(
            "SELECT commitment_id, date, recorded_at, field, old, new, reason
             FROM commitment_history ORDER BY commitment_id, date, id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                let date: String = r.get(1)?;
                Ok((
                    r.get(0)?,
                    HistoryEntry {
                        date: date.parse().unwrap_or_default(),
                        recorded_at: r.get(2)?,
                        field: r.get(3)?,
                        old: r.get(4)?,
                        new: r.get(5)?,
                        reason: r.get(6)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Every document's vote events.
    pub fn vote_event_rows(&self) -> Result<Vec<(DocId, VoteEvent)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT document_id, event FROM vote_events ORDER BY document_id, ordinal")?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let json: String = r.get(1)?;
            out.push((r.get(0)?, serde_json::from_str(&json)?));
        }
        Ok(out)
    }

    /// Titles and dates of documents (all, or the ones asked for).
    pub fn doc_heads(&self) -> Result<Vec<DocHead>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, kind, title, date FROM documents ORDER BY id")?;
        let rows = stmt
            .query_map([], row_to_head)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// One page of the dated documents, oldest first (ties by id), and how many are dated.
    pub fn dated_heads(&self, offset: usize, limit: usize) -> Result<(usize, Vec<DocHead>)> {
        let total: i64 = self.conn.query_row(
            "SELECT count(*) FROM documents WHERE date IS NOT NULL",
            [],
            |r| r.get(0),
        )?;
        let clamp = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        let mut stmt = self.conn.prepare(
            "SELECT id, kind, title, date FROM documents WHERE date IS NOT NULL
             ORDER BY date, id LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt
            .query_map([clamp(limit), clamp(offset)], row_to_head)?
            .collect::<rusqlite::Result<_>>()?;
        Ok((usize::try_from(total).unwrap_or(0), rows))
    }

    /// Fulfilment statements not yet used.
    pub fn open_hints(&self) -> Result<Vec<HintRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT h.id, h.document_id, d.date, h.quote, h.late FROM fulfilment_hints h
             JOIN documents d ON d.id = h.document_id WHERE h.applied_to IS NULL ORDER BY d.date, h.id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(HintRow {
                    id: r.get(0)?,
                    document_id: r.get(1)?,
                    date: date_col(r.get(2)?),
                    quote: r.get(3)?,
                    late: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Records a change of status (and optionally evidence) in one transaction.
    #[allow(clippy::too_many_arguments)]
    pub fn record_status(
        &mut self,
        commitment_id: i64,
        date: NaiveDate,
        old: &str,
        new: &str,
        reason: &str,
        evidence: Option<(DocId, &str)>,
        hint: Option<i64>,
        now: &str,
    ) -> Result<()> {
        let tx = self.conn.savepoint()?;
        tx.execute(
            "INSERT INTO commitment_history (commitment_id, date, recorded_at, field, old, new, reason)
             VALUES (?1, ?2, ?3, 'status', ?4, ?5, ?6)",
            params![commitment_id, date.to_string(), now, old, new, reason],
        )?;
        if let Some((doc, passage)) = evidence {
            tx.execute(
                "INSERT INTO commitment_evidence (commitment_id, document_id, passage, added_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![commitment_id, doc, passage, now],
            )?;
        }
        if let Some(h) = hint {
            tx.execute(
                "UPDATE fulfilment_hints SET applied_to = ?1 WHERE id = ?2",
                params![commitment_id, h],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Records a change of deadline.
    pub fn record_due(
        &mut self,
        commitment_id: i64,
        date: NaiveDate,
        old: Option<NaiveDate>,
        new: NaiveDate,
        reason: &str,
        now: &str,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO commitment_history (commitment_id, date, recorded_at, field, old, new, reason)
             VALUES (?1, ?2, ?3, 'due', ?4, ?5, ?6)",
            params![commitment_id, date.to_string(), now, old.map(|d| d.to_string()), new.to_string(), reason],
        )?;
        Ok(())
    }

    /// Sets the free-text note.
    pub fn set_note(&mut self, commitment_id: i64, note: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE commitments SET note = ?1 WHERE id = ?2",
            params![note, commitment_id],
        )?;
        Ok(())
    }

    /// Adds a commitment made outside the documents (an oral promise from the minutes).
    pub fn insert_manual(
        &mut self,
        draft: &CommitmentDraft,
        made_on: NaiveDate,
        source: Option<DocId>,
        now: &str,
    ) -> Result<i64> {
        let tx = self.conn.savepoint()?;
        // Manual commitments take ordinals below zero so they never collide with extracted ones.
        let ordinal: i64 = tx.query_row(
            "SELECT coalesce(min(ordinal), 0) - 1 FROM commitments WHERE document_id IS ?1 AND ordinal < 0",
            [source],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO commitments (document_id, ordinal, origin, text, actor, quote, made_on, due,
                 due_kind, due_text, created_at)
             VALUES (?1, ?2, 'manual', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                source,
                ordinal,
                draft.text,
                draft.actor,
                draft.quote,
                made_on.to_string(),
                draft.due.as_ref().and_then(|d| d.date).map(|d| d.to_string()),
                draft.due.as_ref().map(|d| d.kind.as_str()),
                draft.due.as_ref().map(|d| d.text.clone()),
                now,
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    /// Writes a commitment a register keeps: updated in place when a row with this provenance
    /// exists (its status and deadline history, where a person's changes live, stay), inserted
    /// otherwise. Returns its id and whether it is new.
    pub fn upsert_register_commitment(
        &mut self,
        c: &RegisterCommitment<'_>,
        prov: &crate::model::register::Provenance,
    ) -> Result<(i64, bool)> {
        let prov_ref = prov.to_json();
        let existing: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM commitments WHERE prov_ref = ?1",
                [&prov_ref],
                |r| r.get(0),
            )
            .optional()?;
        let due = c.due.map(|d| d.to_string());
        let due_kind = c.due.map(|_| DeadlineKind::Day.as_str());
        if let Some(id) = existing {
            self.conn.execute(
                "UPDATE commitments SET origin = ?2, text = ?3, actor = ?4, made_on = ?5, due = ?6,
                     due_kind = coalesce(?7, due_kind), motion_id = coalesce(?8, motion_id)
                 WHERE id = ?1",
                params![
                    id,
                    c.origin.as_str(),
                    c.text,
                    c.actor,
                    c.made_on.map(|d| d.to_string()),
                    due,
                    due_kind,
                    c.motion_id,
                ],
            )?;
            return Ok((id, false));
        }
        self.conn.execute(
            "INSERT INTO commitments (document_id, ordinal, origin, text, actor, quote, made_on, due,
                 due_kind, due_text, created_at, prov, prov_ref, motion_id)
             VALUES (NULL, 0, ?1, ?2, ?3, ?2, ?4, ?5, ?6, NULL, ?7, ?8, ?9, ?10)",
            params![
                c.origin.as_str(),
                c.text,
                c.actor,
                c.made_on.map(|d| d.to_string()),
                due,
                due_kind,
                self.write_time(),
                prov.kind(),
                prov_ref,
                c.motion_id,
            ],
        )?;
        Ok((self.conn.last_insert_rowid(), true))
    }

    /// Whether a commitment's history holds a status change with this reason.
    pub fn has_status_reason(&self, commitment_id: i64, reason: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM commitment_history
                 WHERE commitment_id = ?1 AND field = 'status' AND reason = ?2",
                params![commitment_id, reason],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }
}
