//! What the extractors found in documents, written into the register.
//!
//! The vote events found in each document (`vote_events`, written at import) are merged into
//! voted items as before ([`merge_motions`]); each item is then found again
//! in the register by its number or title and its extracted facts (submitters, votes, status
//! changes of provenance `extracted`) are written anew. Facts a person entered or a register
//! imported are never touched, and fields a person corrected stay as they are. Extracted motions
//! that no document names any more, and that hold nothing else, are removed. Ids stay.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::motions::{motion_key, motion_key_in};
use super::text::{PartyNames, parse_submitter};
use super::{PartyVoteRow, Provenance, SUBMITTED};
use crate::error::Result;
use crate::extract::item_titles::title_key;
use crate::model::{DocId, DocKind, ExtractedMotion, VoteEvent};
use crate::store::Store;
use crate::store::commitments::DocHead;
use crate::store::motions::{MotionFields, VoteFields};
use crate::tx::Tx;

/// The settings key that records which extractor version last wrote the register.
pub(crate) const SYNCED_KEY: &str = "register.extracted";

/// Writes what extraction found into the register (after an import, a new version or a
/// delete). Runs inside the caller's write lock.
pub(crate) fn sync_extracted(tx: &Tx<'_>) -> Result<()> {
    let names = PartyNames::new(&tx.store()?.list_parties()?);
    tx.store()?.atomically(|s| sync(s, &names, None))
}

/// [`Archive::sync_extracted_locked`] after documents were only added: the register's
/// motions that none of `added` speaks of are as the last sync wrote them, so only the
/// others are written again. An import into a large archive then costs in proportion to
/// what it brought, not to the archive (40 imports of 25,000 files rewrote every motion
/// 40 times). A new version of a document, or a deletion, needs the whole sync: a motion
/// may lose what that document said of it.
pub(crate) fn sync_extracted_added(tx: &Tx<'_>, added: &HashSet<DocId>) -> Result<()> {
    let names = PartyNames::new(&tx.store()?.list_parties()?);
    tx.store()?.atomically(|s| sync(s, &names, Some(added)))
}

fn sync(s: &mut Store, names: &PartyNames, added: Option<&HashSet<DocId>>) -> Result<()> {
    let heads = s.doc_heads()?;
    let date_of = |doc: DocId| -> Option<NaiveDate> {
        heads
            .binary_search_by_key(&doc, |h| h.id)
            .ok()
            .and_then(|i| heads[i].date)
    };
    let merged = merge_motions(&heads, &s.vote_event_rows()?);
    let mut keep = Vec::with_capacity(merged.len());
    for m in &merged {
        let first_doc = m.document_id.or(m.events.first().map(|(d, _)| *d));
        let key = motion_key_in(m.number.as_deref(), &m.title, first_doc, m.kind);
        let by_title = motion_key(None, &m.title);
        // A motion a register holds whose text is this document (a download attached it)
        // is this motion: its own fields stay the register's.
        let claimed = match m.document_id {
            Some(doc) => s.find_motion_claiming(doc)?,
            None => None,
        };
        let existing = claimed
            .or(match &key {
                Some(k) => s.find_motion_by_key(k)?,
                None => None,
            })
            .or(match &by_title {
                Some(k) if by_title != key => s.find_motion_by_key(k)?,
                _ => None,
            });
        if let (Some(added), Some(id)) = (added, existing) {
            let speaks_of_it = m.document_id.is_some_and(|d| added.contains(&d))
                || m.events.iter().any(|(d, _)| added.contains(d));
            if !speaks_of_it {
                keep.push(id);
                continue;
            }
        }
        let prov_motion = Provenance::extracted(first_doc.unwrap_or_default());
        // A motion known only from reports of its vote is dated by that vote.
        let date = match m.document_id {
            Some(_) => m.date,
            None => m
                .events
                .iter()
                .filter_map(|(doc, e)| e.date.or(date_of(*doc)))
                .min()
                .or(m.date),
        };
        let fields = MotionFields {
            kind: m.kind,
            number: m.number.as_deref(),
            title: &m.title,
            date,
            agenda_item_id: None,
            document_id: m.document_id,
        };
        let id = match existing {
            Some(id) if claimed == Some(id) => id,
            Some(id) => {
                s.update_motion_fields(id, key.as_deref(), &fields)?;
                id
            }
            None => s.insert_motion(key.as_deref(), &fields, &prov_motion)?,
        };
        keep.push(id);
        s.delete_extracted_facts(id)?;
        let subs: Vec<_> = m
            .submitters
            .iter()
            .enumerate()
            .map(|(i, text)| {
                parse_submitter(
                    text,
                    names,
                    if i == 0 { "indiener" } else { "mede-indiener" },
                )
            })
            .collect();
        s.set_submitters(id, &subs, &prov_motion)?;
        if m.kind != DocKind::Raadsvoorstel {
            if let (Some(doc), Some(date)) = (m.document_id, m.date) {
                s.insert_status(id, Some(date), SUBMITTED, None, &Provenance::extracted(doc))?;
            }
        }
        for (doc, e) in &m.events {
            let prov = Provenance::extracted(*doc);
            let date = e.date.or(date_of(*doc));
            let parties: Vec<PartyVoteRow> = e
                .party_votes
                .iter()
                .map(|p| PartyVoteRow {
                    party: names.canonical(&p.party),
                    option: p.option.clone(),
                    seats: None,
                })
                .collect();
            let members: Vec<super::MemberVote> = e
                .members
                .iter()
                .map(|m| super::MemberVote {
                    name: m.name.clone(),
                    party: m.party.as_deref().map(|p| names.canonical(p)),
                    option: m.option.clone(),
                })
                .collect();
            let counted = e.votes_for.is_some() || e.votes_against.is_some() || e.unanimous;
            let vote_id = if counted || !parties.is_empty() || !members.is_empty() {
                Some(s.insert_vote(
                    id,
                    &VoteFields {
                        date,
                        votes_for: e.votes_for,
                        votes_against: e.votes_against,
                        unanimous: e.unanimous,
                        method: e.method.as_deref(),
                        ..VoteFields::default()
                    },
                    &parties,
                    &members,
                    &prov,
                )?)
            } else {
                None
            };
            if let Some(outcome) = e.outcome {
                s.insert_status(id, date, outcome.as_str(), vote_id, &prov)?;
            }
        }
    }
    s.delete_stale_extracted_motions(&keep)?;
    s.set_setting(SYNCED_KEY, super::EXTRACTOR_VERSION)?;
    Ok(())
}

/// Merges the vote events of all documents into voted items.
pub fn merge_motions(heads: &[DocHead], events: &[(DocId, VoteEvent)]) -> Vec<ExtractedMotion> {
    let head_of: HashMap<DocId, &DocHead> = heads.iter().map(|h| (h.id, h)).collect();
    let mut motions: Vec<ExtractedMotion> = Vec::new();
    let mut by_number: HashMap<String, usize> = HashMap::new();
    let mut by_title: HashMap<String, usize> = HashMap::new();
    // Own documents first, so the items they describe exist before the votes that refer to them.
    let (own, others): (Vec<_>, Vec<_>) = events.iter().partition(|(_, e)| e.about_self);
    for (doc_id, e) in own.into_iter().chain(others) {
        let head = head_of.get(doc_id);
        let key = e.title.as_deref().map(title_key).filter(|k| !k.is_empty());
        // A place in a meeting's order ("motie 3") names an item only within its document.
        let number = e.number.as_ref().map(|n| {
            if crate::register::motions::is_list_number(n) {
                let kind = e.item_kind.unwrap_or(DocKind::Motie);
                format!("{n}@{doc_id}/{}", kind.as_str())
            } else {
                n.clone()
            }
        });
        let found = number
            .as_ref()
            .and_then(|n| by_number.get(n))
            .or_else(|| key.as_ref().and_then(|k| by_title.get(k)))
            .copied();
        let idx = match found {
            Some(i) => i,
            // Prose that names neither a number nor a title is too loose to make an item of.
            None if !e.about_self && e.number.is_none() && !e.listed && e.title.is_none() => {
                continue;
            }
            None => {
                let i = motions.len();
                motions.push(ExtractedMotion {
                    id: if e.about_self {
                        format!("doc-{doc_id}")
                    } else {
                        format!("vote-{doc_id}-{i}")
                    },
                    number: e.number.clone(),
                    title: e.title.clone().unwrap_or_else(|| "(zonder titel)".into()),
                    kind: e.item_kind.unwrap_or(DocKind::Motie),
                    date: head.and_then(|h| h.date),
                    outcome: None,
                    votes_for: None,
                    votes_against: None,
                    unanimous: false,
                    submitters: Vec::new(),
                    party_votes: Vec::new(),
                    document_id: e.about_self.then_some(*doc_id),
                    vote_sources: Vec::new(),
                    events: Vec::new(),
                });
                i
            }
        };
        let m = &mut motions[idx];
        m.events.push((*doc_id, e.clone()));
        if let (Some(n), Some(scoped)) = (&e.number, number) {
            by_number.entry(scoped).or_insert(idx);
            m.number.get_or_insert_with(|| n.clone());
        }
        if let Some(k) = key {
            by_title.entry(k).or_insert(idx);
        }
        if e.about_self {
            m.document_id.get_or_insert(*doc_id);
        } else if !m.vote_sources.contains(doc_id) {
            m.vote_sources.push(*doc_id);
        }
        m.outcome = m.outcome.or(e.outcome);
        m.votes_for = m.votes_for.or(e.votes_for);
        m.votes_against = m.votes_against.or(e.votes_against);
        m.unanimous |= e.unanimous;
        if m.submitters.is_empty() {
            m.submitters = e.submitters.clone();
        }
        if m.party_votes.is_empty() {
            m.party_votes = e.party_votes.clone();
        }
    }
    motions.sort_by(|a, b| a.date.cmp(&b.date).then(a.title.cmp(&b.title)));
    motions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Outcome;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("a day")
    }

    #[test]
    fn motions_merge_by_number_and_title() {
        let heads = vec![
            DocHead {
                id: 1,
                kind: "motie".into(),
                title: "Motie Doelgericht".into(),
                date: Some(d(2023, 10, 12)),
            },
            DocHead {
                id: 2,
                kind: "besluitenlijst".into(),
                title: "Besluitenlijst".into(),
                date: Some(d(2023, 10, 12)),
            },
        ];
        let own = VoteEvent {
            number: Some("23161.001".into()),
            title: Some("Motie Doelgericht".into()),
            item_kind: Some(DocKind::Motie),
            about_self: true,
            ..VoteEvent::default()
        };
        let line = VoteEvent {
            number: Some("23161.001".into()),
            outcome: Some(Outcome::Aangenomen),
            votes_for: Some(34),
            votes_against: Some(4),
            ..VoteEvent::default()
        };
        let other = VoteEvent {
            number: Some("23161".into()),
            title: Some("Raadsvoorstel Mensenhandel".into()),
            item_kind: Some(DocKind::Raadsvoorstel),
            outcome: Some(Outcome::Aangenomen),
            votes_for: Some(38),
            votes_against: Some(0),
            unanimous: true,
            ..VoteEvent::default()
        };
        let motions = merge_motions(&heads, &[(2, line), (1, own), (2, other)]);
        assert_eq!(motions.len(), 2);
        let m = motions
            .iter()
            .find(|m| m.number.as_deref() == Some("23161.001"))
            .expect("motion");
        assert_eq!(
            (m.document_id, m.votes_for, m.votes_against),
            (Some(1), Some(34), Some(4))
        );
        assert_eq!(m.vote_sources, vec![2]);
        assert_eq!(m.outcome, Some(Outcome::Aangenomen));
    }
}
