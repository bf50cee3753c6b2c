//! Names users write for tables, rows and columns: how two names are compared, every name a
//! table, row or column answers to, lookup and “did you mean”.
//!
//! Names are compared after [`normalise`]: spaces and line breaks dropped (labels copied from
//! PDFs), full-width punctuation as ASCII, `1、` read as `1.` (淮安 2024 numbers the （六） items
//! `1、2、3、`), letters lowercased. A row also answers to its label without its numbering
//! (`予以公开` for `（一）予以公开`), so labels copied from any published layout resolve.

use std::collections::BTreeMap;

/// A name as compared: no spaces, ASCII parentheses/colon/quotes/period/slash, `、` as `.`,
/// lowercase.
pub fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '“' | '”' | '＂' | '"' => '"',
            '．' | '、' => '.',
            '／' => '/',
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// A label without its leading numbering: `一、`, `（一）`, `(一)`, `1.`, `1、`.
pub fn without_numbering(label: &str) -> &str {
    let t = label.trim_start();
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    if let Some(rest) = t.strip_prefix(['（', '(']) {
        let inner = rest.trim_start_matches(numeral);
        if inner.len() < rest.len()
            && let Some(after) = inner.strip_prefix(['）', ')'])
        {
            return after;
        }
        return t;
    }
    let rest = t.trim_start_matches(numeral);
    if rest.len() < t.len()
        && let Some(after) = rest.strip_prefix(['、', '.', '．'])
    {
        return after;
    }
    t
}

/// Something a user can name: its id and every other name it answers to.
pub trait Named {
    /// The pinyin id.
    fn id(&self) -> &str;
    /// Every name it answers to: id, printed label(s), aliases.
    fn names(&self) -> Vec<String>;
    /// How it is shown in a suggestion: `xinshou（一、本年新收政府信息公开申请数量）`.
    fn shown(&self) -> String;
}

/// Normalised names → index. A name two items share answers to neither (a bare label like
/// `其他` can be ambiguous); the format tests forbid clashes between the names that matter.
pub(super) fn index<T: Named>(items: &[T]) -> BTreeMap<String, usize> {
    let mut map: BTreeMap<String, Option<usize>> = BTreeMap::new();
    for (i, it) in items.iter().enumerate() {
        for n in it.names() {
            let entry = map.entry(normalise(&n)).or_insert(Some(i));
            if *entry != Some(i) {
                *entry = None;
            }
        }
    }
    map.into_iter()
        .filter_map(|(k, v)| v.map(|i| (k, i)))
        .collect()
}

/// The item `name` refers to.
pub fn find<'a, T: Named>(items: &'a [T], name: &str) -> Option<(usize, &'a T)> {
    let n = normalise(name);
    items
        .iter()
        .enumerate()
        .find(|(_, it)| it.names().iter().any(|x| normalise(x) == n))
}

/// The closest item to a misspelt `name`, if one is close enough.
pub fn suggest<'a, T: Named>(items: &'a [T], name: &str) -> Option<&'a T> {
    let n = normalise(name);
    let len = n.chars().count();
    let limit = (len / 3).max(2);
    items
        .iter()
        .filter_map(|it| {
            it.names()
                .iter()
                .map(|x| strsim::levenshtein(&normalise(x), &n))
                .min()
                .map(|d| (d, it))
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, it)| it)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_is_dropped() {
        assert_eq!(without_numbering("（一）予以公开"), "予以公开");
        assert_eq!(without_numbering("一、本年新收"), "本年新收");
        assert_eq!(without_numbering("1.属于国家秘密"), "属于国家秘密");
        assert_eq!(without_numbering("3、其他"), "其他");
        assert_eq!(without_numbering("规章"), "规章");
        assert_eq!(without_numbering("（本列）"), "（本列）");
    }

    #[test]
    fn full_width_digits_are_ascii() {
        assert_eq!(normalise("１．属于国家秘密"), normalise("1.属于国家秘密"));
    }

    #[test]
    fn punctuation_and_spacing_are_ignored() {
        assert_eq!(normalise("商业 企业"), normalise("商业企业"));
        assert_eq!(normalise("1、其他"), normalise("1.其他"));
        assert_eq!(normalise("（七）总计"), normalise("(七)总计"));
    }
}
