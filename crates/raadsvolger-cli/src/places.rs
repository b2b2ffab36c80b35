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

fn config_dir(config: Option<PathBuf>) -> PathBuf {
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
        println!("{:<16} {:<10} {:<8} {}", c.name, c.kind, c.system, c.key);
    }
    Ok(())
}

/// Adds a council to the user's own table in the configuration folder.
pub fn add_council(
    name: &str,
    kind: &str,
    system: &str,
    key: &str,
    config: Option<PathBuf>,
) -> Result<()> {
    let own = config_dir(config).join("councils.tsv");
    councils::add_own(
        &own,
        councils::Council {
            name: name.to_owned(),
            kind: kind.to_owned(),
            system: system.to_owned(),
            key: key.to_owned(),
            source: "added with raadsvolger councils --add".into(),
        },
    )?;
    Ok(())
}

pub fn archives(action: Option<ArchivesAction>, config: Option<PathBuf>, json: bool) -> Result<()> {
    let dir = config_dir(config);
    let mut list = ArchiveList::load(&dir)?;
    match action {
        None => {}
        Some(ArchivesAction::Add { folder, name }) => {
            let folder = absolute(&folder)?;
            list.remember(&folder, &name, false);
            list.save(&dir)?;
        }
        Some(ArchivesAction::Forget { folder }) => {
            let folder = absolute(&folder)?;
            if !list.forget(&folder) {
                anyhow::bail!("{} is not on the list", folder.display());
            }
            list.save(&dir)?;
        }
    }
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
