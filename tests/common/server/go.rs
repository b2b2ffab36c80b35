//! GemeenteOplossingen's JSON API, two installations under `/go`: `/go/raad-een/api` speaks
//! v1 only and `/go/raad-twee/api` v2 only. The meetings are made here (no answer of the
//! real API was recorded), in the shapes the public clients read:
//! openstate/open-raadsinformatie `ocd_backend/extractors/goapi.py` (the requests, v1's bare
//! arrays, v2's `result.totalCount` and `result.<model>`), `ocd_backend/transformers/
//! goapi_meeting.py` (the meeting's fields, items with `sortorder`, documents' addresses),
//! and ontola/openbesluitvorming `src/gemeenteoplossingen/client.ts` and `normalize.ts`.

use serde_json::{Value, json};

use super::Answer;

/// (installation, API version it speaks).
const INSTALLS: [(&str, &str); 2] = [("raad-een", "v1"), ("raad-twee", "v2")];

/// One meeting: (id, day, time, committee (id, name), canceled).
struct Meeting {
    id: i64,
    day: &'static str,
    time: &'static str,
    dmu: (i64, &'static str),
    canceled: bool,
}

const MEETINGS: [Meeting; 5] = [
    Meeting {
        id: 101,
        day: "2023-03-09",
        time: "19:30",
        dmu: (1, "Gemeenteraad"),
        canceled: false,
    },
    Meeting {
        id: 102,
        day: "2023-11-16",
        time: "20:00",
        dmu: (2, "Commissie Ruimte"),
        canceled: false,
    },
    Meeting {
        id: 103,
        day: "2024-07-04",
        time: "19:30",
        dmu: (1, "Gemeenteraad"),
        canceled: false,
    },
    Meeting {
        id: 104,
        day: "2025-02-13",
        time: "20:00",
        dmu: (2, "Commissie Ruimte"),
        canceled: true,
    },
    // Outside the tests' range: a listing must not bring it.
    Meeting {
        id: 105,
        day: "2019-05-02",
        time: "19:30",
        dmu: (1, "Gemeenteraad"),
        canceled: false,
    },
];

/// Agenda items a meeting has (the last one with sortorder 0, which both clients leave
/// out), and documents on the second item and on the meeting.
pub const ITEMS_PER_MEETING: usize = 3;
pub const DOCUMENTS_PER_MEETING: usize = 2;

fn unix(day: &str, time: &str) -> i64 {
    chrono::NaiveDateTime::parse_from_str(&format!("{day} {time}"), "%Y-%m-%d %H:%M")
        .map(|t| t.and_utc().timestamp())
        .unwrap_or(0)
}

fn meeting(m: &Meeting, version: &str) -> Value {
    let items: Vec<Value> = (1..=ITEMS_PER_MEETING as i64 + 1)
        .map(|n| {
            let sortorder = if n as usize > ITEMS_PER_MEETING { 0 } else { n };
            let documents = if n == 2 {
                json!([{"id": m.id * 100 + n, "filename": format!("raadsvoorstel-{}.pdf", m.id)}])
            } else {
                json!([])
            };
            json!({
                "id": m.id * 10 + n,
                "number": n.to_string(),
                "title": match n {
                    1 => "Opening en vaststelling van de agenda".to_owned(),
                    2 => format!("Raadsvoorstel fietspad nummer {}", m.id),
                    3 => "Sluiting".to_owned(),
                    _ => "Besloten deel".to_owned(),
                },
                "description": if n == 2 { "<p>Het college stelt voor het <b>fietspad</b> aan te leggen.</p>" } else { "" },
                "sortorder": sortorder,
                "documents": documents,
            })
        })
        .collect();
    // "dates in v1 have a time in them and in v2 they don't" (goapi_meeting.py).
    let (date, start) = if version == "v1" {
        (format!("{} {}:00", m.day, m.time), Value::Null)
    } else {
        (m.day.to_owned(), json!(m.time))
    };
    let mut v = json!({
        "id": m.id,
        "date": date,
        "description": format!("{} {}", m.dmu.1, m.day),
        "location": "Raadzaal",
        "dmu": {"id": m.dmu.0, "name": m.dmu.1},
        "canceled": m.canceled,
        "inactive": false,
        "items": items,
        "documents": [{"id": m.id * 1000, "filename": format!("agenda-{}.pdf", m.id)}],
    });
    if !start.is_null() {
        v["startTime"] = start;
    }
    v
}

fn ok(v: &Value) -> Answer {
    Some((200, "application/json", v.to_string().into_bytes()))
}

fn error(status: u16, what: &str) -> Answer {
    Some((
        status,
        "application/json",
        json!({"error": what}).to_string().into_bytes(),
    ))
}

/// `rest` is the path after `/go/`.
pub(super) fn route(rest: &str, query: &str, pdf: &[u8]) -> Answer {
    let (install, rest) = rest.split_once("/api/")?;
    // The councils table's installations answer as the v2 one (which version each real one
    // speaks is not recorded; the connector finds it, v1 first).
    let version = match INSTALLS.iter().find(|(i, _)| *i == install) {
        Some((_, v)) => v,
        None if super::catalogue("go")
            .iter()
            .any(|(_, url, _)| super::mirrored(url).trim_end_matches("/api") == install) =>
        {
            &"v2"
        }
        None => return None,
    };
    let (asked, rest) = rest.split_once('/').unwrap_or((rest, ""));
    // An installation answers only its own version; what a real one answers for the other
    // is not public (goapi.py reads any status but 200 as "nothing"): 404 here.
    if asked != *version {
        return error(404, "not found");
    }
    let wrap = |model: &str, rows: Vec<Value>| {
        if *version == "v1" {
            // v1: a bare array (goapi.py returns the JSON itself; client.ts Array.isArray).
            Value::Array(rows)
        } else {
            // v2: {result: {totalCount, <model>}} (goapi.py `_request`).
            json!({"result": {"totalCount": rows.len(), model: rows}})
        }
    };
    if rest == "dmus" {
        let rows = vec![
            json!({"id": 1, "name": "Gemeenteraad"}),
            json!({"id": 2, "name": "Commissie Ruimte"}),
        ];
        return ok(&wrap("dmus", rows));
    }
    if rest == "meetings" {
        let from = super::query_param(query, "date_from");
        let to = super::query_param(query, "date_to");
        let (Some(from), Some(to)) = (from, to) else {
            return error(400, "date_from and date_to are required");
        };
        // v1 takes unix seconds, v2 YYYY-MM-DD ("v2 requires dates in YYYY-MM-DD format,
        // instead of a unix timestamp", goapi.py). The real answer to the wrong one is not
        // public: 400 here, so a sync that sends it fails.
        let (lo, hi) = if *version == "v1" {
            match (from.parse::<i64>(), to.parse::<i64>()) {
                (Ok(lo), Ok(hi)) => (lo, hi),
                _ => return error(400, "date_from and date_to are unix timestamps"),
            }
        } else {
            let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
            match (day(&from), day(&to)) {
                (Some(lo), Some(hi)) => (
                    unix(&lo.to_string(), "00:00"),
                    unix(&hi.to_string(), "23:59") + 59,
                ),
                _ => return error(400, "date_from and date_to are YYYY-MM-DD"),
            }
        };
        // A range of years is answered with 500 by some councils' sites (openbesluitvorming
        // src/gemeenteoplossingen/extractor.ts, on alblasserdam), hence its six-month
        // chunks: more than a year at once fails here.
        if hi - lo > 370 * 86_400 {
            return error(500, "internal server error");
        }
        let rows = MEETINGS
            .iter()
            .filter(|m| (lo..=hi).contains(&unix(m.day, m.time)))
            .map(|m| meeting(m, version))
            .collect();
        return ok(&wrap("meetings", rows));
    }
    // A document: {base}/{version}/meetings/{meeting}/documents/{document} (goapi_meeting.py
    // get_documents_as_media_urls; normalize.ts documentUrlFor).
    let parts: Vec<&str> = rest.split('/').collect();
    if let ["meetings", meeting, "documents", document] = parts.as_slice() {
        let known = MEETINGS.iter().any(|m| m.id.to_string() == *meeting);
        if known && document.parse::<i64>().is_ok() {
            return Some((200, "application/pdf", pdf.to_vec()));
        }
    }
    error(404, "not found")
}
