//! Text of scanned PDF pages (pages without a text layer), read by Tesseract with its Dutch
//! model when the system has it: each page is drawn to an image by Poppler's `pdftoppm`, and
//! `tesseract <page> stdout -l nld` reads it. Both are programs of their own (Debian's
//! `poppler-utils`, `tesseract-ocr`, `tesseract-ocr-nld`), run as child processes with a time
//! limit, so a page that takes too long is stopped rather than left running.
//!
//! The children are held short: each runs at most [`STEP_LIMIT`] and never past the file's own
//! deadline ([`super::budget::left`]); at most [`MAX_PAGES`] pages are drawn, each scaled to
//! [`PAGE_PIXELS`] on its longest side whatever size the page claims; on Linux each child's
//! data (heap) is limited to [`CHILD_DATA_BYTES`] with `prlimit` as soon as it is started (the
//! limit is set from outside, since setting it inside the child before it runs its program
//! needs `unsafe`, which this workspace forbids: a child could allocate for the first
//! moments before the limit is in place); Tesseract runs one thread (the import already reads
//! one file per core); what a child prints is read up to [`MAX_OUTPUT_BYTES`]. The page
//! images are drawn in a scratch folder of the document's own, made with a name no one can
//! guess and open to this user only (0700), so no other user of the machine can place or swap
//! a file in it.
//!
//! Without them a scan is reported as "scan zonder tekstlaag", with what to install.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Pixels on a drawn page's longest side: an A4 page at some 200 dots per inch, enough for
/// Tesseract on 10-point text; a page that claims to be 5 metres long is drawn as small
/// (a 2400 x 2400 gray image is under 6 MB).
const PAGE_PIXELS: &str = "2400";
/// Most scanned pages read of one document; the rest is reported.
pub const MAX_PAGES: usize = 40;
/// Time limit of one child process (drawing or reading one page).
const STEP_LIMIT: Duration = Duration::from_secs(60);
/// The heap a child may use (Linux `RLIMIT_DATA`): pdftoppm drawing a 2400-pixel page and
/// Tesseract reading it use some 50 to 300 MB; a page built to fill the memory stops at 1 GiB.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
const CHILD_DATA_BYTES: u64 = 1 << 30;
/// Most bytes of text read from one page: a dense page is some 5 kB.
const MAX_OUTPUT_BYTES: u64 = 4 << 20;
/// Environment variable that turns OCR off (`0`), for a machine where it is too slow.
pub const OCR_ENV: &str = "RAADSVOLGER_OCR";

/// What reads scans here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Engine {
    pub tesseract: PathBuf,
    pub pdftoppm: PathBuf,
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// The engine, when Tesseract (with `nld`) and pdftoppm are installed; looked up once.
pub fn engine() -> Option<&'static Engine> {
    static ENGINE: OnceLock<Option<Engine>> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            if std::env::var(OCR_ENV).is_ok_and(|v| v.trim() == "0") {
                return None;
            }
            let tesseract = on_path("tesseract")?;
            let pdftoppm = on_path("pdftoppm")?;
            let langs = Command::new(&tesseract)
                .arg("--list-langs")
                .stdin(Stdio::null())
                .output()
                .ok()?;
            let listed = String::from_utf8_lossy(&langs.stdout).to_string()
                + &String::from_utf8_lossy(&langs.stderr);
            if !listed.lines().any(|l| l.trim() == "nld") {
                tracing::info!(
                    "tesseract has no Dutch model (tesseract-ocr-nld): scans are not read"
                );
                return None;
            }
            Some(Engine {
                tesseract,
                pdftoppm,
            })
        })
        .as_ref()
}

/// Runs a child process to its end within its time limit (and the file's deadline); its
/// stdout, or what went wrong.
fn run(mut cmd: Command, what: &str) -> Result<Vec<u8>, String> {
    let limit = super::budget::left().map_or(STEP_LIMIT, |left| left.min(STEP_LIMIT));
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{what} could not start: {e}"))?;
    limit_memory(&child);
    let stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(s) = stdout {
            let mut s = s.take(MAX_OUTPUT_BYTES);
            let _ = s.read_to_end(&mut out);
            // Whatever comes past the limit is read and dropped, so the child is not blocked.
            let _ = std::io::copy(s.get_mut(), &mut std::io::sink());
        }
        out
    });
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => {
                let out = reader.join().unwrap_or_default();
                return if status.success() {
                    Ok(out)
                } else {
                    Err(format!("{what} failed ({status})"))
                };
            }
            Ok(None) if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{what} took longer than {:.1} s and was stopped",
                    limit.as_secs_f64()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("{what}: {e}")),
        }
    }
}

/// Limits the heap of a started child to [`CHILD_DATA_BYTES`] (Linux); a child that needs
/// more fails its allocation and ends, reported like any failed child.
#[cfg(target_os = "linux")]
fn limit_memory(child: &std::process::Child) {
    use rustix::process::{Pid, Resource, Rlimit, prlimit};
    let limit = Rlimit {
        current: Some(CHILD_DATA_BYTES),
        maximum: Some(CHILD_DATA_BYTES),
    };
    if let Err(e) = prlimit(Some(Pid::from_child(child)), Resource::Data, limit) {
        tracing::warn!("the OCR child's memory could not be limited: {e}");
    }
}

#[cfg(not(target_os = "linux"))]
fn limit_memory(_child: &std::process::Child) {}

/// A folder of its own for one document's pages: in the system's temp folder, with a name no
/// one can guess, open to this user only; removed when dropped.
struct Scratch(tempfile::TempDir);

impl Scratch {
    fn new() -> std::io::Result<Scratch> {
        let mut builder = tempfile::Builder::new();
        builder.prefix("raadsvolger-ocr-");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o700));
        }
        builder.tempdir_in(std::env::temp_dir()).map(Scratch)
    }

    fn path(&self) -> &Path {
        self.0.path()
    }
}

impl Engine {
    /// The text of the given pages (1-based) of a PDF, read from their images.
    pub fn read_pages(&self, pdf: &[u8], pages: &[usize]) -> Result<Vec<(usize, String)>, String> {
        let scratch = Scratch::new().map_err(|e| format!("no folder for the page images: {e}"))?;
        let file = scratch.path().join("scan.pdf");
        // A new file (never one already there, nor a link) in the folder only this user can use.
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&file)
            .and_then(|mut f| std::io::Write::write_all(&mut f, pdf))
            .map_err(|e| format!("cannot write the scan: {e}"))?;
        let mut out = Vec::new();
        for &page in pages.iter().take(MAX_PAGES) {
            super::budget::check();
            out.push((page, self.read_page(scratch.path(), &file, page)?));
        }
        Ok(out)
    }

    fn read_page(&self, dir: &Path, file: &Path, page: usize) -> Result<String, String> {
        let prefix = dir.join(format!("p{page}"));
        let mut draw = Command::new(&self.pdftoppm);
        draw.args(["-scale-to", PAGE_PIXELS, "-gray", "-png", "-singlefile"])
            .arg("-f")
            .arg(page.to_string())
            .arg("-l")
            .arg(page.to_string())
            .arg(file)
            .arg(&prefix);
        run(draw, &format!("drawing page {page} (pdftoppm)"))?;
        let image = prefix.with_extension("png");
        let mut read = Command::new(&self.tesseract);
        read.arg(&image)
            .arg("stdout")
            .args(["-l", "nld"])
            .env("OMP_THREAD_LIMIT", "1");
        let text = run(read, &format!("reading page {page} (tesseract)"))?;
        let _ = std::fs::remove_file(&image);
        Ok(String::from_utf8_lossy(&text).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_child_that_runs_too_long_is_an_error_not_a_hang() {
        // `true` ends at once; a missing program is a clear error.
        assert!(run(Command::new("true"), "true").is_ok());
        let err = run(Command::new("/nonexistent/ocr"), "ocr").expect_err("missing");
        assert!(err.contains("could not start"), "{err}");
    }

    /// The scratch folder is new, private and not named after anything guessable: another
    /// user cannot make it first (with a link in it) nor look into it.
    #[test]
    fn the_scratch_folder_is_private_and_unpredictable() {
        let a = Scratch::new().expect("made");
        let b = Scratch::new().expect("made");
        assert_ne!(a.path(), b.path());
        assert!(a.path().starts_with(std::env::temp_dir()));
        let name = a
            .path()
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        assert!(name.starts_with("raadsvolger-ocr-"), "{name}");
        assert!(
            !name.contains(&std::process::id().to_string()),
            "the name holds the process id: {name}"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(a.path())
                .expect("there")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o700, "{mode:o}");
        }
        let kept = a.path().to_owned();
        drop(a);
        assert!(!kept.exists(), "removed when done");
    }

    /// A child past the file's deadline is stopped at the deadline, not after its own minute.
    #[test]
    fn a_child_is_stopped_at_the_files_deadline() {
        let started = Instant::now();
        let outcome = super::super::budget::within(Duration::from_millis(300), || {
            let mut sleep = Command::new("sleep");
            sleep.arg("30");
            Ok(run(sleep, "sleep"))
        });
        let err = outcome.expect("within").expect_err("stopped");
        assert!(err.contains("was stopped"), "{err}");
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{:?}",
            started.elapsed()
        );
    }

    /// A child that wants more memory than its limit fails instead of filling the machine.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_child_cannot_use_more_than_its_memory_limit() {
        if !Path::new("/usr/bin/python3").exists() {
            eprintln!("skipped: no python3 to allocate with");
            return;
        }
        // Give the limit time to be set before the child allocates 2 GiB.
        let mut greedy = Command::new("/usr/bin/python3");
        greedy.args([
            "-c",
            "import time; time.sleep(0.5); b = bytearray(2 << 30); print(len(b))",
        ]);
        let err = run(greedy, "greedy").expect_err("refused its memory");
        assert!(err.contains("failed"), "{err}");
        let mut modest = Command::new("/usr/bin/python3");
        modest.args([
            "-c",
            "import time; time.sleep(0.5); b = bytearray(64 << 20); print(len(b))",
        ]);
        let out = run(modest, "modest").expect("within the limit");
        assert_eq!(
            String::from_utf8_lossy(&out).trim(),
            (64u64 << 20).to_string()
        );
    }
}
