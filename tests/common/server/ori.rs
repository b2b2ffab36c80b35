//! Open Raadsinformatie's Elasticsearch search (`POST /ori/<index>/_search`) as the test
//! server plays it: `ori_almere` holds the repository's fixture (`registers/ori_meeting.json`,
//! no Elasticsearch hits were recorded), `ori_bulk` about 22,500 records synthesised in code
//! from the fixture's shapes (bodies, 1,250 meetings with 9 agenda items each, a document
//! per item with its text), more than one result window.
//!
//! Each rule with its public source:
//! - **The result window**: `from + size` above 10,000 is answered 400 with an
//!   `illegal_argument_exception` "Result window is too large" (Elasticsearch 7 reference,
//!   "Paginate search results" and the `index.max_result_window` setting, default 10,000; ORI
//!   runs ES 7 per openstate/open-raadsinformatie `API-docs.md`).
//! - **`hits.total` counts to 10,000** and then says `relation: "gte"`, unless
//!   `track_total_hits` is true (ES 7.0 breaking changes: "track_total_hits defaults to
//!   10,000").
//! - **`search_after`** takes the sort values of the last hit and answers the hits after it;
//!   it needs a `sort` with as many values, and `from` 0 (ES 7 reference, "Search after";
//!   ORI's own `fetch_documents.py` pages this way, sorting with `_id` as the tiebreak). Every
//!   hit carries its `sort` values when a sort is given.
//! - **`_source`** `excludes`/`includes` (top-level fields) and `false` are honoured (ES 7
//!   reference, "_source filtering"); a document's text comes three times (`text` per page,
//!   `md_text`, `text_pages`), as the ORI connector's notes in the research describe, so a
//!   page of documents without excludes is many megabytes.
//! - **Queries understood**: `terms` on `@type` (a keyword in ORI's
//!   `es_mappings/ori_template.json`) and `ids`, anywhere in a `bool`; an unknown index is 404
//!   `index_not_found_exception`.
//!
//! Not played (unverified without the live service): the date `range` filters (ignored: all
//! records match), scoring, the 12 MB response cap the research mentions, and the exact
//! sort order of `_id` on the live cluster (here: as text).

use std::cmp::Ordering;
use std::collections::HashSet;
use std::path::Path;
use std::sync::OnceLock;

use serde_json::{Map, Value, json};

use super::Answer;

/// Elasticsearch's default `index.max_result_window` and `track_total_hits`.
const WINDOW: usize = 10_000;

/// Meetings of the bulk index, and agenda items of each.
pub const MEETINGS: usize = 1_250;
pub const ITEMS: usize = 9;

pub(super) struct Ori {
    fixture: Vec<Value>,
    bulk: OnceLock<Vec<Value>>,
}

fn es_error(status: u16, kind: &str, reason: String) -> Answer {
    let body = json!({
        "error": {"root_cause": [{"type": kind, "reason": reason}], "type": kind, "reason": reason},
        "status": status,
    });
    Some((status, "application/json", body.to_string().into_bytes()))
}

impl Ori {
    pub(super) fn load(fixtures: &Path) -> Ori {
        let path = fixtures.join("registers/ori_meeting.json");
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let v: Value = serde_json::from_slice(&bytes).expect("fixture JSON");
        Ori {
            fixture: v
                .pointer("/hits/hits")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
            bulk: OnceLock::new(),
        }
    }

    /// The bulk index, from the fixture's shapes.
    fn build_bulk(&self) -> Vec<Value> {
        let of_type = |t: &str| {
            self.fixture
                .iter()
                .find(|h| h.pointer("/_source/@type").and_then(Value::as_str) == Some(t))
                .and_then(|h| h.get("_source"))
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default()
        };
        let (meeting, item, media) = (
            of_type("Meeting"),
            of_type("AgendaItem"),
            of_type("MediaObject"),
        );
        let mut hits = Vec::new();
        let hit = |id: String, src: Map<String, Value>| json!({"_id": id, "_source": src});
        let bodies = ["Gemeenteraad", "Commissie Ruimte", "Commissie Bestuur"];
        for (i, name) in bodies.iter().enumerate() {
            let mut o = of_type("Organization");
            o.insert("name".into(), json!(name));
            o.insert("classification".into(), json!("committee"));
            hits.push(hit(format!("borg-{i}"), o));
        }
        let start = chrono::NaiveDate::from_ymd_opt(2016, 1, 5).expect("day");
        for m in 0..MEETINGS {
            let day = start + chrono::Duration::days(2 * m as i64);
            let id = format!("bm-{m:05}");
            let mut src = meeting.clone();
            src.insert("name".into(), json!(format!("Vergadering {}", m + 1)));
            src.insert("start_date".into(), json!(format!("{day}T19:30:00")));
            src.insert("end_date".into(), json!(format!("{day}T22:30:00")));
            src.insert("committee".into(), json!(format!("borg-{}", m % 3)));
            let mut agenda = Vec::new();
            for i in 0..ITEMS {
                let item_id = format!("bai-{m:05}-{i}");
                let mut s = item.clone();
                s.remove("motion");
                if i + 1 < ITEMS {
                    agenda.push(json!(item_id));
                    s.insert(
                        "name".into(),
                        json!(format!("Punt {} van {}", i + 1, m + 1)),
                    );
                    // ORI's position is a float (meeting.py: FloatProperty).
                    s.insert("position".into(), json!((i + 1) as f64));
                    s.insert("raw_position".into(), json!(format!("{}", i + 1)));
                    s.insert("parent".into(), json!(id));
                    let doc_id = format!("bmo-{m:05}-{i}");
                    s.insert("attachment".into(), json!([doc_id]));
                    let mut d = media.clone();
                    d.insert("name".into(), json!(format!("Stuk {}.{}", m + 1, i + 1)));
                    hits.push(hit(doc_id, d));
                } else {
                    // A sub-item of the first item.
                    s.insert("name".into(), json!(format!("Bespreking bij {}", m + 1)));
                    s.insert("position".into(), json!(1.0));
                    s.insert("raw_position".into(), json!("1a"));
                    s.insert("parent".into(), json!(format!("bai-{m:05}-0")));
                    s.remove("attachment");
                }
                hits.push(hit(item_id, s));
            }
            src.insert("agenda".into(), json!({"@list": agenda}));
            hits.push(hit(id, src));
        }
        hits
    }

    pub(super) fn route(&self, index: &str, body: &str) -> Answer {
        let records: &[Value] = match index {
            "ori_almere" => &self.fixture,
            "ori_bulk" => self.bulk.get_or_init(|| self.build_bulk()),
            other => {
                return es_error(
                    404,
                    "index_not_found_exception",
                    format!("no such index [{other}]"),
                );
            }
        };
        let request: Value = match serde_json::from_str(body) {
            Ok(v) => v,
            Err(e) => return es_error(400, "parsing_exception", format!("not JSON: {e}")),
        };
        let from = request.get("from").and_then(Value::as_u64).unwrap_or(0) as usize;
        let size = request.get("size").and_then(Value::as_u64).unwrap_or(10) as usize;
        if from + size > WINDOW {
            return es_error(
                400,
                "illegal_argument_exception",
                format!(
                    "Result window is too large, from + size must be less than or equal to: \
                     [{WINDOW}] but was [{}]. See the scroll api for a more efficient way to \
                     request large data sets.",
                    from + size
                ),
            );
        }
        let sort: Vec<(String, bool)> = request
            .get("sort")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|s| match s {
                Value::String(f) => Some((f.clone(), false)),
                Value::Object(o) => o.iter().next().map(|(f, d)| {
                    let dir = d
                        .as_str()
                        .or_else(|| d.get("order").and_then(Value::as_str))
                        .unwrap_or("asc");
                    (f.clone(), dir == "desc")
                }),
                _ => None,
            })
            .collect();
        let after = request.get("search_after").and_then(Value::as_array);
        if let Some(a) = after {
            if a.len() != sort.len() {
                return es_error(
                    400,
                    "illegal_argument_exception",
                    format!(
                        "search_after has {} value(s) but sort has {}.",
                        a.len(),
                        sort.len()
                    ),
                );
            }
            if from > 0 {
                return es_error(
                    400,
                    "illegal_argument_exception",
                    "`from` parameter must be set to 0 when `search_after` is used.".into(),
                );
            }
        }
        let query = request.get("query").cloned().unwrap_or(Value::Null);
        let types = find(&query, "terms")
            .and_then(|t| t.get("@type"))
            .and_then(Value::as_array);
        let ids: Option<HashSet<&str>> = find(&query, "ids")
            .and_then(|i| i.get("values"))
            .and_then(Value::as_array)
            .map(|v| v.iter().filter_map(Value::as_str).collect());
        let mut matching: Vec<(&Value, Vec<Value>)> = records
            .iter()
            .filter(|h| {
                let ty = h.pointer("/_source/@type").cloned().unwrap_or(Value::Null);
                types.is_none_or(|t| t.contains(&ty))
                    && ids
                        .as_ref()
                        .is_none_or(|ids| h["_id"].as_str().is_some_and(|id| ids.contains(id)))
            })
            .map(|h| (h, sort_values(h, &sort)))
            .collect();
        matching.sort_by(|a, b| order(&a.1, &b.1, &sort));
        let total = matching.len();
        if let Some(a) = after {
            matching.retain(|(_, values)| order(values, a, &sort) == Ordering::Greater);
        }
        let hits: Vec<Value> = matching
            .iter()
            .skip(from)
            .take(size)
            .map(|(h, values)| {
                let mut out = json!({"_index": index, "_type": "_doc", "_id": h["_id"],
                                     "_score": null});
                if let Some(src) = source(h, request.get("_source")) {
                    out["_source"] = src;
                }
                if !sort.is_empty() {
                    out["sort"] = json!(values);
                }
                out
            })
            .collect();
        let exact = request.get("track_total_hits") == Some(&json!(true));
        let (value, relation) = if total > WINDOW && !exact {
            (WINDOW, "gte")
        } else {
            (total, "eq")
        };
        let answer = json!({
            "took": 1, "timed_out": false,
            "hits": {"total": {"value": value, "relation": relation}, "max_score": null, "hits": hits},
        });
        Some((200, "application/json", answer.to_string().into_bytes()))
    }
}

/// The first object under `key` anywhere in a query.
fn find<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    match v {
        Value::Object(o) => o.get(key).or_else(|| o.values().find_map(|x| find(x, key))),
        Value::Array(a) => a.iter().find_map(|x| find(x, key)),
        _ => None,
    }
}

fn sort_values(hit: &Value, sort: &[(String, bool)]) -> Vec<Value> {
    sort.iter()
        .map(|(field, _)| {
            if field == "_id" {
                hit["_id"].clone()
            } else {
                hit.get("_source")
                    .and_then(|s| s.get(field))
                    .cloned()
                    .unwrap_or(Value::Null)
            }
        })
        .collect()
}

/// The order of two hits' sort values; a missing value sorts last (ES's `missing: _last`).
fn order(a: &[Value], b: &[Value], sort: &[(String, bool)]) -> Ordering {
    for ((x, y), (_, desc)) in a.iter().zip(b).zip(sort) {
        let o = match (x, y) {
            (Value::Null, Value::Null) => Ordering::Equal,
            (Value::Null, _) => return Ordering::Greater,
            (_, Value::Null) => return Ordering::Less,
            (Value::Number(p), Value::Number(q)) => p
                .as_f64()
                .partial_cmp(&q.as_f64())
                .unwrap_or(Ordering::Equal),
            (p, q) => p.as_str().unwrap_or("").cmp(q.as_str().unwrap_or("")),
        };
        let o = if *desc { o.reverse() } else { o };
        if o.is_ne() {
            return o;
        }
    }
    Ordering::Equal
}

/// A hit's `_source` as filtered; a document gets its text (per page, as Markdown and as
/// pages again) unless that is excluded.
fn source(hit: &Value, filter: Option<&Value>) -> Option<Value> {
    let mut src = hit.get("_source")?.as_object()?.clone();
    if src.get("@type").and_then(Value::as_str) == Some("MediaObject") {
        let page = "Dit is de tekst van een pagina van het stuk, vele malen herhaald. ".repeat(80);
        let pages: Vec<String> = (0..4).map(|_| page.clone()).collect();
        src.insert("text".into(), json!(pages));
        src.insert("md_text".into(), json!(pages));
        src.insert("text_pages".into(), json!(pages));
    }
    let names = |v: Option<&Value>| -> Option<Vec<String>> {
        match v? {
            Value::String(s) => Some(vec![s.clone()]),
            Value::Array(a) => Some(
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect(),
            ),
            _ => None,
        }
    };
    match filter {
        Some(Value::Bool(false)) => return None,
        Some(Value::Object(f)) => {
            if let Some(ex) = names(f.get("excludes").or(f.get("exclude"))) {
                src.retain(|k, _| !ex.contains(k));
            }
            if let Some(inc) = names(f.get("includes").or(f.get("include"))) {
                src.retain(|k, _| inc.contains(k));
            }
        }
        Some(v @ (Value::String(_) | Value::Array(_))) => {
            if let Some(inc) = names(Some(v)) {
                src.retain(|k, _| inc.contains(k));
            }
        }
        _ => {}
    }
    Some(Value::Object(src))
}
