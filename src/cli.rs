//! The command line: arguments, dispatch to the library's stages, exit codes.
//!
//! Exit codes: 0 nothing wrong (warnings allowed), 1 errors in the data, 2 usage, file or
//! template errors.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "wengao",
    version,
    about = "文稿：由指标文件生成工作总结、工作计划和政府信息公开工作年度报告"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 检查指标文件：缺项、单位、取值范围、合计与分项、同比等
    Check(CheckArgs),
    /// 生成文稿（Markdown、HTML、DOCX）
    Render(RenderArgs),
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// 指标文件（YAML），可以一次给多个
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// 定稿检查：待填（XX）的指标算作错误
    #[arg(long = "final")]
    pub final_: bool,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// 另加的指标目录（YAML），补充或覆盖内置目录
    #[arg(long)]
    pub catalogue: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// 指标文件（YAML）
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = To::All)]
    pub to: To,
    /// 输出目录
    #[arg(short = 'o', long = "out", default_value = "out")]
    pub out: PathBuf,
    /// 另加的模板目录：补充或覆盖内置模板
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// 草稿：有错误也生成，并列出问题
    #[arg(long)]
    pub draft: bool,
    /// 另加的指标目录（YAML）
    #[arg(long)]
    pub catalogue: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum To {
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
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Check(_args) => ExitCode::from(2),
        Command::Render(_args) => ExitCode::from(2),
    }
}
