//! The shipped templates (embedded in the binary) and what compose knows of their summary
//! sections: the block that includes each, the figures it mentions, the blocks around it.

use super::loaded::{Analysis, Loaded};
use std::collections::BTreeMap;
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

include!(concat!(env!("OUT_DIR"), "/shipped_analysis.rs"));

/// What `build.rs` worked out of the shipped template `name` (every file under `templates/`).
pub(super) fn analysis(name: &str) -> Option<&'static Analysis> {
    ANALYSES.iter().find(|a| a.name == name)
}

/// The shipped templates as sources, made once per process, with what was worked out of them
/// when wengao was built.
pub(super) fn shipped() -> &'static [Arc<Loaded>] {
    static SOURCES: OnceLock<Vec<Arc<Loaded>>> = OnceLock::new();
    SOURCES.get_or_init(|| {
        SHIPPED
            .iter()
            .map(|(name, text)| {
                let (name, shown) = ((*name).to_string(), format!("<内置模板>/{name}"));
                match analysis(&name) {
                    Some(a) => Loaded::analysed(name, shown, (*text).to_string(), a),
                    None => Loaded::new(name, shown, (*text).to_string(), true),
                }
            })
            .collect()
    })
}

/// A shipped summary section: the block that includes it, the blocks around that block in
/// `base.md.tera`, and its source (whose figure mentions decide whether a report reaches it).
pub(super) struct Section {
    /// `canbao` for `sections/canbao.md.tera`.
    pub block: String,
    /// The blocks its block sits in (`summary`, `summary_sections`).
    pub parents: Vec<String>,
    /// The section as a shipped source.
    source: Arc<Loaded>,
}

impl Section {
    /// Whether a report with `figures` may print something in this section: it mentions one of
    /// them, or reads `figures` as a whole.
    pub fn reached_by<V>(&self, figures: &BTreeMap<String, V>) -> bool {
        let (keys, whole) = self.source.figure_mentions();
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
        shipped()
            .iter()
            .filter_map(|source| {
                let name = source.name.as_str();
                let block = name.strip_prefix("sections/")?.strip_suffix(".md.tera")?;
                let parents = base
                    .iter()
                    .find(|b| b.name == block)
                    .map(|b| b.parents.clone())
                    .unwrap_or_default();
                Some((
                    name.to_string(),
                    Section {
                        block: block.to_string(),
                        parents,
                        source: Arc::clone(source),
                    },
                ))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::super::mentions;
    use super::*;

    /// What `build.rs` worked out is what the same code works out at run time, for every
    /// shipped template (a template edited after the build, or scan code changed without
    /// rebuilding the analysis, fails here).
    #[test]
    fn the_build_time_analysis_matches_the_run_time_reading() {
        for (name, text) in SHIPPED {
            let a = analysis(name).unwrap_or_else(|| panic!("no analysis of {name}"));
            let built = shipped().iter().find(|s| s.name == *name);
            let built = built.unwrap_or_else(|| panic!("{name} not shipped"));
            let fresh = Loaded::new(name.to_string(), String::new(), text.to_string(), true);
            assert_eq!(built.text, *text, "{name}");
            assert_eq!(built.instrumented(), fresh.instrumented(), "{name}");
            assert_eq!(built.references(), fresh.references(), "{name}");
            assert_eq!(built.blocks(), fresh.blocks(), "{name}");
            assert_eq!(built.printed_values(), fresh.printed_values(), "{name}");
            let (keys, whole) = mentions::figure_mentions(text);
            let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
            assert_eq!(
                (a.mentions.to_vec(), a.mentions_all),
                (keys, whole),
                "{name}"
            );
        }
        assert!(
            shipped()
                .iter()
                .all(|s| !s.instrumented().edits().is_empty()
                    || !s.instrumented().text.contains("{% for"))
        );
    }
}
