//! Printing an update [`Report`]: Chinese text for people, or one JSON document for tools (the
//! stable shape documented in README.md, “把新数字写进改过的稿子：wengao update”).

use super::outcome::{Change, Conflict, Missing, Report, Unplaced};
use serde_json::{Value, json};
use std::fmt::Write as _;

/// The places of a figure: `一（一）`, or `一（一）、二（三）（2 处）`.
fn places(p: &[String]) -> String {
    let mut unique: Vec<&str> = Vec::new();
    for x in p {
        if !unique.contains(&x.as_str()) {
            unique.push(x);
        }
    }
    let joined = unique.join("、");
    if p.len() > 1 {
        format!("{joined}（{} 处）", p.len())
    } else {
        joined
    }
}

/// The human report: what was written, then each group that has entries, then a summary line.
pub fn human(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "已写出 {}：{} 处修订（修订者 {}，{}）",
        report.output,
        report.revisions(),
        report.author,
        report.date
    );
    if !report.changes.is_empty() {
        let _ = writeln!(out, "\n改动（{} 项）", report.changes.len());
        for c in &report.changes {
            change_line(&mut out, c);
        }
    }
    if !report.conflicts.is_empty() {
        let forced = report.conflicts.iter().all(|c| c.forced);
        let note = if forced {
            "已按 --force 覆盖"
        } else {
            "未改动；核对后可加 --force 覆盖"
        };
        let _ = writeln!(out, "\n冲突（{} 项，{note}）", report.conflicts.len());
        for c in &report.conflicts {
            conflict_line(&mut out, c);
        }
    }
    let (lost, quiet): (Vec<&Missing>, Vec<&Missing>) =
        report.missing.iter().partition(|m| m.matters());
    let (gone, lost): (Vec<&Missing>, Vec<&Missing>) =
        lost.into_iter().partition(|m| m.new.is_none());
    if !lost.is_empty() {
        let _ = writeln!(
            out,
            "\n未找到（{} 项，没有重新插入；所在句子可能已删除或改写，请手工核对）",
            lost.len()
        );
        for m in lost {
            let _ = writeln!(
                out,
                "  {} {}：{} → {}",
                m.name,
                m.key,
                m.old,
                m.new.as_deref().unwrap_or("")
            );
        }
    }
    if !gone.is_empty() {
        let _ = writeln!(
            out,
            "\n新版不再有（{} 项，文稿中仍是旧数字，请手工处理）",
            gone.len()
        );
        for m in gone {
            let _ = writeln!(out, "  {} {}：{}", m.name, m.key, m.old);
        }
    }
    if !report.unplaced.is_empty() {
        let _ = writeln!(
            out,
            "\n没有位置（{} 项，新数据中有、文稿中没有：删去的句子或新增的章节，请手工补写）",
            report.unplaced.len()
        );
        for u in &report.unplaced {
            unplaced_line(&mut out, u);
        }
    }
    let _ = writeln!(out, "\n{}", summary(report, quiet.len()));
    out
}

/// `  一（一）　城乡居民医保参保人数 jumin_canbao_renshu：311881人 → 312000人`
fn change_line(out: &mut String, c: &Change) {
    let how = match c.how {
        super::How::Context => "",
        super::How::Paragraph => "（上下文已改动，按所在段落找到）",
        super::How::Value => "（上下文已改动，按数值找到）",
    };
    let _ = writeln!(
        out,
        "  {}　{} {}：{} → {}{how}",
        places(&c.places),
        c.name,
        c.key,
        c.old,
        c.new
    );
}

/// `  一（二）　…：文稿中是 98200，上次写入 98166，新数据 98170（原因）`
fn conflict_line(out: &mut String, c: &Conflict) {
    let _ = writeln!(
        out,
        "  {}　{} {}：文稿中是 {}，上次写入 {}，新数据 {}（{}）",
        places(&c.places),
        c.name,
        c.key,
        c.found,
        c.written,
        c.new,
        c.reason
    );
}

/// `  医疗救助人次 jiuzhu_renci：1234人次`
fn unplaced_line(out: &mut String, u: &Unplaced) {
    let _ = writeln!(out, "  {} {}：{}", u.name, u.key, u.text);
}

/// The last line: what was done and what is left to the writer.
fn summary(report: &Report, quiet: usize) -> String {
    let mut todo = Vec::new();
    let conflicts = report.conflicts.iter().filter(|c| !c.forced).count();
    if conflicts > 0 {
        todo.push(format!("{conflicts} 项冲突"));
    }
    let lost = report.missing.iter().filter(|m| m.matters()).count();
    if lost > 0 {
        todo.push(format!("{lost} 项未找到或新版不再有"));
    }
    if !report.unplaced.is_empty() {
        todo.push(format!("{} 项没有位置", report.unplaced.len()));
    }
    let mut line = format!("共 {} 项改动已写成修订", report.changes.len());
    if report.changes.is_empty() && report.revisions() == 0 {
        line = "没有需要改动的数字".to_string();
    }
    if !todo.is_empty() {
        let _ = write!(line, "；{}，需人工处理", todo.join("、"));
    }
    if quiet > 0 {
        let _ = write!(line, "（另有 {quiet} 项数字在文稿中找不到，但数值未变）");
    }
    line
}

/// The JSON document (keys sorted, absent values `null`).
pub fn json(report: &Report) -> String {
    let doc = json!({
        "output": report.output,
        "author": report.author,
        "date": report.date,
        "revisions": report.revisions(),
        "complete": report.complete(),
        "unchanged": report.unchanged,
        "changes": report.changes.iter().map(|c| json!({
            "key": c.key, "name": c.name, "old": c.old, "new": c.new,
            "places": c.places, "found_by": c.how.code(),
        })).collect::<Vec<Value>>(),
        "conflicts": report.conflicts.iter().map(|c| json!({
            "key": c.key, "name": c.name, "written": c.written, "found": c.found,
            "new": c.new, "places": c.places, "forced": c.forced, "reason": c.reason,
        })).collect::<Vec<Value>>(),
        "missing": report.missing.iter().map(|m| json!({
            "key": m.key, "name": m.name, "old": m.old, "new": m.new,
            "in_draft": m.in_draft, "needs_attention": m.matters(),
        })).collect::<Vec<Value>>(),
        "unplaced": report.unplaced.iter().map(|u| json!({
            "key": u.key, "name": u.name, "text": u.text,
        })).collect::<Vec<Value>>(),
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}
