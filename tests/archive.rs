//! The archive end to end: fixtures -> import -> search -> show, re-imports, rebuilds, and the
//! index repairing itself from the store.

use raadsvolger_core::import::{Collect, NoProgress};
use raadsvolger_core::store::Store;
use raadsvolger_core::{Archive, DocKind, FileOutcome, ImportOptions, SearchRequest, SortOrder};
use raadsvolger_tests::{dossier_archive, empty_archive, fixtures, search, titles};

#[test]
fn the_dossier_imports_searches_and_shows() {
    let (_dir, archive) = dossier_archive();
    let stats = archive.stats().expect("stats");
    let on_disk = std::fs::read_dir(fixtures().join("dossier"))
        .expect("dossier folder")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "md"))
        })
        .count() as u64;
    assert_eq!(stats.documents, on_disk);
    assert_eq!(stats.indexed_documents, on_disk);
    assert!(stats.documents >= 20, "the dossier holds 20-30 documents");

    let results = search(&archive, "zorgcoördinator");
    assert!(results.total >= 5, "{results:#?}");
    assert!(!results.fuzzy);
    let first = &results.hits[0];
    assert!(first.snippet.contains("<mark>"), "{}", first.snippet);

    let motion = search(&archive, "\"Aanpak Mensenhandel\" kind:motie");
    let hit = motion
        .hits
        .iter()
        .find(|h| h.title == "Motie Aanpak Mensenhandel")
        .expect("the 2018 motion is found");
    let doc = archive.document(hit.id).expect("show");
    assert_eq!(doc.kind, DocKind::Motie);
    assert_eq!(doc.date, chrono::NaiveDate::from_ymd_opt(2018, 3, 15));
    assert!(doc.body_text.contains("verzoekt het college"));
    assert!(doc.parties.contains(&"ChristenUnie".to_string()));
    assert!(doc.body_html.contains("<ol>") || doc.body_html.contains("<li>"));
}

#[test]
fn the_embedded_dossier_equals_the_fixture_folder() {
    let (_dir, archive) = empty_archive();
    let report = archive.load_demo(&mut NoProgress).expect("demo");
    assert_eq!(report.failed().count(), 0);
    let embedded = report.imported().count();
    // The same files from disk are recognised as duplicates of the embedded ones.
    let again = archive
        .import_paths(
            &[fixtures().join("dossier")],
            &ImportOptions::default(),
            &mut NoProgress,
        )
        .expect("import");
    assert_eq!(again.imported().count(), 0);
    assert_eq!(again.skipped().count(), embedded);
}

#[test]
fn reimporting_the_same_content_is_a_noop() {
    let (_dir, archive) = dossier_archive();
    let before = archive.stats().expect("stats");
    let mut sink = Collect::default();
    let report = archive
        .import_paths(
            &[fixtures().join("dossier")],
            &ImportOptions::default(),
            &mut sink,
        )
        .expect("import");
    assert_eq!(report.imported().count(), 0);
    assert_eq!(report.skipped().count() as u64, before.documents);
    assert_eq!(
        sink.0.len() as u64,
        before.documents,
        "the sink hears of every file"
    );
    assert!(matches!(sink.0[0].outcome, FileOutcome::Skipped { .. }));
    let after = archive.stats().expect("stats");
    assert_eq!(after.documents, before.documents);
    assert_eq!(
        after.generation, before.generation,
        "no write for duplicates"
    );
}

/// Files are read and parsed on several threads, but the archive must not notice: the same
/// folders give the same report, in the same order, and the same ids as with one thread.
#[test]
fn reading_threads_change_nothing_but_the_speed() {
    let run = |threads: usize| {
        let (dir, archive) = empty_archive();
        let options = ImportOptions {
            read_threads: threads,
            batch_size: 7,
            ..ImportOptions::default()
        };
        let mut sink = Collect::default();
        let folders = [
            fixtures().join("dossier"),
            fixtures().join("bad"),
            fixtures().join("formats"),
            // Again: every file is now a duplicate of the first pass.
            fixtures().join("dossier"),
        ];
        let report = archive
            .import_paths(&folders, &options, &mut sink)
            .expect("import");
        let outcomes: Vec<String> = report
            .files
            .iter()
            .map(|f| {
                let what = match &f.outcome {
                    FileOutcome::Imported { document, .. } => format!("#{}", document.id),
                    FileOutcome::Skipped { duplicate_of } => format!("= #{duplicate_of}"),
                    FileOutcome::Failed { error, .. } => format!("! {error}"),
                };
                let name = f.path.rsplit(['/', '\\']).next().unwrap_or_default();
                format!("{name} {what}")
            })
            .collect();
        let heard: Vec<String> = sink.0.iter().map(|f| f.path.clone()).collect();
        let paths: Vec<String> = report.files.iter().map(|f| f.path.clone()).collect();
        assert_eq!(heard, paths, "the sink hears the files in report order");
        let listed: Vec<String> = raadsvolger_core::import::collect_files(&folders)
            .files
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        assert_eq!(paths, listed, "the report follows the files' order");
        drop(archive);
        drop(dir);
        outcomes
    };
    let one = run(1);
    assert!(one.iter().any(|o| o.contains(" = #")), "{one:?}");
    assert!(one.iter().any(|o| o.contains(" ! ")), "{one:?}");
    for threads in [2, 4] {
        assert_eq!(run(threads), one, "{threads} reading threads");
    }
}

#[test]
fn every_format_imports_with_inferred_metadata() {
    let (_dir, archive) = empty_archive();
    let report = archive
        .import_paths(
            &[fixtures().join("formats")],
            &ImportOptions::default(),
            &mut NoProgress,
        )
        .expect("import");
    assert_eq!(
        report.failed().count(),
        0,
        "{:?}",
        report.failed().collect::<Vec<_>>()
    );
    let by_source = |ending: &str| {
        report
            .imported()
            .find(|d| d.source.as_deref().is_some_and(|s| s.ends_with(ending)))
            .unwrap_or_else(|| panic!("{ending} imported"))
            .clone()
    };
    let html = by_source("nieuwsbericht-almere.html");
    assert_eq!(html.date, chrono::NaiveDate::from_ymd_opt(2018, 3, 19));
    let html_doc = archive.document(html.id).expect("doc");
    for junk in ["cookie", "<script", "onclick"] {
        assert!(
            !html_doc.body_text.to_lowercase().contains(junk),
            "{junk} in text"
        );
        assert!(
            !html_doc.body_html.to_lowercase().contains(junk),
            "{junk} in html"
        );
    }
    let cp1252 = archive
        .document(by_source("agendapunt-cp1252.html").id)
        .expect("doc");
    assert_eq!(cp1252.date, chrono::NaiveDate::from_ymd_opt(2023, 7, 7));
    assert!(
        cp1252.body_text.contains('ö') && cp1252.body_text.contains('“'),
        "decoded as Windows-1252"
    );
    let latin1 = by_source("persbericht-latin1.txt");
    assert_eq!(latin1.date, chrono::NaiveDate::from_ymd_opt(2018, 1, 16));
    for name in [
        "verslag-utf8-bom.txt",
        "vragen-utf16.txt",
        "notitie-zonder-frontmatter.md",
    ] {
        let doc = archive.document(by_source(name).id).expect("doc");
        assert!(!doc.title.starts_with('\u{feff}'), "{name}: BOM in title");
        assert!(
            doc.body_text.chars().any(|c| "öéë".contains(c)),
            "{name}: accents survive"
        );
    }
    // A PDF hit names its page.
    let results = archive
        .search(&SearchRequest::new("zorgcoördinator"))
        .expect("search");
    let pdf_hit = results
        .hits
        .iter()
        .find(|h| h.source.as_deref().is_some_and(|s| s.ends_with(".pdf")))
        .expect("the PDF is found");
    assert_eq!(pdf_hit.page, Some(2), "zorgcoördinator stands on page 2");
}

#[test]
fn reindex_rebuilds_the_same_index() {
    let (_dir, archive) = dossier_archive();
    let before = titles(&search(&archive, "mensenhandel"));
    let report = archive.reindex().expect("reindex");
    assert_eq!(report.documents, archive.stats().expect("stats").documents);
    assert_eq!(titles(&search(&archive, "mensenhandel")), before);
    let (store_ids, index_ids) = archive.ids().expect("ids");
    assert_eq!(store_ids, index_ids);
}

#[test]
fn a_missing_index_is_rebuilt_on_open() {
    let (dir, archive) = dossier_archive();
    let expected = titles(&search(&archive, "zorgcoördinator"));
    archive.close().expect("close");
    std::fs::remove_dir_all(dir.path().join("archief/index")).expect("remove index");
    let reopened = Archive::open(dir.path().join("archief")).expect("reopen");
    let line = reopened
        .open_report()
        .index_repair
        .clone()
        .expect("a repair is reported");
    assert!(line.contains("rebuilt"), "{line}");
    assert_eq!(titles(&search(&reopened, "zorgcoördinator")), expected);
}

#[test]
fn an_index_behind_the_store_catches_up_on_open() {
    let (dir, archive) = dossier_archive();
    let n = archive.stats().expect("stats").documents;
    archive.close().expect("close");
    // Write to the store alone, as if the process died between the two commits.
    let mut store = Store::open(&dir.path().join("archief/archive.sqlite")).expect("store");
    let doc = raadsvolger_core::import::parse(
        "late.md",
        "---\ntitle: Nagekomen stuk\nkind: overig\ndate: 2024-01-05\n---\nEen woord dat nergens anders staat: kwispelstaart.".as_bytes(),
    )
    .expect("parse");
    store
        .insert_documents(&[&doc], "2024-01-05T00:00:00Z")
        .expect("insert");
    drop(store);

    let reopened = Archive::open(dir.path().join("archief")).expect("reopen");
    let line = reopened
        .open_report()
        .index_repair
        .clone()
        .expect("repair reported");
    assert!(
        line.contains("behind") && line.contains("1 documents"),
        "{line}"
    );
    assert_eq!(search(&reopened, "kwispelstaart").total, 1);
    assert_eq!(reopened.stats().expect("stats").indexed_documents, n + 1);
}

#[test]
fn filters_sorting_and_facets() {
    let (_dir, archive) = dossier_archive();
    let mut request = SearchRequest::new("mensenhandel");
    request.sort = SortOrder::Date;
    request.limit = 100;
    let by_date = archive.search(&request).expect("search");
    let dates: Vec<_> = by_date.hits.iter().filter_map(|h| h.date).collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );
    assert!(by_date.hits.iter().all(|h| h.score.is_none()));

    let in_2023 = search(&archive, "mensenhandel year:2023");
    assert!(in_2023.total > 0);
    assert!(
        in_2023
            .hits
            .iter()
            .all(|h| h.date.is_some_and(|d| d.format("%Y").to_string() == "2023"))
    );
    // A facet ignores its own filter, so another year (or kind) can be picked beside it.
    let year_2023 = in_2023.facets.year.iter().find(|f| f.value == "2023");
    assert_eq!(year_2023.map(|f| f.count), Some(in_2023.total));
    assert!(in_2023.facets.year.len() > 1, "{:?}", in_2023.facets.year);

    let motions = search(&archive, "kind:motie");
    assert!(motions.hits.iter().all(|h| h.kind == DocKind::Motie));
    let kind_facet = &motions.facets.kind;
    let motie = kind_facet.iter().find(|f| f.value == "motie");
    assert_eq!(motie.map(|f| f.count), Some(motions.total));
    assert!(kind_facet.len() > 1, "{kind_facet:?}");
    let other = kind_facet
        .iter()
        .find(|f| f.value != "motie")
        .expect("another kind");
    let both = search(&archive, &format!("kind:motie kind:{}", other.value));
    assert_eq!(
        both.total,
        other.count + motions.total,
        "picking a second kind adds what its count said"
    );

    let cu = search(&archive, "zorgcoördinator party:CU");
    let all = search(&archive, "zorgcoördinator");
    assert!(cu.total > 0 && cu.total <= all.total);
    let cu_count = all
        .facets
        .party
        .iter()
        .find(|f| f.value == "ChristenUnie")
        .map(|f| f.count);
    assert_eq!(
        cu_count,
        Some(cu.total),
        "the party facet predicts the filtered total"
    );

    let window = search(&archive, "mensenhandel from:2018-03-01 to:2018-03-31");
    assert!(window.total > 0);
    assert!(window.hits.iter().all(|h| {
        h.date
            .is_some_and(|d| d.format("%Y-%m").to_string() == "2018-03")
    }));
}

#[test]
fn invalid_queries_say_what_is_wrong() {
    let (_dir, archive) = dossier_archive();
    for (query, expected) in [
        ("\"voor de zomer", "closing quote"),
        ("kind:vergadernotitie", "unknown document kind"),
        ("*", "two letters"),
        ("(motie", "never closed"),
    ] {
        let err = archive.search(&SearchRequest::new(query)).expect_err(query);
        assert_eq!(err.code(), raadsvolger_core::ErrorCode::InvalidQuery);
        assert!(err.to_string().contains(expected), "{query}: {err}");
    }
}

/// A PDF whose page is only an image of text (a scan) is read by Tesseract's Dutch model when
/// it is installed (the setup installs it), and refused as "scan zonder tekstlaag" when not.
#[test]
fn a_scanned_pdf_is_read_by_ocr_or_named_a_scan_without_text_layer() {
    let (_dir, archive) = raadsvolger_tests::empty_archive();
    let scan = raadsvolger_tests::fixtures().join("scan/motie-bibliotheek-scan.pdf");
    let report = archive
        .import_paths(
            &[scan],
            &raadsvolger_core::ImportOptions::default(),
            &mut raadsvolger_core::import::NoProgress,
        )
        .expect("the batch runs");
    let ocr = std::process::Command::new("tesseract")
        .arg("--list-langs")
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l.trim() == "nld")
        })
        .unwrap_or(false)
        && std::process::Command::new("pdftoppm")
            .arg("-v")
            .output()
            .is_ok();
    if !ocr {
        let failed: Vec<_> = report.failed().collect();
        assert_eq!(failed.len(), 1, "{failed:?}");
        assert!(failed[0].1.contains("scan zonder tekstlaag"), "{failed:?}");
        return;
    }
    assert_eq!(
        report.imported().count(),
        1,
        "{:?}",
        report.failed().collect::<Vec<_>>()
    );
    let hits = archive
        .search(&raadsvolger_core::SearchRequest::new("bibliotheekpunt"))
        .expect("search");
    let hit = hits.hits.first().expect("the scan's text is searchable");
    assert_eq!(hit.title, "Motie bibliotheekpunt in de wijk");
    // Read as the motion it is, dated by its text.
    assert_eq!(hit.kind, DocKind::Motie);
    assert_eq!(hit.date, "2026-03-12".parse().ok());
}

#[test]
fn a_long_report_is_marked_where_its_match_is_whatever_the_query_makes_of_it() {
    // A report of some 60 KB whose matching words come only near its end, after page after
    // page of other text: the snippet is read around the positions the index holds.
    let mut text = String::from("---\ntitle: Jaarverslag wijkbeheer\nkind: overig\n---\n\n");
    for n in 0..800 {
        text.push_str(&format!(
            "Paragraaf {n}: de beheerders van de wijk hebben de groenstroken gemaaid. \n"
        ));
    }
    text.push_str(
        "Tot slot vraagt het bestuur om een hoger wijkbudget en meer speeltuinen in het \
         plangebied.\n",
    );
    for n in 0..20 {
        text.push_str(&format!("Bijlage {n}: een overzicht van de bomen.\n"));
    }
    assert!(text.len() > 50_000);
    let (_dir, archive) = empty_archive();
    archive
        .import_bytes("jaarverslag.md", text.as_bytes(), &mut NoProgress)
        .expect("import");
    // Another document holds a word the report does not (the OR case below).
    archive
        .import_bytes(
            "zwembad.md",
            b"---\ntitle: Zwembad\nkind: overig\n---\n\nHet zwembad gaat in de zomer dicht.\n",
            &mut NoProgress,
        )
        .expect("import");
    // The word as typed, a plural of it (its stem), a compound's part, and two words together.
    for (query, marked) in [
        ("wijkbudget", "<mark>wijkbudget</mark>"),
        ("wijkbudgetten", "<mark>wijkbudget</mark>"),
        ("speeltuinen bestuur", "<mark>bestuur</mark>"),
        ("speeltuin*", "<mark>speeltuinen</mark>"),
        ("wijkbudget OR zwembad", "<mark>wijkbudget</mark>"),
    ] {
        let results = search(&archive, query);
        let hit = results
            .hits
            .iter()
            .find(|h| h.title == "Jaarverslag wijkbeheer")
            .unwrap_or_else(|| panic!("{query}: the report is found"));
        assert!(hit.snippet.contains(marked), "{query}: {}", hit.snippet);
        assert!(hit.snippet.starts_with('…'), "{query}: {}", hit.snippet);
        let offset = hit.match_offset.expect("a match offset");
        assert!(
            offset > 40_000,
            "{query}: the match is near the end, not at {offset}"
        );
        let doc = archive.document(hit.id).expect("document");
        let at = &doc.body_text[offset..];
        assert!(
            ["wijkbudget", "bestuur", "speeltuinen"]
                .iter()
                .any(|w| at.starts_with(w)),
            "{query}: the offset points at a matched word: {:?}",
            &at[..at.len().min(30)]
        );
    }
}

/// Every file under `dir` with its bytes, for comparing a folder before and after.
fn snapshot(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                out.push((path.clone(), Vec::new()));
                todo.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read file");
                out.push((path, bytes));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_folder_that_is_not_an_archive_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().expect("tmp");
    let own = dir.path().join("mijn-map");
    std::fs::create_dir_all(own.join("index")).expect("index folder");
    std::fs::write(own.join("index").join("inhoud.txt"), "mijn eigen index").expect("write");
    std::fs::write(own.join("notities.md"), "# Notities\n").expect("write");
    let before = snapshot(&own);
    let err = match Archive::open(&own) {
        Ok(_) => panic!("a folder of someone's own files opened as an archive"),
        Err(e) => e,
    };
    let text = err.to_string();
    assert!(text.contains("not a Raadsvolger archive"), "{text}");
    assert!(
        text.contains("index"),
        "the message names what the folder holds: {text}"
    );
    assert_eq!(
        err.params().get("rule").map(String::as_str),
        Some("not-an-archive")
    );
    assert_eq!(snapshot(&own), before, "nothing in the folder changed");

    // An empty folder, and one that does not exist yet, become archives.
    let empty = dir.path().join("leeg");
    std::fs::create_dir_all(&empty).expect("empty folder");
    Archive::open(&empty).expect("an empty folder becomes an archive");
    Archive::open(&empty).expect("and opens again as one");
    Archive::open(dir.path().join("nieuw")).expect("a new folder becomes an archive");
}

#[test]
fn a_search_past_its_bounds_is_refused_with_a_coded_error() {
    let (_dir, archive) = empty_archive();
    let mut deep = SearchRequest::new("motie");
    deep.offset = 1_000_000_000_000_000;
    let err = archive.search(&deep).expect_err("too deep");
    assert_eq!(
        err.params().get("rule").map(String::as_str),
        Some("search-offset")
    );
    let mut wide = SearchRequest::new("motie");
    wide.limit = 5_000;
    let err = archive.search(&wide).expect_err("too many a page");
    assert_eq!(
        err.params().get("rule").map(String::as_str),
        Some("search-limit")
    );
    let long = SearchRequest::new("motie ".repeat(2_000));
    let err = archive.search(&long).expect_err("too long");
    assert_eq!(
        err.code(),
        raadsvolger_core::ErrorCode::InvalidQuery,
        "{err}"
    );
    let mut fine = SearchRequest::new("motie");
    fine.offset = 100;
    archive
        .search(&fine)
        .expect("a page past the hits is simply empty");
}
