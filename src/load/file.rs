//! One indicator file's text → [`LoadedFile`]: tabs and empty files caught before parsing, the
//! YAML parsed into its raw shape, meta, figures and previous-period figures read with their
//! places, `previous_file` followed.

use super::LoadedFile;
use super::meta::{RawMeta, meta};
use super::value::{self, NotNumber};
use crate::catalogue::{InlineCatalogue, RawCatalogue};
use crate::chars;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::disclosure::DisclosureInput;
use crate::model::{Figure, Origin, Period, key_order, map_in_order};
use crate::sandbox;
use crate::source::{self, SourceFile};
use crate::yaml::{self, Spanned, Text};
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// An indicator file as parsed: the six top-level keys, anything else refused.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    /// `meta:`, checked field by field.
    meta: Option<Spanned<RawMeta>>,
    /// `figures:`, in file order.
    figures: Option<FigureMap>,
    /// `previous:`: previous-period figures written inline.
    previous: Option<Spanned<FigureMap>>,
    /// `previous_file:`: the path of the previous period's indicator file.
    previous_file: Option<Spanned<Text>>,
    /// `disclosure:`: the statutory tables.
    disclosure: Option<Spanned<DisclosureInput>>,
    /// `catalogue:`: units, figures and relations declared in the file itself.
    catalogue: Option<RawCatalogue>,
}

/// `figures:` / `previous:` in file order, keys and values with their places.
#[derive(Debug, Default)]
struct FigureMap(Vec<(Spanned<Text>, Spanned<Option<Text>>)>);

impl<'de> Deserialize<'de> for FigureMap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FigureMap;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of figures")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FigureMap, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = map.next_key::<Spanned<Text>>()? {
                    let v = map.next_value::<Spanned<Option<Text>>>()?;
                    out.push((k, v));
                }
                Ok(FigureMap(out))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<FigureMap, E> {
                Ok(FigureMap::default())
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<FigureMap, E> {
                Ok(FigureMap::default())
            }
        }
        d.deserialize_map(V)
    }
}

/// Loads decoded text; `base` is the file's folder (`previous_file` and `meta.catalogue` are
/// resolved against it; `None` leaves `previous_file` unfollowed). Returns the loaded file (if
/// the YAML parsed), the diagnostics and the extra sources read (the previous-period file).
pub(super) fn load_source_in(
    src: &SourceFile,
    base: Option<&Path>,
) -> (Option<LoadedFile>, Diagnostics, Vec<SourceFile>) {
    let mut ds = Diagnostics::default();
    let mut extra = Vec::new();
    if let Some(d) = tabs_and_empty(src) {
        ds.extend(d);
        return (None, ds, extra);
    }
    let mut notes = Vec::new();
    let parsed = yaml::parse_noting::<RawFile>(src, &mut notes);
    ds.extend(notes);
    let raw = match parsed {
        Ok(r) => r,
        Err(d) => {
            ds.push(d);
            return (None, ds, extra);
        }
    };
    let start = Location::new(src.name.clone(), 1, 1);
    let (meta, meta_location, catalogue) = match &raw.meta {
        Some(m) => {
            let (meta, catalogue) = meta(src, &m.value, &yaml::at(&src.name, m), base, &mut ds);
            (meta, Some(yaml::at(&src.name, m)), catalogue)
        }
        None => {
            ds.push(
                Diagnostic::error(
                    "E-META-MISSING",
                    "缺少 meta（发文机关、期间、日期、报告类型）",
                )
                .at(start.clone())
                .path("meta")
                .hint("在文件开头加上 meta:，格式见 README“指标文件”一节"),
            );
            (None, None, None)
        }
    };
    let (figures, key_locations) =
        read_figures(src, raw.figures.unwrap_or_default(), "figures", &mut ds);
    let mut previous = BTreeMap::new();
    let mut previous_key_locations = BTreeMap::new();
    if let Some(p) = raw.previous {
        (previous, previous_key_locations) = read_figures(src, p.value, "previous", &mut ds);
    }
    if let Some(pf) = &raw.previous_file {
        let loc = yaml::at(&src.name, pf);
        if !previous.is_empty() {
            ds.push(
                Diagnostic::error("E-PREVIOUS-BOTH", "previous 和 previous_file 只能写一个")
                    .at(loc.clone())
                    .path("previous_file")
                    .hint("上年同期指标要么直接写在 previous 里，要么给出上年文件的路径"),
            );
        } else if let Some(base) = base {
            // Read under the sandbox rules: under the file's folder, a regular YAML file of at
            // most 10 MB; a refusal points at this line.
            let roots = sandbox::Roots::in_dir(base);
            let current = meta.as_ref().map(|m| m.period);
            match sandbox::open(&pf.value.0, sandbox::Named::PreviousFile, &loc, &roots) {
                Err(d) => ds.push(d),
                Ok(opened) => {
                    if let Some((prev_sources, (figs, keys))) =
                        previous_file(&opened, &loc, current, &mut ds)
                    {
                        previous = figs;
                        previous_key_locations = keys;
                        extra.extend(prev_sources);
                    }
                }
            }
        }
    }
    let (disclosure, disclosure_location) = match raw.disclosure {
        Some(d) => {
            let loc = yaml::at(&src.name, &d);
            (Some(d.value), Some(loc))
        }
        None => (None, None),
    };
    let loaded = LoadedFile {
        file: src.name.clone(),
        meta,
        meta_location,
        figures,
        key_locations,
        previous,
        previous_key_locations,
        catalogue,
        disclosure,
        disclosure_location,
        inline_catalogue: raw
            .catalogue
            .map(|c| InlineCatalogue::new(&src.name, c))
            .filter(|c| !c.is_empty()),
    };
    (Some(loaded), ds, extra)
}

/// Figures by key, and where each key was written.
type FigureMaps = (BTreeMap<String, Figure>, BTreeMap<String, Location>);

/// Loads `previous_file` (read through the sandbox, written at `at`) for its figures; warns
/// when its period is not the same period one year earlier. `None` after reporting why it could
/// not be decoded.
fn previous_file(
    opened: &sandbox::Opened,
    at: &Location,
    current: Option<Period>,
    ds: &mut Diagnostics,
) -> Option<(Vec<SourceFile>, FigureMaps)> {
    let (src, warnings) = match source::decode(&opened.shown, &opened.bytes) {
        Ok(x) => x,
        Err(d) => {
            let msg = d.message.clone();
            ds.push(
                Diagnostic::error("E-PREVIOUS-FILE", format!("读不了上年同期文件：{msg}"))
                    .at(at.clone())
                    .path("previous_file")
                    .hint("路径相对于本文件所在的目录"),
            );
            return None;
        }
    };
    ds.extend(warnings);
    let (loaded, more, _) = load_source_in(&src, None);
    ds.extend(more.items);
    let loaded = loaded?;
    if let (Some(cur), Some(prev)) = (current, loaded.meta.as_ref().map(|m| m.period))
        && prev != cur.previous_year()
    {
        ds.push(
            Diagnostic::warning(
                "W-PREVIOUS-PERIOD",
                format!(
                    "上年同期文件的期间是 {}，本期是 {}，不是上年同期（应为 {}）",
                    prev,
                    cur,
                    cur.previous_year()
                ),
            )
            .at(at.clone())
            .path("previous_file")
            .hint("previous_file 应指向上年同期的指标文件（同比要用上年同一期间的数）"),
        );
    }
    Some((vec![src], (loaded.figures, loaded.key_locations)))
}

/// Tabs in indentation and empty files, found before parsing (clearer than the parser's words).
fn tabs_and_empty(src: &SourceFile) -> Option<Vec<Diagnostic>> {
    if src.text.trim().is_empty() {
        return Some(vec![
            Diagnostic::error("E-EMPTY", format!("文件 {} 是空的", src.name))
                .at(Location::new(src.name.clone(), 1, 1))
                .hint("请按 README“指标文件”一节填写 meta 和 figures"),
        ]);
    }
    if !src.text.contains('\t') {
        return None;
    }
    let mut out = Vec::new();
    let mut in_block_scalar = false;
    for (i, line) in src.text.lines().enumerate() {
        let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        if in_block_scalar && (indent.is_empty() && !line.trim().is_empty()) {
            in_block_scalar = false;
        }
        if let Some(col) = indent.find('\t')
            && !in_block_scalar
        {
            out.push(
                Diagnostic::error("E-YAML-TAB", "缩进里有制表符（Tab），YAML 只能用空格缩进")
                    .at(Location::new(
                        src.name.clone(),
                        i as u32 + 1,
                        col as u32 + 1,
                    ))
                    .hint("把行首的 Tab 换成空格（编辑器里“将制表符转换为空格”）"),
            );
        }
        let t = line.trim_end();
        if t.ends_with('|') || t.ends_with('>') || t.ends_with("|-") || t.ends_with(">-") {
            in_block_scalar = true;
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Whether the value at `at` is written in quotes (its text then starts one column later).
fn quoted_at(src: &SourceFile, at: &Location) -> bool {
    src.line(at.line)
        .and_then(|l| l.chars().nth(at.column.saturating_sub(1) as usize))
        .is_some_and(|c| c == '"' || c == '\'')
}

/// A figure key without surrounding spaces and without invisible characters (each removal a
/// `W-KEY-INVISIBLE` at the character).
fn clean_key(
    src: &SourceFile,
    raw: &str,
    at: &Location,
    section: &str,
    ds: &mut Diagnostics,
) -> String {
    let trimmed = raw.trim_matches(' ');
    if trimmed.is_ascii() {
        return trimmed.to_string();
    }
    let Some((i, c)) = trimmed
        .chars()
        .enumerate()
        .find(|(_, c)| chars::invisible_name(*c).is_some())
    else {
        return trimmed.to_string();
    };
    let key: String = trimmed
        .chars()
        .filter(|c| chars::invisible_name(*c).is_none())
        .collect();
    let column = at.column + u32::from(quoted_at(src, at)) + u32::try_from(i).unwrap_or(0);
    ds.push(
        Diagnostic::warning(
            "W-KEY-INVISIBLE",
            format!(
                "键名“{}”中有一个不可见字符 {}，已去掉",
                chars::clip(&key, chars::QUOTED),
                chars::describe_invisible(c)
            ),
        )
        .at(Location::new(src.name.clone(), at.line, column))
        .path(format!("{section}.{key}"))
        .hint("多半是从 Word、Excel 或网页复制来的；删去键名里看不见的字符，重新输入"),
    );
    key
}

/// Reads `figures:` or `previous:` (`section`): each value exact as written, pending (`XX`,
/// empty), or `E-FIGURE-NOT-NUMBER` with a hint fitted to the mistake; every key's place kept.
fn read_figures(
    src: &SourceFile,
    map: FigureMap,
    section: &str,
    ds: &mut Diagnostics,
) -> FigureMaps {
    // Collected, then bulk-built (several times faster than inserting one by one into a large
    // map); a repeated key keeps its last value, as inserting would.
    let mut out = Vec::with_capacity(map.0.len());
    let mut keys = Vec::with_capacity(map.0.len());
    for (k, v) in map.0 {
        let key_loc = yaml::at(&src.name, &k);
        let key = clean_key(src, &k.value.0, &key_loc, section, ds);
        let raw = v.value.as_ref().map_or("", |t| t.0.as_str());
        let empty = raw.trim_matches(' ').is_empty();
        let value_loc = if empty {
            key_loc.clone()
        } else {
            yaml::at(&src.name, &v)
        };
        // Places inside the value: a quoted value's text starts after its quote.
        let inside = |at: Option<usize>| match at {
            Some(i) => Location::new(
                src.name.clone(),
                value_loc.line,
                (value_loc.column + u32::from(quoted_at(src, &value_loc)))
                    .saturating_add(u32::try_from(i).unwrap_or(u32::MAX)),
            ),
            None => value_loc.clone(),
        };
        let written = match value::read(raw) {
            Ok(r) => {
                for n in r.notes {
                    ds.push(
                        Diagnostic::warning(n.code, n.message)
                            .at(inside(n.at))
                            .path(format!("{section}.{key}"))
                            .hint(n.hint),
                    );
                }
                Some((r.value, r.qualifier))
            }
            Err(NotNumber {
                code,
                message,
                hint,
                at,
            }) => {
                ds.push(
                    Diagnostic::error(code, message)
                        .at(inside(at))
                        .path(format!("{section}.{key}"))
                        .hint(hint),
                );
                None
            }
        };
        out.push(written.map(|(value, qualifier)| {
            let figure = Figure {
                key: key.clone(),
                value,
                origin: Origin::Written(value_loc),
                qualifier,
            };
            (key.clone(), figure)
        }));
        keys.push((key, key_loc));
    }
    // Both maps have the file's keys: one sort orders them.
    let order = key_order(keys.iter().map(|(k, _)| k.as_str()));
    let keys = keys.into_iter().map(Some).collect();
    (map_in_order(out, &order), map_in_order(keys, &order))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_source;
    use crate::model::FigureValue;

    fn load(text: &str) -> (Option<LoadedFile>, Diagnostics) {
        load_source(&SourceFile::new("t.yaml", text.to_string()))
    }

    #[test]
    fn figures_round_trip_byte_for_byte() {
        let values = [
            "42905.96",
            "316449463.25",
            "99.87",
            "0.1",
            "12345678901234567.89",
            "100.00",
        ];
        let mut text = String::from(
            "meta: {agency: 甲, period: 2020, date: 2021-01-07, report: annual}\nfigures:\n",
        );
        for (i, v) in values.iter().enumerate() {
            text.push_str(&format!("  f{i}: {v}\n"));
        }
        let (l, ds) = load(&text);
        assert!(ds.items.is_empty(), "{:?}", ds.items);
        let l = l.expect("loads");
        for (i, v) in values.iter().enumerate() {
            let got = l.figures[&format!("f{i}")]
                .value
                .decimal()
                .map(|d| d.to_string());
            assert_eq!(got.as_deref(), Some(*v));
        }
    }

    #[test]
    fn pending_and_locations() {
        let (l, ds) = load(
            "meta: {agency: 甲, period: 2025-H1, date: 2025-07-01, report: half-year}\nfigures:\n  a: XX\n  b:\n  c: 3\n",
        );
        assert!(ds.items.is_empty(), "{:?}", ds.items);
        let l = l.expect("loads");
        assert_eq!(l.figures["a"].value, FigureValue::Pending);
        assert_eq!(l.figures["b"].value, FigureValue::Pending);
        let loc = l.figures["c"].origin.location().cloned();
        assert_eq!(loc.map(|l| (l.line, l.column)), Some((5, 6)));
        assert_eq!(l.meta.map(|m| m.period), Some(Period::FirstHalf(2025)));
    }
}
