//! clap in Chinese: help framing (用法/命令/参数/选项, 显示帮助, 显示版本号) set on every command of
//! the tree, and clap's usage errors rewritten from their kind and context into Chinese.
//!
//! clap hard-codes its English headings and error texts; their structured parts are public, so
//! the words are ours and clap only parses (see `crates-2.md` §3).

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// The `Command` tree with Chinese help framing and usage lines.
pub fn localized(cmd: Command) -> Command {
    pin_usage(framed(cmd))
}

/// The `Command` tree with Chinese help framing, its usage lines still clap's: it parses the
/// same arguments as [`localized`]'s and is cheaper to build (rendering every usage line is
/// ~0.2 M instructions), so a run builds [`localized`] only to print help or an error.
pub fn framed(cmd: Command) -> Command {
    frame(cmd, true)
}

fn frame(mut cmd: Command, root: bool) -> Command {
    cmd = cmd
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助"),
        );
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本号"),
        );
    }
    let mut template = String::from("{about-with-newline}\n用法：{usage}\n");
    if cmd.has_subcommands() {
        template.push_str("\n命令：\n{subcommands}\n");
    }
    if cmd.get_positionals().next().is_some() {
        template.push_str("\n参数：\n{positionals}\n");
    }
    template.push_str("\n选项：\n{options}{after-help}");
    cmd = cmd
        .help_template(template)
        .subcommand_value_name("命令")
        .subcommand_help_heading("命令");
    cmd.mut_subcommands(|s| frame(s, false))
}

/// clap writes `Usage: ` and `[OPTIONS]`; render each usage once and pin it in Chinese.
fn pin_usage(mut cmd: Command) -> Command {
    cmd.build();
    fn walk(c: &mut Command) {
        let usage = chinese_usage(&c.render_usage().to_string());
        *c = std::mem::take(c).override_usage(usage);
        for s in c.get_subcommands_mut() {
            walk(s);
        }
    }
    walk(&mut cmd);
    cmd
}

fn chinese_usage(usage: &str) -> String {
    let u = usage.strip_prefix("Usage: ").unwrap_or(usage);
    u.replace("[OPTIONS]", "[选项]")
        .replace("<COMMAND>", "<命令>")
        .trim_end()
        .to_string()
}

/// The option as users typed it: `--to <格式>` → `--to`; a positional `<shell>` → `shell`.
fn bare_arg(arg: &str) -> &str {
    let first = arg.split([' ', '=']).next().unwrap_or(arg);
    first.trim_start_matches('<').trim_end_matches('>')
}

/// A clap usage error in Chinese: what is wrong, a suggestion where clap has one, the usage line
/// and which help to read.
///
/// `cmd` is the localised tree and `argv` the arguments after the program name: clap leaves the
/// usage out of some errors (a bad value), so it is taken from the subcommand the user named.
pub fn error_text(e: &clap::Error, cmd: &Command, argv: &[String]) -> String {
    let text = |k| match e.get(k) {
        Some(ContextValue::String(v)) => Some(v.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join("、")),
        Some(ContextValue::StyledStr(v)) => Some(v.to_string()),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let message = match e.kind() {
        ErrorKind::UnknownArgument if arg.starts_with('-') => format!("不认识的选项“{arg}”"),
        ErrorKind::UnknownArgument => format!("多出来的参数“{arg}”"),
        ErrorKind::InvalidSubcommand => format!(
            "没有“{}”这个命令",
            text(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue if value.is_empty() => match text(ContextKind::ValidValue) {
            Some(valid) => format!("{} 后面缺少取值；可取：{valid}", bare_arg(&arg)),
            None => format!("{} 后面缺少取值", bare_arg(&arg)),
        },
        ErrorKind::InvalidValue => format!(
            "“{value}”不是 {} 可取的值；可取：{}",
            bare_arg(&arg),
            text(ContextKind::ValidValue).unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        ErrorKind::ArgumentConflict => format!(
            "{} 不能与 {} 同时使用",
            bare_arg(&arg),
            bare_arg(&text(ContextKind::PriorArg).unwrap_or_default())
        ),
        ErrorKind::TooManyValues => format!("多出来的参数“{value}”"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{} 给的值个数不对", bare_arg(&arg))
        }
        ErrorKind::ValueValidation => {
            format!("{} 的值“{value}”无效", bare_arg(&arg))
        }
        ErrorKind::NoEquals => format!("{} 要用 = 连接取值", bare_arg(&arg)),
        ErrorKind::InvalidUtf8 => "参数里有无法识别的字符（不是 UTF-8）".to_string(),
        _ => "命令行有误".to_string(),
    };
    let suggestion = text(ContextKind::SuggestedSubcommand)
        .or_else(|| text(ContextKind::SuggestedArg))
        .or_else(|| text(ContextKind::SuggestedValue));
    let mut out = format!("错误：{message}\n");
    match (e.kind(), suggestion) {
        (_, Some(s)) => out.push_str(&format!("  提示：是不是 {s}？\n")),
        (ErrorKind::UnknownArgument, None) if arg.starts_with('-') && arg != "--" => {
            out.push_str(&format!(
                "  提示：如果“{arg}”是文件名，请写成 ./{arg}，或在它前面加 -- \n"
            ));
        }
        (ErrorKind::ValueValidation, None) => {
            if let Some(source) = std::error::Error::source(e) {
                out.push_str(&format!(
                    "  提示：{}\n",
                    chinese_reason(&source.to_string())
                ));
            }
        }
        _ => {}
    }
    let usage = text(ContextKind::Usage)
        .map(|u| chinese_usage(&u))
        .or_else(|| {
            let sub = argv
                .iter()
                .find_map(|a| cmd.get_subcommands().find(|s| s.get_name() == a))?;
            sub.get_overridden_usage().map(|u| u.to_string())
        });
    if let Some(usage) = &usage {
        out.push_str(&format!("\n用法：{usage}\n"));
    }
    let program = usage
        .as_deref()
        .map(command_path)
        .unwrap_or_else(|| "wengao".to_string());
    out.push_str(&format!("\n更多信息请运行 {program} --help\n"));
    out
}

/// `wengao render [选项] <文件>...` → `wengao render`.
fn command_path(usage: &str) -> String {
    usage
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The value parsers' English reasons, in Chinese.
fn chinese_reason(reason: &str) -> String {
    if reason.contains("not in") {
        // "1..=65535 is not in 0" style range errors
        "请写一个正整数".to_string()
    } else if reason.contains("invalid digit") || reason.contains("empty string") {
        "请写一个正整数".to_string()
    } else {
        "请检查这个值".to_string()
    }
}
