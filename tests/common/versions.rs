//! Two versions of every sample in `data/` for the redline tests: the sample as `old.yaml`, and
//! `new.yaml` with figures changed and a sentence added and a paragraph removed in its
//! narrative.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use tempfile::TempDir;

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs wengao in `dir`: (exit code, stdout, stderr).
pub fn wengao(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_wengao"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs wengao");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The last digit of the last number in a YAML value changed (`311881` → `311882`, `99.87` →
/// `99.88`, `{a: 3, b: 12}` → `{a: 3, b: 13}`, `9` → `8`); `None` for a line without a number.
fn bump(line: &str) -> Option<String> {
    let (head, value) = line.split_once(": ")?;
    if head.trim_start().starts_with('#') {
        return None;
    }
    let v = value.split('#').next()?;
    let (i, c) = v.char_indices().rev().find(|(_, c)| c.is_ascii_digit())?;
    let d = c.to_digit(10)?;
    let nd = if d == 9 { 8 } else { d + 1 };
    let mut new = value.to_string();
    new.replace_range(i..i + 1, &nd.to_string());
    Some(format!("{head}: {new}"))
}

/// The sample as `old.yaml`, and `new.yaml` with figures changed (every third number under
/// `figures:`, at most five; in a disclosure report every second row of 表二, at most three)
/// and, in its own narrative template, a sentence added and a prose paragraph removed (without
/// a template of its own, the title changed).
pub fn workspace(sample: &str) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = root().join("data");
    let yaml = std::fs::read_to_string(data.join(format!("{sample}.yaml"))).expect("sample");
    let mut new = Vec::new();
    let (mut section, mut table) = (String::new(), String::new());
    let (mut seen, mut changed) = (0, 0);
    for line in yaml.lines() {
        if !line.starts_with(' ') && line.ends_with(':') {
            section = line.trim_end_matches(':').to_string();
        } else if line.starts_with("  ") && !line.starts_with("   ") {
            table = line
                .trim()
                .split(':')
                .next()
                .unwrap_or_default()
                .to_string();
        }
        let (eligible, step, most) = match section.as_str() {
            "figures" => (true, 3, 5),
            "disclosure" => (table == "zhudong" || table == "表二", 2, 3),
            _ => (false, 1, 0),
        };
        let mut out = line.to_string();
        if eligible
            && changed < most
            && let Some(b) = bump(line)
        {
            seen += 1;
            if seen % step == 0 {
                out = b;
                changed += 1;
            }
        }
        new.push(out);
    }
    let mut new = new.join("\n") + "\n";
    let template = format!("{sample}.md.tera");
    if data.join(&template).exists() {
        std::fs::copy(data.join(&template), dir.path().join(&template)).expect("template");
        let text = std::fs::read_to_string(data.join(&template)).expect("template");
        let mut edited: Vec<String> = Vec::new();
        let (mut added, mut removed, mut comment) = (false, false, false);
        for line in text.lines() {
            comment |= line.contains("{#");
            let prose = !comment
                && line.contains('。')
                && !line.trim_start().starts_with(['{', '#', '|', '-']);
            if line.contains("#}") {
                comment = false;
            }
            if prose && !added {
                edited.push(line.replacen('。', "。这是新版加上的一句话。", 1));
                added = true;
            } else if prose && added && !removed && !line.contains("{{") {
                removed = true;
            } else {
                edited.push(line.to_string());
            }
        }
        assert!(added, "{sample}: no prose line in the template");
        std::fs::write(dir.path().join("new.md.tera"), edited.join("\n") + "\n").expect("new");
        new = new.replacen(&format!("template: {template}"), "template: new.md.tera", 1);
    } else {
        new = new.replacen("  agency:", "  title: 新版标题（改过的一句）\n  agency:", 1);
    }
    assert_ne!(new, yaml, "{sample}: nothing changed");
    assert!(changed > 0, "{sample}: no figure changed");
    std::fs::write(dir.path().join("old.yaml"), &yaml).expect("old");
    std::fs::write(dir.path().join("new.yaml"), &new).expect("new");
    dir
}

/// The samples: every indicator file in `data/`.
pub fn samples() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(root().join("data"))
        .expect("data")
        .flatten()
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.strip_suffix(".yaml").map(str::to_string)
        })
        .collect();
    out.sort();
    out
}
