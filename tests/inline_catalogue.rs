//! Open units, figures declared in the indicator file itself, and figures written with a
//! qualifier (约200, 10余, 3以上): loaded, checked and printed in place by `fig()`.
#![allow(clippy::result_large_err)]

use std::path::{Path, PathBuf};
use wengao::model::{FigureValue, Origin, Qualifier};
use wengao::pipeline::{Format, RenderOptions, render_files};
use wengao::validate::{CheckOptions, check_files};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn write(dir: &Path, name: &str, text: &str) -> std::io::Result<PathBuf> {
    let p = dir.join(name);
    std::fs::write(&p, text)?;
    Ok(p)
}

const FILE: &str = "meta:
  agency: 三门县医疗保障局
  period: 2024
  date: 2025-01-10
  report: annual
  template: report.md.tera
catalogue:
  units:
    - {name: 人份, class: count}
  figures:
    - {key: zizhu_zhongduan, name: 自助终端, unit: 台}
    - {key: jicai_yaopin, name: 集采药品采购量, unit: 万盒, decimals: 2}
    - {key: jiance_shiji, name: 检测试剂, unit: 人份}
    - {key: peixun_a, name: 甲培训人次, unit: 人次}
    - {key: peixun_b, name: 乙培训人次, unit: 人次}
    - {key: peixun_heji, name: 培训人次合计, unit: 人次}
  relations:
    - {rule: sum, total: peixun_heji, parts: [peixun_a, peixun_b], note: 原文“共培训X人次”}
figures:
  zizhu_zhongduan: 12
  jicai_yaopin: 18余
  jiance_shiji: 约3000
  peixun_a: 200多
  peixun_b: 150
  jumin_canbao_lv: 99以上
";

const TEMPLATE: &str = "# 报告

布设自助终端{{ fig(key=\"zizhu_zhongduan\", unit=true) }}，采购集采药品{{ fig(key=\"jicai_yaopin\", unit=true) }}，发放检测试剂{{ fig(key=\"jiance_shiji\", unit=true) }}（{{ fig(key=\"jiance_shiji\") }}），培训{{ fig(key=\"peixun_a\", unit=true) }}和{{ fig(key=\"peixun_b\", unit=true) }}，共{{ fig(key=\"peixun_heji\", unit=true) }}；参保率{{ fig(key=\"jumin_canbao_lv\", unit=true) }}。
";

#[test]
fn inline_declarations_need_no_catalogue_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    let file = write(dir.path(), "a.yaml", FILE)?;
    let checked = check_files(&[file], &CheckOptions::default());
    assert!(
        checked.diagnostics.items.is_empty(),
        "{:#?}",
        checked.diagnostics.items
    );
    let c = &checked.catalogue;
    assert_eq!(c.unit_of("zizhu_zhongduan").map(|u| u.factor), Some(1));
    assert_eq!(c.unit_of("jicai_yaopin").map(|u| u.factor), Some(10_000));
    assert!(c.unit("人份").is_some());
    let def = c.get("jiance_shiji").ok_or("declared inline")?;
    assert_eq!(
        def.location
            .as_ref()
            .map(|l| (l.file.ends_with("a.yaml"), l.line)),
        Some((true, 13))
    );
    let rel = c
        .relations_for("peixun_heji")
        .next()
        .ok_or("relation declared inline")?;
    assert_eq!(rel.note.as_deref(), Some("原文“共培训X人次”"));

    let r = &checked.reports[0];
    assert_eq!(r.figures["jicai_yaopin"].qualifier, Some(Qualifier::Odd));
    assert_eq!(
        r.figures["jicai_yaopin"].value,
        FigureValue::Exact("18".parse()?)
    );
    // Computed from an approximate part: approximate too.
    let total = &r.figures["peixun_heji"];
    assert_eq!(total.value, FigureValue::Exact("350".parse()?));
    assert_eq!(total.qualifier, Some(Qualifier::About));
    assert!(matches!(total.origin, Origin::Computed { .. }));
    Ok(())
}

#[test]
fn fig_prints_the_qualifier_in_place() -> TestResult {
    let dir = tempfile::tempdir()?;
    let file = write(dir.path(), "a.yaml", FILE)?;
    write(dir.path(), "report.md.tera", TEMPLATE)?;
    let out = dir.path().join("out");
    let outcome = render_files(
        &[file],
        &RenderOptions {
            formats: vec![Format::Markdown],
            out_dir: out.clone(),
            ..RenderOptions::default()
        },
    );
    assert_eq!(outcome.exit_code, 0, "{:#?}", outcome.diagnostics.items);
    let md = std::fs::read_to_string(out.join("a.md"))?;
    assert!(
        md.contains("布设自助终端12台，采购集采药品18万余盒，发放检测试剂约3000人份（约3000），培训200多人次和150人次，共约350人次；参保率99%以上。"),
        "{md}"
    );
    Ok(())
}

#[test]
fn a_relation_never_flags_an_approximate_figure() -> TestResult {
    let dir = tempfile::tempdir()?;
    // Written total 约31069.08 against parts summing to 31025.47: no mismatch; the same total
    // written exactly is flagged.
    let text = |total: &str| {
        format!(
            "meta: {{agency: 甲, period: 2020, date: 2021-01-07, report: annual}}\nfigures:\n  jumin_jijin_zhichu: {total}\n  jumin_zhuyuan_zhichu: 21724.78\n  jumin_menzhen_zhichu: 9300.69\n"
        )
    };
    let approx = write(dir.path(), "approx.yaml", &text("约31069.08"))?;
    let exact = write(dir.path(), "exact.yaml", &text("31069.08"))?;
    let a = check_files(&[approx], &CheckOptions::default());
    assert!(a.diagnostics.items.is_empty(), "{:#?}", a.diagnostics.items);
    let e = check_files(&[exact], &CheckOptions::default());
    let codes: Vec<&str> = e
        .diagnostics
        .items
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(codes, ["W-REL-MISMATCH"]);
    Ok(())
}
