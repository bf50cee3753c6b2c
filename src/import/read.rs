//! Reading an input file into source blocks: the format is told by the bytes (a zip is DOCX, an
//! OLE container is an encrypted or old-format Word file, `%PDF` a PDF, image signatures …) and
//! then by the extension (`.md`, `.html`/`.htm`, anything else text). Bad inputs get a clear
//! Chinese error, never a panic.

use super::blocks::{self, SourceBlock};
use crate::diagnostic::{Diagnostic, Location};
use std::io::Read as _;
use std::path::Path;

/// Reads a DOCX package's bytes into blocks ([`super::docx::read_package`]; tests may plug in
/// another).
pub type DocxReader = dyn Fn(&str, &[u8]) -> Result<Vec<SourceBlock>, Diagnostic>;

/// Largest input accepted (a DOCX with pictures can be large; the text never is).
pub const MAX_INPUT_BYTES: u64 = 20 * 1024 * 1024;

/// The kinds of input `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Word (`.docx`, WPS included).
    Docx,
    /// A web page.
    Html,
    /// Markdown.
    Markdown,
    /// Plain text (UTF-8 or GBK).
    Text,
}

/// An input read into blocks, with warnings (GBK decoded …).
#[derive(Debug, Clone)]
pub struct Input {
    /// The format read.
    pub format: Format,
    /// The blocks read.
    pub blocks: Vec<SourceBlock>,
    /// Warnings (a GBK text …).
    pub warnings: Vec<Diagnostic>,
}

fn error(name: &str, code: &str, message: String, hint: &str) -> Diagnostic {
    Diagnostic::error(code, message)
        .at(Location::new(name, 0, 0))
        .hint(hint)
}

/// Bytes that are a package or a binary document rather than text: the DOCX package layer reads
/// them, or says what they are (encrypted, old `.doc`, PDF, image …).
fn binary(bytes: &[u8]) -> bool {
    const SIGNATURES: &[&[u8]] = &[
        b"PK",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        b"%PDF",
        b"\x89PNG",
        b"\xFF\xD8\xFF",
        b"GIF8",
        b"II*\0",
        b"MM\0*",
        b"{\\rtf",
    ];
    SIGNATURES.iter().any(|s| bytes.starts_with(s))
}

/// Reads `path` into blocks. `docx` reads a DOCX package's bytes.
pub fn read(path: &Path, docx: &DocxReader) -> Result<Input, Diagnostic> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            error(
                &name,
                "E-FILE-MISSING",
                format!("找不到文件 {name}"),
                "请检查文件名和路径是否写对",
            )
        } else {
            error(
                &name,
                "E-FILE-READ",
                format!("无法读取文件 {name}：{e}"),
                "请检查文件权限",
            )
        }
    })?;
    if meta.is_dir() {
        return Err(error(
            &name,
            "E-FILE-DIR",
            format!("{name} 是目录"),
            "请给出要导入的文件，例如 2024年工作总结.docx",
        ));
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(error(
            &name,
            "E-FILE-TOO-LARGE",
            format!(
                "文件 {name} 太大（{} MB），超过上限 {} MB",
                meta.len() / (1024 * 1024),
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
            "工作总结的正文不会这么大；请确认文件，或删去其中的大图片后另存再导入",
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| {
            error(
                &name,
                "E-FILE-READ",
                format!("无法读取文件 {name}：{e}"),
                "请检查文件权限",
            )
        })?;
    read_bytes(&name, &bytes, docx)
}

/// Reads already-loaded bytes named `name` (the extension picks text formats).
pub fn read_bytes(name: &str, bytes: &[u8], docx: &DocxReader) -> Result<Input, Diagnostic> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(error(
            name,
            "E-IMPORT-EMPTY",
            format!("文件 {name} 是空的"),
            "请给出有正文的报告文件",
        ));
    }
    let lower = name.to_lowercase();
    let word_name = [".docx", ".docm", ".dotx", ".doc", ".wps"]
        .iter()
        .any(|e| lower.ends_with(e));
    if binary(bytes) || word_name {
        let mut blocks = docx(name, bytes)?;
        blocks::drop_control_characters(&mut blocks);
        return Ok(Input {
            format: Format::Docx,
            blocks,
            warnings: Vec::new(),
        });
    }
    let (src, warnings) = crate::source::decode(name, bytes)?;
    // A page break (form feed, common in text taken from PDF) or a vertical tab ends a line.
    let text = src.text.replace(['\u{c}', '\u{b}'], "\n");
    let (format, mut blocks) = if lower.ends_with(".md") || lower.ends_with(".markdown") {
        (Format::Markdown, super::markdown::blocks(&text))
    } else if lower.ends_with(".html") || lower.ends_with(".htm") || looks_like_html(&text) {
        (Format::Html, super::html::blocks(&text))
    } else {
        (Format::Text, blocks::from_text(&text))
    };
    blocks::drop_control_characters(&mut blocks);
    if blocks.is_empty() {
        return Err(error(
            name,
            "E-IMPORT-EMPTY",
            format!("文件 {name} 里没有正文"),
            "请给出有正文的报告文件",
        ));
    }
    Ok(Input {
        format,
        blocks,
        warnings,
    })
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text.chars().take(512).collect::<String>().to_lowercase();
    head.trim_start().starts_with("<!doctype html") || head.contains("<html")
}
