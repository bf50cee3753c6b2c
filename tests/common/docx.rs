//! DOCX tables read back from `word/document.xml`: grid, header rows, every cell with its
//! spans (`w:gridSpan`, `w:vMerge`) and text.

use super::spec::Placed;
use std::io::Read as _;

// ---------------------------------------------------------------------------------------------
// DOCX read back: w:tbl → w:tr → w:tc with w:gridSpan and w:vMerge
// ---------------------------------------------------------------------------------------------

/// A table read back from `word/document.xml`.
#[derive(Debug, Default)]
pub struct DocxTable {
    pub grid_columns: usize,
    /// Rows marked `w:tblHeader` (repeated on each page).
    pub header_rows: usize,
    pub rows: usize,
    pub cells: Vec<Placed>,
}

impl DocxTable {
    pub fn merged(&self) -> Vec<Placed> {
        self.cells
            .iter()
            .filter(|(_, _, rs, cs, _)| *rs > 1 || *cs > 1)
            .cloned()
            .collect()
    }
}

/// One `w:tc` as written: its grid span, its vMerge (None, restart, continue) and its text.
#[derive(Debug, Default)]
pub struct Tc {
    pub span: usize,
    pub vmerge: Option<bool>,
    pub text: String,
}

pub fn attr(e: &quick_xml::events::BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find_map(|a| (a.key.as_ref() == key).then(|| a.value.to_string()))
}

/// Every table of a DOCX package, in document order.
pub fn docx_tables(bytes: &[u8]) -> Result<Vec<DocxTable>, Box<dyn std::error::Error>> {
    use quick_xml::events::Event;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")?.read_to_string(&mut xml)?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut tables = Vec::new();
    let mut rows: Vec<Vec<Tc>> = Vec::new();
    let (mut table, mut tc, mut in_t) = (DocxTable::default(), None::<Tc>, false);
    loop {
        let event = reader.read_event()?;
        let (start, e) = match &event {
            Event::Start(e) => (true, Some(e)),
            Event::Empty(e) => (false, Some(e)),
            _ => (false, None),
        };
        if let Some(e) = e {
            match e.name().as_ref() {
                "w:tbl" => {
                    table = DocxTable::default();
                    rows.clear();
                }
                "w:gridCol" => table.grid_columns += 1,
                "w:tr" => rows.push(Vec::new()),
                "w:tblHeader" => table.header_rows += 1,
                "w:tc" => {
                    tc = Some(Tc {
                        span: 1,
                        ..Tc::default()
                    })
                }
                "w:gridSpan" => {
                    if let (Some(c), Some(v)) = (tc.as_mut(), attr(e, "w:val")) {
                        c.span = v.parse()?;
                    }
                }
                "w:vMerge" => {
                    if let Some(c) = tc.as_mut() {
                        c.vmerge = Some(attr(e, "w:val").as_deref() == Some("restart"));
                    }
                }
                "w:t" => in_t = start,
                _ => {}
            }
        }
        match event {
            Event::Text(t) if in_t => {
                if let Some(c) = tc.as_mut() {
                    c.text.push_str(&t);
                }
            }
            Event::GeneralRef(r) if in_t => {
                if let Some(c) = tc.as_mut() {
                    c.text.push_str(match r.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        _ => "'",
                    });
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_t = false,
                "w:tc" => {
                    if let (Some(c), Some(row)) = (tc.take(), rows.last_mut()) {
                        row.push(c);
                    }
                }
                "w:tbl" => {
                    table.rows = rows.len();
                    for (r, row) in rows.iter().enumerate() {
                        let mut col = 0;
                        for c in row {
                            if c.vmerge == Some(false) {
                                let above = table
                                    .cells
                                    .iter_mut()
                                    .rev()
                                    .find(|p| p.1 == col + 1)
                                    .ok_or("vMerge continue without a start")?;
                                above.2 += 1;
                            } else {
                                table
                                    .cells
                                    .push((r + 1, col + 1, 1, c.span, c.text.clone()));
                            }
                            col += c.span;
                        }
                    }
                    tables.push(std::mem::take(&mut table));
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(tables)
}
