//! Writes the DOCX fixtures that `tests/docx_reader.py` reads back: `cargo run --example docx_fixtures -- DIR`.

mod docs;

use std::path::PathBuf;
use std::process::ExitCode;
use wengao::render::docx::{DocxOptions, PageNumbers, render};
use wengao::write::write_atomically;

fn main() -> ExitCode {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".to_string()));
    let summary = match docs::summary() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{}", e.0);
            return ExitCode::from(2);
        }
    };
    let tables = match docs::tables() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{}", e.0);
            return ExitCode::from(2);
        }
    };
    let edge = match docs::edge() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{}", e.0);
            return ExitCode::from(2);
        }
    };
    let centred = DocxOptions {
        page_numbers: PageNumbers::Centered,
        ..DocxOptions::default()
    };
    let mut outputs = vec![
        ("summary.docx", render(&summary, &DocxOptions::default())),
        ("tables.docx", render(&tables, &DocxOptions::default())),
        (
            "simple.docx",
            render(&docs::simple(), &DocxOptions::default()),
        ),
        ("centred.docx", render(&docs::simple(), &centred)),
        ("edge.docx", render(&edge, &DocxOptions::default())),
    ];
    // The annual summary of seed 000 (its text is kept under tests/import/seeds/).
    let doc = docs::from_plain_text(
        "三门县医疗保障服务中心\n2020年度工作总结和2021年度工作计划",
        include_str!("../../tests/import/seeds/000.txt"),
    );
    outputs.push(("seed-000.docx", render(&doc, &DocxOptions::default())));
    // The statutory tables of the disclosure samples, as the disclosure module builds them.
    for (name, year) in [
        ("yunxi-2020-disclosure", 2020),
        ("sample-2021-disclosure", 2022),
    ] {
        if let Some(doc) = disclosure_tables(name, year) {
            outputs.push((
                if year == 2020 {
                    "disclosure-yunxi-2020.docx"
                } else {
                    "disclosure-sample-2021.docx"
                },
                render(&doc, &DocxOptions::default()),
            ));
        }
    }
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("无法创建目录“{}”：{e}", dir.display());
        return ExitCode::from(2);
    }
    for (name, bytes) in outputs {
        let bytes = match bytes {
            Ok(b) => b,
            Err(d) => {
                eprintln!("{}", d.message);
                return ExitCode::from(2);
            }
        };
        let path = dir.join(name);
        if let Err(d) = write_atomically(&path, &bytes) {
            eprintln!("{}", d.message);
            return ExitCode::from(2);
        }
        println!("{}", path.display());
    }
    ExitCode::SUCCESS
}

/// A document holding the three statutory tables of `data/NAME.yaml` (表二, 表三, 表四).
fn disclosure_tables(name: &str, year: i32) -> Option<wengao::document::Document> {
    use wengao::document::{Block, Document};
    use wengao::model::{DocDate, Meta, Period, ReportKind};
    let text = std::fs::read_to_string(format!("data/{name}.yaml")).ok()?;
    let source = wengao::source::SourceFile::new(name, text);
    let input = wengao::load::load_source(&source).0?.disclosure?;
    let meta = Meta {
        agency: "测试局".into(),
        period: Period::Year(year),
        date: Some(DocDate {
            year: year + 1,
            month: 1,
            day: 20,
        }),
        date_pending: None,
        kind: ReportKind::Disclosure,
        title: None,
        title_lines: None,
        template: None,
        template_location: None,
        numbering: None,
    };
    let (data, _) = wengao::disclosure::check(&input, &meta, name);
    let tables = wengao::disclosure::grid::tables(&data).ok()?;
    let headings = [
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ];
    let mut blocks = Vec::new();
    for (t, h) in tables.into_iter().zip(headings) {
        blocks.push(docs::heading(
            1,
            &h[..h.find('、').map_or(0, |i| i + '、'.len_utf8())],
            &h[h.find('、').map_or(0, |i| i + '、'.len_utf8())..],
            None,
        ));
        blocks.push(Block::Table(t));
    }
    Some(Document {
        title: wengao::document::Title::new(&format!("{name}：法定表格")),
        blocks,
        ..Document::default()
    })
}
