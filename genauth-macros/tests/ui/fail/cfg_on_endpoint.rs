use genauth_client::{Result, genauth_api, genauth_endpoint};

#[genauth_api]
pub trait Api {
    #[cfg(feature = "extra")]
    #[genauth_endpoint(path = "/api/v3/system", method = GET)]
    async fn system(&self) -> Result<()>;
}

fn main() {}
