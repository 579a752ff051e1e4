use genauth::{Result, genauth_api, genauth_endpoint};

#[genauth_api]
pub trait Api<T> {
    #[genauth_endpoint(path = "/api/v3/system", method = GET)]
    async fn system(&self) -> Result<T>;
}

fn main() {}
