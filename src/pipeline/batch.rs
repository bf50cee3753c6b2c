//! `render` of a batch of files: every file is independent (a file with errors is reported and
//! skipped, the others are written), files go through [`render_file`] in parallel, each file's
//! outputs are written as a set as soon as it is done, and outcomes come back in input order so
//! what is printed never depends on scheduling.
//!
//! What every file shares ([`Shared`]: the catalogue; the parsed templates) is built once and
//! read by every worker. Memory does not grow with the number of files: a file's outputs are on
//! disk before its outcome is handed on, workers run at most [`crate::parallel::AHEAD`] files
//! ahead of the oldest unfinished one, and across the batch only each file's agency and period
//! are kept (for the cross-file rules).
//!
//! With [`BatchOptions::all_or_nothing`] the old behaviour holds: every file's outputs are staged
//! as temp files and nothing replaces anything unless every file rendered.

use super::{FileContext, FileOutcome, RenderOptions, Shared, render_file};
use crate::diagnostic::{Diagnostic, Diagnostics, EXIT_INPUT};
use crate::load;
use crate::model::Period;
use crate::parallel;
use crate::render::Format;
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

/// The totals of a batch.
#[derive(Debug, Default, Clone)]
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
    /// Problems of the run itself: the shared catalogues (errors there mean no file was
    /// rendered); with `all_or_nothing`, why nothing was written.
    pub run_diagnostics: Vec<Diagnostic>,
    /// The shared catalogue files read (for source snippets of `run_diagnostics`).
    pub run_sources: Vec<SourceFile>,
    /// Outputs written at the end (`all_or_nothing` only), in input order.
    pub committed: Vec<PathBuf>,
}

/// Receives a batch's progress and outcomes on the calling thread.
pub trait BatchSink {
    /// A file finished (in any order); `done` of `total` so far.
    fn progress(&mut self, done: usize, total: usize);
    /// One file's outcome, in input order.
    fn file(&mut self, outcome: FileOutcome);
}

/// Renders `files` as a batch, handing each file's outcome to `sink` in input order.
pub fn render_batch(
    files: &[PathBuf],
    options: &BatchOptions,
    sink: &mut dyn BatchSink,
) -> Summary {
    let (shared, sources, run) = Shared::load(
        &options.render.check.catalogues,
        options.render.templates.as_deref(),
        files.len(),
    );
    let mut summary = Summary {
        files: files.len(),
        run_sources: sources,
        ..Summary::default()
    };
    if run.has_errors() {
        summary.run_diagnostics = run.items;
        summary.exit_code = EXIT_INPUT;
        return summary;
    }
    summary.run_diagnostics = run.items;
    run_files(files, &shared, options, sink, summary)
}

/// The batch proper, against what the run shares (`shared`: the catalogue and the template
/// set, each template set parsed once by whichever worker needs it first).
fn run_files(
    files: &[PathBuf],
    shared: &Shared,
    options: &BatchOptions,
    sink: &mut dyn BatchSink,
    mut summary: Summary,
) -> Summary {
    let threads = parallel::threads(options.jobs, files.len());
    let cross = cross_file(files, shared, &options.render, threads);
    let clashes = output_clashes(files, &options.render);

    let mut staged: Vec<OutputSet> = Vec::new();
    let total = files.len();
    let work = |i: usize, file: &PathBuf| {
        let context = FileContext {
            cross_file: cross.get(&i).map_or(&[], Vec::as_slice),
            clashes_with: clashes.get(&i).map(PathBuf::as_path),
            stage_only: options.all_or_nothing,
        };
        render_file(file, shared, &options.render, context)
    };
    parallel::ordered(files, threads, work, |event| match event {
        parallel::Event::Finished(done) => sink.progress(done, total),
        parallel::Event::Result((outcome, set)) => {
            staged.extend(set);
            summary.warnings += outcome.diagnostics.iter().filter(|d| !d.is_error()).count();
            if outcome.failed {
                summary.failed += 1;
                summary.exit_code = summary.exit_code.max(outcome.exit_code);
            } else if !options.all_or_nothing {
                summary.written += 1;
            }
            sink.file(outcome);
        }
    });
    if options.all_or_nothing {
        commit_all(staged, &mut summary);
    }
    summary
}

/// `--all-or-nothing`: replace every staged set when no file failed, else none (dropping the
/// sets removes their temp files).
fn commit_all(staged: Vec<OutputSet>, summary: &mut Summary) {
    if summary.failed > 0 {
        summary.run_diagnostics.push(
            Diagnostic::error(
                "E-RENDER-STOPPED",
                "有文件出错，按 --all-or-nothing 一个也没有生成",
            )
            .hint("改正上面的错误后重试；去掉 --all-or-nothing 则跳过出错的文件、其余照常生成"),
        );
        return;
    }
    for set in staged {
        match set.commit() {
            Ok(paths) => {
                summary.written += 1;
                summary.committed.extend(paths);
            }
            Err(d) => {
                summary.failed += 1;
                summary.exit_code = EXIT_INPUT;
                summary.run_diagnostics.push(d);
            }
        }
    }
}

/// Later inputs whose outputs would overwrite an earlier input's (same file name in another
/// folder): index → the earlier input.
fn output_clashes(files: &[PathBuf], options: &RenderOptions) -> BTreeMap<usize, PathBuf> {
    let mut first: BTreeMap<PathBuf, &PathBuf> = BTreeMap::new();
    let mut clashes = BTreeMap::new();
    for (i, f) in files.iter().enumerate() {
        let target = super::output_path(&options.out_dir, &f.to_string_lossy(), Format::Markdown);
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
/// report, or when its meta does not read: the full load reports why).
fn cross_key(file: &Path) -> Option<(String, Period)> {
    let (src, _) = crate::source::read(file).ok()?;
    let meta = crate::yaml::parse::<MetaOnly>(&src).ok()?.meta?;
    if meta.report.is_some_and(|r| r.0.trim() == "disclosure") {
        return None;
    }
    let agency = meta.agency?.0.trim().to_string();
    let period = load::parse_period(&meta.period?.0)?;
    Some((agency, period))
}

/// The cross-file diagnostics of the batch, by input index. Only files that share an agency and
/// a year with a report of the other length (annual and half-year) take part; each such group
/// is loaded and checked together.
fn cross_file(
    files: &[PathBuf],
    shared: &Shared,
    options: &RenderOptions,
    threads: usize,
) -> BTreeMap<usize, Vec<Diagnostic>> {
    if files.len() < 2 {
        return BTreeMap::new(); // the rules compare two reports
    }
    let mut keys: Vec<Option<(String, Period)>> = Vec::with_capacity(files.len());
    parallel::ordered(
        files,
        threads,
        |_, f| cross_key(f),
        |event| {
            if let parallel::Event::Result(k) = event {
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
        let lengths: BTreeSet<bool> = members
            .iter()
            .filter_map(|&i| keys[i].as_ref().map(|(_, p)| p.is_half_year()))
            .collect();
        if lengths.len() < 2 {
            continue; // no annual/half-year pair: no cross-file rule applies
        }
        let paths: Vec<PathBuf> = members.iter().map(|&i| files[i].clone()).collect();
        let loaded = load::load_files_onto(&shared.catalogue, &shared.catalogue_files, &paths);
        let checked = validate::validate(loaded, &options.check);
        let mut ds = Diagnostics::default();
        validate::cross_file_check(&checked.reports, &checked.catalogue, &mut ds);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts outcomes.
    struct Count(usize);
    impl BatchSink for Count {
        fn progress(&mut self, _: usize, _: usize) {}
        fn file(&mut self, outcome: FileOutcome) {
            assert!(!outcome.failed, "{:?}", outcome.diagnostics);
            self.0 += 1;
        }
    }

    #[test]
    fn a_batch_parses_each_template_set_once_across_files_and_threads() {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let dir = tempfile::tempdir().expect("temp dir");
        let template = "sanmen-2020.md.tera";
        std::fs::copy(data.join(template), dir.path().join(template)).expect("copies");
        let yaml = std::fs::read_to_string(data.join("sanmen-2020.yaml")).expect("reads");
        // Six reports with different figures (each a section fewer), one template set.
        let mut files = Vec::new();
        for (i, drop) in ["", "yidi_", "jicai_", "jiuzhu_", "changhu_", "dingdian_"]
            .iter()
            .enumerate()
        {
            let text: String = yaml
                .lines()
                .filter(|l| drop.is_empty() || !l.trim_start().starts_with(drop))
                .map(|l| format!("{l}\n"))
                .collect();
            let path = dir.path().join(format!("r{i}.yaml"));
            std::fs::write(&path, text).expect("writes");
            files.push(path);
        }
        let options = BatchOptions {
            render: RenderOptions {
                formats: vec![Format::Markdown, Format::Html],
                out_dir: dir.path().join("out"),
                ..RenderOptions::default()
            },
            all_or_nothing: false,
            jobs: Some(2),
        };
        let (shared, _, run) = Shared::load(&[], None, files.len());
        assert!(!run.has_errors());
        let mut sink = Count(0);
        let summary = run_files(&files, &shared, &options, &mut sink, Summary::default());
        assert_eq!((sink.0, summary.written, summary.failed), (6, 6, 0));
        assert_eq!(shared.templates.parsed_sets(), 1);
        // Another main template is another set, parsed once too.
        let summary_2020 = dir.path().join("yunxi.yaml");
        std::fs::copy(data.join("yunxi-2020-summary.yaml"), &summary_2020).expect("copies");
        files.push(summary_2020);
        run_files(&files, &shared, &options, &mut Count(0), Summary::default());
        assert_eq!(shared.templates.parsed_sets(), 2);
    }
}
