//! NotuBiz: the organisation's gremia (`/organisations/<id>/gremia`, read once: they name the
//! meetings' bodies), its events in windows of three months, page by page
//! (`/events?organisation_id=..&date_from=..&date_to=..&page=N`), each public meeting in full
//! (`/events/meetings/<id>`), then the items of the modules of motions, amendments and
//! toezeggingen, found by name in `/organisations/<id>/modules`, page by page
//! (`/modules/<m>/items?organisation_id=..&page=N`).
//!
//! What the service does, and who says so:
//! - an events page says whether another follows in `pagination.has_more_pages`
//!   (openstate/open-raadsinformatie `ocd_backend/extractors/notubiz.py`,
//!   ontola/openbesluitvorming `src/notubiz/extractor.ts`);
//! - some organisations answer a wide date window with `404 {"message": "An uncaught error
//!   has occurred"}` and a quarter well, so the windows are three months (ontola/
//!   openbesluitvorming `src/util/date_range.ts`, `src/notubiz/extractor.ts`); a window that
//!   is refused all the same is a problem, and the sync goes on with the next;
//! - only events with `permission_group` "public" are fetched (both clients above); a
//!   meeting that answers HTTP 200 `{"message": "No rights to see this meeting"}`, or a 401
//!   or 403, is a problem of that meeting (ontola/openbesluitvorming
//!   `src/notubiz/extractor.ts`, `NotubizMeetingResponse`, `isSkippableMeetingError`);
//! - the bodies are the organisation's gremia, by `title` (open-raadsinformatie
//!   `ocd_backend/extractors/notubiz.py` `NotubizCommitteesExtractor`,
//!   `ocd_backend/transformers/notubiz_committee.py`);
//! - the modules are found by their `name` ("Moties", "Amendementen"; a municipality's own
//!   label is `custom_name`) (ontola/openbesluitvorming `src/notubiz/motions.ts`
//!   `isMotionModule`, `src/notubiz/client.ts` `listModules`).

use std::collections::HashMap;

use chrono::{Days, Months, NaiveDate};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::net::http::Request;
use crate::net::{MAX_PAGES, enc};
use crate::sources::Run;

/// The API version asked for (the one the recorded responses were written by).
const VERSION: &str = "1.21";
/// The widest date window of one events listing, in months.
const WINDOW_MONTHS: u32 = 3;
/// Windows refused one after the other that stop the sync.
const REFUSED_IN_A_ROW: usize = 8;
/// The first day asked for when the source names none.
const DEFAULT_FROM: &str = "2000-01-01";
/// The modules with register rows, by their (lower-case) name.
const MODULE_NAMES: [&str; 3] = ["moties", "amendementen", "toezeggingen"];
/// The modules used when the organisation's list of modules cannot be read: moties (with the
/// amendments) 6 and toezeggingen 3, as at Alkmaar (the recorded modules list).
const FALLBACK_MODULES: [(i64, &str); 2] = [(6, "Moties"), (3, "Toezeggingen")];

pub(super) fn run(run: &mut Run<'_>) -> Result<()> {
    let gremia = gremia(run)?;
    events(run, &gremia)?;
    for (module, name) in modules(run)? {
        module_items(run, module, &name)?;
    }
    Ok(())
}

fn json(url: &str, bytes: &[u8]) -> Result<Value> {
    serde_json::from_slice(bytes).map_err(|e| {
        Error::Sync(format!(
            "{url}: not valid JSON ({e}); the listing stops here"
        ))
    })
}

fn id_str(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The address of `path` with the query every call carries, and `more`.
fn address(run: &Run<'_>, path: &str, more: &str) -> String {
    let mut url = format!("{}/{path}?format=json&version={VERSION}", run.base());
    if !more.is_empty() {
        url.push('&');
        url.push_str(more);
    }
    url
}

/// Fetches and reads a listing that the sync can do without: a refusal, a failure or an
/// answer that is not JSON is a problem (`what` names the listing), and None.
fn optional_listing(run: &mut Run<'_>, url: &str, what: &str) -> Result<Option<Value>> {
    let bytes = match run.fetch(&Request::Get(url)) {
        Ok(bytes) => bytes,
        Err(Error::Sync(e)) => {
            run.problem(format!("NotuBiz {what}: {e}"));
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    match json(url, &bytes) {
        Ok(v) => Ok(Some(v)),
        Err(Error::Sync(e)) => {
            run.problem(format!("NotuBiz {what}: {e}"));
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// The organisation's gremia: id -> title.
fn gremia(run: &mut Run<'_>) -> Result<HashMap<String, String>> {
    let path = format!("organisations/{}/gremia", enc(run.key()));
    let url = address(run, &path, "");
    let what = "gremia (the names of the bodies); meetings are named by their title instead";
    let Some(listing) = optional_listing(run, &url, what)? else {
        return Ok(HashMap::new());
    };
    let map: HashMap<String, String> = listing
        .get("gremia")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|g| {
            let id = id_str(g.get("id"))?;
            let title = g.get("title").and_then(Value::as_str)?.trim();
            (!title.is_empty()).then(|| (id, title.to_owned()))
        })
        .collect();
    if map.is_empty() {
        run.problem(format!("{url}: no gremia with a title; {what}"));
    }
    Ok(map)
}

/// Windows of at most [`WINDOW_MONTHS`] from `from` to `to`, without gaps or overlaps.
pub(crate) fn windows(from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    let mut start = from;
    while start <= to {
        let Some(next) = start.checked_add_months(Months::new(WINDOW_MONTHS)) else {
            out.push((start, to));
            break;
        };
        let end = next.pred_opt().unwrap_or(next).min(to);
        out.push((start, end));
        start = next;
    }
    out
}

fn events(run: &mut Run<'_>, gremia: &HashMap<String, String>) -> Result<()> {
    let from = run
        .from()
        .or_else(|| DEFAULT_FROM.parse().ok())
        .unwrap_or_default();
    // A year ahead: the planned meetings are published well before.
    let to = run.to().unwrap_or_else(|| {
        chrono::Local::now()
            .date_naive()
            .checked_add_days(Days::new(366))
            .unwrap_or(NaiveDate::MAX)
    });
    // Where a stopped sync was: the window's first day and the page.
    let resume_window: Option<NaiveDate> =
        run.cursor("events_window")?.and_then(|d| d.parse().ok());
    let resume_page: usize = run
        .cursor("events_page")?
        .and_then(|p| p.parse().ok())
        .unwrap_or(1);
    let mut refused = 0;
    for (start, end) in windows(from, to) {
        if resume_window.is_some_and(|w| end < w) {
            continue;
        }
        let page = if resume_window == Some(start) {
            resume_page.max(1)
        } else {
            1
        };
        if window(run, gremia, (start, end), page)? {
            refused = 0;
        } else {
            run.listed.incomplete(start, end);
            refused += 1;
            // Not a window it cannot serve, but a listing it refuses (a wrong organisation
            // id, say): stop instead of asking on for every quarter.
            if refused >= REFUSED_IN_A_ROW {
                return Err(Error::Sync(format!(
                    "NotuBiz refused the events of {REFUSED_IN_A_ROW} windows in a row (the last up to {end}); is organisation {} right?",
                    run.key()
                )));
            }
        }
        if let Some(next) = end.succ_opt() {
            run.set_cursor("events_window", Some(&next.to_string()))?;
            run.set_cursor("events_page", None)?;
        }
    }
    run.set_cursor("events_window", None)?;
    run.set_cursor("events_page", None)?;
    // A sync that listed the whole range says how many public meetings NotuBiz listed in each
    // year (one that resumed half-way listed only the rest).
    if resume_window.is_none() {
        let listed = std::mem::take(&mut run.listed);
        listed.report(run, "meetings", from, to)?;
    }
    Ok(())
}

/// The pages of one date window, from `page` on; false when the register refused it.
fn window(
    run: &mut Run<'_>,
    gremia: &HashMap<String, String>,
    (start, end): (NaiveDate, NaiveDate),
    mut page: usize,
) -> Result<bool> {
    let label = format!("{start} – {end}");
    let mut previous: Option<Vec<String>> = None;
    loop {
        if page > MAX_PAGES {
            run.listed.incomplete(start, end);
            run.problem(format!(
                "NotuBiz events {label}: the listing goes on past {MAX_PAGES} pages; this window stops here"
            ));
            return Ok(true);
        }
        let more = format!(
            "organisation_id={}&date_from={}&date_to={}&page={page}",
            enc(run.key()),
            enc(&format!("{start} 00:00:00")),
            enc(&format!("{end} 23:59:59")),
        );
        let url = address(run, "events", &more);
        let bytes = match run.fetch(&Request::Get(&url)) {
            Ok(bytes) => bytes,
            // The register refused this window (a 4xx, such as the 404 of a window it cannot
            // serve): the others may well be served.
            Err(Error::Sync(what)) if run.client.refused() => {
                run.problem(format!(
                    "NotuBiz events {label} (page {page}) skipped: {what}"
                ));
                return Ok(false);
            }
            Err(e) => return Err(e),
        };
        let listing = json(&url, &bytes)?;
        let events = listing
            .get("events")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let has_more = listing
            .get("pagination")
            .and_then(|p| p.get("has_more_pages"))
            .is_some_and(|m| m.as_bool() == Some(true) || m.as_u64() == Some(1));
        let ids: Vec<String> = events.iter().filter_map(|e| id_str(e.get("id"))).collect();
        if !ids.is_empty() && previous.as_ref() == Some(&ids) {
            run.listed.incomplete(start, end);
            run.problem(format!(
                "{url}: page {page} repeats page {} of the events {label}; this window stops here",
                page - 1
            ));
            return Ok(true);
        }
        for (i, event) in events.iter().enumerate() {
            run.check()?;
            if event
                .get("type")
                .and_then(Value::as_str)
                .is_some_and(|t| t != "meeting")
            {
                continue;
            }
            // Only public meetings: the others answer "No rights" (or a 401/403).
            if event
                .get("permission_group")
                .and_then(Value::as_str)
                .is_some_and(|g| g != "public")
            {
                continue;
            }
            let Some(id) = id_str(event.get("id")) else {
                run.problem(format!("{url}: an event without an id, skipped"));
                continue;
            };
            let day = event
                .pointer("/plannings/0/start_date")
                .and_then(Value::as_str)
                .and_then(crate::sources::parse_day);
            run.listed.record(day, (start, end));
            let stamp = event
                .get("last_modified")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned();
            let record = format!("meeting:{id}");
            run.progress(
                "records",
                i + 1,
                Some(events.len()),
                format!("vergadering {id} ({label}, pagina {page})"),
            );
            if run.unchanged(&record, &stamp)? {
                continue;
            }
            meeting(run, gremia, &id, &record, &stamp)?;
        }
        if events.is_empty() || !has_more {
            return Ok(true);
        }
        previous = Some(ids);
        page += 1;
        run.set_cursor("events_window", Some(&start.to_string()))?;
        run.set_cursor("events_page", Some(&page.to_string()))?;
    }
}

/// One meeting in full, its body named after its gremium.
fn meeting(
    run: &mut Run<'_>,
    gremia: &HashMap<String, String>,
    id: &str,
    record: &str,
    stamp: &str,
) -> Result<()> {
    let url = address(run, &format!("events/meetings/{}", enc(id)), "");
    let Some(bytes) = run.fetch_record(&Request::Get(&url))? else {
        return Ok(());
    };
    let mut bytes = bytes;
    if let Ok(mut v) = serde_json::from_slice::<Value>(&bytes) {
        // `{"meeting": {...}}`; a bare meeting (as some dumps keep it) is read too.
        let wrapped = v.get("meeting").is_some_and(Value::is_object);
        let bare = v.get("agenda_items").is_some() || v.get("plannings").is_some();
        let meeting = if wrapped {
            v.get_mut("meeting").and_then(Value::as_object_mut)
        } else if bare {
            v.as_object_mut()
        } else {
            None
        };
        let Some(meeting) = meeting else {
            // NotuBiz says no with HTTP 200 and a message ("No rights to see this meeting").
            let said = v
                .get("message")
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .unwrap_or("an answer without a meeting");
            run.problem(format!(
                "{url}: meeting {id} skipped, NotuBiz answered \"{said}\""
            ));
            return Ok(());
        };
        if let Some(g) = meeting.get_mut("gremium").and_then(Value::as_object_mut) {
            let title = id_str(g.get("id")).and_then(|gid| gremia.get(&gid));
            if let (Some(title), false) = (title, g.contains_key("title")) {
                g.insert("title".into(), Value::String(title.clone()));
                bytes = serde_json::to_vec(&v)?;
            }
        }
    }
    // What is not JSON goes to the reader, which names the problem.
    if run.import(&url, &bytes)? {
        run.seen(record, stamp)?;
    }
    Ok(())
}

/// The modules with register rows: (id, name), found by name; the usual ids when the list
/// cannot be read.
fn modules(run: &mut Run<'_>) -> Result<Vec<(i64, String)>> {
    let path = format!("organisations/{}/modules", enc(run.key()));
    let url = address(run, &path, "");
    let fallback = || {
        FALLBACK_MODULES
            .iter()
            .map(|(id, name)| (*id, (*name).to_owned()))
            .collect()
    };
    let what = "the list of modules could not be read; the usual modules 6 (moties) and 3 (toezeggingen) are read";
    let Some(listing) = optional_listing(run, &url, what)? else {
        return Ok(fallback());
    };
    let Some(list) = listing.get("modules").and_then(Value::as_array) else {
        run.problem(format!(
            "NotuBiz {url}: no \"modules\" in the answer; {what}"
        ));
        return Ok(fallback());
    };
    Ok(list
        .iter()
        .filter_map(|m| {
            let id = m.get("id").and_then(|i| {
                i.as_i64()
                    .or_else(|| i.as_str().and_then(|s| s.trim().parse().ok()))
            })?;
            let name = m.get("name").and_then(Value::as_str)?.trim();
            MODULE_NAMES
                .contains(&name.to_lowercase().as_str())
                .then(|| (id, name.to_owned()))
        })
        .collect())
}

fn module_items(run: &mut Run<'_>, module: i64, name: &str) -> Result<()> {
    let cursor = format!("module_{module}_page");
    let mut page: usize = run
        .cursor(&cursor)?
        .and_then(|p| p.parse().ok())
        .unwrap_or(1);
    loop {
        if page > MAX_PAGES {
            return Err(Error::Sync(format!(
                "the {name} listing goes on past {MAX_PAGES} pages; stopped"
            )));
        }
        let more = format!("organisation_id={}&page={page}", enc(run.key()));
        let url = address(run, &format!("modules/{module}/items"), &more);
        let bytes = run.fetch(&Request::Get(&url))?;
        let mut listing = json(&url, &bytes)?;
        let pagination = listing.get("pagination").cloned();
        let mut items = listing
            .get("items")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let count = items.len();
        run.progress(
            "records",
            page,
            None,
            format!("{name}: pagina {page}, {count} items"),
        );
        // Only the items that changed since they were imported go to the reader.
        let mut stamps = Vec::new();
        let mut changed = Vec::new();
        for item in items.drain(..) {
            let id = id_str(item.get("id")).unwrap_or_default();
            let stamp = item
                .get("last_modified")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned();
            let record = format!("module_item:{id}");
            if !id.is_empty() && run.unchanged(&record, &stamp)? {
                continue;
            }
            stamps.push((record, stamp));
            changed.push(item);
        }
        if !changed.is_empty() {
            if let Some(o) = listing.as_object_mut() {
                o.insert("items".into(), Value::Array(changed));
                // The reader tells toezeggingen from motions by the module's name.
                o.insert(
                    "module".into(),
                    serde_json::json!({"id": module, "name": name}),
                );
            }
            if run.import_json(&url, listing)? {
                for (record, stamp) in &stamps {
                    run.seen(record, stamp)?;
                }
            }
        }
        let end = pagination.as_ref().and_then(|p| {
            let total = p.get("total_results").and_then(Value::as_u64)?;
            let last = p.get("list_end").and_then(Value::as_u64)?;
            Some(last >= total)
        });
        let has_more = pagination
            .as_ref()
            .and_then(|p| p.get("has_more_pages").and_then(Value::as_bool));
        let last = count == 0 || has_more == Some(false) || end.unwrap_or(has_more.is_none());
        if last {
            run.set_cursor(&cursor, None)?;
            return Ok(());
        }
        page += 1;
        run.set_cursor(&cursor, Some(&page.to_string()))?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("day")
    }

    #[test]
    fn windows_of_three_months_cover_the_range_without_gaps() {
        let w = windows(day("2015-01-01"), day("2016-02-10"));
        assert_eq!(w.first(), Some(&(day("2015-01-01"), day("2015-03-31"))));
        assert_eq!(w[1], (day("2015-04-01"), day("2015-06-30")));
        assert_eq!(w.last(), Some(&(day("2016-01-01"), day("2016-02-10"))));
        for pair in w.windows(2) {
            assert_eq!(pair[0].1.succ_opt(), Some(pair[1].0));
        }
        for (a, b) in &w {
            assert!((*b - *a).num_days() < 93, "{a} – {b}");
        }
        // A month's end stays a month's end.
        let w = windows(day("2024-11-30"), day("2025-06-01"));
        assert_eq!(w[0], (day("2024-11-30"), day("2025-02-27")));
        assert!(windows(day("2025-01-02"), day("2025-01-01")).is_empty());
    }
}
