//! The DOCX package layer against real files: the import fixtures made by Word and LibreOffice
//! read back part for part, and every bad input of `tests/import/bad` refused with the code and
//! message that say what the file really is.

use std::path::Path;
use wengao::diagnostic::{Diagnostic, Location};
use wengao::package::{Package, resolve_target};

type R = Result<(), Box<dyn std::error::Error>>;

fn read(path: &str) -> Result<Result<Package, Diagnostic>, std::io::Error> {
    let bytes = std::fs::read(path)?;
    Ok(Package::read_docx(path, &bytes))
}

#[test]
fn word_and_libreoffice_documents_read_and_rewrite_part_for_part() -> R {
    for name in [
        "000.lo.docx",
        "003.lo.docx",
        "004-1.numbering.docx",
        "004-3.lo.docx",
        "hard.docx",
    ] {
        let path = format!("tests/import/docx/{name}");
        let package = read(&path)?.map_err(|d| format!("{path}: {}", d.message))?;
        let main = package.main_document().map_err(|d| d.message)?;
        assert_eq!(main, "word/document.xml", "{path}");
        assert!(
            package.part(&main).is_some_and(|b| b.starts_with(b"<?xml")),
            "{path}"
        );
        // Every internal relationship of the main document resolves to a part of the package.
        for rel in &package.relationships(&main).map_err(|d| d.message)?.items {
            if let Some(target) = resolve_target(&main, rel) {
                assert!(package.contains(&target), "{path}: {} → {target}", rel.id);
            }
        }
        // Written back and read again: the same parts, in the same order, byte for byte.
        let again = Package::read_docx(&path, &package.to_bytes().map_err(|d| d.message)?)
            .map_err(|d| d.message)?;
        assert_eq!(again.parts(), package.parts(), "{path}");
    }
    Ok(())
}

#[test]
fn bad_inputs_say_what_the_file_really_is() -> R {
    let cases = [
        ("empty.docx", "E-DOCX-EMPTY", "是空的（0 字节）"),
        (
            "encrypted.docx",
            "E-DOCX-ENCRYPTED",
            "设置了打开密码（加密的 Word 文档）",
        ),
        (
            "word97-renamed.docx",
            "E-DOCX-LEGACY",
            "是旧版 Word 97-2003 格式（.doc）",
        ),
        ("report.pdf", "E-DOCX-PDF", "是 PDF 文件"),
        ("scan.png", "E-DOCX-IMAGE", "是图片"),
        ("not-a-zip.docx", "E-DOCX-NOT-ZIP", "的内容是纯文本"),
        ("utf16le-bom.txt", "E-DOCX-NOT-ZIP", "的内容是纯文本"),
        ("truncated.docx", "E-DOCX-BROKEN", "已损坏，无法读取"),
        (
            "zip-not-docx.docx",
            "E-DOCX-NOT-WORD",
            "不是 Word 文档（缺少 word/document.xml）",
        ),
        (
            "xlsx-renamed.docx",
            "E-DOCX-NOT-WORD",
            "不是 Word 文档（这是 Excel 工作簿）",
        ),
    ];
    for (file, code, words) in cases {
        let path = format!("tests/import/bad/{file}");
        let Err(d) = read(&path)? else {
            return Err(format!("{path}: read as a Word document").into());
        };
        assert_eq!(d.code, code, "{path}: {}", d.message);
        assert!(d.is_error());
        assert!(
            d.message.starts_with(&format!("文件 {path} ")),
            "{path}: {}",
            d.message
        );
        assert!(d.message.contains(words), "{path}: {}", d.message);
        assert_eq!(d.location, Some(Location::new(path.as_str(), 0, 0)));
        assert!(
            d.hint.as_deref().is_some_and(|h| !h.is_empty()),
            "{path}: no hint"
        );
    }
    // A malformed document part is the reader's business: the package itself is intact.
    let path = "tests/import/bad/malformed-xml.docx";
    assert!(read(path)?.is_ok(), "{path}");
    assert!(Path::new("tests/import/bad/README.md").exists());
    Ok(())
}
