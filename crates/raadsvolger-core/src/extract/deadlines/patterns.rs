//! The regular expressions of the deadline extractor, built from the alternations below.

use std::sync::LazyLock;

use regex::Regex;

use super::lexicon;
use crate::extract::dates;

// ---------------------------------------------------------------------------------------------
// Regex building blocks (all used inside `(?i)` patterns).

/// "voor" / "vóór" (precomposed or with combining accents).
pub(super) const VOOR: &str = r"v(?:o\x{301}?|ó)(?:o\x{301}?|ó)r";
/// Numbers written as words (`lexicon/numbers.txt`) or digits.
pub(super) static NUM: LazyLock<String> =
    LazyLock::new(|| format!(r"{}|\d{{1,3}}", lexicon::NUMBERS.alternation()));
pub(super) const YEAR: &str = r"(?:19|20)\d{2}";
/// A year named relative to the document: "dit jaar", "volgend jaar", "het komende kalenderjaar".
pub(super) static REL_YEAR: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?:{})\s+(?:kalender)?jaar",
        lexicon::YEAR_DETERMINERS.alternation()
    )
});
/// A determiner that names a year, season or quarter from the document's point of view without a
/// preposition: "dit jaar", "komend voorjaar", "volgend jaar", "het komende najaar".
pub(super) static DEICTIC: LazyLock<String> = LazyLock::new(|| lexicon::DEICTIC.alternation());
/// Seasons and recesses (`lexicon/seasons.txt`).
pub(super) static SEASONS: LazyLock<String> = LazyLock::new(|| lexicon::SEASONS.alternation());

/// Compiles a static pattern. Word boundaries are made ASCII-only (`(?-u:\b)`): the fast DFA
/// engines support only those, and every keyword here begins and ends with an ASCII letter.
pub(super) fn re(pattern: &str) -> Regex {
    Regex::new(&pattern.replace(r"\b", r"(?-u:\b)")).expect("static regex in deadlines.rs")
}

/// Qualifiers that may stand before a trigger word: "uiterlijk", "tijdig", "ruim", ...
pub(super) static QUAL: LazyLock<String> =
    LazyLock::new(|| format!(r"(?:(?:{})\s+)*", lexicon::QUALIFIERS.alternation()));

pub(super) static RECITAL: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^[\s\d.)(•*·\-–—]*(?:en\s+|tevens\s+|voorts\s+|mede\s+)?(?:{}|de\s+raad,?\s+in\s+vergadering)\b",
        lexicon::RECITAL_OPENERS.alternation()
    ))
});

/// The bodies a council text asks or that promise: "het college (van B en W)", "de burgemeester",
/// "de wethouder", "Gedeputeerde Staten" / "GS", "het dagelijks bestuur" (water boards, joint
/// schemes), "de regering", "het kabinet", "de minister", "de staatssecretaris".
/// The list is `lexicon/addressees.txt`; "het college van B&W" and "de minister van <ministerie>"
/// are patterns.
pub(super) static ADDRESSEE: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?:het\s+college\s+van\s+b\s*(?:en|&)\s*w|{}|de\s+(?:minister|staatssecretaris)\s+van\s+[\p{{L}}-]+(?:\s+en\s+[\p{{L}}-]+)?)",
        lexicon::ADDRESSEES.alternation()
    )
});

/// The bodies that receive: "de raad", "de Kamer", "Provinciale Staten", "het algemeen bestuur".
pub(super) static RECIPIENT: LazyLock<String> =
    LazyLock::new(|| format!("(?:{})", lexicon::RECIPIENTS.alternation()));

/// Request and promise vocabulary: a sentence without one of these (or an infinitive dictum) asks
/// or promises nothing.
pub(super) static ASKS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:{request})\b|\b(?:vragen|vraag)\s+(?:wij\s+|we\s+|ik\s+)?(?:{ADDRESSEE}|u)\s+(?:[\p{{L}}-]+\s+){{0,3}}?om\b|\b(?:{ADDRESSEE}|wij|we)\s+(?:[\p{{L}}-]+\s+){{0,3}}?(?:{report})\b|\b{RECIPIENT}\s+(?:{receive}|(?:wordt|worden)\b[^.;]{{0,120}}?\b(?:{received}))\b",
        ADDRESSEE = ADDRESSEE.as_str(),
        RECIPIENT = RECIPIENT.as_str(),
        request = lexicon::REQUEST_WORDS.alternation(),
        report = lexicon::REPORT_VERBS.alternation(),
        receive = lexicon::RECEIVE_VERBS.alternation(),
        received = lexicon::RECEIVED_PARTICIPLES.alternation(),
    ))
});

/// An infinitive ("... aan te stellen"): a dictum item, unless it is a purpose clause ("om ... te").
pub(super) static DICTUM_INFINITIVE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bte\s+\p{L}{2,}(?:en|n)\b"));

pub(super) static PURPOSE_OM: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:om|teneinde)\b"));

/// A list marker or "om" at the start of a sentence: "• om uiterlijk 1 juli ... te doen".
pub(super) static LEADING_OM: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^[\s\d.)(•*·\-–—]*(?:om|teneinde)\b"));

/// Promises that are history, not a new commitment: "later dan toegezegd", "zoals toegezegd".
pub(super) static PAST_PROMISE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:dan|zoals|eerder|destijds|was|werd|waren|werden)\s+(?:\p{L}+\s+)?toegezegd\b")
});

pub(super) static PROMISE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?:zeg|zegt|zeggen|zegde|zegden)\s+(?:[\p{L}&.-]+\s+){0,6}?toe|toegezegd|toezegging(?:en)?|toezegt|toezegde|toezegden|toe\s+te\s+zeggen|belooft|beloven|beloofde|beloofden|beloofd)\b",
    )
});

pub(super) static ASAP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:zo\s+(?:snel|spoedig|vlug|gauw|kort|vroeg)\s+(?:als\s+)?(?:maar\s+|enigszins\s+)?(?:mogelijk|doenlijk|haalbaar|het\s+kan|kan)|zo\s+snel\s+het\s+kan|z\.s\.m\.?|zsm|ten\s+spoedigste|met\s+(?:de\s+)?(?:grootst\s+mogelijke\s+|hoogste\s+)?spoed|met\s+voorrang|spoedig|onverwijld|per\s+om(?:me)?gaande|per\s+direct|op\s+(?:zo\s+)?(?:de\s+)?korte?\s+(?:mogelijke\s+)?termijn|zo\s+kort\s+mogelijk|onmiddellijk)\b",
    )
});

pub(super) static RECURRING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:telkens|(?:half|twee|drie|vier)?jaarlijks|(?:twee|drie|zes)?maandelijks|wekelijks|periodiek|regelmatig|per\s+(?:kwartaal|half\s+jaar|halfjaar|jaar)|(?:elk|ieder)\s+(?:jaar|kwartaal|half\s+jaar|halfjaar)|(?:elke|iedere)\s+(?:maand|week|\d+\s+maanden|twee\s+maanden|drie\s+maanden|zes\s+maanden)|(?:eens|(?:een|één|twee|drie|vier|\d)\s+keer|(?:een|één|twee|drie|vier|\d)\s+maal)\s+per\s+(?:jaar|kwartaal|maand|half\s+jaar|halfjaar))\b",
    )
});

/// A reporting infinitive after a recurring adverb ("jaarlijks te rapporteren").
pub(super) static REPORT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^[^;:.]{{0,80}}?\b(?:te\s+\p{{L}}{{2,}}|{})\b",
        lexicon::REPORT_WORDS_AFTER.alternation()
    ))
});

pub(super) static DAY_TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?:^|[^\p{{L}}])(?P<t>(?:uiterlijk|ten\s+laatste|niet\s+later\s+dan)(?:\s+(?:op|per|{VOOR}|in|om))?|(?:tijdig|ruim|ruimschoots|nog|liefst)?\s*{VOOR}(?:\s+of\s+op)?|(?:uiterlijk\s+)?(?:in\s+)?de\s+week\s+van|per|op|tegen|met\s+ingang\s+van|m\.i\.v\.?)\s*(?:\(\p{{L}}+\)\s*)?$"
    ))
});

pub(super) static MONTH_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?P<pre>(?:uiterlijk\s+)?(?:(?P<p>{VOOR}|in|eind|einde|begin|medio|half|midden|uiterlijk|per|tegen|rond|omstreeks|(?:aan\s+|tegen\s+)?het\s+eind(?:e)?\s+van|(?:aan\s+)?het\s+begin\s+van|in\s+de\s+loop\s+van|in\s+de\s+maand|de\s+maand)\s+))(?P<m>{})\b(?:\s+(?:van\s+)?(?P<y>{YEAR})\b|\s+(?P<as>aanstaande|a\.s\.)|\s+(?P<rel>{REL_YEAR})\b)?",
        dates::MONTH_FULL_ALTERNATION,
        REL_YEAR = REL_YEAR.as_str(),
    ))
});

/// A month named from the document: "deze maand", "nog deze maand", "volgende maand", "de
/// komende maand" (not "de komende maanden", a period).
pub(super) static DEICTIC_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?:uiterlijk|nog|in|voor\s+het\s+eind(?:e)?\s+van)\s+)*(?P<d>deze|dit|volgende|komende|aankomende|de\s+komende|de\s+volgende|de\s+aankomende)\s+maand\b",
    )
});

pub(super) static HAS_YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:19|20)\d{2}\b"));

pub(super) static FORWARD_MARK: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:a\.\s?s\.|as\.|aanstaande|aanst\.)"));

/// A past-tense clause: an auxiliary of the past with a participle ("heeft ... toegezegd", "werd
/// ... besproken"), or "zoals ... besproken".
pub(super) static PAST_AUX: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:{})\b",
        lexicon::PAST_AUXILIARIES.alternation()
    ))
});

pub(super) static PARTICIPLE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:ge\p{{L}}{{3,}}(?:d|t|en)|{})\b",
        lexicon::PARTICIPLES.alternation()
    ))
});

pub(super) static QUARTER_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:uiterlijk\s+)?(?:(?P<p>{VOOR}|in|binnen|tijdens|uiterlijk|per|medio|begin|tegen|rond)\s+)?(?:(?P<edge>(?:aan\s+|tegen\s+)?het\s+(?:eind|einde)\s+van|eind|einde)\s+)?(?:(?:(?:het|de)\s+)?(?P<ord>eerste|tweede|derde|vierde|laatste|1e|2e|3e|4e|1ste|2de|3de|4de)\s+kwartaal(?:\s+(?:van\s+)?(?:(?:het\s+jaar\s+)?(?P<y>{YEAR})\b|(?P<rel>{REL_YEAR})\b))?|Q(?P<q>[1-4])(?:\s*(?:van\s+)?(?P<y2>{YEAR}|'\d{{2}})\b)?|(?P<y3>{YEAR})[-\s]?Q(?P<q3>[1-4])\b|(?P<this>dit|het\s+huidige|deze|het\s+lopende)\s+kwartaal|(?P<next>(?:het\s+)?(?:volgend|komend|volgende|komende|eerstvolgende|eerstkomende))\s+kwartaal)\b",
        REL_YEAR = REL_YEAR.as_str(),
    ))
});

pub(super) static HALF_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:uiterlijk\s+)?(?:(?P<p>{VOOR}|in|tijdens|uiterlijk|eind|einde)\s+)?(?:(?P<mid>medio|halverwege|half|midden)\s+(?:(?P<y>{YEAR})\b|(?P<rel>{REL_YEAR})\b)|(?:(?:de|het)\s+)?(?P<h>eerste|tweede|1e|2e|1ste|2de)\s+(?:helft|halfjaar|half\s+jaar|jaarhelft)(?:\s+(?:van\s+)?(?:(?:het\s+jaar\s+)?(?P<y2>{YEAR})\b|(?P<rel2>{REL_YEAR})\b))?|H(?P<h3>[12])\s*(?P<y3>{YEAR})\b)",
        REL_YEAR = REL_YEAR.as_str(),
    ))
});

pub(super) static YEAR_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?P<uit>uiterlijk\s+)?(?:(?P<p>{VOOR}|in|binnen|uiterlijk|nog|tegen|rond|omstreeks|in\s+de\s+loop\s+van|later)\s+)?(?:(?P<edge>(?:aan\s+|tegen\s+)?(?:het\s+)?(?:eind|einde)|(?:aan\s+)?(?:het\s+)?begin|de\s+start|start|aanvang)\s+(?:van\s+)?)?(?:(?:het\s+jaar\s+)?(?P<y>{YEAR})\b|(?P<rel>{REL_YEAR})\b|(?P<wissel>de\s+jaarwisseling)\b)",
        REL_YEAR = REL_YEAR.as_str(),
    ))
});

/// A year named from the document with a deictic determiner, which needs no preposition to be a
/// time adverbial: "dit jaar", "nog dit kalenderjaar", "komend jaar", "volgend jaar".
pub(super) static DEICTIC_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:dit|komend|volgend|aankomend|het\s+komende?|het\s+volgende?|het\s+aankomende?)\s+(?:kalender)?jaar$",
    )
});

pub(super) static SEASON_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:uiterlijk\s+)?(?:(?:direct|meteen|vlak|kort|ruim|ruimschoots|nog|ergens|tijdig)\s+)?(?:(?P<p>{VOOR}|tegen|na\s+afloop\s+van|na|in|tijdens|rond|eind|einde|begin|aan\s+het\s+eind(?:e)?\s+van|aan\s+het\s+begin\s+van|voorafgaand\s+aan|medio|halverwege|uiterlijk)\s+)?(?:(?P<art>de|het)\s+)?(?:(?P<deic>{DEICTIC})\s+)?(?P<s>{SEASONS})\b(?:\s+(?:van\s+)?(?:(?P<y>{YEAR})\b|(?P<rel>{REL_YEAR})\b))?",
        REL_YEAR = REL_YEAR.as_str(),
        DEICTIC = DEICTIC.as_str(),
        SEASONS = SEASONS.as_str(),
    ))
});

pub(super) static RELATIVE_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:(?P<frame>uiterlijk)\s+)?(?:(?P<within>binnen|in\s+de\s+komende|over)\s+)?(?:(?:een|de)\s+(?:termijn|periode)\s+van\s+)?(?:(?P<half>een\s+half|een\s+halve|één\s+half|anderhalf|anderhalve)\s+(?P<hu>jaar|maand)|(?P<n>{NUM})(?:\s+(?:à|a|tot|of)\s+(?P<n2>{NUM}))?\s+(?P<u>werkdagen|werkdag|dagen|dag|weken|week|maanden|maand|kwartalen|kwartaal|jaren|jaar)|(?P<hj>een\s+halfjaar|het\s+jaar))\b",
        NUM = NUM.as_str(),
    ))
});

/// After a relative period: "... na aanname van deze motie" (anchored at the document) or
/// "... na <event>" (due unknown).
pub(super) static RELATIVE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s+(?:na|nadat|volgend\s+op)\b(?P<motion>\s+(?:de\s+|het\s+)?(?:aanname|aanneming|aannemen|vaststelling|vaststellen|het\s+aannemen|het\s+vaststellen|datum|dagtekening)\s+(?:van\s+)?(?:deze|dit|de|het)?\s*(?:motie|besluit|raadsbesluit|brief|dictum)\b)?(?:\s+[\p{L}-]+){0,3}",
    )
});

/// "de volgende / eerstvolgende ..." makes any noun an event.
pub(super) static NEXT: LazyLock<String> = LazyLock::new(|| lexicon::NEXT.alternation());

/// Event heads that are documents: of the planning & control cycle, plans, programmes, bills and
/// memos (their years are part of the name: "Kadernota 2009", "begroting voor 2026",
/// "Belastingplan 2026", "uitvoeringsprogramma 2026").
/// The words are `lexicon/doc_heads.txt`; a compound's first part and "<...>plan <year>" are
/// patterns.
pub(super) static DOC_HEADS: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"[\p{{L}}-]*(?:{}|[\p{{L}}-]*plan\s+(?:19|20)\d{{2}})",
        lexicon::DOC_HEADS.alternation()
    )
});
/// Event heads that are meetings or moments (a following "van 14 mei" / "van 2025" dates them).
/// The words are `lexicon/meeting_heads.txt`; a compound's first part, "<name>-raad" and
/// "<name>-top" are patterns.
pub(super) static MEETING_HEADS: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"[\p{{L}}-]*(?:{}|[\p{{L}}]+-raad|[\p{{L}}]*-?top)",
        lexicon::MEETING_HEADS.alternation()
    )
});

/// A modifier between an event's article and its head ("de algemene politieke beschouwingen", "het
/// OCW-debat"): a name or a word of five letters or more. A noun phrase has one determiner, so the
/// short words (de, het, een, dit, deze, van, voor, ...) are not modifiers: "voor de zomer het
/// programma" holds two phrases.
pub(super) const MODIFIER: &str = r"(?:(?-i:\p{Lu})[\p{L}-]*|[\p{L}-]{5,})";

pub(super) static EVENT_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?P<pre>{QUAL}(?P<p>{VOOR}|bij|tijdens|na|voorafgaand\s+aan|voorafgaande\s+aan|voorafgaand\s+op|ten\s+tijde\s+van|in\s+(?:de\s+)?aanloop\s+naar|in\s+het\s+kader\s+van|als\s+(?:onderdeel|deel)\s+van|op|in|met|uiterlijk)\s+)(?:(?P<prinsjes>prinsjesdag|verantwoordingsdag)|(?P<art>de|het)\s+(?:(?:eind|einde|begin|start|aanvang)\s+van\s+(?:de|het|deze|dit)\s+)?(?:(?P<nxt>{NEXT})\s+)?(?:(?:{MODIFIER}\s+){{0,2}}?(?P<doc>{DOC_HEADS})|(?:{MODIFIER}\s+){{0,2}}?(?P<meet>{MEETING_HEADS}))|(?:de|het)\s+(?P<nxt2>{NEXT})\s+(?P<other>[\p{{L}}-]{{3,}}))\b",
        QUAL = QUAL.as_str(),
        NEXT = NEXT.as_str(),
        DOC_HEADS = DOC_HEADS.as_str(),
        MEETING_HEADS = MEETING_HEADS.as_str(),
    ))
});

/// Nouns after which "voor <event>" means "for", not "before".
pub(super) static FOR_NOUN_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:{})\s+$",
        lexicon::FOR_NOUNS.alternation()
    ))
});

/// Nouns after which "voor <document>" means "for": "de plannen voor de begroting".
pub(super) static PLAN_NOUN_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:{})\s+$",
        lexicon::PLAN_NOUNS.alternation()
    ))
});

pub(super) static DOC_WORD_END: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b{DOC_HEADS}$",
        DOC_HEADS = DOC_HEADS.as_str(),
    ))
});

pub(super) static EVENT_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:uiterlijk\s+|tijdig\s+|ruim\s+)?(?:voordat|vóórdat|zodra)\b[^,;:.]{1,100}")
});

/// "na afronding van het onderzoek", "bij de start van het schooljaar": an event of its own.
pub(super) static EVENT_MOMENT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:uiterlijk\s+|direct\s+|meteen\s+|kort\s+)?(?:na|bij|tijdens)\s+(?:de\s+|het\s+)?(?:{})\s+van\s+(?:de|het|dit|deze)\s+[\p{{L}}-]+",
        lexicon::MOMENT_NOUNS.alternation()
    ))
});

/// "na afloop" with its object left out ("voor twee jaar in te voeren en na afloop te
/// evalueren"): after the measure's term, an event without a date.
pub(super) static AFTER_END: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:direct\s+|meteen\s+|kort\s+)?na\s+afloop\b"));

/// A term of office named from the document, without a preposition: "nog deze raadsperiode",
/// "deze kabinetsperiode", "de huidige collegeperiode". By its end, a date not given.
pub(super) static DEICTIC_TERM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:nog\s+)?(?:deze|de\s+huidige)\s+(?:raads|college|kabinets|bestuurs|staten|zitting)s?periode\b",
    )
});

/// Verbs of delivery: with one of them in the clause, "met de <document>" names the moment ("met
/// de kadernota een plan mee te sturen"); without, "met" is the verb's object ("in te stemmen met
/// de jaarrekening").
pub(super) static DELIVERY_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:te\s+)?(?:{})\b",
        lexicon::DELIVERY_VERBS.alternation()
    ))
});

/// A frequency adjective before a document ("in de jaarlijkse monitor", "bij de
/// halfjaarlijkse rapportage"): the document is a recurring vehicle.
pub(super) static FREQ_ADJ: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?:half|twee|drie|vier)?jaarlijkse|(?:twee|drie|zes)?maandelijkse|wekelijkse|periodieke|terugkerende)\b",
    )
});

/// Verbs that make "in de <document>" an event: "op te nemen in de Kadernota".
pub(super) static INCLUDE_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:{})\b",
        lexicon::INCLUDE_VERBS.alternation()
    ))
});

/// Pieces of an event's name after its head: "van de begroting", "over de OCW-begroting", "Jeugd".
pub(super) static EVENT_NAME_PIECE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:\s+(?:van|over|in|voor|uit|der)\s+(?:de|het|het\s+ministerie\s+van)\s+(?:[\p{Ll}-]+\s+)?[\p{L}-]+|\s+(?:van|over|voor|en|en/of|&)\s+\p{Lu}[\p{L}-]*|\s+\p{Lu}[\p{L}-]*|\s*\([^()]{1,40}\))",
    )
});

/// A document year in an event's name: "2009", "voor 2026", "voor het jaar 2026", "van 2025".
pub(super) static EVENT_DOC_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^\s+(?:(?:voor|van)\s+(?:het\s+(?:begrotings)?jaar\s+)?)?(?:{YEAR}(?:\s*[-–/]\s*{YEAR})?)\b"
    ))
});

/// A phrase dating the event: "in juni 2009", "van 14 mei", "in het najaar van 2025", "van 2025".
pub(super) static EVENT_DATING: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^\s*,?\s+(?P<p>in|van|op|d\.d\.)\s+(?:(?P<day>\d{{1,2}}\s+(?:{m})\b\.?(?:\s+{YEAR}\b)?)|(?P<month>{mf})\b(?:\s+(?P<my>{YEAR})\b)?|(?:(?:het|de)\s+)?(?P<season>{SEASONS})\b(?:\s+(?:van\s+)?(?P<sy>{YEAR})\b)?|(?P<year>{YEAR})\b)",
        m = dates::MONTH_ALTERNATION,
        mf = dates::MONTH_FULL_ALTERNATION,
        SEASONS = SEASONS.as_str(),
    ))
});

/// A count of things right before a bare year: "80 sociale huurwoningen (in) ", "1.200
/// laadpalen ", a number (not a year), a word of four letters or more (a noun or an adjective,
/// not "in" or "van"), and at most two words more, at the end of the text.
pub(super) static QUANTITY_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?:^|[^\d.,])(?:\d{1,3}(?:\.\d{3})+|\d{1,3})\s+[\p{L}-]{4,}\s+(?:[\p{L}-]+\s+){0,2}$")
});

/// Vocabulary of policy targets; a bare year next to it is a target, not a deadline.
pub(super) static TARGET_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:{}|[\p{{L}}-]*doelstelling(?:en)?)\b|%",
        lexicon::TARGET_WORDS.alternation()
    ))
});

/// Budget vocabulary: "voor 2026 extra middelen", "de tarieven voor 2026" name a budget year.
/// Nouns may be the head of a compound ("jeugdzorgtarieven", "subsidieplafonds").
pub(super) static BUDGET_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:[\p{{L}}-]*(?:{})|{})\b|€",
        lexicon::BUDGET_HEADS.alternation(),
        lexicon::BUDGET_WORDS.alternation()
    ))
});

/// An amount or a cost noun: next to "in 2026" or "dit jaar" it makes the year the year of the
/// money ("€ 2 miljoen in 2026", "de kosten in 2026"), not a deadline.
pub(super) static COST_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)€|\b(?:{}|[\p{{L}}-]*(?:{}))\b|\d[\d.]*,\d|\d{{1,3}}\.\d{{3}}\b",
        lexicon::AMOUNT_WORDS.alternation(),
        lexicon::COST_HEADS.alternation()
    ))
});

/// An amount right after a frequency ("jaarlijks € 10.000 beschikbaar te stellen"): a rate.
pub(super) static AMOUNT_START: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*(?:€|\d[\d.,]*\s*(?:euro|miljoen|miljard|duizend)\b)"));

/// An amount right before a frequency ("€ 50.000 per jaar"): a rate, not a recurring duty.
pub(super) static AMOUNT_END: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:€\s*[\d.,]+(?:\s+(?:miljoen|miljard|duizend))?|\d[\d.,]*\s*(?:euro|miljoen|miljard|duizend|procent|%|uur|kilometer|km))\s*$",
    )
});

pub(super) static PURPOSE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:{})\b",
        lexicon::PURPOSE_WORDS.alternation()
    ))
});

pub(super) static SUBORDINATOR: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:{})\b",
        lexicon::SUBORDINATORS.alternation()
    ))
});

pub(super) static INFINITIVE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bte\s+\p{L}{2,}|\b(?:aan\s+te|op\s+te|in\s+te|uit\s+te)\b"));

pub(super) static SCOPE_LIST: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^\s*(?:,\s*{YEAR}\s*)*(?:en|t/m|tot\s+en\s+met|tot|-|–|/)\s*{YEAR}\b"
    ))
});

/// Verbs after which "voor" means "for": "voor het voorstel te stemmen".
pub(super) static FOR_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^te\s+(?:{})$",
        lexicon::FOR_VERBS.alternation()
    ))
});

/// Verbs and nouns that take "bij" as their object: "aan te sluiten bij", "onder te brengen bij",
/// "betrokken bij".
pub(super) static BIJ_OBJECT_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:{})\s+$",
        lexicon::BIJ_OBJECT_WORDS.alternation()
    ))
});

/// Verbs of reporting, for "in de <document> te informeren".
pub(super) static INFORM_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^te\s+(?:{})$",
        lexicon::INFORM_VERBS.alternation()
    ))
});

pub(super) static TE_INFINITIVE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bte\s+\p{L}{2,}"));

/// Verbs and nouns that take "met" as their object: "in te stemmen met", "akkoord met", "rekening
/// te houden met".
pub(super) static MET_OBJECT_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:{})\s+$",
        lexicon::MET_OBJECT_WORDS.alternation()
    ))
});

pub(super) static REPORT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:{})\b[^,;:.]{{0,40}}$",
        lexicon::REPORT_WORDS_BEFORE.alternation()
    ))
});

/// The request that opens a dictum: a request verb, its adverbs and its addressee ("verzoekt
/// daarom het college", "draagt het dagelijks bestuur", "roepen het college van GS"). The one
/// definition the deadline rules and the commitment reader share (see
/// [`super::dictum_request_pattern`]).
pub(super) static DICTUM_REQUEST: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?:{verbs})\s+(?:(?:{adverbs})\s+)*(?:{ADDRESSEE})",
        ADDRESSEE = ADDRESSEE.as_str(),
        verbs = lexicon::DICTUM_VERBS.alternation(),
        adverbs = lexicon::DICTUM_ADVERBS.alternation(),
    )
});

/// The start of a dictum: a request verb with its addressee ("verzoekt daarom het college",
/// "draagt het dagelijks bestuur op", "roept de regering op"), "besluit:" or "spreekt uit".
pub(super) static DICTUM_START: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?:^|[;:,.\n•]\s*|\s)(?:en\s+)?(?P<v>{request}\b|besluit\s*:|spreekt\s+(?:zich\s+)?uit\b)",
        request = DICTUM_REQUEST.as_str(),
    ))
});

/// A recital anywhere in a text ("overwegende dat", "constaterende dat", ...).
pub(super) static RECITAL_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:{})\b",
        lexicon::RECITAL_WORDS.alternation()
    ))
});
