//! CAS ticket validation (protocol `cas`): the service side checks the ticket the CAS login
//! redirected back with. The login and logout URLs are built by [`crate::oidc`].

use crate::error::Result;
use crate::model::CasV1Validation;
use crate::{genauth_api, genauth_endpoint};

/// CAS 1.0 and 2.0 ticket validation, one line each.
#[genauth_api(replay)]
#[cfg_attr(feature = "mock", mockall::automock)]
pub trait Cas {
    /// CAS 1.0 validation (`GET /cas-idp/{appId}/validate?service=…&ticket=…`, no auth): the
    /// reply is `text/plain`, `yes\n<username>\n` or `no\n\n` — see [`CasV1Validation`]. (The py
    /// SDK parses this text as JSON and fails; node returns the text. We return it typed.)
    #[genauth_endpoint(path = "/cas-idp/{app_id}/validate", method = GET, response = text)]
    async fn validate_ticket_v1(
        &self,
        app_id: &str,
        #[query = "service"] service: &str,
        #[query = "ticket"] ticket: &str,
    ) -> Result<CasV1Validation>;

    /// CAS 2.0 validation (`GET /cas-idp/{appId}/serviceValidate`, no auth), `format` `JSON`
    /// (node's default, sent only when given) or `XML`. The reply's shape is not established by
    /// the recordings or the docs: it is returned as raw JSON.
    #[genauth_endpoint(path = "/cas-idp/{app_id}/serviceValidate", method = GET, response = bare)]
    async fn validate_ticket_v2(
        &self,
        app_id: &str,
        #[query = "service"] service: &str,
        #[query = "ticket"] ticket: &str,
        #[query = "format"] format: Option<String>,
    ) -> Result<serde_json::Value>;
}
