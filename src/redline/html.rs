//! The redline as one HTML page for reading in a browser: the same alignment as the DOCX
//! redline, deleted text in `<del>` and new text in `<ins>`, with the page and fonts of wengao's
//! HTML output (its style sheet) and colours for the marks.
//!
//! Paragraph styles map to the HTML output's elements: the title to `h1.title`, heading levels
//! 1–2 to `h2.l1`/`h3.l2`, levels 3–4 (usually run in with their paragraph) to `p.l3`/`p.l4`,
//! the attachment label, right-aligned sign-off lines; table cells keep their spans.

use super::align::{CellOut, Op, Out, ParaOut, Piece, RowOut};
use super::body::{Para, Run, TableCell, TableRow, Tbl};
use crate::render::html::{CSS, escape};
use std::fmt::Write as _;

/// The marks' colours, on screen and in print.
const MARKS_CSS: &str = r#"
ins { color: #0b6b2f; text-decoration: underline; background: #e6ffec; }
del { color: #b3261e; text-decoration: line-through; background: #ffebe9; }
tr.ins td { background: #e6ffec; } tr.del td { background: #ffebe9; }
.legend { font-family: var(--heiti); font-size: 12pt; text-indent: 0; margin-bottom: 14pt; color: #444; }
.right { text-align: right; } .center { text-align: center; text-indent: 0; }
"#;

/// The whole page: a legend naming the two files, then the aligned body.
pub fn page(title: &str, old: &str, new: &str, outs: &[Out<'_>]) -> String {
    let mut x = String::with_capacity(32 * 1024);
    x.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    x.push_str("<meta name=\"generator\" content=\"wengao\">\n");
    let _ = writeln!(x, "<title>修订稿：{}</title>", escape(title));
    let _ = writeln!(
        x,
        "<style>{CSS}{MARKS_CSS}</style>\n</head>\n<body>\n<main class=\"page\">"
    );
    let _ = writeln!(
        x,
        "<p class=\"legend\">修订稿：从 {} 到 {}。<ins>下划线为新增</ins>，<del>删除线为删去</del>。</p>",
        escape(old),
        escape(new)
    );
    for o in outs {
        match o {
            Out::Para(p) => paragraph(&mut x, p),
            Out::Table(t, rows) => table(&mut x, t, rows),
            Out::InsertedTable(t) => {
                let rows: Vec<RowOut<'_>> = t.rows.iter().map(RowOut::Inserted).collect();
                table(&mut x, t, &rows);
            }
            Out::DeletedTable(t) => {
                let rows: Vec<RowOut<'_>> = t.rows.iter().map(RowOut::Deleted).collect();
                table(&mut x, t, &rows);
            }
            Out::Separator => {}
        }
    }
    x.push_str("</main>\n</body>\n</html>\n");
    x
}

/// The element and class a paragraph style prints as.
fn element(p: &Para) -> (&'static str, &'static str) {
    match (p.style.as_str(), p.jc.as_str()) {
        ("Title", _) => ("h1", "title"),
        ("Heading1", _) => ("h2", "l1"),
        ("Heading2", _) => ("h3", "l2"),
        ("Heading3", _) => ("p", "l3"),
        ("Heading4", _) => ("p", "l4"),
        ("AttachmentLabel", _) => ("p", "attachment-label"),
        (_, "right") => ("p", "right"),
        (_, "center") => ("p", "center"),
        _ => ("p", ""),
    }
}

/// One run's text, bold kept.
fn text(x: &mut String, r: &Run, t: &str) {
    let t = escape(t).replace('\n', "<br>");
    if r.bold() {
        let _ = write!(x, "<strong>{t}</strong>");
    } else {
        x.push_str(&t);
    }
}

/// The content of a paragraph of the redline (no element around it).
fn content(x: &mut String, p: &ParaOut<'_>) {
    let whole = |x: &mut String, p: &Para, tag: &str| {
        if p.text().is_empty() {
            return;
        }
        let _ = write!(x, "<{tag}>");
        for r in &p.runs {
            text(x, r, &r.text);
        }
        let _ = write!(x, "</{tag}>");
    };
    match p {
        ParaOut::Same(p) => {
            for r in &p.runs {
                text(x, r, &r.text);
            }
        }
        ParaOut::Inserted(p) => whole(x, p, "ins"),
        ParaOut::Deleted(p) => whole(x, p, "del"),
        ParaOut::Changed(_, pieces) => {
            for Piece { op, run, text: t } in pieces {
                match op {
                    Op::Equal => text(x, run, t),
                    Op::Insert => {
                        x.push_str("<ins>");
                        text(x, run, t);
                        x.push_str("</ins>");
                    }
                    Op::Delete => {
                        x.push_str("<del>");
                        text(x, run, t);
                        x.push_str("</del>");
                    }
                }
            }
        }
    }
}

/// A body paragraph of the redline (empty ones are left out).
fn paragraph(x: &mut String, p: &ParaOut<'_>) {
    let para = match p {
        ParaOut::Same(p) | ParaOut::Inserted(p) | ParaOut::Deleted(p) | ParaOut::Changed(p, _) => p,
    };
    let mut inner = String::new();
    content(&mut inner, p);
    if inner.is_empty() {
        return;
    }
    let (tag, class) = element(para);
    if class.is_empty() {
        let _ = writeln!(x, "<{tag}>{inner}</{tag}>");
    } else {
        let _ = writeln!(x, "<{tag} class=\"{class}\">{inner}</{tag}>");
    }
}

/// One row to print: its class, and its cells (grid column, span, vertical merge, content).
struct PrintRow {
    /// `ins`, `del` or empty.
    class: &'static str,
    /// (grid column, column span, vertical merge, content).
    cells: Vec<(usize, usize, String, String)>,
}

/// A table: rows with their marks, cells with their spans (a vertical merge becomes a rowspan
/// over the printed rows).
fn table(x: &mut String, _t: &Tbl, rows: &[RowOut<'_>]) {
    let cell_content = |c: &TableCell, mark: Option<&str>| -> String {
        let mut s = String::new();
        for (i, p) in c.paras.iter().enumerate() {
            if i > 0 {
                s.push_str("<br>");
            }
            let out = match mark {
                Some("ins") => ParaOut::Inserted(p),
                Some(_) => ParaOut::Deleted(p),
                None => ParaOut::Same(p),
            };
            content(&mut s, &out);
        }
        s
    };
    let grid = |r: &TableRow, f: &dyn Fn(usize, &TableCell) -> String| {
        let mut col = 0;
        r.cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let at = col;
                col += c.span.max(1);
                (at, c.span.max(1), c.vmerge.clone(), f(i, c))
            })
            .collect::<Vec<_>>()
    };
    let printed: Vec<PrintRow> = rows
        .iter()
        .map(|r| match r {
            RowOut::Inserted(r) => PrintRow {
                class: "ins",
                cells: grid(r, &|_, c| cell_content(c, Some("ins"))),
            },
            RowOut::Deleted(r) => PrintRow {
                class: "del",
                cells: grid(r, &|_, c| cell_content(c, Some("del"))),
            },
            RowOut::Kept(r, cells) => PrintRow {
                class: "",
                cells: grid(r, &|i, _| {
                    let mut s = String::new();
                    if let Some(CellOut { paras, .. }) = cells.get(i) {
                        for (k, p) in paras.iter().enumerate() {
                            if k > 0 {
                                s.push_str("<br>");
                            }
                            content(&mut s, p);
                        }
                    }
                    s
                }),
            },
        })
        .collect();
    x.push_str("<table>\n");
    for (ri, row) in printed.iter().enumerate() {
        if row.class.is_empty() {
            x.push_str("<tr>");
        } else {
            let _ = write!(x, "<tr class=\"{}\">", row.class);
        }
        for (col, span, vmerge, inner) in &row.cells {
            if vmerge == "continue" {
                continue;
            }
            let mut attrs = String::new();
            if *span > 1 {
                let _ = write!(attrs, " colspan=\"{span}\"");
            }
            if vmerge == "restart" {
                let down = printed[ri + 1..]
                    .iter()
                    .take_while(|r| {
                        r.cells
                            .iter()
                            .any(|(c, _, v, _)| c == col && v == "continue")
                    })
                    .count();
                if down > 0 {
                    let _ = write!(attrs, " rowspan=\"{}\"", down + 1);
                }
            }
            let _ = write!(x, "<td{attrs}>{inner}</td>");
        }
        x.push_str("</tr>\n");
    }
    x.push_str("</table>\n");
}
