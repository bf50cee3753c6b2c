//! The title-break chooser (GB/T 9704-2012 7.3.1) on the titles of every seed report and sample.
//!
//! 7.3.1: "回行时，要做到词意完整，排列对称，长短适宜，间距恰当，标题排列应当使用梯形或菱形。"
//! A line of 二号 on the 156 mm text block holds 20 字 (digits count half). Each expected break
//! below is reasoned from that clause: a break only between complete words (never inside 年度,
//! 工作, 报告 or a number with its unit), at the largest seam of the title's grammar that fits
//! (发文机关 | 时间 | 事由+文种; coordinated parts joined by 和/及/与, the connective opening the
//! next line), lines of comparable length, 梯形 (two lines) or 菱形 (three lines, middle longest).

use wengao::document::title::{TITLE_LINE_HALF, choose_breaks, half_width};

fn check(title: &str, expected: &[&str]) {
    let lines = choose_breaks(title);
    assert_eq!(lines, expected, "title {title}");
    assert_eq!(lines.concat(), title);
    for l in &lines {
        assert!(half_width(l) <= TITLE_LINE_HALF, "line too long: {l}");
    }
}

/// Seed 000 and the 三门 sample (28 字): the agency | the coordinated subject "2020年度工作总结和
/// 2021年度工作计划". Breaking after "2020年度" would tear that year from its 工作总结; before 和
/// leaves 19 | 9 字. 11 | 17 字, 上短下长 梯形.
#[test]
fn sanmen_agency_then_subject() {
    check(
        "三门县医疗保障服务中心2020年度工作总结和2021年度工作计划",
        &[
            "三门县医疗保障服务中心",
            "2020年度工作总结和2021年度工作计划",
        ],
    );
    check(
        "岳阳市云溪区医疗保障局2020年度工作总结和2021年度工作计划",
        &[
            "岳阳市云溪区医疗保障局",
            "2020年度工作总结和2021年度工作计划",
        ],
    );
}

/// Seed 003, the 云溪 and 示例 disclosure samples: the year covers the whole 文种
/// "政府信息公开工作年度报告" (a fixed name, kept whole), so the break follows the year:
/// 11 | 12 字. The metric break "…政府信息公开工作 | 年度报告" splits the 文种 and leaves 4 字.
#[test]
fn disclosure_reports_break_after_the_year() {
    check(
        "云溪区医疗保障局2020年政府信息公开工作年度报告",
        &["云溪区医疗保障局2020年", "政府信息公开工作年度报告"],
    );
    check(
        "示例县医疗保障局2022年政府信息公开工作年度报告",
        &["示例县医疗保障局2022年", "政府信息公开工作年度报告"],
    );
}

/// Seed 004 and the 市/县 half-year samples: the year covers both halves, "上半年工作总结和下半年
/// 工作计划" is one parallel pair, so the break falls after the year (9–10 | 15 字), never
/// "…工作总结和 | 下半年工作计划" with the connective ending a line.
#[test]
fn half_year_titles_keep_the_pair_together() {
    for (agency, plan) in [
        ("市医疗保障局", "和下半年工作安排"),
        ("县医疗保障局", "和下半年工作计划"),
        ("县医疗保障局", "和下半年工作谋划"),
        ("县医疗保障局", "及下半年工作打算"),
        ("县医疗保障局", "及下半年工作思路"),
        ("XX市医疗保障局", "和下半年工作计划"),
        ("XX县医疗保障局", "和下半年工作计划"),
    ] {
        let title = format!("{agency}2025年上半年工作总结{plan}");
        let first = format!("{agency}2025年");
        let second = format!("上半年工作总结{plan}");
        check(&title, &[&first, &second]);
    }
}

/// Seed 004 item 8 writes the year without 年 ("2025上半年"): a bare number never ends a line, so
/// the year stays with 上半年 and the seam is the connective: 15 | 8 字, 上长下短 梯形.
#[test]
fn bare_year_stays_with_its_half() {
    check(
        "县医疗保障局2025上半年工作总结及下半年工作计划",
        &["县医疗保障局2025上半年工作总结", "及下半年工作计划"],
    );
}

/// Titles of 20 字 or less (seed 001, seed 002, seed 004 item 3, the three 附件 of a disclosure
/// report) stay on one line.
#[test]
fn one_line_titles() {
    for t in [
        "劳动保障局医疗保险工作情况汇报",
        "全民医保 撑起百姓健康“保护伞”",
        "县医疗保障局2025年上半年工作总结",
        "主动公开政府信息情况",
        "收到和处理政府信息公开申请情况",
        "政府信息公开行政复议、行政诉讼情况",
    ] {
        assert_eq!(choose_breaks(t), [t]);
    }
}

/// Held-out shapes. A second half-year with next year's first half (two years, so the year does
/// not cover both parts): the connective is the only seam that fits (18 | 11 字). 关于 … 的报告:
/// after the time, which covers the rest. Three lines: agency | 关于… | …的报告, 14 | 15 | 13 字,
/// a 菱形 whose seams fall between words (医保基金 kept whole), never a 沙漏.
#[test]
fn held_out_shapes() {
    check(
        "某某市医疗保障局2024年下半年工作总结和2025年上半年工作计划",
        &[
            "某某市医疗保障局2024年下半年工作总结",
            "和2025年上半年工作计划",
        ],
    );
    check(
        "岳阳市云溪区医疗保障局关于2020年度政府信息公开工作年度报告的报告",
        &[
            "岳阳市云溪区医疗保障局关于2020年度",
            "政府信息公开工作年度报告的报告",
        ],
    );
    check(
        "某某省某某市某某县医疗保障局关于进一步加强定点医药机构医保基金使用监督管理工作情况的报告",
        &[
            "某某省某某市某某县医疗保障局",
            "关于进一步加强定点医药机构医保基金",
            "使用监督管理工作情况的报告",
        ],
    );
    check(
        "XX县医疗保障局2025年“最多跑一次”改革工作总结",
        &["XX县医疗保障局2025年", "“最多跑一次”改革工作总结"],
    );
}

mod indicator_file_override {
    use std::path::PathBuf;
    use wengao::pipeline::{Format, RenderOptions, render_files};

    type R = Result<(), Box<dyn std::error::Error>>;

    const META: &str = "meta:\n  agency: 某某县医疗保障局\n  period: 2020\n  date: 2021-01-07\n  report: annual\n  title: 某某县医疗保障局2020年度工作总结和2021年度工作计划\n";

    /// Renders `yaml` to HTML; returns the HTML or the diagnostics as `CODE file:line:col 消息`.
    fn render(yaml: &str) -> Result<Result<String, Vec<String>>, Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let input = dir.path().join("report.yaml");
        std::fs::write(&input, yaml)?;
        let out = dir.path().join("out");
        std::fs::create_dir(&out)?;
        let options = RenderOptions {
            formats: vec![Format::Html],
            out_dir: out.clone(),
            draft: true,
            ..RenderOptions::default()
        };
        let outcome = render_files(&[PathBuf::from(&input)], &options);
        let errors: Vec<String> = outcome
            .diagnostics
            .items
            .iter()
            // The batch's own summary (E-RENDER-STOPPED) is not about the file.
            .filter(|d| d.is_error() && d.code != "E-RENDER-STOPPED")
            .map(|d| {
                let at = d
                    .location
                    .as_ref()
                    .map(|l| {
                        format!(
                            "{}:{}:{}",
                            l.file.rsplit('/').next().unwrap_or(""),
                            l.line,
                            l.column
                        )
                    })
                    .unwrap_or_default();
                format!("{} {at} {}", d.code, d.message)
            })
            .collect();
        if !errors.is_empty() {
            return Ok(Err(errors));
        }
        Ok(Ok(std::fs::read_to_string(out.join("report.html"))?))
    }

    #[test]
    fn title_lines_override_the_chooser() -> R {
        // Without title_lines the chooser breaks before the connective (16 | 9 字 beats the
        // agency break's 8 | 17 字).
        let html = render(META)?.map_err(|e| e.join("\n"))?;
        assert!(
            html.contains(
                "<h1 class=\"title\">某某县医疗保障局2020年度工作总结<br>和2021年度工作计划</h1>"
            ),
            "{html}"
        );
        let yaml = format!(
            "{META}  title_lines: [某某县医疗保障局, 2020年度工作总结和2021年度工作计划]\n"
        );
        let html = render(&yaml)?.map_err(|e| e.join("\n"))?;
        assert!(html.contains(
            "<h1 class=\"title\">某某县医疗保障局<br>2020年度工作总结和2021年度工作计划</h1>"
        ));
        Ok(())
    }

    #[test]
    fn title_lines_must_spell_the_title() -> R {
        let yaml = format!("{META}  title_lines: [某某县医疗保障局, 2020年度工作总结]\n");
        let errors = render(&yaml)?.err().ok_or("a mismatch must be refused")?;
        assert_eq!(
            errors,
            [
                "E-TITLE-LINES report.yaml:7:16 标题分行（title_lines）连起来是“某某县医疗保障局2020年度工作总结”，与标题“某某县医疗保障局2020年度工作总结和2021年度工作计划”不一致"
            ]
        );
        let yaml = format!("{META}  title_lines: []\n");
        let errors = render(&yaml)?
            .err()
            .ok_or("an empty list must be refused")?;
        assert_eq!(
            errors,
            ["E-META-TITLE-LINES report.yaml:7:16 标题分行（title_lines）是空的"]
        );
        Ok(())
    }
}
