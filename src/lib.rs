//! wengao（文稿）把指标 YAML 变成工作总结、工作计划和政府信息公开工作年度报告。
//!
//! wengao turns YAML indicator files into Chinese government work summaries and the
//! government-information-disclosure annual report, as Markdown, HTML and DOCX.
//!
//! # The pipeline
//!
//! Every command runs the same stages, in this order, each owned by one module and called in
//! turn by [`pipeline::render_file`] (one file; [`pipeline::batch`] runs it over many files in
//! parallel):
//!
//! 1. **load** ([`load`]): read each file ([`source`]: UTF-8, BOM, GBK), parse its YAML (through
//!    `yaml`, the one module that talks to the YAML parser) into a [`load::LoadedFile`]: meta,
//!    figures and previous-period figures as written, every value with its `file:line:column`;
//!    merge the [`catalogue`]s (built-in, `--catalogue`, each file's `meta.catalogue`).
//! 2. **validate** ([`validate`]): the catalogue rules (units, ranges, relations), the
//!    cross-file rules and the disclosure tables' 勾稽关系 ([`disclosure`]) produce
//!    [`diagnostic::Diagnostic`]s; relations compute the figures a user left out. The completed
//!    [`model::Report`] (figures, previous figures, checked [`model::DisclosureData`]) is built
//!    here, one per file whose meta loaded.
//! 3. **compose** ([`compose`]): Tera templates turn a report into Markdown with plain headings
//!    and markers for figures, tables, title, sign-off and attachments: a
//!    [`document::Composed`], the document stage's input.
//! 4. **document** ([`document`]): [`document::build`] turns pulldown-cmark events into the
//!    [`document::Document`] model; numbering (一、（一）1.（1）) is applied here; tables (the
//!    statutory grids from [`disclosure::grid`], passed by the pipeline) are resolved grids.
//! 5. **render** ([`render`]): each backend is a plain function of the document model and its
//!    options: [`render::markdown`], [`render::html`], [`render::docx`] (which packs its parts
//!    through [`package`]).
//! 6. **write** ([`write`](mod@write)): a file's outputs are staged as temp files, then replace
//!    the old ones together ([`write::OutputSet`]).
//!
//! The command line ([`cli`]) is a thin layer over the pipeline; `wengao check` stops after
//! validate ([`pipeline::check_files`]; for reports with disclosure tables it also composes the
//! narrative, whose figures [`disclosure::narrative`] compares with the tables, as `render`
//! does after compose), `wengao diff` runs compose and document on two
//! versions ([`pipeline::document_for`]) and compares figures, sentences and the warnings each
//! version raises. `wengao update` ([`update`]) puts new figures into a DOCX a writer has edited,
//! as tracked changes, finding each figure by the manifest the DOCX writer leaves
//! ([`render::docx::anchor`]); `wengao redline` ([`redline`]) renders two versions and writes
//! the new one with every change tracked (DOCX) or marked (HTML).
//!
//! # Floors
//!
//! Modules only import from floors below their own (`benches/module-graph.py` checks it and
//! finds no cycle):
//!
//! - foundation: [`diagnostic`] (the one error type, the exit-code rule), [`package`] (the DOCX
//!   container: zip, content types, relationships, parts; read and written), [`wordml`] (parts
//!   read as elements with their byte spans, for editing them in place), [`source`],
//!   `chars` (invisible and full-width characters, clipping), `units`, [`model`] (the typed
//!   report, disclosure data included), `numbers`, `yaml`, [`sandbox`] (every path written in an
//!   indicator file: `meta.template`, `meta.catalogue`, `previous_file`, resolved and read under
//!   the rules there);
//! - the document model: [`document`] (it imports nothing above the foundation);
//! - domain data: [`catalogue`], [`disclosure`] (statutory formats, their check, their grids);
//! - stages: [`load`], [`render`], [`write`](mod@write), then [`validate`], then [`compose`];
//! - drivers: [`pipeline`], then `diff`, then [`update`] and [`redline`], then [`cli`].
//!
//! Readers of existing documents (import, update) belong beside the stages: they read a DOCX
//! through [`package::Package::read_docx`]; import produces the same [`document::Document`]
//! model the backends and the diff consume, update edits the writer's `document.xml` in place
//! (through [`wordml`]) and writes the package back with every other part unchanged.
//!
//! # One figure, from YAML to a DOCX run
//!
//! `jumin_canbao_renshu: 311881` in `data/sanmen-2020.yaml`:
//!
//! 1. [`load::load_files`] → `load_path` → `load::file::load_source_in` parses the file;
//!    `read_figures` reads the scalar as text and keeps it exact
//!    ([`model::FigureValue::Exact`], scale kept) with [`model::Origin::Written`] at its
//!    `file:line:column`.
//! 2. [`validate::validate`] → [`validate::check_loaded`]: relations check it against its parts
//!    (or compute it when left out, with [`model::Origin::Computed`]); ranges check its decimals
//!    and bounds; it lands in [`model::Report::figures`].
//! 3. [`compose::compose`]: the figure's catalogue entry (unit, name) is read once; the template's
//!    `{{ fig(key="jumin_canbao_renshu") }}` prints `311881`, recorded as a
//!    [`document::FigureRef`] (text, key, source, pending) and written into the Markdown as a
//!    figure marker.
//! 4. [`document::build`] splits the text at the marker and puts
//!    [`document::Inline::Figure`] into the paragraph's inlines.
//! 5. [`render::output`] → [`render::docx::render`]: the body writer turns the paragraph's
//!    inlines into runs; the figure becomes `<w:r><w:rPr>…仿宋_GB2312…</w:rPr><w:t>311881</w:t>
//!    </w:r>` in `word/document.xml`, zipped by [`package::Package::to_bytes`].
//! 6. [`write::OutputSet`] writes `out/sanmen-2020.docx` atomically, together with the other
//!    outputs of the file.

#![warn(missing_docs)]
// `Diagnostic` is the error type of every stage; it is returned rarely, so boxing it buys nothing.
#![allow(clippy::result_large_err)]

pub mod catalogue;
pub(crate) mod chars;
pub mod cli;
pub mod compose;
pub mod diagnostic;
pub(crate) mod diff;
pub mod disclosure;
pub mod document;
pub(crate) mod hashed;
pub mod import;
pub mod init;
pub mod keys;
pub mod load;
pub mod model;
pub(crate) mod numbers;
pub mod package;
pub(crate) mod parallel;
pub mod pipeline;
pub mod redline;
pub mod render;
pub mod report_diagnostics;
pub mod sandbox;
pub mod schema;
pub mod source;
pub(crate) mod units;
pub mod update;
pub mod validate;
pub mod wordml;
pub mod write;
pub(crate) mod yaml;
