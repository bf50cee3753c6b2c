//! The statutory tables as resolved grids ([`crate::document::Table`]): header merges from the
//! format files, hierarchical row labels merged down, data cells with their provenance.
//!
//! A grid error means a shipped format file is inconsistent (a bug, caught by the tests); the
//! pipeline reports it as `E-DISCLOSURE-INTERNAL`. Data cells are figures keyed
//! `disclosure.<table>.<row>.<column>`, so the HTML tooltips and the diff name them like any
//! other figure.

use super::format::{Layout, TableDef};
use crate::document::{Align, Cell, Column, FigureRef, GridError, Inline, Table, TableBuilder};
use crate::model::{CellData, CellState, DisclosureData, TableData};

/// The three tables (表二, 表三, 表四) of `data`, ids as in the format (`zhudong`, `shenqing`,
/// `fuyi_susong`).
pub fn tables(data: &DisclosureData) -> Result<Vec<Table>, GridError> {
    let format = super::extend::resolve(data).map_err(GridError)?;
    format
        .tables
        .iter()
        .zip(&data.tables)
        .map(|(def, table)| grid(def, table, data))
        .collect()
}

/// One table's grid, laid out per the table's [`Layout`]: 表二 section by section (title row,
/// head row, data rows), 表三 with its explicit header and hierarchical row labels merged down
/// over the rows they cover, 表四 as one data row of every group's columns. Data cells are
/// right-aligned figures; labels are centred (deeper row labels flush left).
pub fn grid(def: &TableDef, table: &TableData, data: &DisclosureData) -> Result<Table, GridError> {
    let columns = def
        .widths
        .iter()
        .map(|&width| Column {
            width,
            align: Align::Center,
        })
        .collect::<Vec<_>>();
    let width = columns.len();
    let mut b = TableBuilder::new(def.id.clone(), columns, def.header_rows);
    for h in &def.header {
        b.place(
            h.row.saturating_sub(1),
            h.col.saturating_sub(1),
            Cell::label(h.text.clone()).span(h.rows, h.cols),
        )?;
    }
    let value = |r: usize, c: usize| -> Cell {
        let cell = table.cells.get(r).and_then(|row| row.get(c));
        let row = def.rows.get(r);
        let column = row.and_then(|x| x.columns.get(c));
        let key = format!(
            "disclosure.{}.{}.{}",
            def.id,
            row.map_or("", |x| x.id.as_str()),
            column.map_or("", |x| x.id.as_str())
        );
        // 表三 （一）予以公开 自然人: what a reader calls the cell.
        let name = [
            def.name(),
            row.map(|x| x.label()).unwrap_or_default(),
            column.map(|x| x.label.clone()).unwrap_or_default(),
        ]
        .iter()
        .filter(|s| !s.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
        data_cell(cell, key, name, data)
    };
    match def.layout {
        Layout::Sections => {
            let mut r = 0;
            let head = def.head.clone().unwrap_or_default();
            for (si, section) in def.sections.iter().enumerate() {
                b.place(r, 0, Cell::label(section.title.clone()).span(1, width))?;
                r += 1;
                b.place(r, 0, Cell::label(head.clone()))?;
                let mut c = 1;
                for col in &section.columns {
                    b.place(r, c, Cell::label(col.label.clone()).span(1, col.span))?;
                    c += col.span;
                }
                if c < width {
                    b.place(r, c, Cell::label("").span(1, width - c))?;
                }
                r += 1;
                for (ri, row) in def.rows.iter().enumerate() {
                    if row.section != Some(si) {
                        continue;
                    }
                    b.place(r, 0, Cell::label(row.path.concat()))?;
                    let mut c = 1;
                    for (ci, col) in section.columns.iter().enumerate() {
                        b.place(r, c, value(ri, ci).span(1, col.span))?;
                        c += col.span;
                    }
                    if c < width {
                        b.place(
                            r,
                            c,
                            Cell::data(Vec::new())
                                .align(Align::Center)
                                .span(1, width - c),
                        )?;
                    }
                    r += 1;
                }
            }
        }
        Layout::Matrix => {
            let labels = def.label_columns();
            let top = def.header_rows;
            for (i, row) in def.rows.iter().enumerate() {
                for k in 0..row.path.len() {
                    let prefix = &row.path[..=k];
                    let same = |j: usize| {
                        def.rows
                            .get(j)
                            .is_some_and(|o| o.path.len() > k && &o.path[..=k] == prefix)
                    };
                    if i > 0 && same(i - 1) {
                        continue;
                    }
                    let rows = (i..def.rows.len()).take_while(|&j| same(j)).count();
                    let cols = if k + 1 == row.path.len() {
                        labels - k
                    } else {
                        1
                    };
                    let align = if k == 0 { Align::Center } else { Align::Left };
                    b.place(
                        top + i,
                        k,
                        Cell::label(row.path[k].clone())
                            .span(rows, cols)
                            .align(align),
                    )?;
                }
                for c in 0..row.columns.len() {
                    b.place(top + i, labels + c, value(i, c))?;
                }
            }
        }
        Layout::Groups => {
            let mut c = 0;
            for (i, row) in def.rows.iter().enumerate() {
                for ci in 0..row.columns.len() {
                    b.place(def.header_rows, c, value(i, ci))?;
                    c += 1;
                }
            }
        }
    }
    b.build()
}

/// The grid cell of one data cell: its printed text as a figure (key
/// `disclosure.<table>.<row>.<column>`, source location, pending flag), or empty when blank.
fn data_cell(cell: Option<&CellData>, key: String, name: String, data: &DisclosureData) -> Cell {
    let Some(cell) = cell else {
        return Cell::data(Vec::new());
    };
    let text = cell.printed(data.blank);
    let content = if text.is_empty() {
        Vec::new()
    } else {
        vec![Inline::Figure(FigureRef {
            text,
            source: cell.location().filter(|l| l.line > 0).cloned(),
            pending: cell.state == CellState::Pending,
            anchor: key.clone(),
            key,
            name,
        })]
    };
    // Numbers right-aligned, as every table wengao writes (issue #4; GB/T 9704 leaves it open).
    Cell::data(content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disclosure::format::HeaderCell;

    #[test]
    fn a_broken_format_is_a_grid_error() -> Result<(), String> {
        let formats = super::super::format::formats()?;
        let data = DisclosureData::default();
        let mut def = formats.y2021.tables[1].clone();
        let table = TableData {
            id: def.id.clone(),
            location: None,
            row_locations: Vec::new(),
            cells: def
                .rows
                .iter()
                .map(|r| vec![CellData::default(); r.columns.len()])
                .collect(),
        };
        assert!(grid(&def, &table, &data).is_ok());
        // A second header cell on a place the format already fills.
        let first = def.header.first().cloned().ok_or("no header")?;
        def.header.push(HeaderCell { ..first });
        let e = grid(&def, &table, &data)
            .err()
            .ok_or("expected a grid error")?;
        assert!(e.0.contains("被两个单元格占用"), "{}", e.0);
        Ok(())
    }
}
