//! Relevance of Dutch search over the example dossier and over word forms.
//!
//! Properties checked here:
//! 1. Exact matches outrank analysed ones: a document with the word as typed ranks above one
//!    that only has another form of it.
//! 2. A title match outranks a body match of the same word.
//! 3. Diacritics are optional: "zorgcoordinator" finds "zorgcoördinator".
//! 4. Singular and plural find each other (motie/moties, gemeente/gemeenten,
//!    slachtoffer/slachtoffers, zorgcoördinator/zorgcoördinatoren, besluit/besluiten), while
//!    false friends stay apart (gemeente/menen, gebouw/bouwen).
//! 5. Compounds: the head ("mensenhandel" in "mensenhandelbeleid") and the tail ("tafelgesprek"
//!    in "rondetafelgesprek") of a compound are found.
//! 9. Compounds come from a Dutch word list, not from every suffix: a word splits only into
//!    listed words, with the linking sounds -s-, -e-, -en- ("bestemmings|plan",
//!    "zorg|coördinator", "mensenhandel|beleid"), so a word that merely ends in another is no
//!    match for it (motie/promotie, handel/behandeling, handel/mishandeling,
//!    anderen/veranderen), nor a derivation with a prefix (gebied/bieden, gemeente/menen), and
//!    excluding a word keeps the documents that only end in it.
//! 6. Words a stop list would drop ("voor", "tot", "niet", "geen") are searchable, also in
//!    phrases ("voor de zomer").
//! 7. A typo with no exact hits falls back to fuzzy matching, says so, and suggests the word.
//! 8. The ranked results over the dossier are pinned in snapshots, so a change in ranking is a
//!    reviewed change.

use raadsvolger_core::import::NoProgress;
use raadsvolger_core::{Archive, ImportOptions};
use raadsvolger_tests::{dossier_archive, empty_archive, search, titles};

/// An archive of one-sentence documents, one per word form, named after the form.
fn forms_archive(sentences: &[(&str, &str)]) -> (tempfile::TempDir, Archive) {
    let (dir, archive) = empty_archive();
    let src = dir.path().join("src");
    std::fs::create_dir_all(&src).expect("src dir");
    for (name, sentence) in sentences {
        let md = format!("---\ntitle: \"{name}\"\nkind: overig\n---\n{sentence}\n");
        std::fs::write(src.join(format!("{name}.md")), md).expect("write");
    }
    let report = archive
        .import_paths(&[src], &ImportOptions::default(), &mut NoProgress)
        .expect("import");
    assert_eq!(report.failed().count(), 0);
    (dir, archive)
}

fn found(archive: &Archive, query: &str) -> Vec<String> {
    let mut t = titles(&search(archive, query));
    t.sort();
    t
}

#[test]
fn dutch_word_forms_find_each_other() {
    let pairs = [
        ("motie", "moties"),
        ("gemeente", "gemeenten"),
        ("slachtoffer", "slachtoffers"),
        ("zorgcoördinator", "zorgcoördinatoren"),
        ("besluit", "besluiten"),
        ("fractie", "fracties"),
        ("toezegging", "toezeggingen"),
    ];
    let docs: Vec<(String, String)> = pairs
        .iter()
        .flat_map(|(a, b)| {
            [
                (
                    format!("doc-{a}"),
                    format!("Hier staat het woord {a} in een zin."),
                ),
                (
                    format!("doc-{b}"),
                    format!("Hier staat het woord {b} in een zin."),
                ),
            ]
        })
        .collect();
    let refs: Vec<(&str, &str)> = docs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let (_dir, archive) = forms_archive(&refs);
    let mut misses = Vec::new();
    for (a, b) in pairs {
        for (query, other) in [(a, b), (b, a)] {
            let hits = found(&archive, query);
            if !hits.contains(&format!("doc-{other}")) {
                misses.push(format!("{query} does not find {other}"));
            }
            // Property 1: the exact form ranks first.
            let ranked = titles(&search(&archive, query));
            if ranked.first() != Some(&format!("doc-{query}")) {
                misses.push(format!("{query}: exact form not first in {ranked:?}"));
            }
        }
    }
    assert!(misses.is_empty(), "recall failures: {misses:#?}");
}

#[test]
fn false_friends_stay_apart() {
    let (_dir, archive) = forms_archive(&[
        ("doc-gemeente", "De gemeente besloot het anders."),
        ("doc-menen", "Wij menen dat het anders moet."),
        ("doc-gebouw", "Het gebouw staat aan het plein."),
        ("doc-bouwen", "Wij bouwen een school."),
    ]);
    assert_eq!(found(&archive, "gemeente"), ["doc-gemeente"]);
    assert_eq!(found(&archive, "menen"), ["doc-menen"]);
    assert_eq!(found(&archive, "gebouw"), ["doc-gebouw"]);
    assert_eq!(found(&archive, "bouwen"), ["doc-bouwen"]);
}

#[test]
fn compounds_and_diacritics() {
    let (_dir, archive) = forms_archive(&[
        ("beleid", "Het mensenhandelbeleid van de gemeente."),
        ("aanpak", "De aanpak van mensenhandel in Almere."),
        ("rondetafel", "Verslag van het rondetafelgesprek."),
        (
            "ronde-tafel",
            "Een Ronde Tafelgesprek op de Politieke Markt.",
        ),
        ("coordinator", "De zorgcoördinator voor slachtoffers."),
        ("behandeling", "De behandeling van het voorstel."),
    ]);
    assert_eq!(found(&archive, "mensenhandel"), ["aanpak", "beleid"]);
    assert_eq!(
        titles(&search(&archive, "mensenhandel"))[0],
        "aanpak",
        "exact before compound"
    );
    assert_eq!(
        found(&archive, "tafelgesprek"),
        ["ronde-tafel", "rondetafel"]
    );
    assert_eq!(found(&archive, "zorgcoordinator"), ["coordinator"]);
    assert_eq!(found(&archive, "ZORGCOÖRDINATOR"), ["coordinator"]);
    // A compound tail is a whole word at the end, not any substring.
    assert!(found(&archive, "handel").iter().all(|t| t != "behandeling"));
}

/// Property 9: (query, word a document holds) pairs that must match, and that must not.
const COMPOUNDS_FOUND: [(&str, &str); 9] = [
    ("mensenhandel", "mensenhandelbeleid"),
    ("tafelgesprek", "rondetafelgesprek"),
    ("problematiek", "mensenhandelproblematiek"),
    ("coördinator", "zorgcoördinator"),
    ("bestemmingsplan", "bestemmingsplannen"),
    ("motie", "moties"),
    ("gemeente", "gemeenten"),
    ("besluit", "besluiten"),
    ("slachtoffer", "slachtoffers"),
];
const COMPOUNDS_APART: [(&str, &str); 6] = [
    ("motie", "promotie"),
    ("handel", "behandeling"),
    ("handel", "mishandeling"),
    ("anderen", "veranderen"),
    ("gemeente", "menen"),
    ("gebied", "bieden"),
];

#[test]
fn compounds_come_from_the_word_list_not_from_every_suffix() {
    let words: Vec<&str> = COMPOUNDS_FOUND
        .iter()
        .chain(COMPOUNDS_APART.iter())
        .flat_map(|(q, w)| [*q, *w])
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let docs: Vec<(String, String)> = words
        .iter()
        .map(|w| (format!("doc-{w}"), format!("Een regel met {w} erin.")))
        .collect();
    let refs: Vec<(&str, &str)> = docs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let (_dir, archive) = forms_archive(&refs);
    let mut wrong = Vec::new();
    for (query, word) in COMPOUNDS_FOUND {
        if !found(&archive, query).contains(&format!("doc-{word}")) {
            wrong.push(format!("{query} does not find {word}"));
        }
        // Property 1 still holds: the word as typed ranks first.
        if titles(&search(&archive, query)).first() != Some(&format!("doc-{query}")) {
            wrong.push(format!("{query}: exact form not first"));
        }
    }
    for (query, word) in COMPOUNDS_APART {
        if found(&archive, query).contains(&format!("doc-{word}")) {
            wrong.push(format!("{query} finds {word}"));
        }
        // Excluding the query word keeps the document that only ends in it.
        if !found(&archive, &format!("{word} -{query}")).contains(&format!("doc-{word}")) {
            wrong.push(format!("-{query} drops {word}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn compound_parts_are_highlighted_and_endings_are_not() {
    let (_dir, archive) = forms_archive(&[
        (
            "beleid",
            "Over het mensenhandelbeleid en de promotie van de aanpak.",
        ),
        ("motie", "Een motie over de promotie."),
    ]);
    let r = search(&archive, "mensenhandel");
    assert_eq!(titles(&r), ["beleid"]);
    assert!(
        r.hits[0]
            .snippet
            .contains("<mark>mensenhandelbeleid</mark>"),
        "{}",
        r.hits[0].snippet
    );
    let r = search(&archive, "motie");
    assert_eq!(titles(&r), ["motie"]);
    assert!(
        r.hits[0].snippet.contains("<mark>motie</mark>")
            && !r.hits[0].snippet.contains("<mark>promotie</mark>"),
        "{}",
        r.hits[0].snippet
    );
}

#[test]
fn stop_words_are_searchable() {
    let (_dir, archive) = forms_archive(&[
        ("zomer", "Het college komt voor de zomer met een voorstel."),
        ("na-zomer", "Het college komt na de zomer met een voorstel."),
        ("niet", "De motie werd niet aangenomen."),
        (
            "orde",
            "Het voorstel staat voor de orde van de dag; de zomer volgt.",
        ),
        (
            "kader",
            "In het kader van de aanpak komt er in het najaar een kader.",
        ),
    ]);
    assert_eq!(found(&archive, "\"voor de zomer\""), ["zomer"]);
    assert_eq!(found(&archive, "niet"), ["niet"]);
    assert_eq!(found(&archive, "voor zomer -na"), ["orde", "zomer"]);
    // Phrases of common words are answered from the word pairs: the words must still stand
    // side by side and in this order.
    assert_eq!(
        found(&archive, "\"de zomer\""),
        ["na-zomer", "orde", "zomer"]
    );
    assert_eq!(found(&archive, "\"zomer de voor\""), Vec::<String>::new());
    assert_eq!(found(&archive, "\"in het kader van\""), ["kader"]);
    assert_eq!(
        found(&archive, "\"in het kader van het\""),
        Vec::<String>::new()
    );
    assert_eq!(found(&archive, "\"de orde van de dag\""), ["orde"]);
    assert_eq!(found(&archive, "\"werd niet\""), ["niet"]);
    assert_eq!(
        found(&archive, "\"niet aangenomen\" -\"voor de\""),
        ["niet"]
    );
}

#[test]
fn typos_fall_back_to_fuzzy_and_say_so() {
    let (_dir, archive) = dossier_archive();
    let results = search(&archive, "menselhandel");
    assert!(results.fuzzy);
    assert!(results.total > 0);
    assert_eq!(results.suggestion.as_deref(), Some("mensenhandel"));
    assert!(
        results.hits[0].snippet.contains("<mark>"),
        "{}",
        results.hits[0].snippet
    );
    let exact = search(&archive, "mensenhandel");
    assert!(!exact.fuzzy && exact.suggestion.is_none());
    // Nothing close enough: no results, no pretence.
    let none = search(&archive, "xqzwvkpl");
    assert_eq!(none.total, 0);
    assert!(!none.fuzzy);
}

#[test]
fn ranked_results_over_the_dossier() {
    let (_dir, archive) = dossier_archive();
    let queries = [
        "mensenhandel",
        "zorgcoördinator",
        "motie aangenomen",
        "\"sluitende aanpak\"",
        "tafelgesprek",
        "23161.001",
        "kind:besluitenlijst",
        "comensha OR lenferink",
        "mensenhandel -zorgcoördinator year:2023",
        "zorg*",
    ];
    let mut out = String::new();
    for q in queries {
        let r = search(&archive, q);
        out.push_str(&format!("## {q}  (total {}, fuzzy {})\n", r.total, r.fuzzy));
        for h in r.hits.iter().take(8) {
            out.push_str(&format!(
                "{} | {} | {}\n",
                h.date.map(|d| d.to_string()).unwrap_or_default(),
                h.kind,
                h.title
            ));
        }
        out.push('\n');
    }
    insta::assert_snapshot!(out);
}
