//! `wengao import FILE... -o DIR`: read each file, build its indicator file and template, and
//! write both (never over an existing file without `--force`; nothing written if any input
//! fails). The summary of each import is returned for printing.

use super::assemble::{AssembleOptions, Imported, assemble};
use super::blocks::SourceBlock;
use super::read;
use crate::catalogue::Catalogue;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::model::Period;
use std::path::{Path, PathBuf};

/// What `import` does.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// `-o DIR`: created if missing.
    pub out_dir: PathBuf,
    /// `--force`: replace existing outputs.
    pub force: bool,
    /// `--period`: instead of the guessed period.
    pub period: Option<Period>,
}

/// One imported file.
#[derive(Debug, Clone)]
pub struct ImportedFile {
    pub input: PathBuf,
    pub yaml_path: PathBuf,
    pub template_path: PathBuf,
    pub imported: Imported,
    pub format: read::Format,
}

/// The outcome of a run.
#[derive(Debug, Default)]
pub struct ImportRun {
    pub files: Vec<ImportedFile>,
    pub diagnostics: Diagnostics,
    pub written: Vec<PathBuf>,
    /// 0 written, 2 an input could not be read or an output exists or could not be written.
    pub exit_code: u8,
}

/// The aliases of the catalogue's figures as (alias, key) pairs.
pub fn aliases(catalogue: &Catalogue) -> Vec<(String, String)> {
    catalogue
        .figures
        .values()
        .flat_map(|d| d.aliases.iter().map(|a| (a.clone(), d.key.clone())))
        .collect()
}

/// Reads a DOCX package (plugged in by the DOCX reader).
pub type DocxReader = dyn Fn(&str, &[u8]) -> Result<Vec<SourceBlock>, Diagnostic>;

/// Imports one file in memory (nothing written).
pub fn import_one(
    path: &Path,
    out_dir: &Path,
    period: Option<Period>,
    catalogue: &Catalogue,
    docx: &DocxReader,
) -> Result<(ImportedFile, Vec<Diagnostic>), Diagnostic> {
    let input = read::read(path, docx)?;
    let name = path.display().to_string();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "imported".to_string());
    let template_name = format!("{stem}.md.tera");
    let options = AssembleOptions { period };
    let source_name = path
        .file_name()
        .map_or(name.clone(), |n| n.to_string_lossy().to_string());
    let imported = assemble(
        &input.blocks,
        &source_name,
        &template_name,
        catalogue,
        &aliases(catalogue),
        &options,
    )
    .ok_or_else(|| {
        Diagnostic::error(
            "E-IMPORT-PERIOD",
            format!("{name} 里找不到报告的年份，无法确定期间"),
        )
        .at(Location::new(name.clone(), 0, 0))
        .hint("用 --period 指定，例如 --period 2024 或 --period 2025-H1")
    })?;
    Ok((
        ImportedFile {
            input: path.to_path_buf(),
            yaml_path: out_dir.join(format!("{stem}.yaml")),
            template_path: out_dir.join(template_name),
            imported,
            format: input.format,
        },
        input.warnings,
    ))
}

/// Imports every file, then writes all outputs (or none).
pub fn import_files(paths: &[PathBuf], options: &ImportOptions, docx: &DocxReader) -> ImportRun {
    let mut run = ImportRun::default();
    let (catalogue, ds) = Catalogue::builtin();
    run.diagnostics.extend(ds.items);
    for p in paths {
        match import_one(p, &options.out_dir, options.period, &catalogue, docx) {
            Ok((f, warnings)) => {
                run.diagnostics.extend(warnings);
                run.files.push(f);
            }
            Err(d) => run.diagnostics.push(d),
        }
    }
    let mut outputs: Vec<(PathBuf, &str)> = Vec::new();
    for f in &run.files {
        outputs.push((f.yaml_path.clone(), &f.imported.yaml));
        outputs.push((f.template_path.clone(), &f.imported.template));
    }
    let mut clash = Vec::new();
    for (i, (p, _)) in outputs.iter().enumerate() {
        if outputs[..i].iter().any(|(q, _)| q == p) {
            clash.push(
                Diagnostic::error("E-OUTPUT-CLASH", format!("两个输入都要写 {}", p.display()))
                    .at(Location::new(p.display().to_string(), 0, 0))
                    .hint("同名的输入（如 a/总结.docx 和 b/总结.txt）请分两次导入到不同目录"),
            );
        } else if !options.force && p.exists() {
            clash.push(
                Diagnostic::error(
                    "E-OUTPUT-EXISTS",
                    format!("{} 已存在，没有覆盖", p.display()),
                )
                .at(Location::new(p.display().to_string(), 0, 0))
                .hint("换一个输出目录（-o），或加 --force 覆盖"),
            );
        }
    }
    run.diagnostics.extend(clash);
    if run.diagnostics.items.iter().any(Diagnostic::is_error) {
        run.exit_code = 2;
        return run;
    }
    if let Err(e) = std::fs::create_dir_all(&options.out_dir) {
        run.diagnostics.push(
            Diagnostic::error(
                "E-WRITE",
                format!("无法创建目录 {}：{e}", options.out_dir.display()),
            )
            .at(Location::new(options.out_dir.display().to_string(), 0, 0))
            .hint("请检查输出目录的路径和权限"),
        );
        run.exit_code = 2;
        return run;
    }
    for (p, text) in outputs {
        match crate::write::write_atomically(&p, text.as_bytes()) {
            Ok(()) => run.written.push(p),
            Err(d) => {
                run.diagnostics.push(d);
                run.exit_code = 2;
                return run;
            }
        }
    }
    run
}
