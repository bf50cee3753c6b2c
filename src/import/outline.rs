//! The structure of an imported report: title (one or two lines), 主送, numbered headings of the
//! 一、（一）1.（1） hierarchy (run-in or on their own line), 一是/二是 enumerations, paragraphs,
//! tables, the sign-off (agency and date) and attachments.
//!
//! Headings keep their place in the hierarchy only where wengao's numbering would print exactly
//! the number the original shows; anywhere else (skips, restarts, duplicates, a minority style)
//! the number stays as written text and a note says so.

use super::blocks::{Paragraph, SourceBlock, SourceTable, trim_blank};
use super::markers::{enumeration_mark, heading_mark, print_in_style};
use crate::model::DocDate;

/// A line of text with the line (or paragraph) number it was read at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The text as read.
    pub text: String,
    /// Where it was read.
    pub line: u32,
}

/// A numbered heading that wengao will number itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingItem {
    /// 1 = 一、 2 = （一） 3 = 1. 4 = （1）.
    pub level: u8,
    /// The heading text without its number.
    pub text: String,
    /// The rest of the paragraph, for a run-in heading (（一）xxxx。正文…).
    pub run_in: Option<String>,
    /// Where it was read.
    pub line: u32,
}

/// One item of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A numbered heading.
    Heading(HeadingItem),
    /// A paragraph as written.
    Paragraph(Line),
    /// 一是…、二是… paragraphs, each without its 一是.
    List(Vec<Line>),
    /// A table.
    Table(SourceTable),
}

/// The sign-off: 发文机关署名 and 成文日期.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOffLines {
    /// The agency line.
    pub agency: Line,
    /// The date it gives.
    pub date: DocDate,
    /// Where the date line was read.
    pub date_line: u32,
}

/// An attachment: 附件N, its title, its blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentPart {
    /// The attachment's title (the line after 附件N).
    pub title: String,
    /// The items of the body.
    pub items: Vec<Item>,
    /// Where it was read.
    pub line: u32,
    /// The attachment's lines as read (`附件N`, title, content), for keeping it as text.
    pub blocks: Vec<SourceBlock>,
}

/// Something about the structure the user should know (numbering kept as text …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructureNote {
    /// Where it was read.
    pub line: u32,
    /// The text as read.
    pub text: String,
}

/// A report's structure.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// The attachment's title (the line after 附件N).
    pub title: Vec<Line>,
    /// The 主送 line.
    pub addressee: Option<Line>,
    /// The items of the body.
    pub items: Vec<Item>,
    /// The sign-off, when the body ends with agency and date lines.
    pub sign_off: Option<SignOffLines>,
    /// The attachment note before the sign-off (附件：1.… / 2.…), as written.
    pub attachment_note: Vec<Line>,
    /// The note is not the one wengao writes from the attachments' titles: the note, the
    /// sign-off and the attachments are kept as written text.
    pub attachments_as_text: bool,
    /// The attachments after the sign-off.
    pub attachments: Vec<AttachmentPart>,
    /// The heading style of each level 1–4 (`一、`, `（一）`, `1.`, `（1）` by default).
    pub numbering: [String; 4],
    /// Headings kept as text and other notes.
    pub notes: Vec<StructureNote>,
}

/// The heading styles wengao prints when a file says nothing.
pub const DEFAULT_NUMBERING: [&str; 4] = ["一、", "（一）", "1.", "（1）"];

/// Words a report title contains.
const TITLE_WORDS: &[&str] = &[
    "总结", "报告", "计划", "安排", "汇报", "打算", "思路", "谋划", "要点", "情况", "规划",
];

/// Ends of an agency's name.
const AGENCY_ENDS: &[&str] = &[
    "局",
    "中心",
    "政府",
    "委员会",
    "办公室",
    "办",
    "厅",
    "院",
    "处",
    "科",
    "站",
    "所",
    "委",
    "部",
    "公司",
    "集团",
    "管理局",
    "分局",
    "大队",
    "组",
];

fn ends_sentence(t: &str) -> bool {
    t.ends_with(['。', '；', '，', ';', ',', '！', '？', '!', '?'])
}

fn chars(t: &str) -> usize {
    t.chars().count()
}

/// A line that could be (part of) a title: short, not a sentence, not numbered, not 主送.
fn title_like(p: &Paragraph) -> bool {
    let t = &p.text;
    chars(t) <= 60
        && !ends_sentence(t)
        && !t.ends_with(['：', ':'])
        && heading_mark(t).is_none()
        && enumeration_mark(t).is_none()
        && parse_date_line(t).is_none()
}

fn has_title_word(t: &str) -> bool {
    TITLE_WORDS.iter().any(|w| t.contains(w))
}

/// `2021年1月7日` (Arabic digits; the form GB/T 9704 prescribes).
pub fn parse_date_line(text: &str) -> Option<DocDate> {
    let t = trim_blank(text);
    let (y, rest) = t.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    let num = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let year = i32::try_from(num(y)?)
        .ok()
        .filter(|y| (1949..=2199).contains(y))?;
    DocDate::new(year, num(m)?, num(d)?)
}

fn agency_like(t: &str) -> bool {
    let n = chars(t);
    (2..=40).contains(&n)
        && !t.contains(['，', '。', '；', '：', ',', ';', ':'])
        && AGENCY_ENDS.iter().any(|e| t.ends_with(e))
        && heading_mark(t).is_none()
}

/// `附件1`, `附件 2`, `附件3：` alone on a line: the attachment's number.
fn attachment_start(t: &str) -> Option<u32> {
    let rest = t.strip_prefix("附件")?;
    let rest = trim_blank(rest).trim_end_matches(['：', ':']);
    (!rest.is_empty() && rest.len() <= 2 && rest.chars().all(|c| c.is_ascii_digit()))
        .then(|| rest.parse().ok())
        .flatten()
}

/// Builds the outline of a report from its blocks.
pub fn outline(blocks: &[SourceBlock]) -> Outline {
    let mut out = Outline {
        numbering: DEFAULT_NUMBERING.map(str::to_string),
        ..Outline::default()
    };
    let mut start = 0;
    // Title: one or two short lines at the top that name a report.
    let para = |i: usize| match blocks.get(i) {
        Some(SourceBlock::Paragraph(p)) => Some(p),
        _ => None,
    };
    if let Some(first) = para(0).filter(|p| title_like(p)) {
        let second = para(1).filter(|p| title_like(p));
        let two = second.is_some_and(|s| {
            has_title_word(&format!("{}{}", first.text, s.text))
                && (!has_title_word(&first.text) || s.text.starts_with(['（', '(']))
                && chars(&first.text) + chars(&s.text) <= 80
        });
        if two {
            if let Some(s) = second {
                out.title = vec![line_of(first), line_of(s)];
            }
            start = 2;
        } else if has_title_word(&first.text) || first.hints.centred {
            out.title = vec![line_of(first)];
            start = 1;
        }
    }
    // 主送: a short line ending with a colon right after the title.
    if let Some(p) = para(start)
        && p.text.ends_with(['：', ':'])
        && chars(&p.text) <= 40
        && heading_mark(&p.text).is_none()
    {
        out.addressee = Some(line_of(p));
        start += 1;
    }
    // Attachments: from the first `附件N` line after which the rest are attachments.
    let mut end = blocks.len();
    let attachment_at = (start..blocks.len()).find(|&i| {
        para(i).is_some_and(|p| attachment_start(&p.text) == Some(1))
            && i >= 2
            && para(i - 1).is_some_and(|d| parse_date_line(&d.text).is_some())
    });
    if let Some(a) = attachment_at {
        end = a;
        out.attachments = attachments(&blocks[a..], &mut out.notes);
    }
    // Sign-off: agency and date as the last two lines of the body.
    if end >= start + 2
        && let (Some(agency), Some(date_p)) = (para(end - 2), para(end - 1))
        && let Some(date) = parse_date_line(&date_p.text)
        && agency_like(&agency.text)
    {
        out.sign_off = Some(SignOffLines {
            agency: line_of(agency),
            date,
            date_line: date_p.line,
        });
        end -= 2;
    }
    // The attachment note: 附件：1.… then 2.… lines, right before the sign-off.
    let mut note_at = end;
    for i in (start..end).rev().take(12) {
        if para(i).is_some_and(|p| p.text.starts_with("附件:") || p.text.starts_with("附件："))
        {
            let continues = (i + 1..end).enumerate().all(|(k, j)| {
                para(j).is_some_and(|p| {
                    heading_mark(&p.text).is_some_and(|m| m.level == 3 && m.n == k as u64 + 2)
                })
            });
            if continues {
                note_at = i;
            }
            break;
        }
    }
    out.attachment_note = (note_at..end).filter_map(para).map(line_of).collect();
    end = note_at;
    if !out.attachments.is_empty() || !out.attachment_note.is_empty() {
        let titles: Vec<&str> = out.attachments.iter().map(|a| a.title.as_str()).collect();
        let wengao_note: Vec<String> = match titles.as_slice() {
            [] => Vec::new(),
            [one] => vec![format!("附件：{one}")],
            many => many
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    if i == 0 {
                        format!("附件：1.{t}")
                    } else {
                        format!("{}.{t}", i + 1)
                    }
                })
                .collect(),
        };
        let written: Vec<String> = out.attachment_note.iter().map(|l| l.text.clone()).collect();
        out.attachments_as_text = written != wengao_note;
        if out.attachments_as_text && !out.attachments.is_empty() {
            out.notes.push(StructureNote {
                line: out.attachment_note.first().map_or(0, |l| l.line),
                text: "附件说明的写法与 wengao 的“附件：1.……”不同：附件说明、落款和附件按原文保留为文字".to_string(),
            });
        }
    }
    let body = &blocks[start.min(end)..end];
    out.numbering = choose_numbering(body);
    out.items = items(body, &out.numbering, &mut out.notes);
    out
}

fn line_of(p: &Paragraph) -> Line {
    Line {
        text: p.text.clone(),
        line: p.line,
    }
}

fn attachments(blocks: &[SourceBlock], notes: &mut Vec<StructureNote>) -> Vec<AttachmentPart> {
    let mut parts: Vec<(u32, usize)> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if let SourceBlock::Paragraph(p) = b
            && attachment_start(&p.text) == u32::try_from(parts.len() + 1).ok()
        {
            parts.push((p.line, i));
        }
    }
    let mut out = Vec::new();
    for (k, &(line, i)) in parts.iter().enumerate() {
        let stop = parts.get(k + 1).map_or(blocks.len(), |&(_, j)| j);
        let inner = &blocks[i + 1..stop];
        let (title, rest) = match inner.first() {
            Some(SourceBlock::Paragraph(p)) => (p.text.clone(), &inner[1..]),
            _ => (String::new(), inner),
        };
        let numbering = DEFAULT_NUMBERING.map(str::to_string);
        out.push(AttachmentPart {
            title,
            items: items(rest, &numbering, notes),
            line,
            blocks: blocks[i..stop].to_vec(),
        });
    }
    out
}

/// The most frequent style of each level among the body's heading numbers (ties: the default).
fn choose_numbering(blocks: &[SourceBlock]) -> [String; 4] {
    let mut counts: [Vec<(String, usize)>; 4] = Default::default();
    for b in blocks {
        if let SourceBlock::Paragraph(p) = b
            && let Some(m) = heading_mark(&p.text)
        {
            let slot = &mut counts[usize::from(m.level - 1)];
            match slot.iter_mut().find(|(s, _)| *s == m.style) {
                Some((_, n)) => *n += 1,
                None => slot.push((m.style, 1)),
            }
        }
    }
    let mut out = DEFAULT_NUMBERING.map(str::to_string);
    for (level, styles) in counts.iter().enumerate() {
        let best = styles.iter().map(|(_, n)| *n).max().unwrap_or(0);
        let winners: Vec<&String> = styles
            .iter()
            .filter(|(_, n)| *n == best)
            .map(|(s, _)| s)
            .collect();
        if winners.len() == 1 {
            out[level] = winners[0].clone();
        }
    }
    out
}

/// Splits a heading paragraph after its first sentence: (heading, run-in text).
fn split_run_in(text: &str) -> (String, Option<String>) {
    let mut split = None;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '！' | '？') {
            split = Some(i + c.len_utf8());
            break;
        }
    }
    match split {
        Some(at) if at < text.len() && !trim_blank(&text[at..]).is_empty() => {
            let (head, rest) = text.split_at(at);
            (head.to_string(), Some(rest.to_string()))
        }
        _ => (text.to_string(), None),
    }
}

/// Paragraphs and tables → items, numbering headings the way the document stage will.
fn items(
    blocks: &[SourceBlock],
    numbering: &[String; 4],
    notes: &mut Vec<StructureNote>,
) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    let mut counters = [0u64; 4];
    let mut i = 0;
    while i < blocks.len() {
        let p = match &blocks[i] {
            SourceBlock::Table(t) => {
                out.push(Item::Table(t.clone()));
                i += 1;
                continue;
            }
            SourceBlock::Paragraph(p) => p,
        };
        if let Some(m) = heading_mark(&p.text) {
            let level = usize::from(m.level - 1);
            let expected = counters[level] + 1;
            let style = &numbering[level];
            if m.n == expected && m.style == *style {
                counters[level] = expected;
                for c in counters.iter_mut().skip(level + 1) {
                    *c = 0;
                }
                let body = trim_blank(&p.text[m.len..]);
                let (text, run_in) = split_run_in(body);
                out.push(Item::Heading(HeadingItem {
                    level: m.level,
                    text,
                    run_in,
                    line: p.line,
                }));
            } else {
                let why = if m.style != *style {
                    format!("写法“{}”与本级多数标题的“{}”不同", m.style, style)
                } else {
                    format!("按顺序应为“{}”", print_in_style(style, expected))
                };
                notes.push(StructureNote {
                    line: p.line,
                    text: format!(
                        "标题编号“{}”不规则（{why}），编号按原文保留为文字",
                        &p.text[..m.len]
                    ),
                });
                out.push(Item::Paragraph(line_of(p)));
            }
            i += 1;
            continue;
        }
        // 一是/二是 … on consecutive paragraphs.
        if enumeration_mark(&p.text).map(|(n, _)| n) == Some(1) {
            let mut list = Vec::new();
            let mut j = i;
            while let Some(SourceBlock::Paragraph(q)) = blocks.get(j) {
                match enumeration_mark(&q.text) {
                    Some((n, len)) if n == list.len() as u64 + 1 => {
                        list.push(Line {
                            text: q.text[len..].to_string(),
                            line: q.line,
                        });
                        j += 1;
                    }
                    _ => break,
                }
            }
            if list.len() >= 2 {
                out.push(Item::List(list));
                i = j;
                continue;
            }
        }
        out.push(Item::Paragraph(line_of(p)));
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::blocks::from_text;
    use super::*;

    fn kinds(o: &Outline) -> Vec<String> {
        o.items
            .iter()
            .map(|i| match i {
                Item::Heading(h) => format!(
                    "H{}:{}{}",
                    h.level,
                    h.text,
                    h.run_in
                        .as_deref()
                        .map(|r| format!("|{r}"))
                        .unwrap_or_default()
                ),
                Item::Paragraph(l) => format!("P:{}", l.text),
                Item::List(l) => format!("L{}", l.len()),
                Item::Table(_) => "T".to_string(),
            })
            .collect()
    }

    #[test]
    fn title_headings_run_in_and_sign_off() {
        let o = outline(&from_text(
            "三门县医疗保障服务中心\n2020年度工作总结\n市医保局：\n一、2020年度工作总结\n(一)城乡居民参保情况\n正文。\n(二)稽核。正文二。\n1.对医院。根据文件。\n2.对药店\n一是甲。\n二是乙。\n三门县医疗保障服务中心\n2021年1月7日\n",
        ));
        assert_eq!(
            o.title.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            ["三门县医疗保障服务中心", "2020年度工作总结"]
        );
        assert_eq!(
            o.addressee.as_ref().map(|a| a.text.as_str()),
            Some("市医保局：")
        );
        assert_eq!(
            kinds(&o),
            [
                "H1:2020年度工作总结",
                "H2:城乡居民参保情况",
                "P:正文。",
                "H2:稽核。|正文二。",
                "H3:对医院。|根据文件。",
                "H3:对药店",
                "L2"
            ]
        );
        assert_eq!(o.numbering[1], "(一)");
        let s = o.sign_off.expect("sign-off");
        assert_eq!(s.agency.text, "三门县医疗保障服务中心");
        assert_eq!(s.date, DocDate::new(2021, 1, 7).expect("date"));
    }

    #[test]
    fn irregular_numbers_stay_text_and_minority_styles_too() {
        let o = outline(&from_text(
            "一、甲\n1.子\n2.子\n4.跳号\n5.后续\n二、乙\n1、另一种写法\n1.正常\n",
        ));
        assert_eq!(
            kinds(&o),
            [
                "H1:甲",
                "H3:子",
                "H3:子",
                "P:4.跳号",
                "P:5.后续",
                "H1:乙",
                "P:1、另一种写法",
                "H3:正常"
            ]
        );
        assert_eq!(o.notes.len(), 3);
        assert_eq!(
            o.notes[0].text,
            "标题编号“4.”不规则（按顺序应为“3.”），编号按原文保留为文字"
        );
    }

    #[test]
    fn children_of_a_literal_heading_stay_literal_too() {
        let o = outline(&from_text("(一)甲\n1.子\n(三)跳号\n1.子\n"));
        assert_eq!(kinds(&o), ["H2:甲", "H3:子", "P:(三)跳号", "P:1.子"]);
    }

    #[test]
    fn no_title_when_the_first_line_is_a_sentence() {
        let o = outline(&from_text("2025年以来，我局坚持……。\n一、上半年工作总结\n"));
        assert!(o.title.is_empty());
        assert_eq!(
            kinds(&o),
            ["P:2025年以来，我局坚持……。", "H1:上半年工作总结"]
        );
    }
}
