//! `#[dto]` in a crate that reaches the runtime under another name and has no `use serde`:
//! the derives and serde's runtime go through `sdk::__private`.

extern crate genauth as sdk;

use sdk::{Password, Result, dto, genauth_api, genauth_endpoint};

/// A request body with a password, checked by `#[genauth_api]` like a derived one.
#[dto(crate = sdk)]
pub struct SignInDto {
    pub password_payload: Option<PasswordPayload>,
    pub options: Option<Options>,
}

#[dto(crate = sdk, rename_all = "none")]
pub struct PasswordPayload {
    pub password: Password,
    #[serde(rename = "sAMAccountName")]
    pub sam_account_name: Option<String>,
}

#[dto(crate = sdk)]
pub struct Options {
    pub password_encrypt_type: Option<sdk::PasswordEncryptType>,
}

/// A response with every other field kept, `Eq`, and `Copy`-free generics.
#[dto(crate = sdk, extra, eq)]
pub struct Page<T> {
    pub total_count: u64,
    pub list: Vec<T>,
}

#[dto(crate = "sdk", rename_all = "SCREAMING_SNAKE_CASE")]
#[derive(Copy)]
pub struct Flags {
    pub is_new: bool,
}

#[genauth_api(crate = sdk)]
pub trait Api {
    #[genauth_endpoint(path = "/x", method = POST, password = "passwordPayload.password",
        password_flag = "options.passwordEncryptType")]
    async fn sign_in(&self, body: SignInDto) -> Result<Page<Flags>>;
}

fn main() {
    let body = SignInDto {
        password_payload: Some(PasswordPayload {
            password: "pw".into(),
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_eq!(
        sdk::__private::serde_json::to_string(&body).unwrap(),
        r#"{"passwordPayload":{"password":"pw"}}"#
    );
    let page: Page<Flags> = sdk::__private::serde_json::from_str(
        r#"{"totalCount":1,"list":[{"IS_NEW":true}],"next":null}"#,
    )
    .unwrap();
    assert_eq!(page.list, [Flags { is_new: true }]);
    assert!(page.extra.contains_key("next"));
    assert_eq!(page.clone(), page);
    assert_eq!(API_ENDPOINTS.len(), 1);
}
