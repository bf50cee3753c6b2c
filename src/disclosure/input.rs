//! The `disclosure` part of an indicator file as written: tables, rows and cells addressed by the
//! names users type, every key and value with its place in the file; cells kept as source text.
//!
//! Nothing is judged here: unknown names, scalars where a mapping belongs and values of the
//! wrong kind are kept (a mapping that is not one becomes [`Entries::NotMap`]) so that the
//! check can report each at its place, all in one pass, instead of the parser stopping at the
//! first.

use crate::diagnostic::Location;
use crate::yaml::{self, Spanned, Text};
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A mapping of named entries in file order, or something that is not a mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entries<T> {
    /// The entries, keys with their places, in file order (duplicates kept for the check).
    Map(Vec<(Spanned<String>, T)>),
    /// A scalar or a list where a mapping was expected (reported by the check, not the loader).
    NotMap,
}

impl<T> Default for Entries<T> {
    fn default() -> Self {
        Entries::Map(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Entries<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Entries<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("名称: 值 的映射")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
                let mut v = Vec::new();
                while let Some(k) = m.next_key::<Spanned<String>>()? {
                    v.push((k, m.next_value::<T>()?));
                }
                Ok(Entries::Map(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Self::Value, A::Error> {
                while s.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Entries::NotMap)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Entries::Map(Vec::new()))
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Entries::Map(Vec::new()))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Entries::NotMap)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(Entries::NotMap)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(Entries::NotMap)
            }
            fn visit_i128<E: de::Error>(self, _: i128) -> Result<Self::Value, E> {
                Ok(Entries::NotMap)
            }
            fn visit_u128<E: de::Error>(self, _: u128) -> Result<Self::Value, E> {
                Ok(Entries::NotMap)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(Entries::NotMap)
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
                Ok(Entries::NotMap)
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// One cell as written: `自然人: 3`; `None` when the value is empty or `~`.
pub type CellInput = Spanned<Option<Text>>;
/// One row: its cells by column name.
pub type RowInput = Spanned<Entries<CellInput>>;

/// One table: its rows by row name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableInput {
    /// The table's name as written (`shenqing`, `表三`), with its place.
    pub name: Spanned<String>,
    /// Its rows by name.
    pub rows: Spanned<Entries<RowInput>>,
}

/// A setting of the `disclosure` part: its key and its value, each with its place.
pub type Setting = (Spanned<String>, Spanned<Option<Text>>);

/// One declared row: `{table: 表二, label: 其他主动公开文件, after: 规范性文件}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtraRowInput {
    /// The table (id or name).
    pub table: Spanned<Text>,
    /// The row's id; the label when left out.
    #[serde(default)]
    pub id: Option<Spanned<Text>>,
    /// The label printed.
    pub label: Spanned<Text>,
    /// The row it follows (id or name).
    #[serde(default)]
    pub after: Option<Spanned<Text>>,
    /// The row it precedes (id or name).
    #[serde(default)]
    pub before: Option<Spanned<Text>>,
    /// `false`: not added to the totals its neighbour is a part of.
    #[serde(default)]
    pub in_totals: Option<Spanned<Text>>,
}

/// One declared column: `{table: 表三, label: 个体工商户, after: 商业企业}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtraColumnInput {
    /// The table (id or name).
    pub table: Spanned<Text>,
    /// 表二: the section (`（一）`, `第二十条第（一）项`).
    #[serde(default)]
    pub section: Option<Spanned<Text>>,
    /// The column's id; the label when left out.
    #[serde(default)]
    pub id: Option<Spanned<Text>>,
    /// The label printed in the header.
    pub label: Spanned<Text>,
    /// `count` (default), `change` or `amount`.
    #[serde(default)]
    pub kind: Option<Spanned<Text>>,
    /// The unit its head states (amounts).
    #[serde(default)]
    pub unit: Option<Spanned<Text>>,
    /// The column it follows (id or name).
    #[serde(default)]
    pub after: Option<Spanned<Text>>,
    /// The column it precedes (id or name).
    #[serde(default)]
    pub before: Option<Spanned<Text>>,
    /// `false`: not added to the totals its neighbour is a part of.
    #[serde(default)]
    pub in_totals: Option<Spanned<Text>>,
}

/// One changed label: `{table: 表二, row: 规范性文件, label: 规范性文件(……)}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelabelInput {
    /// The table (id or name).
    pub table: Spanned<Text>,
    /// The row to relabel (id or name).
    #[serde(default)]
    pub row: Option<Spanned<Text>>,
    /// The column to relabel (id or name).
    #[serde(default)]
    pub column: Option<Spanned<Text>>,
    /// The label printed instead.
    pub label: Spanned<Text>,
}

/// A format extension as written (inline under `extend:` or in its own file).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtendSpec {
    /// The format the extension is written for (`2019`, `2021`); checked when given.
    #[serde(default)]
    pub format: Option<Spanned<Text>>,
    /// Added rows.
    #[serde(default)]
    pub rows: Vec<Spanned<ExtraRowInput>>,
    /// Added columns.
    #[serde(default)]
    pub columns: Vec<Spanned<ExtraColumnInput>>,
    /// Changed labels.
    #[serde(default)]
    pub labels: Vec<Spanned<RelabelInput>>,
}

/// `extend:` as written: the declarations themselves, or the path of a file holding them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtendInput {
    /// Declarations written in the indicator file.
    Inline(ExtendSpec),
    /// A format-extension file, relative to the indicator file.
    File(String),
}

impl<'de> Deserialize<'de> for ExtendInput {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ExtendInput;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("扩展声明（rows、columns、labels）或扩展文件的路径")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(ExtendInput::File(v.trim().to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(ExtendInput::Inline(ExtendSpec::default()))
            }
            fn visit_map<A: MapAccess<'de>>(self, m: A) -> Result<Self::Value, A::Error> {
                ExtendSpec::deserialize(de::value::MapAccessDeserializer::new(m))
                    .map(ExtendInput::Inline)
            }
        }
        d.deserialize_any(V)
    }
}

/// The `disclosure` part of an indicator file, as written.
///
/// ```yaml
/// disclosure:
///   format: 2019          # 可省：按报告年度（2019、2020 用 2019 年格式，2021 起用 2021 年格式）
///   blank: blank          # 空白单元格印成空白（blank，默认）或 0（zero）
///   totals: compute       # 可省：没写的总计由分项算出（默认照写：没写就空白）
///   extend: hubei.yaml    # 可省：省里增加的行、列（或直接写 rows/columns/labels）
///   shenqing:             # 表三（也可写“表三”）
///     xinshou: {ziranren: 3, zongji: 3}   # 行名: {列名: 值}；行名、列名可写拼音 id 或中文
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DisclosureInput {
    /// `format:` (or `格式:`), with the key's place.
    pub format: Option<Setting>,
    /// `blank:` (or `空白:`): how blank cells print.
    pub blank: Option<Setting>,
    /// `totals:` (or `总计:`): whether totals left out are computed.
    pub totals: Option<Setting>,
    /// `extend:` (or `扩展:`): rows, columns and labels a province adds.
    pub extend: Option<(Spanned<String>, Spanned<ExtendInput>)>,
    /// Every other key: a table (unknown names are reported by the check).
    pub tables: Vec<TableInput>,
}

impl<'de> Deserialize<'de> for DisclosureInput {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = DisclosureInput;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("政府信息公开年报的三张表（表名: 各行）")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
                let mut input = DisclosureInput::default();
                while let Some(k) = m.next_key::<Spanned<String>>()? {
                    match k.value.trim() {
                        "format" | "格式" => input.format = Some((k, m.next_value()?)),
                        "blank" | "空白" => input.blank = Some((k, m.next_value()?)),
                        "totals" | "总计" => input.totals = Some((k, m.next_value()?)),
                        "extend" | "扩展" => input.extend = Some((k, m.next_value()?)),
                        _ => input.tables.push(TableInput {
                            name: k,
                            rows: m.next_value()?,
                        }),
                    }
                }
                Ok(input)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(DisclosureInput::default())
            }
        }
        d.deserialize_map(V)
    }
}

/// Where a spanned value was written in `file`; `None` when the parser knows no place.
pub(super) fn place<T>(file: &str, s: &Spanned<T>) -> Option<Location> {
    Some(yaml::at(file, s)).filter(|l| l.line > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct File {
        disclosure: DisclosureInput,
    }

    #[test]
    fn keeps_text_places_and_blanks() -> Result<(), crate::diagnostic::Diagnostic> {
        let y = "disclosure:\n  format: 2019\n  表二:\n    行政处罚: {上一年: 0, 本年增减: 增1, chuli: 1}\n    guizhang:\n      xin_zhizuo:\n      fee: 96171.60\n  oops: 3\n";
        let f: File = crate::yaml::parse(&crate::source::SourceFile::new("t.yaml", y.to_string()))?;
        let d = f.disclosure;
        let format = d.format.as_ref().and_then(|(_, v)| v.value.clone());
        assert_eq!(format, Some(Text("2019".into())));
        assert_eq!(d.tables.len(), 2);
        let Entries::Map(rows) = &d.tables[0].rows.value else {
            panic!("rows")
        };
        let Entries::Map(cells) = &rows[0].1.value else {
            panic!("cells")
        };
        assert_eq!(cells[1].0.value, "本年增减");
        assert_eq!(cells[1].1.value, Some(Text("增1".into())));
        assert_eq!(cells[1].1.referenced.line(), 4);
        let Entries::Map(cells) = &rows[1].1.value else {
            panic!("cells")
        };
        assert_eq!(cells[0].1.value, None);
        assert_eq!(cells[1].1.value, Some(Text("96171.60".into())));
        assert_eq!(d.tables[1].rows.value, Entries::NotMap);
        assert_eq!(d.tables[1].name.referenced.line(), 8);
        Ok(())
    }
}
