//! The command line: arguments ([`args`], in Chinese via [`chinese`]), dispatch to the library,
//! printing and exit codes. Every command's work is a library function; this layer only parses,
//! prints and picks the exit code.
//!
//! Exit codes: 0 nothing wrong (warnings allowed), 1 errors in the data (for `render`: any file
//! failed), 2 usage, file or template errors.

mod args;
mod chinese;
mod import;
mod paths;
mod print;
mod render;
mod revise;

use args::*;
use import::{import, next};
use render::render;
use revise::{redline, update};

use crate::diagnostic::{Diagnostic, EXIT_INPUT, exit_code};
use crate::report_diagnostics;
use crate::validate::CheckOptions;
use clap::error::ErrorKind;
use clap::{CommandFactory, FromArgMatches};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    // Parsed against the tree without the Chinese usage lines; the full tree is built for what
    // prints help (an error, `--help`, `help`, `completions`), and an error is taken from a
    // parse against it, so that its usage line is the Chinese one.
    let parsed = chinese::framed(Cli::command())
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(version) if version.kind() == ErrorKind::DisplayVersion => {
            let _ = version.print();
            return ExitCode::SUCCESS;
        }
        Err(first) => {
            let cmd = chinese::localized(Cli::command());
            let again = cmd
                .clone()
                .try_get_matches()
                .and_then(|m| Cli::from_arg_matches(&m));
            return usage_error(&again.err().unwrap_or(first), &cmd);
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
        Command::Keys(args) => keys(&args),
        Command::Init(args) => init(&args),
        Command::Schema(args) => schema(&args),
        Command::Completions(args) => {
            completions(&mut chinese::localized(Cli::command()), args.shell)
        }
        Command::Help(args) => help(
            &mut chinese::localized(Cli::command()),
            args.command.as_deref(),
        ),
    }
}

/// Help and version go to stdout (exit 0); a bare `wengao` prints the help to stderr (exit 2);
/// anything else is a usage error in Chinese (exit 2).
fn usage_error(e: &clap::Error, cmd: &clap::Command) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::from(EXIT_INPUT)
        }
        _ => {
            let argv: Vec<String> = std::env::args().skip(1).collect();
            let text = chinese::error_text(e, cmd, &argv);
            let _ = std::io::stderr().lock().write_all(text.as_bytes());
            ExitCode::from(EXIT_INPUT)
        }
    }
}

fn stderr_colour() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Prints run-level diagnostics (no file to group by) and returns exit code 2.
fn fail(ds: &[Diagnostic]) -> ExitCode {
    let colour = stderr_colour();
    let mut err = std::io::stderr().lock();
    for d in ds {
        let _ = writeln!(err, "{}", report_diagnostics::human(d, &[], colour));
    }
    ExitCode::from(EXIT_INPUT)
}

/// `wengao check`: every problem of every file, then exit 0 (clean or warnings only),
/// 1 (errors in the data) or 2 (a file could not be read at all).
pub(crate) fn check(args: &CheckArgs) -> ExitCode {
    let (files, repeated) = match paths::expand(&args.files) {
        Ok(found) => found,
        Err(ds) => return fail(&ds),
    };
    let options = CheckOptions {
        final_: args.final_,
        catalogues: args.catalogue.clone(),
        compute_totals: args.compute_totals,
    };
    let (mut checked, templates) = crate::pipeline::check_files_keeping_templates(
        &files,
        &options,
        args.templates.as_deref(),
        args.verbose,
    );
    checked.diagnostics.extend(repeated);
    checked.diagnostics.sort();
    let items = &checked.diagnostics.items;
    match args.format {
        Format::Json => {
            let mut out = std::io::stdout().lock();
            for d in items.iter().filter(|d| !args.quiet || d.is_error()) {
                let _ = writeln!(out, "{}", report_diagnostics::json_line(d));
            }
        }
        Format::Human => {
            let mut err = std::io::stderr().lock();
            let style = print::Style {
                colour: stderr_colour(),
                quiet: args.quiet,
            };
            let _ = err.write_all(print::check_report(items, &checked.sources, style).as_bytes());
            let _ = writeln!(err, "{}", report_diagnostics::summary(items, files.len()));
        }
    }
    let code = ExitCode::from(exit_code(items));
    // The process ends here: freeing the checked files and the parsed templates piece by piece
    // would only cost time (a tenth of a 10,000-figure check, 3 % of the sample's).
    std::mem::forget(checked);
    std::mem::forget(templates);
    code
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
            ..CheckOptions::default()
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

/// `wengao keys [WORDS]`: the catalogue's figures matching every word, on stdout.
pub(crate) fn keys(args: &KeysArgs) -> ExitCode {
    let (catalogue, sources, ds) = crate::keys::merged_catalogue(&args.catalogue);
    if ds.has_errors() {
        return catalogue_errors(&ds.items, &sources);
    }
    let entries = crate::keys::list(&catalogue, &args.words);
    let mut out = std::io::stdout().lock();
    match args.format {
        KeysFormat::Json => {
            let _ = writeln!(out, "{}", crate::keys::json(&entries));
        }
        KeysFormat::Plain => {
            for e in &entries {
                let _ = out.write_all(e.plain().as_bytes());
            }
            if entries.is_empty() {
                let _ = writeln!(
                    std::io::stderr(),
                    "没有符合“{}”的指标；可以换个词，或只写一部分（如 canbao、参保）",
                    args.words.join(" ")
                );
                return ExitCode::from(1); // nothing found, as grep
            }
        }
    }
    ExitCode::SUCCESS
}

/// Prints the problems of user catalogues and returns exit code 2.
fn catalogue_errors(items: &[Diagnostic], sources: &[crate::source::SourceFile]) -> ExitCode {
    let colour = stderr_colour();
    let mut err = std::io::stderr().lock();
    for d in items {
        let _ = writeln!(err, "{}", report_diagnostics::human(d, sources, colour));
    }
    ExitCode::from(EXIT_INPUT)
}

/// `wengao init [DIR]`: writes a new workspace and says what was written and what to do next.
pub(crate) fn init(args: &InitArgs) -> ExitCode {
    let kind = match args.kind {
        Kind::Annual => crate::model::ReportKind::Annual,
        Kind::HalfYear => crate::model::ReportKind::HalfYear,
        Kind::Disclosure => crate::model::ReportKind::Disclosure,
    };
    let (catalogue, _) = crate::catalogue::Catalogue::builtin();
    let workspace = crate::init::workspace(kind, crate::init::today(), &catalogue);
    match crate::init::write(&args.dir, &workspace) {
        Ok(written) => {
            let mut err = std::io::stderr().lock();
            for p in &written {
                let _ = writeln!(err, "已生成 {}", p.display());
            }
            let file = args.dir.join(crate::init::INDICATOR_FILE);
            let _ = writeln!(
                err,
                "下一步：填写 {0} 里的数字（XX 为待填），然后 wengao check {0}；说明见 {1}",
                file.display(),
                args.dir.join(crate::init::README_FILE).display()
            );
            ExitCode::SUCCESS
        }
        Err(d) => fail(&[d]),
    }
}

/// `wengao schema`: the indicator file's JSON Schema on stdout.
pub(crate) fn schema(args: &SchemaArgs) -> ExitCode {
    let (catalogue, sources, ds) = crate::keys::merged_catalogue(&args.catalogue);
    if ds.has_errors() {
        return catalogue_errors(&ds.items, &sources);
    }
    let _ = std::io::stdout()
        .lock()
        .write_all(crate::schema::schema_text(&catalogue).as_bytes());
    ExitCode::SUCCESS
}

/// `wengao completions SHELL`: the completion script, from the same Chinese command tree.
pub(crate) fn completions(cmd: &mut clap::Command, shell: Shell) -> ExitCode {
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
    };
    clap_complete::generate(shell, cmd, "wengao", &mut std::io::stdout());
    ExitCode::SUCCESS
}

/// `wengao help [COMMAND]`: the help of the program or of one command, on stdout.
pub(crate) fn help(cmd: &mut clap::Command, name: Option<&str>) -> ExitCode {
    let Some(name) = name else {
        let _ = cmd.print_help();
        println!();
        return ExitCode::SUCCESS;
    };
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    match cmd.find_subcommand_mut(name) {
        Some(sub) => {
            let _ = sub.print_help();
            println!();
            ExitCode::SUCCESS
        }
        None => {
            let mut text = format!("错误：没有“{name}”这个命令\n");
            if let Some(s) = crate::yaml::did_you_mean(name, names.iter().map(String::as_str)) {
                text.push_str(&format!("  提示：是不是 {s}？\n"));
            }
            text.push_str(&format!("\n可用的命令：{}\n", names.join("、")));
            let _ = std::io::stderr().lock().write_all(text.as_bytes());
            ExitCode::from(EXIT_INPUT)
        }
    }
}
