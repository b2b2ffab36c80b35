//! The archive folders kept side by side, and switching between them.

use super::error::ApiError;
use super::{AppState, Reply, off_main};
use raadsvolger_core as core;
use raadsvolger_core::Archive;
use raadsvolger_core::archives::ArchiveList;
use raadsvolger_core::import::NoProgress;
use serde::Serialize;
use std::path::Path;
use std::path::PathBuf;
use std::sync::Arc;
use tauri::State;
use ts_rs::TS;

/// One archive folder of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ArchiveEntry {
    pub path: String,
    pub name: String,
    /// The example dossier's own folder.
    pub example: bool,
    /// The archive the window shows now.
    pub current: bool,
}

/// The archives the user keeps side by side, and which one is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ArchivesView {
    /// The folder of the archive open now.
    pub current: String,
    pub archives: Vec<ArchiveEntry>,
}

impl ArchivesView {
    pub fn new(list: &core::archives::ArchiveList, current: &std::path::Path) -> Self {
        let canon =
            |p: &std::path::Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let here = canon(current);
        let mut archives: Vec<ArchiveEntry> = list
            .archives
            .iter()
            .map(|a| ArchiveEntry {
                path: a.path.display().to_string(),
                name: a.name.clone(),
                example: a.example,
                current: canon(&a.path) == here,
            })
            .collect();
        if !archives.iter().any(|a| a.current) {
            archives.insert(
                0,
                ArchiveEntry {
                    path: current.display().to_string(),
                    name: current
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    example: false,
                    current: true,
                },
            );
        }
        ArchivesView {
            current: current.display().to_string(),
            archives,
        }
    }
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
