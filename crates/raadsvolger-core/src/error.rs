//! Errors of the core library.
//!
//! Every error carries a stable machine-readable [`ErrorCode`] that the CLI and the desktop app
//! branch on, and a one-line message for people. User mistakes (a bad query, a file that cannot
//! be imported, an unknown id) are kept apart from internal failures (storage, index).

use std::collections::BTreeMap;
use std::path::PathBuf;

/// Result alias used throughout the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Stable error codes, serialised in kebab-case (`"invalid-query"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
    /// Undo was asked for, but no edit of the register is left to undo.
    NothingToUndo,
    /// The last edit cannot be undone: something else changed what it touched since.
    UndoBlocked,
    /// A fault of the program itself (a write that panicked); what it did was rolled back.
    Internal,
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
    /// A link (symlink) in a chosen folder to a file or folder outside it: not followed.
    #[error("a link to {0}, outside the chosen folder: not followed")]
    OutsideFolder(String),
    /// A register response (by its ending or content) that no register reader could read.
    #[error("register file could not be read: {0}")]
    Register(String),
}

/// The parameters of an error, by name, for a window that words it in its own language.
pub type Params = BTreeMap<&'static str, String>;

impl ImportError {
    /// A stable key for what is wrong with the file (`"too-large"`, `"pdf-no-text"`).
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Empty => "empty",
            ImportError::NoText => "no-text",
            ImportError::TooLarge { .. } => "too-large",
            ImportError::Binary(_) => "binary",
            ImportError::Unsupported(_) => "unsupported",
            ImportError::Undecodable(_) => "undecodable",
            ImportError::FrontMatter(_) => "front-matter",
            ImportError::UnknownKind(..) => "unknown-kind",
            ImportError::InvalidDate(_) => "invalid-date",
            ImportError::Pdf(_) => "pdf",
            ImportError::PdfNoText => "pdf-no-text",
            ImportError::Read(_) => "read",
            ImportError::TooDeep(_) => "too-deep",
            ImportError::TimedOut { .. } => "timed-out",
            ImportError::Crashed(_) => "crashed",
            ImportError::OutsideFolder(_) => "outside-folder",
            ImportError::Register(_) => "register",
        }
    }

    /// What the message says, as named values: `size` and `limit` (bytes), `limit_s`
    /// (seconds), `kind` and `expected`, `value`, or `detail` (the underlying library's words).
    pub fn params(&self) -> Params {
        let mut p = Params::new();
        match self {
            ImportError::Empty | ImportError::NoText | ImportError::PdfNoText => {}
            ImportError::TooLarge { size, limit } => {
                p.insert("size", size.to_string());
                p.insert("limit", limit.to_string());
            }
            ImportError::Binary(d)
            | ImportError::Undecodable(d)
            | ImportError::FrontMatter(d)
            | ImportError::Pdf(d)
            | ImportError::Read(d)
            | ImportError::TooDeep(d)
            | ImportError::Crashed(d)
            | ImportError::OutsideFolder(d)
            | ImportError::Register(d) => {
                p.insert("detail", d.clone());
            }
            ImportError::Unsupported(ext) => {
                p.insert("type", ext.clone());
            }
            ImportError::UnknownKind(kind, expected) => {
                p.insert("kind", kind.clone());
                p.insert("expected", expected.clone());
            }
            ImportError::InvalidDate(value) => {
                p.insert("value", value.clone());
            }
            ImportError::TimedOut { limit_ms } => {
                p.insert("limit_ms", limit_ms.to_string());
                p.insert(
                    "limit_s",
                    seconds(*limit_ms).trim_end_matches(" s").to_owned(),
                );
            }
        }
        p
    }
}

/// `30000` -> "30 s", `1500` -> "1.5 s".
fn seconds(ms: u64) -> String {
    if ms.is_multiple_of(1000) {
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
    /// A value that breaks a rule a window can word itself (`rule`: `time`, `title`, `text`,
    /// `source-key` (value: the system), `base-url`, `due-soon-days`, `recess` (value: its name),
    /// `ibabs-whitelist` (value: the iBabs site whose API refuses this computer; the way
    /// around it is `sync obv`)), with the value and the core's words.
    #[error("{message}")]
    Rule {
        rule: &'static str,
        value: String,
        message: String,
    },
    #[error("archive {path}: {reason}")]
    ArchiveUnavailable { path: PathBuf, reason: String },
    #[error("storage error: {0}")]
    Storage(#[from] rusqlite::Error),
    #[error("index error: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("sync: {0}")]
    Sync(String),
    /// The register failed [`crate::sync::FAILURES_IN_A_ROW`] requests in a row: the sync
    /// stops asking. A sync error (code `sync`) that a plan does not take as one record's
    /// problem.
    #[error("sync: {0}")]
    RegisterDown(String),
    #[error("stopped before the end; what was done so far is kept")]
    Cancelled,
    #[error("nothing to undo: no edit of the register is recorded, or each one was undone")]
    NothingToUndo,
    /// `action` is the edit's key (`agenda-item-added`), `subject` what it was about.
    #[error("cannot undo {action} {subject:?}: {reason}; nothing was changed")]
    UndoBlocked {
        action: &'static str,
        subject: String,
        reason: String,
    },
    /// A fault of the program (a write that panicked): the write was rolled back and the
    /// archive stays usable.
    #[error("internal error: {0}")]
    Internal(String),
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
            Error::InvalidInput(_) | Error::Rule { .. } => ErrorCode::InvalidInput,
            Error::ArchiveUnavailable { .. } => ErrorCode::ArchiveUnavailable,
            Error::Storage(_) => ErrorCode::Storage,
            Error::Index(_) => ErrorCode::Index,
            Error::Sync(_) | Error::RegisterDown(_) => ErrorCode::Sync,
            Error::Cancelled => ErrorCode::Cancelled,
            Error::NothingToUndo => ErrorCode::NothingToUndo,
            Error::UndoBlocked { .. } => ErrorCode::UndoBlocked,
            Error::Io { .. } => ErrorCode::Io,
            Error::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The values the message is made of, by name, so that a window can word the error in
    /// its own language: `file` and `reason` (with the import error's own params) for an
    /// import, `what` and `id` for not-found, `path` and `reason` for an unavailable archive,
    /// `action`, `subject` and `detail` for an undo that was refused,
    /// `detail` for the rest (the underlying words, kept for a technical note).
    pub fn params(&self) -> Params {
        let mut p = Params::new();
        match self {
            Error::InvalidQuery(d)
            | Error::InvalidInput(d)
            | Error::Sync(d)
            | Error::RegisterDown(d)
            | Error::Internal(d) => {
                p.insert("detail", d.clone());
            }
            Error::Import { path, source } => {
                p = source.params();
                p.insert("file", path.display().to_string());
                p.insert("reason", source.code().to_owned());
            }
            Error::Rule {
                rule,
                value,
                message,
            } => {
                p.insert("rule", (*rule).to_owned());
                p.insert("value", value.clone());
                p.insert("detail", message.clone());
            }
            Error::NotFound { what, id } => {
                p.insert("what", (*what).to_owned());
                p.insert("id", id.clone());
            }
            Error::ArchiveUnavailable { path, reason } => {
                p.insert("path", path.display().to_string());
                p.insert("detail", reason.clone());
            }
            Error::Storage(e) => {
                p.insert("detail", e.to_string());
            }
            Error::Index(e) => {
                p.insert("detail", e.to_string());
            }
            Error::Cancelled | Error::NothingToUndo => {}
            Error::UndoBlocked {
                action,
                subject,
                reason,
            } => {
                p.insert("action", (*action).to_owned());
                p.insert("subject", subject.clone());
                p.insert("detail", reason.clone());
            }
            Error::Io { context, source } => {
                p.insert("context", context.clone());
                p.insert("detail", source.to_string());
            }
        }
        p
    }

    /// A value that breaks `rule` (see [`Error::Rule`]).
    pub(crate) fn rule(
        rule: &'static str,
        value: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Error::Rule {
            rule,
            value: value.into(),
            message: message.into(),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_their_parts() {
        let e = Error::Import {
            path: "stukken/groot.pdf".into(),
            source: ImportError::TooLarge {
                size: 60,
                limit: 50,
            },
        };
        let p = e.params();
        assert_eq!(p["file"], "stukken/groot.pdf");
        assert_eq!(p["reason"], "too-large");
        assert_eq!((p["size"].as_str(), p["limit"].as_str()), ("60", "50"));
        let p = ImportError::TimedOut { limit_ms: 1500 }.params();
        assert_eq!(p["limit_s"], "1.5");
        let e = Error::NotFound {
            what: "document",
            id: "9".into(),
        };
        assert_eq!(e.params()["what"], "document");
        assert!(Error::Cancelled.params().is_empty());
    }
}
