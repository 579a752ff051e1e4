use genauth::{Result, genauth_api, genauth_endpoint};

#[genauth_api]
pub trait Api {
    #[genauth_endpoint(path = "/api/v3/users", method = GET)]
    async fn list_users(&self, page: u32) -> Result<()>;
}

fn main() {}
