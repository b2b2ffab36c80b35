//! The desktop app in a real window (WebKitGTK under Xvfb), driven over WebDriver. Each
//! scenario starts the app on a fresh temporary archive and saves a screenshot under
//! `target/e2e-screenshots/`. Run with `scripts/e2e.sh`.

use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use raadsvolger_e2e::{App, Start, TestResult, fixture, record};

/// Limits, so a WebDriver call that never answers fails the test instead of hanging the run.
const STEP: Duration = Duration::from_secs(30);
const SCENARIO: Duration = Duration::from_secs(90);

/// One app at a time: the scenarios share the display and two cores.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> MutexGuard<'static, ()> {
    SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Starts the app, runs `scenario` on it, and always stops it again.
fn scenario(start: Start, scenario: impl AsyncFnOnce(&App) -> TestResult) -> TestResult {
    let _serial = serial();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        // A start that fails is tried again on fresh ports, twice at most: a port chosen free
        // can be taken before WebKitWebDriver binds it ("Unable to listen for HTTP server"),
        // and the session then never comes up. The failed start's driver and app are stopped
        // by its guard.
        let mut tries = 0;
        let app = loop {
            tries += 1;
            match tokio::time::timeout(STEP, App::start(start.clone())).await {
                Ok(Ok(app)) => break app,
                Ok(Err(e)) if tries < 3 => {
                    eprintln!("e2e: the app did not start ({e}); starting it again");
                }
                Err(_) if tries < 3 => {
                    eprintln!("e2e: the app did not come up in time; starting it again");
                }
                Ok(Err(e)) => return Err(e),
                Err(_) => return Err("the app did not come up in time".into()),
            }
        };
        let outcome = tokio::time::timeout(SCENARIO, scenario(&app))
            .await
            .unwrap_or_else(|_| Err("the scenario took too long".into()));
        // A session that does not close in time is ended with its driver all the same.
        let stopped = tokio::time::timeout(STEP, app.stop())
            .await
            .unwrap_or_else(|_| Err("closing the session took too long".into()));
        outcome.and(stopped)
    })
}

#[test]
fn search_shows_highlighted_results_with_facets() -> TestResult {
    scenario(Start::Demo, async |app| {
        let typed = Instant::now();
        app.search("zorgcoördinator").await?;
        app.wait_for("#results .hit .snippet mark").await?;
        let first_result = app.started.elapsed();
        let app_age = app.app_age()?;
        let after_typing = typed.elapsed();

        let marked = app
            .wait_until(
                "a highlighted word",
                "return document.querySelector('#results .hit .snippet mark')?.textContent ?? ''",
            )
            .await?;
        assert!(
            marked
                .as_str()
                .is_some_and(|m| m.to_lowercase().starts_with("zorgco")),
            "{marked}"
        );
        let count = app.text("#result-count").await?;
        assert!(count.contains("resulta"), "{count}");
        app.wait_for(".facet[data-facet='kind'] .facet-value")
            .await?;
        app.wait_for(".facet[data-facet='year'] .facet-value")
            .await?;
        app.screenshot("01-zoeken").await?;

        let memory = app.memory()?;
        record(&format!(
            "start to first rendered search result: {:.2} s from the app process's start \
             ({:.2} s from launching tauri-driver; WebDriver session up after {:.2} s; \
             typing to rendered result {:.0} ms, incl. the 150 ms debounce)",
            app_age.as_secs_f64(),
            first_result.as_secs_f64(),
            app.session_up.as_secs_f64(),
            after_typing.as_secs_f64() * 1000.0
        ))?;
        record(&format!(
            "memory while showing results: RSS {:.0} MiB, PSS {:.0} MiB over {} processes: {}",
            memory.rss_kib as f64 / 1024.0,
            memory.pss_kib as f64 / 1024.0,
            memory.processes.len(),
            memory
                .processes
                .iter()
                .map(|(name, rss, pss)| format!("{name} {} / {} MiB", rss / 1024, pss / 1024))
                .collect::<Vec<_>>()
                .join(", ")
        ))?;
        Ok(())
    })
}

#[test]
fn a_facet_filter_narrows_the_results() -> TestResult {
    scenario(Start::Demo, async |app| {
        app.search("mensenhandel").await?;
        app.wait_for("#results .hit").await?;
        let before = app
            .wait_until(
                "a count",
                "return document.querySelectorAll('#results .hit').length",
            )
            .await?;
        app.click(".facet[data-facet='kind'] .facet-value[data-value='motie']")
            .await?;
        app.wait_for(".chip").await?;
        let kinds = app
            .wait_until(
                "only motions",
                "const hits = [...document.querySelectorAll('#results .hit .kind')];\n\
                 return hits.length > 0 && hits.every((k) => k.classList.contains('kind-motie')) \
                 && hits.length",
            )
            .await?;
        assert!(kinds.as_u64() < before.as_u64(), "{kinds} < {before}");
        app.screenshot("02-filter-motie").await?;
        Ok(())
    })
}

#[test]
fn a_typo_shows_did_you_mean() -> TestResult {
    scenario(Start::Demo, async |app| {
        app.search("menselhandel").await?;
        let text = app.text("#fuzzy-notice:not([hidden])").await?;
        assert!(text.contains("Bedoelde u"), "{text}");
        assert!(text.contains("mensenhandel"), "{text}");
        app.wait_for("#results .hit").await?;
        app.screenshot("03-bedoelde-u").await?;
        Ok(())
    })
}

#[test]
fn a_document_opens_with_the_match_in_view() -> TestResult {
    scenario(Start::Demo, async |app| {
        app.search("zorgcoördinator").await?;
        app.wait_for("#results .hit").await?;
        // Keyboard: ↓ selects the first result, Enter opens it.
        let input = app.wait_for("#search-input").await?;
        input.send_keys("\u{E015}").await?;
        input.send_keys("\u{E007}").await?;
        let title = app.text("#document-title").await?;
        assert!(!title.is_empty());
        app.wait_for("#document-body mark.first-match").await?;
        let meta = app.text(".document-meta").await?;
        assert!(meta.contains("Soort") && meta.contains("Datum"), "{meta}");
        let in_view = app
            .wait_until(
                "the first match in view",
                "const m = document.querySelector('mark.first-match');\n\
                 const r = m.getBoundingClientRect();\n\
                 return r.top >= 0 && r.bottom <= window.innerHeight;",
            )
            .await?;
        assert_eq!(in_view, serde_json::json!(true));
        let scripts = app
            .client
            .execute(
                "return document.querySelectorAll('#document-body script, #document-body [onclick]').length",
                vec![],
            )
            .await?;
        assert_eq!(scripts, serde_json::json!(0));
        app.screenshot("04-document").await?;
        Ok(())
    })
}

#[test]
fn an_imported_file_can_be_found() -> TestResult {
    scenario(Start::Demo, async |app| {
        let summary = app
            .import(&[fixture("formats/notitie-zonder-frontmatter.md")])
            .await?;
        assert_eq!(summary["imported"], 1, "{summary}");
        app.wait_for("#import-summary[data-done]").await?;
        app.wait_for("#import-results .file-imported").await?;
        app.screenshot("05-import").await?;

        app.click("#nav-search").await?;
        app.search("werkbezoek").await?;
        let title = app
            .wait_until(
                "the imported note among the results",
                "return [...document.querySelectorAll('#results .hit-title')]\n\
                 .map((t) => t.textContent).find((t) => t.includes('werkbezoek')) ?? ''",
            )
            .await?;
        assert!(
            title.as_str().is_some_and(|t| t.contains("CoMensha")),
            "{title}"
        );
        app.screenshot("06-import-gevonden").await?;
        Ok(())
    })
}

#[test]
fn a_bad_file_shows_its_error() -> TestResult {
    scenario(Start::Demo, async |app| {
        let summary = app.import(&[fixture("bad/empty.md")]).await?;
        assert_eq!(summary["failed"], 1, "{summary}");
        let text = app.text("#import-results .file-failed").await?;
        assert!(text.contains("empty.md"), "{text}");
        assert!(text.contains("leeg"), "{text}");
        app.screenshot("07-import-fout").await?;
        Ok(())
    })
}

#[test]
fn an_empty_archive_offers_the_example_dossier() -> TestResult {
    scenario(Start::Empty, async |app| {
        app.wait_for("#empty-archive").await?;
        app.screenshot("12-leeg-archief").await?;
        app.click("#load-demo").await?;
        app.wait_for("#search-start").await?;
        app.search("motie").await?;
        app.wait_for("#results .hit").await?;
        Ok(())
    })
}

/// The dashboard's rows as (flag, text, meta line).
const ROWS: &str = "return [...document.querySelectorAll('#commitments .commitment')].map((li) => \
    [li.dataset.flag, li.querySelector('.commitment-text').textContent, \
     li.querySelector('.commitment-meta').textContent, li.dataset.id])";

fn rows(value: &serde_json::Value) -> Vec<[String; 4]> {
    value
        .as_array()
        .map(|list| {
            list.iter()
                .map(|row| std::array::from_fn(|i| row[i].as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

/// Opens the dashboard as of 22 November 2026 (never the clock's today).
async fn dashboard(app: &App) -> TestResult<Vec<[String; 4]>> {
    app.click("#nav-commitments").await?;
    app.set_date("#as-of", "2026-11-22").await?;
    let value = app
        .wait_until(
            "the commitments as of 2026-11-22",
            "const rows = document.querySelectorAll('#commitments .commitment');\n\
             return rows.length > 0 && document.querySelector('#commitments .flag-overdue') !== null \
             && rows.length",
        )
        .await?;
    assert!(value.as_u64().unwrap_or(0) >= 3, "{value}");
    Ok(rows(&app.client.execute(ROWS, vec![]).await?))
}

#[test]
fn the_dashboard_shows_2018_overdue_and_the_2022_plan_met_late() -> TestResult {
    scenario(Start::Demo, async |app| {
        let rows = dashboard(app).await?;
        let overdue: Vec<&[String; 4]> = rows.iter().filter(|r| r[0] == "overdue").collect();
        assert_eq!(overdue.len(), 2, "{rows:?}");
        assert!(overdue[0][2].contains("1 juli 2018"), "{:?}", overdue[0]);
        assert!(
            overdue[1][2].contains("1 september 2018"),
            "{:?}",
            overdue[1]
        );
        assert!(
            overdue[1][1].contains("zorgcoördinator"),
            "{:?}",
            overdue[1]
        );
        let late: Vec<&[String; 4]> = rows.iter().filter(|r| r[0] == "met-late").collect();
        assert_eq!(late.len(), 1, "{rows:?}");
        assert!(late[0][1].contains("plan van aanpak"), "{:?}", late[0]);
        assert!(late[0][2].contains("31 december 2022"), "{:?}", late[0]);
        let count = app
            .text(".flag-card[data-flag='overdue'] .flag-count")
            .await?;
        assert_eq!(count, "2");

        // The met-late item's detail: met in 2023, after its deadline, with the reason.
        app.click(&format!(
            "#commitments .commitment[data-id='{}'] button",
            late[0][3]
        ))
        .await?;
        let status = app
            .text("#commitment-detail .detail[data-flag='met-late']")
            .await?;
        assert!(status.contains("2023"), "{status}");

        // The care coordinator's detail: the motion's sentence and suggested evidence.
        let care = overdue[1][3].clone();
        app.click(&format!(
            "#commitments .commitment[data-id='{care}'] button"
        ))
        .await?;
        let quote = app.text("#commitment-detail .source-quote").await?;
        assert!(quote.contains("uiterlijk 1 september 2018"), "{quote}");
        app.wait_for("#suggestions .suggestion").await?;
        app.screenshot("08-toezeggingen").await?;
        Ok(())
    })
}

#[test]
fn setting_a_commitment_met_with_evidence_changes_its_flag() -> TestResult {
    scenario(Start::Demo, async |app| {
        let rows = dashboard(app).await?;
        let target = rows
            .iter()
            .find(|r| r[0] == "overdue" && r[1].contains("zorgcoördinator"))
            .ok_or("the care coordinator commitment")?
            .clone();
        let id = &target[3];
        app.click(&format!("#commitments .commitment[data-id='{id}'] button"))
            .await?;
        app.wait_for("#set-form").await?;
        // The first suggested document becomes the evidence.
        app.click("#suggestions .suggestion .use-evidence").await?;
        let evidence = app
            .wait_until(
                "an evidence document chosen",
                "return document.querySelector('#set-evidence').value",
            )
            .await?;
        app.set_date("#set-date", "2026-11-22").await?;
        // An open item's form starts at its current status, never at "met".
        let status = app
            .client
            .execute("return document.querySelector('#set-status').value", vec![])
            .await?;
        assert_eq!(status, serde_json::json!("open"));
        app.set_value("#set-status", "met").await?;
        app.click("#set-save").await?;
        app.wait_until(
            "the flag to change",
            &format!(
                "return document.querySelector(\"#commitments .commitment[data-id='{id}']\")\
                 ?.dataset.flag === 'met-late'"
            ),
        )
        .await?;
        let badge = app.text("#detail-flag").await?;
        assert_eq!(badge, "Te laat afgedaan");
        let listed = app.text("#evidence li").await?;
        assert!(!listed.is_empty());
        let history = app.text("#history li").await?;
        assert!(history.contains("afgedaan"), "{history}");
        assert!(evidence.as_str().is_some_and(|e| !e.is_empty()));
        let overdue = app
            .text(".flag-card[data-flag='overdue'] .flag-count")
            .await?;
        assert_eq!(overdue, "1");
        app.screenshot("09-toezegging-afgedaan").await?;
        Ok(())
    })
}

#[test]
fn the_motions_table_shows_votes() -> TestResult {
    scenario(Start::Demo, async |app| {
        app.click("#nav-motions").await?;
        app.wait_for("#motions .motion").await?;
        let text = app.text("#motions").await?;
        assert!(text.contains("Motie Aanpak Mensenhandel"), "{text}");
        assert!(text.contains("34 voor, 4 tegen"), "{text}");
        app.wait_for("#motions .vote-bar .vote-for").await?;
        app.click("#motions th button[data-sort='number']").await?;
        app.screenshot("10-moties").await?;
        Ok(())
    })
}

#[test]
fn an_export_writes_the_council_report() -> TestResult {
    scenario(Start::Demo, async |app| {
        app.click("#nav-export").await?;
        app.set_date("#export-as-of", "2026-11-22").await?;
        let out = tempfile::tempdir()?;
        let path = out.path().join("lijst.html");
        // "Opslaan als…", and the save dialog answers this file.
        app.answer_dialog(&[path.to_string_lossy().into_owned()])?;
        app.click("#export-report").await?;
        app.wait_for("#export-message[data-done]").await?;
        let message = app.text("#export-message").await?;
        assert!(message.contains("lijst.html"), "{message}");
        let html = std::fs::read_to_string(&path)?;
        assert!(html.contains("Lijst van toezeggingen en moties"));
        assert!(html.contains("22 november 2026"));
        app.screenshot("11-exporteren").await?;
        Ok(())
    })
}

#[test]
fn a_path_the_page_names_itself_is_neither_read_nor_written() -> TestResult {
    scenario(Start::Demo, async |app| {
        // The page's own hooks name a file no dialog gave: the app refuses to write it...
        let out = tempfile::tempdir()?;
        let unchosen = out.path().join("stiekem.csv");
        let script = "const done = arguments[arguments.length - 1];\n\
                      window.__raadsvolgerExport('csv', arguments[0])\n\
                        .then((r) => done(r), (e) => done({ hookError: String(e) }));";
        let answer = app
            .client
            .execute_async(script, vec![serde_json::json!(unchosen)])
            .await?;
        assert!(answer.is_null(), "the export was refused: {answer}");
        let message = app.text("#export-message.error").await?;
        assert!(
            message.starts_with("stiekem.csv is niet door u gekozen"),
            "{message}"
        );
        assert!(!unchosen.exists(), "nothing was written");

        // ...and to read one (a real file, but nobody chose it).
        let before = app.text("#archive-count").await?;
        let answer = app
            .import_unchosen(&[fixture("formats/notitie-zonder-frontmatter.md")])
            .await?;
        assert_eq!(answer["error"]["code"], "not-granted", "{answer}");
        let summary = app
            .text("#import-summary[data-error='not-granted']")
            .await?;
        assert!(
            summary.starts_with("notitie-zonder-frontmatter.md is niet door u gekozen"),
            "{summary}"
        );
        assert_eq!(
            app.text("#archive-count").await?,
            before,
            "nothing imported"
        );
        app.screenshot("25-niet-gekozen-pad").await?;

        // The same file chosen in the dialog is imported.
        let summary = app
            .import(&[fixture("formats/notitie-zonder-frontmatter.md")])
            .await?;
        assert_eq!(summary["imported"], 1, "{summary}");
        Ok(())
    })
}

/// The hostile pages of the security scenario: every payload in them would set
/// `data-pwned` on `<html>` and `window.__pwned` if it ever ran.
fn hostile(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Whether a payload ran: the markers, anywhere in the window.
const MARKERS: &str = "return { data: document.documentElement.dataset.pwned ?? null, \
    global: window.__pwned ?? null, top: window.top.__pwned ?? null, \
    attr: document.querySelector('[data-pwned]')?.outerHTML.slice(0, 80) ?? null };";

/// A script function `forbidden(root)`: what under `root` must never reach the window
/// (elements that run or embed, event handlers, script URLs), as a list of findings.
const FORBIDDEN: &str = "const forbidden = (root) => {\n\
    const bad = [];\n\
    root.querySelectorAll('script, iframe, frame, object, embed, applet, svg, math, form, \
      base, meta, link, style, template, noscript, img, video, audio, source')\n\
      .forEach((el) => bad.push('<' + el.localName + '>'));\n\
    for (const el of root.querySelectorAll('*')) {\n\
      for (const attr of el.attributes) {\n\
        const name = attr.name.toLowerCase();\n\
        const value = attr.value.replace(/\\s+/g, '').toLowerCase();\n\
        if (name.startsWith('on') || name === 'srcdoc' || name === 'style') bad.push(name);\n\
        if (value.startsWith('javascript:') || value.startsWith('data:') \
            || value.startsWith('vbscript:')) bad.push(name + '=' + value.slice(0, 20));\n\
      }\n\
    }\n\
    return bad;\n\
  };\n";

/// Opens the imported document listed `nth` (1-based) in the import results and checks it
/// in the window: its text shown, nothing executable in it, no marker set.
async fn open_and_check(app: &App, nth: usize, text: &str) -> TestResult {
    app.click(&format!(
        "#import-results li.file-imported:nth-child({nth}) button"
    ))
    .await?;
    app.wait_until(
        "the document's text",
        &format!(
            "return document.querySelector('#document-body')?.innerText.includes({})",
            serde_json::json!(text)
        ),
    )
    .await?;
    // Time for anything that would fire late (a load or error event, an animation start).
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let script = format!("{FORBIDDEN}return forbidden(document.querySelector('#document-body'));");
    let found = app.client.execute(&script, vec![]).await?;
    assert_eq!(found, serde_json::json!([]), "in the window");
    let markers = app.client.execute(MARKERS, vec![]).await?;
    assert_eq!(
        markers,
        serde_json::json!({"data": null, "global": null, "top": null, "attr": null}),
        "a payload ran"
    );
    Ok(())
}

#[test]
fn a_document_with_scripts_is_shown_without_running_them() -> TestResult {
    scenario(Start::Empty, async |app| {
        // Listen for what the CSP blocks, from before the documents arrive.
        app.client
            .execute(
                "window.__e2eBlocked = [];\n\
                 document.addEventListener('securitypolicyviolation', (e) => \
                   window.__e2eBlocked.push(e.effectiveDirective + ' ' + e.blockedURI));\n\
                 return true;",
                vec![],
            )
            .await?;
        let summary = app
            .import(&[hostile("script-marker.html"), hostile("script-marker.md")])
            .await?;
        assert_eq!(summary["imported"], 2, "{summary}");
        app.wait_for("#import-summary[data-done]").await?;

        // What the command hands the page, before the UI's own clean-up (parsed inertly with
        // DOMParser, which runs nothing): no script in it either.
        let id = summary["files"][0]["outcome"]["id"].clone();
        let script = format!(
            "{FORBIDDEN}const done = arguments[arguments.length - 1];\n\
             window.__TAURI_INTERNALS__.invoke('get_document', {{ id: arguments[0] }})\n\
               .then((d) => {{\n\
                 const body = new DOMParser().parseFromString(d.bodyHtml, 'text/html').body;\n\
                 done({{ bad: forbidden(body), text: body.textContent }});\n\
               }}, (e) => done({{ bad: ['error: ' + JSON.stringify(e)], text: '' }}));"
        );
        let raw = app.client.execute_async(&script, vec![id]).await?;
        assert_eq!(raw["bad"], serde_json::json!([]), "in the command's answer");
        assert!(
            raw["text"]
                .as_str()
                .is_some_and(|t| t.contains("Zilverstrand")),
            "{raw}"
        );

        open_and_check(app, 1, "Zilverstrandtoezicht").await?;
        let title = app.text("#document-title").await?;
        assert!(title.contains("vakantiepark Zilverstrand"), "{title}");
        // (textContent: the <details> lost its `open` attribute, so its text is folded away.)
        let shown = app
            .wait_until(
                "the body's text",
                "return document.querySelector('#document-body').textContent",
            )
            .await?;
        let shown = shown.as_str().unwrap_or_default();
        for kept in [
            "41 chalets",
            "9 chalets",
            "1 juli 2024",
            "website van de gemeente",
        ] {
            assert!(shown.contains(kept), "{kept} missing from: {shown}");
        }
        app.screenshot("13-vijandig-document").await?;

        app.click("#document-back").await?;
        open_and_check(app, 2, "Zilverstrandpaviljoen").await?;

        // The search snippets of these documents are text and marks only.
        app.click("#nav-search").await?;
        app.search("Zilverstrand").await?;
        let snippets = app
            .wait_until(
                "both documents found",
                "const s = [...document.querySelectorAll('#results .hit .snippet')];\n\
                 return s.length === 2 && s.map((el) => \
                   [...el.querySelectorAll('*')].filter((c) => c.localName !== 'mark').length);",
            )
            .await?;
        assert_eq!(snippets, serde_json::json!([0, 0]));

        // The CSP in force blocks an inline script the page did not ship.
        let inline = "const s = document.createElement('script');\n\
                      s.textContent = \"document.documentElement.dataset.pwned = 'inline'\";\n\
                      document.head.append(s);\n\
                      return document.documentElement.dataset.pwned ?? null;";
        let ran = app.client.execute(inline, vec![]).await?;
        assert_eq!(ran, serde_json::Value::Null, "an inline script ran");
        let blocked = app
            .wait_until(
                "the CSP to report the inline script",
                "return window.__e2eBlocked.find((v) => v.startsWith('script-src')) ?? ''",
            )
            .await?;
        let markers = app.client.execute(MARKERS, vec![]).await?;
        record(&format!(
            "hostile documents: 2 imported and opened, no payload ran ({markers}); \
             CSP blocked: {}",
            blocked.as_str().unwrap_or_default()
        ))?;
        Ok(())
    })
}

/// Fills a text field the way typing would: the value, then `input` and `change`.
async fn fill(app: &App, css: &str, text: &str) -> TestResult {
    let input = app.wait_for(css).await?;
    input.clear().await?;
    input.send_keys(text).await?;
    Ok(())
}

/// Opens Vergaderingen and fills the form for a new meeting of the council (not sent yet).
async fn meeting_form(app: &App, day: &str, time: &str, title: &str) -> TestResult {
    app.click("#nav-meetings").await?;
    app.wait_for("#meeting-form").await?;
    fill(app, "#meeting-body", "gemeenteraad").await?;
    app.set_date("#meeting-date", day).await?;
    fill(app, "#meeting-time", time).await?;
    fill(app, "#meeting-title", title).await
}

#[test]
fn a_meeting_with_its_agenda_a_document_and_a_vote_per_party() -> TestResult {
    scenario(Start::Demo, async |app| {
        // A meeting, from the form on the Vergaderingen view.
        meeting_form(app, "2026-12-10", "19:30", "Raadsvergadering december").await?;
        fill(app, "#meeting-location", "Raadzaal").await?;
        app.click("#meeting-save").await?;
        let heading = app.text("#meeting-heading").await?;
        assert_eq!(heading, "Raadsvergadering december");
        let meta = app.text("#meeting-meta").await?;
        assert!(
            meta.contains("10 december 2026") && meta.contains("19:30"),
            "{meta}"
        );
        assert!(
            meta.contains("Raadzaal") && meta.contains("gepland"),
            "{meta}"
        );

        // Two agenda items.
        for (number, title) in [
            ("1", "Opening en mededelingen"),
            ("2", "Aanpak mensenhandel"),
        ] {
            fill(app, "#item-number", number).await?;
            fill(app, "#item-title", title).await?;
            app.click("#item-save").await?;
            app.wait_until(
                "the item on the agenda",
                &format!(
                    "return [...document.querySelectorAll('#agenda .agenda-item')]\n\
                     .some((li) => li.dataset.number === {})",
                    serde_json::json!(number)
                ),
            )
            .await?;
        }

        // The motion's document, picked from a search, on item 2.
        let item2 = app
            .wait_until(
                "item 2's id",
                "return document.querySelector(\"#agenda .agenda-item[data-number='2']\")?.dataset.id ?? ''",
            )
            .await?;
        let item2 = item2.as_str().unwrap_or_default().to_owned();
        app.set_value("#attach-item", &item2).await?;
        fill(app, "#attach-search", "Motie Aanpak Mensenhandel").await?;
        let picked = app
            .wait_until(
                "the motion among the search results",
                "const li = [...document.querySelectorAll('#attach-results .pick')]\n\
                 .find((li) => li.querySelector('.kind-motie') && \
                   li.querySelector('.pick-title').textContent.endsWith(' Motie Aanpak Mensenhandel'));\n\
                 if (!li) return '';\n\
                 li.querySelector('.pick-document').click();\n\
                 return document.querySelector('#attach-id').value;",
            )
            .await?;
        assert!(picked.as_str().is_some_and(|id| !id.is_empty()), "{picked}");
        app.click("#attach-save").await?;
        let docs = app
            .text(&format!(
                "#agenda .agenda-item[data-id='{item2}'] .agenda-docs"
            ))
            .await?;
        assert!(docs.contains("motie"), "{docs}");
        assert!(docs.to_lowercase().contains("mensenhandel"), "{docs}");

        // A vote per party on that motion, from the Moties view.
        app.click("#nav-motions").await?;
        app.wait_for("#motions .motion").await?;
        let motion_id = app
            .wait_until(
                "the motion's row",
                "const row = [...document.querySelectorAll('#motions .motion')]\n\
                 .find((tr) => tr.querySelector('.title').textContent.includes('Motie Aanpak Mensenhandel'));\n\
                 return row ? row.dataset.id : '';",
            )
            .await?;
        let motion_id = motion_id.as_str().unwrap_or_default().to_owned();
        app.click(&format!(
            "#motions .motion[data-id='{motion_id}'] .record-vote"
        ))
        .await?;
        app.wait_for("#vote-form").await?;
        app.set_date("#vote-date", "2026-12-10").await?;
        fill(app, "#vote-for", "30").await?;
        fill(app, "#vote-against", "5").await?;
        fill(app, "#vote-parties", "voor: CU, PvdA; tegen: PVV").await?;
        app.set_value("#vote-outcome", "aangenomen").await?;
        app.click("#vote-save").await?;
        let saved = app.text("#vote-message").await?;
        assert!(saved.contains("vastgelegd"), "{saved}");
        let row = app
            .wait_until(
                "the new vote in the motions list",
                &format!(
                    "const tr = document.querySelector(\"#motions .motion[data-id='{motion_id}']\");\n\
                     return tr && tr.innerText.includes('30 voor, 5 tegen') ? tr.innerText : '';"
                ),
            )
            .await?;
        let row = row.as_str().unwrap_or_default();
        assert!(row.contains("Aangenomen"), "{row}");
        assert!(row.contains("PvdA") && row.contains("PVV"), "{row}");
        app.screenshot("14-stemming-per-fractie").await?;

        // The meeting page (the view reopens the meeting it showed) has the motion on item 2
        // with its outcome and the parties' votes.
        app.click("#nav-meetings").await?;
        let on_item = app
            .wait_until(
                "the motion with its vote on item 2",
                &format!(
                    "const el = document.querySelector(\"#agenda .agenda-item[data-id='{item2}'] .agenda-motions\");\n\
                     return el && el.innerText.includes('30 voor, 5 tegen') ? el.innerText : '';"
                ),
            )
            .await?;
        let on_item = on_item.as_str().unwrap_or_default();
        assert!(on_item.contains("Motie Aanpak Mensenhandel"), "{on_item}");
        assert!(on_item.contains("Aangenomen"), "{on_item}");
        assert!(
            on_item.contains("ChristenUnie") && on_item.contains("PvdA") && on_item.contains("PVV"),
            "{on_item}"
        );
        let agenda = app.text("#agenda").await?;
        assert!(agenda.contains("Opening en mededelingen"), "{agenda}");
        app.screenshot("15-vergadering").await?;

        // And in the list: date, body, title and two agenda items.
        app.click("#meeting-back").await?;
        let listed = app
            .wait_until(
                "the meeting in the list",
                "const tr = [...document.querySelectorAll('#meetings .meeting')]\n\
                 .find((tr) => tr.innerText.includes('Raadsvergadering december'));\n\
                 return tr ? [tr.querySelector('.date').innerText, tr.querySelector('.body').textContent.toLowerCase(), \
                   tr.querySelector('.items').innerText] : '';",
            )
            .await?;
        assert_eq!(
            listed,
            serde_json::json!(["10 december 2026 19:30", "gemeenteraad", "2"]),
            "{listed}"
        );
        Ok(())
    })
}

/// Polls `script` until it returns a non-empty string, for up to `limit` (a sync takes longer
/// than the harness's usual wait).
async fn wait_longer(app: &App, what: &str, script: &str, limit: Duration) -> TestResult<String> {
    let deadline = Instant::now() + limit;
    loop {
        let value = app.poll(script).await?;
        if let Some(text) = value.as_str().filter(|t| !t.is_empty()) {
            return Ok(text.to_owned());
        }
        if Instant::now() > deadline {
            return Err(format!("timed out waiting for {what}").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Opens Vergaderingen and waits for at least `at_least` meetings in its list.
async fn synced_meetings(app: &App, at_least: usize) -> TestResult<usize> {
    app.click("#nav-meetings").await?;
    let script = format!(
        "const n = document.querySelectorAll('#meetings .meeting').length;\n\
         return n >= {at_least} ? String(n) : '';"
    );
    let rows = wait_longer(
        app,
        "synced meetings in the list",
        &script,
        Duration::from_secs(15),
    )
    .await?;
    Ok(rows.parse().unwrap_or(0))
}

#[test]
fn a_source_syncs_from_the_local_server_and_its_meetings_appear() -> TestResult {
    let server = raadsvolger_e2e::FixtureServer::start()?;
    let base = format!("{}/notubiz", server.url);
    scenario(Start::Empty, async |app| {
        app.click("#nav-sources").await?;
        // Past "Bezig met laden…": the empty list says what to do.
        let empty = app.text("#sources [data-state='empty']").await?;
        assert!(empty.contains("Nog geen bronnen"), "{empty}");

        // A NotuBiz source pointing at the local server, from the form.
        app.set_value("#source-system", "notubiz").await?;
        fill(app, "#source-key", "952").await?;
        fill(app, "#source-base-url", &base).await?;
        app.click("#source-save").await?;
        let row = app.text("#sources .source[data-system='notubiz']").await?;
        assert!(row.contains("NotuBiz") && row.contains("952"), "{row}");
        assert!(row.contains("nog nooit"), "{row}");

        // Sync now: the window stays free while it runs, showing where it is and a stop button.
        let started = Instant::now();
        app.click("#sources .source .sync-now").await?;
        let progress = wait_longer(
            app,
            "the sync's progress",
            "const p = document.querySelector('#sources .source .sync-progress');\n\
             return p && document.querySelector('#sources .source .cancel-sync') ? p.innerText : '';",
            Duration::from_secs(15),
        )
        .await?;
        assert!(!progress.is_empty(), "{progress}");
        // Another view answers during the sync.
        app.click("#nav-search").await?;
        app.wait_for("#view-search:not([hidden])").await?;
        app.click("#nav-sources").await?;
        let done = wait_longer(
            app,
            "the sync to finish",
            "const s = document.querySelector('#sources .source .sync-status');\n\
             return s && !s.classList.contains('sync-running') ? s.innerText : '';",
            Duration::from_secs(75),
        )
        .await?;
        record(&format!(
            "sync of the recorded NotuBiz responses from the window: {:.1} s",
            started.elapsed().as_secs_f64()
        ))?;
        assert_eq!(done, "gelukt");
        let row = app.text("#sources .source").await?;
        assert!(row.contains("registerregels"), "{row}");
        assert!(row.contains("0 problemen"), "{row}");
        let outcome = app.text("#sources .source .sync-outcome").await?;
        assert!(outcome.starts_with("Klaar in"), "{outcome}");
        app.screenshot("16-bronnen").await?;

        // Its meetings are in Vergaderingen, each with its agenda.
        let rows = synced_meetings(app, 2).await?;
        assert!(rows >= 2, "{rows}");
        app.click("#meetings .meeting .open-meeting").await?;
        let items = app
            .wait_until(
                "the synced meeting's agenda",
                "return document.querySelectorAll('#agenda .agenda-item').length;",
            )
            .await?;
        assert!(items.as_u64().unwrap_or(0) > 0, "{items}");
        app.screenshot("17-gesynchroniseerde-vergadering").await?;
        Ok(())
    })
}

#[test]
fn a_saved_search_flags_a_new_document_after_an_import() -> TestResult {
    scenario(Start::Demo, async |app| {
        // Save a search the example dossier does not answer yet.
        app.search("speelruimteplan").await?;
        app.wait_until(
            "the search to answer",
            "return document.querySelector('#result-count')?.innerText ?? '';",
        )
        .await?;
        app.click("#search-save").await?;
        let name = app.wait_for("#search-save-name").await?;
        name.clear().await?;
        name.send_keys("Speelruimte").await?;
        app.click("#search-save-ok").await?;
        let saved = app.text("#search-saved").await?;
        assert!(saved.starts_with("Bewaard"), "{saved}");
        let hidden = app
            .client
            .execute(
                "return document.querySelector('#nav-alerts-badge').hidden;",
                vec![],
            )
            .await?;
        assert_eq!(hidden, serde_json::json!(true), "nothing is new yet");

        // A motion comes in: the badge says one new document.
        app.import(&[raadsvolger_e2e::root()
            .join("tests/e2e/fixtures/motie-speelruimte-lindenhof.md")
            .canonicalize()?
            .to_string_lossy()
            .into_owned()])
            .await?;
        let badge = app
            .wait_until(
                "the badge on Bewaarde zoekopdrachten",
                "const b = document.querySelector('#nav-alerts-badge');\n\
                 return b && !b.hidden ? b.innerText : '';",
            )
            .await?;
        assert_eq!(badge, serde_json::json!("1"));

        // The saved search lists it as new; marked seen, nothing is new any more.
        app.click("#nav-alerts").await?;
        let total = app.text("#alerts-total").await?;
        assert_eq!(total, "Nieuw sinds uw laatste bezoek: 1");
        let listed = app.text("#alerts-list .alert").await?;
        assert!(
            listed.contains("Speelruimte") && listed.contains("1 nieuw"),
            "{listed}"
        );
        app.click("#alerts-list .alert .open-alert").await?;
        let hits = app.text("#alert-hits").await?;
        assert!(
            hits.contains("Motie Meer speelruimte in Lindenhof"),
            "{hits}"
        );
        assert!(hits.contains("Motie"), "{hits}");
        app.screenshot("18-bewaarde-zoekopdracht").await?;
        app.click("#alert-seen").await?;
        app.wait_until(
            "nothing new",
            "return document.querySelector('#alert-page')?.innerText.includes('Niets nieuws sinds uw laatste bezoek');",
        )
        .await?;
        app.wait_until(
            "the badge gone",
            "return document.querySelector('#nav-alerts-badge').hidden;",
        )
        .await?;
        // The document opens from the saved search, with all hits shown.
        app.click("#alert-show-all").await?;
        app.click("#alert-hits .alert-hit button").await?;
        let title = app.text("#document-title").await?;
        assert!(title.contains("speelruimte"), "{title}");
        Ok(())
    })
}

#[test]
fn first_run_chooses_a_council_and_its_meetings_arrive_from_the_local_server() -> TestResult {
    let server = raadsvolger_e2e::FixtureServer::start()?;
    scenario(Start::Registers(server.url.clone()), async |app| {
        // The empty archive offers the councils of the table, with a search box.
        app.wait_for("#empty-archive #council-list .council")
            .await?;
        app.screenshot("20-eerste-start").await?;
        fill(app, "#council-search", "Almere").await?;
        let chosen = wait_longer(
            app,
            "Almere chosen",
            "const c = document.querySelector('#first-run-choice');\n\
             return c && c.textContent.includes('Almere') ? c.textContent : '';",
            Duration::from_secs(10),
        )
        .await?;
        assert!(
            chosen.contains("NotuBiz") && chosen.contains("952"),
            "{chosen}"
        );
        // The years to fetch, typed as a Dutch user writes a day.
        app.set_date("#first-run-from", "2010-01-01").await?;
        // And the topics whose documents to fetch (the register comes in whole).
        fill(app, "#first-run-topics", "armoede, openbare ruimte").await?;
        app.click("#first-run-start").await?;

        // The sync runs in the background on the Bronnen page, with its progress and stop.
        app.wait_for("#view-sources:not([hidden])").await?;
        let done = wait_longer(
            app,
            "the first sync to finish",
            "const s = document.querySelector('#sources .source .sync-status');\n\
             return s && !s.classList.contains('sync-running') && !s.classList.contains('sync-never') ? s.innerText : '';",
            Duration::from_secs(90),
        )
        .await?;
        assert_eq!(done, "gelukt");
        let row = app.text("#sources .source").await?;
        assert!(row.contains("952"), "{row}");
        assert!(
            row.contains("Alleen stukken over: armoede, openbare ruimte"),
            "{row}"
        );

        // Its meetings are in Vergaderingen.
        let rows = synced_meetings(app, 1).await?;
        let first_meeting = app.app_age()?;
        record(&format!(
            "first run: from the app's start to the first synced meeting in the window: {:.1} s ({rows} meetings)",
            first_meeting.as_secs_f64()
        ))?;
        app.screenshot("21-eerste-start-vergaderingen").await?;
        // And its motions under Moties.
        app.click("#nav-motions").await?;
        let motions = wait_longer(
            app,
            "the council's motions",
            "const n = document.querySelectorAll('#motions .motion').length;\n\
             return n >= 1 ? String(n) : '';",
            Duration::from_secs(15),
        )
        .await?;
        assert!(motions.parse::<usize>().unwrap_or(0) >= 1, "{motions}");
        // The example dossier was never mixed in: no document of it came along.
        let count = app.text("#archive-count").await?;
        assert!(!count.starts_with("27 "), "{count}");
        Ok(())
    })
}

/// The first run for the council the search `code` finds, against the local server: the
/// route the window names (`route`), a sync that ends well, and then its meetings (or, for a
/// parliament, its motions) in the window.
fn first_run_of(code: &str, route: &str, meetings: bool) -> TestResult {
    let server = raadsvolger_e2e::FixtureServer::start()?;
    scenario(Start::Registers(server.url.clone()), async |app| {
        app.wait_for("#empty-archive #council-list .council")
            .await?;
        fill(app, "#council-search", code).await?;
        let chosen = wait_longer(
            app,
            "the council chosen",
            "const c = document.querySelector('#first-run-choice');\n\
             const s = document.querySelector('#first-run-start');\n\
             return c && s && !s.disabled ? c.textContent : '';",
            Duration::from_secs(10),
        )
        .await?;
        assert!(chosen.contains(route), "{code}: {chosen}");
        app.set_date("#first-run-from", "2010-01-01").await?;
        app.click("#first-run-start").await?;
        app.wait_for("#view-sources:not([hidden])").await?;
        let done = wait_longer(
            app,
            "the first sync to finish",
            "const s = document.querySelector('#sources .source .sync-status');\n\
             return s && !s.classList.contains('sync-running') && !s.classList.contains('sync-never') ? s.innerText : '';",
            Duration::from_secs(120),
        )
        .await?;
        let row = app.text("#sources .source").await?;
        assert_eq!(done, "gelukt", "{code}: {row}");
        if meetings {
            synced_meetings(app, 1).await?;
        } else {
            app.click("#nav-motions").await?;
            wait_longer(
                app,
                "the motions",
                "return document.querySelectorAll('#motions .motion').length > 0 ? 'yes' : '';",
                Duration::from_secs(15),
            )
            .await?;
        }
        Ok(())
    })
}

/// The first run on each system beside NotuBiz (above): an iBabs council by the
/// openbesluitvorming route, a GemeenteOplossingen and a Parlaeus council at their own
/// installations (mirrored on the local server by host), and the Tweede Kamer.
#[test]
fn first_run_on_ibabs_goes_by_openbesluitvorming() -> TestResult {
    first_run_of("GM0080", "openbesluitvorming", true)
}

#[test]
fn first_run_on_gemeenteoplossingen() -> TestResult {
    first_run_of("GM0014", "GemeenteOplossingen", true)
}

#[test]
fn first_run_on_parlaeus() -> TestResult {
    first_run_of("GM0935", "Parlaeus", true)
}

#[test]
fn first_run_for_the_tweede_kamer() -> TestResult {
    first_run_of("Tweede Kamer", "Tweede Kamer", false)
}

#[test]
fn archives_side_by_side_switch_from_the_window() -> TestResult {
    scenario(Start::Empty, async |app| {
        app.wait_for("#empty-archive").await?;
        let own = app
            .wait_until(
                "the archive list",
                "const o = document.querySelector('#archive-switch option[selected]');\n\
                 return o ? o.value : '';",
            )
            .await?;
        let own = own.as_str().unwrap_or_default().to_owned();
        assert!(!own.is_empty(), "the open archive is listed");

        // The example dossier opens in its own folder: 27 documents there.
        app.set_value("#archive-switch", "::example").await?;
        let count = wait_longer(
            app,
            "the example dossier's count",
            "const c = document.querySelector('#archive-count');\n\
             return c && c.textContent.startsWith('27 ') ? c.textContent : '';",
            Duration::from_secs(60),
        )
        .await?;
        assert!(count.contains("27"), "{count}");
        app.search("zorgcoördinator").await?;
        app.wait_for("#results .hit").await?;
        app.screenshot("22-archief-wisselen").await?;
        let example = app.config.path().join("voorbeelddossier");
        assert!(
            example.join("archive.sqlite").exists(),
            "the example has its own folder"
        );

        // Back to the first archive: still empty, the example never mixed into it.
        app.wait_for("#archive-switch option[data-example]").await?;
        app.set_value("#archive-switch", &own).await?;
        app.wait_for("#empty-archive").await?;
        let count = app.text("#archive-count").await?;
        assert!(count.starts_with("0 "), "{count}");

        // A folder the page names itself is not opened...
        let elsewhere = tempfile::tempdir()?;
        let named = elsewhere.path().join("door-de-pagina");
        std::fs::create_dir_all(&named)?;
        let answer = app
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];\n\
                 window.__TAURI_INTERNALS__.invoke('open_archive', { path: arguments[0] })\n\
                   .then((r) => done({ opened: r }), (e) => done({ error: e }));",
                vec![serde_json::json!(named)],
            )
            .await?;
        assert_eq!(answer["error"]["code"], "not-granted", "{answer}");
        assert_eq!(answer["error"]["params"]["rule"], "open", "{answer}");
        assert!(
            !named.join("archive.sqlite").exists(),
            "no archive made there"
        );
        // ...the same folder chosen in the folder dialog is.
        app.answer_dialog(&[named.to_string_lossy().into_owned()])?;
        app.set_value("#archive-switch", "::open").await?;
        wait_longer(
            app,
            "the chosen folder open",
            "const o = document.querySelector('#archive-switch option[selected]');\n\
             return o && o.value.endsWith('door-de-pagina') ? o.value : '';",
            Duration::from_secs(30),
        )
        .await?;
        assert!(named.join("archive.sqlite").exists());
        Ok(())
    })
}

/// The meta line of the commitments whose text holds `words`, as the dashboard shows it.
const META_OF: &str = "const li = [...document.querySelectorAll('#commitments .commitment')]\n\
     .find((l) => l.querySelector('.commitment-text').textContent.includes(arguments[0]));\n\
     return li ? li.querySelector('.commitment-meta').textContent : '';";

async fn meta_of(app: &App, words: &str, expect: &str) -> TestResult<String> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let meta = app
            .client
            .execute(META_OF, vec![serde_json::json!(words)])
            .await?;
        let meta = meta.as_str().unwrap_or_default().to_owned();
        if meta.contains(expect) || Instant::now() > deadline {
            return Ok(meta);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Presses "Instellingen opslaan" and waits until the page says they were saved.
async fn save_settings(app: &App) -> TestResult<String> {
    app.click("#settings-save").await?;
    wait_longer(
        app,
        "the settings saved",
        "const m = document.querySelector('#settings-message');\n\
         return m && m.textContent.startsWith('Opgeslagen') ? m.textContent : '';",
        Duration::from_secs(10),
    )
    .await
}

#[test]
fn the_settings_page_moves_a_recess_and_its_deadline_follows() -> TestResult {
    scenario(Start::Empty, async |app| {
        let summary = app
            .import(&[hostile("motie-zwemles-zomerreces.md")])
            .await?;
        assert_eq!(summary["imported"], 1, "{summary}");

        // "voor het zomerreces" is dated by the default summer recess: 1 July.
        app.click("#nav-commitments").await?;
        app.set_date("#as-of", "2026-05-01").await?;
        let meta = meta_of(app, "gratis zwemles", "1 juli 2026").await?;
        assert!(meta.contains("1 juli 2026"), "{meta}");

        // The council's summer recess starts on 20 June, typed day first.
        app.click("#nav-settings").await?;
        app.wait_for("#settings-form #recess-zomerreces-start")
            .await?;
        fill(app, "#settings-council-name", "Gemeenteraad Almere").await?;
        fill(app, "#recess-zomerreces-start", "20-06").await?;
        fill(app, "#recess-zomerreces-end", "20-08").await?;
        let saved = save_settings(app).await?;
        assert!(saved.starts_with("Opgeslagen"), "{saved}");
        let shown = app
            .text("#recesses tr[data-recess='zomerreces'] .recess-shown")
            .await?;
        assert_eq!(shown, "20 juni – 20 augustus");
        app.screenshot("23-instellingen").await?;

        // On Toezeggingen the deadline moved with the recess.
        app.click("#nav-commitments").await?;
        let meta = meta_of(app, "gratis zwemles", "20 juni 2026").await?;
        assert!(meta.contains("20 juni 2026"), "{meta}");

        // The council's numbers: a format that names no number is refused in Dutch...
        app.click("#nav-settings").await?;
        fill(app, "#settings-number-format", "RV-JJJJ").await?;
        app.click("#settings-save").await?;
        let refused = wait_longer(
            app,
            "the format refused",
            "const m = document.querySelector('#settings-message.error');\n\
             return m ? m.textContent : '';",
            Duration::from_secs(10),
        )
        .await?;
        assert!(
            refused.starts_with("De notatie van raadsnummers “RV-JJJJ” kan niet worden gebruikt"),
            "{refused}"
        );
        // ...one that does is kept, with an example of a number in it.
        fill(app, "#settings-number-format", "MJJJJ-N").await?;
        assert_eq!(
            app.text("#settings-number-example").await?,
            "Bijvoorbeeld: M2024-7"
        );
        save_settings(app).await?;
        app.screenshot_for_docs("instellingen-notatie").await?;

        // English: the window starts again in it, and stays so.
        app.set_value("#settings-language", "en").await?;
        app.click("#settings-save").await?;
        let nav = wait_longer(
            app,
            "the window in English",
            "const n = document.querySelector('#nav-search');\n\
             return n && n.textContent.includes('Search') ? n.textContent : '';",
            Duration::from_secs(15),
        )
        .await?;
        assert!(nav.contains("Search"), "{nav}");
        app.click("#nav-settings").await?;
        let kept = app
            .wait_until(
                "the settings in English",
                "const f = document.querySelector('#settings-number-format');\n\
                 const l = document.querySelector('#settings-language');\n\
                 return f && l ? [f.value, l.value] : null;",
            )
            .await?;
        assert_eq!(kept, serde_json::json!(["MJJJJ-N", "en"]));
        Ok(())
    })
}

#[test]
fn paging_through_210_search_results() -> TestResult {
    // 210 short letters that all name the same playground plan.
    let dir = tempfile::tempdir()?;
    for i in 1..=210 {
        std::fs::write(
            dir.path().join(format!("brief-{i:03}.md")),
            format!(
                "---\ntitle: Brief {i} over het speeltuinplan\nkind: raadsinformatiebrief\ndate: 2025-01-{:02}\n---\n\n\
                 Het college schrijft de raad over het speeltuinplan, deel {i}.\n",
                1 + i % 28
            ),
        )?;
    }
    scenario(Start::Empty, async |app| {
        let folder = dir.path().to_string_lossy().into_owned();
        let summary = app.import(&[folder]).await?;
        assert_eq!(summary["imported"], 210, "{}", summary["failed"]);
        app.wait_for("#import-summary[data-done]").await?;
        app.click("#nav-search").await?;
        app.search("speeltuinplan").await?;
        app.wait_for("#results .hit").await?;
        let count = |app: &App| {
            let client = app.client.clone();
            async move {
                let n = client
                    .execute(
                        "return document.querySelectorAll('#results .hit').length;",
                        vec![],
                    )
                    .await?;
                TestResult::Ok(n.as_u64().unwrap_or(0))
            }
        };
        assert_eq!(count(app).await?, 50);
        let summary_line = app.text("#result-count").await?;
        assert!(summary_line.contains("210 resultaten"), "{summary_line}");
        for shown in [100, 150, 200, 210] {
            app.click("#search-more").await?;
            let deadline = Instant::now() + Duration::from_secs(10);
            while count(app).await? < shown && Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            assert_eq!(count(app).await?, shown);
        }
        let more = app
            .client
            .execute(
                "return document.querySelector('#search-more') === null;",
                vec![],
            )
            .await?;
        assert_eq!(
            more,
            serde_json::json!(true),
            "no more button after the last page"
        );
        app.screenshot("24-zoeken-meer-resultaten").await?;
        Ok(())
    })
}

/// The number of elements matching `css` in the window now.
async fn count_of(app: &App, css: &str) -> TestResult<u64> {
    let n = app
        .client
        .execute(
            "return document.querySelectorAll(arguments[0]).length;",
            vec![serde_json::json!(css)],
        )
        .await?;
    Ok(n.as_u64().unwrap_or(0))
}

/// Clicks `button` until `css` matches `expect` elements (each click loads one more page).
async fn load_pages_until(app: &App, button: &str, css: &str, expect: u64) -> TestResult {
    let deadline = Instant::now() + Duration::from_secs(60);
    while count_of(app, css).await? < expect {
        if Instant::now() > deadline {
            return Err(format!(
                "{css}: {} of {expect} after paging",
                count_of(app, css).await?
            )
            .into());
        }
        let shown = count_of(app, css).await?;
        // The button of the page shown (the one clicked before is disabled while its page comes).
        app.click(&format!("{button}:not([disabled])")).await?;
        let wait = Instant::now() + Duration::from_secs(20);
        while count_of(app, css).await? == shown && Instant::now() < wait {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    assert_eq!(count_of(app, css).await?, expect);
    Ok(())
}

#[test]
fn the_timeline_and_the_motions_page_beyond_their_first_page() -> TestResult {
    // 1,050 short notes about a dike, and 130 motions about bicycle parking (every tenth also
    // about a ferry), in words of this test's own.
    let dir = tempfile::tempdir()?;
    for i in 1..=1050 {
        std::fs::write(
            dir.path().join(format!("notitie-{i:04}.md")),
            format!(
                "---\ntitle: Notitie {i} over de dijkversterking\nkind: raadsinformatiebrief\ndate: {}-{:02}-{:02}\n---\n\n\
                 Het college meldt de stand van de dijkversterking, notitie {i}.\n",
                2010 + i % 14,
                1 + i % 12,
                1 + i % 28
            ),
        )?;
    }
    for i in 1..=130 {
        let ferry = if i % 10 == 0 { " en het pontveer" } else { "" };
        std::fs::write(
            dir.path().join(format!("motie-{i:03}.md")),
            format!(
                "---\nkind: motie\ntitle: Motie fietsenstalling {i}{ferry}\ndate: 2024-{:02}-{:02}\ncouncil_number: M2024-{i}\noutcome: {}\n---\n\n\
                 De raad, in vergadering bijeen,\n\nverzoekt het college een fietsenstalling bij halte {i} te bouwen{ferry},\n\n\
                 en gaat over tot de orde van de dag.\n",
                1 + i % 12,
                1 + i % 28,
                if i % 2 == 0 {
                    "aangenomen"
                } else {
                    "verworpen"
                }
            ),
        )?;
    }
    scenario(Start::Empty, async |app| {
        let summary = app
            .import(&[dir.path().to_string_lossy().into_owned()])
            .await?;
        assert_eq!(summary["imported"], 1180, "{}", summary["failed"]);

        // The timeline: 200 at a time of all 1,180 dated documents.
        app.click("#nav-timeline").await?;
        app.wait_for("#timeline .event").await?;
        assert_eq!(count_of(app, "#timeline .event").await?, 200);
        assert_eq!(app.text("#timeline-count").await?, "200 van 1.180");
        app.click("#timeline-more:not([disabled])").await?;
        let shown = wait_longer(
            app,
            "the second page of the timeline",
            "const c = document.querySelector('#timeline-count');\n\
             return c && c.textContent.startsWith('400 ') ? c.textContent : '';",
            Duration::from_secs(10),
        )
        .await?;
        assert_eq!(shown, "400 van 1.180");
        load_pages_until(app, "#timeline-more", "#timeline .event", 1180).await?;
        assert_eq!(
            count_of(app, "#timeline-more").await?,
            0,
            "no button after the last page"
        );
        let years = app
            .client
            .execute(
                "return [...document.querySelectorAll('#timeline .year-label')].map((y) => y.textContent);",
                vec![],
            )
            .await?;
        let years: Vec<String> = serde_json::from_value(years)?;
        let mut sorted = years.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(years, sorted, "each year once, oldest first");

        // Moties: 100 of 130, the rest below "Meer laden".
        app.click("#nav-motions").await?;
        app.wait_for("#motions tr.motion").await?;
        assert_eq!(count_of(app, "#motions tr.motion").await?, 100);
        assert_eq!(app.text("#motions-count").await?, "100 van 130");
        app.screenshot("26-moties-meer-laden").await?;
        load_pages_until(app, "#motions-more", "#motions tr.motion", 130).await?;

        // The filter searches all 130, not the page shown: 13 name the ferry.
        app.set_value("#motions-filter", "pontveer").await?;
        let count = wait_longer(
            app,
            "the filtered motions",
            "const c = document.querySelector('#motions-count');\n\
             return c && c.textContent === '13 van 13' ? c.textContent : '';",
            Duration::from_secs(10),
        )
        .await?;
        assert_eq!(count, "13 van 13");
        // Sorted by number, lowest first, over all of them: M2024-10 before M2024-100.
        app.click("#motions th button[data-sort='number']").await?;
        let first = wait_longer(
            app,
            "the motions by number",
            "const n = document.querySelector('#motions tr.motion .number');\n\
             return n && n.textContent === 'M2024-10' ? n.textContent : '';",
            Duration::from_secs(10),
        )
        .await?;
        assert_eq!(first, "M2024-10");
        app.set_value("#motions-outcome", "verworpen").await?;
        app.wait_for("#motions [data-state='empty']").await?;
        Ok(())
    })
}

/// What view `name` shows now: `empty` (its own empty state), `first-run` (the empty archive's
/// choice of council), `error`, `loading`, or `content`.
async fn state_of(app: &App, name: &str) -> TestResult<String> {
    let script = "const view = document.querySelector('#view-' + arguments[0]);\n\
                  if (!view || view.hidden) return 'hidden';\n\
                  if (view.querySelector('[data-state=\"error\"]')) return 'error';\n\
                  if (view.querySelector('[data-state=\"loading\"]')) return 'loading';\n\
                  if (view.querySelector('#empty-archive')) return 'first-run';\n\
                  if (view.querySelector('[data-state=\"empty\"]')) return 'empty';\n\
                  return 'content';";
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let state = app
            .client
            .execute(script, vec![serde_json::json!(name)])
            .await?;
        let state = state.as_str().unwrap_or_default().to_owned();
        if (state != "loading" && state != "hidden") || Instant::now() > deadline {
            return Ok(state);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[test]
fn every_view_says_what_to_do_on_an_empty_archive() -> TestResult {
    scenario(Start::Empty, async |app| {
        // Nothing in the archive: the lists offer the first run, the others their own empty
        // state; no view shows an error.
        for (view, expect) in [
            ("search", "first-run"),
            ("commitments", "first-run"),
            ("motions", "first-run"),
            ("timeline", "first-run"),
            ("meetings", "empty"),
            ("alerts", "empty"),
            ("sources", "empty"),
        ] {
            app.click(&format!("#nav-{view}")).await?;
            assert_eq!(state_of(app, view).await?, expect, "{view}");
        }
        app.click("#nav-meetings").await?;
        state_of(app, "meetings").await?;
        app.screenshot_for_docs("leeg-vergaderingen").await?;
        app.click("#nav-sources").await?;
        state_of(app, "sources").await?;
        app.screenshot_for_docs("leeg-bronnen").await?;
        app.click("#nav-alerts").await?;
        state_of(app, "alerts").await?;
        app.screenshot_for_docs("leeg-bewaarde-zoekopdrachten")
            .await?;
        // Importeren, Exporteren and Instellingen work on an empty archive as on any other.
        for view in ["import", "export", "settings"] {
            app.click(&format!("#nav-{view}")).await?;
            assert_eq!(state_of(app, view).await?, "content", "{view}");
        }

        // One note without votes or promises: the lists say what would fill them.
        let note = tempfile::tempdir()?;
        let path = note.path().join("notitie.md");
        std::fs::write(
            &path,
            "---\ntitle: Notitie over de kinderboerderij\nkind: raadsinformatiebrief\ndate: 2025-05-06\n---\n\n\
             De kinderboerderij krijgt een nieuw hek.\n",
        )?;
        let summary = app.import(&[path.to_string_lossy().into_owned()]).await?;
        assert_eq!(summary["imported"], 1, "{summary}");
        for (view, shot) in [
            ("motions", "leeg-moties"),
            ("commitments", "leeg-toezeggingen"),
        ] {
            app.click(&format!("#nav-{view}")).await?;
            assert_eq!(state_of(app, view).await?, "empty", "{view}");
            app.screenshot_for_docs(shot).await?;
        }
        let text = app.text("#view-motions [data-state='empty'] p").await?;
        assert!(text.contains("Vergaderingen"), "what to do next: {text}");
        app.click("#nav-timeline").await?;
        assert_eq!(state_of(app, "timeline").await?, "content");
        assert_eq!(app.text("#timeline-count").await?, "1 van 1");
        Ok(())
    })
}

#[test]
fn the_window_searches_while_a_large_import_runs() -> TestResult {
    // 8,000 short letters of our own: the importer is busy for some seconds even when fast.
    let dir = tempfile::tempdir()?;
    for i in 1..=8_000 {
        std::fs::write(
            dir.path().join(format!("brief-{i:04}.md")),
            format!(
                "---\ntitle: Brief {i} over het zwemwater\nkind: raadsinformatiebrief\ndate: 2024-03-{:02}\n---\n\n\
                 Het college meldt de raad de stand van het zwemwater in week {i}, met de metingen \
                 van de provincie en wat er is afgesproken met de beheerder van de plas.\n",
                1 + i % 28
            ),
        )?;
    }
    scenario(Start::Demo, async |app| {
        let folder = dir.path().to_string_lossy().into_owned();
        // The folder is chosen in the dialog; the import starts and the test goes on without
        // waiting for it.
        app.answer_dialog(std::slice::from_ref(&folder))?;
        app.client
            .execute(
                "window.__raadsvolgerLastImport = null; return true;",
                vec![],
            )
            .await?;
        app.click("#nav-import").await?;
        app.click("#pick-folder").await?;
        app.wait_until(
            "the import under way",
            "const p = document.querySelector('#import-progress');\n\
             return p && !p.hidden ? 'busy' : '';",
        )
        .await?;
        app.click("#nav-search").await?;
        let running = "return window.__raadsvolgerLastImport === null;";
        let mut answered = Vec::new();
        for query in [
            "mensenhandel",
            "zorgcoördinator",
            "slachtoffers",
            "motie",
            "toezegging",
        ] {
            if app.client.execute(running, vec![]).await? != serde_json::json!(true) {
                break;
            }
            app.client
                .execute(
                    "document.querySelector('#result-count').textContent = '';",
                    vec![],
                )
                .await?;
            let asked = Instant::now();
            app.search(query).await?;
            app.wait_until(
                "search results while importing",
                "return document.querySelector('#result-count').textContent;",
            )
            .await?;
            let took = asked.elapsed();
            let still = app.client.execute(running, vec![]).await? == serde_json::json!(true);
            if still {
                answered.push(took);
            }
        }
        app.screenshot("25-zoeken-tijdens-import").await?;
        assert!(
            answered.len() >= 2,
            "the window answered only {} searches while the import ran",
            answered.len()
        );
        // Only searches answered while the import still ran count (a window that waited for
        // the import would answer none of them); how long they took is recorded, not judged.
        let slowest = answered.iter().max().copied().unwrap_or_default();
        record(&format!(
            "search while importing 8,000 files: {} searches answered during the import, slowest {} ms (typing, 150 ms debounce and rendering included)",
            answered.len(),
            slowest.as_millis()
        ))?;
        let done = wait_longer(
            app,
            "the import to finish",
            "const r = window.__raadsvolgerLastImport;\n\
             return r ? JSON.stringify(r) : '';",
            Duration::from_secs(60),
        )
        .await?;
        assert!(done.contains("\"imported\":8000"), "{done}");
        Ok(())
    })
}

/// WebDriver's keys (W3C code points): Enter, the arrows, End, and Alt or Control held for
/// one key (the null key lets go of them).
const ENTER: &str = "\u{E007}";
const UP: &str = "\u{E013}";
const END: &str = "\u{E010}";
const ALT_RIGHT: &str = "\u{E00A}\u{E014}\u{E000}";
const ALT_LEFT: &str = "\u{E00A}\u{E012}\u{E000}";
const CTRL_Z: &str = "\u{E009}z\u{E000}";
const ALT_UP: &str = "\u{E00A}\u{E013}\u{E000}";
const ALT_DOWN: &str = "\u{E00A}\u{E015}\u{E000}";
const DELETE: &str = "\u{E017}";

/// Types `keys` into whatever has the focus now, as a person at the keyboard would: no
/// element is picked by the test.
async fn press(app: &App, keys: &str) -> TestResult {
    app.client.active_element().await?.send_keys(keys).await?;
    Ok(())
}

/// The id (`data-focus`, or the element's id) of what has the focus.
async fn focused(app: &App) -> TestResult<String> {
    let value = app
        .client
        .execute(
            "const el = document.activeElement;\n\
             return el ? (el.dataset.focus || el.dataset.party || el.id || el.tagName) : '';",
            vec![],
        )
        .await?;
    Ok(value.as_str().unwrap_or_default().to_owned())
}

/// Waits until the focus is on `want` (a `data-focus` key, a party or an id).
async fn focus_on(app: &App, want: &str) -> TestResult {
    let script = format!(
        "const el = document.activeElement;\n\
         const at = el ? (el.dataset.focus || el.dataset.party || el.id) : '';\n\
         return at === {} ? at : '';",
        serde_json::json!(want)
    );
    if let Err(e) = app.wait_until(&format!("focus on {want}"), &script).await {
        let now = focused(app).await.unwrap_or_default();
        return Err(format!("{e}; the focus is on {now:?}").into());
    }
    Ok(())
}

/// Types `keys` into the row for the next agenda item (where the focus must be), and waits for
/// the item numbered `number` on the agenda.
async fn type_item(app: &App, keys: &str, number: &str) -> TestResult {
    focus_on(app, "item-title").await?;
    press(app, keys).await?;
    app.wait_until(
        &format!("item {number} on the agenda"),
        &format!(
            "return document.querySelector(\"#agenda .agenda-item[data-number='{number}']\") ? 'y' : '';"
        ),
    )
    .await?;
    Ok(())
}

/// The agenda as the window shows it: each item's number, depth and title.
async fn agenda_rows(app: &App) -> TestResult<serde_json::Value> {
    Ok(app
        .client
        .execute(
            "return [...document.querySelectorAll('#agenda .agenda-item')].map((li) => {\n\
               let depth = 0; let p = li.parentElement;\n\
               while (p && p.id !== 'agenda') { if (p.classList.contains('agenda-item')) depth += 1; p = p.parentElement; }\n\
               return [li.dataset.number, depth, li.querySelector('.agenda-title').textContent];\n\
             });",
            vec![],
        )
        .await?)
}

/// Waits (up to 10 s) until the agenda's rows are `expect`; returns them as they are then.
async fn agenda_becomes(app: &App, expect: &serde_json::Value) -> TestResult<serde_json::Value> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let rows = agenda_rows(app).await?;
        if rows == *expect || Instant::now() > deadline {
            return Ok(rows);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[test]
fn a_clerk_types_the_agenda_and_a_vote_without_the_mouse_and_undoes_the_last_edit() -> TestResult {
    scenario(Start::Empty, async |app| {
        // The meeting, from the form (typed, then Enter).
        meeting_form(app, "2027-01-21", "20:00", "Raad van januari").await?;
        press(app, ENTER).await?;
        assert_eq!(app.text("#meeting-heading").await?, "Raad van januari");
        let keys = app.text("#keys-line").await?;
        assert!(keys.contains("Alt+→") && keys.contains("Ctrl+Z"), "{keys}");

        // The agenda, typed: the focus is in the entry row, whose number follows on.
        // (The numbers are never typed: each is the one the row suggests.)
        type_item(app, &format!("Opening en mededelingen{ENTER}"), "1").await?;
        type_item(app, &format!("Speelplekken in de wijken{ENTER}"), "2").await?;
        // Alt+→ nests the next one under item 2, numbered 2a.
        focus_on(app, "item-title").await?;
        press(app, ALT_RIGHT).await?;
        let place = app.text("#entry-place").await?;
        assert!(place.contains("onder 2. Speelplekken"), "{place}");
        type_item(app, &format!("Moties over speelplekken{ENTER}"), "2a").await?;
        // Alt+← takes the next one back to a main item: 3.
        press(app, ALT_LEFT).await?;
        let place = app.text("#entry-place").await?;
        assert_eq!(place, "hoofdpunt", "{:?}", agenda_rows(app).await?);
        type_item(app, &format!("Rondvraag{ENTER}"), "3").await?;
        // The agenda typed: four items, one of them nested.
        let typed = serde_json::json!([
            ["1", 0, "Opening en mededelingen"],
            ["2", 0, "Speelplekken in de wijken"],
            ["2a", 1, "Moties over speelplekken"],
            ["3", 0, "Rondvraag"]
        ]);
        assert_eq!(agenda_rows(app).await?, typed);

        // A saved item moves with Alt+↑ and Alt+↓ among its siblings (the focus stays on it),
        // and Delete removes it; Ctrl+Z puts it back.
        focus_on(app, "item-title").await?;
        press(app, UP).await?;
        let rondvraag = focused(app).await?;
        assert!(rondvraag.starts_with("item:"), "{rondvraag}");
        press(app, ALT_UP).await?;
        let moved = serde_json::json!([
            ["1", 0, "Opening en mededelingen"],
            ["3", 0, "Rondvraag"],
            ["2", 0, "Speelplekken in de wijken"],
            ["2a", 1, "Moties over speelplekken"]
        ]);
        assert_eq!(agenda_becomes(app, &moved).await?, moved);
        focus_on(app, &rondvraag).await?;
        press(app, ALT_DOWN).await?;
        assert_eq!(agenda_becomes(app, &typed).await?, typed);
        focus_on(app, &rondvraag).await?;
        press(app, DELETE).await?;
        let without = serde_json::json!([
            ["1", 0, "Opening en mededelingen"],
            ["2", 0, "Speelplekken in de wijken"],
            ["2a", 1, "Moties over speelplekken"]
        ]);
        assert_eq!(agenda_becomes(app, &without).await?, without);
        let said = app.text("#meeting-message").await?;
        assert!(
            said.contains("Rondvraag") && said.contains("Ctrl+Z"),
            "{said}"
        );
        press(app, CTRL_Z).await?;
        assert_eq!(agenda_becomes(app, &typed).await?, typed);

        // Up into the agenda, to item 2a; M adds a motion there.
        focus_on(app, "item-title").await?;
        press(app, UP).await?;
        let item3 = focused(app).await?;
        assert!(item3.starts_with("item:"), "{item3}");
        press(app, UP).await?;
        let item2a = app
            .wait_until(
                "item 2a's id",
                "return document.querySelector(\"#agenda .agenda-item[data-number='2a']\")?.dataset.id ?? '';",
            )
            .await?;
        let item2a = item2a.as_str().unwrap_or_default().to_owned();
        focus_on(app, &format!("item:{item2a}")).await?;
        press(app, "m").await?;
        focus_on(app, "motion-entry").await?;
        press(app, &format!("Motie Schaduw op het speelplein{ENTER}")).await?;
        let motion = app
            .wait_until(
                "the motion on item 2a",
                &format!(
                    "const li = document.querySelector(\"#agenda .agenda-item[data-id='{item2a}'] .agenda-motion\");\n\
                     return li && li.textContent.includes('Motie Schaduw op het speelplein') ? li.dataset.id : '';"
                ),
            )
            .await?;
        let motion = motion.as_str().unwrap_or_default().to_owned();

        // S opens its vote: a row per party (50PLUS, BBB, CDA, ... by name). V, T, V give the
        // first three theirs, End goes to the outcome, A is adopted, Enter records it.
        focus_on(app, &format!("motion:{motion}")).await?;
        press(app, "s").await?;
        app.wait_for("#vote-grid .vote-party").await?;
        focus_on(app, "50PLUS").await?;
        press(app, "vtv").await?;
        focus_on(app, "CU").await?;
        press(app, &format!("{END}a{ENTER}")).await?;
        let voted = app
            .wait_until(
                "the vote on the motion",
                &format!(
                    "const li = document.querySelector(\"#agenda .agenda-motion[data-id='{motion}']\");\n\
                     return li && !document.querySelector('#vote-grid') && li.querySelector('.party-voor') ? li.innerText : '';"
                ),
            )
            .await?;
        let voted = voted.as_str().unwrap_or_default();
        assert!(voted.contains("Aangenomen"), "{voted}");
        assert!(
            voted.contains("50PLUS") && voted.contains("CDA") && voted.contains("BBB"),
            "{voted}"
        );
        let against = app
            .text(&format!(
                "#agenda .agenda-motion[data-id='{motion}'] .party-tegen"
            ))
            .await?;
        assert_eq!(against, "BBB");
        // The next vote of this council term offers the parties that voted first, the
        // archive's others after them.
        focus_on(app, &format!("motion:{motion}")).await?;
        press(app, "s").await?;
        app.wait_for("#vote-grid #vote-grid-others").await?;
        let council = app
            .wait_until(
                "the council's parties first",
                "return [...document.querySelectorAll('#vote-grid .vote-party[data-council=true]')]\n\
                   .map((r) => r.dataset.party).join(' ');",
            )
            .await?;
        assert_eq!(council, "50PLUS BBB CDA", "{council}");
        app.click("#vote-grid-close").await?;
        focus_on(app, &format!("motion:{motion}")).await?;

        // One item too many: N to the entry row, typed, saved; Ctrl+Z takes it back.
        press(app, "n").await?;
        type_item(app, &format!("Sluiting{ENTER}"), "4").await?;
        let undo_next = app.text("#undo-next").await?;
        assert_eq!(undo_next, "agendapunt ‘Sluiting’ toegevoegd");
        focus_on(app, "item-title").await?;
        press(app, CTRL_Z).await?;
        let said = app
            .wait_until(
                "the undo said",
                "const p = document.querySelector('#meeting-message');\n\
                 return p && p.textContent.startsWith('Ongedaan gemaakt') ? p.textContent : '';",
            )
            .await?;
        assert_eq!(
            said,
            serde_json::json!("Ongedaan gemaakt: agendapunt ‘Sluiting’ toegevoegd")
        );
        assert_eq!(agenda_rows(app).await?, typed);
        let still = app
            .text(&format!("#agenda .agenda-motion[data-id='{motion}']"))
            .await?;
        assert!(still.contains("Aangenomen"), "{still}");
        let undo_next = app.text("#undo-next").await?;
        assert!(undo_next.starts_with("stemming over"), "{undo_next}");
        app.screenshot("25-vergadering-toetsenbord").await?;

        // Ctrl+Z again (the entry row is empty, so it is the page's): the vote goes too.
        focus_on(app, "item-title").await?;
        press(app, CTRL_Z).await?;
        app.wait_until(
            "the vote undone",
            &format!(
                "const li = document.querySelector(\"#agenda .agenda-motion[data-id='{motion}']\");\n\
                 const p = document.querySelector('#meeting-message');\n\
                 return li && !li.querySelector('.party-voor') && \
                   p.textContent === 'Ongedaan gemaakt: stemming over ‘Motie Schaduw op het speelplein’ vastgelegd';"
            ),
        )
        .await?;
        // While a field holds typed text, Ctrl+Z is the field's: nothing else is undone.
        press(app, "Sluit").await?;
        press(app, CTRL_Z).await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let motions = app
            .client
            .execute(
                &format!(
                    "return document.querySelectorAll(\"#agenda .agenda-motion[data-id='{motion}']\").length"
                ),
                vec![],
            )
            .await?;
        assert_eq!(motions, serde_json::json!(1));
        Ok(())
    })
}
