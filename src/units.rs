//! Units a figure may have, what they measure, and how they convert (万元 → 元, 万人次 → 人次).
//!
//! A catalogue names a figure's unit by its symbol; relations convert every input to base
//! units (the unit's factor) before computing, so that 万元 and 元 add up correctly, and refuse
//! to mix dimensions (人次 with 元). Unknown symbols are catalogue errors with a suggestion.

use rust_decimal::Decimal;

/// What a unit measures; only units of the same dimension add up or convert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    /// 人, 万人, 名.
    Persons,
    /// 人次, 万人次.
    Visits,
    /// 元, 万元, 亿元.
    Money,
    /// %.
    Percent,
    /// Any other counted thing (家, 件, 项 …); the unit itself names what is counted.
    Count(&'static str),
}

/// One known unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    /// As written in catalogues and printed after figures (万人次).
    pub symbol: &'static str,
    /// What it measures; only units of one dimension combine.
    pub dimension: Dimension,
    /// How many base units one of this unit is (万元 = 10000 元).
    pub factor: i64,
}

impl Unit {
    /// Counted in whole units (人, 件 …), so integers by default.
    pub fn is_whole_count(&self) -> bool {
        self.factor == 1 && !matches!(self.dimension, Dimension::Money | Dimension::Percent)
    }

    /// The unit in base units (万元 → 10000).
    pub fn factor(&self) -> Decimal {
        Decimal::from(self.factor)
    }
}

/// A table entry.
const fn u(symbol: &'static str, dimension: Dimension, factor: i64) -> Unit {
    Unit {
        symbol,
        dimension,
        factor,
    }
}

/// Every unit the catalogue accepts.
pub const UNITS: &[Unit] = &[
    u("人", Dimension::Persons, 1),
    u("万人", Dimension::Persons, 10_000),
    u("名", Dimension::Persons, 1),
    u("人次", Dimension::Visits, 1),
    u("万人次", Dimension::Visits, 10_000),
    u("元", Dimension::Money, 1),
    u("万元", Dimension::Money, 10_000),
    u("亿元", Dimension::Money, 100_000_000),
    u("%", Dimension::Percent, 1),
    u("家", Dimension::Count("家"), 1),
    u("家次", Dimension::Count("家次"), 1),
    u("件", Dimension::Count("件"), 1),
    u("个", Dimension::Count("个"), 1),
    u("项", Dimension::Count("项"), 1),
    u("份", Dimension::Count("份"), 1),
    u("例", Dimension::Count("例"), 1),
    u("条", Dimension::Count("条"), 1),
    u("次", Dimension::Count("次"), 1),
    u("户", Dimension::Count("户"), 1),
    u("种", Dimension::Count("种"), 1),
    u("批", Dimension::Count("批"), 1),
];

/// The unit written as `symbol`, if known.
pub fn unit(symbol: &str) -> Option<&'static Unit> {
    // Units are one to three characters: compare lengths first (cheap on hot paths).
    UNITS
        .iter()
        .find(|u| u.symbol.len() == symbol.len() && u.symbol == symbol)
}

/// All unit symbols, for messages.
pub fn symbols() -> String {
    UNITS.iter().map(|u| u.symbol).collect::<Vec<_>>().join(" ")
}

/// The closest known unit to a mistyped one (e.g. `万人次数` → `万人次`, `％` → `%`).
pub fn suggest(symbol: &str) -> Option<&'static str> {
    let s = symbol.trim().replace('％', "%");
    if let Some(u) = unit(&s) {
        return Some(u.symbol);
    }
    let aliases: &[(&str, &str)] = &[
        ("间", "家"),
        ("所", "家"),
        ("位", "名"),
        ("人数", "人"),
        ("笔", "件"),
        ("宗", "件"),
        ("起", "件"),
        ("次数", "次"),
        ("百分比", "%"),
        ("百分点", "%"),
        ("元/人", "元"),
    ];
    if let Some((_, to)) = aliases.iter().find(|(from, _)| *from == s) {
        return Some(to);
    }
    UNITS
        .iter()
        .map(|u| (strsim::levenshtein(u.symbol, &s), u.symbol))
        .filter(|(d, sym)| *d < sym.chars().count().max(s.chars().count()))
        .min_by_key(|(d, _)| *d)
        .map(|(_, sym)| sym)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_and_suggest() {
        assert_eq!(unit("万元").map(|u| u.factor), Some(10_000));
        assert_eq!(suggest("％"), Some("%"));
        assert_eq!(suggest("万人次数"), Some("万人次"));
        assert_eq!(suggest("间"), Some("家"));
        assert_eq!(suggest("吨"), None);
        assert!(unit("人").is_some_and(Unit::is_whole_count));
        assert!(!unit("万人次").is_some_and(Unit::is_whole_count));
    }
}
