//! `raadsvolger-bench`: runs the benchmark tiers and writes `docs/benchmarks.md` and the plot.
//!
//! ```text
//! cargo run --release -p raadsvolger-bench -- --tier all      # 10k, 100k, 1M, then the report
//! cargo run --release -p raadsvolger-bench -- --tier 100k     # one tier, then the report
//! cargo run --release -p raadsvolger-bench -- --report-only   # the report from stored results
//! ```

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

use raadsvolger_bench::{
    Fts, ImportStats, LoadStats, SearchPlan, TierPaths, TierResult, corpus, finish_tier,
    import_corpus, parse_tier, plot, report, tier_name,
};

/// The allocator the CLI and the app use, so the import's memory is theirs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "raadsvolger-bench",
    about = "Benchmarks of Raadsvolger against SQLite FTS5"
)]
struct Cli {
    /// Tiers to run: 10k, 100k, 1m, all (the three), or a number of documents; repeatable.
    #[arg(long, default_value = "10k")]
    tier: Vec<String>,
    /// Where corpora, archives and results go.
    #[arg(long, default_value = "target/bench-corpus")]
    work: PathBuf,
    /// The report's folder (benchmarks.md and the plot).
    #[arg(long, default_value = "docs")]
    docs: PathBuf,
    #[arg(long, default_value_t = corpus::DEFAULT_SEED)]
    seed: u64,
    /// Only write the report from the results stored under --work.
    #[arg(long)]
    report_only: bool,
    /// Keep each tier's archive and FTS5 database after the run (they are removed by default
    /// to free the disk for the next tier).
    #[arg(long)]
    keep: bool,
    #[command(subcommand)]
    step: Option<Step>,
}

/// Steps run in a child process, so each reports its own peak memory.
#[derive(Subcommand)]
enum Step {
    #[command(hide = true)]
    Import {
        #[arg(long)]
        docs: u64,
        #[arg(long)]
        seed: u64,
        #[arg(long)]
        archive: PathBuf,
        #[arg(long)]
        corpus: PathBuf,
    },
    #[command(hide = true)]
    FtsLoad {
        #[arg(long)]
        fts: PathBuf,
        #[arg(long)]
        database: PathBuf,
    },
    /// Steps 3 and 4 of a tier whose archive and FTS5 table are already built (a run that was
    /// stopped after loading), from the import and load figures saved as JSON.
    #[command(hide = true)]
    Finish {
        #[arg(long)]
        docs: u64,
        /// `ImportStats` as JSON; a zero `bytes` is filled in by generating the corpus again,
        /// which also checks the checksum.
        #[arg(long)]
        import: PathBuf,
        /// `[LoadStats, peak RSS]` as JSON, as the fts-load step prints it.
        #[arg(long)]
        fts_load: PathBuf,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    match &cli.step {
        Some(Step::Import {
            docs,
            seed,
            archive,
            corpus,
        }) => {
            std::fs::create_dir_all(corpus)?;
            let stats = import_corpus(*docs, *seed, archive, corpus, true)?;
            println!("{}", serde_json::to_string(&stats)?);
            return Ok(());
        }
        Some(Step::FtsLoad { fts, database }) => {
            let stats = Fts::load(fts, database)?;
            let rss = raadsvolger_bench::measure::peak_rss();
            println!("{}", serde_json::to_string(&(stats, rss))?);
            return Ok(());
        }
        Some(Step::Finish {
            docs,
            import,
            fts_load,
        }) => {
            let mut stats: ImportStats = serde_json::from_str(&std::fs::read_to_string(import)?)?;
            if stats.bytes == 0 {
                fill_corpus_figures(&mut stats, *docs, cli.seed)?;
            }
            let (load, rss): (LoadStats, u64) =
                serde_json::from_str(&std::fs::read_to_string(fts_load)?)?;
            let paths = TierPaths::new(&cli.work, *docs);
            let result = finish_tier(
                &paths,
                *docs,
                cli.seed,
                stats,
                load,
                rss,
                SearchPlan::for_docs(*docs),
                true,
            )?;
            std::fs::create_dir_all(cli.work.join("results"))?;
            std::fs::write(&paths.result, serde_json::to_string_pretty(&result)?)?;
            eprintln!(
                "{}: results in {}",
                tier_name(*docs),
                paths.result.display()
            );
            return Ok(());
        }
        None => {}
    }
    let results_dir = cli.work.join("results");
    if !cli.report_only {
        let mut tiers = Vec::new();
        for t in &cli.tier {
            if t.eq_ignore_ascii_case("all") {
                tiers.extend([10_000, 100_000, 1_000_000]);
            } else {
                tiers.push(parse_tier(t)?);
            }
        }
        for docs in tiers {
            let result = run_tier(&cli, docs)?;
            std::fs::create_dir_all(&results_dir)?;
            let path = TierPaths::new(&cli.work, docs).result;
            std::fs::write(&path, serde_json::to_string_pretty(&result)?)?;
            eprintln!("{}: results in {}", tier_name(docs), path.display());
        }
    }
    let results = load_results(&results_dir)?;
    if results.is_empty() {
        bail!("no results under {}", results_dir.display());
    }
    std::fs::create_dir_all(&cli.docs)?;
    let plot_name = "benchmarks-p99.png";
    plot::p99_against_size(&results, &cli.docs.join(plot_name))?;
    std::fs::write(
        cli.docs.join("benchmarks.md"),
        report::markdown(&results, plot_name),
    )?;
    eprintln!(
        "wrote {} and {}",
        cli.docs.join("benchmarks.md").display(),
        cli.docs.join(plot_name).display()
    );
    Ok(())
}

fn run_tier(cli: &Cli, docs: u64) -> Result<TierResult> {
    let paths = TierPaths::new(&cli.work, docs);
    std::fs::create_dir_all(&paths.corpus)?;
    let exe = std::env::current_exe()?;
    eprintln!(
        "{}: generating and importing {docs} documents (seed {})",
        tier_name(docs),
        cli.seed
    );
    let import: ImportStats = child(
        Command::new(&exe)
            .arg("import")
            .args(["--docs", &docs.to_string()])
            .args(["--seed", &cli.seed.to_string()])
            .arg("--archive")
            .arg(&paths.archive)
            .arg("--corpus")
            .arg(&paths.corpus),
    )?;
    eprintln!(
        "{}: imported {} documents in {:.1} s + {:.1} s merge ({:.0} docs/s), checksum {}",
        tier_name(docs),
        import.imported,
        import.import_seconds,
        import.merge_seconds,
        import.docs_per_second(),
        import.checksum
    );
    if import.imported != docs {
        bail!(
            "only {} of {docs} documents imported: {:?}",
            import.imported,
            import.failures
        );
    }
    let (fts_load, fts_rss): (LoadStats, u64) = child(
        Command::new(&exe)
            .arg("fts-load")
            .arg("--fts")
            .arg(&paths.fts)
            .arg("--database")
            .arg(paths.archive.join(raadsvolger_core::DATABASE_FILE)),
    )?;
    eprintln!(
        "{}: FTS5 loaded in {:.1} s + {:.1} s optimize",
        tier_name(docs),
        fts_load.insert_seconds,
        fts_load.optimize_seconds
    );
    let plan = SearchPlan::for_docs(docs);
    let result = finish_tier(
        &paths, docs, cli.seed, import, fts_load, fts_rss, plan, true,
    )?;
    if !result.search.mismatches.is_empty() {
        eprintln!(
            "{}: {} parity mismatches, e.g. {:?}",
            tier_name(docs),
            result.search.mismatches.len(),
            &result.search.mismatches[..result.search.mismatches.len().min(3)]
        );
    }
    if !cli.keep {
        remove(&paths.archive)?;
        remove(&paths.fts)?;
        for s in ["-wal", "-shm"] {
            remove(&PathBuf::from(format!("{}{s}", paths.fts.display())))?;
        }
    }
    Ok(result)
}

/// The corpus's size, mix and checksum, made again from the seed.
fn fill_corpus_figures(stats: &mut ImportStats, docs: u64, seed: u64) -> Result<()> {
    let generator = corpus::Generator::new(seed);
    let mut hasher = blake3::Hasher::new();
    for n in 0..docs {
        stats.count(&mut hasher, &generator.doc(n));
    }
    let checksum = hasher.finalize().to_hex()[..16].to_owned();
    if !stats.checksum.is_empty() && stats.checksum != checksum {
        bail!(
            "checksum {checksum} differs from the import's {}",
            stats.checksum
        );
    }
    stats.checksum = checksum;
    Ok(())
}

fn remove(path: &Path) -> Result<()> {
    if path.is_dir() {
        std::fs::remove_dir_all(path)?;
    } else if path.exists() {
        std::fs::remove_file(path)?;
    }
    Ok(())
}

/// Runs a child step and parses the JSON of its last line of output.
fn child<T: serde::de::DeserializeOwned>(cmd: &mut Command) -> Result<T> {
    let out = cmd
        .stderr(std::process::Stdio::inherit())
        .output()
        .context("starting a child step")?;
    if !out.status.success() {
        bail!("a child step failed ({})", out.status);
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap_or_default();
    serde_json::from_str(last).with_context(|| format!("reading the child's result {last:?}"))
}

fn load_results(dir: &Path) -> Result<Vec<TierResult>> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(out);
    };
    for entry in entries {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path)?;
            let result: TierResult = serde_json::from_str(&text)
                .with_context(|| format!("reading {}", path.display()))?;
            out.push(result);
        }
    }
    out.sort_by_key(|r| r.documents);
    Ok(out)
}
