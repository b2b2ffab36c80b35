//! Saved searches ("alerts"): a query a person wants to follow. After every import and every
//! sync the archive runs each saved query over the documents written since the last look and
//! flags those it matches, so the app and the CLI can say what is new since the person last
//! looked (as OpenTK's monitors and Councilmatic's subscriptions do).
//!
//! - **What counts as new.** Documents whose generation is above the one alerts last looked
//!   at (`settings.alerts_generation`): added, stored as a new version, or corrected since. A
//!   search saved now flags nothing the archive already held; a document is flagged once per
//!   search, and stays flagged (seen) after it was looked at.
//! - **Cheap.** When nothing was written since the last look, nothing is searched. Otherwise
//!   each saved query runs once, restricted to the new documents' ids in the index, without
//!   typo tolerance: a saved search flags only what it really finds.
//! - **Quiet during a sync.** The documents a sync downloads are imported one by one; the
//!   saved searches look once, when the sync ends ([`Archive::pause_alerts`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::index::SearchRequest;
use crate::model::{DocId, DocKind};
use crate::store::alerts::{AlertHitRow, SavedSearchRow};
use crate::tx::{Read, Tx};
use crate::{SearchOptions, Tally};

/// The filters of a saved search besides its query text (the query may hold filters too:
/// `kind:motie year:2024`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertFilters {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<DocKind>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
}

impl AlertFilters {
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty() && self.parties.is_empty() && self.from.is_none() && self.to.is_none()
    }
}

/// A saved search with the number of documents it flagged that were not seen yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedSearch {
    pub id: i64,
    pub name: String,
    pub query: String,
    pub filters: AlertFilters,
    pub created_at: String,
    /// When the person last marked its hits seen.
    pub last_seen_at: Option<String>,
    pub new_count: usize,
}

/// A document a saved search flagged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AlertHit {
    pub id: DocId,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub kind: DocKind,
    /// When the saved search found it.
    pub found_at: String,
    pub seen: bool,
}

/// What one look of the saved searches did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AlertRefresh {
    /// Documents written since the last look.
    pub documents: usize,
    /// Saved searches run.
    pub searches: usize,
    /// Documents flagged now (over all searches).
    pub flagged: usize,
}

fn from_row(row: SavedSearchRow) -> SavedSearch {
    let filters = row
        .filters
        .as_deref()
        .and_then(|f| match serde_json::from_str(f) {
            Ok(filters) => Some(filters),
            Err(e) => {
                tracing::warn!(search = row.id, "saved search filters unreadable: {e}");
                None
            }
        })
        .unwrap_or_default();
    SavedSearch {
        id: row.id,
        name: row.name,
        query: row.query,
        filters,
        created_at: row.created_at,
        last_seen_at: row.last_seen_at,
        new_count: row.new_count,
    }
}

fn hit_from_row(row: AlertHitRow) -> AlertHit {
    AlertHit {
        id: row.document_id,
        title: row.title,
        date: row.date.and_then(|d| d.parse().ok()),
        kind: DocKind::parse(&row.kind).unwrap_or(DocKind::Overig),
        found_at: row.found_at,
        seen: row.seen,
    }
}

fn request_of(query: &str, filters: &AlertFilters, limit: usize) -> SearchRequest {
    let mut request = SearchRequest::new(query);
    request.kinds = filters.kinds.clone();
    request.parties = filters.parties.clone();
    request.from = filters.from;
    request.to = filters.to;
    request.limit = limit;
    request
}

/// Saves a search to follow. It flags the documents that come in from now on, not those
/// the archive already holds. The name must be new; the query must be one search accepts
/// (an [`Error::InvalidQuery`] otherwise); a query may be empty when filters are given.
pub(crate) fn save_search(
    tx: &Tx<'_>,
    name: &str,
    query: &str,
    filters: &AlertFilters,
) -> Result<SavedSearch> {
    let name = name.trim();
    let query = query.trim();
    if name.is_empty() {
        return Err(Error::InvalidInput("a saved search needs a name".into()));
    }
    if query.is_empty() && filters.is_empty() {
        return Err(Error::InvalidInput(
            "a saved search needs a query or a filter".into(),
        ));
    }
    if let (Some(f), Some(t)) = (filters.from, filters.to) {
        if f > t {
            return Err(Error::InvalidInput(format!("from {f} is after to {t}")));
        }
    }
    // Refuses a query the parser does not accept, before anything is written.
    tx.index().search_ids(
        &request_of(query, filters, 1),
        SearchOptions {
            tally: Tally::Nothing,
            ..SearchOptions::default()
        },
    )?;
    let filters_json = if filters.is_empty() {
        None
    } else {
        Some(serde_json::to_string(filters)?)
    };
    let id = ({
        if tx.store()?.saved_search_named(name)?.is_some() {
            return Err(Error::InvalidInput(format!(
                "there is already a saved search named {name:?}"
            )));
        }
        // What came in before is not new to this search: the other searches look first.
        refresh_alerts(tx)?;
        tx.store()?
            .insert_saved_search(name, query, filters_json.as_deref(), tx.recorded_at())
    })?;
    saved_search(&tx.read(), id)
}

/// Every saved search, with its count of new documents.
pub(crate) fn saved_searches(r: &Read<'_>) -> Result<Vec<SavedSearch>> {
    Ok(r.reader()?
        .saved_searches()?
        .into_iter()
        .map(from_row)
        .collect())
}

/// One saved search.
pub(crate) fn saved_search(r: &Read<'_>, id: i64) -> Result<SavedSearch> {
    r.reader()?
        .saved_search(id)?
        .map(from_row)
        .ok_or_else(|| Error::NotFound {
            what: "saved search",
            id: id.to_string(),
        })
}

/// Deletes a saved search (the documents it flagged stay in the archive).
pub(crate) fn delete_saved_search(tx: &Tx<'_>, id: i64) -> Result<()> {
    if !tx.store()?.delete_saved_search(id)? {
        return Err(Error::NotFound {
            what: "saved search",
            id: id.to_string(),
        });
    }
    Ok(())
}

/// The documents a saved search flagged, latest find first: only those not seen yet when
/// `only_new`, else all of them with their `seen` mark.
pub(crate) fn alert_hits(r: &Read<'_>, id: i64, only_new: bool) -> Result<Vec<AlertHit>> {
    let store = r.reader()?;
    if store.saved_search(id)?.is_none() {
        return Err(Error::NotFound {
            what: "saved search",
            id: id.to_string(),
        });
    }
    Ok(store
        .alert_hits(id, only_new)?
        .into_iter()
        .map(hit_from_row)
        .collect())
}

/// Marks the documents a saved search flagged as seen, and notes the visit.
pub(crate) fn mark_seen(tx: &Tx<'_>, id: i64) -> Result<SavedSearch> {
    let now = tx.recorded_at().to_owned();
    if !tx.store()?.mark_alert_seen(id, &now)? {
        return Err(Error::NotFound {
            what: "saved search",
            id: id.to_string(),
        });
    }
    saved_search(&tx.read(), id)
}

/// After an import: refreshes the saved searches unless a sync paused them. A failure is
/// logged, not returned: the documents are in, and the next look catches up from where
/// this one failed.
pub(crate) fn refresh_alerts_after_import(tx: &Tx<'_>) {
    if tx.alerts_paused() {
        return;
    }
    if let Err(e) = refresh_alerts(tx) {
        tracing::warn!("saved searches not refreshed: {e}");
    }
}

/// [`Archive::refresh_alerts`] with the write lock held.
pub(crate) fn refresh_alerts(tx: &Tx<'_>) -> Result<AlertRefresh> {
    let (generation, since, searches) = {
        let store = tx.store()?;
        (
            store.generation()?,
            store.alerts_generation()?,
            store.saved_searches()?,
        )
    };
    let mut refresh = AlertRefresh::default();
    if since == Some(generation) {
        return Ok(refresh);
    }
    if let (Some(since), false) = (since, searches.is_empty()) {
        let new = tx.store()?.documents_written_since(since)?;
        refresh.documents = new.len();
        if !new.is_empty() {
            let found_at = tx.recorded_at().to_owned();
            for search in searches.into_iter().map(from_row) {
                let request = request_of(&search.query, &search.filters, 1);
                let matched = match tx.index().matching_among(&request, &new) {
                    Ok(ids) => ids,
                    // A query saved by an older version that this one no longer reads:
                    // said, and the other searches go on.
                    Err(Error::InvalidQuery(why)) => {
                        tracing::warn!(search = search.id, "saved search skipped: {why}");
                        continue;
                    }
                    Err(e) => return Err(e),
                };
                refresh.searches += 1;
                if !matched.is_empty() {
                    refresh.flagged +=
                        tx.store()?.add_alert_hits(search.id, &matched, &found_at)?;
                }
            }
        }
    }
    tx.store()?.set_alerts_generation(generation)?;
    Ok(refresh)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Archive;
    use crate::import::NoProgress;

    #[test]
    fn a_saved_search_is_kept_stamped_with_its_write_and_can_be_taken_away() {
        crate::tx::testing::with_tx_at("2031-03-04T05:06:07Z", |tx| {
            let saved = save_search(
                tx,
                " Jeugdzorg ",
                "jeugdzorg wachtlijst",
                &AlertFilters::default(),
            )
            .expect("saved");
            assert_eq!(saved.name, "Jeugdzorg", "the name as typed, trimmed");
            assert_eq!(saved.created_at, "2031-03-04T05:06:07Z");
            assert_eq!(saved.new_count, 0);
            let listed = saved_searches(&tx.read()).expect("listed");
            assert_eq!(
                listed.iter().map(|s| s.id).collect::<Vec<_>>(),
                vec![saved.id]
            );
            let seen = mark_seen(tx, saved.id).expect("seen");
            assert_eq!(seen.last_seen_at.as_deref(), Some("2031-03-04T05:06:07Z"));
            delete_saved_search(tx, saved.id).expect("deleted");
            assert!(saved_searches(&tx.read()).expect("listed").is_empty());
            assert!(matches!(
                delete_saved_search(tx, saved.id),
                Err(Error::NotFound { .. })
            ));
        });
    }

    fn doc(title: &str, body: &str, kind: &str) -> String {
        format!("---\ntitle: {title}\ndate: 2025-03-01\nkind: {kind}\n---\n\n{body}\n")
    }

    fn archive() -> (tempfile::TempDir, Archive) {
        let dir = tempfile::tempdir().expect("tmp");
        let archive = Archive::open(dir.path()).expect("open");
        (dir, archive)
    }

    fn import(archive: &Archive, name: &str, text: &str) -> DocId {
        let report = archive
            .import_bytes(name, text.as_bytes(), &mut NoProgress)
            .expect("import");
        match report.files.first().map(|f| &f.outcome) {
            Some(crate::FileOutcome::Imported { document, .. }) => document.id,
            other => panic!("not imported: {other:?}"),
        }
    }

    #[test]
    fn flags_only_documents_that_come_in_after_saving() {
        let (_dir, archive) = archive();
        import(
            &archive,
            "oud.md",
            &doc("Oud fietspad", "Over het fietspad langs de dijk.", "motie"),
        );
        let saved = archive
            .save_search("Fietspaden", "fietspad", &AlertFilters::default())
            .expect("saved");
        assert_eq!(saved.new_count, 0, "what was there is not new");
        let new = import(
            &archive,
            "nieuw.md",
            &doc("Nieuw fietspad", "Een motie over een fietspad.", "motie"),
        );
        import(
            &archive,
            "ander.md",
            &doc("Zwembad", "Over het zwembad in het centrum.", "motie"),
        );
        let list = archive.saved_searches().expect("list");
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].new_count, 1);
        let hits = archive.alert_hits(saved.id, true).expect("hits");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].id, new);
        assert_eq!(hits[0].title, "Nieuw fietspad");
        assert_eq!(hits[0].kind, DocKind::Motie);
        assert!(!hits[0].seen);

        let seen = archive.mark_seen(saved.id).expect("seen");
        assert_eq!(seen.new_count, 0);
        assert!(seen.last_seen_at.is_some());
        assert!(archive.alert_hits(saved.id, true).expect("new").is_empty());
        let all = archive.alert_hits(saved.id, false).expect("all");
        assert_eq!(all.len(), 1);
        assert!(all[0].seen);
    }

    #[test]
    fn filters_and_typos_are_respected() {
        let (_dir, archive) = archive();
        let only_motions = AlertFilters {
            kinds: vec![DocKind::Motie],
            ..AlertFilters::default()
        };
        let s = archive
            .save_search("Moties bomen", "bomen", &only_motions)
            .expect("saved");
        import(
            &archive,
            "brief.md",
            &doc("Brief bomen", "Over de bomen.", "raadsinformatiebrief"),
        );
        let motion = import(
            &archive,
            "motie.md",
            &doc("Motie bomen", "Meer bomen in de wijk.", "motie"),
        );
        // A near spelling is not a hit: no typo tolerance for alerts.
        let typo = archive
            .save_search("Typo", "bomenn", &AlertFilters::default())
            .expect("saved");
        import(
            &archive,
            "motie2.md",
            &doc("Motie bomen twee", "Nog meer bomen.", "motie"),
        );
        let hits = archive.alert_hits(s.id, false).expect("hits");
        assert_eq!(hits.len(), 2, "{hits:?}");
        assert!(hits.iter().any(|h| h.id == motion));
        assert!(archive.alert_hits(typo.id, false).expect("typo").is_empty());
        let listed = archive.saved_search(s.id).expect("one");
        assert_eq!(listed.filters.kinds, vec![DocKind::Motie]);
    }

    #[test]
    fn bad_input_is_refused_and_names_are_unique() {
        let (_dir, archive) = archive();
        let none = AlertFilters::default();
        assert!(matches!(
            archive.save_search("", "x", &none),
            Err(Error::InvalidInput(_))
        ));
        assert!(matches!(
            archive.save_search("Leeg", "  ", &none),
            Err(Error::InvalidInput(_))
        ));
        assert!(matches!(
            archive.save_search("Kapot", "(fiets", &none),
            Err(Error::InvalidQuery(_))
        ));
        archive.save_search("Fiets", "fiets", &none).expect("first");
        let twice = archive.save_search("fiets", "fietsen", &none);
        assert!(matches!(twice, Err(Error::InvalidInput(_))), "{twice:?}");
        assert!(matches!(
            archive.alert_hits(99, false),
            Err(Error::NotFound { .. })
        ));
        assert!(matches!(archive.mark_seen(99), Err(Error::NotFound { .. })));
        assert!(matches!(
            archive.delete_saved_search(99),
            Err(Error::NotFound { .. })
        ));
    }

    #[test]
    fn nothing_new_searches_nothing_and_delete_removes_hits() {
        let (_dir, archive) = archive();
        let s = archive
            .save_search("Alles", "kind:motie", &AlertFilters::default())
            .expect("saved");
        let first = archive.refresh_alerts().expect("refresh");
        assert_eq!(first, AlertRefresh::default());
        import(
            &archive,
            "m.md",
            &doc("Motie", "Tekst van de motie.", "motie"),
        );
        // The import looked already: a second look finds nothing to do.
        assert_eq!(archive.refresh_alerts().expect("again").searches, 0);
        assert_eq!(archive.saved_search(s.id).expect("one").new_count, 1);
        archive.delete_saved_search(s.id).expect("deleted");
        assert!(archive.saved_searches().expect("list").is_empty());
    }

    #[test]
    fn a_paused_archive_looks_once_when_asked() {
        let (_dir, archive) = archive();
        let s = archive
            .save_search("Motie", "motie", &AlertFilters::default())
            .expect("saved");
        {
            let _paused = archive.pause_alerts();
            import(&archive, "a.md", &doc("Motie a", "Een motie.", "motie"));
            import(&archive, "b.md", &doc("Motie b", "Nog een motie.", "motie"));
            assert_eq!(archive.saved_search(s.id).expect("one").new_count, 0);
        }
        let r = archive.refresh_alerts().expect("refresh");
        assert_eq!((r.documents, r.searches, r.flagged), (2, 1, 2));
        assert_eq!(archive.saved_search(s.id).expect("one").new_count, 2);
    }
}
