use genauth::{Result, genauth_api, genauth_endpoint};

#[genauth_api]
pub trait Api {
    #[genauth_endpoint(path = "/api/v3/users", method = POST)]
    async fn create_user(&self, body: String, #[body] extra: String) -> Result<()>;
}

fn main() {}
