//! The commitment register over the example dossier: what motions and promises the executive
//! owes the council, judged as of a given day, and the exports made from it.

use raadsvolger_core::model::{Origin, Status};
use raadsvolger_core::{
    Archive, Commitment, CommitmentQuery, CommitmentUpdate, Flag, NewCommitment, Outcome, export,
};
use raadsvolger_tests::{day, dossier_archive};

fn all(archive: &Archive, as_of: &str) -> Vec<Commitment> {
    archive
        .commitments(day(as_of), &CommitmentQuery::default())
        .expect("commitments")
}

fn with_flag(list: &[Commitment], flag: Flag) -> Vec<&Commitment> {
    list.iter().filter(|c| c.flag == flag).collect()
}

fn find<'a>(list: &'a [Commitment], words: &str) -> &'a Commitment {
    list.iter()
        .find(|c| c.text.contains(words))
        .unwrap_or_else(|| {
            panic!(
                "no commitment with {words:?} in {:?}",
                list.iter().map(|c| &c.text).collect::<Vec<_>>()
            )
        })
}

#[test]
fn the_two_2018_requests_are_overdue_with_their_deadlines_and_quotes() {
    let (_dir, archive) = dossier_archive();
    let list = all(&archive, "2026-11-22");
    let overdue = with_flag(&list, Flag::Overdue);
    let dues: Vec<_> = overdue.iter().map(|c| c.due).collect();
    assert_eq!(
        dues,
        vec![Some(day("2018-07-01")), Some(day("2018-09-01"))],
        "overdue: {overdue:#?}"
    );
    for c in &overdue {
        assert_eq!(c.origin, Origin::Motion);
        assert_eq!(c.actor, "college");
        assert_eq!(c.status, Status::Open);
        assert_eq!(c.source.date, Some(day("2018-03-15")));
        assert!(
            c.source.quote.contains("verzoekt het college")
                || c.source.quote.contains("Verzoekt het college"),
            "quote is the source sentence: {}",
            c.source.quote
        );
        assert!(c.motion.is_some(), "a motion request names its motion");
    }
    let coordinator = find(&list, "zorgcoördinator");
    assert_eq!(coordinator.due, Some(day("2018-09-01")));
    assert!(
        coordinator
            .due_text
            .as_deref()
            .unwrap_or_default()
            .contains("1 september 2018"),
        "{:?}",
        coordinator.due_text
    );
    assert!(coordinator.source.quote.contains("1 september 2018"));
}

#[test]
fn the_promised_plan_of_2021_came_in_2023_and_is_met_late() {
    let (_dir, archive) = dossier_archive();
    let list = all(&archive, "2026-11-22");
    let plan = find(&list, "plan van aanpak");
    assert_eq!(plan.origin, Origin::Promise);
    assert_eq!(plan.actor, "wethouder");
    assert_eq!(plan.due, Some(day("2022-12-31")));
    assert_eq!(plan.status, Status::Met);
    assert_eq!(plan.flag, Flag::MetLate);
    let met_on = plan.status_date.expect("the day it was met");
    assert_eq!(met_on.format("%Y").to_string(), "2023");
    assert!(
        !plan.evidence.is_empty(),
        "the 2023 statement is its evidence"
    );
    assert!(
        plan.history
            .iter()
            .any(|h| h.field == "status" && h.new.as_deref() == Some("met")),
        "{:#?}",
        plan.history
    );

    // Before the plan came, the same promise was overdue; before its deadline, it was open.
    let in_2023 = all(&archive, "2023-01-15");
    assert_eq!(find(&in_2023, "plan van aanpak").flag, Flag::Overdue);
    let in_2022 = all(&archive, "2022-03-01");
    assert_eq!(find(&in_2022, "plan van aanpak").flag, Flag::Open);
}

#[test]
fn promises_without_a_date_have_no_deadline_and_rejected_motions_create_none() {
    let (_dir, archive) = dossier_archive();
    let list = all(&archive, "2026-11-22");
    let province = find(&list, "gemeente Almere te bespreken");
    assert_eq!(province.actor, "provinciaal college");
    assert_eq!(province.flag, Flag::NoDeadline);

    let motions = archive.motions().expect("motions");
    let rejected: Vec<_> = motions
        .iter()
        .filter(|m| m.outcome == Some(Outcome::Verworpen))
        .collect();
    assert_eq!(rejected.len(), 1, "{motions:#?}");
    let rejected_doc = rejected[0].document_id.expect("its own document");
    assert!(
        list.iter()
            .all(|c| c.source.document_id != Some(rejected_doc)),
        "a rejected motion's requests are not commitments"
    );
}

#[test]
fn flags_depend_on_the_day_asked_for_not_on_the_clock() {
    let (_dir, archive) = dossier_archive();
    // Commitments made later do not exist yet on an earlier day.
    let in_2018 = all(&archive, "2018-06-15");
    assert!(
        in_2018
            .iter()
            .all(|c| c.source.date <= Some(day("2018-06-15"))),
        "{in_2018:#?}"
    );
    let proposal = in_2018
        .iter()
        .find(|c| c.due == Some(day("2018-07-01")))
        .expect("the proposal request exists in June 2018");
    assert_eq!(proposal.flag, Flag::DueSoon, "due within 30 days");
    let coordinator = find(&in_2018, "zorgcoördinator");
    assert_eq!(coordinator.flag, Flag::Open);

    let in_2019 = all(&archive, "2019-01-01");
    assert_eq!(with_flag(&in_2019, Flag::Overdue).len(), 2);

    // The query filters by flag and actor.
    let only_overdue = archive
        .commitments(
            day("2026-11-22"),
            &CommitmentQuery {
                flags: vec![Flag::Overdue],
                ..Default::default()
            },
        )
        .expect("filtered");
    assert_eq!(only_overdue.len(), 2);
    let wethouder = archive
        .commitments(
            day("2026-11-22"),
            &CommitmentQuery {
                actor: Some("wethouder".into()),
                ..Default::default()
            },
        )
        .expect("filtered");
    assert!(!wethouder.is_empty());
    assert!(wethouder.iter().all(|c| c.actor == "wethouder"));
}

#[test]
fn setting_a_status_with_evidence_changes_the_flag_and_keeps_history() {
    let (_dir, archive) = dossier_archive();
    let list = all(&archive, "2026-11-22");
    let coordinator = find(&list, "zorgcoördinator").clone();
    let hits = archive
        .search(&raadsvolger_core::SearchRequest::new("zorgcoördinator"))
        .expect("search");
    let evidence_doc = hits
        .hits
        .iter()
        .find(|h| Some(h.id) != coordinator.source.document_id)
        .expect("another document mentions the coordinator")
        .id;

    // Without a date the change is refused, and nothing is written.
    let refused = archive.update_commitment(
        coordinator.id,
        &CommitmentUpdate {
            status: Some(Status::Met),
            ..Default::default()
        },
    );
    assert!(refused.is_err());
    assert_eq!(
        archive
            .commitment(coordinator.id, day("2026-11-22"))
            .expect("still there")
            .flag,
        Flag::Overdue
    );

    archive
        .update_commitment(
            coordinator.id,
            &CommitmentUpdate {
                status: Some(Status::Met),
                date: Some(day("2019-03-01")),
                evidence: Some(evidence_doc),
                passage: Some("De zorgcoördinator is aangesteld.".into()),
                note: Some("bevestigd door de griffie".into()),
                ..Default::default()
            },
        )
        .expect("update");
    let after = archive
        .commitment(coordinator.id, day("2026-11-22"))
        .expect("commitment");
    assert_eq!(after.status, Status::Met);
    assert_eq!(after.flag, Flag::MetLate, "met after 1 September 2018");
    assert_eq!(after.evidence.len(), 1);
    assert_eq!(after.evidence[0].document_id, evidence_doc);
    assert_eq!(after.note.as_deref(), Some("bevestigd door de griffie"));
    let change = after
        .history
        .iter()
        .find(|h| h.field == "status")
        .expect("history entry");
    assert_eq!(change.date, day("2019-03-01"));
    assert_eq!(change.old.as_deref(), Some("open"));
    assert_eq!(change.new.as_deref(), Some("met"));

    // As of a day before the change it was still overdue: the history is honoured.
    let before = archive
        .commitment(coordinator.id, day("2019-01-01"))
        .expect("commitment");
    assert_eq!(before.flag, Flag::Overdue);

    // A new deadline is a change too, with its reason.
    let proposal = find(&list, "voorstel aan de raad").clone();
    archive
        .update_commitment(
            proposal.id,
            &CommitmentUpdate {
                due: Some(day("2027-01-01")),
                date: Some(day("2026-11-01")),
                reason: Some("uitstel gevraagd in de commissie".into()),
                ..Default::default()
            },
        )
        .expect("new deadline");
    let moved = archive
        .commitment(proposal.id, day("2026-11-22"))
        .expect("commitment");
    assert_eq!(moved.due, Some(day("2027-01-01")));
    assert_eq!(moved.flag, Flag::Open);
    assert!(
        moved
            .history
            .iter()
            .any(|h| h.field == "due" && h.reason.contains("uitstel"))
    );
    // Reopening the archive keeps every change: SQLite is the source of truth.
    let path = archive.dir().to_path_buf();
    drop(archive);
    let reopened = Archive::open(&path).expect("reopen");
    assert_eq!(
        reopened
            .commitment(coordinator.id, day("2026-11-22"))
            .expect("commitment")
            .flag,
        Flag::MetLate
    );
}

#[test]
fn commitments_added_by_hand_are_tracked_like_the_others() {
    let (_dir, archive) = dossier_archive();
    let id = archive
        .add_commitment(&NewCommitment {
            text: "de raad vóór de zomer te informeren over de opvangplekken".into(),
            actor: "burgemeester".into(),
            date: day("2024-02-01"),
            due: Some(day("2024-07-01")),
            due_kind: None,
            source: None,
            quote: None,
        })
        .expect("added");
    let c = archive.commitment(id, day("2026-11-22")).expect("found");
    assert_eq!(c.origin, Origin::Manual);
    assert_eq!(c.actor, "burgemeester");
    assert_eq!(c.flag, Flag::Overdue);
    assert!(
        archive
            .add_commitment(&NewCommitment {
                text: "  ".into(),
                actor: "college".into(),
                date: day("2024-02-01"),
                due: None,
                due_kind: None,
                source: None,
                quote: None,
            })
            .is_err(),
        "an empty text is refused"
    );
    assert!(
        archive
            .add_commitment(&NewCommitment {
                text: "iets".into(),
                actor: "college".into(),
                date: day("2024-02-01"),
                due: None,
                due_kind: None,
                source: Some(999_999),
                quote: None,
            })
            .is_err(),
        "a source document that does not exist is refused"
    );
}

#[test]
fn open_commitments_get_evidence_suggestions_from_later_documents() {
    let (_dir, archive) = dossier_archive();
    let list = all(&archive, "2026-11-22");
    let coordinator = find(&list, "zorgcoördinator");
    let suggestions = archive
        .evidence_suggestions(coordinator.id)
        .expect("suggestions");
    assert!(!suggestions.is_empty());
    for s in &suggestions {
        assert_ne!(Some(s.document_id), coordinator.source.document_id);
        assert!(s.date > coordinator.source.date, "{s:?}");
    }
    // Suggestions are never applied by themselves.
    assert_eq!(
        archive
            .commitment(coordinator.id, day("2026-11-22"))
            .expect("c")
            .flag,
        Flag::Overdue
    );
}

#[test]
fn motions_carry_number_outcome_votes_and_submitters() {
    let (_dir, archive) = dossier_archive();
    let motions = archive.motions().expect("motions");
    let by_number = |n: &str| {
        motions
            .iter()
            .find(|m| m.number.as_deref() == Some(n))
            .unwrap_or_else(|| panic!("no {n} in {motions:#?}"))
    };
    let amended = by_number("23161.001");
    assert_eq!(amended.outcome, Some(Outcome::Aangenomen));
    assert_eq!(
        (amended.votes_for, amended.votes_against),
        (Some(34), Some(4))
    );
    assert!(!amended.unanimous);
    assert!(
        amended
            .submitters
            .iter()
            .any(|s| s.contains("ChristenUnie")),
        "{:?}",
        amended.submitters
    );
    let proposal = by_number("23161");
    assert_eq!(
        (proposal.votes_for, proposal.votes_against),
        (Some(38), Some(0))
    );
    assert!(proposal.unanimous);

    let rejected = motions
        .iter()
        .find(|m| m.outcome == Some(Outcome::Verworpen))
        .expect("the 2019 motion");
    assert_eq!(
        (rejected.votes_for, rejected.votes_against),
        (Some(17), Some(23))
    );
    let first = motions
        .iter()
        .find(|m| m.date == Some(day("2018-03-15")) && m.title.contains("Aanpak Mensenhandel"))
        .expect("the 2018 motion");
    // The decision list of that meeting also records its decisions on proposals.
    assert!(
        motions
            .iter()
            .any(|m| m.kind == raadsvolger_core::DocKind::Raadsvoorstel
                && m.title.contains("Stadshart")
                && (m.votes_for, m.votes_against) == (Some(36), Some(7)))
    );
    assert_eq!(first.outcome, Some(Outcome::Aangenomen));
    assert!(first.unanimous);
    assert!(first.submitters.iter().any(|s| s.contains("PvdA")));
}

#[test]
fn csv_export_opens_in_a_dutch_spreadsheet() {
    let (_dir, archive) = dossier_archive();
    let list = all(&archive, "2026-11-22");
    let csv = export::csv(&list);
    assert!(csv.starts_with('\u{feff}'), "byte-order mark for Excel");
    let mut lines = csv.trim_start_matches('\u{feff}').split("\r\n");
    let header = lines.next().expect("header");
    assert!(header.starts_with("id;tekst;actor;termijn"));
    let columns = header.split(';').count();
    let rows: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
    assert_eq!(rows.len(), list.len());
    let overdue_rows = rows.iter().filter(|r| r.contains(";overdue;")).count();
    assert_eq!(overdue_rows, 2, "{rows:#?}");
    // Every row has as many fields as the header (quoted fields may hold `;`).
    for row in &rows {
        assert_eq!(split_csv(row).len(), columns, "{row}");
    }
}

/// Splits one CSV line on `;` outside quotes.
fn split_csv(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().expect("field").push('"');
            }
            '"' => quoted = !quoted,
            ';' if !quoted => fields.push(String::new()),
            c => fields.last_mut().expect("field").push(c),
        }
    }
    fields
}

#[test]
fn calendar_export_holds_only_open_deadlines_and_parses() {
    use icalendar::{Calendar, CalendarComponent, Component};

    let (_dir, archive) = dossier_archive();
    let list = all(&archive, "2026-11-22");
    let ics = export::ics(&list, "20261122T120000Z");
    assert!(
        ics.lines().all(|l| l.len() <= 75),
        "lines folded at 75 octets"
    );
    let calendar: Calendar = ics.parse().expect("RFC 5545 parses");
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    let with_open_due = list
        .iter()
        .filter(|c| c.due.is_some() && matches!(c.status, Status::Open | Status::PartlyMet))
        .count();
    assert_eq!(events.len(), with_open_due);
    assert_eq!(events.len(), 2);
    let summaries: Vec<_> = events.iter().filter_map(|e| e.get_summary()).collect();
    assert!(
        summaries.iter().any(|s| s.contains("zorgcoördinator")),
        "{summaries:?}"
    );
    assert!(ics.contains("DTSTART;VALUE=DATE:20180901"), "{ics}");
    assert!(ics.contains("TRIGGER:-P7D"));
}

#[test]
fn the_council_report_marks_overdue_items_and_lists_the_motions() {
    let (_dir, archive) = dossier_archive();
    let list = all(&archive, "2026-11-22");
    let motions = archive.motions().expect("motions");
    let md = export::report_markdown(
        &list,
        &motions,
        day("2026-11-22"),
        "Lijst van toezeggingen en moties",
    );
    assert!(md.starts_with("# Lijst van toezeggingen en moties"));
    assert!(md.contains("22 november 2026"));
    assert!(md.contains("termijn verstreken"));
    assert!(md.contains("1 september 2018"));
    assert!(md.contains("23161.001"));
    let html = export::report_html(&md, "Lijst van toezeggingen en moties");
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("<table>"));
    assert!(!html.contains("<script"));
}

/// A council's own recess dates the season deadlines that no one set by hand, and its "nadert"
/// days decide when a deadline approaches; a bad recess is refused and nothing changes.
#[test]
fn the_councils_recess_dates_its_season_deadlines_and_its_days_make_them_approach() {
    let (_dir, archive) = raadsvolger_tests::empty_archive();
    let letter = "---\ntitle: Raadsinformatiebrief speeltuinen\nkind: raadsinformatiebrief\ndate: 2026-02-02\n---\n\n\
        Wij zeggen toe dat wij u voor het zomerreces een overzicht van de speeltuinen sturen.\n\n\
        Verder zeggen wij toe dat wij u na het zomerreces informeren over de planning van het onderhoud.\n";
    let report = archive
        .import_bytes(
            "speeltuinen.md",
            letter.as_bytes(),
            &mut raadsvolger_core::import::NoProgress,
        )
        .expect("imports");
    assert_eq!(
        report.imported().count(),
        1,
        "{:?}",
        report.failed().collect::<Vec<_>>()
    );
    let due_of = |archive: &Archive, words: &str| find(&all(archive, "2026-06-25"), words).due;
    assert_eq!(
        due_of(&archive, "overzicht van de speeltuinen"),
        Some(day("2026-07-01"))
    );
    assert_eq!(
        due_of(&archive, "planning van het onderhoud"),
        Some(day("2026-09-30"))
    );
    let before = find(&all(&archive, "2026-06-25"), "overzicht van de speeltuinen").flag;
    assert_eq!(before, Flag::DueSoon);

    let mut settings = archive.council_settings().expect("settings");
    settings.recesses = vec![raadsvolger_core::settings::Recess {
        name: "zomerreces".into(),
        start: "07-11".into(),
        end: "08-23".into(),
    }];
    settings.due_soon_days = 10;
    archive.set_council_settings(&settings).expect("saved");
    assert_eq!(
        due_of(&archive, "overzicht van de speeltuinen"),
        Some(day("2026-07-11"))
    );
    assert_eq!(
        due_of(&archive, "planning van het onderhoud"),
        Some(day("2026-09-22"))
    );
    // 16 days ahead, with 10 "nadert" days: not yet approaching.
    let after = find(&all(&archive, "2026-06-25"), "overzicht van de speeltuinen").flag;
    assert_eq!(after, Flag::Open);

    let mut bad = settings.clone();
    bad.recesses[0].end = "08-32".into();
    let err = archive.set_council_settings(&bad).expect_err("refused");
    assert!(err.to_string().contains("zomerreces: end"), "{err}");
    assert_eq!(archive.council_settings().expect("settings"), settings);
}

#[test]
fn a_request_of_a_motion_whose_outcome_is_unknown_is_shown_as_such() {
    let work = tempfile::tempdir().expect("temp dir");
    let pages = work.path().join("p");
    std::fs::create_dir(&pages).expect("pages folder");
    std::fs::write(
        pages.join("motie.txt"),
        "Motie Bankjes langs het kanaal\n\n\
         De raad van de gemeente Ergens, in vergadering bijeen op 12 maart 2024,\n\n\
         overwegende dat er langs het kanaal nergens een plek is om even te rusten;\n\n\
         verzoekt het college:\n\n\
         • vóór 1 oktober 2024 een plan voor tien bankjes langs het kanaal aan de raad voor te leggen.\n\n\
         en gaat over tot de orde van de dag.\n",
    )
    .expect("write the motion");
    let archive = Archive::open(work.path().join("a")).expect("open archive");
    archive
        .import_paths(
            &[pages],
            &raadsvolger_core::ImportOptions::default(),
            &mut raadsvolger_core::import::NoProgress,
        )
        .expect("import");
    let list = all(&archive, "2026-11-22");
    let c = find(&list, "bankjes");
    assert_eq!(c.due, Some(day("2024-10-01")));
    assert_eq!(
        c.note.as_deref(),
        Some(raadsvolger_core::commitments::OUTCOME_UNKNOWN),
        "{c:#?}"
    );
}

/// A letter that retells what an adopted motion asked and takes the motion as done: the
/// request is met on the letter's day, not overdue; what the letter says the executive will do
/// is a promise.
#[test]
fn a_letter_that_takes_a_motion_as_done_meets_the_request_it_retells() {
    let (_dir, archive) = raadsvolger_tests::empty_archive();
    let letter = "Raadsinformatiebrief\n\nOnderwerp: Uitvoering motie Meer bankjes\nDatum: 2 december 2021\n\n\
        Geachte leden van de raad,\n\n\
        In de raadsvergadering van 11 maart 2021 heeft u de motie Meer bankjes aangenomen. Daarin verzoekt u ons om in 2021 twintig bankjes langs de wandelroutes te plaatsen.\n\n\
        Er staan er nu tweeëntwintig. Daarmee beschouwen wij de motie als afgedaan. Wij zullen u voor 1 maart 2022 informeren over het onderhoud van de bankjes.\n\n\
        Met vriendelijke groet,\nburgemeester en wethouders\n";
    archive
        .import_bytes(
            "bankjes.txt",
            letter.as_bytes(),
            &mut raadsvolger_core::import::NoProgress,
        )
        .expect("imports");
    let list = all(&archive, "2026-12-07");
    let request = find(&list, "bankjes langs de wandelroutes");
    assert_eq!(request.due, Some(day("2021-12-31")));
    assert_eq!(request.flag, Flag::MetOnTime, "{request:#?}");
    // What the letter says the executive will do is a promise of its own.
    let upkeep = find(&list, "onderhoud van de bankjes");
    assert_eq!(upkeep.due, Some(day("2022-03-01")));
    assert_eq!(upkeep.origin, Origin::Promise);
}
