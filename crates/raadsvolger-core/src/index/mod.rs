//! The tantivy index: derived from the store, rebuildable at any time.
//!
//! One writer (created on the first write, so read-only sessions such as a CLI search while the
//! app is open never take the writer lock), one reader, a searcher per request. Updates are
//! delete-by-id plus add. Each commit carries a payload with the schema version and the store
//! generation it has caught up with; [`SearchIndex::open`] reports that, and the archive
//! replays or rebuilds when it is behind or foreign.

pub mod analysis;
mod exclude;
mod highlight;
pub mod lexicon;
pub mod query;
mod search;

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use chrono::Datelike;
use tantivy::schema::{
    FAST, INDEXED, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

pub use search::{
    Facet, FacetCount, Facets, Matching, RankedIds, SearchHit, SearchOptions, SearchRequest,
    SearchResults, SortOrder, Tally,
};

use crate::error::{Error, Result};
use crate::model::{DocId, Document};
use lexicon::Lexicon;

impl SearchIndex {
    /// The snippet of hit `nth` of `raw`, whose body is `text`: a long text is read only
    /// around the positions the index holds for the query's terms in it (see
    /// [`highlight::snippet_near`]), unless the query matches what no term names (a prefix, a
    /// typo), which only reading the whole text finds.
    pub(crate) fn hit_snippet(
        &self,
        raw: &search::RawResults,
        nth: usize,
        text: &str,
        chars: usize,
    ) -> Result<highlight::Snippet> {
        let matcher = &raw.matcher;
        let address = raw.addresses.get(nth);
        match address {
            Some(&address) if !matcher.needs_scan && text.len() > highlight::READ_WHOLE_BYTES => {
                let mut positions = self.body_positions(&raw.searcher, address, matcher)?;
                Ok(highlight::snippet_near(
                    text,
                    &mut positions,
                    matcher,
                    chars,
                ))
            }
            _ => Ok(highlight::snippet(text, matcher, chars)),
        }
    }

    /// The positions in the body of `address` of the matcher's terms, each with its query word.
    fn body_positions(
        &self,
        searcher: &tantivy::Searcher,
        address: tantivy::DocAddress,
        matcher: &highlight::Matcher,
    ) -> Result<Vec<(u32, u16)>> {
        use tantivy::DocSet;
        use tantivy::postings::Postings;
        let segment = searcher.segment_reader(address.segment_ord);
        let inverted = segment.inverted_index(self.fields.body)?;
        let mut out = Vec::new();
        let mut buffer = Vec::new();
        for (text, group) in &matcher.near_terms {
            let term = tantivy::Term::from_field_text(self.fields.body, text);
            let Some(mut postings) = inverted
                .read_postings(
                    &term,
                    tantivy::schema::IndexRecordOption::WithFreqsAndPositions,
                )
                .map_err(|e| Error::Index(e.into()))?
            else {
                continue;
            };
            // `seek` wants a target at or past where the postings stand.
            let at = match postings.doc() {
                doc if doc >= address.doc_id => doc,
                _ => postings.seek(address.doc_id),
            };
            if at == address.doc_id {
                postings.positions(&mut buffer);
                out.extend(buffer.iter().map(|p| (*p, *group)));
            }
        }
        Ok(out)
    }
}

/// The folder of the index inside an archive folder.
pub const INDEX_DIR: &str = "index";

/// Bump when the schema or the analysis changes: an index with another version is rebuilt.
/// (A new word list or stemmer needs no bump: see [`analysis_fingerprint`].)
pub const INDEX_VERSION: u32 = 4;

/// What the index's analysis depends on: this version, the stemmer's and the word list's. An
/// index stamped with another fingerprint is rebuilt on open, so that an upgraded stemmer or a
/// changed word list never leaves documents indexed one way and queried another.
pub fn analysis_fingerprint(lexicon: &Lexicon) -> String {
    format!(
        "index {INDEX_VERSION}; {}; word list {}",
        analysis::STEMMER,
        lexicon.fingerprint()
    )
}

/// tantivy's log merge policy, merging as soon as four segments of a size are there (its
/// default waits for eight). Every segment costs each query a dictionary lookup per clause, and
/// a Dutch query word has up to six (three terms in the title and the body); an import that
/// commits every few seconds
/// leaves many small segments behind.
fn merge_policy() -> tantivy::indexer::LogMergePolicy {
    let mut policy = tantivy::indexer::LogMergePolicy::default();
    policy.set_min_num_segments(MERGE_MIN_SEGMENTS);
    policy
}

const MERGE_MIN_SEGMENTS: usize = 4;

/// Segments under this many documents are joined at the end of an import.
const SMALL_SEGMENT_DOCS: u32 = 20_000;

/// The memory budget of the writer that only removes files (tantivy's least).
const GC_WRITER_MEMORY: usize = 15_000_000;

/// How often the removal of replaced files is tried while the reader is in its way.
const GC_ATTEMPTS: u32 = 25;

/// Writer memory budget per thread.
const WRITER_MEMORY_PER_THREAD: usize = 48 * 1024 * 1024;

#[derive(Clone, Copy)]
pub(crate) struct Fields {
    pub id: tantivy::schema::Field,
    /// The title's words with their stems and compound parts stacked (see [`analysis`]).
    pub title: tantivy::schema::Field,
    /// The same for the text.
    pub body: tantivy::schema::Field,
    pub body_pairs: tantivy::schema::Field,
    pub kind: tantivy::schema::Field,
    pub party: tantivy::schema::Field,
    pub year: tantivy::schema::Field,
    pub day: tantivy::schema::Field,
}

fn text_field(tokenizer: &str, positions: bool) -> TextOptions {
    let option = if positions {
        IndexRecordOption::WithFreqsAndPositions
    } else {
        IndexRecordOption::WithFreqs
    };
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(option),
    )
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        id: b.add_u64_field("id", INDEXED | FAST),
        title: b.add_text_field("title", text_field(analysis::STACKED, true)),
        body: b.add_text_field("body", text_field(analysis::STACKED, true)),
        body_pairs: b.add_text_field("body_pairs", text_field(analysis::PAIRS, true)),
        kind: b.add_text_field("kind", STRING | FAST),
        party: b.add_text_field("party", STRING | FAST),
        year: b.add_u64_field("year", INDEXED | FAST),
        day: b.add_i64_field("day", INDEXED | FAST),
    };
    (b.build(), fields)
}

/// Days since 0001-01-01 (chrono's "days from CE"), the sortable date of a document.
pub(crate) fn day_number(date: chrono::NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce())
}

/// What the commit payload says.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Payload {
    version: u32,
    generation: u64,
    /// [`analysis_fingerprint`] of the analysis the index was built with.
    #[serde(default)]
    analysis: String,
}

/// The state of the index found on disk at open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexState {
    /// Created empty just now (there was none, or it could not be used: see `reason`).
    Created { reason: Option<String> },
    /// An index of this version that has caught up with this store generation.
    AtGeneration(u64),
}

/// A writer of `index`, waiting out a lock file that is busy for a moment only. The archive's
/// own write lock already keeps every other writer out, so a busy index lock is a copy of the
/// lock file's descriptor that a child process got when another thread started it, held until
/// that child executes its program (tantivy's lock is `flock`, which such a copy shares); it
/// was seen once in a test binary whose other tests start the CLI. A lock still busy after
/// [`WRITER_LOCK_WAIT`] is an error.
fn open_writer(
    index: &Index,
    threads: usize,
    memory: usize,
) -> tantivy::Result<IndexWriter<TantivyDocument>> {
    let started = std::time::Instant::now();
    loop {
        match index.writer_with_num_threads(threads, memory) {
            Err(tantivy::TantivyError::LockFailure(
                tantivy::directory::error::LockError::LockBusy,
                _,
            )) if started.elapsed() < WRITER_LOCK_WAIT => {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            other => return other,
        }
    }
}

/// How long a busy index lock is waited for (see [`open_writer`]).
const WRITER_LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    writer: Mutex<Option<IndexWriter<TantivyDocument>>>,
    /// Whether the open writer committed or merged, so that closing it may leave replaced
    /// segment files behind.
    replaced_files: AtomicBool,
    lexicon: Arc<Lexicon>,
    fingerprint: String,
}

impl SearchIndex {
    /// Opens the index in `dir`, or creates an empty one when it is missing, unreadable, of
    /// another version or built with another analysis (the caller then rebuilds it from the
    /// store). Compounds are split with the system's Dutch word list.
    pub fn open(dir: &Path) -> Result<(SearchIndex, IndexState)> {
        Self::open_with(dir, Lexicon::system())
    }

    /// [`SearchIndex::open`] with compounds split by `lexicon`.
    pub fn open_with(dir: &Path, lexicon: Arc<Lexicon>) -> Result<(SearchIndex, IndexState)> {
        let (schema, fields) = schema();
        let fingerprint = analysis_fingerprint(&lexicon);
        let existing = if dir.join("meta.json").exists() {
            match Self::try_open_existing(dir, &schema, &fingerprint) {
                Ok(found) => Ok(found),
                Err(reason) => Err(Some(reason)),
            }
        } else {
            Err(None)
        };
        let (index, state) = match existing {
            Ok((index, generation)) => (index, IndexState::AtGeneration(generation)),
            Err(reason) => {
                if dir.exists() {
                    std::fs::remove_dir_all(dir)
                        .map_err(|e| Error::io(format!("cannot clear {}", dir.display()), e))?;
                }
                std::fs::create_dir_all(dir)
                    .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
                let index = Index::create_in_dir(dir, schema)?;
                (index, IndexState::Created { reason })
            }
        };
        analysis::register(&index, lexicon.clone());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok((
            SearchIndex {
                index,
                reader,
                fields,
                writer: Mutex::new(None),
                replaced_files: AtomicBool::new(false),
                lexicon,
                fingerprint,
            },
            state,
        ))
    }

    fn try_open_existing(
        dir: &Path,
        schema: &Schema,
        fingerprint: &str,
    ) -> std::result::Result<(Index, u64), String> {
        let index = Index::open_in_dir(dir).map_err(|e| format!("unreadable ({e})"))?;
        if index.schema() != *schema {
            return Err("built with another schema".into());
        }
        let metas = index
            .load_metas()
            .map_err(|e| format!("unreadable ({e})"))?;
        let payload: Option<Payload> = metas
            .payload
            .as_deref()
            .and_then(|p| serde_json::from_str(p).ok());
        match payload {
            Some(p) if p.version == INDEX_VERSION && p.analysis == fingerprint => {
                Ok((index, p.generation))
            }
            Some(p) if p.version == INDEX_VERSION => Err(format!(
                "built with another analysis ({}; this build uses {fingerprint})",
                p.analysis
            )),
            Some(p) => Err(format!(
                "index version {} (this build uses {INDEX_VERSION})",
                p.version
            )),
            None if metas.segments.is_empty() => Ok((index, 0)),
            None => Err("no generation stamp".into()),
        }
    }

    fn with_writer<T>(
        &self,
        f: impl FnOnce(&mut IndexWriter<TantivyDocument>) -> Result<T>,
    ) -> Result<T> {
        // After a panic mid-write the writer was dropped (`discard_writer`); a poisoned lock
        // holds nothing else.
        let mut guard = self
            .writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if guard.is_none() {
            let threads = std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
                .clamp(1, 2);
            // Made on a thread of its own in the background, so that tantivy's indexing and
            // merging threads, which it starts, inherit the lower priority.
            let index = self.index.clone();
            let writer = std::thread::scope(|scope| {
                scope
                    .spawn(move || {
                        crate::threads::into_background();
                        open_writer(&index, threads, threads * WRITER_MEMORY_PER_THREAD)
                    })
                    .join()
                    .map_err(|_| Error::InvalidInput("the index writer could not start".into()))
            })??;
            writer.set_merge_policy(Box::new(merge_policy()));
            *guard = Some(writer);
        }
        match guard.as_mut() {
            Some(w) => f(w),
            None => Err(Error::InvalidInput("index writer unavailable".into())),
        }
    }

    /// Adds or replaces a document (not visible until [`SearchIndex::commit`]).
    pub fn upsert(&self, doc: &Document) -> Result<()> {
        let tdoc = self.to_tantivy(doc);
        let fields = self.fields;
        self.with_writer(|w| {
            w.delete_term(Term::from_field_u64(fields.id, doc.id as u64));
            w.add_document(tdoc)?;
            Ok(())
        })
    }

    /// Adds a document the index cannot hold yet: one just stored under a new id, or one of a
    /// rebuild after [`SearchIndex::clear`]. Cheaper than [`SearchIndex::upsert`], which also
    /// has every segment looked up for an older copy at the next commit.
    pub fn add(&self, doc: &Document) -> Result<()> {
        let tdoc = self.to_tantivy(doc);
        self.with_writer(|w| {
            w.add_document(tdoc)?;
            Ok(())
        })
    }

    /// Removes a document (not visible until [`SearchIndex::commit`]).
    pub fn delete(&self, id: DocId) -> Result<()> {
        let fields = self.fields;
        self.with_writer(|w| {
            w.delete_term(Term::from_field_u64(fields.id, id as u64));
            Ok(())
        })
    }

    /// Removes every document (before a rebuild).
    pub fn clear(&self) -> Result<()> {
        self.with_writer(|w| {
            w.delete_all_documents()?;
            Ok(())
        })
    }

    /// Commits, stamping the index with the store generation it now reflects, and makes the
    /// changes visible to searches.
    pub fn commit(&self, generation: u64) -> Result<()> {
        let payload = serde_json::to_string(&Payload {
            version: INDEX_VERSION,
            generation,
            analysis: self.fingerprint.clone(),
        })?;
        self.with_writer(|w| {
            let mut prepared = w.prepare_commit()?;
            prepared.set_payload(&payload);
            prepared.commit()?;
            Ok(())
        })?;
        // A commit may start the merge policy's merges.
        self.replaced_files.store(true, Ordering::Relaxed);
        self.reader.reload()?;
        Ok(())
    }

    /// Drops uncommitted changes.
    pub fn rollback(&self) -> Result<()> {
        self.with_writer(|w| {
            w.rollback()?;
            Ok(())
        })
    }

    /// The segments searchable now (to tell, after a write, which ones it made).
    pub fn segment_ids(&self) -> Result<Vec<tantivy::index::SegmentId>> {
        Ok(self
            .index
            .searchable_segment_metas()?
            .iter()
            .map(|m| m.id())
            .collect())
    }

    /// Joins the small segments an import left behind (those not in `before`) into one, so
    /// that the next searches do not pay a lookup per segment for each of their clauses.
    /// Segments that were there before, and any of [`SMALL_SEGMENT_DOCS`] documents or more,
    /// are left to the merge policy, so the work stays in proportion to what was just imported
    /// (importing one file never rewrites the archive's index). Best effort: a segment that a
    /// background merge holds makes tantivy refuse, and that merge will do.
    pub fn join_small_segments(&self, before: &[tantivy::index::SegmentId]) -> Result<()> {
        let small: Vec<tantivy::index::SegmentId> = self
            .index
            .searchable_segment_metas()?
            .into_iter()
            .filter(|m| m.num_docs() < SMALL_SEGMENT_DOCS && !before.contains(&m.id()))
            .map(|m| m.id())
            .collect();
        if small.len() < 2 {
            return Ok(());
        }
        self.with_writer(|w| {
            if let Err(e) = w.merge(&small).wait() {
                tracing::debug!(error = %e, "small segments not joined now");
            }
            self.replaced_files.store(true, Ordering::Relaxed);
            Ok(())
        })
    }

    /// Drops the writer with what it holds uncommitted (after a write that panicked): the
    /// index stays at its last commit, and the next write opens a new writer.
    pub fn discard_writer(&self) {
        let writer = self
            .writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        if let Some(mut w) = writer {
            if let Err(e) = w.rollback() {
                tracing::warn!("the index writer could not roll back: {e}");
            }
        }
        self.writer.clear_poison();
    }

    /// Waits for background merges to finish and releases the writer lock.
    pub fn close_writer(&self) -> Result<()> {
        let writer = self
            .writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        if let Some(w) = writer {
            // A crash while merges run: tantivy keeps its last commit and drops the unfinished
            // segments on the next open.
            fail_at!("index-mid-merge");
            w.wait_merging_threads()?;
            if self.replaced_files.swap(false, Ordering::Relaxed) {
                self.remove_replaced_files()?;
            }
        }
        Ok(())
    }

    /// Removes the files of segments that merges replaced. The merges ended while the reader
    /// still held those segments, so tantivy kept their files (an import of 10,000 documents
    /// left three times the index on disk). With the reader on the merged segments, they can
    /// go. The reader's own reload on the merge's meta file may stand in the way for a moment:
    /// it holds the meta lock while it reads, and one that started before the merge ended
    /// holds the old segments until it is done (and may then put them back). So the reader is
    /// reloaded and the files collected again while some are left (at most [`GC_ATTEMPTS`]
    /// times, 20 ms apart). A search of the window that holds old segments longer keeps their
    /// files until the next write's collection.
    fn remove_replaced_files(&self) -> Result<()> {
        let gc = open_writer(&self.index, 1, GC_WRITER_MEMORY)?;
        for attempt in 1..=GC_ATTEMPTS {
            self.reader.reload()?;
            let collected = gc.garbage_collect_files().wait();
            match collected {
                Ok(_) if self.replaced_files_left()? == 0 => break,
                Err(e) if attempt == GC_ATTEMPTS => {
                    tracing::debug!(error = %e, "old index files not removed now");
                }
                _ => std::thread::sleep(std::time::Duration::from_millis(20)),
            }
        }
        Ok(())
    }

    /// How many of the index's files belong to no segment of its last commit.
    fn replaced_files_left(&self) -> Result<usize> {
        let live: std::collections::HashSet<String> = self
            .segment_ids()?
            .iter()
            .map(|s| s.uuid_string())
            .collect();
        Ok(self
            .index
            .directory()
            .list_managed_files()
            .iter()
            .filter_map(|p| {
                p.file_name()?
                    .to_str()?
                    .split_once('.')
                    .map(|(stem, _)| stem.to_owned())
            })
            .filter(|stem| stem.len() == 32 && !live.contains(stem))
            .count())
    }

    /// The number of documents searchable now.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The ids of every indexed document, sorted (for consistency checks).
    pub fn all_ids(&self) -> Result<Vec<DocId>> {
        let searcher = self.reader.searcher();
        let mut ids = Vec::new();
        for segment in searcher.segment_readers() {
            let column = segment.fast_fields().u64("id")?;
            let alive = segment.alive_bitset();
            for doc in 0..segment.max_doc() {
                if alive.is_some_and(|a| !a.is_alive(doc)) {
                    continue;
                }
                if let Some(id) = column.first(doc) {
                    ids.push(id as DocId);
                }
            }
        }
        ids.sort_unstable();
        Ok(ids)
    }

    /// Size of the index folder on disk, in bytes.
    pub fn size_on_disk(dir: &Path) -> u64 {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok()?.metadata().ok())
                    .filter(|m| m.is_file())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    }

    fn to_tantivy(&self, doc: &Document) -> TantivyDocument {
        let f = self.fields;
        let mut t = TantivyDocument::default();
        t.add_u64(f.id, doc.id as u64);
        t.add_text(f.title, &doc.title);
        t.add_text(f.body, &doc.body_text);
        t.add_text(f.body_pairs, &doc.body_text);
        t.add_text(f.kind, doc.kind.as_str());
        for party in &doc.parties {
            t.add_text(f.party, party);
        }
        if let Some(date) = doc.date {
            t.add_u64(f.year, date.year().max(0) as u64);
            t.add_i64(f.day, day_number(date));
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocKind, SourceFormat};

    fn doc(id: DocId, body: &str) -> Document {
        Document {
            id,
            kind: DocKind::Overig,
            title: format!("doc {id}"),
            date: None,
            council_number: None,
            body_text: body.into(),
            body_html: String::new(),
            parties: Vec::new(),
            source_path: None,
            format: SourceFormat::Markdown,
            content_hash: format!("{id}"),
            imported_at: String::new(),
            pages: Vec::new(),
            meta: Default::default(),
        }
    }

    fn found(index: &SearchIndex, query: &str) -> Vec<DocId> {
        let raw = index
            .search_raw(&search::SearchRequest::new(query))
            .expect("search");
        raw.hits.into_iter().map(|(id, _)| id).collect()
    }

    /// A lock file that is busy for a moment (another descriptor of it holds the `flock`, as a
    /// child process's copy does until it executes its program) is waited out; one busy for
    /// longer than the wait is an error.
    #[test]
    fn a_writer_waits_out_a_lock_busy_for_a_moment() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("index");
        let (index, _) = SearchIndex::open(&path).expect("open");
        let lock = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(path.join(".tantivy-writer.lock"))
            .expect("lock file");
        lock.lock().expect("held by another descriptor");
        let released = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(300));
            drop(lock);
        });
        let started = std::time::Instant::now();
        index
            .add(&doc(1, "Verslag over de speeltuin."))
            .expect("waits for the lock");
        assert!(started.elapsed() >= std::time::Duration::from_millis(250));
        index.commit(1).expect("commit");
        index.close_writer().expect("close");
        released.join().expect("released");

        let held = std::fs::OpenOptions::new()
            .write(true)
            .open(path.join(".tantivy-writer.lock"))
            .expect("lock file");
        held.lock().expect("held for good");
        let err = index
            .add(&doc(2, "Nog een verslag."))
            .expect_err("busy too long");
        assert!(err.to_string().contains("lock"), "{err}");
    }

    /// Merged segments leave no files behind once the writer is closed, though a search held
    /// the old segments while the merge ran.
    #[test]
    fn closing_the_writer_removes_what_merges_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("index");
        let (index, _) = SearchIndex::open(&path).expect("open");
        let before = index.segment_ids().expect("segments");
        let mut id = 0;
        for batch in 0..6 {
            for _ in 0..20 {
                id += 1;
                index
                    .add(&doc(
                        id,
                        &format!("Verslag {batch} over het wijkbudget en de speeltuin."),
                    ))
                    .expect("add");
            }
            index.commit(batch + 1).expect("commit");
            assert!(!found(&index, "wijkbudget").is_empty());
        }
        index.join_small_segments(&before).expect("join");
        index.close_writer().expect("close");
        let live: std::collections::HashSet<String> = index
            .segment_ids()
            .expect("segments")
            .iter()
            .map(|s| s.uuid_string())
            .collect();
        let on_disk: std::collections::HashSet<String> = std::fs::read_dir(&path)
            .expect("index folder")
            .filter_map(|e| {
                let name = e.ok()?.file_name().to_string_lossy().into_owned();
                let (stem, _) = name.split_once('.')?;
                (stem.len() == 32).then(|| stem.to_owned())
            })
            .collect();
        assert_eq!(on_disk, live, "only the live segments' files are left");
        let all = index
            .search_raw(&search::SearchRequest::new("wijkbudget"))
            .expect("search");
        assert_eq!(all.total, 120);
    }

    /// An index built with one word list is rebuilt when opened with another, or without one:
    /// its compound parts would otherwise silently miss (or find) what the new analysis finds.
    #[test]
    fn another_analysis_rebuilds_the_index() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("index");
        let list = || Arc::new(Lexicon::from_dic(lexicon::TEST_LIST));
        let other = Arc::new(Lexicon::from_dic(&format!("{}extra\n", lexicon::TEST_LIST)));
        {
            let (index, state) = SearchIndex::open_with(&path, list()).expect("open");
            assert_eq!(state, IndexState::Created { reason: None });
            index
                .add(&doc(1, "Het mensenhandelbeleid van de stad."))
                .expect("add");
            index.commit(7).expect("commit");
            assert_eq!(found(&index, "beleid"), [1], "a part of a compound");
            assert_eq!(found(&index, "mensenhandel"), [1], "its head");
            index.close_writer().expect("close");
        }
        {
            let (_index, state) = SearchIndex::open_with(&path, list()).expect("reopen");
            assert_eq!(state, IndexState::AtGeneration(7), "same analysis: kept");
        }
        for changed in [other, Arc::new(Lexicon::empty())] {
            let (index, state) = SearchIndex::open_with(&path, changed).expect("reopen");
            match state {
                IndexState::Created { reason: Some(r) } => {
                    assert!(r.contains("another analysis"), "{r}")
                }
                s => panic!("not rebuilt: {s:?}"),
            }
            assert_eq!(
                index.num_docs(),
                0,
                "emptied for the rebuild from the store"
            );
            index.commit(0).expect("commit");
            index.close_writer().expect("close");
        }
        assert_ne!(
            analysis_fingerprint(&list()),
            analysis_fingerprint(&Lexicon::empty())
        );
        assert!(analysis_fingerprint(&list()).contains(analysis::STEMMER));
        assert!(analysis_fingerprint(&list()).contains(&format!("index {INDEX_VERSION};")));
    }

    /// A new index in a temporary folder, compounds split by the test list.
    fn test_index() -> (tempfile::TempDir, SearchIndex) {
        let dir = tempfile::tempdir().expect("tempdir");
        let lex = Arc::new(Lexicon::from_dic(lexicon::TEST_LIST));
        let (index, _) = SearchIndex::open_with(&dir.path().join("index"), lex).expect("open");
        (dir, index)
    }

    /// A query word is at most three term lookups in each of the title and the body (the word,
    /// its stem, its stem as a compound's part), and no automaton.
    #[test]
    fn a_word_is_three_term_lookups_per_field() {
        let (_dir, index) = test_index();
        let terms = |query: &str| {
            let (parsed, _) = search::prepare(&search::SearchRequest::new(query)).expect("parse");
            let (q, _, _) = index
                .compile(&parsed, Matching::Dutch, false)
                .expect("compile");
            let mut out: Vec<(String, String)> = Vec::new();
            q.query_terms(&mut |term, _| {
                let field = index.index.schema().get_field_name(term.field()).to_owned();
                let text = term.value().as_str().unwrap_or_default().to_owned();
                out.push((field, text));
            });
            out.sort();
            out
        };
        let motie = terms("moties");
        let want: Vec<(String, String)> = ["body", "title"]
            .iter()
            .flat_map(|f| ["moties", "+motie", "~motie"].map(|t| (f.to_string(), t.to_string())))
            .collect();
        let mut want = want;
        want.sort();
        assert_eq!(motie, want);
        // A common word has no forms to join: the word alone.
        assert_eq!(terms("voor").len(), 2);
        // A short word is no compound's part: word and stem.
        assert_eq!(terms("wet").len(), 4);
    }

    /// Typo tolerance looks at the words alone: a Levenshtein automaton would reach a stem
    /// token by one edit of its mark ("xbesluit" -> "~besluit").
    #[test]
    fn typos_are_matched_against_words_not_stems() {
        let (_dir, index) = test_index();
        index
            .add(&doc(1, "De besluiten van de raad."))
            .expect("add");
        index.add(&doc(2, "Het besluit valt.")).expect("add");
        index.commit(1).expect("commit");
        let raw = index
            .search_raw(&search::SearchRequest::new("xbesluit"))
            .expect("search");
        assert!(raw.fuzzy, "found through a typo");
        let ids: Vec<DocId> = raw.hits.iter().map(|h| h.0).collect();
        assert_eq!(ids, [2], "besluit is one edit away, besluiten three");
        assert_eq!(raw.suggestion.as_deref(), Some("besluit"));
        assert_eq!(found(&index, "xbesluiten"), [1]);
        assert_eq!(found(&index, "besluiten"), [1, 2], "stems join the forms");
        index.close_writer().expect("close");
    }

    /// Phrases run over the words' positions; the tokens stacked on a word share its position.
    #[test]
    fn phrases_see_through_the_stacked_tokens() {
        let (_dir, index) = test_index();
        index
            .add(&doc(
                1,
                "Het rondetafelgesprek over mensenhandelbeleid volgt.",
            ))
            .expect("add");
        index.commit(1).expect("commit");
        assert_eq!(
            found(&index, "\"rondetafelgesprek over mensenhandelbeleid\""),
            [1]
        );
        assert_eq!(found(&index, "\"het rondetafelgesprek\""), [1]);
        assert!(found(&index, "\"over rondetafelgesprek\"").is_empty());
        // A stem or a part is no word of a phrase.
        assert!(found(&index, "\"rondetafelgesprek over beleid\"").is_empty());
        index.close_writer().expect("close");
    }

    /// A stamp without a fingerprint (as before there were fingerprints) makes a rebuild too.
    #[test]
    fn an_index_without_a_fingerprint_is_rebuilt() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("index");
        let lex = || Arc::new(Lexicon::from_dic(lexicon::TEST_LIST));
        {
            let (index, _) = SearchIndex::open_with(&path, lex()).expect("open");
            index.add(&doc(1, "motie")).expect("add");
            let payload = format!(r#"{{"version":{INDEX_VERSION},"generation":4}}"#);
            index
                .with_writer(|w| {
                    let mut prepared = w.prepare_commit()?;
                    prepared.set_payload(&payload);
                    prepared.commit()?;
                    Ok(())
                })
                .expect("commit");
            index.close_writer().expect("close");
        }
        let (_index, state) = SearchIndex::open_with(&path, lex()).expect("reopen");
        assert!(
            matches!(state, IndexState::Created { reason: Some(_) }),
            "{state:?}"
        );
    }
}
