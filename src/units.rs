//! Units a figure may have, what they measure, and how they convert (万元 → 元, 万人次 → 人次).
//!
//! A catalogue names a figure's unit by its symbol; relations convert every input to base
//! units (the unit's factor) before computing, so that 万元 and 元 add up correctly, and refuse
//! to mix dimensions (人次 with 元). The built-in table ([`BUILTIN`]) holds the units real
//! reports use; the list is open: a catalogue (or an indicator file's inline `catalogue:`)
//! declares any other unit with its class ([`declare`]), so 台, 万盒 or 人份 are declared, never
//! refused. Unknown symbols are catalogue errors with a suggestion and the way to declare them.

use rust_decimal::Decimal;
use std::borrow::Cow;

/// What a unit measures; only units of the same dimension add up or convert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dimension {
    /// 人, 万人, 名.
    Persons,
    /// 人次, 万人次.
    Visits,
    /// 元, 万元, 亿元.
    Money,
    /// %, 个百分点.
    Percent,
    /// Any other counted thing (家, 件, 台, 盒 …); the base unit names what is counted, so 盒 and
    /// 万盒 combine, 盒 and 台 do not.
    Count(Cow<'static, str>),
}

impl Dimension {
    /// The class name catalogues use for it (`count`, `persons`, `visits`, `money`, `percent`).
    pub fn class(&self) -> &'static str {
        match self {
            Dimension::Persons => "persons",
            Dimension::Visits => "visits",
            Dimension::Money => "money",
            Dimension::Percent => "percent",
            Dimension::Count(_) => "count",
        }
    }

    /// What it measures, in Chinese (for messages): 人数, 人次, 金额, 百分比, 件数（盒）.
    pub fn chinese(&self) -> String {
        match self {
            Dimension::Persons => "人数".to_string(),
            Dimension::Visits => "人次".to_string(),
            Dimension::Money => "金额".to_string(),
            Dimension::Percent => "百分比".to_string(),
            Dimension::Count(what) => format!("以“{what}”计的数量"),
        }
    }
}

/// One unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// As written in catalogues and printed after figures (万人次).
    pub symbol: Cow<'static, str>,
    /// What it measures; only units of one dimension combine.
    pub dimension: Dimension,
    /// How many base units one of this unit is (万元 = 10000 元).
    pub factor: i64,
    /// Counted in whole units, so a figure in it has no decimals unless its definition says so
    /// (人, 件, 台 — but not 天 or 小时, which are often written 2.5天).
    pub whole: bool,
}

impl Unit {
    /// Counted in whole units (人, 件 …), so integers by default.
    pub fn is_whole_count(&self) -> bool {
        self.whole
    }

    /// The unit in base units (万元 → 10000).
    pub fn factor(&self) -> Decimal {
        Decimal::from(self.factor)
    }
}

/// A whole-count table entry of `dimension`.
const fn u(symbol: &'static str, dimension: Dimension, factor: i64) -> Unit {
    let whole = factor == 1 && !matches!(dimension, Dimension::Money | Dimension::Percent);
    Unit {
        symbol: Cow::Borrowed(symbol),
        dimension,
        factor,
        whole,
    }
}

/// A count of things named by the unit itself (家, 台 …).
const fn c(symbol: &'static str) -> Unit {
    u(symbol, Dimension::Count(Cow::Borrowed(symbol)), 1)
}

/// A count that may have decimals (天, 小时: “办结时限压缩至2.5天”).
const fn fractional(symbol: &'static str) -> Unit {
    Unit {
        symbol: Cow::Borrowed(symbol),
        dimension: Dimension::Count(Cow::Borrowed(symbol)),
        factor: 1,
        whole: false,
    }
}

/// 万 of a counted thing (万盒 = 10000 盒).
const fn wan(symbol: &'static str, base: &'static str) -> Unit {
    u(symbol, Dimension::Count(Cow::Borrowed(base)), 10_000)
}

/// Every unit known without a declaration: the ones real reports of medical-security bureaus
/// use (seeds and published reports), persons, visits, money and percentages first.
pub const BUILTIN: &[Unit] = &[
    u("人", Dimension::Persons, 1),
    u("万人", Dimension::Persons, 10_000),
    u("名", Dimension::Persons, 1),
    u("位", Dimension::Persons, 1),
    u("人次", Dimension::Visits, 1),
    u("万人次", Dimension::Visits, 10_000),
    u("元", Dimension::Money, 1),
    u("千元", Dimension::Money, 1_000),
    u("万元", Dimension::Money, 10_000),
    u("亿元", Dimension::Money, 100_000_000),
    u("%", Dimension::Percent, 1),
    u("个百分点", Dimension::Percent, 1),
    c("家"),
    c("家次"),
    c("件"),
    wan("万件", "件"),
    c("个"),
    c("项"),
    c("份"),
    wan("万份", "份"),
    c("例"),
    wan("万例", "例"),
    c("条"),
    wan("万条", "条"),
    c("次"),
    wan("万次", "次"),
    c("户"),
    wan("万户", "户"),
    c("种"),
    c("批"),
    c("批次"),
    c("台"),
    c("类"),
    c("盒"),
    wan("万盒", "盒"),
    c("支"),
    c("瓶"),
    c("场"),
    c("期"),
    c("册"),
    c("本"),
    c("篇"),
    c("页"),
    c("部"),
    c("个月"),
    c("所"),
    c("张"),
    wan("万张", "张"),
    c("床"),
    c("起"),
    c("宗"),
    c("笔"),
    wan("万笔", "笔"),
    c("处"),
    c("座"),
    c("轮"),
    c("组"),
    c("村"),
    c("人份"),
    fractional("天"),
    fractional("小时"),
    fractional("分钟"),
    fractional("公里"),
];

/// The built-in unit written as `symbol`, if any.
pub fn builtin(symbol: &str) -> Option<&'static Unit> {
    // Units are one to four characters: compare lengths first (cheaper than hashing here).
    BUILTIN
        .iter()
        .find(|u| u.symbol.len() == symbol.len() && u.symbol == symbol)
}

/// The classes a declared unit may have, as catalogues write them (English or Chinese).
pub const CLASSES: &str =
    "count（计数）、persons（人数）、visits（人次）、money（金额）、percent（百分比）";

/// How a catalogue declares a unit (`units:` entry): its symbol, class, and for a scaled unit
/// the unit it scales and by how much (`{name: 万盒, class: count, base: 盒, factor: 10000}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declaration<'a> {
    /// The symbol as printed (台).
    pub name: &'a str,
    /// `count`, `persons`, `visits`, `money` or `percent` (Chinese names accepted); may be left
    /// out when `base` is given.
    pub class: Option<&'a str>,
    /// The unit this one is a multiple of (盒 for 万盒).
    pub base: Option<&'a str>,
    /// How many `base` units one of this unit is (10000 for 万盒); 1 when absent.
    pub factor: Option<i64>,
}

/// The field of a declaration a problem is about (so the diagnostic points at it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `name:`.
    Name,
    /// `class:`.
    Class,
    /// `base:`.
    Base,
    /// `factor:`.
    Factor,
}

/// Why a declaration is refused: the field at fault and the Chinese message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclarationError {
    /// Where the problem is.
    pub field: Field,
    /// What is wrong.
    pub message: String,
}

/// A refusal about `field`.
fn refuse<T>(field: Field, message: String) -> Result<T, DeclarationError> {
    Err(DeclarationError { field, message })
}

/// The unit a declaration describes, resolving `base` through `lookup` (built-in and earlier
/// declared units). A count unit without a base counts itself (台 counts 台); a scaled unit takes
/// its base's dimension and multiplies its factor.
pub fn declare<'u>(
    d: &Declaration<'_>,
    lookup: impl Fn(&str) -> Option<&'u Unit>,
) -> Result<Unit, DeclarationError> {
    let name = d.name.trim();
    if name.is_empty() || name.chars().count() > 8 || name.contains(char::is_whitespace) {
        return refuse(
            Field::Name,
            format!("单位名称“{name}”不合规（1 到 8 个字符，不含空格）"),
        );
    }
    if name.chars().any(|c| c.is_ascii_digit()) {
        return refuse(Field::Name, format!("单位名称“{name}”里不能有数字"));
    }
    let factor = d.factor.unwrap_or(1);
    if !(1..=1_000_000_000_000).contains(&factor) {
        return refuse(
            Field::Factor,
            format!("单位“{name}”的倍数 factor 应为 1 到 10¹² 之间的整数"),
        );
    }
    let class = match d.class.map(str::trim) {
        None => None,
        Some(c) => match parse_class(c, name) {
            Some(class) => Some(class),
            None => {
                return refuse(
                    Field::Class,
                    format!("单位“{name}”的类别“{c}”不认识（可写 {CLASSES}）"),
                );
            }
        },
    };
    let base = d.base.map(str::trim).filter(|b| !b.is_empty());
    let (dimension, factor, whole) = match base {
        Some(b) if b == name => {
            return refuse(Field::Base, format!("单位“{name}”不能以自己为基准单位"));
        }
        Some(b) => {
            let Some(base_unit) = lookup(b) else {
                return refuse(
                    Field::Base,
                    format!("单位“{name}”的基准单位“{b}”不认识：请先声明“{b}”"),
                );
            };
            if let Some(class) = &class
                && class.class() != base_unit.dimension.class()
            {
                return refuse(
                    Field::Class,
                    format!(
                        "单位“{name}”的类别是 {}，但基准单位“{b}”的类别是 {}",
                        class.class(),
                        base_unit.dimension.class()
                    ),
                );
            }
            let Some(factor) = factor
                .checked_mul(base_unit.factor)
                .filter(|f| *f <= 1_000_000_000_000)
            else {
                return refuse(Field::Factor, format!("单位“{name}”的倍数太大"));
            };
            (
                base_unit.dimension.clone(),
                factor,
                base_unit.whole && factor == 1,
            )
        }
        None => {
            let Some(class) = class else {
                return refuse(
                    Field::Name,
                    format!("单位“{name}”缺少类别 class（可写 {CLASSES}）"),
                );
            };
            if factor != 1 {
                return refuse(
                    Field::Factor,
                    format!("单位“{name}”写了倍数 factor，但没有写基准单位 base"),
                );
            }
            let whole = !matches!(class, Dimension::Money | Dimension::Percent);
            (class, 1, whole)
        }
    };
    if dimension == Dimension::Percent && factor != 1 {
        return refuse(Field::Factor, format!("百分比单位“{name}”不能有倍数"));
    }
    Ok(Unit {
        symbol: Cow::Owned(name.to_string()),
        dimension,
        factor,
        whole,
    })
}

/// A class as written (`count`/`计数` …); a count unit counts `name`.
fn parse_class(class: &str, name: &str) -> Option<Dimension> {
    Some(match class {
        "count" | "计数" | "个数" => Dimension::Count(Cow::Owned(name.to_string())),
        "persons" | "person" | "人数" => Dimension::Persons,
        "visits" | "人次" => Dimension::Visits,
        "money" | "金额" => Dimension::Money,
        "percent" | "百分比" => Dimension::Percent,
        _ => return None,
    })
}

/// The closest built-in unit to a mistyped one (e.g. `万人次数` → `万人次`, `％` → `%`).
pub fn suggest(symbol: &str) -> Option<&'static str> {
    if symbol.chars().count() > 16 {
        return None;
    }
    let s = symbol.trim().replace('％', "%");
    if let Some(u) = builtin(&s) {
        return Some(u.symbol_static());
    }
    let aliases: &[(&str, &str)] = &[
        ("间", "家"),
        ("人数", "人"),
        ("次数", "次"),
        ("百分比", "%"),
        ("百分点", "个百分点"),
        ("元/人", "元"),
    ];
    if let Some((_, to)) = aliases.iter().find(|(from, _)| *from == s) {
        return Some(to);
    }
    BUILTIN
        .iter()
        .map(|u| (strsim::levenshtein(&u.symbol, &s), u.symbol_static()))
        .filter(|(d, sym)| *d < sym.chars().count().max(s.chars().count()) && *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, sym)| sym)
}

impl Unit {
    /// The symbol of a built-in unit as a static string (empty for a declared one).
    fn symbol_static(&self) -> &'static str {
        match self.symbol {
            Cow::Borrowed(s) => s,
            Cow::Owned(_) => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_and_suggest() {
        assert_eq!(builtin("万元").map(|u| u.factor), Some(10_000));
        assert_eq!(suggest("％"), Some("%"));
        assert_eq!(suggest("万人次数"), Some("万人次"));
        assert_eq!(suggest("间"), Some("家"));
        assert_eq!(suggest("吨"), None);
        assert!(builtin("人").is_some_and(Unit::is_whole_count));
        assert!(builtin("台").is_some_and(Unit::is_whole_count));
        assert!(!builtin("天").is_some_and(Unit::is_whole_count));
        assert!(!builtin("万人次").is_some_and(Unit::is_whole_count));
        assert_eq!(
            builtin("万盒").map(|u| (u.dimension.clone(), u.factor)),
            Some((Dimension::Count(Cow::Borrowed("盒")), 10_000))
        );
    }

    #[test]
    fn every_builtin_symbol_is_unique() {
        for (i, a) in BUILTIN.iter().enumerate() {
            assert!(
                BUILTIN[i + 1..].iter().all(|b| b.symbol != a.symbol),
                "{}",
                a.symbol
            );
        }
    }

    #[test]
    fn declarations() {
        let decl = |name, class, base, factor| Declaration {
            name,
            class,
            base,
            factor,
        };
        let t = declare(&decl("吨", Some("count"), None, None), builtin).expect("count");
        assert_eq!(t.dimension, Dimension::Count(Cow::Borrowed("吨")));
        assert!(t.whole);
        let wan_tai =
            declare(&decl("万台", None, Some("台"), Some(10_000)), builtin).expect("scaled");
        assert_eq!(
            (wan_tai.dimension, wan_tai.factor, wan_tai.whole),
            (Dimension::Count(Cow::Borrowed("台")), 10_000, false)
        );
        let qian_wan = declare(
            &decl("千万元", Some("money"), Some("万元"), Some(1_000)),
            builtin,
        )
        .expect("money");
        assert_eq!(qian_wan.factor, 10_000_000);
        assert_eq!(
            declare(&decl("吨", Some("weight"), None, None), builtin),
            Err(DeclarationError {
                field: Field::Class,
                message: "单位“吨”的类别“weight”不认识（可写 count（计数）、persons（人数）、visits（人次）、money（金额）、percent（百分比））"
                    .to_string()
            })
        );
        assert_eq!(
            declare(&decl("万吨", None, Some("吨"), Some(10_000)), builtin),
            Err(DeclarationError {
                field: Field::Base,
                message: "单位“万吨”的基准单位“吨”不认识：请先声明“吨”".to_string()
            })
        );
        assert!(
            declare(
                &decl("万人民币", Some("persons"), Some("元"), Some(10_000)),
                builtin
            )
            .is_err()
        );
        assert!(declare(&decl("", Some("count"), None, None), builtin).is_err());
        assert!(declare(&decl("千%", None, Some("%"), Some(1000)), builtin).is_err());
    }
}
