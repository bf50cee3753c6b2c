//! `wengao import`: last year's report (DOCX, HTML, Markdown, text) becomes an indicator file and
//! its narrative template, so that `render` gives the same text back.

pub mod assemble;
pub mod blocks;
pub mod context;
pub mod debris;
pub mod declare;
pub mod docx;
pub mod docx_numbering;
#[cfg(test)]
mod docx_tests;
pub mod emit;
pub mod figures;
pub mod guess;
pub mod html;
pub mod key_words;
pub mod keys;
pub mod markdown;
pub mod markers;
pub mod matching;
pub mod naming;
#[cfg(test)]
mod naming_tests;
pub mod next;
pub mod outline;
pub mod qualify;
pub mod read;
pub mod relations;
pub mod report;
pub mod run;
pub mod scan;
#[cfg(test)]
mod scan_tests;
pub mod statutory;
pub mod subjects;
pub mod table;
pub mod words;
