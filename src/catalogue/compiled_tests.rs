//! The generator of `builtin_data.rs` and the test that keeps it equal to the YAML.

use super::*;
use crate::catalogue::{FigureKind, RelationKind};
use crate::source::SourceFile;
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// A string as a Rust literal.
fn lit(s: &str) -> String {
    format!("{s:?}")
}

/// A list of keys as a Rust slice literal.
fn keys(ks: &[String]) -> String {
    let items: Vec<String> = ks.iter().map(|k| lit(k)).collect();
    format!("&[{}]", items.join(", "))
}

/// A decimal as a constant expression with the same value and scale.
fn decimal(d: Decimal) -> String {
    let u = d.unpack();
    format!(
        "Decimal::from_parts({}, {}, {}, {}, {})",
        u.lo, u.mid, u.hi, u.negative, u.scale
    )
}

/// An optional decimal.
fn opt_decimal(d: Option<Decimal>) -> String {
    d.map_or_else(|| "None".to_string(), |d| format!("Some({})", decimal(d)))
}

/// A location's line and column, which every built-in entry has.
fn at(l: &Option<Location>) -> Result<String, String> {
    l.as_ref()
        .map(|l| format!("({}, {})", l.line, l.column))
        .ok_or_else(|| "a built-in entry has no location".to_string())
}

/// A relation kind as a [`super::rows::Kind`] expression.
fn kind(k: &RelationKind) -> String {
    match k {
        RelationKind::Sum { total, parts } => format!("Sum({}, {})", lit(total), keys(parts)),
        RelationKind::Difference {
            result,
            minuend,
            subtrahends,
        } => format!(
            "Difference({}, {}, {})",
            lit(result),
            lit(minuend),
            keys(subtrahends)
        ),
        RelationKind::Ratio {
            result,
            numerator,
            denominator,
            scale,
        } => format!(
            "Ratio({}, {}, {}, {})",
            lit(result),
            lit(numerator),
            lit(denominator),
            decimal(*scale)
        ),
        RelationKind::PerCapita {
            result,
            amount,
            count,
        } => format!(
            "PerCapita({}, {}, {})",
            lit(result),
            lit(amount),
            lit(count)
        ),
        RelationKind::Growth { result, of } => format!("Growth({}, {})", lit(result), lit(of)),
        RelationKind::Scaled { result, base, rate } => {
            format!("Scaled({}, {}, {})", lit(result), lit(base), lit(rate))
        }
        RelationKind::Share { result, base, rate } => {
            format!("Share({}, {}, {})", lit(result), lit(base), lit(rate))
        }
        RelationKind::PartOf { total, parts } => {
            format!("PartOf({}, {})", lit(total), keys(parts))
        }
    }
}

/// `builtin_data.rs` for a loaded catalogue: figures in key order (the catalogue map's, so that a
/// run builds the map in one pass), one a line, then relations in the YAML's order.
pub(super) fn to_rust(c: &Catalogue) -> Result<String, String> {
    let mut out = String::from(
        "//! The built-in catalogue as Rust data, generated from `medical-security.yaml` by\n\
         //! `WENGAO_BLESS=1 cargo test --lib catalogue` (`compiled_tests.rs`): do not edit by hand.\n\
         \n\
         #[allow(unused_imports)]\n\
         use super::FigureKind::{Flow, Stock};\n\
         #[allow(unused_imports)]\n\
         use super::rows::Kind::{Difference, Growth, PartOf, PerCapita, Ratio, Scaled, Share, Sum};\n\
         use super::rows::{Rel, Row};\n\
         #[allow(unused_imports)]\n\
         use rust_decimal::Decimal;\n\
         \n\
         /// Every figure, in key order (each line says where it is in the YAML).\n\
         #[rustfmt::skip]\n\
         pub(super) static FIGURES: &[Row] = &[\n",
    );
    for f in c.figures.values() {
        let kind = match f.kind {
            FigureKind::Stock => "Stock",
            FigureKind::Flow => "Flow",
        };
        let decimals = f
            .decimals
            .map_or_else(|| "None".to_string(), |d| format!("Some({d})"));
        let _ = writeln!(
            out,
            "Row {{ key: {}, name: {}, unit: {}, kind: {kind}, decimals: {decimals}, min: {}, max: {}, aliases: {}, at: {} }},",
            lit(&f.key),
            lit(&f.name),
            lit(&f.unit),
            opt_decimal(f.min),
            opt_decimal(f.max),
            keys(&f.aliases),
            at(&f.location)?,
        );
    }
    out.push_str(
        "];\n\n/// Every relation, in the YAML's order.\n#[rustfmt::skip]\npub(super) static RELATIONS: &[Rel] = &[\n",
    );
    for r in &c.relations {
        let note = r
            .note
            .as_deref()
            .map_or_else(|| "None".to_string(), |n| format!("Some({})", lit(n)));
        let _ = writeln!(
            out,
            "Rel {{ kind: {}, error: {}, at: {}, note: {note}, check_only: {} }},",
            kind(&r.kind),
            r.severity == Severity::Error,
            at(&r.location)?,
            !r.compute,
        );
    }
    out.push_str("];\n");
    Ok(out)
}

#[test]
fn compiled_form_matches_the_yaml() -> Result<(), Box<dyn std::error::Error>> {
    let (yaml, ds) = from_yaml();
    assert!(ds.items.is_empty(), "{:#?}", ds.items);
    let want = to_rust(&yaml)?;
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/catalogue/builtin_data.rs");
    if std::env::var_os("WENGAO_BLESS").is_some() {
        std::fs::write(path, &want)?;
    }
    let have = std::fs::read_to_string(path)?;
    assert!(
        have == want,
        "src/catalogue/builtin_data.rs is stale: run `WENGAO_BLESS=1 cargo test --lib catalogue`"
    );
    let (compiled, ds) = builtin();
    assert!(ds.items.is_empty());
    assert_eq!(compiled.figures, yaml.figures);
    assert_eq!(compiled.relations, yaml.relations);
    assert!(compiled.shipped_only && !yaml.shipped_only);
    Ok(())
}

#[test]
fn a_merge_makes_the_catalogue_verified_again() {
    let (mut c, _) = builtin();
    let src = SourceFile::new(
        "c.yaml",
        "relations:\n  - {rule: sum, total: jumin_jiesuan_renci, parts: [jumin_zhuyuan_renci, no_such_key]}\n"
            .to_string(),
    );
    let merged = c.merge_source(&src);
    assert!(merged.items.is_empty(), "{:#?}", merged.items);
    let v = c.verify();
    assert_eq!(v.items.len(), 1, "{:#?}", v.items);
    assert_eq!(v.items[0].code, "E-CAT-REL-UNKNOWN");
}
