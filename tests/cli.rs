//! The command line end to end: Chinese help and version, the usage-error corpus
//! (`tests/usage/<case>/`: `args`, one argument per line, and `expected.txt`, the exit code then
//! stderr exactly), `keys`, `init` → `check`, `schema` against the samples, `completions`.
#![allow(clippy::result_large_err)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn wengao_in(dir: &Path, args: &[&str]) -> Result<Output, std::io::Error> {
    Command::new(env!("CARGO_BIN_EXE_wengao"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
}

fn wengao(args: &[&str]) -> Result<Output, std::io::Error> {
    wengao_in(&root(), args)
}

fn text(bytes: &[u8]) -> Result<String, std::string::FromUtf8Error> {
    String::from_utf8(bytes.to_vec())
}

// ── Help, version, usage errors ──

#[test]
fn help_is_chinese_and_every_command_ends_with_examples() -> TestResult {
    let out = wengao(&["--help"])?;
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout)?;
    for word in [
        "用法：wengao <命令>",
        "命令：",
        "选项：",
        "显示帮助",
        "显示版本号",
    ] {
        assert!(help.contains(word), "{word} missing from\n{help}");
    }
    for english in ["Usage", "Commands", "Options", "Print help", "[OPTIONS]"] {
        assert!(!help.contains(english), "{english} in\n{help}");
    }
    for command in [
        "check",
        "render",
        "diff",
        "import",
        "next",
        "keys",
        "init",
        "schema",
        "completions",
    ] {
        let out = wengao(&[command, "--help"])?;
        assert_eq!(out.status.code(), Some(0), "{command}");
        let help = text(&out.stdout)?;
        assert!(help.contains(&format!("用法：wengao {command}")), "{help}");
        let examples = help
            .split("示例：\n")
            .nth(1)
            .ok_or(format!("{command}: no 示例"))?;
        let lines = examples
            .lines()
            .take_while(|l| !l.is_empty())
            .filter(|l| l.trim_start().starts_with(&format!("wengao {command}")))
            .count();
        assert!(
            (2..=3).contains(&lines),
            "{command}: {lines} examples\n{help}"
        );
        assert!(
            !help.contains("Usage") && !help.contains("[default"),
            "{help}"
        );
    }
    let same = wengao(&["help", "render"])?;
    let direct = wengao(&["render", "--help"])?;
    assert_eq!(
        text(&same.stdout)?.trim_end(),
        text(&direct.stdout)?.trim_end()
    );
    Ok(())
}

#[test]
fn version_prints_name_and_number() -> TestResult {
    let out = wengao(&["--version"])?;
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout)?,
        format!("wengao {}\n", env!("CARGO_PKG_VERSION"))
    );
    Ok(())
}

/// Every case of `tests/usage/`: exit code and stderr, exactly.
#[test]
fn usage_error_corpus() -> TestResult {
    let dir = root().join("tests/usage");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 8, "only {} usage cases", cases.len());
    let bless = std::env::var_os("WENGAO_BLESS").is_some();
    let mut failures = Vec::new();
    for case in &cases {
        let args = std::fs::read_to_string(case.join("args"))?;
        let args: Vec<&str> = args.lines().collect();
        let out = wengao_in(case, &args)?;
        let actual = format!(
            "exit: {}\n{}",
            out.status.code().unwrap_or(-1),
            text(&out.stderr)?
        );
        let expected_path = case.join("expected.txt");
        if bless {
            std::fs::write(&expected_path, &actual)?;
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "── {} ──\nexpected:\n{expected}\nactual:\n{actual}",
                case.display()
            ));
        }
        assert!(
            out.stdout.is_empty(),
            "{}: stdout not empty",
            case.display()
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    Ok(())
}

// ── keys ──

#[test]
fn keys_filters_by_chinese_pinyin_and_initials() -> TestResult {
    let plain = |args: &[&str]| -> Result<Vec<String>, Box<dyn std::error::Error>> {
        let out = wengao(args)?;
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        Ok(text(&out.stdout)?
            .lines()
            .filter(|l| !l.starts_with(' '))
            .map(|l| l.split_whitespace().next().unwrap_or_default().to_string())
            .collect())
    };
    let chinese = plain(&["keys", "参保", "人数"])?;
    let pinyin = plain(&["keys", "canbao", "renshu"])?;
    assert!(
        chinese.contains(&"jumin_canbao_renshu".to_string()),
        "{chinese:?}"
    );
    // Pinyin also matches keys (zizhu_dibao_renshu is named 资助参保低保人员).
    assert!(
        chinese.iter().all(|k| pinyin.contains(k)),
        "{chinese:?} ⊄ {pinyin:?}"
    );
    assert!(pinyin.contains(&"zizhu_dibao_renshu".to_string()));
    let initials = plain(&["keys", "cxjmybcbrs"])?;
    assert_eq!(initials, vec!["jumin_canbao_renshu"]);

    let out = wengao(&["keys", "jumin_canbao_lv", "--format", "json"])?;
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(
        json,
        serde_json::json!([{
            "key": "jumin_canbao_lv",
            "name": "城乡居民医保参保率",
            "unit": "%",
            "kind": "stock",
            "kind_cn": "时点数",
            "relations": ["城乡居民医保参保率 = 城乡居民医保参保人数 ÷ 城乡居民医保应参保人数 × 100"],
        }])
    );

    let none = wengao(&["keys", "没有这种指标"])?;
    assert_eq!(none.status.code(), Some(1));
    assert!(text(&none.stderr)?.starts_with("没有符合“没有这种指标”的指标"));
    Ok(())
}

#[test]
fn keys_include_the_users_catalogue() -> TestResult {
    let dir = tempfile::tempdir()?;
    std::fs::write(
        dir.path().join("mine.yaml"),
        "figures:\n  - {key: yibao_zhanghu_renshu, name: 医保账户激活人数, unit: 人, kind: stock}\n",
    )?;
    let out = wengao_in(
        dir.path(),
        &["keys", "jihuo", "zhanghu", "--catalogue", "mine.yaml"],
    )?;
    assert_eq!(
        text(&out.stdout)?,
        "yibao_zhanghu_renshu  医保账户激活人数（人，时点数）\n"
    );
    Ok(())
}

// ── init ──

fn codes(out: &Output) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut codes = Vec::new();
    for line in text(&out.stdout)?.lines() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        codes.push(v["code"].as_str().unwrap_or_default().to_string());
    }
    Ok(codes)
}

#[test]
fn init_then_check_reports_only_pending_figures() -> TestResult {
    for (kind, pending) in [
        ("annual", "W-PENDING"),
        ("half-year", "W-PENDING"),
        ("disclosure", "W-DISCLOSURE-PENDING"),
    ] {
        let dir = tempfile::tempdir()?;
        let out = wengao_in(dir.path(), &["init", "ws", "--kind", kind])?;
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr)?);
        let ws = dir.path().join("ws");
        let yaml = std::fs::read_to_string(ws.join("report.yaml"))?;
        assert!(yaml.starts_with("# yaml-language-server: $schema=./wengao.schema.json\n"));
        assert!(ws.join("wengao.schema.json").is_file());
        let readme = std::fs::read_to_string(ws.join("README.txt"))?;
        assert!(readme.contains("wengao check report.yaml"), "{readme}");
        let template = std::fs::read_to_string(ws.join("report.md.tera"))?;
        assert!(template.trim_end().ends_with(".md.tera\" %}"), "{template}");

        let check = wengao_in(&ws, &["check", "report.yaml", "--format", "json"])?;
        assert_eq!(check.status.code(), Some(0), "{kind}");
        let found = codes(&check)?;
        assert!(!found.is_empty());
        assert!(found.iter().all(|c| c == pending), "{kind}: {found:?}");

        let again = wengao_in(dir.path(), &["init", "ws"])?;
        assert_eq!(again.status.code(), Some(2), "init never overwrites");
        assert!(text(&again.stderr)?.contains("已有 report.yaml、report.md.tera"));
    }
    Ok(())
}

/// Every figure a shipped template names is in the file, with its Chinese name and unit.
#[test]
fn init_lists_every_figure_of_the_shipped_template() -> TestResult {
    let dir = tempfile::tempdir()?;
    wengao_in(dir.path(), &["init", "ws"])?;
    let yaml = std::fs::read_to_string(dir.path().join("ws/report.yaml"))?;
    // The base template and the section templates it includes.
    let mut base = std::fs::read_to_string(root().join("templates/base.md.tera"))?;
    for entry in std::fs::read_dir(root().join("templates/sections"))? {
        base.push_str(&std::fs::read_to_string(entry?.path())?);
    }
    let mut checked = 0;
    for piece in base.split("key=\"").skip(1) {
        let key = piece.split('"').next().unwrap_or_default();
        assert!(
            yaml.contains(&format!("\n  {key}: XX ")),
            "{key} missing from the init file"
        );
        checked += 1;
    }
    assert!(checked > 300, "{checked}");
    assert!(
        yaml.contains(
            "  jumin_canbao_renshu: XX                    # 城乡居民医保参保人数（人）\n"
        )
    );
    Ok(())
}

/// The transcript of the README: init, fill three figures, check, render.
#[test]
fn init_fill_check_render() -> TestResult {
    let dir = tempfile::tempdir()?;
    wengao_in(dir.path(), &["init", "ws"])?;
    let ws = dir.path().join("ws");
    let path = ws.join("report.yaml");
    let yaml = std::fs::read_to_string(&path)?
        .replacen("jumin_canbao_renshu: XX", "jumin_canbao_renshu: 311881", 1)
        .replacen(
            "jumin_yingcan_renshu: XX",
            "jumin_yingcan_renshu: 312280",
            1,
        )
        .replacen("jumin_canbao_lv: XX", "jumin_canbao_lv: 99.87", 1);
    std::fs::write(&path, yaml)?;
    let check = wengao_in(&ws, &["check", "report.yaml", "--format", "json"])?;
    assert_eq!(check.status.code(), Some(0));
    let found = codes(&check)?;
    assert!(found.iter().all(|c| c == "W-PENDING"), "{found:?}");
    let render = wengao_in(&ws, &["render", "report.yaml", "--to", "md", "-o", "out"])?;
    assert_eq!(render.status.code(), Some(0), "{}", text(&render.stderr)?);
    let md = std::fs::read_to_string(ws.join("out/report.md"))?;
    assert!(md.contains("311881人"), "{md}");
    assert!(md.contains("99.87%"), "{md}");
    Ok(())
}

// ── schema ──

fn yaml_as_json(path: &Path) -> Result<serde_json::Value, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path)?;
    Ok(serde_saphyr::from_str(&text)?)
}

fn validator() -> Result<jsonschema::Validator, Box<dyn std::error::Error>> {
    let out = wengao(&["schema"])?;
    assert_eq!(out.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert!(jsonschema::draft7::meta::is_valid(&schema));
    Ok(jsonschema::draft7::new(&schema)?)
}

#[test]
fn schema_validates_every_sample_and_rejects_a_mistyped_key() -> TestResult {
    let validator = validator()?;
    let mut samples = 0;
    for entry in std::fs::read_dir(root().join("data"))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let doc = yaml_as_json(&path)?;
            let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
            samples += 1;
        }
    }
    assert!(samples >= 6, "{samples}");

    let mut doc = yaml_as_json(&root().join("data/sanmen-2020.yaml"))?;
    let figures = doc["figures"].as_object_mut().ok_or("figures")?;
    let value = figures.remove("jumin_canbao_renshu").ok_or("key")?;
    figures.insert("jumin_canbao_renshuu".into(), value);
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(
        errors.iter().any(|e| e.contains("jumin_canbao_renshuu")),
        "{errors:?}"
    );

    let mut doc = yaml_as_json(&root().join("data/sanmen-2020.yaml"))?;
    doc["meta"]["report"] = "yearly".into();
    assert!(!validator.is_valid(&doc), "a bad report kind is refused");
    Ok(())
}

#[test]
fn schema_accepts_inline_declarations_placeholders_and_qualifiers() -> TestResult {
    let validator = validator()?;
    let doc: serde_json::Value = serde_saphyr::from_str(
        "meta: {agency: 某县医疗保障局, period: 2025-H1, date: 2025-07-08, report: half-year}
catalogue:
  units:
    - {name: 台, class: count}
    - {name: 万盒, class: count, base: 盒, factor: 10000}
  figures:
    - {key: yibao_zhanghu_renshu, name: 医保账户激活人数, unit: 人, decimals: 0}
  relations:
    - {rule: sum, total: jumin_canbao_renshu, parts: [yibao_zhanghu_renshu], note: 原文}
figures:
  yibao_zhanghu_renshu: 12345
  jumin_canbao_renshu: 约200
  jiuzhu_renci: 10余
  zhigong_canbao_renshu: XX
  jumin_canbao_lv: ＸＸ
  jumin_yingcan_renshu: '**'
  zhigong_canbao_lv:
",
    )?;
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    // Without the inline declaration the same key is a mistake.
    let mut bare = doc.clone();
    bare.as_object_mut().ok_or("object")?.remove("catalogue");
    assert!(!validator.is_valid(&bare));
    // Text that is neither a number, a placeholder nor a qualified number.
    let mut bad = doc;
    bad["figures"]["jiuzhu_renci"] = "十余".into();
    assert!(!validator.is_valid(&bad));
    Ok(())
}

#[test]
fn schema_knows_every_meta_key_the_loader_reads() -> TestResult {
    // The optional meta keys: title_lines (where the title breaks) and numbering.
    let validator = validator()?;
    let mut doc = yaml_as_json(&root().join("data/sanmen-2020.yaml"))?;
    doc["meta"]["title_lines"] = serde_json::json!([
        "三门县医疗保障服务中心",
        "2020年度工作总结和2021年度工作计划"
    ]);
    doc["meta"]["numbering"] = serde_json::json!(["一、", "(一)", "1、", "(1)"]);
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let mut empty = doc.clone();
    empty["meta"]["title_lines"] = serde_json::json!([]);
    assert!(
        !validator.is_valid(&empty),
        "an empty title_lines is refused"
    );
    let mut three = doc;
    three["meta"]["numbering"] = serde_json::json!(["一、", "(一)", "1、"]);
    assert!(!validator.is_valid(&three), "numbering has four levels");
    Ok(())
}

#[test]
fn schema_describes_figures_in_chinese_with_snippets() -> TestResult {
    let out = wengao(&["schema"])?;
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let def = &schema["definitions"]["figures"];
    let figure = &def["properties"]["jumin_canbao_renshu"];
    assert_eq!(figure["title"], "城乡居民医保参保人数");
    assert_eq!(
        figure["description"],
        "城乡居民医保参保人数（单位：人，时点数，最多 0 位小数）"
    );
    let snippet = def["defaultSnippets"]
        .as_array()
        .ok_or("snippets")?
        .iter()
        .find(|s| s["label"] == "城乡居民医保参保人数")
        .ok_or("snippet")?;
    assert_eq!(
        snippet["body"],
        serde_json::json!({"jumin_canbao_renshu": "$1"})
    );
    Ok(())
}

// ── completions ──

#[test]
fn completions_produce_scripts_for_each_shell() -> TestResult {
    for (shell, marker) in [
        ("bash", "complete -F _wengao"),
        ("zsh", "#compdef wengao"),
        ("fish", "complete -c wengao"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = wengao(&["completions", shell])?;
        assert_eq!(out.status.code(), Some(0));
        let script = text(&out.stdout)?;
        assert!(script.contains(marker), "{shell}");
        assert!(
            script.contains("render") && script.contains("all-or-nothing"),
            "{shell}"
        );
    }
    let fish = text(&wengao(&["completions", "fish"])?.stdout)?;
    assert!(fish.contains("生成文稿"), "descriptions are Chinese");
    Ok(())
}

#[test]
fn bash_completion_completes_commands() -> TestResult {
    let script = text(&wengao(&["completions", "bash"])?.stdout)?;
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("wengao.bash");
    std::fs::write(&path, script)?;
    let probe = format!(
        "source {}; COMP_WORDS=(wengao ren); COMP_CWORD=1; _wengao wengao ren wengao; echo \"${{COMPREPLY[@]}}\"",
        path.display()
    );
    let out = Command::new("bash").arg("-c").arg(probe).output()?;
    assert_eq!(text(&out.stdout)?.trim(), "render");
    Ok(())
}
