//! The fast reader against the full parser: for every YAML file of the repository and thousands
//! of mutations of them, whatever the fast reader accepts, the full parser reads to the same
//! tree (marks included); and the fast reader takes the common files (so it is used at all).

use super::tree::{Node, Value};
use super::{events, fast};
use std::path::Path;

/// Every `.yaml` file under the repository's `data/`, `src/` and `tests/`.
fn corpus() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut dirs = vec![root.join("data"), root.join("src"), root.join("tests")];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml")
                && let Ok(text) = std::fs::read_to_string(&p)
            {
                out.push((p.display().to_string(), text));
            }
        }
    }
    out.sort();
    out
}

/// Checks the invariant on one text; returns whether the fast reader took it.
fn same_tree(name: &str, text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match fast::parse(text) {
        Err(fast::Declined) => false,
        Ok(quick) => {
            match events::parse(text) {
                Ok(full) => {
                    if let Some(d) = difference(&quick, &full) {
                        panic!(
                            "{name}: the readers disagree: {d}\n---\n{}",
                            text.chars().take(300).collect::<String>()
                        );
                    }
                }
                Err(p) => panic!(
                    "{name}: the fast reader took a text the parser refuses ({p:?}):\n{text}"
                ),
            }
            true
        }
    }
}

/// The first place two trees differ, described; `None` when they are equal.
fn difference(a: &Node<'_>, b: &Node<'_>) -> Option<String> {
    let here = || format!("fast {:?} vs full {:?}", short(a), short(b));
    if a.mark != b.mark {
        return Some(format!("marks differ: {}", here()));
    }
    match (&a.value, &b.value) {
        (Value::Scalar(x, s), Value::Scalar(y, t)) => (x != y || s != t).then(here),
        (Value::Seq(x), Value::Seq(y)) => {
            if x.len() != y.len() {
                return Some(format!("lengths differ: {}", here()));
            }
            x.iter().zip(y).find_map(|(p, q)| difference(p, q))
        }
        (Value::Map(x), Value::Map(y)) => {
            if x.len() != y.len() {
                return Some(format!("lengths differ: {}", here()));
            }
            x.iter()
                .zip(y)
                .find_map(|((k1, v1), (k2, v2))| difference(k1, k2).or_else(|| difference(v1, v2)))
        }
        _ => Some(format!("kinds differ: {}", here())),
    }
}

/// A node in a few words.
fn short(n: &Node<'_>) -> String {
    let what = match &n.value {
        Value::Scalar(t, s) => format!("{t:?} {s:?}"),
        Value::Seq(v) => format!("seq of {}", v.len()),
        Value::Map(v) => format!("map of {}", v.len()),
    };
    format!("{}:{} {what}", n.mark.line(), n.mark.column())
}

#[test]
fn both_readers_build_the_same_tree_for_every_file() {
    let files = corpus();
    assert!(files.len() > 40, "only {} files", files.len());
    let mut fast_taken = 0;
    for (name, text) in &files {
        if same_tree(name, text) {
            fast_taken += 1;
        }
    }
    // The fast reader takes nearly every real file (the rest are the malformed corpus).
    assert!(
        fast_taken * 10 >= files.len() * 7,
        "fast took {fast_taken} of {}",
        files.len()
    );
}

#[test]
fn the_samples_and_the_builtin_catalogue_take_the_fast_path() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for f in [
        "data/sanmen-2020.yaml",
        "data/xian-2025-H1.yaml",
        "data/yunxi-2020-disclosure.yaml",
        "src/catalogue/medical-security.yaml",
    ] {
        let text = std::fs::read_to_string(root.join(f)).unwrap_or_default();
        assert!(fast::parse(&text).is_ok(), "{f} declined");
    }
}

/// A small deterministic generator (xorshift), so the mutations are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
}

/// Pieces that change YAML's reading when dropped into a text.
const PIECES: &[&str] = &[
    ":",
    ": ",
    " ",
    "  ",
    "\n",
    "\n  ",
    "-",
    "- ",
    "#",
    " #",
    "'",
    "\"",
    "''",
    "[",
    "]",
    "{",
    "}",
    ",",
    ", ",
    "&a ",
    "*a",
    "!",
    "|",
    ">",
    "?",
    "~",
    "null",
    "\r\n",
    "\\",
    "　",
    "：",
    "x",
    "3",
    "- a: 1\n",
    "{}",
    "[]",
    "\n- ",
    "\n\n",
    "   ",
    ":x",
    "<<",
    // Characters the fast reader checks eight bytes at a time, and Chinese text around them.
    "\r",
    "\t",
    "\u{85}",
    "\u{2028}",
    "\u{feff}",
    "\u{7f}",
    "\u{1}",
    "中文",
    "第0组指标t",
    "“",
    "…",
];

#[test]
fn mutations_never_make_the_readers_disagree() {
    let files = corpus();
    let seed = std::env::var("WENGAO_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15);
    let mut rng = Rng(seed);
    let mut taken = 0;
    let mut tried = 0;
    for (name, text) in &files {
        if text.len() > 20_000 {
            continue;
        }
        for _ in 0..std::env::var("WENGAO_MUTATIONS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(60)
        {
            let mut t = text.clone();
            for _ in 0..1 + rng.next() % 3 {
                let mut at = rng.next() % (t.len() + 1);
                while !t.is_char_boundary(at) {
                    at -= 1;
                }
                match rng.next() % 3 {
                    0 => t.insert_str(at, PIECES[rng.next() % PIECES.len()]),
                    1 => {
                        let mut end = (at + 1 + rng.next() % 4).min(t.len());
                        while !t.is_char_boundary(end) {
                            end += 1;
                        }
                        t.replace_range(at..end, "");
                    }
                    _ => {
                        let mut end = (at + 1).min(t.len());
                        while !t.is_char_boundary(end) {
                            end += 1;
                        }
                        t.replace_range(at..end, PIECES[rng.next() % PIECES.len()]);
                    }
                }
            }
            tried += 1;
            if same_tree(name, &t) {
                taken += 1;
            }
        }
    }
    assert!(
        taken > 100,
        "the fast reader took only {taken} of {tried} mutations"
    );
}

#[test]
fn hand_written_cases_agree() {
    let cases = [
        "a: 1\n",
        "a:\n  b: 1\n  c:\n  d: \"\"\n  e: x # c\ns:\n- 1\n- k: v\n  k2: w\nf: {n: , u: 1, \"q\": 'x'}\n",
        "a: [1, 2, [3, {b: c}]]\nb: {}\nc: []\n",
        "- a\n- 'b''c'\n- \"d e\"\n-   f: 1\n    g: 2\n",
        "a: -3\nb: -1000000000\nc: 'it''s'\nd: 'a #b'\ne: a#b\n",
        "k:   v   \n  # comment\nl: 2\r\nm: 3\r\n",
        "\"quoted key\": 1\n'single': 2\nplain key: 3\n",
        "a:\n- 1\n- 2\nb: 3\n",
        "a:\n  - {key: g0_t, name: 第0组指标t, unit: \"人\", kind: flow, min: -1000000000}\n",
        "# only a comment\n",
        "",
        "  indented: 1\n  top: 2\n",
        "a: 甲乙：丙\nb: 　全角\n",
        "a: 1\r\nb: 第二行\r",
        "a: 第一行中文很长很长很长很长很长很长\nb: “引号”和…省略号\n",
    ];
    for c in cases {
        assert!(same_tree("case", c), "declined: {c}");
    }
    // Declined: the full parser reads (or refuses) these.
    for c in [
        "a: &x 1\nb: *x\n",
        "a: |\n  text\n",
        "a: b\n  c\n",
        "a: [1,\n 2]\n",
        "a: 1\na: 2\n",
        "---\na: 1\n",
        "a: \"x\\ty\"\n",
        "a:\tb\n",
        "? a\n: b\n",
        "a: b: c\n",
        "a: [1, , 2]\n",
        "- - a\n",
        "-\n  a: 1\n",
        "<<: {a: 1}\n",
        "a: 1\r\r\n",
        "a: x\ry\n",
        "a: 中文\u{85}中文\n",
        "a: 中文中文\u{2028}\n",
        "a: 中\u{feff}文\n",
        "a: 1\nb: 中文中文中\u{7f}\n",
    ] {
        assert!(fast::parse(c).is_err(), "taken: {c}");
    }
}

#[test]
fn a_tree_counts_its_nodes() {
    let Ok(t) = fast::parse("a: [1, 2]\nb: {c: d}\n") else {
        panic!("declined");
    };
    assert_eq!(t.count(), 9);
    assert!(matches!(t.value, Value::Map(ref e) if e.len() == 2));
    let _: &Node = &t;
}
