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

use std::sync::LazyLock;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use regex::{Captures, Regex};

use super::dates;

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

// ---------------------------------------------------------------------------------------------
// Regex building blocks (all used inside `(?i)` patterns).

/// "voor" / "vóór" (precomposed or with combining accents).
const VOOR: &str = r"v(?:o\x{301}?|ó)(?:o\x{301}?|ó)r";
/// Numbers written as words or digits.
const NUM: &str = r"een|één|eén|1|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|zestien|achttien|twintig|dertig|veertig|vijftig|zestig|negentig|\d{1,3}";
const YEAR: &str = r"(?:19|20)\d{2}";
/// A year named relative to the document: "dit jaar", "volgend jaar", "het komende kalenderjaar".
const REL_YEAR: &str = r"(?:dit|deze|het\s+huidige|het\s+lopende|het\s+komende?|het\s+volgende?|het\s+nieuwe|het\s+aankomende?|komend|volgend|aankomend|het)\s+(?:kalender)?jaar";
/// A determiner that names a year, season or quarter from the document's point of view without a
/// preposition: "dit jaar", "komend voorjaar", "volgend jaar", "het komende najaar".
const DEICTIC: &str = r"dit|deze|komend|komende|aankomend|aankomende|volgend|volgende|het\s+komende|het\s+volgende|de\s+komende|de\s+volgende|het\s+aankomende";
const SEASONS: &str = "zomerreces|zomervakantie|zomerperiode|zomer|voorjaarsreces|voorjaarsvakantie|krokusreces|krokusvakantie|voorjaar|lente|najaar|herfstreces|herfstvakantie|herfst|winterreces|winter|kerstreces|kerstvakantie|kerst|meireces|meivakantie";

/// Compiles a static pattern. Word boundaries are made ASCII-only (`(?-u:\b)`): the fast DFA
/// engines support only those, and every keyword here begins and ends with an ASCII letter.
fn re(pattern: &str) -> Regex {
    Regex::new(&pattern.replace(r"\b", r"(?-u:\b)")).expect("static regex in deadlines.rs")
}

/// Qualifiers that may stand before a trigger word: "uiterlijk", "tijdig", "ruim", ...
const QUAL: &str = r"(?:(?:uiterlijk|tijdig|ruim|ruimschoots|direct|meteen|vlak|kort|nog|liefst|bij\s+voorkeur|in\s+ieder\s+geval|in\s+elk\s+geval|zeker|graag|dus|ook|al)\s+)*";

static RECITAL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[\s\d.)(•*·\-–—]*(?:en\s+|tevens\s+|voorts\s+|mede\s+)?(?:overwegende|overwegend|constaterende|constaterend|concluderende|vaststellende|van\s+mening|van\s+oordeel|gelet\s+op|gezien|gehoord|in\s+aanmerking\s+nemende|opmerkende|benadrukkende|betreurende|erkennende|wijzende|signalerende|memorerende|overwegingen|de\s+raad,?\s+in\s+vergadering)\b",
    )
});

/// The bodies a council text asks or that promise: "het college (van B en W)", "de burgemeester",
/// "de wethouder", "Gedeputeerde Staten" / "GS", "het dagelijks bestuur" (water boards, joint
/// schemes), "de regering", "het kabinet", "de minister", "de staatssecretaris".
const ADDRESSEE: &str = r"(?:het\s+college(?:\s+van\s+(?:burgemeester\s+en\s+wethouders|b\s*(?:en|&)\s*w|gedeputeerde\s+staten|gs))?|de\s+burgemeester|burgemeester|de\s+wethouder|wethouder|de\s+gedeputeerde|gedeputeerde\s+staten|gs|het\s+dagelijks\s+bestuur|de\s+dijkgraaf|de\s+regering|het\s+kabinet|de\s+minister(?:-president|s)?|de\s+staatssecretariss?(?:en)?|de\s+(?:minister|staatssecretaris)\s+van\s+[\p{L}-]+(?:\s+en\s+[\p{L}-]+)?)";

/// The bodies that receive: "de raad", "de Kamer", "Provinciale Staten", "het algemeen bestuur".
const RECIPIENT: &str = r"(?:de\s+raad|de\s+gemeenteraad|de\s+kamer|de\s+commissie|provinciale\s+staten|de\s+staten|het\s+algemeen\s+bestuur)";

/// Request and promise vocabulary: a sentence without one of these (or an infinitive dictum) asks
/// or promises nothing.
static ASKS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:verzoek|verzoekt|verzoeken|verzocht|opgedragen|opdracht|draagt|dragen|roept|roepen|vraagt|verlangt|zegt|zeggen|zegde|zegden|toegezegd|toezegging|toezeggingen|toezegt|belooft|beloven|beloofde|beloofden|beloofd|zal|zullen|verplicht\s+zich|spreekt\s+uit|stelt\s+voor|van\s+plan|voornemens|het\s+voornemen)\b|\b(?:vragen|vraag)\s+(?:wij\s+|we\s+|ik\s+)?(?:{ADDRESSEE}|u)\s+(?:[\p{{L}}-]+\s+){{0,3}}?om\b|\b(?:{ADDRESSEE}|wij|we)\s+(?:[\p{{L}}-]+\s+){{0,3}}?(?:informeert|informeren|stuurt|sturen|komt|komen|legt|leggen|biedt|bieden|zendt|zenden|presenteert|presenteren|rapporteert|rapporteren|gaat|gaan|zorgt|zorgen|organiseert|organiseren|agendeert|agenderen|beantwoordt|beantwoorden|deelt|delen|levert|leveren|verstrekt|verstrekken|evalueert|evalueren|onderzoekt|onderzoeken|bespreekt|bespreken)\b|\b{RECIPIENT}\s+(?:ontvangt|ontvangen|krijgt|krijgen|(?:wordt|worden)\b[^.;]{{0,120}}?\b(?:geïnformeerd|geinformeerd|ingelicht|toegestuurd|toegezonden|voorgelegd|aangeboden|gepresenteerd|meegenomen))\b",
    ))
});

/// An infinitive ("... aan te stellen"): a dictum item, unless it is a purpose clause ("om ... te").
static DICTUM_INFINITIVE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bte\s+\p{L}{2,}(?:en|n)\b"));

static PURPOSE_OM: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:om|teneinde)\b"));

/// A list marker or "om" at the start of a sentence: "• om uiterlijk 1 juli ... te doen".
static LEADING_OM: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^[\s\d.)(•*·\-–—]*(?:om|teneinde)\b"));

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

/// Promises that are history, not a new commitment: "later dan toegezegd", "zoals toegezegd".
static PAST_PROMISE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:dan|zoals|eerder|destijds|was|werd|waren|werden)\s+(?:\p{L}+\s+)?toegezegd\b")
});

static PROMISE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?:zegt|zeggen|zegde|zegden)\s+(?:[\p{L}&.-]+\s+){0,6}?toe|toegezegd|toezegging(?:en)?|toezegt|toe\s+te\s+zeggen|belooft|beloven|beloofde|beloofden|beloofd)\b",
    )
});

static ASAP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:zo\s+(?:snel|spoedig|vlug|gauw|kort|vroeg)\s+(?:als\s+)?(?:maar\s+|enigszins\s+)?(?:mogelijk|doenlijk|haalbaar|het\s+kan|kan)|zo\s+snel\s+het\s+kan|z\.s\.m\.?|zsm|ten\s+spoedigste|met\s+(?:de\s+)?(?:grootst\s+mogelijke\s+|hoogste\s+)?spoed|met\s+voorrang|spoedig|onverwijld|per\s+om(?:me)?gaande|per\s+direct|op\s+(?:zo\s+)?(?:de\s+)?korte?\s+(?:mogelijke\s+)?termijn|zo\s+kort\s+mogelijk|onmiddellijk)\b",
    )
});

static RECURRING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:telkens|(?:half|twee|drie|vier)?jaarlijks|(?:twee|drie|zes)?maandelijks|wekelijks|periodiek|regelmatig|per\s+(?:kwartaal|half\s+jaar|halfjaar|jaar)|(?:elk|ieder)\s+(?:jaar|kwartaal|half\s+jaar|halfjaar)|(?:elke|iedere)\s+(?:maand|week|\d+\s+maanden|twee\s+maanden|drie\s+maanden|zes\s+maanden)|(?:eens|(?:een|één|twee|drie|vier|\d)\s+keer|(?:een|één|twee|drie|vier|\d)\s+maal)\s+per\s+(?:jaar|kwartaal|maand|half\s+jaar|halfjaar))\b",
    )
});

/// A reporting infinitive after a recurring adverb ("jaarlijks te rapporteren").
static REPORT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[^;:.]{0,80}?\b(?:te\s+\p{L}{2,}|rapporteert|rapporteren|informeert|informeren|verantwoorden|verantwoording|evalueert|evalueren|monitort|monitoren|bericht|berichten|verslag|rapportage|update)\b",
    )
});

static DAY_TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?:^|[^\p{{L}}])(?P<t>(?:uiterlijk|ten\s+laatste|niet\s+later\s+dan)(?:\s+(?:op|per|{VOOR}|in|om))?|(?:tijdig|ruim|ruimschoots|nog|liefst)?\s*{VOOR}(?:\s+of\s+op)?|(?:uiterlijk\s+)?(?:in\s+)?de\s+week\s+van|per|op|tegen|met\s+ingang\s+van|m\.i\.v\.?)\s*(?:\(\p{{L}}+\)\s*)?$"
    ))
});

static MONTH_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?P<pre>(?:uiterlijk\s+)?(?:(?P<p>{VOOR}|in|eind|einde|begin|medio|half|midden|uiterlijk|per|tegen|rond|omstreeks|(?:aan\s+|tegen\s+)?het\s+eind(?:e)?\s+van|(?:aan\s+)?het\s+begin\s+van|in\s+de\s+loop\s+van|in\s+de\s+maand|de\s+maand)\s+))(?P<m>{})\b(?:\s+(?:van\s+)?(?P<y>{YEAR})\b|\s+(?P<as>aanstaande|a\.s\.)|\s+(?P<rel>{REL_YEAR})\b)?",
        dates::MONTH_FULL_ALTERNATION
    ))
});

/// A month named from the document: "deze maand", "nog deze maand", "volgende maand", "de
/// komende maand" (not "de komende maanden", a period).
static DEICTIC_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?:uiterlijk|nog|in|voor\s+het\s+eind(?:e)?\s+van)\s+)*(?P<d>deze|dit|volgende|komende|aankomende|de\s+komende|de\s+volgende|de\s+aankomende)\s+maand\b",
    )
});

static HAS_YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:19|20)\d{2}\b"));

static FORWARD_MARK: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:a\.\s?s\.|as\.|aanstaande|aanst\.)"));

/// A past-tense clause: an auxiliary of the past with a participle ("heeft ... toegezegd", "werd
/// ... besproken"), or "zoals ... besproken".
static PAST_AUX: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:heeft|hebben|had|hadden|was|waren|werd|werden|zoals)\b"));

static PARTICIPLE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:ge\p{L}{3,}(?:d|t|en)|besproken|aangenomen|afgesproken|toegezegd|aangekondigd|vastgesteld|besloten|ontvangen|verstuurd|verzonden|aangeboden|behandeld)\b",
    )
});

static QUARTER_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:uiterlijk\s+)?(?:(?P<p>{VOOR}|in|binnen|tijdens|uiterlijk|per|medio|begin|tegen|rond)\s+)?(?:(?P<edge>(?:aan\s+|tegen\s+)?het\s+(?:eind|einde)\s+van|eind|einde)\s+)?(?:(?:(?:het|de)\s+)?(?P<ord>eerste|tweede|derde|vierde|laatste|1e|2e|3e|4e|1ste|2de|3de|4de)\s+kwartaal(?:\s+(?:van\s+)?(?:(?:het\s+jaar\s+)?(?P<y>{YEAR})\b|(?P<rel>{REL_YEAR})\b))?|Q(?P<q>[1-4])(?:\s*(?:van\s+)?(?P<y2>{YEAR}|'\d{{2}})\b)?|(?P<y3>{YEAR})[-\s]?Q(?P<q3>[1-4])\b|(?P<this>dit|het\s+huidige|deze|het\s+lopende)\s+kwartaal|(?P<next>(?:het\s+)?(?:volgend|komend|volgende|komende|eerstvolgende|eerstkomende))\s+kwartaal)\b"
    ))
});

static HALF_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:uiterlijk\s+)?(?:(?P<p>{VOOR}|in|tijdens|uiterlijk|eind|einde)\s+)?(?:(?P<mid>medio|halverwege|half|midden)\s+(?:(?P<y>{YEAR})\b|(?P<rel>{REL_YEAR})\b)|(?:(?:de|het)\s+)?(?P<h>eerste|tweede|1e|2e|1ste|2de)\s+(?:helft|halfjaar|half\s+jaar|jaarhelft)(?:\s+(?:van\s+)?(?:(?:het\s+jaar\s+)?(?P<y2>{YEAR})\b|(?P<rel2>{REL_YEAR})\b))?|H(?P<h3>[12])\s*(?P<y3>{YEAR})\b)"
    ))
});

static YEAR_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?P<uit>uiterlijk\s+)?(?:(?P<p>{VOOR}|in|binnen|uiterlijk|nog|tegen|rond|omstreeks|in\s+de\s+loop\s+van|later)\s+)?(?:(?P<edge>(?:aan\s+|tegen\s+)?(?:het\s+)?(?:eind|einde)|(?:aan\s+)?(?:het\s+)?begin|de\s+start|start|aanvang)\s+(?:van\s+)?)?(?:(?:het\s+jaar\s+)?(?P<y>{YEAR})\b|(?P<rel>{REL_YEAR})\b|(?P<wissel>de\s+jaarwisseling)\b)"
    ))
});

/// A year named from the document with a deictic determiner, which needs no preposition to be a
/// time adverbial: "dit jaar", "nog dit kalenderjaar", "komend jaar", "volgend jaar".
static DEICTIC_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:dit|komend|volgend|aankomend|het\s+komende?|het\s+volgende?|het\s+aankomende?)\s+(?:kalender)?jaar$",
    )
});

static SEASON_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:uiterlijk\s+)?(?:(?:direct|meteen|vlak|kort|ruim|ruimschoots|nog|ergens|tijdig)\s+)?(?:(?P<p>{VOOR}|tegen|na\s+afloop\s+van|na|in|tijdens|rond|eind|einde|begin|aan\s+het\s+eind(?:e)?\s+van|aan\s+het\s+begin\s+van|voorafgaand\s+aan|medio|halverwege|uiterlijk)\s+)?(?:(?P<art>de|het)\s+)?(?:(?P<deic>{DEICTIC})\s+)?(?P<s>{SEASONS})\b(?:\s+(?:van\s+)?(?:(?P<y>{YEAR})\b|(?P<rel>{REL_YEAR})\b))?"
    ))
});

static RELATIVE_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:(?P<frame>uiterlijk)\s+)?(?:(?P<within>binnen|in\s+de\s+komende|over)\s+)?(?:(?:een|de)\s+(?:termijn|periode)\s+van\s+)?(?:(?P<half>een\s+half|een\s+halve|één\s+half|anderhalf|anderhalve)\s+(?P<hu>jaar|maand)|(?P<n>{NUM})(?:\s+(?:à|a|tot|of)\s+(?P<n2>{NUM}))?\s+(?P<u>werkdagen|werkdag|dagen|dag|weken|week|maanden|maand|kwartalen|kwartaal|jaren|jaar)|(?P<hj>een\s+halfjaar|het\s+jaar))\b"
    ))
});

/// After a relative period: "... na aanname van deze motie" (anchored at the document) or
/// "... na <event>" (due unknown).
static RELATIVE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s+(?:na|nadat|volgend\s+op)\b(?P<motion>\s+(?:de\s+|het\s+)?(?:aanname|aanneming|aannemen|vaststelling|vaststellen|het\s+aannemen|het\s+vaststellen|datum|dagtekening)\s+(?:van\s+)?(?:deze|dit|de|het)?\s*(?:motie|besluit|raadsbesluit|brief|dictum)\b)?(?:\s+[\p{L}-]+){0,3}",
    )
});

/// "de volgende / eerstvolgende ..." makes any noun an event.
const NEXT: &str =
    r"eerstvolgende|eerst\s+volgende|volgende|eerstkomende|komende|aanstaande|aankomende";

/// Event heads that are documents: of the planning & control cycle, plans, programmes, bills and
/// memos (their years are part of the name: "Kadernota 2009", "begroting voor 2026",
/// "Belastingplan 2026", "uitvoeringsprogramma 2026").
const DOC_HEADS: &str = r"[\p{L}-]*(?:begroting|nota|jaarrekening|jaarverslag|jaarstukken|belastingplan|rapportage|monitor|burap|marap|verantwoording|programma|memo|kaderbrief|voorjaarsbrief|voortgangsbrief|wetsvoorstel|[\p{L}-]*plan\s+(?:19|20)\d{2})";
/// Event heads that are meetings or moments (a following "van 14 mei" / "van 2025" dates them).
const MEETING_HEADS: &str = r"[\p{L}-]*(?:debat|overleg|vergadering|behandeling|bespreking|beschouwingen|verkiezingen|besluitvorming|vaststelling|aanbieding|presentatie|publicatie|discussie|evaluatie|afronding|zitting|raadsperiode|collegeperiode|kabinetsperiode|begrotingsraad|raadsavond|cyclus|schooljaar|stemming|stemmingen|indiening|inwerkingtreding|europese\s+raad|[\p{L}]+-raad|eurogroep|[\p{L}]*-?top)";

/// A modifier between an event's article and its head ("de algemene politieke beschouwingen", "het
/// OCW-debat"): a name or a word of five letters or more. A noun phrase has one determiner, so the
/// short words (de, het, een, dit, deze, van, voor, ...) are not modifiers: "voor de zomer het
/// programma" holds two phrases.
const MODIFIER: &str = r"(?:(?-i:\p{Lu})[\p{L}-]*|[\p{L}-]{5,})";

static EVENT_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?P<pre>{QUAL}(?P<p>{VOOR}|bij|tijdens|na|voorafgaand\s+aan|voorafgaande\s+aan|voorafgaand\s+op|ten\s+tijde\s+van|in\s+(?:de\s+)?aanloop\s+naar|in\s+het\s+kader\s+van|als\s+(?:onderdeel|deel)\s+van|op|in|met|uiterlijk)\s+)(?:(?P<prinsjes>prinsjesdag|verantwoordingsdag)|(?P<art>de|het)\s+(?:(?:eind|einde|begin|start|aanvang)\s+van\s+(?:de|het|deze|dit)\s+)?(?:(?P<nxt>{NEXT})\s+)?(?:(?:{MODIFIER}\s+){{0,2}}?(?P<doc>{DOC_HEADS})|(?:{MODIFIER}\s+){{0,2}}?(?P<meet>{MEETING_HEADS}))|(?:de|het)\s+(?P<nxt2>{NEXT})\s+(?P<other>[\p{{L}}-]{{3,}}))\b"
    ))
});

/// Nouns after which "voor <event>" means "for", not "before".
static FOR_NOUN_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:inzet|agenda|positie|standpunt|standpunten|instructie|middelen|budget|geld|ruimte|voorbereiding|voorbereidingen|inbreng|kaders|uitgangspunten|bijdrage|prioriteiten|onderwerpen|wensen|input|steun|draagvlak|aandacht|dekking|alternatief|alternatieven|uitgangspunt|basis|grondslag|advies|voorwaarden|eisen|criteria|kader|amendement|amendementen|suggesties|voorstellen)\s+$",
    )
});

/// Nouns after which "voor <document>" means "for": "de plannen voor de begroting".
static PLAN_NOUN_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:plan|plannen|ideeën|ideeen|keuzes|opties|scenario's|scenario|wensen|bezuinigingen|ombuigingen)\s+$",
    )
});

static DOC_WORD_END: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?i)\b{DOC_HEADS}$")));

static EVENT_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:uiterlijk\s+|tijdig\s+|ruim\s+)?(?:voordat|vóórdat|zodra)\b[^,;:.]{1,100}")
});

/// "na afronding van het onderzoek", "bij de start van het schooljaar": an event of its own.
static EVENT_MOMENT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:uiterlijk\s+|direct\s+|meteen\s+|kort\s+)?(?:na|bij|tijdens)\s+(?:de\s+|het\s+)?(?:afloop|afronding|oplevering|afronden|voltooiing|beëindiging|start|aanvang|inwerkingtreding|ondertekening|publicatie|verschijning|verschijnen|ontvangst|gereedkomen|evaluatie|herziening|wijziging|actualisatie|actualisering|vernieuwing)\s+van\s+(?:de|het|dit|deze)\s+[\p{L}-]+",
    )
});

/// "na afloop" with its object left out ("voor twee jaar in te voeren en na afloop te
/// evalueren"): after the measure's term, an event without a date.
static AFTER_END: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:direct\s+|meteen\s+|kort\s+)?na\s+afloop\b"));

/// A term of office named from the document, without a preposition: "nog deze raadsperiode",
/// "deze kabinetsperiode", "de huidige collegeperiode". By its end, a date not given.
static DEICTIC_TERM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:nog\s+)?(?:deze|de\s+huidige)\s+(?:raads|college|kabinets|bestuurs|staten|zitting)s?periode\b",
    )
});

/// Verbs of delivery: with one of them in the clause, "met de <document>" names the moment ("met
/// de kadernota een plan mee te sturen"); without, "met" is the verb's object ("in te stemmen met
/// de jaarrekening").
static DELIVERY_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:te\s+)?(?:komen|komt|sturen|stuurt|mee\s+te\s+sturen|meesturen|mee\s+te\s+zenden|meezenden|zenden|aan\s+te\s+bieden|aanbieden|biedt|voor\s+te\s+leggen|voorleggen|legt|te\s+presenteren|presenteren|presenteert|te\s+informeren|informeren|informeert|te\s+rapporteren|rapporteren|rapporteert|te\s+doen|doet|te\s+leveren|leveren|levert|te\s+verstrekken)\b",
    )
});

/// A frequency adjective before a document ("in de jaarlijkse monitor", "bij de
/// halfjaarlijkse rapportage"): the document is a recurring vehicle.
static FREQ_ADJ: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?:half|twee|drie|vier)?jaarlijkse|(?:twee|drie|zes)?maandelijkse|wekelijkse|periodieke|terugkerende)\b",
    )
});

/// Verbs that make "in de <document>" an event: "op te nemen in de Kadernota".
static INCLUDE_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:op\s+te\s+nemen|mee\s+te\s+nemen|opnemen|meenemen|te\s+verwerken|verwerken|op\s+te\s+voeren|te\s+presenteren|te\s+rapporteren|te\s+verantwoorden)\b",
    )
});

/// Pieces of an event's name after its head: "van de begroting", "over de OCW-begroting", "Jeugd".
static EVENT_NAME_PIECE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:\s+(?:van|over|in|voor|uit|der)\s+(?:de|het|het\s+ministerie\s+van)\s+(?:[\p{Ll}-]+\s+)?[\p{L}-]+|\s+(?:van|over|voor|en|en/of|&)\s+\p{Lu}[\p{L}-]*|\s+\p{Lu}[\p{L}-]*|\s*\([^()]{1,40}\))",
    )
});

/// A document year in an event's name: "2009", "voor 2026", "voor het jaar 2026", "van 2025".
static EVENT_DOC_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^\s+(?:(?:voor|van)\s+(?:het\s+(?:begrotings)?jaar\s+)?)?(?:{YEAR}(?:\s*[-–/]\s*{YEAR})?)\b"
    ))
});

/// A phrase dating the event: "in juni 2009", "van 14 mei", "in het najaar van 2025", "van 2025".
static EVENT_DATING: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^\s*,?\s+(?P<p>in|van|op|d\.d\.)\s+(?:(?P<day>\d{{1,2}}\s+(?:{m})\b\.?(?:\s+{YEAR}\b)?)|(?P<month>{mf})\b(?:\s+(?P<my>{YEAR})\b)?|(?:(?:het|de)\s+)?(?P<season>{SEASONS})\b(?:\s+(?:van\s+)?(?P<sy>{YEAR})\b)?|(?P<year>{YEAR})\b)",
        m = dates::MONTH_ALTERNATION,
        mf = dates::MONTH_FULL_ALTERNATION
    ))
});

/// Vocabulary of policy targets; a bare year next to it is a target, not a deadline.
static TARGET_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:doel|doelen|doelstelling|doelstellingen|[\p{L}-]*doelstelling(?:en)?|ambitie|ambities|streven|streeft|streefcijfer|target|gehalveerd|halveren|halvering|verdubbeld|verdubbelen|reductie|procent|klimaatneutraal|energieneutraal|CO2-neutraal|uitstoot|emissie|emissies|te\s+halen|gehaald|bereikt)\b|%",
    )
});

/// Budget vocabulary: "voor 2026 extra middelen", "de tarieven voor 2026" name a budget year.
/// Nouns may be the head of a compound ("jeugdzorgtarieven", "subsidieplafonds").
static BUDGET_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:[\p{L}-]*(?:middelen|budget|budgetten|gelden|bedrag|bedragen|subsidie|subsidies|tarief|tarieven|begroting|dekking|kosten|uitgaven|inkomsten|opbrengst|opbrengsten|heffing|heffingen|belasting|belastingen|raming|ramingen|reservering|investering|investeringen|plafond|plafonds)|geld|euro|prognose|cijfers|formatie)\b|€",
    )
});

/// An amount or a cost noun: next to "in 2026" or "dit jaar" it makes the year the year of the
/// money ("€ 2 miljoen in 2026", "de kosten in 2026"), not a deadline.
static COST_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)€|\b(?:euro|miljoen|miljard|[\p{L}-]*(?:kosten|uitgaven|bedrag|bedragen|budget|budgetten|middelen|subsidie|subsidies|tarief|tarieven|heffing|heffingen|investering|investeringen))\b|\d[\d.]*,\d|\d{1,3}\.\d{3}\b",
    )
});

/// An amount right after a frequency ("jaarlijks € 10.000 beschikbaar te stellen"): a rate.
static AMOUNT_START: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*(?:€|\d[\d.,]*\s*(?:euro|miljoen|miljard|duizend)\b)"));

/// An amount right before a frequency ("€ 50.000 per jaar"): a rate, not a recurring duty.
static AMOUNT_END: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:€\s*[\d.,]+(?:\s+(?:miljoen|miljard|duizend))?|\d[\d.,]*\s*(?:euro|miljoen|miljard|duizend|procent|%|uur|kilometer|km))\s*$",
    )
});

/// Words that, right before a date phrase, make it a term, history or scope, not a deadline.
const BLOCKERS: &[&str] = &[
    "tot",
    "t/m",
    "sinds",
    "sedert",
    "vanaf",
    "van",
    "over",
    "gedurende",
    "tussen",
    "uit",
    "d.d.",
    "dd",
    "na",
    "periode",
    "jl",
    "jl.",
    "eerder",
    "afgelopen",
    "vorig",
    "zoals",
    "als",
    "dan",
    "die",
    "welke",
    "waarin",
    "waarbij",
    "waarop",
    "waarmee",
    "waarna",
];

static PURPOSE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:zodat|opdat|waarna|teneinde|zodoende)\b"));

static SUBORDINATOR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:hoe|waarom|of|tot|wanneer|omdat|waardoor|terwijl|nu|indien|als|hoeveel|welke|wat)\b",
    )
});

static INFINITIVE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bte\s+\p{L}{2,}|\b(?:aan\s+te|op\s+te|in\s+te|uit\s+te)\b"));

static SCOPE_LIST: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^\s*(?:,\s*{YEAR}\s*)*(?:en|t/m|tot\s+en\s+met|tot|-|–|/)\s*{YEAR}\b"
    ))
});

// ---------------------------------------------------------------------------------------------
// Date helpers.

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m >= 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1).and_then(|d| d.pred_opt())
}

fn quarter_end(y: i32, q: u32) -> Option<NaiveDate> {
    month_end(y, q * 3)
}

/// The first date `f(year)` strictly after `doc`, trying the document's year and the next few.
fn first_after(doc: NaiveDate, f: impl Fn(i32) -> Option<NaiveDate>) -> Option<NaiveDate> {
    (doc.year() - 1..=doc.year() + 3)
        .filter_map(f)
        .find(|d| *d > doc)
}

/// Prinsjesdag: the third Tuesday of September.
pub fn prinsjesdag(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, 9, Weekday::Tue, 3)
}

/// Verantwoordingsdag: the third Wednesday of May.
pub fn verantwoordingsdag(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, 5, Weekday::Wed, 3)
}

fn add_working_days(mut d: NaiveDate, n: u64) -> Option<NaiveDate> {
    let mut left = n;
    while left > 0 {
        d = d.succ_opt()?;
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    Some(d)
}

fn parse_num(word: &str) -> Option<u32> {
    let w = word.trim().to_lowercase();
    let n = match w.as_str() {
        "een" | "één" | "eén" => 1,
        "twee" => 2,
        "drie" => 3,
        "vier" => 4,
        "vijf" => 5,
        "zes" => 6,
        "zeven" => 7,
        "acht" => 8,
        "negen" => 9,
        "tien" => 10,
        "elf" => 11,
        "twaalf" => 12,
        "dertien" => 13,
        "veertien" => 14,
        "vijftien" => 15,
        "zestien" => 16,
        "achttien" => 18,
        "twintig" => 20,
        "dertig" => 30,
        "veertig" => 40,
        "vijftig" => 50,
        "zestig" => 60,
        "negentig" => 90,
        _ => return w.parse().ok(),
    };
    Some(n)
}

/// "dit jaar" → the document's year, "volgend jaar" → the next one.
fn rel_year(doc: NaiveDate, phrase: &str) -> i32 {
    let p = phrase.to_lowercase();
    if p.contains("volgend") || p.contains("komend") || p.contains("nieuwe") {
        doc.year() + 1
    } else {
        doc.year()
    }
}

fn is_voor(word: &str) -> bool {
    let w: String = word
        .to_lowercase()
        .chars()
        .filter(|c| *c != '\u{301}')
        .map(|c| if c == 'ó' { 'o' } else { c })
        .collect();
    w == "voor"
}

// ---------------------------------------------------------------------------------------------
// Candidates.

#[derive(Debug, Clone)]
struct Cand {
    kind: DeadlineKind,
    due: Option<NaiveDate>,
    start: usize,
    end: usize,
    /// Subject to the blocker / past / target filters (explicit calendar phrases).
    calendar: bool,
    /// A bare year phrase ("in 2025", "voor 2026"): also subject to the policy-target filters.
    bare_year: bool,
    /// Introduced by "bij" (an event that may only be the vehicle of a recurring report).
    via_bij: bool,
    /// "voor 2026" (as a deadline: the end of 2025).
    before_year: bool,
    /// A day after "per" / "op" / "met ingang van".
    soft: bool,
    /// A date without a year in a frame that may describe the past ("op 12 maart", "in maart"):
    /// its year was filled in forward from the document, which a past-tense clause contradicts.
    yearless: bool,
    /// Named from the document ("dit jaar", "in het nieuwe jaar", "dit najaar", "volgende
    /// maand"): subject to the subordinate-clause filter, like a bare year.
    deictic: bool,
}

impl Cand {
    fn new(kind: DeadlineKind, due: Option<NaiveDate>, start: usize, end: usize) -> Self {
        Cand {
            kind,
            due,
            start,
            end,
            calendar: false,
            bare_year: false,
            via_bij: false,
            before_year: false,
            soft: false,
            yearless: false,
            deictic: false,
        }
    }

    fn calendar(mut self) -> Self {
        self.calendar = true;
        self
    }
}

fn group<'t>(c: &Captures<'t>, name: &str) -> Option<&'t str> {
    c.name(name).map(|m| m.as_str())
}

fn day_candidates(s: &str, doc: NaiveDate, out: &mut Vec<Cand>) {
    for m in dates::find_dates(s, Some(doc)) {
        let before = &s[..m.start];
        let Some(t) = DAY_TRIGGER.captures(before).and_then(|c| c.name("t")) else {
            continue;
        };
        let trig = t.as_str().to_lowercase();
        let start = t.start() + (t.as_str().len() - t.as_str().trim_start().len());
        // "per" / "op" / "met ingang van" date a request only inside an infinitive dictum
        // ("per 1 januari een verzekering af te sluiten", "ervoor te zorgen dat per 1 januari
        // ..."), not in "de wet treedt per 1 januari in werking".
        let soft = matches!(trig.as_str(), "per" | "op" | "tegen")
            || trig.starts_with("met ingang")
            || trig.starts_with("m.i.v");
        if soft
            && !INFINITIVE.is_match(clause_after(s, m.end))
            && !INFINITIVE.is_match(clause_before(s, start))
        {
            continue;
        }
        let mut cand = Cand::new(DeadlineKind::Day, Some(m.date), start, m.end).calendar();
        cand.soft = soft;
        cand.yearless = soft && !HAS_YEAR.is_match(&m.text) && !FORWARD_MARK.is_match(&m.text);
        out.push(cand);
    }
}

fn month_candidates(s: &str, doc: NaiveDate, out: &mut Vec<Cand>) {
    for c in MONTH_PHRASE.captures_iter(s) {
        let Some(whole) = c.get(0) else { continue };
        // "1 januari" is a day, not a month.
        if preceded_by_digit(s, whole.start()) {
            continue;
        }
        let Some(month) = group(&c, "m").and_then(dates::month_from_dutch) else {
            continue;
        };
        let before = group(&c, "p").is_some_and(is_voor);
        let due_for = |y: i32| {
            if before {
                if month == 1 {
                    month_end(y - 1, 12)
                } else {
                    month_end(y, month - 1)
                }
            } else {
                month_end(y, month)
            }
        };
        let due = if let Some(y) = group(&c, "y").and_then(|y| y.parse().ok()) {
            due_for(y)
        } else if let Some(r) = group(&c, "rel") {
            due_for(rel_year(doc, r))
        } else {
            first_after(doc, due_for)
        };
        let mut cand = Cand::new(DeadlineKind::Month, due, whole.start(), whole.end()).calendar();
        let firm = before
            || group(&c, "pre").is_some_and(|p| {
                let p = p.trim_start().to_lowercase();
                p.starts_with("uiterlijk") || p.starts_with("tegen") || p.starts_with("per")
            });
        cand.yearless =
            !firm && c.name("y").is_none() && c.name("rel").is_none() && c.name("as").is_none();
        out.push(cand);
    }
}

fn deictic_month_candidates(s: &str, doc: NaiveDate, out: &mut Vec<Cand>) {
    for c in DEICTIC_MONTH.captures_iter(s) {
        let Some(whole) = c.get(0) else { continue };
        let this = group(&c, "d")
            .is_some_and(|d| d.eq_ignore_ascii_case("deze") || d.eq_ignore_ascii_case("dit"));
        let first = ymd(doc.year(), doc.month(), 1);
        let due = if this {
            month_end(doc.year(), doc.month())
        } else {
            first
                .and_then(|f| f.checked_add_months(Months::new(1)))
                .and_then(|n| month_end(n.year(), n.month()))
        };
        let mut cand = Cand::new(DeadlineKind::Month, due, whole.start(), whole.end()).calendar();
        cand.deictic = true;
        out.push(cand);
    }
}

fn preceded_by_digit(s: &str, pos: usize) -> bool {
    s[..pos]
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit())
}

fn quarter_candidates(s: &str, doc: NaiveDate, out: &mut Vec<Cand>) {
    for c in QUARTER_PHRASE.captures_iter(s) {
        let Some(whole) = c.get(0) else { continue };
        let before = group(&c, "p").is_some_and(is_voor) && c.name("edge").is_none();
        let due_for = |y: i32, q: u32| {
            if before {
                if q == 1 {
                    quarter_end(y - 1, 4)
                } else {
                    quarter_end(y, q - 1)
                }
            } else {
                quarter_end(y, q)
            }
        };
        let current_q = doc.month0() / 3 + 1;
        let due = if let Some(ord) = group(&c, "ord") {
            let q = match ord.to_lowercase().chars().next() {
                Some('e') | Some('1') => 1,
                Some('t') | Some('2') => 2,
                Some('d') | Some('3') => 3,
                _ => 4,
            };
            if let Some(y) = group(&c, "y").and_then(|y| y.parse().ok()) {
                due_for(y, q)
            } else if let Some(r) = group(&c, "rel") {
                due_for(rel_year(doc, r), q)
            } else {
                first_after(doc, |y| due_for(y, q))
            }
        } else if let Some(q) = group(&c, "q").and_then(|q| q.parse::<u32>().ok()) {
            match group(&c, "y2") {
                Some(y) => {
                    let y: i32 = y.trim_start_matches('\'').parse().unwrap_or(0);
                    let y = if y < 100 { 2000 + y } else { y };
                    due_for(y, q)
                }
                None => first_after(doc, |y| due_for(y, q)),
            }
        } else if let (Some(y), Some(q)) = (
            group(&c, "y3").and_then(|y| y.parse().ok()),
            group(&c, "q3").and_then(|q| q.parse::<u32>().ok()),
        ) {
            due_for(y, q)
        } else if c.name("this").is_some() {
            quarter_end(doc.year(), current_q)
        } else if c.name("next").is_some() {
            if current_q == 4 {
                quarter_end(doc.year() + 1, 1)
            } else {
                quarter_end(doc.year(), current_q + 1)
            }
        } else {
            None
        };
        out.push(Cand::new(DeadlineKind::Quarter, due, whole.start(), whole.end()).calendar());
    }
}

fn half_candidates(s: &str, doc: NaiveDate, out: &mut Vec<Cand>) {
    for c in HALF_PHRASE.captures_iter(s) {
        let Some(whole) = c.get(0) else { continue };
        let before = group(&c, "p").is_some_and(is_voor);
        let (half, year) = if c.name("mid").is_some() {
            let y = group(&c, "y")
                .and_then(|y| y.parse().ok())
                .or_else(|| group(&c, "rel").map(|r| rel_year(doc, r)));
            (1, y)
        } else if let Some(h) = group(&c, "h") {
            let h = if h.starts_with(['t', 'T', '2']) { 2 } else { 1 };
            let y = group(&c, "y2")
                .and_then(|y| y.parse().ok())
                .or_else(|| group(&c, "rel2").map(|r| rel_year(doc, r)));
            // "vóór de tweede helft" = by the end of the first half.
            (
                if before && c.name("mid").is_none() {
                    h - 1
                } else {
                    h
                },
                y,
            )
        } else {
            let h = group(&c, "h3")
                .and_then(|h| h.parse::<u32>().ok())
                .unwrap_or(1);
            (h, group(&c, "y3").and_then(|y| y.parse().ok()))
        };
        let due_for = |y: i32| match half {
            0 => ymd(y - 1, 12, 31),
            1 => ymd(y, 6, 30),
            _ => ymd(y, 12, 31),
        };
        let due = match year {
            Some(y) => due_for(y),
            None => first_after(doc, due_for),
        };
        out.push(Cand::new(DeadlineKind::Half, due, whole.start(), whole.end()).calendar());
    }
}

fn year_candidates(s: &str, doc: NaiveDate, out: &mut Vec<Cand>) {
    for c in YEAR_PHRASE.captures_iter(s) {
        let Some(whole) = c.get(0) else { continue };
        let p = group(&c, "p").map(|p| p.to_lowercase());
        let edge = group(&c, "edge").map(|e| e.to_lowercase());
        let has_uit = c.name("uit").is_some() || p.as_deref() == Some("uiterlijk");
        let deictic = group(&c, "rel").is_some_and(|r| DEICTIC_YEAR.is_match(r));
        if p.is_none() && edge.is_none() && !has_uit && !deictic {
            continue; // a bare "2025" is no deadline
        }
        if p.as_deref() == Some("later") && group(&c, "rel").is_none() {
            continue;
        }
        // "binnen het jaar" is a period (see the relative phrases); "binnen dit jaar" is a year.
        let plain_year = group(&c, "rel").is_some_and(|r| {
            let r = r.to_lowercase();
            r.split_whitespace().collect::<Vec<_>>() == ["het", "jaar"]
        });
        if p.as_deref() == Some("binnen") && (plain_year || c.name("wissel").is_some()) {
            continue;
        }
        let year = if let Some(y) = group(&c, "y").and_then(|y| y.parse::<i32>().ok()) {
            y
        } else if let Some(r) = group(&c, "rel") {
            // "voor het einde van het jaar" = this year.
            rel_year(doc, r)
        } else {
            doc.year()
        };
        let before = p.as_deref().is_some_and(is_voor);
        let due = match edge.as_deref() {
            Some(e) if e.contains("eind") => ymd(year, 12, 31),
            Some(_) if before => ymd(year - 1, 12, 31),
            Some(_) => ymd(year, 3, 31),
            None if c.name("wissel").is_some() => ymd(year, 12, 31),
            None if before && c.name("y").is_some() => ymd(year - 1, 12, 31),
            None => ymd(year, 12, 31),
        };
        let mut cand = Cand::new(DeadlineKind::Year, due, whole.start(), whole.end()).calendar();
        cand.bare_year = edge.is_none() && c.name("y").is_some();
        cand.before_year = cand.bare_year && before;
        // "dit jaar" without a preposition is read like a bare year: it may be a cost year
        // ("€ 2 miljoen dit jaar") or sit in a description ("de kosten die dit jaar stijgen").
        cand.bare_year |= deictic && p.is_none() && edge.is_none();
        // "voor dit jaar" after a budget word: "de subsidie voor dit jaar".
        cand.before_year |= deictic && before && edge.is_none();
        cand.deictic = c.name("rel").is_some();
        out.push(cand);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Rel {
    Before,
    In,
    After,
    Begin,
    End,
}

/// Month, day and year offset (0 = the season's year, 1 = the year after) of a season date.
type SeasonDate = (u32, u32, i32);

/// The dates of one season or recess, per way of naming it ("voor", "begin", "in", "eind", "na").
struct SeasonDates {
    /// The season words this row is for, as prefixes ("zomer" also covers "zomerreces").
    prefixes: &'static [&'static str],
    /// Whole words this row is for ("voorjaar" but not "voorjaarsreces").
    words: &'static [&'static str],
    before: SeasonDate,
    begin: SeasonDate,
    during: SeasonDate,
    end: SeasonDate,
    after: SeasonDate,
}

/// Locale data: the Dutch seasons and recesses and the dates a clerk records for them (the season
/// rules of `shared/eval/README.md`: "voor de zomer" 07-01, voorjaar 05-31, "na de zomer" 09-30,
/// najaar 11-30, kerstreces 12-20, meireces 04-30, herfstreces 10-15, voorjaarsreces 02-15; the
/// other cells are the nearest reading of the same recess calendar). Rows are tried in order; the
/// last row (winter) is also the fallback.
static SEASON_TABLE: &[SeasonDates] = &[
    SeasonDates {
        prefixes: &["zomer"],
        words: &[],
        before: (7, 1, 0),
        begin: (7, 1, 0),
        during: (7, 31, 0),
        end: (8, 31, 0),
        after: (9, 30, 0),
    },
    SeasonDates {
        prefixes: &["voorjaars", "krokus"],
        words: &[],
        before: (2, 15, 0),
        begin: (2, 15, 0),
        during: (2, 20, 0),
        end: (2, 20, 0),
        after: (3, 15, 0),
    },
    SeasonDates {
        prefixes: &[],
        words: &["voorjaar", "lente"],
        before: (3, 1, 0),
        begin: (3, 31, 0),
        during: (5, 31, 0),
        end: (5, 31, 0),
        after: (6, 30, 0),
    },
    SeasonDates {
        prefixes: &["herfstre", "herfstva"],
        words: &[],
        before: (10, 15, 0),
        begin: (10, 15, 0),
        during: (10, 20, 0),
        end: (10, 20, 0),
        after: (11, 15, 0),
    },
    SeasonDates {
        prefixes: &[],
        words: &["najaar", "herfst"],
        before: (9, 1, 0),
        begin: (9, 30, 0),
        during: (11, 30, 0),
        end: (11, 30, 0),
        after: (12, 31, 0),
    },
    SeasonDates {
        prefixes: &["kerst", "winterreces"],
        words: &[],
        before: (12, 20, 0),
        begin: (12, 20, 0),
        during: (12, 31, 0),
        end: (12, 31, 0),
        after: (1, 31, 1),
    },
    SeasonDates {
        prefixes: &["mei"],
        words: &[],
        before: (4, 30, 0),
        begin: (4, 30, 0),
        during: (5, 5, 0),
        end: (5, 5, 0),
        after: (5, 31, 0),
    },
    SeasonDates {
        prefixes: &[],
        words: &["winter"],
        before: (12, 1, 0),
        begin: (12, 31, 0),
        during: (2, 28, 1),
        end: (2, 28, 1),
        after: (3, 31, 1),
    },
];

/// A council's own recess: its name ("zomerreces", "kerstreces") and its first and last day
/// (`MM-DD`). Locale data: where a council sets its recesses, "voor het zomerreces" is the day
/// its summer recess starts, "na het zomerreces" a month after it ends.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Recess {
    pub name: String,
    pub start: String,
    pub end: String,
}

impl Recess {
    /// (month, day) of a `MM-DD` (or `DD-MM` never: the form is fixed).
    fn month_day(s: &str) -> Option<(u32, u32)> {
        let (m, d) = s.trim().split_once('-')?;
        let (m, d) = (m.parse().ok()?, d.parse().ok()?);
        NaiveDate::from_ymd_opt(2024, m, d).map(|_| (m, d))
    }

    /// Checks the dates; the error says which recess and what is wrong.
    pub fn validate(&self) -> Result<(), String> {
        if self.name.trim().is_empty() {
            return Err("a recess needs a name".into());
        }
        for (what, v) in [("start", &self.start), ("end", &self.end)] {
            if Self::month_day(v).is_none() {
                return Err(format!(
                    "{}: {what} {v:?} is not a day of the year (MM-DD, e.g. 07-04)",
                    self.name
                ));
            }
        }
        if season_row(&self.name.to_lowercase()).is_none() {
            return Err(format!(
                "{}: not a recess Raadsvolger knows (zomerreces, kerstreces, voorjaarsreces, \
                 herfstreces, meireces)",
                self.name
            ));
        }
        Ok(())
    }
}

std::thread_local! {
    /// The recesses of the archive whose text is being read on this thread.
    static RECESSES: std::cell::RefCell<Vec<Recess>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `f` with a council's recesses in place of the default dates of the recesses they name
/// (on this thread only).
pub fn with_recesses<T>(recesses: &[Recess], f: impl FnOnce() -> T) -> T {
    let before = RECESSES.with(|r| std::mem::replace(&mut *r.borrow_mut(), recesses.to_vec()));
    let out = f();
    RECESSES.with(|r| *r.borrow_mut() = before);
    out
}

/// The row of the default table for a season word.
fn season_row(s: &str) -> Option<&'static SeasonDates> {
    SEASON_TABLE
        .iter()
        .find(|r| r.words.contains(&s) || r.prefixes.iter().any(|p| s.starts_with(p)))
}

/// A council's own recess for this row, as season dates.
fn recess_override(row: &'static SeasonDates) -> Option<SeasonDates> {
    RECESSES.with(|list| {
        let list = list.borrow();
        let r = list.iter().find(|r| {
            let name = r.name.to_lowercase();
            season_row(&name).is_some_and(|own| std::ptr::eq(own, row))
        })?;
        let (sm, sd) = Recess::month_day(&r.start)?;
        let (em, ed) = Recess::month_day(&r.end)?;
        // A recess over new year ends in the next year.
        let ey = i32::from((em, ed) < (sm, sd));
        let after = NaiveDate::from_ymd_opt(2001 + ey, em, ed)? + Days::new(30);
        let ay = after.year() - 2001;
        Some(SeasonDates {
            prefixes: row.prefixes,
            words: row.words,
            before: (sm, sd, 0),
            begin: (sm, sd, 0),
            during: (em, ed, ey),
            end: (em, ed, ey),
            after: (after.month(), after.day(), ay),
        })
    })
}

/// The due date of a season phrase in the season's year `y` (see [`SEASON_TABLE`], and
/// [`with_recesses`] for a council's own recess dates).
fn season_due(season: &str, rel: Rel, y: i32) -> Option<NaiveDate> {
    let s = season.to_lowercase();
    let default = season_row(&s).or(SEASON_TABLE.last())?;
    let own = recess_override(default);
    let row = own.as_ref().unwrap_or(default);
    let (m, d, yo) = match rel {
        Rel::Before => row.before,
        Rel::Begin => row.begin,
        Rel::In => row.during,
        Rel::End => row.end,
        Rel::After => row.after,
    };
    ymd(y + yo, m, d)
}

fn season_rel(p: Option<&str>) -> Rel {
    let Some(p) = p else { return Rel::In };
    let p = p.to_lowercase();
    if is_voor(&p) || p.starts_with("voorafgaand") || p == "tegen" {
        Rel::Before
    } else if p.starts_with("na") {
        Rel::After
    } else if p.starts_with("begin") || p.contains("begin van") || p == "rond" {
        Rel::Begin
    } else if p.starts_with("eind") || p.contains("eind") {
        Rel::End
    } else {
        Rel::In
    }
}

fn season_candidates(s: &str, doc: NaiveDate, out: &mut Vec<Cand>) {
    for c in SEASON_PHRASE.captures_iter(s) {
        let Some(whole) = c.get(0) else { continue };
        let Some(season) = group(&c, "s") else {
            continue;
        };
        let has_p = c.name("p").is_some() || whole.as_str().to_lowercase().starts_with("uiterlijk");
        let deic = group(&c, "deic").map(str::to_lowercase);
        if !has_p && c.name("art").is_none() && c.name("y").is_none() && deic.is_none() {
            continue;
        }
        let rel = season_rel(group(&c, "p"));
        let due = if let Some(y) = group(&c, "y").and_then(|y| y.parse().ok()) {
            season_due(season, rel, y)
        } else if let Some(r) = group(&c, "rel") {
            season_due(season, rel, rel_year(doc, r))
        } else if deic
            .as_deref()
            .is_some_and(|d| d.starts_with("dit") || d.starts_with("deze"))
        {
            // "dit najaar", "deze zomer": the season of the document's year.
            season_due(season, rel, doc.year())
        } else {
            first_after(doc, |y| season_due(season, rel, y))
        };
        let mut cand = Cand::new(DeadlineKind::Season, due, whole.start(), whole.end()).calendar();
        cand.deictic = deic.is_some() || c.name("rel").is_some();
        out.push(cand);
    }
}

fn relative_candidates(s: &str, doc: NaiveDate, out: &mut Vec<Cand>) {
    for c in RELATIVE_PHRASE.captures_iter(s) {
        let Some(whole) = c.get(0) else { continue };
        let months = |n: u32| doc.checked_add_months(Months::new(n));
        let days = |n: u64| doc.checked_add_days(Days::new(n));
        let due = if let Some(h) = group(&c, "half") {
            let h = h.to_lowercase();
            let unit_year = group(&c, "hu").is_some_and(|u| u.eq_ignore_ascii_case("jaar"));
            match (h.starts_with("anderhal"), unit_year) {
                (true, true) => months(18),
                (false, true) => months(6),
                (true, false) => days(45),
                (false, false) => days(15),
            }
        } else if let Some(hj) = group(&c, "hj") {
            if hj.to_lowercase().contains("half") {
                months(6)
            } else {
                months(12)
            }
        } else {
            let n = group(&c, "n2")
                .or_else(|| group(&c, "n"))
                .and_then(parse_num)
                .unwrap_or(0);
            let unit = group(&c, "u").map(|u| u.to_lowercase()).unwrap_or_default();
            if unit.starts_with("werkdag") {
                add_working_days(doc, u64::from(n))
            } else if unit.starts_with("dag") {
                days(u64::from(n))
            } else if unit.starts_with("week") || unit.starts_with("weken") {
                days(7 * u64::from(n))
            } else if unit.starts_with("maand") {
                months(n)
            } else if unit.starts_with("kwarta") {
                months(3 * n)
            } else {
                months(12 * n)
            }
        };
        if n_is_zero(&c) {
            continue;
        }
        // "binnen drie maanden na <event>": anchored at an event, unless it is this motion.
        let tail = &s[whole.end()..];
        let after = RELATIVE_AFTER.captures(tail);
        // A period needs its frame: "binnen drie maanden", or "uiterlijk drie maanden na ...".
        if c.name("within").is_none() && (c.name("frame").is_none() || after.is_none()) {
            continue;
        }
        if let Some(a) = after {
            let end = whole.end() + a.get(0).map_or(0, |m| m.end());
            if a.name("motion").is_some() {
                out.push(Cand::new(DeadlineKind::Relative, due, whole.start(), end));
            } else {
                out.push(Cand::new(DeadlineKind::Event, None, whole.start(), end));
            }
            continue;
        }
        out.push(Cand::new(
            DeadlineKind::Relative,
            due,
            whole.start(),
            whole.end(),
        ));
    }
}

fn n_is_zero(c: &Captures<'_>) -> bool {
    group(c, "n").and_then(parse_num) == Some(0)
}

fn event_candidates(s: &str, doc: NaiveDate, out: &mut Vec<Cand>) {
    for c in EVENT_PHRASE.captures_iter(s) {
        let Some(whole) = c.get(0) else { continue };
        let p = group(&c, "p").map(|p| p.to_lowercase()).unwrap_or_default();
        let has_art = c.name("art").is_some() || c.name("nxt2").is_some();
        let nxt = c.name("nxt").is_some() || c.name("nxt2").is_some();
        let prinsjes = c.name("prinsjes").is_some();
        let is_doc = c.name("doc").is_some();
        let is_meet = c.name("meet").is_some();
        let other = group(&c, "other").map(|o| o.to_lowercase());

        if let Some(o) = &other {
            // Any noun after "(eerst)volgende" is an event ("bij de volgende raadsbrief"), but
            // not a unit of time or a step.
            let time_like = [
                "week", "weken", "maand", "maanden", "jaar", "jaren", "kwartaal", "periode",
                "dagen", "dag", "keer", "stap", "stappen", "fase", "fasen", "fases", "punt",
                "punten", "zin", "zinnen", "motie", "moties", "partijen", "vraag", "vragen",
            ];
            if !nxt || !has_art || time_like.contains(&o.as_str()) {
                continue;
            }
        }
        if !prinsjes && !has_art {
            continue;
        }

        if (is_doc || is_meet) && !has_art {
            continue;
        }
        let allowed = match p.as_str() {
            "in" => {
                // "in de volgende voortgangsrapportage", "op te nemen in de Kadernota 2009";
                // not "in overleg met" or "ruimte in de begroting". ("in de raadsvergadering"
                // needs a date, checked below.)
                let window_start = floor_boundary(s, whole.start().saturating_sub(40));
                let window = &s[window_start..whole.start()];
                let after = clause_after(s, whole.end());
                // "de raad in de monitor te informeren": the verb after the phrase reports
                // through the document.
                let incl = INCLUDE_VERB.is_match(window)
                    || INCLUDE_VERB.is_match(after)
                    || TE_INFINITIVE
                        .find(after)
                        .is_some_and(|m| INFORM_VERB.is_match(m.as_str()));
                nxt || (is_doc && incl) || is_meet
            }
            "op" => prinsjes || nxt,
            "met" => prinsjes || nxt || (is_doc && met_names_moment(s, whole.start(), whole.end())),
            _ if p.starts_with("als") => is_doc,
            "uiterlijk" => prinsjes || nxt || is_doc,
            "na" => prinsjes || nxt || is_meet,
            _ => true,
        };
        // "de inzet voor de Europese Raad", "middelen voor de begroting": "voor" = for.
        // (An accented "vóór" always means "before".)
        let accented = p.contains('ó') || p.contains('\u{301}');
        if is_voor(&p) && !accented && FOR_NOUN_BEFORE.is_match(&s[..whole.start()]) {
            continue;
        }
        // "de plannen voor de begroting 2026": a plan is made for a document, but held before a
        // meeting ("een plan voor de behandeling").
        if is_voor(&p) && !accented && is_doc && PLAN_NOUN_BEFORE.is_match(&s[..whole.start()]) {
            continue;
        }
        // "voor het wetsvoorstel te stemmen": "voor" is the object of the verb after it.
        if is_voor(&p)
            && TE_INFINITIVE
                .find(clause_after(s, whole.end()))
                .is_some_and(|m| FOR_VERB.is_match(m.as_str()))
        {
            continue;
        }
        // "aan te sluiten bij het programma": "bij" is the object of the verb before it.
        if p == "bij" && BIJ_OBJECT_VERB.is_match(&s[..whole.start()]) {
            continue;
        }
        if !allowed {
            continue;
        }

        // Extend over the event's name, then look for a phrase that dates the event.
        let mut end = whole.end();
        let mut due: Option<NaiveDate> = None;
        let mut named_year: Option<i32> = None;
        // Whether the name so far ends in a document ("... van de Kadernota"), whose year is
        // part of its name.
        let mut last_doc = is_doc || prinsjes;
        for _ in 0..8 {
            let rest = &s[end..];
            let dating = EVENT_DATING
                .captures(rest)
                .filter(|d| {
                    // "Kadernota van 2025" names the document year; "debat van 2025" dates it.
                    let is_van = group(d, "p").is_some_and(|p| p.eq_ignore_ascii_case("van"));
                    !(is_van && last_doc && d.name("year").is_some())
                })
                .and_then(|d| {
                    let len = d.get(0).map_or(0, |m| m.end());
                    event_dating_due(&d, doc).map(|dd| (dd, len))
                });
            if let Some((dd, len)) = dating {
                due = Some(dd);
                end += len;
                break;
            }
            if let Some(m) = EVENT_DOC_YEAR.find(rest).filter(|_| last_doc || !is_meet) {
                named_year = m
                    .as_str()
                    .chars()
                    .filter(char::is_ascii_digit)
                    .take(4)
                    .collect::<String>()
                    .parse()
                    .ok();
                end += m.end();
                continue;
            }
            if let Some(m) = EVENT_NAME_PIECE.find(rest) {
                last_doc = DOC_WORD_END.is_match(m.as_str());
                end += m.end();
                continue;
            }
            break;
        }
        if prinsjes && due.is_none() {
            let day: fn(i32) -> Option<NaiveDate> =
                if group(&c, "prinsjes").is_some_and(|p| p.to_lowercase().starts_with("verantw")) {
                    verantwoordingsdag
                } else {
                    prinsjesdag
                };
            due = match named_year {
                Some(y) => day(y),
                None => first_after(doc, day),
            };
        }
        // "in de raadsvergadering" is an event only when dated ("... van oktober").
        if p == "in" && is_meet && !nxt && due.is_none() {
            continue;
        }
        // "in de jaarlijkse monitor op te nemen": a recurring duty, not a one-off moment.
        if due.is_none() && FREQ_ADJ.is_match(&s[whole.start()..end]) {
            out.push(Cand::new(DeadlineKind::Recurring, None, whole.start(), end));
            continue;
        }
        let mut cand = Cand::new(DeadlineKind::Event, due, whole.start(), end);
        cand.via_bij = p == "bij";
        out.push(cand);
    }
    for m in EVENT_CLAUSE
        .find_iter(s)
        .chain(EVENT_MOMENT.find_iter(s))
        .chain(AFTER_END.find_iter(s))
        .chain(DEICTIC_TERM.find_iter(s))
    {
        out.push(Cand::new(DeadlineKind::Event, None, m.start(), m.end()));
    }
}

/// Whether "met de <document>" at `start..end` names the moment of a delivery ("met de kadernota
/// een plan mee te sturen", "met de begroting te komen met een voorstel"): the verb it belongs to,
/// the first infinitive after it (or, with none, the finite verb before it), is a delivery verb,
/// and no verb that takes "met" as its object ("in te stemmen met") governs it.
fn met_names_moment(s: &str, start: usize, end: usize) -> bool {
    let head = &s[..start];
    let near = &head[floor_boundary(head, head.len().saturating_sub(30))..];
    if MET_OBJECT_VERB.is_match(near) {
        return false;
    }
    let after = clause_after(s, end);
    match TE_INFINITIVE.find(after) {
        Some(m) => {
            let from = floor_boundary(after, m.start().saturating_sub(6));
            DELIVERY_VERB.is_match(&after[from..m.end()])
        }
        None => DELIVERY_VERB.is_match(clause_before(s, start)),
    }
}

/// Verbs after which "voor" means "for": "voor het voorstel te stemmen".
static FOR_VERB: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^te\s+(?:stemmen|kiezen|pleiten|strijden|waken)$"));

/// Verbs and nouns that take "bij" as their object: "aan te sluiten bij", "onder te brengen bij",
/// "betrokken bij".
static BIJ_OBJECT_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:aansluiten|aan\s+te\s+sluiten|aansluiting|sluit\s+aan|onderbrengen|onder\s+te\s+brengen|beleggen|te\s+beleggen|betrokken|onderdeel|aan\s+te\s+haken|aanhaken)\s+$",
    )
});

/// Verbs of reporting, for "in de <document> te informeren".
static INFORM_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^te\s+(?:informeren|rapporteren|berichten|melden|delen|verantwoorden|presenteren)$")
});

static TE_INFINITIVE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bte\s+\p{L}{2,}"));

/// Verbs and nouns that take "met" as their object: "in te stemmen met", "akkoord met", "rekening
/// te houden met".
static MET_OBJECT_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:stemmen|stemt|instemmen|instemming|akkoord|eens|houden|houdt|samenhang|verband|lijn|conform|vergelijken|vergelijking|combineren|koppelen|rekening)\s+$",
    )
});

fn event_dating_due(d: &Captures<'_>, doc: NaiveDate) -> Option<NaiveDate> {
    if let Some(day) = d.name("day") {
        return dates::find_dates(day.as_str(), Some(doc))
            .first()
            .map(|m| m.date);
    }
    if let Some(m) = group(d, "month").and_then(dates::month_from_dutch) {
        return match group(d, "my").and_then(|y| y.parse().ok()) {
            Some(y) => month_end(y, m),
            None => first_after(doc, |y| month_end(y, m)),
        };
    }
    if let Some(season) = group(d, "season") {
        return match group(d, "sy").and_then(|y| y.parse().ok()) {
            Some(y) => season_due(season, Rel::In, y),
            None => first_after(doc, |y| season_due(season, Rel::In, y)),
        };
    }
    group(d, "year")
        .and_then(|y| y.parse().ok())
        .and_then(|y| ymd(y, 12, 31))
}

fn asap_candidates(s: &str, out: &mut Vec<Cand>) {
    for m in ASAP.find_iter(s) {
        // "onmiddellijk na de zomer" qualifies another phrase.
        if m.as_str().eq_ignore_ascii_case("onmiddellijk") {
            let next = s[m.end()..].trim_start().to_lowercase();
            if ["na ", "nadat", "voor", "vóór", "bij "]
                .iter()
                .any(|w| next.starts_with(w))
            {
                continue;
            }
        }
        let end = m.start() + m.as_str().trim_end().len();
        out.push(Cand::new(DeadlineKind::Asap, None, m.start(), end));
    }
}

fn recurring_candidates(s: &str, out: &mut Vec<Cand>) {
    for m in RECURRING.find_iter(s) {
        let after = &s[m.end()..];
        let before_start = floor_boundary(s, m.start().saturating_sub(60));
        let before = &s[before_start..m.start()];
        // An adverb of frequency sets a recurring duty only next to a reporting verb or an
        // infinitive ("jaarlijks te rapporteren"), not in "jaarlijks 10 miljard".
        // "€ 50.000 per jaar", "jaarlijks € 10.000": a rate.
        if AMOUNT_END.is_match(&s[before_start..m.start()]) || AMOUNT_START.is_match(after) {
            continue;
        }
        let reports = REPORT_AFTER
            .find(after)
            .is_some_and(|r| !PURPOSE_OM.is_match(r.as_str()))
            || REPORT_BEFORE.is_match(before);
        if reports {
            out.push(Cand::new(DeadlineKind::Recurring, None, m.start(), m.end()));
        }
    }
}

static REPORT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:rapporteert|rapporteren|informeert|informeren|rapportage|verslag|monitor|verantwoording)\b[^,;:.]{0,40}$",
    )
});

// ---------------------------------------------------------------------------------------------
// Text helpers.

/// The largest char boundary `<= i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The text from `pos` to the end of its clause (`,`, `;`, `:` or sentence end).
fn clause_after(s: &str, pos: usize) -> &str {
    let rest = &s[pos.min(s.len())..];
    let end = rest.find([',', ';', ':', '•']).unwrap_or(rest.len());
    &rest[..end]
}

/// The text from the start of the clause containing `pos` up to `pos`.
fn clause_before(s: &str, pos: usize) -> &str {
    let head = &s[..pos.min(s.len())];
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ',' | ';' | ':' | '•'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

/// The word right before `pos` (lowercase), skipping spaces and brackets.
fn word_before(s: &str, pos: usize) -> String {
    let head = s[..pos.min(s.len())].trim_end_matches(|c: char| c.is_whitespace() || c == '(');
    let start = head
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == ',')
        .map_or(0, |i| i + 1);
    head[start..].to_lowercase()
}

// ---------------------------------------------------------------------------------------------
// The extractor.

/// The start of a dictum: a request verb with its addressee ("verzoekt daarom het college",
/// "draagt het dagelijks bestuur op", "roept de regering op"), "besluit:" or "spreekt uit".
static DICTUM_START: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?:^|[;:,.\n•]\s*|\s)(?:en\s+)?(?P<v>(?:verzoekt|verzoeken|draagt|dragen|roept|roepen|vraagt|vragen|geeft|geven)\s+(?:(?:daarom|derhalve|dan\s+ook|tevens|voorts|ook|nogmaals|hierbij|met\s+klem|het\s+presidium\s+en)\s+)*(?:{ADDRESSEE})\b|besluit\s*:|spreekt\s+(?:zich\s+)?uit\b)"
    ))
});

/// A recital anywhere in a text ("overwegende dat", "constaterende dat", ...).
static RECITAL_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:overwegende|constaterende|concluderende|vaststellende|gehoord\s+de\s+beraadslaging|in\s+vergadering\s+bijeen)\b",
    )
});

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

fn keep_candidate(s: &str, doc: NaiveDate, c: &Cand) -> bool {
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
    if BLOCKERS.contains(&w.as_str()) {
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

// ---------------------------------------------------------------------------------------------
// Scoring.

/// Scores of one row (or, summed, of a whole evaluation set).
///
/// * `tp`: extracted deadlines matched to an expected one with equal kind and equal due (within 31
///   days for `season`);
/// * `fp`: extracted deadlines left unmatched; `fn_`: expected deadlines left unmatched;
/// * `matched`: pairs matched on kind alone; `exact_due`: of those, the pairs whose due is exactly
///   equal. Exact-due accuracy = `exact_due / matched`: how well dates are normalised once the kind
///   is right.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub exact_due: usize,
    pub matched: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// Share of kind-matched pairs whose due is exactly equal.
    pub fn exact_due_accuracy(&self) -> f64 {
        ratio(self.exact_due, self.matched)
    }

    pub fn add(&mut self, other: &Score) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
        self.exact_due += other.exact_due;
        self.matched += other.matched;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Whether an extracted due matches an expected one: equal, or within 31 days for seasons.
pub fn due_matches(
    kind: DeadlineKind,
    expected: Option<NaiveDate>,
    got: Option<NaiveDate>,
) -> bool {
    match (expected, got) {
        (None, None) => true,
        (Some(e), Some(g)) => {
            e == g || (kind == DeadlineKind::Season && (e - g).num_days().abs() <= 31)
        }
        _ => false,
    }
}

/// Matches a row's extracted deadlines to its expected ones (see [`Score`]). An empty `expected`
/// is a `none` row: every extracted deadline is a false positive.
pub fn score_row(expected: &[(DeadlineKind, Option<NaiveDate>)], got: &[Deadline]) -> Score {
    let mut score = Score::default();

    // Kind + due matching: exact dues first, then the season tolerance.
    let mut used = vec![false; got.len()];
    let mut hit = vec![false; expected.len()];
    for exact in [true, false] {
        for (ei, (kind, due)) in expected.iter().enumerate() {
            if hit[ei] {
                continue;
            }
            let found = got.iter().enumerate().position(|(gi, g)| {
                !used[gi]
                    && g.kind == *kind
                    && if exact {
                        g.due == *due
                    } else {
                        due_matches(*kind, *due, g.due)
                    }
            });
            if let Some(gi) = found {
                used[gi] = true;
                hit[ei] = true;
                score.tp += 1;
            }
        }
    }
    score.fp = used.iter().filter(|u| !**u).count();
    score.fn_ = hit.iter().filter(|h| !**h).count();

    // Kind-only matching, preferring pairs with an equal due.
    let mut used = vec![false; got.len()];
    let mut paired = vec![false; expected.len()];
    for exact in [true, false] {
        for (ei, (kind, due)) in expected.iter().enumerate() {
            if paired[ei] {
                continue;
            }
            let found = got
                .iter()
                .enumerate()
                .position(|(gi, g)| !used[gi] && g.kind == *kind && (!exact || g.due == *due));
            if let Some(gi) = found {
                used[gi] = true;
                paired[ei] = true;
                score.matched += 1;
                if exact {
                    score.exact_due += 1;
                }
            }
        }
    }
    score
}

/// Parses an `expected` cell of the evaluation file: `none`, or `;`-separated `kind:due` items
/// with `due` an ISO date or `-`.
pub fn parse_expected(cell: &str) -> Option<Vec<(DeadlineKind, Option<NaiveDate>)>> {
    let cell = cell.trim();
    if cell.eq_ignore_ascii_case("none") || cell.is_empty() {
        return Some(Vec::new());
    }
    cell.split(';')
        .map(|item| {
            let (kind, due) = item.trim().split_once(':')?;
            let kind = DeadlineKind::parse(kind)?;
            let due = match due.trim() {
                "-" => None,
                d => Some(NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()?),
            };
            Some((kind, due))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    /// `kind:due` strings of the deadlines in `s`.
    fn got(s: &str, doc: NaiveDate) -> Vec<String> {
        extract_deadlines(s, doc)
            .iter()
            .map(|x| {
                let due = x.due.map_or("-".to_string(), |d| d.to_string());
                format!("{}:{due}", x.kind)
            })
            .collect()
    }

    #[test]
    fn kind_names_round_trip() {
        for k in DeadlineKind::ALL {
            assert_eq!(DeadlineKind::parse(k.as_str()), Some(k));
            let json = serde_json::to_string(&k).expect("serialise kind");
            assert_eq!(json, format!("\"{}\"", k.as_str()));
        }
        assert_eq!(DeadlineKind::parse("Quarter"), Some(DeadlineKind::Quarter));
        assert_eq!(DeadlineKind::parse("later"), None);
    }

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
    fn span_is_the_phrase() {
        let s = "verzoekt het college de raad uiterlijk 1 oktober 2025 te informeren";
        let x = extract_deadlines(s, d(2025, 7, 3));
        assert_eq!(x.len(), 1);
        assert_eq!(x[0].text, "uiterlijk 1 oktober 2025");
        assert_eq!(&s[x[0].start..x[0].end], x[0].text);
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
    }

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
    fn several_deadlines_in_one_sentence() {
        let doc = d(2018, 3, 15);
        assert_eq!(
            got(
                "verzoekt het college uiterlijk 1 juli 2018 een voorstel voor te leggen en de raad daarna jaarlijks te informeren, en binnen een jaar te evalueren",
                doc
            ),
            ["day:2018-07-01", "recurring:-", "relative:2019-03-15"]
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
            got("De commissie stelt het plan vóór 1 augustus vast en stuurt het binnen 2 weken door.", doc)
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
        assert!(got("verzoekt de regering om voor 2026 extra middelen vrij te maken voor het jongerenwerk", doc).is_empty());
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
    fn season_table_lookup() {
        assert_eq!(
            season_due("zomerreces", Rel::Before, 2025),
            Some(d(2025, 7, 1))
        );
        assert_eq!(
            season_due("Voorjaarsreces", Rel::Before, 2025),
            Some(d(2025, 2, 15))
        );
        assert_eq!(season_due("voorjaar", Rel::In, 2025), Some(d(2025, 5, 31)));
        assert_eq!(season_due("najaar", Rel::In, 2025), Some(d(2025, 11, 30)));
        assert_eq!(
            season_due("herfstvakantie", Rel::Before, 2025),
            Some(d(2025, 10, 15))
        );
        assert_eq!(
            season_due("kerstreces", Rel::After, 2025),
            Some(d(2026, 1, 31))
        );
        assert_eq!(
            season_due("meireces", Rel::Before, 2025),
            Some(d(2025, 4, 30))
        );
        assert_eq!(season_due("winter", Rel::In, 2025), Some(d(2026, 2, 28)));
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

    #[test]
    fn never_panics_on_any_slice() {
        let doc = d(2025, 1, 1);
        let text = "• verzoekt het “college” vóór 1 januari 2026, één één zo spoedig mogelijk, coördinatie ë ö é — binnen twee weken; bij de Kadernota 2026 (p&c-)documenten in het najaar van 2025 jaarlijks te informeren";
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        for &i in &bounds {
            for x in extract_deadlines(&text[i..], doc) {
                assert_eq!(&text[i..][x.start..x.end], x.text);
            }
            let _ = extract_deadlines(&text[..i], doc);
        }
    }

    #[test]
    fn never_panics_on_odd_text() {
        let doc = d(2025, 1, 1);
        for s in [
            "",
            "vóór",
            "verzoekt “vóór” é ë ö binnen",
            "uiterlijk 31 februari 2025 te doen",
            "verzoekt binnen 999 jaren te doen",
            "verzoekt het college vóór de ",
            "te ✓ 1 januari 2025 ✓ voor de zomer van 2025 ✓ Q4 '25",
        ] {
            let _ = extract_deadlines(s, doc);
        }
    }

    #[test]
    fn scoring() {
        let doc = d(2025, 1, 16);
        let got = extract_deadlines(
            "verzoekt het college de raad voor de zomer te informeren",
            doc,
        );
        let exp = [(DeadlineKind::Season, Some(d(2025, 6, 20)))];
        let s = score_row(&exp, &got);
        assert_eq!((s.tp, s.fp, s.fn_, s.matched, s.exact_due), (1, 0, 0, 1, 0));
        let s = score_row(&[], &got);
        assert_eq!((s.tp, s.fp, s.fn_), (0, 1, 0));
        let exp = [(DeadlineKind::Day, Some(d(2025, 7, 1)))];
        let s = score_row(&exp, &got);
        assert_eq!((s.tp, s.fp, s.fn_, s.matched), (0, 1, 1, 0));
        assert_eq!(
            parse_expected("year:2025-12-31;event:-"),
            Some(vec![
                (DeadlineKind::Year, Some(d(2025, 12, 31))),
                (DeadlineKind::Event, None)
            ])
        );
        assert_eq!(parse_expected("none"), Some(vec![]));
        assert_eq!(parse_expected("bogus:1"), None);
    }
}

#[cfg(test)]
mod recess_tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("day")
    }

    #[test]
    fn a_councils_recess_dates_its_recess_phrases_on_this_thread_only() {
        let own = [Recess {
            name: "Zomerreces".into(),
            start: "07-11".into(),
            end: "08-23".into(),
        }];
        let due = |s: &str| {
            extract_deadlines(s, d(2026, 2, 2))
                .into_iter()
                .find(|x| x.kind == DeadlineKind::Season)
                .and_then(|x| x.due)
        };
        let before = "Wij sturen u voor het zomerreces een overzicht.";
        let after = "Wij informeren u na het zomerreces over de planning.";
        assert_eq!(due(before), Some(d(2026, 7, 1)));
        with_recesses(&own, || {
            assert_eq!(due(before), Some(d(2026, 7, 11)));
            assert_eq!(due(after), Some(d(2026, 9, 22)));
            // Another recess keeps its default dates.
            assert_eq!(
                due("Wij sturen u voor het kerstreces een overzicht."),
                Some(d(2026, 12, 20))
            );
        });
        assert_eq!(due(before), Some(d(2026, 7, 1)));
        // Over new year: the end is in the next year (the first such day after the document:
        // the recess of 2025-2026 ends 4 January 2026).
        let winter = [Recess {
            name: "kerstreces".into(),
            start: "12-19".into(),
            end: "01-04".into(),
        }];
        with_recesses(&winter, || {
            assert_eq!(
                due("Wij informeren u na het kerstreces over de planning."),
                Some(d(2026, 2, 3))
            );
        });
    }
}
