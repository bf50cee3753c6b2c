//! What a template's text says of `figures`, read as plain text: the keys it mentions (for the
//! selection of shipped sections) and the keys it prints as `figures.<key>.value`. Both are
//! worked out for the shipped templates when wengao is built (`build.rs`), and at run time for
//! the users' templates.

use std::collections::BTreeSet;

/// The figure keys `text` mentions as `figures.<key>` (or `figures["<key>"]`, `figures['<key>']`),
/// and whether it uses `figures` any other way (a loop over it, a lookup by variable).
///
/// A plain text scan of everything outside `{# #}` comments (a mention in plain text only adds
/// a key): it over-approximates, which is what the section selection needs, and reads 70 KB in
/// well under a millisecond.
pub(super) fn figure_mentions(text: &str) -> (Vec<String>, bool) {
    let mut keys = Vec::new();
    let mut whole = false;
    let mut rest = text;
    while !rest.is_empty() {
        let (code, after) = match rest.find("{#") {
            Some(open) => {
                let close = rest[open..].find("#}").map_or(rest.len(), |c| open + c + 2);
                (&rest[..open], &rest[close..])
            }
            None => (rest, ""),
        };
        let (k, w) = mentions_in(code);
        keys.extend(k);
        whole |= w;
        rest = after;
    }
    (keys, whole)
}

/// [`figure_mentions`] of text without comments.
fn mentions_in(text: &str) -> (Vec<String>, bool) {
    let bytes = text.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut keys = Vec::new();
    let mut whole = false;
    let mut from = 0;
    while let Some(p) = text[from..].find("figures") {
        let at = from + p;
        from = at + "figures".len();
        if at > 0 && (ident(bytes[at - 1]) || bytes[at - 1] == b'.') {
            continue;
        }
        match bytes.get(from) {
            Some(b'.') => {
                let len = bytes[from + 1..].iter().take_while(|b| ident(**b)).count();
                keys.push(text[from + 1..from + 1 + len].to_string());
            }
            Some(b'[') if matches!(bytes.get(from + 1), Some(b'"' | b'\'')) => {
                let quote = bytes[from + 1];
                let start = from + 2;
                let len = bytes[start..].iter().take_while(|b| **b != quote).count();
                keys.push(text[start..start + len].to_string());
            }
            Some(b) if ident(*b) => {}
            _ => whole = true,
        }
    }
    (keys, whole)
}

/// The keys `text` prints directly as `figures.<key>.value`.
pub(super) fn printed_values(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut from = 0;
    while let Some(p) = text[from..].find("figures.") {
        let start = from + p + "figures.".len();
        let rest = &text[start..];
        let len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        if rest[len..].starts_with(".value") {
            out.insert(rest[..len].to_string());
        }
        from = start;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_by_key_by_quoted_key_and_as_a_whole() {
        assert_eq!(
            figure_mentions("{{ figures['b'].value }}").0,
            vec!["b".to_string()]
        );
        assert!(figure_mentions("{% for k, f in figures %}{% endfor %}").1);
        assert!(!figure_mentions("{# figures #}{{ figures.a }}").1);
    }

    #[test]
    fn printed_values_are_keys_read_as_value() {
        let printed =
            printed_values("{{ figures.a.value }} {{ figures.b.unit }} {{ figures.c.value }}");
        assert_eq!(printed.into_iter().collect::<Vec<_>>(), ["a", "c"]);
    }
}
