//! Stage 6: writing outputs atomically: a temp file in the target folder, then rename; never a
//! half-written file. [`write_outputs`] writes a run's outputs into the output folder.
//!
//! The pipeline produces every output in memory before this stage runs, so a template error in
//! one file leaves the output folder untouched.

use crate::diagnostic::Diagnostic;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Creates `out_dir` (and its parents) if missing, then writes each `(path, bytes)` atomically,
/// in order. Returns the paths written and the diagnostics of those that failed; when the
/// folder cannot be created nothing is written (`E-WRITE`).
pub fn write_outputs(
    out_dir: &Path,
    outputs: Vec<(PathBuf, Vec<u8>)>,
) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    if let Err(e) = std::fs::create_dir_all(out_dir) {
        let d = Diagnostic::error(
            "E-WRITE",
            format!("无法创建输出目录“{}”（{e}）", out_dir.display()),
        )
        .hint("请检查路径和写权限，或用 -o 指定其他目录");
        return (Vec::new(), vec![d]);
    }
    let mut written = Vec::new();
    let mut failed = Vec::new();
    for (path, bytes) in outputs {
        match write_atomically(&path, &bytes) {
            Ok(()) => written.push(path),
            Err(d) => failed.push(d),
        }
    }
    (written, failed)
}

/// Writes `bytes` to `path` through a temp file in the same folder and a rename.
///
/// A failure (the path is a folder, the folder is not writable, the disk is full) leaves any
/// existing file at `path` untouched and returns a Chinese diagnostic (code `E-WRITE`).
///
/// The written file is readable by others (0644 on Unix), like any document; the temp file is
/// removed when anything fails.
#[allow(clippy::result_large_err)] // Diagnostic is the crate-wide error type
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let shown = path.display().to_string();
    let fail = |what: &str, err: &dyn std::fmt::Display| {
        Diagnostic::error(
            "E-WRITE",
            format!("无法写入输出文件“{shown}”：{what}（{err}）"),
        )
        .hint("请检查输出目录是否存在、是否有写权限、磁盘是否已满，或用 -o 指定其他目录")
    };
    if path.is_dir() {
        return Err(Diagnostic::error(
            "E-WRITE",
            format!("无法写入输出文件“{shown}”：这是一个目录"),
        )
        .hint("请换一个文件名，或删除同名目录后重试"));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".wengao-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| fail("不能在输出目录中创建临时文件", &e))?;
    // No fsync (`sync_all`) before the rename. Readers never see a half-written file: that comes
    // from the rename alone. fsync would only add durability across a power loss, for a file that
    // is regenerated from its inputs in milliseconds; it cost 3–10 ms of waiting on the disk per
    // file (more than the whole render) and on a loaded disk far more.
    tmp.write_all(bytes)
        .and_then(|()| readable_by_others(tmp.as_file()))
        .map_err(|e| fail("写入失败", &e))?;
    tmp.persist(path)
        .map_err(|e| fail("替换目标文件失败", &e.error))?;
    Ok(())
}

/// Temp files are created private (0600); an output is an ordinary document (0644).
#[cfg(unix)]
fn readable_by_others(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

/// Outside Unix, files are readable as created.
#[cfg(not(unix))]
fn readable_by_others(_file: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let p = dir.path().join("a.md");
        write_atomically(&p, b"one").map_err(|d| d.message)?;
        write_atomically(&p, b"two").map_err(|d| d.message)?;
        assert_eq!(std::fs::read(&p)?, b"two");
        assert_eq!(
            std::fs::read_dir(dir.path())?.count(),
            1,
            "no temp file left"
        );
        Ok(())
    }

    #[test]
    fn directory_target_is_refused_in_chinese() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let err = write_atomically(dir.path(), b"x")
            .err()
            .ok_or("expected error")?;
        assert!(err.message.contains("这是一个目录"), "{}", err.message);
        Ok(())
    }
}
