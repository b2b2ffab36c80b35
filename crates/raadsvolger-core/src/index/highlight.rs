//! Snippets with the matched words in `<mark>`, for every kind of match the query makes (exact,
//! stemmed, prefix, compound part, fuzzy), which tantivy's own snippet generator cannot see.

use crate::text::html::escape;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::analysis;
use super::lexicon::Lexicon;

/// What a query matches, word by word, in folded form.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    pub exact: HashSet<String>,
    pub stems: HashSet<String>,
    pub prefixes: Vec<String>,
    /// Stems of compound parts, found in words as the index's word list splits them.
    pub parts: HashSet<String>,
    pub fuzzy: Vec<(String, u8)>,
    pub lexicon: Arc<Lexicon>,
    /// The body terms whose positions show where the matches are, each with the number of the
    /// query word (or phrase) it stands for: a word's own term, its stem's and its part's.
    pub near_terms: Vec<(String, u16)>,
    /// True when a match can be something the terms above do not name (a prefix, a typo):
    /// the snippet then reads the whole text.
    pub needs_scan: bool,
    groups: u16,
}

impl Default for Matcher {
    fn default() -> Self {
        Matcher::with_lexicon(Arc::new(Lexicon::empty()))
    }
}

impl Matcher {
    pub fn with_lexicon(lexicon: Arc<Lexicon>) -> Self {
        Matcher {
            exact: HashSet::new(),
            stems: HashSet::new(),
            prefixes: Vec::new(),
            parts: HashSet::new(),
            fuzzy: Vec::new(),
            lexicon,
            near_terms: Vec::new(),
            needs_scan: false,
            groups: 0,
        }
    }

    /// A new query word or phrase made of `terms` (body terms as indexed).
    pub fn near(&mut self, terms: &[String]) {
        self.groups = self.groups.saturating_add(1);
        let group = self.groups;
        self.near_terms
            .extend(terms.iter().map(|t| (t.clone(), group)));
    }

    /// Another body term of the last query word (its stem, its part).
    pub fn near_also(&mut self, term: &str) {
        self.near_terms.push((term.to_owned(), self.groups));
    }

    pub fn is_empty(&self) -> bool {
        self.exact.is_empty()
            && self.stems.is_empty()
            && self.prefixes.is_empty()
            && self.parts.is_empty()
            && self.fuzzy.is_empty()
    }

    /// Whether a folded word matches.
    pub fn matches(&self, folded: &str) -> bool {
        if self.exact.contains(folded)
            || self.prefixes.iter().any(|p| folded.starts_with(p.as_str()))
        {
            return true;
        }
        // Stemming never changes a word's first two characters (see
        // `analysis::tests::stemming_keeps_the_first_two_characters`), so only words that start
        // like a wanted stem are stemmed, and only words that hold the start of a wanted part
        // somewhere after their first letter are split: judging a long report's words
        // otherwise took tens of milliseconds.
        if self.stems.iter().any(|s| same_start(s, folded))
            && self.stems.contains(&analysis::stem(folded))
        {
            return true;
        }
        if !self.parts.is_empty()
            && self.parts.iter().any(|p| holds_start_of(folded, p))
            && self
                .lexicon
                .compound_stems(folded)
                .iter()
                .any(|s| self.parts.contains(s))
        {
            return true;
        }
        self.fuzzy
            .iter()
            .any(|(term, d)| strsim::levenshtein(term, folded) <= usize::from(*d))
    }
}

/// Whether the first two characters of `part` occur in `word` (where a run of its compound
/// parts, and so that run's stem, could start).
fn holds_start_of(word: &str, part: &str) -> bool {
    let end = part.char_indices().nth(2).map_or(part.len(), |(i, _)| i);
    word.contains(&part[..end])
}

/// Whether two words share their first two characters (or are both that short and equal).
fn same_start(a: &str, b: &str) -> bool {
    let mut x = a.chars();
    let mut y = b.chars();
    x.next() == y.next() && x.next() == y.next()
}

/// A snippet and where its first match is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Snippet {
    /// HTML: the text escaped, matches in `<mark>`.
    pub html: String,
    /// Byte offset in the text of the first highlighted word, if any.
    pub first_match: Option<usize>,
}

/// Picks the window of about `max_chars` characters with the most distinct matched words and
/// marks them. Without matches it shows the start of the text.
pub(crate) fn snippet(text: &str, matcher: &Matcher, max_chars: usize) -> Snippet {
    let tokens = analysis::analyze(text);
    let hits: Vec<(usize, usize, &str)> = if matcher.is_empty() {
        Vec::new()
    } else {
        // Each distinct word is judged once: a long report repeats its words thousands of
        // times, and judging means stemming the word and splitting it.
        let mut judged: HashMap<&str, bool> = HashMap::new();
        tokens
            .iter()
            .filter(|t| {
                *judged
                    .entry(t.text.as_str())
                    .or_insert_with(|| matcher.matches(&t.text))
            })
            .map(|t| (t.offset_from, t.offset_to, t.text.as_str()))
            .collect()
    };
    let max_bytes = max_chars.max(20);
    if hits.is_empty() {
        let end = floor_boundary(text, max_bytes.min(text.len()));
        let end = back_to_space(text, 0, end);
        let mut html = escape(text[..end].trim());
        if end < text.len() {
            html.push('…');
        }
        return Snippet {
            html: squash_ws(&html),
            first_match: None,
        };
    }
    // Best window: starts at a hit, covers as many distinct matched words as fit.
    let mut best = (0usize, 0usize); // (score, index of first hit)
    for i in 0..hits.len() {
        let start = hits[i].0;
        let mut seen: HashSet<&str> = HashSet::new();
        let mut count = 0;
        for h in &hits[i..] {
            if h.1 - start > max_bytes {
                break;
            }
            count += 1;
            seen.insert(h.2);
        }
        let score = seen.len() * 1000 + count;
        if score > best.0 {
            best = (score, i);
        }
    }
    let first = hits[best.1];
    // Start a little before the first hit, at a word boundary.
    let lead = max_bytes / 5;
    let mut start = floor_boundary(text, first.0.saturating_sub(lead));
    if start > 0 {
        start = forward_to_space(text, start, first.0);
    }
    let mut end = floor_boundary(text, (start + max_bytes).min(text.len()));
    if end < text.len() {
        end = back_to_space(text, first.1, end);
    }
    let mut html = String::new();
    if start > 0 {
        html.push('…');
    }
    let mut pos = start;
    for &(from, to, _) in hits.iter().filter(|h| h.0 >= start && h.1 <= end) {
        html.push_str(&escape(&text[pos..from]));
        html.push_str("<mark>");
        html.push_str(&escape(&text[from..to]));
        html.push_str("</mark>");
        pos = to;
    }
    html.push_str(&escape(&text[pos..end]));
    if end < text.len() {
        html.push('…');
    }
    Snippet {
        html: squash_ws(&html),
        first_match: Some(first.0),
    }
}

/// Texts up to this many bytes are read whole for their snippet; it costs less than a lookup.
pub(crate) const READ_WHOLE_BYTES: usize = 16 * 1024;

/// The snippet of a long text, read only around where the index says its matches are:
/// `positions` are the word positions of the matched terms in the text (as the index counts
/// words: runs of letters and digits), each with the query word it stands for. The window of
/// words with the most distinct query words is found from the positions alone; only a few
/// kilobytes around it are analysed and marked, where [`snippet`] would analyse a report of
/// 300 KB word by word. Without positions (a match in the title only) the snippet is the start
/// of the text, as [`snippet`] gives it.
pub(crate) fn snippet_near(
    text: &str,
    positions: &mut [(u32, u16)],
    matcher: &Matcher,
    max_chars: usize,
) -> Snippet {
    if text.len() <= READ_WHOLE_BYTES {
        return snippet(text, matcher, max_chars);
    }
    let span = max_chars.max(20);
    let word = if positions.is_empty() {
        0
    } else {
        positions.sort_unstable();
        // About seven bytes a word: the window's width in words.
        let width = (span / 7).max(4) as u32;
        let mut best = (0usize, 0u32);
        for (i, &(start, _)) in positions.iter().enumerate() {
            // The query words in the window, as bits (words past the 64th share the last).
            let groups = positions[i..]
                .iter()
                .take_while(|(p, _)| *p < start.saturating_add(width))
                .fold(0u64, |bits, (_, g)| bits | 1 << (*g).min(63));
            let distinct = groups.count_ones() as usize;
            if distinct > best.0 {
                best = (distinct, start);
            }
        }
        best.1
    };
    let at = byte_of_word(text, word);
    // A stretch of text around the window, cut at white space so no word is split.
    let mut from = floor_boundary(text, at.saturating_sub(span * 2));
    if from > 0 {
        from = forward_to_space(text, from, at);
    }
    let mut to = floor_boundary(text, (at + span * 6).min(text.len()));
    if to < text.len() {
        to = back_to_space(text, at, to);
    }
    let mut part = snippet(&text[from..to], matcher, max_chars);
    if from > 0 && !part.html.starts_with('…') {
        part.html.insert(0, '…');
    }
    if to < text.len() && !part.html.ends_with('…') {
        part.html.push('…');
    }
    part.first_match = part.first_match.map(|o| o + from);
    part
}

/// The byte offset of word `n` (0-based) of `text`, words being runs of alphanumeric
/// characters as the index's tokenizer splits them; the end of the text when it has fewer.
pub(crate) fn byte_of_word(text: &str, n: u32) -> usize {
    let mut seen = 0u32;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        let alnum = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if alnum && !in_word {
            if seen == n {
                return i;
            }
            seen += 1;
        }
        in_word = alnum;
    }
    text.len()
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The first position after white space in `text[from..limit]`, or `from`.
fn forward_to_space(text: &str, from: usize, limit: usize) -> usize {
    text[from..limit]
        .find(char::is_whitespace)
        .map(|i| from + i + 1)
        .filter(|&i| i <= limit && text.is_char_boundary(i))
        .unwrap_or(from)
}

/// The last white space in `text[not_before..end]`, or `end`.
fn back_to_space(text: &str, not_before: usize, end: usize) -> usize {
    text[not_before..end]
        .rfind(char::is_whitespace)
        .map(|i| not_before + i)
        .unwrap_or(end)
}

fn squash_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_as_the_index_counts_its_positions() {
        let text = "De raad (23161-01) stemt: \"Zorgcoördinator\" én café—ja, 3,5 mln. Einde";
        for token in analysis::analyze(text) {
            assert_eq!(
                byte_of_word(text, token.position as u32),
                token.offset_from,
                "{token:?}"
            );
        }
        assert_eq!(byte_of_word(text, 10_000), text.len());
    }

    /// A long text with `words` (block, word, query word) set among filler, and the
    /// positions those words would have in the index.
    fn long_text_with(words: &[(usize, &str, u16)]) -> (String, Vec<(u32, u16)>) {
        let filler = "de commissie besprak het verslag van de vorige vergadering uitvoerig. ";
        let mut text = String::new();
        let mut positions = Vec::new();
        let mut word = 0u32;
        for block in 0..600 {
            for &(_, w, group) in words.iter().filter(|(b, ..)| *b == block) {
                text.push_str(w);
                text.push(' ');
                positions.push((word, group));
                word += 1;
            }
            text.push_str(filler);
            word += 10;
        }
        (text, positions)
    }

    #[test]
    fn a_long_text_is_marked_where_the_index_says_it_matches() {
        let (text, mut positions) = long_text_with(&[(540, "Wijkbudget", 1)]);
        assert!(text.len() > READ_WHOLE_BYTES);
        let m = matcher(&["wijkbudget"]);
        let near = snippet_near(&text, &mut positions, &m, 200);
        let whole = snippet(&text, &m, 200);
        assert!(
            near.html.contains("<mark>Wijkbudget</mark>"),
            "{}",
            near.html
        );
        assert!(near.html.starts_with('…') && near.html.ends_with('…'));
        assert_eq!(near.first_match, whole.first_match);
        assert_eq!(near.html, whole.html);
    }

    #[test]
    fn the_window_with_most_query_words_wins_and_no_positions_show_the_start() {
        // "kunstgras" alone early, beside "sportpark" late: the late window.
        let (text, mut positions) = long_text_with(&[
            (30, "kunstgras", 1),
            (500, "kunstgras", 1),
            (500, "sportpark", 2),
        ]);
        let m = matcher(&["kunstgras", "sportpark"]);
        let near = snippet_near(&text, &mut positions, &m, 200);
        assert!(
            near.html
                .contains("<mark>kunstgras</mark> <mark>sportpark</mark>"),
            "{}",
            near.html
        );
        assert!(near.first_match.is_some_and(|o| o > text.len() / 2));
        let start = snippet_near(&text, &mut [], &matcher(&["elders"]), 200);
        assert!(start.html.starts_with("de commissie"), "{}", start.html);
        assert_eq!(start.first_match, None);
    }

    fn matcher(exact: &[&str]) -> Matcher {
        Matcher {
            exact: exact.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn marks_folded_matches_in_the_original_text() {
        let s = snippet(
            "De gemeente stelt een Zorgcoördinator aan.",
            &matcher(&["zorgcoordinator"]),
            200,
        );
        assert_eq!(
            s.html,
            "De gemeente stelt een <mark>Zorgcoördinator</mark> aan."
        );
        assert_eq!(s.first_match, Some(22));
    }

    #[test]
    fn escapes_html_in_the_text() {
        let s = snippet("<script>x</script> motie & zo", &matcher(&["motie"]), 200);
        assert_eq!(
            s.html,
            "&lt;script&gt;x&lt;/script&gt; <mark>motie</mark> &amp; zo"
        );
    }

    #[test]
    fn picks_the_window_with_the_most_distinct_matches() {
        let filler = "woord ".repeat(100);
        let text = format!("motie {filler} motie zorgcoordinator {filler}");
        let s = snippet(&text, &matcher(&["motie", "zorgcoordinator"]), 120);
        assert!(
            s.html
                .contains("<mark>motie</mark> <mark>zorgcoordinator</mark>"),
            "{}",
            s.html
        );
        assert!(s.html.starts_with('…') && s.html.ends_with('…'));
    }

    #[test]
    fn stems_prefixes_parts_and_fuzzy_are_marked() {
        let lexicon = Lexicon::from_dic(&format!(
            "{}motie\npro\npromotie\n",
            super::super::lexicon::TEST_LIST
        ));
        let mut m = Matcher::with_lexicon(Arc::new(lexicon));
        m.stems.insert(analysis::stem("besluit"));
        m.prefixes.push("zorg".into());
        for part in ["mensenhandel", "tafelgesprek", "motie"] {
            m.parts.insert(analysis::stem(part));
        }
        m.fuzzy.push(("menselhandel".into(), 1));
        let s = snippet(
            "Besluiten over mensenhandelbeleid na het rondetafelgesprek, de zorgvraag, \
             een promotie en menselhandel.",
            &m,
            200,
        );
        assert_eq!(
            s.html,
            "<mark>Besluiten</mark> over <mark>mensenhandelbeleid</mark> na het \
             <mark>rondetafelgesprek</mark>, de <mark>zorgvraag</mark>, een promotie en \
             <mark>menselhandel</mark>."
        );
    }

    #[test]
    fn never_splits_a_character() {
        let text = "ö".repeat(300) + " motie " + &"é".repeat(300);
        let s = snippet(&text, &matcher(&["motie"]), 101);
        assert!(s.html.contains("<mark>motie</mark>"));
        let none = snippet(&text, &Matcher::default(), 101);
        assert!(none.html.ends_with('…'));
    }
}
