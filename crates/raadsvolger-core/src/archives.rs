//! The archives a user keeps side by side (the council's own, a party's working archive, the
//! example dossier): a list of folders in `archives.json` in the app's configuration folder.
//! Each archive is a folder as always; the list only remembers where they are.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The configuration folder's name for the list.
pub const FILE: &str = "archives.json";
/// Environment variable for another configuration folder (tests, a second setup).
pub const CONFIG_ENV: &str = "RAADSVOLGER_CONFIG";

/// One archive folder the user has opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownArchive {
    pub path: PathBuf,
    pub name: String,
    /// The example dossier's own folder (never a council's archive).
    #[serde(default)]
    pub example: bool,
}

/// The list, as kept in `<config>/archives.json`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ArchiveList {
    pub archives: Vec<KnownArchive>,
}

/// `$RAADSVOLGER_CONFIG`, else the platform's configuration folder (`~/.config/raadsvolger`).
pub fn default_config_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(CONFIG_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::config_dir()
        .map(|d| d.join("raadsvolger"))
        .unwrap_or_else(|| PathBuf::from("raadsvolger-config"))
}

/// The example dossier's own archive folder, beside the list.
pub fn example_dir(config_dir: &Path) -> PathBuf {
    config_dir.join("voorbeelddossier")
}

fn same(a: &Path, b: &Path) -> bool {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    canon(a) == canon(b)
}

impl ArchiveList {
    /// Reads the list, lets `change` change it and writes it back, all while holding the
    /// list's own lock (`archives.json.lock`): two windows or a window and the command line
    /// that change the list at once take turns, and neither loses the other's entry.
    pub fn update<T>(config_dir: &Path, change: impl FnOnce(&mut ArchiveList) -> T) -> Result<T> {
        std::fs::create_dir_all(config_dir)
            .map_err(|e| Error::io(format!("creating {}", config_dir.display()), e))?;
        let path = config_dir.join(format!("{FILE}.lock"));
        let mut lock = fd_lock::RwLock::new(crate::lock::open_lock_file(&path)?);
        let _held = lock
            .write()
            .map_err(|e| Error::io(format!("cannot lock {}", path.display()), e))?;
        let mut list = ArchiveList::load(config_dir)?;
        let out = change(&mut list);
        list.save(config_dir)?;
        Ok(out)
    }

    /// Reads the list (none yet: an empty list).
    pub fn load(config_dir: &Path) -> Result<Self> {
        let file = config_dir.join(FILE);
        match std::fs::read_to_string(&file) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| {
                Error::InvalidInput(format!("{}: not a list of archives: {e}", file.display()))
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(ArchiveList::default()),
            Err(e) => Err(Error::io(format!("reading {}", file.display()), e)),
        }
    }

    /// Writes the list (to a temporary file first, then renamed over the old one). To change
    /// the list as it is on disk, use [`ArchiveList::update`].
    pub fn save(&self, config_dir: &Path) -> Result<()> {
        std::fs::create_dir_all(config_dir)
            .map_err(|e| Error::io(format!("creating {}", config_dir.display()), e))?;
        let json = serde_json::to_string_pretty(self)?;
        crate::files::write_whole(&config_dir.join(FILE), json.as_bytes())
    }

    /// Adds a folder (or renames it when it is there already); `name` empty: the folder's name.
    pub fn remember(&mut self, path: &Path, name: &str, example: bool) -> &KnownArchive {
        let name = if name.trim().is_empty() {
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string())
        } else {
            name.trim().to_owned()
        };
        let at = match self.archives.iter().position(|a| same(&a.path, path)) {
            Some(i) => {
                self.archives[i].name = name;
                self.archives[i].example |= example;
                i
            }
            None => {
                self.archives.push(KnownArchive {
                    path: path.to_path_buf(),
                    name,
                    example,
                });
                self.archives.len() - 1
            }
        };
        &self.archives[at]
    }

    /// Takes a folder off the list (the folder itself is left alone); false when not listed.
    pub fn forget(&mut self, path: &Path) -> bool {
        let before = self.archives.len();
        self.archives.retain(|a| !same(&a.path, path));
        self.archives.len() != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_survives_a_round_trip_and_keeps_one_entry_per_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(
            ArchiveList::load(dir.path())
                .expect("loads")
                .archives
                .is_empty()
        );
        let mut list = ArchiveList::default();
        let raad = dir.path().join("raad");
        list.remember(&raad, "", false);
        list.remember(&raad, "Gemeenteraad Almere", false);
        list.remember(&example_dir(dir.path()), "Voorbeelddossier", true);
        list.save(dir.path()).expect("saves");
        let back = ArchiveList::load(dir.path()).expect("loads");
        assert_eq!(back.archives.len(), 2);
        assert_eq!(back.archives[0].name, "Gemeenteraad Almere");
        assert!(back.archives[1].example);
        let mut back = back;
        assert!(back.forget(&raad));
        assert!(!back.forget(&raad));
    }

    #[test]
    fn changes_made_at_once_are_all_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = dir.path().to_path_buf();
        let writers: Vec<_> = (0..4)
            .map(|w| {
                let config = config.clone();
                std::thread::spawn(move || {
                    for i in 0..10 {
                        ArchiveList::update(&config, |list| {
                            list.remember(&config.join(format!("archief-{w}-{i}")), "", false)
                                .clone()
                        })
                        .expect("update");
                    }
                })
            })
            .collect();
        for w in writers {
            w.join().expect("writer");
        }
        assert_eq!(
            ArchiveList::load(&config).expect("loads").archives.len(),
            40
        );
    }
}
