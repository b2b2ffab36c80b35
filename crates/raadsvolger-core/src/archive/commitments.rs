//! Commitments: what was asked and promised, by when, and whether it was done.

use chrono::NaiveDate;

use super::Archive;
use crate::commitments::{
    self, CommitmentFilter, CommitmentPage, CommitmentQuery, CommitmentUpdate, NewCommitment,
};
use crate::error::Result;
use crate::model::{Commitment, EvidenceSuggestion};

impl Archive {
    /// Later documents that may show an open commitment was met: found by searching for its
    /// key terms after the day it was made. Shown to a person, never applied by themselves.
    pub fn evidence_suggestions(&self, id: i64) -> Result<Vec<EvidenceSuggestion>> {
        commitments::evidence_suggestions(&self.read(), id)
    }

    /// Applies statements in later documents that a promised thing has come ("dat is iets
    /// later geworden, maar nu ligt er ..."): each is matched to the open commitment it is
    /// about (shared key terms, and the promised year or the year of the promise named), which
    /// is then marked met on that document's date, with the statement as evidence and the
    /// reason in the history. Returns how many were applied.
    pub fn apply_fulfilment_statements(&self) -> Result<usize> {
        self.write(commitments::apply_fulfilment_statements)
    }

    /// The commitments as they stood on `as_of`: those made by then, with the status, deadline
    /// and flag of that day. Requests of motions that were rejected, withdrawn or held are left
    /// out; those of a motion whose outcome is not known carry the note [`OUTCOME_UNKNOWN`]. A deadline
    /// tied to an event ("bij de begroting 2026") takes the date of the meeting whose agenda
    /// holds that event, once the register has it (see [`crate::register::calendar`]).
    pub fn commitments(
        &self,
        as_of: NaiveDate,
        query: &CommitmentQuery,
    ) -> Result<Vec<Commitment>> {
        commitments::commitments(&self.read(), as_of, query)
    }

    /// One page of the commitments of `as_of` that `filter` keeps (in the register's order:
    /// flag, deadline, id), with how many it keeps and, over all of that day's, the count per
    /// flag and the actors (what the dashboard's cards and its actor choice show).
    pub fn commitments_page(
        &self,
        as_of: NaiveDate,
        query: &CommitmentQuery,
        filter: &CommitmentFilter,
        page: crate::paging::Page,
    ) -> Result<CommitmentPage> {
        commitments::commitments_page(&self.read(), as_of, query, filter, page)
    }

    /// One commitment as of `as_of`, whatever its flag.
    pub fn commitment(&self, id: i64, as_of: NaiveDate) -> Result<Commitment> {
        commitments::commitment(&self.read(), id, as_of)
    }

    /// Changes a commitment's status and/or deadline, with a date, a reason and evidence; each
    /// change goes into the history.
    pub fn update_commitment(&self, id: i64, update: &CommitmentUpdate) -> Result<()> {
        self.write(|tx| commitments::update_commitment(tx, id, update))
    }

    /// Adds a commitment by hand; returns its id.
    pub fn add_commitment(&self, new: &NewCommitment) -> Result<i64> {
        self.write(|tx| commitments::add_commitment(tx, new))
    }
}
