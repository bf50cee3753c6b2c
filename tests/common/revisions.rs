//! An independent reader of tracked changes for the tests (not wengao's own code): a DOCX's
//! `word/document.xml` read as Word's *Accept All* or *Reject All* would leave it, as a list of
//! paragraphs' texts and tables (cell by cell).
//!
//! Accept All keeps `w:ins` content and drops `w:del` content; Reject All the other way round.
//! A paragraph whose mark is deleted (`w:pPr/w:rPr/w:del` on accept, `w:ins` on reject) joins
//! the next paragraph; a table row marked deleted (`w:trPr/w:del` on accept, `w:ins` on reject)
//! goes; a table left without rows goes. Field codes (`w:instrText`) are not text.

#![allow(dead_code)]

use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use std::io::Read;

/// Which way the revisions are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolve {
    /// Accept All.
    Accept,
    /// Reject All.
    Reject,
    /// As the file stands (both shown, for counting).
    AsIs,
}

/// A parsed element.
#[derive(Debug, Default, Clone)]
pub struct El {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Child>,
}

/// Content of an element.
#[derive(Debug, Clone)]
pub enum Child {
    El(El),
    Text(String),
}

impl El {
    pub fn attr(&self, k: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(a, _)| a == k)
            .map(|(_, v)| v.as_str())
    }

    pub fn els(&self) -> impl Iterator<Item = &El> {
        self.children.iter().filter_map(|c| match c {
            Child::El(e) => Some(e),
            Child::Text(_) => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&El> {
        self.els().find(|e| e.name == name)
    }

    /// Every descendant named `name`, depth first.
    pub fn all<'a>(&'a self, name: &str, out: &mut Vec<&'a El>) {
        for e in self.els() {
            if e.name == name {
                out.push(e);
            }
            e.all(name, out);
        }
    }
}

/// Reads an element's start tag.
fn element(e: &quick_xml::events::BytesStart<'_>) -> El {
    let mut el = El {
        name: e.name().as_ref().to_string(),
        ..El::default()
    };
    for a in e.attributes() {
        let a = a.expect("attribute");
        el.attrs.push((
            a.key.as_ref().to_string(),
            a.normalized_value(XmlVersion::Implicit1_0)
                .expect("value")
                .into_owned(),
        ));
    }
    el
}

/// Parses XML into elements (names with their prefixes); the root element is returned.
pub fn parse(xml: &str) -> El {
    let mut reader = Reader::from_str(xml);
    let mut stack = vec![El::default()];
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => {
                let el = element(&e);
                stack.last_mut().expect("open").children.push(Child::El(el));
            }
            Event::Text(t) => {
                let t = t.xml10_content().into_owned();
                stack
                    .last_mut()
                    .expect("open")
                    .children
                    .push(Child::Text(t));
            }
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match &*r.xml10_content() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => format!("&{other};"),
                    },
                };
                stack
                    .last_mut()
                    .expect("open")
                    .children
                    .push(Child::Text(c));
            }
            Event::End(_) => {
                let el = stack.pop().expect("balanced");
                stack
                    .last_mut()
                    .expect("balanced")
                    .children
                    .push(Child::El(el));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let root = stack.pop().expect("root");
    root.els().next().cloned().expect("a root element")
}

/// What a document reads as: paragraphs (their text) and tables (rows of cell texts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A paragraph's text.
    Para(String),
    /// A table: rows of cells, each cell's paragraphs joined by `\n`.
    Table(Vec<Vec<String>>),
}

/// Whether a paragraph's (or row's) properties mark it `w:ins` / `w:del`.
fn marked(props: Option<&El>, inner: Option<&str>, mark: &str) -> bool {
    let holder = match inner {
        Some(i) => props.and_then(|p| p.child(i)),
        None => props,
    };
    holder.is_some_and(|h| h.child(mark).is_some())
}

/// The text of run content, resolving revisions.
fn text(el: &El, how: Resolve, out: &mut String) {
    for c in &el.children {
        let Child::El(e) = c else { continue };
        match e.name.as_str() {
            "w:del" | "w:moveFrom" if how == Resolve::Accept => {}
            "w:ins" | "w:moveTo" if how == Resolve::Reject => {}
            "w:pPr" | "w:rPr" | "w:instrText" | "w:sdtPr" => {}
            "w:t" | "w:delText" => {
                for t in &e.children {
                    if let Child::Text(s) = t {
                        out.push_str(s);
                    }
                }
            }
            "w:tab" => out.push('\t'),
            "w:br" | "w:cr" => out.push('\n'),
            _ => text(e, how, out),
        }
    }
}

/// The paragraphs and tables of a body (or cell), revisions resolved.
pub fn items(body: &El, how: Resolve) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    let mut carry: Option<String> = None;
    for e in body.els() {
        match e.name.as_str() {
            "w:p" => {
                let mut t = carry.take().unwrap_or_default();
                text(e, how, &mut t);
                let joins = match how {
                    Resolve::Accept => marked(e.child("w:pPr"), Some("w:rPr"), "w:del"),
                    Resolve::Reject => marked(e.child("w:pPr"), Some("w:rPr"), "w:ins"),
                    Resolve::AsIs => false,
                };
                if joins {
                    carry = Some(t);
                } else {
                    out.push(Item::Para(t));
                }
            }
            "w:tbl" => {
                let mut rows = Vec::new();
                for tr in e.els().filter(|r| r.name == "w:tr") {
                    let gone = match how {
                        Resolve::Accept => marked(tr.child("w:trPr"), None, "w:del"),
                        Resolve::Reject => marked(tr.child("w:trPr"), None, "w:ins"),
                        Resolve::AsIs => false,
                    };
                    if gone {
                        continue;
                    }
                    let cells = tr
                        .els()
                        .filter(|c| c.name == "w:tc")
                        .map(|tc| {
                            items(tc, how)
                                .into_iter()
                                .map(|i| match i {
                                    Item::Para(p) => p,
                                    Item::Table(_) => String::new(),
                                })
                                .collect::<Vec<_>>()
                                .join("\n")
                        })
                        .collect();
                    rows.push(cells);
                }
                if !rows.is_empty() {
                    out.push(Item::Table(rows));
                }
            }
            "w:sdt" => {
                if let Some(c) = e.child("w:sdtContent") {
                    out.extend(items(c, how));
                }
            }
            _ => {}
        }
    }
    if let Some(t) = carry {
        out.push(Item::Para(t));
    }
    out
}

/// A DOCX's parts by name.
pub fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("entry");
            let mut b = Vec::new();
            f.read_to_end(&mut b).expect("reads");
            (f.name().expect("entry name").into_owned(), b)
        })
        .collect()
}

/// One part of a DOCX as text.
pub fn part(bytes: &[u8], name: &str) -> String {
    let b = parts(bytes)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, b)| b)
        .unwrap_or_else(|| panic!("no part {name}"));
    String::from_utf8(b).expect("UTF-8 part")
}

/// A DOCX's body read with revisions resolved, empty paragraphs left out.
pub fn read(bytes: &[u8], how: Resolve) -> Vec<Item> {
    let doc = parse(&part(bytes, "word/document.xml"));
    let body = doc.child("w:body").expect("a body");
    items(body, how)
        .into_iter()
        .filter(|i| !matches!(i, Item::Para(p) if p.trim().is_empty()))
        .collect()
}

/// The paragraphs of `read`, tables flattened to `a | b` rows, one string per line.
pub fn lines(items: &[Item]) -> Vec<String> {
    let mut out = Vec::new();
    for i in items {
        match i {
            Item::Para(p) => out.push(p.clone()),
            Item::Table(rows) => out.extend(rows.iter().map(|r| r.join(" | "))),
        }
    }
    out
}

/// The DOCX with one part replaced (the other parts copied as they are).
pub fn with_part(bytes: &[u8], name: &str, content: &str) -> Vec<u8> {
    use std::io::Write;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (n, b) in parts(bytes) {
        out.start_file(n.as_str(), options).expect("zip entry");
        if n == name {
            out.write_all(content.as_bytes()).expect("writes");
        } else {
            out.write_all(&b).expect("writes");
        }
    }
    out.finish().expect("zip").into_inner()
}
