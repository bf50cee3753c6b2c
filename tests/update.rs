//! `wengao update` end to end, without LibreOffice: a sample rendered to DOCX, edited the way a
//! writer edits it (here by changing `word/document.xml` directly: a paragraph inserted, text
//! typed right before and right after a figure, a figure made bold, a paragraph deleted, a
//! sentence copied, a figure retyped by hand, runs merged and split as word processors do), new
//! figures in the indicator file, then the output read back: the XML, and the text after
//! Accept All and after Reject All (an independent reader, `tests/common/revisions.rs`).
//! `tests/update_lo.rs` makes the same edits in LibreOffice.

#[path = "common/revisions.rs"]
mod revisions;
#[path = "common/sample.rs"]
mod sample;

use revisions::{Resolve, lines, part, parts, read, with_part};
use sample::{root, wengao, workspace};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The byte range of the paragraph (`<w:p>…</w:p>`) whose text contains `needle`.
fn paragraph(xml: &str, needle: &str) -> std::ops::Range<usize> {
    let mut at = 0;
    while let Some(i) = xml[at..].find("<w:p>").or_else(|| xml[at..].find("<w:p ")) {
        let start = at + i;
        let end = start + xml[start..].find("</w:p>").expect("closed") + "</w:p>".len();
        let text: String = revisions::lines(&revisions::items(
            &revisions::parse(&format!(
                "<w:body xmlns:w=\"x\">{}</w:body>",
                &xml[start..end]
            )),
            Resolve::AsIs,
        ))
        .concat();
        if text.contains(needle) {
            return start..end;
        }
        at = end;
    }
    panic!("no paragraph with {needle}");
}

/// Replaces `from` (which must occur) by `to`, once.
fn replace(xml: &mut String, from: &str, to: &str) {
    assert!(xml.contains(from), "{from} not in document.xml");
    *xml = xml.replacen(from, to, 1);
}

/// `<w:t xml:space="preserve">text</w:t>`
fn t(text: &str) -> String {
    format!("<w:t xml:space=\"preserve\">{text}</w:t>")
}

/// The writer's edits, made on `document.xml`.
fn edit_like_a_writer(xml: &str) -> String {
    let mut x = xml.to_string();
    // Text typed at the start of the paragraph and right before the first figure.
    replace(
        &mut x,
        &t("2020年度城乡居民医保参保人数为"),
        &t("据统计，2020年度城乡居民医保参保人数为约"),
    );
    // A new paragraph before it.
    let p = paragraph(&x, "据统计，");
    x.insert_str(
        p.start,
        &format!("<w:p><w:r>{}</w:r></w:p>", t("新增加的一句话。")),
    );
    // Text typed right after a figure.
    replace(
        &mut x,
        &t("。筹资标准从2019年度的每人每年"),
        &t("（同比提高0.1个百分点）。筹资标准从2019年度的每人每年"),
    );
    // A figure made bold: `<w:b/>` goes before the size in its run's properties.
    let fig = x.find(&t("98166人")).expect("98166");
    let sz = x[..fig].rfind("<w:sz ").expect("size");
    x.insert_str(sz, "<w:b/><w:bCs/>");
    // A paragraph deleted.
    let p = paragraph(&x, "生育保险享受人数");
    x.replace_range(p, "");
    // A sentence copied to the end (Word keeps no bookmark in a copy).
    let p = paragraph(&x, "涉及医保基金598532.80元");
    let copy = x[p].to_string();
    let copy = match (copy.find("<w:bookmarkStart"), copy.find("<w:bookmarkEnd")) {
        (Some(a), Some(b)) => {
            let end = b + copy[b..].find("/>").expect("end") + 2;
            format!("{}{}", &copy[..a], &copy[end..])
        }
        _ => copy,
    };
    let body_end = x.rfind("<w:sectPr").expect("sectPr");
    x.insert_str(body_end, &copy);
    // A figure retyped by hand.
    replace(&mut x, &t("44275人次"), &t("44280人次"));
    // A paragraph whose runs a word processor merged into one.
    let p = paragraph(&x, "城乡居民医保4604份");
    let para = x[p.clone()].to_string();
    let text: String = lines(&revisions::items(
        &revisions::parse(&format!("<w:body xmlns:w=\"x\">{para}</w:body>")),
        Resolve::AsIs,
    ))
    .concat();
    let rpr_start = para.find("<w:rPr>").expect("rPr");
    let rpr_end = rpr_start + para[rpr_start..].find("</w:rPr>").expect("rPr end") + 8;
    let head_end = para.find("<w:r>").expect("run");
    let merged = format!(
        "{}<w:r>{}{}</w:r></w:p>",
        &para[..head_end],
        &para[rpr_start..rpr_end],
        t(&text)
    );
    x.replace_range(p, &merged);
    // A figure split over two runs.
    let at = x.find(&t("19649.24万元")).expect("19649.24");
    let run_start = x[..at].rfind("<w:r>").expect("run");
    let rpr = x[run_start + 5..at].to_string();
    replace(
        &mut x,
        &t("19649.24万元"),
        &format!("{}</w:r><w:r>{rpr}{}", t("1964"), t("9.24万元")),
    );
    x
}

/// The edited draft: the rendered DOCX with the writer's edits; written as `edited.docx`.
fn edited(dir: &Path) -> Vec<u8> {
    let rendered = std::fs::read(dir.join("old.docx")).expect("rendered");
    let xml = part(&rendered, "word/document.xml");
    let bytes = with_part(&rendered, "word/document.xml", &edit_like_a_writer(&xml));
    std::fs::write(dir.join("edited.docx"), &bytes).expect("edited");
    bytes
}

fn update(dir: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec![
        "update",
        "edited.docx",
        "new.yaml",
        "-o",
        "out.docx",
        "--date",
        "2025-03-01T09:00:00Z",
    ];
    args.extend_from_slice(extra);
    wengao(dir, &args)
}

/// What the edited draft reads as with every figure of the update put in (the writer's text,
/// the new values).
fn expected_after_accept(edited_lines: &[String]) -> Vec<String> {
    let swaps = [
        ("约311881人", "约312000人"),
        ("99.87%（同比", "99.90%（同比"),
        ("98166人", "98170人"),
        ("598532.80元", "598600.00元"),
        ("4604份", "4610份"),
        ("19649.24万元", "19650.00万元"),
    ];
    edited_lines
        .iter()
        .map(|l| {
            swaps
                .iter()
                .fold(l.clone(), |acc, (a, b)| acc.replace(a, b))
        })
        .collect()
}

#[test]
fn a_writers_edits_stay_and_the_new_figures_go_in_as_tracked_changes() {
    let dir = workspace();
    let before = edited(dir.path());
    let (code, out, err) = update(dir.path(), &["--format", "json"]);
    assert_eq!(
        code, 1,
        "a retyped figure and a deleted one: exit 1\n{out}\n{err}"
    );
    assert_eq!(
        std::fs::read(dir.path().join("edited.docx")).expect("edited"),
        before
    );
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON report");
    let changed: Vec<String> = report["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| format!("{} {} → {} {}", c["key"], c["old"], c["new"], c["places"]))
        .collect();
    assert_eq!(
        changed,
        [
            "\"jumin_canbao_renshu\" \"311881人\" → \"312000人\" [\"一（一）\"]",
            "\"jumin_canbao_lv\" \"99.87%\" → \"99.90%\" [\"一（一）\"]",
            "\"zhigong_canbao_renshu\" \"98166人\" → \"98170人\" [\"一（二）\"]",
            "\"zhigong_jijin_zhichu\" \"19649.24万元\" → \"19650.00万元\" [\"一（二）\"]",
            "\"daiyu_jihe_jine\" \"598532.80元\" → \"598600.00元\" [\"一（三）4\",\"二（六）4\"]",
            "\"baoxiao_jumin_fen\" \"4604份\" → \"4610份\" [\"一（四）\"]",
        ]
    );
    let conflict = &report["conflicts"][0];
    assert_eq!(
        (
            conflict["key"].as_str(),
            conflict["found"].as_str(),
            conflict["written"].as_str(),
            conflict["new"].as_str()
        ),
        (
            Some("jumin_zhuyuan_renci"),
            Some("44280人次"),
            Some("44275人次"),
            Some("44300人次")
        )
    );
    assert_eq!(report["conflicts"].as_array().map(Vec::len), Some(1));
    let missing: Vec<&serde_json::Value> = report["missing"]
        .as_array()
        .expect("missing")
        .iter()
        .filter(|m| m["needs_attention"] == true)
        .collect();
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0]["key"], "shengyu_xiangshou_renshu");
    assert_eq!(report["revisions"], 7);
    assert_eq!(report["complete"], false);

    let updated = std::fs::read(dir.path().join("out.docx")).expect("output");
    let draft = lines(&read(&before, Resolve::AsIs));
    // Reject All gives back the writer's draft exactly; Accept All the draft with new figures.
    assert_eq!(lines(&read(&updated, Resolve::Reject)), draft);
    let accepted = lines(&read(&updated, Resolve::Accept));
    assert_eq!(accepted, expected_after_accept(&draft));
    assert!(accepted.iter().any(|l| l == "新增加的一句话。"));
    assert!(accepted.iter().any(|l| l.starts_with(
        "据统计，2020年度城乡居民医保参保人数为约312000人，参保率达99.90%（同比提高0.1个百分点）。"
    )));
    assert!(
        accepted.iter().any(|l| l.contains("其中住院44280人次")),
        "the retyped figure stays"
    );
    assert!(
        !accepted.iter().any(|l| l.contains("生育保险享受人数")),
        "not re-inserted"
    );

    // The XML: author and date on every revision, the bold kept in the inserted run, the split
    // figure deleted run by run.
    let xml = part(&updated, "word/document.xml");
    assert_eq!(xml.matches("<w:ins ").count(), 7);
    assert_eq!(
        xml.matches("w:author=\"wengao\" w:date=\"2025-03-01T09:00:00Z\"")
            .count(),
        xml.matches("<w:ins ").count() + xml.matches("<w:del ").count()
    );
    let ins = xml.find(&t("98170")).expect("98170 inserted");
    let run = &xml[xml[..ins].rfind("<w:ins ").expect("in w:ins")..ins];
    assert!(run.contains("<w:b/><w:bCs/>"), "bold kept: {run}");
    assert!(xml.contains("<w:delText xml:space=\"preserve\">1964</w:delText>"));
    assert!(
        xml.contains("<w:delText xml:space=\"preserve\">9.24</w:delText></w:r></w:del><w:ins ")
    );

    // Every other part is byte for byte the writer's.
    let changed_parts: Vec<String> = parts(&before)
        .into_iter()
        .zip(parts(&updated))
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.0)
        .collect();
    assert_eq!(changed_parts, ["docProps/custom.xml", "word/document.xml"]);
}

#[test]
fn the_human_report_lists_changes_conflicts_and_missing_figures() {
    let dir = workspace();
    edited(dir.path());
    let (code, out, err) = update(dir.path(), &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        out.starts_with("已写出 out.docx：7 处修订（修订者 wengao，2025-03-01T09:00:00Z）\n"),
        "{out}"
    );
    assert!(out.contains("\n改动（6 项）\n  一（一）　城乡居民医保参保人数 jumin_canbao_renshu：311881人 → 312000人\n"), "{out}");
    assert!(out.contains("  一（三）4、二（六）4（2 处）　待遇稽核涉及医保基金 daiyu_jihe_jine：598532.80元 → 598600.00元\n"), "{out}");
    assert!(out.contains("\n冲突（1 项，未改动；核对后可加 --force 覆盖）\n  一（一）　城乡居民医保住院人次 jumin_zhuyuan_renci：文稿中是 44280人次，上次写入 44275人次，新数据 44300人次（文稿中的数字已被手工改过）\n"), "{out}");
    assert!(out.contains("\n未找到（1 项，没有重新插入；所在句子可能已删除或改写，请手工核对）\n  生育保险享受人数 shengyu_xiangshou_renshu：2112人 → 2120人\n"), "{out}");
    assert!(out.ends_with("\n共 6 项改动已写成修订；1 项冲突、1 项未找到或新版不再有，需人工处理（另有 1 项数字在文稿中找不到，但数值未变）\n"), "{out}");
}

#[test]
fn force_replaces_a_retyped_figure_too() {
    let dir = workspace();
    edited(dir.path());
    let (code, out, err) = update(dir.path(), &["--force", "--format", "json"]);
    assert_eq!(code, 1, "the deleted figure is still missing\n{err}");
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(report["conflicts"][0]["forced"], true);
    assert_eq!(report["revisions"], 8);
    let updated = std::fs::read(dir.path().join("out.docx")).expect("output");
    let accepted = lines(&read(&updated, Resolve::Accept));
    assert!(accepted.iter().any(|l| l.contains("其中住院44300人次")));
}

#[test]
fn output_is_the_same_bytes_every_time_and_updating_twice_changes_nothing_more() {
    let dir = workspace();
    edited(dir.path());
    update(dir.path(), &[]);
    let first = std::fs::read(dir.path().join("out.docx")).expect("first");
    update(dir.path(), &[]);
    assert_eq!(
        std::fs::read(dir.path().join("out.docx")).expect("second"),
        first
    );

    // The updated draft, updated again with the same figures: nothing left to change except
    // the retyped figure, still a conflict.
    std::fs::copy(dir.path().join("out.docx"), dir.path().join("edited.docx")).expect("copy");
    let (code, out, _) = update(dir.path(), &["--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(report["changes"], serde_json::json!([]));
    assert_eq!(report["conflicts"].as_array().map(Vec::len), Some(1));
    assert_eq!(code, 1);
}

#[test]
fn an_untouched_draft_with_unchanged_figures_keeps_its_document_byte_for_byte() {
    let dir = workspace();
    std::fs::copy(dir.path().join("old.docx"), dir.path().join("edited.docx")).expect("copy");
    let (code, out, err) = wengao(
        dir.path(),
        &[
            "update",
            "edited.docx",
            "old.yaml",
            "-o",
            "out.docx",
            "--date",
            "2025-03-01",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.ends_with("没有需要改动的数字\n"), "{out}");
    let a = std::fs::read(dir.path().join("old.docx")).expect("old");
    let b = std::fs::read(dir.path().join("out.docx")).expect("out");
    assert_eq!(part(&a, "word/document.xml"), part(&b, "word/document.xml"));
}

/// Runs update on `edited` (a path in `dir`) and asserts exit 2, the message, and that nothing
/// was written.
fn refused(dir: &Path, edited: &str, yaml: &str, code: &str, message: &str) {
    let before = std::fs::read(dir.join(edited)).ok();
    let (exit, out, err) = wengao(
        dir,
        &[
            "update",
            edited,
            yaml,
            "-o",
            "refused.docx",
            "--date",
            "2025-03-01",
        ],
    );
    assert_eq!(exit, 2, "{out}\n{err}");
    assert!(err.contains(&format!("错误[{code}]")), "{err}");
    assert!(err.contains(message), "{err}");
    assert!(err.ends_with("未写出任何文件\n"), "{err}");
    assert!(!dir.join("refused.docx").exists());
    assert_eq!(
        std::fs::read(dir.join(edited)).ok(),
        before,
        "input untouched"
    );
    let leftovers: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(".wengao-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn bad_inputs_are_refused_with_exit_2_and_nothing_written() {
    let dir = workspace();
    let d = dir.path();
    let bad = root().join("tests/import/bad");
    for (file, code, message) in [
        ("not-a-zip.docx", "E-DOCX-NOT-ZIP", "不是 Word 文档"),
        ("encrypted.docx", "E-DOCX-ENCRYPTED", "设置了打开密码"),
        ("truncated.docx", "E-DOCX-BROKEN", "已损坏"),
        ("xlsx-renamed.docx", "E-DOCX-NOT-WORD", "Excel"),
        ("report.pdf", "E-DOCX-PDF", "PDF"),
    ] {
        std::fs::copy(bad.join(file), d.join(file)).expect("copies");
        refused(d, file, "new.yaml", code, message);
    }
    // A Word document wengao did not write: no manifest; the hint points at import.
    std::fs::copy(
        root().join("tests/import/docx/hard.docx"),
        d.join("hard.docx"),
    )
    .expect("copy");
    refused(
        d,
        "hard.docx",
        "new.yaml",
        "E-UPDATE-NOT-WENGAO",
        "wengao import",
    );
    // An indicator file of another report.
    std::fs::copy(d.join("old.docx"), d.join("edited.docx")).expect("copy");
    let other = std::fs::read_to_string(d.join("new.yaml"))
        .expect("new")
        .replacen(
            "agency: 三门县医疗保障服务中心",
            "agency: 天台县医疗保障服务中心",
            1,
        );
    std::fs::write(d.join("other.yaml"), other).expect("other");
    refused(
        d,
        "edited.docx",
        "other.yaml",
        "E-UPDATE-OTHER-REPORT",
        "文稿是“三门县医疗保障服务中心”的，指标文件是“天台县医疗保障服务中心”的",
    );
    for sample in [
        "sample-2021-disclosure.yaml",
        "sample-2021-disclosure.md.tera",
    ] {
        std::fs::copy(root().join("data").join(sample), d.join(sample)).expect("copy");
    }
    refused(
        d,
        "edited.docx",
        "sample-2021-disclosure.yaml",
        "E-UPDATE-OTHER-REPORT",
        "指标文件 sample-2021-disclosure.yaml 不是文稿 edited.docx 这份报告的",
    );
    // A missing file, and the output on the edited file itself.
    refused(
        d,
        "missing.docx",
        "new.yaml",
        "E-UPDATE-READ",
        "无法读取文稿 missing.docx",
    );
    let (exit, _, err) = wengao(
        d,
        &["update", "edited.docx", "new.yaml", "-o", "./edited.docx"],
    );
    assert_eq!(exit, 2);
    assert!(err.contains("错误[E-UPDATE-SAME-FILE]"), "{err}");
    let (exit, _, err) = wengao(
        d,
        &[
            "update",
            "edited.docx",
            "new.yaml",
            "-o",
            "x.docx",
            "--date",
            "2025-02-30",
        ],
    );
    assert_eq!(exit, 2);
    assert!(
        err.contains("错误[E-UPDATE-DATE]: 修订日期“2025-02-30”无法识别"),
        "{err}"
    );
    // Errors in the new indicator file: nothing written, exit 2.
    let broken = std::fs::read_to_string(d.join("new.yaml"))
        .expect("new")
        .replacen("jumin_canbao_lv: 99.90 ", "jumin_canbao_lv: 100.5 ", 1);
    std::fs::write(d.join("broken.yaml"), broken).expect("broken");
    refused(
        d,
        "edited.docx",
        "broken.yaml",
        "E-RANGE-MAX",
        "不能超过 100%",
    );
}

#[path = "parts/update_tables.rs"]
mod tables;
