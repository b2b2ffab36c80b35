//! A small element tree over `quick-xml`, enough for the registers' SOAP and publication
//! responses: elements by local name (namespace prefixes dropped), their attributes and text.

use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};

use crate::error::{Error, Result};

/// Deepest nesting accepted; the responses read here are a dozen levels deep.
const MAX_DEPTH: usize = 256;

/// One element.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    /// The local name, without a namespace prefix.
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element(Element),
    Text(String),
}

fn local(name: &str) -> String {
    match name.rsplit_once(':') {
        Some((_, l)) => l.to_owned(),
        None => name.to_owned(),
    }
}

fn predefined(name: &str) -> Option<&'static str> {
    match name {
        "amp" => Some("&"),
        "lt" => Some("<"),
        "gt" => Some(">"),
        "quot" => Some("\""),
        "apos" => Some("'"),
        _ => None,
    }
}

/// Parses a whole document; a document that is not well-formed (cut off, tags that do not
/// match) is an error naming `name` and what is wrong.
pub fn parse(name: &str, text: &str) -> Result<Element> {
    let bad = |what: String| Error::InvalidInput(format!("{name}: not well-formed XML: {what}"));
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = vec![Element::default()];
    let push_text = |stack: &mut Vec<Element>, s: &str| {
        let top = stack.last_mut().expect("the root is always there");
        if let Some(Node::Text(t)) = top.children.last_mut() {
            t.push_str(s);
        } else {
            top.children.push(Node::Text(s.to_owned()));
        }
    };
    loop {
        // Within an import (an office part, a downloaded document) the file's deadline is kept
        // at each event and attribute; elsewhere this costs a thread-local read.
        crate::budget::check();
        let event = reader
            .read_event()
            .map_err(|e| bad(format!("{e} (at byte {})", reader.error_position())))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let mut el = Element {
                    name: local(e.name().as_ref()),
                    ..Element::default()
                };
                for a in e.attributes() {
                    crate::budget::check();
                    let a = a.map_err(|e| bad(e.to_string()))?;
                    let value = a
                        .normalized_value(XmlVersion::Implicit1_0)
                        .map_err(|e| bad(e.to_string()))?;
                    el.attributes
                        .push((local(a.key.as_ref()), value.into_owned()));
                }
                if empty {
                    stack
                        .last_mut()
                        .expect("root")
                        .children
                        .push(Node::Element(el));
                } else {
                    if stack.len() > MAX_DEPTH {
                        return Err(bad(format!("nested more than {MAX_DEPTH} levels deep")));
                    }
                    stack.push(el);
                }
            }
            Event::End(_) => {
                let el = stack.pop().expect("quick-xml checks the end names");
                stack
                    .last_mut()
                    .ok_or_else(|| bad("an end tag without its start".into()))?
                    .children
                    .push(Node::Element(el));
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, &t.xml10_content()),
            Event::GeneralRef(r) => {
                if let Some(c) = r.resolve_char_ref().map_err(|e| bad(e.to_string()))? {
                    push_text(&mut stack, c.encode_utf8(&mut [0; 4]));
                } else {
                    let n = r.xml10_content();
                    match predefined(&n) {
                        Some(s) => push_text(&mut stack, s),
                        None => return Err(bad(format!("unknown entity &{n};"))),
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err(bad(format!(
            "the document ends inside <{}>",
            stack.last().map(|e| e.name.as_str()).unwrap_or("")
        )));
    }
    let root = stack.pop().expect("root");
    root.children
        .into_iter()
        .find_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
        .ok_or_else(|| bad("no element".into()))
}

impl Element {
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element with this local name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// Every element with this local name below this one (depth first, in document order).
    pub fn descendants<'a>(&'a self, name: &str) -> Vec<&'a Element> {
        let mut out = Vec::new();
        let mut stack: Vec<&Element> = self.elements().collect();
        stack.reverse();
        while let Some(e) = stack.pop() {
            if e.name == name {
                out.push(e);
            }
            let mut kids: Vec<&Element> = e.elements().collect();
            kids.reverse();
            stack.extend(kids);
        }
        out
    }

    /// The first element with this local name below this one.
    pub fn find<'a>(&'a self, name: &str) -> Option<&'a Element> {
        self.descendants(name).into_iter().next()
    }

    /// All text inside, white space as written.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for n in &self.children {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => out.push_str(&e.text()),
            }
        }
        out
    }

    /// The trimmed text of a child, when it has any.
    pub fn child_text(&self, name: &str) -> Option<String> {
        self.child(name)
            .map(|c| c.text().trim().to_owned())
            .filter(|t| !t.is_empty())
    }

    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_elements_text_and_entities() {
        let doc = parse(
            "t.xml",
            "<s:A xmlns:s='x'><s:B k='1 &amp; 2'>een &amp; twee &#233;</s:B><C/></s:A>",
        )
        .expect("well-formed");
        assert_eq!(doc.name, "A");
        let b = doc.child("B").expect("B");
        assert_eq!(b.text(), "een & twee é");
        assert_eq!(b.attribute("k"), Some("1 & 2"));
        assert!(doc.child("C").is_some());
    }

    #[test]
    fn a_cut_off_document_is_an_error() {
        let err = parse("kapot.xml", "<a><b>tekst</b><c>").expect_err("cut off");
        assert!(err.to_string().contains("kapot.xml"), "{err}");
        assert!(parse("x.xml", "<a><b></a>").is_err());
        assert!(parse("x.xml", "").is_err());
    }

    /// RUSTSEC-2026-0194: quick-xml before 0.41 compared each attribute with every one
    /// before it (80,000 took about 6 s, growing with the square); a register's answer or
    /// a downloaded document could hold the sync thread so. Read in linear time now.
    #[test]
    fn an_element_with_very_many_attributes_is_read_in_linear_time() {
        let n = 200_000;
        let mut doc = String::from("<a");
        for i in 0..n {
            doc.push_str(&format!(" a{i}=\"\""));
        }
        doc.push_str("/>");
        let started = std::time::Instant::now();
        let el = parse("veel.xml", &doc).expect("well-formed");
        assert_eq!(el.attributes.len(), n);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "{n} attributes took {:?}",
            started.elapsed()
        );
        // A doubled attribute is still an error.
        assert!(parse("x.xml", "<a k='1' k='2'/>").is_err());
    }
}
