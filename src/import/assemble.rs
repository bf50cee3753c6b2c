//! From source blocks to the two output files: outline, period, figures bound paragraph by
//! paragraph (with the section's subject), relations the text states, template and YAML.

use super::blocks::{SourceBlock, SourceTable};
use super::emit::{self, FileParts, literal, segments};
use super::figures::{Binder, FigureEntry, LeftAsText, Placed, Segment};
use super::outline::{DEFAULT_NUMBERING, Item, Outline, StructureNote, outline};
use super::{guess, naming, relations};
use crate::catalogue::Catalogue;
use crate::model::{DocDate, Period, ReportKind};
use std::fmt::Write;

/// Everything an import produced, before anything is written.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The indicator file (`NAME.yaml`).
    pub yaml: String,
    /// The narrative template (`NAME.md.tera`).
    pub template: String,
    /// The period, read or guessed.
    pub period: Period,
    /// The kind of report.
    pub kind: ReportKind,
    /// The agency of the sign-off (or guessed).
    pub agency: String,
    /// The date of the sign-off (or guessed).
    pub date: DocDate,
    /// Every figure of the file, in the order the text first mentions them.
    pub figures: Vec<FigureEntry>,
    /// Figure mentions in the text (a figure used twice counts twice).
    pub mentions: usize,
    /// Numbers kept as text, with their reasons.
    pub left_as_text: Vec<LeftAsText>,
    /// What the structure pass kept as written, and why.
    pub notes: Vec<StructureNote>,
    /// Relations the text states, as written into the file.
    pub relations: Vec<String>,
    /// Years printed through `meta.year`, `prev_year` or `next_year`.
    pub years_referenced: usize,
    /// What was guessed rather than read (field, how).
    pub guessed: Vec<(&'static str, String)>,
    /// Paragraphs written (title lines, headings, rows included).
    pub paragraphs: usize,
}

/// Options of one import.
#[derive(Debug, Clone, Default)]
pub struct AssembleOptions {
    /// Overrides the guessed period.
    pub period: Option<Period>,
}

struct Writer<'b, 'c> {
    binder: &'b mut Binder<'c>,
    catalogue: &'c Catalogue,
    totals: Vec<String>,
    out: String,
    relations: Vec<String>,
    paragraphs: usize,
}

impl Writer<'_, '_> {
    fn bind(&mut self, text: &str, line: u32, subject: Option<&str>) -> Vec<Segment> {
        let mut placed: Vec<Placed> = Vec::new();
        let segs = self.binder.bind(text, line, subject, &mut placed);
        let found = relations::stated(
            text,
            &placed,
            &self.binder.figures,
            self.catalogue,
            &mut self.totals,
        );
        self.relations.extend(found);
        segs
    }

    fn paragraph(&mut self, text: &str, line: u32, subject: Option<&str>) {
        let segs = self.bind(text, line, subject);
        self.out.push_str(&segments(&segs, true));
        self.out.push_str("\n\n");
        self.paragraphs += 1;
    }

    /// A table as a Markdown table (see [`super::table`]).
    fn table(&mut self, t: &SourceTable, subject: Option<&str>) {
        if let Some(id) = &t.statutory {
            let _ = write!(self.out, "{{{{ table(id=\"{id}\") }}}}\n\n");
            self.paragraphs += 1;
            return;
        }
        let relations = {
            let mut bind_text = |b: &mut Binder, text: &str| {
                let mut placed = Vec::new();
                b.bind(text, t.line, subject, &mut placed)
            };
            super::table::write(
                t,
                self.binder,
                subject,
                &mut self.out,
                t.line,
                &mut bind_text,
            )
        };
        self.relations.extend(relations);
        self.paragraphs += t.rows.len();
    }

    fn items(&mut self, items: &[Item], subject: Option<&'static str>) {
        let mut subjects: [Option<&'static str>; 5] = [subject, None, None, None, None];
        let mut current = subject;
        for item in items {
            match item {
                Item::Heading(h) => {
                    let level = usize::from(h.level.clamp(1, 4));
                    let parent = subjects[..level].iter().rev().flatten().next().copied();
                    let own = naming::last_subject(&h.text).or(parent);
                    subjects[level] = own;
                    for s in subjects.iter_mut().skip(level + 1) {
                        *s = None;
                    }
                    current = own;
                    let segs = self.bind(&h.text, h.line, own);
                    let _ = write!(self.out, "{} {}", "#".repeat(level), segments(&segs, false));
                    match (&h.run_in, level) {
                        (Some(_), 1 | 2) => self.out.push_str(" {.run-in}"),
                        (None, 3 | 4) => self.out.push_str(" {.block}"),
                        _ => {}
                    }
                    self.out.push_str("\n\n");
                    self.paragraphs += 1;
                    if let Some(r) = &h.run_in {
                        let segs = self.bind(r, h.line, own);
                        self.out.push_str(&segments(&segs, true));
                        self.out.push_str("\n\n");
                    }
                }
                Item::Paragraph(l) => self.paragraph(&l.text, l.line, current),
                Item::List(list) => {
                    for (i, l) in list.iter().enumerate() {
                        let segs = self.bind(&l.text, l.line, current);
                        let _ = writeln!(self.out, "{}. {}", i + 1, segments(&segs, true));
                        self.paragraphs += 1;
                    }
                    self.out.push('\n');
                }
                Item::Table(t) => self.table(t, current),
            }
        }
    }
}

/// Imports blocks read from `source_name`; the template is named `template_name`.
pub fn assemble(
    blocks: &[SourceBlock],
    source_name: &str,
    template_name: &str,
    catalogue: &Catalogue,
    aliases: &[(String, String)],
    options: &AssembleOptions,
) -> Option<Imported> {
    let (blocks, debris) = super::debris::drop_debris(blocks);
    let blocks = &blocks[..];
    let mut o: Outline = outline(blocks);
    o.notes.splice(0..0, debris);
    let all_text: String = blocks
        .iter()
        .filter_map(|b| match b {
            SourceBlock::Paragraph(p) => Some(p.text.as_str()),
            SourceBlock::Table(_) => None,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut guessed: Vec<(&'static str, String)> = Vec::new();
    let period = match options.period {
        Some(p) => p,
        None => {
            let (p, source) = guess::period(&o, &all_text)?;
            guessed.push(("period", format!("由{source}推断，请核对")));
            p
        }
    };
    let kind = guess::kind(&o, period);
    // A disclosure report's statutory tables go to `disclosure:`, placed by `table(id=…)`.
    let statutory = (kind == ReportKind::Disclosure)
        .then(|| super::statutory::find(blocks, period.year()))
        .flatten()
        .filter(|s| !s.tables.is_empty());
    if let Some(s) = &statutory {
        let replaced = super::statutory::replace(blocks, s);
        let notes = std::mem::take(&mut o.notes);
        o = outline(&replaced);
        o.notes.splice(
            0..0,
            notes.into_iter().filter(|n| n.text.ends_with("已去掉")),
        );
    }
    if o.title.is_empty() {
        guessed.push(("report", "原文没有标题，报告类型按期间推断".to_string()));
    }
    let agency = match guess::agency(&o) {
        Some(a) => {
            if o.sign_off.is_none() {
                guessed.push(("agency", "原文没有落款，取自标题，请核对".to_string()));
            }
            a
        }
        None => {
            guessed.push(("agency", "原文没有落款，请填写发文机关".to_string()));
            "XX".to_string()
        }
    };
    let date = match &o.sign_off {
        Some(s) => s.date,
        None => {
            guessed.push(("date", "原文没有成文日期，请填写".to_string()));
            guess::date_after(period)
        }
    };
    // First pass: which catalogue keys several different quantities would take.
    let fresh = Binder::new(catalogue, aliases, period.year());
    let ambiguous = {
        let mut probe = fresh.clone();
        write_body(&o, &mut probe, catalogue, source_name);
        probe
            .candidates
            .iter()
            .filter(|(_, values)| values.len() > 1)
            .map(|(k, _)| k.clone())
            .collect()
    };
    let mut binder = fresh;
    binder.ambiguous = ambiguous;
    let (template, relations, paragraphs) = write_body(&o, &mut binder, catalogue, source_name);
    let mentions = binder.figures.iter().map(|f| f.uses).sum();
    let units = units_to_declare(&binder.figures);
    let numbering = (o.numbering != DEFAULT_NUMBERING.map(str::to_string)).then_some(&o.numbering);
    let yaml = emit::indicator_file(&FileParts {
        source_name,
        agency: &agency,
        period,
        date,
        kind,
        template_name,
        numbering,
        figures: &binder.figures,
        units: &units,
        relations: &relations,
        guessed: &guessed,
        disclosure: statutory.as_ref().map(super::statutory::yaml).as_deref(),
    });
    let _ = literal;
    Some(Imported {
        yaml,
        template,
        period,
        kind,
        agency,
        date,
        figures: binder.figures.clone(),
        mentions,
        left_as_text: binder.left_as_text.clone(),
        notes: o.notes.clone(),
        relations,
        years_referenced: binder.years_referenced,
        guessed,
        paragraphs,
    })
}

/// Writes the template text of the whole report; returns it with the relations the text states
/// and the number of paragraphs written.
fn write_body<'c>(
    o: &Outline,
    binder: &mut Binder<'c>,
    catalogue: &'c Catalogue,
    source_name: &str,
) -> (String, Vec<String>, usize) {
    let mut w = Writer {
        binder,
        catalogue,
        totals: Vec::new(),
        out: String::new(),
        relations: Vec::new(),
        paragraphs: 0,
    };
    let _ = writeln!(
        w.out,
        "{{# 由 wengao import 从 {} 生成。标题不写编号（wengao 按 meta.numbering 编号）；数字用 fig() 取自指标文件。 #}}",
        source_name.replace("#}", "# }")
    );
    if !o.title.is_empty() {
        w.out.push_str("{{ title() }}");
        let lines: Vec<String> = o
            .title
            .iter()
            .map(|l| {
                let segs = w.bind(&l.text, l.line, None);
                segments(&segs, false)
            })
            .collect();
        w.out.push_str(&lines.join("\n"));
        w.out.push_str("\n\n");
        w.paragraphs += o.title.len();
    }
    if let Some(a) = &o.addressee {
        w.paragraph(&a.text, a.line, None);
    }
    w.items(&o.items, None);
    let literal_tail = o.attachments_as_text && !o.attachments.is_empty();
    if o.attachments_as_text {
        for l in &o.attachment_note {
            w.paragraph(&l.text, l.line, None);
        }
    }
    if o.sign_off.is_some() {
        if literal_tail {
            w.out.push_str("{{ meta.agency }}\n\n{{ meta.date }}\n\n");
        } else {
            w.out.push_str("{{ signoff() }}\n\n");
        }
        w.paragraphs += 2;
    }
    for a in &o.attachments {
        if literal_tail {
            for b in &a.blocks {
                match b {
                    SourceBlock::Paragraph(p) => w.paragraph(&p.text, p.line, None),
                    SourceBlock::Table(t) => w.table(t, None),
                }
            }
            continue;
        }
        let _ = writeln!(
            w.out,
            "{{{{ attachment(title=\"{}\") }}}}\n",
            a.title.replace(['"', '\\'], "”")
        );
        w.paragraphs += 2;
        w.items(&a.items, None);
    }
    let mut template = w.out;
    while template.ends_with("\n\n") {
        template.pop();
    }
    (template, w.relations, w.paragraphs)
}

/// Units of new figures that wengao does not know: declared in the file (class, and base and
/// factor for 万/亿/千万 scales of a unit).
fn units_to_declare(figures: &[FigureEntry]) -> Vec<emit::UnitDecl> {
    let mut out: Vec<emit::UnitDecl> = Vec::new();
    for f in figures.iter().filter(|f| !f.matched) {
        for d in super::declare::declarations_for(&f.unit) {
            if !out.iter().any(|(n, _, _)| *n == d.0) {
                out.push(d);
            }
        }
    }
    out
}
