//! The insurance a name is about (城乡居民医保, 职工医保 …) and the normal form names are
//! compared in when matching the catalogue: subject words made canonical, 的 and quotes dropped,
//! unit notes and 金额/总额 endings left out, so 城乡医保基金支出总额 meets 城乡居民医保基金支出.

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
];

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

/// Rewrites subject words to their canonical form (`城乡医保参保人数` → `城乡居民医保参保人数`),
/// drops 的, quotes and spaces: the form names are compared in.
pub fn normalise(name: &str) -> String {
    let mut s: String = name
        .chars()
        .filter(|c| !matches!(c, '的' | '“' | '”' | '"' | '\'' | ' ' | '　' | '《' | '》'))
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
    for (word, canon) in SUBJECTS {
        if word != canon && s.contains(word) && !s.contains(canon) {
            s = s.replacen(word, canon, 1);
        }
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
    s
}
