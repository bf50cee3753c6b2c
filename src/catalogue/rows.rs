//! The built-in catalogue's compiled rows: the static shapes `builtin_data.rs` is written in
//! (borrowed strings, constant decimals), which `compiled` turns into the catalogue's own types.

use super::{FigureKind, RelationKind};
use rust_decimal::Decimal;

/// One figure definition as compiled (see [`super::FigureDef`]).
pub(super) struct Row {
    /// The figure's key.
    pub key: &'static str,
    /// The Chinese name.
    pub name: &'static str,
    /// The unit symbol.
    pub unit: &'static str,
    /// Stock or flow.
    pub kind: FigureKind,
    /// Most decimals allowed.
    pub decimals: Option<u32>,
    /// Smallest value allowed.
    pub min: Option<Decimal>,
    /// Largest value allowed.
    pub max: Option<Decimal>,
    /// Other names the figure is known by.
    pub aliases: &'static [&'static str],
    /// Line and column in `medical-security.yaml`.
    pub at: (u32, u32),
}

/// One relation as compiled (see [`super::Relation`]).
pub(super) struct Rel {
    /// Which figures, tied how.
    pub kind: Kind,
    /// Whether a mismatch is an error (else a warning).
    pub error: bool,
    /// Line and column in `medical-security.yaml`.
    pub at: (u32, u32),
    /// The rule in words, shown with a mismatch.
    pub note: Option<&'static str>,
    /// Checks only (`compute: false`).
    pub check_only: bool,
}

/// [`RelationKind`] with borrowed keys, so that it can be static.
pub(super) enum Kind {
    /// See [`RelationKind::Sum`].
    Sum(&'static str, &'static [&'static str]),
    /// See [`RelationKind::Difference`].
    Difference(&'static str, &'static str, &'static [&'static str]),
    /// See [`RelationKind::Ratio`].
    Ratio(&'static str, &'static str, &'static str, Decimal),
    /// See [`RelationKind::PerCapita`].
    PerCapita(&'static str, &'static str, &'static str),
    /// See [`RelationKind::Growth`].
    Growth(&'static str, &'static str),
    /// See [`RelationKind::Scaled`].
    Scaled(&'static str, &'static str, &'static str),
    /// See [`RelationKind::Share`].
    Share(&'static str, &'static str, &'static str),
    /// See [`RelationKind::PartOf`].
    PartOf(&'static str, &'static [&'static str]),
}

/// Owned keys.
pub(super) fn owned(keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| (*k).to_string()).collect()
}

impl Kind {
    /// The relation kind with owned keys.
    pub(super) fn to_kind(&self) -> RelationKind {
        let s = |k: &str| k.to_string();
        match *self {
            Kind::Sum(total, parts) => RelationKind::Sum {
                total: s(total),
                parts: owned(parts),
            },
            Kind::Difference(result, minuend, subtrahends) => RelationKind::Difference {
                result: s(result),
                minuend: s(minuend),
                subtrahends: owned(subtrahends),
            },
            Kind::Ratio(result, numerator, denominator, scale) => RelationKind::Ratio {
                result: s(result),
                numerator: s(numerator),
                denominator: s(denominator),
                scale,
            },
            Kind::PerCapita(result, amount, count) => RelationKind::PerCapita {
                result: s(result),
                amount: s(amount),
                count: s(count),
            },
            Kind::Growth(result, of) => RelationKind::Growth {
                result: s(result),
                of: s(of),
            },
            Kind::Scaled(result, base, rate) => RelationKind::Scaled {
                result: s(result),
                base: s(base),
                rate: s(rate),
            },
            Kind::Share(result, base, rate) => RelationKind::Share {
                result: s(result),
                base: s(base),
                rate: s(rate),
            },
            Kind::PartOf(total, parts) => RelationKind::PartOf {
                total: s(total),
                parts: owned(parts),
            },
        }
    }
}
