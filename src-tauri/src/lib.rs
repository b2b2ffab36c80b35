//! # raadsvolger-app
//!
//! The desktop shell of Raadsvolger (Tauri v2) over `raadsvolger-core`. The window shows the
//! UI from `ui/` (embedded at build time); the page talks to the archive only through the
//! commands in [`api`], each page's beside its types (exported to TypeScript, see
//! [`bindings`]).
//!
//! Start-up: the archive folder is `--archive DIR`, else `$RAADSVOLGER_ARCHIVE`, else the
//! platform data folder; `--demo` or `RAADSVOLGER_DEMO=1` loads the example dossier into it
//! before the window opens.

pub mod api;
pub mod bindings;
pub mod grants;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use raadsvolger_core::{Archive, import::NoProgress};
use tauri::Runtime;

pub use api::AppState;

/// Environment variable that loads the example dossier at start when set to `1`.
pub const DEMO_ENV: &str = "RAADSVOLGER_DEMO";

/// Environment variable for the registers' address on first run (see [`Options::register_base`]).
pub const REGISTER_BASE_ENV: &str = "RAADSVOLGER_REGISTER_BASE";

/// Environment variable naming the file that answers the open and save dialogs in debug
/// builds (see [`Options::test_pick`]).
pub const TEST_PICK_ENV: &str = "RAADSVOLGER_TEST_PICK";

/// What the command line (and environment) asked for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Options {
    /// Given with `--archive`; `None` means the default folder.
    pub archive: Option<PathBuf>,
    pub demo: bool,
    /// The app's configuration folder (`--config DIR`, else `$RAADSVOLGER_CONFIG`, else the
    /// platform's): the list of archives and the example dossier's own folder.
    pub config: Option<PathBuf>,
    /// `--register-base URL` (else `$RAADSVOLGER_REGISTER_BASE`): new sources point at
    /// `URL/notubiz`, `URL/ibabs`, `URL/tk`, `URL/ori` instead of the registers themselves (a
    /// mirror, or the local test server `cargo run -p raadsvolger-tests --bin fixture-server`).
    pub register_base: Option<String>,
    /// `--test-pick FILE` (else `$RAADSVOLGER_TEST_PICK`), honoured by debug builds only: the
    /// lines of FILE answer the open and save dialogs (the end-to-end tests' hand on the
    /// dialog). What it answers is granted like a person's choice.
    pub test_pick: Option<PathBuf>,
}

impl Options {
    /// Reads `--archive DIR` / `--archive=DIR` and `--demo`; other arguments are ignored.
    pub fn parse(args: impl IntoIterator<Item = OsString>, demo_env: Option<OsString>) -> Self {
        let mut options = Options {
            demo: demo_env.is_some_and(|v| v == "1"),
            ..Options::default()
        };
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let text = arg.to_string_lossy();
            if text == "--demo" {
                options.demo = true;
            } else if text == "--archive" {
                options.archive = args.next().map(PathBuf::from);
            } else if let Some(dir) = text.strip_prefix("--archive=") {
                options.archive = Some(PathBuf::from(dir));
            } else if text == "--config" {
                options.config = args.next().map(PathBuf::from);
            } else if text == "--test-pick" {
                options.test_pick = args.next().map(PathBuf::from);
            } else if text == "--register-base" {
                options.register_base = args.next().map(|a| a.to_string_lossy().into_owned());
            }
        }
        options
    }

    pub fn archive_dir(&self) -> PathBuf {
        self.archive
            .clone()
            .unwrap_or_else(raadsvolger_core::default_archive_dir)
    }
}

/// Opens the archive (and loads the example dossier when asked): the app's state.
pub fn open_state(options: &Options) -> Result<AppState, raadsvolger_core::Error> {
    let dir = options.archive_dir();
    let archive = Archive::open(&dir)?;
    if options.demo {
        let report = archive.load_demo(&mut NoProgress)?;
        tracing::info!(
            "example dossier: {} imported, {} already present",
            report.imported().count(),
            report.skipped().count()
        );
    }
    let config_dir = options
        .config
        .clone()
        .unwrap_or_else(raadsvolger_core::archives::default_config_dir);
    let mut state = AppState::new(archive, dir, config_dir);
    state.register_base = options
        .register_base
        .clone()
        .or_else(|| std::env::var(REGISTER_BASE_ENV).ok())
        .filter(|b| !b.trim().is_empty());
    state.test_pick = options
        .test_pick
        .clone()
        .or_else(|| std::env::var_os(TEST_PICK_ENV).map(PathBuf::from))
        .filter(|_| cfg!(debug_assertions));
    Ok(state)
}

/// The commands the page may call.
pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        api::search::search,
        api::documents::get_document,
        api::documents::stats,
        api::import::import_paths,
        api::dialogs::pick_import,
        api::dialogs::pick_export,
        api::dialogs::pick_folder,
        api::documents::reindex,
        api::motions::motions,
        api::motions::motions_page,
        api::documents::timeline,
        api::commitments::commitments_page,
        api::commitments::commitments,
        api::commitments::commitment,
        api::commitments::evidence_suggestions,
        api::commitments::update_commitment,
        api::commitments::add_commitment,
        api::export::export,
        api::meetings::meetings,
        api::meetings::meeting,
        api::meetings::add_meeting,
        api::meetings::edit_meeting,
        api::meetings::cancel_meeting,
        api::agenda::add_agenda_item,
        api::agenda::move_agenda_item,
        api::agenda::delete_agenda_item,
        api::agenda::attach_document,
        api::motions::add_motion,
        api::motions::record_vote,
        api::meetings::last_edit,
        api::meetings::undo_last,
        api::meetings::meeting_report,
        api::sources::sources,
        api::sources::add_source,
        api::sources::remove_source,
        api::sources::retry_downloads,
        api::sources::register_conflicts,
        api::sources::keep_correction,
        api::sources::take_register_value,
        api::sources::sync_source,
        api::sources::cancel_sync,
        api::alerts::saved_searches,
        api::alerts::save_search,
        api::alerts::delete_saved_search,
        api::alerts::alert_hits,
        api::alerts::mark_seen,
        api::councils::councils,
        api::archives::archives,
        api::archives::open_archive,
        api::archives::open_example,
        api::archives::forget_archive,
        api::settings::council_settings,
        api::settings::set_council_settings,
        api::settings::parties,
        api::settings::parties_at,
        api::settings::set_party,
        api::councils::add_council,
    ]
}

/// The app without platform plugins: state, commands, and the window's drops (granted, then
/// told to the page). Generic over the runtime so the command layer runs under
/// `tauri::test::mock_builder()`.
pub fn app_builder<R: Runtime>(builder: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    builder
        .plugin(navigation_guard())
        .manage(state)
        .invoke_handler(handler())
        .on_window_event(|window, event| {
            use tauri::{DragDropEvent, Emitter, Manager, WindowEvent};
            if let WindowEvent::DragDrop(DragDropEvent::Drop { paths, .. }) = event {
                let state = window.state::<AppState>();
                let paths = api::import::dropped(&state, paths);
                if let Err(e) = window.emit_to(window.label(), api::import::DROPPED_EVENT, paths) {
                    tracing::warn!("telling the page of a drop: {e}");
                }
            }
        })
}

/// Keeps the window on the app's own pages: a link in a document that would take the webview
/// elsewhere (a middle click, a script, a redirect) is refused. Links are opened in the
/// user's browser by the page itself, through the opener.
fn navigation_guard<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri::plugin::Builder::new("navigation-guard")
        .on_navigation(|_, url| {
            let own = own_page(url);
            if !own {
                tracing::warn!(%url, "the window was not taken away from the app");
            }
            own
        })
        .build()
}

/// The app's own origin: `tauri://localhost` (Linux, macOS) or `http(s)://tauri.localhost`
/// (Windows).
fn own_page(url: &tauri::Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

/// Runs the desktop app.
pub fn run() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();

    let options = Options::parse(std::env::args_os().skip(1), std::env::var_os(DEMO_ENV));
    let state = match open_state(&options) {
        Ok(state) => state,
        Err(e) => {
            eprintln!("raadsvolger: cannot open the archive: {e}");
            return ExitCode::FAILURE;
        }
    };
    let current = Arc::clone(&state.current);

    let mut builder = tauri::Builder::default();
    // One window per archive: a second start on the default archive focuses the first. An
    // explicit --archive (another archive, or a test) runs on its own.
    if options.archive.is_none() {
        builder = builder.plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            use tauri::Manager;
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }));
    }
    let builder = builder
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_opener::init());

    let app = match app_builder(builder, state).build(tauri::generate_context!()) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("raadsvolger: cannot start the window: {e}");
            return ExitCode::FAILURE;
        }
    };
    let code = app.run_return(|_, _| {});
    // Finish index merges and release the writer lock (the app, and with it the state, is gone).
    let archive = match Arc::try_unwrap(current) {
        Ok(lock) => lock.into_inner().ok().map(|(_, archive)| archive),
        Err(_) => None,
    };
    if let Some(Ok(archive)) = archive.map(Arc::try_unwrap) {
        if let Err(e) = archive.close() {
            eprintln!("raadsvolger: closing the archive: {e}");
        }
    }
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_window_stays_on_the_apps_own_pages() {
        let url = |u: &str| tauri::Url::parse(u).expect("url");
        assert!(own_page(&url("tauri://localhost/index.html#/moties")));
        assert!(own_page(&url("https://tauri.localhost/")));
        assert!(own_page(&url("http://tauri.localhost/index.html")));
        for elsewhere in [
            "https://www.almere.nl/besluit.pdf",
            "http://localhost:8080/",
            "https://tauri.localhost.example.nl/",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "tauri://elders/",
        ] {
            assert!(!own_page(&url(elsewhere)), "{elsewhere}");
        }
    }

    #[test]
    fn options_from_arguments_and_environment() {
        let o = Options::parse(args(&["--archive", "/tmp/a", "--demo"]), None);
        assert_eq!(o.archive, Some(PathBuf::from("/tmp/a")));
        assert!(o.demo);
        let o = Options::parse(args(&["--archive=/tmp/b"]), Some("1".into()));
        assert_eq!(o.archive, Some(PathBuf::from("/tmp/b")));
        assert!(o.demo);
        let o = Options::parse(args(&["--other"]), Some("0".into()));
        assert_eq!(o, Options::default());
        let o = Options::parse(
            args(&[
                "--config",
                "/tmp/c",
                "--register-base",
                "http://127.0.0.1:9",
            ]),
            None,
        );
        assert_eq!(o.config, Some(PathBuf::from("/tmp/c")));
        assert_eq!(o.register_base.as_deref(), Some("http://127.0.0.1:9"));
        let o = Options::parse(args(&["--test-pick", "/tmp/answer"]), None);
        assert_eq!(o.test_pick, Some(PathBuf::from("/tmp/answer")));
    }
}
