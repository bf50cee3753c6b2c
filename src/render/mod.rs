//! Stage 5: backends, each a plain function of the [`crate::document::Document`] and its options,
//! and [`output`], which picks the backend for an output [`Format`].
//!
//! Backends see the document model and nothing else: no report, no catalogue, no templates.

pub mod docx;
pub mod html;
pub mod markdown;

use crate::diagnostic::Diagnostic;
use crate::document::Document;

/// An output format of `wengao render` (`--to`); ordered as outputs are produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    /// Markdown (`.md`), tables as HTML.
    Markdown,
    /// A standalone HTML page (`.html`) with figure provenance.
    Html,
    /// A GB/T 9704 Word document (`.docx`).
    Docx,
}

impl Format {
    /// The file extension of the output, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }
}

/// The bytes of one output of `doc`, with each backend's default options (pending figures
/// highlighted in a draft's DOCX, never in final output). Only DOCX packing can fail
/// (`E-DOCX`).
#[allow(clippy::result_large_err)] // Diagnostic is the crate-wide error type
pub fn output(doc: &Document, format: Format, final_: bool) -> Result<Vec<u8>, Diagnostic> {
    match format {
        Format::Markdown => Ok(markdown::render(doc, &markdown::Options::default()).into_bytes()),
        Format::Html => Ok(html::render(doc, &html::Options::default()).into_bytes()),
        Format::Docx => {
            let options = docx::DocxOptions {
                mark_pending: !final_,
                ..docx::DocxOptions::default()
            };
            docx::render(doc, &options)
        }
    }
}
