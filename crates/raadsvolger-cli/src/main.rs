//! `raadsvolger`: the command-line interface over `raadsvolger-core`. Each subcommand is a few
//! lines around one core call; `--json` makes stdout pure JSON for scripts.

mod alerts;
mod output;
mod places;
mod register;
mod settings;
mod sync;

pub(crate) use output::print_json;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use raadsvolger_core::{
    Archive, CommitmentQuery, CommitmentUpdate, Flag, ImportOptions, NewCommitment, SearchRequest,
    SortOrder, Status, WhenBusy,
};

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

    /// When another process is writing to the archive, wait for it instead of failing
    #[arg(long, global = true)]
    wait: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum PartiesAction {
    /// Add a (local) party, or set a party's abbreviation and aliases
    Set {
        name: String,
        #[arg(long)]
        abbreviation: Option<String>,
        /// Another name votes and searches may use; repeat for more (replaces the list)
        #[arg(long)]
        alias: Vec<String>,
    },
}

/// One page of a long list instead of all of it; with `--json` the page comes with the
/// number of them all: `{"total", "offset", "items"}`.
#[derive(clap::Args, Debug, Clone, Copy)]
struct Paging {
    /// At most this many (1 to 1000) [default with --offset: 50]
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Skip this many first
    #[arg(long, value_name = "N")]
    offset: Option<usize>,
}

impl Paging {
    /// The page asked for; `None` for the whole list.
    fn page(self) -> anyhow::Result<Option<raadsvolger_core::Page>> {
        if self.limit.is_none() && self.offset.is_none() {
            return Ok(None);
        }
        Ok(Some(raadsvolger_core::Page::new(
            self.offset.unwrap_or(0),
            self.limit.unwrap_or(50),
        )?))
    }
}

#[derive(Subcommand)]
enum Command {
    /// Import files or folders: documents (Markdown, text, HTML, PDF, DOCX, ODT) and the
    /// councils' register files (NotuBiz, iBabs, Tweede Kamer, ORI, Popolo, ...)
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
    /// Voted items: motions, amendments, council proposals, with outcome and votes
    Motions {
        #[command(flatten)]
        paging: Paging,
    },
    /// The dated documents, oldest first
    Timeline {
        #[command(flatten)]
        paging: Paging,
    },
    /// Enter, correct or vote on one motion
    Motion {
        #[command(subcommand)]
        action: register::MotionAction,
    },
    /// Fetch what a council's register holds and keep it up to date (NotuBiz, iBabs, Tweede
    /// Kamer, Open Raadsinformatie); the source is remembered for the next sync
    Sync {
        #[command(subcommand)]
        system: sync::SyncCommand,
    },
    /// The sources set up, each with when it last synced and what it added
    Sources {
        #[command(subcommand)]
        action: Option<sync::SourcesAction>,
    },
    /// Where a council's register says otherwise than a correction made here; keep yours
    /// or take the register's
    Conflicts {
        #[command(subcommand)]
        action: Option<sync::ConflictAction>,
    },
    /// The councils a first run can choose from, with the system that publishes each and its key
    Councils {
        /// Only those whose name holds this, with this CBS code (GM0034), or of this kind
        /// (provincie, waterschap)
        #[arg(default_value = "")]
        search: String,
        /// The app's configuration folder [default: $RAADSVOLGER_CONFIG, else the platform's]
        #[arg(long, value_name = "DIR")]
        config: Option<PathBuf>,
        /// Add this council to your own table (with --system and --key), or change its key
        #[arg(long, value_name = "NAME", requires_all = ["system", "key"])]
        add: Option<String>,
        /// notubiz, ibabs, go (GemeenteOplossingen), parlaeus, tk or ori
        #[arg(long)]
        system: Option<String>,
        /// Its key in that system (NotuBiz organisation id, iBabs site name, Parlaeus session
        /// id; for GemeenteOplossingen the address of its installation)
        #[arg(long)]
        key: Option<String>,
        /// The address of the council's own installation (GemeenteOplossingen, Parlaeus)
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// gemeente, provincie, waterschap or parlement
        #[arg(long, default_value = "gemeente")]
        kind: String,
    },
    /// The archive folders kept side by side (the app's archive switcher)
    Archives {
        #[command(subcommand)]
        action: Option<places::ArchivesAction>,
        /// The app's configuration folder [default: $RAADSVOLGER_CONFIG, else the platform's]
        #[arg(long, value_name = "DIR", global = true)]
        config: Option<PathBuf>,
    },
    /// The council's own settings: its name, recess dates and the days before a deadline
    /// that it counts as approaching
    Settings {
        #[command(subcommand)]
        action: Option<settings::SettingsAction>,
    },
    /// Meetings between two days
    Meetings {
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
    },
    /// Create, change, show or report on one meeting
    Meeting {
        #[command(subcommand)]
        action: register::MeetingAction,
    },
    /// Undo the last edit made to the register (a meeting, agenda item, motion or vote added,
    /// changed or removed); again for the edit before it. `--last` only shows what it would undo
    Undo {
        /// Only say which edit would be undone
        #[arg(long)]
        last: bool,
    },
    /// Add, number, nest, reorder agenda items; put documents on them
    Agenda {
        #[command(subcommand)]
        action: register::AgendaAction,
    },
    /// Correct or delete a document; list its versions
    Document {
        #[command(subcommand)]
        action: register::DocumentAction,
    },
    /// Everything on one council number (23161) or topic, across meetings, in time order
    Dossier {
        /// A council number, or words to search for
        query: String,
        /// The day to judge commitments by [default: today]
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// Saved searches: documents that come in and match one are flagged as new
    Alert {
        #[command(subcommand)]
        action: alerts::AlertAction,
    },
    /// The parties the archive knows (names, abbreviations, aliases)
    Parties {
        #[command(subcommand)]
        action: Option<PartiesAction>,
        /// Only the council's parties on this day (dd-mm-jjjj or YYYY-MM-DD): those of the
        /// members sitting then and those that voted in the four years before
        #[arg(long, value_name = "DATE")]
        at: Option<String>,
    },
    /// The people of the register
    People,
    /// Commitments of the executive, with deadline, status and flag as of a day
    Commitments {
        /// The day to judge by [default: today]
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Only these flags: overdue, due-soon, open, no-deadline, met (on time), met-late, withdrawn
        #[arg(long = "flag", value_name = "FLAG")]
        flags: Vec<String>,
        /// Only this actor (college, burgemeester, wethouder, provinciaal college)
        #[arg(long)]
        actor: Option<String>,
        /// Days ahead that count as due soon
        #[arg(long, default_value_t = 30)]
        due_soon_days: i64,
        #[command(flatten)]
        paging: Paging,
    },
    /// Show, update or add one commitment
    Commitment {
        #[command(subcommand)]
        action: CommitmentAction,
    },
    /// Find deadlines in Dutch sentences
    Deadlines {
        /// A TSV file with a header and columns id, doc_date, sentence (others are ignored)
        #[arg(long, value_name = "FILE", conflicts_with = "sentence")]
        tsv: Option<PathBuf>,
        /// The document's date, for one sentence
        #[arg(long, value_name = "DATE", requires = "sentence")]
        date: Option<String>,
        /// Show every candidate phrase of the sentence, the rule that found it, and the filter
        /// that dropped it (if one did)
        #[arg(long, requires = "sentence")]
        explain: bool,
        sentence: Option<String>,
    },
    /// Write a consistent copy of the archive's database to FILE (safe while the app is open)
    Backup { file: PathBuf },
    /// Replace the archive's contents with a backup and rebuild the index
    Restore { file: PathBuf },
    /// Check the database and the index; exit status 1 when a problem is found
    Check,
    /// Export the commitment register
    Export {
        #[arg(value_enum)]
        format: ExportFormat,
        /// The day to judge by [default: today]
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Write to this file instead of stdout (report: the .html beside it too)
        #[arg(long, short, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum CommitmentAction {
    /// One commitment with its history, evidence and suggested evidence
    Show {
        id: i64,
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// Change status, deadline, evidence or note (kept in the history)
    Set {
        id: i64,
        /// open, met, partly-met, withdrawn (or afgedaan, openstaand, deels, ingetrokken)
        #[arg(long)]
        status: Option<String>,
        /// The day the change holds from
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// A document id in the archive that shows it
        #[arg(long, value_name = "DOC")]
        evidence: Option<i64>,
        /// The passage of that document
        #[arg(long)]
        passage: Option<String>,
        #[arg(long)]
        note: Option<String>,
        /// A new deadline
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// Why the deadline or status changed
        #[arg(long)]
        reason: Option<String>,
    },
    /// Add a commitment made orally (from the minutes)
    Add {
        #[arg(long)]
        text: String,
        #[arg(long, default_value = "college")]
        actor: String,
        /// The day it was made
        #[arg(long, value_name = "DATE")]
        date: String,
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// The document (minutes) it comes from
        #[arg(long, value_name = "DOC")]
        source: Option<i64>,
        #[arg(long)]
        quote: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Csv,
    Ics,
    Report,
    /// The register (meetings, motions, votes, people, parties) as Popolo JSON
    Popolo,
}

#[derive(Clone, Copy, ValueEnum)]
enum Sort {
    Relevance,
    Date,
}

/// mimalloc instead of the system allocator: a large import reads files on several threads, and
/// glibc's per-thread arenas kept twice the live heap (see docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    raadsvolger_core::init_failpoints();
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

fn open(cli_archive: &Option<PathBuf>, wait: bool) -> anyhow::Result<Archive> {
    let dir = cli_archive
        .clone()
        .unwrap_or_else(raadsvolger_core::default_archive_dir);
    let when_busy = if wait { WhenBusy::Wait } else { WhenBusy::Fail };
    let archive = Archive::open_with(&dir, when_busy)?;
    if let Some(line) = &archive.open_report().index_repair {
        eprintln!("raadsvolger: {line}");
    }
    Ok(archive)
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let json = cli.json;
    // Reading deadlines from sentences needs no archive: none is opened (or created).
    if let Command::Deadlines {
        tsv,
        date,
        explain,
        sentence,
    } = cli.command
    {
        deadlines(tsv, date, sentence, explain, json)?;
        return Ok(ExitCode::SUCCESS);
    }
    // Nor do the councils table and the list of archives.
    let command = match cli.command {
        Command::Councils {
            search,
            config,
            add,
            system,
            key,
            base_url,
            kind,
        } => {
            if let (Some(name), Some(system), Some(key)) = (add, system, key) {
                let council = places::NewCouncil {
                    name: &name,
                    kind: &kind,
                    system: &system,
                    key: &key,
                    base_url: base_url.as_deref().unwrap_or_default(),
                };
                places::add_council(&council, config.clone())?;
            }
            places::councils(&search, config, json)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Archives { action, config } => {
            places::archives(action, config, json)?;
            return Ok(ExitCode::SUCCESS);
        }
        other => other,
    };
    let cli = Cli { command, ..cli };
    let archive = open(&cli.archive, cli.wait)?;
    let code = match cli.command {
        Command::Import { paths, max_size } => {
            let options = ImportOptions {
                max_file_bytes: max_size.saturating_mul(1024 * 1024),
                ..ImportOptions::default()
            };
            // One way in, as for a folder dropped on the window: documents to the importer,
            // the councils' register files (recognised by their content) to the register.
            let mut progress = output::Progress::new(!json);
            let report = archive.import_paths(&paths, &options, &mut progress)?;
            progress.finish();
            output::import(&report, json)?;
            if report.failed().next().is_some() || report.register_problems().next().is_some() {
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
            let filters = alerts::filters(kinds, parties, from, to)?;
            request.kinds = filters.kinds;
            request.parties = filters.parties;
            request.from = filters.from;
            request.to = filters.to;
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
        Command::Motions { paging } => {
            match paging.page()? {
                None => output::motions(&archive.motions()?, json)?,
                Some(page) => {
                    // The list's own order: by date, oldest first.
                    let query = raadsvolger_core::MotionQuery {
                        ascending: true,
                        ..Default::default()
                    };
                    let paged = archive.motions_page(&query, page)?;
                    output::paged(&paged, json, output::motions)?;
                }
            }
            ExitCode::SUCCESS
        }
        Command::Timeline { paging } => {
            let page = paging.page()?;
            let paged = archive.timeline(page.unwrap_or_else(raadsvolger_core::Page::all))?;
            match page {
                None if json => print_json(&paged.items)?,
                None => output::timeline(&paged.items, false)?,
                Some(_) => output::paged(&paged, json, output::timeline)?,
            }
            ExitCode::SUCCESS
        }
        Command::Motion { action } => {
            register::motion(&archive, action, json)?;
            ExitCode::SUCCESS
        }
        Command::Sync { system } => {
            sync::sync(&archive, system, json)?;
            ExitCode::SUCCESS
        }
        Command::Sources { action } => {
            sync::sources(&archive, action, json)?;
            ExitCode::SUCCESS
        }
        Command::Conflicts { action } => {
            sync::conflicts(&archive, action, json)?;
            ExitCode::SUCCESS
        }
        Command::Settings { action } => {
            settings::settings(&archive, action, json)?;
            ExitCode::SUCCESS
        }
        Command::Meetings { from, to } => {
            register::meetings(&archive, from, to, json)?;
            ExitCode::SUCCESS
        }
        Command::Meeting { action } => {
            register::meeting(&archive, action, json)?;
            ExitCode::SUCCESS
        }
        Command::Agenda { action } => {
            register::agenda(&archive, action, json)?;
            ExitCode::SUCCESS
        }
        Command::Undo { last } => {
            register::undo(&archive, last, json)?;
            ExitCode::SUCCESS
        }
        Command::Document { action } => {
            register::document(&archive, action, json)?;
            ExitCode::SUCCESS
        }
        Command::Dossier { query, as_of } => {
            let dossier = archive.dossier(&query, day(as_of.as_deref())?)?;
            if json {
                print_json(&dossier)?;
            } else {
                for e in &dossier.entries {
                    println!(
                        "{}  {:<10} #{:<5} {} — {}",
                        e.date
                            .map(|d| d.to_string())
                            .unwrap_or_else(|| "----------".into()),
                        e.what,
                        e.id,
                        e.title,
                        e.detail
                    );
                }
                if dossier.entries.is_empty() {
                    println!("Niets gevonden over {:?}.", dossier.query);
                }
            }
            ExitCode::SUCCESS
        }
        Command::Alert { action } => {
            alerts::alert(&archive, action, json)?;
            ExitCode::SUCCESS
        }
        Command::Parties { action, at } => {
            if let Some(PartiesAction::Set {
                name,
                abbreviation,
                alias,
            }) = action
            {
                archive.set_party(&name, abbreviation.as_deref(), &alias)?;
            }
            let parties = match at.as_deref() {
                Some(at) => archive.parties_at(parse_day(at)?)?,
                None => archive.parties()?,
            };
            if json {
                print_json(&parties)?;
            } else {
                for p in parties {
                    println!(
                        "{:<24} {:<8} {}",
                        p.name,
                        p.abbreviation.unwrap_or_default(),
                        p.aliases.join(", ")
                    );
                }
            }
            ExitCode::SUCCESS
        }
        Command::People => {
            let people = archive.people()?;
            if json {
                print_json(&people)?;
            } else {
                for p in people {
                    println!(
                        "{:<30} {:<12} {}",
                        p.name,
                        p.role.unwrap_or_default(),
                        p.parties.join(", ")
                    );
                }
            }
            ExitCode::SUCCESS
        }
        Command::Commitments {
            as_of,
            flags,
            actor,
            due_soon_days,
            paging,
        } => {
            let as_of = day(as_of.as_deref())?;
            let query = CommitmentQuery {
                flags: flags
                    .iter()
                    .map(|f| parse_flag(f))
                    .collect::<anyhow::Result<_>>()?,
                actor,
                due_soon_days: Some(due_soon_days),
            };
            match paging.page()? {
                None => output::commitments(&archive.commitments(as_of, &query)?, as_of, json)?,
                Some(page) => {
                    let filter = raadsvolger_core::CommitmentFilter::default();
                    let paged = archive.commitments_page(as_of, &query, &filter, page)?.page;
                    output::paged(&paged, json, |list, json| {
                        output::commitments(list, as_of, json)
                    })?;
                }
            }
            ExitCode::SUCCESS
        }
        Command::Commitment { action } => {
            commitment(&archive, action, json)?;
            ExitCode::SUCCESS
        }
        Command::Deadlines { .. } | Command::Councils { .. } | Command::Archives { .. } => {
            unreachable!("answered before the archive is opened")
        }
        Command::Backup { file } => {
            output::backup(&archive.backup(&file)?, json)?;
            ExitCode::SUCCESS
        }
        Command::Restore { file } => {
            output::restore(&archive.restore(&file)?, json)?;
            ExitCode::SUCCESS
        }
        Command::Check => {
            let report = archive.check()?;
            output::check(&report, json)?;
            if report.ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Command::Export { format, as_of, out } => {
            let as_of = day(as_of.as_deref())?;
            export(&archive, format, as_of, out, json)?;
            ExitCode::SUCCESS
        }
    };
    archive.close()?;
    Ok(code)
}

/// A date argument, or today when absent (the core never reads the clock; the CLI does).
fn day(arg: Option<&str>) -> anyhow::Result<NaiveDate> {
    match arg {
        Some(s) => parse_day(s),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

/// `2018-03-15`, or as a Dutch user writes it: `15-03-2018`.
pub(crate) fn parse_day(s: &str) -> anyhow::Result<NaiveDate> {
    let text = s.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|e| {
            if text.len() >= 8 {
                NaiveDate::parse_from_str(text, "%d-%m-%Y")
            } else {
                Err(e)
            }
        })
        .with_context(|| format!("{s:?} is not a date; write it as YYYY-MM-DD or DD-MM-YYYY"))
}

fn parse_flag(s: &str) -> anyhow::Result<Flag> {
    Flag::parse(s).with_context(|| {
        let known: Vec<&str> = Flag::ALL.iter().map(|f| f.as_str()).collect();
        format!("unknown flag {s:?}; known flags: {}", known.join(", "))
    })
}

fn commitment(archive: &Archive, action: CommitmentAction, json: bool) -> anyhow::Result<()> {
    match action {
        CommitmentAction::Show { id, as_of } => {
            let c = archive.commitment(id, day(as_of.as_deref())?)?;
            let suggestions = archive.evidence_suggestions(id)?;
            output::commitment(&c, &suggestions, json)
        }
        CommitmentAction::Set {
            id,
            status,
            date,
            evidence,
            passage,
            note,
            due,
            reason,
        } => {
            let update = CommitmentUpdate {
                status: status
                    .map(|s| {
                        Status::parse(&s).with_context(|| {
                            format!("unknown status {s:?}; use open, met, partly-met or withdrawn")
                        })
                    })
                    .transpose()?,
                date: date.as_deref().map(parse_day).transpose()?,
                evidence,
                passage,
                note,
                due: due.as_deref().map(parse_day).transpose()?,
                reason,
            };
            archive.update_commitment(id, &update)?;
            let c = archive.commitment(
                id,
                update
                    .date
                    .unwrap_or_else(|| chrono::Local::now().date_naive()),
            )?;
            output::commitment(&c, &[], json)
        }
        CommitmentAction::Add {
            text,
            actor,
            date,
            due,
            source,
            quote,
        } => {
            let new = NewCommitment {
                text,
                actor,
                date: parse_day(&date)?,
                due: due.as_deref().map(parse_day).transpose()?,
                due_kind: None,
                source,
                quote,
            };
            let id = archive.add_commitment(&new)?;
            let c = archive.commitment(id, chrono::Local::now().date_naive().max(new.date))?;
            output::commitment(&c, &[], json)
        }
    }
}

fn deadlines(
    tsv: Option<PathBuf>,
    date: Option<String>,
    sentence: Option<String>,
    explain: bool,
    json: bool,
) -> anyhow::Result<()> {
    use raadsvolger_core::extract::deadlines::{
        DeadlineContext, explain_deadlines, extract_deadlines,
    };
    if let Some(sentence) = sentence {
        let date = day(date.as_deref())?;
        if explain {
            let explained = explain_deadlines(&sentence, date, &DeadlineContext::default());
            return output::explained_deadlines(&explained, json);
        }
        let found = extract_deadlines(&sentence, date);
        return output::deadlines(None, &found, json);
    }
    let Some(path) = tsv else {
        anyhow::bail!("give a sentence, or --tsv FILE");
    };
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| h.trim() == name);
    let (Some(id_col), Some(date_col), Some(sentence_col)) =
        (col("id"), col("doc_date"), col("sentence"))
    else {
        let missing: Vec<&str> = ["id", "doc_date", "sentence"]
            .into_iter()
            .filter(|c| col(c).is_none())
            .collect();
        anyhow::bail!(
            "{}: the header lacks the column(s) {}; it needs id, doc_date and sentence, separated by tabs",
            path.display(),
            missing.join(", ")
        );
    };
    for (n, line) in lines.enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split('\t').collect();
        let cell = |i: usize| cells.get(i).copied().unwrap_or_default();
        let date = parse_day(cell(date_col))
            .with_context(|| format!("{} line {}", path.display(), n + 2))?;
        let found = extract_deadlines(cell(sentence_col), date);
        output::deadlines(Some(cell(id_col)), &found, json)?;
    }
    Ok(())
}

fn export(
    archive: &Archive,
    format: ExportFormat,
    as_of: NaiveDate,
    out: Option<PathBuf>,
    json: bool,
) -> anyhow::Result<()> {
    use raadsvolger_core::export::{self, Format, REPORT_TITLE};
    let write = |path: &std::path::Path, content: &str| {
        raadsvolger_core::files::write_whole(path, content.as_bytes())
    };
    if let ExportFormat::Popolo = format {
        let popolo = serde_json::to_string_pretty(&archive.export_popolo()?)?;
        match &out {
            Some(path) => {
                write(path, &popolo)?;
                if json {
                    println!("{}", serde_json::json!({"written": path}));
                }
            }
            None => println!("{popolo}"),
        }
        return Ok(());
    }
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let format = match format {
        ExportFormat::Popolo => unreachable!("handled above"),
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Ics => Format::Ics { stamp: &stamp },
        ExportFormat::Report => Format::ReportMarkdown,
    };
    let made = archive.export(format, as_of)?;
    match &out {
        Some(path) => {
            write(path, &made.content)?;
            if format == Format::ReportMarkdown {
                let html = export::report_html(&made.content, REPORT_TITLE);
                write(&path.with_extension("html"), &html)?;
            }
        }
        None => print!("{}", made.content),
    }
    if json {
        if let Some(path) = out {
            println!(
                "{}",
                serde_json::json!({"written": path, "commitments": made.commitments})
            );
        }
    }
    Ok(())
}
