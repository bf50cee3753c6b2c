//! The arithmetic of one relation on one report's figures: inputs converted to base units, the
//! relation applied in exact decimals with checked operations, the result converted to its unit.
//!
//! Nothing here panics or wraps: an operation beyond the decimal range (about ±7.9 × 10²⁸) is
//! [`Why::Overflow`], a division by a zero figure is [`Why::Zero`] naming the figure; the caller
//! reports either at the figure concerned.

use crate::catalogue::{Catalogue, Index, Relation, RelationKind};
use crate::hashed::HashMap;
use crate::model::Figure;
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeMap;

/// Why a relation gives no value although its inputs are there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// A sum, product or quotient beyond the decimal range.
    Overflow,
    /// The figure divided by is zero (the key; for a growth rate, the previous period's value).
    Zero(String),
}

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
    Undefined(Why),
}

/// Figures by key, as a report holds them.
pub(super) type Figures = BTreeMap<String, Figure>;

/// Where a relation reads figures from.
pub(super) trait Lookup {
    /// The figure with this key, if there is one.
    fn figure(&self, key: &str) -> Option<&Figure>;
}

impl Lookup for Figures {
    fn figure(&self, key: &str) -> Option<&Figure> {
        self.get(key)
    }
}

/// The written figures, hashed, with the computed ones laid over them (no copy of a figure).
pub(super) struct Overlay<'a> {
    /// What the user wrote; wins over a computed value of the same key.
    pub written: HashMap<&'a str, &'a Figure>,
    /// What the relations have computed so far, unrounded.
    pub computed: Figures,
}

impl<'a> Overlay<'a> {
    /// The written figures of a report, nothing computed yet.
    pub fn new(written: &'a Figures) -> Self {
        Overlay {
            written: written.iter().map(|(k, f)| (k.as_str(), f)).collect(),
            computed: Figures::new(),
        }
    }
}

impl Lookup for Overlay<'_> {
    fn figure(&self, key: &str) -> Option<&Figure> {
        match self.written.get(key) {
            Some(f) => Some(f),
            None => self.computed.get(key),
        }
    }
}

/// Computes `rel` from the current and previous figures (units converted).
pub fn compute(rel: &Relation, cur: &Figures, prev: &Figures, cat: &Catalogue) -> Computation {
    compute_in(rel, cur, prev, &Index::new(cat))
}

/// [`compute`] over any figure source.
pub(super) fn compute_in(
    rel: &Relation,
    cur: &dyn Lookup,
    prev: &Figures,
    ix: &Index<'_>,
) -> Computation {
    match value(rel, cur, prev, ix) {
        Ok(v) => Computation::Value(v),
        Err(c) => c,
    }
}

/// The relation's exact value, or why there is none.
fn value(
    rel: &Relation,
    cur: &dyn Lookup,
    prev: &Figures,
    ix: &Index<'_>,
) -> Result<Decimal, Computation> {
    let factor = |k: &str| ix.unit_of(k).map(|u| u.factor());
    let overflow = || Computation::Undefined(Why::Overflow);
    let zero = |k: &str| Computation::Undefined(Why::Zero(k.to_string()));
    // A figure in base units (元, 人次 …).
    let base = |figs: &dyn Lookup, k: &str| -> Result<Decimal, Computation> {
        let f = figs.figure(k).ok_or(Computation::Missing)?;
        let v = f.value.decimal().ok_or(Computation::Pending)?;
        let factor = factor(k).ok_or(Computation::Missing)?;
        v.checked_mul(factor).ok_or_else(overflow)
    };
    let sum = |parts: &[String]| -> Result<Decimal, Computation> {
        let mut sum = Decimal::ZERO;
        for p in parts {
            sum = sum.checked_add(base(cur, p)?).ok_or_else(overflow)?;
        }
        Ok(sum)
    };
    let result_factor = factor(rel.result()).ok_or(Computation::Missing)?;
    // Every input present and filled in before any arithmetic (a missing input is not an
    // overflow of another).
    for k in rel.inputs() {
        let f = cur.figure(k).ok_or(Computation::Missing)?;
        f.value.decimal().ok_or(Computation::Pending)?;
    }
    if let RelationKind::Growth { of, .. } = &rel.kind {
        let f = prev.get(of).ok_or(Computation::Missing)?;
        f.value.decimal().ok_or(Computation::Pending)?;
    }
    let in_result_unit = |v: Decimal| v.checked_div(result_factor).ok_or_else(overflow);
    match &rel.kind {
        RelationKind::Sum { parts, .. } | RelationKind::PartOf { parts, .. } => {
            in_result_unit(sum(parts)?)
        }
        RelationKind::Difference {
            minuend,
            subtrahends,
            ..
        } => {
            let mut v = base(cur, minuend)?;
            for s in subtrahends {
                v = v.checked_sub(base(cur, s)?).ok_or_else(overflow)?;
            }
            in_result_unit(v)
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
                return Err(zero(denominator));
            }
            n.checked_div(d)
                .and_then(|q| q.checked_mul(*scale))
                .ok_or_else(overflow)
        }
        RelationKind::PerCapita { amount, count, .. } => {
            let a = base(cur, amount)?;
            let c = base(cur, count)?;
            if c.is_zero() {
                return Err(zero(count));
            }
            a.checked_div(c)
                .and_then(|q| q.checked_div(result_factor))
                .ok_or_else(overflow)
        }
        RelationKind::Scaled { base: b, rate, .. } | RelationKind::Share { base: b, rate, .. } => {
            let v = base(cur, b)?;
            let r = cur
                .figure(rate)
                .ok_or(Computation::Missing)?
                .value
                .decimal()
                .ok_or(Computation::Pending)?;
            let r = if matches!(rel.kind, RelationKind::Scaled { .. }) {
                r.checked_add(Decimal::ONE_HUNDRED).ok_or_else(overflow)?
            } else {
                r
            };
            let v = v
                .checked_mul(r)
                .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
                .ok_or_else(overflow)?;
            in_result_unit(v)
        }
        RelationKind::Growth { of, .. } => {
            let now = base(cur, of)?;
            let before = base(prev, of)?;
            if before.is_zero() {
                return Err(zero(of));
            }
            now.checked_sub(before)
                .and_then(|d| d.checked_div(before))
                .and_then(|q| q.checked_mul(Decimal::ONE_HUNDRED))
                .ok_or_else(overflow)
        }
    }
}

/// A value known to lie between two bounds (in base units).
#[derive(Debug, Clone, Copy)]
struct Span {
    /// The smallest value.
    lo: Decimal,
    /// The largest value.
    hi: Decimal,
}

/// The range of values the relation's result may have given that written figures in a scaled
/// unit (万元, 万人次 …) are rounded: `8780.21万元` stands for anything from 87802095 to 87802105
/// 元, and the office computed its totals from the exact amounts. `None` when no input is
/// rounded so (the exact value is the only one) or the range cannot be computed.
///
/// Real reports print parts rounded to 万 and totals computed before rounding: 205.17万人次 =
/// 12183人次 + 203.96万人次 holds for an exact 203.9517万人次, although 1.2183 + 203.96 rounds to
/// 205.18. A written result is accepted when it is consistent with some such exact inputs.
pub(super) fn bounds(
    rel: &Relation,
    cur: &dyn Lookup,
    prev: &Figures,
    ix: &Index<'_>,
) -> Option<(Decimal, Decimal)> {
    let span = |figs: &dyn Lookup, k: &str| -> Option<(Span, bool)> {
        let f = figs.figure(k)?;
        let v = f.value.decimal()?;
        let unit = ix.unit_of(k)?;
        let base = v.checked_mul(unit.factor())?;
        let rounded = unit.factor > 1 && matches!(f.origin, crate::model::Origin::Written(_));
        if !rounded {
            return Some((Span { lo: base, hi: base }, false));
        }
        let half = Decimal::new(5, v.scale() + 1).checked_mul(unit.factor())?;
        Some((
            Span {
                lo: base.checked_sub(half)?,
                hi: base.checked_add(half)?,
            },
            true,
        ))
    };
    let result_factor = ix.unit_of(rel.result())?.factor();
    let mut any = false;
    let mut get = |figs: &dyn Lookup, k: &str| -> Option<Span> {
        let (s, r) = span(figs, k)?;
        any |= r;
        Some(s)
    };
    let add = |a: Span, b: Span| -> Option<Span> {
        Some(Span {
            lo: a.lo.checked_add(b.lo)?,
            hi: a.hi.checked_add(b.hi)?,
        })
    };
    let corners =
        |a: Span, b: Span, f: &dyn Fn(Decimal, Decimal) -> Option<Decimal>| -> Option<Span> {
            let vs = [
                f(a.lo, b.lo)?,
                f(a.lo, b.hi)?,
                f(a.hi, b.lo)?,
                f(a.hi, b.hi)?,
            ];
            Some(Span {
                lo: vs.iter().copied().min()?,
                hi: vs.iter().copied().max()?,
            })
        };
    let nonzero = |s: Span| s.lo > Decimal::ZERO || s.hi < Decimal::ZERO;
    let hundred = Decimal::ONE_HUNDRED;
    let in_unit = |s: Span| -> Option<Span> {
        Some(Span {
            lo: s.lo.checked_div(result_factor)?,
            hi: s.hi.checked_div(result_factor)?,
        })
    };
    let out = match &rel.kind {
        RelationKind::Sum { parts, .. } | RelationKind::PartOf { parts, .. } => {
            let mut total = Span {
                lo: Decimal::ZERO,
                hi: Decimal::ZERO,
            };
            for p in parts {
                total = add(total, get(cur, p)?)?;
            }
            in_unit(total)?
        }
        RelationKind::Difference {
            minuend,
            subtrahends,
            ..
        } => {
            let mut v = get(cur, minuend)?;
            for s in subtrahends {
                let t = get(cur, s)?;
                v = Span {
                    lo: v.lo.checked_sub(t.hi)?,
                    hi: v.hi.checked_sub(t.lo)?,
                };
            }
            in_unit(v)?
        }
        RelationKind::Ratio {
            numerator,
            denominator,
            scale,
            ..
        } => {
            let (n, d) = (get(cur, numerator)?, get(cur, denominator)?);
            if !nonzero(d) {
                return None;
            }
            corners(n, d, &|a, b| a.checked_div(b)?.checked_mul(*scale))?
        }
        RelationKind::PerCapita { amount, count, .. } => {
            let (a, c) = (get(cur, amount)?, get(cur, count)?);
            if !nonzero(c) {
                return None;
            }
            in_unit(corners(a, c, &|x, y| x.checked_div(y))?)?
        }
        RelationKind::Scaled { base, rate, .. } | RelationKind::Share { base, rate, .. } => {
            let b = get(cur, base)?;
            let r = cur.figure(rate)?.value.decimal()?;
            let r = if matches!(rel.kind, RelationKind::Scaled { .. }) {
                r.checked_add(hundred)?
            } else {
                r
            };
            let rs = Span { lo: r, hi: r };
            in_unit(corners(b, rs, &|x, y| {
                x.checked_mul(y)?.checked_div(hundred)
            })?)?
        }
        RelationKind::Growth { of, .. } => {
            let (now, before) = (get(cur, of)?, get(prev, of)?);
            if !nonzero(before) {
                return None;
            }
            corners(now, before, &|n, b| {
                n.checked_sub(b)?.checked_div(b)?.checked_mul(hundred)
            })?
        }
    };
    any.then_some((out.lo, out.hi))
}

/// Whether any figure the relation reads carries a qualifier (约, 余 …).
pub(super) fn approximate_input(rel: &Relation, cur: &dyn Lookup, prev: &Figures) -> bool {
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
