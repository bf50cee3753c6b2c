//! Layout numbers of the GB/T 9704-2012 公文 page, in OOXML units (twips, half-points), in one place.
//!
//! The static `assets/styles.xml` repeats some of these numbers; besides them it gives body text
//! a character spacing of −0.25 pt (`<w:spacing w:val="-5"/>` in Normal): 28 × 15.75 pt =
//! 155.6 mm ≤ 156 mm, so a justified line holds 28 characters (5.2.3; at 16 pt only 27 fit).
//!
//! 1 mm = 56.693 twips; 1 pt = 20 twips; font sizes are half-points (`w:sz`).

/// A4 portrait width, 210 mm (5.1).
pub const PAGE_W: u32 = 11906;
/// A4 portrait height, 297 mm.
pub const PAGE_H: u32 = 16838;
/// 天头 37 mm (5.2.1).
pub const MARGIN_TOP: u32 = 2098;
/// 297 − 37 − 225 = 35 mm (5.2.1, derived).
pub const MARGIN_BOTTOM: u32 = 1984;
/// 订口 28 mm (5.2.1); 1587 so that the text block is exactly 156 mm = 8845 twips.
pub const MARGIN_LEFT: u32 = 1587;
/// 210 − 28 − 156 = 26 mm (5.2.1, derived).
pub const MARGIN_RIGHT: u32 = 1474;
/// 版心 width, 156 mm.
pub const TEXT_W: u32 = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT;
/// 版心 width of a landscape page: 297 − 35 − 37 = 225 mm.
pub const TEXT_W_LANDSCAPE: u32 = PAGE_H - MARGIN_BOTTOM - MARGIN_TOP;
/// Header distance (no header is written; Word needs a value).
pub const HEADER_DIST: u32 = 851;
/// Footer distance 25.5 mm: the dash of "— 1 —" (mid-height of a 14 pt line, ~2.5 mm above the
/// footer's bottom) then sits 28 mm above the paper edge, i.e. 7 mm below the 版心 (7.5).
pub const FOOTER_DIST: u32 = 1446;

/// Exact line pitch 28.95 pt: 22 lines × 579 = 12738 twips ≤ 225 mm = 12756 twips, so 22 lines
/// fill the 版心 ("一般每面排22行……并撑满版心", 5.2.3) without a 23rd line fitting.
pub const LINE: u32 = 579;

/// 二号 22 pt (7.3.1).
pub const TITLE_SZ: u32 = 44;
/// 三号 16 pt (5.2.2, 7.3.3).
pub const BODY_SZ: u32 = 32;
/// 四号 14 pt: page numbers (7.5), table cells of narrow tables.
pub const PAGE_NUM_SZ: u32 = 28;
/// 小四 12 pt: table cells of wide tables (up to the 10-column statutory table).
pub const SMALL_SZ: u32 = 24;

/// One 字 at 三号: 16 pt = 320 twips (3.1).
pub const CHAR: u32 = 320;
/// One 字 at 四号, for the page number's "空一字" (7.5).
pub const PAGE_NUM_CHAR: u32 = 280;

/// Table borders: single 0.5 pt lines (`w:sz` in eighths of a point).
pub const BORDER_SZ: u32 = 4;
/// Left and right cell margin, 1 mm: the document model's, which sizes the columns.
pub const CELL_MARGIN: u32 = crate::document::CELL_MARGIN_TWIPS;

/// 仿宋_GB2312: body, levels 3 and 4 (5.2.2, 7.3.3).
pub const FANGSONG: &str = "仿宋_GB2312";
/// 黑体: level 1, 附件 label (7.3.3, 7.3.7).
pub const HEITI: &str = "黑体";
/// 楷体_GB2312: level 2 (7.3.3).
pub const KAITI: &str = "楷体_GB2312";
/// 方正小标宋简体: title (7.3.1).
pub const XIAOBIAOSONG: &str = "方正小标宋简体";
/// 宋体: page numbers (7.5).
pub const SONGTI: &str = "宋体";

/// The font of a heading level (7.3.3): 1 黑体, 2 楷体, 3–4 仿宋.
pub fn heading_font(level: u8) -> &'static str {
    match level {
        1 => HEITI,
        2 => KAITI,
        _ => FANGSONG,
    }
}

/// Width of `text` in half 字: ASCII and other Western characters count 1; CJK characters,
/// full-width forms and the general punctuation that Chinese fonts set full-width (“ ” ‘ ’ — …)
/// count 2.
pub fn half_chars(text: &str) -> u32 {
    text.chars()
        .map(|c| match c as u32 {
            0x2010..=0x206F | 0x2E80.. => 2,
            _ => 1,
        })
        .sum()
}

/// Page orientation of a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    /// A4 upright: the body's orientation.
    Portrait,
    /// For tables too wide for the 156 mm text block (GB/T 9704 8).
    Landscape,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{LANDSCAPE_BLOCK_TWIPS, TEXT_BLOCK_TWIPS};

    #[test]
    fn the_model_measures_tables_on_these_text_blocks() {
        assert_eq!(TEXT_W, TEXT_BLOCK_TWIPS);
        assert_eq!(TEXT_W_LANDSCAPE, LANDSCAPE_BLOCK_TWIPS);
    }
}
