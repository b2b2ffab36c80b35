//! The council's own settings.

use super::Archive;
use crate::error::Result;
use crate::settings::{self, CouncilSettings};

impl Archive {
    /// The council's settings (the defaults where nothing was set).
    pub fn council_settings(&self) -> Result<CouncilSettings> {
        settings::council_settings(&self.read())
    }

    /// Saves the council's settings after checking them; a bad recess date is refused with the
    /// recess and what is wrong, and nothing is saved.
    pub fn set_council_settings(&self, settings: &CouncilSettings) -> Result<CouncilSettings> {
        self.write(|tx| settings::set_council_settings(tx, settings))
    }
}
