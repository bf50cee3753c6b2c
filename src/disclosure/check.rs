//! The disclosure check: format selection, names resolved (with “did you mean”), cells read,
//! totals computed, the format's rules (勾稽关系) checked, blanks reported.
//!
//! Every table, row and column may be named by its pinyin id, its printed label or an alias;
//! a name of the other year's format is recognised and explained (`names`). Cells are read by
//! their column's kind (`cell`); a cell that does not read is an error but stays printed as
//! written. Totals left blank are computed from their parts before the rules run (`rules`).

use super::cell::{self, Parsed};
use super::format::{self, Named, RowDef, TableDef};
use super::input::place;
use super::input::{DisclosureInput, Entries};
use super::names::{cell_name, names_list, unknown_column, unknown_row};
use super::rules::{check_rule, compute_totals, report_blanks};
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{BlankStyle, CellData, CellState, DisclosureData, FormatId, TableData};
use crate::model::{Meta, Origin};
use crate::yaml::{Spanned, Text};

/// Checks the `disclosure` part of `file` and completes it (totals left out are computed).
///
/// Steps: choose the format (by year, or `format:`) and how blanks print; resolve every table,
/// row and column name, reporting unknown and duplicate ones; read every cell by its column's
/// kind; then, per table written, compute blank totals, check each rule and report blank and
/// pending cells. A table not written is a warning and stays blank. The data always has every
/// table of the format, in order, so later stages never look a table up by chance.
pub fn check(
    input: &DisclosureInput,
    meta: &Meta,
    file: &str,
) -> (DisclosureData, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let formats = match format::formats() {
        Ok(f) => f,
        Err(e) => {
            diags.push(Diagnostic::error("E-DISCLOSURE-INTERNAL", e));
            return (DisclosureData::default(), diags);
        }
    };

    let id = choose_format(input, meta, file, formats, &mut diags);
    let format = formats.get(id);
    let other = formats.get(id.other());
    let blank = choose_blank(input, file, &mut diags);
    let mut data = DisclosureData {
        format: id,
        blank,
        tables: format
            .tables
            .iter()
            .map(|t| TableData {
                id: t.id.clone(),
                location: None,
                cells: t
                    .rows
                    .iter()
                    .map(|r| vec![CellData::default(); r.columns.len()])
                    .collect(),
            })
            .collect(),
    };

    for table_input in &input.tables {
        let name = &table_input.name;
        let Some((ti, def)) = format::find(&format.tables, &name.value) else {
            let mut d = Diagnostic::error(
                "E-DISCLOSURE-UNKNOWN-TABLE",
                format!("没有名为“{}”的表", name.value),
            )
            .at_opt(place(file, name))
            .path(format!("disclosure.{}", name.value));
            d = match format::suggest(&format.tables, &name.value) {
                Some(t) => d.hint(format!("是不是 {}？", t.shown())),
                None => d.hint(format!(
                    "表名可写 {}；另可写 format、blank",
                    names_list(&format.tables)
                )),
            };
            diags.push(d);
            continue;
        };
        let table = &mut data.tables[ti];
        if table.location.is_some() {
            diags.push(
                Diagnostic::error(
                    "E-DISCLOSURE-DUPLICATE",
                    format!("{}写了两次（“{}”）", def.name(), name.value),
                )
                .at_opt(place(file, name)),
            );
            continue;
        }
        table.location = place(file, name).or_else(|| Some(Location::new(file, 0, 0)));
        let Entries::Map(rows) = &table_input.rows.value else {
            diags.push(
                Diagnostic::error(
                    "E-DISCLOSURE-NOT-MAP",
                    format!("{}应写成“行名: {{列名: 值, …}}”的映射", def.name()),
                )
                .at_opt(place(file, &table_input.rows)),
            );
            continue;
        };
        let other_def = other.table(&def.id);
        for (row_name, row_input) in rows {
            let Some((ri, row)) = def.find_row(&row_name.value) else {
                diags.push(unknown_row(def, other_def, format, other, row_name, file));
                continue;
            };
            let Entries::Map(cells) = &row_input.value else {
                diags.push(
                    Diagnostic::error(
                        "E-DISCLOSURE-NOT-MAP",
                        format!(
                            "{}“{}”行应写成“列名: 值”的映射，例如 {{{}: 0}}",
                            def.name(),
                            row.label(),
                            row.columns.first().map_or("", |c| c.id.as_str())
                        ),
                    )
                    .at_opt(place(file, row_input)),
                );
                continue;
            };
            for (col_name, value) in cells {
                let Some((ci, col)) = row.find_column(&col_name.value) else {
                    diags.push(unknown_column(def, row, other_def, other, col_name, file));
                    continue;
                };
                let slot = &mut table.cells[ri][ci];
                let location = place(file, value);
                if slot.origin.is_some() {
                    diags.push(
                        Diagnostic::error(
                            "E-DISCLOSURE-DUPLICATE",
                            format!("{}写了两次", cell_name(def, row, &col.label)),
                        )
                        .at_opt(place(file, col_name)),
                    );
                    continue;
                }
                slot.origin = Some(Origin::Written(
                    location
                        .clone()
                        .unwrap_or_else(|| Location::new(file, 0, 0)),
                ));
                slot.state = read_cell(value, col, def, row, location, &mut diags);
            }
        }
    }

    for (def, table) in format.tables.iter().zip(data.tables.iter_mut()) {
        if table.location.is_none() {
            diags.push(Diagnostic::warning(
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
            ));
            continue;
        }
        compute_totals(def, table);
        for rule in &def.rules {
            check_rule(def, table, rule, &mut diags);
        }
        report_blanks(def, table, blank, &mut diags);
    }
    (data, diags)
}

/// The format the tables follow: `disclosure.format` when written and known (a warning when it
/// is not the one the report year calls for), else the one for the year. An unknown value is an
/// error and the year decides.
fn choose_format(
    input: &DisclosureInput,
    meta: &Meta,
    file: &str,
    formats: &format::Formats,
    diags: &mut Vec<Diagnostic>,
) -> FormatId {
    let year = meta.period.year();
    let by_year = FormatId::for_year(year);
    let Some((_, value)) = &input.format else {
        return by_year;
    };
    let text = value.value.as_ref().map_or("", |t| t.0.trim());
    let named = match format::normalise(text).as_str() {
        "2019" | "2019试行" | "试行" | "(试行)" => Some(FormatId::Y2019),
        "2021" => Some(FormatId::Y2021),
        "" => None,
        _ => {
            diags.push(
                Diagnostic::error("E-DISCLOSURE-FORMAT", format!("不认识的年报格式“{text}”"))
                    .at_opt(place(file, value))
                    .path("disclosure.format")
                    .hint(format!(
                        "可写 2019：{}；或 2021：{}；省略时按报告年度选择",
                        formats.y2019.describe(),
                        formats.y2021.describe()
                    )),
            );
            None
        }
    };
    let Some(named) = named else {
        return by_year;
    };
    if named != by_year {
        diags.push(
            Diagnostic::warning(
                "W-DISCLOSURE-FORMAT-YEAR",
                format!(
                    "{year}年度的报告应使用{}，这里写的是 format: {}",
                    formats.get(by_year).describe(),
                    named.as_str()
                ),
            )
            .at_opt(place(file, value))
            .path("disclosure.format")
            .hint("确需使用别的格式可保留；否则删去 format 一行，按报告年度选择"),
        );
    }
    named
}

/// How blank cells print: `disclosure.blank` (blank/空白 or zero/零), empty by default; an
/// unknown value is an error.
fn choose_blank(input: &DisclosureInput, file: &str, diags: &mut Vec<Diagnostic>) -> BlankStyle {
    let Some((_, value)) = &input.blank else {
        return BlankStyle::Empty;
    };
    let text = value.value.as_ref().map_or("", |t| t.0.trim());
    match format::normalise(text).as_str() {
        "" | "blank" | "empty" | "空白" | "留空" => BlankStyle::Empty,
        "zero" | "0" | "零" => BlankStyle::Zero,
        _ => {
            diags.push(
                Diagnostic::error(
                    "E-DISCLOSURE-BLANK-OPTION",
                    format!("blank 的值“{text}”不认识"),
                )
                .at_opt(place(file, value))
                .path("disclosure.blank")
                .hint("blank: blank 空白单元格留空（默认）；blank: zero 空白单元格印作 0"),
            );
            BlankStyle::Empty
        }
    }
}

/// Reads one written cell by its column's kind; a value of the wrong kind is reported at
/// `location` and kept as written (printed, but unknown to the rules).
fn read_cell(
    value: &Spanned<Option<Text>>,
    col: &format::ColumnDef,
    def: &TableDef,
    row: &RowDef,
    location: Option<Location>,
    diags: &mut Vec<Diagnostic>,
) -> CellState {
    let Some(Text(text)) = &value.value else {
        return CellState::Blank;
    };
    match cell::parse(col.kind, text, &col.units) {
        Ok(Parsed::Blank) => CellState::Blank,
        Ok(Parsed::Pending) => CellState::Pending,
        Ok(Parsed::Value(v)) => CellState::Value {
            text: text.trim().to_string(),
            value: v,
        },
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    e.code,
                    format!(
                        "{}的值 {} {}",
                        cell_name(def, row, &col.label),
                        text.trim(),
                        e.problem
                    ),
                )
                .at_opt(location)
                .hint(e.hint),
            );
            CellState::Invalid(text.trim().to_string())
        }
    }
}
