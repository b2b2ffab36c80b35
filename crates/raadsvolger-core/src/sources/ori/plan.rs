//! Open Raadsinformatie: its Elasticsearch API, the index of one organisation
//! (`/ori_<organisation>/_search`), the records of its model page by page.
//!
//! What the service does, and where that is written down:
//! - **Paging with `search_after`**, sorted on a stable key with `_id` as the tiebreak, as
//!   ORI's own `fetch_documents.py` does ("We use search_after for deep pagination"). ORI runs
//!   Elasticsearch 7 (`API-docs.md`), where `from + size` may not pass
//!   `index.max_result_window` (10,000 by default) and `hits.total` stops counting at 10,000
//!   (`relation: "gte"`), so `from`/`size` paging cannot reach past the 10,000th record and
//!   the total cannot say when the listing ends: it ends with a page shorter than asked.
//! - **The record types.** `API-docs.md`: "As of March 2023, we only support the `Documents`
//!   class"; meetings and agenda items are still imported where they work. The transformers
//!   no longer make Motion or VoteEvent records (iBabs lists became `Report`), so those are
//!   read when present, never relied on. Organization records name the meetings' bodies
//!   (`committee`/`organization` are their ids, `ocd_backend/models/definitions/meeting.py`).
//! - **`_source` excludes**: a document's text is stored per page and again as Markdown, the
//!   bulk of an index; `fetch_documents.py` names excluding `text` to save bandwidth. The
//!   reader needs none of it.
//! - **Records refer to each other by id** (`models/serializers.py`): an agenda item's
//!   `parent`, a meeting's `committee`, an item's `attachment`. A page of a listing holds
//!   records whose relatives are on other pages, and the reader files an agenda item only
//!   under its meeting, so each page is completed with the records it refers to (an `ids`
//!   query) before it is written.

use std::collections::{BTreeSet, HashMap, HashSet};

use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::net::http::Request;
use crate::net::{MAX_PAGES, enc};
use crate::sources::Run;

/// Records asked for per page (ORI's `fetch_documents.py` asks 1000; the reader writes a
/// page in one transaction, so a smaller page keeps those short).
const PAGE: usize = 500;

/// The record types listed: bodies, meetings and their agenda, and the motions and votes of
/// older imports. Documents (MediaObject) are fetched only as an item's attachments.
const TYPES: [&str; 6] = [
    "Organization",
    "Meeting",
    "AgendaItem",
    "Motion",
    "VoteEvent",
    "Person",
];

/// The text fields of documents (per page, Markdown, and pages again): never read.
const DOCUMENT_TEXT: [&str; 3] = ["text", "md_text", "text_pages"];

/// The fields through which a record refers to others the reader needs beside it.
const REFERENCES: [&str; 9] = [
    "parent",
    "committee",
    "organization",
    "attachment",
    "motion",
    "vote_event",
    "creator",
    "cocreator",
    "member_of",
];

/// Types kept in memory during a sync once fetched: few, or small, and referred to often.
const KEPT: [&str; 3] = ["Organization", "Person", "Meeting"];

pub(super) fn run(run: &mut Run<'_>) -> Result<()> {
    let url = format!(
        "{}/ori_{}/_search",
        run.base(),
        enc(&run.key().to_lowercase())
    );
    // A cursor of the `from` paging of earlier versions is of no use to search_after.
    if run.cursor("from")?.is_some() {
        run.set_cursor("from", None)?;
    }
    let mut after: Option<Value> = run
        .cursor("after")?
        .and_then(|a| serde_json::from_str(&a).ok());
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
    let mut kept: HashMap<String, Value> = HashMap::new();
    let mut done = 0usize;
    for page in 1.. {
        if page > MAX_PAGES {
            return Err(Error::Sync(format!(
                "{url}: the listing goes on past {MAX_PAGES} pages; stopped"
            )));
        }
        let mut body = json!({
            "query": {"bool": {"filter": filters}},
            // `@type` is a keyword in ORI's mapping (es_mappings/ori_template.json); `_id`
            // makes the order total, so search_after neither skips nor repeats.
            "sort": [{"@type": "asc"}, {"_id": "asc"}],
            "size": PAGE,
            "_source": {"excludes": DOCUMENT_TEXT},
        });
        if let Some(a) = &after {
            body["search_after"] = a.clone();
        }
        run.progress(
            "records",
            done,
            None,
            format!("records {done}–{}", done + PAGE),
        );
        let answer = search(run, &url, &body.to_string())?;
        let mut hits = hits_of(&answer);
        if hits.is_empty() {
            break;
        }
        let full = hits.len() >= PAGE;
        let last = hits
            .last()
            .and_then(|h| h.get("sort"))
            .cloned()
            .ok_or_else(|| {
                Error::Sync(format!(
                    "{url}: a hit without its sort values; the listing cannot go on"
                ))
            })?;
        done += hits.len();
        for h in &hits {
            keep(&mut kept, h);
        }
        complete(run, &url, &mut hits, &mut kept)?;
        let name = format!("{url} after {}", after.as_ref().unwrap_or(&Value::Null));
        run.import_json(&name, json!({"hits": {"hits": hits}}))?;
        after = Some(last);
        run.set_cursor("after", after.as_ref().map(Value::to_string).as_deref())?;
        if !full {
            break;
        }
    }
    run.set_cursor("after", None)?;
    Ok(())
}

fn search(run: &mut Run<'_>, url: &str, body: &str) -> Result<Value> {
    let bytes = run.fetch(&Request::Json(url, body))?;
    let answer: Value = serde_json::from_slice(&bytes).map_err(|e| {
        Error::Sync(format!(
            "{url}: not valid JSON ({e}); the listing stops here"
        ))
    })?;
    if let Some(e) = answer.get("error") {
        let reason = e
            .get("reason")
            .or_else(|| e.pointer("/root_cause/0/reason"))
            .and_then(Value::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| e.to_string());
        return Err(Error::Sync(format!("{url}: the search failed: {reason}")));
    }
    Ok(answer)
}

fn hits_of(answer: &Value) -> Vec<Value> {
    answer
        .pointer("/hits/hits")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

fn id_of(hit: &Value) -> Option<String> {
    match hit.get("_id")? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn keep(kept: &mut HashMap<String, Value>, hit: &Value) {
    let ty = hit
        .pointer("/_source/@type")
        .and_then(Value::as_str)
        .unwrap_or("");
    if KEPT.contains(&ty) {
        if let Some(id) = id_of(hit) {
            kept.insert(id, hit.clone());
        }
    }
}

/// The ids a record refers to through [`REFERENCES`].
fn references(hit: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let Some(src) = hit.get("_source").and_then(Value::as_object) else {
        return out;
    };
    for field in REFERENCES {
        let values: Vec<&Value> = match src.get(field) {
            Some(Value::Array(a)) => a.iter().collect(),
            // A JSON-LD ordered list.
            Some(Value::Object(o)) => match o.get("@list") {
                Some(Value::Array(a)) => a.iter().collect(),
                _ => o.get("@id").into_iter().collect(),
            },
            Some(v) => vec![v],
            None => Vec::new(),
        };
        for v in values {
            match v {
                Value::String(s) if !s.trim().is_empty() => out.push(s.trim().to_owned()),
                Value::Number(n) => out.push(n.to_string()),
                _ => {}
            }
        }
    }
    out
}

/// Adds to a page the records its records refer to (and theirs, a few levels up: an item's
/// parent item's meeting), from memory or with an `ids` query.
fn complete(
    run: &mut Run<'_>,
    url: &str,
    hits: &mut Vec<Value>,
    kept: &mut HashMap<String, Value>,
) -> Result<()> {
    let mut present: HashSet<String> = hits.iter().filter_map(id_of).collect();
    let mut scanned = 0;
    for _ in 0..4 {
        let mut wanted = BTreeSet::new();
        let mut found = Vec::new();
        for hit in &hits[scanned..] {
            for id in references(hit) {
                if present.contains(&id) {
                    continue;
                }
                present.insert(id.clone());
                match kept.get(&id) {
                    Some(h) => found.push(h.clone()),
                    None => {
                        wanted.insert(id);
                    }
                }
            }
        }
        scanned = hits.len();
        hits.extend(found);
        if wanted.is_empty() && scanned == hits.len() {
            break;
        }
        let wanted: Vec<String> = wanted.into_iter().collect();
        for chunk in wanted.chunks(PAGE) {
            let body = json!({
                "query": {"ids": {"values": chunk}},
                "size": chunk.len(),
                "_source": {"excludes": DOCUMENT_TEXT},
            });
            let answer = search(run, url, &body.to_string())?;
            for h in hits_of(&answer) {
                keep(kept, &h);
                hits.push(h);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_read_from_ids_lists_and_json_ld_lists() {
        let hit = json!({"_id": "ai-1", "_source": {"@type": "AgendaItem", "parent": "m-1",
            "attachment": ["mo-1", 42], "motion": {"@list": ["mot-1"]}, "name": "x"}});
        assert_eq!(references(&hit), ["m-1", "mo-1", "42", "mot-1"]);
    }
}
