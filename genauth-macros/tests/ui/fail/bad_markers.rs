use genauth::{Result, genauth_api, genauth_endpoint};

#[genauth_api]
pub trait Api {
    #[genauth_endpoint(path = "/api/v3/users", method = POST)]
    async fn create(
        &self,
        #[body(json)] a: String,
        #[query(name)] b: u8,
        #[body]
        #[query]
        c: u8,
    ) -> Result<()>;
}

fn main() {}
