//! The sandbox rules, one by one, on a scratch tree.

use super::*;

fn at() -> Location {
    Location::new("data/report.yaml", 9, 13)
}

/// A scratch tree: `root/data/report.yaml`, `root/data/t.md.tera`, `root/data/sub/s.md.tera`,
/// `root/secret.tera`, `root/tpl/x.md.tera`.
fn tree() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().to_path_buf();
    std::fs::create_dir_all(root.join("data/sub")).expect("dirs");
    std::fs::create_dir_all(root.join("tpl")).expect("dirs");
    for (p, text) in [
        ("data/report.yaml", "meta: {}\n"),
        ("data/t.md.tera", "正文"),
        ("data/sub/s.md.tera", "子目录"),
        ("data/c.yaml", "figures: []\n"),
        ("data/notes.txt", "x"),
        ("secret.tera", "秘密"),
        ("tpl/x.md.tera", "共享"),
    ] {
        std::fs::write(root.join(p), text).expect("writes");
    }
    (dir, root)
}

fn code(r: Result<Opened, Diagnostic>) -> String {
    match r {
        Ok(o) => format!("ok {}", String::from_utf8_lossy(&o.bytes)),
        Err(d) => {
            assert_eq!(d.location, Some(at()), "{d:?}");
            d.code
        }
    }
}

#[test]
fn inside_the_indicator_directory_is_read() {
    let (_d, root) = tree();
    let roots = Roots::of_file(&root.join("data/report.yaml"));
    assert_eq!(
        code(open("t.md.tera", Named::Template, &at(), &roots)),
        "ok 正文"
    );
    assert_eq!(
        code(open("sub/../sub/s.md.tera", Named::Template, &at(), &roots)),
        "ok 子目录"
    );
    assert_eq!(
        code(open("c.yaml", Named::Catalogue, &at(), &roots)),
        "ok figures: []\n"
    );
    let abs = root.join("data/t.md.tera").display().to_string();
    assert_eq!(code(open(&abs, Named::Template, &at(), &roots)), "ok 正文");
}

#[test]
fn outside_is_refused_by_text_before_looking() {
    let (_d, root) = tree();
    let roots = Roots::of_file(&root.join("data/report.yaml"));
    for p in [
        "../secret.tera",
        "/etc/passwd",
        "/proc/self/environ",
        "sub/../../secret.tera",
    ] {
        let r = open(p, Named::Template, &at(), &roots);
        assert_eq!(code(r.clone()), "E-PATH-OUTSIDE", "{p}");
        let d = r.expect_err("refused");
        assert!(d.message.contains(p), "{}", d.message);
    }
    // The --templates directory is a second root, for templates only.
    let with = roots.clone().with_templates(Some(&root.join("tpl")));
    assert_eq!(
        code(open("../tpl/x.md.tera", Named::Template, &at(), &with)),
        "ok 共享"
    );
    assert_eq!(
        code(open("../tpl/x.md.tera", Named::Catalogue, &at(), &with)),
        "E-PATH-OUTSIDE"
    );
}

#[cfg(unix)]
#[test]
fn a_link_leading_out_is_refused() {
    let (_d, root) = tree();
    std::os::unix::fs::symlink(root.join("secret.tera"), root.join("data/link.tera"))
        .expect("symlink");
    std::os::unix::fs::symlink("/etc/passwd", root.join("data/passwd.tera")).expect("link");
    let roots = Roots::of_file(&root.join("data/report.yaml"));
    assert_eq!(
        code(open("link.tera", Named::Template, &at(), &roots)),
        "E-PATH-OUTSIDE"
    );
    assert_eq!(
        code(open("passwd.tera", Named::Template, &at(), &roots)),
        "E-PATH-OUTSIDE"
    );
}

#[cfg(unix)]
#[test]
fn special_files_are_refused_without_opening_them() {
    let (_d, root) = tree();
    let fifo = root.join("data/pipe.tera");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let roots = Roots::of_file(&root.join("data/report.yaml"));
    // Opening a FIFO would block: being refused at all proves it was not opened.
    assert_eq!(
        code(open("pipe.tera", Named::Template, &at(), &roots)),
        "E-PATH-SPECIAL"
    );
    assert_eq!(
        code(open("sub", Named::Template, &at(), &roots)),
        "E-PATH-SPECIAL"
    );
    let rootfs = Roots::of_file(Path::new("/report.yaml"));
    assert_eq!(
        code(open("proc/self/environ", Named::Template, &at(), &rootfs)),
        "E-PATH-SPECIAL"
    );
}

#[test]
fn missing_points_at_the_indicator_file_and_says_relative_to_it() {
    let (_d, root) = tree();
    let roots = Roots::of_file(&root.join("data/report.yaml"));
    let d = open("nope.md.tera", Named::Template, &at(), &roots).expect_err("missing");
    assert_eq!(d.code, "E-TEMPLATE-MISSING");
    assert_eq!(
        d.message,
        "找不到 meta.template 指定的叙述模板“nope.md.tera”"
    );
    let hint = d.hint.unwrap_or_default();
    assert!(hint.starts_with("路径相对于指标文件所在目录"), "{hint}");
    let d = open("c2.yaml", Named::Catalogue, &at(), &roots).expect_err("missing");
    assert_eq!(d.code, "E-CATALOGUE-MISSING");
}

#[test]
fn provenance_never_shows_a_machine_path() {
    assert_eq!(shown_relative("data/x.yaml", "data/x.yaml"), "x.yaml");
    assert_eq!(
        shown_relative("/home/u/data/prev/x.yaml", "/home/u/data/x.yaml"),
        "prev/x.yaml"
    );
    assert_eq!(
        shown_relative("/home/u/other.yaml", "/home/u/data/x.yaml"),
        "other.yaml"
    );
    assert_eq!(shown_relative("x.yaml", "x.yaml"), "x.yaml");
    assert_eq!(shown_relative("/etc/y.yaml", "x.yaml"), "y.yaml");
}

#[test]
fn types_word_files_and_size() {
    let (_d, root) = tree();
    let roots = Roots::of_file(&root.join("data/report.yaml"));
    assert_eq!(
        code(open("notes.txt", Named::Template, &at(), &roots)),
        "E-PATH-TYPE"
    );
    assert_eq!(
        code(open("t.md.tera", Named::Catalogue, &at(), &roots)),
        "E-PATH-TYPE"
    );
    std::fs::write(root.join("data/r.docx"), b"PK\x03\x04rest").expect("writes");
    std::fs::write(root.join("data/disguised.tera"), b"\xD0\xCF\x11\xE0rest").expect("w");
    let d = open("r.docx", Named::Template, &at(), &roots).expect_err("word");
    assert_eq!(d.code, "E-TEMPLATE-WORD");
    assert!(d.hint.unwrap_or_default().contains("wengao import r.docx"));
    assert_eq!(
        code(open("disguised.tera", Named::Template, &at(), &roots)),
        "E-TEMPLATE-WORD"
    );
    let big = vec![b'x'; (MAX_TEMPLATE_BYTES + 1) as usize];
    std::fs::write(root.join("data/big.tera"), big).expect("writes");
    let d = open("big.tera", Named::Template, &at(), &roots).expect_err("too large");
    assert_eq!(d.code, "E-PATH-TOO-LARGE");
    assert_eq!(
        d.message,
        format!(
            "叙述模板“{}”太大（1048577 字节），超过上限 1 MB",
            root.join("data/big.tera").display()
        )
    );
}

/// A template is opened once: the first bytes read to tell it from a Word document stay part of
/// what is read, for texts shorter than, as long as and longer than that first read, and up to
/// the limit exactly.
#[test]
fn the_bytes_read_to_tell_word_files_apart_are_kept() {
    let (_d, root) = tree();
    let roots = Roots::of_file(&root.join("data/report.yaml"));
    let at_limit: Vec<u8> = (0..MAX_TEMPLATE_BYTES)
        .map(|i| b'a' + (i % 26) as u8)
        .collect();
    let texts: [&[u8]; 6] = [
        b"",
        b"PK",
        "模板".as_bytes(),
        b"{{ x }}!",
        "{# 三门 #}{{ fig(key=\"a\") }}".as_bytes(),
        &at_limit,
    ];
    for (i, text) in texts.iter().enumerate() {
        let name = format!("t{i}.md.tera");
        std::fs::write(root.join("data").join(&name), text).expect("writes");
        let opened = open(&name, Named::Template, &at(), &roots).expect("reads");
        assert_eq!(opened.bytes, *text, "{name}");
    }
}
