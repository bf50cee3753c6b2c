//! Building the document model from composed Markdown: pulldown-cmark events (no smart
//! punctuation) → title, numbered headings (run-in for levels 3–4), paragraphs, "一是…" lists,
//! tables, sign-off and attachments.
//!
//! Mapping rules: `#`–`####` are heading levels 1–4 (numbers are added afterwards, never taken
//! from the text); levels 3–4 take the next paragraph as run-in text unless marked `{.block}`,
//! levels 1–2 only when marked `{.run-in}`; an ordered list becomes "一是…二是…" paragraphs, a
//! bullet list plain paragraphs; a Markdown table becomes a grid with its header row; raw HTML,
//! code and math are kept as text. Markers (see `composed`) become figures inline, and the title,
//! sign-off, attachments and statutory tables as blocks. Soft line breaks vanish between CJK
//! characters (`inline`).

use super::composed::{Composed, Marker, Piece, split_markers};
use super::inline::{Run, SOFT, close_run_in, resolve_inlines, trim_inlines};
use super::numbering::number_document;
use super::{
    Align, Attachment, Block, Cell, Column, Document, Heading, Inline, Table, TableBuilder,
};
use crate::diagnostic::Diagnostic;
use crate::numbers::chinese_numeral;
use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;

/// Builds the numbered document from composed Markdown; `tables` are the tables the table
/// markers name (an id missing here is an `E-TEMPLATE-TABLE` error).
///
/// The attachment note is made from the attachments' titles, and headings are numbered last,
/// body and each attachment on their own, so the result is the complete model every backend
/// renders. The only errors are a table that cannot be built and a table id not in `tables`.
pub fn build(
    composed: &Composed,
    tables: &BTreeMap<String, Table>,
) -> Result<Document, Diagnostic> {
    let mut b = Builder::new(composed, tables);
    let options = Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES;
    for event in Parser::new_ext(&composed.markdown, options) {
        b.event(event)?;
    }
    b.flush_paragraph()?;
    let mut doc = b.doc;
    doc.attachment_note = doc.attachments.iter().map(|a| a.title.clone()).collect();
    number_document(&mut doc);
    Ok(doc)
}

/// An open list: ordered lists become "一是…二是…" paragraphs, bullets plain paragraphs.
struct ListState {
    /// Numbered (`1.`) rather than bulleted.
    ordered: bool,
    /// Items seen so far.
    count: u64,
}

/// A Markdown table being collected, cell by cell.
struct TableState {
    /// The alignment row (`|:--|--:|`), one per column.
    aligns: Vec<Alignment>,
    /// Rows of cells of inlines, header rows first.
    rows: Vec<Vec<Vec<Inline>>>,
    /// How many leading rows are the header.
    head_rows: usize,
    /// Inside the header row.
    in_head: bool,
}

/// The state of one build: the document so far and what is open (run, heading, lists, table).
struct Builder<'c> {
    /// The input: Markdown, figures, sign-off.
    composed: &'c Composed,
    /// The tables table markers may name.
    tables: &'c BTreeMap<String, Table>,
    /// The document built so far (attachments collect their own blocks).
    doc: Document,
    /// The paragraph, heading or cell text being collected.
    run: Option<Run>,
    /// The heading being collected: (level, run-in allowed).
    heading: Option<(u8, bool)>,
    /// The last block is a heading that may take the next paragraph as its run-in text.
    run_in_open: bool,
    /// Open lists, innermost last.
    lists: Vec<ListState>,
    /// The Markdown table being collected.
    table: Option<TableState>,
    /// Markdown tables so far, for their ids (`md-table-N`).
    tables_seen: usize,
}

/// Markdown heading levels as document levels; `#####` and deeper count as level 4.
fn level_of(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        _ => 4,
    }
}

impl<'c> Builder<'c> {
    /// A builder with nothing open.
    fn new(composed: &'c Composed, tables: &'c BTreeMap<String, Table>) -> Self {
        Builder {
            composed,
            tables,
            doc: Document::default(),
            run: None,
            heading: None,
            run_in_open: false,
            lists: Vec::new(),
            table: None,
            tables_seen: 0,
        }
    }

    /// The open run, opening one if none is.
    fn run(&mut self) -> &mut Run {
        self.run.get_or_insert_with(Run::new)
    }

    /// Moves raw text into inlines, splitting it at markers.
    fn settle_text(&mut self) -> Result<(), Diagnostic> {
        let Some(run) = self.run.as_mut() else {
            return Ok(());
        };
        if run.text.is_empty() {
            return Ok(());
        }
        let text = std::mem::take(&mut run.text);
        for piece in split_markers(&text) {
            match piece {
                Piece::Text(t) => run.push_inline(Inline::Text(t.to_string())),
                Piece::Mark(Marker::Figure(n)) => {
                    let f = self.composed.figures.get(n).cloned().ok_or_else(|| {
                        Diagnostic::error(
                            "E-INTERNAL",
                            format!("文稿中的第{n}个指标标记没有对应的指标"),
                        )
                    })?;
                    run.push_inline(Inline::Figure(f));
                }
                Piece::Mark(m) => run.marks.push(m),
            }
        }
        Ok(())
    }

    /// Where blocks go now: the last attachment's blocks once one has started, else the body.
    fn blocks(&mut self) -> &mut Vec<Block> {
        match self.doc.attachments.last_mut() {
            Some(a) => &mut a.blocks,
            None => &mut self.doc.blocks,
        }
    }

    /// Adds a block; a heading's run-in chance ends with any block.
    fn push_block(&mut self, block: Block) {
        self.run_in_open = false;
        self.blocks().push(block);
    }

    /// Ends the open run as a paragraph (or title, or block markers).
    ///
    /// A run holding the title marker becomes the title (its soft breaks become line breaks);
    /// block markers in the run take effect after its text: the sign-off, a new attachment
    /// (later blocks go into it), or a table (`E-TEMPLATE-TABLE` when the run lacks it).
    fn flush_paragraph(&mut self) -> Result<(), Diagnostic> {
        self.settle_text()?;
        let Some(mut run) = self.run.take() else {
            return Ok(());
        };
        while run.stack.len() > 1 {
            let inner = run.stack.pop().unwrap_or_default();
            run.top().push(Inline::Strong(inner));
        }
        let is_title = run.marks.contains(&Marker::Title);
        let inlines = trim_inlines(resolve_inlines(
            run.stack.pop().unwrap_or_default(),
            is_title,
        ));
        if is_title {
            self.doc.title = Inline::plain(&inlines).trim().to_string();
        } else if !inlines.is_empty() {
            self.paragraph(inlines);
        }
        for mark in run.marks {
            match mark {
                Marker::Title | Marker::Figure(_) => {}
                Marker::SignOff => {
                    self.doc.sign_off = self.composed.sign_off.clone();
                    self.run_in_open = false;
                }
                Marker::Attachment(title) => {
                    let number = u32::try_from(self.doc.attachments.len() + 1).unwrap_or(u32::MAX);
                    self.doc.attachments.push(Attachment {
                        number,
                        title,
                        blocks: Vec::new(),
                    });
                    self.run_in_open = false;
                }
                Marker::Table(id) => {
                    let table = self.tables.get(&id).cloned().ok_or_else(|| {
                        Diagnostic::error(
                            "E-TEMPLATE-TABLE",
                            format!("模板要放置的表格“{id}”不存在"),
                        )
                    })?;
                    self.push_block(Block::Table(table));
                }
            }
        }
        Ok(())
    }

    /// A body paragraph, or the run-in text of the heading just before it.
    fn paragraph(&mut self, inlines: Vec<Inline>) {
        if self.run_in_open
            && let Some(Block::Heading(h)) = self.blocks().last_mut()
        {
            close_run_in(&mut h.content);
            h.run_in = Some(inlines);
            self.run_in_open = false;
            return;
        }
        self.push_block(Block::Paragraph(inlines));
    }

    /// A new list item: ends the previous item's paragraph and, in an ordered list, starts the
    /// next with "N是".
    fn start_item(&mut self) -> Result<(), Diagnostic> {
        self.flush_paragraph()?;
        let prefix = match self.lists.last_mut() {
            Some(l) if l.ordered => {
                l.count += 1;
                Some(format!("{}是", chinese_numeral(l.count)))
            }
            _ => None,
        };
        let run = self.run();
        if let Some(p) = prefix {
            run.push_inline(Inline::Text(p));
        }
        Ok(())
    }

    /// Turns the collected Markdown table into a grid (`E-TABLE` if it cannot be built): header
    /// cells centred, body cells aligned per the alignment row.
    fn end_table(&mut self) -> Result<(), Diagnostic> {
        let Some(t) = self.table.take() else {
            return Ok(());
        };
        self.tables_seen += 1;
        let width = t.aligns.len().max(1);
        let columns = t
            .aligns
            .iter()
            .map(|a| Column {
                width: 1,
                align: match a {
                    Alignment::Right => Align::Right,
                    Alignment::Center => Align::Center,
                    _ => Align::Left,
                },
            })
            .collect::<Vec<_>>();
        let mut builder = TableBuilder::new(
            format!("md-table-{}", self.tables_seen),
            columns.clone(),
            t.head_rows,
        );
        let texts: Vec<Vec<String>> = t
            .rows
            .iter()
            .map(|row| row.iter().map(|c| Inline::plain(c)).collect())
            .collect();
        let places = super::spans::places(&texts, width);
        for (r, (row, row_places)) in t.rows.into_iter().zip(&places).enumerate() {
            for (c, place) in row_places.iter().enumerate().take(width) {
                let (row_span, col_span) = match *place {
                    super::spans::Place::Cell(rs, cs) => (rs, cs),
                    super::spans::Place::Covered => continue,
                };
                let content = row.get(c).cloned().unwrap_or_default();
                let header = r < t.head_rows;
                let align = if header {
                    Align::Center
                } else {
                    columns.get(c).map_or(Align::Left, |col| col.align)
                };
                let cell = Cell {
                    content,
                    row_span,
                    col_span,
                    align,
                    header,
                };
                builder
                    .place(r, c, cell)
                    .map_err(|e| Diagnostic::error("E-TABLE", e.0))?;
            }
        }
        let table: Table = builder
            .build()
            .map_err(|e| Diagnostic::error("E-TABLE", e.0))?;
        self.push_block(Block::Table(table));
        Ok(())
    }

    /// Handles one pulldown-cmark event; text of every kind (code, raw HTML, math) is kept as text.
    fn event(&mut self, event: Event<'_>) -> Result<(), Diagnostic> {
        match event {
            Event::Start(tag) => self.start(tag)?,
            Event::End(tag) => self.end(tag)?,
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                let t = t.trim_end_matches('\n').replace('\n', &SOFT.to_string());
                self.run().text.push_str(&t);
            }
            Event::InlineMath(t) | Event::DisplayMath(t) | Event::FootnoteReference(t) => {
                self.run().text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => self.run().text.push(SOFT),
            Event::Rule | Event::TaskListMarker(_) => {}
        }
        Ok(())
    }

    /// Opens a heading, paragraph, list, item, bold span or table.
    fn start(&mut self, tag: Tag<'_>) -> Result<(), Diagnostic> {
        match tag {
            Tag::Heading { level, classes, .. } => {
                self.flush_paragraph()?;
                let level = level_of(level);
                let has = |c: &str| classes.iter().any(|x| x.as_ref() == c);
                let run_in = (level >= 3 && !has("block")) || has("run-in");
                self.heading = Some((level, run_in));
                self.run = Some(Run::new());
            }
            Tag::Paragraph => {
                let in_item = !self.lists.is_empty();
                let keep = in_item
                    && self.run.as_ref().is_some_and(|r| {
                        r.marks.is_empty()
                            && r.text.is_empty()
                            && r.stack
                                .iter()
                                .flatten()
                                .all(|i| matches!(i, Inline::Text(_)))
                            && r.stack.iter().map(Vec::len).sum::<usize>() <= 1
                    });
                if !keep {
                    self.flush_paragraph()?;
                }
            }
            Tag::HtmlBlock | Tag::CodeBlock(_) => self.flush_paragraph()?,
            Tag::List(start) => {
                self.flush_paragraph()?;
                self.lists.push(ListState {
                    ordered: start.is_some(),
                    count: 0,
                });
            }
            Tag::Item => self.start_item()?,
            Tag::Strong => {
                self.settle_text()?;
                self.run().stack.push(Vec::new());
            }
            Tag::Table(aligns) => {
                self.flush_paragraph()?;
                self.table = Some(TableState {
                    aligns,
                    rows: Vec::new(),
                    head_rows: 0,
                    in_head: false,
                });
            }
            Tag::TableHead => {
                if let Some(t) = self.table.as_mut() {
                    t.in_head = true;
                    t.rows.push(Vec::new());
                }
            }
            Tag::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    t.rows.push(Vec::new());
                }
            }
            Tag::TableCell => self.run = Some(Run::new()),
            _ => {}
        }
        Ok(())
    }

    /// The inlines of the open run, for headings and cells.
    fn take_inlines(&mut self) -> Result<Vec<Inline>, Diagnostic> {
        self.settle_text()?;
        let mut run = self.run.take().unwrap_or_default();
        while run.stack.len() > 1 {
            let inner = run.stack.pop().unwrap_or_default();
            run.top().push(Inline::Strong(inner));
        }
        Ok(trim_inlines(resolve_inlines(
            run.stack.pop().unwrap_or_default(),
            false,
        )))
    }

    /// Closes what `start` opened, turning collected text into blocks.
    fn end(&mut self, tag: TagEnd) -> Result<(), Diagnostic> {
        match tag {
            TagEnd::Heading(_) => {
                let content = self.take_inlines()?;
                if let Some((level, run_in)) = self.heading.take() {
                    self.push_block(Block::Heading(Heading {
                        level,
                        number: String::new(),
                        content,
                        run_in: None,
                    }));
                    self.run_in_open = run_in;
                }
            }
            TagEnd::Paragraph if self.lists.is_empty() => self.flush_paragraph()?,
            TagEnd::HtmlBlock | TagEnd::CodeBlock | TagEnd::Item => self.flush_paragraph()?,
            TagEnd::List(_) => {
                self.flush_paragraph()?;
                self.lists.pop();
            }
            TagEnd::Strong => {
                self.settle_text()?;
                let run = self.run();
                if run.stack.len() > 1 {
                    let inner = run.stack.pop().unwrap_or_default();
                    run.push_inline(Inline::Strong(inner));
                }
            }
            TagEnd::TableCell => {
                let content = self.take_inlines()?;
                if let Some(row) = self.table.as_mut().and_then(|t| t.rows.last_mut()) {
                    row.push(content);
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = self.table.as_mut() {
                    t.in_head = false;
                    t.head_rows = t.rows.len();
                }
            }
            TagEnd::Table => self.end_table()?,
            _ => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{FigureRef, SignOff};

    fn doc(md: &str) -> Document {
        let composed = Composed {
            markdown: md.to_string(),
            figures: vec![FigureRef {
                text: "311881".into(),
                key: "jumin_canbao_renshu".into(),
                source: None,
                pending: false,
                anchor: "fig(key=jumin_canbao_renshu)".into(),
                name: "城乡居民参保人数".into(),
            }],
            sign_off: Some(SignOff {
                agency: "某局".into(),
                date: "2021年1月7日".into(),
            }),
        };
        build(&composed, &BTreeMap::new()).unwrap_or_default()
    }

    #[test]
    fn soft_breaks_between_cjk_vanish() {
        let d = doc("参保人数\n为311881人，\nabout\nten 人。\n");
        assert_eq!(
            d.blocks,
            vec![Block::Paragraph(vec![Inline::Text(
                "参保人数为311881人，about ten 人。".into()
            )])]
        );
    }

    #[test]
    fn run_in_headings_and_lists() {
        let d = doc(
            "# 总结\n\n## 稽核\n\n### 对定点医疗机构的稽核和监管\n\n根据文件。\n\n### 标题二。\n\n### 独立 {.block}\n\n正文\n\n1. 全面领跑树标杆。\n2. 一站结算少垫付。\n",
        );
        let plain: Vec<String> = d
            .blocks
            .iter()
            .map(|b| match b {
                Block::Heading(h) => format!(
                    "{}{}|{}",
                    h.number,
                    Inline::plain(&h.content),
                    h.run_in.as_deref().map(Inline::plain).unwrap_or_default()
                ),
                Block::Paragraph(p) => Inline::plain(p),
                Block::Table(_) => "table".into(),
            })
            .collect();
        assert_eq!(
            plain,
            [
                "一、总结|",
                "（一）稽核|",
                "1.对定点医疗机构的稽核和监管。|根据文件。",
                "2.标题二。|",
                "3.独立|",
                "正文",
                "一是全面领跑树标杆。",
                "二是一站结算少垫付。",
            ]
        );
    }

    #[test]
    fn markers_become_title_figures_signoff() {
        let md = format!(
            "{}某局2020年度\n工作总结\n\n参保{}人。\n\n{}\n",
            Marker::Title.encode(),
            Marker::Figure(0).encode(),
            Marker::SignOff.encode()
        );
        let d = doc(&md);
        assert_eq!(d.title, "某局2020年度\n工作总结");
        assert!(
            matches!(&d.blocks[0], Block::Paragraph(p) if matches!(&p[1], Inline::Figure(f) if f.text == "311881"))
        );
        assert_eq!(d.sign_off.map(|s| s.agency), Some("某局".to_string()));
    }

    #[test]
    fn raw_html_is_text() {
        let d = doc("<script>alert(1)</script>\n\n正文<b>x</b>\n");
        assert_eq!(
            d.blocks,
            vec![
                Block::Paragraph(vec![Inline::Text("<script>alert(1)</script>".into())]),
                Block::Paragraph(vec![Inline::Text("正文<b>x</b>".into())]),
            ]
        );
    }

    #[test]
    fn attachments_collect_their_blocks_and_the_note() {
        let md = format!(
            "正文。\n\n{}\n\n{}\n\n## 表一\n\n说明。\n\n{}\n\n{}\n",
            Marker::SignOff.encode(),
            Marker::Attachment("主动公开政府信息情况".into()).encode(),
            Marker::Table("t1".into()).encode(),
            Marker::Attachment("收到和处理申请情况".into()).encode(),
        );
        let composed = Composed {
            markdown: md,
            ..Composed::default()
        };
        let mut tables = BTreeMap::new();
        let table = TableBuilder::new(
            "t1",
            vec![Column {
                width: 1,
                align: Align::Left,
            }],
            0,
        );
        let mut table = table;
        let placed = table.place(0, 0, Cell::label("甲"));
        assert!(placed.is_ok());
        if let Ok(t) = table.build() {
            tables.insert("t1".to_string(), t);
        }
        let d = build(&composed, &tables).unwrap_or_default();
        assert_eq!(d.blocks.len(), 1);
        assert_eq!(
            d.attachment_note,
            ["主动公开政府信息情况", "收到和处理申请情况"]
        );
        assert_eq!(d.attachments.len(), 2);
        assert_eq!(d.attachments[1].number, 2);
        let first = &d.attachments[0].blocks;
        assert!(matches!(&first[0], Block::Heading(h) if h.number == "（一）"));
        assert!(matches!(&first[2], Block::Table(t) if t.id == "t1"));
    }
}
