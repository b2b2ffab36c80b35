//! A council's own settings, kept in its archive: its name, its recess dates and how many days
//! before a deadline it counts as "termijn nadert". These are the locale data the extractors
//! and the commitment flags use in place of the defaults; its parties and their aliases are
//! kept beside them (`Archive::parties`).
//!
//! Recess dates act when commitments are read: a deadline "voor het zomerreces" that no person
//! set by hand is dated by the archive's summer recess, so changing the recess moves it.

use serde::{Deserialize, Serialize};

use crate::Archive;
use crate::commitments::DEFAULT_DUE_SOON_DAYS;
use crate::error::{Error, Result};
pub use crate::extract::deadlines::Recess;

const KEY: &str = "council.settings";

/// What a council sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilSettings {
    pub council_name: Option<String>,
    /// Days before a deadline that it counts as approaching ("termijn nadert").
    pub due_soon_days: i64,
    /// The council's recesses; a recess not listed keeps the default dates.
    pub recesses: Vec<Recess>,
}

impl Default for CouncilSettings {
    fn default() -> Self {
        CouncilSettings {
            council_name: None,
            due_soon_days: DEFAULT_DUE_SOON_DAYS,
            recesses: Vec::new(),
        }
    }
}

impl CouncilSettings {
    fn validate(&self) -> Result<()> {
        if !(0..=365).contains(&self.due_soon_days) {
            return Err(Error::rule(
                "due-soon-days",
                self.due_soon_days.to_string(),
                format!("due soon days {}: between 0 and 365", self.due_soon_days),
            ));
        }
        for r in &self.recesses {
            r.validate()
                .map_err(|message| Error::rule("recess", r.name.clone(), message))?;
        }
        Ok(())
    }
}

impl Archive {
    /// The council's settings (the defaults where nothing was set).
    pub fn council_settings(&self) -> Result<CouncilSettings> {
        let stored = self.reader()?.get_setting(KEY)?;
        Ok(stored
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default())
    }

    /// Saves the council's settings after checking them; a bad recess date is refused with the
    /// recess and what is wrong, and nothing is saved.
    pub fn set_council_settings(&self, settings: &CouncilSettings) -> Result<CouncilSettings> {
        settings.validate()?;
        let mut clean = settings.clone();
        clean.council_name = clean
            .council_name
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty());
        let json = serde_json::to_string(&clean)?;
        self.write(|| self.store()?.set_setting(KEY, &json))?;
        Ok(clean)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_bad_recesses_are_refused() {
        let dir = tempfile::tempdir().expect("tmp");
        let archive = Archive::open(dir.path()).expect("open");
        assert_eq!(
            archive.council_settings().expect("read"),
            CouncilSettings::default()
        );
        let mut s = CouncilSettings {
            council_name: Some("  Gemeenteraad Lindenhof ".into()),
            due_soon_days: 14,
            recesses: vec![Recess {
                name: "zomerreces".into(),
                start: "07-11".into(),
                end: "08-24".into(),
            }],
        };
        let saved = archive.set_council_settings(&s).expect("saved");
        assert_eq!(
            saved.council_name.as_deref(),
            Some("Gemeenteraad Lindenhof")
        );
        assert_eq!(archive.council_settings().expect("read"), saved);
        s.recesses[0].start = "13-01".into();
        let err = archive.set_council_settings(&s).expect_err("no 13th month");
        assert!(err.to_string().contains("zomerreces: start"), "{err}");
        s.recesses[0] = Recess {
            name: "paasreces".into(),
            start: "04-01".into(),
            end: "04-10".into(),
        };
        assert!(archive.set_council_settings(&s).is_err());
        // Nothing of a refused change was saved.
        assert_eq!(archive.council_settings().expect("read"), saved);
    }
}
