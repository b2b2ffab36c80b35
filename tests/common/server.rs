//! A local HTTP server on 127.0.0.1 that plays the councils' registers from the recorded
//! responses in `../shared/realdata` (and the repository's own fixtures where nothing was
//! recorded), in the shapes their APIs answer in: NotuBiz under `/notubiz` (its rules in
//! `server/notubiz.rs`), iBabs's SOAP
//! service at `/ibabs`, the Tweede Kamer's OData under `/tk`, Open Raadsinformatie's search
//! under `/ori`; GemeenteOplossingen under `/go` ([`go`]) and Parlaeus under `/parlaeus`
//! ([`parlaeus`]), made in code. Listings are split into pages so that paging is followed.
//!
//! Faults can be armed per path: an HTTP status (429 with `Retry-After`, 500) a number of
//! times, a delay longer than the client's time limit, a malformed body, a body that never
//! ends. Every request is logged, so a test can count what was fetched.

pub mod go;
pub mod parlaeus;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;
use tiny_http::{Header, Response, Server};

pub mod ibabs;
mod notubiz;
pub mod obv;
mod ori;
mod tk;

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
    ibabs: Arc<ibabs::Service>,
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
        let ibabs = Arc::clone(&data.ibabs);
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
            ibabs,
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

    /// The iBabs service, to change how it is played (its budget, a blocked address).
    pub fn ibabs(&self) -> &ibabs::Service {
        &self.ibabs
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
    notubiz: notubiz::Data,
    ibabs: Arc<ibabs::Service>,
    /// The Tweede Kamer's OData service (`server/tk.rs`).
    tk: tk::Tk,
    /// Open Raadsinformatie's search (`server/ori.rs`).
    ori: ori::Ori,
    pdf: Vec<u8>,
    /// openbesluitvorming's export: records made in code, with its own state.
    obv: obv::Obv,
}

fn read(path: PathBuf) -> Vec<u8> {
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

impl Data {
    fn load(realdata: &Path, fixtures: &Path) -> Data {
        let ibabs = Arc::new(ibabs::Service::load(realdata, fixtures));
        Data {
            tk: tk::Tk::load(realdata, fixtures),
            notubiz: notubiz::Data::load(realdata, fixtures),
            ibabs,
            ori: ori::Ori::load(fixtures),
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
    let host = req
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_owned())
        .unwrap_or_default();
    let mut extra = Vec::new();
    let answer = match data.obv.answer(path, query) {
        Some((status, content_type, bytes, headers)) => {
            extra = headers;
            Some((status, content_type, bytes))
        }
        None => route(path, query, &action, &body, &host, data),
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

/// The installations of `system` that Raadsvolger's councils table names (its `data/
/// councils.tsv`): (key, base URL, openbesluitvorming key). The test server plays them too, so
/// that a first run for a council of the table, with `--register-base` pointing here, finds
/// its installation: a GemeenteOplossingen or Parlaeus council's address is mirrored as
/// `/<system>/<host><path>` (src-tauri `add_source`).
fn catalogue(system: &str) -> Vec<(String, String, String)> {
    const TABLE: &str = include_str!("../../data/councils.tsv");
    TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("name\t"))
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() > 6 && f[2] == system)
                .then(|| (f[3].to_owned(), f[4].to_owned(), f[6].to_owned()))
        })
        .collect()
}

/// The openbesluitvorming keys of the councils table.
fn catalogue_obv_keys() -> Vec<String> {
    ["notubiz", "ibabs", "go", "parlaeus"]
        .iter()
        .flat_map(|system| catalogue(system))
        .map(|(_, _, obv)| obv)
        .filter(|k| !k.is_empty())
        .collect()
}

/// The host and path of a catalogue's address, as the mirror names it:
/// "https://raad.example.nl/api" -> "raad.example.nl/api".
fn mirrored(url: &str) -> &str {
    url.split_once("://").map(|(_, r)| r).unwrap_or(url)
}

fn ok_json(v: &Value) -> Answer {
    Some((200, "application/json", v.to_string().into_bytes()))
}

fn route(path: &str, query: &str, action: &str, body: &str, host: &str, data: &Data) -> Answer {
    if let Some(rest) = path.strip_prefix("/go/") {
        return go::route(rest, query, &data.pdf);
    }
    if path.starts_with("/parlaeus/") {
        return parlaeus::route(path, query, host, &data.pdf);
    }
    if let Some(rest) = path.strip_prefix("/notubiz") {
        return notubiz::route(rest, query, &data.notubiz, &data.pdf);
    }
    if path == "/ibabs" {
        return Some(data.ibabs.answer(action, body));
    }
    // The Tweede Kamer: /tk (recorded), /tk-bulk and /tk-early (synthesised volume).
    if let Some((name, rest)) = path
        .strip_prefix('/')
        .and_then(|p| p.split_once('/'))
        .filter(|(name, _)| name.starts_with("tk"))
    {
        return data.tk.route(name, rest, query);
    }
    if let Some(index) = path
        .strip_prefix("/ori/")
        .and_then(|p| p.strip_suffix("/_search"))
    {
        return data.ori.route(index, body);
    }
    None
}
