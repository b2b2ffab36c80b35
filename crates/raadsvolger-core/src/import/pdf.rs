//! PDF: the text layer, page by page, so a hit can name its page.

use crate::error::ImportError;

/// Pages' text, or why there is none.
pub fn extract_pages(bytes: &[u8]) -> Result<Vec<String>, ImportError> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(ImportError::Pdf("not a PDF file (no %PDF- header)".into()));
    }
    // pdf-extract panics on some malformed files; a panic must not take the import down.
    let result = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes));
    let pages = match result {
        Ok(Ok(pages)) => pages,
        Ok(Err(e)) => return Err(ImportError::Pdf(describe(&e.to_string()))),
        Err(_) => return Err(ImportError::Pdf("malformed PDF structure".into())),
    };
    if pages.is_empty() {
        return Err(ImportError::Pdf("the PDF has no pages".into()));
    }
    let letters: usize = pages
        .iter()
        .map(|p| p.chars().filter(|c| c.is_alphanumeric()).count())
        .sum();
    if letters < 20 {
        return Err(ImportError::PdfNoText);
    }
    Ok(pages)
}

fn describe(e: &str) -> String {
    let e = e.trim();
    if e.is_empty() {
        "unreadable PDF".into()
    } else {
        e.to_owned()
    }
}
