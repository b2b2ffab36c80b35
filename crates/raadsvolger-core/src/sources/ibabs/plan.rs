//! iBabs: its public SOAP service (`Public.svc`). The site's meeting types
//! (`GetMeetingtypes`, once), its meetings in the date range (`GetMeetingsByDateRange`, in
//! windows of six months, halved when one times out), its lists (`GetLists`), of the lists of
//! motions, amendments and toezeggingen their entries changed since the source's first day
//! (`GetListsEntriesByFilterRequest`), and of each entry that changed its detail
//! (`GetListEntry`) and, where the list is voted on, its votes per member
//! (`GetListEntryVotesByListEntryId`), filed together on that entry.
//!
//! The parameter names are the ones the maintained clients send (ontola/openbesluitvorming
//! src/ibabs/client.ts, openstate/open-raadsinformatie ocd_backend/extractors/ibabs.py).
//! iBabs answers only whitelisted addresses and throttles with HTTP 403; its limits per
//! address are 180 requests a minute on the API and 30 on document downloads
//! (openbesluitvorming AGENTS.md, "iBabs specifics"), so the client keeps below both, backs
//! off on a 403, and a 403 that does not lift ends the sync with the way around it.

use std::collections::BTreeMap;

use chrono::{Days, Months, NaiveDate};

use super::reader;
use crate::error::{Error, Result};
use crate::extract::notation::PartyNames;
use crate::net::http::{self, Failure, HostRules, Request};
use crate::sources::Batch;
use crate::sources::Run;
use crate::text::xml::{self, Element};

const ACTION: &str = "http://tempuri.org/IPublic/";

/// Lists whose entries are register rows, by what their names say (the names differ per
/// site: "Moties", "Moties en amendementen", "Toezeggingen college").
const LIST_WORDS: [&str; 3] = ["motie", "amendement", "toezegging"];

/// Requests a minute to the API, below iBabs' 180 (openbesluitvorming AGENTS.md keeps a fifth
/// in hand too).
const API_PER_MINUTE: u32 = 150;
/// Requests a minute to the document host, below iBabs' 30 for `publicdownload`.
const DOWNLOADS_PER_MINUTE: u32 = 25;
/// Where iBabs' `PublicDownloadURL`s point.
const DOWNLOAD_HOST: &str = "api1.ibabs.eu";

/// Months of meetings asked at once; a window that times out is halved down to about
/// `MIN_WINDOW_DAYS` (openbesluitvorming src/ibabs/extractor.ts: `DEFAULT_DATE_CHUNK_MONTHS`,
/// `MIN_ADAPTIVE_CHUNK_DAYS`; "Rotterdam ... exceed the 90s client timeout at 6-month
/// chunks").
const WINDOW_MONTHS: u32 = 6;
const MIN_WINDOW_DAYS: i64 = 14;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn envelope(operation: &str, inner: &str) -> String {
    format!(
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>\
         <{operation} xmlns=\"http://tempuri.org/\">{inner}</{operation}></s:Body></s:Envelope>"
    )
}

/// The error that ends a sync the API will not answer: iBabs serves only the addresses it
/// whitelisted (openbesluitvorming docs/ibabs-import-plan.md, "IP Whitelisting"; AGENTS.md:
/// "Local machines ... cannot"). A window shows it by its rule and offers the route through
/// openbesluitvorming, which is whitelisted and harvests every iBabs council.
fn not_whitelisted(site: &str) -> Error {
    let key = site.to_lowercase();
    Error::rule(
        "ibabs-whitelist",
        site,
        format!(
            "De iBabs-API van {site} weigert deze computer (HTTP 403, ook na wachten). iBabs \
             beantwoordt alleen servers die het op een witte lijst heeft gezet; een gewone \
             computer staat daar niet op, en wachten of opnieuw proberen helpt niet. Haal de \
             stukken van deze raad op via openbesluitvorming.nl, dat iBabs wel mag bevragen: \
             raadsvolger sync obv --source {key} (de sleutel van de raad bij \
             openbesluitvorming; bij iBabs-raden meestal de sitenaam in kleine letters)."
        ),
    )
}

/// Calls `operation`. A refusal (a 403 that does not lift) is [`not_whitelisted`]; another
/// failure is the client's error.
fn soap(run: &mut Run<'_>, operation: &str, inner: &str) -> Result<(String, Vec<u8>)> {
    let url = run.base().to_owned();
    let action = format!("{ACTION}{operation}");
    let body = envelope(operation, inner);
    match run.fetch(&Request::Soap(&url, &action, &body)) {
        Ok(bytes) => Ok((format!("{url} {operation}"), bytes)),
        Err(Error::Sync(_)) if run.client.last_failure() == Some(Failure::Refused) => {
            Err(not_whitelisted(run.key()))
        }
        Err(e) => Err(e),
    }
}

/// Calls a record's operation: one that fails (after the retries) is a problem, and None.
fn call(run: &mut Run<'_>, operation: &str, inner: &str) -> Result<Option<(String, Vec<u8>)>> {
    match soap(run, operation, inner) {
        Ok(answer) => Ok(Some(answer)),
        Err(Error::Sync(what)) => {
            run.problem(what);
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

fn parse(name: &str, bytes: &[u8]) -> std::result::Result<Element, String> {
    let text = String::from_utf8_lossy(bytes);
    xml::parse(name, &text).map_err(|e| e.to_string())
}

/// Writes the batch `read` makes of `name`'s answer; true when it had no problems.
fn file(run: &mut Run<'_>, name: &str, read: impl FnOnce(&PartyNames) -> Batch) -> Result<bool> {
    match run.write_batch(name, "ibabs", read) {
        Ok(report) => {
            run.counts.responses += 1;
            run.counts.records += report.records;
            let clean = report.problems.is_empty();
            for p in report.problems {
                run.problem(p);
            }
            Ok(clean)
        }
        Err(e @ (Error::InvalidInput(_) | Error::Rule { .. })) => {
            run.problem(format!("{name}: {e}"));
            Ok(false)
        }
        Err(e) => Err(e),
    }
}

pub(super) fn run(run: &mut Run<'_>) -> Result<()> {
    let rules = |per_minute| HostRules {
        per_minute,
        forbidden_is_throttle: true,
    };
    let api = http::host_of(run.base());
    run.client.host_rules(&api, rules(API_PER_MINUTE));
    run.client
        .host_rules(DOWNLOAD_HOST, rules(DOWNLOADS_PER_MINUTE));
    let site = esc(run.key());
    let types = meeting_types(run, &site)?;
    meetings(run, &site, &types)?;
    // Without its lists a site gives no motions: a failure here stops the sync.
    let (name, bytes) = soap(run, "GetLists", &format!("<Sitename>{site}</Sitename>"))?;
    let root = parse(&name, &bytes).map_err(Error::Sync)?;
    let lists: Vec<(String, String)> = root
        .descendants("iBabsKeyValue")
        .into_iter()
        .filter_map(|kv| {
            Some((
                kv.find("Key")?.text().trim().to_owned(),
                kv.find("Value")?.text().trim().to_owned(),
            ))
        })
        .filter(|(_, n)| {
            let n = n.to_lowercase();
            LIST_WORDS.iter().any(|w| n.contains(w))
        })
        .collect();
    for (list_id, list_name) in lists {
        entries(run, &site, &list_id, &list_name)?;
    }
    Ok(())
}

/// The site's meeting types, Id -> name, read once a sync (ORI `_meetingtypes_as_dict`,
/// openbesluitvorming `getMeetingTypes`). Without them meetings are still read, as the
/// council's.
fn meeting_types(run: &mut Run<'_>, site: &str) -> Result<BTreeMap<String, String>> {
    run.progress("records", 0, None, "vergadertypen".into());
    let inner = format!("<Sitename>{site}</Sitename>");
    let Some((name, bytes)) = call(run, "GetMeetingtypes", &inner)? else {
        return Ok(BTreeMap::new());
    };
    match parse(&name, &bytes).and_then(|root| reader::meeting_types(&root)) {
        Ok(types) => Ok(types),
        Err(what) => {
            run.problem(format!("{name}: {what}"));
            Ok(BTreeMap::new())
        }
    }
}

fn meetings(run: &mut Run<'_>, site: &str, types: &BTreeMap<String, String>) -> Result<()> {
    let today = chrono::Local::now().date_naive();
    let from = run.from().unwrap_or(today - Days::new(365));
    let to = run.to().unwrap_or(today + Days::new(365));
    // Where a stopped sync was: the last day of the windows done.
    let mut start = run
        .cursor("meetings_until")?
        .and_then(|d| d.parse::<NaiveDate>().ok())
        .and_then(|d| d.checked_add_days(Days::new(1)))
        .filter(|d| *d > from)
        .unwrap_or(from);
    while start <= to {
        run.check()?;
        let end = start
            .checked_add_months(Months::new(WINDOW_MONTHS))
            .and_then(|d| d.pred_opt())
            .unwrap_or(to)
            .min(to);
        window(run, site, types, start, end)?;
        run.set_cursor("meetings_until", Some(&end.to_string()))?;
        start = end + Days::new(1);
    }
    run.set_cursor("meetings_until", None)?;
    // The cursor of the year windows of before.
    run.set_cursor("meetings_year", None)?;
    Ok(())
}

/// The meetings from `start` to `end`; a window that times out is asked again in two halves
/// while it is at least twice `MIN_WINDOW_DAYS` long.
fn window(
    run: &mut Run<'_>,
    site: &str,
    types: &BTreeMap<String, String>,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<()> {
    run.check()?;
    run.progress(
        "records",
        0,
        None,
        format!("vergaderingen {start} t/m {end}"),
    );
    let inner = format!(
        "<Sitename>{site}</Sitename><StartDate>{start}T00:00:00</StartDate>\
         <EndDate>{end}T23:59:59</EndDate><MetaDataOnly>false</MetaDataOnly>"
    );
    let (name, bytes) = match soap(run, "GetMeetingsByDateRange", &inner) {
        Ok(answer) => answer,
        Err(Error::Sync(what)) => {
            let days = (end - start).num_days();
            if run.client.last_failure() == Some(Failure::TimedOut) && days >= 2 * MIN_WINDOW_DAYS {
                let mid = start + Days::new((days / 2) as u64);
                tracing::info!(%start, %end, "iBabs meetings timed out; asking in two halves");
                run.narrowed();
                window(run, site, types, start, mid - Days::new(1))?;
                return window(run, site, types, mid, end);
            }
            run.problem(what);
            return Ok(());
        }
        Err(e) => return Err(e),
    };
    match parse(&name, &bytes) {
        Ok(root) => {
            file(run, &name, |_| reader::read_meetings(&root, types))?;
        }
        Err(what) => run.problem(what),
    }
    Ok(())
}

/// One row of a list's listing.
struct Listed {
    id: String,
    stamp: String,
    votes: bool,
}

fn entries(run: &mut Run<'_>, site: &str, list_id: &str, list_name: &str) -> Result<()> {
    let since = run
        .from()
        .map(|d| format!("{d}T00:00:00"))
        .unwrap_or_else(|| "2000-01-01T00:00:00".into());
    let list = esc(list_id);
    // `SinceDate`, in the namespaces openbesluitvorming sends it in (`listListEntries`,
    // scripts/explore_ibabs_votes.ts).
    let inner = format!(
        "<filterRequest xmlns:b=\"http://schemas.datacontract.org/2004/07/iBabsWCFObjects.Base\" \
         xmlns:r=\"http://schemas.datacontract.org/2004/07/iBabsWCFObjects.Public.Request\">\
         <b:Sitename>{site}</b:Sitename><r:ListId>{list}</r:ListId>\
         <r:SinceDate>{since}</r:SinceDate></filterRequest>"
    );
    let Some((name, bytes)) = call(run, "GetListsEntriesByFilterRequest", &inner)? else {
        return Ok(());
    };
    let root = match parse(&name, &bytes) {
        Ok(r) => r,
        Err(what) => {
            run.problem(what);
            return Ok(());
        }
    };
    if let Some(status) = root.find("Status").map(|s| s.text().trim().to_owned()) {
        if !status.is_empty() && status != "OK" {
            let message = root.find("Message").map(|m| m.text()).unwrap_or_default();
            run.problem(format!(
                "{name} ({list_name}): iBabs answered {status}: {}",
                message.trim()
            ));
            return Ok(());
        }
    }
    let listed: Vec<Listed> = root
        .descendants("iBabsListEntryBase")
        .into_iter()
        .filter_map(|e| {
            let id = e.find("EntryId")?.text().trim().to_owned();
            let stamp = e
                .find("MutationDate")
                .map(|m| m.text().trim().to_owned())
                .unwrap_or_default();
            // openbesluitvorming: ListCanVote is true for every entry of every motions list
            // tested, so the votes are asked for each such entry.
            let votes = e
                .find("ListCanVote")
                .is_some_and(|v| v.text().trim() == "true");
            (!id.is_empty()).then_some(Listed { id, stamp, votes })
        })
        .collect();
    let total = listed.len();
    for (i, entry) in listed.into_iter().enumerate() {
        run.check()?;
        run.progress(
            "records",
            i + 1,
            Some(total),
            format!("{list_name}: {}", i + 1),
        );
        let record = format!("entry:{}", entry.id);
        if run.unchanged(&record, &entry.stamp)? {
            continue;
        }
        if fetch_entry(run, site, &list, &entry)? {
            run.seen(&record, &entry.stamp)?;
        }
    }
    Ok(())
}

/// Fetches one entry and (where its list is voted on) its votes, and files them together;
/// true when all was fetched and read without a problem.
fn fetch_entry(run: &mut Run<'_>, site: &str, list: &str, entry: &Listed) -> Result<bool> {
    let id = esc(&entry.id);
    // `ListId` as both public clients send it (openbesluitvorming `getListEntry`; ORI
    // `GetListEntry(Sitename=, ListId=, EntryId=)`, checked by zeep against the WSDL).
    let inner =
        format!("<Sitename>{site}</Sitename><ListId>{list}</ListId><EntryId>{id}</EntryId>");
    let Some((name, bytes)) = call(run, "GetListEntry", &inner)? else {
        return Ok(false);
    };
    let entry_root = match parse(&name, &bytes) {
        Ok(r) => r,
        Err(what) => {
            run.problem(what);
            return Ok(false);
        }
    };
    let mut complete = true;
    let votes_root = if entry.votes {
        // `EntryId`, not `ListEntryId`, whatever the operation's name says: the latter is
        // answered "ERR: The cast to value type 'System.Guid' failed" (openbesluitvorming
        // docs/ibabs-import-plan.md, "Per-member votes are public after all").
        let inner = format!("<Sitename>{site}</Sitename><EntryId>{id}</EntryId>");
        match call(run, "GetListEntryVotesByListEntryId", &inner)? {
            Some((name, bytes)) => match parse(&name, &bytes) {
                Ok(r) => Some(r),
                Err(what) => {
                    run.problem(what);
                    complete = false;
                    None
                }
            },
            None => {
                complete = false;
                None
            }
        }
    } else {
        None
    };
    let clean = file(run, &name, |names| {
        reader::read_entry(&entry_root, votes_root.as_ref(), &entry.id, names)
    })?;
    Ok(clean && complete)
}
