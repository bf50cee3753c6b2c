//! The whole `render` of a set of files, each stage a call to its module, in order: load
//! ([`crate::load::load_files`]) → validate ([`crate::validate::validate`]) → compose
//! ([`crate::compose::compose`]) → document ([`crate::document::build`]) → render
//! ([`crate::render::output`]) → write ([`crate::write::write_outputs`]). The command line only
//! parses arguments and prints what this returns; `diff` reuses [`document_for`] (compose →
//! document) on checked reports.
//!
//! Nothing is written unless every requested output of every file was produced: data errors stop
//! the run (unless [`RenderOptions::draft`]), and so do template errors.

use crate::catalogue::Catalogue;
use crate::compose::{self, ComposeOptions, Composition};
use crate::diagnostic::{Diagnostic, Diagnostics, EXIT_INPUT, Location, Severity, exit_code};
use crate::document::{self, Document, GridError, Table};
use crate::load;
use crate::model::Report;
use crate::render;
use crate::source::SourceFile;
use crate::validate::{self, CheckOptions, Checked};
use crate::write;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use crate::render::Format;

/// What `render` does.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// The outputs wanted for every file (`--to`); duplicates are ignored.
    pub formats: Vec<Format>,
    /// `-o DIR`: created if missing.
    pub out_dir: PathBuf,
    /// `--templates DIR`.
    pub templates: Option<PathBuf>,
    /// `--draft`: render even when the data has errors.
    pub draft: bool,
    /// How the files are loaded and checked first (`--catalogue`; never `--final`).
    pub check: CheckOptions,
}

/// The result of a run: every diagnostic, the files read (for snippets), the files written.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Every problem: loading and validation (sorted), then composing, rendering, writing.
    pub diagnostics: Diagnostics,
    /// Every file read, templates included, for source snippets.
    pub sources: Vec<SourceFile>,
    /// The outputs written, in order.
    pub written: Vec<PathBuf>,
    /// 0 done (warnings allowed, or a draft), 1 stopped by errors in the data, 2 stopped by a
    /// template, file or output error.
    pub exit_code: u8,
}

/// The tables a report's templates may place with `table(id=…)`, by id.
///
/// The disclosure report's statutory tables are built here from `report.disclosure`; other
/// reports have none. The grids come from the shipped format files, so a grid error is a bug in
/// wengao, reported as such (`E-DISCLOSURE-INTERNAL`) rather than hidden behind a later
/// "unknown table" message.
pub(crate) fn tables_for(report: &Report) -> Result<BTreeMap<String, Table>, Diagnostic> {
    let Some(data) = &report.disclosure else {
        return Ok(BTreeMap::new());
    };
    let tables =
        crate::disclosure::grid::tables(data).map_err(|e| grid_failure(&report.file, &e))?;
    Ok(tables.into_iter().map(|t| (t.id.clone(), t)).collect())
}

/// The diagnostic of a statutory table that cannot be laid out (a broken shipped format).
fn grid_failure(file: &str, e: &GridError) -> Diagnostic {
    Diagnostic::error(
        "E-DISCLOSURE-INTERNAL",
        format!("政府信息公开年报的表格无法生成：{e}"),
    )
    .at(Location::new(file, 0, 0))
    .hint("这是 wengao 内置年报格式的问题，不是指标文件的错；请把指标文件和这条信息报告给维护者")
}

/// Compose and build the document of one checked report. Returns the document and the warnings
/// raised while composing.
///
/// The same two stages `render` runs, for callers that need the document model rather than
/// files: `wengao diff` compares two of them, and a redline or update writer can start from one.
/// `templates` is `--templates`; the report's own `meta.template` is honoured as in `render`.
pub fn document_for(
    report: &Report,
    catalogue: &Catalogue,
    templates: Option<&Path>,
) -> Result<(Document, Vec<Diagnostic>), Diagnostic> {
    let tables = tables_for(report)?;
    let composition = compose::compose(report, catalogue, &compose_options(templates, &tables))?;
    let mut doc = document::build(&composition.composed, &tables)?;
    if let Some(styles) = &report.meta.numbering {
        document::number_document_in(&mut doc, styles);
    }
    Ok((doc, composition.warnings))
}

/// What compose needs to know of the run: the templates folder and the ids of `tables`.
fn compose_options(templates: Option<&Path>, tables: &BTreeMap<String, Table>) -> ComposeOptions {
    ComposeOptions {
        templates: templates.map(Path::to_path_buf),
        table_ids: tables.keys().cloned().collect(),
    }
}

/// The figures the composed narrative of `report` quotes, compared with its disclosure tables:
/// warnings for contradictions and notes (`N-…`) for what was verified or not understood. The
/// templates it was composed from join `sources`, for the snippets of these diagnostics.
fn narrative_diagnostics(
    report: &Report,
    composition: &Composition,
    sources: &mut Vec<SourceFile>,
) -> Vec<Diagnostic> {
    let Some(data) = &report.disclosure else {
        return Vec::new();
    };
    for (name, text) in &composition.templates {
        if !sources.iter().any(|s| s.name == *name) {
            sources.push(SourceFile::new(name.clone(), text.clone()));
        }
    }
    let text = crate::disclosure::narrative::plain_text(&composition.composed);
    crate::disclosure::narrative::check(data, &text, &composition.templates)
}

/// `wengao check`: load and validate every file together ([`validate::check_files`]), then
/// compose the narrative of each report with disclosure tables and compare the figures it
/// quotes with the tables (the narrative is read as rendered, so figures from `fig()`, parent
/// templates and expressions count). Notes on the figures verified or not understood are kept
/// only when `verbose`. A template that fails is reported like in `render`.
pub fn check_files(
    paths: &[PathBuf],
    options: &CheckOptions,
    templates: Option<&Path>,
    verbose: bool,
) -> Checked {
    let mut checked = validate::check_files(paths, options);
    let mut found = Vec::new();
    for report in checked.reports.iter().filter(|r| r.disclosure.is_some()) {
        let composed = tables_for(report).and_then(|tables| {
            compose::compose(
                report,
                &checked.catalogue,
                &compose_options(templates, &tables),
            )
        });
        match composed {
            Ok(c) => found.extend(narrative_diagnostics(report, &c, &mut checked.sources)),
            Err(d) => {
                add_template_source(&mut checked.sources, &d);
                found.push(d);
            }
        }
    }
    if !verbose {
        found.retain(|d| d.severity != Severity::Note);
    }
    checked.diagnostics.extend(found);
    checked.diagnostics.sort();
    checked
}

/// `data/sanmen-2020.yaml` → `OUT/sanmen-2020.md` (and `.html`, `.docx`).
pub(crate) fn output_path(out_dir: &Path, input: &str, format: Format) -> PathBuf {
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
pub(crate) fn add_template_source(sources: &mut Vec<SourceFile>, d: &Diagnostic) {
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

/// `wengao render`: load → validate → compose → document → render → write, for every file.
pub fn render_files(files: &[PathBuf], options: &RenderOptions) -> Outcome {
    // 1. load, 2. validate: every file together (cross-file rules), diagnostics sorted.
    let loaded = load::load_files(files, &options.check.catalogues);
    let checked = validate::validate(loaded, &options.check);
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
        outcome.exit_code = exit_code(&outcome.diagnostics.items);
        return outcome;
    }
    let mut formats = options.formats.clone();
    formats.sort();
    formats.dedup();

    // Produce everything in memory first: a template error in one file writes nothing at all.
    let mut pending: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut failed = false;
    for report in &checked.reports {
        // 3. compose, 4. document.
        let built = tables_for(report).and_then(|tables| {
            let composition = compose::compose(
                report,
                &checked.catalogue,
                &compose_options(options.templates.as_deref(), &tables),
            )?;
            let mut doc = document::build(&composition.composed, &tables)?;
            if let Some(styles) = &report.meta.numbering {
                document::number_document_in(&mut doc, styles);
            }
            Ok((doc, composition))
        });
        let doc = match built {
            Ok((doc, composition)) => {
                outcome
                    .diagnostics
                    .extend(composition.warnings.iter().cloned());
                let mut narrative =
                    narrative_diagnostics(report, &composition, &mut outcome.sources);
                narrative.retain(|d| d.severity != Severity::Note);
                outcome.diagnostics.extend(narrative);
                doc
            }
            Err(d) => {
                add_template_source(&mut outcome.sources, &d);
                outcome.diagnostics.push(d);
                failed = true;
                continue;
            }
        };
        // 5. render.
        for &format in &formats {
            match render::output(&doc, format, options.check.final_) {
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
        outcome.exit_code = EXIT_INPUT;
        return outcome;
    }
    // 6. write.
    let (written, problems) = write::write_outputs(&options.out_dir, pending);
    outcome.written = written;
    if !problems.is_empty() {
        outcome.diagnostics.extend(problems);
        outcome.exit_code = EXIT_INPUT;
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grid_error_is_reported_as_an_internal_error_not_an_unknown_table() {
        let e = GridError("表格 shenqing 第2行第3列被两个单元格占用".to_string());
        let d = grid_failure("data/x.yaml", &e);
        assert_eq!(d.code, "E-DISCLOSURE-INTERNAL");
        assert!(d.is_error());
        assert_eq!(
            d.message,
            "政府信息公开年报的表格无法生成：表格 shenqing 第2行第3列被两个单元格占用"
        );
        assert_eq!(d.location, Some(Location::new("data/x.yaml", 0, 0)));
    }

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
