//! Printing diagnostics: human text with the source line and a caret marker (coloured only on a
//! terminal), or JSON lines with the stable shape documented in README.md (“检查结果的 JSON 格式”).
//!
//! Columns count characters, carets count display cells (a CJK character takes two), so the
//! caret sits under the value in a terminal. The JSON shape is an interface: fields are only
//! ever added.

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceFile, display_width};
use serde_json::json;
use std::fmt::Write as _;

/// Human-readable text of one diagnostic, with a snippet when its source is known.
///
/// `错误[E-…]: message`, then `--> file:line:column（yaml path）`, the source line with a caret
/// under the offending value, the related places and the hint. ANSI colours only when
/// `colour` (the caller checks for a terminal and `NO_COLOR`).
pub fn human(d: &Diagnostic, sources: &[SourceFile], colour: bool) -> String {
    let paint = |code: &str, s: &str| {
        if colour {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let sev_colour = match d.severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Note => "1;36",
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {}",
        paint(sev_colour, &format!("{}[{}]", d.severity.label(), d.code)),
        paint("1", &d.message)
    );
    if let Some(loc) = &d.location {
        let mut place = if loc.line == 0 {
            loc.file.clone()
        } else {
            loc.to_string()
        };
        if let Some(p) = &d.yaml_path {
            let _ = write!(place, "（{p}）");
        }
        let _ = writeln!(out, "  {} {place}", paint("1;34", "-->"));
        if let Some(line) = sources
            .iter()
            .find(|s| s.name == loc.file)
            .and_then(|s| s.line(loc.line))
        {
            let no = loc.line.to_string();
            let pad = " ".repeat(no.len());
            let prefix: usize = line
                .chars()
                .take(loc.column.saturating_sub(1) as usize)
                .map(display_width)
                .sum();
            let token: usize = token_at(line, loc.column as usize)
                .chars()
                .map(display_width)
                .sum::<usize>()
                .max(1);
            let bar = paint("1;34", "|");
            let _ = writeln!(out, "  {pad} {bar}");
            let _ = writeln!(
                out,
                "  {} {bar} {}",
                paint("1;34", &no),
                line.replace('\t', " ")
            );
            let _ = writeln!(
                out,
                "  {pad} {bar} {}{}",
                " ".repeat(prefix),
                paint(sev_colour, &"^".repeat(token))
            );
        }
    }
    for r in &d.related {
        let _ = writeln!(out, "  = {}：{}", r.location, r.message);
    }
    if let Some(h) = &d.hint {
        let _ = writeln!(out, "  = {}：{h}", paint("1", "提示"));
    }
    out
}

/// The scalar that starts at a 1-based column: up to a comma, bracket, comment or line end.
fn token_at(line: &str, column: usize) -> String {
    let rest: String = line.chars().skip(column.saturating_sub(1)).collect();
    if rest.starts_with('\t') {
        return "\t".to_string();
    }
    let end = rest.find([',', ']', '}', '#']).unwrap_or(rest.len());
    let token = &rest[..end];
    let token = token
        .find(": ")
        .map_or(token, |i| &token[..i])
        .trim_end_matches(':');
    token.trim_end().to_string()
}

/// One diagnostic as a single-line JSON object (stable shape, see README).
pub fn json_line(d: &Diagnostic) -> String {
    let loc = d.location.as_ref();
    json!({
        "severity": d.severity,
        "code": d.code,
        "file": loc.map(|l| l.file.clone()),
        "line": loc.map(|l| l.line),
        "column": loc.map(|l| l.column),
        "yaml_path": d.yaml_path,
        "figure": d.figure,
        "message": d.message,
        "hint": d.hint,
        "related": d.related.iter().map(|r| json!({
            "file": r.location.file,
            "line": r.location.line,
            "column": r.location.column,
            "message": r.message,
        })).collect::<Vec<_>>(),
    })
    .to_string()
}

/// The last line of human output: how many errors and warnings.
pub fn summary(diagnostics: &[Diagnostic], files: usize) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    if errors == 0 && warnings == 0 {
        format!("检查了 {files} 个文件，没有发现问题")
    } else {
        format!("检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告")
    }
}
