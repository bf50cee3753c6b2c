//! `wengao redline OLD.yaml NEW.yaml -o DIR`: the new version as a DOCX with every change since
//! the old version as tracked changes, and the same as an HTML page with `<ins>`/`<del>`.
//!
//! Both files go through check → compose → document → DOCX exactly as `render` takes them
//! (`diff::prepare`, [`crate::render::docx::render`]); the two `document.xml` bodies are
//! read back (`body`) and aligned (`align`): paragraphs and tables, then sentences, then
//! words (`diff`'s words: numbers whole). The DOCX (`docx`) is the new document's package with
//! its body replaced by the redline, so Accept All gives exactly what `render NEW` gives (the
//! same paragraphs, runs, numbering and tables, and the new manifest of figure anchors) and
//! Reject All gives the old document's text, numbering and tables.
//!
//! Outputs: `DIR/<NEW 的文件名>.redline.docx` and `.redline.html`, both made in memory, then
//! written atomically. Exit codes as `diff`: 0 written, 1 errors in the data, 2 unreadable files,
//! template or output errors.

mod align;
mod body;
mod docx;
mod html;

use crate::diagnostic::{Diagnostic, EXIT_INPUT};
use crate::diff::{self, DiffOptions};
use crate::package::Package;
use crate::render::docx::{DocxOptions, render};
use crate::source::SourceFile;
use crate::validate::CheckOptions;
use crate::wordml::Tree;
use std::path::{Path, PathBuf};

pub use align::Op;

/// What `redline` does.
#[derive(Debug, Clone, Default)]
pub struct RedlineOptions {
    /// `-o DIR` (created if missing).
    pub out_dir: PathBuf,
    /// The author of the revisions (default `wengao`).
    pub author: String,
    /// Their date, already in `w:date` form (`2025-03-01T09:00:00Z`).
    pub date: String,
    /// `--templates DIR`, for both files.
    pub templates: Option<PathBuf>,
    /// `--catalogue`.
    pub catalogues: Vec<PathBuf>,
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// The DOCX and the HTML page.
    pub files: Vec<PathBuf>,
    /// How many revisions the DOCX has.
    pub revisions: usize,
    /// Paragraphs inserted, deleted and changed (table cells included), and table rows
    /// inserted and deleted.
    pub counts: Counts,
}

/// How much changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Paragraphs only in the new version.
    pub inserted: usize,
    /// Paragraphs only in the old version.
    pub deleted: usize,
    /// Paragraphs in both with different text.
    pub changed: usize,
    /// Table rows inserted or deleted.
    pub rows: usize,
}

/// Why nothing was written: diagnostics, the files read, the exit code (1 or 2).
#[derive(Debug, Default)]
pub struct Failure {
    /// The errors.
    pub diagnostics: Vec<Diagnostic>,
    /// The files read, for snippets.
    pub sources: Vec<SourceFile>,
    /// 1 errors in the data, 2 file, template or output errors.
    pub exit_code: u8,
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Failure {
        Failure {
            diagnostics: vec![d],
            sources: Vec::new(),
            exit_code: EXIT_INPUT,
        }
    }
}

/// The internal error of reading back a document wengao has just written.
fn internal(what: String) -> Diagnostic {
    Diagnostic::error(
        "E-REDLINE-INTERNAL",
        format!("无法读回刚生成的文稿（{what}）"),
    )
    .hint("这是 wengao 的问题，不是指标文件的错；请把两个指标文件和这条信息报告给维护者")
}

/// The rendered DOCX of one side: its package and `document.xml`.
fn rendered(doc: &crate::document::Document) -> Result<(Package, String), Failure> {
    let bytes = render(doc, &DocxOptions::default())?;
    let package = Package::read_docx("", &bytes)?;
    let xml = package
        .part("word/document.xml")
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .ok_or_else(|| internal("没有 word/document.xml".to_string()))?;
    Ok((package, xml))
}

/// Counts what changed.
fn count(outs: &[align::Out<'_>]) -> Counts {
    use align::{Out, ParaOut, RowOut};
    let mut c = Counts::default();
    let para = |p: &ParaOut<'_>, c: &mut Counts| match p {
        ParaOut::Inserted(p) if !p.text().is_empty() => c.inserted += 1,
        ParaOut::Deleted(p) if !p.text().is_empty() => c.deleted += 1,
        ParaOut::Changed(..) => c.changed += 1,
        _ => {}
    };
    for o in outs {
        match o {
            Out::Para(p) => para(p, &mut c),
            Out::Table(_, rows) => {
                for r in rows {
                    match r {
                        RowOut::Kept(_, cells) => {
                            for cell in cells {
                                for p in &cell.paras {
                                    para(p, &mut c);
                                }
                            }
                        }
                        _ => c.rows += 1,
                    }
                }
            }
            Out::InsertedTable(t) | Out::DeletedTable(t) => c.rows += t.rows.len(),
            Out::Separator => {}
        }
    }
    c
}

/// `DIR/<stem of NEW>.redline.<ext>`.
fn output(dir: &Path, new: &Path, ext: &str) -> PathBuf {
    let name = new
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "redline".to_string());
    let stem = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
        .unwrap_or(&name);
    dir.join(format!("{stem}.redline.{ext}"))
}

/// Runs `redline`: both files checked and rendered, the redline made and written.
pub fn redline_files(old: &Path, new: &Path, options: &RedlineOptions) -> Result<Written, Failure> {
    let mut failure = diff::Failure::default();
    let diff_options = DiffOptions {
        templates: options.templates.clone(),
        check: CheckOptions {
            final_: false,
            catalogues: options.catalogues.clone(),
            ..CheckOptions::default()
        },
    };
    let old_side = diff::prepare(old, &diff_options, &mut failure);
    let new_side = diff::prepare(new, &diff_options, &mut failure);
    let (Some(old_side), Some(new_side)) = (old_side, new_side) else {
        return Err(Failure {
            diagnostics: failure.diagnostics,
            sources: failure.sources,
            exit_code: failure.exit_code.max(1),
        });
    };
    let (_, old_xml) = rendered(&old_side.document)?;
    let (mut package, new_xml) = rendered(&new_side.document)?;
    let old_body = body::read(&old_xml).map_err(internal)?;
    let new_body = body::read(&new_xml).map_err(internal)?;
    let outs = align::bodies(&old_body, &new_body);
    let next_id = Tree::parse(&new_xml).map_err(internal)?.max_id() + 1;
    let mut marks = docx::Marks {
        author: if options.author.is_empty() {
            "wengao".to_string()
        } else {
            options.author.clone()
        },
        date: options.date.clone(),
        next_id,
        count: 0,
    };
    package.set_part(
        "word/document.xml",
        docx::document(&new_body, &outs, &mut marks),
    );
    let docx_bytes = package.to_bytes()?;
    let title = new_side.document.title.replace('\n', "");
    let page = html::page(
        &title,
        &old.display().to_string(),
        &new.display().to_string(),
        &outs,
    );
    let outputs = vec![
        (output(&options.out_dir, new, "docx"), docx_bytes),
        (output(&options.out_dir, new, "html"), page.into_bytes()),
    ];
    let (files, problems) = crate::write::write_outputs(&options.out_dir, outputs);
    if !problems.is_empty() {
        return Err(Failure {
            diagnostics: problems,
            sources: Vec::new(),
            exit_code: EXIT_INPUT,
        });
    }
    Ok(Written {
        files,
        revisions: marks.count,
        counts: count(&outs),
    })
}
