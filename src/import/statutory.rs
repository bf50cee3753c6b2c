//! The statutory tables of a 政府信息公开工作年度报告, found in what was read — real tables (DOCX,
//! web page) or tables flattened to one cell per line (`规章 |`, `0 |`, a lone `|` for a blank
//! cell), as text copied from a web page gives them. The text is read as a stream of cells; each
//! table of a statutory format (2019 and 2021, [`crate::disclosure::format`]) is looked for in
//! order: a row is its label followed by as many values as the row has columns (a blank cell is
//! a value, kept blank); 表四's single row of values follows its headers. The format whose rows
//! are found best is the report's. The blocks a table came from are replaced by one block that
//! the template writes as `{{ table(id=…) }}`, and the cells go to the `disclosure:` part.

use super::blocks::{SourceBlock, SourceTable};
use crate::disclosure::format::{self, Format, Layout, TableDef};

/// A cell as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Left blank in the original.
    Blank,
    /// A value as written (`0`, `增1`, `XX`).
    Value(String),
}

/// One statutory table found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The format's table id (`zhudong`).
    pub id: String,
    /// Its name in the indicator file (表二).
    pub name: String,
    /// Its title (主动公开政府信息情况).
    pub title: String,
    /// Rows read: the row's label as the file names it, and (column label, cell) in order.
    pub rows: Vec<(String, Vec<(String, Cell)>)>,
    /// Blocks it was read from (first, last).
    pub blocks: (usize, usize),
}

/// The statutory tables of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statutory {
    /// `2019` or `2021`.
    pub format: String,
    /// The tables found, in order.
    pub tables: Vec<Found>,
}

/// One cell of the stream with the block it came from.
struct Token {
    text: String,
    block: usize,
    /// From a table, a `|` line, or a short line (tables copied one cell per line, without
    /// `|`): not a paragraph of prose.
    cell: bool,
}

fn tokens(blocks: &[SourceBlock]) -> Vec<Token> {
    let mut out = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        match b {
            SourceBlock::Table(t) => {
                for row in &t.rows {
                    for c in row {
                        out.push(Token {
                            text: c.text.replace(['\n', '\r'], "").trim().to_string(),
                            block: i,
                            cell: true,
                        });
                    }
                }
            }
            SourceBlock::Paragraph(p) => {
                let t = p.text.trim();
                if !t.contains('|') {
                    let short = t.chars().count() <= 40 && !t.ends_with(['。', '；', ';']);
                    out.push(Token {
                        text: t.to_string(),
                        block: i,
                        cell: short,
                    });
                    continue;
                }
                let body = t.strip_suffix('|').unwrap_or(t).trim();
                if body.is_empty() {
                    out.push(Token {
                        text: String::new(),
                        block: i,
                        cell: true,
                    });
                } else if !body.chars().all(|c| c == '|' || c.is_whitespace()) {
                    for part in body.split('|') {
                        out.push(Token {
                            text: part.trim().to_string(),
                            block: i,
                            cell: true,
                        });
                    }
                }
            }
        }
    }
    out
}

/// A cell's value, if it is one: a count or amount, 增N/减N, a placeholder, or blank (dashes
/// and slashes count as blank).
fn value(text: &str) -> Option<Cell> {
    let t = text.trim();
    if t.is_empty() || matches!(t, "-" | "—" | "－" | "/" | "／" | "——") {
        return Some(Cell::Blank);
    }
    let number = |s: &str| {
        !s.is_empty()
            && s.chars().all(|c| c.is_ascii_digit() || c == '.')
            && s.starts_with(|c: char| c.is_ascii_digit())
    };
    let placeholder = t.chars().all(|c| matches!(c, 'X' | 'x' | 'Ｘ')) || t == "**";
    let change = ["增", "减", "+", "-", "＋", "－"]
        .iter()
        .any(|p| t.strip_prefix(p).is_some_and(number));
    (number(t) || placeholder || change).then(|| Cell::Value(t.to_string()))
}

/// Names compared without spaces, full-width brackets, colons, commas and quotes.
fn same(a: &str, b: &str) -> bool {
    let n = |s: &str| format::normalise(&s.replace(['，', '、'], ","));
    n(a) == n(b)
}

/// Where the row labelled like `row` stands from `from` on (within a window).
fn find_label(tokens: &[Token], from: usize, names: &[String]) -> Option<usize> {
    (from..tokens.len().min(from + 80)).find(|&i| names.iter().any(|n| same(&tokens[i].text, n)))
}

/// Reads `table` from the stream at `from`: the rows found and where it ended.
fn read_table(t: &TableDef, tokens: &[Token], from: usize) -> Option<(Found, usize)> {
    let mut rows = Vec::new();
    let mut pos = from;
    let mut first: Option<usize> = None;
    let mut last = from;
    if t.layout == Layout::Groups {
        let head = t.header.first().map(|h| h.text.clone())?;
        let start = find_label(tokens, from, &[head])?;
        let columns = t.columns();
        let wanted = t.rows.len() * columns.len();
        let mut values = Vec::new();
        let mut i = start;
        while i < tokens.len() && values.len() < wanted {
            if let Some(v) = value(&tokens[i].text).filter(|_| tokens[i].cell) {
                values.push(v);
            } else if !values.is_empty() {
                return None;
            }
            i += 1;
        }
        if values.len() < wanted {
            return None;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let cells = columns
                .iter()
                .enumerate()
                .map(|(c, col)| (col.label.clone(), values[r * columns.len() + c].clone()))
                .collect();
            rows.push((row.short_label().to_string(), cells));
        }
        let found = Found {
            id: t.id.clone(),
            name: t.name(),
            title: t.title.clone(),
            rows,
            blocks: (tokens[start].block, tokens[i - 1].block),
        };
        return Some((found, i));
    }
    for row in &t.rows {
        let mut names = vec![row.short_label().to_string(), row.path.concat()];
        names.extend(row.aliases.iter().cloned());
        let Some(at) = find_label(tokens, pos, &names) else {
            continue;
        };
        let cells: Option<Vec<(String, Cell)>> = row
            .columns
            .iter()
            .enumerate()
            .map(|(k, col)| {
                let tok = tokens.get(at + 1 + k).filter(|t| t.cell)?;
                Some((col.label.clone(), value(&tok.text)?))
            })
            .collect();
        let Some(cells) = cells else {
            continue;
        };
        first.get_or_insert(at);
        pos = at + 1 + row.columns.len();
        last = pos - 1;
        rows.push((row.short_label().to_string(), cells));
    }
    let first = first?;
    if rows.len() * 2 < t.rows.len() {
        return None;
    }
    // The table's blocks start where its cells start (a section title or header before the
    // first row label belongs to it).
    let previous_block = from.checked_sub(1).map(|i| tokens[i].block);
    let mut heads: Vec<&str> = t.header.iter().map(|h| h.text.as_str()).collect();
    heads.extend(t.sections.iter().map(|s| s.title.as_str()));
    heads.extend(t.head.as_deref());
    let start = (from..=first)
        .find(|&i| {
            tokens[i].cell
                && previous_block.is_none_or(|b| tokens[i].block > b)
                && heads.iter().any(|h| same(&tokens[i].text, h))
        })
        .unwrap_or(first);
    let found = Found {
        id: t.id.clone(),
        name: t.name(),
        title: t.title.clone(),
        rows,
        blocks: (tokens[start].block, tokens[last].block),
    };
    Some((found, last + 1))
}

/// Every table of `f` found in order in the stream.
fn read_format(f: &Format, tokens: &[Token]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut pos = 0;
    for t in &f.tables {
        if let Some((found, next)) = read_table(t, tokens, pos) {
            pos = next;
            out.push(found);
        }
    }
    out
}

/// The statutory tables of `blocks` (a report of `year`), in the format that fits them best.
pub fn find(blocks: &[SourceBlock], year: i32) -> Option<Statutory> {
    let formats = format::formats().ok()?;
    let tokens = tokens(blocks);
    let mut best: Option<(usize, &Format, Vec<Found>)> = None;
    for f in [&formats.y2019, &formats.y2021] {
        let found = read_format(f, &tokens);
        let rows: usize = found.iter().map(|t| t.rows.len()).sum();
        let fits_year = year >= f.first_year && f.last_year.is_none_or(|l| year <= l);
        let better = match &best {
            None => rows > 0,
            Some((r, b, _)) => {
                rows > *r
                    || (rows == *r
                        && fits_year
                        && !(year >= b.first_year && b.last_year.is_none_or(|l| year <= l)))
            }
        };
        if better {
            best = Some((rows, f, found));
        }
    }
    let (_, f, tables) = best?;
    Some(Statutory {
        format: f.key.clone(),
        tables,
    })
}

/// `blocks` with each table's blocks replaced by one block naming it (two tables read from one
/// block are placed one after the other).
pub fn replace(blocks: &[SourceBlock], s: &Statutory) -> Vec<SourceBlock> {
    let mut placed: Vec<Vec<&str>> = vec![Vec::new(); blocks.len()];
    let mut consumed = vec![false; blocks.len()];
    let mut next_free = 0;
    let mut last_at = 0;
    for t in &s.tables {
        let (from, to) = (t.blocks.0.max(next_free), t.blocks.1.min(blocks.len() - 1));
        let at = if from <= to { from } else { last_at };
        if let Some(p) = placed.get_mut(at) {
            p.push(&t.id);
        }
        for c in consumed.iter_mut().take(to + 1).skip(from) {
            *c = true;
        }
        next_free = next_free.max(to + 1);
        last_at = at;
    }
    let mut out = Vec::with_capacity(blocks.len());
    for (i, b) in blocks.iter().enumerate() {
        for id in &placed[i] {
            out.push(SourceBlock::Table(SourceTable {
                statutory: Some((*id).to_string()),
                line: b.line(),
                ..SourceTable::default()
            }));
        }
        if !consumed[i] {
            out.push(b.clone());
        }
    }
    out
}

/// The `disclosure:` part of the indicator file.
pub fn yaml(s: &Statutory) -> String {
    let blank = s
        .tables
        .iter()
        .flat_map(|t| &t.rows)
        .flat_map(|(_, cells)| cells)
        .any(|(_, c)| *c == Cell::Blank);
    let mut y = format!(
        "disclosure:   # 政府信息公开年报的法定表格，照原表\n  format: {}   # 由表格的栏目推断，请核对\n",
        s.format
    );
    if blank {
        y.push_str("  blank: blank   # 原表空白的格照样留空\n");
    }
    for t in &s.tables {
        y.push_str(&format!("  {}:   # {}\n", t.name, t.title));
        for (row, cells) in &t.rows {
            let cells: Vec<String> = cells
                .iter()
                .map(|(c, v)| match v {
                    Cell::Blank => format!("{}: ", super::emit::yaml_string(c)),
                    Cell::Value(v) => format!("{}: {v}", super::emit::yaml_string(c)),
                })
                .collect();
            y.push_str(&format!(
                "    {}: {{{}}}\n",
                super::emit::yaml_string(row),
                cells.join(", ")
            ));
        }
    }
    y
}

#[cfg(test)]
#[path = "statutory_tests.rs"]
mod tests;
