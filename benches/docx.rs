//! Rendering time of the DOCX backend: the sample summary (body, sign-off, two table
//! attachments) and seed 000's full annual summary (12 pages).

#[path = "../examples/docx_fixtures/docs.rs"]
mod docs;

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use wengao::render::docx::{DocxOptions, render};

fn bench(c: &mut Criterion) {
    let opts = DocxOptions::default();
    if let Ok(summary) = docs::summary() {
        c.bench_function("docx summary with tables", |b| {
            b.iter(|| render(black_box(&summary), &opts).ok())
        });
    }
    // Seed 000's text, kept in the repository so the bench never silently skips it.
    let text = include_str!("../tests/import/seeds/000.txt");
    let doc = docs::from_plain_text("2020年度工作总结和2021年度工作计划", text);
    c.bench_function("docx seed 000 annual summary", |b| {
        b.iter(|| render(black_box(&doc), &opts).ok())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
