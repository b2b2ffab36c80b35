//! The systems councils publish through, one room each: `sources/<system>/` holds the
//! system's plan of requests (`plan.rs`: what a sync asks, in which order, as the service
//! answers) beside its reader (`reader.rs`: one answer turned into register records), and a
//! `mod.rs` that implements the one contract, [`Room`]. Adding a system is adding a folder and
//! naming its room in [`ROOMS`].
//!
//! - [`notubiz`]: NotuBiz JSON, meetings with their agenda and module items (motions,
//!   amendments, toezeggingen) read by the stable attribute ids.
//! - [`ibabs`]: iBabs SOAP XML: lists, list entries, an entry's per-member votes, meetings.
//! - [`tk`]: Tweede Kamer OData JSON: cases (Zaak), votes per party or member (Stemming with
//!   its Besluit), toezeggingen; and the official publication of a motion (XML), which is a
//!   document and goes into the archive as one.
//! - [`go`]: GemeenteOplossingen, its JSON API's meetings (and its older meeting pages).
//! - [`parlaeus`]: Parlaeus open-data JSON, a meeting's agenda with its points.
//! - [`ori`]: Open Raadsinformatie JSON (Meeting, AgendaItem, MediaObject, Motion, VoteEvent).
//! - [`obv`]: openbesluitvorming's bulk export (NDJSON change records), read line by line.
//! - Popolo JSON goes to [`crate::register::popolo`].
//!
//! A reader only reads: it returns a [`Batch`] of records, and a record it cannot read is
//! named in the batch's problems with its id and skipped. One writer,
//! [`crate::register::writer`], files any system's batch in one transaction. Answers are
//! recognised by what they hold, not by their file name ([`recognise`]).

pub mod fields;
pub mod go;
pub mod ibabs;
pub mod notubiz;
pub mod obv;
pub mod ori;
pub mod parlaeus;
pub mod records;
pub mod run;
pub mod tk;

use crate::text::xml;
use std::collections::BTreeMap;

use serde_json::Value;

pub use fields::*;
pub use records::*;

use crate::error::{Error, Result};
use crate::extract::notation::PartyNames;
use crate::model::system::System;
pub(crate) use run::Run;

/// One answer of a register, parsed as what it is written in.
pub enum Answer {
    Json(Value),
    Xml(xml::Element),
    Html(String),
}

/// Whether a JSON document looks like Popolo (an object with motions, vote events or events).
pub fn is_popolo(value: &Value) -> bool {
    value.as_object().is_some_and(|o| {
        ["motions", "vote_events", "events"]
            .iter()
            .any(|k| o.get(*k).is_some_and(Value::is_array))
    })
}

/// What every system's room does: recognise and read its register's answers, and sync a
/// source of it.
pub(crate) trait Room: Sync {
    /// The system.
    fn system(&self) -> System;

    /// True when `answer` is one of this system's.
    fn recognises(&self, answer: &Answer) -> bool;

    /// The records of one answer it recognises. `masters`: entries' master ids the listings
    /// of the same import give (iBabs, see [`ibabs::link`]); empty elsewhere.
    fn read(
        &self,
        answer: &Answer,
        names: &PartyNames,
        masters: &BTreeMap<String, String>,
    ) -> Batch;

    /// One sync of a source of this system, as its service answers.
    fn sync(&self, run: &mut Run<'_>) -> Result<()>;
}

/// A room whose register answers in JSON: its system, its reader's two functions and its
/// plan (NotuBiz, the Tweede Kamer, Open Raadsinformatie, Parlaeus).
pub(crate) struct JsonRoom {
    pub system: System,
    pub recognises: fn(&Value) -> bool,
    pub read: fn(&Value, &PartyNames) -> Batch,
    pub plan: fn(&mut Run<'_>) -> Result<()>,
}

impl Room for JsonRoom {
    fn system(&self) -> System {
        self.system
    }

    fn recognises(&self, answer: &Answer) -> bool {
        matches!(answer, Answer::Json(v) if (self.recognises)(v))
    }

    fn read(&self, answer: &Answer, names: &PartyNames, _: &BTreeMap<String, String>) -> Batch {
        match answer {
            Answer::Json(v) => (self.read)(v, names),
            _ => Batch::default(),
        }
    }

    fn sync(&self, run: &mut Run<'_>) -> Result<()> {
        (self.plan)(run)
    }
}

/// Every room, in the order answers are offered to them (the first that recognises an answer
/// reads it).
pub(crate) const ROOMS: [&dyn Room; 7] = [
    &notubiz::ROOM,
    &tk::ROOM,
    &ori::ROOM,
    &go::GemeenteOplossingen,
    &parlaeus::ROOM,
    &ibabs::Ibabs,
    &obv::Openbesluitvorming,
];

/// The room of `system`.
pub(crate) fn room(system: System) -> &'static dyn Room {
    ROOMS
        .into_iter()
        .find(|r| r.system() == system)
        .expect("every system has its room")
}

/// The formats recognised.
pub(crate) enum Format {
    Popolo(Value),
    /// An answer of a system's register, with the room that reads it.
    Answer(&'static dyn Room, Answer),
    /// The official publication of a parliamentary paper (a document).
    Publication(xml::Element),
    /// openbesluitvorming's export: NDJSON, read line by line.
    Ndjson(String),
}

fn text_of(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    text.trim_start_matches('\u{feff}').to_owned()
}

fn answered(answer: Answer) -> Option<Format> {
    let room = ROOMS.into_iter().find(|r| r.recognises(&answer))?;
    Some(Format::Answer(room, answer))
}

pub(crate) fn detect(name: &str, bytes: &[u8]) -> Result<Format> {
    let text = text_of(bytes);
    let start = text.trim_start();
    let unknown = || {
        Error::InvalidInput(format!(
            "{name}: not a register format Raadsvolger knows (NotuBiz, iBabs, Tweede Kamer, \
             GemeenteOplossingen, Parlaeus, Open Raadsinformatie, openbesluitvorming or Popolo)"
        ))
    };
    if start.starts_with('{') && obv::reader::recognises(start) {
        return Ok(Format::Ndjson(start.to_owned()));
    }
    if start.starts_with('{') || start.starts_with('[') {
        let value: Value = serde_json::from_str(start)
            .map_err(|e| Error::InvalidInput(format!("{name}: not valid JSON: {e}")))?;
        if is_popolo(&value) {
            return Ok(Format::Popolo(value));
        }
        return answered(Answer::Json(value)).ok_or_else(unknown);
    }
    if start.starts_with('<') {
        let head: String = start.chars().take(2000).collect::<String>().to_lowercase();
        if head.contains("<html") || head.starts_with("<!doctype html") {
            return answered(Answer::Html(start.to_owned())).ok_or_else(unknown);
        }
        let root = xml::parse(name, start)?;
        if tk::reader::is_publication(&root) {
            return Ok(Format::Publication(root));
        }
        return answered(Answer::Xml(root)).ok_or_else(unknown);
    }
    Err(unknown())
}

/// The system whose register response this is, when a reader recognises it (without writing
/// anything): the name its records carry ("document" for a publication). Lets a caller tell a
/// register page from an ordinary HTML document.
pub fn recognise(bytes: &[u8]) -> Option<&'static str> {
    match detect("", bytes).ok()? {
        Format::Popolo(_) => Some("popolo"),
        Format::Answer(room, _) => Some(room.system().register_system()),
        Format::Publication(_) => Some("document"),
        Format::Ndjson(_) => Some(obv::reader::SYSTEM),
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
            let Ok(Format::Answer(room, Answer::Xml(root))) = detect("", &bytes) else {
                return None;
            };
            if room.system() != System::Ibabs {
                return None;
            }
            let folder = path.parent().map(|d| d.to_string_lossy().into_owned());
            Some((place, folder.unwrap_or_default(), ibabs::answer_of(&root)))
        })
        .collect();
    ibabs::link(&answers)
}

/// Reads one response into a batch, without writing (the readers' common entry, for tests and
/// measurements): the name its records carry, and the batch. Popolo and publications are not
/// batches: they give None.
pub fn read(name: &str, bytes: &[u8], names: &PartyNames) -> Result<Option<(&'static str, Batch)>> {
    Ok(match detect(name, bytes)? {
        Format::Popolo(_) | Format::Publication(_) => None,
        Format::Answer(room, answer) => Some((
            room.system().register_system(),
            room.read(&answer, names, &BTreeMap::new()),
        )),
        Format::Ndjson(text) => Some((obv::reader::SYSTEM, obv::reader::read(&text, names).batch)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_system_has_one_room() {
        for s in System::ALL {
            let rooms = ROOMS.iter().filter(|r| r.system() == s).count();
            assert_eq!(rooms, 1, "{s:?}");
            assert_eq!(room(s).system(), s);
        }
    }

    #[test]
    fn an_answer_goes_to_the_room_that_recognises_it_or_to_none() {
        let ibabs = br#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><GetListsResponse xmlns="http://tempuri.org/"/></s:Body></s:Envelope>"#;
        assert_eq!(recognise(ibabs), Some("ibabs"));
        assert_eq!(recognise(br#"{"wat": "niets"}"#), None);
        assert_eq!(recognise(b"<html><body>Nieuws</body></html>"), None);
    }
}
