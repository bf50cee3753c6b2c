//! The `meta` part of an indicator file: 发文机关, period, 成文日期, report kind, title,
//! narrative template and catalogue, each field checked and reported on its own.
//!
//! A missing or wrong field gives its own located error with an example; the meta as a whole
//! exists only when every required field is valid, and the report kind must fit the period
//! (a half-year summary needs `2025-H1` or `2025-H2`).

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::model::{DocDate, Meta, Period, ReportKind};
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
                    Diagnostic::error("E-META-PERIOD", format!("期间“{}”不存在", p.value.0.trim()))
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
                let mut d = Diagnostic::error("E-META-REPORT", format!("不认识的报告类型“{word}”"))
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
    let catalogue = opt(&m.catalogue).map(|c| match base {
        Some(b) => b.join(c),
        None => PathBuf::from(c),
    });
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
            template: opt(&m.template).map(PathBuf::from),
            numbering,
        }),
        _ => None,
    };
    (meta, catalogue)
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
        return Err(format!("日期“{t}”写法不对"));
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
