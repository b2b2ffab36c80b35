//! The types that cross the IPC boundary, with their TypeScript twins (ts-rs).
//!
//! The core's types stay free of UI concerns; these mirror the parts the UI uses, convert from
//! the core's, and are exported to `ui/src/lib/bindings/` (see [`crate::bindings`]).
//! Ids and counts are JavaScript numbers (they stay far below 2^53).

use raadsvolger_core as core;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An error as the UI sees it: a stable `code` to branch on (`invalid-query`, `not-found`,
/// `import-failed`, `invalid-input`, `archive-unavailable`, `storage`, `index`, `io`, `sync`,
/// `cancelled`, `internal`), its values by name (`file`, `reason`, `limit`, `what`, `id`,
/// `detail`, ...) from which the window words it in the user's language, and the core's
/// message (English, for logs and the technical note).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ApiError {
    pub code: String,
    pub message: String,
    #[serde(default)]
    pub params: std::collections::BTreeMap<String, String>,
}

fn owned_params(params: core::error::Params) -> std::collections::BTreeMap<String, String> {
    params.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

impl From<core::Error> for ApiError {
    fn from(e: core::Error) -> Self {
        let code = serde_json::to_value(e.code())
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_else(|| "internal".to_owned());
        ApiError {
            code,
            message: e.to_string(),
            params: owned_params(e.params()),
        }
    }
}

impl ApiError {
    /// An error of the app shell itself (not of the core), e.g. a task that panicked.
    pub fn internal(message: impl Into<String>) -> Self {
        let message = message.into();
        ApiError {
            code: "internal".to_owned(),
            params: [("detail".to_owned(), message.clone())].into(),
            message,
        }
    }

    /// The page sent something the command cannot use (a relative path, a folder to write to).
    pub fn invalid_input(message: impl Into<String>) -> Self {
        invalid_input(message.into())
    }

    /// The same error with one more named value (`rule`, `value`, ...).
    pub fn with(mut self, name: &str, value: impl Into<String>) -> Self {
        self.params.insert(name.to_owned(), value.into());
        self
    }

    /// What the page named does not exist (a file, a folder).
    pub fn not_found(message: impl Into<String>) -> Self {
        let message = message.into();
        ApiError {
            code: "not-found".to_owned(),
            params: [("detail".to_owned(), message.clone())].into(),
            message,
        }
    }
}

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
    pub kinds: Vec<String>,
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
        for kind in &self.kinds {
            let parsed = core::DocKind::parse(kind).ok_or_else(|| {
                let message = format!(
                    "unknown document kind {kind:?} (expected one of: {})",
                    core::DocKind::all_keys()
                );
                ApiError {
                    code: "invalid-query".to_owned(),
                    params: [("detail".to_owned(), message.clone())].into(),
                    message,
                }
                .with("rule", "kind")
                .with("value", kind.clone())
            })?;
            request.kinds.push(parsed);
        }
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
                        code: "invalid-query".to_owned(),
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
    pub kind: String,
    /// Dutch label of the kind (`Motie`).
    pub kind_label: String,
    /// ISO date (`2018-03-15`).
    pub date: Option<String>,
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
            kind: h.kind.as_str().to_owned(),
            kind_label: h.kind.label_nl().to_owned(),
            date: h.date.map(|d| d.to_string()),
            council_number: h.council_number,
            snippet: only_marks(&h.snippet),
            page: h.page.map(|p| u32::try_from(p).unwrap_or(u32::MAX)),
        }
    }
}

/// One value of a facet and how many matching documents have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FacetValue {
    pub value: String,
    /// For kinds: the Dutch label; otherwise the value itself.
    pub label: String,
    #[ts(type = "number")]
    pub count: u64,
}

fn kind_label(key: &str) -> String {
    core::DocKind::parse(key)
        .map(|k| k.label_nl().to_owned())
        .unwrap_or_else(|| key.to_owned())
}

fn facet_values(counts: Vec<core::FacetCount>, label: fn(&str) -> String) -> Vec<FacetValue> {
    counts
        .into_iter()
        .map(|c| FacetValue {
            label: label(&c.value),
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
            kind: facet_values(f.kind, kind_label),
            year: facet_values(f.year, str::to_owned),
            party: facet_values(f.party, str::to_owned),
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

/// A whole document for the document view.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DocumentView {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub kind_label: String,
    pub date: Option<String>,
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
            kind: d.kind.as_str().to_owned(),
            kind_label: d.kind.label_nl().to_owned(),
            date: d.date.map(|d| d.to_string()),
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
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

impl From<core::Stats> for ArchiveStats {
    fn from(s: core::Stats) -> Self {
        ArchiveStats {
            archive: s.archive,
            documents: s.documents,
            by_kind: facet_values(s.by_kind, kind_label),
            first_date: s.first_date.map(|d| d.to_string()),
            last_date: s.last_date.map(|d| d.to_string()),
        }
    }
}

/// What became of one file in an import.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum FileStatus {
    Imported {
        #[ts(type = "number")]
        id: i64,
        title: String,
    },
    /// The same content is already in the archive.
    Skipped {
        #[serde(rename = "duplicateOf")]
        #[ts(rename = "duplicateOf", type = "number")]
        duplicate_of: i64,
    },
    Failed {
        /// Why, in one line (English, the core's words).
        error: String,
        /// The reason's stable key (`too-large`, `pdf-no-text`, ...), worded by the window.
        code: String,
        /// The reason's values by name (`limit`, `type`, `detail`, ...).
        params: std::collections::BTreeMap<String, String>,
    },
}

/// One file's result.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FileReport {
    pub path: String,
    pub outcome: FileStatus,
}

impl From<&core::FileResult> for FileReport {
    fn from(r: &core::FileResult) -> Self {
        let outcome = match &r.outcome {
            core::FileOutcome::Imported { document, .. } => FileStatus::Imported {
                id: document.id,
                title: document.title.clone(),
            },
            core::FileOutcome::Skipped { duplicate_of } => FileStatus::Skipped {
                duplicate_of: *duplicate_of,
            },
            core::FileOutcome::Failed {
                error,
                code,
                params,
            } => FileStatus::Failed {
                error: error.clone(),
                code: code.clone(),
                params: params
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), v.clone()))
                    .collect(),
            },
        };
        FileReport {
            path: r.path.clone(),
            outcome,
        }
    }
}

/// The summary of an import.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    pub files: Vec<FileReport>,
    #[ts(type = "number")]
    pub imported: u32,
    #[ts(type = "number")]
    pub skipped: u32,
    #[ts(type = "number")]
    pub failed: u32,
    /// Register files read (NotuBiz, iBabs, Tweede Kamer, … answers), and the register rows
    /// they wrote.
    #[ts(type = "number")]
    pub register_files: u32,
    #[ts(type = "number")]
    pub register_records: u32,
    /// Records of those files that were skipped, each named with its file (the first 200).
    pub register_problems: Vec<String>,
}

impl From<&core::ImportReport> for ImportSummary {
    fn from(r: &core::ImportReport) -> Self {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        ImportSummary {
            files: r.files.iter().map(FileReport::from).collect(),
            imported: count(r.imported().count()),
            skipped: count(r.skipped().count()),
            failed: count(r.failed().count()),
            register_files: count(r.register.len()),
            register_records: count(r.register_records()),
            register_problems: r.register_problems().take(200).map(str::to_owned).collect(),
        }
    }
}

/// Progress of a running import, streamed over a channel.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "event", rename_all = "camelCase")]
pub enum ImportProgress {
    /// The files were found; none read yet.
    Started {
        #[ts(type = "number")]
        total: u32,
    },
    /// One more file is done.
    File {
        file: FileReport,
        #[ts(type = "number")]
        done: u32,
        #[ts(type = "number")]
        total: u32,
    },
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

/// An ISO day (`2026-11-22`) from the UI; anything else is an `invalid-input`.
pub fn parse_day(text: &str) -> Result<chrono::NaiveDate, ApiError> {
    text.trim().parse().map_err(|_| {
        invalid_input(format!("not a date (expected YYYY-MM-DD): {text:?}"))
            .with("rule", "date")
            .with("value", text)
    })
}

fn parse_opt_day(text: Option<&str>) -> Result<Option<chrono::NaiveDate>, ApiError> {
    text.filter(|t| !t.trim().is_empty())
        .map(parse_day)
        .transpose()
}

fn invalid_input(message: String) -> ApiError {
    ApiError {
        code: "invalid-input".to_owned(),
        params: [("detail".to_owned(), message.clone())].into(),
        message,
    }
}

fn iso(day: Option<chrono::NaiveDate>) -> Option<String> {
    day.map(|d| d.to_string())
}

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
    pub kind: String,
    pub kind_label: String,
    pub date: Option<String>,
    /// `aangenomen`, `verworpen`, `ingetrokken`, `aangehouden`; none when unknown.
    pub outcome: Option<String>,
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
    pub date: Option<String>,
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
            kind: m.kind.as_str().to_owned(),
            kind_label: m.kind.label_nl().to_owned(),
            date: iso(m.date),
            outcome: m.outcome.map(|o| o.as_str().to_owned()),
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
                    date: iso(o.date),
                    outcome: o.outcome,
                    source: o.source,
                })
                .collect(),
        }
    }
}

/// Which commitments to list, as of which day.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommitmentFilter {
    /// The day to judge deadlines by (`YYYY-MM-DD`); the UI's default is today.
    pub as_of: String,
    /// Only these flags (`overdue`, `due-soon`, ...); empty: all.
    #[serde(default)]
    pub flags: Vec<String>,
    #[serde(default)]
    #[ts(optional)]
    pub actor: Option<String>,
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub due_soon_days: Option<i64>,
}

impl CommitmentFilter {
    pub fn to_core(&self) -> Result<(chrono::NaiveDate, core::CommitmentQuery), ApiError> {
        let flags = self
            .flags
            .iter()
            .map(|f| {
                core::Flag::parse(f).ok_or_else(|| invalid_input(format!("unknown flag {f:?}")))
            })
            .collect::<Result<_, _>>()?;
        let query = core::CommitmentQuery {
            flags,
            actor: self.actor.clone().filter(|a| !a.trim().is_empty()),
            due_soon_days: self.due_soon_days,
        };
        Ok((parse_day(&self.as_of)?, query))
    }
}

/// A page of a long list: `limit` (1 to 1000) items from `offset` on.
fn page(offset: u32, limit: u32) -> Result<core::Page, ApiError> {
    let n = |v: u32| usize::try_from(v).unwrap_or(usize::MAX);
    Ok(core::Page::new(n(offset), n(limit))?)
}

/// One page of the commitments of a day, with the dashboard's filters (applied to them all).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommitmentPageRequest {
    /// The day to judge deadlines by (`YYYY-MM-DD`).
    pub as_of: String,
    /// Only this flag (`overdue`, ...); empty or absent: all.
    #[serde(default)]
    #[ts(optional)]
    pub flag: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub actor: Option<String>,
    /// Only this status (`open`, `met`, `partly-met`, `withdrawn`).
    #[serde(default)]
    #[ts(optional)]
    pub status: Option<String>,
    /// Words that must all occur in the text, its source or motion, or the note.
    #[serde(default)]
    pub topic: String,
    #[ts(type = "number")]
    pub offset: u32,
    #[ts(type = "number")]
    pub limit: u32,
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl CommitmentPageRequest {
    pub fn to_core(
        &self,
    ) -> Result<(chrono::NaiveDate, core::CommitmentFilter, core::Page), ApiError> {
        let flag = given(&self.flag)
            .map(|f| {
                core::Flag::parse(f).ok_or_else(|| {
                    invalid_input(format!("unknown flag {f:?}"))
                        .with("rule", "flag")
                        .with("value", f)
                })
            })
            .transpose()?;
        let status = given(&self.status)
            .map(|s| {
                core::Status::parse(s).ok_or_else(|| {
                    invalid_input(format!("unknown status {s:?}"))
                        .with("rule", "status")
                        .with("value", s)
                })
            })
            .transpose()?;
        let filter = core::CommitmentFilter {
            flag,
            actor: given(&self.actor).map(str::to_owned),
            status,
            topic: self.topic.clone(),
        };
        Ok((
            parse_day(&self.as_of)?,
            filter,
            page(self.offset, self.limit)?,
        ))
    }
}

/// How many of the day's commitments carry one flag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FlagCount {
    pub flag: String,
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

fn count32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl From<core::CommitmentPage> for CommitmentPageView {
    fn from(p: core::CommitmentPage) -> Self {
        CommitmentPageView {
            count: count32(p.count),
            flag_counts: p
                .flag_counts
                .into_iter()
                .map(|(flag, n)| FlagCount {
                    flag: flag.as_str().to_owned(),
                    count: count32(n),
                })
                .collect(),
            actors: p.actors,
            total: count32(p.page.total),
            offset: count32(p.page.offset),
            items: p.page.items.into_iter().map(Into::into).collect(),
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
    /// `aangenomen`, `verworpen`, `ingetrokken`, `aangehouden`, `unknown`; empty: all.
    #[serde(default)]
    pub outcome: String,
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
            outcome: self.outcome.clone(),
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
            total: count32(p.total),
            offset: count32(p.offset),
            items: p.items.into_iter().map(Into::into).collect(),
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
    pub kind: String,
    pub kind_label: String,
    pub title: String,
    pub date: String,
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
            total: count32(p.total),
            offset: count32(p.offset),
            items: p
                .items
                .into_iter()
                .map(|e| TimelineEntryView {
                    id: e.id,
                    kind: e.kind.as_str().to_owned(),
                    kind_label: e.kind.label_nl().to_owned(),
                    title: e.title,
                    date: e.date.to_string(),
                })
                .collect(),
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
    pub date: Option<String>,
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
    pub date: Option<String>,
    pub passage: String,
}

/// One change of status or deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HistoryView {
    /// The day the change took effect.
    pub date: String,
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
    pub due: Option<String>,
    pub due_kind: Option<String>,
    /// The words that set the deadline ("uiterlijk 1 september 2018").
    pub due_text: Option<String>,
    /// `open`, `met`, `partly-met`, `withdrawn`.
    pub status: String,
    pub status_date: Option<String>,
    /// `overdue`, `due-soon`, `open`, `due-unknown`, `no-deadline`, `met` (on time), `met-late`,
    /// `withdrawn`.
    pub flag: String,
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
    pub date: String,
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
            due: iso(c.due),
            due_kind: c.due_kind.map(|k| k.as_str().to_owned()),
            due_text: c.due_text,
            status: c.status.as_str().to_owned(),
            status_date: iso(c.status_date),
            flag: c.flag.as_str().to_owned(),
            note: c.note,
            source: CommitmentSourceView {
                document_id: c.source.document_id,
                title: c.source.title,
                date: iso(c.source.date),
                quote: c.source.quote,
            },
            motion: c.motion,
            evidence: c
                .evidence
                .into_iter()
                .map(|e| EvidenceView {
                    document_id: e.document_id,
                    title: e.title,
                    date: iso(e.date),
                    passage: e.passage,
                })
                .collect(),
            history: c
                .history
                .into_iter()
                .map(|h| HistoryView {
                    date: h.date.to_string(),
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
                date: d.date.to_string(),
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
    pub date: Option<String>,
    /// HTML: escaped text with the shared words in `<mark>`.
    pub snippet: String,
}

impl From<core::model::EvidenceSuggestion> for SuggestionView {
    fn from(s: core::model::EvidenceSuggestion) -> Self {
        SuggestionView {
            document_id: s.document_id,
            title: s.title,
            date: iso(s.date),
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
    pub status: Option<String>,
    /// The day the change holds from (`YYYY-MM-DD`); needed with a status or deadline.
    #[serde(default)]
    #[ts(optional)]
    pub date: Option<String>,
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
    pub due: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub reason: Option<String>,
}

fn non_empty(text: &Option<String>) -> Option<String> {
    text.as_ref()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
}

impl CommitmentChange {
    pub fn to_core(&self) -> Result<core::CommitmentUpdate, ApiError> {
        let status = non_empty(&self.status)
            .map(|s| {
                core::Status::parse(&s)
                    .ok_or_else(|| invalid_input(format!("unknown status {s:?}")))
            })
            .transpose()?;
        Ok(core::CommitmentUpdate {
            status,
            date: parse_opt_day(self.date.as_deref())?,
            evidence: self.evidence,
            passage: non_empty(&self.passage),
            note: non_empty(&self.note),
            due: parse_opt_day(self.due.as_deref())?,
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
    pub date: String,
    #[serde(default)]
    #[ts(optional)]
    pub due: Option<String>,
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
            date: parse_day(&self.date)?,
            due: parse_opt_day(self.due.as_deref())?,
            due_kind: None,
            source: self.source,
            quote: non_empty(&self.quote),
        })
    }
}

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// A spreadsheet of every commitment.
    Csv,
    /// A calendar of the open deadlines.
    Ics,
    /// The council report: Markdown, or HTML when the file name ends in `.html`.
    Report,
}

/// An export to a file the user chose in the save dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportRequest {
    pub format: ExportFormat,
    pub as_of: String,
    pub path: String,
}

/// A choice of file types in the save dialog: "CSV" with `["csv"]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FileFilter {
    pub name: String,
    pub extensions: Vec<String>,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportSummary {
    pub path: String,
    #[ts(type = "number")]
    pub commitments: u32,
    #[ts(type = "number")]
    pub bytes: u32,
}

// ---- The council register: meetings, agenda items, motions and votes. ----

fn opt_text(text: &Option<String>) -> Option<String> {
    non_empty(text)
}

/// A meeting in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingView {
    #[ts(type = "number")]
    pub id: i64,
    /// gemeenteraad, commissie Bestuur, ...
    pub body: String,
    pub date: String,
    /// "19:30"
    pub time: Option<String>,
    pub end_time: Option<String>,
    pub title: Option<String>,
    pub location: Option<String>,
    /// `planned`, `held`, `cancelled`.
    pub status: String,
    /// Dutch label of the status (gepland, gehouden, geannuleerd).
    pub status_label: String,
    #[ts(type = "number")]
    pub agenda_items: u64,
}

impl From<core::Meeting> for MeetingView {
    fn from(m: core::Meeting) -> Self {
        MeetingView {
            id: m.id,
            body: m.body,
            date: m.date.to_string(),
            time: m.time,
            end_time: m.end_time,
            title: m.title,
            location: m.location,
            status: m.status.as_str().to_owned(),
            status_label: m.status.label_nl().to_owned(),
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

/// A document on an agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AgendaDocumentView {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub kind_label: String,
    pub date: Option<String>,
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
    pub kind: String,
    pub kind_label: String,
    pub outcome: Option<String>,
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
                    kind: m.kind.as_str().to_owned(),
                    kind_label: m.kind.label_nl().to_owned(),
                    outcome: m.outcome.map(|o| o.as_str().to_owned()),
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

fn agenda_document(d: core::register::AgendaDocument) -> AgendaDocumentView {
    AgendaDocumentView {
        id: d.id,
        title: d.title,
        kind: d.kind.as_str().to_owned(),
        kind_label: d.kind.label_nl().to_owned(),
        date: iso(d.date),
        role: d.role,
    }
}

/// Which meetings to list: between two days (`YYYY-MM-DD`), either open.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct MeetingRange {
    #[serde(default)]
    #[ts(optional)]
    pub from: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub to: Option<String>,
}

impl MeetingRange {
    pub fn to_core(
        &self,
    ) -> Result<(Option<chrono::NaiveDate>, Option<chrono::NaiveDate>), ApiError> {
        Ok((
            parse_opt_day(self.from.as_deref())?,
            parse_opt_day(self.to.as_deref())?,
        ))
    }
}

fn parse_meeting_status(text: &Option<String>) -> Result<Option<core::MeetingStatus>, ApiError> {
    non_empty(text)
        .map(|s| {
            core::MeetingStatus::parse(&s)
                .ok_or_else(|| invalid_input(format!("unknown meeting status {s:?}")))
        })
        .transpose()
}

/// A meeting to create.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingNew {
    pub body: String,
    /// `YYYY-MM-DD`
    pub date: String,
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
    pub status: Option<String>,
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
            date: parse_day(&self.date)?,
            time: opt_text(&self.time),
            end_time: opt_text(&self.end_time),
            title: opt_text(&self.title),
            location: opt_text(&self.location),
            status: parse_meeting_status(&self.status)?,
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
    pub date: Option<String>,
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
    pub status: Option<String>,
}

impl MeetingChange {
    pub fn to_core(&self) -> Result<core::MeetingEdit, ApiError> {
        Ok(core::MeetingEdit {
            body: non_empty(&self.body),
            date: parse_opt_day(self.date.as_deref())?,
            time: self.time.clone(),
            end_time: self.end_time.clone(),
            title: self.title.clone(),
            location: self.location.clone(),
            status: parse_meeting_status(&self.status)?,
        })
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
    pub kind: Option<String>,
    /// The day it was submitted (`YYYY-MM-DD`).
    #[serde(default)]
    #[ts(optional)]
    pub date: Option<String>,
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
        let kind = non_empty(&self.kind)
            .map(|k| {
                core::DocKind::parse(&k)
                    .ok_or_else(|| invalid_input(format!("unknown document kind {k:?}")))
            })
            .transpose()?;
        Ok(core::NewMotion {
            title: self.title.trim().to_owned(),
            number: non_empty(&self.number),
            kind,
            date: parse_opt_day(self.date.as_deref())?,
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
    pub date: String,
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
    pub outcome: Option<String>,
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
        let outcome = non_empty(&self.outcome)
            .map(|o| {
                core::Outcome::parse(&o)
                    .ok_or_else(|| invalid_input(format!("unknown outcome {o:?}")))
            })
            .transpose()?;
        Ok(core::NewVote {
            date: parse_day(&self.date)?,
            meeting_id: self.meeting_id,
            method: non_empty(&self.method),
            votes_for: self.votes_for,
            votes_against: self.votes_against,
            abstained: None,
            absent: None,
            unanimous: self.unanimous,
            party_votes: non_empty(&self.party_votes),
            member_votes: non_empty(&self.member_votes),
            outcome,
            note: non_empty(&self.note),
        })
    }
}

// ---- Sources (the registers a council publishes through) and saved searches. ----

/// What a sync brought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SyncCountsView {
    pub requests: u32,
    pub responses: u32,
    pub records: u32,
    pub unchanged: u32,
    pub documents: u32,
    pub problems: u32,
    /// Attached documents not fetched: about none of the source's topics.
    #[serde(rename = "outsideTopics")]
    pub outside_topics: u32,
}

impl From<core::sync::SyncCounts> for SyncCountsView {
    fn from(c: core::sync::SyncCounts) -> Self {
        let n = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        SyncCountsView {
            requests: n(c.requests),
            responses: n(c.responses),
            records: n(c.records),
            unchanged: n(c.unchanged),
            documents: n(c.documents),
            problems: n(c.problems),
            outside_topics: n(c.outside_topics),
        }
    }
}

/// A download that did not succeed yet (tried again on the next sync).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FailedDownloadView {
    pub url: String,
    pub title: Option<String>,
    #[ts(type = "number")]
    pub attempts: i64,
    pub error: Option<String>,
}

/// Where a register says otherwise than a correction made here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConflictView {
    #[ts(type = "number")]
    pub id: i64,
    /// meeting, item or motion.
    pub target: String,
    #[ts(type = "number")]
    pub target_id: i64,
    pub label: String,
    pub field: String,
    pub user_value: Option<String>,
    pub register_value: Option<String>,
    pub system: String,
    pub record_id: String,
    pub seen_at: String,
}

impl From<core::register::conflicts::RegisterConflict> for ConflictView {
    fn from(c: core::register::conflicts::RegisterConflict) -> Self {
        ConflictView {
            id: c.id,
            target: c.target,
            target_id: c.target_id,
            label: c.label,
            field: c.field,
            user_value: c.user_value,
            register_value: c.register_value,
            system: c.system,
            record_id: c.record_id,
            seen_at: c.seen_at,
        }
    }
}

/// A source with what its last sync did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SourceView {
    #[ts(type = "number")]
    pub id: i64,
    /// `notubiz`, `ibabs`, `tk`, `ori`.
    pub system: String,
    /// NotuBiz, iBabs, Tweede Kamer, Open Raadsinformatie.
    pub system_label: String,
    /// The council's key in the system (organisation, site).
    pub key: String,
    pub base_url: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub added_at: String,
    pub last_started: Option<String>,
    pub last_finished: Option<String>,
    /// `never`, `running`, `ok`, `failed`, `cancelled`.
    pub last_status: String,
    pub last_error: Option<String>,
    pub last_added: Option<SyncCountsView>,
    /// The topics it fetches documents about; empty: every document.
    pub topics: Vec<String>,
    /// Downloads waiting that are about its topics.
    pub pending_downloads: u32,
    /// Downloads waiting that are about none of its topics, so not fetched.
    pub outside_topics: u32,
    pub failed_downloads: Vec<FailedDownloadView>,
    /// Per year, what the archive holds from the source beside what the source reported.
    pub years: Vec<SourceYearView>,
}

/// One year of a source: what the archive holds, and what the source reported where it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SourceYearView {
    /// `yyyy`; empty for records without a date.
    pub year: String,
    pub meetings: u32,
    pub motions: u32,
    pub documents: u32,
    pub documents_waiting: u32,
    pub reported_meetings: Option<u32>,
    pub reported_motions: Option<u32>,
    pub reported_documents: Option<u32>,
}

impl From<core::store::sync::YearCount> for SourceYearView {
    fn from(y: core::store::sync::YearCount) -> Self {
        let n = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        SourceYearView {
            year: y.year,
            meetings: n(y.meetings),
            motions: n(y.motions),
            documents: n(y.documents),
            documents_waiting: n(y.documents_waiting),
            reported_meetings: y.reported_meetings.map(n),
            reported_motions: y.reported_motions.map(n),
            reported_documents: y.reported_documents.map(n),
        }
    }
}

impl From<core::sync::SourceInfo> for SourceView {
    fn from(s: core::sync::SourceInfo) -> Self {
        let system_label = core::sync::System::parse(&s.system)
            .map(|sys| sys.label().to_owned())
            .unwrap_or_else(|| s.system.clone());
        SourceView {
            id: s.id,
            system_label,
            system: s.system,
            key: s.key,
            base_url: s.base_url,
            from: s.from,
            to: s.to,
            added_at: s.added_at,
            last_started: s.last_started,
            last_finished: s.last_finished,
            last_status: s.last_status,
            last_error: s.last_error,
            last_added: s.last_added.map(Into::into),
            topics: s.topics,
            pending_downloads: u32::try_from(s.pending_downloads).unwrap_or(u32::MAX),
            outside_topics: u32::try_from(s.outside_topics).unwrap_or(u32::MAX),
            failed_downloads: s
                .failed_downloads
                .into_iter()
                .map(|d| FailedDownloadView {
                    url: d.url,
                    title: d.title,
                    attempts: d.attempts,
                    error: d.error,
                })
                .collect(),
            years: s.years.into_iter().map(Into::into).collect(),
        }
    }
}

/// A source to add: the system, the council's key there, and optionally another address and
/// the days to fetch (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SourceNew {
    pub system: String,
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    #[ts(optional)]
    pub base_url: Option<String>,
    /// The days to fetch (`from`, `to`), either open.
    #[serde(flatten)]
    #[ts(flatten)]
    pub range: MeetingRange,
    /// Fetch only the documents about these topics; none: every document.
    #[serde(default)]
    #[ts(optional)]
    pub topics: Option<Vec<String>>,
}

impl SourceNew {
    pub fn to_core(&self) -> Result<core::sync::SourceSpec, ApiError> {
        let system = core::sync::System::parse(&self.system).ok_or_else(|| {
            invalid_input(format!(
                "unknown system {:?} (expected notubiz, ibabs, go, parlaeus, obv, tk or ori)",
                self.system
            ))
        })?;
        let (from, to) = self.range.to_core()?;
        Ok(core::sync::SourceSpec {
            system: Some(system),
            key: self.key.trim().to_owned(),
            base_url: non_empty(&self.base_url),
            from,
            to,
            topics: self.topics.clone().unwrap_or_default(),
        })
    }
}

/// Where a running sync is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SyncProgressView {
    #[ts(type = "number")]
    pub source: i64,
    /// `records`, `documents`.
    pub stage: String,
    pub done: u32,
    #[ts(type = "number | null")]
    pub total: Option<u32>,
    pub message: String,
}

/// What one sync did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SyncSummary {
    pub source: SourceView,
    pub counts: SyncCountsView,
    /// One line per record, response or download skipped.
    pub problems: Vec<String>,
    pub resumed: bool,
    pub cancelled: bool,
    pub seconds: f64,
}

impl From<core::sync::SyncReport> for SyncSummary {
    fn from(r: core::sync::SyncReport) -> Self {
        SyncSummary {
            source: r.source.into(),
            counts: r.counts.into(),
            problems: r.problems,
            resumed: r.resumed,
            cancelled: r.cancelled,
            seconds: r.seconds,
        }
    }
}

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
    pub kinds: Vec<String>,
    pub parties: Vec<String>,
    pub from: Option<String>,
    pub to: Option<String>,
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
            kinds: s
                .filters
                .kinds
                .iter()
                .map(|k| k.as_str().to_owned())
                .collect(),
            parties: s.filters.parties,
            from: iso(s.filters.from),
            to: iso(s.filters.to),
            created_at: s.created_at,
            last_seen_at: s.last_seen_at,
            new_count: u32::try_from(s.new_count).unwrap_or(u32::MAX),
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
    pub kind: String,
    pub kind_label: String,
    pub date: Option<String>,
    pub found_at: String,
    pub seen: bool,
}

impl From<core::AlertHit> for AlertHitView {
    fn from(h: core::AlertHit) -> Self {
        AlertHitView {
            id: h.id,
            title: h.title,
            kind: h.kind.as_str().to_owned(),
            kind_label: h.kind.label_nl().to_owned(),
            date: iso(h.date),
            found_at: h.found_at,
            seen: h.seen,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

/// One archive folder of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ArchiveEntry {
    pub path: String,
    pub name: String,
    /// The example dossier's own folder.
    pub example: bool,
    /// The archive the window shows now.
    pub current: bool,
}

/// The archives the user keeps side by side, and which one is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ArchivesView {
    /// The folder of the archive open now.
    pub current: String,
    pub archives: Vec<ArchiveEntry>,
}

impl ArchivesView {
    pub fn new(list: &core::archives::ArchiveList, current: &std::path::Path) -> Self {
        let canon =
            |p: &std::path::Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let here = canon(current);
        let mut archives: Vec<ArchiveEntry> = list
            .archives
            .iter()
            .map(|a| ArchiveEntry {
                path: a.path.display().to_string(),
                name: a.name.clone(),
                example: a.example,
                current: canon(&a.path) == here,
            })
            .collect();
        if !archives.iter().any(|a| a.current) {
            archives.insert(
                0,
                ArchiveEntry {
                    path: current.display().to_string(),
                    name: current
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    example: false,
                    current: true,
                },
            );
        }
        ArchivesView {
            current: current.display().to_string(),
            archives,
        }
    }
}

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
