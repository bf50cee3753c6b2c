//! Readable ASCII keys for figures the catalogue does not know, from their Chinese names.
//!
//! Words the catalogue already spells (参保 → canbao, 居民 → jumin …, learned from its name/key
//! pairs) are used first, longest match first; other characters get their pinyin (`pinyin`
//! crate, plain, most common reading), with a small table for readings that crate gets wrong in
//! this domain (长期 chang, 重复 chong, 银行 hang …). Keys are suggestions a user may rename.

use pinyin::ToPinyin;
use std::collections::{BTreeMap, BTreeSet};

/// Words whose most common per-character reading is wrong here.
const OVERRIDES: &[(&str, &str)] = &[
    ("长期", "changqi"),
    ("长护", "changhu"),
    ("重复", "chongfu"),
    ("重特大", "chongteda"),
    ("银行", "yinhang"),
    ("调剂", "tiaoji"),
    ("会计", "kuaiji"),
    ("还款", "huankuan"),
    ("着力", "zhuoli"),
    ("行业", "hangye"),
    ("重残", "zhongcan"),
];

/// The plain pinyin of one character (ü written v), or the character itself if ASCII.
fn syllable(c: char) -> Option<String> {
    if c.is_ascii_alphanumeric() {
        return Some(c.to_ascii_lowercase().to_string());
    }
    c.to_pinyin().map(|p| p.plain().replace('ü', "v"))
}

/// Builds keys; knows the catalogue's words and the keys already taken.
#[derive(Clone)]
pub struct KeyMaker {
    words: BTreeMap<String, String>,
    taken: BTreeSet<String>,
}

impl KeyMaker {
    /// Learns word → token pairs from catalogue (name, key) pairs: a token of the key that is the
    /// pinyin of a run of the name's characters names that run.
    pub fn new<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> KeyMaker {
        let mut words: BTreeMap<String, String> = OVERRIDES
            .iter()
            .map(|(w, t)| (w.to_string(), t.to_string()))
            .collect();
        let mut taken = BTreeSet::new();
        for (name, key) in pairs {
            taken.insert(key.to_string());
            let chars: Vec<char> = name.chars().collect();
            let syllables: Vec<Option<String>> = chars.iter().map(|&c| syllable(c)).collect();
            for token in key.split('_').filter(|t| t.len() >= 4) {
                'search: for start in 0..chars.len() {
                    let mut joined = String::new();
                    for end in start..chars.len() {
                        let Some(s) = &syllables[end] else { break };
                        joined.push_str(s);
                        if joined == token && end > start {
                            let word: String = chars[start..=end].iter().collect();
                            words.entry(word).or_insert_with(|| token.to_string());
                            break 'search;
                        }
                        if !token.starts_with(&joined) {
                            break;
                        }
                    }
                }
            }
        }
        KeyMaker { words, taken }
    }

    /// Marks `key` as used (a catalogue key bound to a figure of this file).
    pub fn reserve(&mut self, key: &str) {
        self.taken.insert(key.to_string());
    }

    /// A new unique key for `name`: `zhuyuan_renci`, then `zhuyuan_renci_2` …
    pub fn make(&mut self, name: &str) -> String {
        let chars: Vec<char> = name.chars().collect();
        let mut tokens: Vec<String> = Vec::new();
        let mut pending = String::new();
        let mut pending_chars = 0usize;
        let mut pending_is_ascii = false;
        let mut i = 0;
        while i < chars.len() {
            let hit = (2..=6.min(chars.len() - i)).rev().find_map(|len| {
                let w: String = chars[i..i + len].iter().collect();
                self.words.get(&w).map(|t| (len, t.clone()))
            });
            if let Some((len, token)) = hit {
                if !pending.is_empty() {
                    tokens.push(std::mem::take(&mut pending));
                }
                pending_chars = 0;
                tokens.push(token);
                i += len;
                continue;
            }
            let c = chars[i];
            let ascii = c.is_ascii_alphanumeric();
            let pending_ascii = pending_chars > 0
                && pending.chars().all(|p| p.is_ascii_alphanumeric())
                && pending_is_ascii;
            // A new token starts at a change between ASCII and Chinese, and after two Chinese
            // characters (most Chinese words have two).
            if pending_chars > 0 && (ascii != pending_ascii || (!ascii && pending_chars >= 2)) {
                tokens.push(std::mem::take(&mut pending));
                pending_chars = 0;
            }
            match syllable(c) {
                Some(s) => {
                    pending.push_str(&s);
                    pending_chars += 1;
                    pending_is_ascii = ascii;
                }
                None => {
                    if !pending.is_empty() {
                        tokens.push(std::mem::take(&mut pending));
                    }
                    pending_chars = 0;
                }
            }
            i += 1;
        }
        if !pending.is_empty() {
            tokens.push(pending);
        }
        tokens.truncate(6);
        let mut base = tokens.join("_");
        if !base.starts_with(|c: char| c.is_ascii_alphabetic()) {
            base.insert_str(0, "f_");
        }
        if base == "f_" {
            base = "zhibiao".to_string();
        }
        let mut key = base.clone();
        let mut n = 2;
        while self.taken.contains(&key) {
            key = format!("{base}_{n}");
            n += 1;
        }
        self.taken.insert(key.clone());
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learned_words_then_pinyin_and_unique() {
        let mut k = KeyMaker::new([
            ("城乡居民医保参保人数", "jumin_canbao_renshu"),
            ("城乡居民医保住院人次", "jumin_zhuyuan_renci"),
        ]);
        assert_eq!(k.make("参保人数"), "canbao_renshu");
        assert_eq!(k.make("居民住院人次"), "jumin_zhuyuan_renci_2");
        assert_eq!(
            k.make("长期护理保险参保率"),
            "changqi_huli_baoxian_canbao_lv"
        );
        assert_eq!(k.make("参保人数"), "canbao_renshu_2");
        assert_eq!(k.make("DRG结算率"), "drg_jiesuan_lv");
    }
}
