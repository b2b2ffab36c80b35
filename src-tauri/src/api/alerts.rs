//! Saved searches: documents that came in and match one are flagged as new.

use super::day::Day;
use super::error::ApiError;
use super::search::SearchQuery;
use super::{AppState, Reply, blocking, count};
use raadsvolger_core as core;
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

/// A search to save: its name and the search as the search view holds it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
pub struct SavedSearchNew {
    pub name: String,
    pub search: SearchQuery,
}

impl SavedSearchNew {
    /// The name, the query text and the filters.
    pub fn to_core(&self) -> Result<(String, String, core::AlertFilters), ApiError> {
        let request = self.search.to_core()?;
        Ok((
            self.name.clone(),
            request.query,
            core::AlertFilters {
                kinds: request.kinds,
                parties: request.parties,
                from: request.from,
                to: request.to,
            },
        ))
    }
}

/// A saved search with the count of new documents it flagged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedSearchView {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub query: String,
    pub kinds: Vec<core::DocKind>,
    pub parties: Vec<String>,
    pub from: Option<Day>,
    pub to: Option<Day>,
    pub created_at: String,
    pub last_seen_at: Option<String>,
    pub new_count: u32,
}

impl From<core::SavedSearch> for SavedSearchView {
    fn from(s: core::SavedSearch) -> Self {
        SavedSearchView {
            id: s.id,
            name: s.name,
            query: s.query,
            kinds: s.filters.kinds,
            parties: s.filters.parties,
            from: Day::of(s.filters.from),
            to: Day::of(s.filters.to),
            created_at: s.created_at,
            last_seen_at: s.last_seen_at,
            new_count: count(s.new_count),
        }
    }
}

/// A document a saved search flagged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AlertHitView {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub kind: core::DocKind,
    pub date: Option<Day>,
    pub found_at: String,
    pub seen: bool,
}

impl From<core::AlertHit> for AlertHitView {
    fn from(h: core::AlertHit) -> Self {
        AlertHitView {
            id: h.id,
            title: h.title,
            kind: h.kind,
            date: Day::of(h.date),
            found_at: h.found_at,
            seen: h.seen,
        }
    }
}

#[tauri::command]
pub async fn saved_searches(state: State<'_, AppState>) -> Reply<Vec<SavedSearchView>> {
    blocking(&state, |archive| {
        Ok(archive
            .saved_searches()?
            .into_iter()
            .map(Into::into)
            .collect())
    })
    .await
}

#[tauri::command]
pub async fn save_search(
    state: State<'_, AppState>,
    search: SavedSearchNew,
) -> Reply<SavedSearchView> {
    let (name, query, filters) = search.to_core()?;
    blocking(&state, move |archive| {
        Ok(archive.save_search(&name, &query, &filters)?.into())
    })
    .await
}

#[tauri::command]
pub async fn delete_saved_search(state: State<'_, AppState>, id: i64) -> Reply<()> {
    blocking(&state, move |archive| Ok(archive.delete_saved_search(id)?)).await
}

#[tauri::command]
pub async fn alert_hits(
    state: State<'_, AppState>,
    id: i64,
    only_new: bool,
) -> Reply<Vec<AlertHitView>> {
    blocking(&state, move |archive| {
        Ok(archive
            .alert_hits(id, only_new)?
            .into_iter()
            .map(Into::into)
            .collect())
    })
    .await
}

#[tauri::command]
pub async fn mark_seen(state: State<'_, AppState>, id: i64) -> Reply<SavedSearchView> {
    blocking(&state, move |archive| Ok(archive.mark_seen(id)?.into())).await
}
