//! # raadsvolger-bench
//!
//! Measures Raadsvolger's import and search at 10k, 100k and 1M generated council documents,
//! side by side with SQLite FTS5 in the same process on the same documents and queries (see
//! `docs/benchmarks.md` for the method and the figures).
//!
//! A tier runs in four steps, each a function here:
//! 1. [`import_corpus`]: generate the corpus in chunks of Markdown files and import them
//!    through [`Archive::import_paths`], the path the CLI and the app use.
//! 2. [`Fts::load`]: load the FTS5 peer from the archive's rows.
//! 3. [`search_tier`]: the fixed query set against both engines, warm and right after open,
//!    with a parity check of hit counts on the unstemmed configuration.
//! 4. [`floor`] and [`extraction`]: a memchr scan of the raw text and commitment extraction.
//!
//! The binary runs steps 1 and 2 in child processes so each reports its own peak memory.

pub mod corpus;
pub mod fts;
pub mod measure;
pub mod plot;
pub mod queries;
pub mod report;
pub mod rng;
pub mod vocab;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use raadsvolger_core::import::{ImportOptions, NoProgress};
use raadsvolger_core::{Archive, Matching, SearchOptions, SearchRequest, Tally};

use corpus::Generator;
pub use fts::{Fts, LoadStats};
use measure::{Latency, timed};
use queries::{Class, Query};

/// Documents written to disk and imported at a time (keeps the corpus on disk small at 1M).
pub const CHUNK_DOCS: u64 = 25_000;

/// A tier by its name: `10k`, `100k`, `1m`, or a plain number.
pub fn parse_tier(s: &str) -> Result<u64> {
    let lower = s.trim().to_ascii_lowercase();
    let (digits, scale) = if let Some(d) = lower.strip_suffix('k') {
        (d, 1_000)
    } else if let Some(d) = lower.strip_suffix('m') {
        (d, 1_000_000)
    } else {
        (lower.as_str(), 1)
    };
    let n: u64 = digits
        .parse()
        .with_context(|| format!("{s:?} is not a tier such as 10k, 100k or 1m"))?;
    Ok(n * scale)
}

/// A tier's name (`10k`, `1M`).
pub fn tier_name(docs: u64) -> String {
    if docs >= 1_000_000 && docs.is_multiple_of(1_000_000) {
        format!("{}M", docs / 1_000_000)
    } else if docs >= 1_000 && docs.is_multiple_of(1_000) {
        format!("{}k", docs / 1_000)
    } else {
        docs.to_string()
    }
}

/// What the import of a tier cost.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ImportStats {
    pub documents: u64,
    pub imported: u64,
    pub failed: u64,
    /// Bytes of Markdown read.
    pub bytes: u64,
    /// BLAKE3 over every document's name and text, in order.
    pub checksum: String,
    pub generate_seconds: f64,
    /// Wall time inside `import_paths` (read, parse, extract, SQLite, index, commits).
    pub import_seconds: f64,
    /// Waiting for the index's background merges at close.
    pub merge_seconds: f64,
    pub database_bytes: u64,
    pub index_bytes: u64,
    pub corpus_bytes_by_kind: BTreeMap<String, (u64, u64)>,
    /// `VmHWM`: includes the index files mapped into memory.
    pub peak_rss_bytes: u64,
    /// The peak of the heap alone (`RssAnon`, sampled every 50 ms).
    pub peak_anon_bytes: u64,
    pub failures: Vec<String>,
    /// The app's whole search ([`Archive::search`]), asked every [`PROBE_EVERY`] from another
    /// thread while the import writes: what a window waits for meanwhile.
    pub search_during_import: Latency,
}

/// How long the probe waits between searches while an import runs, at least; after a search
/// that took longer than a third of it, three times that search's time, so that the probe
/// never takes more than a quarter of a core from the import (a common word at 1M documents
/// takes a few hundred milliseconds, and a person does not search without pause for an hour).
pub const PROBE_EVERY: std::time::Duration = std::time::Duration::from_millis(250);

/// What the probe asks, in turn: a common word, two words, a phrase of common words, a filter.
const PROBES: [&str; 4] = [
    "gemeente",
    "woningen subsidie",
    "\"voor de zomer\"",
    "armoede kind:motie",
];

/// Runs `work` while another thread searches `archive` every [`PROBE_EVERY`]; returns what
/// `work` returned and the probe's latencies in milliseconds.
fn probing<T>(archive: &Archive, work: impl FnOnce() -> T) -> (T, Vec<f64>) {
    let done = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        let probe = scope.spawn(|| {
            let mut ms = Vec::new();
            let mut n = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                let request = SearchRequest::new(PROBES[n % PROBES.len()]);
                let (result, took) = timed(|| archive.search(&request));
                if result.is_ok() {
                    ms.push(took);
                }
                n += 1;
                std::thread::sleep(
                    PROBE_EVERY.max(std::time::Duration::from_secs_f64(3.0 * took / 1000.0)),
                );
            }
            ms
        });
        let out = work();
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        (out, probe.join().unwrap_or_default())
    })
}

impl ImportStats {
    /// Adds a document to the corpus figures and the checksum.
    pub fn count(&mut self, checksum: &mut blake3::Hasher, doc: &corpus::Doc) {
        checksum.update(doc.name.as_bytes());
        checksum.update(doc.text.as_bytes());
        self.bytes += doc.text.len() as u64;
        let e = self
            .corpus_bytes_by_kind
            .entry(doc.kind.key().to_owned())
            .or_default();
        e.0 += 1;
        e.1 += doc.text.len() as u64;
    }

    pub fn docs_per_second(&self) -> f64 {
        self.imported as f64 / (self.import_seconds + self.merge_seconds).max(1e-9)
    }
    pub fn mb_per_second(&self) -> f64 {
        self.bytes as f64 / 1e6 / (self.import_seconds + self.merge_seconds).max(1e-9)
    }
}

/// Generates `docs` documents in chunks under `corpus_dir` and imports each chunk into the
/// archive at `archive_dir` (which must not exist yet). Chunks are deleted once imported.
pub fn import_corpus(
    docs: u64,
    seed: u64,
    archive_dir: &Path,
    corpus_dir: &Path,
    progress: bool,
) -> Result<ImportStats> {
    if archive_dir.exists() {
        std::fs::remove_dir_all(archive_dir)?;
    }
    let generator = Generator::new(seed);
    let anon = measure::AnonPeak::start();
    let archive = Archive::open(archive_dir)?;
    let mut stats = ImportStats {
        documents: docs,
        ..ImportStats::default()
    };
    let mut hasher = blake3::Hasher::new();
    let mut probe_ms = Vec::new();
    let mut start = 0;
    while start < docs {
        let end = (start + CHUNK_DOCS).min(docs);
        let chunk = corpus_dir.join(format!("chunk-{start:07}"));
        if chunk.exists() {
            std::fs::remove_dir_all(&chunk)?;
        }
        let began = Instant::now();
        for n in start..end {
            let doc = generator.doc(n);
            let path = chunk.join(&doc.name);
            if n % 1000 == 0 {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)?;
                }
            }
            std::fs::write(&path, &doc.text)
                .with_context(|| format!("writing {}", path.display()))?;
            stats.count(&mut hasher, &doc);
        }
        stats.generate_seconds += began.elapsed().as_secs_f64();
        let began = Instant::now();
        let (report, probed) = probing(&archive, || {
            archive.import_paths(
                std::slice::from_ref(&chunk),
                &import_options(),
                &mut NoProgress,
            )
        });
        let report = report?;
        stats.import_seconds += began.elapsed().as_secs_f64();
        probe_ms.extend(probed);
        stats.imported += report.imported().count() as u64;
        for (path, error) in report.failed() {
            stats.failed += 1;
            if stats.failures.len() < 10 {
                stats.failures.push(format!("{path}: {error}"));
            }
        }
        std::fs::remove_dir_all(&chunk)?;
        if progress {
            eprintln!(
                "  imported {end}/{docs} ({:.0} docs/s so far, peak RSS {} MiB)",
                stats.imported as f64 / stats.import_seconds.max(1e-9),
                measure::peak_rss() / (1 << 20)
            );
        }
        start = end;
    }
    let began = Instant::now();
    archive.close()?;
    stats.merge_seconds = began.elapsed().as_secs_f64();
    stats.checksum = hasher.finalize().to_hex()[..16].to_owned();
    stats.database_bytes = ["", "-wal"]
        .iter()
        .map(|s| {
            measure::size_on_disk(
                &archive_dir.join(format!("{}{s}", raadsvolger_core::DATABASE_FILE)),
            )
        })
        .sum();
    stats.index_bytes = measure::size_on_disk(&archive_dir.join(raadsvolger_core::INDEX_DIR));
    stats.peak_rss_bytes = measure::peak_rss();
    stats.peak_anon_bytes = anon.finish();
    stats.search_during_import = Latency::of(&probe_ms);
    Ok(stats)
}

/// The default import options, except that `RAADSVOLGER_BENCH_READ_THREADS=N` sets the number
/// of reading threads (to compare one with the default of one per core).
fn import_options() -> ImportOptions {
    let mut options = ImportOptions::default();
    if let Some(n) = std::env::var("RAADSVOLGER_BENCH_READ_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        options.read_threads = n;
    }
    options
}

/// Latencies of one query class.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct ClassResult {
    pub class: String,
    pub label: String,
    pub queries: usize,
    /// Mean number of hits (FTS5 count) of the class's queries.
    pub mean_hits: f64,
    /// Product configuration, top 10 ids.
    pub rv_top10: Latency,
    /// Product configuration, top 10 ids and the total.
    pub rv_count: Latency,
    /// What the app shows: [`Archive::search`] with facets, titles and snippets.
    pub rv_full: Latency,
    /// Unstemmed configuration, top 10 and the total.
    pub rv_exact_count: Latency,
    pub fts_top10: Latency,
    pub fts_count: Latency,
    /// The first query after opening (product, top 10 and total; FTS5 likewise).
    pub rv_first: Latency,
    pub fts_first: Latency,
    pub rv_open_ms: f64,
    pub fts_open_ms: f64,
}

/// One query whose hit counts differ between the engines.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Mismatch {
    pub query: String,
    pub raadsvolger: u64,
    pub fts5: u64,
}

/// The search part of a tier.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct SearchStats {
    pub passes: usize,
    pub parity_checked: usize,
    pub mismatches: Vec<Mismatch>,
    pub classes: Vec<ClassResult>,
}

/// How many queries of each class run, how many timed passes over them, and how many
/// first-after-open samples per class.
#[derive(Debug, Clone, Copy)]
pub struct SearchPlan {
    pub queries_per_class: usize,
    pub passes: usize,
    pub cold_per_class: usize,
}

impl SearchPlan {
    pub fn for_docs(docs: u64) -> SearchPlan {
        match docs {
            0..=20_000 => SearchPlan {
                queries_per_class: queries::PER_CLASS,
                passes: 5,
                cold_per_class: 5,
            },
            20_001..=200_000 => SearchPlan {
                queries_per_class: queries::PER_CLASS,
                passes: 3,
                cold_per_class: 5,
            },
            // At 1M an FTS5 stop-word phrase takes seconds; the first 10 queries of each class
            // keep the run within the hour.
            _ => SearchPlan {
                queries_per_class: 10,
                passes: 1,
                cold_per_class: 3,
            },
        }
    }
}

fn request(q: &Query) -> SearchRequest {
    let mut r = SearchRequest::new(q.text.clone());
    r.limit = 10;
    r
}

const PRODUCT_TOP10: SearchOptions = SearchOptions {
    matching: Matching::Dutch,
    tally: Tally::Nothing,
};
const PRODUCT_COUNT: SearchOptions = SearchOptions {
    matching: Matching::Dutch,
    tally: Tally::Total,
};
const EXACT_COUNT: SearchOptions = SearchOptions {
    matching: Matching::Exact,
    tally: Tally::Total,
};

/// Runs the query set against the archive and the FTS5 table.
pub fn search_tier(
    archive_dir: &Path,
    fts_path: &Path,
    queries: &[Query],
    plan: SearchPlan,
    progress: bool,
) -> Result<SearchStats> {
    let archive = Archive::open(archive_dir)?;
    let fts = Fts::open(fts_path)?;
    let mut stats = SearchStats {
        passes: plan.passes,
        ..SearchStats::default()
    };

    // Parity (unstemmed configuration) and a warm-up of every path.
    let mut hits: BTreeMap<Class, Vec<u64>> = BTreeMap::new();
    for q in queries {
        let ours = archive
            .search_ids(&request(q), EXACT_COUNT)?
            .total
            .unwrap_or(0);
        let theirs = fts.count(&q.fts)?;
        fts.top10(&q.fts)?;
        archive.search_ids(&request(q), PRODUCT_COUNT)?;
        archive.search(&request(q))?;
        stats.parity_checked += 1;
        if ours != theirs {
            stats.mismatches.push(Mismatch {
                query: q.text.clone(),
                raadsvolger: ours,
                fts5: theirs,
            });
        }
        hits.entry(q.class).or_default().push(theirs);
    }
    if progress {
        eprintln!(
            "  parity: {} queries, {} mismatches",
            stats.parity_checked,
            stats.mismatches.len()
        );
    }

    // Warm: the engines take turns on each query so both see the same cache state.
    #[derive(Default)]
    struct Samples {
        rv_top10: Vec<f64>,
        rv_count: Vec<f64>,
        rv_full: Vec<f64>,
        rv_exact: Vec<f64>,
        fts_top10: Vec<f64>,
        fts_count: Vec<f64>,
    }
    let mut samples: BTreeMap<Class, Samples> = BTreeMap::new();
    for pass in 0..plan.passes {
        for q in queries {
            let s = samples.entry(q.class).or_default();
            let req = request(q);
            let (r, ms) = timed(|| archive.search_ids(&req, PRODUCT_TOP10));
            r?;
            s.rv_top10.push(ms);
            let (r, ms) = timed(|| fts.top10(&q.fts));
            r?;
            s.fts_top10.push(ms);
            let (r, ms) = timed(|| archive.search_ids(&req, PRODUCT_COUNT));
            r?;
            s.rv_count.push(ms);
            let (r, ms) = timed(|| fts.top10_and_count(&q.fts));
            r?;
            s.fts_count.push(ms);
            let (r, ms) = timed(|| archive.search_ids(&req, EXACT_COUNT));
            r?;
            s.rv_exact.push(ms);
            let (r, ms) = timed(|| archive.search(&req));
            r?;
            s.rv_full.push(ms);
        }
        if progress {
            eprintln!("  warm pass {}/{} done", pass + 1, plan.passes);
        }
    }
    drop(archive);
    drop(fts);

    // First query after open.
    #[derive(Default)]
    struct Cold {
        rv_first: Vec<f64>,
        fts_first: Vec<f64>,
        rv_open: Vec<f64>,
        fts_open: Vec<f64>,
    }
    let mut cold: BTreeMap<Class, Cold> = BTreeMap::new();
    for class in Class::ALL {
        let entry = cold.entry(class).or_default();
        for q in queries
            .iter()
            .filter(|q| q.class == class)
            .take(plan.cold_per_class)
        {
            let (archive, ms) = timed(|| Archive::open(archive_dir));
            let archive = archive?;
            entry.rv_open.push(ms);
            let (r, ms) = timed(|| archive.search_ids(&request(q), PRODUCT_COUNT));
            r?;
            entry.rv_first.push(ms);
            drop(archive);
            let (fts, ms) = timed(|| Fts::open(fts_path));
            let fts = fts?;
            entry.fts_open.push(ms);
            let (r, ms) = timed(|| fts.top10_and_count(&q.fts));
            r?;
            entry.fts_first.push(ms);
        }
    }

    for class in Class::ALL {
        let s = samples.remove(&class).unwrap_or_default();
        let c = cold.remove(&class).unwrap_or_default();
        let h = hits.remove(&class).unwrap_or_default();
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
        stats.classes.push(ClassResult {
            class: format!("{class:?}"),
            label: class.label().to_owned(),
            queries: h.len(),
            mean_hits: h.iter().sum::<u64>() as f64 / h.len().max(1) as f64,
            rv_top10: Latency::of(&s.rv_top10),
            rv_count: Latency::of(&s.rv_count),
            rv_full: Latency::of(&s.rv_full),
            rv_exact_count: Latency::of(&s.rv_exact),
            fts_top10: Latency::of(&s.fts_top10),
            fts_count: Latency::of(&s.fts_count),
            rv_first: Latency::of(&c.rv_first),
            fts_first: Latency::of(&c.fts_first),
            rv_open_ms: mean(&c.rv_open),
            fts_open_ms: mean(&c.fts_open),
        });
    }
    Ok(stats)
}

/// The brute-force floor: a memchr scan of the raw text for each single-term query.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Floor {
    /// Bytes actually scanned (the corpus, or its first part when larger than the cap).
    pub scanned_bytes: u64,
    pub corpus_bytes: u64,
    /// Milliseconds to scan the whole corpus once, median over the queries.
    pub ms_per_query: f64,
    pub gb_per_second: f64,
}

/// At most this much text is held in memory for the floor; larger corpora are extrapolated.
const FLOOR_CAP_BYTES: usize = 512 << 20;

pub fn floor(docs: u64, seed: u64, corpus_bytes: u64, queries: &[Query]) -> Floor {
    let generator = Generator::new(seed);
    let mut text = Vec::with_capacity(FLOOR_CAP_BYTES.min(corpus_bytes as usize + 1));
    for n in 0..docs {
        let doc = generator.doc(n);
        text.extend(doc.text.to_lowercase().bytes());
        text.push(0);
        if text.len() >= FLOOR_CAP_BYTES {
            break;
        }
    }
    let mut times = Vec::new();
    for q in queries.iter().filter(|q| {
        matches!(
            q.class,
            Class::Rare | Class::Medium | Class::Common | Class::ZeroHit
        )
    }) {
        let needle = q.text.to_lowercase();
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let (count, ms) = timed(|| finder.find_iter(&text).count());
        std::hint::black_box(count);
        times.push(ms);
    }
    let scan = Latency::of(&times).p50;
    let scale = corpus_bytes as f64 / text.len().max(1) as f64;
    Floor {
        scanned_bytes: text.len() as u64,
        corpus_bytes,
        ms_per_query: scan * scale,
        gb_per_second: text.len() as f64 / 1e9 / (scan / 1000.0).max(1e-12),
    }
}

/// Commitment extraction throughput.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Extraction {
    pub documents: u64,
    pub seconds: f64,
    pub commitments: u64,
    pub docs_per_second: f64,
    pub mb_per_second: f64,
}

/// Parses up to `sample` documents and times the commitment extractor on them.
pub fn extraction(docs: u64, seed: u64, sample: u64) -> Result<Extraction> {
    let generator = Generator::new(seed);
    let mut parsed = Vec::new();
    let mut bytes = 0;
    for n in 0..docs.min(sample) {
        let doc = generator.doc(n);
        let new = raadsvolger_core::import::parse(&doc.name, doc.text.as_bytes())
            .map_err(|e| anyhow::anyhow!("{}: {e}", doc.name))?;
        bytes += new.body_text.len();
        parsed.push(new);
    }
    let started = Instant::now();
    let mut commitments = 0;
    for doc in &parsed {
        commitments += raadsvolger_core::extract::commitments::extract(doc)
            .commitments
            .len() as u64;
    }
    let seconds = started.elapsed().as_secs_f64();
    Ok(Extraction {
        documents: parsed.len() as u64,
        seconds,
        commitments,
        docs_per_second: parsed.len() as f64 / seconds.max(1e-9),
        mb_per_second: bytes as f64 / 1e6 / seconds.max(1e-9),
    })
}

/// Everything measured for one tier.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct TierResult {
    pub tier: String,
    pub documents: u64,
    pub seed: u64,
    pub import: ImportStats,
    pub fts_load: LoadStats,
    pub fts_peak_rss_bytes: u64,
    pub search: SearchStats,
    pub floor: Floor,
    pub extraction: Extraction,
    pub machine: measure::Machine,
    pub finished_at: String,
}

/// Where a tier's files live under the work folder.
pub struct TierPaths {
    pub archive: PathBuf,
    pub fts: PathBuf,
    pub corpus: PathBuf,
    pub result: PathBuf,
}

impl TierPaths {
    pub fn new(work: &Path, docs: u64) -> TierPaths {
        let tier = work.join(tier_name(docs));
        TierPaths {
            archive: tier.join("archive"),
            fts: tier.join("fts.sqlite"),
            corpus: tier.join("corpus"),
            result: work
                .join("results")
                .join(format!("{}.json", tier_name(docs))),
        }
    }
}

/// Runs a whole tier in this process (no separate peak memory per step); used by the smoke
/// test. The binary does the same with steps 1 and 2 in child processes.
pub fn run_tier_in_process(
    work: &Path,
    docs: u64,
    seed: u64,
    plan: SearchPlan,
) -> Result<TierResult> {
    let paths = TierPaths::new(work, docs);
    std::fs::create_dir_all(&paths.corpus)?;
    let import = import_corpus(docs, seed, &paths.archive, &paths.corpus, false)?;
    if import.imported != docs {
        bail!(
            "{} of {docs} documents imported; failures: {:?}",
            import.imported,
            import.failures
        );
    }
    let db = paths.archive.join(raadsvolger_core::DATABASE_FILE);
    let fts_load = Fts::load(&paths.fts, &db)?;
    finish_tier(&paths, docs, seed, import, fts_load, 0, plan, false)
}

/// Steps 3 and 4, and the result put together.
#[allow(clippy::too_many_arguments)]
pub fn finish_tier(
    paths: &TierPaths,
    docs: u64,
    seed: u64,
    import: ImportStats,
    fts_load: LoadStats,
    fts_peak_rss_bytes: u64,
    plan: SearchPlan,
    progress: bool,
) -> Result<TierResult> {
    let generator = Generator::new(seed);
    let mut taken: BTreeMap<Class, usize> = BTreeMap::new();
    let queries: Vec<Query> = queries::build(&generator, seed)
        .into_iter()
        .filter(|q| {
            let n = taken.entry(q.class).or_default();
            *n += 1;
            *n <= plan.queries_per_class
        })
        .collect();
    let search = search_tier(&paths.archive, &paths.fts, &queries, plan, progress)?;
    if progress {
        eprintln!("  search done; floor and extraction");
    }
    let floor = floor(docs, seed, import.bytes, &queries);
    let extraction = extraction(docs, seed, 20_000)?;
    Ok(TierResult {
        tier: tier_name(docs),
        documents: docs,
        seed,
        import,
        fts_load,
        fts_peak_rss_bytes,
        search,
        floor,
        extraction,
        machine: measure::Machine::detect(),
        finished_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_by_name() {
        assert_eq!(parse_tier("10k").ok(), Some(10_000));
        assert_eq!(parse_tier("1M").ok(), Some(1_000_000));
        assert_eq!(parse_tier("2500").ok(), Some(2_500));
        assert!(parse_tier("veel").is_err());
        assert_eq!(tier_name(100_000), "100k");
        assert_eq!(tier_name(1_000_000), "1M");
        assert_eq!(tier_name(2_500), "2500");
    }
}
