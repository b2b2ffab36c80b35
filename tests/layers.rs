//! The core's layers point one way. Every file of `crates/raadsvolger-core/src` belongs to a room
//! (its top folder, or the file itself at the top), every room has a layer, and a room may use
//! only rooms of lower layers. This test reads the core's own `crate::` paths (test modules and
//! comments left out) and fails on an arrow that points up or sideways.
//!
//! The arrows that still point the wrong way when the rule came in are listed in
//! [`NOT_YET_UNTIED`] with the number of files that hold each. The list may only shrink: an arrow
//! not in it, or held by more files than it says, fails the test; so does an entry that is no
//! longer true, so the list stays the record of what is left to untie.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Bottom to top. A room may use the rooms of lower layers only.
const LAYERS: &[&[&str]] = &[
    // Leaves: the error type, and small tools that need only it.
    &["error"],
    &["budget", "clock", "files", "lock", "threads"],
    // Text in and out of markup (HTML escaping, the XML element tree); HTTP to the registers;
    // Dutch words folded and stemmed, and the months.
    &["text", "net", "lang"],
    // Pages of long lists, filtered by folded words.
    &["paging"],
    // The shared vocabulary: documents, motions, commitments, register systems.
    &["model"],
    // Reading Dutch council text: dates, deadlines, motions, votes, commitments.
    &["extract"],
    // The database and the search index, each on its own.
    &["store", "index"],
    // The write under way: the token a domain function takes to change the archive.
    &["tx"],
    // The council's own settings (its recesses, its numbering, when "due soon" starts).
    &["settings"],
    // Files in: formats, decoding, the import pipeline.
    &["import"],
    // The registers' answers read (NotuBiz, iBabs, GO, Parlaeus, TK, ORI, openbesluitvorming).
    &["sources"],
    // The use cases.
    &["register"],
    &["commitments"],
    &["sync", "alerts", "export"],
    &["councils", "demo"],
    // The facade: `Archive`, one method per thing a user does.
    &["archive"],
    // What works on whole archives, and the crate's root.
    &["archives"],
    &["lib"],
];

/// Arrows against the layers that are still there: (from, to, files that hold it). Shrink only.
const NOT_YET_UNTIED: &[(&str, &str, usize)] = &[
    // Empty: every arrow points down. (The knot this list recorded was untied in steps; an
    // entry here is for an arrow that must stay a while, with the files that hold it.)
];

fn layer_of(room: &str) -> Option<usize> {
    LAYERS.iter().position(|rooms| rooms.contains(&room))
}

/// The room of a file, from its path below `src/`.
fn room_of(relative: &str) -> String {
    match relative.split_once('/') {
        Some((folder, _)) => folder.to_string(),
        None => relative.trim_end_matches(".rs").to_string(),
    }
}

/// The code of a file without its test module and its comment lines.
fn code_of(source: &str) -> String {
    let source = match source.find("#[cfg(test)]") {
        Some(at) => &source[..at],
        None => source,
    };
    source
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn leading_ident(text: &str) -> &str {
    let text = text.trim_start();
    let end = text.find(|c: char| !is_ident(c)).unwrap_or(text.len());
    &text[..end]
}

/// The first segment of every `crate::` path in the code: `crate::store::Store` gives `store`,
/// `crate::{error::Error, model::Motion}` gives `error` and `model`.
fn first_segments(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        let after = &rest[at + "crate::".len()..];
        rest = after;
        // `$crate::` is a macro's own path; `foo_crate::` another name.
        if before.is_some_and(|c| is_ident(c) || c == '$') {
            continue;
        }
        if let Some(group) = after.strip_prefix('{') {
            let mut depth = 0usize;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                if item_start && !c.is_whitespace() {
                    let ident = leading_ident(&group[i..]);
                    if !ident.is_empty() {
                        out.insert(ident.to_string());
                    }
                    item_start = false;
                }
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    _ => {}
                }
            }
        } else {
            let ident = leading_ident(after);
            if !ident.is_empty() {
                out.insert(ident.to_string());
            }
        }
    }
    out
}

/// The rooms of the names that lib.rs re-exports at the crate root (`pub use index::{…}`).
fn root_names(lib: &str) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    let code = code_of(lib);
    for statement in code.split(';') {
        let Some(path) = statement.trim().strip_prefix("pub use ") else {
            continue;
        };
        let room = leading_ident(path).to_string();
        let imported = match path.find('{') {
            Some(open) => path[open + 1..].trim_end_matches('}').to_string(),
            None => path.rsplit("::").next().unwrap_or("").to_string(),
        };
        for name in imported.split(',') {
            let name = name.rsplit("::").next().unwrap_or("").trim();
            let name = name.rsplit(" as ").next().unwrap_or(name).trim();
            if !name.is_empty() {
                names.insert(name.to_string(), room.clone());
            }
        }
    }
    names
}

/// Every arrow against the layers: (from, to) with the files that hold it. A room that has no
/// layer is an error, so a new room is placed on purpose.
fn wrong_arrows(
    files: &BTreeMap<String, String>,
) -> Result<BTreeMap<(String, String), Vec<String>>, String> {
    let roots = files
        .get("lib.rs")
        .map(|s| root_names(s))
        .unwrap_or_default();
    let mut arrows: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for (relative, source) in files {
        let from = room_of(relative);
        let from_layer = layer_of(&from)
            .ok_or_else(|| format!("{relative}: room `{from}` has no layer in LAYERS"))?;
        for segment in first_segments(&code_of(source)) {
            let to = if layer_of(&segment).is_some() {
                segment
            } else {
                // A name at the crate root: a re-export, or defined in lib.rs itself.
                roots
                    .get(&segment)
                    .cloned()
                    .unwrap_or_else(|| "lib".to_string())
            };
            if to == from {
                continue;
            }
            let to_layer = layer_of(&to)
                .ok_or_else(|| format!("{relative}: uses room `{to}`, which has no layer"))?;
            if to_layer >= from_layer {
                let holders = arrows.entry((from.clone(), to)).or_default();
                if !holders.contains(relative) {
                    holders.push(relative.clone());
                }
            }
        }
    }
    Ok(arrows)
}

fn read_tree(dir: &Path, below: &Path, out: &mut BTreeMap<String, String>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "tests") {
                continue;
            }
            read_tree(&path, below, out);
        } else if path.extension().is_some_and(|e| e == "rs")
            && path.file_name().is_some_and(|n| n != "tests.rs")
        {
            let relative = path.strip_prefix(below).expect("below src");
            let relative = relative.to_string_lossy().replace('\\', "/");
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            out.insert(relative, text);
        }
    }
}

fn core_sources() -> BTreeMap<String, String> {
    let src: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/raadsvolger-core/src");
    let mut files = BTreeMap::new();
    read_tree(&src, &src, &mut files);
    files
}

#[test]
fn the_cores_imports_point_down_the_layers() {
    let files = core_sources();
    assert!(
        files.len() > 50,
        "read only {} files of the core",
        files.len()
    );
    let arrows = wrong_arrows(&files).unwrap_or_else(|e| panic!("{e}"));
    let known: BTreeMap<(String, String), usize> = NOT_YET_UNTIED
        .iter()
        .map(|(from, to, n)| ((from.to_string(), to.to_string()), *n))
        .collect();

    let mut problems = Vec::new();
    for ((from, to), holders) in &arrows {
        match known.get(&(from.clone(), to.clone())) {
            None => problems.push(format!(
                "{from} -> {to} points up the layers, in {}",
                holders.join(", ")
            )),
            Some(&n) if holders.len() > n => problems.push(format!(
                "{from} -> {to} is in {} files, {n} allowed: {}",
                holders.len(),
                holders.join(", ")
            )),
            Some(&n) if holders.len() < n => problems.push(format!(
                "{from} -> {to} is down to {} file(s): lower its count in NOT_YET_UNTIED",
                holders.len()
            )),
            Some(_) => {}
        }
    }
    for (from, to) in known.keys() {
        if !arrows.contains_key(&(from.clone(), to.clone())) {
            problems.push(format!(
                "{from} -> {to} is untied: take it out of NOT_YET_UNTIED"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The files that make a write's token: only the facade may (see `tx.rs`).
fn token_makers(files: &BTreeMap<String, String>) -> Vec<String> {
    files
        .iter()
        .filter(|(relative, source)| {
            !relative.starts_with("archive/")
                && *relative != "tx.rs"
                && code_of(source).contains("Tx::begin(")
        })
        .map(|(relative, _)| relative.clone())
        .collect()
}

#[test]
fn only_the_facade_begins_a_write() {
    let files = core_sources();
    assert!(
        files
            .get("archive/mod.rs")
            .is_some_and(|s| s.contains("Tx::begin("))
    );
    let makers = token_makers(&files);
    assert!(
        makers.is_empty(),
        "a write's token made outside `archive/`: {makers:?}"
    );

    let mut files = BTreeMap::new();
    files.insert(
        "register/meetings.rs".to_string(),
        "fn f(s: &Mutex<Store>) { let tx = Tx::begin(parts); }\n".to_string(),
    );
    files.insert(
        "archive/mod.rs".to_string(),
        "fn tx(&self) -> Tx<'_> { Tx::begin(parts) }\n".to_string(),
    );
    assert_eq!(token_makers(&files), vec!["register/meetings.rs"]);
}

#[test]
fn an_import_that_points_up_is_seen() {
    let mut files = BTreeMap::new();
    files.insert(
        "lib.rs".to_string(),
        "pub mod model;\npub use register::{Meeting, Motion};\n".to_string(),
    );
    files.insert(
        "model/mod.rs".to_string(),
        "use crate::error::Result;\n// a comment naming crate::sync is no arrow\n\
         use crate::{paging::Page, register::writer::{self, Writer}};\nfn f() -> crate::Motion {}\n\
         #[cfg(test)]\nmod tests { use crate::alerts::Alert; }\n"
            .to_string(),
    );
    files.insert(
        "store/mod.rs".to_string(),
        "use crate::model::Motion;\nmacro_rules! m { () => { $crate::alerts::x() } }\n".to_string(),
    );
    let arrows = wrong_arrows(&files).expect("every room has a layer");
    let found: Vec<_> = arrows.keys().cloned().collect();
    assert_eq!(
        found,
        vec![("model".to_string(), "register".to_string())],
        "the group and the root re-export both point from model up to register; the comment, \
         the test module and the macro's own path are no arrows"
    );
    assert_eq!(
        arrows[&("model".into(), "register".into())],
        vec!["model/mod.rs"]
    );

    files.insert("newroom.rs".to_string(), "fn f() {}\n".to_string());
    let err = wrong_arrows(&files).expect_err("a room without a layer");
    assert!(err.contains("newroom"), "{err}");
}
