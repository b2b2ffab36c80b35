//! Vergaderingen: meetings, a meeting with its agenda, its decision list, and undo of the last
//! edit of the register.

use super::agenda::{AgendaDocumentView, AgendaItemView, agenda_document};
use super::day::Day;
use super::error::{ApiError, invalid_input};
use super::key::Key;
use super::{AppState, Reply, blocking, non_empty};
use raadsvolger_core as core;
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

/// A meeting in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingView {
    #[ts(type = "number")]
    pub id: i64,
    /// gemeenteraad, commissie Bestuur, ...
    pub body: String,
    pub date: Day,
    /// "19:30"
    pub time: Option<String>,
    pub end_time: Option<String>,
    pub title: Option<String>,
    pub location: Option<String>,
    pub status: core::MeetingStatus,
    #[ts(type = "number")]
    pub agenda_items: u64,
}

impl From<core::Meeting> for MeetingView {
    fn from(m: core::Meeting) -> Self {
        MeetingView {
            id: m.id,
            body: m.body,
            date: m.date.into(),
            time: m.time,
            end_time: m.end_time,
            title: m.title,
            location: m.location,
            status: m.status,
            agenda_items: m.agenda_items,
        }
    }
}

/// An edit of the register that can be undone (the last one), or that was just undone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EditView {
    #[ts(type = "number")]
    pub id: i64,
    /// `agenda-item-added`, `vote-recorded`, ...: the window words it in its own language.
    pub action: String,
    /// The title of the agenda item, meeting or motion.
    pub subject: String,
    #[ts(type = "number | null")]
    pub target_id: Option<i64>,
    #[ts(type = "number | null")]
    pub meeting_id: Option<i64>,
    pub recorded_at: String,
}

impl From<core::register::Edit> for EditView {
    fn from(e: core::register::Edit) -> Self {
        EditView {
            id: e.id,
            action: e.action.as_str().to_owned(),
            subject: e.subject,
            target_id: e.target_id,
            meeting_id: e.meeting_id,
            recorded_at: e.recorded_at,
        }
    }
}

/// A meeting with its agenda (numbered, nested, in order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MeetingDetailView {
    pub meeting: MeetingView,
    pub agenda: Vec<AgendaItemView>,
    /// Documents of the meeting as a whole (invitation, decision list) from its register.
    pub documents: Vec<AgendaDocumentView>,
}

impl From<core::MeetingDetail> for MeetingDetailView {
    fn from(d: core::MeetingDetail) -> Self {
        MeetingDetailView {
            meeting: d.meeting.into(),
            agenda: d.agenda.into_iter().map(Into::into).collect(),
            documents: d.documents.into_iter().map(agenda_document).collect(),
        }
    }
}

/// Which meetings to list: between two days (`YYYY-MM-DD`), either open.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct MeetingRange {
    #[serde(default)]
    #[ts(optional)]
    pub from: Option<Day>,
    #[serde(default)]
    #[ts(optional)]
    pub to: Option<Day>,
}

impl MeetingRange {
    pub fn to_core(
        &self,
    ) -> Result<(Option<chrono::NaiveDate>, Option<chrono::NaiveDate>), ApiError> {
        Ok((Day::optional(&self.from)?, Day::optional(&self.to)?))
    }
}

/// A meeting to create.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingNew {
    pub body: String,
    /// `YYYY-MM-DD`
    pub date: Day,
    /// "19:30"
    #[serde(default)]
    #[ts(optional)]
    pub time: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub end_time: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub title: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub location: Option<String>,
    /// `planned` (default), `held`, `cancelled`.
    #[serde(default)]
    #[ts(optional)]
    pub status: Option<Key<core::MeetingStatus>>,
}

impl MeetingNew {
    pub fn to_core(&self) -> Result<core::NewMeeting, ApiError> {
        if self.body.trim().is_empty() {
            return Err(invalid_input(
                "a meeting needs a body (gemeenteraad, commissie, ...)".into(),
            ));
        }
        Ok(core::NewMeeting {
            body: self.body.trim().to_owned(),
            date: self.date.get()?,
            time: non_empty(&self.time),
            end_time: non_empty(&self.end_time),
            title: non_empty(&self.title),
            location: non_empty(&self.location),
            status: Key::optional(&self.status)?,
        })
    }
}

/// A change to a meeting: each field given replaces the stored one (an empty text clears it).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingChange {
    #[serde(default)]
    #[ts(optional)]
    pub body: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub date: Option<Day>,
    #[serde(default)]
    #[ts(optional)]
    pub time: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub end_time: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub title: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub location: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub status: Option<Key<core::MeetingStatus>>,
}

impl MeetingChange {
    pub fn to_core(&self) -> Result<core::MeetingEdit, ApiError> {
        Ok(core::MeetingEdit {
            body: non_empty(&self.body),
            date: Day::optional(&self.date)?,
            time: self.time.clone(),
            end_time: self.end_time.clone(),
            title: self.title.clone(),
            location: self.location.clone(),
            status: Key::optional(&self.status)?,
        })
    }
}

// The council register. Each reads or writes the database (and assembles the motions, which
// grows with the archive): on a blocking thread.

#[tauri::command]
pub async fn meetings(
    state: State<'_, AppState>,
    range: Option<MeetingRange>,
) -> Reply<Vec<MeetingView>> {
    let (from, to) = range.unwrap_or_default().to_core()?;
    blocking(&state, move |archive| {
        let list = archive.meetings(from, to)?;
        Ok(list.into_iter().map(Into::into).collect())
    })
    .await
}

#[tauri::command]
pub async fn meeting(state: State<'_, AppState>, id: i64) -> Reply<MeetingDetailView> {
    blocking(&state, move |archive| Ok(archive.meeting(id)?.into())).await
}

#[tauri::command]
pub async fn add_meeting(state: State<'_, AppState>, meeting: MeetingNew) -> Reply<MeetingView> {
    let new = meeting.to_core()?;
    blocking(&state, move |archive| Ok(archive.add_meeting(&new)?.into())).await
}

#[tauri::command]
pub async fn edit_meeting(
    state: State<'_, AppState>,
    id: i64,
    change: MeetingChange,
) -> Reply<MeetingView> {
    let edit = change.to_core()?;
    blocking(&state, move |archive| {
        Ok(archive.edit_meeting(id, &edit)?.into())
    })
    .await
}

#[tauri::command]
pub async fn cancel_meeting(state: State<'_, AppState>, id: i64) -> Reply<MeetingView> {
    blocking(&state, move |archive| {
        Ok(archive.cancel_meeting(id)?.into())
    })
    .await
}

/// The edit of the register that Ongedaan maken would undo now, if any.
#[tauri::command]
pub async fn last_edit(state: State<'_, AppState>) -> Reply<Option<EditView>> {
    blocking(&state, |archive| Ok(archive.last_edit()?.map(Into::into))).await
}

/// Undoes the last edit of the register; says which it was.
#[tauri::command]
pub async fn undo_last(state: State<'_, AppState>) -> Reply<EditView> {
    blocking(&state, |archive| Ok(archive.undo_last()?.into())).await
}

/// The meeting's decision list (Markdown).
#[tauri::command]
pub async fn meeting_report(state: State<'_, AppState>, id: i64) -> Reply<String> {
    blocking(&state, move |archive| Ok(archive.meeting_report(id)?)).await
}
