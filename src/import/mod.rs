//! `wengao import`: last year's report (DOCX, HTML, Markdown, text) becomes an indicator file and
//! its narrative template, so that `render` gives the same text back.

pub mod blocks;
pub mod markers;
pub mod outline;
pub mod scan;
pub mod naming;
pub mod keys;
pub mod figures;
pub mod emit;
pub mod guess;
pub mod assemble;
pub mod relations;
pub mod read;
pub mod markdown;
pub mod html;
pub mod run;
