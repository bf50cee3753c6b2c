//! The numbering pass: heading levels 1–4 become 一、/（一）/1./（1）, counted in document order, so
//! a section a template leaves out renumbers the rest.
//!
//! Templates never type numbers: a heading's number is derived here from its level and place,
//! the body and each attachment counted on their own. A heading resets the counters of the
//! levels below it, so (一) follows 二、 again. Levels deeper than 4 count as 4.

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

/// Numbers the body and each attachment separately.
pub fn number_document(doc: &mut Document) {
    number_blocks(&mut doc.blocks);
    for a in &mut doc.attachments {
        number_blocks(&mut a.blocks);
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
}
