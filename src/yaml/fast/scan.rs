//! The character-level scanning of the fast reader: which characters it declines, keys,
//! plain and quoted scalars on one line, columns.

use super::super::tree::{Mark, Node, Style};
use super::{Declined, Fast};
use std::borrow::Cow;

/// Declines tabs, lone carriage returns, control characters, and the characters YAML treats as
/// line breaks or byte-order marks (NEL, LS, PS, BOM) or refuses (U+FFFE, U+FFFF, C1 controls).
pub(super) fn check_characters(text: &str) -> Fast<()> {
    // Bytes that need a closer look: controls, DEL, and the lead bytes of the refused
    // multi-byte characters; everything else passes at one table lookup a byte.
    const LOOK: [bool; 256] = {
        let mut t = [false; 256];
        let mut i = 0;
        while i < 0x20 {
            t[i] = i != b'\n' as usize;
            i += 1;
        }
        t[0x7F] = true;
        t[0xC2] = true;
        t[0xE2] = true;
        t[0xEF] = true;
        t
    };
    let b = text.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if !LOOK[usize::from(c)] {
            continue;
        }
        let bad = match c {
            b'\r' => b.get(i + 1) != Some(&b'\n'),
            0x00..=0x1F | 0x7F => true,
            // U+0080–U+009F (C1, NEL among them).
            0xC2 => matches!(b.get(i + 1), Some(0x80..=0x9F)),
            // U+2028, U+2029.
            0xE2 => b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA8 | 0xA9)),
            // U+FEFF, U+FFFE, U+FFFF.
            _ => matches!(
                (b.get(i + 1), b.get(i + 2)),
                (Some(0xBB), Some(0xBF)) | (Some(0xBF), Some(0xBE | 0xBF))
            ),
        };
        if bad {
            return Err(Declined);
        }
    }
    Ok(())
}

/// Characters that may not start a plain scalar.
pub(super) fn is_indicator(c: u8) -> bool {
    matches!(
        c,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

/// Flow indicators: they end a plain scalar inside `[…]` and `{…}`.
pub(super) fn is_flow_indicator(c: u8) -> bool {
    matches!(c, b',' | b'[' | b']' | b'{' | b'}')
}

/// The 1-based column of byte `pos` of `text`.
pub(super) fn column(text: &str, pos: usize) -> u32 {
    let prefix = &text[..pos];
    let n = if prefix.is_ascii() {
        pos
    } else {
        prefix.chars().count()
    };
    u32::try_from(n + 1).unwrap_or(u32::MAX)
}

/// The first byte at or after `p` that is not a space.
pub(super) fn skip_spaces(t: &[u8], mut p: usize) -> usize {
    while t.get(p) == Some(&b' ') {
        p += 1;
    }
    p
}

/// What may follow a value on its line: spaces, then nothing or a comment.
pub(super) fn only_comment_after(t: &[u8], end: usize) -> bool {
    let p = skip_spaces(t, end);
    p == t.len() || (t[p] == b'#' && p > end)
}

/// Whether the item content at byte `p` is a `key:` (so the item is a compact mapping).
pub(super) fn starts_entry(t: &[u8], p: usize) -> bool {
    let after_key = match t[p] {
        b'"' | b'\'' => {
            let quote = t[p];
            let Some(close) = t[p + 1..].iter().position(|&c| c == quote) else {
                return false;
            };
            skip_spaces(t, p + 1 + close + 1)
        }
        b'[' | b'{' => return false,
        _ => {
            let mut q = p;
            loop {
                match t.get(q) {
                    None => return false,
                    Some(b':') if matches!(t.get(q + 1), None | Some(b' ')) => return true,
                    Some(b'#') if q > p && t[q - 1] == b' ' => return false,
                    _ => q += 1,
                }
            }
        }
    };
    t.get(after_key) == Some(&b':') && matches!(t.get(after_key + 1), None | Some(b' '))
}

/// A block mapping key at byte `p` of line `no`: plain or quoted, followed by `:` and a space
/// or the line end. Returns the key and the colon's byte.
pub(super) fn key(text: &str, p: usize, no: u32) -> Fast<(Node<'_>, usize)> {
    let t = text.as_bytes();
    let (node, colon) = match t[p] {
        b'"' | b'\'' => {
            let (node, end) = quoted(text, p, no)?;
            (node, skip_spaces(t, end))
        }
        c if is_indicator(c) => return Err(Declined),
        _ => {
            let mut q = p;
            let colon = loop {
                match t.get(q) {
                    None => return Err(Declined),
                    Some(b':') if matches!(t.get(q + 1), None | Some(b' ')) => break q,
                    Some(b'#') if t[q - 1] == b' ' => return Err(Declined),
                    _ => q += 1,
                }
            };
            let k = text[p..colon].trim_end_matches(' ');
            if k == "<<" || k.len() > 1024 {
                return Err(Declined);
            }
            (
                Node::scalar(Mark::new(no, column(text, p)), k, Style::Plain),
                colon,
            )
        }
    };
    if t.get(colon) != Some(&b':') || !matches!(t.get(colon + 1), None | Some(b' ')) {
        return Err(Declined);
    }
    Ok((node, colon))
}

/// A flow mapping key at byte `p`: plain or quoted, then `:` and a space (or `,`/`}` after a
/// quoted key). Returns the key and the colon's byte.
pub(super) fn flow_key(text: &str, p: usize, no: u32) -> Fast<(Node<'_>, usize)> {
    let t = text.as_bytes();
    match t.get(p) {
        Some(b'"' | b'\'') => {
            let (node, end) = quoted(text, p, no)?;
            let colon = skip_spaces(t, end);
            if t.get(colon) == Some(&b':') && matches!(t.get(colon + 1), Some(b' ' | b',' | b'}')) {
                Ok((node, colon))
            } else {
                Err(Declined)
            }
        }
        Some(&c) if !is_indicator(c) => {
            let mut q = p;
            loop {
                match t.get(q) {
                    Some(b':') if t.get(q + 1) == Some(&b' ') => break,
                    Some(b':') | None => return Err(Declined),
                    Some(&c) if is_flow_indicator(c) => return Err(Declined),
                    Some(b'#') if t[q - 1] == b' ' => return Err(Declined),
                    _ => q += 1,
                }
            }
            let k = text[p..q].trim_end_matches(' ');
            if k == "<<" || k.len() > 1024 {
                return Err(Declined);
            }
            Ok((
                Node::scalar(Mark::new(no, column(text, p)), k, Style::Plain),
                q,
            ))
        }
        _ => Err(Declined),
    }
}

/// A plain scalar in block context, from byte `p` to the line end or a comment.
pub(super) fn block_plain(text: &str, p: usize, no: u32) -> Fast<Node<'_>> {
    let t = text.as_bytes();
    let c = t[p];
    if is_indicator(c)
        && !(matches!(c, b'-' | b'?' | b':') && matches!(t.get(p + 1), Some(&n) if n != b' '))
    {
        return Err(Declined);
    }
    let mut q = p;
    let end = loop {
        match t.get(q) {
            None => break q,
            Some(b'#') if t[q - 1] == b' ' => break q,
            Some(b':') if matches!(t.get(q + 1), None | Some(b' ')) => return Err(Declined),
            _ => q += 1,
        }
    };
    let s = text[p..end].trim_end_matches(' ');
    Ok(Node::scalar(
        Mark::new(no, column(text, p)),
        s,
        Style::Plain,
    ))
}

/// A plain scalar inside a flow collection: up to a flow indicator, a comment or the line end
/// (which declines: the collection would continue on the next line). A colon declines.
pub(super) fn flow_plain(text: &str, p: usize, no: u32) -> Fast<(Node<'_>, usize)> {
    let t = text.as_bytes();
    let c = t[p];
    if is_indicator(c)
        && !(matches!(c, b'-' | b'?')
            && matches!(t.get(p + 1), Some(&n) if n != b' ' && !is_flow_indicator(n)))
    {
        return Err(Declined);
    }
    let mut q = p;
    loop {
        match t.get(q) {
            None | Some(b':') => return Err(Declined),
            Some(b'#') if t[q - 1] == b' ' => return Err(Declined),
            Some(&c) if is_flow_indicator(c) => break,
            _ => q += 1,
        }
    }
    let s = text[p..q].trim_end_matches(' ');
    Ok((
        Node::scalar(Mark::new(no, column(text, p)), s, Style::Plain),
        q,
    ))
}

/// A one-line quoted scalar at byte `p` (`'…'` with `''` for a quote, or `"…"` without
/// escapes); returns it and the byte after the closing quote.
pub(super) fn quoted(text: &str, p: usize, no: u32) -> Fast<(Node<'_>, usize)> {
    let t = text.as_bytes();
    let mark = Mark::new(no, column(text, p));
    if t[p] == b'"' {
        let close = t[p + 1..]
            .iter()
            .position(|&c| c == b'"' || c == b'\\')
            .ok_or(Declined)?;
        if t[p + 1 + close] == b'\\' {
            return Err(Declined);
        }
        let end = p + 1 + close;
        return Ok((
            Node::scalar(mark, &text[p + 1..end], Style::Quoted),
            end + 1,
        ));
    }
    let mut q = p + 1;
    let mut owned: Option<String> = None;
    let mut from = q;
    loop {
        match t.get(q) {
            None => return Err(Declined),
            Some(b'\'') if t.get(q + 1) == Some(&b'\'') => {
                let s = owned.get_or_insert_with(String::new);
                s.push_str(&text[from..=q]);
                q += 2;
                from = q;
            }
            Some(b'\'') => break,
            _ => q += 1,
        }
    }
    let value: Cow<'_, str> = match owned {
        Some(mut s) => {
            s.push_str(&text[from..q]);
            Cow::Owned(s)
        }
        None => Cow::Borrowed(&text[p + 1..q]),
    };
    Ok((Node::scalar(mark, value, Style::Quoted), q + 1))
}
