//! Source files as read from disk: bytes decoded to text (UTF-8, BOM, GBK) and line lookup.

use crate::diagnostic::Location;

/// A decoded input file and the starts of its lines, for locations and source snippets.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user wrote it; used in every location.
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line(&self, line: u32) -> Option<&str> {
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        let start = *self.line_starts.get(index)?;
        let end = self
            .line_starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.text.len());
        Some(self.text[start..end].trim_end_matches(['\n', '\r']))
    }

    /// The location of a byte offset (column in characters, 1-based).
    pub fn location(&self, byte: usize) -> Location {
        let byte = byte.min(self.text.len());
        let index = self.line_starts.partition_point(|&s| s <= byte).max(1) - 1;
        let start = self.line_starts[index];
        let column = self
            .text
            .get(start..byte)
            .map_or(1, |prefix| prefix.chars().count() + 1);
        Location::new(self.name.clone(), index as u32 + 1, column as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_locations() {
        let s = SourceFile::new("a.yaml", "甲: 1\nb: 2\r\n".to_string());
        assert_eq!(s.line(1), Some("甲: 1"));
        assert_eq!(s.line(2), Some("b: 2"));
        assert_eq!(s.line(4), None);
        let loc = s.location("甲: ".len());
        assert_eq!((loc.line, loc.column), (1, 4));
        assert_eq!(s.location(s.text.find('b').unwrap_or(0)).line, 2);
    }
}
