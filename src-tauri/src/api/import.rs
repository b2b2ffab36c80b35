//! Importing files: the paths the page hands over, progress per file, the summary; files
//! dropped on the window.

use super::dialogs::shown;
use super::error::ApiError;
use super::{AppState, Reply, blocking, count};
use raadsvolger_core as core;
use raadsvolger_core::FileResult;
use raadsvolger_core::ImportOptions;
use raadsvolger_core::ImportSink;
use serde::Serialize;
use std::path::PathBuf;
use tauri::State;
use tauri::ipc::Channel;
use ts_rs::TS;

/// What became of one file in an import.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum FileStatus {
    Imported {
        #[ts(type = "number")]
        id: i64,
        title: String,
    },
    /// The same content is already in the archive.
    Skipped {
        #[serde(rename = "duplicateOf")]
        #[ts(rename = "duplicateOf", type = "number")]
        duplicate_of: i64,
    },
    Failed {
        /// Why, in one line (English, the core's words).
        error: String,
        /// The reason's stable key (`too-large`, `pdf-no-text`, ...), worded by the window.
        code: String,
        /// The reason's values by name (`limit`, `type`, `detail`, ...).
        params: std::collections::BTreeMap<String, String>,
    },
}

/// One file's result.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FileReport {
    pub path: String,
    pub outcome: FileStatus,
}

impl From<&core::FileResult> for FileReport {
    fn from(r: &core::FileResult) -> Self {
        let outcome = match &r.outcome {
            core::FileOutcome::Imported { document, .. } => FileStatus::Imported {
                id: document.id,
                title: document.title.clone(),
            },
            core::FileOutcome::Skipped { duplicate_of } => FileStatus::Skipped {
                duplicate_of: *duplicate_of,
            },
            core::FileOutcome::Failed {
                error,
                code,
                params,
            } => FileStatus::Failed {
                error: error.clone(),
                code: code.clone(),
                params: params
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), v.clone()))
                    .collect(),
            },
        };
        FileReport {
            path: r.path.clone(),
            outcome,
        }
    }
}

/// The summary of an import.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    pub files: Vec<FileReport>,
    #[ts(type = "number")]
    pub imported: u32,
    #[ts(type = "number")]
    pub skipped: u32,
    #[ts(type = "number")]
    pub failed: u32,
    /// Register files read (NotuBiz, iBabs, Tweede Kamer, … answers), and the register rows
    /// they wrote.
    #[ts(type = "number")]
    pub register_files: u32,
    #[ts(type = "number")]
    pub register_records: u32,
    /// Records of those files that were skipped, each named with its file (the first 200).
    pub register_problems: Vec<String>,
}

impl From<&core::ImportReport> for ImportSummary {
    fn from(r: &core::ImportReport) -> Self {
        ImportSummary {
            files: r.files.iter().map(FileReport::from).collect(),
            imported: count(r.imported().count()),
            skipped: count(r.skipped().count()),
            failed: count(r.failed().count()),
            register_files: count(r.register.len()),
            register_records: count(r.register_records()),
            register_problems: r.register_problems().take(200).map(str::to_owned).collect(),
        }
    }
}

/// Progress of a running import, streamed over a channel.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "event", rename_all = "camelCase")]
pub enum ImportProgress {
    /// The files were found; none read yet.
    Started {
        #[ts(type = "number")]
        total: u32,
    },
    /// One more file is done.
    File {
        file: FileReport,
        #[ts(type = "number")]
        done: u32,
        #[ts(type = "number")]
        total: u32,
    },
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

/// Streams import progress to the page. A page that went away is no reason to stop importing.
struct ChannelSink(Channel<ImportProgress>);

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

/// The event that tells the page which files were dropped (after they were granted).
pub const DROPPED_EVENT: &str = "raadsvolger://dropped";

/// Files dropped on the window (its drag-and-drop event, never the page's word): granted for
/// import; the page hears of them from the event [`DROPPED_EVENT`] and imports them.
pub fn dropped(state: &AppState, paths: &[PathBuf]) -> Vec<String> {
    state.grants.grant_read(paths);
    shown(paths)
}
