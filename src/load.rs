//! Stage 1: read the indicator files (bytes → text → YAML) into [`LoadedFile`]s, every value
//! with its file:line:column, and merge the catalogues they use ([`load_files`]).
//!
//! Format: see README.md, section “指标文件”. Loading reports every problem it can in one pass
//! (meta fields, each figure); only YAML syntax errors stop a file early.
//!
//! What loading does not do: judge the figures. A loaded file holds what was written (exact
//! decimals, pending `XX`, the disclosure part as written); whether a figure is known, in range
//! or consistent, and the completed [`crate::model::Report`], are the validate stage's work.
//!
//! - [`load_files`]: one run's catalogues and files, in order.
//! - `file`: one file's text → [`LoadedFile`] (raw YAML shape, figures, `previous_file`).
//! - `meta`: the `meta:` part, each field checked on its own.

mod file;
mod meta;
pub use meta::parse_period;
mod value;

use crate::catalogue::{Catalogue, InlineCatalogue};
use crate::diagnostic::{Diagnostics, Location};
use crate::disclosure::DisclosureInput;
use crate::model::{Figure, Meta};
use crate::source::{self, SourceFile};
use file::load_source_in;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One indicator file after loading, before validation. `meta` is `None` when it has errors.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    /// The file as the user named it (used in every location).
    pub file: String,
    /// The checked meta; `None` when a required field is missing or wrong (the file then yields
    /// no report, but its figures are still checked).
    pub meta: Option<Meta>,
    /// Where `meta.period` was written (for cross-file messages).
    pub meta_location: Option<Location>,
    /// The figures written under `figures:` that have a value or are pending (a value that is not
    /// a number was reported and left out).
    pub figures: BTreeMap<String, Figure>,
    /// Where each figure's key was written (for unknown-key messages).
    pub key_locations: BTreeMap<String, Location>,
    /// Previous-period figures (`previous:`, or the figures of `previous_file:`).
    pub previous: BTreeMap<String, Figure>,
    /// Where each previous-period key was written.
    pub previous_key_locations: BTreeMap<String, Location>,
    /// `meta.catalogue`, resolved against the file's folder.
    pub catalogue: Option<PathBuf>,
    /// The `disclosure:` part as written; turned into tables by [`crate::disclosure`].
    pub disclosure: Option<DisclosureInput>,
    /// Where the `disclosure:` key was written.
    pub disclosure_location: Option<Location>,
    /// The units, figures and relations the file declares under `catalogue:`; [`load_files`]
    /// takes it out when it merges it into the run's catalogue (after every catalogue file).
    pub inline_catalogue: Option<InlineCatalogue>,
}

/// Everything the load stage read for one run: the catalogue (built-in, `--catalogue` files and
/// each file's `meta.catalogue`, merged in that order), the indicator files in the order given,
/// every source read (for snippets) and the problems found while reading.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The indicator files that could be read, in the order given (a file whose YAML does not
    /// parse is left out; its diagnostics say why).
    pub files: Vec<LoadedFile>,
    /// Every file read: indicator files, previous-period files, catalogues.
    pub sources: Vec<SourceFile>,
    /// Problems found while reading and parsing, unsorted.
    pub diagnostics: Diagnostics,
    /// The merged catalogue, not yet verified (that is validation's job).
    pub catalogue: Catalogue,
}

/// Loads the catalogues and the indicator files of one run: the built-in catalogue, then each
/// of `catalogues` (`--catalogue`), then each of `paths` with its `previous_file`, then each
/// file's own `meta.catalogue`, then each file's inline `catalogue:`. A catalogue or an
/// indicator file named twice (by any path) is read once (a repeated indicator file gets
/// `W-FILE-REPEATED`). Never panics on user input; every problem becomes a diagnostic.
pub fn load_files(paths: &[PathBuf], catalogues: &[PathBuf]) -> Loaded {
    let mut merged: Vec<PathBuf> = Vec::new();
    let catalogue_files: Vec<&PathBuf> = catalogues
        .iter()
        .filter(|p| first_time(p, &mut merged))
        .collect();
    // The built-in and `--catalogue` catalogues load beside the indicator files when they are
    // large enough for a thread to pay; results are joined in the documented order.
    let catalogue_bytes: u64 = catalogue_files
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let (mut loaded, files_part) = std::thread::scope(|s| {
        let catalogues = (catalogue_bytes >= PARALLEL_BYTES).then(|| {
            s.spawn(|| {
                let mut part = Loaded::default();
                builtin_and(&mut part, &catalogue_files);
                part
            })
        });
        let mut files = Loaded::default();
        read_files(&mut files, paths);
        let catalogue_part = match catalogues.map(|h| h.join()) {
            Some(Ok(part)) => part,
            // No catalogue file to overlap with (or the thread failed, which user input cannot
            // cause): the built-in catalogue loads here.
            _ => {
                let mut part = Loaded::default();
                builtin_and(&mut part, &catalogue_files);
                part
            }
        };
        (catalogue_part, files)
    });
    loaded.sources.extend(files_part.sources);
    loaded.diagnostics.extend(files_part.diagnostics.items);
    loaded.files = files_part.files;
    merge_own_catalogues(&mut loaded, &mut merged);
    loaded
}

/// The part of a run every file shares: the built-in catalogue with `catalogues` (`--catalogue`)
/// merged in, the catalogue files read and their problems; no indicator file yet.
pub fn load_catalogues(catalogues: &[PathBuf]) -> Loaded {
    let mut merged: Vec<PathBuf> = Vec::new();
    let files: Vec<&PathBuf> = catalogues
        .iter()
        .filter(|p| first_time(p, &mut merged))
        .collect();
    let mut loaded = Loaded::default();
    builtin_and(&mut loaded, &files);
    loaded
}

/// Loads `paths` on their own against `base` (what [`load_catalogues`] gave for `catalogues`):
/// a batch loads each file this way, so that a file's `meta.catalogue` applies to that file only
/// and the shared catalogues are read once per run. The result holds only this load's sources
/// and problems.
pub fn load_files_onto(base: &Catalogue, catalogues: &[PathBuf], paths: &[PathBuf]) -> Loaded {
    let mut loaded = Loaded {
        catalogue: base.clone(),
        ..Loaded::default()
    };
    let mut merged: Vec<PathBuf> = Vec::new();
    for c in catalogues {
        first_time(c, &mut merged);
    }
    read_files(&mut loaded, paths);
    merge_own_catalogues(&mut loaded, &mut merged);
    loaded
}

/// Reads each of `paths` once (a repeat gets `W-FILE-REPEATED`) into `loaded`.
fn read_files(loaded: &mut Loaded, paths: &[PathBuf]) {
    let mut seen: Vec<PathBuf> = Vec::new();
    for p in paths {
        if !first_time(p, &mut seen) {
            loaded.diagnostics.push(repeated_file(p));
            continue;
        }
        let (sources, file, ds) = load_path(p);
        loaded.sources.extend(sources);
        loaded.diagnostics.extend(ds.items);
        loaded.files.extend(file);
    }
}

/// Merges the loaded files' own catalogues (`meta.catalogue`, except those in `merged`), then
/// their inline `catalogue:` sections.
fn merge_own_catalogues(loaded: &mut Loaded, merged: &mut Vec<PathBuf>) {
    let own: Vec<PathBuf> = loaded
        .files
        .iter()
        .filter_map(|f| f.catalogue.clone())
        .collect();
    for c in &own {
        if first_time(c, merged) {
            merge_catalogue(loaded, c);
        }
    }
    for f in &mut loaded.files {
        if let Some(inline) = f.inline_catalogue.take() {
            let ds = loaded.catalogue.merge_inline(inline);
            loaded.diagnostics.extend(ds.items);
        }
    }
}

/// User catalogues of at least this many bytes load on a thread of their own.
const PARALLEL_BYTES: u64 = 100 * 1024;

/// The built-in catalogue, then each of `files` merged into `part`.
fn builtin_and(part: &mut Loaded, files: &[&PathBuf]) {
    let (catalogue, ds) = Catalogue::builtin();
    part.catalogue = catalogue;
    part.diagnostics.extend(ds.items);
    for p in files {
        merge_catalogue(part, p);
    }
}

/// Whether `path` names a file not named before (as recorded in `seen`, by canonical path, so
/// `a.yaml` and `./a.yaml` are one file); records it.
pub(crate) fn first_time(path: &Path, seen: &mut Vec<PathBuf>) -> bool {
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if seen.contains(&canonical) {
        return false;
    }
    seen.push(canonical);
    true
}

/// `W-FILE-REPEATED`: the same indicator file given twice, read once.
pub(crate) fn repeated_file(path: &Path) -> crate::diagnostic::Diagnostic {
    let name = path.display().to_string();
    crate::diagnostic::Diagnostic::warning(
        "W-FILE-REPEATED",
        format!("文件 {name} 给了不止一次，只读取一次"),
    )
    .at(Location::new(name, 0, 0))
    .hint("命令行里同一个文件写了两遍（或通配符重复匹配）；删去重复的一个即可")
}

/// Merges the catalogue at `path`.
fn merge_catalogue(loaded: &mut Loaded, path: &Path) {
    let (src, ds) = loaded.catalogue.merge_file(path);
    loaded.sources.extend(src);
    loaded.diagnostics.extend(ds.items);
}

/// Reads, decodes and loads `path` (and its `previous_file`, if any).
/// Returns every source read (for snippets), the loaded file if it parsed, and diagnostics.
///
/// `previous_file` and `meta.catalogue` are resolved against the file's folder, so a set of
/// files moves together. A file that cannot be read gives one `E-FILE-…` error and no file.
pub fn load_path(path: &Path) -> (Vec<SourceFile>, Option<LoadedFile>, Diagnostics) {
    let mut ds = Diagnostics::default();
    let (src, warnings) = match source::read(path) {
        Ok(x) => x,
        Err(d) => {
            ds.push(d);
            return (Vec::new(), None, ds);
        }
    };
    ds.extend(warnings);
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let (loaded, more, mut sources) = load_source_in(&src, Some(&base));
    ds.extend(more.items);
    sources.insert(0, src);
    (sources, loaded, ds)
}

/// Loads already-decoded text; `previous_file` is not followed (used by fuzzing and tests).
pub fn load_source(src: &SourceFile) -> (Option<LoadedFile>, Diagnostics) {
    let (loaded, ds, _) = load_source_in(src, None);
    (loaded, ds)
}

/// Loads indicator text given as bytes (decoding included); for fuzzing and tools.
pub fn load_bytes(
    name: &str,
    bytes: &[u8],
) -> (Option<SourceFile>, Option<LoadedFile>, Diagnostics) {
    let mut ds = Diagnostics::default();
    match source::decode(name, bytes) {
        Ok((src, w)) => {
            ds.extend(w);
            let (l, more) = load_source(&src);
            ds.extend(more.items);
            (Some(src), l, ds)
        }
        Err(d) => {
            ds.push(d);
            (None, None, ds)
        }
    }
}
