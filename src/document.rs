//! The document model every backend sees, and (stage 4) its construction from composed Markdown.
//!
//! Backends ([`crate::render`]) translate this model and nothing else. Numbering (一、（一）1.（1）)
//! is already applied here; tables are resolved grids with explicit spans.

use crate::diagnostic::Location;

mod build;
mod numbering;
pub mod title;

pub use build::build;
pub use numbering::{heading_number, number_blocks, number_document};

/// A title as printed (GB/T 9704 7.3.1): its text and the lines it is set in. Backends break the
/// title exactly at these lines (Markdown prints the text on one line).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Title {
    /// The title as one line of text.
    pub text: String,
    /// The printed lines, in order; their concatenation is `text` (spaces at breaks dropped).
    pub lines: Vec<String>,
}

impl Title {
    /// A title from the template's text: explicit `\n` breaks are kept, otherwise the lines are
    /// chosen by [`title::title_lines`].
    pub fn new(text: &str) -> Title {
        let lines = title::title_lines(text);
        Title {
            text: text.split('\n').map(str::trim).collect(),
            lines,
        }
    }

    /// A title set in the given lines.
    pub fn from_lines(lines: Vec<String>) -> Title {
        Title {
            text: lines.concat(),
            lines,
        }
    }

    /// Whether there is no title at all.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// A whole document: title, body, attachment note, sign-off, attachments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// The title and its lines.
    pub title: Title,
    pub blocks: Vec<Block>,
    /// The attachment note after the body (附件：1. …), one entry per attachment title.
    pub attachment_note: Vec<String>,
    pub sign_off: Option<SignOff>,
    /// 附件1, 附件2 …: each starts on a new page.
    pub attachments: Vec<Attachment>,
}

/// 发文机关署名 and 成文日期 (GB/T 9704 7.3.5.2, without seal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOff {
    pub agency: String,
    /// Already written as `2021年1月7日`.
    pub date: String,
}

impl SignOff {
    /// Right indents of agency and date in half 字, without seal (7.3.5.2): the agency two 字
    /// from the right, the date's first character two 字 right of the agency's; a date longer
    /// than the agency stays two 字 from the right and pushes the agency left (so that the date
    /// still starts two 字 right of it).
    pub fn right_indents(&self) -> (u32, u32) {
        let (ws, wd) = (
            title::half_width(&self.agency),
            title::half_width(&self.date),
        );
        if wd <= ws {
            (4, ws - wd)
        } else {
            (wd - ws + 8, 4)
        }
    }
}

/// An attachment page: "附件N" flush left, the title centred, then its blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub number: u32,
    pub title: Title,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(Heading),
    /// A body paragraph (三号仿宋, two-character first-line indent).
    Paragraph(Vec<Inline>),
    Table(Table),
}

/// Longest text (number excluded, in characters) a numbered line may have and still be a heading;
/// beyond it a numbered item is a body paragraph with a run-in number.
pub const HEADING_MAX_CHARS: usize = 40;

/// A numbered heading, levels 1–4.
///
/// Only a heading proper ([`Heading::is_heading_sized`]: one short phrase) is set as a heading —
/// an entry of the outline, kept with what follows it. A numbered item that is a sentence or
/// more ("1.实现电子处方外配云平台，实现参保人……，减少交叉感染风险。") is set as a body paragraph
/// that starts with its number, in the level's font, outside the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 = 一、 2 = （一） 3 = 1. 4 = （1）.
    pub level: u8,
    /// The number as printed, applied by the numbering pass: `一、`, `（二）`, `3.`, `（4）`.
    pub number: String,
    pub content: Vec<Inline>,
    /// A run-in heading: the paragraph that continues on the same line
    /// ("1.对定点医疗机构的稽核和监管。根据…").
    pub run_in: Option<Vec<Inline>>,
}

impl Heading {
    /// Whether the heading text is a heading proper: at most [`HEADING_MAX_CHARS`] characters
    /// and one phrase — no sentence end (。！？；) before its last character and at most one
    /// comma (two parallel phrases such as "聚焦共富路径，兜牢民生保障底线").
    pub fn is_heading_sized(&self) -> bool {
        let text = Inline::plain(&self.content);
        let body = text.trim_end_matches(['。', '！', '？', '；', '.', '!', '?', ';', '：', ':']);
        body.chars().count() <= HEADING_MAX_CHARS
            && !body.contains(['。', '！', '？', '；', '!', '?', ';'])
            && body.matches(['，', ',']).count() <= 1
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    /// A figure as printed, with where it came from.
    Figure(FigureRef),
    Strong(Vec<Inline>),
}

/// A printed figure and its provenance (catalogue key, file:line of the value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureRef {
    /// The text as printed, unit included if the template printed it inside the marker.
    pub text: String,
    pub key: String,
    /// The value's place in the indicator file; `None` for computed figures.
    pub source: Option<Location>,
    /// The figure is still pending (`XX`).
    pub pending: bool,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// A column of a table: a relative width and the default alignment of its body cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Relative width; backends scale the sum to the text block.
    pub width: u32,
    pub align: Align,
}

/// A resolved grid: `rows[r][c]` is either a cell or covered by a cell's span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub id: String,
    /// Optional title printed above the table.
    pub title: Option<String>,
    pub columns: Vec<Column>,
    /// How many leading rows form the header (repeated on each page in DOCX).
    pub header_rows: usize,
    pub rows: Vec<Vec<Slot>>,
}

/// Width of the 156 mm text block in twips (GB/T 9704 5.2.1), against which tables are measured.
pub const TEXT_BLOCK_TWIPS: u32 = 8845;
/// Width of the text block of a landscape page: 297 − 35 − 37 = 225 mm.
pub const LANDSCAPE_BLOCK_TWIPS: u32 = 12756;
/// Left and right margin of a table cell, 1 mm.
pub const CELL_MARGIN_TWIPS: u32 = 57;

/// Half-字 width of the longest piece of `text` that cannot wrap (an ASCII run such as a figure;
/// every CJK character can break).
fn unbreakable_half(text: &str) -> u32 {
    let (mut best, mut cur) = (0, 0);
    for c in text.chars() {
        if c.is_whitespace() {
            cur = 0;
        } else if title::half_width(c.encode_utf8(&mut [0; 4])) == 2 {
            cur = 0;
            best = best.max(2);
        } else {
            cur += 1;
            best = best.max(cur);
        }
    }
    best
}

/// Tables with more columns than this print in 小四 (12 pt) instead of 四号 (14 pt).
pub const WIDE_TABLE_COLUMNS: usize = 6;

/// Merged label groups of at most this many rows are kept on one page; larger ones (表三's
/// 20-row "三、本年度办理结果") are kept together by their own inner groups only.
pub const KEEP_GROUP_ROWS: usize = 12;

impl Table {
    /// Whether the table prints in 小四 rather than 四号 (more than [`WIDE_TABLE_COLUMNS`]
    /// columns: the 10-column 表三 fits the 156 mm text block only at 小四).
    pub fn is_wide(&self) -> bool {
        self.columns.len() > WIDE_TABLE_COLUMNS
    }

    /// Whether the table goes on a landscape page (GB/T 9704 8): the narrowest readable widths
    /// of its columns at 小四 — the longest piece of a cell that cannot wrap (a figure; any CJK
    /// character can wrap), at least two 字, plus 1 mm cell margins — exceed the 156 mm text
    /// block. Widths in twips: a half 字 of 小四 is 6 pt = 120 twips.
    pub fn needs_landscape(&self) -> bool {
        self.min_widths(120).iter().sum::<u32>() > TEXT_BLOCK_TWIPS
    }

    /// The width the table is set in: the 156 mm text block, or 225 mm on a landscape page.
    pub fn block_twips(&self) -> u32 {
        if self.needs_landscape() {
            LANDSCAPE_BLOCK_TWIPS
        } else {
            TEXT_BLOCK_TWIPS
        }
    }

    /// Half a 字 of the table's cell font, in twips: 小四 (12 pt) for wide tables, else 四号.
    pub fn half_char_twips(&self) -> u32 {
        if self.is_wide() { 120 } else { 140 }
    }

    /// Column widths in twips summing to `total`: the weights scaled, then columns narrower than
    /// their minimum — the longest piece of a cell that cannot wrap, at least two 字, plus the
    /// 1 mm cell margins — widened at the expense of the columns with room to spare. Two 字
    /// columns hold four-character heads as two balanced lines (结果 / 维持).
    pub fn column_widths(&self, total: u32) -> Vec<u32> {
        let n = self.columns.len();
        if n == 0 {
            return Vec::new();
        }
        let weights: Vec<u64> = self.columns.iter().map(|c| u64::from(c.width)).collect();
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
        let mins = self.min_widths(self.half_char_twips());
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

    /// The narrowest readable width (twips) of each column for a font whose half 字 is
    /// `half_char` twips.
    fn min_widths(&self, half_char: u32) -> Vec<u32> {
        let mut half = vec![4u32; self.columns.len()];
        for row in &self.rows {
            for (c, slot) in row.iter().enumerate() {
                if let (Slot::Cell(cell), Some(h)) = (slot, half.get_mut(c))
                    && cell.col_span <= 1
                {
                    *h = (*h).max(unbreakable_half(&Inline::plain(&cell.content)));
                }
            }
        }
        // Capped so that absurd input cannot overflow the sums (one page is ~1200 half 字 wide).
        half.into_iter()
            .map(|h| h.min(2000) * half_char + 2 * CELL_MARGIN_TWIPS)
            .collect()
    }

    /// How many half 字 of text fit on one line of a cell spanning `span` columns from
    /// `column`, the columns being `widths` twips wide.
    pub fn line_capacity(&self, widths: &[u32], column: usize, span: usize) -> u32 {
        let w: u32 = widths.iter().skip(column).take(span.max(1)).sum();
        w.saturating_sub(2 * CELL_MARGIN_TWIPS) / self.half_char_twips()
    }

    /// The body rows in page-keeping groups, in order, covering every body row once: the rows
    /// under one merged label cell (rowspan ≤ [`KEEP_GROUP_ROWS`], the innermost such cell),
    /// overlapping groups joined; a row under no such cell is a group of its own.
    pub fn row_groups(&self) -> Vec<std::ops::Range<usize>> {
        let n = self.rows.len();
        let start = self.header_rows.min(n);
        // For each row, the narrowest keepable span covering it.
        let mut span_of: Vec<std::ops::Range<usize>> = (0..n).map(|r| r..r + 1).collect();
        for (r, row) in self.rows.iter().enumerate().skip(start) {
            for slot in row {
                if let Slot::Cell(c) = slot
                    && c.row_span > 1
                    && c.row_span <= KEEP_GROUP_ROWS
                {
                    let end = (r + c.row_span).min(n);
                    for covered in span_of.iter_mut().take(end).skip(r) {
                        let current = covered.end - covered.start;
                        if current == 1 || end - r < current {
                            *covered = r..end;
                        }
                    }
                }
            }
        }
        let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
        for range in span_of.into_iter().skip(start) {
            match groups.last_mut() {
                Some(last) if range.start < last.end => last.end = last.end.max(range.end),
                _ => groups.push(range),
            }
        }
        groups
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    Cell(Cell),
    /// Covered by the span of the cell at (row, column).
    Covered {
        row: usize,
        column: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub content: Vec<Inline>,
    pub row_span: usize,
    pub col_span: usize,
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
    id: String,
    title: Option<String>,
    columns: Vec<Column>,
    header_rows: usize,
    rows: Vec<Vec<Option<Slot>>>,
}

impl TableBuilder {
    pub fn new(id: impl Into<String>, columns: Vec<Column>, header_rows: usize) -> Self {
        TableBuilder {
            id: id.into(),
            title: None,
            columns,
            header_rows,
            rows: Vec::new(),
        }
    }

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

    pub fn span(mut self, rows: usize, columns: usize) -> Cell {
        self.row_span = rows;
        self.col_span = columns;
        self
    }

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
