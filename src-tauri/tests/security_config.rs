//! The window's security settings, read from the files Tauri builds them from: the
//! Content-Security-Policy in `tauri.conf.json` and the capabilities in `capabilities/`.
//!
//! What Tauri v2 itself needs in the CSP, and nothing more is allowed here:
//! - `'self'`: the app's own assets (`tauri://localhost` on Linux and macOS,
//!   `http://tauri.localhost` on Windows and Android).
//! - `ipc:` and `http://ipc.localhost` in `connect-src`: the IPC channel the page's `invoke` uses
//!   (the `ipc://localhost` custom protocol, or its `http://ipc.localhost` form where custom
//!   protocols are served over http, i.e. Windows and Android).
//! - `asset:` / `http://asset.localhost` only with the asset protocol enabled, which it is not.
//!
//! Tauri adds the hashes of the bundled inline scripts and styles to the policy at build time,
//! so the page itself never needs `'unsafe-inline'`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

fn app_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn config() -> Value {
    read_json(&app_dir().join("tauri.conf.json"))
}

/// A policy as directive -> sources; the config may give it as one string or as an object
/// whose values are strings or lists.
fn directives(csp: &Value) -> BTreeMap<String, Vec<String>> {
    let words = |text: &str| {
        text.split_whitespace()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    match csp {
        Value::String(policy) => policy
            .split(';')
            .filter_map(|part| {
                let mut parts = words(part).into_iter();
                let name = parts.next()?;
                Some((name.to_lowercase(), parts.collect()))
            })
            .collect(),
        Value::Object(map) => map
            .iter()
            .map(|(name, sources)| {
                let list = match sources {
                    Value::String(s) => words(s),
                    Value::Array(items) => items
                        .iter()
                        .flat_map(|i| words(i.as_str().expect("a source is a string")))
                        .collect(),
                    other => panic!("directive {name}: unexpected {other}"),
                };
                (name.to_lowercase(), list)
            })
            .collect(),
        other => panic!("the CSP must be set (a string or an object), found {other}"),
    }
}

/// The sources a directive may list, beyond `'self'` and `'none'`.
fn extra_sources_allowed(directive: &str) -> &'static [&'static str] {
    match directive {
        // Tauri's IPC (see the module comment).
        "connect-src" => &["ipc:", "http://ipc.localhost"],
        // Inline images and the page's empty data: favicon; data: images cannot run script.
        "img-src" => &["data:"],
        _ => &[],
    }
}

/// The policies of the app: the one shipped (`csp`) and, if set, the one for development.
fn policies() -> Vec<(&'static str, BTreeMap<String, Vec<String>>)> {
    let config = config();
    let security = &config["app"]["security"];
    let mut list = vec![("csp", directives(&security["csp"]))];
    if !security["devCsp"].is_null() {
        list.push(("devCsp", directives(&security["devCsp"])));
    }
    list
}

#[test]
fn scripts_may_only_come_from_the_app_itself() {
    for (which, policy) in policies() {
        assert!(
            policy.contains_key("default-src"),
            "{which}: no default-src"
        );
        let script = policy
            .get("script-src")
            .or_else(|| policy.get("default-src"))
            .expect("script-src or default-src");
        assert_eq!(script, &["'self'"], "{which}: script-src");
        for name in [
            "script-src",
            "script-src-elem",
            "script-src-attr",
            "default-src",
        ] {
            for source in policy.get(name).into_iter().flatten() {
                let lower = source.to_lowercase();
                assert!(
                    !lower.starts_with("'unsafe-")
                        && lower != "'strict-dynamic'"
                        && !lower.contains('*')
                        && !matches!(lower.as_str(), "data:" | "blob:" | "http:" | "https:"),
                    "{which}: {name} allows {source}"
                );
            }
        }
        // What scripts could use instead of a script tag: plugins, frames, a changed base URL,
        // forms posting elsewhere.
        for name in ["object-src", "frame-src", "base-uri", "form-action"] {
            assert_eq!(
                policy.get(name).map(Vec::as_slice),
                Some(&["'none'".to_owned()][..]),
                "{which}: {name}"
            );
        }
    }
}

#[test]
fn the_policy_names_no_remote_origin() {
    for (which, policy) in policies() {
        for (name, sources) in &policy {
            for source in sources {
                let allowed = matches!(source.as_str(), "'self'" | "'none'")
                    || extra_sources_allowed(name).contains(&source.as_str());
                assert!(allowed, "{which}: {name} allows {source}");
            }
        }
        // The IPC origin is the only host, and it is Tauri's own.
        let hosts: BTreeSet<&str> = policy
            .values()
            .flatten()
            .filter(|s| s.contains("://") || s.starts_with("http") || s.contains('.'))
            .map(String::as_str)
            .collect();
        assert_eq!(
            hosts,
            BTreeSet::from(["http://ipc.localhost"]),
            "{which}: hosts"
        );
    }
}

#[test]
fn nothing_widens_the_window_beyond_its_own_pages() {
    let config = config();
    let security = &config["app"]["security"];
    // Tauri's hashes of the bundled scripts stay in the policy.
    assert!(
        matches!(
            security.get("dangerousDisableAssetCspModification"),
            None | Some(Value::Bool(false))
        ),
        "{security}"
    );
    assert_eq!(security["freezePrototype"], true);
    // No file of the disk served to the page, no capabilities beside capabilities/.
    assert_ne!(security["assetProtocol"]["enable"], true, "{security}");
    assert!(
        security["capabilities"]
            .as_array()
            .is_none_or(Vec::is_empty),
        "{security}"
    );
    // window.__TAURI__ is not handed to whatever script runs in the page; the UI bundles the API.
    assert_ne!(config["app"]["withGlobalTauri"], true);
    // The windows load the bundled UI, never a remote page; the UI is embedded, not a dev server.
    assert!(
        config["build"].get("devUrl").is_none(),
        "{}",
        config["build"]
    );
    assert!(
        config["build"]["frontendDist"]
            .as_str()
            .is_some_and(|d| !d.contains("://")),
        "{}",
        config["build"]
    );
    for window in config["app"]["windows"].as_array().expect("windows") {
        let url = window["url"].as_str().unwrap_or("index.html");
        assert!(
            !url.contains("://"),
            "window {} loads {url}",
            window["label"]
        );
    }
}

/// The permissions the UI uses (see the capability's description), and no more: of the core's,
/// only listening to events (`listen` and the webview's drag-and-drop, both in `ui/src/lib/
/// ipc.ts`); `core:default` would add the menu, the tray, images, paths, windows and the
/// webviews' commands, none of which the page calls.
const GRANTED: &[&str] = &[
    "core:event:allow-listen",
    "core:event:allow-unlisten",
    "notification:allow-is-permission-granted",
    "notification:allow-request-permission",
    "notification:allow-notify",
    "opener:allow-open-url",
];

fn capabilities() -> Vec<(PathBuf, Value)> {
    let dir = app_dir().join("capabilities");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("capabilities/")
        .map(|e| e.expect("an entry").path())
        .collect();
    files.sort();
    for file in &files {
        // Tauri also reads .toml capabilities: there must be none this test does not see.
        assert_eq!(
            file.extension().and_then(|e| e.to_str()),
            Some("json"),
            "{}",
            file.display()
        );
    }
    files
        .into_iter()
        .map(|f| {
            let value = read_json(&f);
            (f, value)
        })
        .collect()
}

#[test]
fn capabilities_grant_only_the_listed_permissions_to_the_main_window() {
    let list = capabilities();
    assert!(!list.is_empty());
    for (file, capability) in list {
        let name = file.display();
        // IPC for the app's own window only; no remote page gets it.
        assert_eq!(capability["windows"], serde_json::json!(["main"]), "{name}");
        assert!(capability.get("remote").is_none(), "{name}: remote access");
        assert!(capability.get("webviews").is_none(), "{name}");
        for entry in capability["permissions"].as_array().expect("permissions") {
            let id = entry
                .as_str()
                .or_else(|| entry["identifier"].as_str())
                .expect("a permission identifier");
            assert!(
                !id.starts_with("shell:") && !id.starts_with("fs:") && !id.starts_with("process:"),
                "{name}: {id}"
            );
            assert!(
                GRANTED.contains(&id),
                "{name}: {id} is not among {GRANTED:?}"
            );
            assert!(entry.get("deny").is_none_or(Value::is_array), "{name}");
        }
    }
}

#[test]
fn the_opener_opens_only_web_and_mail_links() {
    for (file, capability) in capabilities() {
        for entry in capability["permissions"].as_array().expect("permissions") {
            if !entry.is_object()
                || !entry["identifier"]
                    .as_str()
                    .is_some_and(|i| i.starts_with("opener:"))
            {
                continue;
            }
            for scope in entry["allow"]
                .as_array()
                .expect("an opener permission is scoped")
            {
                let url = scope["url"].as_str().unwrap_or_default();
                assert!(
                    ["https://", "http://", "mailto:"]
                        .iter()
                        .any(|scheme| url.starts_with(scheme)),
                    "{}: the opener may open {scope}",
                    file.display()
                );
                assert!(
                    scope.get("path").is_none() && scope.get("app").is_none(),
                    "{scope}"
                );
            }
        }
    }
}

#[test]
fn no_plugin_that_runs_programs_or_reads_files_is_linked() {
    let manifest = std::fs::read_to_string(app_dir().join("Cargo.toml")).expect("Cargo.toml");
    for plugin in [
        "tauri-plugin-shell",
        "tauri-plugin-fs",
        "tauri-plugin-process",
        "tauri-plugin-http",
    ] {
        assert!(
            !manifest.contains(plugin),
            "{plugin} in src-tauri/Cargo.toml"
        );
    }
}
