//! What a template uses, checked beside rendering: figure keys written in the user's templates
//! that nothing knows (found even in a branch this report does not take), figures of the
//! indicator file the template never prints (`W-FIGURE-UNUSED`), and, under `--final`, `XX`
//! left in a template's own text.

use super::functions::{KEY_ARGUMENTS, Shared, unknown_figure};
use super::scan;
use super::templates::Parsed;
use crate::diagnostic::{Diagnostic, Location};
use crate::document::{MARK_CLOSE, MARK_OPEN};
use crate::model::{Origin, Report};
use std::collections::BTreeSet;

/// `E-TEMPLATE-FIGURE` for the first figure key written literally in one of the user's
/// templates (`fig(key="…")`, `yoy(key=…)` …) that neither the report nor the catalogue knows,
/// at the key in the template. Checked before rendering, so a typo in a branch the report does
/// not take is found too, by `check` as by `render`.
pub(super) fn check_keys(set: &Parsed, shared: &Shared) -> Result<(), Diagnostic> {
    for (function, arguments) in &set.literal_keys {
        let holds_keys = KEY_ARGUMENTS
            .iter()
            .find(|(f, _)| f == function)
            .map_or(&[][..], |(_, a)| *a);
        // yoy(key=…, growth=…) prints the growth figure; its key is only a label.
        let labelled = function == "yoy" && arguments.iter().any(|a| a.0 == "growth");
        for (argument, key, at) in arguments {
            if (labelled && argument == "key") || !holds_keys.contains(&argument.as_str()) {
                continue;
            }
            if !shared.is_known(key) {
                let suggestion = shared.suggest(key);
                let name = suggestion
                    .as_deref()
                    .map(|k| shared.name_of(k))
                    .unwrap_or_default();
                return Err(unknown_figure(key, suggestion, &name).at(at.clone()));
            }
        }
    }
    Ok(())
}

/// `W-FIGURE-UNUSED` for every figure written in the indicator file that the template neither
/// printed nor used in what it printed (`used`, from the functions) nor prints as
/// `figures.<key>.value`, at the figure's value in the file. A key the catalogue does not know
/// is left out: validation already reports it (`E-FIGURE-UNKNOWN`); so is a pending figure
/// (`XX`): nothing was filled in yet (`W-PENDING` says so), and a file from `wengao init` lists
/// the alternatives a template chooses between (人 or 万人) until one is filled in.
pub(super) fn unused(
    report: &Report,
    used: &BTreeSet<String>,
    set: &Parsed,
    shared: &Shared,
) -> Vec<Diagnostic> {
    let printed_directly = |key: &str| set.printed_values.contains(key);
    // `shared.figures` holds the report's figures in the same order, with their catalogue
    // entries (a file may hold thousands: one walk, no lookups, texts joined without `format!`).
    report
        .figures
        .values()
        .zip(shared.figures.values())
        .filter_map(|(f, e)| match &f.origin {
            Origin::Written(at) => Some((f, e, at)),
            Origin::Computed { .. } => None,
        })
        .filter(|(f, e, _)| e.in_catalogue && f.value.decimal().is_some())
        .filter(|(f, _, _)| !used.contains(&f.key) && !printed_directly(&f.key))
        .map(|(f, e, at)| {
            let (key, name) = (f.key.as_str(), e.name.as_str());
            let message = if name.is_empty() {
                ["指标“", key, "”填写了，但模板没有用到，文稿中不会出现"].concat()
            } else {
                [
                    "指标“",
                    key,
                    "”（",
                    name,
                    "）填写了，但模板没有用到，文稿中不会出现",
                ]
                .concat()
            };
            let mut d = Diagnostic::warning("W-FIGURE-UNUSED", message)
                .at(at.clone())
                .path(["figures.", key].concat())
                .hint(
                    [
                        "在叙述模板中用 {{ fig(key=\"",
                        key,
                        "\", unit=true) }} 写出它；不需要的话从指标文件中删去",
                    ]
                    .concat(),
                );
            if !name.is_empty() {
                d = d.figure(name);
            }
            d
        })
        .collect()
}

/// Under `--final`: `E-FINAL-PLACEHOLDER` when the composed text (figures aside) still holds
/// `XX`, at the first `XX` in the text of a template of the set (or at the indicator file when
/// it came from `meta`, such as a title).
pub(super) fn final_placeholders(
    markdown: &str,
    set: &Parsed,
    report: &Report,
) -> Option<Diagnostic> {
    let text = without_markers(markdown);
    placeholder_at(&text)?;
    let place = set.sources.values().find_map(|s| {
        scan::text_segments(&s.text, s.tags())
            .into_iter()
            .find_map(|(start, segment)| placeholder_at(segment).map(|i| s.location(start + i)))
    });
    Some(
        Diagnostic::error(
            "E-FINAL-PLACEHOLDER",
            "定稿检查：文稿中还有待填的“XX”".to_string(),
        )
        .at(place.unwrap_or_else(|| Location::new(report.file.clone(), 0, 0)))
        .hint("请把模板（或 meta 中的标题等）里的 XX 换成实际内容"),
    )
}

/// `text` without the figure and block markers (figures are checked as figures).
fn without_markers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut inside = false;
    for c in text.chars() {
        match c {
            MARK_OPEN => inside = true,
            MARK_CLOSE => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// The byte offset of the first placeholder in `text`: `XX` (two or more, not part of a Latin
/// word) or full-width `ＸＸ`.
fn placeholder_at(text: &str) -> Option<usize> {
    if let Some(i) = text.find("ＸＸ") {
        return Some(i);
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(p) = text[i..].find("XX") {
        let at = i + p;
        let before = at.checked_sub(1).map(|b| bytes[b]);
        let mut end = at;
        while bytes.get(end) == Some(&b'X') {
            end += 1;
        }
        let after = bytes.get(end);
        let latin = |b: Option<&u8>| b.is_some_and(|c| c.is_ascii_alphabetic());
        if !latin(before.as_ref()) && !latin(after) {
            return Some(at);
        }
        i = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_xx_not_words() {
        assert_eq!(placeholder_at("一是XX；"), Some(6));
        assert_eq!(placeholder_at("XXX年"), Some(0));
        assert_eq!(placeholder_at("XXL 号"), None);
        assert_eq!(placeholder_at("MAXX"), None);
        assert_eq!(placeholder_at("共ＸＸ人"), Some(3));
        assert_eq!(placeholder_at("X 光"), None);
        let marked = format!("参保{MARK_OPEN}F0{MARK_CLOSE}人");
        assert_eq!(without_markers(&marked), "参保人");
    }
}
