//! How registers write the fields every system has: days and times, a motion's number before
//! its title, people's names ("Achternaam, Voornaam"), offices, outcomes, vote counts in free
//! text, kinds and statuses. The readers of every room share these.

use chrono::NaiveDate;
use regex::Regex;

use super::records::VoteRec;
use crate::extract::notation::PartyNames;
use crate::model::register::{MemberVote, PartyVoteRow};
use crate::model::{DocKind, Status};

/// A day from the forms registers write: 2026-01-22, 2026-01-22 00:00:00,
/// 2024-06-19T00:00:00+02:00, 22-01-2026, 29-1-2026, "Jan 29 2026 12:00AM".
pub fn parse_day(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() || s.starts_with("0001-01-01") {
        return None;
    }
    if let Some(d) = s
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    {
        return Some(d);
    }
    let first = s.split([' ', 'T']).next().unwrap_or(s);
    if let Ok(d) = NaiveDate::parse_from_str(first, "%d-%m-%Y") {
        return Some(d);
    }
    let words: Vec<&str> = s.split_whitespace().take(3).collect();
    if words.len() == 3 {
        if let Ok(d) = NaiveDate::parse_from_str(&words.join(" "), "%b %d %Y") {
            return Some(d);
        }
    }
    None
}

/// The time of day of "2026-01-22 19:30:00" or "...T19:30:00", when it is not midnight.
pub fn time_of(s: &str) -> Option<String> {
    let t = s.trim().get(11..16)?;
    (t.len() == 5 && t.as_bytes()[2] == b':' && t != "00:00").then(|| t.to_owned())
}

/// Splits a motion's number off its title: "M540 Veranker ..." -> ("M540", "Veranker ...").
/// A number is one or a few letters followed by digits, as councils number motions and
/// amendments.
pub fn split_number(title: &str) -> (Option<String>, String) {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^([A-Za-z]{1,4}[-.]?\d{1,5}[a-z]?)\s+(\S.*)$").expect("valid pattern")
    });
    match re.captures(title.trim()) {
        Some(c) => (Some(c[1].to_owned()), c[2].trim().to_owned()),
        None => (None, title.trim().to_owned()),
    }
}

/// "Achternaam, Voornaam" (and "Achternaam, V. (Roepnaam)") as people write names:
/// "Voornaam Achternaam", the call name before the initials.
pub fn person_name(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some((last, first)) = s.split_once(',') else {
        return s;
    };
    let mut first = first.trim().to_owned();
    if let (Some(open), true) = (first.find('('), first.ends_with(')')) {
        let call = first[open + 1..first.len() - 1].trim().to_owned();
        if !call.is_empty() {
            first = call;
        } else {
            first = first[..open].trim().to_owned();
        }
    }
    // "Heuven, Maarten van": the prefix goes before the surname.
    let mut given: Vec<&str> = first.split_whitespace().collect();
    let mut prefix = Vec::new();
    while given.len() > 1 {
        let w = given[given.len() - 1];
        if w.chars().next().is_some_and(char::is_lowercase) {
            prefix.insert(0, w);
            given.pop();
        } else {
            break;
        }
    }
    let mut out = given.join(" ");
    for part in prefix.into_iter().chain(std::iter::once(last.trim())) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// The office of a portfolio holder or minister ("J.P. Neven (Wethouder)", "Wethouder
/// Voortman", "minister van Financiën") as the commitments' actor; "college" when none is
/// named.
pub fn actor_of(s: &str) -> String {
    const OFFICES: [&str; 7] = [
        "burgemeester",
        "wethouder",
        "gedeputeerde",
        "staatssecretaris",
        "minister",
        "griffier",
        "college",
    ];
    let lower = s.to_lowercase();
    OFFICES
        .iter()
        .find(|o| lower.contains(*o))
        .map(|o| (*o).to_owned())
        .unwrap_or_else(|| "college".into())
}

/// Text of an HTML fragment, a line per paragraph or break, entities decoded.
pub fn html_text(html: &str) -> String {
    use crate::import::nesting::{MAX_DEPTH, depth_exceeds};
    // Nested deeper than any page a person writes: not given to the HTML parser, whose cost
    // grows with the depth of every tag (see `import::nesting`); its text between the tags.
    if depth_exceeds(html.as_bytes(), MAX_DEPTH) {
        static TAG: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
        let tag = TAG.get_or_init(|| Regex::new(r"<[^>]*>").expect("valid pattern"));
        return tag
            .replace_all(html, " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
    }
    let fragment = scraper::Html::parse_fragment(
        &html
            .replace("</p>", "</p>\n")
            .replace("<br>", "\n")
            .replace("<br/>", "\n")
            .replace("<br />", "\n"),
    );
    fragment
        .root_element()
        .text()
        .collect::<String>()
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A vote result as clerks write it in free text: "Stemmen voor: 19 VVD, GL, J. Bakker (SP)
/// en M. Visser (SP)" and "Stemmen tegen: 6 PVV, SGP" — a count, then parties and
/// members (a name with its party in brackets). "overige fracties" (the others) is a count
/// without names. Returns None when the text holds no group.
pub fn parse_vote_text(text: &str, names: &PartyNames) -> Option<VoteRec> {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?i)(?:stemmen\s+|stemden\s+)?\b(voor|tegen|onthouden|onthouding|afwezig)\s*:")
            .expect("valid pattern")
    });
    let marks: Vec<(usize, usize, &'static str)> = re
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let option = crate::extract::notation::parse_option(&c[1])?;
            Some((whole.start(), whole.end(), option))
        })
        .collect();
    let lower = text.to_lowercase();
    let unanimous = lower.contains("unaniem") || lower.contains("zonder stemming");
    if marks.is_empty() {
        return unanimous.then(|| VoteRec {
            unanimous,
            raw_text: Some(text.to_owned()),
            ..VoteRec::default()
        });
    }
    let mut vote = VoteRec {
        unanimous,
        raw_text: Some(text.to_owned()),
        ..VoteRec::default()
    };
    static COUNT: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let count_re =
        COUNT.get_or_init(|| Regex::new(r"^\s*(\d+)\s*(?:-|–|:)?\s*").expect("valid pattern"));
    for (i, (_, end, option)) in marks.iter().enumerate() {
        let stop = marks.get(i + 1).map(|m| m.0).unwrap_or(text.len());
        let mut body = text[*end..stop].trim();
        let mut count = None;
        if let Some(c) = count_re.captures(body) {
            count = c[1].parse::<u32>().ok();
            body = &body[c.get(0).map(|m| m.end()).unwrap_or(0)..];
        }
        match *option {
            "voor" => vote.votes_for = count.or(vote.votes_for),
            "tegen" => vote.votes_against = count.or(vote.votes_against),
            "onthouden" => vote.abstained = count.or(vote.abstained),
            _ => vote.absent = count.or(vote.absent),
        }
        let body = body.replace('\n', ",");
        for part in body.split(',').flat_map(|p| p.split(" en ")) {
            let part = part.trim().trim_start_matches("en ").trim();
            let part = part.trim_end_matches(['.', ';']).trim();
            if part.is_empty() {
                continue;
            }
            let low = part.to_lowercase();
            if ["overige", "rest", "alle ", "de andere"]
                .iter()
                .any(|w| low.starts_with(w))
            {
                continue;
            }
            if part.contains('(') && part.ends_with(')') {
                let s = crate::extract::notation::parse_submitter(part, names, "indiener");
                vote.members.push(MemberVote {
                    name: s.name,
                    party: s.party,
                    option: (*option).into(),
                });
            } else {
                let party = names.canonical(part);
                vote.parties.retain(|p| p.party != party);
                vote.parties.push(PartyVoteRow {
                    party,
                    option: (*option).into(),
                    seats: None,
                });
            }
        }
    }
    Some(vote)
}

/// The outcome of a vote by its counts, when they say it: more for than against adopts.
pub fn outcome_of_counts(votes_for: u32, votes_against: u32) -> Option<&'static str> {
    use std::cmp::Ordering;
    match votes_for.cmp(&votes_against) {
        Ordering::Greater => Some("aangenomen"),
        Ordering::Less => Some("verworpen"),
        Ordering::Equal => None,
    }
}

/// The outcome word in a status ("Motie verworpen", "Aangenomen.", "Stemmen - aangenomen").
pub fn outcome_in(s: &str) -> Option<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .find_map(crate::model::register::parse_status)
        .filter(|st| st != crate::model::register::SUBMITTED)
}

/// The kind a register's type word names (Motie, Amendement, ...): motion when unknown.
pub fn kind_of(s: &str) -> DocKind {
    let low = s.to_lowercase();
    if low.contains("amendement") {
        DocKind::Amendement
    } else {
        DocKind::parse(s.trim()).unwrap_or(DocKind::Motie)
    }
}

/// A register's status word as a commitment's status ("Afgedaan", "Voldaan", "Deels
/// afgedaan", "Vervallen", "Openstaand").
pub fn commitment_status(s: &str) -> Option<Status> {
    let low = s.trim().to_lowercase();
    if low.contains("deels") || low.contains("gedeeltelijk") {
        return Some(Status::PartlyMet);
    }
    Status::parse(&low).or_else(|| low.split_whitespace().rev().find_map(Status::parse))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::register::Party;

    fn names() -> PartyNames {
        PartyNames::new(&[Party {
            id: 1,
            name: "ChristenUnie".into(),
            abbreviation: Some("CU".into()),
            aliases: vec![],
        }])
    }

    #[test]
    fn deeply_nested_register_html_is_read_without_its_parser() {
        let deep = format!(
            "{}Aangenomen{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        assert_eq!(html_text(&deep), "Aangenomen");
        assert_eq!(
            html_text("<p>Voor: 20</p><p>Tegen: 9</p>"),
            "Voor: 20\nTegen: 9"
        );
    }

    #[test]
    fn reads_a_free_text_vote_result() {
        let text = "Stemmen voor: 12 Lokaal Belang, Groen, P. Bakker (Dorp) en K. Smit (Dorp)\n\
                    Stemmen tegen: 5 CU en J. de Vries (Dorp)";
        let v = parse_vote_text(text, &names()).expect("a vote");
        assert_eq!((v.votes_for, v.votes_against), (Some(12), Some(5)));
        let parties: Vec<(&str, &str)> = v
            .parties
            .iter()
            .map(|p| (p.party.as_str(), p.option.as_str()))
            .collect();
        assert_eq!(
            parties,
            [
                ("Lokaal Belang", "voor"),
                ("Groen", "voor"),
                ("ChristenUnie", "tegen")
            ]
        );
        let members: Vec<(&str, Option<&str>, &str)> = v
            .members
            .iter()
            .map(|m| (m.name.as_str(), m.party.as_deref(), m.option.as_str()))
            .collect();
        assert_eq!(
            members,
            [
                ("P. Bakker", Some("Dorp"), "voor"),
                ("K. Smit", Some("Dorp"), "voor"),
                ("J. de Vries", Some("Dorp"), "tegen")
            ]
        );
        assert_eq!(v.raw_text.as_deref(), Some(text));
    }

    #[test]
    fn the_others_are_a_count_without_names() {
        let v = parse_vote_text(
            "Stemmen voor: 20 - overige fracties\nStemmen tegen: 4 - CU",
            &names(),
        )
        .expect("a vote");
        assert_eq!((v.votes_for, v.votes_against), (Some(20), Some(4)));
        assert_eq!(v.parties.len(), 1);
        assert_eq!(v.parties[0].party, "ChristenUnie");
        assert!(parse_vote_text("geen uitslag", &names()).is_none());
    }

    #[test]
    fn reads_days_names_and_numbers() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse_day("2026-01-22 00:00:00"), d(2026, 1, 22));
        assert_eq!(parse_day("2024-06-19T00:00:00+02:00"), d(2024, 6, 19));
        assert_eq!(parse_day("29-1-2026"), d(2026, 1, 29));
        assert_eq!(parse_day("Mar 5 2025 12:00AM"), d(2025, 3, 5));
        assert_eq!(parse_day("0001-01-01T00:00:00"), None);
        assert_eq!(time_of("2026-01-22 19:30:00").as_deref(), Some("19:30"));
        assert_eq!(time_of("2026-01-22 00:00:00"), None);
        assert_eq!(person_name("Bakker, Piet"), "Piet Bakker");
        assert_eq!(person_name("Bakker, P.J. (Piet) "), "Piet Bakker");
        assert_eq!(person_name("Berg, Anna van den"), "Anna van den Berg");
        assert_eq!(person_name("A. Smit"), "A. Smit");
        assert_eq!(
            split_number("M12 Meer bomen"),
            (Some("M12".into()), "Meer bomen".into())
        );
        assert_eq!(split_number("Meer bomen").0, None);
        assert_eq!(actor_of("K. Jansen (Wethouder)"), "wethouder");
        assert_eq!(actor_of("K. Jansen"), "college");
        assert_eq!(outcome_in("Motie verworpen").as_deref(), Some("verworpen"));
        assert_eq!(
            outcome_in("Stemmen - aangenomen").as_deref(),
            Some("aangenomen")
        );
        assert_eq!(commitment_status("Deels afgedaan"), Some(Status::PartlyMet));
        assert_eq!(commitment_status("Afgedaan"), Some(Status::Met));
        assert_eq!(outcome_of_counts(18, 25), Some("verworpen"));
    }
}
