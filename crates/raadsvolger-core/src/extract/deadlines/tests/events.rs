//! Events: documents, meetings and moments, and the prepositions that do not make one.

use super::*;

#[test]
fn events() {
    let doc = d(2018, 11, 6);
    assert_eq!(
        got(
            "verzoekt het college bij de voorjaarsnota 2019 voorstellen te doen",
            doc
        ),
        ["event:-"]
    );
    assert_eq!(
        got(
            "verzoekt het college vóór de behandeling van de begroting 2020 een notitie te sturen",
            doc
        ),
        ["event:-"]
    );
    assert_eq!(
        got(
            "verzoekt het college voor de behandeling van de Kadernota 2020 in juni 2019 een locatie aan te wijzen",
            doc
        ),
        ["event:2019-06-30"]
    );
    assert_eq!(
        got(
            "verzoekt het college de raad voor de raadsvergadering van 14 maart te informeren",
            doc
        ),
        ["event:2019-03-14"]
    );
    assert_eq!(
        got(
            "verzoekt de regering de Kamer vóór Prinsjesdag te informeren",
            d(2025, 9, 2)
        ),
        ["event:2025-09-16"]
    );
    assert_eq!(
        got(
            "verzoekt de regering de Kamer voor Prinsjesdag 2026 te informeren",
            d(2025, 9, 2)
        ),
        ["event:2026-09-15"]
    );
    assert_eq!(
        got(
            "verzoekt het college de raad in de volgende voortgangsrapportage te informeren",
            doc
        ),
        ["event:-"]
    );
    assert!(
        got(
            "verzoekt het college in overleg met de buurt een plan te maken",
            doc
        )
        .is_empty()
    );
}

#[test]
fn events_named_and_dated() {
    let doc = d(2025, 6, 12);
    assert_eq!(
        got(
            "verzoekt de regering de Kamer voor de Algemene Politieke Beschouwingen te informeren",
            doc
        ),
        ["event:-"]
    );
    assert_eq!(
        got(
            "verzoekt het college in de raadsvergadering van oktober een voorstel te doen",
            doc
        ),
        ["event:2025-10-31"]
    );
    // "op" dates a meeting as "in" does, and only when the meeting is dated.
    assert_eq!(
        got(
            "verzoekt het college een herzien plan voor te leggen op de raadsvergadering van 3 november 2025",
            doc
        ),
        ["event:2025-11-03"]
    );
    assert!(
        got(
            "verzoekt het college op de raadsvergadering een toelichting te geven",
            doc
        )
        .iter()
        .all(|k| !k.starts_with("event")),
        "an undated meeting after \"op\" is no event"
    );
    assert_eq!(
        got(
            "verzoekt het college de raad hierover uiterlijk vóór de begrotingsraad van november 2025 te informeren",
            doc
        ),
        ["event:2025-11-30"]
    );
    assert_eq!(
        got(
            "verzoekt de regering de Kamer na afronding van het onderzoek te informeren",
            doc
        ),
        ["event:-"]
    );
    assert_eq!(
        got(
            "verzoekt het college de raad te informeren zodra er meer duidelijkheid is over de financiering",
            doc
        ),
        ["event:-"]
    );
    assert_eq!(
        got(
            "verzoekt het college de raad uiterlijk twee weken voor het commissiedebat te informeren",
            doc
        ),
        ["event:-"]
    );
    // The event of a second duty stays; the vehicle of a recurring report does not.
    assert_eq!(
        got(
            "verzoekt het college bij de voorjaarsnota een voorstel te doen en daarnaast jaarlijks te rapporteren over de voortgang",
            doc
        ),
        ["event:-", "recurring:-"]
    );
    assert_eq!(
        got(
            "verzoekt het college de raad jaarlijks te informeren over de bomenkap, bij de kadernota of een ander jaarlijks document",
            doc
        ),
        ["recurring:-"]
    );
    // A purpose clause times what the council does.
    assert_eq!(
        got(
            "verzoekt het college de cijfers uiterlijk 1 mei 2026 te delen, zodat de raad deze kan betrekken bij de behandeling van de voorjaarsnota",
            doc
        ),
        ["day:2026-05-01"]
    );
}

#[test]
fn more_event_families() {
    let doc = d(2024, 10, 17);
    assert_eq!(
        got(
            "verzoekt het college deze motie voor het einde van de raadsperiode uit te voeren",
            doc
        ),
        ["event:-"]
    );
    assert_eq!(
        got(
            "verzoekt de regering de Kamer voorafgaand aan de JBZ-Raad te informeren",
            doc
        ),
        ["event:-"]
    );
    assert_eq!(
        got(
            "verzoekt de regering de Kamer over de uitkomst voor de Europese Raad van december te informeren",
            doc
        ),
        ["event:2024-12-31"]
    );
    assert_eq!(
        got(
            "verzoekt het college de raad bij de begrotingsbehandeling in november te informeren",
            doc
        ),
        ["event:2024-11-30"]
    );
    assert_eq!(
        got(
            "verzoekt de regering de Kamer vóór 15 mei 2025 te informeren over de inzet voor de Europese Raad van juni",
            doc
        ),
        ["day:2025-05-15"]
    );
    assert_eq!(
        got(
            "verzoekt het college de raad jaarlijks bij de jaarrekening te informeren over de besteding",
            doc
        ),
        ["recurring:-"]
    );
    assert_eq!(
        got(
            "verzoekt het college de raad telkens bij de jaarrekening te informeren",
            doc
        ),
        ["recurring:-"]
    );
    assert_eq!(
        got(
            "het college wordt opgedragen de raad binnen vier maanden na vaststelling van dit besluit te informeren",
            doc
        ),
        ["relative:2025-02-17"]
    );
}

#[test]
fn documents_named_as_the_moment() {
    let doc = d(2025, 2, 6);
    assert_eq!(
        got(
            "verzoekt de regering bij het regeerprogramma uit te werken hoe het wordt betaald",
            doc
        ),
        ["event:-"]
    );
    assert_eq!(
        got(
            "verzoekt de regering om een regeling uit te werken als onderdeel van het Belastingplan 2027",
            doc
        ),
        ["event:-"]
    );
    assert_eq!(
        got(
            "verzoekt het college met de kadernota een plan voor de speeltuinen mee te sturen",
            doc
        ),
        ["event:-"]
    );
    assert_eq!(
        got(
            "verzoekt het college om met de Voorjaarsnota te komen met een voorstel",
            doc
        ),
        ["event:-"]
    );
    assert_eq!(
        got(
            "verzoekt gedeputeerde staten bij het uitvoeringsprogramma een overzicht te geven",
            doc
        ),
        ["event:-"]
    );
    // "met" as the object of a verb is no moment.
    assert!(
        got(
            "verzoekt het college in te stemmen met de jaarrekening 2024",
            doc
        )
        .is_empty()
    );
    assert!(
        got(
            "verzoekt het college rekening te houden met de begroting van de regio",
            doc
        )
        .is_empty()
    );
    // One determiner per noun phrase: "de zomer" and "het programma" are two phrases.
    assert_eq!(
        got(
            "De raad ontvangt voor de zomer het uitvoeringsprogramma.",
            doc
        ),
        ["season:2025-07-01"]
    );
}

#[test]
fn moments_of_revision_and_of_the_end_of_a_term() {
    let doc = d(2025, 2, 6);
    assert_eq!(
        got(
            "verzoekt de regering met een wetswijziging te komen bij de herziening van de wet",
            doc
        ),
        ["event:-"]
    );
    assert_eq!(
        got(
            "verzoekt het college de proef een jaar te laten lopen en na afloop te evalueren",
            doc
        ),
        ["event:-"]
    );
    assert_eq!(
        got(
            "verzoekt het college de raad in de jaarlijkse monitor te informeren over de wachtlijsten",
            doc
        ),
        ["recurring:-"]
    );
}

#[test]
fn prepositions_governed_by_a_verb() {
    let doc = d(2025, 3, 13);
    assert!(got("verzoekt de fractie voor het wetsvoorstel te stemmen", doc).is_empty());
    assert!(
        got(
            "verzoekt het college aan te sluiten bij het landelijke programma",
            doc
        )
        .is_empty()
    );
    assert_eq!(
        got(
            "verzoekt het college net als dit jaar ook in 2026 een festival te organiseren",
            doc
        ),
        ["year:2026-12-31"]
    );
}

#[test]
fn more_frames_and_references() {
    let doc = d(2025, 3, 13);
    assert_eq!(
        got(
            "verzoekt het college de raad volgende maand te informeren",
            doc
        ),
        ["month:2025-04-30"]
    );
    assert_eq!(
        got(
            "verzoekt het college nog deze maand een besluit te nemen",
            doc
        ),
        ["month:2025-03-31"]
    );
    assert!(
        got(
            "verzoekt het college in de komende maanden met de buurt te praten",
            doc
        )
        .is_empty()
    );
    assert_eq!(
        got(
            "verzoekt het college tegen de zomer een voorstel te doen",
            doc
        ),
        ["season:2025-07-01"]
    );
    assert_eq!(
        got(
            "verzoekt het college het komend jaar een evaluatie uit te voeren",
            doc
        ),
        ["year:2026-12-31"]
    );
    assert_eq!(
        got(
            "verzoekt het college binnen dit jaar een besluit te nemen",
            doc
        ),
        ["year:2025-12-31"]
    );
    assert_eq!(
        got(
            "verzoekt het college binnen dit kwartaal de raad te informeren",
            doc
        ),
        ["quarter:2025-03-31"]
    );
    assert_eq!(
        got(
            "verzoekt het college de raad per ommegaande te informeren",
            doc
        ),
        ["asap:-"]
    );
    assert_eq!(
        got(
            "verzoekt het college deze motie voor het einde van deze raadsperiode uit te voeren",
            doc
        ),
        ["event:-"]
    );
    assert_eq!(
        got(
            "verzoekt de regering bij het Uitvoeringsplan 2026 een voorstel te doen",
            doc
        ),
        ["event:-"]
    );
    assert_eq!(
        got(
            "verzoekt de regering in het wetsvoorstel een hardheidsclausule op te nemen",
            doc
        ),
        ["event:-"]
    );
    assert!(
        got(
            "verzoekt de regering draagvlak voor het wetsvoorstel te zoeken",
            doc
        )
        .is_empty()
    );
}
