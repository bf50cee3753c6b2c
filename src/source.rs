//! Source files as read from disk: bytes decoded to text (UTF-8, BOM, GBK) and line lookup.
//!
//! Decisions: a UTF-8 BOM is dropped silently. Bytes that are not UTF-8 but decode cleanly as
//! GB18030 (a superset of GBK, what Windows Notepad and WPS save as “ANSI” on Chinese systems)
//! are decoded, with a warning telling how to save the file as UTF-8. Anything else (UTF-16,
//! binary, broken bytes) is refused with a how-to-fix message. Directories, special files,
//! missing files and files over `MAX_FILE_BYTES` (10 MiB) are refused before anything is read.

use crate::diagnostic::{Diagnostic, Location};
use std::io::Read;
use std::path::Path;

/// Largest input file accepted (10 MiB); indicator files are a few kilobytes.
pub(crate) const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// A decoded input file and the starts of its lines, for locations and source snippets.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user wrote it; used in every location.
    pub name: String,
    /// The decoded text (BOM dropped); locations count characters in it.
    pub text: String,
    /// Byte offset of each line's first character; the first is 0.
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// A source named `name` (as the user wrote the path) holding `text`.
    pub fn new(name: impl Into<String>, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        SourceFile {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line(&self, line: u32) -> Option<&str> {
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        let start = *self.line_starts.get(index)?;
        let end = self
            .line_starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.text.len());
        Some(self.text[start..end].trim_end_matches(['\n', '\r']))
    }

    /// The location of a byte offset (column in characters, 1-based).
    pub fn location(&self, byte: usize) -> Location {
        let byte = byte.min(self.text.len());
        let index = self.line_starts.partition_point(|&s| s <= byte).max(1) - 1;
        let start = self.line_starts[index];
        let column = self
            .text
            .get(start..byte)
            .map_or(1, |prefix| prefix.chars().count() + 1);
        Location::new(self.name.clone(), index as u32 + 1, column as u32)
    }
}

/// Reads and decodes a file. On success also returns warnings (e.g. the file was GBK).
///
/// The file's metadata is checked first (missing, directory, special file, too large), then at
/// most [`MAX_FILE_BYTES`] + 1 bytes are read, so a file growing while read cannot exhaust
/// memory. Every error is an `E-FILE-…` diagnostic at the file, line 0.
pub(crate) fn read(path: &Path) -> Result<(SourceFile, Vec<Diagnostic>), Diagnostic> {
    let name = path.display().to_string();
    let file_error = |code: &str, message: String, hint: &str| {
        Diagnostic::error(code, message)
            .at(Location::new(name.clone(), 0, 0))
            .hint(hint)
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(file_error(
                "E-FILE-MISSING",
                format!("找不到文件 {name}"),
                "请检查文件名和路径是否写对（路径相对于当前目录）",
            ));
        }
        Err(e) => {
            return Err(file_error(
                "E-FILE-READ",
                format!("无法读取文件 {name}：{}", io_reason(&e)),
                "请检查文件权限",
            ));
        }
    };
    if meta.is_dir() {
        return Err(file_error(
            "E-FILE-DIR",
            format!("{name} 是目录，不是指标文件"),
            "请给出目录里的 YAML 文件，例如 data/*.yaml",
        ));
    }
    if !meta.is_file() {
        return Err(file_error(
            "E-FILE-SPECIAL",
            format!("{name} 不是普通文件"),
            "请给出一个 YAML 指标文件",
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(&name, meta.len()));
    }
    // The whole file in one allocation (`take` hides the file's size from `read_to_end`); the
    // length was checked against the limit above.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    let read =
        std::fs::File::open(path).and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        return Err(file_error(
            "E-FILE-READ",
            format!("无法读取文件 {name}：{}", io_reason(&e)),
            "请检查文件权限",
        ));
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(&name, bytes.len() as u64));
    }
    // The usual file (UTF-8, no byte-order mark, no NUL) becomes the text without a copy;
    // anything else goes through `decode`.
    if !bytes.starts_with(b"\xEF\xBB\xBF") {
        match String::from_utf8(bytes) {
            Ok(text) if !text.as_bytes().contains(&0) => {
                return Ok((SourceFile::new(name, text), Vec::new()));
            }
            Ok(text) => bytes = text.into_bytes(),
            Err(e) => bytes = e.into_bytes(),
        }
    }
    decode(&name, &bytes)
}

/// `E-FILE-TOO-LARGE` for a file of `len` bytes.
fn too_large(name: &str, len: u64) -> Diagnostic {
    Diagnostic::error(
        "E-FILE-TOO-LARGE",
        format!(
            "文件 {name} 太大（{} MB），超过上限 {} MB",
            len / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
    .at(Location::new(name, 0, 0))
    .hint("指标文件一般只有几 KB，请确认给的是指标文件")
}

/// Why a read failed, in Chinese where the reason is common.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        _ => e.to_string(),
    }
}

/// Decodes bytes to text: UTF-8 (BOM dropped), else GB18030/GBK with a warning, else an error.
///
/// UTF-16 is recognised by its byte-order mark and refused with how to convert it; a NUL byte
/// in otherwise valid UTF-8 marks a binary file and is refused at its place. GBK is accepted
/// only when the text decodes cleanly and holds CJK characters, so random bytes are not
/// mistaken for Chinese.
pub fn decode(name: &str, bytes: &[u8]) -> Result<(SourceFile, Vec<Diagnostic>), Diagnostic> {
    let at_start = || Location::new(name, 1, 1);
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Diagnostic::error(
            "E-FILE-ENCODING",
            format!("文件 {name} 是 UTF-16 编码，wengao 只读 UTF-8"),
        )
        .at(at_start())
        .hint("用记事本“另存为”，编码选 UTF-8；或运行 iconv -f UTF-16 -t UTF-8"));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        if let Some(pos) = text.find('\0') {
            let source = SourceFile::new(name, text.to_string());
            return Err(binary(name).at(source.location(pos)));
        }
        return Ok((SourceFile::new(name, text.to_string()), Vec::new()));
    }
    if let Some(d) = mixed(name, bytes) {
        return Err(d);
    }
    let decoded = encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .filter(|t| !t.contains('\0') && t.chars().any(is_cjk));
    match decoded {
        Some(text) => {
            let warning = Diagnostic::warning(
                "W-ENCODING-GBK",
                format!("文件 {name} 不是 UTF-8 编码，已按 GBK（GB18030）读取"),
            )
            .at(at_start())
            .hint(format!(
                "请把文件另存为 UTF-8：记事本或 WPS“另存为”时编码选 UTF-8，或运行 iconv -f GB18030 -t UTF-8 {name} -o 新文件.yaml"
            ));
            Ok((SourceFile::new(name, text.into_owned()), vec![warning]))
        }
        None => Err(binary(name).at(at_start())),
    }
}

/// `E-FILE-ENCODING-MIXED` for a file (not UTF-8 as a whole) in which some lines are UTF-8
/// Chinese and others are not: text pasted from two sources. Decoding it as GBK would turn the
/// UTF-8 lines into mojibake (in the title or the sign-off), so it is refused, naming a line of
/// each kind. A UTF-8 line counts when it holds at least two CJK characters (a GBK line is
/// practically never valid UTF-8 with that).
fn mixed(name: &str, bytes: &[u8]) -> Option<Diagnostic> {
    let mut utf8_line = None;
    let mut other_line = None;
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if line.is_ascii() {
            continue;
        }
        match std::str::from_utf8(line) {
            Ok(text) if text.chars().filter(|&c| is_cjk(c)).count() >= 2 => {
                utf8_line.get_or_insert(i + 1);
            }
            Ok(_) => {}
            Err(_) => {
                other_line.get_or_insert(i + 1);
            }
        }
        if utf8_line.is_some() && other_line.is_some() {
            break;
        }
    }
    let (u, g) = (utf8_line?, other_line?);
    let line = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Some(
        Diagnostic::error(
            "E-FILE-ENCODING-MIXED",
            format!(
                "文件 {name} 混用了两种编码：第 {g} 行不是 UTF-8（多半是 GBK），第 {u} 行是 UTF-8；按任何一种读，都有一部分会成乱码"
            ),
        )
        .at(Location::new(name, line(g), 1))
        .related(Location::new(name, line(u), 1), "这一行是 UTF-8")
        .hint("多半是从两个地方复制粘贴拼成的；用记事本或 WPS 打开，把乱码的几行重新输入，再“另存为”UTF-8"),
    )
}

/// `E-FILE-ENCODING` for bytes that are neither UTF-8 nor GBK text.
fn binary(name: &str) -> Diagnostic {
    Diagnostic::error(
        "E-FILE-ENCODING",
        format!("文件 {name} 不是文本文件，或编码无法识别（既不是 UTF-8，也不是 GBK）"),
    )
    .hint("指标文件应是 UTF-8 编码的 YAML 文本；请用文本编辑器打开并另存为 UTF-8")
}

/// Roughly: a character of the CJK blocks (used to tell GBK text from random bytes).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Columns a character takes in a terminal (CJK and full-width forms take two).
pub(crate) fn display_width(c: char) -> usize {
    let u = c as u32;
    if matches!(u, 0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
    {
        2
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_locations() {
        let s = SourceFile::new("a.yaml", "甲: 1\nb: 2\r\n".to_string());
        assert_eq!(s.line(1), Some("甲: 1"));
        assert_eq!(s.line(2), Some("b: 2"));
        assert_eq!(s.line(4), None);
        let loc = s.location("甲: ".len());
        assert_eq!((loc.line, loc.column), (1, 4));
        assert_eq!(s.location(s.text.find('b').unwrap_or(0)).line, 2);
    }

    #[test]
    fn bom_is_dropped_and_gbk_decoded_with_warning() {
        let (s, w) = decode("a", b"\xEF\xBB\xBFmeta: 1\n").expect("utf-8");
        assert_eq!(s.text, "meta: 1\n");
        assert!(w.is_empty());
        let (gbk, _, _) = encoding_rs::GBK.encode("agency: 三门县\n");
        let (s, w) = decode("a", &gbk).expect("gbk");
        assert_eq!(s.text, "agency: 三门县\n");
        assert_eq!(w[0].code, "W-ENCODING-GBK");
        assert_eq!(
            decode("a", b"\xFF\xFEm\0").err().map(|d| d.code),
            Some("E-FILE-ENCODING".to_string())
        );
        assert!(decode("a", b"\x80\x80\xff").is_err());
    }

    /// Reading a file gives what decoding its bytes gives, on the path without a copy (plain
    /// UTF-8) and on every other (a byte-order mark, a NUL, GBK, UTF-16, bytes that are neither).
    #[test]
    fn reading_a_file_is_decoding_its_bytes() {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("no temporary folder");
        };
        let (gbk, _, _) = encoding_rs::GBK.encode("单位：三门县医疗保障局\n");
        let cases: [&[u8]; 7] = [
            "meta:\n  agency: 三门县\n".as_bytes(),
            "\u{feff}meta: 1\n".as_bytes(),
            "\u{feff}\u{feff}meta: 1\n".as_bytes(),
            b"meta: 1\n\0\n",
            &gbk,
            b"\xFF\xFEm\0e\0",
            b"\x80\x81\x82",
        ];
        for (i, bytes) in cases.into_iter().enumerate() {
            let path = dir.path().join(format!("{i}.yaml"));
            if std::fs::write(&path, bytes).is_err() {
                panic!("cannot write {}", path.display());
            }
            let name = path.display().to_string();
            let summary = |r: Result<(SourceFile, Vec<Diagnostic>), Diagnostic>| match r {
                Ok((src, notes)) => Ok((src.text, notes)),
                Err(d) => Err(d),
            };
            assert_eq!(
                summary(read(&path)),
                summary(decode(&name, bytes)),
                "case {i}"
            );
        }
    }

    #[test]
    fn a_file_of_gbk_and_utf8_lines_is_refused_with_both_lines() {
        let (gbk, _, _) = encoding_rs::GBK.encode("agency: 三门县医疗保障局\n");
        let mut bytes = gbk.into_owned();
        bytes.extend_from_slice("title: 三门县2020年度工作总结\n".as_bytes());
        let d = decode("a.yaml", &bytes).expect_err("refused");
        assert_eq!(d.code, "E-FILE-ENCODING-MIXED");
        assert_eq!(d.location.as_ref().map(|l| l.line), Some(1));
        assert_eq!(d.related[0].location.line, 2);
    }
}
