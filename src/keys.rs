//! `wengao keys`: the catalogue as a list users can search — key, 中文名, unit, 时点数/时期数 and
//! the relations a figure takes part in — filtered by Chinese words, pinyin or pinyin initials.
//!
//! Pinyin comes from the `pinyin` crate, every reading of a character counted (长 matches both
//! `chang` and `zhang`), `ü` also written `v` or `u`; a word matches when it is part of the name,
//! of the key, of the name's pinyin (`canbao`, `canbaorenshu`) or of its initials (`cbrs`); the
//! other wordings of a name (its `aliases`) count as names.

use crate::catalogue::{Catalogue, FigureDef, FigureKind};
use crate::diagnostic::Diagnostics;
use pinyin::ToPinyinMulti;
use serde::Serialize;

/// One catalogue figure as `keys` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyEntry {
    /// The ASCII key used in indicator files and templates.
    pub key: String,
    /// 中文名称.
    pub name: String,
    /// The unit as printed (人, 万元, % …).
    pub unit: String,
    /// `stock` (时点数) or `flow` (时期数).
    pub kind: &'static str,
    /// 时点数 or 时期数.
    pub kind_cn: &'static str,
    /// Every relation the figure computes or is read by, in Chinese (`基金支出 = 住院 + 门诊`).
    pub relations: Vec<String>,
}

impl KeyEntry {
    fn of(def: &FigureDef, catalogue: &Catalogue) -> KeyEntry {
        let (kind, kind_cn) = match def.kind {
            FigureKind::Stock => ("stock", "时点数"),
            FigureKind::Flow => ("flow", "时期数"),
        };
        let relations = catalogue
            .relations
            .iter()
            .filter(|r| r.result() == def.key || r.inputs().contains(&def.key.as_str()))
            .map(|r| r.describe(catalogue))
            .collect();
        KeyEntry {
            key: def.key.clone(),
            name: def.name.clone(),
            unit: def.unit.clone(),
            kind,
            kind_cn,
            relations,
        }
    }

    /// One plain line: `key  中文名（单位，时点数）`, then each relation indented.
    pub fn plain(&self) -> String {
        let mut out = format!(
            "{}  {}（{}，{}）\n",
            self.key, self.name, self.unit, self.kind_cn
        );
        for r in &self.relations {
            out.push_str(&format!("    关系：{r}\n"));
        }
        out
    }
}

/// The built-in catalogue with the user's catalogue files merged in, in order: the catalogue,
/// the files read (for source snippets) and every problem found in them.
pub fn merged_catalogue(
    paths: &[std::path::PathBuf],
) -> (Catalogue, Vec<crate::source::SourceFile>, Diagnostics) {
    let (mut catalogue, mut ds) = Catalogue::builtin();
    let mut sources = Vec::new();
    for p in paths {
        let (src, more) = catalogue.merge_file(p);
        sources.extend(src);
        ds.extend(more.items);
    }
    ds.extend(catalogue.verify().items);
    ds.sort();
    (catalogue, sources, ds)
}

/// The figures of `catalogue` matching every word of `words` (all figures when none), by key.
pub fn list(catalogue: &Catalogue, words: &[String]) -> Vec<KeyEntry> {
    let words: Vec<String> = words
        .iter()
        .map(|w| w.trim().to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    catalogue
        .figures
        .values()
        .filter(|def| words.iter().all(|w| matches(def, w)))
        .map(|def| KeyEntry::of(def, catalogue))
        .collect()
}

/// Every entry as one JSON array (stable field order).
pub fn json(entries: &[KeyEntry]) -> String {
    serde_json::to_string_pretty(entries).unwrap_or_else(|_| "[]".to_string())
}

/// Whether one (lower-cased) word matches a figure.
fn matches(def: &FigureDef, word: &str) -> bool {
    if def.key.contains(word) {
        return true;
    }
    let ascii = word.chars().all(|c| c.is_ascii_alphabetic());
    // The name and the other wordings real reports use (aliases).
    std::iter::once(&def.name).chain(&def.aliases).any(|name| {
        if name.to_lowercase().contains(word) {
            return true;
        }
        if !ascii {
            return false;
        }
        let readings = readings(name);
        spelled(&readings, word, false) || spelled(&readings, word, true)
    })
}

/// The readings of each character of `name`: pinyin for Chinese characters (ü also as v and u),
/// the character itself (lower case) for ASCII letters and digits, nothing for the rest.
fn readings(name: &str) -> Vec<Vec<String>> {
    name.chars()
        .zip(name.to_pinyin_multi())
        .map(|(c, multi)| match multi {
            Some(multi) => {
                let mut all = Vec::new();
                for p in multi {
                    let plain = p.plain();
                    all.push(plain.to_string());
                    if plain.contains('ü') {
                        all.push(plain.replace('ü', "v"));
                        all.push(plain.replace('ü', "u"));
                    }
                }
                all
            }
            None if c.is_ascii_alphanumeric() => vec![c.to_ascii_lowercase().to_string()],
            None => Vec::new(),
        })
        .collect()
}

/// Whether `word` is spelled by consecutive characters (whole syllables, the last possibly cut
/// short), or by their initials when `initials`.
fn spelled(readings: &[Vec<String>], word: &str, initials: bool) -> bool {
    (0..readings.len()).any(|start| from(readings, start, word, initials))
}

fn from(readings: &[Vec<String>], at: usize, word: &str, initials: bool) -> bool {
    if word.is_empty() {
        return true;
    }
    let Some(options) = readings.get(at) else {
        return false;
    };
    options.iter().any(|reading| {
        let syllable = if initials {
            &reading[..reading.chars().next().map_or(0, char::len_utf8)]
        } else {
            reading.as_str()
        };
        if syllable.is_empty() {
            return false;
        }
        match word.strip_prefix(syllable) {
            Some(rest) => from(readings, at + 1, rest, initials),
            None => !initials && syllable.starts_with(word),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(key: &str, name: &str) -> FigureDef {
        FigureDef {
            key: key.into(),
            name: name.into(),
            unit: "人".into(),
            kind: FigureKind::Stock,
            decimals: None,
            min: None,
            max: None,
            aliases: Vec::new(),
            location: None,
        }
    }

    #[test]
    fn chinese_pinyin_initials_and_key_parts_match() {
        let d = def("jumin_canbao_renshu", "城乡居民医保参保人数");
        for w in [
            "参保",
            "canbao",
            "canbaoren",
            "cbrs",
            "chengxiang",
            "jumin_can",
            "renshu",
        ] {
            assert!(matches(&d, w), "{w} should match");
        }
        for w in ["基金", "jijin", "cbx", "canbaozhi"] {
            assert!(!matches(&d, w), "{w} should not match");
        }
    }

    #[test]
    fn every_reading_of_a_character_counts() {
        let d = def("changhu_renshu", "长期护理保险参保人数");
        assert!(matches(&d, "changqi"));
        assert!(matches(&d, "zhangqi"));
        let rate = def("jumin_canbao_lv", "参保率");
        assert!(matches(&rate, "canbaolv"));
        assert!(matches(&rate, "canbaolu"));
    }
}
