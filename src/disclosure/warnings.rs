//! The warnings a checked table gets once each: blank cells (counted as written), pending
//! cells, totals computed on request, blank totals whose parts imply a sum, cells written with
//! full-width digits or Chinese numerals, amounts in another unit than the column's head, and
//! tables not written at all.
//!
//! Each names the first cell concerned (or lists the totals with their values) and is located
//! at that cell, its row, or the table, so the user can jump to it.

use super::format::{ColumnDef, RowDef, TableDef};
use super::names::cell_name;
use super::rules::cell_location;
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{BlankStyle, CellState, TableData};
use rust_decimal::Decimal;

/// Cells written with full-width digits or Chinese numerals: how many, and the first.
#[derive(Debug, Default)]
pub(super) struct Unusual {
    /// How many cells.
    count: usize,
    /// The first one and its text.
    first: Option<((usize, usize), String)>,
}

impl Unusual {
    /// Notes one more cell.
    pub fn note(&mut self, at: (usize, usize), text: &str) {
        self.count += 1;
        if self.first.is_none() {
            self.first = Some((at, text.to_string()));
        }
    }
}

/// The name of cell `(r, c)` of `def` as messages print it.
fn name_of(def: &TableDef, (r, c): (usize, usize)) -> String {
    let Some(row) = def.rows.get(r) else {
        return String::new();
    };
    cell_name(
        def,
        row,
        row.columns.get(c).map_or("", |x| x.label.as_str()),
    )
}

/// `W-DISCLOSURE-TABLE-MISSING`: the table is not in the file.
pub(super) fn table_missing(def: &TableDef, blank: BlankStyle) -> Diagnostic {
    Diagnostic::warning(
        "W-DISCLOSURE-TABLE-MISSING",
        format!(
            "缺少{}（{}），整张表{}",
            def.name(),
            def.title,
            match blank {
                BlankStyle::Empty => "印出时留空",
                BlankStyle::Zero => "印出时各格印作 0",
            }
        ),
    )
}

/// One warning for the table's blank cells as the user wrote them (first one named, how they
/// print) and one for its pending cells (`W-DISCLOSURE-PENDING`, made an error by `--final`).
/// Totals computed on request count among the blanks written, and the message says how many
/// of them were filled.
pub(super) fn blanks(
    def: &TableDef,
    table: &TableData,
    blank: BlankStyle,
    diags: &mut Vec<Diagnostic>,
) {
    let mut count = 0;
    let mut computed = 0;
    let mut marks = 0;
    let mut first = None;
    let mut pending = 0;
    let mut first_pending = None;
    for (r, cells) in table.cells.iter().enumerate() {
        for (c, cell) in cells.iter().enumerate() {
            if cell.is_computed() {
                computed += 1;
            }
            if matches!(&cell.state, CellState::Blank(m) if !m.is_empty()) {
                marks += 1;
            }
            if cell.is_blank() || cell.is_computed() {
                count += 1;
                first.get_or_insert((r, c));
            } else if cell.state == CellState::Pending {
                pending += 1;
                first_pending.get_or_insert((r, c));
            }
        }
    }
    if let Some(at) = first.filter(|_| count > computed) {
        let (how, hint) = match blank {
            BlankStyle::Empty if marks > 0 => (
                "印出时留空（写了 -、/ 等记号的照写）",
                "确实是 0 的请填 0；要把空白印成 0，在 disclosure 下写 blank: zero",
            ),
            BlankStyle::Empty => (
                "印出时留空",
                "确实是 0 的请填 0；要把空白印成 0，在 disclosure 下写 blank: zero",
            ),
            BlankStyle::Zero => ("印出时印作 0（blank: zero）", "确实是 0 的请填 0"),
        };
        let filled = if computed > 0 {
            format!("其中 {computed} 个总计已按要求由分项算出，其余")
        } else {
            String::new()
        };
        diags.push(
            Diagnostic::warning(
                "W-DISCLOSURE-BLANK",
                format!(
                    "{}有 {count} 个空白单元格（第一个是{}）：{filled}空白不等于 0，核对勾稽关系时按 0 计，{how}",
                    def.name(),
                    name_of(def, at)
                ),
            )
            .at_opt(cell_location(table, at))
            .hint(hint),
        );
    }
    if let Some(at) = first_pending {
        diags.push(
            Diagnostic::warning(
                "W-DISCLOSURE-PENDING",
                format!(
                    "{}有 {pending} 个待填（XX）单元格（第一个是{}），相关勾稽关系未核对",
                    def.name(),
                    name_of(def, at)
                ),
            )
            .at_opt(cell_location(table, at)),
        );
    }
}

/// `a = 1、b = 2…` for up to five cells, then `等 N 格`.
fn listed(def: &TableDef, cells: &[((usize, usize), Decimal)]) -> String {
    let mut parts: Vec<String> = cells
        .iter()
        .take(5)
        .map(|(at, v)| format!("{} = {}", name_of(def, *at), v.normalize()))
        .collect();
    if cells.len() > 5 {
        parts.push(format!("等 {} 格", cells.len()));
    }
    parts.join("、")
}

/// One related place per cell after the fifth (the message lists the first five): where the
/// cell's row was written (or the table), `what` = value.
fn each_cell(
    mut d: Diagnostic,
    def: &TableDef,
    table: &TableData,
    cells: &[((usize, usize), Decimal)],
    what: &str,
) -> Diagnostic {
    for &(at, v) in cells.iter().skip(5) {
        if let Some(l) = cell_location(table, at) {
            d = d.related(l, format!("{}{what} {}", name_of(def, at), v.normalize()));
        }
    }
    d
}

/// `W-DISCLOSURE-COMPUTED`: the totals computed because the user asked for it.
pub(super) fn computed(
    def: &TableDef,
    table: &TableData,
    cells: &[(usize, usize)],
) -> Option<Diagnostic> {
    let first = *cells.first()?;
    let values: Vec<((usize, usize), Decimal)> = cells
        .iter()
        .filter_map(|&(r, c)| Some(((r, c), table.cells[r][c].rule_value()?)))
        .collect();
    let d = Diagnostic::warning(
        "W-DISCLOSURE-COMPUTED",
        format!(
            "{}有 {} 个总计没有填写，已按要求由分项算出（印出时标为计算所得）：{}",
            def.name(),
            cells.len(),
            listed(def, &values)
        ),
    )
    .at_opt(cell_location(table, first))
    .hint("核对算出的总计与原表是否一致；原表留空的总计请写成空白（~）以免被算出");
    Some(each_cell(d, def, table, &values, "算出"))
}

/// `W-DISCLOSURE-TOTAL-BLANK`: totals printed blank although their parts add up to more than 0.
pub(super) fn hidden_totals(
    def: &TableDef,
    table: &TableData,
    hidden: &[((usize, usize), Decimal)],
    computing: bool,
) -> Option<Diagnostic> {
    let (first, _) = *hidden.first()?;
    let hint = if computing {
        "这些总计写成了空白（~ 或 \"\"），所以没有算出；要印出总计，请删去这几格或填上数字"
    } else {
        "表格照原样印出空白；要印出算得的总计，在 disclosure 下写 totals: compute 或运行时加 --compute-totals"
    };
    let d = Diagnostic::warning(
        "W-DISCLOSURE-TOTAL-BLANK",
        format!(
            "{}有 {} 个总计留空，但分项之和不为 0（核对时按分项之和计）：{}",
            def.name(),
            hidden.len(),
            listed(def, hidden)
        ),
    )
    .at_opt(cell_location(table, first))
    .hint(hint);
    Some(each_cell(d, def, table, hidden, "留空，分项之和"))
}

/// `W-DISCLOSURE-DIGITS`: cells written with full-width digits or Chinese numerals.
pub(super) fn unusual_digits(
    def: &TableDef,
    table: &TableData,
    unusual: &Unusual,
) -> Option<Diagnostic> {
    let (at, text) = unusual.first.as_ref()?;
    let read = table.cells[at.0][at.1]
        .rule_value()
        .map_or_else(|| "待填".to_string(), |v| v.normalize().to_string());
    Some(
        Diagnostic::warning(
            "W-DISCLOSURE-DIGITS",
            format!(
                "{}有 {} 格用全角数字或汉字数字书写（第一个是{}：{text}，按 {read} 读取），印出时照写",
                def.name(),
                unusual.count,
                name_of(def, *at)
            ),
        )
        .at_opt(cell_location(table, *at))
        .hint("表格里的数字一般用半角阿拉伯数字；请在中文输入法下切换到半角，或改写为 0–9"),
    )
}

/// Yuan per unit of money.
fn factor(unit: &str) -> Option<Decimal> {
    match unit {
        "元" => Some(Decimal::ONE),
        "千元" => Some(Decimal::from(1000)),
        "万元" | "万" => Some(Decimal::from(10_000)),
        "亿元" | "亿" => Some(Decimal::from(100_000_000)),
        _ => None,
    }
}

/// `W-DISCLOSURE-UNIT`: an amount written in another money unit than the column's head states.
pub(super) fn other_unit(
    def: &TableDef,
    row: &RowDef,
    col: &ColumnDef,
    written: &str,
    unit: &str,
    location: Option<Location>,
) -> Diagnostic {
    let head = col.unit.as_deref().unwrap_or("");
    let converted = super::cell::parse(col.kind, written, None)
        .ok()
        .and_then(|r| match r.parsed {
            super::cell::Parsed::Value(v) => Some(v),
            _ => None,
        })
        .and_then(|v| v.checked_mul(factor(unit)?)?.checked_div(factor(head)?));
    let hint = match converted {
        Some(v) => format!(
            "表头单位是{head}，{written}即 {}{head}；照写照印，要与表头一致请改写",
            v.normalize()
        ),
        None => format!("表头单位是{head}；照写照印，要与表头一致请改写"),
    };
    Diagnostic::warning(
        "W-DISCLOSURE-UNIT",
        format!(
            "{}写的是 {written}，这一列的单位是{head}",
            cell_name(def, row, &col.label)
        ),
    )
    .at_opt(location)
    .hint(hint)
}
