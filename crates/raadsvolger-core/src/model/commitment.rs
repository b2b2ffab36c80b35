use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::DocId;
use super::deadline::DeadlineKind;

/// Where a commitment comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// A request in the dictum of an adopted motion.
    Motion,
    /// A promise by the executive ("toezegging").
    Promise,
    /// Added by hand (an oral promise from the minutes).
    Manual,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Motion => "motion",
            Origin::Promise => "promise",
            Origin::Manual => "manual",
        }
    }
    pub fn parse(s: &str) -> Option<Origin> {
        match s {
            "motion" => Some(Origin::Motion),
            "promise" => Some(Origin::Promise),
            "manual" => Some(Origin::Manual),
            _ => None,
        }
    }
}

/// Where a commitment stands, as set by a person (or by an explicit statement in a later
/// document, recorded in the history with its source).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Open,
    Met,
    PartlyMet,
    Withdrawn,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Met => "met",
            Status::PartlyMet => "partly-met",
            Status::Withdrawn => "withdrawn",
        }
    }
    /// English keys and the Dutch words clerks use (afgedaan, openstaand, ...).
    pub fn parse(s: &str) -> Option<Status> {
        match s.trim().to_lowercase().replace(['_', ' '], "-").as_str() {
            "open" | "openstaand" | "lopend" => Some(Status::Open),
            "met" | "afgedaan" | "afgehandeld" | "voldaan" => Some(Status::Met),
            "partly-met" | "partly" | "deels" | "deels-voldaan" | "gedeeltelijk" => {
                Some(Status::PartlyMet)
            }
            "withdrawn" | "ingetrokken" | "vervallen" => Some(Status::Withdrawn),
            _ => None,
        }
    }
    pub fn label_nl(self) -> &'static str {
        match self {
            Status::Open => "openstaand",
            Status::Met => "afgedaan",
            Status::PartlyMet => "deels afgedaan",
            Status::Withdrawn => "ingetrokken",
        }
    }
}

/// What a commitment looks like on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    /// The due date has passed and it is not met.
    Overdue,
    /// Due within the coming days (30 by default).
    DueSoon,
    /// Due later.
    Open,
    /// Tied to an event ("bij de begroting 2026") that the calendar does not date yet.
    DueUnknown,
    /// Not met, and no date to hold it to.
    NoDeadline,
    /// Met by its due date (or met, with no date to hold it to): "met" on the wire, as
    /// clerks say it; "met-on-time", its earlier name, is still read.
    #[serde(rename = "met", alias = "met-on-time")]
    MetOnTime,
    MetLate,
    Withdrawn,
}

impl Flag {
    pub const ALL: [Flag; 8] = [
        Flag::Overdue,
        Flag::DueSoon,
        Flag::Open,
        Flag::DueUnknown,
        Flag::NoDeadline,
        Flag::MetOnTime,
        Flag::MetLate,
        Flag::Withdrawn,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Overdue => "overdue",
            Flag::DueSoon => "due-soon",
            Flag::Open => "open",
            Flag::DueUnknown => "due-unknown",
            Flag::NoDeadline => "no-deadline",
            Flag::MetOnTime => "met",
            Flag::MetLate => "met-late",
            Flag::Withdrawn => "withdrawn",
        }
    }
    pub fn parse(s: &str) -> Option<Flag> {
        let s = s.trim();
        // "met-on-time" was the name of `met` before the clerks' word was taken.
        let s = if s == "met-on-time" { "met" } else { s };
        Flag::ALL.into_iter().find(|f| f.as_str() == s)
    }
    pub fn label_nl(self) -> &'static str {
        match self {
            Flag::Overdue => "termijn verstreken",
            Flag::DueSoon => "termijn nadert",
            Flag::Open => "lopend",
            Flag::DueUnknown => "termijn onbekend",
            Flag::NoDeadline => "zonder termijn",
            Flag::MetOnTime => "op tijd afgedaan",
            Flag::MetLate => "te laat afgedaan",
            Flag::Withdrawn => "ingetrokken",
        }
    }
}

/// A deadline as stored on a commitment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Due {
    pub kind: DeadlineKind,
    pub date: Option<NaiveDate>,
    /// The words that set it ("uiterlijk 1 september 2018").
    pub text: String,
}

/// A commitment as the extractor finds it in one document, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentDraft {
    pub origin: Origin,
    /// The task, cleaned ("een zorgcoördinator mensenhandel aan te stellen").
    pub text: String,
    /// college, burgemeester, wethouder, provinciaal college.
    pub actor: String,
    pub due: Option<Due>,
    /// The sentence it was found in, verbatim.
    pub quote: String,
    /// What the document itself records of its fulfilment (a register entry's status).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub met: Option<Fulfilment>,
}

/// A register entry's record that what it holds was done: when (where it says), and the
/// passage that says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fulfilment {
    pub on: Option<NaiveDate>,
    pub passage: String,
}

/// Evidence that a commitment was (partly) met: a document and the passage that shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub document_id: DocId,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub passage: String,
}

/// One change of status or deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryEntry {
    /// The day the change took effect (as given by the person who made it).
    pub date: NaiveDate,
    /// When it was recorded (RFC 3339).
    pub recorded_at: String,
    /// "status" or "due".
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub reason: String,
}

/// The source of a commitment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommitmentSource {
    pub document_id: Option<DocId>,
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    pub quote: String,
}

/// A commitment with its state on a given day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Commitment {
    pub id: i64,
    pub origin: Origin,
    pub text: String,
    pub actor: String,
    pub due: Option<NaiveDate>,
    pub due_kind: Option<DeadlineKind>,
    pub due_text: Option<String>,
    /// Status as of the day asked for.
    pub status: Status,
    /// The day that status took effect.
    pub status_date: Option<NaiveDate>,
    pub flag: Flag,
    pub note: Option<String>,
    pub source: CommitmentSource,
    /// For motion requests: the motion's number and title.
    pub motion: Option<String>,
    pub evidence: Vec<Evidence>,
    pub history: Vec<HistoryEntry>,
    /// How an event deadline was dated from the calendar, when it was.
    pub due_source: Option<DueSource>,
    /// The register's motion whose request this is.
    pub motion_id: Option<i64>,
    /// "bron gewijzigd": the sentence it came from is not in its document's latest version.
    pub source_changed: bool,
}

/// A later document that may show a commitment was met: proposed, never applied by itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceSuggestion {
    pub document_id: DocId,
    pub title: String,
    pub date: Option<NaiveDate>,
    /// HTML snippet with the shared words marked.
    pub snippet: String,
    /// Why it is suggested ("search", or "says it came late").
    pub reason: String,
}

/// How an event deadline was dated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueSource {
    pub meeting_id: i64,
    pub agenda_item_id: i64,
    pub date: NaiveDate,
    /// In words: the agenda item and the meeting.
    pub how: String,
}
