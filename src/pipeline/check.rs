//! `wengao check` through the templates: load → validate every file together, then compose each
//! report (nothing written) so that template errors, unknown figures in a template, figures the
//! template never prints and, for disclosure reports, figures the narrative quotes wrongly are
//! found by `check` as by `render`.

use super::{Composition, add_template_source, compose_and_build};
use crate::compose::{ComposeOptions, Templates};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Report;
use crate::source::SourceFile;
use crate::validate::{self, CheckOptions, Checked};
use std::path::{Path, PathBuf};

/// The figures the composed narrative of `report` quotes, compared with its disclosure tables:
/// warnings for contradictions and notes (`N-…`) for what was verified or not understood. The
/// templates it was composed from join `sources`, for the snippets of these diagnostics.
pub(super) fn narrative_diagnostics(
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
/// compose the narrative of each report with the run's templates (`--templates`, each set
/// parsed once): a template error, an unknown figure in a template and the figures the template
/// never prints are reported as `render` reports them; for a disclosure report the figures its
/// narrative quotes are compared with its tables (the narrative is read as rendered, so figures
/// from `fig()`, parent templates and expressions count). Notes on the figures verified or not
/// understood are kept only when `verbose`.
pub fn check_files(
    paths: &[PathBuf],
    options: &CheckOptions,
    templates: Option<&Path>,
    verbose: bool,
) -> Checked {
    let mut checked = validate::check_files(paths, options);
    let set = match Templates::new(templates) {
        Ok(t) if checked.reports.len() > 1 => t.whole(),
        Ok(t) => t,
        Err(d) => {
            checked.diagnostics.push(d);
            checked.diagnostics.sort();
            return checked;
        }
    };
    let compose_options = ComposeOptions {
        final_: options.final_,
        ..ComposeOptions::default()
    };
    let mut found = Vec::new();
    for report in &checked.reports {
        match compose_and_build(report, &checked.catalogue, &set, &compose_options) {
            Ok((_, mut c)) => {
                found.append(&mut c.warnings);
                found.extend(narrative_diagnostics(report, &c, &mut checked.sources));
            }
            Err(d) => {
                add_template_source(&mut checked.sources, &d, Some(&set));
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
