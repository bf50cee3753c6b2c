//! `wengao render`: the batch ([`crate::pipeline::batch`]) with its per-file report on stderr, in input
//! order, a progress bar when stderr is a terminal and the batch takes more than a moment, and
//! the summary line.

use super::args::{RenderArgs, To};
use super::print::{self, Style};
use super::{fail, paths, stderr_colour};
use crate::pipeline::FileOutcome;
use crate::pipeline::batch::{self, BatchOptions, BatchSink};
use crate::pipeline::{Format, RenderOptions};
use crate::validate::CheckOptions;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::Write;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// A bar appears only once a batch has run this long.
const BAR_AFTER: Duration = Duration::from_millis(500);

/// Batches of at most this many files list each output written.
const LIST_WRITTEN_UP_TO: usize = 10;

/// `wengao render`: check and write each file's outputs; exit 0 when every file was written,
/// else the worst failed file's code (1 errors in the data, 2 unreadable file, template or write
/// error).
pub(crate) fn render(args: &RenderArgs) -> ExitCode {
    let formats = match args.to {
        To::Md => vec![Format::Markdown],
        To::Html => vec![Format::Html],
        To::Docx => vec![Format::Docx],
        To::All => vec![Format::Markdown, Format::Html, Format::Docx],
    };
    let (files, repeated) = match paths::expand(&args.files) {
        Ok(found) => found,
        Err(ds) => return fail(&ds),
    };
    if !args.quiet {
        let mut err = std::io::stderr().lock();
        for d in &repeated {
            let _ = writeln!(
                err,
                "{}",
                crate::report_diagnostics::human(d, &[], stderr_colour())
            );
        }
    }
    let options = BatchOptions {
        render: RenderOptions {
            formats,
            out_dir: args.out.clone(),
            templates: args.templates.clone(),
            draft: args.draft,
            check: CheckOptions {
                final_: args.final_,
                catalogues: args.catalogue.clone(),
                compute_totals: args.compute_totals,
            },
            limits: crate::compose::Limits {
                watchdog: true,
                ..crate::compose::Limits::default()
            },
        },
        all_or_nothing: args.all_or_nothing,
        jobs: args.jobs.map(usize::from),
    };
    let mut sink = Printer {
        style: Style {
            colour: stderr_colour(),
            quiet: args.quiet,
        },
        list_written: files.len() <= LIST_WRITTEN_UP_TO && !args.quiet,
        started: Instant::now(),
        bar: None,
    };
    let summary = batch::render_batch(&files, &options, &mut sink);
    if let Some(bar) = sink.bar.take() {
        bar.finish_and_clear();
    }
    let mut err = std::io::stderr().lock();
    for d in &summary.run_diagnostics {
        if d.is_error() || !args.quiet {
            let text = crate::report_diagnostics::human(d, &summary.run_sources, sink.style.colour);
            let _ = writeln!(err, "{text}");
        }
    }
    if sink.list_written {
        for p in &summary.committed {
            let _ = writeln!(err, "已生成 {}", p.display());
        }
    }
    if summary.files > 1 || summary.failed > 0 || !args.quiet {
        let _ = writeln!(
            err,
            "{}",
            print::render_summary(
                summary.files,
                summary.written,
                summary.failed,
                summary.warnings
            )
        );
    }
    ExitCode::from(summary.exit_code)
}

/// Prints each file's outcome as it arrives (in input order) and drives the progress bar.
struct Printer {
    style: Style,
    list_written: bool,
    started: Instant,
    bar: Option<ProgressBar>,
}

impl Printer {
    fn eprint(&self, text: &str) {
        let write = || {
            let _ = std::io::stderr().lock().write_all(text.as_bytes());
        };
        match &self.bar {
            Some(bar) => bar.suspend(write),
            None => write(),
        }
    }
}

impl BatchSink for Printer {
    fn progress(&mut self, done: usize, total: usize) {
        if self.bar.is_none() && done < total && self.started.elapsed() >= BAR_AFTER {
            // Hidden by indicatif when stderr is not a terminal (or TERM=dumb).
            let bar = ProgressBar::new(total as u64);
            if let Ok(style) =
                ProgressStyle::with_template("生成 [{bar:30}] {pos}/{len} 个文件 {elapsed}")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_position(done as u64);
        }
    }

    fn file(&mut self, outcome: FileOutcome) {
        let file = outcome.file.display().to_string();
        let mut text =
            print::render_file(&file, &outcome.diagnostics, &outcome.sources, self.style);
        if outcome.failed {
            text.push_str(&format!("未生成：{file}\n\n"));
        } else if self.list_written {
            for p in &outcome.written {
                text.push_str(&format!("已生成 {}\n", p.display()));
            }
        }
        if !text.is_empty() {
            self.eprint(&text);
        }
    }
}
