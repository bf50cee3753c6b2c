//! Stage 5: backends, each a plain function of the [`crate::document::Document`] and its options.

pub mod docx;
pub mod html;
pub mod markdown;
