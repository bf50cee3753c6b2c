//! `wengao check` end to end: a corpus of malformed inputs (tests/check/<case>/), exact decimals,
//! relations (computed and mismatched), cross-file rules, the JSON shape, and huge files.
//!
//! Each case directory holds `input.yaml` (or an `args` file: one argument per line, run from the
//! case directory) and `expected.txt`: the exit code, then one line per diagnostic
//! (`code line:column message`, the hint indented below). `WENGAO_BLESS=1 cargo test --test check`
//! rewrites the expected files; read the diff before committing.

use std::path::{Path, PathBuf};
use std::process::Command;
use wengao::model::{FigureValue, Origin};
use wengao::validate::{CheckOptions, check_files};

fn wengao() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wengao"))
}

fn run_json(dir: &Path, args: &[String]) -> (i32, Vec<serde_json::Value>) {
    let out = wengao()
        .current_dir(dir)
        .arg("check")
        .arg("--format")
        .arg("json")
        .args(args)
        .output()
        .expect("runs wengao");
    let lines = String::from_utf8(out.stdout).expect("utf-8 output");
    let values = lines
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    (out.status.code().unwrap_or(-1), values)
}

fn describe(exit: i32, ds: &[serde_json::Value]) -> String {
    let mut s = format!("exit: {exit}\n");
    for d in ds {
        let str_of = |k: &str| d[k].as_str().unwrap_or_default().to_string();
        s.push_str(&format!(
            "{} {}:{}:{} {}\n",
            str_of("code"),
            str_of("file"),
            d["line"],
            d["column"],
            str_of("message")
        ));
        if let Some(h) = d["hint"].as_str() {
            s.push_str(&format!("    提示：{h}\n"));
        }
    }
    s
}

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/check");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/check exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn malformed_corpus() {
    let cases = cases();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    let bless = std::env::var_os("WENGAO_BLESS").is_some();
    let mut failures = Vec::new();
    for dir in &cases {
        let args: Vec<String> = match std::fs::read_to_string(dir.join("args")) {
            Ok(a) => a.lines().map(str::to_string).collect(),
            Err(_) => vec!["input.yaml".to_string()],
        };
        let started = std::time::Instant::now();
        let (exit, ds) = run_json(dir, &args);
        assert!(
            started.elapsed().as_secs() < 5,
            "{} took {:?}",
            dir.display(),
            started.elapsed()
        );
        let actual = describe(exit, &ds);
        let expected_path = dir.join("expected.txt");
        if bless {
            std::fs::write(&expected_path, &actual).expect("writes expected.txt");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "── {} ──\nexpected:\n{expected}\nactual:\n{actual}",
                dir.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn fifty_megabyte_file_is_refused_quickly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.yaml");
    let line = "  jumin_canbao_renshu_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx: 311881\n";
    let mut text = String::from("figures:\n");
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(line);
    }
    std::fs::write(&path, text).expect("writes");
    let started = std::time::Instant::now();
    let (exit, ds) = run_json(dir.path(), &["huge.yaml".to_string()]);
    assert!(started.elapsed().as_secs() < 3);
    assert_eq!(exit, 2);
    assert_eq!(ds.len(), 1);
    assert_eq!(ds[0]["code"], "E-FILE-TOO-LARGE");
    assert_eq!(
        ds[0]["message"],
        "文件 huge.yaml 太大（50 MB），超过上限 10 MB"
    );
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("writes");
    p
}

const META: &str =
    "meta: {agency: 三门县医疗保障服务中心, period: 2020, date: 2021-01-07, report: annual}\n";

#[test]
fn decimals_round_trip_byte_for_byte() {
    let dir = tempfile::tempdir().expect("temp dir");
    let catalogue = write(
        dir.path(),
        "c.yaml",
        "figures:\n  - {key: a, name: 甲, unit: 元, kind: flow}\n  - {key: b, name: 乙, unit: 元, kind: flow}\n  - {key: c, name: 丙, unit: '%', kind: stock}\n  - {key: d, name: 丁, unit: 元, kind: flow}\n  - {key: e, name: 戊, unit: 元, kind: flow}\n  - {key: f, name: 己, unit: '%', kind: stock}\n",
    );
    let file = write(
        dir.path(),
        "a.yaml",
        &format!(
            "{META}figures:\n  a: 42905.96\n  b: 316449463.25\n  c: 99.87\n  d: 0.1\n  e: 12345678901234567.89\n  f: 100.00\n"
        ),
    );
    let checked = check_files(
        &[file],
        &CheckOptions {
            final_: false,
            catalogues: vec![catalogue],
            ..CheckOptions::default()
        },
    );
    assert!(
        checked.diagnostics.items.is_empty(),
        "{:?}",
        checked.diagnostics.items
    );
    let r = &checked.reports[0];
    let got: Vec<String> = ["a", "b", "c", "d", "e", "f"]
        .iter()
        .map(|k| {
            r.figures[*k]
                .value
                .decimal()
                .map(|d| d.to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        got,
        [
            "42905.96",
            "316449463.25",
            "99.87",
            "0.1",
            "12345678901234567.89",
            "100.00"
        ]
    );
}

#[test]
fn relations_compute_missing_figures() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write(
        dir.path(),
        "a.yaml",
        &format!(
            "{META}figures:\n  jumin_zhuyuan_zhichu: 21724.78\n  jumin_menzhen_zhichu: 9300.69\n  jumin_chouzi_zonge: 42905.96\n  jumin_zhuyuan_renci: 44275\n  jumin_canbao_renshu: 311881\n  jumin_yingcan_renshu: 312287\n  zhigong_jijin_zhichu: 3214.6\nprevious:\n  zhigong_jijin_zhichu: 3920.2\n"
        ),
    );
    let checked = check_files(&[file], &CheckOptions::default());
    assert!(
        checked.diagnostics.items.is_empty(),
        "{:?}",
        checked.diagnostics.items
    );
    let r = &checked.reports[0];
    let value = |k: &str| match &r.figures[k].value {
        FigureValue::Exact(d) => d.to_string(),
        FigureValue::Pending => "XX".into(),
    };
    // Sum, then a difference that uses the computed sum (chained).
    assert_eq!(value("jumin_jijin_zhichu"), "31025.47");
    assert_eq!(value("jumin_dangnian_jieyu"), "11880.49");
    // 万元 ÷ 人次 → 元: 217247800 / 44275 = 4906.782…
    assert_eq!(value("jumin_zhuyuan_renjun"), "4906.78");
    // 311881 / 312287 × 100 = 99.8699…
    assert_eq!(value("jumin_canbao_lv"), "99.87");
    // (3214.6 − 3920.2) / 3920.2 × 100 = −17.999…
    assert_eq!(value("zhigong_jijin_zhichu_tongbi"), "-18.00");
    match &r.figures["jumin_jijin_zhichu"].origin {
        Origin::Computed { rule } => assert_eq!(
            rule,
            "城乡居民医保基金支出 = 城乡居民医保住院基金支出 + 城乡居民医保门诊基金支出"
        ),
        other => panic!("not computed: {other:?}"),
    }
}

#[test]
fn relation_with_pending_input_leaves_result_pending() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write(
        dir.path(),
        "a.yaml",
        &format!("{META}figures:\n  jumin_zhuyuan_zhichu: XX\n  jumin_menzhen_zhichu: 9300.69\n"),
    );
    let checked = check_files(&[file], &CheckOptions::default());
    let r = &checked.reports[0];
    assert_eq!(r.figures["jumin_jijin_zhichu"].value, FigureValue::Pending);
    let codes: Vec<&str> = checked
        .diagnostics
        .items
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(codes, ["W-PENDING"]);
}

#[test]
fn json_shape_is_stable() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/check/sum-mismatch");
    let (exit, ds) = run_json(&dir, &["input.yaml".to_string()]);
    assert_eq!(exit, 0);
    assert_eq!(ds.len(), 1);
    let d = &ds[0];
    let keys: Vec<&str> = d
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(
        keys,
        [
            "code",
            "column",
            "figure",
            "file",
            "hint",
            "line",
            "message",
            "related",
            "severity",
            "yaml_path"
        ]
    );
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["code"], "W-REL-MISMATCH");
    assert_eq!(d["file"], "input.yaml");
    assert_eq!(d["line"], 7);
    assert_eq!(d["column"], 23);
    assert_eq!(d["yaml_path"], "figures.jumin_jijin_zhichu");
    assert_eq!(d["figure"], "城乡居民医保基金支出");
    assert_eq!(d["related"][0]["line"], 8);
    assert_eq!(
        d["related"][0]["message"],
        "城乡居民医保住院基金支出：21724.78万元"
    );
    assert_eq!(
        d["related"][0]
            .as_object()
            .map(|o| o.keys().cloned().collect::<Vec<_>>()),
        Some(vec![
            "column".into(),
            "file".into(),
            "line".into(),
            "message".into()
        ])
    );
}

#[test]
fn human_output_shows_the_line_and_a_caret() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/check/rate-over-100");
    let out = wengao()
        .current_dir(&dir)
        .args(["check", "input.yaml"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let text = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(
        text,
        "错误[E-RANGE-MAX]: 城乡居民医保参保率不能超过 100%，写的是 100.5\n  --> input.yaml:7:20（figures.jumin_canbao_lv）\n    |\n  7 |   jumin_canbao_lv: 100.5\n    |                    ^^^^^\n  = 提示：比率在 0 到 100 之间，只写百分数的数字部分，例如 99.87\n\n检查了 1 个文件：1 个错误，0 个警告\n"
    );
}

#[test]
fn sanmen_2020_golden() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = wengao()
        .current_dir(root)
        .args(["check", "data/sanmen-2020.yaml"])
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stderr).expect("utf-8");
    let golden = root.join("tests/check/sanmen-2020.golden.txt");
    if std::env::var_os("WENGAO_BLESS").is_some() {
        std::fs::write(&golden, &text).expect("writes golden");
    }
    assert_eq!(text, std::fs::read_to_string(golden).unwrap_or_default());
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn sample_data_checks_clean_of_errors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = std::fs::read_dir(root.join("data"))
        .expect("data/")
        .filter_map(|e| e.ok())
        .map(|e| format!("data/{}", e.file_name().to_string_lossy()))
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 4);
    let (exit, ds) = run_json(root, &files);
    let errors: Vec<&serde_json::Value> = ds.iter().filter(|d| d["severity"] == "error").collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(exit, 0);
    let count = |file: &str, code: &str| {
        ds.iter()
            .filter(|d| d["file"] == file && d["code"] == code)
            .count()
    };
    assert_eq!(count("data/sanmen-2020.yaml", "W-REL-MISMATCH"), 5);
    assert_eq!(count("data/yunxi-2020-summary.yaml", "W-REL-MISMATCH"), 0);
    assert_eq!(count("data/shi-2025-H1.yaml", "W-PENDING"), 23);
    assert_eq!(count("data/xian-2025-H1.yaml", "W-PENDING"), 14);
}

#[test]
fn huge_values_do_not_overflow() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write(
        dir.path(),
        "a.yaml",
        &format!(
            "{META}figures:\n  zhigong_qingsuan_chaozhi: -79228162514264337593543950335\n  zhigong_qingsuan_shiji_zhichu: 79228162514264337593543950335\n  zhigong_qingsuan_yusuan: 0\n  jumin_zhuyuan_zhichu: 79228162514264337593543950335\n  jumin_menzhen_zhichu: 1\n"
        ),
    );
    let checked = check_files(&[file], &CheckOptions::default());
    let m: Vec<&str> = checked
        .diagnostics
        .items
        .iter()
        .filter(|d| d.code.ends_with("REL-MISMATCH"))
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(m.len(), 1, "{:?}", checked.diagnostics.items);
    assert!(m[0].contains("相差 （超出可表示范围）"), "{}", m[0]);
}

#[test]
fn a_five_megabyte_number_is_not_echoed_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let number = "9".repeat(5_000_000);
    write(
        dir.path(),
        "a.yaml",
        &format!("{META}figures:\n  jumin_canbao_renshu: {number}\n"),
    );
    let out = wengao()
        .current_dir(dir.path())
        .args(["check", "a.yaml"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stderr).expect("utf-8");
    assert!(text.len() < 4_000, "{} bytes of messages", text.len());
    assert!(
        text.contains("错误[E-FIGURE-PRECISION]: 数字“999999999999999999999999999999999999999999999999999999999999…（共 5000000 个字符）”超出了精确计算的范围"),
        "{text}"
    );
    // The source line is shown as a window around the place, the caret capped.
    assert!(text.contains("  3 |   jumin_canbao_renshu: 9999"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() < 500), "{text}");
    let (exit, ds) = run_json(dir.path(), &["a.yaml".to_string()]);
    assert_eq!(exit, 1);
    let json: usize = ds.iter().map(|d| d.to_string().len()).sum();
    assert!(json < 4_000, "{json} bytes of JSON");
}
