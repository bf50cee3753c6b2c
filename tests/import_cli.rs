//! `wengao import` on the command line: outputs written once (never overwritten without
//! `--force`), the import report, exit codes, and bad inputs refused in Chinese with exit 2 and
//! nothing written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/import")
        .join(p)
}

fn wengao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wengao"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs wengao")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|r| {
            r.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn writes_both_files_reports_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("2021");
    let seed = fixture("seeds/000.txt");
    let o = wengao(&[
        "import",
        seed.to_str().unwrap_or_default(),
        "-o",
        out.to_str().unwrap_or_default(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(files_in(&out), ["000.md.tera", "000.yaml"]);
    let err = text(&o.stderr);
    assert!(err.contains("已导入"), "{err}");
    assert!(err.contains("成为指标"), "{err}");
    let first = std::fs::read(out.join("000.yaml")).expect("yaml");
    // 约 goes with the value, so relations do not hold the approximate figure to a sum.
    let yaml = String::from_utf8_lossy(&first);
    assert!(
        yaml.contains("\n  jumin_dangnian_jieyu: 约12484.52 "),
        "{yaml}"
    );
    // Again: refused, nothing changed.
    std::fs::write(out.join("000.yaml"), "改过的\n").expect("edit");
    let o = wengao(&[
        "import",
        seed.to_str().unwrap_or_default(),
        "-o",
        out.to_str().unwrap_or_default(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.contains("错误[E-OUTPUT-EXISTS]"), "{err}");
    assert!(err.contains("已存在，没有覆盖"), "{err}");
    assert_eq!(
        std::fs::read_to_string(out.join("000.yaml")).unwrap_or_default(),
        "改过的\n"
    );
    // --force: written again, byte for byte the first output (deterministic).
    let o = wengao(&[
        "import",
        seed.to_str().unwrap_or_default(),
        "-o",
        out.to_str().unwrap_or_default(),
        "--force",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(std::fs::read(out.join("000.yaml")).expect("yaml"), first);
    // The imported file checks clean and renders.
    let yaml = out.join("000.yaml");
    let o = wengao(&["check", yaml.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
}

#[test]
fn json_report_on_stdout() {
    let dir = tempfile::tempdir().expect("temp dir");
    let seed = fixture("seeds/004-2.txt");
    let o = wengao(&[
        "import",
        seed.to_str().unwrap_or_default(),
        "-o",
        dir.path().to_str().unwrap_or_default(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let f = &v["imported"][0];
    assert_eq!(f["period"], "2025-H1");
    assert_eq!(f["agency"], "XX市医疗保障局");
    assert_eq!(f["date"], "2025-07-07");
    let counts = &f["counts"];
    assert!(counts["figures"].as_u64().unwrap_or(0) > 20, "{counts}");
    assert_eq!(
        counts["figures"].as_u64(),
        Some(counts["matched"].as_u64().unwrap_or(0) + counts["new"].as_u64().unwrap_or(0))
    );
    assert!(
        f["left_as_text"]
            .as_array()
            .is_some_and(|a| a.iter().any(|t| t["reason"] == "复合写法（如 X亿X千万元）"))
    );
}

fn refused(input: &Path, code: &str, words: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let o = wengao(&[
        "import",
        input.to_str().unwrap_or_default(),
        "-o",
        out.to_str().unwrap_or_default(),
    ]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{}: {err}", input.display());
    assert!(
        err.contains(&format!("错误[{code}]")),
        "{}: {err}",
        input.display()
    );
    assert!(err.contains(words), "{}: {err}", input.display());
    assert!(err.contains("提示："), "{err}");
    assert!(
        files_in(&out).is_empty(),
        "{}: wrote {:?}",
        input.display(),
        files_in(&out)
    );
}

#[test]
fn bad_inputs_are_refused_in_chinese_with_nothing_written() {
    let cases = [
        (
            "bad/not-a-zip.docx",
            "E-DOCX-NOT-ZIP",
            "的内容是纯文本，不是 Word 文档",
        ),
        (
            "bad/zip-not-docx.docx",
            "E-DOCX-NOT-WORD",
            "缺少 word/document.xml",
        ),
        (
            "bad/xlsx-renamed.docx",
            "E-DOCX-NOT-WORD",
            "这是 Excel 工作簿",
        ),
        ("bad/encrypted.docx", "E-DOCX-ENCRYPTED", "设置了打开密码"),
        (
            "bad/word97-renamed.docx",
            "E-DOCX-LEGACY",
            "旧版 Word 97-2003 格式",
        ),
        ("bad/truncated.docx", "E-DOCX-BROKEN", "已损坏"),
        (
            "bad/malformed-xml.docx",
            "E-IMPORT-DOCX-XML",
            "word/document.xml 不是合法的 XML（第 2 行第 16984 列）",
        ),
        ("bad/empty.docx", "E-IMPORT-EMPTY", "是空的"),
        ("bad/empty.txt", "E-IMPORT-EMPTY", "是空的"),
        ("bad/report.pdf", "E-DOCX-PDF", "是 PDF 文件"),
        ("bad/scan.png", "E-DOCX-IMAGE", "是图片"),
        ("bad/utf16le-bom.txt", "E-FILE-ENCODING", "UTF-16"),
        ("bad/no-such-file.txt", "E-FILE-MISSING", "找不到文件"),
    ];
    for (file, code, words) in cases {
        refused(&fixture(file), code, words);
    }
}

#[test]
fn docx_imports_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = fixture("docx/004-1.numbering.docx");
    let o = wengao(&[
        "import",
        input.to_str().unwrap_or_default(),
        "-o",
        dir.path().to_str().unwrap_or_default(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let yaml = std::fs::read_to_string(dir.path().join("004-1.numbering.yaml")).unwrap_or_default();
    // Word's numbers are wengao's own styles: no meta.numbering needed; headings carry no number.
    assert!(!yaml.contains("numbering:"), "{yaml}");
    let template =
        std::fs::read_to_string(dir.path().join("004-1.numbering.md.tera")).unwrap_or_default();
    assert!(
        template.contains("\n## 聚焦D建引领,凝聚发展强大动力\n"),
        "{template}"
    );
}

#[test]
fn a_fifty_megabyte_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = dir.path().join("big.txt");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(50 * 1024 * 1024).expect("50 MB");
    refused(&big, "E-FILE-TOO-LARGE", "太大（50 MB）");
}

#[test]
fn in_a_batch_the_good_files_are_imported_and_the_run_fails() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = fixture("seeds/004-4.txt");
    let bad = fixture("bad/report.pdf");
    let o = wengao(&[
        "import",
        good.to_str().unwrap_or_default(),
        bad.to_str().unwrap_or_default(),
        "-o",
        dir.path().to_str().unwrap_or_default(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(files_in(dir.path()), ["004-4.md.tera", "004-4.yaml"]);
    assert!(text(&o.stderr).contains("错误[E-DOCX-PDF]"));
}

#[test]
fn a_report_with_no_year_asks_for_the_period() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("无年份.txt");
    std::fs::write(&input, "一、基本情况\n全县参保人数为100人。\n").expect("write");
    let out = dir.path().join("out");
    let o = wengao(&[
        "import",
        input.to_str().unwrap_or_default(),
        "-o",
        out.to_str().unwrap_or_default(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("错误[E-IMPORT-PERIOD]") && err.contains("--period"),
        "{err}"
    );
    let o = wengao(&[
        "import",
        input.to_str().unwrap_or_default(),
        "-o",
        out.to_str().unwrap_or_default(),
        "--period",
        "2024",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let yaml = std::fs::read_to_string(out.join("无年份.yaml")).unwrap_or_default();
    assert!(yaml.contains("  period: 2024\n"), "{yaml}");
}

#[test]
fn control_characters_in_the_source_are_dropped_and_the_result_loads() {
    // Found by the import fuzz target: a control character (here U+0004, and a form feed from a
    // PDF's text) went into the YAML, which then did not load.
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("报告.txt");
    std::fs::write(
        &input,
        "某县医疗保障局2020年度工作总结\n\n\u{4}参保率达99.87%。\u{c}全年住院44275人次。\n",
    )
    .expect("writes input");
    let out_dir = dir.path().join("out");
    let out = wengao(&[
        "import",
        &input.to_string_lossy(),
        "-o",
        &out_dir.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let yaml = std::fs::read_to_string(out_dir.join("报告.yaml")).expect("the YAML");
    assert!(
        !yaml.chars().any(|c| c.is_control() && c != '\n'),
        "{yaml:?}"
    );
    let check = wengao(&["check", &out_dir.join("报告.yaml").to_string_lossy()]);
    let err = text(&check.stderr);
    assert!(!err.contains("错误["), "{err}");
    let template = std::fs::read_to_string(out_dir.join("报告.md.tera")).expect("the template");
    assert!(template.contains("全年住院"), "{template}");
}
