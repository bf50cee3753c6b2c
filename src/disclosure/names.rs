//! Names a disclosure table does not have: the row or column of the other year's format (with
//! what this format has instead), or a misspelling (with the closest name).
//!
//! Also the names of cells as messages print them (`表三“一、本年新收政府信息公开申请数量”行
//! “自然人”列`), so the check, the rules and the narrative comparison name a cell alike.

use super::format::{self, Format, Layout, Named, RowDef, TableDef};
use super::input::place;
use crate::diagnostic::Diagnostic;
use crate::yaml::Spanned;

/// The names of `items` as shown in hints, joined by 、.
pub(super) fn names_list<T: Named>(items: &[T]) -> String {
    items
        .iter()
        .map(Named::shown)
        .collect::<Vec<_>>()
        .join("、")
}

/// `表三“一、本年新收政府信息公开申请数量”行“自然人”列`; 表四: `表四“行政复议 结果维持”列`.
pub(super) fn cell_name(def: &TableDef, row: &RowDef, column: &str) -> String {
    match def.layout {
        Layout::Groups => format!("{}“{} {}”列", def.name(), row.label(), column),
        _ => format!("{}“{}”行“{}”列", def.name(), row.label(), column),
    }
}

/// The error for a row name `def` does not have: `E-DISCLOSURE-OTHER-FORMAT` when the other
/// format's table has it (hinting at the near, child or parent row of this format), else
/// `E-DISCLOSURE-UNKNOWN-ROW` with “did you mean” or the list of rows.
pub(super) fn unknown_row(
    def: &TableDef,
    other_def: Option<&TableDef>,
    format: &Format,
    other: &Format,
    name: &Spanned<String>,
    file: &str,
) -> Diagnostic {
    let at = place(file, name);
    if let Some((_, row)) = other_def.and_then(|o| format::find(&o.rows, &name.value)) {
        let mut d = Diagnostic::error(
            "E-DISCLOSURE-OTHER-FORMAT",
            format!(
                "“{}”（{}）是{}{}的行，本报告用的{}没有这一行",
                name.value,
                row.label(),
                other.describe(),
                def.name(),
                format.describe()
            ),
        )
        .at_opt(at);
        let children: Vec<&str> = def
            .rows
            .iter()
            .filter(|r| r.path.len() > row.path.len() && r.path.starts_with(&row.path))
            .map(|r| r.id.as_str())
            .collect();
        let parent = &row.path[..row.path.len().saturating_sub(1)];
        if let Some(near) = format::suggest(&def.rows, &name.value)
            .or_else(|| format::suggest(&def.rows, row.short_label()))
        {
            d = d.hint(format!("本格式相近的行：{}", near.shown()));
        } else if !children.is_empty() {
            d = d.hint(format!(
                "本格式把“{}”分为 {} 行：{}",
                row.short_label(),
                children.len(),
                children.join("、")
            ));
        } else if let Some((_, section)) = def.find_row(&parent.concat()) {
            d = d.hint(format!("本格式对应的行：{}", section.shown()));
        } else {
            d = d.hint(format!(
                "{}的{}没有对应的行，请删去这一行",
                format.describe(),
                def.name()
            ));
        }
        return d;
    }
    let d = Diagnostic::error(
        "E-DISCLOSURE-UNKNOWN-ROW",
        format!("{}没有名为“{}”的行", def.name(), name.value),
    )
    .at_opt(at);
    match format::suggest(&def.rows, &name.value) {
        Some(r) => d.hint(format!(
            "是不是 {}？（若是省里增加的行，请先在 disclosure 下用 extend 声明，见 README“省里增加的行和列”）",
            r.shown()
        )),
        None => d.hint(format!(
            "{}的行：{}。{}",
            def.name(),
            def.rows
                .iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>()
                .join("、"),
            super::declare::HOW
        )),
    }
}

/// The error for a column name `row` does not have: `E-DISCLOSURE-OTHER-FORMAT` when the other
/// format's row has it, else `E-DISCLOSURE-UNKNOWN-COLUMN` with “did you mean” or the columns.
pub(super) fn unknown_column(
    def: &TableDef,
    row: &RowDef,
    other_def: Option<&TableDef>,
    other: &Format,
    name: &Spanned<String>,
    file: &str,
) -> Diagnostic {
    let at = place(file, name);
    let other_col = other_def
        .and_then(|o| o.row(&row.id).and_then(|i| o.rows.get(i)))
        .and_then(|r| format::find(&r.columns, &name.value));
    let shown = || names_list(&row.columns);
    if let Some((_, col)) = other_col {
        return Diagnostic::error(
            "E-DISCLOSURE-OTHER-FORMAT",
            format!(
                "“{}”（{}）是{}{}“{}”行的列，本报告的格式没有这一列",
                name.value,
                col.label,
                other.describe(),
                def.name(),
                row.label()
            ),
        )
        .at_opt(at)
        .hint(format!("这一行的列：{}", shown()));
    }
    let d = Diagnostic::error(
        "E-DISCLOSURE-UNKNOWN-COLUMN",
        format!(
            "{}“{}”行没有名为“{}”的列",
            def.name(),
            row.label(),
            name.value
        ),
    )
    .at_opt(at);
    match format::suggest(&row.columns, &name.value) {
        Some(c) => d.hint(format!("是不是 {}？", c.shown())),
        None => d.hint(format!("这一行的列：{}", shown())),
    }
}
