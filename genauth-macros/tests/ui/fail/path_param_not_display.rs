use genauth::{Result, genauth_api, genauth_endpoint};

pub struct UserId(pub u64);

#[genauth_api]
pub trait Api {
    #[genauth_endpoint(path = "/api/v3/users/{id}", method = GET)]
    async fn get_user(&self, id: UserId) -> Result<()>;
}

fn main() {}
