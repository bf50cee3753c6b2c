//! The whole `render` of a file, each stage a call to its module, in order ([`render_file`]):
//! load ([`crate::load::load_files_onto`]) → validate ([`crate::validate::validate`]) → compose
//! ([`crate::compose::compose`]) → document ([`crate::document::build`]) → render
//! ([`crate::render::output`]) → write ([`crate::write::OutputSet`]: the file's outputs staged,
//! then replaced together). [`batch`] runs it over many files in parallel, each file on its own
//! (a file with errors is skipped, the others are written); [`render_files`] is the library's
//! all-or-nothing run over a set of files; [`check_files`] composes without writing. The
//! command line only parses arguments and prints what these return; `diff` reuses
//! [`document_for`] (compose → document) on checked reports.
//!
//! The template set is read once per run and parsed once per set ([`Shared::templates`]); every
//! file and worker thread renders from the same parsed set.

pub mod batch;
mod check;

pub use check::{check_files, check_files_keeping_templates};

use crate::catalogue::Catalogue;
use crate::compose::{self, ComposeOptions, Composition, Limits, Templates};
use crate::diagnostic::{
    Diagnostic, Diagnostics, EXIT_DATA, EXIT_INPUT, Location, Severity, exit_code,
};
use crate::document::{self, Document, GridError, Table};
use crate::load;
use crate::model::Report;
use crate::render;
use crate::source::SourceFile;
use crate::validate::{self, CheckOptions};
use crate::write::OutputSet;
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
    /// How the files are loaded and checked first (`--catalogue`, `--final`: pending figures
    /// and the templates' example text are errors).
    pub check: CheckOptions,
    /// The limits every template render is held to (the command line turns the watchdog on).
    pub limits: Limits,
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
    Ok(tables
        .into_iter()
        .map(|mut t| {
            relative_sources(&mut t, &report.file);
            (t.id.clone(), t)
        })
        .collect())
}

/// Names the sources of a table's figures relative to the indicator file's folder (provenance
/// never shows a machine path).
fn relative_sources(table: &mut Table, report_file: &str) {
    for row in &mut table.rows {
        for slot in row {
            if let document::Slot::Cell(cell) = slot {
                for inline in &mut cell.content {
                    if let document::Inline::Figure(f) = inline
                        && let Some(at) = &mut f.source
                    {
                        at.file = crate::sandbox::shown_relative(&at.file, report_file);
                    }
                }
            }
        }
    }
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
/// `templates` is the run's template set (`--templates`, parsed sets shared across reports and
/// threads); the report's own `meta.template` is honoured as in `render`.
pub fn document_for(
    report: &Report,
    catalogue: &Catalogue,
    templates: &Templates,
    options: &ComposeOptions,
) -> Result<(Document, Vec<Diagnostic>), Diagnostic> {
    let (doc, composition) = compose_and_build(report, catalogue, templates, options)?;
    Ok((doc, composition.warnings))
}

/// Compose (with the ids of the report's tables) and build the document; the composition comes
/// back too, for the disclosure narrative check.
fn compose_and_build(
    report: &Report,
    catalogue: &Catalogue,
    templates: &Templates,
    options: &ComposeOptions,
) -> Result<(Document, Composition), Diagnostic> {
    let tables = tables_for(report)?;
    let options = ComposeOptions {
        table_ids: tables.keys().cloned().collect(),
        ..options.clone()
    };
    let composition = compose::compose(report, catalogue, templates, &options)?;
    let mut doc = document::build(&composition.composed, &tables)?;
    if let Some(styles) = &report.meta.numbering {
        document::number_document_in(&mut doc, styles);
    }
    Ok((doc, composition))
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

/// Makes the template a diagnostic points into available for its source snippet (shipped
/// templates and the users' templates come from `templates`, which read them).
pub(crate) fn add_template_source(
    sources: &mut Vec<SourceFile>,
    d: &Diagnostic,
    templates: Option<&Templates>,
) {
    let Some(file) = d.location.as_ref().map(|l| l.file.as_str()) else {
        return;
    };
    if sources.iter().any(|s| s.name == file) {
        return;
    }
    if let Some(src) = templates.and_then(|t| t.source(file)) {
        sources.push(src);
    }
}

/// What every file of a run shares, built once and read by every worker: the built-in
/// catalogue with the `--catalogue` files merged in, and the template set.
#[derive(Debug, Default)]
pub struct Shared {
    /// The built-in catalogue plus `--catalogue`.
    pub catalogue: Catalogue,
    /// The `--catalogue` files merged into it (a file's `meta.catalogue` naming one of them is
    /// not merged twice).
    pub catalogue_files: Vec<PathBuf>,
    /// The shipped templates and `--templates`, read once; each template set (a main template
    /// and what it reaches) is parsed once, by the first file that needs it, and every other
    /// file and thread renders from that parse (`Send + Sync`).
    pub templates: Templates,
}

impl Shared {
    /// Loads the shared catalogues and reads the templates (`--templates`); their problems come
    /// back too (errors mean no file can be rendered against them). For a batch (`files` > 1)
    /// each template set is parsed whole, so one parse serves every file whatever figures it
    /// has; a single file parses only the sections it reaches (the output is the same).
    pub fn load(
        catalogues: &[PathBuf],
        templates: Option<&Path>,
        files: usize,
    ) -> (Shared, Vec<SourceFile>, Diagnostics) {
        let loaded = load::load_catalogues(catalogues);
        let mut ds = loaded.diagnostics;
        ds.extend(loaded.catalogue.verify().items);
        let templates = match Templates::new(templates) {
            Ok(t) if files > 1 => t.whole(),
            Ok(t) => t,
            Err(d) => {
                ds.push(d);
                Templates::default()
            }
        };
        ds.sort();
        let shared = Shared {
            catalogue: loaded.catalogue,
            catalogue_files: catalogues.to_vec(),
            templates,
        };
        (shared, loaded.sources, ds)
    }

    /// What compose is told for every file of the run. A draft is not final: with `draft` (which
    /// the command line never combines with `--final`) the templates' example text is not
    /// refused, while the backends still print a final render's look.
    fn compose_options(&self, options: &RenderOptions) -> ComposeOptions {
        ComposeOptions {
            final_: options.check.final_ && !options.draft,
            limits: options.limits.clone(),
            ..ComposeOptions::default()
        }
    }
}

/// What happened to one input file.
#[derive(Debug, Default)]
pub struct FileOutcome {
    /// The input as given.
    pub file: PathBuf,
    /// Its diagnostics, sorted by place (the reason it stopped, if any, last); every one has a
    /// location (the file itself, line 0, when nothing better).
    pub diagnostics: Vec<Diagnostic>,
    /// The files read for it (for source snippets).
    pub sources: Vec<SourceFile>,
    /// The outputs written (empty when it failed, or while they are only staged).
    pub written: Vec<PathBuf>,
    /// Nothing was written for it: errors in its data (without `--draft`), its template or its
    /// outputs.
    pub failed: bool,
    /// 0, or for a failed file [`EXIT_DATA`] (errors in its data) or [`EXIT_INPUT`] (unreadable,
    /// template or write error).
    pub exit_code: u8,
}

/// What [`render_file`] is told besides the file: problems found with other files of the batch
/// (cross-file rules), an earlier input writing to the same names, and whether to commit.
#[derive(Debug, Clone, Copy, Default)]
pub struct FileContext<'a> {
    /// Cross-file diagnostics located in this file.
    pub cross_file: &'a [Diagnostic],
    /// An earlier input of the batch whose outputs have the same names.
    pub clashes_with: Option<&'a Path>,
    /// Stage the outputs and hand them back instead of replacing the old ones now.
    pub stage_only: bool,
}

/// One file through every stage. Returns its outcome and, with [`FileContext::stage_only`], its
/// staged outputs (replaced by [`OutputSet::commit`], or removed when dropped).
pub fn render_file(
    file: &Path,
    shared: &Shared,
    options: &RenderOptions,
    context: FileContext<'_>,
) -> (FileOutcome, Option<OutputSet>) {
    let shown = file.display().to_string();
    // 1. load (against the shared catalogue), 2. validate (cross-file problems added).
    let loaded = load::load_files_onto(
        &shared.catalogue,
        &shared.catalogue_files,
        &[file.to_path_buf()],
    );
    let checked = validate::validate(loaded, &options.check);
    let mut ds = checked.diagnostics;
    ds.extend(context.cross_file.iter().cloned());
    let mut sources = checked.sources;
    let finish = |mut ds: Diagnostics, sources: Vec<SourceFile>, failed: Option<u8>| {
        // Sorted by place; a closing diagnostic without a place (why it stopped) stays last.
        let closing = match ds.items.last() {
            Some(d) if d.location.is_none() && failed.is_some() => ds.items.pop(),
            _ => None,
        };
        ds.sort();
        ds.items.extend(closing);
        for d in &mut ds.items {
            if d.location.is_none() {
                d.location = Some(Location::new(shown.clone(), 0, 0));
            }
        }
        FileOutcome {
            file: file.to_path_buf(),
            diagnostics: ds.items,
            sources,
            written: Vec::new(),
            failed: failed.is_some(),
            exit_code: failed.unwrap_or(0),
        }
    };
    let report = checked.reports.into_iter().next();
    let Some(report) = report.filter(|_| !ds.has_errors() || options.draft) else {
        let code = exit_code(&ds.items).max(EXIT_DATA);
        ds.push(
            Diagnostic::error("E-RENDER-STOPPED", "指标文件有错误，未生成文稿")
                .hint("请先改正上面的错误；如需先看草稿，可加 --draft"),
        );
        return (finish(ds, sources, Some(code)), None);
    };
    if let Some(earlier) = context.clashes_with {
        ds.push(
            Diagnostic::error(
                "E-OUTPUT-CLASH",
                format!("与“{}”输出到同名文件", earlier.display()),
            )
            .hint("请给指标文件改用不同的文件名，或分开生成"),
        );
        return (finish(ds, sources, Some(EXIT_INPUT)), None);
    }
    // 3. compose (the disclosure narrative's figures compared with its tables), 4. document.
    let built = compose_and_build(
        &report,
        &checked.catalogue,
        &shared.templates,
        &shared.compose_options(options),
    );
    let doc = match built {
        Ok((doc, composition)) => {
            ds.extend(composition.warnings.iter().cloned());
            let mut narrative = check::narrative_diagnostics(&report, &composition, &mut sources);
            narrative.retain(|d| d.severity != Severity::Note);
            ds.extend(narrative);
            doc
        }
        Err(d) => {
            add_template_source(&mut sources, &d, Some(&shared.templates));
            // A template, limit or file error is 2; a `--final` refusal of the content 1.
            let code = exit_code(std::slice::from_ref(&d)).max(EXIT_DATA);
            ds.push(d);
            return (finish(ds, sources, Some(code)), None);
        }
    };
    // 5. render, 6. write: each output staged beside its target, then the set replaced at once.
    // The folder is made when the first file gets this far: a run that fails everywhere
    // creates nothing.
    if let Err(e) = std::fs::create_dir_all(&options.out_dir) {
        ds.push(
            Diagnostic::error(
                "E-WRITE",
                format!("无法创建输出目录“{}”（{e}）", options.out_dir.display()),
            )
            .hint("请检查路径和写权限，或用 -o 指定其他目录"),
        );
        return (finish(ds, sources, Some(EXIT_INPUT)), None);
    }
    let mut formats = options.formats.clone();
    formats.sort();
    formats.dedup();
    let mut set = OutputSet::new();
    for format in formats {
        let target = output_path(&options.out_dir, &report.file, format);
        let staged = render::output(&doc, format, options.check.final_)
            .and_then(|bytes| set.stage(&target, &bytes));
        if let Err(d) = staged {
            ds.push(d);
            return (finish(ds, sources, Some(EXIT_INPUT)), None);
        }
    }
    drop(doc);
    if context.stage_only {
        return (finish(ds, sources, None), Some(set));
    }
    match set.commit() {
        Ok(written) => {
            let mut outcome = finish(ds, sources, None);
            outcome.written = written;
            (outcome, None)
        }
        Err(d) => {
            ds.push(d);
            (finish(ds, sources, Some(EXIT_INPUT)), None)
        }
    }
}

/// The library's render of a set of files, all or nothing: every file through every stage (in
/// parallel, see [`batch`]), and nothing replaced unless every one of them rendered. Returns
/// every file's diagnostics in input order and the outputs written.
pub fn render_files(files: &[PathBuf], options: &RenderOptions) -> Outcome {
    struct Collect(Outcome);
    impl batch::BatchSink for Collect {
        fn progress(&mut self, _done: usize, _total: usize) {}
        fn file(&mut self, outcome: FileOutcome) {
            self.0.diagnostics.extend(outcome.diagnostics);
            self.0.sources.extend(outcome.sources);
        }
    }
    let options = batch::BatchOptions {
        render: options.clone(),
        all_or_nothing: true,
        jobs: None,
    };
    let mut sink = Collect(Outcome::default());
    let summary = batch::render_batch(files, &options, &mut sink);
    let mut outcome = sink.0;
    outcome.diagnostics.extend(summary.run_diagnostics);
    outcome.written = summary.committed;
    outcome.exit_code = summary.exit_code;
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
