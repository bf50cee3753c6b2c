//! HTML backend: one self-contained file with print CSS for A4 and the 公文 margins.
//!
//! Layout after GB/T 9704-2012: A4, margins 37 mm (top) / 35 mm (bottom) / 28 mm (left) /
//! 26 mm (right); title 二号 小标宋; body 三号 仿宋 with a two-character first-line indent;
//! headings 黑体 (level 1), 楷体 (level 2), 仿宋 (levels 3–4), each font stack ending in free
//! fonts (Noto Serif/Sans CJK SC). Every piece of user text is escaped. Figures carry their
//! provenance (`data-key`, `data-src`, a `title` tooltip).

use crate::document::title::break_within;
use crate::document::{
    Align, Block, Cell, Document, FigureRef, Heading, Inline, Slot, Table, Title,
};
use std::fmt::Write;

/// HTML output options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Mark figures with their provenance (key, file:line) and a tooltip.
    pub provenance: bool,
    /// Print hints on tables: rows kept on the page of the next one (merged label groups) and
    /// the size class of wide tables; off for the table blocks of the Markdown output.
    pub print_hints: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            provenance: true,
            print_hints: true,
        }
    }
}

/// The page's style sheet: the 公文 page and fonts, tables with thin borders; in print, the page
/// numbers in `@page` margin boxes (odd right, even left, turned on landscape pages) and the
/// pagination rules of the DOCX (headings with what follows, merged table groups whole, the
/// sign-off with the body's last lines); on screen, figures with provenance dotted-underlined
/// and pending ones highlighted.
pub(crate) const CSS: &str = r#"
@font-face { font-family: "wengao-title"; src: local("FZXiaoBiaoSong-B05S"), local("方正小标宋简体"), local("FZXiaoBiaoSong-B05"), local("方正小标宋_GBK"), local("Noto Serif CJK SC Bold"), local("NotoSerifCJKsc-Bold"), local("Source Han Serif SC Bold"), local("SourceHanSerifSC-Bold"); }
:root {
  --fangsong: "FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "STFangsong", "FandolFang R", "Zhuque Fangsong (technical preview)", "Noto Serif CJK SC", "Noto Serif SC", "Source Han Serif SC", serif;
  --kaiti: "KaiTi_GB2312", "楷体_GB2312", "KaiTi", "楷体", "STKaiti", "FandolKai", "AR PL UKai CN", "AR PL KaitiM GB", "LXGW WenKai", "Noto Serif CJK SC", serif;
  --heiti: "SimHei", "黑体", "STHeiti", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "FandolHei", sans-serif;
  --xiaobiaosong: "wengao-title", "FZXiaoBiaoSong-B05S", "方正小标宋简体", "方正小标宋_GBK", "STZhongsong", "Noto Serif CJK SC", "Noto Serif SC", "Source Han Serif SC", serif;
}
@page { size: A4; margin: 37mm 26mm 35mm 28mm; @top-center { content: ""; } }
@page :right { @bottom-right { content: "— " counter(page) " —"; font: 14pt "SimSun", "宋体", "Noto Serif CJK SC", serif; vertical-align: top; text-align: right; padding: 7mm 14pt 0 0; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; font: 14pt "SimSun", "宋体", "Noto Serif CJK SC", serif; vertical-align: top; text-align: left; padding: 7mm 0 0 14pt; } }
html { background: #e8e8e8; }
body { margin: 0; color: #000; font-family: var(--fangsong); font-size: 16pt; line-height: 28.95pt; }
.page { box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 37mm 26mm 35mm 28mm; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
h1, h2, h3, h4, h5, p { margin: 0; font-size: 16pt; font-weight: normal; line-height: 28.95pt; text-align: justify; }
h1.title { font-family: var(--xiaobiaosong); font-size: 22pt; font-weight: normal; font-synthesis: none; line-height: 36pt; text-align: center; margin: 0 0 28.95pt; break-after: avoid; }
p, h2, h3, h4, h5 { text-indent: 2em; }
h2, h3, h4, h5 { break-after: avoid; }
.l1 { font-family: var(--heiti); }
.l2 { font-family: var(--kaiti); }
.l3, .l4 { font-family: var(--fangsong); }
p.run-in > .l1, p.run-in > .l2 { font-weight: normal; }
.closing { break-before: avoid; }
.attachment-note { margin-top: 28.95pt; text-indent: 2em; break-after: avoid; }
.attachment-note .more { display: block; text-indent: 5em; }
.signoff { margin-top: 28.95pt; break-inside: avoid; break-before: avoid; }
.signoff p { text-indent: 0; text-align: right; }
.attachment-label { font-family: var(--heiti); text-indent: 0; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 14pt 0; font-size: 14pt; line-height: 1.35; }
table.wide { font-size: 12pt; }
caption { font-family: var(--heiti); font-size: 16pt; line-height: 28.95pt; padding-bottom: 6pt; break-after: avoid; }
th, td { border: 1px solid #000; padding: 1pt 3pt; font-weight: normal; font-family: var(--fangsong); }
.left { text-align: left; } .center { text-align: center; } .right { text-align: right; }
@page wide { size: A4 landscape; margin: 28mm 37mm 26mm 35mm; }
@page wide:right { @bottom-right { content: none; } @left-bottom { content: "— " counter(page) " —"; font: 14pt "SimSun", "宋体", "Noto Serif CJK SC", serif; writing-mode: sideways-rl; vertical-align: bottom; padding: 0 0 14pt 22mm; } }
@page wide:left { @bottom-left { content: none; } @left-top { content: "— " counter(page) " —"; font: 14pt "SimSun", "宋体", "Noto Serif CJK SC", serif; writing-mode: sideways-rl; vertical-align: top; padding: 14pt 0 0 22mm; } }
.landscape { page: wide; }
.fig[data-key] { border-bottom: 1px dotted #8a8a8a; }
.fig.pending { background: #fff3b0; }
@media print {
  html { background: none; }
  .page { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
  .fig[data-key] { border-bottom: none; }
  .fig.pending { background: none; }
  section.attachment { break-before: page; }
  thead { display: table-header-group; break-inside: avoid; break-after: avoid; }
  td:not([rowspan]), th:not([rowspan]) { break-inside: avoid; }
  tr.keep { break-after: avoid; }
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

/// A figure as a span; with provenance, its Chinese name, key and source (`file:line` relative
/// to the indicator file's folder, or 计算所得) as a tooltip and data attributes, pending figures
/// marked.
fn figure(out: &mut String, f: &FigureRef, options: &Options) {
    let class = if f.pending { "fig pending" } else { "fig" };
    if !options.provenance {
        let _ = write!(out, "<span class=\"{class}\">{}</span>", escape(&f.text));
        return;
    }
    // The tooltip names the figure as users know it: 城乡居民医保参保人数（jumin_canbao_renshu）.
    let label = if f.name.is_empty() || f.name == f.key {
        f.key.clone()
    } else {
        format!("{}（{}）", f.name, f.key)
    };
    let (src, tip) = match &f.source {
        Some(l) => {
            let src = format!("{}:{}", l.file, l.line);
            let tip = format!("{label} · {src}");
            (Some(src), tip)
        }
        None => (None, format!("{label} · 计算所得")),
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
/// `capacity`: for a column head, the width of its column(s) in half 字; a head too long for one
/// line is broken into balanced words (结果 / 维持) instead of where the browser runs out of room.
fn cell(out: &mut String, c: &Cell, options: &Options, capacity: Option<u32>) {
    let tag = if c.header { "th" } else { "td" };
    let _ = write!(out, "<{tag} class=\"{}\"", align_class(c.align));
    if c.row_span > 1 {
        let _ = write!(out, " rowspan=\"{}\"", c.row_span);
    }
    if c.col_span > 1 {
        let _ = write!(out, " colspan=\"{}\"", c.col_span);
    }
    out.push('>');
    match (capacity, c.content.as_slice()) {
        (Some(cap), [Inline::Text(text)]) => {
            let lines: Vec<String> = break_within(text, cap).iter().map(|l| escape(l)).collect();
            out.push_str(&lines.join("<br>"));
        }
        _ => inlines(out, &c.content, options),
    }
    let _ = write!(out, "</{tag}>");
}

/// Writes a table with rowspan/colspan; covered slots are skipped. One line per row, no blank
/// lines, so the same markup is a valid CommonMark HTML block.
pub fn table(out: &mut String, t: &Table, options: &Options) {
    let class = if options.print_hints && t.is_wide() {
        " class=\"wide\""
    } else {
        ""
    };
    let _ = writeln!(out, "<table data-table=\"{}\"{class}>", escape(&t.id));
    if let Some(title) = &t.title {
        let _ = writeln!(out, "<caption>{}</caption>", escape(title));
    }
    // Printed, the same widths as the DOCX (the column weights, narrow columns widened to two
    // 字); in Markdown's table blocks, the weights as they are.
    let block = t.block_twips();
    let widths = if options.print_hints {
        t.column_widths(block)
    } else {
        t.columns.iter().map(|c| c.width.max(1)).collect()
    };
    let total: u64 = widths.iter().map(|&w| u64::from(w)).sum::<u64>().max(1);
    out.push_str("<colgroup>");
    for w in &widths {
        let pct = u64::from(*w) * 10000 / total;
        let _ = write!(out, "<col style=\"width:{}.{:02}%\">", pct / 100, pct % 100);
    }
    out.push_str("</colgroup>\n");
    // Rows kept on the page of the next one: header rows, merged label groups, label rows.
    let keep = if options.print_hints {
        t.keeps_with_next()
    } else {
        vec![false; t.rows.len()]
    };
    for (r, row) in t.rows.iter().enumerate() {
        if r == 0 && t.header_rows > 0 {
            out.push_str("<thead>\n");
        }
        if r == t.header_rows {
            out.push_str("<tbody>\n");
        }
        // Head rows need no class: the head stays whole and with the first body row (CSS).
        let kept = keep[r] && r >= t.header_rows;
        out.push_str(if kept { "<tr class=\"keep\">" } else { "<tr>" });
        for (column, slot) in row.iter().enumerate() {
            if let Slot::Cell(c) = slot {
                let head = options.print_hints && r < t.header_rows;
                let capacity = head.then(|| t.line_capacity(&widths, column, c.col_span));
                cell(out, c, options, capacity);
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
/// is a span styled like the heading level; a numbered item longer than a heading is a
/// paragraph starting with its number.
fn heading(out: &mut String, h: &Heading, options: &Options) {
    let level = h.level.clamp(1, 4);
    match h.run_in_text() {
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
        // A numbered item that is a sentence or more: a paragraph starting with its number.
        None if h.item => {
            let _ = write!(
                out,
                "<p class=\"item\"><span class=\"l{level}\">{}",
                escape(&h.number)
            );
            inlines(out, &h.content, options);
            out.push_str("</span></p>\n");
        }
        None => {
            let tag = level + 1;
            let _ = write!(out, "<h{tag} class=\"l{level}\">{}", escape(&h.number));
            inlines(out, &h.content, options);
            let _ = writeln!(out, "</h{tag}>");
        }
    }
}

/// Whether a block goes on a landscape page: a wide table, or the heading that introduces one.
fn landscape_at(blocks: &[Block], i: usize) -> bool {
    match (blocks.get(i), blocks.get(i + 1)) {
        (Some(Block::Table(t)), _) | (Some(Block::Heading(_)), Some(Block::Table(t))) => {
            t.needs_landscape()
        }
        _ => false,
    }
}

/// Every block in order.
fn blocks(out: &mut String, blocks: &[Block], options: &Options) {
    let mut landscape = false;
    for (i, b) in blocks.iter().enumerate() {
        // A table too wide for portrait prints on a landscape page (GB/T 9704 8), with the
        // heading that introduces it, as in the DOCX.
        let wide = options.print_hints && landscape_at(blocks, i);
        if wide != landscape {
            out.push_str(if wide {
                "<div class=\"landscape\">\n"
            } else {
                "</div>\n"
            });
            landscape = wide;
        }
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
    if landscape {
        out.push_str("</div>\n");
    }
}

/// The title in its chosen lines (7.3.1).
fn title(out: &mut String, t: &Title) {
    let lines: Vec<String> = t.lines.iter().map(|l| escape(l)).collect();
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
    let _ = writeln!(out, "<title>{}</title>", escape(&doc.title.text));
    let _ = writeln!(
        out,
        "<style>{CSS}</style>\n</head>\n<body>\n<main class=\"page\">"
    );
    if !doc.title.is_empty() {
        title(&mut out, &doc.title);
    }
    blocks(&mut out, &doc.blocks, options);
    // The attachment note and sign-off print on the page of the body's last lines.
    let closing = !doc.attachment_note.is_empty() || doc.sign_off.is_some();
    if closing {
        out.push_str("<div class=\"closing\">\n");
    }
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
        // 7.3.5.2: agency two 字 from the right, the date's first character two 字 right of it
        // (a report without a date prints the agency alone).
        let (a, d) = s.right_indents();
        let em = |half: u32| format!("{}{}em", half / 2, if half % 2 == 1 { ".5" } else { "" });
        let _ = write!(
            out,
            "<div class=\"signoff\"><p style=\"padding-right:{}\">{}</p>",
            em(a),
            escape(&s.agency)
        );
        if !s.date.is_empty() {
            let _ = write!(
                out,
                "<p style=\"padding-right:{}\">{}</p>",
                em(d),
                escape(&s.date)
            );
        }
        out.push_str("</div>\n");
    }
    if closing {
        out.push_str("</div>\n");
    }
    out.push_str("</main>\n");
    for a in &doc.attachments {
        // An attachment that opens with a wide table is landscape from its first line.
        let wide = options.print_hints && landscape_at(&a.blocks, 0);
        out.push_str(if wide {
            "<section class=\"attachment page landscape\">\n"
        } else {
            "<section class=\"attachment page\">\n"
        });
        let _ = writeln!(out, "<p class=\"attachment-label\">附件{}</p>", a.number);
        title(&mut out, &a.title);
        blocks(&mut out, &a.blocks, options);
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}
