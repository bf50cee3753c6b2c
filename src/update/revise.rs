//! Writing figure replacements into `document.xml` as tracked changes, touching nothing else.
//!
//! Each replacement is characters of a paragraph ([`Edit`]). Every run holding some of those
//! characters is rewritten, and only those runs: the characters before and after stay in runs
//! with the run's own properties, the replaced ones move into `<w:del>` as `w:delText`, and after
//! the last of them comes one `<w:ins>` with the new text in a run carrying the properties of the
//! first replaced run (so bold a writer added stays bold). Ids continue above the largest `w:id`
//! in the part; every revision has the author and date given. Everything outside the rewritten
//! runs is copied byte for byte.
//!
//! A replacement is refused (and reported) when its characters are not plain text (a tab, a
//! break, a field), or lie in a revision the writer has not accepted or rejected yet.

use crate::wordml::{Paragraph, Source, Tree};
use quick_xml::escape::escape;
use std::collections::BTreeMap;
use std::ops::Range;

/// One replacement: characters of a paragraph and the text to put in their place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Index into the paragraphs.
    pub paragraph: usize,
    /// The characters replaced.
    pub chars: Range<usize>,
    /// The new text.
    pub text: String,
}

/// Who and when, on every revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// `w:author`.
    pub author: String,
    /// `w:date`, `2025-03-01T09:00:00Z`.
    pub date: String,
}

/// Why a replacement cannot be written as a tracked change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The characters include a tab, break or field, which cannot be split.
    NotPlainText,
    /// The characters lie in a tracked change not yet accepted or rejected.
    PendingRevision,
    /// The characters lie in markup where a revision cannot go.
    Unsupported,
}

impl Refusal {
    /// What users read.
    pub fn message(&self) -> &'static str {
        match self {
            Refusal::NotPlainText => "数字中夹有制表符、换行或域，无法作为修订替换",
            Refusal::PendingRevision => "数字所在的文字还有未接受或拒绝的修订，请先处理这些修订",
            Refusal::Unsupported => "数字所在的位置不能写入修订（如注音、公式）",
        }
    }
}

/// Where revisions may wrap a run: the run's parent must be one of these.
const REVISABLE_PARENTS: [&str; 6] = [
    "p",
    "hyperlink",
    "smartTag",
    "sdtContent",
    "customXml",
    "fldSimple",
];

/// Checks that an edit can be written: plain text characters in runs that may be revised.
pub fn check(tree: &Tree, para: &Paragraph, chars: &Range<usize>) -> Result<(), Refusal> {
    for source in &para.sources[chars.clone()] {
        let Source::Text { run, .. } = *source else {
            return Err(Refusal::NotPlainText);
        };
        for pending in ["ins", "del", "moveTo", "moveFrom"] {
            if tree.inside(run, pending).is_some() {
                return Err(Refusal::PendingRevision);
            }
        }
        let parent = tree.nodes[run].parent.map(|p| &tree.nodes[p]);
        if !parent.is_some_and(|p| p.w && REVISABLE_PARENTS.contains(&p.local.as_str())) {
            return Err(Refusal::Unsupported);
        }
    }
    Ok(())
}

/// What happens to one character of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// Stays.
    Keep,
    /// Deleted by edit `n`.
    Delete(usize),
}

/// The rewriting of `document.xml`: splices (byte range → new markup) and the next free id.
pub struct Reviser<'a> {
    /// The part's text.
    xml: &'a str,
    /// Its elements.
    tree: &'a Tree,
    /// Author and date.
    stamp: &'a Stamp,
    /// The next revision id.
    next_id: u64,
}

impl<'a> Reviser<'a> {
    /// A reviser for `xml`; revision ids start above every `w:id` in the part.
    pub fn new(xml: &'a str, tree: &'a Tree, stamp: &'a Stamp) -> Reviser<'a> {
        Reviser {
            xml,
            tree,
            stamp,
            next_id: tree.max_id().saturating_add(1),
        }
    }

    /// The `w:id`, `w:author` and `w:date` of a new revision.
    fn revision(&mut self, name: &str) -> String {
        let id = self.next_id;
        self.next_id = self.next_id.saturating_add(1);
        format!(
            "<w:{name} w:id=\"{id}\" w:author=\"{}\" w:date=\"{}\">",
            escape(self.stamp.author.as_str()),
            escape(self.stamp.date.as_str())
        )
    }

    /// The part with every edit written as a tracked change. Edits must have passed [`check`]
    /// and must not overlap.
    pub fn apply(mut self, paragraphs: &[Paragraph], edits: &[Edit]) -> String {
        // Per run: the fate of each of its text characters (w:t element, offset) and which edit
        // inserts its text after which character.
        let mut fates: BTreeMap<usize, BTreeMap<(usize, usize), Fate>> = BTreeMap::new();
        let mut inserts: BTreeMap<(usize, usize, usize), usize> = BTreeMap::new();
        let mut first_rpr: Vec<Option<usize>> = Vec::new();
        for (n, e) in edits.iter().enumerate() {
            let para = &paragraphs[e.paragraph];
            let mut first = None;
            let mut last = None;
            for source in &para.sources[e.chars.clone()] {
                if let Source::Text { run, t, offset } = *source {
                    fates
                        .entry(run)
                        .or_default()
                        .insert((t, offset), Fate::Delete(n));
                    first.get_or_insert(run);
                    last = Some((run, t, offset));
                }
            }
            first_rpr.push(first.and_then(|r| self.tree.child(r, "rPr")));
            if let Some(at) = last {
                inserts.insert(at, n);
            }
        }
        let mut splices: Vec<(Range<usize>, String)> = Vec::new();
        for (&run, run_fates) in &fates {
            let markup = self.rewrite_run(run, run_fates, &inserts, edits, &first_rpr);
            splices.push((self.tree.nodes[run].span.clone(), markup));
        }
        splices.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
        let mut out = self.xml.to_string();
        for (range, markup) in splices {
            out.replace_range(range, &markup);
        }
        out
    }

    /// One run rewritten: kept characters in runs of their own, deleted ones in `w:del`, the new
    /// text in `w:ins` after the last deleted character of its edit.
    fn rewrite_run(
        &mut self,
        run: usize,
        fates: &BTreeMap<(usize, usize), Fate>,
        inserts: &BTreeMap<(usize, usize, usize), usize>,
        edits: &[Edit],
        first_rpr: &[Option<usize>],
    ) -> String {
        let tree = self.tree;
        let xml = self.xml;
        let node = &tree.nodes[run];
        let open = &xml[node.span.start..node.open_end];
        let rpr = tree
            .child(run, "rPr")
            .map_or("", |r| &xml[tree.nodes[r].span.clone()]);
        let mut out = String::new();
        // The run being built: kept children, or deleted text of one edit.
        let mut kept = String::new();
        let mut deleted = String::new();
        let mut deleting: Option<usize> = None;
        let flush_kept = |out: &mut String, kept: &mut String| {
            if !kept.is_empty() {
                out.push_str(open);
                out.push_str(rpr);
                out.push_str(kept);
                out.push_str("</w:r>");
                kept.clear();
            }
        };
        for &child in &node.children {
            let c = &tree.nodes[child];
            if c.is("rPr") {
                continue;
            }
            if !c.is("t") {
                if deleting.is_some() {
                    self.flush_deleted(&mut out, open, rpr, &mut deleted, &mut deleting);
                }
                kept.push_str(&xml[c.span.clone()]);
                continue;
            }
            let text = crate::wordml::text_of(tree, xml, child);
            let mut piece = String::new();
            for (offset, ch) in text.chars().enumerate() {
                let fate = fates.get(&(child, offset)).copied().unwrap_or(Fate::Keep);
                match fate {
                    Fate::Keep => {
                        if deleting.is_some() {
                            self.flush_deleted(&mut out, open, rpr, &mut deleted, &mut deleting);
                        }
                        piece.push(ch);
                    }
                    Fate::Delete(n) => {
                        if !piece.is_empty() {
                            kept.push_str(&text_element("w:t", &piece));
                            piece.clear();
                        }
                        flush_kept(&mut out, &mut kept);
                        if deleting.is_some_and(|d| d != n) {
                            self.flush_deleted(&mut out, open, rpr, &mut deleted, &mut deleting);
                        }
                        deleting = Some(n);
                        deleted.push(ch);
                        if let Some(&e) = inserts.get(&(run, child, offset)) {
                            self.flush_deleted(&mut out, open, rpr, &mut deleted, &mut deleting);
                            let ins_rpr =
                                first_rpr[e].map_or("", |r| &xml[tree.nodes[r].span.clone()]);
                            out.push_str(&self.revision("ins"));
                            out.push_str(open);
                            out.push_str(ins_rpr);
                            out.push_str(&text_element("w:t", &edits[e].text));
                            out.push_str("</w:r></w:ins>");
                        }
                    }
                }
            }
            if !piece.is_empty() {
                kept.push_str(&text_element("w:t", &piece));
            }
        }
        if deleting.is_some() {
            self.flush_deleted(&mut out, open, rpr, &mut deleted, &mut deleting);
        }
        flush_kept(&mut out, &mut kept);
        out
    }

    /// Writes the deleted characters collected so far as one `w:del`.
    fn flush_deleted(
        &mut self,
        out: &mut String,
        open: &str,
        rpr: &str,
        deleted: &mut String,
        deleting: &mut Option<usize>,
    ) {
        if !deleted.is_empty() {
            out.push_str(&self.revision("del"));
            out.push_str(open);
            out.push_str(rpr);
            out.push_str(&text_element("w:delText", deleted));
            out.push_str("</w:r></w:del>");
            deleted.clear();
        }
        *deleting = None;
    }
}

/// `<w:t xml:space="preserve">text</w:t>` (or `w:delText`), escaped.
fn text_element(name: &str, text: &str) -> String {
    format!("<{name} xml:space=\"preserve\">{}</{name}>", escape(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wordml::{paragraphs, tables};

    fn revise(xml: &str, from: usize, to: usize, new: &str) -> Result<String, String> {
        let tree = Tree::parse(xml)?;
        let ps = paragraphs(&tree, xml, &tables(&tree, xml));
        check(&tree, &ps[0], &(from..to)).map_err(|r| r.message().to_string())?;
        let stamp = Stamp {
            author: "wengao".into(),
            date: "2025-03-01T09:00:00Z".into(),
        };
        let edit = Edit {
            paragraph: 0,
            chars: from..to,
            text: new.into(),
        };
        Ok(Reviser::new(xml, &tree, &stamp).apply(&ps, &[edit]))
    }

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    #[test]
    fn a_figure_inside_a_run_is_deleted_and_inserted_with_the_runs_properties() -> Result<(), String>
    {
        let xml = format!(
            "<w:document {W}><w:body><w:p><w:bookmarkStart w:id=\"4\" w:name=\"_fig1\"/><w:r w:rsidR=\"1\"><w:rPr><w:b/></w:rPr><w:t>人数为311881人</w:t></w:r></w:p></w:body></w:document>"
        );
        let out = revise(&xml, 3, 9, "312000")?;
        assert_eq!(
            out,
            format!(
                "<w:document {W}><w:body><w:p><w:bookmarkStart w:id=\"4\" w:name=\"_fig1\"/><w:r w:rsidR=\"1\"><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">人数为</w:t></w:r><w:del w:id=\"5\" w:author=\"wengao\" w:date=\"2025-03-01T09:00:00Z\"><w:r w:rsidR=\"1\"><w:rPr><w:b/></w:rPr><w:delText xml:space=\"preserve\">311881</w:delText></w:r></w:del><w:ins w:id=\"6\" w:author=\"wengao\" w:date=\"2025-03-01T09:00:00Z\"><w:r w:rsidR=\"1\"><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">312000</w:t></w:r></w:ins><w:r w:rsidR=\"1\"><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">人</w:t></w:r></w:p></w:body></w:document>"
            )
        );
        Ok(())
    }

    #[test]
    fn a_figure_split_over_runs_gets_one_deletion_per_run_and_one_insertion() -> Result<(), String>
    {
        let xml = format!(
            "<w:document {W}><w:body><w:p><w:r><w:t>为3118</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>81人</w:t></w:r></w:p></w:body></w:document>"
        );
        let out = revise(&xml, 1, 7, "312000")?;
        assert!(out.contains("<w:del w:id=\"1\" w:author=\"wengao\" w:date=\"2025-03-01T09:00:00Z\"><w:r><w:delText xml:space=\"preserve\">3118</w:delText></w:r></w:del>"), "{out}");
        assert!(out.contains("<w:del w:id=\"2\" w:author=\"wengao\" w:date=\"2025-03-01T09:00:00Z\"><w:r><w:rPr><w:i/></w:rPr><w:delText xml:space=\"preserve\">81</w:delText></w:r></w:del><w:ins w:id=\"3\" w:author=\"wengao\" w:date=\"2025-03-01T09:00:00Z\"><w:r><w:t xml:space=\"preserve\">312000</w:t></w:r></w:ins><w:r><w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">人</w:t></w:r>"), "{out}");
        Ok(())
    }

    #[test]
    fn tabs_and_pending_revisions_are_refused() {
        let tab = format!(
            "<w:document {W}><w:body><w:p><w:r><w:t>1</w:t><w:tab/><w:t>2</w:t></w:r></w:p></w:body></w:document>"
        );
        assert_eq!(
            revise(&tab, 0, 3, "9"),
            Err(Refusal::NotPlainText.message().to_string())
        );
        let ins = format!(
            "<w:document {W}><w:body><w:p><w:ins w:id=\"1\"><w:r><w:t>12</w:t></w:r></w:ins></w:p></w:body></w:document>"
        );
        assert_eq!(
            revise(&ins, 0, 2, "9"),
            Err(Refusal::PendingRevision.message().to_string())
        );
    }
}
