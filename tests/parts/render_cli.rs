//! Rendering through the command line: data errors and --draft, template errors located in Chinese, --templates, compose errors, every figure of the samples used.

use super::*;

// ── The command line ──

fn wengao(args: &[&str]) -> Result<std::process::Output, Box<dyn std::error::Error>> {
    Ok(std::process::Command::new(env!("CARGO_BIN_EXE_wengao"))
        .args(args)
        .output()?)
}

#[test]
fn cli_render_stops_on_data_errors_unless_draft() -> TestResult {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("out");
    let out_s = out.to_string_lossy().into_owned();
    let run = wengao(&[
        "render",
        "tests/render/bad.yaml",
        "--to",
        "html",
        "-o",
        &out_s,
    ])?;
    assert_eq!(run.status.code(), Some(1));
    assert!(
        !out.exists(),
        "nothing may be written when check finds errors"
    );
    let stderr = String::from_utf8(run.stderr)?;
    assert!(stderr.contains("指标文件有错误，未生成文稿"), "{stderr}");

    let run = wengao(&[
        "render",
        "tests/render/bad.yaml",
        "--to",
        "md",
        "-o",
        &out_s,
        "--draft",
    ])?;
    assert_eq!(run.status.code(), Some(0));
    let md = std::fs::read_to_string(out.join("bad.md"))?;
    assert!(md.contains("参保率达120%"), "{md}");
    assert_eq!(
        std::fs::read_dir(&out)?.count(),
        1,
        "only bad.md, no temp files"
    );
    Ok(())
}

#[test]
fn cli_template_error_names_file_line_and_writes_nothing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("out");
    let out_s = out.to_string_lossy().into_owned();
    let run = wengao(&["render", "tests/render/unknown.yaml", "-o", &out_s])?;
    assert_eq!(run.status.code(), Some(2));
    assert!(!out.exists());
    let stderr = String::from_utf8(run.stderr)?;
    assert!(
        stderr.contains(
            "错误[E-TEMPLATE-FIGURE]: 模板引用了未知指标“jumin_canbao_renshuu”\n  --> tests/render/unknown.md.tera:4:16\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("模板引用了未知指标“jumin_canbao_renshuu”"),
        "{stderr}"
    );
    assert!(
        stderr.contains("是不是“jumin_canbao_renshu”（城乡居民医保参保人数）？"),
        "{stderr}"
    );
    Ok(())
}

#[test]
fn cli_templates_dir_overrides_a_shipped_template() -> TestResult {
    let dir = tempfile::tempdir()?;
    let out_s = dir.path().to_string_lossy().into_owned();
    let run = wengao(&[
        "render",
        "tests/render/ok.yaml",
        "--to",
        "md",
        "-o",
        &out_s,
        "--templates",
        "tests/render/override",
    ])?;
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let md = std::fs::read_to_string(dir.path().join("ok.md"))?;
    assert!(
        md.contains("### （一）覆盖模板\n\n参保人数311881人。"),
        "{md}"
    );
    Ok(())
}

fn compose_error(
    template: &str,
) -> Result<wengao::diagnostic::Diagnostic, Box<dyn std::error::Error>> {
    let r = report_at("tests/render/x.yaml", Some(template), BASIC, &[]);
    match build(&r, &ComposeOptions::default()) {
        Ok(_) => Err(format!("{template}: expected an error").into()),
        Err(d) => Ok(d),
    }
}

#[test]
fn template_syntax_missing_file_and_unknown_table_are_located_chinese_errors() -> TestResult {
    let d = compose_error("syntax.md.tera")?;
    assert_eq!(d.code, "E-TEMPLATE-SYNTAX");
    assert_eq!(d.message, "模板写法有误：这里应为逗号“,”，却是“}}”");
    let loc = d.location.ok_or("no location")?;
    assert_eq!(
        (loc.file.as_str(), loc.line),
        ("tests/render/syntax.md.tera", 4)
    );

    let d = compose_error("missing.md.tera")?;
    assert_eq!(d.code, "E-TEMPLATE-MISSING");
    assert_eq!(
        d.message,
        "找不到 meta.template 指定的叙述模板“missing.md.tera”"
    );
    assert_eq!(
        d.hint.as_deref(),
        Some("路径相对于指标文件所在目录（tests/render），即要找的是 tests/render/missing.md.tera")
    );

    let d = compose_error("table.md.tera")?;
    assert_eq!(d.code, "E-TEMPLATE-TABLE");
    assert_eq!(d.message, "模板要放置的表格“t9”不存在");
    assert_eq!(d.hint.as_deref(), Some("本报告没有可放置的表格"));
    assert_eq!(d.location.map(|l| l.line), Some(3));

    let d = match Templates::new(Some(std::path::Path::new("tests/render/no-such-dir"))) {
        Ok(_) => return Err("expected an error for a missing --templates dir".into()),
        Err(d) => d,
    };
    assert_eq!(d.code, "E-TEMPLATE-DIR");
    assert!(
        d.message
            .starts_with("无法读取模板目录“tests/render/no-such-dir”"),
        "{}",
        d.message
    );
    Ok(())
}

/// The keys under `figures:` of an indicator file (two-space indented `key:` lines).
fn figure_keys(yaml: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut inside = false;
    for line in yaml.lines() {
        if !line.starts_with(' ') && !line.starts_with('#') && !line.is_empty() {
            inside = line.starts_with("figures:");
            continue;
        }
        let Some(rest) = line.strip_prefix("  ") else {
            continue;
        };
        if inside
            && let Some((key, _)) = rest.split_once(':')
            && !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            keys.push(key.to_string());
        }
    }
    keys
}

/// A bureau with only figures gets every one of them into the shipped templates' draft: the two
/// samples without a narrative, and the two with one rendered as if they had none (next year's
/// figures, `xianian_*`, go into the plan).
#[test]
fn shipped_templates_use_every_figure_of_the_samples() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut inputs = Vec::new();
    for name in [
        "shi-2025-H1",
        "yunxi-2020-summary",
        "sanmen-2020",
        "xian-2025-H1",
    ] {
        let text = std::fs::read_to_string(format!("data/{name}.yaml"))?;
        let plain: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("template:"))
            .map(|l| format!("{l}\n"))
            .collect();
        let path = dir.path().join(format!("{name}.yaml"));
        std::fs::write(&path, plain)?;
        inputs.push((name, text, path));
    }
    let paths: Vec<String> = inputs
        .iter()
        .map(|(_, _, p)| p.display().to_string())
        .collect();
    let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
    let out = render_samples(&refs)?;
    for (name, text, _) in &inputs {
        let html = std::fs::read_to_string(out.path().join(format!("{name}.html")))?;
        let keys = figure_keys(text);
        assert!(
            keys.len() >= 59,
            "{name}: only {} figure keys read",
            keys.len()
        );
        let missing: Vec<String> = keys
            .into_iter()
            .filter(|k| !html.contains(&format!("data-key=\"{k}\"")))
            .collect();
        assert!(
            missing.is_empty(),
            "{name}: figures not in the draft: {missing:?}"
        );
    }
    Ok(())
}
