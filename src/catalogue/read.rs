//! Reading a catalogue file (YAML) into the catalogue: every figure and relation checked as it
//! is read (key shape, unit, kind, decimals, range, the relation's fields), each problem located.
//!
//! A relation names its kind in `rule:` (`sum`, `difference`, `ratio`, `per_capita`, `growth`,
//! `scaled`, `share`, `part_of`) and gives that kind's fields; an unknown kind gets “did you
//! mean”, a missing field its own error. Whether the figures a relation names exist is checked
//! later, once every catalogue is merged.

use super::{Catalogue, FigureDef, FigureKind, Relation, RelationKind};
use crate::chars::{QUOTED, clip};
use crate::diagnostic::{Diagnostic, Diagnostics, Location, Severity};
use crate::source::SourceFile;
use crate::units;
use crate::yaml::{self, Exact, Spanned, Text};
use rust_decimal::Decimal;
use serde::Deserialize;

/// Parses a catalogue file into its raw shape; an empty file or a YAML error is a located
/// diagnostic.
pub(super) fn parse_file(
    src: &SourceFile,
    notes: &mut Vec<Diagnostic>,
) -> Result<RawCatalogue, Diagnostic> {
    if src.text.trim().is_empty() {
        return Err(
            Diagnostic::error("E-CAT-EMPTY", format!("指标目录 {} 是空的", src.name))
                .at(Location::new(src.name.clone(), 1, 1))
                .hint("写上 figures:、relations: 或 units:，格式见 README“指标目录”一节"),
        );
    }
    yaml::parse_noting(src, notes)
}

/// A catalogue as parsed (a catalogue file, or the `catalogue:` part of an indicator file): its
/// units, figures and relations, each with its place.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCatalogue {
    /// `units:`: units the built-in list lacks, in order.
    #[serde(default)]
    pub(super) units: Vec<Spanned<RawUnit>>,
    /// `figures:`: the figure definitions, in order.
    #[serde(default)]
    pub(super) figures: Vec<Spanned<RawFigure>>,
    /// `relations:`: the relations, in order.
    #[serde(default)]
    pub(super) relations: Vec<Spanned<RawRelation>>,
}

/// One unit declaration as written: `{name: 台, class: count}` or
/// `{name: 万盒, class: count, base: 盒, factor: 10000}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawUnit {
    /// The symbol as printed.
    pub(super) name: Spanned<Text>,
    /// `count`, `persons`, `visits`, `money`, `percent`.
    pub(super) class: Option<Spanned<Text>>,
    /// The unit this one is a multiple of.
    pub(super) base: Option<Spanned<Text>>,
    /// How many `base` units one of this unit is.
    pub(super) factor: Option<Spanned<Text>>,
}

/// One figure as written; checked into a [`FigureDef`] by [`figure_def`].
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFigure {
    /// The key indicator files use.
    pub(super) key: Spanned<Text>,
    /// The Chinese name.
    name: Spanned<Text>,
    /// The unit symbol (checked against the unit table).
    pub(super) unit: Spanned<Text>,
    /// `stock` (时点数) or `flow` (时期数); a stock when absent.
    kind: Option<Spanned<Text>>,
    /// Most decimals allowed.
    decimals: Option<Spanned<Text>>,
    /// Smallest value allowed.
    min: Option<Exact>,
    /// Largest value allowed.
    max: Option<Exact>,
    /// Other wordings of the name (matched by `wengao import`).
    aliases: Option<Vec<String>>,
}

/// One relation as written: its kind (`rule:`), severity, and the fields of its kind (fields of
/// other kinds are ignored).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRelation {
    /// The kind: `sum`, `difference`, `ratio`, `per_capita`, `growth`, `scaled`, `share`,
    /// `part_of`.
    rule: Spanned<Text>,
    /// `error` or `warning` (default) for a mismatch.
    severity: Option<Spanned<Text>>,
    /// Sum and part-of: the total.
    total: Option<String>,
    /// Sum and part-of: the parts.
    parts: Option<Vec<String>>,
    /// Difference, ratio, per capita, growth, scaled, share: the computed figure.
    result: Option<String>,
    /// Difference: the figure taken from.
    minuend: Option<String>,
    /// Difference: the one figure taken away (or use `subtrahends`).
    subtrahend: Option<String>,
    /// Difference: the figures taken away.
    subtrahends: Option<Vec<String>>,
    /// Ratio: the figure divided.
    numerator: Option<String>,
    /// Ratio: the figure divided by.
    denominator: Option<String>,
    /// Ratio: the factor (100 for a percentage; default 1).
    scale: Option<Exact>,
    /// Per capita: the amount.
    amount: Option<String>,
    /// Per capita: the head count.
    count: Option<String>,
    /// Growth: the figure compared with its previous-period value.
    of: Option<String>,
    /// Scaled and share: the base figure.
    base: Option<String>,
    /// Scaled and share: the rate (%).
    rate: Option<String>,
    /// The rule in words (what the total includes, the sentence it was read from); shown with a
    /// mismatch.
    note: Option<Text>,
    /// `false`: check only, never compute the result.
    compute: Option<Spanned<Text>>,
}

/// `s` without surrounding white space, reusing its buffer when there is none.
fn owned_trimmed(s: String) -> String {
    if s.trim().len() == s.len() {
        s
    } else {
        s.trim().to_string()
    }
}

/// A figure key: ASCII letter first, then letters, digits and `_`.
fn is_key(k: &str) -> bool {
    k.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Checks one written figure (key, name, unit, kind, decimals, range) and builds its
/// definition; `None` after reporting what is wrong. `known` is the catalogue so far (its units,
/// built-in and declared).
pub(super) fn figure_def(
    file: &str,
    f: RawFigure,
    loc: Location,
    known: &Catalogue,
    ds: &mut Diagnostics,
) -> Option<FigureDef> {
    let (key_at, unit_at) = (f.key.referenced, f.unit.referenced);
    let key = owned_trimmed(f.key.value.0);
    let mut ok = true;
    if !is_key(&key) {
        ds.push(
            Diagnostic::error("E-CAT-KEY", format!("键名“{}”不合规", clip(&key, QUOTED)))
                .at(Location::new(file, key_at.line(), key_at.column()))
                .hint("键名只用英文字母、数字和下划线，以字母开头，例如 jumin_canbao_renshu"),
        );
        ok = false;
    }
    let unit = owned_trimmed(f.unit.value.0);
    if known.unit(&unit).is_none() {
        let declare = format!(
            "在 units: 里声明：- {{name: {unit}, class: count}}（class 可写 count、persons、visits、money、percent）"
        );
        let d = Diagnostic::error(
            "E-CAT-UNIT",
            format!("不认识的单位“{}”", clip(&unit, QUOTED)),
        )
        .at(Location::new(file, unit_at.line(), unit_at.column()))
        .path(format!("figures.{key}.unit"));
        ds.push(match units::suggest(&unit) {
            Some(s) => d.hint(format!("是不是“{s}”？若是新单位，{declare}")),
            None => d.hint(format!("新单位{declare}")),
        });
        ok = false;
    }
    let kind = match f.kind.as_ref().map(|k| (k, k.value.0.trim())) {
        None => FigureKind::Stock,
        Some((_, "stock" | "时点数")) => FigureKind::Stock,
        Some((_, "flow" | "时期数")) => FigureKind::Flow,
        Some((at, other)) => {
            let mut d = Diagnostic::error(
                "E-CAT-KIND",
                format!("不认识的类型“{}”", clip(other, QUOTED)),
            )
            .at(yaml::at(file, at));
            d = match yaml::did_you_mean(other, ["stock", "flow"]) {
                Some(s) => d.hint(format!("是不是“{s}”？stock 为时点数，flow 为时期数")),
                None => d.hint("写 stock（时点数）或 flow（时期数）"),
            };
            // Reported; the figure is kept (as a stock) so relations naming it still resolve.
            ds.push(d);
            FigureKind::Stock
        }
    };
    let decimals = match &f.decimals {
        None => None,
        Some(s) => match s.value.0.trim().parse::<u32>() {
            Ok(n) if n <= 10 => Some(n),
            _ => {
                ds.push(
                    Diagnostic::error(
                        "E-CAT-DECIMALS",
                        format!("小数位数“{}”不对", clip(&s.value.0, QUOTED)),
                    )
                    .at(yaml::at(file, s))
                    .hint("写 0 到 10 之间的整数"),
                );
                None
            }
        },
    };
    ok.then(|| FigureDef {
        key,
        name: owned_trimmed(f.name.value.0),
        unit,
        kind,
        decimals,
        min: f.min.map(|e| e.0),
        max: f.max.map(|e| e.0),
        aliases: f.aliases.clone().unwrap_or_default(),
        location: Some(loc),
    })
}

/// Builds a relation of the kind `rule:` names from that kind's fields, reporting an unknown
/// kind, an unknown severity or missing fields at `loc`.
pub(super) fn relation(r: RawRelation, loc: &Location, ds: &mut Diagnostics) -> Option<Relation> {
    let rule = r.rule.value.0.trim().to_string();
    let severity = match r.severity.as_ref().map(|s| s.value.0.trim()) {
        None | Some("warning") | Some("警告") => Severity::Warning,
        Some("error") | Some("错误") => Severity::Error,
        Some(other) => {
            ds.push(
                Diagnostic::error(
                    "E-CAT-SEVERITY",
                    format!("不认识的级别“{}”", clip(other, QUOTED)),
                )
                .at(loc.clone())
                .hint("写 warning（警告）或 error（错误）"),
            );
            Severity::Warning
        }
    };
    let mut missing = Vec::new();
    let mut need = |name: &'static str, v: Option<String>| {
        if v.is_none() {
            missing.push(name);
        }
        v.unwrap_or_default()
    };
    let kind = match rule.as_str() {
        "sum" => RelationKind::Sum {
            total: need("total", r.total),
            parts: need("parts", r.parts.map(|p| p.join("\n")))
                .split('\n')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        },
        "difference" => {
            let mut subs: Vec<String> = r.subtrahend.into_iter().collect();
            subs.extend(r.subtrahends.unwrap_or_default());
            let subs_text = (!subs.is_empty()).then(|| subs.join("\n"));
            RelationKind::Difference {
                result: need("result", r.result),
                minuend: need("minuend", r.minuend),
                subtrahends: need("subtrahend", subs_text)
                    .split('\n')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            }
        }
        "ratio" => RelationKind::Ratio {
            result: need("result", r.result),
            numerator: need("numerator", r.numerator),
            denominator: need("denominator", r.denominator),
            scale: r.scale.map_or(Decimal::ONE, |s| s.0),
        },
        "per_capita" => RelationKind::PerCapita {
            result: need("result", r.result),
            amount: need("amount", r.amount),
            count: need("count", r.count),
        },
        "growth" => RelationKind::Growth {
            result: need("result", r.result),
            of: need("of", r.of),
        },
        "scaled" => RelationKind::Scaled {
            result: need("result", r.result),
            base: need("base", r.base),
            rate: need("rate", r.rate),
        },
        "share" => RelationKind::Share {
            result: need("result", r.result),
            base: need("base", r.base),
            rate: need("rate", r.rate),
        },
        "part_of" => RelationKind::PartOf {
            total: need("total", r.total),
            parts: need("parts", r.parts.map(|p| p.join("\n")))
                .split('\n')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        },
        other => {
            let rules = [
                "sum",
                "difference",
                "ratio",
                "per_capita",
                "growth",
                "scaled",
                "share",
                "part_of",
            ];
            let mut d = Diagnostic::error(
                "E-CAT-RULE",
                format!("不认识的关系“{}”", clip(other, QUOTED)),
            )
            .at(loc.clone());
            d = match yaml::did_you_mean(other, rules) {
                Some(s) => d.hint(format!("是不是“{s}”？可用的关系：{}", rules.join("、"))),
                None => d.hint(format!("可用的关系：{}", rules.join("、"))),
            };
            ds.push(d);
            return None;
        }
    };
    if !missing.is_empty() {
        ds.push(
            Diagnostic::error(
                "E-CAT-REL-FIELD",
                format!("关系 {rule} 缺少 {}", missing.join("、")),
            )
            .at(loc.clone())
            .hint("格式见 README“指标目录”一节"),
        );
        return None;
    }
    let compute = match r.compute.as_ref().map(|c| (c, c.value.0.trim())) {
        None | Some((_, "true" | "是")) => true,
        Some((_, "false" | "否")) => false,
        Some((at, other)) => {
            ds.push(
                Diagnostic::error(
                    "E-CAT-REL-FIELD",
                    format!("compute 只能写 true 或 false，写的是“{other}”"),
                )
                .at(yaml::at(&loc.file, at))
                .hint("compute: false 表示这条关系只核对、不计算"),
            );
            true
        }
    };
    Some(Relation {
        kind,
        severity,
        compute,
        location: Some(loc.clone()),
        note: r
            .note
            .map(|n| n.0.trim().to_string())
            .filter(|n| !n.is_empty()),
    })
}
