//! What templates see besides the functions: `meta`, `figures` and (for reports with
//! disclosure tables) `disclosure`.

use super::functions::{Entry, Shared};
use super::loaded::Loaded;
use crate::model::{Period, Report, ReportKind};
use crate::numbers;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What templates see under `meta` (see the module documentation of [`crate::compose`]).
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
    /// The previous-period value is 0: a growth rate has no meaning (`yoy` prints its `zero`
    /// phrase); templates can test it: `{% if figures.k.previous_zero %}…{% endif %}`.
    previous_zero: bool,
    /// The value is 0 (a denominator that makes `ratio`/`progress` meaningless).
    zero: bool,
    /// The approximation word written with it (约, 余, 以上 …), or empty.
    qualifier: &'static str,
}

/// The title used when `meta.title` is absent.
fn default_title(report: &Report) -> String {
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

/// The whole context of a report: `meta`, `figures` (entries read once, by `Shared::new`) and
/// `disclosure`. With `only` (the keys the template set mentions as `figures.<key>`, see
/// [`mentioned_figures`]), `figures` holds just those of the report's figures: a template that
/// reads no other way cannot tell the difference, and a 10,000-figure file then costs a few
/// entries instead of 10,000.
pub(super) fn build(
    report: &Report,
    shared: &Shared,
    only: Option<&BTreeSet<String>>,
) -> tera::Context {
    let mut context = tera::Context::new();
    context.insert("meta", &meta_context(report));
    let figures: BTreeMap<&str, FigureContext> = match only {
        Some(keys) => keys
            .iter()
            .filter_map(|k| shared.figures.get_key_value(k))
            .map(|(k, e)| (k.as_str(), figure_context(k, e, shared)))
            .collect(),
        None => shared
            .figures
            .iter()
            .map(|(k, e)| (k.as_str(), figure_context(k, e, shared)))
            .collect(),
    };
    context.insert("figures", &figures);
    if let Some(d) = &report.disclosure {
        context.insert("disclosure", &crate::disclosure::template_context(d));
    }
    context
}

/// What templates see under `figures.<key>` for the report's figure `key`.
fn figure_context(key: &str, e: &Entry, shared: &Shared) -> FigureContext {
    let previous = shared.previous.get(key);
    FigureContext {
        value: e
            .value
            .map_or_else(|| "XX".to_string(), numbers::as_written),
        unit: e.unit.clone(),
        name: e.name.clone(),
        pending: e.value.is_none(),
        previous: previous.is_some(),
        previous_zero: previous.and_then(|p| p.value).is_some_and(|v| v.is_zero()),
        zero: e.value.is_some_and(|v| v.is_zero()),
        qualifier: e.qualifier.map_or("", |q| q.word()),
    }
}

/// The figure keys the templates of a set mention as `figures.<key>` (or `figures["<key>"]`),
/// or `None` when one of them reads `figures` any other way (a loop over it, a lookup by
/// variable, the whole context dumped with `__tera_context`): then the context holds every
/// figure. Each template is read once per run (a shipped one when wengao is built).
pub(super) fn mentioned_figures<'t>(
    templates: impl IntoIterator<Item = &'t Loaded>,
) -> Option<BTreeSet<String>> {
    let mut keys = BTreeSet::new();
    for t in templates {
        let (mentioned, whole) = t.figure_mentions();
        if *whole {
            return None;
        }
        keys.extend(mentioned.iter().cloned());
    }
    Some(keys)
}

/// 成文日期 as printed: `XXXX年XX月XX日` while pending, nothing when the report has none.
pub(crate) fn signed_date(m: &crate::model::Meta, upper: bool) -> String {
    if m.date_pending.is_some() {
        return "XXXX年XX月XX日".to_string();
    }
    m.date
        .map_or_else(String::new, |d| numbers::chinese_date(d, upper))
}
