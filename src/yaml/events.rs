//! The full reader: any YAML, through the parser's events, into the tree, within wengao's
//! budget: one document, at most [`MAX_DEPTH`] levels of nesting, [`MAX_NODES`] nodes, and
//! aliases (`*name`) expanding to at most [`MAX_ALIAS_NODES`] nodes in all (alias bombs stop
//! at once). Duplicate keys are refused at the repeated key; merge keys (`<<: *base`) merge.
//!
//! Every problem is a [`Problem`] at its place; `mod.rs` words it in Chinese.

use super::tree::{Mark, Node, Style, Value, first_duplicate};
use super::{MAX_DEPTH, MAX_NODES};
use crate::hashed::HashMap;
use granit_parser::{Event, Parser, ScalarStyle};
use std::borrow::Cow;

/// The most nodes aliases may add to a file (an alias copies the node its anchor names).
pub(crate) const MAX_ALIAS_NODES: usize = 20_000;
/// The most aliases and anchors a file may hold.
const MAX_ALIASES: usize = 1_000;

/// Why a text could not be read into a tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// The parser's own error (English), where it stopped.
    Syntax(String, Mark),
    /// Nesting deeper than [`MAX_DEPTH`], at the container that went over.
    Depth(Mark),
    /// Too many nodes, aliases or anchors.
    Budget(Mark),
    /// Aliases expanding beyond [`MAX_ALIAS_NODES`], at the alias that went over.
    AliasExpansion(Mark),
    /// A second document (`---`), where it starts.
    Documents(Mark),
    /// A key repeated in one mapping: the key and where it is repeated.
    Duplicate(String, Mark),
    /// An alias naming no anchor.
    UnknownAnchor(Mark),
}

/// A collection being built.
struct Frame<'a> {
    /// Where it starts.
    mark: Mark,
    /// Its anchor id (0 for none).
    anchor: usize,
    /// Items, or keys and values alternating for a mapping.
    nodes: Vec<Node<'a>>,
    /// A mapping (else a sequence).
    mapping: bool,
}

/// Reads `text` with the parser into a tree (an empty stream is an empty mapping).
pub(crate) fn parse(text: &str) -> Result<Node<'_>, Problem> {
    let mut stack: Vec<Frame<'_>> = Vec::new();
    let mut anchors: HashMap<usize, Node<'_>> = HashMap::default();
    let mut root: Option<Node<'_>> = None;
    let (mut documents, mut nodes, mut aliases, mut alias_nodes) = (0usize, 0usize, 0usize, 0usize);
    for item in Parser::new_from_str(text) {
        let (event, span) = match item {
            Ok(x) => x,
            Err(e) => {
                let m = e.marker();
                let mark = mark_of(m.line(), m.col());
                let info = e.info();
                return Err(if info.contains("unknown anchor") {
                    Problem::UnknownAnchor(mark)
                } else {
                    Problem::Syntax(info, mark)
                });
            }
        };
        let mark = mark_of(span.start.line(), span.start.col());
        let node = match event {
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return Err(Problem::Documents(mark));
                }
                continue;
            }
            Event::MappingStart(_, anchor, _) | Event::SequenceStart(_, anchor, _) => {
                nodes += 1;
                if nodes > MAX_NODES {
                    return Err(Problem::Budget(mark));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(Problem::Depth(mark));
                }
                if anchor != 0 && anchors.len() >= MAX_ALIASES {
                    return Err(Problem::Budget(mark));
                }
                stack.push(Frame {
                    mark,
                    anchor,
                    nodes: Vec::new(),
                    mapping: matches!(event, Event::MappingStart(..)),
                });
                continue;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let Some(frame) = stack.pop() else { continue };
                let node = finish(frame.mark, frame.mapping, frame.nodes)?;
                if frame.anchor != 0 {
                    anchors.insert(frame.anchor, node.clone());
                }
                node
            }
            Event::Scalar(text, style, anchor, _) => {
                nodes += 1;
                if nodes > MAX_NODES || (anchor != 0 && anchors.len() >= MAX_ALIASES) {
                    return Err(Problem::Budget(mark));
                }
                let style = match style {
                    ScalarStyle::Plain => Style::Plain,
                    _ => Style::Quoted,
                };
                let empty = span.start.index() == span.end.index();
                let node = Node::scalar(mark, text_of(text, empty), style);
                if anchor != 0 {
                    anchors.insert(anchor, node.clone());
                }
                node
            }
            Event::Alias(id) => {
                aliases += 1;
                if aliases > MAX_ALIASES {
                    return Err(Problem::Budget(mark));
                }
                let Some(target) = anchors.get(&id) else {
                    return Err(Problem::UnknownAnchor(mark));
                };
                alias_nodes += target.count();
                if alias_nodes > MAX_ALIAS_NODES {
                    return Err(Problem::AliasExpansion(mark));
                }
                let mut copy = target.clone();
                copy.mark = mark;
                copy
            }
            _ => continue,
        };
        match stack.last_mut() {
            Some(frame) => frame.nodes.push(node),
            None => root = Some(node),
        }
    }
    Ok(root.unwrap_or(Node {
        mark: Mark::new(1, 1),
        value: Value::Map(Vec::new()),
    }))
}

/// The parser's 1-based line and 0-based column as a mark.
fn mark_of(line: usize, col: usize) -> Mark {
    Mark::new(
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(col + 1).unwrap_or(u32::MAX),
    )
}

/// A scalar's text; the parser writes an empty plain scalar (nothing in the file) as `~`.
fn text_of(text: Cow<'_, str>, empty: bool) -> Cow<'_, str> {
    if empty && text == "~" {
        Cow::Borrowed("")
    } else {
        text
    }
}

/// The node of a finished collection: a sequence of its nodes, or a mapping of its keys and
/// values (merge keys merged, duplicates refused).
fn finish(mark: Mark, mapping: bool, nodes: Vec<Node<'_>>) -> Result<Node<'_>, Problem> {
    if !mapping {
        return Ok(Node {
            mark,
            value: Value::Seq(nodes),
        });
    }
    let mut entries = Vec::with_capacity(nodes.len() / 2);
    let mut merged = Vec::new();
    let mut it = nodes.into_iter();
    while let (Some(k), Some(v)) = (it.next(), it.next()) {
        if matches!(&k.value, Value::Scalar(t, Style::Plain) if t == "<<") {
            merged.push(v);
        } else {
            entries.push((k, v));
        }
    }
    if let Some(i) = first_duplicate(&entries) {
        let key = entries[i].0.key_text().unwrap_or_default().to_string();
        return Err(Problem::Duplicate(key, entries[i].0.mark));
    }
    // `<<: *base` (or a list of them): the base's entries the mapping does not write itself.
    for base in merged {
        let maps = match base.value {
            Value::Seq(items) => items,
            other => vec![Node {
                mark: base.mark,
                value: other,
            }],
        };
        for m in maps {
            if let Value::Map(more) = m.value {
                for (k, v) in more {
                    if !entries.iter().any(|(e, _)| e.key_text() == k.key_text()) {
                        entries.push((k, v));
                    }
                }
            }
        }
    }
    Ok(Node {
        mark,
        value: Value::Map(entries),
    })
}
