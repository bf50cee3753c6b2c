//! Title line breaks (GB/T 9704-2012 7.3.1): a title too long for one line is broken where the
//! meaning allows, into lines of balanced length forming a 梯形 or 菱形, never inside a word or a
//! number with its unit, a connective (和/及/与…) starting the next line.
//!
//! The chooser knows the grammar of a report title — 发文机关 + 时间 + 事由 + 文种, parts joined by
//! connectives — and a small lexicon of the words such titles are made of; it scores every
//! admissible set of breaks and keeps the cheapest. Widths are counted in half 字 (a CJK character
//! 2, a digit or Latin letter 1) against the 20 字 of a 二号 line on the 156 mm text block.

use super::Title;
use crate::diagnostic::Diagnostic;
use crate::hashed::HashMap;
use crate::model::TitleLines;
use std::sync::OnceLock;

/// One line of a 二号 (22 pt) title on the 156 mm text block: 156 mm = 442 pt → 20 字 = 40 half 字.
pub const TITLE_LINE_HALF: u32 = 40;

/// Words of report titles that a line break must not split; their edges are word boundaries
/// (space-separated).
const LEXICON: &str = "政府信息公开 年度报告 工作总结 工作计划 工作安排 工作打算 工作思路 工作谋划 \
     工作要点 工作情况 情况汇报 情况报告 委员会 办公室 上半年 下半年 医保基金 前三季度 \
     第一季度 第二季度 第三季度 第四季度 一季度 二季度 三季度 四季度 保护伞 服务中心 \
     医疗保障 医疗保险 工作 总结 计划 安排 打算 思路 谋划 要点 报告 年度 全年 半年 \
     季度 情况 汇报 政府 信息 公开 政务 医疗 保障 保险 医保 服务 中心 劳动 社会 \
     人力 资源 行政 复议 诉讼 申请 处理 主动 收到 人民 管理 监督 基金 监管 改革 \
     发展 建设 实施 方案 意见 通知 决定 关于 以及 全民 百姓 健康 执行 落实 开展 \
     推进 专项 整治 经办 待遇 参保 扩面 卫生 财政 预算 决算 审计 整改 自查 自纠 \
     领导 小组 党组 机关 单位 部门 城乡 居民 职工 生育 门诊 住院 药品 耗材 采购 \
     集中 带量 支付 方式 救助 医药 机构 定点 异地 就医 结算 长期 护理 撑起 保护 \
     进一步 加强 使用 问题 成效 经验 做法 研究 部署 任务 目标 责任 考核 评估 统计 \
     数据 分析";

/// Words in which 和/及/与/并 is not a connective (space-separated).
const NOT_CONNECTIVE: &str = "和谐 共和 总和 温和 缓和 平和 和平 和睦 和美 及时 及早 涉及 普及 危及 波及 \
     顾及 惠及 及格 参与 给与 与会 赋与 授与 合并 兼并 并购 并网";

/// Sub-periods that follow a year: 2025年上半年 (space-separated).
const SUB_PERIODS: &str = "上半年 下半年 前三季度 全年 第一季度 第二季度 第三季度 第四季度 一季度 \
     二季度 三季度 四季度";

/// Characters that end an agency name (发文机关): the title's subject starts after them.
const AGENCY_END: &[char] = &[
    '局', '心', '会', '室', '厅', '院', '站', '所', '处', '委', '办', '署', '部', '府', '社', '队',
];

/// Place-name suffixes (县/市/区…): a word boundary after them.
const PLACE_END: &[char] = &['省', '市', '县', '区', '州', '镇', '乡', '旗', '盟'];

/// A line may not start with these (closing punctuation, particles).
const NO_LINE_START: &str = "，。、；：？！）】》」』”’…%％的之了等";
/// A line may not end with these (opening punctuation).
const NO_LINE_END: &str = "（【《「『“‘";

/// Costs of breaking at a position (lower is better).
const AT_PART: u32 = 0; // before a connective, after the agency, before 关于
const AFTER_TIME: u32 = 2; // after a time expression that covers everything after it
const AT_PUNCT: u32 = 6; // after 、，：; around a space or quotes
const AT_WORD: u32 = 16; // another word boundary
const UNKNOWN: u32 = 40; // between two characters the chooser knows nothing about
/// A title set in more lines than it needs.
const EXTRA_LINE: u32 = 24;
/// Three or more lines whose middle is shorter than both ends (沙漏形, not 梯形 or 菱形).
const HOURGLASS: u32 = 40;

/// Width of `text` in half 字: ASCII and other Western characters 1, everything wide 2.
pub fn half_width(text: &str) -> u32 {
    text.chars().map(char_half).sum()
}

fn char_half(c: char) -> u32 {
    match c as u32 {
        0x2010..=0x206F | 0x2E80.. => 2,
        _ => 1,
    }
}

/// The lines of a title: explicit lines (the template's line breaks, `\n`) are kept; a title
/// that fits one line stays one line; a longer one is broken by [`choose_breaks`].
pub fn title_lines(title: &str) -> Vec<String> {
    let explicit: Vec<String> = title
        .split('\n')
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    if explicit.len() != 1 {
        return explicit;
    }
    choose_breaks(&explicit[0])
}

/// Breaks one-line `title` text into lines per 7.3.1 (see the module documentation).
pub fn choose_breaks(title: &str) -> Vec<String> {
    break_within(title, TITLE_LINE_HALF)
}

/// Breaks `text` into lines of at most `capacity` half 字 by the same rules (words whole,
/// balanced lines): titles, and table heads too long for their column ("结果维持" in a column of
/// three characters becomes 结果 / 维持, not 结果维 / 持).
pub fn break_within(text: &str, capacity: u32) -> Vec<String> {
    let capacity = capacity.max(2);
    let chars: Vec<char> = text.trim().chars().collect();
    let widths: Vec<u32> = chars.iter().map(|&c| char_half(c)).collect();
    let total: u32 = widths.iter().sum();
    if total <= capacity || chars.len() < 2 {
        return vec![chars.iter().collect::<String>()];
    }
    let costs = break_costs(&chars);
    // prefix[i] = width of chars[..i]
    let mut prefix = vec![0u32; chars.len() + 1];
    for (i, w) in widths.iter().enumerate() {
        prefix[i + 1] = prefix[i] + w;
    }
    let fewest = total.div_ceil(capacity) as usize;
    let text = Measured {
        costs,
        prefix,
        capacity,
    };
    let mut best: Option<(u32, Vec<usize>)> = None;
    // Searching is exhaustive up to four lines; longer texts (rare) are filled greedily.
    if fewest <= 4 {
        // More lines first: on equal cost the later (fewer lines, later breaks) wins.
        for lines in (fewest..=(fewest + 1).min(4)).rev() {
            let extra = EXTRA_LINE * (lines - fewest) as u32;
            let mut breaks = Vec::with_capacity(lines);
            text.search(0, lines, &mut breaks, extra, &mut best);
        }
    }
    let breaks = match best {
        Some((_, b)) => b,
        None => text.greedy(),
    };
    cut(&chars, &breaks)
}

/// Splits `chars` at `breaks`, trimming spaces at line edges.
fn cut(chars: &[char], breaks: &[usize]) -> Vec<String> {
    let mut out = Vec::with_capacity(breaks.len() + 1);
    let mut start = 0;
    for &b in breaks.iter().chain(std::iter::once(&chars.len())) {
        let line: String = chars[start..b].iter().collect();
        let line = line.trim().to_string();
        if !line.is_empty() {
            out.push(line);
        }
        start = b;
    }
    out
}

/// A text being broken: the cost of a break before each character, the width of each prefix
/// (`prefix[i]` = width of the first `i` characters) and the line capacity, in half 字.
struct Measured {
    costs: Vec<Option<u32>>,
    prefix: Vec<u32>,
    capacity: u32,
}

impl Measured {
    /// Depth-first search over break positions: `lines` lines remain from `from`.
    fn search(
        &self,
        from: usize,
        lines: usize,
        breaks: &mut Vec<usize>,
        base: u32,
        best: &mut Option<(u32, Vec<usize>)>,
    ) {
        let prefix = &self.prefix;
        let n = prefix.len() - 1;
        let rest = prefix[n] - prefix[from];
        if lines == 1 {
            if rest <= self.capacity {
                let cost = base + shape_cost(prefix, breaks);
                if best.as_ref().is_none_or(|(c, _)| cost <= *c) {
                    *best = Some((cost, breaks.clone()));
                }
            }
            return;
        }
        if rest > self.capacity * lines as u32 {
            return;
        }
        for b in from + 1..n {
            let width = prefix[b] - prefix[from];
            if width > self.capacity {
                break;
            }
            let Some(c) = self.costs[b] else { continue };
            if best.as_ref().is_some_and(|(bc, _)| base + c > *bc) {
                continue;
            }
            breaks.push(b);
            self.search(b, lines - 1, breaks, base + c, best);
            breaks.pop();
        }
    }

    /// Fallback for very long texts: fill each line, breaking at the cheapest admissible
    /// position of its second half (or at the line's end when there is none).
    fn greedy(&self) -> Vec<usize> {
        let (prefix, capacity) = (&self.prefix, self.capacity);
        let n = prefix.len() - 1;
        let mut breaks = Vec::new();
        let mut from = 0;
        while prefix[n] - prefix[from] > capacity {
            let mut end = from + 1;
            while end < n && prefix[end + 1] - prefix[from] <= capacity {
                end += 1;
            }
            let lo = from + (end - from).div_ceil(2);
            let chosen = (lo..=end)
                .filter_map(|b| self.costs.get(b).copied().flatten().map(|c| (c, b)))
                .min_by_key(|&(c, b)| (c, std::cmp::Reverse(b)))
                .map_or(end, |(_, b)| b);
            let chosen = chosen.max(from + 1);
            breaks.push(chosen);
            from = chosen;
        }
        breaks
    }
}

/// Balance (longest minus shortest line, in half 字) plus the 沙漏 penalty.
fn shape_cost(prefix: &[u32], breaks: &[usize]) -> u32 {
    let n = prefix.len() - 1;
    let mut widths = Vec::with_capacity(breaks.len() + 1);
    let mut start = 0;
    for &b in breaks.iter().chain(std::iter::once(&n)) {
        widths.push(prefix[b] - prefix[start]);
        start = b;
    }
    let max = widths.iter().copied().max().unwrap_or(0);
    let min = widths.iter().copied().min().unwrap_or(0);
    let inner_min = widths[1..widths.len() - 1].iter().copied().min();
    let hourglass = match inner_min {
        Some(m) if widths.len() >= 3 => m < widths[0] && m < widths[widths.len() - 1],
        _ => false,
    };
    (max - min) + if hourglass { HOURGLASS } else { 0 }
}

/// What the chooser knows about the title's words: `word_end[i]` is true when a lexicon word,
/// a number run or a time expression ends before `chars[i]`; `inside[i]` when position `i`
/// falls inside one of them.
struct Words {
    inside: Vec<bool>,
    word_end: Vec<bool>,
}

/// The words of [`LEXICON`] that start with `first`, from an index built on first use (a title
/// looks words up at each of its characters; scanning the whole lexicon each time was most of
/// the cost of breaking one).
fn lexicon_from(first: char) -> &'static [&'static str] {
    static BY_FIRST: OnceLock<HashMap<char, Vec<&'static str>>> = OnceLock::new();
    BY_FIRST
        .get_or_init(|| {
            let mut index: HashMap<char, Vec<&'static str>> = HashMap::default();
            for word in LEXICON.split_whitespace() {
                if let Some(c) = word.chars().next() {
                    index.entry(c).or_default().push(word);
                }
            }
            index
        })
        .get(&first)
        .map_or(&[], Vec::as_slice)
}

fn starts_with_at(chars: &[char], at: usize, word: &str) -> bool {
    (at..)
        .zip(word.chars())
        .all(|(i, w)| chars.get(i) == Some(&w))
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('０'..='９').contains(&c) || ('Ａ'..='ｚ').contains(&c)
}

/// Segments the title with the lexicon (forward maximum matching): positions inside a word or a
/// number + unit are not break positions.
fn words(chars: &[char]) -> Words {
    let n = chars.len();
    let mut inside = vec![false; n + 1];
    let mut word_end = vec![false; n + 1];
    let mut i = 0;
    while i < n {
        let len = if is_latin(chars[i]) {
            // A number or Latin run with the unit after it (2020年, 30%, 5个), never split.
            let mut j = i;
            while j < n && is_latin(chars[j]) {
                j += 1;
            }
            if j > i
                && is_digit(chars[j - 1])
                && j < n
                && "年月日万亿元人次个件项%％号".contains(chars[j])
            {
                j += 1;
                if j < n && chars[j - 1] == '年' && chars[j] == '度' {
                    j += 1;
                }
            }
            j - i
        } else {
            lexicon_from(chars[i])
                .iter()
                .filter(|w| starts_with_at(chars, i, w))
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(1)
        };
        for flag in inside.iter_mut().take(i + len).skip(i + 1) {
            *flag = true;
        }
        if len > 1 || is_latin(chars[i]) {
            word_end[i + len] = true;
            word_end[i] = true;
        }
        i += len;
    }
    Words { inside, word_end }
}

/// A time expression at `at`: a four-digit year (with 年 or 年度) and an optional sub-period.
/// Returns (end of the year, end of the whole expression).
fn time_expression(chars: &[char], at: usize) -> Option<(usize, usize)> {
    let digits = chars[at..].iter().take_while(|&&c| is_digit(c)).count();
    if digits != 4 || (at > 0 && is_latin(chars[at - 1])) {
        return None;
    }
    let mut year_end = at + 4;
    if chars.get(year_end) == Some(&'年') {
        year_end += 1;
        if chars.get(year_end) == Some(&'度') {
            year_end += 1;
        }
    }
    let sub = SUB_PERIODS
        .split_whitespace()
        .find(|s| starts_with_at(chars, year_end, s))
        .map_or(0, |s| s.chars().count());
    Some((year_end, year_end + sub))
}

/// Whether the character at `i` is a connective joining two parts of the title.
fn is_connective(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    if c == '以' && chars.get(i + 1) == Some(&'及') {
        return true;
    }
    if !"和及与暨并".contains(c) {
        return false;
    }
    if c == '及' && i > 0 && chars[i - 1] == '以' {
        return false; // inside 以及, which starts at 以
    }
    let before = i.checked_sub(1).map(|j| [chars[j], c]);
    let after = chars.get(i + 1).map(|&d| [c, d]);
    // Only a word of two characters can be the pair before or after.
    !NOT_CONNECTIVE.split_whitespace().any(|w| {
        let mut letters = w.chars();
        match (letters.next(), letters.next(), letters.next()) {
            (Some(a), Some(b), None) => before == Some([a, b]) || after == Some([a, b]),
            _ => false,
        }
    })
}

/// The cost of a break before `chars[i]` for every `i` (index 0 and `len` unused); `None` where
/// a break is not allowed.
fn break_costs(chars: &[char]) -> Vec<Option<u32>> {
    let n = chars.len();
    let w = words(chars);
    let mut costs: Vec<Option<u32>> = vec![Some(UNKNOWN); n + 1];
    costs[0] = None;
    costs[n] = None;
    // Quoted or bracketed terms of up to ten characters stay whole.
    let mut open: Option<usize> = None;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '“' | '《' | '（' | '「' | '‘' => open = Some(i),
            '”' | '》' | '）' | '」' | '’' => {
                if let Some(o) = open.take()
                    && i - o <= 11
                {
                    for cost in costs.iter_mut().take(i + 1).skip(o + 1) {
                        *cost = None;
                    }
                }
            }
            _ => {}
        }
    }
    let years: Vec<(usize, usize, usize)> = (0..n)
        .filter_map(|i| time_expression(chars, i).map(|(y, e)| (i, y, e)))
        .collect();
    let connectives: Vec<usize> = (1..n).filter(|&i| is_connective(chars, i)).collect();
    for (i, cost) in costs.iter_mut().enumerate().take(n).skip(1) {
        if cost.is_none() {
            continue;
        }
        let (prev, next) = (chars[i - 1], chars[i]);
        // A number never ends a line without what follows it (its unit, 上半年 …).
        let number_unit = is_digit(prev) && !next.is_whitespace() && !"、，：；）”".contains(next);
        // A line never ends with a connective (以及 included).
        let ends_with_connective = connectives.contains(&(i - 1))
            || (prev == '及' && i >= 2 && connectives.contains(&(i - 2)));
        let forbidden = w.inside[i]
            || NO_LINE_START.contains(next)
            || NO_LINE_END.contains(prev)
            || (is_latin(prev) && is_latin(next))
            || number_unit
            || ends_with_connective;
        if forbidden {
            *cost = None;
            continue;
        }
        let mut c = UNKNOWN;
        if w.word_end[i] || PLACE_END.contains(&prev) {
            c = c.min(AT_WORD);
        }
        if "、，：；".contains(prev) || prev == ' ' || next == ' ' || prev == '”' || next == '“'
        {
            c = c.min(AT_PUNCT);
        }
        if connectives.contains(&i) || starts_with_at(chars, i, "关于") {
            c = AT_PART;
        }
        for &(start, year_end, end) in &years {
            if i == start && start > 0 && AGENCY_END.contains(&prev) {
                c = AT_PART; // 发文机关 | 时间
            }
            // After the time: cheap when it covers everything after it (no later year, and no
            // later part with a sub-period of its own).
            let later_year = years.iter().any(|&(s, _, _)| s > start);
            let later_sub = SUB_PERIODS.split_whitespace().any(|p| {
                (end..n).any(|j| connectives.contains(&j) && starts_with_at(chars, j + 1, p))
            });
            if i == end && !later_year && !later_sub {
                c = c.min(AFTER_TIME);
            }
            if i == year_end && year_end < end && later_sub && !later_year {
                c = c.min(AFTER_TIME); // 2025年 | 上半年…和下半年…
            }
        }
        *cost = Some(c);
    }
    costs
}

/// The title set in the lines the indicator file gives (`meta.title_lines`), if it gives them;
/// they must spell the title exactly (spaces aside).
pub(super) fn given_lines(title: Title, given: Option<&TitleLines>) -> Result<Title, Diagnostic> {
    let Some(given) = given else {
        return Ok(title);
    };
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let joined = given.lines.concat();
    if squeeze(&joined) != squeeze(&title.text) {
        return Err(Diagnostic::error(
            "E-TITLE-LINES",
            format!(
                "标题分行（title_lines）连起来是“{joined}”，与标题“{}”不一致",
                title.text
            ),
        )
        .at(given.at.clone())
        .path("meta.title_lines")
        .hint(
            "title_lines 只决定标题在哪里换行，各行连起来必须与标题一字不差；改标题请改 meta.title",
        ));
    }
    Ok(Title {
        text: title.text.clone(),
        lines: given.lines.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index finds exactly the lexicon's words that start with a character.
    #[test]
    fn the_lexicon_index_holds_every_word_under_its_first_character() {
        let words: Vec<&str> = LEXICON.split_whitespace().collect();
        for first in words.iter().filter_map(|w| w.chars().next()) {
            let mut expected: Vec<&str> = words
                .iter()
                .copied()
                .filter(|w| w.starts_with(first))
                .collect();
            let mut found = lexicon_from(first).to_vec();
            expected.sort_unstable();
            found.sort_unstable();
            assert_eq!(found, expected, "{first}");
        }
        assert!(lexicon_from('甲').is_empty());
    }

    /// 和/及/与/并 join parts unless they belong to a word (涉及, 和谐, 参与, 合并); 以及 counts
    /// once, at 以.
    #[test]
    fn connectives_are_told_from_words_that_contain_them() {
        let at = |text: &str, c: char| {
            let chars: Vec<char> = text.chars().collect();
            let i = chars.iter().position(|&x| x == c).unwrap_or(0);
            is_connective(&chars, i)
        };
        assert!(at("基金监管和医疗救助", '和'));
        assert!(at("总结及计划", '及'));
        assert!(!at("涉及群众", '及'));
        assert!(!at("社会和谐", '和'));
        assert!(!at("参与调查", '与'));
        assert!(!at("合并报告", '并'));
        assert!(at("总结以及计划", '以'));
        assert!(!at("总结以及计划", '及'));
    }

    #[test]
    fn short_titles_stay_on_one_line() {
        assert_eq!(
            choose_breaks("主动公开政府信息情况"),
            ["主动公开政府信息情况"]
        );
        assert_eq!(half_width("2020年度"), 8);
    }

    #[test]
    fn explicit_lines_win() {
        assert_eq!(
            title_lines("某局2020年度\n工作总结"),
            ["某局2020年度", "工作总结"]
        );
    }

    #[test]
    fn never_inside_year_and_unit_or_words() {
        let chars: Vec<char> = "某某局2020年度工作总结".chars().collect();
        let costs = break_costs(&chars);
        // 2|0, 0|年, 年|度, 工|作 are never break positions.
        for i in [4, 7, 8, 10] {
            assert_eq!(costs[i], None, "position {i}");
        }
    }

    #[test]
    fn table_heads_break_into_balanced_words() {
        // A column three 字 wide: 结果 / 维持, never 结果维 / 持.
        assert_eq!(break_within("结果维持", 6), ["结果", "维持"]);
        assert_eq!(break_within("社会公益组织", 4), ["社会", "公益", "组织"]);
        assert_eq!(break_within("总计", 4), ["总计"]);
    }

    #[test]
    fn absurd_titles_terminate() {
        let long = "医疗保障".repeat(200);
        let lines = choose_breaks(&long);
        assert!(lines.iter().all(|l| half_width(l) <= TITLE_LINE_HALF));
        assert_eq!(lines.concat(), long);
        let latin = "X".repeat(100);
        assert_eq!(choose_breaks(&latin).concat(), latin);
    }
}
