//! The format's rules (勾稽关系) on one checked table: totals left out computed when the user
//! asks for it, blank totals given the sum their parts imply (for checking only: the table
//! prints the blank), every rule checked on every row or column it covers. Messages name the
//! cells as printed (行、列、栏) and show both sides of a failed sum.
//!
//! Sums use checked arithmetic: a sum beyond the decimal range is an error naming the cell
//! that overflowed it (`E-DISCLOSURE-OVERFLOW`), never a panic. A line (row or column) is not
//! judged when a cell on it is pending or unreadable, when one side holds only blank cells
//! (nothing to compare), or when a cell the user wrote under an unknown name may belong to it
//! (one misspelt label gives one error, not a row of follow-on 不平).

use super::format::{Each, Layout, RowDef, RuleDef, TableDef};
use super::names::cell_name;
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{CellData, CellState, Origin, TableData};
use rust_decimal::Decimal;
use std::collections::BTreeSet;

/// Where cells written under names the check did not know may belong: the rule lines that
/// must not be judged.
#[derive(Debug, Default)]
pub(super) struct Unresolved {
    /// Nothing in the table can be judged.
    pub all: bool,
    /// Columns (by index) an unknown row wrote to: their column rules are not judged.
    pub columns: BTreeSet<usize>,
    /// Rows with an unknown column: their row rules, and column rules over them, are not judged.
    pub rows: BTreeSet<usize>,
}

impl Unresolved {
    /// Whether the rule instance over `cells` on `line` may be judged.
    fn allows(&self, each: Each, line: usize, cells: &[(usize, usize)]) -> bool {
        if self.all {
            return false;
        }
        match each {
            Each::Row => !self.rows.contains(&line),
            Each::Column => {
                !self.columns.contains(&line) && !cells.iter().any(|(r, _)| self.rows.contains(r))
            }
        }
    }
}

/// A checked sum of cells.
enum Sum {
    /// Every cell known.
    Known(Decimal),
    /// A cell pending or unreadable.
    Unknown,
    /// The running sum left the decimal range.
    Overflow,
}

/// The checked sum of `cells`, each read by `value`.
fn sum(
    table: &TableData,
    cells: &[(usize, usize)],
    value: impl Fn(&CellData) -> Option<Decimal>,
) -> Sum {
    let mut total = Decimal::ZERO;
    for &(r, c) in cells {
        let Some(v) = value(&table.cells[r][c]) else {
            return Sum::Unknown;
        };
        match total.checked_add(v) {
            Some(t) => total = t,
            None => return Sum::Overflow,
        }
    }
    Sum::Known(total)
}

/// A cell by (row, column) index.
type At = (usize, usize);

/// What [`imply_totals`] found: the totals whose implied sum is not 0 (with the sum), and the
/// cells of every sum that overflowed.
pub(super) type Implied = (Vec<(At, Decimal)>, Vec<Vec<At>>);

/// The (row, column) cells of one rule instance: `line` is the row (each row) or column index.
fn instance(def: &TableDef, each: Each, line: usize, names: &[&str]) -> Vec<(usize, usize)> {
    names
        .iter()
        .filter_map(|n| match each {
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

/// Blank (or missing) and without an implied sum: nothing given.
fn empty(cell: &CellData) -> bool {
    cell.is_blank() && cell.implied.is_none()
}

/// Totals the user left out (not written blank) made values: the sums their parts imply
/// ([`imply_totals`] ran first, so parts written blank count with their own implied sums and a
/// total of totals agrees with both its row and its column). Computed cells carry the rule as
/// origin. Returns the cells computed, in order. Only run when the user asked for it.
pub(super) fn compute_totals(def: &TableDef, table: &mut TableData) -> Vec<(usize, usize)> {
    let mut computed = Vec::new();
    for rule in def.rules.iter().filter(|r| r.total.is_some()) {
        let (left, _) = rule.sides();
        for line in 0..lines(def, rule.each) {
            let Some(&(tr, tc)) = instance(def, rule.each, line, &left).first() else {
                continue;
            };
            let cell = &mut table.cells[tr][tc];
            let Some(total) = cell.implied.filter(|_| cell.state == CellState::Missing) else {
                continue;
            };
            *cell = CellData {
                state: CellState::Value {
                    text: total.normalize().to_string(),
                    value: total,
                },
                origin: Some(Origin::Computed {
                    rule: rule.text.clone(),
                }),
                implied: None,
            };
            computed.push((tr, tc));
        }
    }
    computed
}

/// Gives every blank total whose parts are not all blank the sum they imply (the table still
/// prints the blank), in up to three passes so that totals of totals settle. Returns the totals
/// whose implied sum is not 0, with the sum, and the cells of sums that overflowed.
pub(super) fn imply_totals(def: &TableDef, table: &mut TableData) -> Implied {
    let mut hidden = Vec::new();
    let mut overflowed = Vec::new();
    for _pass in 0..3 {
        let mut changed = false;
        for rule in def.rules.iter().filter(|r| r.total.is_some()) {
            let (left, right) = rule.sides();
            for line in 0..lines(def, rule.each) {
                let Some(&(tr, tc)) = instance(def, rule.each, line, &left).first() else {
                    continue;
                };
                if !empty(&table.cells[tr][tc]) {
                    continue;
                }
                let parts = instance(def, rule.each, line, &right);
                if parts.iter().all(|&(r, c)| empty(&table.cells[r][c])) {
                    continue;
                }
                let total = match sum(table, &parts, CellData::check_value) {
                    Sum::Known(total) => total,
                    Sum::Overflow => {
                        overflowed.push(parts);
                        continue;
                    }
                    Sum::Unknown => continue,
                };
                table.cells[tr][tc].implied = Some(total);
                if !total.is_zero() {
                    hidden.push(((tr, tc), total));
                }
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    (hidden, overflowed)
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

/// A cell's value as a failed rule shows it: the value, 空白, or 空白（分项之和 N）.
pub(super) fn shown_value(cell: &CellData) -> String {
    match (&cell.state, cell.implied) {
        (CellState::Value { text, .. }, _) => text.clone(),
        (_, Some(v)) => format!("空白（分项之和 {}）", v.normalize()),
        _ => "空白".to_string(),
    }
}

/// `a 1 + b 2 = 3` (long sums list only the non-zero terms).
fn side(
    def: &TableDef,
    each: Each,
    table: &TableData,
    cells: &[(usize, usize)],
    total: Decimal,
) -> String {
    let long = cells.len() > 7;
    let mut terms = Vec::new();
    let mut left_out = false;
    for &(r, c) in cells {
        let cell = &table.cells[r][c];
        if long && cell.check_value().unwrap_or_default().is_zero() {
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
        s.push_str(&format!(" = {}", total.normalize()));
    }
    s
}

/// The line a rule failed on, as users read it: 表三“总计”列, 表二“规章”行, 表四“行政复议”栏.
fn line_name(def: &TableDef, each: Each, line: usize) -> String {
    let row = || def.rows.get(line).map_or(String::new(), RowDef::label);
    match (each, def.layout) {
        (Each::Row, Layout::Groups) => format!("{}“{}”栏", def.name(), row()),
        (Each::Row, _) => format!("{}“{}”行", def.name(), row()),
        (Each::Column, _) => format!(
            "{}“{}”列",
            def.name(),
            def.columns().get(line).map_or("", |c| c.label.as_str())
        ),
    }
}

/// `E-DISCLOSURE-OVERFLOW` for a sum of `cells` that left the decimal range, naming its largest
/// cell (once per cell).
pub(super) fn overflow(
    def: &TableDef,
    table: &TableData,
    cells: &[(usize, usize)],
    reported: &mut BTreeSet<(usize, usize)>,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(&(r, c)) = cells
        .iter()
        .max_by_key(|&&(r, c)| table.cells[r][c].check_value().unwrap_or_default().abs())
    else {
        return;
    };
    if !reported.insert((r, c)) {
        return;
    }
    let Some(row) = def.rows.get(r) else {
        return;
    };
    let column = row.columns.get(c).map_or("", |x| x.label.as_str());
    let cell = &table.cells[r][c];
    diags.push(
        Diagnostic::error(
            "E-DISCLOSURE-OVERFLOW",
            format!(
                "{}的值 {} 太大：与同一合计的其他格相加超出可计算的范围",
                cell_name(def, row, column),
                shown_value(cell)
            ),
        )
        .at_opt(
            cell.location()
                .cloned()
                .or_else(|| table.row_location(r).cloned()),
        )
        .hint("检查这一格是否多写了位数；件数、金额都不会这么大"),
    );
}

/// Checks `rule` on every line of `table`, one `rule.code` error per line whose sides differ.
/// Lines with a pending or unreadable cell, with a side of blanks only, or touched by an
/// unresolved name are skipped; a sum that overflows is reported once per cell.
pub(super) fn check_rule(
    def: &TableDef,
    table: &TableData,
    rule: &RuleDef,
    unresolved: &Unresolved,
    reported: &mut BTreeSet<(usize, usize)>,
    diags: &mut Vec<Diagnostic>,
) {
    let (left, right) = rule.sides();
    for line in 0..lines(def, rule.each) {
        let l = instance(def, rule.each, line, &left);
        let r = instance(def, rule.each, line, &right);
        let all: Vec<(usize, usize)> = l.iter().chain(&r).copied().collect();
        if !unresolved.allows(rule.each, line, &all) {
            continue;
        }
        let nothing = |v: &[(usize, usize)]| v.iter().all(|&(a, b)| empty(&table.cells[a][b]));
        if nothing(&l) || nothing(&r) {
            continue;
        }
        let (ls, rs) = match (
            sum(table, &l, CellData::check_value),
            sum(table, &r, CellData::check_value),
        ) {
            (Sum::Known(a), Sum::Known(b)) => (a, b),
            (Sum::Overflow, _) | (_, Sum::Overflow) => {
                overflow(def, table, &all, reported, diags);
                continue;
            }
            _ => continue,
        };
        if ls == rs {
            continue;
        }
        let difference = ls.checked_sub(rs).map_or_else(
            || "超出可计算的范围".to_string(),
            |d| d.abs().normalize().to_string(),
        );
        let cell = |&(a, b): &(usize, usize)| &table.cells[a][b];
        let location = all
            .iter()
            .find_map(|p| cell(p).location().filter(|l| l.line > 0).cloned())
            .or_else(|| table.location.clone());
        let mut d = Diagnostic::error(
            rule.code.clone(),
            format!(
                "{}不平：{} ≠ {}（相差 {difference}）",
                line_name(def, rule.each, line),
                side(def, rule.each, table, &l, ls),
                side(def, rule.each, table, &r, rs),
            ),
        )
        .at_opt(location)
        .hint(format!("规则：{}", rule.text));
        if let Some(other) = r
            .iter()
            .find_map(|p| cell(p).location().filter(|l| l.line > 0))
            && Some(other) != d.location.as_ref()
        {
            d = d.related(other.clone(), "等式另一边的数在这里");
        }
        diags.push(d);
    }
}

/// Where a cell was written, or its row, or its table.
pub(super) fn cell_location(table: &TableData, (r, c): (usize, usize)) -> Option<Location> {
    table.cells[r][c]
        .location()
        .or_else(|| table.row_location(r))
        .cloned()
}
