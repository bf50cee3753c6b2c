//! `wengao update` on a draft LibreOffice edited (the writer played through UNO by
//! `tests/lo/office.py`: a paragraph inserted, text typed at a paragraph's start, right before
//! and right after a figure, a figure made bold, a paragraph deleted, a figure retyped, a
//! sentence copied with the clipboard), then Accept All and Reject All in LibreOffice.
//!
//! Needs LibreOffice (`cargo test --test update_lo -- --ignored`); fails saying what to install
//! when it is missing. `tests/update.rs` covers the same edits without it.

#[path = "common/lo.rs"]
mod lo;
#[path = "common/sample.rs"]
mod sample;

use sample::{wengao, workspace};

#[test]
#[ignore = "needs LibreOffice"]
fn a_draft_edited_in_libreoffice_takes_the_new_figures() {
    let dir = workspace();
    let d = dir.path();
    lo::office(&[
        "edit",
        &lo::s(&d.join("old.docx")),
        &lo::s(&d.join("edited.docx")),
    ]);
    let (code, out, err) = wengao(
        d,
        &[
            "update",
            "edited.docx",
            "new.yaml",
            "-o",
            "out.docx",
            "--date",
            "2025-03-01",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 1, "a retyped and a deleted figure\n{out}\n{err}");
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON report");
    let keys = |list: &str| -> Vec<String> {
        report[list]
            .as_array()
            .expect("list")
            .iter()
            .map(|c| c["key"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(
        keys("changes"),
        [
            "jumin_canbao_renshu",
            "jumin_canbao_lv",
            "zhigong_canbao_renshu",
            "zhigong_jijin_zhichu",
            "daiyu_jihe_jine",
            "baoxiao_jumin_fen"
        ]
    );
    assert_eq!(keys("conflicts"), ["jumin_zhuyuan_renci"]);
    assert_eq!(report["conflicts"][0]["found"], "44280人次");
    let copied = &report["changes"][4];
    assert_eq!(
        copied["places"].as_array().map(Vec::len),
        Some(2),
        "both copies: {copied}"
    );

    let draft = lo::read(&d.join("edited.docx"), "asis");
    let rejected = lo::read(&d.join("out.docx"), "reject");
    assert_eq!(rejected, draft, "Reject All gives the writer's draft back");
    let accepted = lo::read(&d.join("out.docx"), "accept");
    let swaps = [
        ("约311881人", "约312000人"),
        ("99.87%（同比", "99.90%（同比"),
        ("98166人", "98170人"),
        ("598532.80元", "598600.00元"),
        ("4604份", "4610份"),
        ("19649.24万元", "19650.00万元"),
    ];
    let expected: Vec<String> = draft
        .iter()
        .map(|l| {
            swaps
                .iter()
                .fold(l.clone(), |acc, (a, b)| acc.replace(a, b))
        })
        .collect();
    assert_eq!(accepted, expected);
    assert!(accepted.iter().any(|l| l == "新增加的一句话。"));
    assert!(accepted.iter().any(|l| l.starts_with(
        "据统计，2020年度城乡居民医保参保人数为约312000人，参保率达99.90%（同比提高0.1个百分点）。"
    )));
    assert!(accepted.iter().any(|l| l.contains("其中住院44280人次")));
    assert_eq!(
        accepted
            .iter()
            .filter(|l| l.contains("598600.00元"))
            .count(),
        2
    );
}
