//! A real decision list as a PDF (Den Helder, 29 June 2015, from `../shared/realdata`), read at
//! run time: its decisions, its amendments with their outcome, the motion carried in a roll
//! call with its count, and the promises made at the meeting.

use chrono::NaiveDate;
use raadsvolger_core::import::NoProgress;
use raadsvolger_core::{Archive, CommitmentQuery, DocKind, ImportOptions, Outcome};
use raadsvolger_tests::shared;

#[test]
fn the_den_helder_decision_list_of_29_june_2015() {
    let dir = tempfile::tempdir().expect("temp dir");
    let archive = Archive::open(dir.path()).expect("open");
    let pdf = shared("realdata/ori-openstate/Besluitenlijst-raadsvergadering-29-juni-2015.pdf");
    let report = archive
        .import_paths(&[pdf], &ImportOptions::default(), &mut NoProgress)
        .expect("import");
    let doc = report.imported().next().expect("imported");
    assert_eq!(doc.kind, DocKind::Besluitenlijst);
    assert_eq!(
        doc.date,
        NaiveDate::from_ymd_opt(2015, 6, 29),
        "the date in its title"
    );

    let motions = archive.motions().expect("motions");
    let proposals = motions
        .iter()
        .filter(|m| m.kind == DocKind::Raadsvoorstel)
        .count();
    assert_eq!(
        proposals, 10,
        "one decision per item that decides something"
    );
    let against = motions
        .iter()
        .find(|m| m.title.contains("statutenwijziging"))
        .expect("item 13");
    assert!(!against.unanimous);
    assert_eq!(
        against.parties_against.len(),
        2,
        "{:?}",
        against.parties_against
    );

    let a81 = motions
        .iter()
        .find(|m| m.number.as_deref() == Some("A8.1"))
        .expect("amendment A8.1");
    assert_eq!(
        (a81.kind, a81.outcome),
        (DocKind::Amendement, Some(Outcome::Aangenomen))
    );
    assert_eq!(a81.parties_against.len(), 4, "{:?}", a81.parties_against);
    assert_eq!(a81.submitters, ["ChristenUnie"]);
    let a91 = motions
        .iter()
        .find(|m| m.number.as_deref() == Some("A9.1"))
        .expect("amendment A9.1");
    assert_eq!(
        a91.outcome,
        Some(Outcome::Aangehouden),
        "held over after a promise"
    );

    let roll_call = motions
        .iter()
        .find(|m| m.kind == DocKind::Motie)
        .expect("the motion of item 16");
    assert_eq!(roll_call.outcome, Some(Outcome::Aangenomen));
    assert_eq!(
        (roll_call.votes_for, roll_call.votes_against),
        (Some(16), Some(14))
    );
    assert_eq!(
        roll_call.votes.last().and_then(|v| v.method.as_deref()),
        Some("hoofdelijk")
    );
    assert_eq!(roll_call.member_votes.len(), 30);
    let voor = roll_call
        .member_votes
        .iter()
        .filter(|v| v.option == "voor")
        .count();
    assert_eq!(voor, 16);
    assert_eq!(roll_call.parties_for.len(), 6);
    assert_eq!(roll_call.parties_against.len(), 5);

    let promises = archive
        .commitments(
            NaiveDate::from_ymd_opt(2015, 7, 1).expect("day"),
            &CommitmentQuery::default(),
        )
        .expect("commitments");
    assert_eq!(promises.len(), 2, "{promises:#?}");
    assert!(
        promises
            .iter()
            .any(|c| c.actor == "wethouder" && c.text.contains("app"))
    );
    assert!(
        promises
            .iter()
            .any(|c| c.actor == "burgemeester" && c.text.contains("raadsinformatiebrief"))
    );
    // A question that asks the college to promise is not a promise.
    assert!(
        promises
            .iter()
            .all(|c| !c.source.quote.contains("kan het college"))
    );
}
