//! The filters a candidate passes before it is a deadline, each a named predicate: a caller can
//! say which one dropped a candidate ([`DropReason`]).
//!
//! The pipeline (`pipeline.rs`) names its own reasons in the same enum: the sentence gate, and
//! the passes after the filters. Of the filters here, the first two apply to every candidate; the others only to calendar phrases (days, months,
//! quarters, halves, years, seasons), and the last five only to years.

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use super::DeadlineKind;
use super::candidates::Cand;
use super::lexicon;
use super::patterns::*;
use super::text::*;

/// Why a candidate phrase is not a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// The sentence is a recital ("overwegende dat ..."): it asks nothing.
    Recital,
    /// The sentence neither asks nor promises anything (no request or promise verb, no
    /// infinitive dictum).
    AsksNothing,
    /// Its date lies before the document's date: history, not a deadline.
    PastDate,
    /// A calendar phrase whose date could not be computed ("31 februari").
    NoDate,
    /// A date without a year in a past-tense clause ("op 12 maart heeft de wethouder toegezegd").
    PastTenseClause,
    /// The word before it makes it a term, history or scope ("tot 2030", "sinds 1 januari").
    BlockedByPrecedingWord,
    /// A bare date inside a finite subordinate clause describes, it does not ask ("te
    /// onderzoeken hoe de wachttijden in 2026 dalen").
    SubordinateClause,
    /// A year far ahead is a policy horizon ("in 2050"), not a deadline.
    PolicyHorizon,
    /// "voor 2026" next to money is a budget year ("de tarieven voor 2026").
    BudgetYear,
    /// A bare year next to a policy target ("de doelstelling voor 2030").
    TargetYear,
    /// A bare year next to an amount or a cost ("€ 2 miljoen in 2026").
    AmountYear,
    /// A bare year right after a counted quantity ("500 woningen in 2025"): the year a number
    /// is to be reached, a target, not a deadline.
    QuantityYear,
    /// One year of a list or range ("voor 2025 en 2026"): a scope.
    ScopeList,
    /// A longer phrase overlaps it.
    Overlapped,
    /// It stands in a purpose clause ("zodat de raad ... kan") while the sentence has a deadline
    /// of its own elsewhere.
    PurposeClause,
    /// "zo snel mogelijk" beside a harder limit.
    AsapBesideHarderLimit,
    /// A second adverb of the same recurring duty ("periodiek, en twee keer per jaar, te ...").
    SameRecurringDuty,
    /// The event that carries a recurring report ("jaarlijks, bij de jaarrekening, te ...").
    RecurringVehicle,
}

impl DropReason {
    /// The name used in `--explain` output and in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            DropReason::Recital => "recital",
            DropReason::AsksNothing => "asks_nothing",
            DropReason::PastDate => "past_date",
            DropReason::NoDate => "no_date",
            DropReason::PastTenseClause => "past_tense_clause",
            DropReason::BlockedByPrecedingWord => "blocked_by_preceding_word",
            DropReason::SubordinateClause => "subordinate_clause",
            DropReason::PolicyHorizon => "policy_horizon",
            DropReason::BudgetYear => "budget_year",
            DropReason::TargetYear => "target_year",
            DropReason::AmountYear => "amount_year",
            DropReason::QuantityYear => "quantity_year",
            DropReason::ScopeList => "scope_list",
            DropReason::Overlapped => "overlapped",
            DropReason::PurposeClause => "purpose_clause",
            DropReason::AsapBesideHarderLimit => "asap_beside_harder_limit",
            DropReason::SameRecurringDuty => "same_recurring_duty",
            DropReason::RecurringVehicle => "recurring_vehicle",
        }
    }
}

impl std::fmt::Display for DropReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A predicate that drops a candidate from sentence `s` of a document of day `doc`.
type Filter = fn(s: &str, doc: NaiveDate, c: &Cand) -> bool;

/// The filters in the order they are tried; the first that holds names the reason.
const FILTERS: &[(DropReason, Filter)] = &[
    (DropReason::PastDate, past_date),
    (DropReason::NoDate, no_date),
    (DropReason::PastTenseClause, past_tense_clause),
    (
        DropReason::BlockedByPrecedingWord,
        blocked_by_preceding_word,
    ),
    (DropReason::SubordinateClause, subordinate_clause),
    (DropReason::PolicyHorizon, policy_horizon),
    (DropReason::BudgetYear, budget_year),
    (DropReason::TargetYear, target_year),
    (DropReason::AmountYear, amount_year),
    (DropReason::QuantityYear, quantity_year),
    (DropReason::ScopeList, scope_list),
];

/// Why the filters drop `c`, or `None` when it passes them all.
pub(super) fn drop_reason(s: &str, doc: NaiveDate, c: &Cand) -> Option<DropReason> {
    FILTERS
        .iter()
        .find(|(_, drops)| drops(s, doc, c))
        .map(|(reason, _)| *reason)
}

/// A deadline lies after the document was written.
fn past_date(_: &str, doc: NaiveDate, c: &Cand) -> bool {
    c.due.is_some_and(|due| due < doc)
}

fn no_date(_: &str, _: NaiveDate, c: &Cand) -> bool {
    c.calendar && c.due.is_none()
}

/// "op 12 maart heeft de wethouder toegezegd ...": a date without a year in a past-tense clause
/// lies in the past, whatever year the forward reading gave it. ("heeft toegezegd de raad in
/// maart te informeren" keeps its date: it stands in the infinitive the past verb governs.)
fn past_tense_clause(s: &str, _: NaiveDate, c: &Cand) -> bool {
    if !c.calendar || !c.yearless {
        return false;
    }
    let (before, after) = (clause_before(s, c.start), clause_after(s, c.end));
    let clause = format!("{before}{after}");
    let in_infinitive = PARTICIPLE.is_match(before) && INFINITIVE.is_match(after);
    PAST_AUX.is_match(&clause) && PARTICIPLE.is_match(&clause) && !in_infinitive
}

/// "tot 2030", "sinds 1 januari", "van vóór 2014", "over het eerste kwartaal".
fn blocked_by_preceding_word(s: &str, _: NaiveDate, c: &Cand) -> bool {
    c.calendar && lexicon::BLOCKERS.contains(&word_before(s, c.start))
}

/// "te onderzoeken hoe de wachttijden in 2026 kunnen worden teruggebracht", "tot de regeling in
/// 2028 afloopt": a bare date inside a finite subordinate clause describes, it does not ask.
fn subordinate_clause(s: &str, _: NaiveDate, c: &Cand) -> bool {
    if !c.calendar || !(c.bare_year || c.soft || c.deictic) {
        return false;
    }
    let before = clause_before(s, c.start);
    SUBORDINATOR.find_iter(before).last().is_some_and(|sub| {
        let between = &before[sub.end()..];
        !INFINITIVE.is_match(between) && !INFINITIVE.is_match(clause_after(s, c.end))
    })
}

/// Whether `c` is a calendar year phrase, the only kind the year filters look at.
fn is_year(c: &Cand) -> bool {
    c.calendar && c.kind == DeadlineKind::Year
}

/// Years far ahead are policy horizons ("in 2050"), not deadlines.
fn policy_horizon(_: &str, doc: NaiveDate, c: &Cand) -> bool {
    is_year(c) && c.due.is_some_and(|due| due.year() - doc.year() > 4)
}

/// Whether `words` occur in `c`'s clause right around it: within `before` bytes before the phrase
/// or `after` bytes after it.
fn words_near(s: &str, c: &Cand, words: &Regex, before: usize, after: usize) -> bool {
    let head = clause_before(s, c.start);
    let tail = clause_after(s, c.end);
    words.is_match(&head[floor_boundary(head, head.len().saturating_sub(before))..])
        || words.is_match(&tail[..floor_boundary(tail, tail.len().min(after))])
}

/// "voor 2026 extra middelen", "de tarieven voor 2026", "de subsidie voor dit jaar": a budget
/// year.
fn budget_year(s: &str, _: NaiveDate, c: &Cand) -> bool {
    is_year(c) && c.before_year && words_near(s, c, &BUDGET_WORDS, 25, 30)
}

/// "de doelstelling voor 2030", "in 2030 moet ... gehalveerd zijn".
fn target_year(s: &str, _: NaiveDate, c: &Cand) -> bool {
    is_year(c) && c.bare_year && words_near(s, c, &TARGET_WORDS, 60, 60)
}

/// "€ 2 miljoen in 2026", "de kosten in 2026": the year of an amount.
fn amount_year(s: &str, _: NaiveDate, c: &Cand) -> bool {
    is_year(c) && c.bare_year && words_near(s, c, &COST_WORDS, 25, 30)
}

/// "80 sociale huurwoningen in 2031", "1.200 laadpalen in 2027": a count of things with the year
/// it is to be reached, a target. (A number that is itself a year, "het plan 2024 in 2025", is
/// no count.)
fn quantity_year(s: &str, _: NaiveDate, c: &Cand) -> bool {
    is_year(c) && c.bare_year && QUANTITY_BEFORE.is_match(clause_before(s, c.start))
}

/// "voor 2025 en 2026": a scope, not a deadline.
fn scope_list(s: &str, _: NaiveDate, c: &Cand) -> bool {
    is_year(c) && c.bare_year && SCOPE_LIST.is_match(&s[c.end..])
}
