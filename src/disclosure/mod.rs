//! 政府信息公开工作年度报告: the statutory tables (2021 and 2019 formats), their input, their
//! consistency checks (勾稽关系) and their resolved grids.
//!
//! - [`format`]: the two formats as data (`format-2021.yaml`, `format-2019.yaml`).
//! - [`input`]: the `disclosure` part of an indicator file as written.
//! - [`check()`]: input → [`DisclosureData`] (totals computed) + diagnostics.
//! - [`grid`]: [`DisclosureData`] → [`crate::document::Table`]s.
//! - [`narrative`]: figures quoted in the narrative template against the tables.

mod cell;
mod check;
pub mod format;
pub mod grid;
pub mod input;
pub mod narrative;

pub use check::check;
pub use format::FormatId;
pub use input::DisclosureInput;

use crate::diagnostic::{Diagnostic, Location};
use crate::model::{Meta, Origin, ReportKind};
use rust_decimal::Decimal;
use std::path::Path;

/// The disclosure part of one loaded file (`file` as the user named it): checked when written,
/// with the narrative template's figures compared to the tables; a disclosure report without
/// one gets blank tables and a warning. `None` for other reports without one. With `final_`
/// (`--final`), cells still pending (`XX`) are errors.
pub fn check_file(
    input: Option<&DisclosureInput>,
    meta: &Meta,
    file: &str,
    final_: bool,
) -> Option<(DisclosureData, Vec<Diagnostic>)> {
    let Some(input) = input else {
        if meta.kind != ReportKind::Disclosure {
            return None;
        }
        let (data, mut diags) = check(&DisclosureInput::default(), meta, file);
        diags.retain(|d| d.code != "W-DISCLOSURE-TABLE-MISSING");
        diags.push(
            Diagnostic::warning(
                "W-DISCLOSURE-MISSING",
                "政府信息公开工作年度报告缺少 disclosure 部分（表二、表三、表四），三张表将印成空白",
            )
            .hint("在指标文件里加上 disclosure:，按表、行、列填写，见 README“政府信息公开年报”"),
        );
        return Some((data, diags));
    };
    let (data, mut diags) = check(input, meta, file);
    if let Some(template) = &meta.template {
        let path = match Path::new(file).parent() {
            Some(dir) if template.is_relative() => dir.join(template),
            _ => template.clone(),
        };
        // An unreadable template is reported by compose; nothing to compare here.
        if let Ok((source, _)) = crate::source::read(&path) {
            diags.extend(narrative::check(&data, &source.name, &source.text));
        }
    }
    if final_ {
        for d in diags
            .iter_mut()
            .filter(|d| d.code == "W-DISCLOSURE-PENDING")
        {
            d.severity = crate::diagnostic::Severity::Error;
            d.code = "E-DISCLOSURE-PENDING".into();
            d.hint = Some("定稿前须填上数字".into());
        }
    }
    Some((data, diags))
}

/// How blank cells print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BlankStyle {
    /// Left empty, as written (default).
    #[default]
    Empty,
    /// Printed as 0.
    Zero,
}

/// What a cell holds after the check.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum CellState {
    /// Not in the file (and not computed).
    #[default]
    Missing,
    /// Written empty (`~`, nothing, `-`, `/`).
    Blank,
    /// `XX`: still to be filled.
    Pending,
    /// Written but not a value of the cell's kind (an error was reported); printed as written.
    Invalid(String),
    /// A value; `text` is printed (as written, or the computed total).
    Value { text: String, value: Decimal },
}

/// One data cell and where its value came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CellData {
    pub state: CellState,
    /// Written at a place, or computed by a rule; `None` when missing.
    pub origin: Option<Origin>,
}

impl CellData {
    /// The value the rules use: blank and missing count as 0; pending and invalid are unknown.
    pub fn rule_value(&self) -> Option<Decimal> {
        match &self.state {
            CellState::Missing | CellState::Blank => Some(Decimal::ZERO),
            CellState::Value { value, .. } => Some(*value),
            CellState::Pending | CellState::Invalid(_) => None,
        }
    }

    pub fn is_blank(&self) -> bool {
        matches!(self.state, CellState::Missing | CellState::Blank)
    }

    pub fn location(&self) -> Option<&Location> {
        self.origin.as_ref().and_then(Origin::location)
    }

    /// The text printed in the table.
    pub fn printed(&self, blank: BlankStyle) -> String {
        match (&self.state, blank) {
            (CellState::Missing | CellState::Blank, BlankStyle::Empty) => String::new(),
            (CellState::Missing | CellState::Blank, BlankStyle::Zero) => "0".to_string(),
            (CellState::Pending, _) => "XX".to_string(),
            (CellState::Invalid(t), _) => t.clone(),
            (CellState::Value { text, .. }, _) => text.clone(),
        }
    }
}

/// One checked table: `cells[r][c]` follows the format's rows and each row's columns.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableData {
    pub id: String,
    /// Where the table's key is in the file, when written.
    pub location: Option<Location>,
    pub cells: Vec<Vec<CellData>>,
}

/// The checked disclosure tables (in the format's order: 表二, 表三, 表四).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DisclosureData {
    pub format: FormatId,
    pub blank: BlankStyle,
    pub tables: Vec<TableData>,
}

impl DisclosureData {
    pub fn table(&self, id: &str) -> Option<&TableData> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// The cell at table/row/column ids.
    pub fn cell(&self, table: &str, row: &str, column: &str) -> Option<&CellData> {
        let format = format::formats().ok()?.get(self.format);
        let def = format.table(table)?;
        let r = def.row(row)?;
        let c = def.rows.get(r)?.column(column)?;
        self.table(table)?.cells.get(r)?.get(c)
    }

    /// The values for templates: `{table: {row: {column: printed}}}`, the same under `num` with
    /// the value the rules use (blank as 0, pending as `XX`), `format`, and `susong_zongji`
    /// (行政诉讼: 未经复议直接起诉 + 复议后起诉 总计).
    pub fn context(&self) -> serde_json::Value {
        use serde_json::{Map, Value};
        let mut root = Map::new();
        root.insert("format".into(), self.format.as_str().into());
        let Ok(formats) = format::formats() else {
            return Value::Object(root);
        };
        let format = formats.get(self.format);
        let mut num = Map::new();
        for (def, data) in format.tables.iter().zip(&self.tables) {
            let mut rows = Map::new();
            let mut num_rows = Map::new();
            for (row, cells) in def.rows.iter().zip(&data.cells) {
                let mut cols = Map::new();
                let mut num_cols = Map::new();
                for (col, cell) in row.columns.iter().zip(cells) {
                    cols.insert(col.id.clone(), cell.printed(self.blank).into());
                    let n = cell
                        .rule_value()
                        .map_or_else(|| cell.printed(self.blank), |v| v.normalize().to_string());
                    num_cols.insert(col.id.clone(), n.into());
                }
                rows.insert(row.id.clone(), cols.into());
                num_rows.insert(row.id.clone(), num_cols.into());
            }
            root.insert(def.id.clone(), rows.into());
            num.insert(def.id.clone(), num_rows.into());
        }
        root.insert("num".into(), num.into());
        let susong = ["zhijie_qisu", "fuyihou_qisu"]
            .iter()
            .map(|r| {
                self.cell("fuyi_susong", r, "zongji")
                    .and_then(CellData::rule_value)
            })
            .sum::<Option<Decimal>>()
            .map_or_else(|| "XX".to_string(), |v| v.normalize().to_string());
        root.insert("susong_zongji".into(), susong.into());
        Value::Object(root)
    }
}
