//! Reading Markdown (`.md`): paragraphs, headings (their text as written), lists and GFM tables,
//! with pulldown-cmark (no smart punctuation, so quotes stay as written).

use super::blocks::{Hints, Paragraph, SourceBlock, SourceCell, SourceTable, trim_blank};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The blocks of a Markdown text.
pub fn blocks(text: &str) -> Vec<SourceBlock> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut hints = Hints::default();
    let mut table: Option<SourceTable> = None;
    let mut row: Vec<SourceCell> = Vec::new();
    let mut line = 1u32;
    let mut start_line = 1u32;
    let line_of =
        |offset: usize| u32::try_from(text[..offset].matches('\n').count() + 1).unwrap_or(u32::MAX);
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                start_line = line_of(range.start);
                hints.outline_level = Some(level as u8);
            }
            Event::Start(Tag::Paragraph | Tag::Item) => start_line = line_of(range.start),
            Event::Start(Tag::Table(_)) => {
                table = Some(SourceTable {
                    line: line_of(range.start),
                    ..SourceTable::default()
                })
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = table.as_mut() {
                    t.rows.push(std::mem::take(&mut row));
                    t.header_rows = 1;
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(t) = table.as_mut() {
                    t.rows.push(std::mem::take(&mut row));
                }
            }
            Event::End(TagEnd::TableCell) => row.push(SourceCell {
                text: trim_blank(&std::mem::take(&mut current)).to_string(),
                row_span: 1,
                col_span: 1,
            }),
            Event::End(TagEnd::Table) => out.extend(table.take().map(SourceBlock::Table)),
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item) => {
                let t = trim_blank(&current).to_string();
                current.clear();
                if !t.is_empty() {
                    out.push(SourceBlock::Paragraph(Paragraph {
                        text: t,
                        hints: std::mem::take(&mut hints),
                        line: start_line,
                    }));
                }
                hints = Hints::default();
            }
            Event::Text(t) | Event::Code(t) => current.push_str(&t),
            Event::SoftBreak => {}
            Event::HardBreak => {
                let t = trim_blank(&current).to_string();
                current.clear();
                if !t.is_empty() {
                    out.push(SourceBlock::Paragraph(Paragraph {
                        text: t,
                        hints: hints.clone(),
                        line: start_line,
                    }));
                }
                start_line = line_of(range.end);
            }
            _ => {}
        }
        line = line.max(start_line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(b: &[SourceBlock]) -> Vec<String> {
        b.iter()
            .map(|b| match b {
                SourceBlock::Paragraph(p) => p.text.clone(),
                SourceBlock::Table(t) => format!("表{}行", t.rows.len()),
            })
            .collect()
    }

    #[test]
    fn paragraphs_headings_and_tables() {
        let b = blocks(
            "# 标题\n\n## 一、总结\n\n正文第一句，\n接着写。\n\n| 项目 | 数 |\n|---|---|\n| 甲 | 1 |\n",
        );
        assert_eq!(
            texts(&b),
            ["标题", "一、总结", "正文第一句，接着写。", "表2行"]
        );
    }
}
