//! The built-in catalogue in its compiled form: `medical-security.yaml` (the file people read and
//! edit) checked and written out as Rust data in `builtin_data.rs`, one line per entry, so that
//! a run builds the catalogue without parsing anything (the JSON form this replaced cost a
//! render ~2 M instructions, a tenth of it; the located YAML parse is ~20× that). A test fails
//! when the data drifts from the YAML; `WENGAO_BLESS=1 cargo test --lib catalogue` regenerates it.
//!
//! Locations survive compilation (line and column per entry), so a diagnostic about a built-in
//! figure or relation still points into `medical-security.yaml`.

use super::builtin_data::{FIGURES, RELATIONS};
use super::{BUILTIN_NAME, Catalogue, FigureDef, FigureKind, Relation, RelationKind};
use crate::diagnostic::{Diagnostics, Location, Severity};
use rust_decimal::Decimal;

/// One figure definition as compiled (see [`FigureDef`]).
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

/// One relation as compiled (see [`Relation`]).
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
fn owned(keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| (*k).to_string()).collect()
}

impl Kind {
    /// The relation kind with owned keys.
    fn to_kind(&self) -> RelationKind {
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

/// A compiled line and column as a location in the built-in catalogue.
fn location((line, column): (u32, u32)) -> Option<Location> {
    Some(Location::new(BUILTIN_NAME, line, column))
}

/// The built-in catalogue from its compiled form.
pub(super) fn builtin() -> (Catalogue, Diagnostics) {
    let mut c = Catalogue::default();
    for f in FIGURES {
        let def = FigureDef {
            key: f.key.to_string(),
            name: f.name.to_string(),
            unit: f.unit.to_string(),
            kind: f.kind,
            decimals: f.decimals,
            min: f.min,
            max: f.max,
            aliases: owned(f.aliases),
            location: location(f.at),
        };
        c.figures.insert(f.key.to_string(), def);
    }
    c.relations = RELATIONS
        .iter()
        .map(|r| Relation {
            kind: r.kind.to_kind(),
            severity: if r.error {
                Severity::Error
            } else {
                Severity::Warning
            },
            location: location(r.at),
            note: r.note.map(str::to_string),
            compute: !r.check_only,
        })
        .collect();
    c.shipped_only = true;
    (c, Diagnostics::default())
}

/// The built-in catalogue through the full located YAML path (as for user catalogues): what the
/// compiled form is checked against.
#[cfg(test)]
pub(super) fn from_yaml() -> (Catalogue, Diagnostics) {
    let mut c = Catalogue::default();
    let source = crate::source::SourceFile::new(BUILTIN_NAME, super::BUILTIN.to_string());
    let d = c.merge_source(&source);
    (c, d)
}

#[cfg(test)]
#[path = "compiled_tests.rs"]
mod tests;
