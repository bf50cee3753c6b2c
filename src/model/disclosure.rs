//! The checked disclosure tables of a report (政府信息公开工作年度报告): which statutory format,
//! how blanks print, and every data cell with its state and provenance.
//!
//! These are plain data, produced by the disclosure check ([`crate::disclosure::check()`]) and read
//! by compose (template context) and by the grid builder (the tables in the document). Cell
//! positions follow the chosen format: `tables[t].cells[r][c]` is row `r`, column `c` of the
//! format's table `t`, so reading them by name needs the format ([`crate::disclosure::cell`]).

use crate::diagnostic::Location;
use crate::model::Origin;
use rust_decimal::Decimal;

/// Which statutory format a report uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum FormatId {
    /// 国办公开办函〔2019〕60号（试行）, for reports on 2019 and 2020.
    Y2019,
    /// 国办公开办函〔2021〕30号, for reports on 2021 onward.
    #[default]
    Y2021,
}

impl FormatId {
    /// The id users write (`format: 2019`).
    pub fn as_str(self) -> &'static str {
        match self {
            FormatId::Y2019 => "2019",
            FormatId::Y2021 => "2021",
        }
    }

    /// The format a report on `year` uses: 2019 for years up to 2020, 2021 after.
    pub fn for_year(year: i32) -> FormatId {
        if year <= 2020 {
            FormatId::Y2019
        } else {
            FormatId::Y2021
        }
    }

    /// The other format: where a name unknown to this one is looked up, to tell the user that
    /// the row or column belongs to the other year's format.
    pub fn other(self) -> FormatId {
        match self {
            FormatId::Y2019 => FormatId::Y2021,
            FormatId::Y2021 => FormatId::Y2019,
        }
    }
}

/// How blank cells print (`disclosure.blank`); the rules count a blank as 0 either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BlankStyle {
    /// Left empty, as written (default).
    #[default]
    Empty,
    /// Printed as 0.
    Zero,
}

/// What a cell holds after the check.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum CellState {
    /// Not in the file (and not computed).
    #[default]
    Missing,
    /// Written empty (`~`, nothing, `-`, `/`).
    Blank,
    /// `XX`: still to be filled.
    Pending,
    /// Written but not a value of the cell's kind (an error was reported); printed as written.
    Invalid(String),
    /// A value, as printed and as the rules use it.
    Value {
        /// The text printed: as written, or the computed total in normal form.
        text: String,
        /// The exact value the rules (勾稽关系) use.
        value: Decimal,
    },
}

/// One data cell and where its value came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CellData {
    /// What the cell holds.
    pub state: CellState,
    /// Written at a place, or computed by a rule; `None` when missing.
    pub origin: Option<Origin>,
}

impl CellData {
    /// The value the rules use: blank and missing count as 0; pending and invalid are unknown.
    pub fn rule_value(&self) -> Option<Decimal> {
        match &self.state {
            CellState::Missing | CellState::Blank => Some(Decimal::ZERO),
            CellState::Value { value, .. } => Some(*value),
            CellState::Pending | CellState::Invalid(_) => None,
        }
    }

    /// Missing or written empty: printed per [`BlankStyle`], counted as 0.
    pub fn is_blank(&self) -> bool {
        matches!(self.state, CellState::Missing | CellState::Blank)
    }

    /// Where the value was written; `None` for missing and computed cells.
    pub fn location(&self) -> Option<&Location> {
        self.origin.as_ref().and_then(Origin::location)
    }

    /// The text printed in the table.
    pub fn printed(&self, blank: BlankStyle) -> String {
        match (&self.state, blank) {
            (CellState::Missing | CellState::Blank, BlankStyle::Empty) => String::new(),
            (CellState::Missing | CellState::Blank, BlankStyle::Zero) => "0".to_string(),
            (CellState::Pending, _) => "XX".to_string(),
            (CellState::Invalid(t), _) => t.clone(),
            (CellState::Value { text, .. }, _) => text.clone(),
        }
    }
}

/// One checked table: `cells[r][c]` follows the format's rows and each row's columns.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableData {
    /// The table's id in the format (`zhudong`, `shenqing`, `fuyi_susong`).
    pub id: String,
    /// Where the table's key is in the file, when written.
    pub location: Option<Location>,
    /// One vector per format row, one cell per column of that row.
    pub cells: Vec<Vec<CellData>>,
}

/// The checked disclosure tables (in the format's order: 表二, 表三, 表四).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DisclosureData {
    /// The format the tables follow (chosen by year or by `disclosure.format`).
    pub format: FormatId,
    /// How blank cells print.
    pub blank: BlankStyle,
    /// Every table of the format, in its order, written or not.
    pub tables: Vec<TableData>,
}

impl DisclosureData {
    /// The table with this format id, if the format has one.
    pub fn table(&self, id: &str) -> Option<&TableData> {
        self.tables.iter().find(|t| t.id == id)
    }
}
