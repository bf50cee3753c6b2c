//! Shared by the disclosure test binaries: checking a file through the pipeline, printing
//! diagnostics as the corpus expects them, the spec's table layouts, and a DOCX table reader.

pub mod docx;
pub mod spec;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use wengao::diagnostic::Diagnostic;
use wengao::model::DisclosureData;
use wengao::pipeline::check_files;
use wengao::validate::CheckOptions;

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Checks `path` (relative to the package root, as users name files) with `check_files`.
pub fn check(path: &Path) -> Result<(DisclosureData, Vec<Diagnostic>), Box<dyn std::error::Error>> {
    let checked = check_files(&[path.to_path_buf()], &CheckOptions::default(), None, false);
    let data = checked
        .reports
        .first()
        .and_then(|r| r.disclosure.clone())
        .ok_or_else(|| format!("{}: no disclosure data", path.display()))?;
    Ok((data, checked.diagnostics.items))
}

pub fn show(diags: &[Diagnostic]) -> String {
    let mut s = String::new();
    for d in diags {
        let at = d
            .location
            .as_ref()
            .map_or("-".to_string(), ToString::to_string);
        let _ = writeln!(s, "{} {} {} {}", d.severity.label(), d.code, at, d.message);
        if let Some(h) = &d.hint {
            let _ = writeln!(s, "  提示：{h}");
        }
        for r in &d.related {
            let _ = writeln!(s, "  相关：{} {}", r.location, r.message);
        }
    }
    s
}

pub fn data_dir() -> PathBuf {
    PathBuf::from("data")
}

pub fn corpus_dir() -> PathBuf {
    PathBuf::from("tests/disclosure")
}

/// The document of the report in `path` (checked with `options`, composed with its own
/// template) and the warnings raised on the way.
pub fn report_doc(
    path: &Path,
    options: &CheckOptions,
) -> Result<(wengao::document::Document, Vec<Diagnostic>), Box<dyn std::error::Error>> {
    let checked = check_files(&[path.to_path_buf()], options, None, false);
    let report = checked.reports.first().ok_or("no report")?;
    let (doc, warnings) =
        wengao::pipeline::document_for(report, &checked.catalogue, None).map_err(|d| d.message)?;
    Ok((doc, warnings))
}

/// The statutory tables of `doc`, in order.
pub fn tables(doc: &wengao::document::Document) -> Vec<&wengao::document::Table> {
    use wengao::document::Block;
    doc.blocks
        .iter()
        .chain(doc.attachments.iter().flat_map(|a| a.blocks.iter()))
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}
