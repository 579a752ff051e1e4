use genauth::{Result, genauth_api, genauth_endpoint};

pub struct NotSerialize;

#[genauth_api]
pub trait Api {
    #[genauth_endpoint(path = "/api/v3/users", method = POST)]
    async fn create_user(&self, body: NotSerialize) -> Result<()>;
}

fn main() {}
