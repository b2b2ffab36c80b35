//! NotuBiz's REST API (api.notubiz.nl) as the test server plays it, under `/notubiz`.
//!
//! Each rule names the public source it comes from:
//! - every call carries `format=json` and `version` (openstate/open-raadsinformatie
//!   `ocd_backend/extractors/notubiz.py` `default_query_params`; ontola/openbesluitvorming
//!   `src/notubiz/client.ts` `DEFAULT_QUERY`); a call without them is answered with an error
//!   here (what the service answers then is not documented: 400 with a message);
//! - `/events` takes `organisation_id`, `date_from` and `date_to` as `YYYY-MM-DD HH:MM:SS`
//!   and `page` (same two files, `listEvents` and `NotubizMeetingsExtractor.run`);
//! - an events page holds about 200 events and says whether more follow in
//!   `pagination.has_more_pages`, which is how the clients stop (open-raadsinformatie
//!   `extractors/notubiz.py`; openbesluitvorming `src/notubiz/extractor.ts`); it gives no
//!   `total_pages`;
//! - a window wider than about three months is answered `404 {"message": "An uncaught error
//!   has occurred"}` (openbesluitvorming `src/util/date_range.ts` and
//!   `src/notubiz/extractor.ts`: a year failed and a quarter worked at one organisation);
//! - an event's `permission_group` says whether it is public; the meeting of one that is not
//!   answers HTTP 200 `{"message": "No rights to see this meeting"}` (openbesluitvorming
//!   `src/notubiz/extractor.ts` `NotubizMeetingResponse`; open-raadsinformatie
//!   `extractors/notubiz.py`, which compares that message);
//! - `/events/meetings/<id>` answers `{"meeting": {...}}` (open-raadsinformatie reads
//!   `['meeting']`; RutgerRauws/python-notubiz reads `json_object["meeting"]`), the recorded
//!   meetings as recorded, other meetings made from them in code with other ids and dates;
//! - `/organisations/<id>/gremia` answers `{"gremia": [{id, title}]}` (open-raadsinformatie
//!   `extractors/notubiz.py` `NotubizCommitteesExtractor`,
//!   `transformers/notubiz_committee.py` reading `title`);
//! - `/organisations/<id>/modules` answers `{"modules": [{id, name, custom_name}]}`
//!   (openbesluitvorming `src/notubiz/client.ts` `listModules`; the recorded Alkmaar list);
//! - `/modules/<m>/items?organisation_id=` answers the module's items (the recorded motions).
//!
//! The organisations, by `organisation_id`:
//! - 952: the two recorded meetings (Amsterdam 2018, Eindhoven 2024) and a meeting that is
//!   not public; the recorded list of modules (3 Toezeggingen, 6 Moties) with the recorded
//!   motions and the repository's toezeggingen;
//! - 600: 600 meetings over the ten years 2016–2025, in three gremia;
//! - 201: 450 meetings in the first quarter of 2025, so three pages of events;
//! - 202: a listing that ignores `page` and always says more follow (no source: a guard);
//! - 1118: eight meetings in 2019, whose second quarter is refused with the 404 above all
//!   the same (which windows fail is not known; this one fails to show a window is skipped);
//! - 303: three meetings in 2025: one public, one not public, and one listed as public whose
//!   meeting answers "No rights" all the same;
//! - 777: no meetings; its own modules: Moties 21, Amendementen 22, Toezeggingen 9, and 6 is
//!   "Schriftelijke vragen".

use std::path::Path;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde_json::{Value, json};

use super::{Answer, ok_json, query_param, read};

/// Events on one page of the listing ("200 per pagina", as clients report).
const PAGE_SIZE: usize = 200;
/// The widest window served (three months and a day).
const WIDEST_WINDOW_DAYS: i64 = 93;
/// The API's date format.
const DATE_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// One event of an organisation.
struct Event {
    id: i64,
    start: NaiveDateTime,
    gremium: i64,
    /// As the listing says.
    listed_public: bool,
    /// As the meeting answers.
    public: bool,
    /// The recorded meeting it is (or is made from): index in `Data::recorded`.
    template: usize,
    /// Served as recorded, not made from the recording.
    as_recorded: bool,
}

struct Org {
    id: &'static str,
    events: Vec<Event>,
    gremia: Vec<(i64, &'static str)>,
    /// Its own list of modules; None: the recorded list (Alkmaar's).
    modules: Option<Vec<(i64, &'static str, &'static str)>>,
    /// Module id -> what its items are.
    items: Vec<(i64, Items)>,
    /// Windows starting on these days are refused.
    refused: Vec<NaiveDate>,
    /// The listing ignores `page` and always says more follow.
    repeats: bool,
}

#[derive(Clone, Copy)]
enum Items {
    Alkmaar,
    Altena,
    Motions,
    Promises,
}

/// The recorded NotuBiz responses and the organisations made from them.
pub(super) struct Data {
    /// The recorded meetings: (the meeting object, its bytes wrapped as the API answers).
    recorded: Vec<(Value, Vec<u8>)>,
    modules: Vec<u8>,
    alkmaar: Vec<Value>,
    altena: Vec<Value>,
    promises: Value,
    orgs: Vec<Org>,
}

fn at(day: &str, time: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(&format!("{day} {time}"), DATE_FORMAT).expect("date")
}

fn items_of(v: &Value) -> Vec<Value> {
    v["items"].as_array().cloned().unwrap_or_default()
}

impl Data {
    pub(super) fn load(realdata: &Path, fixtures: &Path) -> Data {
        let mut recorded = Vec::new();
        for f in [
            "ori-openstate/notubiz_meeting_amsterdam.json",
            "notubiz-python-notubiz/notubiz_eindhoven_meeting_1147925.json",
        ] {
            let v: Value = serde_json::from_slice(&read(realdata.join(f))).expect("meeting JSON");
            // The ORI dump kept only the inner meeting; the API wraps it.
            let meeting = v.get("meeting").cloned().unwrap_or(v);
            let bytes = json!({ "meeting": meeting }).to_string().into_bytes();
            recorded.push((meeting, bytes));
        }
        let dir = realdata.join("notubiz-ibabs-openbesluitvorming");
        let json_of = |p: &Path| -> Value {
            serde_json::from_slice(&read(p.to_path_buf())).expect("recorded JSON")
        };
        let alkmaar = items_of(&json_of(&dir.join("notubiz_alkmaar_motions.json")));
        let altena = items_of(&json_of(&dir.join("notubiz_altena_motions.json")));
        let promises = json_of(&fixtures.join("registers/notubiz_toezeggingen.json"));
        Data {
            modules: read(dir.join("notubiz_alkmaar_modules.json")),
            orgs: organisations(&recorded),
            recorded,
            alkmaar,
            altena,
            promises,
        }
    }

    fn org(&self, id: &str) -> Option<&Org> {
        self.orgs.iter().find(|o| o.id == id)
    }
}

fn start_of(meeting: &Value) -> NaiveDateTime {
    meeting["plannings"][0]["start_date"]
        .as_str()
        .and_then(|s| NaiveDateTime::parse_from_str(s, DATE_FORMAT).ok())
        .expect("a recorded start date")
}

/// `n` events from `first`, `every` apart, with ids from `first_id`, in turn in `gremia`.
fn series(
    n: usize,
    first: NaiveDateTime,
    every: Duration,
    first_id: i64,
    gremia: &[(i64, &str)],
) -> Vec<Event> {
    (0..n)
        .map(|i| Event {
            id: first_id + i as i64,
            start: first + every * i as i32,
            gremium: gremia[i % gremia.len()].0,
            listed_public: true,
            public: true,
            // Made from the smaller recording (Eindhoven), so that hundreds import quickly.
            template: 1,
            as_recorded: false,
        })
        .collect()
}

fn organisations(recorded: &[(Value, Vec<u8>)]) -> Vec<Org> {
    let mut orgs = Vec::new();

    // 952: the recorded meetings, with their own gremium ids.
    let mut events: Vec<Event> = recorded
        .iter()
        .enumerate()
        .map(|(i, (m, _))| Event {
            id: m["id"].as_i64().expect("id"),
            start: start_of(m),
            gremium: m["gremium"]["id"].as_i64().expect("gremium"),
            listed_public: true,
            public: true,
            template: i,
            as_recorded: true,
        })
        .collect();
    events.push(Event {
        id: 952_001,
        start: at("2020-06-11", "20:00:00"),
        gremium: 4972,
        listed_public: false,
        public: false,
        template: 0,
        as_recorded: false,
    });
    orgs.push(Org {
        id: "952",
        events,
        gremia: vec![(4972, "Gemeenteraad"), (8203, "Commissie Meningsvorming")],
        modules: None,
        items: vec![(6, Items::Motions), (3, Items::Promises)],
        refused: Vec::new(),
        repeats: false,
    });

    let three = vec![
        (60_001, "Gemeenteraad"),
        (60_002, "Commissie Bestuur"),
        (60_003, "Commissie Ruimte"),
    ];
    // 600 meetings, one every six days from 2016.
    orgs.push(Org {
        id: "600",
        events: series(
            600,
            at("2016-01-04", "19:30:00"),
            Duration::days(6),
            6_000_000,
            &three,
        ),
        gremia: three.clone(),
        modules: None,
        items: Vec::new(),
        refused: Vec::new(),
        repeats: false,
    });
    // 450 meetings in one quarter: five a day.
    orgs.push(Org {
        id: "201",
        events: series(
            450,
            at("2025-01-01", "00:30:00"),
            Duration::minutes(24 * 60 / 5),
            2_010_000,
            &three,
        ),
        gremia: three.clone(),
        modules: None,
        items: Vec::new(),
        refused: Vec::new(),
        repeats: false,
    });
    orgs.push(Org {
        id: "202",
        events: series(
            3,
            at("2025-02-03", "19:30:00"),
            Duration::days(7),
            2_020_000,
            &three,
        ),
        gremia: three.clone(),
        modules: None,
        items: Vec::new(),
        refused: Vec::new(),
        repeats: true,
    });
    orgs.push(Org {
        id: "1118",
        events: series(
            8,
            at("2019-01-14", "19:30:00"),
            Duration::days(45),
            1_118_000,
            &three,
        ),
        gremia: three.clone(),
        modules: None,
        items: Vec::new(),
        refused: vec![NaiveDate::from_ymd_opt(2019, 4, 1).expect("day")],
        repeats: false,
    });
    let mut rights = series(
        3,
        at("2025-01-13", "19:30:00"),
        Duration::days(14),
        3_030_000,
        &three,
    );
    rights[1].listed_public = false;
    rights[1].public = false;
    rights[2].public = false;
    orgs.push(Org {
        id: "303",
        events: rights,
        gremia: three,
        modules: None,
        items: Vec::new(),
        refused: Vec::new(),
        repeats: false,
    });
    orgs.push(Org {
        id: "777",
        events: Vec::new(),
        gremia: vec![(77_001, "Gemeenteraad")],
        modules: Some(vec![
            (1, "Ingekomen stukken", ""),
            (6, "Schriftelijke vragen", "Vragen van raadsleden"),
            (9, "Toezeggingen", "Toezeggingen van het college"),
            (21, "Moties", "Moties en amendementen"),
            (22, "Amendementen", ""),
        ]),
        items: vec![
            (21, Items::Alkmaar),
            (22, Items::Altena),
            (9, Items::Promises),
        ],
        refused: Vec::new(),
        repeats: false,
    });
    orgs
}

fn error(status: u16, message: &str) -> Answer {
    Some((
        status,
        "application/json",
        json!({ "message": message }).to_string().into_bytes(),
    ))
}

/// A query value, percent-decoded (`+` is a space).
fn decoded(query: &str, name: &str) -> Option<String> {
    let raw = query_param(query, name)?;
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Answers a request under `/notubiz` (`path` is what follows).
pub(super) fn route(path: &str, query: &str, data: &Data, pdf: &[u8]) -> Answer {
    if path.starts_with("/document/") {
        return Some((200, "application/pdf", pdf.to_vec()));
    }
    // Every call says its format and the API version.
    if decoded(query, "format").as_deref() != Some("json") {
        return error(400, "Required parameter: format (json)");
    }
    let version_ok = decoded(query, "version").is_some_and(|v| {
        v.split('.').count() >= 2 && v.split('.').all(|p| p.parse::<u32>().is_ok())
    });
    if !version_ok {
        return error(400, "Required parameter: version");
    }
    if path == "/events" {
        return events(query, data);
    }
    if let Some(id) = path.strip_prefix("/events/meetings/") {
        return meeting(id, data);
    }
    if let Some(rest) = path.strip_prefix("/organisations/") {
        let (org, what) = rest.split_once('/')?;
        let org = data.org(org)?;
        return match what {
            "gremia" => ok_json(&json!({
                "gremia": org.gremia.iter().map(|(id, title)| json!({
                    "id": id,
                    "self": format!("api.notubiz.nl/organisations/{}/gremia/{id}", org.id),
                    "title": title,
                })).collect::<Vec<_>>()
            })),
            "modules" => match &org.modules {
                None => Some((200, "application/json", data.modules.clone())),
                Some(list) => ok_json(&json!({
                    "modules": list.iter().map(|(id, name, custom)| json!({
                        "id": id, "name": name, "custom_name": custom,
                    })).collect::<Vec<_>>()
                })),
            },
            _ => None,
        };
    }
    if let Some(rest) = path.strip_prefix("/modules/") {
        let module: i64 = rest.strip_suffix("/items")?.parse().ok()?;
        let Some(org) = decoded(query, "organisation_id").and_then(|o| data.org(&o)) else {
            return error(400, "Required parameter: organisation_id");
        };
        let page = decoded(query, "page")
            .and_then(|p| p.parse::<usize>().ok())
            .unwrap_or(1)
            .max(1);
        return module_items(org, module, page, data);
    }
    None
}

fn events(query: &str, data: &Data) -> Answer {
    let Some(org) = decoded(query, "organisation_id") else {
        return error(400, "Required parameter: organisation_id");
    };
    if org.parse::<u64>().is_err() {
        return error(400, "organisation_id is not a number");
    }
    let day = |name: &str| {
        decoded(query, name).and_then(|d| NaiveDateTime::parse_from_str(&d, DATE_FORMAT).ok())
    };
    let (Some(from), Some(to)) = (day("date_from"), day("date_to")) else {
        return error(
            400,
            "Required parameters: date_from and date_to as YYYY-MM-DD HH:MM:SS",
        );
    };
    let page = match decoded(query, "page").map(|p| p.parse::<usize>()) {
        None => 1,
        Some(Ok(p)) if p >= 1 => p,
        Some(_) => return error(400, "page is not a positive number"),
    };
    if to < from {
        return error(400, "date_to is before date_from");
    }
    // A wide window: what some organisations answer (openbesluitvorming date_range.ts).
    if to - from > Duration::days(WIDEST_WINDOW_DAYS) {
        return error(404, "An uncaught error has occurred");
    }
    let Some(org) = data.org(&org) else {
        return ok_json(&json!({"events": [], "pagination": {"has_more_pages": false}}));
    };
    if org.refused.contains(&from.date()) {
        return error(404, "An uncaught error has occurred");
    }
    let mut inside: Vec<&Event> = org
        .events
        .iter()
        .filter(|e| e.start >= from && e.start <= to)
        .collect();
    inside.sort_by_key(|e| (e.start, e.id));
    let (shown, more): (Vec<&Event>, bool) = if org.repeats {
        (inside, true)
    } else {
        let start = (page - 1) * PAGE_SIZE;
        let shown: Vec<&Event> = inside.iter().skip(start).take(PAGE_SIZE).copied().collect();
        (shown, start + PAGE_SIZE < inside.len())
    };
    let listed: Vec<Value> = shown
        .iter()
        .map(|e| {
            json!({
                "id": e.id,
                "self": format!("api.notubiz.nl/events/meetings/{}", e.id),
                "type": "meeting",
                "permission_group": if e.listed_public { "public" } else { "private" },
                "gremium": {"id": e.gremium, "self": format!("api.notubiz.nl/organisations/{}/gremia/{}", org.id, e.gremium)},
                "plannings": [{"start_date": e.start.format(DATE_FORMAT).to_string(), "end_date": null}],
                "last_modified": stamp(e, data),
            })
        })
        .collect();
    ok_json(&json!({"events": listed, "pagination": {"has_more_pages": more}}))
}

/// The change stamp of an event: the recording's, or one made from its start.
fn stamp(e: &Event, data: &Data) -> String {
    if e.as_recorded {
        return data.recorded[e.template].0["last_modified"]
            .as_str()
            .unwrap_or("")
            .to_owned();
    }
    (e.start - Duration::days(3))
        .format(DATE_FORMAT)
        .to_string()
}

fn meeting(id: &str, data: &Data) -> Answer {
    let id: i64 = id.parse().ok()?;
    let (org, e) = data
        .orgs
        .iter()
        .find_map(|o| o.events.iter().find(|e| e.id == id).map(|e| (o, e)))?;
    if !e.public {
        return ok_json(&json!({"message": "No rights to see this meeting"}));
    }
    let (template, bytes) = &data.recorded[e.template];
    if e.as_recorded {
        return Some((200, "application/json", bytes.clone()));
    }
    // Made from the recording: its id, date, gremium and the ids inside it are its own.
    let mut m = template.clone();
    m["id"] = json!(id);
    m["self"] = json!(format!("api.notubiz.nl/events/meetings/{id}"));
    m["organisation"] = json!({"id": org.id.parse::<i64>().unwrap_or(0)});
    m["gremium"] = json!({"id": e.gremium});
    m["last_modified"] = json!(stamp(e, data));
    m["plannings"] = json!([{
        "start_date": e.start.format(DATE_FORMAT).to_string(),
        "end_date": (e.start + Duration::hours(3)).format(DATE_FORMAT).to_string(),
    }]);
    renumber(&mut m["agenda_items"], id);
    renumber(&mut m["documents"], id);
    ok_json(&json!({ "meeting": m }))
}

/// Gives the agenda items and documents in `v` ids of their own meeting `meeting`.
fn renumber(v: &mut Value, meeting: i64) {
    let Some(list) = v.as_array_mut() else { return };
    for item in list {
        if let Some(old) = item.get("id").and_then(Value::as_i64) {
            let new = meeting * 10_000_000 + old % 10_000_000;
            item["id"] = json!(new);
            // A document's address carries its id.
            if item
                .get("url")
                .and_then(Value::as_str)
                .is_some_and(|u| u.contains("/document/"))
            {
                item["url"] = json!(format!("https://api.notubiz.nl/document/{new}/1"));
            }
        }
        for nested in ["agenda_items", "documents"] {
            if let Some(n) = item.get_mut(nested) {
                renumber(n, meeting);
            }
        }
    }
}

fn module_items(org: &Org, module: i64, page: usize, data: &Data) -> Answer {
    let Some((_, what)) = org.items.iter().find(|(m, _)| *m == module) else {
        return ok_json(
            &json!({"pagination": {"list_start": 0, "list_end": 0, "total_results": 0}, "items": []}),
        );
    };
    // The recorded items are of modules 6 (motions) and 3 (toezeggingen); here they are of
    // this organisation's module.
    let recorded = match what {
        Items::Promises => 3,
        _ => 6,
    };
    let with_module = |items: Vec<Value>| -> Vec<Value> {
        items
            .into_iter()
            .map(|mut i| {
                if i["module_id"].as_i64() == Some(recorded) {
                    i["module_id"] = json!(module);
                }
                i
            })
            .collect()
    };
    match what {
        // Two motions a page, so that module paging is followed.
        Items::Motions => {
            let all: Vec<Value> = data.alkmaar.iter().chain(&data.altena).cloned().collect();
            let start = (page - 1) * 2;
            let items: Vec<Value> = all.iter().skip(start).take(2).cloned().collect();
            let end = (start + items.len()).min(all.len());
            ok_json(&json!({
                "pagination": {"list_start": start, "list_end": end, "total_results": all.len()},
                "items": with_module(items),
            }))
        }
        Items::Alkmaar | Items::Altena | Items::Promises if page > 1 => ok_json(
            &json!({"pagination": {"list_start": 0, "list_end": 0, "total_results": 0}, "items": []}),
        ),
        Items::Alkmaar => ok_json(&json!({"items": with_module(data.alkmaar.clone())})),
        Items::Altena => ok_json(&json!({"items": with_module(data.altena.clone())})),
        Items::Promises => {
            let mut v = data.promises.clone();
            v["items"] = json!(with_module(items_of(&data.promises)));
            ok_json(&v)
        }
    }
}
