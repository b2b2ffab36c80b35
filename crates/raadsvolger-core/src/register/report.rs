//! A meeting's decision list ("besluitenlijst") and its list of motions, as Markdown to print
//! (and HTML through the same renderer as the commitments report).

use std::fmt::Write as _;

use super::meetings::{AgendaItem, MeetingDetail};
use crate::error::Result;
use crate::tx::Read;

fn outcome_line(m: &super::meetings::MotionRef) -> String {
    let outcome = m.outcome.map(|o| o.as_str()).unwrap_or("geen uitslag");
    let votes = match (m.votes_for, m.votes_against) {
        (Some(f), Some(a)) => format!(", {f} voor en {a} tegen"),
        _ if m.unanimous => ", unaniem".into(),
        _ => String::new(),
    };
    let mut line = format!("{outcome}{votes}");
    if !m.parties_for.is_empty() {
        let _ = write!(line, "; voor: {}", m.parties_for.join(", "));
    }
    if !m.parties_against.is_empty() {
        let _ = write!(line, "; tegen: {}", m.parties_against.join(", "));
    }
    line
}

fn item_md(out: &mut String, item: &AgendaItem, depth: usize) {
    let number = item
        .number
        .as_deref()
        .map(|n| format!("{n}. "))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{} {number}{}\n",
        "#".repeat((depth + 2).min(6)),
        item.title
    );
    if let Some(d) = &item.description {
        let _ = writeln!(out, "{d}\n");
    }
    for doc in &item.documents {
        let date = doc
            .date
            .map(|d| format!(", {}", d.format("%d-%m-%Y")))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "- {} ({}{date}; {})",
            doc.title,
            doc.kind.label_nl(),
            doc.role
        );
    }
    if !item.documents.is_empty() {
        out.push('\n');
    }
    for m in &item.motions {
        let number = m
            .number
            .as_deref()
            .map(|n| format!(" {n}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "- **{}{number}** {}: {}",
            m.kind.label_nl(),
            m.title,
            outcome_line(m)
        );
    }
    if !item.motions.is_empty() {
        out.push('\n');
    }
    for sub in &item.items {
        item_md(out, sub, depth + 1);
    }
}

/// The decision list of a meeting as Markdown.
pub fn decision_list(meeting: &MeetingDetail) -> String {
    let m = &meeting.meeting;
    let mut out = String::new();
    let title = m.title.as_deref().unwrap_or(&m.body);
    let _ = writeln!(out, "# Besluitenlijst {title}\n");
    let time = m
        .time
        .as_deref()
        .map(|t| format!(", {t}"))
        .unwrap_or_default();
    let place = m
        .location
        .as_deref()
        .map(|l| format!(", {l}"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{}, {}{time}{place} ({})\n",
        m.body,
        m.date.format("%d-%m-%Y"),
        m.status.label_nl()
    );
    for item in &meeting.agenda {
        item_md(&mut out, item, 0);
    }
    let all: Vec<&super::meetings::MotionRef> = collect(&meeting.agenda);
    if !all.is_empty() {
        let _ = writeln!(out, "## Moties en amendementen\n");
        let _ = writeln!(
            out,
            "| nummer | titel | soort | uitslag |\n|---|---|---|---|"
        );
        for m in all {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                m.number.as_deref().unwrap_or("—"),
                m.title.replace('|', "/"),
                m.kind.label_nl(),
                outcome_line(m).replace('|', "/")
            );
        }
    }
    out
}

fn collect(items: &[AgendaItem]) -> Vec<&super::meetings::MotionRef> {
    let mut out = Vec::new();
    for i in items {
        out.extend(i.motions.iter());
        out.extend(collect(&i.items));
    }
    out
}

/// The decision list of a meeting (Markdown).
pub(crate) fn meeting_report(r: &Read<'_>, id: i64) -> Result<String> {
    Ok(decision_list(&crate::register::meetings::meeting(r, id)?))
}
