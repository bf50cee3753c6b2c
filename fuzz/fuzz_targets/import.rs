//! Fuzz target: arbitrary bytes imported as a report — as text, Markdown, a web page or a DOCX
//! package (the first byte picks which) — then the indicator file the import wrote loaded and
//! checked. Must never panic or hang; an imported file must always load (no YAML or catalogue
//! error: the importer writes what the loader reads).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use wengao::catalogue::Catalogue;
use wengao::diagnostic::Diagnostics;
use wengao::import::assemble::{AssembleOptions, assemble};
use wengao::import::read::read_bytes;
use wengao::model::Period;
use wengao::validate::{CheckOptions, check_loaded};

fn catalogue() -> &'static (Catalogue, Vec<(String, String)>) {
    static CATALOGUE: OnceLock<(Catalogue, Vec<(String, String)>)> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let c = Catalogue::builtin().0;
        let a = wengao::import::run::aliases(&c);
        (c, a)
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else {
        return;
    };
    let name = match mode % 4 {
        0 => "f.txt",
        1 => "f.md",
        2 => "f.html",
        _ => "f.docx",
    };
    let Ok(input) = read_bytes(name, bytes, &wengao::import::docx::read_package) else {
        return;
    };
    let (catalogue, aliases) = catalogue();
    let options = AssembleOptions {
        period: (mode & 0x80 != 0).then_some(Period::Year(2020)),
    };
    let Some(imported) = assemble(&input.blocks, name, "f.md.tera", catalogue, aliases, &options)
    else {
        return;
    };
    let (_, mut loaded, ds) = wengao::load::load_bytes("f.yaml", imported.yaml.as_bytes());
    let mut more = Diagnostics::default();
    let mut merged = catalogue.clone();
    if let Some(inline) = loaded.as_mut().and_then(|l| l.inline_catalogue.take()) {
        more.extend(merged.merge_inline(inline).items);
    }
    let _ = check_loaded(loaded.into_iter().collect(), &merged, &CheckOptions::default(), &mut more);
    for d in ds.items.iter().chain(more.items.iter()) {
        assert!(
            !(d.is_error() && (d.code.starts_with("E-YAML") || d.code.starts_with("E-CAT"))),
            "imported file does not load: {} {}\n{}",
            d.code,
            d.message,
            imported.yaml
        );
    }
});
