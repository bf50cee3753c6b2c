//! The merged catalogue indexed for the rules: each key's definition and unit, hashed once per
//! run. Checking a large file looks every figure up several times (ranges, relations, their
//! units); a hash lookup is several times cheaper than a search of the sorted map.

use super::{Catalogue, FigureDef};
use crate::hashed::HashMap;
use crate::units::Unit;

/// The catalogue with its definitions by key (see the module documentation).
pub(crate) struct Index<'c> {
    /// The catalogue itself (relations, names for messages).
    pub cat: &'c Catalogue,
    /// Each key's definition and unit (`None` for a unit the catalogue does not know).
    by_key: HashMap<&'c str, (&'c FigureDef, Option<&'c Unit>)>,
}

impl<'c> Index<'c> {
    /// Indexes `cat`.
    pub fn new(cat: &'c Catalogue) -> Self {
        let by_key = cat
            .figures
            .iter()
            .map(|(k, d)| (k.as_str(), (d, cat.unit(&d.unit))))
            .collect();
        Index { cat, by_key }
    }

    /// How many figures the catalogue defines.
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// The definition of `key`.
    pub fn get(&self, key: &str) -> Option<&'c FigureDef> {
        self.by_key.get(key).map(|(d, _)| *d)
    }

    /// The unit of `key`.
    pub fn unit_of(&self, key: &str) -> Option<&'c Unit> {
        self.by_key.get(key).and_then(|(_, u)| *u)
    }

    /// Most decimals `key` allows: as its definition says, else 0 for whole counts.
    pub fn max_decimals(&self, key: &str) -> Option<u32> {
        let (def, unit) = self.by_key.get(key)?;
        def.decimals
            .or_else(|| unit.filter(|u| u.is_whole_count()).map(|_| 0))
    }

    /// Decimals a computed value of `key` gets: `decimals`, else 0 for whole counts, else 2.
    pub fn computed_decimals(&self, key: &str) -> u32 {
        self.max_decimals(key).unwrap_or(2)
    }
}
