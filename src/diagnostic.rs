//! One diagnostic type for every stage: severity, stable code, location, Chinese message, hint.
//!
//! Loading, validation, templates and writing all report problems as [`Diagnostic`]s, so the
//! command line prints them one way (human text with the source line, or JSON). A diagnostic is
//! also the error type of every fallible stage function (`Result<_, Diagnostic>`).
//!
//! Conventions every producer keeps: the code is stable and documented in the README (`E-…`
//! errors, `W-…` warnings); the message says what is wrong in Chinese, naming the figure or cell
//! as users know it; the hint says what to do; a location points at the value in the user's
//! file (line 0 when only the file is known). The process exit code follows from the
//! diagnostics by one rule, [`exit_code`].

use serde::Serialize;
use std::fmt;

/// How bad a problem is. Errors stop `render` (unless `--draft`) and make `check` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The data or input is wrong: `check` exits 1 (2 for unreadable files), `render` stops.
    Error,
    /// Worth a look, but the document can be produced.
    Warning,
    /// Not a problem: what a check looked at and found right, or could not judge (printed only
    /// with `check --verbose`).
    Note,
}

impl Severity {
    /// The word users read: 错误 or 警告.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Note => "说明",
        }
    }
}

/// A place in a source file; line and column are 1-based, the column counts characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    /// The file as the user named it (or a template's shown path, `<内置目录>/…`).
    pub file: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: u32,
    /// 1-based column in characters (not bytes); 0 with line 0.
    pub column: u32,
}

impl Location {
    /// A location in `file` at `line`, `column`.
    pub fn new(file: impl Into<String>, line: u32, column: u32) -> Self {
        Location {
            file: file.into(),
            line,
            column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// A second place a diagnostic points at (the other half of a contradiction).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// Where the other half is.
    pub location: Location,
    /// What it is, in Chinese (全年值：…, 等式另一边的数在这里).
    pub message: String,
}

/// One problem found in the user's input, templates, or output paths.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code, e.g. `E-YAML-SYNTAX` or `W-PENDING`; documented in the README.
    pub code: String,
    /// Where the problem is; `None` when it has no place (a run-level problem).
    pub location: Option<Location>,
    /// Path inside the YAML document, e.g. `figures.jumin_canbao_renshu`.
    pub yaml_path: Option<String>,
    /// The figure's Chinese name from the catalogue, when the problem is about a figure.
    pub figure: Option<String>,
    /// What is wrong, in Chinese.
    pub message: String,
    /// What to do about it, in Chinese (a "did you mean" where there is one).
    pub hint: Option<String>,
    /// Other places involved (the other side of a sum, the annual value of a half-year figure).
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// An error with this code and message, no place yet.
    pub fn error(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    /// A warning with this code and message, no place yet.
    pub fn warning(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    /// A note (`N-…`): what a check verified or could not judge; not a problem.
    pub fn note(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Note, code, message)
    }

    /// A diagnostic without place, path, figure, hint or related places.
    fn new(severity: Severity, code: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code: code.into(),
            location: None,
            yaml_path: None,
            figure: None,
            message: message.into(),
            hint: None,
            related: Vec::new(),
        }
    }

    /// Places the diagnostic.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Places the diagnostic, or leaves it without a place.
    pub fn at_opt(mut self, location: Option<Location>) -> Self {
        self.location = location;
        self
    }

    /// Sets the path inside the YAML document (`figures.jumin_canbao_renshu`).
    pub fn path(mut self, yaml_path: impl Into<String>) -> Self {
        self.yaml_path = Some(yaml_path.into());
        self
    }

    /// Sets the figure's Chinese name.
    pub fn figure(mut self, name: impl Into<String>) -> Self {
        self.figure = Some(name.into());
        self
    }

    /// Sets what to do about it.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds another place involved.
    pub fn related(mut self, location: Location, message: impl Into<String>) -> Self {
        self.related.push(Related {
            location,
            message: message.into(),
        });
        self
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Exit code of a run that found nothing wrong (warnings allowed, or a draft).
pub const EXIT_OK: u8 = 0;
/// Exit code of a run stopped by errors in the data (indicator files, catalogues).
pub const EXIT_DATA: u8 = 1;
/// Exit code of a run stopped because a file could not be read (`E-FILE-*`), or by a template,
/// output or usage error.
pub const EXIT_INPUT: u8 = 2;

/// The exit code the diagnostics of a run call for: [`EXIT_INPUT`] when a file could not be read
/// at all or a template is wrong (an error coded `E-FILE-…`, `E-PATH-…` or `E-TEMPLATE…`), else
/// [`EXIT_DATA`] when there is any error, else [`EXIT_OK`]. The one copy of the rule; `check`,
/// `render` and `diff` all use it.
pub fn exit_code(items: &[Diagnostic]) -> u8 {
    if items.iter().any(|d| {
        d.is_error()
            && (d.code.starts_with("E-FILE-")
                || d.code.starts_with("E-PATH-")
                || d.code.starts_with("E-TEMPLATE"))
    }) {
        EXIT_INPUT
    } else if items.iter().any(Diagnostic::is_error) {
        EXIT_DATA
    } else {
        EXIT_OK
    }
}

/// Diagnostics collected over a run; keeps every problem, not only the first.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    /// In the order pushed, until [`Diagnostics::sort`].
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Adds one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Adds several, in order.
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    /// Whether any is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Stable order for output: by file, line, column, then code.
    ///
    /// Diagnostics without a place come first; equal ones keep the order they were pushed in,
    /// so the same input always prints the same list.
    pub fn sort(&mut self) {
        let by_place = |a: &Diagnostic, b: &Diagnostic| {
            (&a.location, &a.code, &a.message).cmp(&(&b.location, &b.code, &b.message))
        };
        if self.items.is_sorted_by(|a, b| by_place(a, b).is_le()) {
            return;
        }
        // The files are ranked once, so that the sort compares three integers (a run's
        // diagnostics name few files); the stable sort by place is then a stable sort of each
        // run of one place by code and message.
        let files: Vec<String> = self
            .items
            .iter()
            .filter_map(|d| d.location.as_ref().map(|l| l.file.as_str()))
            .collect::<std::collections::BTreeSet<&str>>()
            .into_iter()
            .map(str::to_string)
            .collect();
        self.items.sort_by_cached_key(|d| {
            d.location.as_ref().map_or((0, 0, 0), |l| {
                let file = files.binary_search(&l.file).map_or(0, |i| i + 1);
                (file, l.line, l.column)
            })
        });
        for run in self.items.chunk_by_mut(|a, b| a.location == b.location) {
            if run.len() > 1 {
                run.sort_by(by_place);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_is_the_stable_sort_by_place_code_and_message() {
        let mut items = Vec::new();
        for (i, (file, line, code, message)) in [
            ("b.yaml", 3, "W-B", "乙"),
            ("a.yaml", 9, "W-A", "甲"),
            ("", 0, "E-X", "无"),
            ("b.yaml", 3, "W-A", "乙"),
            ("a.yaml", 10, "W-A", "甲"),
            ("b.yaml", 3, "W-B", "乙"),
            ("a.yaml", 9, "W-A", "丙"),
            ("c.yaml", 1, "W-A", "甲"),
            ("b.yaml", 3, "W-B", "甲"),
            ("", 0, "E-X", "无"),
        ]
        .into_iter()
        .enumerate()
        {
            let d = Diagnostic::warning(code, message).hint(i.to_string());
            items.push(if file.is_empty() {
                d
            } else {
                d.at(Location::new(file, line, 2))
            });
        }
        let mut expected = items.clone();
        expected.sort_by(|a, b| {
            (&a.location, &a.code, &a.message).cmp(&(&b.location, &b.code, &b.message))
        });
        let mut sorted = Diagnostics { items };
        sorted.sort();
        assert_eq!(sorted.items, expected);
        sorted.sort();
        assert_eq!(sorted.items, expected);
    }

    #[test]
    fn exit_code_ranks_unreadable_files_above_data_errors() {
        let warning = Diagnostic::warning("W-PENDING", "待填");
        let data = Diagnostic::error("E-SUM", "合计不符");
        let file = Diagnostic::error("E-FILE-MISSING", "找不到文件");
        assert_eq!(exit_code(&[]), EXIT_OK);
        assert_eq!(exit_code(std::slice::from_ref(&warning)), EXIT_OK);
        assert_eq!(exit_code(&[warning.clone(), data.clone()]), EXIT_DATA);
        assert_eq!(exit_code(&[data, file, warning]), EXIT_INPUT);
        // A warning coded like a file error does not count.
        let odd = Diagnostic::warning("E-FILE-READ", "x");
        assert_eq!(exit_code(&[odd]), EXIT_OK);
    }
}
