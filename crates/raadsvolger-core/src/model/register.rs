//! The register's vocabulary: where a fact comes from ([`Provenance`]), a meeting's status, the
//! documents on an agenda, submitters, party and member votes, parties and people. Shared by
//! the store, the registers' readers and the register's use cases.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{DocId, DocKind, Outcome, PartyVote};

/// Whether a meeting is still to come, took place, or was called off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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

/// The version of the extractors that write into the register; stored with every extracted fact
/// so a later extractor can tell its own facts from older ones.
pub const EXTRACTOR_VERSION: &str = "votes/4";

/// The provenance of one fact: found in a document, entered by a person, or imported from a
/// council's register. A fact a person entered wins over the others and survives re-extraction
/// and re-import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Provenance {
    Extracted {
        document_id: DocId,
        /// Byte span in the document's text, when the extractor knows it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        span: Option<(usize, usize)>,
        extractor: String,
    },
    User {
        /// When it was entered (RFC 3339).
        at: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    Register {
        /// "notubiz", "ibabs", "tk", "ori", "popolo", ...
        system: String,
        record_id: String,
    },
}

impl Provenance {
    pub fn extracted(document_id: DocId) -> Provenance {
        Provenance::Extracted {
            document_id,
            span: None,
            extractor: EXTRACTOR_VERSION.into(),
        }
    }

    /// What a person entered, at `at` (the time of the write that records it).
    pub fn user(at: &str, note: Option<String>) -> Provenance {
        Provenance::User {
            at: at.to_owned(),
            note,
        }
    }

    pub fn register(system: &str, record_id: impl Into<String>) -> Provenance {
        Provenance::Register {
            system: system.into(),
            record_id: record_id.into(),
        }
    }

    /// The key stored in the `prov` column.
    pub fn kind(&self) -> &'static str {
        match self {
            Provenance::Extracted { .. } => "extracted",
            Provenance::User { .. } => "user",
            Provenance::Register { .. } => "register",
        }
    }

    /// Which of two facts of the same day wins: a person's, then a register's, then extraction's.
    pub fn rank(&self) -> u8 {
        match self {
            Provenance::Extracted { .. } => 1,
            Provenance::Register { .. } => 2,
            Provenance::User { .. } => 3,
        }
    }

    /// The JSON stored in the `prov_ref` column.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// Reads the two columns back; an unreadable reference keeps at least its kind.
    pub fn from_columns(kind: &str, json: Option<&str>) -> Provenance {
        if let Some(p) = json.and_then(|j| serde_json::from_str::<Provenance>(j).ok()) {
            return p;
        }
        match kind {
            "user" => Provenance::User {
                at: String::new(),
                note: None,
            },
            "register" => Provenance::register("onbekend", ""),
            _ => Provenance::Extracted {
                document_id: 0,
                span: None,
                extractor: String::new(),
            },
        }
    }

    /// A short Dutch description for lists ("document #12", "ingevoerd", "popolo 42").
    pub fn label(&self) -> String {
        match self {
            Provenance::Extracted { document_id, .. } => format!("document #{document_id}"),
            Provenance::User { note: Some(n), .. } => format!("ingevoerd: {n}"),
            Provenance::User { .. } => "ingevoerd".into(),
            Provenance::Register { system, record_id } => format!("{system} {record_id}"),
        }
    }
}

/// One change of a motion's status: submitted, held over, adopted, rejected, withdrawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutcomeEntry {
    pub date: Option<NaiveDate>,
    /// ingediend, aangehouden, aangenomen, verworpen, ingetrokken
    pub outcome: String,
    /// Where it comes from, in words ("document #12", "ingevoerd", "notubiz 123").
    pub source: String,
    pub provenance: Provenance,
}

/// One vote event on a motion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vote {
    pub id: i64,
    pub date: Option<NaiveDate>,
    pub meeting_id: Option<i64>,
    /// hoofdelijk (roll call), handopsteken (show of hands), zonder stemming, bij acclamatie
    pub method: Option<String>,
    pub votes_for: Option<u32>,
    pub votes_against: Option<u32>,
    pub abstained: Option<u32>,
    pub absent: Option<u32>,
    pub unanimous: bool,
    pub party_votes: Vec<PartyVoteRow>,
    pub member_votes: Vec<MemberVote>,
    /// The vote as the source wrote it, verbatim, when it was free text.
    pub raw_text: Option<String>,
    pub provenance: Provenance,
}

/// A voted item of the register with its state: the latest outcome by date, the latest vote's
/// counts, its submitters and where it stands on the agenda.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Motion {
    /// Stable: the register's row id.
    pub id: i64,
    pub number: Option<String>,
    pub title: String,
    pub kind: DocKind,
    /// The day it was submitted or, when unknown, voted on.
    pub date: Option<NaiveDate>,
    pub outcome: Option<Outcome>,
    pub votes_for: Option<u32>,
    pub votes_against: Option<u32>,
    pub unanimous: bool,
    /// Submitters and co-signers as written ("A. Jansen (D66)").
    pub submitters: Vec<String>,
    pub submitter_records: Vec<Submitter>,
    /// The latest vote per party (voor/tegen).
    pub party_votes: Vec<PartyVote>,
    pub parties_for: Vec<String>,
    pub parties_against: Vec<String>,
    pub member_votes: Vec<MemberVote>,
    pub outcome_history: Vec<OutcomeEntry>,
    pub votes: Vec<Vote>,
    pub meeting_id: Option<i64>,
    pub agenda_item_id: Option<i64>,
    /// Its own document, when the archive holds it.
    pub document_id: Option<DocId>,
    /// The documents that record its votes or outcome.
    pub vote_sources: Vec<DocId>,
    /// Documents its register names (its text, attachments) that the archive does not hold
    /// yet: title and address.
    pub not_downloaded: Vec<NamedDocument>,
    pub provenance: Provenance,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_its_columns() {
        for p in [
            Provenance::extracted(7),
            Provenance::user("2024-01-01T00:00:00Z", Some("besluitenlijst".into())),
            Provenance::register("notubiz", "12345"),
        ] {
            let back = Provenance::from_columns(p.kind(), Some(&p.to_json()));
            assert_eq!(back, p);
        }
        assert_eq!(
            Provenance::from_columns("user", Some("kapot")).kind(),
            "user"
        );
        assert!(
            Provenance::user("2024-01-01T00:00:00Z", None).rank() > Provenance::extracted(1).rank()
        );
    }
}
