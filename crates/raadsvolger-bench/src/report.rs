//! `docs/benchmarks.md`, written from the stored results of each tier.

use std::fmt::Write as _;

use crate::corpus::MIX;
use crate::measure::Latency;
use crate::queries::{Class, PER_CLASS};
use crate::{ClassResult, TierResult, tier_name};

/// The analysis written by hand after the run: what limits each figure. Kept apart from the
/// code so the tables can be made again without losing it.
const NOTES: &str = include_str!("notes.md");

/// Geometric mean of positive values (0 when there are none).
pub fn geomean(values: &[f64]) -> f64 {
    let v: Vec<f64> = values.iter().copied().filter(|x| *x > 0.0).collect();
    if v.is_empty() {
        return 0.0;
    }
    (v.iter().map(|x| x.ln()).sum::<f64>() / v.len() as f64).exp()
}

fn ms(x: f64) -> String {
    if x >= 100.0 {
        format!("{x:.0}")
    } else if x >= 10.0 {
        format!("{x:.1}")
    } else if x >= 1.0 {
        format!("{x:.2}")
    } else {
        format!("{x:.3}")
    }
}

fn ratio(fts: f64, ours: f64) -> f64 {
    if ours > 0.0 { fts / ours } else { 0.0 }
}

fn mib(bytes: u64) -> String {
    let m = bytes as f64 / (1u64 << 20) as f64;
    if m >= 10_240.0 {
        format!("{:.1} GiB", m / 1024.0)
    } else {
        format!("{m:.0} MiB")
    }
}

/// Speed-ups per class (FTS5 time / Raadsvolger time) for a pair of latency picks.
pub fn speedups(r: &TierResult, pick: impl Fn(&ClassResult) -> (f64, f64)) -> Vec<f64> {
    r.search
        .classes
        .iter()
        .map(|c| {
            let (ours, fts) = pick(c);
            ratio(fts, ours)
        })
        .collect()
}

pub fn markdown(results: &[TierResult], plot: &str) -> String {
    let mut o = String::new();
    let first = &results[0];
    let m = &first.machine;
    let _ = writeln!(o, "# Benchmarks: Raadsvolger against SQLite FTS5\n");
    let _ = writeln!(
        o,
        "Made by `cargo run --release -p raadsvolger-bench -- --tier all` (crate \
         `crates/raadsvolger-bench`); every table and the plot below are written by that command \
         from its measurements, the notes at the end by hand. Issue #5 asked for this.\n"
    );
    summary(&mut o, results);
    targets(&mut o, results);
    let _ = writeln!(o, "\n![p99 latency against corpus size]({plot})\n");
    let _ = writeln!(
        o,
        "*p99 of the top 10 and the total, per engine: the slowest of the twelve query classes \
         (thick) and the geometric mean over the classes (thin), log-log. At 1M each class ran ten \
         queries once, so its p99 is their slowest, where the smaller tiers have 150–250 samples \
         per class.*\n"
    );

    let _ = writeln!(o, "## Machine and software\n");
    let _ = writeln!(o, "| | |\n|---|---|");
    let _ = writeln!(o, "| CPU | {} |", m.cpu);
    let _ = writeln!(o, "| cores | {} |", m.cores);
    let _ = writeln!(o, "| memory | {:.0} GiB |", m.memory_gib);
    let _ = writeln!(o, "| OS | {} |", m.os);
    let _ = writeln!(o, "| compiler | {} (release profile) |", m.rustc);
    let _ = writeln!(o, "| tantivy | {} |", m.tantivy);
    let _ = writeln!(o, "| SQLite (bundled by rusqlite) | {} |", m.sqlite);
    if results.iter().all(|r| r.machine.commit == m.commit) {
        let _ = writeln!(o, "| commit | `{}` |", m.commit);
    } else {
        // Tiers run at different times (the 1M tier takes over an hour): say which is which.
        for r in results {
            let _ = writeln!(
                o,
                "| commit, {} | `{}` (run {}) |",
                r.tier, r.machine.commit, r.finished_at
            );
        }
    }
    let _ = writeln!(o, "| seed | {} |", first.seed);
    for r in results {
        let _ = writeln!(
            o,
            "| corpus checksum, {} | `{}` (BLAKE3 of names and texts, first 16 hex digits) |",
            r.tier, r.import.checksum
        );
    }

    method(&mut o, results);

    for r in results {
        tier(&mut o, r);
    }
    let _ = writeln!(o, "\n{NOTES}");
    o
}

fn summary(o: &mut String, results: &[TierResult]) {
    let _ = writeln!(o, "## Summary\n");
    let _ = writeln!(
        o,
        "| tier | import docs/s | import MB/s | peak RSS (import) | archive on disk | \
         search p99, slowest class: Raadsvolger / FTS5 | speed-up over FTS5, geometric mean \
         of p50 (p99) | parity |"
    );
    let _ = writeln!(o, "|---|---:|---:|---:|---:|---:|---:|---|");
    for r in results {
        let worst_rv = r
            .search
            .classes
            .iter()
            .map(|c| c.rv_count.p99)
            .fold(0.0, f64::max);
        let worst_fts = r
            .search
            .classes
            .iter()
            .map(|c| c.fts_count.p99)
            .fold(0.0, f64::max);
        let g50 = geomean(&speedups(r, |c| (c.rv_count.p50, c.fts_count.p50)));
        let g99 = geomean(&speedups(r, |c| (c.rv_count.p99, c.fts_count.p99)));
        let parity = if r.search.mismatches.is_empty() {
            format!(
                "{} of {} equal",
                r.search.parity_checked, r.search.parity_checked
            )
        } else {
            format!(
                "{} of {} differ",
                r.search.mismatches.len(),
                r.search.parity_checked
            )
        };
        let _ = writeln!(
            o,
            "| {} | {:.0} | {:.1} | {} | {} | {} ms / {} ms | {:.1}× ({:.1}×) | {} |",
            r.tier,
            r.import.docs_per_second(),
            r.import.mb_per_second(),
            mib(r.import.peak_rss_bytes),
            mib(r.import.database_bytes + r.import.index_bytes),
            ms(worst_rv),
            ms(worst_fts),
            g50,
            g99,
            parity
        );
    }
}

/// A figure as shown, and whether it meets its target at that tier (`None`: no target there).
type Figure = Option<(String, Option<bool>)>;

/// One figure of the targets table: per tier its value (or none).
struct Target<'a> {
    figure: &'a str,
    target: &'a str,
    value: Box<dyn Fn(&TierResult) -> Figure + 'a>,
}

fn class<'r>(r: &'r TierResult, name: &str) -> Option<&'r ClassResult> {
    r.search.classes.iter().find(|c| c.class == name)
}

/// The targets of issue #11, each with its figure per tier from this run and whether it is met.
fn targets(o: &mut String, results: &[TierResult]) {
    let at = |r: &TierResult, small: f64, large: f64| -> Option<f64> {
        match r.documents {
            100_000 => Some(small),
            1_000_000 => Some(large),
            _ => None,
        }
    };
    let rows: Vec<Target<'_>> = vec![
        Target {
            figure: "what the window waits for (`Archive::search`: facets, titles, snippets), p99 of \
                     the slowest class",
            target: "≤ 5 ms at 100k, ≤ 50 ms at 1M",
            value: Box::new(move |r| {
                let (worst, name) = r
                    .search
                    .classes
                    .iter()
                    .map(|c| (c.rv_full.p99, c.label.as_str()))
                    .fold((0.0, ""), |a, b| if b.0 > a.0 { b } else { a });
                let met = at(r, 5.0, 50.0).map(|limit| worst <= limit);
                Some((format!("{} ms ({name})", ms(worst)), met))
            }),
        },
        Target {
            figure: "Dutch matching over FTS5, geometric mean of p50 (top 10 + total), against the \
                     unstemmed engine's own",
            target: "≥ the unstemmed engine's ratio",
            value: Box::new(|r| {
                let dutch = geomean(&speedups(r, |c| (c.rv_count.p50, c.fts_count.p50)));
                let exact = geomean(&speedups(r, |c| (c.rv_exact_count.p50, c.fts_count.p50)));
                Some((
                    format!("{dutch:.1}× against {exact:.1}×"),
                    Some(dutch >= exact),
                ))
            }),
        },
        Target {
            figure: "rare term and zero-hit over FTS5 (p50, top 10 + total)",
            target: "≥ 1×",
            value: Box::new(|r| {
                let rare = class(r, "Rare")?;
                let zero = class(r, "ZeroHit")?;
                let a = ratio(rare.fts_count.p50, rare.rv_count.p50);
                let b = ratio(zero.fts_count.p50, zero.rv_count.p50);
                Some((format!("{a:.1}× and {b:.1}×"), Some(a >= 1.0 && b >= 1.0)))
            }),
        },
        Target {
            figure: "import, end to end, and its peak RSS",
            target: "≥ 5,000 docs/s at 100k, ≥ 3,000 at 1M; ≤ 500 MiB",
            value: Box::new(move |r| {
                let rate = r.import.docs_per_second();
                let rss = r.import.peak_rss_bytes;
                let met =
                    at(r, 5_000.0, 3_000.0).map(|limit| rate >= limit && rss <= 500 * (1 << 20));
                Some((format!("{rate:.0} docs/s, {}", mib(rss)), met))
            }),
        },
        Target {
            figure: "database against the text; index against FTS5's table",
            target: "≤ 1.2×; ≤ 1×",
            value: Box::new(|r| {
                let db = r.import.database_bytes as f64 / r.import.bytes.max(1) as f64;
                let index = r.import.index_bytes as f64 / r.fts_load.bytes_on_disk.max(1) as f64;
                Some((
                    format!("{db:.2}×; {index:.2}×"),
                    Some(db <= 1.2 && index <= 1.0),
                ))
            }),
        },
        Target {
            figure: "the window's search (`Archive::search`) while the import runs, p99, asked \
                     from another thread every 250 ms (or 3× the last search's time)",
            target: "≤ 50 ms",
            value: Box::new(|r| {
                let l = &r.import.search_during_import;
                (l.samples > 0).then(|| {
                    (
                        format!("{} ms ({} searches)", ms(l.p99), l.samples),
                        Some(l.p99 <= 50.0),
                    )
                })
            }),
        },
    ];
    let _ = writeln!(o, "\n## Targets (issue #11)\n");
    let _ = write!(o, "| figure | target |");
    for r in results {
        let _ = write!(o, " {} |", r.tier);
    }
    let _ = write!(o, "\n|---|---|");
    for _ in results {
        let _ = write!(o, "---|");
    }
    let _ = writeln!(o);
    for row in &rows {
        let _ = write!(o, "| {} | {} |", row.figure, row.target);
        for r in results {
            let cell = match (row.value)(r) {
                Some((v, Some(true))) => format!("{v}: met"),
                Some((v, Some(false))) => format!("{v}: **missed**"),
                Some((v, None)) => v,
                None => "—".to_owned(),
            };
            let _ = write!(o, " {cell} |");
        }
        let _ = writeln!(o);
    }
    let _ = writeln!(
        o,
        "\nThe window's own figures (first rendered result after start, typing to rendered \
         result) are measured in the real window by the e2e suite \
         (`target/e2e-screenshots/measurements.txt`), not here.\n"
    );
}

fn method(o: &mut String, results: &[TierResult]) {
    let _ = writeln!(o, "\n## Method\n");
    let _ = writeln!(
        o,
        "**Corpus.** A deterministic generator (`corpus.rs`, seed above) writes Dutch council \
         documents as Markdown with YAML front matter (title, kind, date 2000–2026, council \
         number, parties). Document *n* depends only on the seed and *n*, so each tier holds \
         the smaller ones. Text is built sentence by sentence from templates whose open places \
         are filled from ranked word lists with Zipf-distributed draws (s = 1.05 over some \
         41,000 nouns: 290 council words, then two- and three-part compounds such as \
         `jeugdzorgbudget`), plus adjectives, verbs, places, streets, people, amounts, dates and \
         rare project names; no document repeats another. The mix per 1000 documents:\n"
    );
    let _ = writeln!(o, "| kind | per 1000 | size |\n|---|---:|---|");
    for (kind, share) in MIX {
        let size = match kind {
            crate::corpus::Kind::Motion => "~1 KB: recitals, dictum with deadlines, submitters",
            crate::corpus::Kind::Amendment => "~1.5 KB",
            crate::corpus::Kind::AgendaItem => "~2 KB",
            crate::corpus::Kind::InformationLetter => "~3 KB",
            crate::corpus::Kind::WrittenQuestions => "~2.5 KB",
            crate::corpus::Kind::Proposal => "5–20 KB, sections",
            crate::corpus::Kind::DecisionList => "~12 KB: decisions, votes, promises",
            crate::corpus::Kind::Attachment => "50–300 KB report (kind `overig`)",
        };
        let _ = writeln!(o, "| `{}` | {share} | {size} |", kind.key());
    }
    if let Some(r) = results.last() {
        let _ = writeln!(
            o,
            "\nMeasured share of the bytes at {}: {}.\n",
            r.tier,
            r.import
                .corpus_bytes_by_kind
                .iter()
                .map(|(k, (n, b))| format!(
                    "`{k}` {} docs, {:.1}%",
                    n,
                    100.0 * *b as f64 / r.import.bytes.max(1) as f64
                ))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let _ = writeln!(
        o,
        "**Import.** In a child process (so its peak RSS, `VmHWM`, is its own): the corpus is \
         written in chunks of {} files and each chunk imported with `Archive::import_paths` and \
         the default `ImportOptions` (one reading thread per core) — the path of `raadsvolger \
         import` and the app: read, decode, Markdown, sanitising, vote and commitment extraction, SQLite (WAL), tantivy, \
         commits. Only the time inside `import_paths` counts (generation and writing the files \
         do not); each call ends by waiting for the index's merges, as it releases the \
         archive's write lock, and `Archive::close` adds what is left. Each chunk is \
         deleted once imported, so the corpus never lies on disk whole.\n",
        crate::CHUNK_DOCS
    );
    let _ = writeln!(
        o,
        "**The peer.** SQLite FTS5 as bundled by rusqlite, in a second child process: a \
         contentless table (`content=''`; like the tantivy index it keeps no copy of the text) \
         with columns title, body, kind, year and parties, tokenizer `unicode61 \
         remove_diacritics 2`, prefix indexes `4 5 6` (the prefix lengths the queries use), WAL, \
         a 256 MiB page cache, loaded from the archive's own rows (so both engines index the \
         same text) in one transaction, then `optimize`. Queries are `SELECT rowid … MATCH ? \
         ORDER BY rank LIMIT 10` and `SELECT count(*) … MATCH ?`, the text part under a column \
         filter `{{title body}} : (…)`, filters as column terms.\n"
    );
    let _ = writeln!(
        o,
        "**Queries.** {} fixed queries, {PER_CLASS} per class, drawn from the generator's \
         vocabulary by frequency rank and written for both engines:\n",
        PER_CLASS * Class::ALL.len()
    );
    let _ = writeln!(o, "| class | example | drawn from |\n|---|---|---|");
    for c in Class::ALL {
        let from = match c {
            Class::Rare => "nouns of rank 20,000 and beyond",
            Class::Medium => "nouns of rank 300–3,000",
            Class::Common => "the 40 most frequent nouns",
            Class::And2 | Class::And3 => "one common and one or two medium nouns",
            Class::Or => "two medium nouns",
            Class::Phrase => "adjective + common noun",
            Class::StopPhrase => "template phrases full of stop words, some lengthened",
            Class::Prefix => "compound heads cut to 4–6 letters",
            Class::Filtered => "a common or medium noun with kind:, year: or party:",
            Class::Not => "a common noun without a medium one",
            Class::ZeroHit => "invented letter strings (Raadsvolger then tries typo tolerance)",
        };
        let _ = writeln!(o, "| {} | {} | {from} |", c.label(), c.example());
    }
    let _ = writeln!(
        o,
        "\n**Search.** In one process, both engines on the same queries in turn (so they meet \
         the same cache state): one untimed pass checks parity and warms up, then the timed \
         passes (5 at 10k, 3 at 100k; at 1M one pass over the first 10 queries of each class). Per query and engine: *top 10* (ranked ids \
         only: `Archive::search_ids` with `Tally::Nothing`, FTS5 `LIMIT 10`) and *top 10 + \
         total* (`Tally::Total`; FTS5 the same query plus `count(*)`). Raadsvolger's product \
         configuration is the one users get (`Matching::Dutch`: exact, stemmed, compound and, \
         for words that find nothing, typo-tolerant matching). The app's whole search \
         (`Archive::search`: facets, titles from SQLite, highlighted snippets) is reported too. \
         *First query after open*: a fresh `Archive::open` (or FTS5 connection) and its first \
         query, for the first queries of each class; the operating system's file cache stays \
         warm, so this measures the engines' own start-up, not the disk.\n"
    );
    let _ = writeln!(
        o,
        "**Parity.** On the unstemmed configuration (`Matching::Exact`: folded words only, no \
         stemming, compounds or typo tolerance) every query's total must equal FTS5's count. \
         The smoke test (`cargo test -p raadsvolger-bench`) checks this on 2,000 documents in \
         every CI run; it asserts no timing.\n"
    );
    let _ = writeln!(
        o,
        "**Floor and extraction.** The floor is a `memchr::memmem` scan of the lowercased raw \
         Markdown for each single-term query (at most 512 MiB held in memory, extrapolated to \
         the whole corpus): what no index should be slower than. Commitment extraction \
         (`extract::commitments::extract`) is timed on the first 20,000 parsed documents.\n"
    );
    let _ = writeln!(
        o,
        "Speed-up = FTS5 time / Raadsvolger time for the same statistic; the geometric mean is \
         over the twelve classes. Percentiles are nearest-rank over all timed runs of a class \
         ({PER_CLASS} queries × passes)."
    );
}

fn lat_cells(l: &Latency) -> String {
    format!(
        "{} | {} | {} | {}",
        ms(l.p50),
        ms(l.p95),
        ms(l.p99),
        ms(l.max)
    )
}

/// A table of both engines' latencies per class, with the speed-ups and their geometric means.
fn comparison(
    o: &mut String,
    r: &TierResult,
    title: &str,
    with_hits: bool,
    pick: impl Fn(&ClassResult) -> (&Latency, &Latency),
) {
    let hits_head = if with_hits { " mean hits |" } else { "" };
    let hits_align = if with_hits { "---:|" } else { "" };
    let _ = writeln!(
        o,
        "\n### {title}\n\n| class |{hits_head} Raadsvolger p50 | p95 | p99 | max | FTS5 p50 | p95 \
         | p99 | max | speed-up p50 | p99 |\n|---|{hits_align}---:|---:|---:|---:|---:|---:|---:|\
         ---:|---:|---:|"
    );
    for c in &r.search.classes {
        let (ours, fts) = pick(c);
        let hits = if with_hits {
            format!(" {:.0} |", c.mean_hits)
        } else {
            String::new()
        };
        let _ = writeln!(
            o,
            "| {} |{hits} {} | {} | {:.1}× | {:.1}× |",
            c.label,
            lat_cells(ours),
            lat_cells(fts),
            ratio(fts.p50, ours.p50),
            ratio(fts.p99, ours.p99)
        );
    }
    let g50 = geomean(&speedups(r, |c| (pick(c).0.p50, pick(c).1.p50)));
    let g99 = geomean(&speedups(r, |c| (pick(c).0.p99, pick(c).1.p99)));
    let blanks = if with_hits {
        "| | | | | | | | | |"
    } else {
        "| | | | | | | | |"
    };
    let _ = writeln!(
        o,
        "| **geometric mean** {blanks} **{g50:.1}×** | **{g99:.1}×** |"
    );
}

fn tier(o: &mut String, r: &TierResult) {
    let name = tier_name(r.documents);
    let i = &r.import;
    let _ = writeln!(o, "\n## {name} documents\n");
    let _ = writeln!(o, "### Import and size\n");
    let _ = writeln!(o, "| | Raadsvolger | SQLite FTS5 |\n|---|---:|---:|");
    let _ = writeln!(
        o,
        "| documents | {} imported, {} failed | {} |",
        i.imported, i.failed, r.fts_load.documents
    );
    let _ = writeln!(
        o,
        "| corpus | {} of Markdown | the archive's text |",
        mib(i.bytes)
    );
    let _ = writeln!(
        o,
        "| import / load | {:.1} s | {:.1} s |",
        i.import_seconds, r.fts_load.insert_seconds
    );
    let _ = writeln!(
        o,
        "| final merge / optimize | {:.1} s | {:.1} s |",
        i.merge_seconds, r.fts_load.optimize_seconds
    );
    let _ = writeln!(
        o,
        "| throughput | **{:.0} docs/s**, {:.1} MB/s end to end | {:.0} docs/s (index only) |",
        i.docs_per_second(),
        i.mb_per_second(),
        r.fts_load.documents as f64
            / (r.fts_load.insert_seconds + r.fts_load.optimize_seconds).max(1e-9)
    );
    let _ = writeln!(
        o,
        "| on disk | {} database + {} index | {} |",
        mib(i.database_bytes),
        mib(i.index_bytes),
        mib(r.fts_load.bytes_on_disk)
    );
    let _ = writeln!(
        o,
        "| peak RSS (`VmHWM`, with mapped index files) | {} | {} |",
        mib(i.peak_rss_bytes),
        mib(r.fts_peak_rss_bytes)
    );
    if i.peak_anon_bytes > 0 {
        let _ = writeln!(
            o,
            "| peak heap (`RssAnon`) | {} | |",
            mib(i.peak_anon_bytes)
        );
    }

    comparison(o, r, "Search, warm: top 10 + total (ms)", true, |c| {
        (&c.rv_count, &c.fts_count)
    });
    comparison(o, r, "Search, warm: top 10 only (ms)", false, |c| {
        (&c.rv_top10, &c.fts_top10)
    });

    let _ = writeln!(
        o,
        "\n### Other configurations and first query after open (ms)\n\n\
         | class | app search (facets, snippets) p50 | p99 | unstemmed top 10 + total p50 | \
         p99 | first after open: Raadsvolger p50 | max | FTS5 p50 | max |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for c in &r.search.classes {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            c.label,
            ms(c.rv_full.p50),
            ms(c.rv_full.p99),
            ms(c.rv_exact_count.p50),
            ms(c.rv_exact_count.p99),
            ms(c.rv_first.p50),
            ms(c.rv_first.max),
            ms(c.fts_first.p50),
            ms(c.fts_first.max)
        );
    }
    let opens: Vec<f64> = r.search.classes.iter().map(|c| c.rv_open_ms).collect();
    let fts_opens: Vec<f64> = r.search.classes.iter().map(|c| c.fts_open_ms).collect();
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    let _ = writeln!(
        o,
        "\nOpening takes {} ms for the archive (SQLite, migrations check, index, reader) and {} \
         ms for the FTS5 connection, on average; not included above.",
        ms(mean(&opens)),
        ms(mean(&fts_opens))
    );

    let _ = writeln!(o, "\n### Parity, floor, extraction\n");
    if r.search.mismatches.is_empty() {
        let _ = writeln!(
            o,
            "- Parity: all {} queries return the same number of hits from both engines \
             (unstemmed configuration).",
            r.search.parity_checked
        );
    } else {
        let _ = writeln!(
            o,
            "- Parity: {} of {} queries differ, e.g. {}.",
            r.search.mismatches.len(),
            r.search.parity_checked,
            r.search
                .mismatches
                .iter()
                .take(3)
                .map(|m| format!("`{}`: {} vs {}", m.query, m.raadsvolger, m.fts5))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let _ = writeln!(
        o,
        "- Brute-force floor: {} ms per single-term query for a scan of all {} of text \
         ({:.1} GB/s over {} held in memory).",
        ms(r.floor.ms_per_query),
        mib(r.floor.corpus_bytes),
        r.floor.gb_per_second,
        mib(r.floor.scanned_bytes)
    );
    let _ = writeln!(
        o,
        "- Commitment extraction: {:.0} docs/s ({:.1} MB/s of text), {} commitments in {} \
         documents.",
        r.extraction.docs_per_second,
        r.extraction.mb_per_second,
        r.extraction.commitments,
        r.extraction.documents
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geometric_mean() {
        assert!((geomean(&[2.0, 8.0]) - 4.0).abs() < 1e-9);
        assert_eq!(geomean(&[]), 0.0);
    }
}
