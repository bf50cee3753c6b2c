//! The numbering pass: heading levels 1–4 become 一、/（一）/1./（1）, counted in document order, so
//! a section a template leaves out renumbers the rest.
//!
//! Templates never type numbers: a heading's number is derived here from its level and place,
//! the body and each attachment counted on their own. A heading resets the counters of the
//! levels below it, so (一) follows 二、 again. Levels deeper than 4 count as 4.
//!
//! A report may write its own styles (`meta.numbering`, e.g. `(一)` or `1、`): each style is the
//! number 一 or 1 with what surrounds it ([`number_document_in`]).

use super::{Block, Document};
use crate::numbers::chinese_numeral;

/// The printed number of the `n`-th (1-based) heading at `level`.
pub fn heading_number(level: u8, n: u64) -> String {
    match level {
        1 => format!("{}、", chinese_numeral(n)),
        2 => format!("（{}）", chinese_numeral(n)),
        3 => format!("{n}."),
        _ => format!("（{n}）"),
    }
}

/// The number `n` in `style`: the style's 一 (Chinese numeral) or 1 (Arabic) replaced by `n`.
pub fn styled_number(style: &str, n: u64) -> String {
    if style.contains('一') {
        style.replacen('一', &chinese_numeral(n), 1)
    } else {
        style.replacen('1', &n.to_string(), 1)
    }
}

/// Renumbers the body and attachments with a report's own styles of levels 1–4.
pub fn number_document_in(doc: &mut Document, styles: &[String; 4]) {
    let number = |blocks: &mut [Block]| {
        let mut counters = [0u64; 4];
        for block in blocks {
            if let Block::Heading(h) = block {
                let i = usize::from(h.level.clamp(1, 4) - 1);
                counters[i] += 1;
                for c in counters.iter_mut().skip(i + 1) {
                    *c = 0;
                }
                h.number = styled_number(&styles[i], counters[i]);
            }
        }
    };
    number(&mut doc.blocks);
    for a in &mut doc.attachments {
        number(&mut a.blocks);
    }
}

/// Numbers the headings of `blocks`; a heading resets the counters of deeper levels.
pub fn number_blocks(blocks: &mut [Block]) {
    let mut counters = [0u64; 4];
    for block in blocks {
        if let Block::Heading(h) = block {
            let level = h.level.clamp(1, 4);
            h.level = level;
            let i = usize::from(level - 1);
            counters[i] += 1;
            for c in counters.iter_mut().skip(i + 1) {
                *c = 0;
            }
            h.number = heading_number(level, counters[i]);
        }
    }
}

/// Marks the numbered items among the headings of `blocks` ([`super::Heading::item`]): a
/// heading whose text is not heading-sized, and every level 3–4 heading of a sibling list
/// (same level, same parent heading) in which one is — "1.…" items are set alike.
pub fn mark_items(blocks: &mut [Block]) {
    // Open sibling lists per level: indices into `blocks`.
    let mut lists: [Vec<usize>; 4] = Default::default();
    let close = |blocks: &mut [Block], list: &mut Vec<usize>, level: usize| {
        let any = list
            .iter()
            .any(|&i| matches!(&blocks[i], Block::Heading(h) if h.item));
        if any && level >= 2 {
            for &i in list.iter() {
                if let Block::Heading(h) = &mut blocks[i] {
                    h.item = true;
                }
            }
        }
        list.clear();
    };
    for i in 0..blocks.len() {
        let Block::Heading(h) = &mut blocks[i] else {
            continue;
        };
        h.item = !h.is_heading_sized();
        let l = usize::from(h.level.clamp(1, 4) - 1);
        for (deeper, list) in lists.iter_mut().enumerate().skip(l + 1) {
            close(blocks, list, deeper);
        }
        lists[l].push(i);
    }
    for (level, list) in lists.iter_mut().enumerate() {
        close(blocks, list, level);
    }
}

/// Numbers the body and each attachment separately, and marks their numbered items.
pub fn number_document(doc: &mut Document) {
    number_blocks(&mut doc.blocks);
    mark_items(&mut doc.blocks);
    for a in &mut doc.attachments {
        number_blocks(&mut a.blocks);
        mark_items(&mut a.blocks);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Heading, Inline};

    fn h(level: u8) -> Block {
        Block::Heading(Heading {
            level,
            number: String::new(),
            content: vec![Inline::Text("x".into())],
            run_in: None,
            item: false,
        })
    }

    #[test]
    fn levels_and_resets() {
        let mut blocks = vec![h(1), h(2), h(2), h(3), h(4), h(3), h(2), h(1), h(2), h(3)];
        number_blocks(&mut blocks);
        let numbers: Vec<String> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(h) => Some(h.number.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(
            numbers,
            [
                "一、",
                "（一）",
                "（二）",
                "1.",
                "（1）",
                "2.",
                "（三）",
                "二、",
                "（一）",
                "1."
            ]
        );
        assert_eq!(heading_number(2, 11), "（十一）");
    }

    fn titled(level: u8, text: &str) -> Block {
        Block::Heading(Heading {
            level,
            number: String::new(),
            content: vec![Inline::Text(text.into())],
            run_in: None,
            item: false,
        })
    }

    fn items(blocks: &[Block]) -> Vec<bool> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(h) => Some(h.item),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn sentences_and_their_level_three_siblings_are_items() {
        let long = "2020年度医疗保险基金预算总额以2019年度医保基金支出的费用为基数，增长率为7%，基本医疗的预算总额为717万元。";
        let mut blocks = vec![
            titled(1, "2021年度工作计划"),
            titled(2, "力争参保扩面全覆盖。"),
            titled(
                2,
                "2020年度总额预付的清算工作；大病保险第三方外包的清算工作。",
            ),
            titled(3, long),
            titled(3, "2021年第一季度完成大病保险清算工作。"),
            titled(2, "继续加强政策支持助力疫情防控。"),
            titled(3, "短标题"),
        ];
        mark_items(&mut blocks);
        // Level 2: only the two-clause one is an item; its short siblings stay headings. Level 3:
        // the short sentence goes with its long sibling; the list under the last (二) does not.
        assert_eq!(
            items(&blocks),
            [false, false, true, true, true, false, false]
        );
    }

    #[test]
    fn report_styles() {
        let styles = ["一、", "(一)", "1、", "(1)"].map(str::to_string);
        let mut doc = Document {
            blocks: vec![h(1), h(2), h(2), h(3), h(4), h(1), h(2)],
            ..Document::default()
        };
        number_document_in(&mut doc, &styles);
        let numbers: Vec<String> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(h) => Some(h.number.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(
            numbers,
            ["一、", "(一)", "(二)", "1、", "(1)", "二、", "(一)"]
        );
        assert_eq!(styled_number("（一）", 11), "（十一）");
        assert_eq!(styled_number("1.", 12), "12.");
    }
}
