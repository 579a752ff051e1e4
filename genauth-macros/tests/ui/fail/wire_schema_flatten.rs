//! A flattened field is left out of the schema, so a password path through it is a compile
//! error rather than a password sent in clear.

use genauth::{Password, Result, WireSchema, genauth_api, genauth_endpoint};

#[derive(serde::Serialize, WireSchema)]
pub struct Inner {
    pub password: Password,
}

#[derive(serde::Serialize, WireSchema)]
#[serde(rename_all = "camelCase")]
pub struct Outer {
    pub password_encrypt_type: Option<String>,
    #[serde(flatten)]
    pub inner: Inner,
}

#[genauth_api]
pub trait Api {
    #[genauth_endpoint(path = "/x", method = POST, password = "password",
        password_flag = "passwordEncryptType")]
    async fn call(&self, body: Outer) -> Result<()>;
}

fn main() {}
