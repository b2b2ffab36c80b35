//! The TypeScript twins of the wire types of [`crate::api`], committed under `ui/src/lib/bindings/`.
//!
//! `cargo test -p raadsvolger-app bindings` fails when the committed files are stale; run it
//! with `UPDATE_BINDINGS=1` to write them anew.

use std::path::{Path, PathBuf};

use ts_rs::{ExportError, TS};

use crate::api;

/// Where the UI keeps the generated types.
pub fn ui_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings")
}

/// Writes every IPC type (and what it refers to) into `dir`, one `.ts` file per type.
pub fn export_all(dir: &Path) -> Result<(), ExportError> {
    api::error::ApiError::export_all_to(dir)?;
    api::search::SearchQuery::export_all_to(dir)?;
    api::search::SearchResponse::export_all_to(dir)?;
    api::documents::DocumentView::export_all_to(dir)?;
    api::documents::ArchiveStats::export_all_to(dir)?;
    api::import::ImportSummary::export_all_to(dir)?;
    api::import::ImportProgress::export_all_to(dir)?;
    api::documents::ReindexSummary::export_all_to(dir)?;
    api::motions::MotionRow::export_all_to(dir)?;
    api::commitments::CommitmentFilter::export_all_to(dir)?;
    api::commitments::CommitmentView::export_all_to(dir)?;
    api::commitments::SuggestionView::export_all_to(dir)?;
    api::commitments::CommitmentChange::export_all_to(dir)?;
    api::commitments::CommitmentNew::export_all_to(dir)?;
    api::export::ExportRequest::export_all_to(dir)?;
    api::export::ExportSummary::export_all_to(dir)?;
    api::dialogs::FileFilter::export_all_to(dir)?;
    api::commitments::CommitmentPageRequest::export_all_to(dir)?;
    api::commitments::CommitmentPageView::export_all_to(dir)?;
    api::motions::MotionPageRequest::export_all_to(dir)?;
    api::motions::MotionPageView::export_all_to(dir)?;
    api::documents::TimelineRequest::export_all_to(dir)?;
    api::documents::TimelinePageView::export_all_to(dir)?;
    api::meetings::MeetingRange::export_all_to(dir)?;
    api::meetings::MeetingView::export_all_to(dir)?;
    api::meetings::EditView::export_all_to(dir)?;
    api::meetings::MeetingDetailView::export_all_to(dir)?;
    api::meetings::MeetingNew::export_all_to(dir)?;
    api::meetings::MeetingChange::export_all_to(dir)?;
    api::agenda::AgendaItemNew::export_all_to(dir)?;
    api::agenda::AgendaItemView::export_all_to(dir)?;
    api::motions::MotionNew::export_all_to(dir)?;
    api::motions::VoteNew::export_all_to(dir)?;
    api::sources::SourceView::export_all_to(dir)?;
    api::sources::ConflictView::export_all_to(dir)?;
    api::sources::SourceNew::export_all_to(dir)?;
    api::sources::SyncProgressView::export_all_to(dir)?;
    api::sources::SyncSummary::export_all_to(dir)?;
    api::alerts::SavedSearchNew::export_all_to(dir)?;
    api::alerts::SavedSearchView::export_all_to(dir)?;
    api::alerts::AlertHitView::export_all_to(dir)?;
    api::councils::CouncilView::export_all_to(dir)?;
    api::archives::ArchivesView::export_all_to(dir)?;
    api::settings::CouncilSettingsView::export_all_to(dir)?;
    api::settings::PartyView::export_all_to(dir)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn read_dir(dir: &Path) -> BTreeMap<String, String> {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .filter(|e| e.path().extension().is_some_and(|x| x == "ts"))
                    .map(|e| {
                        let name = e.file_name().to_string_lossy().into_owned();
                        let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                        (name, text)
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn bindings_are_up_to_date() -> Result<(), Box<dyn std::error::Error>> {
        let fresh = tempfile::tempdir()?;
        export_all(fresh.path())?;
        let generated = read_dir(fresh.path());
        assert!(generated.contains_key("SearchResponse.ts"));
        if std::env::var_os("UPDATE_BINDINGS").is_some_and(|v| v == "1") {
            let dir = ui_dir();
            if dir.exists() {
                std::fs::remove_dir_all(&dir)?;
            }
            export_all(&dir)?;
            return Ok(());
        }
        let committed = read_dir(&ui_dir());
        assert!(
            generated == committed,
            "ui/src/lib/bindings is stale: run `UPDATE_BINDINGS=1 cargo test -p raadsvolger-app bindings` \
             and commit the result"
        );
        Ok(())
    }
}
