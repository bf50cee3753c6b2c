//! The two statutory formats as data: `format-2021.yaml` and `format-2019.yaml` (embedded), their
//! tables, rows, columns, header merges and rules, and name lookup with “did you mean”.
//!
//! The format files are the single source of every table's shape: the check reads cells by their
//! rows and columns, the rules (勾稽关系) come from `rules`, and the grid builder
//! ([`super::grid`]) lays the printed table out from `header`, `sections` and `widths`. They are
//! parsed once ([`formats`]); the tests check that they parse and that no two rows (or two
//! columns of a row) answer to the same name.
//!
//! Invariant after [`TableDef`]'s normalisation: every table has `rows` with their `columns`
//! filled in (表二's from its sections, the others' from the table), every row has a `path`, and
//! the name indexes are built, so lookups never go back to the raw file.

pub use super::lookup::{Named, find, normalise, suggest};
use super::lookup::{index, without_numbering};
pub use crate::model::CellKind;
use crate::model::FormatId;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// How a table's grid is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// 表二: sections (第二十条第（X）项), each a title row, a head row and its data rows.
    Sections,
    /// 表三: explicit header, then one body row per data row with hierarchical row labels.
    Matrix,
    /// 表四: explicit header, then one data row holding every group's columns side by side.
    Groups,
}

/// Whether a rule applies within each row or within each column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Each {
    /// The rule relates columns of each row (表三: 总计 = 自然人 + 法人或其他组织 …).
    Row,
    /// The rule relates rows of each column (表三: 办理结果总计 = 予以公开 + 部分公开 + …).
    Column,
}

/// A data column.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnDef {
    /// The pinyin id users may write and templates use (`ziranren`).
    pub id: String,
    /// The label printed in the table (自然人).
    pub label: String,
    /// Other names users may write for the column.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// What the column's cells hold.
    #[serde(default)]
    pub kind: CellKind,
    /// Grid columns the cell spans (表二 2021: one value over three columns).
    #[serde(default = "one")]
    pub span: usize,
    /// The unit the column's head states (2021 本年收费金额: 万元); a value written with
    /// another unit of the same kind is read, with a warning naming this one.
    #[serde(default)]
    pub unit: Option<String>,
}

/// Serde default of spans: one cell.
fn one() -> usize {
    1
}

/// A data row.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowDef {
    /// The pinyin id users may write and templates use (`xinshou`).
    pub id: String,
    /// Single-level label (表二); normalisation moves it into `path`.
    #[serde(default)]
    pub label: Option<String>,
    /// Hierarchical label, outermost first (表三, 表四).
    #[serde(default)]
    pub path: Vec<String>,
    /// Other names users may write for the row.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The row's columns (filled from its section or its table).
    #[serde(skip)]
    pub columns: Vec<ColumnDef>,
    /// Index of its section (表二).
    #[serde(skip)]
    pub section: Option<usize>,
    /// Every normalised name of each column → its index.
    #[serde(skip)]
    column_names: BTreeMap<String, usize>,
}

impl RowDef {
    /// A row declared by a format extension: single-level `label` (表二) or a full `path`.
    pub(super) fn declared(id: String, label: Option<String>, path: Vec<String>) -> RowDef {
        RowDef {
            id,
            label,
            path,
            aliases: Vec::new(),
            columns: Vec::new(),
            section: None,
            column_names: BTreeMap::new(),
        }
    }

    /// The row's full label as printed, levels separated by a space.
    pub fn label(&self) -> String {
        self.path.join(" ")
    }

    /// The innermost label (used when a rule lists its terms).
    pub fn short_label(&self) -> &str {
        self.path.last().map_or(self.id.as_str(), String::as_str)
    }

    /// The index of the column with this id.
    pub fn column(&self, id: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.id == id)
    }

    /// The column a user's `name` refers to (id, label or alias; spacing and full-width
    /// punctuation ignored).
    pub fn find_column(&self, name: &str) -> Option<(usize, &ColumnDef)> {
        let i = *self.column_names.get(&normalise(name))?;
        Some((i, self.columns.get(i)?))
    }
}

/// A header cell at a 1-based position with its spans.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderCell {
    /// Grid row of the top-left corner, from 1.
    pub row: usize,
    /// Grid column of the top-left corner, from 1.
    pub col: usize,
    /// Rows the cell spans.
    #[serde(default = "one")]
    pub rows: usize,
    /// Columns the cell spans.
    #[serde(default = "one")]
    pub cols: usize,
    /// The printed text.
    pub text: String,
}

/// A 第二十条 section of 表二.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    /// The section's title row (第二十条第（一）项).
    pub title: String,
    /// The columns of every row of the section.
    pub columns: Vec<ColumnDef>,
    /// The section's rows, in order.
    pub rows: Vec<RowDef>,
}

/// A rule as written in the format file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    /// Diagnostic code of a failure.
    pub code: String,
    /// The rule as users read it.
    pub text: String,
    /// Whether the rule relates columns of each row or rows of each column.
    pub each: Each,
    /// A total rule: the id of the total (computed from `parts` when left blank).
    #[serde(default)]
    pub total: Option<String>,
    /// A total rule: the ids that add up to `total`.
    #[serde(default)]
    pub parts: Vec<String>,
    /// An equality rule: ids whose sum equals that of `right`.
    #[serde(default)]
    pub left: Vec<String>,
    /// An equality rule: the other side.
    #[serde(default)]
    pub right: Vec<String>,
}

impl RuleDef {
    /// Left and right sides (a total rule is `[total] = parts`).
    pub fn sides(&self) -> (Vec<&str>, Vec<&str>) {
        match &self.total {
            Some(t) => (
                vec![t.as_str()],
                self.parts.iter().map(String::as_str).collect(),
            ),
            None => (
                self.left.iter().map(String::as_str).collect(),
                self.right.iter().map(String::as_str).collect(),
            ),
        }
    }
}

/// One statutory table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableDef {
    /// The pinyin id (`zhudong`, `shenqing`, `fuyi_susong`), also the table's id in documents.
    pub id: String,
    /// 二, 三, 四.
    pub number: String,
    /// The printed title (主动公开政府信息情况).
    pub title: String,
    /// Other names users may write for the table (表二, 主动公开).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// How the grid is laid out.
    pub layout: Layout,
    /// Relative widths of the grid's columns; their count is the grid's width.
    pub widths: Vec<u32>,
    /// Leading grid rows that form the header (repeated on each page).
    #[serde(default)]
    pub header_rows: usize,
    /// The header cells with their spans (matrix and groups layouts).
    #[serde(default)]
    pub header: Vec<HeaderCell>,
    /// 表二's head label (信息内容).
    #[serde(default)]
    pub head: Option<String>,
    /// 表二's sections; normalisation copies their rows into `rows`.
    #[serde(default)]
    pub sections: Vec<SectionDef>,
    /// The columns shared by every row (表三, 表四); empty for 表二, whose sections have their own.
    #[serde(default)]
    pub columns: Vec<ColumnDef>,
    /// Every data row, in order, each with its columns (after normalisation).
    #[serde(default)]
    pub rows: Vec<RowDef>,
    /// The table's rules (勾稽关系), checked in order.
    #[serde(default)]
    pub rules: Vec<RuleDef>,
    /// Every normalised name of each row → its index.
    #[serde(skip)]
    row_names: BTreeMap<String, usize>,
}

impl TableDef {
    /// The table's row ids in order (after normalisation).
    pub fn row_ids(&self) -> impl Iterator<Item = &str> {
        self.rows.iter().map(|r| r.id.as_str())
    }

    /// The row a user's `name` refers to (id, label or alias; spacing and full-width
    /// punctuation ignored).
    pub fn find_row(&self, name: &str) -> Option<(usize, &RowDef)> {
        let i = *self.row_names.get(&normalise(name))?;
        Some((i, self.rows.get(i)?))
    }

    /// 表三.
    pub fn name(&self) -> String {
        format!("表{}", self.number)
    }

    /// The index of the row with this id.
    pub fn row(&self, id: &str) -> Option<usize> {
        self.rows.iter().position(|r| r.id == id)
    }

    /// The columns shared by every row (表三, 表四); 表二's rows have their own.
    pub fn columns(&self) -> &[ColumnDef] {
        &self.columns
    }

    /// Label columns of a matrix table (the deepest row path).
    pub fn label_columns(&self) -> usize {
        self.rows.iter().map(|r| r.path.len()).max().unwrap_or(0)
    }

    /// Fills in what the file leaves implicit: rows of 表二 from its sections, each row's
    /// columns, single-level paths, and the name indexes. Run again after an extension changed
    /// the table.
    pub(super) fn normalise(&mut self) {
        if self.layout == Layout::Sections {
            self.rows.clear();
            for (i, s) in self.sections.iter().enumerate() {
                for r in &s.rows {
                    let mut r = r.clone();
                    r.columns = s.columns.clone();
                    r.section = Some(i);
                    self.rows.push(r);
                }
            }
        } else {
            for r in &mut self.rows {
                r.columns = self.columns.clone();
            }
        }
        for r in &mut self.rows {
            if let Some(label) = r.label.take() {
                r.path = vec![label];
            }
            if r.path.is_empty() {
                r.path = vec![r.id.clone()];
            }
            r.column_names = index(&r.columns);
        }
        self.row_names = index(&self.rows);
    }
}

/// One format: its name, its years and its three tables.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Format {
    /// `2019` or `2021`, as in the file.
    #[serde(rename = "id")]
    pub key: String,
    /// The format's full name (中华人民共和国政府信息公开工作年度报告格式).
    pub name: String,
    /// 国办公开办函〔2021〕30号.
    pub source: String,
    /// The first report year the format applies to.
    pub first_year: i32,
    /// The last report year it applies to; `None` while current.
    #[serde(default)]
    pub last_year: Option<i32>,
    /// 表二, 表三, 表四, in order.
    pub tables: Vec<TableDef>,
}

impl Format {
    /// The format's id as the model names it.
    pub fn id(&self) -> FormatId {
        if self.key == "2019" {
            FormatId::Y2019
        } else {
            FormatId::Y2021
        }
    }

    /// The table with this id.
    pub fn table(&self, id: &str) -> Option<&TableDef> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// “2019年格式（国办公开办函〔2019〕60号，用于2019、2020年度报告）”.
    pub fn describe(&self) -> String {
        let years = match self.last_year {
            Some(last) => format!("用于{}、{}年度报告", self.first_year, last),
            None => format!("用于{}年度起的报告", self.first_year),
        };
        format!("{}年格式（{}，{}）", self.key, self.source, years)
    }
}

/// Both formats, parsed once from the embedded files.
#[derive(Debug)]
pub struct Formats {
    /// 国办公开办函〔2019〕60号（试行）.
    pub y2019: Format,
    /// 国办公开办函〔2021〕30号.
    pub y2021: Format,
}

impl Formats {
    /// The format with this id.
    pub fn get(&self, id: FormatId) -> &Format {
        match id {
            FormatId::Y2019 => &self.y2019,
            FormatId::Y2021 => &self.y2021,
        }
    }
}

/// The 2019 format file, embedded.
const FORMAT_2019: &str = include_str!("format-2019.yaml");
/// The 2021 format file, embedded.
const FORMAT_2021: &str = include_str!("format-2021.yaml");

/// Parses one embedded format file and normalises its tables.
fn parse(name: &str, text: &str) -> Result<Format, String> {
    let mut f: Format =
        crate::yaml::parse_embedded(text).map_err(|e| format!("内置格式文件 {name} 有误：{e}"))?;
    for t in &mut f.tables {
        t.normalise();
    }
    Ok(f)
}

/// The embedded formats; an error only if a shipped file is broken (a bug, tested).
pub fn formats() -> Result<&'static Formats, &'static str> {
    /// Parsed on first use, shared for the life of the process.
    static FORMATS: OnceLock<Result<Formats, String>> = OnceLock::new();
    FORMATS
        .get_or_init(|| {
            Ok(Formats {
                y2019: parse("format-2019.yaml", FORMAT_2019)?,
                y2021: parse("format-2021.yaml", FORMAT_2021)?,
            })
        })
        .as_ref()
        .map_err(String::as_str)
}

impl Named for TableDef {
    fn id(&self) -> &str {
        &self.id
    }
    fn names(&self) -> Vec<String> {
        let mut v = vec![
            self.id.clone(),
            self.name(),
            self.title.clone(),
            format!("{}、{}", self.number, self.title),
        ];
        v.extend(self.aliases.iter().cloned());
        v
    }
    fn shown(&self) -> String {
        format!("{}（{}{}）", self.id, self.name(), self.title)
    }
}

impl Named for RowDef {
    fn id(&self) -> &str {
        &self.id
    }
    fn names(&self) -> Vec<String> {
        let short = self.short_label();
        let mut v = vec![self.id.clone(), short.to_string(), self.path.concat()];
        if self.path.len() > 2 {
            // （三）不予公开1.属于国家秘密: the two inner levels, as some tables print them.
            v.push(self.path[self.path.len() - 2..].concat());
        }
        let bare = without_numbering(short);
        if bare != short && !bare.is_empty() {
            v.push(bare.to_string());
        }
        v.extend(self.aliases.iter().cloned());
        v
    }
    fn shown(&self) -> String {
        format!("{}（{}）", self.id, self.label())
    }
}

impl Named for ColumnDef {
    fn id(&self) -> &str {
        &self.id
    }
    fn names(&self) -> Vec<String> {
        let mut v = vec![self.id.clone(), self.label.clone()];
        v.extend(self.aliases.iter().cloned());
        v
    }
    fn shown(&self) -> String {
        format!("{}（{}）", self.id, self.label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn both_formats_parse_and_names_are_unique() -> Result<(), &'static str> {
        let f = formats()?;
        for format in [&f.y2019, &f.y2021] {
            assert_eq!(format.tables.len(), 3);
            for t in &format.tables {
                let mut row_names = BTreeMap::new();
                for r in &t.rows {
                    let names: BTreeSet<String> = r.names().iter().map(|n| normalise(n)).collect();
                    for n in names {
                        let prev = row_names.insert(n.clone(), r.id.clone());
                        assert!(prev.is_none(), "{} row name {n}", t.id);
                    }
                    let mut col_names = BTreeMap::new();
                    for c in &r.columns {
                        let names: BTreeSet<String> =
                            c.names().iter().map(|n| normalise(n)).collect();
                        for n in names {
                            let prev = col_names.insert(n.clone(), c.id.clone());
                            assert!(prev.is_none(), "{} col {n}", t.id);
                        }
                    }
                }
                for rule in &t.rules {
                    let (l, r) = rule.sides();
                    for name in l.into_iter().chain(r) {
                        let known = match rule.each {
                            Each::Row => t.columns().iter().any(|c| c.id == name),
                            Each::Column => t.row(name).is_some(),
                        };
                        assert!(known, "{} rule {} names {name}", t.id, rule.code);
                    }
                }
            }
        }
        Ok(())
    }

    #[test]
    fn sizes_match_the_spec() -> Result<(), &'static str> {
        let f = formats()?;
        let cells = |t: &TableDef| t.rows.iter().map(|r| r.columns.len()).sum::<usize>();
        let t = |id| f.y2021.table(id).ok_or("missing");
        assert_eq!(cells(t("zhudong")?), 10);
        assert_eq!(cells(t("shenqing")?), 175);
        assert_eq!(cells(t("fuyi_susong")?), 15);
        let t = |id| f.y2019.table(id).ok_or("missing");
        assert_eq!(cells(t("zhudong")?), 22); // spec §3.7 says 15; its own table has 6+6+6+2+2
        assert_eq!(cells(t("shenqing")?), 161);
        assert_eq!(cells(t("fuyi_susong")?), 15);
        Ok(())
    }

    #[test]
    fn lookup_and_suggestions() -> Result<(), &'static str> {
        let t = formats()?.y2021.table("shenqing").ok_or("missing")?;
        assert_eq!(find(&t.rows, "(一)予以公开").map(|x| x.0), Some(2));
        assert_eq!(find(&t.rows, "本年新收").map(|x| x.0), Some(0));
        assert_eq!(
            suggest(&t.rows, "xinshuo").map(|r| r.id.as_str()),
            Some("xinshou")
        );
        assert!(suggest(&t.rows, "完全无关的名字").is_none());
        Ok(())
    }
}
