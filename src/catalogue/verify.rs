//! Verifying the merged catalogue: relations name known figures, and their units fit (a sum of
//! amounts is an amount, a ratio's result is a percentage …). Run once, after every merge.
//!
//! Problems here are errors of the catalogue, reported at the relation's place with “did you
//! mean” for a mistyped key, so that a broken catalogue never reaches the relations' arithmetic.

use super::{Catalogue, Relation, RelationKind};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::units::Dimension;
use crate::yaml;

impl Catalogue {
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

    /// The dimension (count, amount, percentage …) of a figure's unit.
    fn dim(&self, key: &str) -> Option<Dimension> {
        self.unit_of(key).map(|u| u.dimension.clone())
    }

    /// Why a relation's units do not fit (a sum of different dimensions, a ratio whose result is
    /// not a percentage …), in Chinese; `None` when they fit.
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
                    .find(|k| self.dim(k).as_ref() != Some(&want))
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
}
