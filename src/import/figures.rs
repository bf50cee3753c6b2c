//! Binding the numbers of a report to figures: each quantity gets a name from its clause, is
//! matched against the catalogue (by name and alias, never by value), or becomes a new figure
//! with a readable key; the text around it becomes template text.
//!
//! The same quantity mentioned twice is one figure only when its name, unit and value all agree
//! (a total repeated in a summary); equal values with different names are different figures.

use super::context::Namer;
use super::keys::KeyMaker;
use super::matching::NameIndex;
use super::naming::normalise;
use super::scan::{self, Kind, Quantity, TextReason};
use crate::catalogue::Catalogue;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// How a figure is printed where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Use {
    /// The figure's key.
    pub key: String,
    /// `fig(scale=…)`, when the text writes the value in another scale than the catalogue unit.
    pub scale: Option<&'static str>,
    /// Decimals as written, with `trim=false` (only together with `scale`).
    pub dp: Option<u32>,
    /// The unit is printed by `fig(unit=true)`.
    pub unit: bool,
    /// `fig(previous=true)`: the figure's value in the year before.
    pub previous: bool,
}

/// A year that follows the report's period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearRef {
    /// The year before the period (`meta.prev_year`).
    Previous,
    /// The period's year (`meta.year`).
    Current,
    /// The year after (`meta.next_year`).
    Next,
}

/// A piece of template text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Literal text.
    Text(String),
    /// A figure printed with `fig()`.
    Figure(Use),
    /// A year printed from `meta`.
    Year(YearRef),
}

/// One figure of the imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureEntry {
    /// The figure's key.
    pub key: String,
    /// The Chinese name (the catalogue's for a matched figure).
    pub name: String,
    /// The unit of the value in the file: the catalogue's for a matched figure, else as written.
    pub unit: String,
    /// `None` while pending (XX in the original).
    pub value: Option<Decimal>,
    /// The approximation word the value carries (约, 余, 以上 …).
    pub qualifier: Option<&'static str>,
    /// Decimals written in the original.
    pub decimals: u32,
    /// The key is the catalogue's.
    pub matched: bool,
    /// The line (or paragraph) of its first mention.
    pub line: u32,
    /// The clause it was found in, for the report and the YAML comment.
    pub snippet: String,
    /// How many times the text prints it.
    pub uses: usize,
    /// The previous-period value of this key (从2019年度的1000元提高到1340元: 1000), written
    /// under `previous:` rather than as a figure of its own.
    pub previous_of: Option<String>,
}

/// A number left as text, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftAsText {
    /// The line (or paragraph) of its first mention.
    pub line: u32,
    /// The number as written.
    pub text: String,
    /// Why it stays text.
    pub reason: TextReason,
    /// A few characters around it.
    pub context: String,
}

/// Where a quantity stands in a paragraph, for the relation finder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// Index into the binder's figures.
    pub figure: usize,
    /// Byte where the figure starts in its paragraph.
    pub start: usize,
    /// Byte where its unit ends.
    pub end: usize,
    /// Its clause said 其中/包括/含.
    pub part: bool,
}

/// Words that say whom a name is about: such a name keeps no section subject.
const OWN_SUBJECT: &[&str] = &[
    "城乡",
    "职工",
    "居民",
    "生育",
    "救助",
    "长护",
    "护理",
    "免缴",
    "参保人",
    "离休",
    "基本医",
];

/// Binds the numbers of a whole report, paragraph by paragraph.
#[derive(Clone)]
pub struct Binder<'c> {
    catalogue: &'c Catalogue,
    /// The catalogue's names and aliases, normalised.
    names: NameIndex,
    keys: KeyMaker,
    /// The year of the report's period (years ±1 of it follow `meta`).
    pub period_year: i32,
    /// The figures bound so far.
    pub figures: Vec<FigureEntry>,
    /// Numbers kept as text so far.
    pub left_as_text: Vec<LeftAsText>,
    /// Years turned into `meta` references so far.
    pub years_referenced: usize,
    bound: BTreeMap<String, usize>,
    /// The values each catalogue key was a candidate for (a first pass fills it).
    pub candidates: BTreeMap<String, std::collections::BTreeSet<Option<Decimal>>>,
    /// Keys more than one quantity of the report matched with different values: the wording
    /// is too general to tell which is meant, so none of them takes the key.
    pub ambiguous: std::collections::BTreeSet<String>,
    /// Binding a table cell: never the same figure as another mention.
    in_cell: bool,
    /// The normal form of each figure's full name (parallel to `figures`).
    normalised: Vec<String>,
}

fn decimals_of(text: &str) -> u32 {
    text.split_once(['.', '．'])
        .map_or(0, |(_, f)| u32::try_from(f.len()).unwrap_or(0))
}

impl<'c> Binder<'c> {
    /// A binder over `catalogue`; `aliases` are extra (name, key) pairs to match.
    pub fn new(catalogue: &'c Catalogue, aliases: &[(String, String)], period_year: i32) -> Self {
        let names = NameIndex::new(catalogue, aliases);
        let keys = KeyMaker::new(
            catalogue
                .figures
                .values()
                .map(|d| (d.name.as_str(), d.key.as_str())),
        );
        Binder {
            catalogue,
            names,
            keys,
            period_year,
            figures: Vec::new(),
            left_as_text: Vec::new(),
            years_referenced: 0,
            bound: BTreeMap::new(),
            candidates: BTreeMap::new(),
            ambiguous: std::collections::BTreeSet::new(),
            in_cell: false,
            normalised: Vec::new(),
        }
    }

    /// Binds the numbers of one paragraph (or heading, list item, cell) and returns its template
    /// pieces; `subject` is the insurance its section is about.
    pub fn bind(
        &mut self,
        text: &str,
        line: u32,
        subject: Option<&str>,
        placed: &mut Vec<Placed>,
    ) -> Vec<Segment> {
        let found = scan::scan(text);
        let mut out = Vec::new();
        let mut at = 0;
        let mut namer = Namer::new(text, self.period_year);
        // A figure whose value is the next one's in the year before (从2019年度的1000元提高到…).
        let mut previous_value: Option<usize> = None;
        let push_text = |out: &mut Vec<Segment>, s: &str| {
            if s.is_empty() {
                return;
            }
            if let Some(Segment::Text(t)) = out.last_mut() {
                t.push_str(s);
            } else {
                out.push(Segment::Text(s.to_string()));
            }
        };
        for f in &found {
            if f.start < at {
                continue;
            }
            match &f.kind {
                Kind::Year { year, in_full_date } => {
                    let r = match *year - self.period_year {
                        -1 => Some(YearRef::Previous),
                        0 => Some(YearRef::Current),
                        1 => Some(YearRef::Next),
                        _ => None,
                    };
                    if let (Some(r), false) = (r, *in_full_date) {
                        push_text(&mut out, &text[at..f.start]);
                        out.push(Segment::Year(r));
                        at = f.end;
                        self.years_referenced += 1;
                    }
                }
                Kind::Text(reason) => {
                    self.left_as_text.push(LeftAsText {
                        line,
                        text: f.text.clone(),
                        reason: *reason,
                        context: context(text, f.start, f.end),
                    });
                }
                Kind::Quantity(q) => {
                    let number_start = scan::minus_sign(text, f).unwrap_or(f.start);
                    let cut = super::qualify::cut(text, f, q, number_start);
                    let start = cut.start;
                    push_text(&mut out, &text[at..start]);
                    let full = namer.next(f, &q.unit, q.unit_end);
                    // The insurance the sentence named last, else the section's.
                    let sentence = text[..f.start].rfind(['。', '；', ';']).map_or(0, |i| i);
                    let local =
                        super::subjects::last_subject_outside_brackets(&text[sentence..f.start])
                            .or(subject);
                    // The figure as cut: its word (if it carries one) and whether fig() prints the unit.
                    let chosen = Quantity {
                        unit_adjacent: cut.unit,
                        before: cut.word.filter(|w| q.before == Some(*w)),
                        after: cut.word.filter(|w| q.after == Some(*w)),
                        ..q.clone()
                    };
                    let (idx, use_) = self.quantity(f, &chosen, line, local, &full.name, text);
                    if let Some(from) = previous_value.take() {
                        self.link_previous(from, idx, &mut out);
                    }
                    if full.previous_value {
                        previous_value = Some(idx);
                    }
                    placed.push(Placed {
                        figure: idx,
                        start,
                        end: q.unit_end,
                        part: full.part,
                    });
                    at = cut.end;
                    out.push(Segment::Figure(use_));
                }
            }
        }
        push_text(&mut out, &text[at..]);
        out
    }

    fn quantity(
        &mut self,
        f: &scan::Found,
        q: &Quantity,
        line: u32,
        subject: Option<&str>,
        clause_name: &str,
        text: &str,
    ) -> (usize, Use) {
        let repeatable = !self.in_cell;
        // A name that already says whom it is about keeps no section subject.
        let own = OWN_SUBJECT.iter().any(|w| clause_name.contains(w));
        let full = match subject {
            Some(s) if !own && !normalise(clause_name).contains(s) => {
                // After a time word: 上年度城乡居民医保筹资标准.
                let time = ["上年度", "下年度"]
                    .iter()
                    .find(|t| clause_name.starts_with(**t))
                    .map_or("", |t| *t);
                format!("{time}{s}{}", &clause_name[time.len()..])
            }
            _ => clause_name.to_string(),
        };
        let decimals = decimals_of(&f.text);
        let snippet = context(text, f.start, q.unit_end);
        // The same figure again: same name, unit and value (never for table cells: each cell is
        // its own figure, whatever its value).
        let full_norm = normalise(&full);
        if let Some(i) = self
            .figures
            .iter()
            .zip(&self.normalised)
            .position(|(e, norm)| {
                repeatable
                    && q.value.is_some()
                    && *norm == full_norm
                    && e.qualifier == q.before.or(q.after)
                    && e.value == q.value
                    && e.unit == q.unit
                    && !e.matched
            })
        {
            self.figures[i].uses += 1;
            let key = self.figures[i].key.clone();
            return (
                i,
                Use {
                    key,
                    scale: None,
                    dp: None,
                    unit: q.unit_adjacent,
                    previous: false,
                },
            );
        }
        let candidates = [full.clone(), clause_name.to_string()];
        let matched = self
            .names
            .find(self.catalogue, &candidates, &q.unit, q.value)
            .filter(|(key, _, _)| !self.ambiguous.contains(key));
        if let Some((key, value, _)) = &matched {
            self.candidates
                .entry(key.clone())
                .or_default()
                .insert(*value);
        }
        if let Some((key, value, scale)) = matched {
            match self.bound.get(&key) {
                Some(&i)
                    if repeatable
                        && self.figures[i].value == value
                        && self.figures[i].qualifier == q.before.or(q.after) =>
                {
                    self.figures[i].uses += 1;
                    return (i, self.use_of(&key, scale, decimals, q));
                }
                Some(_) => {}
                None => {
                    let def_name = self
                        .catalogue
                        .get(&key)
                        .map(|d| d.name.clone())
                        .unwrap_or_default();
                    let unit = self
                        .catalogue
                        .get(&key)
                        .map(|d| d.unit.clone())
                        .unwrap_or_default();
                    self.keys.reserve(&key);
                    self.normalised.push(full_norm.clone());
                    self.figures.push(FigureEntry {
                        key: key.clone(),
                        name: def_name,
                        unit,
                        value,
                        qualifier: q.before.or(q.after),
                        decimals,
                        matched: true,
                        line,
                        snippet,
                        uses: 1,
                        previous_of: None,
                    });
                    let i = self.figures.len() - 1;
                    self.bound.insert(key.clone(), i);
                    return (i, self.use_of(&key, scale, decimals, q));
                }
            }
        }
        let mut name = full;
        if self.figures.iter().any(|e| e.name == name) {
            let n = self
                .figures
                .iter()
                .filter(|e| e.name.starts_with(&name))
                .count()
                + 1;
            name = format!("{name}（{n}）");
        }
        let key = self.keys.make(&name);
        self.normalised.push(full_norm);
        self.figures.push(FigureEntry {
            key: key.clone(),
            name,
            unit: q.unit.clone(),
            value: q.value,
            qualifier: q.before.or(q.after),
            decimals,
            matched: false,
            line,
            snippet,
            uses: 1,
            previous_of: None,
        });
        let i = self.figures.len() - 1;
        self.bound.insert(key.clone(), i);
        (
            i,
            Use {
                key,
                scale: None,
                dp: None,
                unit: q.unit_adjacent,
                previous: false,
            },
        )
    }

    /// Binds a table cell that holds only a number (or a placeholder): named after its row and
    /// column labels, in the unit its column or row header gives (else 个). `None` when the
    /// cell is not a lone number.
    pub fn cell_figure(
        &mut self,
        text: &str,
        name: &str,
        unit: &str,
        line: u32,
        subject: Option<&str>,
    ) -> Option<(usize, Use)> {
        let t = text.trim();
        let placeholder =
            !t.is_empty() && (t.chars().all(|c| matches!(c, 'X' | 'x' | 'Ｘ')) || t == "**");
        let value = if placeholder {
            None
        } else {
            let ok = t.chars().next().is_some_and(|c| c.is_ascii_digit())
                && t.chars().all(|c| c.is_ascii_digit() || c == '.')
                && !(t.len() > 1 && t.starts_with('0') && !t.starts_with("0."));
            if !ok {
                return None;
            }
            Some(Decimal::from_str_exact(t).ok()?)
        };
        let f = scan::Found {
            start: 0,
            end: t.len(),
            text: t.to_string(),
            kind: Kind::Quantity(Quantity {
                value,
                unit: unit.to_string(),
                unit_adjacent: false,
                unit_end: t.len(),
                before: None,
                after: None,
            }),
        };
        let Kind::Quantity(q) = &f.kind else {
            return None;
        };
        self.in_cell = true;
        let bound = self.quantity(&f, q, line, subject, name, t);
        self.in_cell = false;
        Some(bound)
    }

    /// Makes figure `from` (just bound, printed last in `out` but one) the previous-period value
    /// of figure `to`, when both are in the same unit and `from` is a new figure used once.
    fn link_previous(&mut self, from: usize, to: usize, out: &mut [Segment]) {
        let (Some(a), Some(b)) = (self.figures.get(from), self.figures.get(to)) else {
            return;
        };
        if a.matched || a.uses != 1 || a.unit != b.unit || from == to {
            return;
        }
        let (old, key) = (a.key.clone(), b.key.clone());
        let Some(Segment::Figure(u)) = out
            .iter_mut()
            .rev()
            .find(|s| matches!(s, Segment::Figure(u) if u.key == old))
        else {
            return;
        };
        u.key = key.clone();
        u.previous = true;
        self.figures[from].previous_of = Some(key);
    }

    fn use_of(&self, key: &str, scale: Option<&'static str>, decimals: u32, q: &Quantity) -> Use {
        Use {
            key: key.to_string(),
            scale,
            dp: scale.map(|_| decimals),
            unit: q.unit_adjacent,
            previous: false,
        }
    }
}

/// A short excerpt around a byte range, for reports.
pub fn context(text: &str, start: usize, end: usize) -> String {
    let before: Vec<char> = text[..start].chars().collect();
    let after: String = text[end..].chars().take(6).collect();
    let from = before.len().saturating_sub(12);
    format!(
        "{}{}{}",
        before[from..].iter().collect::<String>(),
        &text[start..end],
        after
    )
}
