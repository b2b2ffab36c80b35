//! Long lists page: the timeline, the motions and the commitments come a page at a time, with
//! their filters and order applied to the whole list first, and pages that neither repeat nor
//! skip an item.

use chrono::NaiveDate;
use raadsvolger_core::import::NoProgress;
use raadsvolger_core::{
    Archive, CommitmentFilter, CommitmentQuery, ErrorCode, Flag, ImportOptions, MotionQuery,
    MotionSort, NewCommitment, NewMotion, NewVote, Outcome, Page,
};
use raadsvolger_tests::day;

/// Every page of a list of `total` items, `limit` at a time, joined.
fn all_pages<T>(limit: usize, mut page: impl FnMut(Page) -> (usize, Vec<T>)) -> Vec<T> {
    let mut out = Vec::new();
    let mut offset = 0;
    loop {
        let (total, items) = page(Page::new(offset, limit).expect("a page"));
        let n = items.len();
        out.extend(items);
        offset += n;
        if n == 0 || offset >= total {
            assert_eq!(out.len(), total, "the pages add up to the whole list");
            return out;
        }
        assert_eq!(n, limit, "only the last page is short");
    }
}

#[test]
fn the_timeline_pages_through_1200_dated_documents_oldest_first() {
    let archive_dir = tempfile::tempdir().expect("temp dir");
    let files = tempfile::tempdir().expect("temp dir");
    // 1,200 short notes over a handful of days (many on one day: ties go by id), and three
    // without a date, which the timeline leaves out.
    for i in 0..1200 {
        std::fs::write(
            files.path().join(format!("notitie-{i:04}.md")),
            format!(
                "---\ntitle: Notitie {i} over de groenstrook\nkind: raadsinformatiebrief\ndate: 2024-0{}-1{}\n---\n\nDe groenstrook langs de dijk, notitie {i}.\n",
                1 + i % 9,
                i % 7
            ),
        )
        .expect("written");
    }
    for i in 0..3 {
        std::fs::write(
            files.path().join(format!("zonder-datum-{i}.md")),
            format!("---\ntitle: Losse aantekening {i}\n---\n\nEen aantekening zonder dag, nummer {i}.\n"),
        )
        .expect("written");
    }
    let archive = Archive::open(archive_dir.path()).expect("archive");
    let report = archive
        .import_paths(
            &[files.path().to_path_buf()],
            &ImportOptions::default(),
            &mut NoProgress,
        )
        .expect("import");
    assert_eq!(report.imported().count(), 1203);

    let first = archive
        .timeline(Page::new(0, 100).expect("page"))
        .expect("page");
    assert_eq!(first.total, 1200, "the undated are not on the timeline");
    assert_eq!(first.items.len(), 100);
    assert!(first.has_more());
    let all = all_pages(250, |page| {
        let p = archive.timeline(page).expect("page");
        (p.total, p.items)
    });
    let order: Vec<(NaiveDate, i64)> = all.iter().map(|e| (e.date, e.id)).collect();
    let mut sorted = order.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(order, sorted, "oldest first, ties by id, none twice");
    let beyond = archive
        .timeline(Page::new(5000, 10).expect("page"))
        .expect("page");
    assert!(beyond.items.is_empty());
    assert_eq!(beyond.total, 1200);
}

fn motion(archive: &Archive, number: &str, title: &str, date: &str, submitter: &str) -> i64 {
    archive
        .add_motion(&NewMotion {
            title: title.into(),
            number: Some(number.into()),
            date: Some(day(date)),
            submitters: vec![submitter.into()],
            ..Default::default()
        })
        .expect("motion")
        .id
}

#[test]
fn motions_are_filtered_and_sorted_over_all_of_them_before_a_page_is_cut() {
    let dir = tempfile::tempdir().expect("temp dir");
    let archive = Archive::open(dir.path()).expect("archive");
    // 120 motions: every third about the library, every fourth adopted with a party vote.
    for i in 1..=120 {
        let subject = if i % 3 == 0 {
            "bibliotheek"
        } else {
            "fietspad"
        };
        let id = motion(
            &archive,
            &format!("M{i}"),
            &format!("Motie {subject} nummer {i}"),
            &format!("2023-{:02}-{:02}", 1 + i % 12, 1 + i % 27),
            if i % 2 == 0 {
                "A. de Vries (D66)"
            } else {
                "B. Bakker (CDA)"
            },
        );
        if i % 4 == 0 {
            archive
                .record_vote(
                    id,
                    &NewVote {
                        date: day("2023-12-20"),
                        votes_for: Some(20),
                        votes_against: Some(10),
                        party_votes: Some("voor: D66, CDA; tegen: PVV".into()),
                        ..Default::default()
                    },
                )
                .expect("vote");
        }
    }
    let by_number = MotionQuery {
        sort: MotionSort::Number,
        ascending: true,
        ..Default::default()
    };
    let first = archive
        .motions_page(&by_number, Page::new(0, 10).expect("page"))
        .expect("page");
    assert_eq!(first.total, 120);
    let numbers: Vec<_> = first
        .items
        .iter()
        .filter_map(|m| m.number.clone())
        .collect();
    // Numbers by their value: M1..M10, not M1, M10, M100, M101.
    assert_eq!(
        numbers,
        (1..=10).map(|i| format!("M{i}")).collect::<Vec<_>>()
    );

    // A filter keeps its matches from all 120, not from the page shown.
    let library = MotionQuery {
        text: "BIBLIOTHEEK vries".into(),
        ..by_number.clone()
    };
    let all = all_pages(7, |page| {
        let p = archive.motions_page(&library, page).expect("page");
        (p.total, p.items)
    });
    assert_eq!(all.len(), 20, "every sixth: library and D66");
    assert!(all.iter().all(|m| m.title.contains("bibliotheek")));
    let adopted = MotionQuery {
        outcome: "aangenomen".into(),
        sort: MotionSort::Date,
        ..Default::default()
    };
    let page = archive
        .motions_page(&adopted, Page::new(0, 1000).expect("page"))
        .expect("page");
    assert_eq!(page.total, 30);
    assert!(
        page.items
            .iter()
            .all(|m| m.outcome == Some(Outcome::Aangenomen))
    );
    let dates: Vec<_> = page.items.iter().map(|m| m.date).collect();
    let mut newest_first = dates.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, newest_first, "newest first by default");
    // The page's motions come whole: their votes per party too.
    assert!(
        page.items.iter().all(|m| !m.party_votes.is_empty()),
        "party votes"
    );
    let unknown = MotionQuery {
        outcome: "unknown".into(),
        ..Default::default()
    };
    let p = archive
        .motions_page(&unknown, Page::new(0, 5).expect("page"))
        .expect("page");
    assert_eq!(p.total, 90);

    // Bad input is a coded error, not a panic.
    let bad = MotionQuery {
        outcome: "gewonnen".into(),
        ..Default::default()
    };
    let error = archive
        .motions_page(&bad, Page::new(0, 5).expect("page"))
        .expect_err("no such outcome");
    assert_eq!(error.code(), ErrorCode::InvalidInput);
    assert_eq!(
        error.params().get("rule").map(String::as_str),
        Some("outcome")
    );
}

#[test]
fn commitments_page_with_their_counts_over_the_whole_day() {
    let dir = tempfile::tempdir().expect("temp dir");
    let archive = Archive::open(dir.path()).expect("archive");
    for i in 0..75 {
        archive
            .add_commitment(&NewCommitment {
                // Words of their own (alike commitments of one executive are shown as one).
                text: format!(
                    "{}rapport{i}x nota{i}y",
                    if i % 5 == 0 { "zwemvijver " } else { "" }
                ),
                actor: if i % 2 == 0 { "college" } else { "wethouder" }.into(),
                date: day("2024-01-10"),
                due: Some(if i % 3 == 0 {
                    day("2024-03-01")
                } else {
                    day("2025-06-01")
                }),
                due_kind: None,
                source: None,
                quote: None,
            })
            .expect("commitment");
    }
    let as_of = day("2024-06-01");
    let query = CommitmentQuery::default();
    let everything = archive
        .commitments_page(
            as_of,
            &query,
            &CommitmentFilter::default(),
            Page::new(0, 20).expect("page"),
        )
        .expect("page");
    assert_eq!(everything.count, 75);
    assert_eq!(everything.page.total, 75);
    assert_eq!(everything.page.items.len(), 20);
    assert_eq!(
        everything.actors,
        vec!["college".to_owned(), "wethouder".to_owned()]
    );
    let overdue = everything
        .flag_counts
        .iter()
        .find(|(f, _)| *f == Flag::Overdue)
        .map(|(_, n)| *n);
    assert_eq!(overdue, Some(25));

    let filter = CommitmentFilter {
        flag: Some(Flag::Overdue),
        actor: Some("college".into()),
        topic: "ZWEMVIJVER".into(),
        ..Default::default()
    };
    let all = all_pages(2, |page| {
        let p = archive
            .commitments_page(as_of, &query, &filter, page)
            .expect("page");
        assert_eq!(p.count, 75, "the counts stay those of the whole day");
        (p.page.total, p.page.items)
    });
    // i % 2 == 0, i % 3 == 0, i % 5 == 0: 0, 30, 60.
    assert_eq!(all.len(), 3);
    assert!(
        all.iter()
            .all(|c| c.flag == Flag::Overdue && c.actor == "college")
    );
    let whole = archive.commitments(as_of, &query).expect("all");
    let ids: Vec<i64> = all.iter().map(|c| c.id).collect();
    let expected: Vec<i64> = whole
        .iter()
        .filter(|c| filter.keeps(c))
        .map(|c| c.id)
        .collect();
    assert_eq!(ids, expected, "the pages keep the register's order");
}
