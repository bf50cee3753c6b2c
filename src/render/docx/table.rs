//! Tables: a resolved grid becomes `w:tbl` with real merges (gridSpan, vMerge), repeated header
//! rows, widths scaled to the text block, 0.5 pt black borders.
//!
//! Widths, the cell size (小四 for wide tables, else 四号) and the landscape decision come from
//! the document model ([`Table::column_widths`], [`Table::is_wide`], [`Table::needs_landscape`]),
//! so the HTML prints the same grid. Fonts: 仿宋 throughout, heads included (GB/T 9704 5.2.2:
//! 仿宋 unless stated otherwise), the same rule for 表二, 表三 and 表四; heads are centred and
//! repeat on every page. A head too long for its column is broken into balanced words
//! (结果 / 维持). Page flow: no row splits across pages (`cantSplit`); the header rows, the rows
//! of a merged label group and rows of labels only keep with the next row
//! ([`Table::keeps_with_next`]), so a group moves to the next page whole instead of leaving its
//! label on one page and its rows on another.

use super::layout::Orientation;
use super::layout::{
    BODY_SZ, BORDER_SZ, CELL_MARGIN, FANGSONG, HEITI, PAGE_NUM_SZ, SMALL_SZ, TEXT_W,
    TEXT_W_LANDSCAPE,
};
use super::para::{ParaProps, RunStyle, inlines, para, ppr, run};
use super::xml::Xml;
use crate::document::title::break_within;
use crate::document::{Align, Inline, Slot, Table};

/// The cell font size: 四号 for narrow tables, 小四 for wide ones (the 10-column statutory
/// table fits 156 mm at 小四).
pub fn cell_sz(t: &Table) -> u32 {
    if t.is_wide() { SMALL_SZ } else { PAGE_NUM_SZ }
}

/// The `w:jc` value of an alignment.
fn jc(a: Align) -> &'static str {
    match a {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
    }
}

/// Writes the optional title and the table; `mark_pending` highlights pending figures.
///
/// The table spans the text block of orientation `o`; header rows repeat on every page; all
/// text is 仿宋 at the table's cell size; no row splits across pages. A horizontal span
/// is one `w:tc` with `gridSpan`; a vertical span starts with `vMerge="restart"` and continues
/// with empty `vMerge` cells, written once per covered row at the span's first column.
pub fn table(x: &mut Xml, t: &Table, o: Orientation, mark_pending: bool) {
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
    let w = t.column_widths(total);
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
    // Rows kept on the page of the next one: header rows, merged label groups, label rows.
    let keep = t.keeps_with_next();
    let style = RunStyle::new(FANGSONG, size).marking_pending(mark_pending);
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
        let keep_next = keep.get(r).copied().unwrap_or(false).then_some(true);
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
                            keep_next,
                            line: Some(line),
                            jc: Some(jc(align)),
                            ..ParaProps::default()
                        },
                    );
                    x.anchors().enter_cell(r, c, row_label(t, r));
                    match (header, cell.content.as_slice()) {
                        (true, [Inline::Text(text)]) => {
                            let capacity = t.line_capacity(&w, c, cell.col_span);
                            run(
                                x,
                                &break_within(text, capacity).join(
                                    "
",
                                ),
                                style,
                            );
                        }
                        _ => inlines(x, &cell.content, style),
                    }
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
                            keep_next,
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
    use super::TEXT_W;
    use crate::document::{Align, Cell, Column, Inline, Table, TableBuilder};

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
        assert_eq!(t.column_widths(TEXT_W).iter().sum::<u32>(), TEXT_W);
    }

    #[test]
    fn ten_columns_fit_portrait_fifteen_do_not() {
        assert!(!table(10, "123456").needs_landscape());
        assert!(table(15, "0").needs_landscape());
    }
}
