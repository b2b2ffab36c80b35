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

use serde::Serialize;

use crate::error::{Error, Result};
pub use crate::model::system::{SourceSpec, System};
pub(crate) use crate::sources::run::Listed;
pub(crate) use crate::sources::run::Run;
pub use crate::sources::run::{FAILURES_IN_A_ROW, SyncCounts, SyncOptions, SyncProgress};
use crate::store::sync::SourceRow;
use crate::tx::{Read, Tx};
pub use http::HttpConfig;

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
    let id = tx.store()?.upsert_source(
        &crate::store::sync::SourceFields {
            system: system.as_str(),
            key,
            base_url: base,
            from: from.as_deref(),
            to: to.as_deref(),
            topics: &topics,
        },
        tx.recorded_at(),
    )?;
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
    if !tx.store()?.delete_source(id)? {
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
    let now = tx.recorded_at().to_owned();
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
    use crate::Archive;
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
