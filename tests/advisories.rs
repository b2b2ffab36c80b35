//! No crate in Cargo.lock at a version with a known vulnerability: the RustSec advisories in
//! `tests/advisories/rustsec.tsv` (a copy of the database's front matter, brought up to date
//! by `scripts/advisories.py` where a clone of the database is at hand; the test needs no
//! network) against every crate from the registry in the lock.
//!
//! A vulnerability fails the test. Informational advisories (unmaintained, unsound, notice)
//! are printed only: most come with Tauri's GTK 3 bindings on Linux, which the project cannot
//! change (docs/reliability.md).

use std::path::Path;

use semver::{Version, VersionReq};

/// One advisory: (crate, id, kind, patched, unaffected).
struct Advisory {
    krate: String,
    id: String,
    kind: String,
    safe: Vec<VersionReq>,
}

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn advisories(text: &str) -> Vec<Advisory> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 5, "rustsec.tsv: not five columns: {line}");
            let reqs = |col: &str| -> Vec<VersionReq> {
                col.split(" | ")
                    .filter(|r| *r != "-")
                    .map(|r| {
                        VersionReq::parse(r)
                            .unwrap_or_else(|e| panic!("rustsec.tsv {}: {r:?}: {e}", cols[1]))
                    })
                    .collect()
            };
            let mut safe = reqs(cols[3]);
            safe.extend(reqs(cols[4]));
            Advisory {
                krate: cols[0].to_owned(),
                id: cols[1].to_owned(),
                kind: cols[2].to_owned(),
                safe,
            }
        })
        .collect()
}

/// (name, version) of each crate from a registry in the lock file.
fn locked(text: &str) -> Vec<(String, Version)> {
    let mut out = Vec::new();
    for block in text.split("[[package]]").skip(1) {
        let field = |key: &str| {
            block.lines().find_map(|l| {
                let rest = l.strip_prefix(key)?.trim_start().strip_prefix('=')?;
                Some(rest.trim().trim_matches('"').to_owned())
            })
        };
        let (Some(name), Some(version)) = (field("name"), field("version")) else {
            panic!("Cargo.lock: a package without name or version: {block}");
        };
        if !field("source").is_some_and(|s| s.starts_with("registry+")) {
            continue;
        }
        let version = Version::parse(&version)
            .unwrap_or_else(|e| panic!("Cargo.lock: {name} {version}: {e}"));
        out.push((name, version));
    }
    out
}

/// The advisories that hold for the locked crates: (crate, version, advisory).
fn matches<'a>(
    locked: &'a [(String, Version)],
    advisories: &'a [Advisory],
) -> Vec<(&'a str, &'a Version, &'a Advisory)> {
    let mut out = Vec::new();
    for (name, version) in locked {
        for a in advisories.iter().filter(|a| a.krate == *name) {
            if !a.safe.iter().any(|r| r.matches(version)) {
                out.push((name.as_str(), version, a));
            }
        }
    }
    out
}

#[test]
fn no_locked_crate_has_a_known_vulnerability() {
    let db = std::fs::read_to_string(root().join("tests/advisories/rustsec.tsv"))
        .expect("tests/advisories/rustsec.tsv");
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).expect("Cargo.lock");
    let advisories = advisories(&db);
    let locked = locked(&lock);
    assert!(advisories.len() > 1000 && locked.len() > 300);
    let found = matches(&locked, &advisories);
    for (name, version, a) in found.iter().filter(|(_, _, a)| a.kind != "vulnerability") {
        eprintln!("note: {name} {version}: {} ({})", a.id, a.kind);
    }
    let vulnerable: Vec<String> = found
        .iter()
        .filter(|(_, _, a)| a.kind == "vulnerability")
        .map(|(name, version, a)| format!("{name} {version}: {}", a.id))
        .collect();
    assert!(
        vulnerable.is_empty(),
        "crates in Cargo.lock with a known vulnerability (update them, or see \
         docs/reliability.md): {vulnerable:#?}"
    );
}

/// The check itself: the quick-xml the project had before, and a patched one.
#[test]
fn the_check_finds_a_vulnerable_version_and_passes_a_patched_one() {
    let db = "# header\nquick-xml\tRUSTSEC-2026-0194\tvulnerability\t>= 0.41.0\t-\n\
              glib\tRUSTSEC-2024-0429\tunsound\t>= 0.20.0\t-\n";
    let advisories = advisories(db);
    let lock = "[[package]]\nname = \"quick-xml\"\nversion = \"0.38.4\"\n\
                source = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n\
                [[package]]\nname = \"raadsvolger-core\"\nversion = \"0.1.0\"\n";
    let old = locked(lock);
    assert_eq!(old.len(), 1, "path crates are not checked");
    let found = matches(&old, &advisories);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].2.id, "RUSTSEC-2026-0194");
    let new = locked(&lock.replace("0.38.4", "0.42.0"));
    assert!(matches(&new, &advisories).is_empty());
}
