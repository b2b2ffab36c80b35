//! The CI smoke test of the benchmark: a small tier end to end (generate, import through the
//! core, load FTS5, run the whole query set, floor, extraction, report). It checks that every
//! document is imported and that both engines agree on every query's hit count in the
//! unstemmed configuration. It asserts no timing: CI machines differ, and debug builds are slow.

use raadsvolger_bench::{SearchPlan, corpus, report, run_tier_in_process};

/// Large enough for every query class to have hits, small enough for a debug build on 2 cores.
const DOCS: u64 = 2_000;

#[test]
fn small_tier_completes_with_equal_hit_counts() {
    let work = tempfile::tempdir().expect("temporary folder");
    let plan = SearchPlan {
        queries_per_class: raadsvolger_bench::queries::PER_CLASS,
        passes: 1,
        cold_per_class: 1,
    };
    let result =
        run_tier_in_process(work.path(), DOCS, corpus::DEFAULT_SEED, plan).expect("the tier runs");

    assert_eq!(result.import.imported, DOCS);
    assert_eq!(result.import.failed, 0, "{:?}", result.import.failures);
    assert_eq!(result.fts_load.documents, DOCS);
    assert_eq!(result.search.parity_checked, 600);
    assert!(
        result.search.mismatches.is_empty(),
        "hit counts differ between Raadsvolger (unstemmed) and FTS5: {:#?}",
        result.search.mismatches
    );
    // The query classes find what they are meant to find.
    let hits = |class: &str| {
        result
            .search
            .classes
            .iter()
            .find(|c| c.class == class)
            .map(|c| c.mean_hits)
            .unwrap_or_default()
    };
    assert_eq!(hits("ZeroHit"), 0.0);
    for class in [
        "Medium",
        "Common",
        "And2",
        "Or",
        "Phrase",
        "StopPhrase",
        "Prefix",
        "Not",
    ] {
        assert!(hits(class) > 0.0, "{class} found nothing");
    }
    assert!(hits("Common") > hits("Medium"));
    assert!(result.extraction.commitments > 0);

    let md = report::markdown(std::slice::from_ref(&result), "plot.png");
    assert!(md.contains("## 2k documents"), "{md}");
}
