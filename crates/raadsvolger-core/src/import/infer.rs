//! What a clerk would infer from a document that has no front matter: its title, date, kind,
//! council number and the parties it names.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use crate::extract::dates;
use crate::model::DocKind;

/// Longest inferred title, in characters.
const MAX_TITLE_CHARS: usize = 200;
/// How far into the text an unlabelled date still counts as the document's date.
const DATE_WINDOW_BYTES: usize = 1_500;

/// The titles a register entry gives itself, read from one reading of its fields: its "Titel"
/// field, the heading just above its first field ("Motie 2022-31 Zwemles voor alle kinderen"
/// over "Datum: …", never the name of the portal's list further up nor a label), and its
/// "Onderwerp" field (a short one: a subject line, not a summary).
#[derive(Debug, Default)]
pub struct EntryTitles {
    pub titel: Option<String>,
    pub heading: Option<String>,
    pub onderwerp: Option<String>,
}

pub fn entry_titles(text: &str) -> EntryTitles {
    let fields = super::fields::read(text);
    let of = |key: &str, max_words: usize| {
        fields
            .iter()
            .filter(|f| f.key == key)
            .map(|f| super::fields::value(text, f))
            .filter_map(|v| v.lines().map(str::trim).find(|l| !l.is_empty()))
            .find(|v| v.split_whitespace().count() <= max_words)
            .map(clip_title)
    };
    let heading = fields.first().and_then(|first| {
        let above: Vec<&str> = text.split('\n').take(first.line).collect();
        let line = above.iter().map(|l| l.trim()).rfind(|l| !l.is_empty())?;
        super::page::title_like(line).then(|| clip_title(line))
    });
    EntryTitles {
        titel: of("Titel", 40),
        heading,
        onderwerp: of("Onderwerp", 20),
    }
}

/// The title of a register entry's "Titel" field; else the heading above the opening of a
/// resolution or motion ("De raad … in vergadering bijeen"); else the line above a register
/// entry's fields, else its "Onderwerp" field; else the first non-empty line
/// without Markdown heading marks that is not a salutation nor a line that points to a link (its
/// first sentence when the line runs on as a paragraph and that sentence is short and undated),
/// cut at a word near 200 characters.
pub fn title(text: &str) -> Option<String> {
    let entry = entry_titles(text);
    if let Some(t) = entry.titel {
        return Some(t);
    }
    if let Some(t) = super::page::heading(text) {
        return Some(clip_title(&t));
    }
    if let Some(t) = entry.heading.or(entry.onderwerp) {
        return Some(t);
    }
    // A letter's subject line, over a kind named alone above it.
    let first = text
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .find(|l| l.chars().any(char::is_alphanumeric));
    if let Some(label) = first.filter(|l| super::page::is_kind_label(l)) {
        if let Some(t) = super::page::subject(text) {
            return Some(clip_title(&t));
        }
        // A kind named over the opening of its text ("Raadsbesluit" over "De raad van de
        // gemeente …;") is the best title the document has.
        let next = text.lines().map(str::trim).filter(|l| !l.is_empty()).nth(1);
        if next.is_none_or(|l| !super::page::title_like(l)) {
            return Some(clip_title(label));
        }
    }
    // A salutation, a line that points to a link, a kind named alone, a dateline ("Zwolle,
    // 8 februari 2024") or a site's furniture ("Zoeken") is never the title.
    let line = text
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .find(|l| {
            l.chars().any(char::is_alphanumeric)
                && !super::page::never_a_title(l)
                && !super::page::is_kind_label(l)
                && !super::page::is_dateline(l)
                && !super::page::is_furniture(l)
        })?;
    Some(clip_title(first_sentence(line).unwrap_or(line)))
}

/// The first sentence of a line that runs on as a paragraph, when it is short and names no date.
fn first_sentence(line: &str) -> Option<&str> {
    if line.split_whitespace().count() <= 20 {
        return None;
    }
    let m = SENTENCE_END.find(line)?;
    let stop = m.as_str().find(['.', '!', '?'])?;
    let first = &line[..m.start() + stop];
    let n = first.split_whitespace().count();
    ((3..=15).contains(&n) && dates::find_dates(first, None).is_empty()).then_some(first)
}

static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{Ll}{2}[.!?]\s+\p{Lu}").expect("static regex"));

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

/// Labels that state when a document was written or published, or what day a list shows
/// ("stand per 1 november 2023", "peildatum"). "Datum" may carry a
/// qualifier of whose date it is ("Datum PS", "Datum raad"), never one of a later step
/// ("Datum afdoening" is when it was done).
static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:geschreven op|gepubliceerd op|gepubliceerd|publicatiedatum|datum(?:\s+(?:PS|GS|raad|raadsvergadering|vergadering|indiening|brief|besluit))?|verzonden op|verzenddatum|stand(?:\s+van\s+zaken)?\s+per|peildatum|(?:laatst\s+)?bijgewerkt\s+op)[\s:]*",
    )
    .expect("static regex")
});
/// Labels that date what a document is about, weaker than its title.
static WEAK_DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:vergaderdatum|vergadering van)\s*:?\s*").expect("static regex")
});
/// The opening of a council's resolution, motion or amendment: "De raad van de gemeente X, in
/// vergadering bijeen op [weekday] 31 oktober 2013", "bijeen d.d. 9 november 2010", "bijeen
/// 21-04-2016". The meeting is the document's date.
static MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bbijeen(?:gekomen)?\s*,?\s*(?:op|d\.\s?d\.|van)?\s*:?\s*")
        .expect("static regex")
});
/// "op 2 en 3 juli 2008": a meeting of two days; the first is its date.
static FIRST_OF_TWO_DAYS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(\d{1,2})\s*(?:en|&|t/m|-)\s*$").expect("static regex"));
/// What may stand between a label and its date: a colon, a comma, a weekday.
static GAP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[\s:,]*(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)[\s,]*)?$",
    )
    .expect("static regex")
});
/// "d.d." before a date: the date of another document the text refers to.
static REFERENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bd\.\s?d\.\s*$").expect("static regex"));

fn labelled(text: &str, label: &Regex, mentions: &[dates::DateMention]) -> Option<NaiveDate> {
    label.find_iter(text).find_map(|l| {
        mentions
            .iter()
            .find(|m| m.start >= l.end() && m.start <= l.end() + 12)
            .map(|m| m.date)
    })
}

/// The date right after a label (only spaces, a colon or "op" between), with the first day of a
/// meeting over two days.
fn right_after(text: &str, label: &Regex, mentions: &[dates::DateMention]) -> Option<NaiveDate> {
    label.find_iter(text).find_map(|l| {
        let m = mentions
            .iter()
            .find(|m| m.start >= l.end() && m.start <= l.end() + 14)?;
        let between = &text[l.end()..m.start];
        if let Some(first) = FIRST_OF_TWO_DAYS
            .captures(between)
            .and_then(|c| c.get(1)?.as_str().parse::<u32>().ok())
        {
            return NaiveDate::from_ymd_opt(m.date.year(), m.date.month(), first);
        }
        GAP.is_match(between).then_some(m.date)
    })
}

/// A date that starts or ends a period, or sets a term ("vanaf 1 januari 2022", "vóór 1 juli
/// 2023", "per 1 maart 2020"): what the text is about, not when it was written.
static SPAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:vanaf|per|voor|vóór|uiterlijk|tot|t/m|tot en met|sinds|medio|begin|eind|einde|na)\s*$")
        .expect("static regex")
});

fn is_span(text: &str, m: &dates::DateMention) -> bool {
    let mut from = m.start.saturating_sub(16);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    SPAN.is_match(&text[from..m.start])
}

fn is_reference(text: &str, m: &dates::DateMention) -> bool {
    let mut from = m.start.saturating_sub(8);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    REFERENCE.is_match(&text[from..m.start])
}

/// The dates of a text as the document's own date may be read from them: written dates, numeric
/// ones (slashed month first on a page that writes them so), and weekday dates that the calendar
/// gives a year; the follow-up fields of a register entry (its status updates, due and
/// completion dates) left out.
fn own_date_mentions(text: &str) -> Vec<dates::DateMention> {
    let mut mentions = dates::find_dates(text, None);
    if dates::slashes_month_first(text) {
        mentions.retain(|m| !m.text.contains('/'));
        mentions.extend(dates::slashed_month_first(text));
    }
    for w in dates::weekday_dates(text) {
        if !mentions.iter().any(|m| m.start < w.end && w.start < m.end) {
            mentions.push(w);
        }
    }
    mentions.sort_by_key(|m| m.start);
    mentions
}

/// The document's own date:
/// 1. the meeting a resolution or motion names in its opening ("in vergadering bijeen op …");
/// 2. a date labelled as when it was written or published ("Geschreven op: 07-07-2023",
///    "Datum: ...", "Publicatiedatum ...");
/// 3. a date its title names ("Besluitenlijst raadsvergadering 29 juni 2015"), unless it refers
///    to another document ("d.d. 9 juli 2020");
/// 4. a weaker label ("vergadering van");
/// 5. the first date near the top of the text that neither bounds a period or a term ("vanaf
///    1 januari 2022") nor refers to another document's date ("d.d."), else the first that does
///    not bound a period.
///
/// The follow-up fields of a register entry ("Stand van zaken", "Deadline", "Datum afdoening")
/// are left out: they date what happened to it later.
pub fn date(text: &str) -> Option<NaiveDate> {
    let masked = super::fields::without_follow_up(text);
    let text = masked.as_str();
    let mentions = own_date_mentions(text);
    if let Some(d) = right_after(text, &MEETING, &mentions) {
        return Some(d);
    }
    if let Some(d) = right_after(text, &DATE_LABEL, &mentions) {
        return Some(d);
    }
    if let Some(first) = text.lines().find(|l| !l.trim().is_empty()) {
        if first.split_whitespace().count() <= 15 {
            let end = text.find(first).unwrap_or(0) + first.len();
            if let Some(m) = mentions
                .iter()
                .find(|m| m.end <= end && !is_reference(text, m) && !is_span(text, m))
            {
                return Some(m.date);
            }
        }
    }
    if let Some(d) = labelled(text, &WEAK_DATE_LABEL, &mentions) {
        return Some(d);
    }
    let near = || {
        mentions
            .iter()
            .filter(|m| m.start < DATE_WINDOW_BYTES && !is_span(text, m))
    };
    near()
        .find(|m| !is_reference(text, m))
        .or_else(|| near().next())
        .map(|m| m.date)
        .or_else(|| stamped_day(text))
}

/// How far into the text a year-month stamp and a day without a year are read together.
const STAMP_WINDOW_BYTES: usize = 300;

/// A day and month without a year near the top ("14 januari – Uit de cijfers …"), dated by a
/// year-month stamp of the same month near it ("2018-01", as a saved copy or a site's archive
/// prints it): the two agree, so the day is that month's.
fn stamped_day(text: &str) -> Option<NaiveDate> {
    static STAMP: LazyLock<Regex> =
        LazyLock::new(|| re(r"\b((?:19|20)\d{2})-(0[1-9]|1[0-2])(?:[^-\d]|$)"));
    static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"(?i)\b(\d{{1,2}})\s+({})\b(?:[^\d]|$)",
            crate::lang::nl::months::FULL_ALTERNATION
        ))
    });
    let mut end = STAMP_WINDOW_BYTES.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let stamp = STAMP.captures(head)?;
    let (year, month): (i32, u32) = (stamp[1].parse().ok()?, stamp[2].parse().ok()?);
    DAY_MONTH.captures_iter(head).find_map(|c| {
        let day: u32 = c[1].parse().ok()?;
        (dates::month_from_dutch(&c[2])? == month).then_some(())?;
        NaiveDate::from_ymd_opt(year, month, day)
    })
}

/// The date a title gives with "d.d." ("Motie 4 Fietspad d.d. 12 maart 2024"): the day of the
/// meeting the document, or the document it is about, belongs to.
pub fn title_date(title: &str) -> Option<NaiveDate> {
    static DD: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bd\.\s?d\.?\s+"));
    let m = DD.find(title)?;
    dates::find_dates(title, None)
        .into_iter()
        .find(|d| d.start == m.end())
        .map(|d| d.date)
}

/// Keyword rules, most specific first, tried on the title and then on the opening of the text.
const KIND_RULES: &[(&str, DocKind)] = &[
    (
        r"\b(?:besluitenlijst|stemuitslag(?:en)?|stemmingsuitslag(?:en)?)",
        DocKind::Besluitenlijst,
    ),
    (r"\bamendement\b", DocKind::Amendement),
    (r"\bmotie\b", DocKind::Motie),
    (r"\braadsvoorstel\b", DocKind::Raadsvoorstel),
    (r"\braadsbesluit\b", DocKind::Raadsbesluit),
    (
        r"\b(?:raads)?informatiebrief\b",
        DocKind::Raadsinformatiebrief,
    ),
    (r"\b(?:antwoorden|beantwoording)\b", DocKind::Antwoorden),
    (
        r"\b(?:schriftelijke vragen|raadsvragen|raadsvraag)\b|^(?:aanvullende\s+)?vragen\b",
        DocKind::SchriftelijkeVragen,
    ),
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

/// The kind of a document: answers, a letter of questions or a register entry of a promise by
/// their structure; else a kind named alone above the title; else from the title (the keyword that comes first wins: "Schriftelijke
/// vragen over de motie ..." is a question, not a motion), else from a line near the top that starts with a
/// keyword (a document's own heading, not a mention in its prose), else from the document's
/// structure ([`kind_from_structure`]), else `fallback`.
pub fn kind(title: &str, text: &str, fallback: DocKind) -> DocKind {
    if let Some(kind) = kind_before_title(text, !super::fields::read(text).is_empty()) {
        return kind;
    }
    if let Some(kind) = label_kind(text, title) {
        return kind;
    }
    if let Some(kind) = title_kind(title) {
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
        .or_else(|| kind_from_structure(text))
        .unwrap_or(fallback)
}

/// The kind of a page saved from the web, as a clerk tells it:
/// 1. questions with the answers under them are the answers, and a letter to the executive
///    that asks questions is written questions, whatever the title calls them;
/// 2. a register entry of a promise is a promise (kind "overig"), even when it names a motion;
///    a kind named alone on a line above the title ("Raadsinformatiebrief") is the kind;
/// 3. a kind its title names, unless, on a page that is not a register entry, the title reports
///    what became of a motion ("Motie … aangenomen") or names a motion or amendment whose own
///    text (its considerations, its dictum, its opening) is not on the page: that is a report,
///    a news item;
/// 4. the document's structure ([`kind_from_structure`]);
/// 5. a register's list name above the entry ("Moties", "Amendementen");
/// 6. a news item when its layout says so;
/// 7. else an article (news) when the page is prose, "overig" when it is a register entry.
pub fn kind_of_page(title: &str, text: &str, news: bool, fallback: DocKind) -> DocKind {
    let register = !super::fields::read(text).is_empty();
    if let Some(kind) = kind_before_title(text, register) {
        return kind;
    }
    if let Some(kind) = label_kind(text, title) {
        return kind;
    }
    if let Some(kind) = title_kind(title) {
        let proposal = matches!(kind, DocKind::Motie | DocKind::Amendement);
        if !register && (OUTCOME_HEADLINE.is_match(title) || proposal && !OWN_TEXT.is_match(text)) {
            return DocKind::Nieuws;
        }
        return kind;
    }
    if let Some(kind) = kind_from_structure(text).or_else(|| list_name(text)) {
        return kind;
    }
    if news {
        return DocKind::Nieuws;
    }
    match kind(title, text, fallback) {
        k if k != fallback => k,
        _ if register => fallback,
        _ => DocKind::Nieuws,
    }
}

fn re(p: &str) -> Regex {
    Regex::new(p).expect("static regex in infer.rs")
}

/// A line that starts an answer ("Antwoord:", "• Antwoord op vraag 1").
static ANSWER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?im)^[\s•·▪*–-]*(?:\d{1,2}[.)]\s*)?antwoord\b"));
/// A question: a line ending in a question mark.
static QUESTION: LazyLock<Regex> = LazyLock::new(|| re(r"(?m)\?\s*$"));
/// The salutation of a letter to the executive or the chair.
static SALUTATION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?im)^\s*geachte?\s+(?:college|voorzitter|heer|mevrouw|burgemeester|wethouder|dames|leden|gedeputeerde)",
    )
});
/// A register entry's promise: a field "Toezegging", or a member of the executive who "zegt
/// toe".
static PROMISE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?im)^\s*toezegging\s*:?\s*$|\bzegt(?:\s+\S+){0,3}\s+toe\b"));
/// A headline that reports what became of a proposal.
static OUTCOME_HEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:aangenomen|verworpen|afgewezen|gesteund|ingetrokken|gehaald|sneuvelt|gesneuveld)\b",
    )
});
/// An item of a decision list or vote overview with its outcome: a line that starts with a
/// number or a bullet and says what became of a motion, an amendment or a proposal; or an
/// outcome alone on a line under the item.
static DECIDED_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?im)^\s*(?:(?:\d{1,2}[.)]|[•·▪*–-])\s*.{0,300}?\b(?:aangenomen|verworpen|aangehouden|ingetrokken)\b|(?:aangenomen|verworpen|aangehouden|ingetrokken)\s*$)",
    )
});
/// A speaker's turn in minutes: "De heer Jansen (CDA):", "Mevrouw De Vries:", "De voorzitter:"
/// (and the Frisian "De hear", "De foarsitter" of bilingual councils).
static SPEAKER_TURN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:De (?:heer|hear|voorzitter|foarsitter|burgemeester|wethouder|griffier)|Mevrouw|Mevr\.|Frou)\b[^:.\n]{0,50}:",
    )
});
/// The opening of an amendment ("AMENDEMENT" as a heading, "stelt het volgende amendement
/// voor", "het besluit als volgt te wijzigen").
static AMENDMENT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?im)^\s*amendement\s*:?\s*$|\bhet volgende amendement voor\b|\b(?:ontwerp)?besluit(?:\s+\S+){0,4}\s+als volgt te wijzigen\b",
    )
});
/// The dictum of a motion: the council (or the States) asks or charges the executive, followed
/// by its list of requests ("verzoekt het college:", "draagt het college op:", "PS roepen het
/// college van GS op:", "verzoeken Gedeputeerde Staten:"), or the closing "en gaat (gaan)
/// over tot de orde van de dag".
static DICTUM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:verzoekt|verzoeken|draagt|dragen|roept|roepen)\s+(?:(?:het|de|ons)\s+)?(?:college|burgemeester|gedeputeerde|dagelijks bestuur|GS)\b[^.:;\n]{0,80}:|\b(?:gaat|gaan) over tot de orde van de dag\b",
    )
});
/// The own text of a motion or amendment: its opening, its considerations, its dictum.
static OWN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?im)\bvergadering bijeen\b|\bbijeen op\b|^\s*(?:constaterende|overwegende|van oordeel|gelet op|gehoord)\b|\b(?:verzoekt|verzoeken|draagt|dragen|roept|roepen)\s+(?:(?:het|de)\s+)?(?:college|burgemeester|gedeputeerde|dagelijks bestuur|GS)\b|\bstelt het volgende amendement voor\b|\b(?:gaat|gaan) over tot de orde van de dag\b",
    )
});
/// A register's list name above an entry ("Moties", "25a. Moties", "Amendementen").
static LIST_NAME: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:\d{1,3}[a-z]?\.\s*)?(moties|amendementen)\b(?:\s*\([^)]*\))?$"));

/// What a document's structure says before its title is heard: answers, a letter of questions,
/// a register entry of a promise.
fn kind_before_title(text: &str, register: bool) -> Option<DocKind> {
    if answers(text) {
        return Some(DocKind::Antwoorden);
    }
    if SALUTATION.is_match(text) && QUESTION.is_match(text) {
        return Some(DocKind::SchriftelijkeVragen);
    }
    if register && PROMISE.is_match(text) {
        return Some(DocKind::Overig);
    }
    None
}

/// Questions with their answers under them.
fn answers(text: &str) -> bool {
    ANSWER.find_iter(text).count() >= 2 && QUESTION.is_match(text)
}

/// What a document's own structure says it is: a decision list or vote overview (three items
/// or more with their outcomes), minutes (three speakers' turns or more), written questions (a
/// letter to the executive that asks), an amendment, a motion (its dictum).
pub fn kind_from_structure(text: &str) -> Option<DocKind> {
    if answers(text) {
        return Some(DocKind::Antwoorden);
    }
    if DECIDED_ITEM.find_iter(text).count() >= 3 {
        return Some(DocKind::Besluitenlijst);
    }
    if SPEAKER_TURN.find_iter(text).count() >= 3 {
        return Some(DocKind::Verslag);
    }
    if SALUTATION.is_match(text) && QUESTION.is_match(text) {
        return Some(DocKind::SchriftelijkeVragen);
    }
    if AMENDMENT.is_match(text) {
        return Some(DocKind::Amendement);
    }
    if DICTUM.is_match(text) {
        return Some(DocKind::Motie);
    }
    None
}

/// The kind a register's list name above the entry gives.
fn list_name(text: &str) -> Option<DocKind> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(8)
        .find_map(|l| LIST_NAME.captures(l))
        .map(|c| {
            if c[1].eq_ignore_ascii_case("moties") {
                DocKind::Motie
            } else {
                DocKind::Amendement
            }
        })
}

/// The kind a label line above the title names: "Raadsinformatiebrief" over "Onderwerp:
/// Afdoening motie 2022-17 …" is a letter about a motion, not a motion.
fn label_kind(text: &str, title: &str) -> Option<DocKind> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(4)
        .take_while(|l| !l.contains(title))
        .filter(|l| super::page::is_kind_label(l))
        .find_map(leftmost_kind)
        // "Nieuws" over a page is the site's section, which also holds motions' texts.
        .filter(|k| *k != DocKind::Nieuws)
}

/// Whether a line begins with a word that names a kind of document ("Motie …", "Besluitenlijst
/// …", "Stemuitslag …").
pub fn starts_with_kind(line: &str) -> bool {
    KIND_REGEXES
        .iter()
        .any(|(r, _)| r.find(line).is_some_and(|m| m.start() == 0))
}

/// The kind a title names. A title clipped from the text's first long sentence is no heading:
/// a kind word in it is a mention ("… vindt het wel een amendement …"), unless the sentence
/// opens with it.
fn title_kind(title: &str) -> Option<DocKind> {
    if title.ends_with('…') {
        KIND_REGEXES
            .iter()
            .find(|(r, _)| r.find(title).is_some_and(|m| m.start() == 0))
            .map(|(_, k)| *k)
    } else {
        leftmost_kind(title)
    }
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
    fn a_title_dates_its_document_with_dd() {
        assert_eq!(
            title_date("Motie 4 Fietspad langs de dijk d.d. 12 maart 2024 aangenomen"),
            NaiveDate::from_ymd_opt(2024, 3, 12)
        );
        assert_eq!(title_date("Fietspad langs de dijk klaar in 2024"), None);
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
    fn the_meeting_of_a_motion_is_its_date() {
        // A party's post dated a day later, a motion whose opening names its meeting.
        let text = "5 maart 2020\nMotie bankjes in het park\nDe raad van de gemeente Ergens, in vergadering bijeen op donderdag 4 maart 2020;\nverzoekt het college:";
        assert_eq!(date(text), d(2020, 3, 4));
        assert_eq!(
            date("Provinciale Staten van Ergens, in vergadering bijeen op 14 en 15 november 2023;"),
            d(2023, 11, 14)
        );
        // A period's start is not the document's date; a reference to another one comes last.
        assert_eq!(date("De wachttijden dalen vanaf 1 januari 2022."), None);
        assert_eq!(
            date("Vragen over motie 4 d.d. 9 juli 2020\n| 11-11-2020 |"),
            d(2020, 11, 11)
        );
    }

    #[test]
    fn a_register_entry_is_dated_by_its_own_fields_not_its_follow_up() {
        let entry = "Moties\nDatum: 7/9/2019\nAgendapunt: Raadsvergadering 09-07-2019\nTitel: Motie bankjes\nStand van zaken\nBrief van 12-12-2020\nDatum afdoening: 1/15/2021";
        assert_eq!(date(entry), d(2019, 7, 9));
        assert_eq!(title(entry).as_deref(), Some("Motie bankjes"));
        let promise = "Toezegging\nDe wethouder komt met een plan.\nStand van zaken\nBrief van 15 oktober 2021";
        assert_eq!(date(promise), None);
        assert_eq!(kind("Bankjes", promise, DocKind::Motie), DocKind::Overig);
        // A portal's meeting line without a year takes it from the calendar.
        assert_eq!(
            date("Agendapunt\nRaad 2024 (motie 3)\ndinsdag 14 mei 19:30 tot 22:30"),
            d(2024, 5, 14)
        );
    }

    #[test]
    fn kinds_from_a_documents_structure() {
        let motion = "De raad, gehoord de beraadslaging,\nverzoekt het college:\n- bankjes te plaatsen;\nen gaat over tot de orde van de dag.";
        assert_eq!(kind_from_structure(motion), Some(DocKind::Motie));
        let amendment =
            "AMENDEMENT\nDe raad stelt het volgende amendement voor:\nhet besluit aan te vullen.";
        assert_eq!(kind_from_structure(amendment), Some(DocKind::Amendement));
        let letter = "Geacht college,\n1. Wanneer komen de bankjes?\n2. Wat kosten ze?";
        assert_eq!(
            kind("Bankjes", letter, DocKind::Overig),
            DocKind::SchriftelijkeVragen
        );
        let answers =
            "1. Wanneer komen de bankjes?\nAntwoord: in mei.\n2. Wat kosten ze?\nAntwoord: weinig.";
        assert_eq!(
            kind("Vragen over bankjes", answers, DocKind::Overig),
            DocKind::Antwoorden
        );
        let list = "1. Motie bankjes van CDA aangenomen met 10 stemmen voor.\n2. Motie fietsen van D66 verworpen.\n3. Amendement parkeren ingetrokken.";
        assert_eq!(kind_from_structure(list), Some(DocKind::Besluitenlijst));
        let minutes =
            "De voorzitter: Opent.\nDe heer Jansen (CDA): Vraagt.\nMevrouw Smit: Antwoordt.";
        assert_eq!(kind_from_structure(minutes), Some(DocKind::Verslag));
        // A page about a motion, without its text, is a report of it.
        assert_eq!(
            kind_of_page(
                "Motie bankjes aangenomen",
                "De raad nam de motie aan.",
                false,
                DocKind::Overig
            ),
            DocKind::Nieuws
        );
        assert_eq!(
            kind_of_page(
                "Motie over bankjes",
                "Wij dienden een motie in over bankjes in het park.",
                false,
                DocKind::Overig
            ),
            DocKind::Nieuws
        );
        assert_eq!(
            kind_of_page("Motie over bankjes", motion, false, DocKind::Overig),
            DocKind::Motie
        );
    }

    #[test]
    fn a_day_without_a_year_takes_the_year_of_a_stamp_of_its_month() {
        assert_eq!(
            date("archief 2021-03\n9 maart – De raad sprak over de bankjes."),
            d(2021, 3, 9)
        );
        // A stamp of another month says nothing of the day.
        assert_eq!(
            date("archief 2021-04\n9 maart – De raad sprak over de bankjes."),
            None
        );
    }

    #[test]
    fn a_kind_label_over_the_title_names_the_kind_but_a_news_section_does_not() {
        let letter =
            "Raadsinformatiebrief\nOnderwerp: Uitvoering motie Bankjes\nGeachte leden van de raad,";
        assert_eq!(
            kind("Uitvoering motie Bankjes", letter, DocKind::Overig),
            DocKind::Raadsinformatiebrief
        );
        let motion = "Nieuws\nMotie Bankjes\nDe raad, in vergadering bijeen op 4 april 2023,\nverzoekt het college:\n- bankjes te plaatsen;\nen gaat over tot de orde van de dag.";
        assert_eq!(
            kind_of_page("Motie Bankjes", motion, false, DocKind::Overig),
            DocKind::Motie
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
