//! Stage 2: catalogue rules, relations, cross-file and disclosure checks → diagnostics;
//! relations also compute the figures the user left out.

use crate::catalogue::Catalogue;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Report;
use crate::source::SourceFile;
use std::path::PathBuf;

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
    // Filled in by the check issue (#2).
    let _ = (paths, options);
    let mut checked = Checked::default();
    checked
        .diagnostics
        .push(Diagnostic::error("E-UNIMPLEMENTED", "检查功能尚在开发"));
    checked
}
