//! Figures the narrative template quotes about applications, reviews and lawsuits
//! (收到申请X件, 结转X件, 行政复议X件 …) compared with the tables: a warning at both places.
//!
//! Only quotes that clearly name a table figure are compared: the keyword and the number must
//! be in one clause, the number must carry a measure word (件, 起, 宗), and a negation (未收到
//! 申请) means 0. Cells that are pending or invalid are not compared; a blank cell counts as 0.

use super::format;
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{CellState, DisclosureData};
use rust_decimal::Decimal;

/// A phrase and the table cells (summed) it quotes.
struct Phrase {
    /// The word that introduces the figure (收到, 结转下年度, 行政复议 …).
    keyword: &'static str,
    /// A word that must come between the keyword and the number (收到 … 申请).
    needs: Option<&'static str>,
    /// The cells whose sum the quoted figure must equal: (table, row, column) ids.
    cells: &'static [(&'static str, &'static str, &'static str)],
}

/// The phrases narratives use for the figures of 表三 and 表四, in the order they are tried.
const PHRASES: &[Phrase] = &[
    Phrase {
        keyword: "新收",
        needs: Some("申请"),
        cells: &[("shenqing", "xinshou", "zongji")],
    },
    Phrase {
        keyword: "收到",
        needs: Some("申请"),
        cells: &[("shenqing", "xinshou", "zongji")],
    },
    Phrase {
        keyword: "上年结转",
        needs: None,
        cells: &[("shenqing", "shangnian_jiezhuan", "zongji")],
    },
    Phrase {
        keyword: "结转下年度",
        needs: None,
        cells: &[("shenqing", "xianian_jiezhuan", "zongji")],
    },
    Phrase {
        keyword: "结转至下年度",
        needs: None,
        cells: &[("shenqing", "xianian_jiezhuan", "zongji")],
    },
    Phrase {
        keyword: "予以公开",
        needs: None,
        cells: &[("shenqing", "yuyi_gongkai", "zongji")],
    },
    Phrase {
        keyword: "部分公开",
        needs: None,
        cells: &[("shenqing", "bufen_gongkai", "zongji")],
    },
    Phrase {
        keyword: "办结",
        needs: None,
        cells: &[("shenqing", "zongji", "zongji")],
    },
    Phrase {
        keyword: "行政复议",
        needs: None,
        cells: &[("fuyi_susong", "fuyi", "zongji")],
    },
    Phrase {
        keyword: "行政诉讼",
        needs: None,
        cells: &[
            ("fuyi_susong", "zhijie_qisu", "zongji"),
            ("fuyi_susong", "fuyihou_qisu", "zongji"),
        ],
    },
];

/// Where a clause ends: a quoted figure must be in the same clause as its keyword.
const BOUNDARY: [char; 8] = ['，', '。', '；', '！', '？', ',', ';', '\n'];
/// Words that turn a phrase into “none” (未收到申请): the quote then means 0.
const NEGATION: [&str; 4] = ["未", "没有", "无", "零"];
/// The measure words after a quoted count (件, 起, 宗).
const UNITS: [char; 3] = ['件', '起', '宗'];

/// One figure found in the narrative.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Quote {
    /// Index into [`PHRASES`].
    phrase: usize,
    /// The number quoted (0 after a negation).
    value: Decimal,
    /// The quoted words, from the keyword to the unit.
    text: String,
    /// Where the quote starts in the template (1-based line).
    line: u32,
    /// Where the quote starts (1-based column, in characters).
    column: u32,
}

/// Warnings for figures in `text` (the narrative template named `name`) that contradict `data`.
///
/// Each warning (`W-DISCLOSURE-NARRATIVE`) is placed at the quote in the template, names the
/// table cells the figure should equal with their values, and points at the cells' places in
/// the indicator file when they were written.
pub fn check(data: &DisclosureData, name: &str, text: &str) -> Vec<Diagnostic> {
    let Ok(formats) = format::formats() else {
        return Vec::new();
    };
    let format = formats.get(data.format);
    let mut out = Vec::new();
    for q in quotes(text) {
        let phrase = &PHRASES[q.phrase];
        let mut sum = Decimal::ZERO;
        let mut names = Vec::new();
        let mut related = Vec::new();
        let mut known = true;
        for &(t, r, c) in phrase.cells {
            let (Some(def), Some(cell)) = (format.table(t), super::cell(data, t, r, c)) else {
                known = false;
                break;
            };
            if matches!(cell.state, CellState::Pending | CellState::Invalid(_)) {
                known = false;
                break;
            }
            let v = cell.rule_value().unwrap_or_default();
            sum += v;
            let row = def.row(r).and_then(|i| def.rows.get(i));
            let col = row
                .and_then(|x| x.column(c))
                .and_then(|i| row?.columns.get(i));
            let (Some(row), Some(col)) = (row, col) else {
                known = false;
                break;
            };
            let shown = if cell.is_blank() {
                "空白".to_string()
            } else {
                v.normalize().to_string()
            };
            let name = super::names::cell_name(def, row, &col.label);
            match cell.location().filter(|l| l.line > 0) {
                Some(l) => {
                    names.push(format!("{name} {shown}"));
                    related.push((l.clone(), format!("{name}在这里")));
                }
                None if cell.is_blank() => names.push(format!("{name} {shown}")),
                None => {
                    names.push(format!("{name} {shown}（由其他各格算出）"));
                    if let Some(l) = written_in_row(data, t, r) {
                        let line = if def.layout == format::Layout::Groups {
                            "栏"
                        } else {
                            "行"
                        };
                        related.push((l, format!("{name}由这一{line}的数算出")));
                    }
                }
            }
        }
        if !known || sum == q.value {
            continue;
        }
        let table_side = if names.len() > 1 && phrase.cells.len() > 1 {
            format!("{} = {}", names.join(" + "), sum.normalize())
        } else {
            names.join("")
        };
        let mut d = Diagnostic::warning(
            "W-DISCLOSURE-NARRATIVE",
            format!("叙述中“{}”与表中的数不符：{}", q.text, table_side),
        )
        .at(Location::new(name, q.line, q.column))
        .hint("改正叙述或表格，使两处一致");
        for (l, m) in related {
            d = d.related(l, m);
        }
        out.push(d);
    }
    out
}

/// The place of the first written cell in a table row (for a computed total).
fn written_in_row(data: &DisclosureData, table: &str, row: &str) -> Option<Location> {
    let format = format::formats().ok()?.get(data.format);
    let r = format.table(table)?.row(row)?;
    data.table(table)?
        .cells
        .get(r)?
        .iter()
        .find_map(|c| c.location().filter(|l| l.line > 0).cloned())
}

/// Every quoted figure in `text`, in order.
fn quotes(text: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    for (li, line) in text.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let Some((pi, phrase)) = PHRASES
                .iter()
                .enumerate()
                .find(|(_, p)| starts_with(&chars[i..], p.keyword))
            else {
                i += 1;
                continue;
            };
            let klen = phrase.keyword.chars().count();
            let end = (i + klen..chars.len())
                .find(|&j| BOUNDARY.contains(&chars[j]))
                .unwrap_or(chars.len());
            let clause: String = chars[i + klen..end].iter().collect();
            let start = (0..i)
                .rev()
                .find(|&j| BOUNDARY.contains(&chars[j]))
                .map_or(0, |j| j + 1);
            let before: String = chars[start..i].iter().collect();
            let needs_ok = phrase
                .needs
                .is_none_or(|n| clause.contains(n) || before.contains(n));
            if needs_ok && !clause.contains("{{") {
                if let Some((off, len, value)) = number(&chars[i + klen..end]) {
                    let needs_before_number = phrase.needs.is_none_or(|n| {
                        before.contains(n)
                            || chars[i + klen..i + klen + off]
                                .iter()
                                .collect::<String>()
                                .contains(n)
                    });
                    if needs_before_number {
                        let stop = i + klen + off + len;
                        out.push(Quote {
                            phrase: pi,
                            value,
                            text: chars[i..stop].iter().collect(),
                            line: li as u32 + 1,
                            column: (i + klen + off) as u32 + 1,
                        });
                    }
                } else if NEGATION.iter().any(|n| before.contains(n)) {
                    out.push(Quote {
                        phrase: pi,
                        value: Decimal::ZERO,
                        text: chars[start..end].iter().collect(),
                        line: li as u32 + 1,
                        column: start as u32 + 1,
                    });
                }
            }
            i += klen;
        }
    }
    out
}

/// Whether `chars` begins with `word`.
fn starts_with(chars: &[char], word: &str) -> bool {
    let mut it = chars.iter();
    word.chars().all(|w| it.next() == Some(&w))
}

/// The first integer followed by a unit (件, 起 …): (offset, length with unit, value).
fn number(chars: &[char]) -> Option<(usize, usize, Decimal)> {
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let s = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let digits: String = chars[s..i].iter().collect();
            let mut j = i;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            if j < chars.len() && UNITS.contains(&chars[j]) {
                let value = digits.parse::<Decimal>().ok()?;
                return Some((s, j + 1 - s, value));
            }
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_quoted_figures() {
        let q = quotes(
            "全年共收到政府信息公开申请12件，上年结转2件；结转下年度继续办理1件。\n本年度未发生行政复议、行政诉讼案件。\n{{ x }}收到申请{{ n }}件，行政复议情况",
        );
        let got: Vec<(usize, String, String)> = q
            .iter()
            .map(|q| (q.phrase, q.value.to_string(), q.text.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, "12".into(), "收到政府信息公开申请12件".into()),
                (2, "2".into(), "上年结转2件".into()),
                (3, "1".into(), "结转下年度继续办理1件".into()),
                (8, "0".into(), "本年度未发生行政复议、行政诉讼案件".into()),
                (9, "0".into(), "本年度未发生行政复议、行政诉讼案件".into()),
            ]
        );
        assert_eq!((q[0].line, q[0].column), (1, 14));
    }

    #[test]
    fn ignores_deadlines_and_other_units() {
        assert!(quotes("收到政府信息公开申请后15个工作日内答复；办结时限20日。").is_empty());
    }
}
