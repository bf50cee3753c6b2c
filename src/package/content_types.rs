//! `[Content_Types].xml`: the content type of every part, by extension (`Default`) or by part
//! name (`Override`), parsed and written.
//!
//! Written in the order entries were added, on one line after the XML declaration, so the bytes
//! depend on nothing but the entries. Parsing accepts any order and skips unknown elements.

use super::XML_DECLARATION;
use quick_xml::XmlVersion;
use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};

/// The namespace of `[Content_Types].xml`.
pub const CONTENT_TYPES_NS: &str = "http://schemas.openxmlformats.org/package/2006/content-types";

/// The content types of a package, in document order.
///
/// Extensions are stored without the dot; part names with their leading `/`, as written in the
/// file. Lookups ignore ASCII case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContentTypes {
    /// `(extension, content type)` of each `Default` element.
    pub defaults: Vec<(String, String)>,
    /// `(part name, content type)` of each `Override` element.
    pub overrides: Vec<(String, String)>,
}

impl ContentTypes {
    /// Adds a `Default` entry (an extension without the dot).
    pub fn add_default(&mut self, extension: &str, content_type: &str) -> &mut Self {
        self.defaults
            .push((extension.to_string(), content_type.to_string()));
        self
    }

    /// Adds an `Override` entry (a part name, with or without its leading `/`).
    pub fn add_override(&mut self, part: &str, content_type: &str) -> &mut Self {
        let part = format!("/{}", part.trim_start_matches('/'));
        self.overrides.push((part, content_type.to_string()));
        self
    }

    /// The content type of `part`: its override, else the default for its extension.
    pub fn of(&self, part: &str) -> Option<&str> {
        let name = part.trim_start_matches('/');
        let found = self
            .overrides
            .iter()
            .find(|(p, _)| p.trim_start_matches('/').eq_ignore_ascii_case(name));
        if let Some((_, t)) = found {
            return Some(t);
        }
        let ext = name.rsplit_once('.').map(|(_, e)| e)?;
        self.defaults
            .iter()
            .find(|(e, _)| e.eq_ignore_ascii_case(ext))
            .map(|(_, t)| t.as_str())
    }

    /// The file's text: the XML declaration, then one line holding `Types` with every `Default`
    /// and then every `Override`, in order.
    pub fn to_xml(&self) -> String {
        let mut out = String::from(XML_DECLARATION);
        out.push_str(&format!("<Types xmlns=\"{}\">", escape(CONTENT_TYPES_NS)));
        for (ext, ty) in &self.defaults {
            out.push_str(&format!(
                "<Default Extension=\"{}\" ContentType=\"{}\"/>",
                escape(ext.as_str()),
                escape(ty.as_str())
            ));
        }
        for (part, ty) in &self.overrides {
            out.push_str(&format!(
                "<Override PartName=\"{}\" ContentType=\"{}\"/>",
                escape(part.as_str()),
                escape(ty.as_str())
            ));
        }
        out.push_str("</Types>");
        out
    }

    /// Reads `[Content_Types].xml`; `Err` carries the parser's reason (the caller words the
    /// diagnostic). Unknown elements are skipped.
    pub fn parse(bytes: &[u8]) -> Result<ContentTypes, String> {
        let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
        let mut reader = quick_xml::Reader::from_str(text);
        let mut out = ContentTypes::default();
        loop {
            match reader.read_event().map_err(|e| e.to_string())? {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "Default" => {
                        if let (Some(ext), Some(ty)) =
                            (attr(&e, "Extension")?, attr(&e, "ContentType")?)
                        {
                            out.defaults.push((ext, ty));
                        }
                    }
                    "Override" => {
                        if let (Some(part), Some(ty)) =
                            (attr(&e, "PartName")?, attr(&e, "ContentType")?)
                        {
                            out.overrides.push((part, ty));
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(out)
    }
}

/// The value of the attribute with local name `name`, unescaped.
pub(super) fn attr(e: &BytesStart<'_>, name: &str) -> Result<Option<String>, String> {
    for a in e.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        if a.key.local_name().as_ref() == name {
            let v = a
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|e| e.to_string())?;
            return Ok(Some(v.into_owned()));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_types_read_back_and_answer_by_override_then_extension() -> Result<(), String> {
        let mut t = ContentTypes::default();
        t.add_default(
            "rels",
            "application/vnd.openxmlformats-package.relationships+xml",
        )
        .add_default("xml", "application/xml")
        .add_override("word/document.xml", super::super::WORD_MAIN_TYPES[0]);
        let xml = t.to_xml();
        assert!(xml.starts_with(XML_DECLARATION));
        assert!(xml.ends_with(
            "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"
        ));
        let back = ContentTypes::parse(xml.as_bytes())?;
        assert_eq!(back, t);
        assert_eq!(
            back.of("word/document.xml"),
            Some(super::super::WORD_MAIN_TYPES[0])
        );
        assert_eq!(back.of("/WORD/styles.XML"), Some("application/xml"));
        assert_eq!(back.of("media/a.png"), None);
        Ok(())
    }
}
