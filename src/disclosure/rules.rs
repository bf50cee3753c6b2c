//! The format's rules (勾稽关系) on one checked table: totals left blank are computed from their
//! parts, every rule is checked on every row or column it covers, blank and pending cells are
//! counted. Messages name the cells as printed (行、列、栏) and show both sides of a failed sum.

use super::format::{Each, Layout, RowDef, RuleDef, TableDef};
use super::names::cell_name;
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{BlankStyle, CellData, CellState, Origin, TableData};
use rust_decimal::Decimal;

/// The (row, column) cells of one rule instance: `line` is the row (each row) or column index.
fn instance(
    def: &TableDef,
    each: Each,
    line: usize,
    names: &[&str],
) -> Vec<Option<(usize, usize)>> {
    names
        .iter()
        .map(|n| match each {
            Each::Row => def.rows.get(line)?.column(n).map(|c| (line, c)),
            Each::Column => def.row(n).map(|r| (r, line)),
        })
        .collect()
}

/// How many rows (each row) or columns (each column) a rule runs over.
fn lines(def: &TableDef, each: Each) -> usize {
    match each {
        Each::Row => def.rows.len(),
        Each::Column => def.columns().len(),
    }
}

/// Fills each blank total from its parts (when any part is written and none is unknown), in up
/// to three passes so that totals of totals settle; computed cells carry the rule as origin.
pub(super) fn compute_totals(def: &TableDef, table: &mut TableData) {
    for _pass in 0..3 {
        let mut changed = false;
        for rule in def.rules.iter().filter(|r| r.total.is_some()) {
            let (left, right) = rule.sides();
            for line in 0..lines(def, rule.each) {
                let Some(Some((tr, tc))) = instance(def, rule.each, line, &left).first().copied()
                else {
                    continue;
                };
                if !table.cells[tr][tc].is_blank() {
                    continue;
                }
                let parts: Vec<&CellData> = instance(def, rule.each, line, &right)
                    .into_iter()
                    .flatten()
                    .map(|(r, c)| &table.cells[r][c])
                    .collect();
                if parts.iter().all(|p| p.is_blank()) {
                    continue;
                }
                let Some(sum) = parts
                    .iter()
                    .map(|p| p.rule_value())
                    .sum::<Option<Decimal>>()
                else {
                    continue;
                };
                table.cells[tr][tc] = CellData {
                    state: CellState::Value {
                        text: sum.normalize().to_string(),
                        value: sum,
                    },
                    origin: Some(Origin::Computed {
                        rule: rule.text.clone(),
                    }),
                };
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// The name of a term in a rule: a row's short label (each column) or a column's label (each row).
fn term_name(def: &TableDef, each: Each, (r, c): (usize, usize)) -> String {
    match each {
        Each::Column => def
            .rows
            .get(r)
            .map_or(String::new(), |x| x.short_label().to_string()),
        Each::Row => def
            .rows
            .get(r)
            .and_then(|x| x.columns.get(c))
            .map_or(String::new(), |x| x.label.clone()),
    }
}

/// A cell's value as a failed rule shows it: the value, or 空白.
fn shown_value(cell: &CellData) -> String {
    match &cell.state {
        CellState::Value { text, .. } => text.clone(),
        _ => "空白".to_string(),
    }
}

/// `a 1 + b 2 = 3` (long sums list only the non-zero terms).
fn side(
    def: &TableDef,
    each: Each,
    table: &TableData,
    cells: &[(usize, usize)],
    sum: Decimal,
) -> String {
    let long = cells.len() > 7;
    let mut terms = Vec::new();
    let mut left_out = false;
    for &(r, c) in cells {
        let cell = &table.cells[r][c];
        if long && cell.rule_value().unwrap_or_default().is_zero() {
            left_out = true;
            continue;
        }
        terms.push(format!(
            "{} {}",
            term_name(def, each, (r, c)),
            shown_value(cell)
        ));
    }
    let mut s = if terms.is_empty() {
        "各项".to_string()
    } else {
        terms.join(" + ")
    };
    if left_out {
        s.push_str("（其余各项为 0 或空白）");
    }
    if cells.len() > 1 {
        s.push_str(&format!(" = {}", sum.normalize()));
    }
    s
}

/// The line a rule failed on, as users read it: 表三“总计”列, 表二“规章”行, 表四“行政复议”栏.
fn line_name(def: &TableDef, each: Each, line: usize) -> String {
    match (each, def.layout) {
        (Each::Row, Layout::Groups) => format!(
            "{}“{}”栏",
            def.name(),
            def.rows.get(line).map_or(String::new(), RowDef::label)
        ),
        (Each::Row, _) => format!(
            "{}“{}”行",
            def.name(),
            def.rows.get(line).map_or(String::new(), RowDef::label)
        ),
        (Each::Column, _) => format!(
            "{}“{}”列",
            def.name(),
            def.columns().get(line).map_or("", |c| c.label.as_str())
        ),
    }
}

/// Checks `rule` on every line of `table`, one `rule.code` error per line whose sides differ
/// (lines all blank, or with a pending or invalid cell, are skipped).
pub(super) fn check_rule(
    def: &TableDef,
    table: &TableData,
    rule: &RuleDef,
    diags: &mut Vec<Diagnostic>,
) {
    let (left, right) = rule.sides();
    for line in 0..lines(def, rule.each) {
        let l: Vec<(usize, usize)> = instance(def, rule.each, line, &left)
            .into_iter()
            .flatten()
            .collect();
        let r: Vec<(usize, usize)> = instance(def, rule.each, line, &right)
            .into_iter()
            .flatten()
            .collect();
        let cells = |v: &[(usize, usize)]| {
            v.iter()
                .map(|&(a, b)| &table.cells[a][b])
                .collect::<Vec<_>>()
        };
        let (lc, rc) = (cells(&l), cells(&r));
        if lc.iter().chain(&rc).all(|c| c.is_blank()) {
            continue;
        }
        let sum = |v: &[&CellData]| v.iter().map(|c| c.rule_value()).sum::<Option<Decimal>>();
        let (Some(ls), Some(rs)) = (sum(&lc), sum(&rc)) else {
            continue;
        };
        if ls == rs {
            continue;
        }
        let location = lc
            .iter()
            .chain(&rc)
            .find_map(|c| c.location().filter(|l| l.line > 0).cloned())
            .or_else(|| table.location.clone());
        let mut d = Diagnostic::error(
            rule.code.clone(),
            format!(
                "{}不平：{} ≠ {}（相差 {}）",
                line_name(def, rule.each, line),
                side(def, rule.each, table, &l, ls),
                side(def, rule.each, table, &r, rs),
                (ls - rs).abs().normalize()
            ),
        )
        .at_opt(location)
        .hint(format!("规则：{}", rule.text));
        if let Some(other) = rc.iter().find_map(|c| c.location().filter(|l| l.line > 0))
            && Some(other) != d.location.as_ref()
        {
            d = d.related(other.clone(), "等式另一边的数在这里");
        }
        diags.push(d);
    }
}

/// One warning for the table's blank cells (first one named, how they print) and one for its
/// pending cells (`W-DISCLOSURE-PENDING`, made an error by `--final`).
pub(super) fn report_blanks(
    def: &TableDef,
    table: &TableData,
    blank: BlankStyle,
    diags: &mut Vec<Diagnostic>,
) {
    let mut count = 0;
    let mut first: Option<(String, Option<Location>)> = None;
    let mut pending = 0;
    let mut first_pending = None;
    for (row, cells) in def.rows.iter().zip(&table.cells) {
        for (col, cell) in row.columns.iter().zip(cells) {
            if cell.is_blank() {
                count += 1;
                if first.is_none() {
                    first = Some((cell_name(def, row, &col.label), cell.location().cloned()));
                }
            } else if cell.state == CellState::Pending {
                pending += 1;
                if first_pending.is_none() {
                    first_pending =
                        Some((cell_name(def, row, &col.label), cell.location().cloned()));
                }
            }
        }
    }
    if let Some((name, location)) = first {
        let (how, hint) = match blank {
            BlankStyle::Empty => (
                "印出时留空",
                "确实是 0 的请填 0；要把空白印成 0，在 disclosure 下写 blank: zero",
            ),
            BlankStyle::Zero => ("印出时印作 0（blank: zero）", "确实是 0 的请填 0"),
        };
        diags.push(
            Diagnostic::warning(
                "W-DISCLOSURE-BLANK",
                format!(
                    "{}有 {count} 个空白单元格（第一个是{name}）：空白不等于 0，核对勾稽关系时按 0 计，{how}",
                    def.name()
                ),
            )
            .at_opt(location.or_else(|| table.location.clone()))
            .hint(hint),
        );
    }
    if let Some((name, location)) = first_pending {
        diags.push(
            Diagnostic::warning(
                "W-DISCLOSURE-PENDING",
                format!(
                    "{}有 {pending} 个待填（XX）单元格（第一个是{name}），相关勾稽关系未核对",
                    def.name()
                ),
            )
            .at_opt(location.or_else(|| table.location.clone())),
        );
    }
}
