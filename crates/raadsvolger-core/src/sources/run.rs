//! One sync run as the sources' plans see it: the source, the HTTP client, what was counted, the
//! cursors and change stamps, and the writes of what was read. The sync (`crate::sync`) sets it
//! up and the facade hands it the archive (a write or a read at a time, [`Writes`]) and the
//! register's writers ([`RegisterWriter`]), so the plans below the register write through it.

use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use serde::Serialize;

use super::records::RegisterImport;
use super::{Answer, Batch, Room};
use crate::error::{Error, Result};
use crate::extract::notation::PartyNames;
use crate::model::system::System;
use crate::net::http::{self, HttpConfig};
use crate::store::sync::SourceRow;
use crate::tx::{Tx, Writes};

/// The register's writers (the register is above the sources; the facade hands them in).
pub(crate) struct RegisterWriter {
    /// One register answer as a file's bytes, recognised by its content.
    pub bytes: fn(&Tx<'_>, &str, &[u8]) -> Result<RegisterImport>,
    /// One answer already parsed, read by the source's room.
    pub answer: fn(&Tx<'_>, &str, &dyn Room, &Answer) -> Result<RegisterImport>,
    /// A batch read already, as a system's, in one transaction.
    pub batch: fn(&Tx<'_>, &str, &'static str, &Batch) -> Result<RegisterImport>,
    /// A page of openbesluitvorming's export, with its deletions and its texts.
    pub obv_page: fn(&Tx<'_>, &str, &super::obv::reader::Page) -> Result<RegisterImport>,
}

/// What a sync added.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct SyncCounts {
    /// HTTP requests made (retries included).
    pub requests: usize,
    /// Responses written into the register.
    pub responses: usize,
    /// Register rows written (meetings, agenda items, motions, votes, commitments).
    pub records: usize,
    /// Records skipped because their change stamp was the same as last time.
    pub unchanged: usize,
    /// Attached documents downloaded that were new to the archive.
    pub documents: usize,
    /// Downloads attached to their agenda item or motion (new or already in the archive).
    #[serde(default)]
    pub attached: usize,
    /// Records or responses skipped as unreadable, and downloads that failed.
    pub problems: usize,
    /// Attached documents not fetched: about none of the source's topics.
    #[serde(default)]
    pub outside_topics: usize,
}

/// Where a sync is, for a progress bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncProgress {
    /// records, documents.
    pub stage: &'static str,
    pub done: usize,
    pub total: Option<usize>,
    pub message: String,
}

/// How to sync.
pub struct SyncOptions<'a> {
    pub http: HttpConfig,
    /// Download the documents the registers attach.
    pub downloads: bool,
    pub progress: Option<&'a (dyn Fn(&SyncProgress) + Sync)>,
    pub cancel: Option<&'a AtomicBool>,
}

impl Default for SyncOptions<'_> {
    fn default() -> Self {
        SyncOptions {
            http: HttpConfig::default(),
            downloads: true,
            progress: None,
            cancel: None,
        }
    }
}

/// The state of one sync run, shared by the systems' plans.
pub(crate) struct Run<'a> {
    /// The archive the sync writes to, a write or a read at a time.
    pub archive: &'a dyn Writes,
    /// The register's writers, handed in by the facade.
    pub register: &'a RegisterWriter,
    pub source: SourceRow,
    pub client: http::Client<'a>,
    pub(crate) options: &'a SyncOptions<'a>,
    pub counts: SyncCounts,
    pub problems: Vec<String>,
    pub resumed: bool,
    /// The meetings the source's own listings named in this sync, per year.
    pub listed: Listed,
    /// Requests in a row that the register failed to answer (after their retries), and what
    /// the last one ran into.
    pub(crate) failing: usize,
    pub(crate) last_failure: String,
}

/// Requests in a row that may fail (each after its retries: timeouts, 5xx answers, broken
/// connections) before a sync stops asking. A register that is down would otherwise be asked
/// for every record in turn, each with its retries and waits: hours for a big council. A
/// refusal (a 4xx) is an answer and does not count, nor does a failure that a plan answers by
/// asking for less ([`Run::narrowed`]). The next request then ends the sync as failed
/// ([`Error::RegisterDown`]), with its cursors where they were, and the next sync resumes
/// there.
pub const FAILURES_IN_A_ROW: usize = 10;

/// What a source's listings named per year in one sync: its own count, shown beside what the
/// archive holds (Bronnen, `sources --json`), so that a clerk sees whether anything is
/// missing. A year of which a listing was refused or not read is left out: a count that only
/// looks whole would hide just what it is there to show.
#[derive(Debug, Default)]
pub(crate) struct Listed {
    per_year: std::collections::BTreeMap<i32, usize>,
    incomplete: std::collections::BTreeSet<i32>,
}

impl Listed {
    /// One record the listing named, of `day`.
    pub fn add(&mut self, day: NaiveDate) {
        use chrono::Datelike;
        *self.per_year.entry(day.year()).or_default() += 1;
    }

    /// One record the listing of `window` named, of the day `day` gives (None: a day not
    /// readable, so the window's years are not counted whole).
    pub fn record(&mut self, day: Option<NaiveDate>, window: (NaiveDate, NaiveDate)) {
        match day {
            Some(day) => self.add(day),
            None => self.incomplete(window.0, window.1),
        }
    }

    /// The listing of `from..=to` was not read whole.
    pub fn incomplete(&mut self, from: NaiveDate, to: NaiveDate) {
        use chrono::Datelike;
        self.incomplete.extend(from.year()..=to.year());
    }

    /// The counts of the years of `from..=to` as what the source reported of `what`; a year it
    /// named nothing of, or not whole, has no count (an empty year is no row of its own).
    pub fn report(&self, run: &Run<'_>, what: &str, from: NaiveDate, to: NaiveDate) -> Result<()> {
        use chrono::Datelike;
        for year in from.year()..=to.year() {
            let name = crate::store::sync::reported_cursor(what, &year.to_string());
            let n = self.per_year.get(&year).copied().unwrap_or(0);
            if self.incomplete.contains(&year) || n == 0 {
                run.set_cursor(&name, None)?;
            } else {
                run.set_cursor(&name, Some(&n.to_string()))?;
            }
        }
        Ok(())
    }
}

impl Run<'_> {
    pub fn base(&self) -> &str {
        self.source.base_url.trim_end_matches('/')
    }

    pub fn key(&self) -> &str {
        &self.source.key
    }

    /// The topics the source fetches documents about; empty: every document.
    pub fn topics(&self) -> Vec<String> {
        self.source.topics.lines().map(str::to_owned).collect()
    }

    pub fn from(&self) -> Option<NaiveDate> {
        self.source
            .from_date
            .as_deref()
            .and_then(|d| d.parse().ok())
    }

    pub fn to(&self) -> Option<NaiveDate> {
        self.source.to_date.as_deref().and_then(|d| d.parse().ok())
    }

    /// Stops with [`Error::Cancelled`] when the user asked to stop.
    pub fn check(&self) -> Result<()> {
        match self.options.cancel {
            Some(c) if c.load(Ordering::Relaxed) => Err(Error::Cancelled),
            _ => Ok(()),
        }
    }

    pub fn progress(&self, stage: &'static str, done: usize, total: Option<usize>, msg: String) {
        if let Some(p) = self.options.progress {
            p(&SyncProgress {
                stage,
                done,
                total,
                message: msg,
            });
        }
    }

    /// A register answer (a listing, a record): held to `max_answer_bytes`.
    pub fn fetch(&mut self, request: &http::Request<'_>) -> Result<Vec<u8>> {
        self.check()?;
        self.not_stopped()?;
        let r = self.client.fetch(request);
        self.counted(r)
    }

    /// A document a register links to: held to `max_bytes`.
    pub fn fetch_document(&mut self, request: &http::Request<'_>) -> Result<Vec<u8>> {
        self.check()?;
        self.not_stopped()?;
        let r = self.client.fetch_document(request);
        self.counted(r)
    }

    /// [`Error::RegisterDown`] once the register failed [`FAILURES_IN_A_ROW`] requests in a
    /// row: nothing more is asked.
    fn not_stopped(&self) -> Result<()> {
        if self.failing >= FAILURES_IN_A_ROW {
            return Err(Error::RegisterDown(format!(
                "the register failed {FAILURES_IN_A_ROW} requests in a row, each after its \
                 retries; the sync stopped asking and resumes here next time (last: {})",
                self.last_failure
            )));
        }
        Ok(())
    }

    /// The plan answers the last failure by asking for less (a shorter window): it does not
    /// count towards [`FAILURES_IN_A_ROW`]; the smaller requests' own failures do.
    pub fn narrowed(&mut self) {
        self.failing = self.failing.saturating_sub(1);
    }

    /// Counts a request's outcome towards [`FAILURES_IN_A_ROW`].
    fn counted(&mut self, r: Result<Vec<u8>>) -> Result<Vec<u8>> {
        self.counts.requests = self.client.requests;
        match (&r, self.client.last_failure()) {
            (Ok(_), _) => self.failing = 0,
            (Err(Error::Sync(what)), Some(http::Failure::TimedOut | http::Failure::Other)) => {
                self.failed(what)
            }
            (Err(Error::Sync(what)), Some(http::Failure::Status(s))) if s >= 500 => {
                self.failed(what)
            }
            _ => {}
        }
        r
    }

    fn failed(&mut self, what: &str) {
        self.failing += 1;
        self.last_failure = what.to_owned();
    }

    /// Fetches a record's response; a record that cannot be fetched (after the retries) or
    /// read is a problem, and None.
    pub fn fetch_record(&mut self, request: &http::Request<'_>) -> Result<Option<Vec<u8>>> {
        match self.fetch(request) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(Error::Sync(what)) => {
                self.problem(what);
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    pub fn problem(&mut self, what: String) {
        tracing::warn!("{what}");
        self.counts.problems += 1;
        self.problems.push(what);
    }

    /// Writes one response into the register (one transaction). An unreadable response is a
    /// problem naming `name`; false then.
    pub fn import(&mut self, name: &str, bytes: &[u8]) -> Result<bool> {
        let write = self.register.bytes;
        let written = self.archive.write(|tx| write(tx, name, bytes));
        self.imported(written)
    }

    /// Writes one JSON answer the plan has parsed already (parsed once, not again from its
    /// bytes), read by this source's room; as [`Run::import`] otherwise.
    pub fn import_json(&mut self, name: &str, value: serde_json::Value) -> Result<bool> {
        let room = match System::parse(&self.source.system) {
            Some(system) => super::room(system),
            None => {
                return Err(Error::InvalidInput(format!(
                    "unknown system {:?}",
                    self.source.system
                )));
            }
        };
        let answer = super::Answer::Json(value);
        let write = self.register.answer;
        let written = self.archive.write(|tx| write(tx, name, room, &answer));
        self.imported(written)
    }

    /// What became of one answer's import: counted, its problems kept; an answer that cannot
    /// be read is a problem, and false.
    fn imported(&mut self, written: Result<RegisterImport>) -> Result<bool> {
        match written {
            Ok(report) => {
                self.counts.responses += 1;
                self.counts.records += report.records;
                for p in report.problems {
                    self.problem(p);
                }
                Ok(true)
            }
            Err(Error::InvalidInput(what)) => {
                self.problem(what);
                Ok(false)
            }
            Err(e @ Error::Rule { .. }) => {
                self.problem(e.to_string());
                Ok(false)
            }
            Err(e) => Err(e),
        }
    }

    /// The parties the archive knows, as the readers match names against them.
    pub fn party_names(&self) -> Result<PartyNames> {
        Ok(PartyNames::new(
            &self.archive.read().reader()?.list_parties()?,
        ))
    }

    /// Writes the batch `read` makes (given the parties the archive knows) in one transaction,
    /// as `system`'s; problems name `name`.
    pub fn write_batch(
        &self,
        name: &str,
        system: &'static str,
        read: impl FnOnce(&PartyNames) -> Batch,
    ) -> Result<RegisterImport> {
        let write = self.register.batch;
        self.archive.write(|tx| {
            let names = PartyNames::new(&tx.store()?.list_parties()?);
            write(tx, name, system, &read(&names))
        })
    }

    /// Writes a page of openbesluitvorming's export (see [`RegisterWriter::obv_page`]).
    pub fn write_obv_page(
        &self,
        name: &str,
        page: &super::obv::reader::Page,
    ) -> Result<RegisterImport> {
        let write = self.register.obv_page;
        self.archive.write(|tx| write(tx, name, page))
    }

    pub fn cursor(&self, name: &str) -> Result<Option<String>> {
        self.archive.read().reader()?.cursor(self.source.id, name)
    }

    pub fn set_cursor(&self, name: &str, value: Option<&str>) -> Result<()> {
        self.archive
            .write(|tx| tx.store()?.set_cursor(self.source.id, name, value))
    }

    /// True when this record was imported before with the same change stamp (counted as
    /// unchanged). An empty stamp is never the same.
    pub fn unchanged(&mut self, record: &str, stamp: &str) -> Result<bool> {
        if stamp.is_empty() {
            return Ok(false);
        }
        let same = self
            .archive
            .read()
            .reader()?
            .seen_stamp(self.source.id, record)?
            .as_deref()
            == Some(stamp);
        if same {
            self.counts.unchanged += 1;
        }
        Ok(same)
    }

    pub fn seen(&self, record: &str, stamp: &str) -> Result<()> {
        if stamp.is_empty() {
            return Ok(());
        }
        self.archive
            .write(|tx| tx.store()?.set_seen(self.source.id, record, stamp))
    }
}
