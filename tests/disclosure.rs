//! 政府信息公开年报 tables: grid structure against the spec's merged-cell lists (document model,
//! HTML, DOCX) for the samples in `data/`, the whole report's sections, and the options that
//! change how cells print. Messages and real-report fixtures: `tests/disclosure_reports.rs`.

#[allow(dead_code)]
mod common;

use common::docx::docx_tables;
use common::spec::*;
use common::{TestResult, check, corpus_dir, data_dir, show};
use std::path::Path;
use wengao::disclosure;
use wengao::document::{Block, Document, Inline, Table};
use wengao::model::{DisclosureData, FormatId};
use wengao::pipeline::check_files;
use wengao::validate::CheckOptions;

fn sample_tables(name: &str) -> Result<(DisclosureData, Vec<Table>), Box<dyn std::error::Error>> {
    let (data, _) = check(&data_dir().join(name))?;
    let tables = disclosure::grid::tables(&data).map_err(|e| e.0)?;
    Ok((data, tables))
}

#[test]
fn grid_2021_tables_match_the_spec() -> TestResult {
    let (data, t) = sample_tables("sample-2021-disclosure.yaml")?;
    assert_eq!(data.format, FormatId::Y2021);
    let ids: Vec<&str> = t.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["zhudong", "shenqing", "fuyi_susong"]);
    assert_eq!(shape_of(&t[0]), spec_table2_2021());
    assert_eq!(shape_of(&t[1]), spec_table3(true));
    assert_eq!(shape_of(&t[2]), spec_table4());
    assert_eq!(
        (t[0].header_rows, t[1].header_rows, t[2].header_rows),
        (0, 3, 3)
    );
    Ok(())
}

#[test]
fn grid_2019_tables_match_the_spec() -> TestResult {
    let (data, t) = sample_tables("yunxi-2020-disclosure.yaml")?;
    assert_eq!(data.format, FormatId::Y2019);
    assert_eq!(shape_of(&t[0]), spec_table2_2019());
    assert_eq!(shape_of(&t[1]), spec_table3(false));
    assert_eq!(shape_of(&t[2]), spec_table4());
    Ok(())
}

/// Data row of a grid as printed (empty string for a blank cell).
#[test]
fn yunxi_cells_print_as_in_seed_003() -> TestResult {
    let (_, t) = sample_tables("yunxi-2020-disclosure.yaml")?;
    // 附件1: 行政处罚 0 · 增1 · 1; 行政事业性收费 0 · 0 and the empty 4th cell.
    assert_eq!(row_text(&t[0], 11), ["0", "增1", "1"]);
    assert_eq!(row_text(&t[0], 15), ["0", "0", ""]);
    // 附件2: every applicant cell blank, 总计 0.
    for r in 4..=26 {
        assert_eq!(row_text(&t[1], r), ["", "", "", "", "", "", "0"], "row {r}");
    }
    // 附件3: 15 × 0.
    assert_eq!(row_text(&t[2], 4), vec!["0".to_string(); 15]);
    Ok(())
}

#[test]
fn pending_cells_are_errors_with_final() -> TestResult {
    let path = corpus_dir().join("format-options.yaml");
    let options = CheckOptions {
        final_: true,
        ..CheckOptions::default()
    };
    let checked = check_files(&[path], &options, None, false);
    let pending: Vec<String> = checked
        .diagnostics
        .items
        .iter()
        .filter(|d| d.code.ends_with("DISCLOSURE-PENDING"))
        .map(|d| {
            format!(
                "{} {} {}",
                d.severity.label(),
                d.code,
                d.hint.clone().unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(pending, ["错误 E-DISCLOSURE-PENDING 定稿前须填上数字"]);
    Ok(())
}

#[test]
fn blank_zero_option_prints_blanks_as_zero() -> TestResult {
    let text = std::fs::read_to_string(data_dir().join("yunxi-2020-disclosure.yaml"))?
        .replace("  blank: blank ", "  blank: zero  ")
        .replace("  template: yunxi-2020-disclosure.md.tera\n", "");
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("yunxi.yaml");
    std::fs::write(&path, text)?;
    let (data, diags) = check(&path)?;
    let t = disclosure::grid::tables(&data).map_err(|e| e.0)?;
    assert_eq!(row_text(&t[1], 4), vec!["0".to_string(); 7]);
    assert_eq!(diags.len(), 1);
    assert!(diags[0].message.ends_with("印出时印作 0（blank: zero）"));
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// HTML: the whole report rendered (check → compose → document → html), tables parsed back
// ---------------------------------------------------------------------------------------------

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text of an HTML fragment without its tags.
fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape(&out)
}

fn html_attr(tag: &str, name: &str) -> Option<usize> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    tag[start..].split('"').next()?.parse().ok()
}

/// The table `data-table="id"` of an HTML page: cells placed by rowspan/colspan, with `th`.
fn html_table(html: &str, id: &str) -> Result<Shape, Box<dyn std::error::Error>> {
    let open = format!("<table data-table=\"{id}\">");
    let start = html.find(&open).ok_or(format!("no table {id}"))?;
    let body = &html[start..];
    let body = &body[..body.find("</table>").ok_or("unclosed table")?];
    let columns = body.matches("<col ").count();
    let mut taken: Vec<Vec<bool>> = Vec::new();
    let mut cells: Vec<(Placed, bool)> = Vec::new();
    for (r, row) in body.split("<tr>").skip(1).enumerate() {
        let row = row.split("</tr>").next().unwrap_or("");
        let mut c = 0;
        let mut rest = row;
        while let Some(i) = rest.find(['<']) {
            rest = &rest[i..];
            let header = rest.starts_with("<th");
            if !header && !rest.starts_with("<td") {
                rest = &rest[1..];
                continue;
            }
            let tag_end = rest.find('>').ok_or("bad tag")?;
            let tag = &rest[..tag_end];
            let close = if header { "</th>" } else { "</td>" };
            let content_end = rest.find(close).ok_or("unclosed cell")?;
            let text = strip_tags(&rest[tag_end + 1..content_end]);
            rest = &rest[content_end + close.len()..];
            let (rs, cs) = (
                html_attr(tag, "rowspan").unwrap_or(1),
                html_attr(tag, "colspan").unwrap_or(1),
            );
            while taken.get(r).is_some_and(|t| t.get(c) == Some(&true)) {
                c += 1;
            }
            for rr in r..r + rs {
                while taken.len() <= rr {
                    taken.push(vec![false; columns]);
                }
                for cc in c..c + cs {
                    *taken[rr].get_mut(cc).ok_or("cell beyond the colgroup")? = true;
                }
            }
            cells.push(((r + 1, c + 1, rs, cs, text), header));
            c += cs;
        }
    }
    Ok(Shape {
        rows: taken.len(),
        columns,
        merged: cells
            .iter()
            .filter(|((_, _, rs, cs, _), _)| *rs > 1 || *cs > 1)
            .map(|(p, _)| p.clone())
            .collect(),
        labels: cells
            .iter()
            .filter(|(_, h)| *h)
            .map(|(p, _)| p.4.clone())
            .collect(),
    })
}

/// Renders the sample `name` to HTML through the whole pipeline.
fn rendered_html(name: &str) -> Result<String, Box<dyn std::error::Error>> {
    let checked = check_files(
        &[data_dir().join(name)],
        &CheckOptions::default(),
        None,
        false,
    );
    let report = checked.reports.first().ok_or("no report")?;
    let (doc, _) =
        wengao::pipeline::document_for(report, &checked.catalogue, None).map_err(|d| d.message)?;
    Ok(wengao::render::html::render(&doc, &Default::default()))
}

#[test]
fn html_2021_tables_match_the_spec() -> TestResult {
    let html = rendered_html("sample-2021-disclosure.yaml")?;
    assert_eq!(html_table(&html, "zhudong")?, spec_table2_2021());
    assert_eq!(html_table(&html, "shenqing")?, spec_table3(true));
    assert_eq!(html_table(&html, "fuyi_susong")?, spec_table4());
    Ok(())
}

#[test]
fn html_2019_tables_match_the_spec() -> TestResult {
    let html = rendered_html("yunxi-2020-disclosure.yaml")?;
    assert_eq!(html_table(&html, "zhudong")?, spec_table2_2019());
    assert_eq!(html_table(&html, "shenqing")?, spec_table3(false));
    assert_eq!(html_table(&html, "fuyi_susong")?, spec_table4());
    Ok(())
}

fn rendered_doc(name: &str) -> Result<Document, Box<dyn std::error::Error>> {
    let checked = check_files(
        &[data_dir().join(name)],
        &CheckOptions::default(),
        None,
        false,
    );
    let report = checked.reports.first().ok_or("no report")?;
    let (doc, warnings) =
        wengao::pipeline::document_for(report, &checked.catalogue, None).map_err(|d| d.message)?;
    assert_eq!(show(&warnings), "");
    Ok(doc)
}

#[test]
fn report_2021_has_the_six_sections_with_tables_in_two_to_four() -> TestResult {
    let doc = rendered_doc("sample-2021-disclosure.yaml")?;
    assert_eq!(doc.title, "示例县医疗保障局2022年政府信息公开工作年度报告");
    let mut outline = Vec::new();
    for b in &doc.blocks {
        match b {
            Block::Heading(h) => outline.push(format!("{}{}", h.number, Inline::plain(&h.content))),
            Block::Table(t) => outline.push(format!("[{}]", t.id)),
            Block::Paragraph(_) => {}
        }
    }
    assert_eq!(
        outline,
        [
            "一、总体情况",
            "（一）主动公开",
            "（二）依申请公开",
            "（三）政府信息管理",
            "（四）政府信息公开平台建设",
            "（五）监督保障",
            "二、主动公开政府信息情况",
            "[zhudong]",
            "三、收到和处理政府信息公开申请情况",
            "[shenqing]",
            "四、政府信息公开行政复议、行政诉讼情况",
            "[fuyi_susong]",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项",
        ]
    );
    let last = doc.blocks.iter().rev().find_map(|b| match b {
        Block::Paragraph(p) => Some(Inline::plain(p)),
        _ => None,
    });
    assert_eq!(
        last.as_deref(),
        Some("2022年，本机关未收取政府信息公开信息处理费。")
    );
    let sign = doc
        .sign_off
        .as_ref()
        .map(|s| (s.agency.as_str(), s.date.as_str()));
    assert_eq!(sign, Some(("示例县医疗保障局", "2023年1月16日")));
    Ok(())
}

#[test]
fn yunxi_is_a_work_summary_with_the_tables_as_attachments() -> TestResult {
    let doc = rendered_doc("yunxi-2020-disclosure.yaml")?;
    let headings: Vec<String> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some(format!("{}{}", h.number, Inline::plain(&h.content))),
            _ => None,
        })
        .collect();
    assert_eq!(
        headings,
        [
            "一、医保改革，展现了新作为",
            "二、维护基金安全，体现了新担当",
            "三、参保缴费，完成了新任务",
            "四、便民服务，有了新提升"
        ]
    );
    assert!(!doc.blocks.iter().any(|b| matches!(b, Block::Table(_))));
    let attachments: Vec<(u32, &str, Vec<&str>)> = doc
        .attachments
        .iter()
        .map(|a| {
            let tables = a
                .blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Table(t) => Some(t.id.as_str()),
                    _ => None,
                })
                .collect();
            (a.number, a.title.as_str(), tables)
        })
        .collect();
    assert_eq!(
        attachments,
        [
            (1, "主动公开政府信息情况", vec!["zhudong"]),
            (2, "收到和处理政府信息公开申请情况", vec!["shenqing"]),
            (3, "政府信息公开行政复议、行政诉讼情况", vec!["fuyi_susong"]),
        ]
    );
    assert_eq!(doc.attachment_note.len(), 3);
    // The opening sentence with its figure from the indicator file (provenance kept).
    let Some(Block::Paragraph(first)) = doc.blocks.first() else {
        return Err("no opening paragraph".into());
    };
    let fig = first.iter().find_map(|i| match i {
        Inline::Figure(f) => Some(f),
        _ => None,
    });
    assert_eq!(
        fig.map(|f| (f.text.as_str(), f.key.as_str())),
        Some(("9222.7", "jijin_zhichu"))
    );
    Ok(())
}

/// The document of `name` rendered with the shipped template (its `meta.template` removed).
fn shipped_template_doc(name: &str) -> Result<Document, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(data_dir().join(name))?;
    let text: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("template:"))
        .map(|l| format!("{l}\n"))
        .collect();
    let dir = tempfile::tempdir()?;
    let path = dir.path().join(name);
    std::fs::write(&path, text)?;
    let checked = check_files(&[path], &CheckOptions::default(), None, false);
    let report = checked.reports.first().ok_or("no report")?;
    let (doc, _) =
        wengao::pipeline::document_for(report, &checked.catalogue, None).map_err(|d| d.message)?;
    Ok(doc)
}

fn paragraphs(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(Inline::plain(p)),
            _ => None,
        })
        .collect()
}

#[test]
fn shipped_templates_quote_the_tables_and_cite_the_format() -> TestResult {
    let p = paragraphs(&shipped_template_doc("sample-2021-disclosure.yaml")?);
    assert!(
        p[0].contains("（国办公开办函〔2021〕30号）的要求编制"),
        "{}",
        p[0]
    );
    assert!(p[0].ends_with("统计期限自2022年1月1日起至2022年12月31日止。"));
    assert!(p.contains(&"全年收到政府信息公开申请11件，上年结转1件；本年度办结11件，结转下年度继续办理1件。具体情况见本报告第三部分。".to_string()));
    assert!(
        p.iter()
            .any(|x| x.ends_with("全年因政府信息公开工作被申请行政复议1件，被提起行政诉讼1件。"))
    );
    let doc = shipped_template_doc("yunxi-2020-disclosure.yaml")?;
    let p = paragraphs(&doc);
    assert!(
        p[0].contains("（国办公开办函〔2019〕60号）的要求编制"),
        "{}",
        p[0]
    );
    assert!(p.contains(&"全年收到政府信息公开申请0件，上年结转0件；本年度办结0件，结转下年度继续办理0件。具体情况见本报告第三部分。".to_string()));
    let tables = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Table(_)))
        .count();
    assert_eq!(tables, 3);
    Ok(())
}

/// The spec's layout of each table in `name` holds in the DOCX of the whole report (rendered
/// through the pipeline, written to a file and read back).
fn docx_matches_spec(name: &str, specs: [Shape; 3]) -> TestResult {
    let (_, tables) = sample_tables(name)?;
    let doc = rendered_doc(name)?;
    let bytes =
        wengao::render::output(&doc, wengao::render::Format::Docx).map_err(|d| d.message)?;
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("report.docx");
    std::fs::write(&path, &bytes)?;
    if let Some(out) = std::env::var_os("DISCLOSURE_DUMP") {
        std::fs::write(Path::new(&out).join(name.replace(".yaml", ".docx")), &bytes)?;
    }
    let read = docx_tables(&std::fs::read(&path)?)?;
    assert_eq!(read.len(), 3);
    for ((got, spec), model) in read.iter().zip(specs).zip(&tables) {
        assert_eq!(got.grid_columns, spec.columns, "{}", model.id);
        assert_eq!(got.rows, spec.rows, "{}", model.id);
        assert_eq!(got.merged(), spec.merged, "{}", model.id);
        assert_eq!(got.header_rows, model.header_rows, "{}", model.id);
        let all: Vec<Placed> = placed(model).into_iter().map(|(p, _)| p).collect();
        assert_eq!(got.cells, all, "{}: every cell, text and span", model.id);
    }
    Ok(())
}

#[test]
fn docx_2021_tables_match_the_spec() -> TestResult {
    docx_matches_spec(
        "sample-2021-disclosure.yaml",
        [spec_table2_2021(), spec_table3(true), spec_table4()],
    )
}

#[test]
fn docx_2019_tables_match_the_spec() -> TestResult {
    docx_matches_spec(
        "yunxi-2020-disclosure.yaml",
        [spec_table2_2019(), spec_table3(false), spec_table4()],
    )
}
