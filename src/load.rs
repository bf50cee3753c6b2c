//! Stage 1: read an indicator file (bytes → text → YAML) into a [`crate::model::Report`],
//! every value with its file:line:column.
//!
//! Format: see README.md, section “指标文件”. Loading reports every problem it can in one pass
//! (meta fields, each figure); only YAML syntax errors stop a file early.

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::disclosure::DisclosureInput;
use crate::model::{DocDate, Figure, FigureValue, Meta, Origin, Period, ReportKind, TitleLines};
use crate::source::{self, SourceFile};
use crate::yaml::{self, Spanned, Text};
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// One indicator file after loading, before validation. `meta` is `None` when it has errors.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    pub file: String,
    pub meta: Option<Meta>,
    /// Where `meta.period` was written (for cross-file messages).
    pub meta_location: Option<Location>,
    pub figures: BTreeMap<String, Figure>,
    /// Where each figure's key was written (for unknown-key messages).
    pub key_locations: BTreeMap<String, Location>,
    pub previous: BTreeMap<String, Figure>,
    pub previous_key_locations: BTreeMap<String, Location>,
    /// `meta.catalogue`, resolved against the file's folder.
    pub catalogue: Option<PathBuf>,
    /// The `disclosure:` part as written; turned into tables by [`crate::disclosure`].
    pub disclosure: Option<DisclosureInput>,
    pub disclosure_location: Option<Location>,
}

/// Reads, decodes and loads `path` (and its `previous_file`, if any).
/// Returns every source read (for snippets), the loaded file if it parsed, and diagnostics.
pub fn load_path(path: &Path) -> (Vec<SourceFile>, Option<LoadedFile>, Diagnostics) {
    let mut ds = Diagnostics::default();
    let (src, warnings) = match source::read(path) {
        Ok(x) => x,
        Err(d) => {
            ds.push(d);
            return (Vec::new(), None, ds);
        }
    };
    ds.extend(warnings);
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let (loaded, more, mut sources) = load_source_in(&src, Some(&base));
    ds.extend(more.items);
    sources.insert(0, src);
    (sources, loaded, ds)
}

/// Loads already-decoded text; `previous_file` is not followed (used by fuzzing and tests).
pub fn load_source(src: &SourceFile) -> (Option<LoadedFile>, Diagnostics) {
    let (loaded, ds, _) = load_source_in(src, None);
    (loaded, ds)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    meta: Option<Spanned<RawMeta>>,
    figures: Option<FigureMap>,
    previous: Option<Spanned<FigureMap>>,
    previous_file: Option<Spanned<Text>>,
    disclosure: Option<Spanned<DisclosureInput>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    agency: Option<Spanned<Text>>,
    period: Option<Spanned<Text>>,
    date: Option<Spanned<Text>>,
    report: Option<Spanned<Text>>,
    title: Option<Spanned<Text>>,
    title_lines: Option<Spanned<Vec<Spanned<Text>>>>,
    template: Option<Spanned<Text>>,
    catalogue: Option<Spanned<Text>>,
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

fn load_source_in(
    src: &SourceFile,
    base: Option<&Path>,
) -> (Option<LoadedFile>, Diagnostics, Vec<SourceFile>) {
    let mut ds = Diagnostics::default();
    let mut extra = Vec::new();
    if let Some(d) = tabs_and_empty(src) {
        ds.extend(d);
        return (None, ds, extra);
    }
    let raw: RawFile = match yaml::parse(src) {
        Ok(r) => r,
        Err(d) => {
            ds.push(d);
            return (None, ds, extra);
        }
    };
    let start = Location::new(src.name.clone(), 1, 1);
    let (meta, meta_location, catalogue) = match &raw.meta {
        Some(m) => {
            let (meta, catalogue) = meta(src, &m.value, &yaml::at(src, m), base, &mut ds);
            (meta, Some(yaml::at(src, m)), catalogue)
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
        let loc = yaml::at(src, pf);
        if !previous.is_empty() {
            ds.push(
                Diagnostic::error("E-PREVIOUS-BOTH", "previous 和 previous_file 只能写一个")
                    .at(loc.clone())
                    .path("previous_file")
                    .hint("上年同期指标要么直接写在 previous 里，要么给出上年文件的路径"),
            );
        } else if let Some(base) = base {
            let path = base.join(pf.value.0.trim());
            let current = meta.as_ref().map(|m| m.period);
            if let Some((prev_sources, (figs, keys))) = previous_file(&path, &loc, current, &mut ds)
            {
                previous = figs;
                previous_key_locations = keys;
                extra.extend(prev_sources);
            }
        }
    }
    let (disclosure, disclosure_location) = match raw.disclosure {
        Some(d) => {
            let loc = yaml::at(src, &d);
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
    };
    (Some(loaded), ds, extra)
}

type FigureMaps = (BTreeMap<String, Figure>, BTreeMap<String, Location>);

fn previous_file(
    path: &Path,
    at: &Location,
    current: Option<Period>,
    ds: &mut Diagnostics,
) -> Option<(Vec<SourceFile>, FigureMaps)> {
    let (src, warnings) = match source::read(path) {
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

fn meta(
    src: &SourceFile,
    m: &RawMeta,
    at: &Location,
    base: Option<&Path>,
    ds: &mut Diagnostics,
) -> (Option<Meta>, Option<PathBuf>) {
    let missing = |field: &str, what: &str, example: &str| {
        Diagnostic::error("E-META-MISSING", format!("meta 缺少 {field}（{what}）"))
            .at(at.clone())
            .path(format!("meta.{field}"))
            .hint(format!("例如 {field}: {example}"))
    };
    let agency = match &m.agency {
        Some(a) if !a.value.0.trim().is_empty() => Some(a.value.0.trim().to_string()),
        _ => {
            ds.push(missing("agency", "发文机关", "三门县医疗保障服务中心"));
            None
        }
    };
    let period = match &m.period {
        Some(p) => {
            let r = parse_period(&p.value.0);
            if r.is_none() {
                ds.push(
                    Diagnostic::error("E-META-PERIOD", format!("期间“{}”不存在", p.value.0.trim()))
                        .at(yaml::at(src, p))
                        .path("meta.period")
                        .hint("年度写 2020，上半年写 2025-H1，下半年写 2025-H2"),
                );
            }
            r
        }
        None => {
            ds.push(missing("period", "期间", "2020 或 2025-H1"));
            None
        }
    };
    let date = match &m.date {
        Some(d) => {
            let r = parse_date(&d.value.0);
            if let Err(why) = &r {
                ds.push(
                    Diagnostic::error("E-META-DATE", why.clone())
                        .at(yaml::at(src, d))
                        .path("meta.date")
                        .hint("成文日期写成 2021-01-07"),
                );
            }
            r.ok()
        }
        None => {
            ds.push(missing("date", "成文日期", "2021-01-07"));
            None
        }
    };
    let kind = match &m.report {
        Some(r) => {
            let k = parse_kind(&r.value.0);
            if k.is_none() {
                let word = r.value.0.trim();
                let choices = ["annual", "half-year", "disclosure"];
                let mut d = Diagnostic::error("E-META-REPORT", format!("不认识的报告类型“{word}”"))
                    .at(yaml::at(src, r))
                    .path("meta.report");
                d = match yaml::did_you_mean(word, choices) {
                    Some(s) => d.hint(format!(
                        "是不是“{s}”？可写 annual（年度总结）、half-year（半年总结）、disclosure（政府信息公开年报）"
                    )),
                    None => d.hint(
                        "可写 annual（年度总结）、half-year（半年总结）、disclosure（政府信息公开年报）",
                    ),
                };
                ds.push(d);
            }
            k
        }
        None => {
            ds.push(missing("report", "报告类型", "annual"));
            None
        }
    };
    if let (Some(k), Some(p), Some(r)) = (kind, period, &m.report) {
        let fits = match k {
            ReportKind::HalfYear => p.is_half_year(),
            ReportKind::Annual | ReportKind::Disclosure => !p.is_half_year(),
        };
        if !fits {
            ds.push(
                Diagnostic::error(
                    "E-META-REPORT",
                    format!("报告类型 {} 与期间 {p} 不符", r.value.0.trim()),
                )
                .at(yaml::at(src, r))
                .path("meta.report")
                .hint("半年报告的期间写 2025-H1 或 2025-H2；年度报告写 2020"),
            );
        }
    }
    let opt = |s: &Option<Spanned<Text>>| {
        s.as_ref()
            .map(|t| t.value.0.trim().to_string())
            .filter(|t| !t.is_empty())
    };
    let catalogue = opt(&m.catalogue).map(|c| match base {
        Some(b) => b.join(c),
        None => PathBuf::from(c),
    });
    let meta = match (agency, period, date, kind) {
        (Some(agency), Some(period), Some(date), Some(kind)) => Some(Meta {
            agency,
            period,
            date,
            kind,
            title: opt(&m.title),
            title_lines: title_lines(src, m.title_lines.as_ref(), ds),
            template: opt(&m.template).map(PathBuf::from),
        }),
        _ => None,
    };
    (meta, catalogue)
}

/// `meta.title_lines`: the title's printed lines, each non-empty.
fn title_lines(
    src: &SourceFile,
    raw: Option<&Spanned<Vec<Spanned<Text>>>>,
    ds: &mut Diagnostics,
) -> Option<TitleLines> {
    let raw = raw?;
    let mut lines = Vec::with_capacity(raw.value.len());
    for line in &raw.value {
        let text = line.value.0.trim();
        if text.is_empty() {
            ds.push(
                Diagnostic::error("E-META-TITLE-LINES", "标题分行（title_lines）中有空行")
                    .at(yaml::at(src, line))
                    .path("meta.title_lines")
                    .hint("每一项写标题的一行文字，删去空项；不需要自己分行就删去 title_lines"),
            );
            return None;
        }
        lines.push(text.to_string());
    }
    if lines.is_empty() {
        ds.push(
            Diagnostic::error("E-META-TITLE-LINES", "标题分行（title_lines）是空的")
                .at(yaml::at(src, raw))
                .path("meta.title_lines")
                .hint("写成列表，每项一行，如 [三门县医疗保障服务中心, 2020年度工作总结和2021年度工作计划]；不需要就删去"),
        );
        return None;
    }
    Some(TitleLines {
        lines,
        at: yaml::at(src, raw),
    })
}

/// `2020`, `2025-H1`, `2025-H2` (years 1949–2199).
pub fn parse_period(text: &str) -> Option<Period> {
    let t = text.trim();
    let (year, half) = match t.split_once('-') {
        Some((y, h)) => (y, Some(h)),
        None => (t, None),
    };
    if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let y: i32 = year.parse().ok()?;
    if !(1949..=2199).contains(&y) {
        return None;
    }
    match half {
        None => Some(Period::Year(y)),
        Some("H1") | Some("h1") => Some(Period::FirstHalf(y)),
        Some("H2") | Some("h2") => Some(Period::SecondHalf(y)),
        Some(_) => None,
    }
}

/// `2021-01-07` (also `2021-1-7` and `2021年1月7日`); the date must exist.
pub fn parse_date(text: &str) -> Result<DocDate, String> {
    let t = text.trim();
    let parts: Vec<&str> = if t.contains('年') {
        t.trim_end_matches('日').split(['年', '月']).collect()
    } else {
        t.split('-').collect()
    };
    let nums: Option<Vec<u32>> = match parts.as_slice() {
        [y, m, d] => [y, m, d]
            .iter()
            .map(|p| {
                (!p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
                    .then(|| p.parse::<u32>().ok())
                    .flatten()
            })
            .collect(),
        _ => None,
    };
    let Some([y, m, d]) = nums.as_deref().and_then(|n| <[u32; 3]>::try_from(n).ok()) else {
        return Err(format!("日期“{t}”写法不对"));
    };
    if !(1949..=2199).contains(&y) {
        return Err(format!("日期“{t}”的年份不对"));
    }
    DocDate::new(y as i32, m, d).ok_or_else(|| {
        if (1..=12).contains(&m) {
            format!("日期“{t}”不存在（{y}年{m}月没有{d}日）")
        } else {
            format!("日期“{t}”不存在（没有{m}月）")
        }
    })
}

fn parse_kind(text: &str) -> Option<ReportKind> {
    match text.trim() {
        "annual" | "年度" => Some(ReportKind::Annual),
        "half-year" | "半年" => Some(ReportKind::HalfYear),
        "disclosure" | "政府信息公开" => Some(ReportKind::Disclosure),
        _ => None,
    }
}

fn read_figures(
    src: &SourceFile,
    map: FigureMap,
    section: &str,
    ds: &mut Diagnostics,
) -> FigureMaps {
    let mut out = BTreeMap::new();
    let mut keys = BTreeMap::new();
    for (k, v) in map.0 {
        let key = k.value.0.trim().to_string();
        let key_loc = yaml::at(src, &k);
        let text = v.value.as_ref().map_or("", |t| t.0.trim());
        let value_loc = if text.is_empty() {
            key_loc.clone()
        } else {
            yaml::at(src, &v)
        };
        let value = if is_pending(text) {
            Some(FigureValue::Pending)
        } else if let Some(d) = yaml::parse_decimal(text) {
            Some(FigureValue::Exact(d))
        } else {
            ds.push(
                Diagnostic::error("E-FIGURE-NOT-NUMBER", format!("“{text}”不是数字"))
                    .at(value_loc.clone())
                    .path(format!("{section}.{key}"))
                    .hint(not_number_hint(text)),
            );
            None
        };
        keys.insert(key.clone(), key_loc);
        if let Some(value) = value {
            out.insert(
                key.clone(),
                Figure {
                    key,
                    value,
                    origin: Origin::Written(value_loc),
                },
            );
        }
    }
    (out, keys)
}

/// `XX` (any number of X, either case), `～`, or empty: a figure still to be filled in.
fn is_pending(text: &str) -> bool {
    text.is_empty() || text == "~" || text.chars().all(|c| c == 'X' || c == 'x')
}

fn not_number_hint(text: &str) -> String {
    if text.contains(',') || text.contains('，') {
        "去掉千分位逗号，例如 316449463.25".into()
    } else if text.ends_with('%') || text.ends_with('％') {
        "百分数只写数字（单位 % 由指标目录给出），例如 99.87".into()
    } else if text.chars().any(|c| c.is_ascii_digit()) && text.chars().any(source::is_cjk) {
        "只写数字，不带单位（单位由指标目录给出）；万元、万人次等按目录里的单位换算后写".into()
    } else if text.contains(['e', 'E']) {
        "不要用科学计数法，照原样写出全部数字".into()
    } else {
        "数字照原样写，例如 42905.96；还没有数的写 XX".into()
    }
}

/// Loads indicator text given as bytes (decoding included); for fuzzing and tools.
pub fn load_bytes(
    name: &str,
    bytes: &[u8],
) -> (Option<SourceFile>, Option<LoadedFile>, Diagnostics) {
    let mut ds = Diagnostics::default();
    match source::decode(name, bytes) {
        Ok((src, w)) => {
            ds.extend(w);
            let (l, more) = load_source(&src);
            ds.extend(more.items);
            (Some(src), l, ds)
        }
        Err(d) => {
            ds.push(d);
            (None, None, ds)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn periods_and_dates() {
        assert_eq!(parse_period("2020"), Some(Period::Year(2020)));
        assert_eq!(parse_period("2025-H2"), Some(Period::SecondHalf(2025)));
        assert_eq!(parse_period("2025-H3"), None);
        assert_eq!(parse_period("2025-13"), None);
        assert!(parse_date("2021-01-07").is_ok());
        assert!(parse_date("2021年1月7日").is_ok());
        assert_eq!(
            parse_date("2021-02-30"),
            Err("日期“2021-02-30”不存在（2021年2月没有30日）".to_string())
        );
        assert!(parse_date("2020-02-29").is_ok());
    }
}
