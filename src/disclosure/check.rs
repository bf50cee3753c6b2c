//! The disclosure check: format selection and extension, names resolved (with “did you mean”),
//! cells read, the format's rules (勾稽关系) checked, blanks and unusual values reported.
//!
//! Every table, row and column may be named by its pinyin id, its printed label or an alias;
//! a name of the other year's format is recognised and explained (`names`). Cells are read by
//! their column's kind (`cell`); a cell that does not read is an error but stays printed as
//! written. Blank cells print blank: a total left out is computed only when the user asks
//! (`totals: compute`, `--compute-totals`); otherwise a blank total whose parts say otherwise
//! is checked with the sum they imply and reported (`rules`, `warnings`).

use super::cell::{self, Parsed};
use super::declare;
use super::format::{self, ColumnDef, Format, Named, RowDef, TableDef};
use super::input::{DisclosureInput, Entries, RowInput, place};
use super::names::{cell_name, names_list, unknown_column, unknown_row};
use super::rules::{Unresolved, check_rule, compute_totals, imply_totals, overflow};
use super::settings::{choose_blank, choose_format, choose_totals};
use super::warnings::{self, Unusual};
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{CellData, CellState, DisclosureData, TableData};
use crate::model::{Meta, Origin};
use crate::yaml::{Spanned, Text};
use std::collections::BTreeSet;

/// How the check treats the tables beyond what the file says.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--compute-totals`: compute totals left out, as `totals: compute` does.
    pub compute_totals: bool,
    /// Where the `disclosure:` key is (for warnings about the part as a whole).
    pub at: Option<Location>,
}

/// Checks the `disclosure` part of `file` with the default options.
pub fn check(
    input: &DisclosureInput,
    meta: &Meta,
    file: &str,
) -> (DisclosureData, Vec<Diagnostic>) {
    check_with(input, meta, file, &Options::default())
}

/// Checks the `disclosure` part of `file`.
///
/// Steps: choose the format (by year, or `format:`), apply the report's extension, how blanks
/// print and whether totals are computed; resolve every table, row and column name, reporting
/// unknown and duplicate ones; read every cell by its column's kind; then, per table written,
/// report blanks (as written), compute totals if asked, give blank totals their implied sums,
/// check each rule. A table not written is a warning and stays blank. The data always has
/// every table of the format, in order, so later stages never look a table up by chance.
pub fn check_with(
    input: &DisclosureInput,
    meta: &Meta,
    file: &str,
    options: &Options,
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
    let other = formats.get(id.other());
    let blank = choose_blank(input, file, &mut diags);
    let compute = choose_totals(input, file, &mut diags) || options.compute_totals;
    let (extension, format) = declare::read(input, formats.get(id), id, file, &mut diags);
    let mut data = DisclosureData {
        format: id,
        extension,
        blank,
        tables: format
            .tables
            .iter()
            .map(|t| TableData {
                id: t.id.clone(),
                location: None,
                row_locations: vec![None; t.rows.len()],
                cells: t
                    .rows
                    .iter()
                    .map(|r| vec![CellData::default(); r.columns.len()])
                    .collect(),
            })
            .collect(),
    };
    let mut unresolved: Vec<Unresolved> = format
        .tables
        .iter()
        .map(|_| Unresolved::default())
        .collect();
    let mut unusual: Vec<Unusual> = format.tables.iter().map(|_| Unusual::default()).collect();
    // Tables a misspelt table name probably meant: not reported missing as well.
    let mut meant: BTreeSet<String> = BTreeSet::new();

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
                Some(t) => {
                    meant.insert(t.id.clone());
                    d.hint(format!("是不是 {}？", t.shown()))
                }
                None => d.hint(format!(
                    "表名可写 {}；另可写 format、blank、totals、extend",
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
        let reader = TableReader {
            def,
            file,
            format: &format,
            other,
            other_def,
        };
        for (row_name, row_input) in rows {
            reader.row(
                row_name,
                row_input,
                table,
                &mut unresolved[ti],
                &mut unusual[ti],
                &mut diags,
            );
        }
    }

    for (ti, (def, table)) in format.tables.iter().zip(data.tables.iter_mut()).enumerate() {
        if table.location.is_none() {
            if !meant.contains(&def.id) {
                diags.push(warnings::table_missing(def, blank).at_opt(options.at.clone()));
            }
            continue;
        }
        let skip = &unresolved[ti];
        let (mut hidden, overflowed) = imply_totals(def, table);
        let mut reported = BTreeSet::new();
        for cells in &overflowed {
            overflow(def, table, cells, &mut reported, &mut diags);
        }
        if compute {
            let computed = compute_totals(def, table);
            hidden.retain(|(at, _)| !computed.contains(at));
            diags.extend(warnings::computed(def, table, &computed));
        }
        warnings::blanks(def, table, blank, &mut diags);
        // A total whose row or column holds a cell under an unknown name is not reported: the
        // name's own error says it all.
        hidden.retain(|&((r, c), _)| {
            !skip.all && !skip.rows.contains(&r) && !skip.columns.contains(&c)
        });
        diags.extend(warnings::hidden_totals(def, table, &hidden, compute));
        for rule in &def.rules {
            check_rule(def, table, rule, &unresolved[ti], &mut reported, &mut diags);
        }
        diags.extend(warnings::unusual_digits(def, table, &unusual[ti]));
    }
    (data, diags)
}

/// What reading one table's rows needs to know.
struct TableReader<'a> {
    /// The table as the report's format (with its extension) has it.
    def: &'a TableDef,
    /// The indicator file.
    file: &'a str,
    /// The report's format, for messages.
    format: &'a Format,
    /// The other year's format, to recognise its names.
    other: &'a Format,
    /// The same table in the other format.
    other_def: Option<&'a TableDef>,
}

impl TableReader<'_> {
    /// Reads one written row into `table`: unknown names reported (and the lines they may
    /// belong to kept from the rules), duplicates refused, every cell read by its kind.
    fn row(
        &self,
        row_name: &Spanned<String>,
        row_input: &RowInput,
        table: &mut TableData,
        unresolved: &mut Unresolved,
        unusual: &mut Unusual,
        diags: &mut Vec<Diagnostic>,
    ) {
        let (def, file) = (self.def, self.file);
        let Some((ri, row)) = def.find_row(&row_name.value) else {
            diags.push(unknown_row(
                def,
                self.other_def,
                self.format,
                self.other,
                row_name,
                file,
            ));
            match &row_input.value {
                Entries::Map(cells) => {
                    for (col_name, _) in cells {
                        match format::find(def.columns(), &col_name.value) {
                            Some((ci, _)) => {
                                unresolved.columns.insert(ci);
                            }
                            None => unresolved.all = true,
                        }
                    }
                }
                Entries::NotMap => unresolved.all = true,
            }
            return;
        };
        if table.row_locations[ri].is_none() {
            table.row_locations[ri] = place(file, row_name);
        }
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
            unresolved.rows.insert(ri);
            return;
        };
        for (col_name, value) in cells {
            let Some((ci, col)) = row.find_column(&col_name.value) else {
                diags.push(unknown_column(
                    def,
                    row,
                    self.other_def,
                    self.other,
                    col_name,
                    file,
                ));
                unresolved.rows.insert(ri);
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
            slot.state = self.cell(value, col, row, location, (ri, ci), unusual, diags);
        }
    }

    /// Reads one written cell by its column's kind; a value of the wrong kind is reported at
    /// `location` and kept as written (printed, but unknown to the rules).
    #[allow(clippy::too_many_arguments)]
    fn cell(
        &self,
        value: &Spanned<Option<Text>>,
        col: &ColumnDef,
        row: &RowDef,
        location: Option<Location>,
        at: (usize, usize),
        unusual: &mut Unusual,
        diags: &mut Vec<Diagnostic>,
    ) -> CellState {
        let def = self.def;
        let Some(Text(text)) = &value.value else {
            return CellState::Blank(String::new());
        };
        let written = text.trim();
        match cell::parse(col.kind, text, col.unit.as_deref()) {
            Ok(reading) => {
                if reading.unusual_digits {
                    unusual.note(at, written);
                }
                if let Some(unit) = reading.other_unit {
                    diags.push(warnings::other_unit(def, row, col, written, unit, location));
                }
                match reading.parsed {
                    Parsed::Blank => CellState::Blank(written.to_string()),
                    Parsed::Pending => CellState::Pending,
                    Parsed::Value(v) => CellState::Value {
                        text: written.to_string(),
                        value: v,
                    },
                }
            }
            Err(e) => {
                diags.push(
                    Diagnostic::error(
                        e.code,
                        format!(
                            "{}的值 {written} {}",
                            cell_name(def, row, &col.label),
                            e.problem
                        ),
                    )
                    .at_opt(location)
                    .hint(e.hint),
                );
                CellState::Invalid(written.to_string())
            }
        }
    }
}
