//! Printing a [`Changes`]: Chinese text for people, or one JSON document with the stable shape
//! documented in README.md (“改了什么：wengao diff”).
//!
//! Human output lists figures first (name, old → new, where each value was written), then
//! sentences with their section path and the word diff marked `[-…-]{+…+}`, coloured only on a
//! terminal; an empty half is left out, and a summary line closes the output.

use super::figures::{FigureChange, FigureSide};
use super::{Changes, SentenceChange, Span};
use serde_json::{Value, json};
use std::fmt::Write as _;

/// The human report: figures, sentences, then a summary line (`没有变化` when nothing changed).
/// With `colour` (a terminal), deleted runs are red and inserted runs green; the markers stay.
pub fn human(changes: &Changes, colour: bool) -> String {
    let mut out = String::new();
    if let Some(m) = &changes.mismatch {
        let _ = writeln!(out, "{}\n", m.message());
    }
    if !changes.figures.is_empty() {
        let _ = writeln!(out, "指标（{} 项有变化）", changes.figures.len());
        for f in &changes.figures {
            figure_lines(&mut out, f);
        }
        out.push('\n');
    }
    if !changes.sentences.is_empty() {
        let _ = writeln!(out, "文句（{} 处有变化）", changes.sentences.len());
        for s in &changes.sentences {
            let text = if colour {
                painted(&s.spans)
            } else {
                s.marked()
            };
            let _ = writeln!(out, "  {}　{}　{text}", s.path, s.status.label());
        }
        out.push('\n');
    }
    let w = &changes.warnings;
    if !w.new.is_empty() || !w.resolved.is_empty() {
        let _ = write!(
            out,
            "问题（新出现 {} 项，已消除 {} 项",
            w.new.len(),
            w.resolved.len()
        );
        if !w.shared.is_empty() {
            let _ = write!(
                out,
                "；两版都有的 {} 项未列出，用 wengao check 查看",
                w.shared.len()
            );
        }
        out.push_str("）\n");
        for (label, list) in [("新出现", &w.new), ("已消除", &w.resolved)] {
            for d in list {
                let place = d
                    .location
                    .as_ref()
                    .filter(|l| l.line > 0)
                    .map(|l| format!("（{}:{}）", l.file, l.line))
                    .unwrap_or_default();
                let _ = writeln!(out, "  {label}　{} {}{place}", d.code, d.message);
            }
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}", summary(changes));
    out
}

/// `[-old-]{+new+}` with ANSI colours.
fn painted(spans: &[Span]) -> String {
    let mut out = String::new();
    for s in spans {
        match s {
            Span::Equal(t) => out.push_str(t),
            Span::Delete(t) => {
                let _ = write!(out, "\x1b[31m[-{t}-]\x1b[0m");
            }
            Span::Insert(t) => {
                let _ = write!(out, "\x1b[32m{{+{t}+}}\x1b[0m");
            }
        }
    }
    out
}

/// The last line: `共 2 项指标、1 处文句有变化`, `共 3 处文句有变化` or `没有变化`.
pub fn summary(changes: &Changes) -> String {
    let mut parts = Vec::new();
    if !changes.figures.is_empty() {
        parts.push(format!("{} 项指标", changes.figures.len()));
    }
    if !changes.sentences.is_empty() {
        parts.push(format!("{} 处文句", changes.sentences.len()));
    }
    let mut line = if parts.is_empty() {
        "没有变化".to_string()
    } else {
        format!("共 {}有变化", parts.join("、"))
    };
    let w = &changes.warnings;
    if !w.new.is_empty() {
        let _ = write!(line, "，新出现 {} 个问题", w.new.len());
    }
    if !w.resolved.is_empty() {
        let _ = write!(line, "，消除 {} 个问题", w.resolved.len());
    }
    line
}

/// `  改动　城乡居民医保基金支出 jumin_jijin_zhichu：31069.08万元 → 31100.00万元（+30.92）`
/// then where each value came from.
fn figure_lines(out: &mut String, f: &FigureChange) {
    let shown = f.new.as_ref().or(f.old.as_ref());
    let mut name = format!("{} {}", f.name, f.key);
    let mut notes = Vec::new();
    if f.previous {
        notes.push("上期");
    }
    if shown.is_some_and(FigureSide::computed) {
        notes.push("算得");
    }
    if !notes.is_empty() {
        let _ = write!(name, "（{}）", notes.join("，"));
    }
    let value = |side: &Option<FigureSide>| match side {
        Some(s) => format!("{}{}", s.value, f.unit),
        None => "（无）".to_string(),
    };
    let _ = write!(
        out,
        "  {}　{name}：{} → {}",
        f.status.label(),
        value(&f.old),
        value(&f.new)
    );
    if let Some(d) = &f.difference {
        let _ = write!(out, "（{d}）");
    }
    out.push('\n');
    let computed = |side: &Option<FigureSide>| side.as_ref().is_none_or(FigureSide::computed);
    if !(computed(&f.old) && computed(&f.new)) {
        let place = |side: &Option<FigureSide>| {
            side.as_ref()
                .map_or("（无）".to_string(), FigureSide::place)
        };
        let _ = writeln!(out, "        {} → {}", place(&f.old), place(&f.new));
    }
    let rule = [&f.new, &f.old]
        .into_iter()
        .find_map(|s| s.as_ref().and_then(|s| s.rule.as_ref()));
    if let Some(rule) = rule {
        let _ = writeln!(out, "        算法：{rule}");
    }
}

/// The JSON document: `{"figures": […], "sentences": […]}`.
pub fn json(changes: &Changes) -> String {
    let w = &changes.warnings;
    let list = |ds: &[crate::diagnostic::Diagnostic]| -> Vec<Value> {
        ds.iter()
            .map(|d| {
                let at = d.location.as_ref().filter(|l| l.line > 0);
                json!({
                    "code": d.code,
                    "message": d.message,
                    "figure": d.figure,
                    "path": d.yaml_path,
                    "file": at.map(|l| l.file.clone()),
                    "line": at.map(|l| l.line),
                })
            })
            .collect()
    };
    let doc = json!({
        "figures": changes.figures.iter().map(figure_json).collect::<Vec<_>>(),
        "sentences": changes.sentences.iter().map(sentence_json).collect::<Vec<_>>(),
        "warnings": {"new": list(&w.new), "resolved": list(&w.resolved), "shared": list(&w.shared)},
        "mismatch": changes.mismatch.as_ref().map(|m| json!({
            "message": m.message(),
            "old": {"kind": m.old.0, "agency": m.old.1},
            "new": {"kind": m.new.0, "agency": m.new.1},
        })),
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// One side of a figure change as JSON (`null` when absent).
fn side_json(side: &Option<FigureSide>) -> Value {
    match side {
        None => Value::Null,
        Some(s) => json!({
            "value": s.value,
            "pending": s.pending,
            "computed": s.computed(),
            "file": s.file,
            "line": s.line,
            "rule": s.rule,
        }),
    }
}

/// A figure change as JSON.
fn figure_json(f: &FigureChange) -> Value {
    json!({
        "key": f.key,
        "name": f.name,
        "unit": f.unit,
        "period": if f.previous { "previous" } else { "current" },
        "change": f.status.code(),
        "old": side_json(&f.old),
        "new": side_json(&f.new),
        "difference": f.difference,
    })
}

/// A sentence change as JSON, with its word-level spans.
fn sentence_json(s: &SentenceChange) -> Value {
    json!({
        "path": s.path,
        "kind": s.kind.code(),
        "change": s.status.code(),
        "old": s.old,
        "new": s.new,
        "marked": s.marked(),
        "spans": s.spans.iter().map(|p| json!({"op": p.code(), "text": p.text()})).collect::<Vec<_>>(),
        "figures": s.figures,
    })
}
