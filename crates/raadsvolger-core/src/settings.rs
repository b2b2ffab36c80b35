//! A council's own settings, kept in its archive: its name, its recess dates and how many days
//! before a deadline it counts as "termijn nadert". These are the locale data the extractors
//! and the commitment flags use in place of the defaults; its parties and their aliases are
//! kept beside them (`Archive::parties`).
//!
//! Recess dates act when commitments are read: a deadline "voor het zomerreces" that no person
//! set by hand is dated by the archive's summer recess, so changing the recess moves it.
//!
//! The window's language (`nl` or `en`) and the shape of the council's own numbers are kept
//! here too. A council-number format is written as clerks write their numbers, `J` for a digit
//! of the year and `N` for a digit of the serial number (`JJJJ-NNN` for "2024-013", `RV JJJJ/N`
//! with one or more digits after the slash when the format ends in a single `N`), or as a
//! regular expression between slashes (`/^M\d{4}-\d+$/`); [`CouncilNumberFormat`] is what the
//! extractors can match against.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
pub use crate::extract::deadlines::Recess;

/// Days ahead within which an open deadline counts as "due soon", unless told otherwise.
pub const DEFAULT_DUE_SOON_DAYS: i64 = 30;
use crate::tx::{Read, Tx};

const KEY: &str = "council.settings";

/// The window's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Nl,
    En,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }

    /// `nl` or `en`; anything else is refused (rule `language`).
    pub fn parse(text: &str) -> Result<Language> {
        match text.trim().to_lowercase().as_str() {
            "nl" => Ok(Language::Nl),
            "en" => Ok(Language::En),
            other => Err(Error::rule(
                "language",
                other,
                format!("language {other:?}: nl or en"),
            )),
        }
    }
}

/// What a council sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilSettings {
    pub council_name: Option<String>,
    /// Days before a deadline that it counts as approaching ("termijn nadert").
    pub due_soon_days: i64,
    /// The council's recesses; a recess not listed keeps the default dates.
    pub recesses: Vec<Recess>,
    /// The window's language.
    #[serde(default)]
    pub language: Language,
    /// The shape of the council's own numbers (see [`CouncilNumberFormat`]); none: any.
    #[serde(default)]
    pub council_number_format: Option<String>,
}

impl Default for CouncilSettings {
    fn default() -> Self {
        CouncilSettings {
            council_name: None,
            due_soon_days: DEFAULT_DUE_SOON_DAYS,
            recesses: Vec::new(),
            language: Language::default(),
            council_number_format: None,
        }
    }
}

/// A council-number format, read: what a number of the council looks like.
#[derive(Debug, Clone)]
pub struct CouncilNumberFormat {
    /// As written in the settings.
    pub written: String,
    regex: regex::Regex,
}

impl CouncilNumberFormat {
    /// The longest format taken.
    const MAX_LEN: usize = 200;

    /// Reads `JJJJ-NNN` or `/regex/`; a format that names no number, or a regular expression
    /// that does not compile, is refused (rule `council-number-format`) with what is wrong.
    pub fn parse(written: &str) -> Result<CouncilNumberFormat> {
        let written = written.trim();
        let refuse = |why: String| Error::rule("council-number-format", written, why);
        if written.is_empty() {
            return Err(refuse("the council-number format is empty".into()));
        }
        if written.chars().count() > Self::MAX_LEN {
            return Err(refuse(format!(
                "the council-number format is longer than {} characters",
                Self::MAX_LEN
            )));
        }
        let pattern = match written
            .strip_prefix('/')
            .and_then(|rest| rest.strip_suffix('/'))
        {
            Some(regex) if !regex.is_empty() => regex.to_owned(),
            Some(_) => {
                return Err(refuse(
                    "the regular expression between the slashes is empty".into(),
                ));
            }
            None => Self::from_letters(written).map_err(refuse)?,
        };
        let regex = regex::RegexBuilder::new(&pattern)
            .size_limit(1 << 20)
            .build()
            .map_err(|e| refuse(format!("not a regular expression: {e}")))?;
        Ok(CouncilNumberFormat {
            written: written.to_owned(),
            regex,
        })
    }

    /// `JJJJ-NNN` as a regular expression: `J` a digit of the year, `N` a digit of the number
    /// (a last lone `N`: one or more digits), everything else as written.
    fn from_letters(written: &str) -> std::result::Result<String, String> {
        if !written.contains('N') {
            return Err(format!(
                "{written:?} has no N for the digits of the number (write e.g. JJJJ-NNN, or a regular expression between slashes)"
            ));
        }
        let chars: Vec<char> = written.chars().collect();
        let mut out = String::from("^");
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let run = chars[i..].iter().take_while(|&&d| d == c).count();
            match c {
                'J' if run != 2 && run != 4 => {
                    return Err(format!(
                        "{written:?}: a year is JJJJ (or JJ), not {}",
                        "J".repeat(run)
                    ));
                }
                'J' | 'N' if run == 1 && c == 'N' && i + run == chars.len() => {
                    out.push_str("\\d+");
                }
                'J' | 'N' => out.push_str(&format!("\\d{{{run}}}")),
                _ => {
                    for d in &chars[i..i + run] {
                        out.push_str(&regex::escape(&d.to_string()));
                    }
                }
            }
            i += run;
        }
        out.push('$');
        Ok(out)
    }

    /// True when `number` has this shape.
    pub fn matches(&self, number: &str) -> bool {
        self.regex.is_match(number.trim())
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
        self.number_format()?;
        Ok(())
    }

    /// The council-number format, read; `None` when none is set.
    pub fn number_format(&self) -> Result<Option<CouncilNumberFormat>> {
        self.council_number_format
            .as_deref()
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(CouncilNumberFormat::parse)
            .transpose()
    }
}

/// The council's settings (the defaults where nothing was set).
pub(crate) fn council_settings(r: &Read<'_>) -> Result<CouncilSettings> {
    let stored = r.reader()?.get_setting(KEY)?;
    Ok(stored
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default())
}

/// Saves the council's settings after checking them; a bad recess date is refused with the
/// recess and what is wrong, and nothing is saved.
pub(crate) fn set_council_settings(
    tx: &Tx<'_>,
    settings: &CouncilSettings,
) -> Result<CouncilSettings> {
    settings.validate()?;
    let mut clean = settings.clone();
    clean.council_name = clean
        .council_name
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty());
    clean.council_number_format = clean
        .council_number_format
        .map(|f| f.trim().to_owned())
        .filter(|f| !f.is_empty());
    let json = serde_json::to_string(&clean)?;
    tx.store()?.set_setting(KEY, &json)?;
    Ok(clean)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Archive;

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
            ..Default::default()
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

    #[test]
    fn language_and_number_format_are_stored_and_checked() {
        let dir = tempfile::tempdir().expect("tmp");
        let archive = Archive::open(dir.path()).expect("open");
        let s = CouncilSettings {
            language: Language::En,
            council_number_format: Some(" JJJJ-NNN ".into()),
            ..Default::default()
        };
        let saved = archive.set_council_settings(&s).expect("saved");
        assert_eq!(saved.council_number_format.as_deref(), Some("JJJJ-NNN"));
        let read = archive.council_settings().expect("read");
        assert_eq!(read.language, Language::En);
        let format = read.number_format().expect("valid").expect("set");
        assert!(format.matches("2024-013"));
        assert!(!format.matches("2024-13"));
        assert!(!format.matches("24-013"));

        for (bad, says) in [
            ("NNN-", "not found"),
            ("JJJ-NNN", "a year is JJJJ"),
            ("RV-JJJJ", "no N"),
            ("/M(\\d+/", "not a regular expression"),
            ("//", "empty"),
        ] {
            let refused = CouncilSettings {
                council_number_format: Some(bad.into()),
                ..Default::default()
            };
            match archive.set_council_settings(&refused) {
                Err(Error::Rule {
                    rule,
                    value,
                    message,
                }) => {
                    assert_eq!(rule, "council-number-format", "{bad}");
                    assert_eq!(value, bad, "{bad}");
                    assert!(
                        says == "not found" || message.contains(says),
                        "{bad}: {message}"
                    );
                }
                Ok(_) if says == "not found" => {}
                other => panic!("{bad}: {other:?}"),
            }
        }
        assert_eq!(
            archive
                .council_settings()
                .expect("read")
                .council_number_format
                .as_deref(),
            Some("NNN-"),
            "a format with a number and a dash is fine"
        );
        assert!(Language::parse("fr").is_err());
        assert_eq!(Language::parse(" EN ").expect("en"), Language::En);
    }

    #[test]
    fn number_formats_read_as_clerks_write_them() {
        let f = CouncilNumberFormat::parse("RV JJJJ/N").expect("valid");
        assert!(f.matches("RV 2023/7"));
        assert!(f.matches("RV 2023/1234"));
        assert!(!f.matches("RV 2023/"));
        assert!(!f.matches("rv 2023/7"));
        let f = CouncilNumberFormat::parse("M.JJ.NN").expect("valid");
        assert!(f.matches("M.23.07"));
        assert!(!f.matches("MX23X07"), "a dot is a dot");
        let f = CouncilNumberFormat::parse("/^M\\d{4}-\\d+$/").expect("valid");
        assert!(f.matches("M2026-14"));
        assert!(!f.matches("2026-14"));
    }
}
