//! One diagnostic type for every stage: severity, stable code, location, Chinese message, hint.
//!
//! Loading, validation, templates and writing all report problems as [`Diagnostic`]s, so the
//! command line prints them one way (human text with the source line, or JSON).

use serde::Serialize;
use std::fmt;

/// How bad a problem is. Errors stop `render` (unless `--draft`) and make `check` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// The word users read: 错误 or 警告.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        }
    }
}

/// A place in a source file; line and column are 1-based, the column counts characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    pub file: String,
    pub line: u32,
    pub column: u32,
}

impl Location {
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
    pub location: Location,
    pub message: String,
}

/// One problem found in the user's input, templates, or output paths.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable code, e.g. `E-YAML-SYNTAX` or `W-PENDING`; documented in the README.
    pub code: String,
    pub location: Option<Location>,
    /// Path inside the YAML document, e.g. `figures.jumin_canbao_renshu`.
    pub yaml_path: Option<String>,
    /// The figure's Chinese name from the catalogue, when the problem is about a figure.
    pub figure: Option<String>,
    /// What is wrong, in Chinese.
    pub message: String,
    /// What to do about it, in Chinese (a "did you mean" where there is one).
    pub hint: Option<String>,
    pub related: Vec<Related>,
}

impl Diagnostic {
    pub fn error(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    pub fn warning(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

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

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn at_opt(mut self, location: Option<Location>) -> Self {
        self.location = location;
        self
    }

    pub fn path(mut self, yaml_path: impl Into<String>) -> Self {
        self.yaml_path = Some(yaml_path.into());
        self
    }

    pub fn figure(mut self, name: impl Into<String>) -> Self {
        self.figure = Some(name.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn related(mut self, location: Location, message: impl Into<String>) -> Self {
        self.related.push(Related {
            location,
            message: message.into(),
        });
        self
    }

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
/// at all (an error coded `E-FILE-…`), else [`EXIT_DATA`] when there is any error, else
/// [`EXIT_OK`]. The one copy of the rule; `check`, `render` and `diff` all use it.
pub fn exit_code(items: &[Diagnostic]) -> u8 {
    if items
        .iter()
        .any(|d| d.is_error() && d.code.starts_with("E-FILE-"))
    {
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
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Stable order for output: by file, line, column, then code.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.location, &a.code, &a.message).cmp(&(&b.location, &b.code, &b.message))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
