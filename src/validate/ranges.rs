//! Per-figure rules: known key, pending (XX), decimals, and the allowed range of each figure.
//!
//! These rules look at one figure at a time against its catalogue definition; relations
//! between figures are `relations`' work. Only written figures are checked here: a computed
//! figure is as good as its inputs, and its decimals are the catalogue's by construction.

use super::CheckOptions;
use crate::catalogue::{FigureDef, Index, RelationKind};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::hashed::HashSet;
use crate::load::LoadedFile;
use crate::model::{Figure, FigureValue, Origin};
use crate::units::Dimension;
use crate::yaml;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The per-figure rules of one loaded file: keys unknown to the catalogue (current and
/// previous period), then each written figure (pending, decimals, range, growth rate) and each
/// previous-period figure that has a value. `figures` are the file's figures after relations
/// ran (computed ones are skipped: relations checked them); `suggestions` are the values the
/// relations could give pending figures, quoted in the pending warning.
pub(super) fn check(
    l: &LoadedFile,
    figures: &BTreeMap<String, Figure>,
    ix: &Index<'_>,
    options: &CheckOptions,
    suggestions: &BTreeMap<String, Decimal>,
    ds: &mut Diagnostics,
) {
    let growth: HashSet<&str> = ix
        .cat
        .relations
        .iter()
        .filter(|r| matches!(r.kind, RelationKind::Growth { .. }))
        .map(|r| r.result())
        .collect();
    unknown_keys(&l.key_locations, "figures", ix, ds);
    unknown_keys(&l.previous_key_locations, "previous", ix, ds);
    let written = figures
        .values()
        .filter(|f| matches!(f.origin, Origin::Written(_)));
    let rules = Rules {
        ix,
        growth: &growth,
        options,
    };
    for f in written {
        let Some(def) = ix.get(&f.key) else { continue };
        let computable = suggestions.get(&f.key);
        figure(f, def, "figures", &rules, computable, ds);
    }
    for f in l.previous.values() {
        let Some(def) = ix.get(&f.key) else { continue };
        if f.value != FigureValue::Pending {
            figure(f, def, "previous", &rules, None, ds);
        }
    }
}

/// What the per-figure rules read besides the figure: the catalogue (units), the growth-rate
/// figures (which may be negative or exceed 100 %), and the options (`--final`).
struct Rules<'a> {
    /// The merged catalogue, indexed.
    ix: &'a Index<'a>,
    /// Keys computed by a growth relation.
    growth: &'a HashSet<&'a str>,
    /// `--final` and the rest.
    options: &'a CheckOptions,
}

/// `E-FIGURE-UNKNOWN` for every key of `section` the catalogue lacks, with a hint: the English
/// key when the user wrote the Chinese name, else the closest key, else how to add a figure.
fn unknown_keys(
    keys: &BTreeMap<String, Location>,
    section: &str,
    ix: &Index<'_>,
    ds: &mut Diagnostics,
) {
    let cat = ix.cat;
    for (key, loc) in keys {
        if ix.get(key).is_some() {
            continue;
        }
        let mut d = Diagnostic::error(
            "E-FIGURE-UNKNOWN",
            format!(
                "指标目录里没有指标“{}”",
                crate::chars::clip(key, crate::chars::QUOTED)
            ),
        )
        .at(loc.clone())
        .path(format!("{section}.{key}"));
        let by_name = cat.figures.values().find(|def| def.name == *key);
        d = if let Some(def) = by_name {
            d.hint(format!("键名要用英文：“{key}”应写作“{}”", def.key))
        } else if let Some(s) = yaml::did_you_mean(key, cat.keys()) {
            let name = cat.get(s).map(|d| d.name.as_str()).unwrap_or_default();
            d.hint(format!("是不是“{s}”（{name}）？"))
        } else {
            d.hint(format!("检查键名拼写；新指标可在本文件的 catalogue: 里声明：figures: [{{key: {}, name: 中文名, unit: 人}}]（或写进 --catalogue、meta.catalogue 的目录）", crate::chars::clip(key, crate::chars::QUOTED)))
        };
        ds.push(d);
    }
}

/// The rules of one figure against its definition: pending (warning, or error with `--final`),
/// too many decimals, below the minimum or above the maximum. Without bounds in the catalogue,
/// whole counts must not be negative and percentages must lie in 0–100, growth rates excepted
/// (they may be negative or exceed 100 %). `computable` is what a relation gives for a pending
/// figure.
fn figure(
    f: &Figure,
    def: &FigureDef,
    section: &str,
    rules: &Rules<'_>,
    computable: Option<&Decimal>,
    ds: &mut Diagnostics,
) {
    let Rules {
        ix,
        growth,
        options,
    } = rules;
    let at = f.origin.location().cloned();
    let base = |code: &str, message: String, error: bool| {
        let d = if error {
            Diagnostic::error(code, message)
        } else {
            Diagnostic::warning(code, message)
        };
        d.at_opt(at.clone())
            .path(format!("{section}.{}", f.key))
            .figure(def.name.clone())
    };
    let v = match f.value {
        FigureValue::Pending => {
            let (code, error) = if options.final_ {
                ("E-PENDING", true)
            } else {
                ("W-PENDING", false)
            };
            let mut hint = if options.final_ {
                "定稿前须填上数字".to_string()
            } else {
                "定稿前填上数字；--final 检查时待填算作错误".to_string()
            };
            if let Some(v) = computable {
                hint.push_str(&format!("；按指标目录的关系可算得 {v}{}", def.unit));
            }
            ds.push(base(code, format!("{}待填（XX）", def.name), error).hint(hint));
            return;
        }
        FigureValue::Exact(v) => v,
    };
    let unit = &def.unit;
    if let Some(max_dp) = ix.max_decimals(&def.key)
        && v.scale() > max_dp
    {
        let d = if max_dp == 0 {
            base(
                "E-RANGE-INTEGER",
                format!("{}应为整数（单位：{unit}），写的是 {v}", def.name),
                true,
            )
            .hint("人数、人次、家数等只能是整数")
        } else {
            base(
                "E-RANGE-DECIMALS",
                format!("{}最多保留 {max_dp} 位小数，写的是 {v}", def.name),
                true,
            )
            .hint(format!("按四舍五入保留 {max_dp} 位小数"))
        };
        ds.push(d);
    }
    let is_growth = growth.contains(f.key.as_str());
    // Bounds as written; with none written, whole counts are ≥ 0 and percentages 0–100
    // (growth rates excepted). Whole counts are never negative.
    let unit_info = ix.unit_of(&def.key);
    let percent = unit_info.is_some_and(|u| u.dimension == Dimension::Percent);
    let whole = unit_info.is_some_and(|u| u.is_whole_count());
    let unstated = def.min.is_none() && def.max.is_none() && !is_growth;
    let min = def
        .min
        .or(((unstated && percent) || whole).then_some(Decimal::ZERO));
    let max = def
        .max
        .or((unstated && percent).then_some(Decimal::ONE_HUNDRED));
    if let Some(min) = min
        && v < min
    {
        let d = if min.is_zero() {
            base(
                "E-RANGE-NEGATIVE",
                format!("{}不能为负数，写的是 {v}", def.name),
                true,
            )
        } else {
            base(
                "E-RANGE-MIN",
                format!("{}不能小于 {min}{unit}，写的是 {v}", def.name),
                true,
            )
        };
        ds.push(d.hint("检查是否多写了负号或填错了栏目"));
    }
    if let Some(max) = max
        && v > max
    {
        ds.push(
            base(
                "E-RANGE-MAX",
                format!("{}不能超过 {max}{unit}，写的是 {v}", def.name),
                true,
            )
            .hint(if percent {
                "比率在 0 到 100 之间，只写百分数的数字部分，例如 99.87"
            } else {
                "检查单位和数位是否写对"
            }),
        );
    }
}
