//! Matching a figure's name against the catalogue: names and aliases compared in their normal
//! form ([`normalise`]); failing an exact match, the longest catalogue name the figure's name
//! ends with, when what stands before it only narrows it down (城乡免缴对象资助参保特困人数 ends
//! with 资助参保特困人员) — never when it names an insurance, a period or a negation (非签约人员 is
//! not 签约人员). A key is taken only when its unit converts and the value fits its rules.

use super::subjects::{Time, last_subject, normalise};
use crate::catalogue::Catalogue;
use crate::numbers::split_unit;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The catalogue's names and aliases in their normal form.
#[derive(Debug, Clone)]
pub struct NameIndex {
    /// Normal form → keys (a name in two units, 人 and 万人, has two).
    exact: BTreeMap<String, Vec<String>>,
    /// (normal form, key), longest first: candidates for a match by ending.
    endings: Vec<(String, String)>,
}

/// What a matched name gives: the key, the value in the key's unit, the `fig(scale=…)` that
/// prints it as written.
pub type Match = (String, Option<Decimal>, Option<&'static str>);

/// Prefixes that turn a name into another figure rather than narrowing it down.
const NEGATIONS: &[&str] = &["非", "未", "不", "无", "除", "其他", "其它", "另"];

impl NameIndex {
    /// Indexes `catalogue`'s names with the extra (alias, key) pairs.
    pub fn new(catalogue: &Catalogue, aliases: &[(String, String)]) -> Self {
        let mut exact: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let pairs = catalogue
            .figures
            .iter()
            .map(|(key, def)| (&def.name, key))
            .chain(aliases.iter().map(|(a, k)| (a, k)));
        for (name, key) in pairs {
            let keys = exact.entry(normalise(name)).or_default();
            if !keys.contains(key) {
                keys.push(key.clone());
            }
        }
        let mut endings: Vec<(String, String)> = exact
            .iter()
            .flat_map(|(n, ks)| ks.iter().map(move |k| (n.clone(), k.clone())))
            .filter(|(n, _)| n.chars().count() >= 5 || last_subject(n).is_some())
            .collect();
        endings.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
        NameIndex { exact, endings }
    }

    /// The keys a normalised name matches: exactly, else by the longest ending (none when two
    /// keys end it equally long).
    fn keys_for(&self, norm: &str) -> Vec<&String> {
        if let Some(ks) = self.exact.get(norm) {
            return ks.iter().collect();
        }
        let mut found: Vec<&String> = Vec::new();
        let mut names: Vec<&str> = Vec::new();
        let mut length = 0;
        for (name, key) in &self.endings {
            let n = name.chars().count();
            if n < length {
                break;
            }
            let Some(prefix) = norm.strip_suffix(name.as_str()) else {
                continue;
            };
            if prefix.is_empty()
                || Time::of(prefix).is_some()
                || last_subject(prefix).is_some()
                || NEGATIONS.iter().any(|w| prefix.ends_with(w))
            {
                continue;
            }
            length = n;
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
            if !found.contains(&key) {
                found.push(key);
            }
        }
        // Two different names end it equally well: too close to call.
        if names.len() > 1 { Vec::new() } else { found }
    }

    /// The catalogue key one of `candidates` (names, most specific first) matches, if its unit
    /// converts from `unit` and `value` fits.
    pub fn find(
        &self,
        catalogue: &Catalogue,
        candidates: &[String],
        unit: &str,
        value: Option<Decimal>,
    ) -> Option<Match> {
        let mut keys: Vec<&String> = Vec::new();
        for c in candidates {
            let mut ks = self.keys_for(&normalise(c));
            // The key in the very unit written first (人 before 万人 for “311881人”).
            ks.sort_by_key(|k| catalogue.get(k).is_none_or(|d| d.unit != unit));
            keys.extend(ks);
        }
        for key in keys {
            if let Some(m) = convert(catalogue, key, unit, value) {
                return Some(m);
            }
        }
        None
    }
}

/// `value` in `unit` as a value of catalogue figure `key`, if the units convert and it fits.
fn convert(catalogue: &Catalogue, key: &str, unit: &str, value: Option<Decimal>) -> Option<Match> {
    let def = catalogue.get(key)?;
    let from = super::declare::unit_for(unit)?;
    let to = catalogue.unit_of(key)?;
    if from.dimension != to.dimension {
        return None;
    }
    let converted = match value {
        None => None,
        Some(v) => {
            let r = v
                .checked_mul(from.factor())
                .and_then(|x| x.checked_div(to.factor()))?
                .normalize();
            Some(if v.scale() > 0 && from.factor == to.factor {
                v
            } else {
                r
            })
        }
    };
    let scale = if from.factor == to.factor {
        None
    } else {
        let (prefix, base) = split_unit(unit);
        let (_, cat_base) = split_unit(&def.unit);
        if base != cat_base {
            return None;
        }
        Some(super::subjects::scale_name(prefix.prefix())?)
    };
    if !super::subjects::fits(catalogue, def, converted) {
        return None;
    }
    Some((key.to_string(), converted, scale))
}
