//! The one place that talks to serde-saphyr: parse options and resource budget, exact scalars
//! (numbers via their source text, never f64), locations, and English parser errors mapped to
//! located Chinese diagnostics.
//!
//! Everything else that reads YAML (indicator files, catalogues, the disclosure part, the
//! embedded statutory formats) goes through [`parse`] or [`parse_embedded`] and the types here:
//! [`Spanned`] for a value with its place, [`Text`] for any scalar as written, [`Exact`] for a
//! number that must be exact. A change of YAML crate (an event-based loader, say) stays inside
//! this file.
//!
//! The budget ([`MAX_DEPTH`], node, event and alias limits) makes hostile input (deep nesting,
//! alias bombs, many documents) fail fast with a Chinese message instead of exhausting memory.

use crate::diagnostic::{Diagnostic, Location};
use crate::source::SourceFile;
use rust_decimal::Decimal;
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde_saphyr::Error as YamlError;
use std::fmt;

pub use serde_saphyr::Spanned;

/// Deepest nesting accepted (indicator files need 4–6 levels).
pub const MAX_DEPTH: usize = 24;

/// Parses `source` into `T` with wengao's budget; errors become one located diagnostic.
///
/// Only the first problem is reported: YAML that does not parse has no reliable structure to
/// report more from. When the typed parse fails, a structure-blind parse decides whether the
/// file breaches the budget (depth, aliases, documents), which the user must see first.
pub fn parse<T: de::DeserializeOwned>(source: &SourceFile) -> Result<T, Diagnostic> {
    serde_saphyr::from_str_with_options::<T>(&source.text, options()).map_err(|typed| {
        // A type error can stop the typed pass before the budget (depth, alias bombs) is reached
        // deeper down; a structure-blind pass tells which problem the user should see first.
        match serde_saphyr::from_str_with_options::<de::IgnoredAny>(&source.text, options()) {
            Err(budget) => map_error(source, &budget),
            Ok(_) => map_error(source, &typed),
        }
    })
}

/// Parse options: resource budget, duplicate keys refused, alias expansion kept tiny.
fn options() -> serde_saphyr::Options {
    let mut options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_nodes: 1_500_000,
            max_events: 3_000_000,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_documents: 1,
        },
        with_snippet: false,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
    };
    // Aliases are never needed in indicator files: keep their expansion tiny (alias bombs).
    options.alias_limits.max_total_replayed_events = 20_000;
    options.alias_limits.max_replay_stack_depth = 8;
    options.alias_limits.max_alias_expansions_per_anchor = 100;
    options
}

/// A serde-saphyr location in `file` as ours (same convention: 1-based line, column in
/// characters; line 0 when the parser knows no place). The one conversion of parser locations.
fn location(file: &str, l: &serde_saphyr::Location) -> Location {
    Location::new(
        file,
        u32::try_from(l.line()).unwrap_or(u32::MAX),
        u32::try_from(l.column()).unwrap_or(u32::MAX),
    )
}

/// Where a spanned value was written in `file` (line 0 when the parser knows no place).
pub fn at<T>(file: &str, s: &Spanned<T>) -> Location {
    location(file, &s.referenced)
}

/// Parses YAML shipped inside the binary (the statutory formats) with the parser's defaults.
/// The error is the parser's own English text: shipped files are checked by the tests, so users
/// never see it.
pub fn parse_embedded<T: de::DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_saphyr::from_str(text).map_err(|e| e.to_string())
}

/// Prefix of custom errors raised by our own visitors: `CODE|message|hint`.
const OWN: &str = "wengao:";

/// A custom error that [`map_error`] turns into the diagnostic `code` with `message` and `hint`.
fn own_error<E: de::Error>(code: &str, message: &str, hint: &str) -> E {
    E::custom(format!("{OWN}{code}|{message}|{hint}"))
}

/// A scalar as its source text (numbers and dates included, never through f64): `0`, `增1`,
/// `96171.60`, `2021-01-07`. Empty for a null value; `true`/`false` as written. The one scalar
/// visitor of the crate (indicator files, catalogues and the disclosure tables all use it).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a scalar")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
                Ok(Text(String::new()))
            }
            fn visit_none<E: de::Error>(self) -> Result<Text, E> {
                Ok(Text(String::new()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        d.deserialize_str(V)
    }
}

/// An exact decimal read from the scalar's source text; the f64 path is an error.
///
/// Used where a catalogue gives a number (`min`, `max`, a ratio's `scale`): `0.1` stays
/// exactly one tenth, and a value that is not a plain decimal is `E-YAML-NUMBER` at its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exact(pub Decimal);

impl<'de> Deserialize<'de> for Exact {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Exact;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an exact decimal number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Exact, E> {
                parse_decimal(v).map(Exact).ok_or_else(|| {
                    own_error(
                        "E-YAML-NUMBER",
                        &format!("“{v}”不是数字"),
                        "数字照原样写，例如 42905.96；不要带单位或千分位逗号",
                    )
                })
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Exact, E> {
                Err(own_error(
                    "E-YAML-NUMBER",
                    "数字未按原文读取",
                    "内部错误：数字必须按原文读取",
                ))
            }
        }
        d.deserialize_str(V)
    }
}

/// A decimal exactly as written (scale kept: `100.00` stays `100.00`), or `None`.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let t = text.trim();
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    let ok = !digits.is_empty()
        && !digits.starts_with('.')
        && !digits.ends_with('.')
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.matches('.').count() <= 1;
    if !ok {
        return None;
    }
    Decimal::from_str_exact(t).ok()
}

/// The closest candidate to a mistyped word, if close enough to be a useful hint.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Serde names a type in English; users read Chinese.
fn type_name(t: &str) -> String {
    let t = t.trim();
    if t.contains("map") || t.contains("struct") {
        "键值对（映射）".into()
    } else if t.contains("seq") || t.contains("list") {
        "列表".into()
    } else if t.contains("string") || t.contains("str") || t.contains("scalar") {
        "单个值".into()
    } else if t.contains("unit") || t.contains("null") {
        "空值".into()
    } else {
        t.to_string()
    }
}

/// The diagnostic of a parser error: budget breaches, duplicate keys, unknown keys (with “did
/// you mean”), type errors in Chinese, syntax errors translated, our own visitors' errors
/// unpacked; placed where the parser stopped.
fn map_error(source: &SourceFile, e: &YamlError) -> Diagnostic {
    let inner = match e.without_snippet() {
        YamlError::AliasError { error, .. } => error.as_ref(),
        other => other,
    };
    let loc = e
        .location()
        .map(|l| location(&source.name, &l))
        .unwrap_or_else(|| Location::new(source.name.clone(), 1, 1));
    let syntax = |what: String| {
        Diagnostic::error("E-YAML-SYNTAX", format!("YAML 格式错误：{what}"))
            .hint("检查这一行的缩进、冒号（英文半角“: ”后要有空格）和引号是否成对")
    };
    let d = match inner {
        YamlError::Budget { breach, .. } => {
            let what = format!("{breach:?}");
            if what.starts_with("Documents") {
                Diagnostic::error(
                    "E-YAML-SYNTAX",
                    "一个文件里只能有一份 YAML 文档（出现了多余的 ---）",
                )
                .hint("一期指标写一个文件；删去多余的 --- 分隔行")
            } else if what.starts_with("Depth") {
                Diagnostic::error(
                    "E-YAML-DEPTH",
                    format!("嵌套层数太深（超过 {MAX_DEPTH} 层），已停止读取"),
                )
                .hint("指标文件只需几层缩进；请检查文件是否正确")
            } else {
                Diagnostic::error(
                    "E-YAML-BUDGET",
                    "文件中的结点或别名（*引用）太多，已停止读取",
                )
                .hint("可能是别名炸弹（层层引用的 & 和 *）；指标文件不需要别名，请直接写值")
            }
        }
        YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasExpansionLimitExceeded { .. }
        | YamlError::AliasReplayStackDepthExceeded { .. }
        | YamlError::AliasReplayCounterOverflow { .. } => {
            Diagnostic::error("E-YAML-BUDGET", "文件中的别名（*引用）展开太多，已停止读取")
                .hint("可能是别名炸弹（层层引用的 & 和 *）；指标文件不需要别名，请直接写值")
        }
        YamlError::DuplicateMappingKey { key, .. } => Diagnostic::error(
            "E-YAML-DUPLICATE",
            match key {
                Some(k) => format!("键“{k}”重复出现"),
                None => "同一层里有重复的键".to_string(),
            },
        )
        .hint("同一层里每个键只能写一次；删去或合并重复的一行"),
        YamlError::SerdeUnknownField {
            field, expected, ..
        } => {
            let d = Diagnostic::error("E-YAML-UNKNOWN-KEY", format!("不认识的键“{field}”"));
            match did_you_mean(field, expected.iter().copied()) {
                Some(s) => d.hint(format!("是不是“{s}”？可用的键：{}", expected.join("、"))),
                None => d.hint(format!("可用的键：{}", expected.join("、"))),
            }
        }
        YamlError::SerdeMissingField { field, .. } => {
            Diagnostic::error("E-YAML-MISSING", format!("缺少必填的键“{field}”"))
                .hint(format!("请加上 {field}:，格式见 README“指标文件”一节"))
        }
        YamlError::SerdeUnknownVariant {
            variant, expected, ..
        } => {
            let d = Diagnostic::error("E-YAML-VALUE", format!("不认识的取值“{variant}”"));
            match did_you_mean(variant, expected.iter().copied()) {
                Some(s) => d.hint(format!("是不是“{s}”？可用的取值：{}", expected.join("、"))),
                None => d.hint(format!("可用的取值：{}", expected.join("、"))),
            }
        }
        YamlError::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => Diagnostic::error(
            "E-YAML-TYPE",
            format!(
                "类型不对：这里应是{}，写的是{}",
                type_name(expected),
                type_name(unexpected)
            ),
        )
        .hint("对照 README“指标文件”一节的示例检查这一项的写法"),
        YamlError::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => Diagnostic::error(
            "E-YAML-TYPE",
            format!(
                "取值不对：这里应是{}，写的是{}",
                type_name(expected),
                type_name(unexpected)
            ),
        ),
        YamlError::InvalidScalar { ty, .. } => Diagnostic::error(
            "E-YAML-TYPE",
            format!("类型不对：这里应是{}", type_name(ty)),
        ),
        YamlError::NullIntoString { .. } => {
            Diagnostic::error("E-YAML-TYPE", "这里不能为空").hint("请填写内容")
        }
        YamlError::Unexpected { expected, .. } => Diagnostic::error(
            "E-YAML-TYPE",
            format!("类型不对：这里应是{}", type_name(expected)),
        )
        .hint("对照 README“指标文件”一节的示例检查这一项的写法"),
        YamlError::MultipleDocuments { .. } => Diagnostic::error(
            "E-YAML-SYNTAX",
            "一个文件里只能有一份 YAML 文档（出现了多余的 ---）",
        )
        .hint("一期指标写一个文件；删去多余的 --- 分隔行"),
        YamlError::Eof { .. } => syntax("文件意外结束".to_string()),
        YamlError::UnknownAnchor { .. } => {
            Diagnostic::error("E-YAML-SYNTAX", "引用了不存在的锚点（*名称）")
                .hint("指标文件不需要别名，请直接写值")
        }
        YamlError::Message { msg, .. } if msg.starts_with(OWN) => {
            let mut parts = msg[OWN.len()..].splitn(3, '|');
            let code = parts.next().unwrap_or("E-YAML-TYPE");
            let message = parts.next().unwrap_or("");
            let hint = parts.next().unwrap_or("");
            Diagnostic::error(code, message).hint(hint)
        }
        other => {
            let text = other.render().to_ascii_lowercase();
            if text.contains("recursion") || text.contains("nesting") {
                Diagnostic::error(
                    "E-YAML-DEPTH",
                    format!("嵌套层数太深（超过 {MAX_DEPTH} 层），已停止读取"),
                )
                .hint("指标文件只需几层缩进；请检查文件是否正确")
            } else {
                syntax(translate_parser(&text))
            }
        }
    };
    d.at(loc)
}

/// The parser's English wording for the common syntax errors, in Chinese.
///
/// Matched by phrase, first match wins; anything unknown becomes a general “YAML 写法不对” with
/// the location, never the English text.
fn translate_parser(msg: &str) -> String {
    let m = msg.to_ascii_lowercase();
    let table: &[(&str, &str)] = &[
        (
            "mapping values are not allowed",
            "这里不能出现“键: 值”（多半是冒号后少了空格、缩进不对或值里有未加引号的冒号）",
        ),
        ("did not find expected key", "缩进不对齐，找不到下一个键"),
        ("did not find expected node", "这里缺少内容"),
        (
            "did not find expected ',' or ']'",
            "方括号列表没有正确结束（缺逗号或 ]）",
        ),
        (
            "did not find expected ',' or '}'",
            "花括号映射没有正确结束（缺逗号或 }）",
        ),
        (
            "unexpected character",
            "出现了不能开头的字符（例如 %、@、` 要加引号）",
        ),
        (
            "cannot start any token",
            "出现了不能开头的字符（例如 %、@、` 要加引号）",
        ),
        ("tab", "缩进里有制表符（Tab），YAML 只能用空格缩进"),
        ("unclosed quoted", "引号没有成对"),
        ("unterminated quoted", "引号没有成对"),
        ("found unknown escape", "双引号里有不认识的转义（\\）"),
        (
            "block sequence entries are not allowed",
            "列表项（- ）的位置不对",
        ),
        ("invalid indentation", "缩进不对"),
        ("invalid leading utf-8 octet", "文件编码不是 UTF-8"),
        ("could not find expected ':'", "缺少冒号“:”"),
        ("simple key", "键太长或缺少冒号“:”"),
        ("anchor", "锚点或别名写法不对"),
        ("alias", "锚点或别名写法不对"),
    ];
    for (en, zh) in table {
        if m.contains(en) {
            return (*zh).to_string();
        }
    }
    "无法解析（YAML 写法不对）".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Nums {
        a: Vec<Exact>,
    }

    #[test]
    fn numbers_keep_their_text() {
        let text = "a: [42905.96, 316449463.25, 99.87, 0.1, 12345678901234567.89, 100.00, -3, 0]";
        let src = SourceFile::new("t", text.to_string());
        let n: Nums = parse(&src).expect("parses");
        let back: Vec<String> = n.a.iter().map(|e| e.0.to_string()).collect();
        assert_eq!(
            back,
            [
                "42905.96",
                "316449463.25",
                "99.87",
                "0.1",
                "12345678901234567.89",
                "100.00",
                "-3",
                "0"
            ]
        );
    }

    #[test]
    fn parse_decimal_refuses_non_numbers() {
        for bad in [
            "1e5", "1,000", "12万", ".5", "5.", "", "XX", "0x10", "1.2.3",
        ] {
            assert_eq!(parse_decimal(bad), None, "{bad}");
        }
    }
}
