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

pub fn print_json(value: &impl serde::Serialize) -> Result<()> {
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
        "register_files": report.register.len(),
        "register_records": report.register_records(),
        "register_problems": report.register_problems().collect::<Vec<_>>(),
        "register": report.register,
    })
}

pub fn import(report: &ImportReport, json: bool) -> Result<()> {
    if json {
        return print_json(&import_json(report));
    }
    let mut out = std::io::stdout().lock();
    for FileResult { path, outcome } in &report.files {
        match outcome {
            FileOutcome::Imported { document, .. } => writeln!(
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
    for r in &report.register {
        writeln!(
            out,
            "register {} ({}): {} records",
            r.path, r.system, r.records
        )?;
    }
    for (path, error) in report.failed() {
        eprintln!("failed {path}: {error}");
    }
    for problem in report.register_problems() {
        eprintln!("skipped record {problem}");
    }
    writeln!(
        out,
        "{} imported, {} skipped, {} failed",
        report.imported().count(),
        report.skipped().count(),
        report.failed().count()
    )?;
    if !report.register.is_empty() {
        let problems = report.register_problems().count();
        writeln!(
            out,
            "{} register files: {} records, {problems} records skipped",
            report.register.len(),
            report.register_records(),
        )?;
    }
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

pub fn backup(report: &raadsvolger_core::BackupReport, json: bool) -> Result<()> {
    if json {
        return print_json(report);
    }
    println!(
        "backup written: {} ({} documents, {} bytes)",
        report.file, report.documents, report.bytes
    );
    Ok(())
}

pub fn restore(report: &raadsvolger_core::RestoreReport, json: bool) -> Result<()> {
    if json {
        return print_json(report);
    }
    println!(
        "restored: {} documents; index rebuilt ({} documents)",
        report.documents, report.reindexed
    );
    Ok(())
}

pub fn check(report: &raadsvolger_core::CheckReport, json: bool) -> Result<()> {
    if json {
        return print_json(report);
    }
    let mut out = std::io::stdout().lock();
    if report.ok {
        writeln!(
            out,
            "ok: {} documents, all of them searchable",
            report.documents
        )?;
    }
    for problem in &report.problems {
        writeln!(out, "problem: {problem}")?;
    }
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

pub fn motions(motions: &[raadsvolger_core::Motion], json: bool) -> Result<()> {
    if json {
        return print_json(&motions);
    }
    let mut out = std::io::stdout().lock();
    for m in motions {
        let votes = match (m.votes_for, m.votes_against) {
            (Some(f), Some(a)) => format!("{f}-{a}"),
            _ if m.unanimous => "unaniem".into(),
            _ => "-".into(),
        };
        writeln!(
            out,
            "{}  {:<10} {:<13} {:<12} {:<8} {}",
            m.date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "----------".into()),
            m.number.as_deref().unwrap_or("-"),
            m.kind.label_nl(),
            m.outcome.map(|o| o.as_str()).unwrap_or("onbekend"),
            votes,
            m.title
        )?;
        if !m.submitters.is_empty() {
            writeln!(out, "{:<12}ingediend door {}", "", m.submitters.join(", "))?;
        }
    }
    Ok(())
}

/// One page of a list: as JSON `{"total", "offset", "items"}` (each item as the whole list
/// shows it); as text the items, then where the page stands ("51–100 van 1.234").
pub fn paged<T>(
    paged: &raadsvolger_core::Paged<T>,
    json: bool,
    show: impl Fn(&[T], bool) -> Result<()>,
) -> Result<()> {
    if json {
        // The items as the list's own JSON: shown into a buffer would need a second writer, so
        // the page is wrapped around them by hand.
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "{{\"total\": {}, \"offset\": {}, \"items\":",
            paged.total, paged.offset
        )?;
        drop(out);
        show(&paged.items, true)?;
        writeln!(std::io::stdout().lock(), "}}")?;
        return Ok(());
    }
    show(&paged.items, false)?;
    let first = paged.offset + usize::from(!paged.items.is_empty());
    let last = paged.offset + paged.items.len();
    writeln!(
        std::io::stdout().lock(),
        "{first}–{last} van {}",
        dutch_number(paged.total)
    )?;
    Ok(())
}

/// 1234567 as "1.234.567".
fn dutch_number(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// The timeline: one dated document a line.
pub fn timeline(entries: &[raadsvolger_core::TimelineEntry], json: bool) -> Result<()> {
    if json {
        return print_json(&entries);
    }
    let mut out = std::io::stdout().lock();
    for e in entries {
        writeln!(
            out,
            "{}  #{:<6} {:<13} {}",
            e.date,
            e.id,
            e.kind.label_nl(),
            e.title
        )?;
    }
    Ok(())
}

fn commitment_json(c: &raadsvolger_core::Commitment) -> serde_json::Value {
    json!({
        "id": c.id, "text": c.text, "actor": c.actor, "due": c.due, "due_kind": c.due_kind,
        "due_text": c.due_text, "status": c.status, "status_date": c.status_date, "flag": c.flag,
        "origin": c.origin, "motion": c.motion, "motion_id": c.motion_id, "note": c.note,
        "due_source": c.due_source, "source_changed": c.source_changed,
        "source": {"document_id": c.source.document_id, "title": c.source.title,
                   "date": c.source.date, "quote": c.source.quote},
        "evidence": c.evidence, "history": c.history,
    })
}

pub fn commitments(
    list: &[raadsvolger_core::Commitment],
    as_of: chrono::NaiveDate,
    json: bool,
) -> Result<()> {
    if json {
        return print_json(&list.iter().map(commitment_json).collect::<Vec<_>>());
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "Toezeggingen en moties op {as_of}: {}", list.len())?;
    for c in list {
        writeln!(
            out,
            "\n#{:<4} [{}] {} — {}",
            c.id,
            c.flag.label_nl(),
            c.actor,
            c.text
        )?;
        let due = match (c.due, &c.due_text) {
            (Some(d), _) => format!("termijn {d}"),
            (None, Some(t)) => format!("termijn: {t}"),
            _ => "geen termijn".into(),
        };
        writeln!(
            out,
            "      {due}; bron: {} ({})",
            c.source.title.as_deref().unwrap_or("—"),
            c.source.date.map(|d| d.to_string()).unwrap_or_default()
        )?;
    }
    Ok(())
}

pub fn commitment(
    c: &raadsvolger_core::Commitment,
    suggestions: &[raadsvolger_core::model::EvidenceSuggestion],
    json: bool,
) -> Result<()> {
    if json {
        let mut v = commitment_json(c);
        v["suggestions"] = serde_json::to_value(suggestions)?;
        return print_json(&v);
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "#{} {}", c.id, c.text)?;
    writeln!(out, "actor:   {}", c.actor)?;
    writeln!(
        out,
        "termijn: {} {}",
        c.due
            .map(|d| d.to_string())
            .unwrap_or_else(|| "geen".into()),
        c.due_text.as_deref().unwrap_or("")
    )?;
    writeln!(
        out,
        "status:  {} ({})",
        c.status.label_nl(),
        c.flag.label_nl()
    )?;
    writeln!(
        out,
        "bron:    {} — «{}»",
        c.source.title.as_deref().unwrap_or("—"),
        c.source.quote
    )?;
    for e in &c.evidence {
        writeln!(
            out,
            "bewijs:  #{} {} — «{}»",
            e.document_id, e.title, e.passage
        )?;
    }
    for h in &c.history {
        writeln!(
            out,
            "{}  {}: {} -> {}  {}",
            h.date,
            h.field,
            h.old.as_deref().unwrap_or("-"),
            h.new.as_deref().unwrap_or("-"),
            h.reason
        )?;
    }
    for s in suggestions {
        writeln!(
            out,
            "suggestie: #{} {} ({}) {}",
            s.document_id,
            s.title,
            s.date.map(|d| d.to_string()).unwrap_or_default(),
            plain_snippet(&s.snippet)
        )?;
    }
    Ok(())
}

/// Every candidate phrase of a sentence, with its rule and, for a dropped one, the filter.
pub fn explained_deadlines(
    explained: &[raadsvolger_core::extract::deadlines::Explained],
    json: bool,
) -> Result<()> {
    let mut out = std::io::stdout().lock();
    if json {
        let list: Vec<serde_json::Value> = explained
            .iter()
            .map(|e| {
                let c = &e.candidate;
                json!({
                    "rule": e.rule,
                    "kind": c.kind,
                    "due": c.due,
                    "text": c.text,
                    "start": c.start,
                    "end": c.end,
                    "kept": e.dropped.is_none(),
                    "dropped_by": e.dropped,
                })
            })
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::to_string(&json!({ "candidates": list }))?
        )?;
        return Ok(());
    }
    if explained.is_empty() {
        writeln!(out, "geen kandidaat")?;
    }
    for e in explained {
        let c = &e.candidate;
        let verdict = match e.dropped {
            None => "blijft ".to_string(),
            Some(reason) => format!("vervalt ({reason})"),
        };
        writeln!(
            out,
            "{verdict}\t{}:{} «{}»\tregel {}",
            c.kind,
            c.due.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
            c.text,
            e.rule
        )?;
    }
    Ok(())
}

pub fn deadlines(
    id: Option<&str>,
    found: &[raadsvolger_core::extract::deadlines::Deadline],
    json: bool,
) -> Result<()> {
    let list: Vec<serde_json::Value> = found
        .iter()
        .map(|d| json!({"kind": d.kind, "due": d.due, "text": d.text}))
        .collect();
    let mut out = std::io::stdout().lock();
    if json {
        // One object per line, for streaming over a TSV.
        let mut v = json!({"deadlines": list});
        if let Some(id) = id {
            v["id"] = json!(id);
        }
        writeln!(out, "{}", serde_json::to_string(&v)?)?;
        return Ok(());
    }
    if let Some(id) = id {
        write!(out, "{id}\t")?;
    }
    if found.is_empty() {
        writeln!(out, "geen termijn")?;
    }
    for (i, d) in found.iter().enumerate() {
        if i > 0 && id.is_some() {
            write!(out, "\t")?;
        }
        writeln!(
            out,
            "{}:{} «{}»",
            d.kind,
            d.due.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
            d.text
        )?;
    }
    Ok(())
}
