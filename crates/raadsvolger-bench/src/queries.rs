//! The fixed query set: 50 queries in each of 12 classes, drawn from the generator's vocabulary
//! by frequency rank, each written for both engines (Raadsvolger's query language and an FTS5
//! MATCH expression with the same meaning).

use crate::corpus::Generator;
use crate::rng::Rng;
use crate::vocab;

pub const PER_CLASS: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    Rare,
    Medium,
    Common,
    And2,
    And3,
    Or,
    Phrase,
    StopPhrase,
    Prefix,
    Filtered,
    Not,
    ZeroHit,
}

impl Class {
    pub const ALL: [Class; 12] = [
        Class::Rare,
        Class::Medium,
        Class::Common,
        Class::And2,
        Class::And3,
        Class::Or,
        Class::Phrase,
        Class::StopPhrase,
        Class::Prefix,
        Class::Filtered,
        Class::Not,
        Class::ZeroHit,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Class::Rare => "rare term",
            Class::Medium => "medium term",
            Class::Common => "common term",
            Class::And2 => "2 terms AND",
            Class::And3 => "3 terms AND",
            Class::Or => "OR",
            Class::Phrase => "phrase",
            Class::StopPhrase => "stop-word phrase",
            Class::Prefix => "prefix",
            Class::Filtered => "filtered",
            Class::Not => "NOT",
            Class::ZeroHit => "zero-hit",
        }
    }

    pub fn example(self) -> &'static str {
        match self {
            Class::Rare => "`jeugdwijkregister`",
            Class::Medium => "`parkeerbeleid`",
            Class::Common => "`gemeente`",
            Class::And2 => "`woningen subsidie`",
            Class::And3 => "`woningen subsidie jongeren`",
            Class::Or => "`sporthal OR zwembad`",
            Class::Phrase => "`\"betaalbare woningen\"`",
            Class::StopPhrase => "`\"voor de zomer\"`",
            Class::Prefix => "`parkee*`",
            Class::Filtered => "`armoede kind:motie`",
            Class::Not => "`woningen -parkeren`",
            Class::ZeroHit => "`qzvrtmek`",
        }
    }
}

/// One query in both languages.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Query {
    pub class: Class,
    /// Raadsvolger's query language.
    pub text: String,
    /// FTS5 MATCH expression over the columns `title`, `body`, `kind`, `year`, `parties`.
    pub fts: String,
}

/// Phrases of the templates that hold stop words.
const STOP_PHRASES: &[&str] = &[
    "voor de zomer",
    "voor het einde van het jaar",
    "in het kader van",
    "op de hoogte",
    "met het oog op",
    "tot en met",
    "aan de orde",
    "niet aangenomen",
    "in de wijk",
    "van de gemeente",
    "de orde van de dag",
    "gehoord de beraadslaging",
    "in vergadering bijeen",
    "met elkaar verbonden",
    "het college van burgemeester en wethouders",
    "met vriendelijke groet",
    "is er aandacht voor",
    "er is nog geen besluit",
    "het is van belang dat",
    "in het eerste kwartaal van",
    "voor de zomer van",
    "de raad wordt voor het einde",
    "zo nodig",
    "na twee jaar",
    "niet om",
];

const KIND_KEYS: &[&str] = &[
    "motie",
    "agendapunt",
    "raadsvoorstel",
    "besluitenlijst",
    "raadsinformatiebrief",
];

/// Single-word nouns (multi-word entries such as "openbare ruimte" are left out).
fn single(word: &str) -> bool {
    !word.contains(' ') && !word.contains('\'')
}

/// An FTS5 string for one folded word or phrase.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Party names as one token each in the FTS5 table (`Partij voor de Dieren` ->
/// `partijvoordedieren`).
pub fn party_token(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The text part wrapped in the column filter that keeps it off the filter columns.
fn text(expr: &str) -> String {
    format!("{{title body}} : ({expr})")
}

pub fn build(generator: &Generator, seed: u64) -> Vec<Query> {
    let lex = generator.lexicon();
    let nouns: Vec<&str> = lex.nouns.iter().map(String::as_str).collect();
    let ranked = |lo: usize, hi: usize| -> Vec<&str> {
        nouns[lo.min(nouns.len())..hi.min(nouns.len())]
            .iter()
            .copied()
            .filter(|w| single(w))
            .collect()
    };
    let common = ranked(0, 40);
    let medium = ranked(300, 3_000);
    let rare = ranked(20_000, nouns.len());
    let mut rng = Rng::new(seed ^ 0x0051_E21E5);
    let mut out = Vec::new();
    let mut push = |class: Class, text: String, fts: String| {
        out.push(Query { class, text, fts });
    };
    for class in Class::ALL {
        for i in 0..PER_CLASS {
            match class {
                Class::Rare | Class::Medium | Class::Common => {
                    let pool = match class {
                        Class::Rare => &rare,
                        Class::Medium => &medium,
                        _ => &common,
                    };
                    let w = pool[(i * 7 + rng.below(pool.len())) % pool.len()];
                    push(class, w.to_owned(), text(&quoted(w)));
                }
                Class::And2 | Class::And3 => {
                    let n = if class == Class::And2 { 2 } else { 3 };
                    let mut words = vec![*rng.pick(&common)];
                    while words.len() < n {
                        let w = *rng.pick(&medium);
                        if !words.contains(&w) {
                            words.push(w);
                        }
                    }
                    let fts: Vec<String> = words.iter().map(|w| quoted(w)).collect();
                    push(class, words.join(" "), text(&fts.join(" AND ")));
                }
                Class::Or => {
                    let a = *rng.pick(&medium);
                    let b = *rng.pick(&medium);
                    push(
                        class,
                        format!("{a} OR {b}"),
                        text(&format!("{} OR {}", quoted(a), quoted(b))),
                    );
                }
                Class::Phrase => {
                    let a = vocab::ADJECTIVES[rng.below(12)];
                    let n = common[rng.below(common.len())];
                    let p = format!("{a} {n}");
                    push(class, format!("\"{p}\""), text(&quoted(&p)));
                }
                Class::StopPhrase => {
                    let p = STOP_PHRASES[i % STOP_PHRASES.len()];
                    let p = if i >= STOP_PHRASES.len() && p.ends_with(" van") {
                        format!("{p} {}", 2000 + rng.below(27))
                    } else if i >= STOP_PHRASES.len() {
                        format!("{p} de")
                    } else {
                        p.to_owned()
                    };
                    push(class, format!("\"{p}\""), text(&quoted(&p)));
                }
                Class::Prefix => {
                    let head = vocab::HEADS[(i * 3 + rng.below(5)) % vocab::HEADS.len()];
                    let len = head.chars().count().min(4 + i % 3);
                    let prefix: String = head.chars().take(len).collect();
                    let prefix = if prefix.chars().count() < 4 {
                        let n = *rng.pick(&medium);
                        n.chars().take(5).collect()
                    } else {
                        prefix
                    };
                    push(
                        class,
                        format!("{prefix}*"),
                        text(&format!("{} *", quoted(&prefix))),
                    );
                }
                Class::Filtered => {
                    let w = if i % 2 == 0 {
                        *rng.pick(&common)
                    } else {
                        *rng.pick(&medium)
                    };
                    let (filter, fts_filter) = match i % 3 {
                        0 => {
                            let k = KIND_KEYS[rng.below(KIND_KEYS.len())];
                            (format!("kind:{k}"), format!("kind : {}", quoted(k)))
                        }
                        1 => {
                            let y = 2005 + rng.below(22);
                            (format!("year:{y}"), format!("year : \"{y}\""))
                        }
                        _ => {
                            let p = vocab::PARTIES[rng.below(8)];
                            let token = party_token(p);
                            let q = if p.contains(' ') {
                                format!("\"{p}\"")
                            } else {
                                p.to_owned()
                            };
                            (
                                format!("party:{q}"),
                                format!("parties : {}", quoted(&token)),
                            )
                        }
                    };
                    push(
                        class,
                        format!("{w} {filter}"),
                        format!("{} AND {fts_filter}", text(&quoted(w))),
                    );
                }
                Class::Not => {
                    let a = *rng.pick(&common);
                    let b = *rng.pick(&medium);
                    push(
                        class,
                        format!("{a} -{b}"),
                        text(&format!("{} NOT {}", quoted(a), quoted(b))),
                    );
                }
                Class::ZeroHit => {
                    const LETTERS: &[u8] = b"bcdfghjklmnpqrstvwxz";
                    let mut w = String::from("q");
                    for _ in 0..rng.range(6, 9) {
                        w.push(LETTERS[rng.below(LETTERS.len())] as char);
                    }
                    push(class, w.clone(), text(&quoted(&w)));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::DEFAULT_SEED;

    #[test]
    fn fifty_parseable_queries_per_class() {
        let g = Generator::new(DEFAULT_SEED);
        let qs = build(&g, DEFAULT_SEED);
        assert_eq!(qs.len(), Class::ALL.len() * PER_CLASS);
        for q in &qs {
            raadsvolger_core::index::query::parse(&q.text)
                .unwrap_or_else(|e| panic!("{:?} {}: {e}", q.class, q.text));
        }
    }
}
