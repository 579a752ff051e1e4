use genauth::{Result, genauth_api, genauth_endpoint};

#[derive(serde::Serialize)]
pub struct Body {
    pub password: String,
}

#[genauth_api]
pub trait Api {
    // The password hook encrypts typed JSON bodies only: a form body would send it in clear.
    #[genauth_endpoint(path = "/api/v3/reset-password", method = POST, encoding = form,
        password = "password", password_flag = "passwordEncryptType")]
    async fn reset_password(&self, body: &Body) -> Result<()>;
}

fn main() {}
