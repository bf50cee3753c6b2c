//! One figure value as written in `figures:` or `previous:` → an exact value with its
//! qualifier, pending, or the reason it is not a number (with what to write instead).
//!
//! Accepted: a plain decimal exactly as written (`42905.96`, `100.00`); pending (`XX`, `X`,
//! `xx`, `**`, `~`, empty); a qualifier where it stands (`约200`, `近30`, `超8000`, `逾100`,
//! `10余`, `200多`, `3以上`, `200左右`, `50上下`), kept with the value so it prints with it.

use crate::model::{FigureValue, Qualifier, QualifierPlace};
use crate::source;
use crate::yaml;

/// A figure value that is not a number: the message and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct NotNumber {
    /// What is wrong (Chinese).
    pub message: String,
    /// What to write instead (Chinese).
    pub hint: String,
}

/// A figure value as written: exact or pending, with its qualifier.
pub(super) type Written = (FigureValue, Option<Qualifier>);

/// Reads one figure value (already trimmed of surrounding spaces).
pub(super) fn read(text: &str) -> Result<Written, NotNumber> {
    let text = text.trim();
    if is_pending(text) {
        return Ok((FigureValue::Pending, None));
    }
    if let Some(d) = yaml::parse_decimal(text) {
        return Ok((FigureValue::Exact(d), None));
    }
    if let Some((qualifier, rest)) = split_qualifier(text) {
        if is_pending(rest) && !rest.is_empty() {
            return Ok((FigureValue::Pending, Some(qualifier)));
        }
        if let Some(d) = yaml::parse_decimal(rest) {
            return Ok((FigureValue::Exact(d), Some(qualifier)));
        }
    }
    Err(NotNumber {
        message: format!("“{text}”不是数字"),
        hint: not_number_hint(text),
    })
}

/// `XX` (any number of X, either case), `**`, `～`, or empty: a figure still to be filled in.
pub(super) fn is_pending(text: &str) -> bool {
    text.is_empty()
        || text == "~"
        || text.chars().all(|c| c == 'X' || c == 'x')
        || (text.len() >= 2 && text.chars().all(|c| c == '*'))
}

/// The qualifier written before or after the number, and the rest; `None` without one.
fn split_qualifier(text: &str) -> Option<(Qualifier, &str)> {
    Qualifier::ALL.iter().find_map(|&q| {
        let rest = match q.place() {
            QualifierPlace::BeforeNumber => text.strip_prefix(q.word()),
            QualifierPlace::AfterNumber | QualifierPlace::AfterUnit => text.strip_suffix(q.word()),
        }?;
        Some((q, rest.trim()))
    })
}

/// The hint for a value that is not a number: thousands separators, a percent sign, a unit,
/// scientific notation, or a general example.
fn not_number_hint(text: &str) -> String {
    if text.contains(',') || text.contains('，') {
        "去掉千分位逗号，例如 316449463.25".into()
    } else if text.ends_with('%') || text.ends_with('％') {
        "百分数只写数字（单位 % 由指标目录给出），例如 99.87".into()
    } else if text.chars().any(|c| c.is_ascii_digit()) && text.chars().any(source::is_cjk) {
        "只写数字，不带单位（单位由指标目录给出）；万元、万人次等按目录里的单位换算后写；约数写成 约200、10余、3以上".into()
    } else if text.contains(['e', 'E']) {
        "不要用科学计数法，照原样写出全部数字".into()
    } else {
        "数字照原样写，例如 42905.96；还没有数的写 XX".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn exact(s: &str) -> FigureValue {
        FigureValue::Exact(s.parse::<Decimal>().unwrap_or_default())
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
        for (text, value, q) in cases {
            assert_eq!(read(text), Ok((exact(value), Some(q))), "{text}");
        }
        assert_eq!(
            read("约XX"),
            Ok((FigureValue::Pending, Some(Qualifier::About)))
        );
        assert_eq!(read("311881"), Ok((exact("311881"), None)));
        assert_eq!(read("**"), Ok((FigureValue::Pending, None)));
        assert!(read("约").is_err());
        assert!(read("约约200").is_err());
        assert!(read("约200余").is_err());
        assert!(read("311881人").is_err());
    }

    #[test]
    fn qualifiers_print_in_place() {
        assert_eq!(Qualifier::About.print("200", "人次"), "约200人次");
        assert_eq!(Qualifier::Odd.print("10", "次"), "10余次");
        assert_eq!(Qualifier::Odd.print("18", "万条"), "18万余条");
        assert_eq!(Qualifier::Odd.print("10", ""), "10余");
        assert_eq!(Qualifier::More.print("200", "人"), "200多人");
        assert_eq!(Qualifier::AtLeast.print("3", "%"), "3%以上");
        assert_eq!(Qualifier::Around.print("200", "人"), "200人左右");
        assert_eq!(Qualifier::Odd.print("5", "万"), "5万余");
    }
}
