//! HTML backend: one self-contained file with print CSS for A4 and the 公文 margins.

// Owned by the render issue (#3).
