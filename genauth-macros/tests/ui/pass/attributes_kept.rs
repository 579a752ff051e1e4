//! Every user attribute survives: docs (checked by `deny(missing_docs)`), `cfg_attr`,
//! `allow`, `must_use`-style attributes on the trait and on methods.
#![deny(missing_docs)]

/// The API module: everything public in it must be documented, so the docs must survive.
pub mod api {
    use genauth::{Result, genauth_api, genauth_endpoint};

    /// The trait's own docs.
    #[genauth_api]
    #[cfg_attr(any(), some::thing)]
    #[allow(clippy::all)]
    pub trait Health {
        /// The method's docs.
        #[cfg_attr(any(), some::other_thing)]
        #[genauth_endpoint(path = "/api/v3/system", method = GET, response = either)]
        #[doc(alias = "health")]
        async fn system(&self) -> Result<String>;
    }
}

fn main() {
    assert_eq!(api::HEALTH_ENDPOINTS.len(), 1);
    assert_eq!(api::HEALTH_ENDPOINTS[0].name, "system");
}
