//! Catalogue relations (sum, difference, ratio, per capita, growth): compute the figures the
//! user left out, check the ones written (half-up to the written decimals), and flag implausible
//! changes against the previous period.
//!
//! Arithmetic is exact and checked (an overflow or a division by zero makes the relation
//! [`Computation::Undefined`], never a panic). A written result is compared with the computed
//! value rounded half-up to the written decimals, so `12.3` agrees with `12.345` but not with
//! `12.36`. Computed values feed later relations unrounded and are rounded once, at the end,
//! to the catalogue's decimals.

use crate::catalogue::{Catalogue, Relation, RelationKind};
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::model::{Figure, FigureValue, Origin, Qualifier};
use crate::units::Dimension;
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeMap;

/// What a relation gives for one report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Computation {
    /// The exact value, in the result's unit.
    Value(Decimal),
    /// An input is still pending (XX), so the result is too.
    Pending,
    /// An input is missing from the file, or the catalogue lacks a definition.
    Missing,
    /// Division by zero or overflow.
    Undefined(&'static str),
}

/// Figures by key, as a report holds them.
type Figures = BTreeMap<String, Figure>;

/// Where a relation reads figures from.
trait Lookup {
    /// The figure with this key, if there is one.
    fn figure(&self, key: &str) -> Option<&Figure>;
}

impl Lookup for Figures {
    fn figure(&self, key: &str) -> Option<&Figure> {
        self.get(key)
    }
}

/// The written figures with the computed ones laid over them (no copy of the written ones).
struct Overlay<'a> {
    /// What the user wrote; wins over a computed value of the same key.
    written: &'a Figures,
    /// What the relations have computed so far, unrounded.
    computed: &'a Figures,
}

impl Lookup for Overlay<'_> {
    fn figure(&self, key: &str) -> Option<&Figure> {
        self.written.get(key).or_else(|| self.computed.get(key))
    }
}

/// Computes `rel` from the current and previous figures (units converted).
pub fn compute(rel: &Relation, cur: &Figures, prev: &Figures, cat: &Catalogue) -> Computation {
    compute_in(rel, cur, prev, cat)
}

/// [`compute`] over any figure source: inputs converted to base units, the relation applied in
/// exact decimals (checked arithmetic), the result converted to the result's unit.
fn compute_in(rel: &Relation, cur: &dyn Lookup, prev: &Figures, cat: &Catalogue) -> Computation {
    let factor = |k: &str| cat.unit_of(k).map(|u| u.factor());
    // A figure in base units (元, 人次 …).
    let base = |figs: &dyn Lookup, k: &str| -> Result<Decimal, Computation> {
        let f = figs.figure(k).ok_or(Computation::Missing)?;
        let v = f.value.decimal().ok_or(Computation::Pending)?;
        let factor = factor(k).ok_or(Computation::Missing)?;
        v.checked_mul(factor)
            .ok_or(Computation::Undefined("数值太大"))
    };
    let result_factor = match factor(rel.result()) {
        Some(f) => f,
        None => return Computation::Missing,
    };
    let out = (|| -> Result<Decimal, Computation> {
        let overflow = Computation::Undefined("数值太大");
        let zero = Computation::Undefined("除数为零");
        match &rel.kind {
            RelationKind::Sum { parts, .. } => {
                let mut sum = Decimal::ZERO;
                for p in parts {
                    sum = sum.checked_add(base(cur, p)?).ok_or(overflow.clone())?;
                }
                sum.checked_div(result_factor).ok_or(overflow)
            }
            RelationKind::Difference {
                minuend,
                subtrahends,
                ..
            } => {
                let mut v = base(cur, minuend)?;
                for s in subtrahends {
                    v = v.checked_sub(base(cur, s)?).ok_or(overflow.clone())?;
                }
                v.checked_div(result_factor).ok_or(overflow)
            }
            RelationKind::Ratio {
                numerator,
                denominator,
                scale,
                ..
            } => {
                let n = base(cur, numerator)?;
                let d = base(cur, denominator)?;
                if d.is_zero() {
                    return Err(zero);
                }
                n.checked_div(d)
                    .and_then(|q| q.checked_mul(*scale))
                    .ok_or(overflow)
            }
            RelationKind::PerCapita { amount, count, .. } => {
                let a = base(cur, amount)?;
                let c = base(cur, count)?;
                if c.is_zero() {
                    return Err(zero);
                }
                a.checked_div(c)
                    .and_then(|q| q.checked_div(result_factor))
                    .ok_or(overflow)
            }
            RelationKind::Scaled { base: b, rate, .. }
            | RelationKind::Share { base: b, rate, .. } => {
                let v = base(cur, b)?;
                let r = cur
                    .figure(rate)
                    .ok_or(Computation::Missing)?
                    .value
                    .decimal()
                    .ok_or(Computation::Pending)?;
                let r = if matches!(rel.kind, RelationKind::Scaled { .. }) {
                    r.checked_add(Decimal::ONE_HUNDRED)
                        .ok_or(overflow.clone())?
                } else {
                    r
                };
                v.checked_mul(r)
                    .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
                    .and_then(|x| x.checked_div(result_factor))
                    .ok_or(overflow)
            }
            RelationKind::PartOf { parts, .. } => {
                let mut sum = Decimal::ZERO;
                for p in parts {
                    sum = sum.checked_add(base(cur, p)?).ok_or(overflow.clone())?;
                }
                sum.checked_div(result_factor).ok_or(overflow)
            }
            RelationKind::Growth { of, .. } => {
                let now = base(cur, of)?;
                let before = base(prev, of)?;
                if before.is_zero() {
                    return Err(zero);
                }
                now.checked_sub(before)
                    .and_then(|d| d.checked_div(before))
                    .and_then(|q| q.checked_mul(Decimal::ONE_HUNDRED))
                    .ok_or(overflow)
            }
        }
    })();
    match out {
        Ok(v) => Computation::Value(v),
        Err(c) => c,
    }
}

/// Whether any figure the relation reads carries a qualifier (约, 余 …).
fn approximate_input(rel: &Relation, cur: &dyn Lookup, prev: &Figures) -> bool {
    let current = rel
        .inputs()
        .into_iter()
        .any(|k| cur.figure(k).is_some_and(|f| f.qualifier.is_some()));
    let previous = match &rel.kind {
        RelationKind::Growth { of, .. } => prev.get(of).is_some_and(|f| f.qualifier.is_some()),
        _ => false,
    };
    current || previous
}

/// Half-up rounding (四舍五入) to `dp` decimals, keeping exactly `dp` decimals.
pub fn round_half_up(v: Decimal, dp: u32) -> Decimal {
    let mut r = v.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(dp);
    r
}

/// Fills in results the user left out (into `cur`, rounded to the catalogue's decimals), then
/// checks the written ones. Computed values feed later relations exactly, unrounded. Returns, for
/// pending (XX) figures a relation could compute, the value it gives (for the pending warning).
///
/// Relations are applied until nothing new can be computed, so one may feed another whatever
/// their order in the catalogue (when two compute the same figure, the first wins); a relation
/// whose inputs never all become known is skipped silently (a missing input is not this
/// module's error, and a `part_of` relation never computes).
pub(super) fn apply(
    cur: &mut Figures,
    prev: &Figures,
    cat: &Catalogue,
    ds: &mut Diagnostics,
) -> BTreeMap<String, Decimal> {
    // Exact computed values; `cur` gets them rounded once nothing more can be computed.
    let mut computed = Figures::new();
    // Computed results may feed other relations: repeat until nothing new appears.
    for _ in 0..=cat.relations.len() {
        let mut changed = false;
        for rel in &cat.relations {
            let result = rel.result();
            if matches!(rel.kind, RelationKind::PartOf { .. })
                || cur.contains_key(result)
                || computed.contains_key(result)
            {
                continue;
            }
            let view = Overlay {
                written: cur,
                computed: &computed,
            };
            let value = match compute_in(rel, &view, prev, cat) {
                Computation::Value(v) => FigureValue::Exact(v),
                Computation::Pending => FigureValue::Pending,
                Computation::Missing | Computation::Undefined(_) => continue,
            };
            let key = result.to_string();
            let figure = Figure {
                key: key.clone(),
                value,
                origin: Origin::Computed {
                    rule: rel.describe(cat),
                },
                // A value computed from an approximate one is approximate too.
                qualifier: approximate_input(rel, &view, prev).then_some(Qualifier::About),
            };
            computed.insert(key, figure);
            changed = true;
        }
        if !changed {
            break;
        }
    }
    let mut suggestions = BTreeMap::new();
    let view = Overlay {
        written: cur,
        computed: &computed,
    };
    for rel in &cat.relations {
        let Some(f) = cur.get(rel.result()) else {
            continue;
        };
        let Origin::Written(at) = &f.origin else {
            continue;
        };
        let Computation::Value(c) = compute_in(rel, &view, prev, cat) else {
            continue;
        };
        let written = match f.value {
            FigureValue::Exact(w) => w,
            FigureValue::Pending => {
                if !matches!(rel.kind, RelationKind::PartOf { .. }) {
                    let dp = cat.computed_decimals(rel.result());
                    suggestions.insert(rel.result().to_string(), round_half_up(c, dp));
                }
                continue;
            }
        };
        // An approximate figure (约200, 10余) is never held to the exact arithmetic.
        if f.qualifier.is_some() || approximate_input(rel, &view, prev) {
            continue;
        }
        if let Some(d) = mismatch(rel, written, c, cat) {
            ds.push(with_inputs(d.at(at.clone()), rel, cur, prev, cat));
        }
    }
    for (key, mut figure) in computed {
        if let FigureValue::Exact(v) = figure.value {
            let dp = cat.computed_decimals(&key);
            figure.value = FigureValue::Exact(round_half_up(v, dp));
        }
        cur.insert(key, figure);
    }
    suggestions
}

/// The diagnostic for a written value that disagrees with its relation, if it does.
/// The diagnostic of a written result that disagrees with the computed one `c` (after rounding
/// half-up to the written decimals), `None` when they agree; error or warning per the relation.
fn mismatch(rel: &Relation, written: Decimal, c: Decimal, cat: &Catalogue) -> Option<Diagnostic> {
    let dp = written.scale();
    let rounded = round_half_up(c, dp);
    let def = cat.get(rel.result());
    let name = def.map_or(rel.result(), |d| d.name.as_str());
    let unit = def.map_or("", |d| d.unit.as_str());
    let mut shown = c
        .round_dp_with_strategy(dp + 4, RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    if shown.scale() < dp {
        shown.rescale(dp);
    }
    // Written and computed values are both within Decimal's range, their difference may not be.
    let difference = written
        .checked_sub(rounded)
        .map_or_else(|| "（超出可表示范围）".to_string(), |d| d.to_string());
    let message = if let RelationKind::PartOf { .. } = rel.kind {
        if rounded <= written {
            return None;
        }
        format!(
            "{name}小于其中各项之和：写的是 {written}{unit}，其中各项合计 {shown}{unit}，差 {}{unit}（规则：{}）",
            difference,
            rule_text(rel, cat)
        )
    } else {
        if rounded == written {
            return None;
        }
        let computed = if shown == rounded {
            format!("{shown}{unit}")
        } else {
            format!("{shown}{unit}（保留 {dp} 位小数为 {rounded}{unit}）")
        };
        let diff_unit = if unit == "%" { " 个百分点" } else { unit };
        format!(
            "{name}与计算值不符：写的是 {written}{unit}，算得 {computed}，相差 {}{diff_unit}（规则：{}）",
            difference,
            rule_text(rel, cat)
        )
    };
    let d = match rel.severity {
        Severity::Error => Diagnostic::error("E-REL-MISMATCH", message),
        Severity::Warning | Severity::Note => Diagnostic::warning("W-REL-MISMATCH", message),
    };
    Some(
        d.path(format!("figures.{}", rel.result()))
            .figure(name)
            .hint("核对所写数字和各分项；所写值应等于按规则算得的值按所写小数位数四舍五入的结果"),
    )
}

/// The rule as shown in a mismatch: the formula, then the catalogue's note on it (what the
/// total includes, and that a user catalogue may replace it).
fn rule_text(rel: &Relation, cat: &Catalogue) -> String {
    match &rel.note {
        Some(note) => format!("{}；{note}", rel.describe(cat)),
        None => rel.describe(cat),
    }
}

/// Points at the written inputs of a relation (the other half of the contradiction).
fn with_inputs(
    mut d: Diagnostic,
    rel: &Relation,
    cur: &Figures,
    prev: &Figures,
    cat: &Catalogue,
) -> Diagnostic {
    let mut inputs: Vec<(&str, &Figures, &str)> =
        rel.inputs().into_iter().map(|k| (k, cur, "")).collect();
    if let RelationKind::Growth { of, .. } = &rel.kind {
        inputs.push((of, prev, "上年同期"));
    }
    for (k, figs, prefix) in inputs {
        if let Some(Figure {
            origin: Origin::Written(loc),
            value: FigureValue::Exact(v),
            ..
        }) = figs.get(k)
        {
            let (n, u) = cat
                .get(k)
                .map_or((k, ""), |d| (d.name.as_str(), d.unit.as_str()));
            d = d.related(loc.clone(), format!("{prefix}{n}：{v}{u}"));
        }
    }
    d
}

/// A change beyond ×5 or below ÷5 against the previous period is worth a second look.
pub(super) fn plausibility(cur: &Figures, prev: &Figures, cat: &Catalogue, ds: &mut Diagnostics) {
    let five = Decimal::from(5);
    for (key, f) in cur {
        let (Origin::Written(at), Some(now)) = (&f.origin, f.value.decimal()) else {
            continue;
        };
        let Some(before) = prev.get(key).and_then(|p| p.value.decimal()) else {
            continue;
        };
        let Some(def) = cat.get(key) else { continue };
        if cat
            .unit(&def.unit)
            .is_some_and(|u| u.dimension == Dimension::Percent)
        {
            continue;
        }
        if now <= Decimal::ZERO || before <= Decimal::ZERO {
            continue;
        }
        let grew = now > before.checked_mul(five).unwrap_or(Decimal::MAX);
        let shrank = now.checked_mul(five).unwrap_or(Decimal::MAX) < before;
        if grew || shrank {
            let unit = &def.unit;
            let mut d = Diagnostic::warning(
                "W-PLAUSIBLE",
                format!(
                    "{}比上年同期变化超过 5 倍：本期 {now}{unit}，上年同期 {before}{unit}",
                    def.name
                ),
            )
            .at(at.clone())
            .path(format!("figures.{key}"))
            .figure(def.name.clone())
            .hint("核对单位（元与万元、人次与万人次）和数位是否写错");
            if let Some(loc) = prev.get(key).and_then(|p| p.origin.location()) {
                d = d.related(loc.clone(), "上年同期的值写在这里");
            }
            ds.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_up() {
        let d = |s: &str| s.parse::<Decimal>().unwrap_or_default();
        assert_eq!(round_half_up(d("4906.785"), 2).to_string(), "4906.79");
        assert_eq!(round_half_up(d("-0.125"), 2).to_string(), "-0.13");
        assert_eq!(round_half_up(d("228.5075"), 1).to_string(), "228.5");
        assert_eq!(round_half_up(d("7"), 2).to_string(), "7.00");
    }
}
