//! A local HTTP server on 127.0.0.1 that plays the councils' registers from the recorded
//! responses in `../shared/realdata` (and the repository's own fixtures where nothing was
//! recorded), in the shapes their APIs answer in: NotuBiz under `/notubiz`, iBabs's SOAP
//! service at `/ibabs`, the Tweede Kamer's OData under `/tk`, Open Raadsinformatie's search
//! under `/ori`. Listings are split into pages so that paging is followed.
//!
//! Faults can be armed per path: an HTTP status (429 with `Retry-After`, 500) a number of
//! times, a delay longer than the client's time limit, a malformed body, a body that never
//! ends. Every request is logged, so a test can count what was fetched.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use tiny_http::{Header, Response, Server};

pub mod obv;

/// What a path answers instead of its response.
#[derive(Debug, Clone)]
pub enum Fault {
    /// This HTTP status, with an optional Retry-After in seconds.
    Status(u16, Option<u64>),
    /// Waits this long before answering.
    Delay(Duration),
    /// A body cut off in the middle.
    Malformed,
    /// A body that never ends.
    Endless,
}

struct Armed {
    /// Part of the request's path, query or SOAP action.
    matches: String,
    fault: Fault,
    /// Times left; None for ever.
    times: Option<usize>,
}

#[derive(Default)]
struct State {
    faults: Vec<Armed>,
    log: Vec<String>,
}

/// A running fixture server; stops when dropped.
pub struct FixtureServer {
    pub url: String,
    server: Arc<Server>,
    state: Arc<Mutex<State>>,
    data: Arc<Data>,
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl FixtureServer {
    /// Starts on a free port of 127.0.0.1, serving `realdata` (the shared folder) and the
    /// repository's `fixtures`.
    pub fn start(realdata: &Path, fixtures: &Path) -> FixtureServer {
        FixtureServer::start_on(realdata, fixtures, 0)
    }

    pub fn start_on(realdata: &Path, fixtures: &Path, port: u16) -> FixtureServer {
        let server = Arc::new(Server::http(("127.0.0.1", port)).expect("bind 127.0.0.1"));
        let port = server
            .server_addr()
            .to_ip()
            .map(|a| a.port())
            .expect("an IP address");
        let state = Arc::new(Mutex::new(State::default()));
        let data = Arc::new(Data::load(realdata, fixtures));
        // A few threads, so a delayed or endless answer does not hold up the next request.
        let threads = (0..4)
            .map(|_| {
                let server = Arc::clone(&server);
                let state = Arc::clone(&state);
                let data = Arc::clone(&data);
                std::thread::spawn(move || {
                    while let Ok(req) = server.recv() {
                        handle(req, &state, &data);
                    }
                })
            })
            .collect();
        FixtureServer {
            url: format!("http://127.0.0.1:{port}"),
            server,
            state,
            data,
            threads,
        }
    }

    /// Arms a fault for requests whose path, query or SOAP action contains `matches`.
    pub fn arm(&self, matches: &str, fault: Fault, times: Option<usize>) {
        self.state.lock().expect("state").faults.push(Armed {
            matches: matches.into(),
            fault,
            times,
        });
    }

    pub fn disarm(&self) {
        self.state.lock().expect("state").faults.clear();
    }

    /// The requests served so far ("GET /notubiz/events?..." or "POST /ibabs GetLists").
    pub fn log(&self) -> Vec<String> {
        self.state.lock().expect("state").log.clone()
    }

    /// openbesluitvorming's export (under `/obv`), to arm its changes and limits.
    pub fn obv(&self) -> &obv::Obv {
        &self.data.obv
    }

    pub fn count(&self, part: &str) -> usize {
        self.log().iter().filter(|l| l.contains(part)).count()
    }
}

impl Drop for FixtureServer {
    fn drop(&mut self) {
        self.server.unblock();
        for _ in 1..self.threads.len() {
            self.server.unblock();
        }
        // The threads end once unblocked; an endless answer still being written ends when
        // its client hangs up.
        self.threads.clear();
    }
}

/// The recorded responses, read once.
struct Data {
    notubiz_meetings: Vec<(String, String, Vec<u8>)>,
    notubiz_motions: Vec<Value>,
    notubiz_promises: Vec<u8>,
    ibabs: Vec<(&'static str, Vec<u8>)>,
    tk_zaken: Vec<Value>,
    tk_stemmingen: Vec<Value>,
    tk_promises: Vec<u8>,
    ori: Vec<u8>,
    pdf: Vec<u8>,
    /// The recorded official publications, by their DocumentPublicatie id.
    publications: std::collections::HashMap<String, Vec<u8>>,
    /// openbesluitvorming's export: records made in code, with its own state.
    obv: obv::Obv,
}

fn read(path: PathBuf) -> Vec<u8> {
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json_of(path: PathBuf) -> Value {
    serde_json::from_slice(&read(path)).expect("recorded JSON")
}

impl Data {
    fn load(realdata: &Path, fixtures: &Path) -> Data {
        let mut notubiz_meetings = Vec::new();
        for f in [
            "ori-openstate/notubiz_meeting_amsterdam.json",
            "notubiz-python-notubiz/notubiz_eindhoven_meeting_1147925.json",
        ] {
            let bytes = read(realdata.join(f));
            let v: Value = serde_json::from_slice(&bytes).expect("meeting JSON");
            let m = v.get("meeting").unwrap_or(&v);
            let id = m["id"].to_string().trim_matches('"').to_owned();
            let stamp = m
                .get("last_modified")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned();
            notubiz_meetings.push((id, stamp, bytes));
        }
        let dir = realdata.join("notubiz-ibabs-openbesluitvorming");
        let notubiz_motions = [
            "notubiz_alkmaar_motions.json",
            "notubiz_altena_motions.json",
        ]
        .iter()
        .flat_map(|f| {
            json_of(dir.join(f))["items"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .collect();
        let ibabs = vec![
            ("GetLists", read(dir.join("ibabs_lists_response.xml"))),
            (
                "GetListsEntriesByFilterRequest",
                read(dir.join("ibabs_list_entries_response.xml")),
            ),
            (
                "GetListEntry",
                read(dir.join("ibabs_list_entry_response.xml")),
            ),
            (
                "GetListEntryVotesByListEntryId",
                read(dir.join("ibabs_list_entry_votes_response.xml")),
            ),
            (
                "GetMeetingsByDateRange",
                read(fixtures.join("registers/ibabs_meetings.xml")),
            ),
        ];
        let mut zaak_files: Vec<PathBuf> = std::fs::read_dir(realdata.join("tk-motions/zaak"))
            .expect("zaak folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        zaak_files.sort();
        let tk_zaken = zaak_files.into_iter().map(json_of).collect();
        let tk_stemmingen = json_of(realdata.join("tk-motions/stemming_odata.json"))["value"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let publications = std::fs::read_dir(realdata.join("tk-motions/publicatie"))
            .expect("publicatie folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter_map(|p| {
                let id = p.file_stem()?.to_string_lossy().to_string();
                Some((id, read(p)))
            })
            .collect();
        Data {
            publications,
            notubiz_meetings,
            notubiz_motions,
            notubiz_promises: read(fixtures.join("registers/notubiz_toezeggingen.json")),
            ibabs,
            tk_zaken,
            tk_stemmingen,
            tk_promises: read(fixtures.join("registers/tk_toezeggingen.json")),
            ori: read(fixtures.join("registers/ori_meeting.json")),
            pdf: read(fixtures.join("formats/antwoorden-mensenhandel.pdf")),
            obv: obv::Obv::new(),
        }
    }
}

fn query_param(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == name).then(|| v.to_owned())
    })
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("header")
}

/// A reader that never ends.
struct Endless;

impl Read for Endless {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        buf.fill(b' ');
        Ok(buf.len())
    }
}

fn handle(mut req: tiny_http::Request, state: &Mutex<State>, data: &Data) {
    let method = req.method().to_string();
    let url = req.url().to_owned();
    let action = req
        .headers()
        .iter()
        .find(|h| h.field.equiv("SOAPAction"))
        .map(|h| {
            let v = h.value.as_str().trim_matches('"');
            v.rsplit('/').next().unwrap_or(v).to_owned()
        })
        .unwrap_or_default();
    let mut body = String::new();
    let _ = req.as_reader().read_to_string(&mut body);
    let line = format!("{method} {url} {action}").trim_end().to_owned();
    let fault = {
        let mut s = state.lock().expect("state");
        s.log.push(line.clone());
        let found = s
            .faults
            .iter_mut()
            .find(|a| line.contains(&a.matches) && a.times != Some(0));
        found.map(|a| {
            if let Some(t) = a.times.as_mut() {
                *t -= 1;
            }
            a.fault.clone()
        })
    };
    let (path, query) = url.split_once('?').unwrap_or((url.as_str(), ""));
    let mut extra = Vec::new();
    let answer = match data.obv.answer(path, query) {
        Some((status, content_type, bytes, headers)) => {
            extra = headers;
            Some((status, content_type, bytes))
        }
        None => route(path, query, &action, &body, data),
    };
    let (status, content_type, bytes) = match answer {
        Some(a) => a,
        None => (404, "text/plain", b"not found".to_vec()),
    };
    let _ = match fault {
        Some(Fault::Status(code, retry)) => {
            let mut r = Response::from_string(format!("HTTP {code}")).with_status_code(code);
            if let Some(s) = retry {
                r = r.with_header(header("Retry-After", &s.to_string()));
            }
            req.respond(r)
        }
        Some(Fault::Delay(d)) => {
            std::thread::sleep(d);
            req.respond(Response::from_data(bytes).with_status_code(status))
        }
        Some(Fault::Malformed) => {
            let cut = bytes[..bytes.len() / 2].to_vec();
            req.respond(
                Response::from_data(cut)
                    .with_header(header("Content-Type", content_type))
                    .with_status_code(status),
            )
        }
        Some(Fault::Endless) => req.respond(Response::new(
            200.into(),
            vec![header("Content-Type", content_type)],
            Endless,
            None,
            None,
        )),
        None => {
            let mut r = Response::from_data(bytes)
                .with_header(header("Content-Type", content_type))
                .with_status_code(status);
            for h in extra {
                r = r.with_header(h);
            }
            req.respond(r)
        }
    };
}

type Answer = Option<(u16, &'static str, Vec<u8>)>;

fn ok_json(v: &Value) -> Answer {
    Some((200, "application/json", v.to_string().into_bytes()))
}

fn route(path: &str, query: &str, action: &str, body: &str, data: &Data) -> Answer {
    let page = query_param(query, "page")
        .and_then(|p| p.parse::<usize>().ok())
        .unwrap_or(1);
    if path == "/notubiz/events" {
        // One meeting a page.
        let total = data.notubiz_meetings.len();
        let events: Vec<Value> = data
            .notubiz_meetings
            .get(page - 1)
            .map(|(id, stamp, _)| {
                json!({"id": id.parse::<i64>().unwrap_or(0), "type": "meeting",
                       "self": format!("api.notubiz.nl/events/meetings/{id}"),
                       "last_modified": stamp})
            })
            .into_iter()
            .collect();
        return ok_json(
            &json!({"pagination": {"page": page, "total_pages": total}, "events": events}),
        );
    }
    if let Some(id) = path.strip_prefix("/notubiz/events/meetings/") {
        let (_, _, bytes) = data.notubiz_meetings.iter().find(|(m, _, _)| m == id)?;
        return Some((200, "application/json", bytes.clone()));
    }
    if path == "/notubiz/modules/6/items" {
        // Two motions a page.
        let all = &data.notubiz_motions;
        let start = (page - 1) * 2;
        let items: Vec<Value> = all.iter().skip(start).take(2).cloned().collect();
        let end = (start + items.len()).min(all.len());
        return ok_json(&json!({
            "pagination": {"list_start": start, "list_end": end, "total_results": all.len()},
            "items": items,
        }));
    }
    if path == "/notubiz/modules/3/items" {
        if page > 1 {
            return ok_json(
                &json!({"pagination": {"list_start": 0, "list_end": 0, "total_results": 0}, "items": []}),
            );
        }
        return Some((200, "application/json", data.notubiz_promises.clone()));
    }
    if path.starts_with("/notubiz/document/") {
        return Some((200, "application/pdf", data.pdf.clone()));
    }
    if path == "/ibabs" {
        let (_, bytes) = data.ibabs.iter().find(|(a, _)| *a == action)?;
        return Some((200, "text/xml; charset=utf-8", bytes.clone()));
    }
    if let Some(rest) = path.strip_prefix("/tk/DocumentPublicatie(") {
        let id = rest.strip_suffix(")/Resource")?;
        let bytes = data.publications.get(id)?;
        return Some((200, "application/xml", bytes.clone()));
    }
    if let Some(set) = path.strip_prefix("/tk/") {
        let skip = query_param(query, "$skip")
            .or_else(|| query_param(query, "%24skip"))
            .and_then(|s| s.parse::<usize>().ok())
            .unwrap_or(0);
        let (records, size): (&[Value], usize) = match set {
            "Zaak" => (&data.tk_zaken, 40),
            "Stemming" => (&data.tk_stemmingen, 500),
            "Toezegging" => return Some((200, "application/json", data.tk_promises.clone())),
            _ => return None,
        };
        let page: Vec<Value> = records.iter().skip(skip).take(size).cloned().collect();
        let mut answer = json!({"@odata.context": format!("$metadata#{set}"), "value": page});
        if skip + size < records.len() {
            answer["@odata.nextLink"] = json!(format!("{set}?$skip={}", skip + size));
        }
        return ok_json(&answer);
    }
    if path.starts_with("/ori/") && path.ends_with("/_search") {
        let from = serde_json::from_str::<Value>(body)
            .ok()
            .and_then(|b| b.get("from").and_then(Value::as_u64))
            .unwrap_or(0);
        if from > 0 {
            return ok_json(&json!({"hits": {"total": {"value": 0}, "hits": []}}));
        }
        return Some((200, "application/json", data.ori.clone()));
    }
    None
}
