//! Approximation words (约, 近, 超, 逾 before a number; 余, 多 between number and unit; 以上, 左右,
//! 上下 after the unit) go with the figure's value (`约200`, `10余`, `3以上`), so relations
//! never hold an approximate figure to an exact sum, only where `fig()` prints the word exactly
//! where the original has it; anywhere else the word stays template text.

use super::scan::{Found, Quantity};

/// How a quantity is cut out of its paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    /// The word the figure carries, if any.
    pub word: Option<&'static str>,
    /// Where the figure's printed text starts (the word, a minus sign or the number).
    pub start: usize,
    /// Where it ends (after the unit or word when `fig()` prints them, else after the number).
    pub end: usize,
    /// `fig()` prints the unit.
    pub unit: bool,
}

/// Chooses what `fig()` prints for quantity `q` found at `f` (`start`: where its minus sign or
/// number starts).
pub fn cut(text: &str, f: &Found, q: &Quantity, start: usize) -> Cut {
    let plain = Cut {
        word: None,
        start,
        end: if q.unit_adjacent { q.unit_end } else { f.end },
        unit: q.unit_adjacent,
    };
    if let Some(word) = q.before.filter(|w| *w != "超过")
        && text[..start].ends_with(word)
    {
        return Cut {
            word: Some(word),
            start: start - word.len(),
            ..plain
        };
    }
    match q.after {
        Some(word @ ("余" | "多")) => {
            // Printed as number + (万/亿) + word + base unit: 200余人次, 18万余条.
            let (scale, base) = match q.unit.strip_prefix(['万', '亿']) {
                Some(base) => (&q.unit[..q.unit.len() - base.len()], base),
                None => ("", q.unit.as_str()),
            };
            if text.get(f.end..q.unit_end) == Some(&format!("{scale}{word}{base}")) {
                return Cut {
                    word: Some(word),
                    end: q.unit_end,
                    unit: true,
                    ..plain
                };
            }
            plain
        }
        Some(word @ ("以上" | "左右" | "上下"))
            if q.unit_adjacent && text[q.unit_end..].starts_with(word) =>
        {
            Cut {
                word: Some(word),
                end: q.unit_end + word.len(),
                unit: true,
                ..plain
            }
        }
        _ => plain,
    }
}

/// A value as the indicator file writes it: the word before (`约200`) or after (`10余`,
/// `3以上`) the number; `XX` while pending.
pub fn written(value: Option<rust_decimal::Decimal>, word: Option<&str>) -> String {
    let number = value.map_or_else(|| "XX".to_string(), |v| v.to_string());
    match word {
        Some(w @ ("约" | "近" | "超" | "逾")) => format!("{w}{number}"),
        Some(w) => format!("{number}{w}"),
        None => number,
    }
}

#[cfg(test)]
mod tests {
    use super::super::scan::{Kind, scan};
    use super::*;

    fn cuts(text: &str) -> Vec<(Option<&'static str>, String, bool)> {
        scan(text)
            .into_iter()
            .filter_map(|f| match &f.kind {
                Kind::Quantity(q) => {
                    let c = cut(text, &f, q, f.start);
                    Some((c.word, text[c.start..c.end].to_string(), c.unit))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn words_go_with_the_figure_only_where_fig_prints_them_in_place() {
        assert_eq!(
            cuts("结余约12484.52万元"),
            [(Some("约"), "约12484.52万元".into(), true)]
        );
        assert_eq!(cuts("200余人次"), [(Some("余"), "200余人次".into(), true)]);
        assert_eq!(cuts("18万余条"), [(Some("余"), "18万余条".into(), true)]);
        assert_eq!(
            cuts("提高5个百分点以上"),
            [(Some("以上"), "5个百分点以上".into(), true)]
        );
        // 余 before 万 prints elsewhere: the word stays text.
        assert_eq!(cuts("XX余万元"), [(None, "XX".into(), false)]);
        assert_eq!(cuts("超过30家"), [(None, "30家".into(), true)]);
        assert_eq!(written(None, Some("约")), "约XX");
        assert_eq!(
            written(Some(rust_decimal::Decimal::from(10)), Some("余")),
            "10余"
        );
    }
}
