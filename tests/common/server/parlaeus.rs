//! Parlaeus's open-data endpoint of one council, `/parlaeus/dorp/receive/opendata`, with
//! the session id [`SESSION`]. The agendas are made here (no answer of the real endpoint
//! was recorded), in the shapes the public clients read: openstate/open-raadsinformatie
//! `ocd_backend/extractors/parlaeus.py` (the requests and their parameters) and
//! `transformers/parlaeus_meeting.py` (the agenda's fields), ontola/openbesluitvorming
//! `src/parlaeus/client.ts` (the types, the answer's own `status`) and `normalize.ts`.

use serde_json::{Value, json};

use super::Answer;

pub const PATH: &str = "/parlaeus/dorp/receive/opendata";
/// The council's session id (`rid`); the real ones are GUIDs (the catalogues'
/// `session_id`).
pub const SESSION: &str = "5f0c2a9e-1d3b-4c7e-9a41-0b6d2e8f7c13";

/// (agid, date YYYYMMDD, time, cmid, title, cancelled, last_change).
const AGENDAS: [(&str, &str, &str, &str, &str, i64, i64); 4] = [
    (
        "a9f1",
        "20240125",
        "19:30",
        "c1",
        "Raadsvergadering",
        0,
        1_706_000_000,
    ),
    (
        "a9f2",
        "20240208",
        "20:00",
        "c2",
        "Commissie Bestuur",
        0,
        1_707_000_000,
    ),
    (
        "a9f3",
        "20240314",
        "19:30",
        "c1",
        "Raadsvergadering",
        1,
        1_708_000_000,
    ),
    // Outside the tests' range.
    (
        "a8e0",
        "20210610",
        "19:30",
        "c1",
        "Raadsvergadering",
        0,
        1_623_000_000,
    ),
];
pub const POINTS_PER_AGENDA: usize = 3;

/// An answer with the endpoint's own status in the body: HTTP 200 whatever it says
/// (client.ts: "HTTP 200 with status !== 200 still means the call failed (e.g. unknown
/// function, invalid session id)"). The numbers it uses for each failure are not public;
/// the ones here are guesses, the message is what a client shows.
fn answer(status: u16, message: &str, body: Value) -> Answer {
    let mut v = json!({"status": status, "message": message});
    if let (Some(o), Value::Object(extra)) = (v.as_object_mut(), body) {
        o.extend(extra);
    }
    Some((200, "application/json", v.to_string().into_bytes()))
}

/// YYYYMMDD, as both clients send `since` and `until` (parlaeus.py `%Y%m%d`; client.ts
/// compactDate).
fn compact(s: Option<String>) -> Option<String> {
    let s = s?;
    (s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
}

fn detail(agenda: &(&str, &str, &str, &str, &str, i64, i64), host: &str) -> Value {
    let (agid, date, time, cmid, title, cancelled, _) = *agenda;
    let docs = format!("http://{host}/parlaeus/dorp/documents");
    let points: Vec<Value> = (1..=POINTS_PER_AGENDA)
        .map(|n| {
            let documents = match n {
                // A link with the endpoint's host glued before the real address, as the
                // real ones sometimes are (parlaeus_meeting.py clean_link; normalize.ts
                // cleanParlaeusLink).
                2 => json!([{"dcid": format!("{agid}-d2"), "title": format!("Raadsvoorstel {title}"),
                    "number": "2024-12", "type": "Raadsvoorstel",
                    "link": format!("https://dorp.parlaeus.nl{docs}/{agid}-d2.pdf")}]),
                3 => json!([{"dcid": format!("{agid}-d3"), "title": "Motie bomenplan",
                    "type": "Motie", "link": format!("{docs}/{agid}-d3.pdf")}]),
                _ => json!([]),
            };
            json!({
                "apid": format!("{agid}-p{n}"),
                "number": n.to_string(),
                "title": match n {
                    1 => "Opening".to_owned(),
                    2 => format!("Bestemmingsplan centrum ({title})"),
                    _ => "Motie vreemd aan de orde: bomenplan".to_owned(),
                },
                "text": if n == 2 { "<p>Vaststellen van het <i>bestemmingsplan</i>.</p>" } else { "" },
                "type": "Bespreekstuk",
                "level": 1,
                "decision": if n == 2 { "Aangenomen met 20 stemmen voor en 9 tegen" } else { "" },
                "documents": documents,
            })
        })
        .collect();
    json!({"agenda": {
        "agid": agid, "cmid": cmid, "committeecode": if cmid == "c1" { "RAAD" } else { "CB" },
        "title": title, "description": "", "location": "Raadzaal", "chairman": "De voorzitter",
        "date": date, "time": time, "endtime": "0", "cancelled": cancelled,
        "points": points,
    }})
}

pub(super) fn route(path: &str, query: &str, host: &str, pdf: &[u8]) -> Answer {
    if path.starts_with("/parlaeus/dorp/documents/") {
        return Some((200, "application/pdf", pdf.to_vec()));
    }
    // This council's endpoint, or one of the councils table's (mirrored by its host and
    // path, with the session id the table gives it).
    let session = if path == PATH {
        SESSION.to_owned()
    } else {
        let install = path.strip_prefix("/parlaeus/")?;
        let (session, _, _) = super::catalogue("parlaeus")
            .into_iter()
            .find(|(_, url, _)| super::mirrored(url) == install)?;
        session
    };
    let param = |name: &str| super::query_param(query, name);
    // Every call carries the session id (parlaeus.py sends `rid` on each; client.ts too).
    if param("rid").as_deref() != Some(session.as_str()) {
        return answer(403, "Invalid session", json!({}));
    }
    match param("fn").as_deref() {
        Some("agenda_list") => {
            let (Some(since), Some(until)) = (compact(param("since")), compact(param("until")))
            else {
                return answer(400, "since and until are YYYYMMDD", json!({}));
            };
            let list: Vec<Value> = AGENDAS
                .iter()
                .filter(|a| a.1 >= since.as_str() && a.1 <= until.as_str())
                .map(|a| json!({"agid": a.0, "date": a.1, "time": a.2, "last_change": a.6}))
                .collect();
            answer(200, "", json!({"list": list}))
        }
        Some("agenda_detail") => {
            let agid = param("agid").unwrap_or_default();
            match AGENDAS.iter().find(|a| a.0 == agid) {
                Some(a) => answer(200, "", detail(a, host)),
                None => answer(404, "Agenda not found", json!({})),
            }
        }
        Some("cie_list") => answer(
            200,
            "",
            json!({"list": [
                {"cmid": "c1", "committeename": "Gemeenteraad", "committeecode": "RAAD"},
                {"cmid": "c2", "committeename": "Commissie Bestuur", "committeecode": "CB"}]}),
        ),
        _ => answer(400, "Unknown function", json!({})),
    }
}
