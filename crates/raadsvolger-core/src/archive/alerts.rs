//! Saved searches and what is new for them.

use std::sync::atomic::Ordering;

use super::Archive;
use crate::alerts::{self, AlertFilters, AlertHit, AlertRefresh, SavedSearch};
use crate::error::Result;

impl Archive {
    /// Saves a search to follow. It flags the documents that come in from now on, not those
    /// the archive already holds. The name must be new; the query must be one search accepts
    /// (an [`Error::InvalidQuery`] otherwise); a query may be empty when filters are given.
    pub fn save_search(
        &self,
        name: &str,
        query: &str,
        filters: &AlertFilters,
    ) -> Result<SavedSearch> {
        self.write(|tx| alerts::save_search(tx, name, query, filters))
    }

    /// Every saved search, with its count of new documents.
    pub fn saved_searches(&self) -> Result<Vec<SavedSearch>> {
        alerts::saved_searches(&self.read())
    }

    /// One saved search.
    pub fn saved_search(&self, id: i64) -> Result<SavedSearch> {
        alerts::saved_search(&self.read(), id)
    }

    /// Deletes a saved search (the documents it flagged stay in the archive).
    pub fn delete_saved_search(&self, id: i64) -> Result<()> {
        self.write(|tx| alerts::delete_saved_search(tx, id))
    }

    /// The documents a saved search flagged, latest find first: only those not seen yet when
    /// `only_new`, else all of them with their `seen` mark.
    pub fn alert_hits(&self, id: i64, only_new: bool) -> Result<Vec<AlertHit>> {
        alerts::alert_hits(&self.read(), id, only_new)
    }

    /// Marks the documents a saved search flagged as seen, and notes the visit.
    pub fn mark_seen(&self, id: i64) -> Result<SavedSearch> {
        self.write(|tx| alerts::mark_seen(tx, id))
    }

    /// Runs the saved searches over the documents written since their last look and flags
    /// what they match. Imports and syncs call it themselves; it is cheap when nothing is new.
    pub fn refresh_alerts(&self) -> Result<AlertRefresh> {
        self.write(alerts::refresh_alerts)
    }

    /// While the returned guard lives, imports do not refresh the saved searches; the one who
    /// paused them calls [`Archive::refresh_alerts`] when done (a sync, which imports its
    /// downloads one by one).
    pub fn pause_alerts(&self) -> AlertsPaused<'_> {
        self.alerts_paused.fetch_add(1, Ordering::SeqCst);
        AlertsPaused { archive: self }
    }
}

/// While alive, imports leave the saved searches alone (see [`Archive::pause_alerts`]).
pub struct AlertsPaused<'a> {
    archive: &'a Archive,
}

impl Drop for AlertsPaused<'_> {
    fn drop(&mut self) {
        self.archive.alerts_paused.fetch_sub(1, Ordering::SeqCst);
    }
}
