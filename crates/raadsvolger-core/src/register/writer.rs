//! The one writer of register records: any room's [`Batch`] (see [`crate::sources`]) filed in
//! one transaction. Rows imported before are found again by their provenance (system and
//! record id) and updated in place; what a person entered stays, and where the register says
//! otherwise that is kept beside it as a conflict.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;

use super::text::PartyNames;
use super::{MeetingStatus, Provenance};
use crate::error::{Error, Result};
use crate::model::Status;
use crate::sources::{
    AgendaRef, Batch, CommitmentRec, DocRef, Format, ItemRec, MeetingRec, MotionRec, detect, ibabs,
    obv, tk,
};
use crate::store::Store;
use crate::store::commitments::RegisterCommitment;
use crate::store::meetings::MeetingFields;
use crate::store::motions::{MotionFields, VoteFields};

pub use crate::sources::records::RegisterImport;

/// The note a register gave a motion (another number it goes by, such as a parliamentary
/// paper's: "kamerstuk 36550-V-4").
pub(crate) fn motion_note(r: &Read<'_>, id: i64) -> Result<Option<String>> {
    r.reader()?.motion_note(id)
}

/// Imports one response of a council's register (recognised by its content): its
/// meetings, agenda items, motions, votes and commitments, in one transaction. A record
/// that cannot be read is named in `problems` and skipped; an unknown format, or a file
/// cut off, is an [`Error::InvalidInput`] naming the file. Importing the same file again
/// updates the rows in place and leaves what a person entered.
pub(crate) fn import_register_bytes(
    tx: &Tx<'_>,
    name: &str,
    bytes: &[u8],
) -> Result<RegisterImport> {
    import_register_linked(tx, name, bytes, &BTreeMap::new())
}

/// [`Archive::import_register_bytes`] for one file of an import whose iBabs listings give
/// entries' master ids (`masters`, see [`ibabs::link`]).
pub(crate) fn import_register_linked(
    tx: &Tx<'_>,
    name: &str,
    bytes: &[u8],
    masters: &BTreeMap<String, String>,
) -> Result<RegisterImport> {
    let import = import_register(tx, name, bytes, masters)?;
    // A motion's text imported before its motion (or the other way round) is its
    // text now.
    link_motion_texts(tx)?;
    Ok(import)
}

/// Links each motion to its text when the archive holds it: a Tweede Kamer motion names
/// its parliamentary paper ("kamerstuk 36550-V-4"), and the publication of that paper is a
/// document of that council number. The download queued for the text is done then, and
/// the motion that extraction made of the text gives way to the register's. Returns how
/// many motions were linked.
pub(crate) fn link_motion_texts(tx: &Tx<'_>) -> Result<usize> {
    let now = tx.recorded_at().to_owned();
    let linked = tx
        .store()?
        .atomically(|s| s.link_motion_texts(tk::reader::KAMERSTUK_NOTE, &now))?;
    if linked > 0 {
        crate::register::extracted::sync_extracted(tx)?;
    }
    Ok(linked)
}

/// One answer a sync has read already (`answer`, of `room`'s system), written as
/// [`Archive::import_register_bytes`] writes a file, without parsing it again. An answer
/// the room does not recognise is an [`Error::InvalidInput`] naming `name`.
pub(crate) fn import_register_answer(
    tx: &Tx<'_>,
    name: &str,
    room: &dyn crate::sources::Room,
    answer: &crate::sources::Answer,
) -> Result<RegisterImport> {
    if !room.recognises(answer) {
        return Err(Error::InvalidInput(format!(
            "{name}: not an answer of {}",
            room.system().register_system()
        )));
    }
    let import = import_register_batch(tx, name, room.system().register_system(), |names| {
        room.read(answer, names, &BTreeMap::new())
    })?;
    link_motion_texts(tx)?;
    Ok(import)
}

/// An iBabs entry's answer and the answer of its votes, recorded together (`entry_id`: the
/// id the votes name), filed as one motion as a sync files them ([`ibabs::reader::read_entry`]).
pub(crate) fn import_ibabs_exchange(
    tx: &Tx<'_>,
    name: &str,
    entry: &[u8],
    votes: &[u8],
    entry_id: &str,
) -> Result<RegisterImport> {
    let root = |bytes: &[u8]| match detect(name, bytes)? {
        Format::Answer(room, crate::sources::Answer::Xml(root))
            if room.system() == crate::model::system::System::Ibabs =>
        {
            Ok(root)
        }
        _ => Err(Error::InvalidInput(format!(
            "{name}: not an answer of iBabs"
        ))),
    };
    let (entry, votes) = (root(entry)?, root(votes)?);
    import_register_batch(tx, name, "ibabs", |names| {
        ibabs::reader::read_entry(&entry, Some(&votes), entry_id, names)
    })
}

pub(crate) fn import_register(
    tx: &Tx<'_>,
    name: &str,
    bytes: &[u8],
    masters: &BTreeMap<String, String>,
) -> Result<RegisterImport> {
    let names = crate::register::motions::party_names(&tx.read())?;
    match detect(name, bytes)? {
        Format::Popolo(value) => {
            let (records, problems) = crate::register::popolo::import_popolo(tx, &value, "popolo")?;
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
            let mut reader = obv::reader::Reader::new(names);
            for line in text.lines() {
                reader.line("", line);
            }
            write_obv_page(tx, name, &reader.take())
        }
        Format::Publication(root) => {
            let markdown = tk::reader::publication_markdown(&root).ok_or_else(|| {
                Error::InvalidInput(format!("{name}: a publication without a title"))
            })?;
            let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
            let report = crate::import::batch::import_bytes(
                tx,
                &format!("{stem}.md"),
                markdown.as_bytes(),
                &mut crate::import::NoProgress,
            )?;
            let problems: Vec<String> = report.failed().map(|f| format!("{name}: {f:?}")).collect();
            Ok(RegisterImport {
                system: "document".into(),
                records: usize::from(problems.is_empty()),
                problems,
            })
        }
        Format::Answer(room, answer) => {
            let batch = room.read(&answer, &names, masters);
            import_register_batch(tx, name, room.system().register_system(), |_| batch)
        }
    }
}

/// Writes the rows of a batch in one transaction; problems name `name`. A sync reads some
/// batches itself, from answers that only make sense together (an iBabs entry with its
/// votes, meetings with the site's meeting types).
pub(crate) fn import_register_batch(
    tx: &Tx<'_>,
    name: &str,
    system: &'static str,
    read: impl FnOnce(&PartyNames) -> Batch,
) -> Result<RegisterImport> {
    let names = crate::register::motions::party_names(&tx.read())?;
    write_read_batch(tx, name, system, &read(&names))
}

/// Writes the rows of a batch read already in one transaction, as `system`'s; problems name
/// `name`.
pub(crate) fn write_read_batch(
    tx: &Tx<'_>,
    name: &str,
    system: &'static str,
    batch: &Batch,
) -> Result<RegisterImport> {
    let records = tx.store()?.atomically(|s| write_batch(s, system, batch))?;
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
        let now = self.s.write_time();
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
        let now = self.s.write_time();
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
                        &self.s.write_time(),
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

// ---- openbesluitvorming's change feed: records, the texts they carry, and deletions ----

use crate::import::{FileOutcome, NoProgress};
use crate::sources::obv::reader::{Page, SYSTEM as OBV};
use crate::tx::{Read, Tx};

/// Writes a page: meetings and motions through the shared writer, then the links of documents
/// to rows made before, then the deletions. Returns the rows written or removed.
fn write_page(s: &mut Store, page: &Page, kept: &mut Vec<(String, String)>) -> Result<usize> {
    let mut records = write_batch(s, OBV, &page.batch)?;
    let now = s.write_time();
    for link in &page.links {
        let prov = Provenance::register(OBV, link.record.as_str()).to_json();
        let target = match link.target {
            "meeting" => s.find_meeting_by_ref(&prov)?,
            _ => s.find_motion_by_ref(&prov)?,
        };
        let Some(target) = target else { continue };
        let queued = s.obv_queued_download(OBV, &link.document)?;
        // A meeting's document that an agenda item already holds stays there.
        if link.target == "meeting"
            && queued
                .iter()
                .any(|q| q.target != "meeting" || q.target_id == target)
        {
            continue;
        }
        let (url, title, file_name) = match (&link.doc, queued.first()) {
            (Some(d), _) => (&d.url, &d.title, &d.file_name),
            (None, Some(q)) => (&q.url, &q.title, &q.file_name),
            (None, None) => continue,
        };
        s.queue_download(
            OBV,
            &link.document,
            url,
            title.as_deref(),
            file_name.as_deref(),
            link.target,
            target,
            &now,
        )?;
    }
    for (kind, id) in &page.deletions {
        let prov = Provenance::register(OBV, id.as_str()).to_json();
        let mut found = false;
        if let Some(m) = s.find_meeting_by_ref(&prov)? {
            found = true;
            if s.obv_meeting_edited(m)? {
                kept.push((
                    id.clone(),
                    "a person edited this meeting or its agenda".into(),
                ));
            } else {
                s.obv_forget_downloads_of("meeting", m)?;
                s.delete_meeting(m)?;
                records += 1;
            }
        }
        if let Some(m) = s.find_motion_by_ref(&prov)? {
            found = true;
            if s.obv_motion_edited(m)? {
                kept.push((id.clone(), "a person edited this motion".into()));
            } else {
                s.obv_forget_downloads_of("motion", m)?;
                s.delete_motion(m)?;
                records += 1;
            }
        }
        if !found && matches!(kind.as_str(), "Document" | "MediaObject" | "Report" | "") {
            // A document not yet fetched is not fetched any more; one in the archive stays a
            // document of the archive.
            records += s.obv_forget_downloads(OBV, id)?;
        }
    }
    Ok(records)
}

/// Writes what export lines made (one transaction), then imports the texts that records
/// carried as documents of the archive, attached where their downloads were queued.
pub(crate) fn write_obv_page(tx: &Tx<'_>, name: &str, page: &Page) -> Result<RegisterImport> {
    let mut kept = Vec::new();
    let mut texts_linked = false;
    let records = tx.store()?.atomically(|s| write_page(s, page, &mut kept))?;
    let mut problems: Vec<String> = page
        .batch
        .problems
        .iter()
        .map(|(id, what)| format!("{name}: record {id}: {what}"))
        .collect();
    for (id, why) in kept {
        problems.push(format!(
            "{name}: record {id}: deleted by openbesluitvorming, kept because {why}"
        ));
    }
    for t in &page.texts {
        let file = format!("{}.md", t.title.replace(['/', '\\'], "-"));
        let body = format!("# {}\n\n{}\n", t.title, t.markdown);
        let report =
            crate::import::batch::import_bytes(tx, &file, body.as_bytes(), &mut NoProgress)?;
        let document = match report.files.into_iter().next().map(|f| f.outcome) {
            Some(FileOutcome::Imported { document, .. }) => document.id,
            Some(FileOutcome::Skipped { duplicate_of }) => duplicate_of,
            Some(FileOutcome::Failed { error, .. }) => {
                problems.push(format!("{name}: record {}: its text: {error}", t.id));
                continue;
            }
            None => continue,
        };
        let now = tx.recorded_at().to_owned();
        ({
            tx.store()?.atomically(|s| {
                // Where its download was queued, the text takes its place.
                for d in s.obv_queued_download(OBV, &t.id)? {
                    match d.target.as_str() {
                        "item" => s.attach_document(d.target_id, document, "annex")?,
                        "motion" => {
                            s.set_motion_document(d.target_id, document)?;
                            texts_linked = true;
                        }
                        _ => {}
                    }
                    s.download_done(d.id, document, &now)?;
                }
                // The motions of this page that name it as their text.
                for l in page.links.iter().filter(|l| l.document == t.id) {
                    let prov = Provenance::register(OBV, l.record.as_str()).to_json();
                    if l.target == "motion" {
                        if let Some(m) = s.find_motion_by_ref(&prov)? {
                            s.set_motion_document(m, document)?;
                            texts_linked = true;
                        }
                    }
                }
                Ok(())
            })
        })?;
    }
    if texts_linked {
        // The motion that extraction made of a text is the register's motion now.
        (crate::register::extracted::sync_extracted(tx))?;
    }
    Ok(RegisterImport {
        system: OBV.into(),
        records,
        problems,
    })
}
