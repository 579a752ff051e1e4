use genauth::{Password, Result, WireSchema, genauth_api, genauth_endpoint};

#[derive(serde::Serialize, WireSchema)]
#[serde(rename_all = "camelCase")]
pub struct SignInDto {
    pub password_payload: Option<PasswordPayload>,
    pub options: Option<Options>,
}

#[derive(serde::Serialize, WireSchema)]
pub struct PasswordPayload {
    pub password: Password,
}

#[derive(serde::Serialize, WireSchema)]
#[serde(rename_all = "camelCase")]
pub struct Options {
    pub password_encrypt_type: Option<String>,
}

#[genauth_api]
pub trait Api {
    #[genauth_endpoint(path = "/api/v3/signin", method = POST,
        password = "passwordPayload.password", password = "password_payload.password",
        password_flag = "options.passwordEncryptType")]
    async fn sign_in(&self, body: SignInDto) -> Result<()>;
}

fn main() {}
