//! Rules across files: the half-year and annual reports of one agency and year must agree
//! (a flow's half-year value cannot exceed the year's; both halves add up to the year).
//!
//! Files are matched by agency and year, whatever their names; stock figures (levels at a
//! date) are left alone, since a year-end level need not equal the sum of anything.

use super::compute::round_half_up;
use crate::catalogue::{Catalogue, FigureKind};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Period, Report, ReportKind};

/// For each annual summary, its agency's half-year summaries of the same year: no half may
/// exceed the year in a flow figure (error), and both halves must add up to the year (warning).
/// Disclosure reports take no part.
pub(super) fn check(reports: &[Report], cat: &Catalogue, ds: &mut Diagnostics) {
    let summaries = |r: &&Report| r.meta.kind != ReportKind::Disclosure;
    for annual in reports.iter().filter(summaries) {
        let Period::Year(year) = annual.meta.period else {
            continue;
        };
        let halves: Vec<&Report> = reports
            .iter()
            .filter(summaries)
            .filter(|h| {
                h.meta.agency == annual.meta.agency
                    && h.meta.period.is_half_year()
                    && h.meta.period.year() == year
            })
            .collect();
        for half in &halves {
            exceeds(half, annual, cat, ds);
        }
        let first = halves
            .iter()
            .find(|h| matches!(h.meta.period, Period::FirstHalf(_)));
        let second = halves
            .iter()
            .find(|h| matches!(h.meta.period, Period::SecondHalf(_)));
        if let (Some(h1), Some(h2)) = (first, second) {
            halves_add_up(h1, h2, annual, cat, ds);
        }
    }
}

/// `E-CROSS-HALF-EXCEEDS` for each positive flow figure of `half` larger than in `annual`,
/// pointing at the annual value too.
fn exceeds(half: &Report, annual: &Report, cat: &Catalogue, ds: &mut Diagnostics) {
    for (key, f) in &half.figures {
        let Some(def) = cat.get(key) else { continue };
        if def.kind != FigureKind::Flow {
            continue;
        }
        let (Some(h), Some(a)) = (
            f.value.decimal(),
            annual.figures.get(key).and_then(|a| a.value.decimal()),
        ) else {
            continue;
        };
        if h <= a || h <= rust_decimal::Decimal::ZERO {
            continue;
        }
        let unit = &def.unit;
        let mut d = Diagnostic::error(
            "E-CROSS-HALF-EXCEEDS",
            format!(
                "{}{}（{h}{unit}）超过了全年（{a}{unit}）",
                half.meta.period.chinese(),
                def.name
            ),
        )
        .at_opt(f.origin.location().cloned())
        .path(format!("figures.{key}"))
        .figure(def.name.clone())
        .hint("时期数（累计数）的半年值不能超过全年值；核对两个文件的数字和单位");
        if let Some(loc) = annual.figures.get(key).and_then(|a| a.origin.location()) {
            d = d.related(loc.clone(), format!("全年值：{a}{unit}"));
        }
        ds.push(d);
    }
}

/// `W-CROSS-HALVES` for each flow figure of `annual` whose halves do not add up to it, after
/// rounding the sum half-up to the annual value's decimals.
fn halves_add_up(h1: &Report, h2: &Report, annual: &Report, cat: &Catalogue, ds: &mut Diagnostics) {
    for (key, f) in &annual.figures {
        let Some(def) = cat.get(key) else { continue };
        if def.kind != FigureKind::Flow {
            continue;
        }
        let (Some(a), Some(x), Some(y)) = (
            f.value.decimal(),
            h1.figures.get(key).and_then(|v| v.value.decimal()),
            h2.figures.get(key).and_then(|v| v.value.decimal()),
        ) else {
            continue;
        };
        let Some(sum) = x.checked_add(y) else {
            continue;
        };
        if round_half_up(sum, a.scale()) == a {
            continue;
        }
        let unit = &def.unit;
        ds.push(
            Diagnostic::warning(
                "W-CROSS-HALVES",
                format!(
                    "{}上半年与下半年之和（{x} + {y} = {sum}{unit}）不等于全年（{a}{unit}）",
                    def.name
                ),
            )
            .at_opt(f.origin.location().cloned())
            .path(format!("figures.{key}"))
            .figure(def.name.clone())
            .hint("核对三个文件里这一指标的数字"),
        );
    }
}
