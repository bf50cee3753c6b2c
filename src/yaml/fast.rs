//! The fast reader: the subset of YAML indicator files and catalogues are written in, read line
//! by line straight into the tree, about ten times faster than the full parser.
//!
//! Accepted: block mappings and sequences (a sequence may sit at its key's indentation, an item
//! may start a compact mapping `- key: v`), one-line flow collections (`{key: a, unit: 人}`,
//! `[a, b]`), plain scalars, one-line single-quoted scalars and one-line double-quoted scalars
//! without escapes, comments, blank lines, CRLF line ends.
//!
//! Everything else is declined and read by the full parser (`events`): anchors, aliases, tags,
//! block scalars, multi-line scalars and flow collections, complex and merge keys, documents
//! markers, directives, tabs, escapes, empty sequence items, any control or special line-break
//! character, nesting near the depth limit, and every error (duplicate keys included), so that
//! the full parser alone words errors. For what it accepts it builds the same tree as the full
//! parser, marks included (tested against it).

mod scan;

use super::tree::{Mark, Node, Value, first_duplicate};
use super::{MAX_DEPTH, MAX_NODES};
use scan::{
    block_plain, column, flow_key, flow_plain, key, line_length, only_comment_after, quoted,
    skip_spaces, starts_entry,
};

/// The fast reader does not take this text: read it with the full parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Declined;

/// A result of the fast reader.
type Fast<T> = Result<T, Declined>;

/// One line of the text, without its line end.
struct Line<'a> {
    /// The text, `\r\n` or `\n` removed.
    text: &'a str,
    /// 1-based line number.
    no: u32,
    /// Leading spaces.
    indent: usize,
    /// Empty, spaces only, or a comment.
    blank: bool,
}

/// Reads `text` (BOM already removed) into a tree, or declines it.
pub(crate) fn parse(text: &str) -> Fast<Node<'_>> {
    // Lines are split and checked as the reader reaches them, so a file declined early (deep
    // nesting, an anchor) costs nothing for the rest of its length.
    let mut p = Reader {
        lines: Vec::with_capacity(text.len() / 24 + 1),
        rest: Some(text),
        failed: false,
        i: 0,
        nodes: 0,
    };
    p.skip_blank();
    if p.at_end() {
        if p.failed {
            return Err(Declined);
        }
        return Ok(Node {
            mark: Mark::new(1, 1),
            value: Value::Map(Vec::new()),
        });
    }
    let indent = p.lines[p.i].indent;
    let root = p.block(indent, 1)?;
    p.skip_blank();
    if !p.at_end() || p.failed {
        return Err(Declined);
    }
    Ok(root)
}

/// `- ` or a lone `-`: a block sequence entry.
fn is_entry(rest: &str) -> bool {
    rest == "-" || rest.starts_with("- ")
}

/// The reader's position over the lines.
struct Reader<'a> {
    /// The lines split so far.
    lines: Vec<Line<'a>>,
    /// The text not split into lines yet (`None` once all is split).
    rest: Option<&'a str>,
    /// A line held something the fast reader declines: reading stops there.
    failed: bool,
    /// The current line.
    i: usize,
    /// Nodes made so far (the budget of the full parser applies here too).
    nodes: usize,
}

impl<'a> Reader<'a> {
    /// Whether line `i` exists, splitting (and checking) the text up to it.
    fn has(&mut self, i: usize) -> bool {
        while self.lines.len() <= i && !self.failed {
            let Some(rest) = self.rest else { break };
            let Ok(end) = line_length(rest) else {
                self.failed = true;
                break;
            };
            let raw = &rest[..end];
            self.rest = rest.get(end + 1..);
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            let indent = line.len() - line.trim_start_matches(' ').len();
            let content = &line[indent..];
            let Ok(no) = u32::try_from(self.lines.len() + 1) else {
                self.failed = true;
                break;
            };
            if indent == 0
                && (content.starts_with("---")
                    || content.starts_with("...")
                    || content.starts_with('%'))
            {
                self.failed = true;
                break;
            }
            self.lines.push(Line {
                text: line,
                no,
                indent,
                blank: content.is_empty() || content.starts_with('#'),
            });
        }
        self.lines.len() > i
    }

    /// Whether every line has been read (or reading stopped at a declined line).
    fn at_end(&mut self) -> bool {
        !self.has(self.i)
    }

    /// Moves past blank and comment lines.
    fn skip_blank(&mut self) {
        while self.has(self.i) && self.lines[self.i].blank {
            self.i += 1;
        }
    }

    /// Counts one node against the budget.
    fn count(&mut self) -> Fast<()> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(Declined);
        }
        Ok(())
    }

    /// A block node whose first line is the current one, at `indent`.
    fn block(&mut self, indent: usize, depth: usize) -> Fast<Node<'a>> {
        if is_entry(&self.lines[self.i].text[indent..]) {
            self.sequence(indent, depth, false)
        } else {
            self.mapping(indent, depth, None)
        }
    }

    /// After a value that ended its line: the next content line must not be indented deeper
    /// than `indent` (that would continue a multi-line scalar, or be an error).
    fn no_continuation(&mut self, indent: usize) -> Fast<()> {
        self.skip_blank();
        if !self.at_end() && self.lines[self.i].indent > indent {
            return Err(Declined);
        }
        Ok(())
    }

    /// A block sequence at `indent`. The parser places it at its first `-`, or, for a sequence
    /// written at its key's indentation (`indentless`), at its first item.
    fn sequence(&mut self, indent: usize, depth: usize, indentless: bool) -> Fast<Node<'a>> {
        if depth >= MAX_DEPTH {
            return Err(Declined);
        }
        self.count()?;
        let dash = Mark::new(
            self.lines[self.i].no,
            column(self.lines[self.i].text, indent),
        );
        let mut items = Vec::new();
        loop {
            self.skip_blank();
            if self.at_end() {
                break;
            }
            let line = &self.lines[self.i];
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                return Err(Declined);
            }
            let (text, t) = (line.text, line.text.as_bytes());
            if !is_entry(&text[indent..]) {
                break;
            }
            let p = skip_spaces(t, indent + 1);
            if p == t.len() || t[p] == b'#' || is_entry(&text[p..]) {
                return Err(Declined);
            }
            let item = if starts_entry(t, p) {
                // A compact mapping: its keys line up with the first one.
                self.mapping(p, depth + 1, Some(p))?
            } else {
                let item = self.inline(p, depth + 1)?;
                self.no_continuation(indent)?;
                item
            };
            items.push(item);
        }
        let first = items.first().map(|n| n.mark).ok_or(Declined)?;
        Ok(Node {
            mark: if indentless { first } else { dash },
            value: Value::Seq(items),
        })
    }

    /// A block mapping whose keys are at `indent`; `first` is where the first key starts on
    /// the current line when the mapping starts inside a sequence item.
    fn mapping(&mut self, indent: usize, depth: usize, first: Option<usize>) -> Fast<Node<'a>> {
        if depth >= MAX_DEPTH {
            return Err(Declined);
        }
        self.count()?;
        let mut entries = Vec::new();
        let mut start = first;
        loop {
            let offset = match start.take() {
                Some(o) => o,
                None => {
                    self.skip_blank();
                    if self.at_end() {
                        break;
                    }
                    let line = &self.lines[self.i];
                    if line.indent < indent {
                        break;
                    }
                    if line.indent > indent || is_entry(&line.text[indent..]) {
                        return Err(Declined);
                    }
                    indent
                }
            };
            entries.push(self.entry(offset, indent, depth)?);
        }
        if first_duplicate(&entries).is_some() {
            return Err(Declined);
        }
        let mark = entries.first().map(|(k, _)| k.mark).ok_or(Declined)?;
        Ok(Node {
            mark,
            value: Value::Map(entries),
        })
    }

    /// One `key: value` of a block mapping at `indent`, the key starting at byte `offset`.
    fn entry(&mut self, offset: usize, indent: usize, depth: usize) -> Fast<(Node<'a>, Node<'a>)> {
        let line = &self.lines[self.i];
        let (text, t, no) = (line.text, line.text.as_bytes(), line.no);
        let (key, colon) = key(text, offset, no)?;
        self.count()?;
        let p = skip_spaces(t, colon + 1);
        if p < t.len() && t[p] != b'#' {
            let value = self.inline(p, depth + 1)?;
            self.no_continuation(indent)?;
            return Ok((key, value));
        }
        // Nothing after the colon: a nested block, a sequence at the key's indentation, or null.
        self.i += 1;
        self.skip_blank();
        if !self.at_end() {
            let next = &self.lines[self.i];
            if next.indent > indent {
                let nested = next.indent;
                return Ok((key, self.block(nested, depth + 1)?));
            }
            if next.indent == indent && is_entry(&next.text[indent..]) {
                return Ok((key, self.sequence(indent, depth + 1, true)?));
            }
        }
        self.count()?;
        Ok((key, Node::null(Mark::new(no, column(text, colon)))))
    }

    /// A value that starts at byte `p` of the current line and ends it: a scalar or a
    /// one-line flow collection. Moves to the next line.
    fn inline(&mut self, p: usize, depth: usize) -> Fast<Node<'a>> {
        let line = &self.lines[self.i];
        let (text, t, no) = (line.text, line.text.as_bytes(), line.no);
        let (node, end) = match t[p] {
            b'[' | b'{' => self.flow(text, p, no, depth)?,
            b'"' | b'\'' => quoted(text, p, no)?,
            _ => (block_plain(text, p, no)?, t.len()),
        };
        if !only_comment_after(t, end) {
            return Err(Declined);
        }
        self.count()?;
        self.i += 1;
        Ok(node)
    }

    /// A one-line flow collection starting at byte `p` (`[` or `{`); returns it and the byte
    /// after its closing bracket.
    fn flow(&mut self, text: &'a str, p: usize, no: u32, depth: usize) -> Fast<(Node<'a>, usize)> {
        if depth >= MAX_DEPTH {
            return Err(Declined);
        }
        let t = text.as_bytes();
        let mark = Mark::new(no, column(text, p));
        let close = if t[p] == b'[' { b']' } else { b'}' };
        let mut q = skip_spaces(t, p + 1);
        // One allocation for the usual catalogue entry (`{key: …, name: …, unit: …}`).
        let (mut items, mut entries) = if close == b']' {
            (Vec::with_capacity(4), Vec::new())
        } else {
            (Vec::new(), Vec::with_capacity(8))
        };
        if t.get(q) == Some(&close) {
            q += 1;
        } else {
            loop {
                if close == b']' {
                    let (item, end) = self.flow_node(text, q, no, depth + 1)?;
                    items.push(item);
                    q = skip_spaces(t, end);
                } else {
                    let (k, colon) = flow_key(text, q, no)?;
                    let v = skip_spaces(t, colon + 1);
                    let (value, end) = match t.get(v) {
                        Some(b',' | b'}') => (Node::null(Mark::new(no, column(text, colon))), v),
                        _ => self.flow_node(text, v, no, depth + 1)?,
                    };
                    self.count()?;
                    entries.push((k, value));
                    q = skip_spaces(t, end);
                }
                match t.get(q) {
                    Some(b',') => {
                        q = skip_spaces(t, q + 1);
                        // A trailing comma, or an empty entry: left to the full parser.
                        if matches!(t.get(q), Some(b',' | b']' | b'}') | None) {
                            return Err(Declined);
                        }
                    }
                    Some(&c) if c == close => {
                        q += 1;
                        break;
                    }
                    _ => return Err(Declined),
                }
            }
        }
        self.count()?;
        let value = if close == b']' {
            Value::Seq(items)
        } else {
            if first_duplicate(&entries).is_some() {
                return Err(Declined);
            }
            Value::Map(entries)
        };
        Ok((Node { mark, value }, q))
    }

    /// A node inside a flow collection: a nested collection, a quoted or a plain scalar.
    fn flow_node(
        &mut self,
        text: &'a str,
        p: usize,
        no: u32,
        depth: usize,
    ) -> Fast<(Node<'a>, usize)> {
        let t = text.as_bytes();
        match t.get(p) {
            Some(b'[' | b'{') => self.flow(text, p, no, depth),
            Some(b'"' | b'\'') => {
                self.count()?;
                quoted(text, p, no)
            }
            Some(_) => {
                self.count()?;
                flow_plain(text, p, no)
            }
            None => Err(Declined),
        }
    }
}
