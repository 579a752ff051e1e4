// Several mistakes in one trait: each is reported once, at its own token, in one build.
use genauth::{Result, genauth_api, genauth_endpoint};

#[genauth_api]
pub trait Api {
    #[genauth_endpoint(path = "/a/{id}", method = GET, foo = 1)]
    async fn a(&self, id: u32, stray: u8) -> Result<()>;

    #[genauth_endpoint(path = "/b", method = POST, password = "x", password_flag = "y")]
    async fn b(&self) -> Result<()>;

    #[genauth_endpoint(path = "/c", method = GET)]
    async fn c(self) -> u8;

    /// A valid endpoint next to the broken ones is generated as usual.
    #[genauth_endpoint(path = "/d", method = GET)]
    async fn d(&self) -> Result<()>;
}

/// The trait is still implemented for the client: callers keep compiling.
pub async fn caller(client: &genauth::GenAuthClient) -> Result<()> {
    client.d().await
}

fn main() {}
