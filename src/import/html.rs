//! Reading a page saved from a government website: the article body only, not the site's
//! navigation, metadata table, share links or footer.
//!
//! Parsing is html5ever's (through `scraper`), the same algorithm browsers use, so the broken
//! markup such sites serve (unclosed `<p>`, `<font>`, tables for layout) reads as a browser shows
//! it. The body is the first of the containers content systems use (`.TRS_Editor` of TRS,
//! `#zoom`, `#UCAP-CONTENT`, `.article-content` …) that holds real text, else the element whose
//! paragraphs hold the most Chinese text; the title is the page's `<h1>` (or the `ArticleTitle`
//! meta) when the body does not start with it.

use super::blocks::{Hints, Paragraph, SourceBlock, SourceCell, SourceTable, trim_blank};
use crate::source::is_cjk;
use scraper::{ElementRef, Html, Node, Selector};

/// Containers content systems put the article in, most specific first.
const BODY_SELECTORS: &[&str] = &[
    ".TRS_Editor",
    "#zoom",
    ".zoom",
    "#UCAP-CONTENT",
    ".article-content",
    ".article_content",
    ".artCon",
    ".pages_content",
    ".wzy_content",
    "#article",
    "article",
    ".content",
    "#content",
];

const BLOCK: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "section",
    "article",
    "center",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "pre",
    "address",
    "header",
    "footer",
    "main",
];

const SKIP: &[&str] = &[
    "script", "style", "noscript", "iframe", "form", "input", "button", "select", "textarea",
    "nav", "object", "svg", "template", "head",
];

fn cjk_count(e: &ElementRef) -> usize {
    e.text().flat_map(str::chars).filter(|&c| is_cjk(c)).count()
}

fn selector(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

/// The element holding the article.
fn article_body(doc: &Html) -> ElementRef<'_> {
    for s in BODY_SELECTORS.iter().filter_map(|s| selector(s)) {
        if let Some(e) = doc.select(&s).find(|e| cjk_count(e) >= 50) {
            return e;
        }
    }
    let mut best: Option<(usize, ElementRef)> = None;
    if let Some(s) = selector("div, td, section, article, main") {
        for e in doc.select(&s) {
            let score: usize = e
                .child_elements()
                .filter(|c| c.value().name() == "p")
                .map(|c| cjk_count(&c))
                .sum();
            if score > 0 && best.as_ref().is_none_or(|(b, _)| score > *b) {
                best = Some((score, e));
            }
        }
    }
    best.map(|(_, e)| e).unwrap_or_else(|| doc.root_element())
}

/// The page's title of the article.
fn page_title(doc: &Html) -> Option<String> {
    let from = |sel: &str, attr: Option<&str>| -> Option<String> {
        let s = selector(sel)?;
        let e = doc.select(&s).next()?;
        let t = match attr {
            Some(a) => e.value().attr(a)?.to_string(),
            None => e.text().collect::<String>(),
        };
        let t = collapse(&t);
        (t.chars().filter(|&c| is_cjk(c)).count() >= 4).then_some(t)
    };
    from("h1", None)
        .or_else(|| from("meta[name=ArticleTitle]", Some("content")))
        .or_else(|| from("meta[property='og:title']", Some("content")))
}

/// Collapses source whitespace: a run with a line break vanishes next to Chinese text and is
/// one space elsewhere; other runs stay as written.
fn collapse(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, ' ' | '\n' | '\r' | '\t') {
            let start = i;
            while i < chars.len() && matches!(chars[i], ' ' | '\n' | '\r' | '\t') {
                i += 1;
            }
            let run = &chars[start..i];
            if run.iter().any(|&c| c == '\n' || c == '\r' || c == '\t') {
                let prev = out.chars().last();
                let next = chars.get(i).copied();
                if !(prev.is_some_and(is_cjk) || next.is_some_and(is_cjk)) && prev.is_some() {
                    out.push(' ');
                }
            } else {
                out.extend(run);
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

struct Walker {
    out: Vec<SourceBlock>,
    current: String,
    hints: Hints,
    count: u32,
}

impl Walker {
    fn flush(&mut self) {
        let text = trim_blank(&collapse(&self.current)).to_string();
        self.current.clear();
        if !text.is_empty() {
            self.count += 1;
            self.out.push(SourceBlock::Paragraph(Paragraph {
                text,
                hints: std::mem::take(&mut self.hints),
                line: self.count,
            }));
        }
        self.hints = Hints::default();
    }

    fn walk(&mut self, e: ElementRef) {
        for child in e.children() {
            match child.value() {
                Node::Text(t) => self.current.push_str(t),
                Node::Element(el) => {
                    let Some(ce) = ElementRef::wrap(child) else {
                        continue;
                    };
                    let name = el.name();
                    if SKIP.contains(&name) {
                        continue;
                    }
                    match name {
                        "br" => self.flush(),
                        "table" => {
                            self.flush();
                            self.table(ce);
                        }
                        _ if BLOCK.contains(&name) => {
                            self.flush();
                            if let Some(level) =
                                name.strip_prefix('h').and_then(|l| l.parse::<u8>().ok())
                            {
                                self.hints.outline_level = Some(level);
                            }
                            let style = el.attr("style").unwrap_or_default().replace(' ', "");
                            if el.attr("align") == Some("center")
                                || style.contains("text-align:center")
                            {
                                self.hints.centred = true;
                            }
                            self.walk(ce);
                            self.flush();
                        }
                        _ => self.walk(ce),
                    }
                }
                _ => {}
            }
        }
    }

    fn table(&mut self, t: ElementRef) {
        let mut table = SourceTable {
            line: self.count + 1,
            ..SourceTable::default()
        };
        let Some(rows) = selector("tr") else { return };
        for tr in t.select(&rows) {
            // Rows of nested tables belong to their own table.
            if tr
                .ancestors()
                .filter_map(ElementRef::wrap)
                .find(|a| a.value().name() == "table")
                != Some(t)
            {
                continue;
            }
            let mut row = Vec::new();
            for cell in tr
                .child_elements()
                .filter(|c| matches!(c.value().name(), "td" | "th"))
            {
                let mut inner = Walker {
                    out: Vec::new(),
                    current: String::new(),
                    hints: Hints::default(),
                    count: 0,
                };
                inner.walk(cell);
                inner.flush();
                let text = inner
                    .out
                    .iter()
                    .filter_map(|b| match b {
                        SourceBlock::Paragraph(p) => Some(p.text.as_str()),
                        SourceBlock::Table(_) => None,
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                let span = |a: &str| {
                    cell.value()
                        .attr(a)
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, 1000)
                };
                row.push(SourceCell {
                    text,
                    row_span: span("rowspan"),
                    col_span: span("colspan"),
                });
            }
            if tr
                .parent()
                .and_then(ElementRef::wrap)
                .is_some_and(|p| p.value().name() == "thead")
            {
                table.header_rows += 1;
            }
            table.rows.push(row);
        }
        if !table.rows.is_empty() {
            self.count += u32::try_from(table.rows.len()).unwrap_or(0);
            self.out.push(SourceBlock::Table(table));
        }
    }
}

/// The blocks of an HTML page's article body.
pub fn blocks(text: &str) -> Vec<SourceBlock> {
    let doc = Html::parse_document(text);
    let body = article_body(&doc);
    let mut w = Walker {
        out: Vec::new(),
        current: String::new(),
        hints: Hints::default(),
        count: 0,
    };
    w.walk(body);
    w.flush();
    if let Some(title) = page_title(&doc) {
        let starts_with_it =
            matches!(w.out.first(), Some(SourceBlock::Paragraph(p)) if p.text == title);
        if !starts_with_it {
            w.out.insert(
                0,
                SourceBlock::Paragraph(Paragraph {
                    text: title,
                    hints: Hints {
                        outline_level: Some(1),
                        centred: true,
                        ..Hints::default()
                    },
                    line: 0,
                }),
            );
        }
    }
    w.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(b: &[SourceBlock]) -> Vec<String> {
        b.iter()
            .map(|b| match b {
                SourceBlock::Paragraph(p) => p.text.clone(),
                SourceBlock::Table(t) => format!("表{}行", t.rows.len()),
            })
            .collect()
    }

    #[test]
    fn article_body_title_and_whitespace() {
        let page = r#"<html><head><title>x</title><script>var a=1;</script></head><body>
<div class="nav"><a href="/">首页</a> 政务公开 政务动态 互动交流 走进云溪 政府信息公开年报栏目导航</div>
<h1>某县医疗保障局2020年工作总结</h1>
<div class="TRS_Editor"><p>&nbsp;&nbsp;&nbsp;&nbsp;2020年，我局坚持以人民健康为中心，各项工作取得新成效。</p>
<p>　　<strong>一、基本情况</strong></p><p>全县参保<span>人数</span>
<span>311881人，</span>同比增长2 %。</p><p>&nbsp;</p>
<table><tr><td rowspan="2">项目</td><td colspan="2">金额</td></tr><tr><td>本年</td><td>上年</td></tr></table>
<p style="text-align:right">某县医疗保障局<br>2021年1月7日</p></div>
<div class="footer">主办单位：某县人民政府 ICP备案号 网站标识码 联系我们 网站地图</div></body></html>"#;
        let b = blocks(page);
        assert_eq!(
            texts(&b),
            [
                "某县医疗保障局2020年工作总结",
                "2020年，我局坚持以人民健康为中心，各项工作取得新成效。",
                "一、基本情况",
                "全县参保人数311881人，同比增长2 %。",
                "表2行",
                "某县医疗保障局",
                "2021年1月7日"
            ]
        );
        match &b[4] {
            SourceBlock::Table(t) => {
                assert_eq!((t.rows[0][0].row_span, t.rows[0][1].col_span), (2, 2))
            }
            SourceBlock::Paragraph(_) => panic!("a table"),
        }
    }
}
