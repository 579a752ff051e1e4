//! What a handler sees ([`Ctx`]): header access, the app-id check, the JSON body and the
//! signed-in user.

use serde_json::Value;

use super::{AppIdRule, Reply, ServerState};
use crate::RecordedRequest;
use crate::oidc;
use crate::users::UserId;

/// What a handler sees: the shared state and the recorded request.
pub(crate) struct Ctx<'a> {
    pub(crate) state: &'a ServerState,
    pub(crate) req: &'a RecordedRequest,
}

impl Ctx<'_> {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.req.header(name)
    }

    pub(crate) fn check_app_id(&self, rule: AppIdRule) -> Result<(), Reply> {
        let name = format!("{}app-id", self.state.header_prefix);
        match self.header(&name) {
            Some(id) if id == self.state.app_id => Ok(()),
            Some(_) => Err(Reply::api_error(404, 2011, "application does not exist")),
            None if rule == AppIdRule::Optional => Ok(()),
            None => {
                let other = self
                    .req
                    .headers
                    .iter()
                    .find(|(n, _)| n.ends_with("-app-id"))
                    .map(|(n, _)| {
                        format!(
                            " (got `{n}`; this server expects the prefix `{}`)",
                            self.state.header_prefix
                        )
                    })
                    .unwrap_or_default();
                Err(Reply::error(400, format!("missing `{name}` header{other}")))
            }
        }
    }

    /// The body as a JSON object: requires `content-type: application/json`.
    pub(crate) fn json_body(&self) -> Result<Value, Reply> {
        let content_type = self.header("content-type").unwrap_or_default();
        let essence = content_type.split(';').next().unwrap_or_default().trim();
        if !essence.eq_ignore_ascii_case("application/json") {
            return Err(Reply::error(
                400,
                format!("expected content-type application/json, got {content_type:?}"),
            ));
        }
        if self.req.body.is_empty() {
            return Err(Reply::error(
                400,
                "request body is empty; expected a JSON object",
            ));
        }
        serde_json::from_slice(&self.req.body)
            .map_err(|e| Reply::error(400, format!("malformed JSON body: {e}")))
    }

    /// The user named by the `authorization` header (raw access token or `Bearer <token>`,
    /// from an `/api/v3` login or from `/oidc/token`, unexpired and unrevoked); otherwise
    /// statusCode 401, apiCode 2020.
    pub(crate) fn require_user(&self) -> Result<UserId, Reply> {
        let not_logged_in = || {
            Reply::api_error(
                401,
                2020,
                "not logged in: send a valid access token in `authorization`",
            )
        };
        let authorization = self.header("authorization").ok_or_else(not_logged_in)?;
        let login = self.state.store().user_for_token(authorization);
        login
            .or_else(|| oidc::protocol_token_user(self, authorization))
            .ok_or_else(not_logged_in)
    }
}
