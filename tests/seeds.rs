//! The five real pages the project was made from (`../shared/seeds`), imported as a user drops
//! them in: what a clerk records from them (`../shared/seeds/EXPECTED.md`) must hold. The files
//! are read from the shared folder at run time.

use raadsvolger_core::import::NoProgress;
use raadsvolger_core::{
    Archive, CommitmentQuery, DocKind, Flag, ImportOptions, Outcome, SearchHit,
};
use raadsvolger_tests::{day, search, shared};

fn seeds() -> (tempfile::TempDir, Archive) {
    let dir = tempfile::tempdir().expect("temp dir");
    let archive = Archive::open(dir.path().join("a")).expect("open");
    // The pages, as a user drops them in; EXPECTED.md beside them is the answer sheet.
    let mut pages: Vec<std::path::PathBuf> = std::fs::read_dir(shared("seeds"))
        .expect("seeds folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    pages.sort();
    let report = archive
        .import_paths(&pages, &ImportOptions::default(), &mut NoProgress)
        .expect("import");
    assert_eq!(
        report.imported().count(),
        5,
        "{} imported",
        report.imported().count()
    );
    (dir, archive)
}

fn hit<'a>(hits: &'a [SearchHit], prefix: &str) -> &'a SearchHit {
    hits.iter()
        .find(|h| {
            h.source
                .as_deref()
                .and_then(|s| s.rsplit('/').next())
                .is_some_and(|n| n.starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("seed {prefix} not found"))
}

#[test]
fn titles_dates_and_kinds_are_the_articles_not_the_page_furniture() {
    let (_dir, archive) = seeds();
    let results = search(&archive, "mensenhandel");
    assert_eq!(results.total, 5);
    // The titles a clerk gives them, read from the answer sheet (its table: file, what it is,
    // title, date, kind), so no sentence of theirs is written here.
    let sheet = std::fs::read_to_string(shared("seeds/EXPECTED.md")).expect("EXPECTED.md");
    let title_of = |prefix: &str| -> String {
        sheet
            .lines()
            .find(|l| l.starts_with(&format!("| `{prefix}")))
            .and_then(|l| l.split('|').nth(3))
            .map(|t| t.trim().to_owned())
            .unwrap_or_else(|| panic!("{prefix} is not in EXPECTED.md"))
    };
    let expect = [
        ("000", Some("2018-03-19"), DocKind::Nieuws),
        ("001", None, DocKind::Nieuws),
        ("002", Some("2023-07-07"), DocKind::Agendapunt),
        ("003", Some("2019-09-01"), DocKind::Nieuws),
        ("004", Some("2018-01-16"), DocKind::Nieuws),
    ];
    for (prefix, date, kind) in expect {
        let h = hit(&results.hits, prefix);
        assert_eq!(h.title, title_of(prefix), "{prefix}");
        assert_eq!(
            h.date,
            date.map(day),
            "{prefix}: a copyright year is not a date"
        );
        assert_eq!(h.kind, kind, "{prefix}");
    }
    let text = archive
        .document(hit(&results.hits, "001").id)
        .expect("doc")
        .body_text;
    assert!(!text.contains("Copyright"), "copyright lines are left out");
}

#[test]
fn the_motions_and_the_proposal_with_their_votes() {
    let (_dir, archive) = seeds();
    let motions = archive.motions().expect("motions");
    let m2018 = motions
        .iter()
        .find(|m| m.title.contains("Aanpak Mensenhandel"))
        .expect("the 2018 motion");
    assert_eq!(m2018.date, Some(day("2018-03-15")));
    assert_eq!(m2018.outcome, Some(Outcome::Aangenomen));
    assert!(m2018.unanimous);
    assert_eq!(m2018.number, None);
    for party in ["ChristenUnie", "PvdA", "VVD", "SP"] {
        assert!(
            m2018.submitters.iter().any(|s| s == party),
            "{:?}",
            m2018.submitters
        );
    }
    let by_number = |n: &str| {
        motions
            .iter()
            .find(|m| m.number.as_deref() == Some(n))
            .expect(n)
    };
    let m1 = by_number("23161.001");
    assert_eq!(m1.title, "Doelgericht strijden tegen mensenhandel");
    assert_eq!(
        (m1.kind, m1.votes_for, m1.votes_against),
        (DocKind::Motie, Some(34), Some(4))
    );
    assert_eq!(m1.date, Some(day("2023-10-12")));
    let p = by_number("23161");
    assert_eq!(
        (p.kind, p.votes_for, p.votes_against),
        (DocKind::Raadsvoorstel, Some(38), Some(0))
    );
    assert_eq!(p.outcome, Some(Outcome::Aangenomen));
    assert_eq!(motions.len(), 3, "{motions:#?}");
}

#[test]
fn the_commitments_a_clerk_records_as_of_22_november_2026() {
    let (_dir, archive) = seeds();
    let list = archive
        .commitments(day("2026-11-22"), &CommitmentQuery::default())
        .expect("commitments");
    let due = |d: &str| {
        list.iter()
            .filter(|c| c.due == Some(day(d)))
            .collect::<Vec<_>>()
    };
    let proposal = due("2018-07-01");
    assert!(
        proposal
            .iter()
            .any(|c| c.flag == Flag::Overdue && c.text.contains("voorstel")),
        "{list:#?}"
    );
    let coordinator = due("2018-09-01");
    assert!(
        coordinator
            .iter()
            .any(|c| c.flag == Flag::Overdue && c.text.contains("zorgcoördinator"))
    );
    assert!(
        coordinator.iter().all(|c| c.motion_id.is_some()),
        "tied to the adopted motion"
    );
    let plan = due("2022-12-31");
    assert_eq!(plan.len(), 1);
    assert_eq!(plan[0].flag, Flag::MetLate);
    assert!(
        !plan[0].evidence.is_empty(),
        "the statement that it came is the evidence"
    );
    assert!(
        list.iter()
            .any(|c| c.flag == Flag::NoDeadline && c.due.is_none())
    );
    assert!(
        list.len() <= 5,
        "{:#?}",
        list.iter().map(|c| &c.text).collect::<Vec<_>>()
    );
    // Not commitments: the elections, the working visit, a past count, a third party's event
    // (all in 000 and 003), a council member's wish (001).
    assert!(list.iter().all(|c| c.due != Some(day("2018-03-21"))));
    for title in ["Hoe komen we", "Gemeenten aan zet"] {
        assert!(
            list.iter().all(|c| !c
                .source
                .title
                .as_deref()
                .unwrap_or_default()
                .starts_with(title)),
            "{title}: {list:#?}"
        );
    }
}

#[test]
fn search_finds_the_seeds_by_their_words_compounds_and_typos() {
    let (_dir, archive) = seeds();
    let prefixes = |q: &str| {
        let mut v: Vec<String> = search(&archive, q)
            .hits
            .iter()
            .filter_map(|h| {
                h.source
                    .as_deref()
                    .and_then(|s| s.rsplit('/').next())
                    .map(|n| n[..3].to_owned())
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(prefixes("zorgcoördinator"), ["000", "003", "004"]);
    assert_eq!(prefixes("zorgcoordinator"), ["000", "003", "004"]);
    assert!(prefixes("problematiek").contains(&"004".to_string()));
    assert_eq!(prefixes("tafelgesprek"), ["000", "001"]);
    let typo = search(&archive, "mensenhandl");
    assert!(typo.fuzzy);
    assert_eq!(typo.total, 5);
}
