//! What every reader (DOCX, HTML, Markdown, plain text) hands the importer: the document's text as
//! displayed, one block per paragraph or table, with optional style hints.

/// Style hints a reader may know about a paragraph (DOCX and HTML do; plain text does not).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hints {
    /// Outline level 1–9 from the paragraph's style (`标题 1` → 1), or an HTML `<h1>`–`<h6>`.
    pub outline_level: Option<u8>,
    /// Every run of the paragraph is bold.
    pub bold: bool,
    /// The paragraph is centred.
    pub centred: bool,
    /// The automatic number Word displays before the paragraph (`一、`, `（二）`), already
    /// prefixed to the text; kept here so the importer knows it was not typed.
    pub numbering: Option<String>,
}

/// One paragraph as displayed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paragraph {
    /// The text as displayed.
    pub text: String,
    /// What the source says about its style.
    pub hints: Hints,
    /// Where it was read: line number for text inputs, paragraph number for DOCX and HTML.
    pub line: u32,
}

/// One table cell: its text (paragraphs joined by line breaks) and spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceCell {
    /// The text as displayed.
    pub text: String,
    /// Rows the cell spans (1 or more).
    pub row_span: usize,
    /// Columns the cell spans (1 or more).
    pub col_span: usize,
}

/// Whether `c` is a control character no report shows and YAML may not hold (C0 other than
/// tab and line ends, DEL, C1): pasted from old systems or PDF extraction, dropped on reading.
fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Drops stray control characters from every paragraph and cell of `blocks`; a paragraph left
/// empty is dropped with them.
pub fn drop_control_characters(blocks: &mut Vec<SourceBlock>) {
    let clean = |text: &mut String| {
        if text.chars().any(is_stray_control) {
            text.retain(|c| !is_stray_control(c));
        }
    };
    for block in blocks.iter_mut() {
        match block {
            SourceBlock::Paragraph(p) => clean(&mut p.text),
            SourceBlock::Table(t) => t
                .rows
                .iter_mut()
                .flatten()
                .for_each(|cell| clean(&mut cell.text)),
        }
    }
    blocks.retain(|b| !matches!(b, SourceBlock::Paragraph(p) if p.text.trim().is_empty()));
}

/// A table as displayed: rows of cells (cells covered by a span are left out).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceTable {
    /// The rows, each with the cells that start in it.
    pub rows: Vec<Vec<SourceCell>>,
    /// Leading header rows, when the source says so (`<thead>`, Markdown's delimiter row,
    /// Word's repeated header rows).
    pub header_rows: usize,
    /// Where the table starts (line or paragraph number).
    pub line: u32,
    /// A statutory table of a disclosure report, by its format id (`zhudong`): its cells went
    /// to the `disclosure:` part and the template places it with `table(id=…)`.
    pub statutory: Option<String>,
}

/// A block of the source document, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceBlock {
    /// A paragraph.
    Paragraph(Paragraph),
    /// A table.
    Table(SourceTable),
}

impl SourceBlock {
    /// The line or paragraph number the block was read at.
    pub fn line(&self) -> u32 {
        match self {
            SourceBlock::Paragraph(p) => p.line,
            SourceBlock::Table(t) => t.line,
        }
    }
}

/// One position of a table's grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GridSlot {
    /// A cell's top-left position, with its text.
    Cell(String),
    /// Covered by the cell to the left (a column span).
    Left,
    /// Covered by the cell above (a row span).
    Up,
}

/// Lays a table's cells out on a full grid (rows padded to the widest row).
pub fn grid(t: &SourceTable) -> Vec<Vec<GridSlot>> {
    let mut out: Vec<Vec<Option<GridSlot>>> = Vec::new();
    for (r, row) in t.rows.iter().enumerate() {
        while out.len() <= r {
            out.push(Vec::new());
        }
        let mut c = 0;
        for cell in row {
            while out[r].get(c).is_some_and(Option::is_some) {
                c += 1;
            }
            let (rs, cs) = (cell.row_span.clamp(1, 1000), cell.col_span.clamp(1, 1000));
            for rr in r..r + rs {
                while out.len() <= rr {
                    out.push(Vec::new());
                }
                for cc in c..c + cs {
                    if out[rr].len() <= cc {
                        out[rr].resize(cc + 1, None);
                    }
                    out[rr][cc] = Some(if rr == r && cc == c {
                        GridSlot::Cell(cell.text.clone())
                    } else if rr == r {
                        GridSlot::Left
                    } else {
                        GridSlot::Up
                    });
                }
            }
            c += cs;
        }
    }
    let width = out.iter().map(Vec::len).max().unwrap_or(0);
    out.into_iter()
        .map(|row| {
            let mut row: Vec<GridSlot> = row
                .into_iter()
                .map(|s| s.unwrap_or_else(|| GridSlot::Cell(String::new())))
                .collect();
            row.resize(width, GridSlot::Cell(String::new()));
            row
        })
        .collect()
}

/// Whitespace a paragraph may start or end with in real files: ASCII, the ideographic space
/// (U+3000, used for 首行缩进), no-break and zero-width spaces.
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{3000}' | '\u{a0}' | '\u{200b}' | '\u{feff}')
}

/// Trims [`is_blank`] characters at both ends.
pub fn trim_blank(s: &str) -> &str {
    s.trim_matches(is_blank)
}

/// Plain text (`.txt`): every non-empty line is a paragraph.
pub fn from_text(text: &str) -> Vec<SourceBlock> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let t = trim_blank(line);
            (!t.is_empty()).then(|| {
                SourceBlock::Paragraph(Paragraph {
                    text: t.to_string(),
                    hints: Hints::default(),
                    line: u32::try_from(i + 1).unwrap_or(u32::MAX),
                })
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_lines_become_paragraphs_with_their_line_numbers() {
        let blocks = from_text("　　标题\n\n  一、总结\r\n\u{3000}正文。\n");
        let texts: Vec<(String, u32)> = blocks
            .iter()
            .map(|b| match b {
                SourceBlock::Paragraph(p) => (p.text.clone(), p.line),
                SourceBlock::Table(t) => (String::new(), t.line),
            })
            .collect();
        assert_eq!(
            texts,
            [
                ("标题".to_string(), 1),
                ("一、总结".to_string(), 3),
                ("正文。".to_string(), 4)
            ]
        );
    }
}
