//! 政府信息公开年报 tables: grid structure against the spec's merged-cell lists (document model,
//! HTML, DOCX), the samples in `data/`, and a corpus of broken tables with their exact messages.

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use wengao::diagnostic::Diagnostic;
use wengao::disclosure;
use wengao::document::{Block, Document, Inline, Slot, Table};
use wengao::model::{CellState, DisclosureData, FormatId};
use wengao::validate::{CheckOptions, check_files};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Checks `path` (relative to the package root, as users name files) with `check_files`.
fn check(path: &Path) -> Result<(DisclosureData, Vec<Diagnostic>), Box<dyn std::error::Error>> {
    let checked = check_files(&[path.to_path_buf()], &CheckOptions::default());
    let data = checked
        .reports
        .first()
        .and_then(|r| r.disclosure.clone())
        .ok_or_else(|| format!("{}: no disclosure data", path.display()))?;
    Ok((data, checked.diagnostics.items))
}

fn show(diags: &[Diagnostic]) -> String {
    let mut s = String::new();
    for d in diags {
        let at = d
            .location
            .as_ref()
            .map_or("-".to_string(), ToString::to_string);
        let _ = writeln!(s, "{} {} {} {}", d.severity.label(), d.code, at, d.message);
        if let Some(h) = &d.hint {
            let _ = writeln!(s, "  提示：{h}");
        }
        for r in &d.related {
            let _ = writeln!(s, "  相关：{} {}", r.location, r.message);
        }
    }
    s
}

fn data_dir() -> PathBuf {
    PathBuf::from("data")
}

fn corpus_dir() -> PathBuf {
    PathBuf::from("tests/disclosure")
}

// ---------------------------------------------------------------------------------------------
// Grid structure against the spec (shared/spec/disclosure-format.md §2.3–2.5, §3.3–3.5)
// ---------------------------------------------------------------------------------------------

/// A placed cell: 1-based row and column, spans, text.
type Placed = (usize, usize, usize, usize, String);

/// Every cell of a grid in reading order.
fn placed(t: &Table) -> Vec<(Placed, bool)> {
    let mut v = Vec::new();
    for (r, row) in t.rows.iter().enumerate() {
        for (c, slot) in row.iter().enumerate() {
            if let Slot::Cell(cell) = slot {
                v.push((
                    (
                        r + 1,
                        c + 1,
                        cell.row_span,
                        cell.col_span,
                        Inline::plain(&cell.content),
                    ),
                    cell.header,
                ));
            }
        }
    }
    v
}

/// The layout a rendering shows: size, merged cells, label texts in order.
#[derive(Debug, PartialEq, Eq)]
struct Shape {
    rows: usize,
    columns: usize,
    merged: Vec<Placed>,
    labels: Vec<String>,
}

fn shape_of(t: &Table) -> Shape {
    let cells = placed(t);
    Shape {
        rows: t.rows.len(),
        columns: t.columns.len(),
        merged: cells
            .iter()
            .filter(|((_, _, rs, cs, _), _)| *rs > 1 || *cs > 1)
            .map(|(p, _)| p.clone())
            .collect(),
        labels: cells
            .iter()
            .filter(|(_, header)| *header)
            .map(|(p, _)| p.4.clone())
            .collect(),
    }
}

fn m(r: usize, c: usize, rs: usize, cs: usize, t: &str) -> Placed {
    (r, c, rs, cs, t.to_string())
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

const NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

fn spec_table2_2021() -> Shape {
    Shape {
        rows: 14,
        columns: 4,
        merged: vec![
            m(1, 1, 1, 4, "第二十条第（一）项"),
            m(5, 1, 1, 4, "第二十条第（五）项"),
            m(6, 2, 1, 3, "本年处理决定数量"),
            m(7, 2, 1, 3, "0"),
            m(8, 1, 1, 4, "第二十条第（六）项"),
            m(9, 2, 1, 3, "本年处理决定数量"),
            m(10, 2, 1, 3, "7"),
            m(11, 2, 1, 3, "0"),
            m(12, 1, 1, 4, "第二十条第（八）项"),
            m(13, 2, 1, 3, "本年收费金额（单位：万元）"),
            m(14, 2, 1, 3, "0.00"),
        ],
        labels: strings(&[
            "第二十条第（一）项",
            "信息内容",
            "本年制发件数",
            "本年废止件数",
            "现行有效件数",
            "规章",
            "行政规范性文件",
            "第二十条第（五）项",
            "信息内容",
            "本年处理决定数量",
            "行政许可",
            "第二十条第（六）项",
            "信息内容",
            "本年处理决定数量",
            "行政处罚",
            "行政强制",
            "第二十条第（八）项",
            "信息内容",
            "本年收费金额（单位：万元）",
            "行政事业性收费",
        ]),
    }
}

fn spec_table2_2019() -> Shape {
    Shape {
        rows: 18,
        columns: 4,
        merged: vec![
            m(1, 1, 1, 4, "第二十条第（一）项"),
            m(5, 1, 1, 4, "第二十条第（五）项"),
            m(9, 1, 1, 4, "第二十条第（六）项"),
            m(13, 1, 1, 4, "第二十条第（八）项"),
            m(16, 1, 1, 4, "第二十条第（九）项"),
        ],
        labels: strings(&[
            "第二十条第（一）项",
            "信息内容",
            "本年新制作数量",
            "本年新公开数量",
            "对外公开总数量",
            "规章",
            "规范性文件",
            "第二十条第（五）项",
            "信息内容",
            "上一年项目数量",
            "本年增/减",
            "处理决定数量",
            "行政许可",
            "其他对外管理服务事项",
            "第二十条第（六）项",
            "信息内容",
            "上一年项目数量",
            "本年增/减",
            "处理决定数量",
            "行政处罚",
            "行政强制",
            "第二十条第（八）项",
            "信息内容",
            "上一年项目数量",
            "本年增/减",
            "",
            "行政事业性收费",
            "第二十条第（九）项",
            "信息内容",
            "采购项目数量",
            "采购总金额",
            "",
            "政府集中采购",
        ]),
    }
}

fn table3_labels(y2021: bool) -> Vec<String> {
    let mut v = strings(&[
        NOTE,
        "申请人情况",
        "自然人",
        "法人或其他组织",
        "总计",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "三、本年度办理结果",
        "（一）予以公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（三）不予公开",
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
        "（四）无法提供",
        "1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
        "（五）不予处理",
        "1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
        "（六）其他处理",
    ]);
    if y2021 {
        v.extend(strings(&[
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "3.其他",
        ]));
    }
    v.extend(strings(&["（七）总计", "四、结转下年度继续办理"]));
    v
}

fn spec_table3(y2021: bool) -> Shape {
    let head = vec![
        m(1, 1, 3, 3, NOTE),
        m(1, 4, 1, 7, "申请人情况"),
        m(2, 4, 2, 1, "自然人"),
        m(2, 5, 1, 5, "法人或其他组织"),
        m(2, 10, 2, 1, "总计"),
        m(4, 1, 1, 3, "一、本年新收政府信息公开申请数量"),
        m(5, 1, 1, 3, "二、上年结转政府信息公开申请数量"),
    ];
    let mut merged = head;
    if y2021 {
        merged.extend([
            m(6, 1, 22, 1, "三、本年度办理结果"),
            m(6, 2, 1, 2, "（一）予以公开"),
            m(
                7,
                2,
                1,
                2,
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            ),
            m(8, 2, 8, 1, "（三）不予公开"),
            m(16, 2, 3, 1, "（四）无法提供"),
            m(19, 2, 5, 1, "（五）不予处理"),
            m(24, 2, 3, 1, "（六）其他处理"),
            m(27, 2, 1, 2, "（七）总计"),
            m(28, 1, 1, 3, "四、结转下年度继续办理"),
        ]);
    } else {
        merged.extend([
            m(6, 1, 20, 1, "三、本年度办理结果"),
            m(6, 2, 1, 2, "（一）予以公开"),
            m(
                7,
                2,
                1,
                2,
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            ),
            m(8, 2, 8, 1, "（三）不予公开"),
            m(16, 2, 3, 1, "（四）无法提供"),
            m(19, 2, 5, 1, "（五）不予处理"),
            m(24, 2, 1, 2, "（六）其他处理"),
            m(25, 2, 1, 2, "（七）总计"),
            m(26, 1, 1, 3, "四、结转下年度继续办理"),
        ]);
    }
    Shape {
        rows: if y2021 { 28 } else { 26 },
        columns: 10,
        merged,
        labels: table3_labels(y2021),
    }
}

fn spec_table4() -> Shape {
    Shape {
        rows: 4,
        columns: 15,
        merged: vec![
            m(1, 1, 1, 5, "行政复议"),
            m(1, 6, 1, 10, "行政诉讼"),
            m(2, 1, 2, 1, "结果维持"),
            m(2, 2, 2, 1, "结果纠正"),
            m(2, 3, 2, 1, "其他结果"),
            m(2, 4, 2, 1, "尚未审结"),
            m(2, 5, 2, 1, "总计"),
            m(2, 6, 1, 5, "未经复议直接起诉"),
            m(2, 11, 1, 5, "复议后起诉"),
        ],
        labels: strings(&[
            "行政复议",
            "行政诉讼",
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
            "未经复议直接起诉",
            "复议后起诉",
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
        ]),
    }
}

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
fn row_text(t: &Table, r: usize) -> Vec<String> {
    placed(t)
        .into_iter()
        .filter(|((row, ..), header)| *row == r && !header)
        .map(|((.., text), _)| text)
        .collect()
}

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
    let checked = check_files(&[path], &options);
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
    // `<table data-table="id">`, possibly with a class (`wide`: printed in 小四).
    let open = format!("<table data-table=\"{id}\"");
    let start = html.find(&open).ok_or(format!("no table {id}"))?;
    let body = &html[start..];
    let body = &body[..body.find("</table>").ok_or("unclosed table")?];
    let columns = body.matches("<col ").count();
    let mut taken: Vec<Vec<bool>> = Vec::new();
    let mut cells: Vec<(Placed, bool)> = Vec::new();
    // Rows are `<tr>` or `<tr class="keep">` (kept on the page of the next row).
    for (r, row) in body.split("<tr").skip(1).enumerate() {
        let row = row.split_once('>').map_or("", |(_, rest)| rest);
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
    let checked = check_files(&[data_dir().join(name)], &CheckOptions::default());
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
    let checked = check_files(&[data_dir().join(name)], &CheckOptions::default());
    let report = checked.reports.first().ok_or("no report")?;
    let (doc, warnings) =
        wengao::pipeline::document_for(report, &checked.catalogue, None).map_err(|d| d.message)?;
    assert_eq!(show(&warnings), "");
    Ok(doc)
}

#[test]
fn report_2021_has_the_six_sections_with_tables_in_two_to_four() -> TestResult {
    let doc = rendered_doc("sample-2021-disclosure.yaml")?;
    assert_eq!(
        doc.title.text,
        "示例县医疗保障局2022年政府信息公开工作年度报告"
    );
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
            (a.number, a.title.text.as_str(), tables)
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
    let checked = check_files(&[path], &CheckOptions::default());
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

// ---------------------------------------------------------------------------------------------
// DOCX read back: w:tbl → w:tr → w:tc with w:gridSpan and w:vMerge
// ---------------------------------------------------------------------------------------------

/// A table read back from `word/document.xml`.
#[derive(Debug, Default)]
struct DocxTable {
    grid_columns: usize,
    /// Rows marked `w:tblHeader` (repeated on each page).
    header_rows: usize,
    rows: usize,
    cells: Vec<Placed>,
}

impl DocxTable {
    fn merged(&self) -> Vec<Placed> {
        self.cells
            .iter()
            .filter(|(_, _, rs, cs, _)| *rs > 1 || *cs > 1)
            .cloned()
            .collect()
    }
}

/// One `w:tc` as written: its grid span, its vMerge (None, restart, continue) and its text.
#[derive(Debug, Default)]
struct Tc {
    span: usize,
    vmerge: Option<bool>,
    text: String,
}

fn attr(e: &quick_xml::events::BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find_map(|a| (a.key.as_ref() == key).then(|| a.value.to_string()))
}

/// Every table of a DOCX package, in document order.
fn docx_tables(bytes: &[u8]) -> Result<Vec<DocxTable>, Box<dyn std::error::Error>> {
    use quick_xml::events::Event;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")?.read_to_string(&mut xml)?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut tables = Vec::new();
    let mut rows: Vec<Vec<Tc>> = Vec::new();
    let (mut table, mut tc, mut in_t) = (DocxTable::default(), None::<Tc>, false);
    loop {
        let event = reader.read_event()?;
        let (start, e) = match &event {
            Event::Start(e) => (true, Some(e)),
            Event::Empty(e) => (false, Some(e)),
            _ => (false, None),
        };
        if let Some(e) = e {
            match e.name().as_ref() {
                "w:tbl" => {
                    table = DocxTable::default();
                    rows.clear();
                }
                "w:gridCol" => table.grid_columns += 1,
                "w:tr" => rows.push(Vec::new()),
                "w:tblHeader" => table.header_rows += 1,
                "w:tc" => {
                    tc = Some(Tc {
                        span: 1,
                        ..Tc::default()
                    })
                }
                "w:gridSpan" => {
                    if let (Some(c), Some(v)) = (tc.as_mut(), attr(e, "w:val")) {
                        c.span = v.parse()?;
                    }
                }
                "w:vMerge" => {
                    if let Some(c) = tc.as_mut() {
                        c.vmerge = Some(attr(e, "w:val").as_deref() == Some("restart"));
                    }
                }
                "w:t" => in_t = start,
                _ => {}
            }
        }
        match event {
            Event::Text(t) if in_t => {
                if let Some(c) = tc.as_mut() {
                    c.text.push_str(&t);
                }
            }
            Event::GeneralRef(r) if in_t => {
                if let Some(c) = tc.as_mut() {
                    c.text.push_str(match r.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        _ => "'",
                    });
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_t = false,
                "w:tc" => {
                    if let (Some(c), Some(row)) = (tc.take(), rows.last_mut()) {
                        row.push(c);
                    }
                }
                "w:tbl" => {
                    table.rows = rows.len();
                    for (r, row) in rows.iter().enumerate() {
                        let mut col = 0;
                        for c in row {
                            if c.vmerge == Some(false) {
                                let above = table
                                    .cells
                                    .iter_mut()
                                    .rev()
                                    .find(|p| p.1 == col + 1)
                                    .ok_or("vMerge continue without a start")?;
                                above.2 += 1;
                            } else {
                                table
                                    .cells
                                    .push((r + 1, col + 1, 1, c.span, c.text.clone()));
                            }
                            col += c.span;
                        }
                    }
                    tables.push(std::mem::take(&mut table));
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(tables)
}

/// The spec's layout of each table in `name` holds in the DOCX of the whole report (rendered
/// through the pipeline, written to a file and read back).
fn docx_matches_spec(name: &str, specs: [Shape; 3]) -> TestResult {
    let (_, tables) = sample_tables(name)?;
    let doc = rendered_doc(name)?;
    let bytes =
        wengao::render::output(&doc, wengao::render::Format::Docx, false).map_err(|d| d.message)?;
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

// ---------------------------------------------------------------------------------------------
// Samples
// ---------------------------------------------------------------------------------------------

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
    assert_eq!(show(&diags), "");
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
    assert_eq!(written.map(|l| (l.line, l.column)), Some((22, 101)));
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
        let (data, _) = check(&data_dir().join(yaml))?;
        let text = std::fs::read_to_string(data_dir().join(tera))?;
        assert_eq!(
            show(&disclosure::narrative::check(&data, tera, &text)),
            "",
            "{tera}"
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
