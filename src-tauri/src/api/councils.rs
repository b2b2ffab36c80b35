//! The councils table the first run chooses from, and the user's own additions to it.

use super::{AppState, Reply, off_main};
use raadsvolger_core as core;
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

/// A council of the councils table, as the first-run screen lists it (and settings add it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CouncilView {
    pub name: String,
    /// `gemeente`, `provincie`, `waterschap` or `parlement`.
    pub kind: String,
    /// `notubiz`, `ibabs`, `go`, `parlaeus`, `tk` or `ori`.
    pub system: String,
    pub key: String,
    /// The council's own installation (GemeenteOplossingen, Parlaeus).
    #[serde(default)]
    #[ts(optional)]
    pub base_url: Option<String>,
    /// The CBS municipality code (GM0034).
    #[serde(default)]
    #[ts(optional)]
    pub cbs_code: Option<String>,
    /// The municipality it merged into, and the day.
    #[serde(default)]
    #[ts(optional)]
    pub successor: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub discontinued_on: Option<String>,
    /// The source a sync of it sets up: the system (openbesluitvorming, `obv`, for iBabs),
    /// the key there and the address, as the first run adds it.
    #[serde(default)]
    #[ts(optional)]
    pub route: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub route_key: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub route_base_url: Option<String>,
}

impl From<&core::councils::Council> for CouncilView {
    fn from(c: &core::councils::Council) -> Self {
        let some = |s: &str| Some(s.to_owned()).filter(|s| !s.is_empty());
        let route = c.route(false).ok();
        CouncilView {
            name: c.name.clone(),
            kind: c.kind.clone(),
            system: c.system.clone(),
            key: c.key.clone(),
            base_url: some(&c.base_url),
            cbs_code: some(&c.cbs_code),
            successor: some(&c.successor),
            discontinued_on: some(&c.discontinued_on),
            route: route.as_ref().map(|r| r.system.as_str().to_owned()),
            route_key: route.as_ref().map(|r| r.key.clone()),
            route_base_url: route.and_then(|r| r.base_url),
        }
    }
}

/// The councils Raadsvolger can set up in one step (`councils.tsv` in the configuration folder
/// when the user keeps their own table, else the one shipped), those whose name holds `search`.
#[tauri::command]
pub async fn councils(
    state: State<'_, AppState>,
    search: Option<String>,
) -> Reply<Vec<CouncilView>> {
    off_main(&state, move |state| {
        let own = state.config_dir.join("councils.tsv");
        let all = raadsvolger_core::councils::councils(Some(&own))?;
        Ok(
            raadsvolger_core::councils::find(&all, search.as_deref().unwrap_or(""))
                .into_iter()
                .map(Into::into)
                .collect(),
        )
    })
    .await
}

/// Adds a council to the user's own councils table (beside the list of archives), or changes
/// its key; the first run offers it from then on.
#[tauri::command]
pub async fn add_council(
    state: State<'_, AppState>,
    council: CouncilView,
) -> Reply<Vec<CouncilView>> {
    off_main(&state, move |state| {
        let own = state.config_dir.join("councils.tsv");
        let all = raadsvolger_core::councils::add_own(
            &own,
            raadsvolger_core::councils::Council {
                name: council.name,
                kind: council.kind,
                system: council.system,
                key: council.key,
                base_url: council.base_url.unwrap_or_default(),
                source: "added in Instellingen".into(),
                ..raadsvolger_core::councils::Council::default()
            },
        )?;
        Ok(all.iter().map(Into::into).collect())
    })
    .await
}
