//! Stage 3: Tera templates (shipped, embedded; or the user's) turn a report into Markdown with
//! plain headings and figure/table markers.
//!
//! # Templates
//!
//! Shipped templates are embedded in the binary (`SHIPPED`): `base.md.tera` (title, opening,
//! summary, problems, plan, sign-off blocks), `annual.md.tera` and `half-year.md.tera`, which
//! extend it; `disclosure-2021.md.tera` and `disclosure-2019.md.tera` (the six sections of the
//! 政府信息公开工作年度报告, extending `disclosure-base.md.tera`) and `disclosure-appendix.md.tera`
//! (a work summary with the three tables as 附件1–3). The template rendered for a report is, in
//! order: the report's own narrative (`meta.template`, a path relative to the indicator file,
//! usually `{% extends "annual.md.tera" %}` filling some blocks), else the shipped one for its kind
//! (`annual.md.tera`, `half-year.md.tera`, `disclosure-<format>.md.tera` with the format the
//! disclosure check chose). `--templates DIR` ([`ComposeOptions::templates`]) adds every `*.tera`
//! file under DIR, named by its path relative to DIR, replacing a shipped one of the same name.
//!
//! # What templates write
//!
//! Plain Markdown. Headings `#`…`####` are levels 1–4; numbering (一、（一）1.（1）) is added later
//! by [`crate::document`], so never type numbers into headings. Levels 3–4 run in with the
//! paragraph that follows them ("1.对定点医疗机构的稽核和监管。根据…"); `{.run-in}` after a level
//! 1–2 heading makes it run in too, `{.block}` keeps a level 3–4 heading on its own line.
//! An ordered list (`1. …`) becomes "一是…" paragraphs. Raw HTML is printed as text.
//!
//! # Context
//!
//! - `meta`: `agency`, `period` (`2020`, `2025-H1`), `period_cn` (`2020年`, `2025年上半年`),
//!   `half` (`上半年`/`下半年`/empty), `year`, `next_year`, `prev_year`, `date` (`2021年1月7日`),
//!   `date_upper` (`二〇二一年一月七日`), `title` (meta.title or the default for the kind), `kind`
//!   (`annual`, `half-year`, `disclosure`).
//! - `figures`: by key, `{value, unit, name, pending, previous, qualifier}` (value as written,
//!   or `XX`; `previous`: a previous-period value exists; `qualifier`: 约/余/以上 … or empty);
//!   for tests like
//!   `{% if figures.jumin_canbao_renshu is defined %}`. Print figures with the functions below,
//!   which keep their provenance.
//! - `disclosure` (reports with disclosure tables): `disclosure.<table>.<row>.<column>` as printed
//!   in the table, `disclosure.num.<table>.<row>.<column>` the value the rules use (blank as 0),
//!   `disclosure.susong_zongji`, `disclosure.format` (see [`crate::disclosure::template_context`]).
//!
//! # Functions (figures; every number exact, rounding half-up; pending figures print `XX`)
//!
//! - `fig(key="k")`: as written (`42905.96`); `unit=true` appends the catalogue unit;
//!   `scale="万"|"亿"` rescales (2285000 人次 → `228.5万人次` with `dp=1, unit=true`);
//!   `dp=N` rounds; trailing zeros of a rounded value are dropped unless `trim=false`;
//!   `previous=true` prints the previous period's value. A figure written with a qualifier
//!   (`约200`, `10余`, `3以上`) prints it in place: 约200人次, 10余次, 18万余条, 3%以上.
//! - `yoy(key="k", dp=1)`: `同比增长X%` / `同比下降X%` / `同比持平` from the previous period;
//!   `growth="g"` uses a written growth figure (in %) instead.
//! - `points(a="k1", b="k2", dp=1)`: `X个百分点` for a − b; `words=true` gives
//!   `提高X个百分点` / `下降X个百分点` / `持平`.
//! - `ratio(num="k1", den="k2", dp=2)`: `X%`.
//! - `progress(key="k", target="t", dp=1)`: `完成年度目标任务的X%`.
//!
//! Filters: `{{ 12 | cn }}` → 十二 (Chinese numerals), `{{ "2285000" | wan(dp=1) }}` → 228.5万,
//! `{{ "316449463.25" | yi(dp=2) }}` → 3.16亿, `{{ "2.345" | num(dp=2) }}` → 2.35.
//!
//! # Document structure (for the disclosure report and attachments)
//!
//! - `{{ title() }}` starts the title paragraph (the text after it, up to the blank line).
//! - `{{ table(id="t1") }}` on its own line places the [`crate::document::Table`] that
//!   [`crate::document::build`] gets under that id; compose only writes a marker, and an id not
//!   in [`ComposeOptions::table_ids`] is a template error at the template's line.
//! - `{{ signoff() }}` on its own line places the sign-off (agency, date) from `meta`.
//! - `{{ attachment(title="…") }}` on its own line starts 附件N (numbered in order); everything
//!   after it, up to the next `attachment`, belongs to it. The note `附件：1. …` before the
//!   sign-off is written from the attachments' titles.
//!
//! A figure unknown to both the catalogue and the report fails with the template file, line,
//! key and a "did you mean"; a catalogue figure missing from the report prints `XX` with a warning.

mod anchor;
mod functions;

use crate::catalogue::Catalogue;
use crate::diagnostic::{Diagnostic, Location};
use crate::document::{Composed, SignOff};
use crate::model::{Period, Report, ReportKind};
use crate::numbers;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The shipped templates, embedded: (name, source). Add a line here to ship another.
pub(crate) const SHIPPED: &[(&str, &str)] = &[
    ("base.md.tera", include_str!("../templates/base.md.tera")),
    (
        "annual.md.tera",
        include_str!("../templates/annual.md.tera"),
    ),
    (
        "half-year.md.tera",
        include_str!("../templates/half-year.md.tera"),
    ),
    (
        "disclosure-base.md.tera",
        include_str!("../templates/disclosure-base.md.tera"),
    ),
    (
        "disclosure-2021.md.tera",
        include_str!("../templates/disclosure-2021.md.tera"),
    ),
    (
        "disclosure-2019.md.tera",
        include_str!("../templates/disclosure-2019.md.tera"),
    ),
    (
        "disclosure-appendix.md.tera",
        include_str!("../templates/disclosure-appendix.md.tera"),
    ),
];

/// What compose needs besides the report.
#[derive(Debug, Clone, Default)]
pub struct ComposeOptions {
    /// `--templates DIR`: adds or overrides templates.
    pub templates: Option<PathBuf>,
    /// Ids of the tables templates may place with `{{ table(id="…") }}`, in the order an error
    /// lists them. The tables themselves go to [`crate::document::build`]; compose only writes
    /// a marker, and refuses an id not listed here with the template's file and line.
    pub table_ids: Vec<String>,
}

/// What compose produces: the document stage's input and the warnings raised on the way.
#[derive(Debug, Clone, Default)]
pub struct Composition {
    /// Markdown with markers, figures and sign-off, for [`crate::document::build`].
    pub composed: Composed,
    /// Warnings raised while composing (figures missing from the report, printed as XX).
    pub warnings: Vec<Diagnostic>,
    /// The templates the narrative was rendered from, as (name users see, text): the main one
    /// first, then those it extends or includes. Lets a later check point from a figure in the
    /// output back to the template line it came from.
    pub templates: Vec<(String, String)>,
}

/// What templates see under `meta` (see the module documentation).
#[derive(Serialize)]
struct MetaContext {
    /// 发文机关.
    agency: String,
    /// `2020`, `2025-H1`.
    period: String,
    /// `2020年`, `2025年上半年`.
    period_cn: String,
    /// `上半年`, `下半年`, or empty for a year.
    half: &'static str,
    /// The calendar year.
    year: i32,
    /// The year after (for the plan part).
    next_year: i32,
    /// The year before (for 同比 prose).
    prev_year: i32,
    /// 成文日期 `2021年1月7日`.
    date: String,
    /// 成文日期 in Chinese numerals, `二〇二一年一月七日`.
    date_upper: String,
    /// `meta.title`, else the default title for the kind.
    title: String,
    /// `annual`, `half-year` or `disclosure`.
    kind: &'static str,
}

/// What templates see under `figures.<key>`.
#[derive(Serialize)]
struct FigureContext {
    /// As written (scale kept), or `XX` while pending.
    value: String,
    /// The catalogue unit (empty when the catalogue lacks the figure).
    unit: String,
    /// The catalogue name (empty when the catalogue lacks the figure).
    name: String,
    /// Still `XX`.
    pending: bool,
    /// The report has a previous-period value for it (so `yoy(key=…)` works).
    previous: bool,
    /// The approximation word written with it (约, 余, 以上 …), or empty.
    qualifier: &'static str,
}

/// The title used when `meta.title` is absent.
pub(crate) fn default_title(report: &Report) -> String {
    let m = &report.meta;
    let y = m.period.year();
    match (m.kind, m.period) {
        (ReportKind::Disclosure, _) => format!("{}{}年政府信息公开工作年度报告", m.agency, y),
        (_, Period::FirstHalf(_)) => {
            format!("{}{}年上半年工作总结和下半年工作计划", m.agency, y)
        }
        (_, Period::SecondHalf(_)) => format!(
            "{}{}年下半年工作总结和{}年上半年工作计划",
            m.agency,
            y,
            y + 1
        ),
        (_, Period::Year(_)) => format!("{}{}年度工作总结和{}年度工作计划", m.agency, y, y + 1),
    }
}

/// The `meta` context of a report.
fn meta_context(report: &Report) -> MetaContext {
    let m = &report.meta;
    let y = m.period.year();
    MetaContext {
        agency: m.agency.clone(),
        period: m.period.to_string(),
        period_cn: m.period.chinese(),
        half: match m.period {
            Period::FirstHalf(_) => "上半年",
            Period::SecondHalf(_) => "下半年",
            Period::Year(_) => "",
        },
        year: y,
        next_year: y + 1,
        prev_year: y - 1,
        date: signed_date(m, false),
        date_upper: signed_date(m, true),
        title: m.title.clone().unwrap_or_else(|| default_title(report)),
        kind: match m.kind {
            ReportKind::Annual => "annual",
            ReportKind::HalfYear => "half-year",
            ReportKind::Disclosure => "disclosure",
        },
    }
}

/// One template source: its Tera name, the path users see in errors, and its text.
struct Source {
    /// Tera's name for it (`annual.md.tera`, a path relative to `--templates`).
    name: String,
    /// The path users see in errors (`templates/annual.md.tera` for shipped ones).
    shown: String,
    /// The template text, BOM dropped.
    text: String,
}

/// `E-TEMPLATE` at the first line of template `shown`.
fn template_error(message: String, shown: &str) -> Diagnostic {
    Diagnostic::error("E-TEMPLATE", message).at(Location::new(shown, 1, 1))
}

/// Every `*.tera` under `dir`, sorted, named relative to `dir` with `/` separators.
fn read_dir_templates(dir: &Path) -> Result<Vec<Source>, Diagnostic> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| {
            Diagnostic::error(
                "E-TEMPLATE-DIR",
                format!("无法读取模板目录“{}”（{e}）", d.display()),
            )
            .hint("请检查 --templates 给出的目录是否存在")
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "tera") {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let rel = path.strip_prefix(dir).unwrap_or(&path);
        let name = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        out.push(read_source(name, &path)?);
    }
    Ok(out)
}

/// Reads one template file as UTF-8 (BOM dropped), named `name` for Tera.
fn read_source(name: String, path: &Path) -> Result<Source, Diagnostic> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error("E-TEMPLATE-READ", format!("无法读取模板“{shown}”（{e}）"))
            .hint("请检查 meta.template 或 --templates 给出的路径")
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Diagnostic::error("E-TEMPLATE-READ", format!("模板“{shown}”不是 UTF-8 编码"))
            .hint("请把模板另存为 UTF-8")
    })?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text).to_string();
    Ok(Source { name, shown, text })
}

/// The templates `main` may use: itself and, transitively, every template whose name appears
/// quoted in a used one (`{% extends "base.md.tera" %}`, `{% include "x.md.tera" %}`). Parsing
/// only these keeps compose fast however many templates are shipped.
fn reachable<'a>(sources: &'a [Source], main: &str) -> std::collections::BTreeSet<&'a str> {
    let mut needed = std::collections::BTreeSet::new();
    let mut queue: Vec<&Source> = sources.iter().filter(|s| s.name == main).collect();
    while let Some(s) = queue.pop() {
        if !needed.insert(s.name.as_str()) {
            continue;
        }
        for other in sources {
            let name = other.name.as_str();
            if !needed.contains(name)
                && (s.text.contains(&format!("\"{name}\""))
                    || s.text.contains(&format!("'{name}'")))
            {
                queue.push(other);
            }
        }
    }
    needed
}

/// Composes the report's Markdown: picks the template, renders it, collects figures and markers.
///
/// Errors (unknown figure, template syntax, unreadable template) come back as one diagnostic
/// pointing at the template file and line.
///
/// Only the templates the main template can reach (by quoted name) are parsed. The result's
/// Markdown holds markers, never figures as bare text: every number a function prints is in
/// [`Composed::figures`] with its provenance, and the composed value is all the document stage
/// needs besides the tables.
pub fn compose(
    report: &Report,
    catalogue: &Catalogue,
    options: &ComposeOptions,
) -> Result<Composition, Diagnostic> {
    let mut sources: Vec<Source> = SHIPPED
        .iter()
        .map(|(name, text)| Source {
            name: (*name).to_string(),
            shown: format!("templates/{name}"),
            text: (*text).to_string(),
        })
        .collect();
    if let Some(dir) = &options.templates {
        for s in read_dir_templates(dir)? {
            sources.retain(|o| o.name != s.name);
            sources.push(s);
        }
    }
    let main = match &report.meta.template {
        Some(rel) => {
            let base = Path::new(&report.file)
                .parent()
                .unwrap_or_else(|| Path::new(""));
            let path = base.join(rel);
            let shown = path.display().to_string();
            let s = read_source(shown.clone(), &path)?;
            sources.retain(|o| o.name != s.name);
            sources.push(s);
            shown
        }
        None => match report.meta.kind {
            ReportKind::Annual => "annual.md.tera".to_string(),
            ReportKind::HalfYear => "half-year.md.tera".to_string(),
            ReportKind::Disclosure => format!(
                "disclosure-{}.md.tera",
                report
                    .disclosure
                    .as_ref()
                    .map_or_else(
                        || crate::model::FormatId::for_year(report.meta.period.year()),
                        |d| d.format
                    )
                    .as_str()
            ),
        },
    };
    let shown_of = |name: &str| -> String {
        sources
            .iter()
            .find(|s| s.name == name)
            .map_or_else(|| name.to_string(), |s| s.shown.clone())
    };

    let shared = Arc::new(functions::Shared::new(report, catalogue, options));
    let mut tera = tera::Tera::new();
    functions::register(&mut tera, &shared);
    let needed = reachable(&sources, &main);
    tera.add_raw_templates(
        sources
            .iter()
            .filter(|s| needed.contains(s.name.as_str()))
            .map(|s| (s.name.as_str(), s.text.as_str())),
    )
    .map_err(|e| convert_error(&e, &shared, &shown_of))?;
    if !tera.get_template_names().any(|n| n == main) {
        return Err(
            Diagnostic::error("E-TEMPLATE", format!("找不到模板“{main}”"))
                .hint("请检查 meta.template，或用 --templates 提供这个模板"),
        );
    }

    let mut context = tera::Context::new();
    context.insert("meta", &meta_context(report));
    // The catalogue was read once per figure, by `Shared::new`; the context reuses those entries.
    let figures: BTreeMap<&str, FigureContext> = shared
        .figures()
        .iter()
        .map(|(k, e)| {
            (
                k.as_str(),
                FigureContext {
                    value: e
                        .value
                        .map_or_else(|| "XX".to_string(), numbers::as_written),
                    unit: e.unit.clone(),
                    name: e.name.clone(),
                    pending: e.value.is_none(),
                    previous: report.previous.contains_key(k),
                    qualifier: e.qualifier.map_or("", |q| q.word()),
                },
            )
        })
        .collect();
    context.insert("figures", &figures);
    if let Some(d) = &report.disclosure {
        context.insert("disclosure", &crate::disclosure::template_context(d));
    }

    let markdown = tera
        .render(&main, &context)
        .map_err(|e| convert_error(&e, &shared, &shown_of))?;
    let collected = shared.take();
    let main_shown = shown_of(&main);
    let mut templates: Vec<(String, String)> = sources
        .iter()
        .filter(|s| needed.contains(s.name.as_str()))
        .map(|s| (s.shown.clone(), s.text.clone()))
        .collect();
    templates.sort_by_key(|(shown, _)| *shown != main_shown);
    Ok(Composition {
        composed: Composed {
            markdown,
            figures: collected.figures,
            sign_off: Some(SignOff {
                agency: report.meta.agency.clone(),
                date: signed_date(&report.meta, false),
            }),
        },
        warnings: collected.warnings,
        templates,
    })
}

/// Turns a Tera error into a Chinese diagnostic at the template's file and line.
fn convert_error(
    e: &tera::Error,
    shared: &functions::Shared,
    shown_of: &dyn Fn(&str) -> String,
) -> Diagnostic {
    let failure = shared.take_failure();
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let span = r.span();
            let location = Location::new(
                shown_of(r.filename()),
                u32::try_from(span.start_line).unwrap_or(u32::MAX),
                u32::try_from(span.start_col + 1).unwrap_or(u32::MAX),
            );
            match failure {
                Some(d) => d.at(location),
                None => Diagnostic::error("E-TEMPLATE", format!("模板有误：{}", r.message()))
                    .at(location)
                    .hint("请对照 Tera 模板语法检查这一行"),
            }
        }
        tera::ErrorKind::MissingParent { current, parent } => template_error(
            format!("模板“{}”继承的模板“{parent}”不存在", shown_of(current)),
            &shown_of(current),
        )
        .hint(format!(
            "内置模板有：{}",
            SHIPPED
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join("、")
        )),
        tera::ErrorKind::CircularExtend { tpl, .. } => {
            template_error(format!("模板“{}”循环继承", shown_of(tpl)), &shown_of(tpl))
        }
        other => {
            failure.unwrap_or_else(|| Diagnostic::error("E-TEMPLATE", format!("模板有误：{other}")))
        }
    }
}

/// 成文日期 as printed: `XXXX年XX月XX日` while pending, nothing when the report has none.
fn signed_date(m: &crate::model::Meta, upper: bool) -> String {
    if m.date_pending.is_some() {
        return "XXXX年XX月XX日".to_string();
    }
    m.date
        .map_or_else(String::new, |d| numbers::chinese_date(d, upper))
}
