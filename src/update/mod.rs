//! `wengao update EDITED.docx NEW.yaml -o OUT.docx`: new figures into a draft a writer has
//! edited, as tracked changes, leaving everything the writer did as it is.
//!
//! 1. The edited DOCX is read through the package layer; wengao's manifest (custom document
//!    properties, see [`crate::render::docx::anchor`]) says which figures were written where.
//! 2. The new indicator file goes through check → compose → document like `render`
//!    (`diff::prepare`); each figure's call (`fig(key=…)`, `yoy(…)`) gives its new text.
//! 3. Each placement of the manifest is looked for in the edited text (`locate`); a figure whose
//!    text changed is replaced at every place it was found (`revise`): `w:del` + `w:ins` with
//!    the author and date, keeping the run's formatting. Figures the writer retyped by hand are
//!    conflicts (left alone unless `--force`); figures not found and new figures with no place in
//!    the draft are reported.
//! 4. `document.xml` and the manifest are the only parts rewritten, by splicing: every other
//!    byte of every part stays as the writer's word processor saved it. The result is written
//!    atomically to OUT, never over the edited file.
//!
//! Exit codes: 0 every change applied; 1 conflicts, changed figures not found, or new figures
//! without a place (the output is written all the same); 2 nothing written (bad input).

mod locate;
mod manifest;
mod outcome;
pub mod report;
mod revise;

use crate::diagnostic::{Diagnostic, EXIT_INPUT, Location};
use crate::diff::{self, DiffOptions};
use crate::document::{Block, Document, FigureRef, Inline, Slot};
use crate::package::Package;
use crate::render::docx::anchor::MANIFEST_VERSION;
use crate::source::SourceFile;
use crate::validate::CheckOptions;
use crate::wordml::{self, Tree};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use locate::How;
pub use outcome::{Change, Conflict, Missing, Report, Unplaced};

/// What `update` does.
#[derive(Debug, Clone, Default)]
pub struct UpdateOptions {
    /// `-o OUT.docx`: where the updated draft goes (never the edited file).
    pub output: PathBuf,
    /// `--author`: the author of the tracked changes (default `wengao`).
    pub author: String,
    /// `--date`: the date of the tracked changes (`2025-03-01` or `2025-03-01T09:00:00Z`);
    /// `None`: now.
    pub date: Option<String>,
    /// `--force`: replace figures the writer retyped too.
    pub force: bool,
    /// `--templates DIR`.
    pub templates: Option<PathBuf>,
    /// `--catalogue`.
    pub catalogues: Vec<PathBuf>,
}

/// The most text (characters) a draft may have: each figure is looked for in all of it, so the
/// work grows with text × figures. Real reports have 20 000 – 100 000 characters.
const MAX_CHARS: usize = 4_000_000;
/// The most manifest entries read (a disclosure report has about 200).
const MAX_PLACEMENTS: usize = 10_000;

/// Why nothing was written: the diagnostics, the files read (for snippets), exit code 2.
#[derive(Debug, Default)]
pub struct Failure {
    /// The errors.
    pub diagnostics: Vec<Diagnostic>,
    /// The files read, for snippets.
    pub sources: Vec<SourceFile>,
}

/// A failure with one diagnostic.
fn fail(d: Diagnostic) -> Failure {
    Failure {
        diagnostics: vec![d],
        sources: Vec::new(),
    }
}

/// An `E-UPDATE-…` error about file `file`.
fn error(code: &str, file: &Path, message: String, hint: &str) -> Diagnostic {
    Diagnostic::error(code, message)
        .at(Location::new(file.display().to_string(), 0, 0))
        .hint(hint)
}

/// Runs `update`: reads both inputs, writes OUT, returns the report (its exit code is 0 or 1);
/// on bad input nothing is written and the failure says why (exit 2).
pub fn update_file(edited: &Path, new: &Path, options: &UpdateOptions) -> Result<Report, Failure> {
    let shown = edited.display().to_string();
    if same_file(edited, &options.output) {
        return Err(fail(error(
            "E-UPDATE-SAME-FILE",
            &options.output,
            format!("输出文件 {} 就是改过的文稿本身", options.output.display()),
            "update 从不改动原稿；请用 -o 另给一个文件名，例如 稿-更新.docx",
        )));
    }
    let date = match &options.date {
        Some(d) => parse_date(d).ok_or_else(|| {
            fail(
                Diagnostic::error("E-UPDATE-DATE", format!("修订日期“{d}”无法识别"))
                    .hint("请写成 2025-03-01 或 2025-03-01T09:00:00Z（UTC）"),
            )
        })?,
        None => now(),
    };
    let bytes = std::fs::read(edited).map_err(|e| {
        fail(error(
            "E-UPDATE-READ",
            edited,
            format!("无法读取文稿 {shown}（{e}）"),
            "请检查文件路径和读取权限",
        ))
    })?;
    let package = Package::read_docx(&shown, &bytes).map_err(fail)?;
    let properties = manifest::read(&package)
        .filter(manifest::Properties::is_wengao)
        .ok_or_else(|| {
            fail(error(
                "E-UPDATE-NOT-WENGAO",
                edited,
                format!("文稿 {shown} 不是 wengao 生成的（没有 wengao 的指标清单），无法按指标更新"),
                "只有 wengao render 生成（之后可在 Word、WPS 中修改）的 DOCX 才能更新；其他文稿请先用 wengao import 转成指标文件",
            ))
        })?;
    if properties.version() != Some(MANIFEST_VERSION) {
        return Err(fail(error(
            "E-UPDATE-VERSION",
            edited,
            format!(
                "文稿 {shown} 的指标清单是另一版本的 wengao 写的（格式 {}）",
                properties.version().unwrap_or("?")
            ),
            "请用生成这份文稿的 wengao 版本更新，或重新生成文稿",
        )));
    }
    let (manifest, numbers) = properties.manifest();

    let mut failure = diff::Failure::default();
    let diff_options = DiffOptions {
        templates: options.templates.clone(),
        check: CheckOptions {
            final_: false,
            catalogues: options.catalogues.clone(),
            ..CheckOptions::default()
        },
    };
    let Some(side) = diff::prepare(new, &diff_options, &mut failure) else {
        return Err(Failure {
            diagnostics: failure.diagnostics,
            sources: failure.sources,
        });
    };
    same_report(&manifest, &side.document, edited, new)?;

    let main = package.main_document().map_err(fail)?;
    let broken = |what: String| {
        fail(error(
            "E-DOCX-BROKEN",
            edited,
            format!("文件 {shown} 已损坏，无法读取（{what}）"),
            "请用 Word 或 WPS 打开后重新保存，或重新下载、复制这个文件",
        ))
    };
    let xml = String::from_utf8(package.part(&main).unwrap_or_default().to_vec())
        .map_err(|_| broken(format!("{main} 不是 UTF-8")))?;
    let tree = Tree::parse(&xml).map_err(|e| broken(format!("{main}：{e}")))?;
    let tables = wordml::tables(&tree, &xml);
    let paragraphs = wordml::paragraphs(&tree, &xml, &tables);
    let chars: usize = paragraphs.iter().map(|p| p.text.len()).sum();
    if chars > MAX_CHARS || manifest.placements.len() > MAX_PLACEMENTS {
        return Err(fail(error(
            "E-UPDATE-TOO-LARGE",
            edited,
            format!(
                "文稿 {shown} 太大，无法逐个查找数字（正文 {chars} 字、清单 {} 条；上限 {MAX_CHARS} 字、{MAX_PLACEMENTS} 条）",
                manifest.placements.len()
            ),
            "wengao 生成的报告远小于这个上限；请确认给的是报告本身",
        )));
    }
    let headings = outcome::heading_levels(&package);

    let printed = new_texts(&side.document);
    let stamp = revise::Stamp {
        author: if options.author.is_empty() {
            "wengao".to_string()
        } else {
            options.author.clone()
        },
        date,
    };
    let plan = outcome::Plan {
        tree: &tree,
        paragraphs: &paragraphs,
        tables: &tables,
        headings: &headings,
        manifest: &manifest,
        numbers: &numbers,
        printed: &printed,
        force: options.force,
    };
    let (mut report, edits, refreshed) = plan.run();
    let document = revise::Reviser::new(&xml, &tree, &stamp).apply(&paragraphs, &edits);

    let mut out = package.clone();
    out.set_part(main, document);
    out.set_part(
        properties.part.clone(),
        properties.with_placements(&refreshed),
    );
    let bytes = out.to_bytes().map_err(fail)?;
    crate::write::write_atomically(&options.output, &bytes).map_err(fail)?;
    report.output = options.output.display().to_string();
    report.author = stamp.author;
    report.date = stamp.date;
    Ok(report)
}

/// Refuses an indicator file of another report: the agency and title the draft was written for
/// must be those the new data gives.
fn same_report(
    manifest: &crate::render::docx::anchor::Manifest,
    doc: &Document,
    edited: &Path,
    new: &Path,
) -> Result<(), Failure> {
    let title = doc.title.replace('\n', " ");
    let agency = doc
        .sign_off
        .as_ref()
        .map(|s| s.agency.clone())
        .unwrap_or_default();
    let differs = |a: &str, b: &str| !a.is_empty() && a != b;
    if differs(&manifest.agency, &agency) || differs(&manifest.title, &title) {
        let what = if differs(&manifest.agency, &agency) {
            format!("文稿是“{}”的，指标文件是“{agency}”的", manifest.agency)
        } else {
            format!("文稿是《{}》，指标文件生成的是《{title}》", manifest.title)
        };
        return Err(fail(
            Diagnostic::error(
                "E-UPDATE-OTHER-REPORT",
                format!(
                    "指标文件 {} 不是文稿 {} 这份报告的：{what}",
                    new.display(),
                    edited.display()
                ),
            )
            .at(Location::new(new.display().to_string(), 0, 0))
            .hint("请给出这份文稿对应的指标文件（同一机关、同一期、同一类报告）；若只是改了 meta.title，请先改回原标题再更新"),
        ));
    }
    Ok(())
}

/// Whether `a` and `b` name the same file (`b` may not exist yet).
fn same_file(a: &Path, b: &Path) -> bool {
    let canon = |p: &Path| -> Option<PathBuf> {
        if let Ok(c) = p.canonicalize() {
            return Some(c);
        }
        let parent = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.canonicalize().ok()?,
            _ => std::env::current_dir().ok()?,
        };
        Some(parent.join(p.file_name()?))
    };
    matches!((canon(a), canon(b)), (Some(x), Some(y)) if x == y)
}

/// Every figure the new document prints, by call: (text, key, name). The first printing wins
/// (a call always prints the same text from the same data).
fn new_texts(doc: &Document) -> BTreeMap<String, FigureRef> {
    let mut out = BTreeMap::new();
    let mut visit = |inlines: &[Inline]| collect(inlines, &mut out);
    let blocks = doc
        .blocks
        .iter()
        .chain(doc.attachments.iter().flat_map(|a| &a.blocks));
    for b in blocks {
        match b {
            Block::Heading(h) => {
                visit(&h.content);
                if let Some(r) = &h.run_in {
                    visit(r);
                }
            }
            Block::Paragraph(p) => visit(p),
            Block::Table(t) => {
                for slot in t.rows.iter().flatten() {
                    if let Slot::Cell(c) = slot {
                        visit(&c.content);
                    }
                }
            }
        }
    }
    out
}

/// Adds the figures of `inlines` to `out`.
fn collect(inlines: &[Inline], out: &mut BTreeMap<String, FigureRef>) {
    for i in inlines {
        match i {
            Inline::Figure(f) if !f.text.is_empty() => {
                out.entry(f.anchor.clone()).or_insert_with(|| f.clone());
            }
            Inline::Strong(inner) => collect(inner, out),
            _ => {}
        }
    }
}

/// `2025-03-01` (midnight UTC) or `2025-03-01T09:00:00Z` / `2025-03-01T09:00` as the
/// `w:date` value `2025-03-01T09:00:00Z`; `None` for anything else or a date that does not exist.
pub fn parse_date(text: &str) -> Option<String> {
    let t = text.trim().trim_end_matches('Z');
    let (day, time) = t.split_once(['T', ' ']).unwrap_or((t, "00:00:00"));
    let d: Vec<u32> = day
        .split('-')
        .map(|x| x.parse().ok())
        .collect::<Option<_>>()?;
    let h: Vec<u32> = time
        .split(':')
        .map(|x| x.parse().ok())
        .collect::<Option<_>>()?;
    let [y, m, dd] = d[..] else { return None };
    let (hh, mm, ss) = match h[..] {
        [hh, mm] => (hh, mm, 0),
        [hh, mm, ss] => (hh, mm, ss),
        _ => return None,
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let valid = (1900..=9999).contains(&y)
        && (1..=12).contains(&m)
        && dd >= 1
        && dd <= days[(m - 1) as usize]
        && hh < 24
        && mm < 60
        && ss < 60;
    valid.then(|| format!("{y:04}-{m:02}-{dd:02}T{hh:02}:{mm:02}:{ss:02}Z"))
}

/// The current time, UTC, as a `w:date` value.
pub fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rest = secs % 86_400;
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// The exit code of a report: 0 when every change was applied, else 1.
pub fn exit_code(report: &Report) -> u8 {
    if report.complete() { 0 } else { 1 }
}

/// Exit code 2, for callers printing a [`Failure`].
pub const EXIT_FAILURE: u8 = EXIT_INPUT;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_and_written_in_utc_form() {
        assert_eq!(
            parse_date("2025-03-01").as_deref(),
            Some("2025-03-01T00:00:00Z")
        );
        assert_eq!(
            parse_date("2025-03-01T09:05:07Z").as_deref(),
            Some("2025-03-01T09:05:07Z")
        );
        assert_eq!(
            parse_date("2024-02-29 08:30").as_deref(),
            Some("2024-02-29T08:30:00Z")
        );
        assert_eq!(parse_date("2025-02-29"), None);
        assert_eq!(parse_date("2025-13-01"), None);
        assert_eq!(parse_date("昨天"), None);
        let now = now();
        assert!(parse_date(&now).is_some(), "{now}");
    }
}
