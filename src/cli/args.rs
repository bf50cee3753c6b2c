//! The command line's arguments: every command, option and help text (in Chinese), with two or
//! three real examples at the end of each command's help.

use clap::{Parser, Subcommand, ValueHint};
use std::path::PathBuf;

/// wengao's arguments.
#[derive(Debug, Parser)]
#[command(
    name = "wengao",
    version,
    about = "文稿：由指标文件生成工作总结、工作计划和政府信息公开工作年度报告",
    after_help = "示例：
  wengao init 2025年报                           新建一个年度总结的工作目录
  wengao check data/sanmen-2020.yaml             检查指标文件
  wengao render data/*.yaml --to all -o out      生成 Markdown、HTML 和 DOCX"
)]
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// wengao's subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 检查指标文件：缺项、单位、取值范围、合计与分项、同比等
    #[command(after_help = "示例：
  wengao check data/sanmen-2020.yaml               检查一个文件
  wengao check \"data/*.yaml\" --format json         检查多个文件，每条问题一行 JSON
  wengao check --final data/xian-2025-H1.yaml      定稿检查：待填（XX）算作错误")]
    Check(CheckArgs),
    /// 生成文稿（Markdown、HTML、DOCX）
    #[command(after_help = "示例：
  wengao render data/sanmen-2020.yaml -o out              生成三种格式到 out/
  wengao render \"data/*.yaml\" --to docx -o out            一批文件，只生成 DOCX
  wengao render data/xian-2025-H1.yaml --draft -o out     数据有错误也先出草稿

一批文件中，有错误的文件跳过，其余照常生成；有文件出错时退出码为 1。")]
    Render(RenderArgs),
    /// 比较两版指标文件：哪些指标、哪些文句改了
    #[command(after_help = "示例：
  wengao diff old/sanmen-2020.yaml data/sanmen-2020.yaml          人读的结果
  wengao diff old/sanmen-2020.yaml data/sanmen-2020.yaml --format json")]
    Diff(DiffArgs),
    /// 把新数字写进改过的文稿：改动处写成 Word 修订，作者的改动原样保留
    #[command(after_help = "示例：
  wengao update 2025年报（改过）.docx report.yaml -o 2025年报（新数字）.docx
  wengao update 改过.docx report.yaml -o 新.docx --author 张三 --date 2026-01-12
  wengao update 改过.docx report.yaml -o 新.docx --force      作者手改过的数字也替换")]
    Update(UpdateArgs),
    /// 两版指标文件之间的修订稿：新版 DOCX 带修订（接受全部即新版，拒绝全部即旧版）和 HTML
    #[command(after_help = "示例：
  wengao redline old/sanmen-2020.yaml data/sanmen-2020.yaml -o out    写出 out/sanmen-2020.redline.docx、.html
  wengao redline 旧.yaml 新.yaml -o out --author 张三 --format json")]
    Redline(RedlineArgs),
    /// 导入去年的报告（DOCX、网页、Markdown、文本）：生成指标文件和叙述模板
    #[command(after_help = "示例：
  wengao import 2024年工作总结.docx -o 2025年报          写出 2025年报/2024年工作总结.yaml 和 .md.tera
  wengao import 公开年报.html --period 2024 -o 公开年报    期间无法从标题、落款推断时指定
  wengao import \"旧报告/*.docx\" -o 导入 --force            一批文件，覆盖已有的输出")]
    Import(ImportArgs),
    /// 下一期的指标文件：期间加一，本期数字转为上期（同比），数字和成文日期待填，模板不变
    #[command(after_help = "示例：
  wengao next 2025年报/2024年工作总结.yaml -o 2025年报/2025年工作总结.yaml
  wengao next 2025上半年.yaml -o 2025下半年.yaml              上半年 → 下半年
  wengao next 2024年报.yaml -o 2025年报.yaml --force          覆盖已有的文件

写好后对新文件做一次检查，列出每个待填的数；wengao check 新文件 可随时再看。")]
    Next(NextArgs),
    /// 列出指标目录里的指标：键名、中文名、单位、时点数或时期数、所在关系
    #[command(after_help = "示例：
  wengao keys 参保                    名称含“参保”的指标
  wengao keys jijin zhichu            拼音：基金支出
  wengao keys --format json > keys.json")]
    Keys(KeysArgs),
    /// 新建工作目录：指标文件（全部待填）、叙述模板、说明
    #[command(after_help = "示例：
  wengao init 2025年报                            年度工作总结和下年度工作计划
  wengao init 2025上半年 --kind half-year         半年工作总结和下半年工作计划
  wengao init 2025公开年报 --kind disclosure      政府信息公开工作年度报告")]
    Init(InitArgs),
    /// 输出指标文件的 JSON Schema（供编辑器补全、悬停提示和检查）
    #[command(after_help = "示例：
  wengao schema > wengao.schema.json
  wengao schema --catalogue 本单位目录.yaml > wengao.schema.json

在指标文件第一行写 # yaml-language-server: $schema=./wengao.schema.json，
VS Code（装 YAML 扩展）即可按中文名补全键名。")]
    Schema(SchemaArgs),
    /// 输出 shell 补全脚本（bash、zsh、fish、powershell）
    #[command(after_help = "示例：
  wengao completions bash > ~/.local/share/bash-completion/completions/wengao
  wengao completions zsh > \"${fpath[1]}/_wengao\"
  wengao completions powershell | Out-String | Invoke-Expression")]
    Completions(CompletionsArgs),
    /// 显示某个命令的帮助
    #[command(after_help = "示例：
  wengao help render
  wengao help init")]
    Help(HelpArgs),
}

/// `wengao check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// 指标文件（YAML），可以一次给多个；可写通配符，如 "data/*.yaml"
    #[arg(required = true, value_name = "文件", value_hint = ValueHint::FilePath)]
    pub files: Vec<PathBuf>,
    /// 定稿检查：待填（XX）的指标、模板中待替换的示例文字算作错误
    #[arg(long = "final")]
    pub final_: bool,
    /// 输出格式：human（人读，默认）或 json（每条问题一行 JSON）
    #[arg(long, value_enum, value_name = "格式", default_value_t = Format::Human,
          hide_default_value = true, hide_possible_values = true)]
    pub format: Format,
    /// 另加的指标目录（YAML），补充或覆盖内置目录；可给多次
    #[arg(long, value_name = "目录文件", value_hint = ValueHint::FilePath)]
    pub catalogue: Vec<PathBuf>,
    /// 另加的模板目录（与 render 相同）：检查时一并检查模板
    #[arg(long, value_name = "目录", value_hint = ValueHint::DirPath)]
    pub templates: Option<PathBuf>,
    /// 政府信息公开年报：没写的总计由分项算出（默认照写，没写就空白）
    #[arg(long)]
    pub compute_totals: bool,
    /// 同时列出政府信息公开年报叙述中核对过的数字和未能对应到表格的数字
    #[arg(short, long)]
    pub verbose: bool,
    /// 只显示错误，不显示警告
    #[arg(short, long)]
    pub quiet: bool,
}

/// `--format` of `check` and `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// 人读
    Human,
    /// JSON
    Json,
}

/// `wengao render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// 指标文件（YAML），可以一次给多个；可写通配符，如 "data/*.yaml"
    #[arg(required = true, value_name = "文件", value_hint = ValueHint::FilePath)]
    pub files: Vec<PathBuf>,
    /// 输出格式：md、html、docx 或 all（三种都要，默认）
    #[arg(long, value_enum, value_name = "格式", default_value_t = To::All,
          hide_default_value = true, hide_possible_values = true)]
    pub to: To,
    /// 输出目录（默认 out，没有就新建）
    #[arg(short = 'o', long = "out", value_name = "目录", default_value = "out",
          hide_default_value = true, value_hint = ValueHint::DirPath)]
    pub out: PathBuf,
    /// 另加的模板目录：补充或覆盖内置模板
    #[arg(long, value_name = "目录", value_hint = ValueHint::DirPath)]
    pub templates: Option<PathBuf>,
    /// 草稿：有错误也生成，并列出问题
    #[arg(long)]
    pub draft: bool,
    /// 定稿：待填（XX）的指标、模板中待替换的示例文字都算作错误，不生成
    #[arg(long = "final", conflicts_with = "draft")]
    pub final_: bool,
    /// 另加的指标目录（YAML）；可给多次
    #[arg(long, value_name = "目录文件", value_hint = ValueHint::FilePath)]
    pub catalogue: Vec<PathBuf>,
    /// 政府信息公开年报：没写的总计由分项算出（默认照写，没写就空白）
    #[arg(long)]
    pub compute_totals: bool,
    /// 一个文件出错就一个也不生成（默认：跳过出错的文件，其余照常生成）
    #[arg(long)]
    pub all_or_nothing: bool,
    /// 只显示错误，不显示警告和“已生成”
    #[arg(short, long)]
    pub quiet: bool,
    /// 同时处理几个文件（默认：CPU 核数）
    #[arg(short = 'j', long, value_name = "个数",
          value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
}

/// `--to` of `render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum To {
    /// Markdown
    Md,
    /// HTML
    Html,
    /// DOCX
    Docx,
    /// 三种都要
    All,
}

/// `wengao diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// 旧版指标文件（YAML）
    #[arg(value_name = "旧文件", value_hint = ValueHint::FilePath)]
    pub old: PathBuf,
    /// 新版指标文件（YAML）
    #[arg(value_name = "新文件", value_hint = ValueHint::FilePath)]
    pub new: PathBuf,
    /// 输出格式：human（人读，默认）或 json
    #[arg(long, value_enum, value_name = "格式", default_value_t = Format::Human,
          hide_default_value = true, hide_possible_values = true)]
    pub format: Format,
    /// 另加的模板目录：补充或覆盖内置模板（两版共用）
    #[arg(long, value_name = "目录", value_hint = ValueHint::DirPath)]
    pub templates: Option<PathBuf>,
    /// 另加的指标目录（YAML）；可给多次
    #[arg(long, value_name = "目录文件", value_hint = ValueHint::FilePath)]
    pub catalogue: Vec<PathBuf>,
}

/// `wengao update`.
#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    /// 改过的文稿（wengao 生成、在 Word/WPS 中改过的 DOCX），不会被改动
    #[arg(value_name = "改过的文稿", value_hint = ValueHint::FilePath)]
    pub edited: PathBuf,
    /// 新的指标文件（YAML）
    #[arg(value_name = "指标文件", value_hint = ValueHint::FilePath)]
    pub new: PathBuf,
    /// 输出的 DOCX（不能是改过的文稿本身）
    #[arg(short = 'o', long = "output", value_name = "文件", value_hint = ValueHint::FilePath)]
    pub output: PathBuf,
    /// 修订的作者（默认 wengao）
    #[arg(
        long,
        value_name = "姓名",
        default_value = "wengao",
        hide_default_value = true
    )]
    pub author: String,
    /// 修订的日期（2025-03-01 或 2025-03-01T09:00:00Z），默认当前时间
    #[arg(long, value_name = "日期")]
    pub date: Option<String>,
    /// 作者手工改过的数字也替换（默认只报告冲突）
    #[arg(long)]
    pub force: bool,
    /// 输出格式：human（人读，默认）或 json
    #[arg(long, value_enum, value_name = "格式", default_value_t = Format::Human,
          hide_default_value = true, hide_possible_values = true)]
    pub format: Format,
    /// 另加的模板目录：补充或覆盖内置模板
    #[arg(long, value_name = "目录", value_hint = ValueHint::DirPath)]
    pub templates: Option<PathBuf>,
    /// 另加的指标目录（YAML）；可给多次
    #[arg(long, value_name = "目录文件", value_hint = ValueHint::FilePath)]
    pub catalogue: Vec<PathBuf>,
}

/// `wengao redline`.
#[derive(Debug, clap::Args)]
pub struct RedlineArgs {
    /// 旧版指标文件（YAML）
    #[arg(value_name = "旧文件", value_hint = ValueHint::FilePath)]
    pub old: PathBuf,
    /// 新版指标文件（YAML）
    #[arg(value_name = "新文件", value_hint = ValueHint::FilePath)]
    pub new: PathBuf,
    /// 输出目录：写出 <新版文件名>.redline.docx 和 .redline.html（默认 out）
    #[arg(short = 'o', long = "out", value_name = "目录", default_value = "out",
          hide_default_value = true, value_hint = ValueHint::DirPath)]
    pub out: PathBuf,
    /// 修订的作者（默认 wengao）
    #[arg(
        long,
        value_name = "姓名",
        default_value = "wengao",
        hide_default_value = true
    )]
    pub author: String,
    /// 修订的日期（2025-03-01 或 2025-03-01T09:00:00Z），默认当前时间
    #[arg(long, value_name = "日期")]
    pub date: Option<String>,
    /// 输出格式：human（人读，默认）或 json
    #[arg(long, value_enum, value_name = "格式", default_value_t = Format::Human,
          hide_default_value = true, hide_possible_values = true)]
    pub format: Format,
    /// 另加的模板目录：补充或覆盖内置模板（两版共用）
    #[arg(long, value_name = "目录", value_hint = ValueHint::DirPath)]
    pub templates: Option<PathBuf>,
    /// 另加的指标目录（YAML）；可给多次
    #[arg(long, value_name = "目录文件", value_hint = ValueHint::FilePath)]
    pub catalogue: Vec<PathBuf>,
}

/// `wengao import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// 要导入的报告：.docx、.html、.md、.txt（UTF-8 或 GBK）；可写通配符
    #[arg(required = true, value_name = "文件", value_hint = ValueHint::FilePath)]
    pub files: Vec<PathBuf>,
    /// 输出目录：写入 名称.yaml 和 名称.md.tera（默认当前目录）
    #[arg(short = 'o', long = "out", value_name = "目录", default_value = ".",
          hide_default_value = true, value_hint = ValueHint::DirPath)]
    pub out: PathBuf,
    /// 覆盖已有的输出文件
    #[arg(long)]
    pub force: bool,
    /// 报告期间（不写则从标题、落款推断）：2024、2025-H1
    #[arg(long, value_name = "期间")]
    pub period: Option<String>,
    /// 导入报告的格式：human（人读，默认）或 json
    #[arg(long, value_enum, value_name = "格式", default_value_t = Format::Human,
          hide_default_value = true, hide_possible_values = true)]
    pub format: Format,
}

/// `wengao next`.
#[derive(Debug, clap::Args)]
pub struct NextArgs {
    /// 本期的指标文件（YAML）
    #[arg(value_name = "文件", value_hint = ValueHint::FilePath)]
    pub file: PathBuf,
    /// 下一期的指标文件（新写的 YAML）
    #[arg(short = 'o', long = "out", value_name = "新文件", value_hint = ValueHint::FilePath)]
    pub out: PathBuf,
    /// 覆盖已有的文件
    #[arg(long)]
    pub force: bool,
}

/// `wengao keys`.
#[derive(Debug, clap::Args)]
pub struct KeysArgs {
    /// 筛选用的词：中文（参保）、拼音（canbao）或拼音首字母（cbrs）；给几个词时都要符合
    #[arg(value_name = "词")]
    pub words: Vec<String>,
    /// 输出格式：plain（每行一个指标，默认）或 json
    #[arg(long, value_enum, value_name = "格式", default_value_t = KeysFormat::Plain,
          hide_default_value = true, hide_possible_values = true)]
    pub format: KeysFormat,
    /// 另加的指标目录（YAML）；可给多次
    #[arg(long, value_name = "目录文件", value_hint = ValueHint::FilePath)]
    pub catalogue: Vec<PathBuf>,
}

/// `--format` of `keys`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KeysFormat {
    /// 每行一个
    Plain,
    /// JSON
    Json,
}

/// `wengao init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// 新建的工作目录（默认当前目录）；已有同名文件时不覆盖
    #[arg(value_name = "目录", default_value = ".", hide_default_value = true,
          value_hint = ValueHint::DirPath)]
    pub dir: PathBuf,
    /// 报告类型：annual（年度总结和计划，默认）、half-year（半年）、disclosure（政府信息公开年报）
    #[arg(long, value_enum, value_name = "类型", default_value_t = Kind::Annual,
          hide_default_value = true, hide_possible_values = true)]
    pub kind: Kind,
}

/// `--kind` of `init`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// 年度工作总结和下年度工作计划
    Annual,
    /// 半年工作总结和下半年工作计划
    HalfYear,
    /// 政府信息公开工作年度报告
    Disclosure,
}

/// `wengao schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// 另加的指标目录（YAML），其中的指标也写进 Schema；可给多次
    #[arg(long, value_name = "目录文件", value_hint = ValueHint::FilePath)]
    pub catalogue: Vec<PathBuf>,
}

/// `wengao completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// shell 的名字：bash、zsh、fish 或 powershell
    #[arg(value_enum, value_name = "shell", hide_possible_values = true)]
    pub shell: Shell,
}

/// The shells `completions` writes scripts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    /// bash
    Bash,
    /// zsh
    Zsh,
    /// fish
    Fish,
    /// PowerShell
    Powershell,
}

/// `wengao help`.
#[derive(Debug, clap::Args)]
pub struct HelpArgs {
    /// 命令名，如 render
    #[arg(value_name = "命令")]
    pub command: Option<String>,
}
