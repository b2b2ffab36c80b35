//! The data model: documents and their kinds. Commitments, motions and votes join here later.

mod document;

pub use document::{DocKind, Document, DocumentSummary, NewDocument, SourceFormat};

/// Identifier of a stored document (SQLite rowid).
pub type DocId = i64;
