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
    check_files_keeping_templates(paths, options, templates, verbose).0
}

/// [`check_files`], also handing back the run's templates with the sets it parsed (none when
/// `--templates` could not be read), for a caller that is about to exit: the command line lets
/// the process end instead of freeing the parsed templates piece by piece (~3 % of a check).
pub fn check_files_keeping_templates(
    paths: &[PathBuf],
    options: &CheckOptions,
    templates: Option<&Path>,
    verbose: bool,
) -> (Checked, Option<Templates>) {
    let mut checked = validate::check_files(paths, options);
    let set = match Templates::new(templates) {
        Ok(t) if checked.reports.len() > 1 => t.whole(),
        Ok(t) => t,
        Err(d) => {
            checked.diagnostics.push(d);
            checked.diagnostics.sort();
            return (checked, None);
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
    (checked, Some(set))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<PathBuf> {
        vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sanmen-2020.yaml")]
    }

    /// Keeping the templates changes nothing in what is found, and hands back the set the
    /// report was composed with, parsed once.
    #[test]
    fn keeping_the_templates_finds_the_same() {
        let options = CheckOptions::default();
        let plain = check_files(&sample(), &options, None, false);
        let (kept, templates) = check_files_keeping_templates(&sample(), &options, None, false);
        assert_eq!(kept.diagnostics.items, plain.diagnostics.items);
        assert!(
            kept.diagnostics
                .items
                .iter()
                .any(|d| d.code == "W-REL-MISMATCH"),
            "{:?}",
            kept.diagnostics.items
        );
        let templates = templates.expect("the shipped templates are always there");
        assert_eq!(templates.parsed_sets(), 1);
    }

    /// A `--templates` folder that cannot be read: no templates to hand back, the error said
    /// once, next to what loading and validating found.
    #[test]
    fn an_unreadable_template_folder_hands_back_nothing() {
        let missing = Path::new(env!("CARGO_MANIFEST_DIR")).join("no-such-template-folder");
        let (checked, templates) = check_files_keeping_templates(
            &sample(),
            &CheckOptions::default(),
            Some(&missing),
            false,
        );
        assert!(templates.is_none());
        let dir_errors: Vec<&Diagnostic> = checked
            .diagnostics
            .items
            .iter()
            .filter(|d| d.code == "E-TEMPLATE-DIR")
            .collect();
        assert_eq!(dir_errors.len(), 1, "{:?}", checked.diagnostics.items);
        assert!(
            checked
                .diagnostics
                .items
                .iter()
                .any(|d| d.code == "W-REL-MISMATCH")
        );
    }
}
