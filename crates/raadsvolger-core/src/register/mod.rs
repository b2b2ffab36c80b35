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
pub mod dossier;
pub mod extracted;
pub mod meetings;
pub mod motions;
pub mod popolo;
mod provenance;
pub mod report;
pub mod text;
pub mod undo;
pub mod writer;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use meetings::{AgendaItem, Meeting, MeetingDetail, MeetingEdit, NewAgendaItem, NewMeeting};
pub use motions::{
    Motion, MotionEdit, MotionQuery, MotionSort, NewMotion, NewVote, OutcomeEntry, Vote,
};
pub use provenance::{EXTRACTOR_VERSION, Provenance};
pub use undo::{Edit, EditAction};

use crate::model::{DocId, DocKind, Outcome};

/// Whether a meeting is still to come, took place, or was called off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum MeetingStatus {
    #[default]
    Planned,
    Held,
    Cancelled,
}

impl MeetingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingStatus::Planned => "planned",
            MeetingStatus::Held => "held",
            MeetingStatus::Cancelled => "cancelled",
        }
    }
    /// English keys and the Dutch words (gepland, gehouden, geannuleerd, vervallen).
    pub fn parse(s: &str) -> Option<MeetingStatus> {
        match s.trim().to_lowercase().as_str() {
            "planned" | "gepland" | "gepland." => Some(MeetingStatus::Planned),
            "held" | "gehouden" | "geweest" => Some(MeetingStatus::Held),
            "cancelled" | "canceled" | "geannuleerd" | "vervallen" | "afgelast" => {
                Some(MeetingStatus::Cancelled)
            }
            _ => None,
        }
    }
    pub fn label_nl(self) -> &'static str {
        match self {
            MeetingStatus::Planned => "gepland",
            MeetingStatus::Held => "gehouden",
            MeetingStatus::Cancelled => "geannuleerd",
        }
    }
}

/// A document on an agenda item, with its role there (voorstel, bijlage, motie, besluitenlijst,
/// verslag, brief).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaDocument {
    pub id: DocId,
    pub title: String,
    pub kind: DocKind,
    pub date: Option<NaiveDate>,
    pub role: String,
}

/// A document a register names on a meeting, an agenda item or a motion that the archive
/// does not hold yet: shown by its title and address at once, until a sync downloads it and
/// it becomes one of the row's documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NamedDocument {
    /// Its title in the register, else its file name, else its address.
    pub title: String,
    pub url: String,
    /// "pending" (not downloaded yet) or "failed" (the last download failed, `error` says why).
    pub status: String,
    pub error: Option<String>,
}

/// The roles a document can have on an agenda item.
pub const DOCUMENT_ROLES: [&str; 7] = [
    "voorstel",
    "bijlage",
    "motie",
    "besluitenlijst",
    "verslag",
    "brief",
    "besluit",
];

/// The role a document gets on an agenda item when none is given: from its kind.
pub fn default_role(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Raadsvoorstel => "voorstel",
        DocKind::Motie | DocKind::Amendement => "motie",
        DocKind::Besluitenlijst => "besluitenlijst",
        DocKind::Verslag => "verslag",
        DocKind::Raadsinformatiebrief => "brief",
        DocKind::Raadsbesluit => "besluit",
        _ => "bijlage",
    }
}

/// A submitter or co-signer of a motion: a person with their party, or a party alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submitter {
    pub name: String,
    pub party: Option<String>,
    /// "indiener" or "mede-indiener".
    pub role: String,
}

impl Submitter {
    /// "A. Jansen (D66)", or the party alone.
    pub fn display(&self) -> String {
        match &self.party {
            Some(p) if *p != self.name => format!("{} ({p})", self.name),
            _ => self.name.clone(),
        }
    }
}

/// How one party voted in a vote event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyVoteRow {
    pub party: String,
    /// voor, tegen, onthouden, afwezig
    pub option: String,
    /// The seats it had, when the record says (the Tweede Kamer's votes per party do).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seats: Option<u32>,
}

/// How one member voted in a roll call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberVote {
    pub name: String,
    pub party: Option<String>,
    /// voor, tegen, onthouden, afwezig
    pub option: String,
}

/// A party the archive knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Party {
    pub id: i64,
    pub name: String,
    pub abbreviation: Option<String>,
    pub aliases: Vec<String>,
}

/// A person of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub id: i64,
    pub name: String,
    /// raadslid, wethouder, burgemeester, griffier, gedeputeerde, minister, ...
    pub role: Option<String>,
    pub parties: Vec<String>,
}

/// The Dutch outcome word for a status change; "ingediend" (submitted) is a status, not an
/// outcome.
pub const SUBMITTED: &str = "ingediend";

/// Parses a status a clerk types: an outcome, or "ingediend".
pub fn parse_status(s: &str) -> Option<String> {
    let s = s.trim().to_lowercase();
    if s == SUBMITTED || s == "submitted" {
        return Some(SUBMITTED.into());
    }
    Outcome::parse(&s).map(|o| o.as_str().to_owned())
}
