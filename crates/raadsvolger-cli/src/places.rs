//! `raadsvolger councils` (the table the first run chooses from) and `raadsvolger archives`
//! (the archive folders kept side by side, as the app's switcher lists them). Neither opens an
//! archive.

use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::Subcommand;
use raadsvolger_core::archives::{self, ArchiveList};
use raadsvolger_core::councils;

use crate::output::print_json;

#[derive(Debug, Subcommand)]
pub enum ArchivesAction {
    /// Remember a folder (the app's switcher lists it)
    Add {
        folder: PathBuf,
        #[arg(long, default_value = "")]
        name: String,
    },
    /// Take a folder off the list (the folder itself stays)
    Forget { folder: PathBuf },
}

pub(crate) fn config_dir(config: Option<PathBuf>) -> PathBuf {
    config.unwrap_or_else(archives::default_config_dir)
}

/// The councils whose name holds `search` (the user's own `councils.tsv` in the configuration
/// folder when there is one, else the table shipped).
pub fn councils(search: &str, config: Option<PathBuf>, json: bool) -> Result<()> {
    let own = config_dir(config).join("councils.tsv");
    let all = councils::councils(Some(&own))?;
    let found = councils::find(&all, search);
    if json {
        return print_json(&found);
    }
    for c in found {
        let key = if c.key.is_empty() {
            &c.base_url
        } else {
            &c.key
        };
        let route = if c.route != c.system {
            format!(" (via {})", c.route)
        } else {
            String::new()
        };
        let merged = if c.successor.is_empty() {
            String::new()
        } else {
            format!(", merged into {} on {}", c.successor, c.discontinued_on)
        };
        println!(
            "{:<28} {:<10} {:<6} {:<9} {key}{route}{merged}",
            c.name, c.kind, c.cbs_code, c.system
        );
    }
    Ok(())
}

/// A council the user adds to their own table.
pub struct NewCouncil<'a> {
    pub name: &'a str,
    pub kind: &'a str,
    pub system: &'a str,
    pub key: &'a str,
    pub base_url: &'a str,
}

/// Adds a council to the user's own table in the configuration folder (for GemeenteOplossingen
/// the key may be the installation's address).
pub fn add_council(new: &NewCouncil<'_>, config: Option<PathBuf>) -> Result<()> {
    let own = config_dir(config).join("councils.tsv");
    councils::add_own(
        &own,
        councils::Council {
            name: new.name.to_owned(),
            kind: new.kind.to_owned(),
            system: new.system.to_owned(),
            key: new.key.to_owned(),
            base_url: new.base_url.to_owned(),
            source: "added with raadsvolger councils --add".into(),
            ..councils::Council::default()
        },
    )?;
    Ok(())
}

pub fn archives(action: Option<ArchivesAction>, config: Option<PathBuf>, json: bool) -> Result<()> {
    let dir = config_dir(config);
    match action {
        None => {}
        Some(ArchivesAction::Add { folder, name }) => {
            let folder = absolute(&folder)?;
            ArchiveList::update(&dir, |list| {
                list.remember(&folder, &name, false);
            })?;
        }
        Some(ArchivesAction::Forget { folder }) => {
            let folder = absolute(&folder)?;
            if !ArchiveList::update(&dir, |list| list.forget(&folder))? {
                anyhow::bail!("{} is not on the list", folder.display());
            }
        }
    }
    let list = ArchiveList::load(&dir)?;
    if json {
        return print_json(&list);
    }
    for a in &list.archives {
        let tag = if a.example { " (voorbeeld)" } else { "" };
        println!("{}{tag}\t{}", a.name, a.path.display());
    }
    Ok(())
}

fn absolute(path: &Path) -> Result<PathBuf> {
    Ok(std::path::absolute(path)?)
}
