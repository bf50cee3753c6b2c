//! What a change of figures does beyond itself: warnings that appear with the new version (a
//! typed-in total that no longer agrees with its parts), warnings that go away (it agrees now),
//! and those both versions share; and, before anything else, whether the two files are reports
//! of the same kind and agency at all.
//!
//! Two warnings are the same problem when their code, YAML path and figure agree and their
//! messages agree once the numbers in them are set aside (`合计 50718.32 与分项之和 50749.24 不符`
//! in both versions is one problem whose numbers moved, not a new one).

use crate::diagnostic::Diagnostic;
use crate::model::{Report, ReportKind};

/// The warnings of the two versions, sorted into new, resolved and shared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Consequences {
    /// Only the new version has them.
    pub new: Vec<Diagnostic>,
    /// Only the old version has them.
    pub resolved: Vec<Diagnostic>,
    /// Both versions have them (as the new version words them).
    pub shared: Vec<Diagnostic>,
}

/// How the two files differ as reports, when they are not the same report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// The old file's kind and agency (`年度工作总结`, `三门县医疗保障服务中心`).
    pub old: (String, String),
    /// The new file's kind and agency.
    pub new: (String, String),
}

impl Mismatch {
    /// The line users read first.
    pub fn message(&self) -> String {
        let side = |(kind, agency): &(String, String)| format!("{agency}的{kind}");
        format!(
            "注意：两份指标文件不是同一份报告（旧版是{}，新版是{}），下面的比较可能没有意义",
            side(&self.old),
            side(&self.new)
        )
    }
}

/// The Chinese name of a report kind.
fn kind_name(kind: ReportKind) -> &'static str {
    match kind {
        ReportKind::Annual => "年度工作总结",
        ReportKind::HalfYear => "半年工作总结",
        ReportKind::Disclosure => "政府信息公开工作年度报告",
    }
}

/// `Some` when the two reports differ in kind or agency.
pub fn mismatch(old: &Report, new: &Report) -> Option<Mismatch> {
    let (a, b) = (&old.meta, &new.meta);
    (a.kind != b.kind || a.agency.trim() != b.agency.trim()).then(|| Mismatch {
        old: (kind_name(a.kind).to_string(), a.agency.clone()),
        new: (kind_name(b.kind).to_string(), b.agency.clone()),
    })
}

/// A message with its numbers set aside, and the rounding note some messages add dropped.
fn shape(message: &str) -> String {
    let mut out = String::new();
    let mut skip_note = 0usize;
    let chars: Vec<char> = message.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if skip_note == 0
            && c == '（'
            && chars[i + 1..].iter().take(2).collect::<String>() == "保留"
        {
            skip_note = 1;
            i += 1;
            continue;
        }
        if skip_note > 0 {
            match c {
                '（' => skip_note += 1,
                '）' => skip_note -= 1,
                _ => {}
            }
            i += 1;
            continue;
        }
        if c.is_ascii_digit()
            || ((c == '.' || c == ',' || c == '-' || c == '+')
                && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else {
            out.push(c);
        }
        i += 1;
    }
    out
}

/// What makes two warnings the same problem.
fn identity(d: &Diagnostic) -> (String, Option<String>, Option<String>, String) {
    (
        d.code.clone(),
        d.yaml_path.clone(),
        d.figure.clone(),
        shape(&d.message),
    )
}

/// Sorts the warnings of the two versions (errors are not compared: a file with errors is not
/// diffed at all).
pub fn compare(old: &[Diagnostic], new: &[Diagnostic]) -> Consequences {
    let warnings = |ds: &[Diagnostic]| -> Vec<Diagnostic> {
        let mut seen = std::collections::BTreeSet::new();
        ds.iter()
            .filter(|d| !d.is_error())
            .filter(|d| seen.insert(identity(d)))
            .cloned()
            .collect()
    };
    let (old, new) = (warnings(old), warnings(new));
    let old_ids: Vec<_> = old.iter().map(identity).collect();
    let new_ids: Vec<_> = new.iter().map(identity).collect();
    let mut out = Consequences::default();
    for (d, id) in new.iter().zip(&new_ids) {
        if old_ids.contains(id) {
            out.shared.push(d.clone());
        } else {
            out.new.push(d.clone());
        }
    }
    out.resolved = old
        .iter()
        .zip(&old_ids)
        .filter(|(_, id)| !new_ids.contains(id))
        .map(|(d, _)| d.clone())
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(message: &str) -> Diagnostic {
        Diagnostic::warning("W-REL-MISMATCH", message)
            .path("figures.jijin_zhichu")
            .figure("医保基金支出（合计）")
    }

    #[test]
    fn numbers_moving_inside_one_problem_do_not_make_it_new() {
        let old = [
            w(
                "医保基金支出（合计）与计算值不符：写的是 50718.32万元，算得 50700万元，相差 18.32万元（规则：甲 = 乙 + 丙）",
            ),
            w("乙小于其中各项之和：写的是 3万元"),
        ];
        let new = [
            w(
                "医保基金支出（合计）与计算值不符：写的是 50718.32万元，算得 50749.235万元（保留 2 位小数为 50749.24万元），相差 -30.92万元（规则：甲 = 乙 + 丙）",
            ),
            Diagnostic::warning("W-PLAUSIBLE", "丁比上年同期变化超过 5 倍"),
        ];
        let c = compare(&old, &new);
        assert_eq!(c.shared.len(), 1);
        assert_eq!(c.new.len(), 1);
        assert_eq!(c.new[0].code, "W-PLAUSIBLE");
        assert_eq!(c.resolved.len(), 1);
        assert!(c.resolved[0].message.starts_with("乙小于"));
    }

    #[test]
    fn shapes_set_numbers_aside() {
        assert_eq!(
            shape("写的是 -1,234.5万元（保留 2 位小数为 3万元），差 0.5"),
            "写的是 #万元，差 #"
        );
    }
}
