//! The access types serde walks the tree with: a sequence's items, a mapping's entries (the
//! last key remembered for a missing one), the place fields of [`super::Spanned`], and the two
//! ways an enumeration's variant is written.

use super::super::tree::Node;
use super::{De, DeError, SPANNED_FIELDS};
use crate::yaml::Mark;
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    Unexpected, VariantAccess, Visitor,
};

/// A sequence's items.
pub(super) struct Items<'n, 'a>(pub(super) std::slice::Iter<'n, Node<'a>>);

impl<'de> SeqAccess<'de> for Items<'_, '_> {
    type Error = DeError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.0.next() {
            Some(n) => seed.deserialize(De::new(n)).map(Some),
            None => Ok(None),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// A mapping's entries; remembers the last key read (where a missing key is reported).
pub(super) struct Entries<'n, 'a> {
    /// The entries left.
    pub(super) iter: std::slice::Iter<'n, (Node<'a>, Node<'a>)>,
    /// The value of the key just read.
    pub(super) value: Option<&'n Node<'a>>,
    /// The place of the last key read (the mapping's own place before the first).
    pub(super) last_key: Mark,
}

impl<'de> MapAccess<'de> for &mut Entries<'_, '_> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.iter.next() {
            Some((k, v)) => {
                self.value = Some(v);
                self.last_key = k.mark;
                seed.deserialize(De::new(k)).map(Some)
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, DeError> {
        match self.value.take() {
            Some(v) => seed.deserialize(De::new(v)),
            None => Err(de::Error::custom("value asked before its key")),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// The fields [`Spanned`] reads: the node's line, column, then the node itself.
pub(super) struct Place<'n, 'a> {
    /// The node.
    pub(super) node: &'n Node<'a>,
    /// The next field (0 line, 1 column, 2 value, 3 done).
    pub(super) field: usize,
}

impl<'de> MapAccess<'de> for Place<'_, '_> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match SPANNED_FIELDS.get(self.field) {
            Some(name) => seed
                .deserialize(de::value::BorrowedStrDeserializer::new(name))
                .map(Some),
            None => Ok(None),
        }
    }
    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, DeError> {
        let field = self.field;
        self.field += 1;
        match field {
            0 => seed.deserialize(self.node.mark.line().into_deserializer()),
            1 => seed.deserialize(self.node.mark.column().into_deserializer()),
            _ => seed.deserialize(De::new(self.node)),
        }
    }
}

/// An enumeration's unit variant written as a scalar.
pub(super) struct UnitVariant<'t>(pub(super) &'t str);

impl<'de> EnumAccess<'de> for UnitVariant<'_> {
    type Error = DeError;
    type Variant = UnitOnly;
    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, UnitOnly), DeError> {
        let v = seed.deserialize(self.0.into_deserializer())?;
        Ok((v, UnitOnly))
    }
}

/// The content of a variant written as a bare scalar: none.
pub(super) struct UnitOnly;

impl<'de> VariantAccess<'de> for UnitOnly {
    type Error = DeError;
    fn unit_variant(self) -> Result<(), DeError> {
        Ok(())
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Result<T::Value, DeError> {
        Err(de::Error::invalid_type(Unexpected::UnitVariant, &"a value"))
    }
    fn tuple_variant<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value, DeError> {
        Err(de::Error::invalid_type(Unexpected::UnitVariant, &v))
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        Err(de::Error::invalid_type(Unexpected::UnitVariant, &v))
    }
}

/// An enumeration's variant written as a one-entry mapping `{variant: content}`.
pub(super) struct Variant<'n, 'a> {
    /// The variant's name.
    pub(super) key: &'n Node<'a>,
    /// Its content.
    pub(super) value: &'n Node<'a>,
}

impl<'de, 'n, 'a> EnumAccess<'de> for Variant<'n, 'a> {
    type Error = DeError;
    type Variant = De<'n, 'a>;
    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, De<'n, 'a>), DeError> {
        let v = seed.deserialize(De::new(self.key))?;
        Ok((v, De::new(self.value)))
    }
}

impl<'de> VariantAccess<'de> for De<'_, '_> {
    type Error = DeError;
    fn unit_variant(self) -> Result<(), DeError> {
        if self.node.is_null() {
            Ok(())
        } else {
            Err(de::Error::invalid_type(Unexpected::Map, &"a unit variant"))
        }
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value, DeError> {
        self.deserialize_seq(v)
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        self.map(v)
    }
}
