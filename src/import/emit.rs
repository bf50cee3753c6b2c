//! Writing the imported report: the narrative template (`NAME.md.tera`: headings without numbers,
//! text with `fig()` calls and `meta.year` references) and the indicator file (`NAME.yaml`: meta,
//! inline catalogue declarations, figures). Both are deterministic.

use super::figures::{FigureEntry, Segment, YearRef};
use crate::model::{DocDate, Period, ReportKind};
use std::fmt::Write;

/// Template text for a literal string: Markdown and Tera syntax escaped.
pub fn literal(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '{' => out.push_str("\\{{ \"{\" }}"),
            _ => out.push(c),
        }
    }
    if line_start {
        let first = out.chars().next();
        if matches!(first, Some('#' | '+' | '-' | '=')) {
            out.insert(0, '\\');
        }
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && out[digits..].starts_with(['.', ')']) {
            out.insert(digits, '\\');
        }
    }
    out
}

/// A run of segments as template text.
pub fn segments(segs: &[Segment], line_start: bool) -> String {
    let mut out = String::new();
    for (i, s) in segs.iter().enumerate() {
        match s {
            Segment::Text(t) => out.push_str(&literal(t, line_start && i == 0)),
            Segment::Year(r) => out.push_str(match r {
                YearRef::Previous => "{{ meta.prev_year }}",
                YearRef::Current => "{{ meta.year }}",
                YearRef::Next => "{{ meta.next_year }}",
            }),
            Segment::Figure(u) => {
                let _ = write!(out, "{{{{ fig(key=\"{}\"", u.key);
                if let Some(scale) = u.scale {
                    let _ = write!(out, ", scale=\"{scale}\"");
                }
                if let Some(dp) = u.dp {
                    let _ = write!(out, ", dp={dp}, trim=false");
                }
                if u.unit {
                    out.push_str(", unit=true");
                }
                if u.previous {
                    out.push_str(", previous=true");
                }
                out.push_str(") }}");
            }
        }
    }
    out
}

/// A YAML string scalar, double-quoted when plain style would change its meaning.
pub fn yaml_string(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.starts_with(|c: char| " -?:,[]{}#&*!|>'\"%@`~0123456789.+".contains(c))
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with([' ', ':'])
        && !s.contains(['\n', '\t', '"', '\\', '\''])
        && !matches!(
            s,
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        )
        && !s.contains(['，', ',', '[', ']', '{', '}']);
    if plain {
        s.to_string()
    } else {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                _ => out.push(c),
            }
        }
        out.push('"');
        out
    }
}

pub use super::declare::UnitDecl;

/// What goes into the indicator file.
pub struct FileParts<'a> {
    /// The input's file name (for the header comment).
    pub source_name: &'a str,
    /// `meta.agency`.
    pub agency: &'a str,
    /// `meta.period`.
    pub period: Period,
    /// `meta.date`.
    pub date: DocDate,
    /// `meta.report`.
    pub kind: ReportKind,
    /// `meta.template`.
    pub template_name: &'a str,
    /// Heading styles, written only when they differ from wengao's.
    pub numbering: Option<&'a [String; 4]>,
    /// The figures, matched and new.
    pub figures: &'a [FigureEntry],
    /// Units to declare: (name, class, base and factor for a scaled unit).
    pub units: &'a [UnitDecl],
    /// Relations to declare, as YAML flow mappings.
    pub relations: &'a [String],
    /// Comments for meta lines that were guessed: (field, comment).
    pub guessed: &'a [(&'static str, String)],
    /// The `disclosure:` part (a disclosure report's statutory tables).
    pub disclosure: Option<&'a str>,
}

fn kind_word(k: ReportKind) -> &'static str {
    match k {
        ReportKind::Annual => "annual",
        ReportKind::HalfYear => "half-year",
        ReportKind::Disclosure => "disclosure",
    }
}

/// The figure's kind: stocks are levels at a date (参保人数, 结余, rates), the rest flows.
fn stock_or_flow(name: &str, unit: &str) -> &'static str {
    let stock = unit.ends_with('%')
        || [
            "参保", "结余", "标准", "覆盖", "余额", "人口", "在岗", "现有", "共有",
        ]
        .iter()
        .any(|w| name.contains(w));
    if stock { "stock" } else { "flow" }
}

/// The indicator file's text.
pub fn indicator_file(p: &FileParts) -> String {
    let mut y = String::new();
    let _ = writeln!(
        y,
        "# 由 wengao import 从 {} 生成：指标取自原文，请逐项核对。",
        p.source_name
    );
    let _ = writeln!(
        y,
        "# 叙述模板：{}（wengao render 本文件即得到原文）",
        p.template_name
    );
    y.push_str("meta:\n");
    let comment = |field: &str| {
        p.guessed
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, c)| format!("  # {c}"))
            .unwrap_or_default()
    };
    let _ = writeln!(
        y,
        "  agency: {}{}",
        yaml_string(p.agency),
        comment("agency")
    );
    let _ = writeln!(y, "  period: {}{}", p.period, comment("period"));
    let _ = writeln!(
        y,
        "  date: {:04}-{:02}-{:02}{}",
        p.date.year,
        p.date.month,
        p.date.day,
        comment("date")
    );
    let _ = writeln!(y, "  report: {}{}", kind_word(p.kind), comment("report"));
    let _ = writeln!(y, "  template: {}", yaml_string(p.template_name));
    if let Some(n) = p.numbering {
        let styles: Vec<String> = n.iter().map(|s| format!("\"{s}\"")).collect();
        let _ = writeln!(
            y,
            "  numbering: [{}]   # 各级标题编号的写法（照原文）",
            styles.join(", ")
        );
    }
    let new: Vec<&FigureEntry> = p
        .figures
        .iter()
        .filter(|f| !f.matched && f.previous_of.is_none())
        .collect();
    if !new.is_empty() || !p.units.is_empty() || !p.relations.is_empty() {
        y.push_str("catalogue:   # 内置目录没有的指标、单位和原文写明的合计关系\n");
        if !p.units.is_empty() {
            y.push_str("  units:\n");
            for (name, class, scaled) in p.units {
                match scaled {
                    Some((base, factor)) => {
                        let _ = writeln!(
                            y,
                            "    - {{name: {}, class: {class}, base: {}, factor: {factor}}}",
                            yaml_string(name),
                            yaml_string(base)
                        );
                    }
                    None => {
                        let _ =
                            writeln!(y, "    - {{name: {}, class: {class}}}", yaml_string(name));
                    }
                }
            }
        }
        if !new.is_empty() {
            y.push_str("  figures:\n");
            for f in &new {
                let percent = f.unit.ends_with('%');
                let whole = super::declare::unit_for(&f.unit).is_some_and(|u| u.is_whole_count());
                let decimals = if whole && f.decimals == 0 {
                    0
                } else {
                    f.decimals.max(2)
                };
                let mut extra = String::new();
                if percent
                    && f.value
                        .is_some_and(|v| v > rust_decimal::Decimal::ONE_HUNDRED)
                {
                    extra.push_str(", min: 0");
                } else if f.value.is_some_and(|v| v.is_sign_negative()) {
                    extra.push_str(", min: -100");
                }
                let _ = writeln!(
                    y,
                    "    - {{key: {}, name: {}, unit: {}, kind: {}, decimals: {decimals}{extra}}}",
                    f.key,
                    yaml_string(&f.name),
                    yaml_string(&f.unit),
                    stock_or_flow(&f.name, &f.unit)
                );
            }
        }
        if !p.relations.is_empty() {
            y.push_str("  relations:\n");
            for r in p.relations {
                let _ = writeln!(y, "    - {r}");
            }
        }
    }
    y.push_str("figures:\n");
    for f in p.figures.iter().filter(|f| f.previous_of.is_none()) {
        let value = super::qualify::written(f.value, f.qualifier);
        let tag = if f.matched { "目录" } else { "新" };
        let _ = writeln!(
            y,
            "  {}: {value}   # {}（{tag}）原文第{}行：{}",
            f.key,
            f.name,
            f.line,
            f.snippet.replace(['\n', '#'], " ")
        );
    }
    if let Some(d) = p.disclosure {
        y.push_str(d);
    }
    let previous: Vec<&FigureEntry> = p
        .figures
        .iter()
        .filter(|f| f.previous_of.is_some())
        .collect();
    if !previous.is_empty() {
        y.push_str("previous:   # 上年同期的值（原文“从…提高到…”写明的）\n");
        for f in previous {
            let value = super::qualify::written(f.value, f.qualifier);
            let _ = writeln!(
                y,
                "  {}: {value}   # 原文第{}行：{}",
                f.previous_of.as_deref().unwrap_or_default(),
                f.line,
                f.snippet.replace(['\n', '#'], " ")
            );
        }
    }
    y
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_markdown_and_tera() {
        assert_eq!(literal("a*b_c{d}", false), "a\\*b\\_c\\{{ \"{\" }}d\\}");
        assert_eq!(literal("1.根据", true), "1\\.根据");
        assert_eq!(literal("1. 根据", true), "1\\. 根据");
        assert_eq!(literal("-2%", true), "\\-2%");
        assert_eq!(literal("#号", true), "\\#号");
    }

    #[test]
    fn yaml_strings() {
        assert_eq!(
            yaml_string("三门县医疗保障服务中心"),
            "三门县医疗保障服务中心"
        );
        assert_eq!(yaml_string("%"), "\"%\"");
        assert_eq!(yaml_string("a: b"), "\"a: b\"");
        assert_eq!(yaml_string("2.0平台"), "\"2.0平台\"");
    }
}
