//! `raadsvolger sync` and `raadsvolger sources`: keeping the archive up to date with the
//! registers councils publish through.

use std::io::IsTerminal;
use std::time::Duration;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use raadsvolger_core::Archive;
use raadsvolger_core::sync::{
    HttpConfig, SourceInfo, SourceSpec, SyncOptions, SyncProgress, SyncReport, System,
};

use crate::output::print_json;

/// What every sync takes.
#[derive(Args, Clone)]
pub struct Common {
    /// The first day of meetings (and changes) to fetch
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// The last day of meetings to fetch
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Another address of the API (a mirror, or a local test server)
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Fetch only the documents about this topic (again for more; commas also separate).
    /// The meetings, agenda items and motions all come in. Without it: every document
    #[arg(long = "topic", value_name = "TOPIC")]
    topics: Vec<String>,
    /// Leave the attached documents for a later sync
    #[arg(long)]
    no_documents: bool,
    /// Least milliseconds between two requests
    #[arg(long, value_name = "MS", default_value_t = 250)]
    pace_ms: u64,
    /// Seconds a request may take, answer included
    #[arg(long, value_name = "S", default_value_t = 60)]
    timeout: u64,
}

#[derive(Subcommand, Clone)]
pub enum SyncCommand {
    /// A council on NotuBiz (Almere is organisation 952, Flevoland 2163)
    Notubiz {
        #[arg(long, value_name = "ID")]
        organisation: String,
        #[command(flatten)]
        common: Common,
    },
    /// A council on iBabs (by its site name, such as Utrecht)
    Ibabs {
        #[arg(long, value_name = "NAME")]
        site: String,
        #[command(flatten)]
        common: Common,
    },
    /// The Tweede Kamer's open data (motions, votes, toezeggingen)
    Tk {
        #[command(flatten)]
        common: Common,
    },
    /// A council in Open Raadsinformatie (by its index name, such as almere)
    Ori {
        #[arg(long, value_name = "NAME")]
        organisation: String,
        #[command(flatten)]
        common: Common,
    },
    /// A council of the councils table, by its name or CBS code: the table says which system
    /// publishes it, its key there and the route a sync takes (`raadsvolger councils`)
    Council {
        /// The council's name ("Almere") or CBS code ("GM0034")
        #[arg(value_name = "NAME|CBS_CODE")]
        council: String,
        /// gemeente, provincie or waterschap, when several bodies have the name
        #[arg(long)]
        kind: Option<String>,
        /// Talk to the council's own system, not the route the table gives (an iBabs council
        /// goes through openbesluitvorming, since iBabs answers only whitelisted servers)
        #[arg(long)]
        direct: bool,
        /// The app's configuration folder, for your own councils table
        #[arg(long, value_name = "DIR")]
        config: Option<std::path::PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// A council on GemeenteOplossingen: --base-url is its installation's API, as the
    /// catalogue gives it (https://raad.<gemeente>.nl/api); v1 or v2 is found out
    Go {
        #[command(flatten)]
        common: Common,
    },
    /// A council on Parlaeus: --base-url is its open-data endpoint
    /// (https://<gemeente>.parlaeus.nl/receive/opendata), --session the council's session id
    Parlaeus {
        #[arg(long, value_name = "ID")]
        session: String,
        #[command(flatten)]
        common: Common,
    },
    /// A council through openbesluitvorming's bulk export, which harvests every council's
    /// register (by its source key there, such as soest): the first sync reads the snapshot,
    /// later ones follow the change feed, deletions included
    Obv {
        #[arg(long, value_name = "KEY")]
        source: String,
        #[command(flatten)]
        common: Common,
    },
    /// Every source set up before, one after the other
    All {
        #[arg(long)]
        no_documents: bool,
    },
}

#[derive(Subcommand, Clone)]
pub enum SourcesAction {
    /// Remove a source (what it brought stays in the archive)
    Remove { id: i64 },
    /// Try a source's failed downloads again on its next sync
    RetryDownloads { id: i64 },
}

fn day(s: &Option<String>, what: &str) -> Result<Option<NaiveDate>> {
    s.as_deref()
        .map(|d| crate::parse_day(d).with_context(|| format!("{what} {d:?}")))
        .transpose()
}

fn options(common: Option<&Common>) -> HttpConfig {
    let mut http = HttpConfig::default();
    if let Some(c) = common {
        http.pace = Duration::from_millis(c.pace_ms);
        http.timeout = Duration::from_secs(c.timeout.max(1));
    }
    http
}

/// A spinner on stderr (on a terminal) that says where the sync is.
fn bar(enabled: bool) -> Option<ProgressBar> {
    (enabled && std::io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new_spinner();
        if let Ok(style) = ProgressStyle::with_template("{spinner} {elapsed} {wide_msg}") {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    })
}

fn run_one(
    archive: &Archive,
    spec: Option<&SourceSpec>,
    id: Option<i64>,
    http: HttpConfig,
    downloads: bool,
    json: bool,
) -> Result<SyncReport> {
    let bar = bar(!json);
    let show = |p: &SyncProgress| {
        if let Some(b) = &bar {
            let of = p.total.map(|t| format!("/{t}")).unwrap_or_default();
            b.set_message(format!("{} {}{of}: {}", p.stage, p.done, p.message));
        }
    };
    let opts = SyncOptions {
        http,
        downloads,
        progress: Some(&show),
        cancel: None,
    };
    let result = match (spec, id) {
        (Some(spec), _) => archive.sync(spec, &opts),
        (None, Some(id)) => archive.sync_source(id, &opts),
        (None, None) => anyhow::bail!("nothing to sync"),
    };
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    Ok(result?)
}

fn print_report(r: &SyncReport) {
    let c = &r.counts;
    let s = &r.source;
    println!(
        "{} {}: {} records from {} responses, {} unchanged, {} new documents ({} attached{}), {} problems ({} requests, {:.1} s){}",
        system_label(&s.system),
        s.key,
        c.records,
        c.responses,
        c.unchanged,
        c.documents,
        c.attached,
        if c.outside_topics > 0 {
            format!(", {} outside the topics", c.outside_topics)
        } else {
            String::new()
        },
        c.problems,
        c.requests,
        r.seconds,
        if r.resumed { ", resumed" } else { "" }
    );
    for p in &r.problems {
        println!("  problem: {p}");
    }
    for d in &s.failed_downloads {
        println!(
            "  download failed ({} tries, retried next sync): {} {}",
            d.attempts,
            d.title.as_deref().unwrap_or(&d.url),
            d.error.as_deref().unwrap_or("")
        );
    }
}

fn system_label(s: &str) -> &'static str {
    System::parse(s).map(System::label).unwrap_or("?")
}

pub fn sync(archive: &Archive, command: SyncCommand, json: bool) -> Result<()> {
    // The system, the council's key there, its own address (when the councils table knows it)
    // and the options typed.
    let (system, key, address, common) = match command {
        SyncCommand::Council {
            council,
            kind,
            direct,
            config,
            common,
        } => {
            let own = crate::places::config_dir(config).join("councils.tsv");
            let all = raadsvolger_core::councils::councils(Some(&own))?;
            let found = raadsvolger_core::councils::resolve(&all, &council, kind.as_deref())?;
            if !json && !found.successor.is_empty() {
                eprintln!(
                    "{} merged into {} on {}; its history is synced from {}",
                    found.name,
                    found.successor,
                    found.discontinued_on,
                    system_label(found.system.as_str())
                );
            }
            let route = found.route(direct)?;
            (route.system, route.key, route.base_url, common)
        }
        SyncCommand::All { no_documents } => {
            let sources = archive.sources()?;
            if sources.is_empty() {
                anyhow::bail!(
                    "no sources set up yet: start with `raadsvolger sync council NAME` (or notubiz, ibabs, tk, ori, obv, go, parlaeus)"
                );
            }
            let mut reports = Vec::new();
            for s in sources {
                let r = run_one(
                    archive,
                    None,
                    Some(s.id),
                    options(None),
                    !no_documents,
                    json,
                )?;
                if !json {
                    print_report(&r);
                }
                reports.push(r);
            }
            if json {
                print_json(&reports)?;
            }
            return Ok(());
        }
        SyncCommand::Notubiz {
            organisation,
            common,
        } => (System::Notubiz, organisation, None, common),
        SyncCommand::Ibabs { site, common } => (System::Ibabs, site, None, common),
        SyncCommand::Tk { common } => (System::Tk, String::new(), None, common),
        SyncCommand::Ori {
            organisation,
            common,
        } => (System::Ori, organisation, None, common),
        // A GemeenteOplossingen council is known by its installation's address.
        SyncCommand::Go { common } => (System::Go, String::new(), None, common),
        SyncCommand::Parlaeus { session, common } => (System::Parlaeus, session, None, common),
        SyncCommand::Obv { source, common } => (System::Obv, source, None, common),
    };
    let spec = SourceSpec {
        system: Some(system),
        key,
        base_url: common.base_url.clone().or(address),
        from: day(&common.from, "--from")?,
        to: day(&common.to, "--to")?,
        topics: common.topics.clone(),
    };
    let r = run_one(
        archive,
        Some(&spec),
        None,
        options(Some(&common)),
        !common.no_documents,
        json,
    )?;
    if json {
        print_json(&r)?;
    } else {
        print_report(&r);
    }
    Ok(())
}

fn print_source(s: &SourceInfo) {
    let last = s
        .last_finished
        .as_deref()
        .or(s.last_started.as_deref())
        .unwrap_or("never synced");
    let added = s
        .last_added
        .as_ref()
        .map(|a| {
            format!(
                "{} records, {} unchanged, {} documents, {} problems",
                a.records, a.unchanged, a.documents, a.problems
            )
        })
        .unwrap_or_default();
    println!(
        "{:>3}  {:<20} {:<14} {:<10} {}  {}",
        s.id,
        system_label(&s.system),
        s.key,
        s.last_status,
        last,
        added
    );
    if s.base_url
        != System::parse(&s.system)
            .map(System::default_base_url)
            .unwrap_or("")
    {
        println!("     at {}", s.base_url);
    }
    if !s.topics.is_empty() {
        println!("     only documents about: {}", s.topics.join(", "));
    }
    if s.pending_downloads > 0 || !s.failed_downloads.is_empty() || s.outside_topics > 0 {
        println!(
            "     downloads: {} waiting, {} failed, {} outside the topics",
            s.pending_downloads,
            s.failed_downloads.len(),
            s.outside_topics
        );
    }
    if let Some(e) = &s.last_error {
        println!("     error: {e}");
    }
}

pub fn sources(archive: &Archive, action: Option<SourcesAction>, json: bool) -> Result<()> {
    match action {
        Some(SourcesAction::Remove { id }) => {
            archive.remove_source(id)?;
            if json {
                print_json(&serde_json::json!({"removed": id}))?;
            } else {
                println!("source {id} removed (what it brought stays in the archive)");
            }
        }
        Some(SourcesAction::RetryDownloads { id }) => {
            let n = archive.retry_downloads(id)?;
            if json {
                print_json(&serde_json::json!({"source": id, "retried": n}))?;
            } else {
                println!("source {id}: {n} failed downloads will be tried again on its next sync");
            }
        }
        None => {
            let list = archive.sources()?;
            if json {
                print_json(&list)?;
            } else if list.is_empty() {
                println!(
                    "no sources yet: `raadsvolger sync notubiz --organisation 952` sets one up"
                );
            } else {
                for s in &list {
                    print_source(s);
                }
            }
        }
    }
    Ok(())
}

#[derive(Subcommand, Clone)]
pub enum ConflictAction {
    /// Keep your own correction
    Keep { id: i64 },
    /// Take the register's value
    Take { id: i64 },
}

/// Where a register says otherwise than a correction someone made.
pub fn conflicts(archive: &Archive, action: Option<ConflictAction>, json: bool) -> Result<()> {
    match action {
        Some(ConflictAction::Keep { id }) => {
            archive.keep_correction(id)?;
            if json {
                print_json(&serde_json::json!({"kept": id}))?;
            } else {
                println!("conflict {id}: your correction stays");
            }
        }
        Some(ConflictAction::Take { id }) => {
            archive.take_register_value(id)?;
            if json {
                print_json(&serde_json::json!({"taken": id}))?;
            } else {
                println!("conflict {id}: the register's value is taken");
            }
        }
        None => {
            let list = archive.register_conflicts()?;
            if json {
                print_json(&list)?;
            } else if list.is_empty() {
                println!("no conflicts: the registers agree with every correction");
            } else {
                for c in &list {
                    println!(
                        "{:>3}  {} {} ({}), {}: yours {:?}, {} {} says {:?}",
                        c.id,
                        c.target,
                        c.target_id,
                        c.label,
                        c.field,
                        c.user_value.as_deref().unwrap_or(""),
                        system_label(&c.system),
                        c.record_id,
                        c.register_value.as_deref().unwrap_or("")
                    );
                }
            }
        }
    }
    Ok(())
}
