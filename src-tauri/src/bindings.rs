//! The TypeScript twins of [`crate::dto`], committed under `ui/src/lib/bindings/`.
//!
//! `cargo test -p raadsvolger-app bindings` fails when the committed files are stale; run it
//! with `UPDATE_BINDINGS=1` to write them anew.

use std::path::{Path, PathBuf};

use ts_rs::{ExportError, TS};

use crate::dto;

/// Where the UI keeps the generated types.
pub fn ui_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings")
}

/// Writes every IPC type (and what it refers to) into `dir`, one `.ts` file per type.
pub fn export_all(dir: &Path) -> Result<(), ExportError> {
    dto::ApiError::export_all_to(dir)?;
    dto::SearchQuery::export_all_to(dir)?;
    dto::SearchResponse::export_all_to(dir)?;
    dto::DocumentView::export_all_to(dir)?;
    dto::ArchiveStats::export_all_to(dir)?;
    dto::ImportSummary::export_all_to(dir)?;
    dto::ImportProgress::export_all_to(dir)?;
    dto::ReindexSummary::export_all_to(dir)?;
    dto::MotionRow::export_all_to(dir)?;
    dto::CommitmentFilter::export_all_to(dir)?;
    dto::CommitmentView::export_all_to(dir)?;
    dto::SuggestionView::export_all_to(dir)?;
    dto::CommitmentChange::export_all_to(dir)?;
    dto::CommitmentNew::export_all_to(dir)?;
    dto::ExportRequest::export_all_to(dir)?;
    dto::ExportSummary::export_all_to(dir)?;
    dto::FileFilter::export_all_to(dir)?;
    dto::CommitmentPageRequest::export_all_to(dir)?;
    dto::CommitmentPageView::export_all_to(dir)?;
    dto::MotionPageRequest::export_all_to(dir)?;
    dto::MotionPageView::export_all_to(dir)?;
    dto::TimelineRequest::export_all_to(dir)?;
    dto::TimelinePageView::export_all_to(dir)?;
    dto::MeetingRange::export_all_to(dir)?;
    dto::MeetingView::export_all_to(dir)?;
    dto::EditView::export_all_to(dir)?;
    dto::MeetingDetailView::export_all_to(dir)?;
    dto::MeetingNew::export_all_to(dir)?;
    dto::MeetingChange::export_all_to(dir)?;
    dto::AgendaItemNew::export_all_to(dir)?;
    dto::AgendaItemView::export_all_to(dir)?;
    dto::MotionNew::export_all_to(dir)?;
    dto::VoteNew::export_all_to(dir)?;
    dto::SourceView::export_all_to(dir)?;
    dto::ConflictView::export_all_to(dir)?;
    dto::SourceNew::export_all_to(dir)?;
    dto::SyncProgressView::export_all_to(dir)?;
    dto::SyncSummary::export_all_to(dir)?;
    dto::SavedSearchNew::export_all_to(dir)?;
    dto::SavedSearchView::export_all_to(dir)?;
    dto::AlertHitView::export_all_to(dir)?;
    dto::CouncilView::export_all_to(dir)?;
    dto::ArchivesView::export_all_to(dir)?;
    dto::CouncilSettingsView::export_all_to(dir)?;
    dto::PartyView::export_all_to(dir)?;
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
