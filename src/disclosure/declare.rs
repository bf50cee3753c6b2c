//! Reading a report's format extension (`disclosure.extend`, inline or in its own file): every
//! declared row, column and label resolved against the format, tried in order, and reported at
//! its place when it does not fit (`E-DISCLOSURE-EXTEND`).
//!
//! Tables, neighbours and sections may be named as anywhere else (id, printed label, alias).
//! A declaration that fails is dropped, so the cells written under it are reported as unknown
//! names like any other; the ones that fit make the report's [`FormatExtension`].

use super::extend;
use super::format::{self, Format, Layout, TableDef};
use super::input::{
    DisclosureInput, ExtendInput, ExtendSpec, ExtraColumnInput, ExtraRowInput, RelabelInput, place,
};
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{
    CellKind, ExtraColumn, ExtraRow, FormatExtension, FormatId, Placement, Relabel,
};
use crate::yaml::{Spanned, Text};
use std::path::Path;

/// How to declare a row, for hints.
pub(super) const HOW: &str = "省里增加的行、列在 disclosure 下用 extend 声明，例如 extend: {rows: [{table: 表二, label: 其他主动公开文件, after: 规范性文件}]}，见 README“省里增加的行和列”";

/// The extension `input` declares for `base` (format `id`) and the format with it applied;
/// problems go to `diags`. `file` is the indicator file (extension files are relative to it).
pub(super) fn read(
    input: &DisclosureInput,
    base: &Format,
    id: FormatId,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) -> (FormatExtension, Format) {
    let mut ext = FormatExtension::default();
    let mut working = base.clone();
    let Some((_, value)) = &input.extend else {
        return (ext, working);
    };
    let (spec, spec_file) = match &value.value {
        ExtendInput::Inline(spec) => (spec.clone(), file.to_string()),
        ExtendInput::File(path) => match read_file(path, file, value, diags) {
            Some(x) => x,
            None => return (ext, working),
        },
    };
    let f = spec_file.as_str();
    if let Some(written) = &spec.format {
        let w = written.value.0.trim();
        if !w.is_empty() && w != id.as_str() {
            diags.push(
                Diagnostic::error(
                    "E-DISCLOSURE-EXTEND",
                    format!("扩展是为 {w} 年格式写的，本报告用的是{}", base.describe()),
                )
                .at_opt(place(f, written))
                .hint("换用为本格式写的扩展，或删去 extend"),
            );
            return (ext, working);
        }
    }
    for row in &spec.rows {
        match extra_row(&row.value, &working, f) {
            Ok(r) => match extend::add_row(&mut working, &r) {
                Ok(()) => ext.rows.push(r),
                Err(m) => diags.push(failure(m, place(f, row))),
            },
            Err(d) => diags.push(d),
        }
    }
    for col in &spec.columns {
        match extra_column(&col.value, &working, f) {
            Ok(c) => match extend::add_column(&mut working, &c) {
                Ok(()) => ext.columns.push(c),
                Err(m) => diags.push(failure(m, place(f, col))),
            },
            Err(d) => diags.push(d),
        }
    }
    for label in &spec.labels {
        match relabel(&label.value, &working, f) {
            Ok(l) => match extend::relabel(&mut working, &l) {
                Ok(()) => ext.labels.push(l),
                Err(m) => diags.push(failure(m, place(f, label))),
            },
            Err(d) => diags.push(d),
        }
    }
    (ext, working)
}

/// Reads an extension file named relative to `file`.
fn read_file(
    path: &str,
    file: &str,
    value: &Spanned<ExtendInput>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(ExtendSpec, String)> {
    let full = match Path::new(file).parent() {
        Some(dir) if Path::new(path).is_relative() => dir.join(path),
        _ => Path::new(path).to_path_buf(),
    };
    let (source, warnings) = match crate::source::read(&full) {
        Ok(x) => x,
        Err(d) => {
            diags.push(
                Diagnostic::error(
                    "E-DISCLOSURE-EXTEND",
                    format!("读不了扩展文件“{}”：{}", full.display(), d.message),
                )
                .at_opt(place(file, value))
                .hint("extend 写扩展文件的路径（相对于指标文件），或直接写 rows、columns、labels"),
            );
            return None;
        }
    };
    diags.extend(warnings);
    match crate::yaml::parse::<ExtendSpec>(&source) {
        Ok(spec) => Some((spec, source.name)),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// `E-DISCLOSURE-EXTEND` for a declaration that does not fit.
fn failure(message: String, at: Option<Location>) -> Diagnostic {
    Diagnostic::error("E-DISCLOSURE-EXTEND", format!("扩展声明不成立：{message}"))
        .at_opt(at)
        .hint("检查表名、放在哪一行（列）之后（after）或之前（before），名字不能与已有的行、列重复")
}

/// The text of an optional field, trimmed; `None` when absent or empty.
fn text(v: &Option<Spanned<Text>>) -> Option<&str> {
    v.as_ref()
        .map(|t| t.value.0.trim())
        .filter(|t| !t.is_empty())
}

/// The table a declaration names.
fn table<'f>(name: &Spanned<Text>, f: &'f Format, file: &str) -> Result<&'f TableDef, Diagnostic> {
    format::find(&f.tables, name.value.0.trim())
        .map(|(_, t)| t)
        .ok_or_else(|| {
            failure(
                format!("没有名为“{}”的表", name.value.0.trim()),
                place(file, name),
            )
        })
}

/// `in_totals`: true unless written false (`false`, `否`, `no`).
fn in_totals(v: &Option<Spanned<Text>>) -> bool {
    !matches!(text(v), Some("false" | "否" | "no" | "不计入"))
}

/// Where a declaration goes: exactly one of `after` and `before`, resolved to an id by
/// `resolve`.
fn placement(
    after: &Option<Spanned<Text>>,
    before: &Option<Spanned<Text>>,
    at: Option<Location>,
    what: &str,
    resolve: impl Fn(&str) -> Option<String>,
) -> Result<Placement, Diagnostic> {
    let (word, make): (&Spanned<Text>, fn(String) -> Placement) = match (after, before) {
        (Some(a), None) => (a, Placement::After),
        (None, Some(b)) => (b, Placement::Before),
        _ => {
            return Err(failure(
                format!("要写明放在哪一{what}之后（after）或之前（before），只写一个"),
                at,
            ));
        }
    };
    let name = word.value.0.trim();
    resolve(name)
        .map(make)
        .ok_or_else(|| failure(format!("没有名为“{name}”的{what}"), at))
}

/// A declared row, resolved against `f`.
fn extra_row(r: &ExtraRowInput, f: &Format, file: &str) -> Result<ExtraRow, Diagnostic> {
    let t = table(&r.table, f, file)?;
    let at = place(file, &r.label);
    let label = r.label.value.0.trim().to_string();
    if label.is_empty() {
        return Err(failure("label 不能为空".into(), at));
    }
    let place = placement(&r.after, &r.before, at, "行", |n| {
        t.find_row(n).map(|(_, row)| row.id.clone())
    })?;
    Ok(ExtraRow {
        table: t.id.clone(),
        id: text(&r.id).map_or_else(|| label.clone(), str::to_string),
        label,
        place,
        in_totals: in_totals(&r.in_totals),
    })
}

/// A declared column, resolved against `f`.
fn extra_column(c: &ExtraColumnInput, f: &Format, file: &str) -> Result<ExtraColumn, Diagnostic> {
    let t = table(&c.table, f, file)?;
    let at = place(file, &c.label);
    let label = c.label.value.0.trim().to_string();
    if label.is_empty() {
        return Err(failure("label 不能为空".into(), at));
    }
    let section = match (t.layout, text(&c.section)) {
        (Layout::Sections, Some(s)) => Some(
            find_section(t, s)
                .ok_or_else(|| failure(format!("{}没有“{s}”这一项", t.name()), at.clone()))?,
        ),
        (Layout::Sections, None) => {
            return Err(failure(
                format!("{}增加的列要写明放在哪一项，例如 section: （九）", t.name()),
                at,
            ));
        }
        _ => None,
    };
    let kind = match text(&c.kind) {
        None | Some("count" | "件数") => CellKind::Count,
        Some("change" | "增减") => CellKind::Change,
        Some("amount" | "金额") => CellKind::Amount,
        Some(k) => {
            return Err(failure(
                format!("kind 写的“{k}”不认识（可写 count、change、amount）"),
                at,
            ));
        }
    };
    let columns = match section {
        Some(si) => t
            .rows
            .iter()
            .find(|r| r.section == Some(si))
            .map(|r| r.columns.as_slice())
            .unwrap_or_default(),
        None => t.columns(),
    };
    let place = placement(&c.after, &c.before, at, "列", |n| {
        format::find(columns, n).map(|(_, col)| col.id.clone())
    })?;
    Ok(ExtraColumn {
        table: t.id.clone(),
        section,
        id: text(&c.id).map_or_else(|| label.clone(), str::to_string),
        label,
        kind,
        unit: text(&c.unit).map(str::to_string),
        place,
        in_totals: in_totals(&c.in_totals),
    })
}

/// The index of the section of 表二 named `name`: its title (第二十条第（九）项), its item
/// number (（九）, 九) or its position (1–5).
fn find_section(t: &TableDef, name: &str) -> Option<usize> {
    let n = format::normalise(name);
    let bare = n.trim_start_matches('(').trim_end_matches(')');
    if let Ok(i) = bare.parse::<usize>() {
        return (1..=t.sections.len()).contains(&i).then(|| i - 1);
    }
    t.sections.iter().position(|s| {
        let title = format::normalise(&s.title);
        title == n || (!bare.is_empty() && title.contains(&format!("({bare})")))
    })
}

/// A changed label, resolved against `f`.
fn relabel(l: &RelabelInput, f: &Format, file: &str) -> Result<Relabel, Diagnostic> {
    let t = table(&l.table, f, file)?;
    let at = place(file, &l.label);
    let label = l.label.value.0.trim().to_string();
    let (id, column) = match (text(&l.row), text(&l.column)) {
        (Some(r), None) => (
            t.find_row(r)
                .map(|(_, row)| row.id.clone())
                .ok_or_else(|| failure(format!("{}没有名为“{r}”的行", t.name()), at.clone()))?,
            false,
        ),
        (None, Some(c)) => {
            let all = t.rows.iter().flat_map(|r| r.columns.iter());
            let id = all
                .into_iter()
                .find(|col| format::find(std::slice::from_ref(*col), c).is_some())
                .map(|col| col.id.clone())
                .ok_or_else(|| failure(format!("{}没有名为“{c}”的列", t.name()), at.clone()))?;
            (id, true)
        }
        _ => {
            return Err(failure(
                "要写明改哪一行（row）或哪一列（column），只写一个".into(),
                at,
            ));
        }
    };
    if label.is_empty() {
        return Err(failure("label 不能为空".into(), at));
    }
    Ok(Relabel {
        table: t.id.clone(),
        id,
        column,
        label,
    })
}
