//! Markdown with optional YAML front matter.

use chrono::NaiveDate;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde_yaml_ng::Value;

use crate::error::ImportError;
use crate::extract::parties;
use crate::model::DocKind;

/// What front matter may set. Everything else lands in `extra`.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub kind: Option<DocKind>,
    pub date: Option<NaiveDate>,
    pub council_number: Option<String>,
    pub parties: Option<Vec<String>>,
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Splits `---\n yaml \n---\n body`. Returns `None` when the text has no front matter.
pub fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end_matches(['\n', '\r']);
        if trimmed == "---" || trimmed == "..." {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Some((yaml, body));
        }
        offset += line.len();
    }
    None
}

/// Deepest nesting of `[` and `{` accepted in front matter. The YAML scanner takes time
/// quadratic in this depth (100,000 `[` cost it minutes); its own recursion limit (128) stops
/// only the parser that runs after it.
pub const MAX_FLOW_DEPTH: usize = 100;

/// Parses the YAML of front matter. Alias bombs ("billion laughs") are stopped by the YAML
/// library's repetition limit; deep flow nesting by [`MAX_FLOW_DEPTH`].
pub fn parse_front_matter(yaml: &str) -> Result<FrontMatter, ImportError> {
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    if flow_depth_exceeds(yaml, MAX_FLOW_DEPTH) {
        return Err(ImportError::TooDeep(format!(
            "YAML front matter nested more than {MAX_FLOW_DEPTH} levels deep ([ and {{)"
        )));
    }
    let value: Value =
        serde_yaml_ng::from_str(yaml).map_err(|e| ImportError::FrontMatter(e.to_string()))?;
    let map = match value {
        Value::Mapping(m) => m,
        Value::Null => return Ok(FrontMatter::default()),
        _ => {
            return Err(ImportError::FrontMatter(
                "expected `key: value` lines at the top level".into(),
            ));
        }
    };
    let mut fm = FrontMatter::default();
    for (key, value) in map {
        let Some(key) = key.as_str().map(str::to_owned) else {
            return Err(ImportError::FrontMatter("a key is not text".into()));
        };
        match key.as_str() {
            "title" | "titel" => fm.title = scalar(&value).filter(|s| !s.trim().is_empty()),
            "kind" | "soort" | "type" => {
                let s = scalar(&value).unwrap_or_default();
                fm.kind = Some(
                    DocKind::parse(&s)
                        .ok_or_else(|| ImportError::UnknownKind(s, DocKind::all_keys()))?,
                );
            }
            "date" | "datum" => {
                if value.is_null() {
                    continue;
                }
                let s = scalar(&value).unwrap_or_default();
                fm.date = Some(
                    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                        .map_err(|_| ImportError::InvalidDate(s.clone()))?,
                );
            }
            "council_number" | "raadsnummer" => fm.council_number = scalar(&value),
            "parties" | "partijen" | "fracties" => {
                let names: Vec<String> = match &value {
                    Value::Sequence(items) => items.iter().filter_map(scalar).collect(),
                    other => scalar(other)
                        .map(|s| s.split(',').map(|p| p.trim().to_owned()).collect())
                        .unwrap_or_default(),
                };
                let mut canon: Vec<String> = Vec::new();
                for name in names.iter().filter(|n| !n.is_empty()) {
                    let c = parties::canonical(name)
                        .map(str::to_owned)
                        .unwrap_or_else(|| name.clone());
                    if !canon.contains(&c) {
                        canon.push(c);
                    }
                }
                fm.parties = Some(canon);
            }
            _ => {
                let json = serde_json::to_value(&value)
                    .map_err(|e| ImportError::FrontMatter(format!("{key}: {e}")))?;
                fm.extra.insert(key, json);
            }
        }
    }
    Ok(fm)
}

/// True when brackets open more than `limit` deep. Quotes are not looked at, so brackets inside
/// strings count too: the estimate errs on the high side.
fn flow_depth_exceeds(yaml: &str, limit: usize) -> bool {
    let mut depth = 0usize;
    for b in yaml.bytes() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Markdown rendered: plain text for the index, HTML, and the first level-1 heading.
pub struct Rendered {
    pub text: String,
    pub html: String,
    pub h1: Option<String>,
    /// Whether the HTML may hold something unsafe: raw HTML written in the Markdown, links (a
    /// `javascript:` address) or images (remote loads). Without any of these, pulldown-cmark's
    /// output is markup it wrote itself around escaped text, and needs no sanitiser.
    pub needs_sanitizing: bool,
}

pub fn render(markdown: &str) -> Rendered {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    // One parse: the events feed both the plain text (here) and the HTML writer (below).
    let events: Vec<Event<'_>> = Parser::new_ext(markdown, options).collect();

    let mut text = String::new();
    let mut h1: Option<String> = None;
    let mut in_h1 = false;
    let mut needs_sanitizing = false;
    let mut lists: Vec<Option<u64>> = Vec::new();
    for event in &events {
        super::budget::check();
        match event {
            Event::Text(t) | Event::Code(t) => {
                text.push_str(t);
                if in_h1 {
                    h1.get_or_insert_with(String::new).push_str(t);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => needs_sanitizing = true,
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => needs_sanitizing = true,
            Event::SoftBreak => text.push(' '),
            Event::HardBreak => text.push('\n'),
            Event::Start(Tag::Heading { level, .. }) => {
                in_h1 = *level == HeadingLevel::H1 && h1.is_none();
            }
            Event::Start(Tag::List(start)) => lists.push(*start),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                text.push('\n');
            }
            Event::Start(Tag::Item) => match lists.last_mut() {
                Some(Some(n)) => {
                    text.push_str(&format!("{n}. "));
                    *n += 1;
                }
                _ => text.push_str("- "),
            },
            Event::End(TagEnd::Heading(_)) => {
                in_h1 = false;
                text.push_str("\n\n");
            }
            Event::End(TagEnd::Paragraph) => {
                text.push_str(if lists.is_empty() { "\n\n" } else { "\n" })
            }
            Event::End(TagEnd::Item) if !text.ends_with('\n') => text.push('\n'),
            Event::End(
                TagEnd::BlockQuote(_) | TagEnd::CodeBlock | TagEnd::TableRow | TagEnd::TableHead,
            ) => text.push('\n'),
            Event::End(TagEnd::TableCell) => text.push('\t'),
            _ => {}
        }
    }
    let mut html = String::with_capacity(markdown.len() * 5 / 4);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Rendered {
        text: super::tidy_text(&text),
        html,
        h1: h1.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()),
        needs_sanitizing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_parses_front_matter() {
        let doc = "---\ntitle: \"Motie Aanpak Mensenhandel\"\nkind: motie\ndate: 2018-03-15\ncouncil_number: \"23161.001\"\nparties: [CU, PvdA]\nunanimous: true\nvotes_for: 34\n---\n# Kop\nTekst\n";
        let (yaml, body) = split_front_matter(doc).expect("has front matter");
        assert_eq!(body, "# Kop\nTekst\n");
        let fm = parse_front_matter(yaml).expect("valid");
        assert_eq!(fm.title.as_deref(), Some("Motie Aanpak Mensenhandel"));
        assert_eq!(fm.kind, Some(DocKind::Motie));
        assert_eq!(fm.date, NaiveDate::from_ymd_opt(2018, 3, 15));
        assert_eq!(fm.council_number.as_deref(), Some("23161.001"));
        assert_eq!(
            fm.parties,
            Some(vec!["ChristenUnie".to_string(), "PvdA".to_string()])
        );
        assert_eq!(fm.extra.get("unanimous"), Some(&serde_json::json!(true)));
        assert_eq!(fm.extra.get("votes_for"), Some(&serde_json::json!(34)));
    }

    #[test]
    fn front_matter_errors_are_specific() {
        assert!(matches!(
            parse_front_matter("title: [unclosed"),
            Err(ImportError::FrontMatter(_))
        ));
        assert!(matches!(
            parse_front_matter("kind: vergadernotitie"),
            Err(ImportError::UnknownKind(..))
        ));
        assert!(matches!(
            parse_front_matter("date: 2018-13-45"),
            Err(ImportError::InvalidDate(_))
        ));
        assert!(matches!(
            parse_front_matter("- a\n- b"),
            Err(ImportError::FrontMatter(_))
        ));
        let deep = format!("a: {}", "[".repeat(100_000));
        assert_eq!(
            parse_front_matter(&deep).map_err(|e| e.to_string()),
            Err(
                "file is too deeply nested to import safely: YAML front matter nested more \
                 than 100 levels deep ([ and {)"
                    .into()
            )
        );
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n\
                    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n\
                    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n\
                    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n\
                    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n\
                    f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n\
                    g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
        assert!(
            matches!(parse_front_matter(bomb), Err(ImportError::FrontMatter(m)) if m.contains("repetition limit")),
            "an alias bomb must be refused"
        );
        assert_eq!(split_front_matter("no front matter"), None);
        assert_eq!(split_front_matter("---\nnever closed\n"), None);
    }

    #[test]
    fn only_markdown_that_can_carry_active_content_is_sanitized() {
        let plain = render(
            "# Titel\n\nTekst met *nadruk*, `code` en <3 & \"aanhalingen\".\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        );
        assert!(!plain.needs_sanitizing);
        assert!(plain.html.contains("&lt;3 &amp;"), "{}", plain.html);
        for risky in [
            "tekst <script>alert(1)</script>",
            "<div onclick=\"x()\">blok</div>",
            "[klik](javascript:alert(1))",
            "![plaatje](https://voorbeeld.nl/p.png)",
            "<https://voorbeeld.nl>",
        ] {
            assert!(render(risky).needs_sanitizing, "{risky}");
        }
    }

    #[test]
    fn renders_text_with_numbered_requests() {
        let r = render(
            "# Motie\n\nverzoekt het college:\n\n1. eerst dit;\n2. dan dat,\n\nen gaat over tot de orde van de dag.",
        );
        assert_eq!(r.h1.as_deref(), Some("Motie"));
        assert!(r.text.contains("1. eerst dit;\n2. dan dat,"), "{}", r.text);
        assert!(r.html.contains("<ol>"));
    }
}
