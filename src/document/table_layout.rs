//! Table layout the backends share: which tables are wide (小四) or need a landscape page,
//! column widths on the text block, how much text a cell line holds, and the row groups kept on
//! one page (merged labels). All widths are twips; DOCX writes them, HTML turns them into
//! percentages, so both print the same grid.

use super::title::half_width;
use super::{Inline, Slot, Table};

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
        } else if half_width(c.encode_utf8(&mut [0; 4])) == 2 {
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

    /// For each row, whether it prints on the page of the next row: the header rows (kept with
    /// the first body row), all but the last row of each merged label group
    /// ([`Table::row_groups`]), and a body row of labels only (表二's "第二十条第（五）项" and
    /// "信息内容 | 本年处理决定数量" head the rows after them). The last row keeps with nothing.
    pub fn keeps_with_next(&self) -> Vec<bool> {
        let n = self.rows.len();
        let mut keep = vec![false; n];
        for k in keep.iter_mut().take(self.header_rows) {
            *k = true;
        }
        for g in self.row_groups() {
            for k in keep.iter_mut().take(g.end.saturating_sub(1)).skip(g.start) {
                *k = true;
            }
        }
        for (r, row) in self.rows.iter().enumerate().skip(self.header_rows) {
            let labels_only = row.iter().all(|slot| match slot {
                Slot::Cell(c) => c.header,
                Slot::Covered { .. } => true,
            });
            if labels_only {
                keep[r] = true;
            }
        }
        if let Some(last) = keep.last_mut() {
            *last = false;
        }
        keep
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
