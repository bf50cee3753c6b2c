//! The typed indicator file after loading: meta, figures (exact decimals with their origin),
//! previous-period figures, and the disclosure tables.
//!
//! These are plain data shared by every stage after load; nothing here reads files or knows
//! YAML, templates or documents. Invariants every producer keeps:
//!
//! - figures are exact ([`rust_decimal::Decimal`], the scale as written: `100.00` stays
//!   `100.00`), never through f64; a figure still to be filled in is [`FigureValue::Pending`];
//! - every written value carries where it was written ([`Origin::Written`]), every computed
//!   one the rule that computed it ([`Origin::Computed`]), so that any printed figure can be
//!   traced back;
//! - [`Report`]s are built by validation only, so a report's figures have passed its checks
//!   (unless rendered as a draft).

mod disclosure;

pub use disclosure::{
    BlankStyle, CellData, CellKind, CellState, DisclosureData, ExtraColumn, ExtraRow,
    FormatExtension, FormatId, Placement, Relabel, TableData,
};

use crate::diagnostic::Location;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

/// The period a report covers: `2020`, `2025-H1`, `2025-H2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    /// A calendar year (`2020`).
    Year(i32),
    /// January to June (`2025-H1`).
    FirstHalf(i32),
    /// July to December (`2025-H2`).
    SecondHalf(i32),
}

impl Period {
    /// The calendar year the period lies in.
    pub fn year(self) -> i32 {
        match self {
            Period::Year(y) | Period::FirstHalf(y) | Period::SecondHalf(y) => y,
        }
    }

    /// Whether the period is a half year.
    pub fn is_half_year(self) -> bool {
        !matches!(self, Period::Year(_))
    }

    /// The same period one year earlier (for 同比).
    pub fn previous_year(self) -> Period {
        match self {
            Period::Year(y) => Period::Year(y - 1),
            Period::FirstHalf(y) => Period::FirstHalf(y - 1),
            Period::SecondHalf(y) => Period::SecondHalf(y - 1),
        }
    }

    /// How the period is written in prose: `2020年`, `2025年上半年`, `2025年下半年`.
    pub fn chinese(self) -> String {
        match self {
            Period::Year(y) => format!("{y}年"),
            Period::FirstHalf(y) => format!("{y}年上半年"),
            Period::SecondHalf(y) => format!("{y}年下半年"),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::FirstHalf(y) => write!(f, "{y}-H1"),
            Period::SecondHalf(y) => write!(f, "{y}-H2"),
        }
    }
}

/// A calendar date, written in documents as `2021年1月7日` (GB/T 9704 7.3.5.1: no leading zeros).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocDate {
    /// The year (1949–2199 when read from a file).
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
    /// The day of the month, valid for the month and year.
    pub day: u32,
}

impl DocDate {
    /// A real date or `None` (month 1–12, day within the month, leap years included).
    pub fn new(year: i32, month: u32, day: u32) -> Option<DocDate> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(DocDate { year, month, day })
    }

    /// `2021年1月7日`: the 成文日期 as printed, no leading zeros.
    pub fn chinese(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

/// Which document an indicator file is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportKind {
    /// 年度工作总结和下年度工作计划 (YAML: `annual`).
    Annual,
    /// 上半年工作总结和下半年工作计划 (YAML: `half-year`).
    HalfYear,
    /// 政府信息公开工作年度报告 (YAML: `disclosure`).
    Disclosure,
}

/// The `meta` part of an indicator file.
#[derive(Debug, Clone)]
pub struct Meta {
    /// 发文机关, as signed at the end.
    pub agency: String,
    /// The period the report covers.
    pub period: Period,
    /// 成文日期; `None` for a disclosure report whose published text shows none (no date is
    /// printed under the sign-off then).
    pub date: Option<DocDate>,
    /// The date is still pending (`date: XX`, as `wengao next` writes it): where it is written.
    /// `date` is then `None` and the sign-off prints `XXXX年XX月XX日`.
    pub date_pending: Option<Location>,
    /// Which document the file is for.
    pub kind: ReportKind,
    /// A title that replaces the template's default title.
    pub title: Option<String>,
    /// `title_lines`: how the title is broken into lines, overriding the chooser.
    pub title_lines: Option<TitleLines>,
    /// The report's own narrative template (path relative to the indicator file).
    pub template: Option<PathBuf>,
    /// Where `meta.template` is written in the indicator file (errors about the template file
    /// itself point here).
    pub template_location: Option<Location>,
    /// How headings of levels 1–4 are numbered (`meta.numbering`, e.g. `["一、", "(一)", "1、",
    /// "(1)"]`); `None`: wengao's 一、（一）1.（1）.
    pub numbering: Option<[String; 4]>,
}

/// The title's lines as written in `meta.title_lines`, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleLines {
    /// The lines, trimmed, none empty.
    pub lines: Vec<String>,
    /// Where `title_lines` was written.
    pub at: Location,
}

/// A figure's value: exact as written (scale kept: `100.00` stays `100.00`), or still pending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FigureValue {
    /// The number exactly as written (or computed), never through f64.
    Exact(Decimal),
    /// `XX` or empty in the file: renders as `XX`.
    Pending,
}

impl FigureValue {
    /// The value, or `None` while pending.
    pub fn decimal(&self) -> Option<Decimal> {
        match self {
            FigureValue::Exact(d) => Some(*d),
            FigureValue::Pending => None,
        }
    }
}

/// An approximation word written with a figure (`约200`, `10余`, `3以上`): the value is exact
/// (200), the word says the real quantity is about, more or less than it, and prints with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Qualifier {
    /// 约200: about.
    About,
    /// 近30: nearly (a little under).
    Nearly,
    /// 超8000: over.
    Over,
    /// 逾100: over (formal).
    Beyond,
    /// 10余: more than (after the number, before the unit: 10余次, 18万余条).
    Odd,
    /// 200多: more than (after the number, before the unit: 200多人).
    More,
    /// 3以上: at least (after the unit: 3%以上, 5人以上).
    AtLeast,
    /// 200左右: around (after the unit: 200人左右).
    Around,
    /// 50上下: around (after the unit: 50人上下).
    Roughly,
}

/// Where a qualifier stands around the figure as printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QualifierPlace {
    /// Before the number: 约200人次.
    BeforeNumber,
    /// Right after the number (and its 万/亿), before the base unit: 10余次, 18万余条.
    AfterNumber,
    /// After the unit: 3%以上, 200人左右.
    AfterUnit,
}

impl Qualifier {
    /// Every qualifier, prefixes first.
    pub const ALL: [Qualifier; 9] = [
        Qualifier::About,
        Qualifier::Nearly,
        Qualifier::Over,
        Qualifier::Beyond,
        Qualifier::Odd,
        Qualifier::More,
        Qualifier::AtLeast,
        Qualifier::Around,
        Qualifier::Roughly,
    ];

    /// The word as written: 约, 近, 超, 逾, 余, 多, 以上, 左右, 上下.
    pub fn word(self) -> &'static str {
        match self {
            Qualifier::About => "约",
            Qualifier::Nearly => "近",
            Qualifier::Over => "超",
            Qualifier::Beyond => "逾",
            Qualifier::Odd => "余",
            Qualifier::More => "多",
            Qualifier::AtLeast => "以上",
            Qualifier::Around => "左右",
            Qualifier::Roughly => "上下",
        }
    }

    /// Where it stands when printed.
    pub fn place(self) -> QualifierPlace {
        match self {
            Qualifier::About | Qualifier::Nearly | Qualifier::Over | Qualifier::Beyond => {
                QualifierPlace::BeforeNumber
            }
            Qualifier::Odd | Qualifier::More => QualifierPlace::AfterNumber,
            Qualifier::AtLeast | Qualifier::Around | Qualifier::Roughly => {
                QualifierPlace::AfterUnit
            }
        }
    }

    /// `number` (with its 万/亿 already applied) and `unit` (empty when not printed) with the
    /// word in its place: 约200人次, 10余次, 18万余条 (number `18`, unit `万条`), 3%以上.
    pub fn print(self, number: &str, unit: &str) -> String {
        let word = self.word();
        match self.place() {
            QualifierPlace::BeforeNumber => format!("{word}{number}{unit}"),
            QualifierPlace::AfterNumber => {
                // 万/亿 belong to the number: 18万余条, not 18余万条.
                let (scale, base) = match unit.chars().next() {
                    Some(c @ ('万' | '亿')) => unit.split_at(c.len_utf8()),
                    _ => ("", unit),
                };
                format!("{number}{scale}{word}{base}")
            }
            QualifierPlace::AfterUnit => format!("{number}{unit}{word}"),
        }
    }
}

/// Where a figure's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Written by the user at this place.
    Written(Location),
    /// Computed by a catalogue relation the user left to wengao; `rule` is the relation as users read it.
    Computed {
        /// The relation as users read it (参保人数 = 职工 + 居民).
        rule: String,
    },
}

impl Origin {
    /// Where a written value is; `None` for computed ones.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Origin::Written(l) => Some(l),
            Origin::Computed { .. } => None,
        }
    }
}

/// One figure of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// The catalogue key (`jumin_canbao_renshu`).
    pub key: String,
    /// Exact or pending.
    pub value: FigureValue,
    /// Written where, or computed by which rule.
    pub origin: Origin,
    /// The approximation word written with it (`约200`), or, for a computed figure, 约 when one
    /// of its inputs is approximate; `None` for an exact figure.
    pub qualifier: Option<Qualifier>,
}

/// A map built from entries in any order, a later entry of a key replacing an earlier one (as
/// inserting them one by one would), several times faster for thousands of entries: the keys
/// are sorted by index, so the (large) values move once, and the map is bulk-built.
pub(crate) fn sorted_map<V>(entries: Vec<(String, V)>) -> BTreeMap<String, V> {
    let order = key_order(entries.iter().map(|(k, _)| k.as_str()));
    map_in_order(entries.into_iter().map(Some).collect(), &order)
}

/// The indexes of `keys` in key order, equal keys by index (a later entry after an earlier
/// one). Several maps of the same keys ([`map_in_order`]) share one sort.
pub(crate) fn key_order<'k>(keys: impl Iterator<Item = &'k str>) -> Vec<usize> {
    // Each key's first eight bytes, zero-padded, as a big-endian number order the keys as the
    // strings do unless they tie; only ties compare whole keys.
    let prefix = |k: &str| {
        let mut b = [0u8; 8];
        let n = k.len().min(8);
        b[..n].copy_from_slice(&k.as_bytes()[..n]);
        u64::from_be_bytes(b)
    };
    let keys: Vec<&str> = keys.collect();
    let mut order: Vec<(u64, usize)> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (prefix(k), i))
        .collect();
    order.sort_unstable_by(|&(pa, a), &(pb, b)| {
        pa.cmp(&pb)
            .then_with(|| keys[a].cmp(keys[b]))
            .then(a.cmp(&b))
    });
    order.into_iter().map(|(_, i)| i).collect()
}

/// The map of the entries present in `slots`, taken in `order` (from [`key_order`] on their
/// keys): of equal keys the last present one stays, as inserting in file order would keep.
pub(crate) fn map_in_order<V>(
    mut slots: Vec<Option<(String, V)>>,
    order: &[usize],
) -> BTreeMap<String, V> {
    let mut sorted: Vec<(String, V)> = Vec::with_capacity(slots.len());
    for &i in order {
        let Some(entry) = slots.get_mut(i).and_then(Option::take) else {
            continue;
        };
        match sorted.last_mut() {
            Some(last) if last.0 == entry.0 => *last = entry,
            _ => sorted.push(entry),
        }
    }
    // Already sorted and without repeats: the map is built in one pass.
    sorted.into_iter().collect()
}

/// A loaded and (after validation) completed indicator file.
#[derive(Debug, Clone)]
pub struct Report {
    /// The file as the user named it (used in every location).
    pub file: String,
    /// The checked meta.
    pub meta: Meta,
    /// Current-period figures by key, including those computed by relations.
    pub figures: BTreeMap<String, Figure>,
    /// Previous-period figures by key (inline `previous:` or loaded from `previous_file:`), for 同比.
    pub previous: BTreeMap<String, Figure>,
    /// The disclosure tables, when the file has a `disclosure` part.
    pub disclosure: Option<DisclosureData>,
}

#[cfg(test)]
mod tests {
    use super::sorted_map;
    use std::collections::BTreeMap;

    #[test]
    fn sorted_map_is_inserting_in_order() {
        let keys = [
            "g10_a",
            "g1_a",
            "g1",
            "jumin_canbao_renshu",
            "jumin_canbao_renshu_b",
            "jumin_canbao",
            "g1_a",
            "",
            "指标",
            "jumin_canbao_renshu",
            "a\0",
            "a",
            "b",
            "g10_a",
        ];
        let entries: Vec<(String, usize)> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.to_string(), i))
            .collect();
        let mut expected = BTreeMap::new();
        for (k, v) in entries.clone() {
            expected.insert(k, v);
        }
        assert_eq!(sorted_map(entries), expected);
    }
}
