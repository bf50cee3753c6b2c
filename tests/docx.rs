//! The DOCX backend read back: each GB/T 9704-2012 layout item asserted in the package's XML
//! (`document.xml`, `styles.xml`, `settings.xml`, footers), merges, landscape, determinism.

#[path = "../examples/docx_fixtures/docs.rs"]
mod docs;

use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use std::io::Read;
use wengao::document::Document;
use wengao::render::docx::{DocxOptions, PageNumbers, render};

type R<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// A sample document; a grid error becomes a test error.
fn doc(d: Result<Document, wengao::document::GridError>) -> R<Document> {
    d.map_err(|e| e.0.into())
}

/// A parsed XML element: name with prefix, attributes, children, and its text content.
#[derive(Debug, Default, Clone)]
struct Node {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
    text: String,
}

impl Node {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Descendants (depth first, self included) named `name`.
    fn all<'a>(&'a self, name: &str, out: &mut Vec<&'a Node>) {
        if self.name == name {
            out.push(self);
        }
        for c in &self.children {
            c.all(name, out);
        }
    }

    fn find_all(&self, name: &str) -> Vec<&Node> {
        let mut v = Vec::new();
        self.all(name, &mut v);
        v
    }

    fn find(&self, name: &str) -> Option<&Node> {
        self.find_all(name).into_iter().next()
    }

    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// `w:val` of the child `name`.
    fn val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|c| c.attr("w:val"))
    }

    /// The concatenated text of all `w:t` below.
    fn text_of(&self) -> String {
        self.find_all("w:t")
            .iter()
            .map(|t| t.text.as_str())
            .collect()
    }

    fn style(&self) -> Option<&str> {
        self.child("w:pPr").and_then(|p| p.val("w:pStyle"))
    }
}

fn parse(xml: &str) -> R<Node> {
    let mut reader = Reader::from_str(xml);
    let mut stack = vec![Node::default()];
    loop {
        match reader.read_event()? {
            Event::Start(e) => {
                let mut n = Node {
                    name: e.name().as_ref().to_string(),
                    ..Node::default()
                };
                for a in e.attributes() {
                    let a = a?;
                    n.attrs.push((
                        a.key.as_ref().to_string(),
                        a.normalized_value(XmlVersion::Implicit1_0)?.into_owned(),
                    ));
                }
                stack.push(n);
            }
            Event::Empty(e) => {
                let mut n = Node {
                    name: e.name().as_ref().to_string(),
                    ..Node::default()
                };
                for a in e.attributes() {
                    let a = a?;
                    n.attrs.push((
                        a.key.as_ref().to_string(),
                        a.normalized_value(XmlVersion::Implicit1_0)?.into_owned(),
                    ));
                }
                stack.last_mut().ok_or("stack")?.children.push(n);
            }
            Event::Text(t) => stack.last_mut().ok_or("stack")?.text.push_str(&t),
            Event::GeneralRef(r) => {
                let s = match r.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "?",
                };
                stack.last_mut().ok_or("stack")?.text.push_str(s);
            }
            Event::End(_) => {
                let n = stack.pop().ok_or("unbalanced")?;
                stack.last_mut().ok_or("unbalanced")?.children.push(n);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut root = stack.pop().ok_or("empty")?;
    root.children.pop().ok_or_else(|| "no root element".into())
}

/// The parts of a rendered DOCX, parsed.
struct Docx {
    bytes: Vec<u8>,
    names: Vec<String>,
    document: Node,
    styles: Node,
    settings: Node,
    footers: Vec<Node>,
    /// `footer3.xml`, `footer4.xml`: landscape pages.
    landscape_footers: Vec<Node>,
    core: String,
}

fn part(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> R<String> {
    let mut s = String::new();
    zip.by_name(name)?.read_to_string(&mut s)?;
    Ok(s)
}

fn open(doc: &Document, options: &DocxOptions) -> R<Docx> {
    let bytes = render(doc, options).map_err(|d| d.message)?;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.as_slice()))?;
    let names = zip
        .file_names()
        .map(|n| n.map(|n| n.into_owned()))
        .collect::<Result<Vec<String>, _>>()?;
    let mut footers = Vec::new();
    let mut landscape_footers = Vec::new();
    for (i, n) in ["footer1", "footer2", "footer3", "footer4"]
        .iter()
        .enumerate()
    {
        let n = format!("word/{n}.xml");
        if names.contains(&n) {
            let f = parse(&part(&mut zip, &n)?)?;
            if i < 2 {
                footers.push(f);
            } else {
                landscape_footers.push(f);
            }
        }
    }
    Ok(Docx {
        document: parse(&part(&mut zip, "word/document.xml")?)?,
        styles: parse(&part(&mut zip, "word/styles.xml")?)?,
        settings: parse(&part(&mut zip, "word/settings.xml")?)?,
        core: part(&mut zip, "docProps/core.xml")?,
        footers,
        landscape_footers,
        names,
        bytes,
    })
}

fn summary() -> R<Docx> {
    open(&doc(docs::summary())?, &DocxOptions::default())
}

impl Docx {
    fn style(&self, id: &str) -> R<&Node> {
        self.styles
            .find_all("w:style")
            .into_iter()
            .find(|s| s.attr("w:styleId") == Some(id))
            .ok_or_else(|| format!("style {id} missing").into())
    }

    fn paragraphs(&self) -> Vec<&Node> {
        self.document.find_all("w:p")
    }

    /// The first paragraph whose text starts with `prefix`.
    fn para(&self, prefix: &str) -> R<&Node> {
        self.paragraphs()
            .into_iter()
            .find(|p| p.text_of().starts_with(prefix))
            .ok_or_else(|| format!("no paragraph starting with {prefix}").into())
    }

    /// The body-level section properties (the last section).
    fn final_sect(&self) -> R<&Node> {
        self.document
            .child("w:body")
            .and_then(|b| b.child("w:sectPr"))
            .ok_or_else(|| "no body sectPr".into())
    }
}

fn east_asia(run: &Node) -> Option<&str> {
    run.find("w:rFonts").and_then(|f| f.attr("w:eastAsia"))
}

fn size(node: &Node) -> Option<&str> {
    node.find("w:sz").and_then(|s| s.attr("w:val"))
}

// ---------------------------------------------------------------------------------------------

#[test]
fn page_is_a4_with_the_standard_margins() -> R {
    let d = summary()?;
    // The summary's first section (body and attachment 1); attachment 2 is landscape.
    let s = d.document.find("w:sectPr").ok_or("sectPr")?;
    // GB/T 9704 5.1: A4, 210 × 297 mm.
    let pg = s.child("w:pgSz").ok_or("pgSz")?;
    assert_eq!(
        (pg.attr("w:w"), pg.attr("w:h")),
        (Some("11906"), Some("16838"))
    );
    // GB/T 9704 5.2.1: top 37 mm, left 28 mm, 版心 156 × 225 mm → right 26 mm, bottom 35 mm.
    let m = s.child("w:pgMar").ok_or("pgMar")?;
    let get = |k: &str| m.attr(k).and_then(|v| v.parse::<u32>().ok()).unwrap_or(0);
    assert_eq!(
        (get("w:top"), get("w:bottom"), get("w:left"), get("w:right")),
        (2098, 1984, 1587, 1474)
    );
    assert_eq!(
        11906 - get("w:left") - get("w:right"),
        8845,
        "156 mm text block"
    );
    assert_eq!(
        16838 - get("w:top") - get("w:bottom"),
        12756,
        "225 mm text block"
    );
    Ok(())
}

#[test]
fn title_is_erhao_xiaobiaosong_centred_and_breaks_where_the_model_says() -> R {
    let d = summary()?;
    // GB/T 9704 7.3.1: 2号小标宋体, centred; lines break at the template's `\n`.
    let t = d.style("Title")?;
    let ppr = t.child("w:pPr").ok_or("pPr")?;
    assert_eq!(ppr.val("w:jc"), Some("center"));
    assert_eq!(size(t), Some("44"));
    let first = d.paragraphs().into_iter().next().ok_or("no paragraph")?;
    assert_eq!(first.style(), Some("Title"));
    let runs = first.find_all("w:r");
    assert!(runs.iter().all(|r| east_asia(r) == Some("方正小标宋简体")));
    assert!(runs.iter().all(|r| size(r) == Some("44")));
    assert_eq!(first.find_all("w:br").len(), 1, "one explicit line break");
    let pieces: Vec<&str> = first
        .find_all("w:t")
        .iter()
        .map(|t| t.text.as_str())
        .collect();
    assert_eq!(
        pieces,
        [
            "三门县医疗保障服务中心",
            "2020年度工作总结和2021年度工作计划"
        ]
    );
    // 空一行 between title and body.
    let second = d
        .paragraphs()
        .into_iter()
        .nth(1)
        .ok_or("no second paragraph")?;
    assert!(second.text_of().is_empty());
    Ok(())
}

#[test]
fn body_is_sanhao_fangsong_justified_with_two_character_indent() -> R {
    let d = summary()?;
    let normal = d.style("Normal")?;
    assert_eq!(normal.attr("w:default"), Some("1"));
    let ppr = normal.child("w:pPr").ok_or("pPr")?;
    // GB/T 9704 5.2.2: 3号仿宋; 7.3.3: 每个自然段左空二字, 回行顶格.
    let ind = ppr.child("w:ind").ok_or("ind")?;
    assert_eq!(ind.attr("w:firstLineChars"), Some("200"));
    assert_eq!(ind.attr("w:firstLine"), Some("640"));
    assert_eq!(ind.attr("w:left"), None);
    assert_eq!(ppr.val("w:jc"), Some("both"));
    assert_eq!(size(normal), Some("32"));
    assert_eq!(east_asia(normal), Some("仿宋_GB2312"));
    // The body paragraph uses Normal as is and every run is 16 pt 仿宋.
    let p = d.para("2020年度城乡居民医保参保人数为")?;
    assert_eq!(p.child("w:pPr").map(|_| ()), None);
    for r in p.find_all("w:r") {
        assert_eq!((east_asia(r), size(r)), (Some("仿宋_GB2312"), Some("32")));
    }
    assert_eq!(
        p.text_of(),
        "2020年度城乡居民医保参保人数为311881人，参保率达99.87%。筹资标准从2019年度的每人每年1000元提高到1340元，其中个人缴纳480元，各级财政补助860元，总筹资额42905.96万元。"
    );
    // Strong text is bold.
    let b = d.para("截至2020年12月底")?;
    let bold: String = b
        .find_all("w:r")
        .into_iter()
        .filter(|r| r.find("w:b").is_some())
        .map(|r| r.text_of())
        .collect();
    assert_eq!(bold, "当年度结余约12484.52万元");
    Ok(())
}

#[test]
fn fixed_line_spacing_gives_22_lines_per_page() -> R {
    let d = summary()?;
    let normal = d.style("Normal")?;
    // GB/T 9704 5.2.3: 22 lines × 28 characters filling the 版心; exact 28.95 pt, no space
    // before or after.
    let sp = normal.find("w:spacing").ok_or("spacing")?;
    assert_eq!(sp.attr("w:lineRule"), Some("exact"));
    assert_eq!(sp.attr("w:line"), Some("579"));
    assert_eq!(
        (sp.attr("w:before"), sp.attr("w:after")),
        (Some("0"), Some("0"))
    );
    let line: u32 = sp.attr("w:line").ok_or("line")?.parse()?;
    let text_height = 16838 - 2098 - 1984;
    assert!(22 * line <= text_height, "22 lines fit the 225 mm 版心");
    assert!(23 * line > text_height, "and fill it: no 23rd line");
    let grid = d.final_sect()?.child("w:docGrid").ok_or("docGrid")?;
    assert_eq!(grid.attr("w:linePitch"), Some("579"));
    // 28 characters: −0.25 pt character spacing, 28 × 15.75 pt ≤ 156 mm.
    let rpr = normal.child("w:rPr").ok_or("rPr")?;
    assert_eq!(rpr.val("w:spacing"), Some("-5"));
    let pitch = 320 + rpr.val("w:spacing").ok_or("spacing")?.parse::<i32>()?; // twips
    assert!(28 * pitch <= 8845, "28 characters fit 156 mm");
    assert!(29 * pitch > 8845, "but not 29");
    Ok(())
}

#[test]
fn heading_levels_have_their_fonts_and_outline_levels() -> R {
    let d = summary()?;
    // GB/T 9704 7.3.3: 一、黑体, （一）楷体, 1. and （1） 仿宋, all 3号; outline levels for the
    // navigation pane and a table of contents.
    let want = [
        ("Heading1", "0", "黑体", "一、2020年度工作总结"),
        (
            "Heading2",
            "1",
            "楷体_GB2312",
            "（一）城乡居民参保筹资及基金使用情况",
        ),
        ("Heading3", "2", "仿宋_GB2312", "3.两定机构医保服务协议管理"),
        ("Heading4", "3", "仿宋_GB2312", "（1）受理申请"),
    ];
    for (id, outline, font, text) in want {
        let s = d.style(id)?;
        let ppr = s.child("w:pPr").ok_or("pPr")?;
        assert_eq!(ppr.val("w:outlineLvl"), Some(outline), "{id}");
        assert_eq!(east_asia(s), Some(font), "{id}");
        assert_eq!(size(s), Some("32"), "{id}");
        let p = d.para(text)?;
        assert_eq!(p.text_of(), text);
        assert_eq!(p.style(), Some(id));
        for r in p.find_all("w:r") {
            assert_eq!(east_asia(r), Some(font), "{text}");
        }
    }
    Ok(())
}

#[test]
fn run_in_heading_keeps_its_font_and_continues_in_fangsong() -> R {
    let d = summary()?;
    // GB/T 9704 7.3.3 (practice): "（一）加强组织领导。各单位要……" — the heading part in the
    // level's font, the rest in 仿宋, one paragraph.
    let p = d.para("（一）力争参保扩面全覆盖。户籍参保率")?;
    // A run-in heading is a numbered body paragraph: its style has no outline level (the
    // navigation pane lists block headings only) and nothing keeps it with the next.
    assert_eq!(p.style(), Some("NumberedParagraph2"));
    assert!(p.find("w:keepNext").is_none() && p.find("w:outlineLvl").is_none());
    let style = d.style("NumberedParagraph2")?;
    assert!(style.find("w:keepNext").is_none() && style.find("w:outlineLvl").is_none());
    let runs: Vec<(String, Option<&str>)> = p
        .find_all("w:r")
        .into_iter()
        .map(|r| (r.text_of(), east_asia(r)))
        .collect();
    assert_eq!(runs[0], ("（一）".to_string(), Some("楷体_GB2312")));
    assert_eq!(
        runs[1],
        ("力争参保扩面全覆盖。".to_string(), Some("楷体_GB2312"))
    );
    assert!(runs[2].0.starts_with("户籍参保率"));
    assert_eq!(runs[2].1, Some("仿宋_GB2312"));
    // Level 3 run-in.
    let p3 = d.para("1.对定点医疗机构的稽核和监管。根据")?;
    assert_eq!(p3.style(), Some("NumberedParagraph3"));
    Ok(())
}

#[test]
fn every_run_names_its_east_asian_font() -> R {
    for d in [
        summary()?,
        open(&doc(docs::tables())?, &DocxOptions::default())?,
    ] {
        // GB/T 9704 5.2.2: Chinese never falls back to a Western or Japanese default font.
        let mut runs = d.document.find_all("w:r");
        for f in d.footers.iter().chain(&d.landscape_footers) {
            runs.extend(f.find_all("w:r"));
        }
        assert!(runs.len() > 100);
        for r in runs {
            let f = r.find("w:rFonts").ok_or("run without rFonts")?;
            let ea = f.attr("w:eastAsia").ok_or("no eastAsia")?;
            assert_eq!(f.attr("w:ascii"), Some(ea));
            assert_eq!(f.attr("w:hAnsi"), Some(ea));
            assert_eq!(f.attr("w:hint"), Some("eastAsia"));
        }
    }
    Ok(())
}

#[test]
fn page_numbers_odd_right_even_left_one_character_in() -> R {
    let d = summary()?;
    // GB/T 9704 7.5: 4号半角宋体, "— 1 —" with 一字线, 单页码居右空一字, 双页码居左空一字.
    assert!(d.settings.child("w:evenAndOddHeaders").is_some());
    let refs = d.final_sect()?.find_all("w:footerReference");
    let kinds: Vec<_> = refs.iter().filter_map(|r| r.attr("w:type")).collect();
    assert_eq!(kinds, ["default", "even"]);
    let (odd, even) = (&d.footers[0], &d.footers[1]);
    let ppr = |f: &Node| f.find("w:pPr").cloned().unwrap_or_default();
    assert_eq!(ppr(odd).val("w:jc"), Some("right"));
    assert_eq!(
        ppr(odd).child("w:ind").and_then(|i| i.attr("w:right")),
        Some("280")
    );
    assert_eq!(ppr(even).val("w:jc"), Some("left"));
    assert_eq!(
        ppr(even).child("w:ind").and_then(|i| i.attr("w:left")),
        Some("280")
    );
    for f in [odd, even] {
        assert_eq!(
            f.text_of(),
            "— 1 —",
            "U+2014 dashes around the PAGE field result"
        );
        let instr: String = f
            .find_all("w:instrText")
            .iter()
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(instr.trim(), "PAGE");
        let kinds: Vec<_> = f
            .find_all("w:fldChar")
            .iter()
            .filter_map(|c| c.attr("w:fldCharType"))
            .collect();
        assert_eq!(kinds, ["begin", "separate", "end"]);
        for r in f.find_all("w:r") {
            assert_eq!((east_asia(r), size(r)), (Some("宋体"), Some("28")));
        }
    }
    Ok(())
}

#[test]
fn centred_page_numbers_are_an_option() -> R {
    let d = open(
        &docs::simple(),
        &DocxOptions {
            page_numbers: PageNumbers::Centered,
            ..DocxOptions::default()
        },
    )?;
    // Informal 材料 (practice, not GB/T 9704 7.5): one centred footer on every page.
    assert!(d.settings.child("w:evenAndOddHeaders").is_none());
    assert_eq!(d.footers.len(), 1);
    assert!(!d.names.iter().any(|n| n == "word/footer2.xml"));
    assert_eq!(
        d.footers[0].find("w:pPr").and_then(|p| p.val("w:jc")),
        Some("center")
    );
    assert_eq!(d.footers[0].text_of(), "— 1 —");
    Ok(())
}

#[test]
fn sign_off_without_seal_is_indented_from_the_right() -> R {
    let d = summary()?;
    // GB/T 9704 7.3.5.2: 下空一行右空二字编排发文机关署名, 下一行编排成文日期, 日期首字比署名首字右移二字.
    let ps = d.paragraphs();
    let i = ps
        .iter()
        .position(|p| p.text_of() == "三门县医疗保障服务中心")
        .ok_or("agency")?;
    assert!(
        ps[i - 1].text_of().is_empty(),
        "blank line before the agency"
    );
    let date = ps[i + 1];
    assert_eq!(date.text_of(), "2021年1月7日");
    let right = |p: &Node| -> R<i64> {
        let ind = p.find("w:ind").ok_or("ind")?;
        assert_eq!(p.find("w:jc").and_then(|j| j.attr("w:val")), Some("right"));
        assert_eq!(ind.attr("w:firstLineChars"), Some("0"));
        Ok(ind.attr("w:right").ok_or("right")?.parse()?)
    };
    let (a, t) = (right(ps[i])?, right(date)?);
    assert_eq!(a, 640, "agency two 字 from the right");
    // Widths in twips at 16 pt: agency 11 字; date 3 字 + 6 half-width digits = 6 字.
    let agency_start = a + 11 * 320;
    let date_start = t + 6 * 320;
    assert_eq!(
        agency_start - date_start,
        640,
        "date starts two 字 further right"
    );
    Ok(())
}

#[test]
fn attachment_note_follows_the_body_with_hanging_indent() -> R {
    let d = summary()?;
    // GB/T 9704 7.3.4: 正文下空一行左空二字编排"附件", 全角冒号, 顺序号; 回行与名称首字对齐.
    let ps = d.paragraphs();
    let i = ps
        .iter()
        .position(|p| p.text_of().starts_with("附件："))
        .ok_or("note")?;
    assert!(ps[i - 1].text_of().is_empty());
    assert_eq!(
        ps[i].text_of(),
        "附件：1.2020年度收到和处理政府信息公开申请情况"
    );
    assert_eq!(
        ps[i + 1].text_of(),
        "2.2020年度政府信息公开行政复议、行政诉讼情况"
    );
    let ind = |p: &Node| -> R<(i64, i64)> {
        let n = p.find("w:ind").ok_or("ind")?;
        Ok((
            n.attr("w:left").ok_or("left")?.parse()?,
            n.attr("w:hanging").ok_or("hanging")?.parse()?,
        ))
    };
    let (l0, h0) = ind(ps[i])?;
    let (l1, h1) = ind(ps[i + 1])?;
    assert_eq!(l0 - h0, 640, "附件 two 字 in");
    assert_eq!(l0, l1, "names aligned");
    assert_eq!(l1 - h1, 640 + 3 * 320, "number 2 under number 1");
    Ok(())
}

#[path = "parts/docx_output.rs"]
mod output;
#[path = "parts/docx_tables.rs"]
mod tables;
