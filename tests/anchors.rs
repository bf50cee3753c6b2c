//! Figure anchors in every sample's DOCX, read back: no marker inside the text (no content
//! control, no bookmark around a value), one collapsed hidden bookmark at the start of each
//! paragraph holding figures, and a manifest in the custom document properties whose every
//! entry names a figure the document prints, with the text around it as it stands in its
//! paragraph. `tests/anchors_lo.rs` checks in LibreOffice that the anchors change nothing in
//! the layout.

#[path = "common/revisions.rs"]
mod revisions;

use revisions::{Child, El, Resolve, items, parse, part};
use std::path::{Path, PathBuf};
use wengao::document::{Block, Inline, Slot};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every sample's indicator file.
fn samples() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join("data"))
        .expect("data")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    out.sort();
    out
}

/// The figures a document prints (non-empty), in order.
fn printed(doc: &wengao::document::Document) -> usize {
    fn count(inlines: &[Inline]) -> usize {
        inlines
            .iter()
            .map(|i| match i {
                Inline::Figure(f) if !f.text.is_empty() => 1,
                Inline::Strong(inner) => count(inner),
                _ => 0,
            })
            .sum()
    }
    doc.blocks
        .iter()
        .chain(doc.attachments.iter().flat_map(|a| &a.blocks))
        .map(|b| match b {
            Block::Heading(h) => count(&h.content) + h.run_in.as_deref().map_or(0, count),
            Block::Paragraph(p) => count(p),
            Block::Table(t) => t
                .rows
                .iter()
                .flatten()
                .map(|s| match s {
                    Slot::Cell(c) => count(&c.content),
                    Slot::Covered { .. } => 0,
                })
                .sum(),
        })
        .sum()
}

/// The custom properties: name → value.
fn properties(custom: &str) -> Vec<(String, String)> {
    parse(custom)
        .els()
        .map(|p| {
            let value: String = p
                .els()
                .flat_map(|v| v.children.iter())
                .filter_map(|c| match c {
                    Child::Text(t) => Some(t.clone()),
                    Child::El(_) => None,
                })
                .collect();
            (p.attr("name").unwrap_or_default().to_string(), value)
        })
        .collect()
}

/// Every paragraph of the body (table cells included) with the `_fig` bookmark it starts with.
fn anchored_paragraphs(body: &El, out: &mut Vec<(String, String)>) {
    for e in body.els() {
        if e.name == "w:p" {
            let kids: Vec<&El> = e.els().filter(|k| k.name != "w:pPr").collect();
            let text = revisions::lines(&items(
                &El {
                    name: "w:body".into(),
                    attrs: Vec::new(),
                    children: vec![Child::El(e.clone())],
                },
                Resolve::AsIs,
            ))
            .concat();
            let mut marks = Vec::new();
            e.all("w:bookmarkStart", &mut marks);
            for m in &marks {
                let name = m.attr("w:name").unwrap_or_default();
                if name.starts_with("_fig") {
                    // Collapsed, and the first thing after the paragraph's properties.
                    assert_eq!(
                        kids.first().map(|k| k.name.as_str()),
                        Some("w:bookmarkStart"),
                        "{name}"
                    );
                    assert_eq!(
                        kids.get(1).map(|k| k.name.as_str()),
                        Some("w:bookmarkEnd"),
                        "{name}"
                    );
                    assert_eq!(kids[1].attr("w:id"), m.attr("w:id"));
                    out.push((name.to_string(), text.clone()));
                }
            }
        } else {
            anchored_paragraphs(e, out);
        }
    }
}

#[test]
fn every_printed_figure_has_an_entry_found_around_its_text_in_its_paragraph() {
    for yaml in samples() {
        let checked =
            wengao::validate::check_files(std::slice::from_ref(&yaml), &Default::default());
        let report = checked.reports.first().expect("a report");
        let (doc, _) =
            wengao::pipeline::document_for(report, &checked.catalogue, None).expect("document");
        let bytes = wengao::render::docx::render(&doc, &Default::default()).expect("docx");
        assert_eq!(
            bytes,
            wengao::render::docx::render(&doc, &Default::default()).expect("docx"),
            "same bytes"
        );
        let xml = part(&bytes, "word/document.xml");
        assert!(
            !xml.contains("<w:sdt"),
            "{}: no content control",
            yaml.display()
        );
        let props = properties(&part(&bytes, "docProps/custom.xml"));
        assert_eq!(props[0], ("wengao.manifest".into(), "1".into()));
        assert_eq!(props[1].0, "wengao.title");
        assert_eq!(props[1].1, doc.title.replace('\n', " "));
        assert_eq!(props[2].0, "wengao.agency");
        let figures: Vec<serde_json::Value> = props[3..]
            .iter()
            .enumerate()
            .map(|(i, (name, value))| {
                assert_eq!(name, &format!("wengao.fig.{}", i + 1));
                assert!(value.chars().count() <= 255, "{name}: {value}");
                serde_json::from_str(value).expect("a JSON placement")
            })
            .collect();
        assert_eq!(figures.len(), printed(&doc), "{}", yaml.display());
        let mut paragraphs = Vec::new();
        let document = parse(&xml);
        anchored_paragraphs(document.child("w:body").expect("body"), &mut paragraphs);
        for f in &figures {
            let p = f["p"].as_u64().expect("p");
            let (_, text) = paragraphs
                .iter()
                .find(|(n, _)| *n == format!("_fig{p}"))
                .unwrap_or_else(|| panic!("{}: no paragraph _fig{p}", yaml.display()));
            let around = format!(
                "{}{}{}",
                f["b"].as_str().unwrap_or_default(),
                f["text"].as_str().unwrap_or_default(),
                f["a"].as_str().unwrap_or_default()
            );
            assert!(
                text.contains(&around),
                "{}: {around:?} not in {text:?}",
                yaml.display()
            );
            assert!(
                f["call"]
                    .as_str()
                    .is_some_and(|c| c.contains('(') || c.starts_with("disclosure."))
            );
        }
        // Paragraph anchors are numbered 1, 2, 3 … in document order.
        let names: Vec<String> = paragraphs.iter().map(|(n, _)| n.clone()).collect();
        let expected: Vec<String> = (1..=names.len()).map(|i| format!("_fig{i}")).collect();
        assert_eq!(names, expected);
    }
}
