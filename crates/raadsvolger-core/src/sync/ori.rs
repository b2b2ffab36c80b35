//! Open Raadsinformatie: its Elasticsearch API, the index of one organisation
//! (`/ori_<organisation>/_search`), the records of its model (Meeting, AgendaItem, Motion,
//! VoteEvent, MediaObject) page by page, with a stable sort so that paging neither skips
//! nor repeats.

use serde_json::{Value, json};

use super::http::Request;
use super::{MAX_PAGES, Run, enc};
use crate::error::{Error, Result};

const PAGE: usize = 200;
const TYPES: [&str; 5] = [
    "Meeting",
    "AgendaItem",
    "Motion",
    "VoteEvent",
    "MediaObject",
];

pub(super) fn run(run: &mut Run<'_>) -> Result<()> {
    let url = format!(
        "{}/ori_{}/_search",
        run.base(),
        enc(&run.key().to_lowercase())
    );
    let mut from: usize = run
        .cursor("from")?
        .and_then(|f| f.parse().ok())
        .unwrap_or(0);
    let mut filters = vec![json!({"terms": {"@type": TYPES}})];
    if run.from().is_some() || run.to().is_some() {
        let mut range = serde_json::Map::new();
        if let Some(f) = run.from() {
            range.insert("gte".into(), json!(f.to_string()));
        }
        if let Some(t) = run.to() {
            range.insert("lte".into(), json!(t.to_string()));
        }
        filters.push(json!({"bool": {"should": [
            {"range": {"start_date": range.clone()}},
            {"range": {"last_discussed_at": range.clone()}},
            {"range": {"date": range}},
            {"bool": {"must_not": {"exists": {"field": "start_date"}}}}
        ]}}));
    }
    for page in 1.. {
        if page > MAX_PAGES {
            return Err(Error::Sync(format!(
                "{url}: the listing goes on past {MAX_PAGES} pages; stopped"
            )));
        }
        let body = json!({
            "query": {"bool": {"filter": filters}},
            "sort": [{"_id": "asc"}],
            "from": from,
            "size": PAGE,
        })
        .to_string();
        run.progress(
            "records",
            from,
            None,
            format!("records {from}–{}", from + PAGE),
        );
        let bytes = run.fetch(&Request::Json(&url, &body))?;
        let answer: Value = serde_json::from_slice(&bytes).map_err(|e| {
            Error::Sync(format!(
                "{url}: not valid JSON ({e}); the listing stops here"
            ))
        })?;
        let hits = answer
            .get("hits")
            .and_then(|h| h.get("hits"))
            .and_then(Value::as_array)
            .map(Vec::len)
            .unwrap_or(0);
        let total = answer
            .get("hits")
            .and_then(|h| h.get("total"))
            .and_then(|t| t.get("value").or(Some(t)))
            .and_then(Value::as_u64)
            .map(|t| t as usize);
        if hits > 0 {
            run.import(&format!("{url} from {from}"), &bytes)?;
        }
        from += hits;
        if hits == 0 || total.is_some_and(|t| from >= t) {
            break;
        }
        run.set_cursor("from", Some(&from.to_string()))?;
    }
    run.set_cursor("from", None)?;
    Ok(())
}
