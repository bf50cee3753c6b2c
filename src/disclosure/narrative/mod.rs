//! Figures the composed narrative quotes about applications, reviews and lawsuits (收到申请X件,
//! 上年结转X件, 予以公开及部分公开X件, 行政复议X件 …) compared with the tables.
//!
//! The narrative is read as rendered (after Tera: figures from `fig()`, parent templates and
//! expressions included, comments gone), from the composed output the pipeline passes in
//! ([`plain_text`]). `scan` finds the figures and the phrases they belong to (`phrases`),
//! `locate` finds the template line each came from. A figure that differs from every reading
//! of its phrase is a warning (`W-DISCLOSURE-NARRATIVE`) at the template line, naming the
//! cells it was compared with and pointing at them in the indicator file. Every figure also
//! gets a note (`N-DISCLOSURE-VERIFIED` with the cells used, or `N-DISCLOSURE-UNMAPPED` with
//! why it could not be placed), which `check --verbose` prints.

mod locate;
mod numbers;
pub mod phrases;
mod scan;

use super::format::{Format, Layout, TableDef};
use super::lookup::normalise;
use super::names::cell_name;
use crate::diagnostic::{Diagnostic, Location};
use crate::document::{Composed, Marker, Piece, split_markers};
use crate::model::{CellData, CellState, DisclosureData};
use phrases::{Cols, Rows, Term};
use rust_decimal::Decimal;
use scan::{Found, Meaning, Vocabulary};

pub use locate::Templates;

/// The composed narrative as plain text: figures as printed, other markers (title, tables,
/// sign-off, attachments) as line breaks.
pub fn plain_text(composed: &Composed) -> String {
    let mut out = String::new();
    for piece in split_markers(&composed.markdown) {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Mark(Marker::Figure(n)) => {
                if let Some(f) = composed.figures.get(n) {
                    out.push_str(&f.text);
                }
            }
            Piece::Mark(_) => out.push('\n'),
        }
    }
    out
}

/// One resolved cell of a reading.
struct CellAt<'f> {
    /// The table as the format has it.
    def: &'f TableDef,
    /// Row index.
    row: usize,
    /// Column index.
    col: usize,
}

/// The cells a term covers in `format`.
fn cells<'f>(format: &'f Format, term: &Term) -> Vec<CellAt<'f>> {
    let (table, rows, cols) = *term;
    let Some(def) = format.table(table) else {
        return Vec::new();
    };
    let row_ids: Vec<usize> = match rows {
        Rows::Id(id) => def.row(id).into_iter().collect(),
        Rows::Index(r) => (r < def.rows.len()).then_some(r).into_iter().collect(),
        Rows::Under(label) => {
            let n = normalise(label);
            (0..def.rows.len())
                .filter(|&r| def.rows[r].path.iter().any(|p| normalise(p) == n))
                .collect()
        }
    };
    let mut out = Vec::new();
    for r in row_ids {
        let row = &def.rows[r];
        let col_ids: Vec<&str> = match cols {
            Cols::Id(id) => vec![id],
            Cols::Legal => vec!["shangye", "keyan", "gongyi", "falv", "qita"],
        };
        for id in col_ids {
            if let Some(c) = row.column(id) {
                out.push(CellAt {
                    def,
                    row: r,
                    col: c,
                });
            }
        }
    }
    out
}

/// A reading's cells added up: the sum, a description, and the cells' places.
struct Summed {
    /// The sum (`None`: a cell pending or unreadable, or the sum overflowed).
    sum: Option<Decimal>,
    /// `表三“…”行“总计”列 3 + …`.
    described: String,
    /// Where the cells (or their rows) were written.
    places: Vec<(Location, String)>,
}

/// How a cell shows in a comparison: its value, 空白, 空白（分项之和 N）, N（由分项算出）.
fn shown(cell: &CellData) -> String {
    match (&cell.state, cell.implied) {
        (CellState::Value { text, .. }, _) if cell.is_computed() => format!("{text}（由分项算出）"),
        (CellState::Value { text, .. }, _) => text.clone(),
        (CellState::Pending, _) => "待填".to_string(),
        (CellState::Invalid(t), _) => t.clone(),
        (_, Some(v)) => format!("空白（分项之和 {}）", v.normalize()),
        _ => "空白".to_string(),
    }
}

/// Adds up the cells of one reading in `data`.
fn summed(data: &DisclosureData, format: &Format, reading: &[Term]) -> Option<Summed> {
    let mut sum = Some(Decimal::ZERO);
    let mut names = Vec::new();
    let mut places = Vec::new();
    let mut count = 0;
    for term in reading {
        let resolved = cells(format, term);
        if resolved.is_empty() {
            return None;
        }
        let many = resolved.len() > 3
            || (matches!(term.1, Rows::Under(_)) || term.2 == Cols::Legal) && resolved.len() > 1;
        let mut group = Decimal::ZERO;
        for t in &resolved {
            let table = data.table(&t.def.id)?;
            let cell = table.cells.get(t.row)?.get(t.col)?;
            let row = t.def.rows.get(t.row)?;
            let label = row.columns.get(t.col).map_or("", |c| c.label.as_str());
            let value = cell.check_value();
            sum = sum.zip(value).and_then(|(s, v)| s.checked_add(v));
            group = value.and_then(|v| group.checked_add(v)).unwrap_or(group);
            let name = cell_name(t.def, row, label);
            if !many {
                names.push(format!("{name} {}", shown(cell)));
            }
            let own = cell
                .location()
                .or_else(|| table.row_locations.get(t.row).and_then(Option::as_ref));
            let place = own.or_else(|| (!many).then_some(table.location.as_ref()).flatten());
            if let Some(l) = place.filter(|l| l.line > 0) {
                places.push((l.clone(), format!("{name}在这里")));
            }
            count += 1;
        }
        if many {
            let first = &resolved[0];
            let row = &first.def.rows[first.row];
            let line = if first.def.layout == Layout::Groups {
                "栏"
            } else {
                "行"
            };
            let rows = match term.1 {
                Rows::Under(l) => format!("“{l}”各{line}"),
                Rows::Id(_) | Rows::Index(_) => format!("“{}”{line}", row.label()),
            };
            let cols = match term.2 {
                Cols::Legal => "“法人或其他组织”各列".to_string(),
                Cols::Id(_) => format!(
                    "“{}”列",
                    row.columns.get(first.col).map_or("", |c| c.label.as_str())
                ),
            };
            names.push(format!(
                "{}{rows}{cols}之和 {}",
                first.def.name(),
                group.normalize()
            ));
        }
    }
    let mut described = names.join(" + ");
    if count > 1
        && names.len() > 1
        && let Some(s) = sum
    {
        described.push_str(&format!(" = {}", s.normalize()));
    }
    Some(Summed {
        sum,
        described,
        places,
    })
}

/// The narrative's figures compared with `data`: a warning per figure that contradicts the
/// tables, a note per figure verified or not understood.
///
/// `text` is the composed narrative ([`plain_text`]); `templates` are the templates it came
/// from as (name, text), the report's own first, to place each figure at its template line.
pub fn check(data: &DisclosureData, text: &str, templates: &[(String, String)]) -> Vec<Diagnostic> {
    let Ok(format) = crate::disclosure::extend::resolve(data) else {
        return Vec::new();
    };
    let mut places = Templates::new(templates);
    let vocabulary = Vocabulary::new(
        format
            .table("shenqing")
            .map(|t| {
                t.rows
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (i, r.short_label().to_string()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default(),
    );
    let mut out = Vec::new();
    for found in scan::scan(text, &vocabulary) {
        let at = places
            .locate(&found)
            .or_else(|| places.main().map(|m| Location::new(m, 0, 0)))
            .unwrap_or_else(|| {
                Location::new(
                    "（正文）",
                    u32::try_from(found.line + 1).unwrap_or(u32::MAX),
                    u32::try_from(found.column + 1).unwrap_or(u32::MAX),
                )
            });
        out.push(compare(data, &format, &found, at));
    }
    out
}

/// The diagnostic of one figure.
fn compare(data: &DisclosureData, format: &Format, found: &Found, at: Location) -> Diagnostic {
    let not_understood = |why: &str| {
        Diagnostic::note(
            "N-DISCLOSURE-UNMAPPED",
            format!("叙述中“{}”未核对：{why}", found.text),
        )
        .at(at.clone())
    };
    let readings = match &found.meaning {
        Meaning::NoCell => return not_understood("表中没有对应的格"),
        Meaning::NotUnderstood(why) => return not_understood(why),
        Meaning::Cells(r) => r,
    };
    let sums: Vec<Summed> = readings
        .iter()
        .filter_map(|r| summed(data, format, r))
        .collect();
    let Some(primary) = sums.first() else {
        return not_understood("本报告的表格没有对应的格");
    };
    if let Some(agrees) = sums.iter().find(|s| s.sum == Some(found.value)) {
        return Diagnostic::note(
            "N-DISCLOSURE-VERIFIED",
            format!("叙述中“{}”与表中的数一致：{}", found.text, agrees.described),
        )
        .at(at);
    }
    if sums.iter().all(|s| s.sum.is_none()) {
        return not_understood(&format!("表中的格待填或写得不对：{}", primary.described));
    }
    let mut message = format!(
        "叙述中“{}”与表中的数不符：{}",
        found.text, primary.described
    );
    let mut shown_sums = vec![primary.sum];
    let mut others: Vec<&str> = Vec::new();
    for s in &sums[1..] {
        if s.sum.is_some() && !shown_sums.contains(&s.sum) {
            shown_sums.push(s.sum);
            others.push(s.described.as_str());
        }
    }
    if !others.is_empty() {
        message.push_str(&format!("（按其他理解也不符：{}）", others.join("；")));
    }
    let mut d = Diagnostic::warning("W-DISCLOSURE-NARRATIVE", message)
        .at(at)
        .hint("改正叙述或表格，使两处一致");
    let mut seen = Vec::new();
    for (l, m) in &primary.places {
        if !seen.contains(l) {
            seen.push(l.clone());
            d = d.related(l.clone(), m.clone());
        }
    }
    if d.related.is_empty() {
        // Nothing of those rows was written: point at the table itself.
        let table = readings
            .iter()
            .flatten()
            .find_map(|t| data.table(t.0))
            .and_then(|t| t.location.clone().map(|l| (l, t.id.clone())));
        if let Some((l, id)) = table.filter(|(l, _)| l.line > 0) {
            let name = format.table(&id).map_or(id.clone(), TableDef::name);
            d = d.related(l, format!("{name}在这里（这几格都没有填写）"));
        }
    }
    d
}

#[cfg(test)]
mod tests;
