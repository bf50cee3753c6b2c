//! The one place that reads YAML: every file (indicator files, catalogues, the disclosure part,
//! the embedded statutory formats) becomes a located tree (`tree`), then any serde type (`de`);
//! numbers stay their source text (never f64); parser errors become located Chinese
//! diagnostics.
//!
//! Two readers build the tree. `fast` reads the plain block/flow subset nearly every file is
//! written in, line by line, about ten times faster than a general parser; it declines anything
//! else (and every error), which `events` then reads with the general parser (granit-parser)
//! under wengao's budget. Both give the same tree, marks included (tested), so which one read a
//! file never shows. Only this module knows the YAML crate.
//!
//! The budget ([`MAX_DEPTH`], [`MAX_NODES`], alias expansion, one document) makes hostile input
//! (deep nesting, alias bombs, many documents) fail fast with a Chinese message instead of
//! exhausting memory.

#[cfg(test)]
mod agreement;
mod de;
mod events;
mod fast;
mod tidy;
mod tree;

use crate::chars::{QUOTED, clip};
use crate::diagnostic::{Diagnostic, Location};
use crate::source::SourceFile;
use de::{DeError, ErrorKind};
use events::Problem;
use rust_decimal::Decimal;
use serde::de::{self as serde_de, Deserialize, Deserializer, Visitor};
use std::fmt;

pub use de::Spanned;
pub use tree::Mark;

/// Deepest nesting accepted (indicator files need 4–6 levels).
pub const MAX_DEPTH: usize = 24;
/// Most nodes (scalars and collections) a file may hold.
pub(crate) const MAX_NODES: usize = 1_500_000;

/// The tree of `text`: the fast reader when it takes the text, else the full parser.
fn tree(text: &str) -> Result<tree::Node<'_>, Problem> {
    match fast::parse(text) {
        Ok(t) => Ok(t),
        Err(fast::Declined) => events::parse(text),
    }
}

/// Parses `source` into `T` with wengao's budget; errors become one located diagnostic.
/// What a Chinese input method put into the structure (a full-width colon after a key,
/// full-width spaces as indentation) is read as meant, with a warning each, dropped here: use
/// [`parse_noting`] to keep them.
pub fn parse<T: serde_de::DeserializeOwned>(source: &SourceFile) -> Result<T, Diagnostic> {
    parse_noting(source, &mut Vec::new())
}

/// [`parse`], pushing the warnings about what was read as meant to `notes`.
///
/// Only the first problem is reported: YAML that does not parse has no reliable structure to
/// report more from. Problems of the text itself (syntax, budget, duplicate keys) come before
/// problems of its shape (a list where a value belongs, an unknown key).
pub fn parse_noting<T: serde_de::DeserializeOwned>(
    source: &SourceFile,
    notes: &mut Vec<Diagnostic>,
) -> Result<T, Diagnostic> {
    let tidied = tidy::tidy(&source.text);
    notes.extend(tidied.found.iter().map(|(f, m)| found(&source.name, f, *m)));
    let mut node = tree(&tidied.text).map_err(|p| problem(source, p, &tidied))?;
    tidied.remap(&mut node);
    T::deserialize(de::De::new(&node)).map_err(|e| shape(&source.name, e))
}

/// The warning of something read as meant.
fn found(file: &str, f: &tidy::Found, m: Mark) -> Diagnostic {
    let d = match f {
        tidy::Found::Colon(key) => Diagnostic::warning(
            "W-YAML-FULLWIDTH-COLON",
            format!("键“{key}”后面是全角冒号“：”，已按英文冒号“: ”读取"),
        )
        .hint("键后面要用英文半角冒号加空格；输入法切换到英文（或半角）再输入"),
        tidy::Found::Indent(c) => Diagnostic::warning(
            "W-YAML-FULLWIDTH-SPACE",
            format!(
                "缩进里有 {}，已按{}读取",
                crate::chars::describe_invisible(*c),
                if *c == '\u{3000}' { "两个半角空格" } else { "一个半角空格" }
            ),
        )
        .hint("缩进只用英文半角空格；把这一行开头的空白删掉，重新用空格键缩进"),
        tidy::Found::Bom => Diagnostic::warning(
            "W-YAML-BOM",
            "行首有一个不可见字符 U+FEFF（字节顺序标记，多半是把两个文件拼在一起时带进来的），已去掉",
        )
        .hint("删去这一行开头看不见的字符（或把文件另存为不带 BOM 的 UTF-8）"),
    };
    d.at(mark_location(file, m))
}

/// Where a spanned value was written in `file` (line 0 when the reader knows no place).
pub fn at<T>(file: &str, s: &Spanned<T>) -> Location {
    mark_location(file, s.referenced)
}

/// A mark in `file` as a location.
fn mark_location(file: &str, m: Mark) -> Location {
    Location::new(file, m.line(), m.column())
}

/// Parses YAML shipped inside the binary (the statutory formats). The error is in English:
/// shipped files are checked by the tests, so users never see it.
pub fn parse_embedded<T: serde_de::DeserializeOwned>(text: &str) -> Result<T, String> {
    let node = tree(text).map_err(|p| format!("{p:?}"))?;
    T::deserialize(de::De::new(&node)).map_err(|e| e.to_string())
}

/// Prefix of custom errors raised by our own visitors: `CODE|message|hint`.
const OWN: &str = "wengao:";

/// A custom error that [`shape`] turns into the diagnostic `code` with `message` and `hint`.
fn own_error<E: serde_de::Error>(code: &str, message: &str, hint: &str) -> E {
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
            fn visit_str<E: serde_de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_unit<E: serde_de::Error>(self) -> Result<Text, E> {
                Ok(Text(String::new()))
            }
            fn visit_none<E: serde_de::Error>(self) -> Result<Text, E> {
                Ok(Text(String::new()))
            }
            fn visit_bool<E: serde_de::Error>(self, v: bool) -> Result<Text, E> {
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
            fn visit_str<E: serde_de::Error>(self, v: &str) -> Result<Exact, E> {
                parse_decimal(v).map(Exact).ok_or_else(|| {
                    own_error(
                        "E-YAML-NUMBER",
                        &format!("“{}”不是数字", clip(v, QUOTED)),
                        "数字照原样写，例如 42905.96；不要带单位或千分位逗号",
                    )
                })
            }
            fn visit_f64<E: serde_de::Error>(self, _: f64) -> Result<Exact, E> {
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
    if let Some(d) = plain_decimal(t) {
        return Some(d);
    }
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

/// The usual number (`-1000000000`, `27.66`: an optional minus, at most 18 digits, at most one
/// point between digits) read without the general parser, to the same decimal (digits and
/// scale); `None` for anything else (the general parser decides).
fn plain_decimal(t: &str) -> Option<Decimal> {
    let (negative, digits) = match t.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, t),
    };
    let b = digits.as_bytes();
    if b.is_empty() || b.len() > 19 {
        return None;
    }
    let mut mantissa: i64 = 0;
    let mut scale: Option<usize> = None;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'0'..=b'9' => {
                mantissa = mantissa.checked_mul(10)?.checked_add(i64::from(c - b'0'))?;
            }
            b'.' if scale.is_none() && i > 0 && i + 1 < b.len() => scale = Some(b.len() - i - 1),
            _ => return None,
        }
    }
    let digit_count = b.len() - usize::from(scale.is_some());
    // A negative zero is left to the general parser, as are more digits than an i64 holds.
    if digit_count > 18 || (negative && mantissa == 0) {
        return None;
    }
    let scale = u32::try_from(scale.unwrap_or(0)).ok()?;
    Some(Decimal::new(
        if negative { -mantissa } else { mantissa },
        scale,
    ))
}

/// The closest candidate to a mistyped word, if close enough to be a useful hint.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    // A long word is no typo of a key, and comparing it with thousands of keys would take long.
    if word.chars().count() > 64 {
        return None;
    }
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Serde names a type in English (or a visitor in Chinese); users read Chinese.
fn type_name(t: &str) -> String {
    let t = t.trim();
    if !t.is_ascii() {
        return t.to_string();
    }
    if t.contains("map") || t.contains("struct") {
        "键值对（映射）".into()
    } else if t.contains("seq") || t.contains("list") || t.contains("tuple") {
        "列表".into()
    } else if t.contains("unit") || t.contains("null") {
        "空值".into()
    } else {
        "单个值".into()
    }
}

/// The message of a syntax error.
fn syntax(what: String) -> Diagnostic {
    Diagnostic::error("E-YAML-SYNTAX", format!("YAML 格式错误：{what}"))
        .hint("检查这一行的缩进、冒号（英文半角“: ”后要有空格）和引号是否成对")
}

/// `E-YAML-DEPTH`.
fn too_deep() -> Diagnostic {
    Diagnostic::error(
        "E-YAML-DEPTH",
        format!("嵌套层数太深（超过 {MAX_DEPTH} 层），已停止读取"),
    )
    .hint("指标文件只需几层缩进；请检查文件是否正确")
}

/// The diagnostic of a problem of the text itself (syntax, budget, duplicate key, documents),
/// at its place in the file as written.
fn problem(source: &SourceFile, p: Problem, tidied: &tidy::Tidied<'_>) -> Diagnostic {
    let file = source.name.as_str();
    let (d, mark) = match p {
        Problem::Syntax(info, mark) => {
            let text = info.to_ascii_lowercase();
            let mark = tidied.original(mark);
            if text.contains("recursion") || text.contains("nesting") {
                (too_deep(), mark)
            } else if let Some(colon) = full_width_colon_near(source, mark) {
                (
                    Diagnostic::error(
                        "E-YAML-SYNTAX",
                        "YAML 格式错误：键后面是全角冒号“：”",
                    )
                    .hint("把“：”改成英文半角冒号加空格“: ”；键名也要用英文，例如 jumin_canbao_renshu"),
                    colon,
                )
            } else {
                (syntax(translate_parser(&text)), mark)
            }
        }
        Problem::Depth(mark) => (too_deep(), tidied.original(mark)),
        Problem::Budget(mark) => (
            Diagnostic::error(
                "E-YAML-BUDGET",
                "文件中的结点或别名（*引用）太多，已停止读取",
            )
            .hint("可能是别名炸弹（层层引用的 & 和 *）；指标文件不需要别名，请直接写值"),
            mark,
        ),
        Problem::AliasExpansion(mark) => (
            Diagnostic::error("E-YAML-BUDGET", "文件中的别名（*引用）展开太多，已停止读取")
                .hint("可能是别名炸弹（层层引用的 & 和 *）；指标文件不需要别名，请直接写值"),
            mark,
        ),
        Problem::Documents(mark) => (
            Diagnostic::error(
                "E-YAML-SYNTAX",
                "一个文件里只能有一份 YAML 文档（出现了多余的 ---）",
            )
            .hint("一期指标写一个文件；删去多余的 --- 分隔行"),
            mark,
        ),
        Problem::Duplicate(key, mark) => (
            Diagnostic::error(
                "E-YAML-DUPLICATE",
                format!("键“{}”重复出现", clip(&key, QUOTED)),
            )
            .hint("同一层里每个键只能写一次；删去或合并重复的一行"),
            mark,
        ),
        Problem::UnknownAnchor(mark) => (
            Diagnostic::error("E-YAML-SYNTAX", "引用了不存在的锚点（*名称）")
                .hint("指标文件不需要别名，请直接写值"),
            mark,
        ),
    };
    d.at(mark_location(file, tidied.original(mark)))
}

/// The full-width colon on the line of a syntax error or the line before, where a key's colon
/// would be (the parser stops after such a line, not on it).
fn full_width_colon_near(source: &SourceFile, at: Mark) -> Option<Mark> {
    let first = at.line().saturating_sub(1).max(1);
    (first..=at.line()).rev().find_map(|no| {
        let line = source.line(no)?;
        let content = line.trim_start_matches([' ', '\u{3000}', '-']);
        let colon = content.find('：')?;
        let key = &content[..colon];
        if key.is_empty() || key.contains(": ") || key.contains(['#', '"', '\'', '{', '[']) {
            return None;
        }
        let column = line[..line.len() - content.len() + colon].chars().count() + 1;
        Some(Mark::new(no, u32::try_from(column).unwrap_or(u32::MAX)))
    })
}

/// The diagnostic of a tree that does not fit the type read from it: unknown keys (with “did
/// you mean”), missing keys, type errors in Chinese, our own visitors' errors unpacked; placed
/// at the node concerned.
fn shape(file: &str, e: DeError) -> Diagnostic {
    let d = match e.kind {
        ErrorKind::UnknownField { field, expected } => {
            let d = Diagnostic::error(
                "E-YAML-UNKNOWN-KEY",
                format!("不认识的键“{}”", clip(&field, QUOTED)),
            );
            match did_you_mean(&field, expected.iter().copied()) {
                Some(s) => d.hint(format!("是不是“{s}”？可用的键：{}", expected.join("、"))),
                None => d.hint(format!("可用的键：{}", expected.join("、"))),
            }
        }
        ErrorKind::MissingField(field) => {
            Diagnostic::error("E-YAML-MISSING", format!("缺少必填的键“{field}”"))
                .hint(format!("请加上 {field}:，格式见 README“指标文件”一节"))
        }
        ErrorKind::DuplicateField(field) => {
            Diagnostic::error("E-YAML-DUPLICATE", format!("键“{field}”重复出现"))
                .hint("同一层里每个键只能写一次；删去或合并重复的一行")
        }
        ErrorKind::UnknownVariant { variant, expected } => {
            let d = Diagnostic::error(
                "E-YAML-VALUE",
                format!("不认识的取值“{}”", clip(&variant, QUOTED)),
            );
            match did_you_mean(&variant, expected.iter().copied()) {
                Some(s) => d.hint(format!("是不是“{s}”？可用的取值：{}", expected.join("、"))),
                None => d.hint(format!("可用的取值：{}", expected.join("、"))),
            }
        }
        ErrorKind::InvalidType { expected } => Diagnostic::error(
            "E-YAML-TYPE",
            format!("类型不对：这里应是{}", type_name(&expected)),
        )
        .hint("对照 README“指标文件”一节的示例检查这一项的写法"),
        ErrorKind::InvalidValue {
            unexpected,
            expected,
        } => Diagnostic::error(
            "E-YAML-TYPE",
            format!(
                "取值不对：这里应是{}，写的是{}",
                type_name(&expected),
                type_name(&unexpected)
            ),
        ),
        ErrorKind::NullIntoString => {
            Diagnostic::error("E-YAML-TYPE", "这里不能为空").hint("请填写内容")
        }
        ErrorKind::Custom(msg) => match msg.strip_prefix(OWN) {
            Some(own) => {
                let mut parts = own.splitn(3, '|');
                let code = parts.next().unwrap_or("E-YAML-TYPE");
                let message = parts.next().unwrap_or("");
                let hint = parts.next().unwrap_or("");
                Diagnostic::error(code, message).hint(hint)
            }
            None => syntax(translate_parser(&msg)),
        },
    };
    d.at(e
        .mark
        .map_or_else(|| Location::new(file, 1, 1), |m| mark_location(file, m)))
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
    fn plain_numbers_read_as_the_general_parser_reads_them() {
        for text in [
            "0",
            "7",
            "-3",
            "27.66",
            "0.10",
            "100.00",
            "-1000000000",
            "007",
            "00.5",
            "-0.25",
            "999999999999999999",
            "99999999999999999.9",
            "0.00000000000000001",
            "12345678.90",
        ] {
            let fast = plain_decimal(text).expect(text);
            let general = Decimal::from_str_exact(text).expect(text);
            assert_eq!(
                (fast.to_string(), fast.scale(), fast.mantissa()),
                (general.to_string(), general.scale(), general.mantissa()),
                "{text}"
            );
        }
        for other in [
            "-0",
            "-0.0",
            "+5",
            "1e5",
            ".5",
            "5.",
            "1.2.3",
            "",
            "-",
            "9999999999999999999",
        ] {
            assert_eq!(plain_decimal(other), None, "{other}");
        }
        assert_eq!(parse_decimal("-0"), Decimal::from_str_exact("-0").ok());
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
