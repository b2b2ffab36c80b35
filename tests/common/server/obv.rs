//! openbesluitvorming's bulk export, under `/obv`: `/obv/api/export/snapshot` and
//! `/obv/api/export/changes` for one source, `dorpstad`, whose records are made here in the
//! shapes of ontola/openbesluitvorming's `schemas/` (all names and texts invented). Each rule
//! names where the real service says or does it:
//!
//! - API.md "Bulk export"; `web/server.ts` (the two routes, `ndjsonResponse`,
//!   `validateExportSource`); `src/exports/log.ts` (`readSnapshot`, `readChanges`,
//!   `clampLimit`, `parseChangesCursor`) for paging and cursors;
//! - API.md "Record format" and `src/types.ts` `ExportChangeRecord` for the lines;
//! - API.md "Rate limits"; `web/rate_limit.ts` (`RateLimiter.consume`) and `web/server.ts`
//!   (`applyRateLimitHeaders`, `rateLimitedResponse`) for the budget and the 429.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tiny_http::Header;

use super::header;

/// The source key served; any other is refused.
pub const SOURCE: &str = "dorpstad";
const PREFIX: &str = "notubiz:gemeente:dorpstad";

/// An answer with its own headers.
pub type ObvAnswer = (u16, &'static str, Vec<u8>, Vec<Header>);

struct Bucket {
    capacity: f64,
    window: Duration,
    tokens: f64,
    updated: Instant,
}

impl Bucket {
    fn new(capacity: u32, window: Duration) -> Bucket {
        Bucket {
            capacity: f64::from(capacity),
            window,
            tokens: f64::from(capacity),
            updated: Instant::now(),
        }
    }

    fn per_second(&self) -> f64 {
        self.capacity / self.window.as_secs_f64()
    }
}

struct State {
    /// The change log, oldest first; a record's `seq` is its place here (log.ts: `seq` starts
    /// at 0 and grows by one per source).
    log: Vec<Value>,
    bucket: Bucket,
    /// The most records a page holds (log.ts `EXPORT_BATCH_LIMIT_MAX` is 1000; a test lowers
    /// it to see paging without thousands of records).
    page_max: usize,
    /// Entities whose line the snapshot serves cut off (a malformed line).
    broken: Vec<String>,
    rate_limited: usize,
    published: bool,
}

/// The service's state: its records, the client's budget, what it answered.
pub struct Obv {
    state: Mutex<State>,
}

fn id(kind: &str, n: u32) -> String {
    format!("{kind}:{PREFIX}:{n}")
}

fn record(seq: usize, op: &str, kind: &str, entity: &str, payload: Option<Value>) -> Value {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    payload.as_ref().map(Value::to_string).hash(&mut h);
    let hash = format!("{:016x}", h.finish());
    // The fields of src/types.ts ExportChangeRecord; a delete has no payload (API.md).
    let mut r = json!({
        "seq": seq,
        "op": op,
        "time": format!("2026-03-{:02}T08:00:00.000Z", 13 + seq % 10),
        "entity_id": entity,
        "entity_type": kind,
        "source_key": SOURCE,
        "supplier": "notubiz",
        "commit_id": format!("commit:{entity}:{hash}"),
        "content_hash": format!("sha256:{hash}"),
        "schema_version": "v1alpha1",
    });
    if let Some(p) = payload {
        r["payload"] = p;
    }
    r
}

fn doc(n: u32, name: &str, meeting: u32) -> Value {
    // schemas/document.schema.json as compactEntityPayload writes it: no text, the markdown's
    // object key in derived_content.
    json!({
        "type": "Document",
        "name": name,
        "original_url": format!("https://api.notubiz.nl/document/{n}/1"),
        "file_name": format!("stuk-{n}.pdf"),
        "content_type": "application/pdf",
        "is_referenced_by": id("meeting", meeting),
        "organization": "organization:nl:gemeente:dorpstad",
        "derived_content": {"markdown_key": format!("documents/dorpstad/{n}.md")},
    })
}

fn motion_groen(corrected: bool) -> Value {
    // schemas/motion.schema.json: outcome, tally and per-member votes (vote.schema.json's
    // option, voter, group plus the names).
    let vote = |option: &str, person: u32, name: &str, party: u32, group: &str| {
        json!({"option": option, "voter": id("person", person), "voter_name": name,
               "group": id("party", party), "group_name": group})
    };
    json!({
        "type": "Motion",
        "name": if corrected { "M12 Meer groen in de wijken" } else { "M12 Meer groen in de wijk" },
        "classification": ["Motie"],
        "motion_type": "Motie",
        "status": "Motie aangenomen",
        "result": "aangenomen",
        "date": "2026-03-12",
        "proposers": ["A. de Boer (Groen Dorp)"],
        "parties": ["Groen Dorp"],
        "votes": [
            vote("voor", 61, "Boer, Anna de", 71, "Groen Dorp"),
            vote(if corrected { "voor" } else { "tegen" }, 62, "Smit, Karel", 72, "Dorpsbelang"),
            vote("voor", 63, "Jansen, Pieter", 72, "Dorpsbelang"),
        ],
        "tally": if corrected { json!({"in_favour": 15, "against": 6}) } else { json!({"in_favour": 14, "against": 7}) },
        "meeting": id("meeting", 7001),
        "agenda_item": id("agenda_item", 2),
        "attachment": [id("document", 502)],
        "organization": "organization:nl:gemeente:dorpstad",
    })
}

/// The records of the first harvest.
fn first_log() -> Vec<Value> {
    let committee = |n: u32, name: &str| {
        (
            "Committee",
            id("committee", n),
            json!({"type": "Committee", "name": name, "classification": ["Committee"]}),
        )
    };
    let entities: Vec<(&str, String, Value)> = vec![
        committee(31, "Gemeenteraad"),
        committee(32, "Commissie Ruimte"),
        (
            "Document",
            id("document", 501),
            doc(501, "Raadsvoorstel Noordrand", 7001),
        ),
        (
            "Document",
            id("document", 502),
            doc(502, "Motie Meer groen", 7001),
        ),
        (
            "Document",
            id("document", 503),
            doc(503, "Besluitenlijst commissie", 7002),
        ),
        (
            "Meeting",
            id("meeting", 7001),
            // schemas/meeting.schema.json: start_date an instant (UTC; 19:30 Dutch time),
            // agenda items with their documents and sub-items.
            json!({
                "type": "Meeting",
                "name": "Gemeenteraad 12 maart 2026",
                "classification": ["Agenda"],
                "status": "EventConfirmed",
                "location": "Raadzaal",
                "start_date": "2026-03-12T18:30:00.000Z",
                "end_date": "2026-03-12T22:00:00.000Z",
                "organization": "organization:nl:gemeente:dorpstad",
                "committee": id("committee", 31),
                "agenda": [
                    {"id": id("agenda_item", 1), "number": "1", "title": "Opening", "order": 1},
                    {"id": id("agenda_item", 2), "number": "2", "title": "Woningbouw Noordrand",
                     "order": 2,
                     "documents": [{"id": id("document", 501), "name": "Raadsvoorstel Noordrand",
                                    "original_url": "https://api.notubiz.nl/document/501/1"}],
                     "agenda_items": [{"id": id("agenda_item", 3), "number": "2a",
                                       "title": "Stemverklaringen"}]}
                ],
                "attachment": [id("document", 501), id("document", 502)],
            }),
        ),
        (
            "Meeting",
            id("meeting", 7002),
            json!({
                "type": "Meeting",
                "name": "Commissie Ruimte 3 maart 2026",
                "classification": ["Agenda"],
                "start_date": "2026-03-03T19:00:00.000Z",
                "committee": id("committee", 32),
                "agenda": [{"id": id("agenda_item", 4), "number": "1", "title": "Verkeersplan centrum"}],
                "attachment": [id("document", 503)],
            }),
        ),
        ("Motion", id("motion", 9001), motion_groen(false)),
        (
            "Motion",
            id("motion", 9002),
            // A NotuBiz amendment: no per-member votes, the clerk's summary verbatim
            // (motion.schema.json vote_summary).
            json!({
                "type": "Motion",
                "name": "A3 Fietspad langs de vaart",
                "motion_type": "Amendement",
                "status": "Verworpen",
                "result": "verworpen",
                "date": "2026-03-12",
                "vote_summary": "Stemmen voor: 8 Groen Dorp\nStemmen tegen: 13 Dorpsbelang",
                "agenda_item": id("agenda_item", 2),
            }),
        ),
        (
            "Motion",
            id("motion", 9003),
            json!({
                "type": "Motion",
                "name": "M14 Speeltuin aan het plein",
                "motion_type": "Motie",
                "status": "Ingetrokken",
                "result": "ingetrokken",
                "date": "2026-03-12",
                "agenda_item_hint": "punt 5",
            }),
        ),
        (
            "Party",
            id("party", 71),
            json!({"type": "Party", "name": "Groen Dorp", "classification": ["Party"]}),
        ),
        (
            "Person",
            id("person", 61),
            json!({"type": "Person", "name": "Anna de Boer", "party": id("party", 71)}),
        ),
        (
            "Recording",
            id("recording", 81),
            json!({"type": "Recording", "name": "Gemeenteraad 12 maart 2026", "media_type": "video",
                   "meeting": id("meeting", 7001)}),
        ),
    ];
    entities
        .into_iter()
        .enumerate()
        .map(|(seq, (kind, entity, payload))| record(seq, "upsert", kind, &entity, Some(payload)))
        .collect()
}

/// A query parameter, percent-decoded.
fn param(query: &str, name: &str) -> Option<String> {
    let raw = super::query_param(query, name)?;
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}

fn json_answer(status: u16, v: &Value, headers: Vec<Header>) -> ObvAnswer {
    (
        status,
        "application/json",
        v.to_string().into_bytes(),
        headers,
    )
}

impl Obv {
    pub fn new() -> Obv {
        Obv {
            state: Mutex::new(State {
                log: first_log(),
                // API.md "Rate limits": 60 units a minute per client.
                bucket: Bucket::new(60, Duration::from_secs(60)),
                page_max: 1000,
                broken: Vec::new(),
                rate_limited: 0,
                published: false,
            }),
        }
    }

    /// The harvest after the first: a meeting removed at the source, a motion corrected, a
    /// motion withdrawn from the register, a document added to an old meeting (API.md: "late
    /// mutations ..., corrections, and deletions").
    pub fn publish_changes(&self) {
        let mut s = self.state.lock().expect("obv state");
        if s.published {
            return;
        }
        s.published = true;
        let n = s.log.len();
        let changes = vec![
            record(n, "delete", "Meeting", &id("meeting", 7002), None),
            record(
                n + 1,
                "upsert",
                "Motion",
                &id("motion", 9001),
                Some(motion_groen(true)),
            ),
            record(n + 2, "delete", "Motion", &id("motion", 9003), None),
            record(
                n + 3,
                "upsert",
                "Document",
                &id("document", 504),
                Some(doc(504, "Nagekomen brief Noordrand", 7001)),
            ),
        ];
        s.log.extend(changes);
    }

    /// A budget of `capacity` units refilling over `window` (the real one: 60 over a minute).
    pub fn set_rate(&self, capacity: u32, window: Duration) {
        self.state.lock().expect("obv state").bucket = Bucket::new(capacity, window);
    }

    /// Spends the budget, as another program on the same address would.
    pub fn drain(&self) {
        let mut s = self.state.lock().expect("obv state");
        s.bucket.tokens = 0.0;
        s.bucket.updated = Instant::now();
    }

    pub fn set_page_max(&self, n: usize) {
        self.state.lock().expect("obv state").page_max = n.max(1);
    }

    /// The snapshot serves this entity's line cut off in the middle.
    pub fn break_line(&self, entity: &str) {
        self.state
            .lock()
            .expect("obv state")
            .broken
            .push(entity.into());
    }

    /// 429 answers given.
    pub fn rate_limited(&self) -> usize {
        self.state.lock().expect("obv state").rate_limited
    }

    /// An entity id of this source.
    pub fn entity(kind: &str, n: u32) -> String {
        id(kind, n)
    }

    /// Answers a request under `/obv`; None for a path it does not serve.
    pub fn answer(&self, path: &str, query: &str) -> Option<ObvAnswer> {
        let path = path.strip_prefix("/obv")?;
        if !path.starts_with("/api/") {
            return None;
        }
        let mut guard = self.state.lock().expect("obv state");
        let s = &mut *guard;
        // The budget (rate_limit.ts consume): a bucket of `capacity` units refilling
        // continuously; every /api/ request costs one unit (requestCost: export calls are 1).
        let now = Instant::now();
        let rate = s.bucket.per_second();
        let b = &mut s.bucket;
        b.tokens = (b.tokens + now.duration_since(b.updated).as_secs_f64() * rate).min(b.capacity);
        b.updated = now;
        let allowed = b.tokens >= 1.0;
        if allowed {
            b.tokens -= 1.0;
        }
        // server.ts applyRateLimitHeaders: Limit, Remaining (whole units, rounded down), Reset
        // (seconds until full, rounded up) on every answer.
        let mut headers = vec![
            header("RateLimit-Limit", &format!("{}", b.capacity as u64)),
            header(
                "RateLimit-Remaining",
                &format!("{}", b.tokens.max(0.0).floor() as u64),
            ),
            header(
                "RateLimit-Reset",
                &format!("{}", ((b.capacity - b.tokens) / rate).ceil() as u64),
            ),
        ];
        if !allowed {
            // server.ts rateLimitedResponse: 429, a JSON body, Retry-After in whole seconds
            // until one unit fits, at least 1.
            let retry = ((1.0 - b.tokens) / rate).ceil().max(1.0) as u64;
            headers.push(header("Retry-After", &retry.to_string()));
            s.rate_limited += 1;
            return Some(json_answer(
                429,
                &json!({"error": format!("te veel verzoeken; over {retry} s weer"),
                        "limit_per_minute": b.capacity as u64, "retry_after_seconds": retry}),
                headers,
            ));
        }
        // server.ts validateExportSource: `source` is required and must be a known key; 400
        // with a JSON error otherwise.
        let source = param(query, "source").unwrap_or_default();
        if source.trim().is_empty() {
            return Some(json_answer(
                400,
                &json!({"error": "de parameter source ontbreekt"}),
                headers,
            ));
        }
        // This server's own source, or one of the councils table's (served the same records,
        // so that a first run for a council of the table finds its source here).
        if source != SOURCE && !super::catalogue_obv_keys().contains(&source) {
            return Some(json_answer(
                400,
                &json!({"error": format!("source {source:?} is hier niet bekend")}),
                headers,
            ));
        }
        // log.ts clampLimit: not a number -> 500, else between 1 and 1000 (and this server's
        // page_max).
        let limit = param(query, "limit")
            .and_then(|l| l.parse::<f64>().ok())
            .filter(|l| l.is_finite())
            .map_or(500, |l| l.floor().clamp(1.0, 1000.0) as usize)
            .min(s.page_max);
        let cursor = param(query, "cursor");
        let head = s.log.len();
        let (lines, next, more, changes) = match path {
            "/api/export/snapshot" => {
                // readSnapshot: the latest record per entity, tombstones left out, ordered by
                // entity id, after the cursor (the previous page's last id); X-Changes-Cursor
                // is the log's head.
                let mut current: BTreeMap<String, &Value> = BTreeMap::new();
                for r in &s.log {
                    let e = r["entity_id"].as_str().unwrap_or_default().to_owned();
                    if r["op"] == "delete" {
                        current.remove(&e);
                    } else {
                        current.insert(e, r);
                    }
                }
                let after = cursor.clone().unwrap_or_default();
                let rows: Vec<(&String, &&Value)> =
                    current.iter().filter(|(e, _)| **e > after).collect();
                let more = rows.len() > limit;
                let page = &rows[..rows.len().min(limit)];
                let next = page.last().map_or(after, |(e, _)| (*e).clone());
                let lines: Vec<String> = page
                    .iter()
                    .map(|(e, r)| {
                        let line = r.to_string();
                        if s.broken.contains(*e) {
                            let mut cut = line.len() / 2;
                            while !line.is_char_boundary(cut) {
                                cut -= 1;
                            }
                            line[..cut].to_owned()
                        } else {
                            line
                        }
                    })
                    .collect();
                (lines, next, more, Some(head.to_string()))
            }
            "/api/export/changes" => {
                // readChanges: parseChangesCursor (empty is 0; not a whole number >= 0 is a
                // 400), records with seq >= cursor, next = last seq + 1, more while next < head.
                let from = match cursor.as_deref() {
                    None | Some("") => 0,
                    Some(c) => match c.parse::<usize>() {
                        Ok(n) => n,
                        Err(_) => {
                            return Some(json_answer(
                                400,
                                &json!({"error": "deze cursor komt niet uit een eerder antwoord"}),
                                headers,
                            ));
                        }
                    },
                };
                let page: Vec<&Value> = s.log.iter().skip(from).take(limit).collect();
                let next = page
                    .last()
                    .and_then(|r| r["seq"].as_u64())
                    .map_or(from, |q| q as usize + 1);
                let lines = page.iter().map(|r| r.to_string()).collect();
                (lines, next.to_string(), next < head, None)
            }
            _ => return None,
        };
        // server.ts ndjsonResponse: a line per record, each ended by a newline; an empty page
        // is an empty body.
        let mut body = String::new();
        for l in &lines {
            body.push_str(l);
            body.push('\n');
        }
        headers.push(header("X-Next-Cursor", &next));
        headers.push(header("X-Has-More", if more { "true" } else { "false" }));
        if let Some(c) = changes {
            headers.push(header("X-Changes-Cursor", &c));
        }
        Some((
            200,
            "application/x-ndjson; charset=utf-8",
            body.into_bytes(),
            headers,
        ))
    }
}

impl Default for Obv {
    fn default() -> Self {
        Obv::new()
    }
}
