//! Exports: what others need, made from the archive.

use chrono::NaiveDate;

use super::Archive;
use crate::error::Result;
use crate::export::{self, Exported, Format};

impl Archive {
    /// The commitment register as it stood on `as_of`, in `format`: the one place the CLI and
    /// the app make their exports.
    pub fn export(&self, format: Format<'_>, as_of: NaiveDate) -> Result<Exported> {
        export::export(&self.read(), format, as_of)
    }
}
