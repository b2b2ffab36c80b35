//! The rows of keeping up with the registers: sources, their cursors, the change stamps of
//! records seen, and the documents waiting to be downloaded.

use rusqlite::{OptionalExtension, params};

use super::Store;
use crate::error::Result;

/// A source as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRow {
    pub id: i64,
    pub system: String,
    pub key: String,
    pub base_url: String,
    pub from_date: Option<String>,
    pub to_date: Option<String>,
    pub created_at: String,
    pub last_started: Option<String>,
    pub last_finished: Option<String>,
    pub last_status: Option<String>,
    pub last_error: Option<String>,
    pub last_added: Option<String>,
    /// One topic per line; empty for every document.
    pub topics: String,
}

/// What a person sets of a source.
#[derive(Debug, Clone, Copy)]
pub struct SourceFields<'a> {
    pub system: &'a str,
    pub key: &'a str,
    pub base_url: &'a str,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    /// One topic per line; empty for every document.
    pub topics: &'a str,
}

/// A document a register attaches, until its text is in the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadRow {
    pub id: i64,
    pub system: String,
    pub record_id: String,
    pub url: String,
    pub title: Option<String>,
    pub file_name: Option<String>,
    pub target: String,
    pub target_id: i64,
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub document_id: Option<i64>,
}

/// What the archive holds of one source in one year (yyyy; empty: undated), beside what the
/// source itself said it holds, where it says so.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct YearCount {
    pub year: String,
    pub meetings: usize,
    pub motions: usize,
    /// Documents downloaded and in the archive.
    pub documents: usize,
    /// Documents the register names that are not downloaded (yet, or that failed).
    pub documents_waiting: usize,
    /// What the source reported for the year, when it reports counts: meetings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_meetings: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_motions: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_documents: Option<usize>,
}

/// The name of the cursor that keeps what a source reported of a year (see
/// [`Store::source_years`]).
pub fn reported_cursor(what: &str, year: &str) -> String {
    format!("reported:{what}:{year}")
}

const SOURCE_COLUMNS: &str = "id, system, key, base_url, from_date, to_date, created_at, \
     last_started, last_finished, last_status, last_error, last_added, topics";

fn source_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SourceRow> {
    Ok(SourceRow {
        id: r.get(0)?,
        system: r.get(1)?,
        key: r.get(2)?,
        base_url: r.get(3)?,
        from_date: r.get(4)?,
        to_date: r.get(5)?,
        created_at: r.get(6)?,
        last_started: r.get(7)?,
        last_finished: r.get(8)?,
        last_status: r.get(9)?,
        last_error: r.get(10)?,
        last_added: r.get(11)?,
        topics: r.get(12)?,
    })
}

/// Syncs that may try one download before it is left as failed (listed with its last
/// reason, and fetched again only when its register gives it a new address). A register
/// that is down for a while gets three syncs to come back; a file that cannot be had (gone,
/// too large, unreadable) costs no more than three downloads. Each of those syncs already
/// retries a timeout or a 5xx answer a few times ([`crate::sync::HttpConfig::attempts`]).
pub const DOWNLOAD_ATTEMPTS: i64 = 3;

const DOWNLOAD_COLUMNS: &str = "id, system, record_id, url, title, file_name, target, target_id, \
     status, attempts, last_error, document_id";

fn download_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DownloadRow> {
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
}

impl Store {
    /// Adds a source, or updates its base URL and date range when the system and key are
    /// there already; returns its id.
    pub fn upsert_source(&self, f: &SourceFields<'_>, now: &str) -> Result<i64> {
        let SourceFields {
            system,
            key,
            base_url,
            from,
            to,
            topics,
        } = *f;
        self.conn.execute(
            "INSERT INTO sources (system, key, base_url, from_date, to_date, topics, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (system, key) DO UPDATE SET base_url = excluded.base_url,
                 from_date = COALESCE(excluded.from_date, from_date),
                 to_date = excluded.to_date, topics = excluded.topics",
            params![system, key, base_url, from, to, topics, now],
        )?;
        Ok(self.conn.query_row(
            "SELECT id FROM sources WHERE system = ?1 AND key = ?2",
            params![system, key],
            |r| r.get(0),
        )?)
    }

    pub fn list_sources(&self) -> Result<Vec<SourceRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SOURCE_COLUMNS} FROM sources ORDER BY system, key"
        ))?;
        let rows = stmt.query_map([], source_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn get_source(&self, id: i64) -> Result<Option<SourceRow>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {SOURCE_COLUMNS} FROM sources WHERE id = ?1"
            ))?
            .query_row([id], source_row)
            .optional()?)
    }

    /// Removes a source with its cursors and stamps (what it imported stays).
    pub fn delete_source(&self, id: i64) -> Result<bool> {
        self.conn
            .execute("DELETE FROM sync_cursors WHERE source_id = ?1", [id])?;
        self.conn
            .execute("DELETE FROM sync_seen WHERE source_id = ?1", [id])?;
        Ok(self
            .conn
            .execute("DELETE FROM sources WHERE id = ?1", [id])?
            > 0)
    }

    pub fn source_started(&self, id: i64, now: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE sources SET last_started = ?2, last_status = 'running', last_error = NULL
             WHERE id = ?1",
            params![id, now],
        )?;
        Ok(())
    }

    pub fn source_finished(
        &self,
        id: i64,
        now: &str,
        status: &str,
        error: Option<&str>,
        added: &str,
    ) -> Result<()> {
        self.conn.execute(
            "UPDATE sources SET last_finished = ?2, last_status = ?3, last_error = ?4,
                 last_added = ?5 WHERE id = ?1",
            params![id, now, status, error, added],
        )?;
        Ok(())
    }

    pub fn cursor(&self, source: i64, name: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM sync_cursors WHERE source_id = ?1 AND name = ?2")?
            .query_row(params![source, name], |r| r.get(0))
            .optional()?)
    }

    pub fn set_cursor(&self, source: i64, name: &str, value: Option<&str>) -> Result<()> {
        match value {
            Some(v) => self.conn.execute(
                "INSERT INTO sync_cursors (source_id, name, value) VALUES (?1, ?2, ?3)
                 ON CONFLICT (source_id, name) DO UPDATE SET value = excluded.value",
                params![source, name, v],
            )?,
            None => self.conn.execute(
                "DELETE FROM sync_cursors WHERE source_id = ?1 AND name = ?2",
                params![source, name],
            )?,
        };
        Ok(())
    }

    /// Per year, what the archive holds from the register rows of `prov_system` (the system the
    /// readers name in the provenance) and the downloads of `download_system`, with what source
    /// `source` reported of each year. A year is the meeting's; a motion's own date, else its
    /// meeting's; a document's, the year of the meeting or motion it is attached to.
    pub fn source_years(
        &self,
        source: i64,
        prov_system: &str,
        download_system: &str,
    ) -> Result<Vec<YearCount>> {
        let mut years: std::collections::BTreeMap<String, YearCount> = Default::default();
        let mut add = |year: String, f: &mut dyn FnMut(&mut YearCount)| {
            let entry = years.entry(year.clone()).or_insert_with(|| YearCount {
                year,
                ..YearCount::default()
            });
            f(entry);
        };
        let by_year = |sql: &str, system: &str| -> Result<Vec<(String, usize)>> {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt
                .query_map(params![system], |r| {
                    Ok((
                        r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                        r.get::<_, i64>(1)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows
                .into_iter()
                .map(|(y, n)| (y, usize::try_from(n).unwrap_or(0)))
                .collect())
        };
        for (year, n) in by_year(
            "SELECT substr(date, 1, 4), count(*) FROM meetings
             WHERE prov = 'register' AND json_extract(prov_ref, '$.system') = ?1
             GROUP BY 1",
            prov_system,
        )? {
            add(year, &mut |c| c.meetings = n);
        }
        for (year, n) in by_year(
            "SELECT substr(coalesce(mo.date, m.date), 1, 4), count(*) FROM motions mo
             LEFT JOIN agenda_items a ON a.id = mo.agenda_item_id
             LEFT JOIN meetings m ON m.id = a.meeting_id
             WHERE mo.prov = 'register' AND json_extract(mo.prov_ref, '$.system') = ?1
             GROUP BY 1",
            prov_system,
        )? {
            add(year, &mut |c| c.motions = n);
        }
        let document_year = "substr(CASE d.target
                 WHEN 'meeting' THEN (SELECT date FROM meetings WHERE id = d.target_id)
                 WHEN 'item' THEN (SELECT m.date FROM agenda_items a JOIN meetings m
                                   ON m.id = a.meeting_id WHERE a.id = d.target_id)
                 ELSE (SELECT coalesce(mo.date, m.date) FROM motions mo
                       LEFT JOIN agenda_items a ON a.id = mo.agenda_item_id
                       LEFT JOIN meetings m ON m.id = a.meeting_id WHERE mo.id = d.target_id)
             END, 1, 4)";
        for (year, n) in by_year(
            &format!(
                "SELECT {document_year}, count(DISTINCT d.document_id) FROM downloads d
                 WHERE d.system = ?1 AND d.status = 'done' AND d.document_id IS NOT NULL
                 GROUP BY 1"
            ),
            download_system,
        )? {
            add(year, &mut |c| c.documents = n);
        }
        for (year, n) in by_year(
            &format!(
                "SELECT {document_year}, count(DISTINCT d.url) FROM downloads d
                 WHERE d.system = ?1 AND d.status <> 'done'
                 GROUP BY 1"
            ),
            download_system,
        )? {
            add(year, &mut |c| c.documents_waiting = n);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT name, value FROM sync_cursors WHERE source_id = ?1 AND name LIKE 'reported:%'",
        )?;
        let reported = stmt
            .query_map(params![source], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (name, value) in reported {
            let mut parts = name.splitn(3, ':').skip(1);
            let (Some(what), Some(year)) = (parts.next(), parts.next()) else {
                continue;
            };
            let Ok(n) = value.parse::<usize>() else {
                continue;
            };
            let what = what.to_owned();
            add(year.to_owned(), &mut |c| match what.as_str() {
                "meetings" => c.reported_meetings = Some(n),
                "motions" => c.reported_motions = Some(n),
                "documents" => c.reported_documents = Some(n),
                _ => {}
            });
        }
        Ok(years.into_values().collect())
    }

    /// The change stamp a record had when it was last imported from this source.
    pub fn seen_stamp(&self, source: i64, record: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT stamp FROM sync_seen WHERE source_id = ?1 AND record = ?2")?
            .query_row(params![source, record], |r| r.get(0))
            .optional()?)
    }

    pub fn set_seen(&self, source: i64, record: &str, stamp: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO sync_seen (source_id, record, stamp) VALUES (?1, ?2, ?3)
                 ON CONFLICT (source_id, record) DO UPDATE SET stamp = excluded.stamp",
            )?
            .execute(params![source, record, stamp])?;
        Ok(())
    }

    /// Queues a document for download (once per document and target). One that failed
    /// before is queued again, unless it has used its [`DOWNLOAD_ATTEMPTS`] at the same
    /// address; a new address starts its count anew. One done stays done.
    #[allow(clippy::too_many_arguments)]
    pub fn queue_download(
        &self,
        system: &str,
        record_id: &str,
        url: &str,
        title: Option<&str>,
        file_name: Option<&str>,
        target: &str,
        target_id: i64,
        now: &str,
    ) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO downloads (system, record_id, url, title, file_name, target,
                     target_id, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (system, record_id, target, target_id) DO UPDATE SET
                     url = excluded.url, title = excluded.title,
                     file_name = excluded.file_name,
                     status = CASE WHEN url = excluded.url
                                        AND (status = 'done' OR attempts >= ?9) THEN status
                                   ELSE 'pending' END,
                     attempts = CASE WHEN url = excluded.url THEN attempts ELSE 0 END",
            )?
            .execute(params![
                system,
                record_id,
                url,
                title,
                file_name,
                target,
                target_id,
                now,
                DOWNLOAD_ATTEMPTS
            ])?;
        Ok(())
    }

    /// The titles a download is known by besides its own: its agenda item's and that item's
    /// meeting's, its motion's, or its meeting's.
    pub fn download_context(&self, target: &str, target_id: i64) -> Result<Vec<String>> {
        let sql = match target {
            "item" => {
                "SELECT i.title, m.title FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id
                 WHERE i.id = ?1"
            }
            "motion" => "SELECT title, NULL FROM motions WHERE id = ?1",
            "meeting" => "SELECT title, NULL FROM meetings WHERE id = ?1",
            _ => return Ok(Vec::new()),
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query([target_id])?;
        let mut out = Vec::new();
        if let Some(r) = rows.next()? {
            for i in 0..2 {
                if let Some(t) = r.get::<_, Option<String>>(i)? {
                    out.push(t);
                }
            }
        }
        Ok(out)
    }

    /// Downloads to fetch of a system, oldest first: those not done (pending, and failed
    /// ones with tries left).
    pub fn open_downloads(&self, system: &str) -> Result<Vec<DownloadRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {DOWNLOAD_COLUMNS} FROM downloads WHERE system = ?1 AND status != 'done'
               AND attempts < ?2
             ORDER BY id"
        ))?;
        let rows = stmt.query_map(params![system, DOWNLOAD_ATTEMPTS], download_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// All downloads that are not done, or those of one system.
    pub fn failed_downloads(&self, system: Option<&str>) -> Result<Vec<DownloadRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {DOWNLOAD_COLUMNS} FROM downloads
             WHERE status = 'failed' AND (?1 IS NULL OR system = ?1) ORDER BY id"
        ))?;
        let rows = stmt.query_map([system], download_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn count_downloads(&self, system: &str, status: &str) -> Result<usize> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM downloads WHERE system = ?1 AND status = ?2",
            params![system, status],
            |r| r.get::<_, i64>(0),
        )? as usize)
    }

    pub fn download_done(&self, id: i64, document: i64, now: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE downloads SET status = 'done', document_id = ?2, last_error = NULL,
                 attempts = attempts + 1, updated_at = ?3 WHERE id = ?1",
            params![id, document, now],
        )?;
        Ok(())
    }

    /// Gives a system's failed downloads their tries back: they are fetched again on the next
    /// sync (their last error stays until then). How many.
    pub fn retry_downloads(&self, system: &str, now: &str) -> Result<usize> {
        Ok(self.conn.execute(
            "UPDATE downloads SET status = 'pending', attempts = 0, updated_at = ?2
             WHERE system = ?1 AND status = 'failed'",
            params![system, now],
        )?)
    }

    pub fn download_failed(&self, id: i64, error: &str, now: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE downloads SET status = 'failed', last_error = ?2, attempts = attempts + 1,
                 updated_at = ?3 WHERE id = ?1",
            params![id, error, now],
        )?;
        Ok(())
    }
}

impl Store {
    /// The motion a register or a person gave this document as its text, if any.
    pub fn find_motion_claiming(&self, document: i64) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id FROM motions WHERE document_id = ?1 AND prov != 'extracted'
                 ORDER BY id LIMIT 1",
            )?
            .query_row([document], |r| r.get(0))
            .optional()?)
    }

    /// Gives each motion without a text whose note names a paper (`note_prefix` and its
    /// number) the motion or amendment document of that council number, and marks the
    /// downloads queued for the motion's text as done by it. Returns how many were linked.
    pub fn link_motion_texts(&mut self, note_prefix: &str, now: &str) -> Result<usize> {
        let pairs: Vec<(i64, i64)> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT m.id, min(d.id) FROM motions m
                 JOIN documents d ON d.council_number = substr(m.register_note, length(?1) + 1)
                 WHERE m.document_id IS NULL AND m.register_note IS NOT NULL
                   AND substr(m.register_note, 1, length(?1)) = ?1
                   AND d.kind IN ('motie', 'amendement')
                 GROUP BY m.id ORDER BY m.id",
            )?;
            let rows = stmt.query_map([note_prefix], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for (motion, document) in &pairs {
            self.set_motion_document(*motion, *document)?;
            self.conn.execute(
                "UPDATE downloads SET status = 'done', document_id = ?2, last_error = NULL,
                     updated_at = ?3
                 WHERE target = 'motion' AND target_id = ?1 AND status != 'done'
                   AND record_id LIKE 'publicatie:%'",
                params![motion, document, now],
            )?;
        }
        Ok(pairs.len())
    }

    /// The documents a register named that are not downloaded (pending or failed), on the
    /// rows of one kind (`meeting`, `item`, `motion`): (row id, document), in the order they
    /// were named. `within_meeting` keeps those of one meeting (the meeting itself, or its
    /// agenda items).
    pub fn named_documents(
        &self,
        target: &str,
        within_meeting: Option<i64>,
    ) -> Result<Vec<(i64, crate::model::register::NamedDocument)>> {
        let sql = match (target, within_meeting) {
            ("item", Some(_)) => {
                "SELECT dl.target_id, dl.title, dl.file_name, dl.url, dl.status, dl.last_error
                 FROM downloads dl JOIN agenda_items a ON a.id = dl.target_id
                 WHERE dl.target = ?1 AND a.meeting_id = ?2 AND dl.status != 'done'
                 ORDER BY dl.id"
            }
            (_, Some(_)) => {
                "SELECT target_id, title, file_name, url, status, last_error FROM downloads
                 WHERE target = ?1 AND target_id = ?2 AND status != 'done' ORDER BY id"
            }
            (_, None) => {
                "SELECT target_id, title, file_name, url, status, last_error FROM downloads
                 WHERE target = ?1 AND status != 'done' AND ?2 IS NULL ORDER BY id"
            }
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params![target, within_meeting], |r| {
            let title: Option<String> = r.get(1)?;
            let file_name: Option<String> = r.get(2)?;
            let url: String = r.get(3)?;
            let title = [title, file_name]
                .into_iter()
                .flatten()
                .map(|t| t.trim().to_owned())
                .find(|t| !t.is_empty())
                .unwrap_or_else(|| url.clone());
            Ok((
                r.get(0)?,
                crate::model::register::NamedDocument {
                    title,
                    url,
                    status: r.get(4)?,
                    error: r.get(5)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sets a motion's document (its text) when it has none yet.
    pub fn set_motion_document(&self, motion: i64, document: i64) -> Result<()> {
        self.conn.execute(
            "UPDATE motions SET document_id = COALESCE(document_id, ?2) WHERE id = ?1",
            params![motion, document],
        )?;
        Ok(())
    }
}
