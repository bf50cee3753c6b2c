//! The built-in catalogue in its compiled form: `medical-security.yaml` (the file people read and
//! edit) checked and written out as Rust data in `builtin_data.rs`, one line per entry, so that
//! a run builds the catalogue without parsing anything (~0.4 M instructions; the JSON form this
//! replaced cost a render ~2 M, a tenth of it). A test fails when the data drifts from the YAML;
//! `WENGAO_BLESS=1 cargo test --lib catalogue` regenerates it.
//!
//! Locations survive compilation (line and column per entry), so a diagnostic about a built-in
//! figure or relation still points into `medical-security.yaml`.

use super::builtin_data::{FIGURES, RELATIONS};
use super::rows::owned;
use super::{BUILTIN_NAME, Catalogue, FigureDef, Relation};
use crate::diagnostic::{Diagnostics, Location, Severity};

/// A compiled line and column as a location in the built-in catalogue.
fn location((line, column): (u32, u32)) -> Option<Location> {
    Some(Location::new(BUILTIN_NAME, line, column))
}

/// The built-in catalogue from its compiled form.
pub(super) fn builtin() -> (Catalogue, Diagnostics) {
    // The rows are in key order: collected, the map is built in one pass instead of a search
    // per insertion.
    let figures = FIGURES
        .iter()
        .map(|f| {
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
            (f.key.to_string(), def)
        })
        .collect();
    let relations = RELATIONS
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
    let c = Catalogue {
        figures,
        relations,
        shipped_only: true,
        ..Catalogue::default()
    };
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
