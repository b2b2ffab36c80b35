//! The register files of an import: which files are register answers, and each filed through
//! the room that recognises it, an iBabs entry together with its votes.

use std::path::{Path, PathBuf};

use crate::error::{Error, ImportError};
use crate::import::{self, FileOutcome, FileResult, ImportOptions, ImportReport, ImportSink};
use crate::tx::Tx;

/// Where a file of an import goes.
pub(crate) enum FileKind {
    Document,
    Publication,
    Register,
}

/// A register response goes to the register, by its ending (.json, .xml, .ndjson, .jsonl:
/// one that no reader knows is reported as such) or, for an HTML page, by its content (a
/// meeting page a register reader recognises; other pages are documents). An XML publication
/// of a parliamentary paper is a document. Which reader reads a register file is decided by
/// its content ([`crate::sources::recognise`]), never by its name.
pub(crate) fn file_kind(path: &Path, max_bytes: u64) -> FileKind {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let content = || {
        // A file that cannot be read here is reported when it is read for its import.
        import::read_file(path, max_bytes)
            .ok()
            .and_then(|bytes| crate::sources::recognise(&bytes))
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

/// Where an import's progress goes: each file reported as `done` of `total`.
pub(crate) struct Progress<'a, 'b> {
    pub sink: &'a mut dyn ImportSink,
    pub done: &'b mut usize,
    pub total: usize,
}

/// Files each register file of an import (`registers`) into the register, in this write: an
/// iBabs entry's answer with the answer of its votes, as one motion; a listing's master ids
/// given to the entries it names. What each file brought, or why it could not be read, goes
/// into `report` and to the progress.
pub(crate) fn import_register_files(
    tx: &Tx<'_>,
    registers: &[PathBuf],
    options: &ImportOptions,
    report: &mut ImportReport,
    progress: &mut Progress<'_, '_>,
) {
    let linking = crate::sources::link_ibabs(registers, options.max_file_bytes);
    for (place, path) in registers.iter().enumerate() {
        if linking.pairs.iter().any(|(_, votes, _)| *votes == place) {
            // Filed with its entry's answer, below or above.
            continue;
        }
        *progress.done += 1;
        let name = path.to_string_lossy().into_owned();
        let exchange = linking
            .pairs
            .iter()
            .find(|(entry, _, _)| *entry == place)
            .map(|(_, votes, id)| (&registers[*votes], id.as_str()));
        if let Some((votes, id)) = exchange {
            *progress.done += 1;
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
                        progress
                            .sink
                            .register_done(&file, *progress.done, progress.total);
                        report.register.push(file);
                    }
                }
                Err(outcome) => {
                    for file_name in [&name, &votes_name] {
                        let file = FileResult {
                            path: file_name.clone(),
                            outcome: outcome.clone(),
                        };
                        progress
                            .sink
                            .file_done(&file, *progress.done, progress.total);
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
                progress
                    .sink
                    .register_done(&file, *progress.done, progress.total);
                report.register.push(file);
            }
            Err(outcome) => {
                let file = FileResult {
                    path: name,
                    outcome,
                };
                progress
                    .sink
                    .file_done(&file, *progress.done, progress.total);
                report.files.push(file);
            }
        }
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
) -> std::result::Result<super::writer::RegisterImport, FileOutcome> {
    let bytes =
        import::read_file(path, options.max_file_bytes).map_err(|e| FileOutcome::failed(&e))?;
    super::writer::import_register_linked(tx, name, &bytes, masters).map_err(register_outcome)
}

/// An iBabs entry's answer and its votes' answer, recorded together, as one motion.
fn import_ibabs_exchange_files(
    tx: &Tx<'_>,
    entry: &Path,
    votes: &Path,
    entry_id: &str,
    options: &ImportOptions,
) -> std::result::Result<super::writer::RegisterImport, FileOutcome> {
    let read = |p: &Path| {
        import::read_file(p, options.max_file_bytes).map_err(|e| FileOutcome::failed(&e))
    };
    let name = entry.to_string_lossy();
    super::writer::import_ibabs_exchange(tx, &name, &read(entry)?, &read(votes)?, entry_id)
        .map_err(register_outcome)
}
