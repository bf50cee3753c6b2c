//! `wengao update` (new figures into an edited DOCX, as tracked changes) and `wengao redline`
//! (a DOCX and HTML redline between two versions of an indicator file): options in, report out.

use super::args::{Format, RedlineArgs, UpdateArgs};
use super::stderr_colour;
use crate::diagnostic::{Diagnostic, EXIT_INPUT};
use crate::report_diagnostics;
use crate::source::SourceFile;
use std::io::Write;
use std::process::ExitCode;

/// `wengao update EDITED.docx NEW.yaml -o OUT.docx`: the report on stdout; exit 0 (every change
/// applied) or 1 (conflicts, missing figures, figures without a place); on bad input the errors
/// on stderr, nothing written, exit 2.
pub(crate) fn update(args: &UpdateArgs) -> ExitCode {
    use crate::update::{self, UpdateOptions};
    let options = UpdateOptions {
        output: args.output.clone(),
        author: args.author.clone(),
        date: args.date.clone(),
        force: args.force,
        templates: args.templates.clone(),
        catalogues: args.catalogue.clone(),
    };
    match update::update_file(&args.edited, &args.new, &options) {
        Ok(report) => {
            let text = match args.format {
                Format::Human => update::report::human(&report),
                Format::Json => update::report::json(&report) + "\n",
            };
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            ExitCode::from(update::exit_code(&report))
        }
        Err(failure) => {
            print_failure(&failure.diagnostics, &failure.sources, args.format);
            if args.format == Format::Human {
                let _ = writeln!(std::io::stderr(), "未写出任何文件");
            }
            ExitCode::from(update::EXIT_FAILURE)
        }
    }
}

/// Prints diagnostics on stderr, human or as JSON lines.
fn print_failure(diagnostics: &[Diagnostic], sources: &[SourceFile], format: Format) {
    let colour = stderr_colour();
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        let line = match format {
            Format::Human => report_diagnostics::human(d, sources, colour),
            Format::Json => report_diagnostics::json_line(d),
        };
        let _ = writeln!(err, "{line}");
    }
}

/// `wengao redline OLD.yaml NEW.yaml -o DIR`: the DOCX and HTML redlines written, a summary on
/// stdout; exit 0, or the errors on stderr and 1 (data) or 2 (file, template, output).
pub(crate) fn redline(args: &RedlineArgs) -> ExitCode {
    use crate::redline::{self, RedlineOptions};
    let date = match &args.date {
        Some(d) => match crate::update::parse_date(d) {
            Some(d) => d,
            None => {
                let d = Diagnostic::error("E-UPDATE-DATE", format!("修订日期“{d}”无法识别"))
                    .hint("请写成 2025-03-01 或 2025-03-01T09:00:00Z（UTC）");
                print_failure(&[d], &[], args.format);
                return ExitCode::from(EXIT_INPUT);
            }
        },
        None => crate::update::now(),
    };
    let options = RedlineOptions {
        out_dir: args.out.clone(),
        author: args.author.clone(),
        date,
        templates: args.templates.clone(),
        catalogues: args.catalogue.clone(),
    };
    match redline::redline_files(&args.old, &args.new, &options) {
        Ok(w) => {
            let files: Vec<String> = w.files.iter().map(|f| f.display().to_string()).collect();
            let c = &w.counts;
            let text = match args.format {
                Format::Human => format!(
                    "已写出 {}：{} 处修订（新增 {} 段、删去 {} 段、改动 {} 段，表格增删 {} 行）\n",
                    files.join("、"),
                    w.revisions,
                    c.inserted,
                    c.deleted,
                    c.changed,
                    c.rows
                ),
                Format::Json => {
                    serde_json::json!({
                        "files": files, "revisions": w.revisions, "inserted": c.inserted,
                        "deleted": c.deleted, "changed": c.changed, "rows": c.rows,
                    })
                    .to_string()
                        + "\n"
                }
            };
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Err(failure) => {
            print_failure(&failure.diagnostics, &failure.sources, args.format);
            if args.format == Format::Human {
                let _ = writeln!(std::io::stderr(), "未写出任何文件");
            }
            ExitCode::from(failure.exit_code)
        }
    }
}
