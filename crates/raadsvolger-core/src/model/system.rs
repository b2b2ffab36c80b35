//! The register systems a council publishes through, and a source to sync from one of them.
//! Shared by the councils table, the store, the sources and the sync, so it sits in the model.

use chrono::NaiveDate;
use serde::Serialize;

/// The system named in the provenance of what openbesluitvorming's export brings: the harvest
/// of every council's register, not one of the registers itself.
pub const OBV_PROVENANCE: &str = "openbesluitvorming";

/// The registers Raadsvolger syncs with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum System {
    Notubiz,
    Ibabs,
    Tk,
    Ori,
    /// openbesluitvorming's bulk export, which harvests every council's register.
    Obv,
    /// GemeenteOplossingen's JSON API (one installation per council).
    Go,
    /// Parlaeus's open-data endpoint (one per council, with its session id).
    Parlaeus,
}

impl System {
    pub const ALL: [System; 7] = [
        System::Notubiz,
        System::Ibabs,
        System::Tk,
        System::Ori,
        System::Obv,
        System::Go,
        System::Parlaeus,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            System::Notubiz => "notubiz",
            System::Ibabs => "ibabs",
            System::Tk => "tk",
            System::Ori => "ori",
            System::Obv => "obv",
            System::Go => "go",
            System::Parlaeus => "parlaeus",
        }
    }

    /// The system named in the provenance of what it brings (and in its queued downloads).
    pub fn register_system(self) -> &'static str {
        match self {
            System::Obv => OBV_PROVENANCE,
            other => other.as_str(),
        }
    }

    /// True when every council has an address of its own, so a source needs its base URL.
    pub fn needs_base_url(self) -> bool {
        matches!(self, System::Go | System::Parlaeus)
    }

    pub fn parse(s: &str) -> Option<System> {
        System::ALL
            .into_iter()
            .find(|sys| sys.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// The public address of the system's API.
    pub fn default_base_url(self) -> &'static str {
        match self {
            System::Notubiz => "https://api.notubiz.nl",
            System::Ibabs => "https://wcf.ibabs.eu/api/Public.svc",
            System::Tk => "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0",
            System::Ori => "https://api.openraadsinformatie.nl/v1/elastic",
            System::Obv => "https://openbesluitvorming.nl",
            // Each council has its own installation: the catalogue or the user gives it.
            System::Go | System::Parlaeus => "",
        }
    }

    /// The domains whose https hosts a sync of this system may reach besides the source's
    /// own address (see `net::http::Destinations`); None for the systems that gather the
    /// councils' own files (Open Raadsinformatie, openbesluitvorming), whose documents are
    /// on any council's or register's site: any public https host then.
    pub fn domains(self) -> Option<&'static [&'static str]> {
        match self {
            System::Notubiz => Some(&["notubiz.nl"]),
            System::Ibabs => Some(&["ibabs.eu"]),
            System::Tk => Some(&[
                "tweedekamer.nl",
                "officielebekendmakingen.nl",
                "overheid.nl",
                "officiele-overheidspublicaties.nl",
            ]),
            System::Go => Some(&["gemeenteoplossingen.nl"]),
            System::Parlaeus => Some(&["parlaeus.nl"]),
            System::Ori | System::Obv => None,
        }
    }

    /// What the key of a source is in this system (for messages).
    pub fn key_label(self) -> &'static str {
        match self {
            System::Notubiz => "organisation",
            System::Ibabs => "site",
            System::Tk => "chamber",
            System::Ori => "organisation",
            System::Obv => "source",
            System::Go => "council",
            System::Parlaeus => "session",
        }
    }

    /// A name for people.
    pub fn label(self) -> &'static str {
        match self {
            System::Notubiz => "NotuBiz",
            System::Ibabs => "iBabs",
            System::Tk => "Tweede Kamer",
            System::Ori => "Open Raadsinformatie",
            System::Obv => "openbesluitvorming",
            System::Go => "GemeenteOplossingen",
            System::Parlaeus => "Parlaeus",
        }
    }
}

/// A source to sync: the system, the council's key there, and optionally another address and
/// a date range.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceSpec {
    pub system: Option<System>,
    pub key: String,
    pub base_url: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Fetch only the documents about these topics (see `sync::topics`); empty: every document.
    pub topics: Vec<String>,
}
