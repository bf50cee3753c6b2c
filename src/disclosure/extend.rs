//! Provincial variants of the statutory tables: rows, columns and labels a report declares
//! (湖北 2019 adds 表二“其他主动公开文件” under 第二十条第（一）项), applied to a copy of the
//! shipped format.
//!
//! Each change keeps the format's invariants: a row goes into its neighbour's section (表二) or
//! under its neighbour's outer labels (表三, merged like the rows around it); a column goes into
//! one section of 表二 (the grid widens when the section needs it) or into 表三's header, where
//! the header cells spanning the insertion point widen and the new label fills the free header
//! rows below them. A declared row or column joins the parts of every total its neighbour is a
//! part of (unless declared `in_totals: false`), so the rules keep holding. 表四's three groups
//! of five are fixed. Declarations are read and located by `declare`; this module only
//! transforms formats, and fails with a message when a declaration does not fit.

use super::format::{self, ColumnDef, Each, Format, HeaderCell, Layout, RowDef, TableDef};
use crate::model::{DisclosureData, ExtraColumn, ExtraRow, FormatExtension, Placement, Relabel};
use std::borrow::Cow;

/// The format `data` follows: the shipped one, with the report's declared rows, columns and
/// labels applied (the check applied them once already, so an error here is a bug).
pub(crate) fn resolve(data: &DisclosureData) -> Result<Cow<'static, Format>, String> {
    let base = format::formats().map_err(str::to_string)?.get(data.format);
    if data.extension.is_empty() {
        return Ok(Cow::Borrowed(base));
    }
    apply(base, &data.extension).map(Cow::Owned)
}

/// `base` with every declaration of `ext` applied in order (rows, then columns, then labels).
pub fn apply(base: &Format, ext: &FormatExtension) -> Result<Format, String> {
    let mut f = base.clone();
    for r in &ext.rows {
        add_row(&mut f, r)?;
    }
    for c in &ext.columns {
        add_column(&mut f, c)?;
    }
    for l in &ext.labels {
        relabel(&mut f, l)?;
    }
    Ok(f)
}

/// The table with this id, to change.
fn table_mut<'f>(f: &'f mut Format, id: &str) -> Result<&'f mut TableDef, String> {
    f.tables
        .iter_mut()
        .find(|t| t.id == id)
        .ok_or_else(|| format!("没有 id 为“{id}”的表"))
}

/// 1 after the neighbour, 0 before it.
fn offset(place: &Placement) -> usize {
    usize::from(matches!(place, Placement::After(_)))
}

/// Adds `id` to the parts of every total rule (`each` rows or columns) that has `neighbour` as
/// a part, right after it.
fn join_totals(t: &mut TableDef, each: Each, neighbour: &str, id: &str) {
    for rule in t.rules.iter_mut().filter(|r| r.each == each) {
        if rule.total.as_deref() == Some(neighbour) {
            continue;
        }
        if let Some(p) = rule.parts.iter().position(|x| x == neighbour) {
            rule.parts.insert(p + 1, id.to_string());
        }
    }
}

/// Adds a declared row next to its neighbour.
pub(super) fn add_row(f: &mut Format, row: &ExtraRow) -> Result<(), String> {
    let t = table_mut(f, &row.table)?;
    if t.layout == Layout::Groups {
        return Err(format!(
            "{}只有行政复议、行政诉讼的三栏，不能增加行",
            t.name()
        ));
    }
    if t.row(&row.id).is_some() || t.find_row(&row.label).is_some() {
        return Err(format!("{}已有“{}”这一行", t.name(), row.label));
    }
    let neighbour = row.place.neighbour();
    let ni = t
        .row(neighbour)
        .ok_or_else(|| format!("{}没有“{neighbour}”这一行", t.name()))?;
    let at = offset(&row.place);
    if t.layout == Layout::Sections {
        let si = t.rows[ni].section.unwrap_or(0);
        let section = t
            .sections
            .get_mut(si)
            .ok_or_else(|| format!("“{neighbour}”不在任何一项里"))?;
        let pos = section
            .rows
            .iter()
            .position(|r| r.id == neighbour)
            .ok_or_else(|| format!("“{neighbour}”不在任何一项里"))?;
        let new = RowDef::declared(row.id.clone(), Some(row.label.clone()), Vec::new());
        section.rows.insert(pos + at, new);
    } else {
        let mut path = t.rows[ni].path.clone();
        path.pop();
        path.push(row.label.clone());
        t.rows
            .insert(ni + at, RowDef::declared(row.id.clone(), None, path));
    }
    if row.in_totals {
        join_totals(t, Each::Column, neighbour, &row.id);
    }
    t.normalise();
    Ok(())
}

/// A declared column as the format describes it.
fn column_def(col: &ExtraColumn) -> ColumnDef {
    ColumnDef {
        id: col.id.clone(),
        label: col.label.clone(),
        aliases: Vec::new(),
        kind: col.kind,
        span: 1,
        unit: col.unit.clone(),
    }
}

/// Adds a declared column next to its neighbour: in one section of 表二, or in 表三's columns
/// and header.
pub(super) fn add_column(f: &mut Format, col: &ExtraColumn) -> Result<(), String> {
    let t = table_mut(f, &col.table)?;
    let neighbour = col.place.neighbour();
    let at = offset(&col.place);
    let clash = |columns: &[ColumnDef]| {
        columns
            .iter()
            .any(|c| c.id == col.id || c.label == col.label)
    };
    match t.layout {
        Layout::Groups => {
            return Err(format!("{}每栏的结果是固定的五列，不能增加列", t.name()));
        }
        Layout::Sections => {
            let name = t.name();
            let si = col
                .section
                .ok_or_else(|| format!("{name}增加的列要写明放在哪一项（section）"))?;
            let section = t
                .sections
                .get_mut(si)
                .ok_or_else(|| format!("{name}没有第 {} 项", si + 1))?;
            if clash(&section.columns) {
                return Err(format!("{}已有“{}”这一列", section.title, col.label));
            }
            let pos = section
                .columns
                .iter()
                .position(|c| c.id == neighbour)
                .ok_or_else(|| format!("{}没有“{neighbour}”这一列", section.title))?;
            section.columns.insert(pos + at, column_def(col));
            let needed = 1 + section.columns.iter().map(|c| c.span).sum::<usize>();
            while t.widths.len() < needed {
                let w = t.widths.last().copied().unwrap_or(1);
                t.widths.push(w);
            }
        }
        Layout::Matrix => {
            if clash(&t.columns) {
                return Err(format!("{}已有“{}”这一列", t.name(), col.label));
            }
            let pos = t
                .columns
                .iter()
                .position(|c| c.id == neighbour)
                .ok_or_else(|| format!("{}没有“{neighbour}”这一列", t.name()))?;
            let index = pos + at;
            let grid = t.label_columns() + index + 1;
            insert_header_column(t, grid, &col.label)?;
            let w = t.widths.get(grid.saturating_sub(2)).copied().unwrap_or(1);
            t.widths.insert((grid - 1).min(t.widths.len()), w);
            t.columns.insert(index, column_def(col));
            if col.in_totals {
                join_totals(t, Each::Row, neighbour, &col.id);
            }
        }
    }
    t.normalise();
    Ok(())
}

/// Makes room for a new grid column at `grid` (1-based) in the header: cells to its right
/// move, cells spanning across it widen, and `label` fills the header rows left free below.
fn insert_header_column(t: &mut TableDef, grid: usize, label: &str) -> Result<(), String> {
    for h in &mut t.header {
        if h.col >= grid {
            h.col += 1;
        } else if h.col + h.cols > grid {
            h.cols += 1;
        }
    }
    let covered = |r: usize, h: &HeaderCell| {
        h.row <= r && r < h.row + h.rows && h.col <= grid && grid < h.col + h.cols
    };
    let first_free = (1..=t.header_rows)
        .find(|&r| !t.header.iter().any(|h| covered(r, h)))
        .ok_or_else(|| format!("{}的表头放不下新的一列", t.name()))?;
    t.header.push(HeaderCell {
        row: first_free,
        col: grid,
        rows: t.header_rows + 1 - first_free,
        cols: 1,
        text: label.to_string(),
    });
    Ok(())
}

/// Prints a row or column under another label; the old label keeps working as a name.
pub(super) fn relabel(f: &mut Format, l: &Relabel) -> Result<(), String> {
    let t = table_mut(f, &l.table)?;
    let name = t.name();
    if !l.column {
        if t.row(&l.id).is_none() {
            return Err(format!("{name}没有“{}”这一行", l.id));
        }
        if t.layout == Layout::Sections {
            for r in t.sections.iter_mut().flat_map(|s| s.rows.iter_mut()) {
                if r.id == l.id {
                    let old = r.label.replace(l.label.clone());
                    r.aliases.extend(old);
                }
            }
        } else {
            for r in t.rows.iter_mut().filter(|r| r.id == l.id) {
                if let Some(last) = r.path.last_mut() {
                    let old = std::mem::replace(last, l.label.clone());
                    r.aliases.push(old);
                }
            }
        }
        t.normalise();
        return Ok(());
    }
    let mut found = false;
    if t.layout == Layout::Sections {
        for c in t.sections.iter_mut().flat_map(|s| s.columns.iter_mut()) {
            if c.id == l.id {
                let old = std::mem::replace(&mut c.label, l.label.clone());
                c.aliases.push(old);
                found = true;
            }
        }
    } else if let Some(ci) = t.columns.iter().position(|c| c.id == l.id) {
        found = true;
        let width = t.columns.len();
        let positions: Vec<usize> = match t.layout {
            Layout::Groups => (0..t.rows.len()).map(|g| g * width + ci + 1).collect(),
            _ => vec![t.label_columns() + ci + 1],
        };
        let old = std::mem::replace(&mut t.columns[ci].label, l.label.clone());
        for h in &mut t.header {
            if h.text == old && positions.contains(&h.col) {
                h.text = l.label.clone();
            }
        }
        t.columns[ci].aliases.push(old);
    }
    if !found {
        return Err(format!("{name}没有“{}”这一列", l.id));
    }
    t.normalise();
    Ok(())
}
