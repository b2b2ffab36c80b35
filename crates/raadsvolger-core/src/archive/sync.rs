//! Sources: the councils' registers an archive follows, and their syncs.

use std::time::Instant;

use super::Archive;
use crate::error::{Error, Result};
use crate::model::system::{SourceSpec, System};
use crate::net::http;
use crate::register;
use crate::sources::run::RegisterWriter;
use crate::sync::{self, Listed, Run, SourceInfo, SyncCounts, SyncOptions, SyncReport, downloads};

/// The register's writers a sync's plans file their answers with.
const REGISTER: RegisterWriter = RegisterWriter {
    bytes: register::writer::import_register_bytes,
    answer: register::writer::import_register_answer,
    batch: register::writer::write_read_batch,
    obv_page: register::writer::write_obv_page,
};

impl Archive {
    /// Adds a source (or updates its address and date range) without syncing it.
    pub fn add_source(&self, spec: &SourceSpec) -> Result<SourceInfo> {
        self.write(|tx| sync::add_source(tx, spec))
    }

    /// The sources set up, each with when it last synced and what that brought.
    pub fn sources(&self) -> Result<Vec<SourceInfo>> {
        sync::sources(&self.read())
    }

    pub fn source_info(&self, id: i64) -> Result<SourceInfo> {
        sync::source_info(&self.read(), id)
    }

    /// Removes a source (what it brought stays in the archive).
    pub fn remove_source(&self, id: i64) -> Result<()> {
        self.write(|tx| sync::remove_source(tx, id))
    }

    /// Gives the failed downloads of a source's system their tries back, so the next sync
    /// fetches them again (a download is given up after a few syncs; the user may know the
    /// register has since mended it). How many.
    pub fn retry_downloads(&self, id: i64) -> Result<usize> {
        self.write(|tx| sync::retry_downloads(tx, id))
    }

    /// Syncs a source: added first when it is new. Returns what it brought; a register that
    /// cannot be reached is an [`Error::Sync`] after the retries, with the source's status
    /// saved as failed and its cursors where they were, so the next sync resumes.
    pub fn sync(&self, spec: &SourceSpec, options: &SyncOptions<'_>) -> Result<SyncReport> {
        let info = self.add_source(spec)?;
        self.sync_source(info.id, options)
    }

    /// Syncs a source already set up.
    pub fn sync_source(&self, id: i64, options: &SyncOptions<'_>) -> Result<SyncReport> {
        let started = Instant::now();
        let source = sync::source_row(&self.read(), id)?;
        let system = System::parse(&source.system).ok_or_else(|| {
            Error::InvalidInput(format!("source {id}: unknown system {:?}", source.system))
        })?;
        let resumed = matches!(
            source.last_status.as_deref(),
            Some("running" | "failed" | "cancelled")
        );
        self.write(|tx| tx.store()?.source_started(id, tx.recorded_at()))?;
        let paused = self.pause_alerts();
        let client = http::Client::new(
            options.http.clone(),
            http::Destinations::new(&source.base_url, system.domains(), system.label()),
            options.cancel,
        );
        let mut run = Run {
            archive: self,
            register: &REGISTER,
            source,
            client,
            options,
            counts: SyncCounts::default(),
            problems: Vec::new(),
            resumed,
            listed: Listed::default(),
            failing: 0,
            last_failure: String::new(),
        };
        let mut result = crate::sources::room(system).sync(&mut run);
        if result.is_ok() && options.downloads {
            result = downloads::run(&mut run, system.register_system());
        }
        run.counts.requests = run.client.requests;
        let (status, error) = match &result {
            Ok(()) => ("ok", None),
            Err(Error::Cancelled) => ("cancelled", None),
            Err(e) => ("failed", Some(e.to_string())),
        };
        let added = serde_json::to_string(&run.counts)?;
        self.write(|tx| {
            tx.store()?
                .source_finished(id, tx.recorded_at(), status, error.as_deref(), &added)
        })?;
        drop(paused);
        if let Err(e) = self.refresh_alerts() {
            tracing::warn!("saved searches not refreshed after the sync: {e}");
        }
        let cancelled = matches!(result, Err(Error::Cancelled));
        if !cancelled {
            result?;
        }
        Ok(SyncReport {
            source: self.source_info(id)?,
            counts: run.counts,
            problems: run.problems,
            resumed: run.resumed,
            cancelled,
            seconds: started.elapsed().as_secs_f64(),
        })
    }
}
