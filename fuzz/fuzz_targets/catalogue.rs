//! Fuzz target: arbitrary bytes as a user catalogue (decode → parse → merge over the built-in
//! one → verify), then the 三门 sample checked against it. Must never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wengao::catalogue::Catalogue;
use wengao::diagnostic::Diagnostics;
use wengao::validate::{CheckOptions, check_loaded};

const SAMPLE: &str = include_str!("../../data/sanmen-2020.yaml");

fuzz_target!(|data: &[u8]| {
    let Ok((src, _)) = wengao::source::decode("fuzz-catalogue.yaml", data) else {
        return;
    };
    let mut catalogue = Catalogue::default();
    let mut ds = catalogue.merge_source(&src);
    ds.extend(catalogue.verify().items);
    let sample = wengao::source::SourceFile::new("sample.yaml", SAMPLE.to_string());
    let (loaded, _) = wengao::load::load_source(&sample);
    let mut more = Diagnostics::default();
    let _ = check_loaded(loaded.into_iter().collect(), &catalogue, &CheckOptions::default(), &mut more);
    for d in ds.items.iter().chain(more.items.iter()) {
        let _ = wengao::report_diagnostics::human(d, std::slice::from_ref(&src), false);
    }
});
