//! Exports of the commitment register: CSV for spreadsheets, an iCalendar file of open
//! deadlines, and the clerk's "Lijst van toezeggingen en moties" as Markdown and HTML.
//!
//! Each export is a pure function of the commitments (and motions) it is given, and of the day
//! it is made for, so the same archive gives the same file.

use crate::tx::Read;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use crate::model::{Commitment, Flag, Motion, Status};

/// The title of the council report.
pub const REPORT_TITLE: &str = "Lijst van toezeggingen en moties";

/// What an export produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format<'a> {
    Csv,
    /// The open deadlines as a calendar; `stamp` is its DTSTAMP (UTC, `YYYYMMDDTHHMMSSZ`).
    Ics {
        stamp: &'a str,
    },
    ReportMarkdown,
    ReportHtml,
}

/// An export's text and how many commitments it was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub content: String,
    pub commitments: usize,
}

/// The commitment register as it stood on `as_of`, in `format`.
pub(crate) fn export(
    r: &Read<'_>,
    format: Format<'_>,
    as_of: NaiveDate,
) -> crate::Result<Exported> {
    let all = crate::commitments::commitments(r, as_of, &crate::CommitmentQuery::default())?;
    let content = match format {
        Format::Csv => csv(&all),
        Format::Ics { stamp } => ics(&all, stamp),
        Format::ReportMarkdown | Format::ReportHtml => {
            let md = report_markdown(
                &all,
                &crate::register::motions::motions(r)?,
                as_of,
                REPORT_TITLE,
            );
            if format == Format::ReportHtml {
                report_html(&md, REPORT_TITLE)
            } else {
                md
            }
        }
    };
    Ok(Exported {
        content,
        commitments: all.len(),
    })
}

fn date_str(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// Dutch date as a council document writes it: "1 september 2018".
pub fn dutch_date(d: NaiveDate) -> String {
    format!(
        "{} {} {}",
        d.day(),
        crate::lang::nl::months::NAMES[d.month0() as usize],
        d.year()
    )
}

/// What a spreadsheet may take as the start of a formula: `=`, `+`, `-`, `@`, and TAB and CR,
/// which some read past (the OWASP list for CSV injection).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn csv_field(s: &str) -> String {
    if s.contains([';', '"', '\n', '\r', '\t']) || s.starts_with(FORMULA_STARTS) {
        // Quoted; a leading formula character is defused with a quote mark so a spreadsheet
        // shows the text instead of running it.
        let s = if s.starts_with(FORMULA_STARTS) {
            format!("'{s}")
        } else {
            s.to_owned()
        };
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// One row per commitment, every field; UTF-8 with a byte-order mark and `;` between fields,
/// as Excel in a Dutch locale expects.
pub fn csv(commitments: &[Commitment]) -> String {
    let mut out = String::from("\u{feff}");
    let header = [
        "id",
        "tekst",
        "actor",
        "termijn",
        "soort termijn",
        "termijn (tekst)",
        "status",
        "statusdatum",
        "vlag",
        "herkomst",
        "motie",
        "bron id",
        "bron",
        "brondatum",
        "citaat",
        "bewijs",
        "notitie",
    ];
    out.push_str(&header.join(";"));
    out.push_str("\r\n");
    for c in commitments {
        let evidence = c
            .evidence
            .iter()
            .map(|e| format!("#{} {} ({})", e.document_id, e.title, date_str(e.date)))
            .collect::<Vec<_>>()
            .join(" | ");
        let fields = [
            c.id.to_string(),
            c.text.clone(),
            c.actor.clone(),
            date_str(c.due),
            c.due_kind
                .map(|k| k.as_str().to_owned())
                .unwrap_or_default(),
            c.due_text.clone().unwrap_or_default(),
            c.status.as_str().to_owned(),
            date_str(c.status_date),
            c.flag.as_str().to_owned(),
            c.origin.as_str().to_owned(),
            c.motion.clone().unwrap_or_default(),
            c.source
                .document_id
                .map(|d| d.to_string())
                .unwrap_or_default(),
            c.source.title.clone().unwrap_or_default(),
            date_str(c.source.date),
            c.source.quote.clone(),
            evidence,
            c.note.clone().unwrap_or_default(),
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&row.join(";"));
        out.push_str("\r\n");
    }
    out
}

fn ics_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace(['\n', '\r'], "\\n")
}

/// Folds a content line at 75 octets (RFC 5545 §3.1), never inside a character.
fn ics_line(out: &mut String, line: &str) {
    let mut count = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if count + len > 75 {
            out.push_str("\r\n ");
            count = 1;
        }
        out.push(c);
        count += len;
    }
    out.push_str("\r\n");
}

/// An RFC 5545 calendar of the open deadlines: one all-day VEVENT on each due date, with an
/// alarm a week ahead. `stamp` is the DTSTAMP (UTC, `YYYYMMDDTHHMMSSZ`).
pub fn ics(commitments: &[Commitment], stamp: &str) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Raadsvolger//Toezeggingen//NL",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Termijnen toezeggingen en moties",
    ] {
        ics_line(&mut out, line);
    }
    for c in commitments {
        let (Some(due), Status::Open | Status::PartlyMet) = (c.due, c.status) else {
            continue;
        };
        let summary: String = c.text.chars().take(120).collect();
        let mut description = format!("{} · {}", c.actor, c.flag.label_nl());
        if let Some(t) = &c.source.title {
            write!(description, "\nBron: {t} ({})", date_str(c.source.date)).ok();
        }
        write!(description, "\n«{}»", c.source.quote).ok();
        let next = due.succ_opt().unwrap_or(due);
        for line in [
            "BEGIN:VEVENT".to_owned(),
            format!("UID:toezegging-{}@raadsvolger", c.id),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", due.format("%Y%m%d")),
            format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")),
            format!("SUMMARY:{}", ics_escape(&format!("Termijn: {summary}"))),
            format!("DESCRIPTION:{}", ics_escape(&description)),
            format!("CATEGORIES:{}", ics_escape(c.flag.label_nl())),
            "TRANSP:TRANSPARENT".to_owned(),
            "BEGIN:VALARM".to_owned(),
            "ACTION:DISPLAY".to_owned(),
            "TRIGGER:-P7D".to_owned(),
            format!(
                "DESCRIPTION:{}",
                ics_escape(&format!("Over een week: {summary}"))
            ),
            "END:VALARM".to_owned(),
            "END:VEVENT".to_owned(),
        ] {
            ics_line(&mut out, &line);
        }
    }
    ics_line(&mut out, "END:VCALENDAR");
    out
}

fn flag_mark(f: Flag) -> &'static str {
    match f {
        Flag::Overdue => "**TERMIJN VERSTREKEN**",
        Flag::DueSoon => "*termijn nadert*",
        Flag::Open => "lopend",
        Flag::DueUnknown => "termijn onbekend",
        Flag::NoDeadline => "zonder termijn",
        Flag::MetOnTime => "afgedaan",
        Flag::MetLate => "afgedaan (te laat)",
        Flag::Withdrawn => "ingetrokken",
    }
}

fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The clerk's list of commitments and motions, as Markdown: open items first (overdue marked),
/// grouped by actor, each with its source and evidence; then the voted items.
pub fn report_markdown(
    commitments: &[Commitment],
    motions: &[Motion],
    as_of: NaiveDate,
    title: &str,
) -> String {
    let mut md = String::new();
    writeln!(md, "# {}", md_escape(title)).ok();
    writeln!(md, "\nStand van zaken op {}.\n", dutch_date(as_of)).ok();
    let count = |f: Flag| commitments.iter().filter(|c| c.flag == f).count();
    writeln!(md, "| | aantal |\n|---|---|").ok();
    for f in Flag::ALL {
        writeln!(md, "| {} | {} |", f.label_nl(), count(f)).ok();
    }
    let open: Vec<&Commitment> = commitments
        .iter()
        .filter(|c| {
            matches!(
                c.flag,
                Flag::Overdue | Flag::DueSoon | Flag::Open | Flag::NoDeadline
            )
        })
        .collect();
    let closed: Vec<&Commitment> = commitments.iter().filter(|c| !open.contains(c)).collect();
    for (heading, items) in [
        ("Openstaande toezeggingen en moties", open),
        ("Afgedane toezeggingen en moties", closed),
    ] {
        writeln!(md, "\n## {heading}").ok();
        if items.is_empty() {
            writeln!(md, "\nGeen.").ok();
            continue;
        }
        let mut by_actor: BTreeMap<String, Vec<&Commitment>> = BTreeMap::new();
        for c in items {
            by_actor.entry(c.actor.clone()).or_default().push(c);
        }
        for (actor, items) in by_actor {
            writeln!(md, "\n### {}", md_escape(&capitalise(&actor))).ok();
            for c in items {
                let due = match (c.due, &c.due_text) {
                    (Some(d), _) => format!("termijn {}", dutch_date(d)),
                    (None, Some(t)) if !t.is_empty() => format!("termijn: {}", md_escape(t)),
                    _ => "geen termijn".into(),
                };
                writeln!(
                    md,
                    "\n- {} — {}, {}",
                    md_escape(&c.text),
                    due,
                    flag_mark(c.flag)
                )
                .ok();
                let origin = match &c.motion {
                    Some(m) => format!("motie {}", md_escape(m)),
                    None => c
                        .origin
                        .as_str()
                        .replace("promise", "toezegging")
                        .replace("manual", "handmatig"),
                };
                writeln!(
                    md,
                    "  - Bron: {} — {} ({})",
                    origin,
                    md_escape(c.source.title.as_deref().unwrap_or("—")),
                    c.source.date.map(dutch_date).unwrap_or_default()
                )
                .ok();
                writeln!(md, "  - Citaat: «{}»", md_escape(&c.source.quote)).ok();
                if let Some(d) = c.status_date.filter(|_| c.status != Status::Open) {
                    writeln!(
                        md,
                        "  - Status: {} sinds {}",
                        c.status.label_nl(),
                        dutch_date(d)
                    )
                    .ok();
                }
                for e in &c.evidence {
                    writeln!(
                        md,
                        "  - Bewijs: {} ({}): «{}»",
                        md_escape(&e.title),
                        e.date.map(dutch_date).unwrap_or_default(),
                        md_escape(&e.passage)
                    )
                    .ok();
                }
                if let Some(n) = c.note.as_deref().filter(|n| !n.is_empty()) {
                    writeln!(md, "  - Notitie: {}", md_escape(n)).ok();
                }
            }
        }
    }
    writeln!(md, "\n## Moties, amendementen en raadsvoorstellen\n").ok();
    writeln!(
        md,
        "| nummer | titel | datum | uitslag | stemmen |\n|---|---|---|---|---|"
    )
    .ok();
    for m in motions {
        let votes = match (m.votes_for, m.votes_against) {
            (Some(v), Some(t)) => format!("{v} voor, {t} tegen"),
            _ if m.unanimous => "unaniem".into(),
            _ => String::new(),
        };
        writeln!(
            md,
            "| {} | {} | {} | {} | {} |",
            md_escape(m.number.as_deref().unwrap_or("")),
            md_escape(&m.title),
            date_str(m.date),
            m.outcome.map(|o| o.as_str()).unwrap_or("onbekend"),
            votes
        )
        .ok();
    }
    md
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The same report as a standalone HTML page (Markdown rendered, then sanitized).
pub fn report_html(markdown: &str, title: &str) -> String {
    let mut body = String::new();
    pulldown_cmark::html::push_html(
        &mut body,
        pulldown_cmark::Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES),
    );
    let body = crate::import::sanitize(&body);
    format!(
        "<!doctype html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\nbody{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#1f2328}}\ntable{{border-collapse:collapse}}td,th{{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left}}\nstrong{{color:#b42318}}\n</style>\n</head>\n<body>\n{}\n</body>\n</html>\n",
        crate::text::html::escape(title),
        body
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("gewoon"), "gewoon");
        assert_eq!(csv_field("a;b"), "\"a;b\"");
        assert_eq!(csv_field("zei \"ja\""), "\"zei \"\"ja\"\"\"");
        assert_eq!(csv_field("=SUM(A1)"), "\"'=SUM(A1)\"");
    }

    /// Every start the OWASP list names is defused, TAB and CR too (a spreadsheet may skip
    /// them and read the formula after); the text itself is kept after the quote mark.
    #[test]
    fn csv_defuses_every_formula_start_including_tab_and_cr() {
        for start in ["=", "+", "-", "@", "\t", "\r"] {
            let field = format!("{start}HYPERLINK(\"https://example.org\")");
            let out = csv_field(&field);
            assert!(out.starts_with("\"'"), "{start:?} not defused: {out:?}");
            assert_eq!(
                out,
                format!("\"'{}\"", field.replace('"', "\"\"")),
                "{start:?}"
            );
        }
        // In the middle of a field these are plain text (a TAB is quoted all the same).
        assert_eq!(csv_field("a=b"), "a=b");
        assert_eq!(csv_field("a\tb"), "\"a\tb\"");
    }

    /// A lone CR (as old Mac text has it) is a line break in a calendar program: escaped as
    /// `\n` like LF and CRLF, so no raw CR reaches a content line.
    #[test]
    fn ics_escapes_a_lone_cr_like_any_line_break() {
        assert_eq!(ics_escape("regel 1\rregel 2"), "regel 1\\nregel 2");
        assert_eq!(ics_escape("a\r\nb\nc\rd"), "a\\nb\\nc\\nd");
        assert_eq!(ics_escape("x\r"), "x\\n");
        let mut out = String::new();
        ics_line(
            &mut out,
            &format!("DESCRIPTION:{}", ics_escape(&"zin\r".repeat(30))),
        );
        let body = out.strip_suffix("\r\n").expect("ends the line");
        assert!(
            !body.replace("\r\n ", "").contains('\r'),
            "a raw CR is left: {out:?}"
        );
    }

    #[test]
    fn ics_lines_fold_at_75_octets_on_char_boundaries() {
        let mut out = String::new();
        ics_line(&mut out, &format!("SUMMARY:{}", "ö".repeat(80)));
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "ö".repeat(80)));
    }

    #[test]
    fn dutch_dates() {
        assert_eq!(
            dutch_date(NaiveDate::from_ymd_opt(2018, 9, 1).expect("date")),
            "1 september 2018"
        );
    }
}
