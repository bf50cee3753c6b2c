//! Reading WordprocessingML parts (`word/document.xml`, `docProps/custom.xml`) as a tree of
//! elements that remembers where each element is in the part's text, so that a reader that edits
//! a document (`wengao update`) can replace exactly the elements it changes and leave every other
//! byte as the writer's word processor saved it.
//!
//! - [`Tree::parse`]: every element with its namespace (is it `w:`?), local name, attributes,
//!   byte span, the end of its start tag and its children, in document order. Text and other
//!   markup between elements are not nodes; they stay in the part's text.
//! - [`paragraphs`]: every `w:p` with its visible text as a reader sees it (deleted text and
//!   field codes left out, inserted text in), each character traced back to its run and `w:t`.
//! - [`tables`]: every `w:tbl` with its rows and cells on the grid (`gridBefore`, `gridSpan`),
//!   and the label of each row (its first cell, or the merged cell above it).
//!
//! The part is never re-serialised: edits are splices of the part's text (see `update`).

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use std::ops::Range;

/// The WordprocessingML main namespace.
pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// One element of a parsed part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The local name (`p`, `r`, `t`, `bookmarkStart`).
    pub local: String,
    /// In the WordprocessingML main namespace.
    pub w: bool,
    /// Attributes as (local name, unescaped value), in order.
    pub attrs: Vec<(String, String)>,
    /// From its `<` to the end of its end tag (or of `/>`).
    pub span: Range<usize>,
    /// The end of its start tag (equal to `span.end` for an empty element).
    pub open_end: usize,
    /// Its parent (`None` for the root).
    pub parent: Option<usize>,
    /// Its child elements, in order.
    pub children: Vec<usize>,
}

impl Node {
    /// The value of the attribute with this local name.
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == local)
            .map(|(_, v)| v.as_str())
    }

    /// Whether it is the WordprocessingML element `w:<local>`.
    pub fn is(&self, local: &str) -> bool {
        self.w && self.local == local
    }

    /// The character data between its tags (empty for an empty element).
    pub fn inner<'x>(&self, xml: &'x str) -> &'x str {
        let end = self.span.end;
        let close = xml[self.open_end..end]
            .rfind("</")
            .map(|i| self.open_end + i);
        match close {
            Some(c) if self.open_end < end => &xml[self.open_end..c],
            _ => "",
        }
    }
}

/// A parsed part: its elements in document order (`nodes[0]` is the root).
#[derive(Debug, Clone, Default)]
pub struct Tree {
    /// Every element, in the order its start tag appears.
    pub nodes: Vec<Node>,
}

impl Tree {
    /// Parses a part; `Err` carries the parser's reason (the caller words the diagnostic).
    pub fn parse(xml: &str) -> Result<Tree, String> {
        let mut reader = NsReader::from_str(xml);
        let mut nodes: Vec<Node> = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        loop {
            let before = usize::try_from(reader.buffer_position()).map_err(|e| e.to_string())?;
            let (ns, event) = reader.read_resolved_event().map_err(|e| e.to_string())?;
            let w = matches!(ns, ResolveResult::Bound(n) if n.as_ref() == W_NS);
            let after = usize::try_from(reader.buffer_position()).map_err(|e| e.to_string())?;
            match event {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(event, Event::Empty(_));
                    let index = nodes.len();
                    let parent = stack.last().copied();
                    nodes.push(node(e, w, before, after, parent)?);
                    if let Some(p) = parent {
                        nodes[p].children.push(index);
                    }
                    if !empty {
                        stack.push(index);
                    }
                }
                Event::End(_) => {
                    let Some(open) = stack.pop() else {
                        return Err("多余的结束标记".to_string());
                    };
                    nodes[open].span.end = after;
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if !stack.is_empty() {
            return Err("元素没有结束".to_string());
        }
        if nodes.is_empty() {
            return Err("没有任何元素".to_string());
        }
        Ok(Tree { nodes })
    }

    /// The elements below `index` in document order (not `index` itself).
    pub fn descendants(&self, index: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack: Vec<usize> = self.nodes[index].children.iter().rev().copied().collect();
        while let Some(i) = stack.pop() {
            out.push(i);
            stack.extend(self.nodes[i].children.iter().rev());
        }
        out
    }

    /// The first child of `index` that is `w:<local>`.
    pub fn child(&self, index: usize, local: &str) -> Option<usize> {
        self.nodes[index]
            .children
            .iter()
            .copied()
            .find(|&c| self.nodes[c].is(local))
    }

    /// Whether `index` lies inside an element `w:<local>`.
    pub fn inside(&self, index: usize, local: &str) -> Option<usize> {
        let mut at = self.nodes[index].parent;
        while let Some(p) = at {
            if self.nodes[p].is(local) {
                return Some(p);
            }
            at = self.nodes[p].parent;
        }
        None
    }

    /// The largest numeric `w:id` in the part (0 when none): new revisions take ids above it.
    pub fn max_id(&self) -> u64 {
        self.nodes
            .iter()
            .filter_map(|n| n.attr("id"))
            .filter_map(|v| v.parse::<u64>().ok())
            .max()
            .unwrap_or(0)
    }
}

/// One parsed element from its start tag.
fn node(
    e: &BytesStart<'_>,
    w: bool,
    start: usize,
    open_end: usize,
    parent: Option<usize>,
) -> Result<Node, String> {
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| e.to_string())?
            .into_owned();
        let local = a.key.local_name().as_ref().to_string();
        attrs.push((local, value));
    }
    Ok(Node {
        local: e.local_name().as_ref().to_string(),
        w,
        attrs,
        span: start..open_end,
        open_end,
        parent,
        children: Vec::new(),
    })
}

/// The unescaped text of a `w:t` (or `w:delText`) element.
pub fn text_of(tree: &Tree, xml: &str, index: usize) -> String {
    let raw = tree.nodes[index].inner(xml);
    quick_xml::escape::unescape(raw)
        .map(|c| c.into_owned())
        .unwrap_or_else(|_| raw.to_string())
}

/// Where one character of a paragraph's text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Character `offset` of the `w:t` element `t` in run `run`.
    Text {
        /// The run (`w:r`).
        run: usize,
        /// The `w:t` element.
        t: usize,
        /// The character's index in the element's text.
        offset: usize,
    },
    /// A tab, break or other run content standing for one character (it cannot be split).
    Mark {
        /// The run (`w:r`).
        run: usize,
    },
}

impl Source {
    /// The run the character belongs to.
    pub fn run(&self) -> usize {
        match *self {
            Source::Text { run, .. } | Source::Mark { run } => run,
        }
    }
}

/// A paragraph as a reader sees it.
#[derive(Debug, Clone, Default)]
pub struct Paragraph {
    /// The `w:p` element.
    pub node: usize,
    /// Its visible text: deleted text and field codes left out; tabs `\t`, breaks `\n`.
    pub text: Vec<char>,
    /// Where each character of `text` comes from.
    pub sources: Vec<Source>,
    /// The names of the bookmarks that start in it.
    pub bookmarks: Vec<String>,
    /// Its paragraph style id.
    pub style: Option<String>,
    /// Its outline level written on the paragraph itself (`w:outlineLvl`), 0 = level 1.
    pub outline: Option<u8>,
    /// Its table cell: (table, row, grid column), 0-based, tables in document order.
    pub cell: Option<(usize, usize, usize)>,
}

impl Paragraph {
    /// The text as a string.
    pub fn string(&self) -> String {
        self.text.iter().collect()
    }
}

/// Every paragraph of a part, in document order; table cells are filled from `tables`.
pub fn paragraphs(tree: &Tree, xml: &str, tables: &[Table]) -> Vec<Paragraph> {
    let mut cells = crate::hashed::HashMap::default();
    for (ti, t) in tables.iter().enumerate() {
        for (ri, r) in t.rows.iter().enumerate() {
            for c in &r.cells {
                cells.insert(c.node, (ti, ri, c.column));
            }
        }
    }
    let mut out = Vec::new();
    for (i, n) in tree.nodes.iter().enumerate() {
        if n.is("p") {
            let mut p = paragraph(tree, xml, i);
            p.cell = tree.inside(i, "tc").and_then(|tc| cells.get(&tc).copied());
            out.push(p);
        }
    }
    out
}

/// One paragraph: its text, where each character comes from, its bookmarks and style.
fn paragraph(tree: &Tree, xml: &str, p: usize) -> Paragraph {
    let mut out = Paragraph {
        node: p,
        ..Paragraph::default()
    };
    if let Some(ppr) = tree.child(p, "pPr") {
        if let Some(s) = tree.child(ppr, "pStyle") {
            out.style = tree.nodes[s].attr("val").map(str::to_string);
        }
        if let Some(o) = tree.child(ppr, "outlineLvl") {
            out.outline = tree.nodes[o].attr("val").and_then(|v| v.parse().ok());
        }
    }
    // Field codes sit between a `begin` and a `separate` (or `end`) fldChar.
    let mut in_code = 0usize;
    let mut skip_below: Option<Range<usize>> = None;
    for i in tree.descendants(p) {
        let n = &tree.nodes[i];
        if let Some(r) = &skip_below {
            if r.contains(&n.span.start) {
                continue;
            }
            skip_below = None;
        }
        if n.is("p") || n.is("del") || n.is("moveFrom") || n.is("pPr") || n.is("rPr") {
            // A nested paragraph (text box) is a paragraph of its own; deletions are not seen.
            skip_below = Some(n.span.clone());
            continue;
        }
        if n.is("bookmarkStart") {
            if let Some(name) = n.attr("name") {
                out.bookmarks.push(name.to_string());
            }
            continue;
        }
        let Some(run) = n.parent.filter(|&r| tree.nodes[r].is("r")) else {
            continue;
        };
        match n.local.as_str() {
            _ if !n.w => {}
            "fldChar" => match n.attr("fldCharType") {
                Some("begin") => in_code += 1,
                Some("separate") | Some("end") => in_code = in_code.saturating_sub(1),
                _ => {}
            },
            "t" if in_code == 0 => {
                for (offset, c) in text_of(tree, xml, i).chars().enumerate() {
                    out.text.push(c);
                    out.sources.push(Source::Text { run, t: i, offset });
                }
            }
            "tab" | "ptab" if in_code == 0 => {
                out.text.push('\t');
                out.sources.push(Source::Mark { run });
            }
            "br" | "cr" if in_code == 0 => {
                out.text.push('\n');
                out.sources.push(Source::Mark { run });
            }
            "noBreakHyphen" if in_code == 0 => {
                out.text.push('-');
                out.sources.push(Source::Mark { run });
            }
            _ => {}
        }
    }
    out
}

/// A table cell on the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridCell {
    /// The `w:tc` element.
    pub node: usize,
    /// Its first grid column, from 0.
    pub column: usize,
    /// Continues the vertical merge of the cell above.
    pub continues: bool,
}

/// A table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The `w:tr` element.
    pub node: usize,
    /// Its cells, left to right.
    pub cells: Vec<GridCell>,
    /// The text of its first cell, or of the merged cell above it.
    pub label: String,
}

/// A table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The `w:tbl` element.
    pub node: usize,
    /// Its rows, top to bottom.
    pub rows: Vec<Row>,
}

/// Every table of a part in document order, with each row's label.
pub fn tables(tree: &Tree, xml: &str) -> Vec<Table> {
    let mut out = Vec::new();
    for (i, n) in tree.nodes.iter().enumerate() {
        if n.is("tbl") {
            out.push(table(tree, xml, i));
        }
    }
    out
}

/// One table: rows, cells on the grid, row labels.
fn table(tree: &Tree, xml: &str, tbl: usize) -> Table {
    let mut rows = Vec::new();
    let mut labels_above: Vec<(usize, String)> = Vec::new();
    for &tr in &tree.nodes[tbl].children {
        if !tree.nodes[tr].is("tr") {
            continue;
        }
        let mut column = tree
            .child(tr, "trPr")
            .and_then(|p| tree.child(p, "gridBefore"))
            .and_then(|g| tree.nodes[g].attr("val"))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0usize);
        let mut cells = Vec::new();
        for tc in cells_of(tree, tr) {
            let pr = tree.child(tc, "tcPr");
            let span = pr
                .and_then(|p| tree.child(p, "gridSpan"))
                .and_then(|g| tree.nodes[g].attr("val"))
                .and_then(|v| v.parse().ok())
                .unwrap_or(1usize)
                .max(1);
            let continues = pr
                .and_then(|p| tree.child(p, "vMerge"))
                .is_some_and(|v| tree.nodes[v].attr("val").is_none_or(|v| v == "continue"));
            cells.push(GridCell {
                node: tc,
                column,
                continues,
            });
            column += span;
        }
        let label = match cells.first() {
            Some(c) if c.continues => labels_above
                .iter()
                .rev()
                .find(|(col, _)| *col == c.column)
                .map(|(_, l)| l.clone())
                .unwrap_or_default(),
            Some(c) => cell_text(tree, xml, c.node),
            None => String::new(),
        };
        if let Some(c) = cells.first() {
            labels_above.push((c.column, label.clone()));
        }
        rows.push(Row {
            node: tr,
            cells,
            label,
        });
    }
    Table { node: tbl, rows }
}

/// The cells of a row, including cells wrapped in content controls or custom XML.
fn cells_of(tree: &Tree, tr: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for &c in &tree.nodes[tr].children {
        let n = &tree.nodes[c];
        if n.is("tc") {
            out.push(c);
        } else if n.is("sdt") || n.is("customXml") {
            for d in tree.descendants(c) {
                if tree.nodes[d].is("tc") && tree.inside(d, "tc").is_none() {
                    out.push(d);
                }
            }
        }
    }
    out
}

/// The visible text of a cell's paragraphs, joined by line breaks.
pub fn cell_text(tree: &Tree, xml: &str, tc: usize) -> String {
    tree.descendants(tc)
        .into_iter()
        .filter(|&i| tree.nodes[i].is("p") && tree.inside(i, "tc") == Some(tc))
        .map(|p| paragraph(tree, xml, p).string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:bookmarkStart w:id="3" w:name="_fig1"/><w:bookmarkEnd w:id="3"/><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">参保&amp;</w:t><w:tab/></w:r><w:del w:id="9"><w:r><w:delText>旧</w:delText></w:r></w:del><w:ins w:id="10"><w:r><w:t>新</w:t></w:r></w:ins><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p><w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>合计</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#;

    #[test]
    fn paragraph_text_skips_deletions_and_field_codes() -> Result<(), String> {
        let tree = Tree::parse(DOC)?;
        let tables = tables(&tree, DOC);
        let ps = paragraphs(&tree, DOC, &tables);
        assert_eq!(ps[0].string(), "参保&\t新7");
        assert_eq!(ps[0].bookmarks, ["_fig1"]);
        assert_eq!(ps[0].style.as_deref(), Some("Heading1"));
        assert!(matches!(ps[0].sources[2], Source::Text { offset: 2, .. }));
        assert!(matches!(ps[0].sources[3], Source::Mark { .. }));
        assert_eq!(tree.max_id(), 10);
        Ok(())
    }

    #[test]
    fn cells_sit_on_the_grid_with_row_labels() -> Result<(), String> {
        let tree = Tree::parse(DOC)?;
        let t = tables(&tree, DOC);
        assert_eq!(t.len(), 1);
        let cols: Vec<Vec<usize>> = t[0]
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.column).collect())
            .collect();
        assert_eq!(cols, [vec![0, 1, 3], vec![0, 1]]);
        assert_eq!(t[0].rows[1].label, "合计");
        let ps = paragraphs(&tree, DOC, &t);
        let three = ps.iter().find(|p| p.string() == "3");
        assert_eq!(three.and_then(|p| p.cell), Some((0, 1, 1)));
        Ok(())
    }

    #[test]
    fn spans_cover_whole_elements() -> Result<(), String> {
        let tree = Tree::parse(DOC)?;
        let t = tree.nodes.iter().find(|n| n.is("t")).ok_or("no w:t")?;
        assert_eq!(
            &DOC[t.span.clone()],
            "<w:t xml:space=\"preserve\">参保&amp;</w:t>"
        );
        assert_eq!(t.inner(DOC), "参保&amp;");
        assert!(Tree::parse("<a><b></a>").is_err());
        Ok(())
    }
}
