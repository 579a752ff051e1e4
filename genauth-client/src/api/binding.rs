//! Account binding: link and unlink external identities, list them, and list the identity
//! providers the application enables.

use crate::error::Result;
use crate::model::{
    ExtIdpInfo, ExtIdpLinkUrl, GenerateLinkExtIdpUrlQuery, Identity, UnlinkExtIdpDto,
};
use crate::{genauth_api, genauth_endpoint};

/// External identities of the user (the docs' "Account Binding" section).
#[genauth_api(replay)]
#[cfg_attr(feature = "mock", mockall::automock)]
pub trait Binding {
    /// A URL that binds an external identity to the user identified by `id_token`
    /// (`GET /api/v3/generate-link-extidp-url`, no user token: the id token in the query
    /// identifies the user). The query names are snake_case on the wire.
    #[genauth_endpoint(path = "/api/v3/generate-link-extidp-url", method = GET)]
    async fn generate_link_ext_idp_url(
        &self,
        #[query] query: GenerateLinkExtIdpUrlQuery,
    ) -> Result<ExtIdpLinkUrl>;

    /// Unlink an external identity provider from the user (`POST /api/v3/unlink-extidp`, user
    /// token).
    #[genauth_endpoint(path = "/api/v3/unlink-extidp", method = POST, auth = user)]
    async fn unlink_ext_idp(&self, body: UnlinkExtIdpDto) -> Result<()>;

    /// The user's external identities (`GET /api/v3/get-identities`, user token).
    #[genauth_endpoint(path = "/api/v3/get-identities", method = GET, auth = user)]
    async fn get_identities(&self) -> Result<Vec<Identity>>;

    /// The external identity-provider connections the application enables, e.g. to render
    /// login buttons (`GET /api/v3/get-application-enabled-extidps`).
    #[genauth_endpoint(path = "/api/v3/get-application-enabled-extidps", method = GET)]
    async fn get_application_enabled_ext_idps(&self) -> Result<Vec<ExtIdpInfo>>;
}
