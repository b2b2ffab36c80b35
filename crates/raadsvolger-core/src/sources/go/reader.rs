//! GemeenteOplossingen's JSON API (`{base}/v1/` and `{base}/v2/`, base usually ending in
//! `/api`): meetings with their committee (`dmu`), agenda items and documents.
//!
//! The shapes, as the public clients read them (openstate/open-raadsinformatie
//! `ocd_backend/extractors/goapi.py` and `transformers/goapi_meeting.py`; ontola/
//! openbesluitvorming `src/gemeenteoplossingen/client.ts` and `normalize.ts`):
//!
//! - v1 `meetings?date_from=<unix>&date_to=<unix>` answers a bare array of meetings; v2
//!   `meetings?date_from=YYYY-MM-DD&date_to=YYYY-MM-DD` answers `{result: {totalCount,
//!   meetings: [...]}}`.
//! - A meeting: `id, date, startTime, description, location, dmu {id, name}, canceled,
//!   inactive, items [...], documents [{id, filename}]`. In v1 `date` carries the time
//!   ("2024-03-05 19:30:00"); in v2 it is a day and the time is in `startTime` ("19:30").
//! - An item: `id, number, title, description, sortorder, documents [{id, filename}]`. Both
//!   clients leave out the items whose `sortorder` is empty or 0.
//! - A document is fetched at `{base}/{version}/meetings/{meeting}/documents/{document}`.
//!
//! A sync wraps what it fetched in `{"gemeenteoplossingen": {base_url, api_version,
//! meetings}}`, because the documents' addresses and the records' ids need the
//! installation: every council has its own, with its own numbering. A response saved as it
//! came (v2's object) is read too, without document addresses.

use serde_json::Value;

use crate::model::register::MeetingStatus;
use crate::sources::{Batch, DocRef, ItemRec, MeetingRec, html_text, parse_day, time_of};

/// The key of the envelope a sync writes.
pub const ENVELOPE: &str = "gemeenteoplossingen";

struct Install<'a> {
    /// `{base}` without a trailing slash; None for a response read without its address.
    base: Option<&'a str>,
    version: &'a str,
}

impl Install<'_> {
    /// The prefix of the record ids: the installation's address without its scheme, so two
    /// councils' meeting 12 stay apart.
    fn prefix(&self) -> String {
        match self.base {
            Some(b) => {
                let host = b.split_once("://").map(|(_, r)| r).unwrap_or(b);
                format!("{}/", host.trim_end_matches('/'))
            }
            None => String::new(),
        }
    }
}

fn meetings_of(v: &Value) -> Option<(Install<'_>, &Vec<Value>)> {
    if let Some(env) = v.get(ENVELOPE) {
        let meetings = env.get("meetings")?.as_array()?;
        let base = env
            .get("base_url")
            .and_then(Value::as_str)
            .map(|b| b.trim_end_matches('/'))
            .filter(|b| !b.is_empty());
        let version = env
            .get("api_version")
            .and_then(Value::as_str)
            .unwrap_or("v1");
        return Some((Install { base, version }, meetings));
    }
    let result = v.get("result")?;
    let meetings = result.get("meetings")?.as_array()?;
    result.get("totalCount")?;
    Some((
        Install {
            base: None,
            version: "v2",
        },
        meetings,
    ))
}

/// A sync's envelope, or a v2 meetings answer.
pub fn recognises(v: &Value) -> bool {
    meetings_of(v).is_some()
}

fn id_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn text_field(v: &Value, key: &str) -> Option<String> {
    let s = v.get(key)?.as_str()?;
    let t = if s.contains('<') {
        html_text(s)
    } else {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    (!t.is_empty()).then_some(t)
}

fn truthy(v: Option<&Value>) -> bool {
    match v {
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|n| n != 0.0),
        Some(Value::String(s)) => !matches!(s.trim(), "" | "0" | "false"),
        _ => false,
    }
}

fn documents(install: &Install<'_>, meeting: &str, v: &Value) -> Vec<DocRef> {
    let Some(base) = install.base else {
        return Vec::new();
    };
    v.get("documents")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|d| {
            let id = id_of(d.get("id"))?;
            let file_name = d
                .get("filename")
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(str::to_owned);
            Some(DocRef {
                id: format!("{}document:{id}", install.prefix()),
                url: format!(
                    "{base}/{}/meetings/{meeting}/documents/{id}",
                    install.version
                ),
                title: file_name.clone(),
                file_name,
            })
        })
        .collect()
}

fn meeting(install: &Install<'_>, m: &Value, batch: &mut Batch) {
    let Some(id) = id_of(m.get("id")) else {
        batch.problem("meeting", "a GemeenteOplossingen meeting without an id");
        return;
    };
    let record = format!("{}meeting:{id}", install.prefix());
    let date_text = m.get("date").and_then(Value::as_str).unwrap_or("");
    let Some(date) = parse_day(date_text) else {
        batch.problem(&record, format!("no readable date ({date_text:?})"));
        return;
    };
    // v1 writes the time in `date`; v2 in `startTime`.
    let start_time = time_of(date_text).or_else(|| {
        m.get("startTime")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|t| t.len() >= 5 && t.as_bytes()[2] == b':' && !t.starts_with("00:00"))
            .and_then(|t| t.get(..5).map(str::to_owned))
    });
    let body = m
        .get("dmu")
        .and_then(|d| d.get("name"))
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .unwrap_or_else(|| "Gemeenteraad".to_owned());
    let status = if truthy(m.get("canceled")) {
        MeetingStatus::Cancelled
    } else if date <= chrono::Local::now().date_naive() && !truthy(m.get("inactive")) {
        MeetingStatus::Held
    } else {
        MeetingStatus::Planned
    };
    let mut rows: Vec<(i64, ItemRec)> = Vec::new();
    for (i, item) in m
        .get("items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let order = item.get("sortorder").and_then(Value::as_i64).unwrap_or(0);
        if order == 0 {
            continue;
        }
        let Some(item_id) = id_of(item.get("id")) else {
            batch.problem(&record, format!("agenda item {} without an id", i + 1));
            continue;
        };
        let item_record = format!("{}item:{item_id}", install.prefix());
        let number = text_field(item, "number");
        let Some(title) = text_field(item, "title").or_else(|| number.clone()) else {
            batch.problem(&item_record, "an agenda item without a title");
            continue;
        };
        rows.push((
            order,
            ItemRec {
                id: item_record,
                number,
                title,
                description: text_field(item, "description"),
                items: Vec::new(),
                motions: Vec::new(),
                documents: documents(install, &id, item),
            },
        ));
    }
    rows.sort_by_key(|(order, _)| *order);
    batch.meetings.push(MeetingRec {
        id: record,
        title: text_field(m, "description").or_else(|| Some(body.clone())),
        body,
        date,
        start_time,
        end_time: None,
        location: text_field(m, "location"),
        status,
        items: rows.into_iter().map(|(_, r)| r).collect(),
        documents: documents(install, &id, m),
    });
}

pub fn read(v: &Value) -> Batch {
    let mut batch = Batch::default();
    let Some((install, meetings)) = meetings_of(v) else {
        return batch;
    };
    for m in meetings {
        meeting(&install, m, &mut batch);
    }
    batch
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Found by the fuzzer: a start time whose fifth byte falls inside a character.
    #[test]
    fn a_start_time_cut_inside_a_character_is_no_time() {
        let v = json!({"result": {"totalCount": 1, "meetings": [
            {"id": 1, "date": "2024-04-04", "startTime": "20:0\u{28d}a"}
        ]}});
        let batch = read(&v);
        assert_eq!(batch.meetings.len(), 1, "{:?}", batch.problems);
        assert_eq!(batch.meetings[0].start_time, None);
    }

    #[test]
    fn reads_a_v1_meeting_in_its_envelope() {
        let v = json!({ENVELOPE: {"base_url": "https://raad.example.nl/api/", "api_version": "v1",
            "meetings": [{"id": 7, "date": "2020-02-03 19:30:00", "description": "Raadsvergadering",
                "dmu": {"id": 2, "name": "Gemeenteraad"}, "canceled": false,
                "items": [
                    {"id": 11, "number": "2", "title": "Begroting", "sortorder": 2,
                     "documents": [{"id": 99, "filename": "begroting.pdf"}]},
                    {"id": 10, "number": "1", "title": "Opening", "sortorder": 1},
                    {"id": 12, "number": "", "title": "verborgen", "sortorder": 0}],
                "documents": [{"id": 98, "filename": "agenda.pdf"}]}]}});
        assert!(recognises(&v));
        let b = read(&v);
        assert!(b.problems.is_empty(), "{:?}", b.problems);
        let m = &b.meetings[0];
        assert_eq!(m.id, "raad.example.nl/api/meeting:7");
        assert_eq!(m.start_time.as_deref(), Some("19:30"));
        assert_eq!(m.body, "Gemeenteraad");
        let titles: Vec<&str> = m.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["Opening", "Begroting"]);
        let d = &m.items[1].documents[0];
        assert_eq!(
            d.url,
            "https://raad.example.nl/api/v1/meetings/7/documents/99"
        );
        assert_eq!(d.title.as_deref(), Some("begroting.pdf"));
        assert_eq!(m.documents.len(), 1);
    }

    #[test]
    fn reads_a_v2_answer_and_names_a_bad_meeting() {
        let v = json!({"result": {"totalCount": 2, "meetings": [
            {"id": "5", "date": "2024-06-01", "startTime": "20:00", "canceled": true,
             "dmu": {"id": 1, "name": "Commissie Ruimte"}, "items": []},
            {"id": 6, "date": "", "items": []}]}});
        assert!(recognises(&v));
        let b = read(&v);
        assert_eq!(b.meetings.len(), 1);
        assert_eq!(b.meetings[0].status, MeetingStatus::Cancelled);
        assert_eq!(b.meetings[0].start_time.as_deref(), Some("20:00"));
        assert_eq!(b.problems.len(), 1);
        assert!(b.problems[0].0.contains("meeting:6"), "{:?}", b.problems);
        assert!(!recognises(&json!([{"id": 1}])));
    }
}
