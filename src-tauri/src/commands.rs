//! The IPC commands: each a few lines around one core call. Work that can take a while
//! (import, reindex, the example dossier) runs on a blocking thread, off the main thread.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use raadsvolger_core::{
    Archive, FileResult, ImportOptions, ImportSink, export as exports, import::NoProgress,
};
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};

use crate::dto::{
    AgendaItemNew, AgendaItemView, ApiError, ArchiveStats, CommitmentChange, CommitmentFilter,
    CommitmentNew, CommitmentView, DocumentView, EditView, ExportFormat, ExportRequest,
    ExportSummary, FileReport, ImportProgress, ImportSummary, MeetingChange, MeetingDetailView,
    MeetingNew, MeetingRange, MeetingView, MotionNew, MotionRow, ReindexSummary, SearchQuery,
    SearchResponse, SuggestionView, VoteNew, parse_day,
};
use raadsvolger_core::archives::ArchiveList;

use crate::dto::{
    AlertHitView, ConflictView, SavedSearchNew, SavedSearchView, SourceNew, SourceView,
    SyncProgressView, SyncSummary,
};
use crate::dto::{ArchivesView, CouncilSettingsView, CouncilView, FileFilter, PartyView};
use crate::dto::{
    CommitmentPageRequest, CommitmentPageView, MotionPageRequest, MotionPageView, TimelinePageView,
    TimelineRequest,
};
use crate::grants::Grants;

/// The archive the window works on; another can take its place (switching archives).
pub type CurrentArchive = Arc<RwLock<(PathBuf, Arc<Archive>)>>;

/// The app's state: the archive open now (opened before the window exists), where the app
/// keeps its list of archives, and the syncs under way.
#[derive(Clone)]
pub struct AppState {
    pub current: CurrentArchive,
    /// The syncs under way, by source: the flag their cancel button sets.
    pub syncs: Arc<Mutex<HashMap<i64, Arc<AtomicBool>>>>,
    /// The app's configuration folder (`archives.json`, the example dossier's folder).
    pub config_dir: PathBuf,
    /// Where new sources point instead of the registers' own addresses (`{base}/notubiz`, ...):
    /// `--register-base` or `$RAADSVOLGER_REGISTER_BASE`, for a mirror or the local test server.
    pub register_base: Option<String>,
    /// The paths the user chose in this window (dialogs, drops): the only ones imported from
    /// or exported to.
    pub grants: Arc<Grants>,
    /// Debug builds only, for the tests: a file whose lines answer the open and save dialogs
    /// instead of the system's dialog (an empty file is a cancelled dialog). What is answered
    /// is granted like a real choice; the refusal of anything else stays as it is.
    pub test_pick: Option<PathBuf>,
}

impl AppState {
    pub fn new(archive: Archive, path: PathBuf, config_dir: PathBuf) -> Self {
        AppState {
            current: Arc::new(RwLock::new((path, Arc::new(archive)))),
            syncs: Arc::default(),
            config_dir,
            register_base: None,
            grants: Arc::default(),
            test_pick: None,
        }
    }

    /// The test's answer to a dialog (see [`AppState::test_pick`]); `None` in release builds
    /// and when no test answers, so the system's dialog is shown.
    fn test_answer(&self) -> Reply<Option<Vec<PathBuf>>> {
        let Some(file) = self.test_pick.as_ref().filter(|_| cfg!(debug_assertions)) else {
            return Ok(None);
        };
        let text = std::fs::read_to_string(file).map_err(|e| {
            ApiError::internal(format!(
                "cannot read the test's dialog answer {}: {e}",
                file.display()
            ))
        })?;
        Ok(Some(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(PathBuf::from)
                .collect(),
        ))
    }

    /// The archive open now.
    pub fn archive(&self) -> Arc<Archive> {
        match self.current.read() {
            Ok(guard) => Arc::clone(&guard.1),
            Err(poisoned) => Arc::clone(&poisoned.into_inner().1),
        }
    }

    /// The folder of the archive open now.
    pub fn archive_path(&self) -> PathBuf {
        match self.current.read() {
            Ok(guard) => guard.0.clone(),
            Err(poisoned) => poisoned.into_inner().0.clone(),
        }
    }
}

type Reply<T> = Result<T, ApiError>;

/// Runs `work` on the archive on a blocking thread.
async fn blocking<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&Archive) -> Reply<T> + Send + 'static,
) -> Reply<T> {
    off_main(state, move |state| work(&state.archive())).await
}

/// Runs `work` on the app's state on a blocking thread (for what reads or writes the
/// configuration folder rather than the archive).
async fn off_main<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&AppState) -> Reply<T> + Send + 'static,
) -> Reply<T> {
    let state = state.clone();
    tauri::async_runtime::spawn_blocking(move || work(&state))
        .await
        .map_err(|e| ApiError::internal(format!("background task failed: {e}")))?
}

// Every command is async and does its work on a blocking thread, never on the main thread
// that paints the window: reads take a connection of their own (see the core's
// `store::readers`), so a search answers while an import or a reindex writes.

#[tauri::command]
pub async fn search(state: State<'_, AppState>, request: SearchQuery) -> Reply<SearchResponse> {
    let request = request.to_core()?;
    blocking(&state, move |archive| Ok(archive.search(&request)?.into())).await
}

#[tauri::command]
pub async fn get_document(state: State<'_, AppState>, id: i64) -> Reply<DocumentView> {
    blocking(&state, move |archive| Ok(archive.document(id)?.into())).await
}

#[tauri::command]
pub async fn stats(state: State<'_, AppState>) -> Reply<ArchiveStats> {
    blocking(&state, |archive| Ok(archive.stats()?.into())).await
}

#[tauri::command]
pub async fn import_paths(
    state: State<'_, AppState>,
    paths: Vec<PathBuf>,
    on_progress: Channel<ImportProgress>,
) -> Reply<ImportSummary> {
    check_import_paths(&paths)?;
    // The paths as checked (resolved): a link swapped in since is not followed.
    let paths = state.grants.check_read(&paths)?;
    blocking(&state, move |archive| {
        let mut sink = ChannelSink(on_progress);
        let report = archive.import_paths(&paths, &ImportOptions::default(), &mut sink)?;
        Ok((&report).into())
    })
    .await
}

#[tauri::command]
pub async fn reindex(state: State<'_, AppState>) -> Reply<ReindexSummary> {
    blocking(&state, |archive| Ok(archive.reindex()?.into())).await
}

#[tauri::command]
pub async fn motions(state: State<'_, AppState>) -> Reply<Vec<MotionRow>> {
    blocking(&state, |archive| {
        Ok(archive.motions()?.into_iter().map(Into::into).collect())
    })
    .await
}

#[tauri::command]
pub async fn commitments(
    state: State<'_, AppState>,
    filter: CommitmentFilter,
) -> Reply<Vec<CommitmentView>> {
    let (as_of, query) = filter.to_core()?;
    blocking(&state, move |archive| {
        let list = archive.commitments(as_of, &query)?;
        Ok(list.into_iter().map(Into::into).collect())
    })
    .await
}

/// One page of the timeline (dated documents, oldest first).
#[tauri::command]
pub async fn timeline(
    state: State<'_, AppState>,
    request: TimelineRequest,
) -> Reply<TimelinePageView> {
    let page = request.to_core()?;
    blocking(&state, move |archive| Ok(archive.timeline(page)?.into())).await
}

/// One page of the motions that the list's filter keeps, in its order.
#[tauri::command]
pub async fn motions_page(
    state: State<'_, AppState>,
    request: MotionPageRequest,
) -> Reply<MotionPageView> {
    let (query, page) = request.to_core()?;
    blocking(&state, move |archive| {
        Ok(archive.motions_page(&query, page)?.into())
    })
    .await
}

/// One page of the dashboard's commitments of a day, with its counts per flag and actors.
#[tauri::command]
pub async fn commitments_page(
    state: State<'_, AppState>,
    request: CommitmentPageRequest,
) -> Reply<CommitmentPageView> {
    let (as_of, filter, page) = request.to_core()?;
    blocking(&state, move |archive| {
        let query = raadsvolger_core::CommitmentQuery::default();
        Ok(archive
            .commitments_page(as_of, &query, &filter, page)?
            .into())
    })
    .await
}

#[tauri::command]
pub async fn commitment(
    state: State<'_, AppState>,
    id: i64,
    as_of: String,
) -> Reply<CommitmentView> {
    let as_of = parse_day(&as_of)?;
    blocking(&state, move |archive| {
        Ok(archive.commitment(id, as_of)?.into())
    })
    .await
}

#[tauri::command]
pub async fn evidence_suggestions(
    state: State<'_, AppState>,
    id: i64,
) -> Reply<Vec<SuggestionView>> {
    blocking(&state, move |archive| {
        let list = archive.evidence_suggestions(id)?;
        Ok(list.into_iter().map(Into::into).collect())
    })
    .await
}

#[tauri::command]
pub async fn update_commitment(
    state: State<'_, AppState>,
    id: i64,
    change: CommitmentChange,
) -> Reply<()> {
    let change = change.to_core()?;
    blocking(&state, move |archive| {
        Ok(archive.update_commitment(id, &change)?)
    })
    .await
}

#[tauri::command]
pub async fn add_commitment(state: State<'_, AppState>, commitment: CommitmentNew) -> Reply<i64> {
    let commitment = commitment.to_core()?;
    blocking(&state, move |archive| {
        Ok(archive.add_commitment(&commitment)?)
    })
    .await
}

// The council register. Each reads or writes the database (and assembles the motions, which
// grows with the archive): on a blocking thread.

#[tauri::command]
pub async fn meetings(
    state: State<'_, AppState>,
    range: Option<MeetingRange>,
) -> Reply<Vec<MeetingView>> {
    let (from, to) = range.unwrap_or_default().to_core()?;
    blocking(&state, move |archive| {
        let list = archive.meetings(from, to)?;
        Ok(list.into_iter().map(Into::into).collect())
    })
    .await
}

#[tauri::command]
pub async fn meeting(state: State<'_, AppState>, id: i64) -> Reply<MeetingDetailView> {
    blocking(&state, move |archive| Ok(archive.meeting(id)?.into())).await
}

#[tauri::command]
pub async fn add_meeting(state: State<'_, AppState>, meeting: MeetingNew) -> Reply<MeetingView> {
    let new = meeting.to_core()?;
    blocking(&state, move |archive| Ok(archive.add_meeting(&new)?.into())).await
}

#[tauri::command]
pub async fn edit_meeting(
    state: State<'_, AppState>,
    id: i64,
    change: MeetingChange,
) -> Reply<MeetingView> {
    let edit = change.to_core()?;
    blocking(&state, move |archive| {
        Ok(archive.edit_meeting(id, &edit)?.into())
    })
    .await
}

#[tauri::command]
pub async fn cancel_meeting(state: State<'_, AppState>, id: i64) -> Reply<MeetingView> {
    blocking(&state, move |archive| {
        Ok(archive.cancel_meeting(id)?.into())
    })
    .await
}

#[tauri::command]
pub async fn add_agenda_item(
    state: State<'_, AppState>,
    item: AgendaItemNew,
) -> Reply<AgendaItemView> {
    let new = item.to_core()?;
    blocking(&state, move |archive| {
        Ok(archive.add_agenda_item(&new)?.into())
    })
    .await
}

/// Moves an agenda item to `position` among its siblings (0 = first).
#[tauri::command]
pub async fn move_agenda_item(state: State<'_, AppState>, id: i64, position: i64) -> Reply<()> {
    blocking(&state, move |archive| {
        Ok(archive.move_agenda_item(id, position)?)
    })
    .await
}

/// Removes an agenda item and its sub-items (their documents stay in the archive).
#[tauri::command]
pub async fn delete_agenda_item(state: State<'_, AppState>, id: i64) -> Reply<()> {
    blocking(&state, move |archive| Ok(archive.delete_agenda_item(id)?)).await
}

/// Puts a document of the archive on an agenda item; the role follows its kind when not given.
#[tauri::command]
pub async fn attach_document(
    state: State<'_, AppState>,
    item: i64,
    document: i64,
    role: Option<String>,
) -> Reply<()> {
    let role = role.filter(|r| !r.trim().is_empty());
    blocking(&state, move |archive| {
        Ok(archive.attach_document(item, document, role.as_deref())?)
    })
    .await
}

#[tauri::command]
pub async fn add_motion(state: State<'_, AppState>, motion: MotionNew) -> Reply<MotionRow> {
    let new = motion.to_core()?;
    blocking(&state, move |archive| Ok(archive.add_motion(&new)?.into())).await
}

#[tauri::command]
pub async fn record_vote(state: State<'_, AppState>, id: i64, vote: VoteNew) -> Reply<MotionRow> {
    let new = vote.to_core()?;
    blocking(&state, move |archive| {
        Ok(archive.record_vote(id, &new)?.into())
    })
    .await
}

/// The edit of the register that Ongedaan maken would undo now, if any.
#[tauri::command]
pub async fn last_edit(state: State<'_, AppState>) -> Reply<Option<EditView>> {
    blocking(&state, |archive| Ok(archive.last_edit()?.map(Into::into))).await
}

/// Undoes the last edit of the register; says which it was.
#[tauri::command]
pub async fn undo_last(state: State<'_, AppState>) -> Reply<EditView> {
    blocking(&state, |archive| Ok(archive.undo_last()?.into())).await
}

/// The meeting's decision list (Markdown).
#[tauri::command]
pub async fn meeting_report(state: State<'_, AppState>, id: i64) -> Reply<String> {
    blocking(&state, move |archive| Ok(archive.meeting_report(id)?)).await
}

/// Writes the commitment register as of a day to the file chosen in the save dialog.
#[tauri::command]
pub async fn export(state: State<'_, AppState>, request: ExportRequest) -> Reply<ExportSummary> {
    let as_of = parse_day(&request.as_of)?;
    check_export_path(&request.path)?;
    let target = state.grants.check_write(Path::new(&request.path))?;
    blocking(&state, move |archive| {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
        let format = match request.format {
            ExportFormat::Csv => exports::Format::Csv,
            ExportFormat::Ics => exports::Format::Ics { stamp: &stamp },
            ExportFormat::Report if request.path.to_lowercase().ends_with(".html") => {
                exports::Format::ReportHtml
            }
            ExportFormat::Report => exports::Format::ReportMarkdown,
        };
        let exports::Exported {
            content,
            commitments,
        } = archive.export(format, as_of)?;
        raadsvolger_core::files::write_whole(&target, content.as_bytes()).map_err(|e| {
            ApiError {
                code: "io".to_owned(),
                message: e.to_string(),
                params: [
                    ("file".to_owned(), request.path.clone()),
                    ("detail".to_owned(), e.to_string()),
                ]
                .into(),
            }
        })?;
        Ok(ExportSummary {
            path: request.path,
            commitments: count(commitments),
            bytes: count(content.len()),
        })
    })
    .await
}

/// Runs one of the system's file dialogs off the main thread; `None` when it cannot be shown.
async fn dialog<R: Runtime, T: Send + 'static>(
    app: &AppHandle<R>,
    run: impl FnOnce(tauri_plugin_dialog::FileDialogBuilder<R>) -> T + Send + 'static,
) -> Reply<T> {
    use tauri::Manager;
    let Some(dialog) = app.try_state::<tauri_plugin_dialog::Dialog<R>>() else {
        return Err(ApiError::internal(
            "the system's file dialog is not available",
        ));
    };
    let builder = dialog.file();
    tauri::async_runtime::spawn_blocking(move || run(builder))
        .await
        .map_err(|e| ApiError::internal(format!("the file dialog failed: {e}")))
}

fn shown(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect()
}

/// The open dialog (files, or with `folder` folders) run by the app itself: what the user
/// chose is granted for import and returned (empty when the dialog was cancelled).
#[tauri::command]
pub async fn pick_import<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    folder: bool,
    title: String,
) -> Reply<Vec<String>> {
    let chosen = match state.test_answer()? {
        Some(paths) => paths,
        None => {
            dialog(&app, move |d| {
                let d = d.set_title(title);
                let picked = if folder {
                    d.blocking_pick_folders()
                } else {
                    d.blocking_pick_files()
                };
                picked
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|p| p.into_path().ok())
                    .collect::<Vec<_>>()
            })
            .await?
        }
    };
    state.grants.grant_read(&chosen);
    Ok(shown(&chosen))
}

/// The save dialog run by the app itself: the file chosen is granted for export and returned
/// (`None` when the dialog was cancelled).
#[tauri::command]
pub async fn pick_export<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    title: String,
    file_name: String,
    filters: Vec<FileFilter>,
) -> Reply<Option<String>> {
    let chosen = match state.test_answer()? {
        Some(paths) => paths.into_iter().next(),
        None => {
            dialog(&app, move |mut d| {
                d = d.set_title(title).set_file_name(file_name);
                for filter in &filters {
                    let extensions: Vec<&str> =
                        filter.extensions.iter().map(String::as_str).collect();
                    d = d.add_filter(&filter.name, &extensions);
                }
                d.blocking_save_file().and_then(|p| p.into_path().ok())
            })
            .await?
        }
    };
    if let Some(path) = &chosen {
        state.grants.grant_write(path);
    }
    Ok(chosen.map(|p| p.to_string_lossy().into_owned()))
}

/// The folder dialog for an archive folder to open (the switcher's "open another").
#[tauri::command]
pub async fn pick_folder<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    title: String,
) -> Reply<Option<String>> {
    let chosen = match state.test_answer()? {
        Some(paths) => paths.into_iter().next(),
        None => {
            dialog(&app, move |d| {
                d.set_title(title)
                    .blocking_pick_folder()
                    .and_then(|p| p.into_path().ok())
            })
            .await?
        }
    };
    if let Some(folder) = &chosen {
        state.grants.grant_open(folder);
    }
    Ok(chosen.map(|p| p.to_string_lossy().into_owned()))
}

/// Files dropped on the window (its drag-and-drop event, never the page's word): granted for
/// import; the page hears of them from the event [`DROPPED_EVENT`] and imports them.
pub fn dropped(state: &AppState, paths: &[PathBuf]) -> Vec<String> {
    state.grants.grant_read(paths);
    shown(paths)
}

/// The event that tells the page which files were dropped (after they were granted).
pub const DROPPED_EVENT: &str = "raadsvolger://dropped";

/// The paths the page asks to import: what a drop or the open dialog gives, so each must be
/// absolute (a relative one would resolve against the app's working folder, which nobody
/// chose) and must exist. One bad path refuses the whole call before anything is read.
pub fn check_import_paths(paths: &[PathBuf]) -> Reply<()> {
    for path in paths {
        if !path.is_absolute() {
            return Err(ApiError::invalid_input(format!(
                "not an absolute path: {:?} (choose the files in the dialog or drop them on the window)",
                path.display().to_string()
            )));
        }
        // An error other than "missing" (a symlink loop, no permission) is the importer's to
        // report for that one file.
        if let Ok(false) = path.try_exists() {
            return Err(ApiError::not_found(format!(
                "no such file or folder: {}",
                path.display()
            )));
        }
    }
    Ok(())
}

/// The file the page asks to export to: what the save dialog gives. It must be an absolute
/// path to a regular file (new or existing) in a folder that exists; never a folder, a device
/// or a pipe.
pub fn check_export_path(path: &str) -> Reply<()> {
    if path.trim().is_empty() {
        return Err(ApiError::invalid_input("no file chosen to export to"));
    }
    let file = Path::new(path);
    if !file.is_absolute() {
        return Err(ApiError::invalid_input(format!(
            "not an absolute path: {path:?} (choose the file in the save dialog)"
        )));
    }
    if let Ok(meta) = std::fs::metadata(file) {
        if meta.is_dir() {
            return Err(ApiError::invalid_input(format!(
                "{path} is a folder: choose a file name to export to"
            )));
        }
        if !meta.is_file() {
            return Err(ApiError::invalid_input(format!(
                "{path} is not a regular file (a device, pipe or socket)"
            )));
        }
    }
    match file.parent() {
        Some(folder) if folder.is_dir() => Ok(()),
        Some(folder) => Err(ApiError::not_found(format!(
            "the folder {} does not exist",
            folder.display()
        ))),
        None => Err(ApiError::invalid_input(format!(
            "{path} names no file to export to"
        ))),
    }
}

/// Streams import progress to the page. A page that went away is no reason to stop importing.
struct ChannelSink(Channel<ImportProgress>);

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl ImportSink for ChannelSink {
    fn started(&mut self, total: usize) {
        let _ = self.0.send(ImportProgress::Started {
            total: count(total),
        });
    }

    fn file_done(&mut self, result: &FileResult, done: usize, total: usize) {
        let _ = self.0.send(ImportProgress::File {
            file: FileReport::from(result),
            done: count(done),
            total: count(total),
        });
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

// Saved searches: documents that came in and match one are flagged as new.

#[tauri::command]
pub async fn saved_searches(state: State<'_, AppState>) -> Reply<Vec<SavedSearchView>> {
    blocking(&state, |archive| {
        Ok(archive
            .saved_searches()?
            .into_iter()
            .map(Into::into)
            .collect())
    })
    .await
}

#[tauri::command]
pub async fn save_search(
    state: State<'_, AppState>,
    search: SavedSearchNew,
) -> Reply<SavedSearchView> {
    let (name, query, filters) = search.to_core()?;
    blocking(&state, move |archive| {
        Ok(archive.save_search(&name, &query, &filters)?.into())
    })
    .await
}

#[tauri::command]
pub async fn delete_saved_search(state: State<'_, AppState>, id: i64) -> Reply<()> {
    blocking(&state, move |archive| Ok(archive.delete_saved_search(id)?)).await
}

#[tauri::command]
pub async fn alert_hits(
    state: State<'_, AppState>,
    id: i64,
    only_new: bool,
) -> Reply<Vec<AlertHitView>> {
    blocking(&state, move |archive| {
        Ok(archive
            .alert_hits(id, only_new)?
            .into_iter()
            .map(Into::into)
            .collect())
    })
    .await
}

#[tauri::command]
pub async fn mark_seen(state: State<'_, AppState>, id: i64) -> Reply<SavedSearchView> {
    blocking(&state, move |archive| Ok(archive.mark_seen(id)?.into())).await
}

/// The councils Raadsvolger can set up in one step (`councils.tsv` in the configuration folder
/// when the user keeps their own table, else the one shipped), those whose name holds `search`.
#[tauri::command]
pub async fn councils(
    state: State<'_, AppState>,
    search: Option<String>,
) -> Reply<Vec<CouncilView>> {
    off_main(&state, move |state| {
        let own = state.config_dir.join("councils.tsv");
        let all = raadsvolger_core::councils::councils(Some(&own))?;
        Ok(
            raadsvolger_core::councils::find(&all, search.as_deref().unwrap_or(""))
                .into_iter()
                .map(Into::into)
                .collect(),
        )
    })
    .await
}

fn archive_list(state: &AppState) -> Reply<ArchivesView> {
    let list = ArchiveList::load(&state.config_dir)?;
    Ok(ArchivesView::new(&list, &state.archive_path()))
}

/// The archives kept side by side, and which one is open.
#[tauri::command]
pub async fn archives(state: State<'_, AppState>) -> Reply<ArchivesView> {
    off_main(&state, archive_list).await
}

/// Opens the archive in `folder` (created when empty) in the window's place of the current one,
/// and remembers it. With `example`, the folder is the example dossier's own, loaded when empty.
fn switch_archive(
    state: &AppState,
    folder: PathBuf,
    name: &str,
    example: bool,
) -> Reply<ArchivesView> {
    let busy = state.syncs.lock().map(|s| !s.is_empty()).unwrap_or(false);
    if busy {
        return Err(ApiError::invalid_input(
            "a sync is running: stop it or let it finish before switching archives",
        )
        .with("rule", "sync-running"));
    }
    let leaving = state.archive_path();
    let switching = !same_folder(&folder, &leaving);
    if switching {
        let archive = Archive::open(&folder)?;
        if example && archive.stats()?.documents == 0 {
            archive.load_demo(&mut NoProgress)?;
        }
        let old = {
            let mut current = state
                .current
                .write()
                .map_err(|_| ApiError::internal("the current archive is unusable"))?;
            std::mem::replace(&mut *current, (folder.clone(), Arc::new(archive)))
        };
        let (old_path, old_archive) = old;
        if let Ok(old_archive) = Arc::try_unwrap(old_archive) {
            if let Err(e) = old_archive.close() {
                tracing::warn!("closing the archive {}: {e}", old_path.display());
            }
        }
    }
    ArchiveList::update(&state.config_dir, |list| {
        // The archive left stays one choice away.
        if switching && !list.archives.iter().any(|a| same_folder(&a.path, &leaving)) {
            list.remember(&leaving, "", false);
        }
        list.remember(&folder, name, example);
    })?;
    archive_list(state)
}

/// Opens another archive folder (one the user chose in the folder dialog, or one of the list).
#[tauri::command]
pub async fn open_archive(
    state: State<'_, AppState>,
    path: String,
    name: Option<String>,
) -> Reply<ArchivesView> {
    let folder = PathBuf::from(&path);
    if !folder.is_absolute() {
        return Err(ApiError::invalid_input(format!(
            "{path:?} is not a full path to a folder"
        )));
    }
    off_main(&state, move |state| {
        // A folder of the list (chosen before, in this window or another) or one the folder
        // dialog just gave; never one the page names itself.
        let listed = ArchiveList::load(&state.config_dir)?
            .archives
            .iter()
            .any(|a| same_folder(&a.path, &folder));
        let folder = if listed {
            folder
        } else {
            state.grants.check_open(&folder)?
        };
        switch_archive(state, folder, name.as_deref().unwrap_or(""), false)
    })
    .await
}

fn same_folder(a: &Path, b: &Path) -> bool {
    std::fs::canonicalize(a)
        .ok()
        .is_some_and(|a| std::fs::canonicalize(b).ok() == Some(a))
}

/// Opens the example dossier in its own folder (beside the list of archives), never in the
/// council's archive.
#[tauri::command]
pub async fn open_example(state: State<'_, AppState>) -> Reply<ArchivesView> {
    off_main(&state, |state| {
        let folder = raadsvolger_core::archives::example_dir(&state.config_dir);
        switch_archive(state, folder, "Voorbeelddossier", true)
    })
    .await
}

/// Takes a folder off the list (the folder and its archive stay as they are).
#[tauri::command]
pub async fn forget_archive(state: State<'_, AppState>, path: String) -> Reply<ArchivesView> {
    off_main(&state, move |state| {
        ArchiveList::update(&state.config_dir, |list| list.forget(Path::new(&path)))?;
        archive_list(state)
    })
    .await
}

/// The council's own settings: its name, recesses and "nadert" days.
#[tauri::command]
pub async fn council_settings(state: State<'_, AppState>) -> Reply<CouncilSettingsView> {
    blocking(&state, |archive| Ok(archive.council_settings()?.into())).await
}

/// Saves the council's settings (checked first: nothing is saved when one is wrong).
#[tauri::command]
pub async fn set_council_settings(
    state: State<'_, AppState>,
    settings: CouncilSettingsView,
) -> Reply<CouncilSettingsView> {
    let settings = settings.to_core()?;
    blocking(&state, move |archive| {
        Ok(archive.set_council_settings(&settings)?.into())
    })
    .await
}

/// The parties the archive knows, with their abbreviations and aliases.
#[tauri::command]
pub async fn parties(state: State<'_, AppState>) -> Reply<Vec<PartyView>> {
    blocking(&state, |archive| {
        Ok(archive.parties()?.into_iter().map(Into::into).collect())
    })
    .await
}

/// The council's parties on a day (`YYYY-MM-DD`), for a vote recorded then: see
/// [`Archive::parties_at`].
#[tauri::command]
pub async fn parties_at(state: State<'_, AppState>, date: String) -> Reply<Vec<PartyView>> {
    let day: chrono::NaiveDate = date
        .parse()
        .map_err(|_| ApiError::invalid_input(format!("{date:?} is not a day (YYYY-MM-DD)")))?;
    blocking(&state, move |archive| {
        Ok(archive
            .parties_at(day)?
            .into_iter()
            .map(Into::into)
            .collect())
    })
    .await
}

/// Adds a party or sets its abbreviation and aliases.
#[tauri::command]
pub async fn set_party(
    state: State<'_, AppState>,
    name: String,
    abbreviation: Option<String>,
    aliases: Vec<String>,
) -> Reply<PartyView> {
    blocking(&state, move |archive| {
        Ok(archive
            .set_party(&name, abbreviation.as_deref(), &aliases)?
            .into())
    })
    .await
}

/// Adds a council to the user's own councils table (beside the list of archives), or changes
/// its key; the first run offers it from then on.
#[tauri::command]
pub async fn add_council(
    state: State<'_, AppState>,
    council: CouncilView,
) -> Reply<Vec<CouncilView>> {
    off_main(&state, move |state| {
        let own = state.config_dir.join("councils.tsv");
        let all = raadsvolger_core::councils::add_own(
            &own,
            raadsvolger_core::councils::Council {
                name: council.name,
                kind: council.kind,
                system: council.system,
                key: council.key,
                base_url: council.base_url.unwrap_or_default(),
                source: "added in Instellingen".into(),
                ..raadsvolger_core::councils::Council::default()
            },
        )?;
        Ok(all.iter().map(Into::into).collect())
    })
    .await
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
