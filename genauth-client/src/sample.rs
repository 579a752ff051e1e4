//! A sample value of any `Deserialize` type, built from the type's own serde description.
//!
//! [`sample_of`] drives `T::deserialize` with a deserializer that answers every request with a
//! plausible value (`"sample"`, `1`, `true`, one-element lists, every struct field present, the
//! first variant of an enum), then serialises the result. The fake server answers a declared
//! endpoint with no handler of its own with the sample of its response type, so what it sends
//! always decodes into what the endpoint declares. Not public API.

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde::{Deserialize, Serialize};

/// Nesting depth after which optional values are absent and lists empty (recursive types).
const MAX_DEPTH: usize = 6;

/// The JSON of a sample `T`, or `None` when the type cannot be sampled this way (a custom
/// `Deserialize` that wants something this deserializer does not offer).
pub fn sample_of<T: for<'de> Deserialize<'de> + Serialize>() -> Option<serde_json::Value> {
    let value = T::deserialize(Sampler { depth: 0 }).ok()?;
    serde_json::to_value(value).ok()
}

#[derive(Clone, Copy)]
struct Sampler {
    depth: usize,
}

#[derive(Debug)]
struct SampleError(String);

impl std::fmt::Display for SampleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for SampleError {}
impl de::Error for SampleError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        SampleError(msg.to_string())
    }
}

impl Sampler {
    fn deeper(self) -> Self {
        Sampler {
            depth: self.depth + 1,
        }
    }
}

macro_rules! number {
    ($($method:ident => $visit:ident($value:expr)),* $(,)?) => {
        $(fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, SampleError> {
            v.$visit($value)
        })*
    };
}

impl<'de> de::Deserializer<'de> for Sampler {
    type Error = SampleError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, SampleError> {
        v.visit_str("sample")
    }
    number! {
        deserialize_bool => visit_bool(true),
        deserialize_i8 => visit_i8(1), deserialize_i16 => visit_i16(1),
        deserialize_i32 => visit_i32(1), deserialize_i64 => visit_i64(1),
        deserialize_u8 => visit_u8(1), deserialize_u16 => visit_u16(1),
        deserialize_u32 => visit_u32(1), deserialize_u64 => visit_u64(1),
        deserialize_f32 => visit_f32(1.0), deserialize_f64 => visit_f64(1.0),
        deserialize_char => visit_char('s'),
        deserialize_str => visit_str("sample"), deserialize_string => visit_str("sample"),
        deserialize_bytes => visit_bytes(b"sample"), deserialize_byte_buf => visit_bytes(b"sample"),
        deserialize_identifier => visit_str("sample"),
    }
    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value, SampleError> {
        v.visit_unit()
    }
    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, SampleError> {
        v.visit_unit()
    }
    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, SampleError> {
        if self.depth >= MAX_DEPTH {
            v.visit_none()
        } else {
            v.visit_some(self.deeper())
        }
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        v: V,
    ) -> Result<V::Value, SampleError> {
        v.visit_unit()
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        v: V,
    ) -> Result<V::Value, SampleError> {
        v.visit_newtype_struct(self)
    }
    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, SampleError> {
        let len = usize::from(self.depth < MAX_DEPTH);
        v.visit_seq(Seq {
            left: len,
            inner: self.deeper(),
        })
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, v: V) -> Result<V::Value, SampleError> {
        v.visit_seq(Seq {
            left: len,
            inner: self.deeper(),
        })
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        len: usize,
        v: V,
    ) -> Result<V::Value, SampleError> {
        self.deserialize_tuple(len, v)
    }
    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, SampleError> {
        v.visit_map(Fields {
            names: &[],
            next: 0,
            inner: self.deeper(),
        })
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, SampleError> {
        v.visit_map(Fields {
            names: fields,
            next: 0,
            inner: self.deeper(),
        })
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, SampleError> {
        let first = variants.first().copied().unwrap_or("sample");
        v.visit_enum(Enum {
            variant: first,
            inner: self.deeper(),
        })
    }
}

struct Seq {
    left: usize,
    inner: Sampler,
}

impl<'de> de::SeqAccess<'de> for Seq {
    type Error = SampleError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, SampleError> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(self.inner).map(Some)
    }
}

struct Fields {
    names: &'static [&'static str],
    next: usize,
    inner: Sampler,
}

impl<'de> de::MapAccess<'de> for Fields {
    type Error = SampleError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, SampleError> {
        let Some(name) = self.names.get(self.next) else {
            return Ok(None);
        };
        self.next += 1;
        let key: de::value::StrDeserializer<'_, SampleError> = name.into_deserializer();
        seed.deserialize(key).map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, SampleError> {
        seed.deserialize(self.inner)
    }
}

struct Enum {
    variant: &'static str,
    inner: Sampler,
}

impl<'de> de::EnumAccess<'de> for Enum {
    type Error = SampleError;
    type Variant = Sampler;
    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Sampler), SampleError> {
        let key: de::value::StrDeserializer<'_, SampleError> = self.variant.into_deserializer();
        Ok((seed.deserialize(key)?, self.inner))
    }
}

impl<'de> de::VariantAccess<'de> for Sampler {
    type Error = SampleError;
    fn unit_variant(self) -> Result<(), SampleError> {
        Ok(())
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, SampleError> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: Visitor<'de>>(self, len: usize, v: V) -> Result<V::Value, SampleError> {
        de::Deserializer::deserialize_tuple(self, len, v)
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, SampleError> {
        de::Deserializer::deserialize_struct(self, "", fields, v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Inner {
        user_id: String,
        tags: Vec<String>,
        nested: Option<Box<Inner>>,
    }

    #[test]
    fn samples_fill_every_field_and_decode_back() {
        let v = sample_of::<Inner>().unwrap();
        assert_eq!(v["userId"], "sample");
        assert_eq!(v["tags"], serde_json::json!(["sample"]));
        // Recursion stops: the value is finite and decodes back.
        let back: Inner = serde_json::from_value(v).unwrap();
        assert_eq!(back.user_id, "sample");
        let v = sample_of::<crate::LoginTokenSet>().unwrap();
        let _: crate::LoginTokenSet = serde_json::from_value(v).unwrap();
    }
}
