//! `wengao update` on table cells, on figures without a place or dropped, and on phrases whose wording follows the value.

use super::*;

/// A temp dir with `sample` from `data/` (and its template) as `old.yaml`, `new.yaml` the same
/// with `(from, to)` replaced, and `edited.docx` rendered from `old.yaml`.
fn sample_workspace(
    sample: &str,
    edits: &[(&str, &str)],
    filter: &dyn Fn(&str) -> bool,
) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = root().join("data");
    let yaml = std::fs::read_to_string(data.join(format!("{sample}.yaml"))).expect("sample");
    let template = format!("{sample}.md.tera");
    if data.join(&template).exists() {
        std::fs::copy(data.join(&template), dir.path().join(&template)).expect("template");
    }
    let mut new: String = yaml
        .lines()
        .filter(|l| filter(l))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    for (from, to) in edits {
        assert!(new.contains(from), "{from}");
        new = new.replacen(from, to, 1);
    }
    std::fs::write(dir.path().join("old.yaml"), &yaml).expect("old");
    std::fs::write(dir.path().join("new.yaml"), &new).expect("new");
    let (code, _, err) = wengao(
        dir.path(),
        &["render", "old.yaml", "--to", "docx", "-o", "."],
    );
    assert_eq!(code, 0, "{err}");
    std::fs::copy(dir.path().join("old.docx"), dir.path().join("edited.docx")).expect("copy");
    dir
}

#[test]
fn table_cells_are_updated_in_place_and_a_retyped_cell_is_a_conflict() {
    let dir = sample_workspace(
        "yunxi-2020-disclosure",
        &[(
            "规范性文件: {本年新制作数量: 1, 本年新公开数量: 1, 对外公开总数量: 1}",
            "规范性文件: {本年新制作数量: 2, 本年新公开数量: 2, 对外公开总数量: 3}",
        )],
        &|_| true,
    );
    let d = dir.path();
    // The writer retyped one cell of the row (对外公开总数量 1 → 5).
    let bytes = std::fs::read(d.join("edited.docx")).expect("edited");
    let mut xml = part(&bytes, "word/document.xml");
    let row = paragraph(&xml, "规范性文件").end;
    let last = row + xml[row..].find("</w:tr>").expect("row end");
    let cell = xml[..last].rfind(&t("1")).expect("last cell");
    xml.replace_range(cell..cell + t("1").len(), &t("5"));
    std::fs::write(
        d.join("edited.docx"),
        with_part(&bytes, "word/document.xml", &xml),
    )
    .expect("w");
    let (code, out, err) = update(d, &["--format", "json"]);
    assert_eq!(code, 1, "{out}\n{err}");
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let changes = report["changes"].as_array().expect("changes");
    assert_eq!(changes.len(), 2, "{report}");
    assert_eq!(changes[0]["name"], "表二 规范性文件 本年新制作数量");
    assert_eq!(changes[0]["places"][0], "附件1 表格第4行");
    assert_eq!(report["conflicts"][0]["found"], "5");
    let updated = std::fs::read(d.join("out.docx")).expect("out");
    let accepted = lines(&read(&updated, Resolve::Accept));
    assert!(
        accepted.contains(&"规范性文件 | 2 | 2 | 5".to_string()),
        "{accepted:?}"
    );
    let rejected = lines(&read(&updated, Resolve::Reject));
    assert!(
        rejected.contains(&"规范性文件 | 1 | 1 | 5".to_string()),
        "{rejected:?}"
    );
}

#[test]
fn new_figures_without_a_place_and_figures_the_new_version_drops_are_reported() {
    // The draft has no 长期护理保险 section; the new data brings one.
    let dir = sample_workspace("shi-2025-H1", &[], &|_| true);
    let d = dir.path();
    let old = std::fs::read_to_string(d.join("old.yaml")).expect("old");
    let without: Vec<&str> = old
        .lines()
        .filter(|l| !l.trim_start().starts_with("changhu_"))
        .collect();
    std::fs::write(d.join("old.yaml"), without.join("\n") + "\n").expect("old");
    wengao(d, &["render", "old.yaml", "--to", "docx", "-o", "."]);
    std::fs::copy(d.join("old.docx"), d.join("edited.docx")).expect("copy");
    std::fs::write(d.join("new.yaml"), &old).expect("new");
    let (code, out, _) = update(d, &["--format", "json"]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let unplaced: Vec<&str> = report["unplaced"]
        .as_array()
        .expect("unplaced")
        .iter()
        .filter_map(|u| u["key"].as_str())
        .collect();
    assert_eq!(unplaced.len(), 5, "{unplaced:?}");
    assert!(unplaced.iter().all(|k| k.starts_with("changhu_")));
    // The other way round: the draft shows the section, the new data no longer has it.
    std::fs::write(d.join("new.yaml"), without.join("\n") + "\n").expect("new");
    std::fs::write(d.join("old.yaml"), &old).expect("old");
    wengao(d, &["render", "old.yaml", "--to", "docx", "-o", "."]);
    std::fs::copy(d.join("old.docx"), d.join("edited.docx")).expect("copy");
    let (code, out, _) = update(d, &[]);
    assert_eq!(code, 1);
    assert!(
        out.contains("\n新版不再有（5 项，文稿中仍是旧数字，请手工处理）\n"),
        "{out}"
    );
    assert!(
        out.contains("  长护险定点护理机构 changhu_dingdian_jigou：18家\n"),
        "{out}"
    );
}

#[test]
fn a_phrase_whose_wording_depends_on_the_value_changes_with_it() {
    let dir = sample_workspace(
        "shi-2025-H1",
        &[(
            "drg_jumin_juesuan_tongbi: 6.00 ",
            "drg_jumin_juesuan_tongbi: -1.50 ",
        )],
        &|_| true,
    );
    let d = dir.path();
    let (code, out, err) = update(d, &["--format", "json"]);
    assert_eq!(code, 0, "{out}\n{err}");
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(report["changes"][0]["old"], "同比增长6%");
    assert_eq!(report["changes"][0]["new"], "同比下降1.5%");
    let updated = std::fs::read(d.join("out.docx")).expect("out");
    let xml = part(&updated, "word/document.xml");
    // Only the words that differ are revised: 同比 stays, 增长6 → 下降1.5, % stays.
    assert!(xml.contains("<w:delText xml:space=\"preserve\">增长6</w:delText>"));
    assert!(xml.contains("<w:t xml:space=\"preserve\">下降1.5</w:t></w:r></w:ins>"));
    let accepted = lines(&read(&updated, Resolve::Accept)).concat();
    assert!(
        accepted.contains("城乡医保DRGs决算金额XX亿元，同比下降1.5%；"),
        "{accepted}"
    );
}
