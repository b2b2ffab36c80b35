//! The search query language, parsed into a small syntax tree.
//!
//! ```text
//! mensenhandel zorgcoördinator          both words (AND)
//! "voor de zomer"                       a phrase
//! motie -amendement                     exclusion
//! zorg*                                 prefix
//! motie OR amendement                   either (binds looser than AND)
//! (motie OR amendement) mensenhandel    grouping
//! kind:motie year:2018 party:CU         filters (also from:2018-01-01 to:2018-12-31)
//! ```
//! Dutch aliases work for the filters too: `soort:`, `jaar:`, `van:`, `tot:`, `partij:`.
//! A query may consist of filters alone (every document that passes them).

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::extract::parties;
use crate::model::DocKind;

/// Most words and phrases in one query.
pub const MAX_CLAUSES: usize = 64;
/// Deepest nesting of parentheses.
pub const MAX_DEPTH: usize = 8;
/// Longest query, in characters.
pub const MAX_QUERY_CHARS: usize = 2_000;
/// Longest word (a run of letters and digits), in bytes: the index drops longer words (see
/// `analysis`), so a longer one could never match, typo-tolerant or not.
pub const MAX_WORD_BYTES: usize = 47;

/// A parsed query: the text part and the filters.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ParsedQuery {
    /// `None` when the query holds only filters (or nothing but exclusions).
    pub root: Option<Node>,
    pub filters: Filters,
}

/// Filters, from the query text or from the caller (`--kind`, `--party`, ...).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filters {
    /// Any of these kinds (empty: all).
    pub kinds: Vec<DocKind>,
    /// All of these parties (canonical names).
    pub parties: Vec<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty() && self.parties.is_empty() && self.from.is_none() && self.to.is_none()
    }

    /// Adds `other`'s filters to these: kinds are OR-ed, parties AND-ed, the date window narrowed.
    pub fn merge(&mut self, other: &Filters) -> Result<()> {
        for k in &other.kinds {
            if !self.kinds.contains(k) {
                self.kinds.push(*k);
            }
        }
        for p in &other.parties {
            if !self.parties.contains(p) {
                self.parties.push(p.clone());
            }
        }
        self.from = max_opt(self.from, other.from);
        self.to = min_opt(self.to, other.to);
        if let (Some(f), Some(t)) = (self.from, self.to) {
            if f > t {
                return Err(Error::InvalidQuery(format!(
                    "the date window is empty: from {f} is after to {t}"
                )));
            }
        }
        Ok(())
    }
}

fn max_opt(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

fn min_opt(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// A node of the query tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// One word as typed (not yet analysed).
    Word(String),
    /// `word*`: the part before the star.
    Prefix(String),
    /// `"a phrase"`: the text between the quotes.
    Phrase(String),
    /// All must match; the `Not` children must not.
    And(Vec<Node>),
    /// At least one must match.
    Or(Vec<Node>),
    Not(Box<Node>),
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open,
    Close,
    Or,
    Minus,
    Word(String),
    Phrase(String),
}

/// Parses a query. Every mistake gets a message that says what to change. Queries that would
/// cost much or could never match are refused here: over [`MAX_QUERY_CHARS`] characters, over
/// [`MAX_CLAUSES`] words, parentheses over [`MAX_DEPTH`] deep, a word over [`MAX_WORD_BYTES`].
pub fn parse(input: &str) -> Result<ParsedQuery> {
    if input.chars().nth(MAX_QUERY_CHARS).is_some() {
        return Err(Error::InvalidQuery(format!(
            "the query is {} characters long; at most {MAX_QUERY_CHARS} are allowed",
            input.chars().count()
        )));
    }
    let mut filters = Filters::default();
    let tokens = lex(input, &mut filters)?;
    let clauses = tokens
        .iter()
        .filter(|t| matches!(t, Tok::Word(_) | Tok::Phrase(_)))
        .count();
    if clauses > MAX_CLAUSES {
        return Err(Error::InvalidQuery(format!(
            "the query has {clauses} words; at most {MAX_CLAUSES} are allowed"
        )));
    }
    let mut parser = Parser { tokens, pos: 0 };
    let root = if parser.tokens.is_empty() {
        None
    } else {
        let node = parser.or_expr(0)?;
        if let Some(tok) = parser.peek() {
            return Err(Error::InvalidQuery(match tok {
                Tok::Close => "there is a closing parenthesis ')' without an opening one".into(),
                other => format!("unexpected {other:?} in the query"),
            }));
        }
        Some(node)
    };
    if let Some(f) = filters.from {
        if let Some(t) = filters.to {
            if f > t {
                return Err(Error::InvalidQuery(format!(
                    "the date window is empty: from {f} is after to {t}"
                )));
            }
        }
    }
    Ok(ParsedQuery { root, filters })
}

fn lex(input: &str, filters: &mut Filters) -> Result<Vec<Tok>> {
    let mut out = Vec::new();
    let mut chars = input.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' => {
                chars.next();
                out.push(Tok::Open);
            }
            ')' => {
                chars.next();
                out.push(Tok::Close);
            }
            '"' | '“' | '”' | '„' => {
                chars.next();
                let start = i + c.len_utf8();
                let mut end = None;
                for (j, d) in chars.by_ref() {
                    if matches!(d, '"' | '“' | '”' | '„') {
                        end = Some(j);
                        break;
                    }
                }
                let end = end.ok_or_else(|| {
                    Error::InvalidQuery("a phrase is missing its closing quote (\")".into())
                })?;
                let phrase = input[start..end].trim();
                if phrase.is_empty() {
                    return Err(Error::InvalidQuery(
                        "an empty phrase (\"\") searches for nothing".into(),
                    ));
                }
                out.push(Tok::Phrase(phrase.to_owned()));
            }
            // Words are read whole ("Gooi-en-Vechtstreek"), so a minus here starts a token.
            '-' => {
                chars.next();
                match chars.peek() {
                    Some(&(_, n)) if !n.is_whitespace() && n != ')' => out.push(Tok::Minus),
                    _ => {
                        return Err(Error::InvalidQuery(
                            "a minus sign must stand right before the word to exclude, as in -amendement".into(),
                        ));
                    }
                }
            }
            _ => {
                let start = i;
                let mut end = input.len();
                while let Some(&(j, d)) = chars.peek() {
                    if d.is_whitespace() || matches!(d, '(' | ')' | '"' | '“' | '”' | '„') {
                        end = j;
                        break;
                    }
                    chars.next();
                }
                let word = &input[start..end];
                if word == "OR" || word == "|" || word == "OF" {
                    out.push(Tok::Or);
                } else if let Some((key, value)) = split_filter(word) {
                    if matches!(out.last(), Some(Tok::Minus)) {
                        return Err(Error::InvalidQuery(format!(
                            "filters cannot be excluded: remove the minus before {word}"
                        )));
                    }
                    apply_filter(key, value, filters)?;
                } else {
                    out.push(Tok::Word(word.to_owned()));
                }
            }
        }
    }
    Ok(out)
}

/// `key:value` where key is alphabetic; `None` for words like "11:05" or "http://".
fn split_filter(word: &str) -> Option<(&str, &str)> {
    let (key, value) = word.split_once(':')?;
    if key.is_empty() || !key.chars().all(|c| c.is_alphabetic()) || value.starts_with('/') {
        return None;
    }
    Some((key, value))
}

fn apply_filter(key: &str, value: &str, filters: &mut Filters) -> Result<()> {
    let key_lc = key.to_lowercase();
    if value.is_empty() {
        return Err(Error::InvalidQuery(format!(
            "the filter {key}: needs a value, as in {key_lc}:{}",
            example_value(&key_lc)
        )));
    }
    match key_lc.as_str() {
        "kind" | "soort" | "type" => {
            let kind = DocKind::parse(value).ok_or_else(|| {
                Error::InvalidQuery(format!(
                    "unknown document kind {value:?}; known kinds: {}",
                    DocKind::all_keys()
                ))
            })?;
            if !filters.kinds.contains(&kind) {
                filters.kinds.push(kind);
            }
        }
        "party" | "partij" | "fractie" => {
            let party = parties::canonical(value).ok_or_else(|| {
                Error::InvalidQuery(format!(
                    "unknown party {value:?}; known parties: {}",
                    parties::known_names().join(", ")
                ))
            })?;
            if !filters.parties.iter().any(|p| p == party) {
                filters.parties.push(party.to_owned());
            }
        }
        "year" | "jaar" => {
            let year: i32 = value
                .parse()
                .ok()
                .filter(|y| (1800..=2200).contains(y))
                .ok_or_else(|| {
                    Error::InvalidQuery(format!("year:{value} is not a year like 2018"))
                })?;
            let from = NaiveDate::from_ymd_opt(year, 1, 1);
            let to = NaiveDate::from_ymd_opt(year, 12, 31);
            filters.from = max_opt(filters.from, from);
            filters.to = min_opt(filters.to, to);
        }
        "from" | "van" | "vanaf" => {
            filters.from = max_opt(filters.from, Some(parse_date(key, value, true)?));
        }
        "to" | "tot" | "tm" => {
            filters.to = min_opt(filters.to, Some(parse_date(key, value, false)?));
        }
        _ => {
            return Err(Error::InvalidQuery(format!(
                "unknown filter {key}:; known filters: kind:, year:, from:, to:, party:"
            )));
        }
    }
    Ok(())
}

fn example_value(key: &str) -> &'static str {
    match key {
        "kind" | "soort" | "type" => "motie",
        "party" | "partij" | "fractie" => "ChristenUnie",
        "year" | "jaar" => "2018",
        _ => "2018-03-15",
    }
}

/// `2018-03-15`, the Dutch `15-03-2018`, or a bare year (`2018`: its first day for from:, its
/// last for to:).
pub fn parse_date(key: &str, value: &str, start: bool) -> Result<NaiveDate> {
    if let Ok(d) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Ok(d);
    }
    if value.len() >= 8 {
        if let Ok(d) = NaiveDate::parse_from_str(value, "%d-%m-%Y") {
            return Ok(d);
        }
    }
    if let Ok(year) = value.parse::<i32>() {
        if (1800..=2200).contains(&year) {
            let d = if start {
                NaiveDate::from_ymd_opt(year, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(year, 12, 31)
            };
            if let Some(d) = d {
                return Ok(d);
            }
        }
    }
    Err(Error::InvalidQuery(format!(
        "{key}:{value} is not a date; write it as DD-MM-YYYY or YYYY-MM-DD, e.g. {key}:15-03-2018"
    )))
}

struct Parser {
    tokens: Vec<Tok>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn or_expr(&mut self, depth: usize) -> Result<Node> {
        let mut alternatives = vec![self.and_expr(depth)?];
        while matches!(self.peek(), Some(Tok::Or)) {
            self.next();
            if matches!(self.peek(), None | Some(Tok::Close) | Some(Tok::Or)) {
                return Err(Error::InvalidQuery(
                    "OR needs a word on both sides, as in motie OR amendement".into(),
                ));
            }
            alternatives.push(self.and_expr(depth)?);
        }
        Ok(if alternatives.len() == 1 {
            alternatives.remove(0)
        } else {
            Node::Or(alternatives)
        })
    }

    fn and_expr(&mut self, depth: usize) -> Result<Node> {
        let mut parts = Vec::new();
        while let Some(tok) = self.peek() {
            match tok {
                Tok::Or | Tok::Close => break,
                _ => parts.push(self.unary(depth)?),
            }
        }
        match parts.len() {
            0 => Err(Error::InvalidQuery(match self.peek() {
                Some(Tok::Or) => "OR needs a word on both sides, as in motie OR amendement".into(),
                _ => "empty parentheses () search for nothing".into(),
            })),
            1 => Ok(parts.remove(0)),
            _ => Ok(Node::And(parts)),
        }
    }

    fn unary(&mut self, depth: usize) -> Result<Node> {
        if matches!(self.peek(), Some(Tok::Minus)) {
            self.next();
            return Ok(Node::Not(Box::new(self.primary(depth)?)));
        }
        self.primary(depth)
    }

    fn primary(&mut self, depth: usize) -> Result<Node> {
        match self.next() {
            Some(Tok::Open) => {
                if depth >= MAX_DEPTH {
                    return Err(Error::InvalidQuery(format!(
                        "parentheses are nested more than {MAX_DEPTH} deep"
                    )));
                }
                let inner = self.or_expr(depth + 1)?;
                match self.next() {
                    Some(Tok::Close) => Ok(inner),
                    _ => Err(Error::InvalidQuery(
                        "an opening parenthesis '(' is never closed".into(),
                    )),
                }
            }
            Some(Tok::Phrase(p)) => {
                check_word_lengths(&p)?;
                Ok(Node::Phrase(p))
            }
            Some(Tok::Word(w)) => word_node(w),
            Some(Tok::Minus) => Err(Error::InvalidQuery(
                "a double minus (--) is not allowed".into(),
            )),
            Some(Tok::Close) => Err(Error::InvalidQuery(
                "there is a closing parenthesis ')' without an opening one".into(),
            )),
            Some(Tok::Or) | None => Err(Error::InvalidQuery(
                "OR needs a word on both sides, as in motie OR amendement".into(),
            )),
        }
    }
}

/// Refuses text holding a word the index could never contain.
fn check_word_lengths(text: &str) -> Result<()> {
    let too_long = text
        .split(|c: char| !c.is_alphanumeric())
        .find(|run| run.len() > MAX_WORD_BYTES);
    match too_long {
        Some(run) => Err(Error::InvalidQuery(format!(
            "the word {}… is {} characters long; words longer than {MAX_WORD_BYTES} letters are \
             not indexed, so it cannot match",
            run.chars().take(20).collect::<String>(),
            run.chars().count()
        ))),
        None => Ok(()),
    }
}

fn word_node(w: String) -> Result<Node> {
    check_word_lengths(&w)?;
    if let Some(stem) = w.strip_suffix('*') {
        let letters = stem.chars().filter(|c| c.is_alphanumeric()).count();
        if stem.contains('*') || letters < 2 {
            return Err(Error::InvalidQuery(format!(
                "{w}: a prefix search needs at least two letters before a single *, as in zorg*"
            )));
        }
        return Ok(Node::Prefix(stem.to_owned()));
    }
    if w.contains('*') {
        return Err(Error::InvalidQuery(format!(
            "{w}: * may only stand at the end of a word, as in zorg*"
        )));
    }
    Ok(Node::Word(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(q: &str) -> Node {
        parse(q).expect("parses").root.expect("has a text part")
    }

    fn err(q: &str) -> String {
        parse(q).expect_err("must fail").to_string()
    }

    #[test]
    fn words_are_anded_and_or_binds_looser() {
        assert_eq!(
            root("a b OR c"),
            Node::Or(vec![
                Node::And(vec![Node::Word("a".into()), Node::Word("b".into())]),
                Node::Word("c".into())
            ])
        );
    }

    #[test]
    fn phrases_prefixes_exclusions_and_groups() {
        assert_eq!(
            root("\"voor de zomer\" zorg* -amendement (x OR y)"),
            Node::And(vec![
                Node::Phrase("voor de zomer".into()),
                Node::Prefix("zorg".into()),
                Node::Not(Box::new(Node::Word("amendement".into()))),
                Node::Or(vec![Node::Word("x".into()), Node::Word("y".into())]),
            ])
        );
    }

    #[test]
    fn hyphenated_words_are_not_exclusions() {
        assert_eq!(
            root("Gooi-en-Vechtstreek"),
            Node::Word("Gooi-en-Vechtstreek".into())
        );
    }

    #[test]
    fn filters_are_taken_out() {
        let q = parse("mensenhandel kind:motie partij:CU jaar:2018").expect("parses");
        assert_eq!(q.root, Some(Node::Word("mensenhandel".into())));
        assert_eq!(q.filters.kinds, vec![DocKind::Motie]);
        assert_eq!(q.filters.parties, vec!["ChristenUnie".to_string()]);
        assert_eq!(q.filters.from, NaiveDate::from_ymd_opt(2018, 1, 1));
        assert_eq!(q.filters.to, NaiveDate::from_ymd_opt(2018, 12, 31));
        let only = parse("kind:besluitenlijst").expect("parses");
        assert_eq!(only.root, None);
    }

    #[test]
    fn times_and_urls_are_words_not_filters() {
        assert_eq!(root("11:05"), Node::Word("11:05".into()));
        assert_eq!(
            root("https://almere.nl"),
            Node::Word("https://almere.nl".into())
        );
    }

    #[test]
    fn mistakes_get_clear_messages() {
        assert!(err("\"voor de zomer").contains("closing quote"));
        assert!(err("(motie").contains("never closed"));
        assert!(err("motie)").contains("without an opening"));
        assert!(err("OR motie").contains("both sides"));
        assert!(err("motie OR").contains("both sides"));
        assert!(err("*").contains("two letters"));
        assert!(err("z*rg").contains("end of a word"));
        assert!(err("kind:vergadernotitie").contains("unknown document kind"));
        assert!(err("party:Piratenpartij-X").contains("unknown party"));
        assert!(err("foo:bar").contains("unknown filter"));
        assert!(err("from:15/03/2018").contains("DD-MM-YYYY"));
        assert!(err("from:31-02-2018").contains("DD-MM-YYYY"));
        let dutch = parse("van:15-03-2018 tot:1-4-2018").expect("Dutch dates parse");
        assert_eq!(dutch.filters.from, NaiveDate::from_ymd_opt(2018, 3, 15));
        assert_eq!(dutch.filters.to, NaiveDate::from_ymd_opt(2018, 4, 1));
        assert!(err("from:2019-01-01 to:2018-01-01").contains("empty"));
        assert!(err("motie - amendement").contains("minus"));
        assert!(err(&"a ".repeat(65)).contains("at most 64"));
        assert!(err(&format!("{}x{}", "(".repeat(9), ")".repeat(9))).contains("nested"));
        assert!(err("()").contains("empty parentheses"));
        assert!(err(&"ab".repeat(30)).contains("60 characters long"));
        assert!(err(&format!("{}*", "ab".repeat(30))).contains("cannot match"));
        assert!(err(&format!("\"de {}\"", "ab".repeat(30))).contains("cannot match"));
        assert!(err(&"ö".repeat(2_001)).contains("2001 characters long; at most 2000"));
    }

    #[test]
    fn pathological_queries_are_refused_with_a_reason() {
        let thousand = (0..1_000).map(|i| format!("w{i}")).collect::<Vec<_>>();
        assert!(err("a ".repeat(1_000).trim()).contains("1000 words; at most 64"));
        assert!(err(&thousand[..300].join(" ")).contains("at most 64 are allowed"));
        assert!(err(&thousand.join(" ")).contains("at most 2000 are allowed"));
        let deep = |n: usize| format!("{}motie{}", "(".repeat(n), ")".repeat(n));
        assert!(err(&deep(10_000)).contains("at most 2000 are allowed"));
        assert!(err(&deep(900)).contains("nested more than 8 deep"));
        assert!(err("*").contains("two letters"));
        assert!(err("**").contains("two letters"));
        assert!(err(&format!("{}*", "a".repeat(1_998))).contains("cannot match"));
        // The longest word the index keeps is still searchable.
        assert_eq!(
            root(&"a".repeat(MAX_WORD_BYTES)),
            Node::Word("a".repeat(MAX_WORD_BYTES))
        );
        // Exclusions alone are a query: everything but those.
        assert_eq!(
            root("-motie -amendement"),
            Node::And(vec![
                Node::Not(Box::new(Node::Word("motie".into()))),
                Node::Not(Box::new(Node::Word("amendement".into()))),
            ])
        );
    }

    #[test]
    fn the_word_limit_is_the_indexes_own() {
        let kept = crate::index::analysis::analyze(&"a".repeat(MAX_WORD_BYTES));
        let dropped = crate::index::analysis::analyze(&"a".repeat(MAX_WORD_BYTES + 1));
        assert_eq!((kept.len(), dropped.len()), (1, 0));
    }
}
