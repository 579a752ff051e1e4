use genauth::{Password, Result, WireSchema, genauth_api, genauth_endpoint};

#[derive(serde::Serialize, WireSchema)]
pub struct Body {
    pub password: Password,
}

#[genauth_api]
pub trait Api {
    #[genauth_endpoint(path = "/api/v3/reset-password", method = POST, password = "password")]
    async fn reset_password(&self, body: Body) -> Result<()>;
}

fn main() {}
