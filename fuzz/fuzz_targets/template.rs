//! Fuzz target: arbitrary bytes as a report's own narrative template (`meta.template`), rendered
//! through compose → document → Markdown and HTML, with the render limits made small so that a
//! runaway template costs milliseconds. Must never panic, hang or blow up memory: every input
//! either renders or comes back as one located diagnostic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;
use wengao::compose::{ComposeOptions, Limits, Templates};
use wengao::validate::{CheckOptions, Checked, check_files};

/// A report with figures, previous-period values (one of them 0), a qualifier and a template
/// path, plus an includable part beside it; made once.
fn setup() -> &'static (PathBuf, Checked) {
    static SETUP: OnceLock<(PathBuf, Checked)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("wengao-fuzz-template-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let yaml = "meta:\n  agency: 某县医疗保障局\n  period: 2020\n  date: 2021-01-07\n  report: annual\n  template: t.md.tera\nfigures:\n  jumin_canbao_renshu: 311881\n  jumin_canbao_lv: 99.87\n  zhigong_canbao_renshu: 98166\n  changhu_dingdian_jigou: 12\n  jumin_jiesuan_renci: 约2285000\n  jumin_jijin_zhichu: XX\nprevious:\n  jumin_canbao_renshu: 300000\n  changhu_dingdian_jigou: 0\n";
        std::fs::write(dir.join("input.yaml"), yaml).expect("writes");
        std::fs::write(dir.join("part.md.tera"), "参保{{ fig(key=\"jumin_canbao_renshu\", unit=true) }}").expect("writes");
        std::fs::write(dir.join("t.md.tera"), "").expect("writes");
        let checked = check_files(&[dir.join("input.yaml")], &CheckOptions::default());
        (dir, checked)
    })
}

fuzz_target!(|data: &[u8]| {
    let (dir, checked) = setup();
    let Some(report) = checked.reports.first() else {
        return;
    };
    if std::fs::write(dir.join("t.md.tera"), data).is_err() {
        return;
    }
    // A fresh set each time: the cache keeps a file read once per run.
    let Ok(templates) = Templates::new(None) else {
        return;
    };
    let options = ComposeOptions {
        limits: Limits {
            output_bytes: 1 << 20,
            iterations: 20_000,
            value_bytes: 1 << 20,
            calls: 10_000,
            time: Duration::from_millis(500),
            watchdog: false,
        },
        ..ComposeOptions::default()
    };
    match wengao::pipeline::document_for(report, &checked.catalogue, &templates, &options) {
        Ok((doc, _warnings)) => {
            let _ = wengao::render::markdown::render(&doc, &Default::default());
            let _ = wengao::render::html::render(&doc, &Default::default());
        }
        Err(d) => {
            // Every failure is a located Chinese diagnostic with a code.
            assert!(d.code.starts_with("E-"), "{d:?}");
            assert!(d.message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{d:?}");
        }
    }
});
