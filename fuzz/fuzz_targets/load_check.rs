//! Fuzz target: arbitrary bytes through decode → YAML load → validation against the built-in
//! catalogue, plus both diagnostic printers. Must never panic, hang or blow up memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use wengao::catalogue::Catalogue;
use wengao::diagnostic::Diagnostics;
use wengao::validate::{CheckOptions, check_loaded};

/// The built-in catalogue, parsed once (it is the same for every input).
fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| Catalogue::builtin().0)
}

fuzz_target!(|data: &[u8]| {
    let (src, loaded, mut ds) = wengao::load::load_bytes("fuzz.yaml", data);
    let catalogue = catalogue();
    let mut more = Diagnostics::default();
    let reports = check_loaded(loaded.into_iter().collect(), catalogue, &CheckOptions::default(), &mut more);
    ds.extend(more.items);
    let sources: Vec<_> = src.into_iter().collect();
    for d in &ds.items {
        let _ = wengao::report_diagnostics::human(d, &sources, true);
        let _ = wengao::report_diagnostics::json_line(d);
    }
    let _ = reports;
});
