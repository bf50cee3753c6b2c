//! The body of a `document.xml` wengao wrote, read back as the redline needs it: paragraphs
//! (their properties and prefix markup kept as written, their runs as text with run properties)
//! and tables (rows of cells of paragraphs), in order, each with the text it shows.

use crate::wordml::{Tree, text_of};

/// One run: its properties as written and its content (text, `\n` for a line break).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// `<w:rPr>…</w:rPr>` as written (empty when none).
    pub rpr: String,
    /// The run's text; `\n` stands for `<w:br/>`.
    pub text: String,
}

impl Run {
    /// Whether the run is bold.
    pub fn bold(&self) -> bool {
        self.rpr.contains("<w:b/>")
    }
}

/// A paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    /// `<w:pPr>…</w:pPr>` as written (empty when none).
    pub ppr: String,
    /// Markup between the properties and the first run (the paragraph anchor's bookmark).
    pub prefix: String,
    /// The whole paragraph as written.
    pub xml: String,
    /// Its runs.
    pub runs: Vec<Run>,
    /// Its style id (`Title`, `Heading1`, `TableText`), empty for body text.
    pub style: String,
    /// Its justification (`right` for the sign-off), empty when not set.
    pub jc: String,
}

impl Para {
    /// The text it shows.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCell {
    /// `<w:tc>`'s properties as written.
    pub tcpr: String,
    /// Its paragraphs.
    pub paras: Vec<Para>,
    /// The grid columns it spans.
    pub span: usize,
    /// `restart`, `continue` or empty: its vertical merge.
    pub vmerge: String,
}

/// A table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// `<w:trPr>…</w:trPr>` as written (empty when none).
    pub trpr: String,
    /// Its cells.
    pub cells: Vec<TableCell>,
}

impl TableRow {
    /// Its cells' texts joined by ` | `.
    pub fn text(&self) -> String {
        self.cells
            .iter()
            .map(|c| {
                c.paras
                    .iter()
                    .map(Para::text)
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect::<Vec<_>>()
            .join(" | ")
    }

    /// Its shape: each cell's span and vertical merge.
    pub fn shape(&self) -> Vec<(usize, &str)> {
        self.cells
            .iter()
            .map(|c| (c.span, c.vmerge.as_str()))
            .collect()
    }
}

/// A table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tbl {
    /// `<w:tblPr>` and `<w:tblGrid>` as written.
    pub head: String,
    /// The whole table as written.
    pub xml: String,
    /// Its rows.
    pub rows: Vec<TableRow>,
    /// Its grid columns.
    pub columns: usize,
}

impl Tbl {
    /// The rows' texts, one per line.
    pub fn text(&self) -> String {
        self.rows
            .iter()
            .map(TableRow::text)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// A child of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A paragraph.
    Para(Para),
    /// A table.
    Table(Tbl),
}

/// A body read back: its children, and the markup after them (the final `w:sectPr`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    /// Everything before `<w:body>`'s content: the declaration and `<w:document …><w:body>`.
    pub head: String,
    /// The paragraphs and tables.
    pub nodes: Vec<Node>,
    /// The markup after the last paragraph or table, up to the end of the part.
    pub tail: String,
}

/// Reads a `document.xml` written by wengao; `Err` with the parser's reason.
pub fn read(xml: &str) -> Result<Body, String> {
    let tree = Tree::parse(xml)?;
    let body = tree
        .nodes
        .iter()
        .position(|n| n.is("body"))
        .ok_or("没有 w:body")?;
    let children = &tree.nodes[body].children;
    let mut out = Body {
        head: xml[..tree.nodes[body].open_end].to_string(),
        ..Body::default()
    };
    let mut tail_from = tree.nodes[body].open_end;
    for &c in children {
        let n = &tree.nodes[c];
        if n.is("p") {
            out.nodes.push(Node::Para(para(&tree, xml, c)));
            tail_from = n.span.end;
        } else if n.is("tbl") {
            out.nodes.push(Node::Table(table(&tree, xml, c)));
            tail_from = n.span.end;
        }
    }
    out.tail = xml[tail_from..].to_string();
    Ok(out)
}

/// The raw markup of child `name` of `index`, or empty.
fn raw_child(tree: &Tree, xml: &str, index: usize, name: &str) -> String {
    tree.child(index, name)
        .map(|c| xml[tree.nodes[c].span.clone()].to_string())
        .unwrap_or_default()
}

/// The `w:val` of `parent/name/name2`.
fn val(tree: &Tree, index: usize, path: &[&str]) -> String {
    let mut at = Some(index);
    for p in path {
        at = at.and_then(|i| tree.child(i, p));
    }
    at.and_then(|i| tree.nodes[i].attr("val"))
        .unwrap_or_default()
        .to_string()
}

/// One paragraph.
fn para(tree: &Tree, xml: &str, p: usize) -> Para {
    let mut prefix = String::new();
    let mut runs = Vec::new();
    for &c in &tree.nodes[p].children {
        let n = &tree.nodes[c];
        if n.is("pPr") {
            continue;
        }
        if n.is("r") {
            let mut text = String::new();
            for &k in &n.children {
                let kid = &tree.nodes[k];
                if kid.is("t") {
                    text.push_str(&text_of(tree, xml, k));
                } else if kid.is("br") || kid.is("cr") {
                    text.push('\n');
                } else if kid.is("tab") {
                    text.push('\t');
                }
            }
            runs.push(Run {
                rpr: raw_child(tree, xml, c, "rPr"),
                text,
            });
        } else if runs.is_empty() {
            prefix.push_str(&xml[n.span.clone()]);
        }
    }
    Para {
        ppr: raw_child(tree, xml, p, "pPr"),
        prefix,
        xml: xml[tree.nodes[p].span.clone()].to_string(),
        runs,
        style: val(tree, p, &["pPr", "pStyle"]),
        jc: val(tree, p, &["pPr", "jc"]),
    }
}

/// One table.
fn table(tree: &Tree, xml: &str, t: usize) -> Tbl {
    let head = raw_child(tree, xml, t, "tblPr") + &raw_child(tree, xml, t, "tblGrid");
    let columns = tree
        .child(t, "tblGrid")
        .map_or(0, |g| tree.nodes[g].children.len());
    let mut rows = Vec::new();
    for &r in &tree.nodes[t].children {
        if !tree.nodes[r].is("tr") {
            continue;
        }
        let cells = tree.nodes[r]
            .children
            .iter()
            .filter(|&&c| tree.nodes[c].is("tc"))
            .map(|&c| TableCell {
                tcpr: raw_child(tree, xml, c, "tcPr"),
                paras: tree.nodes[c]
                    .children
                    .iter()
                    .filter(|&&p| tree.nodes[p].is("p"))
                    .map(|&p| para(tree, xml, p))
                    .collect(),
                span: val(tree, c, &["tcPr", "gridSpan"]).parse().unwrap_or(1),
                vmerge: match tree.child(c, "tcPr").and_then(|p| tree.child(p, "vMerge")) {
                    Some(v) => tree.nodes[v].attr("val").unwrap_or("continue").to_string(),
                    None => String::new(),
                },
            })
            .collect();
        rows.push(TableRow {
            trpr: raw_child(tree, xml, r, "trPr"),
            cells,
        });
    }
    Tbl {
        head,
        xml: xml[tree.nodes[t].span.clone()].to_string(),
        rows,
        columns,
    }
}
