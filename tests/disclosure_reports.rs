//! 政府信息公开年报 as real offices publish them: the samples in `data/`, the corpus of
//! `tests/disclosure/<case>.yaml` (+ `<case>.md.tera`) with its exact messages, and whole reports
//! rendered: cells as published (blank as blank, units as written), computed totals marked,
//! provincial rows in place, the narrative's figures checked (after Tera) and listed.

#[allow(dead_code)]
mod common;

use common::docx::docx_tables;
use common::spec::{placed, row_text};
use common::{TestResult, check, corpus_dir, data_dir, report_doc, show, tables};
use std::path::PathBuf;
use std::process::Command;
use wengao::diagnostic::{Diagnostic, Severity};
use wengao::disclosure;
use wengao::document::{Block, Inline};
use wengao::model::CellState;
use wengao::pipeline::{self, RenderOptions, check_files};
use wengao::validate::CheckOptions;

#[test]
fn yunxi_sample_checks_with_blank_warning_only() -> TestResult {
    let (_, diags) = check(&data_dir().join("yunxi-2020-disclosure.yaml"))?;
    assert_eq!(
        show(&diags),
        "警告 W-DISCLOSURE-BLANK data/yunxi-2020-disclosure.yaml:104:27 表三有 138 个空白单元格（第一个是表三“一、本年新收政府信息公开申请数量”行“自然人”列）：空白不等于 0，核对勾稽关系时按 0 计，印出时留空\n  提示：确实是 0 的请填 0；要把空白印成 0，在 disclosure 下写 blank: zero\n"
    );
    Ok(())
}

#[test]
fn sample_2021_balances_and_totals_are_computed() -> TestResult {
    let (data, diags) = check(&data_dir().join("sample-2021-disclosure.yaml"))?;
    // `totals: compute`: the totals left out are computed, and said so.
    let codes: Vec<&str> = diags.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["W-DISCLOSURE-COMPUTED", "W-DISCLOSURE-COMPUTED"]);
    assert!(
        diags[0]
            .message
            .starts_with("表三有 30 个总计没有填写，已按要求由分项算出")
    );
    let printed = |t, r, c| disclosure::cell(&data, t, r, c).map(|c| c.printed(data.blank));
    assert_eq!(
        printed("shenqing", "zongji", "zongji").as_deref(),
        Some("11")
    );
    assert_eq!(
        printed("shenqing", "zongji", "ziranren").as_deref(),
        Some("9")
    );
    assert_eq!(
        printed("shenqing", "shangnian_jiezhuan", "zongji").as_deref(),
        Some("1")
    );
    assert_eq!(
        printed("fuyi_susong", "zhijie_qisu", "zongji").as_deref(),
        Some("1")
    );
    assert_eq!(
        printed("zhudong", "xingzheng_shiyexing_shoufei", "shoufei").as_deref(),
        Some("0.00")
    );
    let computed = disclosure::cell(&data, "shenqing", "zongji", "zongji");
    assert!(matches!(
        computed.map(|c| &c.state),
        Some(CellState::Value { .. })
    ));
    assert!(computed.and_then(|c| c.location()).is_none());
    let written =
        disclosure::cell(&data, "shenqing", "xinshou", "zongji").and_then(|c| c.location());
    assert_eq!(written.map(|l| (l.line, l.column)), Some((23, 101)));
    Ok(())
}

#[test]
fn sample_narratives_agree_with_tables() -> TestResult {
    for (yaml, tera) in [
        (
            "sample-2021-disclosure.yaml",
            "sample-2021-disclosure.md.tera",
        ),
        (
            "yunxi-2020-disclosure.yaml",
            "yunxi-2020-disclosure.md.tera",
        ),
    ] {
        let path = data_dir().join(yaml);
        let checked = check_files(&[path], &CheckOptions::default(), None, true);
        let narrative: Vec<Diagnostic> = checked
            .diagnostics
            .items
            .into_iter()
            .filter(|d| d.code.contains("NARRATIVE") || d.code.starts_with("N-"))
            .collect();
        // Every figure the narrative quotes agrees; the only one not compared is the count of
        // items published proactively, which no cell holds.
        assert!(
            narrative.iter().all(|d| d.code == "N-DISCLOSURE-VERIFIED"
                || d.message.ends_with("未核对：表中没有对应的格")),
            "{tera}:\n{}",
            show(&narrative)
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Corpus: tests/disclosure/<case>.yaml (+ <case>.md.tera) → <case>.expected
// ---------------------------------------------------------------------------------------------

#[test]
fn corpus_messages_are_exact() -> TestResult {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(corpus_dir())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 10, "corpus has {} cases", cases.len());
    let update = std::env::var_os("UPDATE_EXPECTED").is_some();
    let mut failures = Vec::new();
    for case in &cases {
        let (_, diags) = check(case)?;
        let got = show(&diags);
        let expected_path = case.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &got)?;
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != expected {
            failures.push(format!(
                "{}:\n--- expected\n{expected}--- got\n{got}",
                case.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Whole reports: cells as published, narrative checked, outputs
// ---------------------------------------------------------------------------------------------

fn case(name: &str) -> PathBuf {
    corpus_dir().join(name)
}

#[test]
fn report_2019_cells_print_as_published() -> TestResult {
    let (doc, _) = report_doc(&case("report-2019.yaml"), &CheckOptions::default())?;
    let t = tables(&doc);
    // 表二: 本年增/减 and 采购总金额 exactly as written, the unit kept.
    assert_eq!(row_text(t[0], 8), ["35", "增3", "12560"]);
    assert_eq!(row_text(t[0], 11), ["12", "减2", "9"]);
    assert_eq!(row_text(t[0], 18), ["4", "386000元", ""]);
    // 表三: the totals the published table left blank stay blank (二 written ~, the result rows
    // left out), the written ones print.
    assert_eq!(row_text(t[1], 4), ["6", "1", "", "", "", "", "7"]);
    assert_eq!(row_text(t[1], 5), ["1", "", "", "", "", "", ""]);
    assert_eq!(row_text(t[1], 6), ["3", "", "", "", "", "", ""]);
    assert_eq!(row_text(t[1], 25), ["6", "1", "", "", "", "", "7"]);
    assert_eq!(row_text(t[1], 26), ["1", "", "", "", "", "", "1"]);
    // The same with --compute-totals: the blank-written 二 stays blank, the rest is computed.
    let options = CheckOptions {
        compute_totals: true,
        ..CheckOptions::default()
    };
    let (doc, _) = report_doc(&case("report-2019.yaml"), &options)?;
    let t = tables(&doc);
    assert_eq!(row_text(t[1], 5), ["1", "", "", "", "", "", ""]);
    assert_eq!(row_text(t[1], 6), ["3", "", "", "", "", "", "3"]);
    Ok(())
}

/// Every heading of `doc` with its number.
fn headings(doc: &wengao::document::Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some(format!("{}{}", h.number, Inline::plain(&h.content))),
            _ => None,
        })
        .collect()
}

#[test]
fn report_2019_replaces_headings_block_by_block() -> TestResult {
    let (doc, _) = report_doc(&case("report-2019.yaml"), &CheckOptions::default())?;
    assert_eq!(
        headings(&doc),
        [
            "一、总体情况",
            "（一）主动公开情况",
            "（二）依申请公开情况",
            "（三）政府信息管理",
            "（四）监督保障",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、政府信息公开工作存在的主要问题及改进情况",
            "六、其他需要报告的事项",
        ]
    );
    Ok(())
}

/// `render` of `files` into a fresh folder: the outcome and the folder.
fn render(
    files: &[PathBuf],
    compute_totals: bool,
) -> Result<(pipeline::Outcome, tempfile::TempDir), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let options = RenderOptions {
        formats: vec![
            pipeline::Format::Markdown,
            pipeline::Format::Html,
            pipeline::Format::Docx,
        ],
        out_dir: dir.path().to_path_buf(),
        check: CheckOptions {
            compute_totals,
            ..CheckOptions::default()
        },
        ..RenderOptions::default()
    };
    Ok((pipeline::render_files(files, &options), dir))
}

#[test]
fn render_reports_narrative_mismatches_and_is_byte_identical() -> TestResult {
    let files = [case("report-2019.yaml")];
    let (first, a) = render(&files, false)?;
    assert_eq!(first.exit_code, 0, "{}", show(&first.diagnostics.items));
    let narrative: Vec<&Diagnostic> = first
        .diagnostics
        .items
        .iter()
        .filter(|d| d.code.contains("NARRATIVE") || d.severity == Severity::Note)
        .collect();
    let quotes: Vec<String> = narrative
        .iter()
        .map(|d| {
            format!(
                "{} {}",
                d.code,
                d.location
                    .as_ref()
                    .map_or(String::new(), ToString::to_string)
            )
        })
        .collect();
    assert_eq!(
        quotes,
        [
            "W-DISCLOSURE-NARRATIVE tests/disclosure/report-2019.md.tera:8:20",
            "W-DISCLOSURE-NARRATIVE tests/disclosure/report-2019.md.tera:8:71",
            "W-DISCLOSURE-NARRATIVE tests/disclosure/report-2019.md.tera:8:144",
            "W-DISCLOSURE-NARRATIVE tests/disclosure/report-2019.md.tera:8:151",
            "W-DISCLOSURE-NARRATIVE tests/disclosure/report-2019.md.tera:11:46",
        ]
    );
    let (_, b) = render(&files, false)?;
    for ext in ["md", "html", "docx"] {
        let name = format!("report-2019.{ext}");
        assert_eq!(
            std::fs::read(a.path().join(&name))?,
            std::fs::read(b.path().join(&name))?,
            "{name}"
        );
    }
    let md = std::fs::read_to_string(a.path().join("report-2019.md"))?;
    assert!(md.contains("386000元"));
    assert!(!md.contains("100件"), "a Tera comment reached the output");
    Ok(())
}

#[test]
fn computed_totals_are_marked_in_html_and_check() -> TestResult {
    let (outcome, dir) = render(&[case("totals-compute.yaml")], false)?;
    assert_eq!(outcome.exit_code, 0, "{}", show(&outcome.diagnostics.items));
    let html = std::fs::read_to_string(dir.path().join("totals-compute.html"))?;
    // A computed total: its key, no source place, and the tooltip says it was computed.
    let key = "data-key=\"disclosure.shenqing.xinshou.zongji\"";
    let at = html.find(key).ok_or("computed total not in the HTML")?;
    let span = &html[at..at + html[at..].find("</span>").ok_or("span")?];
    assert!(span.contains("计算所得"), "{span}");
    assert!(!span.contains("data-src"), "{span}");
    assert!(span.ends_with(">4"), "{span}");
    // A written total has its source place.
    assert!(html.contains("data-key=\"disclosure.shenqing.xianian_jiezhuan.zongji\" data-src=\"tests/disclosure/totals-compute.yaml:14\""));
    // The total written ~ stays blank: no figure for it.
    assert!(!html.contains("disclosure.shenqing.yuyi_gongkai.zongji"));
    let codes: Vec<&str> = outcome
        .diagnostics
        .items
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert!(codes.contains(&"W-DISCLOSURE-COMPUTED"), "{codes:?}");
    Ok(())
}

#[test]
fn report_2021_every_phrasing_is_verified() -> TestResult {
    let checked = check_files(
        &[case("report-2021.yaml")],
        &CheckOptions::default(),
        None,
        true,
    );
    let items = &checked.diagnostics.items;
    assert!(
        !items.iter().any(|d| d.code == "W-DISCLOSURE-NARRATIVE"),
        "{}",
        show(items)
    );
    let verified: Vec<String> = items
        .iter()
        .filter(|d| d.code == "N-DISCLOSURE-VERIFIED")
        .filter_map(|d| {
            Some(
                d.message
                    .split('”')
                    .next()?
                    .trim_start_matches("叙述中“")
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(
        verified,
        [
            "行政复议1件",
            "行政诉讼1件", // the built-in 监督保障 paragraph (parent template)
            "制发行政规范性文件3件",
            "废止1件",
            "现行有效15件",
            "行政处罚决定八件",
            "新收政府信息公开申请12件",
            "上年结转1件",
            "受理政府信息公开申请13件",
            "上年结转1件",
            "自然人申请10件",
            "法人或其他组织申请2件",
            "办结12件",
            "予以公开5件",
            "部分公开3件",
            "予以公开及部分公开合计8件",
            "不予公开1件",
            "无法提供2件",
            "不予处理1件",
            "其他处理0件",
            "答复12件",
            "结转下年度继续办理1件",
            "依申请公开政府信息5件",
            "行政复议1件",
            "被诉一件",
            "行政诉讼1件",
            "未经复议直接起诉1件",
            "复议后起诉0件",
        ]
    );
    let parent = items
        .iter()
        .filter(|d| d.code == "N-DISCLOSURE-VERIFIED")
        .filter_map(|d| d.location.as_ref())
        .filter(|l| l.file == "templates/disclosure-base.md.tera")
        .count();
    assert_eq!(parent, 2);
    let unmapped: Vec<&str> = items
        .iter()
        .filter(|d| d.code == "N-DISCLOSURE-UNMAPPED")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        unmapped,
        ["叙述中“主动公开政府信息1268条”未核对：表中没有对应的格"]
    );
    // Without --verbose the notes are not reported.
    let quiet = check_files(
        &[case("report-2021.yaml")],
        &CheckOptions::default(),
        None,
        false,
    );
    assert!(
        quiet
            .diagnostics
            .items
            .iter()
            .all(|d| d.severity != Severity::Note)
    );
    Ok(())
}

/// `wengao check ARGS` run as a user would: exit code and stdout lines.
fn wengao_check(
    args: &[&str],
) -> Result<(i32, Vec<serde_json::Value>), Box<dyn std::error::Error>> {
    let out = Command::new(env!("CARGO_BIN_EXE_wengao"))
        .arg("check")
        .args(args)
        .output()?;
    let lines = String::from_utf8(out.stdout)?
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<Vec<_>, _>>()?;
    Ok((out.status.code().unwrap_or(-1), lines))
}

#[test]
fn check_verbose_json_lists_the_narrative_figures() -> TestResult {
    let file = "tests/disclosure/report-2019.yaml";
    let (code, lines) = wengao_check(&["--format", "json", "--verbose", file])?;
    assert_eq!(code, 0);
    let notes: Vec<(&str, &str)> = lines
        .iter()
        .filter(|l| l["severity"] == "note")
        .filter_map(|l| Some((l["code"].as_str()?, l["message"].as_str()?)))
        .collect();
    assert!(
        notes.contains(&(
            "N-DISCLOSURE-VERIFIED",
            "叙述中“顺延至下年度办理1件”与表中的数一致：表三“四、结转下年度继续办理”行“总计”列 1"
        )),
        "{notes:?}"
    );
    assert_eq!(
        notes
            .iter()
            .filter(|(c, _)| *c == "N-DISCLOSURE-VERIFIED")
            .count(),
        8
    );
    let (_, quiet) = wengao_check(&["--format", "json", file])?;
    assert!(quiet.iter().all(|l| l["severity"] != "note"));
    assert!(!quiet.iter().any(|l| l["code"] == "W-DISCLOSURE-COMPUTED"));
    let (_, computed) = wengao_check(&["--format", "json", "--compute-totals", file])?;
    assert!(
        computed
            .iter()
            .any(|l| l["code"] == "W-DISCLOSURE-COMPUTED")
    );
    Ok(())
}

#[test]
fn two_huge_cells_are_an_error_not_a_panic() -> TestResult {
    let (_, diags) = check(&case("overflow.yaml"))?;
    let overflow: Vec<String> = diags
        .iter()
        .filter(|d| d.code == "E-DISCLOSURE-OVERFLOW")
        .map(|d| {
            d.location
                .as_ref()
                .map_or(String::new(), ToString::to_string)
        })
        .collect();
    assert_eq!(
        overflow,
        [
            "tests/disclosure/overflow.yaml:9:65",
            "tests/disclosure/overflow.yaml:13:20"
        ]
    );
    let (outcome, _) = render(&[case("overflow.yaml")], false)?;
    assert_eq!(outcome.exit_code, 1);
    Ok(())
}

#[test]
fn provincial_rows_columns_and_labels_print_in_place() -> TestResult {
    let (doc, warnings) = report_doc(&case("provincial-inline.yaml"), &CheckOptions::default())?;
    assert_eq!(show(&warnings), "");
    let t = tables(&doc);
    assert_eq!(t[0].rows.len(), 19);
    assert_eq!(row_text(t[0], 5), ["12", "12", "40"]);
    let labels: Vec<String> = placed(t[0])
        .into_iter()
        .filter(|(_, h)| *h)
        .map(|(p, _)| p.4)
        .collect();
    assert!(labels.contains(&"其他主动公开文件".to_string()));
    assert!(labels.contains(&"上一年项目数量(指2019年事项数)".to_string()));
    assert!(!labels.contains(&"上一年项目数量".to_string()));
    // 表三: the declared item sits under （三）不予公开, merged with the eight standard ones.
    let merged: Vec<_> = placed(t[1])
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.2 > 1)
        .collect();
    assert!(
        merged.contains(&(8, 2, 9, 1, "（三）不予公开".to_string())),
        "{merged:?}"
    );
    assert!(
        merged.contains(&(6, 1, 21, 1, "三、本年度办理结果".to_string())),
        "{merged:?}"
    );
    assert_eq!(row_text(t[1], 16), ["1", "", "", "", "", "", "1"]);

    // A column declared in an extension file: header widened around it.
    let (doc, _) = report_doc(&case("provincial-file.yaml"), &CheckOptions::default())?;
    let t = tables(&doc);
    assert_eq!(t[1].columns.len(), 11);
    let head: Vec<_> = placed(t[1])
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.0 <= 3)
        .collect();
    assert!(
        head.contains(&(1, 4, 1, 8, "申请人情况".to_string())),
        "{head:?}"
    );
    assert!(
        head.contains(&(2, 5, 1, 6, "法人或其他组织".to_string())),
        "{head:?}"
    );
    assert!(
        head.contains(&(3, 6, 1, 1, "个体工商户".to_string())),
        "{head:?}"
    );
    assert_eq!(row_text(t[1], 4), ["2", "1", "1", "", "", "", "", "4"]);
    // The DOCX holds the same grid.
    let bytes =
        wengao::render::output(&doc, wengao::render::Format::Docx).map_err(|d| d.message)?;
    let read = docx_tables(&bytes)?;
    let model: Vec<_> = placed(t[1]).into_iter().map(|(p, _)| p).collect();
    assert_eq!(read[1].cells, model);
    Ok(())
}

#[test]
fn a_report_without_date_signs_without_one() -> TestResult {
    let (outcome, dir) = render(&[case("no-disclosure-part.yaml")], false)?;
    assert_eq!(outcome.exit_code, 0, "{}", show(&outcome.diagnostics.items));
    let md = std::fs::read_to_string(dir.path().join("no-disclosure-part.md"))?;
    assert!(
        md.ends_with("示例县医疗保障局\n"),
        "{}",
        &md[md.len().saturating_sub(200)..]
    );
    let html = std::fs::read_to_string(dir.path().join("no-disclosure-part.html"))?;
    assert!(html.contains("<div class=\"signoff\"><p>示例县医疗保障局</p></div>"));
    Ok(())
}

#[test]
fn values_print_as_written() -> TestResult {
    let (doc, _) = report_doc(&case("values-as-written.yaml"), &CheckOptions::default())?;
    let t = tables(&doc);
    // Full-width digits and units as typed; the fee in 元 under a 万元 head as written.
    assert_eq!(row_text(t[0], 3), ["０", "０", "２"]);
    assert_eq!(row_text(t[0], 4), ["3件", "1", "15元"]);
    assert_eq!(row_text(t[0], 14), ["386000元"]);
    // “/” and “—” mean not given, and print as published.
    assert_eq!(
        row_text(t[2], 4),
        [
            "0", "0", "0", "0", "0", "/", "—", "0", "0", "0", "0", "0", "0", "0", "0"
        ]
    );
    Ok(())
}
