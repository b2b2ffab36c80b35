//! The page and the app agree on the command names: every command `ui/src/lib/ipc.ts` calls has
//! a handler in `tauri::generate_handler![...]` (src/lib.rs), and every handler there has a
//! caller in ipc.ts. Both files are read as text, so a renamed or forgotten command fails here
//! rather than as an "unknown command" in the running app.
//!
//! ipc.ts is the only place in the UI that talks to the app (its header says the views never
//! call `invoke` themselves); the last test below holds the rest of `ui/src` to that.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn app_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// True when `c` may be part of a JavaScript or Rust name.
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// What each call of the functions in `callees` passes first in `source`: the string when it is
/// a quoted string, else `Err` with the text up to the first comma or bracket. A call is the
/// function's name as a whole word, an optional type argument (`<T>`), then `(`; a declaration
/// (`function call<T>(...)`) is not a call and is skipped.
fn first_arguments(source: &str, callees: &[&str]) -> Vec<Result<String, String>> {
    let mut found = Vec::new();
    for callee in callees {
        for (at, _) in source.match_indices(callee) {
            let before = &source[..at];
            if before.chars().next_back().is_some_and(is_name_char)
                || before.trim_end().ends_with("function")
            {
                continue;
            }
            let mut rest = &source[at + callee.len()..];
            if rest.chars().next().is_some_and(is_name_char) {
                continue;
            }
            if let Some(generic) = rest.strip_prefix('<') {
                let Some(end) = generic.find('>') else {
                    continue;
                };
                rest = &generic[end + 1..];
            }
            let Some(args) = rest.strip_prefix('(') else {
                continue;
            };
            let args = args.trim_start();
            let quote = args
                .chars()
                .next()
                .filter(|c| matches!(c, '"' | '\'' | '`'));
            found.push(match quote {
                Some(q) => {
                    let inner = &args[1..];
                    let end = inner
                        .find(q)
                        .unwrap_or_else(|| panic!("an unclosed string after {callee}("));
                    Ok(inner[..end].to_owned())
                }
                None => {
                    let end = args.find([',', ')']).unwrap_or(args.len());
                    Err(args[..end].trim().to_owned())
                }
            });
        }
    }
    found
}

/// The command names ipc.ts passes to `call(...)` (its wrapper that turns a failure into an
/// `ApiError`) or to Tauri's `invoke(...)` directly; a `Channel` for progress goes along as an
/// argument of such a call, so those commands are found the same way.
fn called_commands() -> BTreeSet<String> {
    let ipc = read(&app_dir().join("../ui/src/lib/ipc.ts"));
    let mut names = BTreeSet::new();
    let mut not_literal = Vec::new();
    for argument in first_arguments(&ipc, &["call", "invoke"]) {
        match argument {
            Ok(name) => {
                names.insert(name);
            }
            Err(text) => not_literal.push(text),
        }
    }
    // The one call whose name is not written out is the wrapper's own `invoke<T>(cmd, args)`;
    // any other would be a command this test cannot see.
    assert_eq!(
        not_literal,
        ["cmd"],
        "ipc.ts calls a command whose name is not a quoted string: write the name out"
    );
    names
}

/// The handler names listed in `tauri::generate_handler![...]` in src/lib.rs, without their
/// module path (`api::search::search` is `search`).
fn handled_commands() -> BTreeSet<String> {
    let lib = read(&app_dir().join("src/lib.rs"));
    let marker = "tauri::generate_handler![";
    let start = lib
        .find(marker)
        .expect("src/lib.rs lists its commands in tauri::generate_handler![...]")
        + marker.len();
    let end = start
        + lib[start..]
            .find(']')
            .expect("generate_handler![ is closed by ]");
    lib[start..end]
        .lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .flat_map(|line| line.split(','))
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            let name = entry.rsplit("::").next().unwrap_or(entry);
            assert!(
                name.chars().all(is_name_char),
                "{entry:?} in generate_handler! is not a command name"
            );
            name.to_owned()
        })
        .collect()
}

#[test]
fn every_command_the_page_calls_has_a_handler_and_every_handler_a_caller() {
    let called = called_commands();
    let handled = handled_commands();
    // Both lists hold some fifty names today: a handful means the reading went wrong.
    assert!(
        called.len() >= 40,
        "only {} names read from ipc.ts: {called:?}",
        called.len()
    );
    assert!(
        handled.len() >= 40,
        "only {} handlers read from src/lib.rs: {handled:?}",
        handled.len()
    );
    let unhandled: Vec<_> = called.difference(&handled).collect();
    let uncalled: Vec<_> = handled.difference(&called).collect();
    assert!(
        unhandled.is_empty() && uncalled.is_empty(),
        "ipc.ts calls commands with no handler in generate_handler! (src/lib.rs): {unhandled:?}; \
         handlers that no call in ipc.ts uses: {uncalled:?}"
    );
}

/// Every file under `dir`, at any depth.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn only_ipc_ts_talks_to_the_app() {
    let ui = app_dir().join("../ui/src");
    let ipc = ui.join("lib/ipc.ts");
    let mut others: Vec<_> = files_under(&ui)
        .into_iter()
        .filter(|path| *path != ipc)
        .filter(|path| {
            std::fs::read_to_string(path).is_ok_and(|text| text.contains("@tauri-apps/api/core"))
        })
        .collect();
    others.sort();
    assert!(
        others.is_empty(),
        "these files import Tauri's invoke themselves; call the app through ipc.ts instead, so \
         that every_command_the_page_calls_has_a_handler_and_every_handler_a_caller sees it: \
         {others:?}"
    );
}
