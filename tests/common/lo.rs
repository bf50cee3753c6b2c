//! Driving LibreOffice from the tests (`tests/lo/office.py` through its Python UNO bindings).
//!
//! The tests using this are `#[ignore = "needs LibreOffice"]`; run them with
//! `cargo test -- --ignored`. When LibreOffice or its Python bindings are missing they fail
//! with a message saying what to install; they never pass silently.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The Python that has `uno` (`WENGAO_UNO_PYTHON`, default `/usr/bin/python3`).
fn python() -> String {
    std::env::var("WENGAO_UNO_PYTHON").unwrap_or_else(|_| "/usr/bin/python3".to_string())
}

/// Fails the test, saying what to install, when LibreOffice or `uno` is missing.
pub fn require() {
    let program =
        std::env::var("LO_PROGRAM").unwrap_or_else(|_| "/usr/lib/libreoffice/program".into());
    let has_office = Path::new(&program).join("soffice.bin").exists();
    let has_uno = Command::new(python())
        .args(["-c", "import uno"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        has_office && has_uno,
        "这个测试需要 LibreOffice 和它的 Python UNO 接口（需要 LibreOffice and its Python UNO \
         bindings）：sudo apt-get install libreoffice-writer-nogui python3-uno \
         （soffice.bin 在 {program}：{has_office}；{} 能 import uno：{has_uno}）",
        python()
    );
}

/// A port nobody listens on now.
fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    l.local_addr().expect("address").port()
}

/// Runs `office.py` with these commands (see its documentation), in a private profile.
pub fn office(commands: &[&str]) {
    require();
    let profile = tempfile::tempdir().expect("profile dir");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lo/office.py");
    let out = Command::new(python())
        .arg(&script)
        .arg(free_port().to_string())
        .arg(profile.path())
        .args(commands)
        .output()
        .expect("runs office.py");
    assert!(
        out.status.success(),
        "office.py {commands:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// What LibreOffice reads in a DOCX after Accept All (`accept`), Reject All (`reject`) or as it
/// is (`asis`): paragraphs (empty ones left out) and tables (their cells in order), one line
/// each (`a | b | c` for a table).
pub fn read(path: &Path, mode: &str) -> Vec<String> {
    read_many(&[(path, mode)]).remove(0)
}

/// [`read`] for several files in one LibreOffice session.
pub fn read_many(files: &[(&Path, &str)]) -> Vec<Vec<String>> {
    let jsons: Vec<PathBuf> = files
        .iter()
        .enumerate()
        .map(|(i, (p, mode))| p.with_extension(format!("{i}.{mode}.json")))
        .collect();
    let mut commands: Vec<String> = Vec::new();
    for ((path, mode), json) in files.iter().zip(&jsons) {
        commands.extend(["dump".to_string(), s(path), mode.to_string(), s(json)]);
    }
    let refs: Vec<&str> = commands.iter().map(String::as_str).collect();
    office(&refs);
    files
        .iter()
        .zip(&jsons)
        .map(|((path, mode), json)| {
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(json).expect("dump")).expect("JSON");
            let mut out = Vec::new();
            for item in v["items"].as_array().expect("items") {
                if let Some(p) = item["p"].as_str() {
                    if !p.trim().is_empty() {
                        out.push(p.to_string());
                    }
                } else if let Some(cells) = item["t"].as_array() {
                    let cells: Vec<&str> = cells.iter().filter_map(|c| c.as_str()).collect();
                    out.push(cells.join(" | "));
                }
            }
            if *mode != "asis" {
                assert_eq!(
                    v["redlines_left"],
                    false,
                    "{mode} all left revisions in {}",
                    path.display()
                );
            }
            out
        })
        .collect()
}

/// A path as a string argument.
pub fn s(p: &Path) -> String {
    p.display().to_string()
}

/// `dir/name`.
pub fn at(dir: &Path, name: &str) -> PathBuf {
    dir.join(name)
}
