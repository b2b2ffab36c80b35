//! Which sentences and clauses ask something, and the dates that describe rather than ask.

use super::*;

#[test]
fn open_promises() {
    let doc = d(2018, 1, 16);
    assert_eq!(
        got(
            "De wethouder zegt toe de raad te informeren over de uitkomsten.",
            doc
        ),
        ["open:-"]
    );
    assert_eq!(
        got(
            "Gedeputeerde Staten zeggen toe het onderwerp met de gemeente te bespreken",
            doc
        ),
        ["open:-"]
    );
    assert_eq!(
        got(
            "De burgemeester zegt toe de raad voor de zomer een voorstel te sturen",
            doc
        ),
        ["season:2018-07-01"]
    );
}

#[test]
fn non_deadlines() {
    let doc = d(2025, 3, 6);
    assert!(got("In 2030 moet het aantal slachtoffers gehalveerd zijn.", doc).is_empty());
    assert!(
        got("verzoekt het college ervoor te zorgen dat in 2028 het aantal slachtoffers gehalveerd is", doc)
            .is_empty()
    );
    assert!(got("De regeling loopt tot 2026.", doc).is_empty());
    assert!(
        got(
            "verzoekt het college de regeling die loopt tot 2026 te verlengen",
            doc
        )
        .is_empty()
    );
    assert!(
        got(
            "constaterende dat de minister uiterlijk 1 juli 2025 een besluit neemt",
            doc
        )
        .is_empty()
    );
    assert!(
        got(
            "De commissie stelt het plan vóór 1 augustus vast en stuurt het binnen 2 weken door.",
            doc
        )
        .is_empty()
    );
    assert_eq!(
        got(
            "verzoekt het college op korte termijn te komen met maatregelen richting de doelstelling voor 2030",
            doc
        ),
        ["asap:-"]
    );
}

#[test]
fn dates_in_descriptions_and_scopes() {
    let doc = d(2025, 4, 10);
    assert!(
        got("verzoekt de regering te onderzoeken hoe de wachttijden in 2026 kunnen worden teruggebracht", doc)
            .is_empty()
    );
    assert_eq!(
        got(
            "verzoekt de regering de Kamer elk half jaar te informeren over de voortgang tot de regeling in 2028 afloopt",
            doc
        ),
        ["recurring:-"]
    );
    assert_eq!(
        got(
            "verzoekt de regering ervoor te zorgen dat alle gemeenten per 1 januari 2026 over een sluitende aanpak beschikken",
            doc
        ),
        ["day:2026-01-01"]
    );
    assert!(
        got(
            "verzoekt de regering om voor 2026 extra middelen vrij te maken voor het jongerenwerk",
            doc
        )
        .is_empty()
    );
    assert!(
        got(
            "verzoekt de regering de tarieven voor 2026 te bevriezen",
            doc
        )
        .is_empty()
    );
    assert!(
        got(
            "verzoekt de regering om in 2025 en 2026 extra te investeren in de jeugdzorg",
            doc
        )
        .is_empty()
    );
    assert!(
        got(
            "verzoekt de regering de maatregel die op 1 januari 2026 ingaat uit te stellen",
            doc
        )
        .is_empty()
    );
    assert!(
        got(
            "verzoekt de regering de subsidieregeling tot en met 2027 te verlengen",
            doc
        )
        .is_empty()
    );
    assert!(
        got(
            "verzoekt het college in 2030 een klimaatneutraal wagenpark te hebben",
            doc
        )
        .is_empty()
    );
    assert_eq!(
        got(
            "verzoekt de regering de Kamer uiterlijk in de week van 15 september te informeren",
            doc
        ),
        ["day:2025-09-15"]
    );
    assert_eq!(
        got(
            "verzoekt het college vóór het einde van het derde kwartaal een besluit te nemen",
            doc
        ),
        ["quarter:2025-09-30"]
    );
    assert_eq!(
        got(
            "verzoekt het college om de raad periodiek, en ten minste twee keer per jaar, te informeren",
            doc
        ),
        ["recurring:-"]
    );
}

#[test]
fn commitments_in_statements() {
    let doc = d(2016, 5, 12);
    // A request put as "wij vragen het college om ... te": asks, like "verzoekt".
    assert_eq!(
        got(
            "Wij vragen het college om uiterlijk 1 oktober 2016 een evaluatie te sturen.",
            doc
        ),
        ["day:2016-10-01"]
    );
    assert_eq!(
        got(
            "Daarom vragen wij de wethouder nogmaals om vóór 1 december een plan op te stellen.",
            doc
        ),
        ["day:2016-12-01"]
    );
    // Questions are not requests: "vragen" as a noun asks nothing of anyone.
    assert!(got("De vragen over 1 oktober 2016 zijn beantwoord.", doc).is_empty());
    assert_eq!(
        got(
            "De raad wordt in het vierde kwartaal van 2016 geïnformeerd over de uitkomsten.",
            doc
        ),
        ["quarter:2016-12-31"]
    );
    assert_eq!(
        got(
            "De raad ontvangt voor het zomerreces een raadsinformatiebrief over de stand van zaken.",
            doc
        ),
        ["season:2016-07-01"]
    );
    assert_eq!(
        got(
            "Het college informeert de raad voor 1 oktober over de uitkomsten van de aanbesteding.",
            doc
        ),
        ["day:2016-10-01"]
    );
    assert!(
        got(
            "Het voorstel wordt in de raadsvergadering van 7 juli behandeld.",
            doc
        )
        .is_empty()
    );
    assert!(
        got(
            "Zij komen een aantal keren per jaar bij elkaar om kennis te delen.",
            doc
        )
        .is_empty()
    );
    assert!(got("Toezegging", doc).is_empty());
    assert!(got("Dat plan komt later dan toegezegd.", doc).is_empty());
    assert!(
        got(
            "In 2014 is toegezegd dat er in 2015 een plan van aanpak komt.",
            doc
        )
        .is_empty()
    );
}

#[test]
fn amounts_and_cost_years() {
    let doc = d(2025, 3, 6);
    assert!(
        got(
            "verzoekt het college € 2 miljoen in 2026 te reserveren voor de bruggen",
            doc
        )
        .is_empty()
    );
    assert!(got("verzoekt het college de kosten in 2026 te beperken", doc).is_empty());
    assert!(
        got(
            "verzoekt het college de jeugdzorgtarieven voor 2026 te bevriezen",
            doc
        )
        .is_empty()
    );
    assert!(
        got(
            "verzoekt het college de subsidieplafonds voor 2026 te verhogen",
            doc
        )
        .is_empty()
    );
    // A deadline next to an amount elsewhere in the sentence stays.
    assert_eq!(
        got(
            "verzoekt het college in 2026 een proef te starten met de nieuwe aanpak voor jongeren",
            doc
        ),
        ["year:2026-12-31"]
    );
    // A rate is not a recurring duty.
    assert!(
        got(
            "verzoekt het college jaarlijks € 10.000 beschikbaar te stellen voor het buurthuis",
            doc
        )
        .is_empty()
    );
    assert_eq!(
        got(
            "verzoekt het college de raad jaarlijks te informeren en hiervoor € 50.000 per jaar te reserveren",
            doc
        ),
        ["recurring:-"]
    );
}

#[test]
fn addressees() {
    let doc = d(2025, 6, 25);
    assert_eq!(
        got(
            "Het dagelijks bestuur informeert het algemeen bestuur voor 1 oktober over de dijken.",
            doc
        ),
        ["day:2025-10-01"]
    );
    assert_eq!(
        got(
            "Het algemeen bestuur wordt na de zomer geïnformeerd over de tarieven.",
            doc
        ),
        ["season:2025-09-30"]
    );
    assert_eq!(
        got(
            "Wij vragen het college van burgemeester en wethouders om uiterlijk 1 december een plan te maken.",
            doc
        ),
        ["day:2025-12-01"]
    );
    assert_eq!(
        got(
            "verzoekt daarom de staatssecretaris de Kamer binnen drie maanden te informeren",
            doc
        ),
        ["relative:2025-09-25"]
    );
}

#[test]
fn whole_motions_are_read_from_the_dictum() {
    let doc = d(2025, 3, 6);
    let s = "De raad van de gemeente, in vergadering bijeen op 6 maart 2025, overwegende dat de regeling per 1 januari 2025 is verlopen; constaterende dat in 2024 € 2 miljoen is uitgegeven; verzoekt daarom het college de raad voor de zomer te informeren over een nieuwe regeling, en gaat over tot de orde van de dag.";
    let x = extract_deadlines(s, doc);
    assert_eq!(x.len(), 1);
    assert_eq!(x[0].kind, DeadlineKind::Season);
    assert_eq!(x[0].text, "voor de zomer");
    assert_eq!(&s[x[0].start..x[0].end], x[0].text);
    assert_eq!(
        got(
            "De Kamer, gehoord de beraadslaging, constaterende dat het plan in 2023 is uitgesteld; verzoekt de regering tevens de Kamer uiterlijk 1 oktober 2025 te informeren",
            doc
        ),
        ["day:2025-10-01"]
    );
    // Recitals alone ask nothing.
    assert!(got("De raad, gehoord de beraadslaging, overwegende dat het college uiterlijk 1 juli 2025 een besluit neemt;", doc).is_empty());
}

#[test]
fn promises_stated_with_the_addressee_as_subject() {
    let doc = d(2025, 3, 20);
    assert_eq!(
        got(
            "Het college organiseert in het najaar een avond voor de raad.",
            doc
        ),
        ["season:2025-11-30"]
    );
    assert_eq!(
        got(
            "De burgemeester gaat met de buurt in gesprek en doet dat voor de zomer.",
            doc
        ),
        ["season:2025-07-01"]
    );
    assert_eq!(
        got(
            "De minister van Financiën deelt de cijfers voor het eind van het jaar met de Kamer.",
            doc
        ),
        ["year:2025-12-31"]
    );
    // Reported speech is no promise.
    assert!(
        got(
            "Het college geeft aan dat de bouw in maart 2026 start.",
            doc
        )
        .is_empty()
    );
}

#[test]
fn descriptions_and_budgets_named_from_the_document() {
    let doc = d(2025, 4, 24);
    assert!(
        got(
            "verzoekt het college te onderzoeken of de markt dit najaar kan doorgaan",
            doc
        )
        .is_empty()
    );
    assert!(
        got(
            "verzoekt het college te laten zien wat er in het nieuwe jaar verandert",
            doc
        )
        .is_empty()
    );
    assert!(
        got(
            "verzoekt het college het budget voor dit jaar te verhogen",
            doc
        )
        .is_empty()
    );
    assert!(
        got(
            "verzoekt het college de raad te betrekken bij de plannen voor de begroting 2026",
            doc
        )
        .is_empty()
    );
    assert_eq!(
        got(
            "verzoekt het college een plan vóór de begroting 2026 aan de raad te sturen",
            doc
        ),
        ["event:-"]
    );
    assert_eq!(
        got(
            "verzoekt het college een plan voor de behandeling van de begroting te sturen",
            doc
        ),
        ["event:-"]
    );
}
