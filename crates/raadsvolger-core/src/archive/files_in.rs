//! Files in: documents through the import's pipeline, register files into the register.

use std::path::PathBuf;

use super::Archive;
use crate::error::Result;
use crate::import::batch::{self, Source};
use crate::import::{self, FileOutcome, FileResult, ImportOptions, ImportReport, ImportSink};
use crate::model::DocId;
use crate::register::files::FileKind;
use crate::tx::Tx;
use crate::{alerts, commitments, demo, register, sources};
use std::collections::HashSet;

/// Passes on the documents' progress as part of a larger import (of `total` files, the
/// documents first).
struct WithinImport<'a> {
    inner: &'a mut dyn ImportSink,
    total: usize,
}

impl ImportSink for WithinImport<'_> {
    fn file_done(&mut self, result: &FileResult, done: usize, _total: usize) {
        self.inner.file_done(result, done, self.total);
    }
}

impl Archive {
    /// Imports files and folders (recursively): the one way in for what is named on the
    /// command line or dropped on the window. Documents (Markdown, text, HTML, PDF, office
    /// files, and the XML publication of a parliamentary paper) are stored, each atomically;
    /// the councils' register files (NotuBiz, iBabs, Tweede Kamer, GemeenteOplossingen, Open
    /// Raadsinformatie, openbesluitvorming, Popolo: recognised by their content) go into the
    /// register after them, as a register may name them. The order of the files does not
    /// matter: a register's records find each other by their ids, and a motion's text is
    /// linked to its motion whichever came first. A file that cannot be read, document or
    /// register file, is reported with its reason and the others go on.
    pub fn import_paths(
        &self,
        paths: &[PathBuf],
        options: &ImportOptions,
        sink: &mut dyn ImportSink,
    ) -> Result<ImportReport> {
        let mut documents = Vec::new();
        let mut registers = Vec::new();
        let collected = import::collect_import_files(paths);
        for path in collected.files {
            match register::files::file_kind(&path, options.max_file_bytes) {
                FileKind::Document => documents.push(Source::File(path)),
                FileKind::Publication => documents.push(Source::Publication(
                    path,
                    sources::tk::reader::publication_document,
                )),
                FileKind::Register => registers.push(path),
            }
        }
        let refused = collected.refused;
        let total = documents.len() + registers.len() + refused.len();
        self.write(|tx| {
            sink.started(total);
            let mut report = batch::import_documents(
                tx,
                documents,
                options,
                &mut WithinImport { inner: sink, total },
            )?;
            let mut done = report.files.len();
            register::files::import_register_files(
                tx,
                &registers,
                options,
                &mut report,
                &mut register::files::Progress {
                    sink,
                    done: &mut done,
                    total,
                },
            );
            // Links out of a chosen folder: named, with why they were not followed.
            for (path, error) in refused {
                done += 1;
                let file = FileResult {
                    path: path.to_string_lossy().into_owned(),
                    outcome: FileOutcome::failed(&error),
                };
                sink.file_done(&file, done, total);
                report.files.push(file);
            }
            // Texts imported before (or without) their motions in this import.
            register::writer::link_motion_texts(tx)?;
            Ok(report)
        })
    }

    /// Imports one document held in memory (`name` gives its format by its ending).
    pub fn import_bytes(
        &self,
        name: &str,
        bytes: &[u8],
        sink: &mut dyn ImportSink,
    ) -> Result<ImportReport> {
        self.write(|tx| batch::import_bytes(tx, name, bytes, sink))
    }

    /// Imports the embedded example dossier (documents already present are skipped).
    pub fn load_demo(&self, sink: &mut dyn ImportSink) -> Result<ImportReport> {
        // One write for the documents and their register: no other writer comes in between.
        self.write(|tx| {
            let sources = demo::files()
                .into_iter()
                .map(|(name, bytes)| Source::Memory(name, bytes))
                .collect();
            let report = batch::import_documents(tx, sources, &ImportOptions::default(), sink)?;
            if let Some(bytes) = demo::register() {
                let value: serde_json::Value = serde_json::from_slice(bytes)?;
                // A dossier document the archive holds under another name is not put on its
                // agenda: said, not fatal.
                let (_, problems) =
                    register::popolo::import_popolo(tx, &value, demo::REGISTER_SYSTEM)?;
                for p in problems {
                    tracing::warn!("example dossier register: {p}");
                }
            }
            Ok(report)
        })
    }
}

/// What follows when documents were stored (see [`crate::tx::AfterDocuments`]): what they say
/// about motions and votes goes into the register, the statements that a commitment was met are
/// applied, and the saved searches look at them.
pub(super) fn after_documents(tx: &Tx<'_>, added: &HashSet<DocId>, only_new: bool) -> Result<()> {
    if only_new {
        register::extracted::sync_extracted_added(tx, added)?;
    } else {
        register::extracted::sync_extracted(tx)?;
    }
    commitments::apply_fulfilment_statements(tx)?;
    alerts::refresh_alerts_after_import(tx);
    Ok(())
}
