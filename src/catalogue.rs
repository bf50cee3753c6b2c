//! The indicator catalogue: what each figure is (name, unit, stock/flow, range, decimals) and the
//! relations between figures. The medical-security catalogue is embedded; users may add their own.
//!
//! Format: see README.md, section “指标目录”.

use crate::diagnostic::{Diagnostic, Diagnostics, Location, Severity};
use crate::source::{self, SourceFile};
use crate::units::{self, Dimension, Unit};
use crate::yaml::{self, Exact, Spanned, Text};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

mod compiled;
use std::collections::BTreeMap;
use std::path::Path;

/// The embedded medical-security catalogue.
pub const BUILTIN: &str = include_str!("catalogue/medical-security.yaml");
/// The name locations in the embedded catalogue use.
pub const BUILTIN_NAME: &str = "<内置目录>/medical-security.yaml";

/// 时点数 (a level at a date) or 时期数 (accumulated over the period).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FigureKind {
    Stock,
    Flow,
}

/// What one figure is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureDef {
    pub key: String,
    /// 中文名称.
    pub name: String,
    /// The unit as printed: 人, 人次, 万人次, 元, 万元, 亿元, % …
    pub unit: String,
    pub kind: FigureKind,
    /// Most decimals allowed (0 for counts of people).
    pub decimals: Option<u32>,
    pub min: Option<Decimal>,
    pub max: Option<Decimal>,
    /// Other wordings of the name real reports use (matched by `wengao import`).
    pub aliases: Vec<String>,
    /// Where the definition was written (catalogue file:line:column).
    pub location: Option<Location>,
}

impl FigureDef {
    /// The unit's table entry (always known once the catalogue loaded without errors).
    pub fn unit_info(&self) -> Option<&'static Unit> {
        units::unit(&self.unit)
    }

    /// Most decimals allowed: as written in the catalogue, else 0 for whole counts.
    pub fn max_decimals(&self) -> Option<u32> {
        self.decimals
            .or_else(|| self.unit_info().filter(|u| u.is_whole_count()).map(|_| 0))
    }

    /// Decimals a computed value gets: `decimals`, else 0 for whole counts, else 2.
    pub fn computed_decimals(&self) -> u32 {
        self.max_decimals().unwrap_or(2)
    }
}

/// How the figures of a relation are tied together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RelationKind {
    /// total = Σ parts (units of one dimension converted).
    Sum { total: String, parts: Vec<String> },
    /// result = minuend − Σ subtrahends.
    Difference {
        result: String,
        minuend: String,
        subtrahends: Vec<String>,
    },
    /// result = numerator ÷ denominator × scale.
    Ratio {
        result: String,
        numerator: String,
        denominator: String,
        scale: Decimal,
    },
    /// result = amount ÷ count, converted to the result's unit (万元 ÷ 人次 → 元).
    PerCapita {
        result: String,
        amount: String,
        count: String,
    },
    /// result (%) = (of − previous of) ÷ previous of × 100.
    Growth { result: String, of: String },
    /// result = base × (100 + rate) ÷ 100 (“基数增长 7% 为 …”).
    Scaled {
        result: String,
        base: String,
        rate: String,
    },
    /// result = base × rate ÷ 100 (“超支部分的 85% 为 …”).
    Share {
        result: String,
        base: String,
        rate: String,
    },
    /// Σ parts ≤ total (“其中 …”); checks only, never computes.
    PartOf { total: String, parts: Vec<String> },
}

/// One relation of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    pub kind: RelationKind,
    /// Severity of a mismatch (default warning).
    pub severity: Severity,
    pub location: Option<Location>,
}

impl Relation {
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

/// The merged catalogue (built-in, then the user's additions and overrides).
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    pub figures: BTreeMap<String, FigureDef>,
    /// Relations in catalogue order. A user catalogue's relations for a figure replace the
    /// earlier catalogues' relations for that figure.
    pub relations: Vec<Relation>,
}

impl Catalogue {
    pub fn get(&self, key: &str) -> Option<&FigureDef> {
        self.figures.get(key)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.figures.keys().map(String::as_str)
    }

    /// The embedded medical-security catalogue (its diagnostics should always be empty).
    /// Loaded from its compiled form (see `catalogue/compiled.rs`).
    pub fn builtin() -> (Catalogue, Diagnostics) {
        compiled::builtin()
    }

    /// Reads a user catalogue file and merges it in; returns its diagnostics.
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

    /// Parses a catalogue and merges it in: same key overrides, new keys are added; a relation
    /// whose result already has one replaces it.
    pub fn merge_source(&mut self, src: &SourceFile) -> Diagnostics {
        let mut ds = Diagnostics::default();
        if src.text.trim().is_empty() {
            ds.push(
                Diagnostic::error("E-CAT-EMPTY", format!("指标目录 {} 是空的", src.name))
                    .at(Location::new(src.name.clone(), 1, 1)),
            );
            return ds;
        }
        let raw: RawCatalogue = match yaml::parse(src) {
            Ok(r) => r,
            Err(d) => {
                ds.push(d);
                return ds;
            }
        };
        self.merge_raw(src, raw, &mut ds);
        ds
    }

    /// Merges the inline `catalogue:` of an indicator file (same format as a catalogue file);
    /// does nothing when the file has none.
    pub fn merge_inline(&mut self, src: &SourceFile) -> Diagnostics {
        #[derive(Deserialize)]
        struct WithCatalogue {
            catalogue: Option<RawCatalogue>,
        }
        let mut ds = Diagnostics::default();
        match yaml::parse::<WithCatalogue>(src) {
            Ok(WithCatalogue {
                catalogue: Some(raw),
            }) => self.merge_raw(src, raw, &mut ds),
            Ok(_) => {}
            Err(d) => ds.push(d),
        }
        ds
    }

    fn merge_raw(&mut self, src: &SourceFile, raw: RawCatalogue, ds: &mut Diagnostics) {
        for u in raw.units {
            let loc = yaml::at(src, &u);
            let u = u.value;
            let factor = match u.factor.as_ref().map(|f| f.0.trim().parse::<i64>()) {
                None => Ok(None),
                Some(Ok(f)) => Ok(Some(f)),
                Some(Err(_)) => Err(()),
            };
            let result = match factor {
                Ok(f) => units::declare(
                    &u.name.0,
                    u.class.as_ref().map_or("count", |c| c.0.as_str()),
                    u.base.as_ref().map(|b| b.0.as_str()),
                    f,
                ),
                Err(()) => Err(format!("单位“{}”的倍数应为正整数", u.name.0.trim())),
            };
            if let Err(message) = result {
                ds.push(
                    Diagnostic::error("E-CAT-UNIT", message)
                        .at(loc)
                        .hint("写法：{name: 台, class: count} 或 {name: 万盒, class: count, base: 盒, factor: 10000}"),
                );
            }
        }
        let mut seen: BTreeMap<String, Location> = BTreeMap::new();
        for f in raw.figures {
            let loc = yaml::at(src, &f);
            if let Some(def) = figure_def(src, f.value, &loc, ds) {
                if let Some(first) = seen.get(&def.key) {
                    ds.push(
                        Diagnostic::error(
                            "E-CAT-DUPLICATE",
                            format!("指标“{}”在同一目录里定义了两次", def.key),
                        )
                        .at(loc.clone())
                        .related(first.clone(), "第一次定义在这里")
                        .hint("删去其中一条；要覆盖内置目录的条目，写在自己的目录里即可"),
                    );
                    continue;
                }
                seen.insert(def.key.clone(), loc);
                self.figures.insert(def.key.clone(), def);
            }
        }
        let mut added = Vec::new();
        for r in raw.relations {
            let loc = yaml::at(src, &r);
            added.extend(relation(r.value, &loc, ds));
        }
        // Relations of a later catalogue replace the earlier catalogues' relations for the same
        // result; within one catalogue, several relations may check the same figure.
        self.relations
            .retain(|old| !added.iter().any(|new| new.result() == old.result()));
        self.relations.extend(added);
    }

    /// Checks that relations name known figures of fitting units. Run once after merging.
    pub fn verify(&self) -> Diagnostics {
        let mut ds = Diagnostics::default();
        for r in &self.relations {
            let mut names: Vec<&str> = vec![r.result()];
            names.extend(r.inputs());
            let mut all_known = true;
            for k in names {
                if self.get(k).is_none() {
                    all_known = false;
                    let mut d = Diagnostic::error(
                        "E-CAT-REL-UNKNOWN",
                        format!("关系里的指标“{k}”不在指标目录里"),
                    )
                    .at_opt(r.location.clone());
                    if let Some(s) = yaml::did_you_mean(k, self.keys()) {
                        d = d.hint(format!("是不是“{s}”？"));
                    } else {
                        d = d.hint("先在 figures 里定义这个指标");
                    }
                    ds.push(d);
                }
            }
            if all_known && let Some(problem) = self.unit_problem(r) {
                ds.push(
                    Diagnostic::error("E-CAT-REL-UNIT", problem)
                        .at_opt(r.location.clone())
                        .hint("合计、差只能在同类单位之间算（人与万人、元与万元可以换算）"),
                );
            }
        }
        ds
    }

    fn dim(&self, key: &str) -> Option<Dimension> {
        self.get(key)?.unit_info().map(|u| u.dimension)
    }

    fn unit_problem(&self, r: &Relation) -> Option<String> {
        let name = |k: &str| {
            self.get(k)
                .map_or(k.to_string(), |d| format!("{}（{}）", d.name, d.unit))
        };
        match &r.kind {
            RelationKind::Sum { .. }
            | RelationKind::Difference { .. }
            | RelationKind::PartOf { .. } => {
                let want = self.dim(r.result())?;
                r.inputs()
                    .into_iter()
                    .find(|k| self.dim(k) != Some(want))
                    .map(|k| {
                        format!(
                            "单位对不上：{} 与 {} 不是同类单位",
                            name(r.result()),
                            name(k)
                        )
                    })
            }
            RelationKind::PerCapita { amount, .. } => {
                let result_dim = self.dim(r.result())?;
                (self.dim(amount) != Some(result_dim)).then(|| {
                    format!(
                        "单位对不上：人均 {} 与金额 {} 不是同类单位",
                        name(r.result()),
                        name(amount)
                    )
                })
            }
            RelationKind::Growth { .. } => (self.dim(r.result()) != Some(Dimension::Percent))
                .then(|| format!("同比增长率 {} 的单位应是 %", name(r.result()))),
            RelationKind::Scaled { base, rate, .. } | RelationKind::Share { base, rate, .. } => {
                if self.dim(base) != self.dim(r.result()) {
                    Some(format!(
                        "单位对不上：{} 与 {} 不是同类单位",
                        name(r.result()),
                        name(base)
                    ))
                } else {
                    (self.dim(rate) != Some(Dimension::Percent))
                        .then(|| format!("比率 {} 的单位应是 %", name(rate)))
                }
            }
            RelationKind::Ratio { .. } => None,
        }
    }

    /// The relations that compute or check `key`.
    pub fn relations_for<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Relation> {
        self.relations.iter().filter(move |r| r.result() == key)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalogue {
    /// Units the built-in list lacks (open unit list).
    #[serde(default)]
    units: Vec<Spanned<RawUnit>>,
    #[serde(default)]
    figures: Vec<Spanned<RawFigure>>,
    #[serde(default)]
    relations: Vec<Spanned<RawRelation>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnit {
    name: Text,
    class: Option<Text>,
    base: Option<Text>,
    factor: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure {
    key: Spanned<Text>,
    name: Spanned<Text>,
    unit: Spanned<Text>,
    kind: Spanned<Text>,
    decimals: Option<Spanned<Text>>,
    min: Option<Exact>,
    max: Option<Exact>,
    aliases: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelation {
    rule: Spanned<Text>,
    severity: Option<Spanned<Text>>,
    total: Option<String>,
    parts: Option<Vec<String>>,
    result: Option<String>,
    minuend: Option<String>,
    subtrahend: Option<String>,
    subtrahends: Option<Vec<String>>,
    numerator: Option<String>,
    denominator: Option<String>,
    scale: Option<Exact>,
    amount: Option<String>,
    count: Option<String>,
    of: Option<String>,
    base: Option<String>,
    rate: Option<String>,
    /// Why the relation holds (e.g. the sentence it was read from); for people only.
    #[serde(default, rename = "note")]
    _note: Option<serde::de::IgnoredAny>,
}

fn is_key(k: &str) -> bool {
    k.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn figure_def(
    src: &SourceFile,
    f: RawFigure,
    loc: &Location,
    ds: &mut Diagnostics,
) -> Option<FigureDef> {
    let key = f.key.value.0.trim().to_string();
    let mut ok = true;
    if !is_key(&key) {
        ds.push(
            Diagnostic::error("E-CAT-KEY", format!("键名“{key}”不合规"))
                .at(yaml::at(src, &f.key))
                .hint("键名只用英文字母、数字和下划线，以字母开头，例如 jumin_canbao_renshu"),
        );
        ok = false;
    }
    let unit = f.unit.value.0.trim().to_string();
    if units::unit(&unit).is_none() {
        let mut d = Diagnostic::error("E-CAT-UNIT", format!("不认识的单位“{unit}”"))
            .at(yaml::at(src, &f.unit))
            .path(format!("figures.{key}.unit"));
        d = match units::suggest(&unit) {
            Some(s) => d.hint(format!("是不是“{s}”？可用的单位：{}", units::symbols())),
            None => d.hint(format!("可用的单位：{}", units::symbols())),
        };
        ds.push(d);
        ok = false;
    }
    let kind = match f.kind.value.0.trim() {
        "stock" | "时点数" => FigureKind::Stock,
        "flow" | "时期数" => FigureKind::Flow,
        other => {
            let mut d = Diagnostic::error("E-CAT-KIND", format!("不认识的类型“{other}”"))
                .at(yaml::at(src, &f.kind));
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
                    Diagnostic::error("E-CAT-DECIMALS", format!("小数位数“{}”不对", s.value.0))
                        .at(yaml::at(src, s))
                        .hint("写 0 到 10 之间的整数"),
                );
                None
            }
        },
    };
    let _ = loc;
    ok.then(|| FigureDef {
        key,
        name: f.name.value.0.trim().to_string(),
        unit,
        kind,
        decimals,
        min: f.min.map(|e| e.0),
        max: f.max.map(|e| e.0),
        aliases: f.aliases.unwrap_or_default(),
        location: Some(loc.clone()),
    })
}

fn relation(r: RawRelation, loc: &Location, ds: &mut Diagnostics) -> Option<Relation> {
    let rule = r.rule.value.0.trim().to_string();
    let severity = match r.severity.as_ref().map(|s| s.value.0.trim()) {
        None | Some("warning") | Some("警告") => Severity::Warning,
        Some("error") | Some("错误") => Severity::Error,
        Some(other) => {
            ds.push(
                Diagnostic::error("E-CAT-SEVERITY", format!("不认识的级别“{other}”"))
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
            let mut d =
                Diagnostic::error("E-CAT-RULE", format!("不认识的关系“{other}”")).at(loc.clone());
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
    Some(Relation {
        kind,
        severity,
        location: Some(loc.clone()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalogue_is_clean() {
        let (c, ds) = Catalogue::builtin();
        assert!(ds.items.is_empty(), "{:#?}", ds.items);
        let v = c.verify();
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
