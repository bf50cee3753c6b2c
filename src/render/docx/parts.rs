//! The package parts around the body: content types, relationships, settings, footers, properties.
//!
//! Static parts are templates in `assets/`; the parts that depend on the options are built here.
//!
//! Content types and relationships are written with the package layer's builders
//! ([`crate::package::ContentTypes`], [`crate::package::Relationships`]) in a fixed order, so
//! the same options give the same bytes. `docProps/core.xml` carries the title and no dates.

use super::DocxOptions;
use super::anchor::{
    AGENCY_PROPERTY, CUSTOM_FMTID, CUSTOM_NS, CUSTOM_PART, CUSTOM_REL, CUSTOM_TYPE,
    FIGURE_PROPERTY, MANIFEST_PROPERTY, MANIFEST_VERSION, Manifest, TITLE_PROPERTY, VT_NS,
};
use super::footer::{FooterPart, odd_even};
use super::xml::{R_NS, W_NS, Xml};
use crate::package::{ContentTypes, Relationships};

/// The prefix of the relationship types the main document uses.
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// `word/styles.xml`: Normal (三号仿宋, exact 28.95 pt lines, −0.25 pt spacing), Title,
/// Heading1–4 with outline levels, TableText, TableTitle, AttachmentLabel, Footer.
pub const STYLES: &str = include_str!("assets/styles.xml");
/// `word/fontTable.xml`: the five fonts the styles and runs name (仿宋_GB2312, 黑体,
/// 楷体_GB2312, 方正小标宋简体, 宋体).
pub const FONT_TABLE: &str = include_str!("assets/fontTable.xml");
/// `word/theme/theme1.xml`: Word's default theme (Word wants one).
pub const THEME: &str = include_str!("assets/theme1.xml");
/// `docProps/app.xml`: the application name only (no page or word counts to go stale).
pub const APP: &str = include_str!("assets/app.xml");
/// `_rels/.rels` before the custom properties: the main document and the two property parts.
const ROOT_RELS: &str = include_str!("assets/rels.xml");
/// `docProps/core.xml` with a `{title}` placeholder.
const CORE: &str = include_str!("assets/core.xml");

/// `[Content_Types].xml`: the two defaults, then the document's parts in a fixed order.
pub fn content_types(footers: &[FooterPart]) -> String {
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut t = ContentTypes::default();
    t.add_default(
        "rels",
        "application/vnd.openxmlformats-package.relationships+xml",
    )
    .add_default("xml", "application/xml");
    t.add_override("/word/document.xml", &format!("{main}.document.main+xml"));
    t.add_override("/word/styles.xml", &format!("{main}.styles+xml"));
    t.add_override("/word/settings.xml", &format!("{main}.settings+xml"));
    t.add_override("/word/fontTable.xml", &format!("{main}.fontTable+xml"));
    t.add_override(
        "/word/theme/theme1.xml",
        "application/vnd.openxmlformats-officedocument.theme+xml",
    );
    for f in footers {
        t.add_override(&format!("/word/{}", f.file), &format!("{main}.footer+xml"));
    }
    t.add_override(
        "/docProps/core.xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
    );
    t.add_override(
        "/docProps/app.xml",
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    );
    t.add_override(CUSTOM_PART, CUSTOM_TYPE);
    t.to_xml()
}

/// `_rels/.rels`: the main document, the core and extended properties, and the custom
/// properties holding the figure manifest.
pub fn root_rels() -> String {
    let mut r = crate::package::Relationships::parse(ROOT_RELS.as_bytes()).unwrap_or_default();
    r.add("rId4", CUSTOM_REL, CUSTOM_PART);
    r.to_xml()
}

/// `docProps/custom.xml`: the figure manifest as custom document properties (which Word, WPS and
/// LibreOffice keep through a save): the format version, the title and agency, then
/// `wengao.fig.<n>` of every placed figure, in document order.
pub fn custom(manifest: &Manifest) -> String {
    let mut x = Xml::new();
    x.open("Properties", &[("xmlns", CUSTOM_NS), ("xmlns:vt", VT_NS)]);
    let mut pid = 1u32;
    let mut property = |x: &mut Xml, name: &str, value: &str| {
        pid += 1;
        x.open(
            "property",
            &[
                ("fmtid", CUSTOM_FMTID),
                ("pid", &pid.to_string()),
                ("name", name),
            ],
        );
        x.open("vt:lpwstr", &[]).text(value).close("vt:lpwstr");
        x.close("property");
    };
    property(&mut x, MANIFEST_PROPERTY, MANIFEST_VERSION);
    property(&mut x, TITLE_PROPERTY, &manifest.title);
    property(&mut x, AGENCY_PROPERTY, &manifest.agency);
    for (i, p) in manifest.placements.iter().enumerate() {
        property(
            &mut x,
            &format!("{FIGURE_PROPERTY}{}", i + 1),
            &p.to_property(),
        );
    }
    x.close("Properties");
    x.finish()
}

/// `word/_rels/document.xml.rels`: styles, settings, font table, theme, then the footers.
pub fn document_rels(footers: &[FooterPart]) -> String {
    let mut r = Relationships::default();
    r.add("rIdStyles", &format!("{REL}/styles"), "styles.xml");
    r.add("rIdSettings", &format!("{REL}/settings"), "settings.xml");
    r.add("rIdFontTable", &format!("{REL}/fontTable"), "fontTable.xml");
    r.add("rIdTheme", &format!("{REL}/theme"), "theme/theme1.xml");
    for f in footers {
        r.add(f.id, &format!("{REL}/footer"), f.file);
    }
    r.to_xml()
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
