//! Tests of [`super::docx`].
use super::blocks::SourceBlock;
use super::docx::*;

fn doc(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="w" xmlns:mc="mc" xmlns:wps="wps" xmlns:v="v"><w:body>{body}</w:body></w:document>"#
    )
}

fn texts(xml: &str, numbering: Option<&str>, styles: Option<&str>) -> Vec<String> {
    let d = doc(xml);
    let parts = DocxParts {
        document: &d,
        numbering,
        styles,
    };
    blocks("t.docx", &parts)
        .unwrap_or_default()
        .iter()
        .map(|b| match b {
            SourceBlock::Paragraph(p) => p.text.clone(),
            SourceBlock::Table(t) => t
                .rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|c| format!("{}[{}x{}]", c.text, c.row_span, c.col_span))
                        .collect::<Vec<_>>()
                        .join("|")
                })
                .collect::<Vec<_>>()
                .join("/"),
        })
        .collect()
}

#[test]
fn tracked_changes_fields_controls_and_text_boxes() {
    let body = r#"<w:p><w:r><w:t>参保</w:t></w:r><w:del><w:r><w:delText>42900.00</w:delText></w:r></w:del><w:ins><w:r><w:t>42905.96</w:t></w:r></w:ins><w:r><w:t xml:space="preserve">万元 &amp; </w:t></w:r>
<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>
<w:r><mc:AlternateContent><mc:Choice><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>单击此处输入文字</w:t></w:r></w:p></w:sdtContent></w:sdt>
<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>标题一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p></w:sdtContent></w:sdt>
<w:p/><w:p><w:r><w:t>  </w:t></w:r></w:p>"#;
    assert_eq!(
        texts(body, None, None),
        ["参保42905.96万元 & 3", "文本框", "标题一行", "第二行"]
    );
}

#[test]
fn automatic_numbers_from_paragraphs_and_styles() {
    let numbering = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
    let styles = r#"<w:styles xmlns:w="w"><w:style w:styleId="1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>"#;
    let body = r#"<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>总结</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>参保</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>无编号</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>计划</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>再次</w:t></w:r></w:p>"#;
    assert_eq!(
        texts(body, Some(numbering), Some(styles)),
        ["一、总结", "（一）参保", "无编号", "二、计划", "（一）再次"]
    );
}

#[test]
fn tables_with_merged_cells() {
    let body = r#"<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>人数</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>特困</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>167</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>7834</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>备注</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#;
    assert_eq!(
        texts(body, None, None),
        ["项目[1x1]|人数[1x2]/特困[2x1]|167[1x1]|[1x1]/7834[1x1]|备注[1x1]"]
    );
}

#[test]
fn broken_xml_is_an_error_with_its_place() {
    let d = doc("<w:p><w:r><w:t>甲</w:t></w:r>");
    let e = blocks(
        "坏.docx",
        &DocxParts {
            document: &d,
            numbering: None,
            styles: None,
        },
    );
    let e = e.err().map(|d| {
        (
            d.code,
            d.message
                .starts_with("坏.docx 已损坏：word/document.xml 不是合法的 XML"),
        )
    });
    assert_eq!(e, Some(("E-IMPORT-DOCX-XML".to_string(), true)));
}
