//! PDF: the text layer, page by page, so a hit can name its page.
//!
//! The text comes from pdf-extract, which trusts a file's structure: it follows a page's
//! `/Parent` chain without end when the chain loops (a hang), and draws a form XObject that
//! draws itself by recursing until the stack overflows (an abort no `catch_unwind` can stop).
//! [`check_structure`] refuses both before pdf-extract sees the document; its panics on other
//! malformed files are caught. No stream is inflated before [`streams`] has measured it within
//! its limits, and a page's drawing (its content and the forms it draws, nested) is bounded.

use std::collections::{HashMap, HashSet};

use pdf_extract::content::Content;
use pdf_extract::{Dictionary, Document, Object, ObjectId, Stream};

use crate::error::ImportError;

mod streams;

/// Deepest nesting of form XObjects (a form drawing a form ...) accepted.
const MAX_FORM_DEPTH: usize = 32;
/// Most (form, resources) pairs looked at: the check stays linear in the file.
const MAX_FORM_VISITS: usize = 100_000;
/// Most bytes of content one page's drawing holds at once: its `/Contents` together (each
/// time listed) plus the forms drawn in forms down one chain. lopdf parses a content stream
/// into operators whole, at up to about 40 bytes of memory per byte of content (each `0 ` a
/// 2-byte operand of some 80 bytes), so 16 MiB can cost some 640 MiB while a page is drawn.
/// A page of text is tens of kB; a dense vector drawing a few MB.
const MAX_PAGE_DRAWING: u64 = 16 << 20;

/// Pages' text, or why there is none.
pub fn extract_pages(bytes: &[u8]) -> Result<Vec<String>, ImportError> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(ImportError::Pdf("not a PDF file (no %PDF- header)".into()));
    }
    // pdf-extract panics on some malformed files; a panic must not take the import down.
    let pages = match std::panic::catch_unwind(|| read_pages(bytes)) {
        Ok(result) => result?,
        // The file's time is up: that is for `budget::within` to answer.
        Err(payload) if super::budget::is_expired(&*payload) => std::panic::resume_unwind(payload),
        Err(_) => return Err(ImportError::Pdf("malformed PDF structure".into())),
    };
    if pages.is_empty() {
        return Err(ImportError::Pdf(
            "the PDF has no pages (or its page tree is broken)".into(),
        ));
    }
    let letters: usize = pages.iter().map(|p| letters(p)).sum();
    if letters < MIN_LETTERS {
        // A scan: its pages are images. Read them when Tesseract is there.
        return match super::ocr::engine() {
            Some(engine) => read_scan(engine, bytes, &pages),
            None => Err(ImportError::PdfNoText),
        };
    }
    Ok(pages)
}

/// A page with fewer letters than this has no text layer worth the name.
const MIN_LETTERS: usize = 20;

fn letters(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphanumeric()).count()
}

/// The pages of a scan, read by OCR (those with a text layer keep it).
fn read_scan(
    engine: &super::ocr::Engine,
    bytes: &[u8],
    pages: &[String],
) -> Result<Vec<String>, ImportError> {
    let empty: Vec<usize> = (1..=pages.len())
        .filter(|&n| letters(&pages[n - 1]) < MIN_LETTERS)
        .collect();
    let read = engine
        .read_pages(bytes, &empty)
        .map_err(|e| ImportError::Pdf(format!("scan zonder tekstlaag, and OCR failed: {e}")))?;
    let mut out = pages.to_vec();
    for (n, text) in read {
        out[n - 1] = text;
    }
    if out.iter().map(|p| letters(p)).sum::<usize>() < MIN_LETTERS {
        return Err(ImportError::PdfNoText);
    }
    Ok(out)
}

fn pdf_error(e: impl std::fmt::Display) -> ImportError {
    ImportError::Pdf(describe(&e.to_string()))
}

/// What `pdf_extract::extract_text_from_mem_by_pages` does, with [`check_structure`] between
/// loading and drawing.
fn read_pages(bytes: &[u8]) -> Result<Vec<String>, ImportError> {
    let mut doc = streams::load(bytes)
        .map_err(ImportError::Pdf)?
        .map_err(pdf_error)?;
    if doc.is_encrypted() {
        // Opens files encrypted with an empty user password (only an owner password).
        streams::decrypt(&mut doc)
            .map_err(ImportError::Pdf)?
            .map_err(pdf_error)?;
    }
    // After decrypting: the streams are measured as they will be inflated.
    let sizes = streams::measure(&mut doc).map_err(ImportError::Pdf)?;
    let pages = doc.get_pages();
    check_structure(&doc, &pages, &sizes)?;
    let mut texts = Vec::with_capacity(pages.len());
    for &number in pages.keys() {
        super::budget::check();
        let mut text = String::new();
        let drawn = {
            let mut output = Checked(pdf_extract::PlainTextOutput::new(&mut text));
            pdf_extract::output_doc_page(&doc, &mut output, number)
        };
        match drawn {
            Ok(()) => texts.push(text),
            // Like pdf-extract: the text up to the first page that cannot be drawn.
            Err(e) if texts.is_empty() => return Err(pdf_error(e)),
            Err(_) => break,
        }
    }
    Ok(texts)
}

/// pdf-extract's plain text output, keeping the file's deadline at each word it draws: a page
/// whose drawing does not end stops there.
struct Checked<O>(O);

impl<O: pdf_extract::OutputDev> pdf_extract::OutputDev for Checked<O> {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &pdf_extract::MediaBox,
        art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.0.begin_page(page_num, media_box, art_box)
    }
    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.0.end_page()
    }
    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        self.0
            .output_character(trm, width, spacing, font_size, char)
    }
    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        super::budget::check();
        self.0.begin_word()
    }
    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.0.end_word()
    }
    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.0.end_line()
    }
}

/// Refuses page trees whose `/Parent` chains loop, XObjects that (indirectly) draw
/// themselves or nest deeper than [`MAX_FORM_DEPTH`], and pages whose drawing holds more than
/// [`MAX_PAGE_DRAWING`] of content.
fn check_structure(
    doc: &Document,
    pages: &std::collections::BTreeMap<u32, ObjectId>,
    sizes: &streams::Sizes,
) -> Result<(), ImportError> {
    let mut forms = FormCheck {
        doc,
        sizes,
        done: HashMap::new(),
        path: Vec::new(),
        visits: 0,
        page: 0,
    };
    for (&number, &page) in pages {
        super::budget::check();
        let mut seen = HashSet::new();
        let mut id = page;
        let mut resources = None;
        loop {
            if !seen.insert(id) {
                return Err(ImportError::Pdf(
                    "the page tree loops (a page is its own ancestor)".into(),
                ));
            }
            let Ok(dict) = doc.get_dictionary(id) else {
                break;
            };
            if resources.is_none() {
                resources = dict.get(b"Resources").ok().and_then(|r| as_dict(doc, r));
            }
            match dict.get(b"Parent").and_then(Object::as_reference) {
                Ok(parent) => id = parent,
                Err(_) => break,
            }
        }
        // lopdf joins the streams of `/Contents`, each as often as it is listed.
        let listed: u64 = doc
            .get_page_contents(page)
            .iter()
            .map(|&id| sizes.of(doc, id).saturating_add(1))
            .fold(0, u64::saturating_add);
        if listed > MAX_PAGE_DRAWING {
            return Err(too_much_drawing(number));
        }
        let content = doc.get_page_content(page).unwrap_or_default();
        if let Some(resources) = resources {
            forms.page = number;
            forms.content(&content, resources, listed)?;
        }
    }
    Ok(())
}

fn too_much_drawing(page: u32) -> ImportError {
    ImportError::Pdf(format!(
        "page {page}: its content and the forms it draws inflate past {} MiB; not read",
        MAX_PAGE_DRAWING >> 20
    ))
}

struct FormCheck<'a> {
    doc: &'a Document,
    sizes: &'a streams::Sizes,
    /// (form, address of the resources it was drawn with) pairs found sound, with the most
    /// content drawing each holds (the form and the deepest chain of forms it draws).
    done: HashMap<(ObjectId, usize), u64>,
    /// The (form, resources) pairs being drawn, outermost first.
    path: Vec<(ObjectId, usize)>,
    visits: usize,
    /// The page being checked (for the message).
    page: u32,
}

impl<'a> FormCheck<'a> {
    /// Checks the forms that `content`, drawn with `resources` while `held` bytes of content
    /// are held (by the page and the forms around it), draws; answers the most content its
    /// forms hold down one chain.
    fn content(
        &mut self,
        content: &[u8],
        resources: &'a Dictionary,
        held: u64,
    ) -> Result<u64, ImportError> {
        if !content.windows(2).any(|w| w == b"Do") {
            return Ok(0);
        }
        let Some(xobjects) = resources
            .get(b"XObject")
            .ok()
            .and_then(|x| as_dict(self.doc, x))
        else {
            return Ok(0);
        };
        let Ok(decoded) = Content::decode(content) else {
            return Ok(0);
        };
        let mut deepest = 0;
        for op in decoded.operations.iter().filter(|op| op.operator == "Do") {
            let Some(id) = op
                .operands
                .first()
                .and_then(|o| o.as_name().ok())
                .and_then(|name| xobjects.get(name).ok())
                .and_then(|o| o.as_reference().ok())
            else {
                continue;
            };
            // pdf-extract draws every XObject as content, images too (emptied by
            // `streams::measure`): so does this check.
            let Ok(form) = self.doc.get_object(id).and_then(Object::as_stream) else {
                continue;
            };
            let own = form
                .dict
                .get(b"Resources")
                .ok()
                .and_then(|r| as_dict(self.doc, r));
            deepest = deepest.max(self.form(id, form, own.unwrap_or(resources), held)?);
        }
        Ok(deepest)
    }

    /// Checks one form; answers the most content it holds while drawn (itself and below).
    fn form(
        &mut self,
        id: ObjectId,
        form: &'a Stream,
        resources: &'a Dictionary,
        held: u64,
    ) -> Result<u64, ImportError> {
        super::budget::check();
        let key = (id, std::ptr::from_ref(resources) as usize);
        if self.path.contains(&key) {
            return Err(ImportError::Pdf(format!(
                "form XObject {} {} R draws itself (a loop)",
                id.0, id.1
            )));
        }
        if let Some(&holds) = self.done.get(&key) {
            if held.saturating_add(holds) > MAX_PAGE_DRAWING {
                return Err(too_much_drawing(self.page));
            }
            return Ok(holds);
        }
        self.visits += 1;
        if self.path.len() >= MAX_FORM_DEPTH || self.visits > MAX_FORM_VISITS {
            return Err(ImportError::Pdf(format!(
                "form XObjects nest more than {MAX_FORM_DEPTH} deep or too often"
            )));
        }
        let own = self.sizes.of(self.doc, id);
        if held.saturating_add(own) > MAX_PAGE_DRAWING {
            return Err(too_much_drawing(self.page));
        }
        let content = if form.filters().is_ok() {
            form.decompressed_content()
                .unwrap_or_else(|_| form.content.clone())
        } else {
            form.content.clone()
        };
        self.path.push(key);
        let result = self.content(&content, resources, held.saturating_add(own));
        self.path.pop();
        let holds = own.saturating_add(result?);
        self.done.insert(key, holds);
        Ok(holds)
    }
}

/// `object` as a dictionary, following one reference.
fn as_dict<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    match object {
        Object::Reference(id) => doc.get_object(*id).ok()?.as_dict().ok(),
        other => other.as_dict().ok(),
    }
}

fn describe(e: &str) -> String {
    let e = e.trim();
    let lower = e.to_lowercase();
    if lower.contains("decrypt") || lower.contains("password") || lower.contains("encrypt") {
        format!("the PDF is encrypted with a password; save a copy without one ({e})")
    } else if e.is_empty() {
        "unreadable PDF".into()
    } else {
        e.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENCRYPTED: &[u8] = include_bytes!("../../../../fixtures/bad/encrypted.pdf");

    #[test]
    fn encrypted_pdfs_are_named_as_such() {
        let err = extract_pages(ENCRYPTED).expect_err("needs a password");
        assert!(
            err.to_string().contains("encrypted with a password"),
            "{err}"
        );
        // The fixture is a real encrypted PDF: with its password the text is there.
        let doc = Document::load_mem_with_options(
            ENCRYPTED,
            pdf_extract::LoadOptions::with_password("geheim"),
        )
        .expect("opens");
        let page = *doc.get_pages().values().next().expect("one page");
        let content = doc.get_page_content(page).expect("content");
        assert!(content.windows(12).any(|w| w == b"mensenhandel"));
        // Without a user password it opens as it is.
        let open = include_bytes!("../../../../fixtures/bad/encrypted-no-password.pdf");
        let pages = extract_pages(open).expect("imports");
        assert!(pages[0].contains("gemeente Almere"), "{pages:?}");
    }

    /// pdf-extract followed a page's `/Parent` chain for ever when the page was its own parent.
    #[test]
    fn regression_cyclic_page_parent_hung_pdf_extract() {
        let bytes = include_bytes!("../../../../fixtures/bad/cyclic-parent.pdf");
        let err = extract_pages(bytes).expect_err("refused");
        assert!(err.to_string().contains("the page tree loops"), "{err}");
    }

    /// pdf-extract drew a form XObject that draws itself until the stack overflowed, which
    /// aborts the whole process.
    #[test]
    fn regression_self_drawing_xobject_overflowed_the_stack() {
        let bytes = include_bytes!("../../../../fixtures/bad/cyclic-xobject.pdf");
        let err = extract_pages(bytes).expect_err("refused");
        assert!(err.to_string().contains("draws itself"), "{err}");
    }
}
