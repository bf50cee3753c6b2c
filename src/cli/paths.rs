//! File arguments: glob patterns the shell left alone (quoted, or any pattern on Windows, whose
//! shells never expand them) are expanded by wengao, in sorted order; the same file named twice
//! is kept once.

use crate::diagnostic::Diagnostic;
use std::path::PathBuf;

fn is_pattern(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// The files `args` name: each argument as given, or, when it is a pattern and no file has that
/// very name, the files matching it. A pattern matching nothing, or an invalid one, is an error.
/// A file named again (by the same or another path, e.g. `a.yaml` and `./a.yaml`, or matched by
/// two patterns) is kept once, so two workers never write the same outputs, and gets a
/// `W-FILE-REPEATED` warning (the second list).
pub fn expand(args: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut out: Vec<PathBuf> = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut repeated: Vec<Diagnostic> = Vec::new();
    let mut keep = |p: PathBuf, out: &mut Vec<PathBuf>| {
        if crate::load::first_time(&p, &mut seen) {
            out.push(p);
        } else {
            repeated.push(crate::load::repeated_file(&p));
        }
    };
    let mut problems = Vec::new();
    for arg in args {
        let text = arg.to_string_lossy();
        if !is_pattern(&text) || arg.exists() {
            keep(arg.clone(), &mut out);
            continue;
        }
        match glob::glob(&text) {
            Ok(paths) => {
                let mut found: Vec<PathBuf> = paths
                    .filter_map(Result::ok)
                    .filter(|p| p.is_file())
                    .collect();
                found.sort();
                if found.is_empty() {
                    problems.push(
                        Diagnostic::error("E-FILE-MISSING", format!("没有文件与“{text}”相符"))
                            .hint("请检查目录和通配符，例如 \"data/*.yaml\""),
                    );
                }
                for p in found {
                    keep(p, &mut out);
                }
            }
            Err(e) => problems.push(
                Diagnostic::error(
                    "E-FILE-PATTERN",
                    format!("通配符“{text}”写得不对（第 {} 个字符）", e.pos + 1),
                )
                .hint("* 代表任意多个字符，? 代表一个字符，[abc] 代表其中之一"),
            ),
        }
    }
    if problems.is_empty() {
        Ok((out, repeated))
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_patterns_expand_sorted_and_once() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        for name in ["b.yaml", "a.yaml", "c.txt"] {
            std::fs::write(dir.path().join(name), "x")?;
        }
        let pattern = dir.path().join("*.yaml");
        let a = dir.path().join("a.yaml");
        let (got, _) = expand(&[a.clone(), pattern]).map_err(|_| "expands")?;
        assert_eq!(got, vec![a, dir.path().join("b.yaml")]);
        let none = expand(&[dir.path().join("*.yml")])
            .err()
            .ok_or("no match is an error")?;
        assert!(
            none[0].message.starts_with("没有文件与“"),
            "{}",
            none[0].message
        );
        Ok(())
    }
}
