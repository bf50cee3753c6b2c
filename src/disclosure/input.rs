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

/// The `disclosure` part of an indicator file, as written.
///
/// ```yaml
/// disclosure:
///   format: 2019          # 可省：按报告年度（2019、2020 用 2019 年格式，2021 起用 2021 年格式）
///   blank: blank          # 空白单元格印成空白（blank，默认）或 0（zero）
///   shenqing:             # 表三（也可写“表三”）
///     xinshou: {ziranren: 3, zongji: 3}   # 行名: {列名: 值}；行名、列名可写拼音 id 或中文
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DisclosureInput {
    /// `format:` (or `格式:`), with the key's place.
    pub format: Option<(Spanned<String>, Spanned<Option<Text>>)>,
    /// `blank:` (or `空白:`): how blank cells print.
    pub blank: Option<(Spanned<String>, Spanned<Option<Text>>)>,
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
