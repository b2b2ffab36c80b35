//! The titles of the items a text names: a motion's title in prose ("de motie Aanpak
//! Mensenhandel die …", "de motie ‘Groene schoolpleinen’", "de motie over het onderhoud van
//! fietspaden"), a title without its kind word, and the key that matches titles across
//! documents.

use std::sync::LazyLock;

use regex::Regex;

use super::parties;

fn re(p: &str) -> Regex {
    Regex::new(p).expect("static regex in item_titles.rs")
}

/// The title of an item named in prose: between quotation marks ("de motie ‘Groene
/// schoolpleinen’"), after "over" ("de motie van de VVD over het onderhoud van fietspaden"),
/// else its capitalised or sentence-case words ([`prose_title`]).
pub(super) fn item_title(after: &str) -> Option<String> {
    static QUOTED: LazyLock<Regex> =
        LazyLock::new(|| re(r"^\s*[‘'\x22“„«]([^‘’'\x22“”„«»\n]{3,120})[’'\x22”»]"));
    static ABOUT: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)^\s*(?:van\s+(?:de\s+|het\s+)?[\p{L}\d-]+(?:\s+en\s+(?:de\s+|het\s+)?[\p{L}\d-]+)?\s+)?over\s+(.+)$",
        )
    });
    if let Some(c) = QUOTED.captures(after) {
        return Some(c[1].trim().to_owned());
    }
    if let Some(c) = ABOUT.captures(after) {
        let words: Vec<&str> = c[1]
            .split_whitespace()
            .take_while(|w| !TITLE_STOP.contains(&w.to_lowercase().as_str()))
            .take(10)
            .collect();
        let title = words.join(" ");
        let title = title.trim_end_matches(['.', ',', ';', ':', '!']);
        // "nam de motie over bankjes aan.": the verb's particle closes the sentence.
        let title = match title.rsplit_once(' ') {
            Some((head, "aan")) if c[1].trim_end().ends_with("aan.") => head,
            _ => title,
        };
        return (!title.is_empty()).then(|| title.to_owned());
    }
    prose_title(after)
}

/// Words that end a title in prose: a verb of what became of it, a relative pronoun, who filed
/// it.
const TITLE_STOP: &[&str] = &[
    "die",
    "dat",
    "waarin",
    "waarmee",
    "werd",
    "wordt",
    "is",
    "was",
    "zijn",
    "werden",
    "kreeg",
    "kregen",
    "haalde",
    "heeft",
    "hebben",
    "om",
    "aangenomen",
    "verworpen",
    "ingetrokken",
    "aangehouden",
    "ingediend",
    "door",
    "tijdens",
    "vanwege",
    "met",
];

/// The title after "motie" in prose: a run of words that starts with a capital and goes on
/// while words are capitalised or short joining words between capitalised ones
/// ("motie Aanpak Mensenhandel die in maart ..." -> "Aanpak Mensenhandel"), or, in sentence
/// case, its plain words up to a stop word or who filed it.
fn prose_title(after: &str) -> Option<String> {
    const JOINERS: &[&str] = &[
        "van", "de", "het", "en", "voor", "tegen", "op", "in", "aan", "met", "der",
    ];
    let words: Vec<&str> = after
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, '"' | '“' | '”' | '\'' | ',' | ':')))
        .collect();
    let first = words.first()?;
    if !first.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    // "van" or "door" and a party: who filed it, not its title.
    let filer = |i: usize| {
        let next = match words.get(i + 1) {
            Some(&"de" | &"het") => i + 2,
            _ => i + 1,
        };
        matches!(words[i], "van" | "door")
            && words
                .get(next)
                .is_some_and(|n| parties::canonical(n.trim_end_matches(['.', ','])).is_some())
    };
    // A title in sentence case ("Groene schoolpleinen van GroenLinks"): its plain words run on
    // to a stop word, a filer or a sentence's end.
    if words
        .get(1)
        .is_some_and(|w| !upper(w) && !JOINERS.contains(w) && !TITLE_STOP.contains(w))
    {
        let mut taken = vec![*first];
        for (i, w) in words.iter().enumerate().skip(1).take(7) {
            let bare = w.trim_end_matches(['.', ',', ';', ':', '!']);
            if TITLE_STOP.contains(&bare) || filer(i) {
                break;
            }
            taken.push(w.trim_end_matches(['.', ',', ';', ':', '!']));
            if w.ends_with(['.', ',', ';', ':', '!']) {
                break;
            }
        }
        while taken.last().is_some_and(|w| JOINERS.contains(w)) {
            taken.pop();
        }
        return Some(taken.join(" "));
    }
    let mut end = 1;
    for (i, w) in words.iter().enumerate().skip(1) {
        if filer(i) {
            break;
        }
        if upper(w) {
            end = i + 1;
        } else if !JOINERS.contains(w) {
            break;
        }
    }
    Some(words[..end].join(" "))
}

/// "Motie Aanpak Mensenhandel" -> "Aanpak Mensenhandel".
pub fn strip_kind_word(title: &str) -> String {
    let t = title.trim();
    for word in [
        "motie",
        "amendement",
        "raadsvoorstel",
        "raadsbesluit",
        "voorstel",
    ] {
        // `get`: a title may have a multi-byte letter where the kind word would end.
        if t.len() > word.len()
            && t.get(..word.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(word))
        {
            return t[word.len()..]
                .trim_start_matches([' ', ':'])
                .trim()
                .to_owned();
        }
    }
    t.to_owned()
}

/// A key for matching titles across documents: lowercase words, kind words and punctuation
/// left out.
pub fn title_key(title: &str) -> String {
    strip_kind_word(title)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_titles_stop_at_the_first_plain_word() {
        assert_eq!(
            prose_title("Aanpak Mensenhandel die in maart").as_deref(),
            Some("Aanpak Mensenhandel")
        );
        assert_eq!(
            prose_title("“Zicht op de Aanpak” werd").as_deref(),
            Some("Zicht op de Aanpak")
        );
        assert_eq!(prose_title("werd ingediend"), None);
        // Sentence case runs on to who filed it; a quoted title is the quotation; "over"
        // gives the subject.
        assert_eq!(
            prose_title("Groene schoolpleinen van GroenLinks").as_deref(),
            Some("Groene schoolpleinen")
        );
        assert_eq!(
            prose_title("Zondag vrij van de ChristenUnie").as_deref(),
            Some("Zondag vrij")
        );
        assert_eq!(
            prose_title("Groene schoolpleinen aangenomen.").as_deref(),
            Some("Groene schoolpleinen")
        );
        assert_eq!(
            item_title("‘Groene schoolpleinen’ van GroenLinks aangenomen.").as_deref(),
            Some("Groene schoolpleinen")
        );
        assert_eq!(
            item_title("van de VVD over het onderhoud van fietspaden werd").as_deref(),
            Some("het onderhoud van fietspaden")
        );
    }

    #[test]
    fn kind_words_are_stripped_without_splitting_a_letter() {
        assert_eq!(strip_kind_word("Motie: Aanpak"), "Aanpak");
        assert_eq!(strip_kind_word("Financiële stad"), "Financiële stad");
        assert_eq!(title_key("Ëën motie"), "ëën motie");
    }
}
