//! `render` of a batch of files: every file is independent (a file with errors is reported and
//! skipped, the others are written), files render in parallel, each file's outputs are written
//! as a set ([`OutputSet`]) as soon as it is done, and results come back in input order so what
//! is printed never depends on scheduling.
//!
//! Per file: load → validate (with the cross-file rules of its batch) → compose → document →
//! render → write. What every file shares (the catalogue; the parsed templates) is built once
//! and passed read-only to every worker as [`Shared`]. Memory does not grow with the number of
//! files: a file's outputs are on disk before the next is taken, and only a few bytes per file
//! (its agency and period) are kept across the batch.
//!
//! With [`BatchOptions::all_or_nothing`] the old behaviour holds: every file's outputs are staged
//! as temp files and nothing replaces anything unless every file rendered.

use crate::catalogue::Catalogue;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::load::{self, LoadedFile};
use crate::model::{Period, Report};
use crate::parallel;
use crate::pipeline::{self, RenderOptions};
use crate::source::SourceFile;
use crate::validate;
use crate::write::OutputSet;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What a batch `render` does.
#[derive(Debug, Clone, Default)]
pub struct BatchOptions {
    /// Formats, output folder, templates, draft, catalogues.
    pub render: RenderOptions,
    /// `--all-or-nothing`: write nothing unless every file renders.
    pub all_or_nothing: bool,
    /// `--jobs`: worker threads (default: the machine's cores).
    pub jobs: Option<usize>,
}

/// What happened to one input file.
#[derive(Debug, Default)]
pub struct FileOutcome {
    /// The input as given.
    pub file: PathBuf,
    /// Its diagnostics, sorted; every one has a location (the file itself when nothing better).
    pub diagnostics: Vec<Diagnostic>,
    /// The files read for it (for source snippets).
    pub sources: Vec<SourceFile>,
    /// The outputs written (empty when it failed, and until the end with `all_or_nothing`).
    pub written: Vec<PathBuf>,
    /// Nothing was written for it: errors in its data (without `--draft`), its template, or
    /// its outputs.
    pub failed: bool,
    /// 0, or for a failed file 1 (errors in its data) or 2 (unreadable, template or write error).
    pub exit_code: u8,
}

/// The totals of a batch.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Input files.
    pub files: usize,
    /// Files whose outputs were written.
    pub written: usize,
    /// Files that failed.
    pub failed: usize,
    /// Warnings over all files.
    pub warnings: usize,
    /// 0 every file written; else the worst failed file's code (1 data, 2 file/template/write).
    pub exit_code: u8,
    /// Problems of the run itself (a bad `--catalogue`; with `all_or_nothing`, why nothing was
    /// written); errors from a bad `--catalogue` mean no file was rendered.
    pub run_diagnostics: Vec<Diagnostic>,
    /// Outputs written at the end (`all_or_nothing` only), in input order.
    pub committed: Vec<PathBuf>,
}

/// Receives a batch's progress and results on the calling thread.
pub trait BatchSink {
    /// A file finished (any order); `done` of `total` so far.
    fn progress(&mut self, done: usize, total: usize);
    /// One file's outcome, in input order.
    fn file(&mut self, outcome: FileOutcome);
}

/// What every worker reads: built once per batch.
#[derive(Debug)]
pub struct Shared {
    /// The built-in catalogue plus `--catalogue` files.
    pub catalogue: Catalogue,
    /// Cross-file diagnostics by input index (half-year vs. annual of one agency and year).
    cross: BTreeMap<usize, Vec<Diagnostic>>,
}

/// Renders `files` as a batch, handing each file's outcome to `sink` in input order.
pub fn render_batch(
    files: &[PathBuf],
    options: &BatchOptions,
    sink: &mut dyn BatchSink,
) -> Summary {
    let mut summary = Summary {
        files: files.len(),
        ..Summary::default()
    };
    let (catalogue, run) = base_catalogue(&options.render.check.catalogues);
    if run.has_errors() {
        summary.run_diagnostics = run.items;
        summary.exit_code = 2;
        return summary;
    }
    summary.run_diagnostics = run.items;
    let threads = parallel::threads(options.jobs, files.len());
    let cross = cross_file(files, &catalogue, &options.render, threads);
    let shared = Shared { catalogue, cross };
    let clashes = output_clashes(files, &options.render);

    let mut staged: Vec<(usize, OutputSet)> = Vec::new();
    let total = files.len();
    parallel::ordered(
        files,
        threads,
        |i, file| render_one(i, file, &shared, options, clashes.get(&i)),
        |event| match event {
            parallel::Event::Finished(done) => sink.progress(done, total),
            parallel::Event::Result(i, (mut outcome, set)) => {
                if let Some(set) = set {
                    staged.push((i, set));
                }
                summary.warnings += outcome.diagnostics.iter().filter(|d| !d.is_error()).count();
                if outcome.failed {
                    summary.failed += 1;
                    summary.exit_code = summary.exit_code.max(outcome.exit_code);
                } else if !options.all_or_nothing {
                    summary.written += 1;
                }
                outcome.file.clone_from(&files[i]);
                sink.file(outcome);
            }
        },
    );
    if options.all_or_nothing {
        if summary.failed == 0 {
            for (_, set) in staged {
                match set.commit() {
                    Ok(paths) => {
                        summary.written += 1;
                        summary.committed.extend(paths);
                    }
                    Err(d) => {
                        summary.failed += 1;
                        summary.exit_code = 2;
                        summary.run_diagnostics.push(d);
                    }
                }
            }
        } else {
            summary.run_diagnostics.push(
                Diagnostic::error(
                    "E-RENDER-STOPPED",
                    "有文件出错，按 --all-or-nothing 一个也没有生成",
                )
                .hint("改正上面的错误后重试；去掉 --all-or-nothing 则跳过出错的文件、其余照常生成"),
            );
        }
    }
    summary
}

/// The built-in catalogue with the `--catalogue` files merged in.
fn base_catalogue(paths: &[PathBuf]) -> (Catalogue, Diagnostics) {
    let (mut catalogue, mut ds) = Catalogue::builtin();
    for p in paths {
        let (_, more) = catalogue.merge_file(p);
        ds.extend(more.items);
    }
    ds.extend(catalogue.verify().items);
    (catalogue, ds)
}

/// Later inputs whose outputs would overwrite an earlier input's (same file name in another
/// folder): index → the earlier input.
fn output_clashes(files: &[PathBuf], options: &RenderOptions) -> BTreeMap<usize, PathBuf> {
    let mut first: BTreeMap<PathBuf, &PathBuf> = BTreeMap::new();
    let mut clashes = BTreeMap::new();
    for (i, f) in files.iter().enumerate() {
        let target = pipeline::output_path(
            &options.out_dir,
            &f.to_string_lossy(),
            pipeline::Format::Markdown,
        );
        match first.get(&target) {
            Some(earlier) => {
                clashes.insert(i, (*earlier).clone());
            }
            None => {
                first.insert(target, f);
            }
        }
    }
    clashes
}

/// The catalogue for one file: the base one, plus the file's own `meta.catalogue`.
fn catalogue_for<'a>(
    loaded: &LoadedFile,
    shared: &'a Catalogue,
    ds: &mut Diagnostics,
    sources: &mut Vec<SourceFile>,
) -> std::borrow::Cow<'a, Catalogue> {
    let Some(path) = &loaded.catalogue else {
        return std::borrow::Cow::Borrowed(shared);
    };
    let mut own = shared.clone();
    let (src, more) = own.merge_file(path);
    sources.extend(src);
    ds.extend(more.items);
    ds.extend(own.verify().items);
    std::borrow::Cow::Owned(own)
}

/// Loads and validates one file on its own (cross-file rules are added separately).
fn check_one(
    file: &Path,
    catalogue: &Catalogue,
    options: &RenderOptions,
) -> (
    Option<Report>,
    Vec<SourceFile>,
    Diagnostics,
    Option<Catalogue>,
) {
    let (mut sources, loaded, mut ds) = load::load_path(file);
    let Some(loaded) = loaded else {
        return (None, sources, ds, None);
    };
    let own = catalogue_for(&loaded, catalogue, &mut ds, &mut sources);
    let reports = validate::check_loaded(vec![loaded], &own, &options.check, &mut ds);
    let own = match own {
        std::borrow::Cow::Owned(c) => Some(c),
        std::borrow::Cow::Borrowed(_) => None,
    };
    (reports.into_iter().next(), sources, ds, own)
}

/// One file, start to end. Returns its outcome and, with `all_or_nothing`, its staged outputs.
fn render_one(
    index: usize,
    file: &Path,
    shared: &Shared,
    options: &BatchOptions,
    clash: Option<&PathBuf>,
) -> (FileOutcome, Option<OutputSet>) {
    let shown = file.display().to_string();
    let (report, mut sources, mut ds, own) = check_one(file, &shared.catalogue, &options.render);
    if let Some(cross) = shared.cross.get(&index) {
        ds.extend(cross.iter().cloned());
    }
    // Sorted by place; a closing diagnostic without a place (why the file stopped) stays last.
    let finish = |mut ds: Diagnostics, sources: Vec<SourceFile>, failed_code: Option<u8>| {
        let last = ds
            .items
            .last()
            .filter(|d| d.location.is_none() && failed_code.is_some())
            .is_some();
        let closing = if last { ds.items.pop() } else { None };
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
            failed: failed_code.is_some(),
            exit_code: failed_code.unwrap_or(0),
        }
    };
    let data_errors = ds.has_errors();
    let Some(report) = report.filter(|_| !data_errors || options.render.draft) else {
        let code = if ds
            .items
            .iter()
            .any(|d| d.is_error() && d.code.starts_with("E-FILE-"))
        {
            2
        } else {
            1
        };
        ds.push(
            Diagnostic::error("E-RENDER-STOPPED", "指标文件有错误，未生成文稿")
                .hint("请先改正上面的错误；如需先看草稿，可加 --draft"),
        );
        return (finish(ds, sources, Some(code)), None);
    };
    if let Some(earlier) = clash {
        ds.push(
            Diagnostic::error(
                "E-OUTPUT-CLASH",
                format!("与“{}”输出到同名文件", earlier.display()),
            )
            .hint("请给指标文件改用不同的文件名，或分开生成"),
        );
        return (finish(ds, sources, Some(2)), None);
    }
    let catalogue = own.as_ref().unwrap_or(&shared.catalogue);
    let doc = match pipeline::document_for(&report, catalogue, options.render.templates.as_deref())
    {
        Ok((doc, warnings)) => {
            ds.extend(warnings);
            doc
        }
        Err(d) => {
            pipeline::add_template_source(&mut sources, &d);
            ds.push(d);
            return (finish(ds, sources, Some(2)), None);
        }
    };
    let mut formats = options.render.formats.clone();
    formats.sort();
    formats.dedup();
    // Made when the first file gets that far: a batch that fails everywhere creates nothing.
    if let Err(e) = std::fs::create_dir_all(&options.render.out_dir) {
        ds.push(
            Diagnostic::error(
                "E-WRITE",
                format!(
                    "无法创建输出目录“{}”（{e}）",
                    options.render.out_dir.display()
                ),
            )
            .hint("请检查路径和写权限，或用 -o 指定其他目录"),
        );
        return (finish(ds, sources, Some(2)), None);
    }
    let mut set = OutputSet::new();
    for format in formats {
        let target = pipeline::output_path(&options.render.out_dir, &report.file, format);
        let staged = pipeline::output(&doc, format).and_then(|bytes| set.stage(&target, &bytes));
        if let Err(d) = staged {
            ds.push(d);
            return (finish(ds, sources, Some(2)), None);
        }
    }
    drop(doc);
    if options.all_or_nothing {
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
            (finish(ds, sources, Some(2)), None)
        }
    }
}

/// The part of an indicator file the cross-file grouping needs; everything else is skipped
/// unread (no figures, no spans), so this costs a fraction of loading the file.
#[derive(serde::Deserialize)]
struct MetaOnly {
    meta: Option<MetaFields>,
}

#[derive(serde::Deserialize)]
struct MetaFields {
    agency: Option<crate::yaml::Text>,
    period: Option<crate::yaml::Text>,
    report: Option<crate::yaml::Text>,
}

/// Agency and period of a work summary, for the cross-file rules (`None` for a disclosure
/// report or when its meta does not read; the full load reports why).
fn cross_key(file: &Path) -> Option<(String, Period)> {
    let (src, _) = crate::source::read(file).ok()?;
    let meta = crate::yaml::parse::<MetaOnly>(&src).ok()?.meta?;
    let report = meta.report.map(|r| r.0.trim().to_string());
    if report.as_deref() == Some("disclosure") {
        return None;
    }
    let agency = meta.agency?.0.trim().to_string();
    let period = load::parse_period(&meta.period?.0)?;
    Some((agency, period))
}

/// The cross-file diagnostics of the batch, by input index. Only files that share an agency and
/// a year with an annual report and a half-year report take part; they are checked together.
fn cross_file(
    files: &[PathBuf],
    catalogue: &Catalogue,
    options: &RenderOptions,
    threads: usize,
) -> BTreeMap<usize, Vec<Diagnostic>> {
    let mut keys: Vec<Option<(String, Period)>> = Vec::with_capacity(files.len());
    parallel::ordered(
        files,
        threads,
        |_, f| cross_key(f),
        |event| {
            if let parallel::Event::Result(_, k) = event {
                keys.push(k);
            }
        },
    );
    let mut groups: BTreeMap<(&str, i32), Vec<usize>> = BTreeMap::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some((agency, period)) = k {
            groups.entry((agency, period.year())).or_default().push(i);
        }
    }
    let mut out: BTreeMap<usize, Vec<Diagnostic>> = BTreeMap::new();
    for members in groups.values() {
        let periods: BTreeSet<bool> = members
            .iter()
            .filter_map(|&i| keys[i].as_ref().map(|(_, p)| p.is_half_year()))
            .collect();
        if periods.len() < 2 {
            continue; // no annual/half-year pair: no cross-file rule applies
        }
        let reports: Vec<Report> = members
            .iter()
            .filter_map(|&i| check_one(&files[i], catalogue, options).0)
            .collect();
        let mut ds = Diagnostics::default();
        validate::cross_file_check(&reports, catalogue, &mut ds);
        for d in ds.items {
            let file = d.location.as_ref().map(|l| l.file.clone());
            let owner = members
                .iter()
                .find(|&&i| Some(files[i].display().to_string()) == file);
            if let Some(&i) = owner {
                out.entry(i).or_default().push(d);
            }
        }
    }
    out
}
