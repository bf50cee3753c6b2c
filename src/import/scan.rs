//! Numbers in a paragraph: each one found, with its unit and qualifiers when it states a quantity,
//! or the reason it stays text (year, date, ordinal, document number, version, name, hotline …).
//!
//! Only Arabic numbers and the placeholders `XX`/`X`/`**` are candidates. Chinese numerals
//! (三家, 十余次, 超八成) always stay text: in reports they are mostly set phrases and ordinals,
//! and as text they survive a round trip unchanged (see README “导入”).

use rust_decimal::Decimal;

/// Why a number stays text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TextReason {
    /// A date or month (`12月`, `8月15日`).
    Date,
    /// Part of a range (`2017-2019年度`, `5-10个百分点`).
    Range,
    /// An ordinal (`第79次`).
    Ordinal,
    /// A document number (`〔2021〕30号`).
    DocumentNumber,
    /// A version (`2.0版`).
    Version,
    /// Inside 《》.
    InTitle,
    /// Inside quotes, or a name such as `1+23+514`.
    InQuotes,
    /// Joined to Latin letters (`DRGs2.0`).
    Code,
    /// A telephone number or hotline.
    Hotline,
    /// A list number inside a paragraph (`。1.根据…`).
    ListMarker,
    /// No unit follows.
    NoUnit,
    /// A duration used as part of a name (`24小时自助`).
    Attributive,
    /// An age condition (`60周岁`).
    Age,
    /// A compound amount (`X亿X千万元`).
    Compound,
    /// A placeholder that is a name, not a quantity (`XX市`).
    Placeholder,
    /// A censored number (`20_年`).
    Broken,
    /// Thousands separators (`1,234`).
    Separators,
    /// Full-width digits.
    FullWidth,
    /// A number that starts with 0 (a code).
    LeadingZero,
}

impl TextReason {
    /// The reason as the import report prints it.
    pub fn label(self) -> &'static str {
        match self {
            TextReason::Date => "日期或月份",
            TextReason::Range => "数值范围",
            TextReason::Ordinal => "序数（第N）",
            TextReason::DocumentNumber => "文号",
            TextReason::Version => "版本号",
            TextReason::InTitle => "书名号内（文件名）",
            TextReason::InQuotes => "引号或括号内的名称",
            TextReason::Code => "与字母相连（代号）",
            TextReason::Hotline => "电话或热线号码",
            TextReason::ListMarker => "段内序号",
            TextReason::NoUnit => "没有单位",
            TextReason::Attributive => "作定语的时长（名称的一部分）",
            TextReason::Age => "年龄条件",
            TextReason::Compound => "复合写法（如 X亿X千万元）",
            TextReason::Placeholder => "占位的名称（不是数量）",
            TextReason::Broken => "残缺的数字（如 20_年）",
            TextReason::Separators => "带千分位逗号",
            TextReason::FullWidth => "全角数字",
            TextReason::LeadingZero => "以 0 开头的编号",
        }
    }
}

/// A quantity: value (None while pending), unit and qualifiers as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    /// `None` for a placeholder (`XX`, `X`, `**`).
    pub value: Option<Decimal>,
    /// The unit as written, scale included: `万人次`, `元`, `%`, `万` (bare 万).
    pub unit: String,
    /// The unit follows the number directly (no qualifier or space between).
    pub unit_adjacent: bool,
    /// Byte offset in the paragraph where the unit ends.
    pub unit_end: usize,
    /// 约, 近, 超, 逾, 超过 right before the number.
    pub before: Option<&'static str>,
    /// 余/多 between number and unit, or 以上/左右/上下 after the unit.
    pub after: Option<&'static str>,
}

/// What a number found in the text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A quantity with its unit.
    Quantity(Quantity),
    /// A calendar year (`2020年`, `2020年度`), a reference candidate for meta.year.
    Year {
        /// The year.
        year: i32,
        /// Part of a full date (年月日): kept as written.
        in_full_date: bool,
    },
    /// Kept as text, and why.
    Text(TextReason),
}

/// One number (or placeholder) of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte range of the number itself.
    pub start: usize,
    /// Byte where the number ends.
    pub end: usize,
    /// The number as written.
    pub text: String,
    /// What it is.
    pub kind: Kind,
}

/// Units after a number (longest first where one is a prefix of another), without 万/亿 scale.
const UNITS: &[&str] = &[
    "个百分点",
    "百分点",
    "平方米",
    "大类",
    "个工作日",
    "周岁",
    "个月",
    "人次",
    "家次",
    "批次",
    "户次",
    "件次",
    "例次",
    "场次",
    "台次",
    "小时",
    "分钟",
    "公里",
    "元",
    "人",
    "名",
    "户",
    "家",
    "个",
    "件",
    "项",
    "次",
    "份",
    "例",
    "条",
    "场",
    "批",
    "册",
    "篇",
    "台",
    "盒",
    "种",
    "类",
    "所",
    "座",
    "间",
    "张",
    "本",
    "部",
    "辆",
    "套",
    "处",
    "组",
    "支",
    "位",
    "床",
    "天",
    "周",
    "倍",
    "成",
    "期",
    "岁",
    "吨",
    "亩",
    "瓶",
    "剂",
    "袋",
    "笔",
    "宗",
    "起",
    "轮",
    "年",
    "%",
    "％",
    "‰",
];

const SCALES: &[&str] = &["千万", "百万", "万", "亿"];
const BEFORE: &[&str] = &["超过", "约", "近", "超", "逾"];
const AFTER_UNIT: &[&str] = &["以上", "左右", "上下"];

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

fn is_fullwidth_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

fn is_placeholder_char(c: char) -> bool {
    matches!(c, 'X' | 'x' | 'Ｘ')
}

/// Which bytes are inside 《》, quotes or 〔〕【】[] (kept text: names, titles, document numbers).
fn enclosures(text: &str) -> Vec<(usize, usize, TextReason)> {
    let mut out = Vec::new();
    let mut open: Vec<(char, usize)> = Vec::new();
    let mut ascii_quote: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match c {
            '《' | '“' | '〔' | '【' | '[' | '「' => open.push((c, i)),
            '》' | '”' | '〕' | '】' | ']' | '」' => {
                let want = match c {
                    '》' => '《',
                    '”' => '“',
                    '〕' => '〔',
                    '】' => '【',
                    ']' => '[',
                    _ => '「',
                };
                if let Some(pos) = open.iter().rposition(|(o, _)| *o == want) {
                    let (_, start) = open.remove(pos);
                    let reason = match want {
                        '《' => TextReason::InTitle,
                        '〔' | '[' | '【' => TextReason::DocumentNumber,
                        _ => TextReason::InQuotes,
                    };
                    out.push((start, i, reason));
                }
            }
            '"' => match ascii_quote.take() {
                Some(s) => out.push((s, i, TextReason::InQuotes)),
                None => ascii_quote = Some(i),
            },
            _ => {}
        }
    }
    out
}

fn starts_with_any<'a>(s: &str, list: &[&'a str]) -> Option<&'a str> {
    list.iter().find(|w| s.starts_with(**w)).copied()
}

fn ends_with_any<'a>(s: &str, list: &[&'a str]) -> Option<&'a str> {
    list.iter().find(|w| s.ends_with(**w)).copied()
}

/// Reads scale, 余/多, a space and a unit after a number: (unit, adjacent, end, 余/多).
fn unit_after(text: &str, at: usize) -> Option<(String, bool, usize, Option<&'static str>)> {
    let mut rest = &text[at..];
    let mut unit = String::new();
    let mut adjacent = true;
    let mut qualifier = None;
    for q in ["余", "多"] {
        if let Some(r) = rest.strip_prefix(q) {
            qualifier = Some(q);
            adjacent = false;
            rest = r;
            break;
        }
    }
    if let Some(s) = starts_with_any(rest, SCALES) {
        unit.push_str(s);
        rest = &rest[s.len()..];
    }
    if qualifier.is_none() {
        for q in ["余", "多"] {
            if let Some(r) = rest.strip_prefix(q) {
                qualifier = Some(q);
                adjacent = false;
                rest = r;
                break;
            }
        }
    }
    if let Some(r) = rest.strip_prefix([' ', '\u{3000}'])
        && starts_with_any(r, UNITS).is_some()
    {
        adjacent = false;
        rest = r;
    }
    match starts_with_any(rest, UNITS) {
        Some(u) => {
            unit.push_str(if u == "％" { "%" } else { u });
            rest = &rest[u.len()..];
        }
        None if unit.is_empty() => return None,
        None => {}
    }
    Some((unit, adjacent, text.len() - rest.len(), qualifier))
}

/// Every number and placeholder of `text`, classified.
pub fn scan(text: &str) -> Vec<Found> {
    let enclosed = enclosures(text);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let char_at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut out: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let prev = i.checked_sub(1).and_then(char_at);
        let placeholder = is_placeholder_char(c) || (c == '*' && char_at(i + 1) == Some('*'));
        if !(is_digit(c) || is_fullwidth_digit(c) || placeholder)
            || prev.is_some_and(|p| {
                p.is_ascii_digit()
                    || p == '.'
                    || p == '*'
                    || (placeholder && p.is_ascii_alphabetic())
            })
        {
            i += 1;
            continue;
        }
        // The token: digits with one decimal point, or a run of X / **.
        let mut j = i;
        let mut full_width = false;
        let mut separators = false;
        if placeholder {
            while char_at(j).is_some_and(|c| is_placeholder_char(c) || c == '*') {
                j += 1;
            }
        } else {
            let mut seen_point = false;
            while let Some(c) = char_at(j) {
                if is_digit(c) || is_fullwidth_digit(c) {
                    full_width |= is_fullwidth_digit(c);
                    j += 1;
                } else if matches!(c, '.' | '．')
                    && !seen_point
                    && char_at(j + 1).is_some_and(|n| is_digit(n) || is_fullwidth_digit(n))
                {
                    seen_point = true;
                    j += 1;
                } else if c == ','
                    && !seen_point
                    && (j + 3 < chars.len() || j + 3 == chars.len())
                    && (1..=3).all(|k| char_at(j + k).is_some_and(is_digit))
                    && !char_at(j + 4).is_some_and(is_digit)
                {
                    separators = true;
                    j += 4;
                } else {
                    break;
                }
            }
        }
        let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
        let token = &text[start..end];
        let next = char_at(j);
        // A placeholder run that is part of a word (XXL, Xbox) is not one.
        if placeholder && (next.is_some_and(|n| n.is_ascii_alphabetic()) || token.len() > 9) {
            i = j;
            continue;
        }
        let kind = classify(text, &chars, i, j, start, end, &enclosed, &out, placeholder);
        let kind = if full_width {
            Kind::Text(TextReason::FullWidth)
        } else if separators && matches!(kind, Kind::Quantity(_) | Kind::Text(TextReason::NoUnit)) {
            Kind::Text(TextReason::Separators)
        } else {
            kind
        };
        out.push(Found {
            start,
            end,
            text: token.to_string(),
            kind,
        });
        i = j.max(i + 1);
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn classify(
    text: &str,
    chars: &[(usize, char)],
    i: usize,
    j: usize,
    start: usize,
    end: usize,
    enclosed: &[(usize, usize, TextReason)],
    earlier: &[Found],
    placeholder: bool,
) -> Kind {
    let char_at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let prev = i.checked_sub(1).and_then(char_at);
    let next = char_at(j);
    let before = &text[..start];
    let after = &text[end..];
    let token = &text[start..end];
    if let Some(&(_, _, reason)) = enclosed.iter().find(|(s, e, _)| *s < start && end <= *e) {
        return Kind::Text(reason);
    }
    if prev == Some('第') {
        return Kind::Text(TextReason::Ordinal);
    }
    if prev == Some('_') || next == Some('_') {
        return Kind::Text(TextReason::Broken);
    }
    if next.is_some_and(|n| n.is_ascii_alphabetic())
        || prev.is_some_and(|p| p.is_ascii_alphabetic())
    {
        return Kind::Text(TextReason::Code);
    }
    // 1+23+514, 12+8: numbers joined by + are a name.
    let plus_digit = |k: usize| char_at(k).is_some_and(|c| c.is_ascii_alphanumeric());
    if (next == Some('+') && plus_digit(j + 1))
        || (prev == Some('+') && i >= 2 && plus_digit(i - 2))
    {
        return Kind::Text(TextReason::InQuotes);
    }
    // The second half of X亿X千万元.
    if earlier.last().is_some_and(|f| {
        matches!(f.kind, Kind::Text(TextReason::Compound))
            && text[f.end..start].chars().count() <= 2
    }) {
        return Kind::Text(TextReason::Compound);
    }
    let sentence_start = prev.is_none_or(|p| {
        matches!(
            p,
            '。' | '；' | ';' | '：' | ':' | '！' | '？' | ')' | '）' | ' ' | '\u{3000}'
        )
    });
    let dash = |c: Option<char>| matches!(c, Some('-' | '－' | '—' | '~' | '～' | '至'));
    if !placeholder {
        if matches!(next, Some('.' | '．' | '、')) && sentence_start && token.len() <= 2 {
            return Kind::Text(TextReason::ListMarker);
        }
        if matches!(prev, Some('(' | '（')) && matches!(next, Some(')' | '）')) && token.len() <= 2
        {
            return Kind::Text(TextReason::ListMarker);
        }
        let phone_tail = earlier.last().is_some_and(|f| {
            f.kind == Kind::Text(TextReason::Hotline) && f.end + 1 >= start && dash(prev)
        });
        if phone_tail || (token.starts_with('0') && token.len() >= 3 && dash(next)) {
            return Kind::Text(TextReason::Hotline);
        }
        if token.len() > 1 && token.starts_with('0') && !token.starts_with("0.") {
            return Kind::Text(TextReason::LeadingZero);
        }
        // Dates and months.
        if after.starts_with(['月', '日']) || (after.starts_with('号') && before.ends_with('月'))
        {
            return Kind::Text(TextReason::Date);
        }
        if after.starts_with('号') {
            return Kind::Text(TextReason::DocumentNumber);
        }
        if after.starts_with('版') || before.ends_with(['V', 'v']) {
            return Kind::Text(TextReason::Version);
        }
        if after.starts_with("热线")
            || ends_with_any(before, &["电话", "热线", "拨打", "专线", "电话:", "电话："]).is_some()
        {
            return Kind::Text(TextReason::Hotline);
        }
        // Years: 2020年, 2020年度, 2020当年度, 2023、2024两年; or a bare 4-digit year with no unit.
        let year: Option<i32> = (token.len() == 4)
            .then(|| token.parse().ok())
            .flatten()
            .filter(|y| (1900..=2100).contains(y));
        if let Some(y) = year {
            let in_range =
                dash(next) || (dash(prev) && i >= 2 && char_at(i - 2).is_some_and(is_digit));
            if in_range {
                return Kind::Text(TextReason::Range);
            }
            if after.starts_with('年') || unit_after(text, end).is_none() {
                let full_date = after.strip_prefix('年').is_some_and(|r| {
                    let digits = r.chars().take_while(|c| c.is_ascii_digit()).count();
                    digits > 0 && r[digits..].starts_with('月') && {
                        let r = &r[digits + '月'.len_utf8()..];
                        let d = r.chars().take_while(|c| c.is_ascii_digit()).count();
                        d > 0 && r[d..].starts_with(['日', '号'])
                    }
                });
                return Kind::Year {
                    year: y,
                    in_full_date: full_date,
                };
            }
        }
        // Ranges 5-10个百分点, 1-6月 (but -2% is a negative rate).
        if dash(next) && char_at(j + 1).is_some_and(is_digit) {
            return Kind::Text(TextReason::Range);
        }
        if dash(prev)
            && i >= 2
            && char_at(i - 2).is_some_and(|c| is_digit(c) || c == '日' || c == '月')
        {
            return Kind::Text(TextReason::Range);
        }
    }
    let Some((unit, adjacent, unit_end, between)) = unit_after(text, end) else {
        return Kind::Text(if placeholder {
            TextReason::Placeholder
        } else {
            TextReason::NoUnit
        });
    };
    // X亿X千万元: a scale followed by another number.
    if SCALES.contains(&unit.as_str())
        && text[unit_end..].starts_with(|c: char| is_digit(c) || is_placeholder_char(c))
    {
        return Kind::Text(TextReason::Compound);
    }
    let rest = &text[unit_end..];
    if matches!(unit.as_str(), "岁" | "周岁") {
        return Kind::Text(TextReason::Age);
    }
    if matches!(
        unit.as_str(),
        "天" | "小时" | "分钟" | "周" | "年" | "个工作日"
    ) && rest
        .starts_with(|c: char| crate::source::is_cjk(c) && !"，。；：、（）！？“”".contains(c))
        && starts_with_any(rest, &["以上", "以内", "内", "左右", "的"]).is_none()
    {
        return Kind::Text(TextReason::Attributive);
    }
    if unit == "年" && token.len() >= 3 {
        return Kind::Text(TextReason::NoUnit);
    }
    let value = if placeholder {
        None
    } else {
        match Decimal::from_str_exact(&token.replace(',', "")) {
            Ok(v) => Some(v),
            Err(_) => return Kind::Text(TextReason::NoUnit),
        }
    };
    // A minus sign before a rate: 增长率-2%.
    let value = match (value, prev) {
        (Some(v), Some('-' | '－')) if unit == "%" => Some(-v),
        (v, _) => v,
    };
    let before_q = ends_with_any(before, BEFORE);
    let after_q = between.or_else(|| starts_with_any(rest, AFTER_UNIT));
    Kind::Quantity(Quantity {
        value,
        unit,
        unit_adjacent: adjacent,
        unit_end,
        before: before_q,
        after: after_q,
    })
}

/// Where a negative rate's minus sign starts (the byte before the number), if it has one.
pub fn minus_sign(text: &str, found: &Found) -> Option<usize> {
    let q = match &found.kind {
        Kind::Quantity(q) => q,
        _ => return None,
    };
    if q.value.is_some_and(|v| v.is_sign_negative()) {
        let before = &text[..found.start];
        before
            .char_indices()
            .last()
            .filter(|(_, c)| matches!(c, '-' | '－'))
            .map(|(i, _)| i)
    } else {
        None
    }
}
