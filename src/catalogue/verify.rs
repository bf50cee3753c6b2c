//! Verifying the merged catalogue: relations name known figures, their units fit (a sum of
//! amounts is an amount, a ratio's result is a percentage …), and no relation computes a figure
//! from itself, directly or round a cycle of relations. Run once, after every merge.
//!
//! Problems here are errors of the catalogue, reported at the relation's place with “did you
//! mean” for a mistyped key, so that a broken catalogue never reaches the relations' arithmetic.

use super::{Catalogue, Index, Relation, RelationKind};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::hashed::HashMap;
use crate::units::Dimension;
use crate::yaml;

impl Catalogue {
    /// Checks that relations name known figures of fitting units and form no cycle. Run once
    /// after merging. The built-in catalogue with nothing merged into it is known clean and is
    /// not checked again.
    pub fn verify(&self) -> Diagnostics {
        if self.shipped_only {
            return Diagnostics::default();
        }
        verify_all(&Index::new(self))
    }

    /// [`Catalogue::verify`] without the shortcut for the built-in catalogue.
    #[cfg(test)]
    pub(crate) fn verify_fully(&self) -> Diagnostics {
        verify_all(&Index::new(self))
    }
}

/// [`Catalogue::verify`] over an index of the catalogue.
pub(crate) fn verify(ix: &Index<'_>) -> Diagnostics {
    if ix.cat.shipped_only {
        return Diagnostics::default();
    }
    verify_all(ix)
}

/// Every check of [`Catalogue::verify`], whatever the catalogue.
fn verify_all(ix: &Index<'_>) -> Diagnostics {
    let mut ds = Diagnostics::default();
    for r in &ix.cat.relations {
        let mut names: Vec<&str> = vec![r.result()];
        names.extend(r.inputs());
        let mut all_known = true;
        for k in names {
            if ix.get(k).is_none() {
                all_known = false;
                let mut d = Diagnostic::error(
                    "E-CAT-REL-UNKNOWN",
                    format!("关系里的指标“{k}”不在指标目录里"),
                )
                .at_opt(r.location.clone());
                if let Some(s) = yaml::did_you_mean(k, ix.cat.keys()) {
                    d = d.hint(format!("是不是“{s}”？"));
                } else {
                    d = d.hint("先在 figures 里定义这个指标");
                }
                ds.push(d);
            }
        }
        if all_known && let Some(problem) = unit_problem(ix, r) {
            ds.push(
                Diagnostic::error("E-CAT-REL-UNIT", problem)
                    .at_opt(r.location.clone())
                    .hint("合计、差只能在同类单位之间算（人与万人、元与万元可以换算）"),
            );
        }
    }
    ds.extend(cycles(ix));
    ds
}

/// The dimension (count, amount, percentage …) of a figure's unit.
fn dim(ix: &Index<'_>, key: &str) -> Option<Dimension> {
    ix.unit_of(key).map(|u| u.dimension.clone())
}

/// Why a relation's units do not fit (a sum of different dimensions, a ratio whose result is
/// not a percentage …), in Chinese; `None` when they fit.
fn unit_problem(ix: &Index<'_>, r: &Relation) -> Option<String> {
    let name = |k: &str| {
        ix.get(k)
            .map_or(k.to_string(), |d| format!("{}（{}）", d.name, d.unit))
    };
    match &r.kind {
        RelationKind::Sum { .. }
        | RelationKind::Difference { .. }
        | RelationKind::PartOf { .. } => {
            let want = dim(ix, r.result())?;
            r.inputs()
                .into_iter()
                .find(|k| dim(ix, k).as_ref() != Some(&want))
                .map(|k| {
                    format!(
                        "单位对不上：{} 与 {} 不是同类单位",
                        name(r.result()),
                        name(k)
                    )
                })
        }
        RelationKind::PerCapita { amount, .. } => {
            let result_dim = dim(ix, r.result())?;
            (dim(ix, amount) != Some(result_dim)).then(|| {
                format!(
                    "单位对不上：人均 {} 与金额 {} 不是同类单位",
                    name(r.result()),
                    name(amount)
                )
            })
        }
        RelationKind::Growth { .. } => (dim(ix, r.result()) != Some(Dimension::Percent))
            .then(|| format!("同比增长率 {} 的单位应是 %", name(r.result()))),
        RelationKind::Scaled { base, rate, .. } | RelationKind::Share { base, rate, .. } => {
            if dim(ix, base) != dim(ix, r.result()) {
                Some(format!(
                    "单位对不上：{} 与 {} 不是同类单位",
                    name(r.result()),
                    name(base)
                ))
            } else {
                (dim(ix, rate) != Some(Dimension::Percent))
                    .then(|| format!("比率 {} 的单位应是 %", name(rate)))
            }
        }
        RelationKind::Ratio { .. } => None,
    }
}

/// `E-CAT-REL-CYCLE` for every relation that reads its own result, and for every cycle of
/// relations each computing the next one's input (a = b + c with b = a − c): the figures would
/// be defined by each other, so which one is “computed” depends on what the user left out.
/// Relations that only check (`part_of`, `compute: false`) take part in no cycle (they may still
/// not name their own result).
fn cycles(ix: &Index<'_>) -> Vec<Diagnostic> {
    let rels = &ix.cat.relations;
    let mut out = Vec::new();
    // Edges input → result, each with the relation that makes it.
    let mut edges: HashMap<&str, Vec<(&str, usize)>> = HashMap::default();
    for (i, r) in rels.iter().enumerate() {
        let result = r.result();
        if r.inputs().contains(&result) {
            out.push(
                Diagnostic::error(
                    "E-CAT-REL-CYCLE",
                    format!(
                        "关系用“{}”自己来算“{}”：{}",
                        display(ix, result),
                        display(ix, result),
                        r.describe(ix.cat)
                    ),
                )
                .at_opt(r.location.clone())
                .hint("一条关系的结果不能同时是它的分项；请删去或改正这条关系"),
            );
            continue;
        }
        if !r.computes() {
            continue;
        }
        for input in r.inputs() {
            edges.entry(input).or_default().push((result, i));
        }
    }
    // Depth-first search, iteratively; a back edge closes a cycle, reported once per set of
    // relations.
    let mut state: HashMap<&str, u8> = HashMap::default(); // 1 on the path, 2 done
    let mut reported: Vec<Vec<usize>> = Vec::new();
    let mut starts: Vec<&str> = edges.keys().copied().collect();
    starts.sort_unstable();
    for start in starts {
        if state.contains_key(start) {
            continue;
        }
        // (node, next edge to follow, relation that led here)
        let mut path: Vec<(&str, usize, Option<usize>)> = vec![(start, 0, None)];
        state.insert(start, 1);
        while let Some(top) = path.last_mut() {
            let (node, next) = (top.0, top.1);
            let out_edges = edges.get(node).map_or(&[][..], Vec::as_slice);
            let Some(&(to, rel)) = out_edges.get(next) else {
                state.insert(node, 2);
                path.pop();
                continue;
            };
            top.1 += 1;
            match state.get(to) {
                None => {
                    state.insert(to, 1);
                    path.push((to, 0, Some(rel)));
                }
                Some(1) => {
                    // The cycle: from `to` on the path back to here, closed by `rel`.
                    let from = path.iter().position(|(n, _, _)| *n == to).unwrap_or(0);
                    let mut cycle: Vec<usize> =
                        path[from + 1..].iter().filter_map(|(_, _, r)| *r).collect();
                    cycle.push(rel);
                    let mut key = cycle.clone();
                    key.sort_unstable();
                    if !reported.contains(&key) {
                        reported.push(key);
                        out.push(cycle_diagnostic(ix, &cycle));
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// The diagnostic of one cycle of relations (in the order they feed each other), at the last
/// one written, naming all.
fn cycle_diagnostic(ix: &Index<'_>, cycle: &[usize]) -> Diagnostic {
    let rels = &ix.cat.relations;
    let mut figures: Vec<String> = cycle
        .iter()
        .map(|&i| display(ix, rels[i].result()))
        .collect();
    if let Some(first) = figures.first().cloned() {
        figures.insert(0, figures.last().cloned().unwrap_or(first));
    }
    let rules: Vec<String> = cycle.iter().map(|&i| rels[i].describe(ix.cat)).collect();
    let at = cycle.iter().copied().max().unwrap_or(0);
    let mut d = Diagnostic::error(
        "E-CAT-REL-CYCLE",
        format!(
            "关系互相计算，形成循环（{}）：{}",
            figures.join(" → "),
            rules.join("；")
        ),
    )
    .at_opt(rels[at].location.clone())
    .hint("同一等式的几种写法只能有一条计算：给其余的加上 compute: false（只核对、不计算），或删去其中一条");
    for &i in cycle {
        if i != at
            && let Some(l) = &rels[i].location
        {
            d = d.related(
                l.clone(),
                format!("循环中的另一条关系：{}", rels[i].describe(ix.cat)),
            );
        }
    }
    d
}

/// A figure as messages name it: its Chinese name, or the key.
fn display(ix: &Index<'_>, key: &str) -> String {
    ix.get(key).map_or(key.to_string(), |d| d.name.clone())
}
