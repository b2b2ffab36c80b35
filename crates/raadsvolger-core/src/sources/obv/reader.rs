//! openbesluitvorming's bulk export: NDJSON, one change record a line (ontola/openbesluitvorming
//! `API.md`, "Bulk export" / "Record format"): `{seq, op, time, entity_id, entity_type,
//! source_key, supplier, commit_id, content_hash, schema_version, payload}`. `op` is `upsert`
//! (with the entity in `payload`) or `delete` (a tombstone without payload). The payloads follow
//! the repository's `schemas/` (meeting, document, motion, committee), compacted as
//! `src/quickwit/project.ts` `compactEntityPayload` does: no `id` inside (the record's
//! `entity_id` is the id) and no document text ("full document text is never inlined"), though
//! a `text` or `md_text` that a full entity carries is read.
//!
//! The reader takes one line at a time ([`Reader::line`]); a line that is not a record is a
//! problem naming its line and the others go on. What it keeps between lines is small: the
//! documents' addresses (a motion names its text by document id) and the committees' names
//! (a meeting names its committee by id). [`Reader::take`] hands over what the lines so far
//! made, a [`Page`], which [`Archive::write_obv_page`] writes in one transaction: the shared
//! register writer for meetings and motions, then the document links, then the deletions
//! (what a person edited stays).

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc};
use serde_json::{Map, Value};

use crate::extract::notation::{PartyNames, parse_option, parse_submitter};
use crate::model::register::{MeetingStatus, MemberVote, Submitter};
use crate::sources::{
    AgendaRef, Batch, DocRef, ItemRec, MeetingRec, MotionRec, VoteRec, kind_of, outcome_in,
    parse_day, parse_vote_text, person_name, split_number, time_of,
};

/// The provenance system of what the export brings ("register: openbesluitvorming").
pub const SYSTEM: &str = crate::model::system::OBV_PROVENANCE;

/// True when the text's first record line is an export record: an object with `entity_id`,
/// `entity_type` and an `op` of upsert or delete.
pub fn recognises(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(5)
        .find_map(|l| serde_json::from_str::<Value>(l).ok())
        .and_then(|v| v.as_object().map(is_record))
        .unwrap_or(false)
}

fn is_record(o: &Map<String, Value>) -> bool {
    o.contains_key("entity_id")
        && o.contains_key("entity_type")
        && matches!(
            o.get("op").and_then(Value::as_str),
            Some("upsert" | "delete")
        )
}

/// A document to queue on a row that an earlier file or page made: found by its record id
/// when the page is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub document: String,
    /// Where to fetch it, when the record was read here; else the address its earlier
    /// download had.
    pub doc: Option<DocRef>,
    /// "meeting" or "motion".
    pub target: &'static str,
    pub record: String,
}

/// A document whose record carries its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocText {
    pub id: String,
    pub title: String,
    pub markdown: String,
}

/// What the lines read so far made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    pub batch: Batch,
    /// (entity type, entity id) of the tombstones.
    pub deletions: Vec<(String, String)>,
    pub links: Vec<Link>,
    pub texts: Vec<DocText>,
    /// Records read (upserts and deletions, whatever their type).
    pub lines: usize,
    /// The highest `seq` read.
    pub last_seq: Option<i64>,
}

#[derive(Debug, Clone)]
struct DocInfo {
    doc: DocRef,
}

/// Reads export lines; keeps what later lines refer to.
pub struct Reader {
    names: PartyNames,
    docs: HashMap<String, DocInfo>,
    /// Meeting id -> documents whose `is_referenced_by` names it.
    docs_of: HashMap<String, Vec<String>>,
    committees: HashMap<String, String>,
    page: Page,
    line: usize,
}

fn str_of<'a>(o: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    o.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn strings(o: &Map<String, Value>, key: &str) -> Vec<String> {
    match o.get(key) {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| match v {
                Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
                Value::Object(r) => str_of(r, "id").map(str::to_owned),
                _ => None,
            })
            .collect(),
        Some(Value::String(s)) if !s.trim().is_empty() => vec![s.trim().to_owned()],
        _ => Vec::new(),
    }
}

/// The Dutch offset of an instant: CEST (+2) from the last Sunday of March 01:00 UTC to the last
/// Sunday of October 01:00 UTC, else CET (+1), the EU rule since 1996. openbesluitvorming
/// writes meeting times as UTC instants read in Europe/Amsterdam (`src/util/local_time.ts`).
fn amsterdam(t: DateTime<Utc>) -> NaiveDateTime {
    let last_sunday = |month: u32| {
        let first_next = NaiveDate::from_ymd_opt(t.year(), month + 1, 1).unwrap_or_default();
        let last = first_next.pred_opt().unwrap_or(first_next);
        let back = last.weekday().num_days_from_sunday();
        let day = last - Duration::days(i64::from(back));
        Utc.from_utc_datetime(&day.and_hms_opt(1, 0, 0).unwrap_or_default())
    };
    let summer = t >= last_sunday(3) && t < last_sunday(10);
    let offset = if summer { 2 } else { 1 };
    (t + Duration::hours(offset)).naive_utc()
}

/// The day and (when not midnight) time of day of a timestamp, in Dutch time: an instant with
/// a zone is converted, a bare reading is taken as it is.
fn local(s: &str) -> Option<(NaiveDate, Option<String>)> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        let l = amsterdam(t.with_timezone(&Utc));
        let time = (l.hour(), l.minute());
        let time = (time != (0, 0)).then(|| format!("{:02}:{:02}", time.0, time.1));
        return Some((l.date(), time));
    }
    Some((parse_day(s)?, time_of(s)))
}

impl Reader {
    pub fn new(names: PartyNames) -> Reader {
        Reader {
            names,
            docs: HashMap::new(),
            docs_of: HashMap::new(),
            committees: HashMap::new(),
            page: Page::default(),
            line: 0,
        }
    }

    /// A new answer begins: its lines are counted from 1.
    pub fn begin(&mut self) {
        self.line = 0;
    }

    /// Records read since the last take.
    pub fn pending(&self) -> usize {
        self.page.lines
    }

    /// What the lines since the last take made.
    pub fn take(&mut self) -> Page {
        std::mem::take(&mut self.page)
    }

    /// Reads one line; `at` names where it is (for problems: "line 12" is added).
    pub fn line(&mut self, at: &str, line: &str) {
        self.line += 1;
        let line = line.trim();
        if line.is_empty() {
            return;
        }
        let here = if at.is_empty() {
            format!("line {}", self.line)
        } else {
            format!("{at} line {}", self.line)
        };
        let value: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                self.page
                    .batch
                    .problem(here, format!("not a JSON record ({e}); skipped"));
                return;
            }
        };
        let Some(o) = value.as_object() else {
            self.page.batch.problem(here, "not a JSON object; skipped");
            return;
        };
        let Some(id) = str_of(o, "entity_id") else {
            self.page
                .batch
                .problem(here, "a record without entity_id; skipped");
            return;
        };
        if let Some(seq) = o.get("seq").and_then(Value::as_i64) {
            self.page.last_seq = Some(self.page.last_seq.map_or(seq, |s| s.max(seq)));
        }
        self.page.lines += 1;
        let payload = o.get("payload").and_then(Value::as_object);
        let kind = str_of(o, "entity_type")
            .or_else(|| payload.and_then(|p| str_of(p, "type")))
            .unwrap_or("")
            .to_owned();
        match str_of(o, "op") {
            Some("delete") => {
                self.page.deletions.push((kind, id.to_owned()));
                return;
            }
            Some("upsert") => {}
            other => {
                self.page.batch.problem(
                    id,
                    format!("an op that is neither upsert nor delete: {other:?}; skipped"),
                );
                return;
            }
        }
        let Some(p) = payload else {
            self.page
                .batch
                .problem(id, "an upsert without payload; skipped");
            return;
        };
        match kind.as_str() {
            "Meeting" => self.meeting(id, p),
            "Document" | "MediaObject" | "Report" => self.document(id, p),
            "Motion" => self.motion(id, p),
            "Committee" => {
                if let Some(name) = str_of(p, "name") {
                    self.committees.insert(id.to_owned(), name.to_owned());
                }
            }
            // Emitted, but nothing of the register's rows: members and parties come with the
            // votes, recordings are not kept.
            "Person" | "Party" | "Recording" => {}
            other => self.page.batch.problem(
                id,
                format!("an entity_type Raadsvolger does not read: {other:?}"),
            ),
        }
    }

    fn document(&mut self, id: &str, p: &Map<String, Value>) {
        let title = str_of(p, "name").map(str::to_owned);
        let url = str_of(p, "original_url").map(str::to_owned).or_else(|| {
            p.get("media_urls")
                .and_then(Value::as_array)
                .and_then(|a| {
                    a.iter()
                        .find_map(|m| m.as_object().and_then(|m| str_of(m, "url")))
                })
                .map(str::to_owned)
        });
        let text: Vec<String> = ["md_text", "text"]
            .iter()
            .map(|k| strings(p, k))
            .find(|t| !t.is_empty())
            .unwrap_or_default();
        if !text.is_empty() {
            self.page.texts.push(DocText {
                id: id.to_owned(),
                title: title.clone().unwrap_or_else(|| id.to_owned()),
                markdown: text.join("\n\n"),
            });
        }
        let Some(url) = url else {
            if text.is_empty() {
                self.page.batch.problem(
                    id,
                    "a document without original_url or media_urls: not fetched",
                );
            }
            return;
        };
        let doc = DocRef {
            id: id.to_owned(),
            url,
            title,
            file_name: str_of(p, "file_name").map(str::to_owned),
        };
        if let Some(meeting) = str_of(p, "is_referenced_by") {
            self.docs_of
                .entry(meeting.to_owned())
                .or_default()
                .push(id.to_owned());
            // A late document of a meeting the archive has: queued there when written.
            self.page.links.push(Link {
                document: id.to_owned(),
                doc: Some(doc.clone()),
                target: "meeting",
                record: meeting.to_owned(),
            });
        }
        self.docs.insert(id.to_owned(), DocInfo { doc });
    }

    fn meeting(&mut self, id: &str, p: &Map<String, Value>) {
        let Some(start) = str_of(p, "start_date") else {
            self.page.batch.problem(id, "a meeting without start_date");
            return;
        };
        let Some((date, start_time)) = local(start) else {
            self.page
                .batch
                .problem(id, format!("a start_date that is not a day: {start}"));
            return;
        };
        let status = str_of(p, "status").unwrap_or("").to_lowercase();
        let status = if ["cancel", "geannuleerd", "vervallen"]
            .iter()
            .any(|w| status.contains(w))
        {
            MeetingStatus::Cancelled
        } else if date <= chrono::Local::now().date_naive() {
            MeetingStatus::Held
        } else {
            MeetingStatus::Planned
        };
        let body = str_of(p, "committee")
            .and_then(|c| self.committees.get(c).cloned())
            .unwrap_or_else(|| "Gemeenteraad".into());
        let mut linked = Vec::new();
        let items = match p.get("agenda").and_then(Value::as_array) {
            Some(a) => self.agenda(id, a, 0, &mut linked),
            None => Vec::new(),
        };
        // The meeting's own documents: its attachments and the documents that name it, less
        // those an agenda item holds.
        let mut ids = strings(p, "attachment");
        ids.extend(self.docs_of.get(id).cloned().unwrap_or_default());
        let mut documents: Vec<DocRef> = Vec::new();
        for d in ids {
            if linked.contains(&d) || documents.iter().any(|x| x.id == d) {
                continue;
            }
            if let Some(info) = self.docs.get(&d) {
                documents.push(info.doc.clone());
            }
        }
        self.page.batch.meetings.push(MeetingRec {
            id: id.to_owned(),
            body,
            date,
            start_time,
            end_time: str_of(p, "end_date").and_then(local).and_then(|(_, t)| t),
            title: str_of(p, "name").map(str::to_owned),
            location: str_of(p, "location").map(str::to_owned),
            status,
            items,
            documents,
        });
    }

    fn agenda(
        &mut self,
        meeting: &str,
        list: &[Value],
        depth: usize,
        linked: &mut Vec<String>,
    ) -> Vec<ItemRec> {
        if depth > 16 {
            self.page
                .batch
                .problem(meeting, "agenda items nested more than 16 levels deep");
            return Vec::new();
        }
        let mut out = Vec::new();
        for (i, item) in list.iter().enumerate() {
            let Some(o) = item.as_object() else {
                self.page.batch.problem(
                    meeting,
                    format!("agenda entry {} is not an object; skipped", i + 1),
                );
                continue;
            };
            let Some(id) = str_of(o, "id") else {
                self.page.batch.problem(
                    meeting,
                    format!("agenda entry {} without id; skipped", i + 1),
                );
                continue;
            };
            let number = str_of(o, "number").map(str::to_owned).or_else(|| {
                o.get("order")
                    .and_then(Value::as_f64)
                    .map(|n| format!("{n}"))
            });
            let title = str_of(o, "title")
                .map(str::to_owned)
                .or_else(|| number.as_ref().map(|n| format!("Agendapunt {n}")));
            let Some(title) = title else {
                self.page
                    .batch
                    .problem(id, "an agenda item without title or number; skipped");
                continue;
            };
            let mut documents = Vec::new();
            for d in o
                .get("documents")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_object)
            {
                let Some(doc_id) = str_of(d, "id") else {
                    continue;
                };
                let url = str_of(d, "original_url")
                    .map(str::to_owned)
                    .or_else(|| self.docs.get(doc_id).map(|i| i.doc.url.clone()));
                let Some(url) = url else { continue };
                linked.push(doc_id.to_owned());
                documents.push(DocRef {
                    id: doc_id.to_owned(),
                    url,
                    title: str_of(d, "name").map(str::to_owned),
                    file_name: str_of(d, "file_name").map(str::to_owned),
                });
            }
            let children = o
                .get("agenda_items")
                .and_then(Value::as_array)
                .map(|a| self.agenda(meeting, a, depth + 1, linked))
                .unwrap_or_default();
            out.push(ItemRec {
                id: id.to_owned(),
                number,
                title,
                description: str_of(o, "description").map(str::to_owned),
                items: children,
                motions: Vec::new(),
                documents,
            });
        }
        out
    }

    fn motion(&mut self, id: &str, p: &Map<String, Value>) {
        let Some(name) = str_of(p, "name") else {
            self.page
                .batch
                .problem(id, "a motion without name; skipped");
            return;
        };
        let (number, title) = split_number(name);
        let kind_word = str_of(p, "motion_type")
            .map(str::to_owned)
            .or_else(|| strings(p, "classification").into_iter().next())
            .unwrap_or_else(|| name.to_owned());
        let mut rec = MotionRec::new(id, kind_of(&kind_word));
        rec.number = number;
        rec.title = Some(title);
        rec.date = str_of(p, "date").and_then(local).map(|(d, _)| d);
        if let Some(item) = str_of(p, "agenda_item") {
            rec.agenda = Some(AgendaRef {
                item: Some(item.to_owned()),
                ..AgendaRef::default()
            });
        }
        let mut subs: Vec<Submitter> = Vec::new();
        for (key, role) in [("proposers", "indiener"), ("co_proposers", "mede-indiener")] {
            for s in strings(p, key) {
                subs.push(parse_submitter(&s, &self.names, role));
            }
        }
        if subs.is_empty() {
            for party in strings(p, "parties") {
                let party = self.names.canonical(&party);
                subs.push(Submitter {
                    name: party.clone(),
                    party: Some(party),
                    role: "indiener".into(),
                });
            }
        }
        if !subs.is_empty() {
            rec.submitters = Some(subs);
        }
        let outcome = str_of(p, "result")
            .and_then(outcome_in)
            .or_else(|| str_of(p, "status").and_then(outcome_in));
        if let Some(o) = outcome {
            rec.status.push((rec.date, o));
        }
        match self.vote(p, rec.date) {
            Ok(Some(v)) => rec.votes.push(v),
            Ok(None) => {}
            Err(what) => self.page.batch.problem(id, what),
        }
        for d in strings(p, "attachment") {
            match self.docs.get(&d) {
                Some(info) => rec.documents.push(info.doc.clone()),
                None => self.page.links.push(Link {
                    document: d,
                    doc: None,
                    target: "motion",
                    record: id.to_owned(),
                }),
            }
        }
        self.page.batch.motions.push(rec);
    }

    /// The vote of a motion: its tally, its per-member votes and the free-text summary, as far
    /// as the record gives them (`schemas/motion.schema.json`: `tally`, `votes`,
    /// `vote_summary`).
    fn vote(
        &self,
        p: &Map<String, Value>,
        date: Option<NaiveDate>,
    ) -> std::result::Result<Option<VoteRec>, String> {
        let summary = str_of(p, "vote_summary");
        let tally = p.get("tally").and_then(Value::as_object);
        let members = p.get("votes").and_then(Value::as_array);
        if summary.is_none() && tally.is_none() && members.is_none_or(|m| m.is_empty()) {
            return Ok(None);
        }
        let mut vote = summary
            .and_then(|s| parse_vote_text(s, &self.names))
            .unwrap_or_else(|| VoteRec {
                raw_text: summary.map(str::to_owned),
                ..VoteRec::default()
            });
        vote.date = date;
        for (i, v) in members.into_iter().flatten().enumerate() {
            let Some(v) = v.as_object() else {
                return Err(format!("vote {} is not an object", i + 1));
            };
            let name = str_of(v, "voter_name")
                .map(person_name)
                .or_else(|| str_of(v, "voter").map(str::to_owned));
            let Some(name) = name else {
                return Err(format!("vote {} without its voter", i + 1));
            };
            let Some(option) = str_of(v, "option").and_then(parse_option) else {
                return Err(format!(
                    "{name}: a vote with an unknown option {:?}",
                    v.get("option")
                ));
            };
            vote.members.push(MemberVote {
                name,
                party: str_of(v, "group_name").map(|g| self.names.canonical(g)),
                option: option.into(),
            });
        }
        let count = |key: &str| -> std::result::Result<Option<u32>, String> {
            match tally.and_then(|t| t.get(key)) {
                None | Some(Value::Null) => Ok(None),
                Some(v) => v
                    .as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .map(Some)
                    .ok_or_else(|| format!("tally {key} is not a count: {v}")),
            }
        };
        let (f, a) = (count("in_favour")?, count("against")?);
        if tally.is_some() {
            vote.votes_for = f.or(vote.votes_for);
            vote.votes_against = a.or(vote.votes_against);
        } else if !vote.members.is_empty() && vote.votes_for.is_none() {
            let n = |o: &str| vote.members.iter().filter(|m| m.option == o).count() as u32;
            let (f, a) = (n("voor"), n("tegen"));
            vote.votes_for = Some(f);
            vote.votes_against = Some(a);
        }
        Ok(Some(vote))
    }
}

/// Reads a whole export file (an NDJSON text), line by line.
pub fn read(text: &str, names: &PartyNames) -> Page {
    let mut r = Reader::new(names.clone());
    for line in text.lines() {
        r.line("", line);
    }
    r.take()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_time_follows_summer_time() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).expect("day");
        assert_eq!(
            local("2026-03-12T18:30:00.000Z"),
            Some((d(2026, 3, 12), Some("19:30".into())))
        );
        assert_eq!(
            local("2026-06-18T17:30:00.000Z"),
            Some((d(2026, 6, 18), Some("19:30".into())))
        );
        // Late in the evening in UTC is the next day in the Netherlands.
        assert_eq!(
            local("2026-01-05T23:30:00Z"),
            Some((d(2026, 1, 6), Some("00:30".into())))
        );
        assert_eq!(
            local("2026-10-25T00:59:00Z").map(|l| l.1),
            Some(Some("02:59".into()))
        );
        assert_eq!(
            local("2026-10-25T01:00:00Z").map(|l| l.1),
            Some(Some("02:00".into()))
        );
        assert_eq!(local("2026-02-03"), Some((d(2026, 2, 3), None)));
    }

    #[test]
    fn recognises_records_and_names_bad_lines() {
        let text = "{\"seq\":1,\"op\":\"upsert\",\"entity_id\":\"motion:x:1\",\"entity_type\":\"Motion\",\"payload\":{\"type\":\"Motion\",\"name\":\"M1 Bankjes\",\"result\":\"aangenomen\",\"tally\":{\"in_favour\":9,\"against\":2}}}\n\
                    {kapot\n\
                    {\"seq\":2,\"op\":\"delete\",\"entity_id\":\"meeting:x:2\",\"entity_type\":\"Meeting\"}\n";
        assert!(recognises(text));
        assert!(!recognises("{\"@type\": \"Meeting\"}"));
        let page = read(text, &PartyNames::default());
        assert_eq!(page.batch.motions.len(), 1);
        let m = &page.batch.motions[0];
        assert_eq!(m.number.as_deref(), Some("M1"));
        assert_eq!(m.votes[0].votes_for, Some(9));
        assert_eq!(m.status[0].1, "aangenomen");
        assert_eq!(
            page.deletions,
            vec![("Meeting".into(), "meeting:x:2".into())]
        );
        assert_eq!(page.batch.problems.len(), 1);
        assert!(
            page.batch.problems[0].0.contains("line 2"),
            "{:?}",
            page.batch.problems
        );
        assert_eq!(page.last_seq, Some(2));
    }
}
