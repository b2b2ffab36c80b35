//! The notations a clerk types while a meeting runs: votes per party ("voor: CU, PvdA, VVD;
//! tegen: PVV"), votes per member, and submitters ("A. Jansen (D66)").

use crate::lang::nl::name_key as fold;
use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::model::register::{MemberVote, Party, PartyVoteRow, Submitter};

/// The archive's parties by every name they go by, folded to lower case.
#[derive(Debug, Clone, Default)]
pub struct PartyNames {
    by_name: HashMap<String, String>,
}

impl PartyNames {
    pub fn new(parties: &[Party]) -> PartyNames {
        let mut by_name = HashMap::new();
        for p in parties {
            let names = std::iter::once(&p.name)
                .chain(p.abbreviation.iter())
                .chain(p.aliases.iter());
            for n in names {
                by_name.insert(fold(n), p.name.clone());
            }
        }
        PartyNames { by_name }
    }

    /// The archive's name for a party ("cu" -> "ChristenUnie"); an unknown party keeps the name
    /// it was given, trimmed.
    pub fn canonical(&self, name: &str) -> String {
        self.by_name
            .get(&fold(name))
            .cloned()
            .unwrap_or_else(|| name.trim().to_owned())
    }

    pub fn is_known(&self, name: &str) -> bool {
        self.by_name.contains_key(&fold(name))
    }
}

/// The vote options, from the words clerks use.
pub fn parse_option(word: &str) -> Option<&'static str> {
    match fold(word).trim_end_matches(':').trim() {
        "voor" | "ja" | "yes" | "aye" => Some("voor"),
        "tegen" | "nee" | "no" | "nay" => Some("tegen"),
        "onthouden" | "onthouding" | "blanco" | "abstain" | "abstention" => Some("onthouden"),
        "afwezig" | "absent" | "niet aanwezig" => Some("afwezig"),
        _ => None,
    }
}

/// Splits "voor: A, B; tegen: C" into (option, names) groups. Groups are separated by ";" or a
/// new line, names by "," or " en "/" and ".
fn groups(text: &str) -> Result<Vec<(&'static str, Vec<String>)>> {
    let mut out = Vec::new();
    for part in text
        .split([';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let Some((label, names)) = part.split_once(':') else {
            return Err(Error::InvalidInput(format!(
                "{part:?}: write each group as «voor: CU, PvdA» (voor, tegen, onthouden, afwezig)"
            )));
        };
        let option = parse_option(label).ok_or_else(|| {
            Error::InvalidInput(format!(
                "{:?} is not a vote option; use voor, tegen, onthouden or afwezig",
                label.trim()
            ))
        })?;
        let names: Vec<String> = names
            .split(',')
            .flat_map(|n| n.split(" en "))
            .map(|n| n.trim().trim_end_matches('.').trim().to_owned())
            .filter(|n| !n.is_empty())
            .collect();
        out.push((option, names));
    }
    Ok(out)
}

/// Parses per-party votes as a clerk types them.
pub fn parse_party_votes(text: &str, names: &PartyNames) -> Result<Vec<PartyVoteRow>> {
    let mut out: Vec<PartyVoteRow> = Vec::new();
    for (option, parties) in groups(text)? {
        for p in parties {
            let party = names.canonical(&p);
            out.retain(|v| v.party != party);
            out.push(PartyVoteRow {
                party,
                option: option.into(),
                seats: None,
            });
        }
    }
    Ok(out)
}

/// Parses per-member votes: "voor: A. Jansen (D66), B. de Boer (VVD); tegen: C. Smit (PVV)".
pub fn parse_member_votes(text: &str, names: &PartyNames) -> Result<Vec<MemberVote>> {
    let mut out: Vec<MemberVote> = Vec::new();
    for (option, people) in groups(text)? {
        for p in people {
            let s = parse_submitter(&p, names, "indiener");
            out.retain(|v| v.name != s.name);
            out.push(MemberVote {
                name: s.name,
                party: s.party,
                option: option.into(),
            });
        }
    }
    Ok(out)
}

/// "A. Jansen (D66)" -> A. Jansen of D66; "CU" alone -> the party ChristenUnie.
pub fn parse_submitter(text: &str, names: &PartyNames, role: &str) -> Submitter {
    let text = text.trim();
    if let Some((name, rest)) = text.rsplit_once('(') {
        let party = rest.trim_end_matches(')').trim();
        if !party.is_empty() && !name.trim().is_empty() {
            return Submitter {
                name: name.trim().to_owned(),
                party: Some(names.canonical(party)),
                role: role.into(),
            };
        }
    }
    if names.is_known(text) {
        let party = names.canonical(text);
        return Submitter {
            name: party.clone(),
            party: Some(party),
            role: role.into(),
        };
    }
    Submitter {
        name: text.to_owned(),
        party: None,
        role: role.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> PartyNames {
        PartyNames::new(&[
            Party {
                id: 1,
                name: "ChristenUnie".into(),
                abbreviation: Some("CU".into()),
                aliases: vec!["Christen Unie".into()],
            },
            Party {
                id: 2,
                name: "PvdA".into(),
                abbreviation: None,
                aliases: vec![],
            },
        ])
    }

    #[test]
    fn reads_party_votes_as_typed() {
        let v = parse_party_votes("voor: CU, PvdA en Stadspartij; tegen: PVV", &names())
            .expect("parses");
        let got: Vec<(&str, &str)> = v
            .iter()
            .map(|p| (p.party.as_str(), p.option.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("ChristenUnie", "voor"),
                ("PvdA", "voor"),
                ("Stadspartij", "voor"),
                ("PVV", "tegen")
            ]
        );
        let err = parse_party_votes("misschien: CU", &names()).expect_err("unknown option");
        assert!(err.to_string().contains("voor, tegen"), "{err}");
        assert!(parse_party_votes("CU PvdA", &names()).is_err());
    }

    #[test]
    fn reads_submitters_and_members() {
        let s = parse_submitter("A. Jansen (christen unie)", &names(), "indiener");
        assert_eq!(s.name, "A. Jansen");
        assert_eq!(s.party.as_deref(), Some("ChristenUnie"));
        let p = parse_submitter("CU", &names(), "mede-indiener");
        assert_eq!(
            (p.name.as_str(), p.role.as_str()),
            ("ChristenUnie", "mede-indiener")
        );
        let m = parse_member_votes("voor: A. Jansen (CU); tegen: B. Smit", &names()).expect("ok");
        assert_eq!(m.len(), 2);
        assert_eq!(m[1].option, "tegen");
        assert_eq!(m[1].party, None);
    }
}
