//! Serde over the located tree: every reader's `#[derive(Deserialize)]` types (and the
//! hand-written visitors of the disclosure part) read the tree as they would read any YAML
//! deserializer, with [`Spanned`] giving each value's place.
//!
//! Scalars reach visitors as written (`visit_str`); only a reader asking for a number, a bool
//! or "anything" gets a plain scalar resolved by the YAML core schema. A null (empty, `~`,
//! `null`) is `None` for an option, unit for a mapping or list (a mapping visitor may accept
//! it as empty), and an error where text is required. Every error carries the place of the node
//! it concerns: the key for an unknown key, the last key read for a missing one.

mod access;

use super::tree::{Mark, Node, Style, Value, is_null_text};
use access::{Entries, Items, Place, UnitVariant, Variant};
use serde::de::{self, Deserializer, MapAccess, Unexpected, Visitor};
use std::fmt;

/// The name [`Spanned`] asks the deserializer for; answered with the node's line and column.
const SPANNED: &str = "$wengao::yaml::Spanned";
/// The fields of [`Spanned`] as the deserializer hands them over.
const SPANNED_FIELDS: &[&str] = &["line", "column", "value"];

/// A value with the place it was written (the node's start).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where its node starts.
    pub referenced: Mark,
}

impl<'de, T: de::Deserialize<'de>> de::Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: de::Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Spanned<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value with its place")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Spanned<T>, A::Error> {
                let (mut line, mut column, mut value) = (0u32, 0u32, None);
                while let Some(k) = m.next_key::<&str>()? {
                    match k {
                        "line" => line = m.next_value()?,
                        "column" => column = m.next_value()?,
                        _ => value = Some(m.next_value()?),
                    }
                }
                let value = value.ok_or_else(|| de::Error::missing_field("value"))?;
                Ok(Spanned {
                    value,
                    referenced: Mark::new(line, column),
                })
            }
        }
        d.deserialize_struct(SPANNED, SPANNED_FIELDS, V(std::marker::PhantomData))
    }
}

/// What went wrong while reading the tree into a type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ErrorKind {
    /// A visitor's own message.
    Custom(String),
    /// The node is of another kind than the type wants (`expected` as the visitor says it).
    InvalidType {
        /// What the type wanted.
        expected: String,
    },
    /// The value does not fit (a number out of range …).
    InvalidValue {
        /// What was written.
        unexpected: String,
        /// What the type wanted.
        expected: String,
    },
    /// A key the type does not know.
    UnknownField {
        /// The key as written.
        field: String,
        /// The keys it knows, in declaration order.
        expected: &'static [&'static str],
    },
    /// A value an enumeration does not know.
    UnknownVariant {
        /// The value as written.
        variant: String,
        /// The values it knows.
        expected: &'static [&'static str],
    },
    /// A required key is missing.
    MissingField(&'static str),
    /// A key written twice.
    DuplicateField(&'static str),
    /// A null where text is required.
    NullIntoString,
}

/// An error of reading the tree: what, and the place of the node concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DeError {
    /// What went wrong.
    pub kind: ErrorKind,
    /// Where; set by the innermost node that knows.
    pub mark: Option<Mark>,
}

impl DeError {
    /// An error of `kind` without place yet.
    fn new(kind: ErrorKind) -> Self {
        DeError { kind, mark: None }
    }

    /// Places the error at `mark` unless an inner node placed it already.
    fn or_at(mut self, mark: Mark) -> Self {
        self.mark.get_or_insert(mark);
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Custom(m) => f.write_str(m),
            ErrorKind::InvalidType { expected } => write!(f, "invalid type, expected {expected}"),
            ErrorKind::InvalidValue {
                unexpected,
                expected,
            } => write!(f, "invalid value {unexpected}, expected {expected}"),
            ErrorKind::UnknownField { field, .. } => write!(f, "unknown field `{field}`"),
            ErrorKind::UnknownVariant { variant, .. } => write!(f, "unknown variant `{variant}`"),
            ErrorKind::MissingField(k) => write!(f, "missing field `{k}`"),
            ErrorKind::DuplicateField(k) => write!(f, "duplicate field `{k}`"),
            ErrorKind::NullIntoString => f.write_str("null where a string is required"),
        }?;
        if let Some(m) = self.mark {
            write!(f, " at line {} column {}", m.line(), m.column())?;
        }
        Ok(())
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::new(ErrorKind::Custom(msg.to_string()))
    }
    fn invalid_type(_: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        DeError::new(ErrorKind::InvalidType {
            expected: exp.to_string(),
        })
    }
    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        DeError::new(ErrorKind::InvalidValue {
            unexpected: unexp.to_string(),
            expected: exp.to_string(),
        })
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        DeError::new(ErrorKind::UnknownField {
            field: field.to_string(),
            expected,
        })
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        DeError::new(ErrorKind::UnknownVariant {
            variant: variant.to_string(),
            expected,
        })
    }
    fn missing_field(field: &'static str) -> Self {
        DeError::new(ErrorKind::MissingField(field))
    }
    fn duplicate_field(field: &'static str) -> Self {
        DeError::new(ErrorKind::DuplicateField(field))
    }
}

/// A deserializer for one node of the tree.
pub(crate) struct De<'n, 'a> {
    /// The node read.
    node: &'n Node<'a>,
}

impl<'n, 'a> De<'n, 'a> {
    /// Reads `node`.
    pub(crate) fn new(node: &'n Node<'a>) -> Self {
        De { node }
    }

    /// The scalar's text and style, or `None` for a collection.
    fn scalar(&self) -> Option<(&'n str, Style)> {
        match &self.node.value {
            Value::Scalar(t, s) => Some((t.as_ref(), *s)),
            _ => None,
        }
    }

    /// A plain scalar's text (for numbers and bools).
    fn plain(&self) -> Option<&'n str> {
        self.scalar()
            .filter(|(_, s)| *s == Style::Plain)
            .map(|(t, _)| t)
    }

    /// The "wrong kind of node" error for `visitor`, at this node.
    fn wrong<'de, V: Visitor<'de>>(&self, visitor: &V) -> DeError {
        let unexpected = match &self.node.value {
            Value::Seq(_) => Unexpected::Seq,
            Value::Map(_) => Unexpected::Map,
            Value::Scalar(..) if self.node.is_null() => Unexpected::Unit,
            Value::Scalar(t, _) => Unexpected::Str(t),
        };
        <DeError as de::Error>::invalid_type(unexpected, visitor).or_at(self.node.mark)
    }

    /// Places an error of this node's visitor at the node.
    fn at<T>(&self, r: Result<T, DeError>) -> Result<T, DeError> {
        r.map_err(|e| e.or_at(self.node.mark))
    }

    /// Visits a mapping (or null as unit); a missing key is placed at the last key read.
    fn map<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Map(entries) => {
                let mut access = Entries {
                    iter: entries.iter(),
                    value: None,
                    last_key: self.node.mark,
                };
                let r = visitor.visit_map(&mut access);
                let last = access.last_key;
                r.map_err(|e| e.or_at(last))
            }
            Value::Scalar(..) if self.node.is_null() => self.at(visitor.visit_unit()),
            _ => Err(self.wrong(&visitor)),
        }
    }
}

/// A plain scalar as the YAML core schema types it.
enum Typed<'t> {
    /// `null`, `~`, empty.
    Null,
    /// `true`, `false` (any case YAML allows).
    Bool(bool),
    /// A whole number that fits.
    Int(i128),
    /// Another number (`1.5`, `1e3`, `.inf`).
    Float(f64),
    /// Text.
    Str(&'t str),
}

/// Types a plain scalar.
fn typed(t: &str) -> Typed<'_> {
    if is_null_text(t) {
        return Typed::Null;
    }
    match t {
        "true" | "True" | "TRUE" => return Typed::Bool(true),
        "false" | "False" | "FALSE" => return Typed::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Typed::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Typed::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Typed::Float(f64::NAN),
        _ => {}
    }
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    if !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && let Ok(n) = t.parse::<i128>()
    {
        return Typed::Int(n);
    }
    let number_like = digits
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || b == b'.')
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'));
    if number_like && let Ok(f) = t.parse::<f64>() {
        return Typed::Float(f);
    }
    Typed::Str(t)
}

/// Implements the integer and float entry points through the core schema.
macro_rules! numbers {
    ($($method:ident => $visit:ident as $ty:ty),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            match self.plain().map(typed) {
                Some(Typed::Int(n)) => match <$ty>::try_from(n) {
                    Ok(v) => self.at(visitor.$visit(v)),
                    Err(_) => Err(<DeError as de::Error>::invalid_value(
                        Unexpected::Other("a number out of range"),
                        &visitor,
                    )
                    .or_at(self.node.mark)),
                },
                _ => Err(self.wrong(&visitor)),
            }
        }
    )*};
}

impl<'de> Deserializer<'de> for De<'_, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Seq(items) => {
                let r = visitor.visit_seq(Items(items.iter()));
                self.at(r)
            }
            Value::Map(_) => self.map(visitor),
            Value::Scalar(t, Style::Quoted) => self.at(visitor.visit_str(t)),
            Value::Scalar(t, Style::Plain) => self.at(match typed(t) {
                Typed::Null => visitor.visit_unit(),
                Typed::Bool(b) => visitor.visit_bool(b),
                Typed::Int(n) => match (u64::try_from(n), i64::try_from(n)) {
                    (Ok(u), _) => visitor.visit_u64(u),
                    (_, Ok(i)) => visitor.visit_i64(i),
                    _ => visitor.visit_i128(n),
                },
                Typed::Float(f) => visitor.visit_f64(f),
                Typed::Str(s) => visitor.visit_str(s),
            }),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.plain().map(typed) {
            Some(Typed::Bool(b)) => self.at(visitor.visit_bool(b)),
            _ => Err(self.wrong(&visitor)),
        }
    }

    numbers! {
        deserialize_i8 => visit_i8 as i8,
        deserialize_i16 => visit_i16 as i16,
        deserialize_i32 => visit_i32 as i32,
        deserialize_i64 => visit_i64 as i64,
        deserialize_u8 => visit_u8 as u8,
        deserialize_u16 => visit_u16 as u16,
        deserialize_u32 => visit_u32 as u32,
        deserialize_u64 => visit_u64 as u64,
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.plain().map(typed) {
            Some(Typed::Float(f)) => self.at(visitor.visit_f64(f)),
            // Whole numbers as floats: precision loss is the caller's choice of type.
            #[allow(clippy::cast_precision_loss)]
            Some(Typed::Int(n)) => self.at(visitor.visit_f64(n as f64)),
            _ => Err(self.wrong(&visitor)),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.node.is_null() {
            return Err(DeError::new(ErrorKind::NullIntoString).or_at(self.node.mark));
        }
        match self.scalar() {
            Some((t, _)) => self.at(visitor.visit_str(t)),
            None => Err(self.wrong(&visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.node.is_null() {
            self.at(visitor.visit_none())
        } else {
            let mark = self.node.mark;
            visitor.visit_some(self).map_err(|e| e.or_at(mark))
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.node.is_null() {
            self.at(visitor.visit_unit())
        } else {
            Err(self.wrong(&visitor))
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let mark = self.node.mark;
        visitor
            .visit_newtype_struct(self)
            .map_err(|e| e.or_at(mark))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Seq(items) => {
                let r = visitor.visit_seq(Items(items.iter()));
                self.at(r)
            }
            Value::Scalar(..) if self.node.is_null() => self.at(visitor.visit_unit()),
            _ => Err(self.wrong(&visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.map(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name == SPANNED && fields == SPANNED_FIELDS {
            return visitor.visit_map(Place {
                node: self.node,
                field: 0,
            });
        }
        self.map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Scalar(t, _) if !self.node.is_null() => {
                self.at(visitor.visit_enum(UnitVariant(t)))
            }
            Value::Map(entries) if entries.len() == 1 => {
                let (k, v) = &entries[0];
                self.at(visitor.visit_enum(Variant { key: k, value: v }))
            }
            _ => Err(self.wrong(&visitor)),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}
