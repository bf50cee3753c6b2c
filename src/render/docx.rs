//! DOCX backend: GB/T 9704-2012 layout, written as OOXML parts in schema order.

// Owned by the DOCX issue (#4).
