//! Reading DOCX (Word and WPS) as Word displays it: automatic numbers from `numbering.xml`
//! (on the paragraph or through its style), tracked insertions in and deletions out, fields by
//! their result, content controls and smart tags by their content (placeholder text left out),
//! hidden text left out, text boxes once (after the paragraph that anchors them), soft line
//! breaks as new lines, tables with their merged cells.
//!
//! One quick-xml pass over `word/document.xml`; the parts come from the DOCX package layer.

use super::blocks::{Hints, Paragraph, SourceBlock, SourceCell, SourceTable, trim_blank};
use super::docx_numbering::{Numbering, Styles};
use crate::diagnostic::{Diagnostic, Location};
use crate::package::{Package, resolve_target};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// The parts the reader needs, as text.
pub struct DocxParts<'a> {
    /// `word/document.xml`.
    pub document: &'a str,
    /// `word/numbering.xml`, if the package has one.
    pub numbering: Option<&'a str>,
    /// `word/styles.xml`, if the package has one.
    pub styles: Option<&'a str>,
}

/// Subtrees whose content Word does not display.
const HIDDEN: &[&str] = &[
    "del",
    "moveFrom",
    "delText",
    "instrText",
    "sdtEndPr",
    "pPrChange",
    "rPrChange",
    "Fallback",
    "footnoteReference",
    "endnoteReference",
    "commentReference",
    "fldData",
    "tblPrChange",
    "trPrChange",
    "tcPrChange",
    "sectPrChange",
    "numberingChange",
    "tabs",
];

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| local(a.key.0) == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

fn on(e: &BytesStart) -> bool {
    attr(e, "val").is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off"))
}

#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    num: Option<(String, u8)>,
    centred: Option<bool>,
    outline: Option<u8>,
    boxes: Vec<Vec<String>>,
}

#[derive(Default)]
struct Cell {
    paragraphs: Vec<String>,
    span: usize,
    merge: Option<bool>,
}

#[derive(Default)]
struct Table {
    rows: Vec<(Vec<Cell>, bool)>,
    header: bool,
}

struct State<'n> {
    numbering: &'n mut Numbering,
    styles: &'n Styles,
    out: Vec<SourceBlock>,
    paras: Vec<Para>,
    tables: Vec<Table>,
    /// Open complex fields: true once past `separate` (the result shows).
    fields: Vec<bool>,
    /// Open content controls: true when showing placeholder text.
    sdts: Vec<bool>,
    in_sdt_pr: usize,
    in_ppr: bool,
    in_t: bool,
    run_hidden: bool,
    count: u32,
}

impl State<'_> {
    fn visible(&self) -> bool {
        self.fields.iter().all(|r| *r) && !self.run_hidden && self.in_sdt_pr == 0
    }

    fn push_text(&mut self, s: &str) {
        if self.in_t
            && self.visible()
            && let Some(p) = self.paras.last_mut()
        {
            p.text.push_str(s);
        }
    }

    fn push_char(&mut self, c: char) {
        if self.visible()
            && !self.in_ppr
            && let Some(p) = self.paras.last_mut()
        {
            p.text.push(c);
        }
    }

    /// A paragraph ends: its lines go to the cell, the host paragraph (a text box) or the body.
    fn end_paragraph(&mut self) {
        let Some(p) = self.paras.pop() else { return };
        let style = p.style.as_deref().and_then(|s| self.styles.get(s));
        let num = p.num.clone().or_else(|| style.and_then(|s| s.num.clone()));
        let (label, suffix) = match &num {
            Some((id, ilvl)) if id != "0" => self.numbering.label(id, *ilvl),
            _ => (String::new(), ""),
        };
        let text = format!("{label}{suffix}{}", p.text);
        let lines: Vec<String> = text
            .split('\n')
            .map(|l| trim_blank(l).to_string())
            .filter(|l| !l.is_empty())
            .collect();
        let mut all = lines.clone();
        for b in &p.boxes {
            all.extend(b.iter().cloned());
        }
        if let Some(host) = self.paras.last_mut() {
            host.boxes.push(all);
            return;
        }
        if let Some(t) = self.tables.last_mut() {
            if let Some(cell) = t.rows.last_mut().and_then(|(r, _)| r.last_mut()) {
                cell.paragraphs.extend(all);
            }
            return;
        }
        let hints = Hints {
            outline_level: p.outline.or(style.and_then(|s| s.outline)),
            bold: false,
            centred: p.centred.unwrap_or(style.is_some_and(|s| s.centred)),
            numbering: (!label.is_empty()).then_some(label),
        };
        for (i, line) in lines.into_iter().enumerate() {
            self.count += 1;
            self.out.push(SourceBlock::Paragraph(Paragraph {
                text: line,
                hints: if i == 0 {
                    hints.clone()
                } else {
                    Hints::default()
                },
                line: self.count,
            }));
        }
        for b in p.boxes.into_iter().flatten() {
            self.count += 1;
            self.out.push(SourceBlock::Paragraph(Paragraph {
                text: b,
                hints: Hints::default(),
                line: self.count,
            }));
        }
    }

    fn end_table(&mut self) {
        let Some(t) = self.tables.pop() else { return };
        // Vertical merges: a continuing cell adds a row to the cell above in its grid column.
        let mut table = SourceTable {
            line: self.count + 1,
            ..SourceTable::default()
        };
        let mut owners: Vec<Option<(usize, usize)>> = Vec::new();
        for (r, (cells, header)) in t.rows.into_iter().enumerate() {
            let mut row = Vec::new();
            let mut col = 0;
            for c in cells {
                let span = c.span.max(1);
                if owners.len() < col + span {
                    owners.resize(col + span, None);
                }
                if c.merge == Some(false) {
                    if let Some((or, oc)) = owners[col]
                        && let Some(cell) = table
                            .rows
                            .get_mut(or)
                            .and_then(|row: &mut Vec<SourceCell>| row.get_mut(oc))
                    {
                        cell.row_span = r - or + 1;
                    }
                } else {
                    let index = row.len();
                    row.push(SourceCell {
                        text: c.paragraphs.join("\n"),
                        row_span: 1,
                        col_span: span,
                    });
                    for o in owners.iter_mut().skip(col).take(span) {
                        *o = Some((r, index));
                    }
                }
                col += span;
            }
            if header && r == table.header_rows {
                table.header_rows += 1;
            }
            table.rows.push(row);
        }
        if let Some(outer) = self.tables.last_mut() {
            // A table inside a cell: its text joins the cell.
            if let Some(cell) = outer.rows.last_mut().and_then(|(r, _)| r.last_mut()) {
                for row in &table.rows {
                    cell.paragraphs.push(
                        row.iter()
                            .map(|c| c.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                    );
                }
            }
            return;
        }
        self.count += u32::try_from(table.rows.len()).unwrap_or(0);
        self.out.push(SourceBlock::Table(table));
    }

    fn start(&mut self, e: &BytesStart, empty: bool) {
        let name = local(e.name().0);
        match name {
            "p" => {
                self.paras.push(Para::default());
                if empty {
                    self.end_paragraph();
                }
            }
            "pPr" if !empty => self.in_ppr = true,
            "pStyle" if self.in_ppr => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = attr(e, "val");
                }
            }
            "numId" if self.in_ppr => {
                if let Some(p) = self.paras.last_mut() {
                    let id = attr(e, "val").unwrap_or_default();
                    let ilvl = p.num.as_ref().map_or(0, |n| n.1);
                    p.num = Some((id, ilvl));
                }
            }
            "ilvl" if self.in_ppr => {
                if let Some(p) = self.paras.last_mut() {
                    let ilvl = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(0);
                    let id = p.num.take().map(|n| n.0).unwrap_or_default();
                    p.num = Some((id, ilvl));
                }
            }
            "jc" if self.in_ppr => {
                if let Some(p) = self.paras.last_mut() {
                    p.centred = Some(attr(e, "val").as_deref() == Some("center"));
                }
            }
            "outlineLvl" if self.in_ppr => {
                if let Some(p) = self.paras.last_mut() {
                    p.outline = attr(e, "val")
                        .and_then(|v| v.parse::<u8>().ok())
                        .filter(|l| *l < 9)
                        .map(|l| l + 1);
                }
            }
            "r" => self.run_hidden = false,
            "vanish" | "specVanish" if !self.in_ppr => self.run_hidden = on(e),
            "t" if !empty => self.in_t = true,
            "tab" if !self.in_ppr => self.push_char('\t'),
            "br" | "cr" if attr(e, "type").is_none_or(|t| t == "textWrapping") => {
                self.push_char('\n');
            }
            "noBreakHyphen" => self.push_char('-'),
            "sym" => {
                let c = attr(e, "char")
                    .and_then(|h| u32::from_str_radix(&h, 16).ok())
                    .and_then(char::from_u32);
                if let Some(c) = c.filter(|c| !('\u{E000}'..='\u{F8FF}').contains(c)) {
                    self.push_char(c);
                }
            }
            "fldChar" => match attr(e, "fldCharType").as_deref() {
                Some("begin") => self.fields.push(false),
                Some("separate") => {
                    if let Some(f) = self.fields.last_mut() {
                        *f = true;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            "sdt" if !empty => self.sdts.push(false),
            "sdtPr" if !empty => self.in_sdt_pr += 1,
            "showingPlcHdr" if self.in_sdt_pr > 0 => {
                if let Some(s) = self.sdts.last_mut() {
                    *s = on(e);
                }
            }
            "tbl" if !empty => self.tables.push(Table::default()),
            "tr" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push((Vec::new(), false));
                }
            }
            "tblHeader" => {
                if let Some((_, h)) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    *h = on(e);
                }
            }
            "tc" if !empty => {
                if let Some((row, _)) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    row.push(Cell {
                        span: 1,
                        ..Cell::default()
                    });
                }
            }
            "gridSpan" => {
                if let Some(c) = self.cell() {
                    c.span = attr(e, "val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1)
                        .clamp(1, 64);
                }
            }
            "vMerge" => {
                if let Some(c) = self.cell() {
                    c.merge = Some(attr(e, "val").as_deref() == Some("restart"));
                }
            }
            _ => {}
        }
        let _ = self.tables.last().map(|t| t.header);
    }

    fn cell(&mut self) -> Option<&mut Cell> {
        self.tables.last_mut()?.rows.last_mut()?.0.last_mut()
    }

    fn end(&mut self, name: &str) {
        match name {
            "p" => self.end_paragraph(),
            "pPr" => self.in_ppr = false,
            "t" => self.in_t = false,
            "r" => self.run_hidden = false,
            "sdt" => {
                self.sdts.pop();
            }
            "sdtPr" => self.in_sdt_pr = self.in_sdt_pr.saturating_sub(1),
            "tbl" => self.end_table(),
            _ => {}
        }
    }
}

/// The XML problem as the user reads it.
fn xml_error(name: &str, part: &str, xml: &str, at: u64) -> Diagnostic {
    let at = usize::try_from(at).unwrap_or(xml.len()).min(xml.len());
    let before = xml.get(..at).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Diagnostic::error(
        "E-IMPORT-DOCX-XML",
        format!("{name} 已损坏：{part} 不是合法的 XML（第 {line} 行第 {column} 列）"),
    )
    .at(Location::new(name, 0, 0))
    .hint("请在 Word 或 WPS 中打开并重新另存为 .docx，再导入")
}

/// The displayed text of a DOCX's main document, as blocks.
pub fn blocks(name: &str, parts: &DocxParts) -> Result<Vec<SourceBlock>, Diagnostic> {
    let mut numbering = Numbering::parse(parts.numbering);
    let styles = Styles::parse(parts.styles);
    let mut st = State {
        numbering: &mut numbering,
        styles: &styles,
        out: Vec::new(),
        paras: Vec::new(),
        tables: Vec::new(),
        fields: Vec::new(),
        sdts: Vec::new(),
        in_sdt_pr: 0,
        in_ppr: false,
        in_t: false,
        run_hidden: false,
        count: 0,
    };
    let mut reader = Reader::from_str(parts.document);
    let mut hidden_depth = 0usize;
    loop {
        let event = reader.read_event().map_err(|_| {
            xml_error(
                name,
                "word/document.xml",
                parts.document,
                reader.error_position(),
            )
        })?;
        match event {
            Event::Start(e) => {
                let n = local(e.name().0).to_string();
                if hidden_depth > 0
                    || HIDDEN.contains(&n.as_str())
                    || (n == "sdtContent" && st.sdts.last() == Some(&true))
                {
                    hidden_depth += 1;
                    continue;
                }
                st.start(&e, false);
            }
            Event::Empty(e) if hidden_depth == 0 && !HIDDEN.contains(&local(e.name().0)) => {
                st.start(&e, true);
            }
            Event::End(e) => {
                if hidden_depth > 0 {
                    hidden_depth -= 1;
                    continue;
                }
                st.end(local(e.name().0));
            }
            Event::Text(t) if hidden_depth == 0 => st.push_text(&t.xml10_content()),
            Event::CData(t) if hidden_depth == 0 => {
                st.push_text(&t.xml10_content());
            }
            Event::GeneralRef(r) if hidden_depth == 0 => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*r.xml10_content() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    st.push_text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !st.paras.is_empty() || !st.tables.is_empty() {
        return Err(xml_error(
            name,
            "word/document.xml",
            parts.document,
            reader.buffer_position(),
        ));
    }
    Ok(st.out)
}

/// Reads a DOCX package's bytes into blocks: the package layer ([`crate::package`]) opens the
/// zip (and tells encrypted, old `.doc`, PDF, image, spreadsheet … from a Word document); the
/// main document and the numbering and styles parts it refers to are then read here.
pub fn read_package(name: &str, bytes: &[u8]) -> Result<Vec<SourceBlock>, Diagnostic> {
    let package = Package::read_docx(name, bytes)?;
    let main = package.main_document()?;
    let rels = package.relationships(&main)?;
    let target = |kind: &str| {
        rels.items
            .iter()
            .find(|r| !r.external && r.rel_type.rsplit('/').next() == Some(kind))
            .and_then(|r| resolve_target(&main, r))
    };
    let text = |part: &str| -> Result<Option<&str>, Diagnostic> {
        match package.part(part) {
            None => Ok(None),
            Some(bytes) => utf8(name, part, bytes).map(Some),
        }
    };
    let document = text(&main)?.unwrap_or_default();
    let numbering = match target("numbering") {
        Some(p) => text(&p)?,
        None => None,
    };
    let styles = match target("styles") {
        Some(p) => text(&p)?,
        None => None,
    };
    blocks(
        name,
        &DocxParts {
            document,
            numbering,
            styles,
        },
    )
}

/// A part's bytes as UTF-8 text (a BOM dropped).
fn utf8<'b>(name: &str, part: &str, bytes: &'b [u8]) -> Result<&'b str, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|_| {
        Diagnostic::error(
            "E-IMPORT-DOCX-XML",
            format!("{name} 已损坏：{part} 不是 UTF-8 编码的 XML"),
        )
        .at(Location::new(name, 0, 0))
        .hint("请在 Word 或 WPS 中打开并重新另存为 .docx，再导入")
    })
}
