//! Files in: documents through the import's pipeline, register files into the register.

use std::path::{Path, PathBuf};

use super::Archive;
use crate::error::{Error, ImportError, Result};
use crate::import::batch::{self, Source};
use crate::import::{self, FileOutcome, FileResult, ImportOptions, ImportReport, ImportSink};
use crate::model::DocId;
use crate::tx::Tx;
use crate::{alerts, commitments, demo, register, sources};
use std::collections::HashSet;

/// Where a file of an import goes.
enum FileKind {
    Document,
    Publication,
    Register,
}

/// A register response goes to the register, by its ending (.json, .xml, .ndjson, .jsonl:
/// one that no reader knows is reported as such) or, for an HTML page, by its content (a
/// meeting page a register reader recognises; other pages are documents). An XML publication
/// of a parliamentary paper is a document. Which reader reads a register file is decided by
/// its content ([`sources::recognise`]), never by its name.
fn file_kind(path: &Path, max_bytes: u64) -> FileKind {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let content = || {
        // A file that cannot be read here is reported when it is read for its import.
        import::read_file(path, max_bytes)
            .ok()
            .and_then(|bytes| sources::recognise(&bytes))
    };
    match ext.as_str() {
        "xml" => match content() {
            Some("document") => FileKind::Publication,
            _ => FileKind::Register,
        },
        _ if import::is_register_extension(path) => FileKind::Register,
        "html" | "htm" | "xhtml" => match content() {
            Some(_) => FileKind::Register,
            None => FileKind::Document,
        },
        _ => FileKind::Document,
    }
}

/// What became of a register file that could not be imported.
fn register_outcome(e: Error) -> FileOutcome {
    match e {
        Error::InvalidInput(what) => FileOutcome::failed(&ImportError::Register(what)),
        other => FileOutcome::failed_to_store(&other),
    }
}

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
            match file_kind(&path, options.max_file_bytes) {
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
            let mut report = self.import_documents(
                tx,
                documents,
                options,
                &mut WithinImport { inner: sink, total },
            )?;
            let mut done = report.files.len();
            let linking = sources::link_ibabs(&registers, options.max_file_bytes);
            for (place, path) in registers.iter().enumerate() {
                if linking.pairs.iter().any(|(_, votes, _)| *votes == place) {
                    // Filed with its entry's answer, below or above.
                    continue;
                }
                done += 1;
                let name = path.to_string_lossy().into_owned();
                let exchange = linking
                    .pairs
                    .iter()
                    .find(|(entry, _, _)| *entry == place)
                    .map(|(_, votes, id)| (&registers[*votes], id.as_str()));
                if let Some((votes, id)) = exchange {
                    done += 1;
                    let votes_name = votes.to_string_lossy().into_owned();
                    match import_ibabs_exchange_files(tx, path, votes, id, options) {
                        Ok(import) => {
                            // The votes are one record of the two answers' import.
                            let votes_records = usize::from(import.records > 0);
                            for (file_name, records, problems) in [
                                (&name, import.records - votes_records, import.problems),
                                (&votes_name, votes_records, Vec::new()),
                            ] {
                                let file = import::RegisterFile {
                                    path: file_name.to_owned(),
                                    system: import.system.clone(),
                                    records,
                                    problems,
                                };
                                sink.register_done(&file, done, total);
                                report.register.push(file);
                            }
                        }
                        Err(outcome) => {
                            for file_name in [&name, &votes_name] {
                                let file = FileResult {
                                    path: file_name.clone(),
                                    outcome: outcome.clone(),
                                };
                                sink.file_done(&file, done, total);
                                report.files.push(file);
                            }
                        }
                    }
                    continue;
                }
                match import_register_file(tx, path, &name, options, &linking.masters) {
                    Ok(import) => {
                        let file = import::RegisterFile {
                            path: name,
                            system: import.system,
                            records: import.records,
                            problems: import.problems,
                        };
                        sink.register_done(&file, done, total);
                        report.register.push(file);
                    }
                    Err(outcome) => {
                        let file = FileResult {
                            path: name,
                            outcome,
                        };
                        sink.file_done(&file, done, total);
                        report.files.push(file);
                    }
                }
            }
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
            let report = self.import_documents(tx, sources, &ImportOptions::default(), sink)?;
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

    fn import_documents(
        &self,
        tx: &Tx<'_>,
        sources: Vec<Source<'_>>,
        options: &ImportOptions,
        sink: &mut dyn ImportSink,
    ) -> Result<ImportReport> {
        batch::import_documents(tx, sources, options, sink)
    }
}

/// One register file of an import: read (within the size limit) and written into the
/// register, or what became of it when it could not be.
fn import_register_file(
    tx: &Tx<'_>,
    path: &Path,
    name: &str,
    options: &ImportOptions,
    masters: &std::collections::BTreeMap<String, String>,
) -> std::result::Result<register::writer::RegisterImport, FileOutcome> {
    let bytes =
        import::read_file(path, options.max_file_bytes).map_err(|e| FileOutcome::failed(&e))?;
    register::writer::import_register_linked(tx, name, &bytes, masters).map_err(register_outcome)
}

/// An iBabs entry's answer and its votes' answer, recorded together, as one motion.
fn import_ibabs_exchange_files(
    tx: &Tx<'_>,
    entry: &Path,
    votes: &Path,
    entry_id: &str,
    options: &ImportOptions,
) -> std::result::Result<register::writer::RegisterImport, FileOutcome> {
    let read = |p: &Path| {
        import::read_file(p, options.max_file_bytes).map_err(|e| FileOutcome::failed(&e))
    };
    let name = entry.to_string_lossy();
    register::writer::import_ibabs_exchange(tx, &name, &read(entry)?, &read(votes)?, entry_id)
        .map_err(register_outcome)
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
