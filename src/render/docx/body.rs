//! `word/document.xml`: title, numbered headings, paragraphs, attachment note, sign-off,
//! attachment pages and section properties, every element in schema order.
//!
//! Sections: the body is portrait; a block that needs landscape (a wide table, and a heading
//! right before it) ends the current section and opens a landscape one, and the next portrait
//! block switches back. Each section references the footers of its orientation. The last line
//! of the body keeps with the sign-off, so the sign-off never stands alone on a page.

use super::anchor::Anchors;
use super::footer::FooterPart;
use super::layout::Orientation;
use super::layout::{
    BODY_SZ, CHAR, FANGSONG, FOOTER_DIST, HEADER_DIST, HEITI, LINE, MARGIN_BOTTOM, MARGIN_LEFT,
    MARGIN_RIGHT, MARGIN_TOP, PAGE_H, PAGE_W, TITLE_SZ, XIAOBIAOSONG, half_chars, heading_font,
};
use super::para::{ParaProps, RunStyle, inlines, para, ppr, run};
use super::parts;
use super::table;
use super::xml::Xml;
use crate::document::{Attachment, Block, Document, Heading, SignOff};

/// Body text: 三号仿宋.
const BODY: RunStyle = RunStyle::new(FANGSONG, BODY_SZ);

/// Twips per half 字 at 三号.
const HALF: u32 = CHAR / 2;

/// An empty body line (空一行).
fn blank(x: &mut Xml) {
    x.empty("w:p", &[]);
}

/// An empty line kept on the page of the next paragraph (before note and sign-off).
fn blank_keep(x: &mut Xml, keep: bool) {
    if keep {
        x.raw("<w:p><w:pPr><w:keepNext/></w:pPr></w:p>");
    } else {
        blank(x);
    }
}

/// Writes the whole `document.xml` and returns it with the figure anchors placed in it.
///
/// Title, body blocks (switching sections where a wide table needs landscape), attachment note
/// and sign-off on a portrait page, then each attachment from a new page; the last section's
/// properties close the body, as OOXML requires.
pub fn document(doc: &Document, footers: &[FooterPart]) -> (String, Anchors) {
    let mut x = Xml::new();
    x.open("w:document", &parts::document_namespaces());
    x.open("w:body", &[]);
    title(&mut x, &doc.title);
    let mut sections = Sections {
        footers,
        current: Orientation::Portrait,
    };
    let closing = doc.sign_off.is_some();
    // The sign-off never stands alone on a page: the last body line goes with it.
    blocks(&mut x, &doc.blocks, &mut sections, closing);
    if !doc.attachment_note.is_empty() || closing {
        sections.switch(&mut x, Orientation::Portrait);
    }
    attachment_note(&mut x, &doc.attachment_note, closing);
    if let Some(s) = &doc.sign_off {
        sign_off(&mut x, s);
    }
    for a in &doc.attachments {
        attachment(&mut x, a, &mut sections);
    }
    sect_pr(&mut x, footers, sections.current);
    x.close("w:body").close("w:document");
    x.finish_with_anchors()
}

/// Title (7.3.1): 二号小标宋, centred, explicit `\n` line breaks; then one blank line.
fn title(x: &mut Xml, text: &str) {
    if text.trim().is_empty() {
        return;
    }
    let p = ParaProps {
        style: Some("Title"),
        ..ParaProps::default()
    };
    para(x, &p, text, RunStyle::new(XIAOBIAOSONG, TITLE_SZ));
    blank(x);
}

/// The orientation of the section being written; a change ends the current section.
struct Sections<'a> {
    /// The document's footers (each section references those of its orientation).
    footers: &'a [FooterPart],
    /// The orientation of the section being written.
    current: Orientation,
}

impl Sections<'_> {
    /// Continues in orientation `o`, ending the current section (and so the page) if it differs.
    fn switch(&mut self, x: &mut Xml, o: Orientation) {
        if self.current != o {
            spacer(x, Some((self.footers, self.current)));
            self.current = o;
        }
    }
}

/// Whether any table of the document needs a landscape page.
pub fn has_landscape(doc: &Document) -> bool {
    doc.blocks
        .iter()
        .chain(doc.attachments.iter().flat_map(|a| &a.blocks))
        .any(|b| orientation(b) == Orientation::Landscape)
}

/// The orientation a block needs: landscape for tables too wide for 156 mm.
fn orientation(b: &Block) -> Orientation {
    match b {
        Block::Table(t) if table::needs_landscape(t) => Orientation::Landscape,
        _ => Orientation::Portrait,
    }
}

/// Writes `blocks`; `keep_last` keeps the last paragraph's end on the page of what follows.
fn blocks(x: &mut Xml, blocks: &[Block], sections: &mut Sections, keep_last: bool) {
    for (i, b) in blocks.iter().enumerate() {
        // A heading goes on the page of the table it introduces (a landscape 表四 must not leave
        // “四、政府信息公开行政复议、行政诉讼情况” alone on a portrait page).
        let o = match (b, blocks.get(i + 1)) {
            (Block::Heading(_), Some(next @ Block::Table(_))) => orientation(next),
            _ => orientation(b),
        };
        sections.switch(x, o);
        match b {
            Block::Heading(h) => heading(x, h),
            Block::Paragraph(content) => {
                x.open("w:p", &[]);
                if keep_last && i + 1 == blocks.len() {
                    x.raw("<w:pPr><w:keepNext/></w:pPr>");
                }
                inlines(x, content, BODY);
                x.close("w:p");
            }
            Block::Table(t) => {
                table::table(x, t, o);
                // Word joins adjacent tables, and a body should not end in a table: a
                // 1 pt paragraph separates them.
                let next_is_table = matches!(blocks.get(i + 1), Some(Block::Table(_)));
                if next_is_table || i + 1 == blocks.len() {
                    spacer(x, None);
                }
            }
        }
    }
}

/// A numbered heading (7.3.3) with its outline level (from the style); a run-in heading keeps
/// the heading font for its own text and continues in 仿宋 on the same line.
fn heading(x: &mut Xml, h: &Heading) {
    let level = h.level.clamp(1, 4);
    let style = format!("Heading{level}");
    let s = RunStyle::new(heading_font(level), BODY_SZ);
    x.open("w:p", &[]);
    ppr(
        x,
        &ParaProps {
            style: Some(&style),
            // A run-in heading carries its paragraph: nothing to keep with the next one.
            keep_next: h.run_in.as_ref().map(|_| false),
            ..ParaProps::default()
        },
    );
    run(x, &h.number, s);
    inlines(x, &h.content, s);
    if let Some(rest) = &h.run_in {
        inlines(x, rest, BODY);
    }
    x.close("w:p");
}

/// 附件说明 (7.3.4): a blank line, then "附件：" two 字 in; several attachments are numbered and
/// wrapped lines align with the first character of the name (hanging indent).
fn attachment_note(x: &mut Xml, titles: &[String], keep_with_sign_off: bool) {
    if titles.is_empty() {
        return;
    }
    blank_keep(x, keep_with_sign_off);
    let lead = 2 * 2 + half_chars("附件：");
    if titles.len() == 1 {
        let left = (lead * HALF) as i64;
        let hang = (half_chars("附件：") * HALF) as i64;
        let p = ParaProps {
            keep_next: keep_with_sign_off.then_some(true),
            ind: Some((left as u32, 0, -hang)),
            ..ParaProps::default()
        };
        para(x, &p, &format!("附件：{}", titles[0]), BODY);
        return;
    }
    let widest = (1..=titles.len())
        .map(|i| half_chars(&format!("{i}.")))
        .max()
        .unwrap_or(2);
    let left = (lead + widest) * HALF;
    for (i, t) in titles.iter().enumerate() {
        let label = format!("{}.", i + 1);
        let (text, hang) = if i == 0 {
            (format!("附件：{label}{t}"), half_chars("附件：") + widest)
        } else {
            (format!("{label}{t}"), widest)
        };
        let p = ParaProps {
            keep_next: keep_with_sign_off.then_some(true),
            ind: Some((left, 0, -((hang * HALF) as i64))),
            ..ParaProps::default()
        };
        para(x, &p, &text, BODY);
    }
}

/// Right indents (twips) of agency and date for a sign-off without seal (7.3.5.2): the agency
/// two 字 from the right, the date's first character two 字 right of the agency's; a date
/// longer than the agency stays two 字 from the right and pushes the agency left.
pub fn sign_off_indents(agency: &str, date: &str) -> (u32, u32) {
    let (ws, wd) = (half_chars(agency), half_chars(date));
    let (a, d) = if wd <= ws {
        (4, ws - wd)
    } else {
        (wd - ws + 8, 4)
    };
    (a * HALF, d * HALF)
}

/// 发文机关署名 and 成文日期 without seal (7.3.5.2), after one blank line; the three lines
/// stay on one page.
fn sign_off(x: &mut Xml, s: &SignOff) {
    blank_keep(x, true);
    let (a, d) = sign_off_indents(&s.agency, &s.date);
    let dated = !s.date.is_empty();
    for (text, right, keep) in [(&s.agency, a, dated), (&s.date, d, false)] {
        if text.is_empty() {
            continue;
        }
        let p = ParaProps {
            keep_next: keep.then_some(true),
            ind: Some((0, right, 0)),
            jc: Some("right"),
            ..ParaProps::default()
        };
        para(x, &p, text, BODY);
    }
}

/// An attachment page (7.3.7): new page, "附件N" 黑体 flush left on line 1, the title centred on
/// line 3 in the title style, a blank line, then its blocks.
fn attachment(x: &mut Xml, a: &Attachment, sections: &mut Sections) {
    // An attachment that opens with a wide table is laid out landscape from its first line.
    let o = a.blocks.first().map_or(Orientation::Portrait, orientation);
    sections.switch(x, o);
    let p = ParaProps {
        style: Some("AttachmentLabel"),
        page_break_before: true,
        ..ParaProps::default()
    };
    para(
        x,
        &p,
        &format!("附件{}", a.number),
        RunStyle::new(HEITI, BODY_SZ),
    );
    blank(x);
    title(x, &a.title);
    blocks(x, &a.blocks, sections, false);
}

/// An almost invisible paragraph (1 pt), optionally ending a section (its `sectPr` lives in
/// the paragraph).
fn spacer(x: &mut Xml, section: Option<(&[FooterPart], Orientation)>) {
    x.open("w:p", &[]).open("w:pPr", &[]);
    x.empty("w:spacing", &[("w:line", "20"), ("w:lineRule", "exact")]);
    x.empty("w:ind", &[("w:firstLineChars", "0"), ("w:firstLine", "0")]);
    x.open("w:rPr", &[])
        .val("w:sz", "2")
        .val("w:szCs", "2")
        .close("w:rPr");
    if let Some((footers, o)) = section {
        sect_pr(x, footers, o);
    }
    x.close("w:pPr").close("w:p");
}

/// Section properties: A4 (5.1), margins 37/35/28/26 mm (5.2.1), footers with page numbers
/// (7.5), the 22-line × 28-character grid (5.2.3). A landscape section turns the sheet so that
/// the table's head is at the binding edge (GB/T 9704 8) and keeps the page numbers.
pub fn sect_pr(x: &mut Xml, footers: &[FooterPart], o: Orientation) {
    x.open("w:sectPr", &[]);
    let landscape = o == Orientation::Landscape;
    for f in footers.iter().filter(|f| f.landscape == landscape) {
        x.empty("w:footerReference", &[("w:type", f.kind), ("r:id", f.id)]);
    }
    let n = |v: u32| v.to_string();
    let (w, h, top, right, bottom, left) = match o {
        Orientation::Portrait => (
            PAGE_W,
            PAGE_H,
            MARGIN_TOP,
            MARGIN_RIGHT,
            MARGIN_BOTTOM,
            MARGIN_LEFT,
        ),
        Orientation::Landscape => (
            PAGE_H,
            PAGE_W,
            MARGIN_LEFT,
            MARGIN_TOP,
            MARGIN_RIGHT,
            MARGIN_BOTTOM,
        ),
    };
    let (w, h) = (n(w), n(h));
    let mut size = vec![("w:w", w.as_str()), ("w:h", h.as_str())];
    if o == Orientation::Landscape {
        size.push(("w:orient", "landscape"));
    }
    x.empty("w:pgSz", &size);
    x.empty(
        "w:pgMar",
        &[
            ("w:top", &n(top)),
            ("w:right", &n(right)),
            ("w:bottom", &n(bottom)),
            ("w:left", &n(left)),
            ("w:header", &n(HEADER_DIST)),
            ("w:footer", &n(FOOTER_DIST)),
            ("w:gutter", "0"),
        ],
    );
    x.empty("w:cols", &[("w:space", "425")]);
    // A line grid only: a character grid (`linesAndChars`) makes LibreOffice put each 三号
    // character into two grid cells; 28 characters per line come from the −0.25 pt character
    // spacing of the Normal style instead.
    x.empty(
        "w:docGrid",
        &[("w:type", "lines"), ("w:linePitch", &n(LINE))],
    );
    x.close("w:sectPr");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_off_date_starts_two_characters_right_of_agency() {
        // 7 字 agency, date 3 字 + 6 half-width digits = 6 字.
        let (a, d) = sign_off_indents("某市医疗保障局", "2021年1月7日");
        assert_eq!(a, 640);
        assert_eq!(d, 320);
        // Agency start = 640 + 7×320 = 2880; date start = 320 + 6×320 = 2240 = 2880 − 640.
        let (a, d) = sign_off_indents("医保局", "2021年12月17日");
        assert_eq!(d, 640);
        assert_eq!(a + 3 * 320, d + 7 * 320 + 640);
    }
}
