//! A minimal XML string builder for OOXML parts: elements with attributes, escaped text.
//!
//! Parts are small and written in schema order by the callers; escaping goes through quick-xml.
//! Characters XML 1.0 cannot carry (control characters other than tab and line breaks) are
//! dropped from text and attribute values, so no user text can make a part unreadable.

use super::anchor::Anchors;
use quick_xml::escape::escape;
use std::borrow::Cow;

/// An XML document being written into a string, with the figure anchors placed in it (their ids
/// and bookmark names must be unique within the part).
#[derive(Debug, Default)]
pub struct Xml {
    /// The text written so far.
    out: String,
    /// The figure anchors written so far.
    anchors: Anchors,
    /// Inside a `w:t`: its text belongs to the open paragraph's text.
    in_text: bool,
    /// Where the open paragraph's content starts (just after `<w:p>`).
    paragraph_start: Option<usize>,
}

/// The XML declaration every part starts with.
pub const DECL: &str = crate::package::XML_DECLARATION;

/// The WordprocessingML namespace (`w:`).
pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The relationships namespace of part content (`r:id`).
pub const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

impl Xml {
    /// A part, starting with the XML declaration.
    pub fn new() -> Self {
        Xml {
            out: String::from(DECL),
            ..Xml::default()
        }
    }

    /// A fragment without the XML declaration.
    pub fn fragment() -> Self {
        Xml::default()
    }

    /// `<name attr="value" …` without the closing bracket; values escaped.
    fn tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            self.out.push_str(&escape(clean(v)));
            self.out.push('"');
        }
    }

    /// `<name attrs>`
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.tag(name, attrs);
        self.out.push('>');
        match name {
            "w:p" => {
                self.anchors.open_paragraph();
                self.paragraph_start = Some(self.out.len());
            }
            "w:t" => self.in_text = true,
            "w:tbl" => self.anchors.open_table(),
            _ => {}
        }
        self
    }

    /// `<name attrs/>`
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.tag(name, attrs);
        self.out.push_str("/>");
        match name {
            "w:br" | "w:cr" => self.anchors.text("\n"),
            "w:tab" => self.anchors.text("\t"),
            _ => {}
        }
        self
    }

    /// `<name w:val="val"/>`
    pub fn val(&mut self, name: &str, val: &str) -> &mut Self {
        self.empty(name, &[("w:val", val)])
    }

    /// `</name>`
    pub fn close(&mut self, name: &str) -> &mut Self {
        match name {
            "w:t" => self.in_text = false,
            "w:p" => self.place_paragraph_anchor(),
            _ => {}
        }
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
        self
    }

    /// Escaped character data; characters XML 1.0 cannot carry are dropped.
    pub fn text(&mut self, text: &str) -> &mut Self {
        let text = clean(text);
        if self.in_text {
            self.anchors.text(&text);
        }
        self.out.push_str(&escape(text));
        self
    }

    /// The paragraph being closed holds figures: its anchor, a collapsed bookmark, goes right
    /// after its properties (where it changes nothing in the layout).
    fn place_paragraph_anchor(&mut self) {
        let Some(start) = self.paragraph_start.take() else {
            return;
        };
        let Some((id, name)) = self.anchors.close_paragraph() else {
            return;
        };
        let at = if self.out[start..].starts_with("<w:pPr") {
            self.out[start..]
                .find("</w:pPr>")
                .map_or(start, |i| start + i + "</w:pPr>".len())
        } else {
            start
        };
        let mut mark = Xml::fragment();
        let id = id.to_string();
        mark.tag("w:bookmarkStart", &[("w:id", &id), ("w:name", &name)]);
        mark.out.push_str("/>");
        mark.tag("w:bookmarkEnd", &[("w:id", &id)]);
        mark.out.push_str("/>");
        self.out.insert_str(at, &mark.out);
    }

    /// Markup written as is (static fragments of this module).
    pub fn raw(&mut self, markup: &str) -> &mut Self {
        self.out.push_str(markup);
        self
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.out
    }

    /// The figure anchors placed so far.
    pub fn anchors(&mut self) -> &mut Anchors {
        &mut self.anchors
    }

    /// The text written and the anchors placed in it.
    pub fn finish_with_anchors(self) -> (String, Anchors) {
        (self.out, self.anchors)
    }
}

/// Whether XML 1.0 allows the character.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r')
        || matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Drops characters that XML 1.0 does not allow (control characters other than tab, newline, CR).
fn clean(text: &str) -> Cow<'_, str> {
    // In a Rust string XML 1.0 refuses only control characters and U+FFFE/U+FFFF (EF BF BE/BF):
    // bytes that cannot be either are passed without decoding a character (a visible share of
    // a DOCX render went to the check below).
    // (A branch-free pass over the bytes, which the compiler vectorizes, and substring searches.)
    let (controls, lead) = text.bytes().fold((false, false), |(controls, lead), b| {
        (controls | (b < 0x20), lead | (b == 0xEF))
    });
    let suspect = controls || (lead && (text.contains("\u{FFFE}") || text.contains("\u{FFFF}")));
    if !suspect || text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| allowed(c)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_drops_invalid_characters() {
        let mut x = Xml::fragment();
        x.open("w:t", &[("a", "x\"<")])
            .text("a<b&c\u{1}d")
            .close("w:t");
        assert_eq!(x.finish(), "<w:t a=\"x&quot;&lt;\">a&lt;b&amp;cd</w:t>");
    }

    #[test]
    fn keeps_every_allowed_character_and_drops_the_two_non_characters() {
        // U+7FFE is E7 BF BE: it looks like U+FFFE's tail and is kept.
        assert_eq!(
            clean("医保\u{7FFE}，\t（一）\u{10000}"),
            "医保\u{7FFE}，\t（一）\u{10000}"
        );
        assert_eq!(clean("a\u{FFFE}b\u{FFFF}c\u{1F}d"), "abcd");
        assert!(matches!(clean("全年参保人数"), Cow::Borrowed(_)));
    }
}
