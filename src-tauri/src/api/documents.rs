//! A document, the archive's numbers, the timeline and the rebuild of the index.

use super::day::Day;
use super::error::ApiError;
use super::search::{FacetValue, facet_values};
use super::{AppState, Reply, blocking, count, page};
use raadsvolger_core as core;
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

/// A whole document for the document view.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DocumentView {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub kind: core::DocKind,
    pub date: Option<Day>,
    pub council_number: Option<String>,
    pub parties: Vec<String>,
    /// Where it was imported from (a path or a name).
    pub source: Option<String>,
    /// `markdown`, `text`, `html` or `pdf`.
    pub format: String,
    /// Sanitized HTML (ammonia): no scripts, no event handlers, no remote embeds. Sanitized on
    /// import by the core and again here, on its way to the page, so a document stored by an
    /// older version or written into the archive by other means is cleaned all the same.
    pub body_html: String,
    /// When it was imported (RFC 3339).
    pub imported_at: String,
}

impl From<core::Document> for DocumentView {
    fn from(d: core::Document) -> Self {
        DocumentView {
            id: d.id,
            title: d.title,
            kind: d.kind,
            date: Day::of(d.date),
            council_number: d.council_number,
            parties: d.parties,
            source: d.source_path,
            format: d.format.as_str().to_owned(),
            body_html: core::import::sanitize(&d.body_html),
            imported_at: d.imported_at,
        }
    }
}

/// Numbers about the archive.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ArchiveStats {
    /// The archive folder.
    pub archive: String,
    #[ts(type = "number")]
    pub documents: u64,
    pub by_kind: Vec<FacetValue>,
    pub first_date: Option<Day>,
    pub last_date: Option<Day>,
}

impl From<core::Stats> for ArchiveStats {
    fn from(s: core::Stats) -> Self {
        ArchiveStats {
            archive: s.archive,
            documents: s.documents,
            by_kind: facet_values(s.by_kind),
            first_date: Day::of(s.first_date),
            last_date: Day::of(s.last_date),
        }
    }
}

/// The outcome of rebuilding the index.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ReindexSummary {
    #[ts(type = "number")]
    pub documents: u64,
    pub seconds: f64,
}

impl From<core::ReindexReport> for ReindexSummary {
    fn from(r: core::ReindexReport) -> Self {
        ReindexSummary {
            documents: r.documents,
            seconds: r.seconds,
        }
    }
}

/// A page of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct TimelineRequest {
    #[ts(type = "number")]
    pub offset: u32,
    #[ts(type = "number")]
    pub limit: u32,
}

impl TimelineRequest {
    pub fn to_core(&self) -> Result<core::Page, ApiError> {
        page(self.offset, self.limit)
    }
}

/// A dated document on the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntryView {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: core::DocKind,
    pub title: String,
    pub date: Day,
}

/// A page of the timeline, oldest first, and how many dated documents there are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TimelinePageView {
    #[ts(type = "number")]
    pub total: u32,
    #[ts(type = "number")]
    pub offset: u32,
    pub items: Vec<TimelineEntryView>,
}

impl From<core::Paged<core::TimelineEntry>> for TimelinePageView {
    fn from(p: core::Paged<core::TimelineEntry>) -> Self {
        TimelinePageView {
            total: count(p.total),
            offset: count(p.offset),
            items: p
                .items
                .into_iter()
                .map(|e| TimelineEntryView {
                    id: e.id,
                    kind: e.kind,
                    title: e.title,
                    date: e.date.into(),
                })
                .collect(),
        }
    }
}

#[tauri::command]
pub async fn get_document(state: State<'_, AppState>, id: i64) -> Reply<DocumentView> {
    blocking(&state, move |archive| Ok(archive.document(id)?.into())).await
}

#[tauri::command]
pub async fn stats(state: State<'_, AppState>) -> Reply<ArchiveStats> {
    blocking(&state, |archive| Ok(archive.stats()?.into())).await
}

#[tauri::command]
pub async fn reindex(state: State<'_, AppState>) -> Reply<ReindexSummary> {
    blocking(&state, |archive| Ok(archive.reindex()?.into())).await
}

/// One page of the timeline (dated documents, oldest first).
#[tauri::command]
pub async fn timeline(
    state: State<'_, AppState>,
    request: TimelineRequest,
) -> Reply<TimelinePageView> {
    let page = request.to_core()?;
    blocking(&state, move |archive| Ok(archive.timeline(page)?.into())).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::search::{Hit, only_marks};

    /// What no HTML that reaches the page may hold.
    const FORBIDDEN: &[&str] = &[
        "<script",
        "<iframe",
        "<object",
        "<embed",
        "<svg",
        "<img",
        "<form",
        "<style",
        "<base",
        "<meta",
        "<link",
        "onerror",
        "onload",
        "onclick",
        "srcdoc",
        "javascript:",
        "data:",
    ];

    fn forbidden_in(html: &str) -> Vec<&'static str> {
        let lower = html.to_lowercase();
        FORBIDDEN
            .iter()
            .copied()
            .filter(|bad| lower.contains(bad))
            .collect()
    }

    const HOSTILE: &str = r#"<p onclick="window.__pwned=1">Zilverstrand <a href="javascript:window.__pwned=2">x</a></p><script>document.documentElement.dataset.pwned='1'</script><img src=x onerror="window.__pwned=3"><svg onload="window.__pwned=4"></svg><iframe srcdoc="<script>top.__pwned=5</script>"></iframe><object data="data:text/html,<script>top.__pwned=6</script>"></object><embed src="data:text/html,x"><a href="data:text/html,<script>top.__pwned=7</script>">y</a>"#;

    fn stored(body_html: &str) -> core::Document {
        core::Document {
            id: 7,
            kind: core::DocKind::Overig,
            title: "Zilverstrand".to_owned(),
            date: None,
            council_number: None,
            body_text: "Zilverstrand".to_owned(),
            body_html: body_html.to_owned(),
            parties: Vec::new(),
            source_path: None,
            format: core::SourceFormat::Html,
            content_hash: String::new(),
            imported_at: "2026-11-22T10:00:00Z".to_owned(),
            pages: Vec::new(),
            meta: serde_json::Map::new(),
        }
    }

    #[test]
    fn a_document_is_sanitized_again_on_its_way_to_the_page() {
        // As if the archive held unsanitized HTML (an older version, a hand-edited store).
        let view = DocumentView::from(stored(HOSTILE));
        assert_eq!(
            forbidden_in(&view.body_html),
            Vec::<&str>::new(),
            "{}",
            view.body_html
        );
        assert!(
            view.body_html.contains("Zilverstrand"),
            "{}",
            view.body_html
        );
        assert!(view.body_html.contains("<p>"), "{}", view.body_html);
    }

    #[test]
    fn clean_html_passes_the_second_sanitizing_unchanged() {
        let clean = core::import::sanitize(
            "<h2>Kop</h2><p>Tekst met <em>nadruk</em>, \
             <a href=\"https://www.almere.nl/\">een link</a> en een <mark>woord</mark>.</p>",
        );
        let view = DocumentView::from(stored(&clean));
        assert_eq!(view.body_html, clean);
    }

    #[test]
    fn snippets_keep_only_their_marks() {
        let hit = core::SearchHit {
            id: 1,
            title: "t".to_owned(),
            kind: core::DocKind::Motie,
            date: None,
            council_number: None,
            source: None,
            score: None,
            snippet: format!("de <mark>motie</mark> &amp; {HOSTILE}"),
            page: None,
            match_offset: None,
        };
        let snippet = Hit::from(hit).snippet;
        assert_eq!(forbidden_in(&snippet), Vec::<&str>::new(), "{snippet}");
        assert!(
            snippet.starts_with("de <mark>motie</mark> &amp; "),
            "{snippet}"
        );
        assert!(
            !snippet.contains("<a") && !snippet.contains("<p"),
            "{snippet}"
        );
        assert_eq!(
            only_marks("a &lt;b&gt; <mark>c</mark>"),
            "a &lt;b&gt; <mark>c</mark>"
        );
    }
}
