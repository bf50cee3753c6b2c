//! HTML backend: one self-contained file with print CSS for A4 and the 公文 margins.
//!
//! Layout after GB/T 9704-2012: A4, margins 37 mm (top) / 35 mm (bottom) / 28 mm (left) /
//! 26 mm (right); title 二号 小标宋; body 三号 仿宋 with a two-character first-line indent;
//! headings 黑体 (level 1), 楷体 (level 2), 仿宋 (levels 3–4), each font stack ending in free
//! fonts (Noto Serif/Sans CJK SC). Every piece of user text is escaped. Figures carry their
//! provenance (`data-key`, `data-src`, a `title` tooltip).

use crate::document::{Align, Block, Cell, Document, FigureRef, Heading, Inline, Slot, Table};
use std::fmt::Write;

/// HTML output options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Mark figures with their provenance (key, file:line) and a tooltip.
    pub provenance: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { provenance: true }
    }
}

/// The page's style sheet: the 公文 page and fonts, tables with thin borders; on screen, figures
/// with provenance are dotted-underlined (their tooltips say where they came from) and pending
/// ones highlighted; in print, neither.
pub(crate) const CSS: &str = r#"
:root {
  --fangsong: "FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", "Noto Serif SC", "Source Han Serif SC", serif;
  --kaiti: "KaiTi_GB2312", "楷体_GB2312", "KaiTi", "楷体", "STKaiti", "Noto Serif CJK SC", "Noto Serif SC", "Source Han Serif SC", serif;
  --heiti: "SimHei", "黑体", "STHeiti", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif;
  --xiaobiaosong: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "方正小标宋_GBK", "Noto Serif CJK SC", "Noto Serif SC", "Source Han Serif SC", serif;
}
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
html { background: #e8e8e8; }
body { margin: 0; color: #000; font-family: var(--fangsong); font-size: 16pt; line-height: 28.95pt; }
.page { box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 37mm 26mm 35mm 28mm; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
h1, h2, h3, h4, h5, p { margin: 0; font-size: 16pt; font-weight: normal; line-height: 28.95pt; text-align: justify; }
h1.title { font-family: var(--xiaobiaosong); font-size: 22pt; font-weight: bold; line-height: 1.5; text-align: center; text-wrap: balance; margin: 0 0 28.95pt; }
p, h2, h3, h4, h5 { text-indent: 2em; }
.l1 { font-family: var(--heiti); }
.l2 { font-family: var(--kaiti); }
.l3, .l4 { font-family: var(--fangsong); }
p.run-in > .l1, p.run-in > .l2 { font-weight: normal; }
.attachment-note { margin-top: 28.95pt; text-indent: 2em; }
.attachment-note .more { display: block; text-indent: 5em; }
.signoff { display: table; margin: 57.9pt 4em 0 auto; text-align: center; }
.signoff p { text-indent: 0; text-align: center; }
.attachment-label { font-family: var(--heiti); text-indent: 0; }
table { border-collapse: collapse; width: 100%; margin: 14pt 0; font-size: 12pt; line-height: 1.5; }
caption { font-family: var(--heiti); font-size: 14pt; padding-bottom: 6pt; }
th, td { border: 1px solid #000; padding: 2pt 4pt; font-weight: normal; }
th { font-family: var(--heiti); }
.left { text-align: left; } .center { text-align: center; } .right { text-align: right; }
.fig[data-key] { border-bottom: 1px dotted #8a8a8a; }
.fig.pending { background: #fff3b0; }
@media print {
  html { background: none; }
  .page { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
  .fig[data-key] { border-bottom: none; }
  .fig.pending { background: none; }
  section.attachment { break-before: page; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
}
"#;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Copies the runs between special characters whole (they are ASCII, so every cut is a char
    // boundary): most text has none, and a push per char was a visible share of the render.
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[last..i]);
        out.push_str(entity);
        last = i + 1;
    }
    out.push_str(&text[last..]);
    out
}

/// A figure as a span; with provenance, its key and source (`file:line`, or 算得) as a tooltip
/// and data attributes, pending figures marked.
fn figure(out: &mut String, f: &FigureRef, options: &Options) {
    let class = if f.pending { "fig pending" } else { "fig" };
    if !options.provenance {
        let _ = write!(out, "<span class=\"{class}\">{}</span>", escape(&f.text));
        return;
    }
    let (src, tip) = match &f.source {
        Some(l) => {
            let src = format!("{}:{}", l.file, l.line);
            let tip = format!("{} · {}", f.key, src);
            (Some(src), tip)
        }
        None => (None, format!("{} · 计算所得", f.key)),
    };
    let _ = write!(
        out,
        "<span class=\"{class}\" data-key=\"{}\"",
        escape(&f.key)
    );
    if let Some(src) = src {
        let _ = write!(out, " data-src=\"{}\"", escape(&src));
    }
    let _ = write!(
        out,
        " title=\"{}\">{}</span>",
        escape(&tip),
        escape(&f.text)
    );
}

/// Writes a run of inlines as HTML.
pub fn inlines(out: &mut String, content: &[Inline], options: &Options) {
    for i in content {
        match i {
            Inline::Text(t) => out.push_str(&escape(t)),
            Inline::Figure(f) => figure(out, f, options),
            Inline::Strong(inner) => {
                out.push_str("<strong>");
                inlines(out, inner, options);
                out.push_str("</strong>");
            }
        }
    }
}

/// The CSS class of an alignment.
fn align_class(a: Align) -> &'static str {
    match a {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
    }
}

/// One table cell (`th` for labels, `td` for data) with its spans and alignment.
fn cell(out: &mut String, c: &Cell, options: &Options) {
    let tag = if c.header { "th" } else { "td" };
    let _ = write!(out, "<{tag} class=\"{}\"", align_class(c.align));
    if c.row_span > 1 {
        let _ = write!(out, " rowspan=\"{}\"", c.row_span);
    }
    if c.col_span > 1 {
        let _ = write!(out, " colspan=\"{}\"", c.col_span);
    }
    out.push('>');
    inlines(out, &c.content, options);
    let _ = write!(out, "</{tag}>");
}

/// Writes a table with rowspan/colspan; covered slots are skipped. One line per row, no blank
/// lines, so the same markup is a valid CommonMark HTML block.
pub fn table(out: &mut String, t: &Table, options: &Options) {
    let _ = writeln!(out, "<table data-table=\"{}\">", escape(&t.id));
    if let Some(title) = &t.title {
        let _ = writeln!(out, "<caption>{}</caption>", escape(title));
    }
    let total: u32 = t.columns.iter().map(|c| c.width.max(1)).sum::<u32>().max(1);
    out.push_str("<colgroup>");
    for c in &t.columns {
        let pct = u64::from(c.width.max(1)) * 10000 / u64::from(total);
        let _ = write!(out, "<col style=\"width:{}.{:02}%\">", pct / 100, pct % 100);
    }
    out.push_str("</colgroup>\n");
    for (r, row) in t.rows.iter().enumerate() {
        if r == 0 && t.header_rows > 0 {
            out.push_str("<thead>\n");
        }
        if r == t.header_rows {
            out.push_str("<tbody>\n");
        }
        out.push_str("<tr>");
        for slot in row {
            if let Slot::Cell(c) = slot {
                cell(out, c, options);
            }
        }
        out.push_str("</tr>\n");
        if r + 1 == t.header_rows {
            out.push_str("</thead>\n");
        }
    }
    if t.rows.len() > t.header_rows {
        out.push_str("</tbody>\n");
    } else if t.rows.len() < t.header_rows && !t.rows.is_empty() {
        out.push_str("</thead>\n");
    }
    out.push_str("</table>\n");
}

/// A numbered heading (`h2`–`h5` by level); a run-in heading is a paragraph whose heading part
/// is a span styled like the heading level.
fn heading(out: &mut String, h: &Heading, options: &Options) {
    let level = h.level.clamp(1, 4);
    match &h.run_in {
        Some(rest) => {
            let _ = write!(
                out,
                "<p class=\"run-in\"><span class=\"l{level}\">{}",
                escape(&h.number)
            );
            inlines(out, &h.content, options);
            out.push_str("</span>");
            inlines(out, rest, options);
            out.push_str("</p>\n");
        }
        None => {
            let tag = level + 1;
            let _ = write!(out, "<h{tag} class=\"l{level}\">{}", escape(&h.number));
            inlines(out, &h.content, options);
            let _ = writeln!(out, "</h{tag}>");
        }
    }
}

/// Every block in order.
fn blocks(out: &mut String, blocks: &[Block], options: &Options) {
    for b in blocks {
        match b {
            Block::Heading(h) => heading(out, h, options),
            Block::Paragraph(p) => {
                out.push_str("<p>");
                inlines(out, p, options);
                out.push_str("</p>\n");
            }
            Block::Table(t) => table(out, t, options),
        }
    }
}

/// The title as `h1`, the template's line breaks kept.
fn title(out: &mut String, text: &str) {
    let lines: Vec<String> = text.split('\n').map(escape).collect();
    let _ = writeln!(out, "<h1 class=\"title\">{}</h1>", lines.join("<br>"));
}

/// Renders the whole document as one self-contained HTML file.
///
/// The page carries its own style sheet and no script; every piece of text is escaped, so a
/// template or indicator file cannot inject markup.
pub fn render(doc: &Document, options: &Options) -> String {
    let mut out = String::with_capacity(16 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"wengao\">\n");
    let _ = writeln!(
        out,
        "<title>{}</title>",
        escape(&doc.title.replace('\n', ""))
    );
    let _ = writeln!(
        out,
        "<style>{CSS}</style>\n</head>\n<body>\n<main class=\"page\">"
    );
    if !doc.title.is_empty() {
        title(&mut out, &doc.title);
    }
    blocks(&mut out, &doc.blocks, options);
    if !doc.attachment_note.is_empty() {
        out.push_str("<p class=\"attachment-note\">附件：");
        if doc.attachment_note.len() == 1 {
            out.push_str(&escape(&doc.attachment_note[0]));
        } else {
            for (i, t) in doc.attachment_note.iter().enumerate() {
                if i == 0 {
                    let _ = write!(out, "1.{}", escape(t));
                } else {
                    let _ = write!(out, "<span class=\"more\">{}.{}</span>", i + 1, escape(t));
                }
            }
        }
        out.push_str("</p>\n");
    }
    if let Some(s) = &doc.sign_off {
        if s.date.is_empty() {
            let _ = writeln!(
                out,
                "<div class=\"signoff\"><p>{}</p></div>",
                escape(&s.agency)
            );
        } else {
            let _ = writeln!(
                out,
                "<div class=\"signoff\"><p>{}</p><p>{}</p></div>",
                escape(&s.agency),
                escape(&s.date)
            );
        }
    }
    out.push_str("</main>\n");
    for a in &doc.attachments {
        out.push_str("<section class=\"attachment page\">\n");
        let _ = writeln!(out, "<p class=\"attachment-label\">附件{}</p>", a.number);
        title(&mut out, &a.title);
        blocks(&mut out, &a.blocks, options);
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}
