//! Time to check the three disclosure tables, build their grids and render them to Markdown,
//! HTML and DOCX, in process: `cargo bench --bench disclosure`.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use wengao::disclosure::{self, DisclosureInput};
use wengao::document::{Block, Document};
use wengao::model::{DocDate, Meta, Period, ReportKind};
use wengao::render::docx::{self, DocxOptions};
use wengao::render::{html, markdown};

fn meta(year: i32) -> Meta {
    Meta {
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
    }
}

fn load(name: &str) -> Option<DisclosureInput> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(name);
    let text = std::fs::read_to_string(path).ok()?;
    let source = wengao::source::SourceFile::new(name, text);
    wengao::load::load_source(&source).0?.disclosure
}

fn bench(c: &mut Criterion) {
    for (name, year) in [
        ("yunxi-2020-disclosure.yaml", 2020),
        ("sample-2021-disclosure.yaml", 2022),
    ] {
        let Some(input) = load(name) else {
            eprintln!("cannot load {name}");
            continue;
        };
        let m = meta(year);
        c.bench_function(&format!("check {name}"), |b| {
            b.iter(|| disclosure::check(black_box(&input), &m, name))
        });
        let (data, _) = disclosure::check(&input, &m, name);
        c.bench_function(&format!("grids {name}"), |b| {
            b.iter(|| disclosure::grid::tables(black_box(&data)))
        });
        let Ok(tables) = disclosure::grid::tables(&data) else {
            continue;
        };
        let doc = Document {
            title: wengao::document::Title::new(name),
            blocks: tables.into_iter().map(Block::Table).collect(),
            ..Document::default()
        };
        c.bench_function(&format!("md {name}"), |b| {
            b.iter(|| markdown::render(black_box(&doc), &markdown::Options::default()))
        });
        c.bench_function(&format!("html {name}"), |b| {
            b.iter(|| html::render(black_box(&doc), &html::Options::default()))
        });
        c.bench_function(&format!("docx {name}"), |b| {
            b.iter(|| docx::render(black_box(&doc), &DocxOptions::default()).ok())
        });
        c.bench_function(&format!("check+grids+md+html+docx {name}"), |b| {
            b.iter(|| {
                let (data, _) = disclosure::check(black_box(&input), &m, name);
                let blocks = disclosure::grid::tables(&data)
                    .map(|t| t.into_iter().map(Block::Table).collect())
                    .unwrap_or_default();
                let doc = Document {
                    blocks,
                    ..Document::default()
                };
                (
                    markdown::render(&doc, &markdown::Options::default()),
                    html::render(&doc, &html::Options::default()),
                    docx::render(&doc, &DocxOptions::default()).ok(),
                )
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
