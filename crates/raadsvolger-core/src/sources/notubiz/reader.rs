//! NotuBiz (JSON of its REST API): a meeting with its plannings, attributes and nested agenda
//! items; and module items (motions, amendments, toezeggingen) whose attributes are read by
//! their numeric ids, which stay the same where municipalities rename the labels.
//! The list of a site's modules is recognised too; it holds no rows.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::extract::notation::PartyNames;
use crate::model::register::{MeetingStatus, Submitter};
use crate::model::{Origin, Status};
use crate::sources::{
    AgendaRef, Batch, CommitmentRec, DocRef, ItemRec, MeetingRec, MotionRec, actor_of,
    commitment_status, html_text, kind_of, outcome_in, parse_day, parse_vote_text, time_of,
};

/// The attribute ids of module items.
const TITLE: i64 = 1;
const MAIN_DOCUMENT: i64 = 2;
const DATE: i64 = 15;
const DATE_DONE: i64 = 17;
const PORTFOLIO: i64 = 23;
const DEADLINE: i64 = 28;
const SUBMITTERS: i64 = 36;
const PARTIES: i64 = 37;
const TYPE: i64 = 45;
const AGENDA_ITEM: i64 = 54;
const VOTE_TEXT: i64 = 61;
const OUTCOME: i64 = 62;
const STATUS: i64 = 71;
const CO_SIGNERS: i64 = 87;
/// The attribute ids of meetings and agenda items.
const LOCATION: i64 = 50;
/// The module of toezeggingen where a page does not name its module (Alkmaar's list of
/// modules: 3 = Toezeggingen).
const PROMISES_MODULE: i64 = 3;

fn meeting_of(v: &Value) -> Option<&Map<String, Value>> {
    let o = v.as_object()?;
    let m = match o.get("meeting") {
        Some(Value::Object(m)) => m,
        _ => o,
    };
    (m.get("plannings").is_some_and(Value::is_array)
        || m.get("type").and_then(Value::as_str) == Some("meeting"))
    .then_some(m)
    .filter(|m| m.get("agenda_items").is_some_and(Value::is_array))
}

/// A meeting, a page of module items, or the list of modules.
pub fn recognises(v: &Value) -> bool {
    if meeting_of(v).is_some() {
        return true;
    }
    let Some(o) = v.as_object() else { return false };
    let items = o.get("items").and_then(Value::as_array);
    // A page of module items; one broken item does not hide the others.
    if items.is_some_and(|items| {
        items
            .iter()
            .any(|i| i.get("module_id").is_some() && i.get("attributes").is_some())
    }) {
        return true;
    }
    o.get("modules").and_then(Value::as_array).is_some_and(|m| {
        !m.is_empty()
            && m.iter()
                .all(|m| m.get("id").is_some() && m.get("name").is_some())
    })
}

pub fn read(v: &Value, names: &PartyNames) -> Batch {
    let mut batch = Batch::default();
    if let Some(m) = meeting_of(v) {
        read_meeting(m, &mut batch);
    } else if let Some(items) = v.get("items").and_then(Value::as_array) {
        // The sync names the module a page came from (found by its name in the
        // organisation's list of modules); an item of another module, or of a page without
        // one, is told by its module id.
        let page = v.get("module").and_then(|m| {
            let id = m.get("id").and_then(Value::as_i64)?;
            let name = m.get("name").and_then(Value::as_str)?;
            Some((id, name.trim().eq_ignore_ascii_case("toezeggingen")))
        });
        for item in items {
            read_module_item(item, names, page, &mut batch);
        }
    }
    batch
}

fn id_str(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// An attribute of a meeting or agenda item: `[{id, value}]`, or in the older shape an object
/// by label (`{"Titel": ...}`).
fn plain_attribute(o: &Map<String, Value>, id: i64, label: &str) -> Option<String> {
    let value = match o.get("attributes")? {
        Value::Array(list) => list
            .iter()
            .find(|a| a.get("id").and_then(Value::as_i64) == Some(id))?
            .get("value")?,
        Value::Object(by_label) => by_label.get(label)?,
        _ => return None,
    };
    value
        .as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn read_meeting(m: &Map<String, Value>, batch: &mut Batch) {
    let Some(id) = id_str(m.get("id")) else {
        batch.problem("?", "a meeting without an id");
        return;
    };
    let planning = m
        .get("plannings")
        .and_then(Value::as_array)
        .and_then(|p| p.first());
    let start = planning
        .and_then(|p| p.get("start_date"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let Some(date) = parse_day(start) else {
        batch.problem(&id, "a meeting without a start date in its plannings");
        return;
    };
    let end = planning
        .and_then(|p| p.get("end_date"))
        .and_then(Value::as_str)
        .and_then(time_of);
    let title = plain_attribute(m, TITLE, "Titel");
    // The body is the meeting's gremium, by the title the organisation's list of gremia gives
    // it (the sync adds it to `gremium`); a meeting read without that list is named by its
    // own title ("Gemeenteraad", "Meningsvorming Raadzaal").
    let gremium = m
        .get("gremium")
        .and_then(|g| g.get("title"))
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned);
    let cancelled = m.get("canceled").and_then(Value::as_bool).unwrap_or(false);
    let status = if cancelled {
        MeetingStatus::Cancelled
    } else if date <= chrono::Local::now().date_naive() {
        MeetingStatus::Held
    } else {
        MeetingStatus::Planned
    };
    let items = agenda(m.get("agenda_items").and_then(Value::as_array), &id, batch);
    batch.meetings.push(MeetingRec {
        id: id.clone(),
        body: gremium
            .or_else(|| title.clone())
            .unwrap_or_else(|| "Gemeenteraad".into()),
        date,
        start_time: time_of(start),
        end_time: end,
        title,
        location: plain_attribute(m, LOCATION, "Locatie"),
        status,
        items,
        documents: doc_refs(m),
    });
}

/// A NotuBiz document: `{id, url, title, versions[{file_name}]}` (its address at the API,
/// which serves the newest version).
fn doc_ref(d: &Value) -> Option<DocRef> {
    let url = d.get("url").and_then(Value::as_str)?.trim();
    if url.is_empty() {
        return None;
    }
    let id = id_str(d.get("id")).unwrap_or_else(|| url.to_owned());
    let file_name = d
        .get("versions")
        .and_then(Value::as_array)
        .and_then(|v| v.last())
        .and_then(|v| v.get("file_name"))
        .and_then(Value::as_str)
        .map(|f| f.trim().to_owned())
        .filter(|f| !f.is_empty());
    Some(DocRef {
        id: format!("document:{id}"),
        url: url.to_owned(),
        title: d
            .get("title")
            .and_then(Value::as_str)
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty()),
        file_name,
    })
}

fn doc_refs(o: &Map<String, Value>) -> Vec<DocRef> {
    o.get("documents")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(doc_ref)
        .collect()
}

/// The documents on an item, as lines of its description (the files themselves are not in
/// the archive).
fn documents_text(o: &Map<String, Value>) -> Option<String> {
    let lines: Vec<String> = o
        .get("documents")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|d| {
            let title = d.get("title").and_then(Value::as_str)?.trim();
            let url = d.get("url").and_then(Value::as_str).unwrap_or("");
            Some(if url.is_empty() {
                format!("- {title}")
            } else {
                format!("- {title} <{url}>")
            })
        })
        .collect();
    (!lines.is_empty()).then(|| format!("Stukken:\n{}", lines.join("\n")))
}

fn agenda(items: Option<&Vec<Value>>, meeting: &str, batch: &mut Batch) -> Vec<ItemRec> {
    let mut items: Vec<&Value> = items.into_iter().flatten().collect();
    // In the order of the agenda; items without an order after those with one.
    items.sort_by_key(|i| {
        (
            i.get("order").and_then(Value::as_i64).unwrap_or(i64::MAX),
            i.get("id").and_then(Value::as_i64).unwrap_or(0),
        )
    });
    let mut out = Vec::new();
    for item in items {
        let Some(o) = item.as_object() else { continue };
        let Some(id) = id_str(o.get("id")) else {
            batch.problem(format!("{meeting}/?"), "an agenda item without an id");
            continue;
        };
        let type_data = o.get("type_data").and_then(Value::as_object);
        let title = type_data.and_then(|t| plain_attribute(t, TITLE, "Titel"));
        let children = agenda(
            o.get("agenda_items").and_then(Value::as_array),
            meeting,
            batch,
        );
        let Some(title) = title else {
            batch.problem(&id, "an agenda item without a title (attribute 1)");
            out.extend(children);
            continue;
        };
        let number = type_data
            .and_then(|t| t.get("title_prefix"))
            .and_then(Value::as_str)
            .map(|n| n.trim().trim_end_matches('.').trim().to_owned())
            .filter(|n| !n.is_empty());
        let motions = o
            .get("module_items")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|m| id_str(m.get("id")))
            .collect();
        out.push(ItemRec {
            id,
            number,
            title,
            description: documents_text(o),
            items: children,
            motions,
            documents: doc_refs(o),
        });
    }
    out
}

/// The raw values of a module item's attribute `id`.
fn attribute_values(o: &Map<String, Value>, id: i64) -> impl Iterator<Item = &Value> {
    o.get("attributes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(move |a| a.get("id").and_then(Value::as_i64) == Some(id))
        .flat_map(|a| {
            a.get("values")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
        })
}

/// The documents an attribute of a module item holds.
fn attribute_documents(o: &Map<String, Value>, id: i64) -> Vec<DocRef> {
    attribute_values(o, id)
        .filter_map(|v| v.get("document").and_then(doc_ref))
        .collect()
}

/// The values of a module item's attribute: (content, label of what it refers to).
fn values(o: &Map<String, Value>, id: i64) -> Vec<(Option<String>, Option<String>)> {
    attribute_values(o, id)
        .map(|v| {
            let content = id_str(v.get("content"));
            let label = v
                .get("meta_data")
                .and_then(|m| m.get("label"))
                .and_then(Value::as_str)
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty());
            (content, label)
        })
        .collect()
}

fn first(o: &Map<String, Value>, id: i64) -> Option<String> {
    values(o, id).into_iter().find_map(|(c, _)| c)
}

fn labels(o: &Map<String, Value>, id: i64) -> Vec<String> {
    values(o, id).into_iter().filter_map(|(_, l)| l).collect()
}

/// "Amendement ... (Gemeenteraad 22-01-2026 19:30)": the item's title and its meeting.
fn agenda_label(label: &str) -> (Option<String>, Option<(String, NaiveDate)>) {
    let Some((title, rest)) = label.trim().trim_end_matches(')').rsplit_once('(') else {
        return (Some(label.trim().to_owned()), None);
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    let date_at = words.iter().rposition(|w| parse_day(w).is_some());
    match date_at {
        Some(i) if i > 0 => {
            let body = words[..i].join(" ");
            let date = parse_day(words[i]).expect("checked");
            (Some(title.trim().to_owned()), Some((body, date)))
        }
        _ => (Some(label.trim().to_owned()), None),
    }
}

/// `page`: the module of the page (its id, and whether it is the module of toezeggingen), when
/// the page says.
fn read_module_item(
    item: &Value,
    names: &PartyNames,
    page: Option<(i64, bool)>,
    batch: &mut Batch,
) {
    let Some(o) = item.as_object() else {
        batch.problem("?", "a module item that is not an object");
        return;
    };
    let Some(id) = id_str(o.get("id")) else {
        batch.problem("?", "a module item without an id");
        return;
    };
    if !o.get("attributes").is_some_and(Value::is_array) {
        batch.problem(&id, "its attributes are not a list");
        return;
    }
    let Some(title) = first(o, TITLE) else {
        batch.problem(&id, "no title (attribute 1)");
        return;
    };
    let date = first(o, DATE).as_deref().and_then(parse_day);
    let done = first(o, DATE_DONE).as_deref().and_then(parse_day);
    let deadline = first(o, DEADLINE).as_deref().and_then(parse_day);
    let type_word = first(o, TYPE).unwrap_or_default();
    let status_word = first(o, STATUS);
    let portfolio = labels(o, PORTFOLIO).into_iter().next();
    let actor = portfolio
        .as_deref()
        .map(actor_of)
        .unwrap_or_else(|| "college".into());
    // "afgedaan" (or another status word) with the day it was dealt with.
    let commitment_state = || -> Option<(Status, NaiveDate)> {
        let status = commitment_status(status_word.as_deref()?)?;
        Some((status, done?))
    };
    let module = o.get("module_id").and_then(Value::as_i64);
    let promise_module = match page {
        Some((id, promises)) if module.is_none_or(|m| m == id) => promises,
        _ => module == Some(PROMISES_MODULE),
    };
    if promise_module || type_word.to_lowercase().contains("toezegging") {
        batch.commitments.push(CommitmentRec {
            id,
            origin: Origin::Promise,
            text: title,
            actor,
            made_on: date,
            due: deadline,
            status: commitment_state(),
            motion: None,
        });
        return;
    }
    let mut m = MotionRec::new(id.clone(), kind_of(&type_word));
    m.title = Some(title.clone());
    m.date = date;
    // The motion's own text (attribute 2 holds `{document: {...}}`).
    m.documents = attribute_documents(o, MAIN_DOCUMENT);
    if let Some((content, label)) = values(o, AGENDA_ITEM).into_iter().next() {
        let (item_title, meeting) = label.as_deref().map(agenda_label).unwrap_or((None, None));
        m.agenda = Some(AgendaRef {
            item: content,
            meeting,
            number: None,
            title: item_title,
        });
    }
    let parties: Vec<String> = labels(o, PARTIES)
        .iter()
        .map(|p| names.canonical(p))
        .collect();
    let people = labels(o, SUBMITTERS);
    let mut subs: Vec<Submitter> = people
        .iter()
        .map(|p| Submitter {
            name: p.clone(),
            // A person's party is known only when the motion names one party.
            party: (parties.len() == 1).then(|| parties[0].clone()),
            role: "indiener".into(),
        })
        .collect();
    if people.is_empty() || parties.len() > 1 {
        subs.extend(parties.iter().map(|p| Submitter {
            name: p.clone(),
            party: Some(p.clone()),
            role: "indiener".into(),
        }));
    }
    subs.extend(labels(o, CO_SIGNERS).into_iter().map(|p| Submitter {
        name: p,
        party: None,
        role: "mede-indiener".into(),
    }));
    m.submitters = Some(subs);
    let outcome = first(o, OUTCOME)
        .as_deref()
        .and_then(outcome_in)
        .or_else(|| status_word.as_deref().and_then(outcome_in));
    let vote_day = done.or(date);
    if let Some(html) = first(o, VOTE_TEXT) {
        // A result without groups (voor/tegen) is kept as the clerk wrote it.
        let mut vote = parse_vote_text(&html_text(&html), names).unwrap_or_default();
        vote.raw_text = Some(html);
        vote.date = vote_day;
        m.votes.push(vote);
    }
    if let Some(outcome) = outcome {
        m.status.push((vote_day, outcome));
    }
    if deadline.is_some() {
        batch.commitments.push(CommitmentRec {
            id: format!("{id}/termijn"),
            origin: Origin::Motion,
            text: title,
            actor,
            made_on: date,
            due: deadline,
            status: commitment_state(),
            motion: Some(id),
        });
    }
    batch.motions.push(m);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_meeting_of_an_agenda_label() {
        let (title, meeting) =
            agenda_label("Motie X over bomen (Raadsvergadering 07-07-2026 16:00)");
        assert_eq!(title.as_deref(), Some("Motie X over bomen"));
        let (body, date) = meeting.expect("a meeting");
        assert_eq!(body, "Raadsvergadering");
        assert_eq!(date, NaiveDate::from_ymd_opt(2026, 7, 7).expect("day"));
        assert_eq!(agenda_label("Zonder vergadering").1, None);
    }

    fn meeting(gremium: Value) -> Value {
        serde_json::json!({"meeting": {
            "id": 71, "type": "meeting", "gremium": gremium,
            "plannings": [{"start_date": "2025-03-04 19:30:00", "end_date": null}],
            "attributes": [{"id": 1, "value": "Raadzaal"}],
            "agenda_items": []
        }})
    }

    #[test]
    fn the_body_is_the_gremium_by_title_else_the_meeting_title() {
        let names = PartyNames::default();
        let named = read(
            &meeting(serde_json::json!({"id": 5, "title": "Commissie Ruimte"})),
            &names,
        );
        assert_eq!(named.meetings[0].body, "Commissie Ruimte");
        let bare = read(&meeting(serde_json::json!({"id": 5})), &names);
        assert_eq!(bare.meetings[0].body, "Raadzaal");
    }

    #[test]
    fn a_page_of_the_module_named_toezeggingen_holds_commitments_whatever_its_id() {
        let names = PartyNames::default();
        let page = |module: Value| {
            let mut v = serde_json::json!({"items": [{"id": 9001, "module_id": 9, "attributes": [
                {"id": 1, "values": [{"content": "De wethouder stuurt een brief"}]}
            ]}]});
            if !module.is_null() {
                v["module"] = module;
            }
            read(&v, &names)
        };
        let named = page(serde_json::json!({"id": 9, "name": "Toezeggingen"}));
        assert_eq!((named.commitments.len(), named.motions.len()), (1, 0));
        let motions = page(serde_json::json!({"id": 9, "name": "Moties"}));
        assert_eq!((motions.commitments.len(), motions.motions.len()), (0, 1));
        // Unnamed: module 9 is not the usual 3.
        let unnamed = page(Value::Null);
        assert_eq!(unnamed.motions.len(), 1);
    }
}
