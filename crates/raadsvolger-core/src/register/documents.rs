//! A person's corrections of documents, their deletion, and their versions. Each change is one
//! SQLite transaction, then the index is brought in step (an index that misses it is repaired
//! on the next open from the generation stamp and the tombstones).

use crate::Archive;
use crate::error::Result;
use crate::model::{DocId, Document};
pub use crate::store::documents::{DocumentEdit, DocumentVersion};

impl Archive {
    /// Corrects a document's title, date, kind, council number or parties. The correction is
    /// kept through new versions, re-extraction and reindexing.
    pub fn edit_document(&self, id: DocId, edit: &DocumentEdit) -> Result<Document> {
        self.write(|| {
            let generation = self.store()?.edit_document(id, edit)?;
            let doc = self.store()?.get(id)?;
            self.index.upsert(&doc)?;
            self.index.commit(generation)?;
            self.sync_extracted_locked()?;
            Ok(doc)
        })
    }

    /// Puts a document on an agenda item of a meeting (a correction of where it belongs).
    pub fn place_document(&self, id: DocId, agenda_item: i64, role: Option<&str>) -> Result<()> {
        self.attach_document(agenda_item, id, role)
    }

    /// Deletes a document: its text, its versions and what was extracted from it. Commitments a
    /// person entered that cite it stay, marked. Store and index stay consistent.
    pub fn delete_document(&self, id: DocId) -> Result<()> {
        self.write(|| {
            let generation = self.store()?.delete_document(id)?;
            // A crash here leaves the document in the index: the next open drops it.
            fail_at!("delete-after-store-commit");
            self.index.delete(id)?;
            self.index.commit(generation)?;
            self.sync_extracted_locked()
        })
    }

    /// The versions of a document, oldest first.
    pub fn document_versions(&self, id: DocId) -> Result<Vec<DocumentVersion>> {
        self.reader()?.document_versions(id)
    }
}
