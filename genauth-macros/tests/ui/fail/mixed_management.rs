use genauth::{Result, genauth_api, genauth_endpoint};

#[genauth_api]
pub trait Mixed {
    #[genauth_endpoint(path = "/api/v3/get-profile", method = GET, auth = user)]
    async fn get_profile(&self) -> Result<()>;
    #[genauth_endpoint(path = "/api/v3/get-user", method = GET, auth = management)]
    async fn get_user(&self) -> Result<()>;
}

fn main() {}
