//! iBabs: its public SOAP service (`Public.svc`). The site's meetings in the date range
//! (`GetMeetingsByDateRange`, per year so no answer grows without end), its lists
//! (`GetLists`), of the lists of motions, amendments and toezeggingen their entries
//! (`GetListsEntriesByFilterRequest`), and of each entry that changed its detail
//! (`GetListEntry`) and, where the list is voted on, its votes per member
//! (`GetListEntryVotesByListEntryId`).

use chrono::Datelike;

use super::Run;
use super::http::Request;
use crate::error::{Error, Result};
use crate::register::readers::xml::{self, Element};

const ACTION: &str = "http://tempuri.org/IPublic/";

/// Lists whose entries are register rows, by what their names say (the names differ per
/// site: "Moties", "Moties en amendementen", "Toezeggingen college").
const LIST_WORDS: [&str; 3] = ["motie", "amendement", "toezegging"];

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

/// A call of `operation`: (the service's address, the SOAP action, the envelope).
fn soap(run: &Run<'_>, operation: &str, inner: &str) -> (String, String, String) {
    (
        run.base().to_owned(),
        format!("{ACTION}{operation}"),
        envelope(operation, inner),
    )
}

/// Calls a record's operation: one that fails (after the retries) is a problem, and None.
fn call(run: &mut Run<'_>, operation: &str, inner: &str) -> Result<Option<(String, Vec<u8>)>> {
    let (url, action, body) = soap(run, operation, inner);
    let bytes = run.fetch_record(&Request::Soap(&url, &action, &body))?;
    Ok(bytes.map(|b| (format!("{url} {operation}"), b)))
}

fn parse(name: &str, bytes: &[u8]) -> std::result::Result<Element, String> {
    let text = String::from_utf8_lossy(bytes);
    xml::parse(name, &text).map_err(|e| e.to_string())
}

pub(super) fn run(run: &mut Run<'_>) -> Result<()> {
    let site = esc(run.key());
    meetings(run, &site)?;
    // Without its lists a site gives no motions: a failure here stops the sync.
    let (url, action, body) = soap(run, "GetLists", &format!("<Sitename>{site}</Sitename>"));
    let bytes = run.fetch(&Request::Soap(&url, &action, &body))?;
    let name = format!("{url} GetLists");
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

fn meetings(run: &mut Run<'_>, site: &str) -> Result<()> {
    let today = chrono::Local::now().date_naive();
    let from = run.from().unwrap_or(today - chrono::Days::new(365));
    let to = run.to().unwrap_or(today + chrono::Days::new(365));
    let done: i32 = run
        .cursor("meetings_year")?
        .and_then(|y| y.parse().ok())
        .unwrap_or(from.year() - 1);
    for year in (done + 1).max(from.year())..=to.year() {
        run.check()?;
        let start = from.max(chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(from));
        let end = to.min(chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(to));
        run.progress("records", 0, None, format!("vergaderingen {year}"));
        let inner = format!(
            "<Sitename>{site}</Sitename><StartDate>{start}T00:00:00</StartDate>\
             <EndDate>{end}T23:59:59</EndDate><MetaDataOnly>false</MetaDataOnly>"
        );
        if let Some((name, bytes)) = call(run, "GetMeetingsByDateRange", &inner)? {
            run.import(&name, &bytes)?;
        }
        run.set_cursor("meetings_year", Some(&year.to_string()))?;
    }
    run.set_cursor("meetings_year", None)?;
    Ok(())
}

fn entries(run: &mut Run<'_>, site: &str, list_id: &str, list_name: &str) -> Result<()> {
    let from = run
        .from()
        .map(|d| format!("{d}T00:00:00"))
        .unwrap_or_else(|| "2000-01-01T00:00:00".into());
    let inner = format!(
        "<filterRequest xmlns:b=\"http://schemas.datacontract.org/2004/07/iBabsWCFObjects.Base\" \
         xmlns:r=\"http://schemas.datacontract.org/2004/07/iBabsWCFObjects.Public.Request\">\
         <b:Sitename>{site}</b:Sitename><r:ListId>{}</r:ListId><r:MutationDateFrom>{from}</r:MutationDateFrom>\
         </filterRequest>",
        esc(list_id)
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
    let list: Vec<(String, String, bool)> = root
        .descendants("iBabsListEntryBase")
        .into_iter()
        .filter_map(|e| {
            let id = e.find("EntryId")?.text().trim().to_owned();
            let stamp = e
                .find("MutationDate")
                .map(|m| m.text().trim().to_owned())
                .unwrap_or_default();
            let votes = e
                .find("ListCanVote")
                .is_some_and(|v| v.text().trim() == "true");
            (!id.is_empty()).then_some((id, stamp, votes))
        })
        .collect();
    let total = list.len();
    for (i, (id, stamp, votes)) in list.into_iter().enumerate() {
        run.check()?;
        run.progress(
            "records",
            i + 1,
            Some(total),
            format!("{list_name}: {}", i + 1),
        );
        let record = format!("entry:{id}");
        if run.unchanged(&record, &stamp)? {
            continue;
        }
        let entry_id = esc(&id);
        let inner = format!("<Sitename>{site}</Sitename><EntryId>{entry_id}</EntryId>");
        let Some((name, bytes)) = call(run, "GetListEntry", &inner)? else {
            continue;
        };
        let mut ok = run.import(&name, &bytes)?;
        if votes {
            let inner = format!("<Sitename>{site}</Sitename><ListEntryId>{entry_id}</ListEntryId>");
            match call(run, "GetListEntryVotesByListEntryId", &inner)? {
                Some((name, bytes)) => ok &= run.import(&name, &bytes)?,
                None => ok = false,
            }
        }
        if ok {
            run.seen(&record, &stamp)?;
        }
    }
    Ok(())
}
