//! `render` of a batch: files are independent (a bad file is reported and skipped, the others are
//! written, exit 1), each output set is replaced all or nothing, results and messages do not
//! depend on the number of workers, cross-file rules still hold, `-q` and `--all-or-nothing`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn wengao(dir: &Path, args: &[&str]) -> Result<Output, std::io::Error> {
    Command::new(env!("CARGO_BIN_EXE_wengao"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A folder with the samples `good` (from data/) and `bad.yaml` (a data error).
fn workspace(good: &[&str]) -> Result<tempfile::TempDir, Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    for name in good {
        for ext in ["yaml", "md.tera"] {
            let from = root().join(format!("data/{name}.{ext}"));
            if from.exists() {
                std::fs::copy(&from, dir.path().join(format!("{name}.{ext}")))?;
            }
        }
    }
    std::fs::copy(
        root().join("tests/render/bad.yaml"),
        dir.path().join("bad.yaml"),
    )?;
    Ok(dir)
}

fn listing(dir: &Path) -> Result<Vec<String>, std::io::Error> {
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()?;
    names.sort();
    Ok(names)
}

#[test]
fn one_bad_file_is_reported_and_the_others_are_written() -> TestResult {
    let ws = workspace(&["sanmen-2020", "xian-2025-H1"])?;
    let out = wengao(
        ws.path(),
        &[
            "render",
            "sanmen-2020.yaml",
            "bad.yaml",
            "xian-2025-H1.yaml",
            "--to",
            "md",
            "-o",
            "out",
        ],
    )?;
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        listing(&ws.path().join("out"))?,
        vec!["sanmen-2020.md", "xian-2025-H1.md"]
    );
    let err = stderr(&out);
    assert!(
        err.contains(
            "错误[E-RANGE-MAX]: 城乡居民医保参保率不能超过 100%，写的是 120\n  --> bad.yaml:9:20"
        ),
        "{err}"
    );
    assert!(err.contains("未生成：bad.yaml\n"), "{err}");
    assert!(
        err.ends_with("3 个文件：生成 2 个，有错误 1 个，警告 19 条\n"),
        "{err}"
    );
    // Warnings of a file with many are one line with their count.
    assert!(err.contains(
        "警告：sanmen-2020.yaml 有 5 条警告（W-REL-MISMATCH 5 条）；逐条查看：wengao check sanmen-2020.yaml\n"
    ));
    Ok(())
}

#[test]
fn quiet_prints_errors_and_the_summary_only() -> TestResult {
    let ws = workspace(&["sanmen-2020"])?;
    let out = wengao(
        ws.path(),
        &[
            "render",
            "sanmen-2020.yaml",
            "bad.yaml",
            "--to",
            "md",
            "-o",
            "out",
            "-q",
        ],
    )?;
    let err = stderr(&out);
    assert!(!err.contains("警告[") && !err.contains("警告："), "{err}");
    assert!(!err.contains("已生成"), "{err}");
    assert!(err.contains("错误[E-RANGE-MAX]"), "{err}");
    assert!(
        err.ends_with("2 个文件：生成 1 个，有错误 1 个，警告 5 条\n"),
        "{err}"
    );
    Ok(())
}

#[test]
fn all_or_nothing_writes_nothing_when_a_file_fails() -> TestResult {
    let ws = workspace(&["sanmen-2020"])?;
    let out = wengao(
        ws.path(),
        &[
            "render",
            "sanmen-2020.yaml",
            "bad.yaml",
            "-o",
            "out",
            "--all-or-nothing",
        ],
    )?;
    assert_eq!(out.status.code(), Some(1));
    let written = listing(&ws.path().join("out")).unwrap_or_default();
    assert!(written.is_empty(), "{written:?}");
    assert!(stderr(&out).contains("有文件出错，按 --all-or-nothing 一个也没有生成"));

    let ok = wengao(
        ws.path(),
        &[
            "render",
            "sanmen-2020.yaml",
            "-o",
            "out",
            "--all-or-nothing",
        ],
    )?;
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    assert_eq!(
        listing(&ws.path().join("out"))?,
        vec!["sanmen-2020.docx", "sanmen-2020.html", "sanmen-2020.md"]
    );
    Ok(())
}

/// Twenty files: the same bytes and the same messages with one worker or several.
#[test]
fn results_do_not_depend_on_the_number_of_workers() -> TestResult {
    let dir = tempfile::tempdir()?;
    let sample = std::fs::read_to_string(root().join("data/xian-2025-H1.yaml"))?;
    std::fs::copy(
        root().join("data/xian-2025-H1.md.tera"),
        dir.path().join("xian-2025-H1.md.tera"),
    )?;
    let bad = std::fs::read_to_string(root().join("tests/render/bad.yaml"))?;
    let mut args: Vec<String> = vec!["render".into(), "--to".into(), "all".into()];
    for i in 0..20 {
        let name = format!("f{i:02}.yaml");
        let text = if i % 7 == 3 {
            bad.clone()
        } else {
            sample.clone()
        };
        std::fs::write(dir.path().join(&name), text)?;
        args.push(name);
    }
    let mut runs = Vec::new();
    for jobs in ["1", "2", "4"] {
        let mut a: Vec<&str> = args.iter().map(String::as_str).collect();
        let out_dir = format!("out{jobs}");
        a.extend(["-o", &out_dir, "--jobs", jobs]);
        let out = wengao(dir.path(), &a)?;
        assert_eq!(out.status.code(), Some(1));
        let mut files = Vec::new();
        for name in listing(&dir.path().join(&out_dir))? {
            files.push((
                name.clone(),
                std::fs::read(dir.path().join(&out_dir).join(&name))?,
            ));
        }
        runs.push((stderr(&out).replace(&out_dir, "OUT"), files));
    }
    assert_eq!(runs[0].1.len(), 17 * 3);
    assert!(
        runs[0]
            .0
            .ends_with("20 个文件：生成 17 个，有错误 3 个，警告 238 条\n"),
        "{}",
        runs[0].0
    );
    assert_eq!(runs[0], runs[1]);
    assert_eq!(runs[0], runs[2]);
    Ok(())
}

#[test]
fn cross_file_rules_hold_in_a_batch() -> TestResult {
    let case = root().join("tests/check/cross-file-half-exceeds");
    let dir = tempfile::tempdir()?;
    for name in ["annual.yaml", "h1.yaml"] {
        std::fs::copy(case.join(name), dir.path().join(name))?;
    }
    let out = wengao(
        dir.path(),
        &[
            "render",
            "annual.yaml",
            "h1.yaml",
            "--to",
            "md",
            "-o",
            "out",
        ],
    )?;
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(listing(&dir.path().join("out"))?, vec!["annual.md"]);
    assert!(stderr(&out).contains(
        "错误[E-CROSS-HALF-EXCEEDS]: 2020年上半年城乡居民医保基金支出（31069.09万元）超过了全年（31069.08万元）\n  --> h1.yaml:7:23"
    ));
    Ok(())
}

#[test]
fn inputs_with_the_same_name_do_not_overwrite_each_other() -> TestResult {
    let ws = workspace(&["xian-2025-H1"])?;
    std::fs::create_dir(ws.path().join("copy"))?;
    std::fs::copy(
        ws.path().join("xian-2025-H1.yaml"),
        ws.path().join("copy/xian-2025-H1.yaml"),
    )?;
    std::fs::copy(
        ws.path().join("xian-2025-H1.md.tera"),
        ws.path().join("copy/xian-2025-H1.md.tera"),
    )?;
    let out = wengao(
        ws.path(),
        &[
            "render",
            "xian-2025-H1.yaml",
            "copy/xian-2025-H1.yaml",
            "--to",
            "md",
            "-o",
            "out",
        ],
    )?;
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(
        "错误[E-OUTPUT-CLASH]: 与“xian-2025-H1.yaml”输出到同名文件\n  --> copy/xian-2025-H1.yaml\n"
    ));
    Ok(())
}

#[test]
fn quoted_patterns_are_expanded() -> TestResult {
    let ws = workspace(&["sanmen-2020", "xian-2025-H1"])?;
    std::fs::remove_file(ws.path().join("bad.yaml"))?;
    let out = wengao(
        ws.path(),
        &["render", "*.yaml", "--to", "html", "-o", "out"],
    )?;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        listing(&ws.path().join("out"))?,
        vec!["sanmen-2020.html", "xian-2025-H1.html"]
    );
    Ok(())
}

// ── Output sets: all or nothing ──

#[test]
fn an_output_that_is_a_directory_leaves_the_set_untouched() -> TestResult {
    let ws = workspace(&["sanmen-2020"])?;
    let out_dir = ws.path().join("out");
    std::fs::create_dir(&out_dir)?;
    std::fs::write(out_dir.join("sanmen-2020.md"), "old md")?;
    std::fs::write(out_dir.join("sanmen-2020.html"), "old html")?;
    std::fs::create_dir(out_dir.join("sanmen-2020.docx"))?;
    let out = wengao(ws.path(), &["render", "sanmen-2020.yaml", "-o", "out"])?;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .contains("错误[E-WRITE]: 无法写入输出文件“out/sanmen-2020.docx”：这是一个目录"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(out_dir.join("sanmen-2020.md"))?,
        "old md"
    );
    assert_eq!(
        std::fs::read_to_string(out_dir.join("sanmen-2020.html"))?,
        "old html"
    );
    assert_eq!(
        listing(&out_dir)?,
        vec!["sanmen-2020.docx", "sanmen-2020.html", "sanmen-2020.md"],
        "no temp file left"
    );
    Ok(())
}

#[test]
fn a_read_only_output_leaves_the_set_untouched() -> TestResult {
    let ws = workspace(&["sanmen-2020"])?;
    let out_dir = ws.path().join("out");
    std::fs::create_dir(&out_dir)?;
    std::fs::write(out_dir.join("sanmen-2020.md"), "old md")?;
    let html = out_dir.join("sanmen-2020.html");
    std::fs::write(&html, "old html")?;
    let mut ro = std::fs::metadata(&html)?.permissions();
    ro.set_readonly(true);
    std::fs::set_permissions(&html, ro)?;
    let out = wengao(ws.path(), &["render", "sanmen-2020.yaml", "-o", "out"])?;
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("无法写入输出文件“out/sanmen-2020.html”：文件是只读的"));
    assert_eq!(
        std::fs::read_to_string(out_dir.join("sanmen-2020.md"))?,
        "old md"
    );
    assert_eq!(std::fs::read_to_string(&html)?, "old html");
    assert_eq!(
        listing(&out_dir)?,
        vec!["sanmen-2020.html", "sanmen-2020.md"]
    );
    Ok(())
}

/// Under a terminal, a batch that takes more than a moment shows a progress bar on stderr (and
/// only there); the same batch redirected to a file shows none (see the tests above).
#[test]
fn a_long_batch_on_a_terminal_shows_a_progress_bar() -> TestResult {
    let dir = tempfile::tempdir()?;
    let sample = std::fs::read_to_string(root().join("data/sanmen-2020.yaml"))?;
    let plain: String = sample
        .lines()
        .filter(|l| !l.trim_start().starts_with("template:"))
        .map(|l| format!("{l}\n"))
        .collect();
    for i in 0..80 {
        std::fs::write(dir.path().join(format!("f{i:02}.yaml")), &plain)?;
    }
    // `script` runs the command with a pseudo-terminal as its stdin, stdout and stderr.
    let command = format!(
        "{} render '*.yaml' --to all -o out -q",
        env!("CARGO_BIN_EXE_wengao")
    );
    let out = Command::new("script")
        .current_dir(dir.path())
        .args(["-qec", &command, "/dev/null"])
        .env("TERM", "xterm")
        .output()?;
    let screen = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{screen}");
    assert!(screen.contains("个文件"), "{screen}");
    assert!(screen.contains("生成 ["), "no progress bar in {screen:?}");
    assert!(
        screen.contains("80 个文件：生成 80 个，有错误 0 个，警告 400 条"),
        "{screen}"
    );
    Ok(())
}

#[test]
fn a_file_named_twice_is_rendered_once_with_a_warning() -> TestResult {
    let ws = workspace(&["xian-2025-H1"])?;
    let out = wengao(
        ws.path(),
        &[
            "render",
            "xian-2025-H1.yaml",
            "./xian-2025-H1.yaml",
            "*.yaml",
            "--to",
            "md",
            "-o",
            "out",
        ],
    )?;
    assert_eq!(out.status.code(), Some(1), "bad.yaml is matched by *.yaml");
    let err = stderr(&out);
    assert!(
        err.contains("警告[W-FILE-REPEATED]: 文件 ./xian-2025-H1.yaml 给了不止一次，只读取一次"),
        "{err}"
    );
    assert!(
        err.contains("警告[W-FILE-REPEATED]: 文件 xian-2025-H1.yaml 给了不止一次，只读取一次"),
        "the pattern's match: {err}"
    );
    assert!(err.contains("2 个文件：生成 1 个，有错误 1 个"), "{err}");
    assert_eq!(listing(&ws.path().join("out"))?, vec!["xian-2025-H1.md"]);
    Ok(())
}
