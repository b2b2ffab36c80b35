//! Searching and reading documents; the index rebuilt.

use std::path::PathBuf;

use super::{Archive, Stats, TimelineEntry};
use crate::error::Result;
use crate::import::batch::{self, ReindexReport};
use crate::index::{
    FacetCount, INDEX_DIR, RankedIds, SearchIndex, SearchOptions, SearchRequest, SearchResults,
};
use crate::model::{DocId, DocKind, Document};
use crate::paging::{Page, Paged};
use crate::store::DATABASE_FILE;

impl Archive {
    /// Full-text search.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        self.read().search(request)
    }

    /// The ranked ids of a search, without titles, snippets or (unless asked) counts: for callers
    /// that need the ranking alone, and for the benchmarks, which compare the index with other
    /// engines on equal terms ([`Matching::Exact`]).
    pub fn search_ids(&self, request: &SearchRequest, options: SearchOptions) -> Result<RankedIds> {
        self.index.search_ids(request, options)
    }

    /// One document, whole.
    pub fn document(&self, id: DocId) -> Result<Document> {
        self.read().document(id)
    }

    /// Rebuilds the index from the store alone.
    pub fn reindex(&self) -> Result<ReindexReport> {
        self.write(batch::reindex)
    }

    /// One page of the timeline: the dated documents, oldest first (ties by id), and how many
    /// there are. Read from the database page by page, however large the archive.
    pub fn timeline(&self, page: Page) -> Result<Paged<TimelineEntry>> {
        let (total, heads) = self.reader()?.dated_heads(page.offset, page.limit)?;
        let items = heads
            .into_iter()
            .filter_map(|h| {
                Some(TimelineEntry {
                    id: h.id,
                    kind: DocKind::parse(&h.kind).unwrap_or(DocKind::Overig),
                    title: h.title,
                    date: h.date?,
                })
            })
            .collect();
        Ok(Paged {
            total,
            offset: page.offset,
            items,
        })
    }

    /// Numbers about the archive.
    pub fn stats(&self) -> Result<Stats> {
        let store = self.reader()?;
        let counts = store.counts()?;
        let file_len = |p: PathBuf| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        let database_bytes = file_len(self.dir.join(DATABASE_FILE))
            + file_len(self.dir.join(format!("{DATABASE_FILE}-wal")));
        Ok(Stats {
            archive: self.dir.to_string_lossy().into_owned(),
            documents: counts.documents,
            indexed_documents: self.index.num_docs(),
            by_kind: counts
                .by_kind
                .into_iter()
                .map(|(value, count)| FacetCount { value, count })
                .collect(),
            first_date: counts.first_date,
            last_date: counts.last_date,
            generation: store.generation()?,
            database_bytes,
            index_bytes: SearchIndex::size_on_disk(&self.dir.join(INDEX_DIR)),
        })
    }

    /// The ids in the store and in the index, for consistency checks: (store, index).
    pub fn ids(&self) -> Result<(Vec<DocId>, Vec<DocId>)> {
        let store = self.reader()?;
        let mut ids = Vec::new();
        store.for_each_document_since(0, |d| {
            ids.push(d.id);
            Ok(())
        })?;
        Ok((ids, self.index.all_ids()?))
    }

    /// SQLite's own integrity check ("ok" when sound).
    pub fn integrity_check(&self) -> Result<String> {
        self.reader()?.integrity_check()
    }
}
