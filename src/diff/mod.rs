//! `wengao diff OLD NEW`: runs both indicator files through check → compose → document and reports
//! what changed, in figures ([`figures`]) and in the rendered sentences ([`sentences`]).
//!
//! Both files go through the same stages as `render` ([`crate::validate::check_files`],
//! [`crate::pipeline::document_for`]), each checked on its own (no cross-file rules between the
//! two versions). Printing is in [`print`].

pub mod consequences;
pub mod figures;
pub mod print;
pub mod sentences;
pub(crate) mod words;

use crate::catalogue::Catalogue;
use crate::diagnostic::{Diagnostic, EXIT_DATA, EXIT_INPUT, exit_code};
use crate::document::Document;
use crate::model::Report;
use crate::pipeline::{add_template_source, document_for};
use crate::source::SourceFile;
use crate::validate::{CheckOptions, check_files};
use std::path::{Path, PathBuf};

pub use figures::FigureChange;
pub use sentences::SentenceChange;
pub use words::Span;

/// What `diff` does.
#[derive(Debug, Clone, Default)]
pub struct DiffOptions {
    /// `--templates DIR`, used for both files.
    pub templates: Option<PathBuf>,
    /// `--catalogue`; `final_` is never set (a pending figure is a change to show, not an error).
    pub check: CheckOptions,
}

/// Everything that changed between two versions, in a stable order: figures by key (current
/// period first, then previous period), sentences in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Figure changes: current period by key, then previous period by key.
    pub figures: Vec<FigureChange>,
    /// Sentence changes in document order.
    pub sentences: Vec<SentenceChange>,
    /// Warnings new with the new version, gone with it, or shared by both.
    pub warnings: consequences::Consequences,
    /// Set when the two files are not reports of the same kind and agency.
    pub mismatch: Option<consequences::Mismatch>,
}

/// Why two files could not be compared: the diagnostics of the file(s) that failed, the files
/// read (for snippets), and the exit code (1 errors in the data, 2 file or template errors).
#[derive(Debug, Default)]
pub struct Failure {
    /// Errors only (warnings are `check`'s business).
    pub diagnostics: Vec<Diagnostic>,
    /// The files read, for snippets.
    pub sources: Vec<SourceFile>,
    /// 1 for errors in the data, 2 for file or template errors.
    pub exit_code: u8,
}

/// One side of the comparison after the pipeline's stages.
pub(crate) struct Side {
    /// The checked report.
    pub(crate) report: Report,
    /// Its document (compose → document).
    pub(crate) document: Document,
    /// The catalogue it was checked against (names and units for the figure changes).
    pub(crate) catalogue: Catalogue,
    /// The warnings of checking and composing it.
    pub(crate) warnings: Vec<Diagnostic>,
}

/// Checks and composes both files, then compares them.
///
/// Each file is checked on its own, without `--final`; a file with errors fails the diff with
/// those errors only (exit 1, or 2 for unreadable files and template errors), and both files
/// are always checked so that every error is reported in one run.
pub fn diff_files(old: &Path, new: &Path, options: &DiffOptions) -> Result<Changes, Failure> {
    let mut failure = Failure::default();
    let old_side = prepare(old, options, &mut failure);
    let new_side = prepare(new, options, &mut failure);
    match (old_side, new_side) {
        (Some(o), Some(n)) if failure.exit_code == 0 => Ok(compare(&o, &n)),
        _ => {
            failure.exit_code = failure.exit_code.max(EXIT_DATA);
            Err(failure)
        }
    }
}

/// Checks one file and builds its document; on errors, records them in `failure`. `update` and
/// `redline` prepare their indicator files the same way.
pub(crate) fn prepare(path: &Path, options: &DiffOptions, failure: &mut Failure) -> Option<Side> {
    let check = CheckOptions {
        final_: false,
        ..options.check.clone()
    };
    let checked = check_files(&[path.to_path_buf()], &check);
    let items = &checked.diagnostics.items;
    if items.iter().any(Diagnostic::is_error) {
        failure.exit_code = failure.exit_code.max(exit_code(items)).max(EXIT_DATA);
        // Only the errors: the warnings are `check`'s business and would bury them.
        failure
            .diagnostics
            .extend(items.iter().filter(|d| d.is_error()).cloned());
        failure.sources.extend(checked.sources);
        return None;
    }
    let Some(report) = checked.reports.into_iter().next() else {
        // A file without errors always yields its report; stay safe anyway.
        failure.exit_code = failure.exit_code.max(EXIT_INPUT);
        return None;
    };
    match document_for(&report, &checked.catalogue, options.templates.as_deref()) {
        Ok((document, composing)) => Some(Side {
            report,
            document,
            catalogue: checked.catalogue,
            warnings: items
                .iter()
                .filter(|d| !d.is_error())
                .cloned()
                .chain(composing)
                .collect(),
        }),
        Err(d) => {
            let mut sources = checked.sources;
            add_template_source(&mut sources, &d);
            failure.diagnostics.push(d);
            failure.sources.extend(sources);
            failure.exit_code = EXIT_INPUT;
            None
        }
    }
}

/// The figure and sentence changes between two prepared sides.
fn compare(old: &Side, new: &Side) -> Changes {
    Changes {
        figures: figures::compare((&old.report, &old.catalogue), (&new.report, &new.catalogue)),
        sentences: sentences::compare(&old.document, &new.document),
        warnings: consequences::compare(&old.warnings, &new.warnings),
        mismatch: consequences::mismatch(&old.report, &new.report),
    }
}
