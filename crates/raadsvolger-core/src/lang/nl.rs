//! Dutch words as the archive reads them: folded (lower case, accents off, split where the
//! index splits) and stemmed with the Dutch Porter stemmer and two corrections of our own; the
//! months ([`months`]). Three folds, each for its own comparison: [`fold`] as the index holds
//! words, [`plain`] for words typed into a list's filter, [`name_key`] for names (of councils,
//! parties) that are written with and without hyphens and dots.

pub mod months;

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token,
    TokenStream,
};

/// Words longer than this (in bytes) are dropped: they are junk (base64, hashes, run-together
/// text) and would bloat the term dictionary.
const MAX_TOKEN_BYTES: usize = 48;
/// The stemmer and its exact version: part of the index's analysis (see
/// `index::analysis_fingerprint`). The crate is pinned to this version in Cargo.toml.
pub const STEMMER: &str = "frostem 1.20260821.8 DutchPorter";

pub(crate) fn stemmer() -> frostem::Stemmer {
    frostem::Stemmer::new(frostem::Algorithm::DutchPorter)
}

pub(crate) fn base_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Stems one folded word with the classic Dutch Porter stemmer.
pub fn stem(folded: &str) -> String {
    stem_with(&stemmer(), folded)
}

/// The classic stemmer leaves two common plural shapes alone: "-ies" (moties, fracties,
/// commissies) and "-ges" (colleges); those lose their "s" first. Afterwards a doubled final
/// consonant that it keeps ("plann" from "plannen") is undoubled, so the plural meets its
/// singular ("plan").
pub(crate) fn stem_with(stemmer: &frostem::Stemmer, folded: &str) -> String {
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

/// The folded form of one word or a short text, as the index holds its words (words joined by a
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

/// Lower case, accents off, nothing else changed: how a list's filter compares typed words
/// ("coördinator" finds "Coordinator").
pub fn plain(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(unaccented)
        .collect()
}

/// A name as names are compared: [`plain`], with hyphens, underscores, dots and apostrophes as
/// spaces and runs of space as one ("Noord-Holland" is "noord holland"; "Fryslân" is
/// "fryslan"; "Groen Links " is "groen links").
pub fn name_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars().flat_map(char::to_lowercase).map(unaccented) {
        let ch = match ch {
            '-' | '_' | '\'' | '’' | '.' => ' ',
            c if c.is_whitespace() => ' ',
            other => other,
        };
        if ch == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(ch);
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A letter without its accent (the accents Dutch and its loanwords use).
fn unaccented(c: char) -> char {
    match c {
        'á' | 'à' | 'ä' | 'â' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ë' | 'ê' => 'e',
        'í' | 'ì' | 'ï' | 'î' => 'i',
        'ó' | 'ò' | 'ö' | 'ô' | 'õ' => 'o',
        'ú' | 'ù' | 'ü' | 'û' => 'u',
        'ý' | 'ÿ' => 'y',
        'ç' => 'c',
        'ñ' => 'n',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_drops_case_and_accents_only() {
        assert_eq!(plain("Coördinator Één-Loket"), "coordinator een-loket");
        assert_eq!(plain("  twee  spaties "), "  twee  spaties ");
    }

    #[test]
    fn a_name_key_meets_the_ways_a_name_is_written() {
        assert_eq!(name_key("Noord-Holland"), name_key("noord holland"));
        assert_eq!(name_key("Fryslân"), "fryslan");
        assert_eq!(name_key(" Groen  Links\t"), "groen links");
        assert_eq!(name_key("Partij v.d. Dieren"), "partij v d dieren");
        assert_ne!(
            name_key("GroenLinks"),
            name_key("Groen Links"),
            "a space is a difference"
        );
    }

    #[test]
    fn the_index_fold_splits_as_the_index_does() {
        assert_eq!(fold("Zorg-Coördinator 2024"), "zorg coordinator 2024");
    }
}
