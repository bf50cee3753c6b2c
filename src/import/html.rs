//! Reading a page saved from a government website: the article body only.

use super::blocks::SourceBlock;

/// The blocks of an HTML page's article body.
pub fn blocks(text: &str) -> Vec<SourceBlock> {
    super::blocks::from_text(text)
}
