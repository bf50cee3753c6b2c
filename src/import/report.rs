//! The report printed after an import: figures found, matched to the catalogue, new, pending;
//! numbers left as text with their reasons; structure notes; what was guessed. Human text (for
//! stderr) and JSON (one object per imported file, for tools).

use super::run::ImportedFile;
use super::scan::TextReason;
use serde_json::json;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The counts of one import (what the README's table shows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Paragraphs written.
    pub paragraphs: usize,
    /// Figure mentions in the text.
    pub mentions: usize,
    /// Figures of the file.
    pub figures: usize,
    /// Figures that took a catalogue key.
    pub matched: usize,
    /// Figures declared in the file.
    pub new: usize,
    /// Figures pending (XX in the original).
    pub pending: usize,
    /// Numbers kept as text.
    pub left_as_text: usize,
    /// Years that follow the period.
    pub years: usize,
    /// Relations the text states.
    pub relations: usize,
}

/// The counts of an imported file.
pub fn counts(f: &ImportedFile) -> Counts {
    let i = &f.imported;
    Counts {
        paragraphs: i.paragraphs,
        mentions: i.mentions,
        figures: i.figures.len(),
        matched: i.figures.iter().filter(|f| f.matched).count(),
        new: i.figures.iter().filter(|f| !f.matched).count(),
        pending: i.figures.iter().filter(|f| f.value.is_none()).count(),
        left_as_text: i.left_as_text.len(),
        years: i.years_referenced,
        relations: i.relations.len(),
    }
}

fn by_reason(f: &ImportedFile) -> BTreeMap<TextReason, Vec<String>> {
    let mut m: BTreeMap<TextReason, Vec<String>> = BTreeMap::new();
    for l in &f.imported.left_as_text {
        m.entry(l.reason)
            .or_default()
            .push(format!("第{}行“{}”（…{}…）", l.line, l.text, l.context));
    }
    m
}

/// The human report of one file.
pub fn human(f: &ImportedFile) -> String {
    let i = &f.imported;
    let c = counts(f);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "已导入 {} → {}、{}",
        f.input.display(),
        f.yaml_path.display(),
        f.template_path.display()
    );
    let _ = writeln!(
        s,
        "  期间 {}，类型 {}，发文机关 {}，成文日期 {}",
        i.period,
        match i.kind {
            crate::model::ReportKind::Annual => "年度总结",
            crate::model::ReportKind::HalfYear => "半年总结",
            crate::model::ReportKind::Disclosure => "政府信息公开年报",
        },
        i.agency,
        i.date.chinese()
    );
    let _ = writeln!(
        s,
        "  {} 段；数字 {} 处成为指标 {} 个（目录 {}，新 {}，待填 {}）；{} 处年份随期间变化；{} 处数字保留为文字；原文写明的合计关系 {} 条",
        c.paragraphs,
        c.mentions,
        c.figures,
        c.matched,
        c.new,
        c.pending,
        c.years,
        c.left_as_text,
        c.relations
    );
    for (field, why) in &i.guessed {
        let _ = writeln!(s, "  请核对 meta.{field}：{why}");
    }
    let reasons = by_reason(f);
    if !reasons.is_empty() {
        let _ = writeln!(s, "  保留为文字的数字：");
        for (reason, items) in &reasons {
            let shown: Vec<&str> = items.iter().take(3).map(String::as_str).collect();
            let more = if items.len() > 3 {
                format!(" 等 {} 处", items.len())
            } else {
                String::new()
            };
            let _ = writeln!(s, "    {}：{}{more}", reason.label(), shown.join("；"));
        }
    }
    for n in &i.notes {
        let _ = writeln!(s, "  第{}行：{}", n.line, n.text);
    }
    s
}

/// The JSON report of one file (keys sorted, stable).
pub fn json(f: &ImportedFile) -> serde_json::Value {
    let i = &f.imported;
    let c = counts(f);
    let figures: Vec<serde_json::Value> = i
        .figures
        .iter()
        .map(|e| {
            json!({
                "key": e.key, "name": e.name, "unit": e.unit,
                "value": e.value.map(|v| v.to_string()),
                "pending": e.value.is_none(), "catalogue": e.matched,
                "line": e.line, "uses": e.uses, "context": e.snippet,
            })
        })
        .collect();
    let text: Vec<serde_json::Value> = i
        .left_as_text
        .iter()
        .map(|l| json!({"line": l.line, "text": l.text, "reason": l.reason.label(), "context": l.context}))
        .collect();
    let notes: Vec<serde_json::Value> = i
        .notes
        .iter()
        .map(|n| json!({"line": n.line, "message": n.text}))
        .collect();
    let guessed: Vec<serde_json::Value> = i
        .guessed
        .iter()
        .map(|(f, w)| json!({"field": format!("meta.{f}"), "message": w}))
        .collect();
    json!({
        "input": f.input.display().to_string(),
        "yaml": f.yaml_path.display().to_string(),
        "template": f.template_path.display().to_string(),
        "period": i.period.to_string(),
        "agency": i.agency,
        "date": format!("{:04}-{:02}-{:02}", i.date.year, i.date.month, i.date.day),
        "counts": {
            "paragraphs": c.paragraphs, "mentions": c.mentions, "figures": c.figures,
            "matched": c.matched, "new": c.new, "pending": c.pending,
            "left_as_text": c.left_as_text, "years": c.years, "relations": c.relations,
        },
        "figures": figures,
        "left_as_text": text,
        "structure": notes,
        "guessed": guessed,
        "relations": i.relations,
    })
}
