//! Where a fact of the register comes from.

use serde::{Deserialize, Serialize};

use crate::model::DocId;

/// The version of the extractors that write into the register; stored with every extracted fact
/// so a later extractor can tell its own facts from older ones.
pub const EXTRACTOR_VERSION: &str = "votes/4";

/// The provenance of one fact: found in a document, entered by a person, or imported from a
/// council's register. A fact a person entered wins over the others and survives re-extraction
/// and re-import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Provenance {
    Extracted {
        document_id: DocId,
        /// Byte span in the document's text, when the extractor knows it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        span: Option<(usize, usize)>,
        extractor: String,
    },
    User {
        /// When it was entered (RFC 3339).
        at: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    Register {
        /// "notubiz", "ibabs", "tk", "ori", "popolo", ...
        system: String,
        record_id: String,
    },
}

impl Provenance {
    pub fn extracted(document_id: DocId) -> Provenance {
        Provenance::Extracted {
            document_id,
            span: None,
            extractor: EXTRACTOR_VERSION.into(),
        }
    }

    pub fn user(note: Option<String>) -> Provenance {
        Provenance::User {
            at: crate::clock::recorded_at(),
            note,
        }
    }

    pub fn register(system: &str, record_id: impl Into<String>) -> Provenance {
        Provenance::Register {
            system: system.into(),
            record_id: record_id.into(),
        }
    }

    /// The key stored in the `prov` column.
    pub fn kind(&self) -> &'static str {
        match self {
            Provenance::Extracted { .. } => "extracted",
            Provenance::User { .. } => "user",
            Provenance::Register { .. } => "register",
        }
    }

    /// Which of two facts of the same day wins: a person's, then a register's, then extraction's.
    pub fn rank(&self) -> u8 {
        match self {
            Provenance::Extracted { .. } => 1,
            Provenance::Register { .. } => 2,
            Provenance::User { .. } => 3,
        }
    }

    /// The JSON stored in the `prov_ref` column.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// Reads the two columns back; an unreadable reference keeps at least its kind.
    pub fn from_columns(kind: &str, json: Option<&str>) -> Provenance {
        if let Some(p) = json.and_then(|j| serde_json::from_str::<Provenance>(j).ok()) {
            return p;
        }
        match kind {
            "user" => Provenance::User {
                at: String::new(),
                note: None,
            },
            "register" => Provenance::register("onbekend", ""),
            _ => Provenance::Extracted {
                document_id: 0,
                span: None,
                extractor: String::new(),
            },
        }
    }

    /// A short Dutch description for lists ("document #12", "ingevoerd", "popolo 42").
    pub fn label(&self) -> String {
        match self {
            Provenance::Extracted { document_id, .. } => format!("document #{document_id}"),
            Provenance::User { note: Some(n), .. } => format!("ingevoerd: {n}"),
            Provenance::User { .. } => "ingevoerd".into(),
            Provenance::Register { system, record_id } => format!("{system} {record_id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_its_columns() {
        for p in [
            Provenance::extracted(7),
            Provenance::user(Some("besluitenlijst".into())),
            Provenance::register("notubiz", "12345"),
        ] {
            let back = Provenance::from_columns(p.kind(), Some(&p.to_json()));
            assert_eq!(back, p);
        }
        assert_eq!(
            Provenance::from_columns("user", Some("kapot")).kind(),
            "user"
        );
        assert!(Provenance::user(None).rank() > Provenance::extracted(1).rank());
    }
}
