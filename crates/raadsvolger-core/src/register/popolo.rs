//! Popolo JSON (<https://www.popoloproject.com>), the open standard Open Raadsinformatie and
//! parliamentary monitors use: organizations, people, memberships, events (meetings, and agenda
//! items as their sub-events), motions and vote events with counts and votes.
//!
//! Raadsvolger writes a few fields Popolo leaves open, named plainly: a motion's `outcome_history`
//! and its `document`, a vote event's `party_votes` and `unanimous`, an agenda item's
//! `documents`. Reading accepts files without them. A record that cannot be read is reported
//! with its id and skipped; the others go in, in one transaction.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::{Map, Value, json};

use super::meetings::Meeting;
use super::text::{PartyNames, parse_submitter};
use super::{MeetingStatus, PartyVoteRow, Provenance};
use crate::error::{Error, Result};
use crate::model::{DocId, DocKind};
use crate::store::Store;
use crate::store::meetings::MeetingFields;
use crate::store::motions::{MotionFields, VoteFields};
use crate::tx::{Read, Tx};

pub use crate::sources::is_popolo;

fn option_to_popolo(o: &str) -> &'static str {
    match o {
        "voor" => "yes",
        "tegen" => "no",
        "onthouden" => "abstain",
        _ => "absent",
    }
}

fn option_from_popolo(o: &str) -> Option<&'static str> {
    match o {
        "yes" | "aye" | "voor" => Some("voor"),
        "no" | "nay" | "tegen" => Some("tegen"),
        "abstain" | "abstention" | "onthouden" => Some("onthouden"),
        "absent" | "not voting" | "afwezig" => Some("afwezig"),
        _ => None,
    }
}

fn slug(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join("-")
}

/// The register as one Popolo JSON document.
pub(crate) fn export_popolo(r: &Read<'_>) -> Result<Value> {
    let motions = crate::register::motions::motions(r)?;
    let meetings = crate::register::meetings::meetings(r, None, None)?;
    let (parties, people) = (
        crate::register::motions::parties(r)?,
        crate::register::motions::people(r)?,
    );
    let mut organizations: Vec<Value> = parties
        .iter()
        .map(|p| {
            json!({"id": format!("party:{}", slug(&p.name)), "name": p.name,
                   "classification": "party", "abbreviation": p.abbreviation,
                   "other_names": p.aliases.iter().map(|a| json!({"name": a})).collect::<Vec<_>>()})
        })
        .collect();
    let mut bodies: Vec<&str> = meetings.iter().map(|m| m.body.as_str()).collect();
    bodies.sort();
    bodies.dedup();
    organizations.extend(bodies.iter().map(
        |b| json!({"id": format!("body:{}", slug(b)), "name": b, "classification": "council"}),
    ));
    let person_id: HashMap<&str, String> = people
        .iter()
        .map(|p| (p.name.as_str(), format!("person:{}", p.id)))
        .collect();
    let people_json: Vec<Value> = people
        .iter()
        .map(|p| json!({"id": format!("person:{}", p.id), "name": p.name, "role": p.role}))
        .collect();
    let memberships: Vec<Value> = people
        .iter()
        .flat_map(|p| {
            p.parties.iter().map(move |party| {
                json!({"person_id": format!("person:{}", p.id),
                       "organization_id": format!("party:{}", slug(party))})
            })
        })
        .collect();
    let mut events = Vec::new();
    for m in &meetings {
        events.push(meeting_event(m));
        let detail = crate::register::meetings::meeting(r, m.id)?;
        let mut stack: Vec<&super::AgendaItem> = detail.agenda.iter().collect();
        while let Some(item) = stack.pop() {
            let docs: Vec<Value> = item
                .documents
                .iter()
                .map(|d| json!({"document_id": d.id, "title": d.title, "role": d.role}))
                .collect();
            events.push(json!({
                "id": format!("item:{}", item.id),
                "parent_id": item.parent_id.map(|p| format!("item:{p}"))
                    .unwrap_or_else(|| format!("meeting:{}", m.id)),
                "classification": "agenda_item", "identifier": item.number,
                "name": item.title, "description": item.description,
                "position": item.position, "documents": docs,
            }));
            stack.extend(item.items.iter());
        }
    }
    let mut motions_json = Vec::new();
    let mut votes_json = Vec::new();
    for m in &motions {
        motions_json.push(json!({
            "id": format!("motion:{}", m.id),
            "identifier": m.number, "text": m.title, "classification": m.kind,
            "date": m.date, "result": m.outcome,
            "legislative_session_id": m.meeting_id.map(|i| format!("meeting:{i}")),
            "agenda_item_id": m.agenda_item_id.map(|i| format!("item:{i}")),
            "creators": m.submitter_records.iter().map(|s| json!({
                "name": s.name, "party": s.party, "role": s.role,
                "person_id": person_id.get(s.name.as_str()),
            })).collect::<Vec<_>>(),
            "document": m.document_id,
            "outcome_history": m.outcome_history.iter().map(|h| json!({
                "date": h.date, "outcome": h.outcome, "source": h.source,
            })).collect::<Vec<_>>(),
        }));
        for v in &m.votes {
            let mut counts = Vec::new();
            for (option, value) in [
                ("yes", v.votes_for),
                ("no", v.votes_against),
                ("abstain", v.abstained),
                ("absent", v.absent),
            ] {
                if let Some(value) = value {
                    counts.push(json!({"option": option, "value": value}));
                }
            }
            votes_json.push(json!({
                "id": format!("vote:{}", v.id),
                "motion_id": format!("motion:{}", m.id),
                "start_date": v.date,
                "legislative_session_id": v.meeting_id.map(|i| format!("meeting:{i}")),
                "method": v.method, "unanimous": v.unanimous, "counts": counts,
                "party_votes": v.party_votes.iter().map(|p| json!({
                    "group_id": format!("party:{}", slug(&p.party)), "group": p.party,
                    "option": option_to_popolo(&p.option), "seats": p.seats,
                })).collect::<Vec<_>>(),
                "votes": v.member_votes.iter().map(|mv| json!({
                    "voter_id": person_id.get(mv.name.as_str()), "voter": mv.name,
                    "group": mv.party, "option": option_to_popolo(&mv.option),
                })).collect::<Vec<_>>(),
                "raw_text": v.raw_text,
            }));
        }
    }
    Ok(json!({
        "generator": "Raadsvolger",
        "organizations": organizations, "people": people_json, "memberships": memberships,
        "events": events, "motions": motions_json, "vote_events": votes_json,
    }))
}

/// Reads a Popolo JSON document into the register, records from `system` (`popolo` for a
/// file). Records imported before are updated in place; what a person entered stays.
/// Returns (records written, problems: one line per record that was skipped).
pub(crate) fn import_popolo(
    tx: &Tx<'_>,
    value: &Value,
    system: &str,
) -> Result<(usize, Vec<String>)> {
    let names = crate::register::motions::party_names(&tx.read())?;
    tx.store()?
        .atomically(|s| read_popolo(s, value, system, &names))
}

fn meeting_event(m: &Meeting) -> Value {
    json!({
        "id": format!("meeting:{}", m.id), "classification": "meeting",
        "organization_id": format!("body:{}", slug(&m.body)), "organization": m.body,
        "name": m.title, "start_date": m.date, "start_time": m.time, "end_time": m.end_time,
        "location": m.location, "status": m.status,
    })
}

fn str_of<'a>(o: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    o.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
}

fn id_of(o: &Map<String, Value>) -> Option<String> {
    match o.get("id") {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

fn date_of(o: &Map<String, Value>, key: &str) -> Option<NaiveDate> {
    str_of(o, key)
        .and_then(|s| s.get(..10))
        .and_then(|s| s.parse().ok())
}

fn count_of(v: &Value) -> Option<u32> {
    v.as_u64().map(|n| n.min(u32::MAX as u64) as u32)
}

/// A document named by a record: by id (a Raadsvolger export), else by source path or identity.
fn document_ref(s: &Store, v: &Value) -> Result<Option<DocId>> {
    let o = match v {
        Value::Number(n) => return Ok(n.as_i64().filter(|id| s.get(*id).is_ok())),
        Value::Object(o) => o,
        _ => return Ok(None),
    };
    if let Some(source) = str_of(o, "source") {
        return s.find_by_source(source);
    }
    match o.get("document_id").and_then(Value::as_i64) {
        Some(id) if s.get(id).is_ok() => Ok(Some(id)),
        _ => Ok(None),
    }
}

fn read_popolo(
    s: &mut Store,
    value: &Value,
    system: &str,
    names: &PartyNames,
) -> Result<(usize, Vec<String>)> {
    let root = value
        .as_object()
        .ok_or_else(|| Error::InvalidInput("Popolo: the file is not a JSON object".into()))?;
    let list = |k: &str| {
        root.get(k)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let mut written = 0;
    let mut problems = Vec::new();
    let prov = |id: &str| Provenance::register(system, id);
    let mut local: HashMap<String, (char, i64)> = HashMap::new();
    for org in list("organizations") {
        if let Some(o) = org.as_object() {
            if str_of(o, "classification") == Some("party") {
                if let Some(name) = str_of(o, "name") {
                    s.upsert_party(name, str_of(o, "abbreviation"), system)?;
                }
            }
        }
    }
    // The parties the file brought are known from here on.
    let parties = PartyNames::new(&s.list_parties()?);
    let names = if root.contains_key("organizations") {
        &parties
    } else {
        names
    };
    for p in list("people") {
        let Some(o) = p.as_object() else { continue };
        let (Some(id), Some(name)) = (id_of(o), str_of(o, "name")) else {
            problems.push(format!("person {:?}: no id or name", o.get("id")));
            continue;
        };
        let person = s.upsert_person(name, str_of(o, "role"), &prov(&id))?;
        local.insert(id, ('p', person));
        written += 1;
    }
    for m in list("memberships") {
        let Some(o) = m.as_object() else { continue };
        let person = str_of(o, "person_id")
            .and_then(|p| local.get(p))
            .map(|(_, id)| *id);
        let party = str_of(o, "organization_id").and_then(|p| p.strip_prefix("party:"));
        if let (Some(person), Some(party)) = (person, party) {
            s.add_membership(
                person,
                &names.canonical(&party.replace('-', " ")),
                str_of(o, "start_date"),
            )?;
        }
    }
    // Meetings first, then agenda items (parents before children, whatever the file's order).
    let events = list("events");
    for e in &events {
        let Some(o) = e.as_object() else { continue };
        if o.get("parent_id").is_some_and(|p| !p.is_null()) {
            continue;
        }
        let Some(id) = id_of(o) else {
            problems.push("event without id: skipped".into());
            continue;
        };
        let Some(date) = date_of(o, "start_date") else {
            problems.push(format!("event {id}: no start_date (YYYY-MM-DD)"));
            continue;
        };
        let time = str_of(o, "start_time").map(str::to_owned).or_else(|| {
            str_of(o, "start_date")
                .and_then(|d| d.get(11..16))
                .map(str::to_owned)
        });
        let fields = MeetingFields {
            body: str_of(o, "organization").unwrap_or("Gemeenteraad"),
            date,
            start_time: time.as_deref(),
            end_time: str_of(o, "end_time"),
            title: str_of(o, "name"),
            location: str_of(o, "location"),
            status: str_of(o, "status")
                .and_then(MeetingStatus::parse)
                .unwrap_or(MeetingStatus::Planned),
        };
        let p = prov(&id);
        let meeting = match s.find_meeting_by_ref(&p.to_json())? {
            Some(m) => {
                // A meeting a person changed stays as they wrote it.
                if !s.is_user_edited(false, m)? {
                    s.update_meeting(m, &fields)?;
                }
                m
            }
            None => s.insert_meeting(&fields, &p)?,
        };
        local.insert(id, ('m', meeting));
        written += 1;
    }
    let mut pending: Vec<&Value> = events
        .iter()
        .filter(|e| e.get("parent_id").is_some_and(|p| !p.is_null()))
        .collect();
    while !pending.is_empty() {
        let before = pending.len();
        let mut later = Vec::new();
        for e in pending {
            let Some(o) = e.as_object() else { continue };
            let Some(id) = id_of(o) else { continue };
            let parent = str_of(o, "parent_id").and_then(|p| local.get(p)).copied();
            let Some((parent_kind, parent_id)) = parent else {
                later.push(e);
                continue;
            };
            let meeting = match parent_kind {
                'm' => parent_id,
                _ => s.get_agenda_item(parent_id)?.meeting_id,
            };
            let parent_item = (parent_kind == 'i').then_some(parent_id);
            let title = str_of(o, "name").unwrap_or("(zonder titel)");
            let p = prov(&id);
            let item = match s.find_agenda_item_by_ref(&p.to_json())? {
                Some(item) => {
                    if !s.is_user_edited(true, item)? {
                        s.update_agenda_item(
                            item,
                            str_of(o, "identifier"),
                            title,
                            str_of(o, "description"),
                        )?;
                    }
                    item
                }
                None => s.insert_agenda_item(
                    meeting,
                    parent_item,
                    str_of(o, "identifier"),
                    title,
                    str_of(o, "description"),
                    o.get("position").and_then(Value::as_i64),
                    &p,
                )?,
            };
            for d in o
                .get("documents")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                match document_ref(s, d)? {
                    Some(doc) => {
                        let role = d.get("role").and_then(Value::as_str).map(str::to_owned);
                        let role = role.unwrap_or_else(|| {
                            super::default_role(
                                s.get(doc).map(|d| d.kind).unwrap_or(DocKind::Overig),
                            )
                            .into()
                        });
                        s.attach_document(item, doc, &role)?;
                    }
                    // The file names a document this archive does not hold (yet): the item
                    // goes in without it.
                    None => tracing::info!("event {id}: document {d} is not in the archive"),
                }
            }
            local.insert(id, ('i', item));
            written += 1;
        }
        if later.len() == before {
            for e in later {
                problems.push(format!(
                    "event {:?}: its parent_id names no event of the file",
                    e.get("id")
                ));
            }
            break;
        }
        pending = later;
    }
    for m in list("motions") {
        let Some(o) = m.as_object() else { continue };
        let Some(id) = id_of(o) else {
            problems.push("motion without id: skipped".into());
            continue;
        };
        let Some(title) = str_of(o, "text")
            .or(str_of(o, "title"))
            .or(str_of(o, "name"))
        else {
            problems.push(format!("motion {id}: no text or title"));
            continue;
        };
        let number = str_of(o, "identifier");
        let kind = str_of(o, "classification")
            .and_then(DocKind::parse)
            .unwrap_or(DocKind::Motie);
        let item = str_of(o, "agenda_item_id")
            .and_then(|i| local.get(i))
            .map(|(_, i)| *i);
        let document = match o.get("document") {
            Some(d) if !d.is_null() => document_ref(s, d)?,
            _ => None,
        };
        let fields = MotionFields {
            kind,
            number,
            title,
            date: date_of(o, "date"),
            agenda_item_id: item,
            document_id: document,
        };
        let p = prov(&id);
        let key = super::motions::motion_key(number, title);
        let motion = match s.find_motion_by_ref(&p.to_json())? {
            Some(existing) => {
                s.update_motion_fields(existing, key.as_deref(), &fields)?;
                s.delete_register_facts(existing)?;
                existing
            }
            None => s.insert_motion(key.as_deref(), &fields, &p)?,
        };
        let creators: Vec<super::Submitter> = o
            .get("creators")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|c| {
                let c = c.as_object()?;
                let name = str_of(c, "name")?;
                let text = match str_of(c, "party") {
                    Some(party) if party != name => format!("{name} ({party})"),
                    _ => name.to_owned(),
                };
                Some(parse_submitter(
                    &text,
                    names,
                    str_of(c, "role").unwrap_or("indiener"),
                ))
            })
            .collect();
        s.set_submitters(motion, &creators, &p)?;
        let history = o.get("outcome_history").and_then(Value::as_array);
        match history {
            Some(h) => {
                for entry in h {
                    let Some(e) = entry.as_object() else { continue };
                    if let Some(status) = str_of(e, "outcome").and_then(super::parse_status) {
                        s.insert_status(motion, date_of(e, "date"), &status, None, &p)?;
                    }
                }
            }
            None => {
                if let Some(status) = str_of(o, "result").and_then(super::parse_status) {
                    s.insert_status(motion, date_of(o, "date"), &status, None, &p)?;
                }
            }
        }
        local.insert(id, ('o', motion));
        written += 1;
    }
    for v in list("vote_events") {
        let Some(o) = v.as_object() else { continue };
        let Some(id) = id_of(o) else {
            problems.push("vote event without id: skipped".into());
            continue;
        };
        let Some(motion) = str_of(o, "motion_id")
            .and_then(|m| local.get(m))
            .map(|(_, m)| *m)
        else {
            problems.push(format!(
                "vote event {id}: its motion_id names no motion of the file"
            ));
            continue;
        };
        let mut counts: HashMap<&str, u32> = HashMap::new();
        for c in o
            .get("counts")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let option = c
                .get("option")
                .and_then(Value::as_str)
                .and_then(option_from_popolo);
            if let (Some(option), Some(value)) = (option, c.get("value").and_then(count_of)) {
                *counts.entry(option).or_default() += value;
            }
        }
        let party_votes: Vec<PartyVoteRow> = o
            .get("party_votes")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|p| {
                let p = p.as_object()?;
                let party = str_of(p, "group").map(str::to_owned).or_else(|| {
                    str_of(p, "group_id").map(|g| g.trim_start_matches("party:").replace('-', " "))
                })?;
                Some(PartyVoteRow {
                    party: names.canonical(&party),
                    option: option_from_popolo(str_of(p, "option")?)?.into(),
                    seats: p.get("seats").and_then(count_of),
                })
            })
            .collect();
        let members: Vec<super::MemberVote> = o
            .get("votes")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|m| {
                let m = m.as_object()?;
                Some(super::MemberVote {
                    name: str_of(m, "voter").or(str_of(m, "voter_id"))?.to_owned(),
                    party: str_of(m, "group").map(|g| names.canonical(g)),
                    option: option_from_popolo(str_of(m, "option")?)?.into(),
                })
            })
            .collect();
        let meeting = str_of(o, "legislative_session_id")
            .and_then(|m| local.get(m))
            .map(|(_, m)| *m);
        s.insert_vote(
            motion,
            &VoteFields {
                meeting_id: meeting,
                date: date_of(o, "start_date"),
                method: str_of(o, "method"),
                votes_for: counts.get("voor").copied(),
                votes_against: counts.get("tegen").copied(),
                abstained: counts.get("onthouden").copied(),
                absent: counts.get("afwezig").copied(),
                unanimous: o.get("unanimous").and_then(Value::as_bool).unwrap_or(false),
                raw_text: str_of(o, "raw_text"),
            },
            &party_votes,
            &members,
            &prov(&id),
        )?;
        written += 1;
    }
    Ok((written, problems))
}
