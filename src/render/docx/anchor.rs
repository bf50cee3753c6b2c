//! Figure anchors: where each printed figure is, recorded so that `wengao update` finds it again
//! after a writer has edited the DOCX in Word, WPS or LibreOffice, without anything in the text
//! that could change how the document looks.
//!
//! # What is written
//!
//! - **A manifest** in `docProps/custom.xml` (custom document properties, which Word, WPS and
//!   LibreOffice keep through every save tried): `wengao.manifest` (format version),
//!   `wengao.title`, `wengao.agency`, and one property `wengao.fig.<n>` per placed figure, in
//!   document order, holding a small JSON object ([`Placement`]): the call that printed it
//!   (`fig(key=jumin_canbao_renshu)`), its key and Chinese name, the text written, up to
//!   [`CONTEXT`] characters of the paragraph on either side of it (cut at a neighbouring
//!   figure), the paragraph anchor it sits in, and for table cells the table, row, grid column
//!   and row label.
//! - **A paragraph anchor**: every paragraph holding figures starts with a collapsed hidden
//!   bookmark `_fig<p>` (right after its properties). It narrows the search to the paragraph and
//!   its copies (LibreOffice names a copied bookmark `…_Copy_1`).
//!
//! # Why not a content control or a bookmark around each value
//!
//! Both were tried (`figure-anchors.md` recommends a tagged content control around a bookmark
//! around the value). Rendering the same report with and without them through LibreOffice shows
//! that they change the layout: with content controls 56 lines (LibreOffice 7.4) and 44 lines
//! (25.2) of the 12-page sample break differently, the automatic space between Chinese and the
//! digits disappears before each figure and an extra space appears before the following
//! punctuation; a bookmark around the value moves two numbers to the next line in 7.4 and
//! shifts glyphs by up to 2.8 pt in 25.2. A collapsed bookmark at the start of a paragraph
//! changes nothing (0.00 pt) in either version, and the manifest is outside the text. Text
//! anchors also behave the same in every word processor: a retyped number is told by its
//! unchanged surroundings, and a pasted copy carries its surroundings with it.

use crate::document::FigureRef;
use serde_json::Value;

/// The prefix of a paragraph anchor's bookmark name: `_fig<p>`.
pub const BOOKMARK_PREFIX: &str = "_fig";
/// The custom property whose presence says wengao wrote the document (value: the format version).
pub const MANIFEST_PROPERTY: &str = "wengao.manifest";
/// The custom property holding the report's title as written.
pub const TITLE_PROPERTY: &str = "wengao.title";
/// The custom property holding the agency of the sign-off.
pub const AGENCY_PROPERTY: &str = "wengao.agency";
/// The prefix of the property of each placed figure: `wengao.fig.<n>`.
pub const FIGURE_PROPERTY: &str = "wengao.fig.";
/// The format version written in [`MANIFEST_PROPERTY`].
pub const MANIFEST_VERSION: &str = "1";
/// The `fmtid` every user-defined custom property carries.
pub const CUSTOM_FMTID: &str = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";
/// The namespace of `docProps/custom.xml`.
pub const CUSTOM_NS: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties";
/// The namespace of property values (`vt:lpwstr`).
pub const VT_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes";
/// The part holding the manifest.
pub const CUSTOM_PART: &str = "docProps/custom.xml";
/// The relationship type of custom properties (package relationships).
pub const CUSTOM_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties";
/// The content type of custom properties.
pub const CUSTOM_TYPE: &str = "application/vnd.openxmlformats-officedocument.custom-properties+xml";
/// How many characters of the paragraph are kept on either side of a figure.
pub const CONTEXT: usize = 10;
/// Word keeps at most this many characters of a text property; longer names are cut to fit.
const PROPERTY_LIMIT: usize = 255;

/// Where a figure sits in a table: the table (0-based, in document order), the row and grid
/// column (0-based), and the text of the row's first cell, which says which row it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellAt {
    /// The table, counted in document order from 0.
    pub table: usize,
    /// The row, from 0 (header rows included).
    pub row: usize,
    /// The grid column, from 0.
    pub column: usize,
    /// The text of the row's first cell (of the cell covering it when merged).
    pub label: String,
}

/// A [`Placement`] as its property value holds it (short keys; the table's only in a cell).
#[derive(serde::Serialize)]
struct Property<'a> {
    a: &'a str,
    b: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    c: Option<usize>,
    call: &'a str,
    key: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    l: Option<&'a str>,
    name: &'a str,
    p: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    r: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    t: Option<usize>,
    text: &'a str,
}

/// One placed figure, as the manifest records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// The call that printed it, see [`FigureRef::anchor`].
    pub call: String,
    /// The figure's key.
    pub key: String,
    /// Its Chinese name.
    pub name: String,
    /// The text written.
    pub text: String,
    /// The paragraph anchor (`_fig<p>`) of the paragraph it is in.
    pub paragraph: usize,
    /// Up to [`CONTEXT`] characters before it in its paragraph (none past another figure).
    pub before: String,
    /// Up to [`CONTEXT`] characters after it in its paragraph (none past another figure).
    pub after: String,
    /// Its cell, when it is in a table.
    pub cell: Option<CellAt>,
}

impl Placement {
    /// The property value: a JSON object with short keys (`call`, `key`, `name`, `text`, `p`,
    /// `b`, `a`, and `t`, `r`, `c`, `l` for cells), at most 255 characters when it can be (the
    /// name, then the label, are shortened first).
    pub fn to_property(&self) -> String {
        let mut name: Vec<char> = self.name.chars().collect();
        let mut label: Vec<char> = self
            .cell
            .as_ref()
            .map(|c| c.label.chars().collect())
            .unwrap_or_default();
        loop {
            let (name_text, label_text): (String, String) =
                (name.iter().collect(), label.iter().collect());
            // Keys in alphabetical order: the order a JSON object of them has always been written in.
            let property = Property {
                a: &self.after,
                b: &self.before,
                c: self.cell.as_ref().map(|c| c.column),
                call: &self.call,
                key: &self.key,
                l: self.cell.as_ref().map(|_| label_text.as_str()),
                name: &name_text,
                p: self.paragraph,
                r: self.cell.as_ref().map(|c| c.row),
                t: self.cell.as_ref().map(|c| c.table),
                text: &self.text,
            };
            let s = serde_json::to_string(&property).unwrap_or_default();
            if s.chars().count() <= PROPERTY_LIMIT || (name.is_empty() && label.is_empty()) {
                return s;
            }
            if !name.is_empty() {
                name.pop();
            } else {
                label.pop();
            }
        }
    }

    /// Reads a property value written by [`Placement::to_property`]; `None` when it is not one.
    pub fn from_property(value: &str) -> Option<Placement> {
        let v: Value = serde_json::from_str(value).ok()?;
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        let n = |k: &str| {
            v.get(k)
                .and_then(Value::as_u64)
                .and_then(|n| usize::try_from(n).ok())
        };
        let cell = match (n("t"), n("r"), n("c")) {
            (Some(table), Some(row), Some(column)) => Some(CellAt {
                table,
                row,
                column,
                label: s("l").unwrap_or_default(),
            }),
            _ => None,
        };
        Some(Placement {
            call: s("call")?,
            key: s("key").unwrap_or_default(),
            name: s("name").unwrap_or_default(),
            text: s("text")?,
            paragraph: n("p").unwrap_or(0),
            before: s("b").unwrap_or_default(),
            after: s("a").unwrap_or_default(),
            cell,
        })
    }
}

/// What the document's anchors stand for: its title and agency, and every placed figure in
/// document order (`wengao.fig.<n>` is `placements[n - 1]`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// The title as written (line breaks as spaces).
    pub title: String,
    /// The agency of the sign-off (empty without one).
    pub agency: String,
    /// Every placed figure, in document order.
    pub placements: Vec<Placement>,
}

/// The paragraph anchor number a bookmark names: `_fig12` and LibreOffice's copy
/// `_fig12_Copy_1` both name paragraph 12. `None` for any other bookmark.
pub fn bookmark_paragraph(name: &str) -> Option<usize> {
    let rest = name.strip_prefix(BOOKMARK_PREFIX)?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let tail = &rest[digits.len()..];
    if digits.is_empty() || !(tail.is_empty() || tail.starts_with('_')) {
        return None;
    }
    digits.parse().ok()
}

/// The context of a figure at `start..end` (in characters) of `text`: up to [`CONTEXT`]
/// characters on either side, not reaching past `lower` (the end of the figure before) or
/// `upper` (the start of the figure after).
pub fn contexts(
    text: &[char],
    start: usize,
    end: usize,
    lower: usize,
    upper: usize,
) -> (String, String) {
    let from = start.saturating_sub(CONTEXT).max(lower).min(start);
    let to = end
        .saturating_add(CONTEXT)
        .min(upper)
        .min(text.len())
        .max(end);
    (
        text[from..start].iter().collect(),
        text[end.min(text.len())..to].iter().collect(),
    )
}

/// A figure written into the open paragraph: its placement index and its characters in the
/// paragraph's text.
#[derive(Debug, Clone, Copy)]
struct Written {
    /// Index into the placements.
    placement: usize,
    /// First character in the paragraph's text.
    start: usize,
    /// One past the last character.
    end: usize,
}

/// The anchors of one part while it is written: the placements, the paragraph being written
/// (its text so far and the figures in it), the table cell it is in, and the ids given out.
#[derive(Debug, Default)]
pub struct Anchors {
    /// Every placement so far.
    placements: Vec<Placement>,
    /// The text of the open paragraph as written so far, in characters.
    text: Vec<char>,
    /// The figures of the open paragraph.
    written: Vec<Written>,
    /// The cell the next paragraphs are in.
    cell: Option<CellAt>,
    /// Paragraph anchors given out.
    paragraphs: usize,
    /// Tables opened.
    tables: usize,
    /// Bookmark ids given out.
    ids: u32,
}

impl Anchors {
    /// A paragraph opens: nothing of it written yet.
    pub fn open_paragraph(&mut self) {
        self.text.clear();
        self.written.clear();
    }

    /// Text written into the open paragraph (`\n` for a line break).
    pub fn text(&mut self, text: &str) {
        self.text.extend(text.chars());
    }

    /// A table opens: its cells are counted as the next table.
    pub fn open_table(&mut self) {
        self.tables += 1;
    }

    /// The paragraphs that follow are in this cell of the open table, whose row starts with a
    /// cell reading `label`.
    pub fn enter_cell(&mut self, row: usize, column: usize, label: String) {
        self.cell = Some(CellAt {
            table: self.tables.saturating_sub(1),
            row,
            column,
            label,
        });
    }

    /// The paragraphs that follow are not in a table cell.
    pub fn leave_cell(&mut self) {
        self.cell = None;
    }

    /// A figure is about to be written into the open paragraph; its text follows through
    /// [`Anchors::text`].
    pub fn figure_starts(&mut self, f: &FigureRef) {
        self.placements.push(Placement {
            call: f.anchor.clone(),
            key: f.key.clone(),
            name: f.name.clone(),
            text: f.text.clone(),
            paragraph: 0,
            before: String::new(),
            after: String::new(),
            cell: self.cell.clone(),
        });
        let start = self.text.len();
        self.written.push(Written {
            placement: self.placements.len() - 1,
            start,
            end: start,
        });
    }

    /// The figure begun by [`Anchors::figure_starts`] is written.
    pub fn figure_ends(&mut self) {
        let end = self.text.len();
        if let Some(w) = self.written.last_mut() {
            w.end = end;
        }
    }

    /// The open paragraph closes: its figures get their contexts and paragraph number. Returns
    /// the paragraph anchor to place at its start (bookmark id, name) when it holds figures.
    pub fn close_paragraph(&mut self) -> Option<(u32, String)> {
        if self.written.is_empty() {
            return None;
        }
        self.paragraphs += 1;
        let p = self.paragraphs;
        for (i, w) in self.written.iter().enumerate() {
            let lower = if i == 0 { 0 } else { self.written[i - 1].end };
            let upper = self.written.get(i + 1).map_or(self.text.len(), |n| n.start);
            let (before, after) = contexts(&self.text, w.start, w.end, lower, upper);
            if let Some(pl) = self.placements.get_mut(w.placement) {
                pl.paragraph = p;
                pl.before = before;
                pl.after = after;
            }
        }
        self.written.clear();
        self.ids += 1;
        Some((self.ids, format!("{BOOKMARK_PREFIX}{p}")))
    }

    /// Every placement, in document order.
    pub fn into_placements(self) -> Vec<Placement> {
        self.placements
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(text: &str) -> FigureRef {
        FigureRef {
            text: text.into(),
            key: "k".into(),
            source: None,
            pending: false,
            anchor: "fig(key=k)".into(),
            name: "甲".into(),
        }
    }

    #[test]
    fn paragraph_bookmarks_and_their_copies() {
        assert_eq!(bookmark_paragraph("_fig12"), Some(12));
        assert_eq!(bookmark_paragraph("_fig12_Copy_1"), Some(12));
        assert_eq!(bookmark_paragraph("_fig"), None);
        assert_eq!(bookmark_paragraph("_fig1x"), None);
        assert_eq!(bookmark_paragraph("_GoBack"), None);
    }

    #[test]
    fn contexts_stop_at_neighbouring_figures_and_paragraph_ends() {
        let mut a = Anchors::default();
        a.open_paragraph();
        a.text("2020年度城乡居民医保参保人数为");
        a.figure_starts(&fig("311881"));
        a.text("311881");
        a.figure_ends();
        a.text("人，参保率达");
        a.figure_starts(&fig("99.87"));
        a.text("99.87");
        a.figure_ends();
        a.text("%。");
        assert_eq!(a.close_paragraph(), Some((1, "_fig1".to_string())));
        a.open_paragraph();
        a.text("没有数字。");
        assert_eq!(a.close_paragraph(), None);
        let p = a.into_placements();
        assert_eq!(
            (p[0].before.as_str(), p[0].after.as_str()),
            ("乡居民医保参保人数为", "人，参保率达")
        );
        assert_eq!(
            (p[1].before.as_str(), p[1].after.as_str()),
            ("人，参保率达", "%。")
        );
        assert_eq!(p[1].paragraph, 1);
    }

    #[test]
    fn placements_round_trip_through_their_property() {
        let p = Placement {
            call: "fig(key=disclosure.shenqing.xinshou.ziranren)".into(),
            key: "disclosure.shenqing.xinshou.ziranren".into(),
            name: "表三 一、本年新收政府信息公开申请数量 自然人".into(),
            text: "9".into(),
            paragraph: 40,
            before: String::new(),
            after: String::new(),
            cell: Some(CellAt {
                table: 1,
                row: 3,
                column: 2,
                label: "一、本年新收政府信息公开申请数量".into(),
            }),
        };
        let s = p.to_property();
        assert!(s.chars().count() <= PROPERTY_LIMIT, "{s}");
        assert_eq!(Placement::from_property(&s), Some(p));
        assert_eq!(Placement::from_property("311881"), None);
    }

    #[test]
    fn long_names_are_shortened_to_fit_a_property() {
        let p = Placement {
            call: "fig(key=k)".into(),
            key: "k".into(),
            name: "名".repeat(300),
            text: "1".into(),
            paragraph: 1,
            before: "前".repeat(CONTEXT),
            after: "后".repeat(CONTEXT),
            cell: None,
        };
        let s = p.to_property();
        assert_eq!(s.chars().count(), PROPERTY_LIMIT);
        let back = Placement::from_property(&s);
        assert_eq!(back.map(|b| b.before), Some("前".repeat(CONTEXT)));
    }
}
