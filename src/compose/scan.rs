//! A small reader of Tera template text: tags (`{% %}`, `{{ }}`, `{# #}`, raw blocks) and the
//! tokens inside them, the way Tera's own lexer splits them (string literals with `\` escapes
//! may hold `%}`; the first closing delimiter outside a string ends a tag).
//!
//! Tera keeps its syntax tree private, so everything compose needs to know about a template
//! before or beside rendering is read here: the names a template includes or extends, the
//! blocks it defines (and whether they call `super()`), the figure keys written literally in
//! `fig(key="…")` and friends, an unclosed `{% if %}`, and the places the budget hooks go
//! (`instrument`); what it says of `figures` is read by `mentions`.

use std::ops::Range;

/// What a tag is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TagKind {
    /// `{% … %}`.
    Statement,
    /// `{{ … }}`.
    Expression,
    /// `{# … #}`.
    Comment,
    /// `{% raw %}…{% endraw %}`, as one tag: nothing inside is read.
    Raw,
}

/// One tag of a template, by byte offsets into its text.
#[derive(Debug, Clone)]
pub(super) struct Tag {
    /// What it is.
    pub kind: TagKind,
    /// Offset of its opening `{`.
    pub start: usize,
    /// Offset just after its closing delimiter.
    pub end: usize,
    /// What is between the delimiters (and their `-` markers).
    pub body: Range<usize>,
    /// Closed with `-%}` / `-}}`: the whitespace after it is trimmed.
    pub trim_after: bool,
}

/// Every tag of `text`, in order. An unterminated tag ends the list (Tera reports it).
pub(super) fn tags(text: &str) -> Vec<Tag> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(found) = find_from(bytes, i, b"{") {
        let start = found;
        let kind = match bytes.get(start + 1) {
            Some(b'%') => TagKind::Statement,
            Some(b'{') => TagKind::Expression,
            Some(b'#') => TagKind::Comment,
            _ => {
                i = start + 1;
                continue;
            }
        };
        let open = if bytes.get(start + 2) == Some(&b'-') {
            3
        } else {
            2
        };
        let body_start = start + open;
        let close: &[u8] = match kind {
            TagKind::Statement => b"%}",
            TagKind::Expression => b"}}",
            _ => b"#}",
        };
        let Some(close_at) = (if kind == TagKind::Comment {
            find_from(bytes, body_start, close)
        } else {
            find_outside_strings(bytes, body_start, close)
        }) else {
            break;
        };
        let trim_after = close_at > body_start && bytes[close_at - 1] == b'-';
        let body_end = if trim_after { close_at - 1 } else { close_at };
        let mut tag = Tag {
            kind,
            start,
            end: close_at + 2,
            body: body_start..body_end,
            trim_after,
        };
        if kind == TagKind::Statement && first_word(text, &tag) == Some("raw") {
            // Everything up to `{% endraw %}` is text.
            let mut j = tag.end;
            loop {
                let Some(next) = find_from(bytes, j, b"{%") else {
                    return out;
                };
                let inner = next
                    + if bytes.get(next + 2) == Some(&b'-') {
                        3
                    } else {
                        2
                    };
                let Some(close_at) = find_from(bytes, inner, b"%}") else {
                    return out;
                };
                if text[inner..close_at].trim().trim_end_matches('-').trim() == "endraw" {
                    tag.kind = TagKind::Raw;
                    tag.end = close_at + 2;
                    break;
                }
                j = next + 2;
            }
        }
        i = tag.end;
        out.push(tag);
    }
    out
}

/// The first byte offset of `needle` in `bytes` at or after `from`.
fn find_from(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// The first `needle` at or after `from` that is not inside a string literal.
fn find_outside_strings(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        let c = bytes[i];
        if matches!(c, b'"' | b'\'' | b'`') {
            i = string_end(bytes, i)?;
            continue;
        }
        if bytes[i..].starts_with(needle) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The offset just after the string literal opening at `start` (`\` escapes one byte).
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let quote = bytes[start];
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            c if c == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TokKind {
    /// A name or keyword.
    Ident,
    /// A string literal, quotes included.
    Str,
    /// A number.
    Number,
    /// Any other character (`(`, `=`, `.`, `|` …), one at a time.
    Punct,
}

/// One token inside a tag.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tok<'a> {
    /// What it is.
    pub kind: TokKind,
    /// Its text (a string keeps its quotes).
    pub text: &'a str,
    /// Its byte offset in the template.
    pub start: usize,
}

impl Tok<'_> {
    /// The byte offset just after it.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// Whether it is the punctuation `c`.
    pub fn is(&self, c: &str) -> bool {
        self.kind == TokKind::Punct && self.text == c
    }

    /// Whether it is the name or keyword `word`.
    pub fn is_word(&self, word: &str) -> bool {
        self.kind == TokKind::Ident && self.text == word
    }

    /// A string literal's content (simple escapes undone).
    pub fn string(&self) -> Option<String> {
        if self.kind != TokKind::Str || self.text.len() < 2 {
            return None;
        }
        let inner = &self.text[1..self.text.len() - 1];
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(other) => out.push(other),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        Some(out)
    }
}

/// The tokens of `text[range]`.
pub(super) fn tokens(text: &str, range: Range<usize>) -> Vec<Tok<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = range.start;
    while i < range.end {
        let c = bytes[i];
        let (kind, end) = if c.is_ascii_whitespace() {
            i += 1;
            continue;
        } else if matches!(c, b'"' | b'\'' | b'`') {
            (
                TokKind::Str,
                string_end(bytes, i).unwrap_or(range.end).min(range.end),
            )
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let len = bytes[i..range.end]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                .count();
            (TokKind::Ident, i + len)
        } else if c.is_ascii_digit() {
            let len = bytes[i..range.end]
                .iter()
                .take_while(|b| b.is_ascii_digit() || **b == b'.' || **b == b'_')
                .count();
            (TokKind::Number, i + len)
        } else {
            // One character, whole (a CJK character outside a string is a syntax error anyway).
            let len = text[i..].chars().next().map_or(1, char::len_utf8);
            (TokKind::Punct, i + len)
        };
        out.push(Tok {
            kind,
            text: &text[i..end],
            start: i,
        });
        i = end;
    }
    out
}

/// The text outside tags (what a template writes as it stands), with the offset of each piece.
pub(super) fn text_segments<'a>(text: &'a str, tags: &[Tag]) -> Vec<(usize, &'a str)> {
    let mut out = Vec::new();
    let mut last = 0;
    for t in tags {
        if t.start > last {
            out.push((last, &text[last..t.start]));
        }
        last = t.end;
    }
    if last < text.len() {
        out.push((last, &text[last..]));
    }
    out
}

/// The first word of a statement tag (`if`, `for`, `endif`, `block` …).
pub(super) fn first_word<'a>(text: &'a str, tag: &Tag) -> Option<&'a str> {
    let body = text.get(tag.body.clone())?.trim_start();
    let len = body
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    (len > 0).then(|| &body[..len])
}

/// The names quoted in `{% include "…" %}` and `{% extends "…" %}`, with the offset of the name.
pub(super) fn template_references(text: &str, tags: &[Tag]) -> Vec<(String, usize)> {
    tags.iter()
        .filter(|t| t.kind == TagKind::Statement)
        .filter(|t| matches!(first_word(text, t), Some("include" | "extends")))
        .filter_map(|t| {
            let toks = tokens(text, t.body.clone());
            let name = toks.get(1)?;
            Some((name.string()?, name.start))
        })
        .collect()
}

/// A block a template defines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct BlockDef {
    /// Its name.
    pub name: String,
    /// Whether its body calls `super()` (so the parent's content still renders).
    pub calls_super: bool,
    /// The blocks it sits in, outermost first.
    pub parents: Vec<String>,
}

/// Every block `text` defines, with the blocks around it.
pub(super) fn blocks(text: &str, tags: &[Tag]) -> Vec<BlockDef> {
    let mut out: Vec<BlockDef> = Vec::new();
    // (index into out, body start)
    let mut open: Vec<(usize, usize)> = Vec::new();
    for t in tags.iter().filter(|t| t.kind == TagKind::Statement) {
        match first_word(text, t) {
            Some("block") => {
                let toks = tokens(text, t.body.clone());
                let name = toks.get(1).map_or("", |n| n.text).to_string();
                let parents = open.iter().map(|(i, _)| out[*i].name.clone()).collect();
                out.push(BlockDef {
                    name,
                    calls_super: false,
                    parents,
                });
                open.push((out.len() - 1, t.end));
            }
            Some("endblock") => {
                if let Some((i, body_start)) = open.pop() {
                    out[i].calls_super = text
                        .get(body_start..t.start)
                        .is_some_and(|b| b.contains("super("));
                }
            }
            _ => {}
        }
    }
    out
}

/// A template function called with literal arguments: `fig(key="jumin_canbao_renshu", …)`.
#[derive(Debug, Clone)]
pub(super) struct Call {
    /// The function's name.
    pub function: String,
    /// Its keyword arguments whose value is a string literal: (name, value, value's offset).
    pub strings: Vec<(String, String, usize)>,
}

/// Every call of one of `functions` in `text`, with its string-literal arguments.
pub(super) fn calls(text: &str, tags: &[Tag], functions: &[&str]) -> Vec<Call> {
    let mut out = Vec::new();
    for t in tags
        .iter()
        .filter(|t| matches!(t.kind, TagKind::Statement | TagKind::Expression))
        .filter(|t| functions.iter().any(|f| text[t.body.clone()].contains(f)))
    {
        let toks = tokens(text, t.body.clone());
        for (i, tok) in toks.iter().enumerate() {
            let preceded_by_dot = i > 0 && toks[i - 1].is(".");
            if tok.kind != TokKind::Ident
                || preceded_by_dot
                || !functions.contains(&tok.text)
                || !toks.get(i + 1).is_some_and(|n| n.is("("))
            {
                continue;
            }
            let mut call = Call {
                function: tok.text.to_string(),
                strings: Vec::new(),
            };
            let mut depth = 0usize;
            let mut j = i + 1;
            while let Some(k) = toks.get(j) {
                if k.is("(") || k.is("[") || k.is("{") {
                    depth += 1;
                } else if k.is(")") || k.is("]") || k.is("}") {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                } else if depth == 1
                    && k.kind == TokKind::Ident
                    && toks.get(j + 1).is_some_and(|e| e.is("="))
                    && let Some(v) = toks.get(j + 2)
                    && let Some(s) = v.string()
                    && toks.get(j + 3).is_some_and(|n| n.is(",") || n.is(")"))
                {
                    call.strings.push((k.text.to_string(), s, v.start));
                }
                j += 1;
            }
            out.push(call);
        }
    }
    out
}

/// A block-opening tag without its closing tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Unclosed {
    /// The opening word (`if`, `for`, `block` …).
    pub word: String,
    /// The closing tag it needs (`endif` …).
    pub needs: String,
    /// The opening tag's offset.
    pub start: usize,
    /// The closing tag found instead, and its offset (None: the template ended first).
    pub found: Option<(String, usize)>,
}

/// The first opening tag left unclosed (or closed by the wrong end tag), if any.
pub(super) fn unclosed(text: &str) -> Option<Unclosed> {
    let mut open: Vec<(String, usize)> = Vec::new();
    for t in tags(text).iter().filter(|t| t.kind == TagKind::Statement) {
        let Some(word) = first_word(text, t) else {
            continue;
        };
        let opens = match word {
            "if" | "for" | "block" | "filter" | "component" => true,
            "set" | "set_global" => {
                // `{% set x %}…{% endset %}` captures; `{% set x = … %}` does not.
                !tokens(text, t.body.clone()).iter().any(|k| k.is("="))
            }
            _ => false,
        };
        if opens {
            let word = if word == "set_global" { "set" } else { word };
            open.push((word.to_string(), t.start));
        } else if let Some(closed) = word.strip_prefix("end") {
            match open.pop() {
                Some((w, _)) if w == closed => {}
                Some((w, start)) => {
                    return Some(Unclosed {
                        needs: format!("end{w}"),
                        word: w,
                        start,
                        found: Some((word.to_string(), t.start)),
                    });
                }
                None => {
                    return Some(Unclosed {
                        word: String::new(),
                        needs: String::new(),
                        start: t.start,
                        found: Some((word.to_string(), t.start)),
                    });
                }
            }
        }
    }
    open.pop().map(|(word, start)| Unclosed {
        needs: format!("end{word}"),
        word,
        start,
        found: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_skip_strings_comments_and_raw() {
        let t = r#"a{{ "}}" ~ x -}} b{# {% if %} #}{% raw %}{{ no }}{% endraw %}{%- if y %}"#;
        let kinds: Vec<_> = tags(t)
            .iter()
            .map(|g| (g.kind, &t[g.start..g.end]))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (TagKind::Expression, r#"{{ "}}" ~ x -}}"#),
                (TagKind::Comment, "{# {% if %} #}"),
                (TagKind::Raw, "{% raw %}{{ no }}{% endraw %}"),
                (TagKind::Statement, "{%- if y %}"),
            ]
        );
        assert!(tags(t)[0].trim_after);
    }

    #[test]
    fn references_blocks_calls_and_mentions() {
        let t = concat!(
            "{% extends \"annual.md.tera\" %}{% block canbao %}{{ super() }}",
            "{% if figures.a is defined %}{{ fig(key=\"a\", unit=true) }}{% endif %}",
            "{{ yoy(key=\"b\", growth='g') }}{{ x.fig(key=\"no\") }}{% endblock canbao %}",
            "{% block summary %}{% block inner %}{% endblock %}{% endblock %}"
        );
        let g = tags(t);
        assert_eq!(
            template_references(t, &g),
            vec![("annual.md.tera".to_string(), 11)]
        );
        let b = blocks(t, &g);
        assert_eq!(b.len(), 3);
        assert!(b[0].calls_super);
        assert_eq!(b[2].parents, vec!["summary".to_string()]);
        let c = calls(t, &g, &["fig", "yoy"]);
        assert_eq!(c.len(), 2);
        assert_eq!(
            c[0].strings,
            vec![("key".into(), "a".into(), t.find("\"a\", unit").unwrap_or(0))]
        );
        assert_eq!(c[1].strings.len(), 2);
        let (keys, whole) = super::super::mentions::figure_mentions(t);
        assert_eq!(keys, vec!["a".to_string()]);
        assert!(!whole);
    }

    #[test]
    fn unclosed_names_the_missing_end_tag() {
        let t = "a\n{% if x %}\n{% for i in y %}{% endfor %}\n";
        let u = unclosed(t).expect("unclosed");
        assert_eq!(
            (u.word.as_str(), u.needs.as_str(), u.start),
            ("if", "endif", 2)
        );
        assert_eq!(u.found, None);
        let t = "{% if x %}{% endfor %}";
        let u = unclosed(t).expect("mismatched");
        assert_eq!(u.needs, "endif");
        assert_eq!(u.found, Some(("endfor".to_string(), 10)));
        assert_eq!(unclosed("{% set x = 1 %}{% set y %}a{% endset %}"), None);
        assert_eq!(unclosed("{% raw %}{% if %}{% endraw %}"), None);
    }
}
