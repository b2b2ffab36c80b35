//! The councils Raadsvolger can set up in one step: a table kept in the repository
//! (`data/councils.tsv`) of each council's name, kind, the system that publishes its register and
//! its key in that system. A user's own table (same columns) can stand in for it.

use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::sync::System;

/// The table as shipped.
pub const BUILT_IN: &str = include_str!("../../../data/councils.tsv");

/// One council and where its register is published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Council {
    pub name: String,
    /// `gemeente`, `provincie`, `waterschap` or `parlement`.
    pub kind: String,
    /// `notubiz`, `ibabs`, `tk` or `ori`.
    pub system: String,
    /// The council's key in that system (NotuBiz organisation id, iBabs site name, ...).
    pub key: String,
    /// Where the key was read.
    pub source: String,
}

/// Reads a table: `#` lines and the header are skipped; a bad line is an error naming it.
pub fn parse(text: &str) -> Result<Vec<Council>> {
    let mut councils = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("name\t") {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        let bad =
            |what: &str| Error::InvalidInput(format!("councils table, line {}: {what}", i + 1));
        if cols.len() < 4 {
            return Err(bad("expected name, kind, system, key (tab-separated)"));
        }
        if System::parse(cols[2]).is_none() {
            return Err(bad(&format!("unknown system {:?}", cols[2])));
        }
        if cols[0].is_empty() || cols[3].is_empty() {
            return Err(bad("a council needs its name and key"));
        }
        councils.push(Council {
            name: cols[0].to_owned(),
            kind: cols[1].to_owned(),
            system: cols[2].to_ascii_lowercase(),
            key: cols[3].to_owned(),
            source: cols.get(4).copied().unwrap_or_default().to_owned(),
        });
    }
    councils.sort_by_key(|c| c.name.to_lowercase());
    Ok(councils)
}

/// The councils: from `own` when that file exists (a user's table), else the built-in table.
pub fn councils(own: Option<&Path>) -> Result<Vec<Council>> {
    match own.filter(|p| p.is_file()) {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
            parse(&text)
        }
        None => parse(BUILT_IN),
    }
}

/// Adds a council to the user's own table `own` (made from the built-in one the first time), or
/// replaces the entry of the same name and system; returns the table as it is now.
pub fn add_own(own: &Path, council: Council) -> Result<Vec<Council>> {
    let line = [
        council.name.trim(),
        council.kind.trim(),
        council.system.trim(),
        council.key.trim(),
        council.source.trim(),
    ];
    if line.iter().any(|c| c.contains('\t') || c.contains('\n')) {
        return Err(Error::InvalidInput(
            "a council's fields cannot hold tabs or line breaks".into(),
        ));
    }
    // The new line is read as any line of the table: the same checks.
    let new = parse(&format!("{}\n", line.join("\t")))?;
    let mut all = councils(Some(own))?;
    all.retain(|c| !(c.name.eq_ignore_ascii_case(&new[0].name) && c.system == new[0].system));
    all.extend(new);
    all.sort_by_key(|c| c.name.to_lowercase());
    let mut text = String::from(
        "# Your own table of councils for Raadsvolger's first run (same columns as data/councils.tsv).\n\
         name\tkind\tsystem\tkey\tsource\n",
    );
    for c in &all {
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            c.name, c.kind, c.system, c.key, c.source
        ));
    }
    if let Some(dir) = own.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
    }
    std::fs::write(own, text).map_err(|e| Error::io(format!("writing {}", own.display()), e))?;
    Ok(all)
}

/// The councils whose name contains `text` (case and accents as typed; empty: all).
pub fn find<'a>(councils: &'a [Council], text: &str) -> Vec<&'a Council> {
    let needle = text.trim().to_lowercase();
    councils
        .iter()
        .filter(|c| needle.is_empty() || c.name.to_lowercase().contains(&needle))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_table_reads_and_knows_almere_and_flevoland() {
        let all = parse(BUILT_IN).expect("the shipped table is valid");
        let almere = all.iter().find(|c| c.name == "Almere").expect("Almere");
        assert_eq!(
            (almere.system.as_str(), almere.key.as_str()),
            ("notubiz", "952")
        );
        let flevoland = all
            .iter()
            .find(|c| c.name == "Flevoland")
            .expect("Flevoland");
        assert_eq!(flevoland.key, "2163");
        assert!(
            all.iter().all(|c| !c.source.is_empty()),
            "every key says where it came from"
        );
        assert_eq!(find(&all, "alme").len(), 1);
        assert!(find(&all, "").len() >= all.len());
    }

    #[test]
    fn an_own_council_is_added_beside_the_built_in_ones() {
        let dir = tempfile::tempdir().expect("temp dir");
        let own = dir.path().join("councils.tsv");
        let council = |key: &str| Council {
            name: "Ergens".into(),
            kind: "gemeente".into(),
            system: "notubiz".into(),
            key: key.into(),
            source: "eigen invoer".into(),
        };
        add_own(&own, council("1")).expect("added");
        let all = add_own(&own, council("2")).expect("replaced");
        let ergens: Vec<_> = all.iter().filter(|c| c.name == "Ergens").collect();
        assert_eq!(ergens.len(), 1);
        assert_eq!(ergens[0].key, "2");
        assert!(
            councils(Some(&own))
                .expect("reads")
                .iter()
                .any(|c| c.name == "Almere")
        );
        let bad = Council {
            system: "fax".into(),
            ..council("3")
        };
        assert!(add_own(&own, bad).is_err());
    }

    #[test]
    fn a_bad_line_is_named() {
        let e = parse("Ergens\tgemeente\tfax\t1\n").expect_err("unknown system");
        assert!(e.to_string().contains("line 1"), "{e}");
        assert!(parse("Ergens\tgemeente\n").is_err());
    }
}
