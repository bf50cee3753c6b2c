//! How well `wengao import` maps real reports onto the catalogue, measured against hand-made
//! references: `data/sanmen-2020.yaml` (seed 000), `data/yunxi-2020-disclosure.yaml` and
//! `data/yunxi-2020-summary.yaml` (seed 003), `data/shi-2025-H1.yaml` and `data/xian-2025-H1.yaml`
//! (seeds 004-1, 004-3).
//!
//! Each side is rendered to the document model and its figure mentions listed in text order with
//! the number they print; the two lists are aligned on those numbers (a diff, so a number one side
//! leaves as text does not shift the others). A reference without a template is taken in the order
//! of its YAML. For each reference figure: did import make a figure at that place, with the same
//! catalogue key (recall), another catalogue key (a wrong match), or a new key (then how close is
//! its name to the catalogue's name of the reference key)?
//!
//! `cargo test --test import_score -- --nocapture` prints the whole table and every miss.

// `Diagnostic` is wengao's error type everywhere; boxing it in tests buys nothing.
#![allow(clippy::result_large_err)]

use std::path::{Path, PathBuf};
use wengao::catalogue::Catalogue;
use wengao::document::{Block, Document, Inline};
use wengao::import::run::import_one;
use wengao::pipeline::document_for;
use wengao::validate::{CheckOptions, Checked, check_files};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// One figure printed in a document.
#[derive(Debug, Clone)]
struct Mention {
    key: String,
    /// The number as printed (digits and point), or `XX`.
    number: String,
    /// The figure's name in the file's catalogue (built-in or declared inline).
    name: String,
}

fn number_of(text: &str) -> String {
    if text.contains("XX") {
        return "XX".to_string();
    }
    let start = text
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(text.len());
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect()
}

fn inlines(out: &mut Vec<Mention>, list: &[Inline], checked: &Checked) {
    for i in list {
        match i {
            Inline::Figure(f) => {
                let name = checked
                    .catalogue
                    .get(&f.key)
                    .map(|d| d.name.clone())
                    .unwrap_or_default();
                out.push(Mention {
                    key: f.key.clone(),
                    number: number_of(&f.text),
                    name,
                });
            }
            Inline::Strong(inner) => inlines(out, inner, checked),
            Inline::Text(_) => {}
        }
    }
}

fn blocks(out: &mut Vec<Mention>, list: &[Block], checked: &Checked) {
    for b in list {
        match b {
            Block::Heading(h) => {
                inlines(out, &h.content, checked);
                if let Some(r) = &h.run_in {
                    inlines(out, r, checked);
                }
            }
            Block::Paragraph(p) => inlines(out, p, checked),
            Block::Table(t) => {
                for row in &t.rows {
                    for slot in row {
                        if let wengao::document::Slot::Cell(c) = slot {
                            inlines(out, &c.content, checked);
                        }
                    }
                }
            }
        }
    }
}

fn mentions(doc: &Document, checked: &Checked) -> Vec<Mention> {
    let mut out = Vec::new();
    blocks(&mut out, &doc.blocks, checked);
    for a in &doc.attachments {
        blocks(&mut out, &a.blocks, checked);
    }
    out
}

/// Checks `yaml` and lists the figures its document prints.
fn rendered(yaml: &Path) -> Vec<Mention> {
    let checked = check_files(&[yaml.to_path_buf()], &CheckOptions::default());
    let report = checked.reports.first().expect("the file loads").clone();
    let (doc, _) = document_for(
        &report,
        &checked.catalogue,
        &wengao::compose::Templates::default(),
        &wengao::compose::ComposeOptions::default(),
    )
    .expect("composes");
    mentions(&doc, &checked)
}

/// A reference without a template: its figures in YAML order, numbers as written.
fn listed(yaml: &Path) -> Vec<Mention> {
    let (builtin, _) = Catalogue::builtin();
    let text = std::fs::read_to_string(yaml).expect("reference");
    let mut out = Vec::new();
    let mut in_figures = false;
    for line in text.lines() {
        if !line.starts_with(' ') && !line.starts_with('#') && !line.is_empty() {
            in_figures = line.starts_with("figures:");
            continue;
        }
        let Some((key, rest)) = line.trim().split_once(':') else {
            continue;
        };
        if !in_figures || line.trim_start().starts_with('#') {
            continue;
        }
        let value = rest.split('#').next().unwrap_or("").trim();
        out.push(Mention {
            key: key.to_string(),
            number: number_of(value),
            name: builtin.get(key).map(|d| d.name.clone()).unwrap_or_default(),
        });
    }
    out
}

/// The score of one reference.
#[derive(Debug, Default)]
struct Score {
    reference: usize,
    located: usize,
    same_key: usize,
    wrong: Vec<String>,
    new: Vec<(String, String, f64)>,
    missing: Vec<String>,
    /// Catalogue matches where the reference has no figure (not judged).
    unjudged: Vec<String>,
    /// Every imported figure mention.
    imported: usize,
    imported_catalogue: usize,
}

impl Score {
    fn recall(&self) -> f64 {
        self.same_key as f64 / self.reference.max(1) as f64
    }

    fn name_quality(&self) -> f64 {
        if self.new.is_empty() {
            return 1.0;
        }
        self.new.iter().map(|(_, _, q)| q).sum::<f64>() / self.new.len() as f64
    }
}

fn score(seed: &str, reference: &str) -> Score {
    let (builtin, _) = Catalogue::builtin();
    let dir = tempfile::tempdir().expect("temp dir");
    let (f, _) = import_one(
        &root().join("tests/import").join(seed),
        dir.path(),
        None,
        &builtin,
        &wengao::import::docx::read_package,
    )
    .expect("imports");
    std::fs::write(&f.yaml_path, &f.imported.yaml).expect("write yaml");
    std::fs::write(&f.template_path, &f.imported.template).expect("write template");
    let got = rendered(&f.yaml_path);
    let reference_path = root().join("data").join(reference);
    let templated = std::fs::read_to_string(&reference_path)
        .expect("reference")
        .contains("\n  template:");
    let want = if templated {
        rendered(&reference_path)
    } else {
        listed(&reference_path)
    };
    let a: Vec<&str> = want.iter().map(|m| m.number.as_str()).collect();
    let b: Vec<&str> = got.iter().map(|m| m.number.as_str()).collect();
    let mut paired: Vec<Option<usize>> = vec![None; want.len()];
    let mut used = vec![false; got.len()];
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b) {
        if let similar::DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for i in 0..len {
                paired[old_index + i] = Some(new_index + i);
                used[new_index + i] = true;
            }
        }
    }
    let mut s = Score {
        reference: want.len(),
        imported: got.len(),
        imported_catalogue: got.iter().filter(|m| builtin.get(&m.key).is_some()).count(),
        ..Score::default()
    };
    for (w, p) in want.iter().zip(&paired) {
        let Some(j) = *p else {
            s.missing
                .push(format!("{} {} ({})", w.key, w.number, w.name));
            continue;
        };
        let g = &got[j];
        s.located += 1;
        if g.key == w.key {
            s.same_key += 1;
        } else if builtin.get(&g.key).is_some() {
            s.wrong.push(format!(
                "{} {}: 导入为 {}（{}），应为 {}（{}）",
                w.number, w.key, g.key, g.name, w.key, w.name
            ));
        } else {
            let q = strsim::normalized_levenshtein(&g.name, &w.name);
            s.new.push((
                format!("{} {}", g.key, w.number),
                format!("{} ← {}", g.name, w.name),
                q,
            ));
        }
    }
    for (g, u) in got.iter().zip(&used) {
        if !u && builtin.get(&g.key).is_some() {
            s.unjudged
                .push(format!("{} {} ({})", g.key, g.number, g.name));
        }
    }
    s
}

const REFERENCES: &[(&str, &str)] = &[
    ("seeds/000.txt", "sanmen-2020.yaml"),
    ("seeds/003.txt", "yunxi-2020-summary.yaml"),
    ("seeds/003.txt", "yunxi-2020-disclosure.yaml"),
    ("docx/003.lo.docx", "yunxi-2020-disclosure.yaml"),
    ("seeds/004-1.txt", "shi-2025-H1.yaml"),
    ("seeds/004-3.txt", "xian-2025-H1.yaml"),
];

fn print(seed: &str, reference: &str, s: &Score) {
    eprintln!(
        "\n== {seed} vs data/{reference}: reference {}, located {}, same key {} (recall {:.0}%), wrong {}, new {} (name quality {:.2}), missing {}; imported {} mentions, {} catalogue, {} catalogue not judged",
        s.reference,
        s.located,
        s.same_key,
        100.0 * s.recall(),
        s.wrong.len(),
        s.new.len(),
        s.name_quality(),
        s.missing.len(),
        s.imported,
        s.imported_catalogue,
        s.unjudged.len()
    );
    for w in &s.wrong {
        eprintln!("  WRONG {w}");
    }
    for (k, n, q) in &s.new {
        eprintln!("  new   {k}: {n} ({q:.2})");
    }
    for m in &s.missing {
        eprintln!("  miss  {m}");
    }
    for u in &s.unjudged {
        eprintln!("  extra {u}");
    }
}

#[test]
fn scores_against_hand_made_references() {
    let mut total = Score::default();
    for (seed, reference) in REFERENCES {
        let s = score(seed, reference);
        print(seed, reference, &s);
        total.reference += s.reference;
        total.same_key += s.same_key;
        total.wrong.extend(s.wrong.iter().cloned());
    }
    eprintln!(
        "\n== total: reference {}, same key {} (recall {:.0}%), wrong {}",
        total.reference,
        total.same_key,
        100.0 * total.recall(),
        total.wrong.len()
    );
}
