//! The register kept as a clerk keeps it: meetings, agendas, motions and votes, the documents
//! on them, and the register files read into it.

use chrono::NaiveDate;
use serde_json::Value;

use super::Archive;
use crate::commitments::dossier::{self, Dossier};
use crate::error::Result;
use crate::model::{DocId, Document};
use crate::register::conflicts::RegisterConflict;
use crate::register::documents::{DocumentEdit, DocumentVersion};
use crate::register::text::PartyNames;
use crate::register::writer::RegisterImport;
use crate::register::{self, *};
use crate::sources::obv::reader::Page as ObvPage;

impl Archive {
    /// The conflicts between the registers and people's corrections, newest first.
    pub fn register_conflicts(&self) -> Result<Vec<RegisterConflict>> {
        register::conflicts::register_conflicts(&self.read())
    }

    /// Keeps the person's correction; the conflict is closed (a later re-import with yet
    /// another value shows a new one).
    pub fn keep_correction(&self, id: i64) -> Result<()> {
        self.write(|tx| register::conflicts::keep_correction(tx, id))
    }

    /// Takes the register's value into the row. For a motion the field is the register's
    /// again, so later imports update it; a meeting or agenda item stays marked as corrected
    /// for its other fields.
    pub fn take_register_value(&self, id: i64) -> Result<()> {
        self.write(|tx| register::conflicts::take_register_value(tx, id))
    }

    /// Corrects a document's title, date, kind, council number or parties. The correction is
    /// kept through new versions, re-extraction and reindexing.
    pub fn edit_document(&self, id: DocId, edit: &DocumentEdit) -> Result<Document> {
        self.write(|tx| register::documents::edit_document(tx, id, edit))
    }

    /// Puts a document on an agenda item of a meeting (a correction of where it belongs).
    pub fn place_document(&self, id: DocId, agenda_item: i64, role: Option<&str>) -> Result<()> {
        self.write(|tx| register::documents::place_document(tx, id, agenda_item, role))
    }

    /// Deletes a document: its text, its versions and what was extracted from it. Commitments a
    /// person entered that cite it stay, marked. Store and index stay consistent.
    pub fn delete_document(&self, id: DocId) -> Result<()> {
        self.write(|tx| register::documents::delete_document(tx, id))
    }

    /// The versions of a document, oldest first.
    pub fn document_versions(&self, id: DocId) -> Result<Vec<DocumentVersion>> {
        register::documents::document_versions(&self.read(), id)
    }

    /// Everything on one council number ("23161" takes in "23161.001") or, for other words, on
    /// the documents a search for them finds; as of `as_of` for the commitments' flags.
    pub fn dossier(&self, query: &str, as_of: NaiveDate) -> Result<Dossier> {
        dossier::dossier(&self.read(), query, as_of)
    }

    /// Brings the register up to date with extraction when an older version wrote it (or
    /// none did: an archive upgraded from before the register).
    pub(crate) fn sync_extracted_if_stale(&self) -> Result<()> {
        let stale = self
            .store()?
            .get_setting(register::extracted::SYNCED_KEY)?
            .as_deref()
            != Some(register::EXTRACTOR_VERSION);
        if stale {
            self.write(register::extracted::sync_extracted)?;
        }
        Ok(())
    }

    /// Creates a meeting; returns it.
    pub fn add_meeting(&self, new: &NewMeeting) -> Result<Meeting> {
        self.write(|tx| register::meetings::add_meeting(tx, new))
    }

    /// Changes a meeting (its date too: deadlines resolved from it move with it).
    pub fn edit_meeting(&self, id: i64, edit: &MeetingEdit) -> Result<Meeting> {
        self.write(|tx| register::meetings::edit_meeting(tx, id, edit))
    }

    /// Calls a meeting off (it stays in the register, marked cancelled).
    pub fn cancel_meeting(&self, id: i64) -> Result<Meeting> {
        self.write(|tx| register::meetings::cancel_meeting(tx, id))
    }

    /// Removes a meeting and its agenda (the documents stay in the archive).
    pub fn delete_meeting(&self, id: i64) -> Result<()> {
        self.write(|tx| register::meetings::delete_meeting(tx, id))
    }

    /// The meetings between two days (either open), in date order.
    pub fn meetings(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Vec<Meeting>> {
        register::meetings::meetings(&self.read(), from, to)
    }

    /// A meeting with its agenda: each item's documents, motions (with outcome and vote) and
    /// sub-items.
    pub fn meeting(&self, id: i64) -> Result<MeetingDetail> {
        register::meetings::meeting(&self.read(), id)
    }

    /// Adds an agenda item; returns it.
    pub fn add_agenda_item(&self, new: &NewAgendaItem) -> Result<AgendaItem> {
        self.write(|tx| register::meetings::add_agenda_item(tx, new))
    }

    /// One agenda item with what is on it.
    pub fn agenda_item(&self, id: i64) -> Result<AgendaItem> {
        register::meetings::agenda_item(&self.read(), id)
    }

    /// Renumbers or renames an agenda item.
    pub fn edit_agenda_item(
        &self,
        id: i64,
        number: Option<&str>,
        title: Option<&str>,
        description: Option<&str>,
    ) -> Result<AgendaItem> {
        self.write(|tx| register::meetings::edit_agenda_item(tx, id, number, title, description))
    }

    /// Moves an agenda item to `position` among its siblings (0 = first).
    pub fn move_agenda_item(&self, id: i64, position: i64) -> Result<()> {
        self.write(|tx| register::meetings::move_agenda_item(tx, id, position))
    }

    /// Removes an agenda item and its sub-items (their documents stay in the archive).
    pub fn delete_agenda_item(&self, id: i64) -> Result<()> {
        self.write(|tx| register::meetings::delete_agenda_item(tx, id))
    }

    /// Puts a document of the archive on an agenda item, with a role (by default from its kind).
    pub fn attach_document(&self, item: i64, document: DocId, role: Option<&str>) -> Result<()> {
        self.write(|tx| register::meetings::attach_document(tx, item, document, role))
    }

    /// Takes a document off an agenda item.
    pub fn detach_document(&self, item: i64, document: DocId) -> Result<()> {
        self.write(|tx| register::meetings::detach_document(tx, item, document))
    }

    /// Every voted item (motions, amendments, council proposals) of the register, with its
    /// outcome (the latest by date), votes, submitters and place on the agenda.
    pub fn motions(&self) -> Result<Vec<Motion>> {
        register::motions::motions(&self.read())
    }

    /// One page of the motions that `query` keeps, in its order, and how many it keeps. The
    /// filter and the order apply to all motions; only the page's are assembled with their
    /// per-party and per-member votes.
    pub fn motions_page(
        &self,
        query: &MotionQuery,
        page: crate::paging::Page,
    ) -> Result<crate::paging::Paged<Motion>> {
        register::motions::motions_page(&self.read(), query, page)
    }

    /// One motion of the register.
    pub fn motion(&self, id: i64) -> Result<Motion> {
        register::motions::motion(&self.read(), id)
    }

    /// The archive's parties as names a clerk may type.
    pub fn party_names(&self) -> Result<PartyNames> {
        register::motions::party_names(&self.read())
    }

    /// The parties the archive knows.
    pub fn parties(&self) -> Result<Vec<register::Party>> {
        register::motions::parties(&self.read())
    }

    /// The parties of the council on `day`, for a vote a clerk records then: those of the
    /// members sitting on that day (their memberships), and those that voted in the council
    /// term before it ([`COUNCIL_TERM_YEARS`]: a party that lost its seats at the last
    /// election may still be among them). With none of either, every party the archive knows,
    /// as [`Archive::parties`]. A party named that is not in the archive's list comes with id 0.
    pub fn parties_at(&self, day: NaiveDate) -> Result<Vec<register::Party>> {
        register::motions::parties_at(&self.read(), day)
    }

    /// Adds a party (a local one) or sets an existing party's abbreviation and aliases, the
    /// names by which votes and searches find it ("GL" for GroenLinks); returns it.
    pub fn set_party(
        &self,
        name: &str,
        abbreviation: Option<&str>,
        aliases: &[String],
    ) -> Result<register::Party> {
        self.write(|tx| register::motions::set_party(tx, name, abbreviation, aliases))
    }

    /// The people of the register.
    pub fn people(&self) -> Result<Vec<register::Person>> {
        register::motions::people(&self.read())
    }

    /// Enters a motion by hand; returns it. With a submission date its history starts with
    /// "ingediend".
    pub fn add_motion(&self, new: &NewMotion) -> Result<Motion> {
        self.write(|tx| register::motions::add_motion(tx, new))
    }

    /// Corrects a motion; each field given is kept as the user's through re-extraction.
    pub fn edit_motion(&self, id: i64, edit: &MotionEdit) -> Result<Motion> {
        self.write(|tx| register::motions::edit_motion(tx, id, edit))
    }

    /// Records a vote and/or an outcome on a motion, as a person enters it.
    pub fn record_vote(&self, motion_id: i64, vote: &NewVote) -> Result<Motion> {
        self.write(|tx| register::motions::record_vote(tx, motion_id, vote))
    }

    /// Removes a motion the register holds (its votes and history go with it). An extracted
    /// motion comes back at the next import while its document says so.
    pub fn delete_motion(&self, id: i64) -> Result<()> {
        self.write(|tx| register::motions::delete_motion(tx, id))
    }

    /// The register as one Popolo JSON document.
    pub fn export_popolo(&self) -> Result<Value> {
        register::popolo::export_popolo(&self.read())
    }

    /// Reads a Popolo JSON document into the register, records from `system` (`popolo` for a
    /// file). Records imported before are updated in place; what a person entered stays.
    /// Returns (records written, problems: one line per record that was skipped).
    pub fn import_popolo(&self, value: &Value, system: &str) -> Result<(usize, Vec<String>)> {
        self.write(|tx| register::popolo::import_popolo(tx, value, system))
    }

    /// The decision list of a meeting (Markdown).
    pub fn meeting_report(&self, id: i64) -> Result<String> {
        register::report::meeting_report(&self.read(), id)
    }

    /// The edit [`Archive::undo_last`] would undo now, if any.
    pub fn last_edit(&self) -> Result<Option<Edit>> {
        register::undo::last_edit(&self.read())
    }

    /// Undoes the last edit a person made to the register and returns what it was. Errors
    /// with [`Error::NothingToUndo`] when there is none, and with [`crate::Error::UndoBlocked`]
    /// (nothing changed) when a sync, an import or another write changed what it touched
    /// since.
    pub fn undo_last(&self) -> Result<Edit> {
        self.write(register::undo::undo_last)
    }

    /// Writes what export lines made (one transaction), then imports the texts that records
    /// carried as documents of the archive, attached where their downloads were queued.
    pub fn write_obv_page(&self, name: &str, page: &ObvPage) -> Result<RegisterImport> {
        self.write(|tx| register::writer::write_obv_page(tx, name, page))
    }

    /// The note a register gave a motion (another number it goes by, such as a parliamentary
    /// paper's: "kamerstuk 36550-V-4").
    pub fn motion_note(&self, id: i64) -> Result<Option<String>> {
        register::writer::motion_note(&self.read(), id)
    }

    /// Imports one response of a council's register (recognised by its content): its
    /// meetings, agenda items, motions, votes and commitments, in one transaction. A record
    /// that cannot be read is named in `problems` and skipped; an unknown format, or a file
    /// cut off, is an [`Error::InvalidInput`] naming the file. Importing the same file again
    /// updates the rows in place and leaves what a person entered.
    pub fn import_register_bytes(&self, name: &str, bytes: &[u8]) -> Result<RegisterImport> {
        self.write(|tx| register::writer::import_register_bytes(tx, name, bytes))
    }
}
