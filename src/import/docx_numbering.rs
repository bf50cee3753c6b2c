//! Word's automatic numbering as displayed: `numbering.xml` levels (start, format, `%1、`,
//! suffix, legal style, start overrides) counted in document order, and the paragraph styles of
//! `styles.xml` that carry numbering, outline levels and centring (following `w:basedOn`).

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::{BTreeMap, BTreeSet};

/// A small element tree (numbering.xml and styles.xml are small).
#[derive(Debug, Default, Clone)]
pub struct El {
    /// The local name (prefix dropped).
    pub name: String,
    /// Attributes by local name, values unescaped.
    pub attrs: Vec<(String, String)>,
    /// Child elements in order.
    pub children: Vec<El>,
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

fn element(e: &BytesStart) -> El {
    let attrs = e
        .attributes()
        .flatten()
        .map(|a| {
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_default();
            (local(a.key.0).to_string(), value)
        })
        .collect();
    El {
        name: local(e.name().0).to_string(),
        attrs,
        children: Vec::new(),
    }
}

/// Parses XML into a tree; `None` when it is not well-formed.
pub fn tree(xml: &str) -> Option<El> {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<El> = vec![El::default()];
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => {
                let el = element(&e);
                stack.last_mut()?.children.push(el);
            }
            Event::End(_) => {
                let el = stack.pop()?;
                stack.last_mut()?.children.push(el);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut root = stack.pop()?;
    root.children.pop()
}

impl El {
    /// The value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    /// The first child element called `name`.
    pub fn child(&self, name: &str) -> Option<&El> {
        self.children.iter().find(|c| c.name == name)
    }
    /// The child elements called `name`.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a El> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
    /// `w:val` of a child element.
    pub fn val(&self, child: &str) -> Option<&str> {
        self.child(child).and_then(|c| c.attr("val"))
    }
}

#[derive(Debug, Clone)]
struct Level {
    start: u32,
    format: String,
    text: String,
    suffix: String,
    legal: bool,
}

/// The numbering definitions and their counters.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: BTreeMap<String, BTreeMap<u8, Level>>,
    nums: BTreeMap<String, (String, BTreeMap<u8, u32>)>,
    counters: BTreeMap<String, BTreeMap<u8, u32>>,
    overridden: BTreeSet<(String, u8)>,
}

fn int<T: std::str::FromStr>(s: Option<&str>) -> Option<T> {
    s.and_then(|v| v.trim().parse().ok())
}

/// A counter value in a Word number format.
pub fn format_number(n: u32, format: &str) -> String {
    const CN: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "ideographLegalTraditional"
        | "japaneseCounting" => crate::numbers::chinese_numeral(u64::from(n)),
        "ideographTraditional" => CN_STEMS
            .chars()
            .nth((n.max(1) as usize - 1) % 10)
            .map_or(String::new(), String::from),
        "ideographZodiac" => "子丑寅卯辰巳午未申酉戌亥"
            .chars()
            .nth((n.max(1) as usize - 1) % 12)
            .map_or(String::new(), String::from),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or(n.to_string(), String::from)
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => {
            char::from_u32(0x2474 + n - 1).map_or(n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|c| char::from_u32(c as u32 + 0xFEE0))
            .collect(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "lowerLetter" | "upperLetter" => {
            let base = if format == "lowerLetter" { b'a' } else { b'A' };
            let k = (n.max(1) - 1) as usize;
            let c = char::from(base + (k % 26) as u8);
            std::iter::repeat_n(c, k / 26 + 1).collect()
        }
        "lowerRoman" | "upperRoman" => {
            let r = roman(n);
            if format == "upperRoman" {
                r.to_uppercase()
            } else {
                r
            }
        }
        "none" | "bullet" => String::new(),
        _ => {
            let _ = CN;
            n.to_string()
        }
    }
}

const CN_STEMS: &str = "甲乙丙丁戊己庚辛壬癸";

fn roman(mut n: u32) -> String {
    let mut out = String::new();
    for (v, s) in [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

impl Numbering {
    /// Reads `numbering.xml` (absent or broken: no numbering).
    pub fn parse(xml: Option<&str>) -> Numbering {
        let mut n = Numbering::default();
        let Some(root) = xml.and_then(tree) else {
            return n;
        };
        for a in root.children_named("abstractNum") {
            let Some(id) = a.attr("abstractNumId") else {
                continue;
            };
            let mut levels = BTreeMap::new();
            for l in a.children_named("lvl") {
                let Some(ilvl) = int::<u8>(l.attr("ilvl")) else {
                    continue;
                };
                levels.insert(
                    ilvl,
                    Level {
                        start: int(l.val("start")).unwrap_or(1),
                        format: l.val("numFmt").unwrap_or("decimal").to_string(),
                        text: l.val("lvlText").unwrap_or("").to_string(),
                        suffix: l.val("suff").unwrap_or("tab").to_string(),
                        legal: l.child("isLgl").is_some_and(|c| {
                            c.attr("val").is_none_or(|v| v != "0" && v != "false")
                        }),
                    },
                );
            }
            n.abstracts.insert(id.to_string(), levels);
        }
        for num in root.children_named("num") {
            let Some(id) = num.attr("numId") else {
                continue;
            };
            let Some(abs) = num.val("abstractNumId") else {
                continue;
            };
            let mut overrides = BTreeMap::new();
            for o in num.children_named("lvlOverride") {
                if let (Some(ilvl), Some(start)) = (
                    int::<u8>(o.attr("ilvl")),
                    int::<u32>(o.child("startOverride").and_then(|s| s.attr("val"))),
                ) {
                    overrides.insert(ilvl, start);
                }
            }
            n.nums.insert(id.to_string(), (abs.to_string(), overrides));
        }
        n
    }

    /// The number a paragraph of list `num_id` at level `ilvl` shows, with its suffix (tab,
    /// space or nothing); advances the counters. Empty for no numbering (`numId` 0, unknown).
    pub fn label(&mut self, num_id: &str, ilvl: u8) -> (String, &'static str) {
        let Some((abs, overrides)) = self.nums.get(num_id) else {
            return (String::new(), "");
        };
        let Some(levels) = self.abstracts.get(abs) else {
            return (String::new(), "");
        };
        let Some(level) = levels.get(&ilvl) else {
            return (String::new(), "");
        };
        let counters = self.counters.entry(abs.clone()).or_default();
        let key = (num_id.to_string(), ilvl);
        if let Some(start) = overrides
            .get(&ilvl)
            .filter(|_| !self.overridden.contains(&key))
        {
            self.overridden.insert(key);
            counters.insert(ilvl, *start);
        } else if let Some(c) = counters.get_mut(&ilvl) {
            *c = c.saturating_add(1);
        } else {
            counters.insert(ilvl, level.start);
        }
        counters.retain(|k, _| *k <= ilvl);
        let mut text = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
            {
                chars.next();
                let k = u8::try_from(d).unwrap_or(1).saturating_sub(1);
                let lv = levels.get(&k);
                let value = counters
                    .get(&k)
                    .copied()
                    .or(lv.map(|l| l.start))
                    .unwrap_or(1);
                let format = if level.legal {
                    "decimal"
                } else {
                    lv.map_or("decimal", |l| l.format.as_str())
                };
                text.push_str(&format_number(value, format));
            } else {
                text.push(c);
            }
        }
        if level.format == "bullet" {
            return (String::new(), "");
        }
        let suffix = match level.suffix.as_str() {
            "nothing" => "",
            "space" => " ",
            _ => "\t",
        };
        (text, suffix)
    }
}

/// What a paragraph style contributes: numbering, outline level, centring.
#[derive(Debug, Default, Clone)]
pub struct StyleInfo {
    /// `numId` and level of the style's numbering.
    pub num: Option<(String, u8)>,
    /// Outline level 1–9.
    pub outline: Option<u8>,
    /// The style centres its paragraphs.
    pub centred: bool,
}

/// Paragraph styles with `w:basedOn` resolved.
#[derive(Debug, Default)]
pub struct Styles {
    styles: BTreeMap<String, StyleInfo>,
}

impl Styles {
    /// Reads `styles.xml` (absent or broken: no styles).
    pub fn parse(xml: Option<&str>) -> Styles {
        let mut own: BTreeMap<String, (Option<String>, StyleInfo, bool)> = BTreeMap::new();
        if let Some(root) = xml.and_then(tree) {
            for s in root.children_named("style") {
                let Some(id) = s.attr("styleId") else {
                    continue;
                };
                let ppr = s.child("pPr");
                let num = ppr.and_then(|p| p.child("numPr")).and_then(|np| {
                    Some((
                        np.val("numId")?.to_string(),
                        int(np.val("ilvl")).unwrap_or(0),
                    ))
                });
                let outline = ppr.and_then(|p| int::<u8>(p.val("outlineLvl")));
                let jc = ppr.and_then(|p| p.val("jc"));
                let info = StyleInfo {
                    num,
                    outline: outline.filter(|l| *l < 9).map(|l| l + 1),
                    centred: jc == Some("center"),
                };
                own.insert(
                    id.to_string(),
                    (s.val("basedOn").map(str::to_string), info, jc.is_some()),
                );
            }
        }
        let mut styles = BTreeMap::new();
        for id in own.keys() {
            let mut info = StyleInfo::default();
            let (mut got_num, mut got_outline, mut got_jc) = (false, false, false);
            let mut cur = Some(id.clone());
            let mut seen = BTreeSet::new();
            while let Some(c) = cur {
                if !seen.insert(c.clone()) {
                    break;
                }
                let Some((based, s, has_jc)) = own.get(&c) else {
                    break;
                };
                if !got_num && s.num.is_some() {
                    info.num = s.num.clone();
                    got_num = true;
                }
                if !got_outline && s.outline.is_some() {
                    info.outline = s.outline;
                    got_outline = true;
                }
                if !got_jc && *has_jc {
                    info.centred = s.centred;
                    got_jc = true;
                }
                cur = based.clone();
            }
            styles.insert(id.clone(), info);
        }
        Styles { styles }
    }

    /// The resolved style `id`.
    pub fn get(&self, id: &str) -> Option<&StyleInfo> {
        self.styles.get(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="5"/></w:lvlOverride></w:num></w:numbering>"#;

    #[test]
    fn counts_levels_and_restarts_deeper_ones() {
        let mut n = Numbering::parse(Some(NUMBERING));
        let mut l = |id: &str, lvl: u8| n.label(id, lvl);
        assert_eq!(l("1", 0), ("一、".to_string(), ""));
        assert_eq!(l("1", 1), ("（一）".to_string(), ""));
        assert_eq!(l("1", 1), ("（二）".to_string(), ""));
        assert_eq!(l("1", 2), ("1.".to_string(), "\t"));
        assert_eq!(l("1", 0), ("二、".to_string(), ""));
        assert_eq!(l("1", 1), ("（一）".to_string(), ""));
        assert_eq!(l("2", 2), ("5.".to_string(), "\t"));
        assert_eq!(l("0", 0), (String::new(), ""));
        assert_eq!(format_number(11, "chineseCounting"), "十一");
        assert_eq!(format_number(2, "decimalEnclosedCircle"), "②");
        assert_eq!(format_number(3, "ideographTraditional"), "丙");
    }

    #[test]
    fn styles_inherit_numbering_through_based_on() {
        let s = Styles::parse(Some(
            r#"<w:styles xmlns:w="w"><w:style w:styleId="1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:styleId="T"><w:basedOn w:val="1"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style></w:styles>"#,
        ));
        let t = s.get("T").cloned().unwrap_or_default();
        assert_eq!(t.num, Some(("1".to_string(), 0)));
        assert_eq!(t.outline, Some(1));
        assert!(t.centred);
    }
}
