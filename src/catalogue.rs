//! The indicator catalogue: what each figure is (name, unit, stock/flow, range, decimals) and the
//! relations between figures. The medical-security catalogue is embedded; users may add their own.
//!
//! Format: see README.md, section “指标目录”.
//!
//! Merging: the built-in catalogue comes first, then `--catalogue` files, then each indicator
//! file's `meta.catalogue`, then each indicator file's inline `catalogue:` (same format); a
//! catalogue's `units:` are declared before its figures, a later definition of a key replaces
//! the earlier one (not with a unit of another dimension: `E-CAT-OVERRIDE`), and a later
//! relation for a result replaces the earlier relations for it. [`Catalogue::verify`] runs
//! once after all merges, so that a relation may name figures a later catalogue defines.
//!
//! - `read`: a catalogue (YAML) parsed, each figure and relation checked on its own.
//! - `merge`: units declared, figures and relations merged into the catalogue so far.
//! - `verify`: relations name known figures of fitting units.
//! - `index`: the merged catalogue hashed by key for the rules.
//! - `compiled`: the built-in catalogue in its fast-loading compiled form (`builtin_data`,
//!   written in the shapes of `rows`).

use crate::diagnostic::{Diagnostics, Location, Severity};
use crate::source::{self, SourceFile};
use crate::units::{self, Unit};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

mod builtin_data;
mod compiled;
mod index;
mod merge;
mod read;
mod rows;
mod verify;

pub(crate) use index::Index;
pub use merge::InlineCatalogue;
pub(crate) use read::RawCatalogue;
use std::collections::BTreeMap;
use std::path::Path;
pub(crate) use verify::verify;

/// The embedded medical-security catalogue.
pub const BUILTIN: &str = include_str!("catalogue/medical-security.yaml");
/// The name locations in the embedded catalogue use.
pub const BUILTIN_NAME: &str = "<内置目录>/medical-security.yaml";

/// 时点数 (a level at a date) or 时期数 (accumulated over the period).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FigureKind {
    /// 时点数: a level at the end of the period (参保人数); halves do not add up to the year.
    Stock,
    /// 时期数: accumulated over the period (就诊人次, 基金支出); the halves add up to the year.
    Flow,
}

/// What one figure is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureDef {
    /// The key indicator files use (`jumin_canbao_renshu`): ASCII letter first, then letters,
    /// digits and `_`.
    pub key: String,
    /// 中文名称.
    pub name: String,
    /// The unit as printed: 人, 人次, 万人次, 元, 万元, 亿元, % …
    pub unit: String,
    /// Stock or flow (decides the cross-file rules); a definition that does not say is a stock,
    /// so it takes no part in the half-year/annual rules.
    pub kind: FigureKind,
    /// Most decimals allowed (0 for counts of people).
    pub decimals: Option<u32>,
    /// Smallest value allowed, in the figure's unit (`E-RANGE-MIN` below it).
    pub min: Option<Decimal>,
    /// Largest value allowed, in the figure's unit (`E-RANGE-MAX` above it).
    pub max: Option<Decimal>,
    /// Other wordings of the name real reports use (matched by `wengao import`).
    pub aliases: Vec<String>,
    /// Where the definition was written (catalogue file:line:column).
    pub location: Option<Location>,
}

/// How the figures of a relation are tied together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RelationKind {
    /// total = Σ parts (units of one dimension converted).
    Sum {
        /// The key of the total.
        total: String,
        /// The keys of the parts.
        parts: Vec<String>,
    },
    /// result = minuend − Σ subtrahends.
    Difference {
        /// The key of the difference.
        result: String,
        /// The key taken from.
        minuend: String,
        /// The keys taken away.
        subtrahends: Vec<String>,
    },
    /// result = numerator ÷ denominator × scale.
    Ratio {
        /// The key of the ratio.
        result: String,
        /// The key divided.
        numerator: String,
        /// The key divided by.
        denominator: String,
        /// The factor applied (100 for a percentage).
        scale: Decimal,
    },
    /// result = amount ÷ count, converted to the result's unit (万元 ÷ 人次 → 元).
    PerCapita {
        /// The key of the per-capita figure.
        result: String,
        /// The key of the amount.
        amount: String,
        /// The key of the head count.
        count: String,
    },
    /// result (%) = (of − previous of) ÷ previous of × 100.
    Growth {
        /// The key of the growth rate (%).
        result: String,
        /// The key whose current and previous-period values are compared.
        of: String,
    },
    /// result = base × (100 + rate) ÷ 100 (“基数增长 7% 为 …”).
    Scaled {
        /// The key of the scaled figure.
        result: String,
        /// The key of the base.
        base: String,
        /// The key of the rate (%).
        rate: String,
    },
    /// result = base × rate ÷ 100 (“超支部分的 85% 为 …”).
    Share {
        /// The key of the share.
        result: String,
        /// The key of the base.
        base: String,
        /// The key of the rate (%).
        rate: String,
    },
    /// Σ parts ≤ total (“其中 …”); checks only, never computes.
    PartOf {
        /// The key of the total.
        total: String,
        /// The keys of the parts (a subset of the total).
        parts: Vec<String>,
    },
}

/// One relation of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    /// Which figures, tied how.
    pub kind: RelationKind,
    /// Severity of a mismatch (default warning).
    pub severity: Severity,
    /// Where the relation is written in its catalogue.
    pub location: Option<Location>,
    /// The rule in words, shown with a mismatch where offices differ in what a total includes
    /// (“结余按总筹资额减基金支出、公补支出和个账支出计”); `note:` in the catalogue.
    pub note: Option<String>,
    /// Whether the relation computes its result when the file leaves it out (`compute: false`
    /// makes it check only, as `part_of` always does). Two views of one identity (a rate and
    /// the amount it gives) must not both compute: that would be a cycle.
    pub compute: bool,
}

impl Relation {
    /// Whether it computes its result when left out (`part_of` and `compute: false` only check).
    pub fn computes(&self) -> bool {
        self.compute && !matches!(self.kind, RelationKind::PartOf { .. })
    }

    /// The figure the relation computes or checks.
    pub fn result(&self) -> &str {
        match &self.kind {
            RelationKind::Sum { total, .. } | RelationKind::PartOf { total, .. } => total,
            RelationKind::Scaled { result, .. } | RelationKind::Share { result, .. } => result,
            RelationKind::Difference { result, .. }
            | RelationKind::Ratio { result, .. }
            | RelationKind::PerCapita { result, .. }
            | RelationKind::Growth { result, .. } => result,
        }
    }

    /// The current-period figures the relation reads.
    pub fn inputs(&self) -> Vec<&str> {
        match &self.kind {
            RelationKind::Sum { parts, .. } | RelationKind::PartOf { parts, .. } => {
                parts.iter().map(String::as_str).collect()
            }
            RelationKind::Scaled { base, rate, .. } | RelationKind::Share { base, rate, .. } => {
                vec![base, rate]
            }
            RelationKind::Difference {
                minuend,
                subtrahends,
                ..
            } => std::iter::once(minuend.as_str())
                .chain(subtrahends.iter().map(String::as_str))
                .collect(),
            RelationKind::Ratio {
                numerator,
                denominator,
                ..
            } => vec![numerator, denominator],
            RelationKind::PerCapita { amount, count, .. } => vec![amount, count],
            RelationKind::Growth { of, .. } => vec![of],
        }
    }

    /// The rule as users read it, with Chinese names: `基金支出 = 住院支出 + 门诊支出`.
    ///
    /// Used in mismatch messages and as the origin of computed figures; keys the catalogue
    /// does not know are shown as keys.
    pub fn describe(&self, catalogue: &Catalogue) -> String {
        let n = |k: &str| catalogue.get(k).map_or(k.to_string(), |d| d.name.clone());
        match &self.kind {
            RelationKind::Sum { total, parts } => format!(
                "{} = {}",
                n(total),
                parts.iter().map(|p| n(p)).collect::<Vec<_>>().join(" + ")
            ),
            RelationKind::Difference {
                result,
                minuend,
                subtrahends,
            } => format!(
                "{} = {} − {}",
                n(result),
                n(minuend),
                subtrahends
                    .iter()
                    .map(|p| n(p))
                    .collect::<Vec<_>>()
                    .join(" − ")
            ),
            RelationKind::Ratio {
                result,
                numerator,
                denominator,
                scale,
            } => {
                if *scale == Decimal::ONE {
                    format!("{} = {} ÷ {}", n(result), n(numerator), n(denominator))
                } else {
                    format!(
                        "{} = {} ÷ {} × {scale}",
                        n(result),
                        n(numerator),
                        n(denominator)
                    )
                }
            }
            RelationKind::PerCapita {
                result,
                amount,
                count,
            } => format!("{} = {} ÷ {}", n(result), n(amount), n(count)),
            RelationKind::Growth { result, of } => format!(
                "{} =（本期{} − 上年同期）÷ 上年同期 × 100",
                n(result),
                n(of)
            ),
            RelationKind::Scaled { result, base, rate } => {
                format!("{} = {} ×（100 + {}）÷ 100", n(result), n(base), n(rate))
            }
            RelationKind::Share { result, base, rate } => {
                format!("{} = {} × {} ÷ 100", n(result), n(base), n(rate))
            }
            RelationKind::PartOf { total, parts } => format!(
                "{} ≥ {}",
                n(total),
                parts.iter().map(|p| n(p)).collect::<Vec<_>>().join(" + ")
            ),
        }
    }
}

/// A unit a catalogue declared (`units:`), with where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredUnit {
    /// The unit.
    pub unit: Unit,
    /// Where it was declared.
    pub location: Option<Location>,
}

/// The merged catalogue (built-in, then the user's additions and overrides).
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    /// Every figure by key; a later catalogue's definition replaces an earlier one's.
    pub figures: BTreeMap<String, FigureDef>,
    /// Units declared by the merged catalogues (`units:`), by symbol; the built-in units
    /// ([`crate::units::BUILTIN`]) are known without a declaration.
    pub units: BTreeMap<String, DeclaredUnit>,
    /// Relations in catalogue order. A user catalogue's relations for a figure replace the
    /// earlier catalogues' relations for that figure.
    pub relations: Vec<Relation>,
    /// The built-in catalogue as shipped, nothing merged into it: its verification is known to
    /// be clean (`builtin_catalogue_is_clean` verifies it), so [`Catalogue::verify`] does not
    /// repeat it at every run. Every merge clears it.
    shipped_only: bool,
}

impl Catalogue {
    /// The definition of `key`.
    pub fn get(&self, key: &str) -> Option<&FigureDef> {
        self.figures.get(key)
    }

    /// The unit written as `symbol`: built in, or declared by a merged catalogue.
    pub fn unit(&self, symbol: &str) -> Option<&Unit> {
        units::builtin(symbol).or_else(|| self.units.get(symbol).map(|d| &d.unit))
    }

    /// The unit of figure `key` (known once the catalogue merged without errors).
    pub fn unit_of(&self, key: &str) -> Option<&Unit> {
        self.unit(&self.get(key)?.unit)
    }

    /// Most decimals figure `key` allows: as its definition says, else 0 for whole counts.
    pub fn max_decimals(&self, key: &str) -> Option<u32> {
        let def = self.get(key)?;
        def.decimals.or_else(|| {
            self.unit(&def.unit)
                .filter(|u| u.is_whole_count())
                .map(|_| 0)
        })
    }

    /// Decimals a computed value of `key` gets: `decimals`, else 0 for whole counts, else 2.
    pub fn computed_decimals(&self, key: &str) -> u32 {
        self.max_decimals(key).unwrap_or(2)
    }

    /// Every key, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.figures.keys().map(String::as_str)
    }

    /// The embedded medical-security catalogue (its diagnostics should always be empty).
    /// Loaded from its compiled form (see `catalogue/compiled.rs`).
    pub fn builtin() -> (Catalogue, Diagnostics) {
        compiled::builtin()
    }

    /// Reads a user catalogue file and merges it in; returns its diagnostics.
    ///
    /// The source is returned for snippets even when its content has errors; a file that
    /// cannot be read gives its `E-FILE-…` error and no source.
    pub fn merge_file(&mut self, path: &Path) -> (Option<SourceFile>, Diagnostics) {
        let mut ds = Diagnostics::default();
        match source::read(path) {
            Ok((src, warnings)) => {
                ds.extend(warnings);
                ds.extend(self.merge_source(&src).items);
                (Some(src), ds)
            }
            Err(d) => {
                ds.push(d);
                (None, ds)
            }
        }
    }

    /// The relations that compute or check `key`.
    pub fn relations_for<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Relation> {
        self.relations.iter().filter(move |r| r.result() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalogue_is_clean() {
        let (c, ds) = Catalogue::builtin();
        assert!(ds.items.is_empty(), "{:#?}", ds.items);
        assert!(c.shipped_only);
        let v = c.verify_fully();
        assert!(v.items.is_empty(), "{:#?}", v.items);
        assert!(!c.figures.is_empty());
    }

    #[test]
    fn unknown_unit_gets_a_suggestion() {
        let mut c = Catalogue::default();
        let src = SourceFile::new(
            "c.yaml",
            "figures:\n  - {key: a, name: 甲, unit: 万人次数, kind: flow}\n".to_string(),
        );
        let ds = c.merge_source(&src);
        let d = &ds.items[0];
        assert_eq!(d.code, "E-CAT-UNIT");
        assert_eq!(d.message, "不认识的单位“万人次数”");
        assert_eq!(d.location.as_ref().map(|l| l.line), Some(2));
        assert!(
            d.hint
                .as_deref()
                .is_some_and(|h| h.starts_with("是不是“万人次”？"))
        );
    }
}
