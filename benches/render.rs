//! In-process time to render the 三门 2020 sample (already loaded and checked) to Markdown and
//! HTML: compose → document → both backends; once with the templates parsed for every report
//! (what a single `render` does) and once with one parsed set shared by every report (a batch).

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;
use wengao::compose::{ComposeOptions, Templates};
use wengao::pipeline::document_for;
use wengao::render::{html, markdown};
use wengao::validate::{CheckOptions, check_files};

fn render_annual(c: &mut Criterion) {
    let checked = check_files(
        &[PathBuf::from("data/sanmen-2020.yaml")],
        &CheckOptions::default(),
    );
    let Some(report) = checked.reports.first() else {
        eprintln!("bench: data/sanmen-2020.yaml did not load; nothing to measure");
        return;
    };
    let catalogue = &checked.catalogue;
    let options = ComposeOptions::default();
    let run = |templates: &Templates| {
        let (doc, _) = match document_for(black_box(report), catalogue, templates, &options) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("bench: {}", e.message);
                return 0;
            }
        };
        let md = markdown::render(&doc, &markdown::Options::default());
        let page = html::render(&doc, &html::Options::default());
        md.len() + page.len()
    };
    c.bench_function(
        "render sanmen-2020 to md+html (templates parsed per report)",
        |b| {
            b.iter(|| match Templates::new(None) {
                Ok(t) => run(&t),
                Err(_) => 0,
            })
        },
    );
    let Ok(shared) = Templates::new(None) else {
        return;
    };
    c.bench_function(
        "render sanmen-2020 to md+html (templates shared, batch)",
        |b| b.iter(|| run(&shared)),
    );
}

criterion_group!(benches, render_annual);
criterion_main!(benches);
