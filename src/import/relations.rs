//! Relations the text itself states: a total followed by its parts (“共X，其中A、B、C”,
//! “X（A、B、C）”, “X（A+B）”). Parts that add up to the total (within 0.5 %, so rounding in
//! the original still shows as a warning) give a `sum`; parts that do not (其中 naming only some
//! categories) give a `part_of`, which only checks Σ parts ≤ total. Rates (%) never add up.

use super::emit::yaml_string;
use super::figures::{FigureEntry, Placed};
use crate::catalogue::Catalogue;
use crate::units::Dimension;
use rust_decimal::Decimal;

fn dimension(f: &FigureEntry) -> Option<(Dimension, i64)> {
    super::declare::unit_for(&f.unit).map(|u| (u.dimension, u.factor))
}

/// Whether `parts` (in order) make up `total`: `sum` with the longest run of at least two leading
/// parts that adds up within 0.5 %, else `part_of` with all of them when they stay below it, else
/// nothing (they are not its parts). Returns the rule and how many parts it takes.
pub fn decide(total: &FigureEntry, parts: &[&FigureEntry]) -> Option<(&'static str, usize)> {
    let value = |f: &FigureEntry| -> Option<Decimal> {
        f.value?.checked_mul(Decimal::from(dimension(f)?.1))
    };
    let total_value = value(total)?;
    let mut sums = Vec::with_capacity(parts.len());
    let mut acc = Decimal::ZERO;
    for p in parts {
        acc = acc.checked_add(value(p)?)?;
        sums.push(acc);
    }
    let near = |s: Decimal| (total_value - s).abs() * Decimal::from(200) <= total_value.abs();
    match (2..=parts.len()).rev().find(|&n| near(sums[n - 1])) {
        Some(n) => Some(("sum", n)),
        None if !parts.is_empty() && sums.last().is_some_and(|s| *s <= total_value) => {
            Some(("part_of", parts.len()))
        }
        None => None,
    }
}

/// A relation as the YAML flow mapping the indicator file declares.
pub fn declaration(rule: &str, total: &str, parts: &[&str], note: &str) -> String {
    format!(
        "{{rule: {rule}, total: {total}, parts: [{}], note: {}}}",
        parts.join(", "),
        yaml_string(&format!("原文：{note}"))
    )
}

/// The byte where the bracket opened at `open` closes, if it does.
fn closing(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in text[open..].char_indices() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The relations stated in one paragraph, as YAML flow mappings; `seen` are totals already
/// given a relation (a total gets one).
pub fn stated(
    text: &str,
    placed: &[Placed],
    figures: &[FigureEntry],
    catalogue: &Catalogue,
    seen: &mut Vec<String>,
) -> Vec<String> {
    let mut out = Vec::new();
    for (i, total) in placed.iter().enumerate() {
        let Some(t) = figures.get(total.figure) else {
            continue;
        };
        let Some((dim, _)) = dimension(t) else {
            continue;
        };
        if dim == Dimension::Percent
            || seen.contains(&t.key)
            || catalogue.relations_for(&t.key).next().is_some()
            || ["人均", "均次", "标准", "率", "比例"]
                .iter()
                .any(|w| t.name.contains(w))
        {
            continue;
        }
        let after = text[total.end..].trim_start();
        let scope: Option<(usize, usize)> = if after.starts_with(['(', '（']) {
            let open = text.len() - after.len();
            closing(text, open).map(|close| (open, close))
        } else {
            // 其中 later in this sentence or at the start of the next one.
            let rest = &text[total.end..];
            let sentence_end = rest.find('。').map_or(text.len(), |e| total.end + e);
            let next_end = text[sentence_end..]
                .char_indices()
                .skip(1)
                .find(|&(_, c)| c == '。')
                .map_or(text.len(), |(e, _)| sentence_end + e);
            text[total.end..next_end].find("其中").and_then(|k| {
                let at = total.end + k;
                // Only when no other figure of this kind stands between the total and 其中,
                // and 其中 follows the total's own clause or starts the next sentence.
                let between = placed[i + 1..].iter().any(|p| {
                    p.start < at
                        && figures.get(p.figure).and_then(dimension).map(|d| d.0)
                            == Some(dim.clone())
                });
                let gap = &text[total.end..at];
                let close = gap.chars().count() <= 2
                    || gap.trim_end().ends_with(['。', '，', ',']) && !gap.contains(['；', ';']);
                let between = between || !close && !gap.ends_with('。');
                let end = text[at..].find('。').map_or(text.len(), |e| at + e);
                (!between).then_some((at, end))
            })
        };
        let Some((from, to)) = scope else { continue };
        let bracketed = text[from..].starts_with(['(', '（']);
        // Candidate parts: figures of the same kind in the scope, at its own bracket depth, not
        // after a nested 其中/包含 (until the next ；), stopping at a new total (结余, 累计 …).
        let mut parts: Vec<&Placed> = Vec::new();
        let first = text[from..].chars().next().map_or(1, char::len_utf8);
        let body_start = if bracketed { from + first } else { from };
        let mut segment_has_part = false;
        // With ；-separated groups (其中住院…，基金支出…；门诊…), each group gives one part.
        let grouped = !bracketed && text[from..to].contains(['；', ';']);
        let mut first_segment = true;
        let mut last = body_start;
        for p in &placed[i + 1..] {
            if p.start <= from || p.start >= to {
                continue;
            }
            let between = text.get(last..p.start).unwrap_or("");
            if between.contains(['；', ';']) {
                segment_has_part = false;
                first_segment = false;
            }
            last = p.end.max(p.start);
            let inner = text.get(body_start..p.start).unwrap_or("");
            let depth: i32 = inner
                .chars()
                .map(|c| match c {
                    '(' | '（' => 1,
                    ')' | '）' => -1,
                    _ => 0,
                })
                .sum();
            let segment_text = inner.rsplit(['；', ';']).next().unwrap_or("");
            let own_qizhong = usize::from(
                (!bracketed && first_segment)
                    || (bracketed && text[body_start..].starts_with("其中")),
            );
            let nested = segment_text.matches("其中").count() > own_qizhong
                || segment_text.contains("包含")
                || segment_text.contains("(含")
                || segment_text.contains("（含");
            let Some(f) = figures.get(p.figure) else {
                continue;
            };
            if dimension(f).map(|d| d.0) != Some(dim.clone()) || p.figure == total.figure {
                continue;
            }
            if ["结余", "累计", "合计", "总"]
                .iter()
                .any(|w| f.name.contains(w))
            {
                break;
            }
            if depth > 0
                || nested
                || segment_has_part
                || ["人均", "均次", "标准"].iter().any(|w| f.name.contains(w))
            {
                continue;
            }
            // Outside brackets, the first part must stand in 其中's own clause group.
            if !bracketed && parts.is_empty() && !first_segment {
                break;
            }
            parts.push(p);
            segment_has_part = grouped;
        }
        if parts.is_empty() {
            continue;
        }
        let entries: Vec<&FigureEntry> =
            parts.iter().filter_map(|p| figures.get(p.figure)).collect();
        let Some((rule, n)) = decide(t, &entries) else {
            continue;
        };
        let parts = &parts[..n];
        let keys: Vec<&str> = parts
            .iter()
            .filter_map(|p| figures.get(p.figure).map(|f| f.key.as_str()))
            .collect();
        let note: String = text[total.start..to.min(text.len())]
            .chars()
            .take(60)
            .collect();
        out.push(declaration(rule, &t.key, &keys, &note));
        seen.push(t.key.clone());
    }
    out
}
