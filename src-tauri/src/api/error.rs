//! The error every command answers with: a stable code, its values by name, the core's words.

use raadsvolger_core as core;
use serde::Serialize;
use ts_rs::TS;

pub use core::error::ErrorCode;

/// The codes of the app shell beside the core's [`ErrorCode`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ShellCode {
    /// A path the user did not choose in this window's dialogs or drops (see [`crate::grants`]).
    NotGranted,
    /// The window's own, never sent by the app: a call that got no answer of a command (the
    /// command missing, a reply it cannot read).
    Ipc,
}

/// An error's stable code: the core's, or the shell's. On the wire the bare key
/// (`"invalid-query"`, `"not-granted"`); in TypeScript the union of both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(untagged)]
pub enum ApiErrorCode {
    Core(ErrorCode),
    Shell(ShellCode),
}

/// An error as the UI sees it: a stable `code` to branch on, its values by name (`file`,
/// `reason`, `limit`, `what`, `id`, `detail`, ...) from which the window words it in the user's
/// language, and the core's message (English, for logs and the technical note).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApiError {
    pub code: ApiErrorCode,
    pub message: String,
    #[serde(default)]
    pub params: std::collections::BTreeMap<String, String>,
}

fn owned_params(params: core::error::Params) -> std::collections::BTreeMap<String, String> {
    params.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

impl From<core::Error> for ApiError {
    fn from(e: core::Error) -> Self {
        ApiError {
            code: ApiErrorCode::Core(e.code()),
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
            code: ApiErrorCode::Core(ErrorCode::Internal),
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
            code: ApiErrorCode::Core(ErrorCode::NotFound),
            params: [("detail".to_owned(), message.clone())].into(),
            message,
        }
    }
}

pub(crate) fn invalid_input(message: String) -> ApiError {
    ApiError {
        code: ApiErrorCode::Core(ErrorCode::InvalidInput),
        params: [("detail".to_owned(), message.clone())].into(),
        message,
    }
}
