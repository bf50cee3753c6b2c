//! How the clauses of a sentence share what they are about. Each figure is first named from its
//! own clause ([`super::naming`]); then, within its sentence:
//!
//! - parts listed after 其中/包括/分别 (“…43家定点医疗机构…，其中告诫3家次，暂停…3家次”) share what
//!   stood before the opener — the counted thing (定点医疗机构告诫家次) or the standard they are
//!   part of (筹资标准…其中个人缴纳480元 → 个人缴纳标准) — never each other;
//! - a bare measure (基金支出, 人均…) is about the service category its group started with
//!   (其中住院44275人次，基金支出… → 住院基金支出);
//! - parts in brackets after a figure are its parts (资助参保人数13451人(特困167人…) → 资助参保特困
//!   人数; 门诊基金支出(普通门诊…+…) → 普通门诊基金支出, 门诊其他基金支出);
//! - a clause that is only an insurance (…职工医保3660份，城乡居民医保4604份) takes its sibling's
//!   name with the insurance changed;
//! - “A和B…分别为a、b” gives each item its name;
//! - a year of the period before or after (2019年度职工医保总额预算…, 征缴2021年度…) holds for
//!   the rest of its sentence: 上年度/下年度 in the names.

use super::naming::{self, Named, Time, last_subject};
use super::scan::{Found, Kind};
use super::words::{CATEGORIES, MEASURED, SHARED_MEASURES};

/// A figure named earlier in the sentence.
#[derive(Debug, Clone)]
struct Earlier {
    name: String,
    base: String,
    entity: Option<String>,
    unit: String,
    end: usize,
}

/// What a list of parts (其中 …) is about.
#[derive(Debug, Clone)]
enum Owner {
    /// A thing counted (定点医疗机构): its parts' names start with it.
    Entity(String),
    /// A measure the parts share when they name none (筹资标准 → 标准).
    Measure(String),
}

/// The full name of each figure of one paragraph, in order.
pub struct Namer<'t> {
    text: &'t str,
    period_year: i32,
    last_end: usize,
    previous: Option<Earlier>,
    /// The last figure of the paragraph (a 其中 opening a sentence refers to it).
    last: Option<Earlier>,
    topic: Option<String>,
    owner: Option<Owner>,
    in_parts: bool,
    brackets: Vec<Earlier>,
    time: Option<Time>,
    split: Vec<String>,
    /// The names the last 分别为 gave, for a relative list after it (同比增长6%、8%).
    split_names: Vec<String>,
}

/// A figure's name in context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Full {
    /// The name (without the section's insurance, which the binder adds).
    pub name: String,
    /// Its clause opened a list of parts.
    pub part: bool,
    /// The value the next figure changed from, in the year before (从2019年度的1000元提高到
    /// 1340元): the next figure's previous-period value.
    pub previous_value: bool,
}

/// Splits a name ending in a measure into (category, measure): 门诊就诊基金支出 → (门诊就诊, 基金支出).
fn measure_of(name: &str) -> (&str, &str) {
    for m in [
        "基金支出",
        "支出",
        "人数",
        "人次",
        "金额",
        "费用",
        "收入",
        "结余",
    ] {
        if let Some(stem) = name.strip_suffix(m) {
            return (stem, &name[stem.len()..]);
        }
    }
    (name, "")
}

/// Whether two names share a two-character word (普通门诊 and 门诊就诊 share 门诊).
fn overlap(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    a.windows(2)
        .any(|w| b.contains(&w.iter().collect::<String>()))
}

/// A parent's name without its measure word's last characters (参保人数 → 参保).
fn stem(name: &str) -> &str {
    name.trim_end_matches(['数', '额'])
        .trim_end_matches(['人', '金'])
}

impl<'t> Namer<'t> {
    /// A namer for one paragraph of a report of `period_year`.
    pub fn new(text: &'t str, period_year: i32) -> Self {
        Namer {
            text,
            period_year,
            last_end: 0,
            previous: None,
            last: None,
            topic: None,
            owner: None,
            in_parts: false,
            brackets: Vec::new(),
            time: None,
            split: Vec::new(),
            split_names: Vec::new(),
        }
    }

    /// The time a sentence's years set, read from `gap` (years after 比/较 are comparisons).
    fn read_time(&mut self, gap: &str) {
        for f in super::scan::scan(gap) {
            if let Kind::Year { year, .. } = f.kind {
                let compared = ["比", "较", "与", "同", "从", "由"]
                    .iter()
                    .any(|w| gap[..f.start].ends_with(w));
                if !compared {
                    self.time = match year - self.period_year {
                        -1 => Some(Time::Previous),
                        1 => Some(Time::Next),
                        _ => None,
                    };
                }
            }
        }
    }

    /// The name of the quantity `f` (unit `unit`, ending at `unit_end`).
    pub fn next(&mut self, f: &Found, unit: &str, unit_end: usize) -> Full {
        let text = self.text;
        let gap = &text[self.last_end.min(f.start)..f.start];
        if let Some(i) = gap.rfind(['。', '！', '？', '!', '?']) {
            self.previous = None;
            self.topic = None;
            self.owner = None;
            self.in_parts = false;
            self.time = None;
            self.split.clear();
            self.brackets.clear();
            self.read_time(&gap[i..]);
        } else {
            if gap.contains(['；', ';']) {
                self.previous = None;
                self.topic = None;
                self.split.clear();
            }
            self.read_time(gap);
        }
        // An open bracket right after a figure lists its parts: 13451人(特困167人、低保…).
        if let Some(open) = gap.rfind(['(', '（']) {
            let closed = gap[open..].contains([')', '）']);
            if !closed
                && open == 0
                && let Some(p) = &self.previous
            {
                self.brackets.push(p.clone());
            }
        }
        if gap.contains([')', '）']) {
            // After the parts, what follows is about their whole again.
            if let Some(whole) = self.brackets.first() {
                self.previous = Some(whole.clone());
            }
            self.brackets.clear();
        }
        let prev = self.previous.as_ref().map(|p| (p.name.as_str(), p.end));
        let named: Named = naming::name(text, f, unit, prev, self.period_year);
        if named.part {
            self.in_parts = true;
            let before = self.previous.as_ref().or(self.last.as_ref());
            self.owner = before.map(|p| match &p.entity {
                Some(e) => Owner::Entity(e.clone()),
                None => Owner::Measure(Time::strip(&p.base)),
            });
        }
        let mut name = self.in_context(&named, unit);
        if named.time_carries {
            self.time = named.time;
        }
        let time = named.time.or(self.time);
        let previous_value = named.change_from && time == Some(Time::Previous);
        if named.change_from && !previous_value {
            name.push_str("（调整前）");
        }
        if let Some(t) = time
            && Time::of(&name).is_none()
        {
            name = format!("{}{name}", t.word());
        }
        let base = name
            .strip_suffix(super::words::unit_suffix(unit))
            .filter(|b| !b.is_empty())
            .unwrap_or(&name)
            .to_string();
        if !named.generic
            && (self.topic.is_none() || named.part || self.in_parts)
            && CATEGORIES.iter().any(|c| named.base.contains(c))
            && named.base.chars().count() <= 8
        {
            self.topic = Some(Time::strip(&named.base));
        }
        let earlier = Earlier {
            name: name.clone(),
            base,
            entity: named.entity.clone(),
            unit: unit.to_string(),
            end: unit_end,
        };
        self.previous = Some(earlier.clone());
        self.last = Some(earlier);
        self.last_end = unit_end;
        Full {
            name: naming::shorten(&name),
            part: named.part,
            previous_value,
        }
    }

    /// The name of `named` given the sentence so far.
    fn in_context(&mut self, named: &Named, unit: &str) -> String {
        // 分别为a、b: each item in turn.
        if !self.split.is_empty() {
            let item = self.split.remove(0);
            return with_suffix(&item, unit);
        }
        if named.split.len() >= 2 {
            self.split_names = named.split.iter().map(|i| with_suffix(i, unit)).collect();
            let mut items = named.split.clone();
            let first = items.remove(0);
            self.split = items;
            return with_suffix(&first, unit);
        }
        // 分别为a、b，同比增长c、d: the growth of each item in turn.
        if named.relative
            && let Some(p) = &self.previous
            && self.split_names.len() >= 2
            && self.split_names.last().map(String::as_str) == Some(Time::strip(&p.name).as_str())
            && let Some(rel) = named.name.strip_prefix(p.name.as_str())
        {
            let names = std::mem::take(&mut self.split_names);
            self.split = names[1..].iter().map(|n| format!("{n}{rel}")).collect();
            return format!("{}{rel}", names[0]);
        }
        if let Some(parent) = self.brackets.last().filter(|p| p.unit == unit) {
            let (category, measure) = measure_of(&parent.base);
            if named.empty {
                return format!("{category}其他{measure}");
            }
            if let Some(s) = named.only_subject {
                return match last_subject(&parent.name) {
                    Some(old) => swap_subject(&parent.name, old, s),
                    None => format!("{s}{}", parent.name),
                };
            }
            if named.base.chars().count() <= 6 {
                if !measure.is_empty() && (category.is_empty() || overlap(&named.base, category)) {
                    return format!("{}{measure}", named.base);
                }
                return format!("{}{}", stem(&parent.name), named.name);
            }
        }
        if named.change_to
            && let Some(p) = &self.previous
        {
            return Time::strip(&p.name).replace("（调整前）", "");
        }
        if named.relative {
            return named.name.clone();
        }
        if let Some(s) = named.only_subject
            && let Some(p) = self.previous.as_ref().filter(|p| p.unit == unit)
            && let Some(old) = last_subject(&p.name)
        {
            return swap_subject(&p.name, old, s);
        }
        if named.generic
            && !named.total
            && let Some(t) = &self.topic
            && !named.name.contains(t.as_str())
            && !["总", "合计", "累计", "结余", "全年"]
                .iter()
                .any(|w| named.name.contains(w))
        {
            return format!("{t}{}", named.name);
        }
        if self.in_parts || named.part {
            match &self.owner {
                Some(Owner::Entity(e)) if !named.name.contains(e.as_str()) => {
                    return format!("{e}{}", named.name);
                }
                Some(Owner::Measure(m)) => {
                    let own_measure = ["额", "数", "率", "比例", "人次", "支出", "收入", "结余"]
                        .iter()
                        .any(|w| named.base.ends_with(w))
                        || named.base.contains('总');
                    if let Some(shared) = SHARED_MEASURES.iter().find(|w| m.ends_with(**w))
                        && !named.base.ends_with(shared)
                        && !own_measure
                    {
                        return format!("{}{shared}", named.base);
                    }
                }
                _ => {}
            }
        }
        named.name.clone()
    }
}

/// `name` with its insurance `old` (canonical) written as `new`.
fn swap_subject(name: &str, old: &str, new: &str) -> String {
    for w in super::subjects::SUBJECT_WORDS {
        if name.contains(w) && super::subjects::only_subject(w) == Some(old) {
            return name.replacen(w, new, 1);
        }
    }
    format!("{new}{name}")
}

/// A name with its unit's measure word when it names none.
fn with_suffix(name: &str, unit: &str) -> String {
    if MEASURED.iter().any(|m| name.ends_with(m)) {
        name.to_string()
    } else {
        format!("{name}{}", super::words::unit_suffix(unit))
    }
}
