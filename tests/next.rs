//! `wengao next`: last year's imported report becomes this year's file — period moved on,
//! figures pending with last year's as `previous`, the same template printing the new years —
//! written once (never over a file without `--force`, never over its input), and `check` on it
//! lists every figure still to fill.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import/seeds/000.txt")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap_or_default()
}

/// Imports seed 000 into `dir/2020` and returns the indicator file's path.
fn imported(dir: &Path) -> PathBuf {
    let out = dir.join("2020");
    let o = wengao(&["import", s(&seed()), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    out.join("000.yaml")
}

#[test]
fn next_year_from_an_imported_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = imported(dir.path());
    let new = dir.path().join("2021").join("2021年工作总结.yaml");
    let o = wengao(&["next", s(&file), "-o", s(&new)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    let yaml = std::fs::read_to_string(&new).expect("new file");
    let figures = yaml
        .lines()
        .skip_while(|l| *l != "figures:")
        .skip(1)
        .take_while(|l| l.starts_with(' '))
        .filter(|l| !l.trim_start().starts_with('#'))
        .count();
    assert!(figures > 100, "{yaml}");
    // The new period, the date pending, the template copied into the new folder (wengao reads
    // no template outside the indicator file's folder), last period's figures as previous.
    for line in [
        "  period: 2021",
        "  date: XX   # 成文日期待填",
        "  template: \"000.md.tera\"",
        "previous:   # 2020 的数字",
    ] {
        assert!(
            yaml.lines().any(|l| l == line),
            "{line} missing from\n{yaml}"
        );
    }
    assert!(
        yaml.lines()
            .any(|l| l.starts_with("  jumin_canbao_renshu: 311881   # 城乡居民医保参保人数")),
        "{yaml}"
    );
    assert!(
        yaml.lines()
            .any(|l| l.starts_with("  jumin_canbao_renshu: XX")),
        "{yaml}"
    );
    // Written through an output set: no temp file left beside it.
    let mut left: Vec<_> = std::fs::read_dir(dir.path().join("2021"))
        .expect("folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["000.md.tera", "2021年工作总结.yaml"]);
    assert_eq!(
        std::fs::read(dir.path().join("2021/000.md.tera")).expect("copy"),
        std::fs::read(dir.path().join("2020/000.md.tera")).expect("template")
    );
    assert!(err.contains("已复制 "), "{err}");
    assert!(
        err.contains(&format!(
            "2020 → 2021；{figures} 个指标待填（XX），成文日期待填"
        )),
        "{err}"
    );
    // check lists every figure still to fill, and the date.
    let c = wengao(&["check", s(&new)]);
    assert_eq!(c.status.code(), Some(0), "{}", text(&c.stderr));
    let check = text(&c.stderr);
    assert!(check.contains("成文日期待填（XX）"), "{check}");
    assert!(
        check.contains(&format!(
            "另有 {} 条同类警告 [W-PENDING] 未逐条列出",
            figures + 1 - 3
        )),
        "{check}"
    );
    let j = wengao(&["check", "--format", "json", s(&new)]);
    assert_eq!(j.status.code(), Some(0), "{}", text(&j.stderr));
    let json = text(&j.stdout);
    assert_eq!(
        json.matches("\"code\":\"W-PENDING\"").count(),
        figures + 1,
        "{json}"
    );
    let f = wengao(&["check", "--final", s(&new)]);
    assert_eq!(f.status.code(), Some(1));
    // The same template, the years of the new period; last year's figure as 同比's previous.
    let out = dir.path().join("out");
    let r = wengao(&["render", s(&new), "--to", "md", "-o", s(&out)]);
    assert_eq!(r.status.code(), Some(0), "{}", text(&r.stderr));
    let md = std::fs::read_to_string(out.join("2021年工作总结.md")).expect("md");
    assert!(md.starts_with("## 一、2021年度工作总结\n"), "{md}");
    assert!(
        md.contains("2021年度城乡居民医保参保人数为XX人,参保率达XX%。筹资标准从2020年度的每人每年1340元提高到XX元"),
        "{md}"
    );
    assert!(md.contains("二、2022年度工作计划"), "{md}");
    assert!(
        md.ends_with("三门县医疗保障服务中心\\\nXXXX年XX月XX日\n"),
        "{md}"
    );
    // Byte-identical when run again.
    let again = dir.path().join("2021").join("again.yaml");
    let o = wengao(&["next", s(&file), "-o", s(&again)]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read(&again).expect("again"), yaml.as_bytes());
}

#[test]
fn never_overwrites_without_force_nor_its_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = imported(dir.path());
    let new = dir.path().join("2021.yaml");
    std::fs::write(&new, "mine\n").expect("write");
    let o = wengao(&["next", s(&file), "-o", s(&new)]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        text(&o.stderr),
        format!(
            "错误[E-OUTPUT-EXISTS]: {0} 已存在，没有覆盖\n  --> {0}\n  = 提示：换一个文件名（-o），或加 --force 覆盖\n\n没有写入任何文件\n",
            new.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&new).expect("kept"), "mine\n");
    let o = wengao(&["next", s(&file), "-o", s(&new), "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        std::fs::read_to_string(&new)
            .expect("new")
            .contains("period: 2021")
    );
    let before = std::fs::read(&file).expect("input");
    let o = wengao(&["next", s(&file), "-o", s(&file), "--force"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).starts_with(&format!(
            "错误[E-NEXT-SAME]: 新文件与原文件相同（{}），没有写入",
            file.display()
        )),
        "{}",
        text(&o.stderr)
    );
    assert!(text(&o.stderr).contains("提示：用 -o 给新期间的文件另起一个名字"));
    assert_eq!(std::fs::read(&file).expect("input"), before);
    // Nor over the template both periods share.
    let template = file.with_extension("md.tera");
    let kept = std::fs::read(&template).expect("template");
    let o = wengao(&["next", s(&file), "-o", s(&template), "--force"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).starts_with(&format!(
            "错误[E-NEXT-SAME]: 新文件就是两期共用的叙述模板（{}），没有写入",
            template.display()
        )),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(std::fs::read(&template).expect("template"), kept);
}

#[test]
fn a_file_without_a_period_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "meta:\n  agency: 某局\nfigures:\n  a: 1\n").expect("write");
    let new = dir.path().join("new.yaml");
    let o = wengao(&["next", s(&bad), "-o", s(&new)]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.contains("错误[E-NEXT-INPUT]"), "{err}");
    assert!(err.contains("没有写入任何文件"), "{err}");
    assert!(!new.exists());
}

#[test]
fn copies_only_what_wengao_would_read() {
    // A template outside the old file's folder is not copied into the new one (the sandbox's
    // rule holds for `next` too): nothing is written.
    let dir = tempfile::tempdir().expect("temp dir");
    let file = imported(dir.path());
    let yaml = std::fs::read_to_string(&file).expect("imported");
    let hostile = yaml.replace("template: \"000.md.tera\"", "template: \"/etc/hostname\"");
    assert_ne!(hostile, yaml, "the imported file names its template");
    std::fs::write(&file, hostile).expect("write");
    let new = dir.path().join("2021").join("2021.yaml");
    let o = wengao(&["next", s(&file), "-o", s(&new)]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(err.contains("错误[E-PATH-OUTSIDE]"), "{err}");
    assert!(err.ends_with("没有写入任何文件\n"), "{err}");
    assert!(!new.exists());
    assert!(!dir.path().join("2021/hostname").exists());
}
