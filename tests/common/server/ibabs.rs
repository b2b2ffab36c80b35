//! iBabs' public SOAP service (`Public.svc`) as the test server plays it: the recorded Utrecht
//! answers (`shared/realdata/notubiz-ibabs-openbesluitvorming/ibabs_*.xml`) where they exist,
//! the repository's own fixtures for meeting types and meetings, and the service's rules as
//! the maintained public clients found them. Each rule names its source:
//!
//! - OBV: ontola/openbesluitvorming (src/ibabs/client.ts, src/ibabs/extractor.ts,
//!   docs/ibabs-import-plan.md, AGENTS.md, tests/motions.test.ts);
//! - ORI: openstate/open-raadsinformatie (ocd_backend/extractors/ibabs.py).
//!
//! The request's SOAP body is parsed and its parameters checked by name: a parameter the
//! operation does not take, or one it needs and did not get, is answered `Status=ERR` in an
//! HTTP 200, the way iBabs refuses what it cannot use (OBV client.ts: "genuine access denials
//! come back as HTTP 200 with Status=ERR").

use std::collections::VecDeque;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use raadsvolger_core::text::xml::{self, Element};

/// The entry of the recorded `GetListEntry` answer (Utrecht's motion M25) and its master id,
/// which its recorded votes name: OBV tests/motions.test.ts reads that answer as entry
/// `599efa0d-…`, and docs/ibabs-import-plan.md ("Per-member votes are public after all")
/// asked M25's votes with that EntryId and got them back under `68d37cf2-…`, "the
/// EntryMasterId of the entry, not the EntryId you passed".
pub const M25_ENTRY: &str = "599efa0d-e8e0-42da-822c-00d57bb3a1fb";
pub const M25_MASTER: &str = "68d37cf2-5acf-4443-a605-a15c30565b2a";
/// The day M25 was last changed, for its row in the listing (the recording of the listing
/// holds three other motions; the day is ours, after the vote of 29 January 2026).
const M25_CHANGED: &str = "2026-02-02T09:15:00";

/// What iBabs allows one address per minute on the API (OBV AGENTS.md, "iBabs rate limits
/// are per IP address": 180/min for wcf.ibabs.eu).
pub const BUDGET_PER_MINUTE: usize = 180;

/// One row of a list's listing (`iBabsListEntryBase`).
#[derive(Debug, Clone)]
struct Row {
    entry: String,
    master: String,
    title: String,
    can_vote: String,
    list: String,
    list_name: String,
    changed: String,
}

/// How the service is played; a test changes it through [`super::FixtureServer::ibabs`].
struct Rules {
    /// Requests answered per `window` before a 403.
    budget: usize,
    window: Duration,
    sent: VecDeque<Instant>,
    /// Every request refused as from an address that is not whitelisted.
    blocked: bool,
    /// Meeting windows longer than this many days answer only after `slow_delay`.
    slow_days: Option<i64>,
    slow_delay: Duration,
}

/// The iBabs service of the test server.
pub struct Service {
    lists: Vec<u8>,
    rows: Vec<Row>,
    entry_m25: Vec<u8>,
    votes_m25: Vec<u8>,
    meetingtypes: Vec<u8>,
    /// (day, the `iBabsMeeting` element as written) of the meeting fixtures.
    meetings: Vec<(String, String)>,
    rules: Mutex<Rules>,
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn text(e: &Element, name: &str) -> String {
    e.child_text(name).unwrap_or_default()
}

/// The `iBabsMeeting` elements of a fixture, as written, with their days.
fn meeting_blocks(xml: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<a:iBabsMeeting>") {
        let Some(len) = rest[start..].find("</a:iBabsMeeting>") else {
            break;
        };
        let end = start + len + "</a:iBabsMeeting>".len();
        let block = &rest[start..end];
        let day = block
            .split_once("<a:MeetingDate>")
            .map(|(_, d)| d.chars().take(10).collect::<String>())
            .unwrap_or_default();
        out.push((day, block.to_owned()));
        rest = &rest[end..];
    }
    out
}

impl Service {
    pub(super) fn load(realdata: &Path, fixtures: &Path) -> Service {
        let dir = realdata.join("notubiz-ibabs-openbesluitvorming");
        let listing =
            String::from_utf8(read(&dir.join("ibabs_list_entries_response.xml"))).expect("UTF-8");
        let root = xml::parse("listing", &listing).expect("the recorded listing");
        let mut rows: Vec<Row> = root
            .descendants("iBabsListEntryBase")
            .into_iter()
            .map(|e| Row {
                entry: text(e, "EntryId"),
                master: text(e, "EntryMasterId"),
                title: text(e, "EntryTitle"),
                can_vote: text(e, "ListCanVote"),
                list: text(e, "ListId"),
                list_name: text(e, "ListName"),
                changed: text(e, "MutationDate"),
            })
            .collect();
        let moties = rows.first().cloned().expect("a recorded row");
        rows.push(Row {
            entry: M25_ENTRY.into(),
            master: M25_MASTER.into(),
            // The listing names the entry by its number only; its title comes from the recorded
            // entry's own answer (read from ../shared at run time).
            title: "M25".into(),
            changed: M25_CHANGED.into(),
            ..moties
        });
        let registers = fixtures.join("registers");
        let meetings = ["ibabs_meetings.xml", "ibabs_meetings_commissie.xml"]
            .iter()
            .flat_map(|f| meeting_blocks(&String::from_utf8_lossy(&read(&registers.join(f)))))
            .collect();
        Service {
            lists: read(&dir.join("ibabs_lists_response.xml")),
            rows,
            entry_m25: read(&dir.join("ibabs_list_entry_response.xml")),
            votes_m25: read(&dir.join("ibabs_list_entry_votes_response.xml")),
            meetingtypes: read(&registers.join("ibabs_meetingtypes.xml")),
            meetings,
            rules: Mutex::new(Rules {
                budget: BUDGET_PER_MINUTE,
                window: Duration::from_secs(60),
                sent: VecDeque::new(),
                blocked: false,
                slow_days: None,
                slow_delay: Duration::ZERO,
            }),
        }
    }

    /// Answers `budget` requests per `window`, and a 403 past it.
    pub fn limit(&self, budget: usize, window: Duration) {
        let mut r = self.rules.lock().expect("rules");
        r.budget = budget;
        r.window = window;
        r.sent.clear();
    }

    /// Refuses every request as from an address that is not whitelisted.
    pub fn block(&self, blocked: bool) {
        self.rules.lock().expect("rules").blocked = blocked;
    }

    /// Meeting windows longer than `days` answer only after `delay`.
    pub fn slow_windows(&self, days: i64, delay: Duration) {
        let mut r = self.rules.lock().expect("rules");
        r.slow_days = Some(days);
        r.slow_delay = delay;
    }

    /// The answer to one SOAP call: (HTTP status, content type, body).
    pub(super) fn answer(&self, action: &str, body: &str) -> (u16, &'static str, Vec<u8>) {
        {
            let mut r = self.rules.lock().expect("rules");
            // OBV client.ts `looksLikeHardBlock`: an address iBabs refuses gets a 403 whose body
            // says "The request is blocked." (measured 2026-08-05: 403 from the blocked
            // server, 200 from elsewhere for the same call). OBV docs/ibabs-import-plan.md
            // "IP Whitelisting": only whitelisted addresses are answered.
            if r.blocked {
                return (403, "text/html", b"The request is blocked.".to_vec());
            }
            // OBV AGENTS.md: 180/min per address on the API; OBV client.ts: "iBabs throttles a
            // burst of SOAP calls with HTTP 403" (a 403 without the blocked text).
            let now = Instant::now();
            let window = r.window;
            while r
                .sent
                .front()
                .is_some_and(|t| now.duration_since(*t) >= window)
            {
                r.sent.pop_front();
            }
            r.sent.push_back(now);
            if r.sent.len() > r.budget {
                return (403, "text/html", b"403 - Forbidden".to_vec());
            }
        }
        let xml = match call(action, body) {
            Ok(params) => self.operation(action, &params),
            Err(what) => Err(what),
        };
        let xml = xml.unwrap_or_else(|message| failed(action, &message));
        (200, "text/xml; charset=utf-8", xml.into_bytes())
    }

    fn operation(&self, action: &str, p: &Params) -> Result<String, String> {
        match action {
            // OBV `getMeetingTypes`, ORI `_meetingtypes_as_dict`: GetMeetingtypes(Sitename).
            "GetMeetingtypes" => {
                p.only(&["Sitename"], &["Sitename"])?;
                site(p)?;
                Ok(String::from_utf8_lossy(&self.meetingtypes).into_owned())
            }
            // OBV `listMeetingsByDateRange`, ORI: GetMeetingsByDateRange(Sitename, StartDate,
            // EndDate, MetaDataOnly).
            "GetMeetingsByDateRange" => {
                p.only(
                    &["Sitename", "StartDate", "EndDate", "MetaDataOnly"],
                    &["Sitename", "StartDate", "EndDate"],
                )?;
                site(p)?;
                let day = |name: &str| -> Result<chrono::NaiveDate, String> {
                    let v = p.get(name).unwrap_or_default();
                    v.get(..10)
                        .and_then(|d| d.parse().ok())
                        .ok_or_else(|| format!("{name} {v:?} is not a date"))
                };
                let (start, end) = (day("StartDate")?, day("EndDate")?);
                self.slow(start, end);
                let found: Vec<&str> = self
                    .meetings
                    .iter()
                    .filter(|(d, _)| {
                        d.parse::<chrono::NaiveDate>()
                            .is_ok_and(|d| d >= start && d <= end)
                    })
                    .map(|(_, m)| m.as_str())
                    .collect();
                // OBV client.ts `parseMeetingsXml`: "iBabs reports an empty window as
                // Status=ERR with this literal message" ("No public meetings"; the "!" is as
                // in its sibling "No public meetingtypes!").
                if found.is_empty() {
                    return Err("No public meetings!".into());
                }
                Ok(answer_xml(
                    action,
                    "iBabsWCFObjects.Public",
                    &format!("<a:Meetings>{}</a:Meetings>", found.concat()),
                ))
            }
            // OBV `getLists`: GetLists(Sitename); the recorded Utrecht answer.
            "GetLists" => {
                p.only(&["Sitename"], &["Sitename"])?;
                site(p)?;
                Ok(String::from_utf8_lossy(&self.lists).into_owned())
            }
            // OBV `listListEntries` and scripts/explore_ibabs_votes.ts: one `filterRequest`
            // with `Sitename`, `ListId` and `SinceDate` ("Entries in one registry, changed on
            // or after sinceDate"). What the live service does with another element instead
            // of SinceDate is not known; here it is refused.
            "GetListsEntriesByFilterRequest" => {
                p.only(&["filterRequest"], &["filterRequest"])?;
                let f = p.nested.as_ref().ok_or("no filterRequest")?;
                f.only(
                    &["Sitename", "ListId", "SinceDate"],
                    &["Sitename", "ListId", "SinceDate"],
                )?;
                site(f)?;
                let list = f.get("ListId").unwrap_or_default();
                let since = f.get("SinceDate").unwrap_or_default();
                let rows: String = self
                    .rows
                    .iter()
                    .filter(|r| r.list == list && r.changed.as_str() >= since.as_str())
                    .map(row_xml)
                    .collect();
                Ok(answer_xml(
                    action,
                    "iBabsWCFObjects.Public",
                    &format!("<a:Entries>{rows}</a:Entries>"),
                ))
            }
            // OBV `getListEntry` sends Sitename, ListId, EntryId; ORI the same, checked by
            // zeep against the WSDL. That the service refuses a call without ListId is not
            // verified; both clients send it, and so must ours.
            "GetListEntry" => {
                p.only(
                    &["Sitename", "ListId", "EntryId"],
                    &["Sitename", "ListId", "EntryId"],
                )?;
                site(p)?;
                let row = self.row(p)?;
                if p.get("ListId").as_deref() != Some(row.list.as_str()) {
                    return Err(format!(
                        "entry {} is not on list {:?}",
                        row.entry,
                        p.get("ListId")
                    ));
                }
                if row.entry == M25_ENTRY {
                    return Ok(String::from_utf8_lossy(&self.entry_m25).into_owned());
                }
                // An entry without a recorded answer: its title, and no "ID" field (a list
                // template may lack one; the values are free per template, OBV
                // docs/ibabs-import-plan.md).
                Ok(answer_xml(
                    action,
                    "iBabsWCFObjects.Public",
                    &format!(
                        "<a:Documents/><a:Values xmlns:b=\"http://schemas.microsoft.com/2003/10/Serialization/Arrays\">\
                         <b:KeyValueOfstringstring><b:Key>Onderwerp</b:Key><b:Value>{}</b:Value></b:KeyValueOfstringstring>\
                         </a:Values>",
                        esc(&row.title)
                    ),
                ))
            }
            // OBV docs/ibabs-import-plan.md: "the parameter that works is `<EntryId>`.
            // Passing `<ListEntryId>` returns `ERR: The cast to value type 'System.Guid'
            // failed because the materialized value is null`"; the votes name the entry's
            // master id. Entries without votes answer OK with none ("a normal outcome").
            "GetListEntryVotesByListEntryId" => {
                if p.get("EntryId").is_none() {
                    return Err("The cast to value type 'System.Guid' failed because the \
                                materialized value is null."
                        .into());
                }
                p.only(&["Sitename", "EntryId"], &["Sitename", "EntryId"])?;
                site(p)?;
                let row = self.row(p)?;
                if row.entry == M25_ENTRY {
                    return Ok(String::from_utf8_lossy(&self.votes_m25).into_owned());
                }
                Ok(answer_xml(
                    action,
                    "iBabsWCFObjects.Public",
                    "<a:ListEntryVotes/>",
                ))
            }
            other => Err(format!("no operation {other:?} here")),
        }
    }

    fn row(&self, p: &Params) -> Result<&Row, String> {
        let id = p.get("EntryId").unwrap_or_default();
        self.rows
            .iter()
            .find(|r| r.entry == id)
            .ok_or_else(|| format!("no entry {id}"))
    }

    /// OBV extractor.ts: "Some sitenames (e.g. Rotterdam) return SOAP payloads large enough
    /// to exceed the 90s client timeout at 6-month chunks" — played as a wait before
    /// answering a window longer than the test set.
    fn slow(&self, start: chrono::NaiveDate, end: chrono::NaiveDate) {
        let delay = {
            let r = self.rules.lock().expect("rules");
            match r.slow_days {
                Some(days) if (end - start).num_days() > days => Some(r.slow_delay),
                _ => None,
            }
        };
        if let Some(d) = delay {
            std::thread::sleep(d);
        }
    }
}

/// The site asked for: the recorded answers are Utrecht's (OBV catalog: sitename "utrecht";
/// the recorded download URLs say "site=Utrecht").
fn site(p: &Params) -> Result<(), String> {
    match p.get("Sitename") {
        Some(s) if s.eq_ignore_ascii_case("utrecht") => Ok(()),
        other => Err(format!("Site {other:?} not found!")),
    }
}

/// The parameters of a call, by local name; `nested` holds those of a complex parameter.
#[derive(Debug, Default)]
struct Params {
    values: Vec<(String, String)>,
    nested: Option<Box<Params>>,
}

impl Params {
    fn get(&self, name: &str) -> Option<String> {
        self.values
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }

    /// Every parameter is one of `allowed`, and each of `needed` is there.
    fn only(&self, allowed: &[&str], needed: &[&str]) -> Result<(), String> {
        if let Some((k, _)) = self
            .values
            .iter()
            .find(|(k, _)| !allowed.contains(&k.as_str()))
        {
            return Err(format!("unknown parameter {k}"));
        }
        if let Some(n) = needed.iter().find(|n| self.get(n).is_none()) {
            return Err(format!("parameter {n} is missing"));
        }
        Ok(())
    }
}

/// The parameters of the operation `action` in a SOAP envelope.
fn call(action: &str, body: &str) -> Result<Params, String> {
    let root = xml::parse("request", body).map_err(|e| e.to_string())?;
    let op = root
        .child("Body")
        .and_then(|b| b.elements().next())
        .ok_or("no SOAP body")?;
    if op.name != action {
        return Err(format!(
            "the body calls {} under the action {action}",
            op.name
        ));
    }
    let params = |e: &Element| Params {
        values: e
            .elements()
            .map(|c| (c.name.clone(), c.text().trim().to_owned()))
            .collect(),
        nested: None,
    };
    let mut p = params(op);
    if let Some(f) = op.child("filterRequest") {
        p.nested = Some(Box::new(params(f)));
    }
    Ok(p)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An answer in the recorded answers' shape: `{action}Response/{action}Result` with Message
/// and Status in the Base namespace, then `inner`.
fn answer_xml(action: &str, ns: &str, inner: &str) -> String {
    format!(
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>\
         <{action}Response xmlns=\"http://tempuri.org/\"><{action}Result \
         xmlns:a=\"http://schemas.datacontract.org/2004/07/{ns}\" \
         xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <Message xmlns=\"http://schemas.datacontract.org/2004/07/iBabsWCFObjects.Base\"/>\
         <Status xmlns=\"http://schemas.datacontract.org/2004/07/iBabsWCFObjects.Base\">OK</Status>\
         {inner}</{action}Result></{action}Response></s:Body></s:Envelope>"
    )
}

/// `Status=ERR` with iBabs' (or our) words.
fn failed(action: &str, message: &str) -> String {
    format!(
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>\
         <{action}Response xmlns=\"http://tempuri.org/\"><{action}Result \
         xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <Message xmlns=\"http://schemas.datacontract.org/2004/07/iBabsWCFObjects.Base\">{}</Message>\
         <Status xmlns=\"http://schemas.datacontract.org/2004/07/iBabsWCFObjects.Base\">ERR</Status>\
         </{action}Result></{action}Response></s:Body></s:Envelope>",
        esc(message)
    )
}

fn row_xml(r: &Row) -> String {
    format!(
        "<a:iBabsListEntryBase><a:EntryId>{}</a:EntryId><a:EntryMasterId>{}</a:EntryMasterId>\
         <a:EntryTitle>{}</a:EntryTitle><a:ListCanVote>{}</a:ListCanVote><a:ListId>{}</a:ListId>\
         <a:ListName>{}</a:ListName><a:MutationDate>{}</a:MutationDate></a:iBabsListEntryBase>",
        esc(&r.entry),
        esc(&r.master),
        esc(&r.title),
        esc(&r.can_vote),
        esc(&r.list),
        esc(&r.list_name),
        esc(&r.changed)
    )
}
