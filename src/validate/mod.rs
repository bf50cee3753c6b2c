//! Stage 2: catalogue rules, relations, cross-file and disclosure checks → diagnostics;
//! relations also compute the figures the user left out.

mod cross_file;
mod ranges;
mod relations;

use crate::catalogue::Catalogue;
use crate::diagnostic::Diagnostics;
use crate::load::{self, LoadedFile};
use crate::model::Report;
use crate::source::SourceFile;
use std::path::PathBuf;

pub use relations::{Computation, compute};

/// How `check` (and `render`, which checks first) treats the input.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// `--final`: pending figures (XX) are errors, not warnings.
    pub final_: bool,
    /// `--catalogue`: user catalogues added to the built-in one, in order.
    pub catalogues: Vec<PathBuf>,
}

/// The outcome of loading and validating a set of files.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// The reports that loaded, completed with computed figures, in the order given.
    pub reports: Vec<Report>,
    /// Every file read, for source snippets in diagnostics.
    pub sources: Vec<SourceFile>,
    pub diagnostics: Diagnostics,
    pub catalogue: Catalogue,
}

/// Loads and validates `paths` together (cross-file rules included). Never panics on user input.
pub fn check_files(paths: &[PathBuf], options: &CheckOptions) -> Checked {
    let mut checked = Checked::default();
    let (mut catalogue, ds) = Catalogue::builtin();
    checked.diagnostics.extend(ds.items);
    let mut merged: Vec<PathBuf> = Vec::new();
    for p in &options.catalogues {
        merge_catalogue(&mut catalogue, p, &mut merged, &mut checked);
    }
    let mut loaded = Vec::new();
    for p in paths {
        let (sources, l, ds) = load::load_path(p);
        checked.sources.extend(sources);
        checked.diagnostics.extend(ds.items);
        loaded.extend(l);
    }
    for l in &loaded {
        if let Some(c) = &l.catalogue {
            merge_catalogue(&mut catalogue, c, &mut merged, &mut checked);
        }
    }
    checked.diagnostics.extend(catalogue.verify().items);
    let reports = check_loaded(loaded, &catalogue, options, &mut checked.diagnostics);
    checked.reports = reports;
    checked.catalogue = catalogue;
    checked.diagnostics.sort();
    checked
}

fn merge_catalogue(
    catalogue: &mut Catalogue,
    path: &PathBuf,
    merged: &mut Vec<PathBuf>,
    checked: &mut Checked,
) {
    if merged.contains(path) {
        return;
    }
    merged.push(path.clone());
    let (src, ds) = catalogue.merge_file(path);
    checked.sources.extend(src);
    checked.diagnostics.extend(ds.items);
}

/// The rules across files (half-year against annual of one agency and year) over `reports`.
pub fn cross_file_check(reports: &[Report], catalogue: &Catalogue, ds: &mut Diagnostics) {
    cross_file::check(reports, catalogue, ds);
}

/// Validates loaded files against a catalogue: per-file rules, relations, then cross-file rules.
/// Returns the completed reports (files whose meta loaded).
pub fn check_loaded(
    loaded: Vec<LoadedFile>,
    catalogue: &Catalogue,
    options: &CheckOptions,
    ds: &mut Diagnostics,
) -> Vec<Report> {
    let mut reports = Vec::new();
    for mut l in loaded {
        // Written figures; relations add the computed ones.
        let mut figures = std::mem::take(&mut l.figures);
        let suggestions = relations::apply(&mut figures, &l.previous, catalogue, ds);
        ranges::check(&l, &figures, catalogue, options, &suggestions, ds);
        relations::plausibility(&figures, &l.previous, catalogue, ds);

        // ── Disclosure checks (tables, 勾稽关系, narrative figures) ─────────────────────
        let disclosure = l.meta.as_ref().and_then(|meta| {
            let (data, diags) = crate::disclosure::check_file(
                l.disclosure.as_ref(),
                meta,
                &l.file,
                options.final_,
            )?;
            ds.extend(diags);
            Some(data)
        });
        // ───────────────────────────────────────────────────────────────────────────────

        if let Some(meta) = l.meta {
            reports.push(Report {
                file: l.file,
                meta,
                figures,
                previous: l.previous,
                disclosure,
            });
        }
    }
    cross_file::check(&reports, catalogue, ds);
    reports
}
