//! Characters a clerk types or pastes without seeing them: invisible characters (named, for
//! messages), full-width forms from a Chinese input method (folded back inside numbers only:
//! never run NFKC over Chinese text, it would turn ，：（） into ASCII), and cutting long text
//! so that a message never echoes a huge value whole.

/// The Chinese name of a character that shows as nothing (or as a plain space) but is not an
/// ASCII space: what Word, Excel and web pages paste along with numbers.
pub fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00A0}' => "不换行空格",
        '\u{00AD}' => "软连字符",
        '\u{180E}' => "蒙古文元音分隔符",
        '\u{2000}'..='\u{200A}' => "特殊宽度空格",
        '\u{200B}' => "零宽空格",
        '\u{200C}' => "零宽不连字",
        '\u{200D}' => "零宽连字",
        '\u{200E}' | '\u{200F}' => "文字方向标记",
        '\u{202A}'..='\u{202E}' => "文字方向控制符",
        '\u{202F}' => "窄不换行空格",
        '\u{205F}' => "数学中等空格",
        '\u{2060}' => "字连接符",
        '\u{2061}'..='\u{2064}' => "不可见运算符",
        '\u{3000}' => "全角空格",
        '\u{FEFF}' => "字节顺序标记（BOM）",
        _ => return None,
    })
}

/// `U+200B（零宽空格）`: how messages name an invisible character.
pub fn describe_invisible(c: char) -> String {
    format!(
        "U+{:04X}（{}）",
        c as u32,
        invisible_name(c).unwrap_or("不可见字符")
    )
}

/// The half-width form of a full-width character that may stand in a number: ０–９, and
/// ．－＋％ (the caller decides whether a digit is next to it).
fn half_width(c: char) -> Option<char> {
    match c {
        '０'..='９' | '．' | '－' | '＋' | '％' => char::from_u32(c as u32 - 0xFEE0),
        _ => None,
    }
}

/// A number token with its full-width digits folded (`３１１８８１` → `311881`; `．－＋％` only
/// next to a digit), and the first full-width character with its index; `None` when there is
/// none.
pub fn fold_number(text: &str) -> Option<(String, usize, char)> {
    if text.is_ascii() {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| {
        chars
            .get(i)
            .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
    };
    let mut first = None;
    let folded: String = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let fold = match c {
                '０'..='９' => half_width(c),
                '．' | '－' | '＋' | '％' if digit(i + 1) || (i > 0 && digit(i - 1)) => {
                    half_width(c)
                }
                _ => None,
            };
            match fold {
                Some(h) => {
                    first.get_or_insert((i, c));
                    h
                }
                None => c,
            }
        })
        .collect();
    first.map(|(i, c)| (folded, i, c))
}

/// `text` cut to `max` characters for a message: the first part, `…`, and how long it was.
pub fn clip(text: &str, max: usize) -> String {
    let mut it = text.char_indices();
    match it.nth(max) {
        None => text.to_string(),
        Some((end, _)) => format!("{}…（共 {} 个字符）", &text[..end], text.chars().count()),
    }
}

/// The most characters of user text a message quotes.
pub const QUOTED: usize = 60;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_only_inside_numbers() {
        assert_eq!(
            fold_number("３１１８８１"),
            Some(("311881".to_string(), 0, '３'))
        );
        assert_eq!(fold_number("99．87"), Some(("99.87".to_string(), 2, '．')));
        assert_eq!(fold_number("－５"), Some(("-5".to_string(), 0, '－')));
        assert_eq!(fold_number("311881"), None);
        // A full-width point with no digit beside it stays.
        assert_eq!(fold_number("．"), None);
    }

    #[test]
    fn names_and_clips() {
        assert_eq!(describe_invisible('\u{200B}'), "U+200B（零宽空格）");
        assert_eq!(describe_invisible('\u{A0}'), "U+00A0（不换行空格）");
        assert_eq!(invisible_name('a'), None);
        assert_eq!(clip("12345", 10), "12345");
        assert_eq!(
            clip(&"9".repeat(5_000_000), 5),
            "99999…（共 5000000 个字符）"
        );
    }
}
