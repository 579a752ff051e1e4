// Unknown types in the signature are plain rustc errors. The generated impl repeats the
// signature, so rustc may report a return type twice (with and without its suggestion).
use genauth::{Result, genauth_api, genauth_endpoint};

#[genauth_api]
pub trait Api {
    #[genauth_endpoint(path = "/api/v3/users", method = POST)]
    async fn create_user(&self, body: MissingDto) -> Result<MissingUser>;
}

fn main() {}
