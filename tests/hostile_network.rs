//! Where a sync may go, and how long it keeps at what fails: a small Parlaeus endpoint on
//! 127.0.0.1, made here, whose one agenda attaches the documents each test chooses. The
//! source's base URL is that endpoint, so 127.0.0.1 at its port is the source's own address;
//! `localhost` at the same port is the same server under another host name, which a
//! register's link must not reach. Nothing here leaves 127.0.0.1.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use raadsvolger_core::Archive;
use raadsvolger_core::sync::{HttpConfig, SourceSpec, SyncOptions, SyncReport, System};
use raadsvolger_tests::{empty_archive, quick_http};
use tiny_http::{Header, Response, Server};

const SESSION: &str = "sessie-1";
const ENDPOINT: &str = "/p/opendata";

/// The endpoint: its address, the documents its agenda attaches, and the requests it served
/// (their paths).
struct Endpoint {
    base: String,
    port: u16,
    links: Arc<Mutex<Vec<String>>>,
    log: Arc<Mutex<Vec<String>>>,
    server: Arc<Server>,
}

impl Endpoint {
    fn start() -> Endpoint {
        let server = Arc::new(Server::http("127.0.0.1:0").expect("bind 127.0.0.1"));
        let port = server
            .server_addr()
            .to_ip()
            .map(|a| a.port())
            .expect("an IP address");
        let links = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::new(Mutex::new(Vec::new()));
        for _ in 0..2 {
            let (server, links, log) = (server.clone(), links.clone(), log.clone());
            std::thread::spawn(move || {
                while let Ok(req) = server.recv() {
                    answer(req, port, &links, &log);
                }
            });
        }
        Endpoint {
            base: format!("http://127.0.0.1:{port}{ENDPOINT}"),
            port,
            links,
            log,
            server,
        }
    }

    /// The documents the agenda attaches, by address.
    fn attach(&self, links: &[String]) {
        *self.links.lock().expect("links") = links.to_vec();
    }

    /// A path on this server under the source's own address.
    fn own(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Requests whose path starts with `path`.
    fn hits(&self, path: &str) -> usize {
        self.log
            .lock()
            .expect("log")
            .iter()
            .filter(|p| p.starts_with(path))
            .count()
    }

    fn spec(&self) -> SourceSpec {
        SourceSpec {
            system: Some(System::Parlaeus),
            key: SESSION.into(),
            base_url: Some(self.base.clone()),
            from: "2024-01-01".parse().ok(),
            to: "2024-12-31".parse().ok(),
            topics: Vec::new(),
        }
    }
}

impl Drop for Endpoint {
    fn drop(&mut self) {
        self.server.unblock();
        self.server.unblock();
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("header")
}

fn json(v: serde_json::Value) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(v.to_string().into_bytes())
        .with_header(header("Content-Type", "application/json"))
}

fn answer(
    req: tiny_http::Request,
    port: u16,
    links: &Mutex<Vec<String>>,
    log: &Mutex<Vec<String>>,
) {
    let url = req.url().to_owned();
    log.lock().expect("log").push(url.clone());
    let (path, query) = url.split_once('?').unwrap_or((url.as_str(), ""));
    let param = |name: &str| {
        query
            .split('&')
            .find_map(|kv| kv.strip_prefix(&format!("{name}=")).map(str::to_owned))
    };
    let text = |s: &str| Response::from_data(s.as_bytes().to_vec());
    let _ = match path {
        ENDPOINT => match param("fn").as_deref() {
            Some("agenda_list") => req.respond(json(serde_json::json!({"status": 200,
                "list": [{"agid": "a1", "date": "20240125", "time": "19:30", "last_change": 1}]}))),
            Some("cie_list") => req.respond(json(serde_json::json!({"status": 200, "list": []}))),
            Some("agenda_detail") => {
                let documents: Vec<serde_json::Value> = links
                    .lock()
                    .expect("links")
                    .iter()
                    .enumerate()
                    .map(|(i, link)| {
                        serde_json::json!({"dcid": format!("d{i}"),
                            "title": format!("Stuk {i}"), "link": link})
                    })
                    .collect();
                req.respond(json(serde_json::json!({"status": 200, "agenda": {
                    "agid": "a1", "cmid": "c1", "committeecode": "RAAD", "title": "Raad",
                    "date": "20240125", "time": "19:30", "cancelled": 0,
                    "points": [{"apid": "p1", "number": "1", "title": "Fietspad",
                                "documents": documents}]}})))
            }
            _ => req.respond(json(serde_json::json!({"status": 400, "message": "?"}))),
        },
        // The Tweede Kamer's OData, whose first page sends the listing on to this computer
        // under another name.
        "/tk/Zaak" => req.respond(json(serde_json::json!({"value": [],
            "@odata.nextLink": format!("http://localhost:{port}/secret/Zaak?$skip=250")}))),
        "/doc/ok.txt" => req.respond(text("Het fietspad langs de Dorpsstraat wordt verbreed.")),
        "/doc/secret.txt" => req.respond(text("Alleen voor deze computer.")),
        "/doc/gone.txt" => req.respond(text("weg").with_status_code(404)),
        "/doc/busy.txt" => req.respond(
            text("druk")
                .with_status_code(503)
                .with_header(header("Retry-After", "30")),
        ),
        // Moved within the source's own address: followed.
        "/doc/moved.txt" => req.respond(
            text("")
                .with_status_code(302)
                .with_header(header("Location", "/doc/ok.txt")),
        ),
        // Sent on to this computer under another name: not followed.
        "/doc/jump.txt" => req.respond(text("").with_status_code(302).with_header(header(
            "Location",
            &format!("http://localhost:{port}/doc/secret.txt"),
        ))),
        _ => req.respond(text("not found").with_status_code(404)),
    };
}

fn options() -> SyncOptions<'static> {
    SyncOptions {
        http: quick_http(2),
        downloads: true,
        ..SyncOptions::default()
    }
}

fn sync(archive: &Archive, e: &Endpoint) -> SyncReport {
    archive
        .sync(&e.spec(), &options())
        .unwrap_or_else(|err| panic!("sync: {err}"))
}

#[test]
fn a_link_to_this_computer_under_another_name_is_not_fetched() {
    let e = Endpoint::start();
    e.attach(&[
        e.own("/doc/ok.txt"),
        format!("http://localhost:{}/doc/secret.txt", e.port),
        format!("https://localhost:{}/doc/secret.txt", e.port),
    ]);
    let (_dir, archive) = empty_archive();
    let r = sync(&archive, &e);
    assert_eq!(e.hits("/doc/ok.txt"), 1, "{:?}", r.problems);
    assert_eq!(e.hits("/doc/secret.txt"), 0, "{:?}", e.log);
    assert_eq!(r.counts.documents, 1, "{:?}", r.problems);
    let failed = &r.source.failed_downloads;
    assert_eq!(failed.len(), 2, "{failed:?}");
    let why = |url_start: &str| {
        failed
            .iter()
            .find(|d| d.url.starts_with(url_start))
            .and_then(|d| d.error.clone())
            .unwrap_or_default()
    };
    assert!(
        why("http://localhost").contains("not over https"),
        "{failed:?}"
    );
    assert!(
        why("https://localhost").contains("not a host of Parlaeus"),
        "{failed:?}"
    );
}

#[test]
fn a_redirect_is_followed_only_where_a_link_may_go() {
    let e = Endpoint::start();
    e.attach(&[e.own("/doc/moved.txt"), e.own("/doc/jump.txt")]);
    let (_dir, archive) = empty_archive();
    let r = sync(&archive, &e);
    // Within the source's own address: followed and imported.
    assert_eq!(e.hits("/doc/ok.txt"), 1, "{:?}", r.problems);
    assert_eq!(r.counts.documents, 1, "{:?}", r.problems);
    // To this computer under another name: refused before it is asked.
    assert_eq!(e.hits("/doc/jump.txt"), 1);
    assert_eq!(e.hits("/doc/secret.txt"), 0, "{:?}", e.log);
    let failed = &r.source.failed_downloads;
    assert_eq!(failed.len(), 1, "{failed:?}");
    let error = failed[0].error.as_deref().unwrap_or_default();
    assert!(
        error.contains("redirected to http://localhost") && error.contains("not followed"),
        "{error}"
    );
}

#[test]
fn a_download_that_keeps_failing_is_tried_three_syncs_and_then_left_with_its_reason() {
    let e = Endpoint::start();
    e.attach(&[e.own("/doc/gone.txt"), e.own("/doc/ok.txt")]);
    let (_dir, archive) = empty_archive();
    let mut last = None;
    for _ in 0..5 {
        last = Some(sync(&archive, &e));
    }
    let r = last.expect("synced");
    assert_eq!(e.hits("/doc/gone.txt"), 3, "{:?}", e.log);
    assert_eq!(e.hits("/doc/ok.txt"), 1);
    let failed = &r.source.failed_downloads;
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(failed[0].attempts, 3);
    assert!(
        failed[0]
            .error
            .as_deref()
            .is_some_and(|e| e.contains("404")),
        "{failed:?}"
    );
    // Nothing left to fetch: the last syncs asked nothing of it.
    assert_eq!(r.source.pending_downloads, 0);
    assert!(r.problems.is_empty(), "{:?}", r.problems);

    // The user asks for another try: the next sync fetches it once more, and only it.
    assert_eq!(archive.retry_downloads(r.source.id).expect("retry"), 1);
    let again = sync(&archive, &e);
    assert_eq!(e.hits("/doc/gone.txt"), 4, "{:?}", e.log);
    assert_eq!(e.hits("/doc/ok.txt"), 1);
    assert_eq!(again.source.failed_downloads.len(), 1);
    assert_eq!(again.source.failed_downloads[0].attempts, 1);
    assert_eq!(archive.retry_downloads(r.source.id).expect("retry"), 1);
    assert!(archive.retry_downloads(r.source.id + 1000).is_err());
}

#[test]
fn stopping_a_sync_ends_its_wait_between_tries() {
    let e = Endpoint::start();
    e.attach(&[e.own("/doc/busy.txt")]);
    let (_dir, archive) = empty_archive();
    let stop = AtomicBool::new(false);
    let options = SyncOptions {
        // The register asks for 30 s between tries; a stop must not wait for them.
        http: HttpConfig {
            backoff: Duration::from_secs(20),
            max_wait: Duration::from_secs(60),
            ..quick_http(5)
        },
        cancel: Some(&stop),
        ..options()
    };
    let stopped_at = std::thread::scope(|scope| {
        let watcher = scope.spawn(|| {
            let start = Instant::now();
            while e.hits("/doc/busy.txt") == 0 && start.elapsed() < Duration::from_secs(30) {
                std::thread::sleep(Duration::from_millis(20));
            }
            // The first try was answered 503: the sync is in its wait now.
            std::thread::sleep(Duration::from_millis(200));
            stop.store(true, Ordering::Relaxed);
            Instant::now()
        });
        let r = archive.sync(&e.spec(), &options).expect("a stopped sync");
        let stopped_at = watcher.join().expect("watcher");
        assert!(r.cancelled, "{r:?}");
        (stopped_at, Instant::now())
    });
    let (asked, ended) = stopped_at;
    assert!(
        ended.duration_since(asked) < Duration::from_secs(3),
        "the sync went on for {:?} after it was stopped",
        ended.duration_since(asked)
    );
    assert_eq!(e.hits("/doc/busy.txt"), 1);
    assert_eq!(
        archive.sources().expect("sources")[0].last_status,
        "cancelled"
    );
}

#[test]
fn an_odata_next_link_elsewhere_is_neither_followed_nor_kept() {
    let e = Endpoint::start();
    let (_dir, archive) = empty_archive();
    let spec = SourceSpec {
        system: Some(System::Tk),
        base_url: Some(format!("http://127.0.0.1:{}/tk", e.port)),
        ..SourceSpec::default()
    };
    for _ in 0..2 {
        let err = archive
            .sync(&spec, &options())
            .expect_err("the listing stops");
        let said = err.to_string();
        assert!(
            said.contains("http://localhost:") && said.contains("not fetched"),
            "{said}"
        );
    }
    assert_eq!(e.hits("/secret"), 0, "{:?}", e.log);
    // The link was not kept as the place to resume from: each sync asked the first page.
    assert_eq!(e.hits("/tk/Zaak"), 2, "{:?}", e.log);
}
