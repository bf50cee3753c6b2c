//! The whole `render` of a set of files, in order: check ([`crate::validate`]) → compose
//! ([`crate::compose`]) → document ([`crate::document`]) → backends ([`crate::render`]) → write
//! ([`crate::write`]). The command line only parses arguments and prints what this returns.
//!
//! Nothing is written unless every requested output of every file was produced: data errors stop
//! the run (unless [`RenderOptions::draft`]), and so do template errors.

use crate::catalogue::Catalogue;
use crate::compose::{self, ComposeOptions};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::document::{self, Document};
use crate::model::Report;
use crate::render::{docx, html, markdown};
use crate::source::SourceFile;
use crate::validate::{CheckOptions, check_files};
use crate::write::write_atomically;
use std::path::{Path, PathBuf};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    Markdown,
    Html,
    Docx,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }
}

/// What `render` does.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    pub formats: Vec<Format>,
    /// `-o DIR`: created if missing.
    pub out_dir: PathBuf,
    /// `--templates DIR`.
    pub templates: Option<PathBuf>,
    /// `--draft`: render even when the data has errors.
    pub draft: bool,
    pub check: CheckOptions,
}

/// The result of a run: every diagnostic, the files read (for snippets), the files written.
#[derive(Debug, Default)]
pub struct Outcome {
    pub diagnostics: Diagnostics,
    pub sources: Vec<SourceFile>,
    pub written: Vec<PathBuf>,
    /// 0 done (warnings allowed, or a draft), 1 stopped by errors in the data, 2 stopped by a
    /// template, file or output error.
    pub exit_code: u8,
}

/// The tables a report's templates may place with `table(id=…)`.
///
/// The disclosure report's statutory tables are plugged in here (built from `report.disclosure`).
pub fn tables_for(report: &Report) -> std::collections::BTreeMap<String, document::Table> {
    // The grids come from the shipped format files; a grid error is a bug caught by the tests,
    // and leaves the table out (a template placing it then reports the unknown id).
    report
        .disclosure
        .as_ref()
        .and_then(|d| crate::disclosure::grid::tables(d).ok())
        .unwrap_or_default()
        .into_iter()
        .map(|t| (t.id.clone(), t))
        .collect()
}

/// Compose and build the document of one checked report. Returns the document and the warnings
/// raised while composing.
pub fn document_for(
    report: &Report,
    catalogue: &Catalogue,
    templates: Option<&Path>,
) -> Result<(Document, Vec<Diagnostic>), Diagnostic> {
    let options = ComposeOptions {
        templates: templates.map(Path::to_path_buf),
        tables: tables_for(report),
    };
    let composed = compose::compose(report, catalogue, &options)?;
    let mut doc = document::build(&composed)?;
    if let Some(styles) = &report.meta.numbering {
        document::number_document_in(&mut doc, styles);
    }
    Ok((doc, composed.warnings))
}

/// The bytes of one output.
pub fn output(doc: &Document, format: Format) -> Result<Vec<u8>, Diagnostic> {
    match format {
        Format::Markdown => Ok(markdown::render(doc, &markdown::Options::default()).into_bytes()),
        Format::Html => Ok(html::render(doc, &html::Options::default()).into_bytes()),
        Format::Docx => docx::try_render(doc, &docx::DocxOptions::default()),
    }
}

/// `data/sanmen-2020.yaml` → `OUT/sanmen-2020.md` (and `.html`, `.docx`).
pub fn output_path(out_dir: &Path, input: &str, format: Format) -> PathBuf {
    let name = Path::new(input)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| input.to_string());
    let stem = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
        .unwrap_or(&name);
    out_dir.join(format!("{stem}.{}", format.extension()))
}

/// Makes the template a diagnostic points into available for its source snippet.
pub fn add_template_source(sources: &mut Vec<SourceFile>, d: &Diagnostic) {
    let Some(file) = d.location.as_ref().map(|l| l.file.as_str()) else {
        return;
    };
    if sources.iter().any(|s| s.name == file) {
        return;
    }
    if let Ok(text) = std::fs::read_to_string(file) {
        sources.push(SourceFile::new(file, text));
    }
}

/// Checks, composes, renders and writes `files`.
pub fn render_files(files: &[PathBuf], options: &RenderOptions) -> Outcome {
    let checked = check_files(files, &options.check);
    let mut outcome = Outcome {
        diagnostics: checked.diagnostics,
        sources: checked.sources,
        ..Outcome::default()
    };
    if outcome.diagnostics.has_errors() && !options.draft {
        outcome.diagnostics.push(
            Diagnostic::error("E-RENDER-STOPPED", "指标文件有错误，未生成文稿")
                .hint("请先改正上面的错误；如需先看草稿，可加 --draft"),
        );
        outcome.exit_code = if outcome
            .diagnostics
            .items
            .iter()
            .any(|d| d.is_error() && d.code.starts_with("E-FILE"))
        {
            2
        } else {
            1
        };
        return outcome;
    }
    let mut formats = options.formats.clone();
    formats.sort();
    formats.dedup();

    // Produce everything in memory first: a template error in one file writes nothing at all.
    let mut pending: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut failed = false;
    for report in &checked.reports {
        let doc = match document_for(report, &checked.catalogue, options.templates.as_deref()) {
            Ok((doc, warnings)) => {
                outcome.diagnostics.extend(warnings);
                doc
            }
            Err(d) => {
                add_template_source(&mut outcome.sources, &d);
                outcome.diagnostics.push(d);
                failed = true;
                continue;
            }
        };
        for &format in &formats {
            match output(&doc, format) {
                Ok(bytes) => {
                    let path = output_path(&options.out_dir, &report.file, format);
                    if pending.iter().any(|(p, _)| *p == path) {
                        outcome.diagnostics.push(
                            Diagnostic::error(
                                "E-OUTPUT-CLASH",
                                format!("两个指标文件都要输出到“{}”", path.display()),
                            )
                            .hint("请给指标文件改用不同的文件名，或分开生成"),
                        );
                        failed = true;
                    }
                    pending.push((path, bytes));
                }
                Err(d) => {
                    outcome.diagnostics.push(d);
                    failed = true;
                }
            }
        }
    }
    if failed {
        outcome.exit_code = 2;
        return outcome;
    }
    if let Err(e) = std::fs::create_dir_all(&options.out_dir) {
        outcome.diagnostics.push(
            Diagnostic::error(
                "E-WRITE",
                format!("无法创建输出目录“{}”（{e}）", options.out_dir.display()),
            )
            .hint("请检查路径和写权限，或用 -o 指定其他目录"),
        );
        outcome.exit_code = 2;
        return outcome;
    }
    for (path, bytes) in pending {
        match write_atomically(&path, &bytes) {
            Ok(()) => outcome.written.push(path),
            Err(d) => {
                outcome.diagnostics.push(d);
                outcome.exit_code = 2;
            }
        }
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names_follow_the_input() {
        let out = Path::new("out");
        assert_eq!(
            output_path(out, "data/sanmen-2020.yaml", Format::Markdown),
            Path::new("out/sanmen-2020.md")
        );
        assert_eq!(
            output_path(out, "x/yunxi.yml", Format::Html),
            Path::new("out/yunxi.html")
        );
        assert_eq!(
            output_path(out, "report", Format::Docx),
            Path::new("out/report.docx")
        );
    }
}
