//! The redline as `document.xml`: the new document's markup where nothing changed, and tracked
//! changes where something did.
//!
//! - A changed paragraph keeps the new paragraph's properties and anchor; its equal text is in
//!   ordinary runs, deleted text in `w:del` (`w:delText`), new text in `w:ins`, each run with the
//!   run properties of the side it comes from.
//! - An inserted paragraph has its runs in `w:ins` and its paragraph mark marked inserted
//!   (`w:pPr/w:rPr/w:ins`); a deleted one (the old paragraph, without its anchor or section
//!   break) has its runs in `w:del` and its mark deleted, so Accept All removes it whole.
//! - Table rows: inserted and deleted rows are marked in `w:trPr`, with their paragraphs marked
//!   the same way; kept rows have their cells' paragraphs diffed.
//!
//! Every revision carries the author and date and an id above every `w:id` of the new document.

use super::align::{CellOut, Op, Out, ParaOut, Piece, RowOut};
use super::body::{Body, Para, Run, TableRow, Tbl};
use quick_xml::escape::escape;

/// Who and when, and the next revision id.
pub struct Marks {
    /// `w:author`.
    pub author: String,
    /// `w:date`.
    pub date: String,
    /// The next `w:id`.
    pub next_id: u64,
    /// How many revisions were written.
    pub count: usize,
}

impl Marks {
    /// `w:id="…" w:author="…" w:date="…"` of a new revision.
    fn attrs(&mut self) -> String {
        let id = self.next_id;
        self.next_id = self.next_id.saturating_add(1);
        self.count += 1;
        format!(
            "w:id=\"{id}\" w:author=\"{}\" w:date=\"{}\"",
            escape(self.author.as_str()),
            escape(self.date.as_str())
        )
    }

    /// `<w:ins …>` or `<w:del …>`.
    fn open(&mut self, kind: &str) -> String {
        format!("<w:{kind} {}>", self.attrs())
    }

    /// `<w:ins …/>` or `<w:del …/>` (a paragraph mark or row).
    fn mark(&mut self, kind: &str) -> String {
        format!("<w:{kind} {}/>", self.attrs())
    }
}

/// The redline `document.xml`: the new document's head and tail around the aligned body.
pub fn document(new: &Body, outs: &[Out<'_>], marks: &mut Marks) -> String {
    let mut x = String::with_capacity(new.head.len() + new.tail.len() + 64 * 1024);
    x.push_str(&new.head);
    for o in outs {
        match o {
            Out::Para(p) => paragraph(&mut x, p, marks),
            Out::Table(t, rows) => {
                x.push_str("<w:tbl>");
                x.push_str(&t.head);
                for r in rows {
                    row(&mut x, r, marks);
                }
                x.push_str("</w:tbl>");
            }
            Out::InsertedTable(t) => whole_table(&mut x, t, "ins", marks),
            Out::DeletedTable(t) => whole_table(&mut x, t, "del", marks),
            Out::Separator => x.push_str("<w:p/>"),
        }
    }
    x.push_str(&new.tail);
    x
}

/// One run: its properties, its text (`w:t`, or `w:delText` when deleted), line breaks and tabs.
fn run(x: &mut String, r: &Run, text: &str, deleted: bool) {
    if text.is_empty() {
        return;
    }
    let t = if deleted { "w:delText" } else { "w:t" };
    x.push_str("<w:r>");
    x.push_str(&r.rpr);
    let mut piece = String::new();
    let flush = |x: &mut String, piece: &mut String| {
        if !piece.is_empty() {
            x.push_str(&format!(
                "<{t} xml:space=\"preserve\">{}</{t}>",
                escape(piece.as_str())
            ));
            piece.clear();
        }
    };
    for c in text.chars() {
        match c {
            '\n' => {
                flush(x, &mut piece);
                x.push_str("<w:br/>");
            }
            '\t' => {
                flush(x, &mut piece);
                x.push_str("<w:tab/>");
            }
            _ => piece.push(c),
        }
    }
    flush(x, &mut piece);
    x.push_str("</w:r>");
}

/// Paragraph properties with the paragraph mark marked `kind`; the old paragraph's section
/// break is dropped from a deleted one (the new document's sections stand).
fn marked_ppr(ppr: &str, kind: &str, marks: &mut Marks) -> String {
    let mut ppr = ppr.to_string();
    if kind == "del"
        && let (Some(a), Some(b)) = (ppr.find("<w:sectPr"), ppr.find("</w:sectPr>"))
    {
        ppr.replace_range(a..b + "</w:sectPr>".len(), "");
    }
    let mark = marks.mark(kind);
    if ppr.is_empty() {
        return format!("<w:pPr><w:rPr>{mark}</w:rPr></w:pPr>");
    }
    if let Some(i) = ppr.find("<w:rPr>") {
        ppr.insert_str(i + "<w:rPr>".len(), &mark);
    } else {
        let at = ppr
            .find("<w:sectPr")
            .or_else(|| ppr.rfind("</w:pPr>"))
            .unwrap_or(ppr.len());
        ppr.insert_str(at, &format!("<w:rPr>{mark}</w:rPr>"));
    }
    ppr
}

/// A whole paragraph inserted or deleted.
fn whole(x: &mut String, p: &Para, kind: &str, marks: &mut Marks) {
    x.push_str("<w:p>");
    x.push_str(&marked_ppr(&p.ppr, kind, marks));
    if kind == "ins" {
        x.push_str(&p.prefix);
    }
    if !p.text().is_empty() {
        x.push_str(&marks.open(kind));
        for r in &p.runs {
            run(x, r, &r.text, kind == "del");
        }
        x.push_str(&format!("</w:{kind}>"));
    }
    x.push_str("</w:p>");
}

/// A paragraph of the redline.
fn paragraph(x: &mut String, p: &ParaOut<'_>, marks: &mut Marks) {
    match p {
        ParaOut::Same(p) => x.push_str(&p.xml),
        ParaOut::Inserted(p) => whole(x, p, "ins", marks),
        ParaOut::Deleted(p) => whole(x, p, "del", marks),
        ParaOut::Changed(p, pieces) => {
            x.push_str("<w:p>");
            x.push_str(&p.ppr);
            x.push_str(&p.prefix);
            pieces_xml(x, pieces, marks);
            x.push_str("</w:p>");
        }
    }
}

/// The pieces of a changed paragraph: consecutive deleted pieces in one `w:del`, consecutive
/// inserted ones in one `w:ins`.
fn pieces_xml(x: &mut String, pieces: &[Piece<'_>], marks: &mut Marks) {
    let mut i = 0;
    while i < pieces.len() {
        let op = pieces[i].op;
        let end = (i..pieces.len())
            .find(|&k| pieces[k].op != op)
            .unwrap_or(pieces.len());
        let kind = match op {
            Op::Equal => None,
            Op::Insert => Some("ins"),
            Op::Delete => Some("del"),
        };
        if let Some(k) = kind {
            x.push_str(&marks.open(k));
        }
        for p in &pieces[i..end] {
            run(x, p.run, &p.text, op == Op::Delete);
        }
        if let Some(k) = kind {
            x.push_str(&format!("</w:{k}>"));
        }
        i = end;
    }
}

/// Row properties with the row marked `kind` (`w:ins`/`w:del` come last in `w:trPr`).
fn marked_trpr(trpr: &str, kind: &str, marks: &mut Marks) -> String {
    let mark = marks.mark(kind);
    match trpr.rfind("</w:trPr>") {
        Some(i) => format!("{}{mark}{}", &trpr[..i], &trpr[i..]),
        None => format!("<w:trPr>{mark}</w:trPr>"),
    }
}

/// A whole row inserted or deleted: its mark, and every paragraph of its cells.
fn whole_row(x: &mut String, r: &TableRow, kind: &str, marks: &mut Marks) {
    x.push_str("<w:tr>");
    x.push_str(&marked_trpr(&r.trpr, kind, marks));
    for c in &r.cells {
        x.push_str("<w:tc>");
        x.push_str(&c.tcpr);
        for p in &c.paras {
            whole(x, p, kind, marks);
        }
        x.push_str("</w:tc>");
    }
    x.push_str("</w:tr>");
}

/// A row of a table in both versions.
fn row(x: &mut String, r: &RowOut<'_>, marks: &mut Marks) {
    match r {
        RowOut::Inserted(r) => whole_row(x, r, "ins", marks),
        RowOut::Deleted(r) => whole_row(x, r, "del", marks),
        RowOut::Kept(r, cells) => {
            x.push_str("<w:tr>");
            x.push_str(&r.trpr);
            for CellOut { cell, paras } in cells {
                x.push_str("<w:tc>");
                x.push_str(&cell.tcpr);
                for p in paras {
                    paragraph(x, p, marks);
                }
                x.push_str("</w:tc>");
            }
            x.push_str("</w:tr>");
        }
    }
}

/// A whole table inserted or deleted, row by row.
fn whole_table(x: &mut String, t: &Tbl, kind: &str, marks: &mut Marks) {
    x.push_str("<w:tbl>");
    x.push_str(&t.head);
    for r in &t.rows {
        whole_row(x, r, kind, marks);
    }
    x.push_str("</w:tbl>");
}
