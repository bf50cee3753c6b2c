//! The DOCX package layer: the zip container of an Office Open XML document, its parts, its
//! content types (`[Content_Types].xml`) and its relationships (`_rels/*.rels`), read and
//! written. The only module that touches zip.
//!
//! A [`Package`] is an ordered list of parts (name → bytes). Parts keep their bytes exactly as
//! they were read or set, so an updater can rewrite one part and write every other part back
//! unchanged; writing keeps the order of the parts.
//!
//! - Writing ([`Package::to_bytes`]) is deterministic: every entry dated 1980-01-01 00:00, mode
//!   0644, parts under [`STORE_BELOW`] bytes stored and larger ones deflated at level 1. Same
//!   parts in the same order, same bytes.
//! - Reading ([`Package::read_docx`]) takes bytes, never a path, and answers a file that is not
//!   a Word document with a Chinese diagnostic saying what it is instead (empty, encrypted or
//!   old `.doc`, PDF, image, OpenDocument, Excel, PowerPoint, a broken zip). Reading is bounded
//!   by [`ReadLimits`] (total and per-part uncompressed size, number of parts), checked against
//!   both the sizes the zip declares and the bytes actually inflated, so a zip bomb stops early.
//! - [`ContentTypes`] and [`Relationships`] parse and write the two kinds of package metadata;
//!   [`resolve_target`] turns a relationship target into a part name, relative to the part the
//!   relationship belongs to.
//!
//! Part names are kept as the zip stores them (`word/document.xml`, no leading `/`); lookups
//! accept either form and ignore ASCII case, as OPC part names are case-insensitive.
//!
//! # Reading, changing one part, writing back
//!
//! ```
//! use wengao::document::Document;
//! use wengao::package::{Package, resolve_target};
//! use wengao::render::docx::{DocxOptions, render};
//!
//! # fn main() -> Result<(), wengao::diagnostic::Diagnostic> {
//! // Any DOCX as bytes: here one wengao wrote.
//! let bytes = render(&Document::default(), &DocxOptions::default())?;
//! let mut package = Package::read_docx("报告.docx", &bytes)?;
//!
//! // The main document and the parts it refers to.
//! let main = package.main_document()?;
//! assert_eq!(main, "word/document.xml");
//! for rel in &package.relationships(&main)?.items {
//!     let target = resolve_target(&main, rel);
//!     assert!(target.is_some_and(|t| package.contains(&t)));
//! }
//!
//! // Rewrite one part; every other part is written back byte for byte.
//! let xml = String::from_utf8_lossy(package.part(&main).unwrap_or_default()).into_owned();
//! package.set_part(main, xml);
//! assert_eq!(package.to_bytes()?, bytes);
//! # Ok(())
//! # }
//! ```

mod content_types;
mod read;
mod relationships;
mod write;

pub use content_types::ContentTypes;
pub use read::ReadLimits;
pub use relationships::{Relationship, Relationships, rels_part_for, resolve_target};
pub use write::STORE_BELOW;

/// The XML declaration every generated part starts with (followed by a line feed).
pub const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// The part that lists every part's content type.
pub const CONTENT_TYPES_PART: &str = "[Content_Types].xml";

/// Relationship type of the package's main part (transitional and strict OOXML).
pub const OFFICE_DOCUMENT_TYPES: [&str; 2] = [
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
];

/// Content types of a Word main document part: document, template, and their macro-enabled
/// variants.
pub const WORD_MAIN_TYPES: [&str; 4] = [
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
];

/// One part of a package: its name inside the zip and its bytes, uncompressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The zip entry name, e.g. `word/document.xml` (no leading `/`).
    pub name: String,
    /// The part's content exactly as read or set.
    pub bytes: Vec<u8>,
}

/// An OPC package: ordered parts, plus the name of the file they came from (for diagnostics).
///
/// Part names are unique ignoring ASCII case ([`Package::set_part`] replaces rather than adds
/// a second one). A package read with [`Package::read_docx`] has passed the Word checks; one
/// built in memory is whatever its builder put in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Package {
    /// The file name diagnostics point at (empty for a package being written).
    source: String,
    /// The parts in package order (zip order when read, insertion order when built).
    parts: Vec<Part>,
}

/// A part name as compared: no leading `/`, ASCII lowercase.
fn key(name: &str) -> String {
    name.trim_start_matches('/').to_ascii_lowercase()
}

impl Package {
    /// An empty package, to be filled with [`Package::set_part`] and written.
    pub fn new() -> Package {
        Package::default()
    }

    /// The file the package was read from, as the caller named it (empty when built in memory).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Every part, in package order.
    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// The bytes of the part called `name` (`word/document.xml` or `/word/document.xml`,
    /// ASCII case ignored).
    pub fn part(&self, name: &str) -> Option<&[u8]> {
        let k = key(name);
        self.parts
            .iter()
            .find(|p| key(&p.name) == k)
            .map(|p| p.bytes.as_slice())
    }

    /// Whether the package has a part called `name`.
    pub fn contains(&self, name: &str) -> bool {
        self.part(name).is_some()
    }

    /// Sets a part's bytes: replaces the part in place (keeping its position and the name as
    /// first written) or appends it at the end.
    pub fn set_part(&mut self, name: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        let name = name.into();
        let bytes = bytes.into();
        let k = key(&name);
        match self.parts.iter_mut().find(|p| key(&p.name) == k) {
            Some(p) => p.bytes = bytes,
            None => self.parts.push(Part {
                name: name.trim_start_matches('/').to_string(),
                bytes,
            }),
        }
    }

    /// Removes a part and returns its bytes.
    pub fn remove_part(&mut self, name: &str) -> Option<Vec<u8>> {
        let k = key(name);
        let i = self.parts.iter().position(|p| key(&p.name) == k)?;
        Some(self.parts.remove(i).bytes)
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod part_tests {
    use super::*;

    #[test]
    fn parts_are_found_by_name_in_either_form_and_replaced_in_place() {
        let mut p = Package::new();
        p.set_part("[Content_Types].xml", "a");
        p.set_part("word/document.xml", "b");
        p.set_part("docProps/app.xml", "c");
        assert_eq!(p.part("/word/document.xml"), Some(&b"b"[..]));
        assert_eq!(p.part("WORD/Document.xml"), Some(&b"b"[..]));
        p.set_part("/word/document.xml", "B");
        let names: Vec<&str> = p.parts().iter().map(|x| x.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "[Content_Types].xml",
                "word/document.xml",
                "docProps/app.xml"
            ]
        );
        assert_eq!(p.part("word/document.xml"), Some(&b"B"[..]));
        assert_eq!(p.remove_part("docprops/app.xml"), Some(b"c".to_vec()));
        assert!(!p.contains("docProps/app.xml"));
    }
}
