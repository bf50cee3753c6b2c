//! How figures are written in prose: as written, scaled to 万/亿, percentages, 同比增长/下降,
//! 个百分点, Chinese numerals and dates (GB/T 15835; no thousands separators in prose).
//!
//! Everything here is exact ([`Decimal`]); rounding is half-up (四舍五入, away from zero at the
//! midpoint). Nothing here ever inserts a thousands separator.

use crate::model::DocDate;
use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds half-up (四舍五入) to `dp` decimals.
pub fn round_half_up(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// A value as written in the file: `100.00` stays `100.00`, `42905.96` stays `42905.96`.
pub fn as_written(value: Decimal) -> String {
    value.to_string()
}

/// Rounds half-up to `dp` decimals; with `trim`, trailing zeros (and a bare point) are dropped
/// (`228.50` → `228.5`, `12.00` → `12`), otherwise exactly `dp` decimals are printed.
pub fn fixed(value: Decimal, dp: u32, trim: bool) -> String {
    let mut r = round_half_up(value, dp);
    if trim {
        r = r.normalize();
    } else {
        r.rescale(dp);
    }
    if r.is_zero() {
        // Never print "-0".
        r.set_sign_positive(true);
    }
    r.to_string()
}

/// A power-of-ten prefix of a Chinese unit: none, 万 (10⁴) or 亿 (10⁸).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// No rescaling.
    One,
    /// 万: ten thousand.
    Wan,
    /// 亿: a hundred million.
    Yi,
}

impl Scale {
    /// Parses the name used in templates: `""`, `"万"`, `"亿"`.
    pub fn parse(name: &str) -> Option<Scale> {
        match name {
            "" | "一" | "1" => Some(Scale::One),
            "万" => Some(Scale::Wan),
            "亿" => Some(Scale::Yi),
            _ => None,
        }
    }

    /// The power of ten the scale stands for.
    fn exponent(self) -> u32 {
        match self {
            Scale::One => 0,
            Scale::Wan => 4,
            Scale::Yi => 8,
        }
    }

    /// The prefix printed before a unit: nothing, 万, 亿.
    pub fn prefix(self) -> &'static str {
        match self {
            Scale::One => "",
            Scale::Wan => "万",
            Scale::Yi => "亿",
        }
    }
}

/// Splits a unit into its scale prefix and base: `万元` → (万, `元`), `人次` → (one, `人次`).
/// `万` alone or `亿` alone are a scale with an empty base.
pub fn split_unit(unit: &str) -> (Scale, &str) {
    if let Some(rest) = unit.strip_prefix('万') {
        (Scale::Wan, rest)
    } else if let Some(rest) = unit.strip_prefix('亿') {
        (Scale::Yi, rest)
    } else {
        (Scale::One, unit)
    }
}

/// Why a value cannot be rescaled to 万 or 亿.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RescaleError {
    /// A percentage (or ‰) has no scale.
    Rate,
    /// The rescaled value is beyond the decimal range (never printed unscaled instead).
    Overflow,
}

/// Converts `value` measured in `unit` to `target` scale: 2285000 人次 → 万 gives (228.5, `万人次`);
/// 42905.96 万元 → 亿 gives (4.290596, `亿元`). The number is exact, not yet rounded.
pub fn rescale(
    value: Decimal,
    unit: &str,
    target: Scale,
) -> Result<(Decimal, String), RescaleError> {
    if unit == "%" || unit == "‰" {
        return Err(RescaleError::Rate);
    }
    let (from, base) = split_unit(unit);
    let shift = i64::from(from.exponent()) - i64::from(target.exponent());
    let factor = Decimal::from_i128_with_scale(10i128.pow(shift.unsigned_abs() as u32), 0);
    let converted = if shift >= 0 {
        value.checked_mul(factor)
    } else {
        value.checked_div(factor)
    };
    let converted = converted.ok_or(RescaleError::Overflow)?;
    Ok((converted, format!("{}{}", target.prefix(), base)))
}

/// `num ÷ den × 100`, or `None` when `den` is zero.
pub fn percent_of(num: Decimal, den: Decimal) -> Option<Decimal> {
    if den.is_zero() {
        return None;
    }
    num.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(den)
}

/// Growth rate in percent: `(current − previous) ÷ previous × 100`; `None` when `previous` is zero.
pub fn growth_percent(current: Decimal, previous: Decimal) -> Option<Decimal> {
    percent_of(current.checked_sub(previous)?, previous)
}

/// A number for prose: rounded half-up to `dp` decimals with trailing zeros dropped, or, with
/// `dp` `None`, exactly as it stands (a rate written `6.00` keeps its two decimals).
fn number_text(value: Decimal, dp: Option<u32>) -> String {
    match dp {
        Some(dp) => fixed(value, dp, true),
        None => {
            let mut v = value;
            if v.is_zero() {
                v.set_sign_positive(true);
            }
            v.to_string()
        }
    }
}

/// `同比增长X%`, `同比下降X%` or `同比持平` for a growth rate already in percent, rounded half-up
/// to `dp` (trailing zeros trimmed), or as it stands when `dp` is `None`. Never writes
/// “增长-X%”.
pub fn yoy_words(growth: Decimal, dp: Option<u32>) -> String {
    let r = dp.map_or(growth, |dp| round_half_up(growth, dp));
    if r.is_zero() {
        "同比持平".to_string()
    } else if r.is_sign_negative() {
        format!("同比下降{}%", number_text(r.abs(), dp))
    } else {
        format!("同比增长{}%", number_text(r, dp))
    }
}

/// The difference of two rates in 个百分点: `3.5个百分点` (absolute), or with `words`
/// `提高3.5个百分点` / `下降3.5个百分点` / `持平`; rounded to `dp`, or as it stands when `dp` is
/// `None` (99.50 − 98.00 prints `1.50`).
pub fn points_words(difference: Decimal, dp: Option<u32>, words: bool) -> String {
    let r = dp.map_or(difference, |dp| round_half_up(difference, dp));
    let n = number_text(r.abs(), dp);
    if !words {
        format!("{n}个百分点")
    } else if r.is_zero() {
        "持平".to_string()
    } else if r.is_sign_negative() {
        format!("下降{n}个百分点")
    } else {
        format!("提高{n}个百分点")
    }
}

/// Chinese digits 零–九.
const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// A whole number in Chinese numerals as counted in prose: 3 → 三, 10 → 十, 11 → 十一, 20 → 二十,
/// 105 → 一百零五, 1010 → 一千零一十, 30000 → 三万, 100000000 → 一亿.
pub fn chinese_numeral(n: u64) -> String {
    if n == 0 {
        return "零".to_string();
    }
    let mut out = String::new();
    let top = n / 1_0000_0000;
    if top > 0 {
        out.push_str(&chinese_numeral(top));
        out.push('亿');
    }
    let wan = n / 1_0000 % 1_0000;
    let rest = n % 1_0000;
    let mut need_zero = false;
    if top > 0 && wan > 0 && wan < 1000 {
        out.push('零');
    }
    if wan > 0 {
        out.push_str(&four_digits(wan, top == 0));
        out.push('万');
    } else if top > 0 && rest > 0 {
        need_zero = true;
    }
    if rest > 0 {
        if (wan > 0 && rest < 1000) || need_zero {
            out.push('零');
        }
        out.push_str(&four_digits(rest, top == 0 && wan == 0));
    }
    out
}

/// 1–9999 in Chinese numerals; `leading` drops the 一 of a leading 一十 (十一, not 一十一).
fn four_digits(n: u64, leading: bool) -> String {
    let units = ["千", "百", "十", ""];
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut zero = false;
    let mut started = false;
    for (i, &d) in digits.iter().enumerate() {
        if d == 0 {
            if started {
                zero = true;
            }
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        if !(leading && !started && i == 2 && d == 1) {
            out.push_str(DIGITS[d as usize]);
        }
        out.push_str(units[i]);
        started = true;
    }
    out
}

/// A year digit by digit, as in dates written in Chinese: 2021 → 二〇二一.
pub fn chinese_year(year: i32) -> String {
    year.to_string()
        .chars()
        .map(|c| match c {
            '0' => '〇',
            d => DIGITS[d.to_digit(10).unwrap_or(0) as usize]
                .chars()
                .next()
                .unwrap_or(d),
        })
        .collect()
}

/// A date in Arabic numerals (`2021年1月7日`, GB/T 9704 7.3.5.1) or, with `upper`, in Chinese
/// numerals (`二〇二一年一月七日`).
pub fn chinese_date(date: DocDate, upper: bool) -> String {
    if upper {
        format!(
            "{}年{}月{}日",
            chinese_year(date.year),
            chinese_numeral(u64::from(date.month)),
            chinese_numeral(u64::from(date.day))
        )
    } else {
        date.chinese()
    }
}

/// Parses a decimal from template text (`"2285000"`, `"99.87"`, `"-3"`), ignoring surrounding spaces.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    text.trim().parse::<Decimal>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        parse_decimal(s).unwrap_or_default()
    }

    #[test]
    fn written_keeps_scale_and_has_no_separators() {
        assert_eq!(as_written(d("100.00")), "100.00");
        assert_eq!(as_written(d("42905.96")), "42905.96");
        assert_eq!(as_written(d("316449463.25")), "316449463.25");
    }

    #[test]
    fn rounding_is_half_up() {
        assert_eq!(fixed(d("2.345"), 2, false), "2.35");
        assert_eq!(fixed(d("2.344"), 2, false), "2.34");
        assert_eq!(fixed(d("-2.345"), 2, false), "-2.35");
        assert_eq!(fixed(d("0.125"), 2, false), "0.13");
        assert_eq!(fixed(d("228.50"), 2, true), "228.5");
        assert_eq!(fixed(d("12"), 2, false), "12.00");
        assert_eq!(fixed(d("12.004"), 2, true), "12");
        assert_eq!(fixed(d("-0.001"), 2, true), "0");
    }

    #[test]
    fn rescale_to_wan_and_yi() {
        let (v, u) =
            rescale(d("2285000"), "人次", Scale::Wan).unwrap_or((Decimal::ZERO, String::new()));
        assert_eq!(
            rescale(Decimal::MAX, "亿元", Scale::Wan),
            Err(RescaleError::Overflow)
        );
        assert_eq!(
            (fixed(v, 1, true), u.as_str()),
            ("228.5".to_string(), "万人次")
        );
        let (v, u) =
            rescale(d("2240800"), "人次", Scale::Wan).unwrap_or((Decimal::ZERO, String::new()));
        assert_eq!(
            (fixed(v, 2, true), u.as_str()),
            ("224.08".to_string(), "万人次")
        );
        let (v, u) =
            rescale(d("42905.96"), "万元", Scale::Yi).unwrap_or((Decimal::ZERO, String::new()));
        assert_eq!(
            (fixed(v, 2, true), u.as_str()),
            ("4.29".to_string(), "亿元")
        );
        let (v, u) =
            rescale(d("1.5"), "亿元", Scale::Wan).unwrap_or((Decimal::ZERO, String::new()));
        assert_eq!(
            (as_written(v.normalize()), u.as_str()),
            ("15000".to_string(), "万元")
        );
        let (v, u) =
            rescale(d("957315.46"), "元", Scale::Wan).unwrap_or((Decimal::ZERO, String::new()));
        assert_eq!(
            (fixed(v, 2, true), u.as_str()),
            ("95.73".to_string(), "万元")
        );
        assert_eq!(
            rescale(d("99.87"), "%", Scale::Wan),
            Err(RescaleError::Rate)
        );
    }

    #[test]
    fn percentages_and_growth() {
        assert_eq!(
            percent_of(d("311881"), d("312287")).map(|p| fixed(p, 2, false)),
            Some("99.87".into())
        );
        assert_eq!(percent_of(d("1"), d("0")), None);
        assert_eq!(growth_percent(d("110"), d("100")), Some(d("10")));
        assert_eq!(growth_percent(d("1"), d("0")), None);
    }

    #[test]
    fn yoy_never_says_negative_growth() {
        assert_eq!(yoy_words(d("12.345"), Some(2)), "同比增长12.35%");
        assert_eq!(yoy_words(d("-3.45"), Some(1)), "同比下降3.5%");
        assert_eq!(yoy_words(d("0.04"), Some(1)), "同比持平");
        assert_eq!(yoy_words(d("-0.04"), Some(1)), "同比持平");
        assert_eq!(yoy_words(d("98.5"), Some(1)), "同比增长98.5%");
        // As written: a rate written 6.00 keeps its decimals.
        assert_eq!(yoy_words(d("6.00"), None), "同比增长6.00%");
        assert_eq!(yoy_words(d("-0.50"), None), "同比下降0.50%");
        assert_eq!(yoy_words(d("0.00"), None), "同比持平");
    }

    #[test]
    fn percentage_points() {
        assert_eq!(points_words(d("3.5"), Some(1), false), "3.5个百分点");
        assert_eq!(points_words(d("-3.5"), Some(1), false), "3.5个百分点");
        assert_eq!(points_words(d("-3.5"), Some(1), true), "下降3.5个百分点");
        assert_eq!(points_words(d("22.1"), Some(1), true), "提高22.1个百分点");
        assert_eq!(points_words(d("0.01"), Some(1), true), "持平");
        assert_eq!(
            points_words(d("99.50") - d("98.00"), None, true),
            "提高1.50个百分点"
        );
    }

    #[test]
    fn chinese_numerals() {
        let cases = [
            (0, "零"),
            (3, "三"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (21, "二十一"),
            (100, "一百"),
            (105, "一百零五"),
            (110, "一百一十"),
            (1010, "一千零一十"),
            (10000, "一万"),
            (10010, "一万零一十"),
            (30000, "三万"),
            (100_000, "十万"),
            (120_000, "十二万"),
            (1_0000_0000, "一亿"),
            (1_0000_0001, "一亿零一"),
            (1_0100_0000, "一亿零一百万"),
        ];
        for (n, s) in cases {
            assert_eq!(chinese_numeral(n), s, "{n}");
        }
    }

    #[test]
    fn dates() {
        let date = DocDate::new(2021, 1, 7).unwrap_or(DocDate {
            year: 0,
            month: 0,
            day: 0,
        });
        assert_eq!(chinese_date(date, false), "2021年1月7日");
        assert_eq!(chinese_date(date, true), "二〇二一年一月七日");
        assert_eq!(chinese_year(2020), "二〇二〇");
    }
}
