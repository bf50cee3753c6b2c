//! The indicator catalogue: what each figure is (name, unit, stock/flow, range, decimals) and the
//! relations between figures. The medical-security catalogue is embedded; users may add their own.
//!
//! Format: see README.md, section “指标目录”.

use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// 时点数 (a level at a date) or 时期数 (accumulated over the period).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureKind {
    Stock,
    Flow,
}

/// What one figure is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureDef {
    pub key: String,
    /// 中文名称.
    pub name: String,
    /// The unit as printed: 人, 人次, 万人次, 元, 万元, 亿元, % …
    pub unit: String,
    pub kind: FigureKind,
    /// Most decimals allowed (0 for counts of people).
    pub decimals: Option<u32>,
    pub min: Option<Decimal>,
    pub max: Option<Decimal>,
}

/// The merged catalogue (built-in, then the user's additions and overrides).
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    pub figures: BTreeMap<String, FigureDef>,
    // Relations are added by the check issue (#2).
}

impl Catalogue {
    pub fn get(&self, key: &str) -> Option<&FigureDef> {
        self.figures.get(key)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.figures.keys().map(String::as_str)
    }
}
