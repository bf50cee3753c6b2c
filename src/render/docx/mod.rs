//! DOCX backend: GB/T 9704-2012 layout, written as OOXML parts in schema order and zipped.
//!
//! A focused writer over quick-xml escaping and the package layer ([`crate::package`]: zip with
//! fixed entry times, content types, relationships) instead of docx-rs: docx-rs writes children
//! out of schema order (~70 openxml-audit violations), a duplicate `Normal` style, and cannot
//! write `w:firstLineChars` or `w:tblHeader`.
//!
//! Modules: `anchor` (where each figure is, for `wengao update`: the manifest and paragraph
//! anchors), `body` (`word/document.xml`: blocks, sections, sign-off, attachments), `para`
//! (paragraph and run properties shared by body and tables), `table` (grids, widths, the
//! landscape decision), `footer` (page-number footers and which ones a document needs),
//! `parts` (content types, relationships, settings, properties), `layout` (every GB/T 9704
//! dimension, in one place), `xml` (the string builder). Every element is written in schema
//! order; every run names its fonts and size, so the document does not depend on Word's
//! defaults.
//!
//! Parts: `[Content_Types].xml`, `_rels/.rels`, `docProps/{core,app}.xml` (no timestamps),
//! `docProps/custom.xml` (the figure manifest, see [`anchor`]),
//! `word/{document,styles,settings,fontTable}.xml`, `word/theme/theme1.xml`,
//! `word/footer1.xml` (odd or all pages), `word/footer2.xml` (even pages), `word/footer3.xml` and
//! `word/footer4.xml` (the same on landscape pages, turned), `word/_rels/document.xml.rels`.

pub mod anchor;
mod body;
mod footer;
mod layout;
mod para;
mod parts;
mod table;
mod xml;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::package::Package;

/// Where page numbers go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PageNumbers {
    /// GB/T 9704 7.5: odd pages right, even pages left, one 字 in.
    #[default]
    OddEven,
    /// Centred on every page, for informal 材料.
    Centered,
}

/// Options of the DOCX backend.
///
/// The defaults are the 公文 of GB/T 9704; options only relax what informal 材料 may relax.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocxOptions {
    /// Where page numbers go.
    pub page_numbers: PageNumbers,
}

/// Renders the document as DOCX bytes. Same input, same bytes.
///
/// The parts are written in a fixed order and packed by [`Package::to_bytes`]; packing into
/// memory fails only for documents beyond zip's limits, with the `E-DOCX` diagnostic.
#[allow(clippy::result_large_err)] // Diagnostic is the crate-wide error type
pub fn render(doc: &Document, options: &DocxOptions) -> Result<Vec<u8>, Diagnostic> {
    package(doc, options).to_bytes()
}

/// The document's parts, in the order they are zipped.
fn package(doc: &Document, options: &DocxOptions) -> Package {
    let footers = footer::footer_parts(options, body::has_landscape(doc));
    let (document, anchors) = body::document(doc, &footers);
    let manifest = anchor::Manifest {
        title: doc.title.replace('\n', " "),
        agency: doc
            .sign_off
            .as_ref()
            .map(|s| s.agency.clone())
            .unwrap_or_default(),
        placements: anchors.into_placements(),
    };
    let mut p = Package::new();
    p.set_part("[Content_Types].xml", parts::content_types(&footers));
    p.set_part("_rels/.rels", parts::root_rels());
    p.set_part("docProps/core.xml", parts::core(&doc.title));
    p.set_part("docProps/app.xml", parts::APP);
    p.set_part(anchor::CUSTOM_PART, parts::custom(&manifest));
    p.set_part("word/document.xml", document);
    p.set_part("word/styles.xml", parts::STYLES);
    p.set_part("word/settings.xml", parts::settings(options));
    p.set_part("word/fontTable.xml", parts::FONT_TABLE);
    p.set_part("word/theme/theme1.xml", parts::THEME);
    p.set_part(
        "word/_rels/document.xml.rels",
        parts::document_rels(&footers),
    );
    for (i, f) in footers.iter().enumerate() {
        p.set_part(format!("word/{}", f.file), footer::footer(f, i as u32 + 1));
    }
    p
}
