//! Finding the figures a narrative quotes: sentences and clauses, phrases (longest first, never
//! inside a longer one), numbers in Arabic, full-width or Chinese numerals with their measure
//! word, and which phrase each number belongs to.
//!
//! A number belongs to the phrases before it in its clause (since the last number): the most
//! specific one (a result row, 结转, 行政复议) over a verb (收到, 办结); coordinated phrases
//! (行政复议、行政诉讼) share it when the words say so (均, 各 → each; 共, 合计 → together). A
//! clause with phrases but no number, under a negation (未收到申请, 未发生行政复议、行政诉讼),
//! quotes 0. Figures that only compare (较上年增加3件), count a part (通过网络收到3件, 第一
//! 季度), are approximate (10余件) or cannot be placed are kept as not understood, with why, so
//! nothing is passed silently. Sentences about other business (a work summary's 受理业务1234件)
//! are left alone: receipts, 办结 and 复议/诉讼 are read only where the sentence, or a heading of
//! the document, is about 政府信息公开.

use super::numbers::{Number, at, number_at, text};
use super::phrases::{
    AND, COMPARISON, Class, Cols, EACH, FILLER, FROM_LAST_YEAR, NEGATION, NOT_NEGATION, OTHER_ACTS,
    PARTIAL, PHRASES, Rows, TO_NEXT_YEAR, TOGETHER, TOPIC, Term,
};
use rust_decimal::Decimal;

/// What a figure found in the narrative means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Meaning {
    /// The cells it quotes: one or more readings, each a sum of terms (the first is named).
    Cells(Vec<Vec<Term>>),
    /// A figure no table cell holds (主动公开…N条).
    NoCell,
    /// Seen, but not placed in the tables: why.
    NotUnderstood(&'static str),
}

/// One figure found in the narrative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// 0-based line of the rendered narrative.
    pub line: usize,
    /// 0-based character column of the number (of the phrase, for a negation).
    pub column: usize,
    /// The quoted words, from the phrase to the measure word.
    pub text: String,
    /// The clause's words up to the number (to find the template line).
    pub context: String,
    /// The number and its measure word as printed (empty for a negation).
    pub figure: String,
    /// The phrase's word as written (结转, 收到 …); empty for a number without one.
    pub keyword: String,
    /// The number quoted (0 for a negation).
    pub value: Decimal,
    /// What it quotes.
    pub meaning: Meaning,
}

/// A phrase matched in a clause.
#[derive(Debug, Clone)]
struct Hit {
    /// How it combines with others.
    class: Class,
    /// What it quotes (see [`super::phrases::Phrase::readings`]).
    readings: Vec<Vec<Term>>,
    /// The measure words its figure may carry.
    units: &'static [&'static str],
    /// First character.
    start: usize,
    /// One past the last character.
    end: usize,
}

impl Hit {
    /// The phrase's class.
    fn class(&self) -> Class {
        self.class
    }

    /// How strongly it claims a number: a table row over a verb over a figure no cell holds.
    fn rank(&self) -> u8 {
        match self.class {
            Class::NoCell => 0,
            Class::Receipt | Class::Done => 1,
            _ => 2,
        }
    }
}

/// The rows of 表三 a narrative may quote by their own label (本机关不掌握相关政府信息2件),
/// as (words, row index in the report's format).
#[derive(Debug, Default)]
pub struct Vocabulary {
    /// Label words and rows, longest first.
    rows: Vec<(Vec<char>, usize)>,
}

impl Vocabulary {
    /// The labels of `labels` (row index, innermost label) worth matching: without numbering,
    /// up to the first 、 or bracket, at least four characters, and not a phrase already.
    pub fn new(labels: impl IntoIterator<Item = (usize, String)>) -> Vocabulary {
        let mut rows: Vec<(Vec<char>, usize)> = labels
            .into_iter()
            .filter_map(|(ri, label)| {
                let bare = crate::disclosure::lookup::without_numbering(&label);
                let cut = bare.split(['、', '（', '(']).next().unwrap_or(bare);
                let chars: Vec<char> = cut.chars().collect();
                let known = phrase_at(&chars, 0, &Vocabulary::default())
                    .is_some_and(|h| h.end == chars.len());
                (chars.len() >= 4 && !known).then_some((chars, ri))
            })
            .collect();
        rows.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        Vocabulary { rows }
    }
}

/// Measure words of the counts a verbose run lists when not understood.
const LISTED: [&str; 5] = ["件", "件次", "起", "宗", "例"];
/// Characters that end a clause.
const CLAUSE_END: &str = "，,；;（）()【】[]。！？!?";
/// Characters that end a sentence.
const SENTENCE_END: &str = "。！？!?";

/// The longest phrase at `i`: a phrase word or a row label of `vocabulary`.
fn phrase_at(chars: &[char], i: usize, vocabulary: &Vocabulary) -> Option<Hit> {
    let fixed = PHRASES
        .iter()
        .flat_map(|p| p.words.iter().map(move |w| (p, *w)))
        .filter(|(_, w)| at(chars, i, w))
        .max_by_key(|(_, w)| w.chars().count())
        .map(|(p, w)| Hit {
            class: p.class,
            readings: p.readings.iter().map(|r| r.to_vec()).collect(),
            units: p.units,
            start: i,
            end: i + w.chars().count(),
        });
    let row = vocabulary
        .rows
        .iter()
        .find(|(w, _)| chars.get(i..i + w.len()) == Some(w.as_slice()))
        .map(|(w, ri)| Hit {
            class: Class::Result,
            readings: vec![vec![("shenqing", Rows::Index(*ri), Cols::Id("zongji"))]],
            units: PHRASES[0].units,
            start: i,
            end: i + w.len(),
        });
    match (fixed, row) {
        (Some(f), Some(r)) if r.end > f.end => Some(r),
        (Some(f), _) => Some(f),
        (None, r) => r,
    }
}

/// A phrase that names a column of the row another phrase names (自然人, 废止, 维持).
fn is_column(class: Class) -> bool {
    matches!(
        class,
        Class::Applicant | Class::ProactiveColumn | Class::Outcome
    )
}

/// Whether `s` contains any of `words`.
fn any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.contains(w))
}

/// Whether `s` says none (未, 没有, 无) other than in words that only look like it (未经, 无法).
fn negated(s: &str) -> bool {
    let mut t = s.to_string();
    for w in NOT_NEGATION {
        t = t.replace(w, "");
    }
    any(&t, NEGATION)
}

/// State of one sentence while its clauses are read.
struct Sentence<'a> {
    /// The line's characters.
    chars: &'a [char],
    /// The report's row labels.
    vocabulary: &'a Vocabulary,
    /// The 0-based line.
    line: usize,
    /// The sentence is about 政府信息公开 (its own words or the document's headings).
    on_topic: bool,
    /// The sentence mentions 申请.
    applications: bool,
    /// The sentence, or the heading it is under, is about 政府信息公开 requests (a receipt or
    /// 办结 elsewhere may be of other business: 受理医保待遇申请1234件).
    disclosure_requests: bool,
    /// The rows the last row phrase named (alternatives, each a list of terms), for the column
    /// phrases after it (自然人, 废止, 维持).
    context: Vec<Vec<Term>>,
    /// Inside brackets: an aside (含上年结转1件) that does not change the context.
    aside: bool,
}

/// Every figure found in `text` (a composed narrative, markers resolved), in order; rows of
/// `vocabulary` are phrases too.
pub fn scan(text: &str, vocabulary: &Vocabulary) -> Vec<Found> {
    let topic_doc = text
        .lines()
        .any(|l| l.trim_start().starts_with('#') && l.contains("公开"));
    let mut out = Vec::new();
    let mut heading = "";
    for (li, line) in text.lines().enumerate() {
        if line.trim_start().starts_with('#') {
            heading = line;
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let mut start = 0;
        for i in 0..=chars.len() {
            if i == chars.len() || SENTENCE_END.contains(chars[i]) {
                let sentence = text_of(&chars, start, i);
                let mut s = Sentence {
                    chars: &chars,
                    vocabulary,
                    line: li,
                    on_topic: topic_doc || any(&sentence, TOPIC),
                    applications: sentence.contains("申请"),
                    disclosure_requests: any(&sentence, TOPIC) || heading.contains("申请"),
                    context: Vec::new(),
                    aside: false,
                };
                s.clauses(start, i, &mut out);
                start = i + 1;
            }
        }
    }
    out
}

/// The characters `a..b`.
fn text_of(chars: &[char], a: usize, b: usize) -> String {
    text(chars, a, b)
}

impl Sentence<'_> {
    /// Reads the clauses of the sentence `a..b`.
    fn clauses(&mut self, a: usize, b: usize, out: &mut Vec<Found>) {
        let mut start = a;
        for i in a..=b {
            if i == b || CLAUSE_END.contains(self.chars[i]) {
                if start < i {
                    self.clause(start, i, out);
                }
                match self.chars.get(i) {
                    Some('（' | '(') => self.aside = true,
                    Some('）' | ')') => self.aside = false,
                    _ => {}
                }
                start = i + 1;
            }
        }
    }

    /// Reads one clause `a..b`: phrases, numbers, and what each number belongs to.
    fn clause(&mut self, a: usize, b: usize, out: &mut Vec<Found>) {
        let chars = self.chars;
        let mut pending: Vec<Hit> = Vec::new();
        let mut i = a;
        while i < b {
            if let Some(hit) = phrase_at(chars, i, self.vocabulary) {
                i = hit.end;
                pending.push(hit);
                continue;
            }
            if let Some((n, counted)) = number_at(chars, i, b) {
                i = n.end;
                if counted {
                    self.number(a, &pending, &n, out);
                    pending.clear();
                }
                continue;
            }
            i += 1;
        }
        if pending.is_empty() {
            return;
        }
        let (first, last) = (pending[0].start, pending[pending.len() - 1].end);
        let before = text(chars, a, first);
        let after = text(chars, last, b);
        let none = negated(&before)
            || any(
                &after,
                &["均未", "未发生", "没有发生", "均无", "为零", "：无", ":无"],
            );
        if !none {
            return;
        }
        let top = pending.iter().map(Hit::rank).max().unwrap_or(0);
        for h in &pending {
            if h.rank() < top || h.class() == Class::NoCell {
                continue;
            }
            let quote = text(chars, a, b);
            let meaning = self.meaning(h, a, b, &quote);
            if let Some(meaning) = meaning {
                out.push(Found {
                    line: self.line,
                    column: h.start,
                    text: quote.clone(),
                    context: text(chars, a, h.end),
                    figure: String::new(),
                    keyword: text(chars, h.start, h.end),
                    value: Decimal::ZERO,
                    meaning,
                });
            }
        }
    }

    /// What phrase `h` quotes, its figure ending at `stop`; `None` when the sentence is not
    /// about 政府信息公开 (nothing to report), else the cells or why not.
    fn meaning(&mut self, h: &Hit, a: usize, stop: usize, span: &str) -> Option<Meaning> {
        let class = h.class;
        let needs_topic = matches!(
            class,
            Class::Receipt
                | Class::Done
                | Class::Review
                | Class::Proactive
                | Class::ProactiveColumn
                | Class::Outcome
                | Class::NoCell
        );
        if needs_topic && !self.on_topic {
            return None;
        }
        if class == Class::NoCell {
            return Some(Meaning::NoCell);
        }
        if matches!(class, Class::Proactive | Class::ProactiveColumn) && any(span, OTHER_ACTS) {
            return Some(Meaning::NotUnderstood(
                "说的是对文件的其他处理，不是表中的数",
            ));
        }
        if any(span, COMPARISON) {
            return Some(Meaning::NotUnderstood("是与上年的比较，不是表中的数"));
        }
        if any(span, PARTIAL) {
            return Some(Meaning::NotUnderstood(
                "只是其中一部分（某种渠道或某段时间），表中没有",
            ));
        }
        let before = text(self.chars, a, h.start);
        if matches!(class, Class::Receipt | Class::Done) && before.contains("其中") {
            return Some(Meaning::NotUnderstood("只是其中一部分，表中没有"));
        }
        if class == Class::Receipt && !self.applications {
            return Some(Meaning::NotUnderstood("没有说明收到的是政府信息公开申请"));
        }
        if matches!(class, Class::Receipt | Class::Done) && !self.disclosure_requests {
            return Some(Meaning::NotUnderstood(
                "句子和所在标题都没有说是政府信息公开申请",
            ));
        }
        let readings: Vec<Vec<Term>> = match class {
            Class::Carry => {
                let near = text(self.chars, h.start.saturating_sub(6).max(a), h.start);
                let after = text(self.chars, h.start, stop);
                let ac: Vec<char> = after.chars().collect();
                let year = (4..ac.len())
                    .any(|k| ac[k] == '年' && ac[k - 4..k].iter().all(char::is_ascii_digit));
                if any(&near, FROM_LAST_YEAR) {
                    vec![h.readings[0].clone()]
                } else if any(&after, TO_NEXT_YEAR) || year {
                    vec![h.readings[1].clone()]
                } else if any(&after, FROM_LAST_YEAR) {
                    vec![h.readings[0].clone()]
                } else {
                    return Some(Meaning::NotUnderstood("看不出是上年结转还是结转下年度"));
                }
            }
            Class::Applicant | Class::ProactiveColumn | Class::Outcome => {
                let table = match class {
                    Class::Applicant => "shenqing",
                    Class::Outcome => "fuyi_susong",
                    _ => "zhudong",
                };
                let mut rows: Vec<Vec<Term>> = self
                    .context
                    .iter()
                    .filter(|r| r.iter().all(|t| t.0 == table))
                    .cloned()
                    .collect();
                if rows.is_empty() && class == Class::Applicant && self.applications {
                    rows.push(vec![(table, Rows::Id("xinshou"), Cols::Id("zongji"))]);
                }
                if rows.is_empty() {
                    return Some(Meaning::NotUnderstood("看不出是表中哪一行的数"));
                }
                let cols = h.readings[0][0].2;
                let mut readings: Vec<Vec<Term>> = Vec::new();
                for r in rows {
                    let reading: Vec<Term> = r.iter().map(|t| (t.0, t.1, cols)).collect();
                    if !readings.contains(&reading) {
                        readings.push(reading);
                    }
                }
                readings
            }
            _ => h.readings.clone(),
        };
        if !self.aside {
            match class {
                Class::Result | Class::Carry | Class::Receipt | Class::Done | Class::Review => {
                    self.context = readings.first().cloned().into_iter().collect();
                }
                Class::Proactive => self.context = readings.clone(),
                _ => {}
            }
        }
        Some(Meaning::Cells(readings))
    }

    /// Places number `n` of the clause starting at `a`, after the phrases `pending`.
    fn number(&mut self, a: usize, pending: &[Hit], n: &Number, out: &mut Vec<Found>) {
        let chars = self.chars;
        let line = self.line;
        let span = text(chars, a, n.start);
        let found = |h: Option<&Hit>, meaning| Found {
            line,
            column: n.start,
            text: text(chars, h.map_or(n.start, |h| h.start), n.end),
            context: text(chars, a, n.start),
            figure: text(chars, n.start, n.end),
            keyword: h.map_or_else(String::new, |h| text(chars, h.start, h.end)),
            value: n.value.unwrap_or_default(),
            meaning,
        };
        let top = pending.iter().map(Hit::rank).max().unwrap_or(0);
        let specific: Vec<&Hit> = pending.iter().filter(|h| h.rank() == top).collect();
        let governors: Vec<&Hit> = match specific.as_slice() {
            [] => Vec::new(),
            [one] => vec![*one],
            _ if top < 2 => vec![specific[0]],
            many if many.iter().filter(|h| is_column(h.class)).count() == 1 => {
                // 予以公开的申请中自然人3件, 现行有效规范性文件15件, 行政复议被纠错0件: the
                // column of the row the other phrases name.
                let mut column = None;
                for h in many {
                    if is_column(h.class) {
                        column = Some(*h);
                    } else {
                        let _ = self.meaning(h, a, n.start, &span);
                    }
                }
                column.into_iter().collect()
            }
            many => {
                let coordinated = many.windows(2).all(|w| {
                    let mut between = text(chars, w[0].end, w[1].start);
                    for filler in FILLER {
                        between = between.replace(filler, "");
                    }
                    AND.contains(&between.trim())
                });
                let tail = text(chars, many[many.len() - 1].end, n.start);
                if coordinated && (any(&tail, EACH) || n.value == Some(Decimal::ZERO)) {
                    many.to_vec()
                } else if coordinated && any(&tail, TOGETHER) {
                    let mut together = Vec::new();
                    for h in many {
                        match self.meaning(h, a, n.start, &span) {
                            Some(Meaning::Cells(r)) => together.extend(r[0].clone()),
                            _ => return,
                        }
                    }
                    out.push(found(many.first().copied(), Meaning::Cells(vec![together])));
                    return;
                } else {
                    if self.on_topic && LISTED.contains(&n.unit) {
                        out.push(found(
                            many.first().copied(),
                            Meaning::NotUnderstood("几种说法共用一个数，看不出各是多少"),
                        ));
                    }
                    return;
                }
            }
        };
        if governors.is_empty() {
            if self.on_topic && LISTED.contains(&n.unit) {
                out.push(found(None, Meaning::NotUnderstood("没有说明是哪一项的数")));
            }
            return;
        }
        for h in governors {
            let Some(meaning) = self.meaning(h, a, n.start, &span) else {
                continue;
            };
            let meaning = match meaning {
                Meaning::Cells(_) if n.value.is_none() => Meaning::NotUnderstood("是约数，不核对"),
                Meaning::Cells(_) if !h.units.contains(&n.unit) && LISTED.contains(&n.unit) => {
                    Meaning::NotUnderstood("单位不是件数")
                }
                Meaning::Cells(_) | Meaning::NotUnderstood(_) if !h.units.contains(&n.unit) => {
                    continue;
                }
                Meaning::NoCell if !h.units.contains(&n.unit) => continue,
                m => m,
            };
            let mut f = found(Some(h), meaning);
            if h.class == Class::Carry {
                // 上年结转1件: the quote starts at the words that give the direction.
                let back = FROM_LAST_YEAR
                    .iter()
                    .map(|w| w.chars().count())
                    .filter(|&k| h.start >= a + k)
                    .filter(|&k| {
                        FROM_LAST_YEAR.contains(&text(chars, h.start - k, h.start).as_str())
                    })
                    .max();
                if let Some(k) = back {
                    f.text = text(chars, h.start - k, n.end);
                }
            }
            out.push(f);
        }
    }
}
