//! `raadsvolger`: the command-line interface over `raadsvolger-core`. Each subcommand is a few
//! lines around one core call; `--json` makes stdout pure JSON for scripts.

mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use raadsvolger_core::{Archive, DocKind, ImportOptions, SearchRequest, SortOrder};

#[derive(Parser)]
#[command(
    name = "raadsvolger",
    version,
    about = "Raadsvolger: a local archive of council documents, searchable in Dutch",
    long_about = None
)]
struct Cli {
    /// The archive folder [default: $RAADSVOLGER_ARCHIVE, else the platform data folder]
    #[arg(long, global = true, value_name = "DIR")]
    archive: Option<PathBuf>,

    /// Print only JSON on stdout
    #[arg(long, global = true)]
    json: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import files or folders (Markdown, text, HTML, PDF)
    Import {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Refuse files larger than this many megabytes
        #[arg(long, value_name = "MB", default_value_t = 50)]
        max_size: u64,
    },
    /// Search the archive
    Search {
        /// words, "phrases", -exclusions, prefix*, OR, and filters kind: year: from: to: party:
        query: String,
        /// Only these kinds (motie, amendement, raadsvoorstel, ...)
        #[arg(long = "kind", value_name = "KIND")]
        kinds: Vec<String>,
        /// Only documents dated on or after this day (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Only documents dated on or before this day (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Only documents naming this party (CU, PvdA, ...)
        #[arg(long = "party", value_name = "PARTY")]
        parties: Vec<String>,
        #[arg(long, value_enum, default_value_t = Sort::Relevance)]
        sort: Sort,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long, default_value_t = 0)]
        offset: usize,
    },
    /// Show one document
    Show { id: i64 },
    /// Rebuild the search index from the archive's database
    Reindex,
    /// Numbers about the archive
    Stats,
    /// Load the embedded example dossier (mensenhandel in Almere, 2015–2024) and show a search
    Demo,
}

#[derive(Clone, Copy, ValueEnum)]
enum Sort {
    Relevance,
    Date,
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("RAADSVOLGER_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .with_target(false)
        .without_time()
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // One line, ripgrep style: the error and its causes.
            let chain: Vec<String> = err.chain().map(|e| e.to_string()).collect();
            eprintln!("raadsvolger: {}", dedupe_chain(&chain));
            ExitCode::from(2)
        }
    }
}

/// Output piped into `head` that closed early is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Joins an error chain, leaving out causes already quoted by the message above them.
fn dedupe_chain(chain: &[String]) -> String {
    let mut out = String::new();
    for part in chain {
        if !out.contains(part.as_str()) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(part);
        }
    }
    out
}

fn open(cli_archive: &Option<PathBuf>) -> anyhow::Result<Archive> {
    let dir = cli_archive
        .clone()
        .unwrap_or_else(raadsvolger_core::default_archive_dir);
    let archive = Archive::open(&dir)?;
    if let Some(line) = &archive.open_report().index_repair {
        eprintln!("raadsvolger: {line}");
    }
    Ok(archive)
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let json = cli.json;
    let archive = open(&cli.archive)?;
    let code = match cli.command {
        Command::Import { paths, max_size } => {
            let options = ImportOptions {
                max_file_bytes: max_size.saturating_mul(1024 * 1024),
                ..ImportOptions::default()
            };
            let mut progress = output::Progress::new(!json);
            let report = archive.import_paths(&paths, &options, &mut progress)?;
            progress.finish();
            output::import(&report, json)?;
            if report.failed().next().is_some() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Search {
            query,
            kinds,
            from,
            to,
            parties,
            sort,
            limit,
            offset,
        } => {
            let mut request = SearchRequest::new(query);
            for k in kinds {
                request.kinds.push(DocKind::parse(&k).with_context(|| {
                    format!("unknown kind {k:?}; known kinds: {}", DocKind::all_keys())
                })?);
            }
            for p in parties {
                let canon = raadsvolger_core::extract::parties::canonical(&p)
                    .with_context(|| format!("unknown party {p:?}"))?;
                request.parties.push(canon.to_owned());
            }
            request.from = from
                .map(|d| raadsvolger_core::index::query::parse_date("--from", &d, true))
                .transpose()?;
            request.to = to
                .map(|d| raadsvolger_core::index::query::parse_date("--to", &d, false))
                .transpose()?;
            request.sort = match sort {
                Sort::Relevance => SortOrder::Relevance,
                Sort::Date => SortOrder::Date,
            };
            request.limit = limit;
            request.offset = offset;
            let results = archive.search(&request)?;
            output::search(&results, json)?;
            ExitCode::SUCCESS
        }
        Command::Show { id } => {
            let doc = archive.document(id)?;
            output::document(&doc, json)?;
            ExitCode::SUCCESS
        }
        Command::Reindex => {
            let report = archive.reindex()?;
            output::reindex(&report, json)?;
            ExitCode::SUCCESS
        }
        Command::Stats => {
            output::stats(&archive.stats()?, json)?;
            ExitCode::SUCCESS
        }
        Command::Demo => {
            let mut progress = output::Progress::new(!json);
            let report = archive.load_demo(&mut progress)?;
            progress.finish();
            let results = archive.search(&SearchRequest::new("zorgcoördinator"))?;
            output::demo(&archive, &report, &results, json)?;
            ExitCode::SUCCESS
        }
    };
    archive.close()?;
    Ok(code)
}
