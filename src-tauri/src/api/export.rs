//! Exports of the commitment register to a file the user chose.

use super::day::Day;
use super::error::{ApiError, ApiErrorCode, ErrorCode};
use super::{AppState, Reply, blocking, count};
use raadsvolger_core::export as exports;
use serde::{Deserialize, Serialize};
use std::path::Path;
use tauri::State;
use ts_rs::TS;

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// A spreadsheet of every commitment.
    Csv,
    /// A calendar of the open deadlines.
    Ics,
    /// The council report: Markdown, or HTML when the file name ends in `.html`.
    Report,
}

/// An export to a file the user chose in the save dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportRequest {
    pub format: ExportFormat,
    pub as_of: Day,
    pub path: String,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportSummary {
    pub path: String,
    #[ts(type = "number")]
    pub commitments: u32,
    #[ts(type = "number")]
    pub bytes: u32,
}

/// Writes the commitment register as of a day to the file chosen in the save dialog.
#[tauri::command]
pub async fn export(state: State<'_, AppState>, request: ExportRequest) -> Reply<ExportSummary> {
    let as_of = request.as_of.get()?;
    check_export_path(&request.path)?;
    let target = state.grants.check_write(Path::new(&request.path))?;
    blocking(&state, move |archive| {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
        let format = match request.format {
            ExportFormat::Csv => exports::Format::Csv,
            ExportFormat::Ics => exports::Format::Ics { stamp: &stamp },
            ExportFormat::Report if request.path.to_lowercase().ends_with(".html") => {
                exports::Format::ReportHtml
            }
            ExportFormat::Report => exports::Format::ReportMarkdown,
        };
        let exports::Exported {
            content,
            commitments,
        } = archive.export(format, as_of)?;
        raadsvolger_core::files::write_whole(&target, content.as_bytes()).map_err(|e| {
            ApiError {
                code: ApiErrorCode::Core(ErrorCode::Io),
                message: e.to_string(),
                params: [
                    ("file".to_owned(), request.path.clone()),
                    ("detail".to_owned(), e.to_string()),
                ]
                .into(),
            }
        })?;
        Ok(ExportSummary {
            path: request.path,
            commitments: count(commitments),
            bytes: count(content.len()),
        })
    })
    .await
}

/// The file the page asks to export to: what the save dialog gives. It must be an absolute
/// path to a regular file (new or existing) in a folder that exists; never a folder, a device
/// or a pipe.
pub fn check_export_path(path: &str) -> Reply<()> {
    if path.trim().is_empty() {
        return Err(ApiError::invalid_input("no file chosen to export to"));
    }
    let file = Path::new(path);
    if !file.is_absolute() {
        return Err(ApiError::invalid_input(format!(
            "not an absolute path: {path:?} (choose the file in the save dialog)"
        )));
    }
    if let Ok(meta) = std::fs::metadata(file) {
        if meta.is_dir() {
            return Err(ApiError::invalid_input(format!(
                "{path} is a folder: choose a file name to export to"
            )));
        }
        if !meta.is_file() {
            return Err(ApiError::invalid_input(format!(
                "{path} is not a regular file (a device, pipe or socket)"
            )));
        }
    }
    match file.parent() {
        Some(folder) if folder.is_dir() => Ok(()),
        Some(folder) => Err(ApiError::not_found(format!(
            "the folder {} does not exist",
            folder.display()
        ))),
        None => Err(ApiError::invalid_input(format!(
            "{path} names no file to export to"
        ))),
    }
}
