//! `#[genauth_api(crate = ...)]` and `#[genauth(crate = ...)]` reach the runtime under another
//! name; `Result<T, E>` with a user error type converts through `From`.

extern crate genauth as sdk;

use sdk::{WireSchema, genauth_api, genauth_endpoint};
use serde::Serialize;

/// The user's own error type.
#[derive(Debug)]
pub struct MyError(pub sdk::Error);

impl From<sdk::Error> for MyError {
    fn from(e: sdk::Error) -> Self {
        MyError(e)
    }
}

#[derive(Serialize, WireSchema)]
#[genauth(crate = sdk)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub struct Body {
    pub secret_value: sdk::Password,
    pub flag_field: Option<String>,
}

#[genauth_api(crate = sdk)]
trait Private {
    #[genauth_endpoint(path = "/x/{id}", method = POST, password = "SECRET_VALUE", password_flag = "FLAG_FIELD")]
    async fn call(&self, id: u32, body: Body) -> Result<u8, MyError>;
}

pub async fn run<T: sdk::Transport>(client: &sdk::GenAuthClient<T>) -> Result<u8, MyError> {
    client
        .call(
            1,
            Body {
                secret_value: "p".into(),
                flag_field: None,
            },
        )
        .await
}

fn main() {
    assert_eq!(PRIVATE_ENDPOINTS[0].path, "/x/{id}");
}
