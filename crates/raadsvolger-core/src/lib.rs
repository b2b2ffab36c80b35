//! # raadsvolger-core
//!
//! The UI-free core of Raadsvolger: a local, offline archive of a municipal council's documents
//! (motions, amendments, proposals, decision lists, letters, news), searchable in Dutch.
//!
//! - [`store`]: SQLite, the source of truth (WAL, foreign keys, append-only migrations).
//! - [`index`]: tantivy, derived from the store and rebuildable from it; Dutch analysis with
//!   folded and stemmed fields, compound parts and a typo-tolerant fallback.
//! - [`import`]: Markdown with front matter, plain text, HTML pages, PDF; encodings detected;
//!   each document stored atomically, a bad file reported and skipped.
//! - [`extract`]: Dutch dates, parties, council numbers.
//!
//! [`Archive`] is the facade: one method per thing a user can do. The CLI and the desktop app
//! call these and nothing else.
//!
//! ```no_run
//! use raadsvolger_core::{Archive, SearchRequest};
//! let archive = Archive::open("/tmp/archief")?;
//! archive.load_demo(&mut raadsvolger_core::import::NoProgress)?;
//! let results = archive.search(&SearchRequest::new("zorgcoördinator"))?;
//! for hit in results.hits {
//!     println!("{} {}", hit.title, hit.snippet);
//! }
//! # Ok::<(), raadsvolger_core::Error>(())
//! ```

/// A fail point at a dangerous step of a write (see [`init_failpoints`]): when armed it fails
/// the enclosing function with an error, or aborts the process; without the `failpoints`
/// feature it compiles to nothing.
macro_rules! fail_at {
    ($name:literal) => {
        fail::fail_point!($name, |arg| Err($crate::fail_point_error($name, arg)))
    };
}

pub mod alerts;
pub mod archive;
pub mod archives;
pub mod budget;
pub mod clock;
pub mod commitments;
pub mod councils;
pub mod demo;
pub mod error;
pub mod export;
pub mod extract;
pub mod files;
pub mod import;
pub mod index;
pub mod lang;
pub mod lock;
pub mod model;
pub mod net;
pub mod paging;
pub mod register;
pub mod settings;
pub mod sources;
pub mod store;
pub mod sync;
pub mod text;
pub mod threads;
pub mod tx;

pub use alerts::{AlertFilters, AlertHit, AlertRefresh, SavedSearch};
pub use archive::alerts::AlertsPaused;
pub use archive::backup::{BackupReport, CheckReport, RestoreReport};
pub use archive::{ARCHIVE_ENV, Archive, OpenReport, Stats, TimelineEntry, default_archive_dir};
pub use commitments::{
    CommitmentFilter, CommitmentPage, CommitmentQuery, CommitmentUpdate, NewCommitment,
};
pub use error::{Error, ErrorCode, ImportError, Result};
pub use import::batch::ReindexReport;
pub use import::{FileOutcome, FileResult, ImportOptions, ImportReport, ImportSink, RegisterFile};
pub use index::query::Filters;
pub use index::{
    FacetCount, Facets, INDEX_DIR, Matching, RankedIds, SearchHit, SearchOptions, SearchRequest,
    SearchResults, SortOrder, Tally,
};
pub use lock::WhenBusy;
pub use model::{
    Commitment, DocId, DocKind, Document, DocumentSummary, Flag, Motion, NewDocument, Outcome,
    SourceFormat, Status,
};
pub use paging::{Page, Paged};
pub use register::documents::{DocumentEdit, DocumentVersion};
pub use register::{
    AgendaItem, Meeting, MeetingDetail, MeetingEdit, MeetingStatus, MotionEdit, MotionQuery,
    MotionSort, NamedDocument, NewAgendaItem, NewMeeting, NewMotion, NewVote, Provenance,
};
pub use store::DATABASE_FILE;

/// Arms the fail points named in the `FAILPOINTS` environment variable (`name=return` makes
/// the step fail with an error, `name=return(abort)` kills the process right there). Only in
/// builds with the `failpoints` feature, which the crash tests turn on; a no-op otherwise.
pub fn init_failpoints() {
    #[cfg(feature = "failpoints")]
    std::mem::forget(fail::FailScenario::setup());
}

/// What a fail point does when armed: abort the process (a crash at that very step) when its
/// argument is `abort`, else fail the step with an error.
#[cfg_attr(not(feature = "failpoints"), allow(dead_code))]
pub(crate) fn fail_point_error(name: &str, arg: Option<String>) -> Error {
    if arg.as_deref() == Some("abort") {
        std::process::abort();
    }
    Error::InvalidInput(format!("fail point {name}"))
}
