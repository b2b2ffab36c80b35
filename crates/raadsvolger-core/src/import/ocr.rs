//! Text of scanned PDF pages (pages without a text layer), read by Tesseract with its Dutch
//! model when the system has it: each page is drawn to an image by Poppler's `pdftoppm`, and
//! `tesseract <page> stdout -l nld` reads it. Both are programs of their own (Debian's
//! `poppler-utils`, `tesseract-ocr`, `tesseract-ocr-nld`), run as child processes with a time
//! limit, so a page that takes too long is stopped rather than left running.
//!
//! Without them a scan is reported as "scan zonder tekstlaag", with what to install.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Resolution pages are drawn at: enough for Tesseract on 10-point text.
const DPI: &str = "200";
/// Most scanned pages read of one document; the rest is reported.
pub const MAX_PAGES: usize = 40;
/// Time limit of one child process (drawing or reading one page).
const STEP_LIMIT: Duration = Duration::from_secs(60);
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

/// Runs a child process to its end within the limit; its stdout, or what went wrong.
fn run(mut cmd: Command, what: &str) -> Result<Vec<u8>, String> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{what} could not start: {e}"))?;
    let mut stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(s) = stdout.as_mut() {
            let _ = std::io::Read::read_to_end(s, &mut out);
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
            Ok(None) if started.elapsed() > STEP_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{what} took longer than {} s and was stopped",
                    STEP_LIMIT.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("{what}: {e}")),
        }
    }
}

/// A folder of its own for one document's pages, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> std::io::Result<Scratch> {
        static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("raadsvolger-ocr-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Engine {
    /// The text of the given pages (1-based) of a PDF, read from their images.
    pub fn read_pages(&self, pdf: &[u8], pages: &[usize]) -> Result<Vec<(usize, String)>, String> {
        let scratch = Scratch::new().map_err(|e| format!("no folder for the page images: {e}"))?;
        let file = scratch.0.join("scan.pdf");
        std::fs::write(&file, pdf).map_err(|e| format!("cannot write the scan: {e}"))?;
        let mut out = Vec::new();
        for &page in pages.iter().take(MAX_PAGES) {
            super::budget::check();
            out.push((page, self.read_page(&scratch.0, &file, page)?));
        }
        Ok(out)
    }

    fn read_page(&self, dir: &Path, file: &Path, page: usize) -> Result<String, String> {
        let prefix = dir.join(format!("p{page}"));
        let mut draw = Command::new(&self.pdftoppm);
        draw.args(["-r", DPI, "-gray", "-png", "-singlefile"])
            .arg("-f")
            .arg(page.to_string())
            .arg("-l")
            .arg(page.to_string())
            .arg(file)
            .arg(&prefix);
        run(draw, &format!("drawing page {page} (pdftoppm)"))?;
        let image = prefix.with_extension("png");
        let mut read = Command::new(&self.tesseract);
        read.arg(&image).arg("stdout").args(["-l", "nld"]);
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
}
