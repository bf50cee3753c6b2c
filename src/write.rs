//! Stage 6: writing outputs atomically: a temp file in the target folder, then rename; never a
//! half-written file. [`OutputSet`] does this for the md/html/docx of one input together: every
//! output is staged first and the set replaces the old files all or not at all;
//! [`write_outputs`] writes a set into an output folder.

use crate::diagnostic::Diagnostic;
use std::io::Write;
use std::path::{Path, PathBuf};
use tempfile::TempPath;

/// Creates `out_dir` (and its parents) if missing, then writes `outputs` as one [`OutputSet`]:
/// all of them or, on any failure, none (the old files stay). Returns the paths written and
/// the problems (`E-WRITE`).
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
    let mut set = OutputSet::new();
    for (path, bytes) in outputs {
        if let Err(d) = set.stage(&path, &bytes) {
            return (Vec::new(), vec![d]);
        }
    }
    match set.commit() {
        Ok(written) => (written, Vec::new()),
        Err(d) => (Vec::new(), vec![d]),
    }
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

/// The outputs of one input (its md, html and docx), staged as temp files beside their targets
/// and then made visible together by [`OutputSet::commit`].
///
/// Dropping a set without committing removes its temp files.
#[derive(Debug, Default)]
pub struct OutputSet {
    staged: Vec<(PathBuf, TempPath)>,
}

/// File names longer than this many bytes are refused before anything is replaced (the common
/// limit of Linux, macOS and Windows file systems).
const MAX_NAME_BYTES: usize = 255;

fn write_error(target: &Path, what: &str) -> Diagnostic {
    Diagnostic::error(
        "E-WRITE",
        format!("无法写入输出文件“{}”：{what}", target.display()),
    )
    .hint("请检查输出目录是否存在、是否有写权限、磁盘是否已满，或用 -o 指定其他目录；这一组输出都没有替换")
}

impl OutputSet {
    /// An empty set.
    pub fn new() -> OutputSet {
        OutputSet::default()
    }

    /// The targets staged so far, in order.
    pub fn targets(&self) -> impl Iterator<Item = &Path> {
        self.staged.iter().map(|(t, _)| t.as_path())
    }

    /// Writes `bytes` to a temp file in `target`'s folder, to replace `target` on commit.
    pub fn stage(&mut self, target: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let mut tmp = tempfile::Builder::new()
            .prefix(".wengao-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| write_error(target, &format!("不能在输出目录中创建临时文件（{e}）")))?;
        tmp.write_all(bytes)
            .and_then(|()| readable_by_others(tmp.as_file()))
            .map_err(|e| write_error(target, &format!("写入失败（{e}）")))?;
        self.staged
            .push((target.to_path_buf(), tmp.into_temp_path()));
        Ok(())
    }

    /// Replaces every target with its staged file. Checks first that no target is a directory,
    /// read-only, locked by another program or too long a name; should a replacement still fail,
    /// the targets already replaced get their old contents back. Either way no temp file is left.
    /// Returns the targets, in order.
    pub fn commit(self) -> Result<Vec<PathBuf>, Diagnostic> {
        self.commit_with(|from, to| std::fs::rename(from, to))
    }

    fn commit_with(
        self,
        rename: impl Fn(&Path, &Path) -> std::io::Result<()>,
    ) -> Result<Vec<PathBuf>, Diagnostic> {
        for (target, _) in &self.staged {
            precheck(target)?;
        }
        // Old contents kept under a temp name (a hard link, else a copy) until the set is in.
        // Not for the last target: when its rename fails it has not been replaced, so its
        // backup would never be read. A one-file set makes none: ~5 % of a DOCX render that
        // replaces an older one went to making and removing it.
        let last = self.staged.len().saturating_sub(1);
        let mut backups: Vec<Option<TempPath>> = Vec::new();
        for (target, _) in &self.staged[..last] {
            backups.push(if target.is_file() {
                backup(target)
            } else {
                None
            });
        }
        let mut done: Vec<PathBuf> = Vec::new();
        for (target, staged) in &self.staged {
            if let Err(e) = rename(staged, target) {
                // Only targets before this one were replaced, and each of those has its slot.
                for (replaced, backup) in done.iter().zip(&backups) {
                    match backup {
                        Some(old) => {
                            let _ = std::fs::rename(old, replaced);
                        }
                        None => {
                            let _ = std::fs::remove_file(replaced);
                        }
                    }
                }
                let what = if target.is_dir() {
                    "这是一个目录".to_string()
                } else {
                    format!("替换目标文件失败（{e}）")
                };
                return Err(write_error(target, &what));
            }
            done.push(target.clone());
        }
        // The staged files are now the targets: forget their temp paths without deleting.
        for (_, staged) in self.staged {
            let _ = staged.keep();
        }
        Ok(done)
    }
}

/// Problems found before anything is replaced.
fn precheck(target: &Path) -> Result<(), Diagnostic> {
    if target
        .file_name()
        .is_some_and(|n| n.as_encoded_bytes().len() > MAX_NAME_BYTES)
    {
        return Err(write_error(target, "文件名太长"));
    }
    let Ok(meta) = std::fs::metadata(target) else {
        return Ok(());
    };
    if meta.is_dir() {
        return Err(write_error(target, "这是一个目录"));
    }
    if !meta.is_file() {
        return Err(write_error(target, "这不是普通文件（设备、管道等）"));
    }
    if meta.permissions().readonly() {
        return Err(write_error(target, "文件是只读的")
            .hint("请先去掉这个文件的只读属性（或换一个输出目录）；这一组输出都没有替换"));
    }
    // On Windows a document open in Word or WPS cannot be opened for writing.
    if let Err(e) = std::fs::OpenOptions::new().append(true).open(target) {
        return Err(write_error(
            target,
            &format!("文件打不开（{e}），可能正被其他程序（如 WPS、Word）打开"),
        )
        .hint("请关闭打开这个文件的程序后重试；这一组输出都没有替换"));
    }
    Ok(())
}

/// A second name for `target`'s current contents, in the same folder.
fn backup(target: &Path) -> Option<TempPath> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut backup = tempfile::Builder::new();
    backup.prefix(".wengao-old-");
    // A hard link to the target under a fresh temp name (no copy, no empty file made first);
    // a copy where links are not supported (FAT, some network shares).
    if let Ok(linked) = backup.make_in(dir, |name| std::fs::hard_link(target, name)) {
        return Some(linked.into_temp_path());
    }
    let tmp = backup.tempfile_in(dir).ok()?.into_temp_path();
    std::fs::copy(target, &tmp).ok()?;
    Some(tmp)
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

    fn names(dir: &Path) -> Result<Vec<String>, std::io::Error> {
        let mut n: Vec<String> = std::fs::read_dir(dir)?
            .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect::<Result<_, _>>()?;
        n.sort();
        Ok(n)
    }

    #[test]
    fn a_set_replaces_all_its_files() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let (md, html) = (dir.path().join("a.md"), dir.path().join("a.html"));
        std::fs::write(&md, "old md")?;
        let mut set = OutputSet::new();
        set.stage(&md, b"new md").map_err(|d| d.message)?;
        set.stage(&html, b"new html").map_err(|d| d.message)?;
        assert_eq!(
            std::fs::read(&md)?,
            b"old md",
            "nothing visible before commit"
        );
        set.commit().map_err(|d| d.message)?;
        assert_eq!(std::fs::read(&md)?, b"new md");
        assert_eq!(std::fs::read(&html)?, b"new html");
        assert_eq!(names(dir.path())?, vec!["a.html", "a.md"]);
        Ok(())
    }

    /// A replacement that fails half way (a disk error, a file locked on Windows) puts back what
    /// was already replaced and leaves no temp file.
    #[test]
    fn a_failure_half_way_restores_the_set() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let (md, html, docx) = (
            dir.path().join("a.md"),
            dir.path().join("a.html"),
            dir.path().join("a.docx"),
        );
        std::fs::write(&html, "old html")?;
        let mut set = OutputSet::new();
        set.stage(&md, b"new md").map_err(|d| d.message)?;
        set.stage(&html, b"new html").map_err(|d| d.message)?;
        set.stage(&docx, b"new docx").map_err(|d| d.message)?;
        let err = set
            .commit_with(|from, to| {
                if to.extension().is_some_and(|e| e == "docx") {
                    Err(std::io::Error::other("磁盘错误"))
                } else {
                    std::fs::rename(from, to)
                }
            })
            .err()
            .ok_or("expected a failure")?;
        assert!(err.message.contains("a.docx"), "{}", err.message);
        assert_eq!(std::fs::read(&html)?, b"old html", "put back");
        assert!(!md.exists(), "a file that was not there is removed again");
        assert_eq!(
            names(dir.path())?,
            vec!["a.html"],
            "no temp or backup file left"
        );
        Ok(())
    }

    /// The folder's backup names (`.wengao-old-…`) at this moment.
    fn backups_in(dir: &Path) -> usize {
        names(dir).map_or(0, |n| {
            n.iter().filter(|n| n.starts_with(".wengao-old-")).count()
        })
    }

    /// Every target but the last is backed up (the last is never replaced when its own rename
    /// fails): a one-file set makes no backup; a failing last target keeps its old contents and
    /// the others get theirs back.
    #[test]
    fn the_last_target_needs_no_backup() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let (md, docx) = (dir.path().join("a.md"), dir.path().join("a.docx"));
        std::fs::write(&md, "old md")?;
        std::fs::write(&docx, "old docx")?;

        let mut one = OutputSet::new();
        one.stage(&docx, b"new docx").map_err(|d| d.message)?;
        let seen = std::cell::Cell::new(usize::MAX);
        one.commit_with(|from, to| {
            seen.set(backups_in(dir.path()));
            std::fs::rename(from, to)
        })
        .map_err(|d| d.message)?;
        assert_eq!(seen.get(), 0, "a one-file set backs nothing up");
        assert_eq!(std::fs::read(&docx)?, b"new docx");

        let mut two = OutputSet::new();
        two.stage(&md, b"new md").map_err(|d| d.message)?;
        two.stage(&docx, b"newer docx").map_err(|d| d.message)?;
        let seen_at_last = std::cell::Cell::new(usize::MAX);
        let err = two
            .commit_with(|from, to| {
                if to == docx.as_path() {
                    seen_at_last.set(backups_in(dir.path()));
                    Err(std::io::Error::other("磁盘错误"))
                } else {
                    std::fs::rename(from, to)
                }
            })
            .err()
            .ok_or("expected a failure")?;
        assert!(err.message.contains("a.docx"), "{}", err.message);
        assert_eq!(seen_at_last.get(), 1, "only a.md is backed up");
        assert_eq!(std::fs::read(&md)?, b"old md", "put back");
        assert_eq!(std::fs::read(&docx)?, b"new docx", "never replaced");
        assert_eq!(names(dir.path())?, vec!["a.docx", "a.md"]);
        Ok(())
    }

    #[test]
    fn read_only_and_directory_targets_stop_the_set_before_anything_changes()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let (md, docx) = (dir.path().join("a.md"), dir.path().join("a.docx"));
        std::fs::write(&md, "old md")?;
        std::fs::write(&docx, "old docx")?;
        let mut ro = std::fs::metadata(&docx)?.permissions();
        ro.set_readonly(true);
        std::fs::set_permissions(&docx, ro)?;
        let mut set = OutputSet::new();
        set.stage(&md, b"new md").map_err(|d| d.message)?;
        set.stage(&docx, b"new docx").map_err(|d| d.message)?;
        let err = set.commit().err().ok_or("read-only target must fail")?;
        assert!(err.message.ends_with("文件是只读的"), "{}", err.message);
        assert_eq!(std::fs::read(&md)?, b"old md");
        assert_eq!(names(dir.path())?, vec!["a.docx", "a.md"]);

        std::fs::create_dir(dir.path().join("b.docx"))?;
        let mut set = OutputSet::new();
        set.stage(&dir.path().join("b.md"), b"md")
            .map_err(|d| d.message)?;
        set.stage(&dir.path().join("b.docx"), b"docx")
            .map_err(|d| d.message)?;
        let err = set.commit().err().ok_or("directory target must fail")?;
        assert!(err.message.ends_with("这是一个目录"), "{}", err.message);
        assert_eq!(names(dir.path())?, vec!["a.docx", "a.md", "b.docx"]);
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
