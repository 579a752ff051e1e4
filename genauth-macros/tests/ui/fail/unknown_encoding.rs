use genauth::{Result, genauth_api, genauth_endpoint};

#[genauth_api]
pub trait Api {
    #[genauth_endpoint(path = "/oidc/token", method = POST, encoding = xml)]
    async fn token(&self, body: ()) -> Result<()>;
}

fn main() {}
