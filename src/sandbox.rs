//! The one place a path written inside an indicator file becomes a file read: `meta.template`,
//! `meta.catalogue`, `previous_file` (and templates found under `--templates`).
//!
//! Rules ([`open`]): the path is relative to the indicator file's directory; it may only reach
//! files under that directory or under the `--templates` directory (never an absolute path
//! outside them, never `..` out of them, never through a symbolic link that leads out); only a
//! regular file (no directory, device, FIFO, socket, nothing under `/proc`, `/sys`, `/dev`); only
//! the file type the field names (`.tera` for templates, `.yaml`/`.yml` for data; a Word file
//! given as a template is named as such, with `wengao import` as the way to turn it into one);
//! at most [`Named::limit`] bytes, checked before reading and enforced while reading. Every
//! refusal is a Chinese diagnostic at the place in the indicator file that names the path.
//!
//! The path outside the roots is refused by its text first, so wengao never even looks whether
//! such a file exists. This module imports only [`crate::diagnostic`].

use crate::diagnostic::{Diagnostic, Location};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// What a path in an indicator file names; decides the file types, size limit and codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    /// `meta.template`.
    Template,
    /// A template named in `{% include %}` / `{% extends %}` of a user's template.
    Included,
    /// `meta.catalogue`.
    Catalogue,
    /// `previous_file`.
    PreviousFile,
}

/// Largest template read (1 MiB): a narrative template is a few tens of kilobytes.
pub const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;
/// Largest catalogue or previous-period file read through an indicator file (10 MiB, the limit
/// of an indicator file given on the command line).
pub const MAX_DATA_BYTES: u64 = 10 * 1024 * 1024;

impl Named {
    /// The field as users write it.
    pub fn field(self) -> &'static str {
        match self {
            Named::Template => "meta.template",
            Named::Included => "模板中 include/extends 的路径",
            Named::Catalogue => "meta.catalogue",
            Named::PreviousFile => "previous_file",
        }
    }

    /// What the file is, in Chinese.
    fn what(self) -> &'static str {
        match self {
            Named::Template => "叙述模板",
            Named::Included => "模板",
            Named::Catalogue => "指标目录",
            Named::PreviousFile => "上年同期文件",
        }
    }

    /// The largest file accepted, in bytes.
    pub fn limit(self) -> u64 {
        match self {
            Named::Template | Named::Included => MAX_TEMPLATE_BYTES,
            Named::Catalogue | Named::PreviousFile => MAX_DATA_BYTES,
        }
    }

    /// The file name endings accepted.
    fn extensions(self) -> &'static [&'static str] {
        match self {
            Named::Template | Named::Included => &["tera"],
            Named::Catalogue | Named::PreviousFile => &["yaml", "yml"],
        }
    }

    /// The code of a path that does not exist.
    fn missing_code(self) -> &'static str {
        match self {
            Named::Template | Named::Included => "E-TEMPLATE-MISSING",
            Named::Catalogue => "E-CATALOGUE-MISSING",
            Named::PreviousFile => "E-PREVIOUS-FILE",
        }
    }
}

/// The directories a path may lead into: the indicator file's directory, and for templates the
/// `--templates` directory.
#[derive(Debug, Clone)]
pub struct Roots {
    /// The indicator file's directory (relative paths start here).
    base: PathBuf,
    /// `--templates DIR`, when given.
    templates: Option<PathBuf>,
}

impl Roots {
    /// The roots of the indicator file at `indicator_file` (its directory; `.` for a bare name).
    pub fn of_file(indicator_file: &Path) -> Roots {
        let base = match indicator_file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Roots {
            base,
            templates: None,
        }
    }

    /// The roots of an indicator file in directory `dir`.
    pub fn in_dir(dir: &Path) -> Roots {
        let base = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir.to_path_buf()
        };
        Roots {
            base,
            templates: None,
        }
    }

    /// Adds the `--templates` directory (templates may also be read from there).
    pub fn with_templates(mut self, dir: Option<&Path>) -> Roots {
        self.templates = dir.map(Path::to_path_buf);
        self
    }

    /// The indicator file's directory.
    pub fn base(&self) -> &Path {
        &self.base
    }

    /// The indicator file's directory as messages name it (当前目录 for `.`).
    fn base_text(&self) -> String {
        if self.base == Path::new(".") {
            "当前目录".to_string()
        } else {
            self.base.display().to_string()
        }
    }

    /// The directories `named` may lead into, in order.
    fn dirs(&self, named: Named) -> Vec<&Path> {
        let mut dirs = vec![self.base.as_path()];
        if let (Named::Template | Named::Included, Some(t)) = (named, &self.templates) {
            dirs.push(t.as_path());
        }
        dirs
    }
}

/// A file read through [`open`].
#[derive(Debug, Clone)]
pub struct Opened {
    /// The path as users see it: the indicator file's directory joined with what they wrote
    /// (`data/sanmen-2020.md.tera`); used in every location.
    pub shown: String,
    /// The file's canonical path (symbolic links resolved): one file named twice is read once.
    pub canonical: PathBuf,
    /// The file's bytes, at most [`Named::limit`].
    pub bytes: Vec<u8>,
}

/// Resolves `written` (a path written at `at` in an indicator file, for the field `named`)
/// against `roots`, checks it against every rule of the module and reads it.
///
/// Errors, all at `at`: `E-PATH-OUTSIDE` (absolute path or `..` leading out of the roots, or a
/// link that does), the field's missing code (`E-TEMPLATE-MISSING`, `E-CATALOGUE-MISSING`,
/// `E-PREVIOUS-FILE`) with the hint that the path is relative to the indicator file's
/// directory, `E-PATH-SPECIAL` (a directory, device, FIFO, socket, or under `/proc` `/sys`
/// `/dev`), `E-TEMPLATE-WORD` (a Word or WPS document given as a template), `E-PATH-TYPE`
/// (another file type), `E-PATH-TOO-LARGE`, `E-PATH-READ`.
pub fn open(
    written: &str,
    named: Named,
    at: &Location,
    roots: &Roots,
) -> Result<Opened, Diagnostic> {
    let written = written.trim();
    let joined = roots.base.join(written);
    // A file named from the current directory keeps the name as written (`t.md.tera`, not
    // `./t.md.tera`).
    let shown = if roots.base == Path::new(".") {
        written.to_string()
    } else {
        joined.display().to_string()
    };
    let base = roots.base_text();
    let refuse = |code: &str, message: String, hint: String| {
        Diagnostic::error(code, message)
            .at(at.clone())
            .path(named.field())
            .hint(hint)
    };
    let outside = || {
        let places = match (named, &roots.templates) {
            (Named::Template | Named::Included, Some(t)) => format!(
                "指标文件所在目录（{base}）或 --templates 目录（{}）",
                t.display()
            ),
            _ => format!("指标文件所在目录（{base}）"),
        };
        refuse(
            "E-PATH-OUTSIDE",
            format!(
                "{} “{written}”指向{places}之外，wengao 不读取",
                named.field()
            ),
            format!(
                "把{}放到{places}或其子目录中，路径写成相对于指标文件所在目录的路径",
                named.what()
            ),
        )
    };
    // 1. By the text alone: a path leading out of every root is refused without looking at it.
    let dirs = roots.dirs(named);
    let lexical = normalize(&absolute(&joined));
    if !dirs
        .iter()
        .any(|d| lexical.starts_with(normalize(&absolute(d))))
    {
        return Err(outside());
    }
    // 2. Existence, then the real place (links resolved).
    let canonical = match std::fs::canonicalize(&joined) {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(refuse(
                named.missing_code(),
                format!("找不到 {} 指定的{}“{written}”", named.field(), named.what()),
                format!("路径相对于指标文件所在目录（{base}），即要找的是 {shown}"),
            ));
        }
        Err(e) => {
            return Err(refuse(
                "E-PATH-READ",
                format!("无法读取{}“{shown}”：{}", named.what(), io_reason(&e)),
                "请检查文件和目录的权限".to_string(),
            ));
        }
    };
    let inside = dirs
        .iter()
        .any(|d| std::fs::canonicalize(d).is_ok_and(|root| canonical.starts_with(root)));
    if !inside {
        return Err(outside());
    }
    // 3. What kind of file it is.
    let special = ["/proc", "/sys", "/dev"]
        .iter()
        .any(|p| canonical.starts_with(p));
    let meta = std::fs::metadata(&canonical).map_err(|e| {
        refuse(
            "E-PATH-READ",
            format!("无法读取{}“{shown}”：{}", named.what(), io_reason(&e)),
            "请检查文件和目录的权限".to_string(),
        )
    })?;
    if meta.is_dir() {
        return Err(refuse(
            "E-PATH-SPECIAL",
            format!("{} “{written}”是目录，不是文件", named.field()),
            format!("请写出{}文件本身的路径", named.what()),
        ));
    }
    if special || !meta.is_file() {
        return Err(refuse(
            "E-PATH-SPECIAL",
            format!(
                "{} “{written}”不是普通文件（设备、管道或系统文件），wengao 不读取",
                named.field()
            ),
            format!("请给出一个普通的{}文件", named.what()),
        ));
    }
    let extension = canonical
        .extension()
        .or_else(|| joined.extension())
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    // The file is opened once: its first bytes tell a Word document from a template, and the
    // rest is read after the checks below.
    let mut file = std::fs::File::open(&canonical);
    let mut head = Vec::new();
    if matches!(named, Named::Template | Named::Included)
        && (is_word_extension(&extension) || starts_like_word(&mut file, &mut head))
    {
        return Err(refuse(
            "E-TEMPLATE-WORD",
            format!(
                "{} “{written}”是 Word/WPS 文档，不是 wengao 模板",
                named.field()
            ),
            format!(
                "用 wengao import {written} -o 目录 把这份 Word 报告转成指标文件和叙述模板（.md.tera），再把 meta.template 指向生成的模板"
            ),
        ));
    }
    if !named.extensions().contains(&extension.as_str()) {
        let wanted = named
            .extensions()
            .iter()
            .map(|e| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(" 或 ");
        return Err(refuse(
            "E-PATH-TYPE",
            format!(
                "{} “{written}”不是{}：只读取 {wanted} 文件",
                named.field(),
                named.what()
            ),
            format!("{}的文件名应以 {wanted} 结尾", named.what()),
        ));
    }
    let too_large = |len: u64| {
        refuse(
            "E-PATH-TOO-LARGE",
            format!(
                "{}“{shown}”太大（{len} 字节），超过上限 {}",
                named.what(),
                size_text(named.limit())
            ),
            format!("请确认 {} 指向的是{}", named.field(), named.what()),
        )
    };
    if meta.len() > named.limit() {
        return Err(too_large(meta.len()));
    }
    // 4. Read, never more than the limit (a file growing meanwhile cannot exhaust memory), into
    // room for the size it has (one read, not a doubling series of them).
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0) + 1);
    bytes.append(&mut head);
    let rest = (named.limit() + 1).saturating_sub(bytes.len() as u64);
    file.and_then(|f| f.take(rest).read_to_end(&mut bytes))
        .map_err(|e| {
            refuse(
                "E-PATH-READ",
                format!("无法读取{}“{shown}”：{}", named.what(), io_reason(&e)),
                "请检查文件权限".to_string(),
            )
        })?;
    if bytes.len() as u64 > named.limit() {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(Opened {
        shown,
        canonical,
        bytes,
    })
}

/// How provenance names `file` in a published document: relative to the folder of the
/// indicator file `indicator_file` (its own name for the indicator file itself), and only the
/// file name when it lies elsewhere, so no machine path (`/home/…`) is ever shown.
pub fn shown_relative(file: &str, indicator_file: &str) -> String {
    let path = Path::new(file);
    let name = path
        .file_name()
        .map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned());
    let dir = Path::new(indicator_file)
        .parent()
        .unwrap_or_else(|| Path::new(""));
    match path.strip_prefix(dir) {
        Ok(rel)
            if !rel.is_absolute()
                && rel.components().all(|c| matches!(c, Component::Normal(_)))
                && rel.components().next().is_some() =>
        {
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        }
        _ => name,
    }
}

/// A limit as users read it: `1 MB`, `10 MB` (limits are whole mebibytes).
fn size_text(bytes: u64) -> String {
    format!("{} MB", bytes / (1024 * 1024))
}

/// File name endings of word-processor documents.
fn is_word_extension(extension: &str) -> bool {
    matches!(
        extension,
        "docx" | "doc" | "docm" | "dotx" | "dot" | "wps" | "wpt" | "rtf" | "odt"
    )
}

/// A zip (DOCX, WPS) or OLE (Word 97–2003, WPS) file, whatever its name says: reads the first
/// bytes of `file` into `head` (none when it could not be opened or read; the read that follows
/// says why).
fn starts_like_word(file: &mut std::io::Result<std::fs::File>, head: &mut Vec<u8>) -> bool {
    let Ok(f) = file else {
        return false;
    };
    if let Err(e) = f.take(8).read_to_end(head) {
        // Where the file stands after a failed read is unknown: the read that follows reports
        // this error instead of reading on from there.
        head.clear();
        *file = Err(e);
        return false;
    }
    head.starts_with(b"PK\x03\x04") || head.starts_with(b"\xD0\xCF\x11\xE0")
}

/// `path` made absolute against the current directory (without touching the file).
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// `path` with `.` dropped and `..` applied to the text (links are not followed here).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Why a read failed, in Chinese where the reason is common.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests;
