//! Printing diagnostics: human text with the source line and a caret marker (coloured only on a
//! terminal), or JSON lines with the stable shape documented in README.md (“检查结果的 JSON 格式”).
//!
//! Columns count characters, carets count display cells (a CJK character takes two), so the
//! caret sits under the value in a terminal. The JSON shape is an interface: fields are only
//! ever added.
//!
//! Width limits: nothing a user wrote is ever echoed whole. Messages and hints are cut to
//! [`MESSAGE_CHARS`] characters, a source line longer than [`LINE_CHARS`] is shown as a window
//! around the place (`…` marking what is left out), and the caret covers at most
//! [`CARET_CHARS`] characters — a 5 MB number prints a few lines, not 15 MB.

use crate::chars::clip;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceFile, display_width};
use serde_json::json;
use std::fmt::Write as _;

/// The most characters of a message, a hint or a related place's note that is printed.
pub const MESSAGE_CHARS: usize = 400;
/// The most characters of a source line that is printed (a window around the place).
pub const LINE_CHARS: usize = 120;
/// The most characters a caret marks.
pub const CARET_CHARS: usize = 60;

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
        paint("1", &clip(&d.message, MESSAGE_CHARS))
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
        if let Some(full) = sources
            .iter()
            .find(|s| s.name == loc.file)
            .and_then(|s| s.line(loc.line))
        {
            let (line, column) = window(full, loc.column as usize);
            let line = line.as_str();
            let no = loc.line.to_string();
            let pad = " ".repeat(no.len());
            let prefix: usize = line
                .chars()
                .take(column.saturating_sub(1))
                .map(display_width)
                .sum();
            let token: usize = token_at(line, column)
                .chars()
                .take(CARET_CHARS)
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
    for r in d.related.iter().take(20) {
        let _ = writeln!(
            out,
            "  = {}：{}",
            r.location,
            clip(&r.message, MESSAGE_CHARS)
        );
    }
    if d.related.len() > 20 {
        let _ = writeln!(out, "  = ……另有 {} 处", d.related.len() - 20);
    }
    if let Some(h) = &d.hint {
        let _ = writeln!(
            out,
            "  = {}：{}",
            paint("1", "提示"),
            clip(h, MESSAGE_CHARS)
        );
    }
    out
}

/// A source line cut to [`LINE_CHARS`] characters around 1-based `column` (`…` where text is
/// left out), and the column within the cut line.
fn window(line: &str, column: usize) -> (String, usize) {
    let count = line.chars().count();
    if count <= LINE_CHARS {
        return (line.to_string(), column);
    }
    let start = column
        .saturating_sub(LINE_CHARS / 3 + 1)
        .min(count.saturating_sub(LINE_CHARS));
    let body: String = line.chars().skip(start).take(LINE_CHARS).collect();
    let mut shown = String::new();
    let mut column = column - start;
    if start > 0 {
        shown.push('…');
        column += 1;
    }
    shown.push_str(&body);
    if start + LINE_CHARS < count {
        shown.push('…');
    }
    (shown, column)
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
        "message": clip(&d.message, MESSAGE_CHARS),
        "hint": d.hint.as_deref().map(|h| clip(h, MESSAGE_CHARS)),
        "related": d.related.iter().map(|r| json!({
            "file": r.location.file,
            "line": r.location.line,
            "column": r.location.column,
            "message": clip(&r.message, MESSAGE_CHARS),
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
