//! GemeenteOplossingen: each council has its own installation, whose JSON API is at the
//! source's base URL (the catalogue's, such as `https://raad.<gemeente>.nl/api`).
//!
//! 1. The API's version: `{base}/v1/dmus` (the committees, a bare array), else
//!    `{base}/v2/dmus` (`{result: {totalCount, dmus}}`); the one that answers is kept in the
//!    cursor `api_version`. openstate/open-raadsinformatie `ocd_backend/extractors/goapi.py`
//!    reads v1 unless a source says v2, and treats any answer but 200 as nothing; ontola/
//!    openbesluitvorming `src/gemeenteoplossingen/client.ts` builds `{base}/{version}/dmus`.
//! 2. The meetings, window by window: v1 `meetings?date_from=<unix>&date_to=<unix>` (a bare
//!    array), v2 `meetings?date_from=YYYY-MM-DD&date_to=YYYY-MM-DD` (`{result: {totalCount,
//!    meetings}}`), both clients. Windows of six months, as openbesluitvorming's extractor
//!    cuts them (`DEFAULT_DATE_CHUNK_MONTHS`: a council's site answered 500 to a range of
//!    years). The next window is the cursor `window_from`, so a stopped sync resumes there.
//!    A meeting in the listing carries its agenda items and documents; no request per meeting.
//! 3. A meeting whose JSON did not change since it was imported is skipped (its hash is the
//!    change stamp: the API gives no modification date).
//!
//! Votes per party are not fetched: the public sources name `/api/v2/groups` and a votings
//! page whose path differs per installation, without a shape to read.

use chrono::{Months, NaiveDate};
use serde_json::{Value, json};

use super::reader::ENVELOPE;
use crate::error::{Error, Result};
use crate::net::enc;
use crate::net::http::Request;
use crate::sources::Run;

/// Months in one listing request (openbesluitvorming's chunk).
const WINDOW_MONTHS: u32 = 6;
const VERSIONS: [&str; 2] = ["v1", "v2"];

pub(super) fn run(run: &mut Run<'_>) -> Result<()> {
    let (version, committees) = version(run)?;
    meetings(run, &version, &committees)
}

/// The JSON of an answer, or what it is instead (an HTML page: a portal's start page or an
/// anti-bot check, which some councils' sites serve with HTTP 200).
fn json(url: &str, bytes: &[u8]) -> Result<Value> {
    serde_json::from_slice(bytes).map_err(|e| {
        let text = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_lowercase();
        let what = if text.contains("<html") || text.contains("<!doctype") {
            "an HTML page, not the API's JSON (is the base URL the API's, ending in /api? an \
             anti-bot check?)"
                .to_owned()
        } else {
            format!("not valid JSON ({e})")
        };
        Error::Sync(format!("{url}: {what}"))
    })
}

/// The rows of an answer: v1's bare array, v2's `result.<model>`.
fn rows<'a>(v: &'a Value, model: &str) -> Option<&'a Vec<Value>> {
    match v {
        Value::Array(a) => Some(a),
        _ => v.get("result")?.get(model)?.as_array(),
    }
}

fn id_str(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The API version of the installation and its committees (id, name).
fn version(run: &mut Run<'_>) -> Result<(String, Vec<(String, String)>)> {
    let known = run.cursor("api_version")?;
    let order: Vec<&str> = match known.as_deref() {
        Some("v2") => vec!["v2", "v1"],
        _ => VERSIONS.to_vec(),
    };
    let mut failures = Vec::new();
    for v in order {
        let url = format!("{}/{v}/dmus", run.base());
        let answer = run.fetch(&Request::Get(&url)).and_then(|b| json(&url, &b));
        let value = match answer {
            Ok(value) => value,
            Err(Error::Sync(what)) => {
                failures.push(what);
                continue;
            }
            Err(e) => return Err(e),
        };
        let Some(dmus) = rows(&value, "dmus") else {
            failures.push(format!("{url}: not a list of committees"));
            continue;
        };
        let committees = dmus
            .iter()
            .filter_map(|d| {
                let id = id_str(d.get("id"))?;
                let name = d.get("name").and_then(Value::as_str)?.trim().to_owned();
                Some((id, name))
            })
            .collect();
        if known.as_deref() != Some(v) {
            run.set_cursor("api_version", Some(v))?;
        }
        return Ok((v.to_owned(), committees));
    }
    Err(Error::Sync(format!(
        "no GemeenteOplossingen API (v1 or v2) answered at {}: {}",
        run.base(),
        failures.join("; ")
    )))
}

fn unix(day: NaiveDate, end_of_day: bool) -> i64 {
    let t = if end_of_day {
        day.and_hms_opt(23, 59, 59)
    } else {
        day.and_hms_opt(0, 0, 0)
    };
    t.map(|t| t.and_utc().timestamp()).unwrap_or(0)
}

fn meetings(run: &mut Run<'_>, version: &str, committees: &[(String, String)]) -> Result<()> {
    let first = run
        .from()
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(2000, 1, 1).expect("a day"));
    let last = run
        .to()
        .unwrap_or_else(|| chrono::Local::now().date_naive() + chrono::Days::new(366));
    let mut start = run
        .cursor("window_from")?
        .and_then(|d| d.parse::<NaiveDate>().ok())
        .filter(|d| *d >= first)
        .unwrap_or(first);
    let whole = start == first;
    let mut window = 0;
    while start <= last {
        run.check()?;
        let next = start
            .checked_add_months(Months::new(WINDOW_MONTHS))
            .unwrap_or(last + chrono::Days::new(1));
        let end = (next - chrono::Days::new(1)).min(last);
        let url = if version == "v2" {
            format!(
                "{}/v2/meetings?date_from={}&date_to={}",
                run.base(),
                enc(&start.to_string()),
                enc(&end.to_string())
            )
        } else {
            format!(
                "{}/{version}/meetings?date_from={}&date_to={}",
                run.base(),
                unix(start, false),
                unix(end, true)
            )
        };
        window += 1;
        run.progress(
            "records",
            window,
            None,
            format!("vergaderingen {start} tot en met {end}"),
        );
        let bytes = run.fetch(&Request::Get(&url))?;
        let value = json(&url, &bytes)?;
        let Some(listed) = rows(&value, "meetings") else {
            return Err(Error::Sync(format!(
                "{url}: not a list of meetings; the listing stops here"
            )));
        };
        if let Some(total) = value
            .get("result")
            .and_then(|r| r.get("totalCount"))
            .and_then(|t| t.as_u64().or_else(|| t.as_str()?.parse().ok()))
        {
            if total as usize > listed.len() {
                run.listed.incomplete(start, end);
                run.problem(format!(
                    "{url}: the API counts {total} meetings and gave {}; the others are not read",
                    listed.len()
                ));
            }
        }
        let mut changed = Vec::new();
        let mut stamps = Vec::new();
        for m in listed {
            let day = m
                .get("date")
                .and_then(Value::as_str)
                .and_then(crate::sources::parse_day);
            run.listed.record(day, (start, end));
            let mut m = m.clone();
            // A meeting whose committee has no name gets the name of the committee list.
            if let Some(dmu) = m.get_mut("dmu").and_then(Value::as_object_mut) {
                let named = dmu
                    .get("name")
                    .and_then(Value::as_str)
                    .is_some_and(|n| !n.trim().is_empty());
                if !named {
                    let id = id_str(dmu.get("id"));
                    if let Some((_, name)) = committees.iter().find(|(c, _)| Some(c) == id.as_ref())
                    {
                        dmu.insert("name".into(), Value::String(name.clone()));
                    }
                }
            }
            let id = id_str(m.get("id")).unwrap_or_default();
            let stamp = blake3::hash(&serde_json::to_vec(&m)?).to_hex().to_string();
            let record = format!("meeting:{id}");
            if !id.is_empty() && run.unchanged(&record, &stamp)? {
                continue;
            }
            stamps.push((record, stamp));
            changed.push(m);
        }
        if !changed.is_empty() {
            let envelope = json!({ENVELOPE: {
                "base_url": run.base(),
                "api_version": version,
                "meetings": changed,
            }});
            if run.import_json(&url, envelope)? {
                for (record, stamp) in &stamps {
                    run.seen(record, stamp)?;
                }
            }
        }
        start = end + chrono::Days::new(1);
        let cursor = (start <= last).then(|| start.to_string());
        run.set_cursor("window_from", cursor.as_deref())?;
    }
    // A sync that listed the whole range says how many meetings the API listed in each year.
    if whole {
        let listed = std::mem::take(&mut run.listed);
        listed.report(run, "meetings", first, last)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_days_and_rows() {
        let d = NaiveDate::from_ymd_opt(2024, 1, 1).expect("day");
        assert_eq!(unix(d, false), 1_704_067_200);
        assert_eq!(unix(d, true), 1_704_067_200 + 86_399);
        let v2 = json!({"result": {"totalCount": 1, "meetings": [{"id": 1}]}});
        assert_eq!(rows(&v2, "meetings").map(Vec::len), Some(1));
        assert!(rows(&json!({"error": "x"}), "meetings").is_none());
        let html = json("u", b"<!DOCTYPE html><html>bot check</html>").expect_err("html");
        assert!(html.to_string().contains("HTML page"), "{html}");
    }
}
