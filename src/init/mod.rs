//! `wengao init`: a ready workspace for one report — an indicator file holding every figure the
//! shipped template uses (pending as `XX`, each with its 中文名 and unit), a narrative template
//! that extends the shipped one with its blocks listed, the JSON Schema for the editor, and a
//! README.txt in Chinese saying what to do next.
//!
//! The figure list is read from the shipped templates ([`template_figures`]), not kept by hand;
//! for the disclosure report the three statutory tables come from the format definition.

pub mod template_figures;

use crate::catalogue::Catalogue;
use crate::diagnostic::Diagnostic;
use crate::disclosure::format::formats;
use crate::model::FormatId;
use crate::model::{DocDate, Period, ReportKind};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The indicator file `init` writes.
pub const INDICATOR_FILE: &str = "report.yaml";
/// The narrative template `init` writes.
pub const TEMPLATE_FILE: &str = "report.md.tera";
/// The instructions `init` writes.
pub const README_FILE: &str = "README.txt";

/// The files of a new workspace: (file name, contents), in the order they are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    /// (file name, contents).
    pub files: Vec<(String, String)>,
}

/// The period a report written on `today` most likely covers: the last one that has ended.
pub fn period_for(kind: ReportKind, today: DocDate) -> Period {
    match kind {
        ReportKind::Annual | ReportKind::Disclosure => Period::Year(today.year - 1),
        ReportKind::HalfYear if today.month >= 7 => Period::FirstHalf(today.year),
        ReportKind::HalfYear => Period::SecondHalf(today.year - 1),
    }
}

/// Today's date (UTC) from the system clock.
pub fn today() -> DocDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    DocDate::new(
        i32::try_from(year).unwrap_or(2026),
        u32::try_from(month).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
    .unwrap_or(DocDate {
        year: 2026,
        month: 1,
        day: 1,
    })
}

/// The shipped template a report of `kind` on `period` uses.
pub fn shipped_template(kind: ReportKind, period: Period) -> String {
    match kind {
        ReportKind::Annual => "annual.md.tera".to_string(),
        ReportKind::HalfYear => "half-year.md.tera".to_string(),
        ReportKind::Disclosure => format!(
            "disclosure-{}.md.tera",
            FormatId::for_year(period.year()).as_str()
        ),
    }
}

/// The files of a workspace for a report of `kind` written on `today`.
pub fn workspace(kind: ReportKind, today: DocDate, catalogue: &Catalogue) -> Workspace {
    let period = period_for(kind, today);
    let main = shipped_template(kind, period);
    let scan = template_figures::scan(&main, catalogue);
    let files = vec![
        (
            INDICATOR_FILE.to_string(),
            indicator_file(kind, period, today, &scan, catalogue),
        ),
        (TEMPLATE_FILE.to_string(), narrative_template(&main, &scan)),
        (
            crate::schema::FILE_NAME.to_string(),
            crate::schema::schema_text(catalogue),
        ),
        (README_FILE.to_string(), readme(kind)),
    ];
    Workspace { files }
}

/// Writes the workspace into `dir` (created if missing). Refuses, before writing anything, when
/// any of its files already exists there. Returns the paths written.
pub fn write(dir: &Path, workspace: &Workspace) -> Result<Vec<PathBuf>, Diagnostic> {
    let existing: Vec<String> = workspace
        .files
        .iter()
        .filter(|(name, _)| dir.join(name).exists())
        .map(|(name, _)| name.clone())
        .collect();
    if !existing.is_empty() {
        return Err(Diagnostic::error(
            "E-INIT-EXISTS",
            format!(
                "目录“{}”里已有 {}，未改动任何文件",
                dir.display(),
                existing.join("、")
            ),
        )
        .hint("换一个新目录，例如 wengao init 2025年报；或先把这些文件移走"));
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        Diagnostic::error(
            "E-INIT-DIR",
            format!("无法创建目录“{}”（{e}）", dir.display()),
        )
        .hint("请检查路径和写权限")
    })?;
    // Written as one set: all four files, or none.
    let mut set = crate::write::OutputSet::new();
    for (name, text) in &workspace.files {
        set.stage(&dir.join(name), text.as_bytes())?;
    }
    set.commit()
}

fn kind_id(kind: ReportKind) -> &'static str {
    match kind {
        ReportKind::Annual => "annual",
        ReportKind::HalfYear => "half-year",
        ReportKind::Disclosure => "disclosure",
    }
}

fn kind_cn(kind: ReportKind) -> &'static str {
    match kind {
        ReportKind::Annual => "年度工作总结和下年度工作计划",
        ReportKind::HalfYear => "半年工作总结和下半年工作计划",
        ReportKind::Disclosure => "政府信息公开工作年度报告",
    }
}

fn period_comment(period: Period) -> &'static str {
    match period {
        Period::Year(_) => "年度：如 2025",
        Period::FirstHalf(_) | Period::SecondHalf(_) => "半年：上半年 2025-H1，下半年 2025-H2",
    }
}

fn indicator_file(
    kind: ReportKind,
    period: Period,
    today: DocDate,
    scan: &template_figures::Scan,
    catalogue: &Catalogue,
) -> String {
    let mut y = String::new();
    let _ = writeln!(y, "{}", crate::schema::MODELINE);
    let _ = writeln!(y, "# {}的指标文件（wengao init 生成）。", kind_cn(kind));
    let _ = writeln!(
        y,
        "# 有数的把 XX 换成数字（照原样写，不带单位、不加千分位逗号）；没有的保留 XX（待填）。"
    );
    let _ = writeln!(
        y,
        "# 用不上的指标可以整行删去：相应的句子、小节随之省去。查键名：wengao keys 词。"
    );
    let _ = writeln!(y, "meta:");
    let _ = writeln!(
        y,
        "  agency: XX县医疗保障局            # 发文机关（落款），请改成本单位全称"
    );
    let _ = writeln!(
        y,
        "  period: {:<26}# {}",
        period.to_string(),
        period_comment(period)
    );
    let _ = writeln!(
        y,
        "  date: {:<28}# 成文日期",
        format!("{:04}-{:02}-{:02}", today.year, today.month, today.day)
    );
    let _ = writeln!(y, "  report: {:<26}# {}", kind_id(kind), kind_cn(kind));
    let _ = writeln!(
        y,
        "  template: {TEMPLATE_FILE:<24}# 本报告的叙述模板（相对本文件）"
    );
    let width = scan.figures.iter().map(|f| f.key.len()).max().unwrap_or(0) + 5;
    if scan.figures.is_empty() {
        let _ = writeln!(y, "figures: {{}}");
    } else {
        let _ = writeln!(y, "figures:");
    }
    let mut group = (String::new(), String::new());
    for f in &scan.figures {
        let Some(def) = catalogue.get(&f.key) else {
            continue;
        };
        if (f.block.as_str(), f.heading.as_str()) != (group.0.as_str(), group.1.as_str()) {
            group = (f.block.clone(), f.heading.clone());
            let title = if f.heading.is_empty() {
                f.block.clone()
            } else {
                format!("{}（块 {}）", f.heading, f.block)
            };
            let _ = writeln!(y, "  # ── {title} ──");
        }
        let computed = if catalogue
            .relations_for(&f.key)
            .any(|r| !matches!(r.kind, crate::catalogue::RelationKind::PartOf { .. }))
        {
            "；可不填，由关系算出"
        } else {
            ""
        };
        let unit = format!("（{}）", def.unit);
        let name = if def.name.ends_with(&unit) {
            def.name.clone()
        } else {
            format!("{}{unit}", def.name)
        };
        let _ = writeln!(
            y,
            "  {:<width$}# {name}{computed}",
            format!("{}: XX", f.key)
        );
    }
    let with_previous: Vec<&str> = scan
        .figures
        .iter()
        .filter(|f| f.with_previous)
        .map(|f| f.key.as_str())
        .collect();
    if !with_previous.is_empty() {
        let _ = writeln!(
            y,
            "# 上年同期数（写了才会印出“同比增长X%”），键名同上，例如："
        );
        let _ = writeln!(y, "# previous:");
        for k in with_previous.iter().take(3) {
            let _ = writeln!(y, "#   {k}: 12345");
        }
        let _ = writeln!(y, "# 用得上上年同期数的指标：{}", with_previous.join("、"));
    }
    if kind == ReportKind::Disclosure {
        disclosure_tables(&mut y, FormatId::for_year(period.year()));
    }
    y
}

/// The three statutory tables, every cell a user fills (totals are computed) pending.
fn disclosure_tables(y: &mut String, format: FormatId) {
    let Ok(all) = formats() else {
        return;
    };
    let format = all.get(format);
    let _ = writeln!(y, "disclosure:");
    let _ = writeln!(
        y,
        "  # {}；总计行、总计列也可以删去，由 wengao 算出",
        format.describe()
    );
    for table in &format.tables {
        let _ = writeln!(y, "  {}:   # 表{} {}", table.id, table.number, table.title);
        for row in &table.rows {
            let cells: Vec<String> = row
                .columns
                .iter()
                .map(|c| format!("{}: XX", c.id))
                .collect();
            let labels: Vec<&str> = row.columns.iter().map(|c| c.label.as_str()).collect();
            let _ = writeln!(
                y,
                "    {}: {{{}}}   # {}：{}",
                row.id,
                cells.join(", "),
                row.label(),
                labels.join("、")
            );
        }
    }
}

fn narrative_template(main: &str, scan: &template_figures::Scan) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "{{#- 本报告的叙述模板（wengao init 生成）：继承内置模板 {main}，只改写需要的块。"
    );
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "    改写一块：把下面的一行抄到注释外面，在 block 与 endblock 之间写本单位的文字；"
    );
    let _ = writeln!(
        t,
        "    数字用 {{{{ fig(key=\"键名\", unit=true) }}}} 取（wengao keys 查键名），不要手写。"
    );
    let _ = writeln!(
        t,
        "    写成空块（block 与 endblock 之间什么都不写）即删去该节。"
    );
    let _ = writeln!(t, "    标题不写编号：编号由 wengao 加。");
    let _ = writeln!(t);
    let _ = writeln!(t, "    可以改写的块（按在文稿中的顺序）：");
    for b in &scan.blocks {
        let about = if b.heading.is_empty() {
            String::new()
        } else {
            format!("    —— {}", b.heading)
        };
        let _ = writeln!(
            t,
            "    {}{{% block {name} %}}…{{% endblock {name} %}}{about}",
            "  ".repeat(b.depth),
            name = b.name
        );
    }
    let _ = writeln!(t, "-#}}");
    let _ = writeln!(t, "{{% extends \"{main}\" %}}");
    t
}

fn readme(kind: ReportKind) -> String {
    let mut r = String::new();
    let _ = writeln!(
        r,
        "这个目录由 wengao init 生成，用来写一份{}。",
        kind_cn(kind)
    );
    let _ = writeln!(r);
    let _ = writeln!(r, "文件：");
    let _ = writeln!(
        r,
        "  {INDICATOR_FILE}          指标文件：本期的数字，全部先写成 XX（待填）"
    );
    let _ = writeln!(
        r,
        "  {TEMPLATE_FILE}      叙述模板：本单位自己的文字（继承内置模板）"
    );
    let _ = writeln!(
        r,
        "  {}  给编辑器用的说明（VS Code 装 YAML 扩展后，按中文名补全键名）",
        crate::schema::FILE_NAME
    );
    let _ = writeln!(r);
    let _ = writeln!(r, "接下来：");
    let _ = writeln!(
        r,
        "  1. 打开 {INDICATOR_FILE}，把 meta 里的发文机关、期间、成文日期改对；"
    );
    let _ = writeln!(
        r,
        "     逐项把 XX 换成数字（照原样写，不带单位），用不上的指标整行删去。"
    );
    let _ = writeln!(r, "  2. 检查：  wengao check {INDICATOR_FILE}");
    let _ = writeln!(
        r,
        "     还没填的数字会列为“待填”警告；其他问题按提示改正。定稿前用 wengao check --final {INDICATOR_FILE}。"
    );
    let _ = writeln!(r, "  3. 生成：  wengao render {INDICATOR_FILE} -o out");
    let _ = writeln!(
        r,
        "     得到 out/report.md、out/report.html、out/report.docx。"
    );
    let _ = writeln!(
        r,
        "  4. 需要改写某一节的文字时，编辑 {TEMPLATE_FILE}（里面列出了可以改写的块）。"
    );
    let _ = writeln!(r);
    let _ = writeln!(
        r,
        "查指标的键名：wengao keys 参保（中文、拼音或拼音首字母都可以）。"
    );
    let _ = writeln!(
        r,
        "各命令的用法：wengao help 命令名，例如 wengao help render。"
    );
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_the_last_ended_one() {
        let d = |y, m, day| {
            DocDate::new(y, m, day).unwrap_or(DocDate {
                year: 0,
                month: 1,
                day: 1,
            })
        };
        assert_eq!(
            period_for(ReportKind::Annual, d(2026, 1, 10)),
            Period::Year(2025)
        );
        assert_eq!(
            period_for(ReportKind::HalfYear, d(2026, 7, 8)),
            Period::FirstHalf(2026)
        );
        assert_eq!(
            period_for(ReportKind::HalfYear, d(2026, 1, 8)),
            Period::SecondHalf(2025)
        );
    }

    #[test]
    fn today_is_a_real_date() {
        let t = today();
        assert!(t.year >= 2024 && (1..=12).contains(&t.month), "{t:?}");
    }
}
