//! The register's commands: meetings, agenda items, motions and votes, documents' corrections,
//! Popolo. Each is a few lines around one core call.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::Subcommand;
use raadsvolger_core::register::{MeetingDetail, MotionEdit};
use raadsvolger_core::{
    AgendaItem, Archive, DocKind, DocumentEdit, Meeting, MeetingEdit, MeetingStatus, Motion,
    NamedDocument, NewAgendaItem, NewMeeting, NewMotion, NewVote, Outcome,
};

use crate::{parse_day, print_json};

#[derive(Subcommand)]
pub enum MeetingAction {
    /// Create a meeting
    Add {
        /// Gemeenteraad, a committee, Politieke Markt, Provinciale Staten, ...
        #[arg(long)]
        body: String,
        #[arg(long, value_name = "DATE")]
        date: String,
        /// Start time (19:30)
        #[arg(long)]
        time: Option<String>,
        #[arg(long)]
        end_time: Option<String>,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        location: Option<String>,
        /// planned, held or cancelled
        #[arg(long)]
        status: Option<String>,
    },
    /// Change a meeting (a new date moves the deadlines dated from it)
    Edit {
        id: i64,
        #[arg(long)]
        body: Option<String>,
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        #[arg(long)]
        time: Option<String>,
        #[arg(long)]
        end_time: Option<String>,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        location: Option<String>,
        #[arg(long)]
        status: Option<String>,
    },
    /// Call a meeting off (it stays, marked cancelled)
    Cancel { id: i64 },
    /// Remove a meeting and its agenda (documents stay)
    Delete { id: i64 },
    /// A meeting with its agenda: documents, motions, outcomes and votes per item
    Show { id: i64 },
    /// The meeting's decision list (Markdown; with -o FILE also FILE.html)
    Report {
        id: i64,
        #[arg(long, short, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum AgendaAction {
    /// Add an agenda item to a meeting
    Add {
        meeting: i64,
        #[arg(long)]
        title: String,
        /// As written: 3, 8a, 3.2
        #[arg(long)]
        number: Option<String>,
        /// Nest it under this item
        #[arg(long, value_name = "ITEM_ID")]
        parent: Option<i64>,
        #[arg(long)]
        description: Option<String>,
        /// Its place among its siblings (0 = first)
        #[arg(long)]
        position: Option<i64>,
        /// A document of the archive to put on it (repeatable)
        #[arg(long = "document", value_name = "DOC_ID")]
        documents: Vec<i64>,
    },
    /// Renumber, rename or describe an item
    Edit {
        id: i64,
        #[arg(long)]
        number: Option<String>,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        description: Option<String>,
    },
    /// Move an item to a place among its siblings (0 = first)
    Move { id: i64, position: i64 },
    /// Remove an item and its sub-items
    Delete { id: i64 },
    /// Put a document on an item (role: voorstel, bijlage, motie, besluitenlijst, verslag, brief)
    Attach {
        id: i64,
        document: i64,
        #[arg(long)]
        role: Option<String>,
    },
    /// Take a document off an item
    Detach { id: i64, document: i64 },
}

#[derive(Subcommand)]
pub enum MotionAction {
    /// Enter a motion, amendment or council proposal by hand
    Add {
        #[arg(long)]
        title: String,
        #[arg(long)]
        number: Option<String>,
        /// motie, amendement, raadsvoorstel, initiatiefvoorstel
        #[arg(long)]
        kind: Option<String>,
        /// The day it was submitted
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// "Naam (Partij)" or a party; the first submits, the others co-sign (repeatable)
        #[arg(long = "submitter")]
        submitters: Vec<String>,
        #[arg(long, value_name = "ID")]
        agenda_item: Option<i64>,
        #[arg(long, value_name = "DOC_ID")]
        document: Option<i64>,
    },
    /// Correct a motion (kept through re-extraction)
    Edit {
        id: i64,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        number: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        #[arg(long, value_name = "ID")]
        agenda_item: Option<i64>,
        #[arg(long, value_name = "DOC_ID")]
        document: Option<i64>,
        #[arg(long = "submitter")]
        submitters: Vec<String>,
    },
    /// Record a vote and/or an outcome
    Vote {
        id: i64,
        #[arg(long, value_name = "DATE")]
        date: String,
        #[arg(long = "for", value_name = "N")]
        votes_for: Option<u32>,
        #[arg(long = "against", value_name = "N")]
        votes_against: Option<u32>,
        #[arg(long, value_name = "N")]
        abstained: Option<u32>,
        #[arg(long, conflicts_with = "votes_against")]
        unanimous: bool,
        /// "voor: CU, PvdA, VVD; tegen: PVV"
        #[arg(long)]
        party_votes: Option<String>,
        /// "voor: A. Jansen (D66); tegen: B. Smit (PVV)"
        #[arg(long)]
        member_votes: Option<String>,
        /// aangenomen, verworpen, aangehouden, ingetrokken
        #[arg(long)]
        outcome: Option<String>,
        /// hoofdelijk, handopsteken, zonder stemming, bij acclamatie
        #[arg(long)]
        method: Option<String>,
        #[arg(long, value_name = "MEETING_ID")]
        meeting: Option<i64>,
        #[arg(long)]
        note: Option<String>,
    },
    /// One motion with its history and votes
    Show { id: i64 },
    /// Remove a motion from the register
    Delete { id: i64 },
}

#[derive(Subcommand)]
pub enum DocumentAction {
    /// Correct a document (kept through new versions, reindex and re-extraction)
    Edit {
        id: i64,
        #[arg(long)]
        title: Option<String>,
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        number: Option<String>,
        /// The parties it names (repeatable; replaces the found ones)
        #[arg(long = "party")]
        parties: Vec<String>,
        /// Put it on this agenda item
        #[arg(long, value_name = "ITEM_ID")]
        agenda_item: Option<i64>,
    },
    /// Delete a document and what was extracted from it
    Delete { id: i64 },
    /// The versions of a document
    Versions { id: i64 },
}

fn kind(s: &str) -> Result<DocKind> {
    let s = if s.eq_ignore_ascii_case("initiatiefvoorstel") {
        "raadsvoorstel"
    } else {
        s
    };
    DocKind::parse(s)
        .with_context(|| format!("unknown kind {s:?}; known kinds: {}", DocKind::all_keys()))
}

fn status(s: &str) -> Result<MeetingStatus> {
    MeetingStatus::parse(s)
        .with_context(|| format!("unknown meeting status {s:?}; use planned, held or cancelled"))
}

fn date_opt(s: Option<String>) -> Result<Option<NaiveDate>> {
    s.as_deref().map(parse_day).transpose()
}

fn meeting_line(m: &Meeting) -> String {
    format!(
        "#{:<4} {} {:<5} {:<22} {}{}",
        m.id,
        m.date,
        m.time.as_deref().unwrap_or(""),
        m.body,
        m.title.as_deref().unwrap_or(""),
        if m.status == MeetingStatus::Cancelled {
            " (geannuleerd)"
        } else {
            ""
        }
    )
}

pub fn meetings(
    archive: &Archive,
    from: Option<String>,
    to: Option<String>,
    json: bool,
) -> Result<()> {
    let list = archive.meetings(date_opt(from)?, date_opt(to)?)?;
    if json {
        return print_json(&list);
    }
    let mut out = std::io::stdout().lock();
    for m in &list {
        writeln!(
            out,
            "{}  ({} agendapunten)",
            meeting_line(m),
            m.agenda_items
        )?;
    }
    if list.is_empty() {
        writeln!(out, "Geen vergaderingen.")?;
    }
    Ok(())
}

fn print_item(out: &mut impl Write, item: &AgendaItem, depth: usize) -> Result<()> {
    let pad = "  ".repeat(depth + 1);
    writeln!(
        out,
        "{pad}{} {}  [#{}]",
        item.number.as_deref().unwrap_or("-"),
        item.title,
        item.id
    )?;
    for d in &item.documents {
        writeln!(out, "{pad}    document #{} {} ({})", d.id, d.title, d.role)?;
    }
    print_named(out, &format!("{pad}    "), &item.not_downloaded)?;
    for m in &item.motions {
        writeln!(
            out,
            "{pad}    {} #{} {} {}: {}",
            m.kind.label_nl(),
            m.id,
            m.number.as_deref().unwrap_or(""),
            m.title,
            m.outcome.map(|o| o.as_str()).unwrap_or("geen uitslag")
        )?;
    }
    for sub in &item.items {
        print_item(out, sub, depth + 1)?;
    }
    Ok(())
}

fn print_meeting(m: &MeetingDetail, json: bool) -> Result<()> {
    if json {
        return print_json(m);
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", meeting_line(&m.meeting))?;
    if let Some(l) = &m.meeting.location {
        writeln!(out, "      {l}")?;
    }
    for d in &m.documents {
        writeln!(out, "      stuk #{} {}", d.id, d.title)?;
    }
    print_named(&mut out, "      ", &m.not_downloaded)?;
    for item in &m.agenda {
        print_item(&mut out, item, 0)?;
    }
    Ok(())
}

pub fn meeting(archive: &Archive, action: MeetingAction, json: bool) -> Result<()> {
    match action {
        MeetingAction::Add {
            body,
            date,
            time,
            end_time,
            title,
            location,
            status: st,
        } => {
            let m = archive.add_meeting(&NewMeeting {
                body,
                date: parse_day(&date)?,
                time,
                end_time,
                title,
                location,
                status: st.as_deref().map(status).transpose()?,
            })?;
            if json {
                return print_json(&m);
            }
            println!("{}", meeting_line(&m));
            Ok(())
        }
        MeetingAction::Edit {
            id,
            body,
            date,
            time,
            end_time,
            title,
            location,
            status: st,
        } => {
            let m = archive.edit_meeting(
                id,
                &MeetingEdit {
                    body,
                    date: date_opt(date)?,
                    time,
                    end_time,
                    title,
                    location,
                    status: st.as_deref().map(status).transpose()?,
                },
            )?;
            if json {
                return print_json(&m);
            }
            println!("{}", meeting_line(&m));
            Ok(())
        }
        MeetingAction::Cancel { id } => {
            let m = archive.cancel_meeting(id)?;
            if json {
                return print_json(&m);
            }
            println!("{}", meeting_line(&m));
            Ok(())
        }
        MeetingAction::Delete { id } => {
            archive.delete_meeting(id)?;
            done(json, id)
        }
        MeetingAction::Show { id } => print_meeting(&archive.meeting(id)?, json),
        MeetingAction::Report { id, out } => {
            let md = archive.meeting_report(id)?;
            match &out {
                Some(path) => {
                    raadsvolger_core::files::write_whole(path, md.as_bytes())?;
                    let html = raadsvolger_core::export::report_html(&md, "Besluitenlijst");
                    let html_path = path.with_extension("html");
                    raadsvolger_core::files::write_whole(&html_path, html.as_bytes())?;
                    if json {
                        print_json(&serde_json::json!({"written": path, "html": html_path}))?;
                    }
                }
                None => print!("{md}"),
            }
            Ok(())
        }
    }
}

fn done(json: bool, id: i64) -> Result<()> {
    if json {
        return print_json(&serde_json::json!({"id": id, "ok": true}));
    }
    println!("ok");
    Ok(())
}

fn print_agenda_item(item: &AgendaItem, json: bool) -> Result<()> {
    if json {
        return print_json(item);
    }
    print_item(&mut std::io::stdout().lock(), item, 0)
}

pub fn agenda(archive: &Archive, action: AgendaAction, json: bool) -> Result<()> {
    match action {
        AgendaAction::Add {
            meeting,
            title,
            number,
            parent,
            description,
            position,
            documents,
        } => {
            let item = archive.add_agenda_item(&NewAgendaItem {
                meeting_id: meeting,
                title,
                number,
                parent_id: parent,
                description,
                position,
                documents,
            })?;
            print_agenda_item(&item, json)
        }
        AgendaAction::Edit {
            id,
            number,
            title,
            description,
        } => {
            let item = archive.edit_agenda_item(
                id,
                number.as_deref(),
                title.as_deref(),
                description.as_deref(),
            )?;
            print_agenda_item(&item, json)
        }
        AgendaAction::Move { id, position } => {
            archive.move_agenda_item(id, position)?;
            print_agenda_item(&archive.agenda_item(id)?, json)
        }
        AgendaAction::Delete { id } => {
            archive.delete_agenda_item(id)?;
            done(json, id)
        }
        AgendaAction::Attach { id, document, role } => {
            archive.attach_document(id, document, role.as_deref())?;
            print_agenda_item(&archive.agenda_item(id)?, json)
        }
        AgendaAction::Detach { id, document } => {
            archive.detach_document(id, document)?;
            print_agenda_item(&archive.agenda_item(id)?, json)
        }
    }
}

fn print_motion(m: &Motion, json: bool) -> Result<()> {
    if json {
        return print_json(m);
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "#{} {} {} {}",
        m.id,
        m.kind.label_nl(),
        m.number.as_deref().unwrap_or(""),
        m.title
    )?;
    writeln!(
        out,
        "  uitslag: {}",
        m.outcome.map(|o| o.as_str()).unwrap_or("onbekend")
    )?;
    if !m.submitters.is_empty() {
        writeln!(out, "  ingediend door: {}", m.submitters.join(", "))?;
    }
    for h in &m.outcome_history {
        writeln!(
            out,
            "  {} {} ({})",
            h.date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "----------".into()),
            h.outcome,
            h.source
        )?;
    }
    for v in &m.votes {
        let counts = match (v.votes_for, v.votes_against) {
            (Some(f), Some(a)) => format!("{f} voor, {a} tegen"),
            _ if v.unanimous => "unaniem".into(),
            _ => "geen aantallen".into(),
        };
        writeln!(
            out,
            "  stemming {}: {counts}",
            v.date.map(|d| d.to_string()).unwrap_or_default()
        )?;
        for p in &v.party_votes {
            writeln!(out, "    {} {}", p.option, p.party)?;
        }
    }
    if let Some(id) = m.document_id {
        writeln!(out, "  tekst: document #{id}")?;
    }
    print_named(&mut out, "  ", &m.not_downloaded)?;
    Ok(())
}

/// The documents a register names that are not downloaded yet: title, address, and that they
/// are not in the archive yet (or why the last download failed).
fn print_named(out: &mut impl Write, pad: &str, named: &[NamedDocument]) -> Result<()> {
    for d in named {
        let state = match (d.status.as_str(), &d.error) {
            ("failed", Some(e)) => format!("download mislukt: {e}"),
            ("failed", None) => "download mislukt".to_owned(),
            _ => "nog niet gedownload".to_owned(),
        };
        writeln!(out, "{pad}document {} <{}> ({state})", d.title, d.url)?;
    }
    Ok(())
}

pub fn motion(archive: &Archive, action: MotionAction, json: bool) -> Result<()> {
    match action {
        MotionAction::Add {
            title,
            number,
            kind: k,
            date,
            submitters,
            agenda_item,
            document,
        } => {
            let m = archive.add_motion(&NewMotion {
                title,
                number,
                kind: k.as_deref().map(kind).transpose()?,
                date: date_opt(date)?,
                submitters,
                agenda_item_id: agenda_item,
                document_id: document,
            })?;
            print_motion(&m, json)
        }
        MotionAction::Edit {
            id,
            title,
            number,
            kind: k,
            date,
            agenda_item,
            document,
            submitters,
        } => {
            let m = archive.edit_motion(
                id,
                &MotionEdit {
                    title,
                    number,
                    kind: k.as_deref().map(kind).transpose()?,
                    date: date_opt(date)?,
                    agenda_item_id: agenda_item,
                    document_id: document,
                    submitters: (!submitters.is_empty()).then_some(submitters),
                },
            )?;
            print_motion(&m, json)
        }
        MotionAction::Vote {
            id,
            date,
            votes_for,
            votes_against,
            abstained,
            unanimous,
            party_votes,
            member_votes,
            outcome,
            method,
            meeting,
            note,
        } => {
            let outcome = outcome
                .map(|o| {
                    Outcome::parse(&o).with_context(|| {
                        format!(
                            "unknown outcome {o:?}; use aangenomen, verworpen, aangehouden or ingetrokken"
                        )
                    })
                })
                .transpose()?;
            let m = archive.record_vote(
                id,
                &NewVote {
                    date: parse_day(&date)?,
                    meeting_id: meeting,
                    method,
                    votes_for,
                    votes_against: votes_against.or(unanimous.then_some(0)),
                    abstained,
                    absent: None,
                    unanimous,
                    party_votes,
                    member_votes,
                    outcome,
                    note,
                },
            )?;
            print_motion(&m, json)
        }
        MotionAction::Show { id } => print_motion(&archive.motion(id)?, json),
        MotionAction::Delete { id } => {
            archive.delete_motion(id)?;
            done(json, id)
        }
    }
}

pub fn document(archive: &Archive, action: DocumentAction, json: bool) -> Result<()> {
    match action {
        DocumentAction::Edit {
            id,
            title,
            date,
            kind: k,
            number,
            parties,
            agenda_item,
        } => {
            let edit = DocumentEdit {
                title,
                date: date_opt(date)?,
                kind: k.as_deref().map(kind).transpose()?,
                council_number: number,
                parties: (!parties.is_empty()).then_some(parties),
            };
            let doc = if edit == DocumentEdit::default() {
                archive.document(id)?
            } else {
                archive.edit_document(id, &edit)?
            };
            if let Some(item) = agenda_item {
                archive.place_document(id, item, None)?;
            }
            crate::output::document(&doc, json)
        }
        DocumentAction::Delete { id } => {
            archive.delete_document(id)?;
            done(json, id)
        }
        DocumentAction::Versions { id } => {
            let versions = archive.document_versions(id)?;
            if json {
                return print_json(&versions);
            }
            for v in versions {
                println!(
                    "v{} {} {}{}",
                    v.version,
                    v.imported_at,
                    v.title,
                    if v.current { " (huidig)" } else { "" }
                );
            }
            Ok(())
        }
    }
}

/// `raadsvolger undo`: undoes the last edit of the register (or, with `--last`, names it).
pub fn undo(archive: &Archive, last: bool, json: bool) -> Result<()> {
    if last {
        let edit = archive.last_edit()?;
        if json {
            return print_json(&edit);
        }
        match edit {
            Some(e) => println!("Would undo: {} (#{}, {})", e.summary, e.id, e.recorded_at),
            None => println!("Nothing to undo."),
        }
        return Ok(());
    }
    let edit = archive.undo_last()?;
    if json {
        return print_json(&edit);
    }
    println!("Undone: {}", edit.summary);
    Ok(())
}
