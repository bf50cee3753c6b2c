//! `wengao import FILE... -o DIR`: the indicator file and template of each report; the import
//! report on stderr (or JSON on stdout); exit 0 written, 2 unreadable input or output refused.

use super::args::{Format, ImportArgs, NextArgs};
use super::{fail, paths, stderr_colour};
use crate::diagnostic::{Diagnostic, EXIT_INPUT};
use crate::report_diagnostics;
use std::io::Write;
use std::process::ExitCode;

/// Runs `wengao import`.
pub(crate) fn import(args: &ImportArgs) -> ExitCode {
    use crate::import::{report, run};
    let colour = stderr_colour();
    let period = match args.period.as_deref() {
        None => None,
        Some(p) => match crate::load::parse_period(p) {
            Some(period) => Some(period),
            None => {
                let d = Diagnostic::error("E-IMPORT-PERIOD", format!("期间“{p}”写法不对"))
                    .hint("年度写 2024，上半年写 2025-H1，下半年写 2025-H2");
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "{}",
                    report_diagnostics::human(&d, &[], colour)
                );
                return ExitCode::from(EXIT_INPUT);
            }
        },
    };
    let (files, repeated) = match paths::expand(&args.files) {
        Ok(found) => found,
        Err(ds) => return fail(&ds),
    };
    let options = run::ImportOptions {
        out_dir: args.out.clone(),
        force: args.force,
        period,
    };
    let mut outcome = run::import_files(&files, &options, &crate::import::docx::read_package);
    outcome.diagnostics.items.splice(0..0, repeated);
    let mut err = std::io::stderr().lock();
    match args.format {
        Format::Json => {
            let mut out = std::io::stdout().lock();
            for d in &outcome.diagnostics.items {
                let _ = writeln!(err, "{}", report_diagnostics::json_line(d));
            }
            if outcome.exit_code == 0 {
                let files: Vec<serde_json::Value> =
                    outcome.files.iter().map(report::json).collect();
                let _ = writeln!(out, "{}", serde_json::json!({ "imported": files }));
            }
        }
        Format::Human => {
            for d in &outcome.diagnostics.items {
                let _ = writeln!(err, "{}", report_diagnostics::human(d, &[], colour));
            }
            for f in &outcome.files {
                let _ = write!(err, "{}", report::human(f));
            }
            if outcome.files.is_empty() {
                let _ = writeln!(err, "没有写入任何文件");
            }
        }
    }
    ExitCode::from(outcome.exit_code)
}

/// Runs `wengao next FILE -o NEWFILE`: the next period's indicator file; what it holds and every
/// figure still to fill (the new file's check) on stderr; exit 0 written, 2 nothing written.
pub(crate) fn next(args: &NextArgs) -> ExitCode {
    let outcome = crate::import::next::run(&args.file, &args.out, args.force);
    let colour = stderr_colour();
    let mut err = std::io::stderr().lock();
    for d in &outcome.diagnostics {
        let _ = writeln!(err, "{}", report_diagnostics::human(d, &[], colour));
    }
    match &outcome.next {
        Some(n) => {
            let _ = writeln!(
                err,
                "已写入 {}：{} → {}；{} 个指标待填（XX），成文日期待填；previous：{}（{} 个）{}",
                args.out.display(),
                n.from,
                n.period,
                n.pending,
                n.previous_note,
                n.previous,
                if n.new_format {
                    "；政府信息公开年报的表格换用 2021 年格式，请重新填写"
                } else {
                    ""
                }
            );
            for crate::import::next::Copied { from, to, .. } in &n.copies {
                let _ = writeln!(
                    err,
                    "已复制 {} → {}（它在新文件所在目录之外，wengao 不读取目录之外的文件）",
                    from.display(),
                    to.display()
                );
            }
        }
        None => {
            let _ = writeln!(err, "没有写入任何文件");
        }
    }
    ExitCode::from(outcome.exit_code)
}
