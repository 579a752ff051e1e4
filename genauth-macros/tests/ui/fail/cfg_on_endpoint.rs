use genauth::{genauth_api, genauth_endpoint};

#[genauth_api]
pub trait Api {
    #[cfg(any())]
    #[genauth_endpoint(path = "/api/v3/system", method = GET)]
    async fn system(&self) -> genauth::Result<()>;
}

fn main() {}
