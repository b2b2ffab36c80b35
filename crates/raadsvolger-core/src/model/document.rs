use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::DocId;

/// What kind of council document this is. Serialised in the Dutch kebab-case used in front
/// matter and on the CLI (`motie`, `schriftelijke-vragen`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum DocKind {
    Motie,
    Amendement,
    Raadsvoorstel,
    Raadsbesluit,
    Besluitenlijst,
    Agendapunt,
    Raadsinformatiebrief,
    SchriftelijkeVragen,
    Antwoorden,
    Plan,
    Verslag,
    Nieuws,
    Overig,
}

impl DocKind {
    /// Every kind, in the order the UI lists them.
    pub const ALL: [DocKind; 13] = [
        DocKind::Motie,
        DocKind::Amendement,
        DocKind::Raadsvoorstel,
        DocKind::Raadsbesluit,
        DocKind::Besluitenlijst,
        DocKind::Agendapunt,
        DocKind::Raadsinformatiebrief,
        DocKind::SchriftelijkeVragen,
        DocKind::Antwoorden,
        DocKind::Plan,
        DocKind::Verslag,
        DocKind::Nieuws,
        DocKind::Overig,
    ];

    /// The stable key (`schriftelijke-vragen`).
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Motie => "motie",
            DocKind::Amendement => "amendement",
            DocKind::Raadsvoorstel => "raadsvoorstel",
            DocKind::Raadsbesluit => "raadsbesluit",
            DocKind::Besluitenlijst => "besluitenlijst",
            DocKind::Agendapunt => "agendapunt",
            DocKind::Raadsinformatiebrief => "raadsinformatiebrief",
            DocKind::SchriftelijkeVragen => "schriftelijke-vragen",
            DocKind::Antwoorden => "antwoorden",
            DocKind::Plan => "plan",
            DocKind::Verslag => "verslag",
            DocKind::Nieuws => "nieuws",
            DocKind::Overig => "overig",
        }
    }

    /// The Dutch label a council member reads ("Schriftelijke vragen").
    pub fn label_nl(self) -> &'static str {
        match self {
            DocKind::Motie => "Motie",
            DocKind::Amendement => "Amendement",
            DocKind::Raadsvoorstel => "Raadsvoorstel",
            DocKind::Raadsbesluit => "Raadsbesluit",
            DocKind::Besluitenlijst => "Besluitenlijst",
            DocKind::Agendapunt => "Agendapunt",
            DocKind::Raadsinformatiebrief => "Raadsinformatiebrief",
            DocKind::SchriftelijkeVragen => "Schriftelijke vragen",
            DocKind::Antwoorden => "Antwoorden",
            DocKind::Plan => "Plan",
            DocKind::Verslag => "Verslag",
            DocKind::Nieuws => "Nieuws",
            DocKind::Overig => "Overig",
        }
    }

    /// Parses a key or a common variant (`Schriftelijke vragen`, `RIB`, `besluit`).
    pub fn parse(s: &str) -> Option<DocKind> {
        let norm: String = s
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if c == ' ' || c == '_' { '-' } else { c })
            .collect();
        let kind = match norm.as_str() {
            "motie" | "moties" => DocKind::Motie,
            "amendement" | "amendementen" => DocKind::Amendement,
            "raadsvoorstel" | "voorstel" => DocKind::Raadsvoorstel,
            "raadsbesluit" | "besluit" => DocKind::Raadsbesluit,
            "besluitenlijst" => DocKind::Besluitenlijst,
            "agendapunt" | "agendawijzer" => DocKind::Agendapunt,
            "raadsinformatiebrief" | "rib" | "informatiebrief" => DocKind::Raadsinformatiebrief,
            "schriftelijke-vragen" | "vragen" => DocKind::SchriftelijkeVragen,
            "antwoorden" | "beantwoording" => DocKind::Antwoorden,
            "plan" | "uitvoeringsplan" => DocKind::Plan,
            "verslag" | "notulen" => DocKind::Verslag,
            "nieuws" | "nieuwsbericht" | "persbericht" => DocKind::Nieuws,
            "overig" => DocKind::Overig,
            _ => return None,
        };
        Some(kind)
    }

    /// The keys of all kinds, comma-separated, for error messages.
    pub fn all_keys() -> String {
        DocKind::ALL
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl std::fmt::Display for DocKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The file format a document was imported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    Markdown,
    Text,
    Html,
    Pdf,
    /// A Word document (Office Open XML).
    Docx,
    /// An OpenDocument text.
    Odt,
}

impl SourceFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Markdown => "markdown",
            SourceFormat::Text => "text",
            SourceFormat::Html => "html",
            SourceFormat::Pdf => "pdf",
            SourceFormat::Docx => "docx",
            SourceFormat::Odt => "odt",
        }
    }

    pub fn parse(s: &str) -> Option<SourceFormat> {
        match s {
            "markdown" => Some(SourceFormat::Markdown),
            "text" => Some(SourceFormat::Text),
            "html" => Some(SourceFormat::Html),
            "pdf" => Some(SourceFormat::Pdf),
            "docx" => Some(SourceFormat::Docx),
            "odt" => Some(SourceFormat::Odt),
            _ => None,
        }
    }
}

/// What an importer produces from one file, before it is stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewDocument {
    pub kind: DocKind,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub council_number: Option<String>,
    /// Plain text, paragraphs separated by blank lines. This is what is indexed.
    pub body_text: String,
    /// Sanitized HTML for display (no scripts, no event handlers, no remote embeds).
    pub body_html: String,
    /// Canonical party names mentioned or named in front matter.
    pub parties: Vec<String>,
    pub source_path: Option<String>,
    pub format: SourceFormat,
    /// BLAKE3 of the file's bytes, hex.
    pub content_hash: String,
    /// For PDFs: the byte offset in `body_text` where each page starts (page 1 first).
    pub pages: Vec<usize>,
    /// Front matter keys beyond the ones above (submitters, outcome, votes, illustrative, ...).
    pub meta: serde_json::Map<String, serde_json::Value>,
    /// Votes the document records.
    pub votes: Vec<crate::model::VoteEvent>,
    /// Commitments found in it.
    pub commitments: Vec<crate::model::CommitmentDraft>,
    /// Statements in it that something promised has come.
    pub hints: Vec<FulfilmentHint>,
}

impl NewDocument {
    /// The stored form, once the store has given it an id.
    pub fn into_document(self, id: DocId, imported_at: String) -> Document {
        Document {
            id,
            kind: self.kind,
            title: self.title,
            date: self.date,
            council_number: self.council_number,
            body_text: self.body_text,
            body_html: self.body_html,
            parties: self.parties,
            source_path: self.source_path,
            format: self.format,
            content_hash: self.content_hash,
            imported_at,
            pages: self.pages,
            meta: self.meta,
        }
    }
}

/// A stored document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub id: DocId,
    pub kind: DocKind,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub council_number: Option<String>,
    pub body_text: String,
    pub body_html: String,
    pub parties: Vec<String>,
    pub source_path: Option<String>,
    pub format: SourceFormat,
    pub content_hash: String,
    /// When it was imported (RFC 3339, UTC).
    pub imported_at: String,
    pub pages: Vec<usize>,
    pub meta: serde_json::Map<String, serde_json::Value>,
}

impl Document {
    /// The 1-based page that holds byte offset `offset` of `body_text`, for PDFs.
    pub fn page_at(&self, offset: usize) -> Option<usize> {
        page_at(&self.pages, offset)
    }

    pub fn summary(&self) -> DocumentSummary {
        DocumentSummary {
            id: self.id,
            title: self.title.clone(),
            kind: self.kind,
            date: self.date,
            council_number: self.council_number.clone(),
            source: self.source_path.clone(),
        }
    }
}

pub(crate) fn page_at(pages: &[usize], offset: usize) -> Option<usize> {
    if pages.is_empty() {
        return None;
    }
    Some(pages.partition_point(|&start| start <= offset).max(1))
}

/// The short form of a document used in lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentSummary {
    pub id: DocId,
    pub title: String,
    pub kind: DocKind,
    pub date: Option<NaiveDate>,
    pub council_number: Option<String>,
    pub source: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_keys() {
        for kind in DocKind::ALL {
            assert_eq!(DocKind::parse(kind.as_str()), Some(kind));
            let json = serde_json::to_string(&kind).expect("serialises");
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
        assert_eq!(
            DocKind::parse("Schriftelijke vragen"),
            Some(DocKind::SchriftelijkeVragen)
        );
        assert_eq!(DocKind::parse("RIB"), Some(DocKind::Raadsinformatiebrief));
        assert_eq!(DocKind::parse("vergadernotitie"), None);
    }

    #[test]
    fn page_lookup_uses_page_starts() {
        let pages = vec![0, 100, 250];
        assert_eq!(page_at(&pages, 0), Some(1));
        assert_eq!(page_at(&pages, 99), Some(1));
        assert_eq!(page_at(&pages, 100), Some(2));
        assert_eq!(page_at(&pages, 1000), Some(3));
        assert_eq!(page_at(&[], 5), None);
    }
}

/// A later document's statement that something promised has come, possibly late.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FulfilmentHint {
    pub quote: String,
    /// It says it came later than promised.
    pub late: bool,
}
