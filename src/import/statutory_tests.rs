//! Tests of [`super::statutory`]: statutory tables found in tables flattened to lines, in both
//! formats, and carried into an indicator file that checks and renders.
use super::*;
use crate::import::assemble::{AssembleOptions, assemble};
use crate::import::blocks::from_text;

/// A 2021-format report as copied from a web page: one cell per line, no `|`.
const REPORT_2021: &str = "示例县医疗保障局2022年政府信息公开工作年度报告
一、总体情况
2022年，我局主动公开政府信息156条，办理依申请公开2件。
二、主动公开政府信息情况
第二十条第（一）项
信息内容
本年制发件数
本年废止件数
现行有效件数
规章
0
0
0
行政规范性文件
3
1
12
第二十条第（五）项
信息内容
本年处理决定数量
行政许可
0
第二十条第（六）项
信息内容
本年处理决定数量
行政处罚
27
行政强制
—
第二十条第（八）项
信息内容
本年收费金额（单位：万元）
行政事业性收费
0
三、收到和处理政府信息公开申请情况
示例县医疗保障局
2023年1月16日";

#[test]
fn a_2021_table_copied_one_cell_per_line() {
    let blocks = from_text(REPORT_2021);
    let s = find(&blocks, 2022).expect("tables");
    assert_eq!(s.format, "2021");
    assert_eq!(s.tables.len(), 1);
    let t = &s.tables[0];
    assert_eq!((t.id.as_str(), t.name.as_str()), ("zhudong", "表二"));
    let v = |x: &str| Cell::Value(x.to_string());
    assert_eq!(
        t.rows[1],
        (
            "行政规范性文件".to_string(),
            vec![
                ("本年制发件数".to_string(), v("3")),
                ("本年废止件数".to_string(), v("1")),
                ("现行有效件数".to_string(), v("12")),
            ]
        )
    );
    // A dash is a blank cell, kept blank.
    assert_eq!(
        t.rows[4].1,
        vec![("本年处理决定数量".to_string(), Cell::Blank)]
    );
    let yaml = yaml(&s);
    assert!(
        yaml.contains("  format: 2021   # 由表格的栏目推断，请核对\n"),
        "{yaml}"
    );
    assert!(yaml.contains("  blank: blank"), "{yaml}");
    assert!(
        yaml.contains("    行政处罚: {本年处理决定数量: 27}\n"),
        "{yaml}"
    );
    assert!(
        yaml.contains("    行政强制: {本年处理决定数量: }\n"),
        "{yaml}"
    );
    // The lines the table came from are one block now; the prose stays.
    let replaced = replace(&blocks, &s);
    let texts: Vec<String> = replaced
        .iter()
        .map(|b| match b {
            SourceBlock::Paragraph(p) => p.text.clone(),
            SourceBlock::Table(t) => format!("[{}]", t.statutory.clone().unwrap_or_default()),
        })
        .collect();
    assert_eq!(
        texts[3..6],
        [
            "二、主动公开政府信息情况".to_string(),
            "[zhudong]".to_string(),
            "三、收到和处理政府信息公开申请情况".to_string()
        ]
    );
}

#[test]
fn imported_tables_check_and_render() {
    let (catalogue, _) = crate::catalogue::Catalogue::builtin();
    let aliases = crate::import::run::aliases(&catalogue);
    let imported = assemble(
        &from_text(REPORT_2021),
        "r.txt",
        "r.md.tera",
        &catalogue,
        &aliases,
        &AssembleOptions::default(),
    )
    .expect("imports");
    assert!(
        imported
            .template
            .contains("\n{{ table(id=\"zhudong\") }}\n")
    );
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("r.yaml"), &imported.yaml).expect("yaml");
    std::fs::write(dir.path().join("r.md.tera"), &imported.template).expect("template");
    let checked = crate::validate::check_files(
        &[dir.path().join("r.yaml")],
        &crate::validate::CheckOptions::default(),
    );
    let errors: Vec<_> = checked
        .diagnostics
        .items
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{}", imported.yaml);
    let data = checked.reports[0].disclosure.clone().expect("tables");
    let zhudong = data.table("zhudong").expect("表二");
    assert_eq!(zhudong.cells[1][2].printed(data.blank), "12");
    assert_eq!(zhudong.cells[3][0].printed(data.blank), "27");
    assert_eq!(zhudong.cells[4][0].printed(data.blank), "");
}

#[test]
fn prose_is_not_a_table() {
    let blocks = from_text("2022年工作总结\n一、基本情况\n全年办理行政许可0件，行政处罚27件。");
    assert_eq!(find(&blocks, 2022).map(|s| s.tables.len()).unwrap_or(0), 0);
}
