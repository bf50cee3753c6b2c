//! The template sets a run renders with: read once, parsed once, shared by every report and
//! every worker thread.
//!
//! [`Templates`] holds the sources (shipped, `--templates DIR`, each report's own narrative and
//! what it includes, read through [`crate::sandbox`]) and a cache of parsed sets. A parsed set
//! is one `tera::Tera` with wengao's functions registered once (they find the report through a
//! per-thread slot, see `functions`), keyed by the exact templates in it, so reports sharing a
//! narrative share one parse however many there are and whichever thread renders them.
//!
//! Only what a report reaches is parsed: the templates named (by quoted name, transitively)
//! from its main template, and of the shipped summary sections (`sections/<block>.md.tera`,
//! each included by the block of that name in `base.md.tera`) only those whose figures the
//! report has and whose block the report's own templates do not replace. Any other section is
//! added empty. That cannot change the output: a section mentions its figures as
//! `figures.<key>` and prints nothing when none of them is present (a test renders every
//! section without figures), and a replaced block is never rendered. [`Templates::whole`]
//! turns the selection off, for batches: every reached template parsed once for all files.

pub(super) use super::loaded::Loaded;
use super::shipped::{SHIPPED, sections, shipped};
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{Report, ReportKind};
use crate::sandbox::{self, Named, Roots};
use crate::source::SourceFile;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// A string argument of a call in a template: (argument, value, where the value is written).
pub(super) type KeyArgument = (String, String, Location);

/// A parsed set of templates, ready to render any number of reports.
pub(super) struct Parsed {
    /// The parsed templates, wengao's functions registered.
    pub tera: tera::Tera,
    /// The template rendered.
    pub main: String,
    /// Every template in the set by Tera name (sections left out are not here).
    pub sources: BTreeMap<String, Arc<Loaded>>,
    /// Calls in the users' templates with figure keys written literally (`fig(key="…")` …):
    /// (function, [(argument, key, place)]). Read once per set, checked for every report.
    pub literal_keys: Vec<(String, Vec<KeyArgument>)>,
    /// Keys the set prints directly as `figures.<key>.value`.
    pub printed_values: BTreeSet<String>,
}

/// The templates a parsed set holds: (name, source identity, parsed in full).
type SetKey = Vec<(String, usize, bool)>;
/// One cache slot: filled once by whichever thread gets there first.
type Slot = Arc<OnceLock<Result<Arc<Parsed>, Diagnostic>>>;

/// The template sources of a run and the sets parsed from them; `Send + Sync`, built once per
/// run and shared (by reference) by every report and worker thread.
pub struct Templates {
    /// `--templates DIR`.
    dir: Option<PathBuf>,
    /// The templates under `--templates DIR`, read when the run starts.
    dir_sources: Vec<Arc<Loaded>>,
    /// Parse every shipped section (batches) instead of only those a report reaches.
    whole: bool,
    /// The users' templates read so far, by canonical path (each file read once).
    users: Mutex<BTreeMap<PathBuf, Arc<Loaded>>>,
    /// The parsed sets, the most recently used kept (see [`KEPT_SETS`]).
    parsed: Mutex<RecentSets>,
}

/// How many parsed sets a run keeps. A batch whose files each have their own template (1,000
/// offices, 1,000 copies) would otherwise hold every parsed set to the end: about 2 MB each.
const KEPT_SETS: usize = 16;

/// How many users' templates a run keeps read (for the reports that share them and for the
/// snippets of their diagnostics).
const KEPT_USER_TEMPLATES: usize = 64;

/// Parsed sets by key, with the order they were last asked for (least recent first).
#[derive(Default)]
struct RecentSets {
    sets: BTreeMap<SetKey, Slot>,
    recent: std::collections::VecDeque<SetKey>,
}

impl RecentSets {
    /// The slot of `key` (a new, empty one if it is not kept), now the most recent; the least
    /// recent set is dropped when more than [`KEPT_SETS`] are kept (reports rendering with it
    /// keep their own reference).
    fn slot(&mut self, key: &SetKey) -> Slot {
        if let Some(i) = self.recent.iter().position(|k| k == key) {
            if let Some(k) = self.recent.remove(i) {
                self.recent.push_back(k);
            }
        } else {
            self.recent.push_back(key.clone());
            if self.recent.len() > KEPT_SETS
                && let Some(old) = self.recent.pop_front()
            {
                self.sets.remove(&old);
            }
        }
        Arc::clone(self.sets.entry(key.clone()).or_default())
    }
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("dir", &self.dir)
            .field("whole", &self.whole)
            .finish_non_exhaustive()
    }
}

impl Default for Templates {
    /// The shipped templates only.
    fn default() -> Templates {
        Templates {
            dir: None,
            dir_sources: Vec::new(),
            whole: false,
            users: Mutex::new(BTreeMap::new()),
            parsed: Mutex::new(RecentSets::default()),
        }
    }
}

impl Templates {
    /// The shipped templates plus every `*.tera` under `dir` (`--templates`), which replace
    /// shipped ones of the same name. Errors: `E-TEMPLATE-DIR` when `dir` cannot be read, and
    /// a template under it that breaks the sandbox rules (special file, too large, not UTF-8).
    pub fn new(dir: Option<&Path>) -> Result<Templates, Diagnostic> {
        let dir_sources = match dir {
            Some(d) => read_dir_templates(d)?,
            None => Vec::new(),
        };
        Ok(Templates {
            dir: dir.map(Path::to_path_buf),
            dir_sources,
            ..Templates::default()
        })
    }

    /// Parses every reached template in full, so that one parse serves every report of a batch
    /// whatever figures each has (the output is the same either way).
    pub fn whole(mut self) -> Templates {
        self.whole = true;
        self
    }

    /// How many template sets have been parsed so far (each once, whoever asked first).
    #[cfg(test)]
    pub(crate) fn parsed_sets(&self) -> usize {
        self.parsed
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .sets
            .values()
            .filter(|slot| slot.get().is_some())
            .count()
    }

    /// The text of a template by the path shown in diagnostics (for source snippets).
    pub fn source(&self, shown: &str) -> Option<SourceFile> {
        let users = self.users.lock().unwrap_or_else(PoisonError::into_inner);
        shipped()
            .iter()
            .chain(&self.dir_sources)
            .chain(users.values())
            .find(|s| s.shown == shown)
            .map(|s| SourceFile::new(s.shown.clone(), s.text.clone()))
    }

    /// The parsed set for `report`: its main template and everything that reaches, parsed
    /// once for all reports that need the same set.
    pub(super) fn set_for(&self, report: &Report) -> Result<Arc<Parsed>, Diagnostic> {
        let roots = Roots::of_file(Path::new(&report.file)).with_templates(self.dir.as_deref());
        let mut available: BTreeMap<String, Arc<Loaded>> = shipped()
            .iter()
            .chain(&self.dir_sources)
            .map(|s| (s.name.clone(), Arc::clone(s)))
            .collect();
        let main = match (&report.meta.template, &report.meta.template_location) {
            (Some(written), at) => {
                let at = at
                    .clone()
                    .unwrap_or_else(|| Location::new(report.file.clone(), 0, 0));
                let s = self.user(
                    &written.to_string_lossy(),
                    Named::Template,
                    &at,
                    &roots,
                    None,
                )?;
                let name = s.name.clone();
                available.insert(name.clone(), s);
                name
            }
            (None, _) => shipped_main(report),
        };
        if !available.contains_key(&main) {
            return Err(
                Diagnostic::error("E-TEMPLATE-MISSING", format!("找不到模板“{main}”"))
                    .hint("请检查 meta.template，或用 --templates 提供这个模板"),
            );
        }
        let reached = self.reach(&main, &mut available, &roots)?;
        let key = self.set_key(report, &reached);
        let slot = self
            .parsed
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .slot(&key);
        slot.get_or_init(|| parse(&main, &reached, &key).map(Arc::new))
            .clone()
    }

    /// A user's template through the sandbox (read once per file), named by its shown path or
    /// by `name` (a name it is included by).
    fn user(
        &self,
        written: &str,
        named: Named,
        at: &Location,
        roots: &Roots,
        name: Option<&str>,
    ) -> Result<Arc<Loaded>, Diagnostic> {
        let opened = sandbox::open(written, named, at, roots)?;
        let name = name.map_or_else(|| opened.shown.clone(), str::to_string);
        let mut users = self.users.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(s) = users.get(&opened.canonical)
            && s.name == name
        {
            return Ok(Arc::clone(s));
        }
        let text = String::from_utf8(opened.bytes).map_err(|_| {
            Diagnostic::error(
                "E-TEMPLATE-READ",
                format!("模板“{}”不是 UTF-8 编码", opened.shown),
            )
            .at(at.clone())
            .hint("请把模板另存为 UTF-8（记事本“另存为”时编码选 UTF-8）")
        })?;
        let text = without_bom(text);
        let s = Loaded::new(name, opened.shown, text, false);
        // Kept for the run's later reports and snippets, but not without bound: a batch of
        // files each with its own template would hold them all.
        if users.len() >= KEPT_USER_TEMPLATES {
            users.pop_first();
        }
        users.insert(opened.canonical, Arc::clone(&s));
        Ok(s)
    }

    /// `main` and every template it names (by quoted name, transitively). A name no source has,
    /// quoted in a user's template, is read through the sandbox relative to the indicator
    /// file's folder; errors point at the name in the template that quotes it.
    fn reach(
        &self,
        main: &str,
        available: &mut BTreeMap<String, Arc<Loaded>>,
        roots: &Roots,
    ) -> Result<BTreeMap<String, Arc<Loaded>>, Diagnostic> {
        let mut reached = BTreeMap::new();
        let mut queue = vec![main.to_string()];
        while let Some(name) = queue.pop() {
            let Some(s) = available.get(&name).cloned() else {
                continue;
            };
            if reached.insert(name, Arc::clone(&s)).is_some() {
                continue;
            }
            for (referenced, offset) in s.references().to_vec() {
                if !available.contains_key(&referenced) && !s.shipped {
                    let at = s.location(offset);
                    let loaded = self
                        .user(&referenced, Named::Included, &at, roots, Some(&referenced))
                        .map_err(|d| missing_reference(d, &s.shown, &referenced, available))?;
                    available.insert(referenced.clone(), loaded);
                }
                if !reached.contains_key(&referenced) {
                    queue.push(referenced);
                }
            }
        }
        Ok(reached)
    }

    /// Which templates of `reached` are parsed in full for `report` (see the module
    /// documentation), as the set's cache key.
    fn set_key(&self, report: &Report, reached: &BTreeMap<String, Arc<Loaded>>) -> SetKey {
        let users: Vec<&Arc<Loaded>> = reached.values().filter(|s| !s.shipped).collect();
        let mut replaced = BTreeSet::new();
        let mut quoted = BTreeSet::new();
        for s in &users {
            replaced.extend(
                s.blocks()
                    .iter()
                    .filter(|b| !b.calls_super)
                    .map(|b| b.name.clone()),
            );
            quoted.extend(s.references().iter().map(|r| r.0.clone()));
        }
        let base_is_users = reached.get("base.md.tera").is_some_and(|b| !b.shipped);
        reached
            .values()
            .map(|s| {
                let full = match sections().get(&s.name) {
                    Some(section) if s.shipped && !self.whole && !base_is_users => {
                        quoted.contains(&s.name)
                            || (!replaced.contains(&section.block)
                                && !section.parents.iter().any(|p| replaced.contains(p))
                                && section.reached_by(&report.figures))
                    }
                    _ => true,
                };
                (s.name.clone(), s.id, full)
            })
            .collect()
    }
}

/// A template named in `{% include %}`/`{% extends %}` that does not exist: said as such, with
/// the closest template wengao has (a typo of a shipped name is the common case). Other
/// refusals of the sandbox pass through.
fn missing_reference(
    d: Diagnostic,
    from: &str,
    name: &str,
    available: &BTreeMap<String, Arc<Loaded>>,
) -> Diagnostic {
    if d.code != "E-TEMPLATE-MISSING" {
        return d;
    }
    let closest = available
        .keys()
        .filter(|n| !n.starts_with("sections/"))
        .map(|n| (strsim::normalized_damerau_levenshtein(name, n), n))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n.clone());
    let shipped: Vec<&str> = SHIPPED
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| !n.starts_with("sections/"))
        .collect();
    let list = format!(
        "内置模板有：{}；自己的模板放在指标文件所在目录，按相对路径引用",
        shipped.join("、")
    );
    let hint = match closest {
        Some(c) => format!("是不是“{c}”？{list}"),
        None => list,
    };
    Diagnostic::error(
        "E-TEMPLATE-MISSING",
        format!("模板“{from}”引用的模板“{name}”不存在"),
    )
    .at_opt(d.location)
    .hint(hint)
}

/// The shipped template for the report's kind.
fn shipped_main(report: &Report) -> String {
    match report.meta.kind {
        ReportKind::Annual => "annual.md.tera".to_string(),
        ReportKind::HalfYear => "half-year.md.tera".to_string(),
        ReportKind::Disclosure => format!(
            "disclosure-{}.md.tera",
            report
                .disclosure
                .as_ref()
                .map_or_else(
                    || crate::model::FormatId::for_year(report.meta.period.year()),
                    |d| d.format
                )
                .as_str()
        ),
    }
}

/// Parses a set: every template with its hooks, sections left out added empty.
fn parse(
    main: &str,
    reached: &BTreeMap<String, Arc<Loaded>>,
    key: &SetKey,
) -> Result<Parsed, Diagnostic> {
    let mut tera = tera::Tera::new();
    super::functions::register(&mut tera);
    super::filters::register(&mut tera);
    let full: BTreeMap<&str, bool> = key.iter().map(|(n, _, f)| (n.as_str(), *f)).collect();
    let added = tera.add_raw_templates(reached.values().map(|s| {
        let text = if full.get(s.name.as_str()).copied().unwrap_or(true) {
            s.instrumented().text.as_str()
        } else {
            ""
        };
        (s.name.as_str(), text)
    }));
    let parsed_sources: BTreeMap<String, Arc<Loaded>> = reached
        .iter()
        .filter(|(n, _)| full.get(n.as_str()).copied().unwrap_or(true))
        .map(|(n, s)| (n.clone(), Arc::clone(s)))
        .collect();
    if let Err(e) = added {
        return Err(super::errors::convert(&e, None, &parsed_sources));
    }
    let mut literal_keys = Vec::new();
    let mut printed_values = BTreeSet::new();
    for s in parsed_sources.values() {
        if !s.shipped {
            for call in s.calls() {
                let arguments = call
                    .strings
                    .iter()
                    .map(|(argument, key, offset)| {
                        (argument.clone(), key.clone(), s.location(*offset))
                    })
                    .collect();
                literal_keys.push((call.function.clone(), arguments));
            }
        }
        printed_values.extend(s.printed_values().iter().cloned());
    }
    Ok(Parsed {
        tera,
        main: main.to_string(),
        sources: parsed_sources,
        literal_keys,
        printed_values,
    })
}

/// A template's text without the byte-order mark Windows editors put first (copied only when
/// there is one).
fn without_bom(text: String) -> String {
    match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

/// Every `*.tera` under `dir`, sorted, named relative to `dir` with `/` separators; each read
/// through the sandbox (regular files, at most 1 MB, no link leading out of `dir`).
fn read_dir_templates(dir: &Path) -> Result<Vec<Arc<Loaded>>, Diagnostic> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| {
            Diagnostic::error(
                "E-TEMPLATE-DIR",
                format!("无法读取模板目录“{}”（{e}）", d.display()),
            )
            .hint("请检查 --templates 给出的目录是否存在")
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_dir {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "tera") {
                files.push(path);
            }
        }
    }
    files.sort();
    // The directory itself is the root: a path relative to it, read as if named from a file in it.
    let roots = Roots::of_file(&dir.join("--templates"));
    let mut out = Vec::new();
    for path in files {
        let rel = path.strip_prefix(dir).unwrap_or(&path);
        let name = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let at = Location::new(path.display().to_string(), 0, 0);
        let opened = sandbox::open(&name, Named::Template, &at, &roots)?;
        let text = String::from_utf8(opened.bytes).map_err(|_| {
            Diagnostic::error(
                "E-TEMPLATE-READ",
                format!("模板“{}”不是 UTF-8 编码", opened.shown),
            )
            .at(at.clone())
            .hint("请把模板另存为 UTF-8")
        })?;
        let text = without_bom(text);
        out.push(Loaded::new(name, opened.shown, text, false));
    }
    Ok(out)
}

#[cfg(test)]
mod recent_tests {
    use super::*;

    fn key(i: usize) -> SetKey {
        vec![(format!("t{i}.md.tera"), i, true)]
    }

    /// Only a mark at the very start goes; the text is otherwise kept as read.
    #[test]
    fn a_leading_byte_order_mark_is_dropped() {
        assert_eq!(
            without_bom("\u{FEFF}{{ fig(key=\"甲\") }}".into()),
            "{{ fig(key=\"甲\") }}"
        );
        assert_eq!(without_bom("甲\u{FEFF}乙".into()), "甲\u{FEFF}乙");
        assert_eq!(without_bom(String::new()), "");
    }

    #[test]
    fn a_run_keeps_the_most_recent_sets_only() {
        let mut cache = RecentSets::default();
        let first = cache.slot(&key(0));
        for i in 1..KEPT_SETS {
            cache.slot(&key(i));
        }
        // Asked again: the same slot, now the most recent.
        assert!(Arc::ptr_eq(&first, &cache.slot(&key(0))));
        for i in KEPT_SETS..KEPT_SETS + 5 {
            cache.slot(&key(i));
        }
        assert_eq!(cache.sets.len(), KEPT_SETS);
        assert_eq!(cache.recent.len(), KEPT_SETS);
        assert!(cache.sets.contains_key(&key(0)), "used recently, kept");
        assert!(!cache.sets.contains_key(&key(1)), "least recent, dropped");
        assert!(cache.sets.contains_key(&key(KEPT_SETS + 4)));
    }
}
