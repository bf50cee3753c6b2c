//! `wengao import`: every seed report imported, then rendered back to Markdown, gives its text
//! paragraph by paragraph; the imported files pass `check` with no error.

// `Diagnostic` is wengao's error type everywhere; boxing it in tests buys nothing.
#![allow(clippy::result_large_err)]

use std::path::{Path, PathBuf};
use wengao::catalogue::Catalogue;
use wengao::import::run::import_one;
use wengao::pipeline::{Format, RenderOptions, render_files};
use wengao::validate::{CheckOptions, check_files};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import")
}

/// Paragraphs of wengao's Markdown output, as a reader sees them: heading marks and escapes
/// removed, hard line breaks (sign-off, attachment note) split.
pub fn rendered_paragraphs(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    for block in md.split("\n\n") {
        if block.trim_start().starts_with("<table") {
            out.extend(
                table_rows(block)
                    .into_iter()
                    .map(|r| r.trim_end().to_string()),
            );
            continue;
        }
        let block = block.trim_start_matches('#').trim_start();
        for line in block.split("\\\n") {
            let mut s = String::new();
            let mut chars = line.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
                    if let Some(n) = chars.next() {
                        s.push(n);
                    }
                } else {
                    s.push(c);
                }
            }
            let s = s
                .trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
                .to_string();
            if !s.is_empty() {
                out.push(s);
            }
        }
    }
    out
}

/// The rows of a rendered HTML table, cells joined by ` | ` (the fixtures' convention: a merged
/// cell once, on its first row).
fn table_rows(html: &str) -> Vec<String> {
    let unescape = |t: &str| {
        t.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
    };
    let mut rows = Vec::new();
    for tr in html.split("<tr").skip(1) {
        let tr = tr.split("</tr>").next().unwrap_or("");
        let mut cells = Vec::new();
        for cell in tr.split("<t").skip(1) {
            if !(cell.starts_with('d') || cell.starts_with('h')) {
                continue;
            }
            let content = cell.split_once('>').map_or("", |(_, c)| c);
            let content = content.split("</t").next().unwrap_or("");
            let mut text = String::new();
            let mut in_tag = false;
            for c in content.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    _ if !in_tag => text.push(c),
                    _ => {}
                }
            }
            cells.push(unescape(text.trim()));
        }
        rows.push(cells.join(" | "));
    }
    rows
}

/// Placeholder runs (X, XXX, **) print as XX: the one difference a round trip allows.
fn placeholders(s: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let run = chars[i..]
            .iter()
            .take_while(|&&x| x == 'X' || x == 'x' || x == '*')
            .count();
        if run > 0
            && (c != '*' || run >= 2)
            && !chars.get(i + run).is_some_and(|n| n.is_ascii_alphabetic())
            && !(i > 0 && chars[i - 1].is_ascii_alphabetic())
        {
            out.push_str("XX");
            i += run;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn original_paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| {
            l.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
                .to_string()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// Imports seed `file`, checks and renders the result, and compares paragraph by paragraph.
fn round_trip(file: &str) -> (usize, usize) {
    round_trip_of(&format!("seeds/{file}"), &format!("seeds/{file}"))
}

/// Imports fixture `input`, checks and renders the result, and compares it with `expected`.
fn round_trip_of(input: &str, expected: &str) -> (usize, usize) {
    round_trip_dropping(input, expected, &[])
}

/// [`round_trip_of`] where the original's paragraphs starting with `dropped` are page debris
/// (site banners, page numbers): not in the render, each named in the import report.
fn round_trip_dropping(input: &str, expected: &str, dropped: &[&str]) -> (usize, usize) {
    let (counts, _, _, _dir) = round_trip_full(input, expected, dropped, false);
    counts
}

/// The rows of the statutory tables of a rendered report (`<table>` blocks).
fn table_blocks(md: &str) -> Vec<String> {
    md.split("\n\n")
        .filter(|b| b.trim_start().starts_with("<table"))
        .flat_map(table_rows)
        .collect()
}

/// A disclosure report: its narrative round-trips paragraph by paragraph; its statutory tables
/// went to `disclosure:` and equal the hand-made reference `data/yunxi-2020-disclosure.yaml`,
/// cell for cell (blank cells blank, format detected), and render as the reference renders.
fn disclosure_round_trip(input: &str, expected: &str) {
    let (_, md, yaml, _dir) = round_trip_full(input, expected, &[], true);
    let reference = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/yunxi-2020-disclosure.yaml");
    let cells = |p: &Path| {
        let checked = check_files(&[p.to_path_buf()], &CheckOptions::default());
        let report = checked.reports.into_iter().next().expect("report");
        let data = report.disclosure.expect("disclosure tables");
        let printed: Vec<Vec<Vec<String>>> = data
            .tables
            .iter()
            .map(|t| {
                t.cells
                    .iter()
                    .map(|r| r.iter().map(|c| c.printed(data.blank)).collect())
                    .collect()
            })
            .collect();
        (data.format, data.blank, printed)
    };
    assert_eq!(cells(&yaml), cells(&reference), "{input}: disclosure cells");
    let dir = tempfile::tempdir().expect("temp dir");
    let outcome = render_files(
        &[reference],
        &RenderOptions {
            formats: vec![Format::Markdown],
            out_dir: dir.path().to_path_buf(),
            ..RenderOptions::default()
        },
    );
    assert_eq!(outcome.exit_code, 0);
    let want = std::fs::read_to_string(dir.path().join("yunxi-2020-disclosure.md")).expect("md");
    assert_eq!(
        table_blocks(&md),
        table_blocks(&want),
        "{input}: rendered tables"
    );
    assert_eq!(table_blocks(&md).len(), 48);
}

/// Imports `input`, checks and renders it, compares paragraphs (statutory table rows left out
/// of both sides when `tables`); returns the counts, the Markdown, the indicator file and the
/// folder it is in.
fn round_trip_full(
    input: &str,
    expected: &str,
    dropped: &[&str],
    tables: bool,
) -> ((usize, usize), String, PathBuf, tempfile::TempDir) {
    let file = input;
    let dir = tempfile::tempdir().expect("temp dir");
    let input = fixtures().join(input);
    let (catalogue, _) = Catalogue::builtin();
    let (f, _) = import_one(
        &input,
        dir.path(),
        None,
        &catalogue,
        &wengao::import::docx::read_package,
    )
    .expect("imports");
    std::fs::write(&f.yaml_path, &f.imported.yaml).expect("write yaml");
    std::fs::write(&f.template_path, &f.imported.template).expect("write template");
    let checked = check_files(std::slice::from_ref(&f.yaml_path), &CheckOptions::default());
    let errors: Vec<String> = checked
        .diagnostics
        .items
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{} {} {:?}", d.code, d.message, d.location))
        .collect();
    assert!(
        errors.is_empty(),
        "{file}: check errors:\n{}",
        errors.join("\n")
    );
    let out = dir.path().join("out");
    let outcome = render_files(
        std::slice::from_ref(&f.yaml_path),
        &RenderOptions {
            formats: vec![Format::Markdown],
            out_dir: out.clone(),
            ..RenderOptions::default()
        },
    );
    assert_eq!(
        outcome.exit_code, 0,
        "{file}: {:#?}",
        outcome.diagnostics.items
    );
    let md_path = out.join(
        f.yaml_path
            .file_stem()
            .map(|s| format!("{}.md", s.to_string_lossy()))
            .unwrap_or_default(),
    );
    let md = std::fs::read_to_string(&md_path).expect("rendered md");
    let original = std::fs::read_to_string(fixtures().join(expected)).expect("expected text");
    let want: Vec<String> = original_paragraphs(&original)
        .iter()
        .filter(|p| !dropped.iter().any(|d| p.starts_with(d)))
        .filter(|p| !(tables && (p.contains('|') || p.starts_with("第二十条第"))))
        .map(|p| placeholders(p))
        .collect();
    for d in dropped {
        assert!(
            f.imported.notes.iter().any(|n| n
                .text
                .starts_with(&format!("“{}", d.chars().take(8).collect::<String>()))
                && n.text.ends_with("不是报告的内容，已去掉")),
            "{file}: “{d}” not reported as dropped: {:?}",
            f.imported.notes
        );
    }
    let narrative: String = md
        .split("\n\n")
        .filter(|b| !(tables && b.trim_start().starts_with("<table")))
        .collect::<Vec<_>>()
        .join("\n\n");
    let mut got: Vec<String> = rendered_paragraphs(&narrative)
        .iter()
        .map(|p| placeholders(p))
        .collect();
    // A two-line title prints as one Markdown heading.
    if want.len() >= 2 && got.first() == Some(&format!("{}{}", want[0], want[1])) {
        got.splice(0..1, [want[0].clone(), want[1].clone()]);
    }
    let mut same = 0;
    for (i, w) in want.iter().enumerate() {
        match got.get(i) {
            Some(g) if g == w => same += 1,
            g => {
                panic!(
                    "{file}: paragraph {} differs\n  original: {w:?}\n  rendered: {:?}\n(template: {})",
                    i + 1,
                    g.map_or("(missing)", String::as_str),
                    f.imported.template.lines().take(0).collect::<String>()
                );
            }
        }
    }
    assert_eq!(
        got.len(),
        want.len(),
        "{file}: extra rendered paragraphs: {:?}",
        &got[want.len().min(got.len())..]
    );
    ((same, want.len()), md, f.yaml_path.clone(), dir)
}

#[test]
fn seed_000_round_trip() {
    round_trip("000.txt");
}

#[test]
fn seed_001_round_trip_without_the_sites_banners() {
    round_trip_dropping(
        "seeds/001.txt",
        "seeds/001.txt",
        &[
            "《劳动保障局医疗保险工作情况汇报-.doc》由会员分享",
            "限制150内",
        ],
    );
}

#[test]
fn seed_003_round_trip_with_its_statutory_tables() {
    disclosure_round_trip("seeds/003.txt", "seeds/003.txt");
}

#[test]
fn seed_004_1_round_trip() {
    round_trip("004-1.txt");
}

#[test]
fn seed_004_2_round_trip() {
    round_trip("004-2.txt");
}

#[test]
fn seed_004_3_round_trip() {
    round_trip("004-3.txt");
}

#[test]
fn seed_004_4_round_trip() {
    round_trip("004-4.txt");
}

#[test]
fn gbk_text_round_trip() {
    round_trip_of("other/000.gbk.txt", "seeds/000.txt");
}

#[test]
fn markdown_round_trip() {
    round_trip_of("other/004-3.md", "seeds/004-3.txt");
}

#[test]
fn government_web_page_round_trip() {
    disclosure_round_trip("other/003.gov.html", "other/003.gov.expected.txt");
}

#[test]
fn docx_000_round_trip() {
    round_trip_of("docx/000.lo.docx", "seeds/000.txt");
}

#[test]
fn docx_004_3_round_trip() {
    round_trip_of("docx/004-3.lo.docx", "seeds/004-3.txt");
}

#[test]
fn docx_003_with_tables_round_trip() {
    disclosure_round_trip("docx/003.lo.docx", "docx/003.lo.expected.txt");
}

#[test]
fn docx_word_numbering_round_trip() {
    round_trip_of(
        "docx/004-1.numbering.docx",
        "docx/004-1.numbering.expected.txt",
    );
}

#[test]
fn docx_hard_round_trip() {
    round_trip_of("docx/hard.docx", "docx/hard.expected.txt");
}
