//! Lists of decisions written as numbered items, one decision each: an agenda item written as
//! what the council decided ("Het bestemmingsplan … vast te stellen."), or a motion or
//! amendment with what became of it ("Motie Groen van CDA werd unaniem aangenomen.", "2. Meer
//! bomen van D66 verworpen met 4 stemmen voor en 5 tegen.", "M3 Veilig fietsen: verworpen
//! (2-17)"). An item may open a list of its own ("Drie amendementen werden ingediend:" and
//! then 1., 2., 3.): its numbers start again at 1, and the outer list goes on with the number
//! after its own last one.
//!
//! The words are those of Dutch council practice; the party names are the table's.

use std::sync::LazyLock;

use regex::Regex;

use super::counts::fill_counts;
use super::item_titles::strip_kind_word;
use super::outcomes::verdict;
use super::parties;
use crate::model::{DocKind, Outcome, VoteEvent};

fn re(p: &str) -> Regex {
    Regex::new(p).expect("static regex in vote_lists.rs")
}

/// A numbered line: "3. …", "3) …", "12b. …", or a motion's or amendment's code "M3 …",
/// "A-2: …".
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(?P<n>\d{1,2}[a-z]?)[.)]|(?:(?P<word>(?i:motie|amendement))\s+)?(?P<code>[MA]\s?-?\d{1,3}[a-z]?|(?:nr\.?\s*)?\d{1,3}[a-z]?)\b[.:)]?)\s+(?P<rest>\S.*)$",
    )
});
/// The words before the items that say they are what the council decided.
static DECIDED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:besloot|besluit|heeft\s+(?:\w+\s+){0,3}besloten|besluiten)\b"));
/// A decision written as the council's infinitive, with a separable verb's particle: "… vast
/// te stellen", "… aan te wijzen", "… te verlenen".
static INFINITIVE_END: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r",?\s+(?:(?:aan|af|bij|door|in|mee|na|om|op|over|terug|toe|uit|vast|vrij|weg)\s+)?te\s+\p{Ll}{3,}$",
    )
});
/// The word that tells who filed an item, before the filers at the end of its title.
static FILED_BY: LazyLock<Regex> = LazyLock::new(|| re(r"\s+(?:van|door)\s+(?:de\s+)?"));
/// How it was decided, written before the verdict: "unaniem", "met algemene stemmen".
static MANNER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\s+(?:unaniem|met\s+algemene\s+stemmen|zonder\s+stemming|bij\s+acclamatie)\s*$")
});
/// Items that decide nothing of their own: the minutes or decisions of an earlier meeting, the
/// agenda.
static PROCEDURAL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:de\s+|het\s+)?(?:besluitenlijst|notulen|verslag|agenda|opening|sluiting|mededelingen|ingekomen\s+stukken|vragenkwartier|vragenuur)\b",
    )
});

/// A line under an item that records its vote: the sides ("Voor: …", "Tegen: …"), the totals,
/// the verdict alone ("Aangenomen", "Verworpen.").
static VOTE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:voor|tegen|totaal|stemming|stemmen|uitslag)\b|(?:aangenomen|verworpen|aangehouden|ingetrokken)\b\W*$)",
    )
});

struct Item {
    number: String,
    text: String,
    /// Where the item's title ends: before the first line under it that records the vote
    /// ("Voor: CDA (5), …", "Totaal voor: 14", "Aangenomen").
    head: Option<usize>,
    /// The kind a code names ("M3") or the list it belongs to ("amendementen …:").
    kind: Option<DocKind>,
    nested: bool,
}

/// The kind of item a line that opens a list names: "Vier amendementen werden ingediend:".
fn kind_named(text: &str) -> Option<DocKind> {
    let last = text.rsplit(['.', ';']).find(|s| !s.trim().is_empty())?;
    let t = last.to_lowercase();
    let a = t.find("amendement");
    let m = t.find("motie");
    match (a, m) {
        (Some(a), Some(m)) if m < a => Some(DocKind::Motie),
        (Some(_), _) => Some(DocKind::Amendement),
        (None, Some(_)) => Some(DocKind::Motie),
        _ => None,
    }
}

fn items(text: &str) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    // The last number at each depth of nesting.
    let mut levels: Vec<u32> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        crate::budget::check();
        if let Some(c) = NUMBERED.captures(line) {
            let rest = c["rest"].to_owned();
            // A code ("M3", "A-2"), or a number after the kind word ("Motie 3 …").
            let coded = c
                .name("code")
                .filter(|code| c.name("word").is_some() || code.as_str().starts_with(['M', 'A']));
            if let Some(code) = coded {
                let code: String = code
                    .as_str()
                    .trim_start_matches("nr.")
                    .trim_start_matches("nr")
                    .split_whitespace()
                    .collect();
                let word = c.name("word").map(|w| w.as_str().to_lowercase());
                let kind = match word.as_deref() {
                    Some("motie") => DocKind::Motie,
                    Some(_) => DocKind::Amendement,
                    None if code.starts_with('M') => DocKind::Motie,
                    None => DocKind::Amendement,
                };
                items.push(Item {
                    number: code,
                    text: rest,
                    head: None,
                    kind: Some(kind),
                    nested: false,
                });
                continue;
            }
            // Else a numbered line, when it is the next item of a list or opens one.
            if let Some(number) = c.name("n").map(|n| n.as_str().to_owned()) {
                let lettered = number.ends_with(|ch: char| ch.is_ascii_lowercase());
                let n: u32 = number
                    .trim_end_matches(|ch: char| ch.is_ascii_lowercase())
                    .parse()
                    .unwrap_or(0);
                let opens = items.last().is_some_and(|i| i.text.ends_with(':'));
                let depth = if levels.is_empty() {
                    (n <= 2).then_some(0)
                } else if opens && n == 1 {
                    Some(levels.len())
                } else {
                    (0..levels.len())
                        .rev()
                        .find(|&d| levels[d] + 1 == n || lettered && levels[d] == n)
                };
                if let Some(depth) = depth {
                    let kind = if depth > 0 && depth == levels.len() {
                        items.last().and_then(|i| kind_named(&i.text))
                    } else if depth > 0 {
                        items
                            .iter()
                            .rev()
                            .find(|i| i.nested || depth == 1)
                            .and_then(|i| i.kind)
                    } else {
                        None
                    };
                    levels.truncate(depth);
                    levels.push(n);
                    items.push(Item {
                        number,
                        text: rest,
                        head: None,
                        kind,
                        nested: depth > 0,
                    });
                    continue;
                }
            }
        }
        // A line the page wrapped runs on until the item's text ends a sentence or a clause;
        // a table's row is a row of its own.
        if let Some(item) = items.last_mut() {
            if !item.text.ends_with(['.', ':', ';', '!', '?']) && !line.contains('\t') {
                if item.head.is_none() && VOTE_LINE.is_match(line) {
                    item.head = Some(item.text.len());
                }
                item.text.push(' ');
                item.text.push_str(line);
            }
        }
    }
    items
}

/// The item's own kind when its text opens with a kind word.
fn kind_word(text: &str) -> Option<DocKind> {
    let t = text.trim_start().to_lowercase();
    if t.starts_with("motie") {
        Some(DocKind::Motie)
    } else if t.starts_with("amendement") {
        Some(DocKind::Amendement)
    } else if t.starts_with("raadsvoorstel") || t.starts_with("voorstel") {
        Some(DocKind::Raadsvoorstel)
    } else {
        None
    }
}

/// The filers named at the end of a title ("… van CDA en PvdA", "… (D66)"), if every name is
/// a party's; the title without them.
fn split_filers(title: &str) -> (String, Vec<String>) {
    let t = title.trim().trim_end_matches([',', ':', '-', '–']).trim();
    let (head, tail) = if let Some(open) = t.strip_suffix(')').and_then(|x| x.rfind('(')) {
        (&t[..open], &t[open + 1..t.len() - 1])
    } else if let Some(m) = FILED_BY.find_iter(t).last() {
        (&t[..m.start()], &t[m.end()..])
    } else {
        return (t.to_owned(), Vec::new());
    };
    let names: Vec<&str> = tail
        .split([',', '/', '&'])
        .flat_map(|p| p.split(" en "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let parties: Vec<String> = names
        .iter()
        .filter_map(|n| parties::canonical(n).map(str::to_owned))
        .collect();
    if names.is_empty() || parties.len() != names.len() {
        return (t.to_owned(), Vec::new());
    }
    (head.trim().to_owned(), parties)
}

/// The title before the verdict: "Motie Groen van CDA werd met algemene stemmen" -> "Groen".
/// The verb of the verdict ("werd", "is") stands at most a few words before it.
fn title_before(text: &str) -> (String, Vec<String>) {
    // A row copied from a table: the title is its first cell that is not only parties, the
    // filers the cells that are.
    if text.contains('\t') {
        let cells: Vec<&str> = text.split('\t').map(str::trim).collect();
        let names = |c: &str| -> Vec<String> {
            c.split([',', '/', '&'])
                .flat_map(|p| p.split(" en "))
                .map(|p| p.trim().to_owned())
                .filter(|p| !p.is_empty())
                .collect()
        };
        let only_parties = |c: &str| {
            let n = names(c);
            !n.is_empty() && n.iter().all(|n| parties::canonical(n).is_some())
        };
        let title = cells
            .iter()
            .find(|c| c.chars().any(char::is_alphabetic) && !only_parties(c))
            .map(|c| strip_kind_word(c))
            .unwrap_or_default();
        let filers = cells
            .iter()
            .filter(|c| only_parties(c))
            .flat_map(|c| names(c))
            .filter_map(|n| parties::canonical(&n).map(str::to_owned))
            .collect();
        return (title, filers);
    }
    let mut words: Vec<&str> = text.split_whitespace().collect();
    let aux = words.iter().rev().take(6).position(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "werd" | "wordt" | "is" | "werden" | "worden" | "zijn"
        )
    });
    if let Some(back) = aux {
        words.truncate(words.len() - back - 1);
    }
    let joined = words.join(" ");
    let joined = MANNER.replace(&joined, "");
    let (title, filers) = split_filers(joined.trim_start_matches(['-', '–', ':', ' ']));
    (strip_kind_word(&title), filers)
}

/// A decision's title: its infinitive and leading article left out ("Het bestemmingsplan X
/// vast te stellen" -> "Bestemmingsplan X").
fn decision_title(sentence: &str) -> String {
    let t = sentence.trim().trim_end_matches('.');
    let t = INFINITIVE_END.replace(t, "");
    let t = t
        .strip_prefix("Het ")
        .or_else(|| t.strip_prefix("De "))
        .unwrap_or(&t);
    let mut chars = t.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The decisions of a numbered list; empty when the text holds no such list (fewer than two
/// items decided). `decision_list`: the document is a decision list, whose items written as
/// infinitives under "besloot" are the decisions taken.
pub fn events(text: &str, decision_list: bool) -> Vec<VoteEvent> {
    let items = items(text);
    let first = items.first().and_then(|i| text.find(&i.text));
    let preamble_decides = first.is_some_and(|end| DECIDED.is_match(&text[..end]));
    let mut out: Vec<VoteEvent> = Vec::new();
    for item in &items {
        let own_kind = kind_word(&item.text);
        let kind = own_kind.or(item.kind).unwrap_or(DocKind::Raadsvoorstel);
        let first_sentence = item
            .text
            .split_inclusive(". ")
            .next()
            .unwrap_or(&item.text)
            .trim();
        let mut e = VoteEvent {
            number: Some(item.number.clone()),
            item_kind: Some(kind),
            listed: true,
            ..VoteEvent::default()
        };
        if let Some((outcome, at)) = verdict(&item.text) {
            let (title, filers) = title_before(&item.text[..item.head.unwrap_or(at).min(at)]);
            if title.is_empty() {
                continue;
            }
            e.title = Some(title);
            e.submitters = filers;
            e.outcome = Some(outcome);
            fill_counts(&mut e, &item.text);
        } else if decision_list
            && preamble_decides
            && !item.nested
            && !first_sentence.ends_with(':')
            && INFINITIVE_END.is_match(first_sentence.trim_end_matches('.'))
            && !PROCEDURAL.is_match(first_sentence)
        {
            e.title = Some(decision_title(first_sentence));
            e.outcome = Some(Outcome::Aangenomen);
        } else {
            continue;
        }
        out.push(e);
    }
    if out.iter().filter(|e| e.outcome.is_some()).count() < 2 {
        return Vec::new();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = "Besluiten van de raad van 3 maart 2025\n\n\
De raad besloot in zijn vergadering:\n\n\
1. De nota parkeren in de binnenstad vast te stellen. Drie amendementen werden ingediend:\n\
1. Vergunning voor bewoners van VVD en D66 aangenomen met 14 stemmen voor (VVD, D66 en CDA) en 9 tegen.\n\
2. Geen betaald parkeren op zondag van SP verworpen (4-19).\n\
3. Fietsenstalling bij het station van GroenLinks werd ingetrokken.\n\
2. Het krediet voor de brug over de Vaart te verlenen.\n\
3. Twee moties vreemd aan de orde van de dag te behandelen:\n\
1. Motie Speeltuinen van het CDA werd aangehouden.\n\
2. Motie Bankjes in het park van PvdA werd met algemene stemmen aangenomen.\n\
4. De besluitenlijst van de vorige vergadering vast te stellen.\n";

    #[test]
    fn a_nested_list_of_decisions_amendments_and_motions() {
        let got = events(LIST, true);
        let find = |kind: DocKind, n: &str| {
            got.iter()
                .find(|e| e.item_kind == Some(kind) && e.number.as_deref() == Some(n))
                .unwrap_or_else(|| panic!("{kind:?} {n}: {got:#?}"))
        };
        let nota = find(DocKind::Raadsvoorstel, "1");
        assert_eq!(nota.outcome, Some(Outcome::Aangenomen));
        assert_eq!(
            nota.title.as_deref(),
            Some("Nota parkeren in de binnenstad")
        );
        let a1 = find(DocKind::Amendement, "1");
        assert_eq!(a1.title.as_deref(), Some("Vergunning voor bewoners"));
        assert_eq!(a1.submitters, ["VVD", "D66"]);
        assert_eq!((a1.votes_for, a1.votes_against), (Some(14), Some(9)));
        let a2 = find(DocKind::Amendement, "2");
        assert_eq!(
            (a2.outcome, a2.votes_for, a2.votes_against),
            (Some(Outcome::Verworpen), Some(4), Some(19))
        );
        assert_eq!(
            find(DocKind::Amendement, "3").outcome,
            Some(Outcome::Ingetrokken)
        );
        let brug = find(DocKind::Raadsvoorstel, "2");
        assert_eq!(
            brug.title.as_deref(),
            Some("Krediet voor de brug over de Vaart")
        );
        assert_eq!(
            find(DocKind::Motie, "1").outcome,
            Some(Outcome::Aangehouden)
        );
        let m2 = find(DocKind::Motie, "2");
        assert!(m2.unanimous);
        assert_eq!(m2.title.as_deref(), Some("Bankjes in het park"));
        assert_eq!(
            got.len(),
            7,
            "the agenda item and the minutes decide nothing: {got:#?}"
        );
    }

    /// A vote overview: each item's title on its own line, the sides, the totals and the
    /// verdict on the lines under it.
    #[test]
    fn an_overview_with_the_sides_and_totals_under_each_item() {
        let text = "Motie 1 Bankjes in het park\nVoor: CDA (4), D66 (3)\nTegen: VVD (2)\nTotaal voor: 7\nTotaal tegen: 2\nAangenomen\n\nAmendement 1 Minder parkeren\nVoor: VVD (2)\nTegen: CDA (4), D66 (3)\nTotaal voor: 2\nTotaal tegen: 7\nVerworpen\n";
        let found = events(text, false);
        let seen: Vec<_> = found
            .iter()
            .map(|e| (e.title.as_deref(), e.outcome, e.votes_for, e.votes_against))
            .collect();
        assert_eq!(
            seen,
            [
                (
                    Some("Bankjes in het park"),
                    Some(Outcome::Aangenomen),
                    Some(7),
                    Some(2)
                ),
                (
                    Some("Minder parkeren"),
                    Some(Outcome::Verworpen),
                    Some(2),
                    Some(7)
                ),
            ]
        );
    }

    #[test]
    fn coded_items_and_plain_text() {
        let got = events(
            "Stemmingen\nM1 Groen dak: aangenomen (20-9)\nA2 Lagere leges: verworpen\n",
            false,
        );
        assert_eq!(got.len(), 2, "{got:#?}");
        assert_eq!(got[0].number.as_deref(), Some("M1"));
        assert_eq!(got[0].item_kind, Some(DocKind::Motie));
        assert_eq!(got[0].title.as_deref(), Some("Groen dak"));
        assert_eq!(got[1].item_kind, Some(DocKind::Amendement));
        let table = events(
            "Moties\nMotie M4\tMeer groen\tGroenLinks, D66\taangenomen met 11 tegen 8\nMotie M5\tMinder grijs\tVVD\tverworpen (2-17)\n",
            false,
        );
        assert_eq!(table.len(), 2, "{table:#?}");
        assert_eq!(table[0].number.as_deref(), Some("M4"));
        assert_eq!(table[0].title.as_deref(), Some("Meer groen"));
        assert_eq!(table[0].submitters, ["GroenLinks", "D66"]);
        assert_eq!(
            (table[0].votes_for, table[0].votes_against),
            (Some(11), Some(8))
        );
        assert_eq!(
            (table[1].votes_for, table[1].votes_against),
            (Some(2), Some(17))
        );
        let prose = events(
            "Uitslagen\nMotie 7 Veilige oversteek (CDA): aangenomen (20-9)\nA12 - Lagere leges (VVD) - verworpen 12-18\n",
            false,
        );
        assert_eq!(prose.len(), 2, "{prose:#?}");
        assert_eq!(
            (prose[0].number.as_deref(), prose[0].item_kind),
            (Some("7"), Some(DocKind::Motie))
        );
        assert_eq!(prose[0].title.as_deref(), Some("Veilige oversteek"));
        assert_eq!(prose[1].title.as_deref(), Some("Lagere leges"));
        assert_eq!(prose[1].submitters, ["VVD"]);
        assert!(events("1. Eén punt werd aangenomen.\nVerder niets.", false).is_empty());
        let headings = "1. Hamerstukken\nnr.\tonderwerp\tbesluit\n1.1\tVerordening\taanvaard\n\
            2. Bespreekstukken\nnr.\tonderwerp\tbesluit\n2.1\tBegroting\tverworpen 10/20\n";
        assert!(
            events(headings, true).is_empty(),
            "agenda headings over tables are no decisions: the tables are read as tables"
        );
        assert!(events("Geen lijst hier.", true).is_empty());
    }
}
