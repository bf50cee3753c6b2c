//! Chinese names for figures, from the clause a number stands in ("城乡居民医保参保人数为311881人"
//! → 城乡居民医保参保人数), and the insurance the paragraph or section is about (its subject), so
//! names can be matched against the catalogue and told apart.

use super::scan::{Found, Kind};
pub use super::subjects::{last_subject, normalise};

/// Characters that end a clause (looking back from a number).
fn is_delimiter(c: char) -> bool {
    matches!(
        c,
        '，' | ','
            | '；'
            | ';'
            | '。'
            | '：'
            | ':'
            | '！'
            | '？'
            | '!'
            | '?'
            | '、'
            | '（'
            | '('
            | '）'
            | ')'
            | '+'
            | '　'
            | '|'
    )
}

/// Words that end a clause before its number and are not part of the name.
const TRAILING: &[&str] = &[
    "总额为",
    "分别为",
    "分别是",
    "提高到",
    "提高至",
    "提升至",
    "提升到",
    "下降至",
    "下降到",
    "降低至",
    "降低到",
    "上升至",
    "上升到",
    "增加到",
    "增加至",
    "压缩至",
    "调整至",
    "调整为",
    "达到了",
    "达到",
    "共计",
    "合计",
    "总计",
    "累计",
    "为",
    "达",
    "共",
    "计",
    "有",
    "是",
    "约",
    "近",
    "超过",
    "超",
    "逾",
    "仅",
    "已",
    "到",
    "至",
    "降至",
    "增至",
    "突破",
    "的",
    "了",
    "在",
    "从",
    "由",
    "对",
    "将",
    "于",
    "将近",
    "接近",
    "不足",
    "不到",
    "高达",
    "多达",
    "均",
    "都",
    "两个",
    "均达到",
];

/// Words that start a clause and are not part of the name.
const LEADING: &[&str] = &[
    "其中",
    "包括",
    "包含",
    "含",
    "以及",
    "并且",
    "并",
    "及",
    "和",
    "且",
    "另外",
    "另",
    "同时",
    "此外",
    "截至目前",
    "截止目前",
    "截至",
    "截止",
    "目前",
    "今年以来",
    "今年",
    "上半年",
    "下半年",
    "全年",
    "年内",
    "本年度",
    "当年度",
    "本年",
    "当年",
    "年度",
    "以来",
    "共",
    "累计",
    "已经",
    "已",
    "我县",
    "全县",
    "我市",
    "全市",
    "我区",
    "全区",
    "我局",
    "本局",
    "我省",
    "全省",
    "我们",
    "区内",
    "县内",
    "市内",
    "县域内",
    "共有",
    "实现",
    "完成",
    "为",
    "对",
    "向",
    "给",
    "在",
    "与",
    "将",
    "把",
    "由",
    "按",
    "经",
    "通过",
    "有",
    "是",
    "均",
    "都",
    "月底",
    "底",
    "末",
    "份",
    "期间",
    "累计为",
    "共计",
];

/// The unit's suffix a name gets when it does not already end in a measure word.
fn unit_suffix(unit: &str) -> &'static str {
    let base = unit.trim_start_matches(['千', '百', '万', '亿']);
    match base {
        "人" | "名" => "人数",
        "人次" => "人次",
        "元" => "金额",
        "%" | "‰" => "比例",
        "个百分点" | "百分点" => "百分点",
        "家" => "家数",
        "家次" => "家次",
        "件" => "件数",
        "个" => "个数",
        "项" => "项数",
        "份" => "份数",
        "例" => "例数",
        "条" => "条数",
        "次" => "次数",
        "户" => "户数",
        "种" => "种数",
        "批" | "批次" => "批次",
        "场" => "场次",
        "台" => "台数",
        "个月" => "月数",
        "天" => "天数",
        "类" | "大类" => "类数",
        "期" => "期数",
        "" => "数",
        _ => "数量",
    }
}

/// Name endings that already say what is measured.
const MEASURED: &[&str] = &[
    "数",
    "人次",
    "率",
    "比例",
    "比重",
    "占比",
    "额",
    "金",
    "费",
    "支出",
    "收入",
    "结余",
    "资金",
    "费用",
    "金额",
    "标准",
    "基金",
    "次",
    "量",
    "百分点",
    "家次",
    "规模",
    "增长",
    "下降",
    "增幅",
    "降幅",
    "降低",
    "提高",
    "提升",
    "上升",
    "减少",
    "增加",
    "成本",
    "价格",
    "缺口",
    "补助",
    "补贴",
];

/// Strips `words` from the end of `s` (longest first, repeatedly).
fn strip_trailing<'a>(mut s: &'a str, words: &[&str]) -> (&'a str, String) {
    let mut stripped = String::new();
    loop {
        let hit = words
            .iter()
            .filter(|w| s.ends_with(**w) && !s.is_empty())
            .max_by_key(|w| w.len());
        match hit {
            Some(w) => {
                stripped.insert_str(0, w);
                s = &s[..s.len() - w.len()];
            }
            None => return (s, stripped),
        }
    }
}

fn strip_leading<'a>(mut s: &'a str, words: &[&str]) -> &'a str {
    loop {
        // Leading years and months: 2020年度, 2020年, 12月底.
        let digits = s.chars().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 {
            let rest = &s[digits..];
            if let Some(r) = rest
                .strip_prefix("年度")
                .or_else(|| rest.strip_prefix('年'))
                .or_else(|| rest.strip_prefix('月'))
            {
                s = r;
                continue;
            }
        }
        // 累计结余 is its own figure (not 结余 accumulated).
        let hit = words
            .iter()
            .filter(|w| s.starts_with(**w) && !(**w == "累计" && s[w.len()..].starts_with("结余")))
            .max_by_key(|w| w.len());
        match hit {
            Some(w) if s.len() > w.len() || *w == s => s = &s[w.len()..],
            _ => return s,
        }
    }
}

/// A figure's name from its clause; `previous` is the base name of the figure before it in the
/// same sentence (for clauses like 同比增长5%, 降至XX元).
pub struct Named {
    /// The name as printed in the catalogue declaration.
    pub name: String,
    /// The name before a measure suffix was added (住院 for 住院人次).
    pub base: String,
    /// The clause said 其中/包括/含 before the number.
    pub part: bool,
}

/// Names the quantity `found` of `text`.
pub fn name(text: &str, found: &Found, unit: &str, previous: Option<(&str, usize)>) -> Named {
    let before = &text[..found.start];
    let floor = previous.map_or(0, |(_, end)| end.min(found.start));
    let clause_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| is_delimiter(c))
        .map_or(0, |(i, c)| i + c.len_utf8())
        .max(floor);
    let previous = previous.map(|(n, _)| n);
    let clause = &before[clause_start..];
    let part = ["其中", "包括", "包含", "含"]
        .iter()
        .any(|w| clause.starts_with(w))
        || before[..clause_start].ends_with("其中:")
        || before[..clause_start].ends_with("其中：")
        || before[..clause_start].ends_with("其中,")
        || before[..clause_start].ends_with("其中，");
    let (core, verb) = strip_trailing(clause, TRAILING);
    let mut core = strip_leading(core, LEADING).to_string();
    // A bare verb (共受理30家医药机构…): the noun after the unit says what was counted.
    let bare_verb = core.chars().count() <= 2 && !core.is_empty();
    core.retain(|c| !matches!(c, '“' | '”' | '"' | '《' | '》' | ' ' | '　'));
    let core = without_years(&core);
    let measured = |s: &str| MEASURED.iter().any(|m| s.ends_with(m));
    let relative = [
        "同比",
        "环比",
        "较",
        "比上年",
        "比去年",
        "增长",
        "下降",
        "增幅",
        "降幅",
    ]
    .iter()
    .any(|w| core.starts_with(w));
    let mut from_previous = false;
    let core = if bare_verb {
        let after_unit = match &found.kind {
            Kind::Quantity(q) => &text[q.unit_end..],
            _ => "",
        };
        let noun: String = after_unit
            .chars()
            .take_while(|&c| !is_delimiter(c) && !c.is_ascii_digit())
            .take(10)
            .collect();
        format!("{core}{}", cut_at_verb(&noun))
    } else {
        core
    };
    let mut name = if relative && let Some(p) = previous {
        format!("{p}{core}")
    } else if core.chars().count() >= 2 {
        core
    } else if let Some(p) = previous.filter(|_| !verb.is_empty() || unit == "%" || core.is_empty())
    {
        from_previous = true;
        format!("{p}{}{}", core, verb.trim_end_matches(['了', '的']))
    } else {
        let after_unit = match &found.kind {
            Kind::Quantity(q) => &text[q.unit_end..],
            _ => "",
        };
        let noun: String = after_unit
            .chars()
            .take_while(|&c| !is_delimiter(c) && !c.is_ascii_digit())
            .take(10)
            .collect();
        let noun = cut_at_verb(noun.trim_start_matches(['/', '·']));
        format!("{core}{noun}")
    };
    let base = name.clone();
    if unit.ends_with('%') && name.ends_with(['长', '降', '高', '升', '少', '加']) {
        name.push('率');
    } else if !measured(&name) && !from_previous {
        name.push_str(unit_suffix(unit));
    }
    // Keep names readable: at most 24 characters, the end (the measure) kept.
    let count = name.chars().count();
    if count > 24 {
        name = name.chars().skip(count - 24).collect();
    }
    Named { name, part, base }
}

/// A name without the years, months and per-person phrasing its clause carried
/// (筹资标准从2019年度的每人每年 → 筹资标准).
fn without_years(s: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let mut j = i;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            // Month ranges and months: 1-6月, 12月底.
            let mut k = j;
            if chars
                .get(k)
                .is_some_and(|&c| c == '-' || c == '－' || c == '~')
            {
                let mut m = k + 1;
                while m < chars.len() && chars[m].is_ascii_digit() {
                    m += 1;
                }
                if m > k + 1 {
                    k = m;
                }
            }
            if chars.get(k) == Some(&'月') {
                i = k + 1;
                while chars
                    .get(i)
                    .is_some_and(|&c| matches!(c, '底' | '份' | '末'))
                {
                    i += 1;
                }
                continue;
            }
            if j - i == 4 {
                i = j;
                while chars.get(i).is_some_and(|&c| c == '年' || c == '度') {
                    i += 1;
                }
                continue;
            }
            let rest: String = chars[j..].iter().take(2).collect();
            if rest.starts_with("年度") {
                i = j + 2;
                continue;
            }
            if rest.starts_with(['年', '月']) {
                i = j + 1;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    for phrase in ["的每人每年", "每人每年", "从的", "从"] {
        if let Some(stripped) = out.strip_suffix(phrase) {
            out = stripped.to_string();
        }
    }
    out
}

/// Clause heads that say only what is measured, not of what (基金支出, 金额, 人均 …): such a
/// clause is about the topic its sentence started with.
pub fn is_generic(name: &str) -> bool {
    [
        "基金支出",
        "支出",
        "基金",
        "金额",
        "人均",
        "费用",
        "统筹基金",
        "医保基金",
        "报销",
        "涉及",
        "结算",
    ]
    .iter()
    .any(|h| name.starts_with(h))
}

/// A noun phrase after a unit, cut before its verb ("定点医疗机构进行了实地稽核" → 定点医疗机构).
fn cut_at_verb(s: &str) -> String {
    const VERBS: &[&str] = &[
        "进行",
        "开展",
        "实施",
        "参加",
        "参与",
        "获得",
        "纳入",
        "享受",
        "完成",
        "已",
        "的",
        "被",
        "实现",
        "提供",
        "发放",
        "注册",
        "减免",
        "不符合",
        "符合",
        "签约",
        "接入",
        "上线",
        "设立",
        "加入",
        "报名",
        "成功",
    ];
    let mut end = s.len();
    for v in VERBS {
        if let Some(i) = s.find(v)
            && i > 0
        {
            end = end.min(i);
        }
    }
    let noun = &s[..end];
    // A phrase that starts with its verb (241人次不符合相关政策): keep a little of it.
    if noun == s && VERBS.iter().any(|v| s.starts_with(v)) {
        return s.chars().take(8).collect();
    }
    noun.to_string()
}
