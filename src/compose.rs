//! Stage 3: Tera templates (shipped, embedded; or the user's) turn a report into Markdown with
//! plain headings and figure/table markers.

// Owned by the render issue (#3).
