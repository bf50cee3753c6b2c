//! The insurance a name is about (城乡居民医保, 职工医保 …) and the normal form names are
//! compared in when matching the catalogue: subject words made canonical, 的 and quotes dropped,
//! unit notes and 金额/总额 endings left out, so 城乡医保基金支出总额 meets 城乡居民医保基金支出;
//! and whether a value fits the catalogue figure it would take.

use super::words::UNIT_ENDINGS;
use crate::catalogue::{Catalogue, FigureDef};
use crate::units::Dimension;
use rust_decimal::Decimal;

/// The insurance (or programme) a name is about, as a canonical prefix.
const SUBJECTS: &[(&str, &str)] = &[
    ("城乡居民基本医疗保险", "城乡居民医保"),
    ("城乡居民基本医保", "城乡居民医保"),
    ("城乡居民医疗保险", "城乡居民医保"),
    ("城乡居民医保", "城乡居民医保"),
    ("城乡医保", "城乡居民医保"),
    ("居民医保", "城乡居民医保"),
    ("城乡居保", "城乡居民医保"),
    ("城乡居民", "城乡居民医保"),
    ("城镇职工基本医疗保险", "职工医保"),
    ("职工基本医疗保险", "职工医保"),
    ("城镇职工医保", "职工医保"),
    ("职工基本医保", "职工医保"),
    ("职工医保", "职工医保"),
    ("城镇职工", "职工医保"),
    ("职工和生育", "职工医保"),
    ("生育保险", "生育保险"),
    ("长期护理保险", "长护险"),
    ("长护险", "长护险"),
    ("医疗救助", "医疗救助"),
    ("基本医疗保险", "基本医保"),
    ("基本医保", "基本医保"),
];

/// Every subject word as written in reports, longest first where one contains another.
pub const SUBJECT_WORDS: &[&str] = &[
    "城乡居民基本医疗保险",
    "城乡居民基本医保",
    "城乡居民医疗保险",
    "城乡居民医保",
    "城镇职工基本医疗保险",
    "职工基本医疗保险",
    "城镇职工医保",
    "职工基本医保",
    "城乡医保",
    "居民医保",
    "城乡居保",
    "城乡居民",
    "职工医保",
    "城镇职工",
    "生育保险",
    "长期护理保险",
    "长护险",
    "医疗救助",
    "基本医疗保险",
    "基本医保",
];

/// The subject a name consists of and nothing else (城乡居民医保, 城乡居保 …).
pub fn only_subject(name: &str) -> Option<&'static str> {
    SUBJECTS.iter().find(|(w, _)| *w == name).map(|(_, c)| *c)
}

/// A period a figure is about other than the report's own: a year before or after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Time {
    /// The year before the period (上年度).
    Previous,
    /// The year after it (下年度).
    Next,
}

impl Time {
    /// The word names carry: 上年度 or 下年度.
    pub fn word(self) -> &'static str {
        match self {
            Time::Previous => "上年度",
            Time::Next => "下年度",
        }
    }

    /// `s` without time words.
    pub fn strip(s: &str) -> String {
        s.replace("上年度", "")
            .replace("下年度", "")
            .replace("本年度", "")
    }

    /// The time word `s` carries, if any.
    pub fn of(s: &str) -> Option<Time> {
        if s.contains("上年度") {
            Some(Time::Previous)
        } else if s.contains("下年度") {
            Some(Time::Next)
        } else {
            None
        }
    }
}

/// The canonical subject the text mentions last, if any.
pub fn last_subject(text: &str) -> Option<&'static str> {
    let mut best: Option<(usize, &'static str)> = None;
    for (word, canon) in SUBJECTS {
        if let Some(i) = text.rfind(word) {
            let end = i + word.len();
            if best.is_none_or(|(b, _)| end > b) {
                best = Some((end, canon));
            }
        }
    }
    best.map(|(_, c)| c)
}

/// The canonical subject `text` mentions last outside the brackets it has already closed: the
/// parts listed in a closed bracket (…3112人次(其中城乡居保2797人次,职工医保315人次)意外伤害案件,
/// 241人次…) do not make what follows theirs; an open bracket's parts still do.
pub fn last_subject_outside_brackets(text: &str) -> Option<&'static str> {
    let mut outside = String::with_capacity(text.len());
    let mut inner: Vec<String> = Vec::new();
    for c in text.chars() {
        match c {
            '(' | '（' => inner.push(String::new()),
            ')' | '）' if !inner.is_empty() => {
                inner.pop();
            }
            _ => match inner.last_mut() {
                Some(part) => part.push(c),
                None => outside.push(c),
            },
        }
    }
    // Still open: their text counts (the figure is one of those parts).
    for part in inner {
        outside.push_str(&part);
    }
    last_subject(&outside)
}

/// Rewrites subject words to their canonical form (`城乡医保参保人数` → `城乡居民医保参保`),
/// drops 的, quotes, spaces and the ending that only restates the unit (人数, 家次 …: the unit is
/// compared on its own), and puts a time word first: the form names are compared in.
pub fn normalise(name: &str) -> String {
    let mut s: String = name
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '的' | '“' | '”' | '"' | '\'' | ' ' | '　' | '《' | '》' | '、' | '·'
            )
        })
        .collect();
    // A unit or period note at the end (“（万人）”, “（元/人·年）”) is not part of the name.
    while let Some(open) = s.rfind(['（', '(']) {
        let inner = s[open..]
            .trim_start_matches(['（', '('])
            .trim_end_matches(['）', ')']);
        let unit_note = !inner.is_empty()
            && inner
                .chars()
                .all(|c| "万亿元人次户家件%/·年月日".contains(c));
        if open > 0 && s.ends_with(['）', ')']) && unit_note {
            s.truncate(open);
        } else {
            break;
        }
    }
    let time = Time::of(&s);
    s = Time::strip(&s);
    for (word, canon) in SUBJECTS {
        if word != canon && s.contains(word) && !s.contains(canon) {
            s = s.replacen(word, canon, 1);
        }
    }
    for (word, canon) in [("缴纳", "缴费"), ("各级财政", "财政"), ("当年度", "当年")]
    {
        s = s.replace(word, canon);
    }
    for (ending, keep) in [
        ("支出金额", "支出"),
        ("支出总额", "支出"),
        ("收入金额", "收入"),
        ("结余资金", "结余"),
        ("支出费用", "支出"),
        ("金额", ""),
    ] {
        if let Some(stem) = s.strip_suffix(ending)
            && stem.chars().count() >= 2
        {
            s = format!("{stem}{keep}");
            break;
        }
    }
    while let Some(e) = UNIT_ENDINGS
        .iter()
        .filter(|e| s.ends_with(**e) && s.chars().count() > e.chars().count() + 1)
        .max_by_key(|e| e.len())
    {
        s.truncate(s.len() - e.len());
    }
    match time {
        Some(t) => format!("{}{s}", t.word()),
        None => s,
    }
}

/// Whether a value fits a catalogue figure's rules (decimals, range) as `check` applies them.
pub fn fits(catalogue: &Catalogue, def: &FigureDef, value: Option<Decimal>) -> bool {
    let Some(v) = value else { return true };
    if catalogue
        .max_decimals(&def.key)
        .is_some_and(|dp| v.scale() > dp)
    {
        return false;
    }
    let unit = catalogue.unit_of(&def.key);
    let percent = unit.is_some_and(|u| u.dimension == Dimension::Percent);
    let whole = unit.is_some_and(|u| u.is_whole_count());
    let unstated = def.min.is_none() && def.max.is_none();
    let min = def
        .min
        .or(((unstated && percent) || whole).then_some(Decimal::ZERO));
    let max = def
        .max
        .or((unstated && percent).then_some(Decimal::ONE_HUNDRED));
    min.is_none_or(|m| v >= m) && max.is_none_or(|m| v <= m)
}

/// The `fig(scale=…)` name of a unit prefix.
pub fn scale_name(prefix: &str) -> Option<&'static str> {
    match prefix {
        "" => Some(""),
        "万" => Some("万"),
        "亿" => Some("亿"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_brackets_keep_their_subjects() {
        let s = "我县共受理并审核审批3112人次(其中城乡居保2797人次,职工医保315人次)意外伤害案件,";
        assert_eq!(last_subject(s), Some("职工医保"));
        assert_eq!(last_subject_outside_brackets(s), None);
        assert_eq!(
            last_subject_outside_brackets("共3112人次(其中城乡居保2797人次,职工医保"),
            Some("职工医保")
        );
        assert_eq!(
            last_subject_outside_brackets("职工医保(不含生育)参保"),
            Some("职工医保")
        );
    }
}
