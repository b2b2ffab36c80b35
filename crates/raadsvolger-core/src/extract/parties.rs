//! Dutch political parties: canonical names, aliases, and finding them in text.

use std::sync::LazyLock;

use regex::Regex;

/// Canonical name, then aliases. Aliases of all capitals are matched case-sensitively in text
/// ("SP", "CU"), the others case-insensitively.
const PARTIES: &[(&str, &[&str])] = &[
    ("ChristenUnie", &["CU", "Christen Unie", "ChristenUnie-SGP"]),
    ("PvdA", &["Partij van de Arbeid", "PVDA"]),
    ("VVD", &["Volkspartij voor Vrijheid en Democratie"]),
    ("SP", &["Socialistische Partij"]),
    ("D66", &["Democraten 66"]),
    ("GroenLinks", &["Groen Links", "GL", "GroenLinks-PvdA"]),
    (
        "CDA",
        &["Christen-Democratisch Appèl", "Christen Democratisch Appel"],
    ),
    ("PVV", &["Partij voor de Vrijheid"]),
    ("Partij voor de Dieren", &["PvdD"]),
    ("DENK", &[]),
    ("50PLUS", &["50Plus"]),
    ("SGP", &["Staatkundig Gereformeerde Partij"]),
    ("Volt", &[]),
    ("JA21", &[]),
    ("Forum voor Democratie", &["FvD", "FVD"]),
    ("BBB", &["BoerBurgerBeweging"]),
    ("Nieuw Sociaal Contract", &["NSC"]),
    ("Algemene Ouderen Verbond", &["AOV"]),
];

/// The canonical name for a party name or alias, case-insensitively ("cu" -> "ChristenUnie").
pub fn canonical(name: &str) -> Option<&'static str> {
    let name = name.trim();
    PARTIES.iter().find_map(|(canon, aliases)| {
        (canon.eq_ignore_ascii_case(name) || aliases.iter().any(|a| a.eq_ignore_ascii_case(name)))
            .then_some(*canon)
    })
}

/// All canonical names.
pub fn known_names() -> Vec<&'static str> {
    PARTIES.iter().map(|(c, _)| *c).collect()
}

struct Matcher {
    canonical: &'static str,
    regex: Regex,
}

static MATCHERS: LazyLock<Vec<Matcher>> = LazyLock::new(|| {
    PARTIES
        .iter()
        .filter_map(|(canon, aliases)| {
            let mut alts: Vec<String> = Vec::new();
            for name in std::iter::once(canon).chain(aliases.iter()) {
                let escaped = regex::escape(name).replace(r"\ ", r"\s+");
                let is_acronym = name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
                alts.push(if is_acronym {
                    escaped
                } else {
                    format!("(?i:{escaped})")
                });
            }
            // Word boundaries that also respect letters with diacritics.
            let pattern = format!(
                r"(?:^|[^\p{{L}}\p{{N}}])(?:{})(?:$|[^\p{{L}}\p{{N}}])",
                alts.join("|")
            );
            Regex::new(&pattern).ok().map(|regex| Matcher {
                canonical: canon,
                regex,
            })
        })
        .collect()
});

/// The canonical names of the parties mentioned in `text`, in the order of the table.
pub fn find_in_text(text: &str) -> Vec<String> {
    MATCHERS
        .iter()
        .filter(|m| m.regex.is_match(text))
        .map(|m| m.canonical.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_map_to_canonical_names() {
        assert_eq!(canonical("CU"), Some("ChristenUnie"));
        assert_eq!(canonical("christenunie"), Some("ChristenUnie"));
        assert_eq!(canonical("Partij van de Arbeid"), Some("PvdA"));
        assert_eq!(canonical("gl"), Some("GroenLinks"));
        assert_eq!(canonical("Piraten"), None);
    }

    #[test]
    fn finds_parties_in_text_with_word_boundaries() {
        let text =
            "Ingediend door de fracties van CU, PvdA, VVD en SP. Het spoor loopt via Cupido.";
        assert_eq!(find_in_text(text), ["ChristenUnie", "PvdA", "VVD", "SP"]);
        // Lowercase acronyms inside words are not parties.
        assert!(find_in_text("special cuisine, gespreksleider").is_empty());
        assert_eq!(find_in_text("de ChristenUnie-fractie"), ["ChristenUnie"]);
    }
}
