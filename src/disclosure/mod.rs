//! 政府信息公开工作年度报告: the statutory tables (2021 and 2019 formats), their input, their
//! consistency checks (勾稽关系) and their resolved grids.

use serde::Deserialize;

/// The `disclosure` part of an indicator file, as written (owned by the disclosure issue, #5).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DisclosureInput {}

/// The checked disclosure tables (owned by the disclosure issue, #5).
#[derive(Debug, Clone, Default)]
pub struct DisclosureData {}
