//! The figure half of `diff`: every figure whose value (as written) changed, was added or removed,
//! became pending (XX) or was filled in, computed figures included (算得).
//!
//! Values are compared as written (`100.00` against `100` is a change: the printed text
//! differs). Names and units come from each side's own catalogue, the new side's first, so a
//! figure removed from the new catalogue is still named.

use crate::catalogue::Catalogue;
use crate::model::{Figure, FigureValue, Origin, Report};
use crate::numbers::as_written;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// How a figure changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureStatus {
    /// Both versions have a value, and it differs as written (`100` → `100.00` counts).
    Changed,
    /// Only the new version has the figure.
    Added,
    /// Only the old version has the figure.
    Removed,
    /// A value became `XX`.
    Pending,
    /// `XX` became a value.
    Filled,
}

impl FigureStatus {
    /// The word users read.
    pub fn label(self) -> &'static str {
        match self {
            FigureStatus::Changed => "改动",
            FigureStatus::Added => "新增",
            FigureStatus::Removed => "删除",
            FigureStatus::Pending => "待填",
            FigureStatus::Filled => "填入",
        }
    }

    /// The stable name in JSON.
    pub fn code(self) -> &'static str {
        match self {
            FigureStatus::Changed => "changed",
            FigureStatus::Added => "added",
            FigureStatus::Removed => "removed",
            FigureStatus::Pending => "pending",
            FigureStatus::Filled => "filled",
        }
    }
}

/// A figure in one version: its value as written (`XX` when pending) and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureSide {
    /// As written in the file (scale kept), `XX` when pending, or as computed (catalogue decimals).
    pub value: String,
    /// Still `XX`.
    pub pending: bool,
    /// `file:line` of the written value; `None` when computed.
    pub file: Option<String>,
    /// The line the value is written on (`None` when computed).
    pub line: Option<u32>,
    /// The relation that computed it (算得), as users read it.
    pub rule: Option<String>,
}

impl FigureSide {
    /// One side of a change: the value as written (or XX) and where it came from.
    fn of(f: &Figure) -> FigureSide {
        let (value, pending) = match &f.value {
            FigureValue::Exact(d) => (as_written(*d), false),
            FigureValue::Pending => ("XX".to_string(), true),
        };
        let (file, line, rule) = match &f.origin {
            Origin::Written(l) => (Some(l.file.clone()), Some(l.line), None),
            Origin::Computed { rule } => (None, None, Some(rule.clone())),
        };
        FigureSide {
            value,
            pending,
            file,
            line,
            rule,
        }
    }

    /// Whether the value was computed by a catalogue relation rather than written.
    pub fn computed(&self) -> bool {
        self.rule.is_some()
    }

    /// `new.yaml:21`, or `算得` for a computed value.
    pub fn place(&self) -> String {
        match (&self.file, self.line) {
            (Some(f), Some(l)) => format!("{f}:{l}"),
            _ => "算得".to_string(),
        }
    }
}

/// One figure that changed between the two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureChange {
    /// The catalogue key.
    pub key: String,
    /// The catalogue's Chinese name (the key when the catalogue does not know it).
    pub name: String,
    /// The catalogue unit.
    pub unit: String,
    /// A previous-period figure (上期, for 同比) rather than a current one.
    pub previous: bool,
    /// What happened to the figure.
    pub status: FigureStatus,
    /// The old value (`None` when added).
    pub old: Option<FigureSide>,
    /// The new value (`None` when removed).
    pub new: Option<FigureSide>,
    /// new − old, exact, when both are values (`+30.92`, `-5`).
    pub difference: Option<String>,
}

/// Compares current figures, then previous-period figures, each in key order.
pub fn compare(old: (&Report, &Catalogue), new: (&Report, &Catalogue)) -> Vec<FigureChange> {
    let mut out = compare_maps(&old.0.figures, &new.0.figures, new.1, old.1, false);
    out.extend(compare_maps(
        &old.0.previous,
        &new.0.previous,
        new.1,
        old.1,
        true,
    ));
    out
}

/// The changes between two figure maps (one period), keys in order, `previous` marking the
/// previous-period maps.
fn compare_maps(
    old: &BTreeMap<String, Figure>,
    new: &BTreeMap<String, Figure>,
    catalogue: &Catalogue,
    fallback: &Catalogue,
    previous: bool,
) -> Vec<FigureChange> {
    let keys: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let mut out = Vec::new();
    for key in keys {
        let o = old.get(key);
        let n = new.get(key);
        if noise(o, n) {
            continue;
        }
        let Some(status) = status(o.map(|f| &f.value), n.map(|f| &f.value)) else {
            continue;
        };
        let def = catalogue.get(key).or_else(|| fallback.get(key));
        let difference = match (
            o.and_then(|f| f.value.decimal()),
            n.and_then(|f| f.value.decimal()),
        ) {
            (Some(a), Some(b)) => Some(signed(b - a)),
            _ => None,
        };
        out.push(FigureChange {
            key: key.clone(),
            name: def.map_or_else(|| key.clone(), |d| d.name.clone()),
            unit: def.map(|d| d.unit.clone()).unwrap_or_default(),
            previous,
            status,
            old: o.map(FigureSide::of),
            new: n.map(FigureSide::of),
            difference,
        });
    }
    out
}

/// A computed figure that is only `XX` on one side and absent on the other says nothing: a relation
/// with a pending input yields a pending result even when another input (a previous-period value)
/// is missing, so filling the input in makes the pending result vanish.
fn noise(old: Option<&Figure>, new: Option<&Figure>) -> bool {
    let computed_pending =
        |f: &Figure| f.value == FigureValue::Pending && matches!(f.origin, Origin::Computed { .. });
    match (old, new) {
        (Some(f), None) | (None, Some(f)) => computed_pending(f),
        _ => false,
    }
}

/// `None` when nothing a reader sees changed (same value as written, or both pending).
fn status(old: Option<&FigureValue>, new: Option<&FigureValue>) -> Option<FigureStatus> {
    match (old, new) {
        (None, None) => None,
        (None, Some(_)) => Some(FigureStatus::Added),
        (Some(_), None) => Some(FigureStatus::Removed),
        (Some(FigureValue::Pending), Some(FigureValue::Pending)) => None,
        (Some(FigureValue::Exact(_)), Some(FigureValue::Pending)) => Some(FigureStatus::Pending),
        (Some(FigureValue::Pending), Some(FigureValue::Exact(_))) => Some(FigureStatus::Filled),
        (Some(FigureValue::Exact(a)), Some(FigureValue::Exact(b))) => {
            (as_written(*a) != as_written(*b)).then_some(FigureStatus::Changed)
        }
    }
}

/// An exact difference with its sign: `+30.92`, `-5`, `0`.
fn signed(d: Decimal) -> String {
    if d.is_sign_positive() && !d.is_zero() {
        format!("+{d}")
    } else if d.is_zero() {
        // `100` → `100.00`: the value is the same, only its written form changed.
        "0".to_string()
    } else {
        d.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> FigureValue {
        FigureValue::Exact(s.parse().unwrap_or_default())
    }

    #[test]
    fn statuses() {
        let p = FigureValue::Pending;
        assert_eq!(status(Some(&d("1")), Some(&d("1"))), None);
        assert_eq!(
            status(Some(&d("100")), Some(&d("100.00"))),
            Some(FigureStatus::Changed)
        );
        assert_eq!(status(Some(&p), Some(&p)), None);
        assert_eq!(status(Some(&d("1")), Some(&p)), Some(FigureStatus::Pending));
        assert_eq!(status(Some(&p), Some(&d("1"))), Some(FigureStatus::Filled));
        assert_eq!(status(None, Some(&p)), Some(FigureStatus::Added));
        assert_eq!(status(Some(&p), None), Some(FigureStatus::Removed));
    }

    #[test]
    fn signed_differences() {
        let v = |s: &str| s.parse::<Decimal>().unwrap_or_default();
        assert_eq!(signed(v("31100.00") - v("31069.08")), "+30.92");
        assert_eq!(signed(v("3") - v("8")), "-5");
        assert_eq!(signed(v("100.00") - v("100")), "0");
    }
}
