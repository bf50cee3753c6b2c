//! `wengao import FILE... -o DIR`: read each file, build its indicator file and template, and
//! write both (never over an existing file without `--force`; nothing written if any input
//! fails). The summary of each import is returned for printing.

use super::assemble::{AssembleOptions, Imported, assemble};
use super::read::{self, DocxReader};
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
    /// The file imported.
    pub input: PathBuf,
    /// Where the indicator file goes.
    pub yaml_path: PathBuf,
    /// Where the template goes.
    pub template_path: PathBuf,
    /// What the import produced.
    pub imported: Imported,
    /// The input's format.
    pub format: read::Format,
}

/// The outcome of a run.
#[derive(Debug, Default)]
pub struct ImportRun {
    /// The files imported and written.
    pub files: Vec<ImportedFile>,
    /// Errors and warnings.
    pub diagnostics: Diagnostics,
    /// Paths written.
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

/// Imports every file and writes the outputs of each one that imported; an input that cannot
/// be read, or whose outputs exist (without `--force`) or clash with another input's, writes
/// nothing. Exit code 2 when any input failed.
pub fn import_files(paths: &[PathBuf], options: &ImportOptions, docx: &DocxReader) -> ImportRun {
    let mut run = ImportRun::default();
    let (catalogue, ds) = Catalogue::builtin();
    run.diagnostics.extend(ds.items);
    let mut imported = Vec::new();
    for p in paths {
        match import_one(p, &options.out_dir, options.period, &catalogue, docx) {
            Ok((f, warnings)) => {
                run.diagnostics.extend(warnings);
                imported.push(f);
            }
            Err(d) => {
                run.diagnostics.push(d);
                run.exit_code = 2;
            }
        }
    }
    let refuse = |p: &Path, code: &str, message: String, hint: &str| {
        Diagnostic::error(code, message)
            .at(Location::new(p.display().to_string(), 0, 0))
            .hint(hint)
    };
    let mut claimed: Vec<PathBuf> = Vec::new();
    for f in imported {
        let outputs = [f.yaml_path.clone(), f.template_path.clone()];
        let mut problems = Vec::new();
        for p in &outputs {
            if claimed.contains(p) {
                problems.push(refuse(
                    p,
                    "E-OUTPUT-CLASH",
                    format!(
                        "两个输入都要写 {}（{} 未导入）",
                        p.display(),
                        f.input.display()
                    ),
                    "同名的输入（如 a/总结.docx 和 b/总结.txt）请分两次导入到不同目录",
                ));
            } else if !options.force && p.exists() {
                problems.push(refuse(
                    p,
                    "E-OUTPUT-EXISTS",
                    format!(
                        "{} 已存在，没有覆盖（{} 未导入）",
                        p.display(),
                        f.input.display()
                    ),
                    "换一个输出目录（-o），或加 --force 覆盖",
                ));
            }
        }
        claimed.extend(outputs.iter().cloned());
        if !problems.is_empty() {
            run.diagnostics.extend(problems);
            run.exit_code = 2;
            continue;
        }
        if let Err(e) = std::fs::create_dir_all(&options.out_dir) {
            run.diagnostics.push(refuse(
                &options.out_dir,
                "E-WRITE",
                format!("无法创建目录 {}：{e}", options.out_dir.display()),
                "请检查输出目录的路径和权限",
            ));
            run.exit_code = 2;
            return run;
        }
        // Both outputs as one set: all of them replaced, or none (the old files stay).
        let mut set = crate::write::OutputSet::new();
        let staged = outputs
            .iter()
            .zip([&f.imported.yaml, &f.imported.template])
            .try_for_each(|(p, text)| set.stage(p, text.as_bytes()));
        let written = match staged.and_then(|()| set.commit()) {
            Ok(written) => written,
            Err(d) => {
                run.diagnostics.push(d);
                run.exit_code = 2;
                continue;
            }
        };
        run.written.extend(written);
        run.files.push(f);
    }
    run
}
