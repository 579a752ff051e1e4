use genauth::{Result, genauth_api, genauth_endpoint};

#[genauth_api]
pub trait Api {
    #[genauth_endpoint(path = "api/v3/system", method = GET)]
    async fn no_leading_slash(&self) -> Result<()>;

    #[genauth_endpoint(path = "/api/v3/users/{id", method = GET)]
    async fn unclosed(&self, id: u32) -> Result<()>;

    #[genauth_endpoint(path = "/api/v3/users/id}", method = GET)]
    async fn unopened(&self) -> Result<()>;
}

fn main() {}
