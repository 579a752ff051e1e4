use genauth::{Result, genauth_api, genauth_endpoint};

#[genauth_api]
pub trait Api {
    #[genauth_endpoint(path = "/api/v3/users/{user_id}", method = GET)]
    async fn get_user(&self, id: &str) -> Result<()>;
}

fn main() {}
