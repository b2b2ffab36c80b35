//! The decisions of a decision list ("besluitenlijst") written as numbered agenda items, each
//! with what the council decided on it (unanimously, by a majority with its counts, by
//! acclamation); the amendments filed at an item, named by their number in brackets, and what
//! became of them (accepted, rejected, held over, withdrawn); the parties that voted for or
//! against; and a roll call, the members listed per party under a "voor"/"tegen" heading.
//!
//! The words are those of Dutch council practice, not of one council.

use std::sync::LazyLock;

use regex::Regex;

use super::parties;
use crate::model::{DocKind, MemberVoteEvent, Outcome, PartyVote, VoteEvent};

fn re(p: &str) -> Regex {
    Regex::new(p).expect("static regex in decisions.rs")
}

/// "8. Voorstel tot ..." at the start of a line: an agenda item.
static ITEM: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d{1,2}[a-z]?)\.\s+(\S.*)$"));
static DECIDES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bde\s+raad\s+besluit\s+(unaniem|in\s+meerderheid|met\s+algemene\s+stemmen|bij\s+acclamatie|zonder\s+stemming)?",
    )
});
static AMENDMENT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bamendement\s*\(([A-Z]{0,3}\d+(?:[.\-]\d+)?)\)"));
static ON_AMENDMENT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bhet\s+(?:aangepaste\s+)?amendement\s+(te\s+aanvaarden|aan\s+te\s+nemen|te\s+verwerpen|af\s+te\s+wijzen|aan\s+te\s+houden|in\s+te\s+trekken)",
    )
});
static AGAINST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(tegen|voor)\s+(?:het|de)\s+(voorstel|amendement|motie)\s+stemden\s+(?:de\s+fracties?\s+van\s+)?([^.\n]+)",
    )
});
static ROLL_CALL: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bhoofdelijk\s+gestemd\b"));
static ROLL_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(voor|tegen)\s+(?:het|de)\s+(?:voorstel|amendement|motie)\s+stemden\s*:\s*$")
});
static HONORIFIC: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:de\s+dames|de\s+heren|mevrouw|de\s+heer|dhr\.|mw\.)\s*"));

fn outcome_of(words: &str) -> Outcome {
    let w = words.to_lowercase();
    if w.contains("verwerpen") || w.contains("af te wijzen") {
        Outcome::Verworpen
    } else if w.contains("houden") {
        Outcome::Aangehouden
    } else if w.contains("trekken") {
        Outcome::Ingetrokken
    } else {
        Outcome::Aangenomen
    }
}

fn kind_of_title(title: &str) -> DocKind {
    let t = title.to_lowercase();
    if t.starts_with("motie") {
        DocKind::Motie
    } else if t.starts_with("amendement") {
        DocKind::Amendement
    } else {
        DocKind::Raadsvoorstel
    }
}

/// Items whose title says they decide nothing of their own.
fn procedural(title: &str) -> bool {
    let t = title.to_lowercase();
    [
        "opening",
        "sluiting",
        "vaststelling agenda",
        "spreekrecht",
        "vragenkwartier",
        "bepalen stemvolgorde",
        "mededelingen",
        "ingekomen stukken",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

fn parties_in(list: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in list.split([',', ';']).flat_map(|p| p.split(" en ")) {
        let name = part
            .trim()
            .trim_start_matches("de ")
            .trim_start_matches("het ")
            .trim_end_matches('.')
            .trim();
        if name.is_empty() {
            continue;
        }
        let name = parties::canonical(name)
            .map(str::to_owned)
            .unwrap_or_else(|| name.to_owned());
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// The members named on a roll-call line: "Partij: de dames A en B en de heren C, D;".
fn members(line: &str, option: &str) -> Vec<MemberVoteEvent> {
    let Some((party, names)) = line.split_once(':') else {
        return Vec::new();
    };
    let party = party.trim();
    let names = HONORIFIC.replace_all(names, "");
    names
        .split([',', ';'])
        .flat_map(|p| p.split(" en "))
        .map(|n| n.trim().trim_end_matches(['.', ';']).trim())
        // A surname may start with a particle ("de Knijf"); a name has a capital somewhere.
        .filter(|n| !n.is_empty() && n.chars().any(char::is_uppercase))
        .map(|n| MemberVoteEvent {
            name: n.to_owned(),
            party: Some(
                parties::canonical(party)
                    .map(str::to_owned)
                    .unwrap_or_else(|| party.to_owned()),
            ),
            option: option.to_owned(),
        })
        .collect()
}

/// The decisions of a decision list laid out as numbered agenda items; empty when the text is
/// not laid out so.
pub fn events(text: &str) -> Vec<VoteEvent> {
    // The items: number, title (running on until a line ends with a full stop), body lines.
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut items: Vec<(String, String, Vec<String>)> = Vec::new();
    let mut i = 0;
    // Items follow each other in number: a numbered line inside an item (the points of a
    // decision, the articles of an amendment) is part of it.
    let mut last: u32 = 0;
    let next_item = |c: &regex::Captures<'_>, last: u32| {
        let n: u32 = c[1]
            .trim_end_matches(|ch: char| ch.is_ascii_lowercase())
            .parse()
            .unwrap_or(0);
        let lettered = c[1].ends_with(|ch: char| ch.is_ascii_lowercase());
        (n == last + 1 || (last == 0 && n <= 2) || (lettered && n == last)).then_some(n)
    };
    while i < lines.len() {
        crate::budget::check();
        let numbered = ITEM
            .captures(lines[i])
            .and_then(|c| next_item(&c, last).map(|n| (c, n)));
        if let Some((c, n)) = numbered {
            last = n;
            let mut title = c[2].to_owned();
            while !title.ends_with('.')
                && i + 1 < lines.len()
                && !lines[i + 1].is_empty()
                && title.len() < 300
            {
                i += 1;
                title.push(' ');
                title.push_str(lines[i]);
            }
            items.push((
                c[1].to_owned(),
                title.trim_end_matches('.').to_owned(),
                Vec::new(),
            ));
        } else if let Some(item) = items.last_mut() {
            // Lines wrapped by the page run on until one ends a sentence or a clause.
            if !lines[i].is_empty() {
                match item.2.last_mut() {
                    Some(prev) if !prev.ends_with(['.', ':', ';']) => {
                        prev.push(' ');
                        prev.push_str(lines[i]);
                    }
                    _ => item.2.push(lines[i].to_owned()),
                }
            }
        }
        i += 1;
    }
    if items.len() < 3 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (number, title, body) in items {
        if procedural(&title) {
            continue;
        }
        let kind = kind_of_title(&title);
        let mut own = VoteEvent {
            title: Some(title.clone()),
            item_kind: Some(kind),
            listed: true,
            ..VoteEvent::default()
        };
        let mut amendments: Vec<VoteEvent> = Vec::new();
        // Which event the vote lines below speak of: the item, or its latest amendment.
        let mut speaking_of_amendment = false;
        let mut roll_option: Option<&'static str> = None;
        let joined = body.join("\n");
        for (li, line) in body.iter().enumerate() {
            for c in AMENDMENT.captures_iter(line) {
                let id = c[1].to_owned();
                if !amendments.iter().any(|a| a.number.as_deref() == Some(&id)) {
                    let filed_by = line
                        .split_once(" dien")
                        .map(|(before, _)| {
                            parties_in(
                                &before
                                    .replace("De fracties van", "")
                                    .replace("De fractie van", ""),
                            )
                        })
                        .unwrap_or_default();
                    amendments.push(VoteEvent {
                        number: Some(id.clone()),
                        title: Some(format!("Amendement {id} bij agendapunt {number}: {title}")),
                        item_kind: Some(DocKind::Amendement),
                        submitters: filed_by
                            .into_iter()
                            .filter(|p| parties::canonical(p).is_some())
                            .collect(),
                        listed: true,
                        ..VoteEvent::default()
                    });
                }
            }
            if let Some(m) = ON_AMENDMENT.captures(line) {
                // "De raad besluit ...: het amendement te aanvaarden" (the decision may stand on
                // the line after "besluit"), or the submitters' own "besluit ... aan te houden".
                if let Some(a) = amendments.last_mut() {
                    a.outcome = Some(outcome_of(&m[1]));
                    let decided = if li > 0 {
                        format!("{} {line}", body[li - 1])
                    } else {
                        line.to_string()
                    };
                    if let Some(d) = DECIDES.captures(&decided) {
                        a.unanimous |= d.get(1).is_some_and(|w| {
                            let w = w.as_str().to_lowercase();
                            w.starts_with("unaniem")
                                || w.contains("algemene")
                                || w.contains("acclamatie")
                        });
                    }
                    speaking_of_amendment = true;
                }
                continue;
            }
            if let Some(d) = DECIDES.captures(line) {
                let next = body.get(li + 1).map(String::as_str).unwrap_or_default();
                if ON_AMENDMENT.is_match(next) {
                    continue;
                }
                speaking_of_amendment = false;
                own.outcome = Some(Outcome::Aangenomen);
                let how = d
                    .get(1)
                    .map(|w| w.as_str().to_lowercase())
                    .unwrap_or_default();
                own.unanimous = how.starts_with("unaniem")
                    || how.contains("algemene")
                    || how.contains("acclamatie")
                    || how.contains("zonder");
                super::counts::fill_counts(&mut own, line);
                continue;
            }
            if let Some(c) = AGAINST.captures(line) {
                let target = if c[2].eq_ignore_ascii_case("amendement") && speaking_of_amendment {
                    amendments.last_mut()
                } else {
                    Some(&mut own)
                };
                if let Some(e) = target {
                    let option = c[1].to_lowercase();
                    for party in parties_in(&c[3]) {
                        e.party_votes.push(PartyVote {
                            party,
                            option: option.clone(),
                        });
                    }
                }
                continue;
            }
            if ROLL_CALL.is_match(line) {
                own.method = Some("hoofdelijk".into());
                continue;
            }
            if let Some(c) = ROLL_HEAD.captures(line) {
                roll_option = Some(if c[1].eq_ignore_ascii_case("voor") {
                    "voor"
                } else {
                    "tegen"
                });
                continue;
            }
            if let Some(option) = roll_option {
                let found = members(line, option);
                if found.is_empty() {
                    roll_option = None;
                } else {
                    if let Some(p) = found[0].party.clone() {
                        own.party_votes.push(PartyVote {
                            party: p,
                            option: option.into(),
                        });
                    }
                    own.members.extend(found);
                }
            }
        }
        let _ = joined;
        if own.outcome.is_some() {
            out.push(own);
        }
        out.extend(amendments.into_iter().filter(|a| a.outcome.is_some()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = "Besluitenlijst van de raad van 3 maart 2022\n\n\
1. Opening.\nDe voorzitter opent.\n\n\
2. Voorstel tot vaststelling van het\nbestemmingsplan Haven.\n\
De fractie van de SP dient een amendement (A2.1) in over de hoogte van de gebouwen.\n\
De raad besluit in meerderheid:\nhet amendement te verwerpen.\n\
Voor het amendement stemden de fracties van de SP en GroenLinks.\n\
De raad besluit unaniem:\nhet bestemmingsplan vast te stellen.\n\n\
3. Voorstel over de begraafplaats.\nDe fractie van D66 dient een amendement (A3.1) in.\n\
Na de toezegging van de wethouder besluit de fractie het amendement aan te houden.\n\
De raad besluit in meerderheid:\nin te stemmen met het voorstel.\nTegen het voorstel stemden de fracties van de VVD en het CDA.\n\n\
4. Motie over de bibliotheek.\n\
De raad besluit in meerderheid (20 stemmen voor en 9 stemmen tegen)\nde motie aan te nemen.\n\
Over de motie is hoofdelijk gestemd.\n\nVoor de motie stemden:\nSP: de heren Bakker en de Smit;\nD66: mevrouw Jansen.\n\n\
Tegen de motie stemden:\nVVD: de heer De Vries.\n\n\
5. Sluiting.\n";

    #[test]
    fn reads_decisions_amendments_and_a_roll_call() {
        let got = events(LIST);
        let find = |t: &str| {
            got.iter()
                .find(|e| e.title.as_deref().is_some_and(|x| x.contains(t)))
                .unwrap_or_else(|| panic!("{t}: {got:#?}"))
        };
        let plan = find("bestemmingsplan Haven");
        assert_eq!(
            (plan.item_kind, plan.outcome, plan.unanimous),
            (
                Some(DocKind::Raadsvoorstel),
                Some(Outcome::Aangenomen),
                true
            )
        );
        let a21 = got
            .iter()
            .find(|e| e.number.as_deref() == Some("A2.1"))
            .expect("A2.1");
        assert_eq!(a21.outcome, Some(Outcome::Verworpen));
        assert_eq!(a21.submitters, ["SP"]);
        assert!(
            a21.party_votes
                .iter()
                .any(|p| p.party == "GroenLinks" && p.option == "voor")
        );
        let a31 = got
            .iter()
            .find(|e| e.number.as_deref() == Some("A3.1"))
            .expect("A3.1");
        assert_eq!(a31.outcome, Some(Outcome::Aangehouden));
        let grave = find("begraafplaats");
        assert!(!grave.unanimous);
        assert_eq!(grave.party_votes.len(), 2);
        let motion = find("bibliotheek");
        assert_eq!(motion.item_kind, Some(DocKind::Motie));
        assert_eq!(
            (motion.votes_for, motion.votes_against),
            (Some(20), Some(9))
        );
        assert_eq!(motion.method.as_deref(), Some("hoofdelijk"));
        assert_eq!(motion.members.len(), 4, "{:?}", motion.members);
        assert!(
            motion
                .members
                .iter()
                .any(|m| m.name == "De Vries" && m.option == "tegen")
        );
        assert!(
            motion.members.iter().any(|m| m.name == "de Smit"),
            "a surname with a particle"
        );
        assert!(
            got.iter()
                .all(|e| !e.title.as_deref().unwrap_or_default().contains("Opening"))
        );
        assert!(events("1. Eén punt.\nDe raad besluit unaniem.").is_empty());
    }
}
