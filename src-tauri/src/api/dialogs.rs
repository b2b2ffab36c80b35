//! The system's open and save dialogs, run by the app itself so that what the user chose is
//! granted (see [`crate::grants`]).

use super::error::ApiError;
use super::{AppState, Reply};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use tauri::AppHandle;
use tauri::Runtime;
use tauri::State;
use ts_rs::TS;

/// A choice of file types in the save dialog: "CSV" with `["csv"]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FileFilter {
    pub name: String,
    pub extensions: Vec<String>,
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

pub(crate) fn shown(paths: &[PathBuf]) -> Vec<String> {
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
