//! Page-number footers (GB/T 9704 7.5): "— N —" in 四号宋体 with a PAGE field, odd pages right
//! and even pages left one 字 in (or centred); on landscape pages the number is turned and put
//! where it sits on a portrait page once the sheet is turned back (GB/T 9704 8).
//!
//! The turned number is a text box. Word 2010 and later, WPS and LibreOffice read it as a
//! DrawingML shape (`wps:wsp`); Word 2007 does not know that namespace, so the box is written
//! as Word itself writes one: `mc:AlternateContent` with the shape as the choice that requires
//! `wps` and the same box in VML (`v:shape` with a vertical `v:textbox`) as the fallback.

use super::layout::{MARGIN_BOTTOM, MARGIN_LEFT, PAGE_NUM_CHAR, PAGE_NUM_SZ, SONGTI, TEXT_W};
use super::xml::{R_NS, W_NS, Xml};
use super::{DocxOptions, PageNumbers};

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

/// Whether the options call for separate odd and even footers.
pub fn odd_even(options: &DocxOptions) -> bool {
    options.page_numbers == PageNumbers::OddEven
}

/// One footer part: its file, relationship id, the section type it serves and the page
/// number's place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FooterPart {
    /// The part's file name under `word/` (`footer1.xml`).
    pub file: &'static str,
    /// The relationship id sections use to reference it.
    pub id: &'static str,
    /// `default` (odd pages, or all pages) or `even`.
    pub kind: &'static str,
    /// Where the page number sits.
    pub side: FooterSide,
    /// For landscape sections: the number is turned to sit where it sits on portrait pages.
    pub landscape: bool,
}

/// The footers of a document: portrait ones always, landscape ones when a table needs them.
///
/// Odd/even numbering (GB/T 9704 7.5) needs two footers per orientation (`default` for odd
/// pages, `even`); centred numbering one. File names and relationship ids are fixed, so the
/// parts and their references are the same for the same options.
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

/// The WordprocessingML drawing namespace (`wp:`), for the turned text box.
const WP_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
/// The DrawingML namespace (`a:`).
const A_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
/// The Word 2010 shape namespace (`wps:`).
const WPS_NS: &str = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape";
/// Markup compatibility (`mc:`), for the choice between the shape and its VML fallback.
const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
/// VML (`v:`), the fallback shape.
const V_NS: &str = "urn:schemas-microsoft-com:vml";
/// Office VML extensions (`o:`).
const O_NS: &str = "urn:schemas-microsoft-com:office:office";
/// English Metric Units per twip.
const EMU: u64 = 635;

/// The turned box's place on the landscape page, in twips: a 7 mm (one 四号 line) wide column
/// centred 28 mm from the left edge (7 mm outside the 35 mm margin, as on portrait pages),
/// running along the 156 mm of the text block from its top (portrait left).
struct TurnedBox {
    left: u64,
    top: u64,
    width: u64,
    height: u64,
}

impl TurnedBox {
    fn new() -> TurnedBox {
        let width: u64 = 397;
        TurnedBox {
            left: u64::from(MARGIN_BOTTOM) - 397 - width / 2,
            top: u64::from(MARGIN_LEFT),
            width,
            height: u64::from(TEXT_W),
        }
    }
}

/// Twips as VML points (`12.35pt`).
fn pt(twips: u64) -> String {
    format!("{}.{:02}pt", twips / 20, (twips % 20) * 5)
}

/// A footer part; `id` numbers the drawing of a landscape footer (unique in the document).
pub fn footer(f: &FooterPart, id: u32) -> String {
    let mut x = Xml::new();
    if !f.landscape {
        x.open("w:ftr", &[("xmlns:w", W_NS), ("xmlns:r", R_NS)]);
        number(&mut x, f.side);
        x.close("w:ftr");
        return x.finish();
    }
    x.open(
        "w:ftr",
        &[
            ("xmlns:w", W_NS),
            ("xmlns:r", R_NS),
            ("xmlns:wp", WP_NS),
            ("xmlns:a", A_NS),
            ("xmlns:wps", WPS_NS),
            ("xmlns:mc", MC_NS),
            ("xmlns:v", V_NS),
            ("xmlns:o", O_NS),
        ],
    );
    x.open("w:p", &[]).open("w:pPr", &[]);
    x.val("w:pStyle", "Footer").close("w:pPr");
    x.open("w:r", &[]);
    rpr(&mut x);
    x.open("mc:AlternateContent", &[]);
    x.open("mc:Choice", &[("Requires", "wps")]);
    turned_box(&mut x, f.side, id);
    x.close("mc:Choice").open("mc:Fallback", &[]);
    vml_box(&mut x, f.side, id);
    x.close("mc:Fallback").close("mc:AlternateContent");
    x.close("w:r").close("w:p").close("w:ftr");
    x.finish()
}

/// A text box in the left margin of a landscape page, its text turned 90° clockwise.
///
/// The landscape page has the table's head at the binding edge (GB/T 9704 8), so the sheet is
/// turned clockwise: the portrait bottom edge becomes the landscape left edge and the portrait
/// right edge the landscape bottom. The box runs along the 156 mm text block, centred 28 mm from
/// the left edge (7 mm outside the 35 mm margin, as on portrait pages); alignment and the
/// one-字 indent inside it are those of the portrait footer.
fn turned_box(x: &mut Xml, side: FooterSide, id: u32) {
    let TurnedBox {
        left,
        top,
        width,
        height,
    } = TurnedBox::new();
    // top + height + 26 mm = the 210 mm page height: the box spans the text block exactly.
    let (cx, cy) = ((width * EMU).to_string(), (height * EMU).to_string());
    x.open("w:drawing", &[]);
    x.open(
        "wp:anchor",
        &[
            ("distT", "0"),
            ("distB", "0"),
            ("distL", "0"),
            ("distR", "0"),
            ("simplePos", "0"),
            ("relativeHeight", "1"),
            ("behindDoc", "0"),
            ("locked", "1"),
            ("layoutInCell", "1"),
            ("allowOverlap", "1"),
        ],
    );
    x.empty("wp:simplePos", &[("x", "0"), ("y", "0")]);
    x.open("wp:positionH", &[("relativeFrom", "page")]);
    x.open("wp:posOffset", &[])
        .text(&(left * EMU).to_string())
        .close("wp:posOffset");
    x.close("wp:positionH");
    x.open("wp:positionV", &[("relativeFrom", "page")]);
    x.open("wp:posOffset", &[])
        .text(&(top * EMU).to_string())
        .close("wp:posOffset");
    x.close("wp:positionV");
    x.empty("wp:extent", &[("cx", &cx), ("cy", &cy)]);
    x.empty(
        "wp:effectExtent",
        &[("l", "0"), ("t", "0"), ("r", "0"), ("b", "0")],
    );
    x.empty("wp:wrapNone", &[]);
    let name = format!("页码{id}");
    x.empty("wp:docPr", &[("id", &id.to_string()), ("name", &name)]);
    x.empty("wp:cNvGraphicFramePr", &[]);
    x.open("a:graphic", &[]);
    x.open("a:graphicData", &[("uri", WPS_NS)]);
    x.open("wps:wsp", &[]);
    x.empty("wps:cNvSpPr", &[("txBox", "1")]);
    x.open("wps:spPr", &[]);
    x.open("a:xfrm", &[]);
    x.empty("a:off", &[("x", "0"), ("y", "0")]);
    x.empty("a:ext", &[("cx", &cx), ("cy", &cy)]);
    x.close("a:xfrm");
    x.open("a:prstGeom", &[("prst", "rect")]);
    x.empty("a:avLst", &[]).close("a:prstGeom");
    x.empty("a:noFill", &[]);
    x.open("a:ln", &[]).empty("a:noFill", &[]).close("a:ln");
    x.close("wps:spPr");
    x.open("wps:txbx", &[]).open("w:txbxContent", &[]);
    number(x, side);
    x.close("w:txbxContent").close("wps:txbx");
    x.open(
        "wps:bodyPr",
        &[
            ("rot", "0"),
            ("vert", "vert"),
            ("wrap", "square"),
            ("lIns", "0"),
            ("tIns", "0"),
            ("rIns", "0"),
            ("bIns", "0"),
            ("anchor", "ctr"),
            ("anchorCtr", "0"),
        ],
    );
    x.empty("a:noAutofit", &[]).close("wps:bodyPr");
    x.close("wps:wsp").close("a:graphicData").close("a:graphic");
    x.close("wp:anchor").close("w:drawing");
}

/// The same box in VML, for readers without DrawingML shapes (Word 2007): a text box shape
/// placed on the page, its text flowing vertically (turned 90° clockwise), no fill, no line.
fn vml_box(x: &mut Xml, side: FooterSide, id: u32) {
    let b = TurnedBox::new();
    x.open("w:pict", &[]);
    x.open(
        "v:shapetype",
        &[
            ("id", "_x0000_t202"),
            ("coordsize", "21600,21600"),
            ("o:spt", "202"),
            ("path", "m,l,21600r21600,l21600,xe"),
        ],
    );
    x.empty("v:stroke", &[("joinstyle", "miter")]);
    x.empty(
        "v:path",
        &[("gradientshapeok", "t"), ("o:connecttype", "rect")],
    );
    x.close("v:shapetype");
    let style = format!(
        "position:absolute;margin-left:{};margin-top:{};width:{};height:{};z-index:1;\
         mso-position-horizontal-relative:page;mso-position-vertical-relative:page;\
         v-text-anchor:middle",
        pt(b.left),
        pt(b.top),
        pt(b.width),
        pt(b.height)
    );
    let name = format!("页码{id}");
    let spid = format!("_x0000_s{}", 1024 + id);
    x.open(
        "v:shape",
        &[
            ("id", &name),
            ("o:spid", &spid),
            ("type", "#_x0000_t202"),
            ("style", &style),
            ("filled", "f"),
            ("stroked", "f"),
        ],
    );
    x.open(
        "v:textbox",
        &[("style", "layout-flow:vertical"), ("inset", "0,0,0,0")],
    );
    x.open("w:txbxContent", &[]);
    number(x, side);
    x.close("w:txbxContent").close("v:textbox");
    x.close("v:shape").close("w:pict");
}

/// 四号宋体 run properties, East-Asian font included.
fn rpr(x: &mut Xml) {
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
}

/// The paragraph "— N —" with the PAGE field, placed per `side`.
fn number(x: &mut Xml, side: FooterSide) {
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
    text(x, "— ");
    field(x, "begin");
    x.open("w:r", &[]);
    rpr(x);
    x.open("w:instrText", &[("xml:space", "preserve")])
        .text(" PAGE ")
        .close("w:instrText");
    x.close("w:r");
    field(x, "separate");
    text(x, "1");
    field(x, "end");
    text(x, " —");
    x.close("w:p");
}
