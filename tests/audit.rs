//! The DOCX files `update` and `redline` write pass the Office 2019 schema validation
//! (`openxml-audit -f office2019`) with no finding, like every DOCX `render` writes.
//!
//! Needs openxml-audit (`pip install openxml-audit`; `cargo test --test audit -- --ignored`);
//! fails saying what to install when it is missing.

#[path = "common/sample.rs"]
mod sample;
#[path = "common/versions.rs"]
mod versions;

use std::path::Path;
use std::process::Command;

/// Runs openxml-audit on `file` and asserts it found nothing.
fn audit(file: &Path) {
    let out = Command::new("openxml-audit")
        .args(["-f", "office2019"])
        .arg(file)
        .output()
        .unwrap_or_else(|_| {
            panic!("这个测试需要 openxml-audit（needs openxml-audit）：pip install openxml-audit")
        });
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Errors: 0"),
        "{}: {text}{}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
#[ignore = "needs openxml-audit"]
fn updated_drafts_and_redlines_pass_the_schema_validation() {
    let dir = sample::workspace();
    let d = dir.path();
    std::fs::copy(d.join("old.docx"), d.join("edited.docx")).expect("copy");
    let (code, _, err) = sample::wengao(
        d,
        &[
            "update",
            "edited.docx",
            "new.yaml",
            "-o",
            "out.docx",
            "--date",
            "2025-03-01",
        ],
    );
    assert_eq!(code, 0, "{err}");
    audit(&d.join("old.docx"));
    audit(&d.join("out.docx"));
    for s in versions::samples() {
        let dir = versions::workspace(&s);
        let d = dir.path();
        let (code, _, err) = versions::wengao(d, &["redline", "old.yaml", "new.yaml", "-o", "."]);
        assert_eq!(code, 0, "{s}: {err}");
        audit(&d.join("new.redline.docx"));
    }
}
