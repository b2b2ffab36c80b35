//! The filters a candidate passes before it is a deadline.

use chrono::{Datelike, NaiveDate};

use super::DeadlineKind;
use super::candidates::Cand;
use super::lexicon;
use super::patterns::*;
use super::text::*;

pub(super) fn keep_candidate(s: &str, doc: NaiveDate, c: &Cand) -> bool {
    if let Some(due) = c.due {
        // A deadline lies after the document was written.
        if due < doc {
            return false;
        }
    } else if c.calendar {
        return false;
    }
    if !c.calendar {
        return true;
    }
    // "op 12 maart heeft de wethouder toegezegd ...": a date without a year in a past-tense clause
    // lies in the past, whatever year the forward reading gave it.
    // ("heeft toegezegd de raad in maart te informeren" keeps its date: it stands in the
    // infinitive the past verb governs.)
    if c.yearless {
        let (before, after) = (clause_before(s, c.start), clause_after(s, c.end));
        let clause = format!("{before}{after}");
        let in_infinitive = PARTICIPLE.is_match(before) && INFINITIVE.is_match(after);
        if PAST_AUX.is_match(&clause) && PARTICIPLE.is_match(&clause) && !in_infinitive {
            return false;
        }
    }
    // "tot 2030", "sinds 1 januari", "van vóór 2014", "over het eerste kwartaal".
    let w = word_before(s, c.start);
    if lexicon::BLOCKERS.contains(&w) {
        return false;
    }
    // "te onderzoeken hoe de wachttijden in 2026 kunnen worden teruggebracht", "tot de regeling
    // in 2028 afloopt": a bare date inside a finite subordinate clause describes, it does not ask.
    if c.bare_year || c.soft || c.deictic {
        let before = clause_before(s, c.start);
        if let Some(sub) = SUBORDINATOR.find_iter(before).last() {
            let between = &before[sub.end()..];
            if !INFINITIVE.is_match(between) && !INFINITIVE.is_match(clause_after(s, c.end)) {
                return false;
            }
        }
    }
    if c.kind == DeadlineKind::Year {
        if let Some(due) = c.due {
            // Years far ahead are policy horizons ("in 2050"), not deadlines.
            if due.year() - doc.year() > 4 {
                return false;
            }
        }
        let before = clause_before(s, c.start);
        let after = clause_after(s, c.end);
        let near_before = &before[floor_boundary(before, before.len().saturating_sub(25))..];
        let near_after = &after[..floor_boundary(after, after.len().min(30))];
        // "voor 2026 extra middelen", "de tarieven voor 2026", "de subsidie voor dit jaar": a
        // budget year.
        if c.before_year
            && (BUDGET_WORDS.is_match(near_before) || BUDGET_WORDS.is_match(near_after))
        {
            return false;
        }
        if c.bare_year {
            // "de doelstelling voor 2030", "in 2030 moet ... gehalveerd zijn".
            let bstart = floor_boundary(before, before.len().saturating_sub(60));
            let aend = floor_boundary(after, after.len().min(60));
            if TARGET_WORDS.is_match(&before[bstart..]) || TARGET_WORDS.is_match(&after[..aend]) {
                return false;
            }
            // "€ 2 miljoen in 2026", "de kosten in 2026": the year of an amount.
            if COST_WORDS.is_match(near_before) || COST_WORDS.is_match(near_after) {
                return false;
            }
            // "voor 2025 en 2026": a scope, not a deadline.
            if SCOPE_LIST.is_match(&s[c.end..]) {
                return false;
            }
        }
    }
    true
}
