//! Aligning the old document's body with the new one's: paragraphs and tables in order
//! (a patience diff over kind and text, as `diff` aligns sentences), replaced runs paired when
//! alike; within a pair of paragraphs, sentences aligned the same way and words diffed within a
//! pair of sentences (numbers whole, every CJK character a word: `diff`'s words); within a pair
//! of tables, rows aligned and cells paired by position.
//!
//! The result keeps, for every piece, which side it comes from: what Accept All keeps is exactly
//! the new document's text in order, and what Reject All keeps exactly the old one's.

use super::body::{Body, Node, Para, Run, TableCell, TableRow, Tbl};
use crate::diff::words::{self, tokens};
use similar::{Algorithm, DiffTag, capture_diff_slices};
use std::ops::Range;

/// Replaced units pair up when at least this share (percent) of their words is kept.
const PAIR_SIMILARITY: usize = 50;
/// How far ahead a unit looks for its counterpart.
const PAIR_WINDOW: usize = 16;

/// Whether a piece is in both versions, only the new or only the old.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// In both (taken from the new version).
    Equal,
    /// Only in the new version.
    Insert,
    /// Only in the old version.
    Delete,
}

/// Text of one run of one side, with the op it takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece<'a> {
    /// What happens to it.
    pub op: Op,
    /// The run it comes from (new side for equal and inserted text, old side for deleted).
    pub run: &'a Run,
    /// The text.
    pub text: String,
}

/// A paragraph of the redline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParaOut<'a> {
    /// Unchanged (the new paragraph).
    Same(&'a Para),
    /// Only in the new version.
    Inserted(&'a Para),
    /// Only in the old version.
    Deleted(&'a Para),
    /// In both, with different text: the new paragraph's properties, pieces of both sides.
    Changed(&'a Para, Vec<Piece<'a>>),
}

/// A table cell of the redline (cells pair by position in a pair of rows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellOut<'a> {
    /// The new cell (its properties).
    pub cell: &'a TableCell,
    /// Its paragraphs.
    pub paras: Vec<ParaOut<'a>>,
}

/// A table row of the redline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowOut<'a> {
    /// In both (cells possibly changed): the new row's properties.
    Kept(&'a TableRow, Vec<CellOut<'a>>),
    /// Only in the new version.
    Inserted(&'a TableRow),
    /// Only in the old version.
    Deleted(&'a TableRow),
}

/// A body child of the redline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Out<'a> {
    /// A paragraph.
    Para(ParaOut<'a>),
    /// A table in both versions: the new table's properties, its rows.
    Table(&'a Tbl, Vec<RowOut<'a>>),
    /// A table only in the new version.
    InsertedTable(&'a Tbl),
    /// A table only in the old version.
    DeletedTable(&'a Tbl),
    /// An empty paragraph keeping a deleted table apart from an inserted one.
    Separator,
}

/// What a body child is, for alignment: its kind and text.
fn key(n: &Node) -> (String, String) {
    match n {
        Node::Para(p) => (format!("p:{}:{}", p.style, p.jc), p.text()),
        Node::Table(t) => ("table".to_string(), t.text()),
    }
}

/// Pairs the units of a replaced run in order: each old unit with the next new one `alike`
/// allows, within the window; returns (old index, new index) pairs, unpaired ones as `None`.
fn pair<T>(
    old: &[T],
    new: &[T],
    alike: impl Fn(&T, &T) -> bool,
) -> Vec<(Option<usize>, Option<usize>)> {
    let mut out = Vec::new();
    let mut next = 0;
    for (i, o) in old.iter().enumerate() {
        let found = (next..new.len().min(next + PAIR_WINDOW)).find(|&j| alike(o, &new[j]));
        match found {
            Some(j) => {
                out.extend((next..j).map(|k| (None, Some(k))));
                out.push((Some(i), Some(j)));
                next = j + 1;
            }
            None => out.push((Some(i), None)),
        }
    }
    out.extend((next..new.len()).map(|k| (None, Some(k))));
    out
}

/// Aligns two sequences by `keys`: equal runs as pairs, replaced runs paired by `alike`.
fn align<T, K: Eq + std::hash::Hash + Ord>(
    old: &[T],
    new: &[T],
    keys: impl Fn(&T) -> K,
    alike: impl Fn(&T, &T) -> bool,
) -> Vec<(Option<usize>, Option<usize>)> {
    let ka: Vec<K> = old.iter().map(&keys).collect();
    let kb: Vec<K> = new.iter().map(&keys).collect();
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Patience, &ka, &kb) {
        let (tag, ra, rb) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => out.extend(ra.zip(rb).map(|(a, b)| (Some(a), Some(b)))),
            DiffTag::Delete => out.extend(ra.map(|a| (Some(a), None))),
            DiffTag::Insert => out.extend(rb.map(|b| (None, Some(b)))),
            DiffTag::Replace => {
                let (sa, sb) = (ra.start, rb.start);
                for (a, b) in pair(&old[ra], &new[rb], &alike) {
                    out.push((a.map(|x| x + sa), b.map(|x| x + sb)));
                }
            }
        }
    }
    out
}

/// The redline of two bodies.
pub fn bodies<'a>(old: &'a Body, new: &'a Body) -> Vec<Out<'a>> {
    let pairs = align(&old.nodes, &new.nodes, key, |a, b| match (a, b) {
        (Node::Para(x), Node::Para(y)) => {
            x.style == y.style
                && x.jc == y.jc
                && words::similarity(&x.text(), &y.text()) >= PAIR_SIMILARITY
        }
        (Node::Table(x), Node::Table(y)) => x.columns == y.columns,
        _ => false,
    });
    let mut out = Vec::new();
    for (a, b) in pairs {
        match (a.map(|i| &old.nodes[i]), b.map(|i| &new.nodes[i])) {
            (Some(Node::Para(o)), Some(Node::Para(n))) => out.push(Out::Para(paragraph(o, n))),
            (Some(Node::Table(o)), Some(Node::Table(n))) => out.extend(table(o, n)),
            (Some(Node::Para(o)), None) => out.push(Out::Para(ParaOut::Deleted(o))),
            (None, Some(Node::Para(n))) => out.push(Out::Para(ParaOut::Inserted(n))),
            (Some(Node::Table(o)), None) => out.push(Out::DeletedTable(o)),
            (None, Some(Node::Table(n))) => {
                if matches!(out.last(), Some(Out::DeletedTable(_))) {
                    out.push(Out::Separator);
                }
                out.push(Out::InsertedTable(n));
            }
            _ => {}
        }
    }
    out
}

/// A paragraph's words, each with the run it is in.
fn words_of(p: &Para) -> Vec<(&str, usize)> {
    p.runs
        .iter()
        .enumerate()
        .flat_map(|(i, r)| tokens(&r.text).into_iter().map(move |t| (t, i)))
        .collect()
}

/// Cuts words into sentences after 。；！？ (closing quotes and brackets stay with them).
fn sentences(words: &[(&str, usize)]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut ended = false;
    for (i, (w, _)) in words.iter().enumerate() {
        let closer = matches!(*w, "”" | "’" | "」" | "』" | "）" | ")");
        let end = matches!(*w, "。" | "；" | "！" | "？");
        if ended && !closer && !end {
            out.push(start..i);
            start = i;
            ended = false;
        }
        ended |= end;
    }
    if start < words.len() {
        out.push(start..words.len());
    }
    out
}

/// The pieces of a pair of paragraphs (the new one's properties), or `Same` when their text
/// is equal.
pub fn paragraph<'a>(old: &'a Para, new: &'a Para) -> ParaOut<'a> {
    if old.text() == new.text() {
        return ParaOut::Same(new);
    }
    let (a, b) = (words_of(old), words_of(new));
    let (sa, sb) = (sentences(&a), sentences(&b));
    let text = |w: &[(&str, usize)], r: &Range<usize>| -> String {
        w[r.clone()].iter().map(|(t, _)| *t).collect()
    };
    let ta: Vec<String> = sa.iter().map(|r| text(&a, r)).collect();
    let tb: Vec<String> = sb.iter().map(|r| text(&b, r)).collect();
    let mut ops: Vec<(Op, usize)> = Vec::new(); // (op, word index on its side)
    let alike = |x: &String, y: &String| words::similarity(x, y) >= PAIR_SIMILARITY;
    for (i, j) in align(&ta, &tb, Clone::clone, alike) {
        match (i, j) {
            (Some(i), Some(j)) if ta[i] == tb[j] => {
                ops.extend(sb[j].clone().map(|k| (Op::Equal, k)))
            }
            (Some(i), Some(j)) => {
                let wa: Vec<&str> = a[sa[i].clone()].iter().map(|(t, _)| *t).collect();
                let wb: Vec<&str> = b[sb[j].clone()].iter().map(|(t, _)| *t).collect();
                for op in capture_diff_slices(Algorithm::Myers, &wa, &wb) {
                    let (tag, ra, rb) = op.as_tag_tuple();
                    let (oa, ob) = (sa[i].start, sb[j].start);
                    match tag {
                        DiffTag::Equal => ops.extend(rb.map(|k| (Op::Equal, k + ob))),
                        DiffTag::Delete => ops.extend(ra.map(|k| (Op::Delete, k + oa))),
                        DiffTag::Insert => ops.extend(rb.map(|k| (Op::Insert, k + ob))),
                        DiffTag::Replace => {
                            ops.extend(ra.map(|k| (Op::Delete, k + oa)));
                            ops.extend(rb.map(|k| (Op::Insert, k + ob)));
                        }
                    }
                }
            }
            (Some(i), None) => ops.extend(sa[i].clone().map(|k| (Op::Delete, k))),
            (None, Some(j)) => ops.extend(sb[j].clone().map(|k| (Op::Insert, k))),
            (None, None) => {}
        }
    }
    let mut pieces: Vec<Piece<'a>> = Vec::new();
    let mut last: Option<(Op, usize)> = None;
    for (op, k) in ops {
        let (word, run) = if op == Op::Delete {
            (a[k].0, &old.runs[a[k].1])
        } else {
            (b[k].0, &new.runs[b[k].1])
        };
        let run_index = if op == Op::Delete { a[k].1 } else { b[k].1 };
        match pieces.last_mut() {
            Some(p) if last == Some((op, run_index)) => p.text.push_str(word),
            _ => pieces.push(Piece {
                op,
                run,
                text: word.to_string(),
            }),
        }
        last = Some((op, run_index));
    }
    ParaOut::Changed(new, pieces)
}

/// Pairs a cell's paragraphs by position; extra ones are inserted or deleted.
fn cell<'a>(old: &'a TableCell, new: &'a TableCell) -> CellOut<'a> {
    let n = old.paras.len().max(new.paras.len());
    let paras = (0..n)
        .filter_map(|i| match (old.paras.get(i), new.paras.get(i)) {
            (Some(o), Some(p)) => Some(paragraph(o, p)),
            (Some(o), None) => Some(ParaOut::Deleted(o)),
            (None, Some(p)) => Some(ParaOut::Inserted(p)),
            (None, None) => None,
        })
        .collect();
    CellOut { cell: new, paras }
}

/// A pair of tables: rows aligned (by text; replaced rows paired when their cells have the same
/// shape). A row inserted or deleted inside a vertical merge cannot be tracked without breaking
/// the merge, so then the whole old table is deleted and the new one inserted.
fn table<'a>(old: &'a Tbl, new: &'a Tbl) -> Vec<Out<'a>> {
    if old.xml == new.xml {
        return vec![Out::Table(
            new,
            new.rows.iter().map(|r| same_row(r)).collect(),
        )];
    }
    let pairs = align(&old.rows, &new.rows, TableRow::text, |a, b| {
        a.shape() == b.shape()
    });
    let merged = |r: &TableRow| r.cells.iter().any(|c| !c.vmerge.is_empty());
    let breaks_merge = pairs.iter().any(|(a, b)| match (a, b) {
        (Some(i), None) => merged(&old.rows[*i]),
        (None, Some(j)) => merged(&new.rows[*j]),
        _ => false,
    });
    if breaks_merge {
        return vec![
            Out::DeletedTable(old),
            Out::Separator,
            Out::InsertedTable(new),
        ];
    }
    let rows = pairs
        .into_iter()
        .filter_map(
            |(a, b)| match (a.map(|i| &old.rows[i]), b.map(|j| &new.rows[j])) {
                (Some(o), Some(n)) => Some(RowOut::Kept(
                    n,
                    o.cells
                        .iter()
                        .zip(&n.cells)
                        .map(|(x, y)| cell(x, y))
                        .collect(),
                )),
                (Some(o), None) => Some(RowOut::Deleted(o)),
                (None, Some(n)) => Some(RowOut::Inserted(n)),
                (None, None) => None,
            },
        )
        .collect();
    vec![Out::Table(new, rows)]
}

/// A row in both versions, unchanged.
fn same_row(r: &TableRow) -> RowOut<'_> {
    RowOut::Kept(
        r,
        r.cells
            .iter()
            .map(|c| CellOut {
                cell: c,
                paras: c.paras.iter().map(ParaOut::Same).collect(),
            })
            .collect(),
    )
}
