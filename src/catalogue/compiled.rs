//! The built-in catalogue in its compiled form: `medical-security.yaml` (the file people read and
//! edit) checked and stored as one-line-per-entry JSON, which loads ~20× faster than the located
//! YAML parse. A test fails when the JSON drifts from the YAML; `WENGAO_BLESS=1 cargo test --lib
//! catalogue` regenerates it.
//!
//! Locations survive compilation (line and column per entry), so a diagnostic about a built-in
//! figure or relation still points into `medical-security.yaml`.

use super::{BUILTIN, BUILTIN_NAME, Catalogue, FigureDef, FigureKind, Relation, RelationKind};
use crate::diagnostic::{Diagnostics, Location, Severity};
use crate::source::SourceFile;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// `medical-security.yaml` after loading, as written by [`tests::to_json`].
const COMPILED: &str = include_str!("medical-security.json");

/// The compiled catalogue: figures and relations in catalogue order.
#[derive(Serialize, Deserialize)]
struct Compiled {
    /// Figure definitions in catalogue order.
    figures: Vec<Figure>,
    /// Relations in catalogue order.
    relations: Vec<Rel>,
}

/// One figure definition as stored (see [`FigureDef`]).
#[derive(Serialize, Deserialize)]
struct Figure {
    /// The figure's key.
    key: String,
    /// The Chinese name.
    name: String,
    /// The unit symbol.
    unit: String,
    /// Stock or flow.
    kind: FigureKind,
    /// Most decimals allowed.
    decimals: Option<u32>,
    /// Smallest value allowed.
    min: Option<Decimal>,
    /// Largest value allowed.
    max: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
    /// Line and column in `medical-security.yaml`.
    at: Option<(u32, u32)>,
}

/// One relation as stored (see [`Relation`]).
#[derive(Serialize, Deserialize)]
struct Rel {
    /// Which figures, tied how.
    kind: RelationKind,
    /// Whether a mismatch is an error (else a warning).
    error: bool,
    /// Line and column in `medical-security.yaml`.
    at: Option<(u32, u32)>,
    /// The rule in words, shown with a mismatch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    /// Checks only (`compute: false`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    check_only: bool,
}

/// A stored line and column as a location in the built-in catalogue.
fn location(at: Option<(u32, u32)>) -> Option<Location> {
    at.map(|(line, column)| Location::new(BUILTIN_NAME, line, column))
}

/// The built-in catalogue from the compiled form; from the YAML should that ever fail to load.
pub(super) fn builtin() -> (Catalogue, Diagnostics) {
    let Ok(compiled) = serde_json::from_str::<Compiled>(COMPILED) else {
        return from_yaml();
    };
    let mut c = Catalogue::default();
    for f in compiled.figures {
        let def = FigureDef {
            key: f.key,
            name: f.name,
            unit: f.unit,
            kind: f.kind,
            decimals: f.decimals,
            min: f.min,
            max: f.max,
            aliases: f.aliases,
            location: location(f.at),
        };
        c.figures.insert(def.key.clone(), def);
    }
    c.relations = compiled
        .relations
        .into_iter()
        .map(|r| Relation {
            kind: r.kind,
            severity: if r.error {
                Severity::Error
            } else {
                Severity::Warning
            },
            location: location(r.at),
            note: r.note,
            compute: !r.check_only,
        })
        .collect();
    (c, Diagnostics::default())
}

/// The built-in catalogue through the full located YAML path (as for user catalogues).
pub(super) fn from_yaml() -> (Catalogue, Diagnostics) {
    let mut c = Catalogue::default();
    let source = SourceFile::new(BUILTIN_NAME, BUILTIN.to_string());
    let d = c.merge_source(&source);
    (c, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(l: &Option<Location>) -> Option<(u32, u32)> {
        l.as_ref().map(|l| (l.line, l.column))
    }

    /// The compiled form of a loaded catalogue: one entry a line, so diffs stay readable.
    pub(super) fn to_json(c: &Catalogue) -> Result<String, serde_json::Error> {
        // In YAML order, so the JSON reads like its source.
        let mut defs: Vec<&FigureDef> = c.figures.values().collect();
        defs.sort_by_key(|f| at(&f.location));
        let figures = defs
            .into_iter()
            .map(|f| {
                serde_json::to_string(&Figure {
                    key: f.key.clone(),
                    name: f.name.clone(),
                    unit: f.unit.clone(),
                    kind: f.kind,
                    decimals: f.decimals,
                    min: f.min,
                    max: f.max,
                    aliases: f.aliases.clone(),
                    at: at(&f.location),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let relations = c
            .relations
            .iter()
            .map(|r| {
                serde_json::to_string(&Rel {
                    kind: r.kind.clone(),
                    error: r.severity == Severity::Error,
                    at: at(&r.location),
                    note: r.note.clone(),
                    check_only: !r.compute,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(format!(
            "{{\"figures\": [\n{}\n],\n\"relations\": [\n{}\n]}}\n",
            figures.join(",\n"),
            relations.join(",\n")
        ))
    }

    #[test]
    fn compiled_form_matches_the_yaml() -> Result<(), Box<dyn std::error::Error>> {
        let (yaml, ds) = from_yaml();
        assert!(ds.items.is_empty(), "{:#?}", ds.items);
        let want = to_json(&yaml)?;
        if std::env::var_os("WENGAO_BLESS").is_some() {
            let path = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/src/catalogue/medical-security.json"
            );
            std::fs::write(path, &want)?;
        }
        assert!(
            COMPILED == want,
            "src/catalogue/medical-security.json is stale: run `WENGAO_BLESS=1 cargo test --lib catalogue`"
        );
        serde_json::from_str::<Compiled>(COMPILED)?;
        let (compiled, ds) = builtin();
        assert!(ds.items.is_empty());
        assert_eq!(compiled.figures, yaml.figures);
        assert_eq!(compiled.relations, yaml.relations);
        Ok(())
    }
}
