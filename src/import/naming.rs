//! The name one clause gives the number it ends in ("城乡居民医保参保人数为311881人" →
//! 城乡居民医保参保人数): connectives, time phrases, the speaker and frame verbs stripped; years of
//! the period before or after kept as 上年度/下年度; a possessive 的-clause of a place dropped;
//! a bare verb completed by the noun counted after the unit ("对43家定点医疗机构进行了实地稽核" →
//! 实地稽核定点医疗机构). How clauses of one sentence share subjects is [`super::context`]'s.

use super::scan::{Found, Kind};
pub use super::subjects::{Time, last_subject, normalise};
use super::words::{
    ENTITIES, FRAME_VERBS, LEADING, MEASURED, PLACES, TRAILING, VERBS, is_delimiter, is_generic,
    unit_suffix,
};

/// A figure's name from its own clause.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Named {
    /// The name, ending in a measure (人数, 金额 …).
    pub name: String,
    /// The name before a measure suffix was added (住院 for 住院人次).
    pub base: String,
    /// The clause opened a list of parts (其中, 包括, 含, 分别).
    pub part: bool,
    /// The noun counted after the unit, when the name came from it (43家定点医疗机构).
    pub entity: Option<String>,
    /// A bare measure (基金支出, 人均…): about the topic its sentence set.
    pub generic: bool,
    /// The clause is nothing but an insurance (城乡居民医保4604份): named after its sibling.
    pub only_subject: Option<&'static str>,
    /// Named after the figure before it (同比增长5%, 降至XX元).
    pub relative: bool,
    /// The clause has no words of its own (+2976.43万元).
    pub empty: bool,
    /// A year of the period before or after in the clause.
    pub time: Option<Time>,
    /// "A和B…分别为a、b": the name of each item, in order.
    pub split: Vec<String>,
    /// The time holds for the rest of the sentence (not a 从2019年… of a change).
    pub time_carries: bool,
    /// The clause says it is a total (累计, 合计, 总计, 共计 before the measure).
    pub total: bool,
    /// A value changed from (从XX元降至XX元: the first).
    pub change_from: bool,
    /// A value changed to (从XX元降至XX元: the second), named like the value before.
    pub change_to: bool,
}

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
        // Leading months and dates (12月底, 6月30日) go; years are read by `years`.
        let digits = s.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && digits < 4 {
            let rest = &s[digits..];
            if let Some(r) = rest.strip_prefix('月') {
                s = r.trim_start_matches(|c: char| c.is_ascii_digit() || "日号底末份".contains(c));
                continue;
            }
        }
        // 累计结余 and 当年结余 are figures of their own (not 结余 accumulated or this year).
        if ["累计结余", "当年结余", "当年度结余"]
            .iter()
            .any(|t| s.starts_with(t))
        {
            return s;
        }
        let hit = words
            .iter()
            .filter(|w| s.starts_with(**w))
            .max_by_key(|w| w.len());
        match hit {
            Some(w) if s.len() > w.len() || *w == s => s = &s[w.len()..],
            _ => return s,
        }
    }
}

/// Years in a name: dropped, with the one before or after the period returned as its time
/// (2019年度职工医保总额预算金额 → 职工医保总额预算金额, 上年度); months and per-person phrasing
/// dropped too (筹资标准从2019年度的每人每年 → 筹资标准).
pub fn years(s: &str, period_year: i32) -> (String, Option<Time>) {
    let mut out = String::new();
    let mut time = None;
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let mut j = i;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            let digits: String = chars[i..j].iter().collect();
            // Month ranges and months: 1-6月, 12月底.
            let mut k = j;
            if chars
                .get(k)
                .is_some_and(|&c| matches!(c, '-' | '－' | '~' | '—'))
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
                // 较1月份增加: the comparison word goes with the month.
                for w in ["比", "较"] {
                    if let Some(o) = out.strip_suffix(w) {
                        out = o.to_string();
                    }
                }
                i = k + 1;
                while chars
                    .get(i)
                    .is_some_and(|&c| matches!(c, '底' | '份' | '末'))
                {
                    i += 1;
                }
                continue;
            }
            if j - i == 4 || chars.get(j) == Some(&'年') {
                i = j;
                while chars.get(i).is_some_and(|&c| c == '年' || c == '度') {
                    i += 1;
                }
                // A year compared with (比2019年增加) is no time of the figure's, nor a word.
                let compared = ["比", "较", "与", "同"].iter().find(|w| out.ends_with(**w));
                if let Some(w) = compared {
                    out.truncate(out.len() - w.len());
                } else if let Ok(y) = digits.parse::<i32>() {
                    time = match y - period_year {
                        -1 => Some(Time::Previous),
                        1 => Some(Time::Next),
                        _ => time,
                    };
                }
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    let out = out.replace("的每人每年", "").replace("每人每年", "");
    let out = out
        .strip_suffix(['从', '由'])
        .map_or(out.clone(), str::to_string);
    (out, time)
}

/// Verbs that say a value changed to the next one (从1000元提高到1340元).
pub const CHANGE_TO: &[&str] = &[
    "提高到",
    "提高至",
    "提升到",
    "提升至",
    "增加到",
    "增加至",
    "增至",
    "上升到",
    "上升至",
    "下降到",
    "下降至",
    "降低到",
    "降低至",
    "降至",
    "调整至",
    "调整为",
    "调整到",
    "压缩至",
    "压缩到",
];

/// Drops a possessive 的-clause of a place (入住…医院的参保病人 → 参保病人); other 的 go too.
fn without_possessive(s: &str) -> String {
    if let Some(i) = s.rfind('的') {
        let (head, tail) = (&s[..i], &s[i + '的'.len_utf8()..]);
        if tail.chars().count() >= 2 && PLACES.iter().any(|p| head.ends_with(p)) {
            return tail.to_string();
        }
    }
    s.replace('的', "")
}

/// The clause before the number at `at`: back to a delimiter or to `floor` (the figure before
/// it); across 、 only while the clause stays a short noun list (大额发票、发票复印件).
fn clause_bounds(before: &str, floor: usize) -> usize {
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| is_delimiter(c))
        .map_or(0, |(i, c)| i + c.len_utf8())
        .max(floor);
    let clause = &before[start..];
    match clause.rfind('、') {
        Some(i) if clause.chars().count() > 24 => start + i + '、'.len_utf8(),
        _ => start,
    }
}

/// The noun counted after the unit ("43家定点医疗机构进行了实地稽核" → 定点医疗机构), and the
/// action a frame verb names on it (实地稽核).
fn noun_after(after: &str) -> (String, Option<String>) {
    let phrase: String = after
        .chars()
        .take_while(|&c| !is_delimiter(c) && c != '、' && !c.is_ascii_digit())
        .take(24)
        .collect();
    // A compound unit (家/次, 元/人·年) is not part of the noun.
    let phrase = match phrase.strip_prefix('/') {
        Some(rest) => rest.trim_start_matches(['次', '人', '年', '天', '月', '·']),
        None => phrase.as_str(),
    };
    let phrase: String = phrase
        .chars()
        .filter(|c| !matches!(c, '《' | '》' | '“' | '”' | '"'))
        .collect();
    let phrase = phrase.as_str();
    let action = FRAME_VERBS.iter().find_map(|v| {
        let i = phrase.find(v)?;
        let vp: String = phrase[i + v.len()..]
            .chars()
            .take_while(|c| !matches!(c, '和' | '及' | '与' | '、' | '以' | '，'))
            .collect();
        let vp = adverbial(&vp);
        (vp.chars().count() >= 2).then_some((i, vp))
    });
    let end = action.as_ref().map_or(phrase.len(), |(i, _)| *i);
    // A thing reports count (定点医药机构违规医保基金…): the thing.
    if let Some(e) = ENTITIES.iter().find(|e| phrase.starts_with(**e)) {
        return ((*e).to_string(), action.map(|(_, vp)| vp));
    }
    let noun = cut_at_verb(&phrase[..end]);
    // 检查时未在医院治疗的参保人 → 参保人: the head noun after the last 的.
    let noun = match noun.rfind('的') {
        Some(i) if noun[i..].chars().count() > 2 => noun[i + '的'.len_utf8()..].to_string(),
        Some(i) => noun[..i].to_string(),
        None => noun,
    };
    (noun.chars().take(10).collect(), action.map(|(_, vp)| vp))
}

/// A verb phrase without 了 and the adverbial 地 (不定期地稽核 → 不定期稽核; 实地 stays), at
/// most six characters.
fn adverbial(vp: &str) -> String {
    let chars: Vec<char> = vp.chars().filter(|&c| c != '了').collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let word = i > 0 && "实本当外异各基属场土产两此内驻".contains(chars[i - 1]);
        if c != '地' || word {
            out.push(c);
        }
    }
    out.chars().take(6).collect()
}

/// An action right after the unit ("参保病人3476人次进行了不定期地稽核" → 不定期稽核).
fn action_after(after: &str) -> Option<String> {
    let v = FRAME_VERBS.iter().find(|v| after.starts_with(**v))?;
    let vp: String = after[v.len()..]
        .chars()
        .take_while(|&c| !is_delimiter(c) && !matches!(c, '和' | '及' | '与' | '、' | '以'))
        .collect();
    let vp = adverbial(&vp);
    (vp.chars().count() >= 2).then_some(vp)
}

/// "A和B…": the names of the items a 分别为 distributes its figures over
/// (职工医保签约人员和非签约人员门诊定额标准 → 职工医保签约人员门诊定额标准, 职工医保非签约人员…).
fn split_items(core: &str) -> Vec<String> {
    let items: Vec<&str> = core
        .split(['和', '及', '与', '、'])
        .filter(|s| !s.is_empty())
        .collect();
    if items.len() < 2 {
        return Vec::new();
    }
    let first = items[0];
    let last = items[items.len() - 1];
    // The shared tail starts in the last item after the end the first item shares with it.
    let ending: String = {
        let c: Vec<char> = first.chars().collect();
        c[c.len().saturating_sub(2)..].iter().collect()
    };
    let (last_item, tail) = match last.find(&ending) {
        Some(i) if ending.chars().count() == 2 => last.split_at(i + ending.len()),
        // Items of one length (住院和门诊次均费用): the last is as long as the first.
        _ => match last.char_indices().nth(first.chars().count()) {
            Some((i, _)) => last.split_at(i),
            None => return Vec::new(),
        },
    };
    // A shared head: the insurance the first item starts with.
    let head = last_subject(first)
        .and_then(|_| {
            super::subjects::SUBJECT_WORDS
                .iter()
                .find(|w| first.starts_with(**w))
                .copied()
        })
        .unwrap_or("");
    let mut out: Vec<String> = Vec::new();
    for (n, item) in items.iter().enumerate() {
        let item = if n + 1 == items.len() {
            last_item
        } else {
            item
        };
        let item = item.strip_prefix(head).unwrap_or(item);
        // An item naming its own insurance (城乡医保、职工医保的…) takes no shared head.
        let head = if n > 0 && last_subject(item).is_some() {
            ""
        } else {
            head
        };
        out.push(format!("{head}{item}{tail}"));
    }
    out
}

/// Names the quantity `found` of `text`; `previous` is the name of the figure before it in the
/// same sentence and where its unit ends.
pub fn name(
    text: &str,
    found: &Found,
    unit: &str,
    previous: Option<(&str, usize)>,
    period_year: i32,
) -> Named {
    let before = &text[..found.start];
    let floor = previous.map_or(0, |(_, end)| end.min(found.start));
    let clause_start = clause_bounds(before, floor);
    let previous = previous.map(|(n, _)| n);
    let mut clause = before[clause_start..].trim_start_matches(['、', ' ', '　']);
    // The rest of a compound unit (104家/次…): not part of this name.
    if let Some(rest) = clause.strip_prefix('/') {
        clause = rest.trim_start_matches(['次', '人', '年', '天', '月', '·']);
    }
    // The rest of the figure before it (37家 after “13家定点医院、”): its noun, not this name.
    if clause_start == floor && floor > 0 && clause.ends_with(['、', '和', '及', '与']) {
        clause = "";
    }
    let opener = ["其中", "包括", "包含", "含", "分别"];
    let part = opener.iter().any(|w| clause.starts_with(w))
        || ["其中:", "其中：", "其中,", "其中，"]
            .iter()
            .any(|w| before[..clause_start].ends_with(w));
    let (core, verb) = strip_trailing(clause, TRAILING);
    let mut core = strip_leading(core, LEADING).to_string();
    core.retain(|c| !matches!(c, '“' | '”' | '"' | '《' | '》' | ' ' | '　'));
    let from_year = core.contains('从') || core.contains('由');
    let (mut core, time) = years(&core, period_year);
    // A subject written twice once its years are gone (职工基本医保2024年1-6月职工基本医保…).
    for w in super::subjects::SUBJECT_WORDS {
        let twice = format!("{w}{w}");
        if core.contains(&twice) {
            core = core.replacen(&twice, w, 1);
        }
    }
    let core = strip_leading(&core, LEADING).to_string();
    let core = without_possessive(&core);
    let core = match core.strip_suffix("工作") {
        Some(c) if c.chars().count() >= 2 => c.to_string(),
        _ => core,
    };
    let after_unit = match &found.kind {
        Kind::Quantity(q) => &text[q.unit_end..],
        _ => "",
    };
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
    .any(|w| core.starts_with(w))
        // 增加了1.7万人 after a figure, with nothing counted after it: its change.
        || (["增加", "减少", "提高", "降低", "新增"].contains(&core.as_str())
            && noun_after(after_unit).0.is_empty());
    let total = ["累计", "合计", "总计", "共计"]
        .iter()
        .any(|w| clause.contains(w));
    let change_to = CHANGE_TO
        .iter()
        .any(|v| verb.ends_with(v) || clause.ends_with(v));
    let change_from = CHANGE_TO
        .iter()
        .any(|v| after_unit.trim_start().starts_with(v));
    let mut named = Named {
        part,
        time,
        time_carries: time.is_some() && !from_year,
        total,
        change_from,
        change_to: change_to && previous.is_some() && Time::strip(&core).is_empty(),
        relative: relative && previous.is_some(),
        ..Named::default()
    };
    // A bare verb or nothing (共受理30家医药机构…, 对43家定点医疗机构进行了实地稽核): the noun
    // after the unit says what was counted.
    let marker_only = Time::strip(&core).is_empty();
    let bare_verb = !marker_only && core.chars().count() <= 2;
    let mut from_previous = false;
    // Named after the figure before only as its new value (降至XX元) or an unnamed part (+X万元).
    let after_previous = previous.is_some()
        && marker_only
        && (change_to
            || (verb.is_empty() && clause.is_empty() && before[..clause_start].ends_with('+')));
    let mut name = if named.relative
        && let Some(p) = previous
    {
        format!("{p}{core}")
    } else if bare_verb || (marker_only && !after_previous) {
        let (noun, action) = noun_after(after_unit);
        if !noun.is_empty() {
            named.entity = Some(noun.clone());
        }
        format!("{}{core}{noun}", action.unwrap_or_default())
    } else if !marker_only {
        match action_after(after_unit) {
            Some(a) => format!("{a}{core}"),
            None => core,
        }
    } else if let Some(p) = previous {
        from_previous = true;
        named.relative = true;
        named.empty = verb.is_empty();
        format!("{p}{core}{}", verb.trim_end_matches(['了', '的']))
    } else {
        core
    };
    if Time::strip(&name).is_empty() {
        named.empty = true;
    }
    if named.entity.is_none()
        && matches!(unit, "家" | "个" | "所")
        && let Some(e) = ENTITIES.iter().find(|e| name.ends_with(**e))
    {
        named.entity = Some((*e).to_string());
    }
    named.generic = is_generic(&Time::strip(&name));
    named.only_subject = super::subjects::only_subject(&name);
    if verb.contains("分别") || clause.starts_with("分别") {
        named.split = split_items(&name);
    }
    named.base = name.clone();
    let measured = |s: &str| MEASURED.iter().any(|m| s.ends_with(m));
    if unit.ends_with('%') && name.ends_with(['长', '降', '高', '升', '少', '加']) {
        name.push('率');
    } else if !measured(&name) && !from_previous {
        name.push_str(unit_suffix(unit));
    }
    named.name = shorten(&name);
    named
}

/// Keeps names readable: at most 24 characters, the end (the measure) kept.
pub fn shorten(name: &str) -> String {
    let count = name.chars().count();
    if count > 24 {
        name.chars().skip(count - 24).collect()
    } else {
        name.to_string()
    }
}

/// A noun phrase after a unit, cut before its verb ("定点医疗机构进行了实地稽核" → 定点医疗机构).
fn cut_at_verb(s: &str) -> String {
    let mut end = s.len();
    for v in VERBS {
        if let Some(i) = s.find(v)
            && i > 0
        {
            end = end.min(i);
        }
    }
    let noun = &s[..end];
    // A phrase that starts with its verb (241人次符合条件), or with a negation or an adverb before
    // it (241人次不符合相关医保政策, 12家未按时结算): what was counted is the predicate; keep it.
    let adverb_only = [
        "不", "未", "没有", "没", "被", "已", "均", "都", "仍", "尚未",
    ]
    .contains(&noun);
    if (noun == s || adverb_only) && VERBS.iter().any(|v| s[noun.len()..].starts_with(v)) {
        return s.chars().take(10).collect();
    }
    noun.to_string()
}
