//! Finding each figure of the manifest in the edited document, by what surrounds it.
//!
//! A placement records the text written and up to ten characters of its paragraph on either
//! side ([`Placement`]). In the edited document a figure is, in order of preference:
//!
//! 1. **found by its surroundings**: its text, not part of a longer number, with the nearest
//!    [`NEAR`] characters on at least one side as written, anywhere in the document (so copies
//!    are found too) — text typed right before or right after the figure breaks only one side;
//! 2. **retyped**: both sides as written, something else between them — the writer changed the
//!    number by hand (a conflict); nothing between them — the writer deleted it;
//! 3. **found in its paragraph**: its text occurs once in the paragraph(s) carrying its
//!    paragraph anchor (`_fig<p>`) — the sentence around it was rewritten;
//! 4. **found by its value**: its text (at least four characters) occurs once in the whole
//!    document and no other figure claims it;
//! 5. otherwise **missing**: the writer deleted or rewrote the sentence.
//!
//! A figure in a table cell is looked for in its cell (table, row by its label, grid column)
//! first.

use crate::render::docx::anchor::{Placement, bookmark_paragraph};
use crate::wordml::{Paragraph, Table};
use std::ops::Range;

/// How many characters next to a figure must be as written for it to count as found.
pub const NEAR: usize = 6;

/// A place in the edited document: a paragraph (index into the paragraphs) and characters of it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Place {
    /// Index into the document's paragraphs.
    pub paragraph: usize,
    /// Characters of the paragraph's text.
    pub chars: Range<usize>,
}

impl Place {
    /// The order of places: by paragraph, then start, then end.
    fn key(&self) -> (usize, usize, usize) {
        (self.paragraph, self.chars.start, self.chars.end)
    }
}

impl PartialOrd for Place {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Place {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

/// How a figure was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum How {
    /// Its surroundings as written (or its table cell).
    Context,
    /// Its text, once in the paragraph that carries its anchor.
    Paragraph,
    /// Its text, once in the whole document.
    Value,
}

impl How {
    /// The stable word in JSON.
    pub fn code(self) -> &'static str {
        match self {
            How::Context => "context",
            How::Paragraph => "paragraph",
            How::Value => "value",
        }
    }
}

/// What became of one placement in the edited document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// At these places (a pasted copy is a second place).
    At {
        /// Every place, in document order.
        places: Vec<Place>,
        /// How they were found.
        how: How,
    },
    /// The surroundings are there, with other text between them: the writer retyped it.
    Retyped {
        /// Where the writer's text is.
        places: Vec<Place>,
        /// What the writer typed.
        text: String,
    },
    /// Not in the document.
    Missing,
}

/// The document as `locate` reads it.
pub struct Document<'a> {
    /// Every paragraph, in document order.
    pub paragraphs: &'a [Paragraph],
    /// Every table, in document order.
    pub tables: &'a [Table],
}

/// Whether `c` would continue a number or Latin word next to it.
fn joins(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// Whether `text[start..start + len]` stands alone: not glued to the digits or letters of a
/// longer number or word (`3` in `35`, `1.5` in `21.5`, `XX` in `XXX`).
fn stands_alone(text: &[char], start: usize, len: usize, needle: &[char]) -> bool {
    let end = start + len;
    let first = needle.first().copied().unwrap_or(' ');
    let last = needle.last().copied().unwrap_or(' ');
    if joins(first) && start > 0 {
        let b = text[start - 1];
        let decimal = matches!(b, '.' | ',') && start > 1 && text[start - 2].is_ascii_digit();
        if joins(b) || (first.is_ascii_digit() && decimal) {
            return false;
        }
    }
    if joins(last) && end < text.len() {
        let a = text[end];
        let decimal = matches!(a, '.' | ',') && text.get(end + 1).is_some_and(char::is_ascii_digit);
        if joins(a) || (last.is_ascii_digit() && decimal) {
            return false;
        }
    }
    true
}

/// Every place where `needle` stands alone in `text`.
fn occurrences(text: &[char], needle: &[char]) -> Vec<usize> {
    if needle.is_empty() || needle.len() > text.len() {
        return Vec::new();
    }
    (0..=text.len() - needle.len())
        .filter(|&i| {
            text[i..i + needle.len()] == *needle && stands_alone(text, i, needle.len(), needle)
        })
        .collect()
}

/// How many characters before `at` agree with the end of `context` (at most [`NEAR`]).
fn left_agrees(text: &[char], at: usize, context: &[char]) -> usize {
    context
        .iter()
        .rev()
        .zip(text[..at].iter().rev())
        .take(NEAR)
        .take_while(|(a, b)| a == b)
        .count()
}

/// How many characters from `at` agree with the start of `context` (at most [`NEAR`]).
fn right_agrees(text: &[char], at: usize, context: &[char]) -> usize {
    context
        .iter()
        .zip(text[at.min(text.len())..].iter())
        .take(NEAR)
        .take_while(|(a, b)| a == b)
        .count()
}

/// The placement's text and contexts as characters.
struct Wanted {
    /// The text written.
    text: Vec<char>,
    /// The characters before it.
    before: Vec<char>,
    /// The characters after it.
    after: Vec<char>,
}

impl Wanted {
    /// From a placement.
    fn of(p: &Placement) -> Wanted {
        Wanted {
            text: p.text.chars().collect(),
            before: p.before.chars().collect(),
            after: p.after.chars().collect(),
        }
    }

    /// The nearest characters of each side that must agree: `(left, right)`.
    fn need(&self) -> (usize, usize) {
        (self.before.len().min(NEAR), self.after.len().min(NEAR))
    }

    /// Whether the text at `at` in `text` is this figure by its surroundings.
    fn surrounded(&self, text: &[char], at: usize) -> bool {
        let (nl, nr) = self.need();
        let l = left_agrees(text, at, &self.before);
        let r = right_agrees(text, at + self.text.len(), &self.after);
        let full_left = nl > 0 && l == nl;
        let full_right = nr > 0 && r == nr;
        // Short surroundings (a figure next to another, or at a paragraph's edge) must agree in
        // full on both sides, so that one character does not decide.
        (full_left || full_right) && l + r >= (nl + nr).min(4)
    }
}

/// The places of `wanted` in the paragraphs `within` (indices into `doc.paragraphs`).
fn by_context(doc: &Document<'_>, wanted: &Wanted, within: &[usize]) -> Vec<Place> {
    let mut out = Vec::new();
    for &i in within {
        let text = &doc.paragraphs[i].text;
        for at in occurrences(text, &wanted.text) {
            let whole = wanted.before.is_empty()
                && wanted.after.is_empty()
                && text.iter().collect::<String>().trim() == wanted.text.iter().collect::<String>();
            if whole || wanted.surrounded(text, at) {
                out.push(Place {
                    paragraph: i,
                    chars: at..at + wanted.text.len(),
                });
            }
        }
    }
    out
}

/// The longest text the writer may have typed in place of a figure for it to count as retyped.
fn retype_limit(wanted: &Wanted) -> usize {
    wanted.text.len() + 12
}

/// Places where both surroundings are as written with other text between them; `edges` allows
/// a missing side at the paragraph's start or end (for paragraphs that carry the anchor).
fn by_both_sides(
    doc: &Document<'_>,
    wanted: &Wanted,
    within: &[usize],
    edges: bool,
) -> Vec<(Place, String)> {
    let (nl, nr) = wanted.need();
    let mut out = Vec::new();
    for &i in within {
        let text = &doc.paragraphs[i].text;
        let starts: Vec<usize> = if nl == 0 {
            if edges { vec![0] } else { Vec::new() }
        } else {
            (nl..=text.len())
                .filter(|&at| left_agrees(text, at, &wanted.before) == nl)
                .collect()
        };
        for s in starts {
            let limit = (s + retype_limit(wanted)).min(text.len());
            let end = if nr == 0 {
                (edges && text.len() - s <= retype_limit(wanted)).then_some(text.len())
            } else {
                (s..=limit).find(|&at| right_agrees(text, at, &wanted.after) == nr)
            };
            let Some(e) = end else { continue };
            let between: String = text[s..e].iter().collect();
            if between.contains(['。', '；', '！', '？', '\n']) {
                continue;
            }
            out.push((
                Place {
                    paragraph: i,
                    chars: s..e,
                },
                between,
            ));
        }
    }
    out
}

/// The paragraphs carrying the placement's paragraph anchor (or a copy of it).
fn anchored(doc: &Document<'_>, p: &Placement) -> Vec<usize> {
    doc.paragraphs
        .iter()
        .enumerate()
        .filter(|(_, para)| {
            para.bookmarks
                .iter()
                .any(|b| bookmark_paragraph(b) == Some(p.paragraph))
        })
        .map(|(i, _)| i)
        .collect()
}

/// The paragraphs of the placement's table cell, if the cell can be found: the table at its
/// position whose row carries the label (at its row, else the only row with that label), else
/// the only row with that label in any table.
fn cell_paragraphs(doc: &Document<'_>, p: &Placement) -> Option<Vec<usize>> {
    let at = p.cell.as_ref()?;
    let norm = |s: &str| s.split_whitespace().collect::<String>();
    let label = norm(&at.label);
    let rows_with_label = |t: usize| -> Vec<usize> {
        doc.tables[t]
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| norm(&r.label) == label)
            .map(|(i, _)| i)
            .collect()
    };
    let row = if at.table < doc.tables.len() {
        let rows = rows_with_label(at.table);
        if rows.contains(&at.row) {
            Some((at.table, at.row))
        } else if rows.len() == 1 {
            Some((at.table, rows[0]))
        } else {
            None
        }
    } else {
        None
    };
    let row = row.or_else(|| {
        let all: Vec<(usize, usize)> = (0..doc.tables.len())
            .flat_map(|t| rows_with_label(t).into_iter().map(move |r| (t, r)))
            .collect();
        (all.len() == 1).then(|| all[0])
    })?;
    let paragraphs: Vec<usize> = doc
        .paragraphs
        .iter()
        .enumerate()
        .filter(|(_, para)| para.cell == Some((row.0, row.1, at.column)))
        .map(|(i, _)| i)
        .collect();
    (!paragraphs.is_empty()).then_some(paragraphs)
}

/// Looks for one placement in the document (see the module documentation for the order).
pub fn locate(doc: &Document<'_>, p: &Placement) -> Found {
    let wanted = Wanted::of(p);
    if wanted.text.is_empty() {
        return Found::Missing;
    }
    let all: Vec<usize> = (0..doc.paragraphs.len()).collect();
    if let Some(cell) = cell_paragraphs(doc, p) {
        let places = by_context(doc, &wanted, &cell);
        if !places.is_empty() {
            return Found::At {
                places,
                how: How::Context,
            };
        }
        return retyped(by_both_sides(doc, &wanted, &cell, true));
    }
    let places = by_context(doc, &wanted, &all);
    if !places.is_empty() {
        return Found::At {
            places,
            how: How::Context,
        };
    }
    let scope = anchored(doc, p);
    let mut sides = by_both_sides(doc, &wanted, &all, false);
    sides.extend(
        by_both_sides(doc, &wanted, &scope, true)
            .into_iter()
            .filter(|(pl, _)| {
                pl.chars.start == 0 || pl.chars.end == doc.paragraphs[pl.paragraph].text.len()
            }),
    );
    sides.sort();
    sides.dedup();
    if !sides.is_empty() {
        return retyped(sides);
    }
    let len = wanted.text.len();
    let in_scope: Vec<Place> = scope
        .iter()
        .flat_map(|&i| {
            occurrences(&doc.paragraphs[i].text, &wanted.text)
                .into_iter()
                .map(move |at| Place {
                    paragraph: i,
                    chars: at..at + len,
                })
        })
        .collect();
    if in_scope.len() == 1 {
        return Found::At {
            places: in_scope,
            how: How::Paragraph,
        };
    }
    if wanted.text.len() >= 4 {
        let anywhere: Vec<Place> = all
            .iter()
            .flat_map(|&i| {
                occurrences(&doc.paragraphs[i].text, &wanted.text)
                    .into_iter()
                    .map(move |at| Place {
                        paragraph: i,
                        chars: at..at + len,
                    })
            })
            .collect();
        if anywhere.len() == 1 {
            return Found::At {
                places: anywhere,
                how: How::Value,
            };
        }
    }
    Found::Missing
}

/// The verdict on places where both surroundings stand: deleted (nothing between them) or
/// retyped (the writer's text, the same at every place).
fn retyped(mut sides: Vec<(Place, String)>) -> Found {
    sides.retain(|(_, t)| !t.trim().is_empty());
    let Some(text) = sides.first().map(|(_, t)| t.clone()) else {
        return Found::Missing;
    };
    Found::Retyped {
        places: sides.into_iter().map(|(p, _)| p).collect(),
        text,
    }
}

#[cfg(test)]
mod tests;
