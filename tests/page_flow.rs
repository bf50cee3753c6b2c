//! Page flow in the DOCX XML, on every sample in `data/`: keep-with-next only on headings (never
//! on a paragraph longer than a heading, but for the body's last lines before the sign-off),
//! outline levels only on headings, explicit title breaks, table rows that never split and merged
//! label groups kept on one page.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;
use wengao::document::{HEADING_MAX_CHARS, title::title_lines};
use wengao::pipeline::{Format, RenderOptions, render_files};

type R<T = ()> = Result<T, Box<dyn std::error::Error>>;

const SAMPLES: [&str; 6] = [
    "sanmen-2020",
    "xian-2025-H1",
    "shi-2025-H1",
    "yunxi-2020-summary",
    "yunxi-2020-disclosure",
    "sample-2021-disclosure",
];

/// What page flow needs of one paragraph.
#[derive(Debug, Default, Clone)]
struct Para {
    style: Option<String>,
    keep_next: Option<bool>,
    widow_control: Option<bool>,
    outline: Option<u8>,
    text: String,
    breaks: usize,
    /// Index of the table row holding the paragraph (document order), if any.
    row: Option<usize>,
    empty: bool,
}

/// A style's own keep-with-next and outline level, and its parent.
#[derive(Debug, Default, Clone)]
struct Style {
    based_on: Option<String>,
    keep_next: Option<bool>,
    outline: Option<u8>,
}

struct Rows {
    cant_split: Vec<bool>,
    header: Vec<bool>,
}

fn val(e: &BytesStart) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == "w:val")
        .map(|a| a.value.to_string())
}

fn on(e: &BytesStart) -> bool {
    !matches!(val(e).as_deref(), Some("0" | "false" | "off"))
}

fn styles(xml: &str) -> R<HashMap<String, Style>> {
    let mut out = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<(String, Style)> = None;
    loop {
        match reader.read_event()? {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "w:style" => {
                    let id = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == "w:styleId")
                        .map(|a| a.value.to_string())
                        .unwrap_or_default();
                    current = Some((id, Style::default()));
                }
                "w:basedOn" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.based_on = val(&e);
                    }
                }
                "w:keepNext" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.keep_next = Some(on(&e));
                    }
                }
                "w:outlineLvl" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.outline = val(&e).and_then(|v| v.parse().ok());
                    }
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == "w:style" => {
                if let Some((id, s)) = current.take() {
                    out.insert(id, s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Every paragraph of `document.xml` in order, with the rows of its tables.
fn paragraphs(xml: &str) -> R<(Vec<Para>, Rows)> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut rows = Rows {
        cant_split: Vec::new(),
        header: Vec::new(),
    };
    let mut p: Option<Para> = None;
    let (mut in_ppr, mut in_rpr_of_ppr, mut in_t) = (false, false, false);
    let mut row: Option<usize> = None;
    loop {
        let event = reader.read_event()?;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "w:tr" => {
                    rows.cant_split.push(false);
                    rows.header.push(false);
                    row = Some(rows.cant_split.len() - 1);
                }
                "w:cantSplit" => {
                    if let Some(r) = row {
                        rows.cant_split[r] = on(&e);
                    }
                }
                "w:tblHeader" => {
                    if let Some(r) = row {
                        rows.header[r] = on(&e);
                    }
                }
                "w:p" => {
                    p = Some(Para {
                        row,
                        empty: true,
                        ..Para::default()
                    });
                    if empty {
                        out.extend(p.take());
                    }
                }
                "w:pPr" if !empty => in_ppr = true,
                "w:rPr" if in_ppr && !empty => in_rpr_of_ppr = true,
                "w:pStyle" if in_ppr => {
                    if let Some(p) = p.as_mut() {
                        p.style = val(&e);
                    }
                }
                "w:keepNext" if in_ppr && !in_rpr_of_ppr => {
                    if let Some(p) = p.as_mut() {
                        p.keep_next = Some(on(&e));
                    }
                }
                "w:widowControl" if in_ppr && !in_rpr_of_ppr => {
                    if let Some(p) = p.as_mut() {
                        p.widow_control = Some(on(&e));
                    }
                }
                "w:outlineLvl" if in_ppr => {
                    if let Some(p) = p.as_mut() {
                        p.outline = val(&e).and_then(|v| v.parse().ok());
                    }
                }
                "w:br" => {
                    if let Some(p) = p.as_mut() {
                        p.breaks += 1;
                    }
                }
                "w:t" if !empty => in_t = true,
                _ => {}
            },
            Event::Text(t) if in_t => {
                if let Some(p) = p.as_mut() {
                    p.text.push_str(&t);
                    p.empty = false;
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_t = false,
                "w:rPr" => in_rpr_of_ppr = false,
                "w:pPr" => in_ppr = false,
                "w:p" => out.extend(p.take()),
                "w:tr" => row = None,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((out, rows))
}

/// A style property, following `basedOn`.
fn inherited<T: Copy>(
    styles: &HashMap<String, Style>,
    id: Option<&str>,
    get: fn(&Style) -> Option<T>,
) -> Option<T> {
    let mut id = id.or(Some("Normal"));
    for _ in 0..10 {
        let s = styles.get(id?)?;
        if let Some(v) = get(s) {
            return Some(v);
        }
        id = s.based_on.as_deref();
    }
    None
}

struct Rendered {
    name: String,
    paras: Vec<Para>,
    rows: Rows,
    styles: HashMap<String, Style>,
    title: String,
    /// The XML parts, by name.
    parts: HashMap<String, String>,
}

fn render_samples() -> R<Vec<Rendered>> {
    render_samples_with(false)
}

/// The samples as DOCX; `final_` renders them as final output (a draft nonetheless, so that
/// pending figures do not stop it).
fn render_samples_with(final_: bool) -> R<Vec<Rendered>> {
    let dir = tempfile::tempdir()?;
    let mut options = RenderOptions {
        formats: vec![Format::Docx, Format::Markdown],
        out_dir: dir.path().to_path_buf(),
        draft: true,
        ..RenderOptions::default()
    };
    options.check.final_ = final_;
    let files: Vec<PathBuf> = SAMPLES
        .iter()
        .map(|s| PathBuf::from(format!("data/{s}.yaml")))
        .collect();
    let outcome = render_files(&files, &options);
    if outcome.exit_code != 0 {
        return Err(format!("render failed: exit {}", outcome.exit_code).into());
    }
    let mut out = Vec::new();
    for name in SAMPLES {
        let bytes = std::fs::read(dir.path().join(format!("{name}.docx")))?;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))?;
        let mut parts = HashMap::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i)?;
            let mut s = String::new();
            f.read_to_string(&mut s)?;
            parts.insert(f.name()?.into_owned(), s);
        }
        let part = |n: &str| -> R<&String> { parts.get(n).ok_or_else(|| format!("no {n}").into()) };
        let (paras, rows) = paragraphs(part("word/document.xml")?)?;
        let styles = styles(part("word/styles.xml")?)?;
        let md = std::fs::read_to_string(dir.path().join(format!("{name}.md")))?;
        let title = md
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# "))
            .unwrap_or("")
            .to_string();
        out.push(Rendered {
            name: name.to_string(),
            paras,
            rows,
            styles,
            title,
            parts,
        });
    }
    Ok(out)
}

/// The text of a numbered heading without its number (一、 （一） 1. （1）).
fn without_number(text: &str) -> &str {
    let t = text.trim_start();
    if let Some(rest) = t.strip_prefix('（')
        && let Some(i) = rest.find('）')
    {
        return &rest[i + '）'.len_utf8()..];
    }
    if let Some((i, c)) = t.char_indices().find(|&(_, c)| c == '、' || c == '.')
        && t[..i].chars().count() <= 3
    {
        return &t[i + c.len_utf8()..];
    }
    t
}

#[test]
fn keep_with_next_and_outline_levels_only_on_headings() -> R {
    for doc in render_samples()? {
        let n = &doc.name;
        let body: Vec<&Para> = doc.paras.iter().filter(|p| p.row.is_none()).collect();
        let mut headings = 0;
        for (i, p) in body.iter().enumerate() {
            let keep = p
                .keep_next
                .or_else(|| inherited(&doc.styles, p.style.as_deref(), |s| s.keep_next))
                .unwrap_or(false);
            let outline = p
                .outline
                .or_else(|| inherited(&doc.styles, p.style.as_deref(), |s| s.outline));
            let chars = without_number(&p.text).chars().count();
            if outline.is_some() {
                headings += 1;
                assert!(
                    chars <= HEADING_MAX_CHARS,
                    "{n}: outline level on a {chars}-character paragraph: {}",
                    p.text
                );
                assert!(
                    p.style.as_deref().is_some_and(|s| s.starts_with("Heading")),
                    "{n}: outline level outside a heading style: {}",
                    p.text
                );
            }
            if keep && chars > HEADING_MAX_CHARS {
                // Only the body's last paragraph, tied to the sign-off (7.3.5): with widow control,
                // so that at most its last two lines go with the 落款.
                let closing = body[i + 1..]
                    .iter()
                    .find(|q| !q.empty)
                    .is_some_and(|q| q.text.starts_with("附件：") || q.keep_next == Some(true));
                assert!(
                    closing && p.widow_control == Some(true),
                    "{n}: keep-with-next on a {chars}-character paragraph: {}",
                    p.text
                );
            }
        }
        assert!(headings > 0, "{n}: no headings at all");
    }
    Ok(())
}

#[test]
fn title_breaks_are_explicit() -> R {
    for doc in render_samples()? {
        let title = doc
            .paras
            .iter()
            .find(|p| p.style.as_deref() == Some("Title"))
            .ok_or("no title")?;
        let lines = title_lines(&doc.title);
        assert_eq!(title.text, lines.concat(), "{}", doc.name);
        assert_eq!(title.breaks + 1, lines.len(), "{}: {lines:?}", doc.name);
        assert!(
            lines.len() >= 2,
            "{}: every sample title is two lines",
            doc.name
        );
    }
    Ok(())
}

#[test]
fn table_rows_never_split_and_merged_groups_stay_together() -> R {
    let mut kept_rows = 0;
    for doc in render_samples()? {
        let n = &doc.name;
        for (r, cant) in doc.rows.cant_split.iter().enumerate() {
            assert!(cant, "{n}: table row {r} may split across pages");
        }
        // A row whose paragraphs keep with the next is inside a merged label group.
        for r in 0..doc.rows.cant_split.len() {
            let keeps: Vec<bool> = doc
                .paras
                .iter()
                .filter(|p| p.row == Some(r))
                .map(|p| p.keep_next == Some(true))
                .collect();
            assert!(
                keeps.iter().all(|&k| k) || keeps.iter().all(|&k| !k),
                "{n}: row {r} keeps only some of its cells with the next row"
            );
            if keeps.first() == Some(&true) {
                kept_rows += 1;
            }
        }
        assert!(doc.rows.header.iter().filter(|&&h| h).count() <= doc.rows.header.len());
    }
    // 表三 of the two disclosure samples: (三) 8 rows, (四) 3, (五) 5, (六) 1 or 3 → at least
    // 2 × (7 + 2 + 4) kept rows.
    assert!(kept_rows >= 26, "{kept_rows} kept rows");
    Ok(())
}

/// The samples' tables are 仿宋 throughout (heads too); a head too long for its column is broken
/// into balanced words: 表四's "结果维持" as 结果 / 维持.
#[test]
fn table_text_is_fangsong_and_heads_break_between_words() -> R {
    let docs = render_samples()?;
    let yunxi = docs
        .iter()
        .find(|d| d.name == "yunxi-2020-disclosure")
        .ok_or("no yunxi")?;
    let xml = &yunxi.parts["word/document.xml"];
    for table in xml.split("<w:tbl>").skip(1) {
        let table = table.split("</w:tbl>").next().unwrap_or("");
        for font in table.split("w:eastAsia=\"").skip(1) {
            let font = font.split('"').next().unwrap_or("");
            assert_eq!(font, "仿宋_GB2312", "a table run in {font}");
        }
    }
    assert!(xml.contains(">结果</w:t><w:br/><w:t xml:space=\"preserve\">维持<"));
    assert!(!xml.contains(">结果维</w:t>"));
    Ok(())
}

/// Pending figures (XX) are highlighted in a draft's DOCX and never in final output; the
/// document's author and last editor are the agency of the sign-off.
#[test]
fn pending_figures_are_highlighted_in_drafts_only_and_the_agency_is_the_author() -> R {
    // The text of a run, and whether it is highlighted.
    let runs = |docs: &[Rendered]| -> R<Vec<(String, bool)>> {
        let shi = docs
            .iter()
            .find(|d| d.name == "shi-2025-H1")
            .ok_or("no shi")?;
        let xml = &shi.parts["word/document.xml"];
        Ok(xml
            .split("<w:r>")
            .skip(1)
            .map(|r| {
                let text = r
                    .split("<w:t xml:space=\"preserve\">")
                    .skip(1)
                    .filter_map(|t| t.split("</w:t>").next())
                    .collect::<String>();
                (text, r.contains("<w:highlight w:val=\"yellow\"/>"))
            })
            .collect())
    };
    // A pending figure prints as XX (with its unit); "XX市医疗保障局" is the agency's name.
    let pending = |t: &str| t.starts_with("XX") && !t.contains('局');
    let drafts = render_samples()?;
    let draft_runs = runs(&drafts)?;
    assert!(draft_runs.iter().filter(|(t, _)| pending(t)).count() >= 20);
    for (text, marked) in &draft_runs {
        assert_eq!(*marked, pending(text), "run {text:?}");
    }
    assert!(
        runs(&render_samples_with(true)?)?
            .iter()
            .all(|(_, marked)| !marked)
    );
    for d in &drafts {
        let core = &d.parts["docProps/core.xml"];
        assert!(!core.contains("wengao"), "{}: {core}", d.name);
        let creator = core
            .split("<dc:creator>")
            .nth(1)
            .and_then(|c| c.split('<').next())
            .ok_or("no creator")?;
        assert!(
            creator.ends_with("局") || creator.ends_with("中心"),
            "{creator}"
        );
        assert!(core.contains(&format!("<cp:lastModifiedBy>{creator}</cp:lastModifiedBy>")));
    }
    Ok(())
}

/// The turned page number of a landscape page carries a VML fallback for Word 2007, as Word
/// writes it: the shape is the choice requiring `wps`, the VML text box the fallback, both
/// holding the PAGE field.
#[test]
fn landscape_page_numbers_have_a_vml_fallback() -> R {
    let docs = render_samples()?;
    let yunxi = docs
        .iter()
        .find(|d| d.name == "yunxi-2020-disclosure")
        .ok_or("no yunxi")?;
    for name in ["word/footer3.xml", "word/footer4.xml"] {
        let f = yunxi.parts.get(name).ok_or(name)?;
        let choice = f
            .split("<mc:Choice Requires=\"wps\">")
            .nth(1)
            .and_then(|c| c.split("</mc:Choice>").next())
            .ok_or("no choice")?;
        let fallback = f
            .split("<mc:Fallback>")
            .nth(1)
            .and_then(|c| c.split("</mc:Fallback>").next())
            .ok_or("no fallback")?;
        assert!(choice.contains("<wps:wsp>") && choice.contains(" PAGE "));
        assert!(fallback.starts_with("<w:pict>"));
        assert!(fallback.contains("<v:textbox style=\"layout-flow:vertical\""));
        assert!(fallback.contains(" PAGE ") && !fallback.contains("wps:"));
        assert!(
            f.contains("xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"")
        );
    }
    Ok(())
}
