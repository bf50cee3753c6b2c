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
    };
    let seed = std::fs::read_to_string("../shared/seeds/000_739571f40ac52b85.txt").ok();
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
    // The annual summary of seed 000 (when the shared seeds are present).
    if let Some(text) = seed {
        let doc = docs::from_plain_text(
            "三门县医疗保障服务中心\n2020年度工作总结和2021年度工作计划",
            &text,
        );
        outputs.push(("seed-000.docx", render(&doc, &DocxOptions::default())));
    }
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("无法创建目录“{}”：{e}", dir.display());
        return ExitCode::from(2);
    }
    for (name, bytes) in outputs {
        let path = dir.join(name);
        if let Err(d) = write_atomically(&path, &bytes) {
            eprintln!("{}", d.message);
            return ExitCode::from(2);
        }
        println!("{}", path.display());
    }
    ExitCode::SUCCESS
}
