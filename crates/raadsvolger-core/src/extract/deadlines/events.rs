//! The event finder: documents, meetings and moments ("bij de Kadernota", "vóór Prinsjesdag",
//! "na afronding van het onderzoek"), with the context that tells "voor" = before from "voor" = for.

use chrono::NaiveDate;
use regex::Captures;

use super::candidates::{Cand, group};
use super::lexicon;
use super::patterns::*;
use super::resolve::*;
use super::seasons::{Rel, season_due};
use super::text::*;
use super::{DeadlineContext, DeadlineKind};
use crate::extract::dates;

pub(super) fn event_candidates(
    s: &str,
    doc: NaiveDate,
    ctx: &DeadlineContext<'_>,
    out: &mut Vec<Cand>,
) {
    for c in EVENT_PHRASE.captures_iter(s) {
        let Some(whole) = c.get(0) else { continue };
        let p = group(&c, "p").map(|p| p.to_lowercase()).unwrap_or_default();
        let has_art = c.name("art").is_some() || c.name("nxt2").is_some();
        let nxt = c.name("nxt").is_some() || c.name("nxt2").is_some();
        let prinsjes = c.name("prinsjes").is_some();
        let is_doc = c.name("doc").is_some();
        let is_meet = c.name("meet").is_some();
        let other = group(&c, "other").map(|o| o.to_lowercase());

        if let Some(o) = &other {
            // Any noun after "(eerst)volgende" is an event ("bij de volgende raadsbrief"), but
            // not a unit of time or a step.
            if !nxt || !has_art || lexicon::NOT_EVENTS_AFTER_NEXT.contains(o) {
                continue;
            }
        }
        if !prinsjes && !has_art {
            continue;
        }

        if (is_doc || is_meet) && !has_art {
            continue;
        }
        let allowed = match p.as_str() {
            "in" => {
                // "in de volgende voortgangsrapportage", "op te nemen in de Kadernota 2009";
                // not "in overleg met" or "ruimte in de begroting". ("in de raadsvergadering"
                // needs a date, checked below.)
                let window_start = floor_boundary(s, whole.start().saturating_sub(40));
                let window = &s[window_start..whole.start()];
                let after = clause_after(s, whole.end());
                // "de raad in de monitor te informeren": the verb after the phrase reports
                // through the document.
                let incl = INCLUDE_VERB.is_match(window)
                    || INCLUDE_VERB.is_match(after)
                    || TE_INFINITIVE
                        .find(after)
                        .is_some_and(|m| INFORM_VERB.is_match(m.as_str()));
                nxt || (is_doc && incl) || is_meet
            }
            // "op de raadsvergadering van 3 juni": a dated meeting, as with "in" (the date is
            // checked below).
            "op" => prinsjes || nxt || is_meet,
            "met" => prinsjes || nxt || (is_doc && met_names_moment(s, whole.start(), whole.end())),
            _ if p.starts_with("als") => is_doc,
            "uiterlijk" => prinsjes || nxt || is_doc,
            "na" => prinsjes || nxt || is_meet,
            _ => true,
        };
        // "de inzet voor de Europese Raad", "middelen voor de begroting": "voor" = for.
        // (An accented "vóór" always means "before".)
        let accented = p.contains('ó') || p.contains('\u{301}');
        if is_voor(&p) && !accented && FOR_NOUN_BEFORE.is_match(&s[..whole.start()]) {
            continue;
        }
        // "de plannen voor de begroting 2026": a plan is made for a document, but held before a
        // meeting ("een plan voor de behandeling").
        if is_voor(&p) && !accented && is_doc && PLAN_NOUN_BEFORE.is_match(&s[..whole.start()]) {
            continue;
        }
        // "voor het wetsvoorstel te stemmen": "voor" is the object of the verb after it.
        if is_voor(&p)
            && TE_INFINITIVE
                .find(clause_after(s, whole.end()))
                .is_some_and(|m| FOR_VERB.is_match(m.as_str()))
        {
            continue;
        }
        // "aan te sluiten bij het programma": "bij" is the object of the verb before it.
        if p == "bij" && BIJ_OBJECT_VERB.is_match(&s[..whole.start()]) {
            continue;
        }
        if !allowed {
            continue;
        }

        // Extend over the event's name, then look for a phrase that dates the event.
        let mut end = whole.end();
        let mut due: Option<NaiveDate> = None;
        let mut named_year: Option<i32> = None;
        // Whether the name so far ends in a document ("... van de Kadernota"), whose year is
        // part of its name.
        let mut last_doc = is_doc || prinsjes;
        for _ in 0..8 {
            let rest = &s[end..];
            let dating = EVENT_DATING
                .captures(rest)
                .filter(|d| {
                    // "Kadernota van 2025" names the document year; "debat van 2025" dates it.
                    let is_van = group(d, "p").is_some_and(|p| p.eq_ignore_ascii_case("van"));
                    !(is_van && last_doc && d.name("year").is_some())
                })
                .and_then(|d| {
                    let len = d.get(0).map_or(0, |m| m.end());
                    event_dating_due(&d, doc, ctx).map(|dd| (dd, len))
                });
            if let Some((dd, len)) = dating {
                due = Some(dd);
                end += len;
                break;
            }
            if let Some(m) = EVENT_DOC_YEAR.find(rest).filter(|_| last_doc || !is_meet) {
                named_year = m
                    .as_str()
                    .chars()
                    .filter(char::is_ascii_digit)
                    .take(4)
                    .collect::<String>()
                    .parse()
                    .ok();
                end += m.end();
                continue;
            }
            if let Some(m) = EVENT_NAME_PIECE.find(rest) {
                last_doc = DOC_WORD_END.is_match(m.as_str());
                end += m.end();
                continue;
            }
            break;
        }
        if prinsjes && due.is_none() {
            let day: fn(i32) -> Option<NaiveDate> =
                if group(&c, "prinsjes").is_some_and(|p| p.to_lowercase().starts_with("verantw")) {
                    verantwoordingsdag
                } else {
                    prinsjesdag
                };
            due = match named_year {
                Some(y) => day(y),
                None => first_after(doc, day),
            };
        }
        // "in/op de raadsvergadering" is an event only when dated ("... van oktober").
        if (p == "in" || p == "op") && is_meet && !nxt && due.is_none() {
            continue;
        }
        // "in de jaarlijkse monitor op te nemen": a recurring duty, not a one-off moment.
        if due.is_none() && FREQ_ADJ.is_match(&s[whole.start()..end]) {
            out.push(
                Cand::new(DeadlineKind::Recurring, None, whole.start(), end)
                    .rule("event_recurring_document"),
            );
            continue;
        }
        let mut cand = Cand::new(DeadlineKind::Event, due, whole.start(), end);
        cand.via_bij = p == "bij";
        out.push(cand);
    }
    for (rule, phrase) in [
        ("event_clause", &EVENT_CLAUSE),
        ("event_moment", &EVENT_MOMENT),
        ("after_end", &AFTER_END),
        ("deictic_term", &DEICTIC_TERM),
    ] {
        for m in phrase.find_iter(s) {
            out.push(Cand::new(DeadlineKind::Event, None, m.start(), m.end()).rule(rule));
        }
    }
}

/// Whether "met de <document>" at `start..end` names the moment of a delivery ("met de kadernota
/// een plan mee te sturen", "met de begroting te komen met een voorstel"): the verb it belongs to,
/// the first infinitive after it (or, with none, the finite verb before it), is a delivery verb,
/// and no verb that takes "met" as its object ("in te stemmen met") governs it.
pub(super) fn met_names_moment(s: &str, start: usize, end: usize) -> bool {
    let head = &s[..start];
    let near = &head[floor_boundary(head, head.len().saturating_sub(30))..];
    if MET_OBJECT_VERB.is_match(near) {
        return false;
    }
    let after = clause_after(s, end);
    match TE_INFINITIVE.find(after) {
        Some(m) => {
            let from = floor_boundary(after, m.start().saturating_sub(6));
            DELIVERY_VERB.is_match(&after[from..m.end()])
        }
        None => DELIVERY_VERB.is_match(clause_before(s, start)),
    }
}

pub(super) fn event_dating_due(
    d: &Captures<'_>,
    doc: NaiveDate,
    ctx: &DeadlineContext<'_>,
) -> Option<NaiveDate> {
    if let Some(day) = d.name("day") {
        return dates::find_dates(day.as_str(), Some(doc))
            .first()
            .map(|m| m.date);
    }
    if let Some(m) = group(d, "month").and_then(dates::month_from_dutch) {
        return match group(d, "my").and_then(|y| y.parse().ok()) {
            Some(y) => month_end(y, m),
            None => first_after(doc, |y| month_end(y, m)),
        };
    }
    if let Some(season) = group(d, "season") {
        return match group(d, "sy").and_then(|y| y.parse().ok()) {
            Some(y) => season_due(season, Rel::In, y, ctx.recesses),
            None => first_after(doc, |y| season_due(season, Rel::In, y, ctx.recesses)),
        };
    }
    group(d, "year")
        .and_then(|y| y.parse().ok())
        .and_then(|y| ymd(y, 12, 31))
}
