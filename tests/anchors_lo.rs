//! The figure anchors change nothing in how a document looks: each sample rendered as it is and
//! with its paragraph anchors taken out, both printed to PDF by LibreOffice, and every word of
//! every page compared by position (`pdftotext -bbox`).
//!
//! Needs LibreOffice and poppler-utils (`cargo test --test anchors_lo -- --ignored`); fails
//! saying what to install when they are missing.

#[path = "common/lo.rs"]
mod lo;
#[path = "common/revisions.rs"]
mod revisions;

use std::path::Path;
use std::process::Command;

/// Every word of a PDF with its page and position, as `pdftotext -bbox` prints them.
fn words(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output();
    let out = match out {
        Ok(o) if o.status.success() => o,
        _ => {
            panic!("这个测试需要 pdftotext（needs pdftotext）：sudo apt-get install poppler-utils")
        }
    };
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.contains("<word ") || l.contains("<page "))
        .map(str::trim)
        .map(str::to_string)
        .collect()
}

/// `document.xml` without the `_fig` paragraph bookmarks.
fn without_anchors(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<w:bookmarkStart w:id=\"") {
        let end = i + rest[i..].find("/>").expect("empty element") + 2;
        let tag = &rest[i..end];
        if !tag.contains("w:name=\"_fig") {
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        out.push_str(&rest[..i]);
        let close = end + rest[end..].find("/>").expect("bookmarkEnd") + 2;
        assert!(rest[end..close].starts_with("<w:bookmarkEnd"));
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

#[test]
#[ignore = "needs LibreOffice"]
fn anchors_change_nothing_on_the_printed_page() {
    lo::require();
    let dir = tempfile::tempdir().expect("temp");
    let d = dir.path();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut commands = Vec::new();
    let samples = [
        "sanmen-2020",
        "yunxi-2020-disclosure",
        "sample-2021-disclosure",
    ];
    for s in samples {
        let out = Command::new(env!("CARGO_BIN_EXE_wengao"))
            .args(["render", "--to", "docx", "-o"])
            .arg(d)
            .arg(root.join(format!("data/{s}.yaml")))
            .output()
            .expect("render");
        assert!(out.status.success());
        let with = std::fs::read(d.join(format!("{s}.docx"))).expect("docx");
        let xml = revisions::part(&with, "word/document.xml");
        assert!(xml.contains("w:name=\"_fig1\""));
        let bare = revisions::with_part(&with, "word/document.xml", &without_anchors(&xml));
        std::fs::write(d.join(format!("{s}-bare.docx")), bare).expect("bare");
        for v in [s.to_string(), format!("{s}-bare")] {
            commands.push("pdf".to_string());
            commands.push(lo::s(&d.join(format!("{v}.docx"))));
            commands.push(lo::s(&d.join(format!("{v}.pdf"))));
        }
    }
    let refs: Vec<&str> = commands.iter().map(String::as_str).collect();
    lo::office(&refs);
    for s in samples {
        let with = words(&d.join(format!("{s}.pdf")));
        let bare = words(&d.join(format!("{s}-bare.pdf")));
        assert!(with.len() > 100, "{s}: {} words", with.len());
        assert_eq!(with, bare, "{s}: the anchors moved something");
    }
}
