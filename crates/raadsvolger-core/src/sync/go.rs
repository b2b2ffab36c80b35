//! GemeenteOplossingen: not built yet.

use super::Run;
use crate::error::{Error, Result};

pub(super) fn run(_run: &mut Run<'_>) -> Result<()> {
    Err(Error::Sync(
        "syncing with GemeenteOplossingen is not built yet".into(),
    ))
}
