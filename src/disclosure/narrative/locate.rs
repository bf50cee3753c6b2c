//! Where in the templates a figure of the composed narrative was written: the template file,
//! line and column users edit.
//!
//! Tera keeps no map from output back to source, so the words around a figure are looked up in
//! the templates' literal text (Tera comments dropped, `{% … %}` tags skipped, each `{{ … }}`
//! standing for one placeholder): first the whole quote with its number (a number typed into
//! the template), then the words before the number followed by a placeholder (a number from
//! `fig()` or an expression), then the phrase alone. The report's own template is searched
//! before the templates it extends; a place already given to an earlier figure is used again
//! only when there is no other.

use super::scan::Found;
use crate::diagnostic::Location;
use std::collections::BTreeMap;

/// Stands for one `{{ … }}` in a template's literal text.
const PLACEHOLDER: char = '\u{FFFC}';

/// One template line's literal text, each character with its column in the source line.
#[derive(Debug, Default)]
struct Line {
    /// The literal characters (placeholders for expressions).
    chars: Vec<char>,
    /// 0-based source column of each character.
    columns: Vec<usize>,
}

/// One template's literal lines.
#[derive(Debug)]
struct Template {
    /// The name users see (`data/x.md.tera`, `templates/disclosure-base.md.tera`).
    name: String,
    /// Its lines.
    lines: Vec<Line>,
}

/// What the Tera scanner is inside.
#[derive(PartialEq, Eq)]
enum State {
    /// Literal text.
    Text,
    /// `{{ … }}`.
    Expression,
    /// `{% … %}`.
    Tag,
    /// `{# … #}`.
    Comment,
}

/// A template's literal text, line by line.
fn literal(text: &str) -> Vec<Line> {
    let chars: Vec<char> = text.chars().collect();
    let mut lines = vec![Line::default()];
    let mut state = State::Text;
    let mut column = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let (opens, closes) = (c == '{', next == Some('}'));
        match state {
            State::Text if opens && next == Some('{') => {
                if let Some(l) = lines.last_mut() {
                    l.chars.push(PLACEHOLDER);
                    l.columns.push(column);
                }
                state = State::Expression;
            }
            State::Text if opens && next == Some('%') => state = State::Tag,
            State::Text if opens && next == Some('#') => state = State::Comment,
            State::Expression if c == '}' && closes => state = State::Text,
            State::Tag if c == '%' && closes => state = State::Text,
            State::Comment if c == '#' && closes => state = State::Text,
            _ => {}
        }
        let two = matches!(
            (c, next),
            ('{', Some('{' | '%' | '#')) | ('}' | '%' | '#', Some('}'))
        );
        let step = if two { 2 } else { 1 };
        if c == '\n' {
            lines.push(Line::default());
            column = 0;
            i += 1;
            continue;
        }
        if state == State::Text
            && !two
            && let Some(l) = lines.last_mut()
        {
            l.chars.push(c);
            l.columns.push(column);
        }
        column += step;
        i += step;
    }
    lines
}

/// The templates of one composed narrative, searchable.
#[derive(Debug)]
pub struct Templates {
    /// Main template first, then the ones it extends or includes.
    files: Vec<Template>,
    /// Places already given, and how often.
    used: BTreeMap<(usize, usize, usize), usize>,
}

/// Every start of `needle` in `hay`.
fn starts(hay: &[char], needle: &[char]) -> Vec<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len())
        .filter(|&i| hay[i..i + needle.len()] == *needle)
        .collect()
}

impl Templates {
    /// The templates as (name, text), the report's own first.
    pub fn new(sources: &[(String, String)]) -> Templates {
        Templates {
            files: sources
                .iter()
                .map(|(name, text)| Template {
                    name: name.clone(),
                    lines: literal(text),
                })
                .collect(),
            used: BTreeMap::new(),
        }
    }

    /// Every place `needle` occurs, with the offset (in `needle`) of the character to point at.
    fn find(&self, needle: &[char], point: usize) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for (fi, f) in self.files.iter().enumerate() {
            for (li, line) in f.lines.iter().enumerate() {
                for s in starts(&line.chars, needle) {
                    let col = line.columns.get(s + point).copied().unwrap_or(0);
                    out.push((fi, li, col));
                }
            }
        }
        out
    }

    /// The template place of `found`: the longest end of its clause that the templates hold
    /// followed by the figure itself (a number typed in) or by a placeholder (a number from an
    /// expression), pointing at the number or the `{{`; else the phrase alone. Places not given
    /// to an earlier figure come first.
    pub fn locate(&mut self, found: &Found) -> Option<Location> {
        let context: Vec<char> = found.context.chars().collect();
        let figure: Vec<char> = found.figure.chars().collect();
        let keyword: Vec<char> = found.keyword.chars().collect();
        let mut tries: Vec<(Vec<char>, usize)> = Vec::new();
        let shortest = keyword.len().clamp(1, context.len().max(1));
        for start in 0..=context.len().saturating_sub(shortest) {
            let tail = &context[start..];
            if !figure.is_empty() {
                tries.push(([tail, &figure].concat(), tail.len()));
            }
            tries.push(([tail, &[PLACEHOLDER]].concat(), tail.len()));
            if figure.is_empty() {
                tries.push((tail.to_vec(), tail.len().saturating_sub(keyword.len())));
            }
        }
        tries.push((keyword, 0));
        let mut first_seen = None;
        for (needle, point) in &tries {
            for place in self.find(needle, *point) {
                if !self.used.contains_key(&place) {
                    return Some(self.give(place));
                }
                first_seen.get_or_insert(place);
            }
        }
        first_seen.and_then(|p| Some(self.give(p)).filter(|l| !l.file.is_empty()))
    }

    /// Marks `place` as given and names it.
    fn give(&mut self, (fi, li, col): (usize, usize, usize)) -> Location {
        *self.used.entry((fi, li, col)).or_insert(0) += 1;
        let name = self
            .files
            .get(fi)
            .map_or_else(String::new, |f| f.name.clone());
        Location::new(
            name,
            u32::try_from(li + 1).unwrap_or(u32::MAX),
            u32::try_from(col + 1).unwrap_or(u32::MAX),
        )
    }

    /// The report's own template (or the first one), for figures not found literally.
    pub fn main(&self) -> Option<&str> {
        self.files.first().map(|f| f.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_text_skips_tags_and_comments() {
        let lines = literal("{# 注释 5件 #}收到申请{{ n }}件{% if x %}，\n  结转{{ a }}件");
        let first: String = lines[0].chars.iter().collect();
        assert_eq!(first, "收到申请\u{FFFC}件，");
        assert_eq!(lines[0].columns[0], 11);
        let second: String = lines[1].chars.iter().collect();
        assert_eq!(second, "  结转\u{FFFC}件");
        assert_eq!(lines[1].columns[4], 4);
    }
}
