//! GemeenteOplossingen (GO. raadsinformatie): a meeting's page, HTML. Its agenda is a list of
//! `li.agendaRow` rows, each with its number (`div.first`), title (`h3`) and explanation
//! (`div.toelichting`). The meeting's body, day and time are in the agenda's links:
//! `/Vergaderingen/<body>/<year>/<day-month>/<hh:mm>/...`.

use chrono::NaiveDate;
use scraper::{ElementRef, Html, Selector};

use crate::model::register::MeetingStatus;
use crate::sources::{Batch, ItemRec, MeetingRec};

fn selector(s: &str) -> Selector {
    Selector::parse(s).expect("a valid selector")
}

pub fn recognises(html: &str) -> bool {
    html.contains("agendaRow") && html.contains("/Vergaderingen/")
}

fn text(e: ElementRef<'_>) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// "/Vergaderingen/Gemeenteraad/2015/29-juni/17:00/..." -> (body, day, time, the meeting's
/// own path).
fn meeting_path(href: &str) -> Option<(String, NaiveDate, Option<String>, String)> {
    let rest = href.split("/Vergaderingen/").nth(1)?;
    let parts: Vec<&str> = rest.split('/').collect();
    if parts.len() < 3 {
        return None;
    }
    let body = parts[0].replace(['-', '+'], " ");
    let year: i32 = parts[1].parse().ok()?;
    let (day, month) = parts[2].split_once('-')?;
    let day: u32 = day.parse().ok()?;
    let month = crate::lang::nl::months::NAMES
        .iter()
        .position(|m| m.eq_ignore_ascii_case(month))? as u32
        + 1;
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let time = parts
        .get(3)
        .filter(|t| t.len() == 5 && t.as_bytes()[2] == b':')
        .map(|t| (*t).to_owned());
    let own = format!(
        "/Vergaderingen/{}",
        parts[..if time.is_some() { 4 } else { 3 }].join("/")
    );
    Some((body, date, time, own))
}

pub fn read(html: &str) -> Batch {
    let mut batch = Batch::default();
    // A page nested deeper than any a site makes is not given to the parser (see
    // `import::nesting`): named, not read.
    if let Err(e) = crate::import::nesting::check(html, "the page") {
        batch.problem("page", e.to_string());
        return batch;
    }
    let doc = Html::parse_document(html);
    let (row_sel, first_sel, h3_sel, note_sel, link_sel) = (
        selector("li.agendaRow"),
        selector("div.first"),
        selector("h3"),
        selector("div.toelichting"),
        selector("a[href]"),
    );
    let mut meeting = None;
    let mut items = Vec::new();
    for (i, row) in doc.select(&row_sel).enumerate() {
        let id = row
            .value()
            .attr("id")
            .map(|id| id.trim_start_matches("agendapunt").to_owned())
            .unwrap_or_else(|| format!("row {}", i + 1));
        let id = id.split('_').next().unwrap_or(&id).to_owned();
        if meeting.is_none() {
            meeting = row
                .select(&link_sel)
                .filter_map(|a| a.value().attr("href"))
                .find_map(meeting_path);
        }
        let Some(title) = row
            .select(&h3_sel)
            .next()
            .map(text)
            .filter(|t| !t.is_empty())
        else {
            batch.problem(&id, "an agenda row without a title (h3)");
            continue;
        };
        let number = row
            .select(&first_sel)
            .next()
            .map(text)
            .filter(|n| !n.is_empty());
        let mut description = row
            .select(&note_sel)
            .next()
            .map(text)
            .filter(|t| !t.is_empty());
        let docs: Vec<String> = row
            .select(&link_sel)
            .filter_map(|a| {
                let href = a.value().attr("href")?;
                href.to_lowercase()
                    .ends_with(".pdf")
                    .then(|| format!("- {} <{href}>", text(a)))
            })
            .collect();
        if !docs.is_empty() {
            let list = format!("Stukken:\n{}", docs.join("\n"));
            description = Some(match description {
                Some(d) => format!("{d}\n\n{list}"),
                None => list,
            });
        }
        items.push(ItemRec {
            id: format!("agendapunt {id}"),
            number,
            title,
            description,
            items: Vec::new(),
            motions: Vec::new(),
            documents: Vec::new(),
        });
    }
    let Some((body, date, time, path)) = meeting else {
        batch.problem(
            "page",
            "no link to the meeting (/Vergaderingen/<body>/<year>/<day-month>/)",
        );
        return batch;
    };
    let status = if date <= chrono::Local::now().date_naive() {
        MeetingStatus::Held
    } else {
        MeetingStatus::Planned
    };
    batch.meetings.push(MeetingRec {
        id: path,
        title: Some(body.clone()),
        body,
        date,
        start_time: time,
        end_time: None,
        location: None,
        status,
        items,
        documents: Vec::new(),
    });
    batch
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_nested_too_deep_is_named_not_parsed() {
        let deep = format!(
            "<html><body>{}<li class=\"agendaRow\">x</li>{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let batch = read(&deep);
        assert!(batch.meetings.is_empty());
        assert_eq!(batch.problems.len(), 1, "{:?}", batch.problems);
        assert!(batch.problems[0].1.contains("512"), "{:?}", batch.problems);
    }

    #[test]
    fn reads_a_meeting_path() {
        let (body, date, time, own) =
            meeting_path("/Vergaderingen/Commissie-Bestuur/2024/3-maart/20:00/Opening")
                .expect("read");
        assert_eq!(body, "Commissie Bestuur");
        assert_eq!(date, NaiveDate::from_ymd_opt(2024, 3, 3).expect("day"));
        assert_eq!(time.as_deref(), Some("20:00"));
        assert_eq!(own, "/Vergaderingen/Commissie-Bestuur/2024/3-maart/20:00");
        assert!(meeting_path("/Vergaderingen/Raad/2024/geen-datum").is_none());
    }
}
