//! Word-level diff of two sentences: Chinese text has no spaces, so a "word" is one CJK character
//! or punctuation mark, while numbers (`31069.08`, `1,234`) and Latin words (`XX`) stay whole, so
//! a changed figure reads `[-31069.08-]{+31100.00+}` rather than digit by digit.

use similar::{Algorithm, DiffTag, capture_diff_slices};

/// A run of a sentence diff: unchanged, only in the old text, or only in the new one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    /// Text in both versions.
    Equal(String),
    /// Text only in the old version.
    Delete(String),
    /// Text only in the new version.
    Insert(String),
}

impl Span {
    /// The span's text, whatever its kind.
    pub fn text(&self) -> &str {
        match self {
            Span::Equal(t) | Span::Delete(t) | Span::Insert(t) => t,
        }
    }

    /// The stable name in JSON.
    pub fn code(&self) -> &'static str {
        match self {
            Span::Equal(_) => "equal",
            Span::Delete(_) => "delete",
            Span::Insert(_) => "insert",
        }
    }
}

/// What a character belongs to when text is cut into tokens: a number, a Latin word and a run
/// of spaces each stay whole; every other character (CJK, punctuation) is a token of its own.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// ASCII digits; a `.` or `,` between digits stays in the number.
    Number,
    /// ASCII letters.
    Latin,
    /// Whitespace.
    Space,
    /// Anything else: one character per token.
    Other,
}

/// The token class of a character.
fn class(c: char) -> Class {
    if c.is_ascii_digit() {
        Class::Number
    } else if c.is_ascii_alphabetic() {
        Class::Latin
    } else if c.is_whitespace() {
        Class::Space
    } else {
        Class::Other
    }
}

/// Splits text into diff tokens (each a slice of `text`).
///
/// Concatenating the tokens gives `text` back, so spans built from them rebuild both sentences
/// exactly.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let k = class(c);
        let mut end = start + c.len_utf8();
        if k != Class::Other {
            while let Some(&(i, next)) = chars.peek() {
                let joins = class(next) == k
                    // `31069.08`, `1,234`: a point or comma between digits stays in the number.
                    || (k == Class::Number
                        && matches!(next, '.' | ',')
                        && text[i + 1..].starts_with(|d: char| d.is_ascii_digit()));
                if !joins {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
        }
        out.push(&text[start..end]);
    }
    out
}

/// The spans that turn `old` into `new`, adjacent runs of one kind merged; a replaced run is a
/// deletion followed by an insertion.
pub fn diff(old: &str, new: &str) -> Vec<Span> {
    let a = tokens(old);
    let b = tokens(new);
    let mut spans: Vec<Span> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        let (tag, ra, rb) = op.as_tag_tuple();
        let old_text = a[ra].concat();
        let new_text = b[rb].concat();
        match tag {
            DiffTag::Equal => push(&mut spans, Span::Equal(old_text)),
            DiffTag::Delete => push(&mut spans, Span::Delete(old_text)),
            DiffTag::Insert => push(&mut spans, Span::Insert(new_text)),
            DiffTag::Replace => {
                push(&mut spans, Span::Delete(old_text));
                push(&mut spans, Span::Insert(new_text));
            }
        }
    }
    reorder(spans)
}

/// Appends a span, merging it with the previous one of the same kind; empty spans are dropped.
fn push(spans: &mut Vec<Span>, span: Span) {
    if span.text().is_empty() {
        return;
    }
    match (spans.last_mut(), &span) {
        (Some(Span::Equal(t)), Span::Equal(s))
        | (Some(Span::Delete(t)), Span::Delete(s))
        | (Some(Span::Insert(t)), Span::Insert(s)) => t.push_str(s),
        _ => spans.push(span),
    }
}

/// Within a run of changes, deletions come before insertions (`[-a-]{+b+}`, never `{+b+}[-a-]`).
fn reorder(spans: Vec<Span>) -> Vec<Span> {
    let mut out = Vec::new();
    let mut deleted = String::new();
    let mut inserted = String::new();
    for s in spans {
        match s {
            Span::Delete(t) => deleted.push_str(&t),
            Span::Insert(t) => inserted.push_str(&t),
            Span::Equal(t) => {
                push(&mut out, Span::Delete(std::mem::take(&mut deleted)));
                push(&mut out, Span::Insert(std::mem::take(&mut inserted)));
                push(&mut out, Span::Equal(t));
            }
        }
    }
    push(&mut out, Span::Delete(deleted));
    push(&mut out, Span::Insert(inserted));
    out
}

/// The spans as one line: `累计基金支出金额[-31069.08-]{+31100.00+}万元。`
pub fn marked(spans: &[Span]) -> String {
    let mut out = String::new();
    for s in spans {
        match s {
            Span::Equal(t) => out.push_str(t),
            Span::Delete(t) => {
                out.push_str("[-");
                out.push_str(t);
                out.push_str("-]");
            }
            Span::Insert(t) => {
                out.push_str("{+");
                out.push_str(t);
                out.push_str("+}");
            }
        }
    }
    out
}

/// How alike two texts are, in percent of tokens kept (integer arithmetic).
pub fn similarity(old: &str, new: &str) -> usize {
    let a = tokens(old);
    let b = tokens(new);
    let total = a.len() + b.len();
    if total == 0 {
        return 100;
    }
    let kept: usize = capture_diff_slices(Algorithm::Myers, &a, &b)
        .iter()
        .filter_map(|op| match op.as_tag_tuple() {
            (DiffTag::Equal, r, _) => Some(r.len()),
            _ => None,
        })
        .sum();
    kept * 200 / total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_latin_words_stay_whole() {
        assert_eq!(
            tokens("支出31069.08万元，XX人，1,234.5。"),
            vec![
                "支", "出", "31069.08", "万", "元", "，", "XX", "人", "，", "1,234.5", "。"
            ]
        );
        assert_eq!(tokens("第3.条"), vec!["第", "3", ".", "条"]);
    }

    #[test]
    fn a_changed_figure_is_one_replacement() {
        let spans = diff(
            "累计基金支出金额31069.08万元。",
            "累计基金支出金额31100.00万元。",
        );
        assert_eq!(
            marked(&spans),
            "累计基金支出金额[-31069.08-]{+31100.00+}万元。"
        );
        assert_eq!(
            marked(&diff("基金支出XX万元", "基金支出3000万元")),
            "基金支出[-XX-]{+3000+}万元"
        );
    }

    #[test]
    fn insertions_and_deletions() {
        assert_eq!(marked(&diff("甲乙丙", "甲丙")), "甲[-乙-]丙");
        assert_eq!(marked(&diff("甲丙", "甲乙丙")), "甲{+乙+}丙");
        assert_eq!(marked(&diff("", "新句。")), "{+新句。+}");
    }

    #[test]
    fn similarity_in_percent() {
        assert_eq!(similarity("甲乙丙丁", "甲乙丙丁"), 100);
        assert_eq!(similarity("甲乙", "丙丁"), 0);
        assert_eq!(similarity("甲乙丙丁", "甲乙丙戊"), 75);
    }
}
