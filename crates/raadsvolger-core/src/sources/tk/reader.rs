//! Tweede Kamer (its OData v4 API, JSON): cases (Zaak) of motions and amendments, the votes
//! on a decision (Stemming, one record per party with its seats, or per member in a roll
//! call, with its Besluit and the Besluit's Agendapunt and Zaak expanded), and toezeggingen.
//! Records marked as a mistake (Vergissing) or deleted (Verwijderd) are left out.
//!
//! The official publication of a motion (XML, `officiele-publicatie` with a `kamerstuk`) is the
//! motion's text: a document, imported as one ([`publication_markdown`]).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::extract::notation::PartyNames;
use crate::model::register::{MemberVote, PartyVoteRow};
use crate::model::{DocKind, Origin};
use crate::sources::{
    Batch, CommitmentRec, DocRef, MotionRec, VoteRec, actor_of, commitment_status, kind_of,
    outcome_in, parse_day,
};
use crate::text::xml::Element;

fn records(v: &Value) -> Vec<&Map<String, Value>> {
    match v {
        Value::Object(o) => match o.get("value") {
            Some(Value::Array(list)) => list.iter().filter_map(Value::as_object).collect(),
            _ => vec![o],
        },
        Value::Array(list) => list.iter().filter_map(Value::as_object).collect(),
        _ => Vec::new(),
    }
}

fn is_zaak(o: &Map<String, Value>) -> bool {
    o.contains_key("Nummer") && o.contains_key("Soort") && o.contains_key("Onderwerp")
}

fn is_stemming(o: &Map<String, Value>) -> bool {
    o.contains_key("Besluit_Id") && o.contains_key("Soort")
}

/// A decision with its votes expanded (`Besluit?$expand=Stemming`).
fn is_besluit(o: &Map<String, Value>) -> bool {
    o.contains_key("BesluitSoort") && o.get("Stemming").is_some_and(Value::is_array)
}

fn is_toezegging(o: &Map<String, Value>) -> bool {
    o.contains_key("Tekst") && (o.contains_key("DatumNakoming") || o.contains_key("Aanmaakdatum"))
}

pub fn recognises(v: &Value) -> bool {
    let list = records(v);
    !list.is_empty()
        && list
            .iter()
            .all(|o| is_besluit(o) || is_zaak(o) || is_stemming(o) || is_toezegging(o))
}

fn s<'a>(o: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    o.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn flag(o: &Map<String, Value>, key: &str) -> bool {
    o.get(key).and_then(Value::as_bool).unwrap_or(false)
}

/// How a motion's note names its parliamentary paper: "kamerstuk 36550-V-4". The paper's
/// publication, imported as a document, has that number as its council number
/// ([`publication_markdown`]), and is linked to the motion as its text by it.
pub const KAMERSTUK_NOTE: &str = "kamerstuk ";

/// The kamerstuk number of a case's motion document ("kst-36550-V-4" -> "36550-V-4").
fn kamerstuk(o: &Map<String, Value>) -> Option<String> {
    o.get("Document")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find_map(|d| {
            let ext = d
                .get("HuidigeDocumentVersie")
                .and_then(|v| v.get("ExterneIdentifier"))
                .and_then(Value::as_str)?;
            ext.strip_prefix("kst-").map(str::to_owned)
        })
}

/// The official publication of a case's motion (XML, the text with its dictum and
/// signatories), at the API's `DocumentPublicatie(<id>)/Resource`.
fn publications(o: &Map<String, Value>) -> Vec<DocRef> {
    o.get("Document")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|d| d.get("HuidigeDocumentVersie"))
        .flat_map(|v| {
            v.get("DocumentPublicatie")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        })
        .filter(|p| {
            p.get("DocumentType").and_then(Value::as_str) == Some("Xml")
                && !p
                    .get("Verwijderd")
                    .and_then(Value::as_bool)
                    .unwrap_or(false)
        })
        .filter_map(|p| {
            let id = p.get("Id").and_then(Value::as_str)?.trim().to_owned();
            let file = p.get("FileName").and_then(Value::as_str).map(str::to_owned);
            Some(DocRef {
                url: format!("{TK_API}/DocumentPublicatie({id})/Resource"),
                id: format!("publicatie:{id}"),
                title: file.clone(),
                file_name: file,
            })
        })
        .collect()
}

/// The address of the Tweede Kamer's OData API (a sync moves it to the source's own).
const TK_API: &str = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0";

/// A case as a motion; None (and a problem) when it cannot be read.
fn zaak(o: &Map<String, Value>, batch: &mut Batch) -> Option<MotionRec> {
    let Some(number) = s(o, "Nummer") else {
        batch.problem(s(o, "Id").unwrap_or("?"), "a Zaak without Nummer");
        return None;
    };
    let Some(title) = s(o, "Onderwerp").or(s(o, "Titel")) else {
        batch.problem(number, "a Zaak without Onderwerp");
        return None;
    };
    let mut m = MotionRec::new(number, kind_of(s(o, "Soort").unwrap_or("Motie")));
    m.number = Some(number.to_owned());
    m.title = Some(title.to_owned());
    m.date = s(o, "GestartOp").and_then(parse_day);
    m.note = kamerstuk(o).map(|k| format!("{KAMERSTUK_NOTE}{k}"));
    m.documents = publications(o);
    Some(m)
}

pub fn read(v: &Value, names: &PartyNames) -> Batch {
    let mut batch = Batch::default();
    let mut decisions: BTreeMap<String, Vec<&Map<String, Value>>> = BTreeMap::new();
    for o in records(v) {
        if flag(o, "Verwijderd") || flag(o, "Vergissing") {
            continue;
        }
        if is_besluit(o) {
            // All of a decision's votes, whatever page of the listing it is on.
            let id = s(o, "Id").unwrap_or("?");
            let votes: Vec<&Map<String, Value>> = o
                .get("Stemming")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_object)
                .filter(|v| !flag(v, "Verwijderd") && !flag(v, "Vergissing"))
                .collect();
            decision(id, o, &votes, names, &mut batch);
        } else if is_stemming(o) {
            let id = s(o, "Besluit_Id").unwrap_or("?").to_owned();
            decisions.entry(id).or_default().push(o);
        } else if is_zaak(o) {
            if matches!(s(o, "Soort"), Some(k) if !k.to_lowercase().contains("motie") && !k.to_lowercase().contains("amendement"))
            {
                continue;
            }
            if let Some(m) = zaak(o, &mut batch) {
                batch.motions.push(m);
            }
        } else if is_toezegging(o) {
            toezegging(o, &mut batch);
        }
    }
    for (id, votes) in decisions {
        let Some(besluit) = votes
            .iter()
            .find_map(|v| v.get("Besluit").and_then(Value::as_object))
        else {
            batch.problem(
                &id,
                "Stemming records without their Besluit (expand Besluit)",
            );
            continue;
        };
        decision(&id, besluit, &votes, names, &mut batch);
    }
    batch
}

/// The votes of one decision, on the case (or cases) its agenda point holds.
fn decision(
    id: &str,
    besluit: &Map<String, Value>,
    votes: &[&Map<String, Value>],
    names: &PartyNames,
    batch: &mut Batch,
) {
    if flag(besluit, "Verwijderd") {
        return;
    }
    let zaken: Vec<&Map<String, Value>> = besluit
        .get("Agendapunt")
        .and_then(|a| a.get("Zaak"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .collect();
    if zaken.is_empty() {
        batch.problem(
            id,
            "a Besluit without its case (expand Agendapunt and Zaak)",
        );
        return;
    }
    let roll_call = s(besluit, "StemmingsSoort")
        .is_some_and(|k| k.to_lowercase().contains("hoofdelijk"))
        || votes.iter().any(|v| s(v, "Persoon_Id").is_some());
    let mut vote = VoteRec {
        method: s(besluit, "StemmingsSoort").map(str::to_lowercase),
        ..VoteRec::default()
    };
    let (mut yes, mut no, mut absent) = (0u32, 0u32, 0u32);
    for v in votes {
        let option = match s(v, "Soort").map(str::to_lowercase).as_deref() {
            Some("voor") => "voor",
            Some("tegen") => "tegen",
            Some("niet deelgenomen") => "afwezig",
            other => {
                batch.problem(
                    s(v, "Id").unwrap_or(id),
                    format!("a vote that is neither Voor, Tegen nor Niet deelgenomen: {other:?}"),
                );
                continue;
            }
        };
        let weight = if roll_call {
            1
        } else {
            v.get("FractieGrootte").and_then(Value::as_u64).unwrap_or(0) as u32
        };
        match option {
            "voor" => yes += weight,
            "tegen" => no += weight,
            _ => absent += weight,
        }
        let party = s(v, "ActorFractie").map(|p| names.canonical(p));
        if roll_call {
            vote.members.push(MemberVote {
                name: s(v, "ActorNaam").unwrap_or("?").to_owned(),
                party,
                option: option.into(),
            });
        } else if let Some(party) = party.or(s(v, "ActorNaam").map(|p| names.canonical(p))) {
            vote.parties.push(PartyVoteRow {
                party,
                option: option.into(),
                seats: Some(weight),
            });
        }
    }
    vote.votes_for = Some(yes);
    vote.votes_against = Some(no);
    vote.absent = (absent > 0).then_some(absent);
    vote.raw_text = s(besluit, "BesluitTekst").map(str::to_owned);
    let outcome = s(besluit, "BesluitSoort").and_then(outcome_in);
    for z in zaken {
        let Some(mut m) = zaak(z, batch) else {
            continue;
        };
        if m.kind != DocKind::Motie && m.kind != DocKind::Amendement {
            m.kind = DocKind::Motie;
        }
        m.facts = Some(format!("besluit:{id}"));
        if let Some(o) = &outcome {
            m.status.push((None, o.clone()));
        }
        m.votes.push(vote.clone());
        batch.motions.push(m);
    }
}

fn toezegging(o: &Map<String, Value>, batch: &mut Batch) {
    let Some(id) = s(o, "Nummer").or(s(o, "Id")) else {
        batch.problem("?", "a Toezegging without Nummer or Id");
        return;
    };
    let Some(text) = s(o, "Tekst") else {
        batch.problem(id, "a Toezegging without Tekst");
        return;
    };
    let who = [s(o, "Functie"), s(o, "Naam")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    // The day a status took effect is not recorded; the record's last change stands for it.
    let changed = s(o, "GewijzigdOp")
        .and_then(parse_day)
        .or(s(o, "DatumNakoming").and_then(parse_day));
    let status = s(o, "Status").and_then(commitment_status).zip(changed);
    batch.commitments.push(CommitmentRec {
        id: id.to_owned(),
        origin: Origin::Promise,
        text: text.to_owned(),
        actor: if who.is_empty() {
            "kabinet".into()
        } else {
            actor_of(&who)
        },
        made_on: s(o, "Aanmaakdatum").and_then(parse_day),
        due: s(o, "DatumNakoming").and_then(parse_day),
        status,
        motion: None,
    });
}

/// An official publication of a parliamentary paper (`officiele-publicatie` with a
/// `kamerstuk`).
pub fn is_publication(root: &Element) -> bool {
    root.name == "officiele-publicatie" && root.child("kamerstuk").is_some()
}

fn yaml_quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A publication (its XML) as a Markdown document to import: (file name, text); None when the
/// bytes are no publication.
pub fn publication_document(name: &str, bytes: &[u8]) -> Option<(String, String)> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if !text.starts_with('<') {
        return None;
    }
    let root = crate::text::xml::parse(name, text).ok()?;
    if !is_publication(&root) {
        return None;
    }
    let markdown = publication_markdown(&root)?;
    let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
    Some((format!("{stem}.md"), markdown))
}

/// The publication as a Markdown document with front matter: kind (motie or amendement by its
/// title), the title of the paper, its date, its number (dossier-ondernummer, as its
/// kamerstuk identifier has it: what a case names it by, [`KAMERSTUK_NOTE`]), and its
/// paragraphs.
pub fn publication_markdown(root: &Element) -> Option<String> {
    let stuk = root.find("stuk")?;
    let title = stuk.child_text("titel")?;
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let date = stuk.find("datum").and_then(|d| d.attribute("isodatum"));
    // The dossier's number is its parts: "21 501" and the council's "32", or "36 550" and
    // the budget chapter "V" (as the paper's identifier writes them: kst-21501-32-1676,
    // kst-36550-V-4).
    let dossier = root
        .find("dossiernummer")
        .map(|d| {
            d.children
                .iter()
                .filter_map(|n| match n {
                    crate::text::xml::Node::Element(e) => {
                        Some(e.text().split_whitespace().collect::<String>())
                    }
                    crate::text::xml::Node::Text(_) => None,
                })
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join("-")
        })
        .filter(|d| !d.is_empty())
        .or_else(|| {
            root.find("dossiernr")
                .map(|d| d.text().split_whitespace().collect::<String>())
        });
    let sub = stuk.find("ondernummer").map(|o| o.text().trim().to_owned());
    let number = match (dossier, sub) {
        (Some(d), Some(s)) if !s.is_empty() => Some(format!("{d}-{s}")),
        (Some(d), _) => Some(d),
        _ => None,
    };
    let kind = if title.to_lowercase().contains("amendement") {
        "amendement"
    } else {
        "motie"
    };
    let mut out = format!("---\ntitle: {}\nkind: {kind}\n", yaml_quote(&title));
    if let Some(d) = date {
        out.push_str(&format!("date: {d}\n"));
    }
    if let Some(n) = &number {
        out.push_str(&format!("council_number: {}\n", yaml_quote(n)));
    }
    out.push_str("---\n\n");
    if let Some(dossier_title) = root.find("dossier").and_then(|d| d.child_text("titel")) {
        out.push_str(&format!("{dossier_title}\n\n"));
    }
    out.push_str(&format!("# {title}\n\n"));
    for al in stuk.descendants("al") {
        let text = al.text().split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            out.push_str(&text);
            out.push_str("\n\n");
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn besluit(soort: &str, stemming: &str) -> Value {
        json!({"Id": "b1", "StemmingsSoort": stemming, "BesluitSoort": soort,
               "BesluitTekst": "Aangenomen.", "Verwijderd": false,
               "Agendapunt": {"Zaak": [{"Id": "z1", "Nummer": "2030Z00001", "Soort": "Motie",
                                         "Onderwerp": "Motie van het lid Voorbeeld over bomen",
                                         "GestartOp": "2030-01-10T00:00:00+01:00"}]}})
    }

    #[test]
    fn a_roll_call_counts_members_and_leaves_out_mistakes() {
        let b = besluit("Stemmen - aangenomen", "Hoofdelijk");
        let v = json!({"value": [
            {"Id": "s1", "Besluit_Id": "b1", "Soort": "Voor", "ActorNaam": "Boer, A.", "ActorFractie": "Partij A", "Persoon_Id": "p1", "Vergissing": false, "Verwijderd": false, "Besluit": b},
            {"Id": "s2", "Besluit_Id": "b1", "Soort": "Voor", "ActorNaam": "Smit, B.", "ActorFractie": "Partij B", "Persoon_Id": "p2", "Vergissing": false, "Verwijderd": false},
            {"Id": "s3", "Besluit_Id": "b1", "Soort": "Tegen", "ActorNaam": "Kok, C.", "ActorFractie": "Partij B", "Persoon_Id": "p3", "Vergissing": false, "Verwijderd": false},
            {"Id": "s4", "Besluit_Id": "b1", "Soort": "Tegen", "ActorNaam": "Kok, C.", "ActorFractie": "Partij B", "Persoon_Id": "p3", "Vergissing": true, "Verwijderd": false},
            {"Id": "s5", "Besluit_Id": "b1", "Soort": "Tegen", "ActorNaam": "Vos, D.", "ActorFractie": "Partij B", "Persoon_Id": "p4", "Vergissing": false, "Verwijderd": true}
        ]});
        assert!(recognises(&v));
        let batch = read(&v, &PartyNames::default());
        assert!(batch.problems.is_empty(), "{:?}", batch.problems);
        let m = &batch.motions[0];
        assert_eq!(m.number.as_deref(), Some("2030Z00001"));
        assert_eq!(m.status, [(None, "aangenomen".to_owned())]);
        let vote = &m.votes[0];
        assert_eq!((vote.votes_for, vote.votes_against), (Some(2), Some(1)));
        assert_eq!(vote.members.len(), 3);
        assert!(vote.parties.is_empty());
    }

    #[test]
    fn a_besluit_with_its_votes_expanded_is_read_whole() {
        let mut b = besluit("Stemmen - verworpen", "Met handopsteken");
        b["Stemming"] = json!([
            {"Id": "s1", "Besluit_Id": "b1", "Soort": "Voor", "ActorNaam": "Partij A", "ActorFractie": "Partij A", "FractieGrootte": 20, "Vergissing": false, "Verwijderd": false},
            {"Id": "s2", "Besluit_Id": "b1", "Soort": "Tegen", "ActorNaam": "Partij B", "ActorFractie": "Partij B", "FractieGrootte": 30, "Vergissing": false, "Verwijderd": false},
            {"Id": "s3", "Besluit_Id": "b1", "Soort": "Voor", "ActorNaam": "Partij B", "ActorFractie": "Partij B", "FractieGrootte": 30, "Vergissing": true, "Verwijderd": false}
        ]);
        let v = json!({"value": [b]});
        assert!(recognises(&v));
        let batch = read(&v, &PartyNames::default());
        assert!(batch.problems.is_empty(), "{:?}", batch.problems);
        let m = &batch.motions[0];
        assert_eq!(m.facts.as_deref(), Some("besluit:b1"));
        assert_eq!(m.status, [(None, "verworpen".to_owned())]);
        let vote = &m.votes[0];
        assert_eq!((vote.votes_for, vote.votes_against), (Some(20), Some(30)));
        assert_eq!(vote.parties.len(), 2);
    }

    #[test]
    fn a_decision_without_its_case_is_named() {
        let v = json!({"value": [{"Id": "s1", "Besluit_Id": "b9", "Soort": "Voor", "FractieGrootte": 3}]});
        let batch = read(&v, &PartyNames::default());
        assert_eq!(batch.problems.len(), 1);
        assert_eq!(batch.problems[0].0, "b9");
    }
}
