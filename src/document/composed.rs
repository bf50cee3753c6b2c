//! The document stage's input: composed Markdown and the marker protocol that carries figures,
//! tables, the title, the sign-off and attachments through Markdown.
//!
//! Compose writes markers ([`Marker::encode`]) where a template prints a figure or places a
//! block; the document builder splits text at them ([`split_markers`]). A marker is
//! [`MARK_OPEN`], a kind letter, a body and [`MARK_CLOSE`]; the two delimiters are private-use
//! characters that never come from user text, so a marker cannot be forged or broken by
//! Markdown, and an undecodable marker stays plain text.
//!
//! Owning the protocol here keeps the dependency one-way: compose (above) writes markers with
//! [`Marker::encode`] into a [`Composed`]; the document builder (here) is the only reader.

use super::{FigureRef, SignOff};
use crate::model::TitleLines;

/// Opens a marker in composed Markdown (private-use character, never in user text).
pub const MARK_OPEN: char = '\u{E000}';
/// Closes a marker.
pub const MARK_CLOSE: char = '\u{E001}';

/// The document stage's input: composed Markdown whose markers index into the side data.
///
/// Invariant: every `Marker::Figure(n)` in `markdown` has `n < figures.len()`. Table markers
/// name tables the caller passes to [`crate::document::build`] next to this value; the
/// compose stage only places ids it was told exist.
#[derive(Debug, Clone, Default)]
pub struct Composed {
    /// Plain Markdown (headings without numbers) with private-use markers.
    pub markdown: String,
    /// The printed figures: `Marker::Figure(n)` stands for `figures[n]`, with its provenance.
    pub figures: Vec<FigureRef>,
    /// The sign-off `{{ signoff() }}` places.
    pub sign_off: Option<SignOff>,
    /// `meta.title_lines`: the title's lines as the indicator file gives them, applied (and
    /// checked against the title) by [`crate::document::build`].
    pub title_lines: Option<TitleLines>,
}

/// A marker in composed text: something the template placed that is not plain Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// A printed figure: index into [`Composed::figures`].
    Figure(usize),
    /// A table, by id (placed as a block of its own).
    Table(String),
    /// Starts the title paragraph (`{{ title() }}`).
    Title,
    /// Places the sign-off (`{{ signoff() }}`).
    SignOff,
    /// Starts an attachment with this title (`{{ attachment(title=…) }}`).
    Attachment(String),
}

impl Marker {
    /// The marker as written into Markdown.
    pub fn encode(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::with_capacity(24);
        out.push(MARK_OPEN);
        match self {
            Marker::Figure(n) => {
                out.push('F');
                let _ = write!(out, "{n}");
            }
            Marker::Table(id) => {
                out.push('T');
                out.push_str(id);
            }
            Marker::Title => out.push('H'),
            Marker::SignOff => out.push('S'),
            Marker::Attachment(title) => {
                out.push('A');
                out.push_str(title);
            }
        }
        out.push(MARK_CLOSE);
        out
    }

    /// Decodes a marker body (between [`MARK_OPEN`] and [`MARK_CLOSE`]).
    pub fn decode(body: &str) -> Option<Marker> {
        let mut chars = body.chars();
        let kind = chars.next()?;
        let rest = chars.as_str();
        match kind {
            'F' => rest.parse().ok().map(Marker::Figure),
            'T' => Some(Marker::Table(rest.to_string())),
            'H' if rest.is_empty() => Some(Marker::Title),
            'S' if rest.is_empty() => Some(Marker::SignOff),
            'A' => Some(Marker::Attachment(rest.to_string())),
            _ => None,
        }
    }
}

/// Text split into plain runs and markers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text as written, between markers.
    Text(&'a str),
    /// A decoded marker.
    Mark(Marker),
}

/// Splits `text` at markers; an unrecognised marker stays text.
pub fn split_markers(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(MARK_OPEN) {
        let after = &rest[start + MARK_OPEN.len_utf8()..];
        let Some(end) = after.find(MARK_CLOSE) else {
            break;
        };
        match Marker::decode(&after[..end]) {
            Some(m) => {
                if start > 0 {
                    out.push(Piece::Text(&rest[..start]));
                }
                out.push(Piece::Mark(m));
                rest = &after[end + MARK_CLOSE.len_utf8()..];
            }
            None => {
                let cut = start + MARK_OPEN.len_utf8();
                out.push(Piece::Text(&rest[..cut]));
                rest = &rest[cut..];
            }
        }
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_round_trip() {
        let text = format!(
            "参保{}人，{}",
            Marker::Figure(12).encode(),
            Marker::Table("t1".into()).encode()
        );
        assert_eq!(
            split_markers(&text),
            vec![
                Piece::Text("参保"),
                Piece::Mark(Marker::Figure(12)),
                Piece::Text("人，"),
                Piece::Mark(Marker::Table("t1".into())),
            ]
        );
        let bad = format!("a{MARK_OPEN}zz{MARK_CLOSE}b");
        assert_eq!(rejoin(&split_markers(&bad)), bad);
    }

    fn rejoin(pieces: &[Piece<'_>]) -> String {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => (*t).to_string(),
                Piece::Mark(m) => m.encode(),
            })
            .collect()
    }
}
