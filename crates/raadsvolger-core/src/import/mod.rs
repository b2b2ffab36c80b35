//! Importing files into the archive.
//!
//! [`parse`] turns one file's bytes into a [`NewDocument`] (or a specific [`ImportError`]); the
//! archive stores parsed documents in batches, each document atomically. Formats: Markdown with
//! YAML front matter, plain text, HTML pages, PDF. Where front matter is missing the title,
//! date, kind, council number and parties are inferred from the text; front matter always wins.
//!
//! Hostile files: a file over the size limit is refused before it is read; HTML and Markdown
//! nested deeper than a browser would nest them, and YAML front matter nested too deep or full of
//! aliases, are refused before a parser sees them; [`parse_within`] parses on a thread of its
//! own with a large stack, a time limit that the readers keep themselves ([`budget`]: a file
//! past it stops being read) and a panic guard, so one file can neither hang nor crash an
//! import.

pub(crate) use crate::budget;
pub(crate) use crate::text::html::text_to_html;
mod decode;
pub(crate) use crate::text::fields;
pub mod batch;
mod html;
pub mod infer;
pub mod markdown;
pub mod nesting;
mod ocr;
mod office;
pub mod page;
mod pdf;
pub(crate) mod pipeline;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{RecvTimeoutError, sync_channel};
use std::time::Duration;

use serde::Serialize;

pub use decode::{Decoded, decode};

use crate::error::ImportError;
use crate::extract::parties;
use crate::model::{DocId, DocKind, DocumentSummary, NewDocument, SourceFormat};

/// Default largest file accepted: 50 MB.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// Default time one file may take to parse: 30 s.
pub const DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(30);
/// Stack of the thread that parses a file. Deep nesting is refused before a parser sees it; this
/// is the margin for what gets through (address space only: pages are used as touched).
const PARSE_STACK_BYTES: usize = 256 * 1024 * 1024;

/// Settings of an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// Files larger than this are refused.
    pub max_file_bytes: u64,
    /// Documents stored (and indexed) per transaction.
    pub batch_size: usize,
    /// Longest time one file may take to parse and extract; a file that takes longer is
    /// reported as timed out and the import goes on.
    pub time_limit: Duration,
    /// Threads that read and parse files while the importing thread stores and indexes them;
    /// 0 means one per processor core.
    pub read_threads: usize,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            batch_size: 500,
            time_limit: DEFAULT_TIME_LIMIT,
            read_threads: 0,
        }
    }
}

/// What became of one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum FileOutcome {
    Imported {
        document: DocumentSummary,
        /// 1 for a new document; higher when the file was a new version of one.
        version: u32,
    },
    /// The same content is already in the archive.
    Skipped { duplicate_of: DocId },
    Failed {
        error: String,
        /// A stable key for the reason (an [`ImportError`](crate::ImportError) code, or the
        /// archive's error code), for a window that words it itself.
        code: String,
        /// The reason's values by name (see [`ImportError::params`](crate::ImportError::params)).
        params: crate::error::Params,
    },
}

impl FileOutcome {
    /// A failed file, from what is wrong with it.
    pub fn failed(error: &crate::ImportError) -> Self {
        FileOutcome::Failed {
            error: error.to_string(),
            code: error.code().to_owned(),
            params: error.params(),
        }
    }

    /// A file the archive could not store.
    pub fn failed_to_store(error: &crate::Error) -> Self {
        let code = match error {
            crate::Error::Import { source, .. } => source.code().to_owned(),
            other => serde_json::to_value(other.code())
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
        };
        FileOutcome::Failed {
            error: error.to_string(),
            code,
            params: error.params(),
        }
    }
}

/// One file's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileResult {
    pub path: String,
    #[serde(flatten)]
    pub outcome: FileOutcome,
}

/// Receives progress while an import runs: the CLI draws a progress bar, the app streams it
/// over a channel, tests collect it.
pub trait ImportSink {
    /// The number of files found, before any is read.
    fn started(&mut self, _total: usize) {}
    /// A file's outcome is known; `done` files of `total` are finished.
    fn file_done(&mut self, _result: &FileResult, _done: usize, _total: usize) {}
    /// A register file was read into the register; `done` files of `total` are finished.
    fn register_done(&mut self, _result: &RegisterFile, _done: usize, _total: usize) {}
}

/// A sink that ignores everything.
pub struct NoProgress;
impl ImportSink for NoProgress {}

/// A sink that keeps every result.
#[derive(Default)]
pub struct Collect(pub Vec<FileResult>);
impl ImportSink for Collect {
    fn file_done(&mut self, result: &FileResult, _: usize, _: usize) {
        self.0.push(result.clone());
    }
}

/// A council's register file an import read (a response of NotuBiz, iBabs, the Tweede Kamer,
/// GemeenteOplossingen, Open Raadsinformatie, openbesluitvorming, or Popolo): its system, the
/// records it wrote, and one line per record it skipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegisterFile {
    pub path: String,
    pub system: String,
    /// Meetings, agenda items, motions, votes and commitments written.
    pub records: usize,
    /// Records skipped, each named with what is wrong.
    pub problems: Vec<String>,
}

/// The summary of an import.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ImportReport {
    /// The documents, and the files that could not be read (documents and register files),
    /// each with its reason.
    pub files: Vec<FileResult>,
    /// The register files read.
    pub register: Vec<RegisterFile>,
}

impl ImportReport {
    /// Register records written, over all register files.
    pub fn register_records(&self) -> usize {
        self.register.iter().map(|r| r.records).sum()
    }
    /// Records of the register files that were skipped, each named with its file.
    pub fn register_problems(&self) -> impl Iterator<Item = &str> {
        self.register
            .iter()
            .flat_map(|r| r.problems.iter().map(String::as_str))
    }
    pub fn imported(&self) -> impl Iterator<Item = &DocumentSummary> {
        self.files.iter().filter_map(|f| match &f.outcome {
            FileOutcome::Imported { document, .. } => Some(document),
            _ => None,
        })
    }
    pub fn skipped(&self) -> impl Iterator<Item = (&str, DocId)> {
        self.files.iter().filter_map(|f| match &f.outcome {
            FileOutcome::Skipped { duplicate_of } => Some((f.path.as_str(), *duplicate_of)),
            _ => None,
        })
    }
    pub fn failed(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().filter_map(|f| match &f.outcome {
            FileOutcome::Failed { error, .. } => Some((f.path.as_str(), error.as_str())),
            _ => None,
        })
    }
}

/// File name endings the importer reads when it walks a folder.
const EXTENSIONS: &[&str] = &[
    "md", "markdown", "txt", "text", "html", "htm", "xhtml", "pdf", "docx", "odt",
];

/// File name endings of the councils' register responses (JSON, XML, and JSON one record a
/// line): a folder walk takes them too, and [`Archive::import_paths`](crate::Archive::import_paths)
/// sends them to the register.
pub const REGISTER_EXTENSIONS: &[&str] = &["json", "xml", "ndjson", "jsonl"];

/// The document files under `paths`: files as given, folders walked recursively (hidden
/// entries and files of other types left out), each folder's entries sorted. A link in a
/// folder is followed only when it leads to a place inside the folder that was chosen (a
/// linked folder is then walked where it really is); one that leads out is in
/// [`Collected::refused`].
pub fn collect_files(paths: &[PathBuf]) -> Collected {
    collect(paths, &has_known_extension)
}

/// What an import reads under `paths`: the document files of [`collect_files`] and, in the
/// same walk and order, the register files (by [`REGISTER_EXTENSIONS`]).
pub fn collect_import_files(paths: &[PathBuf]) -> Collected {
    collect(paths, &|p: &Path| {
        has_known_extension(p) || is_register_extension(p)
    })
}

/// Whether the file's name ends as a register response's does (.json, .xml, .ndjson, .jsonl).
pub fn is_register_extension(path: &Path) -> bool {
    extension(path).is_some_and(|e| REGISTER_EXTENSIONS.contains(&e.as_str()))
}

/// The files a walk found, and the links it did not follow.
#[derive(Debug, Default)]
pub struct Collected {
    pub files: Vec<PathBuf>,
    /// Links that lead out of the chosen folder, each with why it was not followed.
    pub refused: Vec<(PathBuf, ImportError)>,
}

fn collect(paths: &[PathBuf], wanted: &dyn Fn(&Path) -> bool) -> Collected {
    let mut out = Collected::default();
    for path in paths {
        if path.is_dir() {
            // A chosen folder that is itself a link is the user's choice: its target is the
            // place links inside it may lead to.
            let root = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            walk(path, &root, &mut out, 0, wanted);
        } else {
            out.files.push(path.clone());
        }
    }
    out
}

const MAX_DEPTH: usize = 32;

fn walk(
    dir: &Path,
    root: &Path,
    out: &mut Collected,
    depth: usize,
    wanted: &dyn Fn(&Path) -> bool,
) {
    if depth > MAX_DEPTH {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        // An unreadable folder is reported as a file that cannot be read.
        out.files.push(dir.to_path_buf());
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, root, out, depth + 1, wanted);
        } else if kind.is_symlink() {
            match std::fs::canonicalize(&path) {
                // Inside the chosen folder: a file is read; a folder is walked where it is.
                Ok(target) if target.starts_with(root) => {
                    if target.is_file() && wanted(&path) {
                        out.files.push(path);
                    }
                }
                Ok(target) if target.is_dir() || wanted(&path) => {
                    let to = target.display().to_string();
                    out.refused.push((path, ImportError::OutsideFolder(to)));
                }
                Ok(_) => {}
                // A link to nothing: reported as a file that cannot be read.
                Err(_) if wanted(&path) => out.files.push(path),
                Err(_) => {}
            }
        } else if kind.is_file() && wanted(&path) {
            out.files.push(path);
        }
    }
}

fn has_known_extension(path: &Path) -> bool {
    extension(path).is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
}

fn extension(path: &Path) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().to_lowercase())
}

/// Reads a file, refusing it before reading when it is over the limit.
pub fn read_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>, ImportError> {
    let meta = std::fs::metadata(path).map_err(|e| ImportError::Read(io_reason(&e)))?;
    if meta.is_dir() {
        return Err(ImportError::Read(
            "is a folder that could not be read".into(),
        ));
    }
    if !meta.is_file() {
        // Reading a named pipe waits for a writer, a device like /dev/zero never ends.
        return Err(ImportError::Read(
            "not a regular file (a pipe, socket or device)".into(),
        ));
    }
    if meta.len() > max_bytes {
        return Err(ImportError::TooLarge {
            size: meta.len(),
            limit: max_bytes,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| ImportError::Read(io_reason(&e)))?;
    if bytes.len() as u64 > max_bytes {
        return Err(ImportError::TooLarge {
            size: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    Ok(bytes)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// BLAKE3 of the bytes, hex: the identity used to recognise re-imports.
pub fn content_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// Which parser a file goes to: by its content first (a PDF is a PDF whatever its name), then
/// by its name.
fn detect_format(name: &str, bytes: &[u8]) -> Result<SourceFormat, ImportError> {
    if bytes.starts_with(b"%PDF-") {
        return Ok(SourceFormat::Pdf);
    }
    let ext = extension(Path::new(name)).unwrap_or_default();
    match ext.as_str() {
        "pdf" => Err(ImportError::Pdf("not a PDF file (no %PDF- header)".into())),
        "docx" | "odt" => Err(ImportError::Unsupported(format!(
            ".{ext} file that is not one: no ZIP with the document's text part"
        ))),
        "md" | "markdown" => Ok(SourceFormat::Markdown),
        "html" | "htm" | "xhtml" => Ok(SourceFormat::Html),
        "txt" | "text" | "" => {
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_lowercase();
            let head = head.trim_start_matches('\u{feff}').trim_start();
            if head.starts_with("<!doctype html") || head.starts_with("<html") {
                Ok(SourceFormat::Html)
            } else if head.starts_with("---") {
                Ok(SourceFormat::Markdown)
            } else {
                Ok(SourceFormat::Text)
            }
        }
        _ => {
            if let Some(kind) = sniff_binary(bytes) {
                return Err(ImportError::Unsupported(format!("{kind} (.{ext})")));
            }
            if let Some(pos) = bytes.iter().position(|&b| b == 0) {
                return Err(ImportError::Binary(format!("NUL byte at offset {pos}")));
            }
            Err(ImportError::Unsupported(format!(
                ".{ext} files; Raadsvolger reads .md, .txt, .html, .pdf, .docx and .odt"
            )))
        }
    }
}

fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"PK\x03\x04", "a ZIP archive or Office document"),
        (b"\xD0\xCF\x11\xE0", "an old Office document"),
    ];
    MAGIC
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|(_, k)| *k)
}

/// Parses one file. `name` is its path or name (used for the format and the source).
pub fn parse(name: &str, bytes: &[u8]) -> Result<NewDocument, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    let office = office::sniff(bytes);
    if office.is_none() {
        if let Some(kind) = sniff_binary(bytes) {
            return Err(ImportError::Unsupported(kind.into()));
        }
    }
    let hash = content_hash(bytes);
    let mut doc = match office {
        Some(kind) => parse_office(bytes, kind)?,
        None => match detect_format(name, bytes)? {
            SourceFormat::Markdown => parse_markdown(bytes)?,
            SourceFormat::Text => parse_text(bytes)?,
            SourceFormat::Html => parse_html(bytes)?,
            SourceFormat::Pdf => parse_pdf(bytes)?,
            SourceFormat::Docx | SourceFormat::Odt => unreachable!("office files are sniffed"),
        },
    };
    doc.content_hash = hash;
    doc.source_path = Some(name.to_owned());
    if doc.body_text.trim().is_empty() && doc.title.trim().is_empty() {
        return Err(ImportError::NoText);
    }
    doc.votes = crate::extract::votes::vote_events(&doc);
    let found = crate::extract::commitments::extract(&doc);
    doc.commitments = found.commitments;
    doc.hints = found.hints;
    Ok(doc)
}

/// [`parse`] on a thread of its own (with a 256 MB stack, for parsers that recurse), within
/// `limit`. The readers keep the deadline themselves ([`budget`]): a file that takes longer
/// stops being read at the next check and is reported as [`ImportError::TimedOut`]. Should a
/// reader fail to check (code of another crate that loops without drawing anything), the file
/// is still reported after the limit and a grace period, and its thread is left to end on its
/// own; that is logged. A panic in a parser becomes [`ImportError::Crashed`].
pub fn parse_within(
    name: &str,
    bytes: Vec<u8>,
    limit: Duration,
) -> Result<NewDocument, ImportError> {
    let (tx, rx) = sync_channel(1);
    let owned_name = name.to_owned();
    let spawned = std::thread::Builder::new()
        .name("raadsvolger-parse".into())
        .stack_size(PARSE_STACK_BYTES)
        .spawn(move || {
            let result =
                std::panic::catch_unwind(|| budget::within(limit, || parse(&owned_name, &bytes)))
                    .unwrap_or_else(|panic| Err(ImportError::Crashed(panic_message(&*panic))));
            // The receiver is gone when the reader overran its grace; nobody waits any more.
            let _ = tx.send(result);
        });
    if let Err(e) = spawned {
        return Err(ImportError::Crashed(format!(
            "no thread could be started to read it: {e}"
        )));
    }
    match rx.recv_timeout(limit.saturating_add(UNCHECKED_GRACE)) {
        Ok(result) => result,
        Err(RecvTimeoutError::Timeout) => {
            tracing::warn!(
                file = name,
                "a reader did not stop at its deadline; its thread is left to end on its own"
            );
            Err(ImportError::TimedOut {
                limit_ms: u64::try_from(limit.as_millis()).unwrap_or(u64::MAX),
            })
        }
        Err(RecvTimeoutError::Disconnected) => Err(ImportError::Crashed(
            "the reader stopped without an answer".into(),
        )),
    }
}

/// How long past its deadline a reader that does not check is waited for.
const UNCHECKED_GRACE: Duration = Duration::from_secs(5);

/// What a panic said (its message, when it has one).
pub(crate) fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into())
}

fn blank(format: SourceFormat) -> NewDocument {
    NewDocument {
        kind: DocKind::Overig,
        title: String::new(),
        date: None,
        council_number: None,
        body_text: String::new(),
        body_html: String::new(),
        parties: Vec::new(),
        source_path: None,
        format,
        content_hash: String::new(),
        pages: Vec::new(),
        meta: serde_json::Map::new(),
        votes: Vec::new(),
        commitments: Vec::new(),
        hints: Vec::new(),
    }
}

/// Fills what front matter did not set from the text.
fn infer_missing(
    doc: &mut NewDocument,
    fallback_kind: DocKind,
    kind_known: bool,
    parties_known: bool,
) {
    if doc.title.is_empty() {
        doc.title = infer::title(&doc.body_text).unwrap_or_else(|| "(zonder titel)".into());
    }
    if doc.date.is_none() {
        doc.date = infer::date(&doc.body_text);
    }
    if !kind_known {
        doc.kind = infer::kind(&doc.title, &doc.body_text, fallback_kind);
    }
    if doc.council_number.is_none() {
        doc.council_number = infer::council_number(&format!("{}\n{}", doc.title, doc.body_text));
    }
    if !parties_known {
        doc.parties = parties::find_in_text(&format!("{}\n{}", doc.title, doc.body_text));
    }
}

fn parse_markdown(bytes: &[u8]) -> Result<NewDocument, ImportError> {
    let decoded = decode(bytes, None)?;
    let text = decoded.text.trim_start_matches('\u{feff}');
    let (fm, body) = match markdown::split_front_matter(text) {
        Some((yaml, body)) => (markdown::parse_front_matter(yaml)?, body),
        None => (markdown::FrontMatter::default(), text),
    };
    let rendered = markdown::render(body);
    nesting::check(&rendered.html, "Markdown (or the HTML in it)")?;
    let mut doc = blank(SourceFormat::Markdown);
    doc.title = fm.title.clone().or(rendered.h1.clone()).unwrap_or_default();
    doc.date = fm.date;
    doc.council_number = fm.council_number.clone();
    doc.body_text = rendered.text;
    doc.body_html = if rendered.needs_sanitizing {
        sanitize(&rendered.html)
    } else {
        rendered.html
    };
    doc.meta = fm.extra;
    if let Some(kind) = fm.kind {
        doc.kind = kind;
    }
    if let Some(p) = &fm.parties {
        doc.parties = p.clone();
    }
    infer_missing(
        &mut doc,
        DocKind::Overig,
        fm.kind.is_some(),
        fm.parties.is_some(),
    );
    Ok(doc)
}

fn parse_text(bytes: &[u8]) -> Result<NewDocument, ImportError> {
    let decoded = decode(bytes, None)?;
    let mut doc = blank(SourceFormat::Text);
    let text = tidy_text(decoded.text.trim_start_matches('\u{feff}'));
    // A register entry copied from a portal, its fields' names glued to their values.
    let text = fields::unglue(&text).unwrap_or(text);
    // A page saved from the web: its article, without the site's furniture.
    if let Some(page) = page::read(&text) {
        let dated: String = text
            .lines()
            .filter(|l| !page::is_copyright(l))
            .collect::<Vec<_>>()
            .join("\n");
        let entry = infer::entry_titles(&text);
        doc.title = entry
            .titel
            .or(entry.heading)
            .or(page.title.map(|t| infer::clip_title(&t)))
            .or(entry.onderwerp)
            .or_else(|| infer::title(&page.text))
            .unwrap_or_default();
        // A title's "d.d." date names the meeting of the document or of the one it is about:
        // a motion is published before its meeting, a document about a motion after it, so the
        // later of that date and the page's own is the document's.
        doc.date = match (infer::title_date(&doc.title), infer::date(&dated)) {
            (Some(named), Some(own)) => Some(named.max(own)),
            (named, own) => named.or(own),
        }
        .or(page.newsletter_month);
        doc.kind = infer::kind_of_page(&doc.title, &text, page.news, DocKind::Overig);
        doc.body_text = page.text;
        doc.body_html = text_to_html(&doc.body_text);
        infer_missing(&mut doc, DocKind::Overig, true, false);
        return Ok(doc);
    }
    doc.body_text = text;
    doc.body_html = text_to_html(&doc.body_text);
    infer_missing(&mut doc, DocKind::Overig, false, false);
    // Prose that quotes what someone said, and is nothing else, is a report.
    if doc.kind == DocKind::Overig && page::reports_speech(&doc.body_text) {
        doc.kind = DocKind::Nieuws;
    }
    Ok(doc)
}

fn parse_html(bytes: &[u8]) -> Result<NewDocument, ImportError> {
    let declared = html::declared_charset(bytes);
    let decoded = decode(bytes, declared.as_deref())?;
    nesting::check(&decoded.text, "HTML")?;
    let page = html::extract(&decoded.text);
    if page.text.trim().is_empty() {
        return Err(ImportError::NoText);
    }
    let mut doc = blank(SourceFormat::Html);
    doc.title = page.title.unwrap_or_default();
    doc.date = page.date;
    doc.body_text = page.text;
    doc.body_html = sanitize(&page.html);
    infer_missing(&mut doc, DocKind::Nieuws, false, false);
    Ok(doc)
}

fn parse_office(bytes: &[u8], kind: office::Office) -> Result<NewDocument, ImportError> {
    let (title, text) = office::extract(bytes, kind)?;
    let mut doc = blank(match kind {
        office::Office::Docx => SourceFormat::Docx,
        office::Office::Odt => SourceFormat::Odt,
    });
    doc.body_text = tidy_text(&text);
    doc.body_html = text_to_html(&doc.body_text);
    if let Some(title) = title {
        doc.title = title;
    }
    infer_missing(&mut doc, DocKind::Overig, false, false);
    Ok(doc)
}

fn parse_pdf(bytes: &[u8]) -> Result<NewDocument, ImportError> {
    let pages = pdf::extract_pages(bytes)?;
    let mut doc = blank(SourceFormat::Pdf);
    let mut text = String::new();
    for page in pages {
        doc.pages.push(text.len());
        text.push_str(&tidy_text(&page));
        text.push_str("\n\n");
    }
    doc.body_text = text.trim_end().to_owned();
    doc.body_html = text_to_html(&doc.body_text);
    infer_missing(&mut doc, DocKind::Overig, false, false);
    Ok(doc)
}

/// Normalises extracted text: line ends to `\n`, spaces within lines collapsed, at most one
/// blank line in a row, no white space at either end.
pub(crate) fn tidy_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_lines = 0;
    for line in text.replace("\r\n", "\n").replace('\r', "\n").split('\n') {
        let line: String = line
            .split([' ', '\u{a0}'])
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let line = line.trim();
        if line.is_empty() {
            blank_lines += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_lines > 0 { "\n\n" } else { "\n" });
        }
        blank_lines = 0;
        out.push_str(line);
    }
    out
}

/// Makes HTML safe to show: no scripts, event handlers, frames, forms, remote images or
/// `javascript:` links; navigation and footers dropped with their content.
pub fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .rm_tags(["img", "nav", "footer", "aside", "header"])
        .add_clean_content_tags([
            "nav", "footer", "aside", "form", "iframe", "noscript", "object", "embed", "svg",
            "template", "button", "select", "textarea", "canvas", "math",
        ])
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn markdown_front_matter_wins_over_inference() {
        let md = "---\ntitle: Eigen titel\nkind: nieuws\ndate: 2019-09-01\nparties: [VVD]\n---\n# Motie over iets\n\nDatum: 1 januari 2020. De CU en de PvdA.";
        let doc = parse("a.md", md.as_bytes()).expect("parses");
        assert_eq!(doc.title, "Eigen titel");
        assert_eq!(doc.kind, DocKind::Nieuws);
        assert_eq!(doc.date, chrono::NaiveDate::from_ymd_opt(2019, 9, 1));
        assert_eq!(doc.parties, vec!["VVD".to_string()]);
    }

    #[test]
    fn markdown_without_front_matter_is_inferred() {
        let md = "# Motie Aanpak Mensenhandel\n\nAlmere, 15 maart 2018. Ingediend door CU en PvdA. Motie 23161.001.";
        let doc = parse("a.md", md.as_bytes()).expect("parses");
        assert_eq!(doc.title, "Motie Aanpak Mensenhandel");
        assert_eq!(doc.kind, DocKind::Motie);
        assert_eq!(doc.date, chrono::NaiveDate::from_ymd_opt(2018, 3, 15));
        assert_eq!(doc.council_number.as_deref(), Some("23161.001"));
        assert_eq!(
            doc.parties,
            vec!["ChristenUnie".to_string(), "PvdA".to_string()]
        );
    }

    #[test]
    fn a_page_is_dated_by_the_later_of_its_titles_dd_date_and_its_own() {
        let body = "De fracties spraken lang over het fietspad langs de dijk, over de kosten, de \
            planning, de veiligheid van fietsers en de bereikbaarheid van de boerderijen aan de \
            dijk, en over wat de provincie eraan bijdraagt.";
        let motion = format!(
            "Home | Stukken | Moties\n\nMotie 4 Fietspad langs de dijk bij de molen en de oude sluis d.d. 12 maart 2024\n\n\
             Publicatiedatum: 10-03-2024\n\n{body}"
        );
        let doc = parse("a.txt", motion.as_bytes()).expect("parses");
        assert_eq!(doc.date, chrono::NaiveDate::from_ymd_opt(2024, 3, 12));
        let follow_up = format!(
            "Home | Stukken | Vragen\n\nVoortgang motie 4 Fietspad langs de dijk bij de molen en de oude sluis d.d. 12 maart 2024\n\n\
             Datum: 3 juni 2024\n\n{body}"
        );
        let doc = parse("b.txt", follow_up.as_bytes()).expect("parses");
        assert_eq!(doc.date, chrono::NaiveDate::from_ymd_opt(2024, 6, 3));
    }

    #[test]
    fn sanitizes_scripts_handlers_and_javascript_links() {
        let dirty = r#"<p onclick="evil()">Tekst <a href="javascript:evil()">x</a> <a href="https://almere.nl">ok</a></p><script>evil()</script><iframe src="https://x"></iframe><svg onload="evil()"></svg><img src="https://tracker/x.png">"#;
        let clean = sanitize(dirty);
        for bad in [
            "onclick",
            "javascript:",
            "<script",
            "evil()",
            "<iframe",
            "<svg",
            "<img",
        ] {
            assert!(!clean.contains(bad), "{bad} survived: {clean}");
        }
        assert!(clean.contains(r#"href="https://almere.nl""#));
    }

    #[test]
    fn format_errors_are_specific() {
        assert_eq!(parse("x.md", b""), Err(ImportError::Empty));
        assert!(matches!(
            parse("x.png", b"\x89PNG\r\n\x1a\n...."),
            Err(ImportError::Unsupported(_))
        ));
        assert!(matches!(
            parse("x.pdf", b"gewone tekst"),
            Err(ImportError::Pdf(_))
        ));
        assert!(matches!(
            parse("x.pdf", b"%PDF-1.4\ngarbage garbage"),
            Err(ImportError::Pdf(_))
        ));
        assert!(matches!(
            parse("x.docx", b"PK\x03\x04rest"),
            Err(ImportError::Unsupported(_))
        ));
        assert!(matches!(
            parse("x.xyz", b"tekst"),
            Err(ImportError::Unsupported(_))
        ));
    }

    /// A portal's register entry under the name of its list: the entry's own heading is its
    /// title, its slashed dates are read month first where one can only be read so, and the
    /// kind comes from the list's name.
    #[test]
    fn a_register_entry_is_titled_by_the_heading_above_its_fields() {
        let page = "Moties en amendementen\nOverzicht\n\nMotie 2021-07 Bankjes langs de dijk\nDatum3/18/2021\nStatusAangehouden\nPortefeuillehouderwethouder Kok\nEinddatum9/30/2021\n";
        let doc = parse("x.txt", page.as_bytes()).expect("parses");
        assert_eq!(doc.title, "Motie 2021-07 Bankjes langs de dijk");
        assert_eq!(doc.date, NaiveDate::from_ymd_opt(2021, 3, 18));
        assert_eq!(doc.kind, DocKind::Motie);
        let promise = "Toezeggingen\n\nTerug naar overzicht\n\nSnoeien van de lindebomen\nNummer: T-88\nDatum toezegging: 04-02-2020\nStatus: Open\nOmschrijving: De wethouder zegt toe de bomen voor het broedseizoen te snoeien.\n";
        let doc = parse("x.txt", promise.as_bytes()).expect("parses");
        assert_eq!(doc.title, "Snoeien van de lindebomen");
    }

    /// A letter named by its kind alone above its subject line: the subject is its title, the
    /// kind line its kind (a letter about a motion is no motion).
    #[test]
    fn a_letter_is_titled_by_its_subject_and_kinded_by_its_label() {
        let page = "Raadsinformatiebrief\n\nOnderwerp: Uitvoering motie 2020-03 Meer bankjes\nDatum: 2 juni 2021\nPortefeuillehouder: wethouder Kok\n\nGeachte leden van de raad,\n\nIn maart 2020 heeft u de motie Meer bankjes aangenomen. Daarin vraagt u ons om in 2021 twintig bankjes te plaatsen langs de wandelroutes van de gemeente en u daarover te berichten.\n";
        let doc = parse("x.txt", page.as_bytes()).expect("parses");
        assert_eq!(doc.title, "Uitvoering motie 2020-03 Meer bankjes");
        assert_eq!(doc.kind, DocKind::Raadsinformatiebrief);
        assert_eq!(doc.date, NaiveDate::from_ymd_opt(2021, 6, 2));
    }

    /// A site's news section and a rule of procedure named with the kind are labels, not
    /// titles: the headline and the subject line are.
    #[test]
    fn a_section_or_a_rule_of_procedure_is_no_title() {
        let news = "Nieuws uit de gemeente\n\nNieuwe bankjes in het park\n\nDinsdag 4 april 2023\n\nDe gemeente heeft dinsdag twintig nieuwe bankjes geplaatst in het stadspark, nadat de raad daar vorig jaar om had gevraagd in een motie van bijna alle fracties samen.\n";
        let doc = parse("x.txt", news.as_bytes()).expect("parses");
        assert_eq!(doc.title, "Nieuwe bankjes in het park");
        let questions = "Schriftelijke vragen ex artikel 38 RvO\n\nOnderwerp: Bankjes in het park\n\nGeacht college,\n1. Wanneer komen de bankjes?\n";
        let doc = parse("x.txt", questions.as_bytes()).expect("parses");
        assert_eq!(doc.title, "Bankjes in het park");
        assert_eq!(doc.kind, DocKind::SchriftelijkeVragen);
    }

    /// A motion whose place and date head the page, over its title and a bare "De
    /// gemeenteraad,": the dateline dates it and is never its title.
    #[test]
    fn a_dateline_dates_a_motion_and_is_no_title() {
        let page = "Almelo, 3 oktober 2023\n\nMotie Bankjes bij de bushalte\n\nDe gemeenteraad,\n\nconstaterende dat er geen bankjes staan;\n\nverzoekt het college\n- voor 1 januari 2024 bankjes te plaatsen;\n\nen gaat over tot de orde van de dag.\n";
        let doc = parse("x.txt", page.as_bytes()).expect("parses");
        assert_eq!(doc.title, "Motie Bankjes bij de bushalte");
        assert_eq!(doc.date, NaiveDate::from_ymd_opt(2023, 10, 3));
        assert_eq!(doc.kind, DocKind::Motie);
    }

    /// A proposal's subject line over its sections ("Inleiding" is a section, not a title); a
    /// resolution with no heading but its kind is titled by its kind, not by its opening.
    #[test]
    fn a_proposal_is_titled_by_its_subject_and_a_resolution_by_its_kind() {
        let proposal = "Raadsvoorstel\n\nOnderwerp: Verbouwing van de bibliotheek\nRaadsvergadering: 9 november 2023\n\nVoorgesteld besluit\n1. Een krediet van 2 miljoen euro beschikbaar te stellen.\n\nInleiding\nDe bibliotheek is te klein geworden voor het aantal bezoekers en de activiteiten die er plaatsvinden, en het gebouw voldoet niet meer aan de eisen.\n";
        let doc = parse("x.txt", proposal.as_bytes()).expect("parses");
        assert_eq!(doc.title, "Verbouwing van de bibliotheek");
        assert_eq!(doc.kind, DocKind::Raadsvoorstel);
        let resolution = "Raadsbesluit\n\nDe raad van de gemeente Bosdorp;\n\ngelezen het voorstel van burgemeester en wethouders;\n\nbesluit:\n\neen krediet beschikbaar te stellen.\n";
        let doc = parse("x.txt", resolution.as_bytes()).expect("parses");
        assert_eq!(doc.title, "Raadsbesluit");
        assert_eq!(doc.kind, DocKind::Raadsbesluit);
    }

    /// Prose that quotes what someone said is a report, also without a page around it.
    #[test]
    fn prose_that_quotes_someone_is_a_report() {
        let text = "Volgens de fractie van de SP staan er in het park al jaren te weinig bankjes voor ouderen en mensen die slecht ter been zijn, en de gemeente doet daar te weinig aan. ‘Het is tijd dat er iets gebeurt’, zegt zij.";
        let doc = parse("x.txt", text.as_bytes()).expect("parses");
        assert_eq!(doc.kind, DocKind::Nieuws);
        let plain = "Volgens de fractie van de SP staan er in het park al jaren te weinig bankjes voor ouderen en mensen die slecht ter been zijn, en de gemeente doet daar te weinig aan.";
        let doc = parse("x.txt", plain.as_bytes()).expect("parses");
        assert_eq!(doc.kind, DocKind::Overig);
    }

    /// A headline over its lead, under a section's name, is the title, not the lead; a site's
    /// search and menu links are never the title.
    #[test]
    fn a_headline_over_its_lead_and_never_the_sites_links() {
        let news = "Nieuws\n\nBankjes in het park\nDe raad wil dat ouderen kunnen uitrusten.\n\n04-04-2023\n\nDe gemeenteraad heeft dinsdag een motie aangenomen die het college vraagt om voor de zomer twintig nieuwe bankjes in het stadspark te plaatsen voor ouderen en wandelaars.\n";
        let doc = parse("x.txt", news.as_bytes()).expect("parses");
        assert_eq!(doc.title, "Bankjes in het park");
        let entry = "Zoeken\nMenu\n\nMotie M2023-07 | Bankjes in het park\n\nDatum vergadering: 4 april 2023\nIndieners: CDA\n";
        let doc = parse("x.txt", entry.as_bytes()).expect("parses");
        assert_eq!(doc.title, "Motie M2023-07 | Bankjes in het park");
    }

    /// The States ask the provincial executive without an article, and close in the plural.
    #[test]
    fn a_provinces_motion_is_a_motion() {
        let page = "Fietspaden langs de kust\n\nconstaterende dat de fietspaden smal zijn;\n\nverzoeken Gedeputeerde Staten:\n- de paden voor 2025 te verbreden;\n\nen gaan over tot de orde van de dag.\n";
        let doc = parse("x.txt", page.as_bytes()).expect("parses");
        assert_eq!(doc.kind, DocKind::Motie);
    }

    #[test]
    fn parse_within_gives_up_at_the_time_limit() {
        let big = "# Kop\n\nDe raad besluit over mensenhandel.\n\n".repeat(50_000);
        assert_eq!(
            parse_within("groot.md", big.into_bytes(), Duration::ZERO),
            Err(ImportError::TimedOut { limit_ms: 0 })
        );
        let doc = parse_within("klein.md", b"# Kop\n\nTekst.".to_vec(), DEFAULT_TIME_LIMIT)
            .expect("parses");
        assert_eq!(doc.title, "Kop");
        assert_eq!(
            ImportError::TimedOut { limit_ms: 30_000 }.to_string(),
            "reading the file took longer than the time limit of 30 s; it was skipped"
        );
        assert_eq!(
            ImportError::TimedOut { limit_ms: 1_500 }.to_string(),
            "reading the file took longer than the time limit of 1.5 s; it was skipped"
        );
    }

    /// A reader past its deadline stops at its next check, in each format: nothing of the
    /// file is read after it (the thread is free again), and a file within its time is read
    /// whole, with checks all through it.
    #[test]
    fn a_reader_past_its_deadline_stops_at_its_next_check() {
        let formats =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/formats");
        let pdf = std::fs::read(formats.join("antwoorden-mensenhandel.pdf")).expect("pdf");
        let html = std::fs::read(formats.join("nieuwsbericht-almere.html")).expect("html");
        let markdown = "# Kop\n\nDe raad besluit over de speeltuinen.\n\n".repeat(2_000);
        let text = "De wethouder zegt toe dat het plan er in mei komt.\n\n".repeat(2_000);
        let files: [(&str, &[u8]); 4] = [
            ("groot.md", markdown.as_bytes()),
            ("groot.txt", text.as_bytes()),
            ("nieuws.html", &html),
            ("antwoorden.pdf", &pdf),
        ];
        for (name, bytes) in files {
            let before = budget::checks_made();
            let late = budget::within(Duration::ZERO, || parse(name, bytes));
            assert_eq!(
                late.map(|_| ()),
                Err(ImportError::TimedOut { limit_ms: 0 }),
                "{name}"
            );
            assert_eq!(
                budget::checks_made() - before,
                1,
                "{name}: stopped at the first check"
            );
            let before = budget::checks_made();
            let read = budget::within(DEFAULT_TIME_LIMIT, || parse(name, bytes));
            assert!(read.is_ok(), "{name}: {read:?}");
            assert!(
                budget::checks_made() - before > 10,
                "{name}: checked as it reads"
            );
        }
    }

    #[test]
    fn panics_are_named() {
        let caught = std::panic::catch_unwind(|| panic!("kapot {}", 1)).expect_err("panics");
        assert_eq!(panic_message(&*caught), "kapot 1");
    }

    #[test]
    fn tidies_text() {
        assert_eq!(tidy_text("  a   b \r\n\r\n\r\n c\n d  "), "a b\n\nc\nd");
    }
}
