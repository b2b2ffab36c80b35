//! A guard against deeply nested HTML, run before any HTML parser sees a page.
//!
//! html5ever's tree builder looks through the stack of open elements for every start tag, so a
//! page of 100,000 nested `<div>`s costs it billions of steps (and ammonia parses the HTML again).
//! Browsers stop nesting at a few hundred levels (Blink at 512); pages and rendered Markdown that
//! go deeper are not documents but attacks or broken generators. This scan estimates the depth
//! in one pass over the bytes, erring on the high side, and refuses what is too deep.

use crate::error::ImportError;

/// Deepest element nesting imported (the depth at which Blink stops nesting).
pub const MAX_DEPTH: usize = 512;

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose end tag may be left out: the parser closes them at the next sibling, so they
/// do not nest by themselves.
const OPTIONAL_END: &[&str] = &[
    "body", "caption", "colgroup", "dd", "dt", "head", "html", "li", "optgroup", "option", "p",
    "rb", "rp", "rt", "rtc", "tbody", "td", "tfoot", "th", "thead", "tr",
];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "iframe", "noembed", "noframes", "script", "style", "textarea", "title", "xmp",
];

/// Refuses `html` when its elements nest deeper than [`MAX_DEPTH`]. `what` names the source in
/// the message ("HTML", "Markdown").
pub fn check(html: &str, what: &str) -> Result<(), ImportError> {
    if depth_exceeds(html.as_bytes(), MAX_DEPTH) {
        return Err(ImportError::TooDeep(format!(
            "{what} nested more than {MAX_DEPTH} levels deep"
        )));
    }
    Ok(())
}

/// True when the open elements of `html` stack up past `limit`. Linear in the length: the
/// stack it keeps never holds more than `limit + 1` names.
pub fn depth_exceeds(html: &[u8], limit: usize) -> bool {
    let mut stack: Vec<Vec<u8>> = Vec::new();
    let mut i = 0;
    while let Some(offset) = html[i..].iter().position(|&b| b == b'<') {
        i += offset;
        let rest = &html[i..];
        if rest.starts_with(b"<!--") {
            match find(&html[i + 4..], b"-->") {
                Some(end) => i += 4 + end + 3,
                None => break,
            }
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            match html[i..].iter().position(|&b| b == b'>') {
                Some(end) => i += end + 1,
                None => break,
            }
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = i + 1 + usize::from(closing);
        let name_len = html[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':'))
            .count();
        if name_len == 0 || !html[name_start].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let Some(tag_len) = tag_end(&html[name_start + name_len..]) else {
            break;
        };
        let gt = name_start + name_len + tag_len;
        let self_closing = html[gt - 1] == b'/';
        i = gt + 1;
        let is = |list: &[&str]| list.iter().any(|n| n.as_bytes() == name.as_slice());
        if closing {
            if let Some(pos) = stack.iter().rposition(|n| *n == name) {
                stack.truncate(pos);
            }
            continue;
        }
        if name == b"plaintext" {
            break;
        }
        if is(RAW_TEXT) {
            let mut end_tag = b"</".to_vec();
            end_tag.extend_from_slice(&name);
            match find_ignore_case(&html[i..], &end_tag) {
                Some(end) => i += end,
                None => break,
            }
            continue;
        }
        if is(VOID) || is(OPTIONAL_END) {
            continue;
        }
        // `<x/>` closes itself only in SVG and MathML; in HTML it opens `<x>`.
        if self_closing && stack.iter().any(|n| n == b"svg" || n == b"math") {
            continue;
        }
        stack.push(name);
        if stack.len() > limit {
            return true;
        }
    }
    false
}

/// The offset of the `>` that ends a tag whose name is done, skipping quoted attribute values.
fn tag_end(rest: &[u8]) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (j, &b) in rest.iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return Some(j),
            None => {}
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deep(html: &str, limit: usize) -> bool {
        depth_exceeds(html.as_bytes(), limit)
    }

    #[test]
    fn counts_nested_elements() {
        assert!(!deep("<div><div><div>x</div></div></div>", 3));
        assert!(deep("<div><div><div><div>x</div></div></div></div>", 3));
        // Unclosed elements stay open.
        assert!(deep("<div><span><b><i>x", 3));
        // Closed siblings do not add up.
        assert!(!deep(&"<div>x</div>".repeat(10_000), 1));
    }

    #[test]
    fn elements_that_cannot_nest_by_themselves_do_not_count() {
        assert!(!deep(&"<p>alinea".repeat(10_000), 2));
        assert!(!deep(&format!("<ul>{}</ul>", "<li>punt".repeat(10_000)), 2));
        assert!(!deep(&"<br><img src=x><hr>".repeat(10_000), 1));
        assert!(!deep(
            &format!("<svg>{}</svg>", "<path d='M0 0'/>".repeat(10_000)),
            2
        ));
        // ...but `<div/>` is an open `<div>` in HTML.
        assert!(deep(&"<div/>".repeat(10), 3));
    }

    #[test]
    fn skips_comments_raw_text_and_quoted_attributes() {
        let hidden = "<div>".repeat(100);
        let page = format!(
            "<!-- {hidden} --><script>var s = '{hidden}';</script><STYLE>{hidden}</style>\
             <a title='{hidden}>'>x</a><textarea>{hidden}</TEXTAREA>"
        );
        assert!(!deep(&page, 2));
    }

    #[test]
    fn closing_tags_close_what_they_name() {
        // `</div>` closes the `<b>` left open inside it.
        assert!(!deep(&"<div><b>x</div>".repeat(1_000), 2));
        // A stray end tag closes nothing.
        assert!(deep("</span><div><div><div>", 2));
    }

    #[test]
    fn refuses_with_a_specific_message() {
        let page = "<div>".repeat(MAX_DEPTH + 1);
        let err = check(&page, "HTML").expect_err("too deep");
        assert_eq!(
            err.to_string(),
            "file is too deeply nested to import safely: HTML nested more than 512 levels deep"
        );
        assert_eq!(check(&"<div>".repeat(MAX_DEPTH), "HTML"), Ok(()));
    }
}
