//! Budget hooks written into a template before Tera parses it, so that a runaway template is
//! stopped while it renders (Tera itself counts nothing but `range()` lengths and component
//! depth).
//!
//! - every loop's and list comprehension's iterable `X` becomes `__iter(v=(X))`: the hook adds
//!   the number of items to the run's iteration count before the loop starts;
//! - every `{% set x = X %}` / `{% set_global x = X %}` value becomes `__size(v=(X))`, and a
//!   `{% set x %}…{% endset %}` capture is followed by `{{ __size(v=x) }}`: the hook measures the
//!   value (a string doubled in a loop is stopped at the first copy over the limit);
//! - every component body starts with `{{ __tick() }}`: the hook counts calls.
//!
//! Each hook also checks the deadline. Whitespace control is kept (`-%}` gets `{{- … -}}`), and
//! nothing is inserted on a new line, so lines stay where they were; [`Instrumented::original`]
//! maps an offset of the rewritten text back to the user's text for error columns.

use super::scan::{self, TagKind, Tok, TokKind};

/// A template with its hooks, and how to map positions back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Instrumented {
    /// The text Tera parses.
    pub text: String,
    /// Insertions: (offset in the original text, length inserted there), in order.
    edits: Vec<(usize, usize)>,
}

impl Instrumented {
    /// A rewritten text and its insertions as [`instrument`] made them (at build time, for the
    /// shipped templates).
    pub fn from_parts(text: String, edits: Vec<(usize, usize)>) -> Instrumented {
        Instrumented { text, edits }
    }

    /// The insertions: (offset in the original text, length inserted there), in order.
    #[cfg_attr(not(test), allow(dead_code))] // build.rs writes them out; tests compare them
    pub fn edits(&self) -> &[(usize, usize)] {
        &self.edits
    }

    /// The original offset of `offset` in the rewritten text (inside an insertion: where the
    /// insertion stands).
    pub fn original(&self, offset: usize) -> usize {
        let mut shift = 0;
        for &(at, len) in &self.edits {
            let rewritten_at = at + shift;
            if offset < rewritten_at {
                break;
            }
            if offset < rewritten_at + len {
                return at;
            }
            shift += len;
        }
        offset.saturating_sub(shift)
    }
}

/// `text` (whose tags are `tags`) with the budget hooks inserted.
pub(super) fn instrument(text: &str, tags: &[scan::Tag]) -> Instrumented {
    let mut edits: Vec<(usize, String)> = Vec::new();
    for (index, tag) in tags.iter().enumerate() {
        if !matches!(tag.kind, TagKind::Statement | TagKind::Expression) {
            continue;
        }
        // Most tags hold no loop, set or component: only those are read token by token.
        let word = match tag.kind {
            TagKind::Statement => scan::first_word(text, tag),
            _ => None,
        };
        let hooked = matches!(word, Some("for" | "set" | "set_global" | "component"));
        if !hooked && !text[tag.body.clone()].contains("for") {
            continue;
        }
        let toks = scan::tokens(text, tag.body.clone());
        let body_end = tag.body.start + text[tag.body.clone()].trim_end().len();
        match word {
            Some("for") => {
                if let Some(target) = toks.iter().position(|t| t.is_word("in")).map(|i| i + 1)
                    && let Some(start) = toks.get(target)
                {
                    wrap(&mut edits, "__iter", start.start, body_end);
                }
            }
            Some("set" | "set_global") => match toks.iter().position(|t| t.is("=")) {
                Some(eq) => {
                    if let Some(start) = toks.get(eq + 1) {
                        wrap(&mut edits, "__size", start.start, body_end);
                    }
                }
                None => {
                    if let (Some(name), Some(end)) = (toks.get(1), endset_after(text, tags, index))
                    {
                        let hook = format!("__size(v={})", name.text);
                        edits.push((end.0, print(&hook, end.1)));
                    }
                }
            },
            Some("component") => {
                edits.push((tag.end, print("__tick()", tag.trim_after)));
            }
            _ => {}
        }
        comprehensions(&toks, body_end, &mut edits);
    }
    edits.sort_by_key(|e| e.0);
    let mut out =
        String::with_capacity(text.len() + edits.iter().map(|e| e.1.len()).sum::<usize>());
    let mut last = 0;
    for (at, insert) in &edits {
        out.push_str(&text[last..*at]);
        out.push_str(insert);
        last = *at;
    }
    out.push_str(&text[last..]);
    Instrumented {
        text: out,
        edits: edits.iter().map(|(at, s)| (*at, s.len())).collect(),
    }
}

/// `{{ hook }}`, or `{{- hook -}}` after a tag that trims what follows it.
fn print(hook: &str, trim: bool) -> String {
    if trim {
        format!("{{{{- {hook} -}}}}")
    } else {
        format!("{{{{ {hook} }}}}")
    }
}

/// Wraps `start..end` in `hook(v=(…))`.
fn wrap(edits: &mut Vec<(usize, String)>, hook: &str, start: usize, end: usize) {
    if start < end {
        edits.push((start, format!("{hook}(v=(")));
        edits.push((end, "))".to_string()));
    }
}

/// The end of the `{% endset %}` closing the capture opened by tag `open`: (offset just after
/// it, whether it trims what follows).
fn endset_after(text: &str, tags: &[scan::Tag], open: usize) -> Option<(usize, bool)> {
    let mut depth = 0usize;
    for tag in tags.iter().skip(open + 1) {
        if tag.kind != TagKind::Statement {
            continue;
        }
        match scan::first_word(text, tag) {
            Some("set" | "set_global")
                if !scan::tokens(text, tag.body.clone())
                    .iter()
                    .any(|t| t.is("=")) =>
            {
                depth += 1;
            }
            Some("endset") if depth == 0 => return Some((tag.end, tag.trim_after)),
            Some("endset") => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Wraps the iterable of every list comprehension (`[x for x in X if c]`) among `toks`.
fn comprehensions(toks: &[Tok<'_>], body_end: usize, edits: &mut Vec<(usize, String)>) {
    // Open brackets: (token index, is a square bracket).
    let mut stack: Vec<(usize, bool)> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if t.is("[") || t.is("(") || t.is("{") {
            stack.push((i, t.is("[")));
        } else if t.is("]") || t.is(")") || t.is("}") {
            stack.pop();
        } else if t.is_word("for") && stack.last().is_some_and(|s| s.1) {
            let depth = stack.len();
            let Some(in_at) = toks[i..]
                .iter()
                .position(|t| t.is_word("in"))
                .map(|p| p + i)
            else {
                continue;
            };
            let Some(start) = toks.get(in_at + 1) else {
                continue;
            };
            // The iterable ends at `if` or at the bracket closing the comprehension.
            let mut level = depth;
            let mut end = body_end;
            for u in &toks[in_at + 1..] {
                if u.is("[") || u.is("(") || u.is("{") {
                    level += 1;
                } else if u.is("]") || u.is(")") || u.is("}") {
                    if level == depth {
                        end = u.start;
                        break;
                    }
                    level -= 1;
                } else if level == depth && u.kind == TokKind::Ident && u.text == "if" {
                    end = u.start;
                    break;
                }
            }
            let end = start.start + trimmed_len(toks, start.start, end);
            wrap(edits, "__iter", start.start, end);
        }
    }
}

/// The length of `start..end` without trailing whitespace, measured on tokens.
fn trimmed_len(toks: &[Tok<'_>], start: usize, end: usize) -> usize {
    toks.iter()
        .filter(|t| t.start >= start && t.end() <= end)
        .map(Tok::end)
        .max()
        .map_or(0, |e| e - start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hooks_go_around_iterables_values_and_into_components() {
        let t = "{% for i in range(end=3) -%}\n{% set s = s ~ s %}{% endfor %}";
        let i = instrument(t, &scan::tags(t));
        assert_eq!(
            i.text,
            "{% for i in __iter(v=(range(end=3))) -%}\n{% set s = __size(v=(s ~ s)) %}{% endfor %}"
        );
        let t = "{{ [x for x in xs if x] }}{{ [[y for y in ys] for x in [1, 2]] }}";
        assert_eq!(
            instrument(t, &scan::tags(t)).text,
            "{{ [x for x in __iter(v=(xs)) if x] }}{{ [[y for y in __iter(v=(ys))] for x in __iter(v=([1, 2]))] }}"
        );
        let t = "{% set a -%} x {%- endset -%} y{% component c() %}z{% endcomponent c %}";
        assert_eq!(
            instrument(t, &scan::tags(t)).text,
            "{% set a -%} x {%- endset -%}{{- __size(v=a) -}} y{% component c() %}{{ __tick() }}z{% endcomponent c %}"
        );
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let t = "ab{% for i in xs %}{{ i }}{% endfor %}";
        let i = instrument(t, &scan::tags(t));
        let xs = t.find("xs").unwrap_or(0);
        let inserted = i.text.find("__iter").unwrap_or(0);
        assert_eq!(i.original(inserted), xs);
        assert_eq!(i.original(i.text.find("xs").unwrap_or(0)), xs);
        assert_eq!(
            i.original(i.text.find("{{ i").unwrap_or(0)),
            t.find("{{ i").unwrap_or(0)
        );
        assert_eq!(i.original(1), 1);
    }
}
