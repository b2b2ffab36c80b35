//! Pages saved from the web as plain text: finding the article in them as a clerk would.
//!
//! A page dump starts with the site's furniture (menus, slogans, teasers of other articles) and
//! ends with more (comment forms, copyright lines). None of it is named here; the article is
//! found by general signals of how pages are laid out:
//! - the body starts at the first long paragraph (running text of many words);
//! - the title is a short line before it: a line the page repeats (headline and page title), else
//!   the line just before the first date or label line ("Geschreven op: …", "Raadsnummer: …",
//!   a dateline), else the last short line before the body that is not a question heading, a
//!   bullet or a label;
//! - what stands before the title is left out of the text, and so are lines after the body that
//!   state a copyright.
//!
//! Signals of a news item (a dateline with a weekday, a newsletter it appeared in, a comment form
//! with reported speech) tell its kind.

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::{alternation, dates};

fn re(p: &str) -> Regex {
    Regex::new(p).expect("static regex in page.rs")
}

/// A paragraph of at least this many words is running text: the article's body has begun.
const BODY_WORDS: usize = 25;
/// A title has at most this many words.
const TITLE_WORDS: usize = 20;

static LABEL: LazyLock<Regex> = LazyLock::new(|| re(r"^[\p{L}][\p{L} ]{1,30}:\s*\S"));
static BULLET: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(?:[•·▪►*–-]|\d{1,2}[.)])\s+"));
static COPYRIGHT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)©|\bcopyright\b|\balle rechten voorbehouden\b"));
static WEEKDAY: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)"));
static NEWSLETTER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\bnieuwsbrief(?:\s+van)?\s+({})\s+(\d{{4}})\b",
        crate::lang::nl::months::FULL_ALTERNATION
    ))
});
static COMMENT_FORM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?im)^\s*(?:reageren|reageer|plaats een reactie|geef een reactie|deel dit bericht|reacties)\b",
    )
});
static REPORTED_SPEECH: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"[“"‘'][^”"’]{10,}[”"’'],?\s+(?:zegt|zei|aldus|meldde|vertelt|vertelde|stelt|weet)\b|\b(?:zegt|zei|aldus|meldde|vertelt)\s+(?:[\p{Lu}]|zij\b|hij\b)"#,
    )
});

/// A quotation the text attributes to someone ("‘We beginnen direct’, zegt zij"): a report.
pub(crate) fn reports_speech(text: &str) -> bool {
    REPORTED_SPEECH.is_match(text)
}

/// What the layout of a page dump says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Page {
    pub title: Option<String>,
    /// The text from the title on, without the copyright lines after the body.
    pub text: String,
    /// The page reads as a news item or a party's post.
    pub news: bool,
    /// The month of the newsletter it appeared in, as its first day, when the page says so.
    pub newsletter_month: Option<chrono::NaiveDate>,
}

/// A line that states a copyright: page furniture, never the document's date.
pub fn is_copyright(line: &str) -> bool {
    COPYRIGHT.is_match(line) && words(line) < BODY_WORDS
}

fn words(line: &str) -> usize {
    line.split_whitespace().count()
}

/// A line that states a date, as a dateline or a label does: a date and a few words more (a
/// headline with a date in it has more).
fn is_date_line(line: &str) -> bool {
    let found = dates::find_dates(line, None);
    if found.is_empty() || words(line) > 16 {
        return false;
    }
    let dated: usize = found.iter().map(|m| words(&m.text)).sum();
    words(line).saturating_sub(dated) <= 8
}

/// A dateline: a date alone, or after a place and a comma ("Zwolle, 8 februari 2024",
/// "Dinsdag 4 april 2023"). Never a title.
pub(crate) fn is_dateline(line: &str) -> bool {
    static PLACE: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)^(?:(?-i:\p{Lu})[\p{L}'. -]{1,40},\s*)?(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\s*,?\s*)?$",
        )
    });
    let line = line.trim().trim_end_matches('.');
    dates::find_dates(line, None)
        .first()
        .is_some_and(|m| m.end == line.len() && PLACE.is_match(&line[..m.start]))
}

/// "Raadsnummer: 23161", "Geschreven op: 07-07-2023", "Afbeelding: …": a value with a number in
/// it, the name of a field or of a page's caption, or a one-word key with a value of a word or
/// two. ("Gemeenten aan zet: aanpak breidt uit" and "Zwembad: een nieuw begin" are titles.)
fn is_label(line: &str) -> bool {
    if !LABEL.is_match(line) || words(line) > 12 {
        return false;
    }
    let (key, value) = line.split_once(':').unwrap_or((line, ""));
    let key = key.trim();
    let digits = value.chars().any(|c| c.is_ascii_digit());
    digits && (words(value) <= 3 || DIGIT_RUN.is_match(value))
        || LABEL_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key))
        || super::fields::is_key(key)
        || words(key) == 1 && words(value) <= 2
}

static DIGIT_RUN: LazyLock<Regex> = LazyLock::new(|| re(r"\d{2}"));

/// Names of a page's captions and metadata ("Afbeelding: …", "Door: …").
const LABEL_KEYS: &[&str] = &[
    "Afbeelding",
    "Foto",
    "Fotografie",
    "Beeld",
    "Bron",
    "Auteur",
    "Door",
    "Tekst",
    "Tags",
    "Tag",
    "Trefwoorden",
    "Categorie",
    "Categorieën",
    "Rubriek",
    "Thema",
    "Geschreven op",
    "Gepubliceerd op",
    "Locatie",
    "Plaats",
    "Tijd",
];

/// Navigation and other furniture by its layout: breadcrumbs ("Home | Bestuur | Stukken",
/// "Home › Nieuws"), links back ("« Terug", "Vorige pagina"), skip links ("Ga naar de inhoud").
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[«‹<←]|(?:\s[|›»>/]\s.*){2}|^ga naar\b|^(?:terug(?:\s+naar\s+(?:het\s+)?overzicht)?|vorige pagina|volgende pagina|meer|inhoud|zoeken|search|menu|home)$",
    )
});
/// The salutation of a letter ("Geacht college,", "Geachte voorzitter,").
static SALUTATION: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^geachte?\s+\S+(?:\s+\S+){0,3},?$"));
/// A kind of document named alone, or with its number only: "MOTIE", "Moties", "Motie 16-15",
/// "25a. Moties", "Moties en amendementen", "Raadsinformatiebrief", "Motie vreemd aan de orde
/// van de dag", "Schriftelijke vragen ex artikel 40 RvO". A label of the document or of the
/// portal's list, not its title.
static KIND_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    let kinds = alternation(include_str!("lexicon/kind_labels.txt"));
    re(&format!(
        r"(?i)^(?:\d{{1,3}}[a-z]?\.\s*)?(?:{kinds})(?:\s*(?:,|&|\ben\b)\s*(?:{kinds}))*(?:\s+vreemd(?:\s+aan\s+de\s+orde(?:\s+van\s+de\s+dag)?)?)?(?:\s+(?:ex\s+|op\s+grond\s+van\s+)?(?:art\.|artikel)\s*\d+[a-z]?(?:\s+(?:van\s+het\s+)?(?:reglement\s+van\s+orde|RvO))?)?(?:\s*\([^)]*\))?(?:\s+[\w./-]*\d[\w./-]*)?$",
    ))
});
/// A line that names a kind of document alone ("Raadsinformatiebrief", "Moties en
/// amendementen", "Motie 16-15"): a label, never a title.
pub(crate) fn is_kind_label(line: &str) -> bool {
    KIND_ALONE.is_match(line)
}

/// A site's news section ("Nieuws uit de raad", "Persberichten"): a headline never opens with
/// the word.
static NEWS_SECTION: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:nieuws|nieuwsbericht(?:en)?|persbericht(?:en)?)\b"));

/// A section's heading alone on its line ("Inleiding", "Voorgesteld besluit", "2. Toelichting"):
/// a part of the document, never its title.
static SECTION: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?:\d{{1,2}}[.)]?\s*)?(?:{})\s*:?$",
        alternation(include_str!("lexicon/section_labels.txt"))
    ))
});

/// Two sentences in a line: a word, a full stop, a capitalised word.
static SENTENCE_BREAK: LazyLock<Regex> = LazyLock::new(|| re(r"\p{Ll}{2}[.!?]\s+\p{Lu}"));
/// The opening of a resolution or motion: "De raad van de gemeente X, in vergadering bijeen", or
/// "De gemeenteraad," alone on its line above the considerations.
static MEETING_OPENING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:de\s+)?(?:gemeente)?raad\b.{0,80}\bbijeen\b|\bin vergadering bijeen\b|^de\s+(?:gemeente)?raad(?:\s+van\s+(?:de\s+gemeente\s+)?[\p{L} .'-]{2,40})?\s*[,;:]?$",
    )
});
/// A lead that speaks of the document itself: "In deze motie wordt …", "Met deze vragen …",
/// "Dit artikel gaat over …". It follows the title; it is never the title.
static ABOUT_ITSELF: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?:(?:in|met|via|op)\s+)?(?:deze|dit)\s+(?:{})\b",
        alternation(include_str!("lexicon/document_nouns.txt"))
    ))
});
/// A sentence that points to a link ("De motie vindt u hier."): page furniture.
static LINK_POINTER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:{})\b",
        alternation(include_str!("lexicon/link_pointers.txt"))
    ))
});

/// Navigation and other furniture of a site ("Zoeken", "Home > Nieuws", "« Terug").
pub(crate) fn is_furniture(line: &str) -> bool {
    FURNITURE.is_match(line)
}

/// A salutation ("Geacht college,") or a sentence that points to a link ("De motie vindt u
/// hier."): never a title, whatever else the page has.
pub fn never_a_title(line: &str) -> bool {
    SALUTATION.is_match(line) || LINK_POINTER.is_match(line) && words(line) <= TITLE_WORDS
}

/// A letter's subject line: "Betreft: …", "Onderwerp: …". It names the letter over any line
/// above it ("Raadsinformatiebrief", a sender's name).
static SUBJECT: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^(?:betreft|onderwerp)\s*:\s*(\S.*)$"));

/// The subject a line gives, if it is a subject line.
fn subject_of(line: &str) -> Option<&str> {
    SUBJECT.captures(line)?.get(1).map(|m| m.as_str().trim())
}

/// A letter's subject line near its top ("Onderwerp: Gladheid op fietspaden").
pub(crate) fn subject(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(15)
        .find_map(subject_of)
        .map(str::to_owned)
}

/// Could this line be the article's title? Not a label, a bullet, a date line, a copyright, a
/// line that ends in a colon (it introduces what follows) or in a comma or semicolon (a clause),
/// the opening of a resolution ("De raad van de gemeente …;"), a salutation, furniture, a kind
/// of document named alone, a section's heading, a sentence that points to a link or speaks of
/// the document itself ("In deze motie …"), nor a lead of several sentences.
pub(crate) fn title_like(line: &str) -> bool {
    let n = words(line);
    if line.ends_with([':', ';', ','])
        || MEETING_OPENING.is_match(line)
        || never_a_title(line)
        || ABOUT_ITSELF.is_match(line)
        || FURNITURE.is_match(line)
        || KIND_ALONE.is_match(line)
        || SECTION.is_match(line)
        || super::fields::is_key(line)
    {
        return false;
    }
    (2..=TITLE_WORDS).contains(&n)
        && !BULLET.is_match(line)
        && !is_label(line)
        && !is_date_line(line)
        && !COPYRIGHT.is_match(line)
        // A line of several sentences is a lead, not a title (a short one is a headline).
        && (n <= 10 || !SENTENCE_BREAK.is_match(line.trim_end_matches(['.', '!', '?'])))
        || n == 1 && line.chars().count() >= 4 && line.chars().all(char::is_alphabetic)
}

/// The heading of a resolution or motion: the title-like line just above its opening ("De raad
/// … in vergadering bijeen"), over labels, dates and the kind named alone.
fn heading_above_opening(lines: &[&str]) -> Option<usize> {
    let opening = lines
        .iter()
        .take(40)
        .position(|l| MEETING_OPENING.is_match(l))?;
    for (i, &l) in lines[..opening].iter().enumerate().rev() {
        if l.is_empty()
            || is_label(l)
            || is_date_line(l)
            || KIND_ALONE.is_match(l)
            || SUBJECT.is_match(l)
            || l.ends_with(':')
        {
            continue;
        }
        return title_like(l).then_some(i);
    }
    None
}

/// The heading of a resolution or motion in a text: the title-like line above "De raad … in
/// vergadering bijeen".
pub fn heading(text: &str) -> Option<String> {
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .collect();
    heading_above_opening(&lines).map(|i| lines[i].to_owned())
}

/// Reads a page dump; `None` when the text does not look like one (no long paragraph, or a
/// title on the first line already).
pub fn read(text: &str) -> Option<Page> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let body = lines.iter().position(|l| words(l) >= BODY_WORDS)?;
    let head: Vec<(usize, &str)> = lines[..body]
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
        .map(|(i, l)| (i, *l))
        .collect();
    // The page opens with its heading: a line that names the kind of document.
    let opens_with_kind = head
        .first()
        .filter(|(_, l)| {
            words(l) >= 2
                && title_like(l)
                && crate::import::infer::starts_with_kind(l)
                && !NEWS_SECTION.is_match(l)
        })
        .map(|(i, l)| (*i, *l));
    // A resolution or motion: the heading above "De raad … in vergadering bijeen".
    let above_opening = heading_above_opening(&lines).map(|i| (i, lines[i]));
    // A letter: its subject line or first title-like line, above the salutation.
    let letter = head
        .iter()
        .position(|(_, l)| SALUTATION.is_match(l))
        .and_then(|p| {
            let above = &head[..p];
            above
                .iter()
                .find_map(|(i, l)| subject_of(l).map(|s| (*i, s)))
                .or_else(|| {
                    above
                        .iter()
                        .find(|(_, l)| title_like(l))
                        .map(|(i, l)| (*i, *l))
                })
        });
    // A document with a subject line ("Onderwerp: …") over its sections.
    let subject_line = head
        .iter()
        .find_map(|(i, l)| subject_of(l).map(|s| (*i, s)));
    let repeated = head.iter().find(|(i, l)| {
        words(l) >= 3 && title_like(l) && head.iter().any(|(j, m)| j != i && m == l)
    });
    // A dateline, the headline, then the article's prose.
    let under_dateline = head
        .windows(3)
        .find_map(|w| match w {
            [(_, date), (i, l), (_, next)]
                if is_date_line(date)
                    && title_like(l)
                    && !l.ends_with('?')
                    && words(next) > TITLE_WORDS / 2
                    && !title_like(next) =>
            {
                Some((*i, *l))
            }
            _ => None,
        })
        .or(match head.as_slice() {
            [.., (_, date), (i, l)] if is_date_line(date) && title_like(l) && !l.ends_with('?') => {
                Some((*i, *l))
            }
            _ => None,
        });
    // The line before the first date or label; a headline over its lead, not the lead (a
    // sentence, with its full stop).
    let before_date = head
        .iter()
        .position(|(_, l)| is_date_line(l) || is_label(l))
        .and_then(|p| {
            let above = &head[..p];
            above
                .iter()
                .rev()
                .find(|(_, l)| title_like(l) && !l.ends_with('.'))
                .or_else(|| above.iter().rev().find(|(_, l)| title_like(l)))
        });
    let last_short = head
        .iter()
        .rev()
        .find(|(_, l)| title_like(l) && !l.ends_with('?') || title_like(l) && words(l) >= 6);
    let found = opens_with_kind
        .or(above_opening)
        .or(letter)
        .or(subject_line)
        .or(repeated.copied())
        .or(under_dateline)
        .or(before_date.copied())
        .or(last_short.copied());
    let (at, title) = match (found, head.first()) {
        (Some((at, title)), _) => (at, Some(title)),
        // A head of only a salutation or link lines ("De motie vindt u hier.") is still a
        // page's head: the page has no title line of its own.
        (None, Some((first, _))) if head.iter().all(|(_, l)| never_a_title(l)) => (*first, None),
        (None, _) => return None,
    };
    // The text from the title on (from the body on when the title stands inside it).
    let at = at.min(body);
    let tail_end = lines
        .iter()
        .rposition(|l| !l.is_empty() && !COPYRIGHT.is_match(l))
        .map_or(lines.len(), |i| i + 1);
    let kept: Vec<&str> = lines[at..tail_end.max(at + 1)]
        .iter()
        .copied()
        .filter(|l| !is_copyright(l))
        .collect();
    let near_title = &lines[at.saturating_sub(3)..(at + 4).min(lines.len())];
    let dateline = near_title
        .iter()
        .any(|l| is_date_line(l) && WEEKDAY.is_match(l));
    let newsletter_month = NEWSLETTER.captures(text).and_then(|c| {
        let month = dates::month_from_dutch(c.get(1)?.as_str())?;
        chrono::NaiveDate::from_ymd_opt(c.get(2)?.as_str().parse().ok()?, month, 1)
    });
    let news = dateline
        || newsletter_month.is_some()
        || COMMENT_FORM.is_match(text) && REPORTED_SPEECH.is_match(text);
    Some(Page {
        title: title.map(str::to_owned),
        text: kept.join("\n"),
        news,
        newsletter_month,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG: &str = "De gemeenteraad sprak donderdag uitgebreid over de plannen voor het nieuwe \
        zwembad in de wijk, waarbij vrijwel alle fracties vragen stelden over de kosten, de \
        planning en de bereikbaarheid voor inwoners van de omliggende dorpen.";

    #[test]
    fn the_title_is_the_line_the_page_repeats() {
        let page = format!(
            "menu Doneer nu\nZoeken\nSport dinsdag 4 mei 2021\n\nNieuw zwembad komt er eindelijk\n\nNieuw zwembad komt er eindelijk\nOndertitel met wat uitleg erbij voor de lezer\n\n{LONG}\n\nCopyright © 2024 Lokale Krant"
        );
        let p = read(&page).expect("a page");
        assert_eq!(p.title.as_deref(), Some("Nieuw zwembad komt er eindelijk"));
        assert!(p.news, "a dateline with a weekday");
        assert!(
            !p.text.contains("Doneer"),
            "furniture before the title is left out"
        );
        assert!(!p.text.contains("Copyright"));
    }

    #[test]
    fn the_title_stands_before_the_date_or_label_lines() {
        let page = format!(
            "Raadsinformatie\n\nZwembad\n\nDossiernummer: 24077\n\nGeschreven op: 01-02-2024\n\nWaar gaat het over?\n\n{LONG}"
        );
        let p = read(&page).expect("a page");
        assert_eq!(p.title.as_deref(), Some("Zwembad"));
        assert!(!p.news);
    }

    #[test]
    fn else_the_last_short_line_before_the_body() {
        let page = format!(
            "Uw krant voor alles wat er in de regio gebeurt\n\n• Een ander bericht over voetbal\n\nWat gaat het nieuwe zwembad kosten?\n\n{LONG}\n\nReageren op dit bericht\n\n“Het wordt prachtig”, zegt de wethouder."
        );
        let p = read(&page).expect("a page");
        assert_eq!(
            p.title.as_deref(),
            Some("Wat gaat het nieuwe zwembad kosten?")
        );
        assert!(p.news, "a comment form with reported speech");
        assert_eq!(read("Kort\n\nook kort"), None);
    }

    #[test]
    fn labels_salutations_and_furniture_are_not_titles() {
        let motion = format!(
            "Home | Raad | Moties\n\nMOTIE\n\nBankjes in het park\n\nDe raad van de gemeente Ergens in vergadering bijeen op 4 maart 2020\n\nVan oordeel dat:\n\n{LONG}"
        );
        assert_eq!(
            read(&motion).and_then(|p| p.title).as_deref(),
            Some("Bankjes in het park")
        );
        let letter = format!("Betreft: vragen over bankjes\n\nGeacht college,\n\n{LONG}");
        assert_eq!(
            read(&letter).and_then(|p| p.title).as_deref(),
            Some("vragen over bankjes")
        );
        let post = format!(
            "Steun onze club vandaag nog\n\ndinsdag 4 mei 2021\n\nBankjes. Een plan voor het park\n\nDe raad sprak er lang over. Het plan komt er, na veel vragen van de fracties.\n\n{LONG}"
        );
        assert_eq!(
            read(&post).and_then(|p| p.title).as_deref(),
            Some("Bankjes. Een plan voor het park")
        );
    }

    #[test]
    fn a_lead_about_the_document_and_a_link_line_are_not_titles() {
        let post = format!(
            "Fractie wil een zebrapad bij de basisschool.\n\nMet deze motie vragen wij het college om snel actie.\n\n{LONG}"
        );
        assert_eq!(
            read(&post).and_then(|p| p.title).as_deref(),
            Some("Fractie wil een zebrapad bij de basisschool.")
        );
        assert!(never_a_title("Het volledige besluit vindt u hier."));
        assert!(never_a_title("Klik hier voor de stemuitslag"));
        assert!(never_a_title("Geachte voorzitter,"));
        assert!(!never_a_title("Hier komt het nieuwe zwembad"));
        let notice = format!("Het raadsbesluit vindt u hier.\n\nZwembad gaat open\n\n{LONG}");
        assert_eq!(
            read(&notice).and_then(|p| p.title).as_deref(),
            Some("Zwembad gaat open")
        );
        // A head of a link line only: still a page, without a title line.
        let bare = format!("Het raadsbesluit vindt u hier.\n\n{LONG}");
        let p = read(&bare).expect("a page");
        assert_eq!(p.title, None);
        assert!(p.text.contains("zwembad"));
    }

    #[test]
    fn a_newsletter_gives_its_month() {
        let page = format!(
            "Zwemles voor iedereen\n\n{LONG}\n\nDit stuk stond in de nieuwsbrief van maart 2022."
        );
        let p = read(&page).expect("a page");
        assert_eq!(
            p.newsletter_month,
            chrono::NaiveDate::from_ymd_opt(2022, 3, 1)
        );
        assert!(p.news);
    }
}
