//! Merging a parsed catalogue into the catalogue so far: its units declared first, then its
//! figures (each checked against the units known by then, and against the definition it
//! replaces), then its relations (replacing the earlier relations of the same result).
//!
//! The same merge serves a catalogue file (`--catalogue`, `meta.catalogue`) and the inline
//! `catalogue:` of an indicator file ([`InlineCatalogue`]); problems are located in the file
//! that wrote them, with the earlier definition as the related place.

use super::Relation;
use super::read::{self, RawCatalogue, RawUnit};
use super::{BUILTIN_NAME, Catalogue, DeclaredUnit, FigureDef};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::hashed::{HashMap, HashSet};
use crate::source::SourceFile;
use crate::units::{self, Declaration, DeclarationError, Field};
use crate::yaml;

/// The `catalogue:` part of an indicator file, as parsed with the file; merged after the
/// catalogue files by [`Catalogue::merge_inline`].
#[derive(Debug, Clone)]
pub struct InlineCatalogue {
    /// The indicator file (for locations).
    file: String,
    /// The declarations as written.
    raw: RawCatalogue,
}

impl InlineCatalogue {
    /// The inline catalogue of `file`.
    pub(crate) fn new(file: &str, raw: RawCatalogue) -> Self {
        InlineCatalogue {
            file: file.to_string(),
            raw,
        }
    }

    /// How many units, figures and relations it declares.
    pub fn len(&self) -> usize {
        self.raw.units.len() + self.raw.figures.len() + self.raw.relations.len()
    }

    /// Whether it declares nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// From this many figures on, a merge hashes the definitions so far for its lookups and
/// bulk-builds the merged map; fewer are looked up and inserted one by one.
const MANY: usize = 64;

/// For each figure whose key an earlier figure of the same catalogue already has: its index and
/// where the first one is.
fn repeated_keys(file: &str, raw: &RawCatalogue) -> HashMap<usize, Location> {
    let mut first: HashMap<&str, usize> =
        HashMap::with_capacity_and_hasher(raw.figures.len(), Default::default());
    let mut repeats = HashMap::default();
    for (i, f) in raw.figures.iter().enumerate() {
        let key = f.value.key.value.0.trim();
        match first.get(key) {
            Some(&j) => {
                repeats.insert(i, yaml::at(file, &raw.figures[j]));
            }
            None => {
                first.insert(key, i);
            }
        }
    }
    repeats
}

impl Catalogue {
    /// Parses a catalogue and merges it in: units are declared, the same key overrides, new keys
    /// are added; a relation whose result already has one replaces it.
    pub fn merge_source(&mut self, src: &SourceFile) -> Diagnostics {
        let mut ds = Diagnostics::default();
        let mut notes = Vec::new();
        let parsed = read::parse_file(src, &mut notes);
        ds.extend(notes);
        match parsed {
            Ok(raw) => self.merge_raw(&src.name, raw, &mut ds),
            Err(d) => ds.push(d),
        }
        ds
    }

    /// Merges the inline `catalogue:` of an indicator file (after every catalogue file).
    pub fn merge_inline(&mut self, inline: InlineCatalogue) -> Diagnostics {
        let mut ds = Diagnostics::default();
        self.merge_raw(&inline.file, inline.raw, &mut ds);
        ds
    }

    /// Merges one parsed catalogue written in `file`.
    fn merge_raw(&mut self, file: &str, raw: RawCatalogue, ds: &mut Diagnostics) {
        self.shipped_only = false;
        for u in &raw.units {
            self.declare_unit(file, &u.value, yaml::at(file, u), ds);
        }
        let repeats = repeated_keys(file, &raw);
        // The definitions merged so far, hashed when many figures are looked up among them
        // (a search of the sorted map compares whole keys a dozen times a lookup).
        let earlier: Option<HashMap<&str, &FigureDef>> = (raw.figures.len() >= MANY)
            .then(|| self.figures.iter().map(|(k, d)| (k.as_str(), d)).collect());
        let mut defs = Vec::with_capacity(raw.figures.len());
        for (i, f) in raw.figures.into_iter().enumerate() {
            let loc = yaml::at(file, &f);
            let unit_at = f.value.unit.referenced;
            if let Some(first) = repeats.get(&i) {
                // Its own problems first, then the repetition.
                let Some(def) = read::figure_def(file, f.value, loc.clone(), self, ds) else {
                    continue;
                };
                ds.push(
                    Diagnostic::error(
                        "E-CAT-DUPLICATE",
                        format!("指标“{}”在同一目录里定义了两次", def.key),
                    )
                    .at(loc)
                    .related(first.clone(), "第一次定义在这里")
                    .hint("删去其中一条；要覆盖内置目录的条目，写在自己的目录里即可"),
                );
                continue;
            }
            let Some(def) = read::figure_def(file, f.value, loc, self, ds) else {
                continue;
            };
            let old = match &earlier {
                Some(earlier) => earlier.get(def.key.as_str()).copied(),
                None => self.figures.get(&def.key),
            };
            if let Some(old) = old
                && let Some(d) = self.override_problem(
                    old,
                    &def,
                    Location::new(file, unit_at.line(), unit_at.column()),
                )
            {
                let refused = d.is_error();
                ds.push(d);
                if refused {
                    continue;
                }
            }
            defs.push(def);
        }
        self.add_figures(defs);
        let mut added = Vec::new();
        for r in raw.relations {
            let loc = yaml::at(file, &r);
            added.extend(read::relation(r.value, &loc, ds));
        }
        // Relations of a later catalogue replace the earlier catalogues' relations for the same
        // result; within one catalogue, several relations may check the same figure.
        let replaced: HashSet<&str> = added.iter().map(Relation::result).collect();
        self.relations
            .retain(|old| !replaced.contains(old.result()));
        self.relations.extend(added);
    }

    /// Adds definitions (a later one of a key replaces the earlier one). Many at once are
    /// merged and bulk-built, which is several times faster than inserting one by one.
    fn add_figures(&mut self, defs: Vec<FigureDef>) {
        if defs.len() < MANY {
            for def in defs {
                self.figures.insert(def.key.clone(), def);
            }
            return;
        }
        let old = std::mem::take(&mut self.figures);
        let all: Vec<(String, FigureDef)> = old
            .into_iter()
            .chain(defs.into_iter().map(|d| (d.key.clone(), d)))
            .collect();
        self.figures = crate::model::sorted_map(all);
    }

    /// Declares one unit (`units:` entry written at `at`); a symbol already known with the same
    /// meaning is accepted silently, with another meaning refused.
    fn declare_unit(&mut self, file: &str, u: &RawUnit, at: Location, ds: &mut Diagnostics) {
        let text = |t: &Option<yaml::Spanned<yaml::Text>>| {
            t.as_ref().map(|t| t.value.0.trim().to_string())
        };
        let (class, base) = (text(&u.class), text(&u.base));
        let factor = match &u.factor {
            None => None,
            Some(f) => match f.value.0.trim().parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    ds.push(
                        Diagnostic::error(
                            "E-CAT-UNIT-DECLARE",
                            format!(
                                "单位“{}”的倍数“{}”不是整数",
                                u.name.value.0.trim(),
                                f.value.0
                            ),
                        )
                        .at(yaml::at(file, f))
                        .hint("factor 写正整数，例如 万盒 = 10000 盒 写 factor: 10000"),
                    );
                    return;
                }
            },
        };
        let declaration = Declaration {
            name: u.name.value.0.trim(),
            class: class.as_deref(),
            base: base.as_deref(),
            factor,
        };
        let unit = match units::declare(&declaration, |s| self.unit(s)) {
            Ok(unit) => unit,
            Err(DeclarationError { field, message }) => {
                let place = match field {
                    Field::Name => Some(&u.name),
                    Field::Class => u.class.as_ref(),
                    Field::Base => u.base.as_ref(),
                    Field::Factor => u.factor.as_ref(),
                };
                ds.push(
                    Diagnostic::error("E-CAT-UNIT-DECLARE", message)
                        .at(place.map_or(at, |p| yaml::at(file, p)))
                        .path("units")
                        .hint(format!(
                            "写法：- {{name: 台, class: count}}，或按另一单位的倍数：- {{name: 万盒, class: count, base: 盒, factor: 10000}}；类别：{}",
                            units::CLASSES
                        )),
                );
                return;
            }
        };
        if let Some(known) = self.unit(&unit.symbol) {
            if known.dimension == unit.dimension && known.factor == unit.factor {
                return;
            }
            let mut d = Diagnostic::error(
                "E-CAT-UNIT-DECLARE",
                format!(
                    "单位“{}”已有别的含义（{}，{} 个基准单位），不能再声明为{}（{} 个基准单位）",
                    unit.symbol,
                    known.dimension.chinese(),
                    known.factor,
                    unit.dimension.chinese(),
                    unit.factor
                ),
            )
            .at(yaml::at(file, &u.name))
            .path("units")
            .hint("换一个单位名称，或删去这条声明");
            if let Some(first) = self
                .units
                .get(unit.symbol.as_ref())
                .and_then(|d| d.location.clone())
            {
                d = d.related(first, "先前的声明在这里");
            }
            ds.push(d);
            return;
        }
        self.units.insert(
            unit.symbol.to_string(),
            DeclaredUnit {
                unit,
                location: Some(at),
            },
        );
    }

    /// Why `new` may not replace `old`: a unit of another dimension (人 → 元) is refused, since
    /// the relations written for the old figure would compare people with money; redefining a
    /// figure another user catalogue defined differently is a warning (one run shares one
    /// catalogue).
    fn override_problem(
        &self,
        old: &FigureDef,
        new: &FigureDef,
        unit_at: Location,
    ) -> Option<Diagnostic> {
        let where_old = match &old.location {
            Some(l) if l.file == BUILTIN_NAME => "内置目录".to_string(),
            Some(l) => format!(" {} ", l.file),
            None => "先前的目录".to_string(),
        };
        let (old_unit, new_unit) = (self.unit(&old.unit)?, self.unit(&new.unit)?);
        if old_unit.dimension != new_unit.dimension {
            let mut d = Diagnostic::error(
                "E-CAT-OVERRIDE",
                format!(
                    "指标“{}”（{}）在{where_old}里的单位是“{}”（{}），这里改成“{}”（{}），两者不能换算",
                    new.key,
                    old.name,
                    old.unit,
                    old_unit.dimension.chinese(),
                    new.unit,
                    new_unit.dimension.chinese()
                ),
            )
            .at(unit_at)
            .path(format!("figures.{}.unit", new.key))
            .hint("如果是另一个指标，请换一个键名；如果只是换算单位（人与万人、元与万元），请用同类单位");
            if let Some(l) = &old.location {
                d = d.related(l.clone(), format!("{}里的定义", where_old.trim_start()));
            }
            return Some(d);
        }
        let from_builtin = old.location.as_ref().is_none_or(|l| l.file == BUILTIN_NAME);
        let same_file = match (&old.location, &new.location) {
            (Some(a), Some(b)) => a.file == b.file,
            _ => false,
        };
        if from_builtin || same_file || (old.name == new.name && old.unit == new.unit) {
            return None;
        }
        let mut d = Diagnostic::warning(
            "W-CAT-REDEFINED",
            format!(
                "指标“{}”在{where_old}里已有定义（{}，{}），这里的定义（{}，{}）取代了它",
                new.key, old.name, old.unit, new.name, new.unit
            ),
        )
        .at_opt(new.location.clone())
        .path(format!("figures.{}", new.key))
        .hint("一次运行的所有文件共用一个指标目录：同一键名请只定义一次，或分开检查");
        if let Some(l) = &old.location {
            d = d.related(l.clone(), "先前的定义");
        }
        Some(d)
    }
}
