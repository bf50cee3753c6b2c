//! The document model every backend sees, and (stage 4) its construction from composed Markdown.
//!
//! Backends ([`crate::render`]) translate this model and nothing else. Numbering (一、（一）1.（1）)
//! is already applied here; tables are resolved grids with explicit spans.
//!
//! - The model: [`Document`] → [`Block`]s (headings, paragraphs, tables) → [`Inline`]s (text,
//!   figures with their provenance, bold). A future reader of DOCX files (import, update) fills
//!   the same model, so that every backend and the diff work on documents from either side.
//! - The stage's input: [`Composed`] (Markdown with markers, from compose) and the tables the
//!   markers name; [`build`] turns them into a numbered document.
//! - Tables are built with [`TableBuilder`], which refuses overlapping or missing cells, so a
//!   [`Table`] in a document is always a complete grid.

use crate::diagnostic::Location;

mod build;
mod composed;
mod inline;
mod numbering;
mod spans;

pub use build::build;
pub use composed::Composed;
pub(crate) use composed::{Marker, Piece, split_markers};
pub(crate) use numbering::{number_document_in, styled_number};

/// A whole document: title, body, attachment note, sign-off, attachments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// The title; `\n` marks a line break chosen by the template (long titles).
    pub title: String,
    /// The body, in order.
    pub blocks: Vec<Block>,
    /// The attachment note after the body (附件：1. …), one entry per attachment title.
    pub attachment_note: Vec<String>,
    /// 署名 and 成文日期 after the body; `None` for documents without one.
    pub sign_off: Option<SignOff>,
    /// 附件1, 附件2 …: each starts on a new page.
    pub attachments: Vec<Attachment>,
}

/// 发文机关署名 and 成文日期 (GB/T 9704 7.3.5.2, without seal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOff {
    /// 发文机关, as printed.
    pub agency: String,
    /// Already written as `2021年1月7日`; empty when the report prints no date.
    pub date: String,
}

/// An attachment page: "附件N" flush left, the title centred, then its blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// 1, 2, 3 … in document order.
    pub number: u32,
    /// The attachment's title, also listed in the attachment note.
    pub title: String,
    /// Its content; headings are numbered within the attachment.
    pub blocks: Vec<Block>,
}

/// One block of a body or attachment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A numbered heading.
    Heading(Heading),
    /// A body paragraph (三号仿宋, two-character first-line indent).
    Paragraph(Vec<Inline>),
    /// A table as a resolved grid.
    Table(Table),
}

/// A numbered heading, levels 1–4.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 = 一、 2 = （一） 3 = 1. 4 = （1）.
    pub level: u8,
    /// The number as printed, applied by the numbering pass: `一、`, `（二）`, `3.`, `（4）`.
    pub number: String,
    /// The heading's text, without its number.
    pub content: Vec<Inline>,
    /// A run-in heading: the paragraph that continues on the same line
    /// ("1.对定点医疗机构的稽核和监管。根据…").
    pub run_in: Option<Vec<Inline>>,
}

/// A piece of text in a paragraph, heading or cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Plain text; `\n` is a line break.
    Text(String),
    /// A figure as printed, with where it came from.
    Figure(FigureRef),
    /// Bold text (`**…**` in a template).
    Strong(Vec<Inline>),
}

/// A printed figure and its provenance (catalogue key, file:line of the value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureRef {
    /// The text as printed, unit included if the template printed it inside the marker.
    pub text: String,
    /// The catalogue key (`jumin_canbao_renshu`), or `disclosure.<table>.<row>.<column>`.
    pub key: String,
    /// The value's place in the indicator file; `None` for computed figures.
    pub source: Option<Location>,
    /// The figure is still pending (`XX`).
    pub pending: bool,
    /// What printed the text, as a stable name: the template function and the arguments that
    /// shape the text (`fig(key=jumin_canbao_renshu)`, `yoy(dp=1,key=jijin_zhichu)`), or the key
    /// of a table cell. The same anchor prints the same text from the same data, so `wengao
    /// update` finds a figure's new text by it.
    pub anchor: String,
    /// What the text is called, as readers know it (`城乡居民参保人数`, `城乡居民参保人数同比`):
    /// the title of the figure's content control in DOCX.
    pub name: String,
}

impl Inline {
    /// The plain text of a run of inlines.
    pub fn plain(inlines: &[Inline]) -> String {
        let mut s = String::new();
        for i in inlines {
            match i {
                Inline::Text(t) => s.push_str(t),
                Inline::Figure(f) => s.push_str(&f.text),
                Inline::Strong(inner) => s.push_str(&Inline::plain(inner)),
            }
        }
        s
    }
}

/// Horizontal alignment of a table cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Flush left (text columns).
    #[default]
    Left,
    /// Centred (labels, headers).
    Center,
    /// Flush right (figures).
    Right,
}

/// A column of a table: a relative width and the default alignment of its body cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Relative width; backends scale the sum to the text block.
    pub width: u32,
    /// Alignment of body cells that do not set their own.
    pub align: Align,
}

/// A resolved grid: `rows[r][c]` is either a cell or covered by a cell's span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The id templates place it by (`shenqing`), or `md-table-N` for Markdown tables.
    pub id: String,
    /// Optional title printed above the table.
    pub title: Option<String>,
    /// The grid's columns; every row has exactly this many slots.
    pub columns: Vec<Column>,
    /// How many leading rows form the header (repeated on each page in DOCX).
    pub header_rows: usize,
    /// `rows[r][c]`: a cell, or a place covered by a span.
    pub rows: Vec<Vec<Slot>>,
}

/// One place of a grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// The top-left place of a cell.
    Cell(Cell),
    /// Covered by the span of the cell at (row, column).
    Covered {
        /// The covering cell's row.
        row: usize,
        /// The covering cell's column.
        column: usize,
    },
}

/// A table cell with its spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The cell's text.
    pub content: Vec<Inline>,
    /// Rows covered, at least 1.
    pub row_span: usize,
    /// Columns covered, at least 1.
    pub col_span: usize,
    /// Horizontal alignment.
    pub align: Align,
    /// A label cell (header or row label) rather than a data cell.
    pub header: bool,
}

/// A span that does not fit the grid or overlaps another cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridError(pub String);

impl std::fmt::Display for GridError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GridError {}

/// Builds a [`Table`] by placing cells at explicit positions with spans.
#[derive(Debug, Clone)]
pub struct TableBuilder {
    /// The table's id.
    id: String,
    /// The optional title.
    title: Option<String>,
    /// The grid's columns.
    columns: Vec<Column>,
    /// Leading header rows.
    header_rows: usize,
    /// Places so far; `None` until a cell covers them.
    rows: Vec<Vec<Option<Slot>>>,
}

impl TableBuilder {
    /// An empty grid of `columns`, whose first `header_rows` rows will form the header.
    pub fn new(id: impl Into<String>, columns: Vec<Column>, header_rows: usize) -> Self {
        TableBuilder {
            id: id.into(),
            title: None,
            columns,
            header_rows,
            rows: Vec::new(),
        }
    }

    /// Sets the title printed above the table.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Places `cell` with its top-left corner at (row, column), covering its span.
    pub fn place(&mut self, row: usize, column: usize, cell: Cell) -> Result<(), GridError> {
        let width = self.columns.len();
        let (rs, cs) = (cell.row_span.max(1), cell.col_span.max(1));
        if column + cs > width {
            return Err(GridError(format!(
                "表格 {} 第{}行第{}列的单元格跨{}列，超出表格的{}列",
                self.id,
                row + 1,
                column + 1,
                cs,
                width
            )));
        }
        while self.rows.len() < row + rs {
            self.rows.push(vec![None; width]);
        }
        for r in row..row + rs {
            for c in column..column + cs {
                if self.rows[r][c].is_some() {
                    return Err(GridError(format!(
                        "表格 {} 第{}行第{}列被两个单元格占用",
                        self.id,
                        r + 1,
                        c + 1
                    )));
                }
                self.rows[r][c] = Some(Slot::Covered { row, column });
            }
        }
        self.rows[row][column] = Some(Slot::Cell(Cell {
            row_span: rs,
            col_span: cs,
            ..cell
        }));
        Ok(())
    }

    /// Finishes the grid; every position must be filled.
    pub fn build(self) -> Result<Table, GridError> {
        let mut rows = Vec::with_capacity(self.rows.len());
        for (r, row) in self.rows.into_iter().enumerate() {
            let mut out = Vec::with_capacity(row.len());
            for (c, slot) in row.into_iter().enumerate() {
                out.push(slot.ok_or_else(|| {
                    GridError(format!(
                        "表格 {} 第{}行第{}列没有单元格",
                        self.id,
                        r + 1,
                        c + 1
                    ))
                })?);
            }
            rows.push(out);
        }
        Ok(Table {
            id: self.id,
            title: self.title,
            columns: self.columns,
            header_rows: self.header_rows,
            rows,
        })
    }
}

impl Cell {
    /// A label cell with plain text, centred.
    pub fn label(text: impl Into<String>) -> Cell {
        Cell {
            content: vec![Inline::Text(text.into())],
            row_span: 1,
            col_span: 1,
            align: Align::Center,
            header: true,
        }
    }

    /// A data cell, right-aligned.
    pub fn data(content: Vec<Inline>) -> Cell {
        Cell {
            content,
            row_span: 1,
            col_span: 1,
            align: Align::Right,
            header: false,
        }
    }

    /// Sets the spans (0 counts as 1 when placed).
    pub fn span(mut self, rows: usize, columns: usize) -> Cell {
        self.row_span = rows;
        self.col_span = columns;
        self
    }

    /// Sets the alignment.
    pub fn align(mut self, align: Align) -> Cell {
        self.align = align;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(n: usize) -> Vec<Column> {
        vec![
            Column {
                width: 1,
                align: Align::Right
            };
            n
        ]
    }

    #[test]
    fn spans_cover_their_slots() -> Result<(), GridError> {
        let mut b = TableBuilder::new("t", cols(3), 2);
        b.place(0, 0, Cell::label("项目").span(2, 1))?;
        b.place(0, 1, Cell::label("金额").span(1, 2))?;
        b.place(1, 1, Cell::label("本年"))?;
        b.place(1, 2, Cell::label("上年"))?;
        let t = b.build()?;
        assert_eq!(t.rows[1][0], Slot::Covered { row: 0, column: 0 });
        assert_eq!(t.rows[0][2], Slot::Covered { row: 0, column: 1 });
        Ok(())
    }

    #[test]
    fn overlap_and_gap_are_errors() {
        let mut b = TableBuilder::new("t", cols(2), 1);
        assert!(b.place(0, 0, Cell::label("a").span(1, 2)).is_ok());
        assert!(b.place(0, 1, Cell::label("b")).is_err());
        assert!(b.place(0, 1, Cell::label("c").span(1, 2)).is_err());
        let mut g = TableBuilder::new("t", cols(2), 1);
        assert!(g.place(0, 0, Cell::label("a")).is_ok());
        assert!(g.build().is_err());
    }
}
