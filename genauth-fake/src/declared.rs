//! The registry-driven default handler: every endpoint declared anywhere in the program (the
//! generated inventory, `genauth_client::endpoint::endpoints()`, the SDK's traits and any a user
//! declares) that has no handler of its own is answered here.
//!
//! It checks what the declaration says — the app-id header, the body's shape for the declared
//! encoding, client authentication for `auth = client` (per [`crate::FakeServerConfig::auth_method`]),
//! a valid access token for `auth = user`, a management token or request signature instead of the
//! app id for `auth = management` (`crate::management::authenticate`) — and answers a well-formed reply for the declared
//! response kind carrying a sample of the declared response type (`genauth_client::sample`). Endpoints with behaviour worth
//! simulating (sign-in, QR codes, OIDC, passcodes, …) keep their own handlers in `ROUTES`.

use genauth_client::endpoint::{Auth, Encoding, Endpoint, ResponseKind, endpoints};
use genauth_client::replay::{Replay, entry_of};
use serde_json::{Map, Value, json};

use crate::handlers::{AppIdRule, Ctx, Fields, Reply};
use crate::signin::check_client_auth;

/// The declared endpoint a request is for, if any.
pub(crate) fn find(method: &str, path: &str) -> Option<&'static Endpoint> {
    endpoints()
        .map(|(_, ep)| ep)
        .find(|ep| ep.method.as_str() == method && Replay::match_path(ep, path).is_some())
}

/// The declared Management endpoint (`auth = management`) a request is for, if any: for a path
/// both APIs have (`POST /api/v3/pub-userEvent`), which the credentials decide.
pub(crate) fn find_management(method: &str, path: &str) -> Option<&'static Endpoint> {
    endpoints().map(|(_, ep)| ep).find(|ep| {
        ep.auth == Auth::Management
            && ep.method.as_str() == method
            && Replay::match_path(ep, path).is_some()
    })
}

/// Checks a request against its declaration and answers it.
pub(crate) fn handle(ctx: &Ctx<'_>, ep: &'static Endpoint) -> Result<Reply, Reply> {
    if ep.auth == Auth::Management {
        // Management credentials (token or signature) instead of the app id, which the
        // Management API does not read.
        crate::management::authenticate(ctx)?;
    } else {
        let rule = if ctx.req.path.starts_with("/api/") {
            AppIdRule::Required
        } else {
            AppIdRule::Optional
        };
        ctx.check_app_id(rule)?;
    }
    let fields = body_fields(ctx, ep)?;
    match ep.auth {
        // The same client-auth check as sign-in's, per the application's configured method.
        Auth::Client => {
            let body = Value::Object(fields);
            check_client_auth(ctx, &Fields::of(&body, "body")?)?;
        }
        Auth::User => {
            ctx.require_user()?;
        }
        Auth::None | Auth::Management => {}
    }
    // A sample of the declared response type (from its own serde description), so the reply
    // decodes into what the endpoint declares; `{}` for `()` and types that cannot be sampled.
    let data = entry_of(ep)
        .and_then(|r| (r.sample)())
        .unwrap_or_else(|| json!({}));
    Ok(match ep.response {
        ResponseKind::Envelope | ResponseKind::Either => Reply::success(Some(data)),
        ResponseKind::Bare | ResponseKind::OAuth | ResponseKind::Empty | ResponseKind::Text => {
            Reply::Bare(data)
        }
    })
}

/// The body as an object of fields: JSON bodies must be objects (an empty body is a bodiless
/// call), form bodies are parsed as pairs.
fn body_fields(ctx: &Ctx<'_>, ep: &Endpoint) -> Result<Map<String, Value>, Reply> {
    if ctx.req.body.is_empty() {
        return Ok(Map::new());
    }
    match ep.encoding {
        Encoding::Json => match ctx.json_body()? {
            Value::Object(map) => Ok(map),
            _ => Err(Reply::error(400, "the body must be a JSON object")),
        },
        Encoding::Form => Ok(form_urlencoded::parse(&ctx.req.body)
            .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
            .collect()),
    }
}
