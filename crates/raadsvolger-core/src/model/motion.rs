use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{DocId, DocKind};

/// How a vote ended. Dutch keys, as council texts write them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// aangenomen / aanvaard
    Aangenomen,
    Verworpen,
    Ingetrokken,
    Aangehouden,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Aangenomen => "aangenomen",
            Outcome::Verworpen => "verworpen",
            Outcome::Ingetrokken => "ingetrokken",
            Outcome::Aangehouden => "aangehouden",
        }
    }

    /// "aanvaard", "AANGENOMEN", "verworpen", ...
    pub fn parse(s: &str) -> Option<Outcome> {
        // A word broken at a line's end may come back split ("aan genomen").
        let word: String = s.split_whitespace().collect();
        match word.to_lowercase().as_str() {
            "aangenomen" | "aanvaard" | "aanvaarden" | "vastgesteld" => Some(Outcome::Aangenomen),
            "verworpen" | "afgewezen" => Some(Outcome::Verworpen),
            "ingetrokken" => Some(Outcome::Ingetrokken),
            "aangehouden" => Some(Outcome::Aangehouden),
            _ => None,
        }
    }
}

/// How one party voted (Popolo: a vote's `option`, by group).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyVote {
    pub party: String,
    /// "voor" or "tegen".
    pub option: String,
}

/// A vote found in one document: a motion's own outcome, or a line of a decision list.
/// (Popolo/ORI: a VoteEvent with its Counts.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct VoteEvent {
    /// Council number of the voted item ("23161.001").
    pub number: Option<String>,
    /// Title of the voted item as the text gives it.
    pub title: Option<String>,
    /// What was voted on, when the text says (motie, amendement, raadsvoorstel).
    pub item_kind: Option<DocKind>,
    pub outcome: Option<Outcome>,
    pub votes_for: Option<u32>,
    pub votes_against: Option<u32>,
    pub unanimous: bool,
    pub party_votes: Vec<PartyVote>,
    /// Submitters and co-submitters (parties and people), for a motion's own document.
    pub submitters: Vec<String>,
    /// True when the event is about the document itself (a motion and its outcome).
    pub about_self: bool,
    /// True when it comes from a row of a decision list (a table), not from prose.
    #[serde(default)]
    pub listed: bool,
    /// The day of the vote when the text gives it ("12 oktober 2023 - Plenair, besluit",
    /// "op 15 maart jl. unaniem aangenomen"); else the document's date stands for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// How the vote was taken (hoofdelijk: a roll call), when the text says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The members' votes of a roll call.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<MemberVoteEvent>,
}

/// One member's vote in a roll call, as a document records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberVoteEvent {
    pub name: String,
    pub party: Option<String>,
    /// voor or tegen
    pub option: String,
}

/// A voted item as the extractors find it: a motion, amendment or council proposal, merged from
/// its own document and the decision lists that record its vote. Written into the register
/// (`register::extracted`), where [`crate::register::Motion`] is what users see.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExtractedMotion {
    /// Stable within an archive: the id of its own document, or of the first document that
    /// records its vote, as `doc-<id>` / `vote-<id>-<n>`.
    pub id: String,
    pub number: Option<String>,
    pub title: String,
    pub kind: DocKind,
    pub date: Option<NaiveDate>,
    pub outcome: Option<Outcome>,
    pub votes_for: Option<u32>,
    pub votes_against: Option<u32>,
    pub unanimous: bool,
    pub submitters: Vec<String>,
    pub party_votes: Vec<PartyVote>,
    /// The motion's own document, when the archive holds it.
    pub document_id: Option<DocId>,
    /// The documents that record its vote (decision lists, news).
    pub vote_sources: Vec<DocId>,
    /// Every event merged into it, with the document it was found in, in merge order.
    #[serde(skip)]
    pub events: Vec<(DocId, VoteEvent)>,
}
