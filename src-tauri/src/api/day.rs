//! Days as they cross to and from the window: `"YYYY-MM-DD"` both ways.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;

use super::error::{ApiError, invalid_input};

/// A day on the wire (`"2026-11-22"`). A day the window sends that is not one is kept as the
/// text it was, so that the command answers it with a coded `invalid-input` (rule `date`, the
/// text as `value`), which the window words in its language, rather than Tauri refusing the
/// arguments in English; [`Day::get`] gives the day or that error.
#[derive(Debug, Clone, PartialEq, Eq, TS)]
#[ts(type = "string")]
pub struct Day(Result<NaiveDate, String>);

impl Day {
    /// Reads `text` (white space around it allowed).
    pub fn parse(text: &str) -> Day {
        Day(text.trim().parse().map_err(|_| text.to_owned()))
    }

    /// The day, or `invalid-input` (rule `date`) when the text was not one.
    pub fn get(&self) -> Result<NaiveDate, ApiError> {
        self.0.clone().map_err(|text| {
            invalid_input(format!("not a date (expected YYYY-MM-DD): {text:?}"))
                .with("rule", "date")
                .with("value", text)
        })
    }

    /// A day that may be left out: absent or blank is none.
    pub fn optional(day: &Option<Day>) -> Result<Option<NaiveDate>, ApiError> {
        match day {
            Some(Day(Err(text))) if text.trim().is_empty() => Ok(None),
            Some(day) => day.get().map(Some),
            None => Ok(None),
        }
    }

    /// The day of a date the core may not know.
    pub fn of(date: Option<NaiveDate>) -> Option<Day> {
        date.map(Day::from)
    }
}

impl From<NaiveDate> for Day {
    fn from(date: NaiveDate) -> Self {
        Day(Ok(date))
    }
}

/// No day given: an `invalid-input` where one is needed.
impl Default for Day {
    fn default() -> Self {
        Day(Err(String::new()))
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Ok(date) => serializer.collect_str(date),
            Err(text) => serializer.serialize_str(text),
        }
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|text| Day::parse(&text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Day {
        serde_json::from_str(json).expect("a string")
    }

    #[test]
    fn a_day_crosses_as_yyyy_mm_dd_both_ways() {
        let day = read("\" 2026-11-22 \"");
        assert_eq!(day.get().ok(), NaiveDate::from_ymd_opt(2026, 11, 22));
        assert_eq!(
            serde_json::to_string(&day).ok().as_deref(),
            Some("\"2026-11-22\"")
        );
    }

    #[test]
    fn text_that_is_no_day_is_a_coded_error_naming_it() {
        let error = read("\"22-11-2026\"").get().expect_err("not a day");
        assert_eq!(error.params.get("rule").map(String::as_str), Some("date"));
        assert_eq!(
            error.params.get("value").map(String::as_str),
            Some("22-11-2026")
        );
        assert_eq!(Day::optional(&Some(read("\" \""))).ok(), Some(None));
        assert_eq!(Day::optional(&None).ok(), Some(None));
        assert!(Day::optional(&Some(read("\"morgen\""))).is_err());
        assert!(Day::default().get().is_err());
    }
}
