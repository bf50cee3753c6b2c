//! `wengao redline OLD NEW` for every sample in `data/`: figures changed, a sentence added, a
//! paragraph of the narrative removed; then the redline DOCX read back by an independent reader
//! (`tests/common/revisions.rs`): Accept All must read exactly as `render NEW`, Reject All
//! exactly as `render OLD` (paragraph texts with their numbering, tables cell by cell), and the
//! HTML page must mark the same changes with `<ins>`/`<del>`. `tests/redline_lo.rs` does the
//! accepting and rejecting in LibreOffice.

#[path = "common/revisions.rs"]
mod revisions;
#[path = "common/versions.rs"]
mod versions;

use revisions::{Item, Resolve, lines, part, read};
use versions::{samples, wengao, workspace};

#[test]
fn accept_all_is_render_new_and_reject_all_is_render_old_for_every_sample() {
    let samples = samples();
    assert!(samples.len() >= 5, "{samples:?}");
    for sample in samples {
        let dir = workspace(&sample);
        let d = dir.path();
        for y in ["old.yaml", "new.yaml"] {
            let (code, _, err) = wengao(d, &["render", y, "--to", "docx", "-o", "."]);
            assert_eq!(code, 0, "{sample} {y}: {err}");
        }
        let (code, out, err) = wengao(
            d,
            &[
                "redline",
                "old.yaml",
                "new.yaml",
                "-o",
                "rl",
                "--date",
                "2025-03-01",
            ],
        );
        assert_eq!(code, 0, "{sample}: {err}");
        assert!(
            out.starts_with("已写出 rl/new.redline.docx、rl/new.redline.html："),
            "{out}"
        );
        let red = std::fs::read(d.join("rl/new.redline.docx")).expect("redline");
        let new = std::fs::read(d.join("new.docx")).expect("new");
        let old = std::fs::read(d.join("old.docx")).expect("old");
        let accepted = read(&red, Resolve::Accept);
        let rejected = read(&red, Resolve::Reject);
        assert_eq!(
            lines(&accepted),
            lines(&read(&new, Resolve::AsIs)),
            "{sample}: Accept All"
        );
        assert_eq!(
            lines(&rejected),
            lines(&read(&old, Resolve::AsIs)),
            "{sample}: Reject All"
        );
        // Tables compared cell by cell, not only row text.
        let tables = |items: &[Item]| -> Vec<Item> {
            items
                .iter()
                .filter(|i| matches!(i, Item::Table(_)))
                .cloned()
                .collect()
        };
        assert_eq!(
            tables(&accepted),
            tables(&read(&new, Resolve::AsIs)),
            "{sample}"
        );
        assert_eq!(
            tables(&rejected),
            tables(&read(&old, Resolve::AsIs)),
            "{sample}"
        );
        // The revisions are there, with author and date, and the rest of the package is the
        // new render's (its figure manifest included).
        let xml = part(&red, "word/document.xml");
        assert!(xml.contains("<w:ins w:id="), "{sample}");
        assert!(xml.contains("w:author=\"wengao\" w:date=\"2025-03-01T00:00:00Z\""));
        assert_eq!(
            part(&red, "docProps/custom.xml"),
            part(&new, "docProps/custom.xml")
        );
        let html = std::fs::read_to_string(d.join("rl/new.redline.html")).expect("html");
        assert!(html.contains("<ins>") && html.contains("<del>"), "{sample}");
    }
}

#[test]
fn a_changed_figure_is_one_word_and_a_new_sentence_one_insertion() {
    let dir = workspace("sanmen-2020");
    let d = dir.path();
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
    let html = std::fs::read_to_string(d.join("new.redline.html")).expect("html");
    assert!(html.contains("<ins>这是新版加上的一句话。</ins>"));
    let xml = part(
        &std::fs::read(d.join("new.redline.docx")).expect("docx"),
        "word/document.xml",
    );
    // `jumin_chouzi_biaozhun` changed from 1340 to 1341: only the number is marked, not 元.
    assert!(xml.contains("<w:delText xml:space=\"preserve\">1340</w:delText>"));
    assert!(xml.contains("<w:t xml:space=\"preserve\">1341</w:t></w:r></w:ins>"));
    // The same bytes every time.
    let first = std::fs::read(d.join("new.redline.docx")).expect("first");
    wengao(
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
    assert_eq!(
        std::fs::read(d.join("new.redline.docx")).expect("second"),
        first
    );
    assert_eq!(
        std::fs::read_to_string(d.join("new.redline.html")).expect("html"),
        html
    );
}

#[test]
fn a_removed_section_is_deleted_whole_and_its_numbering_follows() {
    let dir = workspace("shi-2025-H1");
    let d = dir.path();
    // Without 长期护理保险 figures its section goes, and the sections after it renumber.
    let old = std::fs::read_to_string(d.join("old.yaml")).expect("old");
    let keep: Vec<&str> = old
        .lines()
        .filter(|l| !l.trim_start().starts_with("changhu_"))
        .collect();
    assert!(keep.len() + 5 <= old.lines().count());
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
    let red = std::fs::read(d.join("new.redline.docx")).expect("redline");
    let new = std::fs::read(d.join("new.docx")).expect("new");
    let old = std::fs::read(d.join("old.docx")).expect("old");
    let (new_lines, old_lines) = (
        lines(&read(&new, Resolve::AsIs)),
        lines(&read(&old, Resolve::AsIs)),
    );
    assert_eq!(
        old_lines.len(),
        new_lines.len() + 2,
        "a heading and its paragraph fewer"
    );
    assert_eq!(lines(&read(&red, Resolve::Accept)), new_lines);
    assert_eq!(lines(&read(&red, Resolve::Reject)), old_lines);
    let xml = part(&red, "word/document.xml");
    assert!(
        xml.contains("<w:pPr><w:pStyle w:val=\"Heading2\"/><w:rPr><w:del "),
        "a heading deleted whole"
    );
}

#[test]
fn errors_and_bad_dates_write_nothing() {
    let dir = workspace("sanmen-2020");
    let d = dir.path();
    let broken = std::fs::read_to_string(d.join("new.yaml"))
        .expect("new")
        .replacen("jumin_canbao_lv: ", "jumin_canbao_lv: 100.5 #", 1);
    std::fs::write(d.join("broken.yaml"), broken).expect("broken");
    let (code, out, err) = wengao(d, &["redline", "old.yaml", "broken.yaml", "-o", "rl"]);
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    assert!(err.contains("错误[E-RANGE-MAX]"), "{err}");
    assert!(err.ends_with("未写出任何文件\n"), "{err}");
    assert!(!d.join("rl").exists());
    let (code, _, err) = wengao(d, &["redline", "old.yaml", "missing.yaml", "-o", "rl"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = wengao(
        d,
        &[
            "redline",
            "old.yaml",
            "new.yaml",
            "-o",
            "rl",
            "--date",
            "2025-13-01",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("错误[E-UPDATE-DATE]"), "{err}");
    assert!(!d.join("rl").exists());
}
