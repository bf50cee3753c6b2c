//! Inline text while a paragraph is collected ([`Run`]) and its clean-up once the paragraph is
//! complete: soft line breaks resolved the Chinese way (no space between CJK characters), runs
//! trimmed, run-in headings closed with 。.

use super::Inline;
use super::composed::Marker;

/// Stands for a soft line break until the paragraph is complete.
pub(super) const SOFT: char = '\u{E002}';

/// Wide (CJK) characters: no space where a line break falls next to them.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x2E80..=0x303F | 0x3040..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Replaces soft breaks: nothing between CJK (or next to a figure), a space between Latin words,
/// a line break in the title.
fn resolve_soft(text: &str, title: bool) -> String {
    if !text.contains(SOFT) {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c != SOFT {
            out.push(c);
            continue;
        }
        if title {
            out.push('\n');
            continue;
        }
        let prev = out.chars().last();
        let next = chars[i + 1..].iter().find(|&&n| n != SOFT).copied();
        if let (Some(p), Some(n)) = (prev, next)
            && !is_wide(p)
            && !is_wide(n)
            && !p.is_whitespace()
        {
            out.push(' ');
        }
    }
    out
}

/// Resolves soft breaks in every text of `inlines` (bold included); texts left empty go.
pub(super) fn resolve_inlines(inlines: Vec<Inline>, title: bool) -> Vec<Inline> {
    inlines
        .into_iter()
        .filter_map(|i| match i {
            Inline::Text(t) => {
                let t = resolve_soft(&t, title);
                (!t.is_empty()).then_some(Inline::Text(t))
            }
            Inline::Strong(inner) => Some(Inline::Strong(resolve_inlines(inner, title))),
            other => Some(other),
        })
        .collect()
}

/// Trims leading and trailing whitespace of a run of inlines.
pub(super) fn trim_inlines(mut inlines: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text(t)) = inlines.first_mut() {
        *t = t.trim_start().to_string();
    }
    if let Some(Inline::Text(t)) = inlines.last_mut() {
        *t = t.trim_end().to_string();
    }
    inlines.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
    inlines
}

/// Ends a run-in heading with 。 unless it already ends with punctuation.
pub(super) fn close_run_in(content: &mut Vec<Inline>) {
    let last = Inline::plain(content).chars().last();
    if !matches!(
        last,
        Some('。' | '！' | '？' | '：' | '；' | '.' | '，' | ':' | ';') | None
    ) {
        match content.last_mut() {
            Some(Inline::Text(t)) => t.push('。'),
            _ => content.push(Inline::Text("。".to_string())),
        }
    }
}

/// An open run of inlines (paragraph, heading, list item, table cell).
#[derive(Default)]
pub(super) struct Run {
    /// Finished inlines; `stack` holds open `Strong` levels.
    pub(super) stack: Vec<Vec<Inline>>,
    /// Raw text not yet split at markers.
    pub(super) text: String,
    /// Block markers met in this run (table, sign-off, attachment, title).
    pub(super) marks: Vec<Marker>,
}

impl Run {
    /// An empty run with its base level open.
    pub(super) fn new() -> Run {
        Run {
            stack: vec![Vec::new()],
            ..Run::default()
        }
    }

    /// The innermost open level (reopening the base level if a stray end closed it).
    pub(super) fn top(&mut self) -> &mut Vec<Inline> {
        if self.stack.is_empty() {
            self.stack.push(Vec::new());
        }
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    /// Appends an inline, merging adjacent text.
    pub(super) fn push_inline(&mut self, inline: Inline) {
        let top = self.top();
        match (top.last_mut(), inline) {
            (Some(Inline::Text(prev)), Inline::Text(t)) => prev.push_str(&t),
            (_, i) => top.push(i),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soft_breaks_join_cjk_and_space_latin_words() {
        let text = format!("参保人数{SOFT}为311881人，{SOFT}about{SOFT}ten 人");
        assert_eq!(
            resolve_soft(&text, false),
            "参保人数为311881人，about ten 人"
        );
        assert_eq!(
            resolve_soft(&format!("标题{SOFT}第二行"), true),
            "标题\n第二行"
        );
    }

    #[test]
    fn run_in_headings_end_with_a_full_stop_once() {
        let mut plain = vec![Inline::Text("对定点医疗机构的稽核".into())];
        close_run_in(&mut plain);
        assert_eq!(Inline::plain(&plain), "对定点医疗机构的稽核。");
        let mut asked = vec![Inline::Text("怎么办？".into())];
        close_run_in(&mut asked);
        assert_eq!(Inline::plain(&asked), "怎么办？");
    }
}
