//! Accuracy of the deadline extractor on the repository's own evaluation sets
//! (`fixtures/eval/*.tsv`: a development set and a test set, see `fixtures/eval/README.md`).
//!
//! Each set is scored like the shared set in `deadline_eval.rs` (`parse_expected` / `score_row`)
//! and must reach F1 >= 0.90.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use raadsvolger_core::extract::deadlines::{Score, extract_deadlines, parse_expected, score_row};

fn sets_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("..")
        .join("fixtures")
        .join("eval")
}

fn f1(s: &Score) -> f64 {
    let (p, r) = (s.precision(), s.recall());
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Scores one TSV set; prints a line per row that is not fully right.
fn score_set(path: &Path) -> Score {
    let tsv = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut total = Score::default();
    for (n, line) in tsv.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(
            cols.len() >= 4,
            "{}:{}: too few columns",
            path.display(),
            n + 1
        );
        let id = cols[0];
        let doc = NaiveDate::parse_from_str(cols[1].trim(), "%Y-%m-%d")
            .unwrap_or_else(|e| panic!("row {id}: bad doc_date: {e}"));
        let expected =
            parse_expected(cols[3]).unwrap_or_else(|| panic!("row {id}: bad expected cell"));
        let got = extract_deadlines(cols[2], doc);
        let score = score_row(&expected, &got);
        if score.fp > 0 || score.fn_ > 0 {
            let got: Vec<String> = got
                .iter()
                .map(|g| {
                    let due = g.due.map_or("-".to_string(), |d| d.to_string());
                    format!("{}:{due} «{}»", g.kind, g.text)
                })
                .collect();
            println!(
                "  {id:<4} expected {:<30} got {}",
                cols[3],
                if got.is_empty() {
                    "none".to_string()
                } else {
                    got.join("; ")
                }
            );
        }
        total.add(&score);
    }
    total
}

#[test]
fn deadline_sets() {
    let dir = sets_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no evaluation sets in {}", dir.display());

    let mut failures = Vec::new();
    for path in &files {
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        println!("{name}: rows not fully right");
        let s = score_set(path);
        let line = format!(
            "{name}: precision {:.3}  recall {:.3}  F1 {:.3}  exact-due {:.3} ({}/{})  tp {} fp {} fn {}",
            s.precision(),
            s.recall(),
            f1(&s),
            s.exact_due_accuracy(),
            s.exact_due,
            s.matched,
            s.tp,
            s.fp,
            s.fn_
        );
        println!("{line}\n");
        if f1(&s) < 0.90 {
            failures.push(line);
        }
    }
    assert!(
        failures.is_empty(),
        "F1 below 0.90:\n{}",
        failures.join("\n")
    );
}
