//! Instellingen: the council's own settings and its parties.

use super::day::Day;
use super::error::ApiError;
use super::{AppState, Reply, blocking};
use raadsvolger_core as core;
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

/// A council's recess: its name and its first and last day (`MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecessView {
    pub name: String,
    pub start: String,
    pub end: String,
}

/// The council's own settings, as the settings page shows and sends them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CouncilSettingsView {
    #[ts(optional)]
    pub council_name: Option<String>,
    /// Days before a deadline that it counts as approaching ("termijn nadert").
    #[ts(type = "number")]
    pub due_soon_days: i64,
    /// The recesses the council set; the others keep their default dates.
    pub recesses: Vec<RecessView>,
    /// The window's language: `nl` or `en`.
    pub language: String,
    /// The shape of the council's numbers: `JJJJ-NNN` or a regular expression between slashes.
    #[serde(default)]
    #[ts(optional)]
    pub council_number_format: Option<String>,
}

impl From<core::settings::CouncilSettings> for CouncilSettingsView {
    fn from(s: core::settings::CouncilSettings) -> Self {
        CouncilSettingsView {
            council_name: s.council_name,
            due_soon_days: s.due_soon_days,
            recesses: s
                .recesses
                .into_iter()
                .map(|r| RecessView {
                    name: r.name,
                    start: r.start,
                    end: r.end,
                })
                .collect(),
            language: s.language.as_str().to_owned(),
            council_number_format: s.council_number_format,
        }
    }
}

impl CouncilSettingsView {
    pub fn to_core(&self) -> Result<core::settings::CouncilSettings, ApiError> {
        Ok(core::settings::CouncilSettings {
            council_name: self.council_name.clone(),
            due_soon_days: self.due_soon_days,
            recesses: self
                .recesses
                .iter()
                .map(|r| core::settings::Recess {
                    name: r.name.clone(),
                    start: r.start.clone(),
                    end: r.end.clone(),
                })
                .collect(),
            language: core::settings::Language::parse(&self.language)?,
            council_number_format: self.council_number_format.clone(),
        })
    }
}

/// A party of the archive with the names votes and searches find it by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PartyView {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    #[ts(optional)]
    pub abbreviation: Option<String>,
    pub aliases: Vec<String>,
}

impl From<core::register::Party> for PartyView {
    fn from(p: core::register::Party) -> Self {
        PartyView {
            id: p.id,
            name: p.name,
            abbreviation: p.abbreviation,
            aliases: p.aliases,
        }
    }
}

/// The council's own settings: its name, recesses and "nadert" days.
#[tauri::command]
pub async fn council_settings(state: State<'_, AppState>) -> Reply<CouncilSettingsView> {
    blocking(&state, |archive| Ok(archive.council_settings()?.into())).await
}

/// Saves the council's settings (checked first: nothing is saved when one is wrong).
#[tauri::command]
pub async fn set_council_settings(
    state: State<'_, AppState>,
    settings: CouncilSettingsView,
) -> Reply<CouncilSettingsView> {
    let settings = settings.to_core()?;
    blocking(&state, move |archive| {
        Ok(archive.set_council_settings(&settings)?.into())
    })
    .await
}

/// The parties the archive knows, with their abbreviations and aliases.
#[tauri::command]
pub async fn parties(state: State<'_, AppState>) -> Reply<Vec<PartyView>> {
    blocking(&state, |archive| {
        Ok(archive.parties()?.into_iter().map(Into::into).collect())
    })
    .await
}

/// The council's parties on a day (`YYYY-MM-DD`), for a vote recorded then: see
/// [`Archive::parties_at`].
#[tauri::command]
pub async fn parties_at(state: State<'_, AppState>, date: Day) -> Reply<Vec<PartyView>> {
    let day = date.get()?;
    blocking(&state, move |archive| {
        Ok(archive
            .parties_at(day)?
            .into_iter()
            .map(Into::into)
            .collect())
    })
    .await
}

/// Adds a party or sets its abbreviation and aliases.
#[tauri::command]
pub async fn set_party(
    state: State<'_, AppState>,
    name: String,
    abbreviation: Option<String>,
    aliases: Vec<String>,
) -> Reply<PartyView> {
    blocking(&state, move |archive| {
        Ok(archive
            .set_party(&name, abbreviation.as_deref(), &aliases)?
            .into())
    })
    .await
}
