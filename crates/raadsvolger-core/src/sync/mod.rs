//! Keeping the archive up to date with the registers councils publish through: NotuBiz,
//! iBabs, the Tweede Kamer's open data, Open Raadsinformatie, GemeenteOplossingen, Parlaeus
//! and openbesluitvorming's bulk export.
//!
//! A *source* is one system and a council's key in it (a NotuBiz organisation, an iBabs site,
//! an Open Raadsinformatie index); `raadsvolger sync` adds it the first time and keeps it. A
//! sync asks the register for what it holds in the source's date range, page by page, and
//! files each response through the same readers as `raadsvolger import`
//! ([`crate::sources`]), so a synced record and an imported file land in the same
//! rows, found again by their provenance.
//!
//! - **Only what changed.** Each record's change stamp (NotuBiz `last_modified`, iBabs
//!   `MutationDate`, the Tweede Kamer's `GewijzigdOp`) is kept in `sync_seen`; a record whose
//!   stamp did not change is not fetched again. Listing pages are followed to their end.
//! - **Resumable.** Every response is written in its own transaction, and the cursor (the
//!   next listing page, the OData next link) is stored after it. A sync that is stopped or
//!   killed resumes where it was; nothing committed is lost, nothing is doubled.
//! - **Polite and patient.** [`http`]: one client, a User-Agent naming Raadsvolger, a pace
//!   between requests, retries with growing waits on 429, 5xx and timeouts, a size limit.
//! - **Bad records are skipped and named**: a response that is not valid JSON or XML is a
//!   problem of the sync report (its URL and what is wrong) and the sync goes on.
//! - **Attached documents** are queued by the readers' rows and downloaded after the records
//!   ([`downloads`]); a download that fails is listed with its reason and tried again on
//!   the next syncs, three tries in all.
//! - **Only where it should go.** Every address, redirects included, is checked first
//!   ([`http::Destinations`]): the source's own, else https to a public host of the system.

pub mod downloads;
pub use crate::net::http;
pub mod topics;

use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use serde::Serialize;

use crate::Archive;
use crate::error::{Error, Result};
pub use crate::model::system::{SourceSpec, System};
use crate::store::sync::SourceRow;
use crate::tx::{Read, Tx};
pub use http::HttpConfig;

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

/// A download that did not succeed (yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailedDownload {
    pub url: String,
    pub title: Option<String>,
    pub attempts: i64,
    pub error: Option<String>,
}

/// A source with what its last sync did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceInfo {
    pub id: i64,
    pub system: String,
    pub key: String,
    pub base_url: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub added_at: String,
    pub last_started: Option<String>,
    pub last_finished: Option<String>,
    /// never, running (or stopped while running), ok, failed, cancelled.
    pub last_status: String,
    pub last_error: Option<String>,
    pub last_added: Option<SyncCounts>,
    /// The topics it fetches documents about; empty: every document.
    pub topics: Vec<String>,
    /// Downloads waiting that are about its topics (or all, without topics).
    pub pending_downloads: usize,
    /// Downloads waiting that are about none of its topics, so not fetched.
    pub outside_topics: usize,
    pub failed_downloads: Vec<FailedDownload>,
    /// Per year: the meetings, motions and documents the archive holds from the source, beside
    /// what the source reported where it reports counts, so a clerk can see nothing is missing.
    pub years: Vec<crate::store::sync::YearCount>,
}

/// What one sync did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SyncReport {
    pub source: SourceInfo,
    pub counts: SyncCounts,
    /// One line per record, response or download skipped: where, and what is wrong.
    pub problems: Vec<String>,
    /// The sync went on from where a previous one was stopped.
    pub resumed: bool,
    pub cancelled: bool,
    pub seconds: f64,
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
    pub archive: &'a Archive,
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
        let written = self.archive.import_register_bytes(name, bytes);
        self.imported(written)
    }

    /// Writes one JSON answer the plan has parsed already (parsed once, not again from its
    /// bytes), read by this source's room; as [`Run::import`] otherwise.
    pub fn import_json(&mut self, name: &str, value: serde_json::Value) -> Result<bool> {
        let room = match System::parse(&self.source.system) {
            Some(system) => crate::sources::room(system),
            None => {
                return Err(Error::InvalidInput(format!(
                    "unknown system {:?}",
                    self.source.system
                )));
            }
        };
        let answer = crate::sources::Answer::Json(value);
        let written = self.archive.import_register_answer(name, room, &answer);
        self.imported(written)
    }

    /// What became of one answer's import: counted, its problems kept; an answer that cannot
    /// be read is a problem, and false.
    fn imported(
        &mut self,
        written: Result<crate::register::writer::RegisterImport>,
    ) -> Result<bool> {
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

    pub fn cursor(&self, name: &str) -> Result<Option<String>> {
        self.archive.store()?.cursor(self.source.id, name)
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
            .store()?
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

pub(crate) fn now() -> String {
    crate::clock::recorded_at()
}

/// Adds a source (or updates its address and date range) without syncing it.
pub(crate) fn add_source(tx: &Tx<'_>, spec: &SourceSpec) -> Result<SourceInfo> {
    let system = spec
        .system
        .ok_or_else(|| Error::InvalidInput("a source needs its system".into()))?;
    let key = spec.key.trim();
    if key.is_empty() && !matches!(system, System::Tk | System::Go) {
        return Err(Error::rule(
            "source-key",
            system.as_str(),
            format!(
                "a {} source needs its {}",
                system.label(),
                system.key_label()
            ),
        ));
    }
    let base = spec
        .base_url
        .as_deref()
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .unwrap_or(system.default_base_url());
    if base.is_empty() && system.needs_base_url() {
        return Err(Error::rule(
            "base-url",
            system.as_str(),
            format!(
                "a {} source needs the address of the council's installation (--base-url)",
                system.label()
            ),
        ));
    }
    // The Tweede Kamer is one chamber; a GemeenteOplossingen council is known by its
    // installation's address.
    let key = match (key.is_empty(), system) {
        (true, System::Tk) => "tweede-kamer",
        (true, _) => base,
        (false, _) => key,
    };
    if !(base.starts_with("http://") || base.starts_with("https://")) {
        return Err(Error::rule(
            "base-url",
            base,
            format!("base URL {base:?}: must start with http:// or https://"),
        ));
    }
    if let (Some(f), Some(t)) = (spec.from, spec.to) {
        if f > t {
            return Err(Error::InvalidInput(format!("--from {f} is after --to {t}")));
        }
    }
    let from = spec.from.map(|d| d.to_string());
    let to = spec.to.map(|d| d.to_string());
    let topics = topics::parse(&spec.topics).join("\n");
    let id = ({
        tx.store()?.upsert_source(
            &crate::store::sync::SourceFields {
                system: system.as_str(),
                key,
                base_url: base,
                from: from.as_deref(),
                to: to.as_deref(),
                topics: &topics,
            },
            &now(),
        )
    })?;
    source_info(&tx.read(), id)
}

/// The sources set up, each with when it last synced and what that brought.
pub(crate) fn sources(r: &Read<'_>) -> Result<Vec<SourceInfo>> {
    let rows = r.reader()?.list_sources()?;
    rows.into_iter().map(|row| info_of(r, row)).collect()
}

pub(crate) fn source_info(r: &Read<'_>, id: i64) -> Result<SourceInfo> {
    info_of(r, source_row(r, id)?)
}

pub(crate) fn source_row(r: &Read<'_>, id: i64) -> Result<SourceRow> {
    r.reader()?.get_source(id)?.ok_or_else(|| Error::NotFound {
        what: "source",
        id: id.to_string(),
    })
}

pub(crate) fn info_of(r: &Read<'_>, row: SourceRow) -> Result<SourceInfo> {
    let topics: Vec<String> = row.topics.lines().map(str::to_owned).collect();
    let system = download_system(&row);
    let (pending, outside_topics, failed, years) = {
        let s = r.reader()?;
        let years = s.source_years(row.id, &system, &system)?;
        let pending = s.count_downloads(&system, "pending")?;
        let mut outside = 0;
        if !topics.is_empty() && pending > 0 {
            for d in s.open_downloads(&system)? {
                if d.status == "pending" && !topics::download_is_about(&s, &d, &topics)? {
                    outside += 1;
                }
            }
        }
        (
            pending - outside,
            outside,
            s.failed_downloads(Some(&system))?,
            years,
        )
    };
    Ok(SourceInfo {
        id: row.id,
        system: row.system,
        key: row.key,
        base_url: row.base_url,
        from: row.from_date,
        to: row.to_date,
        added_at: row.created_at,
        last_started: row.last_started,
        last_finished: row.last_finished,
        last_status: row.last_status.unwrap_or_else(|| "never".into()),
        last_error: row.last_error,
        last_added: row.last_added.and_then(|a| serde_json::from_str(&a).ok()),
        topics,
        pending_downloads: pending,
        outside_topics,
        failed_downloads: failed
            .into_iter()
            .map(|d| FailedDownload {
                url: d.url,
                title: d.title,
                attempts: d.attempts,
                error: d.last_error,
            })
            .collect(),
        years,
    })
}

/// Removes a source (what it brought stays in the archive).
pub(crate) fn remove_source(tx: &Tx<'_>, id: i64) -> Result<()> {
    if !(tx.store()?.delete_source(id))? {
        return Err(Error::NotFound {
            what: "source",
            id: id.to_string(),
        });
    }
    Ok(())
}

/// Gives the failed downloads of a source's system their tries back, so the next sync
/// fetches them again (a download is given up after a few syncs; the user may know the
/// register has since mended it). How many.
pub(crate) fn retry_downloads(tx: &Tx<'_>, id: i64) -> Result<usize> {
    let system = download_system(&source_row(&tx.read(), id)?);
    let now = crate::clock::recorded_at();
    tx.store()?.retry_downloads(&system, &now)
}

/// The system whose download queue a source's documents wait in (its register's).
fn download_system(source: &SourceRow) -> String {
    System::parse(&source.system)
        .map_or_else(|| source.system.clone(), |s| s.register_system().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::enc;

    #[test]
    fn systems_parse_and_encode() {
        assert_eq!(System::parse("NotuBiz"), Some(System::Notubiz));
        assert_eq!(System::parse("ori"), Some(System::Ori));
        assert_eq!(System::parse("gemeenteoplossingen"), None);
        assert_eq!(System::parse("GO"), Some(System::Go));
        assert_eq!(System::parse("obv"), Some(System::Obv));
        assert_eq!(enc("2018-01-01 00:00:00"), "2018-01-01%2000%3A00%3A00");
        assert_eq!(enc("Soort eq 'Motie'"), "Soort%20eq%20%27Motie%27");
    }

    #[test]
    fn a_source_needs_a_key_and_a_web_address() {
        let dir = tempfile::tempdir().expect("tmp");
        let archive = Archive::open(dir.path()).expect("open");
        let no_key = SourceSpec {
            system: Some(System::Notubiz),
            ..SourceSpec::default()
        };
        assert!(archive.add_source(&no_key).is_err());
        let bad_url = SourceSpec {
            system: Some(System::Ibabs),
            key: "Utrecht".into(),
            base_url: Some("ftp://example".into()),
            ..SourceSpec::default()
        };
        let err = archive.add_source(&bad_url).expect_err("ftp");
        assert!(err.to_string().contains("http://"), "{err}");
        let ok = SourceSpec {
            system: Some(System::Notubiz),
            key: "952".into(),
            from: "2018-01-01".parse().ok(),
            ..SourceSpec::default()
        };
        let info = archive.add_source(&ok).expect("added");
        assert_eq!(info.last_status, "never");
        assert_eq!(info.base_url, "https://api.notubiz.nl");
        // Adding it again keeps one source.
        archive.add_source(&ok).expect("again");
        assert_eq!(archive.sources().expect("list").len(), 1);
        archive.remove_source(info.id).expect("removed");
        assert!(archive.sources().expect("list").is_empty());
    }

    #[test]
    fn a_source_counts_what_the_archive_holds_per_year_beside_what_it_reported() {
        let dir = tempfile::tempdir().expect("tmp");
        let archive = Archive::open(dir.path().join("archief")).expect("open");
        let meeting = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../fixtures/sync/notubiz/meeting-7101.json"),
        )
        .expect("fixture");
        archive
            .import_register_bytes("meeting-7101.json", &meeting)
            .expect("imported");
        let info = archive
            .add_source(&SourceSpec {
                system: Some(System::Notubiz),
                key: "952".into(),
                ..SourceSpec::default()
            })
            .expect("source");
        let year = |info: &SourceInfo| {
            info.years
                .iter()
                .find(|y| y.year == "2026")
                .cloned()
                .expect("2026")
        };
        let held = year(&info);
        assert_eq!(held.meetings, 1, "{:?}", info.years);
        assert_eq!(held.reported_meetings, None);
        archive
            .write(|_tx| {
                archive.store()?.set_cursor(
                    info.id,
                    &crate::store::sync::reported_cursor("meetings", "2026"),
                    Some("3"),
                )
            })
            .expect("reported");
        let again = archive.source_info(info.id).expect("info");
        assert_eq!(year(&again).reported_meetings, Some(3));
        // Another system's source holds none of it.
        let other = archive
            .add_source(&SourceSpec {
                system: Some(System::Ori),
                key: "almere".into(),
                ..SourceSpec::default()
            })
            .expect("source");
        assert!(other.years.is_empty(), "{:?}", other.years);
    }
}
