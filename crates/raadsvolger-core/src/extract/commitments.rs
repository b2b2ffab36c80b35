//! Commitments in Dutch council text: the requests in a motion's dictum ("verzoekt het college
//! ... te ..."), the executive's promises ("zegt toe", "heeft toegezegd", "belooft"), and the
//! later statements that a promised thing has come ("dat is iets later geworden, maar nu ligt
//! er ...").

use std::collections::HashSet;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::deadlines::{Deadline, DeadlineKind, extract_deadlines};
use super::promises::{PAST_PROMISE, REFERENCE};
pub use super::promises::{promises, promises_by};
use crate::model::{CommitmentDraft, DocKind, Due, NewDocument, Origin};

fn re(p: &str) -> Regex {
    Regex::new(p).expect("static regex in commitments.rs")
}

/// The start of a dictum, as the deadline rules define it (the lexicon files `dictum_verbs`,
/// `dictum_adverbs` and `addressees`), with its "op" and colon.
static DICTUM: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b{}(?:\s+op)?\b\s*:?",
        super::deadlines::dictum_request_pattern()
    ))
});
static DICTUM_END: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\ben\s+(?:gaat|gaan)\s+over\s+tot\s+de\s+orde\s+van\s+de\s+dag|\bingediend\s+door\b")
});
/// A bullet inside a line.
static INLINE_BULLET: LazyLock<Regex> = LazyLock::new(|| re(r"(?:^|[;:.,]?\s+)[•▪·]\s+"));
static ITEM_MARK: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*(?:\d{1,2}[.)]|[-•*–]|[a-z][.)])\s+"));
/// A statement that the promised thing is there now: "nu ligt er", "nu zijn er (wel)", "is er
/// inmiddels", "hierbij bieden wij ... aan", "met dit plan", "is afgedaan met de brief van …".
static ARRIVED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:nu\s+(?:ligt|liggen|is|zijn)\s+er|(?:ligt|liggen|is|zijn)\s+er\s+(?:nu|inmiddels)|inmiddels\s+(?:is|ligt|zijn|liggen)|hierbij\s+(?:bieden|sturen|ontvangt)|met\s+dit\s+(?:plan|voorstel)|later\s+dan\s+(?:toegezegd|beloofd)|(?:is|zijn|werd|werden)\s+afgedaan\s+(?:met|door|via|bij|per)\b)",
    )
});
/// It came, but later than promised: "later geworden", "later dan toegezegd", "vertraging".
static LATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\blater\s+(?:geworden|gekomen|dan\s+(?:toegezegd|beloofd|gepland))|\bvertraging\b|\bte\s+laat\b|\buitgesteld\b",
    )
});
/// An infinitive with "te": what a request asks to be done ("een voorstel te doen", "aan te
/// stellen").
static INFINITIVE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bte\s+\p{L}{3,}"));
/// A sentence that reports a motion adopted.
static ADOPTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bmotie\b.*\b(?:aangenomen|aanvaard)\b|\b(?:aangenomen|aanvaard)\b.*\bmotie\b|\bstem(?:t|de|den)\b.*\bin\s+met\s+(?:de\s+|een\s+)?motie\b",
    )
});
/// A clause in the passive: a form of "worden".
static PASSIVE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:wordt|worden)\b"));
static NOT_YET: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:nog\s+niet|niet\s+gehaald|niet\s+gelukt|nog\s+geen|niet\s+nagekomen)\b")
});

pub use crate::model::FulfilmentHint;

/// What the extractor finds in one document.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Found {
    pub commitments: Vec<CommitmentDraft>,
    pub hints: Vec<FulfilmentHint>,
}

pub fn extract(doc: &NewDocument) -> Found {
    let mut commitments = Vec::new();
    // Without the document's date no relative deadline can be placed; promises still count.
    if let Some(date) = doc.date {
        if doc.kind == DocKind::Motie {
            commitments.extend(requests(&doc.body_text, date));
        } else if reports_one_adopted_motion(doc) {
            let mut reported = reported_requests(&doc.body_text, date);
            // A letter that retells the motion's requests and takes the motion as done.
            if let Some(passage) = super::register_entries::declared_done(&doc.body_text) {
                for c in &mut reported {
                    c.met.get_or_insert(crate::model::Fulfilment {
                        on: Some(date),
                        passage: passage.clone(),
                    });
                }
            }
            commitments.extend(reported);
        }
    }
    let we_govern = matches!(
        doc.kind,
        DocKind::Raadsinformatiebrief
            | DocKind::Antwoorden
            | DocKind::Raadsvoorstel
            | DocKind::Raadsbesluit
    );
    commitments.extend(promises_by(&doc.body_text, doc.date, we_govern));
    if let Some(date) = doc.date {
        for c in super::promises::spoken_promises(&doc.body_text, date) {
            if !commitments.iter().any(|k| k.quote == c.quote) {
                commitments.push(c);
            }
        }
    }
    // The executive's own letters say what it will do, as its answers do.
    if matches!(
        doc.kind,
        DocKind::Antwoorden | DocKind::Raadsinformatiebrief
    ) {
        for c in super::answers::promises(&doc.body_text, doc.date) {
            if !commitments.iter().any(|k| k.quote == c.quote) {
                commitments.push(c);
            }
        }
    }
    // A list of promises laid out as a table: each row is read by its own day, term and
    // state, in place of what the sentences of the row gave.
    let listed = super::promise_lists::promises(&doc.body_text, doc.date);
    if !listed.is_empty() {
        commitments.retain(|c| {
            !listed
                .iter()
                .any(|l| c.quote.contains(&l.quote) || l.quote.contains(&c.quote))
        });
        commitments.extend(listed);
    }
    // An entry of a register that follows up a motion the council adopted holds its
    // requests; any other entry records what the executive is held to.
    let adopted = doc
        .votes
        .iter()
        .any(|e| e.about_self && e.outcome == Some(crate::model::Outcome::Aangenomen));
    let origin = if doc.kind == DocKind::Motie && adopted {
        Origin::Motion
    } else {
        Origin::Promise
    };
    super::register_entries::add_commitments(&doc.body_text, &doc.title, origin, &mut commitments);
    Found {
        commitments,
        hints: hints(&doc.body_text),
    }
}

pub(crate) fn actor_of(phrase: &str) -> &'static str {
    let p = phrase.to_lowercase();
    if p.contains("gedeputeerde")
        || p.contains(" gs ")
        || p.starts_with("gs ")
        || p.ends_with(" gs")
        || p.contains("provincie")
    {
        "provinciaal college"
    } else if p.contains("dagelijks bestuur") {
        "dagelijks bestuur"
    } else if p.contains("regering") || p.contains("kabinet") {
        "regering"
    } else if p.contains("staatssecretaris") {
        "staatssecretaris"
    } else if p.contains("minister") {
        "minister"
    } else if p.contains("burgemeester") && !p.contains("wethouders") {
        "burgemeester"
    } else if p.contains("wethouder") && !p.contains("burgemeester en wethouders") {
        "wethouder"
    } else {
        "college"
    }
}

/// The requests of each dictum in a motion.
pub fn requests(text: &str, date: NaiveDate) -> Vec<CommitmentDraft> {
    let mut out = Vec::new();
    for m in DICTUM.find_iter(text) {
        crate::budget::check();
        let rest = &text[m.end()..];
        // In a register entry the dictum ends with the field that holds it.
        // (A field that ends in a colon introduces the list under it: the dictum goes on.)
        let field_end = crate::text::fields::read(text)
            .iter()
            .find(|f| f.value.contains(&m.start()))
            .map(|f| f.value.end.saturating_sub(m.end()))
            .filter(|&end| !rest[..end.min(rest.len())].trim_end().ends_with(':'));
        let end = DICTUM_END
            .find(rest)
            .map(|e| e.start())
            .into_iter()
            .chain(field_end)
            .min()
            .unwrap_or(rest.len());
        let dictum = &rest[..end];
        let verb = m.as_str().trim_end_matches(':').trim();
        let actor = actor_of(verb);
        for item in split_items(dictum) {
            let context = format!("{verb} {item}");
            let found = extract_deadlines(&context, date);
            let found: Vec<Deadline> = found
                .into_iter()
                .filter(|d| !forbidden(&context, d))
                .collect();
            // A request that names no time at all is not held to one: it is what the motion
            // asks, not a commitment with a term (the convention of the deadline set).
            let Some(deadline) = best_deadline_in(&context, &found) else {
                continue;
            };
            let deadline = Some(deadline);
            let cleaned = clean_task(&item, deadline.as_ref().map(|d| d.text.as_str()));
            if cleaned.split_whitespace().count() < 2 {
                continue;
            }
            out.push(CommitmentDraft {
                origin: Origin::Motion,
                text: cleaned,
                actor: actor.to_owned(),
                due: deadline.map(to_due),
                quote: format!("{verb}: {item}"),
                met: None,
            });
        }
    }
    out
}

/// The document reports the adoption of exactly one motion (another document's): what it then
/// says the executive is to do is what that motion asks.
fn reports_one_adopted_motion(doc: &NewDocument) -> bool {
    let adopted: Vec<_> = doc
        .votes
        .iter()
        .filter(|e| {
            !e.about_self
                && e.outcome == Some(crate::model::Outcome::Aangenomen)
                && e.item_kind
                    .is_none_or(|k| matches!(k, DocKind::Motie | DocKind::Amendement))
                && (e.title.is_some() || e.number.is_some())
        })
        .collect();
    adopted.len() == 1 && doc.votes.len() == 1
}

/// Requests of an adopted motion as a report retells them: after the sentence that says the
/// motion was adopted, in its paragraph and the next, each sentence with an infinitive ("... te
/// doen", "aan te stellen") and a dated deadline. "om ..." clauses are read from "om" on, so a
/// date before it (an election, a meeting) is not taken for the deadline.
pub fn reported_requests(text: &str, date: NaiveDate) -> Vec<CommitmentDraft> {
    let paragraphs: Vec<Vec<&str>> = text.split("\n\n").map(sentences).collect();
    // Each sentence that reports the adoption opens a window: the rest of its paragraph and the
    // next paragraph.
    let mut window: Vec<(usize, usize)> = Vec::new();
    for (pi, ss) in paragraphs.iter().enumerate() {
        for (si, s) in ss.iter().enumerate() {
            if !ADOPTED.is_match(s) {
                continue;
            }
            let rest = (si + 1..ss.len()).map(|j| (pi, j));
            // A heading between the report and what the motion holds ("Wat houdt de motie
            // in?", "De motie vraagt:") passes the window on to the paragraph under it.
            let heading = |p: &Vec<&str>| p.len() == 1 && p[0].trim_end().ends_with(['?', ':']);
            let next_at = match paragraphs.get(pi + 1) {
                Some(p) if heading(p) => pi + 2,
                _ => pi + 1,
            };
            let next = (0..paragraphs.get(next_at).map_or(0, Vec::len)).map(|j| (next_at, j));
            for at in rest.chain(next) {
                if !window.contains(&at) {
                    window.push(at);
                }
            }
        }
    }
    window.sort();
    let mut out = Vec::new();
    for sentence in window.into_iter().map(|(pi, si)| paragraphs[pi][si]) {
        static OM: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bom\s+"));
        let clause = match OM.find(sentence) {
            Some(m) if INFINITIVE.is_match(&sentence[m.end()..]) => &sentence[m.end()..],
            _ => sentence,
        };
        let clause = clause.trim_start_matches(|c: char| !c.is_alphanumeric());
        let clause = match clause.split_once([' ', ',']) {
            Some((first, rest)) if first.eq_ignore_ascii_case("en") => rest,
            _ => clause,
        }
        .trim_start_matches([',', ' ']);
        // What the motion asks is an infinitive ("… te doen"), or a duty told in the passive
        // ("de commissie wordt ieder half jaar geïnformeerd"), which only a recurring term makes one.
        let passive = PASSIVE.is_match(clause);
        if !INFINITIVE.is_match(clause) && !passive {
            continue;
        }
        let context = format!("verzoekt het college {clause}");
        let Some(deadline) = best_deadline(&extract_deadlines(&context, date)).filter(|d| {
            d.due.is_some() && INFINITIVE.is_match(clause)
                || d.kind == DeadlineKind::Recurring && passive
        }) else {
            continue;
        };
        let cleaned = clean_task(clause.trim_end_matches(['.', ';']), Some(&deadline.text));
        if cleaned.split_whitespace().count() < 3 {
            continue;
        }
        out.push(CommitmentDraft {
            origin: Origin::Motion,
            text: cleaned,
            actor: "college".into(),
            due: Some(to_due(deadline)),
            quote: sentence.split_whitespace().collect::<Vec<_>>().join(" "),
            met: None,
        });
    }
    out
}

/// The numbered or dashed items of a dictum, or its `;`-separated parts, or the whole.
fn split_items(dictum: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    let mut marked = false;
    // A list flattened onto one line by the page keeps its bullets: each starts an item.
    let unflattened = INLINE_BULLET.replace_all(dictum, "\n• ");
    let mut blank = false;
    for line in unflattened.lines() {
        if let Some(m) = ITEM_MARK.find(line) {
            marked = true;
            items.push(line[m.end()..].trim().to_owned());
        } else if marked && blank && !line.trim().is_empty() {
            // An unmarked paragraph after a blank line follows the list; it is no part of
            // its last item.
            break;
        } else if marked && !line.trim().is_empty() {
            if let Some(last) = items.last_mut() {
                last.push(' ');
                last.push_str(line.trim());
            }
        }
        blank = line.trim().is_empty();
    }
    if !marked {
        let flat = dictum.split_whitespace().collect::<Vec<_>>().join(" ");
        items = flat.split(';').map(|s| s.trim().to_owned()).collect();
    }
    items
        .into_iter()
        .map(|s| {
            s.trim()
                .trim_end_matches([';', ',', '.'])
                .trim_end_matches(" en")
                .trim_end_matches(" of")
                .trim_end_matches([';', ','])
                .trim()
                .to_owned()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// A term that is negated forbids rather than sets a time ("niet in Q1 2030 met een plan te
/// komen").
fn forbidden(text: &str, d: &Deadline) -> bool {
    text.find(&d.text).is_some_and(|at| {
        text[..at]
            .split_whitespace()
            .next_back()
            .is_some_and(|w| w.eq_ignore_ascii_case("niet"))
            || d.text
                .split_whitespace()
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case("niet"))
    })
}

/// [`best_deadline`], where two dated terms offered as alternatives ("in Q2 of Q3 2031") are
/// held to the later one: the last moment either allows.
fn best_deadline_in(text: &str, found: &[Deadline]) -> Option<Deadline> {
    let best = best_deadline(found)?;
    let alternative = found.iter().find(|d| {
        d.due.is_some_and(|due| best.due.is_some_and(|b| due > b))
            && text.find(&best.text).is_some_and(|a| {
                let end = a + best.text.len();
                text.get(end..)
                    .and_then(|rest| rest.trim_start().strip_prefix("of "))
                    .is_some_and(|rest| rest.trim_start().starts_with(&d.text))
            })
    });
    Some(alternative.cloned().unwrap_or(best))
}

/// The deadline a commitment is held to: a dated one before an undated one; among dated ones
/// the first in the text.
pub(crate) fn best_deadline(found: &[Deadline]) -> Option<Deadline> {
    found
        .iter()
        .find(|d| d.due.is_some())
        .or_else(|| found.iter().find(|d| d.kind != DeadlineKind::Asap))
        .or_else(|| found.first())
        .cloned()
}

pub(crate) fn to_due(d: Deadline) -> Due {
    Due {
        kind: d.kind,
        date: d.due,
        text: d.text,
    }
}

static DANGLING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:zo\s+spoedig\s+mogelijk|zo\s+snel\s+mogelijk|zo\s+snel\s+als\s+mogelijk|op\s+korte\s+termijn)\b\s*,?\s*(?:maar|doch)?\s*,?",
    )
});

/// The task without its deadline words and stray punctuation.
pub(crate) fn clean_task(item: &str, deadline_text: Option<&str>) -> String {
    let mut t = item.to_owned();
    if let Some(d) = deadline_text.filter(|d| !d.is_empty()) {
        if let Some(pos) = t.find(d) {
            t.replace_range(pos..pos + d.len(), " ");
            t = DANGLING.replace_all(&t, " ").into_owned();
        }
    }
    let mut t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    for (from, to) in [
        (" ,", ","),
        (",,", ","),
        (", ,", ","),
        ("( ", "("),
        (" )", ")"),
    ] {
        while t.contains(from) {
            t = t.replace(from, to);
        }
    }
    t.trim_matches(|c: char| c == ',' || c == ';' || c == ':' || c.is_whitespace())
        .trim_end_matches(" maar")
        .trim_end_matches(" doch")
        .to_owned()
}

/// Sentences of running text; list items and headings end a sentence too.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for para in text.split("\n\n") {
        crate::budget::check();
        let mut start = 0;
        let bytes = para.as_bytes();
        for (i, c) in para.char_indices() {
            let end_here = match c {
                '.' | '!' | '?' => {
                    let next = para[i + 1..].chars().next();
                    // The next sentence may open with a quotation mark ("… ligt. “We gaan …").
                    let after = para[i + 1..]
                        .trim_start()
                        .trim_start_matches(['"', '“', '„', '‘', '\'', '«', '('])
                        .chars()
                        .next();
                    next.is_none_or(|n| n.is_whitespace())
                        && after.is_none_or(|a| a.is_uppercase() || a.is_ascii_digit())
                        && !is_abbreviation(&para[start..i])
                }
                '\n' => {
                    para[i + 1..]
                        .trim_start()
                        .chars()
                        .next()
                        .is_some_and(|n| n.is_uppercase() || n == '-')
                        && i > 0
                        && bytes
                            .get(i.wrapping_sub(1))
                            .is_some_and(|b| matches!(b, b'.' | b':' | b';'))
                }
                _ => false,
            };
            if end_here {
                let s = para[start..=i].trim();
                if !s.is_empty() {
                    out.push(s);
                }
                start = i + c.len_utf8();
            }
        }
        let s = para[start..].trim();
        if !s.is_empty() {
            out.push(s);
        }
    }
    out
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    matches!(
        word.to_lowercase().as_str(),
        "jl" | "a.s"
            | "nr"
            | "mr"
            | "dhr"
            | "mevr"
            | "drs"
            | "ir"
            | "dr"
            | "o.a"
            | "bijv"
            | "m.b.t"
            | "t.a.v"
            | "i.v.m"
            | "ca"
            | "zgn"
            | "resp"
            | "blz"
            | "p"
    ) || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic))
}

/// Statements that something promised has come ("In 2021 is toegezegd dat er in 2022 een plan
/// zou komen. Dat is iets later geworden, maar nu ligt er ..."): the sentence that refers to
/// the promise together with the one after it.
pub fn hints(text: &str) -> Vec<FulfilmentHint> {
    let sents = sentences(text);
    let mut out = Vec::new();
    for (i, s) in sents.iter().enumerate() {
        crate::budget::check();
        if !REFERENCE.is_match(s)
            && !PAST_PROMISE.is_match(s)
            && !s.to_lowercase().contains("toezegging")
        {
            continue;
        }
        let window: Vec<&str> = sents[i..(i + 2).min(sents.len())].to_vec();
        let joined = window.join(" ");
        if !ARRIVED.is_match(&joined) || NOT_YET.is_match(&joined) {
            continue;
        }
        let lower = joined.to_lowercase();
        out.push(FulfilmentHint {
            late: LATE.is_match(&lower),
            quote: joined.split_whitespace().collect::<Vec<_>>().join(" "),
        });
    }
    out
}

const STOP: &[&str] = &[
    "deze",
    "dit",
    "die",
    "dat",
    "een",
    "het",
    "de",
    "van",
    "voor",
    "met",
    "naar",
    "aan",
    "over",
    "door",
    "komen",
    "komt",
    "worden",
    "wordt",
    "zijn",
    "heeft",
    "hebben",
    "zal",
    "zullen",
    "zou",
    "raad",
    "college",
    "gemeente",
    "uiterlijk",
    "onderdeel",
    "daarvan",
    "daarbij",
    "als",
    "ook",
    "nog",
    "wel",
    "niet",
    "maar",
    "waarin",
    "waarbij",
    "te",
    "en",
    "of",
    "in",
];

/// The content words of a text (folded and stemmed), for matching a commitment with later
/// documents.
pub fn key_terms(text: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    crate::lang::nl::analyze(text)
        .into_iter()
        .map(|t| t.text)
        .filter(|w| {
            w.chars().count() >= 4
                && !STOP.contains(&w.as_str())
                && !w.chars().all(|c| c.is_ascii_digit())
        })
        .map(|w| crate::lang::nl::stem(&w))
        .filter(|s| seen.insert(s.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn a_report_of_an_adopted_motion_retells_its_requests() {
        let text = "De raad heeft donderdag de motie Schone Parken aangenomen. Het college moet nu \
            om uiterlijk 1 mei 2024 een plan te maken voor meer afvalbakken. Ook vraagt de motie om \
            vóór 1 juni 2024 de raad te informeren over de kosten.\n\nDe wethouder was blij.";
        let found = reported_requests(text, d(2024, 2, 10));
        let dues: Vec<Option<NaiveDate>> = found
            .iter()
            .map(|c| c.due.as_ref().and_then(|d| d.date))
            .collect();
        assert_eq!(
            dues,
            [Some(d(2024, 5, 1)), Some(d(2024, 6, 1))],
            "{found:#?}"
        );
        assert!(
            found
                .iter()
                .all(|c| c.origin == Origin::Motion && c.actor == "college")
        );
        assert!(
            found[0].text.starts_with("een plan te maken"),
            "{}",
            found[0].text
        );
        // Nothing is retold before the adoption is reported.
        assert!(
            reported_requests(
                "Het college moet uiterlijk 1 mei 2024 een plan te maken.",
                d(2024, 2, 10)
            )
            .is_empty()
        );
    }

    #[test]
    fn a_promise_told_afterwards_is_read_from_when_it_was_made() {
        let text = "In 2019 sprak de raad over de haven. Toen beloofde de wethouder dat er in 2020 \
            een haventoets zou komen. Dat is later geworden, maar nu ligt er een toets.";
        let found = promises(text, Some(d(2022, 3, 1)));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].due.as_ref().and_then(|d| d.date),
            Some(d(2020, 12, 31))
        );
        assert_eq!(found[0].actor, "wethouder");
        assert!(found[0].text.starts_with("er "), "{}", found[0].text);
        let h = hints(text);
        assert_eq!(h.len(), 1);
        assert!(h[0].late);
        assert!(
            h[0].quote.starts_with(&found[0].quote),
            "the statement follows the promise"
        );
        // A question that asks for a promise makes none.
        assert!(
            promises(
                "En kan het college beloven dat de haven open blijft.",
                Some(d(2022, 3, 1))
            )
            .is_empty()
        );
    }

    #[test]
    fn dictum_forms_with_an_adverb_and_other_addressees() {
        let r = requests(
            "verzoekt daarom het college uiterlijk 1 maart 2025 een voorstel te doen,\n\nen gaat over tot de orde van de dag.",
            d(2024, 11, 1),
        );
        assert_eq!(r.len(), 1);
        let r = requests(
            "verzoekt de regering tevens voor 1 juli 2025 de Kamer te informeren,\n\nen gaat over tot de orde van de dag.",
            d(2024, 11, 1),
        );
        assert_eq!(r.first().map(|c| c.actor.as_str()), Some("regering"));
        // The dictum words are the deadline rules' own (lexicon files): a plural verb, a
        // province's executive, an adverb of urgency.
        let r = requests(
            "PS roepen het college van GS op:\n\n• vóór 1 juli 2025 een plan voor de dijken op te stellen;",
            d(2024, 11, 1),
        );
        assert_eq!(
            r.first().map(|c| c.actor.as_str()),
            Some("provinciaal college")
        );
        let r = requests(
            "verzoekt dringend de verantwoordelijke wethouder vóór 1 maart 2025 met een voorstel te komen.",
            d(2024, 11, 1),
        );
        assert_eq!(r.first().map(|c| c.actor.as_str()), Some("wethouder"));
    }

    const MOTION: &str = "constaterende dat het niet goed gaat;\n\nverzoekt het college:\n\n1. uiterlijk 1 juli 2018 met een voorstel aan de raad te komen voor een sluitende aanpak van mensenhandel in Almere, met bewustwording, signalering en melding als speerpunten;\n2. als onderdeel daarvan zo spoedig mogelijk, maar uiterlijk 1 september 2018, een zorgcoördinator mensenhandel aan te stellen;\n\nen gaat over tot de orde van de dag.";

    #[test]
    fn numbered_requests_with_their_deadlines() {
        let found = requests(MOTION, d(2018, 3, 15));
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0].actor, "college");
        assert_eq!(
            found[0].due.as_ref().and_then(|d| d.date),
            Some(d(2018, 7, 1))
        );
        assert_eq!(
            found[0].text,
            "met een voorstel aan de raad te komen voor een sluitende aanpak van mensenhandel in Almere, met bewustwording, signalering en melding als speerpunten"
        );
        assert_eq!(
            found[1].due.as_ref().map(|d| (d.kind, d.date)),
            Some((DeadlineKind::Day, Some(d(2018, 9, 1))))
        );
        assert_eq!(
            found[1].text,
            "als onderdeel daarvan een zorgcoördinator mensenhandel aan te stellen"
        );
        assert!(
            found[1]
                .quote
                .starts_with("verzoekt het college: als onderdeel")
        );
    }

    #[test]
    fn requests_in_one_sentence_and_other_addressees() {
        let found = requests(
            "draagt de burgemeester op de raad vóór de zomer te informeren; en de evaluatie jaarlijks te delen, en gaat over tot de orde van de dag.",
            d(2020, 1, 10),
        );
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0].actor, "burgemeester");
        assert_eq!(
            found[0].due.as_ref().map(|d| d.kind),
            Some(DeadlineKind::Season)
        );
        assert_eq!(
            found[1].due.as_ref().map(|d| d.kind),
            Some(DeadlineKind::Recurring)
        );
    }

    #[test]
    fn statements_that_a_promise_came_late() {
        let text = "In 2021 is toegezegd dat er in 2022 een plan van aanpak zou komen. Dat is iets later geworden, maar nu ligt er een uitvoeringsplan. Verder niets.";
        let h = hints(text);
        assert_eq!(h.len(), 1);
        assert!(h[0].late);
        assert!(h[0].quote.contains("nu ligt er"));
        assert!(hints("Zoals toegezegd is het plan nog niet klaar.").is_empty());
        // A list of settled promises says which letter settled one.
        let settled = hints(
            "De toezegging over de evaluatie van de bankjes is afgedaan met de raadsbrief van 3 mei 2024.",
        );
        assert_eq!(settled.len(), 1, "{settled:#?}");
    }

    #[test]
    fn sentences_respect_abbreviations() {
        let s = sentences("Op 15 maart jl. nam de raad de motie aan. Daarna volgde nr. 3. Einde");
        assert_eq!(
            s,
            [
                "Op 15 maart jl. nam de raad de motie aan.",
                "Daarna volgde nr. 3.",
                "Einde"
            ]
        );
        // A quotation opens the next sentence.
        let s = sentences("Er komt een plan. “We beginnen direct,” zei zij.");
        assert_eq!(s, ["Er komt een plan.", "“We beginnen direct,” zei zij."]);
    }

    #[test]
    fn key_terms_skip_function_words() {
        let k = key_terms("met een plan van aanpak mensenhandel naar de raad komen");
        assert_eq!(k, ["plan", "aanpak", "mensenhandel"]);
    }

    #[test]
    fn a_flattened_list_of_requests_is_read_item_by_item() {
        let text = "Toelichting: Draagt het college op: • het speelbeleid te herzien; • in Q1 of Q2 2026 met de raad te bespreken of er geld is; • niet in 2025 met een voorstel te komen; • de buurt te informeren.\nEinddatum: 6/30/2026\nStatus: Open\nFractie: X";
        let r = requests(text, d(2025, 3, 1));
        // Requests without a time are not held to one; a negated term forbids, it sets no time.
        assert_eq!(r.len(), 1, "{r:#?}");
        assert_eq!(
            r[0].due.as_ref().and_then(|d| d.date),
            Some(d(2026, 6, 30)),
            "two quarters offered: the later one"
        );
        assert!(!r[0].text.contains("Einddatum"), "{}", r[0].text);
    }

    #[test]
    fn a_heading_between_the_report_and_the_requests_passes_the_window_on() {
        let text = "De raad heeft de motie Stille Straten aangenomen.\n\nWat vraagt de motie?\n\n\
            Het college wordt gevraagd om voor 1 oktober 2024 een geluidskaart te maken.";
        let found = reported_requests(text, d(2024, 3, 1));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].due.as_ref().and_then(|d| d.date),
            Some(d(2024, 10, 1))
        );
    }

    #[test]
    fn a_paragraph_after_the_list_is_no_part_of_its_last_item() {
        let items = split_items(
            "\n\n• een voorlichtingsavond te houden;\n\n• de raad in de vergadering van 3 maart \
             2025 een voorstel\nvoor te leggen.\n\nToelichting\n\nDe fracties vonden het plan \
             in 2024 te duur.",
        );
        assert_eq!(
            items,
            [
                "een voorlichtingsavond te houden",
                "de raad in de vergadering van 3 maart 2025 een voorstel voor te leggen"
            ]
        );
    }

    #[test]
    fn a_reported_duty_in_the_passive_is_held_when_it_recurs() {
        let text = "De motie over de speeltuinen is met 15 stemmen voor aangenomen.\n\n\
            Wat staat er in de motie?\n\n\
            • De ouders worden elk half jaar geïnformeerd over de staat van de speeltoestellen.\n\
            • De speeltuinen worden beter onderhouden.";
        let found = reported_requests(text, d(2024, 3, 1));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].text.contains("ouders"), "{found:#?}");
        assert_eq!(found[0].due.as_ref().and_then(|d| d.date), None);
    }
}
