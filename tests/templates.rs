//! `wengao render` with hostile and everyday-bad narrative templates, end to end: every
//! security rule (a path outside, a special file, the size limit), the rendering budgets (loops,
//! output), `--final`, check and render agreeing, provenance without machine paths.
//!
//! Each test builds its files in a fresh folder and runs the binary there; nothing is written
//! unless the run succeeds, and a refused file's content never reaches an output.

use std::path::Path;
use std::process::{Command, Output};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const META: &str =
    "meta:\n  agency: 某县医疗保障局\n  period: 2020\n  date: 2021-01-07\n  report: annual\n";

/// Runs wengao with `args` in `dir`.
fn wengao(dir: &Path, args: &[&str]) -> Result<Output, Box<dyn std::error::Error>> {
    Ok(Command::new(env!("CARGO_BIN_EXE_wengao"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()?)
}

/// A folder `dir/data` holding `input.yaml` (META + `template:` + one figure) and `files`, and a
/// secret beside `data/` that no template may read.
fn workspace(
    template: &str,
    files: &[(&str, &[u8])],
) -> Result<tempfile::TempDir, Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data)?;
    std::fs::write(dir.path().join("secret.md.tera"), "机密内容")?;
    let yaml = format!("{META}  template: {template}\nfigures:\n  jumin_canbao_renshu: 311881\n");
    std::fs::write(data.join("input.yaml"), yaml)?;
    for (name, bytes) in files {
        std::fs::write(data.join(name), bytes)?;
    }
    Ok(dir)
}

/// Renders `data/input.yaml` to every format in `dir/out`; returns (exit code, stderr).
fn render(dir: &Path, extra: &[&str]) -> Result<(i32, String), Box<dyn std::error::Error>> {
    let mut args = vec!["render", "data/input.yaml", "-o", "out"];
    args.extend(extra);
    let out = wengao(dir, &args)?;
    Ok((
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stderr)?,
    ))
}

/// Every file under `dir/out`, read as text (empty when nothing was written).
fn outputs(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir.join("out"))
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    String::from_utf8_lossy(&std::fs::read(e.path()).unwrap_or_default())
                        .into_owned()
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_template_path_outside_the_folder_is_refused_and_nothing_is_written() -> TestResult {
    for written in ["../secret.md.tera", "/etc/passwd", "/proc/self/environ"] {
        let dir = workspace(written, &[])?;
        let (code, stderr) = render(dir.path(), &[])?;
        assert_eq!(code, 2, "{written}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "错误[E-PATH-OUTSIDE]: meta.template “{written}”指向指标文件所在目录（data）之外，wengao 不读取\n  --> data/input.yaml:6:13（meta.template）"
            )),
            "{stderr}"
        );
        assert!(
            outputs(dir.path()).is_empty(),
            "{written}: something was written"
        );
        assert!(!stderr.contains("机密内容") && !stderr.contains("root:"));
    }
    Ok(())
}

#[test]
fn an_include_leading_out_is_refused_at_its_line() -> TestResult {
    let narrative = b"{% extends \"annual.md.tera\" %}\n{% block opening %}{% include \"../../secret.md.tera\" %}{% endblock opening %}\n";
    let dir = workspace("t.md.tera", &[("t.md.tera", narrative)])?;
    let (code, stderr) = render(dir.path(), &[])?;
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("错误[E-PATH-OUTSIDE]: 模板中 include/extends 的路径 “../../secret.md.tera”指向指标文件所在目录（data）之外，wengao 不读取\n  --> data/t.md.tera:2:31"),
        "{stderr}"
    );
    assert!(outputs(dir.path()).is_empty());
    Ok(())
}

#[cfg(unix)]
#[test]
fn a_special_file_is_refused_without_being_opened() -> TestResult {
    let dir = workspace("pipe.md.tera", &[])?;
    let fifo = dir.path().join("data/pipe.md.tera");
    let made = Command::new("mkfifo").arg(&fifo).status()?;
    assert!(made.success(), "mkfifo");
    // Opening a FIFO with no writer would block forever: finishing at all shows it was not.
    let (code, stderr) = render(dir.path(), &[])?;
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("错误[E-PATH-SPECIAL]: meta.template “pipe.md.tera”不是普通文件（设备、管道或系统文件），wengao 不读取"),
        "{stderr}"
    );
    // A link inside the folder that leads out of it is refused too.
    std::os::unix::fs::symlink(
        dir.path().join("secret.md.tera"),
        dir.path().join("data/link.md.tera"),
    )?;
    let yaml = format!("{META}  template: link.md.tera\nfigures:\n  jumin_canbao_renshu: 311881\n");
    std::fs::write(dir.path().join("data/input.yaml"), yaml)?;
    let (code, stderr) = render(dir.path(), &[])?;
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("错误[E-PATH-OUTSIDE]"), "{stderr}");
    assert!(outputs(dir.path()).is_empty());
    Ok(())
}

#[test]
fn a_template_over_the_size_limit_is_refused() -> TestResult {
    let big = vec![b'x'; 1024 * 1024 + 1];
    let dir = workspace("big.md.tera", &[("big.md.tera", &big)])?;
    let (code, stderr) = render(dir.path(), &[])?;
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(
            "错误[E-PATH-TOO-LARGE]: 叙述模板“data/big.md.tera”太大（1048577 字节），超过上限 1 MB"
        ),
        "{stderr}"
    );
    assert!(outputs(dir.path()).is_empty());
    Ok(())
}

#[test]
fn nested_loops_stop_at_the_loop_budget() -> TestResult {
    let t = b"{% extends \"annual.md.tera\" %}\n{% block opening %}\n{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}{% endblock opening %}\n";
    let dir = workspace("t.md.tera", &[("t.md.tera", t)])?;
    let (code, stderr) = render(dir.path(), &[])?;
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("错误[E-TEMPLATE-LIMIT]: 模板中的循环累计超过 200000 次，已停止渲染\n  --> data/t.md.tera:3:45"),
        "{stderr}"
    );
    assert!(outputs(dir.path()).is_empty());
    Ok(())
}

#[test]
fn a_loop_printing_a_huge_string_stops_at_the_output_budget() -> TestResult {
    // 2^23 bytes (8 MB, under the 16 MB a set may hold) printed 1000 times.
    let t = b"{% extends \"annual.md.tera\" %}\n{% block opening %}{% set s = \"x\" %}{% for i in range(end=23) %}{% set_global s = s ~ s %}{% endfor %}\n{% for i in range(end=1000) %}{{ s }}{% endfor %}{% endblock opening %}\n";
    let dir = workspace("t.md.tera", &[("t.md.tera", t)])?;
    let (code, stderr) = render(dir.path(), &[])?;
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("错误[E-TEMPLATE-LIMIT]: 模板输出超过上限 16 MB，已停止渲染"),
        "{stderr}"
    );
    assert!(outputs(dir.path()).is_empty());
    Ok(())
}

#[test]
fn a_word_document_given_as_a_template_points_at_import() -> TestResult {
    let dir = workspace(
        "去年总结.docx",
        &[("去年总结.docx", b"PK\x03\x04rest of a zip")],
    )?;
    let (code, stderr) = render(dir.path(), &[])?;
    assert_eq!(code, 2);
    assert!(
        stderr.contains(
            "错误[E-TEMPLATE-WORD]: meta.template “去年总结.docx”是 Word/WPS 文档，不是 wengao 模板"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("wengao import 去年总结.docx -o 目录"),
        "{stderr}"
    );
    Ok(())
}

#[test]
fn check_reports_what_render_would_fail_on() -> TestResult {
    // A typo in a branch this report does not take: render and check both refuse it.
    let t = b"{% extends \"annual.md.tera\" %}\n{% block opening %}{% if figures.zhigong_canbao_renshu is defined %}{{ fig(key=\"zhigong_canbao_renshuu\") }}{% endif %}{% endblock opening %}\n";
    let dir = workspace("t.md.tera", &[("t.md.tera", t)])?;
    let check = wengao(dir.path(), &["check", "data/input.yaml"])?;
    let check_err = String::from_utf8(check.stderr)?;
    let (code, stderr) = render(dir.path(), &[])?;
    let line = "错误[E-TEMPLATE-FIGURE]: 模板引用了未知指标“zhigong_canbao_renshuu”\n  --> data/t.md.tera:2:80";
    assert_eq!(check.status.code(), Some(2));
    assert_eq!(code, 2);
    assert!(check_err.contains(line), "{check_err}");
    assert!(stderr.contains(line), "{stderr}");
    Ok(())
}

#[test]
fn render_final_refuses_the_shipped_placeholder_and_writes_nothing() -> TestResult {
    let dir = tempfile::tempdir()?;
    std::fs::create_dir_all(dir.path().join("data"))?;
    let yaml = format!("{META}figures:\n  jumin_canbao_renshu: 311881\n");
    std::fs::write(dir.path().join("data/input.yaml"), yaml)?;
    let (code, stderr) = render(dir.path(), &["--final"])?;
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("错误[E-FINAL-PLACEHOLDER]: 定稿检查：模板中还有待替换的示例文字“对照目标任务，工作中仍存在一些问题和不足：一是XX；二是XX…”"),
        "{stderr}"
    );
    assert!(outputs(dir.path()).is_empty());
    // Without --final the same file renders, placeholder and all.
    let (code, _) = render(dir.path(), &[])?;
    assert_eq!(code, 0);
    Ok(())
}

#[test]
fn html_provenance_shows_no_machine_path() -> TestResult {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data)?;
    let yaml = format!("{META}figures:\n  jumin_canbao_renshu: 311881\n  jumin_canbao_lv: 99.87\n");
    std::fs::write(data.join("input.yaml"), yaml)?;
    let absolute = data.join("input.yaml").display().to_string();
    let out = wengao(
        dir.path(),
        &["render", &absolute, "--to", "html", "-o", "out"],
    )?;
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(dir.path().join("out/input.html"))?;
    let folder = dir.path().display().to_string();
    assert!(!page.contains(&folder), "the page names {folder}");
    assert!(page.contains(
        "data-key=\"jumin_canbao_renshu\" data-src=\"input.yaml:7\" title=\"城乡居民医保参保人数（jumin_canbao_renshu） · input.yaml:7\""
    ), "{page}");
    Ok(())
}
