//! Bronnen: the registers a council publishes through, their syncs and the conflicts with
//! corrections made here.

use super::error::{ApiError, invalid_input};
use super::meetings::MeetingRange;
use super::{AppState, Reply, blocking, count, non_empty};
use raadsvolger_core as core;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;
use std::sync::atomic::Ordering;
use tauri::State;
use tauri::ipc::Channel;
use ts_rs::TS;

/// What a sync brought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SyncCountsView {
    pub requests: u32,
    pub responses: u32,
    pub records: u32,
    pub unchanged: u32,
    pub documents: u32,
    pub problems: u32,
    /// Attached documents not fetched: about none of the source's topics.
    #[serde(rename = "outsideTopics")]
    pub outside_topics: u32,
}

impl From<core::sync::SyncCounts> for SyncCountsView {
    fn from(c: core::sync::SyncCounts) -> Self {
        SyncCountsView {
            requests: count(c.requests),
            responses: count(c.responses),
            records: count(c.records),
            unchanged: count(c.unchanged),
            documents: count(c.documents),
            problems: count(c.problems),
            outside_topics: count(c.outside_topics),
        }
    }
}

/// A download that did not succeed yet (tried again on the next sync).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FailedDownloadView {
    pub url: String,
    pub title: Option<String>,
    #[ts(type = "number")]
    pub attempts: i64,
    pub error: Option<String>,
}

/// Where a register says otherwise than a correction made here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConflictView {
    #[ts(type = "number")]
    pub id: i64,
    /// meeting, item or motion.
    pub target: String,
    #[ts(type = "number")]
    pub target_id: i64,
    pub label: String,
    pub field: String,
    pub user_value: Option<String>,
    pub register_value: Option<String>,
    pub system: String,
    pub record_id: String,
    pub seen_at: String,
}

impl From<core::register::conflicts::RegisterConflict> for ConflictView {
    fn from(c: core::register::conflicts::RegisterConflict) -> Self {
        ConflictView {
            id: c.id,
            target: c.target,
            target_id: c.target_id,
            label: c.label,
            field: c.field,
            user_value: c.user_value,
            register_value: c.register_value,
            system: c.system,
            record_id: c.record_id,
            seen_at: c.seen_at,
        }
    }
}

/// A source with what its last sync did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SourceView {
    #[ts(type = "number")]
    pub id: i64,
    /// `notubiz`, `ibabs`, `tk`, `ori`.
    pub system: String,
    /// NotuBiz, iBabs, Tweede Kamer, Open Raadsinformatie.
    pub system_label: String,
    /// The council's key in the system (organisation, site).
    pub key: String,
    pub base_url: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub added_at: String,
    pub last_started: Option<String>,
    pub last_finished: Option<String>,
    /// `never`, `running`, `ok`, `failed`, `cancelled`.
    pub last_status: String,
    pub last_error: Option<String>,
    pub last_added: Option<SyncCountsView>,
    /// The topics it fetches documents about; empty: every document.
    pub topics: Vec<String>,
    /// Downloads waiting that are about its topics.
    pub pending_downloads: u32,
    /// Downloads waiting that are about none of its topics, so not fetched.
    pub outside_topics: u32,
    pub failed_downloads: Vec<FailedDownloadView>,
    /// Per year, what the archive holds from the source beside what the source reported.
    pub years: Vec<SourceYearView>,
}

/// One year of a source: what the archive holds, and what the source reported where it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SourceYearView {
    /// `yyyy`; empty for records without a date.
    pub year: String,
    pub meetings: u32,
    pub motions: u32,
    pub documents: u32,
    pub documents_waiting: u32,
    pub reported_meetings: Option<u32>,
    pub reported_motions: Option<u32>,
    pub reported_documents: Option<u32>,
}

impl From<core::store::sync::YearCount> for SourceYearView {
    fn from(y: core::store::sync::YearCount) -> Self {
        SourceYearView {
            year: y.year,
            meetings: count(y.meetings),
            motions: count(y.motions),
            documents: count(y.documents),
            documents_waiting: count(y.documents_waiting),
            reported_meetings: y.reported_meetings.map(count),
            reported_motions: y.reported_motions.map(count),
            reported_documents: y.reported_documents.map(count),
        }
    }
}

impl From<core::sync::SourceInfo> for SourceView {
    fn from(s: core::sync::SourceInfo) -> Self {
        let system_label = core::sync::System::parse(&s.system)
            .map(|sys| sys.label().to_owned())
            .unwrap_or_else(|| s.system.clone());
        SourceView {
            id: s.id,
            system_label,
            system: s.system,
            key: s.key,
            base_url: s.base_url,
            from: s.from,
            to: s.to,
            added_at: s.added_at,
            last_started: s.last_started,
            last_finished: s.last_finished,
            last_status: s.last_status,
            last_error: s.last_error,
            last_added: s.last_added.map(Into::into),
            topics: s.topics,
            pending_downloads: count(s.pending_downloads),
            outside_topics: count(s.outside_topics),
            failed_downloads: s
                .failed_downloads
                .into_iter()
                .map(|d| FailedDownloadView {
                    url: d.url,
                    title: d.title,
                    attempts: d.attempts,
                    error: d.error,
                })
                .collect(),
            years: s.years.into_iter().map(Into::into).collect(),
        }
    }
}

/// A source to add: the system, the council's key there, and optionally another address and
/// the days to fetch (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SourceNew {
    pub system: String,
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    #[ts(optional)]
    pub base_url: Option<String>,
    /// The days to fetch (`from`, `to`), either open.
    #[serde(flatten)]
    #[ts(flatten)]
    pub range: MeetingRange,
    /// Fetch only the documents about these topics; none: every document.
    #[serde(default)]
    #[ts(optional)]
    pub topics: Option<Vec<String>>,
}

impl SourceNew {
    pub fn to_core(&self) -> Result<core::sync::SourceSpec, ApiError> {
        let system = core::sync::System::parse(&self.system).ok_or_else(|| {
            invalid_input(format!(
                "unknown system {:?} (expected notubiz, ibabs, go, parlaeus, obv, tk or ori)",
                self.system
            ))
        })?;
        let (from, to) = self.range.to_core()?;
        Ok(core::sync::SourceSpec {
            system: Some(system),
            key: self.key.trim().to_owned(),
            base_url: non_empty(&self.base_url),
            from,
            to,
            topics: self.topics.clone().unwrap_or_default(),
        })
    }
}

/// Where a running sync is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SyncProgressView {
    #[ts(type = "number")]
    pub source: i64,
    /// `records`, `documents`.
    pub stage: String,
    pub done: u32,
    #[ts(type = "number | null")]
    pub total: Option<u32>,
    pub message: String,
}

/// What one sync did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SyncSummary {
    pub source: SourceView,
    pub counts: SyncCountsView,
    /// One line per record, response or download skipped.
    pub problems: Vec<String>,
    pub resumed: bool,
    pub cancelled: bool,
    pub seconds: f64,
}

impl From<core::sync::SyncReport> for SyncSummary {
    fn from(r: core::sync::SyncReport) -> Self {
        SyncSummary {
            source: r.source.into(),
            counts: r.counts.into(),
            problems: r.problems,
            resumed: r.resumed,
            cancelled: r.cancelled,
            seconds: r.seconds,
        }
    }
}

// Sources: the registers councils publish through. A sync runs on a blocking thread and
// streams its progress; the window stays free, and its cancel button sets the sync's flag.

#[tauri::command]
pub async fn sources(state: State<'_, AppState>) -> Reply<Vec<SourceView>> {
    blocking(&state, |archive| {
        Ok(archive.sources()?.into_iter().map(Into::into).collect())
    })
    .await
}

#[tauri::command]
pub async fn add_source(state: State<'_, AppState>, source: SourceNew) -> Reply<SourceView> {
    let mut spec = source.to_core()?;
    if let (Some(base), Some(system)) = (&state.register_base, spec.system) {
        spec.base_url = Some(mirror(base, system.as_str(), spec.base_url.as_deref()));
    }
    blocking(&state, move |archive| Ok(archive.add_source(&spec)?.into())).await
}

/// A source's address under `--register-base` (a mirror, or the local test server):
/// `{base}/{system}`, and for an installation of its own (a GemeenteOplossingen or Parlaeus
/// council's address) `{base}/{system}/{host}{path}`.
fn mirror(base: &str, system: &str, own: Option<&str>) -> String {
    let base = base.trim_end_matches('/');
    if let Some(own) = own.filter(|u| u.starts_with(base)) {
        return own.to_owned();
    }
    match own.map(|url| url.split_once("://").map(|(_, r)| r).unwrap_or(url)) {
        Some(rest) if !rest.is_empty() => format!("{base}/{system}/{}", rest.trim_end_matches('/')),
        _ => format!("{base}/{system}"),
    }
}

#[tauri::command]
pub async fn remove_source(state: State<'_, AppState>, id: i64) -> Reply<()> {
    blocking(&state, move |archive| Ok(archive.remove_source(id)?)).await
}

/// Gives a source's failed downloads their tries back (the window then syncs it); how many.
#[tauri::command]
pub async fn retry_downloads(state: State<'_, AppState>, id: i64) -> Reply<usize> {
    blocking(&state, move |archive| Ok(archive.retry_downloads(id)?)).await
}

/// Where the registers say otherwise than a correction made here.
#[tauri::command]
pub async fn register_conflicts(state: State<'_, AppState>) -> Reply<Vec<ConflictView>> {
    blocking(&state, |archive| {
        Ok(archive
            .register_conflicts()?
            .into_iter()
            .map(Into::into)
            .collect())
    })
    .await
}

#[tauri::command]
pub async fn keep_correction(state: State<'_, AppState>, id: i64) -> Reply<()> {
    blocking(&state, move |archive| Ok(archive.keep_correction(id)?)).await
}

#[tauri::command]
pub async fn take_register_value(state: State<'_, AppState>, id: i64) -> Reply<()> {
    blocking(&state, move |archive| Ok(archive.take_register_value(id)?)).await
}

/// Takes a source's place in the list of running syncs; gives it back when dropped.
struct Running {
    syncs: Arc<Mutex<HashMap<i64, Arc<AtomicBool>>>>,
    id: i64,
}

impl Running {
    fn start(state: &AppState, id: i64) -> Reply<(Running, Arc<AtomicBool>)> {
        let mut syncs = state
            .syncs
            .lock()
            .map_err(|_| ApiError::internal("the list of running syncs is unusable"))?;
        if syncs.contains_key(&id) {
            return Err(ApiError::invalid_input(format!(
                "source {id} is being synced already"
            )));
        }
        let cancel = Arc::new(AtomicBool::new(false));
        syncs.insert(id, Arc::clone(&cancel));
        let running = Running {
            syncs: Arc::clone(&state.syncs),
            id,
        };
        Ok((running, cancel))
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Ok(mut syncs) = self.syncs.lock() {
            syncs.remove(&self.id);
        }
    }
}

#[tauri::command]
pub async fn sync_source(
    state: State<'_, AppState>,
    id: i64,
    on_progress: Channel<SyncProgressView>,
) -> Reply<SyncSummary> {
    let (running, cancel) = Running::start(&state, id)?;
    blocking(&state, move |archive| {
        let _running = running;
        let progress = move |p: &raadsvolger_core::sync::SyncProgress| {
            let _ = on_progress.send(SyncProgressView {
                source: id,
                stage: p.stage.to_owned(),
                done: count(p.done),
                total: p.total.map(count),
                message: p.message.clone(),
            });
        };
        let options = raadsvolger_core::sync::SyncOptions {
            progress: Some(&progress),
            cancel: Some(&cancel),
            ..Default::default()
        };
        Ok(archive.sync_source(id, &options)?.into())
    })
    .await
}

/// Asks a running sync to stop after the response it is writing; false when none runs.
#[tauri::command]
pub async fn cancel_sync(state: State<'_, AppState>, id: i64) -> Reply<bool> {
    let syncs = state
        .syncs
        .lock()
        .map_err(|_| ApiError::internal("the list of running syncs is unusable"))?;
    Ok(match syncs.get(&id) {
        Some(flag) => {
            flag.store(true, Ordering::Relaxed);
            true
        }
        None => false,
    })
}

#[cfg(test)]
mod tests {
    use super::mirror;

    #[test]
    fn a_mirror_keeps_an_installation_apart_by_its_host_and_path() {
        let base = "http://127.0.0.1:9/";
        assert_eq!(mirror(base, "notubiz", None), "http://127.0.0.1:9/notubiz");
        assert_eq!(
            mirror(base, "go", Some("https://raad.voorbeeld.nl/api/")),
            "http://127.0.0.1:9/go/raad.voorbeeld.nl/api"
        );
        // An address on the mirror already stays as it is.
        assert_eq!(
            mirror(base, "go", Some("http://127.0.0.1:9/go/raad-een/api")),
            "http://127.0.0.1:9/go/raad-een/api"
        );
    }
}
