//! What the original does not state outright: the period (from the title, the headings, the
//! sign-off date or the years the text mentions), the kind of report, the agency.

use super::outline::{Item, Outline};
use crate::model::{DocDate, Period, ReportKind};
use std::collections::BTreeMap;

/// The first 4-digit year (1949–2199) in `text` followed by 年, and the text after 年.
fn years(text: &str) -> Vec<(i32, &str)> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && !b.get(i + 4).is_some_and(u8::is_ascii_digit)
            && let Ok(y) = text[i..i + 4].parse::<i32>()
            && (1949..=2199).contains(&y)
        {
            out.push((y, &text[i + 4..]));
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

fn half_of(text: &str) -> Option<bool> {
    let first = text.find("上半年");
    let second = text.find("下半年");
    match (first, second) {
        (Some(a), Some(b)) => Some(a < b),
        (Some(_), None) => Some(true),
        (None, Some(_)) => Some(false),
        (None, None) => None,
    }
}

/// The period a report covers, and where that was read (for the report).
pub fn period(outline: &Outline, all_text: &str) -> Option<(Period, &'static str)> {
    let title: String = outline.title.iter().map(|l| l.text.as_str()).collect();
    let headings: String = outline
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Heading(h) if h.level == 1 => Some(h.text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("；");
    let make = |year: i32, half: Option<bool>| match half {
        Some(true) => Period::FirstHalf(year),
        Some(false) => Period::SecondHalf(year),
        None => Period::Year(year),
    };
    for (text, source) in [(&title, "标题"), (&headings, "一级标题")] {
        if let Some(&(y, rest)) = years(text).first() {
            let half = if rest.starts_with("年上半年") || rest.starts_with("上半年") {
                Some(true)
            } else if rest.starts_with("年下半年") || rest.starts_with("下半年") {
                Some(false)
            } else {
                None
            };
            return Some((make(y, half), source));
        }
    }
    let half = half_of(&title).or_else(|| half_of(&headings));
    if let Some(s) = &outline.sign_off {
        let d = s.date;
        let (year, half) = match half {
            Some(h) => (d.year, Some(h)),
            // A report signed early in the year covers the year before.
            None if d.month <= 3 => (d.year - 1, None),
            None => (d.year, None),
        };
        return Some((make(year, half), "落款日期"));
    }
    // The year the text mentions most.
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for (y, _) in years(all_text) {
        *counts.entry(y).or_default() += 1;
    }
    let best = counts
        .iter()
        .max_by_key(|(y, n)| (**n, **y))
        .map(|(y, _)| *y)?;
    let half = half.or_else(|| all_text.contains("上半年").then_some(true));
    Some((make(best, half), "正文中出现最多的年份"))
}

/// The kind of report, from the title and the period.
pub fn kind(outline: &Outline, period: Period) -> ReportKind {
    let title: String = outline.title.iter().map(|l| l.text.as_str()).collect();
    if title.contains("政府信息公开") {
        ReportKind::Disclosure
    } else if period.is_half_year() {
        ReportKind::HalfYear
    } else {
        ReportKind::Annual
    }
}

/// The agency: the sign-off's, else the title's words before its year.
pub fn agency(outline: &Outline) -> Option<String> {
    if let Some(s) = &outline.sign_off {
        return Some(s.agency.text.clone());
    }
    let title: String = outline.title.iter().map(|l| l.text.as_str()).collect();
    let cut = title.find(|c: char| c.is_ascii_digit())?;
    let a = title[..cut].trim_end_matches("关于");
    (a.chars().count() >= 2).then(|| a.to_string())
}

/// A date for a report that has none: the day after its period ends.
pub fn date_after(period: Period) -> DocDate {
    let fallback = DocDate {
        year: 2000,
        month: 1,
        day: 1,
    };
    match period {
        Period::Year(y) | Period::SecondHalf(y) => DocDate::new(y + 1, 1, 1).unwrap_or(fallback),
        Period::FirstHalf(y) => DocDate::new(y, 7, 1).unwrap_or(fallback),
    }
}
