//! Render pipeline tests: compose → document → Markdown/HTML, on constructed reports and the
//! samples in `data/`, compared with golden files under `tests/render/`.
#![allow(clippy::result_large_err)]

use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::PathBuf;
use wengao::catalogue::{Catalogue, FigureDef, FigureKind};
use wengao::compose::{self, ComposeOptions, Templates};
use wengao::diagnostic::Location;
use wengao::document::{self, Align, Block, Cell, Column, Document, Inline, Table, TableBuilder};
use wengao::model::{DocDate, Figure, FigureValue, Meta, Origin, Period, Report, ReportKind};
use wengao::pipeline::{Format, RenderOptions, render_files};
use wengao::render::{html, markdown};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn def(key: &str, name: &str, unit: &str) -> FigureDef {
    FigureDef {
        key: key.into(),
        name: name.into(),
        unit: unit.into(),
        kind: FigureKind::Stock,
        decimals: None,
        min: None,
        max: None,
        aliases: Vec::new(),
        location: None,
    }
}

fn catalogue() -> Catalogue {
    let mut c = Catalogue::default();
    for (k, n, u) in [
        ("jumin_canbao_renshu", "城乡居民医保参保人数", "人"),
        ("jumin_canbao_lv", "城乡居民医保参保率", "%"),
        ("jumin_chouzi_zonge", "城乡居民医保筹资总额", "万元"),
        ("jumin_jiuzhen_renci", "城乡居民医保就诊人次", "人次"),
        ("zhigong_canbao_renshu", "职工医保参保人数", "人"),
        ("zhigong_canbao_lv", "职工医保参保率", "%"),
        ("zhigong_jijin_zhichu", "职工医保基金支出", "万元"),
        ("jiuzhu_renci", "医疗救助人次", "人次"),
        ("jihe_yiyuan_zhuihui", "定点医疗机构追回违规基金", "元"),
        (
            "zhigong_jijin_zhichu_tongbi",
            "职工医保基金支出同比增长率",
            "%",
        ),
        (
            "zhigong_xiangshou_renci",
            "城镇职工医保享受待遇人次",
            "人次",
        ),
        ("jumin_jijin_zhichu", "城乡居民医保基金支出", "万元"),
    ] {
        c.figures.insert(k.into(), def(k, n, u));
    }
    c
}

fn report(figures: &[(&str, &str)], previous: &[(&str, &str)]) -> Report {
    report_at("data/test-2020.yaml", None, figures, previous)
}

/// A report as if loaded from `file`, optionally with its own narrative template.
fn report_at(
    file: &str,
    template: Option<&str>,
    figures: &[(&str, &str)],
    previous: &[(&str, &str)],
) -> Report {
    let file = file.to_string();
    let mk = |(i, (k, v)): (usize, &(&str, &str))| -> (String, Figure) {
        let value = match v.parse::<Decimal>() {
            Ok(d) => FigureValue::Exact(d),
            Err(_) => FigureValue::Pending,
        };
        (
            (*k).to_string(),
            Figure {
                key: (*k).to_string(),
                value,
                origin: Origin::Written(Location::new(file.clone(), 10 + i as u32, 3)),
                qualifier: None,
            },
        )
    };
    Report {
        file: file.clone(),
        meta: Meta {
            agency: "某县医疗保障服务中心".into(),
            period: Period::Year(2020),
            date: Some(DocDate::new(2021, 1, 7).unwrap_or(DocDate {
                year: 2021,
                month: 1,
                day: 7,
            })),
            date_pending: None,
            kind: ReportKind::Annual,
            title: None,
            title_lines: None,
            template: template.map(PathBuf::from),
            template_location: None,
            numbering: None,
        },
        figures: figures
            .iter()
            .enumerate()
            .map(mk)
            .collect::<BTreeMap<_, _>>(),
        previous: previous
            .iter()
            .enumerate()
            .map(mk)
            .collect::<BTreeMap<_, _>>(),
        disclosure: None,
    }
}

fn build(r: &Report, options: &ComposeOptions) -> Result<Document, wengao::diagnostic::Diagnostic> {
    build_with(r, options, &BTreeMap::new())
}

fn build_with(
    r: &Report,
    options: &ComposeOptions,
    tables: &BTreeMap<String, Table>,
) -> Result<Document, wengao::diagnostic::Diagnostic> {
    let templates = Templates::new(None)?;
    let composition = compose::compose(r, &catalogue(), &templates, options)?;
    document::build(&composition.composed, tables)
}

/// The golden file `tests/render/NAME`: compared, or written when `WENGAO_BLESS=1`.
fn golden(name: &str, actual: &str) -> TestResult {
    let path = PathBuf::from("tests/render").join(name);
    if std::env::var_os("WENGAO_BLESS").is_some() {
        std::fs::write(&path, actual)?;
        return Ok(());
    }
    let expected = std::fs::read_to_string(&path)?;
    if expected != actual {
        let diff_at = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        return Err(format!(
            "{name} differs from the golden file at line {}:\nexpected: {:?}\nactual:   {:?}",
            diff_at + 1,
            expected.lines().nth(diff_at),
            actual.lines().nth(diff_at)
        )
        .into());
    }
    Ok(())
}

const BASIC: &[(&str, &str)] = &[
    ("jumin_canbao_renshu", "311881"),
    ("jumin_canbao_lv", "99.87"),
    ("jumin_chouzi_zonge", "42905.96"),
    ("zhigong_canbao_renshu", "98166"),
    ("jiuzhu_renci", "51547"),
    ("jihe_yiyuan_zhuihui", "957315.46"),
];

fn merged_header_table() -> Result<Table, Box<dyn std::error::Error>> {
    let cols = vec![
        Column {
            width: 2,
            align: Align::Left,
        },
        Column {
            width: 1,
            align: Align::Right,
        },
        Column {
            width: 1,
            align: Align::Right,
        },
    ];
    let mut b = TableBuilder::new("t1", cols, 2).title("表1 基金收支");
    b.place(0, 0, Cell::label("项目").span(2, 1))?;
    b.place(0, 1, Cell::label("金额（万元）").span(1, 2))?;
    b.place(1, 1, Cell::label("本年"))?;
    b.place(1, 2, Cell::label("上年"))?;
    b.place(2, 0, Cell::label("收入<含利息>").align(Align::Left))?;
    b.place(2, 1, Cell::data(vec![Inline::Text("42905.96".into())]))?;
    b.place(2, 2, Cell::data(vec![Inline::Text("40000".into())]))?;
    Ok(b.build()?)
}

#[test]
fn annual_shipped_template_golden() -> TestResult {
    let doc = build(&report(BASIC, &[]), &ComposeOptions::default()).map_err(|d| d.message)?;
    golden(
        "constructed-annual.md",
        &markdown::render(&doc, &markdown::Options::default()),
    )?;
    golden(
        "constructed-annual.html",
        &html::render(&doc, &html::Options::default()),
    )
}

#[test]
fn reruns_are_byte_identical() -> TestResult {
    let r = report(BASIC, &[]);
    let a = build(&r, &ComposeOptions::default()).map_err(|d| d.message)?;
    let b = build(&r, &ComposeOptions::default()).map_err(|d| d.message)?;
    assert_eq!(
        html::render(&a, &html::Options::default()),
        html::render(&b, &html::Options::default())
    );
    assert_eq!(
        markdown::render(&a, &markdown::Options::default()),
        markdown::render(&b, &markdown::Options::default())
    );
    Ok(())
}

fn headings(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some(format!("{}{}", h.number, Inline::plain(&h.content))),
            _ => None,
        })
        .collect()
}

#[test]
fn omitted_section_renumbers_the_rest() -> TestResult {
    let full = build(&report(BASIC, &[]), &ComposeOptions::default()).map_err(|d| d.message)?;
    assert_eq!(
        headings(&full),
        [
            "一、2020年度工作总结",
            "（一）参保扩面",
            "（二）基金筹集",
            "（三）医疗救助",
            "（四）基金监管与追回",
            "二、存在的问题",
            "三、2021年度工作计划",
            "（一）参保扩面再发力。",
            "（二）基金监管再加强。",
            "（三）待遇保障再提升。",
            "（四）经办服务再优化。",
        ]
    );
    // Without its only figure 基金筹集 disappears and the later sections move up.
    let fewer: Vec<(&str, &str)> = BASIC
        .iter()
        .copied()
        .filter(|(k, _)| *k != "jumin_chouzi_zonge")
        .collect();
    let doc = build(&report(&fewer, &[]), &ComposeOptions::default()).map_err(|d| d.message)?;
    assert_eq!(
        headings(&doc)[..5],
        [
            "一、2020年度工作总结",
            "（一）参保扩面",
            "（二）医疗救助",
            "（三）基金监管与追回",
            "二、存在的问题",
        ]
    );
    // A section keeps only the sentences whose figures are there: no 参保率, no 职工 sentence.
    let md = markdown::render(&doc, &markdown::Options::default());
    assert!(
        md.contains("城乡居民医保参保人数为311881人，参保率达99.87%。职工医保参保人数为98166人。")
    );
    let bare: Vec<(&str, &str)> = fewer
        .iter()
        .copied()
        .filter(|(k, _)| !k.starts_with("zhigong") && *k != "jumin_canbao_lv")
        .collect();
    let doc = build(&report(&bare, &[]), &ComposeOptions::default()).map_err(|d| d.message)?;
    let md = markdown::render(&doc, &markdown::Options::default());
    assert!(md.contains("### （一）参保扩面\n\n深入实施全民参保计划，持续推进参保扩面提质增效。城乡居民医保参保人数为311881人。\n"));
    // With no summary figure at all, the summary keeps its heading and the problems and plan follow.
    let none = build(&report(&[], &[]), &ComposeOptions::default()).map_err(|d| d.message)?;
    assert_eq!(
        headings(&none)[..3],
        [
            "一、2020年度工作总结",
            "二、存在的问题",
            "三、2021年度工作计划"
        ]
    );
    Ok(())
}

#[test]
fn shipped_templates_write_yoy_from_previous_value_or_written_growth() -> TestResult {
    let figures = [
        ("jumin_chouzi_zonge", "42905.96"),
        ("zhigong_jijin_zhichu", "3214.6"),
        ("zhigong_jijin_zhichu_tongbi", "-18"),
        ("zhigong_xiangshou_renci", "101192"),
        ("jumin_jijin_zhichu", "6008.1"),
    ];
    let r = report(
        &figures,
        &[
            ("jumin_chouzi_zonge", "40000"),
            ("jumin_jijin_zhichu", "6008.1"),
        ],
    );
    let doc = build(&r, &ComposeOptions::default()).map_err(|d| d.message)?;
    let md = markdown::render(&doc, &markdown::Options::default());
    // 42905.96 / 40000 − 1 = 7.2649% → 7.3%; −18 as written → 下降; equal values → 持平.
    assert!(
        md.contains("城乡居民医保总筹资额42905.96万元，同比增长7.3%。"),
        "{md}"
    );
    assert!(
        md.contains("城镇职工医保享受待遇101192人次，基金支出3214.6万元，同比下降18%；城乡居民医保基金支出6008.1万元，同比持平。"),
        "{md}"
    );
    Ok(())
}

fn narrative_report() -> Report {
    report_at(
        "tests/render/narrative.yaml",
        Some("narrative.md.tera"),
        &[
            ("jumin_canbao_renshu", "311881"),
            ("jumin_jiuzhen_renci", "2285000"),
        ],
        &[("jumin_canbao_renshu", "300000")],
    )
}

#[test]
fn narrative_extends_shipped_template_escapes_script_and_places_table() -> TestResult {
    let tables = BTreeMap::from([("t1".to_string(), merged_header_table()?)]);
    let options = ComposeOptions {
        table_ids: tables.keys().cloned().collect(),
        ..ComposeOptions::default()
    };
    let doc = build_with(&narrative_report(), &options, &tables).map_err(|d| d.message)?;
    let md = markdown::render(&doc, &markdown::Options::default());
    let page = html::render(&doc, &html::Options::default());
    golden("narrative.md", &md)?;
    golden("narrative.html", &page)?;
    assert!(!page.contains("<script>"), "script must be escaped");
    assert!(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 其他"));
    assert!(md.contains("\\<script\\>alert(\"x\")\\</script\\> \\& 其他"));
    assert!(
        md.contains("参保人数311881人，同比增长4%；就诊228.5万人次。"),
        "{md}"
    );
    // The merged header: 项目 spans two rows, 金额 two columns, in both outputs.
    let header = "<tr><th class=\"center\" rowspan=\"2\">项目</th><th class=\"center\" colspan=\"2\">金额（万元）</th></tr>\n<tr><th class=\"center\">本年</th><th class=\"center\">上年</th></tr>";
    assert!(page.contains(header), "{page}");
    assert!(md.contains(header), "{md}");
    assert!(md.contains("<th class=\"left\">收入&lt;含利息&gt;</th>"));
    // Provenance of every figure: relative to the indicator file's folder, with the Chinese name.
    assert!(page.contains("<span class=\"fig\" data-key=\"jumin_jiuzhen_renci\" data-src=\"narrative.yaml:11\" title=\"城乡居民医保就诊人次（jumin_jiuzhen_renci） · narrative.yaml:11\">228.5万人次</span>"), "{page}");
    Ok(())
}

#[test]
fn unknown_figure_names_template_line_key_and_suggestion() -> TestResult {
    let r = report_at(
        "tests/render/unknown.yaml",
        Some("unknown.md.tera"),
        BASIC,
        &[],
    );
    let err = match build(&r, &ComposeOptions::default()) {
        Ok(_) => return Err("expected an error".into()),
        Err(d) => d,
    };
    assert_eq!(err.code, "E-TEMPLATE-FIGURE");
    assert_eq!(err.message, "模板引用了未知指标“jumin_canbao_renshuu”");
    assert_eq!(
        err.hint.as_deref(),
        Some("是不是“jumin_canbao_renshu”（城乡居民医保参保人数）？")
    );
    let loc = err.location.ok_or("no location")?;
    assert_eq!(
        (loc.file.as_str(), loc.line),
        ("tests/render/unknown.md.tera", 4)
    );
    Ok(())
}

#[test]
fn functions_and_filters() -> TestResult {
    let r = report_at(
        "tests/render/functions.yaml",
        Some("functions.md.tera"),
        &[
            ("jumin_canbao_renshu", "311881"),
            ("zhigong_canbao_renshu", "98166"),
            ("jumin_canbao_lv", "99.87"),
            ("zhigong_canbao_lv", "95.29"),
            ("jumin_jiuzhen_renci", "2240800"),
            ("jumin_chouzi_zonge", "42905.96"),
            ("zhigong_jijin_zhichu", "XX"),
            ("jumin_zengzhang", "-3.45"),
            ("zhigong_zengzhang", "0.0"),
        ],
        &[
            ("jumin_canbao_renshu", "300000"),
            ("zhigong_canbao_renshu", "98166"),
            ("jumin_chouzi_zonge", "45000"),
            ("zhigong_jijin_zhichu", "19000"),
        ],
    );
    let doc = build(&r, &ComposeOptions::default()).map_err(|d| d.message)?;
    let paragraph = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Paragraph(p) if Inline::plain(p).contains('|') => Some(Inline::plain(p)),
            _ => None,
        })
        .ok_or("no paragraph")?;
    assert_eq!(
        paragraph,
        "十二|二千零二十|228.5万|3.16亿|2.35|3|\
         224.1万人次|4.29亿元|42906|99.87%|XX万元|XX万元|\
         317.7%|完成年度目标任务的317.7%|4.58个百分点|下降4.58个百分点|\
         同比增长4%|同比持平|同比下降4.65%|同比下降3.45%|同比持平|同比增长XX%"
    );
    Ok(())
}

// ── The samples in data/ through the whole pipeline (check → … → write) ──

/// Renders `inputs` to Markdown and HTML in a fresh folder; returns the folder.
fn render_samples(inputs: &[&str]) -> Result<tempfile::TempDir, Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let options = RenderOptions {
        formats: vec![Format::Markdown, Format::Html],
        out_dir: dir.path().to_path_buf(),
        ..RenderOptions::default()
    };
    let files: Vec<PathBuf> = inputs.iter().map(PathBuf::from).collect();
    let outcome = render_files(&files, &options);
    let errors: Vec<String> = outcome
        .diagnostics
        .items
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    if outcome.exit_code != 0 || !errors.is_empty() {
        return Err(format!("render failed ({}): {errors:?}", outcome.exit_code).into());
    }
    Ok(dir)
}

/// Every number in `text` as written: `2020`, `99.87`, `228.5`.
fn numbers_in(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let mut n = String::new();
            while i < chars.len() && chars[i].is_ascii_digit() {
                n.push(chars[i]);
                i += 1;
            }
            if i + 1 < chars.len() && chars[i] == '.' && chars[i + 1].is_ascii_digit() {
                n.push('.');
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    n.push(chars[i]);
                    i += 1;
                }
            }
            out.push(n);
        } else {
            i += 1;
        }
    }
    out
}

/// The lines from the first one starting with `from` up to (not including) the first later one
/// starting with `to`.
fn section<'a>(text: &'a str, from: &str, to: &str) -> Result<Vec<&'a str>, String> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with(from))
        .ok_or(format!("no line starting with {from}"))?;
    let end = lines[start..]
        .iter()
        .position(|l| l.starts_with(to))
        .ok_or(format!("no line starting with {to}"))?;
    Ok(lines[start..start + end].to_vec())
}

/// The numbers of seed 000's sections 一(一) and 一(二), in order, as `numbers_in` reads them
/// (kept in `tests/render/seed-000-numbers.txt`, so no `../shared` is needed).
fn seed_000_numbers() -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let path = "tests/render/seed-000-numbers.txt";
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    Ok(text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .map(String::from)
        .collect())
}

#[test]
fn sanmen_sections_1_and_2_keep_every_number_of_seed_000() -> TestResult {
    let expected = seed_000_numbers()?;
    let dir = render_samples(&["data/sanmen-2020.yaml"])?;
    let md = std::fs::read_to_string(dir.path().join("sanmen-2020.md"))?;
    let ours = section(&md, "### （一）城乡居民参保筹资", "### （三）")?.join("\n");
    assert_eq!(
        expected.len(),
        67,
        "the seed's two sections hold 67 numbers"
    );
    assert_eq!(numbers_in(&ours), expected);
    Ok(())
}

#[test]
fn samples_match_golden_files_and_rerun_byte_identical() -> TestResult {
    // shi-2025-H1 and yunxi-2020-summary have no narrative: the shipped templates write them.
    let inputs = [
        "data/sanmen-2020.yaml",
        "data/xian-2025-H1.yaml",
        "data/shi-2025-H1.yaml",
        "data/yunxi-2020-summary.yaml",
    ];
    let first = render_samples(&inputs)?;
    let second = render_samples(&inputs)?;
    for name in [
        "sanmen-2020.md",
        "sanmen-2020.html",
        "xian-2025-H1.md",
        "xian-2025-H1.html",
        "shi-2025-H1.md",
        "yunxi-2020-summary.md",
    ] {
        let a = std::fs::read(first.path().join(name))?;
        let b = std::fs::read(second.path().join(name))?;
        assert!(a == b, "{name} differs between two runs");
        golden(name, &String::from_utf8(a)?)?;
    }
    Ok(())
}

#[test]
fn half_year_sample_prints_pending_figures_as_xx() -> TestResult {
    let dir = render_samples(&["data/xian-2025-H1.yaml"])?;
    let md = std::fs::read_to_string(dir.path().join("xian-2025-H1.md"))?;
    let page = std::fs::read_to_string(dir.path().join("xian-2025-H1.html"))?;
    assert!(md.contains("我县职工基本医保1—6月基金收入XX万元，基金支出XX万元，基金累计结余XX万元"));
    assert!(md.contains("## 二、存在的问题\n\n一是扩面征缴难度加大。"));
    assert!(md.contains("（一）政策宣传再加强。继续加大"));
    assert!(md.ends_with("XX县医疗保障局\\\n2025年7月10日\n"));
    assert!(page.contains(
        "<span class=\"fig pending\" data-key=\"zhigong_jijin_shouru\" data-src=\"xian-2025-H1.yaml:"
    ));
    Ok(())
}

#[path = "parts/render_cli.rs"]
mod command_line;
