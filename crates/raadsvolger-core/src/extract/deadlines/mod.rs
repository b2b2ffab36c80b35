//! Deadlines in Dutch council sentences.
//!
//! [`extract_deadlines`] finds the phrases in one sentence that set a deadline for the addressee
//! (the college, the government) and normalises each to a [`DeadlineKind`] and a due date relative
//! to the document's date, following `shared/eval/README.md`. It is rule-based: every result
//! carries the byte span of the phrase it came from.
//!
//! The pipeline:
//! 1. Sentence gate: recitals ("overwegende dat", "constaterende dat", ...) hold no deadlines, and a
//!    sentence must ask or promise something (a request or promise verb, an infinitive dictum
//!    "... te informeren", or "zal/zullen"); a bare description of a third party's procedure does not.
//! 2. Candidates per phrase family. Each is a frame (a preposition or qualifier: "uiterlijk",
//!    "vóór", "in", "rond", "binnen", "na", "bij", "medio", "eind", "begin") with a time reference:
//!    calendar days ("uiterlijk 1 oktober 2025"), months, quarters, halves, years, seasons and
//!    recesses, relative periods ("binnen zes weken"), events ("bij de Voorjaarsnota", "vóór
//!    Prinsjesdag", "als onderdeel van het Belastingplan 2026", "met de kadernota ... mee te
//!    sturen"), asap, recurring ("jaarlijks te rapporteren"). A year, season or quarter named from
//!    the document with a deictic determiner ("dit jaar", "komend voorjaar", "dit kwartaal") needs
//!    no preposition. Season and recess dates are locale data in `SEASON_TABLE`.
//! 3. Filters: dates in the past of the document, dates after "tot", "sinds", "vanaf", "eerder",
//!    ... (terms, history), policy-target years ("doelstelling voor 2030", years far ahead), years
//!    of money ("€ 2 miljoen in 2026", "de tarieven voor 2026"), scopes ("voor 2025 en 2026").
//! 4. Overlaps are resolved (longest phrase wins), asap is dropped when a harder limit exists, and
//!    a promise with nothing else becomes `open`.

mod candidates;
mod events;
mod filters;
mod lexicon;
mod patterns;
mod resolve;
mod score;
mod seasons;
#[cfg(test)]
mod tests;
mod text;

use chrono::NaiveDate;

use candidates::*;
use events::event_candidates;
use filters::keep_candidate;
use patterns::*;
use seasons::season_candidates;
use text::*;

pub use resolve::{prinsjesdag, verantwoordingsdag};
pub use score::{Score, due_matches, parse_expected, score_row};
pub use seasons::{Recess, with_recesses};

/// The kinds of deadline defined in `shared/eval/README.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeadlineKind {
    Day,
    Month,
    Quarter,
    Half,
    Year,
    Season,
    Relative,
    Event,
    Asap,
    Recurring,
    Open,
}

impl DeadlineKind {
    /// All kinds, in declaration order.
    pub const ALL: [DeadlineKind; 11] = [
        DeadlineKind::Day,
        DeadlineKind::Month,
        DeadlineKind::Quarter,
        DeadlineKind::Half,
        DeadlineKind::Year,
        DeadlineKind::Season,
        DeadlineKind::Relative,
        DeadlineKind::Event,
        DeadlineKind::Asap,
        DeadlineKind::Recurring,
        DeadlineKind::Open,
    ];

    /// The lowercase name used in the evaluation file and in serde.
    pub fn as_str(&self) -> &'static str {
        match self {
            DeadlineKind::Day => "day",
            DeadlineKind::Month => "month",
            DeadlineKind::Quarter => "quarter",
            DeadlineKind::Half => "half",
            DeadlineKind::Year => "year",
            DeadlineKind::Season => "season",
            DeadlineKind::Relative => "relative",
            DeadlineKind::Event => "event",
            DeadlineKind::Asap => "asap",
            DeadlineKind::Recurring => "recurring",
            DeadlineKind::Open => "open",
        }
    }

    /// Parses a lowercase kind name (surrounding whitespace and case are ignored).
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim().to_ascii_lowercase();
        DeadlineKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl std::fmt::Display for DeadlineKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One deadline found in a sentence: its kind, the due date (if the kind has one), and the matched
/// phrase (`text` = `sentence[start..end]`, byte offsets on char boundaries).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub due: Option<NaiveDate>,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Whether the sentence asks or promises something (see the module docs).
fn asks_something(s: &str) -> bool {
    if ASKS.is_match(s) {
        return true;
    }
    DICTUM_INFINITIVE.find_iter(s).any(|m| {
        let before = clause_before(s, m.start());
        !PURPOSE_OM.is_match(before) || LEADING_OM.is_match(before)
    })
}

/// All deadlines in one sentence, in text order; `doc_date` anchors relative phrases.
///
/// A whole motion (recitals, then the dictum: "De raad, ... overwegende dat ...; verzoekt daarom
/// het college ...") is read from its dictum on: the dates in its recitals are history, not
/// deadlines.
pub fn extract_deadlines(sentence: &str, doc_date: NaiveDate) -> Vec<Deadline> {
    if let Some(v) = DICTUM_START.captures(sentence).and_then(|c| c.name("v")) {
        let off = v.start();
        if off > 0 && RECITAL_WORD.is_match(&sentence[..off]) {
            let mut out = extract_from_dictum(&sentence[off..], doc_date);
            for d in &mut out {
                d.start += off;
                d.end += off;
            }
            return out;
        }
    }
    extract_from_dictum(sentence, doc_date)
}

/// [`extract_deadlines`] on a text that holds no recitals before its dictum.
fn extract_from_dictum(sentence: &str, doc_date: NaiveDate) -> Vec<Deadline> {
    let s = sentence;
    if s.trim().is_empty() || RECITAL.is_match(s) || !asks_something(s) {
        return Vec::new();
    }
    let doc = doc_date;
    let mut cands: Vec<Cand> = Vec::new();
    day_candidates(s, doc, &mut cands);
    month_candidates(s, doc, &mut cands);
    deictic_month_candidates(s, doc, &mut cands);
    quarter_candidates(s, doc, &mut cands);
    half_candidates(s, doc, &mut cands);
    year_candidates(s, doc, &mut cands);
    season_candidates(s, doc, &mut cands);
    relative_candidates(s, doc, &mut cands);
    event_candidates(s, doc, &mut cands);
    asap_candidates(s, &mut cands);
    recurring_candidates(s, &mut cands);

    let before_filter = cands.len();
    cands.retain(|c| keep_candidate(s, doc, c));
    let dropped_some = cands.len() < before_filter;

    // Resolve overlaps: the longest phrase wins (ties: the earlier candidate family).
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(cands[i].end - cands[i].start), i));
    let mut kept: Vec<Cand> = Vec::new();
    for i in order {
        let c = &cands[i];
        if kept.iter().any(|k| k.start < c.end && c.start < k.end) {
            continue;
        }
        kept.push(c.clone());
    }

    // A phrase in a purpose clause ("zodat de raad dit kan betrekken bij de begroting") times
    // what others do; it is dropped when the sentence sets a deadline of its own elsewhere.
    // (A phrase followed by an infinitive, "zodat ... en de raad binnen een jaar te informeren",
    // is back in the dictum.)
    let in_purpose: Vec<bool> = kept
        .iter()
        .map(|c| {
            PURPOSE.is_match(clause_before(s, c.start))
                && !INFINITIVE.is_match(clause_after(s, c.end))
        })
        .collect();
    if in_purpose.iter().any(|p| !p) {
        let mut i = 0;
        kept.retain(|_| {
            let keep = !in_purpose[i];
            i += 1;
            keep
        });
    }

    let has_hard = kept.iter().any(|c| {
        !matches!(
            c.kind,
            DeadlineKind::Asap | DeadlineKind::Recurring | DeadlineKind::Open
        )
    });
    if has_hard {
        kept.retain(|c| c.kind != DeadlineKind::Asap);
    }
    // "periodiek, en ten minste twee keer per jaar, te informeren": one recurring duty.
    let mut last_recurring: Option<usize> = None;
    let mut drop = vec![false; kept.len()];
    kept.sort_by_key(|c| c.start);
    for (i, c) in kept.iter().enumerate() {
        if c.kind != DeadlineKind::Recurring {
            continue;
        }
        if let Some(prev) = last_recurring {
            let between = &s[kept[prev].end.min(c.start)..c.start];
            if !INFINITIVE.is_match(between) {
                drop[i] = true;
                continue;
            }
        }
        last_recurring = Some(i);
    }
    let mut i = 0;
    kept.retain(|_| {
        let keep = !drop[i];
        i += 1;
        keep
    });
    // A recurring report "... jaarlijks te informeren, bij de kadernota" names its vehicle, not a
    // second deadline (an event with no verb of its own after a recurring duty).
    // It is a vehicle when it stands between the recurring adverb and its verb ("jaarlijks bij
    // de jaarrekening te informeren") or after both with no verb of its own ("jaarlijks te
    // informeren, bij de kadernota").
    let recurring_ends: Vec<usize> = kept
        .iter()
        .filter(|c| c.kind == DeadlineKind::Recurring)
        .map(|c| c.end)
        .collect();
    kept.retain(|c| {
        let vehicle = c.kind == DeadlineKind::Event
            && c.via_bij
            && c.due.is_none()
            && recurring_ends.iter().any(|&r| {
                r <= c.start
                    && (!INFINITIVE.is_match(&s[r..c.start])
                        || !INFINITIVE.is_match(clause_after(s, c.end)))
            });
        !vehicle
    });
    // A promise with no time at all is `open`; not when its only date was history ("in 2021 is
    // toegezegd dat er in 2022 een plan komt", read in 2023), nor a bare heading "Toezegging".
    let open_promise = kept.is_empty()
        && !dropped_some
        && !PAST_PROMISE.is_match(s)
        && s.split_whitespace().count() >= 4;
    if let Some(m) = PROMISE.find(s).filter(|_| open_promise) {
        kept.push(Cand::new(DeadlineKind::Open, None, m.start(), m.end()));
    }
    kept.sort_by_key(|c| c.start);
    kept.into_iter()
        .map(|c| Deadline {
            kind: c.kind,
            due: c.due,
            text: s[c.start..c.end].to_string(),
            start: c.start,
            end: c.end,
        })
        .collect()
}
