//! DOCX output as a whole: byte-identical reruns, refused outputs in Chinese, odd input still well formed, the CLI writing the sample, the package layer reading it back.

use super::*;

#[test]
fn same_input_same_bytes() -> R {
    let doc = doc(docs::summary())?;
    let (a, b) = (
        render(&doc, &DocxOptions::default()).map_err(|d| d.message)?,
        render(&doc, &DocxOptions::default()).map_err(|d| d.message)?,
    );
    assert_eq!(a, b);
    // No timestamps: zip entries carry the fixed 1980-01-01 date, core.xml has no dates.
    let d = summary()?;
    assert_eq!(d.bytes, a);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(a.as_slice()))?;
    for i in 0..zip.len() {
        let f = zip.by_index(i)?;
        let t = f.last_modified().ok_or("no date")?;
        assert_eq!(
            (t.year(), t.month(), t.day()),
            (1980, 1, 1),
            "{:?}",
            f.name()
        );
        // Small parts are stored (cheaper than setting up a deflate stream), the rest deflated.
        let want = if f.size() < 2048 {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        assert_eq!(f.compression(), want, "{:?}", f.name());
    }
    assert!(!d.core.contains("dcterms:created") && !d.core.contains("dcterms:modified"));
    assert!(
        d.core.contains(
            "<dc:title>三门县医疗保障服务中心2020年度工作总结和2021年度工作计划</dc:title>"
        )
    );
    assert_eq!(d.names[0], "[Content_Types].xml");
    Ok(())
}

#[test]
fn a_directory_or_missing_folder_as_output_is_refused_in_chinese() -> R {
    let bytes = render(&docs::simple(), &DocxOptions::default()).map_err(|d| d.message)?;
    let dir = tempfile::tempdir()?;
    let err = wengao::write::write_atomically(dir.path(), &bytes)
        .err()
        .ok_or("expected an error")?;
    assert_eq!(err.code, "E-WRITE");
    assert!(err.message.contains("这是一个目录"), "{}", err.message);
    let missing = dir.path().join("没有这个目录").join("a.docx");
    let err = wengao::write::write_atomically(&missing, &bytes)
        .err()
        .ok_or("expected an error")?;
    assert!(
        err.message.starts_with("无法写入输出文件"),
        "{}",
        err.message
    );
    assert_eq!(
        std::fs::read_dir(dir.path())?.count(),
        0,
        "nothing left behind"
    );
    Ok(())
}

#[test]
fn odd_input_still_gives_a_well_formed_package() -> R {
    let d = open(&doc(docs::edge())?, &DocxOptions::default())?;
    let body = d.document.child("w:body").ok_or("body")?;
    // No title: the body starts with the (clamped) heading; control characters are dropped.
    let first = body.children.first().ok_or("empty body")?;
    assert_eq!(first.style(), Some("Heading1"));
    assert_eq!(first.text_of(), "层级为零的标题");
    assert_eq!(
        body.children[1].style(),
        Some("Heading4"),
        "level 9 clamps to 4"
    );
    // Special characters survive the round trip.
    assert!(
        d.paragraphs()
            .iter()
            .any(|p| p.text_of() == "a < b && c > d; \"quoted\" 'single' end  two  spaces ")
    );
    // Adjacent tables are kept apart by a paragraph; the empty table is left out.
    let kinds: Vec<&str> = body.children.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "w:tbl").count(), 2);
    assert!(!kinds.windows(2).any(|w| w == ["w:tbl", "w:tbl"]));
    assert_eq!(kinds.last(), Some(&"w:sectPr"));
    assert_eq!(
        kinds[kinds.len() - 2],
        "w:p",
        "the body ends with a paragraph"
    );
    // A single attachment is not numbered (GB/T 9704 7.3.4).
    assert!(
        d.paragraphs()
            .iter()
            .any(|p| p.text_of() == "附件：只有一个附件")
    );
    // A date longer than the agency: date two 字 from the right, agency pushed left (7.3.5.2).
    let agency = d.para("局")?;
    let date = d.para("2021年12月31日")?;
    let right = |p: &Node| -> R<i64> {
        Ok(p.find("w:ind")
            .and_then(|i| i.attr("w:right"))
            .ok_or("right")?
            .parse()?)
    };
    assert_eq!(right(date)?, 640);
    assert_eq!(right(agency)? + 320 - (right(date)? + 7 * 320), 640);
    Ok(())
}

#[test]
fn render_to_docx_writes_the_sample_and_refuses_a_directory_with_exit_2() -> R {
    let dir = tempfile::tempdir()?;
    let bin = env!("CARGO_BIN_EXE_wengao");
    let out = std::process::Command::new(bin)
        .args(["render", "data/sanmen-2020.yaml", "--to", "docx", "-o"])
        .arg(dir.path())
        .output()?;
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(dir.path().join("sanmen-2020.docx"))?;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.as_slice()))?;
    let document = parse(&part(&mut zip, "word/document.xml")?)?;
    let first = document.find("w:p").ok_or("no paragraph")?;
    assert_eq!(first.style(), Some("Title"));
    assert!(first.text_of().starts_with("三门县医疗保障服务中心"));
    // The output path is a directory: Chinese message, exit 2, nothing replaced.
    let blocked = tempfile::tempdir()?;
    std::fs::create_dir(blocked.path().join("sanmen-2020.docx"))?;
    let out = std::process::Command::new(bin)
        .args(["render", "data/sanmen-2020.yaml", "--to", "docx", "-o"])
        .arg(blocked.path())
        .output()?;
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr)?;
    assert!(err.contains("错误[E-WRITE]"), "{err}");
    assert!(err.contains("这是一个目录"), "{err}");
    assert!(blocked.path().join("sanmen-2020.docx").is_dir());
    Ok(())
}

#[test]
fn rendered_docx_reads_back_through_the_package_layer_and_rewrites_identically() -> R {
    use wengao::package::{Package, resolve_target};
    let doc = doc(docs::summary())?;
    let bytes = render(&doc, &DocxOptions::default()).map_err(|d| d.message)?;
    let package = Package::read_docx("summary.docx", &bytes).map_err(|d| d.message)?;
    assert_eq!(package.to_bytes().map_err(|d| d.message)?, bytes);
    let main = package.main_document().map_err(|d| d.message)?;
    assert_eq!(main, "word/document.xml");
    // Every relationship of the main document points at a part of the package.
    let rels = package.relationships(&main).map_err(|d| d.message)?;
    let targets: Vec<String> = rels
        .items
        .iter()
        .filter_map(|r| resolve_target(&main, r))
        .collect();
    assert_eq!(targets.len(), rels.items.len());
    assert!(targets.iter().all(|t| package.contains(t)), "{targets:?}");
    assert!(targets.contains(&"word/footer2.xml".to_string()));
    let types = package.content_types().map_err(|d| d.message)?;
    assert_eq!(
        types.of("word/footer1.xml"),
        Some("application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml")
    );
    Ok(())
}
