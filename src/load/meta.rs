//! The `meta` part of an indicator file: 发文机关, period, 成文日期, report kind, title (and its
//! lines),
//! narrative template and catalogue, each field checked and reported on its own.
//!
//! A missing or wrong field gives its own located error with an example; the meta as a whole
//! exists only when every required field is valid, and the report kind must fit the period
//! (a half-year summary needs `2025-H1` or `2025-H2`).

use crate::chars::{QUOTED, clip};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::model::{DocDate, Meta, Period, ReportKind, TitleLines};
use crate::source::SourceFile;
use crate::yaml::{self, Spanned, Text};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// `meta:` as written: every field optional here, so that each missing one gets its own message.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMeta {
    /// 发文机关.
    agency: Option<Spanned<Text>>,
    /// `2020`, `2025-H1`, `2025-H2`.
    period: Option<Spanned<Text>>,
    /// 成文日期.
    date: Option<Spanned<Text>>,
    /// `annual`, `half-year` or `disclosure`.
    report: Option<Spanned<Text>>,
    /// A title replacing the default.
    title: Option<Spanned<Text>>,
    /// The title's printed lines, overriding the title-break chooser.
    title_lines: Option<Spanned<Vec<Spanned<Text>>>>,
    /// The report's narrative template, relative to the file.
    template: Option<Spanned<Text>>,
    /// A catalogue of the report's own, relative to the file.
    catalogue: Option<Spanned<Text>>,
    /// How headings of levels 1–4 are numbered: `["一、", "(一)", "1、", "(1)"]`.
    numbering: Option<Spanned<Vec<Text>>>,
}

/// Reads `meta` (written at `at`) into a [`Meta`] when every required field is valid, and the
/// `meta.catalogue` path resolved against `base` (the file's folder). Each problem is pushed to
/// `ds`; the meta is `None` if any required field is missing or wrong.
pub(super) fn meta(
    src: &SourceFile,
    m: &RawMeta,
    at: &Location,
    base: Option<&Path>,
    ds: &mut Diagnostics,
) -> (Option<Meta>, Option<PathBuf>) {
    let missing = |field: &str, what: &str, example: &str| {
        Diagnostic::error("E-META-MISSING", format!("meta 缺少 {field}（{what}）"))
            .at(at.clone())
            .path(format!("meta.{field}"))
            .hint(format!("例如 {field}: {example}"))
    };
    let agency = match &m.agency {
        Some(a) if !a.value.0.trim().is_empty() => Some(a.value.0.trim().to_string()),
        _ => {
            ds.push(missing("agency", "发文机关", "三门县医疗保障服务中心"));
            None
        }
    };
    let period = match &m.period {
        Some(p) => {
            let r = parse_period(&p.value.0);
            if r.is_none() {
                ds.push(
                    Diagnostic::error(
                        "E-META-PERIOD",
                        format!("期间“{}”不存在", clip(p.value.0.trim(), QUOTED)),
                    )
                    .at(yaml::at(&src.name, p))
                    .path("meta.period")
                    .hint("年度写 2020，上半年写 2025-H1，下半年写 2025-H2"),
                );
            }
            r
        }
        None => {
            ds.push(missing("period", "期间", "2020 或 2025-H1"));
            None
        }
    };
    let pending = |t: &str| {
        let t = t.trim();
        !t.is_empty() && (t.chars().all(|c| matches!(c, 'X' | 'x' | 'Ｘ')) || t == "**")
    };
    let date_pending = m
        .date
        .as_ref()
        .filter(|d| pending(&d.value.0))
        .map(|d| yaml::at(&src.name, d));
    // `date:` left empty counts as not written.
    let written_date = m.date.as_ref().filter(|d| !d.value.0.trim().is_empty());
    let date = match written_date {
        // Pending (wengao next writes it so): no date yet; the sign-off prints XXXX年XX月XX日.
        Some(d) if pending(&d.value.0) => None,
        Some(d) => {
            let r = parse_date(&d.value.0);
            if let Err(why) = &r {
                ds.push(
                    Diagnostic::error("E-META-DATE", why.clone())
                        .at(yaml::at(&src.name, d))
                        .path("meta.date")
                        .hint("成文日期写成 2021-01-07"),
                );
            }
            r.ok()
        }
        None => None,
    };
    let date_missing = written_date.is_none();
    let kind = match &m.report {
        Some(r) => {
            let k = parse_kind(&r.value.0);
            if k.is_none() {
                let word = r.value.0.trim();
                let choices = ["annual", "half-year", "disclosure"];
                let mut d = Diagnostic::error(
                    "E-META-REPORT",
                    format!("不认识的报告类型“{}”", clip(word, QUOTED)),
                )
                .at(yaml::at(&src.name, r))
                .path("meta.report");
                d = match yaml::did_you_mean(word, choices) {
                    Some(s) => d.hint(format!(
                        "是不是“{s}”？可写 annual（年度总结）、half-year（半年总结）、disclosure（政府信息公开年报）"
                    )),
                    None => d.hint(
                        "可写 annual（年度总结）、half-year（半年总结）、disclosure（政府信息公开年报）",
                    ),
                };
                ds.push(d);
            }
            k
        }
        None => {
            ds.push(missing("report", "报告类型", "annual"));
            None
        }
    };
    if let (Some(k), Some(p), Some(r)) = (kind, period, &m.report) {
        let fits = match k {
            ReportKind::HalfYear => p.is_half_year(),
            ReportKind::Annual | ReportKind::Disclosure => !p.is_half_year(),
        };
        if !fits {
            ds.push(
                Diagnostic::error(
                    "E-META-REPORT",
                    format!("报告类型 {} 与期间 {p} 不符", r.value.0.trim()),
                )
                .at(yaml::at(&src.name, r))
                .path("meta.report")
                .hint("半年报告的期间写 2025-H1 或 2025-H2；年度报告写 2020"),
            );
        }
    }
    let opt = |s: &Option<Spanned<Text>>| {
        s.as_ref()
            .map(|t| t.value.0.trim().to_string())
            .filter(|t| !t.is_empty())
    };
    // Under the sandbox rules when the file's folder is known (a regular YAML file under it, at
    // most 10 MB); a refusal points at this line and the catalogue is left out.
    let catalogue = match (opt(&m.catalogue), &m.catalogue, base) {
        (Some(c), Some(written), Some(b)) => {
            let at = yaml::at(&src.name, written);
            let roots = crate::sandbox::Roots::in_dir(b);
            match crate::sandbox::open(&c, crate::sandbox::Named::Catalogue, &at, &roots) {
                Ok(_) => Some(b.join(c)),
                Err(d) => {
                    ds.push(d);
                    None
                }
            }
        }
        (Some(c), _, _) => Some(PathBuf::from(c)),
        _ => None,
    };
    if let (Some(period), Some(date), Some(at)) = (period, date, &m.date) {
        ds.extend(date_before_period_end(
            period,
            date,
            yaml::at(&src.name, at),
        ));
    }
    if let (Some(period), Some(title)) = (period, &m.title) {
        ds.extend(title_period(
            period,
            title.value.0.trim(),
            yaml::at(&src.name, title),
        ));
    }
    // A disclosure report may leave the date out (some published reports show none); every
    // other report needs one.
    let date_ok = match (date_missing, kind) {
        (false, _) => date.is_some() || date_pending.is_some(),
        (true, Some(ReportKind::Disclosure)) => {
            ds.push(
                Diagnostic::warning(
                    "W-META-DATE-MISSING",
                    "meta 没有写成文日期，落款将只印发文机关",
                )
                .at(at.clone())
                .path("meta.date")
                .hint("原报告落款有日期的，请写上 date: 2021-01-07；原报告没有日期的可不理会"),
            );
            true
        }
        (true, _) => {
            ds.push(missing("date", "成文日期", "2021-01-07"));
            false
        }
    };
    let numbering = m.numbering.as_ref().and_then(|n| numbering(src, n, ds));
    let meta = match (agency, period, date_ok, kind) {
        (Some(agency), Some(period), true, Some(kind)) => Some(Meta {
            agency,
            period,
            date,
            date_pending,
            kind,
            title: opt(&m.title),
            title_lines: title_lines(src, m.title_lines.as_ref(), ds),
            template: opt(&m.template).map(PathBuf::from),
            template_location: m.template.as_ref().map(|t| yaml::at(&src.name, t)),
            numbering,
        }),
        _ => None,
    };
    (meta, catalogue)
}

/// `meta.title_lines`: the title's printed lines, each non-empty.
fn title_lines(
    src: &SourceFile,
    raw: Option<&Spanned<Vec<Spanned<Text>>>>,
    ds: &mut Diagnostics,
) -> Option<TitleLines> {
    let raw = raw?;
    let mut lines = Vec::with_capacity(raw.value.len());
    for line in &raw.value {
        let text = line.value.0.trim();
        if text.is_empty() {
            ds.push(
                Diagnostic::error("E-META-TITLE-LINES", "标题分行（title_lines）中有空行")
                    .at(yaml::at(&src.name, line))
                    .path("meta.title_lines")
                    .hint("每一项写标题的一行文字，删去空项；不需要自己分行就删去 title_lines"),
            );
            return None;
        }
        lines.push(text.to_string());
    }
    if lines.is_empty() {
        ds.push(
            Diagnostic::error("E-META-TITLE-LINES", "标题分行（title_lines）是空的")
                .at(yaml::at(&src.name, raw))
                .path("meta.title_lines")
                .hint("写成列表，每项一行，如 [三门县医疗保障服务中心, 2020年度工作总结和2021年度工作计划]；不需要就删去"),
        );
        return None;
    }
    Some(TitleLines {
        lines,
        at: yaml::at(&src.name, raw),
    })
}

/// The last day of a period.
fn period_end(p: Period) -> DocDate {
    let (year, month, day) = match p {
        Period::Year(y) | Period::SecondHalf(y) => (y, 12, 31),
        Period::FirstHalf(y) => (y, 6, 30),
    };
    DocDate { year, month, day }
}

/// `W-META-DATE-EARLY`: a summary dated before the period it sums up has ended.
fn date_before_period_end(p: Period, date: DocDate, at: Location) -> Option<Diagnostic> {
    let end = period_end(p);
    (date < end).then(|| {
        Diagnostic::warning(
            "W-META-DATE-EARLY",
            format!(
                "成文日期 {} 早于期间 {} 的结束（{}）",
                date.chinese(),
                p.chinese(),
                end.chinese()
            ),
        )
        .at(at)
        .path("meta.date")
        .hint("核对成文日期和期间：总结一般在期间结束后成文；提前成文的可不理会")
    })
}

/// `W-META-TITLE-PERIOD`: a title that names another year, or another part of the year, than
/// `meta.period` (a title may name the next year too: the plan part).
fn title_period(p: Period, title: &str, at: Location) -> Vec<Diagnostic> {
    let year = p.year();
    let warn = |what: String| {
        Diagnostic::warning("W-META-TITLE-PERIOD", what)
            .at(at.clone())
            .path("meta.title")
            .hint("核对标题和 meta.period：是不是沿用了上一期的标题，或期间写错了")
    };
    let mut out = Vec::new();
    let years = years_in(title);
    if let Some(other) = years.iter().find(|y| **y != year && **y != year + 1) {
        out.push(warn(format!("标题写的是{other}年，期间是 {}", p.chinese())));
    } else if !years.is_empty() && !years.contains(&year) {
        out.push(warn(format!(
            "标题里没有期间的年份 {year}（期间是 {}）",
            p.chinese()
        )));
    }
    let says = |w: &str| title.contains(w);
    let half = match p {
        Period::Year(_) if says("上半年") || (says("下半年") && !says("年度")) => {
            Some("半年")
        }
        Period::FirstHalf(_) if !says("上半年") && (says("年度") || says("下半年")) => {
            Some(if says("下半年") {
                "下半年"
            } else {
                "全年"
            })
        }
        Period::SecondHalf(_) if !says("下半年") && (says("年度") || says("上半年")) => {
            Some(if says("上半年") {
                "上半年"
            } else {
                "全年"
            })
        }
        _ => None,
    };
    if let Some(named) = half {
        out.push(warn(format!("标题说的是{named}，期间是 {}", p.chinese())));
    }
    out
}

/// The years (1949–2199) a text names: four digits followed by 年.
fn years_in(text: &str) -> Vec<i32> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for i in 0..chars.len().saturating_sub(4) {
        let digits = &chars[i..i + 4];
        let before_digit = i > 0 && chars[i - 1].is_ascii_digit();
        if !before_digit && digits.iter().all(char::is_ascii_digit) && chars[i + 4] == '年' {
            let y: String = digits.iter().collect();
            if let Ok(y) = y.parse::<i32>()
                && (1949..=2199).contains(&y)
                && !out.contains(&y)
            {
                out.push(y);
            }
        }
    }
    out
}

/// `2020`, `2025-H1`, `2025-H2` (years 1949–2199).
pub fn parse_period(text: &str) -> Option<Period> {
    let t = text.trim();
    let (year, half) = match t.split_once('-') {
        Some((y, h)) => (y, Some(h)),
        None => (t, None),
    };
    if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let y: i32 = year.parse().ok()?;
    if !(1949..=2199).contains(&y) {
        return None;
    }
    match half {
        None => Some(Period::Year(y)),
        Some("H1") | Some("h1") => Some(Period::FirstHalf(y)),
        Some("H2") | Some("h2") => Some(Period::SecondHalf(y)),
        Some(_) => None,
    }
}

/// `2021-01-07` (also `2021-1-7` and `2021年1月7日`); the date must exist.
pub fn parse_date(text: &str) -> Result<DocDate, String> {
    let t = text.trim();
    let parts: Vec<&str> = if t.contains('年') {
        t.trim_end_matches('日').split(['年', '月']).collect()
    } else {
        t.split('-').collect()
    };
    let nums: Option<Vec<u32>> = match parts.as_slice() {
        [y, m, d] => [y, m, d]
            .iter()
            .map(|p| {
                (!p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
                    .then(|| p.parse::<u32>().ok())
                    .flatten()
            })
            .collect(),
        _ => None,
    };
    let Some([y, m, d]) = nums.as_deref().and_then(|n| <[u32; 3]>::try_from(n).ok()) else {
        return Err(format!("日期“{}”写法不对", clip(t, QUOTED)));
    };
    if !(1949..=2199).contains(&y) {
        return Err(format!("日期“{t}”的年份不对"));
    }
    DocDate::new(y as i32, m, d).ok_or_else(|| {
        if (1..=12).contains(&m) {
            format!("日期“{t}”不存在（{y}年{m}月没有{d}日）")
        } else {
            format!("日期“{t}”不存在（没有{m}月）")
        }
    })
}

/// `annual`/`年度`, `half-year`/`半年`, `disclosure`/`政府信息公开`.
fn parse_kind(text: &str) -> Option<ReportKind> {
    match text.trim() {
        "annual" | "年度" => Some(ReportKind::Annual),
        "half-year" | "半年" => Some(ReportKind::HalfYear),
        "disclosure" | "政府信息公开" => Some(ReportKind::Disclosure),
        _ => None,
    }
}

/// `meta.numbering`: four styles, each with one 一 or 1 standing for the number.
fn numbering(
    src: &SourceFile,
    n: &Spanned<Vec<Text>>,
    ds: &mut Diagnostics,
) -> Option<[String; 4]> {
    let styles: Vec<String> = n.value.iter().map(|t| t.0.trim().to_string()).collect();
    let ok = styles.len() == 4
        && styles.iter().all(|s| {
            s.chars().filter(|&c| c == '一' || c == '1').count() == 1 && s.chars().count() <= 6
        });
    if !ok {
        ds.push(
            Diagnostic::error("E-META-NUMBERING", "meta.numbering 应为四级标题编号的写法")
                .at(yaml::at(&src.name, n))
                .path("meta.numbering")
                .hint("写四项，每项含一个“一”或“1”代表序号，例如 [\"一、\", \"(一)\", \"1、\", \"(1)\"]"),
        );
        return None;
    }
    Some([0, 1, 2, 3].map(|i| styles[i].clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_date_against_the_period() {
        let at = Location::new("t", 1, 1);
        let codes = |p: &str, title: &str| -> Vec<String> {
            let p = parse_period(p).unwrap_or(Period::Year(0));
            title_period(p, title, at.clone())
                .into_iter()
                .map(|d| d.message)
                .collect()
        };
        assert!(
            codes(
                "2020",
                "三门县医疗保障服务中心2020年度工作总结和2021年度工作计划"
            )
            .is_empty()
        );
        assert_eq!(
            codes("2020", "2019年度工作总结"),
            ["标题写的是2019年，期间是 2020年"]
        );
        assert_eq!(
            codes("2020", "2020年上半年工作总结"),
            ["标题说的是半年，期间是 2020年"]
        );
        assert!(codes("2025-H1", "2025年上半年工作总结和下半年工作安排").is_empty());
        assert_eq!(
            codes("2025-H1", "2025年度工作总结"),
            ["标题说的是全年，期间是 2025年上半年"]
        );
        let early = date_before_period_end(
            Period::Year(2020),
            DocDate {
                year: 2020,
                month: 12,
                day: 20,
            },
            at.clone(),
        );
        assert_eq!(
            early.map(|d| d.message),
            Some("成文日期 2020年12月20日 早于期间 2020年 的结束（2020年12月31日）".to_string())
        );
        assert!(
            date_before_period_end(
                Period::FirstHalf(2025),
                DocDate {
                    year: 2025,
                    month: 7,
                    day: 1
                },
                at
            )
            .is_none()
        );
    }

    #[test]
    fn periods_and_dates() {
        assert_eq!(parse_period("2020"), Some(Period::Year(2020)));
        assert_eq!(parse_period("2025-H2"), Some(Period::SecondHalf(2025)));
        assert_eq!(parse_period("2025-H3"), None);
        assert_eq!(parse_period("2025-13"), None);
        assert!(parse_date("2021-01-07").is_ok());
        assert!(parse_date("2021年1月7日").is_ok());
        assert_eq!(
            parse_date("2021-02-30"),
            Err("日期“2021-02-30”不存在（2021年2月没有30日）".to_string())
        );
        assert!(parse_date("2020-02-29").is_ok());
    }
}
