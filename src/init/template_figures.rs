//! The figures a shipped template uses, read from the template text itself: every catalogue key
//! named in a tag (`fig(key="…")`, `yoy(…)`, `figures.<key> is defined` …), in the order the
//! document reaches them, with the block and the nearest heading they appear under; and the
//! template's blocks, in order, with their first heading.
//!
//! Tera 2 does not expose its syntax tree, so this reads tags the way Tera delimits them:
//! comments `{# … #}` are dropped, tags are `{% … %}` and `{{ … }}`.

use crate::catalogue::Catalogue;
use crate::compose::SHIPPED;

/// A figure key a template uses, where it first appears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsedFigure {
    /// The catalogue key.
    pub key: String,
    /// The innermost block it appears in (`canbao`), empty outside blocks.
    pub block: String,
    /// The heading it appears under (`参保扩面`), without markup; empty before any heading.
    pub heading: String,
    /// The template tests for its previous-period value (`figures.<key>.previous`), i.e. a
    /// 同比 sentence appears when the file gives one.
    pub with_previous: bool,
}

/// A block a template defines, with the first heading inside it (empty when none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockInfo {
    /// The block's name.
    pub name: String,
    /// The first heading written inside it, without markup.
    pub heading: String,
    /// Nesting depth (0 for a top-level block).
    pub depth: usize,
}

/// What scanning a template chain found.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// Figures in the order of first use.
    pub figures: Vec<UsedFigure>,
    /// Blocks in the order they are opened.
    pub blocks: Vec<BlockInfo>,
}

/// The shipped template named `name`.
fn shipped(name: &str) -> Option<&'static str> {
    SHIPPED.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// `main` and the shipped templates it extends, root ancestor first.
pub fn chain(main: &str) -> Vec<&'static str> {
    let mut names = Vec::new();
    let mut next = Some(main.to_string());
    while let Some(name) = next.take() {
        let Some(text) = shipped(&name) else { break };
        if names.contains(&name) {
            break;
        }
        names.push(name);
        next = tags(&strip_comments(text))
            .into_iter()
            .find_map(|t| quoted_after(&t.1, "extends"));
    }
    names
        .iter()
        .rev()
        .filter_map(|n| SHIPPED.iter().find(|(s, _)| s == n).map(|(s, _)| *s))
        .collect()
}

/// Scans `main` and its shipped ancestors for the catalogue figures and blocks they use.
pub fn scan(main: &str, catalogue: &Catalogue) -> Scan {
    let mut out = Scan::default();
    for name in chain(main) {
        if let Some(text) = shipped(name) {
            scan_text(text, catalogue, &mut out);
        }
    }
    out
}

fn scan_text(text: &str, catalogue: &Catalogue, out: &mut Scan) {
    let text = strip_comments(text);
    // Open blocks: (index into out.blocks, the heading last seen directly inside it).
    let mut stack: Vec<(usize, Option<String>)> = Vec::new();
    // Figures whose heading is their block's first one (used before any heading in it).
    let mut unheaded: Vec<usize> = Vec::new();
    let mut headings: Vec<usize> = Vec::new(); // per block: headings written directly in it
    for line in text.lines() {
        if let Some(h) = heading_of(line)
            && let Some((i, current)) = stack.last_mut()
        {
            if out.blocks[*i].heading.is_empty() {
                out.blocks[*i].heading.clone_from(&h);
            }
            headings[*i] += 1;
            *current = Some(h);
        }
        for (kind, body) in tags(line) {
            let words: Vec<&str> = body.split_whitespace().collect();
            if kind == '%' {
                match words.first() {
                    Some(&"block") => {
                        let name = words.get(1).copied().unwrap_or_default().to_string();
                        let i = match out.blocks.iter().position(|b| b.name == name) {
                            Some(i) => i,
                            None => {
                                out.blocks.push(BlockInfo {
                                    name,
                                    heading: String::new(),
                                    depth: stack.len(),
                                });
                                headings.push(0);
                                out.blocks.len() - 1
                            }
                        };
                        stack.push((i, None));
                    }
                    Some(&"endblock") => {
                        stack.pop();
                    }
                    _ => {}
                }
            }
            for (key, with_previous) in keys_in(&body, catalogue) {
                if let Some(f) = out.figures.iter_mut().find(|f| f.key == key) {
                    f.with_previous |= with_previous;
                    continue;
                }
                let (block, heading) = match stack.last() {
                    Some((i, h)) => (out.blocks[*i].name.clone(), h.clone()),
                    None => (String::new(), None),
                };
                if heading.is_none() {
                    unheaded.push(out.figures.len());
                }
                out.figures.push(UsedFigure {
                    key,
                    block,
                    heading: heading.unwrap_or_default(),
                    with_previous,
                });
            }
        }
    }
    for i in unheaded {
        let block = &out.figures[i].block;
        if let Some(b) = out.blocks.iter().find(|b| &b.name == block) {
            out.figures[i].heading.clone_from(&b.heading);
        }
    }
    for (b, n) in out.blocks.iter_mut().zip(headings) {
        if n > 1 {
            b.heading = format!("{} 等 {n} 节", b.heading);
        }
    }
}

/// A Markdown heading line (`## 参保扩面` …), with tags and attributes removed.
fn heading_of(line: &str) -> Option<String> {
    let t = line.trim_start();
    let rest = t.trim_start_matches('#');
    if rest.len() == t.len() || !rest.starts_with(' ') || t.len() - rest.len() > 4 {
        return None;
    }
    let mut plain = String::new();
    let mut s = rest;
    while let Some(start) = s.find('{') {
        plain.push_str(&s[..start]);
        let after = &s[start..];
        let close = match after.as_bytes().get(1) {
            Some(b'%') => "%}",
            Some(b'{') => "}}",
            _ => "}",
        };
        match after.find(close) {
            Some(end) => s = &after[end + close.len()..],
            None => {
                s = "";
            }
        }
    }
    plain.push_str(s);
    let plain = plain.trim().trim_end_matches('。').trim().to_string();
    (!plain.is_empty()).then_some(plain)
}

/// The text with `{# … #}` comments removed (line breaks inside them kept).
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{#") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("#}") {
            Some(end) => {
                out.extend(after[..end].chars().filter(|&c| c == '\n'));
                rest = &after[end + 2..];
            }
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The tags of `text`: (`%` or `{`, the body between the delimiters, trimmed of `-`).
fn tags(text: &str) -> Vec<(char, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start..];
        let (kind, close) = match after.as_bytes().get(1) {
            Some(b'%') => ('%', "%}"),
            Some(b'{') => ('{', "}}"),
            _ => {
                rest = &after[1..];
                continue;
            }
        };
        match after[2..].find(close) {
            Some(end) => {
                let body = after[2..2 + end].trim_matches('-').trim().to_string();
                out.push((kind, body));
                rest = &after[2 + end + close.len()..];
            }
            None => break,
        }
    }
    out
}

/// `extends "base.md.tera"` → `base.md.tera`.
fn quoted_after(body: &str, keyword: &str) -> Option<String> {
    let rest = body.strip_prefix(keyword)?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let inner = &rest[1..];
    inner.find(quote).map(|end| inner[..end].to_string())
}

/// Catalogue keys named in a tag body: quoted (`key="k"`) or as `figures.k`; with whether it was
/// `figures.k.previous`.
fn keys_in(body: &str, catalogue: &Catalogue) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let bytes = body.as_bytes();
    let ident = |from: usize| {
        let end = bytes[from..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
            .map_or(bytes.len(), |n| from + n);
        (&body[from..end], end)
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'"' || b == b'\'' {
            let (word, end) = ident(i + 1);
            if bytes.get(end) == Some(&b) && catalogue.get(word).is_some() {
                out.push((word.to_string(), false));
            }
            i = end.max(i + 1);
        } else if bytes[i..].starts_with(b"figures.") && (i == 0 || !is_ident(bytes[i - 1])) {
            let (word, end) = ident(i + "figures.".len());
            if catalogue.get(word).is_some() {
                out.push((word.to_string(), body[end..].starts_with(".previous")));
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annual_reaches_base_and_names_its_sections() {
        assert_eq!(
            chain("annual.md.tera"),
            vec!["base.md.tera", "annual.md.tera"]
        );
        let (catalogue, _) = Catalogue::builtin();
        let scan = scan("annual.md.tera", &catalogue);
        let first = &scan.figures[0];
        assert_eq!(first.block, "canbao");
        assert_eq!(first.heading, "参保扩面");
        assert!(scan.figures.len() > 300, "{}", scan.figures.len());
        assert!(
            scan.blocks
                .iter()
                .any(|b| b.name == "jijin" && b.heading == "基金收支与结余")
        );
        // Used with yoy(): wants a previous-period value.
        assert!(
            scan.figures
                .iter()
                .any(|f| f.key == "jumin_chouzi_zonge" && f.with_previous)
        );
    }

    #[test]
    fn keys_come_from_quotes_and_figure_paths_only() {
        let (catalogue, _) = Catalogue::builtin();
        let keys = keys_in(
            r#"if figures.jumin_canbao_renshu is defined and figures.nope is defined or fig(key="jumin_canbao_lv") ~ "jumin_canbao_renshux""#,
            &catalogue,
        );
        assert_eq!(
            keys,
            vec![
                ("jumin_canbao_renshu".to_string(), false),
                ("jumin_canbao_lv".to_string(), false)
            ]
        );
    }
}
