//! What stacking stems and compound parts on the words does to BM25's field lengths: for each
//! text file in a folder, its words and its `nl_stacked` tokens (tantivy counts every token
//! towards a field's length), and how far each document's length relative to the average moves.
//! `cargo run -p raadsvolger-core --example stacked_lengths -- fixtures/dossier`.

use raadsvolger_core::index::analysis::{self, DutchTokenizer};
use raadsvolger_core::index::lexicon::Lexicon;
use tantivy::tokenizer::{TokenStream, Tokenizer};

/// The tokens, and of those the stem tokens that repeat their word ("~besluit" on "besluit").
fn count(mut tokenizer: DutchTokenizer, text: &str) -> (usize, usize) {
    let mut stream = tokenizer.token_stream(text);
    let (mut n, mut same) = (0, 0);
    let mut word = String::new();
    while stream.advance() {
        let t = &stream.token().text;
        n += 1;
        if t.strip_prefix(analysis::STEM_MARK) == Some(word.as_str()) {
            same += 1;
        } else if analysis::is_word_term(t.as_bytes()) {
            word.clone_from(t);
        }
    }
    (n, same)
}

fn main() {
    let dir = std::env::args().nth(1).expect("a folder of text files");
    let lexicon = Lexicon::system();
    let mut docs: Vec<(String, usize, usize)> = Vec::new();
    let mut same_stems = 0;
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("md" | "txt")))
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("read");
        let (words, _) = count(DutchTokenizer::fold(), &text);
        let (stacked, same) = count(DutchTokenizer::stacked(lexicon.clone()), &text);
        same_stems += same;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        docs.push((name.unwrap_or_default(), words, stacked));
    }
    let n = docs.len() as f64;
    let avg_words = docs.iter().map(|d| d.1 as f64).sum::<f64>() / n;
    let avg_stacked = docs.iter().map(|d| d.2 as f64).sum::<f64>() / n;
    let mut ratios: Vec<f64> = docs.iter().map(|d| d.2 as f64 / d.1 as f64).collect();
    ratios.sort_by(f64::total_cmp);
    // BM25 divides a document's length by the average: how much does that quotient move?
    let mut moves: Vec<(f64, &str)> = docs
        .iter()
        .map(|d| {
            let before = d.1 as f64 / avg_words;
            let after = d.2 as f64 / avg_stacked;
            (after / before - 1.0, d.0.as_str())
        })
        .collect();
    moves.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!(
        "{} documents, {:.0} words and {:.0} stacked tokens on average ({:.2}x); \
         tokens per word: min {:.2}, median {:.2}, max {:.2}",
        docs.len(),
        avg_words,
        avg_stacked,
        avg_stacked / avg_words,
        ratios[0],
        ratios[ratios.len() / 2],
        ratios[ratios.len() - 1]
    );
    let all_stacked: usize = docs.iter().map(|d| d.2).sum();
    println!(
        "stem tokens that repeat their word: {:.1}% of the stacked tokens",
        100.0 * same_stems as f64 / all_stacked as f64
    );
    if let (Some(low), Some(high)) = (moves.first(), moves.last()) {
        println!(
            "length / average length moves by {:+.1}% ({}) to {:+.1}% ({})",
            low.0 * 100.0,
            low.1,
            high.0 * 100.0,
            high.1
        );
    }
}
