use genauth::{Result, genauth_api, genauth_endpoint};

#[genauth_api]
pub trait Api {
    #[genauth_endpoint(method = GET)]
    async fn system(&self) -> Result<()>;
}

fn main() {}
