//! NotuBiz: the organisation's events in the date range, page by page
//! (`/events?organisation_id=..&date_from=..&date_to=..&page=N`), each meeting in full
//! (`/events/meetings/<id>`), then the module items of motions and amendments (module 6) and
//! toezeggingen (module 3), page by page (`/modules/<m>/items?organisation_id=..&page=N`).

use serde_json::Value;

use super::http::Request;
use super::{MAX_PAGES, Run, enc};
use crate::error::{Error, Result};

/// The API version asked for (the one the recorded responses were written by).
const VERSION: &str = "1.21";
/// Modules with register rows: motions and amendments, toezeggingen.
const MODULES: [(i64, &str); 2] = [(6, "moties"), (3, "toezeggingen")];

pub(super) fn run(run: &mut Run<'_>) -> Result<()> {
    events(run)?;
    for (module, name) in MODULES {
        modules(run, module, name)?;
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

fn events(run: &mut Run<'_>) -> Result<()> {
    let from = run
        .from()
        .map(|d| d.to_string())
        .unwrap_or_else(|| "2000-01-01".into());
    let to = run.to().map(|d| d.to_string()).unwrap_or_else(|| {
        (chrono::Local::now().date_naive() + chrono::Days::new(366)).to_string()
    });
    let mut page: usize = run
        .cursor("events_page")?
        .and_then(|p| p.parse().ok())
        .unwrap_or(1);
    loop {
        if page > MAX_PAGES {
            return Err(Error::Sync(format!(
                "the event listing goes on past {MAX_PAGES} pages; stopped"
            )));
        }
        let url = format!(
            "{}/events?format=json&version={VERSION}&organisation_id={}&date_from={}&date_to={}&page={page}",
            run.base(),
            enc(run.key()),
            enc(&format!("{from} 00:00:00")),
            enc(&format!("{to} 23:59:59")),
        );
        let bytes = run.fetch(&Request::Get(&url))?;
        let listing = json(&url, &bytes)?;
        let events = listing
            .get("events")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let total_pages = listing
            .get("pagination")
            .and_then(|p| p.get("total_pages"))
            .and_then(Value::as_u64)
            .map(|n| n as usize);
        for (i, event) in events.iter().enumerate() {
            run.check()?;
            if event
                .get("type")
                .and_then(Value::as_str)
                .is_some_and(|t| t != "meeting")
            {
                continue;
            }
            let Some(id) = id_str(event.get("id")) else {
                run.problem(format!("{url}: an event without an id, skipped"));
                continue;
            };
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
                format!("vergadering {id} (pagina {page})"),
            );
            if run.unchanged(&record, &stamp)? {
                continue;
            }
            let meeting_url = format!(
                "{}/events/meetings/{}?format=json&version={VERSION}",
                run.base(),
                enc(&id)
            );
            let Some(bytes) = run.fetch_record(&Request::Get(&meeting_url))? else {
                continue;
            };
            if run.import(&meeting_url, &bytes)? {
                run.seen(&record, &stamp)?;
            }
        }
        let last = events.is_empty() || total_pages.is_none_or(|t| page >= t);
        if last {
            run.set_cursor("events_page", None)?;
            return Ok(());
        }
        page += 1;
        run.set_cursor("events_page", Some(&page.to_string()))?;
    }
}

fn modules(run: &mut Run<'_>, module: i64, name: &str) -> Result<()> {
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
        let url = format!(
            "{}/modules/{module}/items?format=json&version={VERSION}&organisation_id={}&page={page}",
            run.base(),
            enc(run.key()),
        );
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
            }
            let body = serde_json::to_vec(&listing)?;
            if run.import(&url, &body)? {
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
