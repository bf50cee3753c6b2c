//! Catalogue relations (sum, difference, ratio, per capita, growth): compute the figures the
//! user left out, check the ones written (half-up to the written decimals), and flag implausible
//! changes against the previous period.
//!
//! Arithmetic is exact and checked (`compute`): a result beyond the decimal range is an error
//! naming the figure (`E-REL-OVERFLOW`), a division by a zero figure a warning (`W-REL-ZERO`),
//! never a panic or a silently missing figure. A written result is compared with the computed
//! value rounded half-up to the written decimals, so `12.3` agrees with `12.345` but not with
//! `12.36`. Computed values feed later relations unrounded and are rounded once, at the end,
//! to the catalogue's decimals.

use super::compute::{
    Computation, Figures, Lookup, Overlay, Why, approximate_input, bounds, compute_in,
    round_half_up,
};
use crate::catalogue::{Index, Relation, RelationKind};
use crate::diagnostic::{Diagnostic, Diagnostics, Location, Severity};
use crate::model::{Figure, FigureValue, Origin, Qualifier};
use crate::units::Dimension;
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeMap;

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
    ix: &Index<'_>,
    ds: &mut Diagnostics,
) -> BTreeMap<String, Decimal> {
    let cat = ix.cat;
    let mut suggestions = BTreeMap::new();
    let mut undefined: Vec<(usize, Why)> = Vec::new();
    // Exact computed values; `cur` gets them rounded once nothing more can be computed.
    let computed = {
        let mut view = Overlay::new(cur);
        // Computed results may feed other relations: repeat until nothing new appears.
        for _ in 0..=cat.relations.len() {
            let mut changed = false;
            for (i, rel) in cat.relations.iter().enumerate() {
                let result = rel.result();
                if !rel.computes() || view.figure(result).is_some() {
                    continue;
                }
                let value = match compute_in(rel, &view, prev, ix) {
                    Computation::Value(v) => FigureValue::Exact(v),
                    Computation::Pending => FigureValue::Pending,
                    Computation::Missing => continue,
                    Computation::Undefined(why) => {
                        if !undefined
                            .iter()
                            .any(|(j, _)| cat.relations[*j].result() == result)
                        {
                            undefined.push((i, why));
                        }
                        continue;
                    }
                };
                let figure = Figure {
                    key: result.to_string(),
                    value,
                    origin: Origin::Computed {
                        rule: rel.describe(cat),
                    },
                    // A value computed from an approximate one is approximate too.
                    qualifier: approximate_input(rel, &view, prev).then_some(Qualifier::About),
                };
                view.computed.insert(result.to_string(), figure);
                changed = true;
            }
            if !changed {
                break;
            }
        }
        for (i, why) in undefined {
            let rel = &cat.relations[i];
            if view.figure(rel.result()).is_none() {
                let at = first_input_location(rel, cur);
                ds.push(undefined_diagnostic(rel, &why, at, false, cur, prev, ix));
            }
        }
        for rel in &cat.relations {
            let Some(f) = cur.get(rel.result()) else {
                continue;
            };
            let Origin::Written(at) = &f.origin else {
                continue;
            };
            let c = match compute_in(rel, &view, prev, ix) {
                Computation::Value(c) => c,
                Computation::Undefined(why) => {
                    ds.push(undefined_diagnostic(
                        rel,
                        &why,
                        Some(at.clone()),
                        true,
                        cur,
                        prev,
                        ix,
                    ));
                    continue;
                }
                Computation::Pending | Computation::Missing => continue,
            };
            let written = match f.value {
                FigureValue::Exact(w) => w,
                FigureValue::Pending => {
                    if rel.computes() {
                        let dp = ix.computed_decimals(rel.result());
                        suggestions.insert(rel.result().to_string(), round_half_up(c, dp));
                    }
                    continue;
                }
            };
            // An approximate figure (约200, 10余) is never held to the exact arithmetic.
            if f.qualifier.is_some() || approximate_input(rel, &view, prev) {
                continue;
            }
            if let Some(d) = mismatch(rel, written, c, ix) {
                // Consistent with exact values behind rounded inputs: no mismatch.
                if consistent_with_rounded_inputs(rel, written, &view, prev, ix) {
                    continue;
                }
                ds.push(with_inputs(d.at(at.clone()), rel, cur, prev, ix));
            }
        }
        view.computed
    };
    for (key, mut figure) in computed {
        if let FigureValue::Exact(v) = figure.value {
            let dp = ix.computed_decimals(&key);
            figure.value = FigureValue::Exact(round_half_up(v, dp));
        }
        cur.insert(key, figure);
    }
    suggestions
}

/// Whether a written result lies within what the relation gives for some exact inputs behind
/// the rounded ones (`compute::bounds`): the written value's own rounding interval meets the
/// range. A `part_of` total only needs to reach the smallest possible sum.
fn consistent_with_rounded_inputs(
    rel: &Relation,
    written: Decimal,
    view: &Overlay<'_>,
    prev: &Figures,
    ix: &Index<'_>,
) -> bool {
    let Some((lo, hi)) = bounds(rel, view, prev, ix) else {
        return false;
    };
    let half = Decimal::new(5, written.scale() + 1);
    let (Some(w_lo), Some(w_hi)) = (written.checked_sub(half), written.checked_add(half)) else {
        return false;
    };
    if matches!(rel.kind, RelationKind::PartOf { .. }) {
        return w_hi >= lo;
    }
    w_lo <= hi && w_hi >= lo
}

/// Where the first written input of a relation is (for a problem of a figure it computes).
fn first_input_location(rel: &Relation, cur: &Figures) -> Option<Location> {
    rel.inputs()
        .into_iter()
        .find_map(|k| cur.get(k).and_then(|f| f.origin.location().cloned()))
}

/// `E-REL-OVERFLOW` (a result beyond the decimal range) or `W-REL-ZERO` (a division by a zero
/// figure) for `rel`, at the written result (`written`) or at its first input.
fn undefined_diagnostic(
    rel: &Relation,
    why: &Why,
    at: Option<Location>,
    written: bool,
    cur: &Figures,
    prev: &Figures,
    ix: &Index<'_>,
) -> Diagnostic {
    let result = rel.result();
    let name = ix.get(result).map_or(result, |d| d.name.as_str());
    let doing = if written { "核对" } else { "算出" };
    let d = match why {
        Why::Overflow => Diagnostic::error(
            "E-REL-OVERFLOW",
            format!(
                "无法{doing}{name}：按关系计算时数值超出可表示的范围（绝对值约 7.9×10²⁸ 以内）（规则：{}）",
                rule_text(rel, ix)
            ),
        )
        .hint("核对各项的数位和单位（元与万元、人与万人），是否多写了数字"),
        Why::Zero(key) => {
            let zero = ix.get(key).map_or(key.as_str(), |d| d.name.as_str());
            let zero = if matches!(rel.kind, RelationKind::Growth { .. }) {
                format!("上年同期{zero}")
            } else {
                zero.to_string()
            };
            Diagnostic::warning(
                "W-REL-ZERO",
                format!(
                    "无法{doing}{name}：{zero}为 0，不能作除数（规则：{}）",
                    rule_text(rel, ix)
                ),
            )
            .hint("分母为 0 时比率、人均、增长率没有意义；文中请改写（例如“新增”），或删去这一指标")
        }
    };
    with_inputs(
        d.at_opt(at).path(format!("figures.{result}")).figure(name),
        rel,
        cur,
        prev,
        ix,
    )
}

/// The diagnostic for a written value that disagrees with its relation, if it does.
/// The diagnostic of a written result that disagrees with the computed one `c` (after rounding
/// half-up to the written decimals), `None` when they agree; error or warning per the relation.
fn mismatch(rel: &Relation, written: Decimal, c: Decimal, ix: &Index<'_>) -> Option<Diagnostic> {
    let dp = written.scale();
    let rounded = round_half_up(c, dp);
    let def = ix.get(rel.result());
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
            rule_text(rel, ix)
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
            rule_text(rel, ix)
        )
    };
    let d = match rel.severity {
        Severity::Error => Diagnostic::error("E-REL-MISMATCH", message),
        Severity::Warning | Severity::Note => Diagnostic::warning("W-REL-MISMATCH", message),
    };
    Some(
        d.path(format!("figures.{}", rel.result()))
            .figure(name)
            .hint("核对所写数字和各分项；所写值应等于按规则算得的值按所写小数位数四舍五入的结果（以万、亿为单位的分项按其可能的舍入范围放宽）"),
    )
}

/// The rule as shown in a mismatch: the formula, then the catalogue's note on it (what the
/// total includes, and that a user catalogue may replace it).
fn rule_text(rel: &Relation, ix: &Index<'_>) -> String {
    match &rel.note {
        Some(note) => format!("{}；{note}", rel.describe(ix.cat)),
        None => rel.describe(ix.cat),
    }
}

/// Points at the written inputs of a relation (the other half of the contradiction).
fn with_inputs(
    mut d: Diagnostic,
    rel: &Relation,
    cur: &Figures,
    prev: &Figures,
    ix: &Index<'_>,
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
            let (n, u) = ix
                .get(k)
                .map_or((k, ""), |d| (d.name.as_str(), d.unit.as_str()));
            d = d.related(loc.clone(), format!("{prefix}{n}：{v}{u}"));
        }
    }
    d
}

/// A change beyond ×5 or below ÷5 against the previous period is worth a second look.
pub(super) fn plausibility(cur: &Figures, prev: &Figures, ix: &Index<'_>, ds: &mut Diagnostics) {
    let five = Decimal::from(5);
    for (key, f) in cur {
        let (Origin::Written(at), Some(now)) = (&f.origin, f.value.decimal()) else {
            continue;
        };
        let Some(before) = prev.get(key).and_then(|p| p.value.decimal()) else {
            continue;
        };
        let Some(def) = ix.get(key) else { continue };
        if ix
            .unit_of(key)
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
