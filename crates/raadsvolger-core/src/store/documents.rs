//! A document's identity, its versions, a person's corrections and deletion.

use rusqlite::{Connection, OptionalExtension, params};

use super::{Store, bump_generation};
use crate::error::{Error, Result};
use crate::model::{DocId, DocKind, NewDocument};

/// One stored version of a document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DocumentVersion {
    pub version: u32,
    pub imported_at: String,
    pub content_hash: String,
    pub title: String,
    /// True for the version search shows.
    pub current: bool,
}

/// A person's correction of a document: each field given replaces the stored one and is kept
/// through new versions and re-extraction.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct DocumentEdit {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub date: Option<chrono::NaiveDate>,
    #[serde(default)]
    pub kind: Option<DocKind>,
    #[serde(default)]
    pub council_number: Option<String>,
    #[serde(default)]
    pub parties: Option<Vec<String>>,
}

/// What identifies a document across versions: the register's id or the source URL when the
/// document names one, else its council number with kind and title, else where it came from.
pub fn identity(doc: &NewDocument) -> String {
    let meta_str = |k: &str| {
        doc.meta
            .get(k)
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty())
    };
    if let Some(url) = meta_str("url") {
        return format!("url:{url}");
    }
    if let Some(number) = &doc.council_number {
        return format!("nr:{}:{number}:{}", doc.kind.as_str(), doc.title);
    }
    match &doc.source_path {
        Some(path) => format!("path:{path}"),
        None => format!("hash:{}", doc.content_hash),
    }
}

/// The fields of a document a person corrected.
fn user_edits(conn: &Connection, id: DocId) -> Result<serde_json::Map<String, serde_json::Value>> {
    let json: String = conn.query_row(
        "SELECT user_edits FROM documents WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    Ok(serde_json::from_str(&json).unwrap_or_default())
}

/// Stores `doc` as the next version of document `id`: the old text is kept in
/// `document_versions`, the fields a person corrected stay as they were, and the facts
/// extracted from the old text are replaced by those of the new (commitments matched by their
/// source sentence keep their id; those whose sentence is gone are marked "bron gewijzigd").
pub(crate) fn store_new_version(
    conn: &Connection,
    id: DocId,
    doc: &NewDocument,
    imported_at: &str,
    generation: u64,
) -> Result<u32> {
    let (version, old_body, old_packed): (u32, String, Option<Vec<u8>>) = conn.query_row(
        "SELECT version, body_text, text_z FROM documents WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let old_body = super::packed::text_of(old_body, old_packed.as_deref())?;
    let packed = super::packed::pack(&doc.body_text, &doc.body_html, doc.format);
    let edits = user_edits(conn, id)?;
    let kept = |f: &str| edits.contains_key(f);
    conn.execute(
        "UPDATE document_versions SET body_text = ?3 WHERE document_id = ?1 AND version = ?2",
        params![id, version, old_body],
    )?;
    let next = version + 1;
    conn.execute(
        "INSERT INTO document_versions (document_id, version, content_hash, imported_at, title)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, next, doc.content_hash, imported_at, doc.title],
    )?;
    conn.execute(
        "UPDATE documents SET
             kind = CASE WHEN ?2 THEN kind ELSE ?3 END,
             title = CASE WHEN ?4 THEN title ELSE ?5 END,
             date = CASE WHEN ?6 THEN date ELSE ?7 END,
             council_number = CASE WHEN ?8 THEN council_number ELSE ?9 END,
             body_text = '', body_html = '', text_z = ?10, html_z = ?11,
             source_path = ?12, source_format = ?13,
             content_hash = ?14, imported_at = ?15, pages = ?16, meta = ?17, generation = ?18,
             version = ?19
         WHERE id = ?1",
        params![
            id,
            kept("kind"),
            doc.kind.as_str(),
            kept("title"),
            doc.title,
            kept("date"),
            doc.date.map(|d| d.to_string()),
            kept("council_number"),
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
            next,
        ],
    )?;
    if !kept("parties") {
        conn.execute("DELETE FROM document_parties WHERE document_id = ?1", [id])?;
        for party in &doc.parties {
            conn.execute(
                "INSERT OR IGNORE INTO document_parties (document_id, party) VALUES (?1, ?2)",
                params![id, party],
            )?;
        }
    }
    conn.execute("DELETE FROM vote_events WHERE document_id = ?1", [id])?;
    for (ordinal, event) in doc.votes.iter().enumerate() {
        conn.execute(
            "INSERT INTO vote_events (document_id, ordinal, event) VALUES (?1, ?2, ?3)",
            params![id, ordinal as i64, serde_json::to_string(event)?],
        )?;
    }
    conn.execute(
        "DELETE FROM fulfilment_hints WHERE document_id = ?1 AND applied_to IS NULL",
        [id],
    )?;
    for hint in &doc.hints {
        conn.execute(
            "INSERT INTO fulfilment_hints (document_id, quote, late) VALUES (?1, ?2, ?3)",
            params![id, hint.quote, hint.late],
        )?;
    }
    // Commitments: the same source sentence is the same commitment.
    let old: Vec<(i64, String)> = conn
        .prepare("SELECT id, quote FROM commitments WHERE document_id = ?1 AND origin != 'manual'")?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut matched = std::collections::HashSet::new();
    let mut next_ordinal: i64 = conn.query_row(
        "SELECT coalesce(max(ordinal), -1) + 1 FROM commitments WHERE document_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    for c in &doc.commitments {
        let same = old
            .iter()
            .find(|(cid, quote)| !matched.contains(cid) && squash(quote) == squash(&c.quote));
        match same {
            Some((cid, _)) => {
                matched.insert(*cid);
                conn.execute(
                    "UPDATE commitments SET text = ?2, actor = ?3, quote = ?4, due = ?5,
                         due_kind = ?6, due_text = ?7, source_changed = 0 WHERE id = ?1",
                    params![
                        cid,
                        c.text,
                        c.actor,
                        c.quote,
                        c.due.as_ref().and_then(|d| d.date).map(|d| d.to_string()),
                        c.due.as_ref().map(|d| d.kind.as_str()),
                        c.due.as_ref().map(|d| d.text.clone()),
                    ],
                )?;
            }
            None => {
                super::commitments::insert_draft(conn, id, next_ordinal, c, doc.date, imported_at)?;
                next_ordinal += 1;
            }
        }
    }
    for (cid, _) in old.iter().filter(|(cid, _)| !matched.contains(cid)) {
        conn.execute(
            "UPDATE commitments SET source_changed = 1 WHERE id = ?1",
            [cid],
        )?;
    }
    Ok(next)
}

/// Whitespace and case folded, for comparing source sentences across versions.
fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Store {
    /// The document imported from this source (its path or name as imported), or with this
    /// identity.
    pub fn find_by_source(&self, source: &str) -> Result<Option<DocId>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM documents WHERE source_path = ?1 OR identity = ?1 ORDER BY id LIMIT 1",
                [source],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The documents with this council number, or a sub-number of it ("23161" takes in
    /// "23161.001" and "23161-2").
    pub fn documents_numbered(&self, number: &str) -> Result<Vec<DocId>> {
        let mut stmt = self.conn.prepare(
            "SELECT id FROM documents WHERE council_number = ?1
                OR substr(council_number, 1, length(?1) + 1) IN (?1 || '.', ?1 || '-')",
        )?;
        let rows = stmt
            .query_map([number], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn document_versions(&self, id: DocId) -> Result<Vec<DocumentVersion>> {
        let current: u32 = self
            .conn
            .query_row("SELECT version FROM documents WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "document",
                id: id.to_string(),
            })?;
        let mut stmt = self.conn.prepare(
            "SELECT version, imported_at, content_hash, title FROM document_versions
             WHERE document_id = ?1 ORDER BY version",
        )?;
        let rows = stmt
            .query_map([id], |r| {
                let version: u32 = r.get(0)?;
                Ok(DocumentVersion {
                    version,
                    imported_at: r.get(1)?,
                    content_hash: r.get(2)?,
                    title: r.get(3)?,
                    current: version == current,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Applies a person's correction in one transaction; returns the new generation.
    pub fn edit_document(&mut self, id: DocId, edit: &DocumentEdit) -> Result<u64> {
        self.get(id)?;
        let now = self.write_time();
        let tx = self.conn.transaction()?;
        let generation = bump_generation(&tx)?;
        let mut edits = user_edits(&tx, id)?;
        let mut set = |column: &str, value: Option<String>| -> Result<()> {
            tx.execute(
                &format!("UPDATE documents SET {column} = ?2, generation = ?3 WHERE id = ?1"),
                params![id, value, generation as i64],
            )?;
            edits.insert(column.to_owned(), serde_json::json!(now));
            Ok(())
        };
        if let Some(title) = &edit.title {
            if title.trim().is_empty() {
                return Err(Error::InvalidInput("a title cannot be empty".into()));
            }
            set("title", Some(title.trim().to_owned()))?;
        }
        if let Some(date) = edit.date {
            set("date", Some(date.to_string()))?;
        }
        if let Some(kind) = edit.kind {
            set("kind", Some(kind.as_str().to_owned()))?;
        }
        if let Some(number) = &edit.council_number {
            let number = number.trim();
            set(
                "council_number",
                (!number.is_empty()).then(|| number.to_owned()),
            )?;
        }
        if let Some(parties) = &edit.parties {
            tx.execute("DELETE FROM document_parties WHERE document_id = ?1", [id])?;
            for p in parties {
                tx.execute(
                    "INSERT OR IGNORE INTO document_parties (document_id, party) VALUES (?1, ?2)",
                    params![id, p],
                )?;
            }
            edits.insert("parties".into(), serde_json::json!(now));
            tx.execute(
                "UPDATE documents SET generation = ?2 WHERE id = ?1",
                params![id, generation as i64],
            )?;
        }
        tx.execute(
            "UPDATE documents SET user_edits = ?2 WHERE id = ?1",
            params![id, serde_json::to_string(&edits)?],
        )?;
        tx.commit()?;
        Ok(generation)
    }

    /// Deletes a document and what was extracted from it, in one transaction. Commitments a
    /// person entered that cite it stay, with a note that their source is gone; a tombstone
    /// tells an index that missed this to drop it. Returns the new generation.
    pub fn delete_document(&mut self, id: DocId) -> Result<u64> {
        self.get(id)?;
        let tx = self.conn.transaction()?;
        let generation = bump_generation(&tx)?;
        tx.execute(
            "UPDATE commitments SET document_id = NULL,
                 note = trim(coalesce(note, '') || ' (bron #' || ?1 || ' verwijderd)')
             WHERE document_id = ?1 AND origin = 'manual'",
            [id],
        )?;
        tx.execute("DELETE FROM documents WHERE id = ?1", [id])?;
        tx.execute(
            "INSERT INTO deleted_documents (document_id, generation) VALUES (?1, ?2)
             ON CONFLICT (document_id) DO UPDATE SET generation = excluded.generation",
            params![id, generation as i64],
        )?;
        tx.commit()?;
        Ok(generation)
    }

    /// Documents deleted after generation `after`.
    pub fn deleted_since(&self, after: u64) -> Result<Vec<DocId>> {
        let mut stmt = self
            .conn
            .prepare("SELECT document_id FROM deleted_documents WHERE generation > ?1")?;
        let rows = stmt
            .query_map([after as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
