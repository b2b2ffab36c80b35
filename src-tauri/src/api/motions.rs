//! Moties: the voted items, a page of them, and a motion or vote entered by hand.

use super::day::Day;
use super::error::{ApiError, invalid_input};
use super::key::{Closed, Key};
use super::{AppState, Reply, blocking, count, non_empty, page};
use raadsvolger_core as core;
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

/// How one party voted on an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PartyVote {
    pub party: String,
    /// `voor` or `tegen`.
    pub option: String,
}

/// A voted item (motion, amendment, council proposal) for the Moties table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MotionRow {
    /// The register's id (stable).
    #[ts(type = "number")]
    pub id: i64,
    pub number: Option<String>,
    pub title: String,
    pub kind: core::DocKind,
    pub date: Option<Day>,
    /// `aangenomen`, `verworpen`, `ingetrokken`, `aangehouden`; none when unknown.
    pub outcome: Option<core::Outcome>,
    #[ts(type = "number | null")]
    pub votes_for: Option<u32>,
    #[ts(type = "number | null")]
    pub votes_against: Option<u32>,
    pub unanimous: bool,
    pub submitters: Vec<String>,
    pub party_votes: Vec<PartyVote>,
    /// The item's own document, when the archive holds it.
    #[ts(type = "number | null")]
    pub document_id: Option<i64>,
    /// The meeting and agenda item it is on, when the register knows.
    #[ts(type = "number | null")]
    pub meeting_id: Option<i64>,
    #[ts(type = "number | null")]
    pub agenda_item_id: Option<i64>,
    /// Every change of status, oldest first.
    pub outcome_history: Vec<OutcomeEntryView>,
}

/// One change of a motion's status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OutcomeEntryView {
    pub date: Option<Day>,
    /// ingediend, aangehouden, aangenomen, verworpen, ingetrokken
    pub outcome: String,
    /// Where it comes from, in words ("document #12", "ingevoerd").
    pub source: String,
}

impl From<core::Motion> for MotionRow {
    fn from(m: core::Motion) -> Self {
        MotionRow {
            id: m.id,
            number: m.number,
            title: m.title,
            kind: m.kind,
            date: Day::of(m.date),
            outcome: m.outcome,
            votes_for: m.votes_for,
            votes_against: m.votes_against,
            unanimous: m.unanimous,
            submitters: m.submitters,
            party_votes: m
                .party_votes
                .into_iter()
                .map(|p| PartyVote {
                    party: p.party,
                    option: p.option,
                })
                .collect(),
            document_id: m.document_id,
            meeting_id: m.meeting_id,
            agenda_item_id: m.agenda_item_id,
            outcome_history: m
                .outcome_history
                .into_iter()
                .map(|o| OutcomeEntryView {
                    date: Day::of(o.date),
                    outcome: o.outcome,
                    source: o.source,
                })
                .collect(),
        }
    }
}

/// The outcome the motions list keeps: one of them, or none known (`unknown`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum OutcomeFilter {
    Is(core::Outcome),
    None(NoOutcome),
}

/// No outcome known (yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum NoOutcome {
    Unknown,
}

impl Closed for OutcomeFilter {
    const RULE: &'static str = "outcome";
    const WHAT: &'static str = "outcome";
    const ALL: &'static [Self] = &[
        OutcomeFilter::Is(core::Outcome::Aangenomen),
        OutcomeFilter::Is(core::Outcome::Verworpen),
        OutcomeFilter::Is(core::Outcome::Ingetrokken),
        OutcomeFilter::Is(core::Outcome::Aangehouden),
        OutcomeFilter::None(NoOutcome::Unknown),
    ];
    fn key(self) -> &'static str {
        match self {
            OutcomeFilter::Is(outcome) => outcome.as_str(),
            OutcomeFilter::None(NoOutcome::Unknown) => "unknown",
        }
    }
}

/// One page of the motions list: its filters and order apply to all motions first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MotionPageRequest {
    /// Words that must all occur in the number, title or submitters.
    #[serde(default)]
    pub text: String,
    /// `aangenomen`, `verworpen`, `ingetrokken`, `aangehouden`, `unknown`; absent or empty: all.
    #[serde(default)]
    #[ts(optional)]
    pub outcome: Option<Key<OutcomeFilter>>,
    /// `number`, `title`, `date` (the default) or `outcome`.
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub ascending: bool,
    #[ts(type = "number")]
    pub offset: u32,
    #[ts(type = "number")]
    pub limit: u32,
}

impl MotionPageRequest {
    pub fn to_core(&self) -> Result<(core::MotionQuery, core::Page), ApiError> {
        let sort = match self.sort.trim() {
            "number" => core::MotionSort::Number,
            "title" => core::MotionSort::Title,
            "" | "date" => core::MotionSort::Date,
            "outcome" => core::MotionSort::Outcome,
            other => {
                return Err(invalid_input(format!("cannot sort motions by {other:?}"))
                    .with("rule", "sort")
                    .with("value", other));
            }
        };
        let query = core::MotionQuery {
            text: self.text.clone(),
            outcome: Key::optional(&self.outcome)?
                .map_or("", Closed::key)
                .to_owned(),
            sort,
            ascending: self.ascending,
        };
        Ok((query, page(self.offset, self.limit)?))
    }
}

/// A page of the motions list, and how many the filters keep.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MotionPageView {
    #[ts(type = "number")]
    pub total: u32,
    #[ts(type = "number")]
    pub offset: u32,
    pub items: Vec<MotionRow>,
}

impl From<core::Paged<core::Motion>> for MotionPageView {
    fn from(p: core::Paged<core::Motion>) -> Self {
        MotionPageView {
            total: count(p.total),
            offset: count(p.offset),
            items: p.items.into_iter().map(Into::into).collect(),
        }
    }
}

/// A motion entered by hand.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MotionNew {
    pub title: String,
    #[serde(default)]
    #[ts(optional)]
    pub number: Option<String>,
    /// `motie` (default), `amendement`, `raadsvoorstel`.
    #[serde(default)]
    #[ts(optional)]
    pub kind: Option<Key<core::DocKind>>,
    /// The day it was submitted (`YYYY-MM-DD`).
    #[serde(default)]
    #[ts(optional)]
    pub date: Option<Day>,
    /// "Naam (Partij)" or a party; the first is the submitter, the others co-signers.
    #[serde(default)]
    #[ts(optional)]
    pub submitters: Option<Vec<String>>,
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub agenda_item_id: Option<i64>,
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub document_id: Option<i64>,
}

impl MotionNew {
    pub fn to_core(&self) -> Result<core::NewMotion, ApiError> {
        if self.title.trim().is_empty() {
            return Err(invalid_input("a motion needs a title".into()).with("rule", "title"));
        }
        Ok(core::NewMotion {
            title: self.title.trim().to_owned(),
            number: non_empty(&self.number),
            kind: Key::optional(&self.kind)?,
            date: Day::optional(&self.date)?,
            submitters: self
                .submitters
                .iter()
                .flatten()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
            agenda_item_id: self.agenda_item_id,
            document_id: self.document_id,
        })
    }
}

/// A vote (and/or an outcome) on a motion, as a clerk enters it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VoteNew {
    /// The day of the vote (`YYYY-MM-DD`).
    pub date: Day,
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub votes_for: Option<u32>,
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub votes_against: Option<u32>,
    #[serde(default)]
    pub unanimous: bool,
    /// As typed: "voor: CU, PvdA; tegen: PVV".
    #[serde(default)]
    #[ts(optional)]
    pub party_votes: Option<String>,
    /// "voor: A. Jansen (D66); tegen: B. Smit (PVV)".
    #[serde(default)]
    #[ts(optional)]
    pub member_votes: Option<String>,
    /// aangenomen, verworpen, aangehouden, ingetrokken; from the counts when absent.
    #[serde(default)]
    #[ts(optional)]
    pub outcome: Option<Key<core::Outcome>>,
    /// hoofdelijk, handopsteken, zonder stemming, ...
    #[serde(default)]
    #[ts(optional)]
    pub method: Option<String>,
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub meeting_id: Option<i64>,
    #[serde(default)]
    #[ts(optional)]
    pub note: Option<String>,
}

impl VoteNew {
    pub fn to_core(&self) -> Result<core::NewVote, ApiError> {
        Ok(core::NewVote {
            date: self.date.get()?,
            meeting_id: self.meeting_id,
            method: non_empty(&self.method),
            votes_for: self.votes_for,
            votes_against: self.votes_against,
            abstained: None,
            absent: None,
            unanimous: self.unanimous,
            party_votes: non_empty(&self.party_votes),
            member_votes: non_empty(&self.member_votes),
            outcome: Key::optional(&self.outcome)?,
            note: non_empty(&self.note),
        })
    }
}

#[tauri::command]
pub async fn motions(state: State<'_, AppState>) -> Reply<Vec<MotionRow>> {
    blocking(&state, |archive| {
        Ok(archive.motions()?.into_iter().map(Into::into).collect())
    })
    .await
}

/// One page of the motions that the list's filter keeps, in its order.
#[tauri::command]
pub async fn motions_page(
    state: State<'_, AppState>,
    request: MotionPageRequest,
) -> Reply<MotionPageView> {
    let (query, page) = request.to_core()?;
    blocking(&state, move |archive| {
        Ok(archive.motions_page(&query, page)?.into())
    })
    .await
}

#[tauri::command]
pub async fn add_motion(state: State<'_, AppState>, motion: MotionNew) -> Reply<MotionRow> {
    let new = motion.to_core()?;
    blocking(&state, move |archive| Ok(archive.add_motion(&new)?.into())).await
}

#[tauri::command]
pub async fn record_vote(state: State<'_, AppState>, id: i64, vote: VoteNew) -> Reply<MotionRow> {
    let new = vote.to_core()?;
    blocking(&state, move |archive| {
        Ok(archive.record_vote(id, &new)?.into())
    })
    .await
}
