//! Stage 2: catalogue rules, relations, cross-file and disclosure checks → diagnostics;
//! relations also compute the figures the user left out.
//!
//! Input: what [`crate::load::load_files`] read ([`Loaded`]: files as written, the merged
//! catalogue, sources). Output: [`Checked`], whose [`Report`]s are built here, one per file
//! whose `meta` loaded: the written figures completed by the relations (computed figures carry
//! [`crate::model::Origin::Computed`]), the previous-period figures, and the checked disclosure
//! tables. Order of work per file: relations compute and check (`relations`), per-figure rules
//! (`ranges`), plausibility against the previous period, the disclosure tables
//! ([`crate::disclosure::check_file`]); then the rules across files (`cross_file`).
//!
//! Validation never stops early: every problem of every file is reported, sorted by place.

mod compute;
mod cross_file;
mod ranges;
mod relations;

use crate::catalogue::{Catalogue, Index};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{self, Loaded, LoadedFile};
use crate::model::Report;
use crate::source::SourceFile;
use std::path::PathBuf;

pub use compute::{Computation, Why, compute};

/// Catalogues with more figures than this are verified on a thread of their own.
const PARALLEL_FIGURES: usize = 2_000;

/// How `check` (and `render`, which checks first) treats the input.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// `--final`: pending figures (XX) are errors, not warnings.
    pub final_: bool,
    /// `--compute-totals`: disclosure totals left out are computed from their parts (otherwise
    /// they print blank, as written).
    pub compute_totals: bool,
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
    /// Every problem of loading and validation, sorted by file, line, column, code.
    pub diagnostics: Diagnostics,
    /// The merged catalogue the reports were checked against (compose reads units and names
    /// from it).
    pub catalogue: Catalogue,
}

/// Loads and validates `paths` together (cross-file rules included): [`crate::load::load_files`]
/// then [`validate`]. Never panics on user input.
pub fn check_files(paths: &[PathBuf], options: &CheckOptions) -> Checked {
    validate(load::load_files(paths, &options.catalogues), options)
}

/// Stage 2: verifies the merged catalogue, then checks every loaded file (per-file rules,
/// relations, disclosure tables) and the files together (cross-file rules). Diagnostics of both
/// stages come back sorted by place.
pub fn validate(loaded: Loaded, options: &CheckOptions) -> Checked {
    let mut diagnostics = loaded.diagnostics;
    let reports = {
        let index = Index::new(&loaded.catalogue);
        // The catalogue's own checks and the files' checks read the same index: side by side
        // when the catalogue is large enough for a thread to pay.
        let (verified, (reports, checked)) = std::thread::scope(|s| {
            let verify = (index.len() > PARALLEL_FIGURES)
                .then(|| s.spawn(|| crate::catalogue::verify(&index)));
            let mut ds = Diagnostics::default();
            let reports = check_indexed(loaded.files, &index, options, &mut ds);
            let verified = match verify.map(|h| h.join()) {
                Some(Ok(v)) => v,
                _ => crate::catalogue::verify(&index),
            };
            (verified, (reports, ds))
        });
        diagnostics.extend(verified.items);
        diagnostics.extend(checked.items);
        reports
    };
    diagnostics.sort();
    Checked {
        reports,
        sources: loaded.sources,
        diagnostics,
        catalogue: loaded.catalogue,
    }
}

/// The rules across files (half-year against annual of one agency and year) over `reports`.
pub fn cross_file_check(reports: &[Report], catalogue: &Catalogue, ds: &mut Diagnostics) {
    cross_file::check(reports, catalogue, ds);
}

/// Validates loaded files against a catalogue: per-file rules, relations, then cross-file rules.
/// Returns the completed reports (files whose meta loaded), in the order given; problems go to
/// `ds`, unsorted.
///
/// A file whose meta did not load is still checked figure by figure (unknown keys, ranges,
/// relations), so one run reports every problem; it only yields no report.
pub fn check_loaded(
    loaded: Vec<LoadedFile>,
    catalogue: &Catalogue,
    options: &CheckOptions,
    ds: &mut Diagnostics,
) -> Vec<Report> {
    check_indexed(loaded, &Index::new(catalogue), options, ds)
}

/// [`check_loaded`] with the catalogue indexed once for the run.
fn check_indexed(
    loaded: Vec<LoadedFile>,
    ix: &Index<'_>,
    options: &CheckOptions,
    ds: &mut Diagnostics,
) -> Vec<Report> {
    let mut reports = Vec::new();
    for mut l in loaded {
        // Written figures; relations add the computed ones.
        let mut figures = std::mem::take(&mut l.figures);
        let suggestions = relations::apply(&mut figures, &l.previous, ix, ds);
        ranges::check(&l, &figures, ix, options, &suggestions, ds);
        relations::plausibility(&figures, &l.previous, ix, ds);

        // ── Disclosure checks (tables, 勾稽关系, narrative figures) ─────────────────────
        let disclosure = l.meta.as_ref().and_then(|meta| {
            let (data, diags) = crate::disclosure::check_file(
                l.disclosure.as_ref(),
                meta,
                &l.file,
                (l.disclosure_location.as_ref(), l.meta_location.as_ref()),
                crate::disclosure::FileOptions {
                    final_: options.final_,
                    compute_totals: options.compute_totals,
                },
            )?;
            ds.extend(diags);
            Some(data)
        });
        // ───────────────────────────────────────────────────────────────────────────────

        if let Some(at) = l.meta.as_ref().and_then(|m| m.date_pending.clone()) {
            let (code, hint) = if options.final_ {
                ("E-PENDING", "定稿前须填上成文日期，如 2026-01-08")
            } else {
                (
                    "W-PENDING",
                    "定稿前填上成文日期，如 2026-01-08；--final 检查时待填算作错误",
                )
            };
            let d = if options.final_ {
                Diagnostic::error(code, "成文日期待填（XX）")
            } else {
                Diagnostic::warning(code, "成文日期待填（XX）")
            };
            ds.push(d.at(at).path("meta.date").hint(hint));
        }
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
    cross_file::check(&reports, ix.cat, ds);
    reports
}
