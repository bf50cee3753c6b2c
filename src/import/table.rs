//! Tables of an imported report: Markdown tables in the template (merged cells written `<<` and
//! `^^`), each cell holding a lone number bound as a figure named after its row and column
//! (人数 of 特困 → 特困人数, unit from a header like `人数(人)`), and a 合计/总计 row proposed as
//! the `sum` of the rows above it.

use super::blocks::{GridSlot, SourceTable, grid};
use super::emit::segments;
use super::figures::{Binder, Segment};
use super::relations::{decide, declaration};

/// The unit a header names in brackets at its end: `人数(人)` → 人, `金额（万元）` → 万元.
fn header_unit(header: &str) -> Option<String> {
    let h = header.trim();
    let inner = h
        .strip_suffix(')')
        .or_else(|| h.strip_suffix('）'))
        .and_then(|s| s.rsplit_once(['(', '（']).map(|(_, u)| u))?;
    let u = inner
        .trim_start_matches("单位")
        .trim_start_matches([':', '：'])
        .trim();
    (!u.is_empty() && u.chars().count() <= 4 && !u.chars().any(|c| c.is_ascii_digit()))
        .then(|| u.to_string())
}

fn label_of(text: &str) -> String {
    let t = text.trim();
    // A list number in a label (1.属于国家秘密, (一)予以公开, 一、本年新收…) is not part of it.
    let t = super::markers::heading_mark(t).map_or(t, |m| &t[m.len..]);
    let cut = t
        .rfind(['(', '（'])
        .filter(|_| header_unit(t).is_some())
        .unwrap_or(t.len());
    t[..cut].replace(['\n', ' ', '　'], "")
}

/// A cell holding only a number or a placeholder.
fn is_number(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && (t.chars().all(|c| c.is_ascii_digit() || c == '.')
            || t.chars().all(|c| matches!(c, 'X' | 'x' | 'Ｘ'))
            || t == "**")
}

fn is_total(label: &str) -> bool {
    matches!(label, "合计" | "总计" | "小计" | "合 计" | "总 计")
}

/// Writes `t` as a Markdown table into `out`; returns the relations its 合计 rows state.
pub fn write(
    t: &SourceTable,
    binder: &mut Binder,
    subject: Option<&str>,
    out: &mut String,
    line_of_table: u32,
    bind_text: &mut dyn FnMut(&mut Binder, &str) -> Vec<Segment>,
) -> Vec<String> {
    let g = grid(t);
    let width = g.first().map_or(0, Vec::len);
    if width == 0 {
        return Vec::new();
    }
    let text_at = |r: usize, c: usize| match g.get(r).and_then(|row| row.get(c)) {
        Some(GridSlot::Cell(s)) => s.clone(),
        _ => String::new(),
    };
    // The text of the cell covering (r, c), following merges left and up.
    let owner_text = |r: usize, c: usize| -> String {
        let (mut rr, mut k) = (r, c);
        loop {
            match g.get(rr).and_then(|row| row.get(k)) {
                Some(GridSlot::Left) if k > 0 => k -= 1,
                Some(GridSlot::Up) if rr > 0 => rr -= 1,
                Some(GridSlot::Cell(s)) => return s.clone(),
                _ => return String::new(),
            }
        }
    };
    // Header rows: rows without a number (a table may repeat its headers section by section).
    let is_header: Vec<bool> = (0..g.len())
        .map(|r| (0..width).all(|c| !is_number(&text_at(r, c))))
        .collect();
    let header_rows = is_header
        .iter()
        .take_while(|h| **h)
        .count()
        .max(t.header_rows)
        .clamp(1, g.len());
    // A cell's column label: the nearest header row above with text in its column; its row
    // label: the nearest label to its left.
    let column_label = |r: usize, c: usize| -> String {
        (0..r)
            .rev()
            .filter(|&k| is_header[k])
            .map(|k| owner_text(k, c))
            .find(|s| !s.trim().is_empty())
            .unwrap_or_default()
    };
    let row_label = |r: usize, c: usize| -> String {
        (0..c)
            .rev()
            .map(|k| owner_text(r, k))
            .find(|s| !s.trim().is_empty() && !is_number(s))
            .unwrap_or_default()
    };
    let mut figures_at: Vec<Vec<Option<usize>>> = vec![vec![None; width]; g.len()];
    let mut lines = Vec::with_capacity(g.len() + 1);
    for (r, row) in g.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, slot)| match slot {
                GridSlot::Cell(text) => {
                    if !is_header[r] && c > 0 {
                        let column = column_label(r, c);
                        let row_name = row_label(r, c);
                        let unit = header_unit(&column)
                            .or_else(|| header_unit(&row_name))
                            .unwrap_or_else(|| "个".to_string());
                        let name = format!("{}{}", label_of(&row_name), label_of(&column));
                        if let Some((i, u)) =
                            binder.cell_figure(text, &name, &unit, line_of_table, subject)
                        {
                            figures_at[r][c] = Some(i);
                            return segments(&[Segment::Figure(u)], false);
                        }
                    }
                    let segs = bind_text(binder, &text.replace('\n', " "));
                    segments(&segs, false)
                }
                GridSlot::Left => "<<".to_string(),
                GridSlot::Up => "^^".to_string(),
            })
            .collect();
        lines.push(format!("| {} |", cells.join(" | ")));
        if r == 0 {
            lines.push(format!("|{}", " --- |".repeat(width)));
        }
    }
    out.push_str(&lines.join("\n"));
    out.push_str("\n\n");
    // 合计 rows: the sum of the figures above them in each column.
    let mut relations = Vec::new();
    for r in header_rows..g.len() {
        if !is_total(&label_of(&text_at(r, 0))) {
            continue;
        }
        for (c, total) in figures_at[r].iter().enumerate().skip(1) {
            let Some(total) = *total else {
                continue;
            };
            let parts: Vec<usize> = (header_rows..r)
                .filter(|&k| !is_total(&label_of(&text_at(k, 0))))
                .filter_map(|k| figures_at[k][c])
                .collect();
            let entries: Vec<_> = parts
                .iter()
                .filter_map(|&i| binder.figures.get(i))
                .collect();
            let Some(t) = binder.figures.get(total) else {
                continue;
            };
            if let Some((rule, n)) = decide(t, &entries) {
                let keys: Vec<&str> = entries[..n].iter().map(|e| e.key.as_str()).collect();
                relations.push(declaration(
                    rule,
                    &t.key,
                    &keys,
                    &format!("表格“{}”一行", label_of(&text_at(r, 0))),
                ));
            }
        }
    }
    relations
}
