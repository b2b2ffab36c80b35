//! Calendar phrases: days, months, quarters, halves, years, seasons, periods, asap, recurring.

use super::*;

#[test]
fn days() {
    let doc = d(2018, 3, 15);
    assert_eq!(
        got(
            "verzoekt het college uiterlijk 1 september 2018 een zorgcoördinator aan te stellen",
            doc
        ),
        ["day:2018-09-01"]
    );
    assert_eq!(
        got(
            "verzoekt het college de raad vóór 1 maart aanstaande te informeren",
            doc
        ),
        ["day:2019-03-01"]
    );
    assert_eq!(
        got(
            "draagt het college op per 1 januari 2019 een meldpunt in te richten",
            doc
        ),
        ["day:2019-01-01"]
    );
    assert_eq!(
        got(
            "verzoekt het college de raad voor 1 juni te informeren",
            doc
        ),
        ["day:2018-06-01"]
    );
}

#[test]
fn past_dates_are_not_deadlines() {
    let doc = d(2018, 3, 20);
    assert!(
        got(
            "verzoekt het college het besluit van 15 maart jl. uit te voeren",
            doc
        )
        .is_empty()
    );
    assert!(
        got(
            "op 12 oktober 2023 heeft de raad het voorstel aangenomen",
            d(2023, 11, 1)
        )
        .is_empty()
    );
    assert!(
        got("verzoekt het college, gezien het besluit dat op 12 oktober 2023 is genomen, de raad in te lichten", d(2023, 11, 1))
            .iter()
            .all(|g| g.starts_with("open"))
    );
}

#[test]
fn months() {
    let doc = d(2024, 9, 5);
    assert_eq!(
        got(
            "verzoekt het college het plan uiterlijk januari 2025 aan de raad te sturen",
            doc
        ),
        ["month:2025-01-31"]
    );
    assert_eq!(
        got(
            "verzoekt het college de raad eind november te informeren",
            doc
        ),
        ["month:2024-11-30"]
    );
}

#[test]
fn quarters() {
    let doc = d(2024, 5, 20);
    assert_eq!(
        got(
            "verzoekt het college in het eerste kwartaal de raad te informeren",
            doc
        ),
        ["quarter:2025-03-31"]
    );
    assert_eq!(
        got(
            "verzoekt het college in het derde kwartaal de raad te informeren",
            doc
        ),
        ["quarter:2024-09-30"]
    );
    assert_eq!(
        got(
            "het college zal de evaluatie in Q4 2022 opleveren",
            d(2022, 1, 10)
        ),
        ["quarter:2022-12-31"]
    );
    assert_eq!(
        got(
            "verzoekt het college uiterlijk vóór het vierde kwartaal van 2024 een voorstel te doen",
            doc
        ),
        ["quarter:2024-09-30"]
    );
}

#[test]
fn halves_and_years() {
    let doc = d(2024, 10, 24);
    assert_eq!(
        got(
            "verzoekt het college de raad uiterlijk medio 2025 te informeren",
            doc
        ),
        ["half:2025-06-30"]
    );
    assert_eq!(
        got(
            "verzoekt het college halverwege volgend jaar met een evaluatie te komen",
            doc
        ),
        ["half:2025-06-30"]
    );
    assert_eq!(
        got(
            "verzoekt het college in de tweede helft van 2025 een pilot te starten",
            doc
        ),
        ["half:2025-12-31"]
    );
    assert_eq!(
        got(
            "verzoekt het college eind dit jaar een plan te presenteren",
            doc
        ),
        ["year:2024-12-31"]
    );
    assert_eq!(
        got(
            "verzoekt het college begin 2025 met een tijdpad te komen",
            doc
        ),
        ["year:2025-03-31"]
    );
    assert_eq!(
        got(
            "verzoekt het college de regeling voor 2026 aan te passen en de raad voor het einde van het jaar te informeren",
            doc
        ),
        ["year:2025-12-31", "year:2024-12-31"]
    );
    assert_eq!(
        got(
            "De wethouder zegde toe dat er in 2022 een plan van aanpak komt",
            d(2021, 6, 1)
        ),
        ["year:2022-12-31"]
    );
}

#[test]
fn seasons_and_recesses() {
    let doc = d(2025, 1, 16);
    assert_eq!(
        got(
            "verzoekt het college de raad voor de zomer te informeren",
            doc
        ),
        ["season:2025-07-01"]
    );
    assert_eq!(
        got(
            "verzoekt het college de raad na de zomervakantie te informeren",
            doc
        ),
        ["season:2025-09-30"]
    );
    assert_eq!(
        got(
            "verzoekt het college uiterlijk in het najaar van 2025 een plan te presenteren",
            doc
        ),
        ["season:2025-11-30"]
    );
    assert_eq!(
        got(
            "verzoekt het college de raad in het voorjaar te informeren",
            d(2025, 9, 1)
        ),
        ["season:2026-05-31"]
    );
    assert_eq!(
        got(
            "verzoekt het college de raad voor het kerstreces te informeren",
            d(2025, 9, 2)
        ),
        ["season:2025-12-20"]
    );
    assert_eq!(
        got(
            "verzoekt het college de raad voor het meireces te informeren",
            doc
        ),
        ["season:2025-04-30"]
    );
    assert_eq!(
        got(
            "verzoekt het college de raad voor het herfstreces te informeren",
            doc
        ),
        ["season:2025-10-15"]
    );
    assert_eq!(
        got(
            "verzoekt het college de raad voor het voorjaarsreces van 2026 te informeren",
            doc
        ),
        ["season:2026-02-15"]
    );
    assert_eq!(
        got(
            "verzoekt het college de raad direct na het zomerreces te informeren",
            doc
        ),
        ["season:2025-09-30"]
    );
}

#[test]
fn relative_periods() {
    let doc = d(2024, 4, 2);
    assert_eq!(
        got(
            "verzoekt het college binnen zes weken een overleg te beleggen",
            doc
        ),
        ["relative:2024-05-14"]
    );
    assert_eq!(
        got(
            "verzoekt het college binnen een half jaar een evaluatie te sturen",
            doc
        ),
        ["relative:2024-10-02"]
    );
    assert_eq!(
        got(
            "verzoekt het college binnen 2 weken te antwoorden en binnen twaalf maanden te evalueren",
            doc
        ),
        ["relative:2024-04-16", "relative:2025-04-02"]
    );
    assert_eq!(
        got(
            "verzoekt het college binnen drie maanden na inwerkingtreding van de wet te evalueren",
            doc
        ),
        ["event:-"]
    );
}

#[test]
fn asap_and_harder_limits() {
    let doc = d(2018, 3, 15);
    assert_eq!(
        got(
            "verzoekt het college zo spoedig mogelijk de raad te informeren",
            doc
        ),
        ["asap:-"]
    );
    assert_eq!(
        got(
            "verzoekt het college zo spoedig mogelijk doch uiterlijk 1 september 2018 een zorgcoördinator aan te stellen",
            doc
        ),
        ["day:2018-09-01"]
    );
    assert_eq!(
        got(
            "als onderdeel daarvan zo spoedig mogelijk maar uiterlijk 1 september 2018 een zorgcoördinator mensenhandel aan te stellen",
            doc
        ),
        ["day:2018-09-01"]
    );
    assert_eq!(
        got(
            "verzoekt het college op korte termijn met maatregelen te komen",
            doc
        ),
        ["asap:-"]
    );
}

#[test]
fn recurring() {
    let doc = d(2025, 6, 19);
    assert_eq!(
        got(
            "verzoekt het college de raad jaarlijks te informeren over de voortgang",
            doc
        ),
        ["recurring:-"]
    );
    assert_eq!(
        got(
            "verzoekt het college halfjaarlijks te rapporteren, bij de kadernota",
            doc
        ),
        ["recurring:-"]
    );
    assert!(got("er gaat jaarlijks 10 miljoen euro om in de sector", doc).is_empty());
    // The same duty in the passive, with the participle of a reporting or measuring verb.
    assert_eq!(
        got(
            "verzoekt het college: de huurders worden ieder kwartaal geïnformeerd over de onderhoudsplanning",
            doc
        ),
        ["recurring:-"]
    );
    assert_eq!(
        got(
            "verzoekt het college: de wachttijd bij het loket wordt twee keer per jaar gemeten",
            doc
        ),
        ["recurring:-"]
    );
}

#[test]
fn years_named_from_the_document() {
    let doc = d(2025, 3, 13);
    assert_eq!(
        got(
            "verzoekt het college dit jaar een nieuwe nota aan te bieden",
            doc
        ),
        ["year:2025-12-31"]
    );
    assert_eq!(
        got(
            "verzoekt het kabinet om al dit jaar de regeling aan te passen",
            doc
        ),
        ["year:2025-12-31"]
    );
    assert_eq!(
        got(
            "verzoekt het college komend jaar de raad te informeren",
            doc
        ),
        ["year:2026-12-31"]
    );
    assert_eq!(
        got(
            "verzoekt het college volgend jaar een nieuw plan vast te stellen",
            doc
        ),
        ["year:2026-12-31"]
    );
    assert_eq!(
        got(
            "verzoekt de regering voorts het wetsvoorstel nog dit kalenderjaar in te dienen",
            doc
        ),
        ["year:2025-12-31"]
    );
    assert_eq!(
        got(
            "verzoekt het college in het nieuwe jaar een bijeenkomst te beleggen",
            doc
        ),
        ["year:2026-12-31"]
    );
    // History and money are no deadlines.
    assert!(
        got(
            "verzoekt het college de eerder dit jaar gemaakte afspraken na te komen",
            doc
        )
        .is_empty()
    );
    assert!(got("verzoekt het college € 40.000 dit jaar vrij te maken", doc).is_empty());
    assert!(got("verzoekt het college het jaar goed af te sluiten", doc).is_empty());
}

#[test]
fn seasons_named_from_the_document() {
    assert_eq!(
        got(
            "verzoekt het college dit najaar een voorstel te doen",
            d(2025, 5, 8)
        ),
        ["season:2025-11-30"]
    );
    assert_eq!(
        got(
            "verzoekt het college komend voorjaar de raad te informeren",
            d(2025, 10, 16)
        ),
        ["season:2026-05-31"]
    );
    assert_eq!(
        got(
            "De wethouder zegt toe de raad deze zomer een brief te sturen.",
            d(2025, 4, 1)
        ),
        ["season:2025-07-31"]
    );
    assert_eq!(
        got(
            "verzoekt het dagelijks bestuur het algemeen bestuur het komende najaar te informeren",
            d(2025, 2, 1)
        ),
        ["season:2025-11-30"]
    );
    // "dit voorjaar" read in the autumn has passed.
    assert!(
        got(
            "verzoekt het college de afspraken van dit voorjaar uit te voeren",
            d(2025, 10, 1)
        )
        .is_empty()
    );
}

#[test]
fn periods_need_a_frame() {
    let doc = d(2025, 4, 10);
    assert_eq!(
        got(
            "verzoekt het college uiterlijk drie maanden na aanname van deze motie een plan te sturen",
            doc
        ),
        ["relative:2025-07-10"]
    );
    assert!(
        got(
            "verzoekt het college de proef drie maanden te laten duren",
            doc
        )
        .is_empty()
    );
    assert_eq!(
        got(
            "verzoekt het college de raad in de raadscyclus van september te informeren",
            doc
        ),
        ["event:2025-09-30"]
    );
    assert_eq!(
        got(
            "verzoekt het college nog deze raadsperiode een nieuwe woonvisie op te stellen",
            doc
        ),
        ["event:-"]
    );
}

#[test]
fn dates_without_a_year_in_the_past_tense() {
    let doc = d(2025, 4, 10);
    assert!(
        got(
            "Op 12 maart heeft de wethouder toegezegd de raad te informeren.",
            doc
        )
        .is_empty()
    );
    assert!(
        got(
            "verzoekt het college, zoals in maart besproken, de raad te informeren",
            doc
        )
        .is_empty()
    );
    assert_eq!(
        got(
            "De wethouder heeft toegezegd de raad in juni te informeren.",
            doc
        ),
        ["month:2025-06-30"]
    );
    assert_eq!(
        got(
            "verzoekt het college de raad op 1 juli te informeren over het overleg",
            doc
        ),
        ["day:2025-07-01"]
    );
}
