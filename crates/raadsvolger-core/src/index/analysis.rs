//! Dutch text analysis for the index and for highlighting.
//!
//! Words are split on anything not alphanumeric, lowercased and folded to ASCII
//! ("Zorgcoördinator" -> "zorgcoordinator"). Two tantivy tokenizers index them:
//! - `nl_stacked`: at each word's position, as Lucene's KeywordRepeat + stemmer + decompounder
//!   stack them, up to three kinds of token:
//!   - the folded word itself, as is: exact matches, phrases, prefixes and typo tolerance use
//!     these alone;
//!   - its stem, marked [`STEM_MARK`] ("~moti" for "moties" and for "motie"), from the classic
//!     Dutch Porter stemmer. The newer Kraaij-Pohlmann stemmer strips the "ge-" prefix and so
//!     merges "gemeente" with "menen" and "gebouw" with "bouwen"; the classic one keeps them
//!     apart and still joins the plural and singular forms that council texts use
//!     (motie/moties, besluit/besluiten). A word gets its stem token even where the stem is the
//!     word ("besluit"): a query for "besluiten" then needs one lookup ("~besluit") for every
//!     form, and the mark keeps the word as typed apart from the forms it stems from, so an exact
//!     match can outrank the others. The common words (see [`is_common`]) get none: they have
//!     no forms worth joining, and their postings are the largest of all;
//!   - for compounds of words in the Dutch word list (see [`super::lexicon`]), the stems of
//!     their parts and runs of parts, marked [`PART_MARK`] ("rondetafelgesprek" -> "+rond",
//!     "+tafel", "+tafelgesprek", "+gesprek", ...), so a query for the head or the tail of a
//!     compound finds it, and a word that merely ends in another ("promotie", "behandeling")
//!     does not.
//!
//!   Folded words hold only letters and digits, so the marks keep the three kinds apart in one
//!   term dictionary, and a prefix or a Levenshtein automaton that refuses the marks sees the
//!   words alone. The stacked tokens count towards the field's length (tantivy counts every
//!   token, as Lucene does without `discountOverlaps`), which BM25 divides by the average: a
//!   text rich in compounds reads a little longer than its word count.
//! - `nl_pairs`: each two neighbouring words of which at least one is a common word ("voor de",
//!   "de zomer"), as one token at the first word's position. A phrase made of common words
//!   ("voor de zomer", "in het kader van") is then a phrase of pairs that few documents hold
//!   close together, instead of a walk through the positions of "de" in nearly every document.
//!
//! No stop words are removed: "voor", "tot", "niet" and "geen" carry meaning in deadlines and
//! decisions ("voor de zomer", "niet aangenomen").

use std::collections::HashMap;
use std::sync::Arc;

use super::lexicon::{Lexicon, MIN_PART};
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

/// Tokenizer names registered on the index.
pub const STACKED: &str = "nl_stacked";
pub const PAIRS: &str = "nl_pairs";

/// The mark before a stem in `nl_stacked`.
pub const STEM_MARK: char = '~';
/// The mark before the stem of a compound's part in `nl_stacked`.
pub const PART_MARK: char = '+';

/// The `nl_stacked` term of a stem.
pub fn stem_term(stem: &str) -> String {
    marked(STEM_MARK, stem)
}

/// The `nl_stacked` term of a compound part's stem.
pub fn part_term(stem: &str) -> String {
    marked(PART_MARK, stem)
}

fn marked(mark: char, text: &str) -> String {
    let mut t = String::with_capacity(text.len() + 1);
    t.push(mark);
    t.push_str(text);
    t
}

/// Whether a term of `nl_stacked` is a word as written (not a stem or a part).
pub fn is_word_term(term: &[u8]) -> bool {
    !matches!(term.first(), Some(b) if *b == STEM_MARK as u8 || *b == PART_MARK as u8)
}

/// Whether a folded word gets a stem and compound parts stacked on it in `nl_stacked` (and a
/// query word the lookups of those): every word but the common ones.
pub fn is_stacked(folded: &str) -> bool {
    !is_common(folded)
}

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

pub use crate::lang::nl::{STEMMER, analyze, fold, stem};
pub(crate) use crate::lang::nl::{base_analyzer, stem_with, stemmer};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Fold,
    Stacked,
    Pairs,
}

/// One tokenizer type for the views of the text: the folded words alone, stacked, or paired;
/// see the module docs.
#[derive(Clone)]
pub struct DutchTokenizer {
    mode: Mode,
    base: TextAnalyzer,
    tokens: Vec<Token>,
    memo: Memo,
    lexicon: Arc<Lexicon>,
}

/// Most words a [`Memo`] holds before it starts over.
const MEMO_WORDS: usize = 50_000;

/// The stacked tokens (stem and compound parts) of the words seen. Text follows Zipf's law, so
/// most words come again, and stemming and splitting are most of the cost of indexing. tantivy
/// clones the tokenizer for each field, indexing thread and segment, so each clone keeps the
/// words it met in a memo of its own (no lock on the way), and the clones of one tokenizer
/// share what any of them worked out (one lock per word new to a clone): a new segment does
/// not stem the archive's vocabulary all over again.
#[derive(Clone, Default)]
struct Memo {
    views: HashMap<String, Arc<[String]>>,
    shared: Arc<std::sync::Mutex<HashMap<String, Arc<[String]>>>>,
}

impl Memo {
    fn get_or_make(&mut self, word: &str, make: impl FnOnce() -> Vec<String>) -> Arc<[String]> {
        if let Some(views) = self.views.get(word) {
            return Arc::clone(views);
        }
        let known = self
            .shared
            .lock()
            .ok()
            .and_then(|shared| shared.get(word).cloned());
        let views: Arc<[String]> = match known {
            Some(views) => views,
            None => {
                let made: Arc<[String]> = make().into();
                if let Ok(mut shared) = self.shared.lock() {
                    if shared.len() >= MEMO_WORDS * 4 {
                        shared.clear();
                    }
                    shared.insert(word.to_owned(), Arc::clone(&made));
                }
                made
            }
        };
        if self.views.len() >= MEMO_WORDS {
            self.views.clear();
        }
        self.views.insert(word.to_owned(), Arc::clone(&views));
        views
    }
}

impl DutchTokenizer {
    pub fn fold() -> Self {
        Self::new(Mode::Fold, Arc::new(Lexicon::empty()))
    }
    pub fn stacked(lexicon: Arc<Lexicon>) -> Self {
        Self::new(Mode::Stacked, lexicon)
    }
    pub fn pairs() -> Self {
        Self::new(Mode::Pairs, Arc::new(Lexicon::empty()))
    }
    fn new(mode: Mode, lexicon: Arc<Lexicon>) -> Self {
        DutchTokenizer {
            mode,
            base: base_analyzer(),
            tokens: Vec::new(),
            memo: Memo::default(),
            lexicon,
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
            lexicon,
        } = self;
        tokens.clear();
        let stemmer = stemmer();
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
                Mode::Stacked => {
                    tokens.push(token.clone());
                    if !is_stacked(&token.text) {
                        continue;
                    }
                    memo.get_or_make(&token.text, || stacked(&stemmer, lexicon, &token.text))
                }
            };
            for view in views.iter() {
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

/// What `nl_stacked` puts beside a folded word: its stem, and the parts of a compound.
fn stacked(stemmer: &frostem::Stemmer, lexicon: &Lexicon, word: &str) -> Vec<String> {
    let mut out = vec![stem_term(&stem_with(stemmer, word))];
    // A word of fewer bytes has fewer characters still: no parts to look up.
    if word.len() >= 2 * MIN_PART {
        out.extend(lexicon.compound_stems(word).iter().map(|s| part_term(s)));
    }
    out
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

/// Registers the tokenizers on an index, compounds split by `lexicon`.
pub fn register(index: &tantivy::Index, lexicon: Arc<Lexicon>) {
    let manager = index.tokenizers();
    manager.register(PAIRS, DutchTokenizer::pairs());
    manager.register(STACKED, DutchTokenizer::stacked(lexicon));
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

    fn small_lexicon() -> Arc<Lexicon> {
        Arc::new(Lexicon::from_dic(&format!(
            "{}pro\nmotie\npromotie\n",
            super::super::lexicon::TEST_LIST
        )))
    }

    /// The stacked tokens of `text`, position by position.
    fn stacks(lexicon: Arc<Lexicon>, text: &str) -> Vec<Vec<String>> {
        let mut tok = DutchTokenizer::stacked(lexicon);
        let mut stream = tok.token_stream(text);
        let mut out: Vec<Vec<String>> = Vec::new();
        while stream.advance() {
            let t = stream.token();
            if out.len() <= t.position {
                out.resize(t.position + 1, Vec::new());
            }
            out[t.position].push(t.text.clone());
        }
        out
    }

    #[test]
    fn stacks_the_word_its_stem_and_its_compound_parts() {
        let lex = small_lexicon();
        let t = stacks(
            lex.clone(),
            "De moties, het Rondetafelgesprek en een besluit",
        );
        assert_eq!(t.len(), 7, "one position per word: {t:?}");
        assert_eq!(t[0], ["de"], "a common word stands alone");
        assert_eq!(t[1], ["moties", "~motie"]);
        assert_eq!(
            t[6],
            ["besluit", "~besluit"],
            "a stem token also where it is the word"
        );
        let round = &t[3];
        assert_eq!(round[..2], ["rondetafelgesprek", "~rondetafelgesprek"]);
        for want in ["tafelgesprek", "gesprek", "tafel"] {
            assert!(round.contains(&part_term(&stem(want))), "{want}: {round:?}");
        }
        assert!(
            !round.contains(&part_term(&stem("rondetafelgesprek"))),
            "not the whole word as a part: {round:?}"
        );
        assert!(round.iter().skip(1).all(|x| !is_word_term(x.as_bytes())));
        assert!(is_word_term(round[0].as_bytes()));
        // A word that ends in a listed word but is none of its compounds has no parts.
        assert_eq!(
            stacks(lex.clone(), "promotie motie"),
            [
                ["promotie".to_owned(), stem_term(&stem("promotie"))],
                ["motie".to_owned(), "~motie".to_owned()]
            ]
        );
        // Without a list nothing is split.
        assert_eq!(
            stacks(Arc::new(Lexicon::empty()), "rondetafelgesprek"),
            [["rondetafelgesprek", "~rondetafelgesprek"]]
        );
        // Multi-byte characters are folded first: "zorgcoördinator" is split too.
        let z = stacks(lex, "zorgcoördinatoren").remove(0);
        assert!(z.contains(&part_term(&stem("coordinator"))), "{z:?}");
        assert_eq!(z[0], "zorgcoordinatoren");
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
            // Every run of a compound's parts is a substring of the word.
            for (a, _) in folded.char_indices() {
                for (b, _) in folded[a..].char_indices().skip(1) {
                    let t = &folded[a..a + b];
                    let head: String = t.chars().take(2).collect();
                    assert!(stem(t).starts_with(&head), "{t} -> {}", stem(t));
                }
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
        let makers: [Box<dyn Fn() -> DutchTokenizer>; 2] = [
            Box::new(|| DutchTokenizer::stacked(Arc::new(Lexicon::empty()))),
            Box::new(|| DutchTokenizer::stacked(small_lexicon())),
        ];
        for make in makers {
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
        // Offsets and positions are those of the word, for every token stacked on it.
        let mut stacked = DutchTokenizer::stacked(small_lexicon());
        let mut stream = stacked.token_stream("een rondetafelgesprek");
        assert!(stream.advance());
        assert_eq!(stream.token().text, "een");
        let mut stacked_tokens = 0;
        while stream.advance() {
            let t = stream.token();
            assert_eq!((t.offset_from, t.offset_to, t.position), (4, 21, 1));
            stacked_tokens += 1;
        }
        assert!(stacked_tokens > 3, "{stacked_tokens}");
    }

    /// The stemmer named in the index's fingerprint is the one built in: bumping the crate
    /// without changing [`STEMMER`] fails here, so no upgrade changes stems unnoticed.
    #[test]
    fn the_fingerprint_names_the_stemmer_built_in() {
        let lock = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../Cargo.lock"),
        )
        .expect("Cargo.lock");
        let version = lock
            .split("[[package]]")
            .find(|p| p.contains("name = \"frostem\""))
            .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = ")))
            .map(|v| v.trim_matches('"').to_owned())
            .expect("frostem in Cargo.lock");
        assert!(
            STEMMER.starts_with(&format!("frostem {version} ")),
            "{STEMMER} vs {version}"
        );
        let manifest = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../Cargo.toml"),
        )
        .expect("Cargo.toml");
        assert!(
            manifest.contains(&format!("frostem = \"={version}\"")),
            "frostem is pinned to an exact version"
        );
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
