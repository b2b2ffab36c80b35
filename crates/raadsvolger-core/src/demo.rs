//! The example dossier (the approach to human trafficking in Almere and Flevoland, 2015–2024),
//! embedded in the binary so the app and the CLI can open on it with no files around.

use include_dir::{Dir, include_dir};

static DOSSIER: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../fixtures/dossier");

/// The source name embedded documents are stored under.
pub const SOURCE_PREFIX: &str = "voorbeelddossier/";

/// The dossier's files as (name, bytes), sorted by name.
pub fn files() -> Vec<(String, &'static [u8])> {
    let mut files: Vec<(String, &'static [u8])> = DOSSIER
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "md"))
        .map(|f| {
            (
                format!("{SOURCE_PREFIX}{}", f.path().to_string_lossy()),
                f.contents(),
            )
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// The dossier's register: its three meetings with their agenda items and the documents on
/// them (Popolo JSON, read by [`crate::register::popolo`]).
pub fn register() -> Option<&'static [u8]> {
    DOSSIER.get_file("register.json").map(|f| f.contents())
}

/// The system name the dossier's register records are stored under.
pub const REGISTER_SYSTEM: &str = "voorbeelddossier";
