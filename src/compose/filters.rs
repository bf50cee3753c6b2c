//! The number filters: `cn` (Chinese numerals), `wan` and `yi` (rescaled to 万/亿), `num`
//! (rounded). Inputs are strings or template integers, read as exact decimals; a number beyond
//! the decimal range, or one that cannot be rescaled, is an error — never printed unscaled.

use super::functions::{Res, current};
use crate::diagnostic::Diagnostic;
use crate::numbers::{self, RescaleError, Scale};
use rust_decimal::Decimal;
use tera::{Kwargs, State, Tera, Value};

/// `E-TEMPLATE-NUMBER` for filter `filter`.
fn number_error(filter: &str, message: String, hint: &str) -> tera::Error {
    let d =
        Diagnostic::error("E-TEMPLATE-NUMBER", format!("过滤器 {filter}：{message}")).hint(hint);
    current(|s| Err::<(), _>(s.fail(d.clone())))
        .err()
        .unwrap_or_else(|| tera::Error::message(d.message))
}

/// A decimal from a filter input: a string (`"2285000"`) or a template integer.
fn decimal_input(filter: &str, v: &Value) -> tera::TeraResult<Decimal> {
    let text = match v.as_str() {
        Some(s) => s.to_string(),
        None => v.to_string(),
    };
    if let Some(d) = numbers::parse_decimal(&text) {
        return Ok(d);
    }
    let digits = text.trim().trim_start_matches(['-', '+']);
    let numeric = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '.');
    let shown: String = text.chars().take(40).collect();
    let more = if text.chars().count() > 40 { "…" } else { "" };
    if numeric {
        Err(number_error(
            filter,
            format!("“{shown}{more}”超出了可精确表示的范围（最多 28 位有效数字）"),
            "请检查数字是否多写了位数",
        ))
    } else {
        Err(number_error(
            filter,
            format!("“{shown}{more}”不是数字"),
            "小数请写成字符串，例如 {{ \"2.5\" | num(dp=1) }}",
        ))
    }
}

/// The `dp` argument of a filter, at most 10.
fn filter_dp(kw: &Kwargs, default: u32) -> tera::TeraResult<u32> {
    Ok(kw.get::<u32>("dp")?.unwrap_or(default).min(10))
}

/// The `wan` and `yi` filters: a number rescaled to 万 or 亿, rounded, with the prefix.
fn scale_filter(v: &Value, kw: &Kwargs, scale: Scale) -> Res {
    let name = if scale == Scale::Wan { "wan" } else { "yi" };
    let d = decimal_input(name, v)?;
    let (scaled, unit) = match numbers::rescale(d, "", scale) {
        Ok(x) => x,
        Err(RescaleError::Rate | RescaleError::Overflow) => {
            return Err(number_error(
                name,
                format!("{d} 换算成{}后超出了可精确表示的范围", scale.prefix()),
                "请检查数字是否写错",
            ));
        }
    };
    let trim = kw.get::<bool>("trim")?.unwrap_or(true);
    Ok(numbers::fixed(scaled, filter_dp(kw, 2)?, trim) + &unit)
}

/// Registers `cn`, `wan`, `yi` and `num`.
pub(super) fn register(tera: &mut Tera) {
    tera.register_filter("cn", |v: &Value, _: Kwargs, _: &State| -> Res {
        let d = decimal_input("cn", v)?.normalize();
        if d.scale() != 0 || d.is_sign_negative() {
            return Err(number_error(
                "cn",
                format!("只能写非负整数，不能写“{d}”"),
                "cn 把 12 写成 十二；小数请用 num",
            ));
        }
        let n = u64::try_from(d.mantissa()).map_err(|_| {
            number_error(
                "cn",
                format!("{d} 太大，无法写成中文数字"),
                "cn 只用于不超过 18446744073709551615 的整数",
            )
        })?;
        Ok(numbers::chinese_numeral(n))
    });
    tera.register_filter("wan", |v: &Value, kw: Kwargs, _: &State| {
        scale_filter(v, &kw, Scale::Wan)
    });
    tera.register_filter("yi", |v: &Value, kw: Kwargs, _: &State| {
        scale_filter(v, &kw, Scale::Yi)
    });
    tera.register_filter("num", |v: &Value, kw: Kwargs, _: &State| -> Res {
        let d = decimal_input("num", v)?;
        let trim = kw.get::<bool>("trim")?.unwrap_or(false);
        Ok(numbers::fixed(d, filter_dp(&kw, 2)?, trim))
    });
}
