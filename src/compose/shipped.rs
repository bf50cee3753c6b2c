//! The shipped templates (embedded in the binary) and what compose knows of their summary
//! sections: the block that includes each, the figures it mentions, the blocks around it.

use super::loaded::Loaded;
use super::scan;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

/// The shipped templates, embedded: (name, source). Add a line here to ship another.
pub const SHIPPED: &[(&str, &str)] = &[
    ("base.md.tera", include_str!("../../templates/base.md.tera")),
    (
        "annual.md.tera",
        include_str!("../../templates/annual.md.tera"),
    ),
    (
        "half-year.md.tera",
        include_str!("../../templates/half-year.md.tera"),
    ),
    (
        "disclosure-base.md.tera",
        include_str!("../../templates/disclosure-base.md.tera"),
    ),
    (
        "disclosure-2021.md.tera",
        include_str!("../../templates/disclosure-2021.md.tera"),
    ),
    (
        "disclosure-2019.md.tera",
        include_str!("../../templates/disclosure-2019.md.tera"),
    ),
    (
        "disclosure-appendix.md.tera",
        include_str!("../../templates/disclosure-appendix.md.tera"),
    ),
    (
        "sections/canbao.md.tera",
        include_str!("../../templates/sections/canbao.md.tera"),
    ),
    (
        "sections/chouzi.md.tera",
        include_str!("../../templates/sections/chouzi.md.tera"),
    ),
    (
        "sections/jijin.md.tera",
        include_str!("../../templates/sections/jijin.md.tera"),
    ),
    (
        "sections/jiuyi.md.tera",
        include_str!("../../templates/sections/jiuyi.md.tera"),
    ),
    (
        "sections/menzhen.md.tera",
        include_str!("../../templates/sections/menzhen.md.tera"),
    ),
    (
        "sections/jiuzhu.md.tera",
        include_str!("../../templates/sections/jiuzhu.md.tera"),
    ),
    (
        "sections/fupin.md.tera",
        include_str!("../../templates/sections/fupin.md.tera"),
    ),
    (
        "sections/changhu.md.tera",
        include_str!("../../templates/sections/changhu.md.tera"),
    ),
    (
        "sections/zhifu.md.tera",
        include_str!("../../templates/sections/zhifu.md.tera"),
    ),
    (
        "sections/jicai.md.tera",
        include_str!("../../templates/sections/jicai.md.tera"),
    ),
    (
        "sections/dingdian.md.tera",
        include_str!("../../templates/sections/dingdian.md.tera"),
    ),
    (
        "sections/jihe.md.tera",
        include_str!("../../templates/sections/jihe.md.tera"),
    ),
    (
        "sections/yidi.md.tera",
        include_str!("../../templates/sections/yidi.md.tera"),
    ),
    (
        "sections/jingban.md.tera",
        include_str!("../../templates/sections/jingban.md.tera"),
    ),
    (
        "sections/dangjian.md.tera",
        include_str!("../../templates/sections/dangjian.md.tera"),
    ),
];

/// The shipped templates as sources, made once per process.
pub(super) fn shipped() -> &'static [Arc<Loaded>] {
    static SOURCES: OnceLock<Vec<Arc<Loaded>>> = OnceLock::new();
    SOURCES.get_or_init(|| {
        SHIPPED
            .iter()
            .map(|(name, text)| {
                Loaded::new(
                    (*name).to_string(),
                    format!("<内置模板>/{name}"),
                    (*text).to_string(),
                    true,
                )
            })
            .collect()
    })
}

/// A shipped summary section: the block that includes it, the blocks around that block in
/// `base.md.tera`, and (read only when a report's selection needs them) the figures it mentions.
pub(super) struct Section {
    /// `canbao` for `sections/canbao.md.tera`.
    pub block: String,
    /// The blocks its block sits in (`summary`, `summary_sections`).
    pub parents: Vec<String>,
    /// The section's text.
    text: &'static str,
    /// Every `figures.<key>` it mentions, and whether it reads `figures` as a whole (then it is
    /// always parsed); read on first use.
    mentions: OnceLock<(BTreeSet<String>, bool)>,
}

impl Section {
    /// Whether a report with `figures` may print something in this section: it mentions one of
    /// them, or reads `figures` as a whole.
    pub fn reached_by<V>(&self, figures: &BTreeMap<String, V>) -> bool {
        let (keys, whole) = self.mentions.get_or_init(|| {
            let (keys, whole) = scan::figure_mentions(self.text);
            (keys.into_iter().collect(), whole)
        });
        *whole || keys.iter().any(|k| figures.contains_key(k))
    }
}

/// The shipped sections by template name, read once per process.
pub(super) fn sections() -> &'static BTreeMap<String, Section> {
    static SECTIONS: OnceLock<BTreeMap<String, Section>> = OnceLock::new();
    SECTIONS.get_or_init(|| {
        let base = shipped()
            .iter()
            .find(|s| s.name == "base.md.tera")
            .map(|s| s.blocks().to_vec())
            .unwrap_or_default();
        SHIPPED
            .iter()
            .filter_map(|(name, text)| {
                let block = name.strip_prefix("sections/")?.strip_suffix(".md.tera")?;
                let parents = base
                    .iter()
                    .find(|b| b.name == block)
                    .map(|b| b.parents.clone())
                    .unwrap_or_default();
                Some((
                    (*name).to_string(),
                    Section {
                        block: block.to_string(),
                        parents,
                        text,
                        mentions: OnceLock::new(),
                    },
                ))
            })
            .collect()
    })
}
