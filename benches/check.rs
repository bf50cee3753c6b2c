//! Load + check speed: the 三门 2020 sample, and a generated file of 10,000 figures tied by 2,000
//! relations (with its own catalogue). The generated files are left in `target/check-bench/` so
//! peak memory can be measured on the release binary:
//! `/usr/bin/time -v target/x86_64-unknown-linux-gnu/release/wengao check target/check-bench/big.yaml
//! --catalogue target/check-bench/big-catalogue.yaml` (builds name the host as their target).

use criterion::{Criterion, criterion_group, criterion_main};
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use wengao::load;
use wengao::validate::{CheckOptions, check_files, check_loaded};

const GROUPS: usize = 2_000;

fn half_up(d: rust_decimal::Decimal) -> rust_decimal::Decimal {
    d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// Writes the big indicator file and its catalogue; returns their paths.
fn generate(dir: &Path) -> (PathBuf, PathBuf) {
    let mut cat = String::from("figures:\n");
    let mut rel = String::from("relations:\n");
    let mut fig = String::from(
        "meta:\n  agency: 基准测试医疗保障局\n  period: 2025\n  date: 2026-01-10\n  report: annual\nfigures:\n",
    );
    for g in 0..GROUPS {
        let a = 1000 + (g as i64 * 7919) % 100_000;
        let b = 200 + (g as i64 * 104_729) % 5_000;
        let c = 17 + g as i64 % 300;
        let d = 3 + g as i64 % 50;
        // Every tenth group has a total that disagrees with its parts.
        let off = if g % 10 == 0 { 1 } else { 0 };
        let (units, total, rule): ([&str; 5], String, String) = match g % 4 {
            0 => (
                ["人", "人", "人", "人", "人"],
                format!("{}", a + b + c + d + off),
                format!(
                    "  - {{rule: sum, total: g{g}_t, parts: [g{g}_a, g{g}_b, g{g}_c, g{g}_d]}}\n"
                ),
            ),
            1 => (
                ["万元", "万元", "万元", "万元", "万元"],
                format!("{}", a - b + off),
                format!(
                    "  - {{rule: difference, result: g{g}_t, minuend: g{g}_a, subtrahend: g{g}_b}}\n"
                ),
            ),
            2 => {
                let pct = rust_decimal::Decimal::from(b * 100) / rust_decimal::Decimal::from(a);
                (
                    ["%", "人", "人", "人", "人"],
                    format!("{}", half_up(pct) + rust_decimal::Decimal::from(off)),
                    format!(
                        "  - {{rule: ratio, result: g{g}_t, numerator: g{g}_b, denominator: g{g}_a, scale: 100}}\n"
                    ),
                )
            }
            _ => {
                let per = rust_decimal::Decimal::from(a * 10_000) / rust_decimal::Decimal::from(b);
                (
                    ["元", "万元", "人次", "人", "人"],
                    format!("{}", half_up(per) + rust_decimal::Decimal::from(off)),
                    format!(
                        "  - {{rule: per_capita, result: g{g}_t, amount: g{g}_a, count: g{g}_b}}\n"
                    ),
                )
            }
        };
        let values = [
            total,
            a.to_string(),
            b.to_string(),
            c.to_string(),
            d.to_string(),
        ];
        for (i, name) in ["t", "a", "b", "c", "d"].iter().enumerate() {
            let _ = writeln!(
                cat,
                "  - {{key: g{g}_{name}, name: 第{g}组指标{name}, unit: \"{}\", kind: flow, min: -1000000000}}",
                units[i]
            );
            let _ = writeln!(fig, "  g{g}_{name}: {}", values[i]);
        }
        rel.push_str(&rule);
    }
    std::fs::create_dir_all(dir).expect("bench dir");
    let file = dir.join("big.yaml");
    let catalogue = dir.join("big-catalogue.yaml");
    std::fs::write(&file, fig).expect("writes big.yaml");
    std::fs::write(&catalogue, cat + &rel).expect("writes big-catalogue.yaml");
    (file, catalogue)
}

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sample = vec![root.join("data/sanmen-2020.yaml")];
    c.bench_function("check sanmen-2020 sample", |b| {
        b.iter(|| check_files(black_box(&sample), &CheckOptions::default()))
    });

    let (file, catalogue) = generate(&root.join("target/check-bench"));
    let options = CheckOptions {
        final_: false,
        catalogues: vec![catalogue],
        ..CheckOptions::default()
    };
    let files = vec![file];
    let checked = check_files(&files, &options);
    let errors = checked
        .diagnostics
        .items
        .iter()
        .filter(|d| d.is_error())
        .count();
    assert_eq!(errors, 0, "{:?}", checked.diagnostics.items.first());
    assert_eq!(checked.diagnostics.items.len(), GROUPS / 10);
    c.bench_function(
        "check 10k figures, 2k relations (full run, 1 MB catalogue parsed)",
        |b| b.iter(|| check_files(black_box(&files), &options)),
    );

    // The per-file cost: the catalogue is loaded once per run, every file is loaded and checked.
    let catalogue = checked.catalogue;
    c.bench_function(
        "load+check 10k figures, 2k relations (catalogue loaded)",
        |b| {
            b.iter(|| {
                let (_, loaded, mut ds) = load::load_path(black_box(&files[0]));
                check_loaded(
                    loaded.into_iter().collect(),
                    &catalogue,
                    &CheckOptions::default(),
                    &mut ds,
                )
            })
        },
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
