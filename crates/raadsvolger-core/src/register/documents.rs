//! A person's corrections of documents, their deletion, and their versions. Each change is one
//! SQLite transaction, then the index is brought in step (an index that misses it is repaired
//! on the next open from the generation stamp and the tombstones).

use crate::error::Result;
use crate::model::{DocId, Document};
pub use crate::store::documents::{DocumentEdit, DocumentVersion};
use crate::tx::{Read, Tx};

/// Corrects a document's title, date, kind, council number or parties. The correction is
/// kept through new versions, re-extraction and reindexing.
pub(crate) fn edit_document(tx: &Tx<'_>, id: DocId, edit: &DocumentEdit) -> Result<Document> {
    let generation = tx.store()?.edit_document(id, edit)?;
    let doc = tx.store()?.get(id)?;
    tx.index().upsert(&doc)?;
    tx.index().commit(generation)?;
    crate::register::extracted::sync_extracted(tx)?;
    Ok(doc)
}

/// Puts a document on an agenda item of a meeting (a correction of where it belongs).
pub(crate) fn place_document(
    tx: &Tx<'_>,
    id: DocId,
    agenda_item: i64,
    role: Option<&str>,
) -> Result<()> {
    crate::register::meetings::attach_document(tx, agenda_item, id, role)
}

/// Deletes a document: its text, its versions and what was extracted from it. Commitments a
/// person entered that cite it stay, marked. Store and index stay consistent.
pub(crate) fn delete_document(tx: &Tx<'_>, id: DocId) -> Result<()> {
    let generation = tx.store()?.delete_document(id)?;
    // A crash here leaves the document in the index: the next open drops it.
    fail_at!("delete-after-store-commit");
    tx.index().delete(id)?;
    tx.index().commit(generation)?;
    crate::register::extracted::sync_extracted(tx)
}

/// The versions of a document, oldest first.
pub(crate) fn document_versions(r: &Read<'_>, id: DocId) -> Result<Vec<DocumentVersion>> {
    r.reader()?.document_versions(id)
}
