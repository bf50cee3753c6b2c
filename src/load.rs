//! Stage 1: read an indicator file (bytes → text → YAML) into a [`crate::model::Report`],
//! every value with its file:line:column.
//!
//! Format: see README.md, section “指标文件”.

// Owned by the check issue (#2).
