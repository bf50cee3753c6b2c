//! What the command line prints on stderr: diagnostics grouped per file (errors in full, many
//! warnings of one kind folded into a count), `-q` keeping errors only, and the summary lines.

use crate::diagnostic::Diagnostic;
use crate::report_diagnostics;
use crate::source::SourceFile;
use std::collections::BTreeMap;

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// ANSI colours (stderr is a terminal and `NO_COLOR` is unset).
    pub colour: bool,
    /// `-q`: errors only.
    pub quiet: bool,
}

/// `check` prints warnings in full unless one file has more than this many of one code…
const CHECK_FOLD_OVER: usize = 10;
/// …in which case it shows this many of them and a count of the rest.
const CHECK_FOLD_SHOWN: usize = 3;

/// `render` prints a file's warnings in full up to this many, else one count line.
const RENDER_WARNINGS_IN_FULL: usize = 3;

fn file_of(d: &Diagnostic) -> &str {
    d.location.as_ref().map_or("", |l| l.file.as_str())
}

/// `check`'s report: every diagnostic in order, except that when a file has more than
/// [`CHECK_FOLD_OVER`] warnings of one code, only the first [`CHECK_FOLD_SHOWN`] are shown and a
/// line counts the rest.
pub fn check_report(items: &[Diagnostic], sources: &[SourceFile], style: Style) -> String {
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for d in items.iter().filter(|d| !d.is_error()) {
        *counts.entry((file_of(d), d.code.as_str())).or_default() += 1;
    }
    let mut shown: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut out = String::new();
    let mut folded: Vec<(&str, &str, usize)> = Vec::new();
    let mut current_file: Option<&str> = None;
    let flush = |out: &mut String, folded: &mut Vec<(&str, &str, usize)>| {
        for (file, code, n) in folded.drain(..) {
            out.push_str(&format!(
                "……{file} 另有 {n} 条同类警告 [{code}] 未逐条列出；全部列出：wengao check --format json {file}\n\n"
            ));
        }
    };
    for d in items {
        let file = file_of(d);
        if current_file != Some(file) {
            flush(&mut out, &mut folded);
            current_file = Some(file);
        }
        if d.is_error() {
            out.push_str(&report_diagnostics::human(d, sources, style.colour));
            out.push('\n');
            continue;
        }
        if style.quiet {
            continue;
        }
        let key = (file, d.code.as_str());
        let total = counts.get(&key).copied().unwrap_or(0);
        let n = shown.entry(key).or_default();
        *n += 1;
        if total > CHECK_FOLD_OVER && *n > CHECK_FOLD_SHOWN {
            if *n == CHECK_FOLD_SHOWN + 1 {
                folded.push((file, d.code.as_str(), total - CHECK_FOLD_SHOWN));
            }
            continue;
        }
        out.push_str(&report_diagnostics::human(d, sources, style.colour));
        out.push('\n');
    }
    flush(&mut out, &mut folded);
    out
}

/// One file's diagnostics as `render` prints them: errors in full; warnings in full when there
/// are at most [`RENDER_WARNINGS_IN_FULL`], else one line with their count per code.
pub fn render_file(
    file: &str,
    items: &[Diagnostic],
    sources: &[SourceFile],
    style: Style,
) -> String {
    let mut out = String::new();
    for d in items.iter().filter(|d| d.is_error()) {
        out.push_str(&report_diagnostics::human(d, sources, style.colour));
        out.push('\n');
    }
    if style.quiet {
        return out;
    }
    let warnings: Vec<&Diagnostic> = items.iter().filter(|d| !d.is_error()).collect();
    if warnings.len() <= RENDER_WARNINGS_IN_FULL {
        for d in warnings {
            out.push_str(&report_diagnostics::human(d, sources, style.colour));
            out.push('\n');
        }
    } else {
        let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
        for d in &warnings {
            *by_code.entry(d.code.as_str()).or_default() += 1;
        }
        let parts: Vec<String> = by_code
            .iter()
            .map(|(code, n)| format!("{code} {n} 条"))
            .collect();
        out.push_str(&format!(
            "警告：{file} 有 {} 条警告（{}）；逐条查看：wengao check {file}\n\n",
            warnings.len(),
            parts.join("，")
        ));
    }
    out
}

/// The last line of a `render` batch: `N 个文件：生成 A 个，有错误 B 个，警告 C 条`.
pub fn render_summary(files: usize, written: usize, failed: usize, warnings: usize) -> String {
    format!("{files} 个文件：生成 {written} 个，有错误 {failed} 个，警告 {warnings} 条")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;

    fn warning(line: u32, code: &str) -> Diagnostic {
        Diagnostic::warning(code, format!("第 {line} 行")).at(Location::new("a.yaml", line, 1))
    }

    #[test]
    fn many_warnings_of_one_code_fold_into_a_count() {
        let mut items: Vec<Diagnostic> = (1..=12).map(|l| warning(l, "W-PENDING")).collect();
        items.push(warning(20, "W-REL-MISMATCH"));
        let text = check_report(&items, &[], Style::default());
        assert_eq!(text.matches("警告[W-PENDING]").count(), 3);
        assert_eq!(text.matches("警告[W-REL-MISMATCH]").count(), 1);
        assert!(text.contains(
            "……a.yaml 另有 9 条同类警告 [W-PENDING] 未逐条列出；全部列出：wengao check --format json a.yaml"
        ));
        let quiet = check_report(
            &items,
            &[],
            Style {
                colour: false,
                quiet: true,
            },
        );
        assert_eq!(quiet, "");
    }

    #[test]
    fn render_counts_warnings_per_file() {
        let items: Vec<Diagnostic> = (1..=5)
            .map(|l| warning(l, if l < 3 { "W-PENDING" } else { "W-REL-MISMATCH" }))
            .collect();
        assert_eq!(
            render_file("a.yaml", &items, &[], Style::default()),
            "警告：a.yaml 有 5 条警告（W-PENDING 2 条，W-REL-MISMATCH 3 条）；逐条查看：wengao check a.yaml\n\n"
        );
        assert_eq!(
            render_summary(3, 2, 1, 5),
            "3 个文件：生成 2 个，有错误 1 个，警告 5 条"
        );
    }
}
