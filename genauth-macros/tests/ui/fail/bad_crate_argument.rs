use genauth::{Result, genauth_api, genauth_endpoint};

#[genauth_api(krate = genauth)]
pub trait Api {
    #[genauth_endpoint(path = "/api/v3/system", method = GET)]
    async fn system(&self) -> Result<()>;
}

fn main() {}
