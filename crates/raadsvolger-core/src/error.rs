//! Errors of the core library.
//!
//! Every error carries a stable machine-readable [`ErrorCode`] that the CLI and the desktop app
//! branch on, and a one-line message for people. User mistakes (a bad query, a file that cannot
//! be imported, an unknown id) are kept apart from internal failures (storage, index).

use std::path::PathBuf;

/// Result alias used throughout the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Stable error codes, serialised in kebab-case (`"invalid-query"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorCode {
    /// The search query could not be understood.
    InvalidQuery,
    /// A file could not be imported.
    ImportFailed,
    /// No document, commitment or other record with that id.
    NotFound,
    /// An argument was out of range or malformed.
    InvalidInput,
    /// The archive folder cannot be used (permissions, newer schema, in use).
    ArchiveUnavailable,
    /// SQLite failed.
    Storage,
    /// The tantivy index failed.
    Index,
    /// Reading or writing a file failed.
    Io,
    /// A register could not be reached or answered what cannot be used.
    Sync,
    /// The work was stopped by the user.
    Cancelled,
}

/// Why a single file could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("file is empty")]
    Empty,
    #[error("file holds no text (only white space)")]
    NoText,
    #[error("file is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    #[error("binary content ({0}), not a text document")]
    Binary(String),
    #[error("unsupported file type: {0}")]
    Unsupported(String),
    #[error("text could not be decoded: {0}")]
    Undecodable(String),
    #[error("front matter is not valid YAML: {0}")]
    FrontMatter(String),
    #[error("unknown document kind {0:?} (expected one of: {1})")]
    UnknownKind(String, String),
    #[error("invalid date {0:?} (expected YYYY-MM-DD)")]
    InvalidDate(String),
    #[error("PDF could not be read: {0}")]
    Pdf(String),
    #[error(
        "PDF has no text layer: scan zonder tekstlaag (no text found; to read scans, install \
         tesseract-ocr and tesseract-ocr-nld)"
    )]
    PdfNoText,
    #[error("cannot read file: {0}")]
    Read(String),
    #[error("file is too deeply nested to import safely: {0}")]
    TooDeep(String),
    #[error(
        "reading the file took longer than the time limit of {}; it was skipped",
        seconds(*.limit_ms)
    )]
    TimedOut { limit_ms: u64 },
    #[error("the importer failed on this file (please report it): {0}")]
    Crashed(String),
}

/// `30000` -> "30 s", `1500` -> "1.5 s".
fn seconds(ms: u64) -> String {
    if ms % 1000 == 0 {
        format!("{} s", ms / 1000)
    } else {
        format!("{} s", ms as f64 / 1000.0)
    }
}

/// The error type of the core library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid query: {0}")]
    InvalidQuery(String),
    #[error("{path}: {source}")]
    Import {
        path: PathBuf,
        #[source]
        source: ImportError,
    },
    #[error("{what} {id} not found")]
    NotFound { what: &'static str, id: String },
    #[error("{0}")]
    InvalidInput(String),
    #[error("archive {path}: {reason}")]
    ArchiveUnavailable { path: PathBuf, reason: String },
    #[error("storage error: {0}")]
    Storage(#[from] rusqlite::Error),
    #[error("index error: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("sync: {0}")]
    Sync(String),
    #[error("stopped before the end; what was done so far is kept")]
    Cancelled,
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::InvalidQuery(_) => ErrorCode::InvalidQuery,
            Error::Import { .. } => ErrorCode::ImportFailed,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::InvalidInput(_) => ErrorCode::InvalidInput,
            Error::ArchiveUnavailable { .. } => ErrorCode::ArchiveUnavailable,
            Error::Storage(_) => ErrorCode::Storage,
            Error::Index(_) => ErrorCode::Index,
            Error::Sync(_) => ErrorCode::Sync,
            Error::Cancelled => ErrorCode::Cancelled,
            Error::Io { .. } => ErrorCode::Io,
        }
    }

    /// True for mistakes the user can fix (bad query, bad file, unknown id), false for internal
    /// failures.
    pub fn is_user_error(&self) -> bool {
        matches!(
            self.code(),
            ErrorCode::InvalidQuery
                | ErrorCode::ImportFailed
                | ErrorCode::NotFound
                | ErrorCode::InvalidInput
        )
    }

    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::InvalidInput(format!("JSON: {e}"))
    }
}
