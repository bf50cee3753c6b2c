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
    let cut = t
        .rfind(['(', '（'])
        .filter(|_| header_unit(t).is_some())
        .unwrap_or(t.len());
    t[..cut].replace(['\n', ' ', '　'], "")
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
    let header_rows = t.header_rows.max(1).min(g.len());
    // Column labels: the header cells above each column (a merged header counts for all its
    // columns); row labels: the first cell of the row.
    let column_label = |c: usize| -> String {
        (0..header_rows)
            .rev()
            .filter_map(|r| {
                let mut k = c;
                while k > 0 && matches!(g[r].get(k), Some(GridSlot::Left)) {
                    k -= 1;
                }
                let mut rr = r;
                while rr > 0 && matches!(g[rr].get(k), Some(GridSlot::Up)) {
                    rr -= 1;
                }
                let s = text_at(rr, k);
                (!s.trim().is_empty()).then_some(s)
            })
            .next()
            .unwrap_or_default()
    };
    let mut figures_at: Vec<Vec<Option<usize>>> = vec![vec![None; width]; g.len()];
    let mut lines = Vec::with_capacity(g.len() + 1);
    for (r, row) in g.iter().enumerate() {
        let row_label = text_at(r, 0);
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, slot)| match slot {
                GridSlot::Cell(text) => {
                    if r >= header_rows && c > 0 {
                        let column = column_label(c);
                        let unit = header_unit(&column)
                            .or_else(|| header_unit(&row_label))
                            .unwrap_or_else(|| "个".to_string());
                        let name = format!("{}{}", label_of(&row_label), label_of(&column));
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
