//! The data model: documents, voted items (motions and their votes) and commitments.

mod commitment;
mod document;
pub(crate) use document::page_at;
mod deadline;
pub mod edit;
mod motion;
pub use deadline::DeadlineKind;
pub mod register;
pub mod system;

pub use commitment::{
    Commitment, CommitmentDraft, CommitmentSource, Due, DueSource, Evidence, EvidenceSuggestion,
    Flag, Fulfilment, HistoryEntry, Origin, Status,
};
pub use document::{DocKind, Document, DocumentSummary, FulfilmentHint, NewDocument, SourceFormat};
pub use motion::{ExtractedMotion, MemberVoteEvent, Outcome, PartyVote, VoteEvent};
/// A voted item of the register, as users see it.
pub use register::Motion;

/// Identifier of a stored document (SQLite rowid).
pub type DocId = i64;
