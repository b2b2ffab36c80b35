//! `Archive::search_ids` and its options: which views of the text a word matches
//! (`Matching`) and what is counted besides the best hits (`Tally`).
//!
//! Properties checked:
//! - the product matching finds plural, compound and misspelt forms; the exact one only the
//!   folded word as typed, with phrases, prefixes, exclusions and filters unchanged;
//! - `Tally::Total` counts what `Archive::search` counts, `Tally::Nothing` counts nothing and
//!   returns the same best hits;
//! - the ids agree with `Archive::search`.

use raadsvolger_core::import::NoProgress;
use raadsvolger_core::{Archive, Matching, SearchOptions, SearchRequest, Tally};

const DOCS: &[(&str, &str)] = &[
    (
        "a.md",
        "---\ntitle: Motie mensenhandel\nkind: motie\ndate: 2018-03-15\nparties: [CU]\n---\nDe raad vraagt het college voor de zomer een zorgcoördinator aan te stellen.",
    ),
    (
        "b.md",
        "---\ntitle: Moties over handel\nkind: motie\ndate: 2019-05-01\n---\nTwee moties over de handel op de markt.",
    ),
    (
        "c.md",
        "---\ntitle: Raadsvoorstel markt\nkind: raadsvoorstel\ndate: 2019-06-01\n---\nDe markt verhuist na de zomer naar het plein.",
    ),
];

fn archive() -> (tempfile::TempDir, Archive) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let archive = Archive::open(dir.path().join("archief")).expect("opens");
    for (name, text) in DOCS {
        archive
            .import_bytes(name, text.as_bytes(), &mut NoProgress)
            .expect("imports");
    }
    (dir, archive)
}

fn total(archive: &Archive, query: &str, matching: Matching) -> u64 {
    let options = SearchOptions {
        matching,
        tally: Tally::Total,
    };
    archive
        .search_ids(&SearchRequest::new(query), options)
        .expect("searches")
        .total
        .expect("counted")
}

#[test]
fn exact_matching_finds_only_the_word_as_typed() {
    let (_dir, archive) = archive();
    // Plural and singular meet through the stem in the product matching only.
    assert_eq!(total(&archive, "motie", Matching::Dutch), 2);
    assert_eq!(total(&archive, "motie", Matching::Exact), 1);
    // A compound's tail ("handel" in "mensenhandel").
    assert_eq!(total(&archive, "handel", Matching::Dutch), 2);
    assert_eq!(total(&archive, "handel", Matching::Exact), 1);
    // Diacritics and case are folded in both.
    assert_eq!(total(&archive, "Zorgcoordinator", Matching::Exact), 1);
    // A typo finds its word only with typo tolerance.
    assert_eq!(total(&archive, "mensenhandl", Matching::Dutch), 1);
    assert_eq!(total(&archive, "mensenhandl", Matching::Exact), 0);
    // Phrases, prefixes, exclusions and filters behave the same in both.
    for query in [
        "\"voor de zomer\"",
        "\"na de zomer\"",
        "mark*",
        "markt -plein",
        "markt kind:raadsvoorstel",
        "zomer year:2018",
        "zomer party:CU",
        "markt OR zorgcoördinator",
    ] {
        assert_eq!(
            total(&archive, query, Matching::Dutch),
            total(&archive, query, Matching::Exact),
            "{query}"
        );
    }
}

#[test]
fn tallies_count_what_search_counts_and_rank_the_same() {
    let (_dir, archive) = archive();
    for query in ["markt", "motie", "zomer", "mensenhandl", "onbekendwoord"] {
        let full = archive
            .search(&SearchRequest::new(query))
            .expect("searches");
        let run = |tally| {
            archive
                .search_ids(
                    &SearchRequest::new(query),
                    SearchOptions {
                        matching: Matching::Dutch,
                        tally,
                    },
                )
                .expect("searches")
        };
        let counted = run(Tally::Total);
        let bare = run(Tally::Nothing);
        let faceted = run(Tally::Facets);
        assert_eq!(counted.total, Some(full.total), "{query}");
        assert_eq!(faceted.total, Some(full.total), "{query}");
        assert_eq!(bare.total, None, "{query}");
        let ids: Vec<_> = full.hits.iter().map(|h| h.id).collect();
        for ranked in [&counted, &bare, &faceted] {
            let got: Vec<_> = ranked.hits.iter().map(|h| h.0).collect();
            assert_eq!(got, ids, "{query}");
            assert_eq!(ranked.fuzzy, full.fuzzy, "{query}");
        }
    }
}
