//! 政府信息公开工作年度报告: the statutory tables (2021 and 2019 formats, with provincial
//! rows and columns a report declares), their input, their consistency checks (勾稽关系), their
//! resolved grids, and the narrative's figures compared with them.
//!
//! - [`format`](mod@format): the two formats as data (`format-2021.yaml`, `format-2019.yaml`);
//!   `lookup` the names users write; `extend` and `declare` a report's own rows and columns.
//! - [`input`]: the `disclosure` part of an indicator file as written; `settings` its options.
//! - [`check()`]: input → [`DisclosureData`] + diagnostics (`cell` reads values, `rules` the
//!   勾稽关系, `warnings` the per-table warnings, `names` the unknown-name messages).
//! - [`grid`]: [`DisclosureData`] → [`crate::document::Table`]s.
//! - [`narrative`]: figures quoted in the composed narrative against the tables.
//!
//! Data flow: the load stage keeps the `disclosure:` part as written ([`DisclosureInput`]);
//! the validate stage calls [`check_file`], which chooses the format, reads every cell and
//! checks the rules, giving [`DisclosureData`] (a model type) for the report; compose reads it
//! through [`template_context`], the pipeline turns it into document tables with
//! [`grid::tables`] and, once the narrative is composed, compares it with
//! [`narrative::check`]. The data never goes back to YAML, and nothing below this module knows
//! the statutory formats.

mod cell;
mod check;
mod declare;
mod extend;
pub mod format;
pub mod grid;
pub mod input;
mod lookup;
mod names;
pub mod narrative;
mod rules;
mod settings;
mod warnings;

pub use check::{Options, check, check_with};
pub use input::DisclosureInput;

use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::model::{CellData, DisclosureData, Meta, ReportKind};
use rust_decimal::Decimal;

/// How [`check_file`] treats one file beyond its `disclosure` part.
#[derive(Debug, Clone, Copy, Default)]
pub struct FileOptions {
    /// `--final`: cells still pending (`XX`) are errors.
    pub final_: bool,
    /// `--compute-totals`: totals left out are computed (as `totals: compute` does).
    pub compute_totals: bool,
}

/// The disclosure part of one loaded file (`file` as the user named it), checked when written
/// (`at`: where its `disclosure:` key is); a disclosure report without one gets blank tables and
/// a warning at `meta_at` (where `meta:` is). `None` for other reports without one.
pub fn check_file(
    input: Option<&DisclosureInput>,
    meta: &Meta,
    file: &str,
    (at, meta_at): (Option<&Location>, Option<&Location>),
    options: FileOptions,
) -> Option<(DisclosureData, Vec<Diagnostic>)> {
    let check_options = Options {
        compute_totals: options.compute_totals,
        at: at.cloned(),
    };
    let Some(input) = input else {
        if meta.kind != ReportKind::Disclosure {
            return None;
        }
        let (data, mut diags) = check_with(&DisclosureInput::default(), meta, file, &check_options);
        diags.retain(|d| d.code != "W-DISCLOSURE-TABLE-MISSING");
        diags.push(
            Diagnostic::warning(
                "W-DISCLOSURE-MISSING",
                "政府信息公开工作年度报告缺少 disclosure 部分（表二、表三、表四），三张表将印成空白",
            )
            .at(meta_at
                .cloned()
                .unwrap_or_else(|| Location::new(file, 1, 1)))
            .path("disclosure")
            .hint("在指标文件里加上 disclosure:，按表、行、列填写，见 README“政府信息公开年报”"),
        );
        return Some((data, diags));
    };
    let (data, mut diags) = check_with(input, meta, file, &check_options);
    if options.final_ {
        for d in diags
            .iter_mut()
            .filter(|d| d.code == "W-DISCLOSURE-PENDING")
        {
            d.severity = Severity::Error;
            d.code = "E-DISCLOSURE-PENDING".into();
            d.hint = Some("定稿前须填上数字".into());
        }
    }
    Some((data, diags))
}

/// The cell of `data` at table/row/column ids (`"shenqing", "xinshou", "zongji"`), located
/// through the data's format (as extended); `None` for an id the format does not have.
pub fn cell<'d>(
    data: &'d DisclosureData,
    table: &str,
    row: &str,
    column: &str,
) -> Option<&'d CellData> {
    let format = extend::resolve(data).ok()?;
    let def = format.table(table)?;
    let r = def.row(row)?;
    let c = def.rows.get(r)?.column(column)?;
    data.table(table)?.cells.get(r)?.get(c)
}

/// The values templates see under `disclosure`: `{table: {row: {column: printed}}}`, the same
/// under `num` with the value the rules use (blank as 0, a blank total as the sum of its parts,
/// pending as `XX`), `format`, and `susong_zongji` (行政诉讼: 未经复议直接起诉 + 复议后起诉 总计).
pub fn template_context(data: &DisclosureData) -> serde_json::Value {
    use serde_json::{Map, Value};
    let mut root = Map::new();
    root.insert("format".into(), data.format.as_str().into());
    let Ok(format) = extend::resolve(data) else {
        return Value::Object(root);
    };
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
                    .check_value()
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
        .map(|r| cell(data, "fuyi_susong", r, "zongji").and_then(CellData::check_value))
        .try_fold(Decimal::ZERO, |sum, v| sum.checked_add(v?))
        .map_or_else(|| "XX".to_string(), |v| v.normalize().to_string());
    root.insert("susong_zongji".into(), susong.into());
    Value::Object(root)
}
