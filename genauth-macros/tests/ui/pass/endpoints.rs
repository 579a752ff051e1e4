//! Path, query, body, user-auth and password endpoints, implemented for `GenAuthClient` and
//! callable from generic code whose futures must be `Send`.

use genauth::__private::Endpoint;
use genauth::{
    GenAuthClient, Password, Result, Transport, WireSchema, genauth_api, genauth_endpoint,
};
use serde::{Deserialize, Serialize};

#[derive(Serialize, WireSchema)]
#[serde(rename_all = "camelCase")]
pub struct SignInDto {
    pub password_payload: Option<PasswordPayload>,
    pub options: Option<SignInOptions>,
}

#[derive(Serialize, WireSchema)]
#[serde(rename_all = "camelCase")]
pub struct PasswordPayload {
    pub account: String,
    pub password: Password,
}

#[derive(Serialize, WireSchema)]
#[serde(rename_all = "camelCase")]
pub struct SignInOptions {
    pub password_encrypt_type: Option<String>,
}

// A password body passed by reference is cloned once per call (the hook encrypts in place).
#[derive(Clone, Serialize, WireSchema)]
pub struct UpdatePasswordDto {
    #[serde(rename = "newPassword")]
    pub new_password: Password,
    #[serde(rename = "passwordEncryptType")]
    pub flag: Option<String>,
}

#[derive(Serialize)]
pub struct ListOptions {
    pub page: Option<u32>,
    pub limit: Option<u32>,
}

#[derive(Deserialize)]
pub struct User {
    pub id: String,
}

#[derive(Deserialize)]
pub struct Tokens {
    pub access_token: String,
}

#[genauth_api]
pub trait Users {
    /// A path parameter and a single query parameter.
    #[genauth_endpoint(path = "/api/v3/users/{user_id}", method = GET, auth = user)]
    async fn get_user(
        &self,
        user_id: &str,
        #[query = "withCustomData"] with_custom_data: Option<bool>,
    ) -> Result<User>;

    /// Two path parameters, a flattened query struct and a marked body.
    #[genauth_endpoint(path = "/api/v3/orgs/{org}/users/{id}", method = PUT, auth = client)]
    async fn update_user(
        &self,
        org: u64,
        id: String,
        #[query] options: ListOptions,
        #[body] user: &User2,
    ) -> Result<User>;

    /// Password fields, checked at compile time against the body's wire schema.
    #[genauth_endpoint(path = "/api/v3/signin", method = POST, auth = client,
        password = "passwordPayload.password", password_flag = "options.passwordEncryptType")]
    async fn sign_in(&self, body: SignInDto) -> Result<Tokens>;

    /// A top-level password and flag, a reference body.
    #[genauth_endpoint(path = "/api/v3/update-password", method = POST, auth = user,
        password = "newPassword", password_flag = "passwordEncryptType")]
    async fn update_password(&self, #[body] dto: &UpdatePasswordDto) -> Result<()>;

    /// Form encoding, OAuth replies, no arguments at all.
    #[genauth_endpoint(path = "/oidc/token", method = POST, encoding = form, response = oauth)]
    async fn token(&self, body: ListOptions) -> Result<Tokens>;

    /// Bare, empty, either replies and the other methods.
    #[genauth_endpoint(path = "/a", method = PATCH, response = bare)]
    async fn patch(&self) -> Result<Vec<User>>;
    #[genauth_endpoint(path = "/b/{type}", method = DELETE, response = empty)]
    async fn delete(&self, r#type: u8) -> Result<()>;
    #[genauth_endpoint(path = "/c", method = GET, response = either)]
    async fn either(&self) -> std::result::Result<Option<User>, genauth::Error>;

    /// A default method is left alone (and may call the endpoints).
    fn describe(&self) -> &'static str {
        "users"
    }
}

#[derive(Serialize)]
pub struct User2 {
    pub name: String,
}

fn assert_send<F: Send>(f: F) -> F {
    f
}

/// `GenAuthClient` is a `Users`, and every future is `Send`.
pub async fn use_it<T: Transport>(client: &GenAuthClient<T>) -> Result<()> {
    let _user: User = assert_send(client.get_user("u1", Some(true))).await?;
    let dto = User2 { name: "x".into() };
    let _user = assert_send(client.update_user(
        1,
        "id".into(),
        ListOptions {
            page: Some(1),
            limit: None,
        },
        &dto,
    ))
    .await?;
    let body = SignInDto {
        password_payload: Some(PasswordPayload {
            account: "a".into(),
            password: Password::new("p"),
        }),
        options: None,
    };
    let _tokens = assert_send(client.sign_in(body)).await?;
    assert_send(client.delete(3)).await?;
    let _ = client.describe();
    Ok(())
}

/// Generic code over the trait spawns-safe futures too.
pub fn generic<U: Users + Sync>(
    users: &U,
) -> impl std::future::Future<Output = Result<User>> + Send + '_ {
    users.get_user("u1", None)
}

/// The registry lists every endpoint, in declaration order.
const _: () = {
    let eps: &[&Endpoint] = USERS_ENDPOINTS;
    assert!(eps.len() == 8);
};

fn main() {
    let names: Vec<&str> = USERS_ENDPOINTS.iter().map(|e| e.name).collect();
    assert_eq!(
        names,
        [
            "get_user",
            "update_user",
            "sign_in",
            "update_password",
            "token",
            "patch",
            "delete",
            "either"
        ]
    );
    assert_eq!(USERS_ENDPOINTS[2].passwords, ["passwordPayload.password"]);
    assert_eq!(
        USERS_ENDPOINTS[2].password_flag,
        Some("options.passwordEncryptType")
    );
    assert_eq!(USERS_ENDPOINTS[6].path, "/b/{type}");
}
