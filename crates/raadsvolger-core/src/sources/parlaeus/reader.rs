//! Parlaeus's open-data endpoint (`{base}?rid=<session>&fn=...`, base such as
//! `https://<council>.parlaeus.nl/receive/opendata`): one meeting's agenda as
//! `fn=agenda_detail` answers it.
//!
//! The shape, as the public clients read it (ontola/openbesluitvorming
//! `src/parlaeus/client.ts` types and `normalize.ts`; openstate/open-raadsinformatie
//! `ocd_backend/transformers/parlaeus_meeting.py`): `{status, agenda: {agid, cmid,
//! committeecode, title, description, location, chairman, date: "YYYYMMDD", time: "HH:MM",
//! endtime, cancelled: 0|1, points: [{apid, number, title, text, type, level, decision,
//! documents: [{dcid, link, title, number, type}]}]}}`. A document is fetched at its `link`;
//! some links have a host glued before the real address, which both clients strip.
//!
//! A sync adds `source` (the endpoint's address, which keeps two councils' ids apart) and
//! `committee` (the committee's name from `fn=cie_list`) beside `agenda`.

use chrono::NaiveDate;
use serde_json::Value;

use crate::model::register::MeetingStatus;
use crate::sources::{Batch, DocRef, ItemRec, MeetingRec, html_text};

fn agenda_of(v: &Value) -> Option<&Value> {
    let a = v.get("agenda")?;
    (a.get("agid").is_some() && a.get("points").is_some_and(Value::is_array)).then_some(a)
}

/// An `agenda_detail` answer.
pub fn recognises(v: &Value) -> bool {
    agenda_of(v).is_some()
}

fn str_of(v: &Value, key: &str) -> Option<String> {
    let s = match v.get(key)? {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let t = if s.contains('<') {
        html_text(&s)
    } else {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    (!t.is_empty()).then_some(t)
}

/// "https://x.parlaeus.nlhttps://y.example.nl/a" and "...nlhttps//y..." -> the second
/// address (the fault both public clients repair: OBV `cleanParlaeusLink`, ORI `clean_link`).
pub fn clean_link(link: &str) -> String {
    let link = link.trim();
    let Some(rest) = link
        .strip_prefix("https://")
        .or_else(|| link.strip_prefix("http://"))
    else {
        return link.to_owned();
    };
    let host_end = rest.find('/').unwrap_or(rest.len());
    let host = &rest[..host_end];
    for glued in ["https://", "http://", "https//", "http//"] {
        if let Some(at) = host.find(glued.trim_end_matches('/')) {
            let tail = &rest[at..];
            if let Some(after) = tail.strip_prefix(glued) {
                let scheme = if glued.starts_with("https") {
                    "https"
                } else {
                    "http"
                };
                return format!("{scheme}://{after}");
            }
        }
    }
    link.to_owned()
}

/// "HH:MM" or "H:MM", not "0" or midnight.
fn clock(s: Option<String>) -> Option<String> {
    let s = s?;
    let (h, m) = s.split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.get(..2)?.parse().ok()?);
    (h < 24 && m < 60 && (h, m) != (0, 0)).then(|| format!("{h:02}:{m:02}"))
}

pub fn read(v: &Value) -> Batch {
    let mut batch = Batch::default();
    let Some(a) = agenda_of(v) else {
        return batch;
    };
    let prefix = v
        .get("source")
        .and_then(Value::as_str)
        .map(|s| {
            let s = s.split_once("://").map(|(_, r)| r).unwrap_or(s);
            format!("{}/", s.trim_end_matches(['/', '?']))
        })
        .unwrap_or_default();
    let Some(agid) = str_of(a, "agid") else {
        batch.problem("agenda", "a Parlaeus agenda without an agid");
        return batch;
    };
    let record = format!("{prefix}agenda:{agid}");
    let day = str_of(a, "date").unwrap_or_default();
    let Some(date) = NaiveDate::parse_from_str(&day, "%Y%m%d")
        .ok()
        .or_else(|| crate::sources::parse_day(&day))
    else {
        batch.problem(&record, format!("no readable date ({day:?})"));
        return batch;
    };
    let body = str_of(v, "committee")
        .or_else(|| str_of(a, "committeecode"))
        .unwrap_or_else(|| "Gemeenteraad".into());
    let cancelled = a.get("cancelled").is_some_and(|c| {
        c.as_i64()
            .map(|n| n != 0)
            .unwrap_or(c.as_bool() == Some(true))
    });
    let status = if cancelled {
        MeetingStatus::Cancelled
    } else if date <= chrono::Local::now().date_naive() {
        MeetingStatus::Held
    } else {
        MeetingStatus::Planned
    };
    let mut items = Vec::new();
    for (i, p) in a
        .get("points")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let Some(apid) = str_of(p, "apid") else {
            batch.problem(&record, format!("agenda point {} without an apid", i + 1));
            continue;
        };
        let item_record = format!("{prefix}point:{apid}");
        let number = str_of(p, "number");
        let Some(title) = str_of(p, "title").or_else(|| number.clone()) else {
            batch.problem(&item_record, "an agenda point without a title");
            continue;
        };
        let mut description = str_of(p, "text");
        if let Some(decision) = str_of(p, "decision") {
            let line = format!("Besluit: {decision}");
            description = Some(match description {
                Some(d) => format!("{d}\n\n{line}"),
                None => line,
            });
        }
        let documents = p
            .get("documents")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|d| {
                let id = str_of(d, "dcid")?;
                let url = clean_link(d.get("link").and_then(Value::as_str)?);
                if !(url.starts_with("http://") || url.starts_with("https://")) {
                    return None;
                }
                let file_name = url
                    .rsplit('/')
                    .next()
                    .filter(|f| f.to_lowercase().ends_with(".pdf"))
                    .map(str::to_owned);
                Some(DocRef {
                    id: format!("{prefix}document:{id}"),
                    url,
                    title: str_of(d, "title"),
                    file_name,
                })
            })
            .collect();
        items.push(ItemRec {
            id: item_record,
            number,
            title,
            description,
            items: Vec::new(),
            motions: Vec::new(),
            documents,
        });
    }
    batch.meetings.push(MeetingRec {
        id: record,
        title: str_of(a, "title").or_else(|| Some(body.clone())),
        body,
        date,
        start_time: clock(str_of(a, "time")),
        end_time: clock(str_of(a, "endtime")),
        location: str_of(a, "location"),
        status,
        items,
        documents: Vec::new(),
    });
    batch
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn repairs_glued_links() {
        assert_eq!(
            clean_link("https://a.parlaeus.nlhttps://b.example.nl/x/y.pdf"),
            "https://b.example.nl/x/y.pdf"
        );
        assert_eq!(
            clean_link("https://a.example.nlhttps//b.parlaeus.nl/x"),
            "https://b.parlaeus.nl/x"
        );
        assert_eq!(
            clean_link("https://a.parlaeus.nl/x/https://y"),
            "https://a.parlaeus.nl/x/https://y"
        );
    }

    #[test]
    fn reads_an_agenda_with_points_and_documents() {
        let v = json!({"status": 200, "source": "https://dorp.parlaeus.nl/receive/opendata",
            "committee": "Raad", "agenda": {"agid": "a1", "cmid": "c1", "title": "Raadsvergadering",
            "date": "20240131", "time": "19:30", "endtime": "0", "cancelled": 0, "points": [
                {"apid": "p1", "number": "1", "title": "Opening", "text": "<p>Welkom</p>"},
                {"apid": "p2", "number": "2", "title": "Parkeren", "decision": "Aangenomen",
                 "documents": [{"dcid": "d1", "title": "Voorstel",
                    "link": "https://dorp.parlaeus.nlhttps://dorp.parlaeus.nl/doc/voorstel.pdf"}]},
                {"number": "3", "title": "zonder id"}]}});
        assert!(recognises(&v));
        let b = read(&v);
        let m = &b.meetings[0];
        assert_eq!(m.id, "dorp.parlaeus.nl/receive/opendata/agenda:a1");
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2024, 1, 31).expect("day"));
        assert_eq!(
            (m.start_time.as_deref(), m.end_time.as_deref()),
            (Some("19:30"), None)
        );
        assert_eq!(m.body, "Raad");
        assert_eq!(m.items.len(), 2);
        assert_eq!(m.items[0].description.as_deref(), Some("Welkom"));
        assert_eq!(
            m.items[1].description.as_deref(),
            Some("Besluit: Aangenomen")
        );
        let d = &m.items[1].documents[0];
        assert_eq!(d.url, "https://dorp.parlaeus.nl/doc/voorstel.pdf");
        assert_eq!(d.file_name.as_deref(), Some("voorstel.pdf"));
        assert_eq!(b.problems.len(), 1);
    }
}
