//! Parlaeus: each council has its own open-data endpoint (the source's base URL, such as
//! `https://<council>.parlaeus.nl/receive/opendata`) and session id (`rid`, the source's
//! key). Facts from openstate/open-raadsinformatie `ocd_backend/extractors/parlaeus.py` and
//! ontola/openbesluitvorming `src/parlaeus/client.ts`:
//!
//! 1. `{base}?rid=<session>&fn=agenda_list&since=YYYYMMDD&until=YYYYMMDD`: `{status, list:
//!    [{agid, date, time, last_change}]}`, one window for the source's range as both
//!    clients ask it.
//! 2. `{base}?rid=<session>&fn=cie_list`: the committees `{status, list: [{cmid,
//!    committeename, committeecode}]}`, for the meetings' bodies.
//! 3. Per agenda `{base}?fn=agenda_detail&agid=<agid>&rid=<session>`: `{status, agenda}`.
//!
//! The answer's own `status` field says whether the call worked: HTTP 200 with another
//! status is a failure (an unknown function, a wrong session id), with a `message`
//! (openbesluitvorming's client checks it; ORI logs the message). A listing that fails so
//! stops the sync with that message; an agenda that fails is a problem and the rest goes on.
//! An agenda whose `last_change` is the same as last time is not fetched again.

use chrono::NaiveDate;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::net::enc;
use crate::net::http::Request;
use crate::sources::Run;

pub(super) fn run(run: &mut Run<'_>) -> Result<()> {
    let rid = run.key().to_owned();
    let from = run.from().map(|d| d.format("%Y%m%d").to_string());
    let from = from.unwrap_or_else(|| "20000101".into());
    let until = run
        .to()
        .unwrap_or_else(|| chrono::Local::now().date_naive() + chrono::Days::new(366))
        .format("%Y%m%d")
        .to_string();
    let list_url = call(
        run,
        &[
            ("rid", &rid),
            ("fn", "agenda_list"),
            ("since", &from),
            ("until", &until),
        ],
    );
    let bytes = run.fetch(&Request::Get(&list_url))?;
    let listing = answer(&list_url, &bytes).map_err(|what| {
        Error::Sync(format!(
            "{what} (the agenda list of session {rid}: is the session id right?)"
        ))
    })?;
    let agendas = listing
        .get("list")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    // One listing holds the whole range: how many agendas it names per year is the
    // source's own count, beside the archive's.
    let day = |v: &str| NaiveDate::parse_from_str(v, "%Y%m%d").ok();
    let mut listed = crate::sources::run::Listed::default();
    for a in &agendas {
        match id_str(a.get("date")).as_deref().and_then(day) {
            Some(d) => listed.add(d),
            None => listed.incomplete(
                day(&from).unwrap_or_default(),
                day(&until).unwrap_or_default(),
            ),
        }
    }
    if let (Some(first), Some(last)) = (day(&from), day(&until)) {
        listed.report(run, "meetings", first, last)?;
    }
    if agendas.is_empty() {
        return Ok(());
    }
    let committees = committees(run, &rid)?;
    for (i, summary) in agendas.iter().enumerate() {
        run.check()?;
        let Some(agid) = id_str(summary.get("agid")) else {
            run.problem(format!("{list_url}: an agenda without an agid, skipped"));
            continue;
        };
        let stamp = id_str(summary.get("last_change")).unwrap_or_default();
        let record = format!("agenda:{agid}");
        run.progress(
            "records",
            i + 1,
            Some(agendas.len()),
            format!("agenda {agid}"),
        );
        if run.unchanged(&record, &stamp)? {
            continue;
        }
        let url = call(
            run,
            &[("fn", "agenda_detail"), ("agid", &agid), ("rid", &rid)],
        );
        let Some(bytes) = run.fetch_record(&Request::Get(&url))? else {
            continue;
        };
        let mut detail = match answer(&url, &bytes) {
            Ok(v) => v,
            Err(what) => {
                run.problem(what);
                continue;
            }
        };
        let Some(o) = detail.as_object_mut() else {
            run.problem(format!("{url}: not a JSON object"));
            continue;
        };
        if !o.get("agenda").is_some_and(Value::is_object) {
            run.problem(format!("{url}: the answer holds no agenda"));
            continue;
        }
        let cmid = o
            .get("agenda")
            .and_then(|a| id_str(a.get("cmid")))
            .unwrap_or_default();
        if let Some((_, name)) = committees.iter().find(|(c, _)| *c == cmid) {
            o.insert("committee".into(), Value::String(name.clone()));
        }
        o.insert("source".into(), Value::String(run.base().to_owned()));
        if run.import_json(&url, detail)? {
            run.seen(&record, &stamp)?;
        }
    }
    Ok(())
}

/// `{base}?k=v&...` (or `&` when the base has a query of its own), values encoded.
fn call(run: &Run<'_>, params: &[(&str, &str)]) -> String {
    let base = run.base().trim_end_matches('?');
    let sep = if base.contains('?') { '&' } else { '?' };
    let query: Vec<String> = params
        .iter()
        .map(|(k, v)| format!("{k}={}", enc(v)))
        .collect();
    format!("{base}{sep}{}", query.join("&"))
}

fn id_str(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The answer's JSON when its own status is 200 (or absent); else what it says.
fn answer(url: &str, bytes: &[u8]) -> std::result::Result<Value, String> {
    let v: Value =
        serde_json::from_slice(bytes).map_err(|e| format!("{url}: not valid JSON ({e})"))?;
    let status = v
        .get("status")
        .and_then(|s| s.as_i64().or_else(|| s.as_str()?.trim().parse().ok()));
    match status {
        Some(200) | None => Ok(v),
        Some(s) => {
            let message = v
                .get("message")
                .and_then(Value::as_str)
                .map(|m| format!(": {m}"))
                .unwrap_or_default();
            Err(format!("{url}: Parlaeus answered status {s}{message}"))
        }
    }
}

/// The committees (cmid, name); none when the list cannot be had (a problem then).
fn committees(run: &mut Run<'_>, rid: &str) -> Result<Vec<(String, String)>> {
    let url = call(run, &[("rid", rid), ("fn", "cie_list")]);
    let listing = match run.fetch(&Request::Get(&url)) {
        Ok(bytes) => answer(&url, &bytes),
        Err(Error::Sync(what)) => Err(what),
        Err(e) => return Err(e),
    };
    Ok(match listing {
        Ok(v) => v
            .get("list")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|c| {
                let id = id_str(c.get("cmid"))?;
                let name = ["committeename", "committeecode"]
                    .iter()
                    .find_map(|k| c.get(*k).and_then(Value::as_str))
                    .map(str::trim)
                    .filter(|n| !n.is_empty())?;
                Some((id, name.to_owned()))
            })
            .collect(),
        Err(what) => {
            run.problem(format!(
                "{what} (committees: the meetings keep their codes)"
            ));
            Vec::new()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_status_decides() {
        assert!(answer("u", br#"{"status":200,"list":[]}"#).is_ok());
        let e = answer("u", br#"{"status":403,"message":"Invalid session"}"#).expect_err("403");
        assert!(e.contains("status 403: Invalid session"), "{e}");
        assert!(answer("u", b"<html>").is_err());
    }
}
