//! Numbers in a narrative: Arabic (half- or full-width, with thousands commas and a point) or
//! Chinese numerals (三, 十二, 两), each with the measure word after it (件, 起, 条 …), an
//! approximation (约30件, 10余件) recognised so it is never compared as exact, and a bare
//! number after 为 or a colon (申请数量为0) read as a count.

use crate::disclosure::cell::chinese_number;
use rust_decimal::Decimal;

/// A number with its measure word.
#[derive(Debug, Clone)]
pub struct Number {
    /// First character (of the digits).
    pub start: usize,
    /// One past the measure word.
    pub end: usize,
    /// The value; `None` when approximate (10余件, 约30件).
    pub value: Option<Decimal>,
    /// The measure word (`""` for a bare number after 为).
    pub unit: &'static str,
}

/// Measure words, longest first.
const UNITS: [&str; 10] = ["件次", "件", "起", "宗", "例", "项", "次", "条", "个", "篇"];
/// Characters of Chinese numerals.
const CN: &str = "零〇一二两三四五六七八九十百千万";
/// Whether `chars` at `i` start with `word`.
pub fn at(chars: &[char], i: usize, word: &str) -> bool {
    word.chars()
        .enumerate()
        .all(|(k, w)| chars.get(i + k) == Some(&w))
}

/// The characters `a..b` as a string.
pub fn text(chars: &[char], a: usize, b: usize) -> String {
    chars[a.min(b)..b].iter().collect()
}

/// A full-width or ASCII digit's value.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The number starting at `i` (not inside a longer one), with its measure word; `unit` is
/// `None`-like (empty `end == start`) when it carries none worth reading.
pub fn number_at(chars: &[char], i: usize, end: usize) -> Option<(Number, bool)> {
    let c = chars[i];
    let prev = i.checked_sub(1).map(|p| chars[p]);
    let (mut j, value) = if digit(c).is_some() {
        if prev.is_some_and(|p| digit(p).is_some() || p == '.' || p == '．') {
            return None;
        }
        let mut j = i;
        let mut s = String::new();
        while j < end {
            match chars[j] {
                d if digit(d).is_some() => s.push(char::from_digit(digit(d)?, 10)?),
                ',' | '，'
                    if chars.get(j + 1).is_some_and(|n| digit(*n).is_some())
                        && j + 4 <= end
                        && chars[j + 1..j + 4].iter().all(|n| digit(*n).is_some()) => {}
                '.' | '．' if chars.get(j + 1).is_some_and(|n| digit(*n).is_some()) => s.push('.'),
                _ => break,
            }
            j += 1;
        }
        (j, s.parse::<Decimal>().ok())
    } else if CN.contains(c) {
        if prev.is_some_and(|p| CN.contains(p) || p == '第') {
            return None;
        }
        let mut j = i;
        while j < end && CN.contains(chars[j]) {
            j += 1;
        }
        let n = chinese_number(&text(chars, i, j)).map(Decimal::from);
        n?;
        (j, n)
    } else {
        return None;
    };
    let digits_end = j;
    while j < end && chars[j] == ' ' {
        j += 1;
    }
    let mut approximate = ["约", "近", "超", "逾", "超过", "大约"]
        .iter()
        .any(|w| i >= w.chars().count() && at(chars, i - w.chars().count(), w));
    if j < end && (chars[j] == '余' || chars[j] == '多') {
        approximate = true;
        j += 1;
    }
    let unit = UNITS.iter().find(|u| at(chars, j, u)).copied();
    let unit = match unit {
        Some("件") if chars.get(j + 1) == Some(&'事') => None,
        Some(u) => Some(u),
        None if matches!(prev, Some('为' | '：' | ':'))
            && (j >= end || !chars[j].is_alphanumeric()) =>
        {
            Some("")
        }
        None => None,
    };
    let Some(unit) = unit else {
        // Not a count: skip over it.
        return Some((
            Number {
                start: i,
                end: digits_end.max(i + 1),
                value: None,
                unit: "",
            },
            false,
        ));
    };
    let value = if approximate { None } else { value };
    Some((
        Number {
            start: i,
            end: j + unit.chars().count(),
            value,
            unit,
        },
        true,
    ))
}
