//! Relationships (`_rels/.rels`, `word/_rels/document.xml.rels`, …): which part points at which,
//! parsed and written, and targets resolved to part names.
//!
//! The relationships of part `p` live in `_rels/<file>.rels` beside it ([`rels_part_for`]).
//! Targets are URIs relative to the source part's folder; [`resolve_target`] resolves them and
//! refuses any that climbs out of the package, so a hostile file cannot name parts outside it.

use super::XML_DECLARATION;
use super::content_types::attr;
use quick_xml::escape::escape;
use quick_xml::events::Event;

/// The namespace of relationship parts.
pub const RELATIONSHIPS_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// One relationship: an id unique in its part, a type URI and a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relationship {
    /// `rId1`, `rIdStyles`: what the source part refers to (`r:id`).
    pub id: String,
    /// The relationship type URI (e.g. `…/relationships/officeDocument`).
    pub rel_type: String,
    /// The target as written: relative to the source part's folder, or absolute from the package
    /// root when it starts with `/`; a URI when `external`.
    pub target: String,
    /// `TargetMode="External"`: the target is outside the package (a hyperlink).
    pub external: bool,
}

/// The relationships of one source part, in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Relationships {
    /// Every `Relationship` element.
    pub items: Vec<Relationship>,
}

impl Relationships {
    /// Adds an internal relationship.
    pub fn add(&mut self, id: &str, rel_type: &str, target: &str) -> &mut Self {
        self.items.push(Relationship {
            id: id.to_string(),
            rel_type: rel_type.to_string(),
            target: target.to_string(),
            external: false,
        });
        self
    }

    /// The first relationship of one of `types`.
    pub fn of_type(&self, types: &[&str]) -> Option<&Relationship> {
        self.items
            .iter()
            .find(|r| types.contains(&r.rel_type.as_str()))
    }

    /// The relationship with this id.
    pub fn by_id(&self, id: &str) -> Option<&Relationship> {
        self.items.iter().find(|r| r.id == id)
    }

    /// The part's text: the XML declaration, then one line holding `Relationships` with every
    /// `Relationship` (`Id`, `Type`, `Target`, and `TargetMode` when external), in order.
    pub fn to_xml(&self) -> String {
        let mut out = String::from(XML_DECLARATION);
        out.push_str(&format!(
            "<Relationships xmlns=\"{}\">",
            escape(RELATIONSHIPS_NS)
        ));
        for r in &self.items {
            out.push_str(&format!(
                "<Relationship Id=\"{}\" Type=\"{}\" Target=\"{}\"",
                escape(r.id.as_str()),
                escape(r.rel_type.as_str()),
                escape(r.target.as_str())
            ));
            if r.external {
                out.push_str(" TargetMode=\"External\"");
            }
            out.push_str("/>");
        }
        out.push_str("</Relationships>");
        out
    }

    /// Reads a relationships part; `Err` carries the parser's reason. Elements without an id or
    /// a target are skipped.
    pub fn parse(bytes: &[u8]) -> Result<Relationships, String> {
        let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
        let mut reader = quick_xml::Reader::from_str(text);
        let mut out = Relationships::default();
        loop {
            match reader.read_event().map_err(|e| e.to_string())? {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                    let (Some(id), Some(target)) = (attr(&e, "Id")?, attr(&e, "Target")?) else {
                        continue;
                    };
                    out.items.push(Relationship {
                        id,
                        rel_type: attr(&e, "Type")?.unwrap_or_default(),
                        target,
                        external: attr(&e, "TargetMode")?.as_deref() == Some("External"),
                    });
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(out)
    }
}

/// The relationships part of `source`: `_rels/.rels` for the package itself (`""`),
/// `word/_rels/document.xml.rels` for `word/document.xml`.
pub fn rels_part_for(source: &str) -> String {
    let source = source.trim_start_matches('/');
    match source.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None if source.is_empty() => "_rels/.rels".to_string(),
        None => format!("_rels/{source}.rels"),
    }
}

/// The part name a relationship of `source` points at: `target` taken relative to the folder of
/// `source` (or from the root when it starts with `/`), `.` and `..` resolved, `%XX` escapes
/// decoded, any `#fragment` dropped. `None` for an external relationship or a target that
/// climbs out of the package.
pub fn resolve_target(source: &str, rel: &Relationship) -> Option<String> {
    if rel.external {
        return None;
    }
    let target = rel.target.split('#').next().unwrap_or("");
    let target = percent_decode(target)?;
    let mut segments: Vec<&str> = Vec::new();
    if !target.starts_with('/') {
        let source = source.trim_start_matches('/');
        if let Some((dir, _)) = source.rsplit_once('/') {
            segments.extend(dir.split('/'));
        }
    }
    for s in target.split('/') {
        match s {
            "" | "." => {}
            ".." => {
                segments.pop()?;
            }
            s => segments.push(s),
        }
    }
    (!segments.is_empty()).then(|| segments.join("/"))
}

/// `%20` → space; `None` for a broken escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.to_string());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(target: &str) -> Relationship {
        Relationship {
            id: "rId1".into(),
            rel_type: "t".into(),
            target: target.into(),
            external: false,
        }
    }

    #[test]
    fn targets_resolve_relative_to_the_source_part() {
        let doc = "word/document.xml";
        assert_eq!(
            resolve_target(doc, &rel("styles.xml")).as_deref(),
            Some("word/styles.xml")
        );
        assert_eq!(
            resolve_target(doc, &rel("media/image%201.png")).as_deref(),
            Some("word/media/image 1.png")
        );
        assert_eq!(
            resolve_target(doc, &rel("../customXml/item1.xml")).as_deref(),
            Some("customXml/item1.xml")
        );
        assert_eq!(
            resolve_target(doc, &rel("/word/footer1.xml")).as_deref(),
            Some("word/footer1.xml")
        );
        assert_eq!(
            resolve_target("", &rel("word/document.xml")).as_deref(),
            Some("word/document.xml")
        );
        assert_eq!(resolve_target(doc, &rel("../../etc/passwd")), None);
        let mut link = rel("https://example.org/");
        link.external = true;
        assert_eq!(resolve_target(doc, &link), None);
    }

    #[test]
    fn rels_parts_sit_beside_their_source() {
        assert_eq!(rels_part_for(""), "_rels/.rels");
        assert_eq!(
            rels_part_for("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
        assert_eq!(
            rels_part_for("/word/footer1.xml"),
            "word/_rels/footer1.xml.rels"
        );
    }

    #[test]
    fn written_relationships_read_back() -> Result<(), String> {
        let mut r = Relationships::default();
        r.add("rIdStyles", "http://x/styles", "styles.xml");
        r.items.push(Relationship {
            id: "rIdLink".into(),
            rel_type: "http://x/hyperlink".into(),
            target: "https://example.org/?a=1&b=2".into(),
            external: true,
        });
        let xml = r.to_xml();
        assert!(
            xml.contains("Target=\"https://example.org/?a=1&amp;b=2\" TargetMode=\"External\"/>")
        );
        let back = Relationships::parse(xml.as_bytes())?;
        assert_eq!(back, r);
        assert_eq!(
            back.by_id("rIdStyles").map(|x| x.target.as_str()),
            Some("styles.xml")
        );
        assert_eq!(
            back.of_type(&["http://x/hyperlink"]).map(|x| x.external),
            Some(true)
        );
        Ok(())
    }
}
