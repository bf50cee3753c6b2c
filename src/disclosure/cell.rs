//! Reading one data cell's text by its kind: counts, 2019 本年增/减 (增N/减N/signed), amounts
//! of money with their unit as written (`386000元`, `38.6万元`, `0.00`); blank (empty, `-`,
//! `/`) and pending (`XX`) kept apart from 0.
//!
//! The text printed is always the text written; only the value the rules use is read from it.
//! Full-width digits and Chinese numerals (三, 十二) are read, and flagged so the check can warn.
//! A unit of the wrong kind for the column (元 in a count, 件 in an amount) is an error naming
//! the column's unit; another money unit than the one the column's head states (元 where the
//! head says 万元) is read and flagged. A reading error says what is wrong and how to write a
//! value of the cell's kind.

use super::format::CellKind;
use rust_decimal::Decimal;

/// A cell's value after reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// Empty, `~`, `-`, `/`: not given (not the same as 0).
    Blank,
    /// `XX` (or `X`, `xx`, `XXX`, `**`, full-width `ＸＸ`): still to be filled.
    Pending,
    /// A number; the text printed is the text written.
    Value(Decimal),
}

/// A cell read successfully, with what the check should warn about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The value.
    pub parsed: Parsed,
    /// Written with full-width characters or Chinese numerals (read as 3, printed as written).
    pub unusual_digits: bool,
    /// A money unit other than the one the column's head states (the unit written).
    pub other_unit: Option<&'static str>,
}

/// Why a cell's text is not a value of its kind; the message completes “…的值 X ”.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// The diagnostic code (`E-DISCLOSURE-NEGATIVE`, `E-DISCLOSURE-NOT-INTEGER` …).
    pub code: &'static str,
    /// What is wrong, completing “…的值 X ”.
    pub problem: String,
    /// How to write a value of this kind.
    pub hint: String,
}

/// Texts that mean “left blank” (not 0): empty, dashes and slashes, half- and full-width.
const BLANKS: [&str; 8] = ["", "-", "/", "—", "－", "／", "--", "——"];
/// Texts that mean “still to be filled” (the contract's pending placeholders).
const PENDING: [&str; 6] = ["XX", "X", "xx", "XXX", "**", "ＸＸ"];
/// Money units, longest first (`38.6万` is written for 38.6万元).
const MONEY: [&str; 6] = ["亿元", "万元", "千元", "元", "万", "亿"];
/// Count units a count may carry (`3件`), longest first.
const COUNTS: [&str; 9] = ["件次", "件", "个", "项", "条", "宗", "起", "次", "例"];
/// Words that mean none.
const NONE_WORDS: [&str; 1] = ["无"];
/// Words a 本年增/减 cell uses for no change.
const NO_CHANGE: [&str; 3] = ["持平", "不变", "无变化"];

/// Full-width digits, signs, point and comma as ASCII; `true` when anything changed.
fn ascii(text: &str) -> (String, bool) {
    let mut changed = false;
    let s = text
        .chars()
        .map(|c| {
            let a = match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                '．' => '.',
                '＋' => '+',
                '－' | '−' => '-',
                '，' => ',',
                c => c,
            };
            changed |= a != c;
            a
        })
        .collect();
    (s, changed)
}

/// The value of a Chinese numeral (`三`, `十二`, `一百零五`, `两千`), up to 亿; `None` for
/// anything else (or beyond `u64`).
pub fn chinese_number(text: &str) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    let (mut total, mut section, mut digit): (u64, u64, Option<u64>) = (0, 0, None);
    for c in text.chars() {
        let d = match c {
            '零' | '〇' => Some(0),
            '一' => Some(1),
            '二' | '两' => Some(2),
            '三' => Some(3),
            '四' => Some(4),
            '五' => Some(5),
            '六' => Some(6),
            '七' => Some(7),
            '八' => Some(8),
            '九' => Some(9),
            _ => None,
        };
        if let Some(d) = d {
            digit = Some(d);
            continue;
        }
        let unit: u64 = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => 10_000,
            '亿' => 100_000_000,
            _ => return None,
        };
        if unit < 10_000 {
            let times = match digit {
                Some(d) => d,
                None if unit == 10 => 1,
                None => return None,
            };
            section = section.checked_add(times.checked_mul(unit)?)?;
        } else {
            section = section.checked_add(digit.unwrap_or(0))?;
            total = total.checked_add(section.checked_mul(unit)?)?;
            section = 0;
        }
        digit = None;
    }
    total.checked_add(section.checked_add(digit.unwrap_or(0))?)
}

/// An unsigned decimal as written with ASCII digits: `386000`, `38.6`, `2,736,740`; commas only
/// as thousands separators. `Err(true)` when it is a number too large to compute with.
fn plain_decimal(s: &str) -> Result<Decimal, bool> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let digits_ok = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let int_ok = if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        groups
            .first()
            .is_some_and(|g| (1..=3).contains(&g.len()) && digits_ok(g))
            && groups[1..].iter().all(|g| g.len() == 3 && digits_ok(g))
    } else {
        digits_ok(int)
    };
    if !int_ok || frac.is_some_and(|f| !digits_ok(f)) {
        return Err(false);
    }
    Decimal::from_str_exact(&s.replace(',', "")).map_err(|_| true)
}

/// The column's unit as the hint names it.
fn unit_phrase(kind: CellKind, column_unit: Option<&str>) -> String {
    match (kind, column_unit) {
        (CellKind::Amount, Some(u)) => format!("这一格是金额，单位{u}"),
        (CellKind::Amount, None) => "这一格是金额，单位元或万元".to_string(),
        _ => "这一格是件数，单位件".to_string(),
    }
}

/// How to write a value of `kind`.
fn hint(kind: CellKind, column_unit: Option<&str>) -> String {
    match kind {
        CellKind::Count => "这一格是件数（数量），写非负整数，例如 0、3；没有就写 0".to_string(),
        CellKind::Change => "本年增/减写 增1、减2、+1、-2 或 0".to_string(),
        CellKind::Amount => match column_unit {
            Some(u) => format!("这一格是金额（单位：{u}），写非负数，例如 0、0.00、38.6"),
            None => "这一格是金额，写非负数，可带单位，例如 0、386000元、38.6万元".to_string(),
        },
    }
}

/// Reads `text` as a cell of `kind`; `column_unit` is the unit the column's head states.
///
/// Blank and pending are recognised before the kind is looked at, so a blank is never read as
/// 0 and `XX` never as an error.
pub fn parse(kind: CellKind, text: &str, column_unit: Option<&str>) -> Result<Reading, CellError> {
    let t = text.trim();
    let reading = |parsed, unusual_digits| Reading {
        parsed,
        unusual_digits,
        other_unit: None,
    };
    if BLANKS.contains(&t) {
        return Ok(reading(Parsed::Blank, false));
    }
    if PENDING.contains(&t) {
        return Ok(reading(Parsed::Pending, t == "ＸＸ"));
    }
    let err = |code, problem: String| CellError {
        code,
        problem,
        hint: hint(kind, column_unit),
    };
    let (s, full_width) = ascii(t);
    if NONE_WORDS.contains(&s.as_str())
        || (kind == CellKind::Change && NO_CHANGE.contains(&s.as_str()))
    {
        return Ok(reading(Parsed::Value(Decimal::ZERO), false));
    }

    // A unit after the number: its kind must fit the column.
    let mut body = s.as_str();
    let mut money = None;
    if let Some(u) = MONEY.iter().find(|u| body.ends_with(**u)) {
        if kind != CellKind::Amount {
            return Err(err(
                "E-DISCLOSURE-UNIT",
                format!("带的是金额单位“{u}”，{}", unit_phrase(kind, column_unit)),
            ));
        }
        money = Some(*u);
        body = &body[..body.len() - u.len()];
    } else if let Some(u) = COUNTS.iter().find(|u| body.ends_with(**u)) {
        if kind == CellKind::Amount {
            return Err(err(
                "E-DISCLOSURE-UNIT",
                format!("带的是计数单位“{u}”，{}", unit_phrase(kind, column_unit)),
            ));
        }
        body = &body[..body.len() - u.len()];
    }
    let body = body.trim();

    // A sign (本年增/减: 增1, 减2, +1, -2; elsewhere only to say what is wrong).
    let mut negative = false;
    let mut number = body;
    for (prefix, neg) in [
        ("增加", false),
        ("新增", false),
        ("增", false),
        ("+", false),
        ("减少", true),
        ("减", true),
        ("-", true),
    ] {
        if let Some(rest) = body.strip_prefix(prefix) {
            negative = neg;
            number = rest.trim();
            break;
        }
    }
    let signed = number.len() != body.len();
    let (value, chinese) = match plain_decimal(number) {
        Ok(v) => (v, false),
        Err(true) => {
            return Err(err(
                "E-DISCLOSURE-OVERFLOW",
                "太大，超出可计算的范围".to_string(),
            ));
        }
        Err(false) => match chinese_number(number) {
            Some(n) => (Decimal::from(n), true),
            None => {
                let what = match kind {
                    CellKind::Change => "不是增减数（应为 增N、减N 或带正负号的整数）",
                    _ => "不是数",
                };
                return Err(err("E-DISCLOSURE-NOT-NUMBER", what.to_string()));
            }
        },
    };
    match kind {
        CellKind::Count | CellKind::Amount if signed && negative && !value.is_zero() => {
            let what = if kind == CellKind::Count {
                "件数"
            } else {
                "金额"
            };
            return Err(err(
                "E-DISCLOSURE-NEGATIVE",
                format!("是负数，{what}不能为负"),
            ));
        }
        CellKind::Count | CellKind::Amount if signed && !negative && !body.starts_with('+') => {
            return Err(err("E-DISCLOSURE-NOT-NUMBER", "不是数".to_string()));
        }
        CellKind::Count | CellKind::Change if !value.fract().is_zero() => {
            return Err(err(
                "E-DISCLOSURE-NOT-INTEGER",
                "不是整数，件数应为整数".to_string(),
            ));
        }
        _ => {}
    }
    let value = if negative { -value } else { value };
    let yuan = |u: &str| u.trim_end_matches('元').to_string();
    let other_unit = money.filter(|u| column_unit.is_some_and(|c| yuan(c) != yuan(u)));
    Ok(Reading {
        parsed: Parsed::Value(value),
        unusual_digits: full_width || chinese,
        other_unit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn v(s: &str) -> Parsed {
        Parsed::Value(Decimal::from_str(s).unwrap_or_default())
    }

    fn value(r: Result<Reading, CellError>) -> Result<Parsed, &'static str> {
        r.map(|r| r.parsed).map_err(|e| e.code)
    }

    #[test]
    fn counts() {
        let p = |t| value(parse(CellKind::Count, t, None));
        assert_eq!(p("0"), Ok(v("0")));
        assert_eq!(p(" 12 "), Ok(v("12")));
        assert_eq!(p("１２"), Ok(v("12")));
        assert_eq!(p("3件"), Ok(v("3")));
        assert_eq!(p("三"), Ok(v("3")));
        assert_eq!(p("无"), Ok(v("0")));
        assert_eq!(p(""), Ok(Parsed::Blank));
        assert_eq!(p("/"), Ok(Parsed::Blank));
        assert_eq!(p("XX"), Ok(Parsed::Pending));
        assert_eq!(p("**"), Ok(Parsed::Pending));
        assert_eq!(p("-1"), Err("E-DISCLOSURE-NEGATIVE"));
        assert_eq!(p("1.5"), Err("E-DISCLOSURE-NOT-INTEGER"));
        assert_eq!(p("甲"), Err("E-DISCLOSURE-NOT-NUMBER"));
        assert_eq!(p("增1"), Err("E-DISCLOSURE-NOT-NUMBER"));
        assert_eq!(p("5元"), Err("E-DISCLOSURE-UNIT"));
        assert_eq!(
            p("99999999999999999999999999999999"),
            Err("E-DISCLOSURE-OVERFLOW")
        );
        let r = parse(CellKind::Count, "１２", None);
        assert!(r.is_ok_and(|r| r.unusual_digits));
        let r = parse(CellKind::Count, "12", None);
        assert!(r.is_ok_and(|r| !r.unusual_digits));
    }

    #[test]
    fn changes() {
        let c = |t| value(parse(CellKind::Change, t, None));
        assert_eq!(c("增1"), Ok(v("1")));
        assert_eq!(c("增加2"), Ok(v("2")));
        assert_eq!(c("减2"), Ok(v("-2")));
        assert_eq!(c("减少3"), Ok(v("-3")));
        assert_eq!(c("-8"), Ok(v("-8")));
        assert_eq!(c("－8"), Ok(v("-8")));
        assert_eq!(c("+3"), Ok(v("3")));
        assert_eq!(c("0"), Ok(v("0")));
        assert_eq!(c("持平"), Ok(v("0")));
        assert_eq!(c("增"), Err("E-DISCLOSURE-NOT-NUMBER"));
    }

    #[test]
    fn amounts_keep_their_unit() {
        let a = |t| value(parse(CellKind::Amount, t, None));
        assert_eq!(a("96171.60"), Ok(Parsed::Value(Decimal::new(9617160, 2))));
        assert_eq!(a("386000元"), Ok(v("386000")));
        assert_eq!(a("38.6万元"), Ok(v("38.6")));
        assert_eq!(a("2,736,740元"), Ok(v("2736740")));
        assert_eq!(a("0"), Ok(v("0")));
        assert_eq!(a("0.00"), Ok(v("0.00")));
        assert_eq!(a("-1"), Err("E-DISCLOSURE-NEGATIVE"));
        assert_eq!(a("3件"), Err("E-DISCLOSURE-UNIT"));
        assert_eq!(a("1,00"), Err("E-DISCLOSURE-NOT-NUMBER"));
        assert_eq!(a("约3万元"), Err("E-DISCLOSURE-NOT-NUMBER"));
        let fee = parse(CellKind::Amount, "386000元", Some("万元"));
        assert_eq!(fee.map(|r| r.other_unit), Ok(Some("元")));
        let fee = parse(CellKind::Amount, "38.6万元", Some("万元"));
        assert_eq!(fee.map(|r| r.other_unit), Ok(None));
        let fee = parse(CellKind::Amount, "38.6万", Some("万元"));
        assert_eq!(fee.map(|r| r.other_unit), Ok(None));
        assert_eq!(a("273.674万"), Ok(v("273.674")));
    }

    #[test]
    fn chinese_numerals() {
        for (t, n) in [
            ("三", 3),
            ("十", 10),
            ("十二", 12),
            ("二十三", 23),
            ("一百零五", 105),
            ("两千", 2000),
            ("一万二千", 12000),
            ("零", 0),
        ] {
            assert_eq!(chinese_number(t), Some(n), "{t}");
        }
        assert_eq!(chinese_number("百"), None);
        assert_eq!(chinese_number("三件"), None);
        assert_eq!(chinese_number(""), None);
    }

    #[test]
    fn never_panics_on_odd_text() {
        let pieces = [
            "增",
            "减",
            "+",
            "-",
            "－",
            "1",
            "１",
            "0",
            ".",
            "．",
            ",",
            "，",
            "元",
            "万元",
            "万",
            "件",
            "三",
            "十",
            "百",
            "零",
            "无",
            "XX",
            "/",
            " ",
            "9999999999999999999999999999",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..5000 {
            let mut text = String::new();
            for _ in 0..(seed % 8) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            for kind in [CellKind::Count, CellKind::Change, CellKind::Amount] {
                let _ = parse(kind, &text, Some("万元"));
            }
        }
    }
}
