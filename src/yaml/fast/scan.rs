//! The character-level scanning of the fast reader: which characters it declines, keys,
//! plain and quoted scalars on one line, columns.

use super::super::tree::{Mark, Node, Style};
use super::{Declined, Fast};
use std::borrow::Cow;

/// Bytes [`line_length`] looks at closely: controls, DEL, and the lead bytes of the refused
/// multi-byte characters; everything else passes at one table lookup a byte.
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

/// The length of the first line of `text` (up to its `\n`, or all of it), declining tabs,
/// lone carriage returns, control characters, and the characters YAML treats as line breaks or
/// byte-order marks (NEL, LS, PS, BOM) or refuses (U+FFFE, U+FFFF, C1 controls) in it. One pass
/// finds the line end and checks the line.
pub(super) fn line_length(text: &str) -> Fast<usize> {
    let b = text.as_bytes();
    let mut start = 0;
    while start < b.len() {
        // Eight bytes at a time pass at once when none of them needs a look; a group holding
        // one is looked at byte by byte.
        if let Some(group) = b.get(start..start + 8)
            && let Ok(group) = <[u8; 8]>::try_from(group)
            && !needs_look(u64::from_le_bytes(group))
        {
            start += 8;
            continue;
        }
        let end = (start + 8).min(b.len());
        for i in start..end {
            match b[i] {
                b'\n' => return Ok(i),
                // A carriage return ends a line (CRLF) or the text.
                b'\r' if matches!(b.get(i + 1), None | Some(b'\n')) => {}
                c if LOOK[usize::from(c)] && refused_at(b, i) => return Err(Declined),
                _ => {}
            }
        }
        start = end;
    }
    Ok(b.len())
}

/// Whether any of the eight bytes of `w` is one [`line_length`] looks at: a control (line
/// ends included, below 0x20), DEL, or a lead byte 0xC2, 0xE2 or 0xEF. Chinese text (lead bytes 0xE3–0xE9)
/// passes eight bytes at a time.
fn needs_look(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Exact for “some byte is zero” (a false hit can only follow a true one).
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    has_zero(w & (0xE0 * ONES))
        || has_zero(w ^ (0x7F * ONES))
        || has_zero(w ^ (0xC2 * ONES))
        || has_zero(w ^ (0xE2 * ONES))
        || has_zero(w ^ (0xEF * ONES))
}

/// Whether the byte at `i` (one [`line_length`] looks at) starts a refused character.
fn refused_at(b: &[u8], i: usize) -> bool {
    {
        let c = b[i];
        match c {
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
        }
    }
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
    // Bytes that end or decline a plain scalar in a flow collection; the rest are skipped at
    // one table lookup a byte.
    const STOP: [bool; 256] = {
        let mut t = [false; 256];
        let stops = *b",[]{}:#";
        let mut i = 0;
        while i < stops.len() {
            t[stops[i] as usize] = true;
            i += 1;
        }
        t
    };
    let mut q = p;
    loop {
        while t.get(q).is_some_and(|&c| !STOP[usize::from(c)]) {
            q += 1;
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refused_character_is_found_wherever_it_sits() {
        let plain = "  - {key: g0_t, name: 第0组指标t, unit: \"人\", kind: flow}";
        assert_eq!(line_length(plain), Ok(plain.len()));
        assert_eq!(line_length("a b~}|{"), Ok(7));
        assert_eq!(line_length("value\r\nnext"), Ok(6));
        assert_eq!(line_length("value\r"), Ok(6));
        assert_eq!(
            line_length("第0组指标t中文中文\n\t"),
            Ok("第0组指标t中文中文".len())
        );
        for bad in [
            "\t", "\u{7f}", "\u{0}", "\r", "\u{85}", "\u{2028}", "\u{feff}", "\u{ffff}",
        ] {
            for at in 0..20 {
                let text = format!("{}{bad}{}", &"abcdefghijklmnopqrst"[..at], "xyz 中文");
                assert_eq!(line_length(&text), Err(Declined), "{bad:?} at {at}");
                assert_eq!(line_length(&format!("{text}\nnext")), Err(Declined));
            }
        }
    }

    #[test]
    fn eight_bytes_at_once_look_at_what_one_at_a_time_looks_at() {
        for byte in 0..=255u8 {
            for at in 0..8 {
                let mut group = *b"abcdefgh";
                group[at] = byte;
                // A line end is looked at too: it ends the line.
                let expected = LOOK[usize::from(byte)] || byte == b'\n';
                assert_eq!(
                    needs_look(u64::from_le_bytes(group)),
                    expected,
                    "{byte:#x} at {at}"
                );
            }
        }
        let chinese = "第0组指标t中文".as_bytes();
        let group = <[u8; 8]>::try_from(&chinese[..8]).unwrap_or_default();
        assert!(!needs_look(u64::from_le_bytes(group)));
    }

    #[test]
    fn columns_count_characters() {
        let line = "  - {name: 第0组指标t, unit: 人}";
        let unit = line.find("unit").unwrap_or(0);
        assert_eq!(column(line, unit), 20);
        assert_eq!(column(line, 0), 1);
        assert_eq!(column("ab", 2), 3);
    }
}
