//! Tables: a resolved grid becomes `w:tbl` with real merges (gridSpan, vMerge), repeated header
//! rows, widths scaled to the text block, 0.5 pt black borders; and the landscape decision.
//!
//! Widths: the columns' relative weights scaled to the text block, then narrow columns widened
//! to fit their longest unbreakable figure at the cell size, taken from columns with room to
//! spare; the last column absorbs rounding so the sum is exact. A table whose minimum widths do
//! not fit 156 mm at 小四 goes on a landscape page (GB/T 9704 8).

use super::layout::Orientation;
use super::layout::{
    BODY_SZ, BORDER_SZ, CELL_MARGIN, FANGSONG, HEITI, PAGE_NUM_SZ, SMALL_SZ, TEXT_W,
    TEXT_W_LANDSCAPE, WIDE_TABLE_COLUMNS, half_chars,
};
use super::para::{ParaProps, RunStyle, inlines, para, ppr};
use super::xml::Xml;
use crate::document::{Align, Inline, Slot, Table};

/// The cell font size: 四号 for narrow tables, 小四 for wide ones (the 10-column statutory
/// table fits 156 mm at 小四).
pub fn cell_sz(t: &Table) -> u32 {
    if t.columns.len() > WIDE_TABLE_COLUMNS {
        SMALL_SZ
    } else {
        PAGE_NUM_SZ
    }
}

/// A table goes on a landscape page when the narrowest readable widths of its columns (the
/// longest unbreakable figure, at least two 字 of 小四, plus cell margins) exceed 156 mm.
pub fn needs_landscape(t: &Table) -> bool {
    min_widths(t, SMALL_SZ).iter().sum::<u32>() > TEXT_W
}

/// Half-character width of the longest piece of `text` that cannot wrap (an ASCII run such as a
/// figure; every CJK character can break).
fn unbreakable(text: &str) -> u32 {
    let (mut best, mut cur) = (0, 0);
    for c in text.chars() {
        if c.is_whitespace() {
            cur = 0;
        } else if half_chars(c.encode_utf8(&mut [0; 4])) == 2 {
            cur = 0;
            best = best.max(2);
        } else {
            cur += 1;
            best = best.max(cur);
        }
    }
    best
}

/// The narrowest width (twips) of each column at font size `sz` (half-points).
fn min_widths(t: &Table, sz: u32) -> Vec<u32> {
    let mut half = vec![4u32; t.columns.len()];
    for row in &t.rows {
        for (c, slot) in row.iter().enumerate() {
            if let (Slot::Cell(cell), Some(h)) = (slot, half.get_mut(c))
                && cell.col_span <= 1
            {
                *h = (*h).max(unbreakable(&Inline::plain(&cell.content)));
            }
        }
    }
    // Capped so that absurd input cannot overflow the sums (one page is ~1200 half 字 wide).
    half.into_iter()
        .map(|h| h.min(2000) * sz * 5 + 2 * CELL_MARGIN)
        .collect()
}

/// Column widths: the weights scaled to `total`, then narrow columns widened to their minimum at
/// the expense of columns with room to spare.
pub fn widths(t: &Table, total: u32) -> Vec<u32> {
    let n = t.columns.len();
    if n == 0 {
        return Vec::new();
    }
    let weights: Vec<u64> = t.columns.iter().map(|c| u64::from(c.width)).collect();
    let sum: u64 = weights.iter().sum();
    let (weights, sum) = if sum == 0 {
        (vec![1; n], n as u64)
    } else {
        (weights, sum)
    };
    let mut w: Vec<u32> = weights
        .iter()
        .map(|&k| (u64::from(total) * k / sum) as u32)
        .collect();
    let mins = min_widths(t, cell_sz(t));
    if mins.iter().sum::<u32>() <= total {
        let mut need = 0;
        for (wi, &mi) in w.iter_mut().zip(&mins) {
            if *wi < mi {
                need += mi - *wi;
                *wi = mi;
            }
        }
        let slack: u32 = w.iter().zip(&mins).map(|(wi, mi)| wi - mi).sum();
        if need > 0 && slack > 0 {
            for (wi, &mi) in w.iter_mut().zip(&mins) {
                let take = u64::from(*wi - mi) * u64::from(need) / u64::from(slack);
                *wi -= take as u32;
            }
        }
    }
    // Rounding: the last column absorbs the difference so the sum is exactly `total`.
    let used: u32 = w[..n - 1].iter().sum();
    w[n - 1] = total.saturating_sub(used).max(1);
    w
}

/// The `w:jc` value of an alignment.
fn jc(a: Align) -> &'static str {
    match a {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
    }
}

/// Writes the optional title and the table.
///
/// The table spans the text block of orientation `o`; header rows repeat on every page and use
/// 黑体, body rows 仿宋 at the table's cell size; no row splits across pages. A horizontal span
/// is one `w:tc` with `gridSpan`; a vertical span starts with `vMerge="restart"` and continues
/// with empty `vMerge` cells, written once per covered row at the span's first column.
pub fn table(x: &mut Xml, t: &Table, o: Orientation) {
    if t.columns.is_empty() || t.rows.iter().all(Vec::is_empty) {
        return; // nothing to draw; an empty w:tbl is not valid for Word
    }
    let total = match o {
        Orientation::Portrait => TEXT_W,
        Orientation::Landscape => TEXT_W_LANDSCAPE,
    };
    if let Some(title) = &t.title {
        let p = ParaProps {
            style: Some("TableTitle"),
            ..ParaProps::default()
        };
        para(x, &p, title, RunStyle::new(HEITI, BODY_SZ));
    }
    let w = widths(t, total);
    let n = |v: u32| v.to_string();
    x.open("w:tbl", &[]).open("w:tblPr", &[]);
    x.empty("w:tblW", &[("w:w", &n(total)), ("w:type", "dxa")]);
    x.val("w:jc", "center");
    x.open("w:tblBorders", &[]);
    let sz = n(BORDER_SZ);
    for side in [
        "w:top",
        "w:left",
        "w:bottom",
        "w:right",
        "w:insideH",
        "w:insideV",
    ] {
        x.empty(
            side,
            &[
                ("w:val", "single"),
                ("w:sz", &sz),
                ("w:space", "0"),
                ("w:color", "000000"),
            ],
        );
    }
    x.close("w:tblBorders");
    x.empty("w:tblLayout", &[("w:type", "fixed")]);
    x.open("w:tblCellMar", &[]);
    let m = n(CELL_MARGIN);
    x.empty("w:left", &[("w:w", &m), ("w:type", "dxa")]);
    x.empty("w:right", &[("w:w", &m), ("w:type", "dxa")]);
    x.close("w:tblCellMar");
    x.close("w:tblPr");
    x.open("w:tblGrid", &[]);
    for wi in &w {
        x.empty("w:gridCol", &[("w:w", &n(*wi))]);
    }
    x.close("w:tblGrid");
    let size = cell_sz(t);
    let line = size * 15; // exact 1.5 lines: 小四 18 pt, 四号 21 pt
    let span_width = |c: usize, span: usize| w.iter().skip(c).take(span.max(1)).sum::<u32>();
    for (r, row) in t.rows.iter().enumerate() {
        if row.is_empty() {
            continue;
        }
        let header = r < t.header_rows;
        x.open("w:tr", &[]).open("w:trPr", &[]);
        x.empty("w:cantSplit", &[]);
        if header {
            x.empty("w:tblHeader", &[]);
        }
        x.close("w:trPr");
        let style = RunStyle::new(if header { HEITI } else { FANGSONG }, size);
        for (c, slot) in row.iter().enumerate() {
            match slot {
                Slot::Cell(cell) => {
                    let align = if header { Align::Center } else { cell.align };
                    cell_open(
                        x,
                        span_width(c, cell.col_span),
                        cell.col_span,
                        cell.row_span > 1,
                        false,
                    );
                    x.open("w:p", &[]);
                    ppr(
                        x,
                        &ParaProps {
                            style: Some("TableText"),
                            line: Some(line),
                            jc: Some(jc(align)),
                            ..ParaProps::default()
                        },
                    );
                    x.anchors().enter_cell(r, c, row_label(t, r));
                    inlines(x, &cell.content, style);
                    x.close("w:p").close("w:tc");
                    x.anchors().leave_cell();
                }
                Slot::Covered { row, column } => {
                    if *row == r {
                        continue; // inside a horizontal span: the gridSpan cell covers it
                    }
                    if *column != c {
                        continue; // written once, by the first column of the span
                    }
                    let span = match t.rows.get(*row).and_then(|rr| rr.get(*column)) {
                        Some(Slot::Cell(origin)) => origin.col_span,
                        _ => 1,
                    };
                    cell_open(x, span_width(c, span), span, false, true);
                    x.open("w:p", &[]);
                    ppr(
                        x,
                        &ParaProps {
                            style: Some("TableText"),
                            line: Some(line),
                            ..ParaProps::default()
                        },
                    );
                    x.close("w:p").close("w:tc");
                }
            }
        }
        x.close("w:tr");
    }
    x.close("w:tbl");
}

/// The text of row `r`'s first cell (of the cell covering it when merged): which row it is, for
/// the figure anchors of the row's cells.
fn row_label(t: &Table, r: usize) -> String {
    let first = match t.rows.get(r).and_then(|row| row.first()) {
        Some(Slot::Covered { row, column }) => t.rows.get(*row).and_then(|rr| rr.get(*column)),
        other => other,
    };
    match first {
        Some(Slot::Cell(c)) => Inline::plain(&c.content),
        _ => String::new(),
    }
}

/// `<w:tc><w:tcPr>` with width, horizontal span, vertical merge and centred content.
fn cell_open(x: &mut Xml, width: u32, col_span: usize, restart: bool, cont: bool) {
    x.open("w:tc", &[]).open("w:tcPr", &[]);
    x.empty("w:tcW", &[("w:w", &width.to_string()), ("w:type", "dxa")]);
    if col_span > 1 {
        x.val("w:gridSpan", &col_span.to_string());
    }
    if restart {
        x.val("w:vMerge", "restart");
    } else if cont {
        x.val("w:vMerge", "continue");
    }
    x.val("w:vAlign", "center");
    x.close("w:tcPr");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Cell, Column, TableBuilder};

    fn table(cols: usize, figure: &str) -> Table {
        let columns = vec![
            Column {
                width: 1,
                align: Align::Right
            };
            cols
        ];
        let mut b = TableBuilder::new("t", columns, 1);
        for c in 0..cols {
            let _ = b.place(0, c, Cell::label("列"));
            let _ = b.place(1, c, Cell::data(vec![Inline::Text(figure.into())]));
        }
        match b.build() {
            Ok(t) => t,
            Err(e) => panic!("{}", e.0),
        }
    }

    #[test]
    fn widths_fill_the_text_block() {
        let t = table(10, "12345");
        assert_eq!(widths(&t, TEXT_W).iter().sum::<u32>(), TEXT_W);
    }

    #[test]
    fn ten_columns_fit_portrait_fifteen_do_not() {
        assert!(!needs_landscape(&table(10, "123456")));
        assert!(needs_landscape(&table(15, "0")));
    }
}
