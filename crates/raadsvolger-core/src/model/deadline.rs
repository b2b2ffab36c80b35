//! The kinds of deadline a commitment can have.

/// The kinds of deadline a sentence can set (the evaluation's own names, in serde too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeadlineKind {
    Day,
    Month,
    Quarter,
    Half,
    Year,
    Season,
    Relative,
    Event,
    Asap,
    Recurring,
    Open,
}

impl DeadlineKind {
    /// All kinds, in declaration order.
    pub const ALL: [DeadlineKind; 11] = [
        DeadlineKind::Day,
        DeadlineKind::Month,
        DeadlineKind::Quarter,
        DeadlineKind::Half,
        DeadlineKind::Year,
        DeadlineKind::Season,
        DeadlineKind::Relative,
        DeadlineKind::Event,
        DeadlineKind::Asap,
        DeadlineKind::Recurring,
        DeadlineKind::Open,
    ];

    /// The lowercase name used in the evaluation file and in serde.
    pub fn as_str(&self) -> &'static str {
        match self {
            DeadlineKind::Day => "day",
            DeadlineKind::Month => "month",
            DeadlineKind::Quarter => "quarter",
            DeadlineKind::Half => "half",
            DeadlineKind::Year => "year",
            DeadlineKind::Season => "season",
            DeadlineKind::Relative => "relative",
            DeadlineKind::Event => "event",
            DeadlineKind::Asap => "asap",
            DeadlineKind::Recurring => "recurring",
            DeadlineKind::Open => "open",
        }
    }

    /// Parses a lowercase kind name (surrounding whitespace and case are ignored).
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim().to_ascii_lowercase();
        DeadlineKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl std::fmt::Display for DeadlineKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
