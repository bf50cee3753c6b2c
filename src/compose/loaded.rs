//! One template source and what compose reads from it, each worked out on first use and once
//! per source (a shipped template once per process, a user's once per run): its tags, the text
//! with budget hooks, the names it includes or extends, its blocks, its literal figure keys, the
//! keys it prints as values, and where its lines start (for locations).

use super::instrument::{Instrumented, instrument};
use super::scan::{self, BlockDef, Call, Tag};
use crate::diagnostic::Location;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// Tera's name for the whole context (`{{ __tera_context }}`).
const WHOLE_CONTEXT: &str = "__tera_context";

/// One template source.
#[derive(Debug)]
pub(super) struct Loaded {
    /// Tera's name for it (`annual.md.tera`, a path relative to `--templates`, the user's path).
    pub name: String,
    /// The path users see in errors (`<内置模板>/annual.md.tera` for shipped ones).
    pub shown: String,
    /// The text as written (BOM dropped).
    pub text: String,
    /// Shipped with wengao (not the user's).
    pub shipped: bool,
    /// Identity for cache keys (two files with the same name in different folders differ).
    pub id: usize,
    /// Its tags, read on first use.
    tags: OnceLock<Vec<Tag>>,
    /// The text with budget hooks, made on first use.
    instrumented: OnceLock<Instrumented>,
    /// Names quoted in `{% include %}` / `{% extends %}`, with offsets, on first use.
    references: OnceLock<Vec<(String, usize)>>,
    /// The blocks it defines, on first use.
    blocks: OnceLock<Vec<BlockDef>>,
    /// Calls of the functions that take figure keys, on first use.
    calls: OnceLock<Vec<Call>>,
    /// Keys printed directly as `figures.<key>.value`, on first use.
    printed_values: OnceLock<BTreeSet<String>>,
    /// Every `figures.<key>` it mentions, and whether it reads `figures` any other way (see
    /// [`Loaded::figure_mentions`]), on first use.
    figure_mentions: OnceLock<(BTreeSet<String>, bool)>,
    /// Byte offset of each line's start, on first use.
    line_starts: OnceLock<Vec<usize>>,
}

/// What compose reads of a shipped template, worked out when wengao is built (`build.rs` runs
/// the same code as [`Loaded`] would at every start; a test compares the two).
#[derive(Debug)]
pub(super) struct Analysis {
    /// The template's name (`sections/jihe.md.tera`).
    pub name: &'static str,
    /// The text with budget hooks.
    pub instrumented: &'static str,
    /// The hooks' insertions: (offset in the original text, length inserted there).
    pub edits: &'static [(usize, usize)],
    /// Names quoted in `{% include %}` / `{% extends %}`, with offsets.
    pub references: &'static [(&'static str, usize)],
    /// The blocks it defines: (name, calls `super()`, the blocks around it).
    pub blocks: &'static [(&'static str, bool, &'static [&'static str])],
    /// Every `figures.<key>` it mentions.
    pub mentions: &'static [&'static str],
    /// Whether it reads `figures` as a whole.
    pub mentions_all: bool,
    /// Keys printed directly as `figures.<key>.value`.
    pub printed_values: &'static [&'static str],
}

impl Loaded {
    /// A shipped template with what [`Analysis`] worked out already in place.
    pub fn analysed(name: String, shown: String, text: String, a: &Analysis) -> Arc<Loaded> {
        let loaded = Loaded::new(name, shown, text, true);
        let _ = loaded.instrumented.set(Instrumented::from_parts(
            a.instrumented.to_string(),
            a.edits.to_vec(),
        ));
        let _ = loaded.references.set(
            a.references
                .iter()
                .map(|(n, at)| ((*n).to_string(), *at))
                .collect(),
        );
        let _ = loaded.blocks.set(
            a.blocks
                .iter()
                .map(|(n, calls_super, parents)| BlockDef {
                    name: (*n).to_string(),
                    calls_super: *calls_super,
                    parents: parents.iter().map(|p| (*p).to_string()).collect(),
                })
                .collect(),
        );
        let _ = loaded
            .printed_values
            .set(a.printed_values.iter().map(|k| (*k).to_string()).collect());
        let _ = loaded.figure_mentions.set((
            a.mentions.iter().map(|k| (*k).to_string()).collect(),
            a.mentions_all || loaded.text.contains(WHOLE_CONTEXT),
        ));
        loaded
    }

    /// A source with a fresh identity.
    pub fn new(name: String, shown: String, text: String, shipped: bool) -> Arc<Loaded> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        Arc::new(Loaded {
            name,
            shown,
            text,
            shipped,
            id: NEXT.fetch_add(1, Ordering::Relaxed),
            tags: OnceLock::new(),
            instrumented: OnceLock::new(),
            references: OnceLock::new(),
            blocks: OnceLock::new(),
            calls: OnceLock::new(),
            printed_values: OnceLock::new(),
            figure_mentions: OnceLock::new(),
            line_starts: OnceLock::new(),
        })
    }

    /// Its tags.
    pub fn tags(&self) -> &[Tag] {
        self.tags.get_or_init(|| scan::tags(&self.text))
    }

    /// The text with budget hooks.
    pub fn instrumented(&self) -> &Instrumented {
        self.instrumented
            .get_or_init(|| instrument(&self.text, self.tags()))
    }

    /// Names quoted in `{% include %}` / `{% extends %}`, with the offset of each (a text
    /// without either word is not read tag by tag).
    pub fn references(&self) -> &[(String, usize)] {
        self.references.get_or_init(|| {
            if self.text.contains("include") || self.text.contains("extends") {
                scan::template_references(&self.text, self.tags())
            } else {
                Vec::new()
            }
        })
    }

    /// The blocks it defines.
    pub fn blocks(&self) -> &[BlockDef] {
        self.blocks
            .get_or_init(|| scan::blocks(&self.text, self.tags()))
    }

    /// Calls of the functions that take figure keys, with their string arguments.
    pub fn calls(&self) -> &[Call] {
        self.calls.get_or_init(|| {
            let functions: Vec<&str> = super::functions::KEY_ARGUMENTS
                .iter()
                .map(|(f, _)| *f)
                .collect();
            scan::calls(&self.text, self.tags(), &functions)
        })
    }

    /// The keys it prints directly as `figures.<key>.value`.
    pub fn printed_values(&self) -> &BTreeSet<String> {
        self.printed_values
            .get_or_init(|| super::mentions::printed_values(&self.text))
    }

    /// Every `figures.<key>` it mentions, and whether it reads `figures` any other way (a loop
    /// over it, a lookup by variable, the whole context dumped with `__tera_context`).
    pub fn figure_mentions(&self) -> &(BTreeSet<String>, bool) {
        self.figure_mentions.get_or_init(|| {
            let (keys, whole) = super::mentions::figure_mentions(&self.text);
            (
                keys.into_iter().collect(),
                whole || self.text.contains(WHOLE_CONTEXT),
            )
        })
    }

    /// The location of byte `offset` of the original text, 1-based line and character column.
    pub fn location(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1))
                .collect()
        });
        let index = starts.partition_point(|&s| s <= offset).max(1) - 1;
        let column = self
            .text
            .get(starts[index]..offset)
            .map_or(0, |prefix| prefix.chars().count())
            + 1;
        Location::new(
            self.shown.clone(),
            u32::try_from(index + 1).unwrap_or(u32::MAX),
            u32::try_from(column).unwrap_or(u32::MAX),
        )
    }
}
