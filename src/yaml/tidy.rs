//! What a Chinese input method puts into a YAML file's structure, read as meant and reported:
//! a full-width colon after a key (`agency：三门县`), full-width or other non-ASCII spaces used
//! as indentation, a byte-order mark at the start of a line (two files pasted together).
//!
//! The text is rewritten before parsing (`：` → `: `, `U+3000` → two spaces, NBSP → one
//! space, the mark removed) and every node's place is mapped back, so locations stay those of
//! the file as written. Block scalars and comments are left alone; a full-width colon is taken
//! for a key's only after an ASCII key (`agency：`): anything else is text.

use super::tree::{Mark, Node, Value};
use crate::hashed::HashMap;
use std::borrow::Cow;

/// What was found and read as meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    /// `key：` — the key.
    Colon(String),
    /// A non-ASCII space in the indentation.
    Indent(char),
    /// A byte-order mark at the start of a line.
    Bom,
}

/// The text as parsed, what was found (with its place in the file as written), and how to
/// map places back.
pub(crate) struct Tidied<'t> {
    /// The text to parse.
    pub text: Cow<'t, str>,
    /// Each finding at its original line and column.
    pub found: Vec<(Found, Mark)>,
    /// Per changed line: (first new column shifted, shift) in order.
    shifts: HashMap<u32, Vec<(u32, i64)>>,
}

impl Tidied<'_> {
    /// The place in the file as written of a place in the tidied text.
    pub fn original(&self, m: Mark) -> Mark {
        let Some(edits) = self.shifts.get(&m.line()) else {
            return m;
        };
        let shift: i64 = edits
            .iter()
            .filter(|(from, _)| *from <= m.column())
            .map(|(_, s)| s)
            .sum();
        let column = i64::from(m.column()) - shift;
        Mark::new(m.line(), u32::try_from(column.max(1)).unwrap_or(1))
    }

    /// Maps every mark of a tree back to the file as written.
    pub fn remap(&self, node: &mut Node<'_>) {
        if self.shifts.is_empty() {
            return;
        }
        node.mark = self.original(node.mark);
        match &mut node.value {
            Value::Scalar(..) => {}
            Value::Seq(items) => items.iter_mut().for_each(|n| self.remap(n)),
            Value::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
                self.remap(k);
                self.remap(v);
            }),
        }
    }
}

/// Rewrites what an input method put into the structure of `text` (see the module).
pub(crate) fn tidy(text: &str) -> Tidied<'_> {
    // Nearly every file is clean: one quick pass says so (no full-width colon anywhere, no
    // line whose content starts with a non-ASCII character, so no line is a candidate below).
    let bytes = text.as_bytes();
    let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
    if memchr::memmem::find(bytes, "：".as_bytes()).is_none()
        && starts
            .map(|s| bytes[s..].iter().find(|&&b| b != b' '))
            .all(|first| first.is_none_or(|b| *b < 0x80))
    {
        return Tidied {
            text: Cow::Borrowed(text),
            found: Vec::new(),
            shifts: HashMap::default(),
        };
    }
    let mut out: Option<String> = None;
    let mut found = Vec::new();
    let mut shifts: HashMap<u32, Vec<(u32, i64)>> = HashMap::default();
    let mut block: Option<usize> = None;
    let mut done = 0; // bytes of `text` already copied into `out`
    let mut start = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let at = start;
        start += line.len();
        let no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let body = line.trim_end_matches(['\n', '\r']);
        let content = body.trim_start_matches(' ');
        let indent = body.len() - content.len();
        if let Some(n) = block {
            if content.is_empty() || indent > n {
                continue;
            }
            block = None;
        }
        // Only a line whose content starts with a non-ASCII character (a full-width space, a
        // byte-order mark) or that holds a full-width colon can need rewriting.
        let candidate =
            content.as_bytes().first().is_some_and(|b| *b >= 0x80) || body.contains('：');
        let ends_block = |t: &str| {
            let t = t.trim_end();
            (t.ends_with('|') || t.ends_with('>') || t.ends_with("|-") || t.ends_with(">-"))
                && !t.trim_start().starts_with('#')
        };
        if !candidate {
            if ends_block(body) {
                block = Some(indent);
            }
            continue;
        }
        let (new, edits) = tidy_line(body, no, &mut found);
        if ends_block(&new) {
            block = Some(new.len() - new.trim_start_matches(' ').len());
        }
        if let Cow::Owned(new) = new {
            let o = out.get_or_insert_with(|| String::with_capacity(text.len() + 16));
            o.push_str(&text[done..at]);
            o.push_str(&new);
            o.push_str(&line[body.len()..]);
            done = start;
            if !edits.is_empty() {
                shifts.insert(no, edits);
            }
        }
    }
    let text = match out {
        Some(mut o) => {
            o.push_str(&text[done..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(text),
    };
    Tidied {
        text,
        found,
        shifts,
    }
}

/// One line rewritten, with its column shifts (new column from which, by how much).
fn tidy_line<'l>(
    line: &'l str,
    no: u32,
    found: &mut Vec<(Found, Mark)>,
) -> (Cow<'l, str>, Vec<(u32, i64)>) {
    let mut out = String::new();
    let mut edits: Vec<(u32, i64)> = Vec::new();
    // Columns are 1-based characters: `old` in the line as written, `new` in the rewrite.
    let (mut old, mut new) = (1u32, 1u32);
    let mut chars = line.char_indices().peekable();
    // One finding per line for its indentation.
    let mut noted = false;
    let mut note = |c: char, old: u32, found: &mut Vec<(Found, Mark)>| {
        if !noted {
            found.push((Found::Indent(c), Mark::new(no, old)));
            noted = true;
        }
    };
    // Indentation: spaces, and what an input method or a pasted file puts there.
    while let Some(&(_, c)) = chars.peek() {
        match c {
            ' ' => out.push(' '),
            '\u{3000}' => {
                note(c, old, found);
                out.push_str("  ");
                edits.push((new + 2, 1));
                new += 1;
            }
            '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => {
                note(c, old, found);
                out.push(' ');
            }
            '\u{FEFF}' => {
                found.push((Found::Bom, Mark::new(no, old)));
                edits.push((new, -1));
                chars.next();
                old += 1;
                continue;
            }
            _ => break,
        }
        chars.next();
        old += 1;
        new += 1;
    }
    // Sequence markers, then an ASCII key followed by a full-width colon.
    let rest_at = chars.peek().map_or(line.len(), |&(i, _)| i);
    let rest = &line[rest_at..];
    let mut markers = 0;
    while rest[markers..].starts_with("- ") {
        markers += 2;
        markers += rest[markers..].len() - rest[markers..].trim_start_matches(' ').len();
    }
    let key_part = &rest[markers..];
    let key_len = key_part
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    let starts_ok = key_part
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_');
    let after_key = key_part[key_len..].trim_start_matches(' ');
    if starts_ok && after_key.starts_with('：') {
        let colon_byte = rest_at + markers + (key_part.len() - after_key.len());
        let prefix = &line[rest_at..colon_byte];
        let colon_col = old + u32::try_from(prefix.chars().count()).unwrap_or(0);
        let new_colon = new + u32::try_from(prefix.chars().count()).unwrap_or(0);
        found.push((
            Found::Colon(key_part[..key_len].to_string()),
            Mark::new(no, colon_col),
        ));
        out.push_str(prefix);
        out.push(':');
        let tail = &line[colon_byte + '：'.len_utf8()..];
        if !tail.is_empty() && !tail.starts_with(' ') {
            out.push(' ');
            edits.push((new_colon + 2, 1));
        }
        out.push_str(tail);
    } else {
        out.push_str(rest);
    }
    if edits.is_empty() && found.last().is_none_or(|(_, m)| m.line() != no) {
        return (Cow::Borrowed(line), edits);
    }
    (Cow::Owned(out), edits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colons_and_indentation_are_read_as_meant() {
        let t = tidy("meta:\n  agency：三门县\n\u{3000}period: 2020\n- x：1\ntitle: 关于：某事\n");
        assert_eq!(
            t.text,
            "meta:\n  agency: 三门县\n  period: 2020\n- x: 1\ntitle: 关于：某事\n"
        );
        assert_eq!(
            t.found,
            vec![
                (Found::Colon("agency".into()), Mark::new(2, 9)),
                (Found::Indent('\u{3000}'), Mark::new(3, 1)),
                (Found::Colon("x".into()), Mark::new(4, 4)),
            ]
        );
        // `三门县` starts at column 11 in the rewrite, column 10 as written.
        assert_eq!(t.original(Mark::new(2, 11)), Mark::new(2, 10));
        // `2020` starts at column 11 in the rewrite, column 10 as written.
        assert_eq!(t.original(Mark::new(3, 11)), Mark::new(3, 10));
        assert_eq!(t.original(Mark::new(5, 8)), Mark::new(5, 8));
    }

    #[test]
    fn block_scalars_comments_and_plain_files_are_left_alone() {
        let text = "note: |\n  agency：x\n# a：b\nk: v\n";
        let t = tidy(text);
        assert_eq!(t.text, text);
        assert!(t.found.is_empty());
        assert!(matches!(tidy("a: 1\n").text, Cow::Borrowed(_)));
    }

    #[test]
    fn a_byte_order_mark_inside_the_file_is_removed() {
        let t = tidy("a: 1\n\u{FEFF}b: 2\n");
        assert_eq!(t.text, "a: 1\nb: 2\n");
        assert_eq!(t.found, vec![(Found::Bom, Mark::new(2, 1))]);
        assert_eq!(t.original(Mark::new(2, 4)), Mark::new(2, 5));
    }
}
