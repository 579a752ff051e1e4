//! `#[derive(WireSchema)]` computes wire names the way serde serialises them.

use genauth::wire::{Schema, WireSchema as _, schema_has_path};
use genauth::{Password, WireSchema};
use serde::Serialize;

#[derive(Serialize, WireSchema)]
#[serde(rename_all = "camelCase")]
pub struct Outer {
    pub password_payload: Option<Inner>,
    #[serde(rename = "renamed")]
    pub was_named_otherwise: Inner,
    #[serde(skip)]
    pub skipped: Inner,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maybe: Option<Box<Inner>>,
    pub newtype: Wrapper,
    pub r#type: Kind,
    pub list: Vec<Inner>,
}

#[derive(Serialize, WireSchema)]
#[serde(rename_all = "kebab-case")]
pub struct Inner {
    pub the_password: Password,
}

#[derive(Serialize, WireSchema)]
pub struct Wrapper(pub Inner);

#[derive(Serialize, WireSchema)]
#[serde(transparent)]
pub struct Transparent {
    pub inner: Inner,
}

#[derive(Serialize, WireSchema)]
pub enum Kind {
    #[serde(rename = "A")]
    A,
}

#[derive(Serialize, WireSchema)]
pub struct Generic<T> {
    pub value: T,
}

const _: () = {
    assert!(schema_has_path(
        &Outer::SCHEMA,
        "passwordPayload.the-password"
    ));
    assert!(schema_has_path(&Outer::SCHEMA, "renamed.the-password"));
    assert!(!schema_has_path(&Outer::SCHEMA, "skipped.the-password"));
    assert!(schema_has_path(&Outer::SCHEMA, "maybe.the-password"));
    assert!(schema_has_path(&Outer::SCHEMA, "newtype.the-password"));
    assert!(schema_has_path(&Outer::SCHEMA, "type"));
    assert!(schema_has_path(&Outer::SCHEMA, "list"));
    assert!(!schema_has_path(&Outer::SCHEMA, "list.the-password"));
    assert!(schema_has_path(&Transparent::SCHEMA, "the-password"));
    assert!(schema_has_path(
        &Generic::<Inner>::SCHEMA,
        "value.the-password"
    ));
    assert!(matches!(Kind::SCHEMA, Schema::Leaf));
};

fn main() {}
