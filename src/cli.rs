//! The command line: arguments, dispatch to the library's stages, exit codes.
//!
//! Exit codes: 0 nothing wrong (warnings allowed), 1 errors in the data, 2 usage, file or
//! template errors ([`crate::diagnostic::exit_code`] is the one rule).
//!
//! Help texts are the `///` comments of the argument types below, in Chinese, as users read
//! them; code comments here are `//` so as not to leak into `--help`. Nothing here decides
//! anything about the data: each command builds its options, calls the library, prints.

use crate::diagnostic::{EXIT_INPUT, EXIT_OK, exit_code};
use crate::report_diagnostics;
use crate::validate::{CheckOptions, check_files};
use clap::{Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "wengao",
    version,
    about = "文稿：由指标文件生成工作总结、工作计划和政府信息公开工作年度报告"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// 检查指标文件：缺项、单位、取值范围、合计与分项、同比等
    Check(CheckArgs),
    /// 生成文稿（Markdown、HTML、DOCX）
    Render(RenderArgs),
    /// 比较两版指标文件：哪些指标、哪些文句改了
    Diff(DiffArgs),
    /// 把新数字写进改过的文稿：改动处写成 Word 修订，作者的改动原样保留
    Update(UpdateArgs),
    /// 两版指标文件之间的修订稿：新版 DOCX 带修订（接受全部即新版，拒绝全部即旧版）和 HTML
    Redline(RedlineArgs),
    /// 导入去年的报告（DOCX、网页、Markdown、文本）：生成指标文件和叙述模板
    Import(ImportArgs),
    /// 下一期的指标文件：期间加一，本期数字转为上期（同比），数字和成文日期待填，模板不变
    Next(NextArgs),
}

#[derive(Debug, clap::Args)]
pub(crate) struct NextArgs {
    /// 本期的指标文件（YAML）
    pub file: PathBuf,
    /// 下一期的指标文件（新写的 YAML）
    #[arg(short = 'o', long = "out")]
    pub out: PathBuf,
    /// 覆盖已有的文件
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub(crate) struct ImportArgs {
    /// 要导入的报告：.docx、.html、.md、.txt（UTF-8 或 GBK）
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// 输出目录：写入 名称.yaml 和 名称.md.tera
    #[arg(short = 'o', long = "out", default_value = ".")]
    pub out: PathBuf,
    /// 覆盖已有的输出文件
    #[arg(long)]
    pub force: bool,
    /// 报告期间（不写则从标题、落款推断）：2024、2025-H1
    #[arg(long)]
    pub period: Option<String>,
    /// 导入报告的格式
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// 指标文件（YAML），可以一次给多个
    #[arg(required = true)]
    pub(crate) files: Vec<PathBuf>,
    /// 定稿检查：待填（XX）的指标算作错误
    #[arg(long = "final")]
    pub(crate) final_: bool,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// 另加的指标目录（YAML），补充或覆盖内置目录
    #[arg(long)]
    pub(crate) catalogue: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    Human,
    Json,
}

#[derive(Debug, clap::Args)]
pub(crate) struct RenderArgs {
    /// 指标文件（YAML）
    #[arg(required = true)]
    pub(crate) files: Vec<PathBuf>,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = To::All)]
    pub(crate) to: To,
    /// 输出目录
    #[arg(short = 'o', long = "out", default_value = "out")]
    pub(crate) out: PathBuf,
    /// 另加的模板目录：补充或覆盖内置模板
    #[arg(long)]
    pub(crate) templates: Option<PathBuf>,
    /// 草稿：有错误也生成，并列出问题
    #[arg(long)]
    pub(crate) draft: bool,
    /// 另加的指标目录（YAML）
    #[arg(long)]
    pub(crate) catalogue: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct DiffArgs {
    /// 旧版指标文件（YAML）
    pub(crate) old: PathBuf,
    /// 新版指标文件（YAML）
    pub(crate) new: PathBuf,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// 另加的模板目录：补充或覆盖内置模板（两版共用）
    #[arg(long)]
    pub(crate) templates: Option<PathBuf>,
    /// 另加的指标目录（YAML）
    #[arg(long)]
    pub(crate) catalogue: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct UpdateArgs {
    /// 改过的文稿（wengao 生成、在 Word/WPS 中改过的 DOCX），不会被改动
    pub(crate) edited: PathBuf,
    /// 新的指标文件（YAML）
    pub(crate) new: PathBuf,
    /// 输出的 DOCX（不能是改过的文稿本身）
    #[arg(short = 'o', long = "output")]
    pub(crate) output: PathBuf,
    /// 修订的作者
    #[arg(long, default_value = "wengao")]
    pub(crate) author: String,
    /// 修订的日期（2025-03-01 或 2025-03-01T09:00:00Z），默认当前时间
    #[arg(long)]
    pub(crate) date: Option<String>,
    /// 作者手工改过的数字也替换（默认只报告冲突）
    #[arg(long)]
    pub(crate) force: bool,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// 另加的模板目录：补充或覆盖内置模板
    #[arg(long)]
    pub(crate) templates: Option<PathBuf>,
    /// 另加的指标目录（YAML）
    #[arg(long)]
    pub(crate) catalogue: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct RedlineArgs {
    /// 旧版指标文件（YAML）
    pub(crate) old: PathBuf,
    /// 新版指标文件（YAML）
    pub(crate) new: PathBuf,
    /// 输出目录：写出 <新版文件名>.redline.docx 和 .redline.html
    #[arg(short = 'o', long = "out", default_value = "out")]
    pub(crate) out: PathBuf,
    /// 修订的作者
    #[arg(long, default_value = "wengao")]
    pub(crate) author: String,
    /// 修订的日期（2025-03-01 或 2025-03-01T09:00:00Z），默认当前时间
    #[arg(long)]
    pub(crate) date: Option<String>,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// 另加的模板目录：补充或覆盖内置模板（两版共用）
    #[arg(long)]
    pub(crate) templates: Option<PathBuf>,
    /// 另加的指标目录（YAML）
    #[arg(long)]
    pub(crate) catalogue: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum To {
    Md,
    Html,
    Docx,
    All,
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_INPUT } else { EXIT_OK });
        }
    };
    match cli.command {
        Command::Check(args) => check(&args),
        Command::Render(args) => render(&args),
        Command::Diff(args) => diff(&args),
        Command::Update(args) => update(&args),
        Command::Redline(args) => redline(&args),
        Command::Import(args) => import(&args),
        Command::Next(args) => next(&args),
    }
}

/// `wengao next FILE -o NEWFILE`: the next period's indicator file; what it holds and every
/// figure still to fill (the new file's check) on stderr; exit 0 written, 2 nothing written.
pub(crate) fn next(args: &NextArgs) -> ExitCode {
    let outcome = crate::import::next::run(&args.file, &args.out, args.force);
    let stderr = std::io::stderr();
    let colour = stderr.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut err = stderr.lock();
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
        }
        None => {
            let _ = writeln!(err, "没有写入任何文件");
        }
    }
    ExitCode::from(outcome.exit_code)
}

/// `wengao import FILE... -o DIR`: the indicator file and template of each report; the import
/// report on stderr (or JSON on stdout); exit 0 written, 2 unreadable input or output refused.
pub(crate) fn import(args: &ImportArgs) -> ExitCode {
    use crate::import::{report, run};
    let stderr = std::io::stderr();
    let colour = stderr.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let period = match args
        .period
        .as_deref()
        .map(|p| (p, crate::load::parse_period(p)))
    {
        Some((_, Some(p))) => Some(p),
        Some((p, None)) => {
            let d = crate::diagnostic::Diagnostic::error(
                "E-IMPORT-PERIOD",
                format!("期间“{p}”写法不对"),
            )
            .hint("年度写 2024，上半年写 2025-H1，下半年写 2025-H2");
            let _ = writeln!(
                stderr.lock(),
                "{}",
                report_diagnostics::human(&d, &[], colour)
            );
            return ExitCode::from(2);
        }
        None => None,
    };
    let options = run::ImportOptions {
        out_dir: args.out.clone(),
        force: args.force,
        period,
    };
    let outcome = run::import_files(&args.files, &options, &crate::import::docx::read_package);
    let mut err = stderr.lock();
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

/// `wengao check`: every problem of every file, then exit 0 (clean or warnings only),
/// 1 (errors in the data) or 2 (a file could not be read at all).
pub(crate) fn check(args: &CheckArgs) -> ExitCode {
    let options = CheckOptions {
        final_: args.final_,
        catalogues: args.catalogue.clone(),
    };
    let checked = check_files(&args.files, &options);
    let items = &checked.diagnostics.items;
    match args.format {
        Format::Json => {
            let mut out = std::io::stdout().lock();
            for d in items {
                let _ = writeln!(out, "{}", report_diagnostics::json_line(d));
            }
        }
        Format::Human => {
            let stderr = std::io::stderr();
            let colour = stderr.is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let mut err = stderr.lock();
            for d in items {
                let _ = writeln!(
                    err,
                    "{}",
                    report_diagnostics::human(d, &checked.sources, colour)
                );
            }
            let _ = writeln!(
                err,
                "{}",
                report_diagnostics::summary(items, args.files.len())
            );
        }
    }
    ExitCode::from(exit_code(items))
}

/// `wengao render`: check, then write the requested outputs (see [`crate::pipeline`]).
pub(crate) fn render(args: &RenderArgs) -> ExitCode {
    use crate::pipeline::{self, Format};
    let formats = match args.to {
        To::Md => vec![Format::Markdown],
        To::Html => vec![Format::Html],
        To::Docx => vec![Format::Docx],
        To::All => vec![Format::Markdown, Format::Html, Format::Docx],
    };
    let options = pipeline::RenderOptions {
        formats,
        out_dir: args.out.clone(),
        templates: args.templates.clone(),
        draft: args.draft,
        check: crate::validate::CheckOptions {
            final_: false,
            catalogues: args.catalogue.clone(),
        },
    };
    let outcome = pipeline::render_files(&args.files, &options);
    let stderr = std::io::stderr();
    let colour = stderr.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut err = stderr.lock();
    for d in &outcome.diagnostics.items {
        let _ = writeln!(
            err,
            "{}",
            report_diagnostics::human(d, &outcome.sources, colour)
        );
    }
    for p in &outcome.written {
        let _ = writeln!(err, "已生成 {}", p.display());
    }
    ExitCode::from(outcome.exit_code)
}

/// `wengao diff OLD NEW`: what changed, on stdout; exit 0 when compared (changes or not), else the
/// errors (not the warnings) of the file(s) that failed on stderr and exit 1 (data) or 2 (file or
/// template).
pub(crate) fn diff(args: &DiffArgs) -> ExitCode {
    use crate::diff::{self, DiffOptions};
    let options = DiffOptions {
        templates: args.templates.clone(),
        check: CheckOptions {
            final_: false,
            catalogues: args.catalogue.clone(),
        },
    };
    match diff::diff_files(&args.old, &args.new, &options) {
        Ok(changes) => {
            let text = match args.format {
                Format::Human => {
                    let colour =
                        std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
                    diff::print::human(&changes, colour)
                }
                Format::Json => diff::print::json(&changes) + "\n",
            };
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Err(failure) => {
            let stderr = std::io::stderr();
            let colour = stderr.is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let mut err = stderr.lock();
            for d in &failure.diagnostics {
                let line = match args.format {
                    Format::Human => report_diagnostics::human(d, &failure.sources, colour),
                    Format::Json => report_diagnostics::json_line(d),
                };
                let _ = writeln!(err, "{line}");
            }
            if args.format == Format::Human {
                let _ = writeln!(
                    err,
                    "指标文件或模板有错误，未比较（警告和完整结果请用 wengao check 查看）"
                );
            }
            ExitCode::from(failure.exit_code)
        }
    }
}

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
fn print_failure(
    diagnostics: &[crate::diagnostic::Diagnostic],
    sources: &[crate::source::SourceFile],
    format: Format,
) {
    let stderr = std::io::stderr();
    let colour = stderr.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut err = stderr.lock();
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
                let d = crate::diagnostic::Diagnostic::error(
                    "E-UPDATE-DATE",
                    format!("修订日期“{d}”无法识别"),
                )
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
