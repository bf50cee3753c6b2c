//! The package parts around the body: content types, relationships, settings, footers, properties.
//!
//! Static parts are templates in `assets/`; the parts that depend on the options are built here.

use super::layout::{PAGE_NUM_CHAR, PAGE_NUM_SZ, SONGTI};
use super::xml::Xml;
use super::{DocxOptions, PageNumbers};

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

pub const STYLES: &str = include_str!("assets/styles.xml");
pub const FONT_TABLE: &str = include_str!("assets/fontTable.xml");
pub const THEME: &str = include_str!("assets/theme1.xml");
pub const APP: &str = include_str!("assets/app.xml");
pub const ROOT_RELS: &str = include_str!("assets/rels.xml");
const CORE: &str = include_str!("assets/core.xml");

/// Relationship id of the odd-page (default) footer in `document.xml.rels`.
pub const FOOTER_DEFAULT_ID: &str = "rIdFooterOdd";
/// Relationship id of the even-page footer.
pub const FOOTER_EVEN_ID: &str = "rIdFooterEven";

/// Whether the options call for separate odd and even footers.
pub fn odd_even(options: &DocxOptions) -> bool {
    options.page_numbers == PageNumbers::OddEven
}

/// `[Content_Types].xml`.
pub fn content_types(options: &DocxOptions) -> String {
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut x = Xml::new();
    x.open(
        "Types",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/package/2006/content-types",
        )],
    );
    x.empty(
        "Default",
        &[
            ("Extension", "rels"),
            (
                "ContentType",
                "application/vnd.openxmlformats-package.relationships+xml",
            ),
        ],
    );
    x.empty(
        "Default",
        &[("Extension", "xml"), ("ContentType", "application/xml")],
    );
    let mut over = |part: &str, ty: String| {
        x.empty("Override", &[("PartName", part), ("ContentType", &ty)]);
    };
    over("/word/document.xml", format!("{main}.document.main+xml"));
    over("/word/styles.xml", format!("{main}.styles+xml"));
    over("/word/settings.xml", format!("{main}.settings+xml"));
    over("/word/fontTable.xml", format!("{main}.fontTable+xml"));
    over(
        "/word/theme/theme1.xml",
        "application/vnd.openxmlformats-officedocument.theme+xml".to_string(),
    );
    over("/word/footer1.xml", format!("{main}.footer+xml"));
    if odd_even(options) {
        over("/word/footer2.xml", format!("{main}.footer+xml"));
    }
    over(
        "/docProps/core.xml",
        "application/vnd.openxmlformats-package.core-properties+xml".to_string(),
    );
    over(
        "/docProps/app.xml",
        "application/vnd.openxmlformats-officedocument.extended-properties+xml".to_string(),
    );
    x.close("Types");
    x.finish()
}

/// `word/_rels/document.xml.rels`.
pub fn document_rels(options: &DocxOptions) -> String {
    let mut x = Xml::new();
    x.open(
        "Relationships",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/package/2006/relationships",
        )],
    );
    let mut rel = |id: &str, ty: &str, target: &str| {
        x.empty(
            "Relationship",
            &[
                ("Id", id),
                ("Type", &format!("{REL}/{ty}")),
                ("Target", target),
            ],
        );
    };
    rel("rIdStyles", "styles", "styles.xml");
    rel("rIdSettings", "settings", "settings.xml");
    rel("rIdFontTable", "fontTable", "fontTable.xml");
    rel("rIdTheme", "theme", "theme/theme1.xml");
    rel(FOOTER_DEFAULT_ID, "footer", "footer1.xml");
    if odd_even(options) {
        rel(FOOTER_EVEN_ID, "footer", "footer2.xml");
    }
    x.close("Relationships");
    x.finish()
}

/// `word/settings.xml`, children in schema order; `evenAndOddHeaders` for 7.5 odd/even page numbers.
pub fn settings(options: &DocxOptions) -> String {
    let mut x = Xml::new();
    x.open("w:settings", &[("xmlns:w", W_NS)]);
    x.empty("w:zoom", &[("w:percent", "100")]);
    x.val("w:defaultTabStop", "420");
    if odd_even(options) {
        x.empty("w:evenAndOddHeaders", &[]);
    }
    x.val("w:characterSpacingControl", "compressPunctuation");
    x.open("w:compat", &[]);
    x.empty(
        "w:compatSetting",
        &[
            ("w:name", "compatibilityMode"),
            ("w:uri", "http://schemas.microsoft.com/office/word"),
            ("w:val", "15"),
        ],
    );
    x.close("w:compat");
    x.empty(
        "w:themeFontLang",
        &[("w:val", "en-US"), ("w:eastAsia", "zh-CN")],
    );
    x.val("w:decimalSymbol", ".");
    x.val("w:listSeparator", ",");
    x.close("w:settings");
    x.finish()
}

/// Where a footer puts the page number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FooterSide {
    /// Odd pages: right, one 字 in (7.5).
    Right,
    /// Even pages: left, one 字 in (7.5).
    Left,
    /// Informal 材料: centred.
    Center,
}

/// A footer part with "— N —": 四号宋体, U+2014 dashes, a PAGE field (7.5).
pub fn footer(side: FooterSide) -> String {
    let mut x = Xml::new();
    x.open("w:ftr", &[("xmlns:w", W_NS), ("xmlns:r", R_NS)]);
    x.open("w:p", &[]).open("w:pPr", &[]);
    x.val("w:pStyle", "Footer");
    let one = PAGE_NUM_CHAR.to_string();
    match side {
        FooterSide::Right => {
            x.empty("w:ind", &[("w:right", &one)]).val("w:jc", "right");
        }
        FooterSide::Left => {
            x.empty("w:ind", &[("w:left", &one)]).val("w:jc", "left");
        }
        FooterSide::Center => {
            x.val("w:jc", "center");
        }
    }
    x.close("w:pPr");
    let rpr = |x: &mut Xml| {
        x.open("w:rPr", &[]);
        x.empty(
            "w:rFonts",
            &[
                ("w:ascii", SONGTI),
                ("w:hAnsi", SONGTI),
                ("w:eastAsia", SONGTI),
                ("w:cs", SONGTI),
                ("w:hint", "eastAsia"),
            ],
        );
        let sz = PAGE_NUM_SZ.to_string();
        x.val("w:sz", &sz).val("w:szCs", &sz);
        x.close("w:rPr");
    };
    let text = |x: &mut Xml, t: &str| {
        x.open("w:r", &[]);
        rpr(x);
        x.open("w:t", &[("xml:space", "preserve")])
            .text(t)
            .close("w:t");
        x.close("w:r");
    };
    let field = |x: &mut Xml, kind: &str| {
        x.open("w:r", &[]);
        rpr(x);
        x.empty("w:fldChar", &[("w:fldCharType", kind)]);
        x.close("w:r");
    };
    text(&mut x, "— ");
    field(&mut x, "begin");
    x.open("w:r", &[]);
    rpr(&mut x);
    x.open("w:instrText", &[("xml:space", "preserve")])
        .text(" PAGE ")
        .close("w:instrText");
    x.close("w:r");
    field(&mut x, "separate");
    text(&mut x, "1");
    field(&mut x, "end");
    text(&mut x, " —");
    x.close("w:p").close("w:ftr");
    x.finish()
}

/// `docProps/core.xml`: title and creator only, no timestamps (deterministic output).
pub fn core(title: &str) -> String {
    let flat: String = title
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let mut t = Xml::fragment();
    t.text(&flat);
    CORE.replace("{title}", &t.finish())
}

/// The namespace declarations of `document.xml`'s root.
pub fn document_namespaces() -> [(&'static str, &'static str); 2] {
    [("xmlns:w", W_NS), ("xmlns:r", R_NS)]
}
