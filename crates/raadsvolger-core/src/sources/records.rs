//! The records a reader gives, whatever the system: meetings with their agenda items,
//! motions with their votes, commitments, the documents they name, and the problems of the
//! records that could not be read. The register's writer files them
//! ([`crate::register::writer`]).

use chrono::NaiveDate;

use crate::model::register::{MeetingStatus, MemberVote, PartyVoteRow, Submitter};
use crate::model::{DocKind, Origin, Status};

/// A document a register attaches to a meeting, an agenda item or a motion: downloaded by a
/// sync and attached there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRef {
    /// The register's id of the document (with its version, when it has one).
    pub id: String,
    pub url: String,
    pub title: Option<String>,
    pub file_name: Option<String>,
}

/// A meeting as a register gives it, with its agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingRec {
    pub id: String,
    pub body: String,
    pub date: NaiveDate,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub title: Option<String>,
    pub location: Option<String>,
    pub status: MeetingStatus,
    pub items: Vec<ItemRec>,
    pub documents: Vec<DocRef>,
}

/// An agenda item, with the items below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRec {
    pub id: String,
    pub number: Option<String>,
    pub title: String,
    pub description: Option<String>,
    pub items: Vec<ItemRec>,
    /// Motions the register lists on this item (their record ids).
    pub motions: Vec<String>,
    pub documents: Vec<DocRef>,
}

/// The agenda item a motion was submitted on: by the register's id for it, else by the
/// meeting (body and date) and the item's number or title.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AgendaRef {
    pub item: Option<String>,
    pub meeting: Option<(String, NaiveDate)>,
    pub number: Option<String>,
    pub title: Option<String>,
}

/// A vote event.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VoteRec {
    pub date: Option<NaiveDate>,
    pub method: Option<String>,
    pub votes_for: Option<u32>,
    pub votes_against: Option<u32>,
    pub abstained: Option<u32>,
    pub absent: Option<u32>,
    pub unanimous: bool,
    pub raw_text: Option<String>,
    pub parties: Vec<PartyVoteRow>,
    pub members: Vec<MemberVote>,
}

/// A motion (or amendment) as a register gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MotionRec {
    /// The register's id of the motion: finds it again on re-import.
    pub id: String,
    /// The record these facts (status, votes) come from, when another than the motion's own
    /// (a decision record that holds the vote).
    pub facts: Option<String>,
    pub kind: DocKind,
    pub number: Option<String>,
    /// None when the record only names the motion (a vote record): an existing motion keeps
    /// its title, a new one gets `placeholder`.
    pub title: Option<String>,
    pub placeholder: Option<String>,
    pub date: Option<NaiveDate>,
    pub agenda: Option<AgendaRef>,
    /// None: the record says nothing about submitters, the ones known stay.
    pub submitters: Option<Vec<Submitter>>,
    pub status: Vec<(Option<NaiveDate>, String)>,
    pub votes: Vec<VoteRec>,
    /// Another number the register gives it (a parliamentary paper's).
    pub note: Option<String>,
    /// Its text and attachments.
    pub documents: Vec<DocRef>,
}

impl MotionRec {
    pub fn new(id: impl Into<String>, kind: DocKind) -> MotionRec {
        MotionRec {
            id: id.into(),
            facts: None,
            kind,
            number: None,
            title: None,
            placeholder: None,
            date: None,
            agenda: None,
            submitters: None,
            status: Vec::new(),
            votes: Vec::new(),
            note: None,
            documents: Vec::new(),
        }
    }
}

/// A commitment a register keeps: a toezegging, or a motion's request with its deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitmentRec {
    pub id: String,
    pub origin: Origin,
    pub text: String,
    pub actor: String,
    pub made_on: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    /// A status the register records, with the day it took effect.
    pub status: Option<(Status, NaiveDate)>,
    /// The motion's record id, for a motion's request.
    pub motion: Option<String>,
}

/// Everything a reader found in one response.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Batch {
    pub meetings: Vec<MeetingRec>,
    pub motions: Vec<MotionRec>,
    pub commitments: Vec<CommitmentRec>,
    /// (record id, what is wrong), for records skipped.
    pub problems: Vec<(String, String)>,
}

impl Batch {
    pub fn problem(&mut self, record: impl Into<String>, what: impl Into<String>) {
        self.problems.push((record.into(), what.into()));
    }
}

/// What one register file brought.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RegisterImport {
    /// The system that wrote it: notubiz, ibabs, tk, go, ori, popolo; "document" for a
    /// publication imported as a document.
    pub system: String,
    /// Records written: meetings, agenda items, motions, votes, commitments.
    pub records: usize,
    /// One line per record that was skipped: the file, the record's id and what is wrong.
    pub problems: Vec<String>,
}
