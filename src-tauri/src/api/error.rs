//! The error every command answers with: a stable code, its values by name, the core's words.

use raadsvolger_core as core;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An error as the UI sees it: a stable `code` to branch on (`invalid-query`, `not-found`,
/// `import-failed`, `invalid-input`, `archive-unavailable`, `storage`, `index`, `io`, `sync`,
/// `cancelled`, `internal`), its values by name (`file`, `reason`, `limit`, `what`, `id`,
/// `detail`, ...) from which the window words it in the user's language, and the core's
/// message (English, for logs and the technical note).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ApiError {
    pub code: String,
    pub message: String,
    #[serde(default)]
    pub params: std::collections::BTreeMap<String, String>,
}

fn owned_params(params: core::error::Params) -> std::collections::BTreeMap<String, String> {
    params.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

impl From<core::Error> for ApiError {
    fn from(e: core::Error) -> Self {
        let code = serde_json::to_value(e.code())
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_else(|| "internal".to_owned());
        ApiError {
            code,
            message: e.to_string(),
            params: owned_params(e.params()),
        }
    }
}

impl ApiError {
    /// An error of the app shell itself (not of the core), e.g. a task that panicked.
    pub fn internal(message: impl Into<String>) -> Self {
        let message = message.into();
        ApiError {
            code: "internal".to_owned(),
            params: [("detail".to_owned(), message.clone())].into(),
            message,
        }
    }

    /// The page sent something the command cannot use (a relative path, a folder to write to).
    pub fn invalid_input(message: impl Into<String>) -> Self {
        invalid_input(message.into())
    }

    /// The same error with one more named value (`rule`, `value`, ...).
    pub fn with(mut self, name: &str, value: impl Into<String>) -> Self {
        self.params.insert(name.to_owned(), value.into());
        self
    }

    /// What the page named does not exist (a file, a folder).
    pub fn not_found(message: impl Into<String>) -> Self {
        let message = message.into();
        ApiError {
            code: "not-found".to_owned(),
            params: [("detail".to_owned(), message.clone())].into(),
            message,
        }
    }
}

pub(crate) fn invalid_input(message: String) -> ApiError {
    ApiError {
        code: "invalid-input".to_owned(),
        params: [("detail".to_owned(), message.clone())].into(),
        message,
    }
}
