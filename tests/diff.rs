//! `wengao diff OLD NEW` end to end: a sample from `data/` copied to a temp dir as `old.yaml`, an
//! edited copy as `new.yaml`, and the output compared with golden files under `tests/diff/`
//! (`WENGAO_BLESS=1 cargo test --test diff` rewrites them; read the diff before committing).

use std::path::Path;
use std::process::Command;
use tempfile::TempDir;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A temp dir with the sample's narrative template, `old.yaml` (the sample as shipped) and
/// `new.yaml` (the sample with each `(from, to)` replaced once; `from` must occur).
fn workspace(sample: &str, edits: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = root().join("data");
    let yaml = std::fs::read_to_string(data.join(format!("{sample}.yaml"))).expect("sample");
    let template = format!("{sample}.md.tera");
    std::fs::copy(data.join(&template), dir.path().join(&template)).expect("copies template");
    let mut new = yaml.clone();
    for (from, to) in edits {
        assert!(new.contains(from), "{from:?} is not in {sample}.yaml");
        new = new.replacen(from, to, 1);
    }
    std::fs::write(dir.path().join("old.yaml"), &yaml).expect("writes old");
    std::fs::write(dir.path().join("new.yaml"), &new).expect("writes new");
    dir
}

/// Runs `wengao diff` in `dir`: (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_wengao"))
        .current_dir(dir)
        .arg("diff")
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs wengao");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("utf-8 stdout"),
        String::from_utf8(out.stderr).expect("utf-8 stderr"),
    )
}

fn golden(name: &str, text: &str) {
    let path = root().join("tests/diff").join(name);
    if std::env::var_os("WENGAO_BLESS").is_some() {
        std::fs::write(&path, text).expect("writes golden");
    }
    assert_eq!(text, std::fs::read_to_string(&path).unwrap_or_default());
}

const FUND_OLD: &str = "jumin_jijin_zhichu: 31069.08 ";
const FUND_NEW: &str = "jumin_jijin_zhichu: 31100.00 ";

#[test]
fn one_changed_figure_shows_the_figure_what_it_moved_and_the_sentence() {
    let dir = workspace("sanmen-2020", &[(FUND_OLD, FUND_NEW)]);
    let (code, out, err) = run(dir.path(), &["old.yaml", "new.yaml"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "");
    let lines: Vec<&str> = out.lines().collect();
    // The figure itself, with both places.
    let at = lines
        .iter()
        .position(|l| {
            *l == "  改动　城乡居民医保基金支出 jumin_jijin_zhichu：31069.08万元 → 31100.00万元（+30.92）"
        })
        .expect("the figure line");
    assert_eq!(lines[at + 1], "        old.yaml:21 → new.yaml:21");
    // The computed total it feeds (the file leaves jijin_zhichu to the catalogue).
    let total = lines
        .iter()
        .position(|l| {
            *l == "  改动　医保基金支出（合计） jijin_zhichu（算得）：50718.32万元 → 50749.24万元（+30.92）"
        })
        .expect("the computed figure line");
    assert_eq!(
        lines[total + 1],
        "        算法：医保基金支出（合计） = 职工医保基金支出 + 城乡居民医保基金支出"
    );
    // The one sentence that prints it, with its section path.
    assert!(lines.contains(
        &"  一（一）　改　截止2020年12月底，全县共审核就诊结算228.5万人次，累计基金支出金额[-31069.08-]{+31100.00+}万元。"
    ));
    assert_eq!(lines.last(), Some(&"共 2 项指标、1 处文句有变化"));
    golden("sanmen-one-figure.txt", &out);
}

#[test]
fn a_pending_figure_filled_in() {
    let dir = workspace(
        "xian-2025-H1",
        &[("jumin_jijin_zhichu: XX ", "jumin_jijin_zhichu: 3000.00 ")],
    );
    let (code, out, err) = run(dir.path(), &["old.yaml", "new.yaml"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(
            "  填入　城乡居民医保基金支出 jumin_jijin_zhichu：XX万元 → 3000.00万元\n        old.yaml:38 → new.yaml:38\n"
        ),
        "{out}"
    );
    assert!(out.contains("基金支出[-XX-]{+3000.00+}万元，"), "{out}");
    golden("xian-pending-filled.txt", &out);

    // The other way round: a value became pending again.
    let (code, back, _) = run(dir.path(), &["new.yaml", "old.yaml"]);
    assert_eq!(code, 0);
    assert!(
        back.contains("  待填　城乡居民医保基金支出 jumin_jijin_zhichu：3000.00万元 → XX万元\n"),
        "{back}"
    );
}

#[test]
fn identical_files_have_no_changes() {
    let dir = workspace("sanmen-2020", &[]);
    let (code, out, err) = run(dir.path(), &["old.yaml", "new.yaml"]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "没有变化\n", ""));
    let (code, json, _) = run(dir.path(), &["old.yaml", "new.yaml", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["figures"], serde_json::json!([]));
    assert_eq!(v["sentences"], serde_json::json!([]));
    assert_eq!(v["mismatch"], serde_json::Value::Null);
    assert_eq!(v["warnings"]["new"], serde_json::json!([]));
    assert_eq!(v["warnings"]["resolved"], serde_json::json!([]));
    // The warnings both versions share are listed, not counted as changes.
    assert!(
        !v["warnings"]["shared"]
            .as_array()
            .expect("shared")
            .is_empty()
    );
}

#[test]
fn a_typed_in_total_that_no_longer_agrees_is_a_new_problem() {
    // The total is typed in and agrees with its parts in the old version; a part changes.
    let dir = workspace(
        "sanmen-2020",
        &[(
            "  jumin_jijin_zhichu: 31069.08 ",
            "  jumin_jijin_zhichu: 31100.00 ",
        )],
    );
    for name in ["old.yaml", "new.yaml"] {
        let path = dir.path().join(name);
        let text = std::fs::read_to_string(&path).expect("reads");
        let typed = text.replacen(
            "  jumin_jijin_zhichu:",
            "  jijin_zhichu: 50718.32\n  jumin_jijin_zhichu:",
            1,
        );
        std::fs::write(&path, typed).expect("writes");
    }
    let (code, out, err) = run(dir.path(), &["old.yaml", "new.yaml"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("问题（新出现 1 项，已消除 0 项；两版都有的 "),
        "{out}"
    );
    assert!(
        out.contains(
            "  新出现　W-REL-MISMATCH 医保基金支出（合计）与计算值不符：写的是 50718.32万元，算得 50749.24万元，相差 -30.92万元（规则：医保基金支出（合计） = 职工医保基金支出 + 城乡居民医保基金支出）（new.yaml:21）\n"
        ),
        "{out}"
    );
    assert!(
        out.ends_with("共 1 项指标、1 处文句有变化，新出现 1 个问题\n"),
        "{out}"
    );

    // The other way round, the problem goes away.
    let (_, back, _) = run(dir.path(), &["new.yaml", "old.yaml", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&back).expect("JSON");
    assert_eq!(v["warnings"]["new"], serde_json::json!([]));
    let resolved = &v["warnings"]["resolved"];
    assert_eq!(resolved[0]["code"], "W-REL-MISMATCH");
    assert_eq!(resolved[0]["file"], "new.yaml");
    assert_eq!(resolved[0]["line"], 21);
    assert_eq!(resolved[0]["path"], "figures.jijin_zhichu");
}

#[test]
fn reports_of_another_kind_or_agency_are_said_first() {
    let dir = workspace(
        "sanmen-2020",
        &[(
            "agency: 三门县医疗保障服务中心",
            "agency: 天台县医疗保障服务中心",
        )],
    );
    let (code, out, err) = run(dir.path(), &["old.yaml", "new.yaml"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with(
            "注意：两份指标文件不是同一份报告（旧版是三门县医疗保障服务中心的年度工作总结，新版是天台县医疗保障服务中心的年度工作总结），下面的比较可能没有意义\n\n"
        ),
        "{out}"
    );
    let disclosure =
        std::fs::read_to_string(root().join("data/sample-2021-disclosure.yaml")).expect("sample");
    std::fs::write(dir.path().join("disclosure.yaml"), disclosure).expect("writes");
    std::fs::copy(
        root().join("data/sample-2021-disclosure.md.tera"),
        dir.path().join("sample-2021-disclosure.md.tera"),
    )
    .expect("copies template");
    let (code, json, err) = run(
        dir.path(),
        &["old.yaml", "disclosure.yaml", "--format", "json"],
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["mismatch"]["old"]["kind"], "年度工作总结");
    assert_eq!(v["mismatch"]["new"]["kind"], "政府信息公开工作年度报告");
}

#[test]
fn json_shape_is_stable() {
    let dir = workspace("sanmen-2020", &[(FUND_OLD, FUND_NEW)]);
    let (code, json, err) = run(dir.path(), &["old.yaml", "new.yaml", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("one JSON document");
    let keys = |o: &serde_json::Value| -> Vec<String> {
        o.as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    };
    assert_eq!(keys(&v), ["figures", "mismatch", "sentences", "warnings"]);
    let figures = v["figures"].as_array().expect("figures");
    assert_eq!(figures.len(), 2);
    let fund = &figures[1];
    assert_eq!(
        keys(fund),
        [
            "change",
            "difference",
            "key",
            "name",
            "new",
            "old",
            "period",
            "unit"
        ]
    );
    assert_eq!(
        keys(&fund["new"]),
        ["computed", "file", "line", "pending", "rule", "value"]
    );
    assert_eq!(
        *fund,
        serde_json::json!({
            "key": "jumin_jijin_zhichu", "name": "城乡居民医保基金支出", "unit": "万元",
            "period": "current", "change": "changed", "difference": "+30.92",
            "old": {"value": "31069.08", "pending": false, "computed": false,
                    "file": "old.yaml", "line": 21, "rule": null},
            "new": {"value": "31100.00", "pending": false, "computed": false,
                    "file": "new.yaml", "line": 21, "rule": null},
        })
    );
    assert_eq!(figures[0]["key"], "jijin_zhichu");
    assert_eq!(figures[0]["new"]["computed"], true);
    assert_eq!(figures[0]["new"]["file"], serde_json::Value::Null);

    let sentences = v["sentences"].as_array().expect("sentences");
    assert_eq!(sentences.len(), 1);
    let old = "截止2020年12月底，全县共审核就诊结算228.5万人次，累计基金支出金额31069.08万元。";
    assert_eq!(
        sentences[0],
        serde_json::json!({
            "path": "一（一）", "kind": "sentence", "change": "changed",
            "old": old,
            "new": old.replace("31069.08", "31100.00"),
            "marked": old.replace("31069.08", "[-31069.08-]{+31100.00+}"),
            "spans": [
                {"op": "equal", "text": "截止2020年12月底，全县共审核就诊结算228.5万人次，累计基金支出金额"},
                {"op": "delete", "text": "31069.08"},
                {"op": "insert", "text": "31100.00"},
                {"op": "equal", "text": "万元。"},
            ],
            "figures": ["jumin_jiesuan_renci", "jumin_jijin_zhichu"],
        })
    );
    golden("sanmen-one-figure.json", &json);
}

#[test]
fn a_removed_section_renumbers_the_headings_after_it() {
    let dir = workspace(
        "sanmen-2020",
        &[("template: sanmen-2020.md.tera", "template: new.md.tera")],
    );
    let narrative =
        std::fs::read_to_string(dir.path().join("sanmen-2020.md.tera")).expect("narrative");
    let section = "## 医保电子凭证推进工作情况。\n";
    let start = narrative.find(section).expect("the section");
    let end = start
        + section.len()
        + narrative[start + section.len()..]
            .find("\n## ")
            .expect("a next section");
    let edited = format!("{}{}", &narrative[..start], &narrative[end + 1..]).replacen(
        "维护了广大参保人员的合法权益。",
        "维护了广大参保人员的合法权益。新写的一句话。",
        1,
    );
    std::fs::write(dir.path().join("new.md.tera"), edited).expect("writes narrative");
    let (code, out, err) = run(dir.path(), &["old.yaml", "new.yaml"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("  一（八）　删　[-（八）医保电子凭证推进工作情况。-]\n"),
        "{out}"
    );
    assert!(
        out.contains("  一（八）　改　（[-九-]{+八+}）加强政策支持助力疫情防控。\n"),
        "{out}"
    );
    assert!(
        out.contains("  一（三）4　增　{+新写的一句话。+}\n"),
        "{out}"
    );
    golden("sanmen-section-removed.txt", &out);
}

#[test]
fn errors_in_either_file_are_printed_like_check() {
    let dir = workspace(
        "sanmen-2020",
        &[("jumin_canbao_lv: 99.87 ", "jumin_canbao_lv: 100.5 ")],
    );
    let (code, out, err) = run(dir.path(), &["old.yaml", "new.yaml"]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert!(
        err.starts_with(
            "错误[E-RANGE-MAX]: 城乡居民医保参保率不能超过 100%，写的是 100.5\n  --> new.yaml:15:20（figures.jumin_canbao_lv）\n"
        ),
        "{err}"
    );
    assert!(
        err.ends_with(
            "  = 提示：比率在 0 到 100 之间，只写百分数的数字部分，例如 99.87\n\n指标文件或模板有错误，未比较（警告和完整结果请用 wengao check 查看）\n"
        ),
        "{err}"
    );
    assert!(!err.contains("警告["), "only the errors: {err}");

    // JSON: the diagnostics as JSON lines on stderr, nothing on stdout.
    let (code, out, err) = run(dir.path(), &["new.yaml", "old.yaml", "--format", "json"]);
    assert_eq!((code, out.as_str()), (1, ""));
    let codes: Vec<String> = err
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON line"))
        .map(|d| format!("{} {}", d["code"], d["line"]))
        .collect();
    assert_eq!(codes, ["\"E-RANGE-MAX\" 15"]);

    let (code, _, err) = run(dir.path(), &["old.yaml", "missing.yaml"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("missing.yaml"), "{err}");
}

#[test]
fn a_template_error_exits_2() {
    let dir = workspace(
        "sanmen-2020",
        &[("template: sanmen-2020.md.tera", "template: broken.md.tera")],
    );
    std::fs::write(
        dir.path().join("broken.md.tera"),
        "{% extends \"annual.md.tera\" %}{% block summary_sections %}{{ fig(key=\"no_such_key\") }}{% endblock summary_sections %}",
    )
    .expect("writes template");
    let (code, out, err) = run(dir.path(), &["old.yaml", "new.yaml"]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(err.contains("错误[E-TEMPLATE"), "{err}");
}

#[test]
fn a_previous_period_figure_is_marked() {
    let dir = workspace(
        "sanmen-2020",
        &[(
            "  jumin_chouzi_biaozhun: 1000 ",
            "  jumin_chouzi_biaozhun: 1100 ",
        )],
    );
    let (code, out, err) = run(dir.path(), &["old.yaml", "new.yaml"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(
            "  改动　城乡居民医保人均筹资标准 jumin_chouzi_biaozhun（上期）：1000元 → 1100元（+100）\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("从2019年度的每人每年[-1000-]{+1100+}元提高到1340元，"),
        "{out}"
    );
}

#[test]
fn disclosure_table_rows_are_compared_cell_by_cell() {
    let dir = workspace(
        "yunxi-2020-disclosure",
        &[(
            "规范性文件: {本年新制作数量: 1, 本年新公开数量: 1, 对外公开总数量: 1}",
            "规范性文件: {本年新制作数量: 2, 本年新公开数量: 2, 对外公开总数量: 2}",
        )],
    );
    let (code, out, err) = run(dir.path(), &["old.yaml", "new.yaml"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "文句（1 处有变化）\n  附件1 表格第4行　改　规范性文件 | [-1-]{+2+} | [-1-]{+2+} | [-1-]{+2+}\n\n共 1 处文句有变化\n"
    );
}
