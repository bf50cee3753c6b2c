//! The sentence half of `diff`: both rendered documents cut into units (title, headings with their
//! numbers, sentences split at 。；！？, table rows, sign-off), aligned in document order, and each
//! changed unit given with its section path (一（一）) and a word diff.
//!
//! Units are compared on the documents, not on the templates: a sentence counts as changed
//! when what a reader sees changed, whether a figure, a template or a catalogue caused it.
//! Alignment is a patience diff over the units (kind and text), so an inserted paragraph shows
//! as added rather than as every later paragraph changed; within a replaced run, units of the
//! same kind pair up when enough of their words are kept, the rest count as removed or added.

use super::words::{self, Span};
use crate::document::{Block, Document, Inline, Slot, Table};
use similar::{Algorithm, DiffTag, capture_diff_slices};

/// What a unit of the document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitKind {
    /// The document title.
    Title,
    /// A numbered heading (its run-in text is a sentence of its own).
    Heading,
    /// A sentence of a paragraph, cut after 。；！？.
    Sentence,
    /// One row of a table, cells joined by ` | `.
    TableRow,
    /// The attachment note (附件：…).
    AttachmentNote,
    /// 发文机关署名 and 成文日期.
    SignOff,
}

impl UnitKind {
    /// The stable name in JSON.
    pub fn code(self) -> &'static str {
        match self {
            UnitKind::Title => "title",
            UnitKind::Heading => "heading",
            UnitKind::Sentence => "sentence",
            UnitKind::TableRow => "table_row",
            UnitKind::AttachmentNote => "attachment_note",
            UnitKind::SignOff => "sign_off",
        }
    }
}

/// One comparable piece of a rendered document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// What kind of text it is.
    pub kind: UnitKind,
    /// Where it is: `一（一）`, `一（三）1`, `标题`, `开头`, `落款`, `附件1 二`, `一 表格第3行`.
    pub path: String,
    /// The unit's text, figures as printed.
    pub text: String,
    /// The figure keys printed in it, in order of appearance, without repeats.
    pub figures: Vec<String>,
}

/// How a unit changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SentenceStatus {
    /// Text at the same place differs.
    Changed,
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
}

impl SentenceStatus {
    /// The one-character label of human output: 改, 增, 删.
    pub fn label(self) -> &'static str {
        match self {
            SentenceStatus::Changed => "改",
            SentenceStatus::Added => "增",
            SentenceStatus::Removed => "删",
        }
    }

    /// The stable word of JSON output: changed, added, removed.
    pub fn code(self) -> &'static str {
        match self {
            SentenceStatus::Changed => "changed",
            SentenceStatus::Added => "added",
            SentenceStatus::Removed => "removed",
        }
    }
}

/// One unit that differs between the two documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceChange {
    /// What kind of text changed.
    pub kind: UnitKind,
    /// Changed, added or removed.
    pub status: SentenceStatus,
    /// The path in the new document (the old one for a removed unit).
    pub path: String,
    /// The old text (`None` when added).
    pub old: Option<String>,
    /// The new text (`None` when removed).
    pub new: Option<String>,
    /// Word-level differences (empty unless changed).
    pub spans: Vec<Span>,
    /// Figure keys printed in the unit (new version, else old).
    pub figures: Vec<String>,
}

impl SentenceChange {
    /// `[-old-]{+new+}` marked text.
    pub fn marked(&self) -> String {
        words::marked(&self.spans)
    }
}

/// Replaced units pair up when at least this share (percent) of their tokens is kept.
const PAIR_SIMILARITY: usize = 50;
/// How far ahead a unit looks for its counterpart (bounds the work on wholly rewritten text).
const PAIR_WINDOW: usize = 16;

/// The changed units, in document order.
pub fn compare(old: &Document, new: &Document) -> Vec<SentenceChange> {
    let a = units(old);
    let b = units(new);
    let ka: Vec<(UnitKind, &str)> = a.iter().map(|u| (u.kind, u.text.as_str())).collect();
    let kb: Vec<(UnitKind, &str)> = b.iter().map(|u| (u.kind, u.text.as_str())).collect();
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Patience, &ka, &kb) {
        let (tag, ra, rb) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => {}
            DiffTag::Delete => out.extend(a[ra].iter().map(removed)),
            DiffTag::Insert => out.extend(b[rb].iter().map(added)),
            DiffTag::Replace => pair(&a[ra], &b[rb], &mut out),
        }
    }
    out
}

/// Pairs the units of a replaced run: in order, each old unit with the next new unit of the same
/// kind that is alike enough; what stays unpaired was removed or added.
fn pair(old: &[Unit], new: &[Unit], out: &mut Vec<SentenceChange>) {
    let mut next = 0;
    for o in old {
        let found = (next..new.len().min(next + PAIR_WINDOW)).find(|&j| {
            new[j].kind == o.kind && words::similarity(&o.text, &new[j].text) >= PAIR_SIMILARITY
        });
        match found {
            Some(j) => {
                out.extend(new[next..j].iter().map(added));
                out.push(changed(o, &new[j]));
                next = j + 1;
            }
            None => out.push(removed(o)),
        }
    }
    out.extend(new[next..].iter().map(added));
}

/// A unit present in both versions with different text: the word-level spans.
fn changed(o: &Unit, n: &Unit) -> SentenceChange {
    SentenceChange {
        kind: n.kind,
        status: SentenceStatus::Changed,
        path: n.path.clone(),
        old: Some(o.text.clone()),
        new: Some(n.text.clone()),
        spans: words::diff(&o.text, &n.text),
        figures: n.figures.clone(),
    }
}

/// A unit only in the new version.
fn added(n: &Unit) -> SentenceChange {
    SentenceChange {
        kind: n.kind,
        status: SentenceStatus::Added,
        path: n.path.clone(),
        old: None,
        new: Some(n.text.clone()),
        spans: vec![Span::Insert(n.text.clone())],
        figures: n.figures.clone(),
    }
}

/// A unit only in the old version.
fn removed(o: &Unit) -> SentenceChange {
    SentenceChange {
        kind: o.kind,
        status: SentenceStatus::Removed,
        path: o.path.clone(),
        old: Some(o.text.clone()),
        new: None,
        spans: vec![Span::Delete(o.text.clone())],
        figures: o.figures.clone(),
    }
}

/// Every unit of a document, in reading order.
pub fn units(doc: &Document) -> Vec<Unit> {
    let mut out = Vec::new();
    if !doc.title.is_empty() {
        out.push(plain_unit(
            UnitKind::Title,
            "标题",
            doc.title.replace('\n', ""),
        ));
    }
    blocks(&doc.blocks, "", &mut out);
    if !doc.attachment_note.is_empty() {
        let text = doc
            .attachment_note
            .iter()
            .enumerate()
            .map(|(i, t)| format!("{}.{t}", i + 1))
            .collect::<Vec<_>>()
            .join("　");
        out.push(plain_unit(
            UnitKind::AttachmentNote,
            "附件说明",
            format!("附件：{text}"),
        ));
    }
    if let Some(s) = &doc.sign_off {
        out.push(plain_unit(
            UnitKind::SignOff,
            "落款",
            format!("{}　{}", s.agency, s.date).trim_end().to_string(),
        ));
    }
    for a in &doc.attachments {
        let prefix = format!("附件{}", a.number);
        out.push(plain_unit(
            UnitKind::Title,
            &prefix,
            a.title.replace('\n', ""),
        ));
        blocks(&a.blocks, &prefix, &mut out);
    }
    out
}

/// A unit of plain text (title, sign-off, attachment note) at `path`.
fn plain_unit(kind: UnitKind, path: &str, text: String) -> Unit {
    Unit {
        kind,
        path: path.to_string(),
        text,
        figures: Vec::new(),
    }
}

/// Units of a run of blocks; `prefix` names the attachment they belong to (empty for the body).
fn blocks(blocks: &[Block], prefix: &str, out: &mut Vec<Unit>) {
    // The numbers of the open headings, levels 1–4.
    let mut open: [String; 4] = Default::default();
    let path_of = |open: &[String; 4]| {
        let section: String = open.concat();
        match (prefix.is_empty(), section.is_empty()) {
            (true, true) => "开头".to_string(),
            (true, false) => section,
            (false, true) => prefix.to_string(),
            (false, false) => format!("{prefix} {section}"),
        }
    };
    for b in blocks {
        match b {
            Block::Heading(h) => {
                let i = usize::from(h.level.clamp(1, 4) - 1);
                open[i] = path_part(&h.number);
                for deeper in open.iter_mut().skip(i + 1) {
                    deeper.clear();
                }
                let path = path_of(&open);
                let mut figures = Vec::new();
                collect_figures(&h.content, &mut figures);
                out.push(Unit {
                    kind: UnitKind::Heading,
                    path: path.clone(),
                    text: format!("{}{}", h.number, Inline::plain(&h.content)),
                    figures,
                });
                if let Some(rest) = &h.run_in {
                    sentences(rest, &path, out);
                }
            }
            Block::Paragraph(p) => sentences(p, &path_of(&open), out),
            Block::Table(t) => table(t, &path_of(&open), out),
        }
    }
}

/// `一、` → `一`, `（一）` stays, `1.` → `1`, `（1）` stays: paths read 一（三）1（2）.
fn path_part(number: &str) -> String {
    number.trim_end_matches(['、', '.']).to_string()
}

/// One unit per table row, its cells' text joined by ` | `.
fn table(t: &Table, path: &str, out: &mut Vec<Unit>) {
    let name = t.title.clone().unwrap_or_else(|| "表格".to_string());
    for (r, row) in t.rows.iter().enumerate() {
        let mut figures = Vec::new();
        let cells: Vec<String> = row
            .iter()
            .filter_map(|s| match s {
                Slot::Cell(c) => {
                    collect_figures(&c.content, &mut figures);
                    Some(Inline::plain(&c.content))
                }
                Slot::Covered { .. } => None,
            })
            .collect();
        out.push(Unit {
            kind: UnitKind::TableRow,
            path: format!("{path} {name}第{}行", r + 1),
            text: cells.join(" | "),
            figures,
        });
    }
}

/// The keys of the figures in `inlines`, in order.
fn collect_figures(inlines: &[Inline], keys: &mut Vec<String>) {
    for i in inlines {
        match i {
            Inline::Figure(f) => {
                if !keys.contains(&f.key) {
                    keys.push(f.key.clone());
                }
            }
            Inline::Strong(inner) => collect_figures(inner, keys),
            Inline::Text(_) => {}
        }
    }
}

/// Ends a sentence (kept with it).
fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '；' | '！' | '？')
}

/// Closing marks that stay with the sentence they follow (`……。”`).
fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '）' | ')')
}

/// Splits a paragraph into sentences at 。；！？ (punctuation and closing quotes kept).
fn sentences(inlines: &[Inline], path: &str, out: &mut Vec<Unit>) {
    let mut pieces: Vec<(&str, Option<&str>)> = Vec::new();
    flatten(inlines, &mut pieces);
    let mut text = String::new();
    let mut figures: Vec<String> = Vec::new();
    let mut ended = false;
    let mut finish = |text: &mut String, figures: &mut Vec<String>| {
        let t = text.trim();
        if !t.is_empty() {
            out.push(Unit {
                kind: UnitKind::Sentence,
                path: path.to_string(),
                text: t.to_string(),
                figures: std::mem::take(figures),
            });
        }
        text.clear();
        figures.clear();
    };
    for (piece, key) in pieces {
        for c in piece.chars() {
            if ended && !is_closer(c) && !is_terminator(c) {
                finish(&mut text, &mut figures);
                ended = false;
            }
            if let Some(k) = key
                && !figures.iter().any(|f| f == k)
            {
                figures.push(k.to_string());
            }
            text.push(c);
            if is_terminator(c) {
                ended = true;
            }
        }
    }
    finish(&mut text, &mut figures);
}

/// Text pieces of a run of inlines, each with the figure key it prints (if any).
fn flatten<'a>(inlines: &'a [Inline], out: &mut Vec<(&'a str, Option<&'a str>)>) {
    for i in inlines {
        match i {
            Inline::Text(t) => out.push((t, None)),
            Inline::Figure(f) => out.push((&f.text, Some(&f.key))),
            Inline::Strong(inner) => flatten(inner, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{FigureRef, Heading};

    fn text(s: &str) -> Inline {
        Inline::Text(s.to_string())
    }

    fn fig(key: &str, s: &str) -> Inline {
        Inline::Figure(FigureRef {
            text: s.to_string(),
            key: key.to_string(),
            source: None,
            pending: false,
            anchor: key.to_string(),
            name: key.to_string(),
        })
    }

    fn heading(level: u8, number: &str, t: &str) -> Block {
        Block::Heading(Heading {
            level,
            number: number.to_string(),
            content: vec![text(t)],
            run_in: None,
        })
    }

    #[test]
    fn paragraphs_split_at_sentence_ends_with_paths() {
        let doc = Document {
            title: "标题\n二行".into(),
            blocks: vec![
                Block::Paragraph(vec![text("开头一句。")]),
                heading(1, "一、", "总结"),
                heading(2, "（一）", "参保"),
                Block::Paragraph(vec![
                    text("参保人数为"),
                    fig("a", "311881人"),
                    text("；他说“好。”然后？"),
                    text("没有结尾"),
                ]),
                heading(3, "1.", "稽核"),
                Block::Paragraph(vec![text("甲！")]),
            ],
            ..Document::default()
        };
        let got: Vec<(String, String, Vec<String>)> = units(&doc)
            .into_iter()
            .map(|u| (u.path, u.text, u.figures))
            .collect();
        let s = |p: &str, t: &str, f: &[&str]| {
            (
                p.to_string(),
                t.to_string(),
                f.iter().map(|k| k.to_string()).collect::<Vec<_>>(),
            )
        };
        assert_eq!(
            got,
            vec![
                s("标题", "标题二行", &[]),
                s("开头", "开头一句。", &[]),
                s("一", "一、总结", &[]),
                s("一（一）", "（一）参保", &[]),
                s("一（一）", "参保人数为311881人；", &["a"]),
                s("一（一）", "他说“好。”", &[]),
                s("一（一）", "然后？", &[]),
                s("一（一）", "没有结尾", &[]),
                s("一（一）1", "1.稽核", &[]),
                s("一（一）1", "甲！", &[]),
            ]
        );
    }

    fn doc(paragraphs: &[&str]) -> Document {
        Document {
            blocks: paragraphs
                .iter()
                .map(|p| Block::Paragraph(vec![text(p)]))
                .collect(),
            ..Document::default()
        }
    }

    #[test]
    fn changed_added_and_removed_sentences() {
        let old = doc(&["甲句子一。乙句子二。丙句子三。"]);
        let new = doc(&["甲句子一。乙句子改二。新的一句话。"]);
        let got: Vec<(SentenceStatus, String)> = compare(&old, &new)
            .iter()
            .map(|c| (c.status, c.marked()))
            .collect();
        assert_eq!(
            got,
            vec![
                (SentenceStatus::Changed, "乙句子{+改+}二。".to_string()),
                (SentenceStatus::Removed, "[-丙句子三。-]".to_string()),
                (SentenceStatus::Added, "{+新的一句话。+}".to_string()),
            ]
        );
        assert!(compare(&old, &old).is_empty());
    }
}
