//! Paragraph and run writing shared by the body, tables and anything else that writes
//! WordprocessingML text: paragraph properties in schema order, run properties naming every font
//! slot, runs with line breaks, inline content.
//!
//! Invariants: `w:pPr` children come in CT_PPr order (style, keepNext, pageBreakBefore,
//! spacing, ind, jc); an indent written in twips also writes its `*Chars` twin so that Word,
//! which prefers the character units, agrees with LibreOffice; every run carries its own fonts
//! and size, so no text depends on document defaults.

use super::layout::CHAR;
use super::xml::Xml;
use crate::document::{FigureRef, Inline};

/// Character formatting of one run; every run names its fonts and size explicitly.
#[derive(Debug, Clone, Copy)]
pub struct RunStyle {
    /// The font of all four slots (ASCII, high ANSI, East Asian, complex script).
    pub font: &'static str,
    /// Size in half-points.
    pub sz: u32,
    /// Bold.
    pub bold: bool,
}

impl RunStyle {
    /// Regular (not bold) text in `font` at `sz` half-points.
    pub const fn new(font: &'static str, sz: u32) -> Self {
        RunStyle {
            font,
            sz,
            bold: false,
        }
    }
}

/// Paragraph properties this writer uses, written in CT_PPr order.
#[derive(Debug, Clone, Default)]
pub struct ParaProps<'a> {
    /// A paragraph style id (`Heading1`, `TableText` …).
    pub style: Option<&'a str>,
    /// `Some(false)` switches off the style's keep-with-next (run-in headings).
    pub keep_next: Option<bool>,
    /// Start on a new page.
    pub page_break_before: bool,
    /// Exact line spacing in twips.
    pub line: Option<u32>,
    /// `(left, right, first_line)` in twips; a negative first line is a hanging indent.
    /// `Some` also resets the style's `firstLineChars`.
    pub ind: Option<(u32, u32, i64)>,
    /// Justification (`left`, `center`, `right`, `both`).
    pub jc: Option<&'a str>,
}

/// Writes `<w:pPr>` for `p` (nothing when empty).
pub fn ppr(x: &mut Xml, p: &ParaProps) {
    if p.style.is_none()
        && p.keep_next.is_none()
        && !p.page_break_before
        && p.line.is_none()
        && p.ind.is_none()
        && p.jc.is_none()
    {
        return;
    }
    x.open("w:pPr", &[]);
    if let Some(s) = p.style {
        x.val("w:pStyle", s);
    }
    match p.keep_next {
        Some(true) => {
            x.empty("w:keepNext", &[]);
        }
        Some(false) => {
            x.val("w:keepNext", "0");
        }
        None => {}
    }
    if p.page_break_before {
        x.empty("w:pageBreakBefore", &[]);
    }
    if let Some(line) = p.line {
        x.empty(
            "w:spacing",
            &[("w:line", &line.to_string()), ("w:lineRule", "exact")],
        );
    }
    if let Some((left, right, first)) = p.ind {
        let (l, r) = (left.to_string(), right.to_string());
        let mut attrs = vec![("w:left", l.as_str()), ("w:right", r.as_str())];
        let f = first.unsigned_abs().to_string();
        // `*Chars` (hundredths of a 字) win over twips in Word, so they must agree with them.
        let chars = (first.unsigned_abs() * 100 / u64::from(CHAR)).to_string();
        if first < 0 {
            // Zero the style's `firstLineChars` explicitly in case a consumer merges `w:ind`
            // attribute by attribute; a hanging indent wins over a first-line one.
            attrs.push(("w:firstLineChars", "0"));
            attrs.push(("w:hangingChars", &chars));
            attrs.push(("w:hanging", &f));
        } else {
            attrs.push(("w:firstLineChars", &chars));
            attrs.push(("w:firstLine", &f));
        }
        x.empty("w:ind", &attrs);
    }
    if let Some(jc) = p.jc {
        x.val("w:jc", jc);
    }
    x.close("w:pPr");
}

/// `<w:rPr>` with all four font slots (East-Asian included) and the size.
pub fn rpr(x: &mut Xml, s: RunStyle) {
    x.open("w:rPr", &[]);
    x.empty(
        "w:rFonts",
        &[
            ("w:ascii", s.font),
            ("w:hAnsi", s.font),
            ("w:eastAsia", s.font),
            ("w:cs", s.font),
            ("w:hint", "eastAsia"),
        ],
    );
    if s.bold {
        x.empty("w:b", &[]).empty("w:bCs", &[]);
    }
    let sz = s.sz.to_string();
    x.val("w:sz", &sz).val("w:szCs", &sz);
    x.close("w:rPr");
}

/// One run; `\n` in `text` becomes a line break.
pub fn run(x: &mut Xml, text: &str, s: RunStyle) {
    if text.is_empty() {
        return;
    }
    x.open("w:r", &[]);
    rpr(x, s);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            x.empty("w:br", &[]);
        }
        if !line.is_empty() {
            x.open("w:t", &[("xml:space", "preserve")])
                .text(line)
                .close("w:t");
        }
    }
    x.close("w:r");
}

/// Runs for inline content; `Strong` is bold.
pub fn inlines(x: &mut Xml, content: &[Inline], s: RunStyle) {
    for i in content {
        match i {
            Inline::Text(t) => run(x, t, s),
            Inline::Figure(f) => figure(x, f, s),
            Inline::Strong(inner) => inlines(x, inner, RunStyle { bold: true, ..s }),
        }
    }
}

/// A figure: an ordinary run, recorded with its place in the paragraph for the document's
/// manifest (see [`super::anchor`]), so that `wengao update` finds it again after a writer's
/// edits.
pub fn figure(x: &mut Xml, f: &FigureRef, s: RunStyle) {
    if f.text.is_empty() {
        return;
    }
    x.anchors().figure_starts(f);
    run(x, &f.text, s);
    x.anchors().figure_ends();
}

/// A whole paragraph of plain text.
pub fn para(x: &mut Xml, p: &ParaProps, text: &str, s: RunStyle) {
    x.open("w:p", &[]);
    ppr(x, p);
    run(x, text, s);
    x.close("w:p");
}
