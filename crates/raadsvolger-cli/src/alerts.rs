//! `raadsvolger alert ...`: saved searches that flag the documents that come in after them.

use anyhow::{Context, Result};
use clap::Subcommand;
use raadsvolger_core::{AlertFilters, AlertHit, Archive, DocKind, SavedSearch};

use crate::print_json;

#[derive(Subcommand)]
pub enum AlertAction {
    /// Save a search: from now on, documents that come in and match it are flagged as new
    Add {
        name: String,
        /// The query, as for `search` (may hold kind: year: from: to: party:)
        query: String,
        /// Only these kinds (motie, amendement, raadsvoorstel, ...)
        #[arg(long = "kind", value_name = "KIND")]
        kinds: Vec<String>,
        /// Only documents naming this party (CU, PvdA, ...)
        #[arg(long = "party", value_name = "PARTY")]
        parties: Vec<String>,
        /// Only documents dated on or after this day (YYYY-MM-DD or a year)
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Only documents dated on or before this day
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
    },
    /// The saved searches, each with how many new documents it flagged
    List,
    /// The new documents a saved search flagged (all of them with --all)
    Show {
        id: i64,
        #[arg(long)]
        all: bool,
    },
    /// Mark the documents a saved search flagged as seen
    Seen { id: i64 },
    /// Delete a saved search
    Delete { id: i64 },
}

/// The filters of `search` and `alert add`: kinds and parties checked, dates as the query
/// language reads them.
pub(crate) fn filters(
    kinds: Vec<String>,
    parties: Vec<String>,
    from: Option<String>,
    to: Option<String>,
) -> Result<AlertFilters> {
    let mut f = AlertFilters::default();
    for k in kinds {
        f.kinds.push(DocKind::parse(&k).with_context(|| {
            format!("unknown kind {k:?}; known kinds: {}", DocKind::all_keys())
        })?);
    }
    for p in parties {
        let canon = raadsvolger_core::extract::parties::canonical(&p)
            .with_context(|| format!("unknown party {p:?}"))?;
        f.parties.push(canon.to_owned());
    }
    f.from = from
        .map(|d| raadsvolger_core::index::query::parse_date("--from", &d, true))
        .transpose()?;
    f.to = to
        .map(|d| raadsvolger_core::index::query::parse_date("--to", &d, false))
        .transpose()?;
    Ok(f)
}

fn describe(s: &SavedSearch) -> String {
    let mut parts = vec![format!("{:?}", s.query)];
    let f = &s.filters;
    if !f.kinds.is_empty() {
        let kinds: Vec<&str> = f.kinds.iter().map(|k| k.as_str()).collect();
        parts.push(format!("soort {}", kinds.join(", ")));
    }
    if !f.parties.is_empty() {
        parts.push(format!("partij {}", f.parties.join(", ")));
    }
    if let Some(d) = f.from {
        parts.push(format!("vanaf {d}"));
    }
    if let Some(d) = f.to {
        parts.push(format!("tot en met {d}"));
    }
    parts.join("; ")
}

fn print_search(s: &SavedSearch) {
    println!(
        "#{:<4} {:<28} {:>3} nieuw   {}",
        s.id,
        s.name,
        s.new_count,
        describe(s)
    );
}

fn print_hit(h: &AlertHit) {
    println!(
        "{} #{:<5} {} {:<20} {}",
        if h.seen { " " } else { "*" },
        h.id,
        h.date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "----------".into()),
        h.kind.as_str(),
        h.title
    );
}

pub fn alert(archive: &Archive, action: AlertAction, json: bool) -> Result<()> {
    match action {
        AlertAction::Add {
            name,
            query,
            kinds,
            parties,
            from,
            to,
        } => {
            let saved = archive.save_search(&name, &query, &filters(kinds, parties, from, to)?)?;
            if json {
                return print_json(&saved);
            }
            println!(
                "Zoekopdracht #{} bewaard: nieuwe documenten die erbij passen worden gemarkeerd.",
                saved.id
            );
        }
        AlertAction::List => {
            let searches = archive.saved_searches()?;
            if json {
                return print_json(&searches);
            }
            if searches.is_empty() {
                println!(
                    "Nog geen bewaarde zoekopdrachten (raadsvolger alert add NAAM ZOEKVRAAG)."
                );
            }
            for s in &searches {
                print_search(s);
            }
        }
        AlertAction::Show { id, all } => {
            let search = archive.saved_search(id)?;
            let hits = archive.alert_hits(id, !all)?;
            if json {
                return print_json(&serde_json::json!({"search": search, "hits": hits}));
            }
            print_search(&search);
            if hits.is_empty() {
                println!(
                    "{}",
                    if all {
                        "Nog niets gevonden."
                    } else {
                        "Niets nieuws sinds uw laatste bezoek."
                    }
                );
            }
            for h in &hits {
                print_hit(h);
            }
        }
        AlertAction::Seen { id } => {
            let search = archive.mark_seen(id)?;
            if json {
                return print_json(&search);
            }
            println!("Gezien: #{} {}", search.id, search.name);
        }
        AlertAction::Delete { id } => {
            archive.delete_saved_search(id)?;
            if json {
                return print_json(&serde_json::json!({"id": id, "ok": true}));
            }
            println!("Zoekopdracht #{id} verwijderd.");
        }
    }
    Ok(())
}
