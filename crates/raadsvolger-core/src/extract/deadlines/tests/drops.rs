//! Each reason a candidate is dropped, shown on a sentence that has it.

use super::*;

/// `(phrase, reason)` of every candidate of `s` that is not a deadline.
fn dropped(s: &str, doc: NaiveDate) -> Vec<(String, &'static str)> {
    let judged = pipeline::judge(s, doc, &DeadlineContext::default(), true);
    judged
        .cands
        .iter()
        .zip(&judged.fate)
        .filter_map(|(c, fate)| {
            let (start, end) = (judged.offset + c.start, judged.offset + c.end);
            fate.map(|r| (s[start..end].to_string(), r.as_str()))
        })
        .collect()
}

#[test]
fn every_drop_has_a_named_reason() {
    let doc = d(2025, 3, 10);
    for (s, phrase, reason) in [
        (
            "Het convenant loopt af vóór 1 januari 2027.",
            "vóór 1 januari 2027",
            "asks_nothing",
        ),
        (
            "overwegende dat het college vóór de zomer een plan zou sturen",
            "vóór de zomer",
            "recital",
        ),
        (
            "Het college zegt toe de raad vóór 1 februari 2025 te informeren.",
            "vóór 1 februari 2025",
            "past_date",
        ),
        (
            "In februari heeft de wethouder toegezegd het plan te sturen.",
            "In februari",
            "past_tense_clause",
        ),
        (
            "verzoekt het college de regels van vóór 2026 terug te brengen",
            "vóór 2026",
            "blocked_by_preceding_word",
        ),
        (
            "verzoekt het college te onderzoeken hoe de wachtlijst in 2026 kan worden verkort",
            "in 2026",
            "subordinate_clause",
        ),
        (
            "verzoekt het college in 2040 een nieuwe brug te openen",
            "in 2040",
            "policy_horizon",
        ),
        (
            "verzoekt het college de tarieven voor 2026 te verlagen",
            "voor 2026",
            "budget_year",
        ),
        (
            "verzoekt het college ervoor te zorgen dat de uitstoot in 2028 is gehalveerd",
            "in 2028",
            "target_year",
        ),
        (
            "verzoekt het college € 3 miljoen in 2026 vrij te maken",
            "in 2026",
            "amount_year",
        ),
        (
            "verzoekt het college te komen met een plan voor 300 betaalbare huurwoningen in 2027",
            "in 2027",
            "quantity_year",
        ),
        (
            "verzoekt het college de regeling in 2026 en 2027 uit te voeren",
            "in 2026",
            "scope_list",
        ),
        (
            "verzoekt het college de raad vóór 1 juni 2026 te informeren, zodat de raad dit kan betrekken bij de begroting",
            "bij de begroting",
            "purpose_clause",
        ),
        (
            "verzoekt het college zo snel mogelijk en uiterlijk 1 oktober 2025 een plan te sturen",
            "zo snel mogelijk",
            "asap_beside_harder_limit",
        ),
        (
            "verzoekt het college de raad periodiek, en ten minste twee keer per jaar, te informeren",
            "twee keer per jaar",
            "same_recurring_duty",
        ),
        (
            "verzoekt het college de raad jaarlijks bij de jaarrekening te informeren over de voortgang",
            "bij de jaarrekening",
            "recurring_vehicle",
        ),
        // The period "binnen zes weken na ..." is longer than the event inside it.
        (
            "verzoekt het college de raad binnen zes weken na de behandeling van de begroting te informeren",
            "na de behandeling",
            "overlapped",
        ),
    ] {
        let got = dropped(s, doc);
        assert!(
            got.iter()
                .any(|(p, r)| p.starts_with(phrase) && *r == reason),
            "{s}: expected a phrase starting {phrase:?} dropped as {reason}, got {got:?}"
        );
    }
}

#[test]
fn explained_candidates_name_their_rule_and_keep_what_the_extractor_keeps() {
    let doc = d(2025, 3, 10);
    let ctx = DeadlineContext::default();
    for s in [
        "verzoekt het college zo snel mogelijk en uiterlijk 1 oktober 2025 een plan te sturen",
        "De wethouder zegt toe de raad na de zomer te informeren, zodat de raad dit kan betrekken bij de begroting.",
        "verzoekt het college de raad jaarlijks bij de jaarrekening te informeren",
        "De raad, overwegende dat in 2024 een besluit viel; verzoekt het college vóór 1 juni 2025 te rapporteren",
        "Het college zegt toe dat er een onderzoek komt.",
        "Het plan werd in 2019 vastgesteld.",
    ] {
        let explained = explain_deadlines(s, doc, &ctx);
        let kept: Vec<Deadline> = explained
            .iter()
            .filter(|e| e.dropped.is_none())
            .map(|e| e.candidate.clone())
            .collect();
        assert_eq!(kept, extract_deadlines(s, doc), "{s}");
        for e in &explained {
            assert!(!e.rule.is_empty(), "{s}: {e:?} has no rule");
            let c = &e.candidate;
            assert_eq!(&s[c.start..c.end], c.text, "{s}");
        }
    }
    let rules = |s: &str| -> Vec<(&'static str, Option<&'static str>)> {
        explain_deadlines(s, doc, &ctx)
            .iter()
            .map(|e| (e.rule, e.dropped.map(|r| r.as_str())))
            .collect()
    };
    assert_eq!(
        rules(
            "verzoekt het college zo snel mogelijk en uiterlijk 1 oktober 2025 een plan te sturen"
        ),
        [("asap", Some("asap_beside_harder_limit")), ("day", None)]
    );
    assert_eq!(
        rules("Het college zegt toe dat er een onderzoek komt."),
        [("open_promise", None)]
    );
    assert_eq!(
        rules("Het plan werd in 2019 vastgesteld."),
        [("year", Some("asks_nothing"))]
    );
}
