//! `wengao next FILE -o NEWFILE`: the indicator file of the next period. The period moves on
//! (2020 → 2021; 2025-H1 → 2025-H2 → 2026-H1), this period's figures become `previous:` (so 同比
//! is there for every figure), every figure and the date become pending (`XX`, qualifiers kept:
//! `约XX`), the template stays the same (its years follow `meta.year`), and comments and the
//! inline `catalogue:` are kept: the file is rewritten line by line, not regenerated.
//!
//! A half year compares with the same half of the year before, which the file does not hold:
//! H1 → H2 leaves `previous:` to fill (or to point at last year's H2 file with
//! `previous_file:`) and records the H1 file in a comment, so that H2 → next H1 takes that H1
//! file's figures as `previous:`.

use crate::diagnostic::{Diagnostic, Location};
use crate::model::Period;
use crate::sandbox::Named;
use std::path::{Component, Path, PathBuf};

/// What `next` wrote.
#[derive(Debug, Clone)]
pub struct Next {
    /// The period of the new file.
    pub period: Period,
    /// The period of the file it came from.
    pub from: Period,
    /// The new file's text.
    pub text: String,
    /// Figures made pending.
    pub pending: usize,
    /// Figures written as `previous:`.
    pub previous: usize,
    /// Where `previous:` came from, or why it is empty.
    pub previous_note: String,
    /// The disclosure tables were emptied for a new statutory format.
    pub new_format: bool,
    /// Files the new one names that lay outside its folder, copied beside it.
    pub copies: Vec<Copied>,
}

/// A template or catalogue `next` copies beside the new file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    /// Which field of `meta` names it.
    pub field: Named,
    /// The path as the old file writes it (relative to the old file's folder).
    pub written: String,
    /// Where it is (the old file's folder joined with `written`).
    pub from: PathBuf,
    /// Where the copy goes.
    pub to: PathBuf,
}

/// The comment that records a half-year file's H1 source.
const H1_MARK: &str = "# wengao next 同年上半年：";

/// The period after `p`.
pub fn next_period(p: Period) -> Period {
    match p {
        Period::Year(y) => Period::Year(y + 1),
        Period::FirstHalf(y) => Period::SecondHalf(y),
        Period::SecondHalf(y) => Period::FirstHalf(y + 1),
    }
}

/// A top-level part of an indicator file: its key (`meta`, `figures` …; empty for the lines
/// before the first key) and its lines, the key's own line first.
struct Part<'a> {
    key: &'a str,
    lines: Vec<&'a str>,
}

fn parts(text: &str) -> Vec<Part<'_>> {
    let mut out = vec![Part {
        key: "",
        lines: Vec::new(),
    }];
    for line in text.lines() {
        let top = !line.starts_with([' ', '\t', '#']) && !line.trim().is_empty();
        match line.split_once(':').filter(|_| top) {
            Some((key, _)) => out.push(Part {
                key: key.trim(),
                lines: vec![line],
            }),
            None => {
                if let Some(p) = out.last_mut() {
                    p.lines.push(line);
                }
            }
        }
    }
    out
}

/// A `  key: value  # comment` line split into (indent, key, value, comment); the value
/// unquoted is what lies before a ` #` outside quotes.
fn entry(line: &str) -> Option<(&str, &str, &str, &str)> {
    let body = line.trim_start();
    if body.starts_with('#') || body.is_empty() {
        return None;
    }
    let indent = &line[..line.len() - body.len()];
    let (key, rest) = body.split_once(':')?;
    let rest_trim = rest.trim_start();
    let value_start = line.len() - rest_trim.len();
    let quote = rest_trim.chars().next().filter(|c| *c == '"' || *c == '\'');
    let value_end = match quote {
        Some(q) => rest_trim[1..]
            .find(q)
            .map_or(line.len(), |i| value_start + 1 + i + 1),
        None => rest_trim.find(" #").map_or(line.len(), |i| {
            value_start + rest_trim[..i].trim_end().len()
        }),
    };
    Some((
        indent,
        key.trim(),
        line[value_start..value_end].trim_end(),
        &line[value_end..],
    ))
}

/// A figure value made pending, its qualifier kept (`约12484.52` → `约XX`, `10余` → `XX余`).
fn pending(value: &str) -> String {
    let v = value.trim_matches(['"', '\'']);
    for q in ["约", "近", "超", "逾"] {
        if v.starts_with(q) {
            return format!("{q}XX");
        }
    }
    for q in ["余", "多", "以上", "左右", "上下"] {
        if v.ends_with(q) {
            return format!("XX{q}");
        }
    }
    "XX".to_string()
}

fn is_pending(value: &str) -> bool {
    let v = value.trim_matches(['"', '\'']).trim();
    v.is_empty()
        || v == "~"
        || v.chars().all(|c| matches!(c, 'X' | 'x' | 'Ｘ'))
        || (v.len() >= 2 && v.chars().all(|c| c == '*'))
}

/// `path` (relative to `from_dir`) as seen from `to_dir`.
fn relocate(path: &str, from_dir: &Path, to_dir: &Path) -> String {
    let p = Path::new(path);
    if p.is_absolute() {
        return path.to_string();
    }
    let abs = |d: &Path| {
        std::path::absolute(d)
            .unwrap_or_else(|_| d.to_path_buf())
            .components()
            .filter(|c| !matches!(c, Component::CurDir))
            .collect::<PathBuf>()
    };
    let (from, to) = (abs(&from_dir.join(p)), abs(to_dir));
    let (a, b): (Vec<Component>, Vec<Component>) =
        (from.components().collect(), to.components().collect());
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return from.display().to_string();
    }
    let mut rel = PathBuf::new();
    for _ in common..b.len() {
        rel.push("..");
    }
    for c in &a[common..] {
        rel.push(c.as_os_str());
    }
    rel.to_string_lossy().replace('\\', "/")
}

/// The lines of `figures:` written as `previous:` (pending ones left out).
fn as_previous(figures: &Part) -> (Vec<String>, usize) {
    let mut out = Vec::new();
    let mut n = 0;
    for line in figures.lines.iter().skip(1) {
        match entry(line) {
            Some((_, _, value, _)) if is_pending(value) => {}
            Some(_) => {
                out.push((*line).to_string());
                n += 1;
            }
            None if line.trim_start().starts_with('#') => out.push((*line).to_string()),
            None => {}
        }
    }
    (out, n)
}

/// The file after `text` (read from `path`, of period `from`), to be written at `new_path`.
pub fn next(text: &str, path: &Path, from: Period, new_path: &Path) -> Next {
    let period = next_period(from);
    let from_dir = path.parent().unwrap_or(Path::new(""));
    let to_dir = new_path.parent().unwrap_or(Path::new(""));
    let all = parts(text);
    let figures = all.iter().find(|p| p.key == "figures");
    let mut out: Vec<String> = Vec::new();
    let mut pending_count = 0;
    let (mut previous_lines, mut previous_count) = (Vec::new(), 0);
    let mut previous_note = format!("{from} 的数字");
    let mut h1_source: Option<String> = None;
    match (from, period) {
        (Period::FirstHalf(_), _) => {
            previous_note = format!(
                "空：上年同期（{}）的数字不在 {}，请填写，或写 previous_file: 指向上年下半年的指标文件",
                match period {
                    Period::SecondHalf(y) => format!("{}-H2", y - 1),
                    p => p.to_string(),
                },
                path.display()
            );
            h1_source = Some(relocate(
                &path
                    .file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().into_owned()),
                from_dir,
                to_dir,
            ));
        }
        (Period::SecondHalf(_), _) => {
            // The H1 this file came from is last year's H1 for the next H1.
            let h1 = text
                .lines()
                .find_map(|l| l.strip_prefix(H1_MARK))
                .map(|p| from_dir.join(p.trim()));
            let h1_text = h1.as_ref().and_then(|p| std::fs::read_to_string(p).ok());
            match (h1, h1_text) {
                (Some(p), Some(t)) => {
                    let h1_parts = parts(&t);
                    if let Some(f) = h1_parts.iter().find(|p| p.key == "figures") {
                        (previous_lines, previous_count) = as_previous(f);
                    }
                    previous_note = format!("{} 的数字（上年上半年）", p.display());
                }
                _ => {
                    previous_note = format!(
                        "空：上年同期（{}）的数字不在 {}，请填写，或写 previous_file: 指向上年上半年的指标文件",
                        period,
                        path.display()
                    );
                }
            }
        }
        (Period::Year(_), _) => {
            if let Some(f) = figures {
                (previous_lines, previous_count) = as_previous(f);
            }
        }
    }
    out.push(format!(
        "# 由 wengao next 从 {} 生成（{from} → {period}）：数字待填（XX），previous 为{}。",
        path.display(),
        if previous_count > 0 {
            "上期数字"
        } else {
            "空"
        }
    ));
    if let Some(h1) = &h1_source {
        out.push(format!("{H1_MARK}{h1}"));
    }
    let mut new_format = false;
    let mut wrote_previous = false;
    let mut copies = Vec::new();
    for part in &all {
        match part.key {
            "" => out.extend(
                part.lines
                    .iter()
                    .filter(|l| !l.starts_with(H1_MARK))
                    .map(|l| l.to_string()),
            ),
            "meta" => {
                let (lines, more) = meta(part, period, from_dir, to_dir);
                out.extend(lines);
                copies.extend(more);
            }
            "figures" => {
                out.push(part.lines[0].to_string());
                for line in &part.lines[1..] {
                    match entry(line) {
                        Some((indent, key, value, comment)) if !value.is_empty() => {
                            pending_count += 1;
                            out.push(format!("{indent}{key}: {}{comment}", pending(value)));
                        }
                        _ => out.push((*line).to_string()),
                    }
                }
            }
            "previous" | "previous_file" => {
                if !wrote_previous {
                    out.extend(previous_part(&previous_lines, &previous_note));
                    wrote_previous = true;
                }
            }
            "disclosure" => {
                let (lines, emptied) = disclosure(part, period);
                new_format = emptied;
                out.extend(lines);
            }
            _ => out.extend(part.lines.iter().map(|l| l.to_string())),
        }
    }
    if !wrote_previous {
        out.extend(previous_part(&previous_lines, &previous_note));
    }
    let mut text = out.join("\n");
    text.push('\n');
    Next {
        period,
        from,
        text,
        pending: pending_count,
        previous: previous_count,
        previous_note,
        new_format,
        copies,
    }
}

fn previous_part(lines: &[String], note: &str) -> Vec<String> {
    let mut out = vec![format!("previous:   # {note}")];
    if lines.is_empty() {
        out[0] = format!("previous: {{}}   # {note}");
    }
    out.extend(lines.iter().cloned());
    out
}

/// `meta:` with the new period, the date pending, paths seen from the new file's folder; a
/// template or catalogue that would then lie outside the new folder (which wengao does not read:
/// `E-PATH-OUTSIDE`) is copied beside the new file instead.
fn meta(part: &Part, period: Period, from_dir: &Path, to_dir: &Path) -> (Vec<String>, Vec<Copied>) {
    let mut copies = Vec::new();
    let mut out = vec![part.lines[0].to_string()];
    for line in &part.lines[1..] {
        let Some((indent, key, value, comment)) = entry(line) else {
            out.push((*line).to_string());
            continue;
        };
        let unquoted = value.trim_matches(['"', '\'']);
        let new = match key {
            "period" => format!("{indent}period: {period}"),
            "date" => format!("{indent}date: XX   # 成文日期待填"),
            "template" | "catalogue" if from_dir != to_dir => {
                let relocated = relocate(unquoted, from_dir, to_dir);
                let outside = Path::new(&relocated).is_absolute()
                    || Path::new(&relocated)
                        .components()
                        .any(|c| matches!(c, Component::ParentDir));
                let written = match Path::new(unquoted).file_name() {
                    Some(name) if outside => {
                        copies.push(Copied {
                            field: if key == "template" {
                                Named::Template
                            } else {
                                Named::Catalogue
                            },
                            written: unquoted.to_string(),
                            from: from_dir.join(unquoted),
                            to: to_dir.join(name),
                        });
                        name.to_string_lossy().into_owned()
                    }
                    _ => relocated,
                };
                format!(
                    "{indent}{key}: {}{comment}",
                    super::emit::yaml_string(&written)
                )
            }
            _ => (*line).to_string(),
        };
        out.push(new);
    }
    (out, copies)
}

/// `disclosure:` with every written cell pending, blank cells left blank; emptied (with a note)
/// when the new year needs the other statutory format.
fn disclosure(part: &Part, period: Period) -> (Vec<String>, bool) {
    let year = period.year();
    let written_format = part.lines.iter().find_map(|l| {
        entry(l)
            .filter(|(_, k, _, _)| *k == "format")
            .map(|(_, _, v, _)| v.trim_matches(['"', '\'']).to_string())
    });
    let old_2019 = match written_format.as_deref() {
        Some("2019") => true,
        Some(_) => false,
        None => year - 1 <= 2020,
    };
    if old_2019 && year >= 2021 {
        return (
            vec![
                "disclosure:".to_string(),
                "  format: 2021   # 上一年的表是 2019 年格式；2021 年度起用新格式，请按新格式填写三张表"
                    .to_string(),
            ],
            true,
        );
    }
    let mut out = vec![part.lines[0].to_string()];
    for line in &part.lines[1..] {
        match entry(line) {
            Some((_, "format" | "blank", _, _)) | None => out.push((*line).to_string()),
            Some((indent, key, value, _)) if value.starts_with('{') => {
                out.push(format!("{indent}{key}: {}", flow_pending(value)));
            }
            Some((indent, key, value, _)) if !value.is_empty() => {
                out.push(format!("{indent}{key}: XX"));
            }
            Some(_) => out.push((*line).to_string()),
        }
    }
    (out, false)
}

/// `{a: 0, b: , c: 增1}` → `{a: XX, b: , c: XX}`.
fn flow_pending(value: &str) -> String {
    let inner = value.trim().trim_start_matches('{').trim_end_matches('}');
    let cells: Vec<String> = inner
        .split(',')
        .map(|cell| match cell.split_once(':') {
            Some((k, v)) if !v.trim().is_empty() => format!("{}: XX", k.trim()),
            Some((k, _)) => format!("{}: ", k.trim()),
            None => cell.trim().to_string(),
        })
        .collect();
    format!("{{{}}}", cells.join(", "))
}

/// The error of a next file that would overwrite its input.
pub fn same_file(path: &Path) -> Diagnostic {
    Diagnostic::error(
        "E-NEXT-SAME",
        format!("新文件与原文件相同（{}），没有写入", path.display()),
    )
    .at(Location::new(path.display().to_string(), 0, 0))
    .hint("用 -o 给新期间的文件另起一个名字，例如 -o 2021/2021年工作总结.yaml")
}

/// The outcome of `wengao next`.
#[derive(Debug, Default)]
pub struct NextRun {
    /// What was written (`None` when nothing was).
    pub next: Option<Next>,
    /// Problems reading the file or writing the new one; then the new file's check (every
    /// figure still to fill).
    pub diagnostics: Vec<Diagnostic>,
    /// 0 written, 2 nothing written.
    pub exit_code: u8,
}

/// `wengao next FILE -o NEWFILE`: reads `path`, writes the next period's file at `new_path`
/// (never over an existing file without `force`, never over `path`), then checks it.
pub fn run(path: &Path, new_path: &Path, force: bool) -> NextRun {
    let mut run = NextRun {
        exit_code: 2,
        ..NextRun::default()
    };
    let loaded = crate::load::load_files(&[path.to_path_buf()], &[]);
    let meta = loaded.files.first().and_then(|f| f.meta.as_ref());
    let from = meta.map(|m| m.period);
    // meta.template as written: relative to the file's folder.
    let template = meta
        .and_then(|m| m.template.as_deref())
        .map(|t| path.parent().unwrap_or(Path::new("")).join(t));
    let Some(from) = from else {
        run.diagnostics.extend(
            loaded
                .diagnostics
                .items
                .into_iter()
                .filter(Diagnostic::is_error),
        );
        run.diagnostics.push(
            Diagnostic::error(
                "E-NEXT-INPUT",
                format!("{} 读不出期间，无法生成下一期的文件", path.display()),
            )
            .at(Location::new(path.display().to_string(), 0, 0))
            .hint("先用 wengao check 修好上面的问题（meta.period 等）"),
        );
        return run;
    };
    let same = |a: &Path| match (std::fs::canonicalize(a), std::fs::canonicalize(new_path)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == new_path,
    };
    if same(path) {
        run.diagnostics.push(same_file(new_path));
        return run;
    }
    // The template is shared by both periods: the new file must not replace it either.
    if let Some(t) = template.as_deref().filter(|t| same(t)) {
        run.diagnostics.push(
            Diagnostic::error(
                "E-NEXT-SAME",
                format!("新文件就是两期共用的叙述模板（{}），没有写入", t.display()),
            )
            .at(Location::new(new_path.display().to_string(), 0, 0))
            .hint("用 -o 给新期间的指标文件另起一个名字，例如 -o 2021/2021年工作总结.yaml"),
        );
        return run;
    }
    if new_path.exists() && !force {
        run.diagnostics.push(
            Diagnostic::error(
                "E-OUTPUT-EXISTS",
                format!("{} 已存在，没有覆盖", new_path.display()),
            )
            .at(Location::new(new_path.display().to_string(), 0, 0))
            .hint("换一个文件名（-o），或加 --force 覆盖"),
        );
        return run;
    }
    let text = match crate::source::read(path) {
        Ok((source, _)) => source.text,
        Err(d) => {
            run.diagnostics.push(d);
            return run;
        }
    };
    let next = next(&text, path, from, new_path);
    if let Some(dir) = new_path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        run.diagnostics.push(
            Diagnostic::error("E-WRITE", format!("无法创建目录 {}：{e}", dir.display()))
                .at(Location::new(dir.display().to_string(), 0, 0))
                .hint("请检查输出目录的路径和权限"),
        );
        return run;
    }
    // One output, still through an output set: staged beside the target, then renamed in.
    let mut set = crate::write::OutputSet::new();
    let staged = set.stage(new_path, next.text.as_bytes()).and_then(|()| {
        for copied in &next.copies {
            stage_copy(&mut set, path, copied, force)?;
        }
        set.commit()
    });
    if let Err(d) = staged {
        run.diagnostics.push(d);
        return run;
    }
    let checked = crate::validate::check_files(
        &[new_path.to_path_buf()],
        &crate::validate::CheckOptions::default(),
    );
    run.diagnostics.extend(checked.diagnostics.items);
    run.next = Some(next);
    run.exit_code = 0;
    run
}

/// Stages the copy of `copied` (named by the indicator file `old`) in `set`: read through the
/// sandbox with the old file's rules (so `next` never copies a file wengao would not read, such
/// as `/etc/passwd`); nothing when the target already holds the same bytes; an error when it
/// holds others (unless `force`).
fn stage_copy(
    set: &mut crate::write::OutputSet,
    old: &Path,
    copied: &Copied,
    force: bool,
) -> Result<(), Diagnostic> {
    let at = Location::new(old.display().to_string(), 0, 0);
    let roots = crate::sandbox::Roots::of_file(old);
    let bytes = crate::sandbox::open(&copied.written, copied.field, &at, &roots)?.bytes;
    let to = copied.to.as_path();
    match std::fs::read(to) {
        Ok(existing) if existing == bytes => Ok(()),
        Ok(_) if !force => Err(Diagnostic::error(
            "E-OUTPUT-EXISTS",
            format!("{} 已存在且内容不同，没有覆盖", to.display()),
        )
        .at(Location::new(to.display().to_string(), 0, 0))
        .hint("换一个输出目录（-o），或加 --force 用上一期的文件覆盖它")),
        _ => set.stage(to, &bytes),
    }
}

#[cfg(test)]
#[path = "next_tests.rs"]
mod tests;
