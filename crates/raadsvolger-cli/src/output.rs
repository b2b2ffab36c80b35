//! How each command prints: JSON for scripts, short readable text for people.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use raadsvolger_core::{
    Archive, Document, FileOutcome, FileResult, ImportReport, ImportSink, SearchResults, Stats,
};
use serde_json::json;

/// A progress bar on stderr for imports, shown only on a terminal.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn new(enabled: bool) -> Self {
        let enabled = enabled && std::io::stderr().is_terminal();
        Progress {
            bar: enabled.then(ProgressBar::hidden),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl ImportSink for Progress {
    fn started(&mut self, total: usize) {
        if let Some(bar) = &self.bar {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            bar.set_length(total as u64);
            if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}") {
                bar.set_style(style);
            }
        }
    }

    fn file_done(&mut self, result: &FileResult, done: usize, _total: usize) {
        if let Some(bar) = &self.bar {
            bar.set_position(done as u64);
            bar.set_message(result.path.clone());
        }
    }
}

fn print_json(value: &impl serde::Serialize) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

fn import_json(report: &ImportReport) -> serde_json::Value {
    json!({
        "imported": report.imported().count(),
        "skipped": report.skipped().count(),
        "failed": report.failed().map(|(path, error)| json!({"path": path, "error": error})).collect::<Vec<_>>(),
        "duplicates": report.skipped().map(|(path, id)| json!({"path": path, "duplicate_of": id})).collect::<Vec<_>>(),
        "documents": report.imported().map(|d| json!({
            "id": d.id, "title": d.title, "kind": d.kind, "date": d.date, "source": d.source,
        })).collect::<Vec<_>>(),
    })
}

pub fn import(report: &ImportReport, json: bool) -> Result<()> {
    if json {
        return print_json(&import_json(report));
    }
    let mut out = std::io::stdout().lock();
    for FileResult { path, outcome } in &report.files {
        match outcome {
            FileOutcome::Imported { document } => writeln!(
                out,
                "imported #{} {} ({}, {})",
                document.id,
                document.title,
                document.kind.label_nl(),
                document
                    .date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "zonder datum".into())
            )?,
            FileOutcome::Skipped { duplicate_of } => {
                writeln!(out, "skipped {path} (duplicate of #{duplicate_of})")?
            }
            FileOutcome::Failed { .. } => {}
        }
    }
    for (path, error) in report.failed() {
        eprintln!("failed {path}: {error}");
    }
    writeln!(
        out,
        "{} imported, {} skipped, {} failed",
        report.imported().count(),
        report.skipped().count(),
        report.failed().count()
    )?;
    Ok(())
}

/// `<mark>x</mark>` as `[x]`, entities decoded, for a terminal.
fn plain_snippet(html: &str) -> String {
    html.replace("<mark>", "[")
        .replace("</mark>", "]")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

pub fn search(results: &SearchResults, json: bool) -> Result<()> {
    if json {
        return print_json(results);
    }
    let mut out = std::io::stdout().lock();
    if results.fuzzy {
        match &results.suggestion {
            Some(s) => writeln!(out, "Geen exacte treffers; resultaten voor: {s}")?,
            None => writeln!(out, "Geen exacte treffers; resultaten bij benadering")?,
        }
    }
    writeln!(out, "{} resultaten", results.total)?;
    for hit in &results.hits {
        writeln!(
            out,
            "\n#{:<4} {}  {}  {}{}",
            hit.id,
            hit.date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "----------".into()),
            hit.kind.label_nl(),
            hit.title,
            hit.page.map(|p| format!("  (p. {p})")).unwrap_or_default()
        )?;
        writeln!(out, "      {}", plain_snippet(&hit.snippet))?;
    }
    let facet = |name: &str, values: &[raadsvolger_core::FacetCount]| {
        let list: Vec<String> = values
            .iter()
            .map(|f| format!("{} {}", f.value, f.count))
            .collect();
        format!("{name}: {}", list.join(", "))
    };
    if results.total > 0 {
        writeln!(out)?;
        writeln!(out, "{}", facet("soort", &results.facets.kind))?;
        writeln!(out, "{}", facet("jaar", &results.facets.year))?;
        if !results.facets.party.is_empty() {
            writeln!(out, "{}", facet("partij", &results.facets.party))?;
        }
    }
    Ok(())
}

pub fn document(doc: &Document, json: bool) -> Result<()> {
    if json {
        return print_json(doc);
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", doc.title)?;
    writeln!(out, "{}", "=".repeat(doc.title.chars().count().min(80)))?;
    writeln!(out, "soort:    {}", doc.kind.label_nl())?;
    if let Some(d) = doc.date {
        writeln!(out, "datum:    {d}")?;
    }
    if let Some(n) = &doc.council_number {
        writeln!(out, "nummer:   {n}")?;
    }
    if !doc.parties.is_empty() {
        writeln!(out, "partijen: {}", doc.parties.join(", "))?;
    }
    if let Some(s) = &doc.source_path {
        writeln!(out, "bron:     {s}")?;
    }
    writeln!(out, "\n{}", doc.body_text)?;
    Ok(())
}

pub fn reindex(report: &raadsvolger_core::ReindexReport, json: bool) -> Result<()> {
    if json {
        return print_json(report);
    }
    println!(
        "index rebuilt: {} documents in {:.2} s",
        report.documents, report.seconds
    );
    Ok(())
}

pub fn stats(stats: &Stats, json: bool) -> Result<()> {
    if json {
        return print_json(stats);
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "archief:     {}", stats.archive)?;
    writeln!(
        out,
        "documenten:  {} ({} in de zoekindex)",
        stats.documents, stats.indexed_documents
    )?;
    if let (Some(a), Some(b)) = (stats.first_date, stats.last_date) {
        writeln!(out, "periode:     {a} – {b}")?;
    }
    for k in &stats.by_kind {
        writeln!(out, "  {:<22} {}", k.value, k.count)?;
    }
    writeln!(
        out,
        "op schijf:   database {} kB, index {} kB",
        stats.database_bytes / 1024,
        stats.index_bytes / 1024
    )?;
    Ok(())
}

pub fn demo(
    archive: &Archive,
    report: &ImportReport,
    results: &SearchResults,
    json: bool,
) -> Result<()> {
    if json {
        return print_json(&json!({
            "archive": archive.dir(),
            "import": import_json(report),
            "search": {"query": "zorgcoördinator", "results": results},
        }));
    }
    println!(
        "Voorbeelddossier in {}: {} documenten geladen, {} waren er al.",
        archive.dir().display(),
        report.imported().count(),
        report.skipped().count()
    );
    println!("\nZoeken naar \"zorgcoördinator\":");
    search(results, false)?;
    println!(
        "\nVerder zoeken: raadsvolger --archive {} search \"mensenhandel kind:motie\"",
        archive.dir().display()
    );
    Ok(())
}
