//! The command layer under `tauri::test::mock_builder()`: the same handler and state as the
//! real app, invoked the way the page invokes them, answers checked as JSON.

use raadsvolger_app::{Options, app_builder, open_state};
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

struct Fixture {
    _dir: tempfile::TempDir,
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

fn app(demo: bool) -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = open_state(&Options {
        archive: Some(dir.path().to_path_buf()),
        demo,
        config: Some(dir.path().join("config")),
        test_pick: Some(dir.path().join("dialog-answer.txt")),
        ..Options::default()
    })
    .expect("archive opens");
    let app = app_builder(mock_builder(), state)
        .build(mock_context(tauri::test::noop_assets()))
        .expect("mock app builds");
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("mock window");
    Fixture {
        _dir: dir,
        _app: app,
        window,
    }
}

/// The user chooses these paths in the app's open dialog (its test answer); returns what the
/// dialog gave the page.
fn choose(fixture: &Fixture, paths: &[&std::path::Path]) -> Value {
    let answer: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    std::fs::write(
        fixture._dir.path().join("dialog-answer.txt"),
        answer.join("\n"),
    )
    .expect("answer written");
    invoke(
        fixture,
        "pick_import",
        json!({"folder": false, "title": "Kies"}),
    )
    .expect("picked")
}

/// The user chooses this file in the app's save dialog.
fn choose_save(fixture: &Fixture, path: &std::path::Path) -> Value {
    std::fs::write(
        fixture._dir.path().join("dialog-answer.txt"),
        path.display().to_string(),
    )
    .expect("answer written");
    invoke(
        fixture,
        "pick_export",
        json!({"title": "Opslaan", "fileName": "lijst.csv", "filters": [{"name": "CSV", "extensions": ["csv"]}]}),
    )
    .expect("picked")
}

fn invoke(fixture: &Fixture, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().expect("url"),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(&fixture.window, request)
        .map(|body| body.deserialize::<Value>().expect("JSON answer"))
}

#[test]
fn search_finds_the_example_dossier_with_highlights_and_facets() {
    let f = app(true);
    let answer = invoke(
        &f,
        "search",
        json!({"request": {"query": "zorgcoördinator"}}),
    )
    .expect("search succeeds");
    assert!(answer["total"].as_u64().unwrap_or(0) >= 1, "{answer}");
    assert_eq!(answer["fuzzy"], false);
    let first = &answer["hits"][0];
    assert!(first["snippet"].as_str().unwrap_or("").contains("<mark>"));
    assert!(first["kind"].as_str().is_some_and(|k| !k.is_empty()));
    assert!(
        !answer["facets"]["year"]
            .as_array()
            .expect("years")
            .is_empty()
    );
}

#[test]
fn a_typo_falls_back_to_fuzzy_with_a_suggestion() {
    let f = app(true);
    let answer = invoke(&f, "search", json!({"request": {"query": "menselhandel"}}))
        .expect("search succeeds");
    assert_eq!(answer["fuzzy"], true, "{answer}");
    assert_eq!(answer["suggestion"], "mensenhandel");
}

#[test]
fn filters_from_the_ui_narrow_the_results() {
    let f = app(true);
    let all = invoke(&f, "search", json!({"request": {"query": "mensenhandel"}})).expect("all");
    let motions = invoke(
        &f,
        "search",
        json!({"request": {"query": "mensenhandel", "kinds": ["motie"], "year": 2018, "sort": "date"}}),
    )
    .expect("filtered");
    let total = |v: &Value| v["total"].as_u64().unwrap_or(0);
    assert!(total(&motions) >= 1 && total(&motions) < total(&all));
    for hit in motions["hits"].as_array().expect("hits") {
        assert_eq!(hit["kind"], "motie");
        assert!(hit["date"].as_str().unwrap_or("").starts_with("2018"));
    }
}

#[test]
fn an_invalid_query_is_a_coded_error() {
    let f = app(true);
    let error = invoke(
        &f,
        "search",
        json!({"request": {"query": "from:2019-01-01 to:2018-01-01"}}),
    )
    .expect_err("the date window is empty");
    assert_eq!(error["code"], "invalid-query", "{error}");
    assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()));

    let error = invoke(
        &f,
        "search",
        json!({"request": {"query": "x", "kinds": ["kikker"]}}),
    )
    .expect_err("unknown kind");
    assert_eq!(error["code"], "invalid-query", "{error}");
}

#[test]
fn a_document_opens_and_an_unknown_id_is_not_found() {
    let f = app(true);
    let answer = invoke(&f, "search", json!({"request": {"query": "motie"}})).expect("search");
    let id = answer["hits"][0]["id"].as_i64().expect("an id");
    let doc = invoke(&f, "get_document", json!({"id": id})).expect("document");
    assert_eq!(doc["id"], id);
    assert!(!doc["bodyHtml"].as_str().unwrap_or("").contains("<script"));
    let error = invoke(&f, "get_document", json!({"id": 999_999})).expect_err("missing");
    assert_eq!(error["code"], "not-found");
}

/// The example dossier opens in an archive of its own (`open_example`); the page has no
/// command that loads it into the archive that is open, a council's.
#[test]
fn the_page_cannot_mix_the_example_into_the_open_archive() {
    let f = app(false);
    invoke(&f, "load_demo", json!({})).expect_err("no such command");
    let stats = invoke(&f, "stats", json!({})).expect("stats");
    assert_eq!(stats["documents"], 0);
}

#[test]
fn reindex_rebuilds_the_index_of_what_the_archive_holds() {
    let f = app(true);
    let stats = invoke(&f, "stats", json!({})).expect("stats");
    assert!(stats["documents"].as_u64().unwrap_or(0) >= 20, "{stats}");
    let again = invoke(&f, "reindex", json!({})).expect("reindex");
    assert_eq!(again["documents"], stats["documents"]);
}

fn flags_of(list: &Value) -> Vec<(i64, String)> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|c| {
            (
                c["id"].as_i64().unwrap_or(0),
                c["flag"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

#[test]
fn commitments_as_of_a_day_carry_their_flags() {
    let f = app(true);
    let list =
        invoke(&f, "commitments", json!({"filter": {"asOf": "2026-11-22"}})).expect("commitments");
    let overdue: Vec<&Value> = list
        .as_array()
        .expect("list")
        .iter()
        .filter(|c| c["flag"] == "overdue")
        .collect();
    let dues: Vec<&str> = overdue.iter().filter_map(|c| c["due"].as_str()).collect();
    assert_eq!(dues, ["2018-07-01", "2018-09-01"], "{list}");
    let late = list
        .as_array()
        .expect("list")
        .iter()
        .find(|c| c["flag"] == "met-late")
        .expect("the 2022 plan, met late");
    assert_eq!(late["due"], "2022-12-31");
    assert!(
        late["statusDate"]
            .as_str()
            .is_some_and(|d| d.starts_with("2023")),
        "{late}"
    );

    // Before the deadlines passed, nothing was overdue yet.
    let then = invoke(&f, "commitments", json!({"filter": {"asOf": "2018-06-01"}}))
        .expect("commitments in 2018");
    assert!(
        flags_of(&then).iter().all(|(_, flag)| flag != "overdue"),
        "{then}"
    );

    let only = invoke(
        &f,
        "commitments",
        json!({"filter": {"asOf": "2026-11-22", "flags": ["overdue"], "actor": "college"}}),
    )
    .expect("filtered");
    assert_eq!(only.as_array().map(Vec::len), Some(2));
}

#[test]
fn a_bad_day_or_flag_is_invalid_input() {
    let f = app(true);
    let error = invoke(&f, "commitments", json!({"filter": {"asOf": "22-11-2026"}}))
        .expect_err("not a day");
    assert_eq!(error["code"], "invalid-input", "{error}");
    let error = invoke(
        &f,
        "commitments",
        json!({"filter": {"asOf": "2026-11-22", "flags": ["late-ish"]}}),
    )
    .expect_err("not a flag");
    assert_eq!(error["code"], "invalid-input", "{error}");
}

#[test]
fn setting_a_commitment_met_with_evidence_changes_its_flag() {
    let f = app(true);
    let list = invoke(
        &f,
        "commitments",
        json!({"filter": {"asOf": "2026-11-22", "flags": ["overdue"]}}),
    )
    .expect("overdue");
    let id = list[0]["id"].as_i64().expect("an id");
    let suggestions = invoke(&f, "evidence_suggestions", json!({"id": id})).expect("suggestions");
    let evidence = suggestions[0]["documentId"]
        .as_i64()
        .expect("a suggested document");
    invoke(
        &f,
        "update_commitment",
        json!({"id": id, "change": {"status": "met", "date": "2026-11-22", "evidence": evidence, "note": "RIB"}}),
    )
    .expect("update");
    let after = invoke(&f, "commitment", json!({"id": id, "asOf": "2026-11-22"})).expect("one");
    assert_eq!(after["flag"], "met-late", "{after}");
    assert_eq!(after["status"], "met");
    assert_eq!(after["evidence"][0]["documentId"], evidence);
    assert_eq!(after["history"].as_array().map(Vec::len), Some(1));

    let error = invoke(
        &f,
        "update_commitment",
        json!({"id": id, "change": {"status": "met"}}),
    )
    .expect_err("a status change needs its day");
    assert_eq!(error["code"], "invalid-input");
    let error = invoke(&f, "commitment", json!({"id": 9999, "asOf": "2026-11-22"}))
        .expect_err("no such commitment");
    assert_eq!(error["code"], "not-found");
}

#[test]
fn a_commitment_added_by_hand_is_listed() {
    let f = app(true);
    let id = invoke(
        &f,
        "add_commitment",
        json!({"commitment": {"text": "de raad voor de zomer te informeren", "actor": "wethouder",
               "date": "2026-10-01", "due": "2026-12-01"}}),
    )
    .expect("added")
    .as_i64()
    .expect("an id");
    let one = invoke(&f, "commitment", json!({"id": id, "asOf": "2026-11-22"})).expect("one");
    assert_eq!(one["flag"], "due-soon", "{one}");
    assert_eq!(one["origin"], "manual");
    let error = invoke(
        &f,
        "add_commitment",
        json!({"commitment": {"text": " ", "actor": "college", "date": "2026-10-01"}}),
    )
    .expect_err("no text");
    assert_eq!(error["code"], "invalid-input");
}

#[test]
fn motions_come_with_outcome_and_votes() {
    let f = app(true);
    let motions = invoke(&f, "motions", json!({})).expect("motions");
    let list = motions.as_array().expect("a list");
    assert!(!list.is_empty());
    assert!(
        list.iter()
            .any(|m| m["outcome"] == "aangenomen" && m["votesFor"].as_u64().is_some()),
        "{motions}"
    );
}

#[test]
fn exports_write_the_chosen_file() {
    let f = app(true);
    let out = tempfile::tempdir().expect("temp dir");
    for (format, name, start) in [
        ("csv", "t.csv", "\u{feff}id;"),
        ("ics", "t.ics", "BEGIN:VCALENDAR"),
        ("report", "t.md", "# Lijst van toezeggingen"),
        ("report", "t.html", "<!doctype html>"),
    ] {
        let path = out.path().join(name);
        assert_eq!(choose_save(&f, &path), json!(path));
        let summary = invoke(
            &f,
            "export",
            json!({"request": {"format": format, "asOf": "2026-11-22", "path": path}}),
        )
        .expect("export");
        assert!(
            summary["commitments"].as_u64().unwrap_or(0) >= 3,
            "{summary}"
        );
        let text = std::fs::read_to_string(&path).expect("written");
        assert!(
            text.starts_with(start),
            "{format}: {}",
            &text[..40.min(text.len())]
        );
    }
    let error = invoke(
        &f,
        "export",
        json!({"request": {"format": "csv", "asOf": "2026-11-22", "path": out.path().join("missing/dir/t.csv")}}),
    )
    .expect_err("no such folder");
    assert_eq!(error["code"], "not-found");
}

/// The hostile HTML and Markdown of the desktop security scenario (tests/e2e/fixtures/).
fn hostile_fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/e2e/fixtures")
        .join(name)
        .canonicalize()
        .expect("the fixture exists")
}

fn import(f: &Fixture, paths: Value) -> Result<Value, Value> {
    invoke(
        f,
        "import_paths",
        json!({"paths": paths, "onProgress": "__CHANNEL__:1"}),
    )
}

#[test]
fn ids_that_do_not_exist_are_not_found() {
    let f = app(true);
    for id in [0_i64, -1, 999_999, i64::MAX] {
        for (cmd, args) in [
            ("get_document", json!({"id": id})),
            ("commitment", json!({"id": id, "asOf": "2026-11-22"})),
            ("evidence_suggestions", json!({"id": id})),
            (
                "update_commitment",
                json!({"id": id, "change": {"note": "x"}}),
            ),
        ] {
            let error = invoke(&f, cmd, args).expect_err("no such id");
            assert_eq!(error["code"], "not-found", "{cmd} {id}: {error}");
            assert!(
                error["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("not found")),
                "{cmd} {id}: {error}"
            );
        }
    }
    // A known commitment with an evidence document that does not exist.
    let list = invoke(&f, "commitments", json!({"filter": {"asOf": "2026-11-22"}})).expect("list");
    let id = list[0]["id"].as_i64().expect("an id");
    let error = invoke(
        &f,
        "update_commitment",
        json!({"id": id, "change": {"status": "met", "date": "2026-11-22", "evidence": 999_999}}),
    )
    .expect_err("no such evidence document");
    assert_eq!(error["code"], "not-found", "{error}");
    // Not a number at all: refused by the IPC layer before the command runs.
    assert!(invoke(&f, "get_document", json!({"id": "1; DROP TABLE documents"})).is_err());
}

#[test]
fn import_refuses_relative_and_missing_paths_before_reading_anything() {
    let f = app(false);
    let error = import(&f, json!(["fixtures/dossier"])).expect_err("relative");
    assert_eq!(error["code"], "invalid-input", "{error}");
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("not an absolute path") && m.contains("fixtures/dossier")),
        "{error}"
    );
    let missing = std::env::temp_dir().join("raadsvolger-no-such-file-8d1f.md");
    let real = hostile_fixture("script-marker.md");
    let error = import(&f, json!([real, missing])).expect_err("missing");
    assert_eq!(error["code"], "not-found", "{error}");
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("no such file or folder") && m.contains("8d1f")),
        "{error}"
    );
    // Nothing of the refused batch was imported, not even its good file.
    let stats = invoke(&f, "stats", json!({})).expect("stats");
    assert_eq!(stats["documents"], 0, "{stats}");
}

#[test]
fn import_and_export_take_only_the_paths_the_user_chose() {
    let f = app(false);
    let outside = tempfile::tempdir().expect("temp dir");
    let chosen = outside.path().join("gekozen");
    std::fs::create_dir_all(chosen.join("sub")).expect("folders");
    std::fs::write(
        chosen.join("sub/brief.md"),
        "---\ntitle: Brief over de bibliotheek\ndate: 2025-03-04\n---\n\nDe bibliotheek blijft open.\n",
    )
    .expect("file");
    let beside = outside.path().join("ernaast.md");
    std::fs::write(&beside, "---\ntitle: Ernaast\n---\n\nNiet gekozen.\n").expect("file");

    // A path the page names itself, real and absolute, is refused before anything is read.
    let error = import(&f, json!([beside])).expect_err("not chosen");
    assert_eq!(error["code"], "not-granted", "{error}");
    assert_eq!(error["params"]["rule"], "read", "{error}");
    assert_eq!(error["params"]["file"], json!(beside), "{error}");

    // A cancelled dialog grants nothing.
    assert_eq!(choose(&f, &[]), json!([]));
    assert_eq!(
        import(&f, json!([chosen])).expect_err("still not chosen")["code"],
        "not-granted"
    );

    // A chosen folder grants what is under it, not what is beside it (also not by `..`).
    assert_eq!(choose(&f, &[&chosen]), json!([chosen]));
    let summary = import(&f, json!([chosen.join("sub/brief.md")])).expect("under the folder");
    assert_eq!(summary["imported"], 1, "{summary}");
    let sneaky = chosen.join("sub/../../ernaast.md");
    let error = import(&f, json!([chosen, sneaky])).expect_err("beside the folder");
    assert_eq!(error["code"], "not-granted", "{error}");
    let stats = invoke(&f, "stats", json!({})).expect("stats");
    assert_eq!(
        stats["documents"], 1,
        "the refused batch read nothing: {stats}"
    );

    // Export: only the file the save dialog gave; reading a folder grants no writing in it.
    let export = |path: &std::path::Path| {
        invoke(
            &f,
            "export",
            json!({"request": {"format": "csv", "asOf": "2026-11-22", "path": path}}),
        )
    };
    let target = chosen.join("lijst.csv");
    let error = export(&target).expect_err("not chosen to write");
    assert_eq!(error["code"], "not-granted", "{error}");
    assert_eq!(error["params"]["rule"], "write", "{error}");
    assert!(!target.exists(), "nothing written");
    choose_save(&f, &target);
    export(&target).expect("chosen in the save dialog");
    assert!(target.exists());
    let error = export(&chosen.join("ander.csv")).expect_err("another file");
    assert_eq!(error["code"], "not-granted", "{error}");

    // A file dropped on the window (its drag-and-drop event) is granted like a chosen one.
    use tauri::Manager;
    let state = f._app.state::<raadsvolger_app::AppState>();
    assert_eq!(
        raadsvolger_app::api::import::dropped(&state, std::slice::from_ref(&beside)),
        vec![beside.display().to_string()]
    );
    let summary = import(&f, json!([beside])).expect("dropped");
    assert_eq!(summary["imported"], 1, "{summary}");
}

/// What the sanitized text of the hostile fixtures may still hold.
const SAFE_TAGS: &[&str] = &[
    "p", "a", "h1", "h2", "code", "em", "strong", "br", "div", "details", "summary", "ul", "ol",
    "li",
];

/// The insides of the tags of `html` (its text is escaped, so every `<` opens a tag).
fn tag_insides(html: &str) -> impl Iterator<Item = &str> {
    html.split('<')
        .skip(1)
        .filter_map(|rest| rest.split('>').next())
        .filter(|inside| !inside.starts_with('/'))
}

fn tags(html: &str) -> impl Iterator<Item = &str> {
    tag_insides(html).filter_map(|inside| inside.split_whitespace().next())
}

/// The attributes as (name, value); ammonia writes every value in double quotes.
fn attributes(html: &str) -> Vec<(&str, &str)> {
    let mut found = Vec::new();
    for inside in tag_insides(html) {
        let mut rest = inside
            .trim_start()
            .split_once(char::is_whitespace)
            .map_or("", |(_, attrs)| attrs);
        while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
            rest = &rest[start..];
            let end = rest
                .find(|c: char| c == '=' || c.is_whitespace())
                .unwrap_or(rest.len());
            let name = &rest[..end];
            rest = &rest[end..];
            let mut value = "";
            if let Some(quoted) = rest.strip_prefix("=\"") {
                let close = quoted.find('"').unwrap_or(quoted.len());
                value = &quoted[..close];
                rest = quoted.get(close + 1..).unwrap_or("");
            }
            found.push((name, value));
        }
    }
    found
}

#[test]
fn an_imported_hostile_document_reaches_the_page_without_scripts() {
    let f = app(false);
    let files = [
        hostile_fixture("script-marker.html"),
        hostile_fixture("script-marker.md"),
    ];
    choose(&f, &[&files[0], &files[1]]);
    let summary = import(&f, json!(files)).expect("import");
    assert_eq!(summary["imported"], 2, "{summary}");
    let mut links = 0;
    for file in summary["files"].as_array().expect("files") {
        let id = file["outcome"]["id"].as_i64().expect("imported");
        let doc = invoke(&f, "get_document", json!({"id": id})).expect("document");
        let body = doc["bodyHtml"].as_str().expect("html").to_lowercase();
        let path = &file["path"];
        // An allow-list: only these elements and attributes, and links to the web or mail.
        for tag in tags(&body) {
            assert!(SAFE_TAGS.contains(&tag), "<{tag}> in {path}: {body}");
        }
        for (name, value) in attributes(&body) {
            assert!(["href", "rel"].contains(&name), "{name}= in {path}");
            if name == "href" {
                assert!(
                    ["https://", "http://", "mailto:", "#"]
                        .iter()
                        .any(|s| value.starts_with(s)),
                    "href={value} in {path}"
                );
            }
        }
        assert!(body.contains("zilverstrand"), "the text is kept: {body}");
        links += attributes(&body)
            .iter()
            .filter(|(n, _)| *n == "href")
            .count();
    }
    // The ordinary link of the HTML page survives (and so the checks above saw attributes).
    assert_eq!(links, 1);
    let found =
        invoke(&f, "search", json!({"request": {"query": "Zilverstrand"}})).expect("search");
    assert_eq!(found["total"], 2, "{found}");
    for hit in found["hits"].as_array().expect("hits") {
        let snippet = hit["snippet"].as_str().unwrap_or("");
        let without_marks = snippet.replace("<mark>", "").replace("</mark>", "");
        assert!(!without_marks.contains('<'), "{snippet}");
    }
}

#[test]
fn export_refuses_relative_paths_folders_and_missing_folders() {
    let f = app(true);
    let out = tempfile::tempdir().expect("temp dir");
    let export = |path: Value| {
        invoke(
            &f,
            "export",
            json!({"request": {"format": "csv", "asOf": "2026-11-22", "path": path}}),
        )
    };
    let cases = [
        (json!("lijst.csv"), "invalid-input", "not an absolute path"),
        (json!(""), "invalid-input", "no file chosen"),
        (json!(out.path()), "invalid-input", "is a folder"),
        (
            json!(out.path().join("missing/dir/t.csv")),
            "not-found",
            "does not exist",
        ),
        (json!("/dev/null"), "invalid-input", "not a regular file"),
    ];
    for (path, code, says) in cases {
        let error = export(path.clone()).expect_err("refused");
        assert_eq!(error["code"], code, "{path}: {error}");
        assert!(
            error["message"].as_str().is_some_and(|m| m.contains(says)),
            "{path}: {error}"
        );
    }
    assert_eq!(
        std::fs::read_dir(out.path()).expect("listed").count(),
        0,
        "nothing written"
    );
    // An existing file is overwritten (the save dialog asked the user).
    let chosen = out.path().join("lijst.csv");
    std::fs::write(&chosen, "oud").expect("written");
    choose_save(&f, &chosen);
    export(json!(chosen)).expect("export");
    assert!(
        std::fs::read_to_string(&chosen)
            .expect("read")
            .starts_with("\u{feff}id;")
    );
}

#[test]
fn a_meeting_with_its_agenda_a_document_and_a_vote_per_party() {
    let f = app(true);
    let meeting = invoke(
        &f,
        "add_meeting",
        json!({"meeting": {"body": "gemeenteraad", "date": "2026-12-10", "time": "19.30",
               "title": "Raadsvergadering december", "location": "Raadzaal"}}),
    )
    .expect("meeting added");
    let id = meeting["id"].as_i64().expect("an id");
    assert_eq!(meeting["time"], "19:30", "{meeting}");
    assert_eq!(meeting["status"], "planned");

    let first = invoke(
        &f,
        "add_agenda_item",
        json!({"item": {"meetingId": id, "title": "Opening", "number": "1"}}),
    )
    .expect("item 1");
    let second = invoke(
        &f,
        "add_agenda_item",
        json!({"item": {"meetingId": id, "title": "Aanpak mensenhandel", "number": "2"}}),
    )
    .expect("item 2");
    let sub = invoke(
        &f,
        "add_agenda_item",
        json!({"item": {"meetingId": id, "title": "Moties", "number": "2a",
               "parentId": second["id"]}}),
    )
    .expect("sub-item");
    assert_eq!(sub["parentId"], second["id"]);

    let hits = invoke(&f, "search", json!({"request": {"query": "mensenhandel"}})).expect("search");
    let doc = hits["hits"][0]["id"].as_i64().expect("a document");
    invoke(
        &f,
        "attach_document",
        json!({"item": second["id"], "document": doc}),
    )
    .expect("attached");

    let motion = invoke(
        &f,
        "add_motion",
        json!({"motion": {"title": "Motie Zilveren Strand", "number": "M-2026-12",
               "date": "2026-12-10", "submitters": ["A. Jansen (CU)"],
               "agendaItemId": second["id"]}}),
    )
    .expect("motion added");
    let motion_id = motion["id"].as_i64().expect("an integer id");
    let voted = invoke(
        &f,
        "record_vote",
        json!({"id": motion_id, "vote": {"date": "2026-12-10", "votesFor": 30, "votesAgainst": 5,
               "partyVotes": "voor: CU, PvdA; tegen: PVV", "meetingId": id}}),
    )
    .expect("vote recorded");
    assert_eq!(voted["outcome"], "aangenomen", "{voted}");
    assert_eq!(voted["votesFor"], 30);
    assert!(
        voted["partyVotes"].as_array().is_some_and(|v| v
            .iter()
            .any(|p| p["party"] == "PVV" && p["option"] == "tegen")),
        "{voted}"
    );

    let detail = invoke(&f, "meeting", json!({"id": id})).expect("detail");
    assert_eq!(detail["meeting"]["title"], "Raadsvergadering december");
    let agenda = detail["agenda"].as_array().expect("agenda");
    assert_eq!(agenda.len(), 2, "{detail}");
    assert_eq!(agenda[0]["id"], first["id"]);
    assert_eq!(agenda[1]["documents"][0]["id"], doc, "{detail}");
    assert_eq!(agenda[1]["items"][0]["number"], "2a");
    let on_item = &agenda[1]["motions"][0];
    assert_eq!(on_item["id"], motion_id, "{detail}");
    assert_eq!(on_item["outcome"], "aangenomen");
    assert_eq!(on_item["partiesFor"], json!(["ChristenUnie", "PvdA"]));
    assert_eq!(on_item["partiesAgainst"], json!(["PVV"]));

    let list = invoke(&f, "meetings", json!({})).expect("meetings");
    let listed = list
        .as_array()
        .and_then(|l| l.iter().find(|m| m["id"] == id))
        .expect("listed");
    assert_eq!(listed["agendaItems"], 3, "{listed}");
    let ranged = invoke(&f, "meetings", json!({"range": {"from": "2027-01-01"}})).expect("range");
    assert!(
        ranged
            .as_array()
            .is_some_and(|l| l.iter().all(|m| m["id"] != id))
    );

    let report = invoke(&f, "meeting_report", json!({"id": id})).expect("report");
    let report = report.as_str().expect("markdown");
    assert!(report.contains("Motie Zilveren Strand"), "{report}");

    let motions = invoke(&f, "motions", json!({})).expect("motions");
    let row = motions
        .as_array()
        .and_then(|l| l.iter().find(|m| m["id"] == motion_id))
        .expect("in the motions list");
    assert_eq!(row["agendaItemId"], second["id"]);
    assert!(
        row["outcomeHistory"]
            .as_array()
            .is_some_and(|h| h.iter().any(|o| o["outcome"] == "aangenomen")),
        "{row}"
    );

    let edited = invoke(
        &f,
        "edit_meeting",
        json!({"id": id, "change": {"location": "Stadhuis"}}),
    )
    .expect("edited");
    assert_eq!(edited["location"], "Stadhuis");
    assert_eq!(edited["time"], "19:30");
    let cancelled = invoke(&f, "cancel_meeting", json!({"id": id})).expect("cancelled");
    assert_eq!(cancelled["status"], "cancelled");
}

#[test]
fn register_input_that_cannot_be_used_is_refused() {
    let f = app(false);
    for (cmd, args, code) in [
        (
            "add_meeting",
            json!({"meeting": {"body": "raad", "date": "10-12-2026"}}),
            "invalid-input",
        ),
        (
            "add_meeting",
            json!({"meeting": {"body": " ", "date": "2026-12-10"}}),
            "invalid-input",
        ),
        (
            "add_meeting",
            json!({"meeting": {"body": "raad", "date": "2026-12-10", "time": "laat"}}),
            "invalid-input",
        ),
        ("meeting", json!({"id": 999}), "not-found"),
        ("meeting_report", json!({"id": 999}), "not-found"),
        ("cancel_meeting", json!({"id": 999}), "not-found"),
        (
            "add_agenda_item",
            json!({"item": {"meetingId": 999, "title": "x"}}),
            "not-found",
        ),
        (
            "add_agenda_item",
            json!({"item": {"meetingId": 1, "title": ""}}),
            "invalid-input",
        ),
        (
            "attach_document",
            json!({"item": 999, "document": 1}),
            "not-found",
        ),
        (
            "record_vote",
            json!({"id": 999, "vote": {"date": "2026-12-10", "unanimous": true}}),
            "not-found",
        ),
        (
            "record_vote",
            json!({"id": 1, "vote": {"date": "2026-12-10", "outcome": "misschien"}}),
            "invalid-input",
        ),
        (
            "add_motion",
            json!({"motion": {"title": "x", "kind": "gedicht"}}),
            "invalid-input",
        ),
    ] {
        let error = invoke(&f, cmd, args).expect_err("refused");
        assert_eq!(error["code"], code, "{cmd}: {error}");
    }
    // A vote with nothing in it.
    let motion = invoke(&f, "add_motion", json!({"motion": {"title": "Leeg"}})).expect("motion");
    let error = invoke(
        &f,
        "record_vote",
        json!({"id": motion["id"], "vote": {"date": "2026-12-10"}}),
    )
    .expect_err("nothing to record");
    assert_eq!(error["code"], "invalid-input", "{error}");
}

/// The window names the core's closed values by their keys; any other word, even one the core's
/// parsers read in documents (`afgedaan`, `rib`), is refused with a coded error that names it,
/// not with the plain text of a failed deserialisation.
#[test]
fn a_word_that_is_no_key_is_refused_with_its_rule_and_value() {
    let f = app(false);
    for (cmd, args, code, rule, value) in [
        (
            "update_commitment",
            json!({"id": 1, "change": {"status": "afgedaan", "date": "2026-11-22"}}),
            "invalid-input",
            "status",
            "afgedaan",
        ),
        (
            "commitments",
            json!({"filter": {"asOf": "2026-11-22", "flags": ["overdue", "te-laat"]}}),
            "invalid-input",
            "flag",
            "te-laat",
        ),
        (
            "commitments_page",
            json!({"request": {"asOf": "2026-11-22", "status": "openstaand", "offset": 0, "limit": 5}}),
            "invalid-input",
            "status",
            "openstaand",
        ),
        (
            "record_vote",
            json!({"id": 1, "vote": {"date": "2026-12-10", "outcome": "aanvaard"}}),
            "invalid-input",
            "outcome",
            "aanvaard",
        ),
        (
            "motions_page",
            json!({"request": {"outcome": "afgewezen", "offset": 0, "limit": 5}}),
            "invalid-input",
            "outcome",
            "afgewezen",
        ),
        (
            "add_motion",
            json!({"motion": {"title": "x", "kind": "gedicht"}}),
            "invalid-input",
            "kind",
            "gedicht",
        ),
        (
            "add_meeting",
            json!({"meeting": {"body": "raad", "date": "2026-12-10", "status": "gepland"}}),
            "invalid-input",
            "status",
            "gepland",
        ),
        (
            "edit_meeting",
            json!({"id": 1, "change": {"status": "afgelast"}}),
            "invalid-input",
            "status",
            "afgelast",
        ),
        (
            "search",
            json!({"request": {"query": "x", "kinds": ["rib"]}}),
            "invalid-query",
            "kind",
            "rib",
        ),
    ] {
        let error = invoke(&f, cmd, args).expect_err("refused");
        assert_eq!(error["code"], code, "{cmd}: {error}");
        assert_eq!(error["params"]["rule"], rule, "{cmd}: {error}");
        assert_eq!(error["params"]["value"], value, "{cmd}: {error}");
    }
    // The empty "any" of a filter is no value, as before.
    let all = invoke(
        &f,
        "commitments_page",
        json!({"request": {"asOf": "2026-11-22", "flag": "", "status": "", "offset": 0, "limit": 5}}),
    )
    .expect("all");
    assert!(all["total"].is_u64(), "{all}");
}

/// A NotuBiz-shaped server from `fixtures/sync/notubiz/`: one meeting with one document.
fn notubiz_server() -> String {
    let server = tiny_http::Server::http("127.0.0.1:0").expect("server");
    let base = format!("http://{}", server.server_addr());
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/sync/notubiz");
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let path = request.url().split('?').next().unwrap_or("").to_owned();
            let file = match path.as_str() {
                "/events" => "events.json",
                "/events/meetings/7101" => "meeting-7101.json",
                "/document/55501/1" => "document-55501.html",
                p if p.starts_with("/modules/") => "modules-empty.json",
                _ => "",
            };
            let response = match std::fs::read(dir.join(file)) {
                Ok(bytes) if !file.is_empty() => tiny_http::Response::from_data(bytes),
                _ => tiny_http::Response::from_data(b"no".to_vec()).with_status_code(404),
            };
            let _ = request.respond(response);
        }
    });
    base
}

#[test]
fn a_source_is_added_synced_listed_and_removed() {
    let f = app(false);
    let error = invoke(
        &f,
        "add_source",
        json!({"source": {"system": "gemeenteoplossingen", "key": "x"}}),
    )
    .expect_err("unknown system");
    assert_eq!(error["code"], "invalid-input", "{error}");
    let error = invoke(
        &f,
        "add_source",
        json!({"source": {"system": "notubiz", "key": " "}}),
    )
    .expect_err("no key");
    assert_eq!(error["code"], "invalid-input", "{error}");

    let saved = invoke(
        &f,
        "save_search",
        json!({"search": {"name": "Speelruimte", "search": {"query": "speelruimteplan"}}}),
    )
    .expect("saved");
    assert_eq!(saved["newCount"], 0);

    let base = notubiz_server();
    let source = invoke(
        &f,
        "add_source",
        json!({"source": {"system": "notubiz", "key": "9999", "baseUrl": base, "from": "2026-01-01"}}),
    )
    .expect("added");
    assert_eq!(source["systemLabel"], "NotuBiz");
    assert_eq!(source["lastStatus"], "never");
    let id = source["id"].as_i64().expect("id");
    assert_eq!(
        invoke(&f, "cancel_sync", json!({"id": id})).expect("none"),
        false
    );

    let summary = invoke(
        &f,
        "sync_source",
        json!({"id": id, "onProgress": "__CHANNEL__:2"}),
    )
    .expect("synced");
    assert_eq!(summary["cancelled"], false, "{summary}");
    assert_eq!(summary["counts"]["documents"], 1, "{summary}");
    assert_eq!(summary["source"]["lastStatus"], "ok", "{summary}");

    let list = invoke(&f, "sources", json!({})).expect("sources");
    assert_eq!(list[0]["lastAdded"]["documents"], 1, "{list}");
    let meetings = invoke(&f, "meetings", json!({})).expect("meetings");
    assert_eq!(meetings[0]["date"], "2026-02-05", "{meetings}");

    // The saved search flagged the downloaded proposal.
    let searches = invoke(&f, "saved_searches", json!({})).expect("searches");
    assert_eq!(searches[0]["newCount"], 1, "{searches}");
    let sid = searches[0]["id"].as_i64().expect("id");
    let hits = invoke(&f, "alert_hits", json!({"id": sid, "onlyNew": true})).expect("hits");
    assert_eq!(
        hits[0]["title"], "Raadsvoorstel speelruimteplan Lindenhof",
        "{hits}"
    );
    let seen = invoke(&f, "mark_seen", json!({"id": sid})).expect("seen");
    assert_eq!(seen["newCount"], 0);
    invoke(&f, "delete_saved_search", json!({"id": sid})).expect("deleted");

    // Nothing failed to download, so nothing is tried again.
    assert_eq!(
        invoke(&f, "retry_downloads", json!({"id": id})).expect("retry"),
        json!(0)
    );
    invoke(&f, "remove_source", json!({"id": id})).expect("removed");
    assert_eq!(invoke(&f, "sources", json!({})).expect("list"), json!([]));
    let error = invoke(&f, "remove_source", json!({"id": id})).expect_err("gone");
    assert_eq!(error["code"], "not-found", "{error}");
    let error = invoke(&f, "retry_downloads", json!({"id": id})).expect_err("gone");
    assert_eq!(error["code"], "not-found", "{error}");
}

#[test]
fn a_saved_search_keeps_the_search_views_filters() {
    let f = app(true);
    let saved = invoke(
        &f,
        "save_search",
        json!({"search": {"name": "Moties 2018", "search": {"query": "mensenhandel", "kinds": ["motie"], "year": 2018}}}),
    )
    .expect("saved");
    assert_eq!(saved["kinds"], json!(["motie"]));
    assert_eq!(saved["from"], "2018-01-01");
    assert_eq!(saved["to"], "2018-12-31");
    // What the archive held before is not new.
    assert_eq!(saved["newCount"], 0);
    let error = invoke(
        &f,
        "save_search",
        json!({"search": {"name": "Kapot", "search": {"query": "(motie"}}}),
    )
    .expect_err("bad query");
    assert_eq!(error["code"], "invalid-query", "{error}");
    let error = invoke(&f, "alert_hits", json!({"id": 999, "onlyNew": false})).expect_err("none");
    assert_eq!(error["code"], "not-found", "{error}");
}

#[test]
fn first_run_councils_and_the_example_in_its_own_archive() {
    let f = app(false);
    let found = invoke(&f, "councils", json!({"search": "almere"})).expect("councils");
    assert_eq!(found[0]["name"], "Almere", "{found}");
    assert_eq!(found[0]["key"], "952");

    // The example dossier opens in a folder of its own; the council's archive stays empty.
    let own = invoke(&f, "archives", json!({})).expect("archives")["current"].clone();
    let view = invoke(&f, "open_example", json!({})).expect("example opens");
    assert_ne!(view["current"], own);
    assert!(
        view["current"]
            .as_str()
            .unwrap_or("")
            .ends_with("voorbeelddossier"),
        "{view}"
    );
    let stats = invoke(&f, "stats", json!({})).expect("stats");
    assert_eq!(stats["documents"], 27, "{stats}");
    let listed = view["archives"].as_array().expect("list").len();
    assert_eq!(listed, 2, "the archive left stays on the list: {view}");

    let back = invoke(&f, "open_archive", json!({"path": own})).expect("back");
    assert_eq!(back["current"], own);
    let stats = invoke(&f, "stats", json!({})).expect("stats");
    assert_eq!(
        stats["documents"], 0,
        "the example was never mixed in: {stats}"
    );

    let refused =
        invoke(&f, "open_archive", json!({"path": "relative/dir"})).expect_err("relative");
    assert_eq!(refused["code"], "invalid-input", "{refused}");
}

#[test]
fn errors_cross_with_their_code_and_params() {
    let f = app(false);
    let e = invoke(&f, "get_document", json!({"id": 999})).expect_err("no such document");
    assert_eq!(e["code"], "not-found");
    assert_eq!(e["params"]["what"], "document", "{e}");
    assert_eq!(e["params"]["id"], "999", "{e}");
    let e =
        invoke(&f, "commitments", json!({"filter": {"asOf": "12/10/2023"}})).expect_err("bad day");
    assert_eq!(e["params"]["rule"], "date", "{e}");
}

#[test]
fn settings_and_parties_round_trip() {
    let f = app(false);
    let s = invoke(&f, "council_settings", json!({})).expect("settings");
    assert_eq!(s["dueSoonDays"], 30, "{s}");
    assert_eq!(s["language"], "nl", "{s}");
    let saved = invoke(
        &f,
        "set_council_settings",
        json!({"settings": {"councilName": "Gemeenteraad Almere", "dueSoonDays": 14,
            "recesses": [{"name": "zomerreces", "start": "06-20", "end": "08-20"}],
            "language": "en", "councilNumberFormat": "JJJJ-NNN"}}),
    )
    .expect("saved");
    assert_eq!(saved["councilName"], "Gemeenteraad Almere");
    let again = invoke(&f, "council_settings", json!({})).expect("settings");
    assert_eq!(again["language"], "en", "{again}");
    assert_eq!(again["councilNumberFormat"], "JJJJ-NNN", "{again}");
    for (settings, rule) in [
        (
            json!({"dueSoonDays": 14, "language": "nl",
                "recesses": [{"name": "zomerreces", "start": "20-06", "end": "08-20"}]}),
            "recess",
        ),
        (
            json!({"dueSoonDays": 14, "language": "fr", "recesses": []}),
            "language",
        ),
        (
            json!({"dueSoonDays": 14, "language": "nl", "recesses": [], "councilNumberFormat": "/([0-9]/"}),
            "council-number-format",
        ),
    ] {
        let bad = invoke(&f, "set_council_settings", json!({ "settings": settings }))
            .expect_err("refused");
        assert_eq!(bad["code"], "invalid-input", "{bad}");
        assert_eq!(bad["params"]["rule"], rule, "{bad}");
    }
    assert_eq!(
        invoke(&f, "council_settings", json!({})).expect("settings"),
        again,
        "nothing of a refused change was saved"
    );
    let party = invoke(
        &f,
        "set_party",
        json!({"name": "Leefbaar Almere", "abbreviation": "LA", "aliases": ["Leefbaar", " leefbaar "]}),
    )
    .expect("party");
    assert_eq!(party["aliases"], json!(["Leefbaar"]), "{party}");
    let all = invoke(&f, "parties", json!({})).expect("parties");
    assert!(
        all.as_array()
            .expect("list")
            .iter()
            .any(|p| p["name"] == "Leefbaar Almere")
    );
}

#[test]
fn a_council_added_in_settings_is_offered_by_the_first_run() {
    let f = app(false);
    let council =
        json!({"name": "Testgemeente", "kind": "gemeente", "system": "notubiz", "key": "1"});
    invoke(&f, "add_council", json!({"council": council})).expect("added");
    let found = invoke(&f, "councils", json!({"search": "testgem"})).expect("councils");
    assert_eq!(found[0]["key"], "1", "{found}");
    let almere = invoke(&f, "councils", json!({"search": "almere"})).expect("councils");
    assert_eq!(
        almere[0]["key"], "952",
        "the shipped councils stay: {almere}"
    );
    let bad = json!({"name": "Testgemeente", "kind": "gemeente", "system": "fax", "key": "1"});
    let e = invoke(&f, "add_council", json!({"council": bad})).expect_err("unknown system");
    assert_eq!(e["code"], "invalid-input", "{e}");
}

#[test]
fn long_lists_come_a_page_at_a_time_with_their_filters_over_all() {
    let f = app(true);
    let first = invoke(
        &f,
        "timeline",
        json!({"request": {"offset": 0, "limit": 5}}),
    )
    .expect("page");
    let total = first["total"].as_u64().expect("a total");
    assert!(total > 5, "{first}");
    assert_eq!(first["items"].as_array().map(Vec::len), Some(5));
    let next = invoke(
        &f,
        "timeline",
        json!({"request": {"offset": 5, "limit": 5}}),
    )
    .expect("page");
    assert!(
        first["items"][4]["date"].as_str() <= next["items"][0]["date"].as_str(),
        "oldest first across pages: {first} {next}"
    );
    assert_ne!(first["items"][4]["id"], next["items"][0]["id"]);

    let all = invoke(&f, "motions", json!({})).expect("motions");
    let n = all.as_array().map(Vec::len).unwrap_or(0);
    assert!(n >= 2, "{all}");
    let page = invoke(
        &f,
        "motions_page",
        json!({"request": {"sort": "number", "ascending": true, "offset": 0, "limit": 1}}),
    )
    .expect("page");
    assert_eq!(page["total"].as_u64(), Some(n as u64));
    assert_eq!(page["items"].as_array().map(Vec::len), Some(1));
    let adopted = invoke(
        &f,
        "motions_page",
        json!({"request": {"outcome": "aangenomen", "offset": 0, "limit": 100}}),
    )
    .expect("page");
    let expected = all
        .as_array()
        .expect("list")
        .iter()
        .filter(|m| m["outcome"] == "aangenomen")
        .count();
    assert_eq!(
        adopted["total"].as_u64(),
        Some(expected as u64),
        "{adopted}"
    );

    let day = invoke(
        &f,
        "commitments_page",
        json!({"request": {"asOf": "2026-11-22", "offset": 0, "limit": 2}}),
    )
    .expect("page");
    assert!(day["count"].as_u64().unwrap_or(0) >= 3, "{day}");
    assert_eq!(day["items"].as_array().map(Vec::len), Some(2));
    let overdue = invoke(
        &f,
        "commitments_page",
        json!({"request": {"asOf": "2026-11-22", "flag": "overdue", "offset": 0, "limit": 50}}),
    )
    .expect("page");
    let counted = day["flagCounts"]
        .as_array()
        .expect("counts")
        .iter()
        .find(|c| c["flag"] == "overdue")
        .and_then(|c| c["count"].as_u64());
    assert_eq!(overdue["total"].as_u64(), counted, "{overdue}");

    for (cmd, request, rule) in [
        ("timeline", json!({"offset": 0, "limit": 0}), "page-limit"),
        (
            "timeline",
            json!({"offset": 0, "limit": 5000}),
            "page-limit",
        ),
        (
            "motions_page",
            json!({"sort": "kleur", "offset": 0, "limit": 5}),
            "sort",
        ),
        (
            "motions_page",
            json!({"outcome": "gewonnen", "offset": 0, "limit": 5}),
            "outcome",
        ),
        (
            "commitments_page",
            json!({"asOf": "2026-11-22", "flag": "rood", "offset": 0, "limit": 5}),
            "flag",
        ),
    ] {
        let error = invoke(&f, cmd, json!({ "request": request })).expect_err("refused");
        assert_eq!(error["code"], "invalid-input", "{cmd}: {error}");
        assert_eq!(error["params"]["rule"], rule, "{cmd}: {error}");
    }
}

#[test]
fn undo_takes_back_the_last_edit_and_says_which() {
    let f = app(false);
    let nothing = invoke(&f, "undo_last", json!({})).expect_err("nothing to undo yet");
    assert_eq!(nothing["code"], "nothing-to-undo", "{nothing}");
    assert_eq!(
        invoke(&f, "last_edit", json!({})).expect("last"),
        Value::Null
    );

    let meeting = invoke(
        &f,
        "add_meeting",
        json!({"meeting": {"body": "gemeenteraad", "date": "2031-05-14", "title": "Raad van mei"}}),
    )
    .expect("meeting");
    let id = meeting["id"].as_i64().expect("id");
    let item = invoke(
        &f,
        "add_agenda_item",
        json!({"item": {"meetingId": id, "title": "Rondvraag", "number": "9"}}),
    )
    .expect("item");
    let last = invoke(&f, "last_edit", json!({})).expect("last");
    assert_eq!(last["action"], "agenda-item-added", "{last}");
    assert_eq!(last["subject"], "Rondvraag");
    assert_eq!(last["targetId"], item["id"]);
    assert_eq!(last["meetingId"], id);

    let undone = invoke(&f, "undo_last", json!({})).expect("undone");
    assert_eq!(undone["action"], "agenda-item-added", "{undone}");
    assert_eq!(undone["subject"], "Rondvraag");
    let detail = invoke(&f, "meeting", json!({"id": id})).expect("detail");
    assert_eq!(detail["agenda"], json!([]), "{detail}");
    let next = invoke(&f, "last_edit", json!({})).expect("last");
    assert_eq!(next["action"], "meeting-added", "{next}");
}
