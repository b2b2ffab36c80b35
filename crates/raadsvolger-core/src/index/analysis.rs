//! Dutch text analysis for the index and for highlighting.
//!
//! Three views of the same text, each a tantivy tokenizer:
//! - `nl_fold`: words split on anything not alphanumeric, lowercased and folded to ASCII
//!   ("Zorgcoördinator" -> "zorgcoordinator"). Exact matches; phrases use its positions.
//! - `nl_stem`: the folded words stemmed with the classic Dutch Porter stemmer. The newer
//!   Kraaij-Pohlmann stemmer strips the "ge-" prefix and so merges "gemeente" with "menen" and
//!   "gebouw" with "bouwen"; the classic one keeps them apart and still joins the plural and
//!   singular forms that council texts use (motie/moties, besluit/besluiten).
//! - `nl_tails`: for long words, the stems of their tails ("rondetafelgesprek" -> "tafelgesprek",
//!   "afelgesprek", ...), so a query for the last part of a compound finds the compound.
//!   The head of a compound ("mensenhandel" in "mensenhandelbeleid") is found by a prefix query on
//!   `nl_fold` instead, which costs nothing at index time.
//!
//! - `nl_pairs`: each two neighbouring words of which at least one is a common word ("voor de",
//!   "de zomer"), as one token at the first word's position. A phrase made of common words
//!   ("voor de zomer", "in het kader van") is then a phrase of pairs that few documents hold
//!   close together, instead of a walk through the positions of "de" in nearly every document.
//!
//! No stop words are removed: "voor", "tot", "niet" and "geen" carry meaning in deadlines and
//! decisions ("voor de zomer", "niet aangenomen").

use std::collections::HashMap;

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token,
    TokenStream, Tokenizer,
};

/// Tokenizer names registered on the index.
pub const FOLD: &str = "nl_fold";
pub const STEM: &str = "nl_stem";
pub const TAILS: &str = "nl_tails";
pub const PAIRS: &str = "nl_pairs";

/// Whether a folded word is one of the common Dutch words that `nl_pairs` pairs with its
/// neighbours: the articles, prepositions, conjunctions, pronouns and auxiliaries that make up
/// a third of council text. Changing the list changes the index: raise `INDEX_VERSION`.
pub fn is_common(word: &str) -> bool {
    matches!(
        word,
        "aan"
            | "al"
            | "als"
            | "bij"
            | "dan"
            | "dat"
            | "de"
            | "deze"
            | "die"
            | "dit"
            | "door"
            | "een"
            | "en"
            | "er"
            | "geen"
            | "het"
            | "hij"
            | "in"
            | "is"
            | "je"
            | "kan"
            | "kunnen"
            | "maar"
            | "met"
            | "na"
            | "naar"
            | "niet"
            | "nog"
            | "of"
            | "om"
            | "ons"
            | "onze"
            | "ook"
            | "op"
            | "over"
            | "te"
            | "tegen"
            | "tot"
            | "u"
            | "uit"
            | "van"
            | "voor"
            | "was"
            | "wat"
            | "we"
            | "werd"
            | "wij"
            | "wordt"
            | "worden"
            | "zal"
            | "ze"
            | "zich"
            | "zij"
            | "zijn"
            | "zo"
            | "zou"
            | "zullen"
    )
}

/// Whether `nl_pairs` holds the pair of these two neighbouring folded words.
pub fn is_indexed_pair(a: &str, b: &str) -> bool {
    is_common(a) || is_common(b)
}

/// The `nl_pairs` token of two neighbouring folded words.
pub fn pair(a: &str, b: &str) -> String {
    let mut p = String::with_capacity(a.len() + 1 + b.len());
    p.push_str(a);
    p.push(' ');
    p.push_str(b);
    p
}

/// Words longer than this (in bytes) are dropped: they are junk (base64, hashes, run-together
/// text) and would bloat the term dictionary.
const MAX_TOKEN_BYTES: usize = 48;
/// Only words of at least this many characters get tails indexed.
pub const TAIL_MIN_WORD: usize = 8;
/// A tail must leave at least this many characters of head in front of it...
pub const TAIL_MIN_HEAD: usize = 3;
/// ...and be at least this long itself.
pub const TAIL_MIN_LEN: usize = 5;

fn base_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Stems one folded word with the classic Dutch Porter stemmer.
pub fn stem(folded: &str) -> String {
    stem_with(
        &frostem::Stemmer::new(frostem::Algorithm::DutchPorter),
        folded,
    )
}

/// The classic stemmer leaves two common plural shapes alone: "-ies" (moties, fracties,
/// commissies) and "-ges" (colleges); those lose their "s" first. Afterwards a doubled final
/// consonant that it keeps ("plann" from "plannen") is undoubled, so the plural meets its
/// singular ("plan").
fn stem_with(stemmer: &frostem::Stemmer, folded: &str) -> String {
    let n = folded.len();
    let base = if (n >= 5 && folded.ends_with("ies")) || (n >= 6 && folded.ends_with("ges")) {
        &folded[..n - 1]
    } else {
        folded
    };
    let mut stem = stemmer.stem(base).into_owned();
    let bytes = stem.as_bytes();
    if let [.., a, b] = bytes {
        if a == b && a.is_ascii_alphabetic() && !b"aeiouy".contains(a) && stem.len() > 3 {
            stem.pop();
        }
    }
    stem
}

/// The folded form of one word or a short text, as `nl_fold` would index it (words joined by a
/// space).
pub fn fold(text: &str) -> String {
    analyze(text)
        .into_iter()
        .map(|t| t.text)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The folded tokens of `text`, with their byte offsets in `text`.
pub fn analyze(text: &str) -> Vec<Token> {
    let mut analyzer = base_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().clone());
    }
    out
}

/// The tails of a folded word that `nl_tails` indexes (before stemming), longest first.
pub fn tails(word: &str) -> impl Iterator<Item = &str> {
    let starts: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
    let n = starts.len();
    let range = if n >= TAIL_MIN_WORD {
        TAIL_MIN_HEAD..(n + 1).saturating_sub(TAIL_MIN_LEN)
    } else {
        0..0
    };
    range.map(move |i| &word[starts[i]..])
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Fold,
    Stem,
    Tails,
    Pairs,
}

/// One tokenizer type for the four views; see the module docs.
#[derive(Clone)]
pub struct DutchTokenizer {
    mode: Mode,
    base: TextAnalyzer,
    tokens: Vec<Token>,
    memo: Memo,
}

/// Most words a [`Memo`] holds before it starts over.
const MEMO_WORDS: usize = 50_000;

/// The stems (or stemmed tails) of the words an instance has seen. Text follows Zipf's law, so
/// most words come again, and stemming is most of the cost of indexing. tantivy clones the
/// tokenizer for each field and indexing thread, so every clone has a memo of its own.
#[derive(Clone, Default)]
struct Memo {
    views: HashMap<String, Vec<String>>,
}

impl Memo {
    fn get_or_make(&mut self, word: &str, make: impl FnOnce() -> Vec<String>) -> &[String] {
        if !self.views.contains_key(word) {
            if self.views.len() >= MEMO_WORDS {
                self.views.clear();
            }
            self.views.insert(word.to_owned(), make());
        }
        self.views.get(word).map(Vec::as_slice).unwrap_or_default()
    }
}

impl DutchTokenizer {
    pub fn fold() -> Self {
        Self::new(Mode::Fold)
    }
    pub fn stem() -> Self {
        Self::new(Mode::Stem)
    }
    pub fn tails() -> Self {
        Self::new(Mode::Tails)
    }
    pub fn pairs() -> Self {
        Self::new(Mode::Pairs)
    }
    fn new(mode: Mode) -> Self {
        DutchTokenizer {
            mode,
            base: base_analyzer(),
            tokens: Vec::new(),
            memo: Memo::default(),
        }
    }
}

impl Tokenizer for DutchTokenizer {
    type TokenStream<'a> = VecTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream<'a> {
        let DutchTokenizer {
            mode,
            base,
            tokens,
            memo,
        } = self;
        tokens.clear();
        let stemmer = frostem::Stemmer::new(frostem::Algorithm::DutchPorter);
        let mut stream = base.token_stream(text);
        // For pairs: the previous word, its start and position.
        let mut previous: Option<(String, usize, usize)> = None;
        while stream.advance() {
            let token = stream.token();
            let views = match mode {
                Mode::Pairs => {
                    if let Some((word, from, position)) = &previous {
                        if token.position == position + 1 && is_indexed_pair(word, &token.text) {
                            tokens.push(Token {
                                offset_from: *from,
                                offset_to: token.offset_to,
                                position: *position,
                                text: pair(word, &token.text),
                                position_length: 1,
                            });
                        }
                    }
                    match &mut previous {
                        Some((word, from, position)) => {
                            word.clear();
                            word.push_str(&token.text);
                            *from = token.offset_from;
                            *position = token.position;
                        }
                        None => {
                            previous = Some((token.text.clone(), token.offset_from, token.position))
                        }
                    }
                    continue;
                }
                Mode::Fold => {
                    tokens.push(token.clone());
                    continue;
                }
                // A word of fewer bytes has fewer characters still: no tails to look up.
                Mode::Tails if token.text.len() < TAIL_MIN_WORD => continue,
                Mode::Stem => {
                    memo.get_or_make(&token.text, || vec![stem_with(&stemmer, &token.text)])
                }
                Mode::Tails => memo.get_or_make(&token.text, || {
                    tails(&token.text)
                        .map(|tail| stem_with(&stemmer, tail))
                        .collect()
                }),
            };
            for view in views {
                tokens.push(Token {
                    offset_from: token.offset_from,
                    offset_to: token.offset_to,
                    position: token.position,
                    text: view.clone(),
                    position_length: token.position_length,
                });
            }
        }
        VecTokenStream { tokens, next: 0 }
    }
}

/// A token stream over tokens computed up front.
pub struct VecTokenStream<'a> {
    tokens: &'a mut Vec<Token>,
    next: usize,
}

impl TokenStream for VecTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// Registers the four tokenizers on an index.
pub fn register(index: &tantivy::Index) {
    let manager = index.tokenizers();
    manager.register(PAIRS, DutchTokenizer::pairs());
    manager.register(FOLD, DutchTokenizer::fold());
    manager.register(STEM, DutchTokenizer::stem());
    manager.register(TAILS, DutchTokenizer::tails());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(mut tok: DutchTokenizer, text: &str) -> Vec<String> {
        let mut stream = tok.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn pairs_join_common_words_with_their_neighbours() {
        assert_eq!(
            run(
                DutchTokenizer::pairs(),
                "Vóór de zomer komt het college met een plan."
            ),
            [
                "voor de",
                "de zomer",
                "komt het",
                "het college",
                "college met",
                "met een",
                "een plan"
            ]
        );
        // Two uncommon neighbours make no pair; a lone word none at all.
        assert!(run(DutchTokenizer::pairs(), "betaalbare woningen").is_empty());
        assert!(run(DutchTokenizer::pairs(), "de").is_empty());
        let mut tok = DutchTokenizer::pairs();
        let mut stream = tok.token_stream("in het kader");
        let mut positions = Vec::new();
        while stream.advance() {
            positions.push((stream.token().position, stream.token().offset_from));
        }
        assert_eq!(positions, [(0, 0), (1, 3)]);
    }

    #[test]
    fn folds_case_and_diacritics() {
        assert_eq!(
            run(
                DutchTokenizer::fold(),
                "De Zorgcoördinator, café én 23161.001"
            ),
            ["de", "zorgcoordinator", "cafe", "en", "23161", "001"]
        );
    }

    #[test]
    fn keeps_the_words_a_dutch_stop_list_would_drop() {
        assert_eq!(
            run(DutchTokenizer::fold(), "voor de zomer, tot nu niet, geen"),
            ["voor", "de", "zomer", "tot", "nu", "niet", "geen"]
        );
    }

    #[test]
    fn stems_plurals_together_and_keeps_false_friends_apart() {
        let same = [
            ("motie", "moties"),
            ("gemeente", "gemeenten"),
            ("slachtoffer", "slachtoffers"),
            ("zorgcoordinator", "zorgcoordinatoren"),
            ("besluit", "besluiten"),
            ("fractie", "fracties"),
            ("college", "colleges"),
            ("plan", "plannen"),
            ("toezegging", "toezeggingen"),
            ("afspraak", "afspraken"),
        ];
        for (a, b) in same {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        for (a, b) in [("gemeente", "menen"), ("gebouw", "bouwen")] {
            assert_ne!(stem(a), stem(b), "{a} / {b}");
        }
    }

    #[test]
    fn tails_of_compounds() {
        let t: Vec<&str> = tails("rondetafelgesprek").collect();
        assert!(t.contains(&"tafelgesprek"), "{t:?}");
        assert!(t.contains(&"gesprek"), "{t:?}");
        assert!(!t.contains(&"prek"), "too short: {t:?}");
        assert!(!t.contains(&"ondetafelgesprek"), "head too short: {t:?}");
        assert_eq!(tails("motie").count(), 0);
        // Multi-byte characters are cut on char boundaries.
        assert!(tails("coördinatoren").all(|s| !s.is_empty()));
    }

    /// Snippets rely on this to stem only the words that can match (see `highlight.rs`).
    #[test]
    fn stemming_keeps_the_first_two_characters() {
        let words = [
            "straat",
            "maan",
            "zaken",
            "plannen",
            "moties",
            "colleges",
            "gemeenten",
            "ijsbaan",
            "yoghurt",
            "bestuurszaken",
            "heden",
            "gelukkige",
            "vriendelijkheid",
            "aa",
            "e",
            "ouderenzorgcoördinatoren",
            "rondetafelgesprekken",
            "verkeersveiligheid",
        ];
        for w in words {
            let folded = fold(w);
            for t in std::iter::once(folded.as_str()).chain(tails(&folded)) {
                let head: String = t.chars().take(2).collect();
                assert!(stem(t).starts_with(&head), "{t} -> {}", stem(t));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn stemming_keeps_the_first_two_characters_of_any_word(w in "[a-z]{1,24}") {
            let head: String = w.chars().take(2).collect();
            proptest::prop_assert!(stem(&w).starts_with(&head), "{} -> {}", w, stem(&w));
        }
    }

    #[test]
    fn the_memo_changes_nothing() {
        let text = "De zorgcoördinatoren en de rondetafelgesprekken: zorgcoördinatoren, \
                    gesprekken, moties en motie. Rondetafelgesprekken!";
        for make in [DutchTokenizer::stem, DutchTokenizer::tails] {
            let mut warm = make();
            let first = run(warm.clone(), text);
            let mut again = Vec::new();
            {
                let mut stream = warm.token_stream(text);
                while stream.advance() {
                    again.push(stream.token().text.clone());
                }
            }
            let mut stream = warm.token_stream(text);
            let mut third = Vec::new();
            while stream.advance() {
                third.push(stream.token().text.clone());
            }
            assert_eq!(first, again);
            assert_eq!(first, third);
            assert!(!first.is_empty());
        }
        // Offsets and positions are those of the word, for every view of it.
        let mut tails = DutchTokenizer::tails();
        let mut stream = tails.token_stream("een rondetafelgesprek");
        while stream.advance() {
            let t = stream.token();
            assert_eq!((t.offset_from, t.offset_to, t.position), (4, 21, 1));
        }
    }

    #[test]
    fn drops_junk_tokens() {
        let long = "a".repeat(200);
        assert_eq!(
            run(DutchTokenizer::fold(), &format!("kort {long} ook")),
            ["kort", "ook"]
        );
    }
}
