//! The indicator catalogue: what each figure is (name, unit, stock/flow, range, decimals) and the
//! relations between figures. The medical-security catalogue is embedded; users may add their own.
//!
//! Format: see README.md, section “指标目录”.

// Owned by the check issue (#2): loader, embedded default, merge of a user catalogue.
