use genauth::{Result, genauth_api, genauth_endpoint};

#[genauth_api]
pub trait Api {
    #[genauth_endpoint(path = "/api/v3/users/{id}", method = GET)]
    async fn get_user(&self, #[query = "id"] id: u32) -> Result<()>;
}

fn main() {}
