//! HTML pages saved from council and news sites: keep the article, drop navigation, menus,
//! cookie banners, footers and scripts.

use scraper::{ElementRef, Html, Node, Selector};

use super::infer;

/// Elements whose content is never part of the article.
const SKIP_ALWAYS: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "form",
    "button", "select", "textarea", "dialog", "canvas", "video", "audio", "head", "aside",
];
/// Elements skipped when they are page furniture outside an `<article>`.
const SKIP_OUTSIDE_ARTICLE: &[&str] = &["nav", "header", "footer", "menu"];
/// Class or id fragments that mark page furniture.
const FURNITURE: &[&str] = &[
    "cookie",
    "menu",
    "navbar",
    "breadcrumb",
    "sidebar",
    "share",
    "social",
    "skip",
    "footer",
    "banner",
    "newsletter",
    "related",
    "lees-ook",
    "leesook",
];

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "figure",
    "figcaption",
    "address",
    "hr",
];

/// The article of a page.
pub struct Extracted {
    pub title: Option<String>,
    pub date: Option<chrono::NaiveDate>,
    pub text: String,
    /// The article's HTML, not yet sanitized.
    pub html: String,
}

fn selector(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

pub fn extract(source: &str) -> Extracted {
    let doc = Html::parse_document(source);
    let root_in_article = ["article", "main", "[role=main]", "#content", ".content"]
        .iter()
        .filter_map(|s| selector(s))
        .find_map(|sel| doc.select(&sel).next());
    let body = selector("body").and_then(|s| doc.select(&s).next());
    let in_article = root_in_article.is_some();
    let root = root_in_article
        .or(body)
        .unwrap_or_else(|| doc.root_element());

    let text = super::tidy_text(&visible_text(root, in_article));
    let h1 = selector("h1")
        .and_then(|s| root.select(&s).next())
        .map(|e| collapse(&e.text().collect::<String>()))
        .filter(|t| !t.is_empty());
    let page_title = selector("title")
        .and_then(|s| doc.select(&s).next())
        .map(|e| collapse(&e.text().collect::<String>()))
        .map(|t| strip_site_name(&t))
        .filter(|t| !t.is_empty());
    let title = h1.or(page_title).map(|t| infer::clip_title(&t));

    let date = meta_date(&doc).or_else(|| infer::date(&text));
    Extracted {
        title,
        date,
        text,
        html: root.inner_html(),
    }
}

/// The `charset` an HTML file declares in its first kilobyte, if any.
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let pos = lower.windows(8).position(|w| w == b"charset=")?;
    let rest = &lower[pos + 8..];
    let value: String = rest
        .iter()
        .skip_while(|b| **b == b'"' || **b == b'\'')
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b'_')
        .map(|&b| b as char)
        .collect();
    (!value.is_empty()).then_some(value)
}

fn is_furniture(e: &scraper::node::Element, in_article: bool) -> bool {
    let name = e.name();
    if SKIP_ALWAYS.contains(&name) {
        return true;
    }
    if !in_article && SKIP_OUTSIDE_ARTICLE.contains(&name) {
        return true;
    }
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    let marks = [
        e.attr("class").unwrap_or(""),
        e.attr("id").unwrap_or(""),
        e.attr("role").unwrap_or(""),
    ]
    .join(" ")
    .to_lowercase();
    if marks.contains("navigation") || marks.contains("contentinfo") {
        return true;
    }
    FURNITURE.iter().any(|f| {
        marks.split(|c: char| c.is_whitespace()).any(|m| {
            m == *f
                || m.starts_with(&format!("{f}-"))
                || m.ends_with(&format!("-{f}"))
                || m.contains(&format!("{f}__"))
        })
    })
}

/// The text of `root` without furniture, with block elements on lines of their own. Walks the
/// tree without recursion, so deeply nested pages cannot overflow the stack.
fn visible_text(root: ElementRef<'_>, in_article: bool) -> String {
    let mut out = String::new();
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in root.traverse() {
        super::budget::check();
        match edge {
            ego_tree::iter::Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(e) => {
                        if node.id() != root.id() && is_furniture(e, in_article) {
                            skipping = Some(node.id());
                        } else if e.name() == "br" || BLOCKS.contains(&e.name()) {
                            out.push('\n');
                        } else if matches!(e.name(), "td" | "th") {
                            out.push('\t');
                        }
                    }
                    Node::Text(t) => out.push_str(&t.replace(['\n', '\r', '\t'], " ")),
                    _ => {}
                }
            }
            ego_tree::iter::Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_none() {
                    if let Node::Element(e) = node.value() {
                        if matches!(
                            e.name(),
                            "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "tr"
                        ) {
                            out.push_str("\n\n");
                        } else if BLOCKS.contains(&e.name()) {
                            out.push('\n');
                        }
                    }
                }
            }
        }
    }
    out
}

fn meta_date(doc: &Html) -> Option<chrono::NaiveDate> {
    let candidates = [
        ("meta[property='article:published_time']", "content"),
        ("meta[name='date']", "content"),
        ("meta[name='DC.date']", "content"),
        ("meta[name='dcterms.date']", "content"),
        ("time[datetime]", "datetime"),
    ];
    candidates.iter().find_map(|(sel, attr)| {
        let sel = selector(sel)?;
        let value = doc.select(&sel).next()?.value().attr(attr)?;
        chrono::NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()
    })
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Motie aangenomen | Gemeente Almere" -> "Motie aangenomen".
fn strip_site_name(title: &str) -> String {
    for sep in [" | ", " - ", " – ", " — "] {
        if let Some((head, _)) = title.rsplit_once(sep) {
            if head.chars().count() >= 10 {
                return head.trim().to_owned();
            }
        }
    }
    title.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><title>Motie aangenomen | Gemeente Almere</title>
        <script>window.evil = 1;</script></head><body>
        <div class="cookie-banner">Wij gebruiken cookies</div>
        <nav><a href="/">Home</a><a href="/raad">Raad</a></nav>
        <header><h1>Gemeente Almere</h1></header>
        <article><h1>Raad neemt motie aan</h1><p>maandag 19 mar 2018</p>
        <p onclick="x()">De raad nam de <b>motie</b> unaniem aan.</p>
        <aside>Lees ook: iets anders</aside><script>track()</script></article>
        <footer>Contact en privacy</footer></body></html>"#;

    #[test]
    fn keeps_the_article_only() {
        let e = extract(PAGE);
        assert_eq!(e.title.as_deref(), Some("Raad neemt motie aan"));
        assert_eq!(e.date, chrono::NaiveDate::from_ymd_opt(2018, 3, 19));
        assert!(
            e.text.contains("De raad nam de motie unaniem aan."),
            "{}",
            e.text
        );
        for junk in ["cookies", "Home", "Contact", "track()", "evil", "Lees ook"] {
            assert!(!e.text.contains(junk), "{junk} leaked into {}", e.text);
        }
    }

    #[test]
    fn without_article_drops_page_furniture() {
        let page = "<html><body><nav>Menu</nav><div id='main-menu'>Menu 2</div><p>Kern van de zaak.</p><footer>Voet</footer></body></html>";
        let e = extract(page);
        assert_eq!(e.text, "Kern van de zaak.");
        // No <h1> or <title>: the importer falls back to the first line.
        assert_eq!(e.title, None);
    }

    #[test]
    fn reads_declared_charsets() {
        assert_eq!(
            declared_charset(b"<meta charset=\"windows-1252\">").as_deref(),
            Some("windows-1252")
        );
        assert_eq!(
            declared_charset(
                b"<meta http-equiv=Content-Type content='text/html; charset=ISO-8859-1'>"
            )
            .as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(declared_charset(b"<p>geen</p>"), None);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 20_000;
        let page = format!("{}diep{}", "<div>".repeat(depth), "</div>".repeat(depth));
        let e = extract(&page);
        assert!(e.text.contains("diep"));
    }
}
