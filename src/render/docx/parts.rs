//! The package parts around the body: content types, relationships, settings, footers, properties.
//!
//! Static parts are templates in `assets/`; the parts that depend on the options are built here.

use super::footer::FooterSide;
use super::xml::Xml;
use super::{DocxOptions, PageNumbers};

pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

pub const STYLES: &str = include_str!("assets/styles.xml");
pub const FONT_TABLE: &str = include_str!("assets/fontTable.xml");
pub const THEME: &str = include_str!("assets/theme1.xml");
pub const APP: &str = include_str!("assets/app.xml");
pub const ROOT_RELS: &str = include_str!("assets/rels.xml");
const CORE: &str = include_str!("assets/core.xml");

/// Whether the options call for separate odd and even footers.
pub fn odd_even(options: &DocxOptions) -> bool {
    options.page_numbers == PageNumbers::OddEven
}

/// One footer part: its file, relationship id, the section type it serves and the page
/// number's place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FooterPart {
    pub file: &'static str,
    pub id: &'static str,
    /// `default` (odd pages, or all pages) or `even`.
    pub kind: &'static str,
    pub side: FooterSide,
    /// For landscape sections: the number is turned to sit where it sits on portrait pages.
    pub landscape: bool,
}

/// The footers of a document: portrait ones always, landscape ones when a table needs them.
pub fn footer_parts(options: &DocxOptions, landscape: bool) -> Vec<FooterPart> {
    let part = |file, id, kind, side, landscape| FooterPart {
        file,
        id,
        kind,
        side,
        landscape,
    };
    let mut v = Vec::new();
    if odd_even(options) {
        v.push(part(
            "footer1.xml",
            "rIdFooterOdd",
            "default",
            FooterSide::Right,
            false,
        ));
        v.push(part(
            "footer2.xml",
            "rIdFooterEven",
            "even",
            FooterSide::Left,
            false,
        ));
        if landscape {
            v.push(part(
                "footer3.xml",
                "rIdFooterLandscapeOdd",
                "default",
                FooterSide::Right,
                true,
            ));
            v.push(part(
                "footer4.xml",
                "rIdFooterLandscapeEven",
                "even",
                FooterSide::Left,
                true,
            ));
        }
    } else {
        v.push(part(
            "footer1.xml",
            "rIdFooter",
            "default",
            FooterSide::Center,
            false,
        ));
        if landscape {
            v.push(part(
                "footer3.xml",
                "rIdFooterLandscape",
                "default",
                FooterSide::Center,
                true,
            ));
        }
    }
    v
}

/// `[Content_Types].xml`.
pub fn content_types(footers: &[FooterPart]) -> String {
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
    for f in footers {
        over(&format!("/word/{}", f.file), format!("{main}.footer+xml"));
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
pub fn document_rels(footers: &[FooterPart]) -> String {
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
    for f in footers {
        rel(f.id, "footer", f.file);
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
