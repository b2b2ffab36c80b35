//! Hostile files cannot take the archive down (issue 20): decompression bombs, made here from
//! code (never kept as files), import as named failures within bounded memory while the rest
//! of the batch lands.
//!
//! - A PDF of a few kB whose page stream is deflated twice and inflates to 1 GiB.
//! - An ODT of some 250 kB whose `mimetype` entry inflates to 256 MiB.
//! - A DOCX whose `word/document.xml` inflates to 48 MiB of one byte (under the 64 MiB part
//!   ceiling, past the ratio).
//! - A normal Markdown file beside them.
//!
//! Beside the bombs: links out of a chosen folder, and Open Raadsinformatie vote counts past
//! what a count holds. The network's hostile answers are in `tests/hostile_network.rs`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use raadsvolger_core::import::NoProgress;
use raadsvolger_core::{FileOutcome, ImportOptions};
use raadsvolger_tests::{empty_archive, search};

/// `count` MiB of `byte`, zlib-compressed (at `level`), as it streams out of the encoder.
fn deflated_run(byte: u8, count: usize, level: u32) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(level));
    let block = vec![byte; 1 << 20];
    for _ in 0..count {
        z.write_all(&block).expect("deflates");
    }
    z.finish().expect("deflates")
}

/// A one-page PDF whose content stream is `deflate(deflate(1 GiB of spaces))`: some 2 kB.
fn pdf_bomb() -> Vec<u8> {
    let inner = deflated_run(b' ', 1024, 9);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(&inner).expect("deflates");
    let outer = z.finish().expect("deflates");
    let mut stream = format!(
        "<< /Length {} /Filter [/FlateDecode /FlateDecode] >>\nstream\n",
        outer.len()
    )
    .into_bytes();
    stream.extend_from_slice(&outer);
    stream.extend_from_slice(b"\nendstream");
    pdf_of(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>"
            .to_vec(),
        stream,
    ])
}

/// A PDF of these objects (numbered from 1, the first the catalog), with its cross-reference
/// table.
fn pdf_of(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A ZIP of these parts: (name, bytes, deflated or stored).
fn zip_of(parts: &[(&str, &[u8], bool)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut out);
        for &(name, bytes, deflated) in parts {
            let method = if deflated {
                zip::CompressionMethod::Deflated
            } else {
                zip::CompressionMethod::Stored
            };
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(method)
                .compression_level(Some(9));
            w.start_file(name, opts).expect("start");
            w.write_all(bytes).expect("write");
        }
        w.finish().expect("finish");
    }
    out.into_inner()
}

const ODT_CONTENT: &str = "<office:document-content xmlns:office=\"o\" xmlns:text=\"t\">\
    <office:body><office:text><text:p>Motie over de bomen aan de singel</text:p>\
    </office:text></office:body></office:document-content>";

/// An ODT (a real `content.xml`) whose `mimetype` entry inflates to 256 MiB of `a`.
fn odt_bomb() -> Vec<u8> {
    let mime = vec![b'a'; 256 << 20];
    zip_of(&[
        ("content.xml", ODT_CONTENT.as_bytes(), true),
        ("mimetype", &mime, true),
    ])
}

/// A DOCX whose `word/document.xml` inflates to 48 MiB: a start tag, then spaces.
fn docx_bomb() -> Vec<u8> {
    let mut body = b"<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>".to_vec();
    body.resize(48 << 20, b' ');
    zip_of(&[("word/document.xml", &body, true)])
}

const NORMAL_MD: &str = "---\ntitle: Een gewoon stuk over het fietspad\ndate: 2024-01-01\n\
    kind: motie\n---\nDe raad verzoekt het college uiterlijk 1 juni 2024 te rapporteren over \
    het fietspad.\n";

/// The batch: the three bombs and the normal file, in a folder of their own.
fn write_batch(dir: &Path) -> PathBuf {
    let input = dir.join("in");
    std::fs::create_dir_all(&input).expect("folder");
    let pdf = pdf_bomb();
    assert!(pdf.len() < 4096, "the PDF bomb is {} bytes", pdf.len());
    std::fs::write(input.join("bom.pdf"), pdf).expect("write");
    let odt = odt_bomb();
    assert!(odt.len() < 400_000, "the ODT bomb is {} bytes", odt.len());
    std::fs::write(input.join("bom.odt"), odt).expect("write");
    std::fs::write(input.join("bom.docx"), docx_bomb()).expect("write");
    std::fs::write(input.join("gewoon.md"), NORMAL_MD).expect("write");
    input
}

fn failure<'a>(report: &'a raadsvolger_core::ImportReport, name: &str) -> &'a str {
    let file = report
        .files
        .iter()
        .find(|f| f.path.ends_with(name))
        .unwrap_or_else(|| panic!("{name} is not in the report"));
    match &file.outcome {
        FileOutcome::Failed { error, .. } => error,
        other => panic!("{name} did not fail: {other:?}"),
    }
}

/// In the process: each bomb is a failure naming what is wrong, the normal file lands.
#[test]
fn bombs_are_named_failures_and_the_rest_of_the_batch_lands() {
    let work = tempfile::tempdir().expect("tmp");
    let input = write_batch(work.path());
    let (_dir, archive) = empty_archive();
    let started = Instant::now();
    let report = archive
        .import_paths(&[input], &ImportOptions::default(), &mut NoProgress)
        .expect("the batch runs");
    let pdf = failure(&report, "bom.pdf");
    assert!(
        pdf.contains("a compressed stream") && pdf.contains("not read"),
        "{pdf}"
    );
    let odt = failure(&report, "bom.odt");
    assert!(
        odt.contains("mimetype") && odt.contains("inflates past 1 KiB"),
        "{odt}"
    );
    let docx = failure(&report, "bom.docx");
    assert!(
        docx.contains("word/document.xml") && docx.contains("times its size"),
        "{docx}"
    );
    assert_eq!(report.imported().count(), 1, "{report:?}");
    let hits = search(&archive, "rapporteren");
    assert_eq!(hits.hits.len(), 1, "the normal file is searchable");
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "the batch took {:?}",
        started.elapsed()
    );
}

/// The peak memory of a process (kB): its `VmHWM`, read while it runs.
fn peak_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// The most memory the CLI may use for the batch: the issue's bar is 1 GiB (main used
/// 3.2 GiB); the bombs stop after a few MB each, so 512 MiB leaves room for the archive,
/// the index writer and the parse threads.
const PEAK_LIMIT_KB: u64 = 512 * 1024;

/// The CLI, as a user runs it: the import ends, within bounded memory (its peak read from
/// /proc while it runs; the child is stopped at twice the bar rather than fill the machine),
/// names both bombs and lands the normal file.
#[cfg(target_os = "linux")]
#[test]
fn the_cli_imports_the_bomb_batch_within_bounded_memory() {
    let work = tempfile::tempdir().expect("tmp");
    let input = write_batch(work.path());
    let archive = work.path().join("archief");
    let mut child = Command::new(raadsvolger_tests::cli_binary())
        .arg("--archive")
        .arg(&archive)
        .arg("import")
        .arg(&input)
        .arg("--json")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    let pid = child.id();
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        let _ = std::io::Read::read_to_string(&mut stdout, &mut out);
        out
    });
    let started = Instant::now();
    let mut peak = 0;
    let status = loop {
        if let Some(kb) = peak_kb(pid) {
            peak = peak.max(kb);
        }
        if let Some(status) = child.try_wait().expect("waits") {
            break status;
        }
        if peak > 2 * PEAK_LIMIT_KB || started.elapsed() > Duration::from_secs(240) {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "stopped the import at {peak} kB after {:?}",
                started.elapsed()
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let out = reader.join().expect("read");
    eprintln!(
        "the bomb batch peaked at {} MiB in {:?}",
        peak / 1024,
        started.elapsed()
    );
    assert!(
        peak <= PEAK_LIMIT_KB,
        "the import peaked at {peak} kB (want at most {PEAK_LIMIT_KB})"
    );
    // Failed files make the exit status say so; the report is there all the same.
    assert!(status.code().is_some(), "ended by a signal: {status}");
    let report: serde_json::Value = serde_json::from_str(&out).expect("a JSON report");
    let text = report.to_string();
    for name in ["bom.pdf", "bom.odt", "bom.docx", "gewoon.md"] {
        assert!(text.contains(name), "{name} not named: {text}");
    }
    assert!(text.contains("inflates"), "{text}");
    let found = Command::new(raadsvolger_tests::cli_binary())
        .arg("--archive")
        .arg(&archive)
        .args(["search", "rapporteren", "--json"])
        .output()
        .expect("searches");
    let hits: serde_json::Value = serde_json::from_slice(&found.stdout).expect("JSON hits");
    assert_eq!(
        hits["hits"].as_array().map(Vec::len),
        Some(1),
        "the normal file is in the archive: {hits}"
    );
}

/// A link in a chosen folder that leads out of it (as `unzip` restores them from a dossier
/// someone sent) is not followed: named in the report with its reason, the file behind it
/// left unread. A link that stays inside the folder is fine.
#[cfg(unix)]
#[test]
fn links_out_of_a_chosen_folder_are_named_and_not_followed() {
    use std::os::unix::fs::symlink;
    let (dir, archive) = empty_archive();
    let outside = dir.path().join("elders");
    std::fs::create_dir(&outside).expect("mkdir");
    std::fs::write(
        outside.join("geheim.md"),
        "# Geheim\n\nWachtwoorden van de griffie.\n",
    )
    .expect("write");
    let chosen = dir.path().join("dossier");
    std::fs::create_dir_all(chosen.join("stukken")).expect("mkdir");
    std::fs::write(
        chosen.join("stukken/motie.md"),
        "# Motie\n\nDe raad verzoekt het college een fietspad aan te leggen.\n",
    )
    .expect("write");
    symlink("../elders/geheim.md", chosen.join("lek.md")).expect("link to a file outside");
    symlink(&outside, chosen.join("buiten")).expect("link to a folder outside");
    symlink("stukken/motie.md", chosen.join("ook-motie.md")).expect("link inside");
    let report = archive
        .import_paths(&[chosen], &ImportOptions::default(), &mut NoProgress)
        .expect("imports");
    for name in ["lek.md", "buiten"] {
        let error = failure(&report, name);
        assert!(
            error.contains("outside the chosen folder") && error.contains("elders"),
            "{name}: {error}"
        );
    }
    assert!(
        report
            .files
            .iter()
            .filter(|f| f.path.ends_with("ook-motie.md"))
            .all(|f| !matches!(f.outcome, FileOutcome::Failed { .. })),
        "{report:?}"
    );
    assert_eq!(search(&archive, "fietspad").hits.len(), 1);
    assert!(search(&archive, "wachtwoorden").hits.is_empty());
    assert_eq!(archive.stats().expect("stats").documents, 1);
}

/// Open Raadsinformatie's vote counts are added up checked: counts that pass what a u32
/// holds (alone or together) make that vote a named problem, not a panic or a wrapped
/// number; the meeting and the motion still land.
#[test]
fn ori_vote_counts_past_what_a_count_holds_are_a_named_problem() {
    let fixture = raadsvolger_tests::fixtures().join("registers/ori_meeting.json");
    let text = std::fs::read_to_string(fixture).expect("fixture");
    let counts = r#""counts": [{"option": "yes", "value": 2, "group": "org-groen"}, {"option": "no", "value": 1, "group": "org-cu"}]"#;
    assert!(text.contains(counts), "the fixture's counts changed");
    for (hostile, said) in [
        (
            r#""counts": [{"option": "yes", "value": 4294967295, "group": "org-groen"}, {"option": "yes", "value": 4294967295, "group": "org-cu"}]"#,
            "add up to more than 4294967295",
        ),
        (
            r#""counts": [{"option": "no", "value": 4294967301, "group": "org-cu"}]"#,
            "a count of 4294967301 votes",
        ),
    ] {
        let (_dir, archive) = empty_archive();
        let r = archive
            .import_register_bytes("ori_meeting.json", text.replace(counts, hostile).as_bytes())
            .expect("the rest is read");
        assert!(
            r.problems
                .iter()
                .any(|p| p.contains("ve-1") && p.contains(said)),
            "{:?}",
            r.problems
        );
        let motions = archive.motions().expect("motions");
        assert_eq!(motions.len(), 1);
        assert_eq!(motions[0].votes_for, None, "no wrapped count is kept");
        assert_eq!(archive.meetings(None, None).expect("meetings").len(), 1);
    }
}
