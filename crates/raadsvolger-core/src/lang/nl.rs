//! Dutch words as the archive reads them: folded (lower case, accents off, split where the
//! index splits) and stemmed with the Dutch Porter stemmer and two corrections of our own.

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
