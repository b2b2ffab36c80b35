//! Days as the window sends them (`YYYY-MM-DD`) and as it is sent them.

use super::error::{ApiError, invalid_input};

/// An ISO day (`2026-11-22`) from the UI; anything else is an `invalid-input`.
pub fn parse_day(text: &str) -> Result<chrono::NaiveDate, ApiError> {
    text.trim().parse().map_err(|_| {
        invalid_input(format!("not a date (expected YYYY-MM-DD): {text:?}"))
            .with("rule", "date")
            .with("value", text)
    })
}

pub(crate) fn parse_opt_day(text: Option<&str>) -> Result<Option<chrono::NaiveDate>, ApiError> {
    text.filter(|t| !t.trim().is_empty())
        .map(parse_day)
        .transpose()
}

pub(crate) fn iso(day: Option<chrono::NaiveDate>) -> Option<String> {
    day.map(|d| d.to_string())
}
