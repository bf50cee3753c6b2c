//! Reading packages back: a round trip through the writer and every kind of bad input.
//!
//! The packages here are built with the writer itself, so these tests need no fixture files;
//! the integration test `rendered_docx_reads_back_through_the_package_layer_and_rewrites_
//! identically` (tests/docx.rs) does the same with a real rendered report. Each bad input is
//! checked by its code, and the messages users read are checked word for word where they
//! matter most (legacy files, a zip without a main document).

use super::*;
use crate::diagnostic::Diagnostic;
use std::io::Write;

const DOC_TYPE: &str = WORD_MAIN_TYPES[0];

/// A minimal Word package as the writer lays one out (content types, package relationships,
/// main document with its own relationships), plus one part above the store threshold.
fn minimal_docx() -> Package {
    let mut types = ContentTypes::default();
    types
        .add_default(
            "rels",
            "application/vnd.openxmlformats-package.relationships+xml",
        )
        .add_default("xml", "application/xml")
        .add_override("word/document.xml", DOC_TYPE);
    let mut root = Relationships::default();
    root.add("rId1", OFFICE_DOCUMENT_TYPES[0], "word/document.xml");
    let mut doc_rels = Relationships::default();
    doc_rels.add(
        "rIdStyles",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
        "styles.xml",
    );
    let body = format!(
        "{XML_DECLARATION}<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{}</w:body></w:document>",
        "<w:p><w:r><w:t>参保人数为311881人。</w:t></w:r></w:p>".repeat(100)
    );
    let mut p = Package::new();
    p.set_part(CONTENT_TYPES_PART, types.to_xml());
    p.set_part("_rels/.rels", root.to_xml());
    p.set_part("word/document.xml", body);
    p.set_part("word/styles.xml", format!("{XML_DECLARATION}<w:styles/>"));
    p.set_part("word/_rels/document.xml.rels", doc_rels.to_xml());
    p
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut p = Package::new();
    for (name, bytes) in entries {
        p.set_part(*name, bytes.to_vec());
    }
    p.to_bytes().unwrap_or_default()
}

fn code_of(bytes: &[u8]) -> String {
    match Package::read_docx("in.docx", bytes) {
        Ok(_) => "ok".to_string(),
        Err(d) => d.code,
    }
}

#[test]
fn read_then_write_gives_the_same_bytes() -> Result<(), Diagnostic> {
    let written = minimal_docx().to_bytes()?;
    let read = Package::read_docx("in.docx", &written)?;
    assert_eq!(read.source(), "in.docx");
    assert_eq!(read.parts().len(), 5);
    assert_eq!(read.to_bytes()?, written);
    // A second pass is stable too, and writing is deterministic.
    assert_eq!(minimal_docx().to_bytes()?, written);
    assert!(
        !written.is_empty()
            && read
                .part("word/document.xml")
                .is_some_and(|b| b.len() > STORE_BELOW)
    );
    Ok(())
}

#[test]
fn one_part_rewritten_leaves_the_others_byte_identical() -> Result<(), Diagnostic> {
    let written = minimal_docx().to_bytes()?;
    let mut p = Package::read_docx("in.docx", &written)?;
    let before: Vec<Part> = p.parts().to_vec();
    p.set_part("word/styles.xml", "<w:styles/>");
    let again = Package::read_docx("in.docx", &p.to_bytes()?)?;
    for (a, b) in before.iter().zip(again.parts()) {
        assert_eq!(a.name, b.name);
        if a.name != "word/styles.xml" {
            assert_eq!(a.bytes, b.bytes, "{}", a.name);
        }
    }
    assert_eq!(again.part("word/styles.xml"), Some(&b"<w:styles/>"[..]));
    Ok(())
}

#[test]
fn main_document_and_relationships_are_resolved() -> Result<(), Diagnostic> {
    let p = Package::read_docx("in.docx", &minimal_docx().to_bytes()?)?;
    assert_eq!(p.main_document()?, "word/document.xml");
    let rels = p.relationships("word/document.xml")?;
    let styles = rels
        .by_id("rIdStyles")
        .and_then(|r| resolve_target("word/document.xml", r));
    assert_eq!(styles.as_deref(), Some("word/styles.xml"));
    assert_eq!(p.content_types()?.of("word/document.xml"), Some(DOC_TYPE));
    assert!(p.relationships("word/styles.xml")?.items.is_empty());
    Ok(())
}

#[test]
fn what_the_bytes_are_when_they_are_not_a_docx() {
    assert_eq!(code_of(b""), "E-DOCX-EMPTY");
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
    assert_eq!(code_of(&ole), "E-DOCX-LEGACY");
    assert_eq!(code_of(b"%PDF-1.7\n%\xe2\xe3"), "E-DOCX-PDF");
    assert_eq!(code_of(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), "E-DOCX-IMAGE");
    assert_eq!(code_of(b"\xFF\xD8\xFF\xE0\0\x10JFIF"), "E-DOCX-IMAGE");
    assert_eq!(code_of(b"meta:\n  agency: x\n"), "E-DOCX-NOT-ZIP");
    assert_eq!(code_of(b"{\\rtf1\\ansi"), "E-DOCX-NOT-ZIP");
    assert_eq!(code_of(b"PK\x03\x04 truncated"), "E-DOCX-BROKEN");
    // The zip library's own (English) words never reach the user.
    let broken = Package::read_docx("总结.docx", b"PK\x03\x04 truncated").err();
    assert_eq!(
        broken.as_ref().map(|d| d.message.as_str()),
        Some(
            "文件 总结.docx 已损坏，无法读取（压缩包结构不完整或已损坏，文件可能没有下载完或复制中断）"
        )
    );
    let d = Package::read_docx("报告.doc", &ole).err();
    let d = d.as_ref();
    assert_eq!(
        d.map(|d| d.message.as_str()),
        Some("文件 报告.doc 是加密（设了打开密码）的 Word 文档，或旧版 .doc/.wps 文件，不是 .docx")
    );
    assert_eq!(
        d.and_then(|d| d.location.clone()),
        Some(crate::diagnostic::Location::new("报告.doc", 0, 0))
    );
    assert!(
        d.and_then(|d| d.hint.as_deref())
            .is_some_and(|h| h.contains("另存为"))
    );
}

#[test]
fn zips_that_are_not_word_documents() {
    // No content types at all.
    let plain = zip_of(&[("word/document.xml", b"<w:document/>")]);
    assert_eq!(code_of(&plain), "E-DOCX-NOT-WORD");
    // Content types but no main document.
    let types = ContentTypes::default()
        .add_default("xml", "application/xml")
        .to_xml();
    let no_doc = zip_of(&[(CONTENT_TYPES_PART, types.as_bytes())]);
    let d = Package::read_docx("a.docx", &no_doc).err();
    assert_eq!(
        d.map(|d| d.message),
        Some("文件 a.docx 是压缩包，但不是 Word 文档（缺少 word/document.xml）".to_string())
    );
    // An Excel workbook.
    let mut t = ContentTypes::default();
    t.add_override(
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    );
    let mut r = Relationships::default();
    r.add("rId1", OFFICE_DOCUMENT_TYPES[0], "xl/workbook.xml");
    let xlsx = zip_of(&[
        (CONTENT_TYPES_PART, t.to_xml().as_bytes()),
        ("_rels/.rels", r.to_xml().as_bytes()),
        ("xl/workbook.xml", b"<workbook/>"),
    ]);
    let d = Package::read_docx("表.xlsx", &xlsx).err();
    assert_eq!(d.as_ref().map(|d| d.code.as_str()), Some("E-DOCX-NOT-WORD"));
    assert!(d.is_some_and(|d| d.message.contains("这是 Excel 工作簿")));
    // An OpenDocument text.
    let odt = zip_of(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", b"<x/>"),
    ]);
    let d = Package::read_docx("a.odt", &odt).err();
    assert!(d.is_some_and(|d| d.message.contains("OpenDocument 文本")));
}

#[test]
fn zip_bombs_stop_at_the_limits() -> Result<(), Diagnostic> {
    let written = minimal_docx().to_bytes()?;
    let doc_len = minimal_docx()
        .part("word/document.xml")
        .map_or(0, <[u8]>::len) as u64;
    let small = |total, part, parts| ReadLimits { total, part, parts };
    let code = |limits| {
        Package::read_docx_with("in.docx", &written, limits)
            .err()
            .map(|d| d.code)
    };
    assert_eq!(
        code(small(u64::MAX, doc_len - 1, 100)).as_deref(),
        Some("E-DOCX-TOO-LARGE")
    );
    assert_eq!(
        code(small(doc_len, u64::MAX, 100)).as_deref(),
        Some("E-DOCX-TOO-LARGE")
    );
    assert_eq!(
        code(small(u64::MAX, u64::MAX, 4)).as_deref(),
        Some("E-DOCX-TOO-LARGE")
    );
    assert_eq!(code(small(u64::MAX, doc_len, 5)), None);
    // 8 MiB of zeros deflate to a few KB: refused by the per-part limit without inflating it all.
    let zeros = vec![0u8; 8 * 1024 * 1024];
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let bomb = (|| -> zip::result::ZipResult<Vec<u8>> {
        z.start_file("word/document.xml", options)?;
        z.write_all(&zeros)?;
        Ok(z.finish()?.into_inner())
    })()
    .map_err(|e| Diagnostic::error("E-TEST", e.to_string()))?;
    assert!(bomb.len() < 100 * 1024);
    let limits = small(4 * 1024 * 1024, 1024 * 1024, 100);
    let d = Package::read_docx_with("bomb.docx", &bomb, limits).err();
    assert_eq!(
        d.as_ref().map(|d| d.code.as_str()),
        Some("E-DOCX-TOO-LARGE")
    );
    assert!(d.is_some_and(|d| d.message.contains("word/document.xml")));
    Ok(())
}
