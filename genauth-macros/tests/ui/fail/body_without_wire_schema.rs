use genauth::{Password, Result, genauth_api, genauth_endpoint};

#[derive(serde::Serialize)]
pub struct ResetPasswordDto {
    pub password: Password,
}

#[genauth_api]
pub trait Api {
    #[genauth_endpoint(path = "/api/v3/reset-password", method = POST,
        password = "password", password_flag = "passwordEncryptType")]
    async fn reset_password(&self, body: ResetPasswordDto) -> Result<()>;
}

fn main() {}
