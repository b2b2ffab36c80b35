//! Compiling a parsed query into tantivy queries, running it, and the facet counts.
//!
//! Every word becomes a disjunction over the tokens stacked at each position of the title and
//! the body (see [`super::analysis`]): at most three term lookups per field, the word as typed,
//! its stem (`~`) and its stem as a compound's part (`+`), with boosts so that what the user
//! typed outranks what analysis made of it:
//! exact title (6) > exact body (3) > stemmed title (2) > stemmed body (1.5) >
//! part of a compound of listed words, head or tail (0.5) >
//! fuzzy (only when nothing else matched; 0.6 / 0.3).
//! No word becomes an automaton over the term dictionary unless the user typed `*`, or nothing
//! matched as typed (typo tolerance); an automaton sees the words alone, never the stems and
//! parts stacked beside them.

use super::exclude::Monotone;
use std::collections::HashMap;
use std::ops::Bound;

use chrono::NaiveDate;
use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, SINK_STATE};
use serde::Serialize;
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::StrColumn;
use tantivy::query::{
    AllQuery, AutomatonWeight, BooleanQuery, BoostQuery, ConstScoreQuery, EnableScoring,
    FuzzyTermQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query, RangeQuery, TermQuery,
    TermSetQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, Order, Score, SegmentOrdinal, SegmentReader, Term};

use super::highlight::Matcher;
use super::lexicon::MIN_PART;
use super::query::{self, Filters, Node, ParsedQuery};
use super::{Fields, SearchIndex, analysis, day_number};
use crate::error::{Error, Result};
use crate::model::{DocId as ArchiveDocId, DocKind};

/// Fuzzy matching starts at this many characters.
const FUZZY_MIN_CHARS: usize = 4;
/// At most this many results per page.
pub const MAX_LIMIT: usize = 1_000;
/// The deepest page a search goes to: tantivy keeps `offset + limit` hits per segment, so an
/// offset from outside (the page, a script) is bounded before it reaches the collector. Paging
/// a hundred thousand results deep is far past what anyone reads; a narrower query serves them.
pub const MAX_OFFSET: usize = 100_000;

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    /// BM25 with the boosts above.
    #[default]
    Relevance,
    /// Newest first; undated documents last.
    Date,
}

/// A search as the CLI and the app ask for it.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct SearchRequest {
    pub query: String,
    #[serde(default)]
    pub kinds: Vec<DocKind>,
    #[serde(default)]
    pub parties: Vec<String>,
    #[serde(default)]
    pub from: Option<NaiveDate>,
    #[serde(default)]
    pub to: Option<NaiveDate>,
    #[serde(default)]
    pub sort: SortOrder,
    #[serde(default = "default_limit")]
    pub limit: usize,
    #[serde(default)]
    pub offset: usize,
}

fn default_limit() -> usize {
    20
}

impl SearchRequest {
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            kinds: Vec::new(),
            parties: Vec::new(),
            from: None,
            to: None,
            sort: SortOrder::Relevance,
            limit: default_limit(),
            offset: 0,
        }
    }
}

/// One result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub id: ArchiveDocId,
    pub title: String,
    pub kind: DocKind,
    pub date: Option<NaiveDate>,
    pub council_number: Option<String>,
    pub source: Option<String>,
    /// Relevance score; `None` when sorted by date.
    pub score: Option<f32>,
    /// HTML: escaped text with the matched words in `<mark>`.
    pub snippet: String,
    /// The page of the first match, for PDFs.
    pub page: Option<usize>,
    /// Byte offset of the first match in the document's text.
    pub match_offset: Option<usize>,
}

/// One value of a facet and how many matching documents have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// Facet counts over all matching documents (not just the page shown).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Facets {
    pub kind: Vec<FacetCount>,
    pub year: Vec<FacetCount>,
    pub party: Vec<FacetCount>,
}

/// Which facet, for callers that pick one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Facet {
    Kind,
    Year,
    Party,
}

/// What a search returns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    pub total: u64,
    /// True when nothing matched as typed and the results come from typo-tolerant matching.
    pub fuzzy: bool,
    /// With `fuzzy`: the query with its words replaced by the closest words in the archive.
    pub suggestion: Option<String>,
    pub hits: Vec<SearchHit>,
    pub facets: Facets,
}

/// Which views of the text a word is matched against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Matching {
    /// Exact and stemmed words, parts of compounds, and typo tolerance when nothing
    /// matched as typed: what a user gets.
    #[default]
    Dutch,
    /// The folded words alone: no stemming, compounds or typo tolerance. Phrases, prefixes,
    /// exclusions and filters work as ever. Hit counts equal those of an engine that splits on
    /// Unicode word boundaries and folds case and diacritics (SQLite FTS5 `unicode61`), which is
    /// how the benchmarks check the index against such a peer.
    Exact,
}

/// What a search counts besides the page of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tally {
    /// The total and the facets (what [`crate::Archive::search`] always does).
    #[default]
    Facets,
    /// The total number of matches only.
    Total,
    /// Nothing: the best hits alone, which lets the index skip documents that cannot reach them.
    Nothing,
}

/// How [`crate::Archive::search_ids`] runs a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SearchOptions {
    pub matching: Matching,
    pub tally: Tally,
}

/// The ranked ids of a search, without titles, snippets or facets.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedIds {
    /// `None` with [`Tally::Nothing`].
    pub total: Option<u64>,
    /// True when nothing matched as typed and the hits come from typo-tolerant matching.
    pub fuzzy: bool,
    /// Best first; the score is `None` when sorted by date.
    pub hits: Vec<(ArchiveDocId, Option<f32>)>,
}

/// The index's part of a search: ids, scores, counts; the archive adds titles and snippets.
pub(crate) struct RawResults {
    pub total: u64,
    pub fuzzy: bool,
    pub suggestion: Option<String>,
    pub hits: Vec<(ArchiveDocId, Option<f32>)>,
    /// Where each hit is in `searcher`: for reading its positions (see
    /// [`SearchIndex::body_positions`]).
    pub addresses: Vec<DocAddress>,
    pub searcher: tantivy::Searcher,
    pub facets: Facets,
    pub matcher: Matcher,
}

/// A compiled query, what it highlights, and its words eligible for typo tolerance.
type Compiled = (Box<dyn Query>, Matcher, Vec<(String, String)>);

struct Compiler<'a> {
    f: &'a Fields,
    fuzzy: bool,
    matching: Matching,
    matcher: Matcher,
    /// Folded single words eligible for typo tolerance, with the text typed.
    fuzzable: Vec<(String, String)>,
}

impl SearchIndex {
    pub(crate) fn search_raw(&self, request: &SearchRequest) -> Result<RawResults> {
        let (parsed, limit) = prepare(request)?;
        let (q, matcher, fuzzable) = self.compile(&parsed, Matching::Dutch, false)?;
        let mut raw = self.run(&*q, request.sort, limit, request.offset, Tally::Facets)?;
        raw.matcher = matcher;
        let mut fuzzy = false;
        if raw.total == 0 && !fuzzable.is_empty() {
            let (fq, fmatcher, _) = self.compile(&parsed, Matching::Dutch, true)?;
            let fuzzy_raw = self.run(&*fq, request.sort, limit, request.offset, Tally::Facets)?;
            if fuzzy_raw.total > 0 {
                raw = fuzzy_raw;
                raw.matcher = fmatcher;
                raw.fuzzy = true;
                raw.suggestion = self.suggest(&request.query, &fuzzable)?;
                fuzzy = true;
            }
        }
        self.disjunctive_facets(&parsed, fuzzy, &mut raw.facets)?;
        Ok(raw)
    }

    /// Facet counts that ignore their own filter (as shops count their facets): with
    /// `kind:motie` the kind facet still counts the amendments and letters that match, so a
    /// second kind can be picked; the same for parties and for the years under a date range.
    /// Each facet whose filter is set costs one more counting pass, without the filter.
    fn disjunctive_facets(
        &self,
        parsed: &ParsedQuery,
        fuzzy: bool,
        facets: &mut Facets,
    ) -> Result<()> {
        let count_without = |drop: fn(&mut Filters)| -> Result<Facets> {
            let mut wider = parsed.clone();
            drop(&mut wider.filters);
            let (q, _, _) = self.compile(&wider, Matching::Dutch, fuzzy)?;
            Ok(self
                .run(&*q, SortOrder::Relevance, 1, 0, Tally::Facets)?
                .facets)
        };
        let f = &parsed.filters;
        if !f.kinds.is_empty() {
            facets.kind = count_without(|f| f.kinds.clear())?.kind;
        }
        if !f.parties.is_empty() {
            facets.party = count_without(|f| f.parties.clear())?.party;
        }
        if f.from.is_some() || f.to.is_some() {
            facets.year = count_without(|f| {
                f.from = None;
                f.to = None;
            })?
            .year;
        }
        Ok(())
    }

    /// Which of `among` the request matches, as typed (no typo tolerance: a saved search
    /// flags only what it really finds). For saved searches, which look at the documents
    /// written since their last look, whatever the size of the archive.
    pub(crate) fn matching_among(
        &self,
        request: &SearchRequest,
        among: &[ArchiveDocId],
    ) -> Result<Vec<ArchiveDocId>> {
        let (parsed, _) = prepare(request)?;
        let (q, _, _) = self.compile(&parsed, Matching::Dutch, false)?;
        let mut found = Vec::new();
        for chunk in among.chunks(4_096) {
            let ids = chunk
                .iter()
                .map(|id| Term::from_field_u64(self.fields.id, *id as u64));
            let only: Box<dyn Query> =
                Box::new(ConstScoreQuery::new(Box::new(TermSetQuery::new(ids)), 0.0));
            let both = BooleanQuery::new(vec![(Occur::Must, q.box_clone()), (Occur::Must, only)]);
            let raw = self.run(&both, SortOrder::Relevance, chunk.len(), 0, Tally::Nothing)?;
            found.extend(raw.hits.into_iter().map(|(id, _)| id));
        }
        found.sort_unstable();
        found.dedup();
        Ok(found)
    }

    /// A search that returns ranked ids only; see [`SearchOptions`].
    pub(crate) fn search_ids(
        &self,
        request: &SearchRequest,
        options: SearchOptions,
    ) -> Result<RankedIds> {
        let (parsed, limit) = prepare(request)?;
        let counted = options.tally != Tally::Nothing;
        let found = |raw: &RawResults| raw.total > 0 || !raw.hits.is_empty();
        let (q, _, fuzzable) = self.compile(&parsed, options.matching, false)?;
        let raw = self.run(&*q, request.sort, limit, request.offset, options.tally)?;
        // Without a count, an empty first page stands for "nothing matched".
        if !found(&raw) && request.offset == 0 && !fuzzable.is_empty() {
            let (fq, _, _) = self.compile(&parsed, options.matching, true)?;
            let fuzzy = self.run(&*fq, request.sort, limit, request.offset, options.tally)?;
            if found(&fuzzy) {
                return Ok(RankedIds {
                    total: counted.then_some(fuzzy.total),
                    fuzzy: true,
                    hits: fuzzy.hits,
                });
            }
        }
        Ok(RankedIds {
            total: counted.then_some(raw.total),
            fuzzy: false,
            hits: raw.hits,
        })
    }

    pub(super) fn compile(
        &self,
        parsed: &ParsedQuery,
        matching: Matching,
        fuzzy: bool,
    ) -> Result<Compiled> {
        let mut c = Compiler {
            f: &self.fields,
            fuzzy,
            matching,
            matcher: Matcher::with_lexicon(self.lexicon.clone()),
            fuzzable: Vec::new(),
        };
        let text = match &parsed.root {
            Some(node) => c.node(node, true),
            None => None,
        };
        if parsed.root.is_some() && text.is_none() {
            return Err(Error::InvalidQuery(
                "the query holds no words to search for (only punctuation?)".into(),
            ));
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        clauses.push((Occur::Must, text.unwrap_or_else(|| Box::new(AllQuery))));
        let f = &self.fields;
        let filters = &parsed.filters;
        if !filters.kinds.is_empty() {
            let any: Vec<(Occur, Box<dyn Query>)> = filters
                .kinds
                .iter()
                .map(|k| (Occur::Should, term_query(f.kind, k.as_str())))
                .collect();
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(BooleanQuery::new(any)), 0.0)),
            ));
        }
        for party in &filters.parties {
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(term_query(f.party, party), 0.0)),
            ));
        }
        if filters.from.is_some() || filters.to.is_some() {
            let bound = |d: Option<NaiveDate>| match d {
                Some(d) => Bound::Included(Term::from_field_i64(f.day, day_number(d))),
                None => Bound::Unbounded,
            };
            let range = RangeQuery::new(bound(filters.from), bound(filters.to));
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(range), 0.0)),
            ));
        }
        let query: Box<dyn Query> = if clauses.len() == 1 {
            clauses.remove(0).1
        } else {
            Box::new(BooleanQuery::new(clauses))
        };
        Ok((query, c.matcher, c.fuzzable))
    }

    fn run(
        &self,
        q: &dyn Query,
        sort: SortOrder,
        limit: usize,
        offset: usize,
        tally: Tally,
    ) -> Result<RawResults> {
        let searcher = self.reader.searcher();
        let (top, counts): (Vec<(Option<f32>, DocAddress)>, FacetFruit) = match sort {
            SortOrder::Relevance => {
                let collector = TopDocs::with_limit(limit)
                    .and_offset(offset)
                    .order_by_score();
                let (top, counts) = collect(&searcher, q, collector, tally)?;
                (top.into_iter().map(|(s, a)| (Some(s), a)).collect(), counts)
            }
            SortOrder::Date => {
                let collector = TopDocs::with_limit(limit)
                    .and_offset(offset)
                    .order_by_fast_field::<i64>("day", Order::Desc);
                let (top, counts) = collect(&searcher, q, collector, tally)?;
                (top.into_iter().map(|(_, a)| (None, a)).collect(), counts)
            }
        };
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let column = searcher
                .segment_reader(addr.segment_ord)
                .fast_fields()
                .u64("id")?;
            if let Some(id) = column.first(addr.doc_id) {
                hits.push((id as ArchiveDocId, score, addr));
            }
        }
        if sort == SortOrder::Relevance {
            // Equal scores in id order, whatever the segment layout (a rebuilt index ranks the
            // same as the one it replaces).
            hits.sort_by(|a, b| {
                b.1.partial_cmp(&a.1)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(a.0.cmp(&b.0))
            });
        }
        Ok(RawResults {
            total: counts.total,
            fuzzy: false,
            suggestion: None,
            addresses: hits.iter().map(|h| h.2).collect(),
            hits: hits.into_iter().map(|(id, score, _)| (id, score)).collect(),
            searcher,
            facets: counts.into_facets(),
            matcher: Matcher::default(),
        })
    }

    /// The query with each fuzzable word replaced by the most frequent indexed word within its
    /// edit distance; `None` when nothing changes.
    fn suggest(&self, original: &str, fuzzable: &[(String, String)]) -> Result<Option<String>> {
        let searcher = self.reader.searcher();
        let mut replacements: HashMap<&str, String> = HashMap::new();
        for (folded, typed) in fuzzable {
            let d = fuzzy_distance(folded);
            let builder = levenshtein(d);
            let mut best: HashMap<String, (u8, u64)> = HashMap::new();
            for segment in searcher.segment_readers() {
                for field in [self.fields.body, self.fields.title] {
                    let inverted = segment.inverted_index(field)?;
                    let dfa = builder.build_dfa(folded);
                    let mut stream = inverted
                        .terms()
                        .search(Dfa(builder.build_dfa(folded)))
                        .into_stream()
                        .map_err(|e| Error::Index(e.into()))?;
                    while stream.advance() {
                        let Ok(word) = std::str::from_utf8(stream.key()) else {
                            continue;
                        };
                        let dist = match dfa.eval(word) {
                            Distance::Exact(d) => d,
                            Distance::AtLeast(_) => continue,
                        };
                        let entry = best.entry(word.to_owned()).or_insert((dist, 0));
                        entry.1 += u64::from(stream.value().doc_freq);
                    }
                }
            }
            let pick = best.into_iter().min_by(|a, b| {
                a.1.0
                    .cmp(&b.1.0)
                    .then(b.1.1.cmp(&a.1.1))
                    .then(a.0.cmp(&b.0))
            });
            if let Some((word, _)) = pick {
                if word != *folded {
                    replacements.insert(typed.as_str(), word);
                }
            }
        }
        if replacements.is_empty() {
            return Ok(None);
        }
        let suggestion = original
            .split_whitespace()
            .map(|w| replacements.get(w).cloned().unwrap_or_else(|| w.to_owned()))
            .collect::<Vec<_>>()
            .join(" ");
        Ok(Some(suggestion))
    }
}

/// Refuses a request past the bounds above with a coded error naming the value (the query's
/// own length and shape are bounded by [`query::parse`]).
pub fn bounded(request: &SearchRequest) -> Result<()> {
    if request.offset > MAX_OFFSET {
        return Err(Error::rule(
            "search-offset",
            request.offset.to_string(),
            format!(
                "offset {} is past the deepest page searched ({MAX_OFFSET}); narrow the query instead",
                request.offset
            ),
        ));
    }
    if request.limit > MAX_LIMIT {
        return Err(Error::rule(
            "search-limit",
            request.limit.to_string(),
            format!(
                "limit {} is more than {MAX_LIMIT} results a page",
                request.limit
            ),
        ));
    }
    Ok(())
}

/// The parsed query with the request's own filters merged in, and the page size.
pub(super) fn prepare(request: &SearchRequest) -> Result<(ParsedQuery, usize)> {
    bounded(request)?;
    let mut parsed: ParsedQuery = query::parse(&request.query)?;
    let extra = Filters {
        kinds: request.kinds.clone(),
        parties: request.parties.clone(),
        from: request.from,
        to: request.to,
    };
    parsed.filters.merge(&extra)?;
    Ok((parsed, request.limit.clamp(1, MAX_LIMIT)))
}

/// Runs `top` alone or together with what `tally` asks to count.
fn collect<C: Collector>(
    searcher: &tantivy::Searcher,
    q: &dyn Query,
    top: C,
    tally: Tally,
) -> Result<(C::Fruit, FacetFruit)> {
    Ok(match tally {
        Tally::Facets => searcher.search(q, &(top, FacetCollector))?,
        Tally::Total => {
            let (fruit, total) = searcher.search(q, &(top, Count))?;
            let counts = FacetFruit {
                total: total as u64,
                ..FacetFruit::default()
            };
            (fruit, counts)
        }
        Tally::Nothing => (searcher.search(q, &top)?, FacetFruit::default()),
    })
}

fn fuzzy_distance(folded: &str) -> u8 {
    if folded.chars().count() <= 7 { 1 } else { 2 }
}

/// The Levenshtein automaton builder for a distance (1 or 2), transpositions costing one;
/// building one takes milliseconds, so each is built once.
fn levenshtein(distance: u8) -> &'static LevenshteinAutomatonBuilder {
    static BUILDERS: [std::sync::OnceLock<LevenshteinAutomatonBuilder>; 3] =
        [const { std::sync::OnceLock::new() }; 3];
    let d = distance.min(2);
    BUILDERS[usize::from(d)].get_or_init(|| LevenshteinAutomatonBuilder::new(d, true))
}

/// The words of a field within an edit distance of a word: tantivy's `FuzzyTermQuery` over the
/// words alone, not over the stems and parts stacked beside them, which a Levenshtein
/// automaton would otherwise reach by inserting their mark.
#[derive(Debug, Clone)]
struct WordsNear {
    field: Field,
    word: String,
    distance: u8,
}

impl Query for WordsNear {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let dfa = Dfa(levenshtein(self.distance).build_dfa(&self.word));
        Ok(Box::new(AutomatonWeight::new(self.field, dfa)))
    }
}

fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

fn boosted(q: Box<dyn Query>, boost: f32) -> (Occur, Box<dyn Query>) {
    (Occur::Should, Box::new(BoostQuery::new(q, boost)))
}

fn prefix_query(field: Field, prefix: &str) -> Box<dyn Query> {
    Box::new(FuzzyTermQuery::new_prefix(
        Term::from_field_text(field, prefix),
        0,
        false,
    ))
}

impl Compiler<'_> {
    /// `positive`: false under a NOT, where nothing is highlighted or made fuzzy.
    fn node(&mut self, node: &Node, positive: bool) -> Option<Box<dyn Query>> {
        match node {
            Node::Word(w) => {
                let tokens: Vec<String> =
                    analysis::analyze(w).into_iter().map(|t| t.text).collect();
                match tokens.len() {
                    0 => None,
                    1 => Some(self.word(&tokens[0], w, positive)),
                    _ => Some(self.phrase(&tokens, positive)),
                }
            }
            Node::Phrase(p) => {
                let tokens: Vec<String> =
                    analysis::analyze(p).into_iter().map(|t| t.text).collect();
                match tokens.len() {
                    0 => None,
                    1 => {
                        if positive {
                            self.matcher.exact.insert(tokens[0].clone());
                            self.matcher.near(&tokens[..1]);
                        }
                        Some(Box::new(BooleanQuery::new(vec![
                            boosted(term_query(self.f.title, &tokens[0]), 6.0),
                            boosted(term_query(self.f.body, &tokens[0]), 3.0),
                        ])))
                    }
                    _ => Some(self.phrase(&tokens, positive)),
                }
            }
            Node::Prefix(p) => {
                let tokens: Vec<String> =
                    analysis::analyze(p).into_iter().map(|t| t.text).collect();
                let last = tokens.last()?.clone();
                if positive {
                    self.matcher.needs_scan = true;
                    self.matcher.prefixes.push(last.clone());
                    self.matcher
                        .exact
                        .extend(tokens[..tokens.len() - 1].iter().cloned());
                }
                if tokens.len() == 1 {
                    Some(Box::new(BooleanQuery::new(vec![
                        boosted(prefix_query(self.f.title, &last), 2.0),
                        boosted(prefix_query(self.f.body, &last), 1.0),
                    ])))
                } else {
                    let terms = |field| {
                        tokens
                            .iter()
                            .map(|t| Term::from_field_text(field, t))
                            .collect::<Vec<_>>()
                    };
                    Some(Box::new(BooleanQuery::new(vec![
                        boosted(Box::new(PhrasePrefixQuery::new(terms(self.f.title))), 2.0),
                        boosted(Box::new(PhrasePrefixQuery::new(terms(self.f.body))), 1.0),
                    ])))
                }
            }
            Node::And(children) => {
                let mut clauses = Vec::new();
                let mut has_positive = false;
                for child in children {
                    match child {
                        Node::Not(inner) => {
                            if let Some(q) = self.node(inner, false) {
                                clauses.push((
                                    Occur::MustNot,
                                    Box::new(Monotone(q)) as Box<dyn Query>,
                                ));
                            }
                        }
                        other => {
                            if let Some(q) = self.node(other, positive) {
                                has_positive = true;
                                clauses.push((Occur::Must, q));
                            }
                        }
                    }
                }
                if clauses.is_empty() {
                    return None;
                }
                if !has_positive {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Some(Box::new(BooleanQuery::new(clauses)))
            }
            Node::Or(children) => {
                let clauses: Vec<(Occur, Box<dyn Query>)> = children
                    .iter()
                    .filter_map(|c| self.node(c, positive))
                    .map(|q| (Occur::Should, q))
                    .collect();
                (!clauses.is_empty())
                    .then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
            }
            Node::Not(inner) => {
                let q = self.node(inner, false)?;
                Some(Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery)),
                    (Occur::MustNot, Box::new(Monotone(q)) as Box<dyn Query>),
                ])))
            }
        }
    }

    fn word(&mut self, folded: &str, typed: &str, positive: bool) -> Box<dyn Query> {
        let f = self.f;
        let mut clauses = vec![
            boosted(term_query(f.title, folded), 6.0),
            boosted(term_query(f.body, folded), 3.0),
        ];
        if positive {
            self.matcher.exact.insert(folded.to_owned());
            self.matcher.near(&[folded.to_owned()]);
        }
        if self.matching == Matching::Exact {
            return Box::new(BooleanQuery::new(clauses));
        }
        let stem = analysis::stem(folded);
        let chars = folded.chars().count();
        if analysis::is_stacked(folded) {
            let term = analysis::stem_term(&stem);
            clauses.push(boosted(term_query(f.title, &term), 2.0));
            clauses.push(boosted(term_query(f.body, &term), 1.5));
            if positive {
                self.matcher.stems.insert(stem.clone());
                self.matcher.near_also(&term);
            }
            if chars >= MIN_PART {
                let term = analysis::part_term(&stem);
                clauses.push(boosted(term_query(f.title, &term), 0.5));
                clauses.push(boosted(term_query(f.body, &term), 0.5));
                if positive {
                    self.matcher.near_also(&term);
                    self.matcher.parts.insert(stem);
                }
            }
        }
        let numeric = folded.chars().all(|c| c.is_ascii_digit());
        if positive && chars >= FUZZY_MIN_CHARS && !numeric {
            self.fuzzable.push((folded.to_owned(), typed.to_owned()));
            if self.fuzzy {
                let d = fuzzy_distance(folded);
                let fuzzy = |field| {
                    Box::new(WordsNear {
                        field,
                        word: folded.to_owned(),
                        distance: d,
                    }) as Box<dyn Query>
                };
                clauses.push(boosted(fuzzy(f.title), 0.6));
                clauses.push(boosted(fuzzy(f.body), 0.3));
                self.matcher.needs_scan = true;
                self.matcher.fuzzy.push((folded.to_owned(), d));
            }
        }
        Box::new(BooleanQuery::new(clauses))
    }

    fn phrase(&mut self, tokens: &[String], positive: bool) -> Box<dyn Query> {
        if positive {
            self.matcher.exact.extend(tokens.iter().cloned());
            self.matcher.near(tokens);
        }
        let terms = |field| {
            tokens
                .iter()
                .map(|t| Term::from_field_text(field, t))
                .collect::<Vec<_>>()
        };
        // A phrase whose every two neighbours form an indexed pair ("voor de zomer": "voor de",
        // "de zomer") is the same phrase over `body_pairs`, where it meets far fewer positions.
        let body: Box<dyn Query> = if tokens
            .windows(2)
            .all(|w| analysis::is_indexed_pair(&w[0], &w[1]))
        {
            let pairs: Vec<Term> = tokens
                .windows(2)
                .map(|w| Term::from_field_text(self.f.body_pairs, &analysis::pair(&w[0], &w[1])))
                .collect();
            match pairs.as_slice() {
                [one] => Box::new(TermQuery::new(one.clone(), IndexRecordOption::WithFreqs)),
                _ => Box::new(PhraseQuery::new(pairs)),
            }
        } else {
            Box::new(PhraseQuery::new(terms(self.f.body)))
        };
        Box::new(BooleanQuery::new(vec![
            boosted(Box::new(PhraseQuery::new(terms(self.f.title))), 2.0),
            boosted(body, 1.0),
        ]))
    }
}

/// Levenshtein automaton over the words of a term dictionary (for typo tolerance and
/// suggestions): a stem's or a part's mark leads nowhere.
struct Dfa(levenshtein_automata::DFA);

impl tantivy_fst::Automaton for Dfa {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        if analysis::is_word_term(&[byte]) {
            self.0.transition(*state, byte)
        } else {
            SINK_STATE
        }
    }
}

/// Counts matching documents by kind, year and party, and in total.
struct FacetCollector;

#[derive(Default)]
struct FacetFruit {
    total: u64,
    kind: HashMap<String, u64>,
    year: HashMap<u64, u64>,
    party: HashMap<String, u64>,
}

impl FacetFruit {
    fn into_facets(self) -> Facets {
        fn sorted(map: HashMap<String, u64>) -> Vec<FacetCount> {
            let mut v: Vec<FacetCount> = map
                .into_iter()
                .map(|(value, count)| FacetCount { value, count })
                .collect();
            v.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
            v
        }
        let mut year: Vec<FacetCount> = self
            .year
            .into_iter()
            .map(|(y, count)| FacetCount {
                value: y.to_string(),
                count,
            })
            .collect();
        year.sort_by(|a, b| b.value.cmp(&a.value));
        Facets {
            kind: sorted(self.kind),
            year,
            party: sorted(self.party),
        }
    }
}

struct FacetSegment {
    total: u64,
    kind_col: Option<StrColumn>,
    kind_counts: Vec<u64>,
    party_col: Option<StrColumn>,
    party_counts: Vec<u64>,
    year_col: tantivy::columnar::Column<u64>,
    years: HashMap<u64, u64>,
}

impl Collector for FacetCollector {
    type Fruit = FacetFruit;
    type Child = FacetSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<FacetSegment> {
        let ff = segment.fast_fields();
        let kind_col = ff.str("kind")?;
        let party_col = ff.str("party")?;
        Ok(FacetSegment {
            total: 0,
            kind_counts: vec![0; kind_col.as_ref().map_or(0, |c| c.num_terms())],
            kind_col,
            party_counts: vec![0; party_col.as_ref().map_or(0, |c| c.num_terms())],
            party_col,
            year_col: ff.u64("year")?,
            years: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<FacetFruit>) -> tantivy::Result<FacetFruit> {
        let mut out = FacetFruit::default();
        for fruit in fruits {
            out.total += fruit.total;
            for (k, v) in fruit.kind {
                *out.kind.entry(k).or_default() += v;
            }
            for (k, v) in fruit.party {
                *out.party.entry(k).or_default() += v;
            }
            for (k, v) in fruit.year {
                *out.year.entry(k).or_default() += v;
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for FacetSegment {
    type Fruit = FacetFruit;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.total += 1;
        if let Some(col) = &self.kind_col {
            for ord in col.term_ords(doc) {
                if let Some(c) = self.kind_counts.get_mut(ord as usize) {
                    *c += 1;
                }
            }
        }
        if let Some(col) = &self.party_col {
            for ord in col.term_ords(doc) {
                if let Some(c) = self.party_counts.get_mut(ord as usize) {
                    *c += 1;
                }
            }
        }
        if let Some(y) = self.year_col.first(doc) {
            *self.years.entry(y).or_default() += 1;
        }
    }

    fn harvest(self) -> FacetFruit {
        fn names(col: &Option<StrColumn>, counts: &[u64]) -> HashMap<String, u64> {
            let mut out = HashMap::new();
            if let Some(col) = col {
                for (ord, &count) in counts.iter().enumerate() {
                    if count == 0 {
                        continue;
                    }
                    let mut name = String::new();
                    if col.ord_to_str(ord as u64, &mut name).unwrap_or(false) {
                        out.insert(name, count);
                    }
                }
            }
            out
        }
        FacetFruit {
            total: self.total,
            kind: names(&self.kind_col, &self.kind_counts),
            party: names(&self.party_col, &self.party_counts),
            year: self.years,
        }
    }
}
