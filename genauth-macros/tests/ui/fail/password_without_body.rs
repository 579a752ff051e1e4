use genauth::{Result, genauth_api, genauth_endpoint};

#[genauth_api]
pub trait Api {
    #[genauth_endpoint(path = "/api/v3/reset-password", method = POST,
        password = "password", password_flag = "passwordEncryptType")]
    async fn reset_password(&self) -> Result<()>;
}

fn main() {}
