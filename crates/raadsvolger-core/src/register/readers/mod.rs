//! Readers of the councils' own registers: one response of a system's API (or one of its
//! pages) turned into register rows. Each reader knows one system and recognises its responses
//! by what they hold, not by their file name:
//!
//! - [`notubiz`]: NotuBiz JSON, meetings with their agenda and module items (motions,
//!   amendments, toezeggingen) read by the stable attribute ids.
//! - [`ibabs`]: iBabs SOAP XML: lists, list entries, an entry's per-member votes, meetings.
//! - [`tk`]: Tweede Kamer OData JSON: cases (Zaak), votes per party or member (Stemming with
//!   its Besluit), toezeggingen; and the official publication of a motion (XML), which is a
//!   document and goes into the archive as one.
//! - [`go`]: GemeenteOplossingen meeting pages (HTML); [`go_api`]: its JSON API's meetings.
//! - [`parlaeus`]: Parlaeus open-data JSON, a meeting's agenda with its points.
//! - [`ori`]: Open Raadsinformatie JSON (Meeting, AgendaItem, MediaObject, Motion, VoteEvent).
//! - [`obv`]: openbesluitvorming's bulk export (NDJSON change records), read line by line.
//! - Popolo JSON goes to [`super::popolo`].
//!
//! A reader only reads: it returns a [`Batch`] of records, and a record it cannot read is
//! named in the batch's problems with its id and skipped. [`Archive::import_register_bytes`]
//! writes the batch in one transaction. Rows imported before are found again by their
//! provenance (system and record id) and updated in place; what a person entered stays.

pub mod go;
pub mod go_api;
pub mod ibabs;
pub mod notubiz;
pub mod obv;
pub mod ori;
pub mod parlaeus;
pub mod tk;
pub mod xml;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use regex::Regex;
use serde::Serialize;

use super::text::PartyNames;
use super::{MeetingStatus, MemberVote, PartyVoteRow, Provenance, Submitter};
use crate::Archive;
use crate::error::{Error, Result};
use crate::model::{DocKind, Origin, Status};
use crate::store::Store;
use crate::store::commitments::RegisterCommitment;
use crate::store::meetings::MeetingFields;
use crate::store::motions::{MotionFields, VoteFields};

/// What one register file brought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegisterImport {
    /// The system that wrote it: notubiz, ibabs, tk, go, ori, popolo; "document" for a
    /// publication imported as a document.
    pub system: String,
    /// Records written: meetings, agenda items, motions, votes, commitments.
    pub records: usize,
    /// One line per record that was skipped: the file, the record's id and what is wrong.
    pub problems: Vec<String>,
}

/// A document a register attaches to a meeting, an agenda item or a motion: downloaded by a
/// sync and attached there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRef {
    /// The register's id of the document (with its version, when it has one).
    pub id: String,
    pub url: String,
    pub title: Option<String>,
    pub file_name: Option<String>,
}

/// A meeting as a register gives it, with its agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingRec {
    pub id: String,
    pub body: String,
    pub date: NaiveDate,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub title: Option<String>,
    pub location: Option<String>,
    pub status: MeetingStatus,
    pub items: Vec<ItemRec>,
    pub documents: Vec<DocRef>,
}

/// An agenda item, with the items below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRec {
    pub id: String,
    pub number: Option<String>,
    pub title: String,
    pub description: Option<String>,
    pub items: Vec<ItemRec>,
    /// Motions the register lists on this item (their record ids).
    pub motions: Vec<String>,
    pub documents: Vec<DocRef>,
}

/// The agenda item a motion was submitted on: by the register's id for it, else by the
/// meeting (body and date) and the item's number or title.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AgendaRef {
    pub item: Option<String>,
    pub meeting: Option<(String, NaiveDate)>,
    pub number: Option<String>,
    pub title: Option<String>,
}

/// A vote event.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VoteRec {
    pub date: Option<NaiveDate>,
    pub method: Option<String>,
    pub votes_for: Option<u32>,
    pub votes_against: Option<u32>,
    pub abstained: Option<u32>,
    pub absent: Option<u32>,
    pub unanimous: bool,
    pub raw_text: Option<String>,
    pub parties: Vec<PartyVoteRow>,
    pub members: Vec<MemberVote>,
}

/// A motion (or amendment) as a register gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MotionRec {
    /// The register's id of the motion: finds it again on re-import.
    pub id: String,
    /// The record these facts (status, votes) come from, when another than the motion's own
    /// (a decision record that holds the vote).
    pub facts: Option<String>,
    pub kind: DocKind,
    pub number: Option<String>,
    /// None when the record only names the motion (a vote record): an existing motion keeps
    /// its title, a new one gets `placeholder`.
    pub title: Option<String>,
    pub placeholder: Option<String>,
    pub date: Option<NaiveDate>,
    pub agenda: Option<AgendaRef>,
    /// None: the record says nothing about submitters, the ones known stay.
    pub submitters: Option<Vec<Submitter>>,
    pub status: Vec<(Option<NaiveDate>, String)>,
    pub votes: Vec<VoteRec>,
    /// Another number the register gives it (a parliamentary paper's).
    pub note: Option<String>,
    /// Its text and attachments.
    pub documents: Vec<DocRef>,
}

impl MotionRec {
    pub fn new(id: impl Into<String>, kind: DocKind) -> MotionRec {
        MotionRec {
            id: id.into(),
            facts: None,
            kind,
            number: None,
            title: None,
            placeholder: None,
            date: None,
            agenda: None,
            submitters: None,
            status: Vec::new(),
            votes: Vec::new(),
            note: None,
            documents: Vec::new(),
        }
    }
}

/// A commitment a register keeps: a toezegging, or a motion's request with its deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitmentRec {
    pub id: String,
    pub origin: Origin,
    pub text: String,
    pub actor: String,
    pub made_on: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    /// A status the register records, with the day it took effect.
    pub status: Option<(Status, NaiveDate)>,
    /// The motion's record id, for a motion's request.
    pub motion: Option<String>,
}

/// Everything a reader found in one response.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Batch {
    pub meetings: Vec<MeetingRec>,
    pub motions: Vec<MotionRec>,
    pub commitments: Vec<CommitmentRec>,
    /// (record id, what is wrong), for records skipped.
    pub problems: Vec<(String, String)>,
}

impl Batch {
    pub fn problem(&mut self, record: impl Into<String>, what: impl Into<String>) {
        self.problems.push((record.into(), what.into()));
    }
}

/// The formats recognised.
enum Format {
    Popolo(serde_json::Value),
    Json(&'static str, serde_json::Value),
    Xml(&'static str, xml::Element),
    Html(String),
    /// openbesluitvorming's export: NDJSON, read line by line.
    Ndjson(String),
}

fn text_of(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    text.trim_start_matches('\u{feff}').to_owned()
}

fn detect(name: &str, bytes: &[u8]) -> Result<Format> {
    let text = text_of(bytes);
    let start = text.trim_start();
    let unknown = || {
        Error::InvalidInput(format!(
            "{name}: not a register format Raadsvolger knows (NotuBiz, iBabs, Tweede Kamer, \
             GemeenteOplossingen, Parlaeus, Open Raadsinformatie, openbesluitvorming or Popolo)"
        ))
    };
    if start.starts_with('{') && obv::recognises(start) {
        return Ok(Format::Ndjson(start.to_owned()));
    }
    if start.starts_with('{') || start.starts_with('[') {
        let value: serde_json::Value = serde_json::from_str(start)
            .map_err(|e| Error::InvalidInput(format!("{name}: not valid JSON: {e}")))?;
        if super::popolo::is_popolo(&value) {
            return Ok(Format::Popolo(value));
        }
        for (system, recognises) in [
            (
                "notubiz",
                notubiz::recognises as fn(&serde_json::Value) -> bool,
            ),
            ("tk", tk::recognises),
            ("ori", ori::recognises),
            ("go", go_api::recognises),
            ("parlaeus", parlaeus::recognises),
        ] {
            if recognises(&value) {
                return Ok(Format::Json(system, value));
            }
        }
        return Err(unknown());
    }
    if start.starts_with('<') {
        let head: String = start.chars().take(2000).collect::<String>().to_lowercase();
        if head.contains("<html") || head.starts_with("<!doctype html") {
            if go::recognises(start) {
                return Ok(Format::Html(start.to_owned()));
            }
            return Err(unknown());
        }
        let root = xml::parse(name, start)?;
        if ibabs::recognises(&root) {
            return Ok(Format::Xml("ibabs", root));
        }
        if tk::is_publication(&root) {
            return Ok(Format::Xml("document", root));
        }
        return Err(unknown());
    }
    Err(unknown())
}

/// The system whose register response this is, when a reader recognises it (without writing
/// anything). Lets a caller tell a register page from an ordinary HTML document.
pub fn recognise(bytes: &[u8]) -> Option<&'static str> {
    match detect("", bytes).ok()? {
        Format::Popolo(_) => Some("popolo"),
        Format::Json(s, _) | Format::Xml(s, _) => Some(s),
        Format::Html(_) => Some("go"),
        Format::Ndjson(_) => Some(obv::SYSTEM),
    }
}

/// The iBabs answers among an import's register files, linked ([`ibabs::link`]); each by its
/// place in `paths` and its folder. A file that cannot be read here is reported when it is
/// imported.
pub fn link_ibabs(paths: &[std::path::PathBuf], max_bytes: u64) -> ibabs::Linking {
    let answers: Vec<_> = paths
        .iter()
        .enumerate()
        .filter(|(_, p)| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml")))
        .filter_map(|(place, path)| {
            let bytes = crate::import::read_file(path, max_bytes).ok()?;
            let Ok(Format::Xml("ibabs", root)) = detect("", &bytes) else {
                return None;
            };
            let folder = path.parent().map(|d| d.to_string_lossy().into_owned());
            Some((place, folder.unwrap_or_default(), ibabs::answer_of(&root)))
        })
        .collect();
    ibabs::link(&answers)
}

/// Reads one response into a batch, without writing (the readers' common entry, for tests and
/// measurements). Popolo and publications are not batches: they give None.
pub fn read(name: &str, bytes: &[u8], names: &PartyNames) -> Result<Option<(&'static str, Batch)>> {
    Ok(match detect(name, bytes)? {
        Format::Popolo(_) => None,
        Format::Json("notubiz", v) => Some(("notubiz", notubiz::read(&v, names))),
        Format::Json("tk", v) => Some(("tk", tk::read(&v, names))),
        Format::Json("go", v) => Some(("go", go_api::read(&v))),
        Format::Json("parlaeus", v) => Some(("parlaeus", parlaeus::read(&v))),
        Format::Json(_, v) => Some(("ori", ori::read(&v, names))),
        Format::Xml("ibabs", root) => Some(("ibabs", ibabs::read(&root, names))),
        Format::Xml(_, _) => None,
        Format::Html(text) => Some(("go", go::read(&text))),
        Format::Ndjson(text) => Some((obv::SYSTEM, obv::read(&text, names).batch)),
    })
}

impl Archive {
    /// The note a register gave a motion (another number it goes by, such as a parliamentary
    /// paper's: "kamerstuk 36550-V-4").
    pub fn motion_note(&self, id: i64) -> Result<Option<String>> {
        self.reader()?.motion_note(id)
    }

    /// Imports one response of a council's register (recognised by its content): its
    /// meetings, agenda items, motions, votes and commitments, in one transaction. A record
    /// that cannot be read is named in `problems` and skipped; an unknown format, or a file
    /// cut off, is an [`Error::InvalidInput`] naming the file. Importing the same file again
    /// updates the rows in place and leaves what a person entered.
    pub fn import_register_bytes(&self, name: &str, bytes: &[u8]) -> Result<RegisterImport> {
        self.import_register_linked(name, bytes, &BTreeMap::new())
    }

    /// [`Archive::import_register_bytes`] for one file of an import whose iBabs listings give
    /// entries' master ids (`masters`, see [`ibabs::link`]).
    pub(crate) fn import_register_linked(
        &self,
        name: &str,
        bytes: &[u8],
        masters: &BTreeMap<String, String>,
    ) -> Result<RegisterImport> {
        self.write(|| {
            let import = self.import_register_locked(name, bytes, masters)?;
            // A motion's text imported before its motion (or the other way round) is its
            // text now.
            self.link_motion_texts_locked()?;
            Ok(import)
        })
    }

    /// Links each motion to its text when the archive holds it: a Tweede Kamer motion names
    /// its parliamentary paper ("kamerstuk 36550-V-4"), and the publication of that paper is a
    /// document of that council number. The download queued for the text is done then, and
    /// the motion that extraction made of the text gives way to the register's. Returns how
    /// many motions were linked.
    pub(crate) fn link_motion_texts_locked(&self) -> Result<usize> {
        let now = crate::commitments::now();
        let linked = self
            .store()?
            .atomically(|s| s.link_motion_texts(tk::KAMERSTUK_NOTE, &now))?;
        if linked > 0 {
            self.sync_extracted_locked()?;
        }
        Ok(linked)
    }

    /// An iBabs entry's answer and the answer of its votes, recorded together (`entry_id`: the
    /// id the votes name), filed as one motion as a sync files them ([`ibabs::read_entry`]).
    pub(crate) fn import_ibabs_exchange(
        &self,
        name: &str,
        entry: &[u8],
        votes: &[u8],
        entry_id: &str,
    ) -> Result<RegisterImport> {
        let root = |bytes: &[u8]| match detect(name, bytes)? {
            Format::Xml("ibabs", root) => Ok(root),
            _ => Err(Error::InvalidInput(format!(
                "{name}: not an answer of iBabs"
            ))),
        };
        let (entry, votes) = (root(entry)?, root(votes)?);
        self.import_register_batch(name, "ibabs", |names| {
            ibabs::read_entry(&entry, Some(&votes), entry_id, names)
        })
    }

    fn import_register_locked(
        &self,
        name: &str,
        bytes: &[u8],
        masters: &BTreeMap<String, String>,
    ) -> Result<RegisterImport> {
        let names = self.party_names()?;
        match detect(name, bytes)? {
            Format::Popolo(value) => {
                let (records, problems) = self.import_popolo(&value, "popolo")?;
                Ok(RegisterImport {
                    system: "popolo".into(),
                    records,
                    problems: problems
                        .into_iter()
                        .map(|p| format!("{name}: {p}"))
                        .collect(),
                })
            }
            Format::Ndjson(text) => {
                let mut reader = obv::Reader::new(names);
                for line in text.lines() {
                    reader.line("", line);
                }
                self.write_obv_page(name, &reader.take())
            }
            Format::Xml("document", root) => {
                let markdown = tk::publication_markdown(&root).ok_or_else(|| {
                    Error::InvalidInput(format!("{name}: a publication without a title"))
                })?;
                let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
                let report = self.import_bytes(
                    &format!("{stem}.md"),
                    markdown.as_bytes(),
                    &mut crate::import::NoProgress,
                )?;
                let problems: Vec<String> =
                    report.failed().map(|f| format!("{name}: {f:?}")).collect();
                Ok(RegisterImport {
                    system: "document".into(),
                    records: usize::from(problems.is_empty()),
                    problems,
                })
            }
            other => {
                let (system, batch) = match other {
                    Format::Json("notubiz", v) => ("notubiz", notubiz::read(&v, &names)),
                    Format::Json("tk", v) => ("tk", tk::read(&v, &names)),
                    Format::Json("go", v) => ("go", go_api::read(&v)),
                    Format::Json("parlaeus", v) => ("parlaeus", parlaeus::read(&v)),
                    Format::Json(_, v) => ("ori", ori::read(&v, &names)),
                    Format::Xml(_, root) => ("ibabs", ibabs::read_linked(&root, &names, masters)),
                    Format::Html(text) => ("go", go::read(&text)),
                    Format::Popolo(_) | Format::Ndjson(_) => unreachable!("handled above"),
                };
                self.import_register_batch(name, system, |_| batch)
            }
        }
    }

    /// Writes the rows of a batch in one transaction; problems name `name`. A sync reads some
    /// batches itself, from answers that only make sense together (an iBabs entry with its
    /// votes, meetings with the site's meeting types).
    pub(crate) fn import_register_batch(
        &self,
        name: &str,
        system: &'static str,
        read: impl FnOnce(&PartyNames) -> Batch,
    ) -> Result<RegisterImport> {
        let names = self.party_names()?;
        let batch = read(&names);
        let records =
            self.write(|| self.store()?.atomically(|s| write_batch(s, system, &batch)))?;
        Ok(RegisterImport {
            system: system.into(),
            records,
            problems: batch
                .problems
                .iter()
                .map(|(id, what)| format!("{name}: record {id}: {what}"))
                .collect(),
        })
    }
}

struct Writer<'a> {
    s: &'a mut Store,
    system: &'a str,
    records: usize,
    /// Motion record id -> motion row.
    motions: HashMap<String, i64>,
    /// Agenda item record id -> item row.
    items: HashMap<String, i64>,
}

impl Writer<'_> {
    fn prov(&self, id: &str) -> Provenance {
        Provenance::register(self.system, id)
    }

    /// Keeps the register's values beside a person's corrections: (field, what the archive
    /// holds, what the register says). The archive's values stay.
    fn compare(
        &mut self,
        target: &str,
        id: i64,
        record: &str,
        pairs: &[(&str, Option<&str>, Option<&str>)],
    ) -> Result<()> {
        let now = crate::commitments::now();
        for (field, user, register) in pairs {
            // A register that says nothing of a field does not contradict the person.
            if register.is_none() {
                continue;
            }
            self.s.compare_with_correction(
                &crate::store::conflicts::Compared {
                    target,
                    target_id: id,
                    field,
                    user_value: *user,
                    register_value: *register,
                    system: self.system,
                    record_id: record,
                },
                &now,
            )?;
        }
        Ok(())
    }

    /// Queues the documents of a row for download (a sync fetches them).
    fn queue(&mut self, docs: &[DocRef], target: &str, id: i64) -> Result<()> {
        if docs.is_empty() {
            return Ok(());
        }
        let now = crate::commitments::now();
        for d in docs {
            self.s.queue_download(
                self.system,
                &d.id,
                &d.url,
                d.title.as_deref(),
                d.file_name.as_deref(),
                target,
                id,
                &now,
            )?;
        }
        Ok(())
    }

    fn meeting(&mut self, m: &MeetingRec) -> Result<i64> {
        let fields = MeetingFields {
            body: &m.body,
            date: m.date,
            start_time: m.start_time.as_deref(),
            end_time: m.end_time.as_deref(),
            title: m.title.as_deref(),
            location: m.location.as_deref(),
            status: m.status,
        };
        let p = self.prov(&m.id);
        let mut found = self.s.find_meeting_by_ref(&p.to_json())?;
        let made_from_motions = self.made_ref(&m.body, m.date);
        if found.is_none() {
            // A meeting this system's motions named before: it becomes this record's.
            found = self
                .s
                .list_meetings(Some(m.date), Some(m.date))?
                .into_iter()
                .find(|row| row.provenance == self.prov(&made_from_motions))
                .map(|row| row.id);
            if let Some(id) = found {
                self.s.set_register_ref(false, id, &p)?;
            }
        }
        let id = match found {
            Some(id) => {
                if self.s.is_user_edited(false, id)? {
                    let row = self.s.get_meeting(id)?;
                    let date = m.date.to_string();
                    let row_date = row.date.to_string();
                    let pairs = [
                        ("date", Some(row_date.as_str()), Some(date.as_str())),
                        ("title", row.title.as_deref(), m.title.as_deref()),
                        ("location", row.location.as_deref(), m.location.as_deref()),
                        (
                            "start_time",
                            row.start_time.as_deref(),
                            m.start_time.as_deref(),
                        ),
                        ("status", Some(row.status.as_str()), Some(m.status.as_str())),
                    ];
                    self.compare("meeting", id, &m.id, &pairs)?;
                } else {
                    self.s.update_meeting(id, &fields)?;
                }
                id
            }
            None => self.s.insert_meeting(&fields, &p)?,
        };
        self.records += 1;
        self.queue(&m.documents, "meeting", id)?;
        for item in &m.items {
            self.item(id, None, item, &made_from_motions)?;
        }
        Ok(id)
    }

    /// The record id a meeting made from a motion's reference gets.
    fn made_ref(&self, body: &str, date: NaiveDate) -> String {
        format!("{body} {date}")
    }

    fn item(
        &mut self,
        meeting: i64,
        parent: Option<i64>,
        item: &ItemRec,
        made_prefix: &str,
    ) -> Result<()> {
        let p = self.prov(&item.id);
        let mut found = self.s.find_agenda_item_by_ref(&p.to_json())?;
        if found.is_none() {
            // An item a motion's reference made in this meeting, by its number or title.
            let made = self.s.list_agenda_items(meeting)?.into_iter().find(|row| {
                let same_number = match (&row.number, &item.number) {
                    (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                    _ => row.title.eq_ignore_ascii_case(&item.title),
                };
                same_number
                    && matches!(&row.provenance, Provenance::Register { system, record_id }
                        if system == self.system && record_id.starts_with(made_prefix))
            });
            if let Some(row) = made {
                self.s.set_register_ref(true, row.id, &p)?;
                found = Some(row.id);
            }
        }
        let id = match found {
            Some(id) => {
                if self.s.is_user_edited(true, id)? {
                    let row = self.s.get_agenda_item(id)?;
                    let pairs = [
                        ("number", row.number.as_deref(), item.number.as_deref()),
                        ("title", Some(row.title.as_str()), Some(item.title.as_str())),
                        (
                            "description",
                            row.description.as_deref(),
                            item.description.as_deref(),
                        ),
                    ];
                    self.compare("item", id, &item.id, &pairs)?;
                } else {
                    self.s.update_agenda_item(
                        id,
                        item.number.as_deref(),
                        &item.title,
                        item.description.as_deref(),
                    )?;
                }
                id
            }
            None => self.s.insert_agenda_item(
                meeting,
                parent,
                item.number.as_deref(),
                &item.title,
                item.description.as_deref(),
                None,
                &p,
            )?,
        };
        self.records += 1;
        self.queue(&item.documents, "item", id)?;
        self.items.insert(item.id.clone(), id);
        for child in &item.items {
            self.item(meeting, Some(id), child, made_prefix)?;
        }
        Ok(())
    }

    /// The agenda item a motion names: the register's own item when the archive has it, else
    /// the item of that number (or title) in the meeting of that body and day, made when
    /// missing.
    fn agenda(&mut self, r: &AgendaRef) -> Result<Option<i64>> {
        if let Some(id) = &r.item {
            if let Some(found) = self.items.get(id) {
                return Ok(Some(*found));
            }
            if let Some(found) = self.s.find_agenda_item_by_ref(&self.prov(id).to_json())? {
                return Ok(Some(found));
            }
        }
        let Some((body, date)) = &r.meeting else {
            return Ok(None);
        };
        let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
        let meeting = match self
            .s
            .list_meetings(Some(*date), Some(*date))?
            .into_iter()
            .find(|m| same(&m.body, body))
        {
            Some(m) => m.id,
            None => {
                let status = if *date <= chrono::Local::now().date_naive() {
                    MeetingStatus::Held
                } else {
                    MeetingStatus::Planned
                };
                let id = self.made_ref(body, *date);
                self.records += 1;
                self.s.insert_meeting(
                    &MeetingFields {
                        body,
                        date: *date,
                        start_time: None,
                        end_time: None,
                        title: Some(body),
                        location: None,
                        status,
                    },
                    &self.prov(&id),
                )?
            }
        };
        let items = self.s.list_agenda_items(meeting)?;
        let found = items.iter().find(|i| match (&r.number, &i.number) {
            (Some(a), Some(b)) => same(a, b),
            _ => r.title.as_deref().is_some_and(|t| same(t, &i.title)),
        });
        if let Some(i) = found {
            return Ok(Some(i.id));
        }
        let Some(title) = r.title.as_deref().or(r.number.as_deref()) else {
            return Ok(None);
        };
        let id = match &r.item {
            Some(id) => id.clone(),
            None => format!("{body} {date} {}", r.number.as_deref().unwrap_or(title)),
        };
        self.records += 1;
        Ok(Some(self.s.insert_agenda_item(
            meeting,
            None,
            r.number.as_deref(),
            title,
            None,
            None,
            &self.prov(&id),
        )?))
    }

    fn motion(&mut self, m: &MotionRec) -> Result<()> {
        let p = self.prov(&m.id);
        let key_title = m
            .title
            .as_deref()
            .or(m.placeholder.as_deref())
            .unwrap_or(&m.id);
        let key = super::motions::motion_key(m.number.as_deref(), key_title);
        let mut existing = self.s.find_motion_by_ref(&p.to_json())?;
        if existing.is_none() {
            // The same motion from another response of this system (found by its number).
            if let Some(k) = key.as_deref().filter(|k| k.starts_with("nr:")) {
                if let Some(id) = self.s.find_motion_by_key(k)? {
                    let row = self.s.get_motion(id)?;
                    if matches!(&row.provenance, Provenance::Register { system, .. } if system == self.system)
                    {
                        existing = Some(id);
                    }
                }
            }
        }
        let item = match &m.agenda {
            Some(r) => self.agenda(r)?,
            None => None,
        };
        let item = item.or_else(|| self.items.get(&format!("motion:{}", m.id)).copied());
        let fields = MotionFields {
            kind: m.kind,
            number: m.number.as_deref(),
            title: key_title,
            date: m.date,
            agenda_item_id: item,
            document_id: None,
        };
        let id = match existing {
            Some(id) => {
                if m.title.is_some() {
                    let row = self.s.get_motion(id)?;
                    if !row.user_edits.is_empty() {
                        let date = m.date.map(|d| d.to_string());
                        let row_date = row.date.map(|d| d.to_string());
                        let pairs = [
                            ("kind", Some(row.kind.as_str()), Some(m.kind.as_str())),
                            ("number", row.number.as_deref(), m.number.as_deref()),
                            ("title", Some(row.title.as_str()), Some(key_title)),
                            ("date", row_date.as_deref(), date.as_deref()),
                        ];
                        let edited: Vec<_> = pairs
                            .into_iter()
                            .filter(|(f, _, _)| row.user_edits.iter().any(|e| e == f))
                            .collect();
                        self.compare("motion", id, &m.id, &edited)?;
                    }
                    self.s.update_motion_fields(id, key.as_deref(), &fields)?;
                } else if item.is_some() {
                    let row = self.s.get_motion(id)?;
                    let keep = MotionFields {
                        kind: row.kind,
                        number: row.number.as_deref(),
                        title: &row.title,
                        date: row.date,
                        agenda_item_id: item,
                        document_id: None,
                    };
                    self.s.update_motion_fields(id, None, &keep)?;
                }
                id
            }
            None => self.s.insert_motion(key.as_deref(), &fields, &p)?,
        };
        self.records += 1;
        self.queue(&m.documents, "motion", id)?;
        self.motions.insert(m.id.clone(), id);
        if m.note.is_some() {
            self.s.set_motion_note(id, m.note.as_deref())?;
        }
        if let Some(subs) = &m.submitters {
            self.s.set_submitters(id, subs, &p)?;
            for sub in subs {
                if sub.party.as_deref() == Some(sub.name.as_str()) {
                    continue;
                }
                let person = self.s.upsert_person(&sub.name, Some("raadslid"), &p)?;
                if let Some(party) = &sub.party {
                    self.s.add_membership(person, party, None)?;
                }
            }
        }
        let facts = m.facts.as_deref().map(|f| self.prov(f)).unwrap_or(p);
        self.s.delete_register_facts_of(id, &facts)?;
        for (date, status) in &m.status {
            self.s.insert_status(id, *date, status, None, &facts)?;
        }
        for v in &m.votes {
            self.s.insert_vote(
                id,
                &VoteFields {
                    meeting_id: None,
                    date: v.date,
                    method: v.method.as_deref(),
                    votes_for: v.votes_for,
                    votes_against: v.votes_against,
                    abstained: v.abstained,
                    absent: v.absent,
                    unanimous: v.unanimous,
                    raw_text: v.raw_text.as_deref(),
                },
                &v.parties,
                &v.members,
                &facts,
            )?;
            self.records += 1;
        }
        Ok(())
    }

    fn commitment(&mut self, c: &CommitmentRec) -> Result<()> {
        let motion = match &c.motion {
            Some(m) => match self.motions.get(m) {
                Some(id) => Some(*id),
                None => self.s.find_motion_by_ref(&self.prov(m).to_json())?,
            },
            None => None,
        };
        let p = self.prov(&c.id);
        let (id, _) = self.s.upsert_register_commitment(
            &RegisterCommitment {
                origin: c.origin,
                text: &c.text,
                actor: &c.actor,
                made_on: c.made_on,
                due: c.due,
                motion_id: motion,
            },
            &p,
        )?;
        self.records += 1;
        if let Some((status, date)) = c.status {
            if status != Status::Open {
                let reason = format!("{} {}: {}", self.system, c.id, status.label_nl());
                if !self.s.has_status_reason(id, &reason)? {
                    self.s.record_status(
                        id,
                        date,
                        Status::Open.as_str(),
                        status.as_str(),
                        &reason,
                        None,
                        None,
                        &crate::commitments::now(),
                    )?;
                }
            }
        }
        Ok(())
    }
}

fn write_batch(s: &mut Store, system: &str, batch: &Batch) -> Result<usize> {
    // Parties the archive does not know yet (local parties) are added first.
    let known = PartyNames::new(&s.list_parties()?);
    let mut seen = HashSet::new();
    let parties = batch.motions.iter().flat_map(|m| {
        let subs = m
            .submitters
            .iter()
            .flatten()
            .filter_map(|s| s.party.clone());
        let votes = m.votes.iter().flat_map(|v| {
            v.parties
                .iter()
                .map(|p| p.party.clone())
                .chain(v.members.iter().filter_map(|m| m.party.clone()))
        });
        subs.chain(votes).collect::<Vec<_>>()
    });
    for party in parties {
        if !party.trim().is_empty() && !known.is_known(&party) && seen.insert(party.clone()) {
            s.upsert_party(&party, None, system)?;
        }
    }
    let mut w = Writer {
        s,
        system,
        records: 0,
        motions: HashMap::new(),
        items: HashMap::new(),
    };
    for m in &batch.meetings {
        w.meeting(m)?;
    }
    // Motions an agenda lists are on that item.
    let mut listed: Vec<(String, i64)> = Vec::new();
    for m in &batch.meetings {
        let mut stack: Vec<&ItemRec> = m.items.iter().collect();
        while let Some(i) = stack.pop() {
            if let Some(id) = w.items.get(&i.id) {
                listed.extend(i.motions.iter().map(|m| (format!("motion:{m}"), *id)));
            }
            stack.extend(i.items.iter());
        }
    }
    w.items.extend(listed);
    for m in &batch.motions {
        w.motion(m)?;
    }
    for c in &batch.commitments {
        w.commitment(c)?;
    }
    Ok(w.records)
}

// ---- What the readers share ----

/// A day from the forms registers write: 2026-01-22, 2026-01-22 00:00:00,
/// 2024-06-19T00:00:00+02:00, 22-01-2026, 29-1-2026, "Jan 29 2026 12:00AM".
pub fn parse_day(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() || s.starts_with("0001-01-01") {
        return None;
    }
    if let Some(d) = s
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    {
        return Some(d);
    }
    let first = s.split([' ', 'T']).next().unwrap_or(s);
    if let Ok(d) = NaiveDate::parse_from_str(first, "%d-%m-%Y") {
        return Some(d);
    }
    let words: Vec<&str> = s.split_whitespace().take(3).collect();
    if words.len() == 3 {
        if let Ok(d) = NaiveDate::parse_from_str(&words.join(" "), "%b %d %Y") {
            return Some(d);
        }
    }
    None
}

/// The time of day of "2026-01-22 19:30:00" or "...T19:30:00", when it is not midnight.
pub fn time_of(s: &str) -> Option<String> {
    let t = s.trim().get(11..16)?;
    (t.len() == 5 && t.as_bytes()[2] == b':' && t != "00:00").then(|| t.to_owned())
}

/// Splits a motion's number off its title: "M540 Veranker ..." -> ("M540", "Veranker ...").
/// A number is one or a few letters followed by digits, as councils number motions and
/// amendments.
pub fn split_number(title: &str) -> (Option<String>, String) {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^([A-Za-z]{1,4}[-.]?\d{1,5}[a-z]?)\s+(\S.*)$").expect("valid pattern")
    });
    match re.captures(title.trim()) {
        Some(c) => (Some(c[1].to_owned()), c[2].trim().to_owned()),
        None => (None, title.trim().to_owned()),
    }
}

/// "Achternaam, Voornaam" (and "Achternaam, V. (Roepnaam)") as people write names:
/// "Voornaam Achternaam", the call name before the initials.
pub fn person_name(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some((last, first)) = s.split_once(',') else {
        return s;
    };
    let mut first = first.trim().to_owned();
    if let (Some(open), true) = (first.find('('), first.ends_with(')')) {
        let call = first[open + 1..first.len() - 1].trim().to_owned();
        if !call.is_empty() {
            first = call;
        } else {
            first = first[..open].trim().to_owned();
        }
    }
    // "Heuven, Maarten van": the prefix goes before the surname.
    let mut given: Vec<&str> = first.split_whitespace().collect();
    let mut prefix = Vec::new();
    while given.len() > 1 {
        let w = given[given.len() - 1];
        if w.chars().next().is_some_and(char::is_lowercase) {
            prefix.insert(0, w);
            given.pop();
        } else {
            break;
        }
    }
    let mut out = given.join(" ");
    for part in prefix.into_iter().chain(std::iter::once(last.trim())) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// The office of a portfolio holder or minister ("J.P. Neven (Wethouder)", "Wethouder
/// Voortman", "minister van Financiën") as the commitments' actor; "college" when none is
/// named.
pub fn actor_of(s: &str) -> String {
    const OFFICES: [&str; 7] = [
        "burgemeester",
        "wethouder",
        "gedeputeerde",
        "staatssecretaris",
        "minister",
        "griffier",
        "college",
    ];
    let lower = s.to_lowercase();
    OFFICES
        .iter()
        .find(|o| lower.contains(*o))
        .map(|o| (*o).to_owned())
        .unwrap_or_else(|| "college".into())
}

/// Text of an HTML fragment, a line per paragraph or break, entities decoded.
pub fn html_text(html: &str) -> String {
    let fragment = scraper::Html::parse_fragment(
        &html
            .replace("</p>", "</p>\n")
            .replace("<br>", "\n")
            .replace("<br/>", "\n")
            .replace("<br />", "\n"),
    );
    fragment
        .root_element()
        .text()
        .collect::<String>()
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A vote result as clerks write it in free text: "Stemmen voor: 23 CDA, AL, H. Timmermans
/// (VVA) en A. de Weerd (VVA)" and "Stemmen tegen: 7 PA, CU" — a count, then parties and
/// members (a name with its party in brackets). "overige fracties" (the others) is a count
/// without names. Returns None when the text holds no group.
pub fn parse_vote_text(text: &str, names: &PartyNames) -> Option<VoteRec> {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?i)(?:stemmen\s+|stemden\s+)?\b(voor|tegen|onthouden|onthouding|afwezig)\s*:")
            .expect("valid pattern")
    });
    let marks: Vec<(usize, usize, &'static str)> = re
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let option = super::text::parse_option(&c[1])?;
            Some((whole.start(), whole.end(), option))
        })
        .collect();
    let lower = text.to_lowercase();
    let unanimous = lower.contains("unaniem") || lower.contains("zonder stemming");
    if marks.is_empty() {
        return unanimous.then(|| VoteRec {
            unanimous,
            raw_text: Some(text.to_owned()),
            ..VoteRec::default()
        });
    }
    let mut vote = VoteRec {
        unanimous,
        raw_text: Some(text.to_owned()),
        ..VoteRec::default()
    };
    static COUNT: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let count_re =
        COUNT.get_or_init(|| Regex::new(r"^\s*(\d+)\s*(?:-|–|:)?\s*").expect("valid pattern"));
    for (i, (_, end, option)) in marks.iter().enumerate() {
        let stop = marks.get(i + 1).map(|m| m.0).unwrap_or(text.len());
        let mut body = text[*end..stop].trim();
        let mut count = None;
        if let Some(c) = count_re.captures(body) {
            count = c[1].parse::<u32>().ok();
            body = &body[c.get(0).map(|m| m.end()).unwrap_or(0)..];
        }
        match *option {
            "voor" => vote.votes_for = count.or(vote.votes_for),
            "tegen" => vote.votes_against = count.or(vote.votes_against),
            "onthouden" => vote.abstained = count.or(vote.abstained),
            _ => vote.absent = count.or(vote.absent),
        }
        let body = body.replace('\n', ",");
        for part in body.split(',').flat_map(|p| p.split(" en ")) {
            let part = part.trim().trim_start_matches("en ").trim();
            let part = part.trim_end_matches(['.', ';']).trim();
            if part.is_empty() {
                continue;
            }
            let low = part.to_lowercase();
            if ["overige", "rest", "alle ", "de andere"]
                .iter()
                .any(|w| low.starts_with(w))
            {
                continue;
            }
            if part.contains('(') && part.ends_with(')') {
                let s = super::text::parse_submitter(part, names, "indiener");
                vote.members.push(MemberVote {
                    name: s.name,
                    party: s.party,
                    option: (*option).into(),
                });
            } else {
                let party = names.canonical(part);
                vote.parties.retain(|p| p.party != party);
                vote.parties.push(PartyVoteRow {
                    party,
                    option: (*option).into(),
                    seats: None,
                });
            }
        }
    }
    Some(vote)
}

/// The outcome of a vote by its counts, when they say it: more for than against adopts.
pub fn outcome_of_counts(votes_for: u32, votes_against: u32) -> Option<&'static str> {
    use std::cmp::Ordering;
    match votes_for.cmp(&votes_against) {
        Ordering::Greater => Some("aangenomen"),
        Ordering::Less => Some("verworpen"),
        Ordering::Equal => None,
    }
}

/// The outcome word in a status ("Motie verworpen", "Aangenomen.", "Stemmen - aangenomen").
pub fn outcome_in(s: &str) -> Option<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .find_map(super::parse_status)
        .filter(|st| st != super::SUBMITTED)
}

/// The kind a register's type word names (Motie, Amendement, ...): motion when unknown.
pub fn kind_of(s: &str) -> DocKind {
    let low = s.to_lowercase();
    if low.contains("amendement") {
        DocKind::Amendement
    } else {
        DocKind::parse(s.trim()).unwrap_or(DocKind::Motie)
    }
}

/// A register's status word as a commitment's status ("Afgedaan", "Voldaan", "Deels
/// afgedaan", "Vervallen", "Openstaand").
pub fn commitment_status(s: &str) -> Option<Status> {
    let low = s.trim().to_lowercase();
    if low.contains("deels") || low.contains("gedeeltelijk") {
        return Some(Status::PartlyMet);
    }
    Status::parse(&low).or_else(|| low.split_whitespace().rev().find_map(Status::parse))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::Party;

    fn names() -> PartyNames {
        PartyNames::new(&[Party {
            id: 1,
            name: "ChristenUnie".into(),
            abbreviation: Some("CU".into()),
            aliases: vec![],
        }])
    }

    #[test]
    fn reads_a_free_text_vote_result() {
        let text = "Stemmen voor: 12 Lokaal Belang, Groen, P. Bakker (Dorp) en K. Smit (Dorp)\n\
                    Stemmen tegen: 5 CU en J. de Vries (Dorp)";
        let v = parse_vote_text(text, &names()).expect("a vote");
        assert_eq!((v.votes_for, v.votes_against), (Some(12), Some(5)));
        let parties: Vec<(&str, &str)> = v
            .parties
            .iter()
            .map(|p| (p.party.as_str(), p.option.as_str()))
            .collect();
        assert_eq!(
            parties,
            [
                ("Lokaal Belang", "voor"),
                ("Groen", "voor"),
                ("ChristenUnie", "tegen")
            ]
        );
        let members: Vec<(&str, Option<&str>, &str)> = v
            .members
            .iter()
            .map(|m| (m.name.as_str(), m.party.as_deref(), m.option.as_str()))
            .collect();
        assert_eq!(
            members,
            [
                ("P. Bakker", Some("Dorp"), "voor"),
                ("K. Smit", Some("Dorp"), "voor"),
                ("J. de Vries", Some("Dorp"), "tegen")
            ]
        );
        assert_eq!(v.raw_text.as_deref(), Some(text));
    }

    #[test]
    fn the_others_are_a_count_without_names() {
        let v = parse_vote_text(
            "Stemmen voor: 20 - overige fracties\nStemmen tegen: 4 - CU",
            &names(),
        )
        .expect("a vote");
        assert_eq!((v.votes_for, v.votes_against), (Some(20), Some(4)));
        assert_eq!(v.parties.len(), 1);
        assert_eq!(v.parties[0].party, "ChristenUnie");
        assert!(parse_vote_text("geen uitslag", &names()).is_none());
    }

    #[test]
    fn reads_days_names_and_numbers() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse_day("2026-01-22 00:00:00"), d(2026, 1, 22));
        assert_eq!(parse_day("2024-06-19T00:00:00+02:00"), d(2024, 6, 19));
        assert_eq!(parse_day("29-1-2026"), d(2026, 1, 29));
        assert_eq!(parse_day("Mar 5 2025 12:00AM"), d(2025, 3, 5));
        assert_eq!(parse_day("0001-01-01T00:00:00"), None);
        assert_eq!(time_of("2026-01-22 19:30:00").as_deref(), Some("19:30"));
        assert_eq!(time_of("2026-01-22 00:00:00"), None);
        assert_eq!(person_name("Bakker, Piet"), "Piet Bakker");
        assert_eq!(person_name("Bakker, P.J. (Piet) "), "Piet Bakker");
        assert_eq!(person_name("Berg, Anna van den"), "Anna van den Berg");
        assert_eq!(person_name("A. Smit"), "A. Smit");
        assert_eq!(
            split_number("M12 Meer bomen"),
            (Some("M12".into()), "Meer bomen".into())
        );
        assert_eq!(split_number("Meer bomen").0, None);
        assert_eq!(actor_of("K. Jansen (Wethouder)"), "wethouder");
        assert_eq!(actor_of("K. Jansen"), "college");
        assert_eq!(outcome_in("Motie verworpen").as_deref(), Some("verworpen"));
        assert_eq!(
            outcome_in("Stemmen - aangenomen").as_deref(),
            Some("aangenomen")
        );
        assert_eq!(commitment_status("Deels afgedaan"), Some(Status::PartlyMet));
        assert_eq!(commitment_status("Afgedaan"), Some(Status::Met));
        assert_eq!(outcome_of_counts(18, 25), Some("verworpen"));
    }
}
