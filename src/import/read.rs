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
        // An OLE compound file: an encrypted OOXML package holds an EncryptionInfo stream, a
        // Word 97–2003 document a WordDocument stream (names are UTF-16LE in the directory).
        let utf16 = |s: &str| {
            s.encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>()
        };
        let has = |s: &str| {
            let needle = utf16(s);
            bytes.windows(needle.len()).any(|w| w == needle.as_slice())
        };
        if has("EncryptionInfo") || has("EncryptedPackage") {
            Some((
                "E-IMPORT-ENCRYPTED",
                "设置了打开密码（加密的 Word 文档），无法读取",
                "在 Word 或 WPS 中打开，“文件 → 信息 → 保护文档 → 用密码进行加密”清空密码后另存为 .docx，再导入",
            ))
        } else if has("WordDocument") {
            Some((
                "E-IMPORT-DOC",
                "是旧版 Word 97-2003 格式（.doc），不是 .docx",
                "在 Word 或 WPS 中打开，“另存为” Word 文档（*.docx）后再导入",
            ))
        } else {
            Some((
                "E-IMPORT-OLE",
                "是旧版 Office 文件（OLE 复合文档），不是 Word 文档（.docx）",
                "请用 Word 或 WPS 打开原稿，另存为 .docx 后再导入",
            ))
        }
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
pub fn read(path: &Path, docx: &super::run::DocxReader) -> Result<Input, Diagnostic> {
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
    docx: &super::run::DocxReader,
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
        let text_like = std::str::from_utf8(bytes).is_ok();
        return Err(error(
            name,
            "E-IMPORT-NOT-DOCX",
            if text_like {
                format!(
                    "{name} 的扩展名是 .docx，但内容不是 Word 文档（不是 zip 压缩包，看起来是纯文本）"
                )
            } else {
                format!("{name} 的扩展名是 .docx，但内容不是 Word 文档（不是 zip 压缩包）")
            },
            if text_like {
                "若是文本文件，请把扩展名改为 .txt 再导入；若是 Word 文件，请在 Word 或 WPS 中重新“另存为 .docx”"
            } else {
                "文件可能已损坏，或只是改了扩展名；请用 Word 或 WPS 打开后另存为 .docx"
            },
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
