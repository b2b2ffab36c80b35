//! The councils Raadsvolger can set up in one step: a table kept in the repository
//! (`data/councils.tsv`) of every body openbesluitvorming harvests — its name, kind, the system
//! that publishes its register and its key there, its CBS code, and for a merged municipality the
//! one it became. A user's own table (same columns, or the older five) can stand in for it.
//!
//! Each council has a *route*: the system a sync of it talks to. That is its own system, except
//! for iBabs: iBabs' API answers only servers it has whitelisted (ontola/openbesluitvorming
//! docs/ibabs-import-plan.md, "IP Whitelisting"; Open Raadsinformatie reaches it through a proxy
//! for the same reason), so an iBabs council is synced from openbesluitvorming's export, which
//! harvests it, unless the user asks for the direct route.

use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::lang::nl::name_key as fold;
use crate::model::system::{SourceSpec, System};

/// The table as shipped.
pub const BUILT_IN: &str = include_str!("../../../data/councils.tsv");

/// The columns of a table, in the order the shipped one has them.
const COLUMNS: [&str; 11] = [
    "name",
    "kind",
    "system",
    "key",
    "base_url",
    "cbs_code",
    "obv_key",
    "discontinued_on",
    "successor",
    "successor_cbs_code",
    "source",
];

/// The columns of a table written before the CBS codes came (and of a header-less table).
const OLD_COLUMNS: [&str; 5] = ["name", "kind", "system", "key", "source"];

/// One council and where its register is published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Council {
    pub name: String,
    /// `gemeente`, `provincie`, `waterschap` or `parlement`.
    pub kind: String,
    /// `notubiz`, `ibabs`, `go`, `parlaeus`, `tk` or `ori`.
    pub system: String,
    /// The council's key in that system (NotuBiz organisation id, iBabs site name, Parlaeus
    /// session id); empty for GemeenteOplossingen, whose councils are known by their address.
    pub key: String,
    /// The council's own installation (GemeenteOplossingen, Parlaeus); empty: the system's.
    pub base_url: String,
    /// The CBS municipality code (GM0034); empty for provinces and most water boards.
    pub cbs_code: String,
    /// The body's source key in openbesluitvorming's export.
    pub obv_key: String,
    /// The day a municipality merged into another (yyyy-mm-dd), if it did.
    pub discontinued_on: String,
    /// The municipality it merged into.
    pub successor: String,
    pub successor_cbs_code: String,
    /// The system a sync of this council talks to (see the module's text).
    pub route: String,
    /// Where the row's facts were read.
    pub source: String,
}

/// How a council is synced: the source to set up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub system: System,
    pub key: String,
    pub base_url: Option<String>,
}

impl Council {
    fn field(&self, column: &str) -> &str {
        match column {
            "name" => &self.name,
            "kind" => &self.kind,
            "system" => &self.system,
            "key" => &self.key,
            "base_url" => &self.base_url,
            "cbs_code" => &self.cbs_code,
            "obv_key" => &self.obv_key,
            "discontinued_on" => &self.discontinued_on,
            "successor" => &self.successor,
            "successor_cbs_code" => &self.successor_cbs_code,
            "source" => &self.source,
            _ => "",
        }
    }

    fn set(&mut self, column: &str, value: &str) {
        let value = value.to_owned();
        match column {
            "name" => self.name = value,
            "kind" => self.kind = value,
            "system" => self.system = value,
            "key" => self.key = value,
            "base_url" => self.base_url = value,
            "cbs_code" => self.cbs_code = value,
            "obv_key" => self.obv_key = value,
            "discontinued_on" => self.discontinued_on = value,
            "successor" => self.successor = value,
            "successor_cbs_code" => self.successor_cbs_code = value,
            "source" => self.source = value,
            _ => {}
        }
    }

    /// The system the council publishes through.
    pub fn system(&self) -> Option<System> {
        parse_system(&self.system)
    }

    /// The source a sync of this council sets up: its route (openbesluitvorming for iBabs when
    /// the body is known there), or its own system with `direct`.
    pub fn route(&self, direct: bool) -> Result<Route> {
        let system = self.system().ok_or_else(|| {
            Error::InvalidInput(format!("{}: unknown system {:?}", self.name, self.system))
        })?;
        let base_url = Some(self.base_url.clone()).filter(|b| !b.is_empty());
        if system == System::Ibabs && !direct && !self.obv_key.is_empty() {
            return Ok(Route {
                system: System::Obv,
                key: self.obv_key.clone(),
                base_url: None,
            });
        }
        Ok(Route {
            system,
            key: self.key.clone(),
            base_url,
        })
    }

    /// The source to set up for this council, from `from` on.
    pub fn source_spec(&self, direct: bool) -> Result<SourceSpec> {
        let route = self.route(direct)?;
        Ok(SourceSpec {
            system: Some(route.system),
            key: route.key,
            base_url: route.base_url,
            ..SourceSpec::default()
        })
    }
}

/// A system's name in a table: its own short name, or the catalogue's long one.
fn parse_system(s: &str) -> Option<System> {
    match s.trim().to_ascii_lowercase().as_str() {
        "gemeenteoplossingen" => Some(System::Go),
        "openbesluitvorming" => Some(System::Obv),
        other => System::parse(other),
    }
}

/// Reads a table: `#` lines are skipped, a header line names the columns (without one, the
/// older five); a bad line is an error naming it.
pub fn parse(text: &str) -> Result<Vec<Council>> {
    let mut councils = Vec::new();
    let mut columns: Vec<String> = OLD_COLUMNS.iter().map(|c| (*c).to_owned()).collect();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        if cols[0] == "name" {
            columns = cols.iter().map(|c| c.to_ascii_lowercase()).collect();
            continue;
        }
        let bad =
            |what: &str| Error::InvalidInput(format!("councils table, line {}: {what}", i + 1));
        if cols.len() < 4 {
            return Err(bad("expected name, kind, system, key (tab-separated)"));
        }
        let mut council = Council::default();
        for (column, value) in columns.iter().zip(&cols) {
            council.set(column, value);
        }
        let Some(system) = parse_system(&council.system) else {
            return Err(bad(&format!("unknown system {:?}", council.system)));
        };
        council.system = system.as_str().to_owned();
        if council.name.is_empty() {
            return Err(bad("a council needs its name"));
        }
        if council.key.is_empty() && council.base_url.is_empty() && system != System::Tk {
            return Err(bad(
                "a council needs its key (or, for GemeenteOplossingen, its address)",
            ));
        }
        if system.needs_base_url() && council.base_url.is_empty() {
            return Err(bad(&format!(
                "a {} council needs the address of its installation",
                system.label()
            )));
        }
        council.route = council
            .route(false)
            .map(|r| r.system.as_str().to_owned())
            .unwrap_or_default();
        councils.push(council);
    }
    councils.sort_by_key(|c| (c.name.to_lowercase(), c.kind.clone()));
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
/// replaces the entry of the same name, kind and system; returns the table as it is now.
pub fn add_own(own: &Path, mut council: Council) -> Result<Vec<Council>> {
    // A GemeenteOplossingen council is known by its address: typed as its key, it is that.
    let key = council.key.trim();
    if council.base_url.trim().is_empty()
        && (key.starts_with("https://") || key.starts_with("http://"))
    {
        council.base_url = std::mem::take(&mut council.key);
    }
    let line: Vec<&str> = COLUMNS.iter().map(|c| council.field(c).trim()).collect();
    if line.iter().any(|c| c.contains('\t') || c.contains('\n')) {
        return Err(Error::InvalidInput(
            "a council's fields cannot hold tabs or line breaks".into(),
        ));
    }
    // The new line is read as any line of the table: the same checks.
    let new = parse(&format!("{}\n{}\n", COLUMNS.join("\t"), line.join("\t")))?;
    let mut all = councils(Some(own))?;
    all.retain(|c| {
        !(c.name.eq_ignore_ascii_case(&new[0].name)
            && c.system == new[0].system
            && (new[0].kind.is_empty() || c.kind == new[0].kind))
    });
    all.extend(new);
    all.sort_by_key(|c| (c.name.to_lowercase(), c.kind.clone()));
    let mut text = String::from(
        "# Your own table of councils for Raadsvolger's first run (same columns as data/councils.tsv).\n",
    );
    text.push_str(&COLUMNS.join("\t"));
    text.push('\n');
    for c in &all {
        let row: Vec<&str> = COLUMNS.iter().map(|col| c.field(col)).collect();
        text.push_str(&row.join("\t"));
        text.push('\n');
    }
    if let Some(dir) = own.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
    }
    crate::files::write_whole(own, text.as_bytes())?;
    Ok(all)
}

/// The councils found by `text`: in their name, by their CBS code (GM0034, or its number), or
/// by their kind ("provincie", "waterschap"); empty: all.
pub fn find<'a>(councils: &'a [Council], text: &str) -> Vec<&'a Council> {
    let needle = fold(text);
    if needle.is_empty() {
        return councils.iter().collect();
    }
    let code = cbs_code(text);
    councils
        .iter()
        .filter(|c| {
            fold(&c.name).contains(&needle)
                || code
                    .as_deref()
                    .is_some_and(|code| c.cbs_code.eq_ignore_ascii_case(code))
                || c.kind == needle
        })
        .collect()
}

/// A CBS municipality code as typed: "GM0034", "gm34" or "0034".
fn cbs_code(text: &str) -> Option<String> {
    let t = text.trim();
    let digits = t
        .strip_prefix("GM")
        .or_else(|| t.strip_prefix("gm"))
        .or_else(|| t.strip_prefix("Gm"))
        .unwrap_or(t);
    if digits.is_empty() || digits.len() > 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if digits.len() < 4 && !t.to_ascii_lowercase().starts_with("gm") {
        // A bare short number is more likely part of a name search than a code.
        return None;
    }
    Some(format!("GM{digits:0>4}"))
}

/// The one council `text` names, by its name (as typed, without regard to case or accents) or
/// its CBS code, for `raadsvolger sync council`. Several bodies of one name (the municipality
/// and the province of Groningen) are told apart by `kind`; a CBS code that several rows share
/// (Amsterdam and its districts) names the municipality whose name begins all the others.
pub fn resolve<'a>(councils: &'a [Council], text: &str, kind: Option<&str>) -> Result<&'a Council> {
    let wanted = fold(text);
    let kind_ok = |c: &&Council| kind.is_none_or(|k| c.kind.eq_ignore_ascii_case(k.trim()));
    let mut found: Vec<&Council> = councils
        .iter()
        .filter(|c| fold(&c.name) == wanted)
        .filter(kind_ok)
        .collect();
    if found.is_empty() {
        if let Some(code) = cbs_code(text) {
            found = councils
                .iter()
                .filter(|c| c.cbs_code.eq_ignore_ascii_case(&code))
                .filter(kind_ok)
                .collect();
            if found.len() > 1 {
                let head = found.iter().copied().find(|c| {
                    found
                        .iter()
                        .all(|o| fold(&o.name).starts_with(&fold(&c.name)))
                });
                found = head.into_iter().collect();
            }
        }
    }
    match found.as_slice() {
        [one] => Ok(one),
        [] => {
            let near: Vec<String> = find(councils, text)
                .into_iter()
                .take(5)
                .map(|c| c.name.clone())
                .collect();
            Err(Error::rule(
                "council-unknown",
                text.trim(),
                if near.is_empty() {
                    format!(
                        "no council is called {:?}; add it with `raadsvolger councils --add`",
                        text.trim()
                    )
                } else {
                    format!(
                        "no council is called {:?}; did you mean {}?",
                        text.trim(),
                        near.join(", ")
                    )
                },
            ))
        }
        many => Err(Error::rule(
            "council-ambiguous",
            text.trim(),
            format!(
                "{:?} is several bodies: {}; name one with --kind",
                text.trim(),
                many.iter()
                    .map(|c| format!("{} ({})", c.name, c.kind))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built_in() -> Vec<Council> {
        parse(BUILT_IN).expect("the shipped table is valid")
    }

    fn named<'a>(all: &'a [Council], name: &str, kind: &str) -> &'a Council {
        all.iter()
            .find(|c| c.name == name && c.kind == kind)
            .unwrap_or_else(|| panic!("{name} ({kind})"))
    }

    #[test]
    fn the_built_in_table_knows_every_body_of_the_catalogue() {
        let all = built_in();
        assert!(all.len() >= 330, "{} councils", all.len());
        let almere = named(&all, "Almere", "gemeente");
        assert_eq!(
            (
                almere.system.as_str(),
                almere.key.as_str(),
                almere.cbs_code.as_str()
            ),
            ("notubiz", "952", "GM0034")
        );
        assert_eq!(named(&all, "Flevoland", "provincie").key, "2163");
        assert!(
            all.iter().all(|c| !c.source.is_empty()),
            "every row says where it came from"
        );
        for kind in ["gemeente", "provincie", "waterschap"] {
            assert!(all.iter().any(|c| c.kind == kind), "{kind}");
        }
    }

    #[test]
    fn moved_councils_have_their_new_systems() {
        let all = built_in();
        let groningen = named(&all, "Groningen", "gemeente");
        assert_eq!(groningen.system, "go");
        assert!(groningen.base_url.starts_with("https://"), "{groningen:?}");
        assert_eq!(named(&all, "Leeuwarden", "gemeente").system, "ibabs");
        let maastricht = named(&all, "Maastricht", "gemeente");
        assert_eq!(maastricht.system, "parlaeus");
        assert!(!maastricht.key.is_empty(), "the session id");
    }

    #[test]
    fn each_council_has_a_route_and_ibabs_goes_through_openbesluitvorming() {
        let all = built_in();
        assert!(all.iter().all(|c| !c.route.is_empty()));
        let utrecht = named(&all, "Utrecht", "gemeente");
        assert_eq!(utrecht.route, "obv");
        let route = utrecht.route(false).expect("route");
        assert_eq!((route.system, route.key.as_str()), (System::Obv, "utrecht"));
        let direct = utrecht.route(true).expect("direct");
        assert_eq!(
            (direct.system, direct.key.as_str()),
            (System::Ibabs, "utrecht")
        );
        let almere = named(&all, "Almere", "gemeente")
            .route(false)
            .expect("route");
        assert_eq!(
            (almere.system, almere.key.as_str()),
            (System::Notubiz, "952")
        );
        let groningen = named(&all, "Groningen", "gemeente")
            .source_spec(false)
            .expect("go");
        assert_eq!(groningen.system, Some(System::Go));
        assert!(groningen.base_url.is_some());
    }

    #[test]
    fn a_merged_municipality_names_its_successor() {
        let all = built_in();
        let weesp = named(&all, "Weesp", "gemeente");
        assert_eq!(weesp.successor, "Amsterdam");
        assert_eq!(weesp.successor_cbs_code, "GM0363");
        assert!(!weesp.discontinued_on.is_empty());
    }

    #[test]
    fn councils_are_found_by_name_code_and_kind() {
        let all = built_in();
        assert!(find(&all, "alme").iter().any(|c| c.name == "Almere"));
        assert!(find(&all, "GM0034").iter().any(|c| c.name == "Almere"));
        assert!(find(&all, "gm34").iter().any(|c| c.name == "Almere"));
        assert!(
            find(&all, "noord-holland")
                .iter()
                .any(|c| c.kind == "provincie")
        );
        let provinces = find(&all, "provincie");
        assert_eq!(
            provinces.iter().filter(|c| c.kind == "provincie").count(),
            all.iter().filter(|c| c.kind == "provincie").count()
        );
        assert!(provinces.len() >= 8);
        assert_eq!(find(&all, "").len(), all.len());
    }

    #[test]
    fn one_council_is_resolved_by_name_or_code() {
        let all = built_in();
        assert_eq!(resolve(&all, "almere", None).expect("name").key, "952");
        assert_eq!(resolve(&all, "GM0034", None).expect("code").name, "Almere");
        // Amsterdam and its districts share a code: the municipality is meant.
        assert_eq!(
            resolve(&all, "GM0363", None).expect("code").name,
            "Amsterdam"
        );
        let both = resolve(&all, "Groningen", None).expect_err("two bodies");
        assert!(both.to_string().contains("--kind"), "{both}");
        assert_eq!(
            resolve(&all, "Groningen", Some("provincie"))
                .expect("kind")
                .system,
            "notubiz"
        );
        let none = resolve(&all, "Almeer", None).expect_err("unknown");
        assert!(none.to_string().contains("Almeer"), "{none}");
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
            ..Council::default()
        };
        add_own(&own, council("1")).expect("added");
        let all = add_own(&own, council("2")).expect("replaced");
        let ergens: Vec<_> = all.iter().filter(|c| c.name == "Ergens").collect();
        assert_eq!(ergens.len(), 1);
        assert_eq!(ergens[0].key, "2");
        let again = councils(Some(&own)).expect("reads");
        assert!(
            again
                .iter()
                .any(|c| c.name == "Almere" && c.cbs_code == "GM0034")
        );
        assert_eq!(again.len(), all.len());
        let bad = Council {
            system: "fax".into(),
            ..council("3")
        };
        assert!(add_own(&own, bad).is_err());
    }

    #[test]
    fn a_table_of_the_older_five_columns_still_reads() {
        let old = "# mine\nname\tkind\tsystem\tkey\tsource\nErgens\tgemeente\tnotubiz\t7\tme\n";
        let all = parse(old).expect("old table");
        assert_eq!((all[0].key.as_str(), all[0].source.as_str()), ("7", "me"));
        let bare = parse("Ergens\tgemeente\tibabs\tergens\n").expect("no header");
        assert_eq!(
            bare[0].route, "ibabs",
            "no openbesluitvorming key: the direct route"
        );
    }

    #[test]
    fn a_bad_line_is_named() {
        let e = parse("Ergens\tgemeente\tfax\t1\n").expect_err("unknown system");
        assert!(e.to_string().contains("line 1"), "{e}");
        assert!(parse("Ergens\tgemeente\n").is_err());
        assert!(
            parse("Ergens\tgemeente\tparlaeus\tabc\n").is_err(),
            "no address"
        );
    }
}
