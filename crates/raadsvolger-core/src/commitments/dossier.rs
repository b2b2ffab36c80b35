//! A dossier: everything the archive holds on one council number or topic, across meetings,
//! in time order — documents, the agenda items they were on, motions and their votes, and the
//! commitments they gave.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::Result;
use crate::model::DocId;
use crate::tx::Read;
use crate::{CommitmentQuery, SearchRequest};

/// How many search hits make up a topic's dossier at most.
const TOPIC_DOCUMENTS: usize = 500;

/// One entry of a dossier's timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DossierEntry {
    pub date: Option<NaiveDate>,
    /// document, agendapunt, motie, stemming, toezegging
    pub what: &'static str,
    pub id: i64,
    pub title: String,
    /// A short line: the kind of document, the meeting, the outcome, the flag.
    pub detail: String,
}

/// A dossier with its timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dossier {
    pub query: String,
    /// True when the query was read as a council number.
    pub by_number: bool,
    pub entries: Vec<DossierEntry>,
}

fn is_council_number(q: &str) -> bool {
    let q = q.trim();
    q.len() >= 4
        && q.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
}

fn numbered(number: Option<&str>, q: &str) -> bool {
    number.is_some_and(|n| {
        n == q || n.starts_with(&format!("{q}.")) || n.starts_with(&format!("{q}-"))
    })
}

/// Everything on one council number ("23161" takes in "23161.001") or, for other words, on
/// the documents a search for them finds; as of `as_of` for the commitments' flags.
pub(crate) fn dossier(r: &Read<'_>, query: &str, as_of: NaiveDate) -> Result<Dossier> {
    let q = query.trim();
    let by_number = is_council_number(q);
    let mut docs: HashSet<DocId> = HashSet::new();
    if by_number {
        docs.extend(r.reader()?.documents_numbered(q)?);
    } else {
        let mut request = SearchRequest::new(q);
        request.limit = TOPIC_DOCUMENTS;
        docs.extend(r.search(&request)?.hits.into_iter().map(|h| h.id));
    }
    let motions: Vec<crate::register::Motion> = crate::register::motions::motions(r)?
        .into_iter()
        .filter(|m| {
            (by_number && numbered(m.number.as_deref(), q))
                || m.document_id.is_some_and(|d| docs.contains(&d))
                || m.vote_sources.iter().any(|d| docs.contains(d))
        })
        .collect();
    let motion_ids: HashSet<i64> = motions.iter().map(|m| m.id).collect();
    let mut entries = Vec::new();
    for id in &docs {
        let d = r.document(*id)?;
        entries.push(DossierEntry {
            date: d.date,
            what: "document",
            id: d.id,
            title: d.title.clone(),
            detail: d.kind.label_nl().to_owned(),
        });
        let placed = r.reader()?.items_of_document(*id)?;
        for (item, meeting) in placed {
            let m = r.reader()?.get_meeting(meeting)?;
            let a = r.reader()?.get_agenda_item(item)?;
            if entries
                .iter()
                .any(|e: &DossierEntry| e.what == "agendapunt" && e.id == item)
            {
                continue;
            }
            entries.push(DossierEntry {
                date: Some(m.date),
                what: "agendapunt",
                id: item,
                title: a.title,
                detail: format!(
                    "{} {}{}",
                    m.body,
                    m.date.format("%d-%m-%Y"),
                    a.number.map(|n| format!(", punt {n}")).unwrap_or_default()
                ),
            });
        }
    }
    for m in &motions {
        entries.push(DossierEntry {
            date: m.date,
            what: "motie",
            id: m.id,
            title: m.title.clone(),
            detail: format!(
                "{}{}",
                m.kind.label_nl(),
                m.number
                    .as_deref()
                    .map(|n| format!(" {n}"))
                    .unwrap_or_default()
            ),
        });
        for v in &m.votes {
            let counts = match (v.votes_for, v.votes_against) {
                (Some(f), Some(a)) => format!("{f} voor, {a} tegen"),
                _ if v.unanimous => "unaniem".into(),
                _ => "stemming".into(),
            };
            entries.push(DossierEntry {
                date: v.date,
                what: "stemming",
                id: v.id,
                title: m.title.clone(),
                detail: format!(
                    "{counts}{}",
                    m.outcome
                        .map(|o| format!(": {}", o.as_str()))
                        .unwrap_or_default()
                ),
            });
        }
    }
    for c in crate::commitments::commitments(r, as_of, &CommitmentQuery::default())? {
        let ours = c.source.document_id.is_some_and(|d| docs.contains(&d))
            || c.motion_id.is_some_and(|m| motion_ids.contains(&m));
        if ours {
            entries.push(DossierEntry {
                date: c.source.date,
                what: "toezegging",
                id: c.id,
                title: c.text.clone(),
                detail: format!(
                    "{}{}",
                    c.flag.label_nl(),
                    c.due
                        .map(|d| format!(", termijn {}", d.format("%d-%m-%Y")))
                        .unwrap_or_default()
                ),
            });
        }
    }
    let order = |w: &str| {
        ["agendapunt", "document", "motie", "stemming", "toezegging"]
            .iter()
            .position(|x| *x == w)
    };
    entries.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then(order(a.what).cmp(&order(b.what)))
            .then(a.id.cmp(&b.id))
    });
    Ok(Dossier {
        query: q.to_owned(),
        by_number,
        entries,
    })
}
