//! wengao（文稿）把指标 YAML 变成工作总结、工作计划和政府信息公开工作年度报告。
//!
//! wengao turns YAML indicator files into Chinese government work summaries and the
//! government-information-disclosure annual report, as Markdown, HTML and DOCX.
//!
//! # The pipeline
//!
//! Every command runs the same stages, in this order, each owned by one module:
//!
//! 1. **load** ([`load`]): read the file ([`source`]: UTF-8, BOM, GBK), parse YAML into the typed
//!    [`model::Report`]; every value keeps its `file:line:column`.
//! 2. **validate** ([`validate`]): the indicator [`catalogue`] (units, ranges, relations),
//!    cross-file rules and the disclosure tables' 勾稽关系 ([`disclosure`]) produce
//!    [`diagnostic::Diagnostic`]s; relations also compute the figures a user left out.
//! 3. **compose** ([`compose`]): Tera templates turn the report into Markdown with plain headings and
//!    figure/table markers.
//! 4. **document** ([`document`]): pulldown-cmark events become the [`document::Document`] model;
//!    numbering (一、（一）1.（1）) is applied here; tables are resolved grids.
//! 5. **render** ([`render`]): each backend is a plain function of the document model and its
//!    options: [`render::markdown`], [`render::html`], [`render::docx`].
//! 6. **write** ([`write`]): outputs are written atomically (temp file, then rename).
//!
//! [`pipeline`] runs the stages for `render` (check → compose → document → render → write); the
//! command line ([`cli`]) is a thin layer over it. [`diff`] runs check → compose → document on two
//! versions of a file and compares their figures and sentences (`wengao diff`).

// `Diagnostic` is the error type of every stage; it is returned rarely, so boxing it buys nothing.
#![allow(clippy::result_large_err)]

pub mod batch;
pub mod catalogue;
pub mod cli;
pub mod compose;
pub mod diagnostic;
pub mod diff;
pub mod disclosure;
pub mod document;
pub mod init;
pub mod keys;
pub mod load;
pub mod model;
pub mod numbers;
pub mod parallel;
pub mod pipeline;
pub mod render;
pub mod report_diagnostics;
pub mod schema;
pub mod source;
pub mod units;
pub mod validate;
pub mod write;
pub mod yaml;
