//! The checked disclosure tables of a report (政府信息公开工作年度报告): which statutory format
//! (with the provincial rows and columns the report declared), how blanks print, and every
//! data cell with its state and provenance.
//!
//! These are plain data, produced by the disclosure check ([`crate::disclosure::check()`]) and read
//! by compose (template context) and by the grid builder (the tables in the document). Cell
//! positions follow the chosen format as extended: `tables[t].cells[r][c]` is row `r`, column
//! `c` of the format's table `t`, so reading them by name needs the format
//! ([`crate::disclosure::cell`]).
//!
//! What a user writes in a cell, and what it becomes:
//!
//! | written | state | printed | counted by the rules |
//! |---|---|---|---|
//! | key left out | [`CellState::Missing`] | blank | 0 (a blank total: the sum of its parts) |
//! | `""`, `~`, nothing | [`CellState::Blank`] | blank | as above |
//! | `-`, `/`, `—` | [`CellState::Blank`] | the mark as written | as above |
//! | `XX` | [`CellState::Pending`] | `XX` | not checked |
//! | `3`, `增1`, `38.6万元` | [`CellState::Value`] | as written | the number |
//!
//! Only a total left out ([`CellState::Missing`]) may be computed, and only when the user asks
//! for computed totals; a total written blank always prints blank.

use crate::diagnostic::Location;
use crate::model::Origin;
use rust_decimal::Decimal;
use serde::Deserialize;

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

/// What a data cell holds (a format file's `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CellKind {
    /// A non-negative integer (件数、数量).
    #[default]
    Count,
    /// 2019 本年增/减: 增N, 减N or a signed integer, printed as written.
    Change,
    /// A non-negative amount of money, printed as written (unit kept).
    Amount,
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
    /// Not in the file (and not computed): printed blank.
    #[default]
    Missing,
    /// Written empty (`""`, `~`, nothing) or as a mark meaning “not given” (`-`, `/`, `—`,
    /// kept to be printed as published): counted as not given, never computed.
    Blank(String),
    /// `XX`: still to be filled.
    Pending,
    /// Written but not a value of the cell's kind (an error was reported); printed as written.
    Invalid(String),
    /// A value, as printed and as the rules use it.
    Value {
        /// The text printed: as written, or a computed total in normal form.
        text: String,
        /// The exact value the rules (勾稽关系) use (an amount: the number without its unit).
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
    /// For a total left blank whose parts are not all blank: the sum of the parts. The table
    /// prints the blank; the rules and the narrative comparison use this sum.
    pub implied: Option<Decimal>,
}

impl CellData {
    /// The value as written: blank and missing count as 0; pending and invalid are unknown.
    pub fn rule_value(&self) -> Option<Decimal> {
        match &self.state {
            CellState::Missing | CellState::Blank(_) => Some(Decimal::ZERO),
            CellState::Value { value, .. } => Some(*value),
            CellState::Pending | CellState::Invalid(_) => None,
        }
    }

    /// The value the rules and the narrative comparison use: a blank total's implied sum,
    /// else [`CellData::rule_value`].
    pub fn check_value(&self) -> Option<Decimal> {
        self.implied.or_else(|| self.rule_value())
    }

    /// Missing or written empty: printed per [`BlankStyle`], counted as 0.
    pub fn is_blank(&self) -> bool {
        matches!(self.state, CellState::Missing | CellState::Blank(_))
    }

    /// Computed by a rule (only on request: `totals: compute` or `--compute-totals`).
    pub fn is_computed(&self) -> bool {
        matches!(self.origin, Some(Origin::Computed { .. }))
    }

    /// Where the value was written; `None` for missing and computed cells.
    pub fn location(&self) -> Option<&Location> {
        self.origin.as_ref().and_then(Origin::location)
    }

    /// The text printed in the table.
    pub fn printed(&self, blank: BlankStyle) -> String {
        match (&self.state, blank) {
            (CellState::Blank(mark), _) if !mark.is_empty() => mark.clone(),
            (CellState::Missing | CellState::Blank(_), BlankStyle::Empty) => String::new(),
            (CellState::Missing | CellState::Blank(_), BlankStyle::Zero) => "0".to_string(),
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
    /// Where each row's key is in the file (one entry per format row; `None` when not written).
    pub row_locations: Vec<Option<Location>>,
    /// One vector per format row, one cell per column of that row.
    pub cells: Vec<Vec<CellData>>,
}

impl TableData {
    /// Where row `r` (or, failing that, the table) was written.
    pub fn row_location(&self, r: usize) -> Option<&Location> {
        self.row_locations
            .get(r)
            .and_then(Option::as_ref)
            .or(self.location.as_ref())
    }
}

/// Where a declared row or column goes, next to one the format has (or declared before it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// Right after the row or column with this id.
    After(String),
    /// Right before the row or column with this id.
    Before(String),
}

impl Placement {
    /// The id of the neighbour.
    pub fn neighbour(&self) -> &str {
        match self {
            Placement::After(id) | Placement::Before(id) => id,
        }
    }
}

/// A row a province adds to a statutory table (湖北 2019: 表二“其他主动公开文件”).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraRow {
    /// The table's id.
    pub table: String,
    /// The row's id (what users and templates write).
    pub id: String,
    /// The label printed (its innermost level; outer levels are the neighbour's).
    pub label: String,
    /// Where it goes.
    pub place: Placement,
    /// Whether it is added to the parts of every total its neighbour is a part of.
    pub in_totals: bool,
}

/// A column a province adds to a statutory table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraColumn {
    /// The table's id.
    pub table: String,
    /// 表二: the index of the section (第二十条第（X）项) that gets the column.
    pub section: Option<usize>,
    /// The column's id.
    pub id: String,
    /// The label printed in the header.
    pub label: String,
    /// What its cells hold.
    pub kind: CellKind,
    /// The unit its head states (amounts), if any.
    pub unit: Option<String>,
    /// Where it goes.
    pub place: Placement,
    /// Whether it is added to the parts of every total its neighbour is a part of.
    pub in_totals: bool,
}

/// A printed label a province words differently (the standard names still work as input).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relabel {
    /// The table's id.
    pub table: String,
    /// A row id, or a column id (`column: true`).
    pub id: String,
    /// Whether `id` names a column (of every section of 表二 that has it).
    pub column: bool,
    /// The label printed instead.
    pub label: String,
}

/// The rows, columns and labels a report's format extension declared (checked: every entry
/// applies to the base format in order).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FormatExtension {
    /// Added rows, in declaration order.
    pub rows: Vec<ExtraRow>,
    /// Added columns, in declaration order.
    pub columns: Vec<ExtraColumn>,
    /// Changed labels.
    pub labels: Vec<Relabel>,
}

impl FormatExtension {
    /// Declares nothing.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.columns.is_empty() && self.labels.is_empty()
    }
}

/// The checked disclosure tables (in the format's order: 表二, 表三, 表四).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DisclosureData {
    /// The format the tables follow (chosen by year or by `disclosure.format`).
    pub format: FormatId,
    /// Rows, columns and labels the report added to the format.
    pub extension: FormatExtension,
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
