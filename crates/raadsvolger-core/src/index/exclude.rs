//! A guard for the queries behind `-exclusions`.
//!
//! tantivy 0.27 asks an excluded docset whether it holds a document with
//! [`DocSet::seek_danger`], which phrase scorers only accept for targets at or past the
//! document they stand on. A phrase scorer has already moved to its first match when it is
//! made, so excluding a phrase (`-"ronde tafel"`, or a word that splits into several tokens such
//! as `-11:05`) asked it about earlier documents: a panic in debug builds and an undefined
//! answer in release builds. [`Monotone`] wraps the excluded query so that its scorer answers
//! such questions from where it stands, without seeking backwards.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader};

/// A query whose scorers never seek backwards.
#[derive(Debug)]
pub(crate) struct Monotone(pub Box<dyn Query>);

impl Clone for Monotone {
    fn clone(&self) -> Self {
        Monotone(self.0.box_clone())
    }
}

impl Query for Monotone {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(MonotoneWeight(self.0.weight(enable_scoring)?)))
    }
}

struct MonotoneWeight(Box<dyn Weight>);

impl Weight for MonotoneWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(MonotoneScorer(self.0.scorer(reader, boost)?)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

struct MonotoneScorer(Box<dyn Scorer>);

impl DocSet for MonotoneScorer {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let doc = self.0.doc();
        if target <= doc {
            doc
        } else {
            self.0.seek(target)
        }
    }

    // `seek_danger` keeps tantivy's default, which only calls `seek` for targets ahead of the
    // current document.

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }
}

impl Scorer for MonotoneScorer {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}
