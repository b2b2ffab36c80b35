//! A document's text and HTML, kept compressed.
//!
//! The text is most of an archive's bytes, and the HTML shown for it as much again. Both are
//! stored compressed with Zstandard at level [`LEVEL`] (`text_z`, `html_z`): council prose
//! shrinks to about a third (LZ4, tried first, left two thirds), and decompressing a 300 KB
//! report takes a fraction of a millisecond. HTML that is only the
//! text's own paragraphs (what plain text, PDF and office documents show) is not stored at all
//! but made again when read; only what a Markdown or HTML source made is kept.
//!
//! Rows written before this (schema 6 and older) keep their text in `body_text` and
//! `body_html` and are read from there; nothing is rewritten.

use crate::error::{Error, Result};
use crate::model::SourceFormat;
use crate::text::html::text_to_html;

/// Zstandard's level: its default, several hundred MB/s on one core.
const LEVEL: i32 = 3;

/// What is stored for a document's text and HTML.
pub(crate) struct Packed {
    pub text: Vec<u8>,
    /// `None` when the HTML is the text's paragraphs.
    pub html: Option<Vec<u8>>,
}

pub(crate) fn pack(text: &str, html: &str, format: SourceFormat) -> Packed {
    let own_html = match format {
        SourceFormat::Markdown | SourceFormat::Html => true,
        _ => html != text_to_html(text),
    };
    Packed {
        text: compress(text),
        html: own_html.then(|| compress(html)),
    }
}

fn compress(text: &str) -> Vec<u8> {
    // Compressing bytes held in memory fails only when memory runs out.
    zstd::encode_all(text.as_bytes(), LEVEL).unwrap_or_else(|e| panic!("zstd: {e}"))
}

/// The text of a compressed column.
pub fn unpack(blob: &[u8]) -> Result<String> {
    let bytes = zstd::decode_all(blob)
        .map_err(|e| Error::InvalidInput(format!("a stored text is damaged: {e}")))?;
    String::from_utf8(bytes).map_err(|_| Error::InvalidInput("a stored text is not UTF-8".into()))
}

/// A row's text: compressed, or (written before schema 7) plain.
pub fn text_of(plain: String, packed: Option<&[u8]>) -> Result<String> {
    match packed {
        Some(blob) => unpack(blob),
        None => Ok(plain),
    }
}

/// A row's HTML: compressed, made from its text, or (written before schema 7) plain.
pub(crate) fn html_of(
    plain: String,
    packed: Option<&[u8]>,
    text_packed: bool,
    text: &str,
) -> Result<String> {
    match packed {
        Some(blob) => unpack(blob),
        None if text_packed && plain.is_empty() => Ok(text_to_html(text)),
        None => Ok(plain),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_html_come_back_as_they_went_in() {
        let text = "Het college zegt toe de raad vóór 1 juli te informeren.\n\nTweede alinea.";
        let html = "<h1>Toezegging</h1><p>Het college zegt toe …</p>";
        let p = pack(text, html, SourceFormat::Markdown);
        let back = text_of(String::new(), Some(&p.text)).expect("text");
        assert_eq!(back, text);
        let html_back = html_of(String::new(), p.html.as_deref(), true, &back).expect("html");
        assert_eq!(html_back, html);
    }

    #[test]
    fn html_that_is_the_texts_paragraphs_is_not_stored() {
        let text = "Eerste alinea.\n\nTweede <alinea> & meer.";
        let html = text_to_html(text);
        let p = pack(text, &html, SourceFormat::Pdf);
        assert!(p.html.is_none());
        let back = text_of(String::new(), Some(&p.text)).expect("text");
        assert_eq!(
            html_of(String::new(), None, true, &back).expect("html"),
            html
        );
        // HTML of its own (a corrected page, a sanitised source) is kept.
        let p = pack(text, "<p>Anders</p>", SourceFormat::Text);
        assert!(p.html.is_some());
    }

    #[test]
    fn rows_from_before_are_read_as_they_are_and_damage_is_an_error() {
        assert_eq!(text_of("oud".into(), None).expect("plain"), "oud");
        assert_eq!(
            html_of("<p>oud</p>".into(), None, false, "oud").expect("plain"),
            "<p>oud</p>"
        );
        assert!(unpack(&[9, 0, 0, 0, 1, 2]).is_err());
    }
}
