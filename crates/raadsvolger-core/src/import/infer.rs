//! What a clerk would infer from a document that has no front matter: its title, date, kind,
//! council number and the parties it names.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::extract::dates;
use crate::model::DocKind;

/// Longest inferred title, in characters.
const MAX_TITLE_CHARS: usize = 200;
/// How far into the text an unlabelled date still counts as the document's date.
const DATE_WINDOW_BYTES: usize = 1_500;

/// The first non-empty line, without Markdown heading marks, cut at a word near 200 characters.
pub fn title(text: &str) -> Option<String> {
    let line = text
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .find(|l| l.chars().any(char::is_alphanumeric))?;
    Some(clip_title(line))
}

/// Shortens a title to [`MAX_TITLE_CHARS`] at a word boundary.
pub fn clip_title(line: &str) -> String {
    let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= MAX_TITLE_CHARS {
        return line;
    }
    let cut: String = line.chars().take(MAX_TITLE_CHARS).collect();
    match cut.rfind(' ') {
        Some(i) if i > MAX_TITLE_CHARS / 2 => format!("{}…", &cut[..i]),
        _ => format!("{cut}…"),
    }
}

/// Labels that state when a document was written or published.
static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:geschreven op|gepubliceerd op|gepubliceerd|publicatiedatum|datum|verzonden op|verzenddatum)\s*:?\s*",
    )
    .expect("static regex")
});
/// Labels that date what a document is about, weaker than its title ("d.d." also marks a
/// reference to another document's date).
static WEAK_DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:vergaderdatum|vergadering van|d\.d\.)\s*:?\s*").expect("static regex")
});

fn labelled(text: &str, label: &Regex, mentions: &[dates::DateMention]) -> Option<NaiveDate> {
    label.find_iter(text).find_map(|l| {
        mentions
            .iter()
            .find(|m| m.start >= l.end() && m.start <= l.end() + 12)
            .map(|m| m.date)
    })
}

/// The document's own date: a date labelled as when it was written or published ("Geschreven
/// op: 07-07-2023", "Datum: ..."), then a date its title names ("Besluitenlijst raadsvergadering
/// 29 juni 2015"), then a weaker label ("vergadering van", "d.d."), then the first date near the
/// top of the text.
pub fn date(text: &str) -> Option<NaiveDate> {
    let mentions = dates::find_dates(text, None);
    if let Some(d) = labelled(text, &DATE_LABEL, &mentions) {
        return Some(d);
    }
    if let Some(first) = text.lines().find(|l| !l.trim().is_empty()) {
        if first.split_whitespace().count() <= 15 {
            let end = text.find(first).unwrap_or(0) + first.len();
            if let Some(m) = mentions.iter().find(|m| m.end <= end) {
                return Some(m.date);
            }
        }
    }
    if let Some(d) = labelled(text, &WEAK_DATE_LABEL, &mentions) {
        return Some(d);
    }
    mentions
        .iter()
        .find(|m| m.start < DATE_WINDOW_BYTES)
        .map(|m| m.date)
}

/// Keyword rules, most specific first, tried on the title and then on the opening of the text.
const KIND_RULES: &[(&str, DocKind)] = &[
    (r"\bbesluitenlijst", DocKind::Besluitenlijst),
    (r"\bamendement\b", DocKind::Amendement),
    (r"\bmotie\b", DocKind::Motie),
    (r"\braadsvoorstel\b", DocKind::Raadsvoorstel),
    (r"\braadsbesluit\b", DocKind::Raadsbesluit),
    (
        r"\b(?:raads)?informatiebrief\b",
        DocKind::Raadsinformatiebrief,
    ),
    (r"\b(?:antwoorden|beantwoording)\b", DocKind::Antwoorden),
    (r"\bschriftelijke vragen\b", DocKind::SchriftelijkeVragen),
    (
        r"\b(?:uitvoeringsplan|plan van aanpak|ambitieplan|actieplan)\b",
        DocKind::Plan,
    ),
    (r"\b(?:verslag|notulen)\b", DocKind::Verslag),
    (
        r"\b(?:agendapunt|agendawijzer|ronde tafel\w*|rondetafel\w*|politieke markt)\b",
        DocKind::Agendapunt,
    ),
    (r"\b(?:nieuwsbericht|persbericht|nieuws)\b", DocKind::Nieuws),
];

static KIND_REGEXES: LazyLock<Vec<(Regex, DocKind)>> = LazyLock::new(|| {
    KIND_RULES
        .iter()
        .filter_map(|(p, k)| Regex::new(&format!("(?i){p}")).ok().map(|r| (r, *k)))
        .collect()
});

/// The kind from the title (the keyword that comes first wins: "Schriftelijke vragen over de
/// motie ..." is a question, not a motion), else from a line near the top that starts with a
/// keyword (a document's own heading, not a mention in its prose), else `fallback`.
pub fn kind(title: &str, text: &str, fallback: DocKind) -> DocKind {
    if let Some(kind) = leftmost_kind(title) {
        return kind;
    }
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(8)
        .find_map(|line| {
            KIND_REGEXES
                .iter()
                .find(|(r, _)| r.find(line).is_some_and(|m| m.start() == 0))
                .map(|(_, k)| *k)
        })
        .unwrap_or(fallback)
}

/// The kind of a page saved from the web: a kind its title names; else a news item when its
/// layout says so (a page that reads as news is news, whatever council words its text uses);
/// else as [`kind`].
pub fn kind_of_page(title: &str, text: &str, news: bool, fallback: DocKind) -> DocKind {
    if let Some(kind) = leftmost_kind(title) {
        return kind;
    }
    if news {
        return DocKind::Nieuws;
    }
    kind(title, text, fallback)
}

fn leftmost_kind(text: &str) -> Option<DocKind> {
    KIND_REGEXES
        .iter()
        .filter_map(|(r, k)| r.find(text).map(|m| (m.start(), *k)))
        .min_by_key(|(start, _)| *start)
        .map(|(_, k)| k)
}

static COUNCIL_LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:raadsnummer|raadsvoorstelnummer|registratienummer|motienummer|agendanummer|nummer|nr\.?)\s*:?\s*(\d{4,6}(?:\.\d{1,3})?)\b")
        .expect("static regex")
});
static COUNCIL_DOTTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{5}\.\d{3})\b").expect("static regex"));

/// A council number ("23161", "23161.001"): a labelled one first, else the first of the dotted
/// shape that motions carry.
pub fn council_number(text: &str) -> Option<String> {
    COUNCIL_LABELLED
        .captures(text)
        .or_else(|| COUNCIL_DOTTED.captures(text))
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn titles_come_from_the_first_line() {
        assert_eq!(
            title("\n\n# Motie Aanpak Mensenhandel\nDe raad").as_deref(),
            Some("Motie Aanpak Mensenhandel")
        );
        let long = "woord ".repeat(80);
        let t = title(&long).expect("title");
        assert!(t.chars().count() <= MAX_TITLE_CHARS + 1 && t.ends_with('…'));
        assert_eq!(title("---\n\n"), None);
    }

    #[test]
    fn dates_prefer_labels() {
        assert_eq!(
            date("Rondetafel op 8 maart 2018\nGeschreven op: 07-07-2023"),
            d(2023, 7, 7)
        );
        assert_eq!(
            date("Almere, dinsdag 16 januari 2018 11:05\nTekst"),
            d(2018, 1, 16)
        );
        assert_eq!(date("maandag 19 mar 2018 - Nieuws"), d(2018, 3, 19));
        assert_eq!(date("geen datum hier"), None);
    }

    #[test]
    fn kinds_from_keywords() {
        assert_eq!(
            kind("Motie Aanpak Mensenhandel", "", DocKind::Overig),
            DocKind::Motie
        );
        assert_eq!(
            kind("Besluitenlijst raadsvergadering", "", DocKind::Overig),
            DocKind::Besluitenlijst
        );
        assert_eq!(
            kind("Ronde Tafelgesprek mensenhandel", "", DocKind::Overig),
            DocKind::Agendapunt
        );
        assert_eq!(
            kind(
                "Iets",
                "Antwoorden op schriftelijke vragen",
                DocKind::Overig
            ),
            DocKind::Antwoorden
        );
        assert_eq!(
            kind(
                "Schriftelijke vragen over de uitvoering van de motie",
                "",
                DocKind::Overig
            ),
            DocKind::SchriftelijkeVragen
        );
        // A motion mentioned in a news article's prose does not make the article a motion.
        assert_eq!(
            kind(
                "Brede steun",
                "Almere - De raad nam de motie aan.",
                DocKind::Nieuws
            ),
            DocKind::Nieuws
        );
        assert_eq!(
            kind(
                "Schriftelijke vragen over mensenhandel",
                "",
                DocKind::Overig
            ),
            DocKind::SchriftelijkeVragen
        );
        assert_eq!(
            kind("Iets", "niets herkenbaars", DocKind::Nieuws),
            DocKind::Nieuws
        );
    }

    #[test]
    fn council_numbers() {
        assert_eq!(
            council_number("Raadsnummer: 23161").as_deref(),
            Some("23161")
        );
        assert_eq!(
            council_number("motie 23161.001 werd aangenomen").as_deref(),
            Some("23161.001")
        );
        assert_eq!(council_number("1321 slachtoffers, postcode 1315"), None);
    }
}
