//! Accuracy of the deadline extractor on the shared evaluation set.
//!
//! The set (`shared/eval/deadlines.tsv`) is read at run time, from `$RAADSVOLGER_EVAL` or from the
//! first `shared/eval/deadlines.tsv` found walking up from this crate's directory. Its sentences
//! must not be copied into the repository, so the snapshot holds only row ids, kinds and dates.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use raadsvolger_core::extract::deadlines::{
    DeadlineKind, Score, extract_deadlines, parse_expected, score_row,
};

fn eval_path() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("RAADSVOLGER_EVAL") {
        let p = PathBuf::from(p);
        if p.is_file() {
            return Some(p);
        }
        let nested = p.join("deadlines.tsv");
        return nested.is_file().then_some(nested);
    }
    let mut dir: Option<&Path> = Some(Path::new(env!("CARGO_MANIFEST_DIR")));
    while let Some(d) = dir {
        let candidate = d.join("shared").join("eval").join("deadlines.tsv");
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

fn fmt_items(items: &[(DeadlineKind, Option<NaiveDate>)]) -> String {
    if items.is_empty() {
        return "none".to_string();
    }
    items
        .iter()
        .map(|(k, d)| format!("{}:{}", k, d.map_or("-".to_string(), |d| d.to_string())))
        .collect::<Vec<_>>()
        .join(";")
}

#[test]
fn deadline_eval() {
    let path = eval_path().unwrap_or_else(|| {
        panic!(
            "deadline evaluation set not found (RAADSVOLGER_EVAL={:?}): set RAADSVOLGER_EVAL to \
             deadlines.tsv or its folder, or put shared/eval/deadlines.tsv in a parent directory \
             of {}",
            std::env::var("RAADSVOLGER_EVAL").ok(),
            env!("CARGO_MANIFEST_DIR")
        )
    });
    let tsv = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));

    let mut total = Score::default();
    let mut per_kind_expected: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut per_kind_hit: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut table = String::new();
    let mut rows = 0usize;
    for (n, line) in tsv.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(
            cols.len() >= 4,
            "line {}: expected at least 4 columns",
            n + 1
        );
        let id = cols[0];
        let doc = NaiveDate::parse_from_str(cols[1].trim(), "%Y-%m-%d")
            .unwrap_or_else(|e| panic!("row {id}: bad doc_date: {e}"));
        let expected = parse_expected(cols[3])
            .unwrap_or_else(|| panic!("row {id}: cannot parse expected cell"));
        let got = extract_deadlines(cols[2], doc);
        let score = score_row(&expected, &got);
        total.add(&score);
        rows += 1;

        for (kind, due) in &expected {
            *per_kind_expected.entry(kind.as_str()).or_default() += 1;
            // Recall per kind: did this expected item find a match of its own?
            let alone = score_row(&[(*kind, *due)], &got);
            if alone.tp == 1 {
                *per_kind_hit.entry(kind.as_str()).or_default() += 1;
            }
        }
        let got_items: Vec<(DeadlineKind, Option<NaiveDate>)> =
            got.iter().map(|g| (g.kind, g.due)).collect();
        let status = match (score.fn_, score.fp) {
            (0, 0) => "ok".to_string(),
            (m, 0) => format!("MISS {m}"),
            (0, f) => format!("FP {f}"),
            (m, f) => format!("MISS {m} FP {f}"),
        };
        writeln!(
            table,
            "{id:<4} | {:<40} | {:<40} | {status}",
            fmt_items(&expected),
            fmt_items(&got_items)
        )
        .expect("write to string");
    }

    let mut summary = format!(
        "rows {rows}  tp {}  fp {}  fn {}\nprecision {:.3}  recall {:.3}  exact-due {:.3} ({}/{})\nrecall per kind:",
        total.tp,
        total.fp,
        total.fn_,
        total.precision(),
        total.recall(),
        total.exact_due_accuracy(),
        total.exact_due,
        total.matched
    );
    for (kind, n) in &per_kind_expected {
        let hit = per_kind_hit.get(kind).copied().unwrap_or(0);
        write!(summary, "\n  {kind:<10} {hit}/{n}").expect("write to string");
    }
    println!("{summary}\n\n{table}");

    assert!(
        total.precision() >= 0.95,
        "precision {:.3} < 0.95",
        total.precision()
    );
    assert!(
        total.recall() >= 0.95,
        "recall {:.3} < 0.95",
        total.recall()
    );
    insta::assert_snapshot!("deadline_eval_rows", format!("{summary}\n\n{table}"));
}
