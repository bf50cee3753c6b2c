//! Reading one data cell's text by its kind: counts, 2019 本年增/减 (增N/减N/signed), amounts;
//! blank (empty, `-`, `/`) and pending (`XX`) kept apart from 0.
//!
//! Full-width digits and signs are read as their ASCII forms (users type them in Chinese input
//! mode); the text printed is always the text written. A reading error says what is wrong
//! (negative, not an integer, not a number) and how to write a value of the cell's kind.

use super::format::CellKind;
use rust_decimal::Decimal;
use std::str::FromStr;

/// A cell's value after reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// Empty, `~`, `-`, `/`: not given (not the same as 0).
    Blank,
    /// `XX`: still to be filled.
    Pending,
    /// A number; the text printed is the text written.
    Value(Decimal),
}

/// Why a cell's text is not a value of its kind; the message completes “…的值 X ”.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// The diagnostic code (`E-DISCLOSURE-NEGATIVE`, `E-DISCLOSURE-NOT-INTEGER` …).
    pub code: &'static str,
    /// What is wrong, completing “…的值 X ”.
    pub problem: String,
    /// How to write a value of this kind.
    pub hint: &'static str,
}

/// Texts that mean “left blank” (not 0): empty, dashes and slashes, half- and full-width.
const BLANKS: [&str; 6] = ["", "-", "/", "—", "－", "／"];

/// Full-width digits and signs to ASCII.
fn ascii(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '＋' => '+',
            '－' | '−' => '-',
            c => c,
        })
        .collect()
}

/// Non-empty and ASCII digits only.
fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// How to write a value of `kind`.
fn hint(kind: CellKind) -> &'static str {
    match kind {
        CellKind::Count => "这一格是件数（数量），写非负整数，例如 0、3；没有就写 0",
        CellKind::Change => "本年增/减写 增1、减2、+1、-2 或 0",
        CellKind::Amount => "这一格是金额，写非负数，例如 0、12.5",
    }
}

/// Reads `text` as a cell of `kind`; `units` are suffixes an amount may carry (元, 万元).
///
/// Blank and pending are recognised before the kind is looked at, so a blank is never read as
/// 0 and `XX` never as an error.
pub fn parse(kind: CellKind, text: &str, units: &[String]) -> Result<Parsed, CellError> {
    let t = text.trim();
    if BLANKS.contains(&t) {
        return Ok(Parsed::Blank);
    }
    if t.eq_ignore_ascii_case("xx") || t == "ＸＸ" {
        return Ok(Parsed::Pending);
    }
    let s = ascii(t);
    let err = |code, problem: String| CellError {
        code,
        problem,
        hint: hint(kind),
    };
    match kind {
        CellKind::Count => {
            if digits(&s) {
                return Decimal::from_str(&s)
                    .map(Parsed::Value)
                    .map_err(|_| err("E-DISCLOSURE-NOT-NUMBER", "太大".into()));
            }
            match Decimal::from_str_exact(&s) {
                Ok(d) if d.is_sign_negative() => {
                    Err(err("E-DISCLOSURE-NEGATIVE", "是负数，件数不能为负".into()))
                }
                Ok(_) => Err(err(
                    "E-DISCLOSURE-NOT-INTEGER",
                    "不是整数，件数应为整数".into(),
                )),
                Err(_) => Err(err("E-DISCLOSURE-NOT-NUMBER", "不是数".into())),
            }
        }
        CellKind::Change => {
            let (sign, rest) = if let Some(r) = s.strip_prefix('增').or(s.strip_prefix('+')) {
                (Decimal::ONE, r)
            } else if let Some(r) = s.strip_prefix('减').or(s.strip_prefix('-')) {
                (Decimal::NEGATIVE_ONE, r)
            } else {
                (Decimal::ONE, s.as_str())
            };
            if digits(rest) {
                Decimal::from_str(rest)
                    .map(|d| Parsed::Value(d * sign))
                    .map_err(|_| err("E-DISCLOSURE-NOT-NUMBER", "太大".into()))
            } else {
                Err(err(
                    "E-DISCLOSURE-NOT-NUMBER",
                    "不是增减数（应为 增N、减N 或带正负号的整数）".into(),
                ))
            }
        }
        CellKind::Amount => {
            let number = units
                .iter()
                .filter_map(|u| s.strip_suffix(u.as_str()))
                .min_by_key(|n| n.len())
                .unwrap_or(&s)
                .trim();
            match Decimal::from_str_exact(number) {
                Ok(d) if d.is_sign_negative() => {
                    Err(err("E-DISCLOSURE-NEGATIVE", "是负数，金额不能为负".into()))
                }
                Ok(d) => Ok(Parsed::Value(d)),
                Err(_) => Err(err("E-DISCLOSURE-NOT-NUMBER", "不是数".into())),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Parsed {
        Parsed::Value(Decimal::from_str(s).unwrap_or_default())
    }

    #[test]
    fn counts() {
        let p = |t| parse(CellKind::Count, t, &[]);
        assert_eq!(p("0"), Ok(v("0")));
        assert_eq!(p(" 12 "), Ok(v("12")));
        assert_eq!(p("１２"), Ok(v("12")));
        assert_eq!(p(""), Ok(Parsed::Blank));
        assert_eq!(p("/"), Ok(Parsed::Blank));
        assert_eq!(p("XX"), Ok(Parsed::Pending));
        assert_eq!(p("-1").map_err(|e| e.code), Err("E-DISCLOSURE-NEGATIVE"));
        assert_eq!(
            p("1.5").map_err(|e| e.code),
            Err("E-DISCLOSURE-NOT-INTEGER")
        );
        assert_eq!(p("三").map_err(|e| e.code), Err("E-DISCLOSURE-NOT-NUMBER"));
    }

    #[test]
    fn changes_and_amounts() {
        let c = |t| parse(CellKind::Change, t, &[]);
        assert_eq!(c("增1"), Ok(v("1")));
        assert_eq!(c("减2"), Ok(v("-2")));
        assert_eq!(c("-8"), Ok(v("-8")));
        assert_eq!(c("+3"), Ok(v("3")));
        assert_eq!(c("0"), Ok(v("0")));
        assert!(c("增").is_err());
        let units = vec!["元".to_string(), "万元".to_string()];
        let a = |t| parse(CellKind::Amount, t, &units);
        assert_eq!(a("96171.60"), Ok(Parsed::Value(Decimal::new(9617160, 2))));
        assert_eq!(a("251000元"), Ok(v("251000")));
        assert_eq!(a("25.1万元"), Ok(v("25.1")));
        assert_eq!(a("-1").map_err(|e| e.code), Err("E-DISCLOSURE-NEGATIVE"));
        assert!(parse(CellKind::Amount, "3元", &[]).is_err());
    }
}
