//! The sanmen sample for the update tests: rendered to DOCX, and a new version with changed
//! figures.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use tempfile::TempDir;

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The figures the new version changes (old text in the yaml, new text).
pub const CHANGES: [(&str, &str); 8] = [
    (
        "jumin_canbao_renshu: 311881 ",
        "jumin_canbao_renshu: 312000 ",
    ),
    ("jumin_canbao_lv: 99.87 ", "jumin_canbao_lv: 99.90 "),
    (
        "zhigong_canbao_renshu: 98166 ",
        "zhigong_canbao_renshu: 98170 ",
    ),
    (
        "shengyu_xiangshou_renshu: 2112 ",
        "shengyu_xiangshou_renshu: 2120 ",
    ),
    ("daiyu_jihe_jine: 598532.80 ", "daiyu_jihe_jine: 598600.00 "),
    ("jumin_zhuyuan_renci: 44275 ", "jumin_zhuyuan_renci: 44300 "),
    ("baoxiao_jumin_fen: 4604 ", "baoxiao_jumin_fen: 4610 "),
    (
        "zhigong_jijin_zhichu: 19649.24 ",
        "zhigong_jijin_zhichu: 19650.00 ",
    ),
];

/// A temp dir with the sanmen sample as `old.yaml` and the changed figures as `new.yaml`, and
/// `old.docx` rendered from `old.yaml`.
pub fn workspace() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = root().join("data");
    let yaml = std::fs::read_to_string(data.join("sanmen-2020.yaml")).expect("sample");
    std::fs::copy(
        data.join("sanmen-2020.md.tera"),
        dir.path().join("sanmen-2020.md.tera"),
    )
    .expect("template");
    let mut new = yaml.clone();
    for (from, to) in CHANGES {
        assert!(new.contains(from), "{from}");
        new = new.replacen(from, to, 1);
    }
    std::fs::write(dir.path().join("old.yaml"), &yaml).expect("old");
    std::fs::write(dir.path().join("new.yaml"), &new).expect("new");
    let out = wengao(
        dir.path(),
        &["render", "old.yaml", "--to", "docx", "-o", "."],
    );
    assert_eq!(out.0, 0, "{}", out.2);
    dir
}

/// Runs wengao in `dir`: (exit code, stdout, stderr).
pub fn wengao(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_wengao"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs wengao");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
