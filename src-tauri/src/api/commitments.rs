//! Toezeggingen: the commitments of a day, one with its history and evidence, and a person's
//! changes to them.

use super::day::Day;
use super::error::ApiError;
use super::key::Key;
use super::search::only_marks;
use super::{AppState, Reply, blocking, count, given, non_empty, page};
use raadsvolger_core as core;
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

/// Which commitments to list, as of which day.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommitmentFilter {
    /// The day to judge deadlines by (`YYYY-MM-DD`); the UI's default is today.
    pub as_of: Day,
    /// Only these flags (`overdue`, `due-soon`, ...); empty: all.
    #[serde(default)]
    pub flags: Vec<Key<core::Flag>>,
    #[serde(default)]
    #[ts(optional)]
    pub actor: Option<String>,
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub due_soon_days: Option<i64>,
}

impl CommitmentFilter {
    pub fn to_core(&self) -> Result<(chrono::NaiveDate, core::CommitmentQuery), ApiError> {
        let query = core::CommitmentQuery {
            flags: Key::all(&self.flags)?,
            actor: self.actor.clone().filter(|a| !a.trim().is_empty()),
            due_soon_days: self.due_soon_days,
        };
        Ok((self.as_of.get()?, query))
    }
}

/// One page of the commitments of a day, with the dashboard's filters (applied to them all).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommitmentPageRequest {
    /// The day to judge deadlines by (`YYYY-MM-DD`).
    pub as_of: Day,
    /// Only this flag (`overdue`, ...); empty or absent: all.
    #[serde(default)]
    #[ts(optional)]
    pub flag: Option<Key<core::Flag>>,
    #[serde(default)]
    #[ts(optional)]
    pub actor: Option<String>,
    /// Only this status (`open`, `met`, `partly-met`, `withdrawn`).
    #[serde(default)]
    #[ts(optional)]
    pub status: Option<Key<core::Status>>,
    /// Words that must all occur in the text, its source or motion, or the note.
    #[serde(default)]
    pub topic: String,
    #[ts(type = "number")]
    pub offset: u32,
    #[ts(type = "number")]
    pub limit: u32,
}

impl CommitmentPageRequest {
    pub fn to_core(
        &self,
    ) -> Result<(chrono::NaiveDate, core::CommitmentFilter, core::Page), ApiError> {
        let filter = core::CommitmentFilter {
            flag: Key::optional(&self.flag)?,
            actor: given(&self.actor).map(str::to_owned),
            status: Key::optional(&self.status)?,
            topic: self.topic.clone(),
        };
        Ok((self.as_of.get()?, filter, page(self.offset, self.limit)?))
    }
}

/// How many of the day's commitments carry one flag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FlagCount {
    pub flag: core::Flag,
    #[ts(type = "number")]
    pub count: u32,
}

/// A page of the dashboard's list: `items` of the `total` the filters keep, and over all
/// `count` commitments of the day the count per flag and the actors.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommitmentPageView {
    #[ts(type = "number")]
    pub count: u32,
    pub flag_counts: Vec<FlagCount>,
    pub actors: Vec<String>,
    #[ts(type = "number")]
    pub total: u32,
    #[ts(type = "number")]
    pub offset: u32,
    pub items: Vec<CommitmentView>,
}

impl From<core::CommitmentPage> for CommitmentPageView {
    fn from(p: core::CommitmentPage) -> Self {
        CommitmentPageView {
            count: count(p.count),
            flag_counts: p
                .flag_counts
                .into_iter()
                .map(|(flag, n)| FlagCount {
                    flag,
                    count: count(n),
                })
                .collect(),
            actors: p.actors,
            total: count(p.page.total),
            offset: count(p.page.offset),
            items: p.page.items.into_iter().map(Into::into).collect(),
        }
    }
}

/// Where a commitment comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommitmentSourceView {
    #[ts(type = "number | null")]
    pub document_id: Option<i64>,
    pub title: Option<String>,
    pub date: Option<Day>,
    /// The sentence it was found in, verbatim.
    pub quote: String,
}

/// A document that shows a commitment was (partly) met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceView {
    #[ts(type = "number")]
    pub document_id: i64,
    pub title: String,
    pub date: Option<Day>,
    pub passage: String,
}

/// One change of status or deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HistoryView {
    /// The day the change took effect.
    pub date: Day,
    /// When it was recorded (RFC 3339).
    pub recorded_at: String,
    /// `status` or `due`.
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub reason: String,
}

/// A commitment with its state on the day asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommitmentView {
    #[ts(type = "number")]
    pub id: i64,
    /// `motion`, `promise` or `manual`.
    pub origin: String,
    pub text: String,
    pub actor: String,
    pub due: Option<Day>,
    pub due_kind: Option<String>,
    /// The words that set the deadline ("uiterlijk 1 september 2018").
    pub due_text: Option<String>,
    /// `open`, `met`, `partly-met`, `withdrawn`.
    pub status: core::Status,
    pub status_date: Option<Day>,
    /// `overdue`, `due-soon`, `open`, `due-unknown`, `no-deadline`, `met` (on time), `met-late`,
    /// `withdrawn`.
    pub flag: core::Flag,
    pub note: Option<String>,
    pub source: CommitmentSourceView,
    /// For motion requests: the motion's number and title.
    pub motion: Option<String>,
    pub evidence: Vec<EvidenceView>,
    pub history: Vec<HistoryView>,
    /// How an event deadline ("bij de begroting 2026") was dated from the calendar.
    pub due_source: Option<DueSourceView>,
    /// The register's motion whose request this is.
    #[ts(type = "number | null")]
    pub motion_id: Option<i64>,
    /// The sentence it came from is not in its document's latest version ("bron gewijzigd").
    pub source_changed: bool,
}

/// The meeting an event deadline was dated from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DueSourceView {
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub agenda_item_id: i64,
    pub date: Day,
    /// In words: the agenda item and the meeting.
    pub how: String,
}

impl From<core::Commitment> for CommitmentView {
    fn from(c: core::Commitment) -> Self {
        CommitmentView {
            id: c.id,
            origin: c.origin.as_str().to_owned(),
            text: c.text,
            actor: c.actor,
            due: Day::of(c.due),
            due_kind: c.due_kind.map(|k| k.as_str().to_owned()),
            due_text: c.due_text,
            status: c.status,
            status_date: Day::of(c.status_date),
            flag: c.flag,
            note: c.note,
            source: CommitmentSourceView {
                document_id: c.source.document_id,
                title: c.source.title,
                date: Day::of(c.source.date),
                quote: c.source.quote,
            },
            motion: c.motion,
            evidence: c
                .evidence
                .into_iter()
                .map(|e| EvidenceView {
                    document_id: e.document_id,
                    title: e.title,
                    date: Day::of(e.date),
                    passage: e.passage,
                })
                .collect(),
            history: c
                .history
                .into_iter()
                .map(|h| HistoryView {
                    date: h.date.into(),
                    recorded_at: h.recorded_at,
                    field: h.field,
                    old: h.old,
                    new: h.new,
                    reason: h.reason,
                })
                .collect(),
            due_source: c.due_source.map(|d| DueSourceView {
                meeting_id: d.meeting_id,
                agenda_item_id: d.agenda_item_id,
                date: d.date.into(),
                how: d.how,
            }),
            motion_id: c.motion_id,
            source_changed: c.source_changed,
        }
    }
}

/// A later document that may show a commitment was met (a proposal, never applied by itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SuggestionView {
    #[ts(type = "number")]
    pub document_id: i64,
    pub title: String,
    pub date: Option<Day>,
    /// HTML: escaped text with the shared words in `<mark>`.
    pub snippet: String,
}

impl From<core::model::EvidenceSuggestion> for SuggestionView {
    fn from(s: core::model::EvidenceSuggestion) -> Self {
        SuggestionView {
            document_id: s.document_id,
            title: s.title,
            date: Day::of(s.date),
            snippet: only_marks(&s.snippet),
        }
    }
}

/// A change to a commitment, as a person makes it in the detail panel.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommitmentChange {
    /// `open`, `met`, `partly-met`, `withdrawn`.
    #[serde(default)]
    #[ts(optional)]
    pub status: Option<Key<core::Status>>,
    /// The day the change holds from (`YYYY-MM-DD`); needed with a status or deadline.
    #[serde(default)]
    #[ts(optional)]
    pub date: Option<Day>,
    /// A document of the archive that shows it.
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub evidence: Option<i64>,
    #[serde(default)]
    #[ts(optional)]
    pub passage: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub note: Option<String>,
    /// A new deadline (`YYYY-MM-DD`).
    #[serde(default)]
    #[ts(optional)]
    pub due: Option<Day>,
    #[serde(default)]
    #[ts(optional)]
    pub reason: Option<String>,
}

impl CommitmentChange {
    pub fn to_core(&self) -> Result<core::CommitmentUpdate, ApiError> {
        Ok(core::CommitmentUpdate {
            status: Key::optional(&self.status)?,
            date: Day::optional(&self.date)?,
            evidence: self.evidence,
            passage: non_empty(&self.passage),
            note: non_empty(&self.note),
            due: Day::optional(&self.due)?,
            reason: non_empty(&self.reason),
        })
    }
}

/// A commitment added by hand (e.g. an oral promise from the minutes).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommitmentNew {
    pub text: String,
    /// college, burgemeester, wethouder, ...
    pub actor: String,
    /// The day it was made (`YYYY-MM-DD`).
    pub date: Day,
    #[serde(default)]
    #[ts(optional)]
    pub due: Option<Day>,
    /// The document it comes from (minutes).
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub source: Option<i64>,
    #[serde(default)]
    #[ts(optional)]
    pub quote: Option<String>,
}

impl CommitmentNew {
    pub fn to_core(&self) -> Result<core::NewCommitment, ApiError> {
        Ok(core::NewCommitment {
            text: self.text.clone(),
            actor: self.actor.clone(),
            date: self.date.get()?,
            due: Day::optional(&self.due)?,
            due_kind: None,
            source: self.source,
            quote: non_empty(&self.quote),
        })
    }
}

#[tauri::command]
pub async fn commitments(
    state: State<'_, AppState>,
    filter: CommitmentFilter,
) -> Reply<Vec<CommitmentView>> {
    let (as_of, query) = filter.to_core()?;
    blocking(&state, move |archive| {
        let list = archive.commitments(as_of, &query)?;
        Ok(list.into_iter().map(Into::into).collect())
    })
    .await
}

/// One page of the dashboard's commitments of a day, with its counts per flag and actors.
#[tauri::command]
pub async fn commitments_page(
    state: State<'_, AppState>,
    request: CommitmentPageRequest,
) -> Reply<CommitmentPageView> {
    let (as_of, filter, page) = request.to_core()?;
    blocking(&state, move |archive| {
        let query = raadsvolger_core::CommitmentQuery::default();
        Ok(archive
            .commitments_page(as_of, &query, &filter, page)?
            .into())
    })
    .await
}

#[tauri::command]
pub async fn commitment(state: State<'_, AppState>, id: i64, as_of: Day) -> Reply<CommitmentView> {
    let as_of = as_of.get()?;
    blocking(&state, move |archive| {
        Ok(archive.commitment(id, as_of)?.into())
    })
    .await
}

#[tauri::command]
pub async fn evidence_suggestions(
    state: State<'_, AppState>,
    id: i64,
) -> Reply<Vec<SuggestionView>> {
    blocking(&state, move |archive| {
        let list = archive.evidence_suggestions(id)?;
        Ok(list.into_iter().map(Into::into).collect())
    })
    .await
}

#[tauri::command]
pub async fn update_commitment(
    state: State<'_, AppState>,
    id: i64,
    change: CommitmentChange,
) -> Reply<()> {
    let change = change.to_core()?;
    blocking(&state, move |archive| {
        Ok(archive.update_commitment(id, &change)?)
    })
    .await
}

#[tauri::command]
pub async fn add_commitment(state: State<'_, AppState>, commitment: CommitmentNew) -> Reply<i64> {
    let commitment = commitment.to_core()?;
    blocking(&state, move |archive| {
        Ok(archive.add_commitment(&commitment)?)
    })
    .await
}
