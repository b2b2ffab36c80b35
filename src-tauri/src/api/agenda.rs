//! A meeting's agenda: its items, the documents and motions on them.

use super::day::Day;
use super::error::{ApiError, invalid_input};
use super::{AppState, Reply, blocking, non_empty};
use raadsvolger_core as core;
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

/// A document on an agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AgendaDocumentView {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub kind: core::DocKind,
    pub date: Option<Day>,
    /// voorstel, bijlage, motie, besluitenlijst, verslag, brief, besluit
    pub role: String,
}

/// A motion as an agenda item lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MotionRefView {
    #[ts(type = "number")]
    pub id: i64,
    pub number: Option<String>,
    pub title: String,
    pub kind: core::DocKind,
    pub outcome: Option<core::Outcome>,
    #[ts(type = "number | null")]
    pub votes_for: Option<u32>,
    #[ts(type = "number | null")]
    pub votes_against: Option<u32>,
    pub unanimous: bool,
    pub parties_for: Vec<String>,
    pub parties_against: Vec<String>,
}

/// An agenda item with its documents, motions and sub-items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AgendaItemView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number | null")]
    pub parent_id: Option<i64>,
    /// As written: "3", "8a", "3.2".
    pub number: Option<String>,
    pub title: String,
    pub description: Option<String>,
    #[ts(type = "number")]
    pub position: i64,
    pub documents: Vec<AgendaDocumentView>,
    pub motions: Vec<MotionRefView>,
    pub items: Vec<AgendaItemView>,
}

impl From<core::AgendaItem> for AgendaItemView {
    fn from(a: core::AgendaItem) -> Self {
        AgendaItemView {
            id: a.id,
            meeting_id: a.meeting_id,
            parent_id: a.parent_id,
            number: a.number,
            title: a.title,
            description: a.description,
            position: a.position,
            documents: a.documents.into_iter().map(agenda_document).collect(),
            motions: a
                .motions
                .into_iter()
                .map(|m| MotionRefView {
                    id: m.id,
                    number: m.number,
                    title: m.title,
                    kind: m.kind,
                    outcome: m.outcome,
                    votes_for: m.votes_for,
                    votes_against: m.votes_against,
                    unanimous: m.unanimous,
                    parties_for: m.parties_for,
                    parties_against: m.parties_against,
                })
                .collect(),
            items: a.items.into_iter().map(Into::into).collect(),
        }
    }
}

pub(crate) fn agenda_document(d: core::register::AgendaDocument) -> AgendaDocumentView {
    AgendaDocumentView {
        id: d.id,
        title: d.title,
        kind: d.kind,
        date: Day::of(d.date),
        role: d.role,
    }
}

/// An agenda item to add.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AgendaItemNew {
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub title: String,
    /// As written: "3", "8a", "3.2".
    #[serde(default)]
    #[ts(optional)]
    pub number: Option<String>,
    /// The item it is a sub-item of.
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub parent_id: Option<i64>,
    #[serde(default)]
    #[ts(optional)]
    pub description: Option<String>,
    /// Documents of the archive to put on it.
    #[serde(default)]
    #[ts(optional, type = "number[]")]
    pub documents: Option<Vec<i64>>,
}

impl AgendaItemNew {
    pub fn to_core(&self) -> Result<core::NewAgendaItem, ApiError> {
        if self.title.trim().is_empty() {
            return Err(invalid_input("an agenda item needs a title".into()).with("rule", "title"));
        }
        Ok(core::NewAgendaItem {
            meeting_id: self.meeting_id,
            title: self.title.trim().to_owned(),
            number: non_empty(&self.number),
            parent_id: self.parent_id,
            description: non_empty(&self.description),
            position: None,
            documents: self.documents.clone().unwrap_or_default(),
        })
    }
}

#[tauri::command]
pub async fn add_agenda_item(
    state: State<'_, AppState>,
    item: AgendaItemNew,
) -> Reply<AgendaItemView> {
    let new = item.to_core()?;
    blocking(&state, move |archive| {
        Ok(archive.add_agenda_item(&new)?.into())
    })
    .await
}

/// Moves an agenda item to `position` among its siblings (0 = first).
#[tauri::command]
pub async fn move_agenda_item(state: State<'_, AppState>, id: i64, position: i64) -> Reply<()> {
    blocking(&state, move |archive| {
        Ok(archive.move_agenda_item(id, position)?)
    })
    .await
}

/// Removes an agenda item and its sub-items (their documents stay in the archive).
#[tauri::command]
pub async fn delete_agenda_item(state: State<'_, AppState>, id: i64) -> Reply<()> {
    blocking(&state, move |archive| Ok(archive.delete_agenda_item(id)?)).await
}

/// Puts a document of the archive on an agenda item; the role follows its kind when not given.
#[tauri::command]
pub async fn attach_document(
    state: State<'_, AppState>,
    item: i64,
    document: i64,
    role: Option<String>,
) -> Reply<()> {
    let role = role.filter(|r| !r.trim().is_empty());
    blocking(&state, move |archive| {
        Ok(archive.attach_document(item, document, role.as_deref())?)
    })
    .await
}
