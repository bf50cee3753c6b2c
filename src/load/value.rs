//! One figure value as written in `figures:` or `previous:` → an exact value with its
//! qualifier, pending, or the reason it is not a number (with what to write instead).
//!
//! Accepted: a plain decimal exactly as written (`42905.96`, `100.00`); pending (`XX`, `X`,
//! `xx`, `**`, `~`, empty); a qualifier where it stands (`约200`, `近30`, `超8000`, `逾100`,
//! `10余`, `200多`, `3以上`, `200左右`, `50上下`), kept with the value so it prints with it.
//!
//! Accepted with a warning (what a clerk types without seeing it): invisible characters pasted
//! from Word, Excel or a web page (removed, each named), full-width digits from a Chinese
//! input method (`３１１８８１`, folded inside the number only), full-width `ＸＸ` (pending), a
//! plus sign (`+5`) and a negative zero (`-0`). Refused, each with what to write instead: a
//! unit glued on (`311881人`), thousands separators, scientific notation, more digits than an
//! exact decimal holds.

use crate::chars::{self, QUOTED};
use crate::model::{FigureValue, Qualifier, QualifierPlace};
use crate::source;
use crate::yaml;
use rust_decimal::Decimal;

/// A remark on a value that was read anyway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Note {
    /// The warning's code.
    pub code: &'static str,
    /// What was found (Chinese).
    pub message: String,
    /// What to write instead (Chinese).
    pub hint: String,
    /// The index (in characters) of the character concerned within the value, if one is.
    pub at: Option<usize>,
}

/// A figure value that is not a number: what is wrong, what to write instead, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct NotNumber {
    /// The error's code.
    pub code: &'static str,
    /// What is wrong (Chinese).
    pub message: String,
    /// What to write instead (Chinese).
    pub hint: String,
    /// The index (in characters) of the character concerned within the value, if one is.
    pub at: Option<usize>,
}

/// A figure value as read: exact or pending, its qualifier, and remarks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Reading {
    /// The value.
    pub value: FigureValue,
    /// The approximation word written with it.
    pub qualifier: Option<Qualifier>,
    /// Warnings about how it was written.
    pub notes: Vec<Note>,
}

/// Reads one figure value as written (surrounding spaces allowed; the places in notes and
/// errors count from the first character of `raw`).
pub(super) fn read(raw: &str) -> Result<Reading, NotNumber> {
    let lead = raw.len() - raw.trim_start_matches(' ').len();
    match read_trimmed(raw.trim_matches(' ')) {
        Ok(mut r) => {
            for n in &mut r.notes {
                n.at = n.at.map(|a| a + lead);
            }
            Ok(r)
        }
        Err(mut e) => {
            e.at = e.at.map(|a| a + lead);
            Err(e)
        }
    }
}

/// [`read`] of a value without surrounding spaces.
fn read_trimmed(text: &str) -> Result<Reading, NotNumber> {
    let mut notes = Vec::new();
    let cleaned = strip_invisible(text, &mut notes);
    let text: &str = &cleaned;
    if let Some(v) = pending(text, &mut notes) {
        return Ok(Reading {
            value: v,
            qualifier: None,
            notes,
        });
    }
    let (qualifier, number, offset) = match split_qualifier(text) {
        Some((q, rest, offset)) => (Some(q), rest, offset),
        None => (None, text, 0),
    };
    if qualifier.is_some() && !number.is_empty() && pending(number, &mut notes).is_some() {
        return Ok(Reading {
            value: FigureValue::Pending,
            qualifier,
            notes,
        });
    }
    let folded;
    let number = match chars::fold_number(number) {
        Some((f, i, c)) => {
            notes.push(Note {
                code: "W-FIGURE-FULLWIDTH",
                message: format!(
                    "数字里有全角字符“{c}”，已按半角读作“{}”",
                    chars::clip(&f, QUOTED)
                ),
                hint: "数字用英文半角输入（输入法切换到英文或半角）".to_string(),
                at: Some(offset + i),
            });
            folded = f;
            folded.as_str()
        }
        None => number,
    };
    match exact(number) {
        Ok(mut d) => {
            if let Some(rest) = number.strip_prefix('+') {
                notes.push(Note {
                    code: "W-FIGURE-SIGN",
                    message: format!(
                        "数字前的正号“+”不用写，按 {} 读取",
                        chars::clip(rest, QUOTED)
                    ),
                    hint: "正数直接写数字".to_string(),
                    at: Some(offset),
                });
            }
            if d.is_zero() && number.starts_with('-') {
                notes.push(Note {
                    code: "W-FIGURE-SIGN",
                    message: format!("“{number}”的负号没有意义，按 0 读取"),
                    hint: "零写作 0".to_string(),
                    at: Some(offset),
                });
                d.set_sign_positive(true);
            }
            Ok(Reading {
                value: FigureValue::Exact(d),
                qualifier,
                notes,
            })
        }
        Err(Some(problem)) => Err(problem),
        Err(None) => Err(not_number(text)),
    }
}

/// An exact decimal as written; `Err(Some)` for a number too long to hold exactly, `Err(None)`
/// for text that is not a plain decimal.
fn exact(text: &str) -> Result<Decimal, Option<NotNumber>> {
    if let Some(d) = yaml::parse_decimal(text) {
        return Ok(d);
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let plain = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.matches('.').count() <= 1
        && !digits.starts_with('.')
        && !digits.ends_with('.');
    if !plain {
        return Err(None);
    }
    Err(Some(NotNumber {
        code: "E-FIGURE-PRECISION",
        message: format!(
            "数字“{}”超出了精确计算的范围（最多 28 位有效数字，其中小数最多 28 位）",
            chars::clip(text, QUOTED)
        ),
        hint: "检查是否多写了数字；很大的金额请改用以万元、亿元为单位的指标".to_string(),
        at: None,
    }))
}

/// Removes invisible characters, noting the first one (and how many there were).
fn strip_invisible<'t>(text: &'t str, notes: &mut Vec<Note>) -> std::borrow::Cow<'t, str> {
    if text.is_ascii() {
        return std::borrow::Cow::Borrowed(text);
    }
    let found: Vec<(usize, char)> = text
        .chars()
        .enumerate()
        .filter(|(_, c)| chars::invisible_name(*c).is_some())
        .collect();
    let Some(&(at, c)) = found.first() else {
        return std::borrow::Cow::Borrowed(text);
    };
    let more = if found.len() > 1 {
        format!("（共 {} 个）", found.len())
    } else {
        String::new()
    };
    notes.push(Note {
        code: "W-FIGURE-INVISIBLE",
        message: format!(
            "数字中有一个不可见字符 {}{more}，已去掉",
            chars::describe_invisible(c)
        ),
        hint: "多半是从 Word、Excel 或网页复制来的；删去数字前后和中间看不见的字符，重新输入"
            .to_string(),
        at: Some(at),
    });
    std::borrow::Cow::Owned(
        text.chars()
            .filter(|c| chars::invisible_name(*c).is_none())
            .collect(),
    )
}

/// Pending (`XX`, `**`, `~`, empty; full-width `ＸＸ` with a note), else `None`.
fn pending(text: &str, notes: &mut Vec<Note>) -> Option<FigureValue> {
    if is_pending(text) {
        return Some(FigureValue::Pending);
    }
    if !text.is_empty() && text.chars().all(|c| matches!(c, 'Ｘ' | 'ｘ' | 'X' | 'x')) {
        notes.push(Note {
            code: "W-FIGURE-FULLWIDTH",
            message: format!(
                "待填写成了全角“{}”，按待填（XX）处理",
                chars::clip(text, QUOTED)
            ),
            hint: "待填写英文半角 XX".to_string(),
            at: text.chars().position(|c| matches!(c, 'Ｘ' | 'ｘ')),
        });
        return Some(FigureValue::Pending);
    }
    None
}

/// `XX` (any number of X, either case), `**`, `～`, or empty: a figure still to be filled in.
pub(super) fn is_pending(text: &str) -> bool {
    text.is_empty()
        || text == "~"
        || text.chars().all(|c| c == 'X' || c == 'x')
        || (text.len() >= 2 && text.chars().all(|c| c == '*'))
}

/// The qualifier written before or after the number, the rest, and where the rest starts (in
/// characters); `None` without one.
fn split_qualifier(text: &str) -> Option<(Qualifier, &str, usize)> {
    Qualifier::ALL.iter().find_map(|&q| {
        let (rest, offset) = match q.place() {
            QualifierPlace::BeforeNumber => {
                (text.strip_prefix(q.word())?, q.word().chars().count())
            }
            QualifierPlace::AfterNumber | QualifierPlace::AfterUnit => {
                (text.strip_suffix(q.word())?, 0)
            }
        };
        let trimmed = rest.trim_start_matches(' ');
        let offset = offset + rest.len() - trimmed.len();
        Some((q, trimmed.trim_end_matches(' '), offset))
    })
}

/// Why `text` is not a number and what to write instead: a unit glued on, thousands
/// separators, a percent sign, scientific notation, or a general example.
fn not_number(text: &str) -> NotNumber {
    let shown = chars::clip(text, QUOTED);
    let message = format!("“{shown}”不是数字");
    let simple = |hint: String| NotNumber {
        code: "E-FIGURE-NOT-NUMBER",
        message: message.clone(),
        hint,
        at: None,
    };
    let digits_end = text
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+')))
        .map(|(i, _)| i);
    if let Some(end) = digits_end
        && end > 0
        && yaml::parse_decimal(&text[..end]).is_some()
    {
        let (number, unit) = text.split_at(end);
        let unit = unit.trim();
        if unit == "%" || unit == "％" {
            return simple(format!(
                "百分数只写数字：写 {number}（单位 % 由指标目录给出）"
            ));
        }
        if unit.chars().all(|c| source::is_cjk(c) || c == '/') && !unit.is_empty() {
            let scaled = unit.starts_with('万') || unit.starts_with('亿');
            return NotNumber {
                code: "E-FIGURE-NOT-NUMBER",
                message: format!("“{shown}”带了单位“{}”", chars::clip(unit, QUOTED)),
                hint: if scaled {
                    format!(
                        "只写数字，并换算成指标目录里这个指标的单位（例如目录单位是“万元”就写 {number}；是“元”就写 {number} 乘 10000 后的数）"
                    )
                } else {
                    format!("只写数字：写 {number}（单位由指标目录给出）")
                },
                at: Some(number.chars().count()),
            };
        }
    }
    if text.contains(',') || text.contains('，') {
        let cleaned: String = text.chars().filter(|c| !matches!(c, ',' | '，')).collect();
        return simple(if yaml::parse_decimal(&cleaned).is_some() {
            format!("去掉千分位逗号：写 {}", chars::clip(&cleaned, QUOTED))
        } else {
            "去掉千分位逗号，例如 316449463.25".to_string()
        });
    }
    if text.ends_with('%') || text.ends_with('％') {
        return simple("百分数只写数字（单位 % 由指标目录给出），例如 99.87".to_string());
    }
    if text.contains(['e', 'E']) && text.chars().any(|c| c.is_ascii_digit()) {
        return simple("不要用科学计数法，照原样写出全部数字".to_string());
    }
    simple("数字照原样写，例如 42905.96；还没有数的写 XX；约数写成 约200、10余、3以上".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(s: &str) -> FigureValue {
        FigureValue::Exact(s.parse::<Decimal>().unwrap_or_default())
    }

    fn value(text: &str) -> Option<(FigureValue, Option<Qualifier>)> {
        read(text).ok().map(|r| (r.value, r.qualifier))
    }

    #[test]
    fn qualifiers_are_read_where_they_stand() {
        let cases = [
            ("约200", "200", Qualifier::About),
            ("近30", "30", Qualifier::Nearly),
            ("超8000", "8000", Qualifier::Over),
            ("逾100", "100", Qualifier::Beyond),
            ("10余", "10", Qualifier::Odd),
            ("200多", "200", Qualifier::More),
            ("3以上", "3", Qualifier::AtLeast),
            ("200左右", "200", Qualifier::Around),
            ("50上下", "50", Qualifier::Roughly),
            ("约12.50", "12.50", Qualifier::About),
        ];
        for (text, v, q) in cases {
            assert_eq!(value(text), Some((exact(v), Some(q))), "{text}");
        }
        assert_eq!(
            value("约XX"),
            Some((FigureValue::Pending, Some(Qualifier::About)))
        );
        assert_eq!(value("311881"), Some((exact("311881"), None)));
        assert_eq!(value("**"), Some((FigureValue::Pending, None)));
        assert!(read("约").is_err());
        assert!(read("约约200").is_err());
        assert!(read("约200余").is_err());
    }

    #[test]
    fn what_a_clerk_types() {
        let r = read("３１１８８１").expect("full-width digits");
        assert_eq!(r.value, exact("311881"));
        assert_eq!(r.notes[0].code, "W-FIGURE-FULLWIDTH");
        assert_eq!(
            r.notes[0].message,
            "数字里有全角字符“３”，已按半角读作“311881”"
        );
        let r = read("3118\u{200B}81").expect("zero-width space");
        assert_eq!(r.value, exact("311881"));
        assert_eq!(
            (r.notes[0].message.as_str(), r.notes[0].at),
            ("数字中有一个不可见字符 U+200B（零宽空格），已去掉", Some(4))
        );
        let r = read("ＸＸ").expect("full-width pending");
        assert_eq!(r.value, FigureValue::Pending);
        let r = read("+5").expect("plus");
        assert_eq!((r.value, r.notes[0].code), (exact("5"), "W-FIGURE-SIGN"));
        let r = read("-0.00").expect("minus zero");
        assert_eq!(r.value.decimal().map(|d| d.is_sign_negative()), Some(false));
        let e = read("311881人").expect_err("unit");
        assert_eq!(e.message, "“311881人”带了单位“人”");
        assert_eq!(e.hint, "只写数字：写 311881（单位由指标目录给出）");
        assert_eq!(e.at, Some(6));
        let e = read("123456789012345678901234567890").expect_err("precision");
        assert_eq!(e.code, "E-FIGURE-PRECISION");
        let e = read(&"9".repeat(5_000_000)).expect_err("huge");
        assert!(e.message.len() < 300, "{}", e.message.len());
        assert_eq!(
            read("42,905.96").expect_err("comma").hint,
            "去掉千分位逗号：写 42905.96"
        );
    }
}
