//! Open Raadsinformatie (openbesluitvorming), JSON: its model's records — Meeting, AgendaItem,
//! MediaObject, Motion, VoteEvent (with counts and votes), Person, Organization — each with a
//! `@type` (or `type`) and an `@id` (or `id`), referring to each other by id or holding the
//! record itself. Read from a list of records, `{"@graph": [...]}`, `{"items": [...]}`, or a
//! search response (`{"hits": {"hits": [{"_id", "_source"}]}}`).

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::extract::notation::PartyNames;
use crate::model::register::{MeetingStatus, MemberVote, PartyVoteRow, Submitter};
use crate::sources::{
    Batch, ItemRec, MeetingRec, MotionRec, VoteRec, kind_of, outcome_in, parse_day, split_number,
    time_of,
};

const TYPES: [&str; 7] = [
    "Meeting",
    "AgendaItem",
    "MediaObject",
    "Motion",
    "VoteEvent",
    "Person",
    "Organization",
];

fn type_of(o: &Map<String, Value>) -> Option<&str> {
    let t = o.get("@type").or(o.get("type"))?.as_str()?;
    let t = t.rsplit(['/', '#', ':']).next().unwrap_or(t);
    TYPES.contains(&t).then_some(t)
}

fn id_of(o: &Map<String, Value>) -> Option<String> {
    match o.get("@id").or(o.get("id")).or(o.get("_id"))? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The records of the response, with their ids (a search hit's `_id` when the source has
/// none).
fn records(v: &Value) -> Vec<Map<String, Value>> {
    let list: Vec<&Value> = match v {
        Value::Array(a) => a.iter().collect(),
        Value::Object(o) => {
            if let Some(hits) = o
                .get("hits")
                .and_then(|h| h.get("hits"))
                .and_then(Value::as_array)
            {
                hits.iter().collect()
            } else if let Some(Value::Array(a)) = o.get("@graph").or(o.get("items")) {
                a.iter().collect()
            } else {
                Vec::new()
            }
        }
        _ => Vec::new(),
    };
    list.into_iter()
        .filter_map(|r| {
            let o = r.as_object()?;
            match o.get("_source").and_then(Value::as_object) {
                Some(src) => {
                    let mut src = src.clone();
                    if id_of(&src).is_none() {
                        if let Some(id) = o.get("_id").cloned() {
                            src.insert("@id".into(), id);
                        }
                    }
                    Some(src)
                }
                None => Some(o.clone()),
            }
        })
        .collect()
}

pub fn recognises(v: &Value) -> bool {
    let list = records(v);
    !list.is_empty() && list.iter().all(|o| type_of(o).is_some())
}

struct Graph {
    by_id: HashMap<String, Map<String, Value>>,
}

impl Graph {
    /// The record a field refers to: by id, or held in place.
    fn get<'a>(&'a self, v: &'a Value) -> Option<&'a Map<String, Value>> {
        match v {
            Value::Object(o) => Some(o),
            Value::String(s) => self.by_id.get(s.trim()),
            Value::Number(n) => self.by_id.get(&n.to_string()),
            _ => None,
        }
    }

    fn ref_id(&self, v: &Value) -> Option<String> {
        match v {
            Value::Object(o) => id_of(o),
            Value::String(s) => Some(s.trim().to_owned()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }

    /// The name of what a field refers to (a person, a party), or the field's own text.
    fn name(&self, v: &Value) -> Option<String> {
        if let Some(o) = self.get(v) {
            if let Some(n) = str_of(o, "name") {
                return Some(n.to_owned());
            }
        }
        v.as_str()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    }
}

fn str_of<'a>(o: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    o.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn list<'a>(o: &'a Map<String, Value>, key: &str) -> Vec<&'a Value> {
    match o.get(key) {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(v) => vec![v],
    }
}

fn option_of(s: &str) -> Option<&'static str> {
    match s.trim().to_lowercase().as_str() {
        "yes" | "voor" => Some("voor"),
        "no" | "tegen" => Some("tegen"),
        "abstain" | "onthouden" => Some("onthouden"),
        "absent" | "afwezig" | "not voting" => Some("afwezig"),
        _ => None,
    }
}

pub fn read(v: &Value, names: &PartyNames) -> Batch {
    let mut batch = Batch::default();
    let mut graph = Graph {
        by_id: HashMap::new(),
    };
    let mut order = Vec::new();
    for (i, o) in records(v).into_iter().enumerate() {
        match id_of(&o) {
            Some(id) => {
                order.push(id.clone());
                graph.by_id.insert(id, o);
            }
            None => batch.problem(format!("record {}", i + 1), "a record without @id"),
        }
    }
    let of_type = |t: &str| -> Vec<(String, &Map<String, Value>)> {
        order
            .iter()
            .filter_map(|id| graph.by_id.get(id).map(|o| (id.clone(), o)))
            .filter(|(_, o)| type_of(o) == Some(t))
            .collect()
    };
    // The agenda items below each meeting or item.
    let mut children: HashMap<String, Vec<String>> = HashMap::new();
    for (id, item) in of_type("AgendaItem") {
        let parent = item.get("parent").and_then(|p| graph.ref_id(p));
        match parent {
            Some(p) => children.entry(p).or_default().push(id),
            None => {
                let owner = of_type("Meeting").into_iter().find(|(_, m)| {
                    list(m, "agenda")
                        .into_iter()
                        .any(|a| graph.ref_id(a).as_deref() == Some(id.as_str()))
                });
                match owner {
                    Some((m, _)) => children.entry(m).or_default().push(id),
                    None => batch.problem(&id, "an agenda item of no meeting (no parent)"),
                }
            }
        }
    }
    for (id, m) in of_type("Meeting") {
        let Some(start) = str_of(m, "start_date") else {
            batch.problem(&id, "a meeting without start_date");
            continue;
        };
        let Some(date) = parse_day(start) else {
            batch.problem(&id, format!("a start_date that is not a day: {start}"));
            continue;
        };
        let status_url = str_of(m, "status").unwrap_or("").to_lowercase();
        let status = if status_url.contains("cancel") {
            MeetingStatus::Cancelled
        } else if date <= chrono::Local::now().date_naive() {
            MeetingStatus::Held
        } else {
            MeetingStatus::Planned
        };
        let body = m
            .get("committee")
            .or(m.get("organization"))
            .and_then(|c| graph.name(c))
            .unwrap_or_else(|| "Gemeenteraad".into());
        let items = agenda(&graph, &children, &id, &mut batch, 0);
        batch.meetings.push(MeetingRec {
            id: id.clone(),
            body,
            date,
            start_time: time_of(start),
            end_time: str_of(m, "end_date").and_then(time_of),
            title: str_of(m, "name").map(str::to_owned),
            location: str_of(m, "location").map(str::to_owned),
            status,
            items,
            documents: Vec::new(),
        });
    }
    // Vote events by the motion they decide.
    let mut votes_of: HashMap<String, Vec<String>> = HashMap::new();
    for (id, ve) in of_type("VoteEvent") {
        match ve.get("motion").and_then(|m| graph.ref_id(m)) {
            Some(m) => votes_of.entry(m).or_default().push(id),
            None => batch.problem(&id, "a vote event without its motion"),
        }
    }
    for (id, m) in of_type("Motion") {
        let Some(name) = str_of(m, "name").or(str_of(m, "text")) else {
            batch.problem(&id, "a motion without name or text");
            continue;
        };
        let (number, title) = match str_of(m, "identifier") {
            Some(n) => (Some(n.to_owned()), name.to_owned()),
            None => split_number(name),
        };
        let mut rec = MotionRec::new(
            id.clone(),
            kind_of(str_of(m, "classification").unwrap_or("")),
        );
        rec.number = number;
        rec.title = Some(title);
        rec.date = str_of(m, "date").and_then(parse_day);
        let mut subs: Vec<Submitter> = Vec::new();
        for (key, role) in [("creator", "indiener"), ("cocreator", "mede-indiener")] {
            for c in list(m, key) {
                let Some(name) = graph.name(c) else { continue };
                let party = graph
                    .get(c)
                    .and_then(|p| p.get("member_of").or(p.get("party")))
                    .and_then(|p| graph.name(p))
                    .map(|p| names.canonical(&p));
                subs.push(Submitter {
                    name,
                    party,
                    role: role.into(),
                });
            }
        }
        rec.submitters = Some(subs);
        let mut events: Vec<String> = votes_of.remove(&id).unwrap_or_default();
        if let Some(ve) = m.get("vote_event").and_then(|v| graph.ref_id(v)) {
            if !events.contains(&ve) {
                events.push(ve);
            }
        }
        let mut outcome = str_of(m, "result").and_then(outcome_in);
        for ve_id in events {
            let Some(ve) = graph.by_id.get(&ve_id) else {
                continue;
            };
            match vote_event(&graph, ve, names) {
                Ok(vote) => rec.votes.push(vote),
                Err(what) => batch.problem(&ve_id, what),
            }
            outcome = outcome.or(str_of(ve, "result").and_then(outcome_in));
        }
        if let Some(o) = outcome {
            rec.status.push((rec.date, o));
        }
        batch.motions.push(rec);
    }
    batch
}

fn vote_event(
    graph: &Graph,
    ve: &Map<String, Value>,
    names: &PartyNames,
) -> Result<VoteRec, String> {
    let mut vote = VoteRec {
        date: str_of(ve, "start_date").and_then(parse_day),
        raw_text: str_of(ve, "result").map(str::to_owned),
        ..VoteRec::default()
    };
    let mut total = [0u32; 4];
    let mut any = [false; 4];
    for c in list(ve, "counts") {
        let Some(c) = graph.get(c) else { continue };
        let Some(option) = str_of(c, "option").and_then(option_of) else {
            return Err(format!(
                "a count with an unknown option: {:?}",
                c.get("option")
            ));
        };
        let raw = c.get("value").and_then(Value::as_u64).unwrap_or(0);
        let value = u32::try_from(raw)
            .map_err(|_| format!("a count of {raw} votes \"{option}\": not a number of votes"))?;
        let i = ["voor", "tegen", "onthouden", "afwezig"]
            .iter()
            .position(|o| *o == option)
            .unwrap_or(3);
        total[i] = total[i].checked_add(value).ok_or_else(|| {
            format!(
                "the counts of \"{option}\" add up to more than {} votes",
                u32::MAX
            )
        })?;
        any[i] = true;
        if let Some(group) = c.get("group").and_then(|g| graph.name(g)) {
            if value > 0 {
                vote.parties.push(PartyVoteRow {
                    party: names.canonical(&group),
                    option: option.into(),
                    seats: Some(value),
                });
            }
        }
    }
    for v in list(ve, "votes") {
        let Some(v) = graph.get(v) else { continue };
        let Some(voter) = v.get("voter").and_then(|p| graph.name(p)) else {
            return Err("a vote without its voter".into());
        };
        let Some(option) = str_of(v, "option").and_then(option_of) else {
            return Err(format!("{voter}: a vote with an unknown option"));
        };
        vote.members.push(MemberVote {
            name: voter,
            party: v
                .get("group")
                .and_then(|g| graph.name(g))
                .map(|g| names.canonical(&g)),
            option: option.into(),
        });
    }
    if !any.iter().any(|a| *a) && !vote.members.is_empty() {
        for m in &vote.members {
            let i = ["voor", "tegen", "onthouden", "afwezig"]
                .iter()
                .position(|o| *o == m.option)
                .unwrap_or(3);
            total[i] = total[i].saturating_add(1);
            any[i] = true;
        }
    }
    let pick = |i: usize| any[i].then_some(total[i]);
    vote.votes_for = pick(0);
    vote.votes_against = pick(1);
    vote.abstained = pick(2);
    vote.absent = pick(3);
    Ok(vote)
}

/// An agenda item's place: ORI stores it as a float (`meeting.py`: `position =
/// FloatProperty`, so JSON `3.0`), older records as an integer.
fn position(item: &Map<String, Value>) -> Option<i64> {
    let p = item.get("position")?;
    p.as_i64().or_else(|| {
        p.as_f64()
            .filter(|f| f.is_finite())
            .map(|f| f.round() as i64)
    })
}

fn agenda(
    graph: &Graph,
    children: &HashMap<String, Vec<String>>,
    parent: &str,
    batch: &mut Batch,
    depth: usize,
) -> Vec<ItemRec> {
    if depth > 16 {
        batch.problem(parent, "agenda items nested more than 16 levels deep");
        return Vec::new();
    }
    let mut ids: Vec<&String> = children
        .get(parent)
        .map(|c| c.iter().collect())
        .unwrap_or_default();
    ids.sort_by_key(|id| graph.by_id.get(*id).and_then(position).unwrap_or(i64::MAX));
    let mut out = Vec::new();
    for id in ids {
        let Some(item) = graph.by_id.get(id) else {
            continue;
        };
        let Some(title) = str_of(item, "name") else {
            batch.problem(id, "an agenda item without name");
            continue;
        };
        let docs: Vec<String> = list(item, "attachment")
            .into_iter()
            .filter_map(|a| {
                let a = graph.get(a)?;
                let name = str_of(a, "name")?;
                Some(match str_of(a, "original_url").or(str_of(a, "url")) {
                    Some(url) => format!("- {name} <{url}>"),
                    None => format!("- {name}"),
                })
            })
            .collect();
        out.push(ItemRec {
            id: id.clone(),
            number: str_of(item, "raw_position")
                .map(str::to_owned)
                .or_else(|| position(item).map(|p| p.to_string())),
            title: title.to_owned(),
            description: (!docs.is_empty()).then(|| format!("Stukken:\n{}", docs.join("\n"))),
            items: agenda(graph, children, id, batch, depth + 1),
            motions: list(item, "motion")
                .into_iter()
                .filter_map(|m| graph.ref_id(m))
                .collect(),
            documents: Vec::new(),
        });
    }
    out
}
