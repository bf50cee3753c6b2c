//! DOCX read back: attachments, the statutory tables (merges, repeated header rows) and landscape sections for wide tables.

use super::*;

#[test]
fn attachments_start_on_a_new_page_with_label_and_title() -> R {
    let d = summary()?;
    // GB/T 9704 7.3.7: 另面编排; "附件"及顺序号 3号黑体顶格, 版心第一行; 附件标题居中, 第三行.
    let ps = d.paragraphs();
    let i = ps
        .iter()
        .position(|p| p.text_of() == "附件1")
        .ok_or("附件1")?;
    let label = ps[i];
    assert_eq!(label.style(), Some("AttachmentLabel"));
    assert!(label.find("w:pageBreakBefore").is_some());
    for r in label.find_all("w:r") {
        assert_eq!((east_asia(r), size(r)), (Some("黑体"), Some("32")));
    }
    let st = d.style("AttachmentLabel")?;
    let ind = st.find("w:ind").ok_or("ind")?;
    assert_eq!(
        (ind.attr("w:firstLineChars"), ind.attr("w:firstLine")),
        (Some("0"), Some("0"))
    );
    assert!(ps[i + 1].text_of().is_empty(), "line 2 empty");
    assert_eq!(ps[i + 2].style(), Some("Title"), "title on line 3");
    assert_eq!(
        ps[i + 2].text_of(),
        "2020年度收到和处理政府信息公开申请情况"
    );
    assert!(d.paragraphs().iter().any(|p| p.text_of() == "附件2"));
    Ok(())
}

/// The table whose title paragraph precedes it, found by the title text.
fn table_after<'a>(d: &'a Docx, title: &str) -> R<&'a Node> {
    let body = d.document.child("w:body").ok_or("body")?;
    let i = body
        .children
        .iter()
        .position(|c| c.name == "w:p" && c.text_of() == title)
        .ok_or("table title")?;
    body.children[i + 1..]
        .iter()
        .find(|c| c.name == "w:tbl")
        .ok_or_else(|| "table".into())
}

#[test]
fn statutory_table_three_has_real_merges_and_repeated_header_rows() -> R {
    let d = open(&doc(docs::tables())?, &DocxOptions::default())?;
    let t = table_after(&d, "收到和处理政府信息公开申请情况")?;
    // Widths from the column weights scaled to the 156 mm text block.
    let grid: Vec<u32> = t
        .find_all("w:gridCol")
        .iter()
        .filter_map(|g| g.attr("w:w")?.parse().ok())
        .collect();
    assert_eq!(grid.len(), 10);
    assert_eq!(grid.iter().sum::<u32>(), 8845);
    assert!(
        grid[2] > grid[3],
        "label column 3 (weight 8) wider than data columns"
    );
    let rows = t.find_all("w:tr");
    assert_eq!(rows.len(), 28);
    // Every row covers the 10 grid columns.
    for (r, row) in rows.iter().enumerate() {
        let cols: u32 = row
            .find_all("w:tc")
            .iter()
            .map(|c| {
                c.find("w:gridSpan")
                    .and_then(|g| g.attr("w:val")?.parse().ok())
                    .unwrap_or(1)
            })
            .sum();
        assert_eq!(cols, 10, "row {r}");
    }
    let tc = |r: usize, i: usize| rows[r].find_all("w:tc")[i];
    let span = |c: &Node| {
        c.find("w:gridSpan")
            .and_then(|g| g.attr("w:val"))
            .map(str::to_string)
    };
    let vmerge = |c: &Node| {
        c.find("w:vMerge")
            .map(|v| v.attr("w:val").unwrap_or("continue").to_string())
    };
    // H1–H3 × C1–C3: the 勾稽 note.
    assert_eq!(span(tc(0, 0)).as_deref(), Some("3"));
    assert_eq!(vmerge(tc(0, 0)).as_deref(), Some("restart"));
    assert!(tc(0, 0).text_of().starts_with("（本列数据的勾稽关系为"));
    assert_eq!(
        (span(tc(1, 0)).as_deref(), vmerge(tc(1, 0)).as_deref()),
        (Some("3"), Some("continue"))
    );
    assert_eq!(
        (span(tc(2, 0)).as_deref(), vmerge(tc(2, 0)).as_deref()),
        (Some("3"), Some("continue"))
    );
    // H1 C4–C10 申请人情况; H2 C5–C9 法人或其他组织; 自然人 and 总计 over H2–H3.
    assert_eq!(
        (tc(0, 1).text_of(), span(tc(0, 1)).as_deref()),
        ("申请人情况".into(), Some("7"))
    );
    assert_eq!(
        (tc(1, 1).text_of(), vmerge(tc(1, 1)).as_deref()),
        ("自然人".into(), Some("restart"))
    );
    assert_eq!(
        (tc(1, 2).text_of(), span(tc(1, 2)).as_deref()),
        ("法人或其他组织".into(), Some("5"))
    );
    assert_eq!(
        (tc(1, 3).text_of(), vmerge(tc(1, 3)).as_deref()),
        ("总计".into(), Some("restart"))
    );
    assert_eq!(vmerge(tc(2, 1)).as_deref(), Some("continue"));
    assert_eq!(tc(2, 2).text_of(), "商业企业");
    // B3–B24 三、本年度办理结果 over 22 rows.
    assert_eq!(
        (tc(5, 0).text_of(), vmerge(tc(5, 0)).as_deref()),
        ("三、本年度办理结果".into(), Some("restart"))
    );
    for r in 6..27 {
        assert_eq!(vmerge(tc(r, 0)).as_deref(), Some("continue"), "row {r}");
    }
    assert_eq!(vmerge(tc(27, 0)), None, "四、 is its own cell");
    // Header rows repeat on each page; body rows do not.
    for (r, row) in rows.iter().enumerate() {
        assert_eq!(row.find("w:tblHeader").is_some(), r < 3, "row {r}");
    }
    // Numbers right-aligned, 小四 仿宋 in a 10-column table.
    let data = tc(3, 1);
    assert_eq!(data.text_of(), "7");
    assert_eq!(
        data.find("w:jc").and_then(|j| j.attr("w:val")),
        Some("right")
    );
    let r = data.find("w:r").ok_or("run")?;
    assert_eq!((east_asia(r), size(r)), (Some("仿宋_GB2312"), Some("24")));
    // 0.5 pt black single borders all round and inside.
    let borders = t.find("w:tblBorders").ok_or("borders")?;
    assert_eq!(borders.children.len(), 6);
    for b in &borders.children {
        assert_eq!(
            (b.attr("w:val"), b.attr("w:sz"), b.attr("w:color")),
            (Some("single"), Some("4"), Some("000000")),
            "{}",
            b.name
        );
    }
    Ok(())
}

#[test]
fn a_table_too_wide_for_156_mm_gets_a_landscape_section_with_page_numbers() -> R {
    let d = open(&doc(docs::tables())?, &DocxOptions::default())?;
    // GB/T 9704 8: 横排表格, 页码位置与公文其他页码保持一致.
    let sects = d.document.find_all("w:sectPr");
    let landscape: Vec<&&Node> = sects
        .iter()
        .filter(|s| s.find("w:pgSz").and_then(|p| p.attr("w:orient")) == Some("landscape"))
        .collect();
    assert_eq!(landscape.len(), 1);
    let pg = landscape[0].find("w:pgSz").ok_or("pgSz")?;
    assert_eq!(
        (pg.attr("w:w"), pg.attr("w:h")),
        (Some("16838"), Some("11906"))
    );
    let kinds: Vec<_> = landscape[0]
        .find_all("w:footerReference")
        .iter()
        .filter_map(|r| r.attr("w:type"))
        .collect();
    assert_eq!(kinds, ["default", "even"], "page numbers kept");
    let ids: Vec<_> = landscape[0]
        .find_all("w:footerReference")
        .iter()
        .filter_map(|r| r.attr("r:id"))
        .collect();
    assert_eq!(ids, ["rIdFooterLandscapeOdd", "rIdFooterLandscapeEven"]);
    // On the turned sheet the number sits where it sits on portrait pages: a text box in the
    // left margin (the portrait bottom), text turned clockwise, spanning the 156 mm text block,
    // the same "— N —" paragraph inside (odd right, even left, one 字 in).
    assert_eq!(d.landscape_footers.len(), 2);
    for (f, jc) in d.landscape_footers.iter().zip(["right", "left"]) {
        let body = f.find("wps:bodyPr").ok_or("bodyPr")?;
        assert_eq!(body.attr("vert"), Some("vert"));
        let h = f.find("wp:positionH").ok_or("positionH")?;
        assert_eq!(h.attr("relativeFrom"), Some("page"));
        let x: u64 = h.find("wp:posOffset").ok_or("x")?.text.parse()?;
        let ext = f.find("wp:extent").ok_or("extent")?;
        let (cx, cy): (u64, u64) = (
            ext.attr("cx").ok_or("cx")?.parse()?,
            ext.attr("cy").ok_or("cy")?.parse()?,
        );
        assert_eq!(cy, 8845 * 635, "as long as the portrait text width");
        assert_eq!(
            (x + cx / 2) / 635,
            1587,
            "centred 28 mm from the edge: 7 mm outside 35 mm"
        );
        let content = f.find("w:txbxContent").ok_or("txbxContent")?;
        assert_eq!(content.text_of(), "— 1 —");
        assert_eq!(content.find("w:jc").and_then(|j| j.attr("w:val")), Some(jc));
    }
    // The wide table (15 columns) spans the landscape text block, 225 mm.
    let t = table_after(&d, "政府信息公开行政复议、行政诉讼情况")?;
    assert_eq!(t.find("w:tblW").and_then(|w| w.attr("w:w")), Some("12756"));
    assert_eq!(t.find_all("w:gridCol").len(), 15);
    // The text after it is portrait again (the final section), and there are three sections.
    assert_eq!(sects.len(), 3);
    assert_eq!(d.document.find_all("w:tbl").len(), 3);
    assert_eq!(
        d.final_sect()?
            .find("w:pgSz")
            .and_then(|p| p.attr("w:orient")),
        None
    );
    // The 10-column table stayed portrait.
    let t3 = table_after(&d, "收到和处理政府信息公开申请情况")?;
    assert_eq!(t3.find("w:tblW").and_then(|w| w.attr("w:w")), Some("8845"));
    Ok(())
}
