//! Compile-time wire schemas: which dotted JSON paths a body type has.
//!
//! `#[derive(WireSchema)]` (from `genauth-macros`) describes a DTO's fields by their *wire* names
//! (after serde renames). `#[genauth_endpoint(password = "a.b")]` then checks, in a `const`
//! assertion, that `a.b` exists in the body type, so a typo is a compile error rather than a
//! password silently sent in clear.

use std::collections::{BTreeMap, HashMap};

use crate::crypto::PasswordEncryptType;
use crate::secret::{Password, Secret};

/// Shape of a type as it appears on the wire.
#[derive(Debug, Clone, Copy)]
pub enum Schema {
    /// A scalar (string, number, bool, password, arbitrary JSON): no sub-paths.
    Leaf,
    /// An object with named fields (wire names) and their schemas.
    Struct(&'static [(&'static str, &'static Schema)]),
}

/// Implemented by body types whose fields can be named in `password = "..."`.
///
/// Derive it with `#[derive(WireSchema)]`; `Option<T>` forwards to `T`. Besides the
/// compile-time [`Schema`], the derive generates the run-time accessors the password hook uses:
/// it reaches the password fields and the `passwordEncryptType` flag of a typed body by their
/// dotted wire paths, encrypts in place and serialises once — no JSON value round trip.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no wire schema",
    label = "the password hook needs `#[derive(WireSchema)]` on `{Self}`",
    note = "derive it on the body type and on every nested payload a `password` path goes through"
)]
pub trait WireSchema {
    /// The type's wire shape.
    const SCHEMA: Schema;

    /// The password at the dotted wire `path` (relative to this value), if present.
    fn password_mut(&mut self, path: &str) -> Option<&mut Password> {
        let _ = path;
        None
    }

    /// The `passwordEncryptType` slot at `path`; with `create`, absent optional parents on the
    /// way are filled with their [`WireSchema::wire_default`] so the flag can be set.
    fn flag_mut(&mut self, path: &str, create: bool) -> Option<FlagSlot<'_>> {
        let _ = (path, create);
        None
    }

    /// A value whose every field is at its wire default (absent optionals), if the type has
    /// one: all-optional structs do, anything with a required field does not.
    fn wire_default() -> Option<Self>
    where
        Self: Sized,
    {
        None
    }

    /// The flag slot when this type is the `T` of an `Option<T>` at the flag's path.
    #[doc(hidden)]
    fn flag_in_option(slot: &mut Option<Self>) -> Option<FlagSlot<'_>>
    where
        Self: Sized,
    {
        let _ = slot;
        None
    }
}

/// Where a body keeps its `passwordEncryptType`.
#[derive(Debug)]
pub enum FlagSlot<'a> {
    /// An optional field (absent: the client default applies).
    Optional(&'a mut Option<PasswordEncryptType>),
    /// A required field.
    Required(&'a mut PasswordEncryptType),
}

impl FlagSlot<'_> {
    /// The value set in the body, if any.
    pub fn get(&self) -> Option<PasswordEncryptType> {
        match self {
            FlagSlot::Optional(v) => **v,
            FlagSlot::Required(v) => Some(**v),
        }
    }

    /// Sets the flag.
    pub fn set(&mut self, value: PasswordEncryptType) {
        match self {
            FlagSlot::Optional(v) => **v = Some(value),
            FlagSlot::Required(v) => **v = value,
        }
    }
}

/// `"a.b.c"` → `("a", "b.c")`; `"a"` → `("a", "")`.
#[doc(hidden)]
pub fn split_wire_path(path: &str) -> (&str, &str) {
    match path.split_once('.') {
        Some((head, rest)) => (head, rest),
        None => (path, ""),
    }
}

impl WireSchema for Password {
    const SCHEMA: Schema = Schema::Leaf;
    fn password_mut(&mut self, path: &str) -> Option<&mut Password> {
        path.is_empty().then_some(self)
    }
}

impl WireSchema for PasswordEncryptType {
    const SCHEMA: Schema = Schema::Leaf;
    fn flag_mut(&mut self, path: &str, _create: bool) -> Option<FlagSlot<'_>> {
        path.is_empty().then_some(FlagSlot::Required(self))
    }
    fn flag_in_option(slot: &mut Option<Self>) -> Option<FlagSlot<'_>> {
        Some(FlagSlot::Optional(slot))
    }
}

macro_rules! leaf {
    ($($t:ty),* $(,)?) => { $( impl WireSchema for $t { const SCHEMA: Schema = Schema::Leaf; } )* };
}
leaf!(
    String,
    &str,
    Secret,
    bool,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    f32,
    f64,
    serde_json::Value,
    serde_json::Map<String, serde_json::Value>,
);

impl<T: WireSchema> WireSchema for Option<T> {
    const SCHEMA: Schema = T::SCHEMA;
    fn password_mut(&mut self, path: &str) -> Option<&mut Password> {
        self.as_mut()?.password_mut(path)
    }
    fn flag_mut(&mut self, path: &str, create: bool) -> Option<FlagSlot<'_>> {
        if path.is_empty() {
            return T::flag_in_option(self);
        }
        if self.is_none() && create {
            *self = Some(T::wire_default()?);
        }
        self.as_mut()?.flag_mut(path, create)
    }
    fn wire_default() -> Option<Self> {
        Some(None)
    }
}
impl<T: WireSchema> WireSchema for Box<T> {
    const SCHEMA: Schema = T::SCHEMA;
    fn password_mut(&mut self, path: &str) -> Option<&mut Password> {
        (**self).password_mut(path)
    }
    fn flag_mut(&mut self, path: &str, create: bool) -> Option<FlagSlot<'_>> {
        (**self).flag_mut(path, create)
    }
    fn wire_default() -> Option<Self> {
        T::wire_default().map(Box::new)
    }
}
impl<T> WireSchema for Vec<T> {
    const SCHEMA: Schema = Schema::Leaf;
}
impl<K, V> WireSchema for HashMap<K, V> {
    const SCHEMA: Schema = Schema::Leaf;
}
impl<K, V> WireSchema for BTreeMap<K, V> {
    const SCHEMA: Schema = Schema::Leaf;
}

const fn bytes_eq(a: &[u8], a_start: usize, a_end: usize, b: &[u8]) -> bool {
    if a_end - a_start != b.len() {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if a[a_start + i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether the dotted wire `path` names a leaf field of `schema` (usable in `const` context).
pub const fn schema_has_path(schema: &Schema, path: &str) -> bool {
    let p = path.as_bytes();
    if p.is_empty() {
        return false;
    }
    let mut current = schema;
    let mut start = 0;
    loop {
        // Find the end of this segment.
        let mut end = start;
        while end < p.len() && p[end] != b'.' {
            end += 1;
        }
        if end == start {
            return false;
        }
        let fields = match current {
            Schema::Struct(fields) => *fields,
            Schema::Leaf => return false,
        };
        let mut i = 0;
        let mut found: Option<&Schema> = None;
        while i < fields.len() {
            if bytes_eq(p, start, end, fields[i].0.as_bytes()) {
                found = Some(fields[i].1);
                break;
            }
            i += 1;
        }
        match found {
            None => return false,
            Some(next) => {
                if end == p.len() {
                    return matches!(next, Schema::Leaf);
                }
                current = next;
                start = end + 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INNER: Schema =
        Schema::Struct(&[("password", &Schema::Leaf), ("account", &Schema::Leaf)]);
    const OUTER: Schema =
        Schema::Struct(&[("passwordPayload", &INNER), ("connection", &Schema::Leaf)]);

    #[test]
    fn finds_nested_leaves_only() {
        assert!(schema_has_path(&OUTER, "passwordPayload.password"));
        assert!(schema_has_path(&OUTER, "connection"));
        assert!(!schema_has_path(&OUTER, "passwordPayload"));
        assert!(!schema_has_path(&OUTER, "passwordPayload.pass"));
        assert!(!schema_has_path(&OUTER, "passwordPayload.password.x"));
        assert!(!schema_has_path(&OUTER, "connection.x"));
        assert!(!schema_has_path(&OUTER, ""));
        assert!(!schema_has_path(&OUTER, "passwordPayload..password"));
    }

    const _: () = assert!(schema_has_path(&OUTER, "passwordPayload.account"));
}
