//! Zoeken: the search and what it answers (hits, facets).

use super::day::Day;
use super::error::{ApiError, ApiErrorCode, ErrorCode};
use super::key::Key;
use super::{AppState, Reply, blocking};
use raadsvolger_core as core;
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    Relevance,
    Date,
}

/// A search from the UI. Filters add to what the query text says (`kind:motie` etc.).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchQuery {
    pub query: String,
    /// Document kinds (keys such as `motie`, `schriftelijke-vragen`); any of them.
    #[serde(default)]
    pub kinds: Vec<Key<core::DocKind>>,
    /// Party names; all of them.
    #[serde(default)]
    pub parties: Vec<String>,
    /// Only documents of this year.
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub year: Option<i32>,
    #[serde(default)]
    pub sort: Sort,
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub limit: Option<u32>,
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub offset: Option<u32>,
}

impl SearchQuery {
    /// The core's request; an unknown kind or an impossible year is an `invalid-query`.
    pub fn to_core(&self) -> Result<core::SearchRequest, ApiError> {
        let mut request = core::SearchRequest::new(self.query.clone());
        // An unknown kind is a fault of the query, as `kind:gedicht` typed in it would be.
        request.kinds = Key::all(&self.kinds).map_err(|e| ApiError {
            code: ApiErrorCode::Core(ErrorCode::InvalidQuery),
            ..e
        })?;
        request.parties = self.parties.clone();
        if let Some(year) = self.year {
            let day = |m, d| chrono_date(year, m, d);
            match (day(1, 1), day(12, 31)) {
                (Some(from), Some(to)) => {
                    request.from = Some(from);
                    request.to = Some(to);
                }
                _ => {
                    return Err(ApiError {
                        code: ApiErrorCode::Core(ErrorCode::InvalidQuery),
                        message: format!("invalid year {year}"),
                        params: Default::default(),
                    }
                    .with("rule", "year")
                    .with("value", year.to_string()));
                }
            }
        }
        request.sort = match self.sort {
            Sort::Relevance => core::SortOrder::Relevance,
            Sort::Date => core::SortOrder::Date,
        };
        if let Some(limit) = self.limit {
            request.limit = limit as usize;
        }
        if let Some(offset) = self.offset {
            request.offset = offset as usize;
        }
        Ok(request)
    }
}

fn chrono_date(year: i32, month: u32, day: u32) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(year, month, day)
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Hit {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    /// Kind key (`motie`).
    pub kind: core::DocKind,
    /// ISO date (`2018-03-15`).
    pub date: Option<Day>,
    pub council_number: Option<String>,
    /// HTML: escaped text with matched words in `<mark>`; nothing else.
    pub snippet: String,
    #[ts(type = "number | null")]
    pub page: Option<u32>,
}

impl From<core::SearchHit> for Hit {
    fn from(h: core::SearchHit) -> Self {
        Hit {
            id: h.id,
            title: h.title,
            kind: h.kind,
            date: Day::of(h.date),
            council_number: h.council_number,
            snippet: only_marks(&h.snippet),
            page: h.page.map(|p| u32::try_from(p).unwrap_or(u32::MAX)),
        }
    }
}

/// One value of a facet and how many matching documents have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FacetValue {
    /// A kind's key (`motie`, worded by the window), a year or a party.
    pub value: String,
    #[ts(type = "number")]
    pub count: u64,
}

pub(crate) fn facet_values(counts: Vec<core::FacetCount>) -> Vec<FacetValue> {
    counts
        .into_iter()
        .map(|c| FacetValue {
            value: c.value,
            count: c.count,
        })
        .collect()
}

/// Facet counts over all matches.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
pub struct FacetCounts {
    pub kind: Vec<FacetValue>,
    pub year: Vec<FacetValue>,
    pub party: Vec<FacetValue>,
}

impl From<core::Facets> for FacetCounts {
    fn from(f: core::Facets) -> Self {
        FacetCounts {
            kind: facet_values(f.kind),
            year: facet_values(f.year),
            party: facet_values(f.party),
        }
    }
}

/// What a search returns.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SearchResponse {
    #[ts(type = "number")]
    pub total: u64,
    /// Nothing matched as typed; these hits come from typo-tolerant matching.
    pub fuzzy: bool,
    /// With `fuzzy`: the query as the archive would spell it ("Bedoelde u: …").
    pub suggestion: Option<String>,
    pub hits: Vec<Hit>,
    pub facets: FacetCounts,
}

impl From<core::SearchResults> for SearchResponse {
    fn from(r: core::SearchResults) -> Self {
        SearchResponse {
            total: r.total,
            fuzzy: r.fuzzy,
            suggestion: r.suggestion,
            hits: r.hits.into_iter().map(Hit::from).collect(),
            facets: r.facets.into(),
        }
    }
}

/// A snippet as the page may show it: text and `<mark>`, nothing else. The core builds snippets
/// from escaped text already; this holds at the boundary whatever the archive holds.
pub fn only_marks(html: &str) -> String {
    ammonia::Builder::empty()
        .add_tags(["mark"])
        .clean_content_tags(std::collections::HashSet::from(["script", "style"]))
        .clean(html)
        .to_string()
}

#[tauri::command]
pub async fn search(state: State<'_, AppState>, request: SearchQuery) -> Reply<SearchResponse> {
    let request = request.to_core()?;
    blocking(&state, move |archive| Ok(archive.search(&request)?.into())).await
}
