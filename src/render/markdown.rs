//! Markdown backend: clean CommonMark, numbering as text, tables as HTML blocks.

// Owned by the render issue (#3).
