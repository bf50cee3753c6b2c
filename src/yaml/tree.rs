//! The located YAML tree every reader deserializes from: scalars as written (never typed here),
//! sequences, mappings in file order, each node with the line and column it starts at.
//!
//! Two builders produce it: `fast` (the plain block/flow subset most files are written in, read
//! line by line) and `events` (any YAML, from the parser's events, with the resource budget).
//! They give identical trees for the files `fast` accepts; `fast` declines everything else,
//! errors included, so every error comes from the one full parser.

use std::borrow::Cow;

/// Where a node starts: 1-based line, 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Mark {
    /// 1-based line (0 when unknown).
    line: u32,
    /// 1-based column in characters (0 when unknown).
    column: u32,
}

impl Mark {
    /// The mark at `line`, `column` (both 1-based).
    pub(crate) fn new(line: u32, column: u32) -> Mark {
        Mark { line, column }
    }

    /// 1-based line (0 when unknown).
    pub fn line(&self) -> u32 {
        self.line
    }

    /// 1-based column in characters (0 when unknown).
    pub fn column(&self) -> u32 {
        self.column
    }
}

/// How a scalar was written: plain scalars may be null (``, `~`, `null`) or typed (`true`,
/// `12`) when a reader asks for a type; quoted and block scalars are always text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// Unquoted.
    Plain,
    /// Single- or double-quoted, or a block scalar (`|`, `>`).
    Quoted,
}

/// One node of the tree.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node<'a> {
    /// Where it starts.
    pub mark: Mark,
    /// What it is.
    pub value: Value<'a>,
}

/// A node's content.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value<'a> {
    /// A scalar's text (escapes resolved, quotes removed) and how it was written.
    Scalar(Cow<'a, str>, Style),
    /// A sequence's items in order.
    Seq(Vec<Node<'a>>),
    /// A mapping's entries in file order (keys are unique: duplicates are refused when built).
    Map(Vec<(Node<'a>, Node<'a>)>),
}

impl<'a> Node<'a> {
    /// A scalar node.
    pub fn scalar(mark: Mark, text: impl Into<Cow<'a, str>>, style: Style) -> Node<'a> {
        Node {
            mark,
            value: Value::Scalar(text.into(), style),
        }
    }

    /// A null (empty plain) scalar.
    pub fn null(mark: Mark) -> Node<'a> {
        Node::scalar(mark, "", Style::Plain)
    }

    /// Whether it is a null scalar: empty, `~`, `null`, `Null` or `NULL`, unquoted.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar(t, Style::Plain) if is_null_text(t))
    }

    /// The key text of a scalar node (for duplicate detection), `None` for a collection.
    pub fn key_text(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(t, _) => Some(t),
            _ => None,
        }
    }

    /// How many nodes the subtree holds (itself included).
    pub fn count(&self) -> usize {
        match &self.value {
            Value::Scalar(..) => 1,
            Value::Seq(items) => 1 + items.iter().map(Node::count).sum::<usize>(),
            Value::Map(entries) => {
                1 + entries
                    .iter()
                    .map(|(k, v)| k.count() + v.count())
                    .sum::<usize>()
            }
        }
    }
}

/// The texts YAML reads as null when unquoted.
pub(crate) fn is_null_text(t: &str) -> bool {
    matches!(t, "" | "~" | "null" | "Null" | "NULL")
}

/// Finds the first key of `entries` that repeats an earlier one (scalar keys compared by text);
/// returns the index of the repeat. Small maps are scanned, large ones hashed.
pub(crate) fn first_duplicate(entries: &[(Node<'_>, Node<'_>)]) -> Option<usize> {
    if entries.len() <= 16 {
        for (i, (k, _)) in entries.iter().enumerate() {
            let Some(t) = k.key_text() else { continue };
            if entries[..i].iter().any(|(e, _)| e.key_text() == Some(t)) {
                return Some(i);
            }
        }
        return None;
    }
    // The standard (keyed) hasher: a crafted file cannot make this quadratic.
    let mut seen = std::collections::HashSet::with_capacity(entries.len());
    entries
        .iter()
        .position(|(k, _)| k.key_text().is_some_and(|t| !seen.insert(t)))
}
