//! Markdown backend: clean CommonMark, numbering as text, tables as HTML blocks.
//!
//! The title is `#`, heading levels 1–4 are `##`…`#####` with their numbers as text; run-in
//! headings are plain paragraphs ("1.对定点医疗机构的稽核和监管。根据…"); tables are HTML blocks
//! (so row and column spans survive); the sign-off is two lines joined by a hard break.

use crate::document::{Block, Document, Inline};
use std::fmt::Write;

/// Markdown output options (none yet; kept so every backend has the same shape).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {}

/// Escapes characters CommonMark would read as markup.
///
/// Raw HTML in templates or data is escaped too (`\<script\>`), so a Markdown reader never
/// renders markup that came from text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes what would start a block construct at the beginning of a line.
fn escape_line_start(line: String) -> String {
    let first = line.chars().next();
    if matches!(first, Some('#' | '+' | '-' | '=')) {
        return format!("\\{line}");
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest = &line[digits..];
        if let Some(after) = rest.strip_prefix(['.', ')'])
            && (after.is_empty() || after.starts_with([' ', '\t']))
        {
            return format!("{}\\{}", &line[..digits], rest);
        }
    }
    line
}

/// Inline content as Markdown: text escaped, figures as written, bold as `**…**`.
fn inlines(out: &mut String, content: &[Inline]) {
    for i in content {
        match i {
            Inline::Text(t) => out.push_str(&escape(t)),
            Inline::Figure(f) => out.push_str(&escape(&f.text)),
            Inline::Strong(inner) => {
                out.push_str("**");
                inlines(out, inner);
                out.push_str("**");
            }
        }
    }
}

/// Inline content as one escaped string.
fn text_of(content: &[Inline]) -> String {
    let mut s = String::new();
    inlines(&mut s, content);
    s
}

/// Every block, separated by blank lines; tables as HTML.
fn blocks(out: &mut String, blocks: &[Block]) {
    for b in blocks {
        match b {
            Block::Heading(h) => {
                let mut line = escape(&h.number);
                line.push_str(&text_of(&h.content));
                match &h.run_in {
                    Some(rest) => {
                        line.push_str(&text_of(rest));
                        let _ = writeln!(out, "{}\n", escape_line_start(line));
                    }
                    None => {
                        let hashes = "#".repeat(usize::from(h.level.clamp(1, 4)) + 1);
                        let _ = writeln!(out, "{hashes} {line}\n");
                    }
                }
            }
            Block::Paragraph(p) => {
                let _ = writeln!(out, "{}\n", escape_line_start(text_of(p)));
            }
            Block::Table(t) => {
                let mut html = String::new();
                super::html::table(&mut html, t, &super::html::Options { provenance: false });
                let _ = writeln!(out, "{html}");
            }
        }
    }
}

/// The title as `#`, on one line (the template's line breaks dropped).
fn title(out: &mut String, text: &str) {
    let _ = writeln!(out, "# {}\n", escape(&text.replace('\n', "")));
}

/// Renders the document as CommonMark.
///
/// Title, body, attachment note, sign-off, then each attachment under its 附件N label; text is
/// escaped so that what the document says is what a Markdown reader shows.
pub fn render(doc: &Document, _options: &Options) -> String {
    let mut out = String::with_capacity(8 * 1024);
    if !doc.title.is_empty() {
        title(&mut out, &doc.title);
    }
    blocks(&mut out, &doc.blocks);
    if !doc.attachment_note.is_empty() {
        if doc.attachment_note.len() == 1 {
            let _ = writeln!(out, "附件：{}\n", escape(&doc.attachment_note[0]));
        } else {
            let lines: Vec<String> = doc
                .attachment_note
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let lead = if i == 0 { "附件：" } else { "　　　" };
                    format!("{lead}{}.{}", i + 1, escape(t))
                })
                .collect();
            let _ = writeln!(out, "{}\n", lines.join("\\\n"));
        }
    }
    if let Some(s) = &doc.sign_off {
        if s.date.is_empty() {
            let _ = writeln!(out, "{}\n", escape(&s.agency));
        } else {
            let _ = writeln!(out, "{}\\\n{}\n", escape(&s.agency), escape(&s.date));
        }
    }
    for a in &doc.attachments {
        let _ = writeln!(out, "附件{}\n", a.number);
        title(&mut out, &a.title);
        blocks(&mut out, &a.blocks);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
