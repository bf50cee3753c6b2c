//! Readable ASCII keys for figures the catalogue does not know, from their Chinese names.
//!
//! A name is segmented into words with a dictionary — the phrases the built-in catalogue
//! abbreviates (城乡居民医保 → jumin, 定点零售药店 → yaodian), a word list of reports
//! ([`super::key_words`]) and the words the catalogue's own name/key pairs spell (learned) — the
//! segmentation with the fewest unknown characters and words winning; each word becomes its
//! pinyin (`pinyin` crate, plain, ü as v, with the domain's polyphones fixed: 长期 chang, 重复
//! chong, 银行 hang …). Keys keep at most four words: a leading period and insurance, then the
//! words nearest the measure. Keys are suggestions a user may rename.

use super::key_words::{FILLER, SPELLED, WORDS};
use pinyin::ToPinyin;
use std::collections::{BTreeMap, BTreeSet};

/// The plain pinyin of one character (ü written v), or the character itself if ASCII.
fn syllable(c: char) -> Option<String> {
    if c.is_ascii_alphanumeric() {
        return Some(c.to_ascii_lowercase().to_string());
    }
    c.to_pinyin().map(|p| p.plain().replace('ü', "v"))
}

/// The pinyin of a word, syllables joined.
fn spell(word: &str) -> Option<String> {
    word.chars().map(syllable).collect()
}

/// Tokens a key starts with to say which period or insurance it is about.
const LEADING: &[&str] = &[
    "shangnian",
    "xianian",
    "bennian",
    "jumin",
    "zhigong",
    "shengyu",
    "changhu",
    "jiuzhu",
    "jiben",
];

/// Builds keys; knows the dictionary and the keys already taken.
#[derive(Clone)]
pub struct KeyMaker {
    words: BTreeMap<String, String>,
    longest: usize,
    taken: BTreeSet<String>,
}

/// The best way to a place of a name: its cost (unknown characters, words), where its last
/// word starts, and whether that word is known.
type Step = ((usize, usize), usize, bool);

/// One word of a segmented name.
struct Word {
    text: String,
    token: String,
    known: bool,
}

impl KeyMaker {
    /// A key maker over the built-in word lists and the catalogue's (name, key) pairs: a token of
    /// a key that is the pinyin of a run of its name's characters names that run.
    pub fn new<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> KeyMaker {
        let mut words: BTreeMap<String, String> = SPELLED
            .iter()
            .map(|(w, t)| (w.to_string(), t.to_string()))
            .collect();
        for w in WORDS {
            if let Some(t) = spell(w) {
                words.entry(w.to_string()).or_insert(t);
            }
        }
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
        let longest = words.keys().map(|w| w.chars().count()).max().unwrap_or(1);
        KeyMaker {
            words,
            longest,
            taken,
        }
    }

    /// Marks `key` as used (a catalogue key bound to a figure of this file).
    pub fn reserve(&mut self, key: &str) {
        self.taken.insert(key.to_string());
    }

    /// The words of `name`: dictionary words where they cover it best (fewest unknown characters,
    /// then fewest words); unknown Chinese characters paired; ASCII runs kept whole.
    fn segment(&self, name: &str) -> Vec<Word> {
        let chars: Vec<char> = name.chars().collect();
        let n = chars.len();
        // best[i]: (unknown characters, words) to cover chars[..i], and the word ending at i.
        let mut best: Vec<Option<Step>> = vec![None; n + 1];
        best[0] = Some(((0, 0), 0, true));
        for i in 0..n {
            let Some(((unknown, count), _, _)) = best[i] else {
                continue;
            };
            let mut offer = |end: usize, cost: (usize, usize), known: bool| {
                if best[end].is_none_or(|(c, _, _)| cost < c) {
                    best[end] = Some((cost, i, known));
                }
            };
            for len in 2..=self.longest.min(n - i) {
                let w: String = chars[i..i + len].iter().collect();
                if self.words.contains_key(&w) {
                    offer(i + len, (unknown, count + 1), true);
                }
            }
            // An ASCII run is one word.
            if chars[i].is_ascii_alphanumeric() {
                let run = chars[i..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .count();
                offer(i + run, (unknown, count + 1), true);
            } else {
                offer(i + 1, (unknown + 1, count + 1), false);
            }
        }
        let mut words = Vec::new();
        let mut end = n;
        while end > 0 {
            let Some((_, start, known)) = best[end] else {
                break;
            };
            let text: String = chars[start..end].iter().collect();
            let token = match self.words.get(&text) {
                Some(t) => t.clone(),
                None => spell(&text).unwrap_or_default(),
            };
            words.push(Word { text, token, known });
            end = start;
        }
        words.reverse();
        // Unknown characters in twos (most Chinese words have two).
        let mut out: Vec<Word> = Vec::new();
        for w in words {
            match out.last_mut() {
                Some(prev)
                    if !w.known
                        && !prev.known
                        && prev.text.chars().count() == 1
                        && !w.token.is_empty()
                        && !prev.token.is_empty() =>
                {
                    prev.text.push_str(&w.text);
                    prev.token.push_str(&w.token);
                }
                _ => out.push(w),
            }
        }
        out.retain(|w| !w.token.is_empty());
        out
    }

    /// A new unique key for `name`: `zhuyuan_renci`, then `zhuyuan_renci_2` …
    pub fn make(&mut self, name: &str) -> String {
        let mut words = self.segment(name);
        // A word said twice (大额发票、发票复印件) once.
        let mut seen = BTreeSet::new();
        words.retain(|w| seen.insert(w.token.clone()));
        while words.len() > 4 {
            // Drop a filler word (not the last), else keep the leading period and insurance
            // and the words nearest the measure.
            match (0..words.len() - 1)
                .rev()
                .find(|&i| FILLER.contains(&words[i].text.as_str()))
            {
                Some(i) => {
                    words.remove(i);
                }
                None => {
                    let lead = words
                        .iter()
                        .take(2)
                        .take_while(|w| LEADING.contains(&w.token.as_str()))
                        .count();
                    let tail = 4 - lead;
                    let cut = words.len() - tail;
                    words.drain(lead..cut);
                }
            }
        }
        let tokens: Vec<&str> = words.iter().map(|w| w.token.as_str()).collect();
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

    fn maker() -> KeyMaker {
        KeyMaker::new([
            ("城乡居民医保参保人数", "jumin_canbao_renshu"),
            ("城乡居民医保住院人次", "jumin_zhuyuan_renci"),
        ])
    }

    #[test]
    fn words_then_pinyin_and_unique() {
        let mut k = maker();
        assert_eq!(k.make("参保人数"), "canbao_renshu");
        assert_eq!(k.make("居民医保住院人次"), "jumin_zhuyuan_renci_2");
        assert_eq!(k.make("长期护理保险参保率"), "changhu_canbao_lv");
        assert_eq!(k.make("参保人数"), "canbao_renshu_2");
        assert_eq!(k.make("DRG结算率"), "drg_jiesuan_lv");
        assert_eq!(k.make("重复参保人数"), "chongfu_canbao_renshu");
    }

    #[test]
    fn a_negation_stays_with_its_verb() {
        let mut k = maker();
        assert_eq!(
            k.make("职工医保不符合相关医保政策人次"),
            "zhigong_bufuhe_zhengce_renci"
        );
    }

    #[test]
    fn keys_are_words_and_short() {
        let mut k = maker();
        // Not two-character chunks across words (sanmen_xianhong_jingkang_fu_yiyuan_de).
        assert_eq!(
            k.make("不定期稽核参保病人人次"),
            "jihe_canbao_bingren_renci"
        );
        assert_eq!(
            k.make("定点医疗机构暂停医保服务协议家次"),
            "yiyuan_zanting_xieyi_jiaci"
        );
        assert_eq!(
            k.make("上年度职工医保总额预算金额"),
            "shangnian_zhigong_yusuan_jine"
        );
        assert_eq!(
            k.make("下年度享受医疗救助特困人员"),
            "xianian_jiuzhu_tekun_renyuan"
        );
        assert_eq!(
            k.make("稽查大额发票、发票复印件例数"),
            "dae_fapiao_fuyinjian_lishu"
        );
        for key in [
            k.make("城乡居民医保门诊就诊其他基金支出"),
            k.make("职工医保签约人员门诊定额标准"),
        ] {
            assert!(key.split('_').count() <= 4, "{key}");
            assert!(
                key.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            );
        }
    }
}
