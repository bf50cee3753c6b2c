//! Heading numbers as written at the start of a paragraph (一、 （一） 1. （1） and their ASCII,
//! full-width and 、/. variants), 一是/二是 enumerations, and Chinese numerals up to 99.

/// The numeral of a heading number: Chinese (一) or Arabic (1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumeralKind {
    /// 一, 二, 三 …
    Chinese,
    /// 1, 2, 3 …
    Arabic,
}

/// A heading number found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingMark {
    /// 1 = 一、 2 = （一） 3 = 1. 4 = （1）.
    pub level: u8,
    /// The number's value (一 → 1, 12 → 12).
    pub n: u64,
    /// The style with the numeral replaced by 一 or 1: `一、`, `(一)`, `1、`, `（1）`.
    pub style: String,
    /// Bytes of the paragraph the number takes.
    pub len: usize,
}

/// The value of a Chinese numeral from 一 to 九十九 (`十一`, `二十`, `三十五`).
pub fn chinese_value(s: &str) -> Option<u64> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| i as u64 / 3 + 1);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', d] => Some(10 + digit(*d)?),
        [t, '十'] => Some(10 * digit(*t)?),
        [t, '十', d] => Some(10 * digit(*t)? + digit(*d)?),
        _ => None,
    }
}

fn is_chinese_digit(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

/// Splits the numeral at the start of `s` (Chinese or Arabic, at most 3 characters).
fn leading_numeral(s: &str) -> Option<(NumeralKind, u64, &str, &str)> {
    let first = s.chars().next()?;
    let (kind, end) = if first.is_ascii_digit() {
        let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        (NumeralKind::Arabic, end)
    } else if is_chinese_digit(first) {
        let end = s.find(|c: char| !is_chinese_digit(c)).unwrap_or(s.len());
        (NumeralKind::Chinese, end)
    } else {
        return None;
    };
    let digits = &s[..end];
    if digits.chars().count() > 3 {
        return None;
    }
    let n = match kind {
        NumeralKind::Arabic => digits.parse().ok().filter(|n| (1..=99).contains(n))?,
        NumeralKind::Chinese => chinese_value(digits)?,
    };
    Some((kind, n, digits, &s[end..]))
}

/// The heading number at the start of `text`, if any.
///
/// `一、` `一．` level 1; `（一）` `(一)` level 2; `1.` `1．` `1、` level 3 (not `1.5`); `（1）`
/// `(1)` level 4. Something must follow the number.
pub fn heading_mark(text: &str) -> Option<HeadingMark> {
    // Cells of a table flattened into lines (`(一)予以公开 |`) are not headings.
    if text.contains(['|', '\t']) {
        return None;
    }
    let (open, body) = match text.chars().next()? {
        c @ ('（' | '(') => (Some(c), &text[c.len_utf8()..]),
        _ => (None, text),
    };
    let (kind, n, digits, rest) = leading_numeral(body)?;
    let close = rest.chars().next()?;
    let after = &rest[close.len_utf8()..];
    let level = match (open, kind, close) {
        (Some(_), NumeralKind::Chinese, '）' | ')') => 2,
        (Some(_), NumeralKind::Arabic, '）' | ')') => 4,
        (None, NumeralKind::Chinese, '、' | '．' | '.') => 1,
        // `1.5` is a decimal, `1、2020年度…` a heading.
        (None, NumeralKind::Arabic, '、') => 3,
        (None, NumeralKind::Arabic, '．' | '.')
            if !after.starts_with(|c: char| c.is_ascii_digit()) =>
        {
            3
        }
        _ => return None,
    };
    if trim_start_blank(after).is_empty() {
        return None;
    }
    let numeral = match kind {
        NumeralKind::Chinese => "一",
        NumeralKind::Arabic => "1",
    };
    let mut style = String::new();
    if let Some(o) = open {
        style.push(o);
    }
    style.push_str(numeral);
    style.push(close);
    let len = text.len() - after.len();
    let _ = digits;
    Some(HeadingMark {
        level,
        n,
        style,
        len,
    })
}

fn trim_start_blank(s: &str) -> &str {
    s.trim_start_matches(super::blocks::is_blank)
}

/// The 一是/二是 … enumeration number at the start of `text` (`一是`, `十二是`), with the bytes
/// it takes. `是` must be followed by text.
pub fn enumeration_mark(text: &str) -> Option<(u64, usize)> {
    let end = text.find(|c: char| !is_chinese_digit(c))?;
    let n = chinese_value(&text[..end])?;
    let rest = text[end..].strip_prefix('是')?;
    (!rest.is_empty()).then_some((n, text.len() - rest.len()))
}

/// Prints heading number `n` in `style` (as produced by [`heading_mark`]): the document
/// stage's own rule, so what the outline expects is what wengao will print.
pub fn print_in_style(style: &str, n: u64) -> String {
    crate::document::styled_number(style, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(t: &str) -> Option<(u8, u64, String, String)> {
        heading_mark(t).map(|m| (m.level, m.n, m.style, t[m.len..].to_string()))
    }

    #[test]
    fn numerals() {
        assert_eq!(chinese_value("十"), Some(10));
        assert_eq!(chinese_value("十一"), Some(11));
        assert_eq!(chinese_value("二十"), Some(20));
        assert_eq!(chinese_value("九十九"), Some(99));
        assert_eq!(chinese_value("十十"), None);
        assert_eq!(chinese_value("一二"), None);
    }

    #[test]
    fn heading_numbers_and_their_styles() {
        let s = |x: &str| x.to_string();
        assert_eq!(mark("一、总结"), Some((1, 1, s("一、"), s("总结"))));
        assert_eq!(mark("十一、总结"), Some((1, 11, s("一、"), s("总结"))));
        assert_eq!(mark("(三)加强"), Some((2, 3, s("(一)"), s("加强"))));
        assert_eq!(mark("（十一）大力"), Some((2, 11, s("（一）"), s("大力"))));
        assert_eq!(mark("(二）混用"), Some((2, 2, s("(一）"), s("混用"))));
        assert_eq!(mark("1.对定点"), Some((3, 1, s("1."), s("对定点"))));
        assert_eq!(mark("4、开展"), Some((3, 4, s("1、"), s("开展"))));
        assert_eq!(mark("12．开展"), Some((3, 12, s("1．"), s("开展"))));
        assert_eq!(mark("（2）其他"), Some((4, 2, s("（1）"), s("其他"))));
        assert_eq!(mark("1.5万人"), None);
        assert_eq!(mark("2020年"), None);
        assert_eq!(mark("一是全面"), None);
        assert_eq!(mark("一、"), None);
        assert_eq!(mark("(100)"), None);
        assert_eq!(mark("（一项）"), None);
    }

    #[test]
    fn enumerations_and_printing() {
        assert_eq!(enumeration_mark("一是全面领跑"), Some((1, "一是".len())));
        assert_eq!(enumeration_mark("十二是其他"), Some((12, "十二是".len())));
        assert_eq!(enumeration_mark("一站式"), None);
        assert_eq!(enumeration_mark("一是"), None);
        assert_eq!(print_in_style("(一)", 11), "(十一)");
        assert_eq!(print_in_style("1、", 3), "3、");
        assert_eq!(print_in_style("一、", 2), "二、");
    }
}
