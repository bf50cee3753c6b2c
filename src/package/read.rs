//! Reading a DOCX from bytes: what the bytes are when they are not a Word document, the zip read
//! within limits, and the package checked to be a Word document.
//!
//! A file that is not a zip is recognised by its first bytes (OLE compound file, PDF, images,
//! RTF) so the message can say what it is and how to get a `.docx`. A zip is read entry by
//! entry within [`ReadLimits`]; it is a Word document when `[Content_Types].xml` exists and the
//! package's `officeDocument` relationship leads to a part whose content type is a Word main
//! document.

use super::{
    CONTENT_TYPES_PART, ContentTypes, OFFICE_DOCUMENT_TYPES, Package, Part, Relationships,
    WORD_MAIN_TYPES, rels_part_for, resolve_target,
};
use crate::diagnostic::{Diagnostic, Location};
use std::io::{Cursor, Read};

/// Bounds on what reading a package may inflate. Both the sizes the zip declares and the bytes
/// actually inflated are checked, so an entry that lies about its size stops at the limit too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadLimits {
    /// Largest sum of the parts' uncompressed sizes.
    pub total: u64,
    /// Largest uncompressed size of one part.
    pub part: u64,
    /// Most entries in the zip.
    pub parts: usize,
}

impl Default for ReadLimits {
    /// 200 MiB in all, 100 MiB per part, 10 000 parts: far above real reports (a 300-page
    /// report with photos is ~50 MB), far below what would exhaust memory.
    fn default() -> Self {
        ReadLimits {
            total: 200 * 1024 * 1024,
            part: 100 * 1024 * 1024,
            parts: 10_000,
        }
    }
}

/// One mebibyte, for sizes in messages.
const MIB: u64 = 1024 * 1024;

/// What a file that is not a zip is, by its first bytes: `(code, message, hint)`.
fn not_zip(name: &str, bytes: &[u8]) -> (&'static str, String, &'static str) {
    let starts = |sig: &[u8]| bytes.starts_with(sig);
    if bytes.is_empty() {
        return (
            "E-DOCX-EMPTY",
            format!("文件 {name} 是空的（0 字节）"),
            "请确认给的是保存完整的 Word 文档（.docx）",
        );
    }
    if starts(&OLE_SIGNATURE) {
        return ole(name, bytes);
    }
    if starts(b"%PDF") {
        return (
            "E-DOCX-PDF",
            format!("文件 {name} 是 PDF 文件，不是 Word 文档"),
            "请找到这份文稿的 Word 原件（.docx）；没有原件时，可用 WPS 或 Word 打开 PDF 后另存为 .docx，再核对转换结果",
        );
    }
    let image = starts(&[0x89, b'P', b'N', b'G'])
        || starts(&[0xFF, 0xD8, 0xFF])
        || starts(b"GIF8")
        || starts(b"BM")
        || starts(b"II*\0")
        || starts(b"MM\0*")
        || (starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"));
    if image {
        return (
            "E-DOCX-IMAGE",
            format!("文件 {name} 是图片，不是 Word 文档"),
            "请给出文稿的 Word 文档（.docx）；扫描件或截图需先转成文字",
        );
    }
    if starts(b"{\\rtf") {
        return (
            "E-DOCX-NOT-ZIP",
            format!("文件 {name} 是 RTF 文档，不是 .docx"),
            "请用 Word 或 WPS 打开，“另存为”Word 文档（*.docx）",
        );
    }
    let head = &bytes[..bytes.len().min(4096)];
    let utf16 = starts(b"\xFF\xFE") || starts(b"\xFE\xFF");
    let text = utf16 || (!head.contains(&0) && utf8_prefix(head));
    if text {
        return (
            "E-DOCX-NOT-ZIP",
            format!("文件 {name} 的内容是纯文本，不是 Word 文档（.docx 是 zip 压缩包）"),
            "若是文本文件，请把扩展名改为 .txt；若是 Word 文件，请在 Word 或 WPS 中重新“另存为”Word 文档（*.docx）",
        );
    }
    (
        "E-DOCX-NOT-ZIP",
        format!("文件 {name} 不是 Word 文档（.docx 是 zip 压缩包，这个文件不是），或文件已损坏"),
        "请确认文件是用 Word 或 WPS 保存的 .docx，且下载或复制完整",
    )
}

/// Whether `head` (the start of a file) is UTF-8, allowing a character cut at its end.
fn utf8_prefix(head: &[u8]) -> bool {
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

/// The signature of an OLE compound file (Word 97–2003, WPS, and encrypted OOXML).
const OLE_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// A stream name as an OLE directory stores it: UTF-16LE.
fn utf16le(name: &str) -> Vec<u8> {
    name.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// What an OLE compound file is, told by the streams its directory names: an encrypted Office
/// Open XML document (`EncryptionInfo`, as Word's “用密码进行加密” writes it) or a Word 97–2003
/// document (`WordDocument`). The names are searched for in the raw bytes: directory entries
/// hold them in UTF-16LE, and a false match only changes which of two hints the user reads.
fn ole(name: &str, bytes: &[u8]) -> (&'static str, String, &'static str) {
    let has = |stream: &str| {
        let needle = utf16le(stream);
        bytes.windows(needle.len()).any(|w| w == needle.as_slice())
    };
    if has("EncryptionInfo") || has("EncryptedPackage") {
        return (
            "E-DOCX-ENCRYPTED",
            format!("文件 {name} 设置了打开密码（加密的 Word 文档），无法读取"),
            "请在 Word 或 WPS 中打开，“文件 → 信息 → 保护文档 → 用密码进行加密”清空密码后另存为 .docx",
        );
    }
    if has("WordDocument") {
        return (
            "E-DOCX-LEGACY",
            format!("文件 {name} 是旧版 Word 97-2003 格式（.doc），不是 .docx"),
            "请在 Word 或 WPS 中打开，“另存为”Word 文档（*.docx）",
        );
    }
    (
        "E-DOCX-LEGACY",
        format!(
            "文件 {name} 是加密（设了打开密码）的 Word 文档，或旧版 .doc/.wps 文件，不是 .docx"
        ),
        "加密的文档请在 Word 或 WPS 中取消打开密码后另存；旧版文件请用 Word 或 WPS 打开，“另存为”Word 文档（*.docx）",
    )
}

/// An error about the whole file `name`.
fn error(name: &str, code: &str, message: String, hint: &str) -> Diagnostic {
    Diagnostic::error(code, message)
        .at(Location::new(name, 0, 0))
        .hint(hint)
}

/// `E-DOCX-BROKEN`: the zip or one of its parts cannot be read; `what` says in Chinese what
/// is wrong (never the zip library's English text).
fn broken(name: &str, what: &str) -> Diagnostic {
    error(
        name,
        "E-DOCX-BROKEN",
        format!("文件 {name} 已损坏，无法读取（{what}）"),
        "请用 Word 或 WPS 打开后重新保存，或重新下载、复制这个文件",
    )
}

/// What a zip error means, in Chinese.
fn zip_reason(e: &zip::result::ZipError) -> String {
    use zip::result::ZipError;
    match e {
        ZipError::Io(io) => io_reason(io),
        ZipError::InvalidArchive(_) => {
            "压缩包结构不完整或已损坏，文件可能没有下载完或复制中断".to_string()
        }
        ZipError::UnsupportedArchive(_) | ZipError::CompressionMethodNotSupported(_) => {
            "使用了 Word 不用的压缩方式".to_string()
        }
        ZipError::FileNotFound => "压缩包里缺少部件".to_string(),
        ZipError::InvalidPassword => "内容设了密码".to_string(),
        _ => "压缩数据无法解开".to_string(),
    }
}

/// What an error reading compressed data means, in Chinese.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => "文件不完整，数据提前结束".to_string(),
        std::io::ErrorKind::InvalidData | std::io::ErrorKind::InvalidInput => {
            "压缩数据已损坏（校验不符）".to_string()
        }
        _ => "读取压缩数据时出错".to_string(),
    }
}

/// `E-DOCX-TOO-LARGE`: past a [`ReadLimits`] bound.
fn too_large(name: &str, what: String) -> Diagnostic {
    error(
        name,
        "E-DOCX-TOO-LARGE",
        format!("文件 {name} 解压后太大（{what}），已停止读取"),
        "文稿的 Word 文档一般只有几 MB；请确认给的是文稿本身，或把大图片压缩后另存",
    )
}

impl Package {
    /// Reads a Word document from its bytes, within [`ReadLimits::default`]; `name` is the file
    /// as the user wrote it, used in every diagnostic.
    pub fn read_docx(name: &str, bytes: &[u8]) -> Result<Package, Diagnostic> {
        Package::read_docx_with(name, bytes, ReadLimits::default())
    }

    /// [`Package::read_docx`] with explicit limits.
    ///
    /// Errors (all located at the file, line 0): `E-DOCX-EMPTY`, `E-DOCX-ENCRYPTED` (a password:
    /// an OLE file holding an encrypted OOXML package, or zip entries with a password),
    /// `E-DOCX-LEGACY` (another OLE compound file: a Word 97–2003 `.doc`, a `.wps`),
    /// `E-DOCX-PDF`, `E-DOCX-IMAGE`, `E-DOCX-NOT-ZIP` (plain text, RTF, anything else that is not
    /// a zip), `E-DOCX-BROKEN` (a damaged zip or part), `E-DOCX-TOO-LARGE` (past `limits`),
    /// `E-DOCX-NOT-WORD` (a zip that is not a Word document: no content types, no main
    /// document, or the main part of a spreadsheet, a presentation, an OpenDocument file).
    pub fn read_docx_with(
        name: &str,
        bytes: &[u8],
        limits: ReadLimits,
    ) -> Result<Package, Diagnostic> {
        let package = Package::read_zip(name, bytes, limits)?;
        package.main_document()?;
        Ok(package)
    }

    /// Reads every entry of the zip (directories skipped) into parts, in zip order.
    ///
    /// The number of entries, each declared size and each inflated size are checked against
    /// `limits` before more is read; an entry is inflated at most one byte past the per-part
    /// limit, so memory stays bounded whatever the zip claims.
    fn read_zip(name: &str, bytes: &[u8], limits: ReadLimits) -> Result<Package, Diagnostic> {
        if !bytes.starts_with(b"PK") {
            let (code, message, hint) = not_zip(name, bytes);
            return Err(error(name, code, message, hint));
        }
        let mut zip =
            zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| broken(name, &zip_reason(&e)))?;
        if zip.len() > limits.parts {
            return Err(too_large(
                name,
                format!("有 {} 个部件，上限 {} 个", zip.len(), limits.parts),
            ));
        }
        let mut total: u64 = 0;
        let mut parts = Vec::with_capacity(zip.len());
        for i in 0..zip.len() {
            let mut entry = match zip.by_index(i) {
                Ok(e) => e,
                Err(zip::result::ZipError::UnsupportedArchive(msg))
                    if msg == zip::result::ZipError::PASSWORD_REQUIRED =>
                {
                    return Err(error(
                        name,
                        "E-DOCX-ENCRYPTED",
                        format!("文件 {name} 的内容设了密码，无法读取"),
                        "请在 Word 或 WPS 中取消密码后另存为 .docx",
                    ));
                }
                Err(e) => return Err(broken(name, &zip_reason(&e))),
            };
            if entry.is_dir() {
                continue;
            }
            let part_name = entry
                .name()
                .map_err(|e| broken(name, &zip_reason(&e)))?
                .into_owned();
            let declared = entry.size();
            if declared > limits.part {
                return Err(too_large(
                    name,
                    format!(
                        "部件 {part_name} 有 {} MB，上限 {} MB",
                        declared / MIB,
                        limits.part / MIB
                    ),
                ));
            }
            // The declared size may lie: read at most one byte past the limit and look.
            let mut content =
                Vec::with_capacity(usize::try_from(declared.min(limits.part)).unwrap_or(0));
            (&mut entry)
                .take(limits.part.saturating_add(1))
                .read_to_end(&mut content)
                .map_err(|e| broken(name, &format!("部件 {part_name}：{}", io_reason(&e))))?;
            let size = content.len() as u64;
            if size > limits.part {
                return Err(too_large(
                    name,
                    format!("部件 {part_name} 超过 {} MB", limits.part / MIB),
                ));
            }
            total = total.saturating_add(size);
            if total > limits.total {
                return Err(too_large(
                    name,
                    format!("合计超过 {} MB", limits.total / MIB),
                ));
            }
            parts.push(Part {
                name: part_name,
                bytes: content,
            });
        }
        Ok(Package {
            source: name.to_string(),
            parts,
        })
    }

    /// The package's content types; `E-DOCX-NOT-WORD` when `[Content_Types].xml` is missing,
    /// `E-DOCX-BROKEN` when it cannot be parsed.
    pub fn content_types(&self) -> Result<ContentTypes, Diagnostic> {
        let name = &self.source;
        let Some(bytes) = self.part(CONTENT_TYPES_PART) else {
            let why = match self.other_format() {
                Some(what) => what,
                None if self.contains("word/document.xml") => "缺少 [Content_Types].xml",
                None => "缺少 word/document.xml",
            };
            return Err(self.not_word(why));
        };
        ContentTypes::parse(bytes)
            .map_err(|_| broken(name, &format!("部件 {CONTENT_TYPES_PART} 的 XML 已损坏")))
    }

    /// The relationships of part `source` (`""` for the package's own); empty when the part has
    /// none, `E-DOCX-BROKEN` when its relationships part cannot be parsed.
    pub fn relationships(&self, source: &str) -> Result<Relationships, Diagnostic> {
        let rels = rels_part_for(source);
        match self.part(&rels) {
            None => Ok(Relationships::default()),
            Some(bytes) => Relationships::parse(bytes)
                .map_err(|_| broken(&self.source, &format!("部件 {rels} 的 XML 已损坏"))),
        }
    }

    /// The name of the main document part: the target of the package's `officeDocument`
    /// relationship (usually `word/document.xml`), or `word/document.xml` itself when the
    /// package relationships are missing. `E-DOCX-NOT-WORD` when there is none or it is not a
    /// Word document's main part.
    pub fn main_document(&self) -> Result<String, Diagnostic> {
        let types = self.content_types()?;
        let main = self
            .relationships("")?
            .of_type(&OFFICE_DOCUMENT_TYPES)
            .and_then(|r| resolve_target("", r))
            .or_else(|| Some("word/document.xml".to_string()))
            .filter(|m| self.contains(m))
            .ok_or_else(|| self.not_word("缺少 word/document.xml"))?;
        match types.of(&main) {
            Some(t) if WORD_MAIN_TYPES.contains(&t) => Ok(main),
            Some(t) if t.contains("spreadsheetml") || t.contains("ms-excel") => {
                Err(self.not_word("这是 Excel 工作簿"))
            }
            Some(t) if t.contains("presentationml") || t.contains("ms-powerpoint") => {
                Err(self.not_word("这是 PowerPoint 演示文稿"))
            }
            Some(t) => Err(self.not_word(&format!("主文档 {main} 的类型是 {t}"))),
            None => Err(self.not_word(&format!("没有登记主文档 {main} 的类型"))),
        }
    }

    /// An OpenDocument file says what it is in its `mimetype` entry.
    fn other_format(&self) -> Option<&'static str> {
        let mime = self.part("mimetype")?;
        if mime.starts_with(b"application/vnd.oasis.opendocument.text") {
            Some("这是 OpenDocument 文本（.odt）")
        } else if mime.starts_with(b"application/vnd.oasis.opendocument") {
            Some("这是 OpenDocument 文件")
        } else {
            None
        }
    }

    /// `E-DOCX-NOT-WORD`, saying why.
    fn not_word(&self, why: &str) -> Diagnostic {
        let name = &self.source;
        error(
            name,
            "E-DOCX-NOT-WORD",
            format!("文件 {name} 是压缩包，但不是 Word 文档（{why}）"),
            "请给出 Word 文档（.docx）；其他格式请先用 Word、WPS 或 LibreOffice 另存为 .docx",
        )
    }
}
