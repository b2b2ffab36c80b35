//! Harness for the end-to-end tests of the desktop app: starts `tauri-driver` (which starts
//! WebKitWebDriver, which starts the app) on free ports, opens a WebDriver session on the app
//! with a fresh temporary archive, and stops it all again (SIGTERM, so the driver also stops its
//! WebKitWebDriver child).
//!
//! Needs a display: run under `xvfb-run` (see `scripts/e2e.sh`). The app binary is
//! `target/debug/raadsvolger-app` (or `$RAADSVOLGER_APP_BIN`), built with
//! `cargo build -p raadsvolger-app`.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::error::CmdError;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

pub type TestResult<T = ()> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// How long to wait for something to appear in the window.
pub const WAIT: Duration = Duration::from_secs(15);

/// How long a screenshot may take before the X server is asked instead.
const SHOT: Duration = Duration::from_secs(8);

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// The app binary under test.
pub fn app_binary() -> PathBuf {
    std::env::var_os("RAADSVOLGER_APP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("debug/raadsvolger-app"))
}

/// Where screenshots go: `target/e2e-screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    target_dir().join("e2e-screenshots")
}

/// A file of the repository's `fixtures/`, as an absolute path.
pub fn fixture(relative: &str) -> String {
    let path = root().join("fixtures").join(relative);
    path.canonicalize()
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

fn tauri_driver() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(path);
    }
    let in_cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|home| home.join("bin/tauri-driver"));
    match in_cargo_home {
        Some(path) if path.exists() => path,
        _ => PathBuf::from("tauri-driver"),
    }
}

fn free_port() -> TestResult<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// How the app is started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    /// A fresh, empty archive whose new sources point at this address (`--register-base`,
    /// e.g. the local fixture server): the first run against recorded registers.
    Registers(String),
    /// A fresh archive with the example dossier loaded (`--demo`).
    Demo,
    /// A fresh, empty archive.
    Empty,
}

/// A running app in a WebDriver session.
pub struct App {
    pub client: Client,
    /// When the app was asked to start (before the session existed).
    pub started: Instant,
    /// How long the WebDriver session (driver, browser, app) took to come up.
    pub session_up: Duration,
    driver: DriverGuard,
    _archive: tempfile::TempDir,
    /// The app's configuration folder (`--config`): its list of archives, the example dossier.
    pub config: tempfile::TempDir,
    /// The file whose lines answer the app's open and save dialogs (`--test-pick`).
    picks: tempfile::NamedTempFile,
}

impl App {
    /// Starts tauri-driver and the app on a fresh temporary archive.
    pub async fn start(start: Start) -> TestResult<App> {
        let binary = app_binary();
        if !binary.exists() {
            return Err(format!(
                "{} is missing: build it with `cargo build -p raadsvolger-app` (scripts/e2e.sh does)",
                binary.display()
            )
            .into());
        }
        let archive = tempfile::tempdir()?;
        let config = tempfile::tempdir()?;
        let picks = tempfile::NamedTempFile::new()?;
        let port = free_port()?;
        let native_port = free_port()?;
        let started = Instant::now();
        let driver = Command::new(tauri_driver())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
            .env("NO_AT_BRIDGE", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| {
                format!("cannot start tauri-driver ({e}): `cargo install tauri-driver --locked`")
            })?;
        let mut app_args = vec![
            "--archive".to_owned(),
            // A folder of a fixed name, so the archive switcher (and the screenshots) read the
            // same on every run.
            archive
                .path()
                .join("archief")
                .to_string_lossy()
                .into_owned(),
        ];
        app_args.push("--config".to_owned());
        app_args.push(config.path().to_string_lossy().into_owned());
        app_args.push("--test-pick".to_owned());
        app_args.push(picks.path().to_string_lossy().into_owned());
        match &start {
            Start::Demo => app_args.push("--demo".to_owned()),
            Start::Registers(base) => {
                app_args.push("--register-base".to_owned());
                app_args.push(base.clone());
            }
            Start::Empty => {}
        }
        let mut driver = DriverGuard {
            child: Some(driver),
            apps: Vec::new(),
        };
        wait_for_port(port, Duration::from_secs(10))?;
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), json!("wry"));
        capabilities.insert(
            "tauri:options".into(),
            json!({"application": binary.canonicalize()?, "args": app_args}),
        );
        // tauri-driver listens before its WebKitWebDriver does: wait for both, and retry the
        // session request a few times while the native driver comes up.
        wait_for_port(native_port, Duration::from_secs(10))?;
        let url = format!("http://127.0.0.1:{port}");
        let mut attempts = 0;
        let client = loop {
            attempts += 1;
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                Err(e) if attempts < 20 => {
                    eprintln!("e2e: session not up yet ({e}), retrying");
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                Err(e) => return Err(e.into()),
            }
        };
        let session_up = started.elapsed();
        // Remembered so the app is stopped even when the session does not close cleanly.
        let driver_pid = driver.child.as_ref().map(Child::id).unwrap_or(0);
        driver.apps = app_pids_under(&processes(), driver_pid).unwrap_or_default();
        let app = App {
            client,
            started,
            session_up,
            driver,
            _archive: archive,
            config,
            picks,
        };
        app.wait_for("#search-input").await?;
        Ok(app)
    }

    /// Waits until an element matching `css` exists.
    pub async fn wait_for(&self, css: &str) -> Result<fantoccini::elements::Element, CmdError> {
        trace(&format!("wait for {css}"));
        self.client
            .wait()
            .at_most(WAIT)
            .every(Duration::from_millis(25))
            .for_element(Locator::Css(css))
            .await
    }

    /// Runs a polling script once: a page being replaced (the window reloads after an
    /// archive switch) answers "not yet" instead of an error, so a wait goes on into the new
    /// page. WebKitWebDriver reports a script cut off by the unload as `NoSuchFrame`.
    pub async fn poll(&self, script: &str) -> TestResult<Value> {
        match self.client.execute(script, vec![]).await {
            Ok(value) => Ok(value),
            Err(CmdError::Standard(e))
                if e.error == fantoccini::error::ErrorStatus::NoSuchFrame =>
            {
                trace("the page was being replaced; polling again");
                Ok(Value::Null)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Waits until `script` (a function body) returns a truthy value; returns that value.
    pub async fn wait_until(&self, what: &str, script: &str) -> TestResult<Value> {
        trace(&format!("wait until {what}"));
        let deadline = Instant::now() + WAIT;
        loop {
            let value = self.poll(script).await?;
            let truthy = !matches!(&value, Value::Null | Value::Bool(false))
                && value != json!("")
                && value != json!(0);
            if truthy {
                return Ok(value);
            }
            if Instant::now() > deadline {
                return Err(format!("timed out waiting for {what}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Types into the search box (replacing what is there).
    pub async fn search(&self, text: &str) -> TestResult {
        let input = self.wait_for("#search-input").await?;
        input.clear().await?;
        input.send_keys(text).await?;
        Ok(())
    }

    /// Clicks the element matching `css` (waiting for it first). The views re-render as
    /// answers come in, so an element found a moment ago may be gone: then it is found again.
    pub async fn click(&self, css: &str) -> TestResult {
        trace(&format!("click {css}"));
        let mut attempts = 0;
        loop {
            attempts += 1;
            match self.wait_for(css).await?.click().await {
                Ok(()) => return Ok(()),
                Err(CmdError::Standard(e))
                    if e.error == fantoccini::error::ErrorStatus::StaleElementReference
                        && attempts < 5 =>
                {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                // Below the fold of a scrolled panel, or not laid out yet on a busy machine:
                // bring it into view, then try again (for up to about five seconds).
                Err(CmdError::Standard(e))
                    if e.error == fantoccini::error::ErrorStatus::ElementNotInteractable
                        && attempts < 20 =>
                {
                    self.client
                        .execute(
                            "document.querySelector(arguments[0])?.scrollIntoView({ block: 'center' }); return true;",
                            vec![json!(css)],
                        )
                        .await?;
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                // WebKitWebDriver still calls it not interactable after five seconds in view
                // (seen once under load on a page of 1,180 rows, the button enabled and
                // visible): the click goes to the element itself, as the page's own script
                // would receive it, provided it is there, shown and enabled.
                Err(CmdError::Standard(e))
                    if e.error == fantoccini::error::ErrorStatus::ElementNotInteractable =>
                {
                    let clicked = self
                        .client
                        .execute(
                            "const el = document.querySelector(arguments[0]);\n\
                             if (!el || el.disabled || el.offsetParent === null) return false;\n\
                             el.click(); return true;",
                            vec![json!(css)],
                        )
                        .await?;
                    if clicked.as_bool() == Some(true) {
                        trace(&format!("clicked {css} by script"));
                        return Ok(());
                    }
                    return Err(CmdError::Standard(e).into());
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// The rendered text of the first element matching `css`, once there is one (read in one
    /// script call, so a re-render in between cannot make it stale).
    pub async fn text(&self, css: &str) -> TestResult<String> {
        let script = format!(
            "const el = document.querySelector({});\nreturn el ? el.innerText : null;",
            json!(css)
        );
        let value = self.wait_until(css, &script).await?;
        Ok(value.as_str().unwrap_or_default().to_owned())
    }

    /// Types an ISO day (`2026-11-22`) into a date field as a Dutch user would ("22-11-2026"),
    /// then leaves it (`change`), and checks the field kept what was typed.
    pub async fn set_date(&self, css: &str, day: &str) -> TestResult {
        // The date fields are typed as a Dutch user writes a day: dd-mm-jjjj.
        let dutch = match day.split('-').collect::<Vec<_>>()[..] {
            [y, m, d] if y.len() == 4 => format!("{d}-{m}-{y}"),
            _ => day.to_owned(),
        };
        let input = self.wait_for(css).await?;
        input.clear().await?;
        input.send_keys(&dutch).await?;
        // Leaving the field (as Tab would) sends `change`.
        let script = "const el = document.querySelector(arguments[0]);\n\
                      el.dispatchEvent(new Event('change', { bubbles: true }));\n\
                      return el.value;";
        let value = self.client.execute(script, vec![json!(css)]).await?;
        if value != json!(dutch) {
            return Err(format!("{css} did not take {dutch}: {value}").into());
        }
        Ok(())
    }

    /// Sets a select (or any field) to `value` and sends `change`, as a person's choice would.
    pub async fn set_value(&self, css: &str, value: &str) -> TestResult {
        self.wait_for(css).await?;
        let script = "const el = document.querySelector(arguments[0]);\n\
                      el.value = arguments[1];\n\
                      el.dispatchEvent(new Event('input', { bubbles: true }));\n\
                      el.dispatchEvent(new Event('change', { bubbles: true }));\n\
                      return el.value;";
        let got = self
            .client
            .execute(script, vec![json!(css), json!(value)])
            .await?;
        if got != json!(value) {
            return Err(format!("{css} did not take {value}: {got}").into());
        }
        Ok(())
    }

    /// Says what the next open or save dialog answers: these paths, as if the user chose them
    /// (none: the dialog is cancelled).
    pub fn answer_dialog(&self, paths: &[String]) -> TestResult {
        std::fs::write(self.picks.path(), paths.join("\n"))?;
        Ok(())
    }

    /// Waits like [`App::wait_until`], up to `limit`.
    pub async fn wait_longer(
        &self,
        what: &str,
        script: &str,
        limit: Duration,
    ) -> TestResult<Value> {
        trace(&format!("wait (up to {limit:?}) until {what}"));
        let deadline = Instant::now() + limit;
        loop {
            let value = self.poll(script).await?;
            if !matches!(&value, Value::Null | Value::Bool(false)) {
                return Ok(value);
            }
            if Instant::now() > deadline {
                return Err(format!("timed out waiting for {what}").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Imports these paths as a person does: on Importeren, "Bestanden kiezen" (or "Map
    /// kiezen" when one is a folder), the app's dialog answering them. Returns the import's
    /// report as the page got it.
    pub async fn import(&self, paths: &[String]) -> TestResult<Value> {
        trace(&format!("import {paths:?}"));
        self.answer_dialog(paths)?;
        self.client
            .execute(
                "window.__raadsvolgerLastImport = null; return true;",
                vec![],
            )
            .await?;
        self.click("#nav-import").await?;
        let folder = paths.iter().any(|p| Path::new(p).is_dir());
        self.click(if folder {
            "#pick-folder"
        } else {
            "#pick-files"
        })
        .await?;
        let value = self
            .wait_longer(
                "the import's report",
                "return window.__raadsvolgerLastImport ?? null;",
                Duration::from_secs(60),
            )
            .await?;
        if value.get("error").is_some() {
            return Err(format!("the import failed: {value}").into());
        }
        Ok(value)
    }

    /// Runs the page's own import hook with these paths (a path the page names itself, which
    /// no dialog or drop gave): returns what the page got, a report or `{hookError}`.
    pub async fn import_unchosen(&self, paths: &[String]) -> TestResult<Value> {
        let script = "const done = arguments[arguments.length - 1];\n\
                      window.__raadsvolgerImport(arguments[0])\n\
                        .then((r) => done(r ?? window.__raadsvolgerLastImport), \
                              (e) => done({ hookError: String(e) }));";
        Ok(self
            .client
            .execute_async(script, vec![json!(paths)])
            .await?)
    }

    /// Saves a screenshot as `target/e2e-screenshots/<name>.png`.
    ///
    /// WebKitWebDriver takes it at the page's next presentation update, and an idle page (no
    /// caret blinking, nothing changing) has none: the request then never answers. So a pixel
    /// in a corner is made to change a few times over the next seconds (invisibly), which
    /// gives WebKit the frames it waits for. Should it still not answer, the screen is
    /// captured from the X server instead (ImageMagick's `import`).
    pub async fn screenshot(&self, name: &str) -> TestResult<PathBuf> {
        trace(&format!("screenshot {name}"));
        let frames = "let px = document.getElementById('e2e-frames');\n\
                      if (!px) {\n\
                        px = document.createElement('div');\n\
                        px.id = 'e2e-frames';\n\
                        Object.assign(px.style, { position: 'fixed', right: '0', bottom: '0', \
                          width: '1px', height: '1px', pointerEvents: 'none' });\n\
                        document.body.append(px);\n\
                      }\n\
                      let n = 0;\n\
                      for (const ms of [30, 100, 250, 500, 1000, 2000, 4000]) {\n\
                        setTimeout(() => { n += 1; px.style.background = \
                          `rgba(128, 128, 128, ${n % 2 ? 0.02 : 0.01})`; }, ms);\n\
                      }\n\
                      return true;";
        self.client.execute(frames, vec![]).await?;
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{name}.png"));
        match tokio::time::timeout(SHOT, self.client.screenshot()).await {
            Ok(png) => std::fs::write(&path, png?)?,
            Err(_) => {
                trace("WebDriver screenshot timed out: capturing the X screen");
                capture_x_screen(&path)?;
            }
        }
        Ok(path)
    }

    /// Saves a screenshot (as [`App::screenshot`]) and keeps a copy as `docs/<name>.png`, the
    /// pictures the README and the docs show.
    pub async fn screenshot_for_docs(&self, name: &str) -> TestResult<PathBuf> {
        let shot = self.screenshot(name).await?;
        let docs = root().join("docs").join(format!("{name}.png"));
        std::fs::copy(&shot, &docs)?;
        Ok(docs)
    }

    /// The app's own processes (started by this session's driver, running the app binary).
    fn app_pids(&self, procs: &[Proc]) -> TestResult<Vec<u32>> {
        let driver = self.driver.child.as_ref().map(Child::id).unwrap_or(0);
        app_pids_under(procs, driver)
    }

    /// How long ago the app process started (from /proc, so it counts from the moment the
    /// process existed, before any window or WebDriver session).
    pub fn app_age(&self) -> TestResult<Duration> {
        let procs = processes();
        let pid = *self
            .app_pids(&procs)?
            .first()
            .ok_or("found no app process")?;
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
        let after_name = stat
            .get(stat.rfind(')').ok_or("bad stat")? + 2..)
            .ok_or("bad stat")?;
        // Field 22 of stat is the start time in clock ticks since boot; after the name it is
        // the 20th (0-based 19).
        let ticks: f64 = after_name
            .split(' ')
            .nth(19)
            .ok_or("no start time")?
            .parse()?;
        let uptime: f64 = std::fs::read_to_string("/proc/uptime")?
            .split_whitespace()
            .next()
            .ok_or("no uptime")?
            .parse()?;
        let hz = clock_ticks_per_second();
        Ok(Duration::from_secs_f64((uptime - ticks / hz).max(0.0)))
    }

    /// Memory of the app and everything it started (WebKit's web and network processes).
    pub fn memory(&self) -> TestResult<Memory> {
        let procs = processes();
        let apps = self.app_pids(&procs)?;
        let mut memory = Memory::default();
        for proc in &procs {
            if apps.iter().any(|&app| is_descendant(&procs, proc.pid, app)) {
                let rss = status_kib(proc.pid, "VmRSS:").unwrap_or(0);
                let pss = smaps_pss_kib(proc.pid).unwrap_or(0);
                memory.processes.push((proc.name.clone(), rss, pss));
                memory.rss_kib += rss;
                memory.pss_kib += pss;
            }
        }
        if memory.processes.is_empty() {
            return Err("found no app process".into());
        }
        Ok(memory)
    }

    /// Ends the session (the app closes) and stops the driver.
    pub async fn stop(self) -> TestResult {
        let App { client, driver, .. } = self;
        let closed = client.close().await;
        drop(driver);
        closed?;
        Ok(())
    }
}

/// Stops tauri-driver with SIGTERM when dropped (also when a test fails half-way), then any
/// app process that outlived it.
struct DriverGuard {
    child: Option<Child>,
    apps: Vec<u32>,
}

impl Drop for DriverGuard {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            // A start that failed before its session came up has not listed its app yet.
            if self.apps.is_empty() {
                self.apps = app_pids_under(&processes(), child.id()).unwrap_or_default();
            }
            terminate(&mut child);
        }
        for pid in &self.apps {
            if std::path::Path::new(&format!("/proc/{pid}")).exists() {
                let _ = Command::new("kill")
                    .args(["-TERM", &pid.to_string()])
                    .status();
            }
        }
    }
}

/// The processes running the app binary below the driver with this pid.
fn app_pids_under(procs: &[Proc], driver: u32) -> TestResult<Vec<u32>> {
    let binary = app_binary().canonicalize()?;
    Ok(procs
        .iter()
        .filter(|p| {
            std::fs::read_link(format!("/proc/{}/exe", p.pid)).is_ok_and(|exe| exe == binary)
        })
        .filter(|p| is_descendant(procs, p.pid, driver))
        .map(|p| p.pid)
        .collect())
}

fn terminate(child: &mut Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

fn wait_for_port(port: u16, timeout: Duration) -> TestResult {
    let deadline = Instant::now() + timeout;
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            return Err(format!("tauri-driver did not listen on port {port}").into());
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    Ok(())
}

/// Memory of the app's processes, in KiB.
#[derive(Debug, Default)]
pub struct Memory {
    /// Sum of resident set sizes (counts shared pages once per process).
    pub rss_kib: u64,
    /// Sum of proportional set sizes (shared pages split between the processes).
    pub pss_kib: u64,
    /// (name, RSS, PSS) per process.
    pub processes: Vec<(String, u64, u64)>,
}

struct Proc {
    pid: u32,
    ppid: u32,
    name: String,
}

fn processes() -> Vec<Proc> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // "pid (name) state ppid ...": the name may hold spaces and parentheses.
            let open = stat.find('(')?;
            let close = stat.rfind(')')?;
            let name = stat.get(open + 1..close)?.to_owned();
            let ppid = stat.get(close + 2..)?.split(' ').nth(1)?.parse().ok()?;
            Some(Proc { pid, ppid, name })
        })
        .collect()
}

/// The whole X screen ($DISPLAY, the app's only window) as a PNG.
fn capture_x_screen(path: &Path) -> TestResult {
    let status = Command::new("import")
        .args(["-window", "root"])
        .arg(path)
        .status()
        .map_err(|e| format!("cannot run ImageMagick's import ({e}): run the setup script"))?;
    if !status.success() {
        return Err(format!("import -window root failed: {status}").into());
    }
    Ok(())
}

/// `getconf CLK_TCK`, 100 on every Linux this runs on when getconf is missing.
fn clock_ticks_per_second() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}

fn is_descendant(procs: &[Proc], pid: u32, ancestor: u32) -> bool {
    let mut current = pid;
    for _ in 0..64 {
        if current == ancestor {
            return true;
        }
        match procs.iter().find(|p| p.pid == current) {
            Some(p) if p.ppid != 0 => current = p.ppid,
            _ => return false,
        }
    }
    false
}

fn status_kib(pid: u32, key: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn smaps_pss_kib(pid: u32) -> Option<u64> {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    let line = rollup.lines().find(|l| l.starts_with("Pss:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// With `RAADSVOLGER_E2E_TRACE=1`, says on stderr what the test is about to do (to see where a
/// WebDriver call hangs).
pub fn trace(step: &str) {
    if std::env::var_os("RAADSVOLGER_E2E_TRACE").is_some_and(|v| v == "1") {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0);
        eprintln!("e2e {now:.3}: {step}");
    }
}

/// Appends a line to `target/e2e-screenshots/measurements.txt` and prints it.
pub fn record(line: &str) -> TestResult {
    use std::io::Write;
    println!("{line}");
    let dir = screenshot_dir();
    std::fs::create_dir_all(&dir)?;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("measurements.txt"))?;
    writeln!(file, "{line}")?;
    Ok(())
}

/// The fixture server of `raadsvolger-tests` (the councils' registers played from the recorded
/// responses), started on a free port of 127.0.0.1; stopped when dropped.
pub struct FixtureServer {
    child: Child,
    /// Its address, `http://127.0.0.1:PORT`.
    pub url: String,
}

impl FixtureServer {
    /// Starts `target/debug/fixture-server` (or `$RAADSVOLGER_FIXTURE_SERVER`), built with
    /// `cargo build -p raadsvolger-tests --bin fixture-server`, and reads the address it prints.
    pub fn start() -> TestResult<FixtureServer> {
        use std::io::BufRead;
        let binary = std::env::var_os("RAADSVOLGER_FIXTURE_SERVER")
            .map(PathBuf::from)
            .unwrap_or_else(|| target_dir().join("debug/fixture-server"));
        let mut child = Command::new(&binary)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| {
                format!(
                    "cannot start {} ({e}): `cargo build -p raadsvolger-tests --bin fixture-server`",
                    binary.display()
                )
            })?;
        let mut line = String::new();
        if let Some(out) = child.stdout.take() {
            std::io::BufReader::new(out).read_line(&mut line)?;
        }
        let url = line.trim().to_owned();
        if !url.starts_with("http://127.0.0.1:") {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("the fixture server printed no address: {line:?}").into());
        }
        Ok(FixtureServer { child, url })
    }
}

impl Drop for FixtureServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
