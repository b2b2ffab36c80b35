//! Office documents: Word (DOCX, Office Open XML) and OpenDocument text (ODT). Both are ZIP
//! files with the text in one XML part (`word/document.xml`, `content.xml`) and the title in
//! another (`docProps/core.xml`, `meta.xml`). Paragraphs become lines; headings and list items
//! are paragraphs too, and a table's row is one line with its cells joined by tabs. Councils
//! attach both to agenda items.

use std::io::{Cursor, Read};

use super::budget::{Capped, Inflation};
use crate::error::ImportError;
use crate::text::xml::{self, Element, Node};

/// The kinds of office document read here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Office {
    Docx,
    Odt,
}

impl Office {
    pub fn label(self) -> &'static str {
        match self {
            Office::Docx => "Word document (.docx)",
            Office::Odt => "OpenDocument text (.odt)",
        }
    }
}

/// Largest XML part read (uncompressed): a council letter is a few hundred kB; a ZIP that
/// inflates far beyond its size is refused rather than filling the memory.
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// The ceiling on an XML part as it inflates: [`MAX_PART_BYTES`], and past 4 MiB at most 100
/// times its compressed size. Word and LibreOffice XML of real text compresses 5 to 20 times,
/// long runs of identical table cells some tens of times; 100 leaves room for those and stops
/// a part made of one repeated byte (deflate reaches 1,000 to 1) after 4 MiB.
const PART_LIMITS: Inflation = Inflation {
    max_bytes: MAX_PART_BYTES,
    max_ratio: 100,
    ratio_from: 4 << 20,
};

/// The ceiling on ODF's `mimetype` entry: its text is some 40 bytes
/// (`application/vnd.oasis.opendocument.text`); 1 KiB is far past any real one.
const MIME_LIMITS: Inflation = Inflation {
    max_bytes: 1 << 10,
    max_ratio: u64::MAX,
    ratio_from: u64::MAX,
};

/// Most tags in one XML part: the tree built from it costs about 100 bytes a tag (25 times
/// the part for `<a/>` after `<a/>`), so 2 million tags stay near 200 MB. A 300-page report's
/// `document.xml` has some 300,000.
const MAX_PART_TAGS: usize = 2_000_000;

/// Which office document a ZIP file is, from the parts it holds; None for any other ZIP.
pub fn sniff(bytes: &[u8]) -> Option<Office> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return None;
    }
    let zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let has = |name: &str| zip.index_for_name(name).is_some();
    if has("word/document.xml") {
        return Some(Office::Docx);
    }
    if has("content.xml") {
        // ODF keeps its media type in a file of its own, first in the archive. One that
        // inflates past its ceiling is taken for ODT, so that `extract` names it as refused.
        let mut zip = zip;
        return match mimetype(&mut zip) {
            Ok(mime)
                if mime
                    .trim()
                    .starts_with("application/vnd.oasis.opendocument.text")
                    || mime.is_empty() =>
            {
                Some(Office::Odt)
            }
            Ok(_) => None,
            Err(_) => Some(Office::Odt),
        };
    }
    None
}

/// ODF's `mimetype` entry ("" when there is none), read within [`MIME_LIMITS`].
fn mimetype<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>) -> Result<String, String> {
    let Ok(file) = zip.by_name("mimetype") else {
        return Ok(String::new());
    };
    let packed = file.compressed_size();
    let mut bytes = Vec::new();
    let mut capped = Capped::new(file, packed, MIME_LIMITS);
    if capped.read_to_end(&mut bytes).is_err() {
        if let Some(why) = capped.overrun() {
            return Err(format!("its mimetype entry: {why}"));
        }
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The document's title (from its properties, when set) and its text, one paragraph a line.
pub fn extract(bytes: &[u8], kind: Office) -> Result<(Option<String>, String), ImportError> {
    let bad = |what: String| ImportError::Unsupported(format!("{}: {what}", kind.label()));
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| bad(format!("not a readable ZIP file ({e})")))?;
    let (body_part, meta_part) = match kind {
        Office::Docx => ("word/document.xml", "docProps/core.xml"),
        Office::Odt => ("content.xml", "meta.xml"),
    };
    if kind == Office::Odt {
        mimetype(&mut zip).map_err(bad)?;
    }
    let body = read_part(&mut zip, body_part)
        .map_err(bad)?
        .ok_or_else(|| bad(format!("it has no {body_part}")))?;
    let root = xml::parse(body_part, &body).map_err(|e| bad(e.to_string()))?;
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    walk(&root, kind, &mut current, &mut paragraphs);
    flush(&mut current, &mut paragraphs);
    let title = read_part(&mut zip, meta_part)
        .ok()
        .flatten()
        .and_then(|meta| xml::parse(meta_part, &meta).ok())
        .and_then(|meta| find_text(&meta, "title"))
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty());
    Ok((title, paragraphs.join("\n\n")))
}

fn read_part<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<String>, String> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("cannot read {name} ({e})")),
    };
    let packed = file.compressed_size();
    let mut bytes = Vec::new();
    let mut capped = Capped::new(file, packed, PART_LIMITS);
    if let Err(e) = capped.read_to_end(&mut bytes) {
        return Err(match capped.overrun() {
            Some(why) => format!("{name}: {why}"),
            None => format!("cannot read {name} ({e})"),
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "cannot read {name} (not UTF-8 at byte {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    let tags = text.bytes().filter(|&b| b == b'<').count();
    if tags > MAX_PART_TAGS {
        return Err(format!(
            "{name} has more than {MAX_PART_TAGS} tags ({tags}); not read"
        ));
    }
    Ok(Some(text))
}

fn flush(current: &mut String, paragraphs: &mut Vec<String>) {
    let line = current.split_whitespace().collect::<Vec<_>>().join(" ");
    if !line.is_empty() {
        paragraphs.push(line);
    }
    current.clear();
}

fn walk(el: &Element, kind: Office, current: &mut String, paragraphs: &mut Vec<String>) {
    for node in &el.children {
        super::budget::check();
        match node {
            Node::Text(t) => {
                // Word keeps text only in <w:t>; the white space between its tags is layout.
                if kind == Office::Odt || el.name == "t" {
                    current.push_str(t);
                }
            }
            Node::Element(child) if is_row(child, kind) => {
                flush(current, paragraphs);
                let row = row_line(child, kind);
                if row.chars().any(|c| c != '\t') {
                    paragraphs.push(row);
                }
            }
            Node::Element(child) => {
                let paragraph = match kind {
                    Office::Docx => child.name == "p",
                    Office::Odt => child.name == "p" || child.name == "h",
                };
                match (kind, child.name.as_str()) {
                    (Office::Docx, "tab") | (Office::Odt, "tab") => current.push(' '),
                    (Office::Docx, "br" | "cr") | (Office::Odt, "line-break") => current.push(' '),
                    (Office::Odt, "s") => current.push(' '),
                    // Deleted text of tracked changes, and Word's field codes, are no text.
                    (Office::Docx, "del" | "instrText" | "delText") => continue,
                    (Office::Odt, "tracked-changes" | "note-citation") => continue,
                    _ => {}
                }
                if paragraph {
                    flush(current, paragraphs);
                    walk(child, kind, current, paragraphs);
                    flush(current, paragraphs);
                } else {
                    walk(child, kind, current, paragraphs);
                }
            }
        }
    }
}

fn is_row(el: &Element, kind: Office) -> bool {
    match kind {
        Office::Docx => el.name == "tr",
        Office::Odt => el.name == "table-row",
    }
}

fn is_cell(el: &Element, kind: Office) -> bool {
    match kind {
        Office::Docx => el.name == "tc",
        Office::Odt => el.name == "table-cell" || el.name == "covered-table-cell",
    }
}

/// A table's row as one line, its cells joined by tabs (as a browser copies a table), so the
/// readers of lists see a row as a row: a cell's paragraphs run on with spaces.
fn row_line(row: &Element, kind: Office) -> String {
    row.children
        .iter()
        .filter_map(|n| match n {
            Node::Element(cell) if is_cell(cell, kind) => Some(cell),
            _ => None,
        })
        .map(|cell| {
            let (mut current, mut inner) = (String::new(), Vec::new());
            walk(cell, kind, &mut current, &mut inner);
            flush(&mut current, &mut inner);
            inner.join(" ")
        })
        .collect::<Vec<_>>()
        .join("\t")
}

fn find_text(el: &Element, name: &str) -> Option<String> {
    if el.name == name {
        let text: String = el
            .children
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.as_str()),
                Node::Element(_) => None,
            })
            .collect();
        return Some(text);
    }
    el.children.iter().find_map(|n| match n {
        Node::Element(e) => find_text(e, name),
        Node::Text(_) => None,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use super::*;

    /// A ZIP with these parts (stored, as office programs write `mimetype`).
    pub(crate) fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut out);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            for (name, text) in parts {
                w.start_file(*name, opts).expect("start");
                w.write_all(text.as_bytes()).expect("write");
            }
            w.finish().expect("finish");
        }
        out.into_inner()
    }

    pub(crate) fn docx(title: &str, paragraphs: &[&str]) -> Vec<u8> {
        let body: String = paragraphs
            .iter()
            .map(|p| {
                let (a, b) = p.split_at(p.len() / 2);
                format!("<w:p><w:r><w:t>{a}</w:t></w:r><w:r><w:t xml:space=\"preserve\">{b}</w:t></w:r></w:p>\n")
            })
            .collect();
        zip_of(&[
            (
                "word/document.xml",
                &format!(
                    "<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"><w:body>{body}\
                     <w:p><w:del><w:r><w:delText>geschrapt</w:delText></w:r></w:del></w:p>\
                     </w:body></w:document>"
                ),
            ),
            (
                "docProps/core.xml",
                &format!(
                    "<cp:coreProperties xmlns:cp=\"c\" xmlns:dc=\"d\"><dc:title>{title}</dc:title></cp:coreProperties>"
                ),
            ),
        ])
    }

    pub(crate) fn odt(paragraphs: &[&str]) -> Vec<u8> {
        let body: String = paragraphs
            .iter()
            .enumerate()
            .map(|(i, p)| {
                if i == 0 {
                    format!("<text:h text:outline-level=\"1\">{p}</text:h>")
                } else {
                    format!("<text:p>{}</text:p>", p.replacen(' ', "<text:s/>", 1))
                }
            })
            .collect();
        zip_of(&[
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            (
                "content.xml",
                &format!(
                    "<office:document-content xmlns:office=\"o\" xmlns:text=\"t\"><office:body>\
                     <office:text>{body}</office:text></office:body></office:document-content>"
                ),
            ),
        ])
    }

    #[test]
    fn docx_paragraphs_title_and_no_deleted_text() {
        let bytes = docx(
            "Raadsinformatiebrief jeugdhulp",
            &[
                "Geachte leden van de raad,",
                "Wij informeren u over de voortgang &amp; de planning.",
            ],
        );
        assert_eq!(sniff(&bytes), Some(Office::Docx));
        let (title, text) = extract(&bytes, Office::Docx).expect("reads");
        assert_eq!(title.as_deref(), Some("Raadsinformatiebrief jeugdhulp"));
        assert_eq!(
            text,
            "Geachte leden van de raad,\n\nWij informeren u over de voortgang & de planning."
        );
        assert!(!text.contains("geschrapt"));
    }

    #[test]
    fn odt_headings_spaces_and_paragraphs() {
        let bytes = odt(&[
            "Motie fietspad",
            "De raad verzoekt het college een plan te maken.",
        ]);
        assert_eq!(sniff(&bytes), Some(Office::Odt));
        let (title, text) = extract(&bytes, Office::Odt).expect("reads");
        assert_eq!(title, None);
        assert_eq!(
            text,
            "Motie fietspad\n\nDe raad verzoekt het college een plan te maken."
        );
    }

    /// A table's row is one line of cells joined by tabs, in Word and in OpenDocument.
    #[test]
    fn table_rows_are_lines_of_tab_separated_cells() {
        let word = zip_of(&[(
            "word/document.xml",
            "<w:document xmlns:w=\"w\"><w:body><w:tbl>\
             <w:tr><w:tc><w:p><w:r><w:t>Nr.</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Toezegging</w:t></w:r></w:p></w:tc></w:tr>\
             <w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Een notitie</w:t></w:r></w:p><w:p><w:r><w:t>over bankjes</w:t></w:r></w:p></w:tc></w:tr>\
             </w:tbl></w:body></w:document>",
        )]);
        let (_, text) = extract(&word, Office::Docx).expect("reads");
        assert_eq!(text, "Nr.\tToezegging\n\n1\tEen notitie over bankjes");
        let odt = zip_of(&[
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            (
                "content.xml",
                "<office:document-content xmlns:office=\"o\" xmlns:text=\"t\" xmlns:table=\"b\"><office:body><office:text>\
                 <table:table><table:table-row><table:table-cell><text:p>Motie</text:p></table:table-cell><table:covered-table-cell/><table:table-cell><text:p>Aangenomen</text:p></table:table-cell></table:table-row></table:table>\
                 </office:text></office:body></office:document-content>",
            ),
        ]);
        let (_, text) = extract(&odt, Office::Odt).expect("reads");
        assert_eq!(text, "Motie\t\tAangenomen");
    }

    #[test]
    fn other_zips_and_broken_parts_are_refused_clearly() {
        let plain = zip_of(&[("readme.txt", "hallo")]);
        assert_eq!(sniff(&plain), None);
        let broken = zip_of(&[("word/document.xml", "<w:document><w:body>")]);
        let err = extract(&broken, Office::Docx).expect_err("cut off");
        assert!(err.to_string().contains("Word document"), "{err}");
        assert!(sniff(b"PK\x03\x04 not really a zip").is_none());
    }
}
