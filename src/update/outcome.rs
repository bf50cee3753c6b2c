//! Deciding what `update` does with each figure: which places get a tracked change, which are
//! conflicts, which figures are missing or have no place; the report of it; the manifest entries
//! refreshed for the next update.

use super::locate::{self, Found, How, Place};
use super::revise::{self, Edit};
use crate::document::FigureRef;
use crate::package::Package;
use crate::render::docx::anchor::{CellAt, Manifest, Placement, contexts};
use crate::wordml::{Paragraph, Table, Tree};
use std::collections::{BTreeMap, BTreeSet};

/// A figure replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Its key.
    pub key: String,
    /// Its Chinese name.
    pub name: String,
    /// The text written last time.
    pub old: String,
    /// The new text.
    pub new: String,
    /// The section path of every place replaced (`一（一）`, `附件1 二 表格第4行`).
    pub places: Vec<String>,
    /// How it was found.
    pub how: How,
}

/// A figure that could not simply be replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// Its key.
    pub key: String,
    /// Its Chinese name.
    pub name: String,
    /// The text wengao wrote last time.
    pub written: String,
    /// The text in the draft now (empty when not known).
    pub found: String,
    /// The new text.
    pub new: String,
    /// The section path of every place concerned.
    pub places: Vec<String>,
    /// Replaced anyway (`--force`).
    pub forced: bool,
    /// Why it is a conflict.
    pub reason: String,
}

/// A figure of the manifest not found in the draft, or no longer printed by the new version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// Its key.
    pub key: String,
    /// Its Chinese name.
    pub name: String,
    /// The text written last time.
    pub old: String,
    /// The new text (`None`: the new version no longer prints it).
    pub new: Option<String>,
    /// Found in the draft (only for figures the new version no longer prints).
    pub in_draft: bool,
}

impl Missing {
    /// Whether the writer must do something about it: its value changed, or the new version
    /// drops a figure the draft still shows.
    pub fn matters(&self) -> bool {
        match &self.new {
            Some(n) => *n != self.old,
            None => self.in_draft,
        }
    }
}

/// A figure the new version prints that has no place in the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplaced {
    /// Its key.
    pub key: String,
    /// Its Chinese name.
    pub name: String,
    /// Its new text.
    pub text: String,
}

/// Everything `update` did and could not do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The file written.
    pub output: String,
    /// The author of the revisions.
    pub author: String,
    /// The date of the revisions.
    pub date: String,
    /// Figures replaced.
    pub changes: Vec<Change>,
    /// Figures retyped by the writer, ambiguous, or in text that cannot be revised.
    pub conflicts: Vec<Conflict>,
    /// Figures not found in the draft, or dropped by the new version.
    pub missing: Vec<Missing>,
    /// New figures with no place in the draft.
    pub unplaced: Vec<Unplaced>,
    /// Figures found and unchanged.
    pub unchanged: usize,
}

impl Report {
    /// Whether every change was applied: no unforced conflict, no changed figure missing, no
    /// figure without a place.
    pub fn complete(&self) -> bool {
        self.conflicts.iter().all(|c| c.forced)
            && !self.missing.iter().any(Missing::matters)
            && self.unplaced.is_empty()
    }

    /// How many places were replaced.
    pub fn revisions(&self) -> usize {
        self.changes.iter().map(|c| c.places.len()).sum::<usize>()
            + self
                .conflicts
                .iter()
                .filter(|c| c.forced)
                .map(|c| c.places.len())
                .sum::<usize>()
    }
}

/// The paragraph styles with an outline level (1–4), following `basedOn`.
pub fn heading_levels(package: &Package) -> BTreeMap<String, u8> {
    let mut out = BTreeMap::new();
    let Some(xml) = package
        .part("word/styles.xml")
        .and_then(|b| std::str::from_utf8(b).ok())
    else {
        return out;
    };
    let Ok(tree) = Tree::parse(xml) else {
        return out;
    };
    let mut own: BTreeMap<String, (Option<u8>, Option<String>)> = BTreeMap::new();
    for (i, n) in tree.nodes.iter().enumerate() {
        if !n.is("style") {
            continue;
        }
        let Some(id) = n.attr("styleId") else {
            continue;
        };
        let level = tree
            .child(i, "pPr")
            .and_then(|p| tree.child(p, "outlineLvl"))
            .and_then(|o| tree.nodes[o].attr("val"))
            .and_then(|v| v.parse::<u8>().ok());
        let based = tree
            .child(i, "basedOn")
            .and_then(|b| tree.nodes[b].attr("val"))
            .map(str::to_string);
        own.insert(id.to_string(), (level, based));
    }
    for id in own.keys() {
        let mut at = Some(id.clone());
        for _ in 0..16 {
            let Some((level, based)) = at.as_ref().and_then(|a| own.get(a)) else {
                break;
            };
            if let Some(l) = level {
                if *l < 4 {
                    out.insert(id.clone(), l + 1);
                }
                break;
            }
            at = based.clone();
        }
    }
    out
}

/// The number a heading starts with, as paths show it: `一、` → `一`, `（一）`, `1.` → `1`, `（1）`.
fn heading_number(text: &str) -> Option<String> {
    let t = text.trim_start();
    let cn = |c: char| "一二三四五六七八九十百零〇".contains(c);
    let head: String = t
        .chars()
        .take_while(|&c| cn(c) || c.is_ascii_digit())
        .collect();
    if !head.is_empty() {
        let rest = &t[head.len()..];
        return rest.starts_with(['、', '.', '．']).then_some(head);
    }
    let inner = t.strip_prefix('（')?;
    let close = inner.find('）')?;
    let num = &inner[..close];
    (!num.is_empty() && num.chars().all(|c| cn(c) || c.is_ascii_digit()))
        .then(|| format!("（{num}）"))
}

/// The section path of every paragraph: `一（一）`, `附件1 二`, `开头`; table paragraphs add
/// `表格第N行`.
pub fn section_paths(paragraphs: &[Paragraph], levels: &BTreeMap<String, u8>) -> Vec<String> {
    let mut open: [String; 4] = Default::default();
    let mut prefix = String::new();
    let mut out = Vec::with_capacity(paragraphs.len());
    for p in paragraphs {
        let text = p.string();
        if p.cell.is_none() {
            let trimmed = text.trim();
            let attachment = trimmed
                .strip_prefix("附件")
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
            if attachment {
                prefix = trimmed.to_string();
                open = Default::default();
            }
            let level = p
                .outline
                .map(|o| o + 1)
                .or_else(|| p.style.as_ref().and_then(|s| levels.get(s).copied()));
            if let (Some(l @ 1..=4), Some(n)) = (level, heading_number(&text)) {
                let i = usize::from(l - 1);
                open[i] = n;
                for deeper in open.iter_mut().skip(i + 1) {
                    deeper.clear();
                }
            }
        }
        let section = open.concat();
        let mut path = match (prefix.is_empty(), section.is_empty()) {
            (true, true) => "开头".to_string(),
            (true, false) => section,
            (false, true) => prefix.clone(),
            (false, false) => format!("{prefix} {section}"),
        };
        if let Some((_, row, _)) = p.cell {
            path = format!("{path} 表格第{}行", row + 1);
        }
        out.push(path);
    }
    out
}

/// Everything `update` needs to decide.
pub struct Plan<'a> {
    /// `document.xml`'s elements.
    pub tree: &'a Tree,
    /// Its paragraphs.
    pub paragraphs: &'a [Paragraph],
    /// Its tables.
    pub tables: &'a [Table],
    /// Heading styles and their levels.
    pub headings: &'a BTreeMap<String, u8>,
    /// The draft's manifest.
    pub manifest: &'a Manifest,
    /// The property number of each placement.
    pub numbers: &'a [usize],
    /// What the new version prints, by call.
    pub printed: &'a BTreeMap<String, FigureRef>,
    /// `--force`.
    pub force: bool,
}

impl Plan<'_> {
    /// Locates every placement, settles places claimed twice, decides the edits, and returns
    /// the report, the edits and the refreshed manifest entries.
    pub fn run(&self) -> (Report, Vec<Edit>, Vec<(usize, Placement)>) {
        let doc = locate::Document {
            paragraphs: self.paragraphs,
            tables: self.tables,
        };
        let mut found: Vec<Found> = self
            .manifest
            .placements
            .iter()
            .map(|p| locate::locate(&doc, p))
            .collect();
        self.settle_claims(&mut found);
        let paths = section_paths(self.paragraphs, self.headings);
        let path_of = |places: &[Place]| -> Vec<String> {
            places.iter().map(|p| paths[p.paragraph].clone()).collect()
        };
        let mut report = Report::default();
        let mut edits: Vec<(Edit, usize)> = Vec::new();
        for (i, (p, f)) in self.manifest.placements.iter().zip(&found).enumerate() {
            let new = self.printed.get(&p.call).map(|f| f.text.clone());
            let name = self
                .printed
                .get(&p.call)
                .map_or(p.name.clone(), |f| f.name.clone());
            match (f, new) {
                (Found::Missing, new) => report.missing.push(Missing {
                    key: p.key.clone(),
                    name,
                    old: p.text.clone(),
                    new,
                    in_draft: false,
                }),
                (_, None) => report.missing.push(Missing {
                    key: p.key.clone(),
                    name,
                    old: p.text.clone(),
                    new: None,
                    in_draft: true,
                }),
                (_, Some(n)) if n == p.text => report.unchanged += 1,
                (Found::At { places, how }, Some(n)) => {
                    edits.extend(places.iter().map(|pl| (edit(pl, &p.text, &n), i)));
                    report.changes.push(Change {
                        key: p.key.clone(),
                        name,
                        old: p.text.clone(),
                        new: n,
                        places: path_of(places),
                        how: *how,
                    });
                }
                (Found::Retyped { places, text }, Some(n)) => {
                    if self.force {
                        edits.extend(places.iter().map(|pl| (edit(pl, text, &n), i)));
                    }
                    report.conflicts.push(Conflict {
                        key: p.key.clone(),
                        name,
                        written: p.text.clone(),
                        found: text.clone(),
                        new: n,
                        places: path_of(places),
                        forced: self.force,
                        reason: "文稿中的数字已被手工改过".to_string(),
                    });
                }
            }
        }
        let calls: BTreeSet<&str> = self
            .manifest
            .placements
            .iter()
            .map(|p| p.call.as_str())
            .collect();
        report.unplaced = self
            .printed
            .values()
            .filter(|f| !calls.contains(f.anchor.as_str()))
            .map(|f| Unplaced {
                key: f.key.clone(),
                name: f.name.clone(),
                text: f.text.clone(),
            })
            .collect();
        let edits = self.admit(edits, &mut report);
        let refreshed = self.refresh(&found, &edits);
        (report, edits, refreshed)
    }

    /// A place claimed by several placements keeps the best-found claim (its surroundings over
    /// its paragraph over its value); two placements found by their surroundings at the same
    /// place share it.
    fn settle_claims(&self, found: &mut [Found]) {
        let mut claims: Vec<(How, usize, Place)> = Vec::new();
        for (i, f) in found.iter().enumerate() {
            if let Found::At { places, how } = f {
                claims.extend(places.iter().map(|p| (*how, i, p.clone())));
            }
        }
        claims.sort_by_key(|c| (c.0, c.1));
        let mut taken: Vec<(How, Place)> = Vec::new();
        let mut drop: BTreeSet<(usize, Place)> = BTreeSet::new();
        for (how, i, place) in claims {
            let clash = taken.iter().find(|(_, t)| {
                t.paragraph == place.paragraph
                    && t.chars.start < place.chars.end
                    && place.chars.start < t.chars.end
            });
            match clash {
                Some((th, t)) if !(*th == How::Context && how == How::Context && *t == place) => {
                    drop.insert((i, place));
                }
                _ => taken.push((how, place)),
            }
        }
        for (i, f) in found.iter_mut().enumerate() {
            if let Found::At { places, .. } = f {
                places.retain(|p| !drop.contains(&(i, p.clone())));
                if places.is_empty() {
                    *f = Found::Missing;
                }
            }
        }
    }

    /// The edits that can be written: one per place (two placements at one place must agree),
    /// in text that can carry a revision; the others become conflicts.
    fn admit(&self, edits: Vec<(Edit, usize)>, report: &mut Report) -> Vec<Edit> {
        let mut by_place: BTreeMap<(usize, usize, usize), (Edit, Vec<usize>)> = BTreeMap::new();
        for (e, i) in edits {
            let key = (e.paragraph, e.chars.start, e.chars.end);
            let entry = by_place
                .entry(key)
                .or_insert_with(|| (e.clone(), Vec::new()));
            if entry.0.text != e.text {
                entry.0.text.clear(); // two different new texts for one place
            }
            entry.1.push(i);
        }
        let mut out = Vec::new();
        for ((para, from, to), (e, owners)) in by_place {
            let refusal = if e.text.is_empty() {
                Some("两个指标在文稿中的位置和上下文相同，无法区分".to_string())
            } else {
                revise::check(self.tree, &self.paragraphs[para], &(from..to))
                    .err()
                    .map(|r| r.message().to_string())
            };
            match refusal {
                None => out.push(e),
                Some(reason) => {
                    let paths = section_paths(self.paragraphs, self.headings);
                    for i in owners {
                        let p = &self.manifest.placements[i];
                        let found: String = self.paragraphs[para].text[from..to].iter().collect();
                        report
                            .changes
                            .retain(|c| !(c.key == p.key && c.old == p.text));
                        report.conflicts.push(Conflict {
                            key: p.key.clone(),
                            name: p.name.clone(),
                            written: p.text.clone(),
                            found,
                            new: self
                                .printed
                                .get(&p.call)
                                .map(|f| f.text.clone())
                                .unwrap_or_default(),
                            places: vec![paths[para].clone()],
                            forced: false,
                            reason: reason.clone(),
                        });
                    }
                }
            }
        }
        out
    }

    /// The manifest entries for the next update: every placement found gets the surroundings it
    /// has now (cut at the figures next to it) and, where it was replaced, its new text.
    fn refresh(&self, found: &[Found], edits: &[Edit]) -> Vec<(usize, Placement)> {
        let mut figures_in: BTreeMap<usize, Vec<std::ops::Range<usize>>> = BTreeMap::new();
        for f in found {
            if let Found::At { places, .. } | Found::Retyped { places, .. } = f {
                for p in places {
                    figures_in
                        .entry(p.paragraph)
                        .or_default()
                        .push(p.chars.clone());
                }
            }
        }
        let mut out = Vec::new();
        for ((p, f), &n) in self.manifest.placements.iter().zip(found).zip(self.numbers) {
            let (Found::At { places, .. } | Found::Retyped { places, .. }) = f else {
                continue;
            };
            let Some(first) = places.first() else {
                continue;
            };
            let para = &self.paragraphs[first.paragraph];
            let others = figures_in
                .get(&first.paragraph)
                .cloned()
                .unwrap_or_default();
            let lower = others
                .iter()
                .filter(|r| r.end <= first.chars.start)
                .map(|r| r.end)
                .max()
                .unwrap_or(0);
            let upper = others
                .iter()
                .filter(|r| r.start >= first.chars.end)
                .map(|r| r.start)
                .min()
                .unwrap_or(para.text.len());
            let (before, after) =
                contexts(&para.text, first.chars.start, first.chars.end, lower, upper);
            let replaced = edits
                .iter()
                .any(|e| {
                    e.paragraph == first.paragraph
                        && e.chars.start >= first.chars.start
                        && e.chars.end <= first.chars.end
                })
                .then(|| self.printed.get(&p.call).map(|f| f.text.clone()))
                .flatten();
            let cell = para.cell.and_then(|(t, r, c)| {
                let label = self.tables.get(t)?.rows.get(r)?.label.clone();
                Some(CellAt {
                    table: t,
                    row: r,
                    column: c,
                    label,
                })
            });
            let refreshed = Placement {
                text: replaced.unwrap_or_else(|| p.text.clone()),
                before,
                after,
                cell: cell.or_else(|| p.cell.clone()),
                ..p.clone()
            };
            if refreshed != *p {
                out.push((n, refreshed));
            }
        }
        out
    }
}

/// The edit replacing `place` (whose text is `old`) with `text`, narrowed to the words that
/// differ: `311881人` → `312000人` replaces `311881` only, `同比增长3.2%` → `同比下降1.5%`
/// replaces `增长3.2`. Numbers stay whole (words as `diff` cuts them).
fn edit(place: &Place, old: &str, text: &str) -> Edit {
    let a = crate::diff::words::tokens(old);
    let b = crate::diff::words::tokens(text);
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let chars = |t: &[&str]| t.iter().map(|s| s.chars().count()).sum::<usize>();
    let (skip, keep_end) = (chars(&a[..prefix]), chars(&a[a.len() - suffix..]));
    let start = place.chars.start + skip;
    let end = place.chars.end - keep_end;
    if start >= end {
        // Only an insertion would remain: replace the whole text instead.
        return Edit {
            paragraph: place.paragraph,
            chars: place.chars.clone(),
            text: text.to_string(),
        };
    }
    Edit {
        paragraph: place.paragraph,
        chars: start..end,
        text: b[prefix..b.len() - suffix].concat(),
    }
}
