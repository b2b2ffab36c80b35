//! The deterministic corpus: Dutch council documents as Markdown with front matter.
//!
//! Document `n` of a corpus depends on the seed and `n` alone, so a tier of 100k documents
//! starts with the 10k of the smaller tier and any document can be made again on its own. Text
//! is built sentence by sentence from templates whose open places are filled from Zipf-ranked
//! word lists ([`crate::vocab`]); no document repeats another, so document frequencies behave
//! as in a real archive (a few words everywhere, most words in few documents).

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use crate::rng::{Rng, Zipf};
use crate::vocab::{self, Lexicon};

/// The seed of every published run.
pub const DEFAULT_SEED: u64 = 20_260_515;

/// The kinds generated, with their share per 1000 documents and their front-matter key.
pub const MIX: &[(Kind, u32)] = &[
    (Kind::Motion, 300),
    (Kind::Amendment, 50),
    (Kind::AgendaItem, 290),
    (Kind::InformationLetter, 90),
    (Kind::WrittenQuestions, 70),
    (Kind::Proposal, 130),
    (Kind::DecisionList, 60),
    (Kind::Attachment, 10),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// ~1 KB: recitals and a dictum with deadlines.
    Motion,
    /// ~1.5 KB.
    Amendment,
    /// ~2 KB.
    AgendaItem,
    /// ~3 KB: a letter from the executive to the council.
    InformationLetter,
    /// ~2.5 KB: questions of a council member.
    WrittenQuestions,
    /// 5–20 KB: a council proposal.
    Proposal,
    /// ~12 KB: the decisions of one council meeting.
    DecisionList,
    /// 50–300 KB: a report attached to a proposal.
    Attachment,
}

impl Kind {
    /// The key the core knows (front matter `kind:`).
    pub fn key(self) -> &'static str {
        match self {
            Kind::Motion => "motie",
            Kind::Amendment => "amendement",
            Kind::AgendaItem => "agendapunt",
            Kind::InformationLetter => "raadsinformatiebrief",
            Kind::WrittenQuestions => "schriftelijke-vragen",
            Kind::Proposal => "raadsvoorstel",
            Kind::DecisionList => "besluitenlijst",
            Kind::Attachment => "overig",
        }
    }

    fn of(n: u64) -> Kind {
        // A fixed pattern over each 1000 documents, shuffled by a multiplicative hash so kinds
        // interleave.
        let slot = ((n % 1000) * 617 % 1000) as u32;
        let mut acc = 0;
        for (kind, share) in MIX {
            acc += share;
            if slot < acc {
                return *kind;
            }
        }
        Kind::AgendaItem
    }
}

/// One generated document.
pub struct Doc {
    /// A relative path: `<chunk>/<n>.md`.
    pub name: String,
    pub kind: Kind,
    pub text: String,
}

/// Makes documents; cheap to share between threads once built.
pub struct Generator {
    seed: u64,
    lex: Lexicon,
    party_zipf: Zipf,
    place_zipf: Zipf,
}

/// Written as in a Dutch letter: "15 maart 2018".
pub fn long_date(d: NaiveDate) -> String {
    raadsvolger_core::export::dutch_date(d)
}

impl Generator {
    pub fn new(seed: u64) -> Generator {
        Generator {
            seed,
            lex: Lexicon::new(seed),
            party_zipf: Zipf::new(vocab::PARTIES.len(), 0.8),
            place_zipf: Zipf::new(vocab::PLACES.len(), 0.7),
        }
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }

    /// Document `n`.
    pub fn doc(&self, n: u64) -> Doc {
        let mut rng = Rng::for_item(self.seed, n);
        let kind = Kind::of(n);
        let date = self.date(&mut rng);
        let place = vocab::PLACES[self.place_zipf.sample(&mut rng)];
        let mut w = Writer {
            g: self,
            rng,
            out: String::with_capacity(2048),
            place,
            date,
        };
        match kind {
            Kind::Motion => w.motion(n, false),
            Kind::Amendment => w.motion(n, true),
            Kind::AgendaItem => w.agenda_item(n),
            Kind::InformationLetter => w.letter(n),
            Kind::WrittenQuestions => w.questions(n),
            Kind::Proposal => {
                let size = w.rng.range(5_000, 20_000);
                w.report(n, Kind::Proposal, size)
            }
            Kind::DecisionList => w.decision_list(n),
            Kind::Attachment => {
                let size = w.rng.range(50_000, 300_000);
                w.report(n, Kind::Attachment, size)
            }
        }
        Doc {
            name: format!("{:04}/{n:07}.md", n / 1000),
            kind,
            text: w.out,
        }
    }

    /// A date from 2000-01-01 to 2026-12-31, more documents in later years (archives grow).
    fn date(&self, rng: &mut Rng) -> NaiveDate {
        let year = 2000 + (27.0 * rng.unit().sqrt()) as i32;
        let ordinal = rng.range(1, 365) as u32;
        NaiveDate::from_yo_opt(year.min(2026), ordinal).unwrap_or_default()
    }
}

struct Writer<'a> {
    g: &'a Generator,
    rng: Rng,
    out: String,
    place: &'static str,
    date: NaiveDate,
}

/// Sentences of the running text. `{N}` noun, `{A}` adjective, `{V}` verb, `{P}` the place,
/// `{Y}` a year near the document's, `{D}` a date, `{M}` an amount, `{S}` a street, `{W}` a
/// person, `{Q}` a party.
const SENTENCES: &[&str] = &[
    "Het college wil samen met de {N} de {A} {N} {V}.",
    "De {N} van de gemeente {P} wordt in {Y} opnieuw bekeken.",
    "In de commissie is gesproken over de {N} en de gevolgen voor de {N}.",
    "Voor de {N} is in de begroting {M} gereserveerd.",
    "Wij stellen voor om de {N} aan de {S} te {V}.",
    "Dit draagt bij aan een {A} {N} in de wijk rond de {S}.",
    "De kosten van het {N} bedragen naar verwachting {M}.",
    "Uit het onderzoek blijkt dat de {N} voor de zomer van {Y} gereed kan zijn.",
    "Er is nog geen besluit genomen over de {N}.",
    "Het is van belang dat de {N} tijdig wordt betrokken bij de {N}.",
    "Op {D} is er een bijeenkomst geweest met de {N} en de {N}.",
    "De raad wordt voor het einde van het jaar geïnformeerd over de voortgang van de {N}.",
    "In het kader van de {N} worden de {N} en de {N} met elkaar verbonden.",
    "Daarnaast is er aandacht voor {A} {N} en voor de {N}.",
    "De wethouder heeft aangegeven dat de {N} in {Y} wordt uitgebreid.",
    "Bewoners van de {S} maken zich zorgen over de {N} en de {N}.",
    "Met het oog op de {N} is het nodig de {A} {N} te {V}.",
    "De {N} is een {A} opgave die wij niet alleen kunnen dragen.",
    "Wij houden de raad op de hoogte van de {N} en de {N}.",
    "Volgens {W} van de {N} is de {N} in {P} beter dan elders in de regio.",
    "De gemeente {P} werkt hierbij samen met de provincie en het rijk.",
    "Het aantal {N} is sinds {Y} met ongeveer een derde gestegen.",
    "De {N} wordt ieder jaar geëvalueerd; de eerste evaluatie volgt in {Y}.",
    "Tot en met {Y} is {M} beschikbaar voor de {N}.",
    "Dit past binnen de {N} die de raad in {Y} heeft vastgesteld.",
    "De {A} {N} en de {A} {N} versterken elkaar.",
    "Een deel van de {N} is afhankelijk van de {N} van het rijk.",
    "De fractie van de {Q} vroeg naar de gevolgen voor de {N}.",
    "Wij verwachten dat de {N} in het eerste kwartaal van {Y} kan starten.",
    "Aan de orde is de vraag hoe de {N} en de {N} zich tot elkaar verhouden.",
    "De {N} rond de {S} is niet aangenomen door de vorige raad.",
    "Zo nodig wordt de {N} na twee jaar bijgesteld.",
    "In de wijk rond de {S} is de {N} het grootst.",
    "De uitvoering van het {N} ligt bij de {N}.",
    "Het college zal de {N} {V} en de {A} {N} {V}.",
    "Bij de {N} gaat het om {A} {N}, niet om {A} {N}.",
];

/// Recitals of a motion (after "overwegende dat" / "constaterende dat").
const RECITALS: &[&str] = &[
    "de {N} in {P} onder druk staat",
    "de {N} de afgelopen jaren is gestegen",
    "inwoners steeds vaker last hebben van {A} {N}",
    "de {N} en de {N} onvoldoende op elkaar aansluiten",
    "er in de begroting {M} beschikbaar is voor de {N}",
    "de {A} {N} een zaak is van de hele raad",
    "het college in {Y} een plan voor de {N} heeft vastgesteld",
    "andere gemeenten goede ervaringen hebben met {A} {N}",
    "de {N} bij de {S} al jaren een probleem is",
    "de {N} niet zonder de {N} kan",
];

/// Requests of a dictum, each with or without a deadline.
const REQUESTS: &[&str] = &[
    "de {N} te {V} en de raad hierover voor de zomer van {Y} te informeren",
    "uiterlijk {D} een voorstel aan de raad voor te leggen over de {A} {N}",
    "in het eerste kwartaal van {Y} met een plan van aanpak voor de {N} te komen",
    "bij de begroting {Y} de {N} te {V}",
    "binnen zes maanden de {N} te {V}",
    "voor het einde van het jaar de {N} te {V}",
    "de {A} {N} te {V}",
    "samen met de {N} de {N} te {V}",
    "de raad voor 1 juli {Y} te informeren over de {N}",
    "de {N} te {V} en daarbij de {N} te betrekken",
];

const OUTCOMES: &[&str] = &[
    "aangenomen",
    "aangenomen",
    "verworpen",
    "unaniem aangenomen",
    "aangehouden",
    "ingetrokken",
];

impl Writer<'_> {
    fn fill(&mut self, template: &str) {
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            self.out.push_str(&rest[..open]);
            let close = open + rest[open..].find('}').unwrap_or(1);
            let slot = &rest[open + 1..close];
            self.slot(slot);
            rest = &rest[close + 1..];
        }
        self.out.push_str(rest);
    }

    fn slot(&mut self, slot: &str) {
        let g = self.g;
        match slot {
            "N" => {
                let noun = g.lex.noun(&mut self.rng);
                self.out.push_str(noun);
            }
            "A" => {
                let a = g.lex.adjective(&mut self.rng);
                self.out.push_str(a);
            }
            "V" => {
                let v = g.lex.verb(&mut self.rng);
                self.out.push_str(v);
            }
            "P" => self.out.push_str(self.place),
            "Y" => {
                let y = self.date.year() + self.rng.range(0, 3) as i32 - 1;
                let _ = write!(self.out, "{}", y.clamp(2000, 2028));
            }
            "D" => {
                let d = self.date + chrono::Days::new(self.rng.range(14, 400) as u64);
                self.out.push_str(&long_date(d));
            }
            "M" => {
                let thousands = self.rng.range(5, 9_000);
                let _ = write!(
                    self.out,
                    "€ {}.{:03}",
                    thousands,
                    self.rng.below(1000) / 10 * 10
                );
            }
            "S" => {
                let h = self.rng.pick(vocab::STREET_HEADS);
                let t = self.rng.pick(vocab::STREET_TAILS);
                self.out.push_str(h);
                self.out.push_str(t);
            }
            "W" => {
                let f = self.rng.pick(vocab::FIRST_NAMES);
                let l = self.rng.pick(vocab::LAST_NAMES);
                let _ = write!(self.out, "{f} {l}");
            }
            "Q" => {
                let p = vocab::PARTIES[g.party_zipf.sample(&mut self.rng)];
                self.out.push_str(p);
            }
            other => self.out.push_str(other),
        }
    }

    fn sentence(&mut self) {
        let t = *self.rng.pick(SENTENCES);
        self.fill(t);
        // Now and then a rare name (a project, a hamlet) that few documents share.
        if self.rng.chance(0.02) {
            let name = vocab::rare_word(&mut self.rng);
            let _ = write!(self.out, " Het project {name} valt hier ook onder.");
        }
    }

    fn paragraph(&mut self, sentences: usize) {
        for i in 0..sentences {
            if i > 0 {
                self.out.push(' ');
            }
            self.sentence();
        }
        self.out.push_str("\n\n");
    }

    /// A title: "{Adjective} {noun} in {place}" and similar.
    fn title(&mut self) -> String {
        let start = self.out.len();
        let t = *self.rng.pick(&[
            "{A} {N} in {P}",
            "{N} en {N}",
            "Aanpak {N}",
            "{N} bij de {S}",
            "Toekomst van de {N}",
            "{A} {N}",
        ]);
        self.fill(t);
        let title: String = self.out.drain(start..).collect();
        let mut chars = title.chars();
        match chars.next() {
            Some(c) => c.to_uppercase().chain(chars).collect(),
            None => title,
        }
    }

    fn parties(&mut self, count: usize) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        while out.len() < count {
            let p = vocab::PARTIES[self.g.party_zipf.sample(&mut self.rng)];
            if !out.contains(&p) {
                out.push(p);
            }
        }
        out
    }

    fn front_matter(&mut self, title: &str, kind: Kind, number: &str, parties: &[&str]) {
        let mut fm = String::with_capacity(200);
        let _ = write!(
            fm,
            "---\ntitle: \"{}\"\nkind: {}\ndate: {}\ncouncil_number: \"{number}\"\n",
            title,
            kind.key(),
            self.date
        );
        if !parties.is_empty() {
            let _ = writeln!(fm, "parties: [{}]", parties.join(", "));
        }
        fm.push_str("---\n");
        self.out.insert_str(0, &fm);
    }

    fn number(&self, n: u64, prefix: &str) -> String {
        format!("{prefix}{}-{:06}", self.date.year(), n % 1_000_000)
    }

    fn motion(&mut self, n: u64, amendment: bool) {
        let title = self.title();
        let parties = {
            let k = self.rng.range(1, 4);
            self.parties(k)
        };
        let label = if amendment { "Amendement" } else { "Motie" };
        let _ = write!(self.out, "# {label} {title}\n\n");
        let _ = write!(
            self.out,
            "De raad van de gemeente {}, in vergadering bijeen op {},\n\ngehoord de beraadslaging,\n\noverwegende dat:\n\n",
            self.place,
            long_date(self.date)
        );
        for _ in 0..self.rng.range(2, 4) {
            self.out.push_str("- ");
            let r = *self.rng.pick(RECITALS);
            self.fill(r);
            self.out.push_str(";\n");
        }
        self.out.push_str("\nconstaterende dat ");
        let r = *self.rng.pick(RECITALS);
        self.fill(r);
        self.out.push_str(";\n\n");
        if amendment {
            self.out
                .push_str("besluit het ontwerpbesluit als volgt te wijzigen:\n\n");
            self.out.push_str("na beslispunt 2 wordt toegevoegd: ");
            self.fill("de {N} te {V} binnen het beschikbare budget van {M}.");
            self.out.push_str("\n\nToelichting: ");
            let k = self.rng.range(5, 7);
            self.paragraph(k);
        } else {
            self.out.push_str("verzoekt het college:\n\n");
            let k = self.rng.range(1, 3);
            for i in 0..k {
                let _ = write!(self.out, "{}. ", i + 1);
                let r = *self.rng.pick(REQUESTS);
                self.fill(r);
                self.out.push_str(if i + 1 == k { ",\n" } else { ";\n" });
            }
            self.out
                .push_str("\nen gaat over tot de orde van de dag.\n\n");
        }
        self.out.push_str("Ingediend door: ");
        for (i, p) in parties.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.slot("W");
            let _ = write!(self.out, " ({p})");
        }
        self.out.push('\n');
        let number = self.number(n, if amendment { "A" } else { "M" });
        let kind = if amendment {
            Kind::Amendment
        } else {
            Kind::Motion
        };
        self.front_matter(&format!("{label}: {title}"), kind, &number, &parties);
    }

    fn agenda_item(&mut self, n: u64) {
        let title = self.title();
        let item = self.rng.range(3, 24);
        let _ = write!(self.out, "# Agendapunt {item}: {title}\n\n");
        self.out.push_str("Portefeuillehouder: wethouder ");
        self.slot("W");
        self.out.push_str("\n\n## Samenvatting\n\n");
        let k = self.rng.range(6, 9);
        self.paragraph(k);
        self.out.push_str("## Argumenten\n\n");
        let k = self.rng.range(4, 6);
        self.paragraph(k);
        self.out.push_str("## Voorgesteld besluit\n\n1. ");
        self.fill("de {A} {N} vast te stellen;\n2. ");
        self.fill("{M} beschikbaar te stellen voor de {N}.\n\n");
        self.out.push_str("## Behandeling\n\n");
        let k = self.rng.range(6, 8);
        self.paragraph(k);
        let number = self.number(n, "AP");
        self.front_matter(&title, Kind::AgendaItem, &number, &[]);
    }

    fn letter(&mut self, n: u64) {
        let title = self.title();
        let _ = write!(
            self.out,
            "# Raadsinformatiebrief: {title}\n\nAan de gemeenteraad van {}\n\n{}, {}\n\nGeachte leden van de raad,\n\n",
            self.place,
            self.place,
            long_date(self.date)
        );
        for _ in 0..self.rng.range(5, 7) {
            let k = self.rng.range(4, 7);
            self.paragraph(k);
        }
        self.out.push_str(
            "Wij vertrouwen erop u hiermee voldoende te hebben geïnformeerd.\n\nMet vriendelijke groet,\n\nHet college van burgemeester en wethouders\n",
        );
        let number = self.number(n, "RIB");
        self.front_matter(&title, Kind::InformationLetter, &number, &[]);
    }

    fn questions(&mut self, n: u64) {
        let title = self.title();
        let party = self.parties(1);
        let _ = write!(
            self.out,
            "# Schriftelijke vragen over {title}\n\nVragen van de fractie van de {} aan het college.\n\n",
            party[0]
        );
        for _ in 0..3 {
            let k = self.rng.range(5, 7);
            self.paragraph(k);
        }
        for i in 0..self.rng.range(5, 9) {
            let _ = write!(self.out, "{}. ", i + 1);
            let q = *self.rng.pick(&[
                "Is het college bekend met de {A} {N} bij de {S}?",
                "Hoeveel {N} zijn er sinds {Y} bijgekomen?",
                "Wat gaat het college doen om de {N} te {V}?",
                "Wanneer wordt de raad geïnformeerd over de {N}?",
                "Deelt het college de mening dat de {N} voor de zomer moet worden aangepakt?",
            ]);
            self.fill(q);
            self.out.push('\n');
        }
        self.out.push('\n');
        let number = self.number(n, "SV");
        self.front_matter(&title, Kind::WrittenQuestions, &number, &party);
    }

    fn report(&mut self, n: u64, kind: Kind, size: usize) {
        let title = self.title();
        let label = match kind {
            Kind::Attachment => "Bijlage: rapport",
            _ => "Raadsvoorstel",
        };
        let _ = write!(self.out, "# {label} {title}\n\n");
        const SECTIONS: &[&str] = &[
            "Inleiding",
            "Beoogd effect",
            "Argumenten",
            "Kanttekeningen",
            "Financiën",
            "Communicatie",
            "Uitvoering",
            "Evaluatie",
        ];
        let mut section = 0;
        while self.out.len() < size {
            let heading = SECTIONS[section % SECTIONS.len()];
            section += 1;
            if section > SECTIONS.len() {
                let _ = write!(self.out, "## {heading} ({})\n\n", section / SECTIONS.len());
            } else {
                let _ = write!(self.out, "## {heading}\n\n");
            }
            for _ in 0..self.rng.range(2, 5) {
                let k = self.rng.range(3, 7);
                self.paragraph(k);
            }
        }
        if kind == Kind::Proposal {
            self.out.push_str("## Voorgesteld besluit\n\n1. ");
            self.fill("de {A} {N} vast te stellen;\n2. ");
            self.fill("de {N} te {V} binnen het budget van {M}.\n");
        }
        let number = self.number(n, if kind == Kind::Attachment { "B" } else { "RV" });
        self.front_matter(&title, kind, &number, &[]);
    }

    fn decision_list(&mut self, n: u64) {
        let title = format!(
            "Besluitenlijst raad {} {}",
            self.place,
            long_date(self.date)
        );
        let _ = write!(
            self.out,
            "# Besluitenlijst van de openbare vergadering van de raad van {} op {}\n\nVoorzitter: burgemeester ",
            self.place,
            long_date(self.date)
        );
        self.slot("W");
        self.out.push_str("\n\n");
        let mut item = 1;
        while self.out.len() < 12_000 {
            let t = self.title();
            let outcome = *self.rng.pick(OUTCOMES);
            let _ = write!(self.out, "## {item}. {t}\n\n");
            let for_votes = self.rng.range(14, 39);
            let against = self.rng.range(0, 45 - for_votes);
            let _ = write!(
                self.out,
                "Besluit: {outcome} met {for_votes} stemmen voor en {against} tegen. "
            );
            let k = self.rng.range(2, 4);
            self.paragraph(k);
            if self.rng.chance(0.25) {
                self.out.push_str("Toezegging: de wethouder zegt toe ");
                let r = *self.rng.pick(REQUESTS);
                self.fill(r);
                self.out.push_str(".\n\n");
            }
            item += 1;
        }
        let number = self.number(n, "BL");
        self.front_matter(&title, Kind::DecisionList, &number, &[]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_deterministic_and_varied() {
        let g = Generator::new(DEFAULT_SEED);
        let a = g.doc(42).text;
        assert_eq!(a, Generator::new(DEFAULT_SEED).doc(42).text);
        assert_ne!(a, g.doc(43).text);
        assert!(a.starts_with("---\ntitle: "), "{a}");
    }

    #[test]
    fn sizes_follow_the_kinds() {
        let g = Generator::new(DEFAULT_SEED);
        let mut seen = std::collections::HashMap::new();
        for n in 0..2000 {
            let d = g.doc(n);
            let e = seen.entry(d.kind).or_insert((0usize, 0usize));
            e.0 += 1;
            e.1 += d.text.len();
        }
        let avg = |k: Kind| seen[&k].1 / seen[&k].0;
        let all: Vec<(Kind, usize)> = MIX.iter().map(|(k, _)| (*k, avg(*k))).collect();
        let within = |k: Kind, lo: usize, hi: usize| {
            assert!((lo..hi).contains(&avg(k)), "{k:?}: {all:?}");
        };
        within(Kind::Motion, 700, 1_600);
        within(Kind::Amendment, 1_000, 2_200);
        within(Kind::AgendaItem, 1_500, 2_800);
        within(Kind::InformationLetter, 2_200, 4_000);
        within(Kind::WrittenQuestions, 1_800, 3_300);
        within(Kind::Proposal, 6_000, 20_000);
        within(Kind::DecisionList, 12_000, 13_500);
        within(Kind::Attachment, 50_000, 300_000);
    }
}
