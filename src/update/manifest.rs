//! The manifest of an edited DOCX: reading wengao's custom document properties (however the
//! writer's word processor re-saved them) and writing new values into them in place.

use crate::package::{Package, resolve_target};
use crate::render::docx::anchor::{
    AGENCY_PROPERTY, CUSTOM_PART, CUSTOM_REL, FIGURE_PROPERTY, MANIFEST_PROPERTY, Manifest,
    Placement, TITLE_PROPERTY,
};
use crate::wordml::Tree;
use quick_xml::escape::escape;
use std::collections::BTreeMap;
use std::ops::Range;

/// The custom properties part as read: its name, text, and each property's value with where the
/// value's text sits.
pub struct Properties {
    /// The part's name in the package.
    pub part: String,
    /// The part's text.
    pub xml: String,
    /// Property name → (value, byte range of the value's text inside its `vt:*` element).
    pub values: BTreeMap<String, (String, Range<usize>)>,
}

/// The custom properties part of the package: the target of the package's custom-properties
/// relationship, else `docProps/custom.xml`.
fn custom_part(package: &Package) -> Option<String> {
    let rels = package.relationships("").ok()?;
    rels.items
        .iter()
        .find(|r| r.rel_type == CUSTOM_REL)
        .and_then(|r| resolve_target("", r))
        .filter(|p| package.contains(p))
        .or_else(|| {
            package
                .contains(CUSTOM_PART)
                .then(|| CUSTOM_PART.to_string())
        })
}

/// Reads the custom properties; `None` when the document has none (or they cannot be read).
pub fn read(package: &Package) -> Option<Properties> {
    let part = custom_part(package)?;
    let xml = String::from_utf8(package.part(&part)?.to_vec()).ok()?;
    let tree = Tree::parse(&xml).ok()?;
    let mut values = BTreeMap::new();
    for n in &tree.nodes {
        if n.local != "property" {
            continue;
        }
        let Some(name) = n.attr("name") else { continue };
        // The value is the property's one child element (`vt:lpwstr`, `vt:lpstr`, …).
        let Some(&v) = n.children.first() else {
            continue;
        };
        let value_node = &tree.nodes[v];
        let raw = value_node.inner(&xml);
        let start = value_node.open_end;
        let text = quick_xml::escape::unescape(raw)
            .map(|c| c.into_owned())
            .unwrap_or_else(|_| raw.to_string());
        values.insert(name.to_string(), (text, start..start + raw.len()));
    }
    Some(Properties { part, xml, values })
}

impl Properties {
    /// Whether wengao wrote these (the manifest property is there).
    pub fn is_wengao(&self) -> bool {
        self.values.contains_key(MANIFEST_PROPERTY)
    }

    /// The format version written.
    pub fn version(&self) -> Option<&str> {
        self.values.get(MANIFEST_PROPERTY).map(|(v, _)| v.as_str())
    }

    /// The manifest: title, agency and placements `wengao.fig.1`, `wengao.fig.2`, … in order (a
    /// placement that cannot be read is skipped; its number is kept in the second value).
    pub fn manifest(&self) -> (Manifest, Vec<usize>) {
        let get = |k: &str| {
            self.values
                .get(k)
                .map(|(v, _)| v.clone())
                .unwrap_or_default()
        };
        let mut numbered: Vec<(usize, Placement)> = self
            .values
            .iter()
            .filter_map(|(k, (v, _))| {
                let n: usize = k.strip_prefix(FIGURE_PROPERTY)?.parse().ok()?;
                Some((n, Placement::from_property(v)?))
            })
            .collect();
        numbered.sort_by_key(|(n, _)| *n);
        let numbers = numbered.iter().map(|(n, _)| *n).collect();
        let manifest = Manifest {
            title: get(TITLE_PROPERTY),
            agency: get(AGENCY_PROPERTY),
            placements: numbered.into_iter().map(|(_, p)| p).collect(),
        };
        (manifest, numbers)
    }

    /// The part with new values for some placements (`wengao.fig.<n>` → placement), every other
    /// byte unchanged.
    pub fn with_placements(&self, changed: &[(usize, Placement)]) -> String {
        let mut splices: Vec<(Range<usize>, String)> = changed
            .iter()
            .filter_map(|(n, p)| {
                let (_, range) = self.values.get(&format!("{FIGURE_PROPERTY}{n}"))?;
                Some((range.clone(), escape(p.to_property().as_str()).into_owned()))
            })
            .collect();
        splices.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
        let mut out = self.xml.clone();
        for (range, text) in splices {
            out.replace_range(range, &text);
        }
        out
    }
}
