//! The window's boundary: one module per page, each holding its commands beside the types
//! that cross with them (exported to TypeScript, see [`crate::bindings`]). Every command is a
//! few lines around one core call; work that can take a while (import, reindex, the example
//! dossier) runs on a blocking thread, off the main thread.
//!
//! What the window receives carries the core's closed enums (a document's kind, a commitment's
//! flag and status, a vote's outcome, a meeting's status, an error's code), so their TypeScript types are unions.
//! What it sends names them by the same keys ([`key::Key`]), so its requests are checked against
//! the same unions; a text that is no key is answered with a coded `invalid-input`.

pub mod agenda;
pub mod alerts;
pub mod archives;
pub mod commitments;
pub mod councils;
pub mod day;
pub mod dialogs;
pub mod documents;
pub mod error;
pub mod export;
pub mod import;
pub mod key;
pub mod meetings;
pub mod motions;
pub mod search;
pub mod settings;
pub mod sources;

use crate::grants::Grants;
use error::ApiError;
use raadsvolger_core as core;
use raadsvolger_core::Archive;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::RwLock;
use std::sync::atomic::AtomicBool;

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
    pub(crate) fn test_answer(&self) -> Reply<Option<Vec<PathBuf>>> {
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

// Every command is async and does its work on a blocking thread, never on the main thread
// that paints the window: reads take a connection of their own (see the core's
// `store::readers`), so a search answers while an import or a reindex writes.

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

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A page of a long list: `limit` (1 to 1000) items from `offset` on.
fn page(offset: u32, limit: u32) -> Result<core::Page, ApiError> {
    let n = |v: u32| usize::try_from(v).unwrap_or(usize::MAX);
    Ok(core::Page::new(n(offset), n(limit))?)
}

fn non_empty(text: &Option<String>) -> Option<String> {
    text.as_ref()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::core;
    use super::error::{ApiError, ApiErrorCode, ShellCode};

    fn wire<T: serde::Serialize>(value: T) -> String {
        serde_json::to_value(value)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    #[test]
    fn an_error_code_crosses_as_its_bare_key() {
        let refused = ApiError {
            code: ApiErrorCode::Shell(ShellCode::NotGranted),
            message: String::new(),
            params: Default::default(),
        };
        assert_eq!(wire(refused.code), "not-granted");
        assert_eq!(wire(ApiError::invalid_input("x").code), "invalid-input");
        assert_eq!(wire(ApiError::internal("x").code), "internal");
        let missing = core::Error::NotFound {
            what: "document",
            id: "9".to_owned(),
        };
        assert_eq!(wire(ApiError::from(missing).code), "not-found");
    }
}
