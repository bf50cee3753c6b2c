//! Reading an input file into source blocks: the format is told by the bytes (a zip is DOCX, an
//! OLE container is an encrypted or old-format Word file, `%PDF` a PDF, image signatures …) and
//! then by the extension (`.md`, `.html`/`.htm`, anything else text). Bad inputs get a clear
//! Chinese error, never a panic.

use super::blocks::{self, SourceBlock};
use crate::diagnostic::{Diagnostic, Location};
use std::io::Read as _;
use std::path::Path;

/// Largest input accepted (a DOCX with pictures can be large; the text never is).
pub const MAX_INPUT_BYTES: u64 = 20 * 1024 * 1024;

/// The kinds of input `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Html,
    Markdown,
    Text,
}

/// An input read into blocks, with warnings (GBK decoded …).
#[derive(Debug, Clone)]
pub struct Input {
    pub format: Format,
    pub blocks: Vec<SourceBlock>,
    pub warnings: Vec<Diagnostic>,
}

fn error(name: &str, code: &str, message: String, hint: &str) -> Diagnostic {
    Diagnostic::error(code, message)
        .at(Location::new(name, 0, 0))
        .hint(hint)
}

/// What the first bytes say a file is, when it is something `import` cannot read.
fn refuse(name: &str, bytes: &[u8]) -> Option<Diagnostic> {
    let starts = |sig: &[u8]| bytes.starts_with(sig);
    let what = if starts(b"%PDF") {
        Some((
            "E-IMPORT-PDF",
            "是 PDF 文件",
            "请用 Word 或 WPS 打开原稿另存为 .docx，或复制正文存为 .txt 后再导入",
        ))
    } else if starts(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        Some((
            "E-IMPORT-OLE",
            "是加密的 Word 文件或旧版 .doc/.wps 文件",
            "请在 Word 或 WPS 中取消密码（文件 → 信息 → 保护文档），并另存为 .docx 后再导入",
        ))
    } else if starts(b"\x89PNG")
        || starts(b"\xFF\xD8\xFF")
        || starts(b"GIF8")
        || starts(b"BM")
        || (starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"))
        || starts(b"II*\0")
        || starts(b"MM\0*")
    {
        Some((
            "E-IMPORT-IMAGE",
            "是图片",
            "wengao 不识别图片中的文字；请提供 .docx、.txt、.md 或网页 .html",
        ))
    } else if starts(b"{\\rtf") {
        Some((
            "E-IMPORT-RTF",
            "是 RTF 文件",
            "请用 Word 或 WPS 另存为 .docx 后再导入",
        ))
    } else {
        None
    };
    what.map(|(code, is, hint)| error(name, code, format!("{name} {is}，无法导入"), hint))
}

/// Reads `path` into blocks. `docx` reads a DOCX package's bytes.
pub fn read(
    path: &Path,
    docx: &dyn Fn(&str, &[u8]) -> Result<Vec<SourceBlock>, Diagnostic>,
) -> Result<Input, Diagnostic> {
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
pub fn read_bytes(
    name: &str,
    bytes: &[u8],
    docx: &dyn Fn(&str, &[u8]) -> Result<Vec<SourceBlock>, Diagnostic>,
) -> Result<Input, Diagnostic> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(error(
            name,
            "E-IMPORT-EMPTY",
            format!("文件 {name} 是空的"),
            "请给出有正文的报告文件",
        ));
    }
    if let Some(d) = refuse(name, bytes) {
        return Err(d);
    }
    let lower = name.to_lowercase();
    if bytes.starts_with(b"PK") {
        let blocks = docx(name, bytes)?;
        return Ok(Input {
            format: Format::Docx,
            blocks,
            warnings: Vec::new(),
        });
    }
    if lower.ends_with(".docx") || lower.ends_with(".doc") || lower.ends_with(".wps") {
        return Err(error(
            name,
            "E-IMPORT-NOT-DOCX",
            format!("{name} 不是 DOCX 文件（不是 zip 压缩包）"),
            "文件可能已损坏，或只是改了扩展名；请用 Word 或 WPS 打开后另存为 .docx",
        ));
    }
    let (src, warnings) = crate::source::decode(name, bytes)?;
    let text = src.text;
    let (format, blocks) = if lower.ends_with(".md") || lower.ends_with(".markdown") {
        (Format::Markdown, super::markdown::blocks(&text))
    } else if lower.ends_with(".html") || lower.ends_with(".htm") || looks_like_html(&text) {
        (Format::Html, super::html::blocks(&text))
    } else {
        (Format::Text, blocks::from_text(&text))
    };
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
