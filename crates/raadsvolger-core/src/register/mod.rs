//! The council register: the records a clerk keeps. Bodies and their meetings; a meeting's agenda
//! (numbered, nested, ordered items with the documents on each); motions, amendments and council
//! proposals with their submitters, a status history and vote events (counts, per party, per
//! member); people and parties.
//!
//! Every fact carries its [`Provenance`]: extracted from a document, entered by a person, or
//! imported from a council's register. What a person entered wins: extraction rewrites only its
//! own facts ([`extracted`]), and the outcome shown is the latest by date, a person's before a
//! register's before extraction's on the same day.
//!
//! - [`meetings`]: meetings and agenda items.
//! - [`motions`]: motions, votes and their outcome history.
//! - [`extracted`]: what the extractors found in documents, written into the register.
//! - [`calendar`]: deadlines tied to an event ("bij de begroting 2026") resolved to the meeting
//!   whose agenda holds it.
//! - [`documents`]: a person's corrections of documents, deletion and versions.
//! - [`dossier`]: everything on one council number or topic, in time order.
//! - [`popolo`]: Popolo JSON export and import.
//! - [`report`]: a meeting's decision list.
//! - [`text`]: the notations clerks type ("voor: CU, PvdA; tegen: PVV", "A. Jansen (D66)").
//! - [`undo`]: undo of the last edit a person made to the register.

pub mod calendar;
pub mod conflicts;
pub mod documents;
pub mod extracted;
pub mod files;
pub mod meetings;
pub mod motions;
pub mod popolo;
pub mod report;
/// The clerks' notations, read in `extract/notation.rs`.
pub use crate::extract::notation as text;
pub mod undo;
pub mod writer;

pub use meetings::{AgendaItem, Meeting, MeetingDetail, MeetingEdit, NewAgendaItem, NewMeeting};
pub use motions::{
    Motion, MotionEdit, MotionQuery, MotionSort, NewMotion, NewVote, OutcomeEntry, Vote,
};
pub use undo::{Edit, EditAction};

pub use crate::model::register::{
    AgendaDocument, EXTRACTOR_VERSION, MeetingStatus, MemberVote, NamedDocument, Party,
    PartyVoteRow, Person, Provenance, SUBMITTED, Submitter, default_role, parse_status,
};
