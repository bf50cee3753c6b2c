//! The redline of every sample accepted and rejected in LibreOffice (through UNO,
//! `tests/lo/office.py`): Accept All must read as LibreOffice reads `render NEW`, Reject All as
//! it reads `render OLD` (paragraphs, and tables cell by cell), with no revision left.
//!
//! Needs LibreOffice (`cargo test --test redline_lo -- --ignored`); fails saying what to install
//! when it is missing. `tests/redline.rs` checks the same with an independent XML reader.

#[path = "common/lo.rs"]
mod lo;
#[path = "common/versions.rs"]
mod versions;

use versions::{samples, wengao, workspace};

#[test]
#[ignore = "needs LibreOffice"]
fn libreoffice_accepts_the_redline_into_new_and_rejects_it_into_old() {
    lo::require();
    let mut dirs = Vec::new();
    for sample in samples() {
        let dir = workspace(&sample);
        let d = dir.path();
        for y in ["old.yaml", "new.yaml"] {
            let (code, _, err) = wengao(d, &["render", y, "--to", "docx", "-o", "."]);
            assert_eq!(code, 0, "{sample} {y}: {err}");
        }
        let (code, _, err) = wengao(
            d,
            &[
                "redline",
                "old.yaml",
                "new.yaml",
                "-o",
                ".",
                "--date",
                "2025-03-01",
            ],
        );
        assert_eq!(code, 0, "{sample}: {err}");
        dirs.push((sample, dir));
    }
    // And a section removed (its heading and paragraph deleted, the headings after renumbered).
    let dir = workspace("shi-2025-H1");
    let d = dir.path();
    let old = std::fs::read_to_string(d.join("old.yaml")).expect("old");
    let keep: Vec<&str> = old
        .lines()
        .filter(|l| !l.trim_start().starts_with("changhu_"))
        .collect();
    std::fs::write(d.join("new.yaml"), keep.join("\n") + "\n").expect("new");
    for y in ["old.yaml", "new.yaml"] {
        wengao(d, &["render", y, "--to", "docx", "-o", "."]);
    }
    let (code, _, err) = wengao(
        d,
        &[
            "redline",
            "old.yaml",
            "new.yaml",
            "-o",
            ".",
            "--date",
            "2025-03-01",
        ],
    );
    assert_eq!(code, 0, "{err}");
    dirs.push(("shi-2025-H1 without 长期护理保险".to_string(), dir));
    let mut files = Vec::new();
    for (_, dir) in &dirs {
        let d = dir.path();
        files.push((d.join("new.redline.docx"), "accept"));
        files.push((d.join("new.docx"), "asis"));
        files.push((d.join("new.redline.docx"), "reject"));
        files.push((d.join("old.docx"), "asis"));
    }
    let refs: Vec<(&std::path::Path, &str)> =
        files.iter().map(|(p, m)| (p.as_path(), *m)).collect();
    let read = lo::read_many(&refs);
    for (i, (sample, _)) in dirs.iter().enumerate() {
        let r = &read[4 * i..4 * i + 4];
        assert_eq!(r[0], r[1], "{sample}: Accept All in LibreOffice");
        assert_eq!(r[2], r[3], "{sample}: Reject All in LibreOffice");
        assert_ne!(r[1], r[3], "{sample}: the versions differ");
    }
}
