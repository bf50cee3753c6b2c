//! 政府信息公开工作年度报告: the statutory tables (2021 and 2019 formats), their input, their
//! consistency checks (勾稽关系) and their resolved grids.
//!
//! - [`format`](mod@format): the two formats as data (`format-2021.yaml`, `format-2019.yaml`).
//! - [`input`]: the `disclosure` part of an indicator file as written.
//! - [`check()`]: input → [`DisclosureData`] (totals computed) + diagnostics.
//! - [`grid`]: [`DisclosureData`] → [`crate::document::Table`]s.
//! - [`narrative`]: figures quoted in the narrative template against the tables.
//! - `names` and `rules`: the check's messages for unknown names, and the 勾稽关系 themselves.
//!
//! Data flow: the load stage keeps the `disclosure:` part as written ([`DisclosureInput`]);
//! the validate stage calls [`check_file`], which chooses the format, reads every cell and
//! checks the rules, giving [`DisclosureData`] (a model type) for the report; compose reads it
//! through [`template_context`], and the pipeline turns it into document tables with
//! [`grid::tables`]. The data never goes back to YAML, and nothing below this module knows the
//! statutory formats.

mod cell;
mod check;
pub mod format;
pub mod grid;
pub mod input;
mod names;
pub mod narrative;
mod rules;

pub use check::check;
pub use input::DisclosureInput;

use crate::diagnostic::Diagnostic;
use crate::model::{CellData, DisclosureData, Meta, ReportKind};
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

/// The cell of `data` at table/row/column ids (`"shenqing", "xinshou", "zongji"`), located
/// through the data's format; `None` for an id the format does not have.
pub fn cell<'d>(
    data: &'d DisclosureData,
    table: &str,
    row: &str,
    column: &str,
) -> Option<&'d CellData> {
    let format = format::formats().ok()?.get(data.format);
    let def = format.table(table)?;
    let r = def.row(row)?;
    let c = def.rows.get(r)?.column(column)?;
    data.table(table)?.cells.get(r)?.get(c)
}

/// The values templates see under `disclosure`: `{table: {row: {column: printed}}}`, the same
/// under `num` with the value the rules use (blank as 0, pending as `XX`), `format`, and
/// `susong_zongji` (行政诉讼: 未经复议直接起诉 + 复议后起诉 总计).
pub fn template_context(data: &DisclosureData) -> serde_json::Value {
    use serde_json::{Map, Value};
    let mut root = Map::new();
    root.insert("format".into(), data.format.as_str().into());
    let Ok(formats) = format::formats() else {
        return Value::Object(root);
    };
    let format = formats.get(data.format);
    let mut num = Map::new();
    for (def, table) in format.tables.iter().zip(&data.tables) {
        let mut rows = Map::new();
        let mut num_rows = Map::new();
        for (row, cells) in def.rows.iter().zip(&table.cells) {
            let mut cols = Map::new();
            let mut num_cols = Map::new();
            for (col, cell) in row.columns.iter().zip(cells) {
                cols.insert(col.id.clone(), cell.printed(data.blank).into());
                let n = cell
                    .rule_value()
                    .map_or_else(|| cell.printed(data.blank), |v| v.normalize().to_string());
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
        .map(|r| cell(data, "fuyi_susong", r, "zongji").and_then(CellData::rule_value))
        .sum::<Option<Decimal>>()
        .map_or_else(|| "XX".to_string(), |v| v.normalize().to_string());
    root.insert("susong_zongji".into(), susong.into());
    Value::Object(root)
}
